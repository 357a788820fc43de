/*
 * audit_log.c - the audit log in people's words (audit_log.h): the words of
 * event codes and field keys, values as text, the walk over what changed,
 * and the CSV for spreadsheets.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/level.h"
#include "report/audit_log.h"
#include "report/report.h"

static const struct {
	const char *code;
	enum msg_id text;
} events[] = {
    {"entry.add", MSG_WM_EV_ENTRY_ADD},
    {"entry.update", MSG_WM_EV_ENTRY_UPDATE},
    {"entry.delete", MSG_WM_EV_ENTRY_DELETE},
    {"entry.position", MSG_QUAD_EV_POSITION},
    {"action.add", MSG_WM_EV_ACTION_ADD},
    {"action.edit", MSG_WM_EV_ACTION_EDIT},
    {"action.delete", MSG_WM_EV_ACTION_DELETE},
    {"action.set_status", MSG_WM_EV_ACTION_STATUS},
    {"cycle.close", MSG_WM_EV_CYCLE_CLOSE},
    {"portfolio.new", MSG_WM_EV_PORTFOLIO_NEW},
    {"portfolio.schedule", MSG_WM_EV_PORTFOLIO_SCHEDULE},
    {"org.add", MSG_WM_EV_ORG_ADD},
    {"org.rename", MSG_WM_EV_ORG_RENAME},
    {"org.delete", MSG_WM_EV_ORG_DELETE},
    {"org.set_parent", MSG_WM_EV_ORG_PARENT},
    {"team.add", MSG_WM_EV_TEAM_ADD},
    {"team.rename", MSG_WM_EV_TEAM_RENAME},
    {"team.delete", MSG_WM_EV_TEAM_DELETE},
    {"provider.add", MSG_WM_EV_PROVIDER_ADD},
    {"provider.rename", MSG_WM_EV_PROVIDER_RENAME},
    {"provider.delete", MSG_WM_EV_PROVIDER_DELETE},
    {"provider.link", MSG_PROVIDER_EV_LINK},
    {"provider.unlink", MSG_PROVIDER_EV_UNLINK},
    {"provider.share", MSG_PROVIDER_EV_SHARE},
    {"provider.unshare", MSG_PROVIDER_EV_UNSHARE},
    {"membership.set", MSG_WM_EV_MEMBERSHIP_SET},
    {"membership.delete", MSG_WM_EV_MEMBERSHIP_DELETE},
    {"user.add", MSG_WM_EV_USER_ADD},
    {"user.flags", MSG_WM_EV_USER_FLAGS},
    {"user.lang", MSG_WM_EV_USER_LANG},
    {"user.password", MSG_WM_EV_USER_PASSWORD},
    {"token.create", MSG_WM_EV_TOKEN_CREATE},
    {"token.delete", MSG_WM_EV_TOKEN_DELETE},
    {"session.create", MSG_WM_EV_SESSION_CREATE},
    {"session.delete", MSG_WM_EV_SESSION_DELETE},
};

static const struct {
	const char *key;
	enum msg_id text;
} fields[] = {
    {"ref", MSG_SERVICE},
    {"skill", MSG_WEB_BUILD_Q_SKILL},
    {"information", MSG_WEB_BUILD_Q_INFO},
    {"level", MSG_LEVEL},
    {"assignment", MSG_ASSIGNMENT},
    {"team", MSG_WM_F_TEAM},
    {"provider", MSG_WM_F_PROVIDER},
    {"insource", MSG_SIDE_INSOURCE},
    {"outsource", MSG_SIDE_OUTSOURCE},
    {"current", MSG_CURRENT},
    {"target", MSG_TARGET},
    {"note", MSG_WM_F_NOTE},
    {"evidence", MSG_WM_F_EVIDENCE},
    {"version", MSG_WM_F_VERSION},
    {"name", MSG_WM_F_NAME},
    {"title", MSG_WM_F_TITLE},
    {"owner", MSG_WM_F_OWNER},
    {"due", MSG_WM_F_DUE},
    {"status", MSG_WM_F_STATUS},
    {"role", MSG_WM_F_ROLE},
    {"parent", MSG_WM_F_PARENT},
    {"next_evaluation", MSG_WM_F_NEXT_EVALUATION},
    {"approved_by", MSG_WM_APPROVED_BY},
    {"user", MSG_WM_F_USER},
    {"created_at", MSG_WM_F_CREATED},
    {"done_at", MSG_WM_F_DONE_AT},
    {"lang", MSG_WM_F_LANG},
    {"admin", MSG_WM_F_ADMIN},
    {"disabled", MSG_WM_F_DISABLED},
    {"custom", MSG_WM_F_CUSTOM},
    {"id", MSG_WM_F_NUMBER},
    {"framework", MSG_FRAMEWORK},
    {"cycle", MSG_CYCLE},
    {"name_en", MSG_WM_F_NAME_EN},
    {"name_ja", MSG_WM_F_NAME_JA},
    {"category", MSG_CATEGORY},
};

/* Stored names of roles (store_user.c) and action statuses, and their words. */
static const struct {
	const char *key, *name;
	enum msg_id text;
} names[] = {
    {"role", "viewer", MSG_WM_ROLE_VIEWER}, {"role", "assessor", MSG_WM_ROLE_ASSESSOR},
    {"role", "editor", MSG_WM_ROLE_EDITOR}, {"role", "admin", MSG_WM_ROLE_ADMIN},
    {"status", "open", MSG_WM_STATUS_OPEN}, {"status", "done", MSG_WM_STATUS_DONE},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

const char *audit_event_words(enum lang lang, const char *code)
{
	size_t i;

	for (i = 0; code && i < N_OF(events); i++)
		if (!strcmp(events[i].code, code))
			return tr(lang, events[i].text);
	return tr(lang, MSG_WM_EV_OTHER);
}

/* The field's name in lang; a key cdcf has no word for yet is shown as it is. */
static const char *field_words(enum lang lang, const char *key)
{
	size_t i;

	for (i = 0; i < N_OF(fields); i++)
		if (!strcmp(fields[i].key, key))
			return tr(lang, fields[i].text);
	return key;
}

static int is_time(const char *s)
{
	return s && strlen(s) == 20 && s[4] == '-' && s[10] == 'T' && s[19] == 'Z';
}

void audit_time_words(const char *at, char out[32])
{
	if (is_time(at))
		snprintf(out, 32, "%.10s %.5s UTC", at, at + 11);
	else
		snprintf(out, 32, "%s", at ? at : "");
}

/* A value as a person reads it, as plain text appended to b: levels, assignments and
 * roles in words, yes/no, numbers, and a nested object as "field: value" pairs. */
static int value_text(struct buf *b, enum lang lang, const char *key, const json_t *v)
{
	const char *k;
	json_t *x;
	size_t i, n = 0;

	if (!v || json_is_null(v))
		return buf_status(b);
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char when[32];

		if (!strcmp(key, "level") && level_parse(s) >= 0)
			return buf_addstr(b, tr_level(lang, level_parse(s)));
		if (!strcmp(key, "assignment") && assignment_parse(s) >= 0)
			return buf_addstr(b, tr_assignment(lang, assignment_parse(s)));
		for (i = 0; i < N_OF(names); i++)
			if (!strcmp(key, names[i].key) && !strcmp(s, names[i].name))
				return buf_addstr(b, tr(lang, names[i].text));
		if (is_time(s)) {
			audit_time_words(s, when);
			return buf_addstr(b, when);
		}
		return buf_addstr(b, s);
	}
	if (json_is_boolean(v))
		return buf_addstr(b, tr(lang, json_is_true(v) ? MSG_WM_YES : MSG_WM_NO));
	if (json_is_integer(v))
		return buf_printf(b, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return buf_printf(b, "%g", json_real_value(v));
	if (json_is_array(v)) {
		json_array_foreach (v, i, x) {
			if (i)
				buf_addstr(b, ", ");
			value_text(b, lang, key, x);
		}
		return buf_status(b);
	}
	json_object_foreach ((json_t *)v, k, x) {
		if (n++)
			buf_addstr(b, "; ");
		buf_addstr(b, field_words(lang, k));
		buf_addstr(b, ": ");
		value_text(b, lang, k, x);
	}
	return buf_status(b);
}

/* No value: missing, null or "". */
static int none(const json_t *v)
{
	return !v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v));
}

