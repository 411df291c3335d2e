/* ctl-export.c: lanternctl export-static DIR: the public site as plain files */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <ftw.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctl-api.h"

/* In DIR, what makes it ours to replace. */
#define MARKER		".lantern-export"
#define MONTHS		3	/* a page of /history, as the server has it */

/*
 * What every export holds besides the notices, the components' feeds and
 * the history pages: the public answers at their own paths.
 */
static const char *const fixed_paths[] = {
	"/api/v2/summary.json", "/api/v2/status.json", "/api/v2/incidents.json",
	"/api/v2/incidents/unresolved.json",
	"/api/v2/scheduled-maintenances.json",
	"/api/v2/scheduled-maintenances/upcoming.json",
	"/api/v2/scheduled-maintenances/active.json",
	"/api/uptime.json", "/history.rss", "/history.atom",
	"/maintenance.ics", NULL
};

/* A set of strings, in the order they came: few enough to search. */
struct strset {
	char	**v;
	size_t	  n, cap;
};

struct export {
	struct ctl_api	*api;
	const char	*cmd;
	char		*tmp;		/* the tree being built, beside DIR */
	const char	*prefix;	/* the path of --url: "" or "/status" */
	size_t		 files;
	uint64_t	 bytes;
	int		 oldest;	/* month (y * 12 + m - 1) to go back to */
	struct strset	 notices;	/* ids */
	struct strset	 assets;	/* "/static/lantern.css?v=1" */
	struct strset	 history;	/* "2026-01" or "2026-01/before-7" */
};

static void
usage_export(FILE *f)
{
	fputs("usage: lanternctl [--url URL] [--json] export-static DIR\n"
	    "\n"
	    "Writes the whole public site, read from the server, as plain files\n"
	    "in DIR that any static web server or CDN can serve with the\n"
	    "program and the database gone: every page, incident, JSON answer,\n"
	    "feed and asset.  /history?from=YYYY-MM becomes\n"
	    "history/YYYY-MM/index.html (and &before=ID .../before-ID/), and the\n"
	    "pages' links to them are rewritten to match.  DIR is built beside\n"
	    "itself and swapped in whole; an existing DIR must be empty or a\n"
	    "previous export (it holds " MARKER ").  No key is needed.\n"
	    "\n"
	    "  --url URL           the server; default LANTERN_URL\n"
	    "  --retries N         as for the other commands (default 4)\n"
	    "  --json              print {\"dir\", \"files\", \"bytes\", \"seconds\"}\n"
	    "\n"
	    "exit status: 0 ok, 1 failure (writing DIR), 64 usage, 65 DIR is\n"
	    "not an export, 66 a page the site links is missing, 69 server\n"
	    "unreachable or failing, 78 setting missing or invalid.\n", f);
}

/* 1 if s was added, 0 if it was there, -1 out of memory (reported). */
static int
strset_add(struct strset *set, const char *s)
{
	char	**v;
	size_t	  i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i], s) == 0)
			return 0;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 32;
		if ((v = realloc(set->v, set->cap * sizeof(*v))) == NULL)
			goto oom;
		set->v = v;
	}
	if ((set->v[set->n] = strdup(s)) == NULL)
		goto oom;
	set->n++;
	return 1;
oom:
	ctl_warnx("out of memory");
	return -1;
}

static void
strset_free(struct strset *set)
{
	size_t	i;

	for (i = 0; i < set->n; i++)
		free(set->v[i]);
	free(set->v);
	*set = (struct strset){ NULL, 0, 0 };
}

/* "YYYY-MM" (what follows may be anything) as a month number, or -1. */
static int
month_of(const char *s)
{
	int	i, y = 0, m = 0;

	for (i = 0; i < 7; i++)
		if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	for (i = 0; i < 4; i++)
		y = y * 10 + s[i] - '0';
	m = (s[5] - '0') * 10 + s[6] - '0';
	return y >= 1970 && m >= 1 && m <= 12 ? y * 12 + m - 1 : -1;
}

/*
 * A relative path from the server ("/static/x.css", "/incidents/7") safe
 * to write under the tree: no empty, "." or ".." segment, plain bytes.
 */
static int
path_safe(const char *p)
{
	const char	*seg;
	size_t		 n;

	if (*p != '/')
		return 0;
	for (seg = p + 1;; seg += n + 1) {
		n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (seg[n] == '\0')
			break;
	}
	return strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789/._-") == strlen(p);
}

