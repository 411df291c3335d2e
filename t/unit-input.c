/* unit-input.c: write API bodies are parsed strictly and every refusal names its field */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "tap.h"

static struct input_error	err;

/* Parses s (len bytes); returns the status, 0 for success. */
static int
parse_n(const char *s, size_t len)
{
	json_object	*obj;

	memset(&err, 0xa5, sizeof(err));
	obj = input_parse(s, len, &err);
	if (obj == NULL)
		return err.status;
	json_object_put(obj);
	return 0;
}

static int
parse(const char *s)
{
	return parse_n(s, strlen(s));
}

static json_object *
must_parse(const char *s)
{
	json_object	*obj;

	obj = input_parse(s, strlen(s), &err);
	if (obj == NULL) {
		printf("Bail out! fixture does not parse: %s\n", err.message);
		exit(1);
	}
	return obj;
}

/* n levels of {"a": ... {} ...}, the innermost empty. */
static char *
nested(int n)
{
	char	*s = malloc((size_t)n * 6 + 1), *p = s;
	int	 i;

	for (i = 0; i < n - 1; i++)
		p += sprintf(p, "{\"a\":");
	p += sprintf(p, "{}");
	for (i = 0; i < n - 1; i++)
		*p++ = '}';
	*p = '\0';
	return s;
}

/* {"k0":0,"k1":0,...} with n keys, malloc'd. */
static char *
many_keys(int n)
{
	char	*s = malloc((size_t)n * 16 + 3), *p = s;
	int	 i;

	*p++ = '{';
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s\"k%d\":0", i > 0 ? "," : "", i);
	strcpy(p, "}");
	return s;
}

