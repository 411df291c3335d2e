/*
 * store.h: every write to the database, one typed function each, beside
 * its SQL in store*.c: components and groups (store-component.c),
 * incidents and their updates (store-incident.c), and what every write
 * goes through, the key, the audit row, the Idempotency-Key, and the
 * ticker's round (store.c).  The write API and the ticker write through
 * it; db.c keeps only the connection and the reads.
 *
 * Each function runs inside a transaction its caller opened (db_begin)
 * and will commit or roll back; none of them commits.  Values come typed
 * (the vocabulary of status.h, -1 for "keep"), ids as the digits the
 * request held (input_is_id() checked them).
 */
#ifndef LANTERN_STORE_H
#define LANTERN_STORE_H

#include <stddef.h>

#include "db.h"
#include "status.h"

struct arena;

struct store {
	struct db	*db;
	struct arena	*arena;	/* what a function hands back lives here */
};

enum store_result {
	STORE_OK,
	STORE_NONE,	/* no such row, or the statement changed none */
	STORE_FAILED,	/* the database refused or failed: db says why */
};

/*
 * The statements that lock a resource's row (page, id) FOR UPDATE: named
 * by the write API's resource descriptors (write.h).
 */
extern const struct db_sql store_component_lock;
extern const struct db_sql store_group_lock;
extern const struct db_sql store_incident_lock;	/* id, kind, status */
extern const struct db_sql store_subscriber_lock;

/*
 * Locks row id of page with lock: STORE_NONE if there is none.  *row, if
 * row is not NULL, is the locked row (STORE_OK only); the caller
 * PQclear()s it.
 */
enum store_result store_lock(struct store *, const struct db_sql *lock,
		    const char *page, const char *id, PGresult **row);

/* A component's fields: NULL or -1 where the write keeps what is there. */
struct component_patch {
	const char	*name, *description, *start_date;
	int		 status;		/* enum component_status */
	long long	 position;		/* a new one: last if -1 */
	int		 set_group;		/* group_id is news (NULL: out) */
	const char	*group_id;
	int		 showcase, only_show_if_degraded;
};

/* Its first status goes into the status history; *id the new one's. */
enum store_result store_component_insert(struct store *, const char *page,
		    const struct component_patch *, const char **id);
/* A new status goes into the history, so uptime follows. */
enum store_result store_component_update(struct store *, const char *page,
		    const char *id, const struct component_patch *);
/* With its history, days and update lines. */
enum store_result store_component_delete(struct store *, const char *page,
		    const char *id);

struct group_patch {
	const char	*name, *description;
	long long	 position;		/* -1: keep (a new one: last) */
	const char	**members;		/* component ids; NULL: keep */
	size_t		 nmembers;
};

enum store_result store_group_insert(struct store *, const char *page,
		    const struct group_patch *, const char **id);
enum store_result store_group_update(struct store *, const char *page,
		    const char *id, const struct group_patch *);
/*
 * The group's members become exactly p->members, in their order (if p
 * has members); STORE_NONE with *missing the index of one that is not a
 * component of the page.
 */
enum store_result store_group_members(struct store *, const char *page,
		    const char *id, const struct group_patch *,
		    size_t *missing);
/*
 * A component (kind "component") or a group ("group") one place up (or
 * down) among its siblings, as the page orders them; STORE_NONE when it
 * is first (last) already.
 */
enum store_result store_order_move(struct store *, const char *page,
		    const char *kind, const char *id, int up);
/* Its components stay on the page, ungrouped. */
enum store_result store_group_delete(struct store *, const char *page,
		    const char *id);

/* An incident's or maintenance's fields: NULL or -1 to keep. */
struct incident_patch {
	const char	*name;
	int		 status;		/* enum notice_status */
	int		 impact;		/* enum impact */
	const char	*scheduled_for, *scheduled_until;
	int		 auto_start, auto_end;	/* a new one's; -1: no */
	/* A new one's: whether the ticker's moves of it are told; -1: yes. */
	int		 auto_told;
};

/* A component an update moves, and where to. */
struct component_move {
	const char		*id;
	enum component_status	 to;
	/* Set by store_components_move(): whether it moved, and from what. */
	int			 moved;
	enum component_status	 from;
};

/* A new one of kind; p's status and impact must be set.  *id the new one's. */
enum store_result store_incident_insert(struct store *, const char *page,
		    enum notice_kind, const struct incident_patch *,
		    const char **id);
/* The times (started, monitoring, resolved) follow the status. */
enum store_result store_incident_update(struct store *, const char *page,
		    const char *id, const struct incident_patch *);
enum store_result store_incident_delete(struct store *, const char *page,
		    const char *id);
/* An update on the incident's timeline (body NULL: the status's own text). */
enum store_result store_update_insert(struct store *, const char *incident,
		    enum notice_status, const char *body, const char **id);
/*
 * Moves each of moves by update of incident, recording what each went
 * from and to; STORE_NONE with *missing the id of one that is no
 * component of page.
 */
