/*
 * model.h: the public picture of a status page, as every output (HTML, JSON,
 * feeds) reads it.  It knows nothing of HTTP; today it is read per request,
 * later it can be held in memory and refreshed on NOTIFY without its readers
 * noticing.
 */
#ifndef LANTERN_MODEL_H
#define LANTERN_MODEL_H

#include <stddef.h>
#include <time.h>

#include "clock.h"
#include "status.h"
#include "uptime.h"

struct arena;
struct db;

/* A moment, twice: for machines and for readers. NULLs when not set. */
struct component {
	const char		*id;
	const char		*name;
	const char		*description;	/* "" if none */
	const char		*group;		/* group name, NULL if none */
	const char		*group_id;	/* NULL if none */
	enum component_status	 status;
	long			 position;
	int			 showcase;
	int			 only_show_if_degraded;
	const char		*start_date;	/* "2025-10-01", NULL if none */
	struct moment		 created, updated;
	struct uptime_day	*days;		/* after model_load_uptime(), */
	size_t			 ndays;		/* oldest first, one per day */
};

/* Statuspage shows a group as a component holding the ids of others. */
struct group {
	const char		*id;
	const char		*name;
	const char		*description;
	long			 position;
	const char		**children;	/* component ids, in order */
	size_t			 nchildren;
	enum component_status	 status;	/* its worst component's */
	struct moment		 created, updated;
};

struct page {
	const char		*id;
	const char		*name;
	const char		*url;
	const char		*time_zone;
	const char		*today;		/* "2026-11-28" in the page's zone */
	time_t			 next_midnight;	/* when today ends there */
	long long		 version;	/* moved by every public change */
	time_t			 updated;	/* last change of anything on it */
	const char		*updated_iso;
};

struct model {
	struct page		 page;
	struct component	*components;
	size_t			 ncomponents;
	struct group		*groups;
	size_t			 ngroups;
};

enum model_result {
	MODEL_OK,
	MODEL_NOT_FOUND,	/* no page yet, or no such incident */
	MODEL_DB_ERROR,
};

/* The page, its groups and components with their current status. */
enum model_result model_load(struct db *, struct arena *, struct model *);
/* The component with this id, or NULL. */
const struct component *model_component(const struct model *, const char *id);
/* Daily uptime of every component for the page-local days first..last. */
enum model_result model_load_uptime(struct db *, struct arena *, struct model *,
		    const char *first, const char *last);
/* The names of each day's incidents, on days model_load_uptime() loaded. */
enum model_result model_load_day_incidents(struct db *, struct arena *,
		    struct model *, const char *first, const char *last);
/* The days of c from first ("YYYY-MM-DD") on; *n of them. */
const struct uptime_day *model_days_from(const struct component *c,
		    const char *first, size_t *n);

#endif