static int
has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static void
test_parse(void)
{
	char	*big, *s;
	size_t	 i;

	is_int(parse("{\"incident\": {\"name\": \"Database down\"}}"), 0,
	    "a plain object parses");
	is_int(parse(" \r\n\t{}\n\t "), 0, "whitespace around the object");
	is_int(parse("{\"a\": [1, 2.5, -3e2, true, false, null, \"x\"]}"), 0,
	    "every JSON type inside");
	is_int(parse("{\"incident\": {\"name\": \"x\", \"name\": \"y\"}}"), 400,
	    "a key twice in one object: 400");
	is_str(err.field, "incident.name", "naming the object and the key");
	ok(has(err.message, "twice"), "saying it is there twice");
	is_int(parse("{\"incident\": {\"name\": \"x\", \"n\\u0061me\": \"y\"}}"), 400,
	    "the same key written with an escape: 400");
	is_int(parse("{\"a\": 1, \"b\": {\"a\": 2}, \"c\": [{\"a\": 3}, {\"a\": 4}]}"), 0,
	    "the same key in different objects is fine");
	is_int(parse("{\"a\": {\"x\": 1}, \"x\": 2}"), 0,
	    "a key of a nested object is not its parent's");
	is_int(parse("{\"incident\": {}, \"incident\": {}}"), 400,
	    "a top-level key twice: 400");
	is_str(err.field, "incident", "naming it");
	is_int(parse("{\"a\": \"\\u00e9\\ud83d\\ude00 \\\" \\\\ \\/ \\b\"}"), 0,
	    "escapes and a surrogate pair");

	is_int(parse_n("", 0), 400, "empty body: 400");
	is_str(err.message, "the body is empty", "empty body: message");
	is_str(err.field, "", "empty body: no field");
	is_int(parse_n(NULL, 0), 400, "NULL body: 400");
	is_int(parse("   \n"), 400, "only whitespace: 400");

	/* Exactly at the limit, and one byte past it. */
	big = malloc(INPUT_MAX_BYTES + 2);
	memset(big, ' ', INPUT_MAX_BYTES + 1);
	memcpy(big, "{\"a\":\"", 6);
	memset(big + 6, 'x', INPUT_MAX_BYTES - 8);
	memcpy(big + INPUT_MAX_BYTES - 2, "\"}", 2);
	big[INPUT_MAX_BYTES] = ' ';
	is_int(parse_n(big, INPUT_MAX_BYTES), 0, "64 KiB exactly: parses");
	is_int(parse_n(big, INPUT_MAX_BYTES + 1), 413, "64 KiB + 1: 413");
	ok(has(err.message, "larger than 65536 bytes"), "413 says the limit");
	free(big);

	s = nested(INPUT_MAX_DEPTH);
	is_int(parse(s), 0, "nested %d deep: parses", INPUT_MAX_DEPTH);
	free(s);
	s = nested(INPUT_MAX_DEPTH + 1);
	is_int(parse(s), 400, "nested %d deep: 400", INPUT_MAX_DEPTH + 1);
	is_str(err.message, "the body is nested deeper than 8", "depth message");
	free(s);
	is_int(parse("{\"a\":[[[[[[[1]]]]]]]}"), 0,
	    "arrays 8 deep with the object, a number inside");
	is_int(parse("{\"a\":[[[[[[[[1]]]]]]]]}"), 400, "arrays 9 deep: 400");
	is_str(err.message, "the body is nested deeper than 8",
	    "depth message when json-c does not see it");
	is_int(parse("{\"a\":[[[[[[[[]]]]]]]]}"), 400, "9 deep, empty inside");
	is_int(parse("{\"a\":[[[[[[[[[[]]]]]]]]]]}"), 400, "11 deep: 400");
	is_int(parse("{\"a\":\"[[[[[[[[[[[[\"}"), 0,
	    "brackets in a string are not depth");
	is_int(parse("{\"a\":[{\"b\":[{\"c\":[{}]}]}],\"d\":[[[[[[[]]]]]]]}"),
	    0, "depth counts down again");
	s = malloc(40001);
	for (i = 0; i < 40000; i++)
		s[i] = i < 20000 ? '[' : ']';
	s[40000] = '\0';
	is_int(parse(s), 400, "20000 nested arrays: 400, no stack overflow");
	free(s);

	/* Keys an object may have: 1024, and not one more. */
	s = many_keys(1024);
	is_int(parse(s), 0, "an object with 1024 keys parses");
	free(s);
	s = many_keys(1025);
	is_int(parse(s), 400, "an object with 1025 keys: 400");
	is_str(err.message, "the body has an object with more than 1024 keys",
	    "1025 keys: says the limit");
	free(s);

	is_int(parse("{\"incident\": {\"name\": \"x\""), 400, "truncated: 400");
	ok(has(err.message, "ends before"), "truncated: says so (%s)",
	    err.message);
	is_int(parse("{\"name\": \"unterminated"), 400, "unterminated string");
	is_int(parse("{\"a\": tru"), 400, "truncated literal");
	is_int(parse("{\"a\": 1} x"), 400, "trailing garbage: 400");
	is_int(parse("{\"a\": 1}{}"), 400, "two objects: 400");
	is_int(parse("{\"a\": 1}\f"), 400, "trailing form feed: 400");
	is_int(parse_n("{\"a\": 1}\0{\"b\"", 13), 400, "NUL after the object: 400");
	is_str(err.message, "the body contains a NUL byte", "NUL: message");
	is_int(parse_n("{\"a\": \"x\0y\"}", 12), 400, "NUL inside a string: 400");
	is_int(parse("{'a': 1}"), 400, "single quotes: 400");
	is_int(parse("{a: 1}"), 400, "bare key: 400");
	is_int(parse("{\"a\": 1,}"), 400, "trailing comma: 400");
	is_int(parse("{\"a\": [1,]}"), 400, "trailing comma in array: 400");
	is_int(parse("{\"a\": 1 /* c */}"), 400, "comment: 400");
	is_int(parse("{\"a\": NaN}"), 400, "NaN: 400");
	is_int(parse("{\"a\": Infinity}"), 400, "Infinity: 400");
	is_int(parse("{\"a\": -Infinity}"), 400, "-Infinity: 400");
	is_int(parse("{\"a\": -01}"), 400, "-01: 400");
	is_int(parse("{\"a\": 012}"), 400, "012: 400");
	is_int(parse("{\"a\": 1.}"), 400, "1.: 400");
	is_int(parse("{\"a\": .5}"), 400, ".5: 400");
	is_int(parse("{\"a\": +1}"), 400, "+1: 400");
	is_int(parse("{\"a\": 0x10}"), 400, "hex: 400");
	is_int(parse("{\"a\": 1E+2, \"b\": -0.5e-3, \"c\": 0}"), 0,
	    "exponents and zero are JSON");
	is_int(parse("{\"a\": \"x\\qy\"}"), 400, "bad escape: 400");
	is_int(parse("{\"a\": \"\\u12\"}"), 400, "short \\u escape: 400");
	is_int(parse("{\"a\": \"tab\there\"}"), 400, "raw tab in a string: 400");
	is_int(parse("{\"a\": \"bell\x07\"}"), 400, "raw control in a string: 400");

	/* Bad UTF-8, and a message that does not echo it. */
	is_int(parse("{\"a\": \"\xff\"}"), 400, "raw 0xff: 400");
	ok(!has(err.message, "\xff"), "0xff: not echoed");
	is_int(parse("{\"a\": \"\xc0\xaf\"}"), 400, "overlong '/': 400");
	is_int(parse("{\"a\": \"\xe0\x80\xaf\"}"), 400, "3-byte overlong: 400");
	is_int(parse("{\"a\": \"\xed\xa0\x80\"}"), 400, "encoded surrogate: 400");
	is_int(parse("{\"a\": \"\xf4\x90\x80\x80\"}"), 400, "past U+10FFFF: 400");
	is_int(parse("{\"a\": \"\xe2\x9c\"}"), 400, "cut sequence: 400");
	is_int(parse("{\"\xff\": 1}"), 400, "bad UTF-8 in a key: 400");
	is_int(parse("{\"a\": \"\\ud800\"}"), 400, "lone high surrogate escape");
	ok(has(err.message, "surrogate"), "surrogate: says so");
	is_int(parse("{\"a\": \"\\ud800x\"}"), 400, "high surrogate then text");
	is_int(parse("{\"a\": \"\\ud800\\u0041\"}"), 400,
	    "high surrogate then a non-surrogate escape");
	is_int(parse("{\"a\": \"\\udc00\"}"), 400, "lone low surrogate escape");
	is_int(parse("{\"a\": \"\\udc00\\ud800\"}"), 400, "reversed pair");
	is_int(parse("{\"a\": \"\\\\ud800\"}"), 0,
	    "an escaped backslash before ud800 is just text");
	is_int(parse("{\"a\": \"\\u0000\"}"), 400, "\\u0000: 400");
	is_int(parse("{\"na\\u0000me\": 1}"), 400, "\\u0000 in a key: 400");
	is_int(parse("\xef\xbb\xbf{}"), 400, "a byte order mark: 400");

	is_int(parse("[1, 2]"), 422, "top-level array: 422");
	is_str(err.message, "the body must be a JSON object", "array: message");
	is_int(parse("\"text\""), 422, "top-level string: 422");
	is_int(parse("12"), 422, "top-level number: 422");
	is_int(parse("null"), 422, "top-level null: 422");
	is_int(parse("true"), 422, "top-level true: 422");

	is_int(parse("{\"a\": \"<script>\"} <script>alert(1)</script>"), 400,
	    "garbage after: 400");
	ok(!has(err.message, "<") && !has(err.message, "script"),
	    "messages do not quote the body");
}

