/*
 * fuzz-http.c: libFuzzer target for the request headers Lantern reads
 * (If-None-Match, If-Modified-Since, Accept-Encoding), for the RFC 3339
 * times and dates of the write API, and for clock.c's forms of a time.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "http.h"
#include "input.h"
#include "page.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* http.c's error pages are never made here; page.c would bring the site. */
void
page_error(struct buf *b, const struct request *req, int status,
    const char *reason, const char *message)
{
	(void)b;
	(void)req;
	(void)status;
	(void)reason;
	(void)message;
	__builtin_trap();
}

static void
etags(struct arena *a, const char *h)
{
	static const char *const tags[] = { "\"0123456789abcdef\"",
	    "\"0123456789abcdef-gzip\"", "W/\"x\"", "\"\"" };
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		(void)http_etag_match(h, tags[i]);
		/* Named first in the list, a tag always matches. */
		buf_init(&b, a);
		buf_printf(&b, "%s, %s", tags[i], h);
		if (!http_etag_match(b.data, tags[i]))
			__builtin_trap();
	}
}

static void
dates(const char *h)
{
	struct tm	tm;
	time_t		t, back;
	char		text[30];

	if (clock_http_date_parse(h, &t) == -1)
		return;
	/* What parses, written again, parses to the same instant. */
	if (gmtime_r(&t, &tm) == NULL)
		return;
	clock_http_date(t, text);
	if (clock_http_date_parse(text, &back) == -1 || back != t)
		__builtin_trap();
}

/* Whatever the headers say, a 304 has no body, a 200 its own. */
static void
conditional(struct arena *a, const char *h, int inm)
{
	struct request	req;
	struct response	resp;

	memset(&req, 0, sizeof(req));
	req.arena = a;
	req.path = "/api/v2/status.json";
	req.query = "";
	req.method = HTTP_GET;
	req.data_age = -1;
	if (inm)
		req.if_none_match = h;
	else
		req.if_modified_since = h;
	response_init(&resp, a);
	buf_puts(&resp.body, "{\"status\": \"ok\"}\n");
	resp.last_modified = 1767225600;	/* 2026-01-01 */
	http_conditional(&req, &resp);
	if (resp.status == 304 ? resp.body.len != 0 :
	    resp.status != 200 || resp.body.len != 17)
		__builtin_trap();
	if (resp.etag[0] != '"' || memchr(resp.etag, '\0',
	    sizeof(resp.etag)) == NULL)
		__builtin_trap();
}

/* input_time and input_date: what they take has their form. */
static void
times(const char *h, size_t n)
{
	struct input_error	 err;
	json_object		*obj;
	const char		*s;
	int			 y;

	obj = json_object_new_object();
	json_object_object_add(obj, "t", json_object_new_string_len(h, (int)n));
	memset(&err, 0, sizeof(err));
	if (input_time(obj, "", "t", 1, &s, &err) == 0) {
		y = atoi(s);
		if (n < 17 || n > 32 || s[4] != '-' || s[10] != 'T' ||
		    y < 1969 || y > 9999 || strlen(s) != n)
			__builtin_trap();
	} else if (err.status != 422)
		__builtin_trap();
	memset(&err, 0, sizeof(err));
	if (input_date(obj, "", "t", 1, &s, &err) == 0) {
		y = atoi(s);
		if (n != 10 || s[4] != '-' || s[7] != '-' || y < 1970 ||
		    strlen(s) != n)
			__builtin_trap();
	} else if (err.status != 422)
		__builtin_trap();
	json_object_put(obj);
}

/*
 * clock.c's forms of an instant (its milliseconds and zone offset taken
 * from the input's first bytes): the ISO form is an RFC 3339 time that
 * input_time takes back, where the write API could have stored it.
 */
static void
moments(struct arena *a, const uint8_t *data, size_t size, const char *h)
{
	struct input_error	 err;
	struct moment		 m;
	json_object		*obj;
	const char		*s;
	long long		 ms;
	int32_t			 off;

	if (size < sizeof(ms) + sizeof(off))
		return;
	memcpy(&ms, data, sizeof(ms));
	memcpy(&off, data + sizeof(ms), sizeof(off));
	m = clock_moment(a, ms, off);
	if ((m.iso == NULL) != (m.display == NULL))
		__builtin_trap();
	if (m.iso != NULL && ms >= 0 && ms <= 253402300799999LL &&
	    off % 60 == 0 && off >= -14 * 3600 && off <= 14 * 3600) {
		obj = json_object_new_object();
		json_object_object_add(obj, "t", json_object_new_string(m.iso));
		memset(&err, 0, sizeof(err));
		if (input_time(obj, "", "t", 1, &s, &err) != 0)
			__builtin_trap();
		json_object_put(obj);
	}
	(void)clock_day_add(a, h, off % 1000);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	char		*h;

	/* A block of its own size, so ASan sees a read past the end. */
	if ((h = malloc(size + 1)) == NULL)
		return 0;
	memcpy(h, data, size);
	h[size] = '\0';
	a = arena_new();
	etags(a, h);
	dates(h);
	(void)http_accepts_gzip(h);
	conditional(a, h, 1);
	conditional(a, h, 0);
	times(h, strlen(h));
	moments(a, data, size, h);
	arena_free(a);
	free(h);
	return 0;
}
