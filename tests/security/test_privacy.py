#!/usr/bin/env python3
"""test_privacy.py — issue 11, finding 7 and two inputs of finding 8, against a real `bot serve`.

Groups never read more of an address than the building: the reply to a request posted in a group, the
re-announcement pushed to the group when the volunteer steps back, the unmatched escalation of `bot tick`, and a
private `有什么需求` from an unregistered stranger all keep the building and lose the unit and the room; the
volunteer who accepted reads the whole address privately. The building's group hears a birthday only for a member
who opted in (生日公开). `转赠 -1小时` moves nothing; `确认 #N 9999小时` confirms nothing and says the most that can be.

After the red-team review: units named by letters (B单元, b单元), 天干 (乙单元, 甲单元3楼) and sides (东单元) are cut in
the group reply, the group's list and a stranger's list; every Unicode dash (‐ ‑ ‒ ﹣ ➖), a sign word (减, 扣, minus)
and an amount the bot does not read (1e3小时, 0x10小时, 1/2小时, 1-2小时) move nothing in a gift or a confirm; with
no push_url the accepted volunteer reads the address with their next private reply (no push is queued to die), with
one it is pushed; 生日公开 from someone unregistered asks them to register and never uses their platform name.
"""
import os, re, subprocess, sys, time
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seclib import BOT, ROOT, Bot, Check, free_port  # noqa: E402

check = Check("privacy")
LOCAL = timezone(timedelta(hours=8))  # the bot's default [clock] utc_offset



def volunteer(bot, user, name):
    """A volunteer may accept once registered with a birthday (issue 15): privately, no building."""
    st, r, _ = bot.generic(f"注册 {name} 生日1980年5月1日", user=user)
    check("欢迎" in (r or ""), f"{user} registers as a volunteer: {r!r}")

def rid(reply):
    m = re.search(r"#(\d+)", reply or "")
    return int(m.group(1)) if m else 0


def no_flat(text, room, what):
    text = text or ""
    check("2单元" not in text, f"{what} shows the unit: {text!r}")
    check(room not in text, f"{what} shows the room {room}: {text!r}")


def tick(bot, when):
    r = subprocess.run([BOT, "tick", "-c", bot.ini, "--now", when], capture_output=True, text=True, cwd=ROOT,
                       timeout=60)
    check(r.returncode == 0, f"bot tick --now {when} exited {r.returncode}: {r.stderr[-300:]}")
    return r.stdout


def balance(bot, user):
    rows = bot.sql("SELECT balance FROM accounts WHERE name = ?", f"generic:{user}")
    return rows[0][0] if rows else None


