#!/usr/bin/env python3
"""browser_console.py — the web console in a real browser: Debian's headless Chromium driven through chromedriver's
W3C WebDriver HTTP API with urllib alone (no selenium, nothing from pip).

usage: browser_console.py [BOT]
`bot serve` (seclib's Bot) with a story: members (one named <img src=x onerror=…>), a 楼长, an order through to a
complaint, a merchant and a redemption, a membership fee, the books' opening money and a spending waiting for approval.
Staff ask 后台 over the generic hook; Chromium, as a phone (412×915), opens the link, then every page the navigation
links to: each is saved as build/console-shots/<page>.png and must have its h1, no sideways scrolling, and no hostile
name that ran. A complaint is decided through the form (退款 chosen, 确定 clicked): the page shows the bot's reply
and the store changed. The session, chromedriver and Chromium end with the script, failed or not.
"""
import base64, json, os, re, shutil, signal, subprocess, sys, time, urllib.error, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import ROOT, Bot, Check, free_port  # noqa: E402

CHROME = os.environ.get("CHROME", "/usr/bin/chromium")
DRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = os.path.join(ROOT, "build", "console-shots")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # W3C WebDriver's key of an element reference
HOSTILE = "<img src=x onerror=window.__pwned=1>"
check = Check("browser_console")


class WebDriver:
    """One chromedriver process and one session on it; W3C WebDriver over HTTP with urllib."""

    def __init__(self):
        self.port = free_port()
        self.log = open(os.path.join(ROOT, "build", "chromedriver.log"), "w")
        # its own process group: chromedriver and every Chromium it starts end together
        self.proc = subprocess.Popen([DRIVER, f"--port={self.port}"], stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.sid = None
        for _ in range(200):
            try:
                if self.call("GET", "/status").get("ready"):
                    break
            except OSError:
                pass
            time.sleep(0.05)
        else:
            raise RuntimeError("chromedriver did not start")
        args = ["--headless=new", "--disable-gpu", "--window-size=412,915", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check"]
        if os.geteuid() == 0:
            args.append("--no-sandbox")
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROME, "args": args,
            # a phone's viewport: headless Chromium keeps windows at least 500 pixels wide, the emulation does not
            "mobileEmulation": {"deviceMetrics": {"width": 412, "height": 915, "pixelRatio": 1}}}}}}
        self.sid = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else (b"{}" if method == "POST" else None)
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"webdriver {method} {path}: {e.code} {e.read()[:300]!r}") from None

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.sid}{path}", body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        """The element reference of the first match of css, or None."""
        try:
            v = self.s("POST", "/element", {"using": "css selector", "value": css})
        except RuntimeError:
            return None
        return el_of(v) if v else None

    def click(self, el):
        self.s("POST", f"/element/{el}/click")

    def wait_path(self, path):
        """Wait (5 s at most) for a form's answer: the page at path, loaded."""
        for _ in range(100):
            if self.js("return location.pathname + ' ' + document.readyState") == path + " complete":
                return True
            time.sleep(0.05)
        return False

    def type(self, el, text):
        self.s("POST", f"/element/{el}/value", {"text": text})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def quit(self):
        try:
            if self.sid:
                self.call("DELETE", f"/session/{self.sid}")
        except Exception:
            pass
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.log.close()


def el_of(ref):
    """The element id inside a WebDriver element reference."""
    return ref[ELEMENT]


