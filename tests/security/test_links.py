"""test_links.py — issue 11, finding 3: accounts taken over through link codes.

Against a real `bot serve`: a guessing attack from many ids is stopped after a
bounded number of wrong tries (the code dies, the right code is then refused,
its owner is told); a claimant is refused unchecked after its own wrong tries;
a successful link is announced to the owner at once and 解除关联 undoes it, the
new identity unable to gift the credit away meanwhile; two ids that shared a
slot of the old rate limiter no longer reset each other's count.

The review of that fix, each reproduced against the real binary:
- the hold after a link covered only 转赠: a throwaway identity linked with the
  owner's code posted a request an accomplice served and confirmed it, paid the
  owner's own finished request, used the owner's admin role, and after the owner
  undid the link auto-confirm still charged the owner; now nothing moves the
  account's credit out for [limits] link_hold_hours, and undoing a link hands the
  identity's unfinished requests to its new account;
- 解除关联 from the attacker's identity (which also got the owner's later link
  alerts) undid the owner's own later link; now a linked identity undoes only
  its own link, alerts go only to the original identity, and the original
  chooses among several recent links by number, the reply naming the one undone;
- two throwaway ids killed every live code, and the owner's right entry then
  failed and counted against the owner; now ten wrong tries leave a code alive,
  and a killed code stays a tombstone that tells its owner's entry why;
- 关联：123456 and 关联 123 456 were not understood and 帮助 named neither command."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seclib import PG, BOT, Bot, Check, free_port  # noqa: E402

C = Check("links")


def old_slot(platform, user):
    """bot/limits.c before issue 11: FNV-1a of platform ':' user, 4,096 slots."""
    h = 1469598103934665603
    for ch in (platform + ":" + user).encode():
        h = ((h ^ ch) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return (h or 1) % 4096


def colliding(platform, a):
    want = old_slot(platform, a)
    for i in range(10_000_000):
        b = f"flood{i}"
        if old_slot(platform, b) == want:
            return b
    raise SystemExit("no colliding id found")


def code_of(reply):
    i = (reply or "").find("验证码是 ")
    return reply[i + len("验证码是 "):i + len("验证码是 ") + 6] if i >= 0 else None


def member_of(b, user):
    rows = b.sql("SELECT member_id FROM identities WHERE platform = 'generic' AND user_id = ?", user)
    return rows[0][0] if rows else None


def live_codes(b):
    """Link codes still usable (a killed code may be kept as a tombstone until it expires)."""
    cols = ["dead"] if PG else [r[1] for r in b.sql("PRAGMA table_info(link_codes)")]  # PostgreSQL: v28's
    return b.sql("SELECT count(*) FROM link_codes" + (" WHERE dead = 0" if "dead" in cols else ""))[0][0]


def balance(b, user):
    rows = b.sql("SELECT a.balance FROM identities i JOIN members m ON m.id = i.member_id "
                 "JOIN accounts a ON a.id = m.account_id WHERE i.platform = 'generic' AND i.user_id = ?", user)
    return rows[0][0] if rows else None


def req_id(reply):
    m = re.search(r"已发布求助 #(\d+)", reply or "")
    return int(m.group(1)) if m else None


def serve(b, vol, rid):
    """vol accepts, starts and finishes request rid."""
    b.generic(f"接单 #{rid}", user=vol)
    b.generic(f"开始服务 #{rid}", user=vol)
    return b.generic(f"结束服务 #{rid}", user=vol)[1] or ""


def clock_zh(at):
    """The clock of epoch `at` at +08:00 as replies say it (handlers/reply.c): 凌晨3点22分, 下午2点半, 中午12点."""
    t = time.gmtime(at + 8 * 3600)
    h, m = t.tm_hour, t.tm_min
    part = "凌晨" if h < 6 else "上午" if h < 12 else "中午" if h == 12 else "下午" if h < 18 else "晚上"
    return "%s%d点%s" % (part, h - 12 if h > 12 else h, "" if m == 0 else "半" if m == 30 else "%d分" % m)


def tick(b, at):
    """`bot tick` at epoch `at` against the running bot's store."""
    iso = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(at))
    r = subprocess.run([BOT, "tick", "-c", b.ini, "--now", iso], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


# a push channel for generic members (nothing listens there: only what is queued is looked at); without one the
# alerts below wait as notices for the next private reply instead (tests/security/test_privacy.py)
INI = f"""[limits]
messages_per_member_per_minute = 20
[roles]
admins = generic:staff
[generic]
push_url = http://127.0.0.1:{free_port()}/push
"""

with Bot(INI) as b:
    # ---- a victim with credit ----
    b.generic("注册 王芳 3号楼", user="victim")
    b.generic("注册 李华 5号楼", user="owner")
    b.generic("调整积分 王芳 +8小时 原因 测试", user="staff")
    b.generic("调整积分 李华 +8小时 原因 测试", user="staff")

    # ---- guessing from many ids: the code dies after a bounded number of wrong tries ----
    st, r, _ = b.generic("关联账号", user="victim")
    code = code_of(r)
    C(code is not None, f"no code in {r!r}")
    code = code or "000000"
    wrong = [f"{(int(code) + 1 + i) % 1000000:06d}" for i in range(400)]
    checked = refused = 0
    for i in range(12):  # 12 ids, 6 wrong tries each
        for j in range(6):
            st, r, _ = b.generic(f"关联 {wrong[i * 6 + j]}", user=f"att{i}")
            checked += "验证码不对" in (r or "")
            refused += "次数太多" in (r or "")
    C(refused >= 12, f"each claimant refused unchecked after its wrong tries (refused {refused} of 72)")
    st, r, _ = b.generic(f"关联 {code}", user="att-late")
    C("关联成功" not in (r or ""), f"the right code after 10+ wrong tries still linked: {r!r}")
    C(member_of(b, "att-late") != member_of(b, "victim"), "the late attacker joined the victim's account")
    C(live_codes(b) == 0, "the code is dead")
    told = b.sql("SELECT count(*) FROM outbox WHERE user_id = 'victim' AND text LIKE '%作废%'")[0][0]
    C(told == 1, f"the victim is told the code died ({told} pushes)")

    # a brute force over many fresh ids with the right code last: refused
    st, r, _ = b.generic("关联账号", user="victim")
    code2 = code_of(r) or "000000"
    tries = [f"{(int(code2) + 1 + i) % 1000000:06d}" for i in range(199)] + [code2]
    linked = 0
    for k, guess in enumerate(tries):
        st, r, _ = b.generic(f"关联 {guess}", user=f"bf{k // 5}")
        linked += "关联成功" in (r or "")
    C(linked == 0, f"200 guesses from 40 ids found the live code ({linked} links)")
    n = b.sql("SELECT count(*) FROM identities WHERE member_id = ?", member_of(b, "victim"))[0][0]
    C(n == 1, f"the victim's account has {n} identities")
    bal = b.generic("查积分", user="victim")[1] or ""
    C("8小时" in bal, f"the victim keeps 8 h: {bal!r}")

    # ---- a link that does happen is announced at once and can be undone ----
    st, r, _ = b.generic("关联账号", user="owner")
    code3 = code_of(r) or "000000"
    st, r, _ = b.generic(f"关联 {code3}", user="evil")
    C("关联成功" in (r or ""), f"the right code links: {r!r}")
    alert = b.sql("SELECT text FROM outbox WHERE user_id = 'owner' AND text LIKE '%已关联%'")
    C(len(alert) == 1 and "如非本人操作请回复「解除关联」" in alert[0][0] and "evil" not in alert[0][0],
      f"the owner is pushed the alert at once: {alert!r}")
    r = b.generic("查积分", user="evil")[1] or ""
    C("已关联" not in r, f"the newcomer reads the owner's alert: {r!r}")
    r = b.generic("转赠 8小时 给 王芳", user="evil")[1] or ""
    C("已转赠" not in r, f"a fresh link gifted the credit away: {r!r}")
    r = b.generic("查积分", user="owner")[1] or ""
    # pushed, the alert is told once (play-test 17): the next reply does not repeat it while its push is on its way
    # (a push the platform refuses for good puts it back: tests/e2e_refused.py, store_test)
    C("已关联" not in r, f"the owner's next reply repeats the pushed alert: {r!r}")
    C(b.sql("SELECT count(*) FROM notices WHERE user_id = 'owner' AND how = 'push' AND outbox_id IS NOT NULL")[0][0] == 1,
      "the alert's notice names its push")
    C("8小时" in r, f"the owner keeps 8 h: {r!r}")
    r = b.generic("解除关联", user="owner")[1] or ""
    C("已解除" in r, f"解除关联 from the owner: {r!r}")
    C(member_of(b, "evil") is not None and member_of(b, "evil") != member_of(b, "owner"),
      "the linked identity left the owner's account")
    r = b.generic("查积分", user="evil")[1] or ""
    C("余额为 0小时" in r, f"the unlinked identity took credit with it: {r!r}")
    r = b.generic("查积分", user="owner")[1] or ""
    C("8小时" in r, f"the owner keeps 8 h after the undo: {r!r}")
    # chatter in a group does not unlink
    st, r, _ = b.generic("解除关联", user="owner", chat="g1")
    C(r is None, f"unaddressed 解除关联 in a group answered: {r!r}")

    rc, out = b.audit()
    C(rc == 0, f"audit: {out[-300:]}")

    # ---- review 1: the hold covers every way credit leaves the account ----
    b.generic("注册 张阿姨 3号楼", user="zhang")
    b.generic("注册 赵强 6号楼 生日1980年5月1日", user="accomp")
    b.generic("调整积分 张阿姨 +10小时 原因 测试", user="staff")
    b.generic("设为管理员 张阿姨", user="staff")
    # no start time: 开始服务 has no window then (issue 14), whatever the wall clock says
    rid_own = req_id(b.generic("求助 陪我去社区医院 2小时", user="zhang")[1])
    C(rid_own is not None, "the owner posts a request")
    serve(b, "accomp", rid_own)
    code5 = code_of(b.generic("关联账号", user="zhang")[1]) or "000000"
    r = b.generic(f"关联 {code5}", user="mallory")[1] or ""
    C("关联成功" in r, f"mallory links with the owner's code: {r!r}")
    # 明天: a start that is never past, whatever the wall clock says (今天下午3点 failed this check after 15:00)
    r = b.generic("求助 明天下午3点 陪我聊天 5小时", user="mallory")[1] or ""
    rid = req_id(r)
    C(rid is None and "不能" in r, f"a freshly linked identity posts a request the account pays for: {r!r}")
    if rid:  # what the review did with it
        serve(b, "accomp", rid)
        b.generic(f"确认 #{rid}", user="mallory")
    r = b.generic(f"确认 #{rid_own}", user="mallory")[1] or ""
    C("已确认" not in r, f"a freshly linked identity pays for the owner's request: {r!r}")
    r = b.generic("调整积分 赵强 +5小时 原因 测试", user="mallory")[1] or ""
    C("补发" not in r, f"a freshly linked identity uses the owner's admin role: {r!r}")
    C(balance(b, "zhang") == 600, f"the owner's account keeps 10 h: {balance(b, 'zhang')} minutes")
    C(balance(b, "accomp") == 0, f"the accomplice got nothing: {balance(b, 'accomp')} minutes")
    r = b.generic(f"确认 #{rid_own}", user="zhang")[1] or ""
    C("已确认" in r, f"the owner herself confirms: {r!r}")
    rc, out = b.audit()
    C(rc == 0, f"audit: {out[-300:]}")

    # ---- review 2: 解除关联 from a linked identity undoes only its own link ----
    b.generic("注册 周梅 4号楼", user="owner3")
    code6 = code_of(b.generic("关联账号", user="owner3")[1]) or "000000"
    C("关联成功" in (b.generic(f"关联 {code6}", user="mallory3")[1] or ""), "mallory3 links")
    b.generic("查积分", user="owner3")  # reads the first alert
    code7 = code_of(b.generic("关联账号", user="owner3")[1]) or "000000"
    C("关联成功" in (b.generic(f"关联 {code7}", user="phone3")[1] or ""), "the owner's phone links later")
    told = b.sql("SELECT count(*) FROM outbox WHERE user_id = 'mallory3' AND text LIKE '%已关联%'")[0][0]
    C(told == 0, f"the identity linked first is pushed the owner's later link alert ({told})")
    r = b.generic("查积分", user="mallory3")[1] or ""
    C("已关联" not in r, f"the identity linked first reads the owner's later link alert: {r!r}")
    r = b.generic("解除关联", user="mallory3")[1] or ""
    C(member_of(b, "phone3") == member_of(b, "owner3"), f"mallory3's 解除关联 undid the owner's phone: {r!r}")
    C(member_of(b, "mallory3") != member_of(b, "owner3"), "mallory3 stays linked after her own 解除关联")
    undone = b.sql("SELECT user_id, at FROM identity_links WHERE undone_at IS NOT NULL AND undone_by = 'generic:mallory3'")
    C([u for u, _ in undone] == ["mallory3"], f"mallory3 undid {undone!r}")
    if undone:
        hhmm = clock_zh(undone[0][1])
        C("已解除" in r and hhmm in r, f"the reply names the link undone ({hhmm}): {r!r}")
    # the original chooses among several recent links, by number
    code8 = code_of(b.generic("关联账号", user="owner3")[1]) or "000000"
    C("关联成功" in (b.generic(f"关联 {code8}", user="phone4")[1] or ""), "a second phone links")
    r = b.generic("解除关联", user="owner3")[1] or ""
    C(member_of(b, "phone3") == member_of(b, "owner3") and member_of(b, "phone4") == member_of(b, "owner3"),
      f"解除关联 with two recent links undid one unasked: {r!r}")
    ids = dict(b.sql("SELECT user_id, id FROM identity_links WHERE user_id IN ('phone3','phone4')"))
    C(f"解除关联 {ids.get('phone4')}" in r and f"解除关联 {ids.get('phone3')}" in r, f"both listed to choose: {r!r}")
    r = b.generic(f"解除关联 {ids.get('phone4')}", user="owner3")[1] or ""
    C(member_of(b, "phone4") != member_of(b, "owner3") and member_of(b, "phone3") == member_of(b, "owner3"),
      f"解除关联 N undid the link numbered N only: {r!r}")
    C("已解除" in r, f"the reply says what it undid: {r!r}")

    # ---- review 3: two throwaway ids no longer kill a code, and a killed one says why ----
    b.generic("注册 吴兰 7号楼", user="victim4")
    code9 = code_of(b.generic("关联账号", user="victim4")[1]) or "000000"
    for k in range(10):
        b.generic(f"关联 {(int(code9) + 1 + k) % 1000000:06d}", user=f"killer{k % 2}")
    r = b.generic(f"关联 {code9}", user="victim4-phone")[1] or ""
    C("关联成功" in r or "多次被猜错已作废" in r, f"the owner's right code after two ids' wrong tries: {r!r}")
    n = b.sql("SELECT count(*) FROM link_wrong WHERE user_id = 'victim4-phone'")[0][0]
    C(n == 0, f"the owner's right code counted as a wrong try against the owner ({n})")
    code10 = code_of(b.generic("关联账号", user="victim4")[1]) or "000000"
    for k in range(60):  # twelve ids, five each: the code dies
        b.generic(f"关联 {(int(code10) + 1 + k) % 1000000:06d}", user=f"killer-b{k // 5}")
    r = b.generic(f"关联 {code10}", user="victim4-tablet")[1] or ""
    C("这个验证码因多次被猜错已作废，请在原账号重新获取" in r, f"a killed code's owner is not told why: {r!r}")
    n = b.sql("SELECT count(*) FROM link_wrong WHERE user_id = 'victim4-tablet'")[0][0]
    C(n == 0, f"the killed code's right entry counted as a wrong try ({n})")
    C(member_of(b, "victim4-tablet") != member_of(b, "victim4"), "a killed code still linked")

    # ---- review 4: the link commands are findable ----
    r = b.generic("帮助", user="newbie")[1] or ""
    C("关联账号" in r and "解除关联" in r, f"帮助 names neither 关联账号 nor 解除关联: {r!r}")
    for typed in ("关联：{}", "关联 {} {}"):
        code11 = code_of(b.generic("关联账号", user="victim4")[1]) or "000000"
        text = typed.format(code11) if "{} {}" not in typed else typed.format(code11[:3], code11[3:])
        who = f"typed{len(typed)}"
        r = b.generic(text, user=who)[1] or ""
        C("关联成功" in r, f"{text!r} is not understood: {r!r}")

    rc, out = b.audit()
    C(rc == 0, f"audit: {out[-300:]}")

    # ---- the limiter: ids that shared a slot of the old table ----
    a = "limiter-a"
    bb = colliding("generic", a)
    limited = {a: 0, bb: 0}
    first_over = {a: 0, bb: 0}
    for _ in range(30):
        for u in (a, bb):
            st, r, _ = b.generic("查积分", user=u)
            if r is None or "发得太快" in r:
                limited[u] += 1
            first_over[u] += "发得太快" in (r or "")
    C(limited[a] >= 1 and limited[bb] >= 1, f"alternating colliding ids were never limited: {limited}")
    C(first_over[a] == limited[a] and first_over[bb] == limited[bb],
      f"each told that it sends too fast, never left in silence: {first_over} {limited}")
    C(b.alive(), "the bot is alive")

# ---- review 1, continued: after an undo, auto-confirm no longer charges the owner ----
# (the hold is set to 0 so the linked identity may post, as it may once a real hold has passed; the service here lasts
# seconds, so the rule that a timer under short_timer_minutes is paid only on the requester's own word is off)
with Bot(INI + "[limits]\nlink_hold_hours = 0\n[rules]\nshort_timer_minutes = 0\n") as b:
    b.generic("注册 张阿姨 3号楼", user="zhang")
    b.generic("注册 赵强 6号楼 生日1980年5月1日", user="accomp")
    b.generic("调整积分 张阿姨 +10小时 原因 测试", user="staff")
    code = code_of(b.generic("关联账号", user="zhang")[1]) or "000000"
    C("关联成功" in (b.generic(f"关联 {code}", user="mallory")[1] or ""), "mallory links")
    rid = req_id(b.generic("求助 陪我聊天 5小时", user="mallory")[1])  # no start: no 开始服务 window
    C(rid is not None, "after the hold the linked identity posts")
    r = serve(b, "accomp", rid or 0)
    C("服务结束" in r, f"the accomplice finishes: {r!r}")
    r = b.generic("解除关联", user="zhang")[1] or ""
    C("已解除" in r and member_of(b, "mallory") != member_of(b, "zhang"), f"the owner undoes the link: {r!r}")
    rc, out = tick(b, int(time.time()) + 25 * 3600)
    C(rc == 0, f"bot tick: {out[-300:]}")
    st = b.sql("SELECT status FROM requests WHERE id = ?", rid or 0)
    C(st and st[0][0] == "confirmed", f"auto-confirm ran: {st!r}")
    C(balance(b, "zhang") == 600, f"auto-confirm charged the owner after the undo: {balance(b, 'zhang')} minutes")
    C(balance(b, "mallory") is not None and balance(b, "mallory") < 0, "the unlinked identity's account paid")
    rc, out = b.audit()
    C(rc == 0, f"audit: {out[-300:]}")

C.done()