with Bot("[roles]\nadmins = generic:admin\n") as bot:
    now = datetime.now(LOCAL)
    tomorrow = (now + timedelta(days=1)).date()

    # staff bind the 3号楼 group; residents of 3号楼, two with a birthday tomorrow
    bot.generic("注册 管理员 1号楼", user="admin")
    st, r, _ = bot.generic("绑定 3号楼", user="admin", chat="g3")
    check("绑定" in (r or ""), f"bind the 3号楼 group: {st} {r!r}")
    bot.generic("注册 王五 3号楼", user="rb")
    bday = f"生日1950年{tomorrow.month}月{tomorrow.day}日"
    bot.generic(f"注册 孙丽华 3号楼 {bday}", user="bd1")
    bot.generic(f"注册 周淑芬 3号楼 {bday}", user="bd2")
    for user, name in (("vol", "吴志远"), ("vol2", "郑志明"), ("cv", "冯建军")):
        volunteer(bot, user, name)
    st, r, _ = bot.generic("生日公开", user="bd1")
    check(r is not None and "群" in r, f"生日公开 answered: {r!r}")

    # 1. requests posted in a group: the group reply keeps the building only
    st, r1, _ = bot.generic("求助 明天上午9点 到和平小区5栋2单元301 修水管", user="ra", chat="g1")
    id1 = rid(r1)
    check(st == 200 and id1 > 0, f"request 1 posted: {st} {r1!r}")
    no_flat(r1, "301", "group reply to request 1")
    check("和平小区5栋" in (r1 or ""), f"group reply to request 1 names the building: {r1!r}")
    st, r2, _ = bot.generic("求助 明天上午10点 3号楼2单元501 修水管", user="rb", chat="g1")
    id2 = rid(r2)
    check(st == 200 and id2 > 0, f"request 2 posted: {st} {r2!r}")
    no_flat(r2, "501", "group reply to request 2")
    check("3号楼" in (r2 or ""), f"group reply to request 2 names the building: {r2!r}")
    # the requester's own text stays whole in the store (the requester and the volunteer read it)
    loc = bot.sql("SELECT location FROM requests WHERE id = ?", id1)
    check(loc and loc[0][0] == "和平小区5栋2单元301", f"request 1 keeps its whole location: {loc}")

    # 2. the volunteer accepts in the group, then steps back: the re-announcement to the group
    st, r, _ = bot.generic(f"接单 #{id1}", user="vol", chat="g1")
    check("已接单" in (r or ""), f"volunteer accepts #{id1}: {r!r}")
    no_flat(r, "301", "group reply to the accept")
    # no [generic] push_url here: no push can reach the volunteer, so none is queued to die; the address
    # comes with their next private reply
    dead = bot.sql("SELECT text, last_error FROM outbox WHERE job = 'accepted'")
    check(not dead, f"a private push that cannot be delivered was queued: {dead}")
    st, r, _ = bot.generic("有什么需求", user="vol", chat="g1")
    no_flat(r, "301", "the volunteer's next group message")
    st, r, _ = bot.generic("查积分", user="vol")
    check("和平小区5栋2单元301" in (r or ""), f"the accepted volunteer reads the whole address privately: {r!r}")
    st, r, _ = bot.generic(f"取消 #{id1}", user="vol")
    check("重新开放" in (r or ""), f"volunteer steps back from #{id1}: {r!r}")
    re_rows = bot.sql("SELECT chat_id, text FROM outbox WHERE job = 'reannounce'")
    check(len(re_rows) >= 1, f"a re-announcement was queued: {re_rows}")
    for chat, text in re_rows:
        check(chat == "g1", f"re-announcement goes to the group: {chat}")
        no_flat(text, "301", "re-announcement push")
        check("和平小区5栋" in text, f"re-announcement names the building: {text!r}")

    # 3. a private 有什么需求 from an unregistered stranger
    st, r, _ = bot.generic("有什么需求", user="stranger")
    check(f"#{id1}" in (r or "") and f"#{id2}" in (r or ""), f"stranger's list shows both requests: {r!r}")
    no_flat(r, "301", "stranger's private list")
    no_flat(r, "501", "stranger's private list")
    check("和平小区5栋" in (r or "") and "3号楼" in (r or ""), f"stranger's list names the buildings: {r!r}")
    # the requester reads their own whole
    st, r, _ = bot.generic("有什么需求", user="ra")
    check("和平小区5栋2单元301" in (r or ""), f"the requester's own private list keeps the address: {r!r}")

    # 4. unmatched 7 h later: the escalation to the group it was posted in and to the 3号楼 group
    later = (now + timedelta(hours=7)).isoformat(timespec="seconds")
    tick(bot, later)
    rows = bot.sql("SELECT chat_id, text FROM outbox WHERE job = 'unmatched' AND coalesce(chat_id,'') <> ''")
    check(any(f"#{id1}" in t for _, t in rows) and any(f"#{id2}" in t for _, t in rows),
          f"both requests escalated: {rows}")
    check(any(c == "g3" and f"#{id2}" in t for c, t in rows), f"request 2 escalated to the 3号楼 group: {rows}")
    for chat, text in rows:
        no_flat(text, "301", f"unmatched push to {chat}")
        no_flat(text, "501", f"unmatched push to {chat}")
        if f"#{id1}" in text:
            check("和平小区5栋" in text, f"unmatched push names the building: {text!r}")
        if f"#{id2}" in text:
            check("3号楼" in text, f"unmatched push names the building: {text!r}")

    # 5. the volunteer who accepts privately reads the whole address
    st, r, _ = bot.generic(f"接单 #{id2}", user="vol2")
    check("3号楼2单元501" in (r or ""), f"the accepted volunteer's private reply has the address: {r!r}")

    # 6. birthdays tomorrow at 10:00: the group hears only the member who opted in
    tick(bot, f"{tomorrow.isoformat()}T10:00:00+08:00")
    greet = bot.sql("SELECT text FROM outbox WHERE job = 'birthday' AND chat_id = 'g3'")
    check(any("孙丽华" in t for (t,) in greet), f"the opted-in member is greeted in the group: {greet}")
    check(not any("周淑芬" in t for (t,) in greet), f"a member who did not opt in is named in the group: {greet}")
    # both are greeted privately alike; neither gets the gift, as both entered the birthday the day before
    # (issue 14: a birthday entered or changed within a year pays nothing that year)
    private = bot.sql("SELECT (SELECT count(*) FROM outbox WHERE job = 'birthday' AND coalesce(chat_id, '') != 'g3' "
                      "AND (text LIKE '孙丽华，生日快乐%' OR text LIKE '周淑芬，生日快乐%')) + (SELECT count(*) "
                      "FROM member_notices WHERE name IN ('孙丽华', '周淑芬') AND notice LIKE '%生日快乐%')")
    check(private[0][0] == 2, f"both still get the private birthday greeting: {private}")
    gifts = bot.sql("SELECT count(*) FROM journal j JOIN accounts a ON a.id = j.account_id "
                    "WHERE j.kind = 'birthday' AND a.name IN ('generic:bd1', 'generic:bd2') AND j.minutes > 0")
    check(gifts[0][0] == 0, f"a birthday entered the day before earns a birthday credit: {gifts}")

    # 7. signed amounts: a gift of -1 h moves nothing; staff may still take away
    bot.generic("注册 钱七 3号楼", user="giver")
    bot.generic("注册 孙八 3号楼", user="recv")
    st, r, _ = bot.generic("调整积分 @giver +2小时 原因：测试", user="admin")
    check(balance(bot, "giver") == 120, f"staff gave 2 h: {r!r} {balance(bot, 'giver')}")
    before = (balance(bot, "giver"), balance(bot, "recv"))
    for text in ("转赠 -1小时 给 @recv", "转赠 负1小时 给 @recv", "转赠 －1小时 给 @recv"):
        st, r, _ = bot.generic(text, user="giver")
        check(st == 200 and r is not None and "正数" in r, f"{text}: a polite refusal: {r!r}")
        check((balance(bot, "giver"), balance(bot, "recv")) == before,
              f"{text} moved credit: {before} → {(balance(bot, 'giver'), balance(bot, 'recv'))}")
    check(bot.sql("SELECT count(*) FROM journal WHERE kind = 'gift'")[0][0] == 0, "a gift was journalled")
    st, r, _ = bot.generic("调整积分 @giver -1小时 原因：测试扣除", user="admin")
    check(balance(bot, "giver") == 60, f"staff 调整积分 -1小时 still takes away: {r!r} {balance(bot, 'giver')}")

    # 8. confirm more than the timer: nothing changes, and the reply says the most
    bot.generic("注册 郑九 3号楼", user="cr")
    st, r, _ = bot.generic("求助 陪我去社区医院 2小时", user="cr")  # no start: no 开始服务 window (issue 14)
    id3 = rid(r)
    bot.generic(f"接单 #{id3}", user="cv")
    bot.generic(f"开始服务 #{id3}", user="cv")
    st, r, _ = bot.generic(f"结束服务 #{id3}", user="cv")
    check("服务结束" in (r or ""), f"service #{id3} finished: {r!r}")
    journal0 = bot.sql("SELECT count(*) FROM journal")[0][0]
    for text in (f"确认 #{id3} 9999小时", f"确认 #{id3} -2小时", f"确认 #{id3} 0小时"):
        st, r, _ = bot.generic(text, user="cr")
        row = bot.sql("SELECT status, credited_minutes FROM requests WHERE id = ?", id3)
        check(row and row[0][0] == "finished" and row[0][1] is None, f"{text} changed the request: {row} ({r!r})")
        check(bot.sql("SELECT count(*) FROM journal")[0][0] == journal0, f"{text} moved credit: {r!r}")
        check(r is not None and ("最多" in r or "正数" in r), f"{text}: the reply says why: {r!r}")
    st, r, _ = bot.generic(f"确认 #{id3} 9999小时", user="cr")
    check("最多可以确认 半小时" in (r or ""), f"the reply names the most that can be confirmed: {r!r}")
    st, r, _ = bot.generic(f"确认 #{id3}", user="cr")
    check("已确认" in (r or ""), f"plain 确认 still confirms the timer: {r!r}")

    # 9. every dash and minus, a sign word, an amount the bot does not read: nothing moves (each on its own:
    # the giver has enough that a wrong read would go through)
    # one correction credits at most max_request_hours (12): 20 h as two, each with its reason
    st, r, _ = bot.generic("调整积分 @giver +10小时 原因：测试一", user="admin")
    st, r, _ = bot.generic("调整积分 @giver +10小时 原因：测试二", user="admin")
    check(balance(bot, "giver") == 60 + 1200, f"staff gave 20 h: {r!r} {balance(bot, 'giver')}")
    for text in ("转赠 \u20101小时 给 @recv", "转赠 \u20111小时 给 @recv", "转赠 \u20121小时 给 @recv",
                 "转赠 \ufe631小时 给 @recv", "转赠 \u27961小时 给 @recv", "转赠 减1小时 给 @recv",
                 "转赠 扣1小时 给 @recv", "转赠 minus 1小时 给 @recv", "转赠 1e3小时 给 @recv",
                 "转赠 0x10小时 给 @recv", "转赠 1/2小时 给 @recv", "转赠 1-2小时 给 @recv",
                 "转赠 1点5小时 给 @recv", "转赠 三分之一小时 给 @recv"):
        before = (balance(bot, "giver"), balance(bot, "recv"))
        st, r, _ = bot.generic(text, user="giver")
        check(st == 200 and r is not None and ("正数" in r or "没看懂" in r), f"{text!r}: a polite refusal: {r!r}")
        check((balance(bot, "giver"), balance(bot, "recv")) == before,
              f"{text!r} moved credit: {before} → {(balance(bot, 'giver'), balance(bot, 'recv'))}")
    check(bot.sql("SELECT count(*) FROM journal WHERE kind = 'gift'")[0][0] == 0, "a gift was journalled")
    # finished services: a confirm with a dash, a sign word or an unread amount confirms nothing
    for k, amount in enumerate(("\u20101小时", "\ufe631小时", "减1小时", "1e3小时")):
        st, r, _ = bot.generic("求助 陪我去社区医院 2小时", user=f"cr{k}")  # no start: no 开始服务 window
        idk = rid(r)
        volunteer(bot, f"cv{k}", "冯建" + "一二三四"[k])
        bot.generic(f"接单 #{idk}", user=f"cv{k}")
        t0 = int(time.time())  # a 2 h timer (the platform's send time), so a 1 h misread would go through
        bot.generic(f"开始服务 #{idk}", user=f"cv{k}", t=t0)
        st, r, _ = bot.generic(f"结束服务 #{idk}", user=f"cv{k}", t=t0 + 7200)
        check("服务结束" in (r or ""), f"service #{idk} finished: {r!r}")
        journal0 = bot.sql("SELECT count(*) FROM journal")[0][0]
        text = f"确认 #{idk} {amount}"
        st, r, _ = bot.generic(text, user=f"cr{k}", t=t0 + 7300)
        row = bot.sql("SELECT status, credited_minutes FROM requests WHERE id = ?", idk)
        check(row and row[0][0] == "finished" and row[0][1] is None, f"{text!r} changed the request: {row} ({r!r})")
        check(bot.sql("SELECT count(*) FROM journal")[0][0] == journal0, f"{text!r} moved credit: {r!r}")
        check(r is not None and ("正数" in r or "没看懂" in r), f"{text!r}: the reply says why: {r!r}")

    # 10. units named by letters, 天干 and sides: the group, its list and a stranger's list keep the building
    flats = ("乙单元", "b单元", "B单元", "东单元", "甲单元", "丙单元", "1203", "301", "甲单元3", "丙单元3")
    posted = []
    for k, loc in enumerate(("5栋乙单元301", "5栋B单元1203", "5栋东单元301", "5栋甲单元3楼", "5栋丙单元3楼")):
        st, r, _ = bot.generic(f"求助 明天上午9点 到和平小区{loc} 修水管 2小时", user=f"rq{k}", chat="g1")
        posted.append(rid(r))
        check(st == 200 and rid(r) > 0, f"request at {loc} posted: {st} {r!r}")
        check("和平小区5栋" in (r or ""), f"group reply for {loc} names the building: {r!r}")
        for flat in flats:
            check(flat not in (r or ""), f"group reply for {loc} shows {flat}: {r!r}")
    for who, chat in (("rq0", "g1"), ("stranger2", None)):
        st, r, _ = bot.generic("有什么需求", user=who, chat=chat)
        if chat:  # a group reads at most three lines: the first of the list and where to ask for the rest (issue 20)
            check(any(f"#{i}" in (r or "") for i in posted) and "私聊我发「有什么需求」" in (r or ""),
                  f"the group's list shows its first lines and points to a private chat: {r!r}")
        else:
            check(all(f"#{i}" in (r or "") for i in posted), f"{who}'s list shows the requests: {r!r}")
        for flat in flats:
            check(flat not in (r or ""), f"{'the group' if chat else 'a stranger'}'s list shows {flat}: {r!r}")

    # 11. 生日公开 from someone unregistered: told to register first, never called by a platform name
    st, r, _ = bot.generic("生日公开", user="passer", name="路人")
    check(r is not None and "路人" not in r, f"生日公开 calls the unregistered sender by a platform name: {r!r}")
    check(r is not None and "注册" in r and "生日" in r and "群" in r,
          f"生日公开 unregistered: register first, and what it will do: {r!r}")
    check(r is not None and not r.startswith("好的"), f"生日公开 unregistered says it is done: {r!r}")
    check(not bot.sql("SELECT 1 FROM identities WHERE platform = 'generic' AND user_id = 'passer'"),
          "生日公开 unregistered stored a member")

    rc, out = bot.audit()
    check(rc == 0, f"audit: {out[-300:]}")
    check(bot.alive(), "the bot is still running")

# 12. with [generic] push_url the accepted volunteer is pushed the address privately at once
with Bot(f"[generic]\npush_url = http://127.0.0.1:{free_port()}/push\n") as bot:
    st, r, _ = bot.generic("求助 明天上午9点 到和平小区5栋乙单元301 修水管", user="ra", chat="g1")
    id5 = rid(r)
    volunteer(bot, "vol", "吴志远")
    st, r, _ = bot.generic(f"接单 #{id5}", user="vol", chat="g1")
    check("已接单" in (r or "") and "私下" in (r or ""), f"volunteer accepts #{id5}: {r!r}")
    no_flat(r, "301", "group reply to the accept")
    check("乙单元" not in (r or ""), f"group reply to the accept shows the unit: {r!r}")
    private = bot.sql("SELECT text FROM outbox WHERE job = 'accepted' AND user_id = 'vol' AND coalesce(chat_id,'') = ''")
    check(any("和平小区5栋乙单元301" in t for (t,) in private),
          f"with push_url the volunteer is pushed the whole address privately: {private}")

check.done()
