/* notify-config.c: lantern-notify's settings, read from the environment and validated once */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libpq-fe.h>

#include "target.h"
#include "config.h"
#include "notify-config.h"
#include "xmalloc.h"

/* A boolean setting: unset, "" or "0" is off, "1" on, anything else wrong. */
static int
flag(notify_config_lookup get, const char *name, int *out, char *err,
    size_t errlen)
{
	const char	*v = get(name);

	*out = 0;
	if (v == NULL || *v == '\0' || strcmp(v, "0") == 0)
		return 0;
	if (strcmp(v, "1") == 0) {
		*out = 1;
		return 0;
	}
	snprintf(err, errlen, "%s must be 0 or 1", name);
	return -1;
}

static int
number(notify_config_lookup get, const char *name, int dflt, int min, int max,
    int *out, char *err, size_t errlen)
{
	const char	*v = get(name);

	*out = dflt;
	if (v == NULL || *v == '\0')
		return 0;
	if (config_parse_int(v, min, max, out) == -1) {
		snprintf(err, errlen, "%s must be a whole number from %d to %d",
		    name, min, max);
		return -1;
	}
	return 0;
}

/*
 * The relay: smtps:// (TLS from the start) or smtp:// (STARTTLS, which
 * libcurl is then told to require).  Plain SMTP only to a relay on this
 * machine, for tests: a password or a subscriber's address in clear over
 * a network is what STARTTLS-required prevents.
 */
