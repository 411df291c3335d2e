/* snapshot.c: the public picture of a page, built once, read by every request */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "cache.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "snapshot.h"
#include "xmalloc.h"

/*
 * While something is wrong the picture moves without any write: the bars
 * of an outage grow, an open incident's "ongoing for" counts.
 */
#define SNAPSHOT_TROUBLE_TTL	60

static double
ms_since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static int
in_trouble(const struct snapshot *s)
{
	size_t	i;

	for (i = 0; i < s->model.ncomponents; i++)
		if (s->model.components[i].status != STATUS_OPERATIONAL)
			return 1;
	for (i = 0; i < s->open.n; i++)
		if (s->open.items[i].kind == KIND_INCIDENT)
			return 1;
	return 0;
}

/* Everything the public outputs read, in the one transaction db is in. */
static enum model_result
load(struct db *db, struct snapshot *s)
{
	struct arena		*a = s->arena;
	struct model		*m = &s->model;
	const struct page	*p = &m->page;
	static const enum notice_kind incident = KIND_INCIDENT,
				 maintenance = KIND_MAINTENANCE;
	const char		*today;
	enum model_result	 r;
	int			 y, mo;

	if ((r = model_load(db, a, m)) != MODEL_OK)
		return r;
	today = p->today;
	if (sscanf(today, "%4d-%2d", &y, &mo) != 2)
		return MODEL_DB_ERROR;
	s->month_now = y * 12 + mo - 1;
	s->bar_first = clock_day_add(a, today, -(SNAPSHOT_BAR_DAYS - 1));
	s->uptime_first = clock_month_day1(a, s->month_now - (SNAPSHOT_UPTIME_MONTHS - 1));
	if (strcmp(s->bar_first, s->uptime_first) < 0)
		s->uptime_first = s->bar_first;
	if ((r = model_load_uptime(db, a, m, s->uptime_first, today)) != MODEL_OK ||
	    (r = model_load_day_incidents(db, a, m, s->bar_first, today)) != MODEL_OK ||
	    (r = notices_load_open(db, a, p, &s->open)) != MODEL_OK ||
	    (r = notices_load_recent(db, a, p, NULL, SNAPSHOT_RECENT,
	    &s->recent)) != MODEL_OK ||
	    (r = notices_load_recent(db, a, p, &incident, SNAPSHOT_RECENT,
	    &s->recent_incidents)) != MODEL_OK ||
	    (r = notices_load_recent(db, a, p, &maintenance, SNAPSHOT_RECENT,
	    &s->recent_maintenance)) != MODEL_OK)
		return r;
	return notices_load_between(db, a, p,
	    clock_month_day1(a, s->month_now - (SNAPSHOT_HISTORY_MONTHS - 1)),
	    clock_month_day1(a, s->month_now + 1), NULL, SNAPSHOT_HISTORY_MAX,
	    &s->history);
}

struct snapshot *
snapshot_build(struct db *db)
{
	static unsigned long long	 serial;
	struct snapshot			*s;
	struct timespec			 t0;
	enum model_result		 r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	s = xcalloc(1, sizeof(*s));
	s->arena = arena_new();
	if (db_begin_read(db) == -1)
		goto fail;
	r = load(db, s);
	if (r == MODEL_DB_ERROR) {
		db_rollback(db);
		goto fail;
	}
	if (db_commit(db) == -1)
		goto fail;
	s->built = time(NULL);
	if (r == MODEL_NOT_FOUND) {
		/* Nothing to show until a page is made; its insert notifies. */
		s->expires = s->built + 3600;
	} else {
		s->has_page = 1;
		s->version = s->model.page.version;
		s->overall = notices_overall(s->arena, &s->model, &s->open);
		s->expires = s->model.page.next_midnight;
		if (in_trouble(s) && s->expires > s->built + SNAPSHOT_TROUBLE_TTL)
			s->expires = s->built + SNAPSHOT_TROUBLE_TTL;
	}
	if ((s->cache = cache_new()) == NULL)
		goto fail;
	s->serial = ++serial;
	s->build_ms = ms_since(&t0);
	return s;
fail:
	snapshot_free(s);
	return NULL;
}

void
snapshot_free(struct snapshot *s)
{
	if (s == NULL)
		return;
	cache_free(s->cache);
	arena_free(s->arena);
	free(s);
}

const struct notice *
snapshot_notice(const struct snapshot *s, const char *id)
{
	const struct notices	*lists[] = { &s->open, &s->recent,
	    &s->recent_incidents, &s->recent_maintenance, &s->history };
	const struct notice	*n;
	size_t			 i;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if ((n = notices_find(lists[i], id)) != NULL)
			return n;
	return NULL;
}

enum model_result
snapshot_find_notice(const struct snapshot *s, struct db *db, struct arena *a,
    const char *id, const struct notice **out)
{
	struct notice		*loaded;
	enum model_result	 r;

	if ((*out = snapshot_notice(s, id)) != NULL)
		return MODEL_OK;
	if ((r = notices_load_one(db, a, &s->model.page, id, &loaded)) == MODEL_OK)
		*out = loaded;
	return r;
}
