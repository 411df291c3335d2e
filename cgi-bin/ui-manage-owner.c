/* ui-manage-owner.c: what the owner's screens share (manage-owner.h) */
#include <string.h>

#include "buf.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "fmt.h"
#include "http.h"
#include "manage-owner.h"
#include "manage.h"
#include "snapshot.h"
#include "write.h"

const char *
owner_page(struct request *req, struct response *resp)
{
	if (req->snap != NULL && req->snap->has_page)
		return req->snap->model.page.id;
	http_db_unavailable(req, resp);
	return NULL;
}

void
owner_time(struct buf *b, const struct request *req, const PGresult *res,
    int row, const char *prefix, const char *never)
{
	struct moment	m = db_moment(req->arena, res, row, prefix);

	if (m.iso == NULL)
		buf_fmt(b, "%h", never);
	else
		buf_fmt(b, "<time datetime=\"%a\">%h</time>", m.iso, m.display);
}

void
owner_refusal(struct buf *b, const struct write_outcome *out)
{
	if (out != NULL && out->message != NULL)
		buf_fmt(b, "<p class=\"form-error\" id=\"refusal\" "
		    "role=\"alert\">%h</p>\n", out->message);
}

void
owner_invalid(struct buf *b, const struct write_outcome *out,
    const char *field, const char *hint)
{
	int	bad = out != NULL && out->field != NULL &&
		    strcmp(out->field, field) == 0;

	if (bad)
		buf_puts(b, " aria-invalid=\"true\"");
	if (bad && hint != NULL)
		buf_fmt(b, " aria-describedby=\"%a refusal\"", hint);
	else if (hint != NULL)
		buf_fmt(b, " aria-describedby=\"%a\"", hint);
	else if (bad)
		buf_puts(b, " aria-describedby=\"refusal\"");
}

const char *
owner_field(const struct request *req, const char *name)
{
	const char	*v = manage_field(req, name);

	return v != NULL ? v : "";
}

void
owner_confirm(struct buf *b, const struct request *req, const char *action,
    const char *question, const char *verb, const char *back)
{
	const char	*bp = req->cfg->base_path;

	buf_fmt(b, "<p>%h</p>\n<form method=\"post\" class=\"confirm\" "
	    "action=\"%a/manage%a\">", question, bp, action);
	manage_form_tokens(b, req);
	buf_fmt(b, "<button type=\"submit\" class=\"danger\">%h</button>\n"
	    "<a class=\"button-link\" href=\"%a/manage%a\">Cancel</a></form>\n",
	    verb, bp, back);
}
