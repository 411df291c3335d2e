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
	NOTICE_POSTMORTEM,
	NOTICE_SCHEDULED,
	NOTICE_IN_PROGRESS,
	NOTICE_VERIFYING,
	NOTICE_COMPLETED,
};
#define NOTICE_STATUS_COUNT	(NOTICE_COMPLETED + 1)

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
 * Each *_parse() takes a word and gives its value, or -1 for a word that
 * is none; each *_input() gives the word a client may send for a value,
 * NULL for a value no client sets (see input_word()).
 */
int		 status_parse(const char *, enum component_status *);
const char	*status_name(enum component_status);	/* "major_outage" */
const char	*status_label(enum component_status);	/* "Major Outage" */
const char	*status_input(int);
/*
 * The one ranking of how bad things are, for components, impacts and the
 * banner alike: nothing, maintenance, minor, major, critical.
 */
int		 status_severity(enum component_status);
int		 indicator_severity(enum page_indicator);
const char	*indicator_name(enum page_indicator);	/* "critical" */

int		 notice_kind_parse(const char *, enum notice_kind *);
const char	*notice_kind_name(enum notice_kind);	/* "maintenance" */
const char	*notice_kind_noun(enum notice_kind);	/* "scheduled maintenance" */
/* The status a new notice of this kind starts in when none is given. */
enum notice_status notice_kind_first(enum notice_kind);

int		 notice_status_parse(const char *, enum notice_status *);
const char	*notice_status_name(enum notice_status);	/* "in_progress" */
const char	*notice_status_label(enum notice_status);	/* "In progress" */
const char	*notice_status_input(int);
enum notice_kind notice_status_kind(enum notice_status);
enum notice_phase notice_status_phase(enum notice_status);
/* What Statuspage writes when an update of this status comes without a text. */
const char	*notice_status_body(enum notice_status);

int		 impact_parse(const char *, enum impact *);
const char	*impact_name(enum impact);		/* "major" */
const char	*impact_label(enum impact);		/* "Major" */
const char	*impact_input(int);
enum page_indicator impact_indicator(enum impact);
/* Statuspage's impact from a component status: the same severity. */
enum impact	 impact_of_status(enum component_status);
/*
 * The banner: the worse of what the components say and what the open
 * incidents' impact says; maintenance in progress only when all is well.
 */
struct overall_status status_overall(const enum component_status *, size_t,
		    enum page_indicator worst_incident, int maintenance);

#endif
