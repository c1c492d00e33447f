"""seclib.py — what every security test shares: a real `bot serve` on a free loopback port, its hooks, its store."""
import hashlib, hmac, json, os, socket, sqlite3, subprocess, sys, tempfile, time, urllib.error, urllib.request
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from e2e_cli import PG, pg_fresh, pg_rows  # noqa: E402  (tests/: the PostgreSQL store of make test-pg)

BOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/bot")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def community_clock(hour, now=None):
    """A [clock] offset that makes the wall clock read hour:xx in the community, and the ini for a `bot serve` whose
    pushes leave at once (quiet hours 22-08, no send-time limits, onebot:900 is staff).
    Returns (offset hours, that hour's start as a unix time, ini text)."""
    now = int(time.time()) if now is None else now
    off = (hour - time.gmtime(now).tm_hour) % 24
    if off > 14:
        off -= 24
    sign = "+" if off >= 0 else "-"
    ini = f"""
[clock]
utc_offset = {sign}{abs(off):02d}:00
[rules]
quiet_start_hour = 22
quiet_end_hour = 8
[roles]
admins = onebot:900
[server]
max_clock_skew_seconds = 0
max_message_age_seconds = 0
[outbox]
backoff_seconds = 1
"""
    return off, now - now % 3600, ini


class Bot:
    """One `bot serve` with every secret set; `extra` is more bot.ini text, appended (later keys win)."""

    def __init__(self, extra="", threads=8, generic_token="gen", start=True):
        self.dir = tempfile.mkdtemp(prefix="botsec-")
        self.port = free_port()
        self.mock_port = free_port()
        self.db = os.path.join(self.dir, "s.db")
        self.ini = os.path.join(self.dir, "bot.ini")
        base = f"""[server]
listen = 127.0.0.1:{self.port}
threads = {threads}
[store]
path = {self.db}
[generic]
token = {generic_token}
[onebot]
secret = obsecret
api_url = http://127.0.0.1:{self.mock_port}
access_token = obtoken
[telegram]
secret_token = tgsecret
api_url = http://127.0.0.1:{self.mock_port}
bot_token = 42:abc
[wechat]
token = wxtoken
[scheduler]
interval_seconds = 3600
[limits]
messages_per_member_per_minute = 0
"""
        with open(self.ini, "w", encoding="utf-8") as f:
            f.write(base + extra)
        if PG:  # make test-pg: BOT_STORE_URL names the store; a new Bot is a new store
            pg_fresh()
        self.proc = None
        if start:
            self.start()

    def start(self, expect_fail=False):
        self.log = open(os.path.join(self.dir, "serve.log"), "a")
        self.proc = subprocess.Popen([BOT, "serve", "-c", self.ini], stderr=self.log, cwd=ROOT)
        for _ in range(300):
            if self.proc.poll() is not None:
                if expect_fail:
                    return self.proc.returncode
                raise SystemExit(f"FAIL: bot exited with {self.proc.returncode}: {self.serve_log()[-500:]}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1).read()
                return 0
            except Exception:
                time.sleep(0.02)
        raise SystemExit("FAIL: bot did not start")

    def serve_log(self):
        with open(os.path.join(self.dir, "serve.log"), encoding="utf-8", errors="replace") as f:
            return f.read()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.stop()

    # ---- raw HTTP ----
    def request(self, path, body=b"", headers=None, method="POST", timeout=10):
        """(status, body bytes); never raises for an HTTP error status."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body if method != "GET" else None,
                                     headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()
        except OSError as e:  # refused, reset, timed out: the bot died or stalled; the caller's check fails
            return 0, str(e).encode()

    def healthz(self):
        st, b = self.request("/healthz", method="GET")
        try:
            return st, json.loads(b)
        except ValueError:
            return st, None

    # ---- the hooks ----
    def generic(self, text, user="u1", name=None, chat=None, mid=None, t=None, token="gen"):
        """(status, reply or None, parsed body)."""
        Bot._mid = getattr(Bot, "_mid", 0) + 1
        o = {"message_id": mid or f"m{Bot._mid}-{time.time_ns()}", "user_id": user, "user_name": name or user,
             "text": text}
        if chat:
            o["chat_type"], o["chat_id"] = "group", chat
        if t is not None:
            o["time"] = t
        st, b = self.request("/hook/generic", json.dumps(o, ensure_ascii=False),
                             {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            j = json.loads(b)
        except Exception:
            j = None
        return st, (j or {}).get("reply") if isinstance(j, dict) else None, j

    def onebot(self, body):
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False)
        raw = body.encode() if isinstance(body, str) else body
        sig = "sha1=" + hmac.new(b"obsecret", raw, hashlib.sha1).hexdigest()
        return self.request("/hook/onebot", raw, {"X-Signature": sig, "Content-Type": "application/json"})

    def telegram(self, body):
        raw = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        return self.request("/hook/telegram", raw, {"X-Telegram-Bot-Api-Secret-Token": "tgsecret"})

    # ---- the store, read directly as outside checks do ----
    def sql(self, q, *args):
        if PG:
            return pg_rows(q, args)
        c = sqlite3.connect(self.db, timeout=10)
        try:
            rows = c.execute(q, args).fetchall()
            c.commit()
            return rows
        finally:
            c.close()

    def audit(self):
        r = subprocess.run([BOT, "audit", "-c", self.ini], capture_output=True, text=True, cwd=ROOT)
        return r.returncode, r.stdout + r.stderr


class Check:
    """Counts checks; prints FAIL lines; exits 1 at the end if any failed."""

    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def __call__(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL [{self.name}]: {what}", flush=True)
        return cond

    def done(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed", flush=True)
        sys.exit(1 if self.failed or not self.passed else 0)
