#!/usr/bin/env python3
"""Issue 13's orders against the real binary (`bot say`): a twin request refused, then posted with 再发一个; an undo of
an accept and of a cancel; an undo refused once the order moved on; 我的求助 and 我接的单 list the member's own."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "wang": "王建国", "li": "李小红"}
cli = Cli(BOT, PEOPLE)
say, check, rows, failures = cli.say, cli.check, cli.rows, cli.failures


def main():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "store.db")
        ini = os.path.join(d, "bot.ini")
        with open(ini, "w", encoding="utf-8") as f:
            f.write("[store]\npath = %s\n[limits]\nmessages_per_member_per_minute = 0\n" % db)
        day = "2026-11-23T"
        for who, b in (("zhang", "3号楼"), ("wang", "3号楼"), ("li", "5号楼")):
            say(ini, day + "09:00:00+08:00", who, "注册 %s %s 生日1980年5月1日" % (PEOPLE[who], b))

        # twins: the same service for the same start within 30 minutes, unless 再发一个
        r = say(ini, day + "10:00:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院 2小时", chat="g1")
        check("a request is posted", r, "已发布求助 #1")
        r = say(ini, day + "10:05:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院", chat="g1")
        check("the same again 5 minutes later is a twin", r, "您刚才已发布 #1", "取消 #1", absent=("#2",))
        check("nothing was created for the twin", str(rows(db, "SELECT count(*) FROM requests")), "[(1,)]")
        r = say(ini, day + "10:06:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院 再发一个", chat="g1")
        check("再发一个 posts it anyway", r, "已发布求助 #2")
        r = say(ini, day + "10:40:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院", chat="g1")
        check("after 30 minutes it is no twin", r, "已发布求助 #3")
        r = say(ini, day + "10:41:00+08:00", "zhang", "求助 后天上午9点陪我去社区医院", chat="g1")
        check("another start is no twin", r, "已发布求助 #4")

        # undo an accept: #1 open again and re-announced in its group
        check("wang accepts #1", say(ini, day + "11:00:00+08:00", "wang", "接单 #1"), "已接单 #1")
        r = say(ini, day + "11:03:00+08:00", "wang", "刚才点错了")
        check("点错了 undoes the accept", r, "已撤销接单 #1", "重新开放")
        check("#1 is open with no volunteer", str(rows(db, "SELECT status, volunteer_id FROM requests WHERE id = 1")),
              "[('open', None)]")
        check("the group is told #1 is open again",
              str(rows(db, "SELECT chat_id, job FROM outbox WHERE text LIKE '%#1 重新开放%'")), "('g1', 'reannounce')")
        check("a second undo has nothing to undo", say(ini, day + "11:04:00+08:00", "wang", "撤销"), "已经撤销过了")

        # undo a cancel: the volunteer's step back (no penalty: the start is a day away), then the requester's
        check("wang accepts #2", say(ini, day + "11:10:00+08:00", "wang", "接单 #2"), "已接单 #2")
        check("wang cancels #2", say(ini, day + "11:11:00+08:00", "wang", "取消 #2"), "重新开放")
        r = say(ini, day + "11:12:00+08:00", "wang", "撤销")
        check("撤销 undoes wang's cancel", r, "已撤销取消", "#2 仍由您负责")
        check("#2 is wang's again", str(rows(db, "SELECT r.status, m.name FROM requests r JOIN members m "
                                                "ON m.id = r.volunteer_id WHERE r.id = 2")), "('accepted', '王建国')")
        check("zhang cancels #4", say(ini, day + "11:20:00+08:00", "zhang", "取消 #4"), "已取消求助 #4")
        check("zhang's 撤销 brings #4 back", say(ini, day + "11:21:00+08:00", "zhang", "撤销"), "已撤销取消", "#4", "待接单")
        check("#4 is open", str(rows(db, "SELECT status FROM requests WHERE id = 4")), "[('open',)]")
        check("撤销 #3 is still a cancel", say(ini, day + "11:22:00+08:00", "zhang", "撤销 #3"), "已取消求助 #3")

        # an undo refused: the order moved on, or too late
        check("li accepts #4", say(ini, day + "11:30:00+08:00", "li", "接单 #4"), "已接单 #4")
        check("zhang cancels #4 again", say(ini, day + "11:31:00+08:00", "zhang", "取消 #4"), "已取消求助 #4")
        r = say(ini, day + "11:32:00+08:00", "li", "撤销")
        check("li's undo is refused: #4 was cancelled since", r, "#4", "已经有了变化", "已取消", absent=("已撤销",))
        check("#4 stays cancelled", str(rows(db, "SELECT status FROM requests WHERE id = 4")), "[('cancelled',)]")
        check("li accepts #1", say(ini, day + "11:35:00+08:00", "li", "接单 #1"), "已接单 #1")
        r = say(ini, day + "11:50:00+08:00", "li", "撤销")
        check("an undo after 10 minutes is refused", r, "超过 10 分钟", "取消 #1", absent=("已撤销",))
        check("zhang posts #5 for noon", say(ini, day + "11:40:00+08:00", "zhang", "求助 今天中午12点帮我买菜"),
              "已发布求助 #5")
        check("wang accepts #5", say(ini, day + "11:41:00+08:00", "wang", "接单 #5"), "已接单 #5")
        check("wang's late cancel costs a penalty", say(ini, day + "11:42:00+08:00", "wang", "取消 #5"), "扣除")
        r = say(ini, day + "11:43:00+08:00", "wang", "弄错了")
        check("an undo never moves credit back", r, "已扣除", "联系楼长", absent=("已撤销",))
        check("#5 stays open", str(rows(db, "SELECT status, volunteer_id FROM requests WHERE id = 5")),
              "[('open', None)]")
        check("wang starts #2", say(ini, "2026-11-24T09:00:00+08:00", "wang", "开始服务 #2"), "开始服务")

        # the member's own orders
        r = say(ini, "2026-11-24T09:05:00+08:00", "zhang", "我的求助")
        check("我的求助 lists zhang's requests", r, "您发的求助", "#1 陪诊 今天上午9点 已接单",
              "#2 陪诊 今天上午9点 服务中", "#4 陪诊 明天（周三）上午9点 已取消", absent=("您接的单",))
        r = say(ini, "2026-11-24T09:05:00+08:00", "wang", "我接的单")
        check("我接的单 lists wang's orders", r, "您接的单", "#2 陪诊 今天上午9点 服务中", absent=("#1 ", "您发的"))
        r = say(ini, "2026-11-24T09:06:00+08:00", "li", "我的单子")
        check("我的单子 shows both sides", r, "您接的单", "#1 陪诊 今天上午9点 已接单", "#4", absent=("您发的求助",))
        r = say(ini, "2026-11-24T09:06:00+08:00", "li", "我的求助")
        check("nothing posted: the way to post", r, "您最近没有发布求助")
        r = say(ini, "2026-12-05T09:00:00+08:00", "zhang", "我的求助")
        check("closed orders older than a week are left out", r, "#1 ", "#2 ", absent=("#3 ", "#4 "))

        cli.audit(ini, "the ledger audit holds")
    if failures:
        print("e2e_orders: %d FAILED" % len(failures))
        return 1
    print("e2e_orders: all ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