struct walk {
	enum lang lang;
	audit_change_fn fn;
	void *ctx;
	int stop;
};

static void give(struct walk *w, const char *name, const char *key, const json_t *old,
		 const json_t *now)
{
	struct buf before, after;

	buf_init(&before, AUDIT_VALUE_MAX);
	buf_init(&after, AUDIT_VALUE_MAX);
	value_text(&before, w->lang, key, old);
	value_text(&after, w->lang, key, now);
	w->stop = w->fn(w->ctx, name, before.data, after.data);
	buf_release(&before);
	buf_release(&after);
}

static long walk(struct walk *w, const char *label, const json_t *before, const json_t *after)
{
	const json_t *sides[2] = {after, before};
	const char *key;
	long rows = 0;
	json_t *v;
	int pass;

	for (pass = 0; pass < 2 && !w->stop; pass++) {
		json_object_foreach ((json_t *)sides[pass], key, v) {
			const json_t *old = json_object_get(before, key);
			const json_t *now = json_object_get(after, key);
			char name[256];

			if (w->stop)
				break;
			if (pass == 1 && now)
				continue; /* given in the first pass */
			if (old && now && json_equal(old, now))
				continue;
			if (none(old) && none(now))
				continue; /* nothing before, nothing after */
			if (!strcmp(key, "version"))
				continue; /* every change bumps it: not news to a reader */
			snprintf(name, sizeof(name), "%s%s%s", label ? label : "",
				 label ? " \xE2\x80\x94 " : "", field_words(w->lang, key));
			if ((!old || json_is_object(old)) && (!now || json_is_object(now)) &&
			    (json_is_object(old) || json_is_object(now))) {
				rows += walk(w, name, old, now);
				continue;
			}
			rows++;
			give(w, name, key, old, now);
		}
	}
	return rows;
}

