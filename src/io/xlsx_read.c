/*
 * xlsx_read.c - the workbook reader: minizip over the bytes in memory, each
 * part inflated in chunks with a running count and fed to expat as it comes,
 * so a hostile part is refused after at most one chunk past its ceiling.
 */
#include "io/xlsx_read.h"

/* Debian's expat is built with DTD support; the header declares the billion-laughs
 * settings only when XML_DTD says so (a DOCTYPE is refused anyway: on_doctype). */
#ifndef XML_DTD
#define XML_DTD
#endif
#include <expat.h>
#include <limits.h>
#include <minizip/unzip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

#define CHUNK 65536

static const struct xlsx_limits default_limits = {
    XLSX_PART_MAX, XLSX_TOTAL_MAX, XLSX_STRING_MAX,  XLSX_ROWS_MAX,
    XLSX_COLS_MAX, XLSX_CELLS_MAX, XLSX_STRINGS_MAX, XLSX_SHEET_TEXT_MAX,
};

struct memfile {
	const unsigned char *data;
	size_t len, pos;
};

struct sheet_ref {
	char *name, *rid, *part;
	long sheet_id;
};

struct xlsx {
	struct memfile mem;
	unzFile zip;
	char *name;
	struct xlsx_limits lim;
	size_t total; /* uncompressed bytes read so far */
	struct sheet_ref *sheets;
	size_t n_sheets, cap_sheets;
	char **strings; /* shared strings */
	size_t n_strings, cap_strings;
};

/* ---- minizip over memory ---- */

static voidpf mem_open(voidpf opaque, const void *filename, int mode)
{
	struct memfile *m = opaque;

	(void)filename;
	(void)mode;
	m->pos = 0;
	return m;
}

static uLong mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct memfile *m = stream;
	size_t n = m->len - m->pos;

	(void)opaque;
	if (n > size)
		n = size;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (uLong)n;
}

static uLong mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T mem_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct memfile *)stream)->pos;
}

static long mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	struct memfile *m = stream;
	ZPOS64_T base;

	(void)opaque;
	if (origin == ZLIB_FILEFUNC_SEEK_SET)
		base = 0;
	else if (origin == ZLIB_FILEFUNC_SEEK_CUR)
		base = m->pos;
	else if (origin == ZLIB_FILEFUNC_SEEK_END)
		base = m->len;
	else
		return -1;
	if (offset > m->len - base)
		return -1;
	m->pos = (size_t)(base + offset);
	return 0;
}

static int mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int mem_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* ---- XML parts ---- */

/* What one part's handlers share: the workbook, the part, the first error. */
struct xml_ctx {
	struct xlsx *x;
	const char *part;
	XML_Parser p;
	struct err *e;
	int rc;
	void *user; /* the part's own state */
};

static int fail_at(struct xml_ctx *c, int rc)
{
	if (!c->rc)
		c->rc = rc;
	XML_StopParser(c->p, XML_FALSE);
	return rc;
}

/* The local name of a namespaced name ("uri|local" from XML_ParserCreateNS). */
static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *want)
{
	for (; atts && atts[0]; atts += 2)
		if (!strcmp(local(atts[0]), want))
			return atts[1];
	return NULL;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal)
{
	struct xml_ctx *c = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	fail_at(c, err_fail(c->e, ERR_INVALID, NULL, MSG_E_XLSX_DOCTYPE));
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
			      int len, const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	on_doctype(ud, NULL, NULL, NULL, 0);
}

/*
 * Inflate part (a name in the zip) and feed it to a parser with these
 * handlers. ERR_NOT_FOUND when the zip has no such part (no error set when
 * missing_ok).
 */
static int parse_part_in(struct xlsx *x, const char *part, XML_StartElementHandler start,
			 XML_EndElementHandler end, XML_CharacterDataHandler text, void *user,
			 int missing_ok, struct err *e)
{
	struct xml_ctx c = {x, part, NULL, e, 0, user};
	unz_file_info64 info;
	char *chunk = NULL;
	int n, rc = 0, closed = 0;
	size_t part_read = 0;

	if (unzLocateFile(x->zip, part, 1) != UNZ_OK) {
		if (missing_ok)
			return ERR_NOT_FOUND;
		return err_fail(e, ERR_INVALID, NULL, MSG_E_XLSX_PART_MISSING);
	}
	if (unzGetCurrentFileInfo64(x->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_XLSX_PART_DAMAGED);
	if (info.uncompressed_size > x->lim.part_max)
		return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_PART_TOO_LARGE,
				x->lim.part_max >> 20);
	if (info.uncompressed_size > x->lim.total_max - x->total)
		return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_TOTAL_TOO_LARGE,
				x->lim.total_max >> 20);
	if (unzOpenCurrentFile(x->zip) != UNZ_OK)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_XLSX_PART_DAMAGED);
	c.p = XML_ParserCreateNS(NULL, '|');
	if (!c.p) {
		unzCloseCurrentFile(x->zip);
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_XLSX_PART_DAMAGED);
	}
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4) /* 2.4.0+ */
	XML_SetBillionLaughsAttackProtectionMaximumAmplification(c.p, 20.0f);
	XML_SetBillionLaughsAttackProtectionActivationThreshold(c.p, 1u << 20);
