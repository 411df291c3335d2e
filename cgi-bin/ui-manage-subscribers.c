/*
 * ui-manage-subscribers.c: the page's subscribers, under
 * /manage/subscribers: how many in each state and on each channel, the
 * list (filtered, searched, a page at a time), and what an operator does
 * to one: add (a webhook's signing secret shown once), resend the
 * confirmation, reactivate one quarantined, unsubscribe after a
 * confirmation.  Editors and owners.  Every write is the manage API's own
 * write_op (api-v1-subscribers.c), run as the person signed in.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "db.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "input.h"
#include "json.h"
#include "manage-owner.h"
#include "manage.h"
#include "query.h"
#include "snapshot.h"
#include "store.h"
#include "ui-shared.h"
#include "write.h"

#define SUBSCRIBERS_PAGE	25
/* A search longer than any address is no search of one. */
#define SEARCH_MAX		200

/* As subscriber_channels (handlers.h) lists them, in words. */
static const char *const channel_labels[] = { "E-mail", "Webhook", "Slack",
	"Teams", "Discord" };

/* What the list shows: a filter of the manage API's, and the page of it. */
struct view {
	struct subscriber_filter f;
	const char	*type;		/* f.channel, or "" for any */
	long		 page;
};

static const char *
channel_label(const char *channel)
{
	size_t	i;

	for (i = 0; subscriber_channels[i] != NULL; i++)
		if (strcmp(channel, subscriber_channels[i]) == 0)
			return channel_labels[i];
	return channel;
}

/* v if it is one of words, else NULL. */
static const char *
one_of(const char *v, const char *const *words)
{
	size_t	i;

	for (i = 0; v != NULL && words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0)
			return words[i];
	return NULL;
}

/* The view the query asks for: NULL, or why it is not one (and v the default). */
static const char *
read_view(struct request *req, struct view *v)
{
	const char	*state = query_get(req->arena, req->query, "state");
	const char	*type = query_get(req->arena, req->query, "type");
	const char	*q = query_get(req->arena, req->query, "q");
	const char	*p = query_get(req->arena, req->query, "page");

	*v = (struct view){ { NULL, "all", NULL }, "", 1 };
	if (state != NULL && *state != '\0' && (v->f.state = one_of(state,
	    subscriber_states)) == NULL) {
		v->f.state = "all";
		return "state must be active, unconfirmed, quarantined, "
		    "unsubscribed or all.";
	}
	if (type != NULL && *type != '\0' && (v->f.channel = one_of(type,
	    subscriber_channels)) == NULL)
		return "type must be email, webhook, slack, teams or discord.";
	v->type = v->f.channel != NULL ? v->f.channel : "";
	if (q != NULL && strlen(q) > SEARCH_MAX)
		return "The search must be at most 200 characters.";
	v->f.search = q != NULL && *q != '\0' ? q : NULL;
	if (p != NULL && query_page(p, 100000, &v->page) == -1) {
		v->page = 1;
		return "page must be a page number, 1 or more.";
	}
	return NULL;
}

/* The view's query string, without the page, for the pager's links. */
static const char *
view_query(struct request *req, const struct view *v)
{
	struct buf	q;

	buf_init(&q, req->arena);
	buf_fmt(&q, "state=%u", v->f.state);
	if (*v->type != '\0')
		buf_fmt(&q, "&type=%u", v->type);
	if (v->f.search != NULL)
		buf_fmt(&q, "&q=%u", v->f.search);
	return q.data;
}

