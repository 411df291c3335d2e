/*
 * job.h: one claimed delivery on its way: its message, the transfer that
 * carries it, and what became of it.  Each job has an arena of its own,
 * freed when its result is recorded.
 */
#ifndef LANTERN_NOTIFY_JOB_H
#define LANTERN_NOTIFY_JOB_H

#include <stddef.h>

#include <curl/curl.h>

#include "ipclass.h"
#include "message.h"

struct arena;
struct notify_config;

enum job_result {
	JOB_SENT,
	JOB_RETRY,	/* failed; worth another attempt later */
	JOB_FAILED	/* failed for good: a refused target, an address, a 5xx mail reply */
};

struct job {
	struct arena		*arena;
	struct delivery		 d;
	CURL			*easy;
	struct curl_slist	*list;	/* HTTP headers, or the mail's recipient */
	const char		*body;
	size_t			 len, off;
	long long		 started_ms;
	char			 errbuf[CURL_ERROR_SIZE];
	/*
	 * What the socket callback saw (http.c): sockets opened, and the
	 * class of the first address it would not connect to.
	 */
	int			 allow_private;
	int			 opened, refused;
	enum target_class	 refused_class;
	enum job_result		 result;
	char			 detail[512];	/* the reply, the HTTP status or the error */
	struct job		*next;
};

struct job	*job_new(void);
void		 job_free(struct job *);

/*
 * Renders j's message and makes its transfer (j->easy), ready for a
 * multi handle; now is the Date and the signature's timestamp.  -1 when
 * it cannot be sent at all: j->result and j->detail say why.
 */
int		 job_prepare(struct job *j, const struct notify_config *,
		    long long now);
/* After the transfer: j->result and j->detail from curl's code and the reply. */
void		 job_finish(struct job *j, CURLcode);

/* The transfers, one file a protocol (smtp.c, http.c): 0, or -1 with j->detail. */
int		 smtp_prepare(struct job *j, const struct notify_config *);
int		 http_prepare(struct job *j, const struct notify_config *,
		    long long now);
/*
 * An HTTP transfer that ended in rc without connecting because every
 * address was refused: j->result and j->detail say so, and 1; else 0.
 */
int		 http_refused(struct job *j, CURLcode rc);

#endif
