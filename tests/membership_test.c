/* membership_test.c — 收会费 (the tier's price, renewals, receipts, who may), 查积分's tier, the tiers in bot.ini, and the year's dividends (002's 56, the 60/25/10/5 split to the fen, a bank too small, never twice). */
#include "bot_fixture.h"

static int setup(void **state)
{
    int rc = fixture_setup(state);
    struct fixture *f = *state;
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "cli:admin");
    return rc;
}

static int teardown(void **state) { return fixture_teardown(state); }

static const char *say(struct fixture *f, const char *user, const char *when, const char *text)
{
    return fixture_say(f, "cli", NULL, user, NULL, when, text, NULL);
}

/* The first column of sql's first row, on either engine (tdb_int) */
static int64_t sql_i64(struct fixture *f, const char *sql) { return tdb_int(f->path, sql); }

#define T0 "2026-03-01T10:00:00+08:00"

/* zhang and wang in 3号楼, li in 5号楼, boss the 楼长 of 3号楼 */
static void community(struct fixture *f)
{
    assert_contains(say(f, "zhang", T0, "注册 张秀英 3号楼 生日1950年5月1日"), "欢迎");
    assert_contains(say(f, "wang", T0, "注册 王建国 3号楼 生日1960年5月1日"), "欢迎");
    assert_contains(say(f, "li", T0, "注册 李明 5号楼 生日1970年5月1日"), "欢迎");
    assert_contains(say(f, "boss", T0, "注册 赵德明 3号楼 生日1965年5月1日"), "欢迎");
    assert_contains(say(f, "admin", T0, "设为楼长 赵德明 3号楼"), "3号楼");
}

/* A fee entered for the wrong member is undone by staff with a reason (play-test 14: nothing could): the money back
 * out of the bank, the membership and its voucher gone, she told; once; never when its voucher was spent, never by a
 * 楼长, never without a reason. */
static void test_fee_entered_by_mistake_is_undone(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "admin", T0, "记账 期初 500元"), "账上现有 500元");
    assert_contains(say(f, "boss", T0, "收会费 @张秀英 体验会员 100元 现金"), "HF2026-0001");
    assert_contains(say(f, "boss", "2026-11-01T10:01:00+08:00", "退会费 @张秀英 原因 记错人了"), "工作人员");
    assert_contains(say(f, "admin", "2026-11-01T10:02:00+08:00", "退会费 @张秀英"), "请写明原因");
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM memberships WHERE until_at > from_at"), 1);
    const char *r = say(f, "admin", "2026-11-01T10:03:00+08:00", "退会费 HF2026-0001 原因 记错人了，应该是李明");
    assert_contains(r, "已退 张秀英 的体验会员会费 100元");
    assert_contains(r, "体验券随之取消");
    assert_contains(say(f, "admin", "2026-11-01T10:04:00+08:00", "退会费 @张秀英 原因 再退一次"), "已经退过了");
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM memberships WHERE until_at > from_at"), 0);
    assert_int_equal(sql_i64(f, "SELECT balance_fen FROM cash_accounts WHERE name = 'bank'"), 50000);
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM member_notices WHERE name = '张秀英' AND notice LIKE '%已经退回%'"),
                     1);
    assert_null(strstr(say(f, "zhang", "2026-11-01T10:05:00+08:00", "查积分"), "会员："));
    fixture_audit_ok(f);
    /* a fee whose voucher paid an order stays: that order's credit stands on it */
    assert_contains(say(f, "admin", "2026-11-01T10:06:00+08:00", "收会费 @李明 体验会员 100元 现金"), "HF2026-0002");
    /* as hd_voucher_spend leaves it once an order of his used it (the whole path: test_voucher_spent_once_paid_by_the_fund) */
    assert_int_equal(sql_i64(f, "UPDATE memberships SET voucher_request = 1 WHERE receipt = 'HF2026-0002' RETURNING 1"), 1);
    assert_contains(say(f, "admin", "2026-11-24T12:00:00+08:00", "退会费 @李明 原因 重复"), "体验券已经用在 #1 上了");
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM memberships WHERE until_at > from_at"), 1);
}

