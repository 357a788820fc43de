/*
 * cli_library.h - the import of a framework or mapping library from the
 * command line (cdcf framework import, cdcf mapping import): one path and
 * --dry-run, the file read, ops_framework_import / ops_mapping_import, the
 * outcome in the user's language; and what the listing commands register first.
 */
#ifndef CDCF_CLI_LIBRARY_H
#define CDCF_CLI_LIBRARY_H

enum cli_library { CLI_LIB_FRAMEWORK, CLI_LIB_MAPPING };

/* argv[optind_start] is "import"; options and the one FILE follow. An exit code. */
int cli_library_import(enum cli_library kind, int argc, char **argv, const char *usage);

/* Register the frameworks and mapping sets imported into the database, when there is
 * one; one that no longer reads is reported on stderr (the others are registered).
 * EXIT_OK, or the exit code of a database that does not open. */
int cli_library_load(void);

#endif
