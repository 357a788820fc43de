/*
 * oscal_results.c - a portfolio as OSCAL assessment-results and as a plan of
 * action and milestones (see oscal.h; the props are listed in
 * docs/formats.md).
 *
 * Assessment results: one result per cycle (a closed one from its frozen
 * snapshot, with its end; the open one from the live portfolio); per selected entry (not
 * the parts of a service) one observation carrying the facts as cdcf props
 * (level, assignment, team, provider, per side current and target, the
 * entry's current, target and gap) and one finding on the entry's control
 * (the catalog's control id), satisfied when the entry has reached its
 * target, not satisfied when it has a gap or is not assessed yet.
 * POA&M: a poam-item per gap (in priority order, score_gaps) and per open
 * improvement action.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "io/oscal.h"
#include "io/oscal_int.h"
#include "store/cycle_json.h"
#include "util/xalloc.h"

/* The documents are written in English, like the names of the services in them. */
#define T(id) tr(LANG_EN, (id))

/* "3", "2.5", "n/a"; NULL when not assessed. */
static const char *score_text(int v, char buf[24])
{
	if (v == SCORE_NA)
		return "n/a";
	if (v == SCORE_NONE)
		return NULL;
	snprintf(buf, 24, "%d", v);
	return buf;
}

static const char *figure_text(double v, char buf[32])
{
	snprintf(buf, 32, "%.2f", score_round(v));
	/* 3.00 -> 3, 2.50 -> 2.5 */
	if (strchr(buf, '.')) {
		size_t n = strlen(buf);

		while (buf[n - 1] == '0')
			buf[--n] = 0;
		if (buf[n - 1] == '.')
			buf[--n] = 0;
	}
	return buf;
}

/* The uuid of what within the portfolio p. */
static void uuid_of(const struct portfolio *p, const char *what, const char *ref, char out[37])
{
	size_t n = strlen(p->org_name) + strlen(p->framework_id) + strlen(what) +
		   (ref ? strlen(ref) : 0) + 8;
	char *name = xmalloc(n);

	snprintf(name, n, "%s\n%s\n%s\n%s", p->org_name, p->framework_id, what, ref ? ref : "");
	oscal_uuid5(name, out);
	free(name);
}

static json_t *metadata(const struct portfolio *p, const char *kind, const char *now)
{
	json_t *meta = json_object(), *props = json_array();
	char title[600], cyc[16];

	snprintf(title, sizeof(title), "%s: %s, %s", kind, p->org_name,
		 p->fw ? framework_name(p->fw, "en") : p->framework_id);
	snprintf(cyc, sizeof(cyc), "%d", p->cycle);
	oscal_set_line(meta, "title", title, kind);
	json_object_set_new(meta, "last-modified", json_string(now));
	json_object_set_new(meta, "version", json_string(cyc));
	json_object_set_new(meta, "oscal-version", json_string(OSCAL_VERSION));
	oscal_prop(props, "organization", p->org_name, 1);
	oscal_prop(props, "framework-id", p->framework_id, 1);
	oscal_prop(props, "cycle", cyc, 1);
	oscal_set_props(meta, props);
	return meta;
}

static int counted(const struct entry *en)
{
	return !en->part && en->level != LEVEL_NOT_REQUIRED;
}

static json_t *entry_props(const struct entry *en)
{
	static const char *const side_names[SIDE_COUNT] = {"insource", "outsource"};
	json_t *props = json_array();
	char buf[24], fig[32], name[32];
	double v;
	int s;

	oscal_prop(props, "level", level_name(en->level), 1);
	if (entry_has_sides(en))
		oscal_prop(props, "assignment", assignment_name(en->assignment), 1);
	oscal_prop(props, "team", en->team, 1);
	oscal_prop(props, "provider", en->provider, 1);
	for (s = 0; s < SIDE_COUNT; s++) {
		if (entry_has_sides(en) && !entry_uses_side(en, (enum side)s) &&
		    en->score[s].current == SCORE_NONE && en->score[s].target == SCORE_NONE)
			continue;
		snprintf(name, sizeof(name), "%s-current", side_names[s]);
		oscal_prop(props, entry_has_sides(en) ? name : "current-score",
			   score_text(en->score[s].current, buf), 1);
		snprintf(name, sizeof(name), "%s-target", side_names[s]);
		oscal_prop(props, entry_has_sides(en) ? name : "target-score",
			   score_text(en->score[s].target, buf), 1);
		if (!entry_has_sides(en))
			break;
	}
	if (!entry_figure(en, 0, &v))
		oscal_prop(props, "current", figure_text(v, fig), 1);
	if (!entry_figure(en, 1, &v))
		oscal_prop(props, "target", figure_text(v, fig), 1);
	if (!entry_gap(en, &v))
		oscal_prop(props, "gap", figure_text(v, fig), 1);
	return props;
}

