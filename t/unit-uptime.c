/* unit-uptime.c: the uptime formula, its weighting and its rounding */
#include "uptime.h"
#include "tap.h"

#define DAY	86400L

static const char *
pct(long data, long partial, long major)
{
	static char		buf[32];
	struct uptime_sum	s = { data, partial, major };

	uptime_format(buf, sizeof(buf), &s);
	return buf;
}

/* A month of whole days, with some downtime on one of them. */
static const char *
month(int days, long day_len_change, long partial, long major)
{
	static char		buf[32];
	struct uptime_sum	s = { 0, 0, 0 };
	struct uptime_day	d = { 0 };
	int			i;

	for (i = 0; i < days; i++) {
		d.day_seconds = d.data_seconds = DAY + (i == 10 ? day_len_change : 0);
		d.partial = i == 20 ? partial : 0;
		d.major = i == 20 ? major : 0;
		uptime_add(&s, &d);
	}
	uptime_format(buf, sizeof(buf), &s);
	return buf;
}

int
main(void)
{
	struct uptime_day	d = { 0 };
	struct uptime_sum	s = { 0, 0, 0 };
	char			buf[32];

	is_str(pct(DAY, 0, 0), "100.0%", "no downtime: 100.0%%");
	is_str(month(28, 0, 0, 8 * 60), "99.98%", "8 min major in February: 99.98%%");
	is_str(month(31, 0, 0, 298 * 60), "99.33%", "298 min major in January: 99.33%%");
	is_str(month(31, 0, 0, 300 * 60), "99.32%", "5 h in January rounds down to 99.32%%");
	is_str(month(31, 0, 100 * 60, 0), "99.93%",
	    "100 min partial weighs like 30 min major");
	is_str(month(31, 0, 0, 30 * 60), "99.93%", "30 min major");
	is_str(pct(30 * DAY, 1, 0), "99.99%", "one second of partial outage is not 100%%");
	is_str(pct(90 * DAY, 0, 1), "99.99%", "one second of major outage in 90 days is not 100%%");
	is_str(pct(DAY, 0, DAY), "0.00%", "a whole day down");
	is_str(pct(DAY, DAY, 0), "70.00%", "a whole day partially down: 70%%");
	is_str(pct(0, 0, 0), "No data", "no data is not 100%%");
	/* A DST month: one 23-hour day.  298 min over 30 days + 23 h. */
	is_str(month(31, -3600, 0, 298 * 60), "99.33%", "March with a 23-hour day");
	is_str(month(31, 3600, 0, 298 * 60), "99.33%", "October with a 25-hour day");
	s.data_seconds = 31 * DAY - 3600;
	s.major = 298 * 60;
	is_int(uptime_hundredths(&s), 9933, "hundredths with a 23-hour day");
	s.data_seconds = 100;
	s.major = 200;
	is_int(uptime_hundredths(&s), 0, "downtime beyond the window clamps to 0");

	/* Start dates: days without data leave the window instead of counting as up. */
	s = (struct uptime_sum){ 0, 0, 0 };
	d.day_seconds = DAY;
	d.data_seconds = 0;
	uptime_add(&s, &d);
	d.data_seconds = DAY;
	d.major = 864;
	uptime_add(&s, &d);
	uptime_format(buf, sizeof(buf), &s);
	is_str(buf, "99.00%", "a day before the start does not dilute the downtime");

	d = (struct uptime_day){ .day_seconds = DAY, .data_seconds = 0 };
	is_str(uptime_level_name(uptime_level(&d)), "nodata", "no data");
	d.data_seconds = DAY;
	is_str(uptime_level_name(uptime_level(&d)), "ok", "all up");
	d.maintenance = 60;
	is_str(uptime_level_name(uptime_level(&d)), "maintenance", "maintenance");
	d.degraded = 60;
	is_str(uptime_level_name(uptime_level(&d)), "degraded", "degraded beats maintenance");
	d.partial = 60;
	is_str(uptime_level_name(uptime_level(&d)), "partial", "partial beats degraded");
	d.major = 60;
	is_str(uptime_level_name(uptime_level(&d)), "major", "major beats all");

	uptime_duration(buf, sizeof(buf), 0);
	is_str(buf, "0 min", "no time");
	uptime_duration(buf, sizeof(buf), 1);
	is_str(buf, "1 min", "a started minute counts");
	uptime_duration(buf, sizeof(buf), 8 * 60);
	is_str(buf, "8 min", "8 minutes");
	uptime_duration(buf, sizeof(buf), 298 * 60);
	is_str(buf, "4 h 58 min", "4 h 58 min");
	uptime_duration(buf, sizeof(buf), 2 * 3600);
	is_str(buf, "2 h", "whole hours");
	uptime_duration(buf, sizeof(buf), 51 * 3600);
	is_str(buf, "2 d 3 h", "days and hours");

	/* Completing a day: its length, the part with data, the open span. */
	{
		const long long		us = 1000000, day0 = 1000LL * DAY * us;
		struct uptime_open	o = { NULL, 1, STATUS_PARTIAL_OUTAGE,
		    day0 + 3600 * us, day0 + 25 * 3600 * us };
		struct uptime_day	c = { "2001-09-09", 0, 0, 0, 0, 0, 0,
		    NULL, 0 };

		c.major = 600;
		uptime_complete(&c, day0, day0 + 25 * 3600 * us, &o);
		is_int(c.day_seconds, 90000, "the day summer time ends is 25 h");
		is_int(c.data_seconds, 90000, "all of it has data");
		is_int(c.partial, 24 * 3600, "the open partial outage from 01:00");
		is_int(c.major, 600, "the stored major outage stays");

		c = (struct uptime_day){ "2001-09-09", 0, 0, 0, 0, 0, 0, NULL, 0 };
		o.now_us = day0 + 10 * 3600 * us + us / 2;
		uptime_complete(&c, day0, day0 + 23 * 3600 * us, &o);
		is_int(c.day_seconds, 82800, "the day summer time starts is 23 h");
		is_int(c.data_seconds, 36001, "data up to now, half a second up");
		is_int(c.partial, 32401, "the open span up to now");

		c = (struct uptime_day){ "2001-09-09", 0, 0, 0, 5000, 0, 0,
		    NULL, 0 };
		o.start_day = "2001-09-10";
		uptime_complete(&c, day0, day0 + DAY * us, &o);
		is_int(c.data_seconds, 0, "before its start day: no data");
		ok(c.partial == 0 && c.major == 0, "and so no downtime");
		c = (struct uptime_day){ "2001-09-10", 0, 0, 0, 5000, 0, 0,
		    NULL, 0 };
		uptime_complete(&c, day0, day0 + DAY * us, &o);
		is_int(c.data_seconds, 36001, "on its start day: data up to now");
		is_int(c.partial, 32401, "and the open partial outage counts");

		c = (struct uptime_day){ "2001-09-09", 0, 0, 0, 0, 0, 0, NULL, 0 };
		o.start_day = NULL;
		o.last = STATUS_OPERATIONAL;
		uptime_complete(&c, day0, day0 + DAY * us, &o);
		ok(c.partial == 0 && c.major == 0 && c.degraded == 0 &&
		    c.maintenance == 0, "an operational open span adds nothing");

		c = (struct uptime_day){ "2001-09-09", 0, 0, 0, 0, 0, 0, NULL, 0 };
		o.last = STATUS_MAJOR_OUTAGE;
		o.last_us = day0 + 3600 * us;
		o.now_us = o.last_us + us * 3 / 10;
		uptime_complete(&c, day0, day0 + DAY * us, &o);
		is_int(c.major, 1, "an outage of 0.3 s so far counts as a second");
		is_int(c.data_seconds, 3600, "while the data rounds to the nearest");
	}
	return done_testing();
}
