/*
 * api-v1-components.c: components through Statuspage's manage API v1
 * shapes, under /v1/pages/{page_id}/components[/{component_id}].
 */
#include <string.h>

#include "arena.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "model.h"
#include "outbox.h"
#include "write.h"

/* Statuspage's fields for a component. */
static const char *const component_keys[] = { "name", "description", "status",
	"position", "group_id", "showcase", "only_show_if_degraded",
	"start_date", NULL };

static json_object *
component_json(struct write *w, const char *id)
{
	const struct component	*c;
	struct model		 m;

	if (model_load(w->req->db, w->req->arena, &m) != MODEL_OK ||
	    (c = model_component(&m, id)) == NULL)
		return NULL;
	return json_component(&m.page, c);
}

static const struct write_resource component = {
	.type = "component",
	.what = "component",
	.lock = &store_component_lock,
	.missing = "There is no such component on this page.",
	.field = "component_id",
	.json = component_json,
};

/* The body's fields, as the store takes them. */
static int
read_fields(json_object *body, int create, struct component_patch *p,
    struct input_error *err)
{
	json_object	*obj, *g;

	memset(p, 0, sizeof(*p));
	p->position = -1;
	p->showcase = p->only_show_if_degraded = p->status = -1;
	if (input_object(body, "", "component", 1, &obj, err) == -1 ||
	    input_known_keys(obj, "component", component_keys, err) == -1 ||
	    input_string(obj, "component", "name", create, 200, &p->name, err) == -1 ||
	    input_string(obj, "component", "description", 0, 2000, &p->description, err) == -1 ||
	    INPUT_WORD(obj, "component", "status", 0, component_statuses,
	    STATUS_COUNT, &p->status, err) == -1 ||
	    input_int(obj, "component", "position", 0, 0, 1000000, &p->position, err) == -1 ||
	    input_bool(obj, "component", "showcase", 0, &p->showcase, err) == -1 ||
	    input_bool(obj, "component", "only_show_if_degraded", 0,
	    &p->only_show_if_degraded, err) == -1 ||
	    input_date(obj, "component", "start_date", 0, &p->start_date, err) == -1)
		return -1;
	/* group_id: a group's id, or null to take the component out of its group. */
	if (json_object_object_get_ex(obj, "group_id", &g)) {
		p->set_group = 1;
		if (g != NULL && input_id(obj, "component", "group_id", 1,
		    &p->group_id, err) == -1)
			return -1;
	}
	return 0;
}

static int
read_new(struct write *w, void *arg, struct input_error *err)
{
	return read_fields(w->body, 1, arg, err);
}

static int
read_patch(struct write *w, void *arg, struct input_error *err)
{
	return read_fields(w->body, 0, arg, err);
}

/* The body's group must be one of this page's: 422 naming the field if not. */
static int
check_group(struct write *w, const char *group)
{
	if (group == NULL)
		return 0;
	switch (store_lock(&w->tx, &store_group_lock, w->page_id, group, NULL)) {
	case STORE_OK:
		return 0;
	case STORE_NONE:
		write_error(w, 422, "There is no such component group on this "
		    "page.", "component.group_id");
		return -1;
	case STORE_FAILED:
		break;
	}
	write_failed(w, "component group");
	return -1;
}

static int
insert(struct write *w, void *arg, const char **id)
{
	const struct component_patch	*p = arg;

	if (check_group(w, p->group_id) == -1)
		return -1;
	return write_stored(w, &component, store_component_insert(&w->tx,
	    w->page_id, p, id));
}

static int
update(struct write *w, void *arg, const char **id)
{
	const struct component_patch	*p = arg;

	if (check_group(w, p->group_id) == -1)
		return -1;
	return write_stored(w, &component, store_component_update(&w->tx,
	    w->page_id, *id, p));
}

/* A new status is told to the subscribers of the component. */
static int
queue(struct write *w, void *arg, const char *id, json_object *before,
    json_object *after)
{
	(void)arg;
	return outbox_component(w, id, before, after);
}

/*
 * POST /v1/pages/{page_id}/components: a new component (its first status
 * goes into the history, operational unless said), in a group of the
 * page if group_id names one, last of its group or of the page unless a
 * position is given.  201 with the component; 409 for a name the page
 * has; 422 for an unknown group; 400/413/415/422 for bad input, 401/403
 * for the key, 404 for the page.
 */
const struct write_op api_v1_component_create = { NULL, &component,
	"component.create", 201, ANSWER_AFTER, BEFORE_NONE,
	read_new, insert, NULL, sizeof(struct component_patch), NULL };

/*
 * PATCH or PUT /v1/pages/{page_id}/components/{component_id}: a new
 * status (recorded in the status history, so uptime follows), name,
 * description, position, group (group_id null takes it out of its group),
 * showcase, only_show_if_degraded or start_date; a new status is queued
 * for the component's subscribers.  200 with the component;
 * 404 for an unknown one; 422 for an unknown group; 4xx for bad input as
 * everywhere.
 */
const struct write_op api_v1_component_update = { &component, &component,
	"component.update", 200, ANSWER_AFTER, BEFORE_READ,
	read_patch, update, NULL, sizeof(struct component_patch), queue };

/*
 * DELETE /v1/pages/{page_id}/components/{component_id}: removes it with
 * its status history and uptime days; incidents that moved it stay, and
 * lose only its lines.  204 without a body (the audit row keeps the
 * component in "before"); 404 for an unknown one.
 */
const struct write_op api_v1_component_delete = { &component, &component,
	"component.delete", 204, ANSWER_NOTHING, BEFORE_NEEDED,
	NULL, NULL, store_component_delete, 0, NULL };

static int
move(struct write *w, void *arg, const char **id)
{
	enum store_result	r;

	if ((r = store_order_move(&w->tx, w->page_id, "component", *id,
	    *(int *)arg)) == STORE_NONE) {
		write_error(w, 409, *(int *)arg ? "This component is first "
		    "already." : "This component is last already.", "direction");
		return -1;
	}
	return write_stored(w, &component, r);
}

/*
 * The console's "move up" and "move down" (no API route: the API sets
 * positions): one place among its group's components, or the page's top
 * level, in one transaction and one audit row.  200 with the component;
 * 404; 409 at either end.
 */
const struct write_op manage_component_move = { &component, &component,
	"component.move", 200, ANSWER_AFTER, BEFORE_READ,
	write_read_direction, move, NULL, sizeof(int), NULL };
