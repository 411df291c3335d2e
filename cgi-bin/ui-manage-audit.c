/*
 * ui-manage-audit.c: the audit log, GET /manage/audit: who did what and
 * when, with what changed, newest first, filtered by object and by
 * person, a page at a time.  Owners only (ROUTE_OWNER).
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "db.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "input.h"
#include "json.h"
#include "manage-owner.h"
#include "manage.h"
#include "query.h"

/* Entries a page; one more is read to know whether older ones are left. */
#define AUDIT_PAGE	50
#define STR_(x)	#x
#define STR(x)	STR_(x)
/* A value longer than this is cut: the entry is for reading, not restoring. */
#define VALUE_MAX	300

/*
 * The fields that differ between before and after (top-level keys of
 * either), as [field, before, after] in a JSON array: the screen shows
 * them, never the whole objects.  Filters are NULL for "any"; $5 is the
 * last id of the page before (keyset paging: the log only grows).
 */
static const struct db_sql sql_audit_page = { "console_audit",
    "SELECT a.id, a.action, a.entity_type, a.entity_id, a.token_id,"
    "       t.name AS token_name, a.person_id,"
    "       coalesce(pp.email, a.person_email) AS email, "
    LOCAL_TIME("a.at", "at") ","
    "       (SELECT coalesce(jsonb_agg(jsonb_build_array(k.key, a.before -> k.key,"
    "               a.after -> k.key) ORDER BY k.key), '[]')"
    "          FROM (SELECT jsonb_object_keys(CASE jsonb_typeof(a.before)"
    "                       WHEN 'object' THEN a.before ELSE '{}' END) AS key"
    "                UNION SELECT jsonb_object_keys(CASE jsonb_typeof(a.after)"
    "                       WHEN 'object' THEN a.after ELSE '{}' END)) k"
    "         WHERE (a.before -> k.key) IS DISTINCT FROM (a.after -> k.key)"
    "       )::text AS diff"
    "  FROM audit_log a"
    "  JOIN pages p ON p.id = $1"
    "  LEFT JOIN api_tokens t ON t.id = a.token_id"
    "  LEFT JOIN people pp ON pp.id = a.person_id"
    " WHERE ($2::text IS NULL OR a.entity_type = $2)"
    "   AND ($3::bigint IS NULL OR a.entity_id = $3)"
    "   AND ($4::bigint IS NULL OR a.person_id = $4)"
    "   AND ($5::bigint IS NULL OR a.id < $5)"
    " ORDER BY a.id DESC LIMIT " STR(AUDIT_PAGE) " + 1" };

/*
 * What the filters offer: the kinds of object logged, and the people.
 * The kinds hop through the entity index one value at a time (PostgreSQL
 * has no skip scan): a few probes, not a pass over the whole log.
 */
static const struct db_sql sql_audit_choices = { "console_audit_choices",
    "WITH RECURSIVE kinds(v) AS ("
    "  SELECT min(entity_type) FROM audit_log"
    "  UNION ALL"
    "  SELECT (SELECT min(entity_type) FROM audit_log WHERE entity_type > v)"
    "    FROM kinds WHERE v IS NOT NULL)"
    "SELECT 'type' AS kind, v AS value, v AS label FROM kinds WHERE v IS NOT NULL"
    " UNION ALL "
    "SELECT 'person', id::text, email FROM people"
    " ORDER BY 1, 3" };

struct audit_filter {
	const char	*type, *id, *person, *before;
};

/* A filter's value: NULL if absent or empty; -1 if malformed. */
static int
filter_value(struct request *req, const char *name, int is_id,
    const char **out)
{
	const char	*v = query_get(req->arena, req->query, name);
	size_t		 i;

	*out = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	if (is_id)
		return input_is_id(v) ? (*out = v, 0) : -1;
	if (strlen(v) > 64 || v[0] < 'a' || v[0] > 'z')
		return -1;
	for (i = 0; v[i] != '\0'; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' &&
		    v[i] <= '9') || v[i] == '_'))
			return -1;
	*out = v;
	return 0;
}

