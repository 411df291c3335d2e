/*
 * api-v1-groups.c: component groups through Statuspage's manage API v1
 * shapes, under /v1/pages/{page_id}/component-groups[/{group_id}].  A
 * group is shown as a component with "group": true and its members' ids.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "db.h"
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

struct group_fields {
	json_object	*obj;
	const char	*name, *desc;
	long long	 position;
	const char	**members;	/* component ids, in order; NULL if not sent */
	size_t		 nmembers;
};

/*
 * "components": [ids]: each one an id (so the refusal names
 * "component_group.components.N"), none twice; they point into the body.
 */
static int
read_members(struct write *w, struct group_fields *f, struct input_error *err)
{
	json_object	*arr = NULL;
	size_t		 i, n;

	if (input_ids(f->obj, "component_group", "components", 0, &arr,
	    err) == -1)
		return -1;
	if (arr == NULL)
		return 0;
	n = json_object_array_length(arr);
	f->members = arena_calloc(w->req->arena, n + 1, sizeof(*f->members));
	for (i = 0; i < n; i++)
		f->members[f->nmembers++] = json_object_get_string(
		    json_object_array_get_idx(arr, i));
	return 0;
}

static int
read_fields(struct write *w, int create, struct group_fields *f,
    struct input_error *err)
{
	memset(f, 0, sizeof(*f));
	f->position = -1;
	if (input_object(w->body, "", "component_group", 1, &f->obj, err) == -1 ||
	    input_known_keys(f->obj, "component_group", group_keys, err) == -1 ||
	    input_string(f->obj, "component_group", "name", create, 200, &f->name, err) == -1 ||
	    input_string(f->obj, "component_group", "description", 0, 2000, &f->desc, err) == -1 ||
	    input_int(f->obj, "component_group", "position", 0, 0, 1000000, &f->position, err) == -1 ||
	    read_members(w, f, err) == -1)
		return -1;
	return 0;
}

/*
 * The group's members become exactly f->members, positioned in their
 * order; those left out leave the group.  422 naming the entry for a
 * component that is not the page's.
 */
static int
set_members(struct write *w, const char *group, const struct group_fields *f)
{
	const char	*params[4] = { w->page_id, group, NULL, NULL };
	PGresult	*res;
	size_t		 i;
	int		 found;

	if (f->members == NULL)
		return 0;
	if ((res = db_query(w->req->db, STMT_GROUP_CLEAR, 2, params)) == NULL) {
		write_failed(w, "component group");
		return -1;
	}
	PQclear(res);
	for (i = 0; i < f->nmembers; i++) {
		params[2] = f->members[i];
		params[3] = arena_printf(w->req->arena, "%zu", i + 1);
		if ((res = db_query(w->req->db, STMT_GROUP_MEMBER, 4, params)) == NULL) {
			write_failed(w, "component group");
			return -1;
		}
		found = strcmp(PQcmdTuples(res), "1") == 0;
		PQclear(res);
		if (!found) {
			write_error(w, 422, "There is no such component on this "
			    "page.", arena_printf(w->req->arena,
			    "component_group.components.%zu", i));
			return -1;
		}
	}
	return 0;
}

/* Locks the path's group: 404 if it is not the page's. */
static int
lock_group(struct write *w, const char *id)
{
	const char	*params[2] = { w->page_id, id };
	PGresult	*res;
	int		 found;

	if ((res = db_query(w->req->db, STMT_GROUP_LOCK, 2, params)) == NULL) {
		write_failed(w, "component group");
		return -1;
	}
	found = PQntuples(res) == 1;
	PQclear(res);
	if (!found) {
		write_error(w, 404, "There is no such component group on this "
		    "page.", "group_id");
		return -1;
	}
	return 0;
}

/*
 * POST /v1/pages/{page_id}/component-groups: a new group of the page's
 * components (in the order given), last on the page unless a position is
 * given.  201 with the group; 409 for a name the page has; 422 for a
 * component that is not the page's; 400/413/415/422 for bad input,
 * 401/403 for the key, 404 for the page.
 */
void
api_v1_group_create(struct request *req, struct response *resp)
{
	struct group_fields	 f;
	struct input_error	 err;
	struct write		 w;
	json_object		*result;
	const char		*params[4], *id;
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (read_fields(&w, 1, &f, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	params[0] = w.page_id;
	params[1] = f.name;
	params[2] = f.desc;
	params[3] = f.position >= 0 ? arena_printf(req->arena, "%lld", f.position) : NULL;
	if ((res = db_query(req->db, STMT_GROUP_INSERT, 4, params)) == NULL) {
		write_failed(&w, "component group");
		goto done;
	}
	id = db_get(req->arena, res, 0, "id");
	PQclear(res);
	if (set_members(&w, id, &f) == -1)
		goto done;
	if ((result = group_json(&w, id)) == NULL) {
		write_failed(&w, "component group");
		goto done;
	}
	write_commit(&w, 201, "component_group.create", "component_group", id,
	    NULL, result);
done:
	write_end(&w);
}

/*
 * PATCH or PUT /v1/pages/{page_id}/component-groups/{group_id}: a new
 * name, description or position; "components" replaces the members and
 * orders them as listed (those left out stay on the page, ungrouped).
 * 200 with the group; 404 for an unknown group; the rest as for creating.
 */
void
api_v1_group_update(struct request *req, struct response *resp)
{
	struct group_fields	 f;
	struct input_error	 err;
	struct write		 w;
	json_object		*before, *result;
	const char		*params[5], *id = req->params[1];
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (read_fields(&w, 0, &f, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	if (lock_group(&w, id) == -1)
		goto done;
	before = group_json(&w, id);
	params[0] = w.page_id;
	params[1] = id;
	params[2] = f.name;
	params[3] = f.desc;
	params[4] = f.position >= 0 ? arena_printf(req->arena, "%lld", f.position) : NULL;
	if ((res = db_query(req->db, STMT_GROUP_UPDATE, 5, params)) == NULL) {
		json_object_put(before);
		write_failed(&w, "component group");
		goto done;
	}
	PQclear(res);
	if (set_members(&w, id, &f) == -1 ||
	    (result = group_json(&w, id)) == NULL) {
		if (!w.done)
			write_failed(&w, "component group");
		json_object_put(before);
		goto done;
	}
	write_commit(&w, 200, "component_group.update", "component_group", id,
	    before, result);
done:
	write_end(&w);
}

/*
 * DELETE /v1/pages/{page_id}/component-groups/{group_id}: removes the
 * group; its components stay on the page, ungrouped.  204 without a body
 * (the audit row keeps the group in "before"); 404 for an unknown group.
 */
void
api_v1_group_delete(struct request *req, struct response *resp)
{
	struct write	 w;
	json_object	*before;
	const char	*params[2], *id = req->params[1];
	PGresult	*res;

	if (write_begin(&w, req, resp, 0) == -1 || lock_group(&w, id) == -1)
		goto done;
	if ((before = group_json(&w, id)) == NULL) {
		write_failed(&w, "component group");
		goto done;
	}
	params[0] = w.page_id;
	params[1] = id;
	if ((res = db_query(req->db, STMT_GROUP_DELETE, 2, params)) == NULL) {
		json_object_put(before);
		write_failed(&w, "component group");
		goto done;
	}
	PQclear(res);
	write_commit(&w, 204, "component_group.delete", "component_group", id,
	    before, NULL);
done:
	write_end(&w);
}
