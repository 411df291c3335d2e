/* ctl-user.c: lanternctl user add|passwd|role|remove|list: the console's people */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ctl.h"
#include "password.h"

/* Times in UTC, RFC 3339 to the second. */
#define UTC_TIME(col) \
	"to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* The person and its audit entry (never the hash) in one statement. */
static const char sql_add[] =
    "WITH p AS ("
    "  INSERT INTO people (email, password_hash, role)"
    "  VALUES ($1, $2, $3::person_role) RETURNING id, email, role),"
    " a AS ("
    "  INSERT INTO audit_log (action, entity_type, entity_id, after)"
    "  SELECT 'person.create', 'person', id,"
    "         jsonb_build_object('email', email, 'role', role) FROM p)"
    "SELECT id::text AS id FROM p";

/* A new password ends every session the old one opened. */
static const char sql_passwd[] =
    "WITH p AS ("
    "  UPDATE people SET password_hash = $2 WHERE lower(email) = lower($1)"
    "  RETURNING id),"
    " s AS (DELETE FROM sessions WHERE person_id IN (SELECT id FROM p)),"
    " a AS ("
    "  INSERT INTO audit_log (action, entity_type, entity_id)"
    "  SELECT 'person.password', 'person', id FROM p)"
    "SELECT id::text AS id FROM p";

/*
 * The person.  The last owner who can sign in is kept by the database
 * (0017's people_keep_an_owner, which the console meets too): a role or
 * removal that would leave none fails there, with check_violation.
 */
static const char sql_target[] =
    "SELECT id::text AS id FROM people WHERE lower(email) = lower($1)";

static const char sql_role[] =
    "WITH p AS ("
    "  UPDATE people n SET role = $2::person_role FROM people o"
    "   WHERE n.id = $1::bigint AND o.id = n.id"
    "  RETURNING n.id, o.role AS before, n.role AS after),"
    " a AS ("
    "  INSERT INTO audit_log (action, entity_type, entity_id, before, after)"
    "  SELECT 'person.role', 'person', id, jsonb_build_object('role', before),"
    "         jsonb_build_object('role', after) FROM p)"
    "SELECT id FROM p";

static const char sql_remove[] =
    "WITH p AS (DELETE FROM people WHERE id = $1::bigint RETURNING id, email, role),"
    " a AS ("
    "  INSERT INTO audit_log (action, entity_type, entity_id, before)"
    "  SELECT 'person.remove', 'person', id,"
    "         jsonb_build_object('email', email, 'role', role) FROM p)"
    "SELECT id FROM p";

static const char sql_list[] =
    "SELECT p.id::text AS id, p.email, p.role::text AS role, "
    UTC_TIME("p.created_at") " AS created_at, "
    UTC_TIME("p.disabled_at") " AS disabled_at,"
    "       (SELECT count(*) FROM sessions s WHERE s.person_id = p.id"
    "           AND s.expires_at > now() AND s.idle_expires_at > now())::text"
    "           AS sessions"
    "  FROM people p ORDER BY p.id";

static void
usage_user(FILE *f)
{
	fputs("usage: lanternctl [--database-url URL] [--json] user add EMAIL [--role owner|editor]\n"
	    "       lanternctl [--database-url URL] user passwd EMAIL\n"
	    "       lanternctl [--database-url URL] user role EMAIL owner|editor\n"
	    "       lanternctl [--database-url URL] user remove EMAIL\n"
	    "       lanternctl [--database-url URL] [--json] user list\n"
	    "\n"
	    "The people who sign in to the web console (/manage/), on the database\n"
	    "directly, as its owner.  A password is read from standard input (its\n"
	    "first line), or asked for twice with echo off on a terminal; never from\n"
	    "the command line, which every user of the machine may read.\n"
	    "\n"
	    "  add      a new person (role editor unless --role owner)\n"
	    "  passwd   a new password; every session of the person ends\n"
	    "  role     owner (people, API keys, page settings) or editor\n"
	    "           (incidents, maintenance, components)\n"
	    "  remove   the person and their sessions\n"
	    "  list     id, role, created, live sessions, disabled, e-mail\n"
	    "\n"
	    "The last owner who can sign in can be neither removed nor made an\n"
	    "editor.\n"
	    "\n"
	    "exit status: 0 ok, 64 usage, 65 bad e-mail, password or role, the\n"
	    "e-mail taken, or the last owner; 66 no such person, 69 database\n"
	    "unavailable, 78 LANTERN_DATABASE_URL missing or invalid.\n", f);
}