static void test_fee_wrong_price_unknown_tier_who_and_where(void **state)
{
    struct fixture *f = *state;
    community(f);
    const char *r = say(f, "boss", T0, "收会费 @张秀英 体验会员 80元 现金");
    assert_contains(r, "体验会员的会费是100元");
    assert_contains(r, "80元");
    r = say(f, "boss", T0, "收会费 @张秀英 钻石会员 100元 现金");
    assert_contains(r, "没有这种会员：钻石会员");
    assert_contains(r, "共创会员（1000元，365天）");
    assert_contains(say(f, "boss", T0, "收会费 @张秀英 体验会员 100元"), "现金还是线上");
    assert_contains(say(f, "zhang", T0, "收会费 @王建国 体验会员 100元 现金"), "楼长或工作人员");
    assert_contains(say(f, "boss", T0, "收会费 @李明 体验会员 100元 现金"), "本楼");
    assert_contains(fixture_say(f, "cli", NULL, "boss", NULL, T0, "收会费 @张秀英 体验会员 100元 现金", "g1"), "私聊");
    /* a period of its own is not silently made today's (play-test 14): asked, nothing entered */
    r = say(f, "boss", T0, "收会费 @张秀英 体验会员 100元 现金 明年的");
    assert_contains(r, "从登记会费的当天算起");
    assert_contains(r, "这次没有登记");
    assert_contains(say(f, "boss", T0, "收会费 @张秀英 体验会员 100元 现金 从1月1日起"), "这次没有登记");
    assert_contains(say(f, "boss", T0, "收会费 @张秀英 体验会员 100元 现金 上个月的"), "这次没有登记");
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM memberships"), 0);
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM cash_journal"), 0);
    /* a receipt number with digits is no period */
    assert_contains(say(f, "boss", T0, "收会费 @张秀英 体验会员 100元 现金 收据号A2027"), "已登记");
    /* a renewal's 明年的 is what a renewal does: it starts where this one ends */
    r = say(f, "boss", "2026-12-20T10:00:00+08:00", "收会费 @张秀英 体验会员 100元 现金 明年的");
    assert_contains(r, "这是续费");
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM memberships"), 2);
}

static void test_fee_renewal_runs_on_from_the_end_and_receipts(void **state)
{
    struct fixture *f = *state;
    community(f);
    const char *r = say(f, "boss", T0, "收会费 @张秀英 体验会员 100元 现金");
    assert_contains(r, "HF2026-0001");
    assert_contains(r, "系统编号");
    r = say(f, "admin", "2026-09-01T10:00:00+08:00", "收会费 @张秀英 体验会员 100元 线上 收据号 a77");
    assert_contains(r, "续费");
    assert_contains(r, "A77");
    /* the second period starts where the first ends: never two at once */
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM memberships a JOIN memberships b ON b.id = a.id + 1 "
                                "WHERE b.from_at = a.until_at"), 1);
    /* two calendar years from the day of the first entry (10:00), 29 February 2028 among them: to the midnight after
     * the last */
    assert_int_equal(sql_i64(f, "SELECT max(until_at) - min(from_at) FROM memberships"), 731 * 86400 - 10 * 3600);
    assert_int_equal(sql_i64(f, "SELECT balance_fen FROM cash_accounts WHERE name = 'bank'"), 20000);
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM cash_journal WHERE kind = 'fee' AND item = '体验会员'"), 4);
    /* entered the day it is taken: the period starts at the entry */
    assert_int_equal(sql_i64(f, "SELECT min(from_at) FROM memberships"), iso(T0));
    r = say(f, "zhang", "2026-09-02T10:00:00+08:00", "查积分");
    assert_contains(r, "会员：体验会员，到 2028年2月29日"); /* both periods: two calendar years from 2026-03-01 */
    assert_contains(r, "会员有效期到 2027年2月28日");
    /* the member was told */
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM notices n JOIN members m ON m.id = n.member_id "
                                "WHERE m.name = '张秀英' AND n.text LIKE '%会费%'"), 2);
}