/* The query string of f (without before), for links that keep the filters. */
static const char *
filter_query(struct request *req, const struct audit_filter *f)
{
	struct buf	q;

	buf_init(&q, req->arena);
	if (f->type != NULL)
		buf_fmt(&q, "&type=%u", f->type);
	if (f->id != NULL)
		buf_fmt(&q, "&id=%u", f->id);
	if (f->person != NULL)
		buf_fmt(&q, "&person=%u", f->person);
	return q.data;
}

static void
filters_form(struct buf *b, struct request *req, const struct audit_filter *f,
    const PGresult *choices)
{
	const char	*kind, *v;
	int		 i, types;

	buf_fmt(b, "<form method=\"get\" class=\"filters\" "
	    "action=\"%a/manage/audit\">\n<div><label for=\"f-type\">Object"
	    "</label>\n<select id=\"f-type\" name=\"type\"><option value=\"\">any"
	    "</option>", req->cfg->base_path);
	for (types = 1; types >= 0; types--) {
		if (!types)
			buf_fmt(b, "</select></div>\n<div><label for=\"f-id\">Its id"
			    "</label>\n<input type=\"text\" id=\"f-id\" name=\"id\" "
			    "inputmode=\"numeric\" size=\"8\" value=\"%a\"></div>\n"
			    "<div><label for=\"f-person\">Person</label>\n<select "
			    "id=\"f-person\" name=\"person\"><option value=\"\">anyone"
			    "</option>", f->id != NULL ? f->id : "");
		for (i = 0; i < PQntuples(choices); i++) {
			kind = PQgetvalue(choices, i, 0);
			v = PQgetvalue(choices, i, 1);
			if ((strcmp(kind, "type") == 0) != types)
				continue;
			buf_fmt(b, "<option value=\"%a\"%s>%h</option>", v,
			    (types ? f->type : f->person) != NULL &&
			    strcmp(types ? f->type : f->person, v) == 0 ?
			    " selected" : "", PQgetvalue(choices, i, 2));
		}
	}
	buf_puts(b, "</select></div>\n<button type=\"submit\">Show</button>\n"
	    "</form>\n");
}

/* A value of the diff, as JSON text, cut at VALUE_MAX bytes; "—" for none. */
static void
diff_value(struct buf *b, struct request *req, json_object *v)
{
	const char	*s;

	if (v == NULL) {
		buf_puts(b, "<td class=\"none\">\xe2\x80\x94</td>");
		return;
	}
	s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	if (strlen(s) > VALUE_MAX)
		buf_fmt(b, "<td>%h\xe2\x80\xa6</td>", arena_strndup(req->arena, s,
		    VALUE_MAX));
	else
		buf_fmt(b, "<td>%h</td>", s);
}

