#!/usr/bin/env python3
"""Issue 15's complaints against the real binary (`bot say`, `bot tick --now`): 投诉 #N reaches the building's 楼长
and staff at once; 投诉列表 shows it with its age; an hour unanswered escalates to every admin (once), a day undecided
again (once); it is settled with a ban that waits for retraining; both parties told privately; `#N 记录` shows the
order's whole history; `bot audit` clean."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import PG, Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "wang": "王建国", "boss": "赵德明", "li": "李明", "admin": "周淑珍"}
cli = Cli(BOT, PEOPLE)
say, check, rows = cli.say, cli.check, cli.rows
tick = cli.tick
audit = cli.audit


def notice(db, who):
    return str(rows(db, "SELECT " + ("string_agg(text, ' | ' ORDER BY n.id)" if PG else "group_concat(text, ' | ')") + " FROM notices n JOIN members m ON m.id = n.member_id "
                        "WHERE m.name = '%s'" % PEOPLE[who]))


def runs(db, job):
    return str(rows(db, "SELECT count(*) FROM job_runs WHERE job = '%s'" % job))


def main():
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d)
        cli.community(ini, PEOPLE)

        check("#1 posted", say(ini, "2026-11-20T10:00:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院 2小时"), "#1")
        check("wang accepts #1", say(ini, "2026-11-20T10:05:00+08:00", "wang", "接单 #1"), "已接单 #1")
        check("started", say(ini, "2026-11-21T09:00:00+08:00", "wang", "开始服务 #1"), "#1")
        check("finished", say(ini, "2026-11-21T11:00:00+08:00", "wang", "结束服务 #1"), "#1")
        check("confirmed", say(ini, "2026-11-21T11:10:00+08:00", "zhang", "确认 #1"), "#1")

        r = say(ini, "2026-11-21T12:00:00+08:00", "zhang", "投诉 #1 志愿者提前走了，态度也不好")
        check("the complaint is taken, the credit held", r, "已收到对 #1 的投诉", "楼长和工作人员", "60 分钟内")
        check("the 楼长 is told at once", notice(db, "boss"), "新投诉", "#1", "提前走了", "受理投诉 #1")
        check("the staff are told at once", notice(db, "admin"), "新投诉", "#1")
        check("the credit is on hold", str(rows(db, "SELECT balance FROM accounts WHERE name = 'hold'")), "[(120,)]")
        check("the 楼长 lists it with its age", say(ini, "2026-11-21T12:20:00+08:00", "boss", "投诉列表"),
              "#1", "张秀英 投诉", "20分钟前", "未受理")
        check("a resident may not list complaints", say(ini, "2026-11-21T12:21:00+08:00", "li", "投诉列表"),
              "只有楼长和工作人员")

        tick(ini, "2026-11-21T12:50:00+08:00")
        check("not escalated within the hour", runs(db, "complaint_response"), "[(0,)]")
        tick(ini, "2026-11-21T13:01:00+08:00")
        check("an hour unanswered: escalated", runs(db, "complaint_response"), "[(1,)]")
        check("…to every admin", notice(db, "admin"), "投诉超时", "还没有人受理")
        tick(ini, "2026-11-21T13:30:00+08:00")
        check("…once", runs(db, "complaint_response"), "[(1,)]")

        r = say(ini, "2026-11-21T13:40:00+08:00", "boss", "受理投诉 #1")
        check("the 楼长 answers it", r, "已受理 #1", "24 小时内")
        check("the complainant hears who took it", notice(db, "zhang"), "已由 赵德明 受理")
        check("the list says so", say(ini, "2026-11-21T13:45:00+08:00", "boss", "投诉列表"), "#1", "已受理")

        tick(ini, "2026-11-22T11:59:00+08:00")
        check("not escalated again within the day", runs(db, "complaint_decision"), "[(0,)]")
        tick(ini, "2026-11-22T12:01:00+08:00")
        check("a day undecided: escalated again", runs(db, "complaint_decision"), "[(1,)]")
        check("…to every admin", notice(db, "admin"), "还没有处理")
        tick(ini, "2026-11-22T13:00:00+08:00")
        check("…once", runs(db, "complaint_decision"), "[(1,)]")

        check("the 楼长 may not decide", say(ini, "2026-11-22T14:00:00+08:00", "boss", "处理投诉 #1 禁止接单7天"),
              "只有工作人员可以处理投诉")
        r = say(ini, "2026-11-22T14:05:00+08:00", "admin", "处理投诉 #1 禁止接单7天")
        check("settled with a ban", r, "投诉成立", "退还需求方 张秀英 2小时", "王建国 暂停接单到 11月29日", "培训")
        check("the requester got her credit back", str(rows(db, "SELECT balance FROM accounts WHERE name = 'cli:zhang'")),
              "[(0,)]")
        check("the hold is empty", str(rows(db, "SELECT balance FROM accounts WHERE name = 'hold'")), "[(0,)]")
        check("the ban and the retraining flag",
              str(rows(db, "SELECT accept_banned_until > 0, retraining FROM members WHERE name = '王建国'")), "[(1, 1)]")
        check("the complainant is told privately, of herself", notice(db, "zhang"), "您对 #1 的投诉处理结果", "退还给您 2小时")
        check("the volunteer is told privately, of himself", notice(db, "wang"), "#1 的投诉处理结果", "退还需求方 张秀英 2小时",
              "您暂停接单到", "安排培训")

        check("#2 posted", say(ini, "2026-11-22T15:00:00+08:00", "li", "求助 明天上午10点帮我修水龙头 1小时"), "#2")
        check("the banned volunteer cannot accept", say(ini, "2026-11-22T15:05:00+08:00", "wang", "接单 #2"),
              "接单暂停到", "需参加培训")
        check("staff see who waits for retraining", say(ini, "2026-11-22T15:10:00+08:00", "admin", "投诉列表"),
              "没有待处理的投诉", "待培训：王建国（#1）", "完成培训")

        r = say(ini, "2026-11-22T15:20:00+08:00", "admin", "#1 记录")
        check("the order's whole record", r, "#1 记录", "发布 张秀英", "接单 王建国", "开始服务", "结束服务",
              "计时 2小时", "确认", "投诉（张秀英）", "投诉受理", "退款并禁止接单", "积分流水", "#1 投诉冻结")
        check("a resident may not read it", say(ini, "2026-11-22T15:21:00+08:00", "zhang", "#1 记录"),
              "只有楼长和工作人员")

        check("staff clear the retraining", say(ini, "2026-11-22T16:00:00+08:00", "admin", "完成培训 王建国"),
              "王建国 完成培训")
        check("…and it is gone", str(rows(db, "SELECT retraining FROM members WHERE name = '王建国'")), "[(0,)]")
        audit(ini, "bot audit is clean after the complaint")
    return cli.done("e2e_complaints")


if __name__ == "__main__":
    sys.exit(main())