def story(bot):
    g = bot.generic
    g("注册 王守信 1号楼 生日1970年1月1日", user="staff")
    g("注册 钱会计 1号楼 生日1972年1月1日", user="acct")
    g("注册 赵德明 3号楼 生日1965年1月1日", user="zhao")
    g("设为楼长 @zhao 3号楼", user="staff")
    g("注册 李秀英 2号楼 生日1950年1月1日", user="li")
    g("注册 王师傅 2号楼 生日1980年1月1日", user="wang")
    g("注册 张阿姨 3号楼 生日1955年1月1日", user="zhang")
    g("求助 帮我修水龙头", user="li")
    g("接单 #1", user="wang")
    g("开始服务 #1", user="wang")
    g("结束服务 #1", user="wang")
    g("确认 #1", user="li")
    g("投诉 #1 水龙头还是漏", user="li")
    g("求助 帮我代购", user="x", name=HOSTILE)
    # a merchant and a redemption
    g("添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%", user="staff")
    g("商家绑定 幸福超市 王师傅", user="staff")
    g("调整积分 张阿姨 +12小时 原因 测试", user="staff")
    _, reply, _ = g("兑换码", user="zhang")
    m = re.search(r"兑换码：([0-9A-Z]{6,10})", reply or "")
    check(m, f"a code to redeem ({reply})")
    _, reply, _ = g(f"核销 {m.group(1) if m else 'NONE'} 消费86元", user="wang")
    check("抵30元" in (reply or ""), f"the redemption ({reply})")
    # a fee, the books, a spending waiting for a second approver
    _, reply, _ = g("收会费 @zhang 体验会员 100元 现金", user="zhao")
    check("100元" in (reply or ""), f"a membership fee ({reply})")
    g("记账 期初 5000元", user="staff")
    g("记账 支出 活动物料 350元 发票号12345", user="staff")
    _, reply, _ = g("记账 支出 音响租赁 1200元", user="acct")
    check("#2" in (reply or ""), f"a spending waits ({reply})")


def page_name(href):
    name = href.split("/console", 1)[1].strip("/").split("?")[0].replace("/", "-")
    return name or "today"


