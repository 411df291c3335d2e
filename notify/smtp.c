/* smtp.c: a mail's transfer to the relay (libcurl's SMTP, STARTTLS required unless on loopback) */
#include <stdio.h>
#include <string.h>

#include "target.h"
#include "arena.h"
#include "job.h"
#include "notify-config.h"

/* Seconds a relay may take for one message: greylisting relays are slow. */
#define SMTP_TIMEOUT		120
#define SMTP_CONNECT_TIMEOUT	10

static size_t
upload(char *out, size_t size, size_t n, void *arg)
{
	struct job	*j = arg;
	size_t		 k = size * n;

	if (k > j->len - j->off)
		k = j->len - j->off;
	memcpy(out, j->body + j->off, k);
	j->off += k;
	return k;
}

int
smtp_prepare(struct job *j, const struct notify_config *cfg)
{
	CURL	*e;

	if (cfg->smtp_url == NULL) {
		snprintf(j->detail, sizeof(j->detail), "no relay (LANTERN_SMTP_URL)");
		j->result = JOB_RETRY;
		return -1;
	}
	if (target_check_email(j->d.address) == -1) {
		snprintf(j->detail, sizeof(j->detail), "refused: not an e-mail "
		    "address this notifier sends to");
		j->result = JOB_FAILED;
		return -1;
	}
	if ((e = j->easy = curl_easy_init()) == NULL) {
		snprintf(j->detail, sizeof(j->detail), "out of memory");
		j->result = JOB_RETRY;
		return -1;
	}
	j->list = curl_slist_append(NULL, arena_printf(j->arena, "<%s>",
	    j->d.address));
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(e, CURLOPT_USE_SSL, cfg->smtp_plain ?
	    (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	if (cfg->smtp_user != NULL)
		curl_easy_setopt(e, CURLOPT_USERNAME, cfg->smtp_user);
	if (cfg->smtp_password != NULL)
		curl_easy_setopt(e, CURLOPT_PASSWORD, cfg->smtp_password);
	curl_easy_setopt(e, CURLOPT_MAIL_FROM, arena_printf(j->arena, "<%s>",
	    cfg->mail_from_addr));
	curl_easy_setopt(e, CURLOPT_MAIL_RCPT, j->list);
	curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(e, CURLOPT_READFUNCTION, upload);
	curl_easy_setopt(e, CURLOPT_READDATA, j);
	curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->len);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)SMTP_TIMEOUT);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)SMTP_CONNECT_TIMEOUT);
	/* A lookup of the relay's name outliving its transfer is not waited for (http.c). */
	curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	return 0;
}
