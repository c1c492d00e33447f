"""WeChat callbacks (issue 11, finding 4): a logged signature triple could be replayed with any body, a plaintext POST
was accepted while aes_key was set, and the reply came back unencrypted. Now: stale timestamps and reused nonces are
refused, safe mode takes only encrypted bodies with a valid msg_signature, and its replies are encrypted."""
import base64, hashlib, os, re, struct, subprocess, time
from seclib import Bot, Check

ck = Check("wechat")
TOKEN, APPID = "wxtoken", "wxappid123"
AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"   # 43 characters
KEY = base64.b64decode(AES + "=")


def sig(*parts):
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def xml(user, text, mid):
    return (f"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{text}]]></Content><MsgId>{mid}</MsgId></xml>")


def aes(data, decrypt=False):
    """AES-256-CBC, key and IV from the EncodingAESKey, no padding (WeChat pads to 32 itself), via openssl(1)."""
    args = ["openssl", "enc", "-aes-256-cbc", "-nopad", "-K", KEY.hex(), "-iv", KEY[:16].hex()]
    if decrypt:
        args.append("-d")
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout


def encrypt(msg):
    raw = os.urandom(16) + struct.pack(">I", len(msg.encode())) + msg.encode() + APPID.encode()
    pad = 32 - len(raw) % 32
    return base64.b64encode(aes(raw + bytes([pad]) * pad)).decode()


def decrypt(b64):
    raw = aes(base64.b64decode(b64), decrypt=True)
    raw = raw[:-raw[-1]]
    n = struct.unpack(">I", raw[16:20])[0]
    return raw[20:20 + n].decode()


def post(bot, body, ts, nonce, extra=""):
    q = f"signature={sig(TOKEN, str(ts), nonce)}&timestamp={ts}&nonce={nonce}{extra}"
    return bot.request(f"/hook/wechat?{q}", body.encode(), {"Content-Type": "text/xml"})


# ---- plaintext mode ----
bot = Bot()
now = int(time.time())
st, b = post(bot, xml("oA", "查积分", 1001), now, "nonce1")
ck(st == 200 and b"<xml>" in b, f"a fresh signed callback is answered (got {st})")
st, b = post(bot, xml("oA", "查积分", 1001), now, "nonce1")
ck(st == 200, f"WeChat's own retry (same nonce, same body) still gets its answer (got {st})")
st, b = post(bot, xml("oVictim", "转赠 5小时 给 @张三", 1002), now, "nonce1")
ck(st == 403, f"the logged signature triple with another body is refused (got {st})")
st, b = post(bot, xml("oA", "查积分", 1003), now - 3600, "nonce2")
ck(st == 403, f"a callback an hour old is refused (got {st})")
st, b = post(bot, xml("oA", "查积分", 1004), now + 3600, "nonce3")
ck(st == 403, f"a callback an hour ahead is refused (got {st})")
q = f"signature={sig(TOKEN, str(now - 3600), 'n9')}&timestamp={now - 3600}&nonce=n9&echostr=abc"
st, b = bot.request(f"/hook/wechat?{q}", method="GET")
ck(st == 403, f"a stale URL verification is refused (got {st})")
bot.stop()

# ---- safe mode ----
bot = Bot(f"[wechat]\naes_key = {AES}\napp_id = {APPID}\n")
now = int(time.time())
st, b = post(bot, xml("oVictim", "查积分", 2001), now, "s1")
ck(st == 403, f"safe mode: a plaintext POST is refused (got {st})")
st, b = post(bot, xml("oVictim", "查积分", 2002), now, "s2", "&encrypt_type=aes")
ck(st == 403, f"safe mode: encrypt_type=aes without msg_signature is refused (got {st})")
enc = encrypt(xml("oB", "查积分", 2003))
body = f"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{enc}]]></Encrypt></xml>"
st, b = post(bot, body, now, "s3", f"&encrypt_type=aes&msg_signature={'0' * 40}")
ck(st == 403, f"safe mode: a wrong msg_signature is refused (got {st})")
st, b = post(bot, body, now, "s4", f"&encrypt_type=aes&msg_signature={sig(TOKEN, str(now), 's4', enc)}")
text = b.decode("utf-8", "replace")
ck(st == 200 and "<Encrypt>" in text, f"safe mode: a valid encrypted callback is answered encrypted (got {st} {text[:60]!r})")
m = re.search(r"<Encrypt><!\[CDATA\[(.*?)\]\]></Encrypt>", text)
inner = decrypt(m.group(1)) if m else ""
ck("余额" in inner or "积分" in inner, f"…and the encrypted reply holds the answer ({inner[:60]!r})")
ck("余额" not in text and "积分" not in text, "…with nothing of it in clear")
bot.stop()
ck.done()
