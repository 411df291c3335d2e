/*
 * ui-manage-settings.c: the page's name, URL and time zone, under
 * /manage/settings.  Owners only (ROUTE_OWNER).
 */
#include "arena.h"
#include "buf.h"
#include "config.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "manage-owner.h"
#include "manage.h"
#include "snapshot.h"
#include "write.h"

/* One input: the value typed if the form came back refused, else the page's. */
static void
setting(struct buf *b, const struct request *req,
    const struct write_outcome *out, const char *name, const char *label,
    const char *type, const char *now, const char *hint)
{
	const char	*v = out != NULL ? owner_field(req, name) : now;

	buf_fmt(b, "<label for=\"page-%a\">%h</label>\n", name, label);
	if (hint != NULL)
		buf_fmt(b, "<span class=\"hint\" id=\"page-%a-hint\">%h</span>\n",
		    name, hint);
	buf_fmt(b, "<input type=\"%a\" id=\"page-%a\" name=\"%a\" required "
	    "value=\"%a\"", type, name, name, v);
	owner_invalid(b, out, arena_printf(req->arena, "page.%s", name),
	    hint != NULL ? arena_printf(req->arena, "page-%s-hint", name) : NULL);
	buf_puts(b, ">\n");
}

static void
settings_screen(struct request *req, struct response *resp,
    const struct write_outcome *out)
{
	struct buf		*b = &resp->body;
	const struct page	*p;

	if (owner_page(req, resp) == NULL)
		return;
	p = &req->snap->model.page;
	manage_open(b, req, "Page settings");
	buf_puts(b, "<h1>Page settings</h1>\n");
	owner_refusal(b, out);
	buf_fmt(b, "<form method=\"post\" class=\"stack\" "
	    "action=\"%a/manage/settings\">", req->cfg->base_path);
	manage_form_tokens(b, req);
	setting(b, req, out, "name", "Name", "text", p->name,
	    "As the page's title and the feeds show it.");
	setting(b, req, out, "url", "URL", "url", p->url,
	    "The page's address, http:// or https://, without a slash at the end.");
	setting(b, req, out, "time_zone", "Time zone", "text", p->time_zone,
	    "An IANA name such as UTC, Europe/Berlin or America/New_York: "
	    "times and uptime days are shown in it.");
	buf_puts(b, "<button type=\"submit\">Save</button></form>\n");
	manage_close(b, req);
}

/* GET /manage/settings: the form, with the page as the snapshot holds it.  200; 503. */
void
ui_manage_settings(struct request *req, struct response *resp)
{
	settings_screen(req, resp, NULL);
}

/*
 * POST /manage/settings (name, url, time_zone): the page's settings, as
 * one audited write; 303 back once the snapshot (and so /) shows them.
 * The form again, as typed, with the refusal (4xx) naming the field.
 */
void
ui_manage_settings_save(struct request *req, struct response *resp)
{
	static const char *const fields[] = { "name", "url", "time_zone" };
	json_object		*body = json_own(req->arena, json_object_new_object());
	json_object		*p = json_object_new_object();
	struct write_outcome	 out;
	const char		*v, *ids[1];
	size_t			 i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if ((v = manage_field(req, fields[i])) != NULL)
			json_object_object_add(p, fields[i],
			    json_object_new_string(v));
	json_object_object_add(body, "page", p);
	/* The page is the write's target too, as its own path would name it. */
	if ((ids[0] = owner_page(req, resp)) == NULL)
		return;
	if (manage_write(req, resp, &owner_page_update, ids, 1, body, &out) == 0)
		manage_redirect(req, resp, "/manage/settings");
	else
		settings_screen(req, resp, &out);
}
