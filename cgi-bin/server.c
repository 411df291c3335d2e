/* server.c: the listening socket, the worker threads and a clean stop */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "attic.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "dispatch.h"
#include "log.h"
#include "notify.h"
#include "mirror.h"
#include "refresh.h"
#include "shelf.h"
#include "server.h"
#include "ticker.h"
#include "xmalloc.h"

#define LISTEN_BACKLOG	128
/* How long requests in flight may take to finish once asked to stop. */
#define STOP_GRACE_MS	1200
#define SD_LISTEN_FDS_START 3

struct worker {
	pthread_t		 thread;
	int			 listen_fd;
	struct worker_ctx	 ctx;
	atomic_llong		 busy_since;	/* 0: waiting for a request */
};

/* A request this long is stuck, not slow: every wait in it is bounded. */
#define STUCK_SECONDS	30

static int
is_listening_socket(int fd)
{
	struct stat	st;
	int		on = 0;
	socklen_t	len = sizeof(on);

	return fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode) &&
	    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &len) == 0 && on;
}

/* A socket systemd (LISTEN_FDS) or spawn-fcgi (fd 0) opened for us. */
static int
handed_socket(void)
{
	const char	*pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");

	if (pid != NULL && fds != NULL && strtol(pid, NULL, 10) == getpid() &&
	    strcmp(fds, "1") == 0 && is_listening_socket(SD_LISTEN_FDS_START))
		return SD_LISTEN_FDS_START;
	if (is_listening_socket(STDIN_FILENO))
		return STDIN_FILENO;
	return -1;
}

/*
 * A socket file left by a crash is removed; one that still answers belongs
 * to a running program and is left alone.
 */
static int
clear_stale_socket(const char *path, const struct sockaddr_un *sun)
{
	struct stat	st;
	int		fd, live;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISSOCK(st.st_mode)) {
		log_warnx("LANTERN_SOCKET %s exists and is not a socket", path);
		return -1;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	live = connect(fd, (const struct sockaddr *)sun, sizeof(*sun)) == 0;
	close(fd);
	if (live) {
		log_warnx("LANTERN_SOCKET %s: another program is listening "
		    "there", path);
		return -1;
	}
	return unlink(path);
}

static int
listen_unix(const struct config *cfg)
{
	struct sockaddr_un	 sun;
	struct group		*gr;
	mode_t			 old;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	/* Length checked when the settings were read. */
	memcpy(sun.sun_path, cfg->socket_path, strlen(cfg->socket_path));
	if (clear_stale_socket(cfg->socket_path, &sun) == -1)
		return -1;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warnx("socket: %s", strerror(errno));
		return -1;
	}
	/* Never a moment where the socket is open to others. */
	old = umask(0117);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		umask(old);
		log_warnx("LANTERN_SOCKET %s: %s", cfg->socket_path,
		    strerror(errno));
		goto fail;
	}
	umask(old);
	if (cfg->socket_group != NULL) {
		if ((gr = getgrnam(cfg->socket_group)) == NULL) {
			log_warnx("LANTERN_SOCKET_GROUP %s: no such group",
			    cfg->socket_group);
			goto fail_unlink;
		}
		if (chown(cfg->socket_path, (uid_t)-1, gr->gr_gid) == -1) {
			log_warnx("LANTERN_SOCKET_GROUP %s: %s",
			    cfg->socket_group, strerror(errno));
			goto fail_unlink;
		}
	}
	if (chmod(cfg->socket_path, 0660) == -1 ||
	    listen(fd, LISTEN_BACKLOG) == -1) {
		log_warnx("LANTERN_SOCKET %s: %s", cfg->socket_path,
		    strerror(errno));
		goto fail_unlink;
	}
	return fd;
fail_unlink:
	unlink(cfg->socket_path);
fail:
	close(fd);
	return -1;
}

/* Set at a stop; each worker looks before it waits for a request. */
static atomic_int	stop_serving;

