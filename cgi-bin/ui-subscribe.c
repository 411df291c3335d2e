/*
 * ui-subscribe.c: visitors subscribe to updates without JavaScript: the
 * form on / and on each open incident's page, its answer, and the pages
 * of a subscriber's signed links (confirm, manage, unsubscribe).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "arena.h"
#include "buf.h"
#include "config.h"
#include "db.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "http-error.h"
#include "input.h"
#include "json.h"
#include "key.h"
#include "manage.h"
#include "outbox.h"
#include "page.h"
#include "password.h"
#include "sign.h"
#include "snapshot.h"
#include "store.h"
#include "ui-shared.h"

/*
 * Sign-ups an hour: per e-mail address (or endpoint's host), so the form
 * cannot flood an inbox or a receiver with confirmations; per client address, so one client cannot fill the
 * table with made-up ones.
 */
#define SIGNUPS_PER_ADDRESS	5
#define SIGNUPS_PER_CLIENT	20
#define COMPONENTS_MAX		500

void
ui_component_choice(struct buf *b, const struct model *m, const char *legend,
    int all, const char *const *chosen, size_t nchosen)
{
	size_t	i, j;
	int	on;

	buf_fmt(b, "<fieldset>\n<legend>%h</legend>\n"
	    "<label><input type=\"radio\" name=\"components\" value=\"all\"%s> "
	    "every component</label>\n"
	    "<label><input type=\"radio\" name=\"components\" value=\"some\"%s> "
	    "only those ticked:</label>\n", legend, all ? " checked" : "",
	    all ? "" : " checked");
	for (i = 0; i < m->ncomponents; i++) {
		for (on = 0, j = 0; !all && j < nchosen && !on; j++)
			on = strcmp(chosen[j], m->components[i].id) == 0;
		buf_fmt(b, "<label class=\"component-choice\"><input type=\"checkbox\" "
		    "name=\"component\" value=\"%a\"%s> %h</label>\n",
		    m->components[i].id, on ? " checked" : "", m->components[i].name);
	}
	buf_puts(b, "</fieldset>\n");
}

/* The channels a visitor may subscribe an endpoint on, as the form offers them. */
static const struct {
	const char	*channel, *label;
} endpoints[] = {
	{ "webhook",	"Webhook (Statuspage's JSON)" },
	{ "slack",	"Slack, Mattermost or Rocket.Chat incoming webhook" },
	{ "teams",	"Microsoft Teams incoming webhook" },
	{ "discord",	"Discord webhook" },
};

/*
 * The e-mail form; follow: the incident it follows, or NULL for the page,
 * then with the components to choose from if choose is set (else all).
 */
static void
email_form(struct buf *b, const struct request *req, const struct model *m,
    const struct notice *follow, int choose)
{
	buf_fmt(b, "<form method=\"post\" action=\"%a/subscribe\" class=\"stack\">\n"
	    "<label for=\"subscribe-email\">E-mail</label>\n"
	    "<input id=\"subscribe-email\" name=\"email\" type=\"email\" required "
	    "maxlength=\"254\" autocomplete=\"email\">\n", req->cfg->base_path);
	if (follow != NULL)
		buf_fmt(b, "<input type=\"hidden\" name=\"incident\" value=\"%a\">\n",
		    follow->id);
	else if (choose)
		ui_component_choice(b, m, "Tell me about", 1, NULL, 0);
	buf_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n",
	    follow != NULL ? "Follow" : "Subscribe");
}

/* The webhook and chat form: a URL, its format, the components. */
static void
endpoint_form(struct buf *b, const struct request *req, const struct model *m)
{
	size_t	i;

	buf_fmt(b, "<form method=\"post\" action=\"%a/subscribe\" class=\"stack\">\n"
	    "<label for=\"subscribe-endpoint\">URL</label>\n"
	    "<input id=\"subscribe-endpoint\" name=\"endpoint\" type=\"url\" required "
	    "maxlength=\"2048\" placeholder=\"https://\">\n"
	    "<label for=\"subscribe-channel\">Format</label>\n"
	    "<select id=\"subscribe-channel\" name=\"channel\">\n", req->cfg->base_path);
	for (i = 0; i < sizeof(endpoints) / sizeof(endpoints[0]); i++)
		buf_fmt(b, "<option value=\"%a\">%h</option>\n",
		    endpoints[i].channel, endpoints[i].label);
	buf_puts(b, "</select>\n");
	ui_component_choice(b, m, "Tell me about", 1, NULL, 0);
	buf_puts(b, "<button type=\"submit\">Subscribe</button>\n</form>\n");
}

