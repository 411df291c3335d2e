/* notify.c: telling systemd how the program is */
#include <sys/socket.h>
#include <sys/un.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notify.h"

void
notify(const char *msg)
{
	const char		*path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un	 sun;
	socklen_t		 len;
	int			 fd;

	if (path == NULL || (path[0] != '/' && path[0] != '@') ||
	    strlen(path) >= sizeof(sun.sun_path))
		return;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	/* "@name" is Linux's abstract namespace: a NUL first, no file. */
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return;
	(void)!sendto(fd, msg, strlen(msg), MSG_NOSIGNAL,
	    (const struct sockaddr *)&sun, len);
	close(fd);
}

int
notify_watchdog_ms(void)
{
	const char	*usec = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
	long long	 us;

	if (usec == NULL || (pid != NULL && atol(pid) != (long)getpid()))
		return 0;
	us = atoll(usec);
	if (us <= 0)
		return 0;
	return us / 2000 > 0 ? (int)(us / 2000) : 1;
}
