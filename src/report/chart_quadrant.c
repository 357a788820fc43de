/*
 * chart_quadrant.c - the procurement quadrant chart and its table (see chart_quadrant.h).
 */
#include "report/chart_quadrant.h"

#include <string.h>

#include "core/level.h"
#include "report/html.h"

/* Geometry of the drawing, in SVG user units. */
#define Q_W 640
#define Q_H 610
#define Q_X0 70.0 /* plot area */
#define Q_Y0 36.0
#define Q_PW 540.0
#define Q_PH 420.0
#define Q_CENTRE 50  /* position of services without one */
#define Q_SPREAD 9.0 /* offset between points at the same position */

/* Colour and shape per assignment (WCAG AA against the white plot). */
static const struct {
	const char *colour;
	const char *shape; /* circle, ring, square, diamond */
} style[ASSIGN_COUNT] = {
    [ASSIGN_UNASSIGNED] = {"#4a5361", "ring"},
    [ASSIGN_INSOURCE] = {"#166534", "circle"},
    [ASSIGN_OUTSOURCE] = {"#1d4ed8", "square"},
    [ASSIGN_HYBRID] = {"#9a3412", "diamond"},
};

static int selected(const struct entry *en)
{
	return en->level != LEVEL_NOT_REQUIRED;
}

/* The entry's position; 0 when it has one from the catalogue, 1 when it is
 * placed at the centre. */
static int position(const struct portfolio *p, const struct entry *en, int *skill, int *info)
{
	int i = en->custom || !p->fw ? -1 : framework_find(p->fw, en->ref_id);

	if (i >= 0 && p->fw->nodes[i].quadrant.skill >= 0 && p->fw->nodes[i].quadrant.info >= 0) {
		*skill = p->fw->nodes[i].quadrant.skill;
		*info = p->fw->nodes[i].quadrant.info;
		return 0;
	}
	*skill = *info = Q_CENTRE;
	return 1;
}

static enum msg_id quadrant_name(int skill, int info)
{
	if (skill > 50)
		return info > 50 ? MSG_WEB_BUILD_Q_OUT : MSG_WEB_BUILD_Q_SPEC_OWN;
	return info > 50 ? MSG_WEB_BUILD_Q_GEN_EXT : MSG_WEB_BUILD_Q_MGMT;
}

static int marker(struct buf *b, enum assignment a, double x, double y)
{
	const char *c = style[a].colour, *shape = style[a].shape;

	if (!strcmp(shape, "circle"))
		return html_fmt(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"%s\"/>", x, y,
				c);
	if (!strcmp(shape, "ring"))
		return html_fmt(b,
				"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#ffffff\" "
				"stroke=\"%s\" stroke-width=\"2\"/>",
				x, y, c);
	if (!strcmp(shape, "square"))
		return html_fmt(b,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" "
				"fill=\"%s\"/>",
				x - 5, y - 5, c);
	return html_fmt(b, "<path d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\" fill=\"%s\"/>", x, y - 6, c);
}

/* The four quadrant backgrounds; their labels sit outside the plot (above
 * it for the specialist quadrants, below it for the others), where no
 * point can cover them. */
static int quadrants(struct buf *b, enum lang lang)
{
	static const struct {
		double x, y;
		const char *fill;
		enum msg_id label;
		int top, right;
	} q[4] = {
	    {Q_X0, Q_Y0 + Q_PH / 2, "#e5f4ea", MSG_WEB_BUILD_QS_MGMT, 0, 0},
	    {Q_X0 + Q_PW / 2, Q_Y0 + Q_PH / 2, "#f4f6f9", MSG_WEB_BUILD_QS_GEN_EXT, 0, 1},
	    {Q_X0, Q_Y0, "#f4f6f9", MSG_WEB_BUILD_QS_SPEC_OWN, 1, 0},
	    {Q_X0 + Q_PW / 2, Q_Y0, "#e6edfc", MSG_WEB_BUILD_QS_OUT, 1, 1},
	};
	int rc = 0, i;

	for (i = 0; !rc && i < 4; i++) {
		rc = html_fmt(b,
			      "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			      "fill=\"%s\" stroke=\"#a3acb9\"/>",
			      q[i].x, q[i].y, Q_PW / 2, Q_PH / 2, q[i].fill);
		if (!rc)
			rc = html_fmt(
			    b,
			    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
			    "font-weight=\"600\" fill=\"#3b4350\" text-anchor=\"%s\">%s</text>",
			    q[i].right ? Q_X0 + Q_PW : Q_X0,
			    q[i].top ? Q_Y0 - 10 : Q_Y0 + Q_PH + 18, q[i].right ? "end" : "start",
			    tr(lang, q[i].label));
	}
	return rc;
}