void
ui_subscribe_form(struct buf *b, const struct request *req, const struct model *m,
    const struct notice *follow)
{
	buf_puts(b, "<section class=\"subscribe\" aria-labelledby=\"subscribe-h\">\n");
	if (follow != NULL)
		buf_puts(b, "<h2 id=\"subscribe-h\">Follow this incident</h2>\n"
		    "<p>Get an e-mail at each update, until it is resolved.</p>\n");
	else
		buf_puts(b, "<h2 id=\"subscribe-h\">Get updates</h2>\n"
		    "<p>Get an e-mail when something happens. You confirm first; "
		    "every message has a link to leave.</p>\n");
	/*
	 * On / the form is for everything: a box for each of hundreds of
	 * components would weigh on the page everyone opens.  /subscribe
	 * has the choice.
	 */
	email_form(b, req, m, follow, 0);
	if (follow == NULL)
		buf_fmt(b, "<p class=\"more\"><a href=\"%a/subscribe\">Only some "
		    "components, or by webhook, Slack, Teams or Discord</a></p>\n",
		    req->cfg->base_path);
	buf_puts(b, "</section>\n");
}

/*
 * GET /subscribe (and HEAD): every way to subscribe, e-mail and an
 * endpoint (a webhook, or a chat's incoming webhook), from the snapshot.
 */
void
ui_subscribe_page(struct request *req, struct response *resp)
{
	const struct model	*m = &req->snap->model;
	struct buf		*b = &resp->body;

	resp->last_modified = m->page.updated;
	page_open(b, req, arena_printf(req->arena, "Subscribe \xe2\x80\x93 %s",
	    m->page.name), m->page.name);
	buf_puts(b, "<section class=\"subscription\">\n<h1>Subscribe to updates</h1>\n"
	    "<p>Be told when something happens: each incident, its updates and "
	    "its resolution, maintenance, and components' changes. Nothing is "
	    "sent before you confirm; every message has a link to leave.</p>\n"
	    "</section>\n<section class=\"subscribe\" aria-labelledby=\"by-email-h\">\n"
	    "<h2 id=\"by-email-h\">By e-mail</h2>\n");
	email_form(b, req, m, NULL, 1);
	buf_puts(b, "</section>\n<section class=\"subscribe\" "
	    "aria-labelledby=\"by-endpoint-h\">\n<h2 id=\"by-endpoint-h\">By "
	    "webhook or chat</h2>\n<p>We post to the URL a message with a link "
	    "to confirm; whoever reads it there confirms. Webhooks get "
	    "Statuspage's JSON, signed with a Lantern-Signature header whose key "
	    "the confirmation carries.</p>\n");
	endpoint_form(b, req, m);
	buf_fmt(b, "</section>\n<p class=\"more\"><a href=\"%a/\">Back to the status "
	    "page</a></p>\n", req->cfg->base_path);
	page_close(b);
}

/* A whole page: the frame, title as h1, and what body() writes. */
static void
answer(struct request *req, struct response *resp, int status, const char *title,
    const char *message)
{
	const char	*site = req->snap != NULL ? req->snap->model.page.name : "Status";
	struct buf	*b = &resp->body;

	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	resp->cache_control = "no-store";
	b->len = 0;
	b->data[0] = '\0';
	page_open(b, req, arena_printf(req->arena, "%s \xe2\x80\x93 %s", title, site), site);
	buf_fmt(b, "<section class=\"subscription\">\n<h1>%h</h1>\n<p>%h</p>\n",
	    title, message);
}

