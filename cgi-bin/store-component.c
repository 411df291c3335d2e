/* store-component.c: components and component groups, written */
#include <string.h>

#include "arena.h"
#include "store.h"

const struct db_sql store_component_lock = { "component_lock",
    "SELECT id, status::text AS status FROM components"
    " WHERE page_id = $1 AND id = $2 FOR UPDATE" };

const struct db_sql store_group_lock = { "group_lock",
    "SELECT id FROM component_groups"
    " WHERE page_id = $1 AND id = $2 FOR UPDATE" };

/*
 * Its first status goes into the history by the insert trigger.  No
 * position: after the last of its group, or of the page's top level.
 */
static const struct db_sql sql_component_insert = { "component_insert",
    "INSERT INTO components (page_id, name, description, status, group_id,"
    "       position, showcase, only_show_if_degraded, start_date)"
    " VALUES ($1, $2, coalesce($3, ''),"
    "         coalesce($4::component_status, 'operational'), $5::bigint,"
    "         coalesce($6::integer, CASE WHEN $5::bigint IS NULL THEN"
    "             (SELECT coalesce(max(t.position) + 1, 0) FROM"
    "                (SELECT position FROM components"
    "                  WHERE page_id = $1 AND group_id IS NULL"
    "                 UNION ALL SELECT position FROM component_groups"
    "                  WHERE page_id = $1) t)"
    "           ELSE (SELECT coalesce(max(position) + 1, 0) FROM components"
    "                  WHERE page_id = $1 AND group_id = $5::bigint) END),"
    "         coalesce($7::boolean, true), coalesce($8::boolean, false),"
    "         $9::date)"
    " RETURNING id" };

/* A status to set, or NULL to keep the one there (or the default). */
static const char *
status_word(int status)
{
	return status != -1 ? status_name((enum component_status)status) : NULL;
}

enum store_result
store_component_insert(struct store *st, const char *page,
    const struct component_patch *p, const char **id)
{
	const char	*params[] = { page, p->name, p->description,
			    status_word(p->status), p->group_id,
			    store_number(st, p->position),
			    store_bool(p->showcase),
			    store_bool(p->only_show_if_degraded),
			    p->start_date };

	return store_insert(st, &sql_component_insert, STORE_N(params),
	    params, id);
}

/* NULL keeps a field; $7 says whether $8 (a group, or NULL) is news. */
static const struct db_sql sql_component_update = { "component_update",
    "UPDATE components SET"
    "       name = coalesce($3, name),"
    "       description = coalesce($4, description),"
    "       status = coalesce($5::component_status, status),"
    "       position = coalesce($6::integer, position),"
    "       group_id = CASE WHEN $7::boolean THEN $8::bigint ELSE group_id END,"
    "       showcase = coalesce($9::boolean, showcase),"
    "       only_show_if_degraded = coalesce($10::boolean, only_show_if_degraded),"
    "       start_date = coalesce($11::date, start_date)"
    " WHERE page_id = $1 AND id = $2" };

enum store_result
store_component_update(struct store *st, const char *page, const char *id,
    const struct component_patch *p)
{
	const char	*params[] = { page, id, p->name, p->description,
			    status_word(p->status),
			    store_number(st, p->position),
			    p->set_group ? "true" : "false", p->group_id,
			    store_bool(p->showcase),
			    store_bool(p->only_show_if_degraded),
			    p->start_date };

	return store_run(st, &sql_component_update, STORE_N(params), params,
	    NULL);
}

/* Its history, days and update lines go with it (ON DELETE CASCADE). */
static const struct db_sql sql_component_delete = { "component_delete",
    "DELETE FROM components WHERE page_id = $1 AND id = $2" };

enum store_result
store_component_delete(struct store *st, const char *page, const char *id)
{
	const char	*params[2] = { page, id };

	return store_run(st, &sql_component_delete, 2, params, NULL);
}

/* No position: after the last of the page's top level. */
static const struct db_sql sql_group_insert = { "group_insert",
    "INSERT INTO component_groups (page_id, name, description, position)"
    " VALUES ($1, $2, coalesce($3, ''), coalesce($4::integer,"
    "         (SELECT coalesce(max(t.position) + 1, 0) FROM"
    "            (SELECT position FROM components"
    "              WHERE page_id = $1 AND group_id IS NULL"
    "             UNION ALL SELECT position FROM component_groups"
    "              WHERE page_id = $1) t)))"
    " RETURNING id" };

enum store_result
store_group_insert(struct store *st, const char *page,
    const struct group_patch *p, const char **id)
{
	const char		*params[4] = { page, p->name, p->description,
				    store_number(st, p->position) };

	return store_insert(st, &sql_group_insert, 4, params, id);
}

