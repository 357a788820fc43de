/*
 * Unit tests for the procurement quadrant (report/chart_quadrant.c): every
 * service of a shipped framework selected at once, the labels measured as a
 * browser would at most (0.62 of the font size per character, a full font
 * size for a wide one; 0.8 above the baseline, 0.2 below; text-anchor
 * honoured), none may overlap another or leave the drawing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"
#include "io/catalog.h"
#include "ops/ops_quadrant.h"
#include "report/chart_quadrant.h"
#include "util/buf.h"

#include "fixture.h"

struct label {
	char text[64];
	double x0, y0, x1, y1;
};

/* The value of attribute name in the tag [tag, end), or NULL. */
static const char *attr(const char *tag, const char *end, const char *name, char *out, size_t max)
{
	char key[32];
	const char *p, *q;

	snprintf(key, sizeof(key), " %s=\"", name);
	p = strstr(tag, key);
	if (!p || p >= end)
		return NULL;
	p += strlen(key);
	q = strchr(p, '"');
	if (!q || q >= end || (size_t)(q - p) >= max)
		return NULL;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return out;
}

static double text_w(const char *s, double fs)
{
	const unsigned char *u = (const unsigned char *)s;
	double w = 0;

	for (; *u; u++) {
		if ((*u & 0xc0) == 0x80)
			continue;
		/* three-byte UTF-8 from U+2E80 on counts as wide, as the check does */
		w += (*u >= 0xe2 && !(*u == 0xe2 && u[1] < 0xba)) ? fs : fs * 0.62;
	}
	return w;
}

/* Every <text> of svg whose content is one of the refs (a '*' may follow). */
static size_t labels(const char *svg, const struct portfolio *p, struct label *out, size_t max)
{
	const char *t = svg;
	size_t n = 0, i;

	while ((t = strstr(t, "<text")) != NULL) {
		const char *gt = strchr(t, '>'), *close;
		char v[64], content[64];
		double fs, w;
		int ref = 0;
		assert_non_null(gt);
		close = strstr(gt, "</text>");
		assert_non_null(close);
		if ((size_t)(close - gt - 1) < sizeof(content)) {
			memcpy(content, gt + 1, (size_t)(close - gt - 1));
			content[close - gt - 1] = '\0';
			if (*content && content[strlen(content) - 1] == '*')
				content[strlen(content) - 1] = '\0';
			for (i = 0; i < p->n_entries; i++)
				ref |= !strcmp(content, p->entries[i].ref_id);
		}
		if (ref) {
			assert_true(n < max);
			assert_non_null(attr(t, gt, "x", v, sizeof(v)));
			out[n].x0 = strtod(v, NULL);
			assert_non_null(attr(t, gt, "y", v, sizeof(v)));
			out[n].y1 = strtod(v, NULL);
			fs = attr(t, gt, "font-size", v, sizeof(v)) ? strtod(v, NULL) : 10.0;
			w = text_w(content, fs) + (close[-1] == '*' ? fs * 0.62 : 0);
			if (attr(t, gt, "text-anchor", v, sizeof(v)) && !strcmp(v, "middle"))
				out[n].x0 -= w / 2;
			else if (attr(t, gt, "text-anchor", v, sizeof(v)) && !strcmp(v, "end"))
				out[n].x0 -= w;
			out[n].x1 = out[n].x0 + w;
			out[n].y0 = out[n].y1 - 0.8 * fs;
			out[n].y1 += 0.2 * fs;
			snprintf(out[n].text, sizeof(out[n].text), "%s", content);
			n++;
		}
		t = close;
	}
	return n;
}

/*
 * Render the quadrant of p and check its labels: one per selected service,
 * inside the viewBox, no two overlapping.
 */
