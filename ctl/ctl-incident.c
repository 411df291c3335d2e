/* ctl-incident.c: lanternctl incident open|update|resolve|postmortem|delete, over HTTP */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl-api.h"
#include "status.h"

#define MAX_COMPONENTS	64		/* --component options in one command */
#define POSTMORTEM_MAX	(60 * 1024)	/* bytes; the server takes 64 KiB bodies */

/* An incident opens under way: investigating, identified or monitoring. */
static int
open_status(const char *s)
{
	enum notice_status	st;

	return notice_status_parse(s, &st) == 0 &&
	    notice_statuses[st].kind == KIND_INCIDENT &&
	    notice_statuses[st].phase == PHASE_UNDER_WAY;
}

/* Any status a client may set, of either kind (the server checks which). */
static int
update_status(const char *s)
{
	enum notice_status	st;

	return notice_status_parse(s, &st) == 0 && st < NOTICE_STATUS_INPUTS;
}

static void
usage_incident(FILE *f)
{
	fputs("usage: lanternctl [--url URL] [--key-file FILE] [--page ID] [--json] incident COMMAND ...\n"
	    "\n"
	    "Incidents, through the server's write API.\n"
	    "\n"
	    "  open NAME [--status S] [--impact I] [--body TEXT] [--component C[=STATUS]]...\n"
	    "  update ID [--status S] [--component C[=STATUS]]... [TEXT]\n"
	    "  resolve ID [--component C[=STATUS]]... [TEXT]\n"
	    "  postmortem ID (--file FILE | TEXT) [--publish [--notify]]\n"
	    "  delete ID\n"
	    "\n"
	    "'lanternctl incident COMMAND --help' tells more.\n", f);
}

/* After ctl_api_settings_help. */
static const char settings_help[] =
    "  --json prints the\n"
    "server's incident object.\n"
    "\n"
    "exit status: 0 ok, 64 usage, 65 bad input or refused by the server,\n"
    "66 no such incident, 69 server unreachable or failing, 75 rate\n"
    "limited, 77 key refused, 78 setting missing or invalid.\n";

static void
usage_open(FILE *f)
{
	fputs("usage: lanternctl incident open NAME [--status S] [--impact I] [--body TEXT]\n"
	    "                                [--component C[=STATUS]]...\n"
	    "\n"
	    "Opens an incident and prints its id.\n"
	    "\n"
	    "  --status S          investigating (default), identified or monitoring\n"
	    "  --impact I          none, minor, major or critical (default: the\n"
	    "                      server's, from the components)\n"
	    "  --body TEXT         the first update's text (Markdown)\n"
	    "  --component C[=STATUS]  component C (its id or name, any case) is\n"
	    "                      affected, and with STATUS its status becomes\n"
	    "                      operational, degraded_performance,\n"
	    "                      partial_outage, major_outage or under_maintenance\n"
	    "\n", f);
	fputs(ctl_api_settings_help, f);
	fputs(settings_help, f);
}

static void
usage_update(FILE *f)
{
	fputs("usage: lanternctl incident update ID [--status S] [--component C[=STATUS]]... [TEXT]\n"
	    "\n"
	    "Adds an update to incident ID: a new status, component statuses and a\n"
	    "text, only what is given.\n"
	    "\n"
	    "  --status S          investigating, identified, monitoring, resolved\n"
	    "                      (or for a maintenance scheduled, in_progress,\n"
	    "                      verifying, completed)\n"
	    "  --component C[=STATUS]  as for 'incident open': C joins the\n"
	    "                      components the incident affected\n"
	    "\n", f);
	fputs(ctl_api_settings_help, f);
	fputs(settings_help, f);
}

static void
usage_resolve(FILE *f)
{
	fputs("usage: lanternctl incident resolve ID [--component C[=STATUS]]... [TEXT]\n"
	    "\n"
	    "Marks incident ID resolved, with TEXT as the last update.  The\n"
	    "components' statuses change only as --component says.\n"
	    "\n", f);
	fputs(ctl_api_settings_help, f);
	fputs(settings_help, f);
}

