#!/usr/bin/env python3
"""e2e_pushes.py — issue 14's pushes that leave the building, against the real binary and a mock OneBot API.

usage: e2e_pushes.py [BOT]
`bot serve` with tests/mock_platform.py as its OneBot API; members registered over OneBot (a push identity each).
Messages carry their send time (the send-time window is off), so the story happens in the past; `bot tick --now`
at the wall clock runs the jobs, and the community clock is set so that the wall clock reads 15:xx there, outside
the quiet hours (22:00-08:00), so the sender thread delivers at once. Asserted on what the mock RECEIVED:
(a) an order finished by its volunteer, its requester brought to the overdraft limit by the admin's 调整积分: 24 h
    later auto-confirm cannot pay → the building's 楼长 and staff each get one private message naming the order and
    the ways out (基金, 调整积分, helping), ticked twice still once; the volunteer is told; nothing credited.
(b) a request for 19:00 yesterday nobody accepted: past start + past_grace_minutes the requester's private chat gets
    "已经关闭 … 再发一次" once; 有什么需求 no longer lists it; 接单 refused. `bot audit` clean after each.
"""
import datetime, json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import BOT, ROOT, Bot, Check, community_clock  # noqa: E402

check = Check("e2e_pushes")

now = int(time.time())
off, T, INI = community_clock(15, now)  # T: 15:00:00 there, today; whole-hour offsets keep minutes as they are
TZ = datetime.timezone(datetime.timedelta(hours=off))
HOUR, DAY = 3600, 86400
ZHANG, WANG, BOSS, LI, ADMIN = 100, 200, 300, 400, 900
_mid = [7000]


def iso(t):
    return datetime.datetime.fromtimestamp(t, TZ).isoformat()


def event(user, text, t, name="邻居"):
    _mid[0] += 1
    return {"time": t, "self_id": 10001, "post_type": "message", "message_type": "private", "sub_type": "friend",
            "message_id": _mid[0], "user_id": user, "message": [{"type": "text", "data": {"text": text}}],
            "sender": {"nickname": name, "card": name}}


def say(bot, user, text, t):
    st, b = bot.onebot(event(user, text, t))
    try:
        return st, (json.loads(b).get("reply") or "") if b else ""
    except ValueError:
        return st, ""


def tick(bot):
    """`bot tick` at the wall clock (a second back, so its pushes are due for the sender at once)."""
    r = subprocess.run([BOT, "tick", "-c", bot.ini, "--now", iso(int(time.time()) - 1)], capture_output=True,
                       text=True, timeout=60, cwd=ROOT)
    check(r.returncode == 0, f"bot tick: {r.returncode} {r.stderr}")
    return r.stdout


def mock_lines(log):
    try:
        with open(log, encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]
    except FileNotFoundError:
        return []


def received(log, user, needles):
    """Every private message the mock received for user whose text holds every needle."""
    out = []
    for l in mock_lines(log):
        if l["path"] != "/send_private_msg":
            continue
        b = json.loads(l["body"])
        if str(b.get("user_id")) == str(user) and all(n in json.dumps(b, ensure_ascii=False) for n in needles):
            out.append(b)
    return out


def wait_for(log, user, needles, seconds=8):
    end = time.time() + seconds
    while time.time() < end:
        hits = received(log, user, needles)
        if hits:
            return hits
        time.sleep(0.1)
    return []


def settle(bot, seconds=8):
    """Until the outbox holds nothing pending (the sender delivered all that is due)."""
    end = time.time() + seconds
    while time.time() < end:
        if bot.sql("SELECT count(*) FROM outbox WHERE status = 'pending' AND next_at <= ?", int(time.time()))[0][0] == 0:
            return
        time.sleep(0.1)


def balance(bot, name):
    r = bot.sql("SELECT a.balance FROM accounts a JOIN members m ON m.account_id = a.id WHERE m.name = ?", name)
    return r[0][0] if r else None


