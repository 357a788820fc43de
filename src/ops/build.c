/*
 * build.c - the build process one action at a time: a portfolio and its
 * starter preset (catalogue), custom services, and the command line's
 * select, assign, score and evidence, each a row of rows.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "io/catalog.h"
#include "ops/ops_int.h"
#include "util/xalloc.h"

/* Select the services of preset pr into the (empty) portfolio pid. */
static int preset_fill(struct store *st, long long pid, const struct framework *fw,
		       const struct preset *pr, struct err *e)
{
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < pr->n_levels; i++) {
		struct portfolio tmp;
		struct entry *en;
		int lv = level_parse(pr->levels[i].level);
		if (lv < 0 || rule_service(fw, pr->levels[i].ref_id, NULL) < 0)
			return err_fail(e, ERR_INTERNAL, "preset", MSG_E_OPS_PRESET_BROKEN, pr->id,
					pr->levels[i].ref_id, pr->levels[i].level);
		portfolio_init(&tmp);
		en = portfolio_add_entry(&tmp, pr->levels[i].ref_id);
		en->level = lv;
		rc = store_entry_put(st, pid, en, -1, e);
		portfolio_release(&tmp);
	}
	return rc;
}

/* The preset called id of fw, or ERR_NOT_FOUND naming it. */
static int preset_find(const struct framework *fw, const char *id, const struct preset **out,
		       struct err *e)
{
	*out = id ? framework_preset(fw, id) : NULL;
	if (*out)
		return 0;
	return err_fail(e, ERR_NOT_FOUND, "preset", MSG_E_OPS_PRESET_UNKNOWN, id ? id : "", fw->id);
}

int ops_portfolio_new(struct store *st, const char *org, const char *fw_id, const char *preset,
		      struct err *e)
{
	const struct framework *fw;
	const struct preset *pr = NULL;
	long long org_id, pid;
	int rc;

	rc = ops_resolve(st, org, fw_id, &org_id, NULL, e);
	if (rc)
		return rc;
	fw = catalog_get(fw_id);
	if (preset && (rc = preset_find(fw, preset, &pr, e)))
		return rc;
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = ops_field(e, store_portfolio_new(st, org_id, fw_id, &pid, e), "");
	if (!rc && pr)
		rc = preset_fill(st, pid, fw, pr, e);
	return ops_tx_end(st, rc, e);
}

int ops_preset_apply(struct store *st, const char *org, const char *fw_id, const char *preset,
		     struct err *e)
{
	const struct preset *pr;
	struct portfolio p;
	int rc;

	rc = ops_tx_load(st, org, fw_id, &p, e);
	if (rc)
		return rc;
	rc = preset_find(p.fw, preset, &pr, e);
	if (!rc && p.n_entries)
		rc = err_fail(e, ERR_CONFLICT, "", MSG_E_OPS_PRESET_NOT_EMPTY);
	if (!rc)
		rc = preset_fill(st, p.id, p.fw, pr, e);
	portfolio_release(&p);
	return ops_tx_end(st, rc, e);
}

int ops_select(struct store *st, const char *org, const char *fw_id, const char *const *refs,
	       size_t n_refs, const char *level, struct err *e)
{
	struct ops_rows rows = {0};
	struct ops_row *v;
	size_t i;
	int rc;

	if (level_parse(level) < 0)
		return err_fail(e, ERR_INVALID, "level", MSG_E_OPS_LEVEL_UNKNOWN,
				level ? level : "");
	if (!n_refs)
		return err_fail(e, ERR_INVALID, "ref", MSG_E_OPS_NO_SERVICE);
	v = xcalloc(n_refs, sizeof(*v));
	for (i = 0; i < n_refs; i++) {
		v[i].ref = refs[i];
		v[i].version = -1;
		v[i].level = level;
	}
	rows.v = v;
	rows.n = n_refs;
	rc = ops_rows_save(st, NULL, org, fw_id, &rows, e);
	free(v);
	return rc;
}