static void test_fee_tiers_from_bot_ini(void **state)
{
    struct fixture *f = *state;
    char err[256];
    assert_int_equal(bot_config_set(&f->cfg, "membership", "银发会员", "50元 180天 体验券30分钟", err), BOT_OK);
    assert_int_equal(f->cfg.ntiers, 1); /* the file's tiers replace the defaults */
    assert_int_equal(f->cfg.tiers[0].fen, 5000);
    assert_int_equal(f->cfg.tiers[0].days, 180);
    assert_int_equal(f->cfg.tiers[0].voucher_minutes, 30);
    assert_int_equal(bot_config_set(&f->cfg, "membership", "坏会员", "365天", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&f->cfg, "membership", "坏会员", "100块 365天", err), BOT_INVALID);
    community(f);
    assert_contains(say(f, "boss", T0, "收会费 @张秀英 体验会员 100元 现金"), "银发会员（50元，180天）");
    assert_contains(say(f, "boss", T0, "收会费 @张秀英 银发会员 50元 现金"), "已登记");
}

/* 002's worked example: 1 membership year + 20 hours of service + 3 people referred = 56 */
static void test_dividend_the_worked_example_is_56(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "admin", T0, "收会费 @王建国 共创会员 1000元 现金"), "已登记");
    assert_contains(say(f, "a1", T0, "注册 钱一 3号楼 推荐人 王建国"), "欢迎");
    assert_contains(say(f, "a2", T0, "注册 钱二 3号楼 推荐人 王建国"), "欢迎");
    assert_contains(say(f, "a3", T0, "注册 钱三 3号楼 推荐人 王建国"), "欢迎");
    struct store_member w;
    struct store_account fund;
    assert_int_equal(store_member_by_identity(f->st, "cli", "wang", &w), BOT_OK);
    assert_int_equal(store_account_by_name(f->st, "fund", &fund), BOT_OK);
    assert_int_equal(store_begin(f->st), BOT_OK);
    for (int i = 0; i < 4; i++) { /* 4 × 5 hours in 2026 */
        struct store_transfer t = {fund.id, w.account_id, 300, STORE_KIND_SERVICE, 0, "", iso(T0) + i * 86400, 0, 0};
        assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK);
    }
    assert_int_equal(store_commit(f->st), BOT_OK);
    const char *r = say(f, "admin", "2027-02-01T10:00:00+08:00", "分红核算 2026 净利润 120000元");
    assert_contains(r, "王建国 贡献56（会员1年×1+服务20小时×2+推荐3人×5）");
    assert_contains(r, "共创会员72000元、创始人30000元、互助基金12000元、理事会6000元");
    assert_contains(r, "分得72000元"); /* the only 共创会员 */
    assert_int_equal(sql_i64(f, "SELECT score FROM dividend_shares WHERE year = 2026"), 56 * 60);
}

/* The dividend counts the service a member keeps: an order refunded after a complaint, or a 代录 undone, counts for
 * nothing (helper-58: it counted 8 hours of which 4 were refunded or undone). */
