#!/usr/bin/env python3
"""Issue 14's no-shows against the real binary (`bot say`, `bot tick --now`): an accepted order not started is asked
about at +30 min; at +2 h the volunteer loses 5 credits (爽约), the order reopens and is re-announced, and the
requester, the volunteer and the building's 楼长 are told once; a late cancel counts; `bot audit` clean."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "wang": "王建国", "boss": "赵德明", "li": "李明", "admin": "周淑珍"}
cli = Cli(BOT, PEOPLE)
say, check, rows = cli.say, cli.check, cli.rows
tick = cli.tick
audit = cli.audit


def notice(db, who):
    return str(rows(db, "SELECT notice FROM member_notices WHERE name = '%s'" % PEOPLE[who]))


def main():
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d)
        cli.community(ini, PEOPLE, birthday=" 生日1980年5月1日")

        # a 3-hour 陪诊 for 11-24 09:00: still ahead at 11:00, so a no-show then reopens it
        check("#1 posted", say(ini, "2026-11-23T10:00:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院 3小时"), "#1")
        check("wang accepts #1", say(ini, "2026-11-23T10:05:00+08:00", "wang", "接单 #1"), "已接单 #1")
        tick(ini, "2026-11-24T09:30:00+08:00")
        check("the volunteer is asked at +30 min", notice(db, "wang"), "还没有开始服务", "开始服务 #1", "取消 #1")
        check("the requester is asked whether it is all right", notice(db, "zhang"), "没关系 #1")
        tick(ini, "2026-11-24T09:40:00+08:00")
        check("asked once", str(rows(db, "SELECT count(*) FROM outbox WHERE job = 'no_show_ask'") +
                                rows(db, "SELECT count(*) FROM job_runs WHERE job = 'no_show_ask'")), "[(0,), (1,)]")

        tick(ini, "2026-11-24T11:00:00+08:00")
        check("爽约: the volunteer lost 5 credits", str(rows(db, "SELECT balance FROM accounts WHERE name = 'cli:wang'")),
              "[(-300,)]")
        check("…to the fund, as a penalty of #1",
              str(rows(db, "SELECT minutes, kind FROM journal WHERE request_id = 1 AND minutes < 0")), "(-300, 'penalty')")
        check("#1 reopened, the volunteer cleared",
              str(rows(db, "SELECT status, volunteer_id FROM requests WHERE id = 1")), "[('open', None)]")
        check("the no-show counts", str(rows(db, "SELECT kind, request_id FROM strikes")), "[('no_show', 1)]")
        check("the 楼长 is told", notice(db, "boss"), "#1", "已记为爽约", "重新开放")
        check("the requester is told", notice(db, "zhang"), "没有按时来", "重新开放")
        r = say(ini, "2026-11-24T11:05:00+08:00", "wang", "查积分")
        check("the volunteer reads it with his next reply", r, "记为爽约，扣除 5小时。")
        tick(ini, "2026-11-24T11:10:00+08:00")
        check("told once", str(rows(db, "SELECT count(*) FROM job_runs WHERE job = 'no_show'")), "[(1,)]")
        check("li may accept it again", say(ini, "2026-11-24T11:15:00+08:00", "li", "接单 #1"), "已接单 #1")
        audit(ini, "bot audit is clean after the no-show")

        # li calls it off 10 minutes later, inside the notice window: a late cancel on the record
        r = say(ini, "2026-11-24T11:25:00+08:00", "li", "取消 #1")
        check("li's late cancel", r, "重新开放")
        check("…is counted", str(rows(db, "SELECT kind, request_id FROM strikes ORDER BY id")),
              "[('no_show', 1), ('late_cancel', 1)]")
        audit(ini, "bot audit is clean after the late cancel")
    return cli.done("e2e_noshow")


if __name__ == "__main__":
    sys.exit(main())
