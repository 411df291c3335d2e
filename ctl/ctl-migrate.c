/* ctl-migrate.c: lanternctl migrate: apply sql/migrations/NNNN_name.sql in order */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"

#ifndef LANTERN_MIGRATIONS_DEFAULT
#define LANTERN_MIGRATIONS_DEFAULT "/usr/local/share/lantern/sql/migrations"
#endif

/*
 * Any fixed number works as long as every run against a database uses the
 * same one: "Lantern" in ASCII, as sql/migrate used before this command.
 */
#define MIGRATE_LOCK_KEY	0x4c616e7465726eLL

#define MIGRATE_MAX_BYTES	(64L * 1024 * 1024)

struct migration {
	int	 version;
	char	*file;		/* "0001_schema.sql" */
	char	*name;		/* "schema" */
	char	*sql;		/* the whole file */
};

static void
usage(FILE *f)
{
	fputs("usage: lanternctl [--database-url URL] [--json] migrate [--dir DIR]\n"
	    "\n"
	    "Applies each migration DIR/NNNN_name.sql not yet recorded in the\n"
	    "database's schema_migrations table, in order of NNNN, each in its own\n"
	    "transaction under an advisory lock (a concurrent run waits).  Prints\n"
	    "\"applied NNNN_name.sql\" for each, nothing when none was pending;\n"
	    "with --json, {\"applied\": [...]}.\n"
	    "\n"
	    "  --dir DIR   the migrations folder; default: LANTERN_MIGRATIONS_DIR,\n"
	    "              else " LANTERN_MIGRATIONS_DEFAULT "\n"
	    "\n"
	    "exit status: 0 ok, 1 a migration failed (nothing of it is left),\n"
	    "64 usage, 65 a badly named or duplicate migration, 66 no such folder,\n"
	    "69 database unavailable, 78 LANTERN_DATABASE_URL missing or invalid.\n",
	    f);
}

static void
migrations_free(struct migration *m, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(m[i].file);
		free(m[i].name);
		free(m[i].sql);
	}
	free(m);
}

/* "NNNN_name.sql": digits, '_', [A-Za-z0-9_]+, ".sql".  0 or -1. */
static int
migration_parse_name(const char *file, int *version, char **name)
{
	const char	*p = file, *start;
	long		 v = 0;
	size_t		 len;

	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		v = v * 10 + (*p - '0');
		if (v > INT_MAX)	/* schema_migrations.version is an integer */
			return -1;
	}
	if (*p++ != '_')
		return -1;
	start = p;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	len = (size_t)(p - start);
	if (len == 0 || strcmp(p, ".sql") != 0)
		return -1;
	if ((*name = strndup(start, len)) == NULL)
		return -1;
	*version = (int)v;
	return 0;
}

static int
migration_cmp(const void *a, const void *b)
{
	const struct migration	*x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

/* The whole file, NUL-terminated; a NUL inside it is refused (65). */
static int
migration_read(const char *path, char **out)
{
	char	*buf = NULL, *nb;
	size_t	 len = 0, cap = 0;
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		ctl_warnx("%s: %s", path, strerror(errno));
		return CTL_FAIL;
	}
	for (;;) {
		if (cap - len < 4096) {
			if (cap >= (size_t)MIGRATE_MAX_BYTES) {
				ctl_warnx("%s: larger than %ld bytes", path,
				    MIGRATE_MAX_BYTES);
				goto data;
			}
			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(buf, cap + 1)) == NULL) {
				ctl_warnx("%s: out of memory", path);
				goto fail;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			ctl_warnx("%s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (strlen(buf) != len) {
		ctl_warnx("%s: contains a NUL byte", path);
		free(buf);
		return CTL_DATAERR;
	}
	*out = buf;
	return CTL_OK;
data:
	close(fd);
	free(buf);
	return CTL_DATAERR;
fail:
	close(fd);
	free(buf);
	return CTL_FAIL;
}

/*
 * Migrations are plain SQL sent as they are: a psql meta-command (a line
 * starting with a backslash, like \i or \set) would reach the server as
 * SQL, so it is refused before anything runs.
 */
static int
migration_check(const char *path, const char *sql)
{
	const char	*p = sql;
	int		 line = 1;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\\') {
			ctl_warnx("%s:%d: a psql meta-command; migrations must "
			    "be plain SQL", path, line);
			return CTL_DATAERR;
		}
		if ((p = strchr(p, '\n')) == NULL)
			return CTL_OK;
		p++;
		line++;
	}
}

