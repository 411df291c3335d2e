/* handlers.h: every handler, one file each, named for its URL */
#ifndef LANTERN_HANDLERS_H
#define LANTERN_HANDLERS_H

#include "http.h"

void	ui_index(struct request *, struct response *);	/* ui-index.c */
void	ui_history(struct request *, struct response *);	/* ui-history.c */
void	ui_incident(struct request *, struct response *);	/* ui-incident.c */
void	api_healthz(struct request *, struct response *);	/* api-healthz.c */

#endif
