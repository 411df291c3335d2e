/* unit-tape.c: a snapshot's answers survive the trip to disk and back, or are refused */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tape.h"
#include "tap.h"

static PGresult *
result(void)
{
	/* libpq's setters take char *, not const char *: writable copies. */
	char		 id[] = "id", name[] = "name", seven[] = "7", eight[] = "8";
	char		 runner[] = "Runner \xe2\x9c\x93", empty[] = "";
	PGresAttDesc	 cols[2] = { { 0 }, { 0 } };
	PGresult	*res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);

	cols[0].name = id;
	cols[1].name = name;
	cols[0].typlen = cols[1].typlen = -1;
	PQsetResultAttrs(res, 2, cols);
	PQsetvalue(res, 0, 0, seven, 1);
	PQsetvalue(res, 0, 1, runner, 10);
	PQsetvalue(res, 1, 0, eight, 1);
	PQsetvalue(res, 1, 1, NULL, -1);
	PQsetvalue(res, 2, 0, empty, 0);
	PQsetvalue(res, 2, 1, empty, 0);
	return res;
}

static void
corrupt(const char *path, long at)
{
	FILE	*f = fopen(path, "r+b");
	int	 c;

	fseek(f, at, SEEK_SET);
	c = fgetc(f);
	fseek(f, at, SEEK_SET);
	fputc(c ^ 1, f);
	fclose(f);
}

int
main(void)
{
	char		 path[] = "/tmp/lantern-tape.XXXXXX";
	struct tape	*t = tape_new(), *back;
	PGresult	*res = result(), *got;
	time_t		 built = 0;
	int		 fd = mkstemp(path);

	close(fd);
	tape_record(t, "components", res);
	tape_record(t, "groups", res);
	ok(tape_save(t, path, 1767225600) == 0, "saved");
	back = tape_load(path, &built);
	ok(back != NULL, "loaded");
	is_int(built, 1767225600, "with the time it was read");
	got = tape_play(back, "components");
	ok(got != NULL && PQntuples(got) == 3 && PQnfields(got) == 2,
	    "the first result, three rows of two columns");
	is_str(PQfname(got, 1), "name", "column names");
	is_str(PQgetvalue(got, 0, 1), "Runner \xe2\x9c\x93", "values byte for byte");
	ok(PQgetisnull(got, 1, 1), "NULL stays NULL");
	ok(!PQgetisnull(got, 2, 1) && PQgetlength(got, 2, 1) == 0,
	    "an empty string stays empty, not NULL");
	PQclear(got);
	ok((got = tape_play(back, "incidents")) == NULL,
	    "a statement the tape does not hold next is refused");
	tape_free(back);

	back = tape_load(path, &built);
	PQclear(tape_play(back, "components"));
	got = tape_play(back, "groups");
	ok(got != NULL && strcmp(PQgetvalue(got, 1, 0), "8") == 0, "then the second");
	PQclear(got);
	ok(tape_play(back, "groups") == NULL, "and nothing after the end");
	tape_free(back);

	corrupt(path, 40);
	ok(tape_load(path, &built) == NULL, "one changed byte: refused");
	corrupt(path, 40);
	ok((back = tape_load(path, &built)) != NULL, "restored: loaded again");
	tape_free(back);
	if (truncate(path, 30) == 0)
		ok(tape_load(path, &built) == NULL, "cut short: refused");
	unlink(path);
	ok(tape_load(path, &built) == NULL, "no file: none");

	PQclear(res);
	tape_free(t);
	return done_testing();
}
