/*
 * http-error.c: every error answer, in the shape the client asked for:
 * {"error", "field"} JSON, or the HTML error page page.c draws.  Apart
 * from http.c, so the header writer and the page frame do not include
 * each other.
 */
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "http-error.h"
#include "http.h"
#include "page.h"

void
http_error_field(const struct request *req, struct response *resp, int status,
    const char *message, const char *field)
{
	json_object	*o;

	resp->status = status;
	resp->cache_control = "no-store";
	if (strncmp(req->path, "/api/", 5) == 0)
		resp->cors = 1;
	resp->body.len = 0;
	resp->body.data[0] = '\0';
	if (req->wants_json) {
		o = json_object_new_object();
		json_object_object_add(o, "error",
		    json_object_new_string(message));
		if (field != NULL)
			json_object_object_add(o, "field",
			    json_object_new_string(field));
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
http_no_page(const struct request *req, struct response *resp)
{
	http_error(req, resp, 503, "This status page has not been set up yet: "
	    "the database holds no page.");
}

void
http_db_unavailable(const struct request *req, struct response *resp)
{
	http_error(req, resp, 503, "The status page cannot read its database "
	    "right now. Please try again in a moment.");
	resp->db_unavailable = 1;
}

void
http_error(const struct request *req, struct response *resp, int status,
    const char *message)
{
	http_error_field(req, resp, status, message, NULL);
}
