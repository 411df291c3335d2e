/*
 * refresh.h: keeps the published snapshot fresh, off the request path.  It
 * rebuilds on NOTIFY lantern_changed (a connection of its own LISTENs), on
 * a change of the page's version row (polled, for a lost LISTEN and for
 * read replicas), when a write of this process pokes it, and when the
 * snapshot expires (the page's midnight).  One build at a time: whatever
 * arrives during a build makes exactly one more.
 */
#ifndef LANTERN_REFRESH_H
#define LANTERN_REFRESH_H

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

struct config;
struct shelf;

struct refresher {
	pthread_t		 thread;
	int			 wake[2];	/* a pipe: poke and stop */
	atomic_int		 stop;
	const struct config	*cfg;
	struct shelf		*shelf;
	int			 stop_fd;	/* readable: leave the database */
	atomic_llong		 confirmed;	/* see refresh_confirmed() */
	atomic_llong		 beat;		/* when the thread last went round */
	pthread_mutex_t		 lock;		/* for tried */
	pthread_cond_t		 first;
	int			 tried;		/* the first build has ended */
};

/* stop_fd: readable once the program stops (db_stop_on()). */
int	refresh_start(struct refresher *, const struct config *, struct shelf *,
	    int stop_fd);
/*
 * Until the first build has ended, well or not, for ms at most: pages
 * are then whole from the first request, or say the database is away.
 */
void	refresh_wait_first(struct refresher *, int ms);
/*
 * When the database last said the published snapshot is its latest
 * picture (a build, or a poll of the version row); 0: never.
 */
time_t	refresh_confirmed(struct refresher *);
/*
 * How old (seconds since the last confirmation) the data may be before
 * pages say it may be out of date: past one poll and one database timeout,
 * a confirmation has failed at least once.
 */
long long refresh_stale_after(const struct config *);
/* Whether the thread goes round as it should (not stuck for a minute). */
int	refresh_alive(struct refresher *);
/* Something changed: rebuild soon.  Safe from any thread, never blocks. */
void	refresh_poke(struct refresher *);
void	refresh_stop(struct refresher *);

#endif
