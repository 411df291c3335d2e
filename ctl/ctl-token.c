/* ctl-token.c: lanternctl token create|list|revoke, on the database directly */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "key.h"

#define TOKEN_NAME_MAX	200	/* characters; the schema checks it too */

/* Times in UTC, RFC 3339 to the second. */
#define UTC_TIME(col) \
	"to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* The token and its audit entry (no key, no hash) in one statement. */
static const char sql_create[] =
    "WITH t AS ("
    "  INSERT INTO api_tokens (page_id, name, token_hash, read_only)"
    "  VALUES ($1::bigint, $2, $3::bytea, $4::boolean)"
    "  RETURNING id, page_id, name, read_only, created_at),"
    " a AS ("
    "  INSERT INTO audit_log (action, entity_type, entity_id, after)"
    "  SELECT 'token.create', 'api_token', id,"
    "         jsonb_build_object('name', name, 'page_id', page_id,"
    "                            'read_only', read_only)"
    "    FROM t)"
    "SELECT id::text AS id, page_id::text AS page_id, name, read_only, "
    UTC_TIME("created_at") " AS created_at FROM t";

static const char sql_list[] =
    "SELECT id::text AS id, page_id::text AS page_id, name, read_only, "
    UTC_TIME("created_at") " AS created_at, "
    UTC_TIME("last_used_at") " AS last_used_at, "
    UTC_TIME("revoked_at") " AS revoked_at"
    "  FROM api_tokens ORDER BY id";

static const char sql_revoke[] =
    "WITH t AS ("
    "  UPDATE api_tokens SET revoked_at = now()"
    "   WHERE id = $1::bigint AND revoked_at IS NULL"
    "  RETURNING id, name, revoked_at),"
    " a AS ("
    "  INSERT INTO audit_log (action, entity_type, entity_id, before, after)"
    "  SELECT 'token.revoke', 'api_token', id,"
    "         jsonb_build_object('revoked_at', NULL),"
    "         jsonb_build_object('revoked_at', revoked_at)"
    "    FROM t)"
    "SELECT id::text AS id, name, " UTC_TIME("revoked_at") " AS revoked_at FROM t";

static const char sql_revoked_at[] =
    "SELECT " UTC_TIME("revoked_at") " AS revoked_at"
    "  FROM api_tokens WHERE id = $1::bigint";

static void
usage_token(FILE *f)
{
	fputs("usage: lanternctl [--database-url URL] [--json] token create NAME [--read-only] [--page PAGE_ID]\n"
	    "       lanternctl [--database-url URL] [--json] token list\n"
	    "       lanternctl [--database-url URL] [--json] token revoke ID\n"
	    "\n"
	    "API tokens for the write API, made on the database directly (so the\n"
	    "first one can be made on the server).  A key is shown once; the\n"
	    "database keeps only its SHA-256.\n"
	    "\n"
	    "  create   make a token and print its key\n"
	    "  list     every token: id, access, page, created, last used, revoked, name\n"
	    "  revoke   stop a token from working\n"
	    "\n"
	    "'lanternctl token COMMAND --help' tells more.\n", f);
}

static void
usage_create(FILE *f)
{
	fputs("usage: lanternctl [--json] token create NAME [--read-only] [--page PAGE_ID]\n"
	    "\n"
	    "Makes a token and prints its key, \"lantern_\" and 64 hex digits, once on\n"
	    "stdout (with --json: {\"id\", \"name\", \"key\", \"read_only\", \"page_id\",\n"
	    "\"created_at\"}).  The database keeps only the key's SHA-256.\n"
	    "\n"
	    "  NAME             what the token is for: 1 to 200 characters of UTF-8,\n"
	    "                   spaces around it trimmed\n"
	    "  --read-only      the token may read but not change anything\n"
	    "  --page PAGE_ID   valid for this page only (default: every page)\n"
	    "\n"
	    "exit status: 0 ok, 64 usage, 65 bad name or page id, 66 no such page,\n"
	    "69 database unavailable, 78 LANTERN_DATABASE_URL missing or invalid.\n",
	    f);
}

static void
usage_list(FILE *f)
{
	fputs("usage: lanternctl [--json] token list\n"
	    "\n"
	    "Prints every token as a table (id, access, page, created, last used,\n"
	    "revoked, name; times in UTC), or with --json an array of objects.\n"
	    "Keys and their hashes are never shown.\n", f);
}

