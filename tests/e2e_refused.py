#!/usr/bin/env python3
"""e2e_refused.py — play-test 17's platform findings, against the real binary and a mock that refuses as QQ and
Telegram do a private message to someone who never opened a chat with the bot (tests/mock_platform.py REFUSED).

usage: e2e_refused.py [BOT]
(a) a gift's push to 林芳 (QQ, not the bot's friend: retcode 100) is dead after one attempt, and her next private
    reply shows the gift; one she never reads goes into her 楼长's digest (a push does not reach her after all); the group's 已私信您 to her says how to open the chat, not to one a push has reached;
(b) an anonymous QQ group message and the bot's own message reported back are not acted on;
(c) group chatter and replays of one message id never bring a member to the rate limit, nor is it said in a group;
(d) 查积分 with another member @-mentioned, and Telegram's /cmd@another_bot, stay quiet;
(e) a WeChat voice message is read as its <Recognition> transcript; without one she is asked to type;
(f) [wecom] buildings = 3号楼: an emergency in 3号楼 reaches the WeCom robot; ** reaches QQ as plain text.
"""
import hashlib, json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import BOT, Bot, Check, community_clock  # noqa: E402

check = Check("e2e_refused")
off, T, INI = community_clock(15)
INI += """
[limits]
messages_per_member_per_minute = 6
[telegram]
username = yizhan_bot
[rules]
digest_hour = 0
"""
_mid = [9000]


def ob(user, text, group=None, **extra):
    _mid[0] += 1
    e = {"time": int(time.time()), "self_id": 10001, "post_type": "message",
         "message_type": "group" if group else "private", "sub_type": "normal" if group else "friend",
         "message_id": _mid[0], "user_id": user, "message": text, "sender": {"nickname": "邻居", "card": ""}}
    if group:
        e["group_id"] = group
    e.update(extra)
    return e


def say(bot, user, text, group=None, **extra):
    st, b = bot.onebot(ob(user, text, group, **extra))
    try:
        return st, (json.loads(b).get("reply") or "") if b else ""
    except ValueError:
        return st, ""


def tg(bot, user, text, chat):
    _mid[0] += 1
    u = {"update_id": _mid[0], "message": {"message_id": _mid[0], "from": {"id": user, "first_name": "小芳"},
                                           "chat": {"id": chat, "type": "supergroup" if chat < 0 else "private"},
                                           "date": int(time.time()), "text": text}}
    st, b = bot.telegram(u)
    return st, b.decode() if isinstance(b, bytes) else (b or "")


def wechat(bot, user, xml_inner):
    ts, nonce = str(int(time.time())), f"n{time.time_ns()}"
    sig = hashlib.sha1("".join(sorted(["wxtoken", ts, nonce])).encode()).hexdigest()
    _mid[0] += 1
    body = (f"<xml><ToUserName>gh_1</ToUserName><FromUserName>{user}</FromUserName><CreateTime>{ts}</CreateTime>"
            f"{xml_inner}<MsgId>{_mid[0]}</MsgId></xml>")
    st, b = bot.request(f"/hook/wechat?signature={sig}&timestamp={ts}&nonce={nonce}", body.encode(),
                        {"Content-Type": "text/xml"})
    return st, b.decode() if isinstance(b, bytes) else (b or "")


def lines(log):
    try:
        with open(log, encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]
    except FileNotFoundError:
        return []


def settle(bot, seconds=8):
    end = time.time() + seconds
    while time.time() < end:
        if bot.sql("SELECT count(*) FROM outbox WHERE status = 'pending' AND next_at <= ?", int(time.time()))[0][0] == 0:
            return
        time.sleep(0.1)


WANG, CHEN, LIN, CHAT, BOSS = 2001, 2002, 2003, 2004, 900
bot = Bot(extra=INI, start=False)
log = os.path.join(bot.dir, "mock.log")
refused = os.path.join(bot.dir, "refused")
with open(refused, "w") as f:
    f.write(f"{LIN}\n3002\n")
