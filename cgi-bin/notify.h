/*
 * notify.h: telling systemd how the program is (sd_notify's protocol, a
 * datagram to $NOTIFY_SOCKET), without linking libsystemd for it.
 */
#ifndef LANTERN_NOTIFY_H
#define LANTERN_NOTIFY_H

/* Sends msg ("READY=1", "WATCHDOG=1", ...); nothing without a manager. */
void	notify(const char *msg);
/*
 * Half of $WATCHDOG_USEC in milliseconds, how often to say WATCHDOG=1;
 * 0 when no watchdog is asked for (or it is meant for another process).
 */
int	notify_watchdog_ms(void);

#endif
