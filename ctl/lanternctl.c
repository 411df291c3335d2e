/* lanternctl.c: the operator's command line: global options, then one command */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "ctl.h"

static const struct ctl_command commands[] = {
	{ "migrate", ctl_migrate, "apply the database migrations not yet applied" },
	{ "token", ctl_token, "create, list and revoke API tokens" },
	{ "user", ctl_user, "add, list and change the web console's people" },
	{ "incident", ctl_incident, "open, update, resolve and delete incidents" },
	{ "component", ctl_component, "set a component's status" },
	{ "maintenance", ctl_maintenance, "schedule a maintenance" },
	{ "subscriber", ctl_subscriber, "add, list, remove subscribers; resend a confirmation" },
	{ "export-static", ctl_export, "write the public site as plain files" },
};

static void
usage(FILE *f)
{
	size_t	i;

	fputs("usage: lanternctl [--database-url URL] [--json] COMMAND [ARGS...]\n"
	    "       lanternctl [--url URL] [--key-file FILE] [--page ID] [--json] COMMAND ...\n"
	    "       lanternctl --help | --version\n"
	    "\n"
	    "Operator commands for the Lantern status page.\n"
	    "\n"
	    "commands:\n", f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	    "options:\n"
	    "  --database-url URL  PostgreSQL URL or conninfo string; default:\n"
	    "                      the LANTERN_DATABASE_URL environment variable\n"
	    "                      (migrate, token, user)\n"
	    "  --url URL           the status page server, http(s)://host[:port][/path];\n"
	    "                      default: LANTERN_URL (incident, component,\n"
	    "                      maintenance, export-static)\n"
	    "  --key-file FILE     the API key; default: LANTERN_API_KEY, else\n"
	    "                      $XDG_CONFIG_HOME/lantern/key (~/.config/lantern/key)\n"
	    "  --page ID           the page; default: LANTERN_PAGE_ID, else the only one\n"
	    "  --idempotency-key K what makes a POST done once, however often it is\n"
	    "                      sent; default: a random one per command, kept\n"
	    "                      across its retries\n"
	    "  --retries N         times to try again after a 429, 502-504 or a lost\n"
	    "                      connection, waiting 0.5 s doubling; 0-10, default 4\n"
	    "  --json              print results as JSON, for scripts\n"
	    "  --help              this text; COMMAND --help tells about COMMAND\n"
	    "  --version           the version\n"
	    "\n"
	    "exit status: 0 ok, 1 failure, 64 usage error, 65 bad input,\n"
	    "66 no such token, incident or component, 69 database or server\n"
	    "unavailable, 75 rate limited, 77 key refused, 78 configuration error.\n"
	    "See lanternctl(1).\n", f);
}

