/* unit-status.c: the banner's wording follows Statuspage's */
#include "status.h"
#include "tap.h"

#define OVERALL(...) overall((enum component_status[]){ __VA_ARGS__ }, \
	sizeof((enum component_status[]){ __VA_ARGS__ }) / sizeof(enum component_status))

static const char *
overall(const enum component_status *s, size_t n)
{
	return status_overall(s, n, INDICATOR_NONE, 0).description;
}

int
main(void)
{
	enum component_status	s;

	is_str(overall(NULL, 0), "All Systems Operational", "no components");
	is_str(OVERALL(STATUS_OPERATIONAL, STATUS_OPERATIONAL),
	    "All Systems Operational", "all operational");
	is_str(OVERALL(STATUS_OPERATIONAL, STATUS_DEGRADED_PERFORMANCE),
	    "Partially Degraded Service", "one degraded");
	is_str(OVERALL(STATUS_DEGRADED_PERFORMANCE, STATUS_PARTIAL_OUTAGE),
	    "Minor Service Outage", "partial outage beats degraded");
	is_str(OVERALL(STATUS_OPERATIONAL, STATUS_MAJOR_OUTAGE),
	    "Partial System Outage", "one of two down");
	is_str(OVERALL(STATUS_MAJOR_OUTAGE, STATUS_MAJOR_OUTAGE),
	    "Major System Outage", "everything down");
	is_int(status_overall((enum component_status[]){ STATUS_MAJOR_OUTAGE }, 1,
	    INDICATOR_NONE, 0).indicator, INDICATOR_CRITICAL,
	    "everything down is critical");
	is_str(OVERALL(STATUS_UNDER_MAINTENANCE, STATUS_OPERATIONAL),
	    "Service Under Maintenance", "maintenance");
	is_str(OVERALL(STATUS_UNDER_MAINTENANCE, STATUS_PARTIAL_OUTAGE),
	    "Minor Service Outage", "an outage outranks maintenance");

	{
		enum component_status	up[] = { STATUS_OPERATIONAL, STATUS_OPERATIONAL };
		enum component_status	slow[] = { STATUS_DEGRADED_PERFORMANCE };
		enum impact		i;

		is_str(status_overall(up, 2, INDICATOR_MAJOR, 0).description,
		    "Partial System Outage", "a major incident with all components up");
		is_str(status_overall(up, 2, INDICATOR_CRITICAL, 0).description,
		    "Major System Outage", "a critical incident");
		is_str(status_overall(up, 2, INDICATOR_MINOR, 0).description,
		    "Minor Service Outage", "a minor incident");
		is_str(status_overall(up, 2, INDICATOR_NONE, 0).description,
		    "All Systems Operational", "an incident of no impact changes nothing");
		is_str(status_overall(slow, 1, INDICATOR_MINOR, 0).description,
		    "Partially Degraded Service", "components speak when as bad as the incident");
		is_str(status_overall(up, 2, INDICATOR_NONE, 1).description,
		    "Service Under Maintenance", "maintenance in progress");
		is_str(status_overall(up, 2, INDICATOR_MINOR, 1).description,
		    "Minor Service Outage", "an incident outranks maintenance");
		ok(impact_parse("critical", &i) == 0 &&
		    impacts[i].indicator == INDICATOR_CRITICAL, "impact parsed");
		ok(impact_parse("huge", &i) == -1, "unknown impact refused");
	}

	ok(status_parse("partial_outage", &s) == 0 && s == STATUS_PARTIAL_OUTAGE,
	    "status parsed");
	ok(status_parse("down", &s) == -1, "unknown status refused");
	is_str(status_label(STATUS_DEGRADED_PERFORMANCE), "Degraded Performance",
	    "label");
	is_str(status_name(STATUS_UNDER_MAINTENANCE), "under_maintenance", "name");
	is_str(indicator_name(INDICATOR_MAINTENANCE), "maintenance", "indicator");
	return done_testing();
}
