/*
 * notices.h: incidents and scheduled maintenance with their updates, as the
 * page, the history and (later) the API and feeds show them.  Free of HTTP.
 */
#ifndef LANTERN_NOTICES_H
#define LANTERN_NOTICES_H

#include <stddef.h>

#include "model.h"
#include "status.h"

struct change {
	const char		*component_id;
	const char		*component;
	enum component_status	 from;
	enum component_status	 to;
};

struct notice_update {
	const char		*id;
	enum notice_status	 status;
	const char		*label;		/* "Identified", or "Update" */
	const char		*body;
	struct moment		 at;
	struct change		*changes;
	size_t			 nchanges;
};

/* A component the notice affects (Statuspage's component_ids). */
struct notice_component {
	const char		*id;
	const char		*name;
};

struct notice {
	const char		*id;
	const char		*name;
	enum notice_kind	 kind;
	enum notice_status	 status;
	enum impact		 impact;
	const char		*month;		/* "2026-01", when it began */
	long long		 duration;	/* seconds; -1 if not begun */
	const char		*postmortem;	/* Markdown; NULL if not published */
	const char		*postmortem_draft; /* the text, published or not */
	const char		*page_id;
	struct moment		 created, updated, monitoring;
	struct moment		 activity;	/* last change, updates included */
	long long		 created_epoch, activity_epoch;
	long long		 scheduled_for_epoch, scheduled_until_epoch;
	struct moment		 started, resolved, scheduled_for,
				 scheduled_until, postmortem_at;
	struct notice_update	*updates;	/* newest first */
	size_t			 nupdates;
	struct notice_component	*affected;	/* in the page's order */
	size_t			 naffected;
};

struct notices {
	struct notice		*items;
	size_t			 n;
	size_t			 total;		/* of which a LIMIT kept n */
};

/* One incident or maintenance of the page; MODEL_NOT_FOUND if none. */
enum model_result notices_load_one(struct db *, struct arena *,
		    const struct page *, const char *id, struct notice **);
/* Open incidents, then maintenance in progress or to come. */
enum model_result notices_load_open(struct db *, struct arena *,
		    const struct page *, struct notices *);
/*
 * The newest max of those that began on the page-local days from first to
 * before end, and after the notice `before` in that order if it is not
 * NULL; ns->total says how many there are in all.  MODEL_NOT_FOUND when
 * `before` names no notice of the page.
 */
enum model_result notices_load_between(struct db *, struct arena *,
		    const struct page *, const char *first, const char *end,
		    const char *before, int max, struct notices *);
/*
 * Whether ns, one answer's worth of notices of some months read with
 * notices_load_between(), speaks for month "YYYY-MM": one that goes on
 * after a cursor starts at its first notice's month (and with none speaks
 * for none); one cut short by its limit ends at its last's.  Elsewhere
 * "no notices this month" would not be true.
 */
int		 notices_speak_for(const struct notices *, int after_cursor,
		    const char *month);
/* The notice with this id among ns, or NULL. */
const struct notice *notices_find(const struct notices *, const char *id);

/*
 * The newest n notices: of one kind (*kind), or of both (kind NULL); or
 * those that touched one component.
 */
enum model_result notices_load_recent(struct db *, struct arena *,
		    const struct page *, const enum notice_kind *kind, int n,
		    struct notices *);
enum model_result notices_load_component(struct db *, struct arena *,
		    const struct page *, const char *component_id, int n,
		    struct notices *);

/*
 * The banner, as every output shows it: the components, the worst open
 * incident's impact, and maintenance under way only when all is well.
 * open holds what notices_load_open() read.
 */
struct overall_status notices_overall(struct arena *, const struct model *,
		    const struct notices *open);

#endif
