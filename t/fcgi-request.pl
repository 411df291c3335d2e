#!/usr/bin/perl
# fcgi-request.pl: a minimal FastCGI client for the tests.
# usage: fcgi-request.pl [-p NAME=VALUE]... SOCKET METHOD PATH [FIFO]
# With FIFO, the request's parameters are held back until a line arrives on
# it, so a test can act while the request is in flight.  Each -p sends one
# more parameter, or replaces a default (QUERY_STRING, HTTP_ACCEPT): a
# request header as nginx would pass it, e.g. -p HTTP_ACCEPT_ENCODING=gzip.
# Prints the response, headers and body, byte for byte.
use strict;
use warnings;
use IO::Socket::UNIX;

my @extra;
while (@ARGV >= 2 && $ARGV[0] eq '-p') {
	my (undef, $p) = splice(@ARGV, 0, 2);
	$p =~ /^([^=]+)=(.*)$/s or die "-p wants NAME=VALUE, not '$p'\n";
	push @extra, [$1, $2];
}
my ($path, $method, $uri, $fifo) = @ARGV;
die "usage: fcgi-request.pl [-p NAME=VALUE]... SOCKET METHOD PATH [FIFO]\n"
    unless defined $uri;
my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path)
    or die "connect $path: $!\n";

sub record {
	my ($type, $content) = @_;
	my $len = length $content;
	my $pad = (8 - $len % 8) % 8;
	return pack('CCnnCC', 1, $type, 1, $len, $pad, 0) . $content . ("\0" x $pad);
}

# A length below 128 is one byte, else four with the top bit set.
sub len { my $n = shift; return $n < 128 ? pack('C', $n) : pack('N', $n | 0x80000000); }

sub pair {
	my ($k, $v) = @_;
	return len(length $k) . len(length $v) . $k . $v;
}

# FCGI_BEGIN_REQUEST, role responder, no keep-alive.
print $s record(1, pack('nCx5', 1, 0));
my %default = (QUERY_STRING => '', HTTP_ACCEPT => 'application/json');
my %given = map { $_->[0] => 1 } @extra;
my $params = pair(REQUEST_METHOD => $method) . pair(DOCUMENT_URI => $uri);
for my $k (sort keys %default) {
	$params .= pair($k => $default{$k}) unless $given{$k};
}
$params .= pair(@$_) for @extra;
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
binmode STDOUT;
print $body;
exit($ended ? 0 : 1);
