/*
 * store-incident.c: incidents and maintenance written, with their updates,
 * the component statuses they move and the components they affect
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "store.h"

const struct db_sql store_incident_lock = { "incident_lock",
    "SELECT id, kind::text AS kind, status::text AS status FROM incidents"
    " WHERE page_id = $1 AND id = $2 FOR UPDATE" };

/*
 * The status literals here and in sql_incident_update are words of enum
 * notice_status (status.h): the times follow the status in SQL, so a new
 * status that starts, monitors or ends a notice needs its word here.
 */
static const struct db_sql sql_incident_insert = { "incident_insert",
    "INSERT INTO incidents (page_id, kind, name, status, impact, started_at,"
    "       monitoring_at, resolved_at, scheduled_for, scheduled_until,"
    "       auto_in_progress, auto_completed, auto_told)"
    " VALUES ($1, $2::incident_kind, $3, $4::incident_status, $5::incident_impact,"
    "         CASE WHEN $4 <> 'scheduled' THEN now() END,"
    "         CASE WHEN $4 = 'monitoring' THEN now() END,"
    "         CASE WHEN $4 IN ('resolved', 'completed') THEN now() END,"
    "         $6::timestamptz, $7::timestamptz, $8::boolean, $9::boolean,"
    "         $10::boolean)"
    " RETURNING id" };

enum store_result
store_incident_insert(struct store *st, const char *page, enum notice_kind kind,
    const struct incident_patch *p, const char **id)
{
	const char	*params[] = { page, notice_kinds[kind].name, p->name,
			    notice_statuses[p->status].name,
			    impacts[p->impact].name,
			    p->scheduled_for, p->scheduled_until,
			    p->auto_start == 1 ? "true" : "false",
			    p->auto_end == 1 ? "true" : "false",
			    p->auto_told == 0 ? "false" : "true" };

	return store_insert(st, &sql_incident_insert, STORE_N(params),
	    params, id);
}

/* NULL keeps a field; the times follow the status. */
static const struct db_sql sql_incident_update = { "incident_update",
    "UPDATE incidents SET"
    "       name = coalesce($3, name),"
    "       status = coalesce($4::incident_status, status),"
    "       impact = coalesce($5::incident_impact, impact),"
    "       started_at = CASE WHEN coalesce($4::incident_status, status) <> 'scheduled'"
    "                         THEN coalesce(started_at, now()) END,"
    "       monitoring_at = CASE WHEN $4 = 'monitoring'"
    "                         THEN coalesce(monitoring_at, now()) ELSE monitoring_at END,"
    "       resolved_at = CASE WHEN coalesce($4::incident_status, status)"
    "                              IN ('resolved', 'postmortem', 'completed')"
    "                         THEN coalesce(resolved_at, now()) END,"
    "       scheduled_for = coalesce($6::timestamptz, scheduled_for),"
    "       scheduled_until = coalesce($7::timestamptz, scheduled_until)"
    " WHERE page_id = $1 AND id = $2" };

enum store_result
store_incident_update(struct store *st, const char *page, const char *id,
    const struct incident_patch *p)
{
	const char	*params[] = { page, id, p->name, p->status == -1 ? NULL :
			    notice_statuses[p->status].name,
			    p->impact == -1 ? NULL :
			    impacts[p->impact].name,
			    p->scheduled_for, p->scheduled_until };

	return store_run(st, &sql_incident_update, STORE_N(params), params,
	    NULL);
}

static const struct db_sql sql_incident_delete = { "incident_delete",
    "DELETE FROM incidents WHERE page_id = $1 AND id = $2" };

enum store_result
store_incident_delete(struct store *st, const char *page, const char *id)
{
	const char	*params[2] = { page, id };

	return store_run(st, &sql_incident_delete, 2, params, NULL);
}

static const struct db_sql sql_update_insert = { "update_insert",
    "INSERT INTO incident_updates (incident_id, status, body)"
    " VALUES ($1, $2::incident_status, $3) RETURNING id" };

enum store_result
store_update_insert(struct store *st, const char *incident,
    enum notice_status status, const char *body, const char **id)
{
	const char	*params[3] = { incident, notice_statuses[status].name,
			    body != NULL ? body : notice_statuses[status].body };

	return store_insert(st, &sql_update_insert, 3, params, id);
}

/* The history row moves components.status (its trigger) and uptime. */
static const struct db_sql sql_component_change = { "component_change",
    "WITH uc AS (INSERT INTO incident_update_components"
    "                   (update_id, component_id, old_status, new_status)"
    "            VALUES ($1, $2, $3::component_status, $4::component_status))"
    "INSERT INTO component_status_changes (component_id, status, incident_id)"
    " VALUES ($2, $4::component_status, $5)" };

enum store_result
store_components_move(struct store *st, const char *page, const char *incident,
    const char *update, struct component_move *moves, size_t nmoves,
    const char **missing)
{
	enum component_status	 from;
	const char		*params[5];
	PGresult		*row;
	enum store_result	 r;
	size_t			 i;

	for (i = 0; i < nmoves; i++) {
		if ((r = store_lock(st, &store_component_lock, page,
		    moves[i].id, &row)) != STORE_OK) {
			*missing = moves[i].id;
			return r;
		}
		/* The database's type holds no other word. */
		status_parse(PQgetvalue(row, 0, PQfnumber(row, "status")),
		    &from);
		PQclear(row);
		moves[i].from = from;
		if ((moves[i].moved = from != moves[i].to) == 0)
			continue;
		params[0] = update;
		params[1] = moves[i].id;
		params[2] = status_name(from);
		params[3] = status_name(moves[i].to);
		params[4] = incident;
		if ((r = store_run(st, &sql_component_change, 5, params,
		    NULL)) != STORE_OK)
			return r;
	}
	return STORE_OK;
}

