/*
 * yaml_int.h - what the YAML reader (yaml_doc.c) and writer (yaml_emit.c)
 * share; not for other modules.
 */
#ifndef CDCF_YAML_INT_H
#define CDCF_YAML_INT_H

#include <locale.h>

/* The C numeric locale: numbers are read and written in it whatever the
 * process locale is. Created once (thread-safe), never freed. */
locale_t yaml_numeric_locale(void);

/* An ASCII digit 0-9 (not locale-dependent like isdigit). */
int yaml_is_digit(char c);

#endif
