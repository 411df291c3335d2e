/* ctl-api.h: lanternctl's client of the write API: settings, one HTTP call */
#ifndef LANTERN_CTL_API_H
#define LANTERN_CTL_API_H

#include <stddef.h>

#include <json-c/json.h>

#include "ctl.h"
#include "key.h"

/*
 * What a command that talks to the server needs: the base URL (no slash at
 * the end), the key, the page id and one libcurl handle, so the calls of one
 * command share a connection.  The key is wiped by ctl_api_close.
 */
struct ctl_api {
	const char	*cmd;			/* "incident open", for messages */
	char		*url;			/* "http://host:8080/status" */
	char		 key[KEY_LEN + 1];
	char		 page[24];		/* "" until known */
	void		*curl;			/* CURL * */
	char		 idem[248];		/* the command's Idempotency-Key */
	int		 posts;			/* POSTs made so far */
	int		 retries;		/* --retries */
	json_object	*components;		/* components.json, once read */
};

/* What ctl_api_open reads besides the URL. */
#define CTL_API_PAGE	0x1	/* the page id, else the only page's */
#define CTL_API_PUBLIC	0x2	/* public GETs only: no key, no POST */

/*
 * Reads and checks the settings: --url or LANTERN_URL; unless
 * CTL_API_PUBLIC, --key-file, else LANTERN_API_KEY, else
 * $XDG_CONFIG_HOME/lantern/key or ~/.config/lantern/key (refused if group
 * or others may read it); with CTL_API_PAGE, --page or LANTERN_PAGE_ID,
 * else the only page's id from GET /api/v2/status.json.
 * Returns CTL_OK, or an exit code with the message printed (CTL_CONFIG
 * naming the setting).  ctl_api_close is safe after any return.
 */
int	ctl_api_open(struct ctl *, const char *cmd, struct ctl_api *,
	    int flags);
void	ctl_api_close(struct ctl_api *);

/*
 * One request: method, path under the base URL ("/v1/pages/1/incidents"),
 * an optional JSON body (not freed here).  Sends the key on /v1/ paths
 * only, and the command's Idempotency-Key on a POST (the same on every
 * attempt); connect timeout 5 s, whole request 30 s.  A 429, 502-504 or a
 * connection lost is tried again (--retries, default 4), waiting 0.5 s
 * doubling, with jitter.  On a 2xx answer returns CTL_OK with *out the
 * parsed body (NULL if empty; the caller puts it).  Otherwise prints the
 * server's {"error", "field"} (or what went wrong) and returns the exit
 * code for it: 65 for 400/409/413/415/422, 66 for 404, 69 unreachable or
 * 5xx, 75 for 429, 77 for 401/403, 1 for anything else.
 */
int	ctl_api_call(struct ctl_api *, const char *method, const char *path,
	    json_object *body, json_object **out);

/* A body as it came: data[len] is a NUL the server did not send. */
struct ctl_api_body {
	char	*data;
	size_t	 len;
};

/*
 * GET path under the base URL (a page, a feed, an asset): the body as it
 * came, bytes and all, retried and timed as ctl_api_call.  CTL_OK with
 * *out (the caller frees out->data); else the exit code for the status
 * with the message printed, except that a 404 with missing_ok is
 * CTL_NOINPUT with nothing printed.
 */
int	ctl_api_get(struct ctl_api *, const char *path, int missing_ok,
	    struct ctl_api_body *out);

/* The exit code for an HTTP status (CTL_OK for 2xx). */
int	ctl_api_exit_code(long status);

/*
 * A component named by its id or its name (case-insensitive) into id
 * (from GET /api/v2/components.json, read once; groups are not
 * components).  CTL_OK, or CTL_DATAERR naming it when unknown or
 * ambiguous, or the exit code of the failed request.
 */
int	ctl_api_component(struct ctl_api *, const char *arg, char *id,
	    size_t idlen);

/* 1 if s is a component status (operational ... under_maintenance). */
int	ctl_api_component_status(const char *s);

/* Where the server, the key and the page come from, for --help. */
extern const char ctl_api_settings_help[];

/* The options of a noun that talks to the server: common and API ones. */
extern const struct option ctl_api_longopts[];

/*
 * Under --json, prints the server's answer as it came ("{}" for none) and
 * returns 1; else 0, and the caller says it in words.
 */
int	ctl_api_print_json(const struct ctl *, json_object *ans);
/* The object under key of an answer ({"incident": {...}}), or the answer. */
json_object *ctl_api_object(json_object *ans, const char *key);

/* A string from obj as plain text for a terminal: control characters
 * become '?'; "" if missing.  Into buf. */
const char *ctl_api_text(json_object *obj, const char *key, char *buf,
	    size_t len);

/* The body of a text file (at most max bytes) in a new string: CTL_OK, or
 * CTL_NOINPUT / CTL_DATAERR with the message printed. */
int	ctl_api_read_file(const char *cmd, const char *path, size_t max,
	    char **out);

#endif
