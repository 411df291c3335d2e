/*
 * tape.h: the answers a snapshot was built from, kept on disk.  While a
 * snapshot is built, db_query() records every result on a tape; the tape
 * is then saved atomically (temporary file, fsync, rename).  A program
 * started while the database cannot be reached builds its first snapshot
 * by playing the tape back through the same loader, so a restart during
 * an outage still serves the page as it last was.
 */
#ifndef LANTERN_TAPE_H
#define LANTERN_TAPE_H

#include <time.h>

#include <libpq-fe.h>

struct tape;

struct tape	*tape_new(void);
void		 tape_free(struct tape *);
/* Records one statement's result; a failure to grow spoils the tape. */
void		 tape_record(struct tape *, const char *stmt, const PGresult *);
/* Writes the tape to path, read at `built`; -1 (logged) on failure. */
int		 tape_save(const struct tape *, const char *path, time_t built);
/* A saved tape and when it was read, or NULL (logged) if there is none. */
struct tape	*tape_load(const char *path, time_t *built);
/*
 * The next result, which must be stmt's, as a PGresult of its own; NULL
 * when the tape holds something else: it was made by another version.
 */
PGresult	*tape_play(struct tape *, const char *stmt);

#endif