static void
test_strings(void)
{
	json_object	*o = must_parse("{\"incident\": {"
	    "\"name\": \"Caf\xc3\xa9 \xe2\x9c\x85 \xf0\x9f\x94\xa5\","
	    "\"body\": \"line one\\nline\\ttwo\\r\\n\","
	    "\"empty\": \"\", \"num\": 5, \"null\": null, \"arr\": [],"
	    "\"bell\": \"ring\\u0007\", \"del\": \"x\\u007f\","
	    "\"c1\": \"x\\u0085\", \"nbsp\": \"a\\u00a0b\","
	    "\"fffe\": \"x\\ufffe\", \"raw_ffff\": \"x\xef\xbf\xbf\","
	    "\"fdd0\": \"x\\ufdd0\", \"plane1\": \"x\\ud83f\\udfff\","
	    "\"status\": \"investigating\", \"flag\": true, \"zero\": false,"
	    "\"obj\": {\"k\": 1}}}");
	static const char *const statuses[] = { "investigating", "identified",
	    "monitoring", "resolved", NULL };
	json_object	*inc = NULL, *sub;
	const char	*s;
	int		 b;

	is_int(input_object(o, "", "incident", 1, &inc, &err), 0,
	    "object: present");
	ok(inc != NULL && json_object_is_type(inc, json_type_object),
	    "object: out set");
	sub = (json_object *)1;
	is_int(input_object(o, "", "component", 0, &sub, &err), 0,
	    "object: absent optional is fine");
	ok(sub == (json_object *)1, "object: absent leaves out alone");
	is_int(input_object(o, "", "component", 1, &sub, &err), -1,
	    "object: absent required refused");
	is_int(err.status, 422, "object: 422");
	is_str(err.field, "component", "object: field with empty path");
	is_str(err.message, "is required", "object: required message");
	is_int(input_object(inc, "incident", "name", 1, &sub, &err), -1,
	    "object: a string refused");
	is_str(err.message, "must be an object, not a string",
	    "object: type message");
	is_str(err.field, "incident.name", "object: field path.key");
	is_int(input_object(inc, "incident", "obj", 1, &sub, &err), 0,
	    "object: nested object");

	s = NULL;
	is_int(input_string(inc, "incident", "name", 1, 100, &s, &err), 0,
	    "string: multi-byte");
	is_str(s, "Caf\xc3\xa9 \xe2\x9c\x85 \xf0\x9f\x94\xa5", "string: value");
	/* "Café ✅ 🔥" is 8 code points and 14 bytes. */
	is_int(input_string(inc, "incident", "name", 1, 8, &s, &err), 0,
	    "string: 8 code points fit max 8");
	is_int(input_string(inc, "incident", "name", 1, 7, &s, &err), -1,
	    "string: 8 code points refused at max 7");
	is_int(err.status, 422, "string: too long is 422");
	is_str(err.message, "must be at most 7 characters long",
	    "string: length message counts characters");
	is_str(err.field, "incident.name", "string: length field");
	is_int(input_string(inc, "incident", "body", 1, 0, &s, &err), 0,
	    "string: newline, tab, CR allowed; max 0 is no limit");
	is_str(s, "line one\nline\ttwo\r\n", "string: escapes decoded");
	is_int(input_string(inc, "incident", "empty", 1, 10, &s, &err), -1,
	    "string: empty required refused");
	is_str(err.message, "must not be empty", "string: empty message");
	is_int(input_string(inc, "incident", "empty", 0, 10, &s, &err), -1,
	    "string: empty optional refused too");
	s = "untouched";
	is_int(input_string(inc, "incident", "missing", 0, 10, &s, &err), 0,
	    "string: absent optional");
	is_str(s, "untouched", "string: absent leaves out alone");
	is_int(input_string(inc, "incident", "missing", 1, 10, &s, &err), -1,
	    "string: absent required");
	is_str(err.field, "incident.missing", "string: missing field named");
	is_int(input_string(inc, "incident", "num", 1, 10, &s, &err), -1,
	    "string: number refused");
	is_str(err.message, "must be a string, not a number",
	    "string: type message");
	is_int(input_string(inc, "incident", "null", 0, 10, &s, &err), -1,
	    "string: null refused even when optional");
	is_str(err.message, "must be a string, not null", "string: null message");
	is_int(input_string(inc, "incident", "arr", 1, 10, &s, &err), -1,
	    "string: array refused");
	is_int(input_string(inc, "incident", "flag", 1, 10, &s, &err), -1,
	    "string: boolean refused");
	is_int(input_string(inc, "incident", "obj", 1, 10, &s, &err), -1,
	    "string: object refused");
	is_int(input_string(inc, "incident", "bell", 1, 10, &s, &err), -1,
	    "string: BEL refused");
	is_int(err.status, 422, "string: control is 422");
	ok(has(err.message, "control characters"), "string: control message");
	is_int(input_string(inc, "incident", "del", 1, 10, &s, &err), -1,
	    "string: DEL refused");
	is_int(input_string(inc, "incident", "c1", 1, 10, &s, &err), -1,
	    "string: C1 control refused");
	is_int(input_string(inc, "incident", "nbsp", 1, 10, &s, &err), 0,
	    "string: U+00A0 is not a control");
	is_int(input_string(inc, "incident", "fffe", 1, 10, &s, &err), -1,
	    "string: U+FFFE refused (feeds could not carry it)");
	ok(has(err.message, "noncharacters (U+FFFE, character 2)"),
	    "string: the noncharacter named, and where");
	is_int(input_string(inc, "incident", "raw_ffff", 1, 10, &s, &err), -1,
	    "string: U+FFFF as raw UTF-8 refused");
	is_int(input_string(inc, "incident", "fdd0", 1, 10, &s, &err), -1,
	    "string: U+FDD0 refused");
	is_int(input_string(inc, "incident", "plane1", 1, 10, &s, &err), -1,
	    "string: U+1FFFF (a surrogate pair) refused");
	is_int(input_string(o, "incident", "name", 1, 10, &s, &err), -1,
	    "string: wrong object gives required");
	is_int(input_string(inc, "", "name", 1, 100, &s, &err), 0,
	    "string: empty path works");

	is_int(input_enum(inc, "incident", "status", 1, statuses, &s, &err), 0,
	    "enum: allowed value");
	is_str(s, "investigating", "enum: value");
	is_int(input_enum(inc, "incident", "name", 1, statuses, &s, &err), -1,
	    "enum: other string refused");
	is_int(err.status, 422, "enum: 422");
	is_str(err.message, "must be one of: investigating, identified, "
	    "monitoring, resolved", "enum: lists the choices");
	ok(!has(err.message, "Caf"), "enum: does not echo the value");
	is_int(input_enum(inc, "incident", "empty", 1, statuses, &s, &err), -1,
	    "enum: empty refused");
	is_int(input_enum(inc, "incident", "num", 1, statuses, &s, &err), -1,
	    "enum: number refused");
	is_str(err.message, "must be a string, not a number", "enum: type message");
	s = NULL;
	is_int(input_enum(inc, "incident", "impact", 0, statuses, &s, &err), 0,
	    "enum: absent optional");
	ok(s == NULL, "enum: absent leaves out alone");
	is_int(input_enum(inc, "incident", "impact", 1, statuses, &s, &err), -1,
	    "enum: absent required");

	b = 7;
	is_int(input_bool(inc, "incident", "flag", 1, &b, &err), 0, "bool: true");
	is_int(b, 1, "bool: 1");
	is_int(input_bool(inc, "incident", "zero", 1, &b, &err), 0, "bool: false");
	is_int(b, 0, "bool: 0");
	b = 7;
	is_int(input_bool(inc, "incident", "nope", 0, &b, &err), 0,
	    "bool: absent optional");
	is_int(b, 7, "bool: absent leaves out alone");
	is_int(input_bool(inc, "incident", "num", 1, &b, &err), -1,
	    "bool: number refused");
	is_str(err.message, "must be true or false, not a number",
	    "bool: type message");
	is_int(input_bool(inc, "incident", "status", 1, &b, &err), -1,
	    "bool: \"investigating\" refused");
	is_int(input_bool(inc, "incident", "nope", 1, &b, &err), -1,
	    "bool: absent required");
	json_object_put(o);

	/* A long enum list is cut, not overflowed. */
	{
		static const char *const many[] = {
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
		    "cccccccccccccccccccccccccccccccccccccccccccccc",
		    "dddddddddddddddddddddddddddddddddddddddddddddd",
		    "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", NULL };

		o = must_parse("{\"s\": \"x\"}");
		is_int(input_enum(o, "", "s", 1, many, &s, &err), -1,
		    "enum: long list refused");
		ok(strlen(err.message) < sizeof(err.message),
		    "enum: long list message fits");
		json_object_put(o);
	}
}

