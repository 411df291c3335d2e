/* config.c: the program's settings, read from the environment and validated once */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "config.h"
#include "sign.h"
#include "xmalloc.h"

int
config_parse_int(const char *s, int min, int max, int *out)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/*
 * Every absolute link the program writes starts with the base URL, so it
 * must be a plain http(s) origin with an optional path: nothing a link
 * could not be appended to.
 */
int
config_check_base_url(const char *url, char *err, size_t errlen)
{
	const char	*host, *p;

	if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		host = url + 7;
	else {
		snprintf(err, errlen, "must start with http:// or https://");
		return -1;
	}
	if (*host == '\0' || *host == '/' || *host == ':') {
		snprintf(err, errlen, "has no host name");
		return -1;
	}
	for (p = url; *p != '\0'; p++) {
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f) {
			snprintf(err, errlen, "contains a space, a control "
			    "character or non-ASCII byte");
			return -1;
		}
		if (*p == '?' || *p == '#' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '\'') {
			snprintf(err, errlen, "must not contain '%c'", *p);
			return -1;
		}
	}
	p = strchr(host, '/');
	if (memchr(host, '@', p ? (size_t)(p - host) : strlen(host)) != NULL) {
		snprintf(err, errlen, "must not carry user information");
		return -1;
	}
	return 0;
}

int
config_base_url(const char *v, char **out, char *err, size_t errlen)
{
	char	why[128];
	size_t	len;

	if (v == NULL || *v == '\0') {
		snprintf(err, errlen, "LANTERN_BASE_URL is not set: it must be "
		    "the public address of the page, e.g. https://status.example.com");
		return -1;
	}
	if (config_check_base_url(v, why, sizeof(why)) == -1) {
		snprintf(err, errlen, "LANTERN_BASE_URL %s", why);
		return -1;
	}
	*out = xstrdup(v);
	len = strlen(*out);
	while (len > 0 && (*out)[len - 1] == '/')
		(*out)[--len] = '\0';
	return 0;
}


static int
check_database_url(const char *name, const char *url, char *err, size_t errlen)
{
	PQconninfoOption	*opts;
	char			*pqerr = NULL;

	if ((opts = PQconninfoParse(url, &pqerr)) == NULL) {
		/* libpq's message may quote the URL, password included. */
		snprintf(err, errlen, "%s is not a valid PostgreSQL connection "
		    "string or URL", name);
		PQfreemem(pqerr);
		return -1;
	}
	PQconninfoFree(opts);
	return 0;
}

/* Whether the folder that holds path (setting's value) may be written. */
static int
folder_writable(const char *setting, const char *path, char *err,
    size_t errlen)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 ok;

	dir = slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
	ok = access(dir, W_OK | X_OK) == 0;
	if (!ok)
		snprintf(err, errlen, "%s: cannot write in %s: %s", setting,
		    dir, strerror(errno));
	free(dir);
	return ok ? 0 : -1;
}

void
config_free(struct config *cfg)
{
	free(cfg->database_url);
	free(cfg->write_database_url);
	free(cfg->base_url);
	free(cfg->base_path);
	free(cfg->socket_path);
	free(cfg->socket_group);
	free(cfg->snapshot_file);
	free(cfg->public_dir);
	if (cfg->link_key != NULL)
		explicit_bzero(cfg->link_key, sizeof(*cfg->link_key));
	free(cfg->link_key);
	memset(cfg, 0, sizeof(*cfg));
}

