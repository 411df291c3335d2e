/*
 * webhook.h: the bodies of HTTP deliveries.  A webhook gets Statuspage's
 * payload ("meta", "page", and "incident" or "component_update" with
 * "component"), so consumers written for Statuspage work unchanged; chat
 * services get their own incoming-webhook formats (chat.c).
 */
#ifndef LANTERN_NOTIFY_WEBHOOK_H
#define LANTERN_NOTIFY_WEBHOOK_H

#include <json-c/json.h>

struct arena;
struct message;

/* Where meta.documentation points: the shape is Statuspage's. */
#define WEBHOOK_DOCUMENTATION \
	"https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/"

/* The JSON body for m's channel, in arena a. */
const char	*webhook_body(struct arena *a, const struct message *m);

/* The chat formats (chat.c): Slack and its kin, Teams, Discord. */
const char	*chat_slack(struct arena *a, const struct message *m);
const char	*chat_teams(struct arena *a, const struct message *m);
const char	*chat_discord(struct arena *a, const struct message *m);

/* o as compact JSON in arena a; o is released. */
const char	*webhook_json_text(struct arena *a, json_object *o);

#endif
