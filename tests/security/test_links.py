"""test_links.py — issue 11, finding 3: accounts taken over through link codes.

Against a real `bot serve`: a guessing attack from many ids is stopped after a
bounded number of wrong tries (the code dies, the right code is then refused,
its owner is told); a claimant is refused unchecked after its own wrong tries;
a successful link is announced to the owner at once and 解除关联 undoes it, the
new identity unable to gift the credit away meanwhile; two ids that shared a
slot of the old rate limiter no longer reset each other's count."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seclib import Bot, Check, free_port  # noqa: E402

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
    C(b.sql("SELECT count(*) FROM link_codes")[0][0] == 0, "the code is dead")
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
    C("已关联" in r and "解除关联" in r, f"the owner's next reply carries the alert: {r!r}")
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
    C(first_over[a] == 1 and first_over[bb] == 1, f"each told once that it sends too fast: {first_over}")
    C(b.alive(), "the bot is alive")

C.done()