with open(bot.ini, "a", encoding="utf-8") as f:
    f.write(f"[wecom]\nrobot_url = http://127.0.0.1:{bot.mock_port}/wecom/send?key=k\nbuildings = 3号楼\n")
mock = subprocess.Popen([sys.executable, os.path.join(HERE, "mock_platform.py"), str(bot.mock_port), log, refused])
try:
    time.sleep(0.3)
    bot.start()
    for uid, name in ((WANG, "王强"), (CHEN, "陈伯"), (LIN, "林芳")):
        st, r = say(bot, uid, f"注册 {name} 3号楼 生日1970年5月1日")
        check(name in r, f"{name} registers over QQ: {st} {r}")
    st, r = say(bot, BOSS, "绑定 3号楼", 5551)
    check(st == 200, f"the QQ group is bound: {st} {r}")

    # ---- (a) a refused push: dead at once, its notice waits for her next private reply ----
    st, r = say(bot, BOSS, "调整积分 @王强 +2小时 原因：测试转赠")
    check(st == 200 and r, f"staff give 王强 two hours: {st} {r}")
    st, r = say(bot, WANG, "转赠 半小时 给 @林芳")
    check("已转赠" in r, f"王强 gives 林芳 half an hour: {st} {r}")
    st, r = say(bot, WANG, "转赠 半小时 给 @陈伯")
    check("已转赠" in r, f"王强 gives 陈伯 half an hour: {st} {r}")
    settle(bot)
    time.sleep(0.5)
    rows = bot.sql("SELECT status, attempts FROM outbox WHERE user_id = ? AND chat_id IS NULL", str(LIN))
    check(rows and all(r == ("dead", 1) for r in rows), f"the push to 林芳 is dead after one attempt: {rows}")
    check(bot.sql("SELECT count(*) FROM notices n JOIN members m ON m.id = n.member_id WHERE m.name = '林芳' "
                  "AND n.delivered_at IS NULL AND n.text LIKE '%转赠%'")[0][0] == 1, "her gift notice waits again")
    check(bot.sql("SELECT status FROM outbox WHERE user_id = ? AND chat_id IS NULL", str(CHEN)) == [("sent",)],
          f"the push to 陈伯 went: {bot.sql('SELECT status FROM outbox WHERE user_id = ?', str(CHEN))}")
    st, r = say(bot, LIN, "查积分")
    check("王强" in r and "转赠" in r, f"林芳's next private reply tells her of the gift: {st} {r}")
    st, r = say(bot, LIN, "查积分")
    check("转赠" not in r, f"…once: {r}")
    st, r = say(bot, BOSS, "设为楼长 @陈伯 3号楼")
    check("楼长" in r, f"陈伯 is made 3号楼's 楼长: {st} {r}")
    st, r = say(bot, WANG, "转赠 半小时 给 @林芳")
    check("已转赠" in r, f"王强 gives 林芳 another half hour: {st} {r}")
    settle(bot)
    tk = subprocess.run([BOT, "tick", "-c", bot.ini], capture_output=True, text=True, timeout=60)
    check(tk.returncode == 0, f"bot tick: {tk.stderr}")
    settle(bot)
    time.sleep(0.5)
    dig = [l for l in lines(log) if l["path"] == "/send_private_msg" and str(json.loads(l["body"]).get("user_id")) ==
           str(CHEN) and "林芳" in l["body"] and "转赠" in l["body"]]
    check(len(dig) == 1, f"her 楼长's digest passes on the gift her platform refused: {dig} {tk.stdout}")
    st, r = say(bot, LIN, "查积分", 5551)
    check("已私信您" in r and "加我为QQ好友" in r, f"the group tells 林芳 how to open the private chat: {r}")
    st, r = say(bot, CHEN, "查积分", 5551)
    check("已私信您" in r and "好友" not in r, f"…not 陈伯, whom a push has reached: {r}")

    # ---- (b) anonymous and own messages ----
    n0 = bot.sql("SELECT count(*) FROM requests")[0][0]
    st, r = say(bot, 80000000, "求助 明天下午3点 修水管 1小时", 5551, sub_type="anonymous",
                anonymous={"id": 1, "name": "匿名", "flag": "x"})
    check(st == 204 and not r, f"an anonymous group message is not acted on: {st} {r}")
    st, r = say(bot, 10001, "求助 #10 重新开放：维修 明天上午10点 3号楼。能帮忙的邻居请回复「接单 #10」。", 5551)
    check(st == 204 and not r, f"the bot's own message is not acted on: {st} {r}")
    check(bot.sql("SELECT count(*) FROM requests")[0][0] == n0, "no request posted")

    # ---- (c) chatter and replays do not count ----
    for i in range(10):
        st, r = say(bot, CHAT, f"哈哈哈 今天天气真好 第{i}句", 5551)
        check(st == 204 and not r, f"chatter {i} unanswered: {st} {r}")
    st, r = say(bot, CHAT, "注册 赵六 3号楼 生日1980年1月1日")
    check("赵六" in r, f"the chatterer's own private message is answered: {r}")
    rep = ob(CHEN, "查积分")
    first = None
    for i in range(10):
        st, b = bot.onebot(rep)
        r = (json.loads(b).get("reply") or "") if b else ""
        first = first or r
        check(st == 200 and r == first and "太快" not in r, f"replay {i} gets the first answer: {st} {r}")
    st, r = say(bot, CHEN, "我的单子")
    check(st == 200 and r and "太快" not in r, f"陈伯's real message after the replays is answered: {st} {r}")

    # ---- (d) commands meant for another ----
    st, r = say(bot, LIN, f"[CQ:at,qq={WANG}] 查积分", 5551)
    check(st == 204 and not r, f"林芳's 查积分 to 王强 stays hers to him: {st} {r}")
    st, r = tg(bot, 3002, "/balance@other_bot", -100777)
    check(st == 200 and "sendMessage" not in r, f"/balance@other_bot is another bot's: {st} {r}")
    st, r = tg(bot, 3002, "/balance@yizhan_bot", 3002)
    check(st == 200 and "sendMessage" in r, f"/balance@yizhan_bot is the bot's: {st} {r}")

    # ---- (e) WeChat voice ----
    st, r = wechat(bot, "oElder", "<MsgType><![CDATA[voice]]></MsgType><MediaId>m1</MediaId><Format>amr</Format>"
                                  "<Recognition><![CDATA[注册 张秀英 3号楼 生日1950年3月1日]]></Recognition>")
    check(st == 200 and "张秀英" in r, f"a voice with a transcript is read as it: {st} {r[:200]}")
    st, r = wechat(bot, "oElder", "<MsgType><![CDATA[voice]]></MsgType><MediaId>m2</MediaId><Format>amr</Format>")
    check(st == 200 and "打字" in r, f"a voice without one asks her to type: {st} {r[:200]}")

    # ---- (f) the WeCom robot gets 3号楼's emergency ----
    st, r = say(bot, CHEN, "有人吗 帮帮我 我在3号楼2单元501 摔倒了起不来")
    check("120" in r, f"陈伯's emergency: {st} {r}")
    settle(bot)
    time.sleep(0.5)
    wc = [l for l in lines(log) if l["path"].startswith("/wecom")]
    check(len(wc) == 1 and "3号楼" in wc[0]["body"], f"the WeCom robot got the emergency once: {wc}")
    check(not any("**" in l["body"] for l in lines(log) if not l["path"].startswith("/wecom")),
          "no ** reached QQ or Telegram")
    rc, audit = bot.audit()
    check(rc == 0, f"audit: {audit}")
finally:
    bot.stop()
    mock.terminate()
    mock.wait()
check.done()