static const struct db_sql sql_group_update = { "group_update",
    "UPDATE component_groups SET"
    "       name = coalesce($3, name),"
    "       description = coalesce($4, description),"
    "       position = coalesce($5::integer, position)"
    " WHERE page_id = $1 AND id = $2" };

enum store_result
store_group_update(struct store *st, const char *page, const char *id,
    const struct group_patch *p)
{
	const char	*params[5] = { page, id, p->name, p->description,
			    store_number(st, p->position) };

	return store_run(st, &sql_group_update, 5, params, NULL);
}

static const struct db_sql sql_group_clear = { "group_clear",
    "UPDATE components SET group_id = NULL"
    " WHERE page_id = $1 AND group_id = $2" };

/* Updates no row for a component of another page: the caller says 422. */
static const struct db_sql sql_group_member = { "group_member",
    "UPDATE components SET group_id = $2, position = $4::integer"
    " WHERE page_id = $1 AND id = $3" };

enum store_result
store_group_members(struct store *st, const char *page, const char *id,
    const struct group_patch *p, size_t *missing)
{
	const char		*params[4] = { page, id, NULL, NULL };
	enum store_result	 r;
	size_t			 i;

	if (p->members == NULL)
		return STORE_OK;
	if ((r = store_run(st, &sql_group_clear, 2, params, NULL)) != STORE_OK)
		return r;
	for (i = 0; i < p->nmembers; i++) {
		params[2] = p->members[i];
		params[3] = arena_printf(st->arena, "%zu", i + 1);
		if ((r = store_run_one(st, &sql_group_member, 4,
		    params)) != STORE_OK) {
			*missing = i;
			return r;
		}
	}
	return STORE_OK;
}

/* Its components stay, ungrouped (the foreign key's SET NULL). */
static const struct db_sql sql_group_delete = { "group_delete",
    "DELETE FROM component_groups WHERE page_id = $1 AND id = $2" };

enum store_result
store_group_delete(struct store *st, const char *page, const char *id)
{
	const char	*params[2] = { page, id };

	return store_run(st, &sql_group_delete, 2, params, NULL);
}

/*
 * One step up or down among its siblings: a group's components, or the
 * page's top level, where groups and ungrouped components share one
 * order.  The siblings are numbered 0.. in the order the page shows them
 * (db.c's: position, an ungrouped component before a group, id) with the
 * two swapped, so equal or sparse positions move as the eye expects.  No
 * row comes back when there is no sibling that way.
 */
static const struct db_sql sql_order_move = { "order_move",
    "WITH me AS ("
    "  SELECT group_id FROM components"
    "   WHERE page_id = $1 AND id = $3::bigint AND $2::text = 'component'"
    "  UNION ALL SELECT NULL::bigint WHERE $2::text = 'group'),"
    " sib AS ("
    "  SELECT 'component'::text AS kind, c.id, c.position, 0 AS later"
    "    FROM components c, me"
    "   WHERE c.page_id = $1 AND c.group_id IS NOT DISTINCT FROM me.group_id"
    "  UNION ALL"
    "  SELECT 'group'::text, g.id, g.position, 1 FROM component_groups g, me"
    "   WHERE g.page_id = $1 AND me.group_id IS NULL),"
    " ranked AS ("
    "  SELECT kind, id, (row_number() OVER (ORDER BY position, later, id)"
    "         - 1)::integer AS n FROM sib),"
    " mine AS (SELECT n FROM ranked WHERE kind = $2::text AND id = $3::bigint),"
    " other AS (SELECT r.n FROM ranked r, mine"
    "            WHERE r.n = mine.n + CASE WHEN $4::boolean THEN -1 ELSE 1 END),"
    " placed AS ("
    "  SELECT r.kind, r.id, CASE WHEN r.n = mine.n THEN other.n"
    "                            WHEN r.n = other.n THEN mine.n"
    "                            ELSE r.n END AS n"
    "    FROM ranked r, mine, other),"
    " c AS (UPDATE components t SET position = p.n FROM placed p"
    "        WHERE p.kind = 'component' AND t.id = p.id AND t.position <> p.n),"
    " g AS (UPDATE component_groups t SET position = p.n FROM placed p"
    "        WHERE p.kind = 'group' AND t.id = p.id AND t.position <> p.n)"
    "SELECT n FROM other" };

enum store_result
store_order_move(struct store *st, const char *page, const char *kind,
    const char *id, int up)
{
	const char	*params[4] = { page, kind, id, up ? "true" : "false" };

	return store_run_one(st, &sql_order_move, 4, params);
}
