/* notify-config.h: lantern-notify's settings, read from the environment and validated once */
#ifndef LANTERN_NOTIFY_CONFIG_H
#define LANTERN_NOTIFY_CONFIG_H

#include <stddef.h>

#include "sign.h"

#define NOTIFY_CONCURRENCY_DEFAULT	16
#define NOTIFY_CONCURRENCY_MAX		1024
#define NOTIFY_RETRY_SECONDS_DEFAULT	30

struct notify_config {
	char		*database_url;	/* LANTERN_NOTIFY_DATABASE_URL: the lantern_notify role */
	char		*smtp_url;	/* LANTERN_SMTP_URL, NULL: no mail is sent */
	int		 smtp_plain;	/* LANTERN_SMTP_PLAIN=1: no TLS, loopback relays only */
	char		*smtp_user;	/* LANTERN_SMTP_USER, NULL: no authentication */
	char		*smtp_password;	/* read from LANTERN_SMTP_PASSWORD_FILE */
	char		*mail_from;	/* LANTERN_MAIL_FROM, as the From: header shows it */
	char		*mail_from_addr; /* its address alone, for MAIL FROM */
	char		*base_url;	/* LANTERN_BASE_URL, no trailing slash */
	char		*mail_host;	/* base URL's host: Message-IDs end in @mail_host */
	struct sign_key	 link_key;	/* from LANTERN_LINK_KEY_FILE */
	int		 concurrency;	/* LANTERN_NOTIFY_CONCURRENCY */
	int		 allow_private;	/* LANTERN_NOTIFY_ALLOW_PRIVATE=1 */
	int		 retry_seconds;	/* LANTERN_NOTIFY_RETRY_SECONDS: the first retry's wait */
};

typedef const char *(*notify_config_lookup)(const char *name);

/*
 * Fills cfg from lookup.  On a missing or malformed setting returns -1
 * with a message naming it in err; cfg then holds nothing to free.
 */
int	notify_config_load(struct notify_config *, notify_config_lookup,
	    char *err, size_t errlen);
void	notify_config_free(struct notify_config *);

#endif
