/* template.c: the console's incident templates: their writes and their substitution */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "json.h"
#include "template.h"
#include "write.h"

const char *
template_fill(struct arena *a, const char *text, const char *page,
    const char *components)
{
	static const struct {
		const char	*name;
		size_t		 len;
	} names[] = { { "{page}", 6 }, { "{components}", 12 } };
	const char	*values[2] = { page, components };
	struct buf	 out;
	size_t		 i;

	buf_init(&out, a);
	while (*text != '\0') {
		for (i = 0; i < 2; i++)
			if (strncmp(text, names[i].name, names[i].len) == 0)
				break;
		if (i < 2) {
			buf_puts(&out, values[i] != NULL ? values[i] : "");
			text += names[i].len;
		} else
			buf_putc(&out, *text++);
	}
	return out.data;
}

/* The template as the audit log keeps it, read inside the transaction. */
static json_object *
template_json(struct write *w, const char *id)
{
	struct store_template	*t;
	json_object		*o;
	size_t			 n;

	if (store_templates(&w->tx, w->page_id, id, 1, &t, &n) != STORE_OK)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(t->id));
	json_object_object_add(o, "name", json_object_new_string(t->name));
	json_object_object_add(o, "title", json_object_new_string(t->title));
	json_object_object_add(o, "body", json_object_new_string(t->body));
	return o;
}

static const struct write_resource a_template = {
	.type = "incident_template",
	.what = "template",
	.lock = &store_template_lock,
	.missing = "There is no such template on this page.",
	.field = "template_id",
	.json = template_json,
};

static const char *const template_keys[] = { "name", "title", "body", NULL };

static int
read_fields(struct write *w, int create, struct template_patch *p,
    struct input_error *err)
{
	json_object	*obj;

	if (input_object(w->body, "", "template", 1, &obj, err) == -1 ||
	    input_known_keys(obj, "template", template_keys, err) == -1 ||
	    input_string(obj, "template", "name", create, 100, &p->name, err) == -1 ||
	    input_string(obj, "template", "title", 0, 300, &p->title, err) == -1 ||
	    input_string(obj, "template", "body", 0, 20000, &p->body, err) == -1)
		return -1;
	/* What a person picks it by: spaces around it would be two names. */
	if (p->name != NULL && (p->name[0] == ' ' ||
	    p->name[strlen(p->name) - 1] == ' '))
		return input_fail(err, 422, "template", "name",
		    "must not begin or end with spaces");
	return 0;
}

static int
read_new(struct write *w, void *arg, struct input_error *err)
{
	return read_fields(w, 1, arg, err);
}

static int
read_patch(struct write *w, void *arg, struct input_error *err)
{
	return read_fields(w, 0, arg, err);
}

/* A name the page has already is the person's to change: 409 naming it. */
static int
stored(struct write *w, enum store_result r)
{
	if (r == STORE_FAILED && strcmp(w->req->db->constraint,
	    "incident_templates_page_id_name_key") == 0) {
		write_error(w, 409, "A template of that name exists already.",
		    "template.name");
		return -1;
	}
	return write_stored(w, &a_template, r);
}

static int
insert(struct write *w, void *arg, const char **id)
{
	return stored(w, store_template_insert(&w->tx, w->page_id, arg, id));
}

static int
update(struct write *w, void *arg, const char **id)
{
	return stored(w, store_template_update(&w->tx, w->page_id, *id, arg));
}

/* POST /manage/templates: 201 with the template. */
const struct write_op template_create = { NULL, &a_template,
	"incident_template.create", 201, ANSWER_AFTER, BEFORE_NONE,
	read_new, insert, NULL, sizeof(struct template_patch), NULL };

/* POST /manage/templates/{id}: 200 with the template; 404. */
const struct write_op template_update = { &a_template, &a_template,
	"incident_template.update", 200, ANSWER_AFTER, BEFORE_READ,
	read_patch, update, NULL, sizeof(struct template_patch), NULL };

/* POST /manage/templates/{id}/delete: 200 with what it was; 404. */
const struct write_op template_delete = { &a_template, &a_template,
	"incident_template.delete", 200, ANSWER_BEFORE, BEFORE_NEEDED,
	NULL, NULL, store_template_delete, 0, NULL };