#endif
	XML_SetParamEntityParsing(c.p, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetUserData(c.p, &c);
	XML_SetElementHandler(c.p, start, end);
	XML_SetCharacterDataHandler(c.p, text);
	XML_SetStartDoctypeDeclHandler(c.p, on_doctype);
	XML_SetEntityDeclHandler(c.p, on_entity);
	chunk = xmalloc(CHUNK);
	for (;;) {
		n = unzReadCurrentFile(x->zip, chunk, CHUNK);
		if (n < 0) {
			rc = err_fail(e, ERR_INVALID, NULL, MSG_E_XLSX_PART_DAMAGED);
			break;
		}
		part_read += (size_t)n;
		x->total += (size_t)n;
		if (part_read > x->lim.part_max) {
			rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_PART_TOO_LARGE,
				      x->lim.part_max >> 20);
			break;
		}
		if (x->total > x->lim.total_max) {
			rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_TOTAL_TOO_LARGE,
				      x->lim.total_max >> 20);
			break;
		}
		/* at the end, the CRC (and a declared size smaller than the data) first */
		if (n == 0) {
			closed = 1;
			if (unzCloseCurrentFile(x->zip) != UNZ_OK) {
				rc = err_fail(e, ERR_INVALID, NULL, MSG_E_XLSX_PART_DAMAGED);
				break;
			}
		}
		if (XML_Parse(c.p, chunk, n, n == 0) == XML_STATUS_ERROR) {
			if (c.rc)
				rc = c.rc;
			else
				rc = err_fail(e, ERR_INVALID, NULL, MSG_E_XLSX_XML,
					      (unsigned long)XML_GetCurrentLineNumber(c.p),
					      (unsigned long)XML_GetCurrentColumnNumber(c.p),
					      XML_ErrorString(XML_GetErrorCode(c.p)));
			break;
		}
		if (c.rc) {
			rc = c.rc;
			break;
		}
		if (n == 0)
			break;
	}
	if (!closed)
		unzCloseCurrentFile(x->zip);
	free(chunk);
	XML_ParserFree(c.p);
	return rc;
}

/* parse_part_in with the error's where: "FILE: PART". */
static int parse_part(struct xlsx *x, const char *part, XML_StartElementHandler start,
		      XML_EndElementHandler end, XML_CharacterDataHandler text, void *user,
		      int missing_ok, struct err *e)
{
	int rc = parse_part_in(x, part, start, end, text, user, missing_ok, e);

	if (rc && !(rc == ERR_NOT_FOUND && missing_ok))
		err_prefix(e, "%s: %s", x->name, part);
	return rc;
}

/* ---- xl/workbook.xml and its relationships ---- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_ctx *c = ud;
	struct xlsx *x = c->x;
	struct sheet_ref *s;
	const char *sname, *rid, *id;

	if (strcmp(local(name), "sheet"))
		return;
	sname = attr(atts, "name");
	if (!sname)
		return;
	if (x->n_sheets >= XLSX_SHEETS_MAX) {
		fail_at(c, err_fail(c->e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_TOO_MANY_SHEETS,
				    XLSX_SHEETS_MAX));
		return;
	}
	rid = attr(atts, "id"); /* r:id, in the relationships namespace */
	id = attr(atts, "sheetId");
	x->sheets = xgrow(x->sheets, &x->cap_sheets, x->n_sheets + 1, sizeof(*x->sheets));
	s = &x->sheets[x->n_sheets++];
	s->name = xstrdup(sname);
	s->rid = xstrdup(rid);
	s->part = NULL;
	s->sheet_id = id ? strtol(id, NULL, 10) : (long)x->n_sheets;
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

