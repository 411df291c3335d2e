/* status.c: component statuses and the page's overall status derived from them */
#include <string.h>

#include "status.h"

static const struct {
	const char	*name;
	const char	*label;
} statuses[] = {
	[STATUS_OPERATIONAL]		= { "operational", "Operational" },
	[STATUS_DEGRADED_PERFORMANCE]	= { "degraded_performance", "Degraded Performance" },
	[STATUS_PARTIAL_OUTAGE]		= { "partial_outage", "Partial Outage" },
	[STATUS_MAJOR_OUTAGE]		= { "major_outage", "Major Outage" },
	[STATUS_UNDER_MAINTENANCE]	= { "under_maintenance", "Under Maintenance" },
};

int
status_parse(const char *s, enum component_status *out)
{
	size_t	i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		if (strcmp(s, statuses[i].name) == 0) {
			*out = (enum component_status)i;
			return 0;
		}
	}
	return -1;
}

const char *
status_name(enum component_status s)
{
	return statuses[s].name;
}

const char *
status_label(enum component_status s)
{
	return statuses[s].label;
}

const char *
indicator_name(enum page_indicator i)
{
	static const char *const names[] = {
		[INDICATOR_NONE] = "none",
		[INDICATOR_MINOR] = "minor",
		[INDICATOR_MAJOR] = "major",
		[INDICATOR_CRITICAL] = "critical",
		[INDICATOR_MAINTENANCE] = "maintenance",
	};

	return names[i];
}

/*
 * Statuspage's wording: an outage of every component is a major system
 * outage, of some a partial one; a partial outage anywhere is a minor
 * service outage; slowness is degraded service.  Maintenance shows only
 * when nothing is broken.
 */
static struct overall_status
from_components(const enum component_status *s, size_t n)
{
	size_t	i, major = 0, partial = 0, degraded = 0, maint = 0;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case STATUS_MAJOR_OUTAGE:
			major++;
			break;
		case STATUS_PARTIAL_OUTAGE:
			partial++;
			break;
		case STATUS_DEGRADED_PERFORMANCE:
			degraded++;
			break;
		case STATUS_UNDER_MAINTENANCE:
			maint++;
			break;
		case STATUS_OPERATIONAL:
			break;
		}
	}
	if (major > 0 && major == n)
		return (struct overall_status){ INDICATOR_CRITICAL, "Major System Outage" };
	if (major > 0)
		return (struct overall_status){ INDICATOR_MAJOR, "Partial System Outage" };
	if (partial > 0)
		return (struct overall_status){ INDICATOR_MINOR, "Minor Service Outage" };
	if (degraded > 0)
		return (struct overall_status){ INDICATOR_MINOR, "Partially Degraded Service" };
	if (maint > 0)
		return (struct overall_status){ INDICATOR_MAINTENANCE, "Service Under Maintenance" };
	return (struct overall_status){ INDICATOR_NONE, "All Systems Operational" };
}

int
indicator_parse_impact(const char *s, enum page_indicator *out)
{
	static const char *const impacts[] = { "none", "minor", "major", "critical" };
	size_t	i;

	for (i = 0; i < sizeof(impacts) / sizeof(impacts[0]); i++) {
		if (strcmp(s, impacts[i]) == 0) {
			*out = (enum page_indicator)i;
			return 0;
		}
	}
	return -1;
}

/* Maintenance ranks below any trouble, above nothing at all. */
static int
rank(enum page_indicator i)
{
	switch (i) {
	case INDICATOR_NONE:		return 0;
	case INDICATOR_MAINTENANCE:	return 1;
	case INDICATOR_MINOR:		return 2;
	case INDICATOR_MAJOR:		return 3;
	case INDICATOR_CRITICAL:	return 4;
	}
	return 0;
}

struct overall_status
status_overall(const enum component_status *s, size_t n,
    enum page_indicator worst_incident, int maintenance)
{
	static const char *const by_impact[] = {
		[INDICATOR_NONE] = "All Systems Operational",
		[INDICATOR_MINOR] = "Minor Service Outage",
		[INDICATOR_MAJOR] = "Partial System Outage",
		[INDICATOR_CRITICAL] = "Major System Outage",
		[INDICATOR_MAINTENANCE] = "Service Under Maintenance",
	};
	struct overall_status	o = from_components(s, n);

	if (rank(worst_incident) > rank(o.indicator))
		o = (struct overall_status){ worst_incident, by_impact[worst_incident] };
	if (maintenance && o.indicator == INDICATOR_NONE)
		o = (struct overall_status){ INDICATOR_MAINTENANCE,
		    by_impact[INDICATOR_MAINTENANCE] };
	return o;
}
