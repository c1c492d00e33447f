"""test_outbox.py — issue 11 finding 6: one slow destination must not delay every push.

A mock OneBot API on loopback hangs every send to one group for longer than the sender's timeout. Five
re-announcements to that group are queued first, then one to another group: it must arrive within a few seconds
while the hung ones are still hanging. Accept/cancel cycles on one request queue at most `reannounce_limit`
re-announcements; /healthz shows the backlog (pending, dead, oldest pending age); past `max_pending`, group
broadcasts are dropped, not queued.
"""
import json, os, re, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seclib import Bot, Check

HUNG, OTHER, CAPPED, REFUSED = 666001, 777002, 888003, 999004
HANG_SECONDS = 30  # the sender's default timeout is 10 s

check = Check("outbox")
lock = threading.Lock()
arrivals = []  # (time, group_id, hanging at that moment)
hanging = [0, 0]  # hanging now, hung sends received in all


class Mock(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(n) or b"{}")
        except ValueError:
            body = {}
        gid = body.get("group_id")
        if gid == HUNG:
            with lock:
                hanging[0] += 1
                hanging[1] += 1
            try:
                time.sleep(HANG_SECONDS)
            finally:
                with lock:
                    hanging[0] -= 1
            return  # no answer: the sender has given up long ago
        with lock:
            arrivals.append((time.time(), gid, hanging[0]))
        status, out = (403, {"status": "failed", "retcode": 1403}) if gid == REFUSED else \
                      (200, {"status": "ok", "retcode": 0, "data": {"message_id": 1}})
        data = json.dumps(out).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass

    def log_message(self, *a):
        pass


_mid = [1000]


def say(bot, group, user, text):
    """A message @-ing the bot in a OneBot group; the reply text ('' when none)."""
    _mid[0] += 1
    ev = {"time": int(time.time()), "self_id": 10001, "post_type": "message", "message_type": "group",
          "sub_type": "normal", "message_id": _mid[0], "group_id": group, "user_id": user,
          "message": [{"type": "at", "data": {"qq": "10001"}}, {"type": "text", "data": {"text": " " + text}}],
          "sender": {"nickname": "n", "card": "邻居"}}
    st, b = bot.onebot(ev)
    try:
        return st, json.loads(b).get("reply") or ""
    except ValueError:
        return st, ""


def post(bot, group, user):
    st, r = say(bot, group, user, "求助 明天上午9点陪我去社区医院 2小时")
    m = re.search(r"#(\d+)", r)
    check(st == 200 and m, f"request posted in {group}: {st} {r}")
    return int(m.group(1)) if m else 0


_volunteers = set()


def reopen(bot, group, rid, volunteer):
    """The volunteer (registered with a birthday first, as accepting needs) accepts and steps back: the request
    reopens (and may be re-announced)."""
    if (bot, volunteer) not in _volunteers:
        _volunteers.add((bot, volunteer))
        say(bot, group, volunteer, "注册 李志强 生日1980年5月1日")
    st1, r1 = say(bot, group, volunteer, f"接单 #{rid}")
    st2, r2 = say(bot, group, volunteer, f"取消 #{rid}")
    return "已接单" in r1 and "重新开放" in r2, r1 + " / " + r2


def reannounced(bot, group):
    return bot.sql("SELECT count(*) FROM outbox WHERE job = 'reannounce' AND chat_id = ?", str(group))[0][0]


def wait_arrival(group, seconds):
    end = time.time() + seconds
    while time.time() < end:
        with lock:
            hit = [a for a in arrivals if a[1] == group]
        if hit:
            return hit[0]
        time.sleep(0.05)
    return None


INI = """
[rules]
quiet_start_hour = 0
quiet_end_hour = 0
reannounce_limit = 3
[limits]
open_requests_per_member = 50
"""

