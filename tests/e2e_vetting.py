#!/usr/bin/env python3
"""Issue 15's vetting and matching against the real binary (`bot say`, `bot tick --now`): a 14-year-old cannot accept
托管, a member staff banned cannot accept, a certified adult can, and both sides read the safety note privately; a
new 维修 request is pushed privately to the skilled volunteer of the building first (the outbox), and 有什么需求
lists it first for him; an unregistered member, or one with no birthday on file, is told the command that lets
them accept; staff read 资质 @X; with [rules] require_insurance = 1 accepting needs insurance staff recorded;
`bot audit` clean."""
import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import PG, Cli, pg_rows  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "kid": "小明", "wang": "王建国", "li": "李明", "far": "赵师傅", "admin": "周淑珍",
          "new": "陈新", "nob": "钱师傅"}
cli = Cli(BOT, PEOPLE)
say, check, rows, failures = cli.say, cli.check, cli.rows, cli.failures
audit = cli.audit


def status(db, rid):
    return str(rows(db, "SELECT status, volunteer_id FROM requests WHERE id = %d" % rid))


def main():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "store.db")
        ini = os.path.join(d, "bot.ini")
        with open(ini, "w", encoding="utf-8") as f:
            # generic can push privately (nothing listens: the outbox keeps the row, which is what is checked)
            f.write("[store]\npath = %s\n[limits]\nmessages_per_member_per_minute = 0\n[roles]\nadmins = cli:admin\n"
                    "[generic]\ntoken = e2e-token\npush_url = http://127.0.0.1:9/push\npush_token = e2e-push\n" % db)
        t = "2026-11-20T09:00:00+08:00"
        say(ini, t, "zhang", "注册 张秀英 3号楼 生日1950年11月26日")
        say(ini, t, "kid", "注册 小明 3号楼 生日2012年3月10日")
        say(ini, t, "wang", "注册 王建国 3号楼 生日1975年6月1日")
        say(ini, t, "li", "注册 李明 3号楼 生日1980年1月1日")
        say(ini, t, "far", "注册 赵师傅 5号楼 生日1970年1月1日")
        say(ini, t, "admin", "注册 周淑珍 1号楼")

        check("#1 托管 posted", say(ini, "2026-11-23T10:00:00+08:00", "zhang", "求助 明天下午3点帮我接孩子放学 2小时"),
              "#1", "托管")
        r = say(ini, "2026-11-23T10:05:00+08:00", "kid", "接单 #1")
        check("a 14-year-old cannot accept 托管, and is told what works", r, "年满 18 岁", absent=("已接单",))
        check("…#1 stays open", status(db, 1), "[('open', None)]")
        r = say(ini, "2026-11-23T10:06:00+08:00", "wang", "接单 #1")
        check("an adult without a certificate is told to see staff", r, "证书", "工作人员", absent=("已接单",))
        check("staff record wang's certificate",
              say(ini, "2026-11-23T10:07:00+08:00", "admin", "认证 @王建国 托管 有效期2027-12-31"), "有效期到 2027-12-31")
        check("staff ban li for 7 days",
              say(ini, "2026-11-23T10:08:00+08:00", "admin", "禁止接单 @李明 7天"), "已暂停 李明 接单", "11月30日")
        check("…stored as the ban on accepting",
              str(rows(db, "SELECT accept_banned_until > 0 FROM members WHERE name = '李明'")), "[(1,)]")
        check("staff certify li too", say(ini, "2026-11-23T10:09:00+08:00", "admin", "认证 @李明 托管 有效期2027-12-31"),
              "有效期到")
        r = say(ini, "2026-11-23T10:10:00+08:00", "li", "接单 #1")
        check("a banned member cannot accept", r, "暂停到 11月30日", "工作人员暂停", absent=("已接单",))
        check("…#1 still open", status(db, 1), "[('open', None)]")
        r = say(ini, "2026-11-23T10:11:00+08:00", "wang", "接单 #1")
        check("a certified adult can, and reads the safety note privately", r, "已接单 #1", "只在社区活动室", "不收付现金")
        r = say(ini, "2026-11-23T10:12:00+08:00", "zhang", "查积分")
        check("the requester reads who comes and the note privately", r, "王建国（3号楼）是您 #1（托管）的志愿者",
              "只在社区活动室", absent=("138",))
        check("the 楼长-less building: the go-between is said plainly", r, "或找楼长")

        # matching: wang offers 维修 and can be pushed to on generic (the identity a 关联 from QQ would leave)
        check("an offer is kept", say(ini, "2026-11-23T11:00:00+08:00", "wang", "我会修水电"), "维修")
        say(ini, "2026-11-23T11:00:00+08:00", "far", "我会修水电")
        check("…in member_skills", str(rows(db, "SELECT count(*) FROM member_skills WHERE service = '维修'")), "[(2,)]")
        for who in ("wang", "far"):
            mid = rows(db, "SELECT id FROM members WHERE name = '%s'" % PEOPLE[who])[0][0]
            if PG:
                pg_rows("INSERT INTO identities(platform, user_id, member_id) VALUES ('generic', ?, ?)", (who, mid))
                continue
            c = sqlite3.connect(db)
            c.execute("INSERT INTO identities(platform, user_id, member_id) VALUES ('generic', ?, ?)", (who, mid))
            c.commit()
            c.close()
        check("#2 维修 posted", say(ini, "2026-11-23T11:05:00+08:00", "zhang", "求助 明天上午9点 水龙头漏水 修一下"),
              "#2", "维修")
        check("the skilled volunteer of the building is pushed privately first",
              str(rows(db, "SELECT platform, user_id, chat_id IS NULL FROM outbox WHERE job = 'match'")),
              "[('generic', 'wang', 1)]")
        check("…with the way to accept", str(rows(db, "SELECT text FROM outbox WHERE job = 'match'")), "接单 #2")
        r = say(ini, "2026-11-23T11:06:00+08:00", "wang", "有什么需求")
        check("有什么需求 lists the matching one first", r, "#2 维修", absent=("#1 托管",))
        check("…and accepting it works", say(ini, "2026-11-23T11:07:00+08:00", "wang", "接单 #2"), "已接单 #2")

        # registered, and a birthday on file giving min_age: else the command that fixes it
        check("#3 陪诊 posted", say(ini, "2026-11-23T12:00:00+08:00", "zhang", "求助 明天上午10点陪我去社区医院 1小时"),
              "#3", "陪诊")
        r = say(ini, "2026-11-23T12:01:00+08:00", "new", "接单 #3")
        check("an unregistered member cannot accept, and reads the 注册 to send", r, "请先登记", "注册 姓名", "生日",
              absent=("已接单",))
        say(ini, "2026-11-23T12:02:00+08:00", "nob", "注册 钱师傅 3号楼")
        r = say(ini, "2026-11-23T12:03:00+08:00", "nob", "接单 #3")
        check("a registered member with no birthday is asked for it", r, "年满 18 岁", "修改资料 生日",
              absent=("已接单",))
        check("…#3 still open", status(db, 3), "[('open', None)]")
        say(ini, "2026-11-23T12:04:00+08:00", "nob", "修改资料 生日1972年8月8日")
        check("…once added, the accept works", say(ini, "2026-11-23T12:05:00+08:00", "nob", "接单 #3"), "已接单 #3")
        # 资质 @X: staff read certificates, training, insurance, bans
        say(ini, "2026-11-23T12:06:00+08:00", "admin", "认证 @王建国 培训 有效期2027-06-30")
        r = say(ini, "2026-11-23T12:07:00+08:00", "admin", "资质 @李明")
        check("资质 @X shows staff the certificate, training, insurance and the ban", r, "李明（3号楼） 的资质",
              "托管证书 到 2027-12-31", "培训：未登记", "保险：未登记", "禁止接单到 11月30日")
        check("…the training recorded shows", say(ini, "2026-11-23T12:08:00+08:00", "admin", "资质 @王建国"),
              "培训 到 2027-06-30", "可以接单")
        check("…only staff read it", say(ini, "2026-11-23T12:09:00+08:00", "wang", "资质 @李明"), "只有工作人员",
              absent=("托管证书",))
        audit(ini, "bot audit is clean")

        # a community that uses insurance: every accept needs it, recorded by staff
        db2 = os.path.join(d, "ins.db")
        ini2 = os.path.join(d, "ins.ini")
        with open(ini2, "w", encoding="utf-8") as f:
            f.write("[store]\npath = %s\n[limits]\nmessages_per_member_per_minute = 0\n[roles]\nadmins = cli:admin\n"
                    "[rules]\nrequire_insurance = 1\n" % db2)
        say(ini2, t, "zhang", "注册 张秀英 3号楼 生日1950年11月26日")
        say(ini2, t, "wang", "注册 王建国 3号楼 生日1975年6月1日")
        check("insured: #1 代购 posted", say(ini2, "2026-11-23T10:00:00+08:00", "zhang", "求助 明天上午9点帮我买菜 1小时"),
              "#1")
        r = say(ini2, "2026-11-23T10:01:00+08:00", "wang", "接单 #1")
        check("require_insurance: no insurance on file, refused with the way forward", r, "志愿者保险",
              "认证 @您 保险", absent=("已接单",))
        check("staff record the insurance",
              say(ini2, "2026-11-23T10:02:00+08:00", "admin", "认证 @王建国 保险 有效期2027-12-31"),
              "志愿者保险，有效期到 2027-12-31")
        check("…then the accept works", say(ini2, "2026-11-23T10:03:00+08:00", "wang", "接单 #1"), "已接单 #1")
        audit(ini2, "bot audit is clean (insurance)")
    if failures:
        print("e2e_vetting: %d failed" % len(failures))
        return 1
    print("e2e_vetting: all ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