static int axes(struct buf *b, enum lang lang)
{
	double ybot = Q_Y0 + Q_PH;
	int rc;

	rc = html_fmt(b,
		      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#1b1f24\">%s</text>"
		      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#1b1f24\" "
		      "text-anchor=\"end\">%s</text>",
		      Q_X0, ybot + 38, tr(lang, MSG_WEB_BUILD_Q_X_OWN), Q_X0 + Q_PW, ybot + 38,
		      tr(lang, MSG_WEB_BUILD_Q_X_EXT));
	if (!rc)
		rc = html_fmt(b,
			      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"600\" "
			      "fill=\"#1b1f24\" text-anchor=\"middle\">%s →</text>",
			      Q_X0 + Q_PW / 2, ybot + 58, tr(lang, MSG_WEB_BUILD_Q_AXIS_X));
	if (!rc)
		rc = html_fmt(
		    b,
		    "<text transform=\"translate(22 %.1f) rotate(-90)\" font-size=\"13\" "
		    "font-weight=\"600\" fill=\"#1b1f24\" text-anchor=\"middle\">%s →</text>",
		    Q_Y0 + Q_PH / 2, tr(lang, MSG_WEB_BUILD_Q_AXIS_Y));
	if (!rc)
		rc = html_fmt(b,
			      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#3b4350\" "
			      "text-anchor=\"end\">%s</text>"
			      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#3b4350\" "
			      "text-anchor=\"end\">%s</text>",
			      Q_X0 - 6, Q_Y0 + 12, tr(lang, MSG_WEB_BUILD_Q_Y_HIGH), Q_X0 - 6, ybot,
			      tr(lang, MSG_WEB_BUILD_Q_Y_LOW));
	return rc;
}

static int legend(struct buf *b, enum lang lang, int any_warning)
{
	double y = Q_Y0 + Q_PH + 86, x = Q_X0;
	int rc = 0, a;

	for (a = 0; !rc && a < ASSIGN_COUNT; a++) {
		rc = marker(b, a, x + 6, y);
		if (!rc)
			rc = html_fmt(b,
				      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
				      "fill=\"#1b1f24\">%s</text>",
				      x + 16, y + 4, tr_assignment(lang, a));
		x += 130;
	}
	if (!rc && any_warning) {
		y += 24;
		rc = html_fmt(
		    b,
		    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" "
		    "stroke=\"#b42318\" stroke-width=\"2.5\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#b42318\">%s</text>",
		    Q_X0 + 6, y, Q_X0 + 22, y + 4, tr(lang, MSG_WEB_BUILD_Q_WARN_LEGEND));
	}
	return rc;
}

/* Does the caller's advisory apply to en? */
static int warned(const struct portfolio *p, const struct entry *en, report_warning_fn warning)
{
	return warning && warning(p, en) != 0;
}

int chart_quadrant_svg(struct buf *b, const struct portfolio *p, report_warning_fn warning,
		       enum lang lang, const char *title)
{
	const char *lc = lang_code(lang);
	int rc, any_warning = 0;
	size_t i, j;

