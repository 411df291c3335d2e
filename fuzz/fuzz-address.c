/*
 * fuzz-address.c: libFuzzer target for subscribers' addresses: e-mail
 * addresses and webhook URLs as the API and the public form take them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "address.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Nothing an accepted address may carry into a header, a URL or markup. */
static void
clean(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f || *s == '"' || *s == '<' ||
		    *s == '>' || *s == '\\')
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*at;
	char		*s;

	/* A block of its own size, so ASan sees a read past the end. */
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (strlen(s) == size && address_email(s) == NULL) {
		clean(s);
		/* One @, something either side, a dot after it. */
		if ((at = strchr(s, '@')) == NULL || at == s || strchr(at + 1, '@') != NULL ||
		    strchr(at + 1, '.') == NULL || size > ADDRESS_EMAIL_MAX)
			abort();
	}
	if (strlen(s) == size && address_url(s, 0) == NULL) {
		clean(s);
		if (strncasecmp(s, "https://", 8) != 0 || size > ADDRESS_URL_MAX ||
		    s[8] == '/' || s[8] == '\0')
			abort();
		/* What a public target may be, a private one may be too. */
		if (address_url(s, 1) != NULL)
			abort();
	}
	if (strlen(s) == size && address_url(s, 1) == NULL) {
		clean(s);
		if (strncasecmp(s, "https://", 8) != 0 && strncasecmp(s, "http://", 7) != 0)
			abort();
	}
	free(s);
	return 0;
}