static void
test_numbers(void)
{
	json_object	*o = must_parse("{\"n\": 42, \"neg\": -5, \"d\": 4.0,"
	    "\"e\": 1e3, \"s\": \"42\", \"t\": true, \"huge\": "
	    "99999999999999999999999, \"nhuge\": -99999999999999999999999,"
	    "\"max\": 9223372036854775806, \"u\": 12345678901234567890,"
	    "\"null\": null}");
	long long	v;

	is_int(input_int(o, "", "n", 1, 0, 100, &v, &err), 0, "int: in range");
	is_int(v, 42, "int: value");
	is_int(input_int(o, "", "n", 1, 42, 42, &v, &err), 0,
	    "int: both bounds inclusive");
	is_int(input_int(o, "", "n", 1, 0, 41, &v, &err), -1, "int: above max");
	is_str(err.message, "must be a whole number from 0 to 41",
	    "int: range message");
	is_str(err.field, "n", "int: field");
	is_int(input_int(o, "", "n", 1, 43, 100, &v, &err), -1, "int: below min");
	is_int(input_int(o, "", "neg", 1, -10, 10, &v, &err), 0, "int: negative");
	is_int(v, -5, "int: negative value");
	is_int(input_int(o, "", "d", 1, 0, 100, &v, &err), -1, "int: 4.0 refused");
	is_int(err.status, 422, "int: double is 422");
	is_int(input_int(o, "", "e", 1, 0, 10000, &v, &err), -1, "int: 1e3 refused");
	is_int(input_int(o, "", "s", 1, 0, 100, &v, &err), -1,
	    "int: \"42\" refused");
	is_str(err.message, "must be a whole number, not a string",
	    "int: type message");
	is_int(input_int(o, "", "t", 1, 0, 100, &v, &err), -1, "int: true refused");
	is_int(input_int(o, "", "null", 1, 0, 100, &v, &err), -1,
	    "int: null refused");
	is_int(input_int(o, "", "huge", 1, LLONG_MIN, LLONG_MAX, &v, &err), -1,
	    "int: saturated huge refused even with the widest range");
	is_int(input_int(o, "", "nhuge", 1, LLONG_MIN, LLONG_MAX, &v, &err), -1,
	    "int: saturated negative refused");
	is_int(input_int(o, "", "u", 1, LLONG_MIN, LLONG_MAX, &v, &err), -1,
	    "int: past int64 refused");
	is_int(input_int(o, "", "max", 1, 0, LLONG_MAX, &v, &err), 0,
	    "int: INT64_MAX - 1 taken");
	v = 9;
	is_int(input_int(o, "", "none", 0, 0, 1, &v, &err), 0,
	    "int: absent optional");
	is_int(v, 9, "int: absent leaves out alone");
	is_int(input_int(o, "", "none", 1, 0, 1, &v, &err), -1,
	    "int: absent required");
	is_str(err.message, "is required", "int: required message");
	json_object_put(o);
}