/* SIGUSR1 only interrupts a worker's accept() (see stop_workers()). */
static void
interrupt(int sig)
{
	(void)sig;
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	FCGX_Request	 req;
	struct db	 db, wdb;

	/* The writing one connects at the first write, if one comes. */
	db_init(&db, w->ctx.cfg, DB_READ, "lantern");
	db_init(&wdb, w->ctx.cfg, DB_WRITE, "lantern-write");
	w->ctx.db = &db;
	w->ctx.wdb = &wdb;
	FCGX_InitRequest(&req, w->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!atomic_load(&stop_serving)) {
		if (FCGX_Accept_r(&req) < 0) {
			if (!atomic_load(&stop_serving)) {
				log_warnx("accept: %s", strerror(errno));
				usleep(100000);
			}
			continue;
		}
		atomic_store(&w->busy_since, (long long)time(NULL));
		dispatch(&req, &w->ctx);
		FCGX_Finish_r(&req);
		atomic_store(&w->busy_since, 0);
	}
	FCGX_Free(&req, 1);
	db_close(&db);
	db_close(&wdb);
	return NULL;
}

/*
 * Stops the workers: each finishes the request it is in, within the
 * grace time; 0 when all have, -1 if some have not.  A socket of our own
 * is shut down, which ends every accept() at once.  One handed over
 * (systemd's, script/server's) outlives us and queues requests for the
 * next program: it is left open, and each worker's accept() is
 * interrupted by SIGUSR1 instead, again until it has looked at the flag.
 */
static int
stop_workers(struct worker *workers, int n, int fd, int own)
{
	struct timespec	t;
	int		i, waited = 0;

	atomic_store(&stop_serving, 1);
	if (own)
		shutdown(fd, SHUT_RDWR);
	for (i = 0; i < n; i++) {
		for (;;) {
			if (!own)
				pthread_kill(workers[i].thread, SIGUSR1);
			t = clock_realtime_in(50);
			if (pthread_timedjoin_np(workers[i].thread, NULL, &t) == 0)
				break;
			if ((waited += 50) >= STOP_GRACE_MS)
				return -1;
		}
	}
	return 0;
}

/*
 * Whether the program still does its work: some worker is free or in a
 * request younger than STUCK_SECONDS, and the snapshot thread goes round.
 */
static int
healthy(struct worker *workers, int n, struct refresher *r)
{
	long long	now = (long long)time(NULL), since;
	int		i;

	if (!refresh_alive(r))
		return 0;
	for (i = 0; i < n; i++) {
		since = atomic_load(&workers[i].busy_since);
		if (since == 0 || now - since < STUCK_SECONDS)
			return 1;
	}
	return 0;
}

/*
 * Until SIGTERM or SIGINT (SIGHUP is ignored).  Under a systemd watchdog,
 * says WATCHDOG=1 twice a period while healthy: a program that hangs is
 * restarted, not left holding the socket.
 */
static int
wait_for_stop(const sigset_t *set, struct worker *workers, int n,
    struct refresher *r)
{
	int		ms = notify_watchdog_ms(), sig;
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	for (;;) {
		if (ms == 0) {
			if (sigwait(set, &sig) != 0)
				return SIGTERM;
		} else if ((sig = sigtimedwait(set, NULL, &ts)) == -1) {
			if (errno == EAGAIN && healthy(workers, n, r))
				notify("WATCHDOG=1");
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return SIGTERM;
		}
		if (sig != SIGHUP)
			return sig;
	}
}

int
server_listen(const struct config *cfg)
{
	int	fd;

	if (cfg->socket_path != NULL)
		return listen_unix(cfg);
	if ((fd = handed_socket()) == -1)
		log_warnx("LANTERN_SOCKET is not set and no listening socket "
		    "was handed over (on fd 0 or by LISTEN_FDS)");
	return fd;
}

