#!/usr/bin/env python3
"""Play-test 18 (minds that change) against the real binary: a bare 是 answers only the bot's question that is still
the last thing said between them; a clock said about an order keeps the order's own day; a volunteer's 算了 … 取消 #N
gives the order back; a correction of hours after 确认 is told how it is fixed."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"chen": "陈秀兰", "wang": "王强", "li": "李梅", "boss": "赵国庆", "admin": "小周"}
cli = Cli(BOT, PEOPLE)
say, check, rows = cli.say, cli.check, cli.rows


def status(db, rid):
    r = rows(db, "SELECT status FROM requests WHERE id = %d" % rid)
    return r[0][0] if r else None


def main():
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d)
        cli.community(ini, PEOPLE)
        say(ini, "2026-11-20T09:20:00+08:00", "boss", "绑定 3号楼", chat="g3")
        T = "2026-12-01T%s:00+08:00"

        # 1. a pending question is closed by any later message of hers that the bot answered
        check("#1 posted", say(ini, T % "09:00", "chen", "求助 后天下午3点陪我聊天 1小时"), "#1")
        check("#2 posted", say(ini, T % "09:01", "chen", "求助 后天上午10点帮我打扫 1小时"), "#2")
        check("#3 posted", say(ini, T % "09:02", "chen", "求助 后天下午4点帮我买菜 1小时"), "#3")
        check("li takes #1", say(ini, T % "09:03", "li", "接单 #1"), "已接单 #1")
        check("asked back", say(ini, T % "09:10", "chen", "能帮我取消#1吗"), "回复「是」")
        say(ini, T % "09:11", "chen", "1号是谁接的？")
        r = say(ini, T % "09:12", "chen", "是的")
        check("是的 after an answered question does not cancel #1 (%s)" % status(db, 1), status(db, 1), "accepted")
        check("asked back (2)", say(ini, T % "09:20", "chen", "能帮我取消#2吗"), "回复「是」")
        say(ini, T % "09:21", "chen", "查积分")
        say(ini, T % "09:22", "chen", "是")
        check("是 after 查积分 does not cancel #2", status(db, 2), "open")
        check("asked back in the group", say(ini, T % "09:30", "chen", "时间驿站 能帮我取消#3吗", chat="g3"), "回复「是」")
        say(ini, T % "09:31", "chen", "时间驿站 有什么需求", chat="g3")
        say(ini, T % "09:32", "chen", "好的", chat="g3")
        check("好的 in the group after a list does not cancel #3", status(db, 3), "open")
        # what still works: the answer right after the question, and a talk in the group that the bot left alone
        check("asked back (3)", say(ini, T % "09:40", "chen", "时间驿站 能帮我取消#3吗", chat="g3"), "回复「是」")
        check("neighbour talk is not answered", say(ini, T % "09:41", "chen", "今天天气真好", chat="g3"), "")
        say(ini, T % "09:42", "chen", "好的", chat="g3")
        check("好的 after unanswered chatter still answers the question", status(db, 3), "cancelled")
        check("asked back (4)", say(ini, T % "09:50", "chen", "能帮我取消#2吗"), "回复「是」")
        say(ini, T % "09:51", "chen", "是")
        check("是 right after the question cancels #2", status(db, 2), "cancelled")
        cli.audit(ini, "audit after 1")
    return cli.done("e2e_minds")


if __name__ == "__main__":
    sys.exit(main())
