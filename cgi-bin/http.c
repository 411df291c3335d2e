/* http.c: one request and its response, and the one writer of headers */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "escape.h"
#include "hash.h"
#include "http.h"
#include "log.h"

static const struct {
	const char		*name;
	enum http_method	 method;
} methods[] = {
	{ "GET",	HTTP_GET },
	{ "HEAD",	HTTP_HEAD },
	{ "POST",	HTTP_POST },
	{ "PUT",	HTTP_PUT },
	{ "PATCH",	HTTP_PATCH },
	{ "DELETE",	HTTP_DELETE },
	{ "OPTIONS",	HTTP_OPTIONS },
};

enum http_method
http_method_parse(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(s, methods[i].name) == 0)
			return methods[i].method;
	return HTTP_OTHER;
}

const char *
http_allow_header(struct arena *a, unsigned mask)
{
	struct buf	b;
	size_t		i;

	buf_init(&b, a);
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		if (!(mask & methods[i].method))
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, methods[i].name);
	}
	return b.data;
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

void
response_init(struct response *resp, struct arena *a)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = 200;
	resp->content_type = "text/html; charset=utf-8";
	buf_init(&resp->body, a);
}

void
http_etag_of(const char *body, size_t len, const char *suffix, char *out,
    size_t outlen)
{
	snprintf(out, outlen, "\"%016llx%s\"",
	    (unsigned long long)hash_bytes(body, len), suffix);
}

int
http_accepts_gzip(const char *h)
{
	const char	*p = h, *end, *q;
	size_t		 n;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		end = strchr(p, ',');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if ((strncasecmp(p, "gzip", 4) == 0 || strncasecmp(p, "x-gzip", 6) == 0) &&
		    strcspn(p, " \t;,") == (p[0] == 'x' || p[0] == 'X' ? 6u : 4u)) {
			/* "gzip;q=0", "gzip; q=0.000": refused; any other q takes it. */
			q = memchr(p, ';', n);
			while (q != NULL && (*++q == ' ' || *q == '\t'))
				continue;
			if (q != NULL && (q[0] == 'q' || q[0] == 'Q') && q[1] == '=') {
				for (q += 2; *q == '0' || *q == '.'; q++)
					continue;
				return !(*q == '\0' || *q == ',' || *q == ' ' ||
				    *q == ';' || *q == '\t');
			}
			return 1;
		}
		p = end;
	}
	return 0;
}

int
http_etag_match(const char *list, const char *etag)
{
	const char	*p = list, *end;
	size_t		 n;

	/* The weak comparison: W/"x" matches "x". */
	if (strncmp(etag, "W/", 2) == 0)
		etag += 2;
	n = strlen(etag);
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"')
			return 0;
		if ((end = strchr(p + 1, '"')) == NULL)
			return 0;
		if ((size_t)(end + 1 - p) == n && memcmp(p, etag, n) == 0)
			return 1;
		p = end + 1;
	}
	return 0;
}

void
http_conditional(const struct request *req, struct response *resp)
{
	time_t	since;
	int	fresh = 0;

	if (resp->status != 200 ||
	    (req->method != HTTP_GET && req->method != HTTP_HEAD))
		return;
	/* A rendition comes with its tags; anything else is tagged here. */
	if (resp->etag[0] == '\0')
		http_etag_of(resp->body.data, resp->body.len, "", resp->etag,
		    sizeof(resp->etag));
	if (req->if_none_match != NULL)
		fresh = http_etag_match(req->if_none_match, resp->etag);
	else if (req->if_modified_since != NULL && resp->last_modified != 0 &&
	    clock_http_date_parse(req->if_modified_since, &since) == 0)
		fresh = resp->last_modified <= since;
	if (fresh) {
		resp->status = 304;
		resp->body.len = 0;
		resp->body.data[0] = '\0';
		resp->data = NULL;
		resp->data_len = 0;
	}
}

/*
 * "Name: value\r\n", or nothing if value holds a line break or another
 * control byte: a header line is never split, whatever reaches a value.
 * Each value is the program's own today (types, tags, policies, paths it
 * checked); this keeps it so by construction.
 */
static void
header(struct buf *out, const char *name, const char *value)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)value; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
			log_warnx("%s header left out: a control byte in its value",
			    name);
			return;
		}
	buf_puts(out, name);
	buf_puts(out, ": ");
	buf_puts(out, value);
	buf_puts(out, "\r\n");
}

void
http_render(const struct request *req, const struct response *resp,
    struct buf *out)
{
	size_t		 len = resp->data != NULL ? resp->data_len : resp->body.len;
	char		 date[30];

	buf_printf(out, "Status: %d %s\r\n", resp->status,
	    http_reason(resp->status));
	/* A 304 carries the validators and caching rules, but no body. */
	if (resp->status != 304) {
		header(out, "Content-Type", resp->content_type);
		buf_printf(out, "Content-Length: %zu\r\n", len);
		if (resp->encoding != NULL)
			header(out, "Content-Encoding", resp->encoding);
	}
	if (resp->vary)
		buf_puts(out, "Vary: Accept-Encoding\r\n");
	if (resp->etag[0] != '\0')
		header(out, "ETag", resp->etag);
	if (resp->last_modified != 0) {
		clock_http_date(resp->last_modified, date);
		header(out, "Last-Modified", date);
	}
	if (resp->cache_control != NULL)
		header(out, "Cache-Control", resp->cache_control);
	if (req->data_age >= 0)
		buf_printf(out, "Lantern-Data-Age: %lld\r\n", req->data_age);
	/* Whatever failed (the database, memory) is worth another try soon. */
	if (resp->status == 503)
		buf_printf(out, "Retry-After: %d\r\n", HTTP_RETRY_AFTER);
	else if (resp->retry_after > 0)
		buf_printf(out, "Retry-After: %d\r\n", resp->retry_after);
	if (resp->location != NULL)
		header(out, "Location", resp->location);
	if (resp->set_cookie != NULL)
		header(out, "Set-Cookie", resp->set_cookie);
	/*
	 * Public JSON and feeds are read by widgets on other sites; they carry
	 * no credentials and nothing private, so any origin may read them.
	 */
	if (resp->authenticate)
		buf_puts(out, "WWW-Authenticate: Bearer realm=\"lantern\"\r\n");
	if (resp->cors)
		buf_puts(out, "Access-Control-Allow-Origin: *\r\n");
	if (resp->allow != 0)
		header(out, "Allow", http_allow_header(req->arena, resp->allow));
	buf_puts(out, "\r\n");
}

const char *
http_body(const struct request *req, const struct response *resp, size_t *len)
{
	*len = 0;
	if (req->method == HTTP_HEAD || resp->status == 304)
		return "";
	*len = resp->data != NULL ? resp->data_len : resp->body.len;
	return resp->data != NULL ? resp->data : resp->body.data;
}
