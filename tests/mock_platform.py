#!/usr/bin/env python3
"""A mock of the platforms' send APIs on 127.0.0.1 that records what it receives.

usage: mock_platform.py PORT LOGFILE [REFUSED]
Every request is appended to LOGFILE as one JSON line {"path","auth","body"}.
OneBot /send_group_msg and /send_private_msg answer retcode 0, Telegram
/bot<TOKEN>/sendMessage answers ok, anything under /wecom answers errcode 0.
REFUSED, a file of user ids one a line (read at each request), is the people who never opened a private chat with
the bot: a private message to one is refused as the platforms do (QQ: HTTP 200 retcode 100 不是好友; Telegram: 403).
"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, log = int(sys.argv[1]), sys.argv[2]
refused_file = sys.argv[3] if len(sys.argv) > 3 else None


def refused(body):
    if not refused_file:
        return False
    try:
        o = json.loads(body)
        with open(refused_file, encoding="utf-8") as f:
            ids = {l.strip() for l in f if l.strip()}
    except (ValueError, OSError):
        return False
    who = o.get("user_id") if "user_id" in o else o.get("chat_id")
    return who is not None and str(who) in ids

class H(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace")
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"path": self.path, "auth": self.headers.get("Authorization"), "body": body},
                               ensure_ascii=False) + "\n")
        status = 200
        if self.path.startswith("/send_private") and refused(body):
            out = {"status": "failed", "retcode": 100, "data": None, "wording": "对方不是好友"}
        elif "/sendMessage" in self.path and refused(body):
            status, out = 403, {"ok": False, "error_code": 403,
                                "description": "Forbidden: bot can't initiate conversation with a user"}
        elif self.path.startswith("/send_"):
            out = {"status": "ok", "retcode": 0, "data": {"message_id": 1}}
        elif "/sendMessage" in self.path:
            out = {"ok": True, "result": {"message_id": 1}}
        elif self.path.startswith("/wecom"):
            out = {"errcode": 0, "errmsg": "ok"}
        else:
            out = {"ok": True}
        data = json.dumps(out).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass

ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
