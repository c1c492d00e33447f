"""De-duplication (issue 11, finding 5): the inbox key was (platform, message_id), so another user's message with a
reused id in another group got the first user's private link code as its answer and its own command was dropped.
Now a message is the same message only for the same platform, chat and sender; old rows are pruned after
[limits] inbox_days, and a retry inside that window still gets its first answer."""
import subprocess, time
from seclib import Bot, Check, BOT, ROOT

ck = Check("dedup")
bot = Bot()
st, code_reply, _ = bot.generic("关联账号", user="alice", mid="42")
ck(st == 200 and code_reply and "验证码" in code_reply, f"alice gets a link code in private ({code_reply!r})")
st, reply, _ = bot.generic("求助 明天上午10点 帮我修水龙头 1小时", user="bob", chat="g2", mid="42")
ck(reply is not None and "验证码" not in reply, f"bob's message with the same id is not answered with alice's code ({reply!r})")
ck(reply is not None and "#" in reply, f"bob's own request is handled ({reply!r})")
ck(bot.sql("SELECT count(*) FROM requests")[0][0] == 1, "bob's request exists")
st, again, _ = bot.generic("关联账号", user="alice", mid="42")
ck(again == code_reply, "alice's retry (same id, same sender) gets her first answer again")
ck(bot.sql("SELECT count(*) FROM link_codes")[0][0] == 1, "…and no second code")
st, r2, _ = bot.generic("求助 明天上午10点 帮我修水龙头 1小时", user="bob", chat="g2", mid="42")
ck(bot.sql("SELECT count(*) FROM requests")[0][0] == 1, "bob's retry changes nothing")
ck(r2 == reply, "…and gets his first answer")
# a generic message naming a chat but no chat_type is a group message: the link code is not posted there
st2, body = bot.request("/hook/generic", '{"message_id":"c2","user_id":"carol","chat_id":"g9","text":"关联账号"}',
                        {"Authorization": "Bearer gen"})
ck(st2 == 200 and "验证码是".encode() not in body, f"no link code in a chat given without chat_type ({body.decode()[:60]!r})")
# onebot: the same message_id in two groups, from two senders
ob = lambda g, u, mid, text: bot.onebot({"post_type": "message", "message_type": "group", "self_id": 10001,
                                         "message_id": mid, "group_id": g, "user_id": u, "message": text,
                                         "sender": {"nickname": f"n{u}"}})
st1, b1 = ob(111, 5001, 7, "求助 明天下午3点 陪我去社区医院 2小时")
st2, b2 = ob(222, 5002, 7, "求助 明天下午4点 帮我买菜 1小时")
ck(st1 == 200 and st2 == 200, f"two OneBot messages with message_id 7 both answered ({st1}, {st2})")
ck(bot.sql("SELECT count(*) FROM requests")[0][0] == 3, "…and both requests exist")
bot.stop()
# pruning: rows older than inbox_days go; younger ones stay
n_before = bot.sql("SELECT count(*) FROM inbox")[0][0]
ck(n_before >= 3, f"the inbox holds the writes ({n_before})")
try:
    bot.sql("UPDATE inbox SET at = at - 8 * 86400 WHERE user_id = 'alice'")
except Exception as e:  # a store without the sender in its key
    ck(False, f"the inbox keys a message by its sender ({e})")
r = subprocess.run([BOT, "tick", "-c", bot.ini], capture_output=True, text=True, cwd=ROOT)
ck(r.returncode == 0, f"bot tick runs ({r.stderr[-200:]})")
left = bot.sql("SELECT user_id FROM inbox")
ck(all(u != "alice" for (u,) in left), "rows older than inbox_days (7) are pruned")
ck(len(left) == n_before - 1, f"younger rows stay ({len(left)} of {n_before})")
# a member over the per-minute limit (one polite word, then silence) still gets a handled message's answer again:
# the platform's retry of a message answered before must never meet the limit's silence
lim = Bot("[limits]\nmessages_per_member_per_minute = 3\n")
_, first, _ = lim.generic("求助 明天上午9点 陪我去社区医院 1小时", user="dan", mid="d1")
ck(first is not None and "#" in first, f"dan's request is posted ({first!r})")
for k in range(2, 4):
    lim.generic("查积分", user="dan", mid=f"d{k}")
_, over, _ = lim.generic("查积分", user="dan", mid="d4")
ck(over is not None and "太快" in over, f"the fourth message in a minute is told to slow down ({over!r})")
_, again5, _ = lim.generic("查积分", user="dan", mid="d5")
ck(again5 is not None and "太快" in again5 and "余额" not in again5,
   f"the fifth, right after the warning, is told again, not left in silence, and not handled ({again5!r})")
_, again, _ = lim.generic("求助 明天上午9点 陪我去社区医院 1小时", user="dan", mid="d1")
ck(again == first, f"…but the retry of the first gets its first answer again ({again!r})")
ck(lim.sql("SELECT count(*) FROM requests")[0][0] == 1, "…and posts nothing twice")
lim.stop()
ck.done()
