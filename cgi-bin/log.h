/* log.h: one-line messages to standard error, safe to call from any thread */
#ifndef LANTERN_LOG_H
#define LANTERN_LOG_H

void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
