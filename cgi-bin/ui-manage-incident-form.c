/* ui-manage-incident-form.c: the fields the console's incident forms share */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fmt.h"
#include "http.h"
#include "manage.h"
#include "manage-incident.h"
#include "model.h"
#include "notices.h"
#include "snapshot.h"
#include "status.h"
#include "write.h"

int
incform_page(struct request *req, struct response *resp)
{
	if (req->snap == NULL)
		http_db_unavailable(req, resp);
	else if (!req->snap->has_page)
		http_no_page(req, resp);
	else
		return 1;
	return 0;
}

void
incform_refusal(struct buf *b, const struct write_outcome *out)
{
	buf_puts(b, "<div id=\"form-error\">\n");
	manage_refusal(b, out);
	buf_puts(b, "</div>\n");
}

static int
refused(const struct write_outcome *out, const char *api)
{
	size_t	n = strlen(api);

	if (out == NULL || out->field == NULL)
		return 0;
	return n > 0 && api[n - 1] == '.' ? strncmp(out->field, api, n) == 0 ||
	    strncmp(out->field, api, n - 1) == 0 : strcmp(out->field, api) == 0;
}

void
incform_invalid(struct buf *b, const struct write_outcome *out, const char *api)
{
	if (refused(out, api))
		buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"form-error\"");
}

const char *
incform_field(const struct request *req, const char *name)
{
	const char	*v = manage_field(req, name);

	return v != NULL ? v : "";
}

void
incform_add(json_object *o, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		json_object_object_add(o, key, json_object_new_string(s));
}

void
incform_text(struct buf *b, const char *id, const char *label,
    const char *value, int maxlength, const struct write_outcome *out,
    const char *api)
{
	buf_fmt(b, "<label for=\"%a\">%h</label>\n<input type=\"text\" id=\"%a\" "
	    "name=\"%a\" value=\"%a\" maxlength=\"%d\"", id, label, id, id,
	    value != NULL ? value : "", maxlength);
	incform_invalid(b, out, api);
	buf_puts(b, ">\n");
}

void
incform_textarea(struct buf *b, const char *id, const char *label,
    const char *hint, const char *value, int rows,
    const struct write_outcome *out, const char *api)
{
	buf_fmt(b, "<label for=\"%a\">%h</label>\n", id, label);
	if (hint != NULL)
		buf_fmt(b, "<p class=\"hint\" id=\"%a-hint\">%h</p>\n", id, hint);
	buf_fmt(b, "<textarea id=\"%a\" name=\"%a\" rows=\"%d\"", id, id, rows);
	if (hint != NULL && !refused(out, api))
		buf_fmt(b, " aria-describedby=\"%a-hint\"", id);
	incform_invalid(b, out, api);
	/* A newline after the tag: the parser drops one, so a text's own first stays. */
	buf_fmt(b, ">\n%h</textarea>\n", value != NULL ? value : "");
}

void
incform_status(struct buf *b, const char *selected,
    const struct write_outcome *out)
{
	int	i;

	buf_puts(b, "<label for=\"status\">Status</label>\n"
	    "<select id=\"status\" name=\"status\"");
	incform_invalid(b, out, "incident.status");
	buf_puts(b, ">\n");
	for (i = 0; i < NOTICE_STATUS_INPUTS; i++) {
		if (notice_statuses[i].kind != KIND_INCIDENT)
			continue;
		buf_fmt(b, "<option value=\"%a\"%s>%h</option>\n",
		    notice_statuses[i].name, selected != NULL &&
		    strcmp(selected, notice_statuses[i].name) == 0 ? " selected" : "",
		    notice_statuses[i].label);
	}
	buf_puts(b, "</select>\n");
}

static int
affects(const struct notice *n, const char *id)
{
	size_t	i;

	for (i = 0; n != NULL && i < n->naffected; i++)
		if (strcmp(n->affected[i].id, id) == 0)
			return 1;
	return 0;
}

