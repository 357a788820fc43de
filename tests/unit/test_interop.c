/*
 * test_interop.c - frameworks imported into a database (store_framework.c,
 * catalog_import.c, the imported half of catalog_registry.c) and the OSCAL
 * writers and reader (oscal_*.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "io/catalog.h"
#include "io/catalog_import.h"
#include "io/oscal.h"
#include "store/store_framework.h"

/* A small third-party library: one category, two services, one function. */
static const char small_lib[] = "urn: urn:example:risk:library:small-fw\n"
				"name: Small framework\n"
				"objects:\n"
				"  framework:\n"
				"    urn: urn:example:risk:framework:small-fw\n"
				"    ref_id: SMALL\n"
				"    name: Small framework\n"
				"    requirement_nodes:\n"
				"    - urn: urn:example:n:C\n"
				"      ref_id: C\n"
				"      name: A category\n"
				"      assessable: false\n"
				"    - urn: urn:example:n:C-1\n"
				"      ref_id: C-1\n"
				"      parent_urn: urn:example:n:C\n"
				"      name: First service\n"
				"      description: \"What it does,\\non two lines.\"\n"
				"      assessable: true\n"
				"    - urn: urn:example:n:C-2\n"
				"      ref_id: '2.1'\n"
				"      parent_urn: urn:example:n:C\n"
				"      name: Second service\n"
				"      assessable: true\n";

static void write_file(const struct fixture *f, const char *name, const char *text, char *path,
		       size_t size)
{
	FILE *fp;

	fixture_path(f, name, path, size);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	fclose(fp);
}

/* Known answers of RFC 9562 version 5 UUIDs in cdcf's namespace (computed with Python's
 * uuid.uuid5), which also checks the SHA-1 over more than one block. */
static void test_uuid5(void **state)
{
	char u[37], name[201];
	(void)state;

	oscal_uuid5("urn:test", u);
	assert_string_equal(u, "281b0545-b029-541f-b23d-c80c3ebf828a");
	memset(name, 'x', 200);
	name[200] = 0;
	oscal_uuid5(name, u);
	assert_string_equal(u, "2aaf3515-2166-5c72-b2b8-689585b3e343");
}

/* Imported once, kept as read, registered; the same id again, a shipped id and a
 * bad library are refused with nothing stored. */
static void test_import_and_refusals(void **state)
{
	struct fixture *f = *state;
	struct stored_framework *list = NULL;
	const struct framework *fw;
	struct err e = ERR_INIT;
	char path[256], before[65], after[65], *id = NULL;
	size_t n = 0;

	write_file(f, "small.yaml", small_lib, path, sizeof(path));
	assert_int_equal(catalog_import_file(f->st, path, &id, &e), 0);
	assert_string_equal(id, "small-fw");
	free(id);
	fw = catalog_get("small-fw");
	assert_non_null(fw);
	assert_ptr_equal(catalog_get_imported("small-fw"), fw);
	assert_null(catalog_get_shipped("small-fw"));
	assert_int_equal(fw->n_nodes, 3);
	assert_ptr_equal(catalog_at(catalog_count() - 1), fw);
	assert_int_equal(store_framework_list(f->st, &list, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].format, "ciso-yaml");
	assert_string_equal(list[0].source, "small.yaml");
	assert_string_equal(list[0].body, small_lib);
	stored_framework_list_free(list, n);
	assert_int_equal(fixture_count(f, "audit_events") > 0, 1);

	fixture_digest(f, before);
	assert_int_equal(catalog_import_file(f->st, path, NULL, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "already imported"));
	assert_int_equal(store_framework_add(f->st, "small-fw", "ciso-yaml", "x", "y", 1, &e),
			 ERR_CONFLICT);
	write_file(f, "x.yaml",
		   "urn: urn:x:library:x1060-2021\nobjects:\n  framework:\n    urn: u\n    ref_id: "
		   "r\n    requirement_nodes:\n    - urn: a\n      ref_id: A\n",
		   path, sizeof(path));
	assert_int_equal(catalog_import_file(f->st, path, NULL, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "shipped"));
	write_file(f, "bomb.yaml", "a: &a [1, 2]\nb: [*a, *a]\n", path, sizeof(path));
	assert_int_equal(catalog_import_file(f->st, path, NULL, &e), ERR_INVALID);
	write_file(f, "bad.json", "{\"catalog\": {\"uuid\": 1}}", path, sizeof(path));
	assert_int_equal(catalog_import_file(f->st, path, NULL, &e), ERR_INVALID);
	fixture_digest(f, after);
	assert_string_equal(before, after);
}

