/*
 * api-v1-groups.c: component groups through Statuspage's manage API v1
 * shapes, under /v1/pages/{page_id}/component-groups[/{group_id}].  A
 * group is shown as a component with "group": true and its members' ids.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "model.h"
#include "write.h"

static const char *const group_keys[] = { "name", "description", "components",
	"position", NULL };

/* The group as the API shows it, read inside the transaction. */
static json_object *
group_json(struct write *w, const char *id)
{
	struct model	 m;
	size_t		 i;

	if (model_load(w->req->db, w->req->arena, &m) != MODEL_OK)
		return NULL;
	for (i = 0; i < m.ngroups; i++)
		if (strcmp(m.groups[i].id, id) == 0)
			return json_group(&m.page, &m.groups[i]);
	return NULL;
}

static const struct write_resource group = {
	.type = "component_group",
	.what = "component group",
	.lock = &store_group_lock,
	.missing = "There is no such component group on this page.",
	.field = "group_id",
	.json = group_json,
};

/*
 * "components": [ids]: each one an id (so the refusal names
 * "component_group.components.N"), none twice; they point into the body.
 */
static int
read_members(struct write *w, json_object *obj, struct group_patch *p,
    struct input_error *err)
{
	json_object	*arr = NULL;
	size_t		 i, n;

	if (input_ids(obj, "component_group", "components", 0, &arr, err) == -1)
		return -1;
	if (arr == NULL)
		return 0;
	n = json_object_array_length(arr);
	p->members = arena_calloc(w->req->arena, n + 1, sizeof(*p->members));
	for (i = 0; i < n; i++)
		p->members[p->nmembers++] = json_object_get_string(
		    json_object_array_get_idx(arr, i));
	return 0;
}

static int
read_fields(struct write *w, int create, struct group_patch *p,
    struct input_error *err)
{
	json_object	*obj;

	memset(p, 0, sizeof(*p));
	p->position = -1;
	if (input_object(w->body, "", "component_group", 1, &obj, err) == -1 ||
	    input_known_keys(obj, "component_group", group_keys, err) == -1 ||
	    input_string(obj, "component_group", "name", create, 200, &p->name, err) == -1 ||
	    input_string(obj, "component_group", "description", 0, 2000,
	    &p->description, err) == -1 ||
	    input_int(obj, "component_group", "position", 0, 0, 1000000,
	    &p->position, err) == -1 ||
	    read_members(w, obj, p, err) == -1)
		return -1;
	return 0;
}

static int
read_new(struct write *w, void *arg, struct input_error *err)
{
	return read_fields(w, 1, arg, err);
}

static int
read_patch(struct write *w, void *arg, struct input_error *err)
{
	return read_fields(w, 0, arg, err);
}

/*
 * The group's members become exactly those of p, positioned in their
 * order; those left out leave the group.  422 naming the entry for a
 * component that is not the page's.
 */
static int
set_members(struct write *w, const char *id, const struct group_patch *p)
{
	size_t	missing = 0;

	switch (store_group_members(&w->tx, w->page_id, id, p, &missing)) {
	case STORE_OK:
		return 0;
	case STORE_NONE:
		write_error(w, 422, "There is no such component on this page.",
		    arena_printf(w->req->arena, "component_group.components.%zu",
		    missing));
		return -1;
	case STORE_FAILED:
		break;
	}
	write_failed(w, group.what);
	return -1;
}

static int
insert(struct write *w, void *arg, const char **id)
{
	const struct group_patch	*p = arg;

	if (write_stored(w, &group, store_group_insert(&w->tx, w->page_id, p,
	    id)) == -1)
		return -1;
	return set_members(w, *id, p);
}

static int
update(struct write *w, void *arg, const char **id)
{
	const struct group_patch	*p = arg;

	if (write_stored(w, &group, store_group_update(&w->tx, w->page_id, *id,
	    p)) == -1)
		return -1;
	return set_members(w, *id, p);
}

/*
 * POST /v1/pages/{page_id}/component-groups: a new group of the page's
 * components (in the order given), last on the page unless a position is
 * given.  201 with the group; 409 for a name the page has; 422 for a
 * component that is not the page's; 400/413/415/422 for bad input,
 * 401/403 for the key, 404 for the page.
 */
const struct write_op api_v1_group_create = { NULL, &group,
	"component_group.create", 201, ANSWER_AFTER, BEFORE_NONE,
	read_new, insert, NULL, sizeof(struct group_patch), NULL };

/*
 * PATCH or PUT /v1/pages/{page_id}/component-groups/{group_id}: a new
 * name, description or position; "components" replaces the members and
 * orders them as listed (those left out stay on the page, ungrouped).
 * 200 with the group; 404 for an unknown group; the rest as for creating.
 */
const struct write_op api_v1_group_update = { &group, &group,
	"component_group.update", 200, ANSWER_AFTER, BEFORE_READ,
	read_patch, update, NULL, sizeof(struct group_patch), NULL };

/*
 * DELETE /v1/pages/{page_id}/component-groups/{group_id}: removes the
 * group; its components stay on the page, ungrouped.  204 without a body
 * (the audit row keeps the group in "before"); 404 for an unknown group.
 */
const struct write_op api_v1_group_delete = { &group, &group,
	"component_group.delete", 204, ANSWER_NOTHING, BEFORE_NEEDED,
	NULL, NULL, store_group_delete, 0, NULL };

static int
move(struct write *w, void *arg, const char **id)
{
	enum store_result	r;

	if ((r = store_order_move(&w->tx, w->page_id, "group", *id,
	    *(int *)arg)) == STORE_NONE) {
		write_error(w, 409, *(int *)arg ? "This group is first already." :
		    "This group is last already.", "direction");
		return -1;
	}
	return write_stored(w, &group, r);
}

/*
 * The console's "move up" and "move down" of a group among the page's
 * top level (no API route), as manage_component_move.
 */
const struct write_op manage_group_move = { &group, &group,
	"component_group.move", 200, ANSWER_AFTER, BEFORE_READ,
	write_read_direction, move, NULL, sizeof(int), NULL };
