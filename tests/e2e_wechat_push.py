#!/usr/bin/env python3
"""e2e_wechat_push.py — WeChat customer-service pushes (客服消息, brief T), against the real binary and a mock WeChat API.

usage: e2e_wechat_push.py [BOT]
`bot serve` with [wechat] app_id, app_secret and api_url pointing at tests/mock_wechat.py on 127.0.0.1. An elder writes
over the signed WeChat hook (her 48-hour window opens); a neighbour on the generic hook accepts her order; the mock
must receive the token request (appid, secret) and a custom/send to her openid with the accept's text, carrying the
token. The mock's first answer is 40001 (token expired): the token is fetched again once and the push goes with it.
Then a 45015 answer (outside the window): the push is dead at once, not retried, and the token is never logged.
A message the rate limiter drops is answered with the warning and still records her last message (seen_at).
"""
import hashlib, json, os, subprocess, sys, time
from urllib.parse import parse_qs, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import Bot, Check, community_clock  # noqa: E402

check = Check("e2e_wechat_push")
APPID, SECRET, OPENID = "wx0123456789abcdef", "mockAppSecret42", "oElder-7Qx"
off, T, INI = community_clock(15)
INI += "\n[limits]\nmessages_per_member_per_minute = 8\n"
_mid = [90000]
_nonce = [0]


def wechat(bot, user, text, at=None):
    """A signed plaintext WeChat text message (CreateTime at, else now); the passive reply's Content (or '')."""
    _mid[0] += 1
    _nonce[0] += 1
    ts, nonce = str(int(time.time())), f"n{_nonce[0]}"
    sig = hashlib.sha1("".join(sorted(["wxtoken", ts, nonce])).encode()).hexdigest()
    body = (f"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>{at or ts}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{text}]]></Content><MsgId>{_mid[0]}</MsgId></xml>")
    st, b = bot.request(f"/hook/wechat?signature={sig}&timestamp={ts}&nonce={nonce}", body.encode(),
                        {"Content-Type": "text/xml"})
    b = b.decode("utf-8", "replace")
    i, j = b.find("<Content><![CDATA["), b.find("]]></Content>")
    return st, b[i + 18:j] if i >= 0 and j > i else ""


def lines(log):
    try:
        with open(log, encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]
    except FileNotFoundError:
        return []


def sends(log, needle=None):
    out = []
    for l in lines(log):
        if l["method"] == "POST" and l["path"].startswith("/cgi-bin/message/custom/send"):
            b = json.loads(l["body"])
            if needle is None or needle in b.get("text", {}).get("content", ""):
                out.append((parse_qs(urlsplit(l["path"]).query).get("access_token", [""])[0], b))
    return out


def tokens(log):
    return [parse_qs(urlsplit(l["path"]).query) for l in lines(log) if l["method"] == "GET"]


def wait(pred, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.1)
    return pred()


bot = Bot(extra=INI, start=False)
log, ctl = os.path.join(bot.dir, "wechat.log"), os.path.join(bot.dir, "wechat.ctl")
with open(bot.ini, "a", encoding="utf-8") as f:
    f.write(f"\n[wechat]\napp_id = {APPID}\napp_secret = {SECRET}\napi_url = http://127.0.0.1:{bot.mock_port}\n")
with open(ctl, "w") as f:
    json.dump({"send": []}, f)