void
incform_components(struct buf *b, const struct request *req, int pick,
    int keep, const struct notice *n, const struct write_outcome *out)
{
	const struct model	*m = &req->snap->model;
	const char		*to;
	size_t			 i;
	int			 k, on;

	buf_puts(b, "<fieldset class=\"components-pick\"");
	incform_invalid(b, out, refused(out, "incident.component_ids.") ?
	    "incident.component_ids." : "incident.components.");
	buf_fmt(b, ">\n<legend>%s</legend>\n", pick ? "Affected components" :
	    "Components");
	if (m->ncomponents == 0)
		buf_puts(b, "<p class=\"empty\">The page has no components.</p>\n");
	for (i = 0; i < m->ncomponents; i++) {
		const struct component	*c = &m->components[i];

		to = keep ? incform_field(req, arena_printf(req->arena, "to-%s",
		    c->id)) : "";
		buf_puts(b, "<div class=\"component-pick\">\n");
		if (pick) {
			on = keep ? *incform_field(req, arena_printf(req->arena,
			    "affects-%s", c->id)) != '\0' : affects(n, c->id);
			buf_fmt(b, "<input type=\"checkbox\" id=\"affects-%a\" "
			    "name=\"affects-%a\" value=\"1\"%s>\n<label "
			    "for=\"affects-%a\">%h</label>\n", c->id, c->id,
			    on ? " checked" : "", c->id, c->name);
			buf_fmt(b, "<label class=\"visually-hidden\" "
			    "for=\"to-%a\">New status of %h</label>\n", c->id,
			    c->name);
		} else
			buf_fmt(b, "<label for=\"to-%a\">%h <span class=\"now\">"
			    "(now %h)</span></label>\n", c->id, c->name,
			    status_label(c->status));
		buf_fmt(b, "<select id=\"to-%a\" name=\"to-%a\">\n<option value=\"\""
		    "%s>No change</option>\n", c->id, c->id,
		    *to == '\0' ? " selected" : "");
		for (k = 0; k < STATUS_COUNT; k++)
			buf_fmt(b, "<option value=\"%a\"%s>%h</option>\n",
			    status_name((enum component_status)k),
			    strcmp(to, status_name((enum component_status)k)) == 0 ?
			    " selected" : "",
			    status_label((enum component_status)k));
		buf_puts(b, "</select>\n</div>\n");
	}
	buf_puts(b, "</fieldset>\n");
}

void
incform_notify(struct buf *b, const struct request *req, int posted)
{
	int	on = !posted || *incform_field(req, "notify") != '\0';

	buf_fmt(b, "<div class=\"check\"><input type=\"checkbox\" id=\"notify\" "
	    "name=\"notify\" value=\"1\"%s>\n<label for=\"notify\">Notify "
	    "subscribers</label></div>\n", on ? " checked" : "");
}

void
incform_read_components(struct request *req, json_object *incident, int pick,
    const char **names)
{
	const struct model	*m = &req->snap->model;
	json_object		*moves = json_object_new_object();
	json_object		*ids = json_object_new_array();
	const char		*to, **named;
	size_t			 i, n = 0;

	named = arena_calloc(req->arena, m->ncomponents + 1, sizeof(*named));
	for (i = 0; i < m->ncomponents; i++) {
		const struct component	*c = &m->components[i];
		int			 on = pick && *incform_field(req,
					    arena_printf(req->arena, "affects-%s",
					    c->id)) != '\0';

		to = incform_field(req, arena_printf(req->arena, "to-%s", c->id));
		/* The API says what is wrong with a status no select offers. */
		if (*to != '\0')
			json_object_object_add(moves, c->id,
			    json_object_new_string(to));
		if (on)
			json_object_array_add(ids, json_object_new_string(c->id));
		if (on || *to != '\0')
			named[n++] = c->name;
	}
	json_object_object_add(incident, "components", moves);
	if (pick)
		json_object_object_add(incident, "component_ids", ids);
	else
		json_object_put(ids);
	json_object_object_add(incident, "deliver_notifications",
	    json_object_new_boolean(*incform_field(req, "notify") != '\0'));
	if (names == NULL)
		return;
	/* Plain text for the API, not markup: "A and B", "A, B and C". */
	for (*names = "", i = 0; i < n; i++)
		*names = arena_printf(req->arena, "%s%s%s", *names, i == 0 ? "" :
		    i + 1 == n ? " and " : ", ", named[i]);
}
