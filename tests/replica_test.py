#!/usr/bin/env python3
"""Replicas on one PostgreSQL (issue 18 item 2): two `bot serve` processes share one database while client threads
drive whole request cycles through /hook/generic, each message to a random replica, retried with the same
message_id (to a random replica again) until answered, as a platform or a load balancer does; meanwhile one replica
at a time is killed with SIGKILL and started again. Then: `bot audit` passes, every confirmation a client saw
answered 200 is credited exactly once, and no message was handled twice (no request posted twice).

usage: replica_test.py BOT [KILLS] [THREADS]     (BOT_PG_URL names the database; without it the test says SKIP)
"""
import json, os, random, re, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request

bot = sys.argv[1]
kills = int(sys.argv[2]) if len(sys.argv) > 2 else 10
nthreads = int(sys.argv[3]) if len(sys.argv) > 3 else 3
url = os.environ.get("BOT_PG_URL")
if not url:
    print("SKIP replica test: BOT_PG_URL unset (make test-pg runs it on a throwaway PostgreSQL)")
    sys.exit(0)
os.environ.pop("BOT_STORE_URL", None)


def psql(sql):
    return subprocess.run(["psql", url, "-AtqX", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


psql("SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
d = tempfile.mkdtemp()


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


ports = [free_port(), free_port()]
inis = []
for k, port in enumerate(ports):
    ini = os.path.join(d, f"bot{k}.ini")
    open(ini, "w").write(f"""[server]
max_clock_skew_seconds = 0
max_message_age_seconds = 0
listen = 127.0.0.1:{port}
threads = 4
[store]
backend = postgres
url = {url}
[generic]
token = t
[limits]
messages_per_member_per_minute = 0
[scheduler]
interval_seconds = 3600
""")
    inis.append(ini)
procs = [None, None]
lock = threading.Lock()


def start(k):
    p = subprocess.Popen([bot, "serve", "-c", inis[k]], stderr=open(os.path.join(d, f"serve{k}.log"), "a"))
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{ports[k]}/healthz", timeout=1).read()
            return p
        except Exception:
            time.sleep(0.02)
    raise SystemExit(f"FAIL: replica {k} did not start: " + open(os.path.join(d, f"serve{k}.log")).read()[-2000:])


def send(k, mid, user, text, t):
    body = json.dumps({"message_id": mid, "user_id": user, "user_name": user, "text": text, "time": t}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{ports[k]}/hook/generic", data=body,
                                 headers={"Authorization": "Bearer t", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, json.loads(r.read())["reply"] or ""


def deliver(mid, user, text, t):
    """The same message until a replica answers it 200 (a killed replica's socket errs: try again)."""
    for _ in range(2000):
        try:
            status, reply = send(random.randrange(2), mid, user, text, t)
            if status == 200:
                return reply
        except Exception:
            pass
        time.sleep(0.01)
    raise SystemExit(f"FAIL: {mid} never answered")


procs = [start(0), start(1)]
t0 = 1795370400  # 2026-11-23T02:00:00+08:00
confirmed = {}
handled = [0]
stop = threading.Event()


def client(c):
    rnd = random.Random(c)
    users = [f"t{c}u{k}" for k in range(5)]
    for k, u in enumerate(users):
        name = "甲乙丙丁戊己庚辛"[c] + "子丑寅卯辰"[k] + "邻居"
        reply = deliver(f"t{c}r{k}", u, f"注册 {name} 生日1980年5月1日", t0 - 3600)
        if "欢迎" not in reply:
            raise RuntimeError(f"{u} not registered: {reply}")
    cycle = 0
    while not stop.is_set():
        cycle += 1
        a, b = users[cycle % 5], users[(cycle + 1 + rnd.randrange(4)) % 5]
        base = t0 + cycle * 2 * 86400
        reply = deliver(f"t{c}c{cycle}-0", a, "求助 明天上午9点陪我去社区医院 1小时", base)
        m = re.search(r"#(\d+)", reply)
        if not m:
            continue
        rid = int(m.group(1))
        steps = [(b, f"接单 #{rid}", base + 60), (b, f"开始服务 #{rid}", base + 31 * 3600),
                 (b, f"结束服务 #{rid}", base + 32 * 3600), (a, f"确认 #{rid}", base + 33 * 3600)]
        for i, (user, text, t) in enumerate(steps, 1):
            reply = deliver(f"t{c}c{cycle}-{i}", user, text, t)
        with lock:
            handled[0] += 5
            if "已确认" in reply:
                confirmed[rid] = reply


errors = []


def run_client(c):
    try:
        client(c)
    except BaseException as e:  # a client that stopped is a failure of the test, said at the end
        errors.append(f"client {c}: {e!r}")
        stop.set()


threads = [threading.Thread(target=run_client, args=(c,)) for c in range(nthreads)]
for th in threads:
    th.start()
random.seed(11)
for n in range(kills):
    time.sleep(random.uniform(0.3, 1.0))
    if stop.is_set():
        break
    k = random.randrange(2)
    procs[k].send_signal(signal.SIGKILL); procs[k].wait()
    procs[k] = start(k)
stop.set()
for th in threads:
    th.join()
for p in procs:
    p.send_signal(signal.SIGTERM); p.wait()
fail = len(errors)
for e in errors:
    print("FAIL:", e)
audit = subprocess.run([bot, "audit", "-c", inis[0]], capture_output=True, text=True)
if audit.returncode != 0:
    print("FAIL: audit:", audit.stdout, audit.stderr); fail += 1
for rid in confirmed:
    n = int(psql(f"SELECT count(DISTINCT txn) FROM journal WHERE kind = 'service' AND request_id = {rid}"))
    if n != 1:
        print(f"FAIL: request #{rid} confirmed to the client but credited {n} times"); fail += 1
# each cycle posts one request for its own start: a 求助 handled twice (by both replicas) would make two
twice = psql("SELECT count(*) FROM (SELECT requester_id, start_at FROM requests GROUP BY 1, 2 HAVING count(*) > 1) x")
if twice != "0":
    print(f"FAIL: {twice} requests posted twice (a message handled twice)"); fail += 1
print(f"replica test: 2 replicas, {kills} kills, {nthreads} clients, {handled[0]} messages, "
      f"{len(confirmed)} confirmations seen")
print(f"replicas: {len(confirmed) + 2 - fail} passed, {fail} failed")
import shutil; shutil.rmtree(d, ignore_errors=True)
sys.exit(1 if fail or not confirmed else 0)
