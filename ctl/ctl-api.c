/* ctl-api.c: lanternctl's client of the write API: settings, one HTTP call */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * HTTP and TLS come from libcurl: a reviewed, fuzzed and maintained
 * client that Debian patches, rather than a client of our own.
 */
#include <curl/curl.h>

#include "ctl-api.h"
#include "status.h"

#define CONNECT_TIMEOUT	5L		/* seconds */
#define TOTAL_TIMEOUT	30L		/* seconds, the whole request */
#define ANSWER_MAX	(8 * 1024 * 1024)	/* bytes of a response */
/* Attempts after the first: 0.5 + 1 + 2 + 4 s of waiting, with jitter. */
#define CTL_RETRIES	4
#define CTL_RETRIES_MAX	10
#define KEY_FILE_MAX	256		/* bytes: a key and white space */

int
ctl_api_component_status(const char *s)
{
	enum component_status	st;

	return status_parse(s, &st) == 0;
}

const char ctl_api_settings_help[] =
    "The server is --url or LANTERN_URL; the key LANTERN_API_KEY or\n"
    "--key-file (default $XDG_CONFIG_HOME/lantern/key, mode 600); the page\n"
    "--page or LANTERN_PAGE_ID, else the only page.";

const struct option ctl_api_longopts[] = {
	CTL_COMMON_OPTIONS,
	CTL_API_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

int
ctl_api_print_json(const struct ctl *ctl, json_object *ans)
{
	if (!ctl->json)
		return 0;
	if (ans != NULL)
		ctl_json_print(json_object_get(ans));
	else
		puts("{}");
	return 1;
}

json_object *
ctl_api_object(json_object *ans, const char *key)
{
	json_object	*obj;

	if (ans != NULL && json_object_object_get_ex(ans, key, &obj) &&
	    json_object_is_type(obj, json_type_object))
		return obj;
	return ans;
}

const char *
ctl_api_text(json_object *obj, const char *key, char *buf, size_t len)
{
	json_object	*v;
	const char	*s = "";
	size_t		 i;

	if (obj != NULL && json_object_object_get_ex(obj, key, &v) && v != NULL)
		s = json_object_get_string(v);
	snprintf(buf, len, "%s", s != NULL ? s : "");
	/* Text from the server never drives the terminal. */
	for (i = 0; buf[i] != '\0'; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
	return buf;
}

int
ctl_api_exit_code(long status)
{
	if (status >= 200 && status <= 299)
		return CTL_OK;
	switch (status) {
	case 400:
	case 409:
	case 413:
	case 415:
	case 422:
		return CTL_DATAERR;
	case 401:
	case 403:
		return CTL_NOPERM;
	case 404:
		return CTL_NOINPUT;
	case 429:
		return CTL_TEMPFAIL;
	default:
		return status >= 500 && status <= 599 ? CTL_UNAVAILABLE : CTL_FAIL;
	}
}

/*
 * http(s)://host[:port][/path]: a host name, an IPv4 address or an IPv6
 * one in brackets; a port 1..65535; a path without query or fragment.
 * Returns a copy without the slashes at the end, or NULL.
 */
static char *
url_check(const char *url)
{
	const char	*p, *host;
	char		*out, *end;
	unsigned long	 port;
	size_t		 n;

	if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else
		return NULL;
	host = p;
	if (*p == '[') {
		for (p++; isxdigit((unsigned char)*p) || *p == ':' || *p == '.'; p++)
			;
		if (*p++ != ']' || p - host < 4)
			return NULL;
	} else {
		for (; isalnum((unsigned char)*p) || *p == '-' || *p == '.'; p++)
			;
		if (p == host || *host == '-' || *host == '.')
			return NULL;
	}
	if (*p == ':') {
		if (!isdigit((unsigned char)p[1]))
			return NULL;
		errno = 0;
		port = strtoul(p + 1, &end, 10);
		if (errno != 0 || port < 1 || port > 65535)
			return NULL;
		p = end;
	}
	if (*p != '\0' && *p != '/')
		return NULL;
	for (; *p != '\0'; p++)
		if (!isgraph((unsigned char)*p) || *p == '?' || *p == '#' ||
		    *p == '\\')
			return NULL;
	if ((out = strdup(url)) == NULL)
		return NULL;
	n = strlen(out);
	while (n > 0 && out[n - 1] == '/')
		out[--n] = '\0';
	return out;
}

/* The key from a file only its owner can read, as ssh insists. */
static int
key_from_file(struct ctl_api *api, const char *path, int given)
{
	char		 buf[KEY_FILE_MAX + 1], *s, *e;
	struct stat	 st;
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd, rc = CTL_CONFIG;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1) {
		if (errno == ENOENT && !given)
			ctl_warnx("no API key: set LANTERN_API_KEY, or put the key "
			    "in %s (mode 600), or give --key-file FILE", path);
		else
			ctl_warnx("cannot open the key file %s: %s", path,
			    strerror(errno));
		return CTL_CONFIG;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		ctl_warnx("the key file %s is not a regular file", path);
		goto done;
	}
	if ((st.st_mode & 077) != 0) {
		ctl_warnx("the key file %s may be read by others (mode %04o): "
		    "it is ignored; run chmod 600 %s", path,
		    (unsigned)(st.st_mode & 07777), path);
		goto done;
	}
	while (got < sizeof(buf) - 1) {
		n = read(fd, buf + got, sizeof(buf) - 1 - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			ctl_warnx("cannot read the key file %s: %s", path,
			    strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	for (s = buf; isspace((unsigned char)*s); s++)
		;
	for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	if (!key_wellformed(s)) {
		ctl_warnx("the key file %s does not hold a key (lantern_ and "
		    "64 lowercase hex digits)", path);
		goto done;
	}
	memcpy(api->key, s, KEY_LEN + 1);
	rc = CTL_OK;
done:
	explicit_bzero(buf, sizeof(buf));
	close(fd);
	return rc;
}

static int
key_setting(const struct ctl *ctl, struct ctl_api *api)
{
	const char	*env, *home;
	char		 path[4096];

	if (ctl->key_file != NULL)
		return key_from_file(api, ctl->key_file, 1);
	if ((env = getenv("LANTERN_API_KEY")) != NULL) {
		if (!key_wellformed(env)) {
			ctl_warnx("LANTERN_API_KEY is not a key: it must be "
			    "lantern_ and 64 lowercase hex digits");
			return CTL_CONFIG;
		}
		memcpy(api->key, env, KEY_LEN + 1);
		return CTL_OK;
	}
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env == '/')
		snprintf(path, sizeof(path), "%s/lantern/key", env);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		snprintf(path, sizeof(path), "%s/.config/lantern/key", home);
	else {
		ctl_warnx("no API key: set LANTERN_API_KEY or give --key-file "
		    "FILE");
		return CTL_CONFIG;
	}
	return key_from_file(api, path, 0);
}

/* --retries: 0 to CTL_RETRIES_MAX, or -1. */
static int
retries(const char *s)
{
	char	*end;
	long	 n;

	if (*s < '0' || *s > '9')
		return -1;
	n = strtol(s, &end, 10);
	return *end == '\0' && n <= CTL_RETRIES_MAX ? (int)n : -1;
}

/*
 * The command's Idempotency-Key: --idempotency-key, so that a script that
 * runs the command again after a crash has it done once; else random.
 */
static int
idempotency_key(const struct ctl *ctl, struct ctl_api *api)
{
	const char	*k = ctl->idempotency_key;
	char		 fresh[KEY_LEN + 1];

	if (k != NULL) {
		if (*k == '\0' || strlen(k) >= sizeof(api->idem) - 8 ||
		    strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789._:-") != strlen(k)) {
			ctl_warnx("--idempotency-key must be 1 to 240 letters, "
			    "digits or . _ : -");
			return CTL_USAGE;
		}
		snprintf(api->idem, sizeof(api->idem), "%s", k);
		return CTL_OK;
	}
	if (key_generate(fresh) == -1) {
		ctl_warnx("no random numbers from the kernel: %s",
		    strerror(errno));
		return CTL_FAIL;
	}
	snprintf(api->idem, sizeof(api->idem), "%s", fresh + KEY_PREFIX_LEN);
	explicit_bzero(fresh, sizeof(fresh));
	return CTL_OK;
}

int
ctl_api_open(struct ctl *ctl, const char *cmd, struct ctl_api *api,
    int flags)
{
	const char	*url = ctl->url, *page = ctl->page, *what;
	json_object	*st = NULL, *pg, *id;
	int		 rc;

	memset(api, 0, sizeof(*api));
	api->cmd = cmd;
	what = url != NULL ? "--url" : "LANTERN_URL";
	if (url == NULL && ((url = getenv("LANTERN_URL")) == NULL || *url == '\0')) {
		ctl_warnx("LANTERN_URL is not set: it must name the status page "
		    "server, e.g. http://127.0.0.1:8080 (or give --url)");
		return CTL_CONFIG;
	}
	if ((api->url = url_check(url)) == NULL) {
		ctl_warnx("%s is not an http(s)://host[:port][/path] URL", what);
		return CTL_CONFIG;
	}
	/* Public reads need no key, and send nothing to be done once. */
	if (!(flags & CTL_API_PUBLIC) &&
	    ((rc = key_setting(ctl, api)) != CTL_OK ||
	    (rc = idempotency_key(ctl, api)) != CTL_OK))
		return rc;
	api->retries = CTL_RETRIES;
	if (ctl->retries != NULL && ((api->retries = retries(ctl->retries)) == -1)) {
		ctl_warnx("--retries must be a whole number from 0 to %d",
		    CTL_RETRIES_MAX);
		return CTL_USAGE;
	}
	what = page != NULL ? "--page" : "LANTERN_PAGE_ID";
	if (page == NULL && (page = getenv("LANTERN_PAGE_ID")) != NULL &&
	    *page == '\0')
		page = NULL;
	if (page != NULL && ctl_parse_id(page, api->page, sizeof(api->page)) == -1) {
		ctl_warnx("%s is not a page id, a positive whole number", what);
		return CTL_CONFIG;
	}
	if ((api->curl = curl_easy_init()) == NULL) {
		ctl_warnx("cannot start libcurl");
		return CTL_FAIL;
	}
	if (!(flags & CTL_API_PAGE) || *api->page != '\0')
		return CTL_OK;

	/* The only page: the one the public API describes. */
	if ((rc = ctl_api_call(api, "GET", "/api/v2/status.json", NULL,
	    &st)) != CTL_OK)
		return rc;
	if (!json_object_object_get_ex(st, "page", &pg) ||
	    !json_object_object_get_ex(pg, "id", &id) ||
	    !json_object_is_type(id, json_type_string) ||
	    ctl_parse_id(json_object_get_string(id), api->page,
	    sizeof(api->page)) == -1) {
		ctl_warnx("%s/api/v2/status.json names no page id: give --page "
		    "or LANTERN_PAGE_ID", api->url);
		rc = CTL_CONFIG;
	}
	json_object_put(st);
	return rc;
}

void
ctl_api_close(struct ctl_api *api)
{
	explicit_bzero(api->key, sizeof(api->key));
	if (api->curl != NULL)
		curl_easy_cleanup(api->curl);
	api->curl = NULL;
	free(api->url);
	api->url = NULL;
	json_object_put(api->components);
	api->components = NULL;
}

struct answer {
	char	*buf;
	size_t	 len;
	int	 too_big;
};

static size_t
answer_write(char *data, size_t size, size_t nmemb, void *arg)
{
	struct answer	*a = arg;
	size_t		 n = size * nmemb;
	char		*p;

	if (n > ANSWER_MAX - a->len) {
		a->too_big = 1;
		return 0;	/* stops the transfer */
	}
	if ((p = realloc(a->buf, a->len + n + 1)) == NULL)
		return 0;
	a->buf = p;
	memcpy(a->buf + a->len, data, n);
	a->len += n;
	a->buf[a->len] = '\0';
	return n;
}

/* A whole body as one JSON value, or NULL. */
static json_object *
parse_answer(const struct answer *a)
{
	struct json_tokener	*tok;
	json_object		*obj;

	if (a->len == 0 || (tok = json_tokener_new()) == NULL)
		return NULL;
	obj = json_tokener_parse_ex(tok, a->buf, (int)a->len);
	if (obj != NULL && json_tokener_get_error(tok) == json_tokener_success &&
	    (size_t)json_tokener_get_parse_end(tok) < a->len &&
	    strspn(a->buf + json_tokener_get_parse_end(tok), " \t\r\n") !=
	    a->len - json_tokener_get_parse_end(tok)) {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

/* Says why the server refused, in its words: "error (field f)". */
static void
report_refusal(const struct ctl_api *api, long status, json_object *obj)
{
	char	msg[512], fld[128];

	ctl_api_text(obj, "error", msg, sizeof(msg));
	ctl_api_text(obj, "field", fld, sizeof(fld));
	if (*msg == '\0') {
		switch (status) {
		case 401:
		case 403:
			snprintf(msg, sizeof(msg), "the server refused the key");
			break;
		case 404:
			snprintf(msg, sizeof(msg), "not found");
			break;
		case 429:
			snprintf(msg, sizeof(msg), "too many requests; try again "
			    "later");
			break;
		default:
			snprintf(msg, sizeof(msg), "the server answered");
			break;
		}
		ctl_warnx("%s: %s (HTTP %ld)", api->cmd, msg, status);
	} else if (*fld != '\0')
		ctl_warnx("%s (field %s)", msg, fld);
	else
		ctl_warnx("%s", msg);
}

/* Wipes and frees a header list that held the key. */
static void
headers_free(struct curl_slist *h)
{
	struct curl_slist	*p;

	for (p = h; p != NULL; p = p->next)
		explicit_bzero(p->data, strlen(p->data));
	curl_slist_free_all(h);
}

static struct curl_slist *
header_add(struct curl_slist *h, const char *line, int *failed)
{
	struct curl_slist	*n;

	if (*failed)
		return h;
	if ((n = curl_slist_append(h, line)) == NULL) {
		*failed = 1;
		return h;
	}
	return n;
}

/*
 * Whether an attempt's outcome is worth another: the server busy (429),
 * unavailable (502-504: its database away, the program restarting), or
 * the connection lost before an answer came.  Safe for every method: a
 * POST carries the same Idempotency-Key each time.
 */
static int
retryable(CURLcode cc, long status)
{
	switch (cc) {
	case CURLE_OK:
		return status == 429 || status == 502 || status == 503 ||
		    status == 504;
	case CURLE_COULDNT_CONNECT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
		return 1;
	default:
		return 0;
	}
}

/* Sleeps before attempt n (1, 2, ...): 0.5 s doubling, with jitter. */
static void
back_off(const struct ctl_api *api, int n, long status)
{
	unsigned char	r = 0;
	long		ms = 500L << (n - 1);

	if (getrandom(&r, 1, 0) == 1)
		ms += ms * r / 512;
	if (status != 0)
		ctl_warnx("%s: HTTP %ld from %s; trying again in %.1f s",
		    api->cmd, status, api->url, ms / 1000.0);
	else
		ctl_warnx("%s: no answer from %s; trying again in %.1f s",
		    api->cmd, api->url, ms / 1000.0);
	usleep((useconds_t)ms * 1000);
}

/* The full URL of a path under the base URL, or NULL (reported). */
static char *
full_url(const struct ctl_api *api, const char *path)
{
	char	*url;
	size_t	 n;

	n = strlen(api->url) + strlen(path) + 1;
	if ((url = malloc(n)) == NULL) {
		ctl_warnx("out of memory");
		return NULL;
	}
	snprintf(url, n, "%s%s", api->url, path);
	return url;
}

/*
 * One request and its retries, up to an answer: CTL_OK with *a and
 * *status whatever the status; else CTL_UNAVAILABLE or CTL_FAIL with the
 * reason printed.  *a is the caller's to free either way.
 */
static int
transfer(struct ctl_api *api, const char *method, const char *path,
    struct curl_slist *hdr, const char *text, struct answer *a, long *status)
{
	char		 err[CURL_ERROR_SIZE];
	char		*url;
	CURL		*c = api->curl;
	CURLcode	 cc;
	int		 attempt;

	if ((url = full_url(api, path)) == NULL)
		return CTL_FAIL;
	for (attempt = 0;; attempt++) {
		curl_easy_reset(c);
		*err = '\0';
		free(a->buf);
		*a = (struct answer){ NULL, 0, 0 };
		*status = 0;
		if (curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_TIMEOUT, TOTAL_TIMEOUT) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, answer_write) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_WRITEDATA, a) != CURLE_OK ||
		    (strcmp(method, "GET") == 0 &&
		     curl_easy_setopt(c, CURLOPT_HTTPGET, 1L) != CURLE_OK) ||
		    (text != NULL &&
		     (curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(text)) != CURLE_OK ||
		      curl_easy_setopt(c, CURLOPT_POSTFIELDS, text) != CURLE_OK))) {
			ctl_warnx("cannot set up the request (libcurl)");
			free(url);
			return CTL_FAIL;
		}
		cc = curl_easy_perform(c);
		/* The options pointed at these; nothing may use them after. */
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
		curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
		if (cc == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
		if (attempt >= api->retries || a->too_big || !retryable(cc, *status))
			break;
		back_off(api, attempt + 1, *status);
	}
	free(url);
	if (cc == CURLE_OK)
		return CTL_OK;
	if (a->too_big)
		ctl_warnx("%s: the answer from %s%s is larger than %d bytes",
		    api->cmd, api->url, path, ANSWER_MAX);
	else if (cc == CURLE_OUT_OF_MEMORY)
		ctl_warnx("out of memory");
	else
		ctl_warnx("%s: cannot reach %s: %s", api->cmd, api->url,
		    *err != '\0' ? err : curl_easy_strerror(cc));
	return cc == CURLE_OUT_OF_MEMORY || a->too_big ? CTL_FAIL :
	    CTL_UNAVAILABLE;
}

int
ctl_api_call(struct ctl_api *api, const char *method, const char *path,
    json_object *body, json_object **out)
{
	struct curl_slist	*hdr = NULL;
	struct answer		 a = { NULL, 0, 0 };
	json_object		*obj = NULL;
	const char		*text = NULL;
	char			 line[320];
	long			 status = 0;
	int			 rc = CTL_FAIL, failed = 0;

	*out = NULL;
	hdr = header_add(hdr, "Accept: application/json", &failed);
	hdr = header_add(hdr, "User-Agent: lanternctl/" PACKAGE_VERSION, &failed);
	/* No "Expect: 100-continue" round trip for a small body. */
	hdr = header_add(hdr, "Expect:", &failed);
	if (strncmp(path, "/v1/", 4) == 0 && *api->key != '\0') {
		/* Statuspage's scheme: "Authorization: OAuth <key>". */
		snprintf(line, sizeof(line), "Authorization: OAuth %s", api->key);
		hdr = header_add(hdr, line, &failed);
		explicit_bzero(line, sizeof(line));
	}
	if (body != NULL) {
		text = json_object_to_json_string_ext(body,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		hdr = header_add(hdr, "Content-Type: application/json", &failed);
	}
	if (strcmp(method, "POST") == 0) {
		/*
		 * The command's key, the same on every attempt, so that a
		 * retry is done once; a second POST of the command gets "-2".
		 */
		if (api->posts++ == 0)
			snprintf(line, sizeof(line), "Idempotency-Key: %s",
			    api->idem);
		else
			snprintf(line, sizeof(line), "Idempotency-Key: %s-%d",
			    api->idem, api->posts);
		hdr = header_add(hdr, line, &failed);
	}
	if (failed) {
		ctl_warnx("out of memory");
		goto done;
	}
	if ((rc = transfer(api, method, path, hdr, text, &a, &status)) != CTL_OK)
		goto done;
	obj = parse_answer(&a);
	if ((rc = ctl_api_exit_code(status)) != CTL_OK) {
		report_refusal(api, status,
		    json_object_is_type(obj, json_type_object) ? obj : NULL);
		goto done;
	}
	if (a.len > 0 && obj == NULL) {
		ctl_warnx("%s: the answer from %s is not JSON (HTTP %ld)",
		    api->cmd, api->url, status);
		rc = CTL_FAIL;
		goto done;
	}
	*out = obj;
	obj = NULL;
done:
	json_object_put(obj);
	headers_free(hdr);
	free(a.buf);
	return rc;
}

int
ctl_api_get(struct ctl_api *api, const char *path, int missing_ok,
    struct ctl_api_body *out)
{
	struct curl_slist	*hdr = NULL;
	struct answer		 a = { NULL, 0, 0 };
	long			 status = 0;
	int			 rc = CTL_FAIL, failed = 0;

	*out = (struct ctl_api_body){ NULL, 0 };
	/* No Accept-Encoding: the bytes as the server has them. */
	hdr = header_add(hdr, "User-Agent: lanternctl/" PACKAGE_VERSION, &failed);
	if (failed) {
		ctl_warnx("out of memory");
		goto done;
	}
	if ((rc = transfer(api, "GET", path, hdr, NULL, &a, &status)) != CTL_OK)
		goto done;
	if ((rc = ctl_api_exit_code(status)) != CTL_OK) {
		if (!(missing_ok && status == 404))
			ctl_warnx("%s: %s%s answered HTTP %ld", api->cmd,
			    api->url, path, status);
		goto done;
	}
	/* An empty body is still a string. */
	if (a.buf == NULL && (a.buf = strdup("")) == NULL) {
		ctl_warnx("out of memory");
		rc = CTL_FAIL;
		goto done;
	}
	out->data = a.buf;
	out->len = a.len;
	a.buf = NULL;
done:
	curl_slist_free_all(hdr);
	free(a.buf);
	return rc;
}

int
ctl_api_component(struct ctl_api *api, const char *arg, char *id,
    size_t idlen)
{
	json_object	*list, *c, *v;
	const char	*found = NULL, *cid, *name;
	size_t		 i, n;
	int		 rc, byname = 0, isgroup;

	if (api->components == NULL && (rc = ctl_api_call(api, "GET",
	    "/api/v2/components.json", NULL, &api->components)) != CTL_OK)
		return rc;
	if (!json_object_object_get_ex(api->components, "components", &list) ||
	    !json_object_is_type(list, json_type_array)) {
		ctl_warnx("%s: %s/api/v2/components.json lists no components",
		    api->cmd, api->url);
		return CTL_FAIL;
	}
	n = json_object_array_length(list);
	for (i = 0; i < n; i++) {
		c = json_object_array_get_idx(list, i);
		if (!json_object_object_get_ex(c, "id", &v) ||
		    (cid = json_object_get_string(v)) == NULL)
			continue;
		isgroup = json_object_object_get_ex(c, "group", &v) &&
		    json_object_get_boolean(v);
		/* An id is exact and wins over any name. */
		if (strcmp(cid, arg) == 0) {
			if (isgroup)
				break;
			snprintf(id, idlen, "%s", cid);
			return CTL_OK;
		}
		if (isgroup || !json_object_object_get_ex(c, "name", &v) ||
		    (name = json_object_get_string(v)) == NULL ||
		    strcasecmp(name, arg) != 0)
			continue;
		if (found != NULL && strcmp(found, cid) != 0)
			byname = 2;
		else {
			found = cid;
			byname = 1;
		}
	}
	if (byname == 1) {
		snprintf(id, idlen, "%s", found);
		return CTL_OK;
	}
	if (byname == 2)
		ctl_warnx("%s: more than one component is named '%s': give its "
		    "id", api->cmd, arg);
	else
		ctl_warnx("%s: no component '%s' (a group cannot be set; see "
		    "%s/api/v2/components.json)", api->cmd, arg, api->url);
	return CTL_DATAERR;
}

int
ctl_api_read_file(const char *cmd, const char *path, size_t max, char **out)
{
	FILE	*f;
	char	*buf;
	size_t	 n;
	int	 rc = CTL_OK;

	*out = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		ctl_warnx("%s: cannot open %s: %s", cmd, path, strerror(errno));
		return errno == ENOENT ? CTL_NOINPUT : CTL_FAIL;
	}
	if ((buf = malloc(max + 1)) == NULL) {
		fclose(f);
		ctl_warnx("out of memory");
		return CTL_FAIL;
	}
	n = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		ctl_warnx("%s: cannot read %s: %s", cmd, path, strerror(errno));
		rc = CTL_FAIL;
	} else if (n > max) {
		ctl_warnx("%s: %s is larger than %zu bytes", cmd, path, max);
		rc = CTL_DATAERR;
	} else if (memchr(buf, '\0', n) != NULL) {
		ctl_warnx("%s: %s is not a text file", cmd, path);
		rc = CTL_DATAERR;
	}
	fclose(f);
	if (rc != CTL_OK) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*out = buf;
	return CTL_OK;
}
