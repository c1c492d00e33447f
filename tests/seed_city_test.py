#!/usr/bin/env python3
"""seed_city_test.py — bench/seed --city (issue 19's city round) makes a store the bot reads as its own, small here.

usage: seed_city_test.py [BOT]   (bench/seed beside it: BUILD/bench/seed)
A city of 4,000 members: `bot audit` is clean; every member's account is hers; one member in ten offers a service,
under her own building; a member's balance is what the seed gave her (10 hours); a post from a building reaches the
neighbours who offer its service there (the match's index) and `bot audit` is still clean after it.
sqlite only (the seeder writes sqlite): on PostgreSQL it says so and passes.
"""
import os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "security"))
from seclib import PG, BOT, ROOT, Bot, Check  # noqa: E402

check = Check("seed_city")
if PG:
    print("SKIP seed_city on postgres: the seeder writes a sqlite file")
    check(True, "skipped")
    check.done()

SEED = os.path.join(os.path.dirname(os.path.abspath(BOT)), "bench", "seed")
N = 4000
bot = Bot(start=False)
now = int(time.time())
r = subprocess.run([SEED, "--city", bot.db, str(N), str(now)], capture_output=True, text=True, cwd=ROOT)
check(r.returncode == 0, f"seed --city: {r.returncode} {r.stderr[-300:]}")
rc, out = bot.audit()
check(rc == 0 and "audit: ok" in out, f"audit of the seeded city: {out[-500:]}")
check(bot.sql("SELECT count(*) FROM members m JOIN accounts a ON a.id = m.account_id AND a.member_id = m.id")
      == [(N,)], "every member's account is hers")
check(bot.sql("SELECT count(*) FROM member_skills") == [(N // 10,)], "one member in ten offers a service")
check(bot.sql("SELECT count(*) FROM member_skills k JOIN members m ON m.id = k.member_id "
              "WHERE k.building != m.building") == [(0,)], "each offer is listed under its member's building")
check(bot.sql("SELECT count(*) FROM lots") == [(10 * N,)], "ten lots a member")

# a neighbour of m1 (her building: i % 200 + 1) who offers a service, reachable in private (her QQ identity)
building = bot.sql("SELECT building FROM members WHERE id = 1")[0][0]
offer = bot.sql("SELECT member_id, service FROM member_skills WHERE building = ? AND member_id != 1 ORDER BY member_id",
                building)
check(len(offer) > 0, f"{building} has a neighbour's offer ({offer})")
helper, service = offer[0]
qq = str(1000000000 + helper)  # every city member is on QQ too (the seed's OneBot identity)
check(bot.sql("SELECT member_id FROM identities WHERE platform = 'onebot' AND user_id = ?", qq) == [(helper,)],
      f"member {helper} is on QQ as {qq}")
posts = {"维修": "求助 明天上午9点帮我修水管 1小时", "陪诊": "求助 明天上午9点陪我去社区医院 1小时",
         "代购": "求助 明天上午9点帮我买菜 1小时", "陪伴": "求助 明天上午9点陪我聊聊天 1小时",
         "家政": "求助 明天上午9点帮我打扫卫生 1小时"}

bot.start()
with bot:
    st, reply, _ = bot.generic("查积分", user="m5")
    check(st == 200 and reply and "10小时" in reply, f"m5's balance: {st} {reply}")
    st, reply, _ = bot.generic(posts[service], user="m1")
    check(st == 200 and reply and "#" in reply, f"m1's post: {st} {reply}")
    got = bot.sql("SELECT service FROM requests WHERE requester_id = 1 AND status = 'open'")
    check(got == [(service,)], f"the post is an open request for {service}: {got}")
    pushed = bot.sql("SELECT count(*) FROM outbox WHERE job = 'match' AND platform = 'onebot' AND user_id = ?",
                     qq)[0][0]
    check(pushed == 1, f"the post reached member {helper}, who offers {service} in {building} ({pushed})")
rc, out = bot.audit()
check(rc == 0 and "audit: ok" in out, f"audit after the post: {out[-500:]}")
check.done()
