#!/usr/bin/env python3
"""A mock of WeChat's Official Account API on 127.0.0.1: access tokens and customer-service messages (客服消息).

usage: mock_wechat.py PORT LOGFILE CONTROL
GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=… answers a new token each time (TOK1, TOK2, …,
expires_in 7200). POST /cgi-bin/message/custom/send?access_token=… answers the first errcode listed in the JSON
file CONTROL ({"send": [40001, 45015, …]}, each used once), else errcode 0; a token other than the newest is
answered 40001 as WeChat does. Every request is appended to LOGFILE as one JSON line {"method","path","body"}.
"""
import json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

port, log, ctl = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()
state = {"tokens": 0}


def record(method, path, body):
    with open(log, "a", encoding="utf-8") as f:
        f.write(json.dumps({"method": method, "path": path, "body": body}, ensure_ascii=False) + "\n")


def next_code():
    try:
        with open(ctl, encoding="utf-8") as f:
            c = json.load(f)
    except (OSError, ValueError):
        return 0
    codes = c.get("send") or []
    if not codes:
        return 0
    code = codes.pop(0)
    with open(ctl, "w", encoding="utf-8") as f:
        json.dump(c, f)
    return code


class H(BaseHTTPRequestHandler):
    def answer(self, o):
        data = json.dumps(o).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            record("GET", self.path, "")
            u = urlsplit(self.path)
            q = parse_qs(u.query)
            if u.path != "/cgi-bin/token" or q.get("grant_type") != ["client_credential"]:
                return self.answer({"errcode": 40002, "errmsg": "invalid grant_type"})
            state["tokens"] += 1
            self.answer({"access_token": f"TOK{state['tokens']}", "expires_in": 7200})

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace")
        with lock:
            record("POST", self.path, body)
            u = urlsplit(self.path)
            tok = parse_qs(u.query).get("access_token", [""])[0]
            if u.path != "/cgi-bin/message/custom/send":
                return self.answer({"errcode": 404, "errmsg": "no such api"})
            if tok != f"TOK{state['tokens']}":
                return self.answer({"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"})
            code = next_code()
            self.answer({"errcode": code, "errmsg": "ok" if code == 0 else f"mock error {code}"})

    def log_message(self, *a):
        pass


ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
