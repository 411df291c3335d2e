/*
 * status.h: the vocabulary of a status page, one enum and one table each:
 * component statuses, incident and maintenance statuses, kinds and
 * impacts, and the page's overall status derived from them.  Words are
 * parsed into these enums once, where they come in (the database, a
 * request body, lanternctl's options); everything past that switches on
 * the enum, so -Wswitch names every place a new value must reach.
 */
#ifndef LANTERN_STATUS_H
#define LANTERN_STATUS_H

#include <stddef.h>

/* Ordered by how bad they look on the page, maintenance apart. */
enum component_status {
	STATUS_OPERATIONAL,
	STATUS_DEGRADED_PERFORMANCE,
	STATUS_PARTIAL_OUTAGE,
	STATUS_MAJOR_OUTAGE,
	STATUS_UNDER_MAINTENANCE,
};

/* Statuspage's page indicator. */
enum page_indicator {
	INDICATOR_NONE,
	INDICATOR_MINOR,
	INDICATOR_MAJOR,
	INDICATOR_CRITICAL,
	INDICATOR_MAINTENANCE,
};

/* Incident or scheduled maintenance: a notice's kind. */
enum notice_kind {
	KIND_INCIDENT,
	KIND_MAINTENANCE,
};

/*
 * An incident's or a maintenance's status, as Statuspage names them; each
 * belongs to one kind, but postmortem (set by publishing one, never sent
 * by a client).  The SQL that moves maintenance by itself (the ticker's)
 * and the incidents table's times name some of these as literals:
 * grep for the names when adding one.
 */
enum notice_status {
	NOTICE_INVESTIGATING,
	NOTICE_IDENTIFIED,
	NOTICE_MONITORING,
	NOTICE_RESOLVED,
	NOTICE_SCHEDULED,
	NOTICE_IN_PROGRESS,
	NOTICE_VERIFYING,
	NOTICE_COMPLETED,
	NOTICE_POSTMORTEM,	/* last: the statuses before it are a client's */
};
#define NOTICE_STATUS_INPUTS	NOTICE_POSTMORTEM
#define NOTICE_STATUS_COUNT	(NOTICE_POSTMORTEM + 1)

/* Where a notice stands: open until over. */
enum notice_phase {
	PHASE_TO_COME,		/* maintenance scheduled, not begun */
	PHASE_UNDER_WAY,
	PHASE_OVER,
};

/* An incident's impact, Statuspage's words. */
enum impact {
	IMPACT_NONE,
	IMPACT_MINOR,
	IMPACT_MAJOR,
	IMPACT_CRITICAL,
};
#define IMPACT_COUNT		(IMPACT_CRITICAL + 1)

struct overall_status {
	enum page_indicator	 indicator;
	const char		*description;	/* "All Systems Operational" */
};

#define STATUS_COUNT		(STATUS_UNDER_MAINTENANCE + 1)

/*
 * The tables, indexed by the enums (as kcgi's pages[] by enum page).
 * Every row begins with its word, the API's and the database's, which
 * status_parse() and the rest read, and input_word() (input.h) offers.
 */
struct component_status_word {
	const char		*name;		/* "major_outage" */
	const char		*label;		/* "Major Outage" */
	enum page_indicator	 indicator;	/* what it says on the banner */
};
extern const struct component_status_word component_statuses[STATUS_COUNT];

struct notice_kind_word {
	const char		*name;		/* "maintenance" */
	const char		*noun;		/* "scheduled maintenance" */
	enum notice_status	 first;		/* where a new one starts */
};
extern const struct notice_kind_word notice_kinds[KIND_MAINTENANCE + 1];

struct notice_status_word {
	const char		*name;		/* "in_progress" */
	const char		*label;		/* "In progress" */
	enum notice_kind	 kind;
	enum notice_phase	 phase;		/* open until PHASE_OVER */
	const char		*body;		/* Statuspage's text for an update
						   that comes without one */
};
extern const struct notice_status_word notice_statuses[NOTICE_STATUS_COUNT];

struct impact_word {
	const char		*name;		/* "major" */
	const char		*label;		/* "Major" */
	enum page_indicator	 indicator;
};
extern const struct impact_word impacts[IMPACT_COUNT];

/* A word into its value: 0, or -1 for a word that is none. */
int		 status_parse(const char *, enum component_status *);
int		 notice_kind_parse(const char *, enum notice_kind *);
int		 notice_status_parse(const char *, enum notice_status *);
int		 impact_parse(const char *, enum impact *);
/* The index of the row of table (n rows of size bytes) named s, or -1. */
int		 word_find(const void *table, size_t n, size_t size,
		    const char *s);

const char	*status_name(enum component_status);	/* "major_outage" */
const char	*status_label(enum component_status);	/* "Major Outage" */
/*
 * The one ranking of how bad things are, for components, impacts and the
 * banner alike: nothing, maintenance, minor, major, critical.
 */
int		 status_severity(enum component_status);
int		 indicator_severity(enum page_indicator);
const char	*indicator_name(enum page_indicator);	/* "critical" */
/* Statuspage's impact from a component status: the same severity. */
enum impact	 impact_of_status(enum component_status);
/*
 * The banner: the worse of what the components say and what the open
 * incidents' impact says; maintenance in progress only when all is well.
 */
struct overall_status status_overall(const enum component_status *, size_t,
		    enum page_indicator worst_incident, int maintenance);

#endif
