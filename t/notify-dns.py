#!/usr/bin/python3
# notify-dns.py ADDR LOG NAME=ANSWER...: a DNS server on ADDR, UDP port 53,
# for t/notify-dns.t.  ANSWER is an IPv4 address, answered at once, or
# after S seconds with ADDRESS@S, or "-": the name is never answered (a
# dead server, as the asker sees it).  A name has no IPv6 address (AAAA
# gets an empty answer, as late as the A); any other name does not exist.
# Each question is written to LOG ("NAME TYPE"), and "ready" once it
# listens.  Each answer is sent from a thread of its own, so a slow name
# does not hold back the others.  Stops on SIGTERM.
import signal
import socket
import struct
import sys
import threading
import time

A, AAAA = 1, 28


def question(packet):
    """The query's id, name, type and the question's bytes, or None."""
    if len(packet) < 12:
        return None
    qid, flags, qdcount = struct.unpack("!HHH", packet[:6])
    if flags & 0x8000 or qdcount != 1:
        return None
    labels, i = [], 12
    while i < len(packet) and packet[i] != 0:
        n = packet[i]
        if n & 0xC0:
            return None
        labels.append(packet[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += 1 + n
    if i + 5 > len(packet):
        return None
    qtype = struct.unpack("!H", packet[i + 1:i + 3])[0]
    return qid, ".".join(labels).lower(), qtype, packet[12:i + 5]


def answer(sock, peer, qid, qtype, q, spec):
    rcode, records = 0, b""
    if spec is None:
        rcode = 3
    else:
        addr, delay = spec
        if delay:
            time.sleep(delay)
        if qtype == A:
            # The name by pointer to the question, IN, TTL 1 s, 4 bytes.
            records = struct.pack("!HHHIH", 0xC00C, A, 1, 1, 4) + socket.inet_aton(addr)
    header = struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1,
                         1 if records else 0, 0, 0)
    sock.sendto(header + q + records, peer)


def main():
    addr, log = sys.argv[1], sys.argv[2]
    names = {}
    for arg in sys.argv[3:]:
        name, _, ans = arg.partition("=")
        if ans == "-":
            names[name.lower()] = "dead"
        else:
            ip, _, delay = ans.partition("@")
            names[name.lower()] = (ip, float(delay or 0))
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((addr, 53))
    out = open(log, "a", buffering=1)
    out.write("ready\n")
    while True:
        packet, peer = sock.recvfrom(4096)
        q = question(packet)
        if q is None:
            continue
        qid, name, qtype, raw = q
        out.write("%s %s\n" % (name, {A: "A", AAAA: "AAAA"}.get(qtype, qtype)))
        spec = names.get(name)
        if spec == "dead":
            continue
        threading.Thread(target=answer, args=(sock, peer, qid, qtype, raw, spec),
                         daemon=True).start()


main()