/* The result of one cycle c; p names the portfolio (organization, framework). */
static json_t *result_json(const struct portfolio *p, const struct oscal_cycle *c, const char *now)
{
	const struct portfolio *cp = c->p;
	json_t *res = json_object(), *obs = json_array(), *finds = json_array(),
	       *sel = json_array(), *cs, *props;
	char uuid[37], ouuid[37], title[600], key[600], num[24];
	size_t i;

	snprintf(num, sizeof(num), "%d", c->number);
	uuid_of(p, "result", num, uuid);
	snprintf(title, sizeof(title), "%s %d", T(MSG_OSCAL_CYCLE), c->number);
	json_object_set_new(res, "uuid", json_string(uuid));
	json_object_set_new(res, "title", json_string(title));
	json_object_set_new(
	    res, "description",
	    json_string(T(c->end ? MSG_OSCAL_RESULT_CLOSED : MSG_OSCAL_RESULT_OPEN)));
	json_object_set_new(res, "start", json_string(c->start ? c->start : now));
	if (c->end)
		json_object_set_new(res, "end", json_string(c->end));
	props = json_array();
	oscal_prop(props, "cycle", num, 1);
	oscal_prop(props, "cycle-state", c->end ? "closed" : "open", 1);
	oscal_set_props(res, props);
	for (i = 0; i < cp->n_entries; i++) {
		const struct entry *en = &cp->entries[i];
		json_t *o, *f;
		char *tok, *name;
		double gap;
		int has_gap, assessed;

		if (!counted(en))
			continue;
		tok = oscal_token(en->ref_id);
		name = oscal_line(entry_name(cp, en, "en"));
		json_array_append_new(sel, json_pack("{s:s}", "control-id", tok));
		snprintf(key, sizeof(key), "%d\n%s", c->number, en->ref_id);
		uuid_of(p, "observation", key, ouuid);
		o = json_object();
		json_object_set_new(o, "uuid", json_string(ouuid));
		snprintf(title, sizeof(title), "%s %s", en->ref_id, name ? name : "");
		oscal_set_line(o, "title", title, en->ref_id);
		json_object_set_new(o, "description", json_string(T(MSG_OSCAL_OBSERVATION)));
		props = entry_props(en);
		oscal_prop(props, "label", en->ref_id, 0);
		oscal_set_props(o, props);
		json_object_set_new(o, "methods", json_pack("[s]", "EXAMINE"));
		json_object_set_new(o, "collected", json_string(c->end ? c->end : now));
		if (en->note && *en->note)
			json_object_set_new(o, "remarks", json_string(en->note));
		json_array_append_new(obs, o);

		has_gap = !entry_gap(en, &gap) && gap > 0;
		assessed = entry_assessed(en);
		uuid_of(p, "finding", key, uuid);
		f = json_object();
		json_object_set_new(f, "uuid", json_string(uuid));
		oscal_set_line(f, "title", title, en->ref_id);
		json_object_set_new(f, "description",
				    json_string(!assessed ? T(MSG_OSCAL_NOT_ASSESSED)
						: has_gap ? T(MSG_OSCAL_BELOW_TARGET)
							  : T(MSG_OSCAL_AT_TARGET)));
		props = json_array();
		oscal_prop(props, "level", level_name(en->level), 1);
		oscal_set_props(f, props);
		json_object_set_new(
		    f, "target",
		    json_pack("{s:s, s:s, s:{s:s}}", "type", "objective-id", "target-id", tok,
			      "status", "state",
			      assessed && !has_gap ? "satisfied" : "not-satisfied"));
		json_object_set_new(f, "related-observations",
				    json_pack("[{s:s}]", "observation-uuid", ouuid));
		json_array_append_new(finds, f);
		free(tok);
		free(name);
	}
	cs = json_object();
	if (json_array_size(sel)) {
		json_object_set_new(cs, "include-controls", sel);
	} else {
		json_decref(sel);
		json_object_set_new(cs, "include-all", json_object());
	}
	json_object_set_new(res, "reviewed-controls",
			    json_pack("{s:[o]}", "control-selections", cs));
	if (json_array_size(obs))
		json_object_set_new(res, "observations", obs);
	else
		json_decref(obs);
	if (json_array_size(finds))
		json_object_set_new(res, "findings", finds);
	else
		json_decref(finds);
	return res;
}

json_t *oscal_assessment_results_json(const struct portfolio *p, const struct oscal_cycle *cycles,
				      size_t n_cycles, const char *now)
{
	json_t *ar = json_object(), *results = json_array();
	char uuid[37];
	size_t i;

	uuid_of(p, "assessment-results", NULL, uuid);
	json_object_set_new(ar, "uuid", json_string(uuid));
	json_object_set_new(ar, "metadata", metadata(p, T(MSG_OSCAL_AR_TITLE), now));
	json_object_set_new(ar, "import-ap",
			    json_pack("{s:s, s:s}", "href", "#", "remarks", T(MSG_OSCAL_NO_PLAN)));
	for (i = 0; i < n_cycles; i++)
		json_array_append_new(results, result_json(p, &cycles[i], now));
	if (!n_cycles) {
		struct oscal_cycle open = {p, p->cycle, NULL, NULL};

		json_array_append_new(results, result_json(p, &open, now));
	}
	json_object_set_new(ar, "results", results);
	return json_pack("{s:o}", "assessment-results", ar);
}

