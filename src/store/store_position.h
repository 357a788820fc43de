/*
 * store_position.h - an organization's own positions of services on the
 * procurement quadrant, per portfolio.
 *
 * A stored position replaces the catalogue's for that portfolio (custom
 * services have no catalogue position, so this is the only one they get).
 * Both axes are 0..100 as in the catalogue (skill needed; information
 * handled, own to external). store_portfolio_load fills entry.placed and
 * entry.place from here, so every view reads the same positions.
 */
#ifndef CDCF_STORE_POSITION_H
#define CDCF_STORE_POSITION_H

#include "core/portfolio.h"
#include "store/store.h"
#include "util/err.h"

/*
 * Set ref's position in the portfolio (skill and info 0..100; the caller
 * checked them) or, with skill < 0, remove it so the catalogue's applies
 * again. One audit event "entry.position" with the position before and
 * after (null: the catalogue's); a change to what is stored already is no
 * change and records nothing. *changed (may be NULL) says which it was.
 * Joins the caller's transaction.
 */
int store_position_set(struct store *st, long long portfolio_id, const char *ref, int skill,
		       int info, int *changed, struct err *e);

/* Store ref's position as an archive import does: no audit event of its own
 * (the import records one), inside the import's transaction. */
int store_position_import(struct store *st, long long portfolio_id, const char *ref, int skill,
			  int info, struct err *e);

/* Mark the entries of p that have a stored position (placed, place). */
int store_position_fill(struct store *st, struct portfolio *p, struct err *e);

#endif