static void test_dividend_counts_no_refunded_or_undone_service(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "admin", T0, "收会费 @王建国 共创会员 1000元 现金"), "已登记");
    /* #1: 2 hours kept */
    say(f, "zhang", "2026-03-02T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "wang", "2026-03-02T10:05:00+08:00", "接单 #1");
    say(f, "wang", "2026-03-03T09:00:00+08:00", "开始服务 #1");
    say(f, "wang", "2026-03-03T11:00:00+08:00", "结束服务 #1");
    assert_contains(say(f, "zhang", "2026-03-03T11:10:00+08:00", "确认 #1"), "已确认");
    /* #2: 2 hours, refunded after a complaint */
    say(f, "zhang", "2026-03-04T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "wang", "2026-03-04T10:05:00+08:00", "接单 #2");
    say(f, "wang", "2026-03-05T09:00:00+08:00", "开始服务 #2");
    say(f, "wang", "2026-03-05T11:00:00+08:00", "结束服务 #2");
    assert_contains(say(f, "zhang", "2026-03-05T11:10:00+08:00", "确认 #2"), "已确认");
    assert_contains(say(f, "zhang", "2026-03-05T12:00:00+08:00", "投诉 #2 志愿者提前走了"), "#2");
    assert_contains(say(f, "admin", "2026-03-05T14:00:00+08:00", "处理投诉 #2 退款"), "退还需求方 张秀英 2小时");
    /* #3: a 代录 of 1 hour, undone */
    assert_contains(say(f, "boss", "2026-03-06T10:00:00+08:00", "代录 张秀英 王建国 1小时 陪伴"), "已代录 #3");
    assert_contains(say(f, "zhang", "2026-03-06T10:01:00+08:00", "确认 #3"), "已确认 #3"); /* she has a phone: her word */
    assert_contains(say(f, "boss", "2026-03-06T10:05:00+08:00", "撤销代录 #3"), "已撤销代录 #3");
    const char *r = say(f, "admin", "2027-02-01T10:00:00+08:00", "分红核算 2026 净利润 120000元");
    assert_contains(r, "王建国 贡献5（会员1年×1+服务2小时×2");
    fixture_audit_ok(f);
}

static void test_dividend_split_sums_to_the_profit_exactly(void **state)
{
    (void)state;
    const int64_t profits[] = {12000000, 1, 99, 12345679, 100003};
    for (size_t k = 0; k < sizeof profits / sizeof *profits; k++) {
        struct store_dividend d = {0};
        hd_dividend_split(profits[k], &d);
        assert_int_equal(d.members_fen + d.founders_fen + d.fund_fen + d.board_fen, profits[k]);
        assert_true(d.members_fen == profits[k] * 60 / 100 && d.founders_fen == profits[k] * 25 / 100);
        struct store_dividend_share sh[7] = {0};
        const int64_t scores[7] = {56 * 60, 61, 3000, 7, 1, 0, 125};
        for (int i = 0; i < 7; i++)
            sh[i].score = scores[i];
        hd_dividend_shares(d.members_fen, sh, 7);
        int64_t sum = 0;
        for (int i = 0; i < 7; i++)
            sum += sh[i].fen;
        assert_int_equal(sum, d.members_fen);
        assert_int_equal(sh[5].fen, 0); /* no contribution, no share */
    }
    struct store_dividend d = {0};
    hd_dividend_split(12000000, &d); /* 120000元 */
    assert_int_equal(d.members_fen, 7200000);
    assert_int_equal(d.founders_fen, 3000000);
    assert_int_equal(d.fund_fen, 1200000);
    assert_int_equal(d.board_fen, 600000);
}

static void test_dividend_bank_too_small_confirm_once(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "admin", T0, "收会费 @王建国 共创会员 1000元 现金"), "已登记");
    assert_contains(say(f, "admin", T0, "收会费 @张秀英 共创会员 1000元 现金"), "已登记");
    assert_contains(say(f, "wang", T0, "分红核算 2026 净利润 1000元"), "只有工作人员");
    assert_contains(say(f, "admin", "2027-01-05T10:00:00+08:00", "分红确认 2026"), "还没有核算");
    /* the year not yet over: neither computed nor paid */
    assert_contains(say(f, "admin", "2026-12-01T10:00:00+08:00", "分红核算 2026 净利润 3000元"), "还没过完");
    assert_contains(say(f, "admin", "2026-12-01T10:00:00+08:00", "分红核算 2027 净利润 3000元"), "还没过完");
    assert_contains(say(f, "admin", "2026-12-01T10:00:00+08:00", "分红确认 2026"), "还没过完");
    const char *r = say(f, "admin", "2027-01-05T10:00:00+08:00", "分红核算 2026 净利润 3000元");
    assert_contains(r, "分红确认 2026");
    r = say(f, "admin", "2027-01-05T10:01:00+08:00", "分红确认 2026");
    assert_contains(r, "只有2000元");
    assert_contains(r, "没有发放");
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM cash_journal WHERE kind = 'dividend'"), 0);
    /* a smaller profit computed again replaces the draft; then it is paid, once */
    assert_contains(say(f, "admin", "2027-01-05T10:02:00+08:00", "分红核算 2026 净利润 1000.01元"), "1000.01元");
    r = say(f, "admin", "2027-01-05T10:03:00+08:00", "分红确认 2026");
    assert_contains(r, "已发放");
    assert_int_equal(sql_i64(f, "SELECT balance_fen FROM cash_accounts WHERE name = 'bank'"), 200000 - 100001);
    assert_int_equal(sql_i64(f, "SELECT sum(fen) FROM cash_journal WHERE kind = 'dividend' AND fen > 0"), 100001);
    assert_int_equal(sql_i64(f, "SELECT sum(balance_fen) FROM cash_accounts WHERE kind = 'member'"), 60000);
    assert_contains(say(f, "admin", "2027-01-05T10:04:00+08:00", "分红确认 2026"), "已经发放过");
    assert_contains(say(f, "admin", "2027-01-05T10:05:00+08:00", "分红核算 2026 净利润 500元"), "已经发放");
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM notices WHERE text LIKE '%2026年的分红是300元%'"), 2);
    /* her share into hours at 30元 an hour: cash member → fund, hours fund → member, one transaction */
    assert_contains(say(f, "zhang", "2027-01-06T10:00:00+08:00", "我的分红"), "300元");
    const char *c1 = say(f, "zhang", "2027-01-06T10:01:00+08:00", "分红换积分 50元");
    /* in half hours, as hours are spent: 50元 buys 一个半小时 (45元), the 5元 stay */
    assert_contains(c1, "用了分红 45元，换成 一个半小时");
    assert_contains(c1, "还剩 255元");
    assert_contains(say(f, "zhang", "2027-01-06T10:02:00+08:00", "分红换积分 500元"), "只有 255元");
    assert_contains(say(f, "zhang", "2027-01-06T10:03:00+08:00", "分红换积分 10元"), "换不到半小时");
    assert_contains(say(f, "zhang", "2027-01-06T10:03:00+08:00", "分红换积分 全部"), "换成 8个半小时");
    assert_contains(say(f, "zhang", "2027-01-06T10:04:00+08:00", "分红换积分 全部"), "0元");
    assert_contains(say(f, "li", "2027-01-06T10:04:00+08:00", "分红换积分 10元"), "0元");
    assert_int_equal(fixture_balance(f, "zhang"), 600);
    assert_int_equal(sql_i64(f, "SELECT balance_fen FROM cash_accounts WHERE name = 'fund'"), 10001 + 30000); /* 10% and the fen left over */
    assert_int_equal(sql_i64(f, "SELECT count(DISTINCT txn) FROM journal WHERE kind = 'dividend'"), 2);
    assert_contains(say(f, "zhang", "2027-01-06T10:05:00+08:00", "查积分"), "10小时");
    char report[512];
    int broken = -1;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 0);
}

