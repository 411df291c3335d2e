/*
 * feed-history.c: the notice history as RSS 2.0 and Atom 1.0, for the page
 * (GET /history.rss, /history.atom) and for one component
 * (GET /components/{id}/history.rss, .atom).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "fmt.h"
#include "feeds.h"
#include "handlers.h"
#include "http.h"
#include "model.h"
#include "notices.h"
#include "snapshot.h"
#include "ui-shared.h"

enum feed_format { FEED_RSS, FEED_ATOM };

/* What one feed is about: its title, its own address, its page. */
struct feed {
	const char	*title;
	const char	*self;		/* absolute */
	const char	*alternate;	/* absolute, the HTML page */
};

const char *
feed_host(const struct request *req)
{
	const char	*h = strstr(req->cfg->base_url, "://") + 3;
	size_t		 n = strcspn(h, ":/");

	return arena_strndup(req->arena, h, n);
}

const char *
feed_notice_url(const struct request *req, const struct notice *n)
{
	return arena_printf(req->arena, "%s/incidents/%s", req->cfg->base_url, n->id);
}

const char *
feed_notice_id(const struct request *req, const struct notice *n)
{
	char	day[11];

	clock_utc_day((time_t)n->created_epoch, day);
	return arena_printf(req->arena, "tag:%s,%s:incidents/%s", feed_host(req),
	    day, n->id);
}

/* The entry's text: impact or schedule, then every update, as HTML. */
static const char *
entry_html(struct arena *a, const struct notice *n)
{
	struct buf	b;

	buf_init(&b, a);
	if (n->kind == KIND_MAINTENANCE)
		buf_fmt(&b, "<p>Scheduled maintenance: %h \xe2\x80\x93 %h</p>\n",
		    n->scheduled_for.display, n->scheduled_until.display);
	else
		buf_fmt(&b, "<p>Impact: %h</p>\n", impacts[n->impact].label);
	ui_notice_updates(&b, n, 2);
	return b.data;
}

static void
rss(struct buf *b, const struct request *req, const struct feed *f,
    const struct page *p, const struct notices *ns)
{
	const struct notice	*n;
	char			 date[30];
	size_t			 i;

	clock_http_date(p->updated, date);
	buf_fmt(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
	    "<channel>\n<title>%x</title>\n<link>%x</link>\n"
	    "<description>%x: incidents and scheduled maintenance</description>\n"
	    "<language>en</language>\n<lastBuildDate>%x</lastBuildDate>\n"
	    "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"%a\"/>\n",
	    f->title, f->alternate, f->title, date, f->self);
	for (i = 0; i < ns->n; i++) {
		n = &ns->items[i];
		clock_http_date((time_t)n->created_epoch, date);
		buf_fmt(b, "<item>\n<title>%x</title>\n<link>%x</link>\n"
		    "<guid isPermaLink=\"false\">%x</guid>\n<pubDate>%x</pubDate>\n"
		    "<atom:updated>%x</atom:updated>\n<description>%x</description>\n"
		    "</item>\n", n->name, feed_notice_url(req, n),
		    feed_notice_id(req, n), date, n->activity.iso,
		    entry_html(req->arena, n));
	}
	buf_puts(b, "</channel>\n</rss>\n");
}

static void
atom(struct buf *b, const struct request *req, const struct feed *f,
    const struct page *p, const struct notices *ns)
{
	const struct notice	*n;
	size_t			 i;

	buf_fmt(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
	    "<id>%x</id>\n<title>%x</title>\n<updated>%x</updated>\n"
	    "<link rel=\"self\" type=\"application/atom+xml\" href=\"%a\"/>\n"
	    "<link rel=\"alternate\" type=\"text/html\" href=\"%a\"/>\n"
	    "<author><name>%x</name></author>\n", f->self, f->title,
	    p->updated_iso, f->self, f->alternate, p->name);
	for (i = 0; i < ns->n; i++) {
		n = &ns->items[i];
		buf_fmt(b, "<entry>\n<id>%x</id>\n<title>%x</title>\n"
		    "<link rel=\"alternate\" type=\"text/html\" href=\"%a\"/>\n"
		    "<published>%x</published>\n<updated>%x</updated>\n"
		    "<content type=\"html\">%x</content>\n</entry>\n",
		    feed_notice_id(req, n), n->name, feed_notice_url(req, n),
		    n->created.iso, n->activity.iso, entry_html(req->arena, n));
	}
	buf_puts(b, "</feed>\n");
}

