/* handlers.h: every handler, one file each, named for its URL */
#ifndef LANTERN_HANDLERS_H
#define LANTERN_HANDLERS_H

#include "http.h"

void	ui_index(struct request *, struct response *);	/* ui-index.c */
void	ui_history(struct request *, struct response *);	/* ui-history.c */
void	ui_incident(struct request *, struct response *);	/* ui-incident.c */
void	ui_group(struct request *, struct response *);	/* ui-group.c */
void	api_healthz(struct request *, struct response *);	/* api-healthz.c */
void	api_v2_summary(struct request *, struct response *);	/* api-v2.c */
void	api_v2_status(struct request *, struct response *);	/* api-v2.c */
void	api_v2_components(struct request *, struct response *); /* api-v2.c */
void	api_v2_incidents(struct request *, struct response *);	/* api-v2.c */
void	api_v2_unresolved(struct request *, struct response *); /* api-v2.c */
void	api_v2_maintenances(struct request *, struct response *); /* api-v2.c */
void	api_v2_upcoming(struct request *, struct response *);	/* api-v2.c */
void	api_v2_active(struct request *, struct response *);	/* api-v2.c */
void	api_v2_incident(struct request *, struct response *);	/* api-v2.c */
void	api_history(struct request *, struct response *);	/* api-v2.c */
void	api_uptime(struct request *, struct response *);	/* api-uptime.c */
void	feed_history_rss(struct request *, struct response *);	/* feed-history.c */
void	feed_history_atom(struct request *, struct response *);	/* feed-history.c */
void	feed_component_rss(struct request *, struct response *); /* feed-history.c */
void	feed_component_atom(struct request *, struct response *); /* feed-history.c */
void	feed_maintenance_ics(struct request *, struct response *); /* feed-ics.c */

/*
 * The write API: one handler (write.c) running the route's write_op, each
 * declared in the file of its resource.
 */
struct write_op;
void	api_v1_write(struct request *, struct response *);	/* write.c */
/* api-v1-incidents.c */
extern const struct write_op api_v1_incident_create, api_v1_incident_update,
	    api_v1_incident_delete, api_v1_postmortem_draft,
	    api_v1_postmortem_publish, api_v1_update_edit;
/* api-v1-components.c */
extern const struct write_op api_v1_component_create, api_v1_component_update,
	    api_v1_component_delete;
/* api-v1-groups.c */
extern const struct write_op api_v1_group_create, api_v1_group_update,
	    api_v1_group_delete;
/* The console's own writes, beside their resources' (no API route). */
extern const struct write_op manage_component_move, manage_group_move;
/* api-v1-subscribers.c: the writes, and the reads (read-only keys too) */
extern const struct write_op api_v1_subscriber_create, api_v1_subscriber_delete,
	    api_v1_subscriber_resend, api_v1_subscribers_reactivate;
/* The channels ("email", ...) and the states a read filters by, NULL-ended. */
extern const char *const subscriber_channels[], *const subscriber_states[];
void	api_v1_subscribers_list(struct request *, struct response *);
void	api_v1_subscribers_count(struct request *, struct response *);
void	api_v1_subscriber_get(struct request *, struct response *);

/* Visitors' subscriptions, ui-subscribe.c: the form's POST, the signed links' pages */
void	ui_subscribe(struct request *, struct response *);
void	ui_subscribe_page(struct request *, struct response *);
void	ui_subscription(struct request *, struct response *);
void	ui_subscription_post(struct request *, struct response *);

