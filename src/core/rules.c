/*
 * rules.c - the rules every way data comes in obeys (see rules.h).
 */
#include "core/rules.h"

#include <stdio.h>
#include <string.h>

/* A node kind as a word of the message tables ("category"). */
static enum msg_id kind_word(enum node_kind k)
{
	static const enum msg_id words[NODE_KIND_COUNT] = {
	    [NODE_CATEGORY] = MSG_W_KIND_CATEGORY,	 [NODE_AREA] = MSG_W_KIND_AREA,
	    [NODE_SERVICE] = MSG_W_KIND_SERVICE,	 [NODE_FUNCTION] = MSG_W_KIND_FUNCTION,
	    [NODE_SUBFUNCTION] = MSG_W_KIND_SUBFUNCTION, [NODE_FOUNDATION] = MSG_W_KIND_FOUNDATION,
	    [NODE_PARAMETER] = MSG_W_KIND_PARAMETER,
	};
	return (unsigned)k < NODE_KIND_COUNT ? words[k] : MSG_W_KIND_SERVICE;
}

int rule_service(const struct framework *fw, const char *ref, struct err *e)
{
	int i = framework_find(fw, ref);

	if (i < 0)
		return err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_UNKNOWN_SERVICE, ref, fw->id);
	if (!fw->nodes[i].assessable)
		return err_fail(e, ERR_INVALID, "ref", MSG_E_NOT_SELECTABLE, ref,
				ERR_WORD(kind_word(fw->nodes[i].kind)), fw->id);
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
	return err_fail(e, ERR_INVALID, "ref", MSG_E_CUSTOM_REF, ref ? ref : "",
			RULE_CUSTOM_REF_MAX);
}

int rule_custom_name(const char *ref, const char *name_en, struct err *e)
{
	if (name_en && *name_en)
		return 0;
	return err_fail(e, ERR_INVALID, "name", MSG_E_CUSTOM_NAME, ref);
}

int rule_custom_unique(const struct portfolio *p, const char *ref, struct err *e)
{
	if (framework_find(p->fw, ref) < 0 && !portfolio_find(p, ref))
		return 0;
	return err_fail(e, ERR_CONFLICT, "ref", MSG_E_SERVICE_EXISTS, ref, p->fw->id);
}

int rule_custom_category(const struct framework *fw, const char *category, struct err *e)
{
	int cat = category ? framework_find(fw, category) : -1;

	if (cat >= 0 && fw->nodes[cat].parent < 0 && framework_category_of(fw, cat) == cat)
		return 0;
	return err_fail(e, ERR_NOT_FOUND, "category", MSG_E_UNKNOWN_CATEGORY,
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
		return err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_UNKNOWN_SERVICE, ref,
				p->framework_id);
	rc = rule_service(p->fw, ref, e);
	if (rc < 0)
		return rc;
	return err_fail(e, ERR_INVALID, "ref", MSG_E_NOT_IN_CATALOGUE, ref, p->org_name);
}

int rule_entry_selected(const struct portfolio *p, const char *ref, struct entry **out,
			struct err *e)
{
	int rc = rule_entry(p, ref, out, e);

	if (rc)
		return rc;
	if ((*out)->level == LEVEL_NOT_REQUIRED)
		return err_fail(e, ERR_INVALID, "ref",
				entry_has_sides(*out) ? MSG_E_NOT_REQUIRED : MSG_E_NOT_APPLICABLE,
				ref);
	return 0;
}

/* "in-house", "outsourced", "hybrid", "unassigned": an assignment in a sentence. */
static enum msg_id assignment_word(enum assignment a)
{
	switch (a) {
	case ASSIGN_INSOURCE:
		return MSG_W_INHOUSE;
	case ASSIGN_OUTSOURCE:
		return MSG_W_OUTSOURCED;
	case ASSIGN_HYBRID:
		return MSG_W_HYBRID;
	default:
		return MSG_W_UNASSIGNED;
	}
}

/* A side in a sentence: "in-house", "outsourced". */
static enum msg_id side_word(enum side s)
{
	return s == SIDE_INSOURCE ? MSG_W_INHOUSE : MSG_W_OUTSOURCED;
}

int rule_team(const char *ref, enum assignment a, const char *team, struct err *e)
{
	int uses = a == ASSIGN_INSOURCE || a == ASSIGN_HYBRID, has = team && *team;

	if (uses && !has)
		return err_fail(e, ERR_INVALID, "team", MSG_E_TEAM_NEEDED, ref);
	if (!uses && has)
		return err_fail(e, ERR_INVALID, "team", MSG_E_TEAM_UNUSED, ref,
				ERR_WORD(assignment_word(a)), team);
	return 0;
}

int rule_provider(const char *ref, enum assignment a, const char *provider, struct err *e)
{
	int uses = a == ASSIGN_OUTSOURCE || a == ASSIGN_HYBRID, has = provider && *provider;

	if (uses && !has)
		return err_fail(e, ERR_INVALID, "provider", MSG_E_PROVIDER_NEEDED, ref);
	if (!uses && has)
		return err_fail(e, ERR_INVALID, "provider", MSG_E_PROVIDER_UNUSED, ref,
				ERR_WORD(assignment_word(a)), provider);
	return 0;
}

/* A model in a sentence: "readiness", "maturity parameter". */
static enum msg_id model_word(enum assessment a)
{
	return a == ASSESS_PARAMETER ? MSG_W_MODEL_PARAMETER : MSG_W_MODEL_READINESS;
}

int rule_assignable(const struct entry *en, struct err *e)
{
	if (entry_has_sides(en))
		return 0;
	return err_fail(e, ERR_INVALID, "assignment", MSG_E_NOT_ASSIGNABLE, en->ref_id,
			ERR_WORD(model_word(en->assessment)));
}

