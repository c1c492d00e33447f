#!/usr/bin/env python3
"""console_bench.py — every web console page timed on a 100,000-member store: console_bench.py BUILD [N]

A store of 100,000 registered members in 30 buildings (bench/seed, then bulk SQL that keeps `bot audit` clean): a
year of 200,000 orders in every state (the confirmed ones with their journal legs and the volunteers' lots), ratings,
complaints (some open), activities with participants, cash entries (记账, through the chat command). `bot serve` on
it; staff and a 3号楼 楼长 sign in through real 后台 links (`bot say` on the same store); every GET route of
console/http.c's table is asked N times (>= 50) over one keep-alive connection: p50, p99, max in ms, pages over
50 ms marked. CSV downloads are exports: their time and size are reported apart.
"""
import http.client, os, re, socket, sqlite3, subprocess, sys, tempfile, time
from urllib.parse import quote

B = sys.argv[1] if len(sys.argv) > 1 else "build"
N = max(50, int(sys.argv[2]) if len(sys.argv) > 2 else 50)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOT = os.path.join(B, "bot")
MEMBERS, ORDERS, BUILDINGS = 100000, 200000, 30
DAY = 86400
NOW = int(time.time())
YEAR0 = NOW - 365 * DAY
LIMIT_MS = 50.0


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def seed_sql(db):
    """Orders, journal, lots, ratings, complaints, activities straight into the store, every audit invariant kept:
    requesters are members 1..50,000 (4 orders each), volunteers 50,001..100,000; a confirmed or disputed order
    moves 60 minutes from its requester to its volunteer (one lot, two years to live); a requester who paid leaves
    his seed lot spent."""
    c = sqlite3.connect(db)
    c.executescript(f"""
    PRAGMA foreign_keys=OFF; BEGIN;
    UPDATE members SET building = (id % {BUILDINGS} + 1) || '号楼', phone = '138' || substr('0000000' || id, -8),
      created_at = {YEAR0} + id * 300;
    -- the last 1,000 orders are live (created in the last ~2 days, starting tomorrow); the rest: 12/20 confirmed,
    -- 1/20 disputed, 3/20 cancelled, 4/20 expired
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ORDERS})
    INSERT INTO requests(id, requester_id, volunteer_id, status, service, text, location, start_at, est_minutes,
      created_at, accepted_at, started_at, finished_at, confirmed_at, credited_minutes)
    SELECT i, (i * 7919) % 50000 + 1, v, st, svc, svc || '，麻烦帮个忙 #' || i, '', 
      CASE WHEN st IN ('open', 'accepted') THEN {NOW} + {DAY} ELSE t + 3600 END, 60, t,
      CASE WHEN v IS NULL THEN NULL ELSE t + 600 END,
      CASE WHEN st IN ('in_service', 'finished', 'confirmed', 'disputed') THEN t + 3600 END,
      CASE WHEN st IN ('finished', 'confirmed', 'disputed') THEN min(t + 7200, {NOW} - 60) END,
      CASE WHEN st IN ('confirmed', 'disputed') THEN t + 7800 END,
      CASE WHEN st IN ('confirmed', 'disputed') THEN 60 END
    FROM (SELECT i, t, st, CASE WHEN st IN ('open', 'cancelled', 'expired') THEN NULL
                               ELSE 50001 + (i * 104729) % 50000 END v,
                 CASE i % 6 WHEN 0 THEN '维修' WHEN 1 THEN '陪伴' WHEN 2 THEN '代购' WHEN 3 THEN '陪诊'
                            WHEN 4 THEN '家政' ELSE '其他' END svc
          FROM (SELECT i, CASE WHEN i > {ORDERS - 1000} THEN {NOW} - ({ORDERS} - i) * 150 - 600
                               ELSE {YEAR0} + i * 155 END t,
                  CASE WHEN i > {ORDERS - 1000} THEN CASE i % 4 WHEN 0 THEN 'open' WHEN 1 THEN 'accepted'
                                                     WHEN 2 THEN 'in_service' ELSE 'finished' END
                       WHEN i % 20 < 12 THEN 'confirmed' WHEN i % 20 = 12 THEN 'disputed'
                       WHEN i % 20 < 16 THEN 'cancelled' ELSE 'expired' END st FROM n));
    CREATE TEMP TABLE paid AS SELECT r.id rid, rq.account_id ra, vo.account_id va, r.confirmed_at at,
      (SELECT max(txn) FROM journal) + r.id txn
      FROM requests r JOIN members rq ON rq.id = r.requester_id JOIN members vo ON vo.id = r.volunteer_id
      WHERE r.status IN ('confirmed', 'disputed');
    INSERT INTO journal(txn, account_id, minutes, kind, request_id, memo, at)
      SELECT txn, ra, -60, 'service', rid, '', at FROM paid UNION ALL
      SELECT txn, va, 60, 'service', rid, '', at FROM paid;
    INSERT INTO lots(account_id, minutes, remaining, earned_at, expires_at, txn)
      SELECT va, 60, 60, at, at + 730 * {DAY}, txn FROM paid;
    CREATE TEMP TABLE moved AS SELECT acc, sum(m) m, sum(CASE WHEN m > 0 THEN m ELSE 0 END) e,
      min(CASE WHEN m > 0 THEN at + 730 * {DAY} END) x FROM (SELECT ra acc, -60 m, at FROM paid UNION ALL
      SELECT va, 60, at FROM paid) GROUP BY acc;
    CREATE UNIQUE INDEX temp.moved_acc ON moved(acc);
    UPDATE accounts SET balance = balance + moved.m, earned = earned + moved.e,
      next_expiry = min(next_expiry, coalesce(moved.x, next_expiry)) FROM moved WHERE moved.acc = accounts.id;
    UPDATE lots SET remaining = 0 WHERE account_id IN (SELECT id FROM accounts WHERE kind = 'member' AND balance <= 0);
    -- ratings of two in three credited orders; a complaint on every disputed one (open within the last 30 days)
    INSERT INTO ratings(request_id, rater_id, ratee_id, stars, at)
      SELECT id, requester_id, volunteer_id, 1 + id % 5, confirmed_at + 60 FROM requests
      WHERE status IN ('confirmed', 'disputed') AND id % 3 != 0;
    INSERT INTO complaints(request_id, complainant_id, text, prev_status, held_minutes, status, created_at,
      resolved_at, resolver_id)
      SELECT id, requester_id, '服务不满意 #' || id, 'confirmed', 0,
        CASE WHEN confirmed_at > {NOW} - 30 * {DAY} THEN 'open' ELSE 'dismissed' END, confirmed_at + 3600,
        CASE WHEN confirmed_at > {NOW} - 30 * {DAY} THEN NULL ELSE confirmed_at + 2 * {DAY} END,
        CASE WHEN confirmed_at > {NOW} - 30 * {DAY} THEN NULL ELSE 1 END
      FROM requests WHERE status = 'disputed';
    -- 600 activities over the year, 50 participants each
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
    INSERT INTO activities(id, organiser_id, title, closed, created_at, starts_at, ends_at, place)
      SELECT i, i * 37 % {MEMBERS} + 1, '社区活动 ' || i, i < 590, {YEAR0} + i * 52000, {YEAR0} + i * 52000 + {DAY},
        {YEAR0} + i * 52000 + {DAY} + 7200, '活动室' FROM n;
    WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 50)
    INSERT INTO activity_participants(activity_id, member_id, at)
      SELECT a.id, (a.id * 50 + j) % {MEMBERS} + 1, a.starts_at FROM activities a, k;
    COMMIT;
    PRAGMA wal_checkpoint(TRUNCATE);
    """)
    c.close()


