/* mirror.c: the fixed public answers kept as files nginx serves itself */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "cache.h"
#include "config.h"
#include "db.h"
#include "fdio.h"
#include "log.h"
#include "mirror.h"
#include "refresh.h"
#include "shelf.h"
#include "snapshot.h"

/* How soon a new snapshot reaches the files, and a stale one leaves. */
#define ROUND_MS	50

/*
 * Each address and its file; nginx's lantern-files.conf.in names the
 * same pairs, with each one's headers.  Only addresses without a query:
 * anything else is the program's.
 */
static const struct {
	const char	*path;
	const char	*file;
} answers[] = {
	{ "/",					"index.html" },
	{ "/history",				"history.html" },
	{ "/history.json",			"history.json" },
	{ "/history.rss",			"history.rss" },
	{ "/history.atom",			"history.atom" },
	{ "/maintenance.ics",			"maintenance.ics" },
	{ "/api/uptime.json",			"api/uptime.json" },
	{ "/api/v2/summary.json",		"api/v2/summary.json" },
	{ "/api/v2/status.json",		"api/v2/status.json" },
	{ "/api/v2/components.json",		"api/v2/components.json" },
	{ "/api/v2/incidents.json",		"api/v2/incidents.json" },
	{ "/api/v2/incidents/unresolved.json",	"api/v2/incidents/unresolved.json" },
	{ "/api/v2/scheduled-maintenances.json", "api/v2/scheduled-maintenances.json" },
	{ "/api/v2/scheduled-maintenances/upcoming.json",
	    "api/v2/scheduled-maintenances/upcoming.json" },
	{ "/api/v2/scheduled-maintenances/active.json",
	    "api/v2/scheduled-maintenances/active.json" },
};
#define NANSWERS	(sizeof(answers) / sizeof(answers[0]))
_Static_assert(NANSWERS == MIRROR_ANSWERS, "MIRROR_ANSWERS counts answers[]");

static const char *const folders[] = {
	"api", "api/v2", "api/v2/incidents", "api/v2/scheduled-maintenances",
	"incidents", "groups",
};

/* Where the pages written lazily (ROUTE_FILE, mirror_ask()) go. */
static const char *const lazy_folders[] = { "incidents", "groups" };

