/*
 * uptime.h: Statuspage's uptime formula over daily totals.  A major outage
 * counts fully, a partial outage at 30%, degraded performance and
 * maintenance not at all; time without data (before a component started,
 * after now) is left out of the window.  The database cuts the days in the
 * page's time zone; this is the arithmetic on top.
 */
#ifndef LANTERN_UPTIME_H
#define LANTERN_UPTIME_H

#include <stddef.h>

#include "status.h"
struct uptime_day {
	const char	 *date;		/* "2026-01-19", in the page's zone */
	long		  day_seconds;	/* 82800, 86400 or 90000 */
	long		  data_seconds;	/* the part of the day with data */
	long		  partial;	/* seconds of each status */
	long		  major;
	long		  degraded;
	long		  maintenance;
	const char	**incidents;	/* names of that day's incidents */
	size_t		  nincidents;
};

struct uptime_sum {
	long long	data_seconds;
	long long	partial;
	long long	major;
};

/* How a day's cell is coloured: the worst thing that happened in it. */
enum uptime_level {
	UPTIME_NODATA,
	UPTIME_OK,
	UPTIME_MAINTENANCE,
	UPTIME_DEGRADED,
	UPTIME_PARTIAL,
	UPTIME_MAJOR,
};

/*
 * What no stored day holds yet: the span from a component's latest history
 * row to now.  Times in microseconds since the epoch.
 */
struct uptime_open {
	const char		*start_day;	/* its first day with data; NULL: any */
	int			 has_last;	/* whether it has a history row */
	enum component_status	 last;		/* the latest row's status, */
	long long		 last_us;	/* and when it was set */
	long long		 now_us;
};

/*
 * Completes a day that holds its stored totals (zero if none): the local
 * day's length, the part of it with data, and the open span's share, each
 * total capped at the part with data.  The same figures as the SQL
 * function uptime_days(), which stays the reference.
 */
void		 uptime_complete(struct uptime_day *, long long start_us,
		    long long end_us, const struct uptime_open *);
void		 uptime_add(struct uptime_sum *, const struct uptime_day *);
/* Uptime in hundredths of a percent, rounded down; -1 without data. */
long		 uptime_hundredths(const struct uptime_sum *);
/* "100.0%" only without downtime, else two decimals rounded down; "No data". */
void		 uptime_format(char *buf, size_t size, const struct uptime_sum *);
enum uptime_level uptime_level(const struct uptime_day *);
const char	*uptime_level_name(enum uptime_level);
/* "4 h 58 min", "8 min", "0 min", "2 d 3 h": a duration for readers. */
void		 uptime_duration(char *buf, size_t size, long long seconds);

#endif