bot = Bot(extra=INI, start=False)
log = os.path.join(bot.dir, "mock.log")
mock = subprocess.Popen([sys.executable, os.path.join(HERE, "mock_platform.py"), str(bot.mock_port), log])
try:
    time.sleep(0.3)
    bot.start()
    D3 = T - 3 * DAY  # 15:00 three days ago
    for uid, name in ((ZHANG, "张秀英"), (WANG, "王建国"), (BOSS, "赵德明"), (LI, "李明")):
        st, r = say(bot, uid, f"注册 {name} 3号楼 生日1980年5月1日", D3)
        check(name in r, f"{name} registers over OneBot: {st} {r}")
    st, r = say(bot, ADMIN, "设为楼长 @赵德明 3号楼", D3 + 60)
    check("楼长" in r, f"the admin makes 赵德明 the 楼长 of 3号楼: {st} {r}")

    # ---- (a) an auto-confirm at the overdraft limit reaches the 楼长 ----
    st, r = say(bot, ZHANG, "求助 明天上午9点陪我去社区医院 2小时", D3 + 600)
    check("#1" in r, f"#1 posted for 09:00 two days ago: {st} {r}")
    START = T - 2 * DAY - 6 * HOUR  # 09:00 two days ago there
    check(bot.sql("SELECT start_at FROM requests WHERE id = 1") == [(START,)],
          f"#1 starts at {START}: {bot.sql('SELECT start_at FROM requests WHERE id = 1')}")
    st, r = say(bot, WANG, "接单 #1", D3 + 900)
    check("已接单 #1" in r, f"王建国 accepts #1: {st} {r}")
    st, r = say(bot, WANG, "开始服务 #1", START)
    check(st == 200 and "#1" in r, f"the service starts: {st} {r}")
    st, r = say(bot, WANG, "结束服务 #1", START + 2 * HOUR)
    check(st == 200 and "#1" in r, f"the service ends, 2 h: {st} {r}")
    st, r = say(bot, ADMIN, "调整积分 @张秀英 -10小时 原因：测试透支上限", START + 3 * HOUR)
    check(st == 200 and r, f"the admin takes 10 h from 张秀英: {st} {r}")
    check(balance(bot, "张秀英") == -600, f"张秀英 stands at the overdraft limit: {balance(bot, '张秀英')}")
    check(bot.sql("SELECT status FROM requests WHERE id = 1") == [("finished",)], "#1 waits for its confirmation")
    settle(bot)
    n0 = len(mock_lines(log))

    out = tick(bot)  # 2 days after the finish: auto-confirm is due and cannot pay
    check("auto_confirm_stuck" in out, f"the tick queued the stuck report: {out}")
    ways = ["#1", "张秀英", "基金", "调整积分", "透支"]
    boss = wait_for(log, BOSS, ways)
    check(len(boss) == 1, f"the 楼长's private chat got the report naming #1 and the ways out: {boss} "
                          f"{mock_lines(log)[n0:]}")
    check(boss and "帮助邻居" in json.dumps(boss[0], ensure_ascii=False), f"…and helping neighbours as a way: {boss}")
    staff = wait_for(log, ADMIN, ways)
    check(len(staff) == 1, f"staff got it too: {staff}")
    vol = wait_for(log, WANG, ["#1", "没有到账"])
    check(len(vol) == 1, f"the volunteer is told why his credit waits: {vol}")
    check(not received(log, ZHANG, ["已自动确认"]) and not received(log, WANG, ["已自动确认"]),
          "nobody is told it was confirmed")
    check(bot.sql("SELECT status, credited_minutes FROM requests WHERE id = 1") == [("finished", None)],
          f"#1 still finished, nothing credited: {bot.sql('SELECT status, credited_minutes FROM requests WHERE id = 1')}")
    check(balance(bot, "王建国") == 0 and balance(bot, "张秀英") == -600,
          f"no credit moved: {balance(bot, '王建国')} {balance(bot, '张秀英')}")
    check(bot.sql("SELECT count(*) FROM journal WHERE request_id = 1")[0][0] == 0, "no journal line for #1")
    rc, audit = bot.audit()
    check(rc == 0, f"audit after the stuck auto-confirm: {audit}")

    out = tick(bot)
    check("auto_confirm_stuck" not in out, f"a second tick reports nothing again: {out}")
    settle(bot)
    time.sleep(1)
    check(len(received(log, BOSS, ways)) == 1 and len(received(log, ADMIN, ways)) == 1
          and len(received(log, WANG, ["#1", "没有到账"])) == 1, "ticked twice: each told once")

    # ---- (b) a stale request closed and its requester told ----
    Y = T - DAY  # 15:00 yesterday there
    st, r = say(bot, LI, "求助 今天晚上7点帮我修一下水龙头 1小时", Y)
    check("#2" in r, f"#2 posted for 19:00 yesterday: {st} {r}")
    check(bot.sql("SELECT start_at, status FROM requests WHERE id = 2") == [(Y + 4 * HOUR, "open")],
          f"#2 open for 19:00 yesterday: {bot.sql('SELECT start_at, status FROM requests WHERE id = 2')}")
    settle(bot)
    out = tick(bot)  # 19:00 yesterday + 30 min is long past
    check('"job":"stale"' in out, f"the tick closed it: {out}")
    li = wait_for(log, LI, ["#2", "已经关闭", "再发一次"])
    check(len(li) == 1, f"李明's private chat got the closing message: {li} {mock_lines(log)}")
    check(bot.sql("SELECT status FROM requests WHERE id = 2") == [("expired",)], "#2 expired")
    out = tick(bot)
    check('"job":"stale"' not in out, f"a second tick closes nothing again: {out}")
    settle(bot)
    time.sleep(1)
    check(len(received(log, LI, ["#2", "已经关闭"])) == 1, "李明 told once")
    st, r = say(bot, WANG, "有什么需求", int(time.time()))
    check(st == 200 and "#2" not in r and "水龙头" not in r, f"有什么需求 no longer lists #2: {st} {r}")
    st, r = say(bot, WANG, "接单 #2", int(time.time()))
    check(st == 200 and "已接单" not in r, f"接单 #2 refused: {st} {r}")
    check(bot.sql("SELECT status, volunteer_id FROM requests WHERE id = 2") == [("expired", None)], "#2 untouched")
    rc, audit = bot.audit()
    check(rc == 0, f"audit after the stale request: {audit}")
    dead = bot.sql("SELECT job, last_error FROM outbox WHERE status = 'dead'")
    check(not dead, f"no push died: {dead}")
finally:
    bot.stop()
    mock.terminate()
    mock.wait()
check.done()