static void check_labels(const struct portfolio *p, size_t selected)
{
	struct label *L = calloc(selected + 8, sizeof(*L));
	double vw, vh;
	struct buf b;
	const char *vb;
	size_t n, i, j, overlaps = 0;

	assert_non_null(L);
	buf_init(&b, 0);
	assert_int_equal(chart_quadrant_svg(&b, p, NULL, LANG_EN, "Q"), 0);
	vb = strstr(b.data, "viewBox=\"0 0 ");
	assert_non_null(vb);
	assert_int_equal(sscanf(vb, "viewBox=\"0 0 %lf %lf\"", &vw, &vh), 2);
	n = labels(b.data, p, L, selected + 8);
	assert_int_equal(n, selected);
	for (i = 0; i < n; i++) {
		if (L[i].x0 < 0 || L[i].y0 < 0 || L[i].x1 > vw || L[i].y1 > vh)
			fail_msg("%s: label %s outside the viewBox", p->framework_id, L[i].text);
		for (j = i + 1; j < n; j++)
			if (L[i].x0 < L[j].x1 && L[j].x0 < L[i].x1 && L[i].y0 < L[j].y1 &&
			    L[j].y0 < L[i].y1) {
				print_message("%s: %s overlaps %s\n", p->framework_id, L[i].text,
					      L[j].text);
				overlaps++;
			}
	}
	assert_int_equal(overlaps, 0);
	buf_release(&b);
	free(L);
}

/* Every service of framework id selected, assignments in turn; extra custom
 * services (none placed) on top. Returns the number selected. */
static size_t select_all(struct portfolio *p, const char *id, int customs)
{
	const struct framework *fw = catalog_get(id);
	size_t i, n = 0;
	int k;

	assert_non_null(fw);
	portfolio_init(p);
	p->fw = fw;
	p->framework_id = strdup(id);
	for (i = 0; i < fw->n_nodes; i++) {
		struct entry *e;
		if (fw->nodes[i].kind != NODE_SERVICE)
			continue;
		assert_true(fw->nodes[i].quadrant.skill >= 0 && fw->nodes[i].quadrant.info >= 0);
		e = portfolio_add_entry(p, fw->nodes[i].ref_id);
		e->level = LEVEL_STANDARD;
		e->assignment = (enum assignment)(n % ASSIGN_COUNT);
		n++;
	}
	for (k = 0; k < customs; k++) {
		char ref[16];
		struct entry *e;
		snprintf(ref, sizeof(ref), "Z-%d", k + 1);
		e = portfolio_add_entry(p, ref);
		e->level = LEVEL_BASIC;
		e->custom = 1;
		e->custom_name_en = strdup("Custom");
		n++;
	}
	return n;
}

/* X.1060: the 56 catalogue services and 8 custom ones, 64 labels. */
static void test_x1060_64(void **state)
{
	struct portfolio p;
	(void)state;

	assert_int_equal(select_all(&p, "x1060-2021", 8), 64);
	check_labels(&p, 64);
	portfolio_release(&p);
}

/* The same 64 with the organization's own positions piling services up:
 * eight on one spot, the custom ones on another. */
static void test_x1060_placed_pile(void **state)
{
	struct portfolio p;
	size_t i;
	(void)state;

	assert_int_equal(select_all(&p, "x1060-2021", 8), 64);
	for (i = 0; i < p.n_entries; i++)
		if (i < 8 || p.entries[i].custom) {
			p.entries[i].placed = 1;
			p.entries[i].place.skill = p.entries[i].custom ? 100 : 20;
			p.entries[i].place.info = p.entries[i].custom ? 100 : 15;
		}
	check_labels(&p, 64);
	portfolio_release(&p);
}

static void test_psirt(void **state)
{
	struct portfolio p;
	(void)state;

	assert_int_equal(select_all(&p, "first-psirt-1.1", 0), 28);
	check_labels(&p, 28);
	portfolio_release(&p);
}

static void test_csirt(void **state)
{
	struct portfolio p;
	(void)state;

	assert_int_equal(select_all(&p, "first-csirt-2.1", 0), 21);
	check_labels(&p, 21);
	portfolio_release(&p);
}

/* The organization's position wins over the catalogue's, and the table says whose it is. */
static void test_own_position(void **state)
{
	struct portfolio p;
	struct buf b;
	(void)state;

	select_all(&p, "first-psirt-1.1", 0);
	p.entries[0].placed = 1;
	p.entries[0].place.skill = 90;
	p.entries[0].place.info = 95;
	buf_init(&b, 0);
	assert_int_equal(chart_quadrant_table(&b, &p, NULL, LANG_EN, "Data"), 0);
	assert_non_null(strstr(b.data, "<td class=\"num\">90</td><td class=\"num\">95</td>"));
	assert_non_null(strstr(b.data, "Position set by the organization."));
	buf_release(&b);
	portfolio_release(&p);
}

