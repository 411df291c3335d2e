/* unit-clock.c: an instant's two forms, as Statuspage writes and the page shows */
#include <limits.h>
#include <stddef.h>

#include "arena.h"
#include "clock.h"
#include "tap.h"

/* 2026-01-19T06:02:03.456Z */
#define T	1768802523456LL

int
main(void)
{
	struct arena	*a = arena_new();
	struct moment	 m;

	m = clock_moment(a, T, 0);
	is_str(m.iso, "2026-01-19T06:02:03.456+00:00", "UTC: ISO with +00:00");
	is_str(m.display, "Jan 19, 2026 06:02 UTC", "UTC: plain UTC");
	m = clock_moment(a, T, 8 * 3600);
	is_str(m.iso, "2026-01-19T14:02:03.456+08:00", "east: local time, offset");
	is_str(m.display, "Jan 19, 2026 14:02 UTC+08:00", "east: display offset");
	m = clock_moment(a, T, -(3 * 3600 + 1800));
	is_str(m.iso, "2026-01-19T02:32:03.456-03:30", "half-hour west");
	is_str(m.display, "Jan 19, 2026 02:32 UTC-03:30", "half-hour west shown");
	m = clock_moment(a, T - 6 * 3600 * 1000LL - 3000, -(10 * 3600));
	is_str(m.display, "Jan 18, 2026 14:02 UTC-10:00", "the day before, west");
	m = clock_moment(a, 1767225599999LL, 0);
	is_str(m.iso, "2025-12-31T23:59:59.999+00:00", "milliseconds are floored");
	m = clock_moment(a, -1, 0);
	is_str(m.iso, "1969-12-31T23:59:59.999+00:00", "before the epoch, floored too");
	m = clock_moment(a, 1709164800000LL, 0);
	is_str(m.display, "Feb 29, 2024 00:00 UTC", "a leap day, no padding of the day");
	m = clock_moment(a, T, 86400);
	ok(m.iso == NULL && m.display == NULL, "an offset of a day or more is no time");
	/* Found by fuzz/fuzz-http: ms + offset overflowed before any check. */
	m = clock_moment(a, LLONG_MAX, 3600);
	ok(m.iso == NULL && m.display == NULL, "LLONG_MAX ms is no time, no overflow");
	m = clock_moment(a, LLONG_MIN, -3600);
	ok(m.iso == NULL && m.display == NULL, "LLONG_MIN ms is no time either");
	m = clock_moment(a, T, INT_MIN);
	ok(m.iso == NULL, "an offset of INT_MIN is no time, and no overflow");
	m = clock_moment(a, 9223371244800000LL, 0);	/* near PostgreSQL's last */
	is_str(m.iso, "294247-01-01T00:00:00.000+00:00",
	    "PostgreSQL's farthest timestamps still have their forms");

	is_str(clock_day_add(a, "2024-03-01", -1), "2024-02-29", "back over a leap day");
	is_str(clock_day_add(a, "2026-12-31", 1), "2027-01-01", "into the next year");
	is_str(clock_day_add(a, "2026-11-30", -89), "2026-09-02", "90 bars back");
	is_str(clock_day_add(a, "nope", 1), "nope", "malformed stays itself");
	is_str(clock_ago(a, 5), "less than a minute ago", "seconds");
	is_str(clock_ago(a, 119), "1 minute ago", "one minute");
	is_str(clock_ago(a, 6 * 60 + 59), "6 minutes ago", "minutes, exact below ten");
	is_str(clock_ago(a, 17 * 60), "15 minutes ago", "then in steps of five");
	is_str(clock_ago(a, 3600 + 59 * 60), "1 hour ago", "an hour");
	is_str(clock_ago(a, 47 * 3600), "47 hours ago", "hours up to two days");
	is_str(clock_ago(a, 3 * 86400 + 5), "3 days ago", "then days");
	is_str(clock_month_abbr(12), "Dec", "December");
	ok(clock_month_abbr(13) == NULL, "no thirteenth month");
	arena_free(a);
	return done_testing();
}
