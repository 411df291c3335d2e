/* ctl-subscriber.c: lanternctl subscriber add|list|remove|resend|reactivate, over HTTP */
#include <stdio.h>
#include <string.h>

#include "ctl-api.h"

#define SUBSCRIBER_COMPONENTS_MAX	64
#define SUBSCRIBER_OPTIONS CTL_COMMON_OPTIONS, CTL_API_OPTIONS

static void
usage_subscriber(FILE *f)
{
	fputs("usage: lanternctl subscriber add ADDRESS [--channel webhook|slack|teams|discord]\n"
	    "           [--component C]... [--incident ID]\n"
	    "       lanternctl subscriber list [--type T] [--state S]\n"
	    "       lanternctl subscriber remove ID\n"
	    "       lanternctl subscriber resend ID\n"
	    "       lanternctl subscriber reactivate (ID... | --all) [--type T]\n"
	    "\n"
	    "add: an e-mail address, or an https:// URL (a webhook, or with\n"
	    "--channel a Slack, Teams or Discord incoming webhook), told of every\n"
	    "component or of each --component C (id or name), or only of one open\n"
	    "incident (--incident).  Confirmed at once: an operator added it.  The\n"
	    "webhook signing secret is printed this once.\n"
	    "list: id, state, channel, address and components, newest first;\n"
	    "--type email|webhook|slack|teams|discord, --state\n"
	    "active (default)|unconfirmed|quarantined|unsubscribed|all.\n"
	    "remove: unsubscribes ID; nothing more is sent to it.\n"
	    "resend: queues the confirmation of an unconfirmed subscriber again.\n"
	    "reactivate: quarantined subscribers (each ID, or --all of them, of\n"
	    "channel T only with --type) are told again from now on; prints the\n"
	    "ids reactivated, one a line.\n"
	    "--json prints the server's answer.\n"
	    "\n", f);
	fputs(ctl_api_settings_help, f);
	fputs("\n\nexit status: 0 ok, 64 usage, 65 bad address, component or refused\n"
	    "by the server (409: subscribed or gone already), 66 no such\n"
	    "subscriber, 69 server unreachable or failing, 75 rate limited, 77 key\n"
	    "refused, 78 setting missing or invalid.\n", f);
}

static int
bad_option(int c, const char *cmd)
{
	if (c == 'h') {
		usage_subscriber(stdout);
		return CTL_OK;
	}
	return ctl_usage_error(cmd);
}

/* One line of a subscriber: id, state, channel, address, its components. */
static void
print_subscriber(json_object *s)
{
	char		 id[32], state[24], mode[16], addr[2100];
	json_object	*comps, *all;
	size_t		 i, n;

	ctl_api_text(s, "id", id, sizeof(id));
	ctl_api_text(s, "state", state, sizeof(state));
	ctl_api_text(s, "mode", mode, sizeof(mode));
	ctl_api_text(s, strcmp(mode, "email") == 0 ? "email" : "endpoint", addr,
	    sizeof(addr));
	printf("%s\t%s\t%s\t%s\t", id, state, mode, addr);
	if (json_object_object_get_ex(s, "incident_id", &all) && all != NULL)
		printf("incident %s", json_object_get_string(all));
	else if (json_object_object_get_ex(s, "all_components", &all) &&
	    json_object_get_boolean(all))
		fputs("all components", stdout);
	else if (json_object_object_get_ex(s, "components", &comps)) {
		n = json_object_array_length(comps);
		for (i = 0; i < n; i++)
			printf("%s%s", i > 0 ? "," : "",
			    json_object_get_string(json_object_array_get_idx(comps, i)));
	}
	putchar('\n');
}