static void
usage_postmortem(FILE *f)
{
	fputs("usage: lanternctl incident postmortem ID (--file FILE | TEXT) [--publish [--notify]]\n"
	    "\n"
	    "Saves the postmortem draft of incident ID (Markdown, from FILE or\n"
	    "TEXT, at most 60 KiB) and with --publish publishes it, told to\n"
	    "subscribers with --notify.\n"
	    "\n", f);
	fputs(ctl_api_settings_help, f);
	fputs(settings_help, f);
}

static void
usage_delete(FILE *f)
{
	fputs("usage: lanternctl incident delete ID\n"
	    "\n"
	    "Deletes incident ID and its updates for good.\n"
	    "\n", f);
	fputs(ctl_api_settings_help, f);
	fputs(settings_help, f);
}

/* The options every incident command takes. */
#define INCIDENT_OPTIONS CTL_COMMON_OPTIONS, CTL_API_OPTIONS

/*
 * --component C=STATUS, or C alone (affected, its status left as it is):
 * checked before anything is sent (65 if not), then kept in comps, of
 * which there are *n (64 past MAX_COMPONENTS).
 */
static int
component_arg(const char *cmd, const char *arg, const char **comps, int *n)
{
	const char	*eq = strrchr(arg, '=');

	if (eq == arg || *arg == '\0') {
		ctl_warnx("%s: --component wants C or C=STATUS, e.g. "
		    "--component API=major_outage", cmd);
		return CTL_USAGE;
	}
	if (eq != NULL && !ctl_api_component_status(eq + 1)) {
		ctl_warnx("%s: '%s' is not a component status: operational, "
		    "degraded_performance, partial_outage, major_outage or "
		    "under_maintenance", cmd, eq + 1);
		return CTL_DATAERR;
	}
	if (*n == MAX_COMPONENTS) {
		ctl_warnx("%s: at most %d --component", cmd, MAX_COMPONENTS);
		return CTL_USAGE;
	}
	comps[(*n)++] = arg;
	return CTL_OK;
}

/*
 * The ids of the components incident id affects now, from its public
 * JSON, into ids.
 */
static int
current_components(struct ctl_api *api, const char *id, json_object *ids)
{
	json_object	*ans = NULL, *inc, *list, *v;
	char		 path[64];
	size_t		 i;
	int		 rc;

	snprintf(path, sizeof(path), "/incidents/%s.json", id);
	if ((rc = ctl_api_call(api, "GET", path, NULL, &ans)) != CTL_OK)
		return rc;
	if (json_object_object_get_ex(ans, "incident", &inc) &&
	    json_object_object_get_ex(inc, "components", &list) &&
	    json_object_is_type(list, json_type_array))
		for (i = 0; i < json_object_array_length(list); i++)
			if (json_object_object_get_ex(json_object_array_get_idx(
			    list, i), "id", &v) && json_object_is_type(v,
			    json_type_string))
				json_object_array_add(ids, json_object_new_string(
				    json_object_get_string(v)));
	json_object_put(ans);
	return CTL_OK;
}

/* Whether the array ids holds id. */
static int
has_id(json_object *ids, const char *id)
{
	size_t	i;

	for (i = 0; i < json_object_array_length(ids); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(ids,
		    i)), id) == 0)
			return 1;
	return 0;
}

/*
 * Adds "components": {id: status} for each C=STATUS, and "component_ids"
 * (the components the incident affects) when incident is NULL (a new one)
 * or a bare C is among them.  The server takes component_ids as the whole
 * list, so for an existing incident it is the components it affects now
 * and those named.
 */
static int
add_components(struct ctl_api *api, json_object *inc, const char **comps,
    int n, const char *incident)
{
	json_object	*map, *ids;
	const char	*eq;
	char		 name[512], id[64];
	int		 i, rc = CTL_OK, bare = 0;

	if (n == 0)
		return CTL_OK;
	map = json_object_new_object();
	ids = json_object_new_array();
	for (i = 0; i < n; i++)
		bare |= strchr(comps[i], '=') == NULL;
	if (incident != NULL && bare &&
	    (rc = current_components(api, incident, ids)) != CTL_OK)
		goto done;
	for (i = 0; i < n; i++) {
		if ((eq = strrchr(comps[i], '=')) == NULL)
			eq = comps[i] + strlen(comps[i]);
		snprintf(name, sizeof(name), "%.*s", (int)(eq - comps[i]), comps[i]);
		if ((rc = ctl_api_component(api, name, id, sizeof(id))) != CTL_OK)
			goto done;
		if (*eq == '=')
			json_object_object_add(map, id, json_object_new_string(eq + 1));
		if (!has_id(ids, id))
			json_object_array_add(ids, json_object_new_string(id));
	}
	if (json_object_object_length(map) > 0) {
		json_object_object_add(inc, "components", map);
		map = NULL;
	}
	if (incident == NULL || bare) {
		json_object_object_add(inc, "component_ids", ids);
		ids = NULL;
	}
done:
	json_object_put(map);
	json_object_put(ids);
	return rc;
}

