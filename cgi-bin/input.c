/* input.c: request bodies for the write API, parsed strictly and read by type */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "clock.h"
#include "escape.h"
#include "input.h"

#define ID_MAX_DIGITS	18

/*
 * The field name for messages: "path.key", "key" or "path".  Only bytes
 * that can name a field of ours are copied; anything else (a key from the
 * body may hold any character) becomes '?', so the name is safe to log
 * and to show.  Returns 1 if a byte had to be replaced.
 */
static int
set_field(struct input_error *err, const char *path, const char *key)
{
	const char	*parts[3];
	size_t		 o = 0, i, len;
	int		 replaced = 0;

	parts[0] = path != NULL ? path : "";
	parts[1] = path != NULL && *path != '\0' && key != NULL ? "." : "";
	parts[2] = key != NULL ? key : "";
	for (i = 0; i < 3; i++) {
		const unsigned char	*s = (const unsigned char *)parts[i];

		for (; *s != '\0' && o + 1 < sizeof(err->field); s++) {
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
			    *s == '.')
				err->field[o++] = (char)*s;
			else {
				/* One '?' for a whole UTF-8 character. */
				len = esc_utf8_len(s, strlen((const char *)s));
				if (len > 1)
					s += len - 1;
				err->field[o++] = '?';
				replaced = 1;
			}
		}
	}
	err->field[o] = '\0';
	return replaced;
}

static int vfail(struct input_error *, int, const char *, const char *,
    const char *, va_list) __attribute__((format(printf, 5, 0)));

static int
vfail(struct input_error *err, int status, const char *path, const char *key,
    const char *fmt, va_list ap)
{
	err->status = status;
	set_field(err, path, key);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	return -1;
}

int
input_fail(struct input_error *err, int status, const char *path,
    const char *key, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vfail(err, status, path, key, fmt, ap);
	va_end(ap);
	return -1;
}

