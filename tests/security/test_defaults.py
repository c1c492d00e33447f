"""Unsafe defaults and inputs (issue 11, finding 8): with no [generic] section the hook was on with the token
change-me; the inbound generic token was sent to push_url; a "time" of 9223372036854775807 was accepted.
(Signed and absurd amounts are in test_privacy.py.)"""
import json, os, socket, subprocess, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from seclib import Bot, Check, BOT, ROOT, free_port

ck = Check("defaults")

# no [generic] section: the hook is off, change-me opens nothing
d = tempfile.mkdtemp()
port = free_port()
ini = os.path.join(d, "bot.ini")
open(ini, "w").write(f"[server]\nlisten = 127.0.0.1:{port}\n[store]\npath = {d}/x.db\n[scheduler]\ninterval_seconds = 3600\n")
p = subprocess.Popen([BOT, "serve", "-c", ini], stderr=subprocess.DEVNULL, cwd=ROOT)
import urllib.request, urllib.error
for _ in range(300):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
        break
    except Exception:
        time.sleep(0.02)
req = urllib.request.Request(f"http://127.0.0.1:{port}/hook/generic", data=json.dumps(
    {"message_id": "1", "user_id": "u", "text": "查积分"}).encode(), headers={"Authorization": "Bearer change-me"})
try:
    st = urllib.request.urlopen(req, timeout=5).status
except urllib.error.HTTPError as e:
    st = e.code
ck(st == 404, f"without a [generic] token the hook is disabled (got {st})")
p.terminate()
p.wait()

# the sample token on a non-loopback address: refuse to start
for listen in (f"0.0.0.0:{free_port()}", str(free_port())):
    open(ini, "w").write(f"[server]\nlisten = {listen}\n[store]\npath = {d}/x.db\n[generic]\ntoken = change-me\n")
    try:
        r = subprocess.run([BOT, "serve", "-c", ini], capture_output=True, text=True, timeout=10, cwd=ROOT)
        rc, err = r.returncode, r.stderr
    except subprocess.TimeoutExpired:  # it started and served: killed by the timeout
        rc, err = 0, "(it started)"
    ck(rc != 0 and "change-me" in err, f"listen = {listen} with token change-me refuses to start "
       f"(rc {rc}, {err.strip()[:100]!r})")

# inbound and outbound secrets are separate: the push to push_url carries push_token, never the inbound token
seen = []


class H(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        seen.append((self.headers.get("Authorization"), self.rfile.read(n)))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *a):
        pass


mock = ThreadingHTTPServer(("127.0.0.1", 0), H)
threading.Thread(target=mock.serve_forever, daemon=True).start()
bot = Bot(f"[generic]\npush_url = http://127.0.0.1:{mock.server_address[1]}/push\npush_token = outbound-secret\n"
          "[scheduler]\nquiet_exempt_jobs = reannounce,unmatched\n[rules]\nunmatched_hours = 1\n")
# posted two hours ago (a send time inside the window), so the tick now escalates it to its group
st, r, _ = bot.generic("求助 后天上午10点 帮我修水龙头 1小时", user="ann", chat="g1", t=int(time.time()) - 7200)
ck(st == 200 and r and "#" in r, f"a request is posted ({r!r})")
sub = subprocess.run([BOT, "tick", "-c", bot.ini], capture_output=True, text=True, cwd=ROOT)
ck(sub.returncode == 0, f"tick queues the escalation ({sub.stdout[:80]!r})")
for _ in range(100):
    if seen:
        break
    time.sleep(0.1)
ck(len(seen) >= 1, "the push reached push_url")
ck(all(a == "Bearer outbound-secret" for a, _ in seen), f"it carries push_token ({[a for a, _ in seen]})")
ck(all("gen" not in (a or "") for a, _ in seen), "…and never the inbound token")

# platform send times outside a sane window of now: 400, nothing stored
before = bot.sql("SELECT count(*) FROM requests")[0][0]
for t in (9223372036854775807, int(time.time()) + 2 * 86400, int(time.time()) - 30 * 86400, 1):
    st, r, j = bot.generic("求助 明天上午9点 陪我去社区医院 2小时", user="ann", t=t)
    ck(st == 400, f"time {t} is refused with 400 (got {st} {j})")
st, r, _ = bot.generic("求助 明天上午9点 陪我去社区医院 2小时", user="ann", t=int(time.time()) - 60)
ck(st == 200, f"a time a minute ago is fine (got {st})")
st, r, _ = bot.generic("求助 后天上午9点 陪我去社区医院 2小时", user="ann", t=int(time.time()) - 3 * 86400)
ck(st == 200, f"a message redelivered three days late is fine (got {st})")
ck(bot.sql("SELECT count(*) FROM requests")[0][0] == before + 2, "only the sane ones were stored")
tg = {"update_id": 77, "message": {"message_id": 5, "date": 9223372036854775807, "chat": {"id": 9, "type": "private"},
                                   "from": {"id": 9, "first_name": "x"}, "text": "/balance"}}
st, _ = bot.telegram(tg)
ck(st == 400, f"telegram: a date far in the future is refused (got {st})")
bot.stop()
mock.shutdown()
ck.done()
