/*
 * api-v1-components.c: components through Statuspage's manage API v1
 * shapes, under /v1/pages/{page_id}/components[/{component_id}].
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "model.h"
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

/* The body's fields; NULL, -1 or set_group 0 where the client sent none. */
struct component_fields {
	json_object	*obj;
	const char	*name, *desc, *group, *start_date;
	int		 status;	/* -1: not sent */
	long long	 position;
	int		 showcase, only_degraded;
	int		 set_group;	/* group_id sent: group, or NULL for none */
};

static int
read_fields(json_object *body, int create, struct component_fields *f,
    struct input_error *err)
{
	json_object	*g;

	memset(f, 0, sizeof(*f));
	f->position = -1;
	f->showcase = f->only_degraded = f->status = -1;
	if (input_object(body, "", "component", 1, &f->obj, err) == -1 ||
	    input_known_keys(f->obj, "component", component_keys, err) == -1 ||
	    input_string(f->obj, "component", "name", create, 200, &f->name, err) == -1 ||
	    input_string(f->obj, "component", "description", 0, 2000, &f->desc, err) == -1 ||
	    input_word(f->obj, "component", "status", 0, status_input,
	    STATUS_COUNT, &f->status, err) == -1 ||
	    input_int(f->obj, "component", "position", 0, 0, 1000000, &f->position, err) == -1 ||
	    input_bool(f->obj, "component", "showcase", 0, &f->showcase, err) == -1 ||
	    input_bool(f->obj, "component", "only_show_if_degraded", 0, &f->only_degraded, err) == -1 ||
	    input_date(f->obj, "component", "start_date", 0, &f->start_date, err) == -1)
		return -1;
	/* group_id: a group's id, or null to take the component out of its group. */
	if (json_object_object_get_ex(f->obj, "group_id", &g)) {
		f->set_group = 1;
		if (g != NULL && input_id(f->obj, "component", "group_id", 1,
		    &f->group, err) == -1)
			return -1;
	}
	return 0;
}

static const char *
status_word(int v)
{
	return v == -1 ? NULL : status_name((enum component_status)v);
}

static const char *
bool_param(int v)
{
	return v == -1 ? NULL : v ? "true" : "false";
}

/* The body's group must be one of this page's: 422 naming the field if not. */
static int
check_group(struct write *w, const char *group)
{
	const char	*params[2] = { w->page_id, group };
	PGresult	*res;
	int		 found;

	if (group == NULL)
		return 0;
	if ((res = db_query(w->req->db, STMT_GROUP_LOCK, 2, params)) == NULL) {
		write_failed(w, "component group");
		return -1;
	}
	found = PQntuples(res) == 1;
	PQclear(res);
	if (!found) {
		write_error(w, 422, "There is no such component group on this "
		    "page.", "component.group_id");
		return -1;
	}
	return 0;
}

/* Locks the path's component: 404 if it is not the page's. */
static int
lock_component(struct write *w, const char *id)
{
	const char	*params[2] = { w->page_id, id };
	PGresult	*res;
	int		 found;

	if ((res = db_query(w->req->db, STMT_COMPONENT_LOCK, 2, params)) == NULL) {
		write_failed(w, "component");
		return -1;
	}
	found = PQntuples(res) == 1;
	PQclear(res);
	if (!found) {
		write_error(w, 404, "There is no such component on this page.",
		    "component_id");
		return -1;
	}
	return 0;
}

/*
 * POST /v1/pages/{page_id}/components: a new component (its first status
 * goes into the history, operational unless said), in a group of the
 * page if group_id names one, last of its group or of the page unless a
 * position is given.  201 with the component; 409 for a name the page
 * has; 422 for an unknown group; 400/413/415/422 for bad input, 401/403
 * for the key, 404 for the page.
 */
void
api_v1_component_create(struct request *req, struct response *resp)
{
	struct component_fields	 f;
	struct input_error	 err;
	struct write		 w;
	json_object		*result;
	const char		*params[9], *id;
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (read_fields(w.body, 1, &f, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	if (check_group(&w, f.group) == -1)
		goto done;
	params[0] = w.page_id;
	params[1] = f.name;
	params[2] = f.desc;
	params[3] = status_word(f.status);
	params[4] = f.group;
	params[5] = f.position >= 0 ? arena_printf(req->arena, "%lld", f.position) : NULL;
	params[6] = bool_param(f.showcase);
	params[7] = bool_param(f.only_degraded);
	params[8] = f.start_date;
	if ((res = db_query(req->db, STMT_COMPONENT_INSERT, 9, params)) == NULL) {
		write_failed(&w, "component");
		goto done;
	}
	id = db_get(req->arena, res, 0, "id");
	PQclear(res);
	if ((result = component_json(&w, id)) == NULL) {
		write_failed(&w, "component");
		goto done;
	}
	write_commit(&w, 201, "component.create", "component", id, NULL, result);
done:
	write_end(&w);
}

/*
 * PATCH or PUT /v1/pages/{page_id}/components/{component_id}: a new
 * status (recorded in the status history, so uptime follows), name,
 * description, position, group (group_id null takes it out of its group),
 * showcase, only_show_if_degraded or start_date.  200 with the component;
 * 404 for an unknown one; 422 for an unknown group; 4xx for bad input as
 * everywhere.
 */
void
api_v1_component_update(struct request *req, struct response *resp)
{
	struct component_fields	 f;
	struct input_error	 err;
	struct write		 w;
	json_object		*before, *result;
	const char		*params[11], *id = req->params[1];
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (read_fields(w.body, 0, &f, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	if (lock_component(&w, id) == -1 || check_group(&w, f.group) == -1)
		goto done;
	before = component_json(&w, id);
	params[0] = w.page_id;
	params[1] = id;
	params[2] = f.name;
	params[3] = f.desc;
	params[4] = status_word(f.status);
	params[5] = f.position >= 0 ? arena_printf(req->arena, "%lld", f.position) : NULL;
	params[6] = f.set_group ? "true" : "false";
	params[7] = f.group;
	params[8] = bool_param(f.showcase);
	params[9] = bool_param(f.only_degraded);
	params[10] = f.start_date;
	if ((res = db_query(req->db, STMT_COMPONENT_UPDATE, 11, params)) == NULL) {
		json_object_put(before);
		write_failed(&w, "component");
		goto done;
	}
	PQclear(res);
	if ((result = component_json(&w, id)) == NULL) {
		json_object_put(before);
		write_failed(&w, "component");
		goto done;
	}
	write_commit(&w, 200, "component.update", "component", id, before, result);
done:
	write_end(&w);
}

/*
 * DELETE /v1/pages/{page_id}/components/{component_id}: removes it with
 * its status history and uptime days; incidents that moved it stay, and
 * lose only its lines.  204 without a body (the audit row keeps the
 * component in "before"); 404 for an unknown one.
 */
void
api_v1_component_delete(struct request *req, struct response *resp)
{
	struct write	 w;
	json_object	*before;
	const char	*params[2], *id = req->params[1];
	PGresult	*res;

	if (write_begin(&w, req, resp, 0) == -1 || lock_component(&w, id) == -1)
		goto done;
	if ((before = component_json(&w, id)) == NULL) {
		write_failed(&w, "component");
		goto done;
	}
	params[0] = w.page_id;
	params[1] = id;
	if ((res = db_query(req->db, STMT_COMPONENT_DELETE, 2, params)) == NULL) {
		json_object_put(before);
		write_failed(&w, "component");
		goto done;
	}
	PQclear(res);
	write_commit(&w, 204, "component.delete", "component", id, before, NULL);
done:
	write_end(&w);
}