/* "incident 7 opened: API errors (investigating, major)", or the
 * server's JSON as it came. */
static void
print_incident(const struct ctl *ctl, json_object *ans, const char *id,
    const char *done)
{
	json_object	*obj = ctl_api_object(ans, "incident");
	char		 nid[32], name[512], st[64], imp[64];

	if (ctl_api_print_json(ctl, ans))
		return;
	ctl_api_text(obj, "id", nid, sizeof(nid));
	ctl_api_text(obj, "name", name, sizeof(name));
	ctl_api_text(obj, "status", st, sizeof(st));
	ctl_api_text(obj, "impact", imp, sizeof(imp));
	printf("incident %s %s", *nid != '\0' ? nid : id, done);
	if (*name != '\0') {
		printf(": %s", name);
		if (*st != '\0')
			printf(" (%s%s%s)", st, *imp != '\0' ? ", " : "", imp);
	}
	putchar('\n');
}

/* The option loop's common part; returns -1 to go on, else the exit code. */
static int
bad_option(int c, const char *cmd, void (*usage)(FILE *))
{
	if (c == 'h') {
		usage(stdout);
		return CTL_OK;
	}
	return ctl_usage_error(cmd);
}

static int
incident_id(const char *cmd, const char *arg, char *id, size_t len)
{
	if (ctl_parse_id(arg, id, len) == -1) {
		ctl_warnx("%s: ID must be an incident id, a positive whole number",
		    cmd);
		return CTL_DATAERR;
	}
	return CTL_OK;
}

static int
incident_open(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "incident open";
	static const struct option longopts[] = {
		INCIDENT_OPTIONS,
		{ "status", required_argument, NULL, 's' },
		{ "impact", required_argument, NULL, 'i' },
		{ "body", required_argument, NULL, 'b' },
		{ "component", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*comps[MAX_COMPONENTS];
	const char	*status = notice_statuses[NOTICE_INVESTIGATING].name;
	const char	*impact = NULL, *body = NULL;
	enum impact	 imp;
	char		 path[96];
	json_object	*req = NULL, *inc, *ans = NULL;
	struct ctl_api	 api;
	int		 c, n = 0, rc;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":hs:i:b:c:",
	    longopts)) != -1) {
		switch (c) {
		case 's':
			status = optarg;
			break;
		case 'i':
			impact = optarg;
			break;
		case 'b':
			body = optarg;
			break;
		case 'c':
			if ((rc = component_arg(cmd, optarg, comps, &n)) != CTL_OK)
				return rc;
			break;
		default:
			return bad_option(c, cmd, usage_open);
		}
	}
	if (argc - optind != 1) {
		ctl_warnx(argc - optind < 1 ? "%s: NAME is missing" :
		    "%s: one NAME only (quote a name with spaces)", cmd);
		return ctl_usage_error(cmd);
	}
	if (*argv[optind] == '\0') {
		ctl_warnx("%s: the name is empty", cmd);
		return CTL_DATAERR;
	}
	if (!open_status(status)) {
		ctl_warnx("%s: --status must be investigating, identified or "
		    "monitoring", cmd);
		return CTL_DATAERR;
	}
	if (impact != NULL && impact_parse(impact, &imp) == -1) {
		ctl_warnx("%s: --impact must be none, minor, major or critical",
		    cmd);
		return CTL_DATAERR;
	}
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;

	req = json_object_new_object();
	inc = json_object_new_object();
	json_object_object_add(req, "incident", inc);
	json_object_object_add(inc, "name", json_object_new_string(argv[optind]));
	json_object_object_add(inc, "status", json_object_new_string(status));
	if (impact != NULL)
		json_object_object_add(inc, "impact_override",
		    json_object_new_string(impact));
	if (body != NULL)
		json_object_object_add(inc, "body", json_object_new_string(body));
	if ((rc = add_components(&api, inc, comps, n, NULL)) != CTL_OK)
		goto done;
	snprintf(path, sizeof(path), "/v1/pages/%s/incidents", api.page);
	if ((rc = ctl_api_call(&api, "POST", path, req, &ans)) != CTL_OK)
		goto done;
	print_incident(ctl, ans, "?", "opened");