static const char *
field(const PGresult *res, int row, const char *col)
{
	int	c = PQfnumber(res, col);

	return c < 0 || PQgetisnull(res, row, c) ? NULL : PQgetvalue(res, row, c);
}

/*
 * An e-mail as the schema takes it: something@something, without spaces
 * or control characters, 3 to 254 bytes.  The database checks it again.
 */
static int
email_ok(const char *s)
{
	const char	*at = strchr(s, '@');
	const char	*p;

	if (strlen(s) < 3 || strlen(s) > 254 || at == NULL || at == s ||
	    at[1] == '\0' || strchr(at + 1, '@') != NULL)
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

/* One line of stdin without its line end, malloc'd; NULL at EOF or on error. */
static char *
read_line(FILE *f)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	if ((n = getline(&line, &cap, f)) <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

/* Asks on the terminal with echo off; the answer as read_line's. */
static char *
ask(const char *prompt)
{
	struct termios	 old, quiet;
	char		*line;
	int		 restore;

	fputs(prompt, stderr);
	fflush(stderr);
	restore = tcgetattr(STDIN_FILENO, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	line = read_line(stdin);
	if (restore)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return line;
}

/*
 * The new password, hashed into hash: from a terminal asked twice, else
 * the first line of stdin.  CTL_OK, or CTL_DATAERR / CTL_FAIL said.
 */
static int
new_password(const char *cmd, char hash[PASSWORD_HASH_MAX])
{
	char		*pw, *again = NULL;
	const char	*weak;
	int		 rc = CTL_DATAERR;

	if (isatty(STDIN_FILENO)) {
		pw = ask("New password: ");
		if (pw != NULL && (again = ask("The same again: ")) != NULL &&
		    strcmp(pw, again) != 0) {
			ctl_warnx("%s: the two passwords differ", cmd);
			goto done;
		}
	} else
		pw = read_line(stdin);
	if (pw == NULL || *pw == '\0') {
		ctl_warnx("%s: no password on standard input", cmd);
		goto done;
	}
	if ((weak = password_weak(pw)) != NULL) {
		ctl_warnx("%s: %s", cmd, weak);
		goto done;
	}
	if (password_hash(pw, hash) == -1) {
		ctl_warnx("%s: hashing the password failed (out of memory?)", cmd);
		rc = CTL_FAIL;
		goto done;
	}
	rc = CTL_OK;
done:
	if (pw != NULL)
		explicit_bzero(pw, strlen(pw));
	if (again != NULL)
		explicit_bzero(again, strlen(again));
	free(pw);
	free(again);
	return rc;
}

/*
 * The options of a user command (only --help and the common ones) and
 * its want operands: CTL_OK with argv + optind the operands, -1 after
 * --help, or CTL_USAGE.
 */
static int
operands(struct ctl *ctl, const char *cmd, int argc, char **argv, int want,
    const char *missing, int *first, int *role_owner)
{
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	int	c;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":hr:", longopts)) != -1) {
		switch (c) {
		case 'h':
			usage_user(stdout);
			return -1;
		case 'r':
			if (role_owner != NULL && strcmp(optarg, "owner") == 0)
				*role_owner = 1;
			else if (role_owner != NULL && strcmp(optarg, "editor") == 0)
				*role_owner = 0;
			else {
				ctl_warnx("%s: --role is owner or editor%s", cmd,
				    role_owner == NULL ? ", and only for user add" : "");
				return CTL_USAGE;
			}
			break;
		default:
			return ctl_usage_error(cmd);
		}
	}
	if (argc - optind != want) {
		ctl_warnx("%s: %s", cmd, argc - optind < want ? missing :
		    "too many arguments");
		return ctl_usage_error(cmd);
	}
	if (want > 0 && !email_ok(argv[optind])) {
		ctl_warnx("%s: '%s' is not an e-mail address", cmd, argv[optind]);
		return CTL_DATAERR;
	}
	*first = optind;
	return CTL_OK;
}

