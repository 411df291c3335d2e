/*
 * api-v1-components.c: components through Statuspage's manage API v1
 * shapes, under /v1/pages/{page_id}/components/{component_id}.
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "model.h"
#include "write.h"

static const char *const component_statuses[] = { "operational",
	"degraded_performance", "partial_outage", "major_outage",
	"under_maintenance", NULL };
/* Statuspage's fields; those Lantern does not act on are accepted and ignored. */
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

/*
 * PATCH or PUT /v1/pages/{page_id}/components/{component_id}: a new
 * status (recorded in the status history, so uptime follows), name,
 * description or position.  200 with the component; 404 for an unknown
 * one; 4xx for bad input as everywhere.
 */
void
api_v1_component_update(struct request *req, struct response *resp)
{
	struct input_error	 err;
	struct write		 w;
	json_object		*obj, *before, *result;
	const char		*name = NULL, *desc = NULL, *status = NULL;
	const char		*params[6], *id = req->params[1];
	long long		 position = -1;
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (input_object(w.body, "", "component", 1, &obj, &err) == -1 ||
	    input_known_keys(obj, "component", component_keys, &err) == -1 ||
	    input_string(obj, "component", "name", 0, 200, &name, &err) == -1 ||
	    input_string(obj, "component", "description", 0, 2000, &desc, &err) == -1 ||
	    input_enum(obj, "component", "status", 0, component_statuses, &status, &err) == -1 ||
	    input_int(obj, "component", "position", 0, 0, 1000000, &position, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	params[0] = w.page_id;
	params[1] = id;
	if ((res = db_query(req->db, STMT_COMPONENT_LOCK, 2, params)) == NULL ||
	    PQntuples(res) == 0) {
		if (res != NULL)
			PQclear(res);
		write_error(&w, 404, "There is no such component on this page.",
		    "component_id");
		goto done;
	}
	PQclear(res);
	before = component_json(&w, id);
	params[2] = name;
	params[3] = desc;
	params[4] = status;
	params[5] = position >= 0 ? arena_printf(req->arena, "%lld", position) : NULL;
	if ((res = db_query(req->db, STMT_COMPONENT_UPDATE, 6, params)) == NULL) {
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
