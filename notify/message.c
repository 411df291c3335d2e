/* message.c: an event's payload read into the words and links every format draws */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "clock.h"
#include "json.h"
#include "message.h"
#include "notify-config.h"
#include "sign.h"
#include "status.h"

static const char *const channel_names[] = {
	[CHANNEL_EMAIL] = "email",
	[CHANNEL_WEBHOOK] = "webhook",
	[CHANNEL_SLACK] = "slack",
	[CHANNEL_TEAMS] = "teams",
	[CHANNEL_DISCORD] = "discord",
};

static const char *const kind_names[] = {
	[EVENT_INCIDENT] = "incident",
	[EVENT_COMPONENT] = "component",
	[EVENT_CONFIRMATION] = "confirmation",
};

int
channel_parse(const char *s, enum channel *out)
{
	int	i = word_find(channel_names, sizeof(channel_names) /
		    sizeof(channel_names[0]), sizeof(channel_names[0]), s);

	if (i < 0)
		return -1;
	*out = (enum channel)i;
	return 0;
}

int
event_kind_parse(const char *s, enum event_kind *out)
{
	int	i = word_find(kind_names, sizeof(kind_names) /
		    sizeof(kind_names[0]), sizeof(kind_names[0]), s);

	if (i < 0)
		return -1;
	*out = (enum event_kind)i;
	return 0;
}

