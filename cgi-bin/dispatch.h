/* dispatch.h: one request, one way: accept, route, handle, render */
#ifndef LANTERN_DISPATCH_H
#define LANTERN_DISPATCH_H

#include <fcgiapp.h>

struct config;
struct db;

void	dispatch(FCGX_Request *, const struct config *, struct db *);

#endif
