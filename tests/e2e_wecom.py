#!/usr/bin/env python3
"""e2e_wecom.py — WeCom's intelligent robot (企业微信智能机器人, API mode) through the real binary.

usage: e2e_wecom.py [BOT]
`bot serve` with [wecom] token and aes_key. The callback URL's check (GET, encrypted echostr) is answered with its
plaintext; a member's single-chat and group @-messages arrive as signed {"encrypt"} JSON, encrypted as WeChat's safe
mode is (AES-256-CBC, receive id ""), and each answer is a finished stream frame in a signed, encrypted envelope.
A forged signature is refused, a repeated msgid is answered as before and done once, an image is answered empty,
绑定 in a WeCom group is refused (its pushes reach only the group robot's configured group), and a member's private
words never go to the group robot. Encryption on this side is `openssl enc` (no Python package needed).
"""
import base64, hashlib, json, os, struct, subprocess, sys, time
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import Bot, Check, community_clock  # noqa: E402

check = Check("e2e_wecom")
TOKEN, AES = "wcToken7", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
KEY = base64.b64decode(AES + "=")
off, T, INI = community_clock(15)
_n = [0]


def aes(data, decrypt=False):
    args = ["openssl", "enc", "-aes-256-cbc", "-nopad", "-K", KEY.hex(), "-iv", KEY[:16].hex()] + (["-d"] if decrypt else [])
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout


def seal(msg):
    raw = os.urandom(16) + struct.pack(">I", len(msg)) + msg  # receive id "": nothing after the message
    pad = 32 - len(raw) % 32
    return base64.b64encode(aes(raw + bytes([pad]) * pad)).decode()


def unseal(b64):
    raw = aes(base64.b64decode(b64), decrypt=True)
    raw = raw[:-raw[-1]]
    n = struct.unpack(">I", raw[16:20])[0]
    return raw[20:20 + n]


def sign(ts, nonce, x, token=TOKEN):
    return hashlib.sha1("".join(sorted([token, ts, nonce, x])).encode()).hexdigest()


def call(bot, inner, token=TOKEN):
    """One callback; (status, the stream frame's content or None, the raw answer)."""
    _n[0] += 1
    ts, nonce = str(int(time.time())), f"wn{_n[0]}"
    enc = seal(json.dumps(inner, ensure_ascii=False).encode())
    st, b = bot.request(f"/hook/wecom?msg_signature={sign(ts, nonce, enc, token)}&timestamp={ts}&nonce={nonce}",
                        json.dumps({"encrypt": enc}).encode(), {"Content-Type": "application/json"})
    if st != 200 or not b:
        return st, None, b
    env = json.loads(b)
    ok = env.get("nonce") == nonce and env.get("msgsignature") == sign(env["timestamp"], nonce, env["encrypt"])
    check(ok, f"the answer is signed over its own ciphertext with the callback's nonce: {env}")
    frame = json.loads(unseal(env["encrypt"]))
    s = frame.get("stream", {})
    check(frame.get("msgtype") == "stream" and s.get("finish") is True and s.get("id"), f"a finished stream: {frame}")
    return st, s.get("content"), b


_mid = [0]


def text(user, words, chat=None, mid=None):
    _mid[0] += 1
    m = {"msgid": mid or f"wc-{_mid[0]}", "aibotid": "aib-tb", "chattype": "group" if chat else "single",
         "from": {"userid": user}, "msgtype": "text", "text": {"content": words},
         "response_url": "https://127.0.0.1:9/never"}
    if chat:
        m["chatid"] = chat
    return m


bot = Bot(extra=INI + f"\n[roles]\nadmins = wecom:ZhouStaff\n[wecom]\ntoken = {TOKEN}\naes_key = {AES}\n"
          f"robot_url = http://127.0.0.1:{0}/robot\nbuildings = 5号楼\n", start=False)
with open(bot.ini, "a", encoding="utf-8") as f:  # the group robot's pushes go to a port nobody listens on
    f.write(f"\n[wecom]\nrobot_url = http://127.0.0.1:{bot.mock_port}/robot\n")
