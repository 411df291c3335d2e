#!/usr/bin/perl
# fcgi-request.pl: a minimal FastCGI client for the tests.
# usage: fcgi-request.pl SOCKET METHOD PATH [FIFO]
# With FIFO, the request's parameters are held back until a line arrives on
# it, so a test can act while the request is in flight.  Prints the response.
use strict;
use warnings;
use IO::Socket::UNIX;

my ($path, $method, $uri, $fifo) = @ARGV;
my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path)
    or die "connect $path: $!\n";

sub record {
	my ($type, $content) = @_;
	my $len = length $content;
	my $pad = (8 - $len % 8) % 8;
	return pack('CCnnCC', 1, $type, 1, $len, $pad, 0) . $content . ("\0" x $pad);
}

sub pair {
	my ($k, $v) = @_;
	return pack('CC', length $k, length $v) . $k . $v;
}

# FCGI_BEGIN_REQUEST, role responder, no keep-alive.
print $s record(1, pack('nCx5', 1, 0));
my $params = pair(REQUEST_METHOD => $method) . pair(DOCUMENT_URI => $uri)
    . pair(QUERY_STRING => '') . pair(HTTP_ACCEPT => 'application/json');
my $half = int(length($params) / 2);
print $s record(4, substr($params, 0, $half));
$s->flush;
if (defined $fifo) {
	open my $f, '<', $fifo or die "$fifo: $!\n";
	my $go = <$f>;
	close $f;
}
print $s record(4, substr($params, $half));
print $s record(4, '');
print $s record(5, '');
$s->flush;

my ($out, $buf, $body, $ended) = ('', '', '', 0);
while (sysread($s, $buf, 65536)) { $out .= $buf; }
while (length $out >= 8) {
	my ($ver, $type, $id, $len, $pad) = unpack('CCnnC', $out);
	$body .= substr($out, 8, $len) if $type == 6;	# FCGI_STDOUT
	$ended = 1 if $type == 3;			# FCGI_END_REQUEST
	substr($out, 0, 8 + $len + $pad) = '';
}
print $body;
exit($ended ? 0 : 1);
