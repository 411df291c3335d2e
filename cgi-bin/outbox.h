/*
 * outbox.h: what a write tells subscribers, queued in the write's own
 * transaction (a transactional outbox): an event whose payload is
 * Statuspage's webhook body without "meta", and whom it concerns
 * (store-subscriber.c).  lantern-notify makes one delivery per interested
 * subscriber of it, and delivers.
 */
#ifndef LANTERN_OUTBOX_H
#define LANTERN_OUTBOX_H

#include <json-c/json.h>

#include "store.h"

struct config;
struct write;

/*
 * For a write_op's queue: an incident's or maintenance's update (NULL:
 * its postmortem), the incident as the API shows it (incident_updates
 * newest first), and each component the update moved
 * (store_components_move()) as its own change.  0, or -1 with w->done
 * (rolled back: nothing is written without its events).
 */
int	outbox_incident(struct write *, const char *incident, const char *update,
	    json_object *incident_json, const struct component_move *, size_t);
/* A component's status change, from the component before and after. */
int	outbox_component(struct write *, const char *component, json_object *before,
	    json_object *after);
/*
 * An update the program made by itself (the ticker's maintenance moves),
 * in st's transaction; update NULL: the incident's postmortem.
 */
enum store_result outbox_notice(struct store *, const struct config *,
	    const char *page, const char *incident, const char *update);
/* A confirmation to a live, unconfirmed subscriber of page alone. */
enum store_result outbox_confirmation(struct store *, const char *page,
	    const char *subscriber);

#endif
