/* unit-clock.c: an instant's two forms, as Statuspage writes and the page shows */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "clock.h"
#include "tap.h"

/* 2026-01-19T06:02:03.456Z */
#define T	1768802523456LL

/*
 * The zone's offset from the C library's tz database (TZ set for the
 * test, which has one thread), where the program asks PostgreSQL's.
 */
static int
libc_offset(void *zone, long long at, int *offset)
{
	time_t		t = (time_t)at;
	struct tm	tm;

	setenv("TZ", zone, 1);
	tzset();
	if (localtime_r(&t, &tm) == NULL)
		return -1;
	*offset = (int)tm.tm_gmtoff;
	return 0;
}

/* zone's wall time s as UTC "2026-10-25T00:30:00Z" (twice: both, with " / "). */
static const char *
local_utc(struct arena *a, const char *zone, const char *s)
{
	struct clock_local_time	 t;
	long long		 wall;
	char			 one[24], two[24];

	if (clock_local_parse(s, strlen(s), &wall) != CLOCK_LOCAL_OK)
		return "form";
	switch (clock_local_instant(wall, libc_offset, (void *)zone, &t)) {
	case CLOCK_LOCAL_OK:
		clock_utc_text((time_t)t.first, one);
		return arena_strdup(a, one);
	case CLOCK_LOCAL_TWICE:
		clock_utc_text((time_t)t.first, one);
		clock_utc_text((time_t)t.second, two);
		return arena_printf(a, "%s / %s", one, two);
	case CLOCK_LOCAL_GAP:
		return arena_printf(a, "gap %d..%d", t.before, t.after);
	case CLOCK_LOCAL_FORM:
	case CLOCK_LOCAL_FAILED:
		break;
	}
	return "failed";
}

static int
offset_fails(void *ctx, long long at, int *offset)
{
	(void)ctx;
	(void)at;
	(void)offset;
	return -1;
}