enum store_result store_components_move(struct store *, const char *page,
		    const char *incident, const char *update,
		    struct component_move *moves, size_t nmoves,
		    const char **missing);
/*
 * Whether each of ids is a component of page: STORE_NONE with *missing
 * its index and *group whether it is a group instead.
 */
enum store_result store_affected_check(struct store *, const char *page,
		    const char *const *ids, size_t nids, size_t *missing,
		    int *group);
/*
 * The components the incident affects: ids (all of them, the rest
 * leaving, when replace) and those moves moves.
 */
enum store_result store_affected_set(struct store *, const char *page,
		    const char *incident, const char *const *ids, size_t nids,
		    const struct component_move *moves, size_t nmoves,
		    int replace);
/* STORE_NONE: not an incident, or published already. */
enum store_result store_postmortem_draft(struct store *, const char *page,
		    const char *id, const char *body);
/* STORE_NONE: not resolved, no draft, or published already. */
enum store_result store_postmortem_publish(struct store *, const char *page,
		    const char *id);
/*
 * A correction of an update's text or time (NULL: keep either);
 * STORE_NONE: no such update of the incident.
 */
enum store_result store_update_edit(struct store *, const char *page,
		    const char *incident, const char *update, const char *body,
		    const char *display_at);

/* The console's incident templates (store-template.c): NULL keeps a field. */
extern const struct db_sql store_template_lock;
struct template_patch {
	const char	*name, *title, *body;
};
struct store_template {
	const char	*id, *name, *title, *body;
};
enum store_result store_template_insert(struct store *, const char *page,
		    const struct template_patch *, const char **id);
enum store_result store_template_update(struct store *, const char *page,
		    const char *id, const struct template_patch *);
enum store_result store_template_delete(struct store *, const char *page,
		    const char *id);
/*
 * The page's templates by name, max at most; with id only that one
 * (STORE_NONE if there is none such).
 */
enum store_result store_templates(struct store *, const char *page,
		    const char *id, int max, struct store_template **,
		    size_t *n);
/*
 * Subscribers (store-subscriber.c).  A new one: channel "email",
 * "webhook", "slack", "teams" or "discord"; incident NULL for the whole
 * page; secret 64 hex digits; an operator's is confirmed at once.
 */
struct subscriber_new {
	const char	*channel, *address, *incident, *secret;
	int		 all_components;
	int		 by_operator;
};
/* STORE_NONE: a live subscription of that address to that subject exists. */
enum store_result store_subscriber_insert(struct store *, const char *page,
		    const struct subscriber_new *, const char **id);
/* The live, unconfirmed twin of s (same address and subject); STORE_NONE if none. */
enum store_result store_subscriber_pending(struct store *, const char *page,
		    const struct subscriber_new *, const char **id);
/*
 * Subscriber id of page hears of all components, or of those n ids;
 * STORE_NONE if there is no such subscriber or an id is no component of
 * the page.
 */
enum store_result store_subscriber_choose(struct store *, const char *page,
		    const char *id, int all, const char *const *components,
		    size_t n);
/* STORE_NONE: confirmed already, gone, or no such subscriber. */
enum store_result store_subscriber_confirm(struct store *, const char *id);
/* Of page (NULL: any); STORE_NONE: gone already, or no such subscriber. */
enum store_result store_subscriber_leave(struct store *, const char *page,
		    const char *id);
/*
 * Reads for the manage API: a page's subscribers, newest first, of channel
 * (NULL: any) in state ("active", "unconfirmed", "quarantined",
 * "unsubscribed" or "all"); how many; one (STORE_NONE if none).  Rows as
 * SUBSCRIBER_ROW in store-subscriber.c: the caller PQclear()s them.
 */
enum store_result store_subscribers_list(struct store *, const char *page,
		    const char *channel, const char *state, long long limit,
		    long long offset, PGresult **);
enum store_result store_subscribers_count(struct store *, const char *page,
		    const char *channel, const char *state, const char **count);
enum store_result store_subscriber_get(struct store *, const char *page,
		    const char *id, PGresult **);
/* Whether incident id of page is there and not over; STORE_NONE if not. */
enum store_result store_incident_open(struct store *, const char *page,
		    const char *id);
/* The page of subscriber id; STORE_NONE if there is no such subscriber. */
enum store_result store_subscriber_page(struct store *, const char *id,
		    const char **page);
/*
 * A visitor's sign-up counted against kind ("email" or "client") and key
 * over the last hour: *allowed 0 once limit were made.
 */
enum store_result store_subscribe_attempt(struct store *, const char *kind,
		    const char *key, int limit, int *allowed);
/*
 * The transactional outbox: one event with its payload (Statuspage's
 * webhook body without "meta", JSON text) and whom it concerns, in the
 * caller's transaction; lantern-notify makes its deliveries.  update NULL:
 * the incident's postmortem.
 */
enum store_result store_outbox_incident(struct store *, const char *page,
		    const char *incident, const char *update, const char *payload);
enum store_result store_outbox_component(struct store *, const char *page,
		    const char *component, const char *payload);
