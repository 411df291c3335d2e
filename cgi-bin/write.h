/*
 * write.h: one write through the API, start to end: the key, the page,
 * the body, one transaction, the audit row, the Idempotency-Key, the
 * answer.  Handlers only validate fields and say what to change.
 */
#ifndef LANTERN_WRITE_H
#define LANTERN_WRITE_H

#include <json-c/json.h>

#include "input.h"

struct request;
struct response;

struct write {
	struct request	*req;
	struct response	*resp;
	const char	*token_id;
	const char	*page_id;
	json_object	*body;		/* the parsed request, NULL without one */
	char		 body_sha256[65];	/* of path and body: what a retry repeats */
	int		 done;		/* the answer is made: return */
};

/*
 * Checks the key (401/403), the page (404), parses the body if need_body
 * (4xx naming the field), opens the transaction and answers a retried POST
 * from its Idempotency-Key.  Returns 0 to go on; -1 when w->done (an error
 * or a replay is already the answer; nothing was written).
 */
int	write_begin(struct write *, struct request *, struct response *, int need_body);
/* A refused field: rolls back and answers err. */
void	write_refuse(struct write *, const struct input_error *);
/* A failed statement: rolls back and answers by its SQLSTATE. */
void	write_failed(struct write *, const char *what);
/* A plain refusal: rolls back, answers status with message (and field). */
void	write_error(struct write *, int status, const char *message, const char *field);
/*
 * Records the audit row (before/after may be NULL), stores the answer for
 * the Idempotency-Key, commits, and answers status with result.  Takes
 * over result and before.  A 204 answers no body and records no after
 * (result may be NULL).
 */
void	write_commit(struct write *, int status, const char *action,
	    const char *entity_type, const char *entity_id, json_object *before,
	    json_object *result);
/* Drops the body; every handler calls it last. */
void	write_end(struct write *);

#endif
