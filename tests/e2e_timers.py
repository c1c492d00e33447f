#!/usr/bin/env python3
"""Issue 14's timer caps against the real binary (`bot say`, `bot tick --now`): 开始服务 13 h early refused; a forgotten
timer (started, never finished, the clock moved 35 h) stops at its cap and pays at most that, both sides told; a late
结束服务 is credited the cap at most and 确认 past the estimate needs the requester's hours; `bot audit` clean."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "wang": "王建国"}
cli = Cli(BOT, PEOPLE)
say, check, rows, failures = cli.say, cli.check, cli.rows, cli.failures
tick = cli.tick
audit = cli.audit


def main():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "store.db")
        ini = os.path.join(d, "bot.ini")
        with open(ini, "w", encoding="utf-8") as f:
            f.write("[store]\npath = %s\n[limits]\nmessages_per_member_per_minute = 0\n" % db)
        for who in PEOPLE:
            say(ini, "2026-11-20T09:00:00+08:00", who, "注册 %s 3号楼 生日1980年5月1日" % PEOPLE[who])

        # a 2-hour 陪诊 for 11-24 09:00: its cap is 2 h + over_estimate_minutes (60) = 3 h
        check("#1 posted", say(ini, "2026-11-23T10:00:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院 2小时"), "#1")
        check("wang accepts #1", say(ini, "2026-11-23T10:05:00+08:00", "wang", "接单 #1"), "已接单 #1")
        r = say(ini, "2026-11-23T20:00:00+08:00", "wang", "开始服务 #1")
        check("开始服务 13 h before the start is refused", r, "开始前 60 分钟内才能开始服务")
        check("…and #1 stays accepted", str(rows(db, "SELECT status FROM requests WHERE id = 1")), "accepted")
        check("开始服务 at the start", say(ini, "2026-11-24T09:00:00+08:00", "wang", "开始服务 #1"), "起计时")

        # forgotten: never finished; the clock moves 35 h
        tick(ini, "2026-11-25T20:00:00+08:00")
        st = rows(db, "SELECT status, credited_minutes, finished_at - started_at FROM requests WHERE id = 1")
        check("the timer stopped at its cap and auto-confirm paid the estimate, not 35 h", str(st),
              "('confirmed', 120, 10800)")
        check("the volunteer earned 2 h", str(rows(db, "SELECT balance FROM accounts WHERE name = 'cli:wang'")),
              "[(120,)]")
        check("the requester paid 2 h", str(rows(db, "SELECT balance FROM accounts WHERE name = 'cli:zhang'")),
              "[(-120,)]")
        for who in PEOPLE:
            n = str(rows(db, "SELECT notice FROM member_notices WHERE name = '%s'" % PEOPLE[who]))
            check("%s is told the timer stopped at the cap and what was paid" % who, n, "计时已到上限 3小时",
                  "已自动确认 2小时")
        r = say(ini, "2026-11-25T20:05:00+08:00", "wang", "查积分")
        check("the volunteer reads it with the next reply", r, "计时已到上限 3小时")
        audit(ini, "bot audit is clean after the forgotten timer")

        # a 结束服务 35 h late: the timer credits the cap; 确认 alone asks, the written hours pay up to the cap
        check("#2 posted", say(ini, "2026-11-25T21:00:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院 2小时"), "#2")
        say(ini, "2026-11-25T21:05:00+08:00", "wang", "接单 #2")
        say(ini, "2026-11-26T08:30:00+08:00", "wang", "开始服务 #2")
        r = say(ini, "2026-11-26T09:00:00+08:00", "zhang", "查积分")   # reads its notices, so a fresh one below
        r = say(ini, "2026-11-27T19:30:00+08:00", "wang", "结束服务 #2")
        check("a 35-h 结束服务 is credited the cap", r, "计时 3小时", "一单最多计 3小时", absent=("35小时",))
        r = say(ini, "2026-11-27T19:40:00+08:00", "zhang", "确认 #2 35小时")
        check("确认 with more than the timer says so and confirms nothing", r, "一单最多计 3小时", "最多可以确认 3小时",
              "没有确认")
        r = say(ini, "2026-11-27T19:41:00+08:00", "zhang", "确认 #2")
        check("确认 past the estimate asks for the hours", r, "超过了预计的 2小时", "确认 #2 3小时", "没有确认")
        check("…nothing confirmed", str(rows(db, "SELECT status FROM requests WHERE id = 2")), "finished")
        r = say(ini, "2026-11-27T19:42:00+08:00", "zhang", "确认 #2 3小时")
        check("the requester's written hours pay up to the cap", r, "获得 3小时")
        check("the volunteer earned 2 h + 3 h", str(rows(db, "SELECT balance FROM accounts WHERE name = 'cli:wang'")),
              "[(300,)]")
        audit(ini, "bot audit is clean after the late finish")
    if failures:
        print("e2e_timers: %d failed" % len(failures))
        return 1
    print("e2e_timers: all ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