static void XMLCALL no_text(void *ud, const XML_Char *s, int len)
{
	(void)ud;
	(void)s;
	(void)len;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_ctx *c = ud;
	struct xlsx *x = c->x;
	const char *id, *target;
	size_t i;

	if (strcmp(local(name), "Relationship"))
		return;
	id = attr(atts, "Id");
	target = attr(atts, "Target");
	if (!id || !target || strlen(target) > 200)
		return;
	for (i = 0; i < x->n_sheets; i++) {
		struct sheet_ref *s = &x->sheets[i];
		char part[256];

		if (!s->rid || strcmp(s->rid, id) || s->part)
			continue;
		if (target[0] == '/')
			snprintf(part, sizeof(part), "%s", target + 1);
		else
			snprintf(part, sizeof(part), "xl/%s", target);
		s->part = xstrdup(part);
	}
}

/* ---- xl/sharedStrings.xml ---- */

struct text_state {
	struct buf text; /* the text of the string or cell being read */
	int in_t;	 /* inside a <t> that counts (not phonetic <rPh>) */
	int in_rph;
	int too_long;
};

static void text_add(struct xml_ctx *c, struct text_state *t, const XML_Char *s, int len)
{
	if (!t->in_t || t->in_rph || c->rc)
		return;
	if (buf_add(&t->text, s, (size_t)len))
		fail_at(c, err_fail(c->e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_STRING_TOO_LONG,
				    c->x->lim.string_max));
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_ctx *c = ud;
	struct text_state *t = c->user;
	const char *l = local(name);

	(void)atts;
	if (!strcmp(l, "si"))
		buf_reset(&t->text);
	else if (!strcmp(l, "t"))
		t->in_t = 1;
	else if (!strcmp(l, "rPh"))
		t->in_rph = 1;
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct xml_ctx *c = ud;
	struct text_state *t = c->user;
	struct xlsx *x = c->x;
	const char *l = local(name);

	if (!strcmp(l, "t")) {
		t->in_t = 0;
	} else if (!strcmp(l, "rPh")) {
		t->in_rph = 0;
	} else if (!strcmp(l, "si")) {
		if (x->n_strings >= x->lim.strings_max) {
			fail_at(c, err_fail(c->e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_TOO_MANY_STRINGS,
					    x->lim.strings_max));
			return;
		}
		x->strings =
		    xgrow(x->strings, &x->cap_strings, x->n_strings + 1, sizeof(*x->strings));
		x->strings[x->n_strings++] = xstrdup(t->text.data);
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
	struct xml_ctx *c = ud;

	text_add(c, c->user, s, len);
}

/* ---- a sheet ---- */

struct sheet_state {
	struct text_state t;
	struct xlsx_sheet *out;
	long row, col; /* the current row and cell (0-based), -1 before the first */
	char type[16];
	int in_cell, in_v, in_is, has_value;
	unsigned rows;
	size_t text; /* bytes of the cell texts kept */
};

/* "AB12" -> row 11, col 27; -1 for anything else. */
static int parse_ref(const char *ref, long *row, long *col)
{
	long c = 0, r = 0;
	const char *p = ref;

	if (*p < 'A' || *p > 'Z')
		return -1;
	while (*p >= 'A' && *p <= 'Z') {
		c = c * 26 + (*p++ - 'A' + 1);
		if (c > 1000000)
			return -1;
	}
	if (*p < '1' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		r = r * 10 + (*p++ - '0');
		if (r > 100000000)
			return -1;
	}
	if (*p)
		return -1;
	*row = r - 1;
	*col = c - 1;
	return 0;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_ctx *c = ud;
	struct sheet_state *s = c->user;
	struct xlsx *x = c->x;
	const char *l = local(name), *r, *t;

	if (c->rc)
		return;
	if (!strcmp(l, "row")) {
		long rn;
		char *end;

		r = attr(atts, "r");
		if (r) {
			rn = strtol(r, &end, 10);
			if (*end || rn < 1 || rn > 100000000L || rn - 1 <= s->row) {
				fail_at(c,
					err_fail(c->e, ERR_INVALID, NULL, MSG_E_XLSX_BAD_REF, r));
				return;
			}
			s->row = rn - 1;
		} else {
			s->row++;
		}
		if ((unsigned long)s->row >= x->lim.rows_max || ++s->rows > x->lim.rows_max) {
			fail_at(c, err_fail(c->e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_TOO_MANY_ROWS,
					    x->lim.rows_max));
			return;
		}
		s->col = -1;
	} else if (!strcmp(l, "c")) {
		long rr, cc;

		if (s->row < 0)
			s->row = 0;
		r = attr(atts, "r");
		if (r) {
			if (parse_ref(r, &rr, &cc) || rr != s->row || cc <= s->col) {
				fail_at(c,
					err_fail(c->e, ERR_INVALID, NULL, MSG_E_XLSX_BAD_REF, r));
				return;
			}
			s->col = cc;
		} else {
			s->col++;
		}
		if ((unsigned long)s->col >= x->lim.cols_max) {
			char ref[16];
			xlsx_cell_name((unsigned)s->row, (unsigned)(s->col % 1000000), ref,
				       sizeof(ref));
			fail_at(c, err_fail(c->e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_TOO_MANY_COLS,
					    r ? r : ref, x->lim.cols_max));
			return;
		}
		t = attr(atts, "t");
		snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
		s->in_cell = 1;
		s->has_value = 0;
		buf_reset(&s->t.text);
	} else if (s->in_cell && !strcmp(l, "v")) {
		s->in_v = 1;
		s->t.in_t = 1;
		s->has_value = 1;
	} else if (s->in_cell && !strcmp(l, "is")) {
		s->in_is = 1;
		s->has_value = 1;
	} else if (s->in_is && !strcmp(l, "t")) {
		s->t.in_t = 1;
	} else if (s->in_is && !strcmp(l, "rPh")) {
		s->t.in_rph = 1;
	}
}

/* The finished cell's value as text, NULL for an empty one. */
static int cell_value(struct xml_ctx *c, struct sheet_state *s, const char **out)
{
	const char *v = s->t.text.data;
	struct xlsx *x = c->x;

	*out = NULL;
	if (!s->has_value)
		return 0;
	if (!strcmp(s->type, "s")) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		char ref[16];

		if (*v < '0' || *v > '9' || *end || i >= x->n_strings) {
			xlsx_cell_name((unsigned)s->row, (unsigned)s->col, ref, sizeof(ref));
			return err_fail(c->e, ERR_INVALID, NULL, MSG_E_XLSX_BAD_STRING, ref, v);
		}
		*out = x->strings[i];
	} else if (!strcmp(s->type, "b")) {
		*out = !strcmp(v, "1") ? "TRUE" : "FALSE";
	} else {
		*out = v; /* n, str, inlineStr, e, d: as written */
	}
	if (!**out)
		*out = NULL;
	return 0;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xml_ctx *c = ud;
	struct sheet_state *s = c->user;
	struct xlsx_sheet *out = s->out;
	const char *l = local(name), *v;
	int rc;

	if (c->rc)
		return;
	if (!strcmp(l, "v")) {
		s->in_v = 0;
		s->t.in_t = 0;
	} else if (!strcmp(l, "t")) {
		s->t.in_t = 0;
	} else if (!strcmp(l, "rPh")) {
		s->t.in_rph = 0;
	} else if (!strcmp(l, "is")) {
		s->in_is = 0;
	} else if (!strcmp(l, "c") && s->in_cell) {
		s->in_cell = 0;
		rc = cell_value(c, s, &v);
		if (rc) {
			fail_at(c, rc);
			return;
		}
		if (!v)
			return;
		if (out->n >= c->x->lim.cells_max) {
			fail_at(c, err_fail(c->e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_TOO_MANY_CELLS,
					    c->x->lim.cells_max));
			return;
		}
		s->text += strlen(v) + 1;
		if (s->text > c->x->lim.sheet_text_max) {
			fail_at(c, err_fail(c->e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_SHEET_TEXT,
					    c->x->lim.sheet_text_max >> 20));
			return;
		}
		out->cells = xgrow(out->cells, &out->cap, out->n + 1, sizeof(*out->cells));
		out->cells[out->n].row = (unsigned)s->row;
		out->cells[out->n].col = (unsigned)s->col;
		out->cells[out->n].text = xstrdup(v);
		out->n++;
	}
}