static void *get_two(void *arg)
{
	const struct framework *fw = NULL;
	int i;
	(void)arg;

	for (i = 0; i < 20000 && !fw; i++) {
		fw = catalog_get("small-two");
		if (fw)
			assert_int_equal(fw->n_nodes, 3); /* whole, never half-built */
		(void)catalog_at(catalog_count() - 1);
	}
	return (void *)fw;
}

/* Readers in other threads find a framework being registered whole or not at all,
 * and all the same pointer; registering the same id again keeps the first. */
static void test_registry_threads(void **state)
{
	struct framework *fw = NULL, *again = NULL;
	const struct framework *kept;
	struct err e = ERR_INIT;
	pthread_t t[3];
	void *got;
	static const char head[] = "urn: urn:example:risk:library:small-two\n";
	const char *rest = strchr(small_lib, '\n') + 1;
	char *text = malloc(sizeof(head) + strlen(rest));
	int i;
	(void)state;

	memcpy(text, head, sizeof(head) - 1);
	memcpy(text + sizeof(head) - 1, rest, strlen(rest) + 1);
	assert_int_equal(catalog_load(text, strlen(text), "two.yaml", &fw, &e), 0);
	assert_int_equal(catalog_load(text, strlen(text), "two.yaml", &again, &e), 0);
	free(text);
	assert_string_equal(fw->id, "small-two");
	for (i = 0; i < 3; i++)
		assert_int_equal(pthread_create(&t[i], NULL, get_two, NULL), 0);
	kept = catalog_add_imported(fw);
	assert_ptr_equal(kept, fw);
	for (i = 0; i < 3; i++) {
		assert_int_equal(pthread_join(t[i], &got), 0);
		if (got)
			assert_ptr_equal(got, kept);
	}
	assert_ptr_equal(catalog_add_imported(again), kept); /* again is freed */
	assert_ptr_equal(catalog_get("small-two"), kept);
}

/* The OSCAL catalog of a framework reads back as the same tree. */
static void test_oscal_catalog_round_trip(void **state)
{
	const struct framework *x = catalog_get("first-psirt-1.1");
	struct framework *back = NULL;
	struct err e = ERR_INIT;
	json_t *doc, *meta_props;
	char *text;
	size_t i;
	(void)state;

	assert_non_null(x);
	doc = oscal_catalog_json(x);
	meta_props =
	    json_object_get(json_object_get(json_object_get(doc, "catalog"), "metadata"), "props");
	json_string_set(json_object_get(json_array_get(meta_props, 0), "value"), "psirt-copy");
	text = json_dumps(doc, 0);
	json_decref(doc);
	assert_int_equal(oscal_catalog_load(text, strlen(text), "cat.json", &back, &e), 0);
	free(text);
	assert_string_equal(back->id, "psirt-copy");
	assert_int_equal(back->n_nodes, x->n_nodes);
	for (i = 0; i < x->n_nodes; i++) {
		assert_string_equal(back->nodes[i].ref_id, x->nodes[i].ref_id);
		assert_int_equal(back->nodes[i].kind, x->nodes[i].kind);
		assert_int_equal(back->nodes[i].parent, x->nodes[i].parent);
		assert_int_equal(back->nodes[i].status, x->nodes[i].status);
		assert_int_equal(back->nodes[i].assessable, x->nodes[i].assessable);
	}
	framework_free(back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_uuid5),
	    cmocka_unit_test_setup_teardown(test_import_and_refusals, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test(test_oscal_catalog_round_trip),
	    cmocka_unit_test(test_registry_threads),
	};
	int failed = cmocka_run_group_tests_name("interop", tests, NULL, NULL);

	catalog_registry_release();
	return failed;
}