json_t *oscal_poam_json(const struct portfolio *p, const struct action *actions, size_t n_actions,
			const char *now)
{
	json_t *poam = json_object(), *items = json_array();
	struct gap *gaps = NULL;
	size_t n_gaps = score_gaps(p, &gaps), i;
	char uuid[37], title[700], buf[24], id[32];

	uuid_of(p, "poam", NULL, uuid);
	json_object_set_new(poam, "uuid", json_string(uuid));
	json_object_set_new(poam, "metadata", metadata(p, T(MSG_OSCAL_POAM_TITLE), now));
	for (i = 0; i < n_gaps; i++) {
		const struct entry *en = &p->entries[gaps[i].entry];
		json_t *it = json_object(), *props;
		char *name = oscal_line(entry_name(p, en, "en"));

		uuid_of(p, "gap", en->ref_id, uuid);
		snprintf(title, sizeof(title), "%s: %s %s", T(MSG_OSCAL_GAP), en->ref_id,
			 name ? name : "");
		json_object_set_new(it, "uuid", json_string(uuid));
		oscal_set_line(it, "title", title, en->ref_id);
		json_object_set_new(it, "description", json_string(T(MSG_OSCAL_GAP_DESC)));
		props = entry_props(en);
		oscal_prop(props, "label", en->ref_id, 0);
		snprintf(buf, sizeof(buf), "%zu", i + 1);
		oscal_prop(props, "priority", buf, 1);
		oscal_prop(props, "item-kind", "gap", 1);
		oscal_set_props(it, props);
		json_array_append_new(items, it);
		free(name);
	}
	free(gaps);
	for (i = 0; i < n_actions; i++) {
		const struct action *a = &actions[i];
		json_t *it = json_object(), *props = json_array();

		if (a->status && strcmp(a->status, "open"))
			continue;
		snprintf(id, sizeof(id), "%lld", a->id);
		uuid_of(p, "action", id, uuid);
		json_object_set_new(it, "uuid", json_string(uuid));
		oscal_set_line(it, "title", a->title, T(MSG_OSCAL_ACTION));
		json_object_set_new(it, "description", json_string(T(MSG_OSCAL_ACTION_DESC)));
		oscal_prop(props, "label", a->ref_id, 0);
		oscal_prop(props, "item-kind", "action", 1);
		oscal_prop(props, "action-id", id, 1);
		oscal_prop(props, "owner", a->owner, 1);
		oscal_prop(props, "due", a->due, 1);
		oscal_prop(props, "target-score", score_text(a->target, buf), 1);
		oscal_prop(props, "status", a->status, 1);
		oscal_set_props(it, props);
		json_array_append_new(items, it);
	}
	if (!json_array_size(items)) {
		uuid_of(p, "no-gaps", NULL, uuid);
		json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "uuid", uuid, "title",
						       T(MSG_OSCAL_NO_ITEMS), "description",
						       T(MSG_OSCAL_NO_ITEMS_DESC)));
	}
	json_object_set_new(poam, "poam-items", items);
	return json_pack("{s:o}", "plan-of-action-and-milestones", poam);
}

int oscal_portfolio_export(struct store *st, const struct portfolio *p, int poam, const char *now,
			   json_t **out, struct err *e)
{
	struct action *actions = NULL;
	struct cycle *c = NULL;
	struct oscal_cycle *oc;
	struct portfolio *frozen;
	size_t n = 0, k = 0, i;
	int rc;

	*out = NULL;
	if (poam) {
		rc = store_action_list(st, p->id, NULL, &actions, &n, e);
		if (!rc)
			*out = oscal_poam_json(p, actions, n, now);
		action_list_free(actions, n);
		return rc;
	}
	rc = store_cycle_list(st, p->id, &c, &n, e);
	if (rc)
		return rc;
	oc = xcalloc(n + 1, sizeof(*oc));
	frozen = xcalloc(n + 1, sizeof(*frozen));
	for (i = 0; i < n; i++) {
		json_t *snap;

		if (!c[i].closed_at || !c[i].snapshot_json)
			continue; /* the open cycle: the live portfolio, below */
		portfolio_init(&frozen[k]);
		snap = json_loads(c[i].snapshot_json, 0, NULL);
		/* an unreadable snapshot gives a result without entries */
		if (snap)
			(void)snapshot_to_portfolio(snap, p->fw, &frozen[k]);
		json_decref(snap);
		portfolio_bind(&frozen[k]);
		oc[k].p = &frozen[k];
		oc[k].number = c[i].number;
		oc[k].start = c[i].opened_at;
		oc[k].end = c[i].closed_at;
		k++;
	}
	oc[k].p = p;
	oc[k].number = p->cycle;
	for (i = 0; i < n; i++)
		if (c[i].number == p->cycle && !c[i].closed_at)
			oc[k].start = c[i].opened_at;
	*out = oscal_assessment_results_json(p, oc, k + 1, now);
	for (i = 0; i < k; i++)
		portfolio_release(&frozen[i]);
	free(frozen);
	free(oc);
	cycle_list_free(c, n);
	return 0;
}
