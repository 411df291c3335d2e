/* ctl.h: what lanternctl's commands share: exit codes, options, the database */
#ifndef LANTERN_CTL_H
#define LANTERN_CTL_H

#include <getopt.h>
#include <stdio.h>

#include <json-c/json.h>
#include <libpq-fe.h>

/* Exit codes (sysexits.h values, so scripts can tell failures apart). */
#define CTL_OK		0
#define CTL_FAIL	1	/* anything else: a statement failed */
#define CTL_USAGE	64	/* unknown command or option, missing argument */
#define CTL_DATAERR	65	/* bad input: a name, an id, a migration file */
#define CTL_NOINPUT	66	/* no such token, page or migrations folder */
#define CTL_UNAVAILABLE	69	/* the database or server cannot be reached, 5xx */
#define CTL_TEMPFAIL	75	/* the server said: too many requests (429) */
#define CTL_NOPERM	77	/* the server refused the key (401, 403) */
#define CTL_CONFIG	78	/* a setting (URL, key, page) missing or malformed */

/* The global options, and what every command may set again after its name. */
struct ctl {
	const char	*database_url;	/* --database-url, else the environment */
	int		 json;		/* --json: machine-readable output */
	/* For the commands that talk to the server (ctl-api.h): */
	const char	*url;		/* --url, else LANTERN_URL */
	const char	*key_file;	/* --key-file */
	const char	*page;		/* --page, else LANTERN_PAGE_ID */
	const char	*idempotency_key; /* --idempotency-key */
	const char	*retries;	/* --retries, else 4 */
};

/* Long options every command takes, and their values from getopt_long. */
#define CTL_OPT_JSON		0x100
#define CTL_OPT_DATABASE_URL	0x101
#define CTL_COMMON_OPTIONS \
	{ "json", no_argument, NULL, CTL_OPT_JSON }, \
	{ "database-url", required_argument, NULL, CTL_OPT_DATABASE_URL }, \
	{ "help", no_argument, NULL, 'h' }
/* And those of the commands that talk to the server. */
#define CTL_OPT_URL		0x102
#define CTL_OPT_KEY_FILE	0x103
#define CTL_OPT_PAGE		0x104
#define CTL_OPT_IDEMPOTENCY_KEY	0x105
#define CTL_OPT_RETRIES		0x106
#define CTL_API_OPTIONS \
	{ "url", required_argument, NULL, CTL_OPT_URL }, \
	{ "key-file", required_argument, NULL, CTL_OPT_KEY_FILE }, \
	{ "page", required_argument, NULL, CTL_OPT_PAGE }, \
	{ "idempotency-key", required_argument, NULL, CTL_OPT_IDEMPOTENCY_KEY }, \
	{ "retries", required_argument, NULL, CTL_OPT_RETRIES }

/* Subcommands: argv[0] is the command's own name. */
int	ctl_migrate(struct ctl *, int, char **);
int	ctl_token(struct ctl *, int, char **);
int	ctl_user(struct ctl *, int, char **);	/* the console's people */
int	ctl_incident(struct ctl *, int, char **);	/* over HTTP */
int	ctl_component(struct ctl *, int, char **);	/* over HTTP */
int	ctl_maintenance(struct ctl *, int, char **);	/* over HTTP */
int	ctl_subscriber(struct ctl *, int, char **);	/* over HTTP */
int	ctl_export(struct ctl *, int, char **);	/* over HTTP, no key */

/* An error on stderr, prefixed "lanternctl: ". */
void	ctl_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * getopt_long over argv for the command named cmd ("token create", NULL
 * at the top level),
 * handling the common options; returns the option, or -1 at the end, or
 * -2 after reporting an unknown option or missing value (exit CTL_USAGE).
 * Resets getopt first; "+" in optstring stops at the first operand.
 */
int	ctl_getopt(struct ctl *, const char *cmd, int, char **, const char *,
	    const struct option *);

/* The database URL (--database-url, else LANTERN_DATABASE_URL), checked
 * with PQconninfoParse: CTL_OK, or CTL_CONFIG with the message printed. */
int	ctl_database_url(const struct ctl *, const char **);

/* Validates the database URL and connects: CTL_OK, CTL_CONFIG or
 * CTL_UNAVAILABLE (with the message printed).  *conn is set on CTL_OK. */
int	ctl_connect(struct ctl *, PGconn **);

/* After a failed statement: prints what (and PostgreSQL's message) and
 * returns CTL_UNAVAILABLE if the connection is gone, else CTL_FAIL. */
int	ctl_db_fail(PGconn *, const PGresult *, const char *what);

/* A statement without results (BEGIN, COMMIT): CTL_OK or ctl_db_fail. */
int	ctl_exec(PGconn *, const char *sql);

/* Prints a JSON value on stdout, one line, and frees it. */
void	ctl_json_print(struct json_object *);

/* Prints the usage hint for cmd on stderr and returns CTL_USAGE. */
int	ctl_usage_error(const char *cmd);

/* A command ("token", or "token create") and what runs it. */
struct ctl_command {
	const char	*name;
	int		(*run)(struct ctl *, int, char **);
	const char	*summary;	/* for --help; NULL: its noun's says it */
};

/*
 * Runs the command that argv[0] names among the n in cmds, argv being its
 * own; with none named, or an unknown one, says which there are and
 * returns CTL_USAGE.
 */
int	ctl_subcommand(struct ctl *, const char *noun,
	    const struct ctl_command *cmds, size_t n, int argc, char **argv);
/*
 * A noun ("token", "incident"): its options (longopts; -h prints help)
 * up to the command's name, then that command (ctl_subcommand()).
 */
int	ctl_noun(struct ctl *, const char *noun, const struct option *longopts,
	    void (*help)(FILE *), const struct ctl_command *cmds, size_t n,
	    int argc, char **argv);

/* A positive whole number that fits a bigint (a database id), copied
 * canonical into out: 0, or -1. */
int	ctl_parse_id(const char *s, char *out, size_t outlen);

#endif
