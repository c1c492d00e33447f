#!/usr/bin/env python3
"""Brief O against the real binary (`bot say`): plain questions about her time answered, never acted on (last month's
count, this month's said as a doubt, how long credits last, leaving, hours to family); a 代录 with another day written
asked about, not paid as today's; a command pasted in quotes or forwarded never done; a question that ends calling a
neighbour by name left to him. `bot audit` clean at the end."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"e1": "张秀英", "v1": "王强", "lz": "王建国", "staff": "周干事"}
cli = Cli(BOT, PEOPLE)
say, check, rows, failures = cli.say, cli.check, cli.rows, cli.failures


def main():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "store.db")
        ini = os.path.join(d, "bot.ini")
        with open(ini, "w", encoding="utf-8") as f:
            f.write("[store]\npath = %s\n[limits]\nmessages_per_member_per_minute = 0\n"
                    "[roles]\nadmins = cli:staff\n" % db)
        reg = "2026-11-20T09:00:00+08:00"
        for who in ("e1", "v1", "lz"):
            say(ini, reg, who, "注册 %s 3号楼" % PEOPLE[who])
        check("staff makes lz 3号楼's 楼长", say(ini, reg, "staff", "设为楼长 王建国 3号楼"), "负责3号楼")
        check("lz registers 李桂兰", say(ini, reg, "lz", "代注册 李桂兰 3号楼"), "已为 李桂兰")
        check("a 代录 in November", say(ini, "2026-11-28T10:00:00+08:00", "lz", "代录 李桂兰 王强 2小时 陪伴"),
              "已代录 #1", "积分已发放")

        # 代录 with a day written: a day within proxy_backdate_days (7) is recorded on that day (the month it counts in);
        # a day ahead, or one older than the limit, is refused with why
        now = "2026-12-01T09:00:00+08:00"
        for text, day, why in (("代录 李桂兰 王强 3小时 陪伴 11月20日", "11月20日", "最多补录 7 天内"),
                               ("代录 李桂兰 王强 3小时 陪伴 明天下午", "明天", "还没到"),
                               ("代录 李桂兰 王强 3小时 陪伴 今天下午3点", "今天下午3点", "还没到")):
            check("%s is refused, not recorded" % text, say(ini, now, "lz", text), day, why, "这次没有代录",
                  absent=("已代录",))
        check("nothing recorded for those", str(rows(db, "SELECT count(*) FROM requests")), "[(1,)]")
        check("yesterday's 代录 is recorded on its day", say(ini, now, "lz", "代录 李桂兰 王强 3小时 陪伴 昨天下午2点"),
              "已代录 #2", "服务时间：昨天", "下午2点")
        check("its service is November's, recorded now",
              str(rows(db, "SELECT finished_at - created_at FROM requests WHERE id = 2")), "[(-57600,)]")
        check("today's 代录 with 今天上午 is recorded", say(ini, now, "lz", "代录 李桂兰 王强 1小时 陪伴 今天上午"),
              "已代录 #3")

        # last month's and this month's count
        later = "2026-12-01T09:05:00+08:00"
        check("上个月我帮了几次: November's", say(ini, later, "v1", "上个月我帮了几次"), "上个月（11月）", "2 次", "5小时")
        check("上个月帮了多少小时: November's", say(ini, later, "v1", "上个月帮了多少小时"), "上个月（11月）", "5小时")
        check("这个月我帮了几次: December's", say(ini, later, "v1", "这个月我帮了几次"), "本月（12月）", "1 次", "1小时")
        check("我这个月还没帮过人吧: this month's answer", say(ini, later, "e1", "我这个月还没帮过人吧"),
              "本月（12月）您还没有完成的服务")

        # how long credits last, leaving, hours to family: told, nothing done
        check("我的时间币还能用多久: the expiry answer", say(ini, later, "e1", "我的时间币还能用多久"), "天内有效")
        check("积分还能用多久: the expiry answer", say(ini, later, "v1", "积分还能用多久"), "天内有效")
        for text in ("我不想干了 把我删了吧", "我下个月搬家到外地，要退出时间驿站"):
            check("%s: the leaving answer" % text, say(ini, later, "e1", text), "您的积分还是您的", "找工作人员")
        check("积分能不能留给我女儿: 转赠 told", say(ini, later, "e1", "积分能不能留给我女儿"), "转赠", "还没登记",
              absent=("已转赠",))
        check("nobody suspended, no gift", str(rows(db, "SELECT (SELECT count(*) FROM members WHERE suspended = 1), "
                                                        "(SELECT count(*) FROM journal WHERE kind = 'gift')")),
              "[(0, 0)]")

        # pasted, forwarded, or asked of a neighbour: never done
        check("e1 posts #4", say(ini, later, "e1", "求助 明天上午9点陪我去社区医院 2小时"), "已发布求助 #4")
        check("「接单 #4」 alone is asked back", say(ini, later, "v1", "「接单 #4」"), "您是要接 #4 吗")
        say(ini, later, "v1", "不用")
        for text in ("转发 接单 #4", "他说「接单 #4」", "群里说 接单 #4"):
            check("%s does not accept" % text, say(ini, later, "v1", text), absent=("已接单", "接单成功"))
        check("#4 still open", str(rows(db, "SELECT status, volunteer_id FROM requests WHERE id = 4")), "[('open', None)]")
        check("a month question called to 老李 in the group is left to him",
              say(ini, later, "v1", "这个月帮了几次忙啊 老李", chat="g1"), absent=("本月", "请私聊"))
        cli.audit(ini, "bot audit clean at the end")
    if failures:
        print("%d FAILED: %s" % (len(failures), failures))
        sys.exit(1)
    print("e2e_asks: ok")


if __name__ == "__main__":
    main()
