/*
 * fuzz_form.c - an application/x-www-form-urlencoded request body, as the
 * server parses every form POST: http_form_parse (percent-decoding, '+',
 * UTF-8 checks, the field and size ceilings).
 *
 * Properties: the fields the parser accepts are NUL-free valid text within
 * their ceilings, and re-encoding them with http_percent_encode gives a body
 * that parses to the same fields in the same order.
 */
#include <string.h>

#include "fuzz.h"
#include "util/buf.h"
#include "util/err.h"
#include "web/http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_params p, again;
	struct buf body;
	size_t i;
	int rc;

	http_params_init(&p);
	http_params_init(&again);
	rc = http_form_parse((const char *)data, size, &p);
	fuzz_check(rc == 0 || rc == ERR_INVALID || rc == ERR_TOO_LARGE, "unexpected error %d", rc);
	fuzz_check(p.n <= HTTP_FORM_MAX_FIELDS, "%zu fields kept", p.n);
	for (i = 0; i < p.n; i++) {
		fuzz_check(strlen(p.v[i].name) <= HTTP_FORM_MAX_NAME, "name of %zu bytes",
			   strlen(p.v[i].name));
		fuzz_check(strlen(p.v[i].value) <= HTTP_FORM_MAX_VALUE, "value of %zu bytes",
			   strlen(p.v[i].value));
	}
	if (!rc) {
		buf_init(&body, 4 * size + 16);
		for (i = 0; i < p.n && !rc; i++) {
			if (i)
				rc = buf_addch(&body, '&');
			if (!rc)
				rc = http_percent_encode(&body, p.v[i].name);
			if (!rc)
				rc = buf_addch(&body, '=');
			if (!rc)
				rc = http_percent_encode(&body, p.v[i].value);
		}
		fuzz_check(!rc, "re-encoding failed %d", rc);
		rc = http_form_parse(body.data, body.len, &again);
		fuzz_check(!rc, "re-encoded form refused %d: %s", rc, body.data);
		/* empty pairs ("&&") are skipped; a field "" with value "" encodes as "=" */
		fuzz_check(again.n == p.n, "%zu fields, then %zu: %s", p.n, again.n, body.data);
		for (i = 0; i < p.n; i++)
			fuzz_check(!strcmp(p.v[i].name, again.v[i].name) &&
				       !strcmp(p.v[i].value, again.v[i].value),
				   "field %zu differs after re-encoding: %s", i, body.data);
		buf_release(&body);
	}
	http_params_release(&p);
	http_params_release(&again);
	return 0;
}
