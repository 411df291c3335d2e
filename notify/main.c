/*
 * main.c: lantern-notify, the program that delivers what the status page
 * queued (the outbox tables): reads its settings, then claims due
 * deliveries, sends many at once through one libcurl multi handle under
 * a cap, and records each attempt.  It shares nothing with the page but
 * the database, so its slowness or death never touches the page.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "clock.h"
#include "job.h"
#include "log.h"
#include "notify-config.h"
#include "queue.h"

/* How often the outbox is asked anyway: for a lost NOTIFY, and for retries coming due. */
#define POLL_MS		1000
#define SWEEP_MS	10000
/* At SIGTERM, what is in flight gets this long to finish before it is given back. */
#define GRACE_MS	5000

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	stopping = 1;
}

static const char *
env(const char *name)
{
	return getenv(name);
}

struct notifier {
	struct notify_config	 cfg;
	struct queue		 queue;
	CURLM			*multi;
	struct job		*inflight;	/* a list through ->next */
	int			 n_inflight;
};

static void
unlink_job(struct notifier *nt, struct job *j)
{
	struct job	**p;

	for (p = &nt->inflight; *p != NULL; p = &(*p)->next)
		if (*p == j) {
			*p = j->next;
			j->next = NULL;
			nt->n_inflight--;
			return;
		}
}

/* j's attempt recorded and j freed. */
static void
settle(struct notifier *nt, struct job *j)
{
	int	ms = (int)(clock_mono_ms() - j->started_ms);
	int	retry = queue_backoff(nt->cfg.retry_seconds, j->d.attempts,
		    randombytes_random());

	queue_record(&nt->queue, j, ms, retry);
	if (j->result != JOB_SENT)
		log_info("delivery %lld to subscriber %lld: %s (%s)", j->d.id,
		    j->d.subscriber_id, j->detail, j->result == JOB_RETRY ?
		    "will retry" : "gave up");
	job_free(j);
}

/* Claims what the cap allows and starts it; the number claimed. */
static int
claim(struct notifier *nt)
{
	struct job	*list, *j;
	int		 n;

	list = queue_claim(&nt->queue, nt->cfg.concurrency - nt->n_inflight,
	    nt->cfg.smtp_url != NULL, &n);
	while ((j = list) != NULL) {
		list = j->next;
		j->next = NULL;
		if (j->detail[0] != '\0' ||
		    job_prepare(j, &nt->cfg, (long long)time(NULL)) == -1) {
			settle(nt, j);
			continue;
		}
		curl_multi_add_handle(nt->multi, j->easy);
		j->next = nt->inflight;
		nt->inflight = j;
		nt->n_inflight++;
	}
	return n;
}