/* The console, /manage/: ui-manage-sign-in.c, ui-manage-now.c, ui-manage-people.c */
void	ui_manage_root(struct request *, struct response *);
void	ui_manage_sign_in_form(struct request *, struct response *);
void	ui_manage_sign_in(struct request *, struct response *);
void	ui_manage_sign_out(struct request *, struct response *);
void	ui_manage_sign_out_everywhere(struct request *, struct response *);
void	ui_manage_now(struct request *, struct response *);
void	ui_manage_people(struct request *, struct response *);
void	ui_manage_component_status(struct request *, struct response *);
/* ui-manage-maintenance.c */
void	ui_manage_maintenance(struct request *, struct response *);
void	ui_manage_maintenance_new(struct request *, struct response *);
void	ui_manage_maintenance_create(struct request *, struct response *);
void	ui_manage_maintenance_show(struct request *, struct response *);
void	ui_manage_maintenance_edit(struct request *, struct response *);
void	ui_manage_maintenance_update(struct request *, struct response *);
void	ui_manage_maintenance_cancel_form(struct request *, struct response *);
void	ui_manage_maintenance_cancel(struct request *, struct response *);
/* ui-manage-components.c */
void	ui_manage_components(struct request *, struct response *);
void	ui_manage_component_new(struct request *, struct response *);
void	ui_manage_component_create(struct request *, struct response *);
void	ui_manage_component_edit_form(struct request *, struct response *);
void	ui_manage_component_edit(struct request *, struct response *);
void	ui_manage_component_delete_form(struct request *, struct response *);
void	ui_manage_component_delete(struct request *, struct response *);
void	ui_manage_component_move(struct request *, struct response *);
void	ui_manage_group_new(struct request *, struct response *);
void	ui_manage_group_create(struct request *, struct response *);
void	ui_manage_group_edit_form(struct request *, struct response *);
void	ui_manage_group_edit(struct request *, struct response *);
void	ui_manage_group_delete_form(struct request *, struct response *);
void	ui_manage_group_delete(struct request *, struct response *);
void	ui_manage_group_move(struct request *, struct response *);
/* ui-manage-incidents.c, ui-manage-incident.c, ui-manage-templates.c */
void	ui_manage_incidents(struct request *, struct response *);
void	ui_manage_incident_new(struct request *, struct response *);
void	ui_manage_incident_create(struct request *, struct response *);
void	ui_manage_incident(struct request *, struct response *);
void	ui_manage_incident_update(struct request *, struct response *);
void	ui_manage_incident_resolve(struct request *, struct response *);
void	ui_manage_update_correct(struct request *, struct response *);
void	ui_manage_postmortem_draft(struct request *, struct response *);
void	ui_manage_postmortem_publish(struct request *, struct response *);
void	ui_manage_incident_delete_form(struct request *, struct response *);
void	ui_manage_incident_delete(struct request *, struct response *);
void	ui_manage_templates(struct request *, struct response *);
void	ui_manage_template_create(struct request *, struct response *);
void	ui_manage_template(struct request *, struct response *);
void	ui_manage_template_update(struct request *, struct response *);
void	ui_manage_template_delete(struct request *, struct response *);
/* ui-manage-subscribers.c */
void	ui_manage_subscribers(struct request *, struct response *);
void	ui_manage_subscriber_add(struct request *, struct response *);
void	ui_manage_subscriber_resend(struct request *, struct response *);
void	ui_manage_subscriber_reactivate(struct request *, struct response *);
void	ui_manage_subscriber_unsubscribe_form(struct request *, struct response *);
void	ui_manage_subscriber_unsubscribe(struct request *, struct response *);
/*
 * The owner's screens: ui-manage-keys.c, ui-manage-audit.c,
 * ui-manage-settings.c, ui-manage-people.c; their writes are write_ops
 * of write-owner.c.
 */
void	ui_manage_keys(struct request *, struct response *);
void	ui_manage_key_create(struct request *, struct response *);
void	ui_manage_key_revoke_form(struct request *, struct response *);
void	ui_manage_key_revoke(struct request *, struct response *);
void	ui_manage_audit(struct request *, struct response *);
void	ui_manage_settings(struct request *, struct response *);
void	ui_manage_settings_save(struct request *, struct response *);
void	ui_manage_person_add(struct request *, struct response *);
void	ui_manage_person_change(struct request *, struct response *);
void	ui_manage_person_remove_form(struct request *, struct response *);
void	ui_manage_person_remove(struct request *, struct response *);
extern const struct write_op owner_token_create, owner_token_revoke,
	    owner_page_update, owner_person_create, owner_person_update,
	    owner_person_delete;

#endif