def main():
    extra = f"""
[roles]
admins = generic:staff,generic:acct
[console]
static_dir = {os.path.join(ROOT, "console", "static")}
"""
    shutil.rmtree(SHOTS, ignore_errors=True)
    os.makedirs(SHOTS)
    t0 = time.time()
    wd = None
    with Bot(extra) as bot:
        try:
            story(bot)
            _, reply, _ = bot.generic("后台", user="staff")
            m = re.search(r"(/console/login\?t=[A-Za-z0-9_-]{32})", reply or "")
            if not check(m, f"后台 gives a link ({reply})"):
                return
            base = f"http://127.0.0.1:{bot.port}"
            wd = WebDriver()
            wd.go(base + m.group(1))
            check(wd.js("return location.pathname") == "/console/", "the link signs in and opens today's page")
            check(wd.js("return window.innerWidth") == 412, f"a phone's width ({wd.js('return window.innerWidth')})")
            check(wd.js("return document.cookie") == "", "the session cookie is out of the page's reach (HttpOnly)")
            links = wd.js("return [...document.querySelectorAll('header nav a')].map(a => a.getAttribute('href'))")
            check(len(links) >= 9, f"the navigation ({links})")
            pages = list(links) + ["/console/order?id=1", "/console/ledger?account=fund"]
            mid = bot.sql("SELECT id FROM members WHERE name = ?", HOSTILE)
            if check(mid, "the hostile member is stored"):
                pages.append(f"/console/member?id={mid[0][0]}")
            seen = set()
            for href in pages:
                name = page_name(href)
                if name in seen:
                    name += "-" + re.sub(r"[^a-z0-9]+", "-", href.split("?", 1)[-1])
                seen.add(name)
                wd.go(base + href)
                h1 = wd.js("const h = document.querySelector('main h1'); return h ? h.textContent : ''")
                check(h1, f"{href} has its h1")
                over = wd.js("return [document.documentElement.scrollWidth, window.innerWidth]")
                check(over[0] <= over[1] + 1, f"{href} fits a phone's width (scroll {over[0]} > {over[1]})")
                check(not wd.js("return !!window.__pwned"), f"{href}: a member's name never runs")
                wd.screenshot(os.path.join(SHOTS, name + ".png"))
            wd.go(base + "/console/members")
            check(HOSTILE in wd.js("return document.body.innerText"), "the hostile name shows as text")
            check(not wd.js("return !!window.__pwned"), "and did not run")

            # a complaint decided through the form
            wd.go(base + "/console/complaints")
            sel = wd.find("form select[name=how]")
            if check(sel, "the complaint's form"):
                def option(text):
                    return wd.js("return [...document.querySelectorAll('select[name=how] option')]"
                                 ".find(o => o.textContent === arguments[0]) || null", text)
                other = option("驳回")
                if other:  # choose another first, so choosing 退款 is seen to take
                    wd.click(el_of(other))
                    check(wd.js("return document.querySelector('select[name=how]').value") == "驳回", "驳回 chosen")
                opt = option("退款")
                check(opt, "退款 is an option")
                wd.click(el_of(opt) if opt else '')
                check(wd.js("return document.querySelector('select[name=how]').value") == "退款", "退款 chosen")
                held = bot.sql("SELECT balance FROM accounts WHERE name = 'hold'")[0][0]
                btn = wd.js("return document.querySelector('select[name=how]').form.querySelector('button')")
                check(wd.js("return arguments[0].textContent", btn) == "确定", "the form's button says 确定")
                wd.click(el_of(btn))
                wd.wait_path("/console/act")
                text = wd.js("return document.body.innerText")
                check("办理结果" in text and "#1" in text, f"the page shows the bot's reply ({text[-300:]})")
                wd.screenshot(os.path.join(SHOTS, "complaint-decided.png"))
                check(bot.sql("SELECT status FROM complaints")[0][0] == "refund", "the store: complaint refunded")
                check(held > 0 and bot.sql("SELECT balance FROM accounts WHERE name = 'hold'")[0][0] == 0,
                      "the store: the held credit moved")
                check(bot.sql("SELECT count(*) FROM console_log WHERE action LIKE '处理投诉%'")[0][0] == 1,
                      "the action is logged")

            # the books: a spending another staff member entered, approved with its button
            wd.go(base + "/console/finance")
            text = wd.js("return document.body.innerText")
            check("银行存款" in text and "支出 #2" in text and "财务公示" in text, f"the finance page ({text[:300]})")
            btn = wd.js("const f = [...document.querySelectorAll('form')].find(f => f.elements.do && "
                        "f.elements.do.value === 'approve' && f.elements.id.value === '2');"
                        "return f ? f.querySelector('button') : null")
            if check(btn, "支出 #2 has its 批准 button"):
                wd.click(el_of(btn))
                wd.wait_path("/console/money")
                text = wd.js("return document.body.innerText")
                check("已批准支出 #2" in text, f"the bot's reply to 批准支出 ({text[-300:]})")
                check(bot.sql("SELECT status FROM spendings WHERE id = 2")[0][0] == 'approved', "the store: #2 approved")
                wd.screenshot(os.path.join(SHOTS, "spending-approved.png"))
            # a merchant pays part of its fee
            wd.go(base + "/console/merchants")
            text = wd.js("return document.body.innerText")
            check("幸福超市" in text and "2.58元" in text, f"the merchants page: its month and what it owes ({text[:300]})")
            box = wd.find("input[name=yuan]")
            if check(box, "the 商家缴费 form"):
                wd.type(box, "1.58")
                btn = wd.js("return document.querySelector('input[name=yuan]').form.querySelector('button')")
                wd.click(el_of(btn))
                wd.wait_path("/console/money")
                text = wd.js("return document.body.innerText")
                check("还欠1元" in text, f"the bot's reply to 商家缴费 ({text[-300:]})")
                check(bot.sql("SELECT balance_fen FROM cash_accounts WHERE name = 'merchant:1'")[0][0] == 100,
                      "the store: the merchant owes 1元")
                wd.screenshot(os.path.join(SHOTS, "merchant-paid.png"))
            check(len(os.listdir(SHOTS)) >= len(pages), f"screenshots under {SHOTS}")
        finally:
            if wd:
                wd.quit()
        rc, out = bot.audit()
        check(rc == 0, f"bot audit: {out}")
    print(f"browser_console: {time.time() - t0:.1f}s, screenshots in {SHOTS}", flush=True)


if __name__ == "__main__":
    main()
    check.done()