/* Transfers that ended: recorded, and their jobs freed. */
static void
reap(struct notifier *nt)
{
	CURLMsg		*msg;
	struct job	*j;
	char		*priv;
	int		 left;

	while ((msg = curl_multi_info_read(nt->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
		j = (struct job *)(void *)priv;
		job_finish(j, msg->data.result);
		curl_multi_remove_handle(nt->multi, j->easy);
		unlink_job(nt, j);
		settle(nt, j);
	}
}

/* At a stop: what did not finish in the grace is given back, unsent as far as we know. */
static void
release_all(struct notifier *nt)
{
	struct job	*j;

	queue_release(&nt->queue, nt->inflight);
	while ((j = nt->inflight) != NULL) {
		nt->inflight = j->next;
		curl_multi_remove_handle(nt->multi, j->easy);
		job_free(j);
	}
	nt->n_inflight = 0;
}

static int
run(struct notifier *nt)
{
	struct curl_waitfd	 wfd;
	long long		 now, last_claim = 0, last_sweep = 0, last_renew;
	long long		 stop_at = 0;
	int			 running, want = 1, full = 0, got, n, free, fanned;

	last_renew = clock_mono_ms();
	for (;;) {
		now = clock_mono_ms();
		if (stopping) {
			if (stop_at == 0) {
				stop_at = now + GRACE_MS;
				log_info("notify: stopping, %d deliveries in "
				    "flight", nt->n_inflight);
			}
			if (nt->n_inflight == 0 || now >= stop_at)
				break;
		}
		if (queue_connect(&nt->queue) == 0) {
			free = nt->cfg.concurrency - nt->n_inflight;
			/*
			 * A claim costs a query whatever its size: while work
			 * is waiting, claim once half the slots are free, not
			 * at every transfer's end.
			 */
			if (!stopping && free > 0 && (want ||
			    now - last_claim >= POLL_MS ||
			    (full && free >= (nt->cfg.concurrency + 1) / 2))) {
				/* A full batch of events: more may wait. */
				fanned = queue_fan_out(&nt->queue);
				n = claim(nt);
				full = n == free;
				want = fanned == QUEUE_FAN_OUT_BATCH;
				last_claim = now;
			}
			if (now - last_sweep >= SWEEP_MS) {
				queue_sweep(&nt->queue);
				last_sweep = now;
			}
			if (now - last_renew >= QUEUE_CLAIM_SECONDS * 1000 / 3) {
				queue_renew(&nt->queue, nt->inflight);
				last_renew = now;
			}
		}
		curl_multi_perform(nt->multi, &running);
		reap(nt);
		if (full && nt->cfg.concurrency - nt->n_inflight >=
		    (nt->cfg.concurrency + 1) / 2)
			continue;
		memset(&wfd, 0, sizeof(wfd));
		wfd.fd = queue_socket(&nt->queue);
		wfd.events = CURL_WAIT_POLLIN;
		curl_multi_poll(nt->multi, wfd.fd >= 0 ? &wfd : NULL,
		    wfd.fd >= 0 ? 1 : 0, want ? 0 : stopping ? 100 : POLL_MS, NULL);
		if (wfd.fd >= 0 && (got = queue_notified(&nt->queue)) > 0)
			want = 1;
	}
	if (nt->n_inflight > 0)
		log_info("notify: %d deliveries unfinished after %d s: given "
		    "back", nt->n_inflight, GRACE_MS / 1000);
	release_all(nt);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: lantern-notify [--check-config]\n"
	    "Settings come from the environment; see the README's "
	    "\"Subscribers\" section.\n");
}

int
main(int argc, char **argv)
{
	struct notifier		 nt;
	struct sigaction	 sa;
	char			 err[512];
	int			 check = 0;

	if (argc == 2 && strcmp(argv[1], "--check-config") == 0)
		check = 1;
	else if (argc != 1) {
		usage();
		return 64;
	}
	memset(&nt, 0, sizeof(nt));
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    sodium_init() < 0) {
		log_warnx("cannot initialise libcurl or libsodium");
		return 1;
	}
	/*
	 * Without the threaded (or c-ares) resolver, libcurl looks names up
	 * on this thread, and one slow DNS server would hold back every
	 * delivery in flight.
	 */
	if (!(curl_version_info(CURLVERSION_NOW)->features &
	    CURL_VERSION_ASYNCHDNS)) {
		fprintf(stderr, "lantern-notify: this libcurl (%s) resolves "
		    "names synchronously (no AsynchDNS in curl-config "
		    "--features): build against one with the threaded "
		    "resolver\n", curl_version_info(CURLVERSION_NOW)->version);
		return 78;
	}
	if (notify_config_load(&nt.cfg, env, err, sizeof(err)) == -1) {
		fprintf(stderr, "lantern-notify: %s\n", err);
		return 78;
	}
	if (check) {
		notify_config_free(&nt.cfg);
		return 0;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (nt.cfg.smtp_url == NULL)
		log_info("notify: LANTERN_SMTP_URL is not set: e-mail is not "
		    "sent (it waits, up to a day, for a relay)");
	log_info("notify: delivering, %d at a time%s", nt.cfg.concurrency,
	    nt.cfg.allow_private ? "; private targets allowed" : "");
	queue_init(&nt.queue, nt.cfg.database_url);
	nt.multi = curl_multi_init();
	curl_multi_setopt(nt.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)nt.cfg.concurrency);
	run(&nt);
	curl_multi_cleanup(nt.multi);
	queue_close(&nt.queue);
	notify_config_free(&nt.cfg);
	curl_global_cleanup();
	log_info("notify: stopped");
	return 0;
}
