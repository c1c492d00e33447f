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

        # 2. a clock said of an order without a day keeps the order's day (now Tuesday 12-01 12:02; #4 is Thursday's)
        check("#4 posted", say(ini, T % "11:00", "chen", "求助 周四上午九点陪我去社区医院 两个小时"), "#4", "周四")
        check("wang takes #4", say(ini, T % "11:01", "wang", "接单 #4"), "已接单 #4")
        r = say(ini, T % "12:02", "chen", "#4 改到下午")
        check("改到下午 asks the hour on the order's day", r, "后天", absent=("今天",))
        r = say(ini, T % "12:03", "chen", "两点")
        check("两点 moves #4 to Thursday 14:00 and says its volunteer is let go", r, "周四", "下午2点", "王强",
              absent=("今天",))
        check("wang is told", str(rows(db, "SELECT notice FROM member_notices WHERE name = '王强'")), "#4", "12月3日")
        r = say(ini, T % "12:05", "chen", "#4 改到下午三点")
        check("#4 改到下午三点 stays on Thursday", r, "周四", "下午3点", absent=("今天", "明天"))
        r = say(ini, T % "12:06", "chen", "#4 改到9点")
        check("#4 改到9点 is Thursday 09:00 (not 21:00)", r, "周四", "上午9点")
        check("wang hears each later move of the order he was let go from, the latest waiting",
              str(rows(db, "SELECT notice FROM member_notices WHERE name = '王强' AND notice LIKE '%#4%'")),
              "又改了", "12月3日（周四）上午9点", "接单 #4")
        r = say(ini, T % "12:07", "chen", "#4 改到明天下午3点")
        check("a day said is kept", r, "明天", "下午3点")
        cli.audit(ini, "audit after 2")

        # 3. a volunteer's 算了 … 取消 #N with 还是 (still, not "or"), in the group: the order given back
        D = "2026-12-02T%s:00+08:00"
        check("#5 posted", say(ini, D % "09:00", "chen", "求助 周五下午3点帮我修水龙头 1小时"), "#5")
        check("li takes #5 in the group", say(ini, D % "09:05", "li", "接单 #5", chat="g3"), "已接单 #5")
        r = say(ini, D % "13:10", "li", "算了 我还是去不了 取消 #5", chat="g3")
        check("算了 我还是去不了 取消 #5 gives #5 back, and says so", r, "#5")
        check("#5 is open again", status(db, 5), "open")
        check("li takes #5 again", say(ini, D % "13:20", "li", "接单 #5"), "已接单 #5")
        r = say(ini, D % "13:21", "li", "算了 取消 #5")
        check("算了 取消 #5 privately gives it back", status(db, 5), "open")
        r = say(ini, D % "13:22", "wang", "你是要取消#5还是改时间", chat="g3")
        check("a question with 还是 (or) changes nothing", status(db, 5), "open")

        # 4. hours corrected right after 确认: the way to put it right, never 没听懂
        E = "2026-12-05T%s:00+08:00"
        check("wang takes #5", say(ini, D % "14:00", "wang", "接单 #5"), "已接单 #5")
        say(ini, E % "15:00", "wang", "开始服务 #5")
        say(ini, E % "16:30", "wang", "结束服务 #5")
        check("chen confirms 1.5 h", say(ini, E % "16:40", "chen", "确认 #5 两小时 哦不 一个半小时"), "#5")
        r = say(ini, E % "16:41", "chen", "我说错了 是两个小时")
        check("我说错了 是两个小时 says who can fix it", r, "#5", "楼长", "工作人员", "2小时", absent=("没听懂",))
        r = say(ini, E % "16:42", "chen", "哦不对 是两个小时 我算错了")
        check("哦不对 … 我算错了 too", r, "#5", "楼长", absent=("没听懂",))
        r = say(ini, E % "16:43", "chen", "确认 #5 半小时")
        check("确认 #5 半小时 on a confirmed order says the way too", r, "#5", "楼长", "一个半小时")
        r = say(ini, E % "16:44", "li", "我说错了 是两个小时")
        check("from someone who confirmed nothing: not understood, as before", r, "没听懂")

        # 5. second thoughts with an order number are the command they name
        check("#6 posted", say(ini, E % "17:00", "chen", "求助 下周一上午10点陪我聊天 1小时"), "#6")
        r = say(ini, E % "17:05", "chen", "#6 时间写错了 是周二不是周一")
        check("#6 是周二不是周一 asks the hour of Tuesday", r, "12月8日", "几点")
        r = say(ini, E % "17:06", "chen", "上午10点")
        check("…and the hour moves it", r, "#6", "12月8日", "上午10点")
        check("li takes #6", say(ini, E % "17:10", "li", "接单 #6"), "已接单 #6")
        r = say(ini, E % "17:11", "li", "6号单 算了 不去了")
        check("6号单 算了 不去了 gives #6 back", status(db, 6), "open")
        cli.audit(ini, "audit after 5")

        # 6. second thoughts with no number, a day said without its hour, a cancel overtaken by an accept, a stale yes
        F = "2026-12-07T%s:00+08:00"
        r = say(ini, F % "09:00", "chen", "明天上午谁能陪我去医院")
        check("a day and a part of day without the hour asks it first", r, "明天上午几点", "还没有发布")
        check("nothing posted yet", str(rows(db, "SELECT count(*) FROM requests")), "6")
        check("the hour posts it", say(ini, F % "09:01", "chen", "9点"), "#7", "上午9点")
        r = say(ini, F % "09:02", "chen", "不对，时间写错了，是后天不是明天")
        check("是后天不是明天 asks about #7 (the one just posted of tomorrow's two)", r, "#7", "后天", "上午9点",
              absent=("#6",))
        check("…and 是 moves it", say(ini, F % "09:03", "chen", "是"), "#7", "后天")
        r = say(ini, F % "09:04", "chen", "算了，不用了")
        check("算了，不用了 asks to cancel #7", r, "取消求助 #7")
        say(ini, F % "09:05", "chen", "是")
        check("#7 cancelled on 是", status(db, 7), "cancelled")
        check("#8 posted in the group", say(ini, F % "10:00", "chen", "时间驿站 求助 明天下午3点 陪我聊天", chat="g3"), "#8")
        r = say(ini, F % "10:01", "chen", "算了，不用了", chat="g3")
        check("算了，不用了 right after her group post is asked back, not silence", r, "取消求助 #8")
        say(ini, F % "10:02", "chen", "不用", chat="g3")
        check("#8 stays", status(db, 8), "open")
        check("asked back (5)", say(ini, F % "11:00", "chen", "能帮我取消#8吗"), "回复「是」")
        check("wang takes #8 meanwhile", say(ini, F % "11:01", "wang", "接单 #8"), "已接单 #8")
        r = say(ini, F % "11:02", "chen", "是")
        check("是 after wang took #8 says so and asks again", r, "王强", "还要取消吗")
        check("#8 not cancelled", status(db, 8), "accepted")
        say(ini, F % "11:03", "chen", "不用")
        check("asked back (6)", say(ini, F % "12:00", "chen", "能帮我取消#8吗"), "回复「是」")
        r = say(ini, F % "12:20", "chen", "是")
        check("是 after the question ran out is told it is stale", r, "过时", absent=("没听懂",))
        check("#8 still accepted", status(db, 8), "accepted")
        cli.audit(ini, "audit after 6")

        # 7. the last of play-test 18 (a fresh store): 改回, 不用…了 of her own order, 我没说要取消, a 楼长's 弄错了,
        # 我去不了了 of one no longer his
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d)
        cli.community(ini, PEOPLE)
        G = "2026-12-09T%s:00+08:00"
        check("#1 posted", say(ini, G % "08:00", "chen", "求助 后天下午3点陪我聊天 1小时"), "#1")
        check("#2 posted", say(ini, G % "09:00", "chen", "求助 明天下午3点陪我聊天 1小时"), "#2")
        check("li takes #2", say(ini, G % "09:01", "li", "接单 #2"), "已接单 #2")
        r = say(ini, G % "09:10", "chen", "明天不用人陪我聊天了")
        check("明天不用人陪我聊天了 asks to cancel tomorrow's #2", r, "取消求助 #2", "回复「是」",
              absent=("没听懂", "已取消", "#1"))
        say(ini, G % "09:11", "chen", "不用")
        check("…and 不用 keeps #2", status(db, 2), "accepted")
        r = say(ini, G % "09:12", "chen", "不用帮我陪聊了")
        check("不用帮我陪聊了 (no day, two 陪伴 orders) asks which", r, "#1", "#2", "哪一个", absent=("没听懂", "已取消"))
        check("nothing cancelled", str((status(db, 1), status(db, 2))), "open", "accepted")
        r = say(ini, G % "09:20", "chen", "#2 改到后天上午9点")
        check("#2 moved to Friday", r, "#2", "上午9点")
        check("#1 stays (another day)", status(db, 1), "open")
        r = say(ini, G % "09:21", "chen", "#2 改回明天下午3点")
        check("改回 is a move", r, "#2", "明天", "下午3点", absent=("没听懂",))
        check("#3 posted", say(ini, G % "10:00", "chen", "求助 后天上午10点帮我打扫 1小时"), "#3")
        check("#3 cancelled", say(ini, G % "10:01", "chen", "取消 #3"), "已取消求助 #3")
        r = say(ini, G % "10:02", "chen", "不对不对 我没说要取消")
        check("我没说要取消 right after her cancel points to 撤销", r, "#3", "撤销", absent=("没听懂", "保持原样"))
        r = say(ini, G % "10:30", "chen", "我没说要取消")
        check("…and after the window says the order's state", r, "#3", "已取消", "不能撤销", absent=("没听懂",))
        check("#3 still cancelled", status(db, 3), "cancelled")
        check("#4 posted", say(ini, G % "11:00", "chen", "求助 后天下午4点帮我买菜 1小时"), "#4")
        check("wang takes #4", say(ini, G % "11:01", "wang", "接单 #4"), "已接单 #4")
        check("the 楼长 cancels #4 for her", say(ini, G % "11:05", "boss", "取消 #4"), "陈秀兰", "#4")
        r = say(ini, G % "11:06", "boss", "弄错了")
        check("his 弄错了 says the order is back for her, not for him", r, "陈秀兰 的求助 #4", "恢复",
              absent=("会通知您",))
        r = say(ini, G % "11:10", "chen", "我的单子")
        check("she reads it is back, not the stale 为您取消了", r, "恢复了", absent=("为您取消了",))
        check("wang takes #4 again", say(ini, G % "11:20", "wang", "接单 #4"), "已接单 #4")
        say(ini, G % "11:21", "chen", "#4 改到后天下午5点")
        check("the move let wang go", status(db, 4), "open")
        r = say(ini, G % "11:30", "wang", "#4 我去不了了")
        check("#4 我去不了了 from the one let go: no longer his", r, "#4", "不在您名下", absent=("没有替您接",))
        r = say(ini, G % "11:31", "li", "#4 我去不了了")
        check("from one who never held it: as before", r, "没有替您接")
        cli.audit(ini, "audit after 7")
    return cli.done("e2e_minds")


if __name__ == "__main__":
    sys.exit(main())
