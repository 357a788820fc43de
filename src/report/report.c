#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "report/report_int.h"
#include "report/text_width.h"

#define DASH "\xE2\x80\x94" /* "—": not assessed, no figure */

static const struct {
	const char *name, *alias, *ext, *mime;
} formats[REPORT_FORMAT_COUNT] = {
    [REPORT_TEXT] = {"text", "txt", "txt", "text/plain; charset=utf-8"},
    [REPORT_MD] = {"md", "markdown", "md", "text/markdown; charset=utf-8"},
    [REPORT_CSV] = {"csv", "csv", "csv", "text/csv; charset=utf-8"},
    [REPORT_JSON] = {"json", "json", "json", "application/json"},
    [REPORT_HTML] = {"html", "htm", "html", "text/html; charset=utf-8"},
};

int report_format_parse(const char *s)
{
	int f;

	if (!s)
		return ERR_INVALID;
	for (f = 0; f < REPORT_FORMAT_COUNT; f++)
		if (!strcmp(s, formats[f].name) || !strcmp(s, formats[f].alias))
			return f;
	return ERR_INVALID;
}

const char *report_format_name(enum report_format f)
{
	return (unsigned)f < REPORT_FORMAT_COUNT ? formats[f].name : "?";
}

const char *report_format_ext(enum report_format f)
{
	return (unsigned)f < REPORT_FORMAT_COUNT ? formats[f].ext : "?";
}

const char *report_format_mime(enum report_format f)
{
	return (unsigned)f < REPORT_FORMAT_COUNT ? formats[f].mime : "application/octet-stream";
}

/* ---- figures ---- */

void rdoc_init(struct rdoc *d, const struct portfolio *p, enum lang lang)
{
	memset(d, 0, sizeof(*d));
	d->p = p;
	d->lang = lang;
	d->lc = lang_code(lang);
	d->n_gaps = score_gaps(p, &d->gaps);
	d->n_rollups = score_rollups(p, 0, &d->rollups);
	score_progress(p, &d->progress);
	score_scale_of(p->fw, &d->scale);
}

void rdoc_release(struct rdoc *d)
{
	if (!d)
		return;
	free(d->gaps);
	score_rollups_free(d->rollups, d->n_rollups);
	memset(d, 0, sizeof(*d));
}

/* ---- cell texts ---- */

int rep_clean(struct buf *b, const char *s, int flatten)
{
	size_t n, i = 0, run = 0, len;
	unsigned long c;
	const char *rep;
	int rc;

	if (!s)
		return 0;
	n = strlen(s);
	while (i < n) {
		rep = NULL;
		len = utf8_decode(s + i, n - i, &c);
		if (!len) {
			rep = "\xEF\xBF\xBD";
			len = 1;
		} else if (flatten && (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))) {
			rep = " ";
		}
		if (!rep) {
			i += len;
			continue;
		}
		rc = buf_add(b, s + run, i - run);
		if (!rc)
			rc = buf_addstr(b, rep);
		if (rc)
			return rc;
		i += len;
		run = i;
	}
	return buf_add(b, s + run, i - run);
}

int rep_paren(struct buf *b, enum lang lang, const char *text)
{
	int rc = buf_addstr(b, tr(lang, MSG_REPORT_PAREN_OPEN));

	if (!rc)
		rc = rep_clean(b, text, 1);
	if (!rc)
		rc = buf_addstr(b, tr(lang, MSG_REPORT_PAREN_CLOSE));
	return rc;
}

int rep_service(struct buf *b, const struct rdoc *d, const struct entry *e)
{
	const char *name = entry_name(d->p, e, d->lc);
	int rc;

	rc = rep_clean(b, e->ref_id, 1);
	if (!rc && name && strcmp(name, e->ref_id)) {
		rc = buf_addch(b, ' ');
		if (!rc)
			rc = rep_clean(b, name, 1);
	}
	if (!rc && entry_provisional(d->p, e))
		rc = rep_paren(b, d->lang, tr(d->lang, MSG_PROVISIONAL));
	if (!rc && e->custom)
		rc = rep_paren(b, d->lang, tr(d->lang, MSG_CUSTOM_SERVICE));
	return rc;
}

int rep_assignment(struct buf *b, const struct rdoc *d, const struct entry *e)
{
	enum lang lang = d->lang;
	int rc = buf_addstr(b, tr_assignment(lang, e->assignment));

	if (rc)
		return rc;
	switch (e->assignment) {
	case ASSIGN_INSOURCE:
		if (e->team && *e->team)
			rc = rep_paren(b, lang, e->team);
		break;
	case ASSIGN_OUTSOURCE:
		if (e->provider && *e->provider)
			rc = rep_paren(b, lang, e->provider);
		break;
	case ASSIGN_HYBRID:
		if ((e->team && *e->team) || (e->provider && *e->provider)) {
			rc = buf_addstr(b, tr(lang, MSG_REPORT_PAREN_OPEN));
			if (!rc)
				rc = rep_clean(b, e->team && *e->team ? e->team : DASH, 1);
			if (!rc)
				rc = buf_addstr(b, " / ");
			if (!rc)
				rc = rep_clean(b, e->provider && *e->provider ? e->provider : DASH,
					       1);
			if (!rc)
				rc = buf_addstr(b, tr(lang, MSG_REPORT_PAREN_CLOSE));
		}
		break;
	default:
		break;
	}
	return rc;
}

