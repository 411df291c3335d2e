#!/usr/bin/python3
# notify-smtp.py PORT DIR: a real SMTP server (Debian's python3-aiosmtpd) on
# 127.0.0.1:PORT for lantern-notify's tests and bench/notify.  Each message
# accepted is written to DIR/NNNNNNNN.json ({"from", "to", "data"}), whole
# (written aside, then renamed).  A recipient whose local part starts with
# "reject" gets 550, "tempfail" 451.  Stops on SIGTERM.
import asyncio
import itertools
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.seq = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local.startswith("reject"):
            return "550 5.1.1 no such mailbox"
        if local.startswith("tempfail"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = next(self.seq)
        path = os.path.join(self.folder, "%08d.json" % n)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                       "data": envelope.content.decode("utf-8", "replace")}, f)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 queued as %d" % n


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    # decode_data=False: the content as bytes, CRLFs and all.
    ctl = Controller(Handler(folder), hostname="127.0.0.1", port=port,
                     data_size_limit=10 * 1024 * 1024)
    ctl.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("listening on 127.0.0.1:%d" % port, flush=True)
    stop.wait()
    ctl.stop()


if __name__ == "__main__":
    main()
