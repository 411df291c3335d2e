#!/usr/bin/perl
# handoff.pl: starts a program on a listening socket it is handed, as
# spawn-fcgi (fd 0) or systemd (fd 3 with LISTEN_FDS/LISTEN_PID) would.
# usage: handoff.pl stdin|systemd SOCKET PROGRAM [ARGS...]
use strict;
use warnings;
use IO::Socket::UNIX;
use POSIX qw(dup2);
use Fcntl qw(F_SETFD);

my ($mode, $path, @cmd) = @ARGV;
unlink $path;
my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path, Listen => 16)
    or die "listen $path: $!\n";
my $fd = $mode eq 'systemd' ? 3 : 0;	# SD_LISTEN_FDS_START
# dup2 leaves the copy open across exec; the original closes there.
if (fileno($s) == $fd) {
	fcntl($s, F_SETFD, 0) or die "fcntl: $!\n";
} else {
	dup2(fileno($s), $fd) or die "dup2: $!\n";
}
if ($mode eq 'systemd') {
	$ENV{LISTEN_FDS} = 1;
	$ENV{LISTEN_PID} = $$;	# exec keeps the pid
}
exec @cmd or die "exec $cmd[0]: $!\n";
