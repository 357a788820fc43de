/*
 * rules.c - the rules every way data comes in obeys (see rules.h).
 */
#include "core/rules.h"

#include <stdio.h>
#include <string.h>

int rule_service(const struct framework *fw, const char *ref, struct err *e)
{
	int i = framework_find(fw, ref);

	if (i < 0)
		return err_set(e, ERR_NOT_FOUND, "unknown service '%s' in framework '%s'", ref,
			       fw->id);
	if (!fw->nodes[i].assessable)
		return err_set(e, ERR_INVALID,
			       "'%s' is a %s of '%s', not a service that can be selected", ref,
			       node_kind_name(fw->nodes[i].kind), fw->id);
	return i;
}

static int ref_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_';
}

int rule_custom_ref(const char *ref, struct err *e)
{
	size_t n = ref ? strlen(ref) : 0, i;

	for (i = 0; i < n && ref_char(ref[i]); i++)
		;
	if (n && n <= RULE_CUSTOM_REF_MAX && i == n)
		return 0;
	return err_set(e, ERR_INVALID,
		       "service ref '%s' must be 1-%d letters, digits, '-', '.' or '_'",
		       ref ? ref : "", RULE_CUSTOM_REF_MAX);
}

int rule_custom_name(const char *ref, const char *name_en, struct err *e)
{
	if (name_en && *name_en)
		return 0;
	return err_set(e, ERR_INVALID, "custom service '%s' needs a name", ref);
}

int rule_custom_unique(const struct portfolio *p, const char *ref, struct err *e)
{
	if (framework_find(p->fw, ref) < 0 && !portfolio_find(p, ref))
		return 0;
	return err_set(e, ERR_CONFLICT, "service '%s' already exists in '%s'", ref, p->fw->id);
}

int rule_custom_category(const struct framework *fw, const char *category, struct err *e)
{
	int cat = category ? framework_find(fw, category) : -1;

	if (cat >= 0 && fw->nodes[cat].parent < 0 && framework_category_of(fw, cat) == cat)
		return 0;
	return err_set(e, ERR_NOT_FOUND, "unknown category '%s' in framework '%s'",
		       category ? category : "", fw->id);
}

int rule_entry(const struct portfolio *p, const char *ref, struct entry **out, struct err *e)
{
	struct entry *en = portfolio_find(p, ref);
	int rc;

	if (en) {
		*out = en;
		return 0;
	}
	if (!p->fw || framework_find(p->fw, ref) < 0)
		return err_set(e, ERR_NOT_FOUND, "unknown service '%s' in framework '%s'", ref,
			       p->framework_id);
	rc = rule_service(p->fw, ref, e);
	if (rc < 0)
		return rc;
	return err_set(e, ERR_INVALID,
		       "'%s' is not in the catalogue of '%s' yet; select it with a level first",
		       ref, p->org_name);
}

int rule_entry_selected(const struct portfolio *p, const char *ref, struct entry **out,
			struct err *e)
{
	int rc = rule_entry(p, ref, out, e);

	if (rc)
		return rc;
	if ((*out)->level == LEVEL_NOT_REQUIRED)
		return err_set(
		    e, ERR_INVALID,
		    "'%s' is marked not required in the catalogue; give it a level first", ref);
	return 0;
}

/* "in-house", "outsourced", "hybrid", "unassigned": an assignment in a sentence. */
static const char *assignment_words(enum assignment a)
{
	switch (a) {
	case ASSIGN_INSOURCE:
		return "in-house";
	case ASSIGN_OUTSOURCE:
		return "outsourced";
	default:
		return assignment_name(a);
	}
}

int rule_team(const char *ref, enum assignment a, const char *team, struct err *e)
{
	int uses = a == ASSIGN_INSOURCE || a == ASSIGN_HYBRID, has = team && *team;

	if (uses && !has)
		return err_set(e, ERR_INVALID, "assigning '%s' in-house needs a team", ref);
	if (!uses && has)
		return err_set(e, ERR_INVALID,
			       "'%s' is %s, so it has no team (only in-house and hybrid services "
			       "do), got '%s'",
			       ref, assignment_words(a), team);
	return 0;
}

int rule_provider(const char *ref, enum assignment a, const char *provider, struct err *e)
{
	int uses = a == ASSIGN_OUTSOURCE || a == ASSIGN_HYBRID, has = provider && *provider;

	if (uses && !has)
		return err_set(e, ERR_INVALID, "outsourcing '%s' needs a provider", ref);
	if (!uses && has)
		return err_set(e, ERR_INVALID,
			       "'%s' is %s, so it has no provider (only outsourced and hybrid "
			       "services do), got '%s'",
			       ref, assignment_words(a), provider);
	return 0;
}