static void
test_ids(void)
{
	json_object	*o = must_parse("{\"c\": {\"s\": \"12\", \"i\": 12,"
	    "\"lead\": \"012\", \"neg\": \"-1\", \"nint\": -1, \"exp\": \"1e3\","
	    "\"dbl\": 1e3, \"d18\": \"123456789012345678\","
	    "\"d19\": \"1234567890123456789\", \"i18\": 999999999999999999,"
	    "\"i19\": 1000000000000000000, \"zero\": \"0\", \"izero\": 0,"
	    "\"empty\": \"\", \"space\": \" 12\", \"plus\": \"+12\","
	    "\"b\": true, \"arr\": [\"1\"], \"fw\": \"\xef\xbc\x91\"}}");
	json_object	*c;
	const char	*id;

	input_object(o, "", "c", 1, &c, &err);
	is_int(input_id(c, "incident", "s", 1, &id, &err), 0, "id: \"12\"");
	is_str(id, "12", "id: string value");
	id = NULL;
	is_int(input_id(c, "incident", "i", 1, &id, &err), 0, "id: 12");
	is_str(id, "12", "id: integer becomes \"12\"");
	is_int(json_object_get_type(json_object_object_get(c, "i")),
	    json_type_string, "id: the number is now a string in the object");
	is_str(json_object_get_string(json_object_object_get(c, "i")), id,
	    "id: the pointer is the object's string");
	is_int(input_id(c, "incident", "i", 1, &id, &err), 0,
	    "id: read again after the swap");
	is_int(input_id(c, "incident", "d18", 1, &id, &err), 0, "id: 18 digits");
	is_int(input_id(c, "incident", "i18", 1, &id, &err), 0,
	    "id: 18-digit integer");
	is_str(id, "999999999999999999", "id: 18-digit integer text");
	is_int(input_id(c, "incident", "lead", 1, &id, &err), -1, "id: \"012\"");
	is_int(err.status, 422, "id: 422");
	is_str(err.field, "incident.lead", "id: field");
	ok(has(err.message, "must be an id"), "id: message (%s)", err.message);
	is_int(input_id(c, "incident", "neg", 1, &id, &err), -1, "id: \"-1\"");
	is_int(input_id(c, "incident", "nint", 1, &id, &err), -1, "id: -1");
	is_int(input_id(c, "incident", "exp", 1, &id, &err), -1, "id: \"1e3\"");
	is_int(input_id(c, "incident", "dbl", 1, &id, &err), -1, "id: 1e3");
	is_int(input_id(c, "incident", "d19", 1, &id, &err), -1,
	    "id: 19 digits refused");
	is_int(input_id(c, "incident", "i19", 1, &id, &err), -1,
	    "id: 19-digit integer refused");
	is_int(input_id(c, "incident", "zero", 1, &id, &err), -1, "id: \"0\"");
	is_int(input_id(c, "incident", "izero", 1, &id, &err), -1, "id: 0");
	is_int(input_id(c, "incident", "empty", 1, &id, &err), -1, "id: \"\"");
	is_int(input_id(c, "incident", "space", 1, &id, &err), -1, "id: \" 12\"");
	is_int(input_id(c, "incident", "plus", 1, &id, &err), -1, "id: \"+12\"");
	is_int(input_id(c, "incident", "fw", 1, &id, &err), -1,
	    "id: a fullwidth digit is not a digit");
	is_int(input_id(c, "incident", "b", 1, &id, &err), -1, "id: true");
	is_str(err.message, "must be an id (a string of digits), not true or "
	    "false", "id: type message");
	is_int(input_id(c, "incident", "arr", 1, &id, &err), -1, "id: array");
	id = "untouched";
	is_int(input_id(c, "incident", "none", 0, &id, &err), 0,
	    "id: absent optional");
	is_str(id, "untouched", "id: absent leaves out alone");
	is_int(input_id(c, "incident", "none", 1, &id, &err), -1,
	    "id: absent required");
	json_object_put(o);
}

static void
test_id_lists(void)
{
	json_object	*o = must_parse("{\"c\": {\"ok\": [\"12\", 13],"
	    "\"twice\": [\"12\", 12], \"word\": [\"1\", \"no\\u00e9pe\"],"
	    "\"lead\": [7, 0], \"b\": [null], \"s\": \"12\", \"empty\": []}}");
	json_object	*c, *ids = NULL;

	input_object(o, "", "c", 1, &c, &err);
	is_int(input_ids(c, "incident", "ok", 1, &ids, &err), 0, "ids: [\"12\", 13]");
	is_int((int)json_object_array_length(ids), 2, "ids: both");
	is_int(json_object_get_type(json_object_array_get_idx(ids, 1)),
	    json_type_string, "ids: the number is now a string in the array");
	is_str(json_object_get_string(json_object_array_get_idx(ids, 1)), "13",
	    "ids: of its digits");
	is_int(input_ids(c, "incident", "twice", 1, &ids, &err), -1,
	    "ids: \"12\" and 12 are one id twice");
	is_str(err.field, "incident.twice.1", "ids: the field is the entry");
	is_str(err.message, "is listed twice", "ids: twice message");
	is_int(input_ids(c, "incident", "word", 1, &ids, &err), -1, "ids: a word");
	is_str(err.field, "incident.word.1", "ids: the word's entry");
	ok(has(err.message, "not \"no\\xc3\\xa9pe\""),
	    "ids: names it, as the log would (%s)", err.message);
	is_int(input_ids(c, "incident", "lead", 1, &ids, &err), -1, "ids: 0");
	is_str(err.field, "incident.lead.1", "ids: 0's entry");
	is_int(input_ids(c, "incident", "b", 1, &ids, &err), -1, "ids: [null]");
	is_str(err.message, "must be an id (a string of digits), not null",
	    "ids: type message");
	is_int(input_ids(c, "incident", "s", 1, &ids, &err), -1, "ids: a string");
	is_str(err.field, "incident.s", "ids: the field itself");
	is_str(err.message, "must be an array of ids, not a string",
	    "ids: array message");
	is_int(input_ids(c, "incident", "empty", 1, &ids, &err), 0, "ids: []");
	is_int((int)json_object_array_length(ids), 0, "ids: none");
	ids = NULL;
	is_int(input_ids(c, "incident", "none", 0, &ids, &err), 0,
	    "ids: absent optional");
	ok(ids == NULL, "ids: absent leaves out alone");
	json_object_put(o);
}

