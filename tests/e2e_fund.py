#!/usr/bin/env python3
"""Issue 14's fund and 代录 rules against the real binary (`bot say`): a self-代录 and a self-公益 refused, a repeat
代录 asked about, a 代录 undone by a reversing transaction with both sides told; `bot audit` clean after each."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "wang": "王建国", "boss": "赵德明", "admin": "管晓敏", "liu": "刘志强"}
cli = Cli(BOT, PEOPLE)
say, check, rows, failures = cli.say, cli.check, cli.rows, cli.failures


def audit(ini, after):
    cli.audit(ini, "bot audit clean after " + after)


def main():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "store.db")
        ini = os.path.join(d, "bot.ini")
        with open(ini, "w", encoding="utf-8") as f:
            f.write("[store]\npath = %s\n[limits]\nmessages_per_member_per_minute = 0\n"
                    "[roles]\nadmins = cli:admin\n" % db)
        day = "2026-11-23T"
        for who in ("zhang", "wang", "boss"):
            say(ini, day + "09:00:00+08:00", who, "注册 %s 3号楼" % PEOPLE[who])
        check("staff makes boss 3号楼's 楼长", say(ini, day + "09:01:00+08:00", "admin", "设为楼长 赵德明 3号楼"),
              "负责3号楼")

        # a self-代录: the 楼长 as volunteer, or as the elder, is refused and nothing moves
        r = say(ini, day + "10:00:00+08:00", "boss", "代录 张秀英 赵德明 12小时 陪诊")
        check("a 楼长 recording himself as the volunteer is refused", r, "不能为自己代录", absent=("已代录",))
        r = say(ini, day + "10:01:00+08:00", "boss", "代录 赵德明 王建国 2小时 陪诊")
        check("a 楼长 recording himself as the elder is refused", r, "不能为自己代录", absent=("已代录",))
        check("no request, no journal", str(rows(db, "SELECT (SELECT count(*) FROM requests), "
                                                     "(SELECT count(*) FROM journal)")), "[(0, 0)]")
        audit(ini, "the self-代录")

        # a self-公益: the member's own word 公益 posts a request she pays for; a 楼长 never marks his own
        r = say(ini, day + "10:10:00+08:00", "boss", "公益求助 明天上午9点帮我修水管 1小时")
        check("a 楼长's own 公益 request is posted as his to pay", r, "已发布求助 #1", "由楼长或工作人员标记")
        r = say(ini, day + "10:11:00+08:00", "boss", "设为公益 #1")
        check("a 楼长 marking his own request 公益 is refused", r, "不能为自己", absent=("已设为公益",))
        r = say(ini, day + "10:12:00+08:00", "boss", "设为补贴 赵德明")
        check("a 楼长 subsidising himself is refused", r, "不能为自己", absent=("已设为补贴",))
        check("#1 is not 公益, boss not subsidised",
              str(rows(db, "SELECT (SELECT public_benefit FROM requests WHERE id = 1), "
                           "(SELECT subsidised FROM members WHERE name = '赵德明')")), "[(0, 0)]")
        r = say(ini, day + "10:13:00+08:00", "zhang", "公益求助 明天下午3点陪我去社区医院 2小时")
        check("zhang's own 公益 request is hers to pay", r, "已发布求助 #2", "由楼长或工作人员标记")
        check("her 楼长 marks it 公益", say(ini, day + "10:14:00+08:00", "boss", "设为公益 #2"), "已设为公益")
        audit(ini, "the self-公益")

        # a 代录 for an elder with no phone (代注册), a repeat asked about, and an undo within 24 h: a reversing
        # transaction, both told (hers reaches no one else: her 楼长 did it himself)
        check("boss registers 李奶奶, who has no phone", say(ini, day + "10:59:00+08:00", "boss", "代注册 李奶奶 3号楼"),
              "已为 李奶奶")
        r = say(ini, day + "11:00:00+08:00", "boss", "代录 李奶奶 王建国 2小时 陪诊")
        check("boss records wang's 2 h for 李奶奶", r, "已代录 #3", "撤销代录 #3")
        r = say(ini, day + "11:01:00+08:00", "boss", "代录 李奶奶 王建国 2小时 陪诊")
        check("the same 代录 again the same day asks first", r, "今天已代录过 #3", absent=("已代录 #",))
        check("a no leaves it at one", say(ini, day + "11:02:00+08:00", "boss", "不是"), "先不办")
        check("one 代录, credited once", str(rows(db, "SELECT count(*), sum(credited_minutes) FROM requests "
                                                    "WHERE proxy = 1")), "[(1, 120)]")
        r = say(ini, day + "12:00:00+08:00", "boss", "撤销代录 #3")
        check("撤销代录 #3 reverses it", r, "已撤销代录 #3", "退回 2小时")
        check("one reversing transaction of 2 h",
              str(rows(db, "SELECT count(DISTINCT txn), sum(CASE WHEN minutes > 0 THEN minutes END) FROM journal "
                           "WHERE kind = 'reversal' AND request_id = 3")), "[(1, 120)]")
        check("balances back to zero", str(rows(db, "SELECT a.balance FROM accounts a JOIN members m ON "
                                                    "m.account_id = a.id WHERE m.name IN ('李奶奶', '王建国')")),
              "[(0,), (0,)]")
        check("wang is told", say(ini, day + "12:30:00+08:00", "wang", "查积分"), "撤销了代录 #3")
        check("李奶奶's notice is kept", str(rows(db, "SELECT count(*) FROM notices n JOIN members m ON m.id = "
                                                    "n.member_id WHERE m.name = '李奶奶' AND n.text LIKE '%撤销了代录 #3%'")),
              "[(1,)]")
        check("wang's 积分明细 shows why", say(ini, day + "12:31:00+08:00", "wang", "积分明细"), "撤销代录 #3 陪诊")
        # a 代录 for a member with her own phone pays nothing until she confirms it herself (play73: two 楼长 paid
        # each other from a neighbour's hours)
        r = say(ini, day + "13:00:00+08:00", "boss", "代录 张秀英 王建国 1小时 陪诊")
        check("a 代录 for zhang, who has a phone, waits for her", r, "已代录 #4", "还没有记积分", "确认 #4")
        check("nothing moved yet", str(rows(db, "SELECT count(*) FROM journal WHERE request_id = 4")), "[(0,)]")
        check("her 楼长 cannot confirm it for her", say(ini, day + "13:01:00+08:00", "boss", "确认 #4"),
              absent=("已确认 #4",))
        check("she confirms it herself", say(ini, day + "13:02:00+08:00", "zhang", "确认 #4"), "已确认 #4")
        check("credited once, 1 h", str(rows(db, "SELECT credited_minutes FROM requests WHERE id = 4")), "[(60,)]")
        r = say(ini, day + "12:32:00+08:00", "boss", "基金")
        check("基金 shows the fund to its 楼长", r, "社区基金", "本月3号楼基金支出")
        audit(ini, "the 代录 undone")

        # play-test s5: two 楼长 of one building 代录 each other for 李奶奶 (no phone); nothing is paid until a third
        # person checks it (staff, or a 楼长 who neither recorded nor served it); the fund's budget is untouched
        say(ini, day + "14:00:00+08:00", "liu", "注册 刘志强 3号楼")
        check("staff makes liu 3号楼's second 楼长", say(ini, day + "14:01:00+08:00", "admin", "设为楼长 刘志强 3号楼"),
              "负责3号楼")
        say(ini, day + "14:02:00+08:00", "boss", "设为补贴 李奶奶")
        r = say(ini, day + "14:03:00+08:00", "boss", "代录 李奶奶 刘志强 8小时 陪诊")
        check("boss's 代录 of liu is held", r, "已记下代录 #5", "志愿者 刘志强 是楼长", "批准代录 #5", absent=("积分已发放",))
        r = say(ini, day + "14:04:00+08:00", "liu", "代录 李奶奶 赵德明 8小时 陪诊")
        check("liu's 代录 of boss is held", r, "已记下代录 #6", absent=("积分已发放",))
        check("liu cannot approve the one he served", say(ini, day + "14:05:00+08:00", "liu", "批准代录 #5"),
              "以您为志愿者的", absent=("已批准",))
        check("boss cannot approve the one he recorded", say(ini, day + "14:06:00+08:00", "boss", "批准代录 #5"),
              "您录入的", absent=("已批准",))
        check("nothing moved for #5 and #6",
              str(rows(db, "SELECT count(*) FROM journal WHERE request_id IN (5, 6)")), "[(0,)]")
        check("staff see them waiting", say(ini, day + "14:07:00+08:00", "admin", "基金"), "代录等待核实：#5 #6")
        check("staff approve #5", say(ini, day + "14:08:00+08:00", "admin", "批准代录 #5"), "已批准代录 #5")
        check("#5 paid once, 8 h", str(rows(db, "SELECT credited_minutes, status FROM requests WHERE id = 5")),
              "[(480, 'confirmed')]")
        check("boss withdraws #6 unpaid", say(ini, day + "14:09:00+08:00", "boss", "撤销代录 #6"), "已撤回代录 #6")
        audit(ini, "the held 代录")
    if failures:
        print("e2e_fund: %d FAILED" % len(failures))
        return 1
    print("e2e_fund: all ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