static void test_fee_renewal_reminded_once_and_the_manager_told(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "boss", T0, "收会费 @张秀英 体验会员 100元 现金"), "已登记");
    int done = 0;
    struct hd_ctx ctx = fixture_ctx(f, iso("2027-01-20T10:00:00+08:00")); /* 40 days ahead: not yet */
    assert_int_equal(hd_job_membership_renewal(&ctx, &done), BOT_OK);
    assert_int_equal(done, 0);
    ctx = fixture_ctx(f, iso("2027-02-05T10:00:00+08:00"));
    assert_int_equal(hd_job_membership_renewal(&ctx, &done), BOT_OK);
    assert_int_equal(done, 1);
    ctx = fixture_ctx(f, iso("2027-02-06T10:00:00+08:00"));
    assert_int_equal(hd_job_membership_renewal(&ctx, &done), BOT_OK);
    assert_int_equal(done, 0); /* once */
    /* nobody can push to cli users: her 楼长 is asked to pass it on */
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM notices n JOIN members m ON m.id = n.member_id "
                                "WHERE m.name = '赵德明' AND n.text LIKE '%请转告 张秀英%'"), 1);
    assert_contains(say(f, "zhang", "2027-02-06T11:00:00+08:00", "查积分"), "体验会员到 2027年2月28日 期满");
    /* a renewal paid before the reminder: nothing to remind of for the first period */
    assert_contains(say(f, "boss", "2027-02-07T10:00:00+08:00", "收会费 @王建国 体验会员 100元 现金"), "已登记");
    assert_contains(say(f, "boss", "2027-02-08T10:00:00+08:00", "收会费 @王建国 体验会员 100元 现金"), "续费");
    ctx = fixture_ctx(f, iso("2028-01-20T10:00:00+08:00"));
    assert_int_equal(hd_job_membership_renewal(&ctx, &done), BOT_OK);
    assert_int_equal(done, 0);
}