/* Whether file in dir holds exactly these bytes. */
static int
same_bytes(int dir, const char *file, const char *data, size_t len)
{
	struct stat	 st;
	char		 chunk[65536];
	size_t		 at = 0;
	ssize_t		 n;
	int		 fd, same = 0;

	if ((fd = openat(dir, file, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	if (fstat(fd, &st) == 0)
		same = (size_t)st.st_size == len;
	while (same && at < len) {
		if ((n = read(fd, chunk, sizeof(chunk))) <= 0 ||
		    (size_t)n > len - at || memcmp(chunk, data + at, (size_t)n) != 0)
			same = 0;
		else
			at += (size_t)n;
	}
	close(fd);
	return same;
}

/* file in dir holds data, or it is gone (data NULL); 0 or -1. */
static int
put(int dir, const char *file, const char *data, size_t len, time_t mtime)
{
	char		 tmp[PATH_MAX];
	struct timespec	 times[2];
	int		 fd, ok;

	if (data == NULL)
		return unlinkat(dir, file, 0) == -1 && errno != ENOENT ? -1 : 0;
	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	if ((fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1)
		return -1;
	times[0].tv_sec = times[1].tv_sec = mtime;
	times[0].tv_nsec = times[1].tv_nsec = 0;
	/* No fsync: the files are made again at every start. */
	ok = fd_write_all(fd, data, len) == 0 && fchmod(fd, 0644) == 0 &&
	    futimens(fd, times) == 0;
	if (close(fd) == -1)
		ok = 0;
	if (!ok || renameat(dir, tmp, dir, file) == -1) {
		unlinkat(dir, tmp, 0);
		return -1;
	}
	return 0;
}

/*
 * One answer brought up to r (NULL: taken away, so that nginx asks the
 * program), written only when its bytes change, with the program's
 * Last-Modified as mtime.  New bytes never take an mtime at or before the
 * last one written (a second change within the second): they are dated
 * by the clock once it is past that date, and until then the program
 * answers (1: to be tried again).  So nginx's ETag (mtime and size) tells
 * them from the last, and If-Modified-Since with the last one's date does
 * not hide them; and no date is ahead of the clock.  The same bytes again
 * (an incident page written anew after a snapshot without a change) keep
 * the date they had, and so nginx's ETag.
 */
static int
refresh_file(struct mirror *m, const char *file, const struct rendition *r,
    struct mirror_tag *last)
{
	struct stat	 st;
	char		 gz[PATH_MAX];
	time_t		 mtime = r != NULL && r->last_modified > 0 ?
			    r->last_modified : time(NULL);
	int		 wait = 0;

	snprintf(gz, sizeof(gz), "%s.gz", file);
	/* At a start, what an earlier run left is what was last written. */
	if (last->mtime == 0 && fstatat(m->files, file, &st, 0) == 0) {
		last->mtime = st.st_mtime;
		last->len = (size_t)st.st_size;
		if (fstatat(m->files, gz, &st, 0) == 0)
			last->gzlen = (size_t)st.st_size;
	}
	if (r != NULL && same_bytes(m->files, file, r->body, r->len) &&
	    (r->gz != NULL ? same_bytes(m->files, gz, r->gz, r->gzlen) :
	    faccessat(m->files, gz, F_OK, 0) == -1))
		return 0;
	if (r != NULL && strcmp(last->etag, r->etag) == 0)
		mtime = last->mtime;
	else if (r != NULL && mtime <= last->mtime) {
		mtime = time(NULL);
		/* A database clock ahead of ours would make that a long wait. */
		if (mtime + 1 < last->mtime)
			mtime = last->mtime + 1;
		else
			wait = mtime <= last->mtime;
	}
	if (r == NULL || wait) {
		if (put(m->files, file, NULL, 0, 0) == -1 ||
		    put(m->files, gz, NULL, 0, 0) == -1)
			log_warnx("public files: cannot remove %s: %s", file,
			    strerror(errno));
		return wait;
	}
	if (put(m->files, gz, r->gz, r->gzlen, mtime) == -1 ||
	    put(m->files, file, r->body, r->len, mtime) == -1) {
		log_warnx("public files: cannot write %s: %s", file,
		    strerror(errno));
		/* Better the program's answer than a half-changed pair. */
		put(m->files, file, NULL, 0, 0);
		put(m->files, gz, NULL, 0, 0);
	}
	last->mtime = mtime;
	last->len = r->len;
	last->gzlen = r->gz != NULL ? r->gzlen : 0;
	snprintf(last->etag, sizeof(last->etag), "%s", r->etag);
	return 0;
}

/* Every file brought up to snap; those it has no kept 200 for go. */
static void
write_files(struct mirror *m, struct snapshot *snap)
{
	const struct rendition	*r;
	struct arena		*a;
	size_t			 i;

	char			 version[32];
	int			 n;

	m->retry = 0;
	for (i = 0; i < NANSWERS; i++) {
		a = arena_new_capped(m->ctx.cfg->request_memory);
		r = dispatch_rendition(&m->ctx, snap, a, answers[i].path);
		m->retry |= refresh_file(m, answers[i].file, r, &m->tags[i]);
		arena_free(a);
	}
	/*
	 * Which data the files hold (nginx serves no such address), once
	 * none waits for the clock.
	 */
	if (!m->retry) {
		n = snprintf(version, sizeof(version), "%lld\n", snap->version);
		put(m->files, ".version", version, (size_t)n, time(NULL));
	}
	m->serial = snap->serial;
}

/* Points the link at DIR.files (show) or DIR.none, by one rename(). */
static void
show(struct mirror *m, int files)
{
	const char	*dir = m->ctx.cfg->public_dir;
	const char	*base = strrchr(dir, '/') + 1;
	char		 tmp[PATH_MAX], target[PATH_MAX];

	if (m->shown == files)
		return;
	snprintf(tmp, sizeof(tmp), "%s.link", dir);
	snprintf(target, sizeof(target), "%s.%s", base, files ? "files" : "none");
	unlink(tmp);
	if (symlink(target, tmp) == -1 || rename(tmp, dir) == -1) {
		log_warnx("public files: cannot point %s at %s: %s", dir,
		    target, strerror(errno));
		unlink(tmp);
		return;
	}
	if (m->shown != -1 || !files)
		log_info("public files %s", files ? "served again: the data "
		    "is confirmed" : "withdrawn: the data is not confirmed, the "
		    "program answers");
	m->shown = files;
}

/* A lazy page's file and its gzip copy gone; the page's tag stays. */
static void
drop_page(struct mirror *m, struct mirror_page *pg)
{
	char	gz[PATH_MAX];

	if (!pg->written)
		return;
	snprintf(gz, sizeof(gz), "%s.gz", pg->path + 1);
	if (put(m->files, pg->path + 1, NULL, 0, 0) == -1 ||
	    put(m->files, gz, NULL, 0, 0) == -1)
		log_warnx("public files: cannot remove %s: %s", pg->path + 1,
		    strerror(errno));
	pg->written = 0;
}

/*
 * A new snapshot: every lazy page written for the last one goes, so
 * that none outlives the data it was rendered from.  Their tags stay, so
 * that one written again within the same second keeps nginx's ETags
 * apart (refresh_file()).
 */
static void
drop_pages(struct mirror *m)
{
	size_t	i;

	for (i = 0; i < m->npages; i++)
		drop_page(m, &m->pages[i]);
}

/*
 * path's page for snap, written once per snapshot, the oldest making room.
 * Only as a worker kept it: rendering here could read the database for
 * an old incident the cache had no room for, again at every ask.
 */
static void
write_page(struct mirror *m, struct snapshot *snap, const char *path)
{
	const struct rendition	*r;
	struct mirror_page	*pg = NULL;
	size_t			 i;

	for (i = 0; i < m->npages && pg == NULL; i++)
		if (strcmp(m->pages[i].path, path) == 0)
			pg = &m->pages[i];
	if (pg != NULL && pg->written)
		return;
	/* Not kept, or without the Last-Modified that nginx would send. */
	if ((r = cache_find(snap->cache, path)) == NULL || r->last_modified == 0)
		return;
	if (pg == NULL) {
		pg = &m->pages[m->next];
		drop_page(m, pg);
		memset(pg, 0, sizeof(*pg));
		snprintf(pg->path, sizeof(pg->path), "%s", path);
		m->next = (m->next + 1) % MIRROR_PAGES;
		if (m->npages < MIRROR_PAGES)
			m->npages++;
	}
	/* Written, or left to the program: done for snap, unless it waits. */
	pg->written = !refresh_file(m, pg->path + 1, r, &pg->tag);
}

/* The lazy pages asked for from snap, now that the files hold snap. */
static void
write_asked(struct mirror *m, struct snapshot *snap)
{
	char			 paths[MIRROR_ASKS][MIRROR_PATH];
	size_t			 i, n = 0;

	pthread_mutex_lock(&m->lock);
	for (i = 0; i < m->nasks; i++)
		if (snap != NULL && m->asks[i].serial == snap->serial)
			memcpy(paths[n++], m->asks[i].path, MIRROR_PATH);
	m->nasks = 0;
	pthread_mutex_unlock(&m->lock);
	for (i = 0; i < n; i++)
		write_page(m, snap, paths[i]);
}

void
mirror_ask(struct mirror *m, unsigned long long serial, const char *path)
{
	size_t	len = strlen(path);

	if (len >= MIRROR_PATH)
		return;
	pthread_mutex_lock(&m->lock);
	if (m->nasks < MIRROR_ASKS) {
		m->asks[m->nasks].serial = serial;
		memcpy(m->asks[m->nasks].path, path, len + 1);
		m->nasks++;
	}
	pthread_mutex_unlock(&m->lock);
}

/* What an earlier run left of lazy pages: from a snapshot long gone. */
static int
clear_pages(struct mirror *m)
{
	struct dirent	*e;
	DIR		*d;
	size_t		 i;
	int		 fd;

	for (i = 0; i < sizeof(lazy_folders) / sizeof(lazy_folders[0]); i++) {
		if ((fd = openat(m->files, lazy_folders[i], O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) == -1 || (d = fdopendir(fd)) == NULL) {
			if (fd != -1)
				close(fd);
			return -1;
		}
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				unlinkat(fd, e->d_name, 0);
		closedir(d);
	}
	return 0;
}

static void *
mirror_main(void *arg)
{
	struct mirror		*m = arg;
	const struct config	*cfg = m->ctx.cfg;
	struct snapshot		*snap;
	struct timespec		 nap = { 0, ROUND_MS * 1000000L };
	struct db		 db;
	time_t			 confirmed;

	/* The fixed addresses read the snapshot only; should one not, it may. */
	db_init(&db, cfg, DB_READ, "lantern-mirror");
	m->ctx.db = &db;
	m->ctx.wdb = NULL;
	while (!atomic_load(&m->stop)) {
		snap = snapshot_acquire(m->ctx.shelf, m->ctx.reader);
		confirmed = refresh_confirmed(m->ctx.refresher);
		if (confirmed == 0 && snap != NULL)
			confirmed = snap->built;
		/*
		 * A second before pages would say the data is old: a file
		 * cannot say so, so it goes before it would be wrong.
		 */
		if (snap == NULL || confirmed == 0 ||
		    time(NULL) - confirmed >= refresh_stale_after(cfg)) {
			show(m, 0);
			write_asked(m, NULL);
		} else {
			if (snap->serial != m->serial) {
				drop_pages(m);
				write_files(m, snap);
			} else if (m->retry)
				write_files(m, snap);
			write_asked(m, snap);
			show(m, 1);
		}
		if (snap != NULL)
			snapshot_release(m->ctx.reader);
		nanosleep(&nap, NULL);
	}
	db_close(&db);
	return NULL;
}

void
mirror_init(struct mirror *m)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	m->files = -1;
}

int
mirror_start(struct mirror *m, const struct worker_ctx *ctx)
{
	const char	*dir = ctx->cfg->public_dir;
	char		 path[PATH_MAX];
	size_t		 i;

	m->ctx = *ctx;
	m->shown = -1;
	atomic_init(&m->stop, 0);
	snprintf(path, sizeof(path), "%s.none", dir);
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		goto fail;
	snprintf(path, sizeof(path), "%s.files", dir);
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		goto fail;
	if ((m->files = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		goto fail;
	for (i = 0; i < sizeof(folders) / sizeof(folders[0]); i++)
		if (mkdirat(m->files, folders[i], 0755) == -1 && errno != EEXIST)
			goto fail;
	if (clear_pages(m) == -1)
		goto fail;
	/* nginx names the folder by the half second (lantern-files.conf.in). */
	if ((symlinkat(".", m->files, "a") == -1 && errno != EEXIST) ||
	    (symlinkat(".", m->files, "b") == -1 && errno != EEXIST))
		goto fail;
	if (pthread_create(&m->thread, NULL, mirror_main, m) != 0) {
		close(m->files);
		log_warnx("cannot start the public files' thread");
		return -1;
	}
	return 0;
fail:
	log_warnx("public files: %s: %s", path, strerror(errno));
	if (m->files != -1)
		close(m->files);
	m->files = -1;
	return -1;
}

void
mirror_stop(struct mirror *m)
{
	atomic_store(&m->stop, 1);
	pthread_join(m->thread, NULL);
	close(m->files);
}
