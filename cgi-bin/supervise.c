/* supervise.c: one serving process kept on a socket that outlives it */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "log.h"
#include "server.h"
#include "supervise.h"

/* A process that dies this soon after its start is in a crash loop. */
#define QUICK_DEATH_MS	1000
#define RESTART_MS	200
#define RESTART_MAX_MS	5000
/* How long a stop may take before the serving process is killed. */
#define STOP_WAIT_MS	5000

/* The next signal of set within ms (-1: no limit); 0 if none came. */
static int
next_signal(const sigset_t *set, long long ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	int		sig;

	for (;;) {
		sig = ms < 0 ? sigwaitinfo(set, NULL) : sigtimedwait(set, NULL, &ts);
		if (sig > 0)
			return sig;
		if (errno != EINTR)
			return 0;
	}
}

static pid_t
start(const struct config *cfg, int fd, pid_t parent)
{
	pid_t	pid = fork();

	if (pid != 0)
		return pid;
	/* Never outlive the parent: its stop is ours. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(0);
	_exit(server_run(cfg, fd, 0));
}

/* Passes the stop on and waits for it, killing past STOP_WAIT_MS. */
static void
stop(pid_t pid, int sig, const sigset_t *set)
{
	long long	until = clock_mono_ms() + STOP_WAIT_MS;

	kill(pid, sig);
	while (waitpid(pid, NULL, WNOHANG) == 0) {
		if (clock_mono_ms() >= until) {
			log_warnx("supervise: the serving process did not stop "
			    "in %d ms; killing it", STOP_WAIT_MS);
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return;
		}
		next_signal(set, 50);
	}
}

int
supervise(const struct config *cfg)
{
	sigset_t	 set;
	pid_t		 pid, parent = getpid();
	long long	 started;
	int		 fd, sig, status, delay = RESTART_MS;

	if ((fd = server_listen(cfg)) == -1)
		return 1;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);

	for (;;) {
		if ((pid = start(cfg, fd, parent)) == -1) {
			log_warnx("supervise: fork: %s", strerror(errno));
			sig = SIGTERM;
			break;
		}
		started = clock_mono_ms();
		for (;;) {
			sig = next_signal(&set, -1);
			if (sig == SIGCHLD && waitpid(pid, &status, WNOHANG) == pid)
				break;
			if (sig != SIGCHLD && sig != SIGHUP) {
				stop(pid, sig != 0 ? sig : SIGTERM, &set);
				goto done;
			}
		}
		if (WIFSIGNALED(status))
			log_warnx("supervise: the serving process died of signal "
			    "%d; starting another", WTERMSIG(status));
		else
			log_warnx("supervise: the serving process exited with "
			    "status %d; starting another", WEXITSTATUS(status));
		/* Dying at once, again and again: back off, up to 5 s. */
		delay = clock_mono_ms() - started < QUICK_DEATH_MS ?
		    (delay * 2 > RESTART_MAX_MS ? RESTART_MAX_MS : delay * 2) :
		    RESTART_MS;
		if ((sig = next_signal(&set, delay)) == SIGTERM || sig == SIGINT)
			break;
	}
done:
	close(fd);
	if (cfg->socket_path != NULL)
		unlink(cfg->socket_path);
	return 0;
}
