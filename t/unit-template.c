/* unit-template.c: a template's substitution replaces two names and runs nothing */
#include "arena.h"
#include "tap.h"
#include "template.h"

int
main(void)
{
	struct arena	*a = arena_new();

	is_str(template_fill(a, "{components} down on {page}", "VM0", "Runner and API"),
	    "Runner and API down on VM0", "both names replaced");
	is_str(template_fill(a, "{page}{page}", "P", ""), "PP", "each time they occur");
	is_str(template_fill(a, "{components} affected", "P", NULL), " affected",
	    "no components: nothing in their place");
	is_str(template_fill(a, "{unknown} {Page} { page } {{page}} {page", "P", "C"),
	    "{unknown} {Page} { page } {P} {page", "other names and broken braces stay as written");
	is_str(template_fill(a, "$(rm -rf /) `id` ${page} %s %n {components", "P", "C"),
	    "$(rm -rf /) `id` $P %s %n {components", "shell and printf forms are only text");
	is_str(template_fill(a, "<b>{page}</b>", "<i>&</i>", ""), "<b><i>&</i></b>",
	    "text in, text out: escaping is the page's, where it is shown");
	is_str(template_fill(a, "{page}", "{components}", "C"), "{components}",
	    "a value is not read again for names");
	is_str(template_fill(a, "", "P", "C"), "", "an empty text");
	arena_free(a);
	return done_testing();
}
