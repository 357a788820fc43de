/*
 * chart_quadrant.c - the procurement quadrant chart and its table (see chart_quadrant.h).
 */
#include "report/chart_quadrant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "report/html.h"
#include "report/text_width.h"
#include "util/xalloc.h"

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
	return entry_procured(en);
}

/* The entry's position: the organization's own when it placed the service
 * (1), else the catalogue's (0); -1 when it has neither and sits at the
 * centre. */
static int position(const struct portfolio *p, const struct entry *en, int *skill, int *info)
{
	int i = en->custom || !p->fw ? -1 : framework_find(p->fw, en->ref_id);

	if (en->placed) {
		*skill = en->place.skill;
		*info = en->place.info;
		return 1;
	}
	if (i >= 0 && p->fw->nodes[i].quadrant.skill >= 0 && p->fw->nodes[i].quadrant.info >= 0) {
		*skill = p->fw->nodes[i].quadrant.skill;
		*info = p->fw->nodes[i].quadrant.info;
		return 0;
	}
	*skill = *info = Q_CENTRE;
	return -1;
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

/*
 * Label layout. Every label is a box measured as a browser would at most
 * (Q_CHAR of the font size per character, a full font size for a wide one;
 * 0.8 of it above the baseline and 0.2 below), kept clear of every marker
 * and every label placed before it, and inside the plot. A label goes next
 * to its point when there is room; else on rings further out, joined to its
 * point by a leader line; else at the free place nearest to it. Crowded
 * points are placed first, so they keep the places next to them.
 */
#define Q_FS 10.5   /* label font size */
#define Q_CHAR 0.62 /* advance of a narrow character, in font sizes */
#define Q_GAP 1.5   /* clearance around a label */
#define Q_MARK 6.0  /* half the size of a marker */
#define Q_RING 7.0  /* distance between the rings of candidate places */
#define Q_RINGS 12
#define Q_NEAR 40.0 /* points this close count as neighbours */
/* Past this many labels the plot cannot hold them all apart anyway: the
 * search of the whole plot for a free place (the slow part) is skipped. */
#define Q_SEARCH_MAX 160

struct q_box {
	double x0, y0, x1, y1;
};

struct q_point {
	const struct entry *en;
	double x, y;
	int centre;	  /* no position known: drawn at the centre */
	struct q_box box; /* its label's box (the text's, without clearance) */
	int leader;	  /* the label is away from the point */
	int crowd;	  /* neighbours, for the order of placement */
};

/* Width of a label in user units (see the layout comment). */
static double label_width(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	double w = 0;

	while (*u) {
		unsigned long cp = *u;
		int extra = cp >= 0xf0 ? 3 : cp >= 0xe0 ? 2 : cp >= 0xc0 ? 1 : 0, k;
		if (extra)
			cp &= 0x3f >> extra;
		u++;
		for (k = 0; k < extra && (*u & 0xc0) == 0x80; k++)
			cp = (cp << 6) | (*u++ & 0x3f);
		w += codepoint_width(cp) == 2 ? Q_FS : Q_FS * Q_CHAR;
	}
	return w;
}

static int boxes_meet(const struct q_box *a, const struct q_box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* May a label take the box c? Inside the plot, clear of every marker and of
 * the labels of the first n_placed points of order. */
static int box_free(const struct q_box *c, const struct q_point *pt, size_t n, const size_t *order,
		    size_t n_placed)
{
	struct q_box g = {c->x0 - Q_GAP, c->y0 - Q_GAP, c->x1 + Q_GAP, c->y1 + Q_GAP};
	size_t k;

	if (g.x0 < Q_X0 || g.x1 > Q_X0 + Q_PW || g.y0 < Q_Y0 || g.y1 > Q_Y0 + Q_PH)
		return 0;
	for (k = 0; k < n; k++) {
		struct q_box m = {pt[k].x - Q_MARK, pt[k].y - Q_MARK, pt[k].x + Q_MARK,
				  pt[k].y + Q_MARK};
		if (boxes_meet(&g, &m))
			return 0;
	}
	for (k = 0; k < n_placed; k++)
		if (boxes_meet(&g, &pt[order[k]].box))
			return 0;
	return 1;
}

/* Place the label of pt[order[done]] (its width w). */
static void place_label(struct q_point *pt, size_t n, const size_t *order, size_t done, double w)
{
	/* east, west, north, south, then the diagonals and between them */
	static const double dir[][2] = {
	    {1, 0},	   {-1, 0},	   {0, -1},	 {0, 1},
	    {0.7, -0.7},   {-0.7, -0.7},   {0.7, 0.7},	 {-0.7, 0.7},
	    {0.92, -0.38}, {-0.92, -0.38}, {0.92, 0.38}, {-0.92, 0.38},
	    {0.38, -0.92}, {-0.38, -0.92}, {0.38, 0.92}, {-0.38, 0.92},
	};
	struct q_point *q = &pt[order[done]];
	double h = Q_FS, best = -1, gx, gy;
	struct q_box c, found = {0, 0, 0, 0};
	size_t r, d;

	for (r = 0; r <= Q_RINGS; r++)
		for (d = 0; d < sizeof(dir) / sizeof(dir[0]); d++) {
			double cx = q->x + dir[d][0] * (w / 2 + Q_MARK + Q_GAP + 1 + r * Q_RING);
			double cy = q->y + dir[d][1] * (h / 2 + Q_MARK + Q_GAP + 1 + r * Q_RING);
			c = (struct q_box){cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
			if (box_free(&c, pt, n, order, done)) {
				q->box = c;
				q->leader = r > 0;
				return;
			}
		}
	/* nothing near: the free place nearest to the point, anywhere in the plot */
	for (gy = Q_Y0 + Q_GAP; n <= Q_SEARCH_MAX && gy + h + Q_GAP <= Q_Y0 + Q_PH; gy += 3)
		for (gx = Q_X0 + Q_GAP; gx + w + Q_GAP <= Q_X0 + Q_PW; gx += 3) {
			double dx = gx + w / 2 - q->x, dy = gy + h / 2 - q->y;
			c = (struct q_box){gx, gy, gx + w, gy + h};
			if ((best < 0 || dx * dx + dy * dy < best) &&
			    box_free(&c, pt, n, order, done)) {
				best = dx * dx + dy * dy;
				found = c;
			}
		}
	if (best >= 0) {
		q->box = found;
		q->leader = 1;
		return;
	}
	/* a full plot (not reached at hundreds of services): next to the point */
	q->box =
	    (struct q_box){q->x + Q_MARK + 2, q->y - h / 2, q->x + Q_MARK + 2 + w, q->y + h / 2};
	q->leader = 0;
}

/* The points of the selected services and where their labels go. *out is
 * NULL when there is none. */
static int layout(const struct portfolio *p, struct q_point **out, size_t *n_out)
{
	struct q_point *pt = NULL;
	size_t *order, n = 0, i, j;
	char label[256];

	*out = NULL;
	*n_out = 0;
	for (i = 0; i < p->n_entries; i++)
		n += selected(&p->entries[i]);
	if (!n)
		return 0;
	pt = xcalloc(n, sizeof(*pt));
	order = xcalloc(n, sizeof(*order));
	for (i = 0, n = 0; i < p->n_entries; i++) {
		const struct entry *en = &p->entries[i];
		int skill, info, same = 0;
		if (!selected(en))
			continue;
		pt[n].en = en;
		pt[n].centre = position(p, en, &skill, &info) < 0;
		pt[n].x = Q_X0 + info / 100.0 * Q_PW;
		pt[n].y = Q_Y0 + Q_PH - skill / 100.0 * Q_PH;
		for (j = 0; j < n; j++) /* earlier points at the same place */
			if (pt[j].x == pt[n].x && pt[j].y == pt[n].y)
				same++;
		pt[n].x += (same % 4) * Q_SPREAD * (pt[n].x > Q_X0 + Q_PW - 40 ? -1 : 1);
		pt[n].y += (same / 4) * Q_SPREAD * 1.6 * (pt[n].y > Q_Y0 + Q_PH - 40 ? -1 : 1);
		n++;
	}
	for (i = 0; i < n; i++) {
		order[i] = i;
		for (j = 0; j < n; j++) {
			double dx = pt[i].x - pt[j].x, dy = pt[i].y - pt[j].y;
			pt[i].crowd += j != i && dx * dx + dy * dy < Q_NEAR * Q_NEAR;
		}
	}
	for (i = 1; i < n; i++) /* most crowded first, then in catalogue order */
		for (j = i; j > 0 && pt[order[j - 1]].crowd < pt[order[j]].crowd; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		const struct q_point *q = &pt[order[i]];
		snprintf(label, sizeof(label), "%s%s", q->en->ref_id, q->centre ? "*" : "");
		place_label(pt, n, order, i, label_width(label));
	}
	free(order);
	*out = pt;
	*n_out = n;
	return 0;
}

/* The end of a leader line: the point of the box nearest to (x, y). */
static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int chart_quadrant_svg(struct buf *b, const struct portfolio *p, report_warning_fn warning,
		       enum lang lang, const char *title)
{
	const char *lc = lang_code(lang);
	struct q_point *pt = NULL;
	int rc, any_warning = 0;
	size_t i, n = 0;

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
	if (!rc)
		rc = layout(p, &pt, &n);
	for (i = 0; !rc && i < n; i++) {
		const struct q_point *q = &pt[i];
		const struct entry *en = q->en;
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
		if (!rc && q->leader)
			rc = html_fmt(b,
				      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				      "stroke=\"#6b7280\" stroke-width=\"0.8\"/>",
				      q->x, q->y, clamp(q->x, q->box.x0, q->box.x1),
				      clamp(q->y, q->box.y0, q->box.y1));
		if (!rc && warned(p, en, warning))
			rc = html_fmt(b,
				      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" "
				      "stroke=\"#b42318\" stroke-width=\"2.5\"/>",
				      q->x, q->y);
		if (!rc)
			rc = marker(b, en->assignment < ASSIGN_COUNT ? en->assignment : 0, q->x,
				    q->y);
		if (!rc)
			rc = html_fmt(b,
				      "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\" "
				      "fill=\"#1b1f24\">%s%s</text></g>",
				      q->box.x0, q->box.y0 + 0.8 * Q_FS, Q_FS, en->ref_id,
				      q->centre ? "*" : "");
	}
	free(pt);
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

	rc =
	    html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"quadrant-data\">");
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
		if (!rc && centre < 0)
			rc = html_fmt(b,
				      "</td><td class=\"num\">—</td><td class=\"num\">—</td>"
				      "<td>—</td><td>%s",
				      tr(lang, MSG_WEB_BUILD_Q_CENTRE));
		else if (!rc)
			rc = html_fmt(b,
				      "</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
				      "<td>%s</td><td>",
				      skill, info, tr(lang, quadrant_name(skill, info)));
		if (!rc && centre > 0)
			rc = html_text(b, tr(lang, MSG_QUAD_NOTE_OWN));
		if (!rc && warn)
			rc = html_fmt(b, "%s%s", centre ? " " : "",
				      tr(lang, MSG_WEB_BUILD_WARN_MGMT_OUTSOURCED));
		if (!rc)
			rc = html_raw(b, "</td></tr>");
	}
	return rc ? rc : html_raw(b, "</tbody></table></div>");
}
