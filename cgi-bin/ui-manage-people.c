/* ui-manage-people.c: who may sign in to the console, GET /manage/people */
#include "buf.h"
#include "db.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "manage.h"

/* Live sessions count; hashes never leave the database. */
static const struct db_sql sql_people = { "people",
    "SELECT p.email, p.role::text AS role,"
    "       to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS created,"
    "       p.disabled_at IS NOT NULL AS disabled,"
    "       (SELECT count(*) FROM sessions s WHERE s.person_id = p.id"
    "           AND s.expires_at > now() AND s.idle_expires_at > now())"
    "           AS sessions"
    "  FROM people p ORDER BY lower(p.email)" };

/*
 * GET /manage/people (and HEAD), owners only (ROUTE_OWNER: an editor gets
 * 403): every person with role, since when, and live sessions.  Changing
 * them is `lanternctl user` for now.  200; 503 when the database does not
 * answer.  Reads only.
 */
void
ui_manage_people(struct request *req, struct response *resp)
{
	struct buf	*b = &resp->body;
	PGresult	*res;
	int		 i;

	if ((res = db_run(req->db, &sql_people, 0, NULL)) == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	manage_open(b, req, "People");
	buf_fmt(b, "<h1>People</h1>\n<p>Who may sign in here. Owners manage "
	    "people, API keys and the page; editors incidents, maintenance and "
	    "components. Add and change people with <code>lanternctl user</code>."
	    "</p>\n<ul class=\"manage-list\">\n");
	for (i = 0; i < PQntuples(res); i++)
		buf_fmt(b, "<li class=\"manage-row\">\n<span class=\"name\">%h</span>\n"
		    "<span class=\"badge\">%h</span>\n<span class=\"when\">since %h, "
		    "%h live session(s)%h</span>\n</li>\n",
		    PQgetvalue(res, i, PQfnumber(res, "email")),
		    PQgetvalue(res, i, PQfnumber(res, "role")),
		    PQgetvalue(res, i, PQfnumber(res, "created")),
		    PQgetvalue(res, i, PQfnumber(res, "sessions")),
		    *PQgetvalue(res, i, PQfnumber(res, "disabled")) == 't' ?
		    ", disabled" : "");
	buf_puts(b, "</ul>\n");
	PQclear(res);
	manage_close(b, req);
}