/* A body-level refusal: no field. */
static int body_fail(struct input_error *, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static int
body_fail(struct input_error *err, int status, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vfail(err, status, NULL, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
hex4(const unsigned char *s, size_t n, unsigned *out)
{
	unsigned	v = 0;
	size_t		i;

	if (n < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (is_digit(s[i]))
			v |= s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			v |= s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			v |= s[i] - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
is_json_number(const unsigned char *s, size_t n)
{
	size_t	i = 0, d;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else {
		for (d = i; i < n && is_digit(s[i]); i++)
			;
		if (i == d)
			return 0;
	}
	if (i < n && s[i] == '.') {
		for (d = ++i; i < n && is_digit(s[i]); i++)
			;
		if (i == d)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = i; i < n && is_digit(s[i]); i++)
			;
		if (i == d)
			return 0;
	}
	return i == n;
}

/*
 * What json-c lets through and RFC 8259 does not, found by a second
 * pass over a body json-c has accepted: bytes that are not UTF-8 (json-c
 * takes overlong forms and encoded surrogates), \u escapes of unpaired
 * surrogates (json-c makes them U+FFFD), unescaped control characters in
 * strings, numbers such as "-01" or "1." and the words NaN and Infinity.
 * It also refuses \u0000, which no field of ours can hold, and counts
 * the depth: json-c counts a number or string inside the innermost
 * object or array as a level of its own, we count objects and arrays.
 */
static int
strict_scan(const unsigned char *s, size_t n, struct input_error *err)
{
	size_t		i = 0, len, start;
	unsigned	u, lo;
	int		depth = 0;

	while (i < n) {
		if (s[i] == '{' || s[i] == '[') {
			if (++depth > INPUT_MAX_DEPTH)
				return body_fail(err, 400, "the body is nested "
				    "deeper than %d", INPUT_MAX_DEPTH);
			i++;
		} else if (s[i] == '}' || s[i] == ']') {
			depth--;
			i++;
		} else if (s[i] == '"') {
			for (i++; i < n && s[i] != '"'; i += len) {
				if (s[i] < 0x20)
					return body_fail(err, 400, "the body has "
					    "an unescaped control character in "
					    "a string (byte %zu)", i);
				if (s[i] != '\\') {
					if ((len = esc_utf8_len(s + i, n - i)) == 0)
						return body_fail(err, 400, "the "
						    "body is not valid UTF-8 "
						    "(byte %zu)", i);
					continue;
				}
				len = 2;
				if (i + 1 >= n || s[i + 1] != 'u')
					continue;
				if (hex4(s + i + 2, n - i - 2, &u) == -1)
					return body_fail(err, 400, "the body has "
					    "a bad \\u escape (byte %zu)", i);
				len = 6;
				/* PostgreSQL text cannot hold it; json-c keys end at it. */
				if (u == 0)
					return body_fail(err, 400, "the body has "
					    "a \\u0000 (NUL) escape (byte %zu)", i);
				if (u >= 0xdc00 && u <= 0xdfff)
					goto surrogate;
				if (u < 0xd800 || u > 0xdbff)
					continue;
				if (i + 12 > n || s[i + 6] != '\\' ||
				    s[i + 7] != 'u' ||
				    hex4(s + i + 8, n - i - 8, &lo) == -1 ||
				    lo < 0xdc00 || lo > 0xdfff)
					goto surrogate;
				len = 12;
			}
			i++;	/* the closing quote */
		} else if (s[i] == '-' || is_digit(s[i])) {
			for (start = i; i < n && (s[i] == '-' || s[i] == '+' ||
			    s[i] == '.' || s[i] == 'e' || s[i] == 'E' ||
			    is_digit(s[i])); i++)
				;
			if (!is_json_number(s + start, i - start))
				return body_fail(err, 400, "the body has a "
				    "number not written as JSON requires "
				    "(byte %zu)", start);
		} else if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')) {
			for (start = i; i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= 'A' && s[i] <= 'Z')); i++)
				;
			len = i - start;
			if (!(len == 4 && memcmp(s + start, "true", 4) == 0) &&
			    !(len == 5 && memcmp(s + start, "false", 5) == 0) &&
			    !(len == 4 && memcmp(s + start, "null", 4) == 0))
				return body_fail(err, 400, "the body has a word "
				    "that is not true, false or null "
				    "(byte %zu)", start);
		} else
			i++;
	}
	return 0;
surrogate:
	return body_fail(err, 400, "the body has a \\u escape of an unpaired "
	    "surrogate, which is not a character (byte %zu)", i);
}

/* A JSON string, "..." at s[0..n), decoded by json-c; NULL if not one. */
static json_object *
decode_string(const unsigned char *s, size_t n)
{
	char		*copy = strndup((const char *)s, n);
	json_object	*o = copy != NULL ? json_tokener_parse(copy) : NULL;

	free(copy);
	if (o != NULL && !json_object_is_type(o, json_type_string)) {
		json_object_put(o);
		o = NULL;
	}
	return o;
}

/*
 * A key twice in one object, which json-c takes with the last one
 * winning: {"name": "x", "name": "y"} would quietly name it "y".  A pass
 * of its own over a text strict_scan() found sound: each object's keys,
 * decoded (so "n\u0061me" is "name"), against those before them.  The
 * field named is the object's own key and the repeated one.
 */
static int
duplicate_key(const unsigned char *s, size_t n, struct input_error *err)
{
	struct {
		size_t		 id;		/* 0: an array */
		size_t		 first;		/* its keys from keys[first] on */
		const char	*name;		/* the key it is the value of */
	}		 frame[INPUT_MAX_DEPTH + 1];
	struct {
		json_object	*key;
		size_t		 owner;		/* the id of its object */
	}		*keys;
	const char	*key, *last = NULL;
	size_t		 i = 0, j, k, start, nkeys = 0, objects = 0;
	int		 depth = 0, rc = -1;

	/* A key takes four bytes at least: "":0 and a comma. */
	if ((keys = calloc(n / 4 + 1, sizeof(*keys))) == NULL)
		return body_fail(err, 503, "the server is short of memory; "
		    "try again");
	while (i < n) {
		if (s[i] == '{' || s[i] == '[') {
			if (depth > INPUT_MAX_DEPTH)
				break;	/* strict_scan() refused it already */
			frame[depth].id = s[i] == '{' ? ++objects : 0;
			frame[depth].first = nkeys;
			frame[depth].name = depth > 0 && frame[depth - 1].id != 0 ?
			    last : NULL;
			depth++;
			i++;
		} else if (s[i] == '}' || s[i] == ']') {
			depth -= depth > 0;
			i++;
		} else if (s[i] == '"') {
			for (start = i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			i++;
			for (j = i; j < n && is_ws(s[j]); j++)
				;
			if (depth == 0 || frame[depth - 1].id == 0 ||
			    j >= n || s[j] != ':' || nkeys > n / 4)
				continue;
			if ((keys[nkeys].key = decode_string(s + start,
			    i - start)) == NULL)
				break;
			/* Past that, comparing would cost more than it is worth. */
			if (nkeys - frame[depth - 1].first >= 1024) {
				body_fail(err, 400, "the body has an object with "
				    "more than 1024 keys");
				json_object_put(keys[nkeys].key);
				goto done;
			}
			keys[nkeys].owner = frame[depth - 1].id;
			key = last = json_object_get_string(keys[nkeys++].key);
			for (k = frame[depth - 1].first; k + 1 < nkeys; k++)
				if (keys[k].owner == keys[nkeys - 1].owner &&
				    strcmp(json_object_get_string(keys[k].key),
				    key) == 0) {
					input_fail(err, 400, frame[depth - 1].name,
					    key, "appears twice in one object");
					goto done;
				}
		} else
			i++;
	}
	rc = 0;
done:
	while (nkeys > 0)
		json_object_put(keys[--nkeys].key);
	free(keys);
	return rc;
}

json_object *
input_parse(const char *body, size_t len, struct input_error *err)
{
	struct json_tokener	*tok;
	json_object		*obj;
	enum json_tokener_error	 jerr;
	size_t			 end;

	memset(err, 0, sizeof(*err));
	if (body == NULL || len == 0) {
		body_fail(err, 400, "the body is empty");
		return NULL;
	}
	if (len > INPUT_MAX_BYTES) {
		body_fail(err, 413, "the body is larger than %d bytes",
		    INPUT_MAX_BYTES);
		return NULL;
	}
	/* json-c would take a NUL for the end of the text. */
	if (memchr(body, '\0', len) != NULL) {
		body_fail(err, 400, "the body contains a NUL byte");
		return NULL;
	}
	/* One more for json-c, which counts the innermost value too. */
	if ((tok = json_tokener_new_ex(INPUT_MAX_DEPTH + 1)) == NULL) {
		body_fail(err, 503, "the server is short of memory; try again");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, body, (int)len);
	jerr = json_tokener_get_error(tok);
	/* A bare number at the end of the text waits for what follows it. */
	end = json_tokener_get_parse_end(tok);
	if (obj == NULL && jerr == json_tokener_continue) {
		obj = json_tokener_parse_ex(tok, " ", 1);
		jerr = json_tokener_get_error(tok);
		end = len;
	}
	json_tokener_free(tok);

	if (obj == NULL) {
		switch (jerr) {
		case json_tokener_success:	/* the text was "null" */
			body_fail(err, 422, "the body must be a JSON object");
			break;
		case json_tokener_continue:
			body_fail(err, 400, "the body ends before the JSON "
			    "text does");
			break;
		case json_tokener_error_depth:
			body_fail(err, 400, "the body is nested deeper than %d",
			    INPUT_MAX_DEPTH);
			break;
		case json_tokener_error_parse_utf8_string:
			body_fail(err, 400, "the body is not valid UTF-8");
			break;
		default:
			/* json-c's descriptions are fixed texts, not body bytes. */
			body_fail(err, 400, "the body is not valid JSON: %s",
			    json_tokener_error_desc(jerr));
			break;
		}
		return NULL;
	}
	/* Strict mode refuses trailing bytes already; this is the fence. */
	for (; end < len; end++)
		if (!is_ws((unsigned char)body[end])) {
			body_fail(err, 400, "the body has bytes after the JSON "
			    "text");
			goto fail;
		}
	if (strict_scan((const unsigned char *)body, len, err) == -1 ||
	    duplicate_key((const unsigned char *)body, len, err) == -1)
		goto fail;
	if (!json_object_is_type(obj, json_type_object)) {
		body_fail(err, 422, "the body must be a JSON object");
		goto fail;
	}
	return obj;
fail:
	json_object_put(obj);
	return NULL;
}

static const char *
type_name(json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "true or false";
	case json_type_double:
	case json_type_int:
		return "a number";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "something else";
}

/*
 * Finds path.key in obj: 1 with *val set, 0 if absent and optional, -1
 * (422) if absent and required.  null counts as present (and so as the
 * wrong type for every getter): a client that sends null means something,
 * and silently reading it as "absent" would hide that.
 */
static int
lookup(json_object *obj, const char *path, const char *key, int required,
    json_object **val, struct input_error *err)
{
	*val = NULL;
	if (!json_object_is_type(obj, json_type_object))
		return input_fail(err, 422, path, NULL, "must be an object, "
		    "not %s", type_name(obj));
	if (json_object_object_get_ex(obj, key, val))
		return 1;
	if (required)
		return input_fail(err, 422, path, key, "is required");
	return 0;
}

/* Like lookup(), and the value must be of type t (else "must be <what>"). */
static int
lookup_type(json_object *obj, const char *path, const char *key,
    int required, json_type t, const char *what, json_object **val,
    struct input_error *err)
{
	int	rc;

	if ((rc = lookup(obj, path, key, required, val, err)) != 1)
		return rc;
	if (!json_object_is_type(*val, t))
		return input_fail(err, 422, path, key, "must be %s, not %s",
		    what, type_name(*val));
	return 1;
}

int
input_object(json_object *obj, const char *path, const char *key,
    int required, json_object **out, struct input_error *err)
{
	json_object	*v;
	int		 rc;

	if ((rc = lookup_type(obj, path, key, required, json_type_object,
	    "an object", &v, err)) != 1)
		return rc;
	*out = v;
	return 0;
}

/*
 * A string value, with its length; refuses the empty string (an empty
 * name or message is a client bug, and "absent" is how to leave a field
 * alone) and any control character but tab, LF and CR: C0, DEL and C1.
 * Counts code points into *chars.
 */
static int
string_value(json_object *obj, const char *path, const char *key,
    int required, json_object **val, const char **str, size_t *chars,
    struct input_error *err)
{
	const unsigned char	*s;
	size_t			 n, i, len;
	uint32_t		 cp;
	int			 rc;

	if ((rc = lookup_type(obj, path, key, required, json_type_string,
	    "a string", val, err)) != 1)
		return rc;
	s = (const unsigned char *)json_object_get_string(*val);
	n = (size_t)json_object_get_string_len(*val);
	if (n == 0)
		return input_fail(err, 422, path, key, "must not be empty");
	*chars = 0;
	for (i = 0; i < n; i += len) {
		if ((len = esc_utf8_decode(s + i, n - i, &cp)) == 0)
			return input_fail(err, 422, path, key,
			    "is not valid UTF-8");
		/* What a feed's XML or a page's HTML could not carry. */
		if (esc_forbidden(cp))
			return input_fail(err, 422, path, key, "must not "
			    "contain control characters or noncharacters "
			    "(U+%04X, character %zu)", (unsigned)cp, *chars + 1);
		(*chars)++;
	}
	*str = (const char *)s;
	return 1;
}

int
input_string(json_object *obj, const char *path, const char *key,
    int required, size_t max_chars, const char **out, struct input_error *err)
{
	json_object	*v;
	const char	*s = NULL;
	size_t		 chars = 0;
	int		 rc;

	if ((rc = string_value(obj, path, key, required, &v, &s, &chars,
	    err)) != 1)
		return rc;
	if (max_chars != 0 && chars > max_chars)
		return input_fail(err, 422, path, key, "must be at most %zu "
		    "characters long", max_chars);
	*out = s;
	return 0;
}

/* The words of a choice: word(ctx, i) for i < n, NULL for one not offered. */
struct choice {
	const char	*(*word)(const void *ctx, int i);
	const void	*ctx;
	int		 n;
};

/*
 * A string that is one of the choice's words: its index out, or -1 with
 * err naming the choices.
 */
static int
choose(json_object *obj, const char *path, const char *key, int required,
    const struct choice *c, int *out, const char **str, struct input_error *err)
{
	json_object	*v;
	const char	*s, *word;
	char		 list[sizeof(err->message)];
	size_t		 n, o = 0;
	int		 rc, w, i;

	if ((rc = lookup_type(obj, path, key, required, json_type_string,
	    "a string", &v, err)) != 1)
		return rc;
	s = json_object_get_string(v);
	n = (size_t)json_object_get_string_len(v);
	for (i = 0; i < c->n; i++)
		if ((word = c->word(c->ctx, i)) != NULL && strlen(word) == n &&
		    memcmp(word, s, n) == 0) {
			*out = i;
			*str = s;
			return 0;
		}
	/* Name the choices (ours, not the client's), as many as fit. */
	list[0] = '\0';
	for (i = 0; i < c->n && o < sizeof(list); i++) {
		if ((word = c->word(c->ctx, i)) == NULL)
			continue;
		w = snprintf(list + o, sizeof(list) - o, "%s%s",
		    o > 0 ? ", " : "", word);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	return input_fail(err, 422, path, key, "must be one of: %s", list);
}

static const char *
array_word(const void *ctx, int i)
{
	return ((const char *const *)ctx)[i];
}

int
input_enum(json_object *obj, const char *path, const char *key,
    int required, const char *const *allowed, const char **out,
    struct input_error *err)
{
	struct choice	 c = { array_word, allowed, 0 };
	int		 i;

	while (allowed[c.n] != NULL)
		c.n++;
	return choose(obj, path, key, required, &c, &i, out, err);
}

/* A vocabulary's table, carried through choose()'s context. */
struct vocabulary {
	const char	*table;
	size_t		 size;
};

static const char *
vocabulary_word(const void *ctx, int i)
{
	const struct vocabulary	*v = ctx;
	const char		*word;

	/* A row's first member, its word, is where the row begins. */
	memcpy(&word, v->table + (size_t)i * v->size, sizeof(word));
	return word;
}

int
input_word(json_object *obj, const char *path, const char *key,
    int required, const void *table, size_t n, size_t size, int *out,
    struct input_error *err)
{
	struct vocabulary	 v = { table, size };
	struct choice		 c = { vocabulary_word, &v, (int)n };
	const char		*s;

	return choose(obj, path, key, required, &c, out, &s, err);
}

int
input_bool(json_object *obj, const char *path, const char *key,
    int required, int *out, struct input_error *err)
{
	json_object	*v;
	int		 rc;

	if ((rc = lookup_type(obj, path, key, required, json_type_boolean,
	    "true or false", &v, err)) != 1)
		return rc;
	*out = json_object_get_boolean(v);
	return 0;
}

/*
 * A JSON integer as int64, or -1 if it is not one that fits.  json-c
 * saturates integers that do not fit 64 bits to INT64_MIN/INT64_MAX (or
 * UINT64_MAX), so those values are taken as out of range too.
 */
static int
int_value(json_object *v, int64_t *out)
{
	int64_t	i;

	if (!json_object_is_type(v, json_type_int))
		return -1;
	i = json_object_get_int64(v);
	if (i == INT64_MIN || i == INT64_MAX)
		return -1;
	*out = i;
	return 0;
}

int
input_int(json_object *obj, const char *path, const char *key,
    int required, long long min, long long max, long long *out,
    struct input_error *err)
{
	json_object	*v;
	int64_t		 i;
	int		 rc;

	if ((rc = lookup(obj, path, key, required, &v, err)) != 1)
		return rc;
	if (json_object_is_type(v, json_type_double))
		return input_fail(err, 422, path, key, "must be a whole number "
		    "from %lld to %lld", min, max);
	if (!json_object_is_type(v, json_type_int))
		return input_fail(err, 422, path, key, "must be a whole number, "
		    "not %s", type_name(v));
	if (int_value(v, &i) == -1 || i < min || i > max)
		return input_fail(err, 422, path, key, "must be a whole number "
		    "from %lld to %lld", min, max);
	*out = i;
	return 0;
}

int
input_is_id(const char *s)
{
	size_t	n = strspn(s, "0123456789");

	return n > 0 && n <= ID_MAX_DIGITS && s[n] == '\0' && s[0] != '0';
}

/*
 * v as an id: 0 with *s the digits (into v for a string, into buf for a
 * JSON integer: the caller keeps those in a string of its own), -1 if v
 * is a string or integer that is no id, -2 if it is neither.
 */
static int
id_value(json_object *v, char buf[24], const char **s)
{
	int64_t	id;

	if (json_object_is_type(v, json_type_string)) {
		*s = json_object_get_string(v);
		/* A NUL inside would hide the rest from input_is_id(). */
		return (size_t)json_object_get_string_len(v) == strlen(*s) &&
		    input_is_id(*s) ? 0 : -1;
	}
	if (!json_object_is_type(v, json_type_int))
		return -2;
	if (int_value(v, &id) == -1 || id < 1 || id > 999999999999999999LL)
		return -1;
	snprintf(buf, 24, "%lld", (long long)id);
	*s = buf;
	return 0;
}

int
input_id(json_object *obj, const char *path, const char *key,
    int required, const char **out, struct input_error *err)
{
	json_object	*v, *str;
	const char	*s;
	char		 buf[24];	/* any int64 */
	int		 rc;

	if ((rc = lookup(obj, path, key, required, &v, err)) != 1)
		return rc;
	if ((rc = id_value(v, buf, &s)) == -2)
		return input_fail(err, 422, path, key, "must be an id (a string "
		    "of digits), not %s", type_name(v));
	if (rc == -1)
		return input_fail(err, 422, path, key, "must be an id: 1 to %d "
		    "digits, not starting with 0", ID_MAX_DIGITS);
	if (s != buf) {
		*out = s;
		return 0;
	}
	/*
	 * The caller gets text either way.  The digits live in a string
	 * that replaces the number in obj, so they last as long as obj does
	 * (a pointer the caller holds to the old number does not).
	 */
	if ((str = json_object_new_string(buf)) == NULL)
		return input_fail(err, 503, path, key, "the server is short of memory; try again");
	if (json_object_object_add(obj, key, str) == -1) {
		json_object_put(str);
		return input_fail(err, 503, path, key, "the server is short of memory; try again");
	}
	*out = json_object_get_string(str);
	return 0;
}

int
input_ids(json_object *obj, const char *path, const char *key,
    int required, json_object **out, struct input_error *err)
{
	json_object	*arr, *v, *str;
	const char	*s;
	char		 where[sizeof(err->field)], at[24], buf[24], shown[24];
	size_t		 i, k, n;
	int		 rc;

	if ((rc = lookup(obj, path, key, required, &arr, err)) != 1)
		return rc;
	if (!json_object_is_type(arr, json_type_array))
		return input_fail(err, 422, path, key, "must be an array of ids, "
		    "not %s", type_name(arr));
	snprintf(where, sizeof(where), "%s%s%s", path, *path != '\0' ? "." : "",
	    key);
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(arr, i);
		snprintf(at, sizeof(at), "%zu", i);
		if ((rc = id_value(v, buf, &s)) == -2)
			return input_fail(err, 422, where, at, "must be an id (a "
			    "string of digits), not %s", type_name(v));
		if (rc == -1 && json_object_is_type(v, json_type_string)) {
			/* Named, as the log would show it: no raw bytes. */
			esc_log(shown, sizeof(shown), s);
			return input_fail(err, 422, where, at, "must be an id: 1 "
			    "to %d digits, not \"%s\"", ID_MAX_DIGITS, shown);
		}
		if (rc == -1)
			return input_fail(err, 422, where, at, "must be an id: 1 "
			    "to %d digits, not starting with 0", ID_MAX_DIGITS);
		/* A number becomes its digits in place, as input_id() does. */
		if (s == buf) {
			if ((str = json_object_new_string(buf)) == NULL ||
			    json_object_array_put_idx(arr, i, str) == -1) {
				json_object_put(str);
				return input_fail(err, 503, where, at, "the server "
				    "is short of memory; try again");
			}
			s = json_object_get_string(str);
		}
		for (k = 0; k < i; k++)
			if (strcmp(json_object_get_string(
			    json_object_array_get_idx(arr, k)), s) == 0)
				return input_fail(err, 422, where, at,
				    "is listed twice");
	}
	*out = arr;
	return 0;
}

/* A time (RFC 3339) or, with date_only, a date: refusals say which was meant. */
static int
when(json_object *obj, const char *path, const char *key, int required,
    int date_only, const char **out, struct input_error *err)
{
	json_object	*v;
	const char	*s, *what = date_only ? "date" : "time";
	size_t		 n;
	int		 rc;

	if ((rc = lookup_type(obj, path, key, required, json_type_string,
	    date_only ? "a date" : "a time", &v, err)) != 1)
		return rc;
	s = json_object_get_string(v);
	n = (size_t)json_object_get_string_len(v);
	switch (date_only ? clock_date_parse(s, n) :
	    clock_time_parse(s, n, NULL)) {
	case CLOCK_TIME_OK:
		*out = s;
		return 0;
	case CLOCK_TIME_FIELD:
		return input_fail(err, 422, path, key, "is not a real %s (a "
		    "field is out of range)", date_only ? "date" : "date and time");
	case CLOCK_TIME_ERA:
		return input_fail(err, 422, path, key, "must be a %s from 1970 "
		    "to 9999", what);
	case CLOCK_TIME_FORM:
		break;
	}
	return input_fail(err, 422, path, key, "must be a %s like %s", what,
	    date_only ? "2026-12-05" :
	    "2026-12-05T02:00:00Z or 2026-12-05T03:00:00+01:00");
}

int
input_time(json_object *obj, const char *path, const char *key,
    int required, const char **out, struct input_error *err)
{
	return when(obj, path, key, required, 0, out, err);
}

int
input_date(json_object *obj, const char *path, const char *key,
    int required, const char **out, struct input_error *err)
{
	return when(obj, path, key, required, 1, out, err);
}

int
input_known_keys(json_object *obj, const char *path,
    const char *const *known, struct input_error *err)
{
	size_t	i;

	if (!json_object_is_type(obj, json_type_object))
		return input_fail(err, 422, path, NULL, "must be an object, "
		    "not %s", type_name(obj));
	json_object_object_foreach(obj, k, v) {
		(void)v;
		for (i = 0; known[i] != NULL; i++)
			if (strcmp(known[i], k) == 0)
				break;
		if (known[i] != NULL)
			continue;
		err->status = 422;
		if (set_field(err, path, k))
			snprintf(err->message, sizeof(err->message), "is not a "
			    "known field (the '?' stand for characters that "
			    "no field name has)");
		else
			snprintf(err->message, sizeof(err->message),
			    "is not a known field");
		return -1;
	}
	return 0;
}
