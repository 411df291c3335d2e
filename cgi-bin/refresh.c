/* refresh.c: the snapshot rebuilt when the data changes, and only then */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "clock.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "refresh.h"
#include "shelf.h"
#include "snapshot.h"
#include "tape.h"

#define CHANNEL		"lantern_changed"
/* A lost LISTEN is tried again this late: meanwhile the poll does its work. */
#define LISTEN_RETRY	30

/*
 * A NOTIFY and a poke of our own often tell of one change: those are
 * checked against the version row first, so one change is one build.
 */
enum stale {
	FRESH,
	MAYBE,		/* told of a change: build if the version moved */
	STALE,		/* build: first, expired, or listening anew */
};

struct state {
	struct refresher	*r;
	struct db		 db;
	PGconn			*listen;
	time_t			 listen_retry;
	time_t			 last_poll;
	time_t			 retry;		/* after a failed build, not before */
	enum stale		 stale;
};

/*
 * Publishes s, confirmed as the database's picture at `confirmed`.
 */
static void
publish(struct state *st, struct snapshot *s, time_t confirmed)
{
	shelf_publish(st->r->shelf, s);
	atomic_store(&st->r->confirmed, (long long)confirmed);
}

static void
build(struct state *st)
{
	const char	*file = st->r->cfg->snapshot_file;
	struct snapshot	*s;
	struct tape	*tape = file != NULL ? tape_new() : NULL;

	db_tape(&st->db, tape, 0);
	s = snapshot_build(&st->db);
	db_tape(&st->db, NULL, 0);
	if (s == NULL) {
		tape_free(tape);
		/* The old snapshot stays: the page outlives its database. */
		if (!db_stopping(&st->db))
			log_warnx("snapshot: cannot read the database; serving "
			    "the last picture and trying again in %d s",
			    st->r->cfg->poll_seconds);
		st->last_poll = time(NULL);
		st->retry = st->last_poll + st->r->cfg->poll_seconds;
		return;
	}
	log_info("snapshot %llu built in %.1f ms (version %lld)", s->serial,
	    s->build_ms, s->version);
	publish(st, s, s->built);
	st->stale = FRESH;
	st->last_poll = time(NULL);
	/* After publishing: the disk's pace is not the readers'. */
	if (tape != NULL)
		tape_save(tape, file, s->built);
	tape_free(tape);
}

/*
 * Started while the database cannot be read: the snapshot last saved, as
 * it was then, so that a restart during an outage still shows the page.
 */
static void
play_back(struct state *st)
{
	const char	*file = st->r->cfg->snapshot_file;
	struct snapshot	*s;
	struct tape	*tape;
	time_t		 saved;
	char		 when[32];

	if (file == NULL || shelf_peek(st->r->shelf) != NULL ||
	    (tape = tape_load(file, &saved)) == NULL)
		return;
	db_tape(&st->db, tape, 1);
	s = snapshot_build(&st->db);
	db_tape(&st->db, NULL, 0);
	tape_free(tape);
	if (s == NULL)
		return;
	s->built = saved;
	clock_utc_text(saved, when);
	log_warnx("snapshot: serving the one saved at %s from %s until the "
	    "database can be read", when, file);
	publish(st, s, saved);
}

/*
 * Whether the page's version row moved past the published snapshot's;
 * if it did not, the snapshot is confirmed as the latest picture.
 */
static int
version_moved(struct state *st)
{
	struct snapshot	*cur = shelf_peek(st->r->shelf);
	PGresult	*res;
	long long	 v = 0;

	if ((res = db_query(&st->db, STMT_DATA_VERSION, 0, NULL)) == NULL)
		return cur == NULL;
	if (PQntuples(res) == 1)
		v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	if (cur == NULL || v != cur->version)
		return 1;
	atomic_store(&st->r->confirmed, (long long)time(NULL));
	return 0;
}

static void
listen_lost(struct state *st, const char *why)
{
	log_warnx("snapshot: the listen connection is lost (%s); polling "
	    "every %d s, listening again in %d s", why,
	    st->r->cfg->poll_seconds, LISTEN_RETRY);
	PQfinish(st->listen);
	st->listen = NULL;
	st->listen_retry = time(NULL) + LISTEN_RETRY;
}

/* Every notification waiting: any of them makes the snapshot stale. */
static void
listen_drain(struct state *st)
{
	PGnotify	*n;

	if (!PQconsumeInput(st->listen) || PQstatus(st->listen) != CONNECTION_OK) {
		listen_lost(st, "the server closed it");
		st->stale = STALE;
		return;
	}
	while ((n = PQnotifies(st->listen)) != NULL) {
		if (st->stale == FRESH)
			st->stale = MAYBE;
		PQfreemem(n);
	}
}

/* How long to sleep: until the next poll, or the snapshot's expiry. */
static int
timeout_ms(const struct state *st, time_t now)
{
	struct snapshot	*cur = shelf_peek(st->r->shelf);
	time_t		 until = st->last_poll + st->r->cfg->poll_seconds;

	/* An expired snapshot whose rebuild failed waits for the retry. */
	if (cur != NULL && cur->expires < until && cur->expires >= st->retry)
		until = cur->expires;
	if (st->listen == NULL && st->listen_retry < until)
		until = st->listen_retry;
	return until <= now ? 0 : (int)(until - now) * 1000;
}

