/* routes.c: every URL the program answers, who answers it, and what it needs */
#include <stddef.h>

#include "handlers.h"
#include "route.h"

/* Public reads: from the snapshot, each rendered once per snapshot. */
#define PAGE	(ROUTE_SNAPSHOT | ROUTE_ONCE | ROUTE_HTML)
#define API	(ROUTE_SNAPSHOT | ROUTE_ONCE | ROUTE_JSON | ROUTE_CORS)
#define FEED	(ROUTE_SNAPSHOT | ROUTE_ONCE | ROUTE_CORS)
/*
 * The write API, Statuspage's manage API v1 shapes: one handler,
 * api_v1_write(), runs each write as its write_op (arg) declares it.
 */
#define WRITE	(ROUTE_JSON | ROUTE_KEY | ROUTE_WRITE)
#define WRITE_BODY (ROUTE_JSON | ROUTE_KEY | ROUTE_WRITE | ROUTE_BODY)

/* The console: the writing connection (sessions are written), never cached. */
#define MANAGE	(ROUTE_WRITE | ROUTE_SESSION)
/* The owner's screens (an editor gets 403), and their forms. */
#define OWNER_GET	(MANAGE | ROUTE_OWNER | ROUTE_PEEK)
#define OWNER_POST	(MANAGE | ROUTE_OWNER | ROUTE_BODY | ROUTE_PEEK)

/* A widget polling every minute sees a change within half of it. */
#define SHORT	"public, max-age=30"

