#!/usr/bin/env python3
"""Issue 15's elders and activities against the real binary (`bot say`): a 楼长 registers an elder who has no chat
identity (代注册) and 代录s a service for her; with 关联码 he gets a code her granddaughter's phone sends as 关联 NNNNNN
to take the account over, and she sees her balance; 注册 renames nobody; an activity with a time and a place signs in
by name inside its window; `bot audit` clean."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"boss": "赵德明", "wang": "王建国", "admin": "周淑珍", "granddaughter": "小芳"}
cli = Cli(BOT, PEOPLE)
say, check, rows, audit = cli.say, cli.check, cli.rows, cli.audit


def main():
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d)
        cli.community(ini, ("boss", "wang", "admin"), birthday="")

        # 注册 acts on the sender only: the 楼长 renames nobody, himself least of all
        check("注册 李奶奶 by the 楼长 is pointed to 代注册",
              say(ini, "2026-11-20T09:20:00+08:00", "boss", "注册 李奶奶 3号楼", chat="g1"), "已经登记过", "代注册")
        check("…and he is still 赵德明", str(rows(db, "SELECT count(*) FROM members WHERE name = '赵德明'")), "[(1,)]")

        # an impossible birthday is asked again, nothing registered
        check("2月30日 is asked again", say(ini, "2026-11-20T09:30:00+08:00", "boss", "代注册 李奶奶 3号楼 生日1945年2月30日"),
              "没看懂生日", "没有保存", absent=("已为",))
        r = say(ini, "2026-11-20T09:31:00+08:00", "boss", "代注册 李奶奶 3号楼 生日1945年3月8日 电话13812345678", chat="g1")
        check("a 楼长 registers an elder", r, "已为 李奶奶（3号楼）登记", "代录 李奶奶", "关联码 李奶奶",
              absent=("1945", "13812345678"))
        check("…a registered member with no chat identity, recorded as his",
              str(rows(db, "SELECT m.registered, m.birthday, (SELECT name FROM members WHERE id = m.created_by), "
                           "(SELECT count(*) FROM identities WHERE member_id = m.id) FROM members m "
                           "WHERE m.name = '李奶奶'")), "[(1, '1945-03-08', '赵德明', 0)]")

        check("…and 代录s a service for her",
              say(ini, "2026-11-21T15:00:00+08:00", "boss", "代录 李奶奶 王建国 2小时 陪诊"), "已代录 #1")
        check("…王建国 earned it", say(ini, "2026-11-21T15:05:00+08:00", "wang", "查积分"), "余额为 2小时")

        # 关联码: in private only; her granddaughter's phone takes the account over
        check("no code in a group", say(ini, "2026-11-22T09:00:00+08:00", "boss", "关联码 李奶奶", chat="g1"), "私聊",
              absent=("验证码是",))
        check("the code, privately", say(ini, "2026-11-22T09:01:00+08:00", "boss", "关联码 李奶奶"), "李奶奶 的验证码是")
        # as text: a code may start with 0, and PostgreSQL's rows read digits back as a number (050505 → 50505)
        code = rows(db, "SELECT 'c' || code FROM link_codes")[0][0][1:]
        check("关联 from the granddaughter's identity takes the account over",
              say(ini, "2026-11-22T18:00:00+08:00", "granddaughter", "关联 %s" % code), "关联成功！李奶奶")
        r = say(ini, "2026-11-22T18:01:00+08:00", "granddaughter", "查积分")
        check("…and she sees her balance and the 代录", r, "李奶奶，您的时间余额为 欠2小时", "为您代录了一次服务")
        check("the 楼长 is told", say(ini, "2026-11-22T18:05:00+08:00", "boss", "查积分"), "已由一个")
        check("no second takeover", say(ini, "2026-11-22T18:06:00+08:00", "boss", "关联码 李奶奶"), "已经有自己的聊天账号")
        check("修改资料 changes her own phone",
              say(ini, "2026-11-22T18:07:00+08:00", "granddaughter", "修改资料 电话13900001111"), "电话已更新")

        # an activity with a time and a place; sign-in by name inside its window, the total in the reply
        say(ini, "2026-11-23T09:00:00+08:00", "boss", "代注册 陈伯 3号楼")
        check("创建活动 without a time is asked again",
              say(ini, "2026-11-23T10:00:00+08:00", "boss", "创建活动 广场舞"), "没有创建")
        check("创建活动 with a time and a place",
              say(ini, "2026-11-23T10:00:00+08:00", "boss", "创建活动 广场舞 明天上午9点 社区广场"),
              "活动1「广场舞」：明天（周二）上午9点–上午11点，社区广场")
        check("too early to sign in", say(ini, "2026-11-24T07:00:00+08:00", "wang", "签到 活动1"), "今天上午8点半 起可以签到")
        check("wang signs in", say(ini, "2026-11-24T08:50:00+08:00", "wang", "签到 活动1"), "现共签到 1 人")
        r = say(ini, "2026-11-24T09:05:00+08:00", "boss", "签到 活动1 陈伯 李奶奶 张三丰")
        check("the 楼长 signs in members by name, unknown ones listed back", r, "签到成功：陈伯、李奶奶",
              "没有签上：张三丰", "现共签到 3 人")
        check("too late to sign in", say(ini, "2026-11-24T11:30:00+08:00", "admin", "签到 活动1"), "不能再签到")
        check("closing pays every participant", say(ini, "2026-11-24T11:31:00+08:00", "boss", "结束活动 1"),
              "3 人签到，每人 +1")
        audit(ini, "bot audit is clean")
    return cli.done("e2e_elders")


if __name__ == "__main__":
    sys.exit(main())
