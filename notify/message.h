/*
 * message.h: one delivery as every format reads it.  The event's payload
 * (Statuspage's webhook body without "meta", written by the program in the
 * transaction that gave cause) is read once into this, with the words
 * readers see and the subscriber's signed links; the mail, webhook and
 * chat writers draw from it alone.
 */
#ifndef LANTERN_NOTIFY_MESSAGE_H
#define LANTERN_NOTIFY_MESSAGE_H

#include <json-c/json.h>

struct arena;
struct notify_config;

enum channel {
	CHANNEL_EMAIL,
	CHANNEL_WEBHOOK,
	CHANNEL_SLACK,
	CHANNEL_TEAMS,
	CHANNEL_DISCORD
};

enum event_kind {
	EVENT_INCIDENT,
	EVENT_COMPONENT,
	EVENT_CONFIRMATION
};

/* A claimed delivery, as the database hands it over. */
struct delivery {
	long long	 id;
	long long	 subscriber_id;
	long long	 incident_id;		/* 0: none */
	long long	 incident_update_id;	/* 0: none */
	int		 attempts;		/* this one included */
	enum channel	 channel;
	enum event_kind	 kind;
	const char	*address;
	const char	*secret;
	const char	*payload;		/* the event's JSON */
	const char	*page_name;
};

struct message {
	const struct delivery *d;
	json_object	*payload;	/* parsed, owned by the arena */
	const char	*page_name;
	const char	*page_status;	/* "All Systems Operational" */
	/* An incident (or maintenance): */
	const char	*incident_name;
	const char	*status_label;	/* "Investigating", of the latest update */
	const char	*impact_label;	/* "Major", NULL for none */
	const char	*update_body;	/* Markdown, the latest update's */
	const char	*update_time;	/* "2026-01-19 06:02:00 UTC" */
	/* A component's change: */
	const char	*component_name;
	const char	*old_status;	/* "Operational" */
	const char	*new_status;	/* "Major Outage" */
	/* Links, absolute, from LANTERN_BASE_URL: */
	const char	*page_url;
	const char	*subject_url;	/* the incident's page, else page_url */
	const char	*confirm_url;
	const char	*manage_url;
	const char	*unsubscribe_url;
	const char	*subject;	/* one line, for Subject: and chat titles */
	const char	*summary;	/* "Major Outage: Database", one line */
};

int		 channel_parse(const char *, enum channel *);
int		 event_kind_parse(const char *, enum event_kind *);

/* d's message, in arena a: 0, or -1 with why in err (a payload not of the contract's shape). */
int		 message_build(struct message *, struct arena *a,
		    const struct notify_config *, const struct delivery *d,
		    char *err, size_t errlen);

/* s with every control (newlines included) as one space: a header's or a title's text. */
const char	*message_one_line(struct arena *, const char *s);

#endif