/* Writes data as file (a path under the tree, "/a/b.json"), making its
 * folders: CTL_OK or CTL_FAIL (reported). */
static int
save(struct export *ex, const char *file, const char *data, size_t len)
{
	char	 path[4096], *p;
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd, rc = CTL_FAIL;

	if ((size_t)snprintf(path, sizeof(path), "%s%s", ex->tmp, file) >=
	    sizeof(path)) {
		ctl_warnx("%s: the path %s%s is too long", ex->cmd, ex->tmp, file);
		return CTL_FAIL;
	}
	for (p = path + strlen(ex->tmp) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			ctl_warnx("%s: cannot make %s: %s", ex->cmd, path,
			    strerror(errno));
			return CTL_FAIL;
		}
		*p = '/';
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1) {
		ctl_warnx("%s: cannot create %s: %s", ex->cmd, path,
		    strerror(errno));
		return CTL_FAIL;
	}
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			ctl_warnx("%s: cannot write %s: %s", ex->cmd, path,
			    strerror(errno));
			goto done;
		}
		off += (size_t)n;
	}
	if (close(fd) == -1) {
		fd = -1;
		ctl_warnx("%s: cannot write %s: %s", ex->cmd, path,
		    strerror(errno));
		goto done;
	}
	fd = -1;
	ex->files++;
	ex->bytes += len;
	rc = CTL_OK;
done:
	if (fd != -1)
		close(fd);
	return rc;
}

/* GET path and save it as file, as it came: CTL_OK or an exit code. */
static int
copy(struct export *ex, const char *path, const char *file, int missing_ok)
{
	struct ctl_api_body	b;
	int			rc;

	if ((rc = ctl_api_get(ex->api, path, missing_ok, &b)) != CTL_OK)
		return rc;
	rc = save(ex, file, b.data, b.len);
	free(b.data);
	return rc;
}

/* GET path as JSON, saved as file unless file is NULL: CTL_OK with *out. */
static int
copy_json(struct export *ex, const char *path, const char *file,
    json_object **out)
{
	struct ctl_api_body	b;
	int			rc;

	if ((rc = ctl_api_get(ex->api, path, 0, &b)) != CTL_OK)
		return rc;
	if ((*out = json_tokener_parse(b.data)) == NULL) {
		ctl_warnx("%s: %s%s is not JSON", ex->cmd, ex->api->url, path);
		rc = CTL_FAIL;
	} else if (file != NULL)
		rc = save(ex, file, b.data, b.len);
	free(b.data);
	return rc;
}

/*
 * A link of a page, the value of an href or src attribute at v (n bytes):
 * an asset under /static/ is noted; /history?from=YYYY-MM[&amp;before=ID]
 * is noted and its static path written to out (returns 1).  Returns 0 to
 * keep the link as it is, -1 out of memory.
 */
static int
link_seen(struct export *ex, const char *v, size_t n, FILE *out)
{
	static const char	 hist[] = "/history?from=", cur[] = "&amp;before=";
	size_t			 plen = strlen(ex->prefix), k;
	char			 s[512], page[64];
	const char		*rest;

	if (n >= sizeof(s) || n < plen || strncmp(v, ex->prefix, plen) != 0)
		return 0;
	memcpy(s, v + plen, n - plen);
	s[n - plen] = '\0';
	if (strncmp(s, "/static/", 8) == 0)
		return strset_add(&ex->assets, s) == -1 ? -1 : 0;
	if (strncmp(s, hist, sizeof(hist) - 1) != 0)
		return 0;
	rest = s + sizeof(hist) - 1;
	if (month_of(rest) == -1)
		return 0;
	if (rest[7] == '\0')
		snprintf(page, sizeof(page), "%.7s", rest);
	else if (strncmp(rest + 7, cur, sizeof(cur) - 1) == 0 &&
	    (k = strspn(rest + 7 + sizeof(cur) - 1, "0123456789")) > 0 &&
	    k < 20 && rest[7 + sizeof(cur) - 1 + k] == '\0')
		snprintf(page, sizeof(page), "%.7s/before-%.20s", rest,
		    rest + 7 + sizeof(cur) - 1);
	else
		return 0;
	if (strset_add(&ex->history, page) == -1)
		return -1;
	fprintf(out, "%s/history/%s/", ex->prefix, page);
	return 1;
}

