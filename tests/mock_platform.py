#!/usr/bin/env python3
"""A mock of the platforms' send APIs on 127.0.0.1 that records what it receives.

usage: mock_platform.py PORT LOGFILE
Every request is appended to LOGFILE as one JSON line {"path","auth","body"}.
OneBot /send_group_msg and /send_private_msg answer retcode 0, Telegram
/bot<TOKEN>/sendMessage answers ok, anything under /wecom answers errcode 0.
"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, log = int(sys.argv[1]), sys.argv[2]

class H(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace")
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"path": self.path, "auth": self.headers.get("Authorization"), "body": body},
                               ensure_ascii=False) + "\n")
        if self.path.startswith("/send_"):
            out = {"status": "ok", "retcode": 0, "data": {"message_id": 1}}
        elif "/sendMessage" in self.path:
            out = {"ok": True, "result": {"message_id": 1}}
        elif self.path.startswith("/wecom"):
            out = {"errcode": 0, "errmsg": "ok"}
        else:
            out = {"ok": True}
        data = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass

ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