static void XMLCALL sheet_text(void *ud, const XML_Char *str, int len)
{
	struct xml_ctx *c = ud;
	struct sheet_state *s = c->user;

	text_add(c, &s->t, str, len);
}

/* ---- the workbook ---- */

int xlsx_open_mem(struct xlsx **out, const void *data, size_t len, const char *name,
		  const struct xlsx_limits *lim, struct err *e)
{
	zlib_filefunc64_def ff = {mem_open, mem_read,  mem_write, mem_tell,
				  mem_seek, mem_close, mem_error, NULL};
	struct xlsx *x = xcalloc(1, sizeof(*x));
	struct text_state t = {0};
	unz_global_info64 gi;
	size_t i;
	int rc;

	*out = NULL;
	x->mem.data = data;
	x->mem.len = len;
	x->name = xstrdup(name ? name : "workbook");
	x->lim = lim ? *lim : default_limits;
	ff.opaque = &x->mem;
	x->zip = unzOpen2_64("workbook", &ff);
	if (!x->zip) {
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_XLSX_NOT_ZIP);
		err_prefix(e, "%s", x->name);
		goto fail;
	}
	if (unzGetGlobalInfo64(x->zip, &gi) != UNZ_OK || gi.number_entry > XLSX_ENTRIES_MAX) {
		rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_XLSX_TOO_MANY_PARTS, XLSX_ENTRIES_MAX);
		err_prefix(e, "%s", x->name);
		goto fail;
	}
	rc = parse_part(x, "xl/workbook.xml", wb_start, no_end, no_text, NULL, 0, e);
	if (rc)
		goto fail;
	rc = parse_part(x, "xl/_rels/workbook.xml.rels", rels_start, no_end, no_text, NULL, 1, e);
	if (rc && rc != ERR_NOT_FOUND)
		goto fail;
	for (i = 0; i < x->n_sheets; i++) {
		char part[64];

		if (x->sheets[i].part)
			continue;
		/* no relationship for it: where every writer puts sheet N */
		snprintf(part, sizeof(part), "xl/worksheets/sheet%ld.xml", x->sheets[i].sheet_id);
		x->sheets[i].part = xstrdup(part);
	}
	buf_init(&t.text, x->lim.string_max);
	rc = parse_part(x, "xl/sharedStrings.xml", sst_start, sst_end, sst_text, &t, 1, e);
	buf_release(&t.text);
	if (rc && rc != ERR_NOT_FOUND)
		goto fail;
	*out = x;
	return 0;