/* A membership said to run 到 <day> holds through that whole day (play-test 16: it ended at the clock time it was
 * entered, on the day named): N days are N whole local days counting the day of entry, a year (365 days) a calendar
 * year (play-test 16b: 2027-03-01 ran only to 2028-02-28, the leap day lost); the reply, her notice, 查积分, the
 * reminder and a renewal all name the same last day. */
static void test_fee_period_holds_through_the_last_day_named(void **state)
{
    struct fixture *f = *state;
    community(f);
    const char *r = say(f, "boss", "2027-03-01T09:00:00+08:00", "收会费 @张秀英 体验会员 100元 现金");
    assert_contains(r, "有效期到 2028年2月29日");
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM notices n JOIN members m ON m.id = n.member_id "
                                "WHERE m.name = '张秀英' AND n.text LIKE '%会员有效期到 2028年2月29日%'"), 1);
    struct hd_ctx ctx = fixture_ctx(f, iso("2028-01-31T10:00:00+08:00"));
    int done = 0;
    assert_int_equal(hd_job_membership_renewal(&ctx, &done), BOT_OK);
    assert_int_equal(done, 1);
    assert_contains(say(f, "zhang", "2028-01-31T11:00:00+08:00", "查积分"), "体验会员到 2028年2月29日 期满");
    /* still a member at 09:00 and at the last minute of the day named */
    assert_contains(say(f, "zhang", "2028-02-29T09:30:00+08:00", "查积分"), "会员：体验会员，到 2028年2月29日");
    assert_contains(say(f, "zhang", "2028-02-29T23:59:00+08:00", "查积分"), "会员：体验会员，到 2028年2月29日");
    assert_null(strstr(say(f, "zhang", "2028-03-01T00:00:00+08:00", "查积分"), "会员："));
    /* one begun on 29 February runs to 28 February of a common year, its renewal on from 1 March */
    r = say(f, "admin", "2028-02-29T10:00:00+08:00", "收会费 @李明 体验会员 100元 现金");
    assert_contains(r, "有效期到 2029年2月28日");
    r = say(f, "admin", "2029-02-01T10:00:00+08:00", "收会费 @李明 体验会员 100元 现金");
    assert_contains(r, "从现有会员期满后的2029年3月1日接着算");
    assert_contains(r, "有效期到 2030年2月28日");
    /* a renewal entered at 11:00 runs to the end of its last day too */
    r = say(f, "boss", "2028-03-10T11:00:00+08:00", "收会费 @王建国 体验会员 100元 现金");
    assert_contains(r, "有效期到 2029年3月9日");
    r = say(f, "boss", "2029-02-01T11:00:00+08:00", "收会费 @王建国 体验会员 100元 现金");
    assert_contains(r, "从现有会员期满后的2029年3月10日接着算"); /* the day after 到 2029年3月9日 */
    assert_contains(r, "有效期到 2030年3月9日");
    assert_contains(say(f, "wang", "2030-03-09T23:00:00+08:00", "查积分"), "会员：体验会员，到 2030年3月9日");
    assert_null(strstr(say(f, "wang", "2030-03-10T00:00:01+08:00", "查积分"), "会员："));
    fixture_audit_ok(f);
}

/* zhang's order #id for the next day 09:00 (a 2-hour 陪诊), served by wang 09:00–11:00 on day */
static void served(struct fixture *f, int id, const char *posted, const char *start, const char *end)
{
    char want[16], text[32];
    snprintf(want, sizeof want, "#%d", id);
    assert_contains(say(f, "zhang", posted, "求助 明天上午9点陪我去社区医院 2小时"), want);
    snprintf(text, sizeof text, "接单 #%d", id);
    assert_contains(say(f, "wang", posted, text), "已接单");
    snprintf(text, sizeof text, "开始服务 #%d", id);
    say(f, "wang", start, text);
    snprintf(text, sizeof text, "结束服务 #%d", id);
    assert_contains(say(f, "wang", end, text), "服务结束");
}

