/*
 * ticker.h: what happens with time alone, off the request path: scheduled
 * maintenance that starts and completes by itself at its times.
 */
#ifndef LANTERN_TICKER_H
#define LANTERN_TICKER_H

#include <pthread.h>

struct config;

struct ticker {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 wake;
	int			 stop;
	const struct config	*cfg;
	int			 stop_fd;	/* readable: leave the database */
};

/* stop_fd: readable once the program stops (db_stop_on()). */
int	ticker_start(struct ticker *, const struct config *, int stop_fd);
/* Wakes the ticker and waits for it: it never holds a stop up. */
void	ticker_stop(struct ticker *);

#endif
