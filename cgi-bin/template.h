/*
 * template.h: the console's incident templates: their writes, declared as
 * the API's are (write.h), and the one substitution they know.
 */
#ifndef LANTERN_TEMPLATE_H
#define LANTERN_TEMPLATE_H

struct arena;
struct write_op;

/*
 * Bodies {"template": {"name", "title", "body"}} on the path's page (and
 * the template's id): audited as incident_template.create, .update and
 * .delete.  422 naming the field for a blank or too long one, 409 for a
 * name the page has already, 404 for a template that is not there.
 */
extern const struct write_op template_create, template_update,
	    template_delete;

/*
 * text with {page} and {components} replaced by page and components;
 * anything else, braces included, stays as written: no template language
 * runs here.  In the arena.
 */
const char	*template_fill(struct arena *, const char *text, const char *page,
		    const char *components);

#endif
