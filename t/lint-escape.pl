#!/usr/bin/perl
# lint-escape.pl: page, feed and mail code writes through buf_fmt's
# escaping conversions and nothing raw, after Fossil's tools/codecheck1.c.
# usage: lint-escape.pl FILE...
# Prints "file:line: what" for each offence and exits 1 if there was one.
#
# What it holds each file to (see cgi-bin/fmt.h for the writer):
#   - buf_fmt, and any macro that hands its __VA_ARGS__ to buf_fmt: the
#     format is a string literal, its conversions are known ones, there
#     are as many arguments as conversions, and each %s argument is a
#     string literal (or a literal-only ternary, or an UPPER_CASE macro);
#   - buf_puts only with such a constant, buf_putc only with a character
#     literal;
#   - no raw writer at all: buf_printf, buf_append, FCGX_Put*, printf...
# The compiler already rejects a format that is not a literal and an
# argument that is neither a string nor an integer; this is the rest.
use strict;
use warnings;

my %raw = map { $_ => 1 } qw(buf_printf buf_append FCGX_PutS FCGX_PutStr
    FCGX_PutChar FCGX_FPrintF FCGX_VFPrintF printf fprintf vprintf vfprintf
    dprintf puts fputs putchar fputc fwrite);
my $failed = 0;

sub offence {
	my ($file, $line, $what) = @_;
	print "$file:$line: $what\n";
	$failed = 1;
}

# A file's tokens, without comments and preprocessor lines; the macros
# that pass their variadic arguments to buf_fmt join %writer (name =>
# the argument index of their format).
sub tokens {
	my ($text, $writer) = @_;
	my $blank = sub { $_[0] =~ s/[^\n]//gr };

	$text =~ s{("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|/\*.*?\*/|//[^\n]*}
	    {defined $1 ? $1 : $blank->($&)}gse;
	$text =~ s{^[ \t]*\#(?:[^\n\\]|\\.)*}{
		my $d = $&;
		if ($d =~ /^\s*#\s*define\s+(\w+)\(([^)]*)\)(.*)/s) {
			my ($name, $params, $body) = ($1, $2, $3);
			my @p = split /\s*,\s*/, $params;
			$writer->{$name} = $#p
			    if $body =~ /\bbuf_fmt\s*\([^,]+,\s*__VA_ARGS__\s*\)/ &&
			    $p[-1] eq '...';
		}
		$blank->($d);
	}gmse;

	my (@t, $line);
	$line = 1;
	while ($text =~ /\G(?:(\s+)|("(?:[^"\\\n]|\\.)*")|('(?:[^'\\\n]|\\.)*')|
	    ([A-Za-z_]\w*)|(\d[\w.]*)|(->|.))/gcsx) {
		my $s = $&;
		push @t, { s => $s, line => $line,
		    kind => defined $2 ? 'str' : defined $3 ? 'chr' :
		    defined $4 ? 'id' : defined $5 ? 'num' : 'p' }
		    unless defined $1;
		$line += ($s =~ tr/\n//);
	}
	return @t;
}

# The arguments of the call whose "(" is token i: lists of tokens.
sub arguments {
	my ($t, $i) = @_;
	my ($depth, @args, @cur) = (0);

	for ($i++; $i < @$t; $i++) {
		my $s = $t->[$i]{s};
		if ($s =~ /^[(\[{]$/) {
			$depth++;
		} elsif ($s =~ /^[)\]}]$/) {
			if ($depth-- == 0) {
				push @args, [@cur] if @cur || @args;
				return @args;
			}
		} elsif ($s eq ',' && $depth == 0) {
			push @args, [@cur];
			@cur = ();
			next;
		}
		push @cur, $t->[$i];
	}
	return @args;
}

# Whether an argument is text fixed at compile time.
sub constant {
	my @a = @_;
	my ($depth, $q) = (0, -1);

	while (@a >= 2 && $a[0]{s} eq '(' && $a[-1]{s} eq ')') {
		@a = @a[1 .. $#a - 1];
	}
	return 0 unless @a;
	for my $k (0 .. $#a) {
		my $s = $a[$k]{s};
		$depth++ if $s =~ /^[(\[{]$/;
		$depth-- if $s =~ /^[)\]}]$/;
		next unless $depth == 0;
		if ($s eq '?' && $q < 0) {
			$q = $k;
		} elsif ($s eq ':' && $q >= 0) {
			return constant(@a[$q + 1 .. $k - 1]) &&
			    constant(@a[$k + 1 .. $#a]);
		}
	}
	return !grep { $_->{kind} ne 'str' &&
	    !($_->{kind} eq 'id' && $_->{s} =~ /^[A-Z][A-Z0-9_]*$/) } @a;
}

sub check_fmt {
	my ($file, $name, $line, $pos, @args) = @_;
	my $fmt = $args[$pos];

	if (!defined $fmt || !(grep { $_->{kind} eq 'str' } @$fmt) ||
	    !constant(@$fmt)) {
		offence($file, $line, "$name: the format must be a string literal");
		return;
	}
	my $text = join '', map { substr($_->{s}, 1, -1) }
	    grep { $_->{kind} eq 'str' } @$fmt;
	my @conv;
	while ($text =~ /%(%|\d*(zu|lld|ld|[hxaujisd])|\d*(.?))/g) {
		next if $1 eq '%';
		if (!defined $2) {
			offence($file, $line, "$name: unknown conversion %$3");
			return;
		}
		push @conv, $2;
	}
	my @rest = @args[$pos + 1 .. $#args];
	if (@rest != @conv) {
		offence($file, $line, sprintf("%s: %d conversions, %d arguments",
		    $name, scalar @conv, scalar @rest));
		return;
	}
	for my $k (0 .. $#conv) {
		next unless $conv[$k] eq 's' && !constant(@{$rest[$k]});
		offence($file, $rest[$k][0]{line}, "$name: raw %s of " .
		    join(' ', map { $_->{s} } @{$rest[$k]}) .
		    ": only a string literal may go raw; escape it (%h, %a, " .
		    "%x, %u, %j, %i)");
	}
}

for my $file (@ARGV) {
	open my $fh, '<', $file or die "lint-escape: $file: $!\n";
	my $text = do { local $/; <$fh> };
	close $fh;
	my %writer = (buf_fmt => 1);
	my @t = tokens($text, \%writer);

	for my $i (0 .. $#t - 1) {
		my ($id, $next) = ($t[$i], $t[$i + 1]);
		next unless $id->{kind} eq 'id' && $next->{s} eq '(';
		next if $i > 0 && $t[$i - 1]{s} =~ /^(\.|->)$/;
		my $name = $id->{s};
		if ($raw{$name}) {
			offence($file, $id->{line}, "$name writes raw bytes: use " .
			    "buf_fmt and its escaping conversions");
		} elsif ($name eq 'buf_puts') {
			my @a = arguments(\@t, $i + 1);
			offence($file, $id->{line}, "buf_puts of " .
			    join(' ', map { $_->{s} } @{$a[1] // []}) .
			    ": only a string literal may go raw; use buf_fmt")
			    unless @a == 2 && constant(@{$a[1]});
		} elsif ($name eq 'buf_putc') {
			my @a = arguments(\@t, $i + 1);
			offence($file, $id->{line}, "buf_putc of a variable: use buf_fmt")
			    unless @a == 2 && @{$a[1]} == 1 && $a[1][0]{kind} eq 'chr';
		} elsif (defined $writer{$name}) {
			check_fmt($file, $name, $id->{line}, $writer{$name},
			    arguments(\@t, $i + 1));
		}
	}
}
exit $failed;
