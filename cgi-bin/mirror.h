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
 */
#ifndef LANTERN_MIRROR_H
#define LANTERN_MIRROR_H

#include <pthread.h>
#include <stdatomic.h>

#include "dispatch.h"

#include <stddef.h>
#include <time.h>

#define MIRROR_ANSWERS	15	/* the fixed addresses (mirror.c) */

/* What nginx made the ETag of an answer's files from. */
struct mirror_tag {
	time_t	mtime;
	size_t	len, gzlen;
};

struct mirror {
	pthread_t		 thread;
	atomic_int		 stop;
	struct worker_ctx	 ctx;	/* renders as a worker would */
	int			 files;	/* DIR.files, open */
	int			 shown;	/* the link names DIR.files: 1, DIR.none: 0, -1: unknown */
	unsigned long long	 serial;	/* the snapshot the files hold; 0: none */
	struct mirror_tag	 tags[MIRROR_ANSWERS];	/* the last written */
};

/*
 * Starts the thread that keeps cfg->public_dir; ctx as a worker's, with a
 * hazard slot of its own.  -1 (said in the log) if it cannot.
 */
int	mirror_start(struct mirror *, const struct worker_ctx *ctx);
void	mirror_stop(struct mirror *);

#endif
