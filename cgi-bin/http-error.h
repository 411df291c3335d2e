/* http-error.h: every error answer (http-error.c) */
#ifndef LANTERN_HTTP_ERROR_H
#define LANTERN_HTTP_ERROR_H

struct request;
struct response;

/*
 * An error in the shape the client asked for: JSON or an HTML page.  Under
 * /api/ (and wherever the handler set resp->cors) it stays readable
 * cross-origin, so a widget can show the error rather than a CORS failure.
 */
void	http_error(const struct request *, struct response *, int status,
	    const char *message);
/* An error naming the request field it is about: {"error", "field"}. */
void	http_error_field(const struct request *, struct response *, int status,
	    const char *message, const char *field);
/* 503s every reader may meet: no page set up yet; the database away. */
void	http_no_page(const struct request *, struct response *);
void	http_db_unavailable(const struct request *, struct response *);

#endif