int ops_service_add(struct store *st, const char *org, const char *fw_id, const char *ref,
		    const char *name_en, const char *name_ja, const char *category,
		    const char *level, struct err *e)
{
	struct portfolio p;
	struct entry *en;
	int rc, lv;

	rc = ops_field(e, rule_custom_ref(ref, e), "ref");
	if (!rc)
		rc = ops_field(e, rule_custom_name(ref, name_en, e), "name_en");
	if (rc)
		return rc;
	rc = ops_tx_load(st, org, fw_id, &p, e);
	if (rc)
		return rc;
	/* an organization's own service is assessed as the framework's are */
	if (!level)
		level = assessment_has_sides(p.fw->custom_assessment) ? "standard" : "in_scope";
	lv = level_parse(level);
	if (lv < 0)
		rc = err_fail(e, ERR_INVALID, "level", MSG_E_OPS_LEVEL_UNKNOWN_SHORT, level);
	if (!rc)
		rc = rule_level(p.fw, ref, lv, e);
	if (!rc)
		rc = ops_field(e, rule_custom_unique(&p, ref, e), "ref");
	if (!rc)
		rc = ops_field(e, rule_custom_category(p.fw, category, e), "category");
	if (!rc) {
		en = portfolio_add_entry(&p, ref);
		en->custom = 1;
		en->level = lv;
		en->assessment = p.fw->custom_assessment;
		en->custom_name_en = xstrdup(name_en);
		en->custom_name_ja = name_ja && *name_ja ? xstrdup(name_ja) : NULL;
		en->custom_category = xstrdup(category);
		rc = store_entry_put(st, p.id, en, -1, e);
	}
	portfolio_release(&p);
	return ops_tx_end(st, rc, e);
}

/* One row of one entry with no checks of its own. */
static void row_init(struct ops_row *r, const char *ref, long long expect_version)
{
	memset(r, 0, sizeof(*r));
	r->ref = ref;
	r->version = expect_version < 0 ? -1 : expect_version;
}

int ops_assign(struct store *st, const char *org, const char *fw_id, const char *ref,
	       const char *assignment, const char *team, const char *provider,
	       long long expect_version, int *advice, struct err *e)
{
	struct ops_row row;
	struct ops_rows rows = {.v = &row, .n = 1};
	int rc;

	if (advice)
		*advice = OPS_NO_ADVICE;
	if (assignment_parse(assignment) < 0)
		return err_fail(e, ERR_INVALID, "assignment", MSG_E_OPS_ASSIGNMENT_UNKNOWN,
				assignment ? assignment : "");
	row_init(&row, ref, expect_version);
	row.assignment = assignment;
	row.team = team ? team : ""; /* none given is none, not the stored one */
	row.provider = provider ? provider : "";
	rc = ops_rows_run(st, NULL, org, fw_id, &rows, 1, e);
	if (!rc && advice)
		*advice = rows.advice;
	return rc;
}

int ops_score(struct store *st, const char *org, const char *fw_id, const char *ref,
	      const char *side, const char *current, const char *target, const char *note,
	      long long expect_version, int *used, struct err *e)
{
	struct ops_row row;
	struct ops_rows rows = {.v = &row, .n = 1};
	int s = side ? side_parse(side) : -1, rc;

	if (side && s < 0)
		return err_fail(e, ERR_INVALID, "side", MSG_E_OPS_SIDE_UNKNOWN, side);
	if (!current && !target && !note)
		return err_fail(e, ERR_INVALID, "", MSG_E_OPS_NOTHING_TO_CHANGE);
	row_init(&row, ref, expect_version);
	if (s >= 0) {
		row.check_sides = 1u << s;
		row.score[s][OPS_CURRENT] = current;
		row.score[s][OPS_TARGET] = target;
	} else {
		row.any[OPS_CURRENT] = current;
		row.any[OPS_TARGET] = target;
	}
	row.note = note;
	rc = ops_rows_run(st, NULL, org, fw_id, &rows, 1, e);
	if (!rc && used)
		*used = s >= 0 ? s : rows.side >= 0 ? rows.side : SIDE_INSOURCE;
	return rc;
}

int ops_evidence(struct store *st, const char *org, const char *fw_id, const char *ref,
		 const char *evidence, long long expect_version, struct err *e)
{
	struct ops_row row;
	struct ops_rows rows = {.v = &row, .n = 1};

	row_init(&row, ref, expect_version);
	row.evidence = evidence ? evidence : "";
	return ops_rows_run(st, NULL, org, fw_id, &rows, 1, e);
}
