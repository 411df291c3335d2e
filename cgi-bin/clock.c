/* clock.c: times and days as readers see them */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "clock.h"

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

long long
clock_mono_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

struct timespec
clock_realtime_in(long ms)
{
	struct timespec	t;

	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (ms % 1000) * 1000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

const char *
clock_month_abbr(int month)
{
	return month >= 1 && month <= 12 ? months[month - 1] : NULL;
}

/*
 * Far past PostgreSQL's timestamps (294276 AD) yet far from overflowing
 * clock_moment's sum or gmtime's year: anything beyond is no time.
 */
#define MOMENT_MAX_MS	(1000LL * 1000 * 1000 * 1000 * 1000 * 100)	/* ~3 million years */

/*
 * The forms Statuspage writes ("2026-01-19T06:02:00.000+08:00") and the
 * page shows ("Jan 19, 2026 06:02 UTC+08:00", plain "UTC" at offset zero:
 * zone abbreviations mislead).  Milliseconds are floored, as to_char does.
 */

struct moment
clock_moment(struct arena *a, long long ms, int off)
{
	long long	local, secs;
	time_t		t;
	struct tm	tm;
	int		aoff;
	char		zone[16];

	/* First: -INT_MIN and the sum would overflow. */
	if (off <= -86400 || off >= 86400 || ms < -MOMENT_MAX_MS ||
	    ms > MOMENT_MAX_MS)
		return (struct moment){ NULL, NULL };
	aoff = off < 0 ? -off : off;
	local = ms + (long long)off * 1000;
	secs = local / 1000 - (local % 1000 < 0);
	t = (time_t)secs;
	if (gmtime_r(&t, &tm) == NULL)
		return (struct moment){ NULL, NULL };
	snprintf(zone, sizeof(zone), "%c%02d:%02d", off < 0 ? '-' : '+',
	    aoff / 3600, aoff % 3600 / 60);
	return (struct moment){
		arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%s",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec, (int)(local - secs * 1000), zone),
		arena_printf(a, "%s %d, %04d %02d:%02d UTC%s", months[tm.tm_mon],
		    tm.tm_mday, tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		    off != 0 ? zone : "")
	};
}

const char *
clock_ago(struct arena *a, long long s)
{
	long long	n;
	const char	*unit;

	if (s < 60)
		return "less than a minute ago";
	if (s < 120)
		return "1 minute ago";
	if (s < 3600) {
		n = s / 60;
		if (n >= 10)
			n -= n % 5;
		unit = "minutes";
	} else if (s < 2 * 86400) {
		n = s / 3600;
		unit = n == 1 ? "hour" : "hours";
	} else {
		n = s / 86400;
		unit = "days";
	}
	return arena_printf(a, "%lld %s ago", n, unit);
}

const char *
clock_day_add(struct arena *a, const char *ymd, int n)
{
	struct tm	tm;
	time_t		t;
	char		out[16];

	memset(&tm, 0, sizeof(tm));
	if (sscanf(ymd, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return ymd;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += n;
	tm.tm_hour = 12;	/* timegm normalises the day; noon keeps it clear */
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, sizeof(out), "%Y-%m-%d", &tm);
	return arena_strdup(a, out);
}