int rule_level(const struct framework *fw, const char *ref, int level, struct err *e)
{
	enum assessment a = framework_ref_assessment(fw, ref);

	if (level == LEVEL_NOT_REQUIRED)
		return 0;
	if (!assessment_has_sides(a) && level != LEVEL_IN_SCOPE)
		return err_fail(e, ERR_INVALID, "level", MSG_E_LEVEL_SIDELESS, ref,
				ERR_WORD(model_word(a)), level_name(level));
	if (assessment_has_sides(a) && level == LEVEL_IN_SCOPE)
		return err_fail(e, ERR_INVALID, "level", MSG_E_LEVEL_IN_SCOPE, ref);
	return 0;
}

int rule_side(const struct entry *en, enum side s, const char *value, struct err *e)
{
	const char *party = en->team ? en->team : en->provider ? en->provider : "-";
	char got[17];

	if (entry_uses_side(en, s))
		return 0;
	if (!entry_has_sides(en))
		return err_fail(e, ERR_INVALID, side_name(s), MSG_E_SIDELESS, en->ref_id,
				ERR_WORD(model_word(en->assessment)));
	if (!value)
		return err_fail(e, ERR_INVALID, side_name(s), MSG_E_SIDE_UNUSED, en->ref_id,
				ERR_WORD(assignment_word(en->assignment)), party,
				ERR_WORD(side_word(s)));
	snprintf(got, sizeof(got), "%s", value);
	return err_fail(e, ERR_INVALID, side_name(s), MSG_E_SIDE_UNUSED_GOT, en->ref_id,
			ERR_WORD(assignment_word(en->assignment)), party, ERR_WORD(side_word(s)),
			got);
}

int rule_one_side(const struct entry *en, enum side *s, struct err *e)
{
	*s = SIDE_INSOURCE;
	if (!entry_has_sides(en) || en->assignment == ASSIGN_INSOURCE)
		return 0;
	if (en->assignment == ASSIGN_OUTSOURCE) {
		*s = SIDE_OUTSOURCE;
		return 0;
	}
	return err_fail(e, ERR_INVALID, "side", MSG_E_SIDE_NEEDED, en->ref_id,
			ERR_WORD(assignment_word(en->assignment)));
}

/* The rubric's refusal of a score, quoted as text. what is "current", "target" or "action
 * target": the word in the message, and (the last word of it) the field. */
static int score_refused(const struct rubric *r, const char *ref, const char *what,
			 const char *text, struct err *e)
{
	enum msg_id word = MSG_E_TEXT;
	const char *field = what;

	if (!strcmp(what, "current")) {
		word = MSG_W_CURRENT;
	} else if (!strcmp(what, "target")) {
		word = MSG_W_TARGET;
	} else if (!strcmp(what, "action target")) {
		word = MSG_W_ACTION_TARGET;
		field = "target";
	}
	return err_fail(e, ERR_INVALID, field, r->has_na ? MSG_E_SCORE_RANGE_NA : MSG_E_SCORE_RANGE,
			ERR_PHRASE(word, what), ref, r->min_score, r->max_score, text);
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
	const struct rubric *r = framework_scale(fw, framework_ref_assessment(fw, ref), s);
	char text[16];

	if (score == SCORE_NONE || rubric_accepts(r, score))
		return 0;
	return score_refused(r, ref, what, rule_score_str(score, text), e);
}

int rule_score_text(const struct framework *fw, enum side s, const char *ref, const char *what,
		    const char *text, int *out, struct err *e)
{
	const struct rubric *r = framework_scale(fw, framework_ref_assessment(fw, ref), s);

	if (score_parse(text, out) || !rubric_accepts(r, *out))
		return score_refused(r, ref, what, text ? text : "", e);
	return 0;
}

int rule_unassigned_current(const struct framework *fw, const struct entry *en, enum side s,
			    int score, struct err *e)
{
	const struct rubric *r = &fw->rubric[s];

	if (!entry_has_sides(en)) /* nobody is assigned to readiness: any score stands */
		return 0;
	if (en->assignment != ASSIGN_UNASSIGNED || score == SCORE_NONE || score == SCORE_NA ||
	    score <= r->min_score)
		return 0;
	return err_fail(e, ERR_INVALID, "current",
			r->has_na ? MSG_E_UNASSIGNED_CURRENT_NA : MSG_E_UNASSIGNED_CURRENT,
			en->ref_id, ERR_WORD(side_word(s)), r->min_score, score);
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
		if (len && strncmp(line, "https://", 8) && strncmp(line, "http://", 7)) {
			char shown[81];

			snprintf(shown, sizeof(shown), "%.*s", (int)(len > 80 ? 80 : len), line);
			return err_fail(e, ERR_INVALID, "evidence", MSG_E_EVIDENCE_LINK, ref,
					shown);
		}
		line = end ? end + 1 : line + strlen(line);
	}
	return 0;
}

int rule_action_title(const char *ref, const char *title, struct err *e)
{
	if (title && *title)
		return 0;
	return err_fail(e, ERR_INVALID, "title", MSG_E_ACTION_TITLE, ref);
}

int rule_action_status(const char *status, struct err *e)
{
	if (status && (!strcmp(status, "open") || !strcmp(status, "done")))
		return 0;
	return err_fail(e, ERR_INVALID, "status", MSG_E_ACTION_STATUS, status ? status : "");
}

int rule_version(const char *ref, long long version, struct err *e)
{
	if (version >= 1 && version <= ENTRY_VERSION_MAX)
		return 0;
	return err_fail(e, ERR_INVALID, "version", MSG_E_VERSION, ref, (long long)ENTRY_VERSION_MAX,
			version);
}