/* Every NNNN_name.sql in dir, read, checked and sorted by version. */
static int
migrations_load(const char *dir, struct migration **out, size_t *nout)
{
	struct migration	*m = NULL, *nm;
	struct dirent		*de;
	DIR			*d;
	size_t			 n = 0, cap = 0, i, len;
	char			*path = NULL;
	int			 rc = CTL_OK;

	if ((d = opendir(dir)) == NULL) {
		ctl_warnx("migrations folder %s: %s", dir, strerror(errno));
		return errno == ENOENT || errno == ENOTDIR ? CTL_NOINPUT :
		    CTL_FAIL;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		/* As a shell's *.sql would: hidden files and others are not ours. */
		if (de->d_name[0] == '.' || len < 4 ||
		    strcmp(de->d_name + len - 4, ".sql") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nm = realloc(m, cap * sizeof(*m))) == NULL) {
				ctl_warnx("out of memory");
				rc = CTL_FAIL;
				goto done;
			}
			m = nm;
		}
		memset(&m[n], 0, sizeof(m[n]));
		if (migration_parse_name(de->d_name, &m[n].version,
		    &m[n].name) == -1) {
			ctl_warnx("%s/%s: name is not NNNN_name.sql (digits, "
			    "'_', letters, digits or '_')", dir, de->d_name);
			rc = CTL_DATAERR;
			goto done;
		}
		if ((m[n].file = strdup(de->d_name)) == NULL) {
			n++;
			ctl_warnx("out of memory");
			rc = CTL_FAIL;
			goto done;
		}
		n++;
	}
	if (errno != 0) {
		ctl_warnx("migrations folder %s: %s", dir, strerror(errno));
		rc = CTL_FAIL;
		goto done;
	}
	if (n > 0)
		qsort(m, n, sizeof(*m), migration_cmp);
	for (i = 1; i < n; i++) {
		if (m[i].version == m[i - 1].version) {
			ctl_warnx("%s: %s and %s have the same version %d", dir,
			    m[i - 1].file, m[i].file, m[i].version);
			rc = CTL_DATAERR;
			goto done;
		}
	}
	for (i = 0; i < n; i++) {
		free(path);
		if (asprintf(&path, "%s/%s", dir, m[i].file) == -1) {
			path = NULL;
			ctl_warnx("out of memory");
			rc = CTL_FAIL;
			goto done;
		}
		if ((rc = migration_read(path, &m[i].sql)) != CTL_OK ||
		    (rc = migration_check(path, m[i].sql)) != CTL_OK)
			goto done;
	}
done:
	free(path);
	closedir(d);
	if (rc != CTL_OK) {
		migrations_free(m, n);
		return rc;
	}
	*out = m;
	*nout = n;
	return CTL_OK;
}

