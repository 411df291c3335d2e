/* routes.c: every URL the program answers, and who answers it */
#include <stddef.h>

#include "handlers.h"
#include "route.h"

const struct route routes[] = {
	/* pattern	methods		handler		json errors */
	{ "/",		HTTP_GET,	ui_index,	0 },
	{ "/history",	HTTP_GET,	ui_history,	0 },
	{ "/incidents/{id}", HTTP_GET,	ui_incident,	0 },
	{ "/healthz",	HTTP_GET,	api_healthz,	1 },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