/* POST /v1/pages/{page}/subscribers. */
static int
subscriber_add(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "subscriber add";
	static const struct option longopts[] = {
		SUBSCRIBER_OPTIONS,
		{ "channel", required_argument, NULL, 'C' },
		{ "component", required_argument, NULL, 'c' },
		{ "incident", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*comps[SUBSCRIBER_COMPONENTS_MAX], *channel = NULL, *incident = NULL;
	char		 path[96], id[64], incident_id[24], secret[80], mode[16];
	json_object	*req = NULL, *s, *ids, *ans = NULL;
	struct ctl_api	 api;
	int		 c, n = 0, i, rc;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":h", longopts)) != -1) {
		if (c == 'C')
			channel = optarg;
		else if (c == 'i')
			incident = optarg;
		else if (c == 'c' && n < SUBSCRIBER_COMPONENTS_MAX)
			comps[n++] = optarg;
		else
			return bad_option(c, cmd);
	}
	if (argc - optind != 1) {
		ctl_warnx("%s: give one e-mail address or https:// URL", cmd);
		return ctl_usage_error(cmd);
	}
	if (incident != NULL && ctl_parse_id(incident, incident_id,
	    sizeof(incident_id)) == -1) {
		ctl_warnx("%s: --incident must be an incident id", cmd);
		return CTL_DATAERR;
	}
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;
	req = json_object_new_object();
	s = json_object_new_object();
	json_object_object_add(req, "subscriber", s);
	json_object_object_add(s, strstr(argv[optind], "://") != NULL ? "endpoint" :
	    "email", json_object_new_string(argv[optind]));
	if (channel != NULL)
		json_object_object_add(s, "channel", json_object_new_string(channel));
	if (incident != NULL)
		json_object_object_add(s, "incident_id", json_object_new_string(incident_id));
	if (n > 0) {
		ids = json_object_new_array();
		json_object_object_add(s, "component_ids", ids);
		for (i = 0; i < n; i++) {
			if ((rc = ctl_api_component(&api, comps[i], id, sizeof(id))) != CTL_OK)
				goto done;
			json_object_array_add(ids, json_object_new_string(id));
		}
	}
	snprintf(path, sizeof(path), "/v1/pages/%s/subscribers", api.page);
	if ((rc = ctl_api_call(&api, "POST", path, req, &ans)) != CTL_OK)
		goto done;
	if (!ctl_api_print_json(ctl, ans)) {
		fputs("subscriber added: ", stdout);
		print_subscriber(ans);
		/* E-mail is not signed: its secret is of no use to anyone. */
		if (strcmp(ctl_api_text(ans, "mode", mode, sizeof(mode)), "email") != 0)
			printf("secret (shown once; signs its webhooks): %s\n",
			    ctl_api_text(ans, "secret", secret, sizeof(secret)));
	}
done:
	json_object_put(req);
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

/* GET /v1/pages/{page}/subscribers, a hundred at a time until the last. */
static int
subscriber_list(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "subscriber list";
	static const struct option longopts[] = {
		SUBSCRIBER_OPTIONS,
		{ "type", required_argument, NULL, 't' },
		{ "state", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*type = NULL, *state = "active";
	char		 path[256];
	json_object	*ans = NULL, *all = NULL;
	struct ctl_api	 api;
	int		 c, rc, page;
	size_t		 i, n;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":h", longopts)) != -1) {
		if (c == 't')
			type = optarg;
		else if (c == 's')
			state = optarg;
		else
			return bad_option(c, cmd);
	}
	if (argc != optind) {
		ctl_warnx("%s: takes no operands", cmd);
		return ctl_usage_error(cmd);
	}
	/* Words only: they go into the query as they are. */
	if (strspn(state, "abcdefghijklmnopqrstuvwxyz") != strlen(state) ||
	    (type != NULL && strspn(type, "abcdefghijklmnopqrstuvwxyz") != strlen(type))) {
		ctl_warnx("%s: --type and --state are words (see --help)", cmd);
		return CTL_DATAERR;
	}
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;
	all = json_object_new_array();
	for (page = 1;; page++) {
		snprintf(path, sizeof(path), "/v1/pages/%s/subscribers?state=%s%s%s"
		    "&limit=100&page=%d", api.page, state, type != NULL ? "&type=" : "",
		    type != NULL ? type : "", page);
		if ((rc = ctl_api_call(&api, "GET", path, NULL, &ans)) != CTL_OK)
			goto done;
		n = ans != NULL && json_object_is_type(ans, json_type_array) ?
		    json_object_array_length(ans) : 0;
		for (i = 0; i < n; i++)
			json_object_array_add(all, json_object_get(
			    json_object_array_get_idx(ans, i)));
		json_object_put(ans);
		ans = NULL;
		if (n < 100)
			break;
	}
	if (!ctl_api_print_json(ctl, all))
		for (i = 0; i < json_object_array_length(all); i++)
			print_subscriber(json_object_array_get_idx(all, i));
done:
	json_object_put(all);
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