/* Far more services than the plot holds apart: still drawn, one label each. */
static void test_crowd(void **state)
{
	struct portfolio p;
	struct buf b;
	size_t i;
	(void)state;

	assert_int_equal(select_all(&p, "x1060-2021", 400), 456);
	for (i = 0; i < p.n_entries; i++)
		if (p.entries[i].custom) {
			p.entries[i].placed = 1;
			p.entries[i].place.skill = (int)(i * 7 % 101);
			p.entries[i].place.info = (int)(i * 13 % 101);
		}
	buf_init(&b, 0);
	assert_int_equal(chart_quadrant_svg(&b, &p, NULL, LANG_EN, "Q"), 0);
	assert_non_null(strstr(b.data, ">Z-400</text>"));
	buf_release(&b);
	portfolio_release(&p);
}

/* An organization moves a service and puts it back: one transaction, audited, and a
 * refused change (a bad value, a service not in the portfolio) stores nothing. */
static void test_ops_positions(void **state)
{
	struct fixture *f = *state;
	const char *refs[] = {"A-1", "C-2"};
	struct ops_position ok = {.ref = "A-1", .skill = "70", .information = "20"};
	struct ops_position bad[2] = {{.ref = "C-2", .skill = "10", .information = "10"},
				      {.ref = "A-1", .skill = "101", .information = "5"}};
	struct ops_position missing[2] = {{.ref = "C-2", .skill = "10", .information = "10"},
					  {.ref = "B-1", .skill = "10", .information = "10"}};
	struct ops_position reset = {.ref = "A-1", .reset = 1};
	struct err e = ERR_INIT;
	struct portfolio p;
	char before[65], after[65], text[256];
	size_t changed = 9;

	assert_int_equal(ops_select(f->st, FIX_ORG, FIX_FW, refs, 2, "basic", &e), 0);
	assert_int_equal(ops_quadrant_save(f->st, FIX_ORG, FIX_FW, &ok, 1, &changed, &e), 0);
	assert_int_equal(changed, 1);
	portfolio_init(&p);
	assert_int_equal(ops_load(f->st, FIX_ORG, FIX_FW, &p, &e), 0);
	assert_true(portfolio_find(&p, "A-1")->placed);
	assert_int_equal(portfolio_find(&p, "A-1")->place.skill, 70);
	assert_int_equal(portfolio_find(&p, "A-1")->place.info, 20);
	assert_false(portfolio_find(&p, "C-2")->placed);
	portfolio_release(&p);
	/* the same again: nothing changes */
	assert_int_equal(ops_quadrant_save(f->st, FIX_ORG, FIX_FW, &ok, 1, &changed, &e), 0);
	assert_int_equal(changed, 0);

	fixture_digest(f, before);
	assert_int_equal(ops_quadrant_save(f->st, FIX_ORG, FIX_FW, bad, 2, &changed, &e),
			 ERR_INVALID);
	assert_string_equal(e.field, "skill");
	assert_non_null(strstr(err_text(&e, LANG_EN, text, sizeof(text)), "'A-1'"));
	err_clear(&e);
	assert_int_equal(ops_quadrant_save(f->st, FIX_ORG, FIX_FW, missing, 2, &changed, &e),
			 ERR_NOT_FOUND);
	assert_string_equal(e.field, "ref");
	err_clear(&e);
	bad[1].skill = "50";
	bad[1].information = "-1";
	assert_int_equal(ops_quadrant_save(f->st, FIX_ORG, FIX_FW, &bad[1], 1, &changed, &e),
			 ERR_INVALID);
	assert_string_equal(e.field, "information");
	err_clear(&e);
	fixture_digest(f, after);
	assert_string_equal(before, after);

	assert_int_equal(ops_quadrant_save(f->st, FIX_ORG, FIX_FW, &reset, 1, &changed, &e), 0);
	assert_int_equal(changed, 1);
	portfolio_init(&p);
	assert_int_equal(ops_load(f->st, FIX_ORG, FIX_FW, &p, &e), 0);
	assert_false(portfolio_find(&p, "A-1")->placed);
	portfolio_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_x1060_64),
	    cmocka_unit_test(test_x1060_placed_pile),
	    cmocka_unit_test(test_psirt),
	    cmocka_unit_test(test_csirt),
	    cmocka_unit_test(test_own_position),
	    cmocka_unit_test(test_crowd),
	    cmocka_unit_test_setup_teardown(test_ops_positions, fixture_setup, fixture_teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	catalog_registry_release();
	return rc;
}