mock = subprocess.Popen([sys.executable, os.path.join(HERE, "mock_wechat.py"), str(bot.mock_port), log, ctl])
try:
    time.sleep(0.3)
    bot.start()
    st, r = wechat(bot, OPENID, "注册 张秀英 3号楼 生日1950年5月1日")
    check(st == 200 and "张秀英" in r, f"the elder registers over WeChat: {st} {r}")
    st, r = wechat(bot, OPENID, "求助 明天上午9点陪我去社区医院 2小时")
    check(st == 200 and "#1" in r, f"she posts #1: {st} {r}")
    st, r, _ = bot.generic("注册 王建国 3号楼 生日1980年5月1日", user="wang")
    check(st == 200 and r and "王建国" in r, f"a neighbour registers: {st} {r}")
    check(not lines(log), f"nothing asked of WeChat yet: {lines(log)}")

    # ---- the accept reaches her: token, 40001 once, a new token, the push ----
    with open(ctl, "w") as f:
        json.dump({"send": [40001]}, f)
    st, r, _ = bot.generic("接单 #1", user="wang")
    check(st == 200 and r and "已接单" in r, f"王建国 accepts #1: {st} {r}")
    got = wait(lambda: [s for s in sends(log, "#1") if s[0] == "TOK2"])
    check(len(got) == 1, f"the accept reached her with the second token: {sends(log)} {lines(log)}")
    if got:
        tok, b = got[0]
        check(b.get("touser") == OPENID and b.get("msgtype") == "text", f"to her openid, as text: {b}")
        check("王建国" in b["text"]["content"], f"the text names who accepted: {b}")
    t = tokens(log)
    check(len(t) == 2, f"the token was fetched, then once again after 40001: {t}")
    check(all(q.get("appid") == [APPID] and q.get("secret") == [SECRET] and q.get("grant_type") == ["client_credential"]
              for q in t), f"the token requests carry appid and secret: {t}")
    check([s[0] for s in sends(log, "#1")] == ["TOK1", "TOK2"], f"the push went with TOK1 (40001), then TOK2: {sends(log)}")
    time.sleep(0.5)
    row = bot.sql("SELECT status, attempts FROM outbox WHERE platform = 'wechat' AND user_id = ?", OPENID)
    check(row and row[-1][0] == "sent", f"the push is sent: {row}")

    # ---- 45015 (outside the 48 hours, as WeChat sees it): dead at once, the token kept ----
    st, r = wechat(bot, OPENID, "求助 后天上午9点陪我去买菜 1小时")
    check(st == 200 and "#2" in r, f"she posts #2: {st} {r}")
    with open(ctl, "w") as f:
        json.dump({"send": [45015]}, f)
    st, r, _ = bot.generic("接单 #2", user="wang")
    check(st == 200 and r and "已接单" in r, f"王建国 accepts #2: {st} {r}")
    dead = wait(lambda: bot.sql("SELECT attempts, last_error FROM outbox WHERE platform = 'wechat' AND status = 'dead'"))
    check(len(dead) == 1 and "45015" in (dead[0][1] or ""), f"the push is dead with 45015: {dead}")
    time.sleep(1.5)  # a retry would come after backoff_seconds = 1
    check(len(sends(log, "#2")) == 1, f"45015 is not retried: {sends(log, '#2')}")
    check(len(tokens(log)) == 2, f"no new token for a 45015: {tokens(log)}")
    # the notice waits for her next reply: a notice whose push died goes back to waiting (notices.outbox_id, v48)
    st, r = wechat(bot, OPENID, "查积分")
    check(st == 200 and r, f"her next message is answered: {st} {r}")
    check("#2" in r and "给您的消息" in r, f"the dead push's notice rides on her reply: {r}")

    # ---- a message the rate limiter drops still opens her push window (identities.seen_at: she did write) ----
    said = []
    for _ in range(30):
        said.append(wechat(bot, OPENID, "查积分")[1])
        if "太快" in said[-1]:
            break
    check("太快" in said[-1], f"she reaches the per-minute limit: {said[-3:]}")
    later = int(time.time()) + 900
    st, r = wechat(bot, OPENID, "查积分", at=later)
    check(st == 200 and "太快" in r, f"over the limit she is told to slow down again, not left in silence: {st} {r}")
    seen = bot.sql("SELECT seen_at FROM identities WHERE platform = 'wechat' AND user_id = ?", OPENID)
    check(seen and seen[0][0] == later, f"…and the message dropped still opened her push window: {seen} {later}")

    # ---- never logged: the secret, the tokens ----
    slog = bot.serve_log()
    check(SECRET not in slog and "TOK1" not in slog and "TOK2" not in slog, "neither the secret nor a token is logged")
    errs = " ".join(e or "" for (e,) in bot.sql("SELECT last_error FROM outbox"))
    check("TOK" not in errs and SECRET not in errs, f"nor kept in the outbox's errors: {errs}")
    rc, audit = bot.audit()
    check(rc == 0, f"audit: {audit}")
finally:
    bot.stop()
    mock.terminate()
    mock.wait()
check.done()
