/*
 * cmd_mapping_export.h - `cdcf mapping export` (cmd_mapping_export.c), called
 * by cmd_mapping's dispatcher.
 */
#ifndef CDCF_CMD_MAPPING_EXPORT_H
#define CDCF_CMD_MAPPING_EXPORT_H

/* cdcf mapping export SOURCE TARGET [--format ciso-yaml] [-o FILE]: argv[1]
 * is "export". Returns the process's exit code. */
int cmd_mapping_export(int argc, char **argv);

#endif
