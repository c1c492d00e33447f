#!/usr/bin/env python3
"""e2e_emergency.py — issue 13 items 6 and 7 against the real binary.

usage: e2e_emergency.py [BOT]
1. `bot parse` over tests/corpus/emergency.jsonl: every call for help by kind (medical, fire, gas, danger) and every
   hard negative (a notice, a drama, the past and over, a what-if, a bill, a plan) right, 100%; an emergency's intent
   is none.
2. `bot serve` with a mock OneBot API (tests/mock_platform.py), the community clock set so that the wall clock reads
   23:xx there, inside quiet hours (22:00-08:00): an emergency at 23:00 is answered with 120 and pushed at once to
   the 楼长's private chat and the building's group (never the flat in the group); in a group it is answered
   unaddressed; talk about one is not one.
3. A member writing in traditional script is answered in it (註冊 陳秀蘭 3號樓, 查積分); a simplified line stays simplified.
"""
import json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import BOT, ROOT, Bot, Check, community_clock  # noqa: E402

check = Check("e2e_emergency")

# ---- 1. the parser over the corpus ----
rows = [json.loads(l) for l in open(os.path.join(HERE, "corpus", "emergency.jsonl"), encoding="utf-8") if l.strip()]
p = subprocess.run([BOT, "parse", "--now", "2026-11-23T10:00:00+08:00"], input="".join(r["text"] + "\n" for r in rows),
                   capture_output=True, text=True, timeout=60, cwd=ROOT)
out = p.stdout.splitlines()
check(len(out) == len(rows), f"bot parse: {len(rows)} lines in, {len(out)} out")
right = 0
for r, o in zip(rows, out):
    j = json.loads(o)
    got = j.get("emergency", "none")
    ok = got == r["emergency"] and (got == "none" or j.get("intent") == "none")
    right += ok
    check(ok, f"want {r['emergency']}, got {o}: {r['text']}")
kinds = {k: sum(r["emergency"] == k for r in rows) for k in ("medical", "fire", "gas", "danger", "none")}
print(f"emergency corpus: {right}/{len(rows)} right ({kinds})")
j = json.loads(subprocess.run([BOT, "parse", "有人吗 帮帮我 我摔倒了起不来"], capture_output=True, text=True,
                              cwd=ROOT).stdout)
check(j == {"intent": "none", "emergency": "medical"}, f"bot parse prints the kind: {j}")

# ---- 2. bot serve at 23:00 on the community's clock ----
off, T, INI = community_clock(23)  # T: 23:00:00 there: whole-hour offsets keep minutes as they are
GROUP = 3003
_mid = [5000]


def event(user, text, group=None, at_bot=False, name="邻居"):
    _mid[0] += 1
    msg = ([{"type": "at", "data": {"qq": "10001"}}] if at_bot else []) + [{"type": "text", "data": {"text": text}}]
    ev = {"time": T, "self_id": 10001, "post_type": "message", "message_id": _mid[0], "user_id": user,
          "message": msg, "sender": {"nickname": name, "card": name}}
    if group:
        ev.update(message_type="group", sub_type="normal", group_id=group)
    else:
        ev.update(message_type="private", sub_type="friend")
    return ev


def say(bot, user, text, group=None, at_bot=False):
    st, b = bot.onebot(event(user, text, group, at_bot))
    try:
        return st, (json.loads(b).get("reply") or "") if b else ""
    except ValueError:
        return st, ""


def mock_lines(log):
    try:
        with open(log, encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]
    except FileNotFoundError:
        return []


def wait_for(log, path, needles, seconds=8):
    """The first request to path whose body holds every needle, within seconds; None when none came."""
    end = time.time() + seconds
    while time.time() < end:
        for l in mock_lines(log):
            if l["path"] == path and all(n in l["body"] for n in needles):
                return l
        time.sleep(0.1)
    return None