/* How many in each state (each linking its list) and on each channel. */
static void
tally(struct buf *b, const struct request *req, const PGresult *res)
{
	const char	*kinds[] = { "state", "channel" }, *n;
	size_t		 k, i;
	int		 row;

	buf_puts(b, "<section aria-labelledby=\"tally-h\">\n<h2 id=\"tally-h\">"
	    "In all</h2>\n");
	for (k = 0; k < 2; k++) {
		buf_fmt(b, "<ul class=\"tally\" aria-label=\"By %a\">\n", kinds[k]);
		for (i = 0; (k == 0 ? subscriber_states : subscriber_channels)[i] !=
		    NULL; i++) {
			const char *w = (k == 0 ? subscriber_states :
			    subscriber_channels)[i];

			if (strcmp(w, "all") == 0)
				continue;
			for (n = "0", row = 0; row < PQntuples(res); row++)
				if (strcmp(PQgetvalue(res, row, 0), kinds[k]) == 0 &&
				    strcmp(PQgetvalue(res, row, 1), w) == 0)
					n = PQgetvalue(res, row, 2);
			buf_fmt(b, "<li><a href=\"%a/manage/subscribers?%u=%u\">%h"
			    "</a>: <strong>%h</strong></li>\n", req->cfg->base_path,
			    kinds[k], w, k == 0 ? w : channel_label(w), n);
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "</section>\n");
}

static void
filters_form(struct buf *b, const struct request *req, const struct view *v)
{
	size_t	i;

	buf_fmt(b, "<form method=\"get\" class=\"filters\" role=\"search\" "
	    "action=\"%a/manage/subscribers\">\n<div><label for=\"f-state\">State"
	    "</label>\n<select id=\"f-state\" name=\"state\">", req->cfg->base_path);
	for (i = 0; subscriber_states[i] != NULL; i++)
		buf_fmt(b, "<option value=\"%a\"%s>%h</option>", subscriber_states[i],
		    strcmp(v->f.state, subscriber_states[i]) == 0 ? " selected" : "",
		    subscriber_states[i]);
	buf_fmt(b, "</select></div>\n<div><label for=\"f-type\">Channel</label>\n"
	    "<select id=\"f-type\" name=\"type\"><option value=\"\">any</option>");
	for (i = 0; subscriber_channels[i] != NULL; i++)
		buf_fmt(b, "<option value=\"%a\"%s>%h</option>", subscriber_channels[i],
		    strcmp(v->type, subscriber_channels[i]) == 0 ? " selected" : "",
		    channel_labels[i]);
	buf_fmt(b, "</select></div>\n<div><label for=\"f-q\">Address holds</label>\n"
	    "<input type=\"search\" id=\"f-q\" name=\"q\" maxlength=\"200\" "
	    "value=\"%a\"></div>\n<button type=\"submit\">Show</button>\n</form>\n",
	    v->f.search != NULL ? v->f.search : "");
}

/* An action of a row: a form of one button, with its tokens. */
static void
row_button(struct buf *b, const struct request *req, const char *id,
    const char *action, const char *label, const char *address)
{
	buf_fmt(b, "<form method=\"post\" action=\"%a/manage/subscribers/%u/%a\">",
	    req->cfg->base_path, id, action);
	manage_form_tokens(b, req);
	buf_fmt(b, "<button type=\"submit\" class=\"quiet\">%h<span "
	    "class=\"visually-hidden\"> %h</span></button></form>\n", label,
	    address);
}

/* What it hears of: every component, those chosen, or one incident. */
static void
hears(struct buf *b, const struct model *m, const PGresult *res, int i,
    struct arena *a)
{
	const char		*incident = db_get(a, res, i, "incident_id");
	json_object		*ids;
	const struct component	*c;
	size_t			 k, n;

	if (incident != NULL) {
		buf_fmt(b, "follows incident #%h \xe2\x80\x9c%h\xe2\x80\x9d", incident,
		    db_get(a, res, i, "incident_name"));
		return;
	}
	if (*PQgetvalue(res, i, PQfnumber(res, "all_components")) == 't') {
		buf_puts(b, "all components");
		return;
	}
	ids = json_own(a, json_tokener_parse(PQgetvalue(res, i, PQfnumber(res,
	    "components"))));
	n = ids != NULL ? json_object_array_length(ids) : 0;
	buf_puts(b, n == 0 ? "no component left" : "components: ");
	for (k = 0; k < n; k++) {
		const char *id = json_object_get_string(json_object_array_get_idx(ids, k));

		c = model_component(m, id);
		buf_fmt(b, "%s%h", k > 0 ? ", " : "", c != NULL ? c->name : id);
	}
}

static void
subscriber_li(struct buf *b, struct request *req, const struct model *m,
    const PGresult *res, int i)
{
	const char	*id = db_get(req->arena, res, i, "id");
	const char	*address = db_get(req->arena, res, i, "address");
	const char	*state = db_get(req->arena, res, i, "state");
	const char	*error = db_get(req->arena, res, i, "last_error");

	buf_fmt(b, "<li class=\"manage-row\">\n<span class=\"name\">%h</span>\n"
	    "<span><span class=\"badge\">%h</span> <span class=\"badge\">%h</span>"
	    "</span>\n<span class=\"when\">#%h, ", address,
	    channel_label(db_get(req->arena, res, i, "channel")), state, id);
	hears(b, m, res, i, req->arena);
	buf_puts(b, "; made ");
	owner_time(b, req, res, i, "created", "");
	if (strcmp(state, "unsubscribed") == 0) {
		buf_puts(b, ", left ");
		owner_time(b, req, res, i, "unsubscribed", "");
	}
	if (strcmp(state, "quarantined") == 0) {
		buf_puts(b, "; quarantined ");
		owner_time(b, req, res, i, "quarantined", "");
		buf_fmt(b, " after %h failures in a row", db_get(req->arena, res, i,
		    "consecutive_failures"));
		if (error != NULL)
			buf_fmt(b, "; last error: %h", error);
	}
	buf_puts(b, "</span>\n");
	if (strcmp(state, "unsubscribed") != 0) {
		buf_puts(b, "<div class=\"actions\">\n");
		if (strcmp(state, "unconfirmed") == 0)
			row_button(b, req, id, "resend", "Resend confirmation", address);
		if (strcmp(state, "quarantined") == 0)
			row_button(b, req, id, "reactivate", "Reactivate", address);
		buf_fmt(b, "<a class=\"button-link\" href=\"%a/manage/subscribers/%u/"
		    "unsubscribe\">Unsubscribe<span class=\"visually-hidden\"> %h"
		    "</span></a>\n</div>\n", req->cfg->base_path, id, address);
	}
	buf_puts(b, "</li>\n");
}

/* The add form, with what was typed and the refused field marked. */
static void
add_form(struct buf *b, struct request *req, const struct model *m,
    const struct write_outcome *out)
{
	const char	*channel = owner_field(req, "channel");
	const char	*addr_field = strcmp(channel, "email") == 0 || *channel == '\0' ?
			    "subscriber.email" : "subscriber.endpoint";
	const char	**ids = NULL;
	size_t		 i, n = 0;
	int		 all = 1, later = strcmp(owner_field(req, "confirm"),
			    "send") == 0;

	if (out != NULL)
		ui_read_component_choice(req, &all, &ids, &n);
	buf_fmt(b, "<section aria-labelledby=\"add-h\">\n<h2 id=\"add-h\">Add a "
	    "subscriber</h2>\n<form method=\"post\" class=\"stack\" "
	    "action=\"%a/manage/subscribers\">", req->cfg->base_path);
	manage_form_tokens(b, req);
	buf_puts(b, "<label for=\"sub-channel\">Channel</label>\n<select "
	    "id=\"sub-channel\" name=\"channel\"");
	owner_invalid(b, out, "subscriber.channel", NULL);
	buf_puts(b, ">");
	for (i = 0; subscriber_channels[i] != NULL; i++)
		buf_fmt(b, "<option value=\"%a\"%s>%h</option>", subscriber_channels[i],
		    strcmp(channel, subscriber_channels[i]) == 0 ? " selected" : "",
		    channel_labels[i]);
	buf_fmt(b, "</select>\n<label for=\"sub-address\">E-mail address, or the "
	    "URL to post to</label>\n<span class=\"hint\" id=\"sub-address-hint\">"
	    "A URL must be https:// to a public address. A webhook's signing "
	    "secret is shown once, when it is added.</span>\n<input type=\"text\" "
	    "id=\"sub-address\" name=\"address\" required maxlength=\"2048\" "
	    "autocomplete=\"off\" spellcheck=\"false\" value=\"%a\"",
	    owner_field(req, "address"));
	owner_invalid(b, out, addr_field, "sub-address-hint");
	buf_puts(b, ">\n");
	ui_component_choice(b, m, "Tell it about", all, ids, n);
	buf_fmt(b, "<fieldset>\n<legend>Confirmation</legend>\n<label><input "
	    "type=\"radio\" name=\"confirm\" value=\"now\"%s> confirmed now: they "
	    "asked you</label>\n<label><input type=\"radio\" name=\"confirm\" "
	    "value=\"send\"%s> send a confirmation first; nothing else until it "
	    "is followed</label>\n</fieldset>\n<button type=\"submit\">Add"
	    "</button></form>\n</section>\n", later ? "" : " checked",
	    later ? " checked" : "");
}

/* The screen: the view of the query, a refusal above it if out is one. */
static void
subscribers_screen(struct request *req, struct response *resp,
    const struct write_outcome *out)
{
	struct buf		*b = &resp->body;
	const struct snapshot	*snap = manage_snapshot(req, resp);
	struct store		 st = { req->db, req->arena };
	struct view		 v;
	struct write_outcome	 bad = { 0 };
	const char		*page, *why, *count, *q;
	PGresult		*counts = NULL, *list = NULL;
	long long		 total;
	int			 i, n;

	if (snap == NULL)
		return;
	page = snap->model.page.id;
	if ((why = read_view(req, &v)) != NULL && out == NULL) {
		resp->status = 400;
		bad.message = why;
		out = &bad;
	}
	if (store_subscribers_tally(&st, page, &counts) != STORE_OK ||
	    db_own(req->arena, counts) == NULL ||
	    store_subscribers_count(&st, page, &v.f, &count) != STORE_OK ||
	    store_subscribers_list(&st, page, &v.f, SUBSCRIBERS_PAGE + 1,
	    (v.page - 1) * SUBSCRIBERS_PAGE, &list) != STORE_OK ||
	    db_own(req->arena, list) == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	manage_open(b, req, "Subscribers");
	buf_puts(b, "<h1>Subscribers</h1>\n<p>Who is told when something "
	    "happens: by e-mail, webhook or chat. A receiver that fails 10 times "
	    "in a row is quarantined (what was waiting for it is dropped) until "
	    "it is reactivated.</p>\n");
	owner_refusal(b, out);
	tally(b, req, counts);
	buf_puts(b, "<section aria-labelledby=\"list-h\">\n<h2 id=\"list-h\">"
	    "Subscribers</h2>\n");
	filters_form(b, req, &v);
	total = strtoll(count, NULL, 10);
	n = PQntuples(list) > SUBSCRIBERS_PAGE ? SUBSCRIBERS_PAGE : PQntuples(list);
	if (n == 0)
		buf_fmt(b, "<p class=\"empty\" role=\"status\">None %s.</p>\n",
		    total > 0 ? "on this page of the list" : "matches");
	else {
		buf_fmt(b, "<p role=\"status\">%lld match; %lld to %lld shown, "
		    "newest first.</p>\n<ul class=\"manage-list\">\n", total,
		    (long long)(v.page - 1) * SUBSCRIBERS_PAGE + 1,
		    (long long)(v.page - 1) * SUBSCRIBERS_PAGE + n);
		for (i = 0; i < n; i++)
			subscriber_li(b, req, &snap->model, list, i);
		buf_puts(b, "</ul>\n");
	}
	q = view_query(req, &v);
	if (v.page > 1 || PQntuples(list) > SUBSCRIBERS_PAGE) {
		buf_puts(b, "<nav class=\"pager\" aria-label=\"Pages of "
		    "subscribers\">\n");
		if (v.page > 1)
			buf_fmt(b, "<a href=\"%a/manage/subscribers?%a&amp;page=%lld\">"
			    "Newer</a>\n", req->cfg->base_path, q, (long long)v.page - 1);
		if (PQntuples(list) > SUBSCRIBERS_PAGE)
			buf_fmt(b, "<a href=\"%a/manage/subscribers?%a&amp;page=%lld\">"
			    "Older</a>\n", req->cfg->base_path, q, (long long)v.page + 1);
		buf_puts(b, "</nav>\n");
	}
	buf_puts(b, "</section>\n");
	add_form(b, req, &snap->model, out != &bad ? out : NULL);
	manage_close(b, req);
}

/*
 * GET /manage/subscribers?state=&type=&q=&page= (and HEAD), signed in:
 * the counts, the page's subscribers newest first (state all by default;
 * type a channel; q text the address holds, any case; SUBSCRIBERS_PAGE a
 * page), each with what may be done to it, and the form to add one.  200;
 * 400 with everything shown for a filter that is none; 503.
 */
void
ui_manage_subscribers(struct request *req, struct response *resp)
{
	subscribers_screen(req, resp, NULL);
}

/* A refusal of the console's own, before the API is asked. */
static void
refuse(struct request *req, struct response *resp, int status,
    const char *message, const char *field)
{
	struct write_outcome	out = { 0 };

	out.status = resp->status = status;
	out.message = message;
	out.field = field;
	subscribers_screen(req, resp, &out);
}

/*
 * POST /manage/subscribers (channel, address, components all|some with
 * each ticked component, confirm now|send): a new subscriber, through the
 * API's create.  303 to the list for an e-mail address; 200 with a
 * webhook's or chat's signing secret, this once.  The screen again with
 * the refusal (4xx) and the field marked.
 */
void
ui_manage_subscriber_add(struct request *req, struct response *resp)
{
	struct buf		*b = &resp->body;
	json_object		*body = json_own(req->arena, json_object_new_object());
	json_object		*s = json_object_new_object(), *ids;
	const char		*channel = owner_field(req, "channel");
	const char		**chosen;
	struct write_outcome	 out;
	size_t			 i, n;
	int			 all, email = strcmp(channel, "email") == 0;

	json_object_object_add(body, "subscriber", s);
	if (ui_read_component_choice(req, &all, &chosen, &n) == -1) {
		refuse(req, resp, 422, "Tick at least one component, or choose every "
		    "component.", "subscriber.component_ids");
		return;
	}
	json_object_object_add(s, email ? "email" : "endpoint",
	    json_object_new_string(owner_field(req, "address")));
	if (!email)
		json_object_object_add(s, "channel", json_object_new_string(channel));
	if (!all) {
		ids = json_object_new_array();
		for (i = 0; i < n; i++)
			json_object_array_add(ids, json_object_new_string(chosen[i]));
		json_object_object_add(s, "component_ids", ids);
	}
	json_object_object_add(s, "skip_confirmation_notification",
	    json_object_new_boolean(strcmp(owner_field(req, "confirm"), "send") != 0));
	if (manage_write(req, resp, &api_v1_subscriber_create, NULL, 0, body,
	    &out) == -1) {
		subscribers_screen(req, resp, &out);
		return;
	}
	if (email) {
		manage_redirect(req, resp, "/manage/subscribers");
		return;
	}
	manage_open(b, req, "Subscriber added");
	buf_fmt(b, "<h1>Subscriber added</h1>\n<p>%h is told from now on%s.</p>\n",
	    owner_field(req, "address"), strcmp(owner_field(req, "confirm"),
	    "send") == 0 ? ", once the confirmation posted to it is followed" : "");
	if (out.secret == NULL)
		buf_puts(b, "<p role=\"status\">This form was sent twice: it was "
		    "added once, and its signing secret was shown only on the first "
		    "answer, which your browser may not have shown. If you have not "
		    "copied it, unsubscribe it and add it again.</p>\n");
	else
		buf_fmt(b, "<p role=\"status\">Its requests carry a "
		    "<code>Lantern-Signature</code> made with this secret. Copy it "
		    "now: it is shown this once.</p>\n<div class=\"stack\"><label "
		    "for=\"new-secret\">Signing secret</label>\n<input type=\"text\" "
		    "id=\"new-secret\" class=\"secret\" readonly spellcheck=\"false\" "
		    "autocomplete=\"off\" value=\"%a\"></div>\n", out.secret);
	buf_fmt(b, "<p><a href=\"%a/manage/subscribers\">Back to the subscribers"
	    "</a></p>\n", req->cfg->base_path);
	manage_close(b, req);
}

/* One action on subscriber {id} through op: 303 to the list, or the screen refused. */
static void
act(struct request *req, struct response *resp, const struct write_op *op,
    json_object *body)
{
	const char		*ids[1] = { req->params[0] };
	struct write_outcome	 out;

	if (manage_write(req, resp, op, body != NULL ? NULL : ids, body != NULL ?
	    0 : 1, body, &out) == 0)
		manage_redirect(req, resp, "/manage/subscribers");
	else
		subscribers_screen(req, resp, &out);
}

/* POST /manage/subscribers/{id}/resend: the confirmation again (409 once confirmed). */
void
ui_manage_subscriber_resend(struct request *req, struct response *resp)
{
	act(req, resp, &api_v1_subscriber_resend, NULL);
}

/*
 * POST /manage/subscribers/{id}/reactivate: one quarantined, told again
 * from now on; 303 to the list, which shows where it stands.
 */
void
ui_manage_subscriber_reactivate(struct request *req, struct response *resp)
{
	json_object	*body = json_own(req->arena, json_object_new_object());
	json_object	*ids = json_object_new_array();

	if (!input_is_id(req->params[0])) {
		refuse(req, resp, 404, "There is no such subscriber on this page.",
		    NULL);
		return;
	}
	json_object_array_add(ids, json_object_new_string(req->params[0]));
	json_object_object_add(body, "subscribers", ids);
	act(req, resp, &api_v1_subscribers_reactivate, body);
}

/* GET /manage/subscribers/{id}/unsubscribe: the confirmation.  200; 404. */
void
ui_manage_subscriber_unsubscribe_form(struct request *req, struct response *resp)
{
	struct buf		*b = &resp->body;
	const struct snapshot	*snap = manage_snapshot(req, resp);
	struct store		 st = { req->db, req->arena };
	PGresult		*res = NULL;

	if (snap == NULL)
		return;
	switch (input_is_id(req->params[0]) ? store_subscriber_get(&st,
	    snap->model.page.id, req->params[0], &res) : STORE_NONE) {
	case STORE_OK:
		db_own(req->arena, res);
		break;
	case STORE_NONE:
		http_error(req, resp, 404, "There is no such subscriber on this page.");
		return;
	case STORE_FAILED:
		http_db_unavailable(req, resp);
		return;
	}
	manage_open(b, req, "Unsubscribe");
	buf_fmt(b, "<h1>Unsubscribe %h</h1>\n", db_get(req->arena, res, 0,
	    "address"));
	if (strcmp(db_get(req->arena, res, 0, "state"), "unsubscribed") == 0)
		buf_fmt(b, "<p>It has unsubscribed already.</p>\n<p><a href=\""
		    "%a/manage/subscribers\">Back to the subscribers</a></p>\n",
		    req->cfg->base_path);
	else
		owner_confirm(b, req, arena_printf(req->arena,
		    "/subscribers/%s/unsubscribe", req->params[0]), "Nothing more is "
		    "sent to it, and what waits for it is dropped. It is kept as "
		    "unsubscribed; it may be added again.", "Unsubscribe",
		    "/subscribers");
	manage_close(b, req);
}

/* POST /manage/subscribers/{id}/unsubscribe: 303 to the list; the screen with the refusal. */
void
ui_manage_subscriber_unsubscribe(struct request *req, struct response *resp)
{
	act(req, resp, &api_v1_subscriber_delete, NULL);
}