/*
 * The database away: a component's notices among the snapshot's newest,
 * rather than no feed at all while subscribers need it most.  Not kept:
 * the full answer comes back with the database.
 */
static void
touched_from_snapshot(struct request *req, struct response *resp,
    const char *component_id, struct notices *out)
{
	const struct notices	*recent = &req->snap->recent;
	const struct notice	*n;
	size_t			 i, u, k;
	int			 hit;

	out->items = arena_calloc(req->arena, recent->n + 1, sizeof(*out->items));
	out->n = out->total = 0;
	for (i = 0; i < recent->n && out->n < FEED_ITEMS; i++) {
		n = &recent->items[i];
		for (hit = 0, u = 0; u < n->nupdates && !hit; u++)
			for (k = 0; k < n->updates[u].nchanges && !hit; k++)
				hit = strcmp(n->updates[u].changes[k].component_id,
				    component_id) == 0;
		if (hit)
			out->items[out->n++] = *n;
	}
	out->total = out->n;
	resp->transient = 1;
}

static void
serve(struct request *req, struct response *resp, enum feed_format fmt,
    const char *component_id)
{
	const char		*ext = fmt == FEED_RSS ? "rss" : "atom";
	const struct snapshot	*s = req->snap;
	const struct model	*m = &s->model;
	const struct component	*c = NULL;
	const struct notices	*ns = &s->recent;
	struct notices		 touched;
	struct feed		 f;

	/* A component's feed is read once per snapshot: few are asked for. */
	if (component_id != NULL) {
		if ((c = model_component(m, component_id)) == NULL) {
			http_error(req, resp, 404, "There is no component with "
			    "this number on this status page.");
			return;
		}
		if (notices_load_component(req->db, req->arena, &m->page, c->id,
		    FEED_ITEMS, &touched) != MODEL_OK)
			touched_from_snapshot(req, resp, c->id, &touched);
		ns = &touched;
		f.title = arena_printf(req->arena, "%s status \xe2\x80\x93 %s",
		    m->page.name, c->name);
		f.self = arena_printf(req->arena, "%s/components/%s/history.%s",
		    req->cfg->base_url, c->id, ext);
	} else {
		f.title = arena_printf(req->arena, "%s status", m->page.name);
		f.self = arena_printf(req->arena, "%s/history.%s",
		    req->cfg->base_url, ext);
	}
	f.alternate = arena_printf(req->arena, "%s/history", req->cfg->base_url);

	resp->content_type = fmt == FEED_RSS ? "application/rss+xml; charset=utf-8" :
	    "application/atom+xml; charset=utf-8";
	resp->last_modified = m->page.updated;
	if (fmt == FEED_RSS)
		rss(&resp->body, req, &f, &m->page, ns);
	else
		atom(&resp->body, req, &f, &m->page, ns);
}

/*
 * GET /history.rss, /history.atom (and HEAD): the 50 newest incidents and
 * maintenance, newest first, each with every update as HTML.  Links come
 * from LANTERN_BASE_URL, never the Host header; entry ids never change.
 * 200/304, from the snapshot.
 */
void
feed_history_rss(struct request *req, struct response *resp)
{
	serve(req, resp, FEED_RSS, NULL);
}

void
feed_history_atom(struct request *req, struct response *resp)
{
	serve(req, resp, FEED_ATOM, NULL);
}

/*
 * GET /components/{id}/history.rss, .atom (and HEAD): the same, only the
 * notices that touched that component.  404 for an unknown component;
 * 503 when they cannot be read.
 */
void
feed_component_rss(struct request *req, struct response *resp)
{
	serve(req, resp, FEED_RSS, req->params[0]);
}

void
feed_component_atom(struct request *req, struct response *resp)
{
	serve(req, resp, FEED_ATOM, req->params[0]);
}