static void test_voucher_spent_once_paid_by_the_fund(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "boss", "2026-11-01T10:00:00+08:00", "收会费 @张秀英 体验会员 100元 现金"), "已登记");
    served(f, 1, "2026-11-23T10:00:00+08:00", "2026-11-24T09:00:00+08:00", "2026-11-24T11:00:00+08:00");
    const char *r = say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_contains(r, "获得 2小时");
    assert_contains(r, "其中 1小时 用了体验券，由互助基金支付");
    assert_int_equal(fixture_balance(f, "zhang"), -60); /* +1 h from the fund, -2 h to wang */
    assert_int_equal(fixture_balance(f, "wang"), 120);
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM journal WHERE kind = 'voucher' AND request_id = 1 AND minutes = 60"),
                     1);
    assert_int_equal(sql_i64(f, "SELECT count(DISTINCT txn) FROM journal WHERE kind = 'service' AND request_id = 1"), 1);
    assert_true(strstr(say(f, "zhang", "2026-11-24T12:05:00+08:00", "查积分"), "体验券") == NULL);
    /* never twice */
    served(f, 2, "2026-11-25T10:00:00+08:00", "2026-11-26T09:00:00+08:00", "2026-11-26T11:00:00+08:00");
    r = say(f, "zhang", "2026-11-26T12:00:00+08:00", "确认 #2");
    assert_contains(r, "获得 2小时");
    assert_true(strstr(r, "体验券") == NULL);
    assert_int_equal(fixture_balance(f, "zhang"), -180);
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM journal WHERE kind = 'voucher'"), 2); /* one transaction's legs */
    char report[512];
    int broken = -1;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 0);
}

/* Credit going back to the requester (a complaint's refund, an undone 代录) returns the 体验券's share to the fund
 * that gave it, not to her (helper-62: she ended with a spendable hour, the fund short of one). */
static void test_voucher_share_goes_back_to_the_fund(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "boss", "2026-11-01T10:00:00+08:00", "收会费 @张秀英 体验会员 100元 现金"), "已登记");
    served(f, 1, "2026-11-23T10:00:00+08:00", "2026-11-24T09:00:00+08:00", "2026-11-24T11:00:00+08:00");
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1"), "用了体验券");
    assert_int_equal(fixture_balance(f, "zhang"), -60);
    assert_int_equal(fixture_balance(f, "fund"), -60);
    assert_contains(say(f, "zhang", "2026-11-24T12:10:00+08:00", "投诉 #1 志愿者提前走了"), "#1");
    const char *r = say(f, "admin", "2026-11-24T14:00:00+08:00", "处理投诉 #1 退款");
    assert_contains(r, "退还需求方 张秀英 1小时"); /* what reached her (play-test 14: 「退还 2小时」 when she got 1) */
    assert_contains(r, "体验券付的 1小时 退回社区基金，体验券还给她，下次求助还能用");
    /* she reads about herself, and only what reached her (the voucher's hour went to the fund) */
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM member_notices WHERE name = '张秀英' AND notice LIKE "
                                "'%投诉成立，#1 体验券付的 1小时 退回社区基金，退还给您 1小时。%'"), 1);
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM member_notices WHERE name = '王建国' AND notice LIKE "
                                "'%投诉成立，#1 退还需求方 张秀英 1小时。%'"), 1);
    assert_int_equal(fixture_balance(f, "zhang"), 0); /* as before the order */
    assert_int_equal(fixture_balance(f, "fund"), 0);
    assert_int_equal(fixture_balance(f, "wang"), 0);
    fixture_audit_ok(f);
    /* the order refunded, its voucher was not used after all: her next order she pays herself uses it (play-test 14:
     * lost for good) */
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM memberships WHERE voucher_request IS NOT NULL"), 0);
    /* a 代录 paid by another member's voucher, undone */
    assert_contains(say(f, "admin", "2026-11-24T15:00:00+08:00", "收会费 @李明 体验会员 100元 现金"), "已登记");
    assert_contains(say(f, "admin", "2026-11-25T10:00:00+08:00", "代录 李明 王建国 1小时 陪伴"), "已代录 #2");
    assert_contains(say(f, "li", "2026-11-25T10:01:00+08:00", "确认 #2"), "已确认 #2"); /* he has a phone: his word */
    assert_int_equal(fixture_balance(f, "fund"), -60);
    assert_contains(say(f, "admin", "2026-11-25T10:05:00+08:00", "撤销代录 #2"), "已撤销代录 #2");
    assert_int_equal(fixture_balance(f, "li"), 0);
    assert_int_equal(fixture_balance(f, "fund"), 0);
    assert_int_equal(fixture_balance(f, "wang"), 0);
    fixture_audit_ok(f);
}