void
ctl_warnx(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("lanternctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
ctl_parse_id(const char *s, char *out, size_t outlen)
{
	char			*end;
	unsigned long long	 v;

	if (*s < '1' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > INT64_MAX)
		return -1;
	snprintf(out, outlen, "%llu", v);
	return 0;
}

int
ctl_usage_error(const char *cmd)
{
	fprintf(stderr, "Try 'lanternctl%s%s --help'.\n", cmd ? " " : "",
	    cmd ? cmd : "");
	return CTL_USAGE;
}

int
ctl_subcommand(struct ctl *ctl, const char *noun,
    const struct ctl_command *cmds, size_t n, int argc, char **argv)
{
	size_t	i;

	for (i = 0; argc > 0 && i < n; i++)
		if (strcmp(argv[0], cmds[i].name) == 0)
			return cmds[i].run(ctl, argc, argv);
	if (argc > 0)
		ctl_warnx("%s: unknown command '%s'", noun, argv[0]);
	else {
		fprintf(stderr, "lanternctl: %s: which command?", noun);
		for (i = 0; i < n; i++)
			fprintf(stderr, "%s%s", i == 0 ? " " :
			    i + 1 == n ? " or " : ", ", cmds[i].name);
		fputc('\n', stderr);
	}
	return ctl_usage_error(noun);
}

int
ctl_noun(struct ctl *ctl, const char *noun, const struct option *longopts,
    void (*help)(FILE *), const struct ctl_command *cmds, size_t n,
    int argc, char **argv)
{
	int	c;

	optind = 0;
	while ((c = ctl_getopt(ctl, noun, argc, argv, "+:h", longopts)) != -1) {
		if (c == 'h') {
			help(stdout);
			return CTL_OK;
		}
		return ctl_usage_error(noun);
	}
	return ctl_subcommand(ctl, noun, cmds, n, argc - optind, argv + optind);
}

int
ctl_getopt(struct ctl *ctl, const char *cmd, int argc, char **argv,
    const char *optstring, const struct option *longopts)
{
	int	c;

	opterr = 0;
	for (;;) {
		c = getopt_long(argc, argv, optstring, longopts, NULL);
		switch (c) {
		case CTL_OPT_JSON:
			ctl->json = 1;
			continue;
		case CTL_OPT_DATABASE_URL:
			ctl->database_url = optarg;
			continue;
		case CTL_OPT_URL:
			ctl->url = optarg;
			continue;
		case CTL_OPT_KEY_FILE:
			ctl->key_file = optarg;
			continue;
		case CTL_OPT_PAGE:
			ctl->page = optarg;
			continue;
		case CTL_OPT_IDEMPOTENCY_KEY:
			ctl->idempotency_key = optarg;
			continue;
		case CTL_OPT_RETRIES:
			ctl->retries = optarg;
			continue;
		case ':':
			ctl_warnx("%s%soption %s needs a value", cmd ? cmd : "",
			    cmd ? ": " : "", argv[optind - 1]);
			return -2;
		case '?':
			if (optopt > 0 && optopt < 0x80 && isgraph(optopt))
				ctl_warnx("%s%sunknown option -%c", cmd ? cmd : "",
				    cmd ? ": " : "", optopt);
			else
				ctl_warnx("%s%sunknown option %s", cmd ? cmd : "",
				    cmd ? ": " : "", argv[optind - 1]);
			return -2;
		default:
			return c;
		}
	}
}

int
ctl_database_url(const struct ctl *ctl, const char **urlp)
{
	const char	*url = ctl->database_url, *what = "--database-url";
	char		*err = NULL;
	PQconninfoOption *opts;

	if (url == NULL) {
		url = getenv("LANTERN_DATABASE_URL");
		what = "LANTERN_DATABASE_URL";
		if (url == NULL || *url == '\0') {
			ctl_warnx("LANTERN_DATABASE_URL is not set: it must name "
			    "the PostgreSQL database, e.g. postgresql:///lantern "
			    "(or give --database-url)");
			return CTL_CONFIG;
		}
	}
	if (*url == '\0') {
		ctl_warnx("--database-url is empty");
		return CTL_CONFIG;
	}
	if ((opts = PQconninfoParse(url, &err)) == NULL) {
		/* libpq's message may quote the URL, password included. */
		ctl_warnx("%s is not a valid PostgreSQL connection string "
		    "or URL", what);
		PQfreemem(err);
		return CTL_CONFIG;
	}
	PQconninfoFree(opts);
	*urlp = url;
	return CTL_OK;
}

/* PostgreSQL's messages end with a newline; ours add their own. */
static const char *
chomp(const char *msg, char *buf, size_t len)
{
	size_t	n;

	snprintf(buf, len, "%s", msg);
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return buf;
}

int
ctl_connect(struct ctl *ctl, PGconn **connp)
{
	/* The URL's own settings, expanded from dbname, override these. */
	const char *const keys[] = { "application_name", "connect_timeout",
	    "dbname", NULL };
	const char	*vals[4], *url;
	char		 msg[1024];
	PGconn		*conn;
	int		 rc;

	if ((rc = ctl_database_url(ctl, &url)) != CTL_OK)
		return rc;
	vals[0] = "lanternctl";
	vals[1] = "10";
	vals[2] = url;
	vals[3] = NULL;
	conn = PQconnectdbParams(keys, vals, 1);
	if (conn == NULL) {
		ctl_warnx("cannot connect to the database: out of memory");
		return CTL_UNAVAILABLE;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		ctl_warnx("cannot connect to the database: %s",
		    chomp(PQerrorMessage(conn), msg, sizeof(msg)));
		PQfinish(conn);
		return CTL_UNAVAILABLE;
	}
	/* NOTICEs ("already exists, skipping") are noise to an operator. */
	if ((rc = ctl_exec(conn, "SET client_min_messages = warning")) != CTL_OK) {
		PQfinish(conn);
		return rc;
	}
	*connp = conn;
	return CTL_OK;
}

int
ctl_db_fail(PGconn *conn, const PGresult *res, const char *what)
{
	const char	*msg;
	char		 buf[2048];

	msg = res != NULL ? PQresultErrorMessage(res) : "";
	if (*msg == '\0')
		msg = PQerrorMessage(conn);
	ctl_warnx("%s: %s", what, chomp(msg, buf, sizeof(buf)));
	return PQstatus(conn) == CONNECTION_BAD ? CTL_UNAVAILABLE : CTL_FAIL;
}

int
ctl_exec(PGconn *conn, const char *sql)
{
	PGresult	*res;
	int		 rc = CTL_OK;

	res = PQexec(conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = ctl_db_fail(conn, res, sql);
	PQclear(res);
	return rc;
}

void
ctl_json_print(struct json_object *obj)
{
	puts(json_object_to_json_string_ext(obj,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(obj);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		CTL_API_OPTIONS,
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctl	ctl = { NULL, 0, NULL, NULL, NULL, NULL, NULL };
	size_t		i;
	int		c, rc;

	optind = 0;
	while ((c = ctl_getopt(&ctl, NULL, argc, argv, "+:hV",
	    longopts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return CTL_OK;
		case 'V':
			puts("lanternctl " PACKAGE_VERSION);
			return CTL_OK;
		default:
			return ctl_usage_error(NULL);
		}
	}
	if (optind >= argc) {
		ctl_warnx("no command given");
		usage(stderr);
		return CTL_USAGE;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		ctl_warnx("unknown command '%s'", argv[optind]);
		return ctl_usage_error(NULL);
	}
	/* Once, before any thread or handle: libcurl's rule. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		ctl_warnx("cannot initialise libcurl");
		return CTL_FAIL;
	}
	rc = commands[i].run(&ctl, argc - optind, argv + optind);
	curl_global_cleanup();
	if (fflush(stdout) != 0 && rc == CTL_OK) {
		ctl_warnx("cannot write the output");
		rc = CTL_FAIL;
	}
	return rc;
}