fail:
	xlsx_free(x);
	return rc;
}

void xlsx_free(struct xlsx *x)
{
	size_t i;

	if (!x)
		return;
	if (x->zip)
		unzClose(x->zip);
	for (i = 0; i < x->n_sheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	for (i = 0; i < x->n_strings; i++)
		free(x->strings[i]);
	free(x->strings);
	free(x->name);
	free(x);
}

static const struct sheet_ref *find_sheet(const struct xlsx *x, const char *sheet)
{
	size_t i;

	for (i = 0; i < x->n_sheets; i++)
		if (!strcmp(x->sheets[i].name, sheet))
			return &x->sheets[i];
	return NULL;
}

int xlsx_has_sheet(const struct xlsx *x, const char *sheet)
{
	return find_sheet(x, sheet) != NULL;
}

int xlsx_sheet_read(struct xlsx *x, const char *sheet, struct xlsx_sheet *out, struct err *e)
{
	const struct sheet_ref *ref = find_sheet(x, sheet);
	struct sheet_state s = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	if (!ref) {
		rc = err_fail(e, ERR_NOT_FOUND, "sheet", MSG_E_XLSX_NO_SHEET, sheet);
		err_prefix(e, "%s", x->name);
		return rc;
	}
	s.out = out;
	s.row = -1;
	s.col = -1;
	buf_init(&s.t.text, x->lim.string_max);
	rc = parse_part(x, ref->part, sheet_start, sheet_end, sheet_text, &s, 0, e);
	buf_release(&s.t.text);
	if (rc)
		xlsx_sheet_release(out);
	return rc;
}

void xlsx_sheet_release(struct xlsx_sheet *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		free(s->cells[i].text);
	free(s->cells);
	memset(s, 0, sizeof(*s));
}

const char *xlsx_cell(const struct xlsx_sheet *s, unsigned row, unsigned col)
{
	size_t lo = 0, hi = s->n;

	/* cells are in (row, col) order: the reader refuses any other */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct xlsx_cell *c = &s->cells[mid];

		if (c->row < row || (c->row == row && c->col < col))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n && s->cells[lo].row == row && s->cells[lo].col == col)
		return s->cells[lo].text;
	return NULL;
}

void xlsx_col_name(unsigned col, char *buf, size_t size)
{
	char tmp[8];
	int n = 0;
	unsigned c = col + 1;
	size_t i;

	while (c && n < 7) {
		tmp[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	if (!size)
		return;
	for (i = 0; i < (size_t)n && i + 1 < size; i++)
		buf[i] = tmp[n - 1 - (int)i];
	buf[i] = '\0';
}

void xlsx_cell_name(unsigned row, unsigned col, char *buf, size_t size)
{
	char c[8];

	xlsx_col_name(col, c, sizeof(c));
	snprintf(buf, size, "%s%u", c, row + 1);
}
