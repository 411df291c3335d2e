/*
 * api-v1-subscribers.c: subscribers through Statuspage's manage API v1
 * shapes, under /v1/pages/{page_id}/subscribers: list, count, one,
 * create (confirmed at once unless asked otherwise: an operator made it),
 * unsubscribe, resend the confirmation, reactivate the quarantined.  Chat
 * channels (slack, teams, discord) and following one incident are
 * Lantern's own.
 */
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "arena.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "handlers.h"
#include "http.h"
#include "http-error.h"
#include "json.h"
#include "key.h"
#include "outbox.h"
#include "password.h"
#include "query.h"
#include "write.h"

/* The channels: Statuspage's "mode"; e-mail has an address, the rest an endpoint. */
const char *const subscriber_channels[] = { "email", "webhook", "slack",
	"teams", "discord", NULL };
const char *const subscriber_states[] = { "active", "unconfirmed", "quarantined",
	"unsubscribed", "all", NULL };

/* A time of the row, ISO 8601 in the page's zone, or null. */
static json_object *
moment(struct arena *a, const PGresult *res, int row, const char *prefix)
{
	struct moment	m = db_moment(a, res, row, prefix);

	return m.iso != NULL ? json_object_new_string(m.iso) : NULL;
}

/* Statuspage's subscriber object, and Lantern's fields after it. */
static json_object *
subscriber_row(struct arena *a, const PGresult *res, int row)
{
	json_object	*o = json_object_new_object();
	const char	*channel = db_get(a, res, row, "channel");
	const char	*address = db_get(a, res, row, "address");
	const char	*incident = db_get(a, res, row, "incident_id");
	int		 email = strcmp(channel, "email") == 0;

	json_object_object_add(o, "id", json_object_new_string(db_get(a, res, row, "id")));
	json_object_object_add(o, "mode", json_object_new_string(channel));
	json_object_object_add(o, "email", email ? json_object_new_string(address) : NULL);
	json_object_object_add(o, "endpoint", email ? NULL : json_object_new_string(address));
	json_object_object_add(o, "phone_number", NULL);
	json_object_object_add(o, "phone_country", NULL);
	json_object_object_add(o, "display_phone_number", NULL);
	json_object_object_add(o, "obfuscated_channels", NULL);
	json_object_object_add(o, "purge_at", NULL);
	json_object_object_add(o, "components", json_tokener_parse(db_get(a, res, row,
	    "components")));
	json_object_object_add(o, "page_access_user_id", NULL);
	json_object_object_add(o, "created_at", moment(a, res, row, "created"));
	json_object_object_add(o, "quarantined_at", moment(a, res, row, "quarantined"));
	json_object_object_add(o, "skip_confirmation_notification", json_object_new_boolean(
	    strcmp(db_get(a, res, row, "confirmed_at_once"), "t") == 0));
	/* Lantern's. */
	json_object_object_add(o, "state", json_object_new_string(db_get(a, res, row, "state")));
	json_object_object_add(o, "all_components", json_object_new_boolean(
	    strcmp(db_get(a, res, row, "all_components"), "t") == 0));
	json_object_object_add(o, "incident_id", incident != NULL ?
	    json_object_new_string(incident) : NULL);
	json_object_object_add(o, "confirmed_at", moment(a, res, row, "confirmed"));
	json_object_object_add(o, "unsubscribed_at", moment(a, res, row, "unsubscribed"));
	json_object_object_add(o, "consecutive_failures", json_object_new_int(
	    atoi(db_get(a, res, row, "consecutive_failures"))));
	json_object_object_add(o, "created_by", json_object_new_string(db_get(a, res, row,
	    "created_by")));
	return o;
}

static json_object *
subscriber_json(struct write *w, const char *id)
{
	PGresult	*res;
	json_object	*o;

	if (store_subscriber_get(&w->tx, w->page_id, id, &res) != STORE_OK)
		return NULL;
	o = subscriber_row(w->req->arena, res, 0);
	PQclear(res);
	return o;
}