static void
answer_close(struct request *req, struct response *resp)
{
	buf_fmt(&resp->body, "<p class=\"more\"><a href=\"%a/\">Back to the status "
	    "page</a></p>\n</section>\n", req->cfg->base_path);
	page_close(&resp->body);
}

/* A whole page with a message and nothing else. */
static void
say(struct request *req, struct response *resp, int status, const char *title,
    const char *message)
{
	answer(req, resp, status, title, message);
	answer_close(req, resp);
}

int
ui_read_component_choice(struct request *req, int *all, const char ***ids,
    size_t *n)
{
	const char	*v = manage_field(req, "components"), *p, *end;
	size_t		 len;

	*all = v == NULL || strcmp(v, "some") != 0;
	*n = 0;
	*ids = arena_calloc(req->arena, COMPONENTS_MAX + 1, sizeof(**ids));
	for (p = req->body; !*all && p != NULL && *p != '\0' && *n < COMPONENTS_MAX;
	    p = *end == '&' ? end + 1 : NULL) {
		end = p + strcspn(p, "&");
		len = (size_t)(end - p);
		if (len > 10 && strncmp(p, "component=", 10) == 0) {
			char *id = arena_strndup(req->arena, p + 10, len - 10);

			if (input_is_id(id))
				(*ids)[(*n)++] = id;
		}
	}
	return *all || *n > 0 ? 0 : -1;
}

/* The form again, with why it was refused. */
static void
refuse(struct request *req, struct response *resp, int status, const char *message)
{
	answer(req, resp, status, "Not subscribed", message);
	if (req->snap == NULL)
		;
	else if (manage_field(req, "email") == NULL &&
	    manage_field(req, "endpoint") != NULL)
		endpoint_form(&resp->body, req, &req->snap->model);
	else
		email_form(&resp->body, req, &req->snap->model, NULL, 1);
	answer_close(req, resp);
}

/*
 * The form's address, checked: an e-mail, or an endpoint with its channel.
 * NULL, with *channel, and *limit_kind and *limit_key, what its sign-ups
 * an hour are counted by (the address lower-cased, or an endpoint's host,
 * so the form cannot flood one receiver with confirmations); else why not.
 */
static const char *
read_address(struct request *req, const char **address, const char **channel,
    const char **limit_kind, const char **limit_key)
{
	const char	*email = manage_field(req, "email");
	const char	*endpoint = manage_field(req, "endpoint"), *why, *host;
	char		*key;
	size_t		 i, n;

	if (email != NULL || endpoint == NULL) {
		if (email == NULL || (why = address_email(email)) != NULL)
			return arena_printf(req->arena, "The e-mail %s.",
			    email == NULL ? "is missing" : why);
		*address = email;
		*channel = "email";
		*limit_kind = "email";
		key = arena_strdup(req->arena, email);
	} else {
		*channel = manage_field(req, "channel");
		for (i = 0; i < sizeof(endpoints) / sizeof(endpoints[0]); i++)
			if (*channel != NULL && strcmp(*channel, endpoints[i].channel) == 0)
				break;
		if (i == sizeof(endpoints) / sizeof(endpoints[0]))
			return "Choose the URL's format: webhook, Slack, Teams or Discord.";
		if ((why = address_url(endpoint, req->cfg->notify_allow_private)) != NULL)
			return arena_printf(req->arena, "The URL %s.", why);
		*address = endpoint;
		*limit_kind = "host";
		/* address_url() took the scheme: http:// or https://. */
		host = strstr(endpoint, "://") + 3;
		n = strcspn(host, "/?#");
		key = arena_strndup(req->arena, host, n > 253 ? 253 : n);
	}
	for (i = 0; key[i] != '\0'; i++)
		key[i] = (char)tolower((unsigned char)key[i]);
	*limit_key = key;
	return NULL;
}

/*
 * POST /subscribe (form: email, or endpoint and channel; components all
 * or some, component ids; or incident to follow one): a visitor's sign-up.
 * A new subscriber is unconfirmed and sent a confirmation alone (to the
 * endpoint itself for a webhook or chat); one signed up before but not
 * confirmed is sent it again; one confirmed is left as it is.  Either way
 * the same page ("check your inbox"), so the form tells nobody who is
 * subscribed.  200; 422 with the form again for an address that is none
 * or no component ticked; 429 past the sign-ups an hour of the address
 * (an endpoint's host) or the client; 503 without the database.
 */
