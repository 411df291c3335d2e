#!/usr/bin/env python3
"""outage-load.py: a bounded load for t/outage.t, from a process of its own.

  outage-load.py BASE SECONDS OUT PATH...

Four threads GET the paths round-robin over kept-alive connections for
SECONDS, each request with a 10 s timeout and 5 ms apart (a load that
leaves the tests beside it their share of two cores), and write to OUT one line per
answer that was not a 200 ("time path status") and, last, a summary line
"total N non200 M 5xx K maxgap_ms G", where G is the longest time without
any 200 answer.
"""
import http.client, sys, threading, time, urllib.parse

base, seconds, out, paths = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
host = urllib.parse.urlsplit(base)
lock = threading.Lock()
bad, total, last_ok, maxgap = [], [0], [time.monotonic()], [0.0]
end = time.monotonic() + seconds

def worker(k):
    conn = None
    i = k
    while time.monotonic() < end:
        path = paths[i % len(paths)]
        i += 1
        t = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            r = conn.getresponse()
            r.read()
            status = r.status
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except Exception as e:
            status = "error:" + type(e).__name__
            if conn is not None:
                conn.close()
            conn = None
        now = time.monotonic()
        with lock:
            total[0] += 1
            if status == 200:
                maxgap[0] = max(maxgap[0], now - last_ok[0])
                last_ok[0] = now
            else:
                bad.append("%.3f %s %s" % (t, path, status))
        time.sleep(0.005 if status == 200 else 0.01)

threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for th in threads:
    th.start()
for th in threads:
    th.join()
maxgap[0] = max(maxgap[0], time.monotonic() - last_ok[0])
n5 = sum(1 for b in bad if b.split()[2].startswith("5"))
with open(out, "w") as f:
    for b in bad:
        f.write(b + "\n")
    f.write("total %d non200 %d 5xx %d maxgap_ms %d\n"
            % (total[0], len(bad), n5, maxgap[0] * 1000))
