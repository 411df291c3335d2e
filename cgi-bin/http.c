/* http.c: one request and its response, and the one writer of headers */
#include <string.h>
#include <strings.h>

#include <json.h>

#include "arena.h"
#include "buf.h"
#include "escape.h"
#include "http.h"
#include "page.h"

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
	case 204: return "No Content";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
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
http_error(const struct request *req, struct response *resp, int status,
    const char *message)
{
	json_object	*o;

	resp->status = status;
	resp->cache_control = "no-store";
	resp->body.len = 0;
	resp->body.data[0] = '\0';
	if (req->wants_json) {
		o = json_object_new_object();
		json_object_object_add(o, "error",
		    json_object_new_string(message));
		resp->content_type = "application/json";
		buf_puts(&resp->body, json_object_to_json_string_ext(o,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		buf_putc(&resp->body, '\n');
		json_object_put(o);
		return;
	}
	resp->content_type = "text/html; charset=utf-8";
	page_error(&resp->body, req, status, http_reason(status), message);
}

void
http_render(const struct request *req, const struct response *resp,
    struct buf *out)
{
	buf_printf(out, "Status: %d %s\r\n", resp->status,
	    http_reason(resp->status));
	buf_printf(out, "Content-Type: %s\r\n", resp->content_type);
	buf_printf(out, "Content-Length: %zu\r\n", resp->body.len);
	if (resp->cache_control != NULL)
		buf_printf(out, "Cache-Control: %s\r\n", resp->cache_control);
	if (resp->allow != 0)
		buf_printf(out, "Allow: %s\r\n",
		    http_allow_header(req->arena, resp->allow));
	buf_puts(out, "\r\n");
	if (req->method != HTTP_HEAD)
		buf_append(out, resp->body.data, resp->body.len);
}
