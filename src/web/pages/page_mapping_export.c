/*
 * page_mapping_export.c - a mapping set as a CISO Assistant mapping library
 * download (see page_mapping_export.h and io/mapping_emit.h).
 */
#include "web/pages/page_mapping_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/mapping_emit.h"
#include "util/xalloc.h"

#define SUFFIX ".yaml"
#define YAML_MIME "application/yaml; charset=utf-8"

int page_mapping_export_url(struct buf *b, const struct mapping_set *m)
{
	buf_addstr(b, "/mappings/");
	http_percent_encode(b, m->source_fw);
	buf_addch(b, '/');
	http_percent_encode(b, m->target_fw);
	buf_addstr(b, SUFFIX);
	return buf_status(b);
}

/* Is s made of the characters of a framework id only (a file name as is)? */
static int id_token(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '.' || *s == '_'))
			return 0;
	return 1;
}

int page_mapping_export(struct http_req *req, struct http_resp *resp)
{
	const char *source = http_req_param(req, "source"), *file = http_req_param(req, "file");
	const struct mapping_set *m = NULL;
	struct err e = ERR_INIT;
	size_t n = file ? strlen(file) : 0, k = strlen(SUFFIX);
	struct buf disp;
	char *target;
	int rc;

	if (!source || n <= k || strcmp(file + n - k, SUFFIX))
		return http_failf(req, ERR_NOT_FOUND, "target", MSG_E_MAP_EXPORT_NONE,
				  source ? source : "", file ? file : "");
	target = xstrndup(file, n - k);
	m = mapping_find_directed(source, target);
	if (!m) {
		rc =
		    http_failf(req, ERR_NOT_FOUND, "target", MSG_E_MAP_EXPORT_NONE, source, target);
		free(target);
		return rc;
	}
	free(target);
	http_resp_text(resp, 200);
	resp->content_type = YAML_MIME;
	if (mapping_ciso_yaml(m, &resp->body, &e))
		return http_fail(req, &e);
	/* the ids as the file name when they are plain tokens (catalog ids are) */
	buf_init(&disp, 512);
	if (id_token(m->source_fw) && id_token(m->target_fw))
		buf_printf(&disp, "attachment; filename=\"cdcf-mapping-%s-%s.yaml\"", m->source_fw,
			   m->target_fw);
	if (!disp.len || buf_status(&disp)) {
		buf_reset(&disp);
		buf_addstr(&disp, "attachment; filename=\"cdcf-mapping.yaml\"");
	}
	rc = buf_status(&disp) ? buf_status(&disp)
			       : http_resp_header(resp, "Content-Disposition", disp.data);
	buf_release(&disp);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc;
}
