#!/usr/bin/env python3
"""Issue 18's branches (分会) against the real binary (`bot say`): a second branch, a building joining it, its requests
local until 分会互通, hours earned in one branch spent on a volunteer of the other, 公益 paid by the requester's branch
fund, 分会 listing both; `bot audit` clean after each step."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "wang": "王建国", "li": "李阿姨", "chen": "陈师傅", "admin": "管晓敏"}
cli = Cli(BOT, PEOPLE)
say, check, rows, failures = cli.say, cli.check, cli.rows, cli.failures


def served(ini, rid, vol, who, day, start, end):
    say(ini, day + start, vol, "开始服务 #%d" % rid)
    say(ini, day + end, vol, "结束服务 #%d" % rid)
    return say(ini, day + "18:00:00+08:00", who, "确认 #%d" % rid)


def main():
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d, "[branch]\nname = 幸福社区\n")
        reg = "2026-11-20T09:00:00+08:00"
        say(ini, reg, "zhang", "注册 张秀英 3号楼 生日1950年5月1日")
        say(ini, reg, "wang", "注册 王建国 3号楼 生日1980年5月1日")
        say(ini, reg, "li", "注册 李阿姨 8号楼 生日1952年5月1日")
        say(ini, reg, "chen", "注册 陈师傅 8号楼 生日1982年5月1日")
        say(ini, reg, "admin", "注册 管晓敏 1号楼")
        check("a fresh store is one branch, named by bot.ini",
              say(ini, "2026-11-20T09:01:00+08:00", "admin", "分会"), "分会（1 个", "幸福社区：5 位会员")
        check("a member may not add a branch", say(ini, "2026-11-20T09:02:00+08:00", "zhang", "添加分会 城东分会"),
              "只有工作人员", absent=("已添加",))
        check("staff add 城东分会", say(ini, "2026-11-20T09:03:00+08:00", "admin", "添加分会 城东分会"), "已添加分会「城东分会」")
        check("8号楼 joins it", say(ini, "2026-11-20T09:04:00+08:00", "admin", "分会 8号楼 城东分会"), "8号楼 已加入城东分会")
        check("城东分会 has its fund account", str(rows(db, "SELECT b.name, a.name, a.kind FROM branches b "
                                                            "JOIN accounts a ON a.id = b.fund_account WHERE b.id = 2")),
              "[('城东分会', 'fund:2', 'fund')]")
        cli.audit(ini, "bot audit clean after a second branch")

        day = "2026-11-23T"
        check("li posts #1 in 城东分会", say(ini, day + "10:00:00+08:00", "li", "求助 明天上午9点陪我去社区医院 2小时"), "#1")
        check("wang (幸福社区) does not read it", say(ini, day + "10:01:00+08:00", "wang", "有什么需求"), "目前没有待接的求助")
        check("wang cannot accept it", say(ini, day + "10:02:00+08:00", "wang", "接单 #1"), "是其他分会的求助",
              absent=("已接单",))
        check("chen (城东分会) reads it", say(ini, day + "10:03:00+08:00", "chen", "有什么需求"), "#1")
        check("chen accepts it", say(ini, day + "10:04:00+08:00", "chen", "接单 #1"), "已接单")
        check("chen earns 2 h in 城东分会", served(ini, 1, "chen", "li", "2026-11-24T", "09:00:00+08:00",
                                                  "11:00:00+08:00"), "2小时")
        cli.audit(ini, "bot audit clean after an order within 城东分会")

        check("chen posts #2", say(ini, day + "12:00:00+08:00", "chen", "求助 明天下午3点帮我修水龙头 1小时"), "#2")
        check("staff open 城东分会's requests", say(ini, day + "12:01:00+08:00", "admin", "分会互通 城东分会 开"), "开放")
        check("wang reads #2 now", say(ini, day + "12:02:00+08:00", "wang", "有什么需求"), "#2")
        check("wang accepts #2", say(ini, day + "12:03:00+08:00", "wang", "接单 #2"), "已接单")
        check("chen's hours pay wang of 幸福社区", served(ini, 2, "wang", "chen", "2026-11-24T", "15:00:00+08:00",
                                                       "16:00:00+08:00"), "1小时")
        check("balances: chen +2-1, wang +1 (one ledger)",
              str(rows(db, "SELECT m.name, a.balance FROM members m JOIN accounts a ON a.id = m.account_id "
                           "WHERE m.name IN ('陈师傅', '王建国') ORDER BY m.name")),
              "('王建国', 60)", "('陈师傅', 60)")
        cli.audit(ini, "bot audit clean after hours spent across branches")

        check("li posts #3", say(ini, day + "13:00:00+08:00", "li", "求助 后天上午9点陪我去社区医院 1小时"), "#3")
        check("staff mark it 公益", say(ini, day + "13:01:00+08:00", "admin", "设为公益 #3"), "已设为公益")
        say(ini, day + "13:02:00+08:00", "chen", "接单 #3")
        served(ini, 3, "chen", "li", "2026-11-25T", "09:00:00+08:00", "10:00:00+08:00")
        check("城东分会's fund paid #3, 幸福社区's nothing",
              str(rows(db, "SELECT name, balance FROM accounts WHERE kind = 'fund' ORDER BY id")),
              "[('fund', 0), ('fund:2', -60)]")
        check("分会 lists both", say(ini, "2026-11-26T09:00:00+08:00", "admin", "分会"), "幸福社区：3 位会员",
              "城东分会：2 位会员，服务 4小时，求助对其他分会开放")
        cli.audit(ini, "bot audit clean after a 公益 order in 城东分会")
    if failures:
        print("%d FAILED: %s" % (len(failures), failures))
        sys.exit(1)
    print("e2e_branches: all passed")


if __name__ == "__main__":
    main()