/*
 * GET an HTML page and save it as file, with its links to history query
 * URLs rewritten to their static paths (nothing else changes), noting the
 * assets and history pages it links.
 */
static int
copy_html(struct export *ex, const char *path, const char *file)
{
	struct ctl_api_body	 b;
	const char		*p, *v, *end, *a, *h;
	char			*out = NULL;
	size_t			 outlen = 0, n;
	FILE			*m;
	int			 rc, r;

	if ((rc = ctl_api_get(ex->api, path, 0, &b)) != CTL_OK)
		return rc;
	if ((m = open_memstream(&out, &outlen)) == NULL) {
		ctl_warnx("out of memory");
		free(b.data);
		return CTL_FAIL;
	}
	rc = CTL_FAIL;
	for (p = b.data;; p = end) {
		/* The next attribute value, href="..." or src="...". */
		a = strstr(p, " href=\"");
		h = strstr(p, " src=\"");
		if (a == NULL || (h != NULL && h < a))
			a = h;
		if (a == NULL || (end = strchr(v = strchr(a, '"') + 1, '"')) == NULL) {
			fwrite(p, 1, b.len - (size_t)(p - b.data), m);
			break;
		}
		n = (size_t)(end - v);
		fwrite(p, 1, (size_t)(v - p), m);
		if ((r = link_seen(ex, v, n, m)) == -1)
			goto done;
		if (r == 0)
			fwrite(v, 1, n, m);
	}
	if (fclose(m) != 0) {
		m = NULL;
		ctl_warnx("out of memory");
		goto done;
	}
	m = NULL;
	rc = save(ex, file, out, outlen);
done:
	if (m != NULL)
		fclose(m);
	free(out);
	free(b.data);
	return rc;
}

/* The ids of an array of notices (incidents or maintenances) at key. */
static int
note_ids(struct export *ex, json_object *month, const char *key)
{
	json_object	*list, *id;
	char		 canon[24];
	size_t		 i;

	if (!json_object_object_get_ex(month, key, &list) ||
	    !json_object_is_type(list, json_type_array))
		return CTL_OK;
	for (i = 0; i < json_object_array_length(list); i++) {
		if (!json_object_object_get_ex(json_object_array_get_idx(list, i),
		    "id", &id) || ctl_parse_id(json_object_get_string(id), canon,
		    sizeof(canon)) == -1) {
			ctl_warnx("%s: a notice without an id in /history.json",
			    ex->cmd);
			return CTL_FAIL;
		}
		if (strset_add(&ex->notices, canon) == -1)
			return CTL_FAIL;
	}
	return CTL_OK;
}

/*
 * Every notice id, from /history.json page by page back to its last
 * page (three months a page, to 1970), each page followed along its
 * "next" cursor; notes the oldest month that holds a notice.  Only the
 * first answer is saved: the others are query URLs.
 */
static int
walk_history(struct export *ex)
{
	json_object	*d = NULL, *months, *mo, *v;
	const char	*next, *b;
	char		 path[96], before[24] = "", id[24];
	long		 page = 1;
	size_t		 i, had;
	int		 rc, k;

	for (;;) {
		if (page == 1 && *before == '\0')
			snprintf(path, sizeof(path), "/history.json");
		else
			snprintf(path, sizeof(path), "/history.json?page=%ld%s%s",
			    page, *before != '\0' ? "&before=" : "", before);
		if ((rc = copy_json(ex, path, strcmp(path, "/history.json") == 0 ?
		    path : NULL, &d)) != CTL_OK)
			break;
		rc = CTL_FAIL;
		if (!json_object_object_get_ex(d, "months", &months) ||
		    !json_object_is_type(months, json_type_array)) {
			ctl_warnx("%s: %s%s has no months", ex->cmd, ex->api->url,
			    path);
			break;
		}
		for (i = 0; i < json_object_array_length(months); i++) {
			mo = json_object_array_get_idx(months, i);
			had = ex->notices.n;
			if (note_ids(ex, mo, "incidents") != CTL_OK ||
			    note_ids(ex, mo, "scheduled_maintenances") != CTL_OK)
				goto done;
			if (ex->notices.n > had &&
			    json_object_object_get_ex(mo, "name", &v) &&
			    (k = month_of(json_object_get_string(v))) != -1 &&
			    k < ex->oldest)
				ex->oldest = k;
		}
		/* The same months go on after the last notice given. */
		if (json_object_object_get_ex(d, "next", &v) &&
		    (next = json_object_get_string(v)) != NULL &&
		    (b = strstr(next, "before=")) != NULL) {
			if (ctl_parse_id(b + 7, id, sizeof(id)) == -1 ||
			    strcmp(id, before) == 0) {
				ctl_warnx("%s: %s/history.json?page=%ld: a bad "
				    "\"next\"", ex->cmd, ex->api->url, page);
				break;
			}
			memcpy(before, id, sizeof(before));
		} else if (json_object_object_get_ex(d, "older", &v) &&
		    json_object_is_type(v, json_type_string)) {
			page++;
			*before = '\0';
		} else {
			rc = CTL_OK;
			break;
		}
		json_object_put(d);
		d = NULL;
	}
done:
	json_object_put(d);
	return rc;
}