/* An array literal for PostgreSQL of ids and the ids of moves: digits only. */
static const char *
id_array(struct arena *a, const char *const *ids, size_t nids,
    const struct component_move *moves, size_t nmoves)
{
	struct buf	 list;
	size_t		 i, n = 0;

	buf_init(&list, a);
	buf_putc(&list, '{');
	for (i = 0; i < nids; i++)
		buf_printf(&list, "%s%s", n++ > 0 ? "," : "", ids[i]);
	for (i = 0; i < nmoves; i++)
		buf_printf(&list, "%s%s", n++ > 0 ? "," : "", moves[i].id);
	buf_putc(&list, '}');
	return list.data;
}

/*
 * What each id names on the page: a component, else a group; ids
 * that name neither have no row.
 */
static const struct db_sql sql_component_kinds = { "component_kinds",
    "SELECT c.id, 'component' AS kind FROM components c"
    " WHERE c.page_id = $1 AND c.id = ANY($2::bigint[])"
    " UNION ALL"
    " SELECT g.id, 'group' FROM component_groups g"
    " WHERE g.page_id = $1 AND g.id = ANY($2::bigint[])"
    "   AND NOT EXISTS (SELECT 1 FROM components c"
    "                    WHERE c.page_id = $1 AND c.id = g.id)" };

enum store_result
store_affected_check(struct store *st, const char *page,
    const char *const *ids, size_t nids, size_t *missing, int *group)
{
	const char		*params[2], *kind;
	PGresult		*res;
	enum store_result	 r;
	size_t			 i;
	int			 row, idcol, kindcol;

	if (nids == 0)
		return STORE_OK;
	params[0] = page;
	params[1] = id_array(st->arena, ids, nids, NULL, 0);
	if ((r = store_run(st, &sql_component_kinds, 2, params,
	    &res)) != STORE_OK)
		return r;
	idcol = PQfnumber(res, "id");
	kindcol = PQfnumber(res, "kind");
	for (i = 0; i < nids && r == STORE_OK; i++) {
		for (row = 0, kind = NULL; row < PQntuples(res) &&
		    kind == NULL; row++)
			if (strcmp(PQgetvalue(res, row, idcol), ids[i]) == 0)
				kind = PQgetvalue(res, row, kindcol);
		if (kind != NULL && strcmp(kind, "component") == 0)
			continue;
		*missing = i;
		*group = kind != NULL;
		r = STORE_NONE;
	}
	PQclear(res);
	return r;
}

/*
 * The incident's affected components: $3 joins them, and with $4
 * they are all of them (the rest leave).  The delete and the insert
 * see the same rows, so one that stays is neither deleted nor
 * inserted twice.
 */
static const struct db_sql sql_affected_set = { "affected_set",
    "WITH gone AS ("
    "  DELETE FROM incident_components"
    "   WHERE $4::boolean AND page_id = $1 AND incident_id = $2"
    "     AND component_id <> ALL($3::bigint[]))"
    "INSERT INTO incident_components (page_id, incident_id, component_id)"
    "SELECT $1, $2, unnest($3::bigint[])"
    "    ON CONFLICT DO NOTHING" };

enum store_result
store_affected_set(struct store *st, const char *page, const char *incident,
    const char *const *ids, size_t nids, const struct component_move *moves,
    size_t nmoves, int replace)
{
	const char	*params[4];

	params[0] = page;
	params[1] = incident;
	/* An id in both is there twice: the insert takes it once. */
	params[2] = id_array(st->arena, ids, nids, moves, nmoves);
	params[3] = replace ? "true" : "false";
	return store_run(st, &sql_affected_set, 4, params, NULL);
}

static const struct db_sql sql_postmortem_draft = { "postmortem_draft",
    "UPDATE incidents SET postmortem_body = $3"
    " WHERE page_id = $1 AND id = $2 AND kind = 'incident'"
    "   AND postmortem_published_at IS NULL" };

enum store_result
store_postmortem_draft(struct store *st, const char *page, const char *id,
    const char *body)
{
	const char	*params[3] = { page, id, body };

	return store_run_one(st, &sql_postmortem_draft, 3, params);
}

static const struct db_sql sql_postmortem_publish = { "postmortem_publish",
    "UPDATE incidents SET postmortem_published_at = now(), status = 'postmortem'"
    " WHERE page_id = $1 AND id = $2 AND postmortem_body IS NOT NULL"
    "   AND resolved_at IS NOT NULL AND postmortem_published_at IS NULL" };

enum store_result
store_postmortem_publish(struct store *st, const char *page, const char *id)
{
	const char	*params[2] = { page, id };

	return store_run_one(st, &sql_postmortem_publish, 2, params);
}

/*
 * A correction is news: the incident's updated_at moves (its trigger
 * sets now()), and with it the JSON's updated_at and the feeds'
 * <updated>, so machines see it.
 */
static const struct db_sql sql_update_edit = { "update_edit",
    "WITH edited AS ("
    "  UPDATE incident_updates u SET body = coalesce($4, u.body),"
    "         created_at = coalesce($5::timestamptz, u.created_at)"
    "    FROM incidents i"
    "   WHERE i.id = u.incident_id AND i.page_id = $1 AND u.incident_id = $2"
    "     AND u.id = $3"
    "  RETURNING u.incident_id)"
    "UPDATE incidents SET updated_at = now()"
    " WHERE id IN (SELECT incident_id FROM edited)" };

enum store_result
store_update_edit(struct store *st, const char *page, const char *incident,
    const char *update, const char *body, const char *display_at)
{
	const char	*params[5] = { page, incident, update, body,
			    display_at };

	return store_run_one(st, &sql_update_edit, 5, params);
}
