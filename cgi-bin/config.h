/* config.h: the program's settings, read from the environment and validated once */
#ifndef LANTERN_CONFIG_H
#define LANTERN_CONFIG_H

#include <stddef.h>

struct sign_key;

#define CONFIG_WORKERS_DEFAULT	4
#define CONFIG_WORKERS_MAX	256

struct config {
	char	*database_url;	/* LANTERN_DATABASE_URL: reads */
	char	*write_database_url; /* LANTERN_WRITE_DATABASE_URL, else the above */
	char	*base_url;	/* LANTERN_BASE_URL, no trailing slash */
	char	*base_path;	/* its path, "" or "/status": prefix of local links */
	char	*socket_path;	/* LANTERN_SOCKET, NULL: use the handed socket */
	char	*socket_group;	/* LANTERN_SOCKET_GROUP, NULL: leave as is */
	int	 workers;	/* LANTERN_WORKERS */
	int	 db_timeout_ms;	/* LANTERN_DB_TIMEOUT_MS */
	int	 tick_seconds;	/* LANTERN_TICK_SECONDS */
	int	 poll_seconds;	/* LANTERN_POLL_SECONDS */
	size_t	 request_memory; /* LANTERN_REQUEST_MEMORY_MB, in bytes */
	char	*snapshot_file;	/* LANTERN_SNAPSHOT_FILE, NULL: none kept */
	char	*public_dir;	/* LANTERN_PUBLIC_DIR, NULL: no public files */
	struct sign_key *link_key; /* LANTERN_LINK_KEY_FILE's: subscribers' links */
	int	 notify_allow_private; /* LANTERN_NOTIFY_ALLOW_PRIVATE: webhooks
				   to loopback and private addresses */
};

/* Where settings come from: getenv, or a table in the tests. */
typedef const char *(*config_lookup)(const char *name);

/*
 * Fills cfg from lookup.  On a missing or malformed setting returns -1
 * with a message naming it in err; cfg then holds nothing to free.
 */
int	config_load(struct config *cfg, config_lookup, char *err, size_t errlen);
void	config_free(struct config *);

/* Pure validators, exposed for the unit tests. */
int	config_parse_int(const char *, int min, int max, int *out);
int	config_check_base_url(const char *, char *err, size_t errlen);
/*
 * LANTERN_BASE_URL's value v, checked (config_check_base_url()): 0 and in
 * *out a copy without trailing slashes (free()), or -1 and why in err.
 * lantern-notify reads it too, for the links it puts in messages.
 */
int	config_base_url(const char *v, char **out, char *err, size_t errlen);

#endif
