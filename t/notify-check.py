#!/usr/bin/python3
"""notify-check.py: what lantern-notify delivered, read back the way a mail
client and a webhook consumer read it, for t/notify-*.t.

usage: notify-check.py mails DIR             one JSON object a message, a line
       notify-check.py hooks DIR             one JSON object a request, a line
       notify-check.py link KEYFILE BASE ID PURPOSE   the signed link, worked out here
       notify-check.py sig SECRET TIMESTAMP BODYFILE  sha256=<hex HMAC>

Mails are parsed with Python's email package (policy default): headers
decoded (RFC 2047), parts decoded from base64.  The tests compare what this
prints with what they expect; a message that does not parse prints
"unparsable" and fails them.
"""
import email
import email.policy
import email.utils
import glob
import hashlib
import hmac
import json
import os
import sys


def mails(folder):
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            rec = json.load(f)
        raw = rec["data"]
        out = {"to": rec["to"], "from": rec["from"], "crlf_only": "\n" not in raw.replace("\r\n", ""),
               "longest_line": max(len(l) for l in raw.split("\r\n"))}
        try:
            m = email.message_from_string(raw, policy=email.policy.default)
            out["subject"] = str(m["Subject"])
            out["raw_subject"] = raw.split("Subject: ", 1)[1].split("\r\nMessage-ID", 1)[0]
            out["message_id"] = str(m["Message-ID"])
            out["list_unsubscribe"] = str(m.get("List-Unsubscribe", ""))
            out["list_unsubscribe_post"] = str(m.get("List-Unsubscribe-Post", ""))
            out["header_to"] = str(m["To"])
            out["header_from"] = str(m["From"])
            out["date_parses"] = email.utils.parsedate_to_datetime(str(m["Date"])) is not None
            out["content_type"] = m.get_content_type()
            text = m.get_body(preferencelist=("plain",))
            html = m.get_body(preferencelist=("html",))
            out["text"] = text.get_content() if text else None
            out["html"] = html.get_content() if html else None
        except Exception as e:  # noqa: BLE001 - reported as the message's state
            out["unparsable"] = repr(e)
        print(json.dumps(out, sort_keys=True))


def hooks(folder):
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            print(json.dumps(json.load(f), sort_keys=True))


def link(keyfile, base, sid, purpose):
    with open(keyfile, "rb") as f:
        key = f.read()
    sig = hmac.new(key, ("lantern-subscriber:%s:%s" % (sid, purpose)).encode(),
                   hashlib.sha256).hexdigest()
    print("%s/subscriptions/%s/%s/%s" % (base.rstrip("/"), sid, purpose, sig))


def sig(secret, ts, bodyfile):
    with open(bodyfile, "rb") as f:
        body = f.read()
    print("sha256=" + hmac.new(secret.encode(), ts.encode() + b"." + body,
                               hashlib.sha256).hexdigest())


if __name__ == "__main__":
    {"mails": mails, "hooks": hooks, "link": link, "sig": sig}[sys.argv[1]](*sys.argv[2:])