const struct route routes[] = {
	/* pattern	methods		handler		flags	Cache-Control, query, arg */
	{ "/",		HTTP_GET,	ui_index,	PAGE,	"public, max-age=10", NULL, NULL },
	{ "/history",	HTTP_GET,	ui_history,	PAGE,	SHORT,	"from before", NULL },
	/* Before /incidents/{id}, which would take "42.json" as an id. */
	{ "/incidents/{id}.json", HTTP_GET, api_v2_incident, API | ROUTE_FILE, SHORT, NULL, NULL },
	{ "/incidents/{id}", HTTP_GET,	ui_incident,	PAGE | ROUTE_FILE, SHORT, NULL, NULL },
	{ "/groups/{id}", HTTP_GET,	ui_group,	PAGE | ROUTE_FILE, SHORT, NULL, NULL },
	{ "/history.rss", HTTP_GET,	feed_history_rss, FEED,	"public, max-age=60", NULL, NULL },
	{ "/history.atom", HTTP_GET,	feed_history_atom, FEED, "public, max-age=60", NULL, NULL },
	{ "/components/{id}/history.rss", HTTP_GET, feed_component_rss, FEED,
	    "public, max-age=60", NULL, NULL },
	{ "/components/{id}/history.atom", HTTP_GET, feed_component_atom, FEED,
	    "public, max-age=60", NULL, NULL },
	{ "/maintenance.ics", HTTP_GET,	feed_maintenance_ics, FEED,
	    "public, max-age=300", NULL, NULL },
	/* Asks the database itself: never from the snapshot, never kept. */
	{ "/healthz",	HTTP_GET,	api_healthz,	ROUTE_JSON | ROUTE_PEEK,
	    "no-store", NULL, NULL },
	{ "/v1/pages/{page_id}/incidents", HTTP_POST, api_v1_write,
	    WRITE_BODY, "no-store", NULL, &api_v1_incident_create },
	{ "/v1/pages/{page_id}/incidents/{incident_id}", HTTP_PATCH | HTTP_PUT,
	    api_v1_write, WRITE_BODY, "no-store", NULL, &api_v1_incident_update },
	{ "/v1/pages/{page_id}/incidents/{incident_id}", HTTP_DELETE,
	    api_v1_write, WRITE, "no-store", NULL, &api_v1_incident_delete },
	{ "/v1/pages/{page_id}/incidents/{incident_id}/postmortem", HTTP_PUT,
	    api_v1_write, WRITE_BODY, "no-store", NULL, &api_v1_postmortem_draft },
	{ "/v1/pages/{page_id}/incidents/{incident_id}/postmortem/publish", HTTP_PUT,
	    api_v1_write, WRITE_BODY, "no-store", NULL, &api_v1_postmortem_publish },
	{ "/v1/pages/{page_id}/incidents/{incident_id}/incident_updates/{incident_update_id}",
	    HTTP_PATCH | HTTP_PUT, api_v1_write, WRITE_BODY, "no-store", NULL,
	    &api_v1_update_edit },
	{ "/v1/pages/{page_id}/components", HTTP_POST, api_v1_write,
	    WRITE_BODY, "no-store", NULL, &api_v1_component_create },
	{ "/v1/pages/{page_id}/components/{component_id}", HTTP_PATCH | HTTP_PUT,
	    api_v1_write, WRITE_BODY, "no-store", NULL, &api_v1_component_update },
	{ "/v1/pages/{page_id}/components/{component_id}", HTTP_DELETE,
	    api_v1_write, WRITE, "no-store", NULL, &api_v1_component_delete },
	{ "/v1/pages/{page_id}/component-groups", HTTP_POST, api_v1_write,
	    WRITE_BODY, "no-store", NULL, &api_v1_group_create },
	{ "/v1/pages/{page_id}/component-groups/{group_id}", HTTP_PATCH | HTTP_PUT,
	    api_v1_write, WRITE_BODY, "no-store", NULL, &api_v1_group_update },
	{ "/v1/pages/{page_id}/component-groups/{group_id}", HTTP_DELETE,
	    api_v1_write, WRITE, "no-store", NULL, &api_v1_group_delete },
	/*
	 * Subscribers (api-v1-subscribers.c): reads on the writing connection
	 * (the reader may not see subscribers), read-only keys allowed;
	 * /count and /reactivate before /{subscriber_id}, which would take
	 * them for ids.
	 */
	{ "/v1/pages/{page_id}/subscribers", HTTP_GET, api_v1_subscribers_list,
	    WRITE, "no-store", NULL, NULL },
	{ "/v1/pages/{page_id}/subscribers", HTTP_POST, api_v1_write,
	    WRITE_BODY, "no-store", NULL, &api_v1_subscriber_create },
	{ "/v1/pages/{page_id}/subscribers/count", HTTP_GET, api_v1_subscribers_count,
	    WRITE, "no-store", NULL, NULL },
	{ "/v1/pages/{page_id}/subscribers/reactivate", HTTP_POST, api_v1_write,
	    WRITE_BODY, "no-store", NULL, &api_v1_subscribers_reactivate },
	{ "/v1/pages/{page_id}/subscribers/{subscriber_id}", HTTP_GET,
	    api_v1_subscriber_get, WRITE, "no-store", NULL, NULL },
	{ "/v1/pages/{page_id}/subscribers/{subscriber_id}", HTTP_DELETE,
	    api_v1_write, WRITE, "no-store", NULL, &api_v1_subscriber_delete },
	{ "/v1/pages/{page_id}/subscribers/{subscriber_id}/resend_confirmation",
	    HTTP_POST, api_v1_write, WRITE, "no-store", NULL, &api_v1_subscriber_resend },
	/*
	 * Visitors' subscriptions (ui-subscribe.c): writes on the writing
	 * connection, never cached (nginx passes them by too), the page's name
	 * from the snapshot when there is one.  A signed link's GET shows a
	 * button; only its POST changes anything.
	 */
	{ "/subscribe",	HTTP_GET,	ui_subscribe_page, PAGE, "public, max-age=60",
	    NULL, NULL },
	{ "/subscribe",	HTTP_POST,	ui_subscribe,
	    ROUTE_WRITE | ROUTE_BODY | ROUTE_PEEK | ROUTE_HTML, "no-store", NULL, NULL },
	{ "/subscriptions/{subscriber_id}/{purpose}/{sig}", HTTP_GET, ui_subscription,
	    ROUTE_WRITE | ROUTE_PEEK | ROUTE_HTML, "no-store", NULL, NULL },
	{ "/subscriptions/{subscriber_id}/{purpose}/{sig}", HTTP_POST,
	    ui_subscription_post, ROUTE_WRITE | ROUTE_BODY | ROUTE_PEEK | ROUTE_HTML,
	    "no-store", NULL, NULL },
	/* The web console (ui-manage-*.c): people signed in, over HTTPS. */
	{ "/manage",	HTTP_GET,	ui_manage_root,	0,	"no-store", NULL, NULL },
	{ "/manage/",	HTTP_GET,	ui_manage_now,	MANAGE | ROUTE_PEEK,
	    "no-store", NULL, NULL },
	/* Console writes: the snapshot is peeked for the page, and waited for. */
	{ "/manage/components/{id}/status", HTTP_POST, ui_manage_component_status,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	/* Maintenance, components and groups (ui-manage-maintenance.c, -components.c). */
#define SCREEN	(MANAGE | ROUTE_PEEK)
#define FORM	(MANAGE | ROUTE_BODY | ROUTE_PEEK)
	{ "/manage/maintenance", HTTP_GET, ui_manage_maintenance, SCREEN, "no-store", NULL, NULL },
	{ "/manage/maintenance/new", HTTP_GET, ui_manage_maintenance_new, SCREEN,
	    "no-store", NULL, NULL },
	{ "/manage/maintenance/new", HTTP_POST, ui_manage_maintenance_create, FORM,
	    "no-store", NULL, NULL },
	{ "/manage/maintenance/{id}", HTTP_GET, ui_manage_maintenance_show, SCREEN,
	    "no-store", NULL, NULL },
	{ "/manage/maintenance/{id}", HTTP_POST, ui_manage_maintenance_edit, FORM,
	    "no-store", NULL, NULL },
	{ "/manage/maintenance/{id}/update", HTTP_POST, ui_manage_maintenance_update,
	    FORM, "no-store", NULL, NULL },
	{ "/manage/maintenance/{id}/cancel", HTTP_GET, ui_manage_maintenance_cancel_form,
	    SCREEN, "no-store", NULL, NULL },
	{ "/manage/maintenance/{id}/cancel", HTTP_POST, ui_manage_maintenance_cancel,
	    FORM, "no-store", NULL, NULL },
	{ "/manage/components", HTTP_GET, ui_manage_components, SCREEN, "no-store", NULL, NULL },
	{ "/manage/components/new", HTTP_GET, ui_manage_component_new, SCREEN,
	    "no-store", NULL, NULL },
	{ "/manage/components/new", HTTP_POST, ui_manage_component_create, FORM,
	    "no-store", NULL, NULL },
	{ "/manage/components/{id}", HTTP_GET, ui_manage_component_edit_form, SCREEN,
	    "no-store", NULL, NULL },
	{ "/manage/components/{id}", HTTP_POST, ui_manage_component_edit, FORM,
	    "no-store", NULL, NULL },
	{ "/manage/components/{id}/move", HTTP_POST, ui_manage_component_move, FORM,
	    "no-store", NULL, NULL },
	{ "/manage/components/{id}/delete", HTTP_GET, ui_manage_component_delete_form,
	    SCREEN, "no-store", NULL, NULL },
	{ "/manage/components/{id}/delete", HTTP_POST, ui_manage_component_delete,
	    FORM, "no-store", NULL, NULL },
	{ "/manage/groups/new", HTTP_GET, ui_manage_group_new, SCREEN, "no-store", NULL, NULL },
	{ "/manage/groups/new", HTTP_POST, ui_manage_group_create, FORM, "no-store", NULL, NULL },
	{ "/manage/groups/{id}", HTTP_GET, ui_manage_group_edit_form, SCREEN,
	    "no-store", NULL, NULL },
	{ "/manage/groups/{id}", HTTP_POST, ui_manage_group_edit, FORM, "no-store", NULL, NULL },
	{ "/manage/groups/{id}/move", HTTP_POST, ui_manage_group_move, FORM,
	    "no-store", NULL, NULL },
	{ "/manage/groups/{id}/delete", HTTP_GET, ui_manage_group_delete_form, SCREEN,
	    "no-store", NULL, NULL },
	{ "/manage/groups/{id}/delete", HTTP_POST, ui_manage_group_delete, FORM,
	    "no-store", NULL, NULL },
	/* Incidents (ui-manage-incidents.c, ui-manage-incident.c): "new" before {id}. */
	{ "/manage/incidents", HTTP_GET, ui_manage_incidents, MANAGE | ROUTE_PEEK,
	    "no-store", "page", NULL },
	{ "/manage/incidents/new", HTTP_GET, ui_manage_incident_new,
	    MANAGE | ROUTE_PEEK, "no-store", "template", NULL },
	{ "/manage/incidents/new", HTTP_POST, ui_manage_incident_create,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/incidents/{id}", HTTP_GET, ui_manage_incident,
	    MANAGE | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/incidents/{id}/update", HTTP_POST, ui_manage_incident_update,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/incidents/{id}/resolve", HTTP_POST, ui_manage_incident_resolve,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/incidents/{id}/updates/{update_id}", HTTP_POST,
	    ui_manage_update_correct, MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store",
	    NULL, NULL },
	{ "/manage/incidents/{id}/postmortem", HTTP_POST, ui_manage_postmortem_draft,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/incidents/{id}/postmortem/publish", HTTP_POST,
	    ui_manage_postmortem_publish, MANAGE | ROUTE_BODY | ROUTE_PEEK,
	    "no-store", NULL, NULL },
	{ "/manage/incidents/{id}/delete", HTTP_GET, ui_manage_incident_delete_form,
	    MANAGE | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/incidents/{id}/delete", HTTP_POST, ui_manage_incident_delete,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	/* Subscribers (ui-manage-subscribers.c): editors' too. */
	{ "/manage/subscribers", HTTP_GET, ui_manage_subscribers, SCREEN, "no-store",
	    "state type q page", NULL },
	{ "/manage/subscribers", HTTP_POST, ui_manage_subscriber_add, FORM,
	    "no-store", NULL, NULL },
	{ "/manage/subscribers/{id}/resend", HTTP_POST, ui_manage_subscriber_resend,
	    FORM, "no-store", NULL, NULL },
	{ "/manage/subscribers/{id}/reactivate", HTTP_POST,
	    ui_manage_subscriber_reactivate, FORM, "no-store", NULL, NULL },
	{ "/manage/subscribers/{id}/unsubscribe", HTTP_GET,
	    ui_manage_subscriber_unsubscribe_form, SCREEN, "no-store", NULL, NULL },
	{ "/manage/subscribers/{id}/unsubscribe", HTTP_POST,
	    ui_manage_subscriber_unsubscribe, FORM, "no-store", NULL, NULL },
	/* Incident templates (ui-manage-templates.c): editors' too. */
	{ "/manage/templates", HTTP_GET, ui_manage_templates, MANAGE | ROUTE_PEEK,
	    "no-store", NULL, NULL },
	{ "/manage/templates", HTTP_POST, ui_manage_template_create,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/templates/{id}", HTTP_GET, ui_manage_template,
	    MANAGE | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/templates/{id}", HTTP_POST, ui_manage_template_update,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	{ "/manage/templates/{id}/delete", HTTP_POST, ui_manage_template_delete,
	    MANAGE | ROUTE_BODY | ROUTE_PEEK, "no-store", NULL, NULL },
	/* The owner's screens: keys, audit log, settings, people (ui-manage-*.c). */
	{ "/manage/people", HTTP_GET,	ui_manage_people, OWNER_GET,
	    "no-store", NULL, NULL },
	{ "/manage/people", HTTP_POST,	ui_manage_person_add, OWNER_POST,
	    "no-store", NULL, NULL },
	{ "/manage/people/{id}", HTTP_POST, ui_manage_person_change, OWNER_POST,
	    "no-store", NULL, NULL },
	{ "/manage/people/{id}/remove", HTTP_GET, ui_manage_person_remove_form,
	    OWNER_GET, "no-store", NULL, NULL },
	{ "/manage/people/{id}/remove", HTTP_POST, ui_manage_person_remove,
	    OWNER_POST, "no-store", NULL, NULL },
	{ "/manage/keys", HTTP_GET,	ui_manage_keys,	OWNER_GET, "no-store", NULL, NULL },
	{ "/manage/keys", HTTP_POST,	ui_manage_key_create, OWNER_POST, "no-store",
	    NULL, NULL },
	{ "/manage/keys/{id}/revoke", HTTP_GET, ui_manage_key_revoke_form, OWNER_GET,
	    "no-store", NULL, NULL },
	{ "/manage/keys/{id}/revoke", HTTP_POST, ui_manage_key_revoke, OWNER_POST,
	    "no-store", NULL, NULL },
	{ "/manage/audit", HTTP_GET,	ui_manage_audit, OWNER_GET, "no-store",
	    "type id person before", NULL },
	{ "/manage/settings", HTTP_GET,	ui_manage_settings, OWNER_GET, "no-store",
	    NULL, NULL },
	{ "/manage/settings", HTTP_POST, ui_manage_settings_save, OWNER_POST,
	    "no-store", NULL, NULL },
	{ "/manage/sign-in", HTTP_GET,	ui_manage_sign_in_form, 0, "no-store", NULL,
	    NULL },
	{ "/manage/sign-in", HTTP_POST,	ui_manage_sign_in, ROUTE_WRITE | ROUTE_BODY,
	    "no-store", NULL, NULL },
	{ "/manage/sign-out", HTTP_POST, ui_manage_sign_out, MANAGE | ROUTE_BODY,
	    "no-store", NULL, NULL },
	{ "/manage/sign-out-everywhere", HTTP_POST, ui_manage_sign_out_everywhere,
	    MANAGE | ROUTE_BODY, "no-store", NULL, NULL },
	/* Statuspage's public API v2 (api-v2.c), and Lantern's own JSON. */
	{ "/api/v2/summary.json", HTTP_GET, api_v2_summary, API, SHORT, NULL, NULL },
	{ "/api/v2/status.json", HTTP_GET, api_v2_status, API, SHORT, NULL, NULL },
	{ "/api/v2/components.json", HTTP_GET, api_v2_components, API, SHORT, NULL, NULL },
	{ "/api/v2/incidents.json", HTTP_GET, api_v2_incidents, API, SHORT, NULL, NULL },
	{ "/api/v2/incidents/unresolved.json", HTTP_GET, api_v2_unresolved, API,
	    SHORT, NULL, NULL },
	{ "/api/v2/scheduled-maintenances.json", HTTP_GET, api_v2_maintenances, API,
	    SHORT, NULL, NULL },
	{ "/api/v2/scheduled-maintenances/upcoming.json", HTTP_GET, api_v2_upcoming,
	    API, SHORT, NULL, NULL },
	{ "/api/v2/scheduled-maintenances/active.json", HTTP_GET, api_v2_active,
	    API, SHORT, NULL, NULL },
	{ "/history.json", HTTP_GET,	api_history,	API,	SHORT,	"page before", NULL },
	{ "/api/uptime.json", HTTP_GET,	api_uptime,	API,	SHORT,	NULL, NULL },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