/* DELETE .../subscribers/{id}, or POST .../subscribers/{id}/resend_confirmation. */
static int
subscriber_one(struct ctl *ctl, int argc, char **argv, int resend)
{
	static const struct option longopts[] = {
		SUBSCRIBER_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char	*cmd = resend ? "subscriber resend" : "subscriber remove";
	char		 path[128], id[24];
	json_object	*ans = NULL;
	struct ctl_api	 api;
	int		 c, rc;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":h", longopts)) != -1)
		return bad_option(c, cmd);
	if (argc - optind != 1 || ctl_parse_id(argv[optind], id, sizeof(id)) == -1) {
		ctl_warnx("%s: give one subscriber id", cmd);
		return argc - optind != 1 ? ctl_usage_error(cmd) : CTL_DATAERR;
	}
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;
	snprintf(path, sizeof(path), "/v1/pages/%s/subscribers/%s%s", api.page, id,
	    resend ? "/resend_confirmation" : "");
	if ((rc = ctl_api_call(&api, resend ? "POST" : "DELETE", path, NULL,
	    &ans)) != CTL_OK)
		goto done;
	if (!ctl_api_print_json(ctl, ans)) {
		fputs(resend ? "confirmation queued: " : "unsubscribed: ", stdout);
		print_subscriber(ans);
	}
done:
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

static int
subscriber_remove(struct ctl *ctl, int argc, char **argv)
{
	return subscriber_one(ctl, argc, argv, 0);
}

static int
subscriber_resend(struct ctl *ctl, int argc, char **argv)
{
	return subscriber_one(ctl, argc, argv, 1);
}

/* POST /v1/pages/{page}/subscribers/reactivate. */
static int
subscriber_reactivate(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "subscriber reactivate";
	static const struct option longopts[] = {
		SUBSCRIBER_OPTIONS,
		{ "all", no_argument, NULL, 'a' },
		{ "type", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*type = NULL;
	char		 path[96], id[24];
	json_object	*req = NULL, *ids, *ans = NULL, *done;
	struct ctl_api	 api;
	int		 c, rc, all = 0, i;
	size_t		 k;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":h", longopts)) != -1) {
		if (c == 'a')
			all = 1;
		else if (c == 't')
			type = optarg;
		else
			return bad_option(c, cmd);
	}
	if (all == (argc > optind)) {
		ctl_warnx("%s: give subscriber ids, or --all", cmd);
		return ctl_usage_error(cmd);
	}
	req = json_object_new_object();
	if (all)
		json_object_object_add(req, "subscribers", json_object_new_string("all"));
	else {
		ids = json_object_new_array();
		json_object_object_add(req, "subscribers", ids);
		for (i = optind; i < argc; i++) {
			if (ctl_parse_id(argv[i], id, sizeof(id)) == -1) {
				ctl_warnx("%s: %s is no subscriber id", cmd, argv[i]);
				json_object_put(req);
				return CTL_DATAERR;
			}
			json_object_array_add(ids, json_object_new_string(id));
		}
	}
	if (type != NULL)
		json_object_object_add(req, "type", json_object_new_string(type));
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;
	snprintf(path, sizeof(path), "/v1/pages/%s/subscribers/reactivate", api.page);
	if ((rc = ctl_api_call(&api, "POST", path, req, &ans)) != CTL_OK)
		goto done;
	if (!ctl_api_print_json(ctl, ans)) {
		if (!json_object_object_get_ex(ans, "reactivated", &done) ||
		    !json_object_is_type(done, json_type_array))
			done = NULL;
		for (k = 0; done != NULL && k < json_object_array_length(done); k++)
			printf("reactivated: %s\n", json_object_get_string(
			    json_object_array_get_idx(done, k)));
		if (done == NULL || json_object_array_length(done) == 0)
			puts("no quarantined subscriber to reactivate");
	}
done:
	json_object_put(req);
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

/* lanternctl subscriber COMMAND ... */
int
ctl_subscriber(struct ctl *ctl, int argc, char **argv)
{
	static const struct ctl_command cmds[] = {
		{ "add", subscriber_add, "add an e-mail address or a webhook, confirmed" },
		{ "list", subscriber_list, "list subscribers" },
		{ "remove", subscriber_remove, "unsubscribe one" },
		{ "resend", subscriber_resend, "queue an unconfirmed one's confirmation again" },
		{ "reactivate", subscriber_reactivate, "tell quarantined ones again" },
	};

	return ctl_noun(ctl, "subscriber", ctl_api_longopts, usage_subscriber, cmds,
	    sizeof(cmds) / sizeof(cmds[0]), argc, argv);
}
