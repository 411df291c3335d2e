/* unit-http.c: conditional GET, dates and query strings */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "http.h"
#include "query.h"
#include "tap.h"

/* A 200 answer with a fixed body, run through http_conditional(). */
static int
answer(struct arena *a, enum http_method m, const char *inm, const char *ims,
    time_t last_modified, struct response *resp)
{
	struct request	req;

	memset(&req, 0, sizeof(req));
	req.arena = a;
	req.method = m;
	req.if_none_match = inm;
	req.if_modified_since = ims;
	response_init(resp, a);
	buf_puts(&resp->body, "<p>hello</p>");
	resp->last_modified = last_modified;
	http_conditional(&req, resp);
	return resp->status;
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct response	 resp;
	char		 date[30], etag[24];
	time_t		 t;
	long		 page;
	int		 month;

	is_int(answer(a, HTTP_GET, NULL, NULL, 0, &resp), 200, "plain GET is 200");
	ok(resp.etag[0] == '"' && strlen(resp.etag) == 18, "strong ETag set: %s", resp.etag);
	strcpy(etag, resp.etag);
	is_int(answer(a, HTTP_GET, etag, NULL, 0, &resp), 304, "matching If-None-Match: 304");
	is_int((long)resp.body.len, 0, "304 has no body");
	is_int(answer(a, HTTP_HEAD, etag, NULL, 0, &resp), 304, "HEAD too");
	is_int(answer(a, HTTP_GET, "\"other\"", NULL, 0, &resp), 200, "other tag: 200");
	is_int(answer(a, HTTP_GET, "\"a\", W/", NULL, 0, &resp), 200, "malformed list: 200");
	is_int(answer(a, HTTP_GET, "*", NULL, 0, &resp), 304, "* matches");
	is_int(answer(a, HTTP_POST, etag, NULL, 0, &resp), 200, "not for POST");

	clock_http_date(784111777, date);
	is_str(date, "Sun, 06 Nov 1994 08:49:37 GMT", "IMF-fixdate");
	ok(clock_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT", &t) == 0 && t == 784111777,
	    "IMF-fixdate parsed");
	ok(clock_http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", &t) == -1,
	    "obsolete format refused");
	ok(clock_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT junk", &t) == -1,
	    "trailing junk refused");

	is_int(answer(a, HTTP_GET, NULL, date, 784111777, &resp), 304,
	    "If-Modified-Since at Last-Modified: 304");
	is_int(answer(a, HTTP_GET, NULL, date, 784111778, &resp), 200,
	    "changed since: 200");
	is_int(answer(a, HTTP_GET, "\"other\"", date, 784111777, &resp), 200,
	    "If-None-Match wins over If-Modified-Since (RFC 9110)");
	is_int(answer(a, HTTP_GET, NULL, "yesterday", 784111777, &resp), 200,
	    "unparsable date ignored");
	is_int(answer(a, HTTP_GET, NULL, date, 0, &resp), 200,
	    "no Last-Modified: no 304 by date");

	ok(http_etag_match("W/\"x\"", "\"x\""), "weak comparison");
	ok(http_etag_match("\"a\", \"x\"", "\"x\""), "second in a list");
	ok(!http_etag_match("\"xx\"", "\"x\""), "no prefix match");
	ok(!http_etag_match("\"abc1\"", "\"abc2\""),
	    "a tag that differs in its last character does not match");
	ok(!http_etag_match("W/\"abc1\", \"abd2\"", "\"abc2\""),
	    "nor does any of a list that differ only at the end");

	is_str(query_get(a, "from=2026-01", "from"), "2026-01", "a key");
	is_str(query_get(a, "a=1&from=2026%2D01&from=x", "from"), "2026-01",
	    "decoded, first wins");
	is_str(query_get(a, "fromage=1", "from"), NULL, "no prefix match");
	is_str(query_get(a, "from", "from"), "", "key without value");
	is_str(query_get(a, "q=a+b%zz%4", "q"), "a b%zz%4", "bad escapes kept");
	is_str(query_get(a, "", "from"), NULL, "empty query");
	is_str(query_get(a, "from=2026-01%00", "from"), "2026-01%00", "%%00 is not decoded");

	ok(clock_month_parse("2026-01", &month) == 0 && month == 2026 * 12,
	    "clock_month_parse: YYYY-MM as months");
	ok(clock_month_parse("1970-01", &month) == 0 && month == 1970 * 12,
	    "clock_month_parse: from 1970-01");
	ok(clock_month_parse("1969-12", &month) == -1, "clock_month_parse: not before 1970");
	ok(clock_month_parse("2026-13", &month) == -1 && clock_month_parse("2026-00", &month) == -1,
	    "clock_month_parse: months 1 to 12");
	ok(clock_month_parse("2026-1", &month) == -1 && clock_month_parse("2026-011", &month) == -1 &&
	    clock_month_parse("2026/01", &month) == -1 && clock_month_parse("", &month) == -1,
	    "clock_month_parse: exactly YYYY-MM");
	ok(query_page("1", 5, &page) == 0 && page == 1, "query_page: 1");
	ok(query_page("5", 5, &page) == 0 && page == 5, "query_page: max");
	ok(query_page("6", 5, &page) == -1, "query_page: past max");
	ok(query_page("0", 5, &page) == -1 && query_page("01", 5, &page) == -1,
	    "query_page: no zero, no leading zero");
	ok(query_page("+1", 5, &page) == -1 && query_page("1x", 5, &page) == -1 &&
	    query_page("", 5, &page) == -1, "query_page: digits only");
	ok(query_page("1000000000", 2000000000, &page) == -1,
	    "query_page: at most 9 digits");

	/* A header value with a line break is left out, never split. */
	{
		struct request	req;
		struct buf	out;

		memset(&req, 0, sizeof(req));
		req.arena = a;
		req.data_age = -1;
		response_init(&resp, a);
		resp.location = "/manage/\r\nSet-Cookie: stolen=1";
		buf_init(&out, a);
		http_render(&req, &resp, &out);
		ok(strstr(out.data, "stolen") == NULL && strstr(out.data, "Location") == NULL,
		    "a Location with CR LF in it is left out, not split into two headers");
		ok(strstr(out.data, "\r\n\r\n") != NULL, "  and the header block still ends");
		resp.location = "/manage/incidents";
		buf_init(&out, a);
		http_render(&req, &resp, &out);
		ok(strstr(out.data, "\r\nLocation: /manage/incidents\r\n") != NULL,
		    "a plain Location is written");
	}
	arena_free(a);
	return done_testing();
}
