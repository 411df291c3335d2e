/*
 * manage-incident.h: what the console's incident screens share
 * (ui-manage-incidents.c, ui-manage-incident.c, ui-manage-templates.c):
 * their form fields, and the API bodies made of them.
 */
#ifndef LANTERN_MANAGE_INCIDENT_H
#define LANTERN_MANAGE_INCIDENT_H

#include <json-c/json.h>

struct buf;
struct notice;
struct request;
struct response;
struct write_outcome;

/*
 * Whether the snapshot holds the page every incident screen needs: 1; or
 * 0 when resp is the answer (503 without a snapshot, 404 without a page).
 */
int	incform_page(struct request *, struct response *);
/* How many incidents a page of the list holds. */
#define INCFORM_PAGE_SIZE	25

/*
 * A refusal above the forms, with the id the refused field points at
 * (aria-describedby), so a screen reader says why at that field.
 */
void	incform_refusal(struct buf *, const struct write_outcome *);
/*
 * ' aria-invalid="true" aria-describedby="form-error"' when out refused
 * the API's field api (or, if it ends with '.', one under it); else
 * nothing.  out may be NULL.
 */
void	incform_invalid(struct buf *, const struct write_outcome *,
	    const char *api);
/* A labelled control; value may be NULL.  id is also the field's name. */
void	incform_text(struct buf *, const char *id, const char *label,
	    const char *value, int maxlength, const struct write_outcome *,
	    const char *api);
void	incform_textarea(struct buf *, const char *id, const char *label,
	    const char *hint, const char *value, int rows,
	    const struct write_outcome *, const char *api);
/* The incident's statuses, selected selected (a word; NULL: the first). */
void	incform_status(struct buf *, const char *selected,
	    const struct write_outcome *);
/*
 * Each component of the page with a select of its new status ("to-ID";
 * "" leaves it), and with pick a checkbox saying the incident affects it
 * ("affects-ID").  keep: the values come from the form posted, else from
 * n (its affected components checked; NULL: none).
 */
void	incform_components(struct buf *, const struct request *, int pick,
	    int keep, const struct notice *n, const struct write_outcome *);
/* "Notify subscribers", on unless a posted form said otherwise. */
void	incform_notify(struct buf *, const struct request *, int posted);
/*
 * Into the API's incident object: "components" from the form's to-ID
 * selects and, with pick, "component_ids" from its affects-ID boxes;
 * "deliver_notifications" from its box.  *names, if names is not NULL:
 * the affected components' names, "A, B and C", for {components}.
 */
void	incform_read_components(struct request *, json_object *incident,
	    int pick, const char **names);
/* A field of the posted form, "" if absent. */
const char *incform_field(const struct request *, const char *name);
/* Adds key with value s to o unless s is empty. */
void	incform_add(json_object *o, const char *key, const char *s);

#endif
