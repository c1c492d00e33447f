#!/usr/bin/env python3
"""Issue 16's partner merchants against the real binary (`bot say --now`): staff add 幸福超市 and bind a clerk; a
member's 兑换码 is redeemed with 核销 (hours to the merchant's time account, the 3% fee owed in cash), used and
guessed codes are refused, 商家对账 gives the month, 商家缴费 settles it; `bot audit` clean and `bot cash` balanced."""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "wang": "王建国", "li": "李明", "admin": "周淑珍"}
cli = Cli(BOT, PEOPLE)
say, check, rows, audit = cli.say, cli.check, cli.rows, cli.audit


def cash(ini):
    p = subprocess.run([BOT, "cash", "-c", ini], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise SystemExit("bot cash: exit %d: %s" % (p.returncode, p.stderr.strip()))
    return {a["name"]: a["balance_fen"] for a in (json.loads(line) for line in p.stdout.splitlines() if line.strip())}


def code_of(reply):
    m = re.search(r"兑换码：([0-9A-Z]{6,10})\n", reply)
    check("a code of 6-10 digits or capitals", reply, "兑换码：")
    return m.group(1) if m else "NONE"


def main():
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d)
        cli.community(ini, PEOPLE, manager=None)
        t = "2026-11-20T10:00:00+08:00"
        check("staff add the merchant", say(ini, t, "admin", "添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%"),
              "已添加商家 幸福超市", "每小时抵3元，单次最多抵30元，管理费为会员消费的3%")
        check("…and bind its clerk", say(ini, t, "admin", "商家绑定 幸福超市 王建国"), "已绑定 王建国")
        check("hours to spend", say(ini, t, "admin", "调整积分 张秀英 +12小时 原因 测试"), "张秀英")

        r = say(ini, "2026-11-20T11:00:00+08:00", "zhang", "兑换码", chat="group-3")
        check("never shown in a group", r, "私聊", absent=("兑换码：",))
        code = code_of(say(ini, "2026-11-20T11:00:00+08:00", "zhang", "兑换码"))
        r = say(ini, "2026-11-20T11:02:00+08:00", "wang", "核销 %s 消费86元" % code)
        check("核销: min(86, 30) ÷ 3 = 10 hours", r, "顾客用10小时抵30元，请收56元", absent=("余额",))
        check("the member is told", str(rows(db, "SELECT notice FROM member_notices WHERE name = '张秀英'")),
              "用了10小时，抵30元", "时间余额还有2小时")
        check("the hours went to the merchant's time account",
              str(rows(db, "SELECT a.balance FROM accounts a WHERE a.kind = 'merchant'")), "[(600,)]")
        check("used once", say(ini, "2026-11-20T11:03:00+08:00", "wang", "核销 %s 消费86元" % code),
              "用过了", "重新发「兑换码」")
        check("a guessed code", say(ini, "2026-11-20T11:04:00+08:00", "wang", "核销 ZZZZ9999 消费86元"), "不对")
        check("a member is no clerk", say(ini, "2026-11-20T11:05:00+08:00", "li", "核销 %s 消费86元" % code),
              "只有合作商家的店员")
        audit(ini, "bot audit is clean after the redemption")

        r = say(ini, "2026-12-01T09:00:00+08:00", "wang", "商家对账 2026-11")
        check("商家对账 by the clerk", r, "幸福超市 2026年11月对账", "核销 1 笔，会员共用10小时，抵扣30元",
              "会员消费86元，应缴管理费2.58元", "目前共欠2.58元")
        check("a month with nothing", say(ini, "2026-12-01T09:00:00+08:00", "wang", "商家对账 2026-10"), "没有核销记录")
        check("never more than owed", say(ini, "2026-12-02T09:00:00+08:00", "admin", "商家缴费 幸福超市 300元"),
              "只欠2.58元")
        check("商家缴费", say(ini, "2026-12-02T09:00:00+08:00", "admin", "商家缴费 幸福超市 2.58元"), "还欠0元")
        check("staff's 商家对账", say(ini, "2026-12-02T10:00:00+08:00", "admin", "商家对账 幸福超市 12月"),
              "2026年12月没有核销记录", "当月已缴管理费2.58元，目前共欠0元")
        audit(ini, "bot audit is clean after 商家缴费")
        c = cash(ini)
        check("bot cash: the fee reached the bank", str(c.get("bank")), "258")
        check("bot cash: from income, the merchant owes nothing",
              str((c.get("income"), c.get("merchant:1"))), "(-258, 0)")
    return cli.done("e2e_merchants")


if __name__ == "__main__":
    sys.exit(main())