try:
    bot.start()
    # ---- the callback URL's check ----
    ts, echo = str(int(time.time())), seal(b"echo-20261201")
    st, b = bot.request(f"/hook/wecom?msg_signature={sign(ts, 'g1', echo)}&timestamp={ts}&nonce=g1&echostr={quote(echo)}",
                        method="GET")
    check(st == 200 and b == b"echo-20261201", f"GET answers echostr's bare plaintext: {st} {b!r}")
    st, b = bot.request(f"/hook/wecom?msg_signature={'0' * 40}&timestamp={ts}&nonce=g2&echostr={quote(echo)}",
                        method="GET")
    check(st == 403, f"a forged GET is refused: {st} {b!r}")

    # ---- a member in single chat, then in a group ----
    st, r, _ = call(bot, text("LiuFang", "注册 刘芳 5号楼 生日1970年3月1日"))
    check(st == 200 and r and "刘芳" in r, f"刘芳 registers in single chat: {st} {r}")
    st, r, _ = call(bot, text("LiuFang", "求助 明天上午9点陪我去社区医院 2小时"))
    check(st == 200 and r and "#1" in r, f"she posts #1: {st} {r}")
    st, r, _ = call(bot, text("WangQiang", "@时间驿站\u2005有什么需求", chat="wrBlock5"))  # WeCom's mention ends in U+2005
    check(st == 200 and r and "#1" in r, f"in a group, the robot called by name lists #1: {st} {r}")
    msg = text("WangQiang", "@时间驿站 注册 王强 5号楼 生日1980年5月1日", chat="wrBlock5")
    st, r, _ = call(bot, msg)
    check(st == 200 and r and "王强" in r, f"王强 registers in the group: {st} {r}")
    st, r2, _ = call(bot, msg)  # WeCom sends a callback again "for network reasons": the same answer, done once
    check(st == 200 and r2 == r, f"the same msgid again gets the same answer: {r2}")
    n = bot.sql("SELECT count(*) FROM members WHERE name = '王强'")
    check(n == [(1,)], f"and 王强 is registered once: {n}")
    st, r, _ = call(bot, text("WangQiang", "@时间驿站 接单 #1", chat="wrBlock5"))
    check(st == 200 and r and "#1" in r, f"王强 accepts #1 in the group: {st} {r}")
    row = bot.sql("SELECT status FROM requests WHERE id = 1")
    check(row == [("accepted",)], f"#1 is accepted: {row}")

    # ---- what must not happen ----
    st, r, b = call(bot, text("LiuFang", "查积分"), token="wrong")
    check(st == 403 and r is None, f"a body signed with another token is refused: {st} {b!r}")
    st, r, b = call(bot, {"msgid": "wc-img", "chattype": "single", "from": {"userid": "LiuFang"}, "msgtype": "image",
                          "image": {"url": "https://127.0.0.1:9/x"}})
    check(st == 200 and b == b"", f"an image is answered empty (nothing to read): {st} {b!r}")
    st, r, _ = call(bot, text("ZhouStaff", "@时间驿站 绑定 5号楼", chat="wrBlock5"))
    check(st == 200 and r and "不能在群里绑定" in r, f"绑定 in a WeCom group is refused with the way: {r}")
    bound = bot.sql("SELECT count(*) FROM chat_bindings WHERE platform = 'wecom' AND chat_id = 'wrBlock5'")
    check(bound == [(0,)], f"and nothing is bound: {bound}")
    time.sleep(1.0)
    private = bot.sql("SELECT count(*) FROM outbox WHERE platform = 'wecom' AND chat_id = ''")
    check(private == [(0,)], f"no private push is queued for the group robot: {private}")
    rc, audit = bot.audit()
    check(rc == 0, f"audit: {audit}")
    slog = bot.serve_log()
    check(TOKEN not in slog and AES not in slog, "neither the token nor the key is logged")
finally:
    bot.stop()
check.done()