const char *
message_one_line(struct arena *a, const char *s)
{
	char	*o, *p;

	if (s == NULL)
		return NULL;
	o = arena_strdup(a, s);
	for (p = o; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return o;
}

/* o's member k as a string, or NULL. */
static const char *
str(json_object *o, const char *k)
{
	json_object	*v;

	if (o == NULL || !json_object_object_get_ex(o, k, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *
obj(json_object *o, const char *k)
{
	json_object	*v;

	if (o == NULL || !json_object_object_get_ex(o, k, &v) ||
	    !json_object_is_type(v, json_type_object))
		return NULL;
	return v;
}

/* A component status word in the page's words: "major_outage" is "Major Outage". */
static const char *
component_label(const char *word)
{
	enum component_status	s;

	if (word == NULL || status_parse(word, &s) == -1)
		return word;
	return status_label(s);
}

static const char *
link(struct arena *a, const struct notify_config *cfg, long long id,
    const char *purpose)
{
	char	out[2048];

	if (subscriber_link(&cfg->link_key, cfg->base_url, id, purpose, out,
	    sizeof(out)) < 0)
		return NULL;
	return arena_strdup(a, out);
}

/* The update this event is about: the one it names, else the newest (Statuspage lists them newest first). */
static json_object *
latest_update(json_object *incident, long long update_id)
{
	json_object	*list, *u, *first = NULL, *id;
	size_t		 i, n;
	char		 want[32];

	if (incident == NULL || !json_object_object_get_ex(incident,
	    "incident_updates", &list) || !json_object_is_type(list,
	    json_type_array))
		return NULL;
	snprintf(want, sizeof(want), "%lld", update_id);
	n = json_object_array_length(list);
	for (i = 0; i < n; i++) {
		u = json_object_array_get_idx(list, i);
		if (!json_object_is_type(u, json_type_object))
			continue;
		if (first == NULL)
			first = u;
		if (update_id > 0 && json_object_object_get_ex(u, "id", &id) &&
		    strcmp(json_object_get_string(id), want) == 0)
			return u;
	}
	return first;
}

static int
build_incident(struct message *m, struct arena *a, json_object *incident,
    char *err, size_t errlen)
{
	enum notice_status	 ns;
	enum impact		 imp;
	json_object		*u;
	const char		*word, *at;
	long long		 epoch;
	char			 when[24];

	if (incident == NULL || (m->incident_name = str(incident, "name")) == NULL) {
		snprintf(err, errlen, "the event's payload has no incident name");
		return -1;
	}
	u = latest_update(incident, m->d->incident_update_id);
	word = str(u, "status");
	if (word == NULL)
		word = str(incident, "status");
	m->status_label = word != NULL && notice_status_parse(word, &ns) == 0 ?
	    notice_statuses[ns].label : word;
	word = str(incident, "impact");
	if (word != NULL && impact_parse(word, &imp) == 0 && imp != IMPACT_NONE)
		m->impact_label = impacts[imp].label;
	m->update_body = str(u, "body");
	if ((at = str(u, "display_at")) == NULL)
		at = str(u, "created_at");
	if (at != NULL && clock_time_parse(at, strlen(at), &epoch) ==
	    CLOCK_TIME_OK) {
		clock_utc_text((time_t)epoch, when);
		m->update_time = arena_strdup(a, when);
	}
	if (m->d->incident_id > 0)
		m->subject_url = arena_printf(a, "%s/incidents/%lld",
		    m->page_url, m->d->incident_id);
	m->subject = arena_printf(a, "[%s] %s", m->page_name, m->incident_name);
	if (m->status_label != NULL)
		m->subject = arena_printf(a, "%s: %s", m->subject,
		    m->status_label);
	m->summary = arena_printf(a, "%s: %s", m->status_label != NULL ?
	    m->status_label : "Update", m->incident_name);
	return 0;
}

static int
build_component(struct message *m, struct arena *a, char *err, size_t errlen)
{
	json_object	*cu = obj(m->payload, "component_update");
	json_object	*c = obj(m->payload, "component");

	if ((m->component_name = str(c, "name")) == NULL || cu == NULL) {
		snprintf(err, errlen, "the event's payload has no component "
		    "or component_update");
		return -1;
	}
	m->old_status = component_label(str(cu, "old_status"));
	m->new_status = component_label(str(cu, "new_status"));
	if (m->new_status == NULL)
		m->new_status = component_label(str(c, "status"));
	m->subject = arena_printf(a, "[%s] %s: %s", m->page_name,
	    m->component_name, m->new_status != NULL ? m->new_status : "changed");
	m->summary = arena_printf(a, "%s is now %s", m->component_name,
	    m->new_status != NULL ? m->new_status : "changed");
	return 0;
}

int
message_build(struct message *m, struct arena *a,
    const struct notify_config *cfg, const struct delivery *d, char *err,
    size_t errlen)
{
	enum json_tokener_error	jerr;

	memset(m, 0, sizeof(*m));
	m->d = d;
	m->payload = json_own(a, json_tokener_parse_verbose(d->payload, &jerr));
	if (m->payload == NULL || !json_object_is_type(m->payload,
	    json_type_object)) {
		snprintf(err, errlen, "the event's payload is not a JSON object");
		return -1;
	}
	m->page_name = message_one_line(a, d->page_name);
	m->page_status = str(obj(m->payload, "page"), "status_description");
	m->page_url = cfg->base_url;
	m->subject_url = cfg->base_url;
	m->confirm_url = link(a, cfg, d->subscriber_id, "confirm");
	m->manage_url = link(a, cfg, d->subscriber_id, "manage");
	m->unsubscribe_url = link(a, cfg, d->subscriber_id, "unsubscribe");
	if (m->confirm_url == NULL || m->manage_url == NULL ||
	    m->unsubscribe_url == NULL) {
		snprintf(err, errlen, "the subscriber's links cannot be signed");
		return -1;
	}
	switch (d->kind) {
	case EVENT_INCIDENT:
		if (build_incident(m, a, obj(m->payload, "incident"), err,
		    errlen) == -1)
			return -1;
		break;
	case EVENT_COMPONENT:
		if (build_component(m, a, err, errlen) == -1)
			return -1;
		break;
	case EVENT_CONFIRMATION:
		m->subject = arena_printf(a, "[%s] Confirm your subscription",
		    m->page_name);
		m->summary = arena_printf(a, "Confirm your subscription to %s",
		    m->page_name);
		break;
	}
	m->subject = message_one_line(a, m->subject);
	m->summary = message_one_line(a, m->summary);
	return 0;
}
