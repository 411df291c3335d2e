/* outbox.c: what a write tells subscribers, queued in its transaction */
#include <string.h>

#include "arena.h"
#include "json.h"
#include "model.h"
#include "notices.h"
#include "outbox.h"
#include "write.h"

/*
 * Statuspage's page object of a webhook: {id, status_indicator,
 * status_description}, as the write leaves the page (read in its
 * transaction).  NULL if it cannot be read.
 */
static json_object *
page_json(struct store *st)
{
	struct overall_status	 o;
	struct notices		 open;
	struct model		 m;
	json_object		*p;

	if (model_load(st->db, st->arena, &m) != MODEL_OK ||
	    notices_load_open(st->db, st->arena, &m.page, &open) != MODEL_OK)
		return NULL;
	o = notices_overall(st->arena, &m, &open);
	p = json_object_new_object();
	json_object_object_add(p, "id", json_object_new_string(m.page.id));
	json_object_object_add(p, "status_indicator",
	    json_object_new_string(indicator_name(o.indicator)));
	json_object_object_add(p, "status_description",
	    json_object_new_string(o.description));
	return p;
}

/* {"page": ..., key: value}: the event's payload as JSON text, or NULL. */
static const char *
payload(struct store *st, const char *key, json_object *value, const char *key2,
    json_object *value2)
{
	json_object	*o, *page;

	if ((page = page_json(st)) == NULL) {
		json_object_put(value);
		json_object_put(value2);
		return NULL;
	}
	o = json_own(st->arena, json_object_new_object());
	json_object_object_add(o, "page", page);
	json_object_object_add(o, key, value);
	if (key2 != NULL)
		json_object_object_add(o, key2, value2);
	return arena_strdup(st->arena, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
}

int
outbox_incident(struct write *w, const char *incident, const char *update,
    json_object *incident_json)
{
	const char	*body;
	long long	 queued;

	if ((body = payload(&w->tx, "incident", json_object_get(incident_json),
	    NULL, NULL)) == NULL ||
	    store_outbox_incident(&w->tx, w->page_id, incident, update, body,
	    &queued) != STORE_OK) {
		write_failed(w, "notifications");
		return -1;
	}
	return 0;
}

/* A field of o as a new string object, or null. */
static json_object *
field(json_object *o, const char *key)
{
	json_object	*v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get(v) : NULL;
}

int
outbox_component(struct write *w, const char *component, json_object *before,
    json_object *after)
{
	json_object	*old = NULL, *new = NULL, *update, *c;
	const char	*change, *body;
	long long	 queued;

	json_object_object_get_ex(before, "status", &old);
	json_object_object_get_ex(after, "status", &new);
	if (old == NULL || new == NULL || strcmp(json_object_get_string(old),
	    json_object_get_string(new)) == 0)
		return 0;
	if (store_component_change(&w->tx, component, &change) != STORE_OK)
		goto failed;
	/* Statuspage's component_update and component objects, field for field. */
	update = json_object_new_object();
	json_object_object_add(update, "created_at", field(after, "updated_at"));
	json_object_object_add(update, "new_status", json_object_get(new));
	json_object_object_add(update, "old_status", json_object_get(old));
	json_object_object_add(update, "id", json_object_new_string(change));
	json_object_object_add(update, "component_id", json_object_new_string(component));
	c = json_object_new_object();
	json_object_object_add(c, "created_at", field(after, "created_at"));
	json_object_object_add(c, "id", json_object_new_string(component));
	json_object_object_add(c, "name", field(after, "name"));
	json_object_object_add(c, "status", json_object_get(new));
	if ((body = payload(&w->tx, "component_update", update, "component", c)) == NULL ||
	    store_outbox_component(&w->tx, w->page_id, component, body,
	    &queued) != STORE_OK)
		goto failed;
	return 0;
failed:
	write_failed(w, "notifications");
	return -1;
}

enum store_result
outbox_confirmation(struct store *st, const char *page, const char *subscriber)
{
	json_object	*s = json_object_new_object();
	const char	*body;

	json_object_object_add(s, "id", json_object_new_string(subscriber));
	if ((body = payload(st, "subscriber", s, NULL, NULL)) == NULL)
		return STORE_FAILED;
	return store_outbox_confirmation(st, page, subscriber, body);
}