def say(ini, who, text):
    r = subprocess.run([BOT, "say", "-c", ini, "--from", who, text], capture_output=True, timeout=60)
    return r.stdout.decode("utf-8", "replace")


def sign_in(port, ini, who):
    reply = say(ini, who, "后台")
    m = re.search(r"(/console/login\?t=[A-Za-z0-9_-]{32})", reply)
    if not m:
        sys.exit(f"no 后台 link for {who}: {reply}")
    h = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    h.request("GET", m.group(1))
    r = h.getresponse()
    r.read()
    cookie = (r.getheader("Set-Cookie") or "").split(";")[0]
    if r.status != 303 or not cookie:
        sys.exit(f"the link did not sign {who} in: {r.status}")
    return h, cookie


def timed(h, cookie, path, n):
    ms, size, status = [], 0, 0
    for _ in range(n):
        t0 = time.perf_counter()
        h.request("GET", quote(path, safe="/?=&:"), headers={"Cookie": cookie})
        r = h.getresponse()
        body = r.read()
        ms.append((time.perf_counter() - t0) * 1000)
        size, status = len(body), r.status
    ms.sort()
    return status, size, ms[len(ms) // 2], ms[min(len(ms) - 1, int(len(ms) * 0.99))], ms[-1]


def main():
    tmp = tempfile.mkdtemp(prefix="cbench-")
    db = os.path.join(tmp, "c.db")
    t0 = time.time()
    if subprocess.run([os.path.join(B, "bench", "seed"), db, str(MEMBERS), "1"]).returncode != 0:
        sys.exit("seed failed")
    seed_sql(db)
    port = free_port()
    ini = os.path.join(tmp, "c.ini")
    with open(ini, "w") as f:
        f.write(f"[server]\nlisten = 127.0.0.1:{port}\nmax_clock_skew_seconds = 0\nmax_message_age_seconds = 0\n"
                f"[store]\npath = {db}\n[roles]\nadmins = cli:staff\n[limits]\nmessages_per_member_per_minute = 0\n"
                f"[console]\nstatic_dir = {os.path.join(ROOT, 'console', 'static')}\nmax_tries = 1000\n"
                f"[scheduler]\ninterval_seconds = 3600\n")
    say(ini, "staff", "注册 王站长 1号楼 生日1970年1月1日")
    say(ini, "zhao", "注册 赵楼长 3号楼 生日1965年1月1日")
    say(ini, "staff", "设为楼长 @zhao 3号楼")
    for i in range(20):  # cash entries through the chat command
        say(ini, "staff", f"记账 收入 {100 + i} 会费 第{i}笔")
        say(ini, "staff", f"记账 支出 {10 + i} 茶水 第{i}笔")
    audit = subprocess.run([BOT, "audit", "-c", ini], capture_output=True, text=True)
    print(f"store: {MEMBERS} members in {BUILDINGS} buildings, {ORDERS} orders over a year, seeded in "
          f"{time.time() - t0:.1f} s ({os.path.getsize(db) / 1e6:.0f} MB); bot audit: "
          f"{'clean' if audit.returncode == 0 else 'BROKEN ' + audit.stdout[-400:] + audit.stderr[-400:]}")
    srv = subprocess.Popen([BOT, "serve", "-c", ini], stderr=open(os.path.join(tmp, "serve.log"), "w"))
    try:
        for _ in range(500):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.02)
        time.sleep(1.0)  # the scheduler's first round
        staff = sign_in(port, ini, "staff")
        zhao = sign_in(port, ini, "zhao")
        month = time.strftime("%Y-%m", time.gmtime(NOW + 8 * 3600 - 31 * DAY))
        mid = 61234  # a volunteer in a building (61234 % 30 + 1 = 5号楼)
        pages = ["/console/", "/console/orders", "/console/orders?status=open", "/console/orders?status=confirmed",
                 "/console/orders?building=3号楼", "/console/orders?service=维修&status=disputed",
                 "/console/orders?from=2026-06-01&to=2026-06-30", "/console/orders?offset=5000",
                 "/console/order?id=150000", "/console/members", "/console/members?name=bench777",
                 "/console/members?building=3号楼", "/console/members?offset=5000", f"/console/member?id={mid}",
                 "/console/complaints", "/console/ledger", "/console/ledger?account=fund",
                 f"/console/ledger?account=bench:{mid}", "/console/activities", "/console/settings",
                 "/console/report", f"/console/report?month={month}", "/console/publicity"]
        csvs = ["/console/csv/members", "/console/csv/orders", f"/console/csv/journal?month={month}",
                f"/console/csv/report?month={month}"]
        zhao_pages = ["/console/", "/console/orders", "/console/orders?status=confirmed", "/console/members",
                      "/console/members?name=bench1", "/console/member?id=62", "/console/order?id=150000",
                      "/console/complaints", "/console/activities", "/console/report", "/console/publicity"]
        over = []
        print(f"\n{'who':5} {'page':48} {'status':>6} {'bytes':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for who, (h, cookie), paths in (("staff", staff, pages), ("楼长", zhao, zhao_pages)):
            for p in paths:
                st, size, p50, p99, mx = timed(h, cookie, p, N)
                mark = "  OVER 50 ms" if p99 > LIMIT_MS else ""
                if mark:
                    over.append(f"{who} {p}")
                print(f"{who:5} {p:48} {st:>6} {size:>9} {p50:8.1f} {p99:8.1f} {mx:8.1f}{mark}", flush=True)
        print(f"\nCSV exports (staff, 3 downloads each):")
        export = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        for p in csvs:
            st, size, p50, p99, mx = timed(export, staff[1], p, 3)
            print(f"      {p:48} {st:>6} {size:>9} {p50:8.1f} {p99:8.1f} {mx:8.1f}", flush=True)
        print(f"\npages over 50 ms at p99: {', '.join(over) if over else 'none'} ({N} requests each, one "
              f"keep-alive client)")
    finally:
        srv.terminate()
        srv.wait()


if __name__ == "__main__":
    main()