static int
time_ok(const char *t)
{
	char		 body[256];
	json_object	*o;
	const char	*out = NULL;
	int		 rc;

	snprintf(body, sizeof(body), "{\"t\": \"%s\"}", t);
	o = must_parse(body);
	rc = input_time(o, "incident", "t", 1, &out, &err);
	if (rc == 0 && (out == NULL || strcmp(out, t) != 0))
		rc = -2;
	json_object_put(o);
	return rc;
}

static void
test_dates(void)
{
	static const char *const good[] = { "2026-12-05", "2024-02-29",
		"2000-02-29", "1970-01-01", "2026-04-30", "9999-12-31", NULL };
	static const char *const form[] = { "", "2026-12-5", "26-12-05",
		"2026/12/05", "2026-12-05T00:00:00Z", " 2026-12-05",
		"2026-12-05 ", "+026-12-05", "today", NULL };
	static const char *const range[] = { "2026-13-01", "2026-00-01",
		"2026-01-00", "2026-04-31", "2026-02-29", "1900-02-29",
		"0000-01-01", NULL };
	char		 body[128];
	json_object	*o;
	const char	*out;
	size_t		 i;
	int		 rc;

	for (i = 0; good[i] != NULL; i++) {
		snprintf(body, sizeof(body), "{\"d\": \"%s\"}", good[i]);
		o = must_parse(body);
		out = NULL;
		rc = input_date(o, "component", "d", 1, &out, &err);
		ok(rc == 0 && out != NULL && strcmp(out, good[i]) == 0,
		    "date: %s", good[i]);
		json_object_put(o);
	}
	for (i = 0; form[i] != NULL; i++) {
		snprintf(body, sizeof(body), "{\"d\": \"%s\"}", form[i]);
		o = must_parse(body);
		is_int(input_date(o, "component", "d", 1, &out, &err), -1,
		    "date refused: '%s'", form[i]);
		ok(err.status == 422 && strcmp(err.field, "component.d") == 0 &&
		    has(err.message, "must be a date like"),
		    "date: form message and field");
		json_object_put(o);
	}
	for (i = 0; range[i] != NULL; i++) {
		snprintf(body, sizeof(body), "{\"d\": \"%s\"}", range[i]);
		o = must_parse(body);
		is_int(input_date(o, "component", "d", 1, &out, &err), -1,
		    "date out of range: %s", range[i]);
		ok(has(err.message, "out of range"), "date: range message");
		json_object_put(o);
	}
	o = must_parse("{\"old\": \"0999-01-01\", \"eve\": \"1969-12-31\"}");
	is_int(input_date(o, "component", "old", 1, &out, &err), -1,
	    "date: the year 999 refused");
	ok(has(err.message, "from 1970 to 9999"), "date: era message");
	is_int(input_date(o, "component", "eve", 1, &out, &err), -1,
	    "date: 1969-12-31 refused");
	json_object_put(o);
	o = must_parse("{\"n\": 20261205, \"s\": null}");
	is_int(input_date(o, "c", "n", 0, &out, &err), -1, "date: a number refused");
	is_str(err.message, "must be a date, not a number", "date: type message");
	is_int(input_date(o, "c", "s", 0, &out, &err), -1, "date: null refused");
	out = "untouched";
	is_int(input_date(o, "c", "x", 0, &out, &err), 0, "date: absent optional");
	is_str(out, "untouched", "date: absent leaves out alone");
	json_object_put(o);
}