static const struct write_resource subscriber = {
	.type = "subscriber",
	.what = "subscriber",
	.lock = &store_subscriber_lock,
	.missing = "There is no such subscriber on this page.",
	.field = "subscriber_id",
	.json = subscriber_json,
};

/*
 * A query parameter that must be one of allowed (or absent: dflt): 0, or
 * -1 with a 400 naming it.
 */
static int
query_word(struct request *req, struct response *resp, const char *key,
    const char *const *allowed, const char *dflt, const char **out)
{
	const char	*v = query_get(req->arena, req->query, key);
	size_t		 i;

	*out = dflt;
	if (v == NULL)
		return 0;
	for (i = 0; allowed[i] != NULL; i++)
		if (strcmp(v, allowed[i]) == 0) {
			*out = allowed[i];
			return 0;
		}
	http_error_field(req, resp, 400, arena_printf(req->arena, "%s must be one "
	    "of %s.", key, strcmp(key, "type") == 0 ? "email, webhook, slack, "
	    "teams, discord" : "active, unconfirmed, quarantined, unsubscribed, all"),
	    key);
	return -1;
}

/* A read's start: the key and page, then type and state from the query. */
static int
read_begin(struct write *w, struct request *req, struct response *resp,
    struct subscriber_filter *f)
{
	memset(f, 0, sizeof(*f));
	if (write_read_begin(w, req, resp) == -1 ||
	    query_word(req, resp, "type", subscriber_channels, NULL,
	    &f->channel) == -1 ||
	    query_word(req, resp, "state", subscriber_states, "active",
	    &f->state) == -1)
		return -1;
	resp->cache_control = "no-store";
	return 0;
}

/*
 * GET /v1/pages/{page_id}/subscribers[?type=&state=&limit=&page=]: the
 * page's subscribers, newest first: of one channel (type), in one state
 * (state: active, the default, unconfirmed, quarantined, unsubscribed or
 * all), limit a page (1-100, default 100), page from 1.  Read-only keys
 * may.  200 with an array; 400 naming a bad parameter; 401/403/404.
 */
void
api_v1_subscribers_list(struct request *req, struct response *resp)
{
	struct write		 w;
	struct subscriber_filter f;
	const char		*v;
	json_object		*list;
	PGresult	*res;
	long		 limit = 100, page = 1;
	int		 i;

	if (read_begin(&w, req, resp, &f) == -1)
		return;
	if ((v = query_get(req->arena, req->query, "limit")) != NULL &&
	    query_page(v, 100, &limit) == -1) {
		http_error_field(req, resp, 400, "limit must be a whole number from 1 "
		    "to 100.", "limit");
		return;
	}
	if ((v = query_get(req->arena, req->query, "page")) != NULL &&
	    query_page(v, 1000000, &page) == -1) {
		http_error_field(req, resp, 400, "page must be a whole number from 1.",
		    "page");
		return;
	}
	if (store_subscribers_list(&w.tx, w.page_id, &f, limit,
	    (page - 1) * limit, &res) != STORE_OK) {
		http_error(req, resp, 503, "The database cannot be read.");
		return;
	}
	list = json_object_new_array();
	for (i = 0; i < PQntuples(res); i++)
		json_object_array_add(list, subscriber_row(req->arena, res, i));
	PQclear(res);
	json_respond(resp, list);
}

/*
 * GET /v1/pages/{page_id}/subscribers/count[?type=&state=]: how many, as
 * {"count": N}, with the list's filters.  400/401/403/404 as the list.
 */
void
api_v1_subscribers_count(struct request *req, struct response *resp)
{
	struct write		 w;
	struct subscriber_filter f;
	const char		*count;
	json_object		*o;

	if (read_begin(&w, req, resp, &f) == -1)
		return;
	if (store_subscribers_count(&w.tx, w.page_id, &f, &count) != STORE_OK) {
		http_error(req, resp, 503, "The database cannot be read.");
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "count", json_object_new_int64(strtoll(count, NULL, 10)));
	json_respond(resp, o);
}

/*
 * GET /v1/pages/{page_id}/subscribers/{subscriber_id}: one, whatever its
 * state.  200; 404 if the page has no such subscriber.
 */
