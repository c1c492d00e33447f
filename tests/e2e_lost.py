#!/usr/bin/env python3
"""e2e_lost.py — pushes that die are not lost (brief U), against the real binary on 127.0.0.1 and a mock QQ API that
refuses a private message to 林芳 as QQ does to someone who is not the bot's friend (retcode 100).

usage: e2e_lost.py [BOT]
(a) 林芳's 查积分 in the group: 已私信您, the push dies; her next private reply shows what she asked for, once; 陈伯's,
    whose push went, is never shown again;
(b) 林芳 accepts three orders in the group; her details and her reminders die: written before the start they read as
    written, after the start as what was missed (the message's own time), 12 hours after it not at all;
(c) a match push to 林芳 that dies is dropped (not dead, not retried, no notice) and the next push to her goes at once;
(d) the rate limit: the private message right after the warning reads the warning again, never silence; a message the
    limiter dropped is not handled.
"""
import json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import BOT, Bot, Check, community_clock  # noqa: E402

check = Check("e2e_lost")
off, T, INI = community_clock(15)
INI += """
[limits]
messages_per_member_per_minute = 20
"""
_mid = [70000]
WANG, CHEN, LIN, BOSS, GROUP = 2001, 2002, 2003, 900, 5551


def say(bot, user, text, group=None, at=None):
    _mid[0] += 1
    e = {"time": int(at or time.time()), "self_id": 10001, "post_type": "message",
         "message_type": "group" if group else "private", "sub_type": "normal" if group else "friend",
         "message_id": _mid[0], "user_id": user, "message": text, "sender": {"nickname": "邻居", "card": ""}}
    if group:
        e["group_id"] = group
    st, b = bot.onebot(e)
    try:
        return st, (json.loads(b).get("reply") or "") if b else ""
    except ValueError:
        return st, ""


def settle(bot, seconds=8):
    end = time.time() + seconds
    while time.time() < end:
        if bot.sql("SELECT count(*) FROM outbox WHERE status = 'pending' AND next_at <= ?", int(time.time()))[0][0] == 0:
            return
        time.sleep(0.1)


def local(t):
    """The community's clock reading of unix time t: 今天H点M分."""
    g = time.gmtime(t + off * 3600)
    return f"今天{g.tm_hour}点{g.tm_min:02d}分"


def private_to(user, status=None):
    q = "SELECT status, job, coalesce(last_error, '') FROM outbox WHERE user_id = ? AND chat_id IS NULL"
    return [r for r in bot.sql(q + " ORDER BY id", str(user)) if status is None or r[0] == status]


bot = Bot(extra=INI, start=False)
log = os.path.join(bot.dir, "mock.log")
refused = os.path.join(bot.dir, "refused")
with open(refused, "w") as f:
    f.write(f"{LIN}\n")
