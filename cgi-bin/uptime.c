/* uptime.c: Statuspage's uptime formula over daily totals */
#include <stdio.h>
#include <string.h>

#include "uptime.h"

#define US	1000000LL

/* Whole seconds of a non-negative span, halves up, as SQL's round(). */
static long
seconds(long long us)
{
	return (long)((us + US / 2) / US);
}

/*
 * Trouble rounds up, as SQL's ceil() in component_days_compute(): an
 * outage shorter than a second still marks its day.
 */
static long
trouble_seconds(long long us)
{
	return (long)((us + US - 1) / US);
}

static long long
min_us(long long a, long long b)
{
	return a < b ? a : b;
}

static void
cap(long *x, long max)
{
	if (*x > max)
		*x = max;
}

void
uptime_complete(struct uptime_day *d, long long start_us, long long end_us,
    const struct uptime_open *o)
{
	long long	 from, to = min_us(o->now_us, end_us);
	long		 tail = 0, *total = NULL;

	d->day_seconds = seconds(end_us - start_us);
	if ((o->start_day != NULL && strcmp(d->date, o->start_day) < 0) ||
	    start_us >= o->now_us)
		d->data_seconds = 0;
	else
		d->data_seconds = seconds(to - start_us);
	if (o->has_last) {
		from = o->last_us > start_us ? o->last_us : start_us;
		if (from < to)
			tail = trouble_seconds(to - from);
		switch (o->last) {
		case STATUS_PARTIAL_OUTAGE:
			total = &d->partial;
			break;
		case STATUS_MAJOR_OUTAGE:
			total = &d->major;
			break;
		case STATUS_DEGRADED_PERFORMANCE:
			total = &d->degraded;
			break;
		case STATUS_UNDER_MAINTENANCE:
			total = &d->maintenance;
			break;
		case STATUS_OPERATIONAL:
			break;
		}
		if (total != NULL)
			*total += tail;
	}
	cap(&d->partial, d->data_seconds);
	cap(&d->major, d->data_seconds);
	cap(&d->degraded, d->data_seconds);
	cap(&d->maintenance, d->data_seconds);
}

void
uptime_add(struct uptime_sum *sum, const struct uptime_day *d)
{
	sum->data_seconds += d->data_seconds;
	sum->partial += d->partial;
	sum->major += d->major;
}

long
uptime_hundredths(const struct uptime_sum *s)
{
	long long	total, down, h;

	if (s->data_seconds <= 0)
		return -1;
	/* In tenths of seconds, so the 30% weight stays an integer. */
	total = s->data_seconds * 10;
	down = s->major * 10 + s->partial * 3;
	if (down >= total)
		return 0;
	/* Rounded down, so any downtime at all never reads as 100%. */
	h = (total - down) * 10000 / total;
	return (long)h;
}

void
uptime_format(char *buf, size_t size, const struct uptime_sum *s)
{
	long	h = uptime_hundredths(s);

	if (h < 0)
		snprintf(buf, size, "No data");
	else if (h == 10000)
		snprintf(buf, size, "100.0%%");
	else
		snprintf(buf, size, "%ld.%02ld%%", h / 100, h % 100);
}

enum uptime_level
uptime_level(const struct uptime_day *d)
{
	if (d->data_seconds <= 0)
		return UPTIME_NODATA;
	if (d->major > 0)
		return UPTIME_MAJOR;
	if (d->partial > 0)
		return UPTIME_PARTIAL;
	if (d->degraded > 0)
		return UPTIME_DEGRADED;
	if (d->maintenance > 0)
		return UPTIME_MAINTENANCE;
	return UPTIME_OK;
}

const char *
uptime_level_name(enum uptime_level l)
{
	static const char *const names[] = {
		[UPTIME_NODATA] = "nodata",
		[UPTIME_OK] = "ok",
		[UPTIME_MAINTENANCE] = "maintenance",
		[UPTIME_DEGRADED] = "degraded",
		[UPTIME_PARTIAL] = "partial",
		[UPTIME_MAJOR] = "major",
	};

	return names[l];
}

void
uptime_duration(char *buf, size_t size, long long s)
{
	long long	m = (s + 59) / 60;	/* a started minute counts */

	if (s <= 0)
		snprintf(buf, size, "0 min");
	else if (m < 60)
		snprintf(buf, size, "%lld min", m);
	else if (m < 24 * 60 && m % 60 != 0)
		snprintf(buf, size, "%lld h %lld min", m / 60, m % 60);
	else if (m < 24 * 60)
		snprintf(buf, size, "%lld h", m / 60);
	else if ((m / 60) % 24 != 0)
		snprintf(buf, size, "%lld d %lld h", m / (24 * 60), (m / 60) % 24);
	else
		snprintf(buf, size, "%lld d", m / (24 * 60));
}
