/* clock.c: times and days as readers see them */
#include <stdio.h>
#include <stdlib.h>
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

int
clock_month_parse(const char *s, int *out)
{
	int	y, m, i;

	for (i = 0; i < 7; i++)
		if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	if (s[7] != '\0')
		return -1;
	y = atoi(s);
	m = atoi(s + 5);
	if (y < 1970 || m < 1 || m > 12)
		return -1;
	*out = y * 12 + m - 1;
	return 0;
}

const char *
clock_month_text(struct arena *a, int month)
{
	return arena_printf(a, "%04d-%02d", month / 12, month % 12 + 1);
}

const char *
clock_month_day1(struct arena *a, int month)
{
	return arena_printf(a, "%04d-%02d-01", month / 12, month % 12 + 1);
}

/* Hinnant's days_from_civil: exact for every year, no table, no tm. */
long long
clock_days_from_civil(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
clock_days_in_month(int y, int m)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* n digits at s as a number, or -1. */
static int
digits(const char *s, size_t n)
{
	int	v = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

enum clock_time
clock_time_parse(const char *s, size_t n, long long *epoch)
{
	int		y, mo, d, h, mi, sec = 0, oh = 0, om = 0, sign = 0;
	long long	t;
	size_t		i, f;

	if (n < 17 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':')
		return CLOCK_TIME_FORM;
	if ((y = digits(s, 4)) == -1 || (mo = digits(s + 5, 2)) == -1 ||
	    (d = digits(s + 8, 2)) == -1 || (h = digits(s + 11, 2)) == -1 ||
	    (mi = digits(s + 14, 2)) == -1)
		return CLOCK_TIME_FORM;
	i = 16;
	if (s[i] == ':') {
		if (i + 3 > n || (sec = digits(s + i + 1, 2)) == -1)
			return CLOCK_TIME_FORM;
		i += 3;
		if (i < n && s[i] == '.') {
			for (f = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				;
			if (i == f || i - f > 6)
				return CLOCK_TIME_FORM;
		}
	}
	if (i == n)
		return CLOCK_TIME_FORM;
	if (s[i] == 'Z')
		i++;
	else if (s[i] == '+' || s[i] == '-') {
		if (i + 6 > n || s[i + 3] != ':' ||
		    (oh = digits(s + i + 1, 2)) == -1 ||
		    (om = digits(s + i + 4, 2)) == -1)
			return CLOCK_TIME_FORM;
		if (om > 59 || oh > 14 || (oh == 14 && om > 0))
			return CLOCK_TIME_FIELD;
		sign = s[i] == '+' ? 1 : -1;
		i += 6;
	} else
		return CLOCK_TIME_FORM;
	if (i != n)
		return CLOCK_TIME_FORM;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 ||
	    d > clock_days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59)
		return CLOCK_TIME_FIELD;
	t = clock_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
	    sec - sign * (oh * 3600 + om * 60);
	if (t < 0 || t > CLOCK_TIME_LAST)
		return CLOCK_TIME_ERA;
	if (epoch != NULL)
		*epoch = t;
	return CLOCK_TIME_OK;
}

enum clock_time
clock_date_parse(const char *s, size_t n)
{
	int	y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-' || (y = digits(s, 4)) == -1 ||
	    (m = digits(s + 5, 2)) == -1 || (d = digits(s + 8, 2)) == -1)
		return CLOCK_TIME_FORM;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > clock_days_in_month(y, m))
		return CLOCK_TIME_FIELD;
	return y < 1970 ? CLOCK_TIME_ERA : CLOCK_TIME_OK;
}

/* The program never calls setlocale(): %a and %b are English. */
static struct tm
utc(time_t t)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	return tm;
}

void
clock_http_date(time_t t, char out[30])
{
	struct tm	tm = utc(t);

	strftime(out, 30, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

int
clock_http_date_parse(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	*out = timegm(&tm);
	return 0;
}

void
clock_mail_date(time_t t, char out[32])
{
	struct tm	tm = utc(t);

	strftime(out, 32, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

void
clock_ical_utc(time_t t, char out[17])
{
	struct tm	tm = utc(t);

	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

void
clock_utc_day(time_t t, char out[11])
{
	struct tm	tm = utc(t);

	strftime(out, 11, "%Y-%m-%d", &tm);
}

void
clock_utc_text(time_t t, char out[24])
{
	struct tm	tm = utc(t);

	strftime(out, 24, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

enum clock_local
clock_local_parse(const char *s, size_t n, long long *wall)
{
	int	y, mo, d, h, mi, sec = 0;

	if ((n != 16 && n != 19) || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || (n == 19 && s[16] != ':'))
		return CLOCK_LOCAL_FORM;
	if ((y = digits(s, 4)) == -1 || (mo = digits(s + 5, 2)) == -1 ||
	    (d = digits(s + 8, 2)) == -1 || (h = digits(s + 11, 2)) == -1 ||
	    (mi = digits(s + 14, 2)) == -1 ||
	    (n == 19 && (sec = digits(s + 17, 2)) == -1))
		return CLOCK_LOCAL_FORM;
	/* The write API's years, so what is accepted here is accepted there. */
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > clock_days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59)
		return CLOCK_LOCAL_FORM;
	*wall = clock_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	return CLOCK_LOCAL_OK;
}

/*
 * A wall time names the instants wall - o for each offset o the zone has
 * at wall - o.  Changes are months apart, so the offsets a day either side
 * are the only ones it can have: one that fits is the answer, two are a
 * change back (the hour shown twice), none a change forward (the hour
 * skipped).
 */
enum clock_local
clock_local_instant(long long wall, clock_offset_fn offset_at, void *ctx,
    struct clock_local_time *out)
{
	int		o[2], got;
	long long	fit[2];
	int		i, nfit = 0;

	if (offset_at(ctx, wall - 86400, &o[0]) == -1 ||
	    offset_at(ctx, wall + 86400, &o[1]) == -1)
		return CLOCK_LOCAL_FAILED;
	out->before = o[0];
	out->after = o[1];
	for (i = 0; i < 2; i++) {
		if (i == 1 && o[1] == o[0])
			break;
		if (offset_at(ctx, wall - o[i], &got) == -1)
			return CLOCK_LOCAL_FAILED;
		if (got == o[i])
			fit[nfit++] = wall - o[i];
	}
	if (nfit == 0)
		return CLOCK_LOCAL_GAP;
	out->first = fit[0];
	out->second = fit[nfit - 1];
	if (nfit == 2 && fit[1] < fit[0]) {
		out->first = fit[1];
		out->second = fit[0];
	}
	return nfit == 2 ? CLOCK_LOCAL_TWICE : CLOCK_LOCAL_OK;
}

const char *
clock_local_text(struct arena *a, long long at, int offset)
{
	time_t		t = (time_t)(at + offset);
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL)
		return "";
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

const char *
clock_offset_text(struct arena *a, int off)
{
	int	aoff = off < 0 ? -off : off;

	if (off == 0)
		return "UTC";
	return arena_printf(a, "UTC%c%02d:%02d", off < 0 ? '-' : '+',
	    aoff / 3600 % 100, aoff % 3600 / 60);
}

void
clock_iso_utc(time_t t, char out[21])
{
	struct tm	tm = utc(t);

	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
