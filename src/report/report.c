#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "report/text_width.h"
#include "util/utf8.h"

static const struct {
	const char *name, *alias, *ext, *mime;
} formats[REPORT_FORMAT_COUNT] = {
    [REPORT_TEXT] = {"text", "txt", "txt", "text/plain; charset=utf-8"},
    [REPORT_MD] = {"md", "markdown", "md", "text/markdown; charset=utf-8"},
    [REPORT_CSV] = {"csv", "csv", "csv", "text/csv; charset=utf-8"},
    [REPORT_JSON] = {"json", "json", "json", "application/json"},
    [REPORT_HTML] = {"html", "htm", "html", "text/html; charset=utf-8"},
    [REPORT_CSV_EXCEL] = {"csv-excel", "excel", "csv", "text/csv; charset=utf-8"},
    [REPORT_XLSX] = {"xlsx", "xlsx", "xlsx",
		     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
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

/* ---- entry point ---- */

static int render(const struct report_model *m, enum report_format f, struct buf *out)
{
	struct rreport r;
	int rc;

	switch (f) {
	case REPORT_CSV:
		return render_csv(m, out);
	case REPORT_CSV_EXCEL:
		return render_csv_excel(m, out);
	case REPORT_JSON:
		return render_json(m, out);
	case REPORT_XLSX:
		return render_xlsx(m, out);
	case REPORT_TEXT:
	case REPORT_MD:
	case REPORT_HTML:
		rc = rreport_build(&r, m);
		if (!rc)
			rc = f == REPORT_HTML ? render_html(&r, out)
					      : render_text(&r, out, f == REPORT_MD);
		rreport_release(&r);
		return rc;
	default:
		return ERR_INVALID;
	}
}

int report_model_render(const struct report_model *m, enum report_format f, struct buf *out,
			struct err *e)
{
	size_t len0 = out->len, max0 = out->max;
	const char *org;
	int rc;

	if (!m)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_REPORT_NO_PORTFOLIO);
	if ((unsigned)f >= REPORT_FORMAT_COUNT)
		return err_fail(e, ERR_INVALID, "format", MSG_E_REPORT_FORMAT, (int)f);
	org = m->p->org_name ? m->p->org_name : "";
	/* The report's own ceiling, within whatever ceiling out already has. */
	if (max0 - len0 > REPORT_MAX_BYTES)
		out->max = len0 + REPORT_MAX_BYTES;
	rc = render(m, f, out);
	out->max = max0;
	if (!rc)
		return 0;
	out->len = len0;
	out->data[len0] = '\0';
	if (rc == ERR_TOO_LARGE)
		return err_fail(e, rc, NULL, MSG_E_REPORT_TOO_LARGE, report_format_name(f), org,
				max0 - len0 < REPORT_MAX_BYTES ? max0 - len0 : REPORT_MAX_BYTES);
	if (rc == ERR_NOMEM)
		return err_fail(e, rc, NULL, MSG_E_REPORT_NOMEM, report_format_name(f));
	if (rc == ERR_IO && f == REPORT_XLSX)
		return err_fail(e, rc, NULL, MSG_E_XLSX_TMPFILE, report_xlsx_tmpdir());
	return err_fail(e, rc, NULL, MSG_E_REPORT_FAILED, report_format_name(f));
}

int report_render(const struct portfolio *p, enum report_format f, enum lang lang, struct buf *out,
		  struct err *e)
{
	struct report_input in = {.p = p, .lang = lang};
	struct report_model *m = NULL;
	int rc;

	if (!p)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_REPORT_NO_PORTFOLIO);
	if ((unsigned)f >= REPORT_FORMAT_COUNT)
		return err_fail(e, ERR_INVALID, "format", MSG_E_REPORT_FORMAT, (int)f);
	rc = report_model_new(&in, &m, e);
	if (!rc)
		rc = report_model_render(m, f, out, e);
	report_model_free(m);
	return rc;
}
