/* ctl-component.c: lanternctl component set, over HTTP */
#include <stdio.h>
#include <string.h>

#include "ctl-api.h"

static void
usage_component(FILE *f)
{
	fputs("usage: lanternctl [--url URL] [--key-file FILE] [--page ID] [--json] component set C STATUS\n"
	    "\n"
	    "Sets the status of component C (its id, or its name in any case)\n"
	    "through the server's write API.  STATUS is operational,\n"
	    "degraded_performance, partial_outage, major_outage or\n"
	    "under_maintenance.  --json prints the server's component object.\n"
	    "\n"
	    "The server is --url or LANTERN_URL; the key LANTERN_API_KEY or\n"
	    "--key-file (default $XDG_CONFIG_HOME/lantern/key, mode 600); the page\n"
	    "--page or LANTERN_PAGE_ID, else the only page.\n"
	    "\n"
	    "exit status: 0 ok, 64 usage, 65 bad status, unknown or ambiguous\n"
	    "component, or refused by the server, 66 not found, 69 server\n"
	    "unreachable or failing, 75 rate limited, 77 key refused, 78 setting\n"
	    "missing or invalid.\n", f);
}

/* PATCH /v1/pages/{page}/components/{id} {"component": {"status"}}. */
static int
component_set(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "component set";
	char		 path[128], id[64], name[512], st[64];
	json_object	*req = NULL, *comp, *ans = NULL, *obj;
	struct ctl_api	 api;
	int		 c, rc;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":h",
	    ctl_api_longopts)) != -1) {
		if (c == 'h') {
			usage_component(stdout);
			return CTL_OK;
		}
		return ctl_usage_error(cmd);
	}
	if (argc - optind != 2) {
		ctl_warnx("%s: give a component and a status, e.g. "
		    "'component set API major_outage'", cmd);
		return ctl_usage_error(cmd);
	}
	if (!ctl_api_component_status(argv[optind + 1])) {
		ctl_warnx("%s: '%s' is not a component status: operational, "
		    "degraded_performance, partial_outage, major_outage or "
		    "under_maintenance", cmd, argv[optind + 1]);
		return CTL_DATAERR;
	}
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;
	if ((rc = ctl_api_component(&api, argv[optind], id, sizeof(id))) != CTL_OK)
		goto done;

	req = json_object_new_object();
	comp = json_object_new_object();
	json_object_object_add(req, "component", comp);
	json_object_object_add(comp, "status",
	    json_object_new_string(argv[optind + 1]));
	snprintf(path, sizeof(path), "/v1/pages/%s/components/%s", api.page, id);
	if ((rc = ctl_api_call(&api, "PATCH", path, req, &ans)) != CTL_OK)
		goto done;
	if (!ctl_api_print_json(ctl, ans)) {
		obj = ctl_api_object(ans, "component");
		ctl_api_text(obj, "name", name, sizeof(name));
		ctl_api_text(obj, "status", st, sizeof(st));
		printf("component %s %s: %s\n", id, *name != '\0' ? name :
		    argv[optind], *st != '\0' ? st : argv[optind + 1]);
	}
done:
	json_object_put(req);
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

/* lanternctl component COMMAND ...: only "set" for now. */
int
ctl_component(struct ctl *ctl, int argc, char **argv)
{
	return ctl_noun(ctl, "component", ctl_api_longopts, usage_component,
	    &(const struct ctl_command){ "set", component_set, NULL }, 1, argc,
	    argv);
}
