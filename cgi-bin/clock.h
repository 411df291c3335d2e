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

#endif