/* Within a transaction: waits for any other run to finish. */
static int
migrate_lock(PGconn *conn)
{
	char		 key[24];
	const char	*params[1];
	PGresult	*res;
	int		 rc = CTL_OK;

	snprintf(key, sizeof(key), "%lld", MIGRATE_LOCK_KEY);
	params[0] = key;
	res = PQexecParams(conn, "SELECT pg_advisory_xact_lock($1::bigint)",
	    1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = ctl_db_fail(conn, res, "taking the migration lock");
	PQclear(res);
	return rc;
}

static int
migrate_prepare(PGconn *conn)
{
	int	rc;

	if ((rc = ctl_exec(conn, "BEGIN")) != CTL_OK)
		return rc;
	if ((rc = migrate_lock(conn)) != CTL_OK ||
	    (rc = ctl_exec(conn,
	    "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version    integer PRIMARY KEY,"
	    " name       text NOT NULL,"
	    " applied_at timestamptz NOT NULL DEFAULT now())")) != CTL_OK ||
	    (rc = ctl_exec(conn, "COMMIT")) != CTL_OK) {
		PQclear(PQexec(conn, "ROLLBACK"));
		return rc;
	}
	return CTL_OK;
}

/*
 * One migration in one transaction with its schema_migrations row.
 * Whether it is still pending is decided under the lock, so of two
 * concurrent runs the second waits and then finds it recorded.
 * *applied is set to 1 if it ran.
 */
static int
migrate_one(PGconn *conn, const struct migration *m, int *applied)
{
	char		 version[16];
	const char	*params[2];
	PGresult	*res;
	ExecStatusType	 st;
	int		 rc;

	*applied = 0;
	snprintf(version, sizeof(version), "%d", m->version);
	params[0] = version;
	params[1] = m->name;

	if ((rc = ctl_exec(conn, "BEGIN")) != CTL_OK)
		return rc;
	if ((rc = migrate_lock(conn)) != CTL_OK)
		goto rollback;

	res = PQexecParams(conn,
	    "SELECT 1 FROM schema_migrations WHERE version = $1::integer",
	    1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = ctl_db_fail(conn, res, "reading schema_migrations");
		PQclear(res);
		goto rollback;
	}
	if (PQntuples(res) > 0) {
		PQclear(res);
		return ctl_exec(conn, "COMMIT");
	}
	PQclear(res);

	/* The file as it is; several statements, only the last result kept. */
	res = PQexec(conn, m->sql);
	st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
	    st != PGRES_EMPTY_QUERY) {
		char	what[512];

		snprintf(what, sizeof(what), "migration %s failed, nothing of "
		    "it was applied", m->file);
		rc = ctl_db_fail(conn, res, what);
		PQclear(res);
		goto rollback;
	}
	PQclear(res);

	res = PQexecParams(conn,
	    "INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2)",
	    2, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = ctl_db_fail(conn, res, "recording the migration");
		PQclear(res);
		goto rollback;
	}
	PQclear(res);
	if ((rc = ctl_exec(conn, "COMMIT")) != CTL_OK) {
		ctl_warnx("migration %s was not applied", m->file);
		return rc;
	}
	*applied = 1;
	return CTL_OK;
rollback:
	PQclear(PQexec(conn, "ROLLBACK"));
	return rc;
}

/*
 * lanternctl migrate [--dir DIR]
 * Exit: 0 (also when nothing was pending), 1 a migration failed, 64, 65
 * (bad file names or contents), 66 (no folder), 69, 78.
 */
int
ctl_migrate(struct ctl *ctl, int argc, char **argv)
{
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		{ "dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct migration	*m = NULL;
	struct json_object	*list = NULL, *obj;
	const char		*dir = NULL, *url;
	PGconn			*conn = NULL;
	size_t			 n = 0, i;
	int			 c, rc, applied;

	optind = 0;
	while ((c = ctl_getopt(ctl, "migrate", argc, argv, ":hd:",
	    longopts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return CTL_OK;
		case 'd':
			dir = optarg;
			break;
		default:
			return ctl_usage_error("migrate");
		}
	}
	if (optind < argc) {
		ctl_warnx("migrate: unexpected argument '%s'", argv[optind]);
		return ctl_usage_error("migrate");
	}
	if (dir == NULL && (dir = getenv("LANTERN_MIGRATIONS_DIR")) != NULL &&
	    *dir == '\0')
		dir = NULL;
	if (dir == NULL)
		dir = LANTERN_MIGRATIONS_DEFAULT;

	/* Settings first, then every file, then the database. */
	if ((rc = ctl_database_url(ctl, &url)) != CTL_OK)
		return rc;
	if ((rc = migrations_load(dir, &m, &n)) != CTL_OK)
		return rc;
	if ((rc = ctl_connect(ctl, &conn)) != CTL_OK)
		goto done;
	if ((rc = migrate_prepare(conn)) != CTL_OK)
		goto done;
	if (ctl->json)
		list = json_object_new_array();
	for (i = 0; i < n; i++) {
		if ((rc = migrate_one(conn, &m[i], &applied)) != CTL_OK)
			break;
		if (!applied)
			continue;
		if (list != NULL)
			json_object_array_add(list,
			    json_object_new_string(m[i].file));
		else {
			printf("applied %s\n", m[i].file);
			fflush(stdout);
		}
	}
	if (list != NULL) {
		obj = json_object_new_object();
		json_object_object_add(obj, "applied", list);
		if (rc != CTL_OK)
			json_object_object_add(obj, "failed",
			    json_object_new_string(m[i].file));
		ctl_json_print(obj);
	}
done:
	if (conn != NULL)
		PQfinish(conn);
	migrations_free(m, n);
	return rc;
}