static void
test_times(void)
{
	static const char *const good[] = {
		"2026-12-05T02:00:00Z", "2026-12-05T02:00Z",
		"2026-12-05T03:00:00+01:00", "2026-12-04T21:30:00-04:30",
		"2026-12-05T02:00:00.5Z", "2026-12-05T02:00:00.123456Z",
		"2024-02-29T00:00:00Z", "2000-02-29T12:00:00Z",
		"2026-01-31T23:59:59Z", "2026-12-05T02:00:00+14:00",
		"2026-12-05T02:00:00-12:00", "2026-12-05T02:00:00+00:00",
		"2026-04-30T00:00:00Z", "1970-01-01T00:00:00Z",
		"1970-01-01T00:30:00-01:00", "9999-12-31T23:59:59Z",
		"9999-12-31T23:59:59+00:30", NULL };
	/* Real times, but outside 1970-9999 in UTC: typing mistakes. */
	static const char *const era[] = {
		"0001-01-01T00:00:00Z", "0999-06-01T00:00:00Z",
		"1969-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00",
		"9999-12-31T23:59:59-00:01", NULL };
	static const char *const form[] = {
		"", "2026-12-05", "2026-12-05T02:00:00", "2026-12-05 02:00:00Z",
		"2026-12-05t02:00:00Z", "2026-12-05T02:00:00z",
		"2026-12-5T02:00:00Z", "26-12-05T02:00:00Z",
		"2026-12-05T2:00:00Z", "2026-12-05T02:00:0Z",
		"2026-12-05T02:00:00.Z", "2026-12-05T02:00:00.1234567Z",
		"2026-12-05T02:00:00+0100", "2026-12-05T02:00:00+01",
		"2026-12-05T02:00:00+1:00", "2026-12-05T02:00:00 Z",
		"2026-12-05T02:00:00Z ", " 2026-12-05T02:00:00Z",
		"2026-12-05T02:00:00ZZ", "now", "+2026-12-05T02:00:00Z",
		"2026-12-05T02:00.5Z", "2026-12-05T02:00:00UTC",
		"\xef\xbc\x92" "026-12-05T02:00:00Z", NULL };
	static const char *const range[] = {
		"2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
		"2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z",
		"2026-04-31T00:00:00Z", "2026-02-29T00:00:00Z",
		"1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
		"2026-12-05T24:00:00Z", "2026-12-05T02:60:00Z",
		"2026-12-05T02:00:60Z", "2026-12-05T02:00:00+14:01",
		"2026-12-05T02:00:00+15:00", "2026-12-05T02:00:00-01:60",
		"0000-01-01T00:00:00Z", NULL };
	json_object	*o;
	const char	*out;
	size_t		 i;

	for (i = 0; good[i] != NULL; i++)
		is_int(time_ok(good[i]), 0, "time: %s", good[i]);
	for (i = 0; form[i] != NULL; i++) {
		is_int(time_ok(form[i]), -1, "time refused: '%s'", form[i]);
		ok(err.status == 422 && strcmp(err.field, "incident.t") == 0 &&
		    has(err.message, "must be a time like"),
		    "time: form message and field");
	}
	for (i = 0; range[i] != NULL; i++) {
		is_int(time_ok(range[i]), -1, "time out of range: %s", range[i]);
		ok(err.status == 422 && has(err.message, "out of range"),
		    "time: range message");
	}
	for (i = 0; era[i] != NULL; i++) {
		is_int(time_ok(era[i]), -1, "time outside 1970-9999: %s", era[i]);
		ok(err.status == 422 && has(err.message, "from 1970 to 9999"),
		    "time: era message");
	}
	o = must_parse("{\"n\": 1764900000, \"s\": null}");
	is_int(input_time(o, "m", "n", 1, &out, &err), -1,
	    "time: a number refused");
	is_str(err.message, "must be a time, not a number", "time: type message");
	is_int(input_time(o, "m", "s", 0, &out, &err), -1, "time: null refused");
	out = "untouched";
	is_int(input_time(o, "m", "x", 0, &out, &err), 0, "time: absent optional");
	is_str(out, "untouched", "time: absent leaves out alone");
	is_int(input_time(o, "m", "x", 1, &out, &err), -1, "time: absent required");
	is_str(err.field, "m.x", "time: field");
	json_object_put(o);
}

static void
test_keys(void)
{
	static const char *const known[] = { "name", "status", "body", NULL };
	static const char *const none[] = { NULL };
	json_object	*o;

	o = must_parse("{\"name\": \"x\", \"status\": \"resolved\"}");
	is_int(input_known_keys(o, "incident", known, &err), 0,
	    "keys: known only");
	json_object_put(o);
	o = must_parse("{}");
	is_int(input_known_keys(o, "incident", none, &err), 0,
	    "keys: empty object, empty list");
	json_object_put(o);
	o = must_parse("{\"name\": \"x\", \"impact\": \"major\"}");
	is_int(input_known_keys(o, "incident", known, &err), -1,
	    "keys: unknown refused");
	is_int(err.status, 422, "keys: 422");
	is_str(err.field, "incident.impact", "keys: field names it");
	is_str(err.message, "is not a known field", "keys: message");
	is_int(input_known_keys(o, "", known, &err), -1, "keys: at top level");
	is_str(err.field, "impact", "keys: top-level field");
	json_object_put(o);
	o = must_parse("{\"Name\": 1}");
	is_int(input_known_keys(o, "i", known, &err), -1,
	    "keys: case matters");
	json_object_put(o);
	o = must_parse("{\"<script>\\n\xc3\xa9\": 1}");
	is_int(input_known_keys(o, "incident", known, &err), -1,
	    "keys: odd key refused");
	is_str(err.field, "incident.?script???", "keys: odd characters become ?");
	ok(has(err.message, "'?'"), "keys: message explains the ?");
	json_object_put(o);
	o = must_parse("{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 1}");
	is_int(input_known_keys(o, "incident", known, &err), -1,
	    "keys: long key refused");
	is_int(strlen(err.field), sizeof(err.field) - 1, "keys: field cut to fit");
	json_object_put(o);
	o = must_parse("{\"a\": [1]}");
	is_int(input_known_keys(json_object_object_get(o, "a"), "a", known, &err),
	    -1, "keys: not an object");
	is_str(err.message, "must be an object, not an array",
	    "keys: not an object message");
	json_object_put(o);
}

