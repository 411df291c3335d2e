/* job.c: one delivery's message rendered and its transfer made, and what its end means */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "job.h"
#include "mail.h"
#include "notify-config.h"
#include "webhook.h"
#include "xmalloc.h"

struct job *
job_new(void)
{
	struct job	*j = xcalloc(1, sizeof(*j));

	j->arena = arena_new();
	return j;
}

void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	if (j->easy != NULL)
		curl_easy_cleanup(j->easy);
	curl_slist_free_all(j->list);
	arena_free(j->arena);
	free(j);
}

static int
refuse(struct job *j, enum job_result r, const char *why)
{
	j->result = r;
	snprintf(j->detail, sizeof(j->detail), "%s", why);
	return -1;
}

int
job_prepare(struct job *j, const struct notify_config *cfg, long long now)
{
	struct message	 m;
	struct buf	 b;
	char		 err[256];

	j->started_ms = clock_mono_ms();
	if (message_build(&m, j->arena, cfg, &j->d, err, sizeof(err)) == -1)
		return refuse(j, JOB_FAILED, err);
	if (j->d.channel == CHANNEL_EMAIL) {
		buf_init(&b, j->arena);
		mail_render(&b, cfg, &m, (time_t)now);
		j->body = b.data;
		j->len = b.len;
		return smtp_prepare(j, cfg);
	}
	j->body = webhook_body(j->arena, &m);
	j->len = strlen(j->body);
	return http_prepare(j, cfg, now);
}

void
job_finish(struct job *j, CURLcode rc)
{
	long	code = 0;
	int	http = j->d.channel != CHANNEL_EMAIL;

	if (http && http_refused(j, rc))
		return;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK && (!http || (code >= 200 && code < 300))) {
		j->result = JOB_SENT;
		snprintf(j->detail, sizeof(j->detail), http ? "HTTP %ld" :
		    "SMTP %ld", code);
		return;
	}
	if (rc == CURLE_OK) {
		/* Redirects are not followed: a 3xx is a failure too. */
		j->result = JOB_RETRY;
		snprintf(j->detail, sizeof(j->detail), "HTTP %ld", code);
		return;
	}
	/* A mail server's 5xx is its final word on the address. */
	j->result = !http && code >= 500 ? JOB_FAILED : JOB_RETRY;
	if (code > 0)
		snprintf(j->detail, sizeof(j->detail), "%s %ld: %s",
		    http ? "HTTP" : "SMTP", code, j->errbuf[0] != '\0' ?
		    j->errbuf : curl_easy_strerror(rc));
	else
		snprintf(j->detail, sizeof(j->detail), "%s", j->errbuf[0] !=
		    '\0' ? j->errbuf : curl_easy_strerror(rc));
}
