/*
 * oscal_int.h - helpers shared by the oscal_*.c files; not for other modules.
 */
#ifndef CDCF_OSCAL_INT_H
#define CDCF_OSCAL_INT_H

#include <jansson.h>

/* An OSCAL token (NCName) for a ref_id: letters, digits, . - _, starting
 * with a letter ("6.4.2" -> "n6.4.2", "A 1" -> "A_1"). New string. */
char *oscal_token(const char *ref);

/* One line of text as OSCAL strings want it: runs of white space (line
 * breaks too) become one space, none leading or trailing. New string, NULL
 * when nothing is left. */
char *oscal_line(const char *s);

/* Append {name, ns (OSCAL_NS when cdcf), value} to props unless value is
 * empty (value is cleaned with oscal_line). */
void oscal_prop(json_t *props, const char *name, const char *value, int cdcf);

/* Set obj.props to props when it holds anything; takes the reference. */
void oscal_set_props(json_t *obj, json_t *props);

/* Set obj.key to oscal_line(s), or to fallback when nothing is left. */
void oscal_set_line(json_t *obj, const char *key, const char *s, const char *fallback);

#endif
