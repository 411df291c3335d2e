/*
 * write.h: one write through the API, start to end: the key, the page,
 * the body, one transaction, the lock of the path's resource, what it was,
 * the change (through store.h), what it is, the audit row, the
 * Idempotency-Key, the answer.  Each write is declared as a write_op; its
 * code only reads the body's fields and says what to change.
 */
#ifndef LANTERN_WRITE_H
#define LANTERN_WRITE_H

#include <json-c/json.h>

#include "http.h"
#include "input.h"
#include "store.h"

struct request;
struct response;

struct write {
	struct request	*req;
	struct response	*resp;
	struct store	 tx;		/* the request's database and arena */
	struct store_actor who;		/* the key, or the console's person */
	const char	*token_id;	/* who.token: the API's key */
	const char	*page_id;	/* ids[0] */
	/* The path's ids, as the API's carries them: the page's first. */
	const char	*ids[ROUTE_MAX_PARAMS];
	int		 nids;
	const char	*once;		/* Idempotency-Key, or the form's token */
	const char	*path;		/* what once is kept with */
	json_object	*body;		/* the parsed request, NULL without one;
					   the arena's, as all a write reads */
	char		 body_sha256[65];	/* of path and body: what a retry repeats */
	int		 done;		/* the answer is made: return */
	PGresult	*target;	/* the row write_run() locked, or NULL */
	/* How it ended, for the console, which answers in its own words: */
	const char	*id;		/* the resource's (a creation's new one) */
	const char	*message;	/* a refusal's, or NULL */
	const char	*field;		/* and the field it names, or NULL */
	int		 replayed;	/* sent before: the first answer again */
	long long	 version;	/* the page's, with the change (console) */
	/*
	 * What a creation shows once and keeps nowhere (a new API key, a
	 * generated password): never in the answer kept for a replay, nor
	 * in the audit row.  NULL if none.
	 */
	const char	*secret;
	/*
	 * Fields the answer shows this once and the audit row never
	 * records (a new subscriber's signing secret), or NULL.
	 */
	json_object	*reveal;
	json_object	*made;		/* ANSWER_MADE's answer, the arena's */
};

/*
 * A read of the manage API (GET): the key, read-only ones too (401/403),
 * the page (404) and the path's ids (404), as a write checks them; no
 * body, no transaction.  0 to go on, -1 when answered (w->done).
 */
int	write_read_begin(struct write *, struct request *, struct response *);
/* For apply: a failed statement: rolls back and answers by its SQLSTATE. */
void	write_failed(struct write *, const char *what);
/* For apply: a plain refusal: rolls back, answers status with message (and field). */
void	write_error(struct write *, int status, const char *message,
	    const char *field);

/*
 * What a write's path can name, declared once as tmux declares a
 * command's target: how to lock it, what to say when there is none, and
 * how the API shows it.
 */
struct write_resource {
	const char		*type;		/* "component": audit entity type */
	const char		*what;		/* "component": what a refusal names */
	const struct db_sql	*lock;		/* page, id: its row FOR UPDATE */
	const char		*missing;	/* the 404's message */
	const char		*field;		/* and its field: "component_id" */
	/* A new object (write_run() gives it to the arena), NULL if none. */
	json_object		*(*json)(struct write *, const char *id);
};

/* What is read of the resource before the change, for the audit row. */
enum write_before {
	BEFORE_NONE,
	BEFORE_READ,		/* if it can be read */
	BEFORE_NEEDED,		/* or the write fails: a deletion's */
};

/* What a write answers with. */
enum write_answer {
	ANSWER_AFTER,		/* the resource as it is now (read back) */
	ANSWER_BEFORE,		/* as it was: a deletion's 200 */
	ANSWER_NOTHING,		/* 204 */
	/*
	 * What apply made (w->made): a write over many rows of a kind, which
	 * no one row read back shows.  Audited as it is answered, without an
	 * entity id.
	 */
	ANSWER_MADE,
};

/*
 * One write of the API, declared as tmux declares a command (cmd_entry):
 * routes.c names one for each route of the write API, and api_v1_write()
 * runs it, so the pipeline (key, page, body, lock, before, change, read
 * back, audit, commit) is written once.
 */
struct write_op {
	const struct write_resource *target;	/* locked: the path's first id;
						   NULL: none (a creation) */
	const struct write_resource *res;	/* audited and answered */
	const char	*action;		/* "component.update" */
	int		 status;		/* 200, 201 or 204 */
	enum write_answer answer;
	enum write_before before;
	/* The body's fields into arg (4xx naming one); NULL: no body. */
	int		(*read)(struct write *, void *arg, struct input_error *);
	/*
	 * The change, inside the transaction: 0, *id the resource's (the
	 * path's last id unless it makes one), or -1 with w->done.  NULL for
	 * a deletion, which names its store function instead.
	 */
	int		(*apply)(struct write *, void *arg, const char **id);
	enum store_result (*remove)(struct store *, const char *page,
			    const char *id);
	size_t		 size;			/* of arg, zeroed for each request */
	/*
	 * What the write tells subscribers (outbox.h), after the change is
	 * read back and before the commit: 0, or -1 with w->done.  NULL:
	 * nothing to tell.
	 */
	int		(*queue)(struct write *, void *arg, const char *id,
			    json_object *before, json_object *after);
};
/* How a write from the console came out (write_form). */
struct write_outcome {
	int		 status;	/* the API's: 200, 201, 204, or 4xx/5xx */
	const char	*id;		/* the resource's (a creation's new one) */
	const char	*message;	/* a refusal's, else NULL */
	const char	*field;		/* the field it names ("incident.name") */
	int		 replayed;	/* the form was sent before: written once */
	long long	 version;	/* the page's version that holds it, or 0 */
	/* write.secret, or reveal's "secret": to show now, never again */
	const char	*secret;
};

/*
 * The console's way in: op runs as the signed-in person (req->session),
 * with the validation, store, audit row and change notification the API
 * has.  ids are what the API's path would carry (the page's id first,
 * then the op's target), body the API's JSON for it, once the form's
 * one-time token: a form sent again replays the first outcome and writes
 * nothing.  0 when written (or replayed), -1 when refused; *out either
 * way.  Nothing of the request's response is touched.
 */
int	write_form(struct request *, const struct write_op *op,
	    const char *const *ids, int nids, json_object *body,
	    const char *once, struct write_outcome *out);

/*
 * The console's moves of a component or a group (no route of the API
 * has them): {"direction": "up"|"down"} into *(int *)arg, 1 for up.
 */
int	write_read_direction(struct write *, void *arg, struct input_error *);

/*
 * For apply: r anything but STORE_OK answers as a failure of res (rolled
 * back) and returns -1.
 */
int	write_stored(struct write *, const struct write_resource *res,
	    enum store_result r);
/*
 * For apply: the row write_run() locked (its target's), valid until the
 * write ends.
 */
const PGresult *write_target(const struct write *);

#endif
