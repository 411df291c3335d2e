/*
 * ticker.c: scheduled maintenance that starts and completes by itself, and
 * Idempotency-Keys forgotten after a day
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "store.h"
#include "ticker.h"

/*
 * One round (store_tick()) in one transaction, so a half-move is never
 * seen, with what it tells subscribers: a move that cannot be queued is
 * not made, and the next round tries again.
 */
static void
tick(struct db *db, const struct config *cfg)
{
	struct arena		*a = arena_new();
	struct store		 st = { db, a };
	struct store_ticked	*ticked;
	size_t			 i, n;

	if (db_begin(db) == -1)
		goto done;
	if (store_tick(&st, &ticked, &n) != STORE_OK)
		goto rollback;
	for (i = 0; i < n; i++)
		if (outbox_notice(&st, cfg, ticked[i].page, ticked[i].incident,
		    ticked[i].update) != STORE_OK) {
			log_warnx("ticker: could not queue the notifications "
			    "of maintenance %s", ticked[i].incident);
			goto rollback;
		}
	if (db_commit(db) == -1)
		log_warnx("ticker: could not commit");
	goto done;
rollback:
	db_rollback(db);
done:
	arena_free(a);
}

static void *
ticker_main(void *arg)
{
	struct ticker	*t = arg;
	struct timespec	 until;
	struct db	 db;

	db_init(&db, t->cfg, DB_WRITE, "lantern-ticker");
	db_stop_on(&db, t->stop_fd);
	pthread_mutex_lock(&t->lock);
	while (!t->stop) {
		pthread_mutex_unlock(&t->lock);
		tick(&db, t->cfg);
		pthread_mutex_lock(&t->lock);
		until = clock_realtime_in(t->cfg->tick_seconds * 1000L);
		while (!t->stop && pthread_cond_timedwait(&t->wake, &t->lock,
		    &until) != ETIMEDOUT)
			continue;
	}
	pthread_mutex_unlock(&t->lock);
	db_close(&db);
	return NULL;
}

int
ticker_start(struct ticker *t, const struct config *cfg, int stop_fd)
{
	memset(t, 0, sizeof(*t));
	t->cfg = cfg;
	t->stop_fd = stop_fd;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->wake, NULL);
	if (pthread_create(&t->thread, NULL, ticker_main, t) != 0) {
		log_warnx("cannot start the ticker thread");
		return -1;
	}
	return 0;
}

void
ticker_stop(struct ticker *t)
{
	pthread_mutex_lock(&t->lock);
	t->stop = 1;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
}