static void
usage_revoke(FILE *f)
{
	fputs("usage: lanternctl [--json] token revoke ID\n"
	    "\n"
	    "Marks the token ID (from 'token list') revoked now; it stops working\n"
	    "at once and stays listed.\n"
	    "\n"
	    "exit status: 0 ok, 64 usage, 65 ID is not a number, 66 no such token\n"
	    "or already revoked, 69 database unavailable, 78 configuration.\n", f);
}

/*
 * Trims white space around in; checks it is UTF-8 without control
 * characters and 1..TOKEN_NAME_MAX characters.  Returns the trimmed copy,
 * or NULL with the reason in err.
 */
static char *
token_name(const char *in, char *err, size_t errlen)
{
	const unsigned char	*p, *end;
	unsigned long		 cp;
	size_t			 chars = 0;
	int			 more;
	char			*out;

	p = (const unsigned char *)in;
	end = p + strlen(in);
	while (p < end && (*p == ' ' || (*p >= '\t' && *p <= '\r')))
		p++;
	while (end > p && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r')))
		end--;
	if ((out = strndup((const char *)p, (size_t)(end - p))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (p == end) {
		snprintf(err, errlen, "the token name is empty");
		goto fail;
	}
	while (p < end) {
		static const unsigned long	 min[] = { 0, 0x80, 0x800, 0x10000 };
		int				 n;

		if (*p < 0x80)
			n = 0;
		else if (*p >= 0xc2 && *p <= 0xdf)
			n = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3;
		else
			goto utf8;
		cp = *p++ & (n == 0 ? 0x7f : 0x3f >> n);
		for (more = n; more > 0; more--) {
			if (p >= end || (*p & 0xc0) != 0x80)
				goto utf8;
			cp = cp << 6 | (*p++ & 0x3f);
		}
		/* Overlong forms, surrogates, beyond U+10FFFF. */
		if (cp < min[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			goto utf8;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			snprintf(err, errlen, "the token name contains a control "
			    "character");
			goto fail;
		}
		if (++chars > TOKEN_NAME_MAX) {
			snprintf(err, errlen, "the token name is longer than %d "
			    "characters", TOKEN_NAME_MAX);
			goto fail;
		}
	}
	return out;
utf8:
	snprintf(err, errlen, "the token name is not valid UTF-8");
fail:
	free(out);
	return NULL;
}

/* Names as a table cell: control characters (from rows not made here) as '?'. */
static void
print_cell(const char *s)
{
	for (; *s != '\0'; s++)
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

static const char *
field(const PGresult *res, int row, const char *col)
{
	int	c = PQfnumber(res, col);

	return c < 0 || PQgetisnull(res, row, c) ? NULL : PQgetvalue(res, row, c);
}

static struct json_object *
json_string_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static int
token_create(struct ctl *ctl, int argc, char **argv)
{
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		{ "read-only", no_argument, NULL, 'r' },
		{ "page", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	char		 key[KEY_LEN + 1], page[24], err[128], *name = NULL;
	unsigned char	 hash[KEY_HASH_LEN];
	const char	*params[4], *page_arg = NULL, *sqlstate;
	int		 lengths[4] = { 0, 0, KEY_HASH_LEN, 0 };
	int		 formats[4] = { 0, 0, 1, 0 };
	int		 c, rc, read_only = 0;
	struct json_object *obj;
	PGconn		*conn = NULL;
	PGresult	*res = NULL;

	optind = 0;
	while ((c = ctl_getopt(ctl, "token create", argc, argv, ":hrp:",
	    longopts)) != -1) {
		switch (c) {
		case 'h':
			usage_create(stdout);
			return CTL_OK;
		case 'r':
			read_only = 1;
			break;
		case 'p':
			page_arg = optarg;
			break;
		default:
			return ctl_usage_error("token create");
		}
	}
	if (argc - optind != 1) {
		ctl_warnx(argc - optind < 1 ? "token create: NAME is missing" :
		    "token create: one NAME only (quote a name with spaces)");
		return ctl_usage_error("token create");
	}
	if (page_arg != NULL && ctl_parse_id(page_arg, page, sizeof(page)) == -1) {
		ctl_warnx("token create: --page must be a page id, a positive "
		    "whole number");
		return CTL_DATAERR;
	}
	if ((name = token_name(argv[optind], err, sizeof(err))) == NULL) {
		ctl_warnx("token create: %s", err);
		return CTL_DATAERR;
	}
	if ((rc = ctl_connect(ctl, &conn)) != CTL_OK)
		goto done;

	if (key_generate(key) == -1) {
		ctl_warnx("no random numbers from the kernel: %s", strerror(errno));
		rc = CTL_FAIL;
		goto done;
	}
	if (key_hash(key, strlen(key), hash) == -1) {
		ctl_warnx("SHA-256 failed (libcrypto)");
		rc = CTL_FAIL;
		goto done;
	}
	params[0] = page_arg != NULL ? page : NULL;
	params[1] = name;
	params[2] = (const char *)hash;
	params[3] = read_only ? "true" : "false";

	/* The key is printed before COMMIT: a key nobody saw is never valid. */
	if ((rc = ctl_exec(conn, "BEGIN")) != CTL_OK)
		goto done;
	res = PQexecParams(conn, sql_create, 4, NULL, params, lengths, formats, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (sqlstate != NULL && strcmp(sqlstate, "23503") == 0) {
			ctl_warnx("token create: no page with id %s", page);
			rc = CTL_NOINPUT;
		} else if (sqlstate != NULL && strcmp(sqlstate, "23514") == 0) {
			ctl_db_fail(conn, res, "token create: the name is refused");
			rc = CTL_DATAERR;
		} else
			rc = ctl_db_fail(conn, res, "token create");
		goto rollback;
	}
	if (ctl->json) {
		obj = json_object_new_object();
		json_object_object_add(obj, "id",
		    json_string_or_null(field(res, 0, "id")));
		json_object_object_add(obj, "name",
		    json_string_or_null(field(res, 0, "name")));
		json_object_object_add(obj, "key", json_object_new_string(key));
		json_object_object_add(obj, "read_only",
		    json_object_new_boolean(read_only));
		json_object_object_add(obj, "page_id",
		    json_string_or_null(field(res, 0, "page_id")));
		json_object_object_add(obj, "created_at",
		    json_string_or_null(field(res, 0, "created_at")));
		ctl_json_print(obj);
	} else
		puts(key);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ctl_warnx("token create: cannot write the key; no token was made");
		rc = CTL_FAIL;
		goto rollback;
	}
	if ((rc = ctl_exec(conn, "COMMIT")) != CTL_OK)
		ctl_warnx("token create: the key printed above is not valid");
	goto done;
rollback:
	PQclear(PQexec(conn, "ROLLBACK"));
done:
	explicit_bzero(key, sizeof(key));
	PQclear(res);
	if (conn != NULL)
		PQfinish(conn);
	free(name);
	return rc;
}

static int
token_list(struct ctl *ctl, int argc, char **argv)
{
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	/* The table's columns: heading, query column; the name goes last,
	 * unpadded, so no width of a UTF-8 name is ever needed. */
	static const char *const heads[] = { "ID", "ACCESS", "PAGE", "CREATED",
	    "LAST USED", "REVOKED", "NAME" };
	static const char *const cols[] = { "id", NULL, "page_id", "created_at",
	    "last_used_at", "revoked_at", "name" };
	enum { NCOLS = sizeof(heads) / sizeof(heads[0]) };
	struct json_object *arr, *obj;
	const char	*v, *ro;
	size_t		 width[NCOLS], len;
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 c, rc, row, i;

	optind = 0;
	while ((c = ctl_getopt(ctl, "token list", argc, argv, ":h",
	    longopts)) != -1) {
		switch (c) {
		case 'h':
			usage_list(stdout);
			return CTL_OK;
		default:
			return ctl_usage_error("token list");
		}
	}
	if (optind < argc) {
		ctl_warnx("token list: unexpected argument '%s'", argv[optind]);
		return ctl_usage_error("token list");
	}
	if ((rc = ctl_connect(ctl, &conn)) != CTL_OK)
		return rc;
	res = PQexecParams(conn, sql_list, 0, NULL, NULL, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = ctl_db_fail(conn, res, "token list");
		goto done;
	}

	if (ctl->json) {
		arr = json_object_new_array();
		for (row = 0; row < PQntuples(res); row++) {
			ro = field(res, row, "read_only");
			obj = json_object_new_object();
			json_object_object_add(obj, "id",
			    json_string_or_null(field(res, row, "id")));
			json_object_object_add(obj, "name",
			    json_string_or_null(field(res, row, "name")));
			json_object_object_add(obj, "read_only",
			    json_object_new_boolean(ro != NULL && *ro == 't'));
			json_object_object_add(obj, "page_id",
			    json_string_or_null(field(res, row, "page_id")));
			json_object_object_add(obj, "created_at",
			    json_string_or_null(field(res, row, "created_at")));
			json_object_object_add(obj, "last_used_at",
			    json_string_or_null(field(res, row, "last_used_at")));
			json_object_object_add(obj, "revoked_at",
			    json_string_or_null(field(res, row, "revoked_at")));
			json_object_array_add(arr, obj);
		}
		ctl_json_print(arr);
		goto done;
	}

	for (i = 0; i < NCOLS; i++)
		width[i] = strlen(heads[i]);
	for (row = 0; row < PQntuples(res); row++)
		for (i = 0; i < NCOLS - 1; i++) {
			v = cols[i] != NULL ? field(res, row, cols[i]) : "read-write";
			len = v != NULL ? strlen(v) : 1;
			if (len > width[i])
				width[i] = len;
		}
	for (i = 0; i < NCOLS - 1; i++)
		printf("%-*s  ", (int)width[i], heads[i]);
	printf("%s\n", heads[NCOLS - 1]);
	for (row = 0; row < PQntuples(res); row++) {
		ro = field(res, row, "read_only");
		for (i = 0; i < NCOLS - 1; i++) {
			if (cols[i] == NULL)
				v = ro != NULL && *ro == 't' ? "read-only" :
				    "read-write";
			else if ((v = field(res, row, cols[i])) == NULL)
				v = i == 2 ? "all" : "-";
			printf("%-*s  ", (int)width[i], v);
		}
		v = field(res, row, "name");
		print_cell(v != NULL ? v : "");
		putchar('\n');
	}
done:
	PQclear(res);
	PQfinish(conn);
	return rc;
}

static int
token_revoke(struct ctl *ctl, int argc, char **argv)
{
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct json_object *obj;
	const char	*params[1];
	char		 id[24];
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 c, rc;

	optind = 0;
	while ((c = ctl_getopt(ctl, "token revoke", argc, argv, ":h",
	    longopts)) != -1) {
		switch (c) {
		case 'h':
			usage_revoke(stdout);
			return CTL_OK;
		default:
			return ctl_usage_error("token revoke");
		}
	}
	if (argc - optind != 1) {
		ctl_warnx(argc - optind < 1 ? "token revoke: ID is missing" :
		    "token revoke: one ID only");
		return ctl_usage_error("token revoke");
	}
	if (ctl_parse_id(argv[optind], id, sizeof(id)) == -1) {
		ctl_warnx("token revoke: ID must be a token id from 'lanternctl "
		    "token list', a positive whole number");
		return CTL_DATAERR;
	}
	if ((rc = ctl_connect(ctl, &conn)) != CTL_OK)
		return rc;
	params[0] = id;
	res = PQexecParams(conn, sql_revoke, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = ctl_db_fail(conn, res, "token revoke");
		goto done;
	}
	if (PQntuples(res) == 1) {
		if (ctl->json) {
			obj = json_object_new_object();
			json_object_object_add(obj, "id",
			    json_string_or_null(field(res, 0, "id")));
			json_object_object_add(obj, "name",
			    json_string_or_null(field(res, 0, "name")));
			json_object_object_add(obj, "revoked_at",
			    json_string_or_null(field(res, 0, "revoked_at")));
			ctl_json_print(obj);
		} else {
			printf("revoked token %s (", id);
			print_cell(field(res, 0, "name") ? field(res, 0, "name") : "");
			puts(")");
		}
		goto done;
	}

	/* Nothing revoked: say whether it never was or already is. */
	PQclear(res);
	res = PQexecParams(conn, sql_revoked_at, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = ctl_db_fail(conn, res, "token revoke");
		goto done;
	}
	if (PQntuples(res) == 0)
		ctl_warnx("token revoke: no such token %s", id);
	else
		ctl_warnx("token revoke: token %s was already revoked at %s", id,
		    field(res, 0, "revoked_at") ? field(res, 0, "revoked_at") : "?");
	rc = CTL_NOINPUT;
done:
	PQclear(res);
	PQfinish(conn);
	return rc;
}

static const struct ctl_command token_commands[] = {
	{ "create", token_create, NULL },
	{ "list", token_list, NULL },
	{ "revoke", token_revoke, NULL },
};

/* lanternctl token COMMAND ...: exit codes as each command says. */
int
ctl_token(struct ctl *ctl, int argc, char **argv)
{
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};

	return ctl_noun(ctl, "token", longopts, usage_token, token_commands,
	    sizeof(token_commands) / sizeof(token_commands[0]), argc, argv);
}
