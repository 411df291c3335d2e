/* ui-manage-components.c: the console's components, under /manage/components/ */
#include "arena.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "manage.h"
#include "write.h"

/*
 * POST /manage/components/{id}/status (the Now screen's forms): the
 * component's new status, as the API's PATCH of the component writes it
 * (the same validation, status history, audit row and change notice).
 * 303 to the Now screen once the snapshot shows it; the Now screen again
 * with the refusal (4xx) if it is refused.
 */
void
ui_manage_component_status(struct request *req, struct response *resp)
{
	const char		*status = manage_field(req, "status");
	const char		*ids[1] = { req->params[0] };
	json_object		*body = json_own(req->arena, json_object_new_object());
	json_object		*c = json_object_new_object();
	struct write_outcome	 out;

	json_object_object_add(c, "status", json_object_new_string(status != NULL ?
	    status : ""));
	json_object_object_add(body, "component", c);
	if (manage_write(req, resp, &api_v1_component_update, ids, 1, body,
	    &out) == 0)
		manage_redirect(req, resp, "/manage/");
	else
		manage_now(req, resp, &out);
}