int rule_side(const struct entry *en, enum side s, const char *value, struct err *e)
{
	char got[32] = "";

	if (assignment_uses_side(en->assignment, s))
		return 0;
	if (value)
		snprintf(got, sizeof(got), ", got '%.16s'", value);
	return err_set(e, ERR_INVALID, "'%s' is %s (%s); its %s side cannot be scored%s",
		       en->ref_id, assignment_words(en->assignment),
		       en->team	      ? en->team
		       : en->provider ? en->provider
				      : "-",
		       s == SIDE_INSOURCE ? "in-house" : "outsourced", got);
}

/* The rubric's refusal of a score, quoted as text. */
static int score_refused(const struct rubric *r, const char *ref, const char *what,
			 const char *text, struct err *e)
{
	if (r->has_na)
		return err_set(e, ERR_INVALID, "%s score for '%s' must be %d-%d or n/a, got '%s'",
			       what, ref, r->min_score, r->max_score, text);
	return err_set(e, ERR_INVALID, "%s score for '%s' must be %d-%d, got '%s'", what, ref,
		       r->min_score, r->max_score, text);
}

const char *rule_score_str(int score, char buf[16])
{
	if (score == SCORE_NA)
		snprintf(buf, 16, "n/a");
	else
		snprintf(buf, 16, "%d", score);
	return buf;
}

int rule_score(const struct framework *fw, enum side s, const char *ref, const char *what,
	       int score, struct err *e)
{
	char text[16];

	if (score == SCORE_NONE || rubric_accepts(&fw->rubric[s], score))
		return 0;
	return score_refused(&fw->rubric[s], ref, what, rule_score_str(score, text), e);
}

int rule_score_text(const struct framework *fw, enum side s, const char *ref, const char *what,
		    const char *text, int *out, struct err *e)
{
	if (score_parse(text, out) || !rubric_accepts(&fw->rubric[s], *out))
		return score_refused(&fw->rubric[s], ref, what, text ? text : "", e);
	return 0;
}

int rule_unassigned_current(const struct framework *fw, const struct entry *en, enum side s,
			    int score, struct err *e)
{
	const struct rubric *r = &fw->rubric[s];

	if (en->assignment != ASSIGN_UNASSIGNED || score == SCORE_NONE || score == SCORE_NA ||
	    score <= r->min_score)
		return 0;
	return err_set(e, ERR_INVALID,
		       "'%s' is unassigned, so it is not being done: its current %s score can be "
		       "%d%s, got '%d'",
		       en->ref_id, s == SIDE_INSOURCE ? "in-house" : "outsourced", r->min_score,
		       r->has_na ? " or n/a" : "", score);
}

void rule_fit_scores(const struct framework *fw, struct entry *en)
{
	int s;

	for (s = 0; s < SIDE_COUNT; s++) {
		if (rule_side(en, s, NULL, NULL)) {
			en->score[s].current = en->score[s].target = SCORE_NONE;
			continue;
		}
		if (rule_unassigned_current(fw, en, s, en->score[s].current, NULL))
			en->score[s].current = SCORE_NONE;
	}
}

enum side rule_action_side(const struct entry *en)
{
	return en->assignment == ASSIGN_OUTSOURCE ? SIDE_OUTSOURCE : SIDE_INSOURCE;
}

int rule_evidence(const char *ref, const char *evidence, struct err *e)
{
	const char *line, *end;
	size_t len;

	for (line = evidence; line && *line;) {
		end = strchr(line, '\n');
		len = end ? (size_t)(end - line) : strlen(line);
		if (len && line[len - 1] == '\r')
			len--;
		if (len && strncmp(line, "https://", 8) && strncmp(line, "http://", 7))
			return err_set(
			    e, ERR_INVALID,
			    "evidence link for '%s' must start with http:// or https://: '%.*s'",
			    ref, (int)(len > 80 ? 80 : len), line);
		line = end ? end + 1 : line + strlen(line);
	}
	return 0;
}

int rule_action_title(const char *ref, const char *title, struct err *e)
{
	if (title && *title)
		return 0;
	return err_set(e, ERR_INVALID, "action for '%s' needs a title", ref);
}

int rule_action_status(const char *status, struct err *e)
{
	if (status && (!strcmp(status, "open") || !strcmp(status, "done")))
		return 0;
	return err_set(e, ERR_INVALID, "action status must be 'open' or 'done', got '%s'",
		       status ? status : "");
}

int rule_version(const char *ref, long long version, struct err *e)
{
	if (version >= 1 && version <= ENTRY_VERSION_MAX)
		return 0;
	return err_set(e, ERR_INVALID, "version of '%s' must be 1-%lld, got %lld", ref,
		       ENTRY_VERSION_MAX, version);
}