	for (i = 0; i < p->n_entries; i++)
		if (selected(&p->entries[i]) && warned(p, &p->entries[i], warning))
			any_warning = 1;
	rc = html_fmt(b,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart quadrant\" "
		      "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
		      "aria-label=\"%s\"><title>%s</title><desc>%s</desc>",
		      Q_W, Q_H + (any_warning ? 24 : 0), Q_W, Q_H + (any_warning ? 24 : 0), title,
		      title, tr(lang, MSG_WEB_BUILD_Q_DESC));
	if (!rc)
		rc = html_fmt(b, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", Q_W,
			      Q_H + (any_warning ? 24 : 0));
	if (!rc)
		rc = quadrants(b, lang);
	if (!rc)
		rc = axes(b, lang);
	for (i = 0; !rc && i < p->n_entries; i++) {
		const struct entry *en = &p->entries[i];
		int skill, info, centre, same = 0, s2, i2;
		double x, y;
		if (!selected(en))
			continue;
		centre = position(p, en, &skill, &info);
		for (j = 0; j < i; j++) { /* earlier points at the same place */
			if (!selected(&p->entries[j]))
				continue;
			position(p, &p->entries[j], &s2, &i2);
			if (s2 == skill && i2 == info)
				same++;
		}
		x = Q_X0 + info / 100.0 * Q_PW + (same % 4) * Q_SPREAD;
		y = Q_Y0 + Q_PH - skill / 100.0 * Q_PH + (same / 4) * Q_SPREAD * 1.6;
		rc = html_raw(b, "<g>");
		if (!rc)
			rc = html_fmt(b, "<title>%s %s%s", en->ref_id, entry_name(p, en, lc),
				      tr(lang, MSG_REPORT_PAREN_OPEN));
		if (!rc)
			rc = html_text(b, tr_assignment(lang, en->assignment));
		if (!rc && en->team)
			rc = html_fmt(b, " %s", en->team);
		if (!rc && en->provider)
			rc = html_fmt(b, " %s", en->provider);
		if (!rc)
			rc = html_fmt(b, "%s</title>", tr(lang, MSG_REPORT_PAREN_CLOSE));
		if (!rc && warned(p, en, warning))
			rc = html_fmt(b,
				      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" "
				      "stroke=\"#b42318\" stroke-width=\"2.5\"/>",
				      x, y);
		if (!rc)
			rc = marker(b, en->assignment < ASSIGN_COUNT ? en->assignment : 0, x, y);
		if (!rc)
			rc = html_fmt(b,
				      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10.5\" "
				      "fill=\"#1b1f24\">%s%s</text></g>",
				      x + 7, y - 5, en->ref_id, centre ? "*" : "");
	}
	if (!rc)
		rc = legend(b, lang, any_warning);
	return rc ? rc : html_raw(b, "</svg>");
}

int chart_quadrant_table(struct buf *b, const struct portfolio *p, report_warning_fn warning,
			 enum lang lang, const char *caption)
{
	const char *lc = lang_code(lang);
	size_t i;
	int rc;

	rc = html_raw(b, "<div class=\"table-wrap\"><table class=\"quadrant-data\">");
	if (!rc)
		rc = html_elem(b, "caption", caption, (char *)NULL);
	if (!rc)
		rc = html_fmt(b,
			      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\" class=\"num\">%s</th>"
			      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th></tr></thead><tbody>",
			      tr(lang, MSG_SERVICE), tr(lang, MSG_ASSIGNMENT),
			      tr(lang, MSG_WEB_BUILD_Q_SKILL), tr(lang, MSG_WEB_BUILD_Q_INFO),
			      tr(lang, MSG_WEB_BUILD_Q_QUADRANT), tr(lang, MSG_NOTE));
	for (i = 0; !rc && i < p->n_entries; i++) {
		const struct entry *en = &p->entries[i];
		int skill, info, centre, warn;
		if (!selected(en))
			continue;
		centre = position(p, en, &skill, &info);
		warn = warned(p, en, warning);
		rc = html_fmt(b, "<tr><th scope=\"row\">%s %s</th><td>", en->ref_id,
			      entry_name(p, en, lc));
		if (!rc)
			rc = html_text(b, tr_assignment(lang, en->assignment));
		if (!rc && (en->team || en->provider))
			rc = html_fmt(
			    b, "%s%s%s%s%s", tr(lang, MSG_REPORT_PAREN_OPEN),
			    en->team ? en->team : "", en->team && en->provider ? " / " : "",
			    en->provider ? en->provider : "", tr(lang, MSG_REPORT_PAREN_CLOSE));
		if (!rc && centre)
			rc = html_fmt(b,
				      "</td><td class=\"num\">—</td><td class=\"num\">—</td>"
				      "<td>—</td><td>%s",
				      tr(lang, MSG_WEB_BUILD_Q_CENTRE));
		else if (!rc)
			rc = html_fmt(b,
				      "</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
				      "<td>%s</td><td>",
				      skill, info, tr(lang, quadrant_name(skill, info)));
		if (!rc && warn)
			rc = html_fmt(b, "%s%s", centre ? " " : "",
				      tr(lang, MSG_WEB_BUILD_WARN_MGMT_OUTSOURCED));
		if (!rc)
			rc = html_raw(b, "</td></tr>");
	}
	return rc ? rc : html_raw(b, "</tbody></table></div>");
}
