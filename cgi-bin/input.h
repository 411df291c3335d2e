/*
 * input.h: request bodies for the write API: size-capped, depth-capped,
 * valid UTF-8, strictly typed JSON.  Every failure says which field.
 */
#ifndef LANTERN_INPUT_H
#define LANTERN_INPUT_H

#include <stddef.h>

#include <json-c/json.h>

#define INPUT_MAX_BYTES	(64 * 1024)
#define INPUT_MAX_DEPTH	8

/*
 * Why a body was refused: an HTTP status, a message, the field (or NULL).
 * With a field, the message is what is wrong with it ("must be a string,
 * not a number", "is required"): show "<field> <message>".  Without one
 * it is a sentence about the body.  Neither quotes bytes of the body: a
 * field named by the client (an unknown key) keeps only [A-Za-z0-9_.-],
 * other characters become '?', and a string refused as an id in a list
 * is shown as esc_log() writes it (printable ASCII, a few characters).
 */
struct input_error {
	int		 status;	/* 400 malformed, 413 too big, 415, 422 */
	char		 message[160];
	char		 field[96];	/* "incident.components.12", "" if none */
};

/*
 * Parses a whole body as one JSON object.  NULL with err set on an empty
 * or over-long body (413), bytes past the object, bad JSON or bad UTF-8
 * (400), nesting deeper than INPUT_MAX_DEPTH (400), a top level that is
 * not an object (422).  The caller json_object_put()s the result.
 */
json_object	*input_parse(const char *body, size_t len, struct input_error *err);

/*
 * Typed fields of obj.  path names obj for messages ("incident").  Each
 * returns 0 when the field is absent and optional (out untouched) or
 * present and valid (out set), -1 with err set (422) otherwise.  JSON
 * null is present and of the wrong type.  Strings returned point into
 * obj and live as long as it does.
 */
int	input_object(json_object *obj, const char *path, const char *key,
	    int required, json_object **out, struct input_error *err);
/*
 * A string of 1..max_chars characters (max_chars counts code points; 0
 * means no limit but the body's).  Empty strings and control characters
 * other than tab, LF and CR (C0, DEL, C1) are refused.
 */
int	input_string(json_object *obj, const char *path, const char *key,
	    int required, size_t max_chars, const char **out, struct input_error *err);
/* A string, one of allowed (NULL-terminated). */
int	input_enum(json_object *obj, const char *path, const char *key,
	    int required, const char *const *allowed, const char **out,
	    struct input_error *err);
/*
 * A word of one of the vocabularies of status.h, into its value: one of
 * the first n rows of table (rows of size bytes, each beginning with its
 * word), whose index is the value.  INPUT_WORD names the table once.
 */
int	input_word(json_object *obj, const char *path, const char *key,
	    int required, const void *table, size_t n, size_t size, int *out,
	    struct input_error *err);
#define INPUT_WORD(obj, path, key, required, table, n, out, err) \
	input_word((obj), (path), (key), (required), (table), (n), \
	    sizeof((table)[0]), (out), (err))
int	input_bool(json_object *obj, const char *path, const char *key,
	    int required, int *out, struct input_error *err);
/*
 * A whole number in [min, max]: a JSON integer, not 4.0 or 1e3 or "4".
 * json-c saturates integers past 64 bits, so INT64_MIN and INT64_MAX
 * themselves are refused as out of range.
 */
int	input_int(json_object *obj, const char *path, const char *key,
	    int required, long long min, long long max, long long *out,
	    struct input_error *err);
/* Whether s is an id: 1..18 digits, no leading zero (a positive bigint). */
int	input_is_id(const char *s);
/*
 * An id: a string (or a JSON integer) of 1..18 digits, no leading zero.
 * An integer is replaced in obj by the string of its digits, which *out
 * points into (so a json_object pointer to the old number is stale).
 */
int	input_id(json_object *obj, const char *path, const char *key,
	    int required, const char **out, struct input_error *err);
/*
 * An array of ids, each as input_id() reads one (a refusal names
 * "path.key.N"), none twice.  Numbers are replaced in the array by strings
 * of their digits, so *out holds strings only and lives as long as obj.
 */
int	input_ids(json_object *obj, const char *path, const char *key,
	    int required, json_object **out, struct input_error *err);
/*
 * An RFC 3339 / ISO 8601 time with a zone ("2026-12-05T02:00:00Z", "...+01:00"):
 * YYYY-MM-DDTHH:MM[:SS[.f{1,6}]](Z|+HH:MM|-HH:MM), upper-case T and Z,
 * every field in range (leap years, offsets up to 14:00, no leap second),
 * from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
 * *out is the text as given, for PostgreSQL's timestamptz.
 */
int	input_time(json_object *obj, const char *path, const char *key,
	    int required, const char **out, struct input_error *err);
/* A calendar day, YYYY-MM-DD, in range (leap years); *out as given. */
int	input_date(json_object *obj, const char *path, const char *key,
	    int required, const char **out, struct input_error *err);
/* Refuses any key of obj not in known (NULL-terminated): 422 naming it. */
int	input_known_keys(json_object *obj, const char *path,
	    const char *const *known, struct input_error *err);

/* Sets err (and returns -1), for checks the handlers make themselves. */
int	input_fail(struct input_error *err, int status, const char *path,
	    const char *key, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

#endif