static json_t *object_of(const char *text)
{
	json_t *j = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;

	if (json_is_object(j))
		return j;
	json_decref(j);
	return NULL;
}

long audit_changes(enum lang lang, const char *before_json, const char *after_json,
		   audit_change_fn fn, void *ctx)
{
	struct walk w = {lang, fn, ctx, 0};
	json_t *before = object_of(before_json), *after = object_of(after_json);
	long rows = -1;

	if (before || after)
		rows = walk(&w, NULL, before, after);
	json_decref(before);
	json_decref(after);
	return rows;
}

/* ---- CSV ---- */

static const enum msg_id headings[] = {MSG_WM_WHEN,  MSG_WM_WHO,    MSG_WM_WHAT, MSG_WM_SUBJECT,
				       MSG_WM_FIELD, MSG_WM_BEFORE, MSG_WM_AFTER};

int audit_csv_begin(struct buf *out, enum lang lang)
{
	size_t i;

	buf_addstr(out, REPORT_CSV_BOM);
	for (i = 0; i < N_OF(headings); i++)
		report_csv_cell(out, tr(lang, headings[i]), i == 0);
	return buf_addstr(out, "\r\n");
}

struct csv_event {
	struct buf *out;
	const char *cells[4]; /* when, who, what, subject */
};

static int csv_row(void *ctx, const char *field, const char *before, const char *after)
{
	struct csv_event *c = ctx;
	size_t i;

	for (i = 0; i < N_OF(c->cells); i++)
		report_csv_cell(c->out, c->cells[i], i == 0);
	report_csv_cell(c->out, field, 0);
	report_csv_cell(c->out, before, 0);
	report_csv_cell(c->out, after, 0);
	return buf_addstr(c->out, "\r\n");
}

int audit_csv_event(struct buf *out, enum lang lang, const char *at, const char *actor,
		    const char *action, const char *subject, const char *before_json,
		    const char *after_json)
{
	char when[32];
	struct csv_event c = {out, {when, actor, audit_event_words(lang, action), subject}};

	audit_time_words(at, when);
	if (audit_changes(lang, before_json, after_json, csv_row, &c) <= 0)
		csv_row(&c, NULL, "", "");
	return buf_status(out);
}
