/*
 * zip_build.h - small workbooks for the tests of the workbook reader, built
 * with minizip's zip writer into a temporary file and read back as bytes.
 *
 *   struct zip_part parts[] = {{"xl/workbook.xml", WORKBOOK("Portfolio")}, ...};
 *   char *data = zip_build(parts, n, &len);   // free() it
 */
#ifndef CDCF_TEST_ZIP_BUILD_H
#define CDCF_TEST_ZIP_BUILD_H

#include <minizip/zip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct zip_part {
	const char *name;
	const char *body; /* NUL-terminated, unless len is given */
	size_t len;
};

#define XLSX_NS                                                                                    \
	"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "                     \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define SHEET_XML(rows)                                                                            \
	XML_HEAD "<worksheet " XLSX_NS "><sheetData>" rows "</sheetData></worksheet>"
#define RELS_XML(rels)                                                                             \
	XML_HEAD "<Relationships "                                                                 \
		 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" rels    \
		 "</Relationships>"
#define REL(id, target)                                                                            \
	"<Relationship Id=\"" id "\" "                                                             \
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "  \
	"Target=\"" target "\"/>"
#define WORKBOOK_XML(sheets) XML_HEAD "<workbook " XLSX_NS "><sheets>" sheets "</sheets></workbook>"
#define SHEET(name, id, rid) "<sheet name=\"" name "\" sheetId=\"" id "\" r:id=\"" rid "\"/>"

/* The zip of parts[0..n) as bytes (malloc'd), *len its size; NULL on failure. */
static char *zip_build(const struct zip_part *parts, size_t n, size_t *len)
{
	char path[] = "/tmp/cdcf-zip-XXXXXX";
	int fd = mkstemp(path);
	zipFile zf;
	FILE *f;
	char *data = NULL;
	long size;
	size_t i;

	if (fd < 0)
		return NULL;
	close(fd);
	zf = zipOpen64(path, APPEND_STATUS_CREATE);
	for (i = 0; zf && i < n; i++) {
		size_t m = parts[i].len ? parts[i].len : strlen(parts[i].body);
		zip_fileinfo zi;

		memset(&zi, 0, sizeof(zi));
		if (zipOpenNewFileInZip64(zf, parts[i].name, &zi, NULL, 0, NULL, 0, NULL,
					  Z_DEFLATED, Z_DEFAULT_COMPRESSION, 1) != ZIP_OK ||
		    zipWriteInFileInZip(zf, parts[i].body, (unsigned)m) != ZIP_OK ||
		    zipCloseFileInZip(zf) != ZIP_OK) {
			zipClose(zf, NULL);
			zf = NULL;
		}
	}
	if (zf && zipClose(zf, NULL) == ZIP_OK && (f = fopen(path, "rb"))) {
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		rewind(f);
		data = malloc((size_t)size + 1);
		if (data && fread(data, 1, (size_t)size, f) == (size_t)size)
			*len = (size_t)size;
		else {
			free(data);
			data = NULL;
		}
		fclose(f);
	}
	unlink(path);
	return data;
}

#endif
