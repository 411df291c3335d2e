/*
 * outbox.h: what a write tells subscribers, queued in the write's own
 * transaction (a transactional outbox): an event whose payload is
 * Statuspage's webhook body without "meta", and one delivery per
 * interested subscriber (store-subscriber.c).  lantern-notify delivers.
 */
#ifndef LANTERN_OUTBOX_H
#define LANTERN_OUTBOX_H

#include <json-c/json.h>

#include "store.h"

struct write;

/*
 * For a write_op's queue: an incident's or maintenance's update, the
 * incident as the API shows it (incident_updates newest first).  0, or -1
 * with w->done (rolled back: nothing is written without its deliveries).
 */
int	outbox_incident(struct write *, const char *incident, const char *update,
	    json_object *incident_json);
/* A component's status change, from the component before and after. */
int	outbox_component(struct write *, const char *component, json_object *before,
	    json_object *after);
/* A confirmation to a live, unconfirmed subscriber of page alone. */
enum store_result outbox_confirmation(struct store *, const char *page,
	    const char *subscriber);

#endif
