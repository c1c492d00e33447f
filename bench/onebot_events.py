# onebot_events.py — pre-signed OneBot v11 private 求助 events for bench/onebot.lua (wrk's Lua has no HMAC).
# usage: python3 bench/onebot_events.py SECRET OUT [PER_THREAD] [THREADS]; USERS=N: the senders are random members of
# a city store (bench/seed --city: member i is on QQ as 1000000000 + i), else 1,000 QQ users of their own
# One line per event: "<tid>\t<X-Signature>\t<body>". Thread tid's n-th event is load.lua's n-th post of that
# thread (the same user and the same start, so no two are twins), its own message_id, signed with
# HMAC-SHA1(secret, body) as go-cqhttp signs it. MID_BASE=N adds N to every message_id (a second run on the same store
# is then not a retry of the first, and its senders are others).
import hashlib, hmac, json, os, random, sys

secret, out = sys.argv[1].encode(), sys.argv[2]
per = int(sys.argv[3]) if len(sys.argv) > 3 else 40000
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
users = int(os.environ.get("USERS") or 0)
mid_base = int(os.environ.get("MID_BASE") or 0)
rng = random.Random(19 + mid_base)  # another MID_BASE: other senders too
t0 = 1795370400


def post_text(k):
    return "求助 12月%d日%d点%d分陪我去社区医院 1小时" % (1 + (k // 600) % 28, 8 + (k // 60) % 10, k % 60)


with open(out, "w", encoding="utf-8") as f:
    for tid in range(threads):
        for n in range(1, per + 1):
            user = 1000000000 + rng.randint(1, users) if users else 10000 + (n * 7 + tid * 131) % 1000
            text = post_text(n)
            ev = {"time": t0, "self_id": 10001, "post_type": "message", "message_type": "private",
                  "sub_type": "friend", "message_id": mid_base + tid * 10000000 + n, "user_id": user,
                  "message": text, "raw_message": text, "font": 0,
                  "sender": {"user_id": user, "nickname": "u%d" % user, "sex": "unknown", "age": 0}}
            body = json.dumps(ev, ensure_ascii=False, separators=(",", ":"))
            sig = hmac.new(secret, body.encode(), hashlib.sha1).hexdigest()
            f.write("%d\tsha1=%s\t%s\n" % (tid, sig, body))