/* Runs sql with params in its own statement; CTL_OK with *res, or said. */
static int
run(PGconn *conn, const char *cmd, const char *sql, int n,
    const char *const *params, PGresult **res)
{
	const char	*state;

	*res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(*res) == PGRES_TUPLES_OK)
		return CTL_OK;
	state = PQresultErrorField(*res, PG_DIAG_SQLSTATE);
	if (state != NULL && strcmp(state, "23505") == 0) {
		ctl_warnx("%s: someone has this e-mail already", cmd);
		return CTL_DATAERR;
	}
	if (state != NULL && strcmp(state, "23514") == 0) {
		ctl_db_fail(conn, *res, cmd);
		return CTL_DATAERR;
	}
	return ctl_db_fail(conn, *res, cmd);
}

static int
user_add(struct ctl *ctl, int argc, char **argv)
{
	char		 hash[PASSWORD_HASH_MAX];
	const char	*params[3];
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 rc, first, owner = 0;

	if ((rc = operands(ctl, "user add", argc, argv, 1, "EMAIL is missing",
	    &first, &owner)) != CTL_OK)
		return rc == -1 ? CTL_OK : rc;
	if ((rc = ctl_connect(ctl, &conn)) != CTL_OK)
		return rc;
	if ((rc = new_password("user add", hash)) != CTL_OK)
		goto done;
	params[0] = argv[first];
	params[1] = hash;
	params[2] = owner ? "owner" : "editor";
	if ((rc = run(conn, "user add", sql_add, 3, params, &res)) != CTL_OK)
		goto done;
	if (ctl->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "id",
		    json_object_new_string(field(res, 0, "id")));
		json_object_object_add(o, "email", json_object_new_string(argv[first]));
		json_object_object_add(o, "role", json_object_new_string(params[2]));
		ctl_json_print(o);
	} else
		printf("person %s added: %s (%s)\n", field(res, 0, "id"),
		    argv[first], params[2]);
done:
	PQclear(res);
	PQfinish(conn);
	return rc;
}

static int
user_passwd(struct ctl *ctl, int argc, char **argv)
{
	char		 hash[PASSWORD_HASH_MAX];
	const char	*params[2];
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 rc, first;

	if ((rc = operands(ctl, "user passwd", argc, argv, 1, "EMAIL is missing",
	    &first, NULL)) != CTL_OK)
		return rc == -1 ? CTL_OK : rc;
	if ((rc = ctl_connect(ctl, &conn)) != CTL_OK)
		return rc;
	if ((rc = new_password("user passwd", hash)) != CTL_OK)
		goto done;
	params[0] = argv[first];
	params[1] = hash;
	if ((rc = run(conn, "user passwd", sql_passwd, 2, params, &res)) != CTL_OK)
		goto done;
	if (PQntuples(res) == 0) {
		ctl_warnx("user passwd: no such person %s", argv[first]);
		rc = CTL_NOINPUT;
	} else
		printf("new password for %s; their sessions have ended\n",
		    argv[first]);
done:
	PQclear(res);
	PQfinish(conn);
	return rc;
}

/* Role or removal: the person found, then sql with their id (and role, if any). */
static int
change(struct ctl *ctl, const char *cmd, const char *email, const char *role,
    const char *sql, const char *done_text)
{
	const char	*params[2];
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 rc;
	char		 id[24];

	if ((rc = ctl_connect(ctl, &conn)) != CTL_OK)
		return rc;
	if ((rc = ctl_exec(conn, "BEGIN")) != CTL_OK)
		goto done;
	params[0] = email;
	if ((rc = run(conn, cmd, sql_target, 1, params, &res)) != CTL_OK)
		goto rollback;
	if (PQntuples(res) == 0) {
		ctl_warnx("%s: no such person %s", cmd, email);
		rc = CTL_NOINPUT;
		goto rollback;
	}
	snprintf(id, sizeof(id), "%s", field(res, 0, "id"));
	PQclear(res);
	params[0] = id;
	params[1] = role;
	if ((rc = run(conn, cmd, sql, role != NULL ? 2 : 1, params, &res)) != CTL_OK)
		goto rollback;
	if ((rc = ctl_exec(conn, "COMMIT")) == CTL_OK)
		printf("%s %s\n", email, done_text);
	goto done;
rollback:
	PQclear(PQexec(conn, "ROLLBACK"));
done:
	PQclear(res);
	PQfinish(conn);
	return rc;
}

