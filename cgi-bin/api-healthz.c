/* api-healthz.c: liveness for load balancers and monitors, GET /healthz */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <json-c/json.h>

#include "buf.h"
#include "db.h"
#include "handlers.h"
#include "snapshot.h"

/*
 * GET /healthz (and HEAD): whether the database answers, which schema
 * version it holds, and the snapshot the pages are served from (the
 * page's version it was read at, its age in seconds, how long ago the
 * database last confirmed it and whether pages call it stale; null before
 * the first).  200 {"status":"ok",...}; 503 with "status": "unavailable"
 * when the database cannot be reached, "stale" when it answers but the
 * snapshot is not refreshed: monitors must notice either.  Never cached.
 */
void
api_healthz(struct request *req, struct response *resp)
{
	json_object	*o = json_object_new_object(), *snap = NULL;
	PGresult	*res;

	res = db_query(req->db, STMT_SCHEMA_VERSION, 0, NULL);
	if (res != NULL) {
		json_object_object_add(o, "status", json_object_new_string("ok"));
		json_object_object_add(o, "database",
		    json_object_new_string("reachable"));
		json_object_object_add(o, "schema_version", json_object_new_int64(
		    strtoll(PQgetvalue(res, 0, 0), NULL, 10)));
		PQclear(res);
	} else {
		resp->status = 503;
		json_object_object_add(o, "status",
		    json_object_new_string("unavailable"));
		json_object_object_add(o, "database",
		    json_object_new_string("unreachable"));
	}
	if (req->snap != NULL) {
		snap = json_object_new_object();
		json_object_object_add(snap, "version",
		    json_object_new_int64(req->snap->version));
		json_object_object_add(snap, "age_seconds",
		    json_object_new_int64((int64_t)(time(NULL) - req->snap->built)));
		json_object_object_add(snap, "confirmed_seconds_ago",
		    json_object_new_int64(req->data_age));
		json_object_object_add(snap, "stale",
		    json_object_new_boolean(req->stale_for != NULL));
		if (req->stale_for != NULL && resp->status == 200) {
			resp->status = 503;
			json_object_object_add(o, "status",
			    json_object_new_string("stale"));
		}
	}
	json_object_object_add(o, "snapshot", snap);
	resp->content_type = "application/json";
	resp->cache_control = "no-store";
	buf_puts(&resp->body, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	buf_putc(&resp->body, '\n');
	json_object_put(o);
}