/* The page's wall clock across real changes, both ways, in three zones. */
static void
local_times(struct arena *a)
{
	struct clock_local_time	 t;
	long long		 wall;

	/* Berlin: the last Sundays of March and October, at 02:00 / 03:00. */
	is_str(local_utc(a, "Europe/Berlin", "2026-01-19T12:00"),
	    "2026-01-19 11:00:00 UTC", "Berlin in winter: UTC+1");
	is_str(local_utc(a, "Europe/Berlin", "2026-07-01T12:00"),
	    "2026-07-01 10:00:00 UTC", "Berlin in summer: UTC+2");
	is_str(local_utc(a, "Europe/Berlin", "2026-03-29T01:59"),
	    "2026-03-29 00:59:00 UTC", "Berlin: a minute before the spring change");
	is_str(local_utc(a, "Europe/Berlin", "2026-03-29T02:30"),
	    "gap 3600..7200", "Berlin: 02:30 on Mar 29, 2026 does not exist");
	is_str(local_utc(a, "Europe/Berlin", "2026-03-29T02:00"),
	    "gap 3600..7200", "Berlin: nor does 02:00");
	is_str(local_utc(a, "Europe/Berlin", "2026-03-29T03:00"),
	    "2026-03-29 01:00:00 UTC", "Berlin: 03:00 is the change's instant");
	is_str(local_utc(a, "Europe/Berlin", "2026-10-25T01:59"),
	    "2026-10-24 23:59:00 UTC", "Berlin: before the autumn change, once");
	is_str(local_utc(a, "Europe/Berlin", "2026-10-25T02:30"),
	    "2026-10-25 00:30:00 UTC / 2026-10-25 01:30:00 UTC",
	    "Berlin: 02:30 on Oct 25, 2026 happens twice, an hour apart");
	is_str(local_utc(a, "Europe/Berlin", "2026-10-25T02:00"),
	    "2026-10-25 00:00:00 UTC / 2026-10-25 01:00:00 UTC",
	    "Berlin: 02:00 as well");
	is_str(local_utc(a, "Europe/Berlin", "2026-10-25T03:00"),
	    "2026-10-25 02:00:00 UTC", "Berlin: 03:00 is once again");
	/* New York: second Sunday of March, first of November, at 02:00. */
	is_str(local_utc(a, "America/New_York", "2026-03-08T02:30"),
	    "gap -18000..-14400", "New York: 02:30 on Mar 8, 2026 does not exist");
	is_str(local_utc(a, "America/New_York", "2026-03-08T03:00"),
	    "2026-03-08 07:00:00 UTC", "New York: 03:00 EDT");
	is_str(local_utc(a, "America/New_York", "2026-11-01T01:30"),
	    "2026-11-01 05:30:00 UTC / 2026-11-01 06:30:00 UTC",
	    "New York: 01:30 on Nov 1, 2026 happens twice");
	is_str(local_utc(a, "America/New_York", "2026-11-01T00:59:59"),
	    "2026-11-01 04:59:59 UTC", "New York: seconds are kept");
	/* Lord Howe: half an hour, at 02:00 (October) and 02:00 (April). */
	is_str(local_utc(a, "Australia/Lord_Howe", "2026-10-04T02:15"),
	    "gap 37800..39600", "Lord Howe: 02:15 on Oct 4, 2026 does not exist");
	is_str(local_utc(a, "Australia/Lord_Howe", "2026-10-04T02:30"),
	    "2026-10-03 15:30:00 UTC", "Lord Howe: 02:30 is UTC+11");
	is_str(local_utc(a, "Australia/Lord_Howe", "2026-04-05T01:45"),
	    "2026-04-04 14:45:00 UTC / 2026-04-04 15:15:00 UTC",
	    "Lord Howe: 01:45 on Apr 5, 2026 happens twice, 30 minutes apart");
	is_str(local_utc(a, "Australia/Lord_Howe", "2026-04-05T02:00"),
	    "2026-04-04 15:30:00 UTC", "Lord Howe: 02:00 is once, UTC+10:30");
	is_str(local_utc(a, "UTC", "2026-10-25T02:30"), "2026-10-25 02:30:00 UTC",
	    "UTC has no changes");

	/* The form datetime-local sends, and no other. */
	is_str(local_utc(a, "UTC", "2026-10-25 02:30"), "form", "a space for T");
	is_str(local_utc(a, "UTC", "2026-02-29T10:00"), "form", "no Feb 29 in 2026");
	is_str(local_utc(a, "UTC", "2026-10-25T24:00"), "form", "no hour 24");
	is_str(local_utc(a, "UTC", "2026-10-25T02:30Z"), "form", "no zone");
	is_str(local_utc(a, "UTC", "1969-12-31T23:00"), "form", "nothing before 1970");
	is_str(local_utc(a, "UTC", "2026-10-25T2:30"), "form", "two-digit hours");
	ok(clock_local_parse("2026-10-25T02:30", 16, &wall) == CLOCK_LOCAL_OK &&
	    clock_local_instant(wall, offset_fails, NULL, &t) == CLOCK_LOCAL_FAILED,
	    "a zone that cannot be asked fails, and says so");

	/* And back: an input's value, in the offset of the instant. */
	is_str(clock_local_text(a, 1792888200LL, 7200), "2026-10-25T02:30",
	    "00:30Z at UTC+2 is 02:30 on the wall");
	is_str(clock_local_text(a, 1792891800LL, 3600), "2026-10-25T02:30",
	    "01:30Z at UTC+1 too");
	is_str(clock_local_text(a, 1775313900LL, 39600), "2026-04-05T01:45",
	    "Lord Howe at UTC+11");
	is_str(clock_offset_text(a, 37800), "UTC+10:30", "Lord Howe's winter offset");
	is_str(clock_offset_text(a, -18000), "UTC-05:00", "New York's");
	is_str(clock_offset_text(a, 0), "UTC", "none: plain UTC, as the page says it");
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct moment	 m;
	long long	 e;
	char		 buf[32];
	int		 n;

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

	/* Summer time in a zone west of UTC: the same instant, two offsets. */
	m = clock_moment(a, 1772953200000LL, -5 * 3600);	/* 2026-03-08 07:00Z */
	is_str(m.display, "Mar 8, 2026 02:00 UTC-05:00", "New York before the spring change");
	m = clock_moment(a, 1772953200000LL, -4 * 3600);
	is_str(m.display, "Mar 8, 2026 03:00 UTC-04:00", "and after it");

	/* Months: year ends, and parsing. */
	is_str(clock_month_text(a, 2026 * 12 + 11 + 1), "2027-01", "December + 1 is January");
	is_str(clock_month_day1(a, 2026 * 12 + 0 - 1), "2025-12-01", "January - 1 is December");
	ok(clock_month_parse("2026-11", &n) == 0 && n == 2026 * 12 + 10, "2026-11 parsed");
	ok(clock_month_parse("1969-12", &n) == -1, "months before 1970 refused");
	ok(clock_month_parse("2026-13", &n) == -1 && clock_month_parse("2026-1", &n) == -1 &&
	    clock_month_parse("2026-011", &n) == -1, "malformed months refused");

	/* Days: leap years. */
	is_int(clock_days_in_month(2024, 2), 29, "2024 is a leap year");
	is_int(clock_days_in_month(2100, 2), 28, "2100 is not");
	is_int(clock_days_in_month(2000, 2), 29, "2000 is");
	ok(clock_days_from_civil(1970, 1, 1) == 0, "day 0 is 1970-01-01");
	ok(clock_days_from_civil(2024, 3, 1) - clock_days_from_civil(2024, 2, 28) == 2,
	    "2024-02-29 lies between");
	is_str(clock_day_add(a, "2024-02-28", 1), "2024-02-29", "a day after Feb 28, 2024");
	is_str(clock_day_add(a, "2026-12-31", 1), "2027-01-01", "a day after New Year's Eve");

	/* Times: the form, the fields, and 1970 to 9999. */
	ok(clock_time_parse("1970-01-01T00:00:00Z", 20, &e) == CLOCK_TIME_OK && e == 0,
	    "the epoch");
	ok(clock_time_parse("9999-12-31T23:59:59Z", 20, &e) == CLOCK_TIME_OK &&
	    e == CLOCK_TIME_LAST, "the last second of 9999");
	is_int(clock_time_parse("1969-12-31T23:59:59Z", 20, NULL), CLOCK_TIME_ERA,
	    "a second before 1970");
	is_int(clock_time_parse("1970-01-01T00:30:00+01:00", 25, NULL), CLOCK_TIME_ERA,
	    "1970 in local time but 1969 in UTC");
	is_int(clock_time_parse("9999-12-31T23:59:59-00:01", 25, NULL), CLOCK_TIME_ERA,
	    "9999 in local time but 10000 in UTC");
	is_int(clock_time_parse("0001-01-01T00:00Z", 17, NULL), CLOCK_TIME_ERA, "year 1");
	is_int(clock_time_parse("2023-02-29T10:00Z", 17, NULL), CLOCK_TIME_FIELD,
	    "no Feb 29 in 2023");
	ok(clock_time_parse("2024-02-29T10:00:00.123456+05:30", 32, &e) == CLOCK_TIME_OK &&
	    e == 1709181000, "Feb 29, 2024, fractions and an offset");
	is_int(clock_time_parse("2024-02-29T10:00:00.1234567Z", 28, NULL), CLOCK_TIME_FORM,
	    "more than six fraction digits");
	is_int(clock_time_parse("2024-02-29 10:00Z", 17, NULL), CLOCK_TIME_FORM, "a space for T");
	is_int(clock_time_parse("2024-02-29T10:00+15:00", 22, NULL), CLOCK_TIME_FIELD,
	    "an offset past 14 hours");
	is_int(clock_date_parse("2024-02-29", 10), CLOCK_TIME_OK, "a leap day");
	is_int(clock_date_parse("1969-12-31", 10), CLOCK_TIME_ERA, "a day before 1970");
	is_int(clock_date_parse("2026-04-31", 10), CLOCK_TIME_FIELD, "April 31");

	/* The fixed forms machines read. */
	clock_ical_utc(1767225599, buf);
	is_str(buf, "20251231T235959Z", "iCalendar UTC at a year's end");
	clock_utc_day(1709164800, buf);
	is_str(buf, "2024-02-29", "a tag URI's day");
	clock_utc_text(1709164800, buf);
	is_str(buf, "2024-02-29 00:00:00 UTC", "a log's time");
	clock_iso_utc(1792888200, buf);
	is_str(buf, "2026-10-25T00:30:00Z", "the write API's UTC form");

	local_times(a);
	arena_free(a);
	return done_testing();
}