/* To that subscriber alone, if it is live and unconfirmed (else STORE_NONE). */
enum store_result store_outbox_confirmation(struct store *, const char *page,
		    const char *subscriber, const char *payload);
/* The id of the component's newest status change. */
enum store_result store_component_change(struct store *, const char *component,
		    const char **id);

/* An API key's token, by the SHA-256 of the key (hex); STORE_NONE if none. */
struct store_token {
	const char	*id;
	const char	*page_id;	/* NULL: any page */
	const char	*hash;		/* hex, as stored */
	int		 read_only;
};
enum store_result store_token_find(struct store *, const char *hash_hex,
		    struct store_token *);
enum store_result store_token_used(struct store *, const char *token);
enum store_result store_page_exists(struct store *, const char *page);
/*
 * The page's version (moved once by each transaction that changes what
 * it shows): read after a change, the snapshot version that holds it.
 */
enum store_result store_page_version(struct store *, const char *page,
		    long long *version);

/*
 * Who writes: an API key (token, its id) or a person signed in to the
 * console (person, their id); one of the two is NULL.
 */
struct store_actor {
	const char	*token;
	const char	*person;
};

/*
 * The first answer to a POST, kept for a day under its Idempotency-Key
 * (or, from the console, the form's one-time token), per actor.
 */
struct store_answer {
	int		 status;
	const char	*request_sha256;	/* hex */
	const char	*body;
};
/* Two retries of one POST queue here instead of both writing. */
enum store_result store_idem_lock(struct store *, const struct store_actor *,
		    const char *key);
enum store_result store_idem_get(struct store *, const struct store_actor *,
		    const char *key, struct store_answer *);
enum store_result store_idem_put(struct store *, const struct store_actor *,
		    const char *key, const char *path,
		    const struct store_answer *);
/* The audit row of a write; before and after JSON text or NULL. */
enum store_result store_audit(struct store *, const struct store_actor *,
		    const char *action, const char *entity_type,
		    const char *entity_id, const char *before,
		    const char *after);
/*
 * The ticker's round: due maintenance starts, finished maintenance
 * completes, Idempotency-Keys a day old go.
 */
/* An update the ticker made, to be told: page, incident and update ids. */
struct store_ticked {
	const char	*page, *incident, *update;
};
/*
 * One round of the ticker; *ticked (n of them, in st's arena): the
 * updates it made that are to be told.
 */
enum store_result store_tick(struct store *, struct store_ticked **ticked,
		    size_t *n);

/*
 * The console's owner screens (store-owner.c).  The locks take (page, id)
 * as every write_resource's does; people are the installation's, so the
 * page only types its parameter.  The *_json reads are the row as the
 * audit log keeps it (a key without its hash, a person without theirs),
 * NULL if there is none; the caller puts it.
 */
struct json_object;
extern const struct db_sql store_token_lock;
extern const struct db_sql store_page_lock;
extern const struct db_sql store_person_lock;	/* id, role */
struct json_object *store_token_json(struct store *, const char *page,
		    const char *id);
struct json_object *store_page_json(struct store *, const char *page,
		    const char *id);
struct json_object *store_person_json(struct store *, const char *page,
		    const char *id);
/* A key of page, known by its SHA-256 (hex) only; *id the new one's. */
enum store_result store_token_insert(struct store *, const char *page,
		    const char *name, const char *hash_hex, int read_only,
		    const char **id);
/* STORE_NONE: revoked already (or no key of page's). */
enum store_result store_token_revoke(struct store *, const char *page,
		    const char *id);
/* Name, URL, time zone: NULL keeps each. */
enum store_result store_page_settings(struct store *, const char *page,
		    const char *name, const char *url, const char *time_zone);
/* hash: password_hash()'s; role "owner" or "editor". */
enum store_result store_person_insert(struct store *, const char *email,
		    const char *hash, const char *role, const char **id);
/* role NULL, disabled -1: kept.  Disabling ends every session of theirs. */
enum store_result store_person_update(struct store *, const char *id,
		    const char *role, int disabled);
enum store_result store_person_delete(struct store *, const char *page,
		    const char *id);

/* For store*.c: how many parameters an array holds. */
#define STORE_N(params)	((int)(sizeof(params) / sizeof((params)[0])))
/* For store*.c: sql run, its result in *res (NULL: cleared). */
enum store_result store_run(struct store *, const struct db_sql *, int nparams,
		    const char *const *params, PGresult **res);
/* The same for an INSERT ... RETURNING id: *id the new row's. */
enum store_result store_insert(struct store *, const struct db_sql *,
		    int nparams, const char *const *params, const char **id);
/* The same for a statement of one value: the first row's first column, STORE_NONE if no row. */
enum store_result store_value(struct store *, const struct db_sql *,
		    int nparams, const char *const *params, const char **value);
/* The same, STORE_NONE when it changed no row. */
enum store_result store_run_one(struct store *, const struct db_sql *,
		    int nparams, const char *const *params);
/* v as a parameter: NULL (keep, or the default) when -1. */
const char	*store_number(struct store *, long long v);
const char	*store_bool(int v);

#endif