bot = Bot(INI, start=False)
mock = ThreadingHTTPServer(("127.0.0.1", bot.mock_port), Mock)
mock.daemon_threads = True
threading.Thread(target=mock.serve_forever, daemon=True).start()
bot.start()
try:
    # 1. five pushes to a group whose sends hang, then one to another group
    for k in range(5):
        rid = post(bot, HUNG, 5001 + k)
        ok, why = reopen(bot, HUNG, rid, 6001)
        check(ok, f"reopen #{rid}: {why}")
    time.sleep(0.5)  # the first hung send has begun
    rid = post(bot, OTHER, 5100)
    ok, why = reopen(bot, OTHER, rid, 6002)
    check(ok, f"reopen #{rid} in {OTHER}: {why}")
    t0 = time.time()
    got = wait_arrival(OTHER, 6)
    check(got is not None, "the push to an unrelated group did not arrive within 6 s of being queued "
                           f"(hung sends received: {hanging[1]})")
    if got:
        check(got[0] - t0 < 5, f"the unrelated push took {got[0] - t0:.1f} s")
        check(got[2] >= 1, "the unrelated push arrived only after the hung sends ended")
    with lock:
        check(hanging[0] >= 1, f"no send to the hung group is hanging any more ({hanging[1]} received)")
    pend = bot.sql("SELECT count(*) FROM outbox WHERE status = 'pending' AND chat_id = ?", str(HUNG))[0][0]
    check(pend >= 4, f"the hung group's pushes are still pending: {pend}")

    # 2. accept/cancel cycles on one request re-announce it at most reannounce_limit (3) times
    rid = post(bot, CAPPED, 5200)
    for k in range(6):
        ok, why = reopen(bot, CAPPED, rid, 6003)
        check(ok, f"cycle {k}: the request still reopens: {why}")
    n = reannounced(bot, CAPPED)
    check(n == 3, f"6 accept/cancel cycles queued {n} re-announcements, want 3")

    # 3. a permanent failure becomes a dead row; /healthz shows the backlog
    rid = post(bot, REFUSED, 5300)
    reopen(bot, REFUSED, rid, 6004)
    wait_arrival(REFUSED, 5)
    end = time.time() + 5
    while time.time() < end and not bot.sql("SELECT count(*) FROM outbox WHERE status = 'dead'")[0][0]:
        time.sleep(0.1)
    time.sleep(1.1)
    st, h = bot.healthz()
    check(st == 200 and isinstance(h, dict), f"/healthz: {st} {h}")
    h = h or {}
    for k in ("ok", "store", "commits", "wal_syncs"):
        check(k in h, f"/healthz lost its key {k}: {h}")
    pending = bot.sql("SELECT count(*) FROM outbox WHERE status = 'pending'")[0][0]
    dead = bot.sql("SELECT count(*) FROM outbox WHERE status = 'dead'")[0][0]
    check(h.get("outbox_pending") == pending and pending >= 4, f"/healthz outbox_pending {h.get('outbox_pending')}, "
                                                                 f"store {pending}")
    check(h.get("outbox_dead") == dead and dead >= 1, f"/healthz outbox_dead {h.get('outbox_dead')}, store {dead}")
    age = h.get("outbox_oldest_pending_s")
    check(isinstance(age, int) and age >= 1, f"/healthz outbox_oldest_pending_s {age}")
finally:
    bot.stop()

# 4. the backlog is bounded: with nothing delivered, past max_pending a re-announcement is dropped
# nothing listens on its mock port: every push stays pending. Each reopen queues three pushes to a person (the
# volunteer's address note on accept, the requester's note of who comes (issue 15), the requester's note that the
# volunteer stepped back), so 4 lets the first re-announcement in and keeps the later ones out
bot2 = Bot(INI + "[outbox]\nmax_pending = 4\n")
try:
    for k in range(4):
        rid = post(bot2, OTHER, 5400 + k)
        ok, why = reopen(bot2, OTHER, rid, 6005)
        check(ok, f"reopen #{rid} past max_pending: {why}")
    n = reannounced(bot2, OTHER)
    # pushes to a person (the accepted volunteer's private note) always queue and count toward the backlog;
    # pushes to a group stop once max_pending rows wait
    check(1 <= n <= 2, f"with max_pending = 4, {n} re-announcements were queued")
    groups = bot2.sql("SELECT count(*) FROM outbox WHERE status = 'pending' AND chat_id != ''")[0][0]
    check(groups <= 2, f"at most max_pending group pushes wait ({groups})")
    st, h = bot2.healthz()
    pending = bot2.sql("SELECT count(*) FROM outbox WHERE status = 'pending'")[0][0]
    check((h or {}).get("outbox_pending") == pending, f"/healthz shows the backlog: {h} (store: {pending})")
    check(re.search(r"max_pending.*dropped", bot2.serve_log()), "no log line for the dropped pushes")
finally:
    bot2.stop()
mock.shutdown()
check.done()