int rep_score(struct buf *b, enum lang lang, int score)
{
	if (score == SCORE_NONE)
		return buf_addstr(b, DASH);
	if (score == SCORE_NA)
		return buf_addstr(b, tr(lang, MSG_NA));
	return buf_printf(b, "%d", score);
}

static int side_has_data(const struct entry *e, int s)
{
	return e->score[s].current != SCORE_NONE || e->score[s].target != SCORE_NONE;
}

int rep_score_cell(struct buf *b, const struct rdoc *d, const struct entry *e, int which)
{
	int show[SIDE_COUNT] = {0, 0};
	int s, n = 0, rc = 0;

	switch (e->assignment) {
	case ASSIGN_INSOURCE:
		show[SIDE_INSOURCE] = 1;
		break;
	case ASSIGN_OUTSOURCE:
		show[SIDE_OUTSOURCE] = 1;
		break;
	case ASSIGN_HYBRID:
		show[SIDE_INSOURCE] = show[SIDE_OUTSOURCE] = 1;
		break;
	default:
		/* unassigned: whichever side was scored */
		for (s = 0; s < SIDE_COUNT; s++)
			show[s] = side_has_data(e, s);
		if (!show[SIDE_INSOURCE] && !show[SIDE_OUTSOURCE])
			show[SIDE_INSOURCE] = 1;
		break;
	}
	for (s = 0; s < SIDE_COUNT; s++)
		n += show[s];
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		int v = which ? e->score[s].target : e->score[s].current;
		if (!show[s])
			continue;
		if (n > 1) {
			if (s > 0)
				rc = buf_addstr(b, " / ");
			if (!rc)
				rc = buf_addstr(b, tr_assignment(d->lang, s == SIDE_INSOURCE
									      ? ASSIGN_INSOURCE
									      : ASSIGN_OUTSOURCE));
			if (!rc)
				rc = buf_addch(b, ' ');
		}
		if (!rc)
			rc = rep_score(b, d->lang, v);
	}
	return rc;
}

const char *rep_category_name(const struct rdoc *d, const char *ref)
{
	int i;

	if (!ref || !*ref)
		return tr(d->lang, MSG_REPORT_NO_CATEGORY);
	if (!d->p->fw)
		return ref;
	i = framework_find(d->p->fw, ref);
	return i < 0 ? ref : fw_node_name(&d->p->fw->nodes[i], d->lc);
}

const char *rep_framework_name(const struct rdoc *d)
{
	const struct framework *fw = d->p->fw;

	if (fw) {
		if (d->lang == LANG_JA && fw->name_ja && *fw->name_ja)
			return fw->name_ja;
		if (fw->name_en && *fw->name_en)
			return fw->name_en;
		if (fw->id)
			return fw->id;
	}
	return d->p->framework_id;
}

/* ---- entry point ---- */

static int render(const struct portfolio *p, enum report_format f, enum lang lang, struct buf *out)
{
	struct rreport r;
	struct rdoc d;
	int rc;

	switch (f) {
	case REPORT_CSV:
	case REPORT_JSON:
		rdoc_init(&d, p, lang);
		rc = f == REPORT_CSV ? render_csv(&d, out) : render_json(&d, out);
		rdoc_release(&d);
		return rc;
	case REPORT_TEXT:
	case REPORT_MD:
	case REPORT_HTML:
		rc = rreport_build(&r, p, lang);
		if (!rc)
			rc = f == REPORT_HTML ? render_html(&r, out)
					      : render_text(&r, out, f == REPORT_MD);
		rreport_release(&r);
		return rc;
	default:
		return ERR_INVALID;
	}
}

int report_render(const struct portfolio *p, enum report_format f, enum lang lang, struct buf *out,
		  struct err *e)
{
	size_t len0 = out->len, max0 = out->max;
	int rc;

	if (!p)
		return err_set(e, ERR_INTERNAL, "report of no portfolio");
	if ((unsigned)f >= REPORT_FORMAT_COUNT)
		return err_set(e, ERR_INVALID, "unknown report format %d", (int)f);
	if ((unsigned)lang >= LANG_COUNT)
		lang = LANG_EN;
	/* The report's own ceiling, within whatever ceiling out already has. */
	if (max0 - len0 > REPORT_MAX_BYTES)
		out->max = len0 + REPORT_MAX_BYTES;
	rc = render(p, f, lang, out);
	out->max = max0;
	if (!rc)
		return 0;
	out->len = len0;
	out->data[len0] = '\0';
	if (rc == ERR_TOO_LARGE)
		return err_set(e, rc, "%s report of '%s' is larger than the limit of %zu bytes",
			       report_format_name(f), p->org_name ? p->org_name : "",
			       max0 - len0 < REPORT_MAX_BYTES ? max0 - len0 : REPORT_MAX_BYTES);
	if (rc == ERR_NOMEM)
		return err_set(e, rc, "out of memory rendering the %s report",
			       report_format_name(f));
	return err_set(e, rc, "cannot render the %s report", report_format_name(f));
}