/* A halved complaint keeps an hour with the volunteer: the voucher paid the first hours, so it still pays that one
 * and nothing goes back to the fund (helper-65: she ended at -1 hour, paying for the hour kept). */
static void test_voucher_pays_the_hour_a_halved_complaint_keeps(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "boss", "2026-11-01T10:00:00+08:00", "收会费 @张秀英 体验会员 100元 现金"), "已登记");
    served(f, 1, "2026-11-23T10:00:00+08:00", "2026-11-24T09:00:00+08:00", "2026-11-24T11:00:00+08:00");
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1"), "用了体验券");
    assert_contains(say(f, "zhang", "2026-11-24T12:10:00+08:00", "投诉 #1 志愿者提前走了"), "#1");
    const char *r = say(f, "admin", "2026-11-24T14:00:00+08:00", "处理投诉 #1 减半");
    assert_contains(r, "积分减半，退还需求方 张秀英 1小时");
    assert_null(strstr(r, "体验券"));
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM member_notices WHERE name = '张秀英' AND notice LIKE "
                                "'%积分减半，退还给您 1小时，另一半给志愿者 王建国。%'"), 1);
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM member_notices WHERE name = '王建国' AND notice LIKE "
                                "'%积分减半，退还需求方 张秀英 1小时，另一半给您。%'"), 1);
    assert_int_equal(fixture_balance(f, "zhang"), 0);  /* her own hour back */
    assert_int_equal(fixture_balance(f, "fund"), -60); /* the voucher's hour, kept by the volunteer */
    assert_int_equal(fixture_balance(f, "wang"), 60);
    fixture_audit_ok(f);
}

static void test_voucher_not_when_the_fund_pays_anyway(void **state)
{
    struct fixture *f = *state;
    community(f);
    assert_contains(say(f, "boss", "2026-11-01T10:00:00+08:00", "收会费 @张秀英 体验会员 100元 现金"), "已登记");
    served(f, 1, "2026-11-23T10:00:00+08:00", "2026-11-24T09:00:00+08:00", "2026-11-24T11:00:00+08:00");
    assert_contains(say(f, "boss", "2026-11-24T11:30:00+08:00", "设为公益 #1"), "#1");
    const char *r = say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_contains(r, "获得 2小时");
    assert_true(strstr(r, "体验券") == NULL);
    assert_int_equal(sql_i64(f, "SELECT count(*) FROM journal WHERE kind = 'voucher'"), 0);
    assert_contains(say(f, "zhang", "2026-11-24T12:05:00+08:00", "查积分"), "体验券1小时未用");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_ST(test_fee_wrong_price_unknown_tier_who_and_where),
        TEST_ST(test_fee_entered_by_mistake_is_undone),
        TEST_ST(test_fee_renewal_runs_on_from_the_end_and_receipts),
        TEST_ST(test_fee_tiers_from_bot_ini),
        TEST_ST(test_voucher_spent_once_paid_by_the_fund),
        TEST_ST(test_voucher_not_when_the_fund_pays_anyway),
        TEST_ST(test_fee_renewal_reminded_once_and_the_manager_told),
        TEST_ST(test_fee_period_holds_through_the_last_day_named),
        TEST_ST(test_dividend_the_worked_example_is_56),
        TEST_ST(test_voucher_share_goes_back_to_the_fund),
        TEST_ST(test_voucher_pays_the_hour_a_halved_complaint_keeps),
        TEST_ST(test_dividend_counts_no_refunded_or_undone_service),
        TEST_ST(test_dividend_split_sums_to_the_profit_exactly),
        TEST_ST(test_dividend_bank_too_small_confirm_once),
    };
    return cmocka_run_group_tests_name("membership", tests, NULL, NULL);
}
