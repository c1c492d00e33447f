#!/usr/bin/env python3
"""e2e_console.py — the web console through the real binary, with curl as a browser would be.

usage: e2e_console.py [BOT]
`bot serve` on a loopback port; staff (generic:staff in [roles] admins) and a 3号楼 楼长 ask 后台 over the generic hook
and get a one-time link; curl opens it with a cookie jar. Checked: the link logs in once (HttpOnly, SameSite=Strict
cookie; a second use refused); every page answers 200 signed in and 401 without the cookie; a POST without the CSRF
token is refused and changes nothing, with it the complaint is decided (the order's credit refunded) through the
same rules as the chat command; the 楼长 is refused another building's member and order; a member named
<script>…</script> shows as text; the CSV downloads parse (UTF-8 with BOM, formula cells neutralised); 退出后台
ends the session; `bot audit` clean.
"""
import csv, io, os, re, subprocess, sys, tempfile, time
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import BOT, ROOT, Bot, Check  # noqa: E402

check = Check("e2e_console")
TMP = tempfile.mkdtemp(prefix="console-")


def curl(bot, path, jar, data=None, out_headers=False):
    """(status, body text, headers text) of one request by curl with the jar."""
    hdr = os.path.join(TMP, "h.txt")
    cmd = ["curl", "-s", "-o", "-", "-D", hdr, "-b", jar, "-c", jar, "-w", "\n%{http_code}",
           f"http://127.0.0.1:{bot.port}{path}"]
    if data is not None:
        cmd[1:1] = ["--data", data]
    r = subprocess.run(cmd, capture_output=True, timeout=30)
    out = r.stdout.decode("utf-8", "replace")
    body, _, code = out.rpartition("\n")
    with open(hdr, encoding="utf-8", errors="replace") as f:
        headers = f.read()
    return int(code or 0), body, headers


def link_of(reply):
    m = re.search(r"(/console/login\?t=[A-Za-z0-9_-]{32})", reply or "")
    return m.group(1) if m else None


def csrf_of(page):
    m = re.search(r'name="csrf" value="([A-Za-z0-9_-]{32})"', page)
    return m.group(1) if m else ""