/*
 * The components' feeds, and the oldest month a component has data for
 * (its start date): the history pages go back to it.
 */
static int
copy_components(struct export *ex)
{
	json_object	*d = NULL, *list, *c, *v;
	char		 id[24], path[96];
	size_t		 i;
	int		 rc, k;
	const char	*ext[] = { "rss", "atom" };

	if ((rc = copy_json(ex, "/api/v2/components.json",
	    "/api/v2/components.json", &d)) != CTL_OK)
		goto done;
	if (!json_object_object_get_ex(d, "components", &list) ||
	    !json_object_is_type(list, json_type_array)) {
		ctl_warnx("%s: %s/api/v2/components.json lists no components",
		    ex->cmd, ex->api->url);
		rc = CTL_FAIL;
		goto done;
	}
	for (i = 0; i < json_object_array_length(list); i++) {
		c = json_object_array_get_idx(list, i);
		/* A group has no feed of its own. */
		if (json_object_object_get_ex(c, "group", &v) &&
		    json_object_get_boolean(v))
			continue;
		if (!json_object_object_get_ex(c, "id", &v) ||
		    ctl_parse_id(json_object_get_string(v), id, sizeof(id)) == -1) {
			ctl_warnx("%s: a component without an id in "
			    "/api/v2/components.json", ex->cmd);
			rc = CTL_FAIL;
			goto done;
		}
		if (json_object_object_get_ex(c, "start_date", &v) &&
		    json_object_is_type(v, json_type_string) &&
		    (k = month_of(json_object_get_string(v))) != -1 &&
		    k < ex->oldest)
			ex->oldest = k;
		for (k = 0; k < 2; k++) {
			snprintf(path, sizeof(path), "/components/%s/history.%s",
			    id, ext[k]);
			if ((rc = copy(ex, path, path, 0)) != CTL_OK)
				goto done;
		}
	}
done:
	json_object_put(d);
	return rc;
}

/*
 * The history pages the pages link, as they link more: each window of
 * three months back to the one holding the oldest notice or start date
 * (older ones hold nothing), and each cursor page of a busy window.
 */
static int
copy_history_pages(struct export *ex)
{
	char	path[96], file[96];
	size_t	i;
	int	rc;

	for (i = 0; i < ex->history.n; i++) {
		const char	*h = ex->history.v[i];

		if (month_of(h) + MONTHS - 1 < ex->oldest)
			continue;
		if (h[7] == '\0')
			snprintf(path, sizeof(path), "/history?from=%s", h);
		else	/* "YYYY-MM/before-ID" */
			snprintf(path, sizeof(path), "/history?from=%.7s&before=%s",
			    h, h + 15);
		snprintf(file, sizeof(file), "/history/%s/index.html", h);
		if ((rc = copy_html(ex, path, file)) != CTL_OK)
			return rc;
	}
	return CTL_OK;
}