int
config_load(struct config *cfg, config_lookup get, char *err, size_t errlen)
{
	const char	*v, *p;
	char		 why[128];
	int		 mb;

	memset(cfg, 0, sizeof(*cfg));

	v = get("LANTERN_DATABASE_URL");
	if (v == NULL || *v == '\0') {
		snprintf(err, errlen, "LANTERN_DATABASE_URL is not set: it must "
		    "name the PostgreSQL database, e.g. postgresql:///lantern");
		goto fail;
	}
	if (check_database_url("LANTERN_DATABASE_URL", v, err, errlen) == -1)
		goto fail;
	cfg->database_url = xstrdup(v);

	/* Unset, the writes go where the reads go. */
	v = get("LANTERN_WRITE_DATABASE_URL");
	if (v != NULL && *v != '\0' &&
	    check_database_url("LANTERN_WRITE_DATABASE_URL", v, err, errlen) == -1)
		goto fail;
	cfg->write_database_url = xstrdup(v != NULL && *v != '\0' ? v :
	    cfg->database_url);

	if (config_base_url(get("LANTERN_BASE_URL"), &cfg->base_url, err,
	    errlen) == -1)
		goto fail;
	p = strchr(strstr(cfg->base_url, "://") + 3, '/');
	cfg->base_path = xstrdup(p != NULL ? p : "");

	v = get("LANTERN_SOCKET");
	if (v != NULL && *v != '\0') {
		if (v[0] != '/') {
			snprintf(err, errlen, "LANTERN_SOCKET must be an "
			    "absolute path");
			goto fail;
		}
		if (strlen(v) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
			snprintf(err, errlen, "LANTERN_SOCKET is longer than "
			    "a unix socket path may be (%zu bytes)",
			    sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
			goto fail;
		}
		cfg->socket_path = xstrdup(v);
	}

	v = get("LANTERN_SOCKET_GROUP");
	if (v != NULL && *v != '\0')
		cfg->socket_group = xstrdup(v);

	cfg->workers = CONFIG_WORKERS_DEFAULT;
	v = get("LANTERN_WORKERS");
	if (v != NULL && config_parse_int(v, 1, CONFIG_WORKERS_MAX,
	    &cfg->workers) == -1) {
		snprintf(err, errlen, "LANTERN_WORKERS must be a whole number "
		    "from 1 to %d", CONFIG_WORKERS_MAX);
		goto fail;
	}

	/* A frozen database fails a write within 5 s, and nginx waits 60. */
	cfg->db_timeout_ms = 3000;
	v = get("LANTERN_DB_TIMEOUT_MS");
	if (v != NULL && config_parse_int(v, 100, 600000,
	    &cfg->db_timeout_ms) == -1) {
		snprintf(err, errlen, "LANTERN_DB_TIMEOUT_MS must be a whole "
		    "number of milliseconds from 100 to 600000");
		goto fail;
	}
	/* How late scheduled maintenance may start or end by itself. */
	cfg->tick_seconds = 15;
	v = get("LANTERN_TICK_SECONDS");
	if (v != NULL && config_parse_int(v, 1, 3600, &cfg->tick_seconds) == -1) {
		snprintf(err, errlen, "LANTERN_TICK_SECONDS must be a whole "
		    "number of seconds from 1 to 3600");
		goto fail;
	}
	/* The snapshot's version row, for changes LISTEN did not bring. */
	cfg->poll_seconds = 2;
	v = get("LANTERN_POLL_SECONDS");
	if (v != NULL && config_parse_int(v, 1, 60, &cfg->poll_seconds) == -1) {
		snprintf(err, errlen, "LANTERN_POLL_SECONDS must be a whole "
		    "number of seconds from 1 to 60");
		goto fail;
	}
	mb = 32;
	v = get("LANTERN_REQUEST_MEMORY_MB");
	if (v != NULL && config_parse_int(v, 1, 4096, &mb) == -1) {
		snprintf(err, errlen, "LANTERN_REQUEST_MEMORY_MB must be a whole "
		    "number of megabytes from 1 to 4096");
		goto fail;
	}
	cfg->request_memory = (size_t)mb << 20;

	/* Written at every build: a folder we cannot write to is found now. */
	v = get("LANTERN_SNAPSHOT_FILE");
	if (v != NULL && *v != '\0') {
		if (v[0] != '/' || strrchr(v, '/')[1] == '\0') {
			snprintf(err, errlen, "LANTERN_SNAPSHOT_FILE must be the "
			    "absolute path of a file");
			goto fail;
		}
		if (folder_writable("LANTERN_SNAPSHOT_FILE", v, err, errlen) == -1)
			goto fail;
		cfg->snapshot_file = xstrdup(v);
	}

	/*
	 * A link the program points at its files or at nothing (mirror.h):
	 * anything else there is not ours to replace.
	 */
	v = get("LANTERN_PUBLIC_DIR");
	if (v != NULL && *v != '\0') {
		struct stat	 st;

		if (v[0] != '/' || strrchr(v, '/')[1] == '\0' || strlen(v) > 200) {
			snprintf(err, errlen, "LANTERN_PUBLIC_DIR must be an "
			    "absolute path, not ending in /, of 200 bytes at most");
			goto fail;
		}
		if (lstat(v, &st) == 0 && !S_ISLNK(st.st_mode)) {
			snprintf(err, errlen, "LANTERN_PUBLIC_DIR: %s is there and "
			    "is not a symbolic link (the program makes it)", v);
			goto fail;
		}
		if (folder_writable("LANTERN_PUBLIC_DIR", v, err, errlen) == -1)
			goto fail;
		cfg->public_dir = xstrdup(v);
	}
	/* Without it no confirm, manage or unsubscribe link can be checked. */
	cfg->link_key = xmalloc(sizeof(*cfg->link_key));
	if (sign_key_load(cfg->link_key, get("LANTERN_LINK_KEY_FILE"), why,
	    sizeof(why)) == -1) {
		snprintf(err, errlen, "LANTERN_LINK_KEY_FILE %s: it must name a "
		    "file of %d or more random bytes that only this user may read "
		    "(head -c 32 /dev/urandom >FILE; chmod 600 FILE)", why,
		    SIGN_KEY_MIN);
		goto fail;
	}

	/* Off, subscribers' webhooks must be https to public addresses. */
	v = get("LANTERN_NOTIFY_ALLOW_PRIVATE");
	if (v != NULL && *v != '\0' && strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
		snprintf(err, errlen, "LANTERN_NOTIFY_ALLOW_PRIVATE must be 0 or 1");
		goto fail;
	}
	cfg->notify_allow_private = v != NULL && strcmp(v, "1") == 0;
	return 0;
fail:
	config_free(cfg);
	return -1;
}