extra = f"""
[roles]
admins = generic:staff
[console]
static_dir = {os.path.join(ROOT, "console", "static")}
"""
with Bot(extra) as bot:
    g = bot.generic
    g("注册 王守信 1号楼 生日1970年1月1日", user="staff")
    g("注册 赵德明 3号楼 生日1965年1月1日", user="zhao")
    g("设为楼长 @zhao 3号楼", user="staff")
    g("注册 李秀英 2号楼 生日1950年1月1日", user="li")
    g("注册 王师傅 2号楼 生日1980年1月1日", user="wang")
    g("求助 帮我修水龙头 =1+2", user="li")
    g("接单 #1", user="wang")
    g("开始服务 #1", user="wang")
    g("结束服务 #1", user="wang")
    g("确认 #1", user="li")
    g("投诉 #1 水龙头还是漏", user="li")
    g("求助 帮我代购", user="x", name="<script>alert(1)</script>")

    # staff: the link, once
    jar = os.path.join(TMP, "staff.jar")
    _, reply, _ = g("后台", user="staff")
    link = link_of(reply)
    check(link, f"后台 gives a link ({reply})")
    _, group_reply, _ = g("后台", user="staff", chat="g1")
    check(not link_of(group_reply), f"no link in a group ({group_reply})")
    st, _, headers = curl(bot, link, jar)
    check(st == 303 and re.search(r"Set-Cookie: tb_console=[^;]+; Path=/console; HttpOnly; SameSite=Strict", headers),
          f"the link signs in with an HttpOnly SameSite=Strict cookie ({st} {headers})")
    st, _, _ = curl(bot, link, os.path.join(TMP, "thief.jar"))
    check(st == 403, f"the link works once ({st})")

    for page in ["/console/", "/console/orders", "/console/orders?status=disputed", "/console/order?id=1",
                 "/console/members", "/console/members?name=" + quote("李"), "/console/complaints", "/console/ledger",
                 "/console/ledger?account=fund", "/console/activities", "/console/settings", "/console/report",
                 "/console/report?month=2026-11", "/console/publicity", "/console/merchants", "/console/finance",
                 "/console/finance?month=2026-11"]:
        st, body, _ = curl(bot, page, jar)
        check(st == 200 and "</html>" in body, f"{page} answers ({st})")
        st, _, _ = curl(bot, page, os.path.join(TMP, "nobody.jar"))
        check(st == 401, f"{page} without a session is refused ({st})")
    st, body, _ = curl(bot, "/console/members", jar)
    check("<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body,
          "a member's name is shown as text, never as markup")
    st, css, _ = curl(bot, "/console/static/console.css", jar)
    check(st == 200 and "font" in css, f"the style sheet is served from the repo's folder ({st})")
    st, _, _ = curl(bot, "/console/static/../../bot.ini", jar)
    check(st == 404, f"nothing outside the static folder ({st})")

    # a decision: refused without the token, taken with it
    st, page, _ = curl(bot, "/console/complaints", jar)
    token = csrf_of(page)
    held = bot.sql("SELECT balance FROM accounts WHERE name = 'hold'")[0][0]
    st, _, _ = curl(bot, "/console/act", jar, data="do=resolve&id=1&how=退款")
    check(st == 403, f"a POST without the CSRF token is refused ({st})")
    check(bot.sql("SELECT status FROM complaints")[0][0] == "open", "and decides nothing")
    st, body, _ = curl(bot, "/console/act", jar, data=f"csrf={token}&do=resolve&id=1&how=退款")
    check(st == 200 and "#1" in body, f"with the token the complaint is decided ({st} {body[-300:]})")
    check(bot.sql("SELECT status FROM complaints")[0][0] == "refund", "as the chat command decides it")
    check(held > 0 and bot.sql("SELECT balance FROM accounts WHERE name = 'hold'")[0][0] == 0, "the held credit moved")
    check(bot.sql("SELECT count(*) FROM console_log WHERE action LIKE '处理投诉%'")[0][0] == 1, "the action is logged")

    # CSV that parses
    st, body, _ = curl(bot, "/console/settings", jar)
    check("gen" not in re.findall(r"<td>([^<]*)</td>", body) and "已设置，不显示" in body,
          "the settings page shows no secret")
    st, body, _ = curl(bot, "/console/audit", jar, data=f"csrf={token}")
    check(st == 303, f"the audit runs from the ledger page ({st})")
    st, body, _ = curl(bot, "/console/ledger", jar)
    check("全部相符" in body, "and the ledger page shows it clean")
    month = time.strftime("%Y-%m", time.gmtime(time.time() + 8 * 3600))  # the community's month now
    for name, head in [("members", "姓名"), ("orders", "单号"), ("journal", "账户"), ("report", "项目")]:
        st, body, headers = curl(bot, f"/console/csv/{name}?month={month}", jar)
        check(st == 200 and "text/csv" in headers and "attachment" in headers, f"{name}.csv downloads ({st})")
        check(body.startswith("\ufeff"), f"{name}.csv starts with a BOM")
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        check(len(rows) >= 2 and head in rows[0] and all(len(r) == len(rows[0]) for r in rows),
              f"{name}.csv parses into even rows ({rows[:2]})")
        check(not any(c[:1] in "=+-@" for r in rows for c in r if c and not re.fullmatch(r"-?\d+(\.\d+)?", c)),
              f"{name}.csv has no cell a spreadsheet would run")

    # the 楼长: his building only
    zjar = os.path.join(TMP, "zhao.jar")
    _, reply, _ = g("后台", user="zhao")
    st, _, _ = curl(bot, link_of(reply), zjar)
    check(st == 303, f"the 楼长 signs in ({st})")
    li_id = bot.sql("SELECT id FROM members WHERE name = '李秀英'")[0][0]
    st, body, _ = curl(bot, f"/console/member?id={li_id}", zjar)
    check(st == 404 and "李秀英" not in body, f"the 楼长 is refused another building's member ({st})")
    st, body, _ = curl(bot, "/console/ledger?account=fund", zjar)
    check(st == 403, f"the ledger names every building's members: staff's only ({st})")
    st, body, _ = curl(bot, "/console/order?id=1", zjar)
    check(st == 404, f"and another building's order ({st})")
    st, body, _ = curl(bot, "/console/members?building=" + quote("2号楼"), zjar)
    check(st == 200 and "李秀英" not in body, "and cannot filter his way into it")
    st, body, _ = curl(bot, "/console/act", zjar, data=f"csrf={csrf_of(body)}&do=suspend&target={li_id}")
    check(bot.sql("SELECT suspended FROM members WHERE id = ?", li_id)[0][0] == 0,
          f"nor suspend anyone: the rule book says only staff ({st})")

    st, body, _ = curl(bot, "/console/merchants", zjar)
    check(st == 403 and "只有工作人员" in body, f"the merchants' books are staff's ({st})")
    for page in ["/console/settings", "/console/ledger", "/console/csv/journal"]:
        st, body, _ = curl(bot, page, zjar)
        check(st == 403, f"{page} is staff's, typed or not ({st})")
    st, body, _ = curl(bot, "/console/finance", zjar)
    check(st == 200 and "财务公示" in body and "银行存款" not in body and "待批支出" not in body,
          f"the 楼长 reads the 财务公示, not the accounts ({st})")
    st, body, _ = curl(bot, "/console/money", zjar, data=f"csrf={csrf_of(body)}&do=book&kind=收入&item=捐款&yuan=5")
    check(st == 200 and "已记收入" in body and bot.sql("SELECT count(*) FROM cash_journal WHERE item = '捐款'")[0][0] == 2,
          f"a 楼长's 记账 收入 is taken as the chat command takes it ({st} {body[-200:]})")
    check(bot.sql("SELECT count(*) FROM console_log WHERE action = '记账 收入 捐款 5元'")[0][0] == 1, "and logged")

    # forms take each field as what it is: a field carrying another's words is refused, never read
    st, page, _ = curl(bot, "/console/members", jar)
    token = csrf_of(page)
    before = bot.sql("SELECT count(*) FROM members")[0][0]
    st, body, _ = curl(bot, "/console/act", jar, data=f"csrf={token}&do=proxy_register&name={quote('李奶奶')}"
                       f"&building={quote('2号楼 生日1930年1月1日')}&birthday=1940-03-08&phone=")
    check(st == 400 and bot.sql("SELECT count(*) FROM members")[0][0] == before,
          f"a building field carrying a birthday is refused ({st})")
    st, body, _ = curl(bot, "/console/act", jar, data=f"csrf={token}&do=ban&target={li_id}&days=99999")
    check(st == 400 and bot.sql("SELECT accept_banned_until FROM members WHERE id = ?", li_id)[0][0] == 0,
          f"a ban of 99999 days is refused, not read as 7 ({st})")
    st, body, _ = curl(bot, "/console/complaints", jar)
    check("已处理的投诉" in body and "退款" in body, "the complaints page lists the decisions")
    st, body, _ = curl(bot, "/console/report?month=2026-13", jar)
    check(st == 400 and "月份不对" in body, f"a month that is none is said so ({st})")
    st, body, _ = curl(bot, "/console/finance?month=9999-99", jar)
    check(st == 400, f"…on every page ({st})")

    # 退出后台
    _, reply, _ = g("退出后台", user="staff")
    check("已退出后台" in (reply or ""), f"退出后台 ({reply})")
    st, _, _ = curl(bot, "/console/", jar)
    check(st == 401, f"the session is over ({st})")
    rc, out = bot.audit()
    check(rc == 0, f"bot audit: {out}")
check.done()
