/* fuzz-input.c: libFuzzer target for the write API's body parser and getters */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "input.h"
#include "status.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const keys[] = { "name", "status", "impact_override",
    "body", "components", "component_ids", "scheduled_for",
    "scheduled_until", NULL };

/*
 * A string input_string took: valid UTF-8 all through its length (no NUL
 * inside), nothing a page or feed could not carry, at most max characters.
 */
static int
clean_text(const char *str, size_t max)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = strlen(str), i, len, chars = 0;
	uint32_t		 cp;

	for (i = 0; i < n; i += len, chars++)
		if ((len = esc_utf8_decode(s + i, n - i, &cp)) == 0 ||
		    esc_forbidden(cp))
			return 0;
	return n > 0 && chars <= max;
}

/* Every getter on one key of obj, required and not; err must hold up. */
static void
getters(json_object *obj, const char *path, const char *key)
{
	struct input_error	 err;
	json_object		*sub;
	const char		*s;
	long long		 n;
	int			 b, req, w;

	for (req = 0; req < 2; req++) {
		memset(&err, 0, sizeof(err));
		s = NULL;
		if (input_string(obj, path, key, req, 255, &s, &err) == 0 &&
		    s != NULL && (!clean_text(s, 255) ||
		    !json_object_object_get_ex(obj, key, &sub) ||
		    (size_t)json_object_get_string_len(sub) != strlen(s)))
			__builtin_trap();
		input_string(obj, path, key, req, 0, &s, &err);
		INPUT_WORD(obj, path, key, req, notice_statuses,
		    NOTICE_STATUS_INPUTS, &w, &err);
		input_bool(obj, path, key, req, &b, &err);
		input_int(obj, path, key, req, -1000, 1000, &n, &err);
		input_time(obj, path, key, req, &s, &err);
		if (input_object(obj, path, key, req, &sub, &err) == 0 &&
		    req == 1) {
			input_known_keys(sub, key, keys, &err);
			/* components: {"<id>": "<status>"} */
			json_object_object_foreach(sub, k, v) {
				(void)v;
				input_id(sub, key, k, 1, &s, &err);
				INPUT_WORD(sub, key, k, 1, component_statuses,
				    STATUS_COUNT, &w, &err);
			}
		}
		/* Last: input_id may replace a number with a string. */
		if (input_id(obj, path, key, req, &s, &err) == 0 && req == 1 &&
		    !input_is_id(s))
			__builtin_trap();
		/* Messages and fields always end inside their buffers. */
		if (memchr(err.message, '\0', sizeof(err.message)) == NULL ||
		    memchr(err.field, '\0', sizeof(err.field)) == NULL)
			__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input_error	 err;
	json_object		*obj, *inner;
	size_t			 i;

	obj = input_parse((const char *)data, size, &err);
	if (obj == NULL) {
		if (err.status < 400 || err.status > 499)
			__builtin_trap();
		return 0;
	}
	input_known_keys(obj, "", (const char *const[]){ "incident",
	    "component", NULL }, &err);
	getters(obj, "", "incident");
	if (input_object(obj, "", "incident", 1, &inner, &err) == 0) {
		input_known_keys(inner, "incident", keys, &err);
		for (i = 0; keys[i] != NULL; i++)
			getters(inner, "incident", keys[i]);
	}
	if (input_object(obj, "", "component", 1, &inner, &err) == 0)
		getters(inner, "component", "status");
	json_object_put(obj);
	return 0;
}
