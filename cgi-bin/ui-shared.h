/* ui-shared.h: pieces of HTML more than one page draws */
#ifndef LANTERN_UI_SHARED_H
#define LANTERN_UI_SHARED_H

#include <stddef.h>
#include <time.h>

#include "model.h"
#include "notices.h"

struct arena;
struct buf;
struct request;
struct snapshot;

/* <time datetime="ISO">as the page shows it</time>, or nothing if unset. */
void	ui_time(struct buf *, const struct moment *);
/* A status in words with its icon; never colour alone. */
void	ui_component_status(struct buf *, enum component_status);
/* <a href=".../incidents/ID">name</a> */
void	ui_notice_link(struct buf *, const struct request *, const struct notice *);
/* Postmortem and updates, newest first; Markdown under heading_base. */
void	ui_notice_updates(struct buf *, const struct notice *, int heading_base);
/* The daily bar of a component named name, one cell a day, with a tooltip each. */
void	ui_uptime_bar(struct buf *, const char *name,
	    const struct uptime_day *days, size_t ndays);
/* The bar of the group named name: components from..to-1 of m (ui-shared.c). */
void	ui_group_bar(struct buf *, struct arena *, const struct model *,
	    size_t from, size_t to, const char *name, const char *first);
/*
 * A component's row: name, status, description, and its bar from first on
 * if it is showcased (Statuspage's "display uptime").
 */
void	ui_component_row(struct buf *, const struct component *, const char *first);
/* Whether the page shows it: only_show_if_degraded hides it while all is well. */
int	ui_component_shown(const struct component *);
/* Last-Modified of a page with bars, which move at midnight and in an outage. */
time_t	ui_bars_modified(const struct snapshot *);
/* "Jan 19, 2026" from "2026-01-19"; "Jan 2026" from "2026-01". */
void	ui_date(struct buf *, const char *ymd);
/*
 * The subscribe form (ui-subscribe.c): to the page, choosing components
 * from m; or, with follow, to that one incident.  Static HTML: the same
 * for every visitor, so the page holding it is rendered once.
 */
void	ui_subscribe_form(struct buf *, const struct request *, const struct model *,
	    const struct notice *follow);
/*
 * A subscription's components, ui-subscribe.c: "components" all or some,
 * with a box to tick for each component of m (those of chosen ticked),
 * under legend; and the form's choice read back (ids only: anything else
 * is no component), -1 if "some" has none ticked.
 */
void	ui_component_choice(struct buf *, const struct model *, const char *legend,
	    int all, const char *const *chosen, size_t nchosen);
int	ui_read_component_choice(struct request *, int *all, const char ***ids,
	    size_t *n);
/* "Feb" from "2026-02". */
void	ui_month_name(struct buf *, const char *ym);

#endif