done:
	json_object_put(req);
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

/* update and resolve: PATCH the incident with what is given. */
static int
incident_patch(struct ctl *ctl, int argc, char **argv, int resolve)
{
	static const struct option longopts[] = {
		INCIDENT_OPTIONS,
		{ "status", required_argument, NULL, 's' },
		{ "component", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*cmd = resolve ? "incident resolve" : "incident update";
	const char	*comps[MAX_COMPONENTS], *status = NULL, *text = NULL;
	char		 path[128], id[24];
	json_object	*req = NULL, *inc, *ans = NULL;
	struct ctl_api	 api;
	int		 c, n = 0, rc;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv,
	    resolve ? ":hc:" : ":hs:c:", longopts)) != -1) {
		switch (c) {
		case 's':
			if (resolve)
				return bad_option('?', cmd, usage_resolve);
			status = optarg;
			break;
		case 'c':
			if ((rc = component_arg(cmd, optarg, comps, &n)) != CTL_OK)
				return rc;
			break;
		default:
			return bad_option(c, cmd,
			    resolve ? usage_resolve : usage_update);
		}
	}
	if (argc - optind < 1 || argc - optind > 2) {
		ctl_warnx(argc - optind < 1 ? "%s: ID is missing" :
		    "%s: ID and one TEXT only (quote a text with spaces)", cmd);
		return ctl_usage_error(cmd);
	}
	if ((rc = incident_id(cmd, argv[optind], id, sizeof(id))) != CTL_OK)
		return rc;
	if (argc - optind == 2)
		text = argv[optind + 1];
	if (resolve)
		status = notice_statuses[NOTICE_RESOLVED].name;
	else if (status != NULL && !update_status(status)) {
		ctl_warnx("%s: --status must be investigating, identified, "
		    "monitoring or resolved (a maintenance: scheduled, "
		    "in_progress, verifying, completed)", cmd);
		return CTL_DATAERR;
	}
	if (status == NULL && text == NULL && n == 0) {
		ctl_warnx("%s: nothing to update: give --status, --component "
		    "or a TEXT", cmd);
		return ctl_usage_error(cmd);
	}
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;

	req = json_object_new_object();
	inc = json_object_new_object();
	json_object_object_add(req, "incident", inc);
	if (status != NULL)
		json_object_object_add(inc, "status",
		    json_object_new_string(status));
	if (text != NULL)
		json_object_object_add(inc, "body", json_object_new_string(text));
	if ((rc = add_components(&api, inc, comps, n, id)) != CTL_OK)
		goto done;
	snprintf(path, sizeof(path), "/v1/pages/%s/incidents/%s", api.page, id);
	if ((rc = ctl_api_call(&api, "PATCH", path, req, &ans)) != CTL_OK)
		goto done;
	print_incident(ctl, ans, id,
	    resolve ? "resolved" : "updated");
done:
	json_object_put(req);
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

static int
incident_update(struct ctl *ctl, int argc, char **argv)
{
	return incident_patch(ctl, argc, argv, 0);
}

static int
incident_resolve(struct ctl *ctl, int argc, char **argv)
{
	return incident_patch(ctl, argc, argv, 1);
}

