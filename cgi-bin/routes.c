/* routes.c: every URL the program answers, and who answers it */
#include <stddef.h>

#include "handlers.h"
#include "route.h"

const struct route routes[] = {
	/* pattern	methods		handler		json errors */
	{ "/",		HTTP_GET,	ui_index,	0 },
	{ "/history",	HTTP_GET,	ui_history,	0 },
	/* Before /incidents/{id}, which would take "42.json" as an id. */
	{ "/incidents/{id}.json", HTTP_GET, api_v2_incident, 1 },
	{ "/incidents/{id}", HTTP_GET,	ui_incident,	0 },
	{ "/history.rss", HTTP_GET,	feed_history_rss, 0 },
	{ "/history.atom", HTTP_GET,	feed_history_atom, 0 },
	{ "/components/{id}/history.rss", HTTP_GET, feed_component_rss, 0 },
	{ "/components/{id}/history.atom", HTTP_GET, feed_component_atom, 0 },
	{ "/maintenance.ics", HTTP_GET,	feed_maintenance_ics, 0 },
	{ "/healthz",	HTTP_GET,	api_healthz,	1 },
	/* The write API, Statuspage's manage API v1 shapes. */
	{ "/v1/pages/{page_id}/incidents", HTTP_POST, api_v1_incident_create, 1 },
	{ "/v1/pages/{page_id}/incidents/{incident_id}", HTTP_PATCH | HTTP_PUT,
	    api_v1_incident_update, 1 },
	{ "/v1/pages/{page_id}/incidents/{incident_id}", HTTP_DELETE,
	    api_v1_incident_delete, 1 },
	{ "/v1/pages/{page_id}/incidents/{incident_id}/postmortem", HTTP_PUT,
	    api_v1_postmortem_draft, 1 },
	{ "/v1/pages/{page_id}/incidents/{incident_id}/postmortem/publish", HTTP_PUT,
	    api_v1_postmortem_publish, 1 },
	{ "/v1/pages/{page_id}/incidents/{incident_id}/incident_updates/{incident_update_id}",
	    HTTP_PATCH | HTTP_PUT, api_v1_update_edit, 1 },
	{ "/v1/pages/{page_id}/components", HTTP_POST, api_v1_component_create, 1 },
	{ "/v1/pages/{page_id}/components/{component_id}", HTTP_PATCH | HTTP_PUT,
	    api_v1_component_update, 1 },
	{ "/v1/pages/{page_id}/components/{component_id}", HTTP_DELETE,
	    api_v1_component_delete, 1 },
	{ "/v1/pages/{page_id}/component-groups", HTTP_POST, api_v1_group_create, 1 },
	{ "/v1/pages/{page_id}/component-groups/{group_id}", HTTP_PATCH | HTTP_PUT,
	    api_v1_group_update, 1 },
	{ "/v1/pages/{page_id}/component-groups/{group_id}", HTTP_DELETE,
	    api_v1_group_delete, 1 },
	/* Statuspage's public API v2 (api-v2.c), and Lantern's own JSON. */
	{ "/api/v2/summary.json", HTTP_GET, api_v2_summary, 1 },
	{ "/api/v2/status.json", HTTP_GET, api_v2_status, 1 },
	{ "/api/v2/components.json", HTTP_GET, api_v2_components, 1 },
	{ "/api/v2/incidents.json", HTTP_GET, api_v2_incidents, 1 },
	{ "/api/v2/incidents/unresolved.json", HTTP_GET, api_v2_unresolved, 1 },
	{ "/api/v2/scheduled-maintenances.json", HTTP_GET, api_v2_maintenances, 1 },
	{ "/api/v2/scheduled-maintenances/upcoming.json", HTTP_GET, api_v2_upcoming, 1 },
	{ "/api/v2/scheduled-maintenances/active.json", HTTP_GET, api_v2_active, 1 },
	{ "/history.json", HTTP_GET,	api_history,	1 },
	{ "/api/uptime.json", HTTP_GET,	api_uptime,	1 },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
