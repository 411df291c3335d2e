/*
 * model.h: the public picture of a status page, as every output (HTML, JSON,
 * feeds) reads it.  It knows nothing of HTTP; today it is read per request,
 * later it can be held in memory and refreshed on NOTIFY without its readers
 * noticing.
 */
#ifndef LANTERN_MODEL_H
#define LANTERN_MODEL_H

#include <stddef.h>

#include "status.h"

struct arena;
struct db;

struct component {
	const char		*id;
	const char		*name;
	const char		*description;	/* NULL if none */
	const char		*group;		/* group name, NULL if none */
	enum component_status	 status;
};

struct model {
	const char		*page_id;
	const char		*page_name;
	const char		*time_zone;
	struct component	*components;
	size_t			 ncomponents;
	struct overall_status	 overall;
};

enum model_result {
	MODEL_OK,
	MODEL_NO_PAGE,		/* the database holds no page yet */
	MODEL_DB_ERROR,
};

enum model_result model_load(struct db *, struct arena *, struct model *);

#endif
