"""Crafted bodies (issue 11, finding 1): about 1,000 nested arrays killed the whole process from a worker's 100 KiB
stack on /hook/generic, /hook/telegram and /hook/onebot. Every hook answers them with a 400 and the bot lives on."""
import json
from seclib import Bot, Check

ck = Check("bodies")
bot = Bot()
for depth in (100, 1000, 5000):
    deep = "[" * depth + "]" * depth
    generic = '{"message_id":"n%d","user_id":"u1","text":"查积分","x":%s}' % (depth, deep)
    st, b = bot.request("/hook/generic", generic, {"Authorization": "Bearer gen"})
    ck(st == 400 and b"nested" in b, f"generic: {depth} nested arrays get 400 (got {st} {b[:80]!r})")
    tg = '{"update_id":%d,"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"},"text":"/balance"},"x":%s}' % (depth, deep)
    st, b = bot.telegram(tg.encode())
    ck(st == 400, f"telegram: {depth} nested arrays get 400 (got {st})")
    ob = '{"post_type":"message","message_type":"private","self_id":1,"message_id":%d,"user_id":2,"message":"查积分","x":%s}' % (depth, deep)
    st, b = bot.onebot(ob)
    ck(st == 400, f"onebot: {depth} nested arrays get 400 (got {st})")
    ck(bot.alive(), f"the bot survives {depth} nested arrays")
# nested objects, and brackets inside strings (which do not nest)
deep = '{"a":' * 1000 + "1" + "}" * 1000
st, _ = bot.request("/hook/generic", '{"message_id":"o1","user_id":"u1","text":"x","x":%s}' % deep,
                    {"Authorization": "Bearer gen"})
ck(st == 400, f"1,000 nested objects get 400 (got {st})")
st, reply, _ = bot.generic("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ 查积分", user="u2")
ck(st == 200, f"brackets inside a string are text, not nesting (got {st})")
ck(bot.alive(), "the bot is still running")
ck(bot.healthz()[0] == 200, "healthz answers")
bot.stop()
ck.done()
