#!/usr/bin/env python3
"""test_privacy.py — issue 11, finding 7 and two inputs of finding 8, against a real `bot serve`.

Groups never read more of an address than the building: the reply to a request posted in a group, the
re-announcement pushed to the group when the volunteer steps back, the unmatched escalation of `bot tick`, and a
private `有什么需求` from an unregistered stranger all keep the building and lose the unit and the room; the
volunteer who accepted reads the whole address privately. The building's group hears a birthday only for a member
who opted in (生日公开). `转赠 -1小时` moves nothing; `确认 #N 9999小时` confirms nothing and says the most that can be.
"""
import os, re, subprocess, sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seclib import BOT, ROOT, Bot, Check  # noqa: E402

check = Check("privacy")
LOCAL = timezone(timedelta(hours=8))  # the bot's default [clock] utc_offset


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
    private = bot.sql("SELECT text FROM outbox WHERE job = 'accepted' AND user_id = 'vol' AND coalesce(chat_id,'') = ''")
    check(any("和平小区5栋2单元301" in t for (t,) in private),
          f"the accepted volunteer is told the whole address privately: {private}")
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
    gifts = bot.sql("SELECT count(*) FROM journal j JOIN accounts a ON a.id = j.account_id "
                    "WHERE j.kind = 'birthday' AND a.name IN ('generic:bd1', 'generic:bd2') AND j.minutes > 0")
    check(gifts[0][0] == 2, f"both still get the birthday credit: {gifts}")

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
    st, r, _ = bot.generic("求助 明天上午9点陪我去社区医院 2小时", user="cr")
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
    check("最多可以确认 0.5小时" in (r or ""), f"the reply names the most that can be confirmed: {r!r}")
    st, r, _ = bot.generic(f"确认 #{id3}", user="cr")
    check("已确认" in (r or ""), f"plain 确认 still confirms the timer: {r!r}")

    rc, out = bot.audit()
    check(rc == 0, f"audit: {out[-300:]}")
    check(bot.alive(), "the bot is still running")

check.done()