void
api_v1_subscriber_get(struct request *req, struct response *resp)
{
	struct write	 w;
	PGresult	*res;

	if (write_read_begin(&w, req, resp) == -1)
		return;
	resp->cache_control = "no-store";
	switch (store_subscriber_get(&w.tx, w.page_id, req->params[1], &res)) {
	case STORE_OK:
		json_respond(resp, subscriber_row(req->arena, res, 0));
		PQclear(res);
		return;
	case STORE_NONE:
		http_error_field(req, resp, 404, subscriber.missing, subscriber.field);
		return;
	case STORE_FAILED:
		break;
	}
	http_error(req, resp, 503, "The database cannot be read.");
}

/* Statuspage's fields, and Lantern's channel and incident_id. */
static const char *const subscriber_keys[] = { "email", "endpoint", "channel",
	"component_ids", "incident_id", "skip_confirmation_notification",
	"page_access_user", "phone_number", "phone_country", NULL };

struct subscriber_fields {
	struct subscriber_new	 s;
	const char		**ids;
	size_t			 nids;
};

static int
read_new(struct write *w, void *arg, struct input_error *err)
{
	struct subscriber_fields	*f = arg;
	json_object			*obj, *ids = NULL;
	const char			*email = NULL, *endpoint = NULL, *phone = NULL;
	const char			*why;
	int				 skip = 1;
	size_t				 i;

	if (input_object(w->body, "", "subscriber", 1, &obj, err) == -1 ||
	    input_known_keys(obj, "subscriber", subscriber_keys, err) == -1 ||
	    input_string(obj, "subscriber", "email", 0, ADDRESS_EMAIL_MAX, &email, err) == -1 ||
	    input_string(obj, "subscriber", "endpoint", 0, ADDRESS_URL_MAX, &endpoint, err) == -1 ||
	    input_enum(obj, "subscriber", "channel", 0, subscriber_channels,
	    &f->s.channel, err) == -1 ||
	    input_ids(obj, "subscriber", "component_ids", 0, &ids, err) == -1 ||
	    input_id(obj, "subscriber", "incident_id", 0, &f->s.incident, err) == -1 ||
	    input_bool(obj, "subscriber", "skip_confirmation_notification", 0,
	    &skip, err) == -1 ||
	    input_string(obj, "subscriber", "phone_number", 0, 40, &phone, err) == -1)
		return -1;
	if (phone != NULL)
		return input_fail(err, 422, "subscriber", "phone_number",
		    "is not supported: Lantern sends no SMS");
	if ((email == NULL) == (endpoint == NULL))
		return input_fail(err, 422, "subscriber", email == NULL ? "email" : "endpoint",
		    "or endpoint (one of them) is required");
	if (email != NULL && (why = address_email(email)) != NULL)
		return input_fail(err, 422, "subscriber", "email", "%s", why);
	if (endpoint != NULL && (why = address_url(endpoint,
	    w->req->cfg->notify_allow_private)) != NULL)
		return input_fail(err, 422, "subscriber", "endpoint", "%s", why);
	if (f->s.channel == NULL)
		f->s.channel = email != NULL ? "email" : "webhook";
	if ((strcmp(f->s.channel, "email") == 0) != (email != NULL))
		return input_fail(err, 422, "subscriber", "channel", email != NULL ?
		    "must be email for an e-mail address" : "must be webhook, slack, teams "
		    "or discord for an endpoint");
	f->s.address = email != NULL ? email : endpoint;
	/* Statuspage's default is to tell; an operator's here is confirmed unless asked. */
	f->s.confirmed = skip;
	f->nids = ids != NULL ? json_object_array_length(ids) : 0;
	f->s.all_components = f->nids == 0;
	f->ids = arena_calloc(w->req->arena, f->nids + 1, sizeof(*f->ids));
	for (i = 0; i < f->nids; i++)
		f->ids[i] = json_object_get_string(json_object_array_get_idx(ids, i));
	return 0;
}