int
server_run(const struct config *cfg, int fd, int own)
{
	struct worker	*workers;
	struct ticker	 ticker;
	struct refresher refresher;
	/* Static: workers abandoned at a stop may still read them as we exit. */
	static struct shelf shelf;
	static struct attic attic;
	static struct mirror mirror;
	struct attic	*kept = NULL;
	sigset_t	 set;
	int		 sig, started, status = 0, refreshing = 0, mirroring = 0;
	/* Written at a stop, never read: waits in the background end on it. */
	static int	 stopping[2] = { -1, -1 };

	/* Nothing the program starts may read a pipe left on stdin. */
	if (fd != STDIN_FILENO) {
		int null = open("/dev/null", O_RDONLY);

		if (null != -1 && null != STDIN_FILENO) {
			dup2(null, STDIN_FILENO);
			close(null);
		}
	}

	if (FCGX_Init() != 0) {
		log_warnx("FCGX_Init failed");
		status = 1;
		goto done;
	}

	/*
	 * Every thread inherits this mask, so the signals wait for sigwait()
	 * below instead of landing in a worker blocked in accept().
	 */
	signal(SIGPIPE, SIG_IGN);
	{
		/* No SA_RESTART: the signal must end a worker's accept(). */
		struct sigaction	sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = interrupt;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGUSR1, &sa, NULL);
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	if (pipe(stopping) == -1) {
		log_warnx("pipe: %s", strerror(errno));
		status = 1;
		goto done;
	}

	workers = xcalloc((size_t)cfg->workers, sizeof(*workers));
	/* A hazard slot a worker, and one for the public files. */
	shelf_init(&shelf, (size_t)cfg->workers + 1);
	if (refresh_start(&refresher, cfg, &shelf, stopping[0]) == -1) {
		shelf_destroy(&shelf);
		free(workers);
		status = 1;
		goto done;
	}
	refreshing = 1;
	/* Beside the snapshot's tape: what it does not hold (attic.h). */
	if (cfg->snapshot_file != NULL) {
		char	dir[PATH_MAX];

		snprintf(dir, sizeof(dir), "%s.answers", cfg->snapshot_file);
		if (attic_open(&attic, dir) == 0)
			kept = &attic;
	}
	/* Workers may ask for files before its thread starts. */
	mirror_init(&mirror);
	/* The socket already queues requests; they wait for whole pages. */
	refresh_wait_first(&refresher, 2 * cfg->db_timeout_ms);
	for (started = 0; started < cfg->workers; started++) {
		workers[started].listen_fd = fd;
		workers[started].ctx.cfg = cfg;
		workers[started].ctx.shelf = &shelf;
		workers[started].ctx.reader = &shelf.readers[started];
		workers[started].ctx.refresher = &refresher;
		workers[started].ctx.attic = kept;
		workers[started].ctx.mirror = cfg->public_dir != NULL ?
		    &mirror : NULL;
		if (pthread_create(&workers[started].thread, NULL, worker_main,
		    &workers[started]) != 0) {
			log_warnx("cannot start worker thread: %s", strerror(errno));
			status = 1;
			break;
		}
	}
	if (status == 0 && cfg->public_dir != NULL) {
		struct worker_ctx	ctx = {
			.cfg = cfg, .shelf = &shelf,
			.reader = &shelf.readers[cfg->workers],
			.refresher = &refresher, .attic = kept,
		};

		if (mirror_start(&mirror, &ctx) == -1)
			status = 1;
		else
			mirroring = 1;
	}
	if (status == 0 && ticker_start(&ticker, cfg, stopping[0]) == -1)
		status = 1;
	if (status == 0) {
		log_info("serving %s with %d workers on %s", cfg->base_url,
		    cfg->workers, cfg->socket_path != NULL ? cfg->socket_path :
		    "the socket handed over");
		notify("READY=1");
		sig = wait_for_stop(&set, workers, started, &refresher);
		log_info("stopping on %s", strsignal(sig));
		notify("STOPPING=1");
	}
	if (write(stopping[1], "", 1) == -1)
		log_warnx("stop pipe: %s", strerror(errno));
	if (status == 0)
		ticker_stop(&ticker);
	/* The files stay as they are: the page outlives its program. */
	if (mirroring)
		mirror_stop(&mirror);
	if (refreshing)
		refresh_stop(&refresher);

	/*
	 * A request that outlasts the grace time (a client that never
	 * finishes sending) must not keep the program from stopping.
	 */
	if (stop_workers(workers, started, fd, own) == -1) {
		log_warnx("requests still running after %d ms; stopping "
		    "without them", STOP_GRACE_MS);
		close(fd);
		if (own)
			unlink(cfg->socket_path);
		/*
		 * Workers still use their memory and the settings: nothing
		 * may be freed under them, so no return to main() and its
		 * config_free().
		 */
		_exit(0);
	}
	shelf_destroy(&shelf);
	free(workers);
done:
	close(fd);
	if (own)
		unlink(cfg->socket_path);
	return status;
}