void
ui_subscribe(struct request *req, struct response *resp)
{
	struct store		 st = { req->db, req->arena };
	struct subscriber_new	 s = { 0 };
	const char		*address, *channel, *limit_kind, *limit_key, **ids, *id;
	const char		*incident = manage_field(req, "incident"), *why, *page;
	char			*secret;
	unsigned char		 raw[32];
	enum store_result	 r;
	int			 all, ok_address = 0, ok_client = 0, email;
	size_t			 n;

	if (req->snap == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	page = req->snap->model.page.id;
	if ((why = read_address(req, &address, &channel, &limit_kind,
	    &limit_key)) != NULL) {
		refuse(req, resp, 422, why);
		return;
	}
	email = strcmp(channel, "email") == 0;
	if (incident != NULL && !input_is_id(incident)) {
		refuse(req, resp, 422, "There is no such incident.");
		return;
	}
	if (ui_read_component_choice(req, &all, &ids, &n) == -1) {
		refuse(req, resp, 422, "Tick at least one component, or choose every "
		    "component.");
		return;
	}
	if (db_begin(req->db) == -1)
		goto failed;
	if (store_subscribe_attempt(&st, "client", req->remote_addr != NULL ?
	    req->remote_addr : "unknown", SIGNUPS_PER_CLIENT, &ok_client) != STORE_OK ||
	    store_subscribe_attempt(&st, limit_kind, limit_key, SIGNUPS_PER_ADDRESS,
	    &ok_address) != STORE_OK)
		goto failed;
	if (!ok_client || !ok_address) {
		/* The attempts that were let through still count. */
		if (db_commit(req->db) == -1)
			goto failed;
		resp->retry_after = 3600;
		say(req, resp, 429, "Too many sign-ups", email ? "This address, or "
		    "this connection, has asked too often within the hour. Please "
		    "try again later." : "This URL's host, or this connection, has "
		    "asked too often within the hour. Please try again later.");
		return;
	}
	if (incident != NULL && store_incident_open(&st, page, incident) != STORE_OK) {
		db_rollback(req->db);
		refuse(req, resp, 422, "This incident is over or gone: subscribe to "
		    "the page instead.");
		return;
	}
	password_random(raw, sizeof(raw));
	secret = arena_calloc(req->arena, 1, 65);
	key_hex(raw, sizeof(raw), secret);
	s = (struct subscriber_new){ channel, address, incident, secret,
	    incident != NULL || all, 0, 0 };
	if ((r = store_subscriber_insert(&st, page, &s, &id)) == STORE_FAILED)
		goto failed;
	if (r == STORE_OK) {
		if ((r = store_subscriber_choose(&st, page, id, s.all_components, ids,
		    n)) == STORE_NONE) {
			db_rollback(req->db);
			refuse(req, resp, 422, "One of the components ticked is not on "
			    "this page any more.");
			return;
		}
		if (r != STORE_OK || outbox_confirmation(&st, page, id) != STORE_OK)
			goto failed;
	} else if ((r = store_subscriber_pending(&st, page, &s, &id)) == STORE_OK) {
		/* Signed up before and never confirmed: the confirmation again. */
		if (outbox_confirmation(&st, page, id) == STORE_FAILED)
			goto failed;
	} else if (r == STORE_FAILED)
		goto failed;
	if (db_commit(req->db) == -1)
		goto failed;
	if (email)
		answer(req, resp, 200, "Check your inbox", arena_printf(req->arena,
		    "If %s can be subscribed, a message with a link to confirm is "
		    "on its way. Nothing else is sent until you confirm.", address));
	else
		answer(req, resp, 200, "Check where the URL posts", arena_printf(
		    req->arena, "If %s can be subscribed, a message with a link to "
		    "confirm is on its way to it. Nothing else is sent until the "
		    "link is followed.", address));
	answer_close(req, resp);
	return;
failed:
	db_rollback(req->db);
	http_db_unavailable(req, resp);
}

/* What the signed link's path names, checked: 0, or -1 answered (404). */
struct link {
	const char	*id, *purpose, *sig, *path, *page;
	PGresult	*row;		/* the subscriber, the API's columns */
	const char	*state;
};

static int
link_open(struct request *req, struct response *resp, struct link *l)
{
	struct store	st = { req->db, req->arena };

	resp->cache_control = "no-store";
	l->id = req->params[0];
	l->purpose = req->params[1];
	l->sig = req->params[2];
	/* A link we did not sign, or a subscriber gone: the same 404. */
	if (!input_is_id(l->id) || !subscriber_link_verify(req->cfg->link_key,
	    strtoll(l->id, NULL, 10), l->purpose, l->sig))
		goto none;
	switch (store_subscriber_page(&st, l->id, &l->page)) {
	case STORE_OK:
		break;
	case STORE_NONE:
		goto none;
	case STORE_FAILED:
		http_db_unavailable(req, resp);
		return -1;
	}
	if (store_subscriber_get(&st, l->page, l->id, &l->row) != STORE_OK) {
		http_db_unavailable(req, resp);
		return -1;
	}
	db_own(req->arena, l->row);
	l->state = db_get(req->arena, l->row, 0, "state");
	l->path = arena_printf(req->arena, "%s/subscriptions/%s/%s/%s",
	    req->cfg->base_path, l->id, l->purpose, l->sig);
	return 0;
none:
	say(req, resp, 404, "Link not valid", "This link is not one of ours, or "
	    "the subscription it was for is gone.");
	return -1;
}

/* A form of one button posting to the link itself. */
static void
button(struct buf *b, const struct link *l, const char *label)
{
	buf_fmt(b, "<form method=\"post\" action=\"%a\">\n<button type=\"submit\">"
	    "%h</button>\n</form>\n", l->path, label);
}

/* The manage page's form: the choice of components, and the way out. */
static void
manage_form(struct request *req, struct response *resp, const struct link *l)
{
	struct buf	*b = &resp->body;
	json_object	*chosen;
	const char	**ids;
	char		 unsub[512];
	size_t		 i, n;

	if (req->snap != NULL) {
		chosen = json_own(req->arena, json_tokener_parse(db_get(req->arena,
		    l->row, 0, "components")));
		n = chosen != NULL ? json_object_array_length(chosen) : 0;
		ids = arena_calloc(req->arena, n + 1, sizeof(*ids));
		for (i = 0; i < n; i++)
			ids[i] = json_object_get_string(json_object_array_get_idx(chosen, i));
		buf_fmt(b, "<form method=\"post\" action=\"%a\" class=\"stack\">\n", l->path);
		ui_component_choice(b, &req->snap->model, "Tell me about",
		    strcmp(db_get(req->arena, l->row, 0, "all_components"), "t") == 0,
		    ids, n);
		buf_puts(b, "<button type=\"submit\">Save</button>\n</form>\n");
	}
	if (subscriber_link(req->cfg->link_key, req->cfg->base_url,
	    strtoll(l->id, NULL, 10), "unsubscribe", unsub, sizeof(unsub)) > 0)
		buf_fmt(b, "<p><a href=\"%a\">Unsubscribe</a></p>\n", unsub);
}

static void
ended(struct request *req, struct response *resp)
{
	say(req, resp, 200, "Unsubscribed", "This subscription has ended: nothing "
	    "more is sent to it. Subscribe again on the status page.");
}

/*
 * Confirms, or with leave unsubscribes, in a transaction of its own (the
 * connection writes only inside one); done already is no failure.  0, or
 * -1 answered (503).
 */
static int
change(struct request *req, struct response *resp, const struct link *l, int leave)
{
	struct store	st = { req->db, req->arena };

	if (db_begin(req->db) == 0 && (leave ? store_subscriber_leave(&st, l->page,
	    l->id) : store_subscriber_confirm(&st, l->id)) != STORE_FAILED &&
	    db_commit(req->db) == 0)
		return 0;
	db_rollback(req->db);
	http_db_unavailable(req, resp);
	return -1;
}

/*
 * GET /subscriptions/{id}/{purpose}/{sig}: the page of a signed link: a
 * button to confirm, the choice of components, or a button to leave.  A
 * GET changes nothing: mail scanners open links, and a confirmation they
 * could make would confirm an inbox that never asked.  200; 404 for a
 * link not signed by this page's key or a subscriber gone.
 */
void
ui_subscription(struct request *req, struct response *resp)
{
	struct link	l;

	if (link_open(req, resp, &l) == -1)
		return;
	if (strcmp(l.state, "unsubscribed") == 0) {
		ended(req, resp);
		return;
	}
	if (strcmp(l.purpose, "confirm") == 0) {
		if (strcmp(l.state, "unconfirmed") != 0) {
			say(req, resp, 200, "Confirmed", "This subscription is confirmed.");
			return;
		}
		answer(req, resp, 200, "Confirm your subscription", arena_printf(
		    req->arena, "Updates will go to %s once you confirm.",
		    db_get(req->arena, l.row, 0, "address")));
		button(&resp->body, &l, "Confirm");
	} else if (strcmp(l.purpose, "manage") == 0) {
		answer(req, resp, 200, "Your subscription", arena_printf(req->arena,
		    "Updates go to %s.", db_get(req->arena, l.row, 0, "address")));
		manage_form(req, resp, &l);
	} else {
		answer(req, resp, 200, "Unsubscribe", arena_printf(req->arena,
		    "Stop sending updates to %s?", db_get(req->arena, l.row, 0,
		    "address")));
		button(&resp->body, &l, "Unsubscribe");
	}
	answer_close(req, resp);
}

/*
 * POST /subscriptions/{id}/{purpose}/{sig}: what the link's page offers:
 * confirms, saves the choice of components (form of the manage page), or
 * unsubscribes.  The signature is the credential: no cookie, no token, so
 * RFC 8058's one-click POST (body List-Unsubscribe=One-Click) unsubscribes
 * as the button does.  Each is done once; again, it says how things
 * stand.  200; 404 as the GET; 422 for a choice of no component.
 */
void
ui_subscription_post(struct request *req, struct response *resp)
{
	struct store		 st = { req->db, req->arena };
	struct link		 l;
	const char		**ids;
	enum store_result	 r;
	size_t			 n;
	int			 all;

	if (link_open(req, resp, &l) == -1)
		return;
	if (strcmp(l.purpose, "unsubscribe") == 0) {
		if (change(req, resp, &l, 1) == -1)
			return;
		say(req, resp, 200, "Unsubscribed", "Nothing more will be sent to "
		    "this address.");
		return;
	}
	if (strcmp(l.state, "unsubscribed") == 0) {
		ended(req, resp);
		return;
	}
	if (strcmp(l.purpose, "confirm") == 0) {
		if (change(req, resp, &l, 0) == -1)
			return;
		say(req, resp, 200, "Confirmed", "This subscription is confirmed: "
		    "updates will come to this address.");
		return;
	}
	if (ui_read_component_choice(req, &all, &ids, &n) == -1) {
		answer(req, resp, 422, "Your subscription", "Tick at least one "
		    "component, or choose every component.");
		manage_form(req, resp, &l);
		answer_close(req, resp);
		return;
	}
	if (db_begin(req->db) == -1 || (r = store_subscriber_choose(&st, l.page,
	    l.id, all, ids, n)) == STORE_FAILED || (r == STORE_OK &&
	    db_commit(req->db) == -1)) {
		db_rollback(req->db);
		http_db_unavailable(req, resp);
		return;
	}
	if (r == STORE_NONE) {
		db_rollback(req->db);
		answer(req, resp, 422, "Your subscription", "One of the components "
		    "ticked is not on this page any more.");
	} else {
		/* The form shows the choice as it is now. */
		if (store_subscriber_get(&st, l.page, l.id, &l.row) != STORE_OK) {
			http_db_unavailable(req, resp);
			return;
		}
		db_own(req->arena, l.row);
		answer(req, resp, 200, "Your subscription", "Saved.");
	}
	manage_form(req, resp, &l);
	answer_close(req, resp);
}