static int
insert(struct write *w, void *arg, const char **id)
{
	struct subscriber_fields	*f = arg;
	unsigned char			 raw[32];
	char				*secret = arena_calloc(w->req->arena, 1, 65);
	enum store_result		 r;

	if (f->s.incident != NULL && (r = store_incident_open(&w->tx, w->page_id,
	    f->s.incident)) != STORE_OK) {
		if (r == STORE_NONE)
			write_error(w, 422, "There is no open incident of that id on this "
			    "page.", "subscriber.incident_id");
		else
			write_failed(w, "subscriber");
		return -1;
	}
	password_random(raw, sizeof(raw));
	key_hex(raw, sizeof(raw), secret);
	f->s.secret = secret;
	f->s.by_operator = 1;
	if ((r = store_subscriber_insert(&w->tx, w->page_id, &f->s, id)) == STORE_NONE) {
		write_error(w, 409, "This address is subscribed already.",
		    strcmp(f->s.channel, "email") == 0 ? "subscriber.email" :
		    "subscriber.endpoint");
		return -1;
	}
	if (write_stored(w, &subscriber, r) == -1)
		return -1;
	if ((r = store_subscriber_choose(&w->tx, w->page_id, *id, f->s.all_components,
	    f->ids, f->nids)) == STORE_NONE) {
		write_error(w, 422, "component_ids must name components of this page "
		    "(not groups).", "subscriber.component_ids");
		return -1;
	}
	if (write_stored(w, &subscriber, r) == -1 || (!f->s.confirmed &&
	    write_stored(w, &subscriber, outbox_confirmation(&w->tx, w->page_id,
	    *id)) == -1))
		return -1;
	/* The signing key, shown this once; never in the audit log. */
	w->reveal = json_own(w->req->arena, json_object_new_object());
	json_object_object_add(w->reveal, "secret", json_object_new_string(secret));
	return 0;
}

/*
 * POST /v1/pages/{page_id}/subscribers: a subscriber made by an operator,
 * confirmed at once: {"subscriber": {"email": ...}} or {"endpoint":
 * "https://..."} (channel webhook, or Lantern's slack, teams, discord),
 * component_ids to hear of only those (else all), incident_id to follow
 * one open incident until it is resolved; with
 * skip_confirmation_notification false, unconfirmed and sent the
 * confirmation instead, as a visitor's sign-up is.  201 with the subscriber and,
 * this once, its webhook signing "secret"; 409 for an address subscribed
 * already; 422 naming the field for an address or URL that is not one (a
 * URL must be https to a public address unless LANTERN_NOTIFY_ALLOW_PRIVATE),
 * an unknown component or incident, SMS.
 */
const struct write_op api_v1_subscriber_create = { NULL, &subscriber,
	"subscriber.create", 201, ANSWER_AFTER, BEFORE_NONE,
	read_new, insert, NULL, sizeof(struct subscriber_fields), NULL };

static int
leave(struct write *w, void *arg, const char **id)
{
	enum store_result	r;

	(void)arg;
	if ((r = store_subscriber_leave(&w->tx, w->page_id, *id)) == STORE_NONE) {
		write_error(w, 409, "This subscriber has unsubscribed already.",
		    "subscriber_id");
		return -1;
	}
	return write_stored(w, &subscriber, r);
}

/*
 * DELETE /v1/pages/{page_id}/subscribers/{subscriber_id}: unsubscribes
 * (kept, with unsubscribed_at; nothing more is sent to it).  200 with the
 * subscriber; 404; 409 if it has left already.
 */
const struct write_op api_v1_subscriber_delete = { &subscriber, &subscriber,
	"subscriber.unsubscribe", 200, ANSWER_AFTER, BEFORE_READ,
	NULL, leave, NULL, 0, NULL };

static int
resend(struct write *w, void *arg, const char **id)
{
	enum store_result	r;

	(void)arg;
	if ((r = outbox_confirmation(&w->tx, w->page_id, *id)) == STORE_NONE) {
		write_error(w, 409, "Only an unconfirmed subscriber is sent a "
		    "confirmation.", "subscriber_id");
		return -1;
	}
	return write_stored(w, &subscriber, r);
}

