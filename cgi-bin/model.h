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

#include "status.h"
#include "uptime.h"

struct arena;
struct db;

struct component {
	const char		*id;
	const char		*name;
	const char		*description;	/* "" if none */
	const char		*group;		/* group name, NULL if none */
	enum component_status	 status;
	struct uptime_day	*days;		/* after model_load_uptime() */
	size_t			 ndays;
};

struct page {
	const char		*id;
	const char		*name;
	const char		*url;
	const char		*time_zone;
	const char		*today;		/* "2026-11-28" in the page's zone */
	time_t			 updated;	/* last change of anything on it */
};

struct model {
	struct page		 page;
	struct component	*components;
	size_t			 ncomponents;
};

enum model_result {
	MODEL_OK,
	MODEL_NOT_FOUND,	/* no page yet, or no such incident */
	MODEL_DB_ERROR,
};

/* The page and its components with their current status. */
enum model_result model_load(struct db *, struct arena *, struct model *);
/*
 * Daily uptime of every component for the page-local days first..last
 * ("YYYY-MM-DD"), each day with the names of its incidents.
 */
enum model_result model_load_uptime(struct db *, struct arena *, struct model *,
		    const char *first, const char *last);

#endif