static int
check_smtp(struct notify_config *cfg, const char *url, char *err, size_t errlen)
{
	CURLU		*u;
	char		*scheme = NULL, *host = NULL;
	int		 rc = -1;

	if ((u = curl_url()) == NULL ||
	    curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		snprintf(err, errlen, "LANTERN_SMTP_URL is not a valid URL "
		    "(smtp://relay.example.com:587 or smtps://relay.example.com)");
		goto done;
	}
	if (strcmp(scheme, "smtp") != 0 && strcmp(scheme, "smtps") != 0) {
		snprintf(err, errlen, "LANTERN_SMTP_URL must start with smtp:// "
		    "(STARTTLS) or smtps:// (TLS)");
		goto done;
	}
	if (cfg->smtp_plain && (strcmp(scheme, "smtp") != 0 ||
	    (strcmp(host, "127.0.0.1") != 0 && strcmp(host, "[::1]") != 0 &&
	    strcmp(host, "localhost") != 0))) {
		snprintf(err, errlen, "LANTERN_SMTP_PLAIN=1 is only for an "
		    "smtp:// relay on loopback (127.0.0.1, ::1, localhost)");
		goto done;
	}
	rc = 0;
done:
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

/* The first line of the file named by LANTERN_SMTP_PASSWORD_FILE. */
static char *
read_secret(const char *path, char *err, size_t errlen)
{
	char		 buf[1024];
	struct stat	 st;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "LANTERN_SMTP_PASSWORD_FILE %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1 || (st.st_mode & (S_IRWXG | S_IRWXO))) {
		snprintf(err, errlen, "LANTERN_SMTP_PASSWORD_FILE %s: group or "
		    "others may read it (chmod 600)", path);
		close(fd);
		return NULL;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0) {
		snprintf(err, errlen, "LANTERN_SMTP_PASSWORD_FILE %s is empty", path);
		return NULL;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return xstrdup(buf);
}

/* "Name <a@b>" or "a@b": the address alone, or NULL if there is none. */
static char *
from_address(const char *from)
{
	const char	*lt = strrchr(from, '<'), *gt;
	char		*a;

	if (strpbrk(from, "\r\n") != NULL)
		return NULL;
	if (lt == NULL)
		a = xstrdup(from);
	else if ((gt = strchr(lt, '>')) == NULL || gt[1] != '\0')
		return NULL;
	else
		a = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	if (target_check_email(a) == -1) {
		free(a);
		return NULL;
	}
	return a;
}

void
notify_config_free(struct notify_config *cfg)
{
	free(cfg->database_url);
	free(cfg->smtp_url);
	free(cfg->smtp_user);
	if (cfg->smtp_password != NULL)
		explicit_bzero(cfg->smtp_password, strlen(cfg->smtp_password));
	free(cfg->smtp_password);
	free(cfg->mail_from);
	free(cfg->mail_from_addr);
	free(cfg->base_url);
	free(cfg->mail_host);
	explicit_bzero(&cfg->link_key, sizeof(cfg->link_key));
	memset(cfg, 0, sizeof(*cfg));
}

int
notify_config_load(struct notify_config *cfg, notify_config_lookup get,
    char *err, size_t errlen)
{
	PQconninfoOption	*opts;
	const char		*v, *h;
	char			 why[256], *pqerr = NULL;

	memset(cfg, 0, sizeof(*cfg));

	v = get("LANTERN_NOTIFY_DATABASE_URL");
	if (v == NULL || *v == '\0') {
		snprintf(err, errlen, "LANTERN_NOTIFY_DATABASE_URL is not set: it "
		    "must name the database as the lantern_notify role, e.g. "
		    "postgresql:///lantern?user=lantern_notify");
		goto fail;
	}
	if ((opts = PQconninfoParse(v, &pqerr)) == NULL) {
		/* libpq's message may quote the URL, password included. */
		snprintf(err, errlen, "LANTERN_NOTIFY_DATABASE_URL is not a valid "
		    "PostgreSQL connection string or URL");
		PQfreemem(pqerr);
		goto fail;
	}
	PQconninfoFree(opts);
	cfg->database_url = xstrdup(v);

	if (flag(get, "LANTERN_SMTP_PLAIN", &cfg->smtp_plain, err, errlen) == -1)
		goto fail;
	v = get("LANTERN_SMTP_URL");
	if (v != NULL && *v != '\0') {
		if (check_smtp(cfg, v, err, errlen) == -1)
			goto fail;
		cfg->smtp_url = xstrdup(v);
	}
	v = get("LANTERN_SMTP_USER");
	if (v != NULL && *v != '\0')
		cfg->smtp_user = xstrdup(v);
	v = get("LANTERN_SMTP_PASSWORD_FILE");
	if (v != NULL && *v != '\0') {
		if (cfg->smtp_user == NULL) {
			snprintf(err, errlen, "LANTERN_SMTP_PASSWORD_FILE is set "
			    "without LANTERN_SMTP_USER");
			goto fail;
		}
		if ((cfg->smtp_password = read_secret(v, err, errlen)) == NULL)
			goto fail;
	}

	v = get("LANTERN_MAIL_FROM");
	if (cfg->smtp_url != NULL && (v == NULL || *v == '\0')) {
		snprintf(err, errlen, "LANTERN_MAIL_FROM is not set: mail needs a "
		    "sender, e.g. Example Status <status@example.com>");
		goto fail;
	}
	if (v != NULL && *v != '\0') {
		if ((cfg->mail_from_addr = from_address(v)) == NULL) {
			snprintf(err, errlen, "LANTERN_MAIL_FROM must be an e-mail "
			    "address, or a name and <address>");
			goto fail;
		}
		cfg->mail_from = xstrdup(v);
	}

	if (config_base_url(get("LANTERN_BASE_URL"), &cfg->base_url, err,
	    errlen) == -1)
		goto fail;
	h = strstr(cfg->base_url, "://") + 3;
	cfg->mail_host = xstrndup(h, strcspn(h, ":/"));

	if (sign_key_load(&cfg->link_key, get("LANTERN_LINK_KEY_FILE"), why,
	    sizeof(why)) == -1) {
		snprintf(err, errlen, "LANTERN_LINK_KEY_FILE %s", why);
		goto fail;
	}

	if (number(get, "LANTERN_NOTIFY_CONCURRENCY", NOTIFY_CONCURRENCY_DEFAULT,
	    1, NOTIFY_CONCURRENCY_MAX, &cfg->concurrency, err, errlen) == -1 ||
	    number(get, "LANTERN_NOTIFY_RETRY_SECONDS",
	    NOTIFY_RETRY_SECONDS_DEFAULT, 1, 3600, &cfg->retry_seconds, err,
	    errlen) == -1 ||
	    flag(get, "LANTERN_NOTIFY_ALLOW_PRIVATE", &cfg->allow_private, err,
	    errlen) == -1)
		goto fail;
	return 0;
fail:
	notify_config_free(cfg);
	return -1;
}
