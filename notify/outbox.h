/*
 * outbox.h: lantern-notify's side of the outbox tables, every statement
 * here: claiming due deliveries, recording each attempt and what follows
 * from it (sent; retried later with backoff; failed; the subscriber
 * quarantined), keeping claims alive while they are in flight, and
 * letting them go.  One connection, as the lantern_notify role, which may
 * do only this (sql/migrations/0014_notify_role.sql).
 */
#ifndef LANTERN_NOTIFY_OUTBOX_H
#define LANTERN_NOTIFY_OUTBOX_H

#include <libpq-fe.h>

struct job;

/* The channel the program NOTIFYs when it queues. */
#define OUTBOX_CHANNEL		"lantern_outbox"
/* A claim's life, renewed while the job is in flight; a dead notifier's lapse after it. */
#define OUTBOX_CLAIM_SECONDS	15
/* Retries stop a day after the delivery was queued (Statuspage's). */
#define OUTBOX_GIVE_UP_SECONDS	86400
/* Failures in a row that quarantine a subscriber (Statuspage's rule). */
#define OUTBOX_QUARANTINE_AFTER	10

struct outbox {
	PGconn	*conn;
	char	*url;
	long long next_connect_ms;
};

void	 outbox_init(struct outbox *, const char *url);
void	 outbox_close(struct outbox *);
/* Connected and listening: 0; else -1 (logged once a failure, retried later). */
int	 outbox_connect(struct outbox *);
/* The socket to wait on for NOTIFYs, or -1. */
int	 outbox_socket(struct outbox *);
/* Reads what arrived; 1 if a NOTIFY came, 0 if not, -1 if the connection is lost. */
int	 outbox_notified(struct outbox *);

/*
 * Up to max due deliveries claimed, as jobs (a list through ->next);
 * mail only when with_mail.  *n gets how many.
 */
struct job *outbox_claim(struct outbox *, int max, int with_mail, int *n);
/* The attempt and its consequences; retry_seconds for JOB_RETRY. */
void	 outbox_record(struct outbox *, const struct job *, int duration_ms,
	    int retry_seconds);
/* Claims of the jobs in the list renewed (while in flight). */
void	 outbox_renew(struct outbox *, const struct job *list);
/* Claims of the jobs in the list given back, for another notifier or the next start. */
void	 outbox_release(struct outbox *, const struct job *list);
/* Pending deliveries that will never go (unsubscribed, quarantined, stale) closed. */
void	 outbox_sweep(struct outbox *);

/* The wait before attempt n + 1, after n failures: doubling from first, capped, jittered. */
int	 outbox_backoff(int first_seconds, int attempts, unsigned int random);

#endif
