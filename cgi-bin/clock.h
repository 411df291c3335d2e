/*
 * clock.h: times and days as readers see them.  The database hands over an
 * instant once, as milliseconds since the epoch with the page's UTC offset
 * at that instant; every form on a page or in a feed is made here.
 */
#ifndef LANTERN_CLOCK_H
#define LANTERN_CLOCK_H

#include <time.h>

struct arena;

/* An instant in the two forms readers see. */
struct moment {
	const char	*iso;		/* 2026-01-19T06:02:00.000+00:00 */
	const char	*display;	/* Jan 19, 2026 06:02 UTC */
};

/* Milliseconds on the monotonic clock: for deadlines, never for dates. */
long long	 clock_mono_ms(void);

/*
 * The CLOCK_REALTIME instant ms from now, the deadline form that
 * pthread_cond_timedwait() and pthread_timedjoin_np() take.
 */
struct timespec	 clock_realtime_in(long ms);

/* "Jan" for 1; NULL outside 1-12. */
const char	*clock_month_abbr(int month);

/* Both forms of one instant: ISO 8601 with the offset, and for display. */
struct moment	 clock_moment(struct arena *, long long ms, int offset_seconds);

/*
 * How long ago, for a reader: "1 minute ago", "6 minutes ago", then in
 * steps of 5 minutes, hours, days: few distinct texts, so a page that
 * says it is cached once per text.  In the arena.
 */
const char	*clock_ago(struct arena *, long long seconds);

/* "2026-03-01" plus n days (n may be negative); ymd itself if malformed. */
const char	*clock_day_add(struct arena *, const char *ymd, int n);

/*
 * Months are counted as year * 12 + month - 1, so month arithmetic is
 * plain: "2026-11" is 2026 * 12 + 10.
 */
/* "YYYY-MM" from 1970 into *month: 0, or -1. */
int		 clock_month_parse(const char *, int *month);
const char	*clock_month_text(struct arena *, int month);	/* 2026-11 */
const char	*clock_month_day1(struct arena *, int month);	/* 2026-11-01 */

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (before: negative). */
long long	 clock_days_from_civil(int y, int m, int d);
int		 clock_days_in_month(int y, int m);

/*
 * An RFC 3339 time as the write API and lanternctl take it:
 * YYYY-MM-DDTHH:MM[:SS[.f{1,6}]](Z|+HH:MM|-HH:MM).  Times from 1970 to
 * 9999 only: earlier ones are typing mistakes, and the feeds' formats
 * (iCalendar's DTSTART among them) cannot write them.
 */
enum clock_time {
	CLOCK_TIME_OK,
	CLOCK_TIME_FORM,	/* not that form */
	CLOCK_TIME_FIELD,	/* the form, but a field out of range */
	CLOCK_TIME_ERA		/* a real time, outside 1970-9999 */
};
#define CLOCK_TIME_LAST	253402300799LL	/* 9999-12-31T23:59:59Z */
/* Seconds since the epoch into *epoch (may be NULL), fractions dropped. */
enum clock_time	 clock_time_parse(const char *, size_t, long long *epoch);
/* A day, YYYY-MM-DD, from 1970 to 9999, the same way. */
enum clock_time	 clock_date_parse(const char *, size_t);

/*
 * Wall-clock times of the page's zone, as <input type="datetime-local">
 * sends them ("2026-10-25T02:30", seconds optional), turned into the
 * instants they name.  The zone is the database's (the page's time_zone):
 * offset_at says its UTC offset, in seconds east, at an instant; 0, or -1
 * if it cannot.  Kept apart from the database so that the arithmetic can
 * be tested against the C library's zones.
 */
typedef int	(*clock_offset_fn)(void *ctx, long long at, int *offset);
enum clock_local {
	CLOCK_LOCAL_OK,
	CLOCK_LOCAL_FORM,	/* not YYYY-MM-DDTHH:MM[:SS], or no such day */
	CLOCK_LOCAL_GAP,	/* skipped by a change forward (spring) */
	CLOCK_LOCAL_TWICE,	/* shown twice by a change back (autumn) */
	CLOCK_LOCAL_FAILED	/* offset_at failed */
};
struct clock_local_time {
	long long	 first;		/* the instant (UTC seconds); TWICE: the earlier */
	long long	 second;	/* TWICE: the later; else first */
	int		 before, after;	/* the offsets either side of a change */
};
/* s (n bytes) as seconds since 1970 of the wall clock, zone unknown. */
enum clock_local clock_local_parse(const char *s, size_t n, long long *wall);
enum clock_local clock_local_instant(long long wall, clock_offset_fn,
		    void *ctx, struct clock_local_time *);
/* The wall-clock form of instant at, offset east: "2026-10-25T02:30". */
const char	*clock_local_text(struct arena *, long long at, int offset);
/* An offset as the page shows one: "UTC+02:00", "UTC-03:30", "UTC". */
const char	*clock_offset_text(struct arena *, int offset);

/* The fixed UTC forms machines read. */
void		 clock_http_date(time_t, char out[30]);	/* RFC 9110 IMF-fixdate */
int		 clock_http_date_parse(const char *, time_t *);	/* 0, or -1 */
/* RFC 5322 3.3, for mail's Date: "Mon, 30 Nov 2026 09:21:03 +0000". */
void		 clock_mail_date(time_t, char out[32]);
void		 clock_ical_utc(time_t, char out[17]);	/* 20260119T060200Z */
void		 clock_utc_day(time_t, char out[11]);	/* 2026-01-19 */
void		 clock_utc_text(time_t, char out[24]);	/* 2026-01-19 06:02:00 UTC */
void		 clock_iso_utc(time_t, char out[21]);	/* 2026-01-19T06:02:00Z */

#endif