/* The assets the pages link, without their ?v= query. */
static int
copy_assets(struct export *ex)
{
	char	file[512];
	size_t	i;
	int	rc;

	for (i = 0; i < ex->assets.n; i++) {
		snprintf(file, sizeof(file), "%.*s",
		    (int)strcspn(ex->assets.v[i], "?#"), ex->assets.v[i]);
		if (!path_safe(file)) {
			ctl_warnx("%s: a page links %s: not copied", ex->cmd,
			    ex->assets.v[i]);
			continue;
		}
		if ((rc = copy(ex, ex->assets.v[i], file, 0)) != CTL_OK)
			return rc;
	}
	/* Browsers ask for it whatever the pages say. */
	rc = copy(ex, "/favicon.ico", "/favicon.ico", 1);
	return rc == CTL_NOINPUT ? CTL_OK : rc;
}

/* Everything, into ex->tmp. */
static int
export_all(struct export *ex)
{
	static const char marker[] = "This folder is a static copy of a Lantern "
	    "status page, written by lanternctl export-static.\n";
	char		 path[96], file[128];
	size_t		 i;
	int		 rc;

	if ((rc = copy_components(ex)) != CTL_OK)
		return rc;
	for (i = 0; fixed_paths[i] != NULL; i++)
		if ((rc = copy(ex, fixed_paths[i], fixed_paths[i], 0)) != CTL_OK)
			return rc;
	if ((rc = walk_history(ex)) != CTL_OK ||
	    (rc = copy_html(ex, "/", "/index.html")) != CTL_OK ||
	    (rc = copy_html(ex, "/history", "/history/index.html")) != CTL_OK)
		return rc;
	for (i = 0; i < ex->notices.n; i++) {
		snprintf(path, sizeof(path), "/incidents/%s", ex->notices.v[i]);
		snprintf(file, sizeof(file), "%s/index.html", path);
		if ((rc = copy_html(ex, path, file)) != CTL_OK)
			return rc;
		snprintf(path, sizeof(path), "/incidents/%s.json",
		    ex->notices.v[i]);
		if ((rc = copy(ex, path, path, 0)) != CTL_OK)
			return rc;
	}
	if ((rc = copy_history_pages(ex)) != CTL_OK ||
	    (rc = copy_assets(ex)) != CTL_OK)
		return rc;
	return save(ex, "/" MARKER, marker, sizeof(marker) - 1);
}

/*
 * DIR may be replaced when it does not exist, is an empty folder or holds
 * the marker of an export; anything else is someone's data.
 */
