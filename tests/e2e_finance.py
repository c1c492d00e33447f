#!/usr/bin/env python3
"""Issue 16's books in the open against the real binary (`bot say`, `bot tick --now`): the opening money (期初), income,
spending in each approval band (one approver, a second staff member, the members' meeting), 批准支出 and 驳回支出,
财务公示 of a month, the statement pushed to every bound group once on the 10th, then `bot cash` and `bot audit`."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "boss": "赵德明", "admin": "周淑珍", "acct": "钱会计"}
cli = Cli(BOT, PEOPLE)
say, check, rows, tick, audit = cli.say, cli.check, cli.rows, cli.tick, cli.audit


def cash(ini):
    p = subprocess.run([BOT, "cash", "-c", ini], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise SystemExit("bot cash: exit %d: %s" % (p.returncode, p.stderr.strip()))
    return {a["account"]: a["balance_fen"] for a in map(json.loads, p.stdout.split("\n")[:-1])}


def main():
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d, "[roles]\nadmins = cli:admin,cli:acct\n")
        cli.community(ini, PEOPLE)
        say(ini, "2026-11-20T09:20:00+08:00", "admin", "绑定 3号楼", chat="g3")
        say(ini, "2026-11-20T09:21:00+08:00", "admin", "绑定 5号楼", chat="g5")

        t = "2026-11-20T10:%02d:00+08:00"
        check("期初", say(ini, t % 0, "admin", "记账 期初 5000元"), "已记期初", "账上现有 5000元")
        check("期初 once", say(ini, t % 1, "acct", "记账 期初 5000元"), "期初已经记过了")
        check("a 楼长 records his building's income", say(ini, t % 2, "boss", "记账 收入 场地租赁 800元"),
              "已记收入：场地租赁 800元", "账上现有 5800元")
        check("a resident may not", say(ini, t % 3, "zhang", "记账 收入 场地租赁 800元"), "抱歉")
        check("≤500元: the entrant approves", say(ini, t % 4, "admin", "记账 支出 活动物料 350元 发票号12345"),
              "已记支出 #1：活动物料 350元", "账上现有 5450元")
        check("≤5000元 waits", say(ini, t % 5, "admin", "记账 支出 音响租赁 1200元"), "支出 #2", "批准支出 #2")
        check("…not for its entrant", say(ini, t % 6, "admin", "批准支出 #2"), "是您记的")
        check("…a second staff member approves", say(ini, t % 7, "acct", "批准支出 #2"),
              "已批准支出 #2：音响租赁 1200元", "账上现有 4250元")
        check(">5000元 past the bank", say(ini, t % 8, "admin", "记账 支出 活动室装修 6000元"), "账上现有 4250元，不够")
        say(ini, t % 9, "admin", "记账 收入 区里补助 10000元")
        check(">5000元 waits for the meeting", say(ini, t % 10, "admin", "记账 支出 活动室装修 6000元"),
              "需要会员大会通过", "批准支出 #3 会员大会")
        check("…not without it", say(ini, t % 11, "acct", "批准支出 #3"), "会员大会 决议编号")
        check("待批支出", say(ini, t % 12, "acct", "待批支出"), "#3 活动室装修 6000元")
        check("the meeting's decision", say(ini, t % 13, "acct", "批准支出 #3 会员大会 第3次会员大会决议"),
              "已批准支出 #3", "会员大会决议已记下")
        say(ini, t % 14, "admin", "记账 支出 茶歇 800元")
        check("驳回支出", say(ini, t % 15, "acct", "驳回支出 #4 原因 没有发票"), "已驳回支出 #4")
        check("the spendings as recorded",
              str(rows(db, "SELECT id, status, band FROM spendings ORDER BY id")),
              "[(1, 'approved', 1), (2, 'approved', 2), (3, 'approved', 3), (4, 'rejected', 2)]")
        check("the meeting's reference kept", str(rows(db, "SELECT decision FROM spendings WHERE id = 3")),
              "第3次会员大会决议")

        r = say(ini, "2026-12-01T09:00:00+08:00", "boss", "财务公示 2026-11")
        check("财务公示 2026-11", r, "2026年11月财务公示", "月初结余 0元（本月记期初 5000元），月末结余 8250元",
              "收入 10800元：区里补助 10000元，场地租赁 800元", "支出 7550元：活动室装修 6000元，音响租赁 1200元，活动物料 350元",
              absent=("赵德明", "周淑珍", "钱会计", "茶歇"))

        check("nothing on the 9th", tick(ini, "2026-12-09T12:00:00+08:00"), "", absent=("财务公示",))
        out = tick(ini, "2026-12-10T10:00:00+08:00")
        check("the 10th: pushed to both groups", str(out.count("2026年11月财务公示")), "2")
        check("once", tick(ini, "2026-12-10T15:00:00+08:00"), "", absent=("财务公示",))
        check("…as job_runs say", str(rows(db, "SELECT count(*) FROM job_runs WHERE job = 'finance'")), "[(2,)]")
        check("read again later", say(ini, "2027-02-01T09:00:00+08:00", "admin", "财务公示 2026年11月"), "月末结余 8250元")

        c = cash(ini)
        check("bot cash: the bank", str(c["bank"]), "825000")
        check("bot cash: spending", str(c["expense"]), "755000")
        check("bot cash: income", str(c["income"]), "-1580000")
        audit(ini, "bot audit is clean")
    return cli.done("e2e_finance")


if __name__ == "__main__":
    sys.exit(main())
