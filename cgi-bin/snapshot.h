/*
 * snapshot.h: the public picture of a page, read from the database in one
 * transaction into one immutable object, published on a shelf (shelf.h).
 * Public GETs read it and never the database.
 */
#ifndef LANTERN_SNAPSHOT_H
#define LANTERN_SNAPSHOT_H

#include <stddef.h>
#include <time.h>

#include "model.h"
#include "notices.h"
#include "status.h"

struct arena;
struct cache;
struct db;

/* How many notices each list holds: what the feeds and the API show. */
#define SNAPSHOT_RECENT		50
/* Days of uptime bars on the page. */
#define SNAPSHOT_BAR_DAYS	90
/* Calendar months in /api/uptime.json and on a page of history. */
#define SNAPSHOT_UPTIME_MONTHS	12
#define SNAPSHOT_HISTORY_MONTHS	3
/* Notices on one page of history at most: a page's size has a ceiling. */
#define SNAPSHOT_HISTORY_MAX	250

struct snapshot {
	unsigned long long	 serial;	/* this process's count of builds */
	long long		 version;	/* the page's version when read */
	time_t			 built;
	time_t			 expires;	/* rebuild by then, change or not */
	double			 build_ms;
	struct arena		*arena;		/* everything below lives here */
	int			 has_page;	/* 0: the database holds no page */
	/* Components with their days from uptime_first to today. */
	struct model		 model;
	const char		*uptime_first;	/* "YYYY-MM-DD" */
	const char		*bar_first;	/* the first of the bars' days */
	int			 month_now;	/* year * 12 + month - 1, page-local */
	struct notices		 open;		/* unresolved, and maintenance to come */
	struct overall_status	 overall;
	struct notices		 recent;	/* newest of both kinds */
	struct notices		 recent_incidents;
	struct notices		 recent_maintenance;
	struct notices		 history;	/* the current page of history */
	struct cache		*cache;		/* its renditions, made on demand */
	struct snapshot		*next_retired;
};

/*
 * Reads the page in one read-only REPEATABLE READ transaction.  NULL when
 * the database cannot be read (logged); a snapshot without a page when it
 * holds none.
 */
struct snapshot	*snapshot_build(struct db *);
void		 snapshot_free(struct snapshot *);
/* A notice of the snapshot by its id, or NULL if it holds none such. */
const struct notice *snapshot_notice(const struct snapshot *, const char *id);
/*
 * A notice of the page by its id: the snapshot's, else read with db into
 * the arena (an old one).  MODEL_NOT_FOUND if the page has none such.
 */
enum model_result snapshot_find_notice(const struct snapshot *, struct db *,
		    struct arena *, const char *id, const struct notice **);

#endif
