/* webhook.c: Statuspage's webhook body, "meta" first, then the event's payload as written */
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "message.h"
#include "webhook.h"

const char *
webhook_json_text(struct arena *a, json_object *o)
{
	const char	*s;

	s = arena_strdup(a, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

const char *
webhook_body(struct arena *a, const struct message *m)
{
	json_object	*o, *meta;

	switch (m->d->channel) {
	case CHANNEL_SLACK:
		return chat_slack(a, m);
	case CHANNEL_TEAMS:
		return chat_teams(a, m);
	case CHANNEL_DISCORD:
		return chat_discord(a, m);
	case CHANNEL_EMAIL:
	case CHANNEL_WEBHOOK:
		break;
	}
	o = json_object_new_object();
	meta = json_object_new_object();
	json_object_object_add(meta, "unsubscribe",
	    json_object_new_string(m->unsubscribe_url));
	json_object_object_add(meta, "documentation",
	    json_object_new_string(WEBHOOK_DOCUMENTATION));
	/*
	 * Lantern's own: a webhook is confirmed like an address, and its
	 * confirmation carries the key its Lantern-Signature is made with:
	 * one who subscribed it from the public page sees it nowhere else.
	 */
	if (m->d->kind == EVENT_CONFIRMATION) {
		json_object_object_add(meta, "confirm",
		    json_object_new_string(m->confirm_url));
		json_object_object_add(meta, "signing_secret",
		    json_object_new_string(m->d->secret));
	}
	json_object_object_add(o, "meta", meta);
	json_object_object_foreach(m->payload, k, v)
		json_object_object_add(o, k, json_object_get(v));
	return webhook_json_text(a, o);
}