static int
dir_check(const char *cmd, const char *dir)
{
	struct stat	 st;
	struct dirent	*e;
	DIR		*d;
	char		 marker[PATH_MAX];
	int		 empty = 1;

	if (lstat(dir, &st) == -1) {
		if (errno == ENOENT)
			return CTL_OK;
		ctl_warnx("%s: %s: %s", cmd, dir, strerror(errno));
		return CTL_FAIL;
	}
	if (!S_ISDIR(st.st_mode)) {
		ctl_warnx("%s: %s is not a folder: it is left alone", cmd, dir);
		return CTL_DATAERR;
	}
	snprintf(marker, sizeof(marker), "%s/" MARKER, dir);
	if (lstat(marker, &st) == 0 && S_ISREG(st.st_mode))
		return CTL_OK;
	if ((d = opendir(dir)) == NULL) {
		ctl_warnx("%s: cannot read %s: %s", cmd, dir, strerror(errno));
		return CTL_FAIL;
	}
	while (empty && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	if (!empty) {
		ctl_warnx("%s: %s is not empty and is not an export (it has no "
		    "%s): it is left alone; give a new or empty folder", cmd,
		    dir, MARKER);
		return CTL_DATAERR;
	}
	return CTL_OK;
}

/* The folder the export is built in: ".NAME.export-XXXXXX" beside DIR. */
static char *
make_tmp(const char *cmd, const char *dir)
{
	char	*d1 = strdup(dir), *d2 = strdup(dir), *tmp = NULL;

	if (d1 == NULL || d2 == NULL ||
	    asprintf(&tmp, "%s/.%s.export-XXXXXX", dirname(d1),
	    basename(d2)) == -1) {
		ctl_warnx("out of memory");
		tmp = NULL;
	} else if (mkdtemp(tmp) == NULL || chmod(tmp, 0755) == -1) {
		ctl_warnx("%s: cannot make a folder beside %s: %s", cmd, dir,
		    strerror(errno));
		free(tmp);
		tmp = NULL;
	}
	free(d1);
	free(d2);
	return tmp;
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes a tree we made; says so if it cannot. */
static void
remove_tree(const char *cmd, const char *path)
{
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == -1 &&
	    errno != ENOENT)
		ctl_warnx("%s: cannot remove %s: %s", cmd, path, strerror(errno));
}

/*
 * The new tree in place of DIR in one step (the two swapped by
 * renameat2), so a server never serves half of one; then the old one is
 * removed.  On a file system that cannot swap, DIR is missing for a
 * moment between two renames.
 */
static int
swap_in(const char *cmd, const char *tmp, const char *dir)
{
	char	*old = NULL;
	int	 fd;

	/* The files on disk before their names, should the machine stop. */
	if ((fd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		syncfs(fd);
		close(fd);
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		remove_tree(cmd, tmp);		/* the old one, now */
		return CTL_OK;
	}
	if (errno == ENOENT && rename(tmp, dir) == 0)
		return CTL_OK;
	if (errno == EINVAL || errno == ENOSYS) {
		if (asprintf(&old, "%s.old", tmp) == -1) {
			ctl_warnx("out of memory");
			return CTL_FAIL;
		}
		if (rename(dir, old) == 0 && rename(tmp, dir) == 0) {
			remove_tree(cmd, old);
			free(old);
			return CTL_OK;
		}
		free(old);
	}
	ctl_warnx("%s: cannot put %s in place of %s: %s", cmd, tmp, dir,
	    strerror(errno));
	return CTL_FAIL;
}

/* lanternctl export-static DIR: exit codes as usage_export says. */
int
ctl_export(struct ctl *ctl, int argc, char **argv)
{
	static const char cmd[] = "export-static";
	static const struct option longopts[] = {
		CTL_COMMON_OPTIONS,
		{ "url", required_argument, NULL, CTL_OPT_URL },
		{ "retries", required_argument, NULL, CTL_OPT_RETRIES },
		{ NULL, 0, NULL, 0 }
	};
	struct export	 ex;
	struct ctl_api	 api;
	struct timespec	 t0, t1;
	json_object	*o;
	char		*dir = NULL;
	const char	*host;
	size_t		 n;
	double		 secs;
	int		 c, rc;

	optind = 0;
	while ((c = ctl_getopt(ctl, cmd, argc, argv, ":h", longopts)) != -1) {
		if (c == 'h') {
			usage_export(stdout);
			return CTL_OK;
		}
		return ctl_usage_error(cmd);
	}
	if (argc - optind != 1 || *argv[optind] == '\0') {
		ctl_warnx("%s: give one folder, DIR", cmd);
		return ctl_usage_error(cmd);
	}
	memset(&ex, 0, sizeof(ex));
	ex.api = &api;
	ex.cmd = cmd;
	ex.oldest = INT_MAX;
	if ((dir = strdup(argv[optind])) == NULL) {
		ctl_warnx("out of memory");
		return CTL_FAIL;
	}
	for (n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = ctl_api_open(ctl, cmd, &api, CTL_API_PUBLIC)) != CTL_OK ||
	    (rc = dir_check(cmd, dir)) != CTL_OK)
		goto done;
	/* Links on the pages start with the path of the URL. */
	host = strstr(api.url, "://") + 3;
	ex.prefix = host + strcspn(host, "/");
	if ((ex.tmp = make_tmp(cmd, dir)) == NULL) {
		rc = CTL_FAIL;
		goto done;
	}
	if ((rc = export_all(&ex)) != CTL_OK ||
	    (rc = swap_in(cmd, ex.tmp, dir)) != CTL_OK) {
		remove_tree(cmd, ex.tmp);
		goto done;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (ctl->json) {
		o = json_object_new_object();
		json_object_object_add(o, "dir", json_object_new_string(dir));
		json_object_object_add(o, "files",
		    json_object_new_int64((int64_t)ex.files));
		json_object_object_add(o, "bytes",
		    json_object_new_int64((int64_t)ex.bytes));
		json_object_object_add(o, "seconds",
		    json_object_new_double((double)(int64_t)(secs * 1000) / 1000));
		ctl_json_print(o);
	} else
		printf("exported %zu files, %llu bytes, in %.1f s to %s\n",
		    ex.files, (unsigned long long)ex.bytes, secs, dir);
done:
	strset_free(&ex.notices);
	strset_free(&ex.assets);
	strset_free(&ex.history);
	free(ex.tmp);
	free(dir);
	ctl_api_close(&api);
	return rc;
}
