#!/usr/bin/env python3
"""Issue 13's mood-before-action corpus (tests/corpus/mood.jsonl) scored against the real binary: parse intents, and
the store's state before/after each line said by its speaker to a fixture (no change allowed unless labelled)."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

NOW = "2026-11-23T10:00:00+08:00"  # a Monday
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus", "mood.jsonl")
POSITIVE_PASS = 0.90
WORKERS = 2

# speaker -> (user id on platform cli, display name)
PEOPLE = {
    "admin": ("admin", "周国平"),
    "requester": ("req", "张秀英"),
    "volunteer": ("vol", "王建国"),
    "other": ("oth", "刘桂兰"),
    "receiver": ("lxh", "李小红"),
    "newcomer": ("new", "陈阿姨"),  # never registered
}
SPEAKERS = ("requester", "volunteer", "other", "admin", "newcomer")
# a line that must change nothing is labelled none, or a read intent (a how-to question is help, as in the dev set)
READ_INTENTS = ("none", "help", "list_requests", "balance", "history", "leaderboard")

# The fixture, said through `bot say` in this order: (now, speaker, text).
T0 = "2026-11-20T09:00:00+08:00"
FIXTURE = [
    (T0, "admin", "注册 周国平 1号楼"),
    (T0, "requester", "注册 张秀英 3号楼 生日1950年11月26日"),
    (T0, "volunteer", "注册 王建国 3号楼 生日1975年6月1日"),  # accepting needs a birthday giving min_age (issue 15)
    (T0, "other", "注册 刘桂兰 5号楼 生日1968年3月3日"),  # she accepts in the corpus: a birthday too
    (T0, "receiver", "注册 李小红 3号楼"),
    (T0, "volunteer", "我会修水电"),  # a kept offer: 我不会修水电了 takes it back
] + [(T0, "admin", "调整积分 @%s +5小时 原因：开户赠送" % n) for n in ("张秀英", "王建国", "刘桂兰", "李小红")] + [
    (T0, "requester", "求助 11月24日上午9点陪我去社区医院 2小时"),      # 1: stays open
    (T0, "requester", "求助 11月23日上午10点半帮我修一下水龙头 1小时"),  # 2: accepted, due within 开始服务's window at NOW
    (T0, "requester", "求助 11月22日下午3点帮我去超市买菜 1小时"),      # 3: finished, awaits confirmation
    (T0, "requester", "求助 11月23日上午9点帮我打扫卫生 2小时"),        # 4: in service
    (T0, "volunteer", "接单 #2"),
    (T0, "volunteer", "接单 #3"),
    (T0, "volunteer", "接单 #4"),
    ("2026-11-22T15:00:00+08:00", "volunteer", "开始服务 #3"),
    ("2026-11-22T16:00:00+08:00", "volunteer", "结束服务 #3"),
    ("2026-11-23T09:00:00+08:00", "volunteer", "开始服务 #4"),
] + [("2026-11-23T09:30:00+08:00", s, "你好") for s in ("requester", "volunteer", "other", "receiver", "admin")]
WANT_STATUS = {1: "open", 2: "accepted", 3: "finished", 4: "in_service"}
# A volunteer runs one timer at a time: her arrival at #2 (a line labelled start) is said where #4 is done.
FIXTURE_START = FIXTURE + [("2026-11-23T09:50:00+08:00", "volunteer", "结束服务 #4")]
WANT_STATUS_START = {**WANT_STATUS, 4: "finished"}

# What counts as state: everything a resident's hours, orders, trust or membership hang on. Not the outbox, notices,
# de-duplication rows, or whatever a conversation keeps pending (asking back is allowed).
STATE_SQL = [
    ("requests", "SELECT id, requester_id, volunteer_id, status, start_at, accepted_at, started_at, finished_at, "
                 "confirmed_at, credited_minutes, public_benefit, proxy FROM requests ORDER BY id"),
    ("journal", "SELECT count(*), coalesce(sum(abs(minutes)), 0) FROM journal"),
    ("ratings", "SELECT request_id, rater_id, ratee_id, stars FROM ratings ORDER BY 1, 2"),
    ("complaints", "SELECT id, request_id, complainant_id, status FROM complaints ORDER BY id"),
    ("members", "SELECT id, name, building, birthday, registered, roles, subsidised, suspended, frozen_until, "
                "coalesce(referrer_id, 0), manager_building FROM members WHERE registered = 1 ORDER BY id"),
    ("activities", "SELECT count(*) FROM activities"),
    ("activity_participants", "SELECT count(*) FROM activity_participants"),
    ("chat_bindings", "SELECT count(*) FROM chat_bindings"),
    ("identity_links", "SELECT count(*) FROM identity_links"),
    ("member_skills", "SELECT member_id, service FROM member_skills ORDER BY 1, 2"),  # who is told of each request
]


def write_ini(folder):
    ini = os.path.join(folder, "bot.ini")
    with open(ini, "w", encoding="utf-8") as f:
        f.write("[store]\npath = %s\n[roles]\nadmins = cli:admin\n[limits]\nmessages_per_member_per_minute = 0\n"
                % os.path.join(folder, "store.db"))
    return ini


def say(bot, ini, now, speaker, text):
    user, name = PEOPLE[speaker]
    p = subprocess.run([bot, "say", "-c", ini, "--now", now, "--from", user, "--name", name, text],
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("bot say %r as %s: exit %d: %s" % (text, speaker, p.returncode, p.stderr.strip()))
    return p.stdout.strip()


def digest(bot, ini, folder, known_accounts):
    p = subprocess.run([bot, "accounts", "-c", ini], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("bot accounts: exit %d: %s" % (p.returncode, p.stderr.strip()))
    accounts = []
    for line in p.stdout.splitlines():
        a = json.loads(line)
        # an empty account that appeared for a sender who only talked is not a change of anyone's hours
        if known_accounts is None or a["account"] in known_accounts or a["balance_minutes"] or a["earned_minutes"]:
            accounts.append(line)
    state = {"accounts": sorted(accounts)}
    db = sqlite3.connect(os.path.join(folder, "store.db"))
    try:
        for key, sql in STATE_SQL:
            try:
                state[key] = [list(r) for r in db.execute(sql)]
            except sqlite3.OperationalError:
                state[key] = None  # a table this build does not have
    finally:
        db.close()
    return state


def changed(before, after):
    return [k for k in before if before[k] != after.get(k)]


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("speaker") not in SPEAKERS or not isinstance(r.get("change"), bool) or not r.get("text") \
                    or not r.get("intent") or (not r["change"]) != (r["intent"] in READ_INTENTS) or "\n" in r["text"]:
                raise SystemExit("%s:%d: malformed line %r" % (path, n, line.strip()))
            r["line"] = n
            rows.append(r)
    return rows


def parse_level(bot, rows):
    inp = "".join(r["text"] + "\n" for r in rows)
    p = subprocess.run([bot, "parse", "--now", NOW], input=inp, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise SystemExit("bot parse: exit %d: %s" % (p.returncode, p.stderr.strip()))
    out = p.stdout.splitlines()
    if len(out) != len(rows):
        raise SystemExit("bot parse: %d lines in, %d out" % (len(rows), len(out)))
    # a command beyond the contract's intents is named in "command" (its "intent" is the contract's, often none)
    got = [json.loads(o).get("command") or json.loads(o).get("intent", "none") for o in out]
    return got


def build_fixture(bot, folder, fixture=FIXTURE, want=WANT_STATUS):
    ini = write_ini(folder)
    for now, speaker, text in fixture:
        say(bot, ini, now, speaker, text)
    db = sqlite3.connect(os.path.join(folder, "store.db"))
    try:
        status = dict(db.execute("SELECT id, status FROM requests"))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    if status != want:
        raise SystemExit("fixture: requests are %s, want %s" % (status, want))
    return ini


def main():
    if len(sys.argv) < 2:
        raise SystemExit("usage: corpus_mood.py BOT [CORPUS]")
    bot = os.path.abspath(sys.argv[1])
    rows = load(sys.argv[2] if len(sys.argv) > 2 else CORPUS)

    got = parse_level(bot, rows)
    right = sum(1 for r, g in zip(rows, got) if g == r["intent"])
    neg = [i for i, r in enumerate(rows) if not r["change"]]
    fired = [i for i in neg if got[i] not in READ_INTENTS]

    tmp = tempfile.mkdtemp(prefix="corpus_mood.")
    try:
        fx = os.path.join(tmp, "fixture")
        os.mkdir(fx)
        build_fixture(bot, fx)
        fx_db = os.path.join(fx, "store.db")
        fxs = os.path.join(tmp, "fixture_start")
        os.mkdir(fxs)
        build_fixture(bot, fxs, FIXTURE_START, WANT_STATUS_START)
        fxs_db = os.path.join(fxs, "store.db")
        base_start = os.path.join(tmp, "base_start")
        os.mkdir(base_start)
        shutil.copyfile(fxs_db, os.path.join(base_start, "store.db"))
        before_start = digest(bot, write_ini(base_start), base_start, None)
        base_dir = os.path.join(tmp, "base")
        os.mkdir(base_dir)
        shutil.copyfile(fx_db, os.path.join(base_dir, "store.db"))
        base_ini = write_ini(base_dir)
        before = digest(bot, base_ini, base_dir, None)
        known = {json.loads(a)["account"] for a in before["accounts"]}

        slots = threading.local()
        counter = iter(range(1 << 30))
        lock = threading.Lock()

        def run(i):
            if not hasattr(slots, "dir"):
                with lock:
                    slots.dir = os.path.join(tmp, "w%d" % next(counter))
                os.mkdir(slots.dir)
                slots.ini = write_ini(slots.dir)
            for suffix in ("-wal", "-shm"):
                try:
                    os.unlink(os.path.join(slots.dir, "store.db" + suffix))
                except FileNotFoundError:
                    pass
            r = rows[i]
            start = r["intent"] == "start"
            shutil.copyfile(fxs_db if start else fx_db, os.path.join(slots.dir, "store.db"))
            reply = say(bot, slots.ini, NOW, r["speaker"], r["text"])
            after = digest(bot, slots.ini, slots.dir, known)
            return i, changed(before_start if start else before, after), reply

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            results = sorted(pool.map(run, range(len(rows))))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    wrong = [(rows[i], what, reply, got[i]) for i, what, reply in results if what and not rows[i]["change"]]
    pos = [i for i, r in enumerate(rows) if r["change"]]
    acted = [i for i, what, _ in results if what and rows[i]["change"]]
    idle = [(rows[i], reply, got[i]) for i, what, reply in results if not what and rows[i]["change"]]

    for r, what, reply, g in wrong:
        print("WRONG STATE CHANGE (line %d, %s; parsed %s; changed %s): %s\n    bot: %s"
              % (r["line"], r["speaker"], g, ",".join(what), r["text"], reply.replace("\n", " / ")))
    for r, reply, g in idle:
        print("DID NOT ACT (line %d, %s, want %s; parsed %s): %s\n    bot: %s"
              % (r["line"], r["speaker"], r["intent"], g, r["text"], reply.replace("\n", " / ")))
    share = len(acted) / len(pos) if pos else 1.0
    print("mood corpus: %d lines (%d must change nothing, %d assert the command)" % (len(rows), len(neg), len(pos)))
    print("  parse intent: %d/%d = %.1f%%; a write intent on a no-change line: %d"
          % (right, len(rows), 100.0 * right / len(rows), len(fired)))
    print("  wrong state changes: %d (must be 0)" % len(wrong))
    print("  assertions that acted: %d/%d = %.1f%% (must be >= %.0f%%)"
          % (len(acted), len(pos), 100.0 * share, 100 * POSITIVE_PASS))
    ok = not wrong and share >= POSITIVE_PASS
    print("mood corpus: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