static void
diff_table(struct buf *b, struct request *req, const char *text)
{
	json_object	*d = json_own(req->arena, json_tokener_parse(text));
	json_object	*e;
	size_t		 i, n;

	if (d == NULL || (n = json_object_array_length(d)) == 0) {
		buf_puts(b, "<p class=\"empty\">No field changed.</p>\n");
		return;
	}
	buf_puts(b, "<table class=\"diff\">\n<thead><tr><th scope=\"col\">Field"
	    "</th><th scope=\"col\">Before</th><th scope=\"col\">After</th></tr>"
	    "</thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(d, i);
		buf_fmt(b, "<tr><th scope=\"row\">%h</th>", json_object_get_string(
		    json_object_array_get_idx(e, 0)));
		diff_value(b, req, json_object_array_get_idx(e, 1));
		diff_value(b, req, json_object_array_get_idx(e, 2));
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

static void
entry(struct buf *b, struct request *req, const PGresult *res, int i)
{
	const char	*bp = req->cfg->base_path;
	const char	*type = db_get(req->arena, res, i, "entity_type");
	const char	*eid = db_get(req->arena, res, i, "entity_id");
	const char	*email = db_get(req->arena, res, i, "email");
	const char	*token = db_get(req->arena, res, i, "token_id");

	buf_fmt(b, "<li class=\"audit-entry\">\n<p><strong>%h</strong> ",
	    db_get(req->arena, res, i, "action"));
	if (eid != NULL)
		buf_fmt(b, "of <a href=\"%a/manage/audit?type=%u&amp;id=%u\">%h #%h"
		    "</a>", bp, type, eid, type, eid);
	else
		buf_fmt(b, "of <a href=\"%a/manage/audit?type=%u\">%h</a>", bp, type,
		    type);
	buf_puts(b, "</p>\n<p class=\"when\">");
	owner_time(b, req, res, i, "at", "");
	buf_puts(b, " by ");
	if (email != NULL && db_get(req->arena, res, i, "person_id") != NULL)
		buf_fmt(b, "<a href=\"%a/manage/audit?person=%u\">%h</a>", bp,
		    db_get(req->arena, res, i, "person_id"), email);
	else if (email != NULL)
		buf_fmt(b, "%h (removed since)", email);
	else if (token != NULL)
		buf_fmt(b, "API key \xe2\x80\x9c%h\xe2\x80\x9d (#%h)",
		    db_get(req->arena, res, i, "token_name"), token);
	else
		buf_puts(b, "system (the ticker, or lanternctl)");
	buf_puts(b, "</p>\n");
	diff_table(b, req, PQgetvalue(res, i, PQfnumber(res, "diff")));
	buf_puts(b, "</li>\n");
}

/*
 * GET /manage/audit?type=&id=&person=&before=: the log's entries, newest
 * first, AUDIT_PAGE a page (before: the last id of the page above).  200;
 * 400 with the form for a malformed filter; 503.
 */
void
ui_manage_audit(struct request *req, struct response *resp)
{
	struct buf		*b = &resp->body;
	struct audit_filter	 f;
	const char		*page = owner_page(req, resp), *params[5], *q;
	PGresult		*res = NULL, *choices;
	int			 i, n, bad;

	if (page == NULL)
		return;
	bad = (filter_value(req, "type", 0, &f.type) == -1) +
	    (filter_value(req, "id", 1, &f.id) == -1) +
	    (filter_value(req, "person", 1, &f.person) == -1) +
	    (filter_value(req, "before", 1, &f.before) == -1) > 0;
	params[0] = page;
	params[1] = f.type;
	params[2] = f.id;
	params[3] = f.person;
	params[4] = f.before;
	if ((choices = db_own(req->arena, db_run(req->db, &sql_audit_choices, 0,
	    NULL))) == NULL || (!bad && (res = db_own(req->arena, db_run(req->db,
	    &sql_audit_page, 5, params))) == NULL)) {
		http_db_unavailable(req, resp);
		return;
	}
	manage_open(b, req, "Audit log");
	buf_puts(b, "<h1>Audit log</h1>\n<p>Every change, newest first: who made "
	    "it (a person, an API key, or the system), when, and the fields it "
	    "changed.</p>\n");
	if (bad) {
		resp->status = 400;
		f = (struct audit_filter){ NULL, NULL, NULL, NULL };
		buf_puts(b, "<p class=\"form-error\" id=\"refusal\" role=\"alert\">"
		    "A filter is malformed: an object is a word such as "
		    "incident, an id a number. Showing everything instead.</p>\n");
		params[1] = params[2] = params[3] = params[4] = NULL;
		if ((res = db_own(req->arena, db_run(req->db, &sql_audit_page, 5,
		    params))) == NULL) {
			http_db_unavailable(req, resp);
			return;
		}
	}
	filters_form(b, req, &f, choices);
	n = PQntuples(res) > AUDIT_PAGE ? AUDIT_PAGE : PQntuples(res);
	if (n == 0)
		buf_puts(b, "<p class=\"empty\">No entries.</p>\n");
	else {
		buf_puts(b, "<ol class=\"audit-log\">\n");
		for (i = 0; i < n; i++)
			entry(b, req, res, i);
		buf_puts(b, "</ol>\n");
	}
	q = filter_query(req, &f);
	if (f.before != NULL || PQntuples(res) > AUDIT_PAGE) {
		buf_puts(b, "<nav class=\"pager\" aria-label=\"Older and newer\">\n");
		if (f.before != NULL)
			buf_fmt(b, "<a href=\"%a/manage/audit?%a\">Newest</a>\n",
			    req->cfg->base_path, q + (*q == '&'));
		if (PQntuples(res) > AUDIT_PAGE)
			buf_fmt(b, "<a href=\"%a/manage/audit?before=%u%a\">Older "
			    "entries</a>\n", req->cfg->base_path,
			    PQgetvalue(res, n - 1, PQfnumber(res, "id")),
			    q);
		buf_puts(b, "</nav>\n");
	}
	manage_close(b, req);
}