static int
user_role(struct ctl *ctl, int argc, char **argv)
{
	int	rc, first;

	if ((rc = operands(ctl, "user role", argc, argv, 2, "EMAIL and ROLE are "
	    "needed", &first, NULL)) != CTL_OK)
		return rc == -1 ? CTL_OK : rc;
	if (strcmp(argv[first + 1], "owner") != 0 &&
	    strcmp(argv[first + 1], "editor") != 0) {
		ctl_warnx("user role: ROLE is owner or editor");
		return CTL_DATAERR;
	}
	return change(ctl, "user role", argv[first], argv[first + 1], sql_role,
	    strcmp(argv[first + 1], "owner") == 0 ? "is an owner" :
	    "is an editor");
}

static int
user_remove(struct ctl *ctl, int argc, char **argv)
{
	int	rc, first;

	if ((rc = operands(ctl, "user remove", argc, argv, 1, "EMAIL is missing",
	    &first, NULL)) != CTL_OK)
		return rc == -1 ? CTL_OK : rc;
	return change(ctl, "user remove", argv[first], NULL, sql_remove,
	    "removed, with their sessions");
}

static int
user_list(struct ctl *ctl, int argc, char **argv)
{
	static const char *const cols[] = { "id", "role", "created_at",
	    "sessions", "disabled_at", "email" };
	static const char *const heads[] = { "ID", "ROLE", "CREATED",
	    "SESSIONS", "DISABLED", "EMAIL" };
	enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };
	struct json_object *arr, *o;
	const char	*v;
	size_t		 width[NCOLS];
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 rc, first, row, i;

	if ((rc = operands(ctl, "user list", argc, argv, 0, "", &first,
	    NULL)) != CTL_OK)
		return rc == -1 ? CTL_OK : rc;
	if ((rc = ctl_connect(ctl, &conn)) != CTL_OK)
		return rc;
	if ((rc = run(conn, "user list", sql_list, 0, NULL, &res)) != CTL_OK)
		goto done;
	if (ctl->json) {
		arr = json_object_new_array();
		for (row = 0; row < PQntuples(res); row++) {
			o = json_object_new_object();
			for (i = 0; i < NCOLS; i++) {
				v = field(res, row, cols[i]);
				json_object_object_add(o, cols[i], v == NULL ? NULL :
				    strcmp(cols[i], "sessions") == 0 ?
				    json_object_new_int(atoi(v)) :
				    json_object_new_string(v));
			}
			json_object_array_add(arr, o);
		}
		ctl_json_print(arr);
		goto done;
	}
	for (i = 0; i < NCOLS; i++)
		width[i] = strlen(heads[i]);
	for (row = 0; row < PQntuples(res); row++)
		for (i = 0; i < NCOLS - 1; i++)
			if ((v = field(res, row, cols[i])) != NULL &&
			    strlen(v) > width[i])
				width[i] = strlen(v);
	for (i = 0; i < NCOLS - 1; i++)
		printf("%-*s  ", (int)width[i], heads[i]);
	printf("%s\n", heads[NCOLS - 1]);
	for (row = 0; row < PQntuples(res); row++) {
		for (i = 0; i < NCOLS - 1; i++)
			printf("%-*s  ", (int)width[i], (v = field(res, row,
			    cols[i])) != NULL ? v : "-");
		printf("%s\n", field(res, row, "email"));
	}
done:
	PQclear(res);
	PQfinish(conn);
	return rc;
}

static const struct ctl_command user_commands[] = {
	{ "add", user_add, NULL },
	{ "passwd", user_passwd, NULL },
	{ "role", user_role, NULL },
	{ "remove", user_remove, NULL },
	{ "list", user_list, NULL },
};

/* lanternctl user COMMAND ...: exit codes as usage_user says. */
int
ctl_user(struct ctl *ctl, int argc, char **argv)
{
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};

	return ctl_noun(ctl, "user", longopts, usage_user, user_commands,
	    sizeof(user_commands) / sizeof(user_commands[0]), argc, argv);
}
