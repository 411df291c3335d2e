#!/usr/bin/python3
# notify-receiver.py PORT DIR: a real HTTP server on 127.0.0.1:PORT that
# records every request lantern-notify sends to DIR/NNNNNNNN.json ({"path",
# "headers", "body", "status"}) and answers by path:
#   /fail...           500, always
#   /flaky-N/...       500 for the first N requests to that path, then 200
#   /redirect...       302 to /ok (a notifier must not follow it)
#   /slow-S/...        waits S seconds, then 200
#   anything else      200
# Stops on SIGTERM.
import itertools
import json
import os
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEQ = itertools.count(1)
LOCK = threading.Lock()
SEEN = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        status, extra = 200, {}
        with LOCK:
            n = next(SEQ)
            SEEN[self.path] = SEEN.get(self.path, 0) + 1
            count = SEEN[self.path]
        flaky = re.match(r"/flaky-(\d+)/", self.path)
        slow = re.match(r"/slow-(\d+)/", self.path)
        if self.path.startswith("/fail"):
            status = 500
        elif flaky and count <= int(flaky.group(1)):
            status = 500
        elif self.path.startswith("/redirect"):
            status, extra = 302, {"Location": "/ok"}
        elif slow:
            time.sleep(int(slow.group(1)))
        path = os.path.join(self.server.folder, "%08d.json" % n)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"path": self.path, "headers": dict(self.headers.items()),
                       "body": body, "status": status}, f)
        os.rename(path + ".tmp", path)
        self.send_response(status)
        for k, v in extra.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.folder = folder
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print("listening on 127.0.0.1:%d" % port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
