/*
 * mirror.h: the public answers at fixed addresses (/, /history, the feeds,
 * the JSON API) kept as files that nginx serves itself while the data is
 * fresh, so that a busy hour's reads never reach the program or even
 * nginx's cache.
 *
 * LANTERN_PUBLIC_DIR names a symbolic link, nginx's root for these
 * files.  It points at DIR.files, where each answer is written (identity
 * and .gz; a temporary name, then rename(), and only when its bytes
 * changed, so a file's mtime, and nginx's ETag and Last-Modified, stay put
 * while the data does), or at the empty DIR.none.  The link is swapped
 * (one rename()) to DIR.none as soon as the database has not confirmed the
 * data for a refresh: nginx then finds no file, and the program answers
 * with its stale note and Lantern-Data-Age.  If the program dies, the
 * link stays as it was: the page outlives its program.
 *
 * Incident pages and their JSON (/incidents/{id}, /incidents/{id}.json)
 * and the groups' pages (/groups/{id}), without a query, are files too,
 * written lazily (routes with ROUTE_FILE): there are years of incidents,
 * and few are read.  A worker that answers one from the snapshot asks for
 * it (mirror_ask(): a lock and a copy, no disk), and the thread writes the
 * kept rendition into DIR.files/incidents/ or groups/ if that snapshot is
 * still the published one.  A
 * new snapshot takes them all away at once, so nginx asks the program
 * again until each is asked for anew; at most MIRROR_PAGES are kept, the
 * least lately written going first.
 */
#ifndef LANTERN_MIRROR_H
#define LANTERN_MIRROR_H

#include <pthread.h>
#include <stdatomic.h>

#include "dispatch.h"

#include <stddef.h>
#include <time.h>

#define MIRROR_ANSWERS	15	/* the fixed addresses (mirror.c) */
#define MIRROR_PAGES	512	/* lazy pages kept as files at most */
#define MIRROR_ASKS	64	/* asks waiting for the thread; more are dropped */
#define MIRROR_PATH	40	/* "/incidents/", an id and ".json", with room */

/* What nginx made the ETag of an answer's files from, and which bytes. */
struct mirror_tag {
	time_t	mtime;
	size_t	len, gzlen;
	char	etag[28];	/* the program's, of the identity bytes; "": unknown */
};

/* One lazy page's file: its address, and how it was last written. */
struct mirror_page {
	char			 path[MIRROR_PATH];
	struct mirror_tag	 tag;
	int			 written;	/* for the snapshot the files hold */
};

struct mirror {
	pthread_t		 thread;
	atomic_int		 stop;
	struct worker_ctx	 ctx;	/* renders as a worker would */
	int			 files;	/* DIR.files, open */
	int			 shown;	/* the link names DIR.files: 1, DIR.none: 0, -1: unknown */
	unsigned long long	 serial;	/* the snapshot the files hold; 0: none */
	struct mirror_tag	 tags[MIRROR_ANSWERS];	/* the last written */
	int			 retry;	/* some wait for the clock (refresh_file()) */
	/* Lazy pages: a ring, the least lately written at next. */
	struct mirror_page	 pages[MIRROR_PAGES];
	size_t			 npages, next;
	/* What workers asked for, under lock. */
	pthread_mutex_t		 lock;
	struct {
		unsigned long long	 serial;
		char			 path[MIRROR_PATH];
	}			 asks[MIRROR_ASKS];
	size_t			 nasks;
};

/* Makes it ready for mirror_ask(), before the workers start. */
void	mirror_init(struct mirror *);
/*
 * Starts the thread that keeps cfg->public_dir; ctx as a worker's, with a
 * hazard slot of its own.  -1 (said in the log) if it cannot.
 */
int	mirror_start(struct mirror *, const struct worker_ctx *ctx);
/*
 * A worker answered path (a ROUTE_FILE page, no query) from the snapshot
 * of this serial, kept and not stale: it may become a file.  Never waits
 * for the disk; dropped if too many are waiting.
 */
void	mirror_ask(struct mirror *, unsigned long long serial, const char *path);
void	mirror_stop(struct mirror *);

#endif
