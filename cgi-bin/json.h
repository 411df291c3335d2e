/*
 * json.h: the model as Atlassian Statuspage's public API v2 objects (page,
 * status, component, incident, scheduled maintenance), and the one writer
 * of JSON bodies.  Every JSON answer builds its objects here, so a field's
 * name, type and null-ness are decided in one place.
 *
 * json-c has a json.h too: ours is found only as "json.h" (cgi-bin/ is on
 * the quote path alone, -iquote), json-c's always as <json-c/json.h>.
 */
#ifndef LANTERN_JSON_H
#define LANTERN_JSON_H

#include <stddef.h>

#include <json-c/json.h>

#include "status.h"

struct arena;
struct model;
struct notice;
struct notices;
struct component;
struct group;
struct overall_status;
struct page;
struct buf;
struct request;
struct response;

/* {id, name, url, time_zone, updated_at}; url is the configured base URL. */
json_object	*json_page(const struct request *, const struct page *);
/* {indicator, description} */
json_object	*json_status(const struct overall_status *);
/* One component (not a group). */
json_object	*json_component(const struct page *, const struct component *);
/* One group: a component with "group": true and its children's ids. */
json_object	*json_group(const struct page *, const struct group *);
/*
 * Every component and every group (a group is a component with
 * "group": true and its children's ids in "components"), in page order:
 * each group just before its first child.
 */
json_object	*json_components(const struct model *);
/*
 * One incident, or one scheduled maintenance (it adds scheduled_for and
 * scheduled_until), with its updates newest first (each with the
 * statuses it moved as affected_components) and the components it
 * affects.  A published postmortem is the newest update, with status
 * "postmortem" (see json.c for why).
 */
json_object	*json_notice(const struct request *, const struct model *,
		    const struct notice *);
/*
 * An array of the notices of one kind (maintenance or not) among ns, in
 * their order, at most max of them (0: no limit).
 */
json_object	*json_notices(const struct request *, const struct model *,
		    const struct notices *, enum notice_kind, size_t max);
/*
 * A JSON body: serialises o into resp->body as application/json and drops
 * the caller's reference, so nothing of it outlives the request.
 */
void		 json_respond(struct response *, json_object *o);
/*
 * o serialised onto b, and dropped: a large answer is written a piece at a
 * time, so its whole tree of objects never lives at once.
 */
void		 json_append(struct buf *, json_object *o);
/* o, owned by a from now on: dropped when a is freed (arena_cleanup()). */
json_object	*json_own(struct arena *a, json_object *o);

#endif
