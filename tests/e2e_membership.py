#!/usr/bin/env python3
"""Issue 16's membership and dividends against the real binary (`bot say`, `bot cash`, `bot audit`): 收会费 by the
楼长 (wrong price refused, a receipt the bot numbers), 查积分 shows the tier, a renewal from the current end,
分红核算 / 分红确认 pay a year's dividends from the bank once, and both ledgers stay clean."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
PEOPLE = {"zhang": "张秀英", "wang": "王建国", "boss": "赵德明", "li": "李明", "admin": "周淑珍"}
cli = Cli(BOT, PEOPLE)
say, check, rows = cli.say, cli.check, cli.rows
audit = cli.audit


def cash(ini):
    p = subprocess.run([BOT, "cash", "-c", ini], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise SystemExit("bot cash: exit %d: %s" % (p.returncode, p.stderr.strip()))
    return p.stdout


def main():
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d)
        cli.community(ini, PEOPLE)
        t = "2026-11-21T10:00:00+08:00"
        check("a wrong price is refused with the price", say(ini, t, "boss", "收会费 @张秀英 体验会员 80元 现金"),
              "体验会员的会费是100元", "没有登记")
        check("an unknown tier lists the tiers", say(ini, t, "boss", "收会费 @张秀英 白金会员 100元 现金"),
              "体验会员", "共创会员")
        check("a resident may not enter fees", say(ini, t, "li", "收会费 @张秀英 体验会员 100元 现金"), "楼长或工作人员")
        r = say(ini, t, "boss", "收会费 @张秀英 体验会员 100元 现金")
        check("the 楼长 enters zhang's fee; the bot numbers the receipt", r, "100元", "HF2026-0001", "系统编号",
              "2027年11月20日")
        check("the fee is a cash transaction income → bank",
              str(rows(db, "SELECT a.name, j.fen, j.kind, j.item, j.ref FROM cash_journal j "
                           "JOIN cash_accounts a ON a.id = j.account_id ORDER BY j.id")),
              "('income', -10000, 'fee', '体验会员', 'HF2026-0001')", "('bank', 10000, 'fee', '体验会员', 'HF2026-0001')")
        check("查积分 shows the tier and its end", say(ini, "2026-11-21T11:00:00+08:00", "zhang", "查积分"),
              "会员：体验会员", "2027年11月20日", "体验券1小时未用")
        r = say(ini, "2026-11-22T10:00:00+08:00", "admin", "收会费 @王建国 共创会员 1000元 线上 收据号 W88")
        check("staff enter wang's 共创会员 fee with its receipt", r, "1000元", "W88")
        r = say(ini, "2026-11-23T10:00:00+08:00", "admin", "收会费 @王建国 共创会员 1000元 线上 收据号 W89")
        check("a renewal runs on from the current end", r, "续费", "2028年11月")
        audit(ini, "bot audit is clean after the fees")

        check("分红确认 before 分红核算 is refused", say(ini, "2027-02-01T10:00:00+08:00", "admin", "分红确认 2026"),
              "还没有核算")
        r = say(ini, "2027-02-01T10:00:00+08:00", "admin", "分红核算 2026 净利润 1500元")
        check("the draft shows the split and wang's line", r, "共创会员900元", "创始人375元", "互助基金150元",
              "理事会75元", "王建国", "分红确认 2026")
        check("the draft is stored, not paid", str(rows(db, "SELECT confirmed_at FROM dividends WHERE year = 2026")),
              "[(None,)]")
        r = say(ini, "2027-02-01T10:05:00+08:00", "admin", "分红确认 2026")
        check("the bank holds 2100元 ≥ 1500元: paid", r, "已发放", "合计1500元")
        out = cash(ini)
        check("bot cash lists wang's share", out, "member:")
        check("wang's share landed in his cash account",
              str(rows(db, "SELECT c.balance_fen FROM cash_accounts c JOIN members m ON m.id = c.member_id "
                           "WHERE m.name = '王建国'")), "[(90000,)]")
        check("bank paid out the profit", str(rows(db, "SELECT balance_fen FROM cash_accounts WHERE name = 'bank'")),
              "[(60000,)]")
        check("never twice", say(ini, "2027-02-01T10:10:00+08:00", "admin", "分红确认 2026"), "已经发放过")
        check("wang is told privately",
              str(rows(db, "SELECT text FROM notices n JOIN members m ON m.id = n.member_id WHERE m.name = '王建国'")),
              "2026年的分红是900元")
        check("我的分红 shows wang's cash", say(ini, "2027-02-01T11:00:00+08:00", "wang", "我的分红"), "900元")
        check("30元 of it become an hour", say(ini, "2027-02-01T11:01:00+08:00", "wang", "分红换积分 30元"),
              "换成 1小时", "还剩 870元")
        check("…paid by the fund in hours, into the fund in cash",
              str(rows(db, "SELECT kind, fen FROM cash_journal WHERE kind = 'convert' AND fen > 0")), "[('convert', 3000)]")
        r = say(ini, "2028-01-10T10:00:00+08:00", "admin", "分红核算 2027 净利润 100000元")
        check("a year with no 共创会员 yet… still wang's membership runs: the bank is too small later",
              say(ini, "2028-01-10T10:05:00+08:00", "admin", "分红确认 2027"), "只有600元", "没有发放")
        audit(ini, "bot audit is clean after the dividends")

        cli.tick(ini, "2027-10-15T10:00:00+08:00")
        check("no reminder 37 days ahead", str(rows(db, "SELECT count(*) FROM job_runs WHERE job = 'membership_renewal'")),
              "[(0,)]")
        cli.tick(ini, "2027-10-25T10:00:00+08:00")
        cli.tick(ini, "2027-10-26T10:00:00+08:00")
        check("the renewal is reminded 30 days ahead, once",
              str(rows(db, "SELECT count(*) FROM job_runs WHERE job = 'membership_renewal'")), "[(1,)]")
        check("…to zhang", say(ini, "2027-10-26T11:00:00+08:00", "zhang", "查积分"), "体验会员到 2027年11月20日 期满",
              "续费")
    return cli.done("e2e_membership")


if __name__ == "__main__":
    sys.exit(main())
