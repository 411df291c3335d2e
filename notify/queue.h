/*
 * queue.h: lantern-notify's side of the outbox tables, every statement
 * here: making each queued event's deliveries, claiming due deliveries, recording each attempt and what follows
 * from it (sent; retried later with backoff; failed; the subscriber
 * quarantined), keeping claims alive while they are in flight, and
 * letting them go.  One connection, as the lantern_notify role, which may
 * do only this (sql/migrations/0014_notify_role.sql).
 */
#ifndef LANTERN_NOTIFY_QUEUE_H
#define LANTERN_NOTIFY_QUEUE_H

#include <libpq-fe.h>

struct job;

/* The channel the program NOTIFYs when it queues. */
#define QUEUE_CHANNEL		"lantern_outbox"
/* A claim's life, renewed while the job is in flight; a dead notifier's lapse after it. */
#define QUEUE_CLAIM_SECONDS	15
/* Retries stop a day after the delivery was queued (Statuspage's). */
#define QUEUE_GIVE_UP_SECONDS	86400
/* Failures in a row that quarantine a subscriber (Statuspage's rule). */
#define QUEUE_QUARANTINE_AFTER	10
/* Events made into deliveries a statement: each is one INSERT of its audience. */
#define QUEUE_FAN_OUT_BATCH	20

struct queue {
	PGconn	*conn;
	char	*url;
	long long next_connect_ms;
};

void	 queue_init(struct queue *, const char *url);
void	 queue_close(struct queue *);
/* Connected and listening: 0; else -1 (logged once a failure, retried later). */
int	 queue_connect(struct queue *);
/* The socket to wait on for NOTIFYs, or -1. */
int	 queue_socket(struct queue *);
/* Reads what arrived; 1 if a NOTIFY came, 0 if not, -1 if the connection is lost. */
int	 queue_notified(struct queue *);

/*
 * Queued events made into their deliveries (lantern_fan_out(), migration
 * 0019), QUEUE_FAN_OUT_BATCH at most: how many, or -1.
 */
int	 queue_fan_out(struct queue *);
/*
 * Up to max due deliveries claimed, as jobs (a list through ->next);
 * mail only when with_mail.  *n gets how many.
 */
struct job *queue_claim(struct queue *, int max, int with_mail, int *n);
/* The attempt and its consequences; retry_seconds for JOB_RETRY. */
void	 queue_record(struct queue *, const struct job *, int duration_ms,
	    int retry_seconds);
/* Claims of the jobs in the list renewed (while in flight). */
void	 queue_renew(struct queue *, const struct job *list);
/* Claims of the jobs in the list given back, for another notifier or the next start. */
void	 queue_release(struct queue *, const struct job *list);
/* Pending deliveries that will never go (unsubscribed, quarantined, deleted, stale) closed. */
void	 queue_sweep(struct queue *);

/* The wait before attempt n + 1, after n failures: doubling from first, capped, jittered. */
int	 queue_backoff(int first_seconds, int attempts, unsigned int random);

#endif