static void
test_fail(void)
{
	is_int(input_fail(&err, 409, "incident", "components",
	    "names %d unknown components", 3), -1, "fail: returns -1");
	is_int(err.status, 409, "fail: status");
	is_str(err.message, "names 3 unknown components", "fail: message");
	is_str(err.field, "incident.components", "fail: field");
	input_fail(&err, 422, "incident.components", "12", "is not a component");
	is_str(err.field, "incident.components.12", "fail: nested field");
	input_fail(&err, 422, "", NULL, "x");
	is_str(err.field, "", "fail: no field");
	input_fail(&err, 422, "incident", NULL, "x");
	is_str(err.field, "incident", "fail: path alone");
	input_fail(&err, 422, NULL, "k", "x");
	is_str(err.field, "k", "fail: NULL path");
	input_fail(&err, 422, "", "", "%s%s%s", "0123456789012345678901234567890"
	    "12345678901234567890123456789012345678901234567890123456789012345",
	    "678901234567890123456789012345678901234567890123456789",
	    "0123456789012345678901234567890123456789");
	is_int(strlen(err.message), sizeof(err.message) - 1,
	    "fail: long message cut to fit");
}

/* A realistic body, read the way a handler would. */
static void
test_handler_flow(void)
{
	static const char *const inc_keys[] = { "name", "status",
	    "impact_override", "body", "components", "component_ids",
	    "scheduled_for", "scheduled_until", "deliver_notifications", NULL };
	static const char *const statuses[] = { "investigating", "identified",
	    "monitoring", "resolved", "scheduled", "in_progress", "verifying",
	    "completed", NULL };
	json_object	*o, *o2, *inc, *comps;
	const char	*name, *status, *body, *from, *until, *id;
	int		 notify = 1;

	o = must_parse("{\"incident\": {\"name\": \"Database maintenance\","
	    "\"status\": \"scheduled\", \"body\": \"We upgrade PostgreSQL.\","
	    "\"scheduled_for\": \"2026-12-05T02:00:00Z\","
	    "\"scheduled_until\": \"2026-12-05T04:00:00Z\","
	    "\"deliver_notifications\": false,"
	    "\"components\": {\"1\": \"under_maintenance\", \"22\": "
	    "\"operational\"}}}");
	ok(input_known_keys(o, "", (const char *const[]){ "incident", NULL },
	    &err) == 0 &&
	    input_object(o, "", "incident", 1, &inc, &err) == 0 &&
	    input_known_keys(inc, "incident", inc_keys, &err) == 0 &&
	    input_string(inc, "incident", "name", 1, 255, &name, &err) == 0 &&
	    input_enum(inc, "incident", "status", 1, statuses, &status,
	    &err) == 0 &&
	    input_string(inc, "incident", "body", 0, 20000, &body, &err) == 0 &&
	    input_time(inc, "incident", "scheduled_for", 0, &from, &err) == 0 &&
	    input_time(inc, "incident", "scheduled_until", 0, &until,
	    &err) == 0 &&
	    input_bool(inc, "incident", "deliver_notifications", 0, &notify,
	    &err) == 0 &&
	    input_object(inc, "incident", "components", 0, &comps, &err) == 0,
	    "maintenance body reads cleanly");
	is_str(name, "Database maintenance", "flow: name");
	is_str(until, "2026-12-05T04:00:00Z", "flow: until");
	is_int(notify, 0, "flow: notify");
	{
		static const char *const cstat[] = { "operational",
		    "degraded_performance", "partial_outage", "major_outage",
		    "under_maintenance", NULL };
		int	n = 0, bad = 0;

		/* The keys are ids: the handler checks their text itself. */
		json_object_object_foreach(comps, k, v) {
			(void)v;
			if (input_enum(comps, "incident.components", k, 1,
			    cstat, &id, &err) == -1)
				bad++;
			n++;
		}
		ok(n == 2 && bad == 0, "flow: component statuses read");
		o2 = must_parse("{\"components\": {\"7\": \"broken\"}}");
		input_object(o2, "incident", "components", 1, &comps, &err);
		json_object_object_foreach(comps, k2, v2) {
			(void)v2;
			input_enum(comps, "incident.components", k2, 1, cstat,
			    &id, &err);
		}
		is_str(err.field, "incident.components.7",
		    "flow: a bad component names its id");
		json_object_put(o2);
	}
	json_object_put(o);
}

/* Every seed of the fuzz corpus: no crash, an object or a 4xx. */
static void
test_corpus(void)
{
	const char	*srcdir = getenv("LANTERN_SRCDIR");
	char		 dir[4096], path[4096 + 256];
	struct dirent	*de;
	DIR		*d;
	int		 files = 0, good = 0, bad = 0;

	if (srcdir == NULL || *srcdir == '\0') {
		ok(1, "# SKIP LANTERN_SRCDIR is not set: corpus not read");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/fuzz/corpus/input", srcdir);
	if ((d = opendir(dir)) == NULL) {
		ok(0, "corpus directory %s opens", dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		static char	 data[INPUT_MAX_BYTES + 2];
		json_object	*obj;
		FILE		*f;
		size_t		 n;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((f = fopen(path, "rb")) == NULL) {
			ok(0, "corpus: %s opens", de->d_name);
			continue;
		}
		n = fread(data, 1, sizeof(data), f);
		fclose(f);
		files++;
		memset(&err, 0, sizeof(err));
		if ((obj = input_parse(data, n, &err)) != NULL) {
			good++;
			json_object_put(obj);
		} else if (err.status >= 400 && err.status < 500 &&
		    err.message[0] != '\0')
			bad++;
		else
			ok(0, "corpus: %s: status %d '%s'", de->d_name,
			    err.status, err.message);
	}
	closedir(d);
	ok(files >= 10, "corpus: %d seed files read", files);
	is_int(good + bad, files, "corpus: %d parse, %d refused with a 4xx",
	    good, bad);
	ok(good > 0 && bad > 0, "corpus: has both valid and invalid seeds");
}

int
main(void)
{
	test_parse();
	test_strings();
	test_numbers();
	test_ids();
	test_id_lists();
	test_times();
	test_dates();
	test_keys();
	test_fail();
	test_handler_flow();
	test_corpus();
	return done_testing();
}