/*
 * POST /v1/pages/{page_id}/subscribers/{subscriber_id}/resend_confirmation:
 * queues the confirmation again.  201 with the subscriber; 404; 409 if it
 * is confirmed already or has left.
 */
const struct write_op api_v1_subscriber_resend = { &subscriber, &subscriber,
	"subscriber.resend_confirmation", 201, ANSWER_AFTER, BEFORE_NONE,
	NULL, resend, NULL, 0, NULL };

/* Statuspage's body: which to reactivate, and of which channel. */
static const char *const reactivate_keys[] = { "subscribers", "type", NULL };

struct reactivation {
	const char	*channel;	/* NULL: any */
	const char	**ids;		/* NULL: all */
	size_t		 nids;
};

/*
 * "subscribers": "all", an array of ids, or the ids in one string split
 * by commas (Statuspage's own clients send its field as a string).
 */
static int
read_reactivate(struct write *w, void *arg, struct input_error *err)
{
	struct reactivation	*r = arg;
	json_object		*v, *ids = NULL;
	const char		*text;
	char			*copy, *id, *save = NULL;
	size_t			 i;

	if (input_known_keys(w->body, "", reactivate_keys, err) == -1 ||
	    input_enum(w->body, "", "type", 0, subscriber_channels, &r->channel, err) == -1)
		return -1;
	if (!json_object_object_get_ex(w->body, "subscribers", &v))
		return input_fail(err, 422, "", "subscribers", "is required: an array "
		    "of subscriber ids, or \"all\"");
	if (json_object_is_type(v, json_type_string)) {
		text = json_object_get_string(v);
		if (strcmp(text, "all") == 0)
			return 0;
		copy = arena_strdup(w->req->arena, text);
		r->ids = arena_calloc(w->req->arena, strlen(text) / 2 + 2,
		    sizeof(*r->ids));
		for (id = strtok_r(copy, ",", &save); id != NULL;
		    id = strtok_r(NULL, ",", &save)) {
			id += strspn(id, " ");
			id[strcspn(id, " ")] = '\0';
			if (!input_is_id(id))
				return input_fail(err, 422, "", "subscribers", "must "
				    "be \"all\" or subscriber ids split by commas");
			r->ids[r->nids++] = id;
		}
	} else {
		if (input_ids(w->body, "", "subscribers", 1, &ids, err) == -1)
			return -1;
		r->nids = json_object_array_length(ids);
		r->ids = arena_calloc(w->req->arena, r->nids + 1, sizeof(*r->ids));
		for (i = 0; i < r->nids; i++)
			r->ids[i] = json_object_get_string(json_object_array_get_idx(ids, i));
	}
	if (r->nids == 0)
		return input_fail(err, 422, "", "subscribers", "must name at least one "
		    "subscriber, or be \"all\"");
	return 0;
}

static int
reactivate(struct write *w, void *arg, const char **id)
{
	struct reactivation	*r = arg;
	const char		*done;

	(void)id;
	if (write_stored(w, &subscriber, store_subscribers_reactivate(&w->tx,
	    w->page_id, r->channel, r->ids, r->nids, &done)) == -1)
		return -1;
	w->made = json_own(w->req->arena, json_object_new_object());
	json_object_object_add(w->made, "reactivated", json_tokener_parse(done));
	return 0;
}

/*
 * POST /v1/pages/{page_id}/subscribers/reactivate: {"subscribers": [ids]
 * or "all", "type": a channel (optional)}: quarantined subscribers of the
 * page that have not left are told again from now on (what was dropped at
 * quarantine stays dropped), their count of failures back to 0.  Ids of
 * others (active, unconfirmed, gone, another page's) change nothing.  200
 * with {"reactivated": [ids]}, those it reactivated, which the audit row
 * (subscriber.reactivate) records; Statuspage answers an empty body, which
 * no client reads, and this one says what "all" was.  422 naming the field
 * for ids that are none, an unknown type.
 */
const struct write_op api_v1_subscribers_reactivate = { NULL, &subscriber,
	"subscriber.reactivate", 200, ANSWER_MADE, BEFORE_NONE,
	read_reactivate, reactivate, NULL, sizeof(struct reactivation), NULL };
