/* status.c: the vocabulary of a status page, one table each, and the overall status */
#include <string.h>

#include "status.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define FIND(table, s)	word_find((table), NELEM(table), sizeof((table)[0]), (s))

int
word_find(const void *table, size_t n, size_t size, const char *s)
{
	const char	*name;
	size_t		 i;

	/* A row's first member, its word, is where the row begins. */
	for (i = 0; s != NULL && i < n; i++) {
		memcpy(&name, (const char *)table + i * size, sizeof(name));
		if (strcmp(name, s) == 0)
			return (int)i;
	}
	return -1;
}

const struct component_status_word component_statuses[STATUS_COUNT] = {
	[STATUS_OPERATIONAL]		= { "operational", "Operational",
					    INDICATOR_NONE },
	[STATUS_DEGRADED_PERFORMANCE]	= { "degraded_performance",
					    "Degraded Performance", INDICATOR_MINOR },
	[STATUS_PARTIAL_OUTAGE]		= { "partial_outage", "Partial Outage",
					    INDICATOR_MAJOR },
	[STATUS_MAJOR_OUTAGE]		= { "major_outage", "Major Outage",
					    INDICATOR_CRITICAL },
	[STATUS_UNDER_MAINTENANCE]	= { "under_maintenance", "Under Maintenance",
					    INDICATOR_MAINTENANCE },
};

int
status_parse(const char *s, enum component_status *out)
{
	int	i = FIND(component_statuses, s);

	if (i >= 0)
		*out = (enum component_status)i;
	return i >= 0 ? 0 : -1;
}

const char *
status_name(enum component_status s)
{
	return component_statuses[s].name;
}

const char *
status_label(enum component_status s)
{
	return component_statuses[s].label;
}

int
status_severity(enum component_status s)
{
	return indicator_severity(component_statuses[s].indicator);
}

const struct notice_kind_word notice_kinds[KIND_MAINTENANCE + 1] = {
	[KIND_INCIDENT]		= { "incident", "incident", NOTICE_INVESTIGATING },
	[KIND_MAINTENANCE]	= { "maintenance", "scheduled maintenance",
				    NOTICE_SCHEDULED },
};

int
notice_kind_parse(const char *s, enum notice_kind *out)
{
	int	i = FIND(notice_kinds, s);

	if (i >= 0)
		*out = (enum notice_kind)i;
	return i >= 0 ? 0 : -1;
}

const struct notice_status_word notice_statuses[NOTICE_STATUS_COUNT] = {
	[NOTICE_INVESTIGATING]	= { "investigating", "Investigating", KIND_INCIDENT,
	    PHASE_UNDER_WAY, "We are currently investigating this incident." },
	[NOTICE_IDENTIFIED]	= { "identified", "Identified", KIND_INCIDENT,
	    PHASE_UNDER_WAY, "The issue has been identified and a fix is being "
	    "implemented." },
	[NOTICE_MONITORING]	= { "monitoring", "Monitoring", KIND_INCIDENT,
	    PHASE_UNDER_WAY, "A fix has been implemented and we are monitoring "
	    "the results." },
	[NOTICE_RESOLVED]	= { "resolved", "Resolved", KIND_INCIDENT,
	    PHASE_OVER, "This incident has been resolved." },
	[NOTICE_SCHEDULED]	= { "scheduled", "Scheduled", KIND_MAINTENANCE,
	    PHASE_TO_COME, "The scheduled maintenance has been planned." },
	[NOTICE_IN_PROGRESS]	= { "in_progress", "In progress", KIND_MAINTENANCE,
	    PHASE_UNDER_WAY, "Scheduled maintenance is currently in progress." },
	[NOTICE_VERIFYING]	= { "verifying", "Verifying", KIND_MAINTENANCE,
	    PHASE_UNDER_WAY, "Maintenance has been completed; we are verifying "
	    "the results." },
	[NOTICE_COMPLETED]	= { "completed", "Completed", KIND_MAINTENANCE,
	    PHASE_OVER, "The scheduled maintenance has been completed." },
	/* Published with the postmortem, which is its text. */
	[NOTICE_POSTMORTEM]	= { "postmortem", "Postmortem", KIND_INCIDENT,
	    PHASE_OVER, "Update." },
};

int
notice_status_parse(const char *s, enum notice_status *out)
{
	int	i = FIND(notice_statuses, s);

	if (i >= 0)
		*out = (enum notice_status)i;
	return i >= 0 ? 0 : -1;
}

const struct impact_word impacts[IMPACT_COUNT] = {
	[IMPACT_NONE]		= { "none", "None", INDICATOR_NONE },
	[IMPACT_MINOR]		= { "minor", "Minor", INDICATOR_MINOR },
	[IMPACT_MAJOR]		= { "major", "Major", INDICATOR_MAJOR },
	[IMPACT_CRITICAL]	= { "critical", "Critical", INDICATOR_CRITICAL },
};

int
impact_parse(const char *s, enum impact *out)
{
	int	i = FIND(impacts, s);

	if (i >= 0)
		*out = (enum impact)i;
	return i >= 0 ? 0 : -1;
}

enum impact
impact_of_status(enum component_status s)
{
	int	sev = status_severity(s);
	size_t	i;

	/* The worst impact no worse than s: maintenance ranks below minor. */
	for (i = NELEM(impacts); i-- > 0; )
		if (indicator_severity(impacts[i].indicator) <= sev)
			break;
	return (enum impact)i;
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

/* Maintenance ranks below any trouble, above nothing at all. */
int
indicator_severity(enum page_indicator i)
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

	if (indicator_severity(worst_incident) > indicator_severity(o.indicator))
		o = (struct overall_status){ worst_incident, by_impact[worst_incident] };
	if (maintenance && o.indicator == INDICATOR_NONE)
		o = (struct overall_status){ INDICATOR_MAINTENANCE,
		    by_impact[INDICATOR_MAINTENANCE] };
	return o;
}