mock = subprocess.Popen([sys.executable, os.path.join(HERE, "mock_platform.py"), str(bot.mock_port), log, refused])
try:
    time.sleep(0.3)
    bot.start()
    for uid, name in ((WANG, "王强"), (CHEN, "陈伯"), (LIN, "林芳")):
        st, r = say(bot, uid, f"注册 {name} 3号楼 生日1970年5月1日")
        check(name in r, f"{name} registers over QQ: {st} {r}")
    st, r = say(bot, BOSS, "绑定 3号楼", GROUP)
    check(st == 200, f"the QQ group is bound: {st} {r}")

    # ---- (a) the private copy behind 已私信您 ----
    st, r = say(bot, LIN, "[CQ:at,qq=10001] 查积分", GROUP)
    check("已私信您" in r, f"林芳's group 查积分 reads the pointer: {st} {r}")
    st, r = say(bot, CHEN, "[CQ:at,qq=10001] 查积分", GROUP)
    check("已私信您" in r, f"陈伯's too: {st} {r}")
    settle(bot)
    time.sleep(0.5)
    check(("dead", "private_reply", "retcode 100") in [(s, j, e[:12]) for s, j, e in private_to(LIN)] or
          any(s == "dead" and j == "private_reply" for s, j, _ in private_to(LIN)),
          f"the private copy to 林芳 is dead: {private_to(LIN)}")
    check(any(s == "sent" and j == "private_reply" for s, j, _ in private_to(CHEN)),
          f"陈伯's went: {private_to(CHEN)}")
    st, r = say(bot, LIN, "有什么需求")
    check("群里问我的" in r and "余额" in r, f"林芳's next private reply shows what she asked for: {r}")
    st, r = say(bot, LIN, "我的单子")
    check("群里问我的" not in r, f"…once: {r}")
    st, r = say(bot, CHEN, "有什么需求")
    check("群里问我的" not in r, f"陈伯, whose push went, does not read it again: {r}")

    # ---- (b) an accepted order's details and reminders ----
    now = int(time.time())
    starts = [now - now % 60 + m * 60 for m in (40, 45, 50)]
    ids = []
    for s in starts:
        st, r = say(bot, CHEN, f"求助 {local(s)} 修水管 1小时")
        n = bot.sql("SELECT max(id) FROM requests")[0][0]
        check("#" in r and n, f"陈伯 posts an order at {local(s)}: {r}")
        ids.append(n)
    a, b, c = ids

    def accept_and_remind(n):
        st, r = say(bot, LIN, f"接单 #{n}", GROUP)
        check(st == 200 and r, f"林芳 accepts #{n} in the group: {st} {r}")
        settle(bot)
        tk = subprocess.run([BOT, "tick", "-c", bot.ini], capture_output=True, text=True, timeout=60)
        check(tk.returncode == 0, f"bot tick: {tk.stderr}")
        settle(bot)
        time.sleep(0.5)
        rows = [(st_, j, str(u)) for st_, j, u in bot.sql(
            "SELECT status, job, user_id FROM outbox WHERE job IN ('accepted', 'reminder') AND text LIKE ?", f"%#{n}%")]
        check(("dead", "accepted", str(LIN)) in rows and ("dead", "reminder", str(LIN)) in rows and
              ("sent", "reminder", str(CHEN)) in rows, f"#{n}: her details and reminder died, 陈伯's went: {rows}")

    accept_and_remind(a)
    st, r = say(bot, LIN, "查积分", at=starts[0] - 600)  # before the start: as written
    check(f"提醒：求助 #{a}" in r and "没能按时送到" not in r, f"before #{a}'s start its reminder reads as written: {r}")
    check("地点" in r or "陈伯" in r, f"…and her details for #{a} with it: {r}")
    accept_and_remind(b)
    st, r = say(bot, LIN, "查积分", at=starts[1] + 600)  # ten minutes after the start: what was missed
    check(f"【没能按时送到】#{b}" in r and f"提醒：求助 #{b}" in r, f"after #{b}'s start its reminder reads as missed: {r}")
    accept_and_remind(c)
    st, r = say(bot, LIN, "查积分", at=starts[2] + 13 * 3600)  # 13 hours after the start: not at all
    check(f"#{c}" not in r, f"13 h after #{c}'s start nothing of it is shown: {r}")
    check(bot.sql("SELECT count(*) FROM notices WHERE request_id = ? AND delivered_at IS NULL", c)[0][0] >= 1,
          "…though kept (stale, not deleted)")

    # ---- (c) a match push that dies is dropped and holds nothing back ----
    st, r = say(bot, LIN, "我会修水电")
    check(st == 200 and r, f"林芳 offers 修水电: {r}")
    st, r = say(bot, WANG, "求助 明天下午3点 修水管 1小时")
    mine = bot.sql("SELECT max(id) FROM requests")[0][0]
    check("#" in r, f"王强 posts a 修水电 order: {r}")
    st, r = say(bot, LIN, "[CQ:at,qq=10001] 积分明细", GROUP)
    check("已私信您" in r, f"林芳 asks again in the group: {r}")
    settle(bot)
    time.sleep(0.5)
    rows = private_to(LIN)
    match = [(s, e) for s, j, e in rows if j == "match"]
    check(match and all(s == "dropped" and e.startswith("an offer is not retried") for s, e in match),
          f"the match push to 林芳 is dropped, not dead: {match}")
    check(bot.sql("SELECT count(*) FROM outbox WHERE user_id = ? AND status = 'pending'", str(LIN))[0][0] == 0,
          "nothing to 林芳 waits behind it")
    check(rows[-1][1] == "private_reply" and rows[-1][0] == "dead",
          f"the push after it was tried at once (refused: dead): {rows[-1]}")
    st, r = say(bot, LIN, "有什么需求")
    check(f"#{mine} 维修" in r, f"the order is still listed for her: {r}")

    # ---- (d) the rate limit never leaves her in silence ----
    replies = []
    for _ in range(25):
        replies.append(say(bot, WANG, "查积分")[1])
        if "太快" in replies[-1]:
            break
    check("太快" in replies[-1] and all("余额" in x for x in replies[:-1]) and len(replies) > 10,
          f"answered up to the limit, then told to slow down: {replies}")
    st, r8 = say(bot, WANG, "查积分")
    check("太快" in r8 and "余额" not in r8, f"the message right after the warning is told again, not silence: {r8}")
    n0 = bot.sql("SELECT count(*) FROM requests")[0][0]
    st, r9 = say(bot, WANG, "求助 明天上午9点 陪诊 1小时")
    check("太快" in r9 and bot.sql("SELECT count(*) FROM requests")[0][0] == n0,
          f"…and nothing it asks is done while over the limit: {r9}")
    rc, audit = bot.audit()
    check(rc == 0, f"audit: {audit}")
finally:
    bot.stop()
    mock.terminate()
    mock.wait()
check.done()