static void *
refresh_main(void *arg)
{
	struct state	 st;
	struct pollfd	 fds[2];
	struct snapshot	*cur;
	char		 drain[64];
	time_t		 now;
	int		 n;

	memset(&st, 0, sizeof(st));
	st.r = arg;
	st.stale = STALE;
	db_init(&st.db, st.r->cfg, DB_READ, "lantern-snapshot");
	db_stop_on(&st.db, st.r->stop_fd);
	while (!atomic_load(&st.r->stop)) {
		now = time(NULL);
		atomic_store(&st.r->beat, (long long)now);
		if (st.listen == NULL && now >= st.listen_retry) {
			/* Listening before building: no change falls in between. */
			if ((st.listen = db_listen(st.r->cfg, "lantern-listen",
			    CHANNEL, st.r->stop_fd)) == NULL)
				st.listen_retry = now + LISTEN_RETRY;
			else
				st.stale = STALE;
		}
		if (st.stale == MAYBE && !version_moved(&st))
			st.stale = FRESH;
		if (st.stale != FRESH && now >= st.retry) {
			build(&st);
			if (!st.r->tried)
				play_back(&st);
		}
		if (!st.r->tried) {
			pthread_mutex_lock(&st.r->lock);
			st.r->tried = 1;
			pthread_cond_broadcast(&st.r->first);
			pthread_mutex_unlock(&st.r->lock);
		}

		fds[0].fd = st.r->wake[0];
		fds[0].events = POLLIN;
		fds[1].fd = st.listen != NULL ? PQsocket(st.listen) : -1;
		fds[1].events = POLLIN;
		n = poll(fds, 2, timeout_ms(&st, time(NULL)));
		if (n == -1 && errno != EINTR) {
			log_warnx("snapshot: poll: %s", strerror(errno));
			sleep(1);
			continue;
		}
		if (n > 0 && (fds[0].revents & POLLIN)) {
			while (read(st.r->wake[0], drain, sizeof(drain)) > 0)
				continue;
			if (st.stale == FRESH)
				st.stale = MAYBE;
		}
		if (n > 0 && st.listen != NULL && fds[1].revents != 0)
			listen_drain(&st);
		now = time(NULL);
		if (st.stale == FRESH &&
		    now >= st.last_poll + st.r->cfg->poll_seconds) {
			st.stale = version_moved(&st) ? STALE : FRESH;
			st.last_poll = now;
		}
		cur = shelf_peek(st.r->shelf);
		if (cur != NULL && now >= cur->expires)
			st.stale = STALE;
		/* Readers of replaced snapshots finish within a request. */
		shelf_reclaim(st.r->shelf);
	}
	if (st.listen != NULL)
		PQfinish(st.listen);
	db_close(&st.db);
	return NULL;
}

int
refresh_start(struct refresher *r, const struct config *cfg, struct shelf *sh,
    int stop_fd)
{
	memset(r, 0, sizeof(*r));
	r->cfg = cfg;
	r->shelf = sh;
	r->stop_fd = stop_fd;
	atomic_init(&r->confirmed, 0);
	atomic_init(&r->beat, 0);
	atomic_init(&r->stop, 0);
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->first, NULL);
	if (pipe2(r->wake, O_CLOEXEC | O_NONBLOCK) == -1) {
		log_warnx("refresh: pipe: %s", strerror(errno));
		return -1;
	}
	if (pthread_create(&r->thread, NULL, refresh_main, r) != 0) {
		log_warnx("cannot start the snapshot thread");
		close(r->wake[0]);
		close(r->wake[1]);
		return -1;
	}
	return 0;
}

void
refresh_wait_first(struct refresher *r, int ms)
{
	struct timespec	until = clock_realtime_in(ms);

	pthread_mutex_lock(&r->lock);
	while (!r->tried && pthread_cond_timedwait(&r->first, &r->lock,
	    &until) == 0)
		continue;
	pthread_mutex_unlock(&r->lock);
}

/*
 * A round waits a poll at most, then a few database calls of one timeout
 * each: a minute past ten of those, the thread is stuck.
 */
int
refresh_alive(struct refresher *r)
{
	const struct config	*cfg = r->cfg;
	long long		 beat = atomic_load(&r->beat);

	return beat == 0 || (long long)time(NULL) - beat < cfg->poll_seconds +
	    10 * (cfg->db_timeout_ms / 1000 + 1) + 60;
}

long long
refresh_stale_after(const struct config *cfg)
{
	return cfg->poll_seconds + (cfg->db_timeout_ms + 999) / 1000 + 1;
}

time_t
refresh_confirmed(struct refresher *r)
{
	return r != NULL ? (time_t)atomic_load(&r->confirmed) : 0;
}

void
refresh_poke(struct refresher *r)
{
	/* A full pipe already holds a poke: nothing is lost if this fails. */
	if (r != NULL)
		(void)!write(r->wake[1], "", 1);
}

void
refresh_stop(struct refresher *r)
{
	atomic_store(&r->stop, 1);
	refresh_poke(r);
	pthread_join(r->thread, NULL);
	close(r->wake[0]);
	close(r->wake[1]);
	pthread_cond_destroy(&r->first);
	pthread_mutex_destroy(&r->lock);
}
