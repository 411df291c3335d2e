/* ctl-maintenance.c: lanternctl maintenance schedule, over HTTP */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "ctl-api.h"
#include "status.h"

#define MAX_COMPONENTS	64

static void
usage_maintenance(FILE *f)
{
	fputs("usage: lanternctl [--url URL] [--key-file FILE] [--page ID] [--json] maintenance schedule NAME\n"
	    "           --from TIME --until TIME [--body TEXT] [--component C]... [--no-auto]\n"
	    "\n"
	    "Schedules a maintenance through the server's write API and prints its id.\n"
	    "\n"
	    "  --from TIME      when it starts, RFC 3339: 2026-12-05T02:00:00Z\n"
	    "  --until TIME     when it ends, after --from\n"
	    "  --body TEXT      what will happen (Markdown)\n"
	    "  --component C    a component it affects (id or name, any case)\n"
	    "  --no-auto        do not move it to in progress and completed at\n"
	    "                   those times; an operator will\n"
	    "\n"
	    "The server is --url or LANTERN_URL; the key LANTERN_API_KEY or\n"
	    "--key-file (default $XDG_CONFIG_HOME/lantern/key, mode 600); the page\n"
	    "--page or LANTERN_PAGE_ID, else the only page.  --json prints the\n"
	    "server's incident object.\n"
	    "\n"
	    "exit status: 0 ok, 64 usage, 65 bad time, unknown component or\n"
	    "refused by the server, 69 server unreachable or failing, 75 rate\n"
	    "limited, 77 key refused, 78 setting missing or invalid.\n", f);
}

static int
maintenance_schedule(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "maintenance schedule";
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		CTL_API_OPTIONS,
		{ "from", required_argument, NULL, 'f' },
		{ "until", required_argument, NULL, 'u' },
		{ "body", required_argument, NULL, 'b' },
		{ "component", required_argument, NULL, 'c' },
		{ "no-auto", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*comps[MAX_COMPONENTS], *from = NULL, *until = NULL;
	const char	*body = NULL;
	char		 path[96], id[64], nid[32], name[512];
	json_object	*req = NULL, *inc, *ids, *ans = NULL, *obj;
	struct ctl_api	 api;
	long long	 tfrom, tuntil;
	int		 c, i, n = 0, rc, autos = 1;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":hf:u:b:c:n",
	    longopts)) != -1) {
		switch (c) {
		case 'h':
			usage_maintenance(stdout);
			return CTL_OK;
		case 'f':
			from = optarg;
			break;
		case 'u':
			until = optarg;
			break;
		case 'b':
			body = optarg;
			break;
		case 'c':
			if (n == MAX_COMPONENTS) {
				ctl_warnx("%s: at most %d --component", cmd,
				    MAX_COMPONENTS);
				return CTL_USAGE;
			}
			comps[n++] = optarg;
			break;
		case 'n':
			autos = 0;
			break;
		default:
			return ctl_usage_error(cmd);
		}
	}
	if (argc - optind != 1 || from == NULL || until == NULL) {
		ctl_warnx(argc - optind < 1 ? "%s: NAME is missing" :
		    argc - optind > 1 ? "%s: one NAME only (quote a name with "
		    "spaces)" : "%s: --from and --until are needed", cmd);
		return ctl_usage_error(cmd);
	}
	if (*argv[optind] == '\0') {
		ctl_warnx("%s: the name is empty", cmd);
		return CTL_DATAERR;
	}
	if (clock_time_parse(from, strlen(from), &tfrom) != CLOCK_TIME_OK ||
	    clock_time_parse(until, strlen(until), &tuntil) != CLOCK_TIME_OK) {
		ctl_warnx("%s: --%s is not an RFC 3339 time from 1970 to 9999 "
		    "such as 2026-12-05T02:00:00Z", cmd, clock_time_parse(from,
		    strlen(from), NULL) != CLOCK_TIME_OK ? "from" : "until");
		return CTL_DATAERR;
	}
	if (tuntil <= tfrom) {
		ctl_warnx("%s: --until must be after --from", cmd);
		return CTL_DATAERR;
	}
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PAGE)) != CTL_OK)
		goto done;

	req = json_object_new_object();
	inc = json_object_new_object();
	json_object_object_add(req, "incident", inc);
	json_object_object_add(inc, "name", json_object_new_string(argv[optind]));
	json_object_object_add(inc, "status", json_object_new_string(
	    notice_statuses[NOTICE_SCHEDULED].name));
	json_object_object_add(inc, "scheduled_for", json_object_new_string(from));
	json_object_object_add(inc, "scheduled_until",
	    json_object_new_string(until));
	json_object_object_add(inc, "scheduled_auto_in_progress",
	    json_object_new_boolean(autos));
	json_object_object_add(inc, "scheduled_auto_completed",
	    json_object_new_boolean(autos));
	if (body != NULL)
		json_object_object_add(inc, "body", json_object_new_string(body));
	if (n > 0) {
		ids = json_object_new_array();
		json_object_object_add(inc, "component_ids", ids);
		for (i = 0; i < n; i++) {
			if ((rc = ctl_api_component(&api, comps[i], id,
			    sizeof(id))) != CTL_OK)
				goto done;
			json_object_array_add(ids, json_object_new_string(id));
		}
	}
	snprintf(path, sizeof(path), "/v1/pages/%s/incidents", api.page);
	if ((rc = ctl_api_call(&api, "POST", path, req, &ans)) != CTL_OK)
		goto done;
	if (!ctl_api_print_json(ctl, ans)) {
		obj = ctl_api_object(ans, "incident");
		ctl_api_text(obj, "id", nid, sizeof(nid));
		ctl_api_text(obj, "name", name, sizeof(name));
		printf("maintenance %s scheduled: %s (%s to %s)\n",
		    *nid != '\0' ? nid : "?", *name != '\0' ? name : argv[optind],
		    from, until);
	}
done:
	json_object_put(req);
	json_object_put(ans);
	ctl_api_close(&api);
	return rc;
}

/* lanternctl maintenance COMMAND ...: only "schedule" for now. */
int
ctl_maintenance(struct ctl *ctl, int argc, char **argv)
{
	return ctl_noun(ctl, "maintenance", ctl_api_longopts, usage_maintenance,
	    &(const struct ctl_command){ "schedule", maintenance_schedule,
	    NULL }, 1, argc, argv);
}