bot = Bot(extra=INI, start=False)
log = os.path.join(bot.dir, "mock.log")
mock = subprocess.Popen([sys.executable, os.path.join(HERE, "mock_platform.py"), str(bot.mock_port), log])
try:
    time.sleep(0.3)
    bot.start()
    st, r = say(bot, 300, "注册 王师傅 3号楼")
    check("王师傅" in r, f"楼长 registers: {st} {r}")
    st, r = say(bot, 900, "设为楼长 王师傅 3号楼")
    check("楼长" in r, f"the admin makes him 楼长: {st} {r}")
    st, r = say(bot, 300, "绑定 3号楼", GROUP, at_bot=True)
    check("3号楼" in r, f"the group is bound to 3号楼: {st} {r}")
    st, r = say(bot, 100, "注册 李秀英 3号楼")
    check("李秀英" in r, f"a resident registers: {st} {r}")

    # the emergency, at 23:00 there, in a private chat
    st, r = say(bot, 100, "有人吗 帮帮我 我在3号楼2单元501 摔倒了起不来")
    check(st == 200 and "120" in r, f"the reply names 120: {st} {r}")
    check("已通知楼长" in r, f"the reply says the 楼长 was told: {r}")
    hit = wait_for(log, "/send_private_msg", ['"user_id":300', "紧急求助", "李秀英", "3号楼"])
    check(hit is not None, f"the 楼长's chat got the push at once: {mock_lines(log)}")
    check(hit is not None and "2单元501" in hit["body"], "the 楼长 reads where she is")
    hit = wait_for(log, "/send_group_msg", [f'"group_id":{GROUP}', "3号楼的李秀英", "120"])
    check(hit is not None, f"the building's group got the push at once: {mock_lines(log)}")
    check(hit is not None and "501" not in hit["body"] and "2单元" not in hit["body"],
          f"the group reads the building, never the flat: {hit and hit['body']}")
    rows = bot.sql("SELECT next_at, created_at, status FROM outbox WHERE job = 'emergency'")
    check(len(rows) == 2 and all(n == T and c == T for n, c, _ in rows),
          f"queued for 23:00, not for the end of the quiet hours: {rows} (T={T})")
    check(bot.sql("SELECT count(*) FROM requests")[0][0] == 0, "an emergency is never a request")
    # the quiet hours are in force for everything else: staff pausing a member's account tells her privately, and
    # that push waits for 08:00 (a gift is a notice read with her next reply now, no push: not a test of this)
    st, r = say(bot, 777, "注册 赵大爷 3号楼")
    check("赵大爷" in r, f"another resident registers: {st} {r}")
    st, r = say(bot, 900, "停用 @赵大爷")
    check("赵大爷" in r, f"staff pause his account: {st} {r}")
    later = bot.sql("SELECT job, next_at FROM outbox WHERE job != 'emergency' AND coalesce(chat_id,'') = ''")
    check(later and all(n > T + 3600 for _, n in later), f"other pushes wait for the end of the quiet hours: {later}")

    # in the group, without addressing the bot: answered; the 楼长 told; talk about one is not one
    n_private = len([l for l in mock_lines(log) if l["path"] == "/send_private_msg"])
    st, r = say(bot, 100, "厨房着火了 快来人", GROUP)
    check(st == 200 and "119" in r, f"a fire in the group, unaddressed, gets 119: {st} {r}")
    hit = wait_for(log, "/send_private_msg", ['"user_id":300', "着火"])
    check(hit is not None, "the 楼长 is told of the fire")
    st, r = say(bot, 100, "下周三社区有预防老人摔倒讲座，欢迎参加", GROUP)
    check(r == "", f"a safety notice is chatter: {st} {r}")
    st, r = say(bot, 100, "昨天摔了一跤，现在没事了", GROUP)
    check(r == "", f"a past fall that is over is chatter: {st} {r}")
    time.sleep(1.5)
    n_after = len([l for l in mock_lines(log) if l["path"] == "/send_private_msg"])
    check(n_after == n_private + 1, f"only the fire was pushed: {n_private} then {n_after}")

    # a stranger: every admin
    st, r = say(bot, 555, "闻到煤气味 头有点晕")
    check("打开窗户" in r and "别碰任何开关" in r, f"gas: windows open, no switch: {r}")
    hit = wait_for(log, "/send_private_msg", ['"user_id":900', "煤气"])
    check(hit is not None, "a stranger's emergency reaches the admin")

    # ---- 3. the writer's script ----
    st, r = say(bot, 101, "註冊 陳秀蘭 3號樓")
    check("陳秀蘭" in r and "3號樓" in r and "歡迎" in r and "欢迎" not in r, f"registered in traditional: {r}")
    st, r = say(bot, 101, "查積分")
    check("餘額" in r and "余额" not in r, f"balance in traditional: {r}")
    st, r = say(bot, 101, "查积分")
    check("余额" in r and "餘額" not in r, f"a simplified line keeps simplified: {r}")
    st, r = say(bot, 102, "救命 我心口疼 喘不上氣")
    check("請馬上打 120" in r, f"an emergency in traditional is answered in it: {r}")
    rc, audit = bot.audit()
    check(rc == 0, f"audit: {audit}")
finally:
    bot.stop()
    mock.terminate()
    mock.wait()
check.done()
