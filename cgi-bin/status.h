/* status.h: component statuses and the page's overall status derived from them */
#ifndef LANTERN_STATUS_H
#define LANTERN_STATUS_H

#include <stddef.h>

/* Ordered by how bad they look on the page, maintenance apart. */
enum component_status {
	STATUS_OPERATIONAL,
	STATUS_DEGRADED_PERFORMANCE,
	STATUS_PARTIAL_OUTAGE,
	STATUS_MAJOR_OUTAGE,
	STATUS_UNDER_MAINTENANCE,
};

/* Statuspage's page indicator. */
enum page_indicator {
	INDICATOR_NONE,
	INDICATOR_MINOR,
	INDICATOR_MAJOR,
	INDICATOR_CRITICAL,
	INDICATOR_MAINTENANCE,
};

struct overall_status {
	enum page_indicator	 indicator;
	const char		*description;	/* "All Systems Operational" */
};

int		 status_parse(const char *, enum component_status *);
const char	*status_name(enum component_status);	/* "major_outage" */
const char	*status_label(enum component_status);	/* "Major Outage" */
const char	*indicator_name(enum page_indicator);	/* "critical" */
int		 indicator_parse_impact(const char *, enum page_indicator *);
/*
 * The banner: the worse of what the components say and what the open
 * incidents' impact says; maintenance in progress only when all is well.
 */
struct overall_status status_overall(const enum component_status *, size_t,
		    enum page_indicator worst_incident, int maintenance);

#endif