static int
incident_postmortem(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "incident postmortem";
	static const struct option longopts[] = {
		INCIDENT_OPTIONS,
		{ "file", required_argument, NULL, 'f' },
		{ "publish", no_argument, NULL, 'p' },
		{ "notify", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*file = NULL;
	char		 path[160], id[24], *text = NULL;
	json_object	*req = NULL, *pm, *ans = NULL;
	struct ctl_api	 api;
	int		 c, rc, publish = 0, notify = 0;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":hf:pn",
	    longopts)) != -1) {
		switch (c) {
		case 'f':
			file = optarg;
			break;
		case 'p':
			publish = 1;
			break;
		case 'n':
			notify = 1;
			break;
		default:
			return bad_option(c, cmd, usage_postmortem);
		}
	}
	if (notify && !publish) {
		ctl_warnx("%s: --notify goes with --publish", cmd);
		return ctl_usage_error(cmd);
	}
	if (argc - optind < 1 || argc - optind > 2 ||
	    (argc - optind == 2) == (file != NULL)) {
		ctl_warnx(argc - optind < 1 ? "%s: ID is missing" :
		    argc - optind > 2 ? "%s: ID and one TEXT only (quote a text "
		    "with spaces)" : "%s: give either --file FILE or a TEXT", cmd);
		return ctl_usage_error(cmd);
	}
	if ((rc = incident_id(cmd, argv[optind], id, sizeof(id))) != CTL_OK)
		return rc;
	if (file != NULL) {
		if ((rc = ctl_api_read_file(cmd, file, POSTMORTEM_MAX,
		    &text)) != CTL_OK)
			return rc;
	} else if ((text = strdup(argv[optind + 1])) == NULL) {
		ctl_warnx("out of memory");
		return CTL_FAIL;
	}
	if (strspn(text, " \t\r\n") == strlen(text)) {
		ctl_warnx("%s: the postmortem is empty", cmd);
		free(text);
		return CTL_DATAERR;
	}
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;

	req = json_object_new_object();
	pm = json_object_new_object();
	json_object_object_add(req, "postmortem", pm);
	json_object_object_add(pm, "body_draft", json_object_new_string(text));
	snprintf(path, sizeof(path), "/v1/pages/%s/incidents/%s/postmortem",
	    api.page, id);
	if ((rc = ctl_api_call(&api, "PUT", path, req, &ans)) != CTL_OK)
		goto done;
	if (publish) {
		json_object_put(req);
		json_object_put(ans);
		ans = NULL;
		req = json_object_new_object();
		pm = json_object_new_object();
		json_object_object_add(req, "postmortem", pm);
		if (notify)
			json_object_object_add(pm, "notify_subscribers",
			    json_object_new_boolean(1));
		snprintf(path, sizeof(path),
		    "/v1/pages/%s/incidents/%s/postmortem/publish", api.page, id);
		if ((rc = ctl_api_call(&api, "PUT", path, req, &ans)) != CTL_OK) {
			ctl_warnx("%s: the draft is saved but not published", cmd);
			goto done;
		}
	}
	if (ctl->json)
		print_incident(ctl, ans, id, "");
	else
		printf("incident %s postmortem %s\n", id,
		    publish ? "published" : "saved as a draft");
done:
	free(text);
	json_object_put(req);
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

static int
incident_delete(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "incident delete";
	static const struct option longopts[] = {
		INCIDENT_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	char		 path[128], id[24];
	json_object	*ans = NULL;
	struct ctl_api	 api;
	int		 c, rc;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":h", longopts)) != -1)
		return bad_option(c, cmd, usage_delete);
	if (argc - optind != 1) {
		ctl_warnx(argc - optind < 1 ? "%s: ID is missing" :
		    "%s: one ID only", cmd);
		return ctl_usage_error(cmd);
	}
	if ((rc = incident_id(cmd, argv[optind], id, sizeof(id))) != CTL_OK)
		return rc;
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;
	snprintf(path, sizeof(path), "/v1/pages/%s/incidents/%s", api.page, id);
	if ((rc = ctl_api_call(&api, "DELETE", path, NULL, &ans)) != CTL_OK)
		goto done;
	print_incident(ctl, ans, id, "deleted");
done:
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

static const struct ctl_command incident_commands[] = {
	{ "open", incident_open, NULL },
	{ "update", incident_update, NULL },
	{ "resolve", incident_resolve, NULL },
	{ "postmortem", incident_postmortem, NULL },
	{ "delete", incident_delete, NULL },
};

/* lanternctl incident COMMAND ...: exit codes as each command says. */
int
ctl_incident(struct ctl *ctl, int argc, char **argv)
{
	return ctl_noun(ctl, "incident", ctl_api_longopts, usage_incident,
	    incident_commands, sizeof(incident_commands) /
	    sizeof(incident_commands[0]), argc, argv);
}
