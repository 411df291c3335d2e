/*
 * manage-owner.h: what the owner's screens (keys, audit log, settings,
 * people) share: their page, times in its zone, refusals that name a
 * field, and the confirmation step before a removal.
 */
#ifndef LANTERN_MANAGE_OWNER_H
#define LANTERN_MANAGE_OWNER_H

#include <libpq-fe.h>

struct buf;
struct request;
struct response;
struct write_outcome;

/* The page's id (from the snapshot), or NULL after answering 503. */
const char *owner_page(struct request *, struct response *);
/* A time column read with LOCAL_TIME, as <time>, or "never". */
void	owner_time(struct buf *, const struct request *, const PGresult *,
	    int row, const char *prefix, const char *never);
/* A refusal above the form (id "refusal"), if out is one. */
void	owner_refusal(struct buf *, const struct write_outcome *out);
/*
 * An input's aria-describedby (its hint's id, or NULL), and if out names
 * field, aria-invalid and the refusal too.
 */
void	owner_invalid(struct buf *, const struct write_outcome *out,
	    const char *field, const char *hint);
/* A form field of the request, "" when absent. */
const char *owner_field(const struct request *, const char *name);
/*
 * The confirmation step: "question" with a button saying verb that POSTs
 * to action (under /manage), and a way back to back.
 */
void	owner_confirm(struct buf *, const struct request *, const char *action,
	    const char *question, const char *verb, const char *back);

#endif
