/* finance_test.c — the books in the open (记账, spending approvals by band, 财务公示 and its monthly push) and the 首存日's doubled credit, through hd_handle() and the jobs. */
#include "bot_fixture.h"

static int setup(void **state)
{
    int rc = fixture_setup(state);
    struct fixture *f = *state;
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "onebot:900,onebot:901");
    return rc;
}

struct voice_check {
    int broken;
};

static void voice_row(void *ctx, int ncols, const char *const *cols)
{
    struct voice_check *v = ctx;
    if (ncols == 2 && fixture_voice_breach(cols[1] ? cols[1] : "")) {
        fprintf(stderr, "push %s breaks the voice guide: %s\n", cols[0], cols[1]);
        v->broken++;
    }
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    struct voice_check v = {0}; /* every push queued is held to the voice guide too */
    tdb_query(f->path, "SELECT job, text FROM outbox", voice_row, &v, NULL);
    int rc = fixture_teardown(state);
    return v.broken ? -1 : rc;
}

static const char *say_in(struct fixture *f, const char *user, const char *when, const char *text, const char *chat)
{
    char mid[16];
    snprintf(mid, sizeof mid, "m%d", ++f->mid);
    return fixture_say(f, "onebot", mid, user, user, when, text, chat);
}

static const char *say(struct fixture *f, const char *user, const char *when, const char *text)
{
    return say_in(f, user, when, text, NULL);
}

static int run(struct fixture *f, enum bot_rc (*job)(const struct hd_ctx *, int *), const char *when)
{
    struct hd_ctx ctx = fixture_ctx(f, iso(when));
    int done = -1;
    assert_int_equal(job(&ctx, &done), BOT_OK);
    return done;
}


static int64_t cash(struct fixture *f, const char *name)
{
    struct store_cash_account a;
    assert_int_equal(store_cash_account_by_name(f->st, name, &a), BOT_OK);
    return a.balance_fen;
}

static int64_t hours(struct fixture *f, const char *user)
{
    char name[32];
    snprintf(name, sizeof name, "onebot:%s", user);
    return fixture_balance(f, name);
}

/* Two staff members (900 周淑珍, 901 钱会计), a 楼长 of 3号楼 (300), a resident (100); the books opened with 5000元. */
static void staff(struct fixture *f)
{
    assert_contains(say(f, "900", "2026-11-01T09:00:00+08:00", "注册 周淑珍 1号楼"), "欢迎");
    assert_contains(say(f, "901", "2026-11-01T09:00:00+08:00", "注册 钱会计 1号楼"), "欢迎");
    assert_contains(say(f, "300", "2026-11-01T09:00:00+08:00", "注册 赵德明 3号楼"), "欢迎");
    assert_contains(say(f, "100", "2026-11-01T09:00:00+08:00", "注册 张秀英 3号楼"), "欢迎");
    assert_contains(say(f, "900", "2026-11-01T09:01:00+08:00", "设为楼长 赵德明 3号楼"), "3号楼");
    assert_contains(say(f, "900", "2026-11-01T10:00:00+08:00", "记账 期初 5000元"), "账上现有 5000元");
}

static void test_opening_once_income_by_staff_or_manager_spending_by_staff(void **state)
{
    struct fixture *f = *state;
    staff(f);
    assert_contains(say(f, "901", "2026-11-01T10:01:00+08:00", "记账 期初 3000元"), "期初已经记过了");
    assert_int_equal(cash(f, "bank"), 500000);
    assert_contains(say(f, "100", "2026-11-02T10:00:00+08:00", "记账 收入 场地租赁 800元"), "抱歉，记账只有工作人员");
    assert_contains(say(f, "300", "2026-11-02T10:00:00+08:00", "记账 支出 活动物料 350元"), "支出和期初只有工作人员");
    assert_contains(say(f, "300", "2026-11-02T10:01:00+08:00", "记账 收入 场地租赁 800元 十月"), "已记收入：场地租赁 800元");
    assert_int_equal(cash(f, "bank"), 580000);
    assert_contains(say(f, "900", "2026-11-02T10:02:00+08:00", "记账 收入 800元"), "请写明是什么收入");
    assert_contains(say(f, "900", "2026-11-02T10:03:00+08:00", "记账 收入 捐赠 0元"), "金额看不懂或不对");
    assert_contains(say(f, "900", "2026-11-02T10:04:00+08:00", "记账 支出 活动物料"), "请写清金额");
    assert_int_equal(cash(f, "bank"), 580000);
    fixture_audit_ok(f);
}

static void test_spending_up_to_500_needs_one_approver(void **state)
{
    struct fixture *f = *state;
    staff(f);
    const char *r = say(f, "900", "2026-11-03T10:00:00+08:00", "记账 支出 活动物料 350元 发票号F12345");
    assert_contains(r, "已记支出 #1：活动物料 350元");
    /* the invoice number is kept as written, capitals and all */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM spendings WHERE memo = '发票号F12345'"), 1);
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM cash_journal WHERE memo = '发票号F12345'"), 2);
    assert_contains(r, "账上现有 4650元");
    assert_int_equal(cash(f, "bank"), 465000);
    assert_int_equal(cash(f, "expense"), 35000);
    /* 500元 exactly is still one approver's */
    assert_contains(say(f, "900", "2026-11-03T10:01:00+08:00", "记账 支出 茶水 500元"), "已记支出 #2");
    assert_contains(say(f, "901", "2026-11-03T10:02:00+08:00", "批准支出 #1"), "已经批准并记账");
    assert_contains(say(f, "901", "2026-11-03T10:03:00+08:00", "待批支出"), "没有等待批准的支出");
    fixture_audit_ok(f);
}

static void test_spending_up_to_5000_waits_for_a_second_staff_member(void **state)
{
    struct fixture *f = *state;
    staff(f);
    const char *r = say(f, "900", "2026-11-03T10:00:00+08:00", "记账 支出 音响租赁 1200元");
    assert_contains(r, "支出 #1（音响租赁 1200元）超过 500元");
    assert_contains(r, "批准支出 #1");
    assert_int_equal(cash(f, "bank"), 500000); /* nothing moves while it waits */
    assert_contains(say(f, "900", "2026-11-03T10:01:00+08:00", "批准支出 #1"), "是您记的");
    assert_int_equal(cash(f, "bank"), 500000);
    assert_contains(say(f, "300", "2026-11-03T10:02:00+08:00", "批准支出 #1"), "只有工作人员可以批准");
    assert_contains(say(f, "901", "2026-11-03T10:03:00+08:00", "待批支出"), "#1 音响租赁 1200元，周淑珍 记于3分钟前");
    /* the second staff member sees the note (an invoice number) before approving */
    assert_contains(say(f, "900", "2026-11-03T10:03:10+08:00", "记账 支出 横幅 600元 发票号F009"), "支出 #2");
    assert_contains(say(f, "901", "2026-11-03T10:03:20+08:00", "待批支出"), "#2 横幅 600元（发票号F009），周淑珍 记于不到1分钟前");
    assert_contains(say(f, "900", "2026-11-03T10:03:30+08:00", "驳回支出 #2 原因 重复"), "驳回");
    assert_contains(say(f, "901", "2026-11-03T10:04:00+08:00", "批准支出 #1"), "已批准支出 #1：音响租赁 1200元");
    assert_int_equal(cash(f, "bank"), 380000);
    assert_int_equal(cash(f, "expense"), 120000);
    /* the entrant hears of it */
    assert_int_equal(outbox_rows(f->path, "spending", "%", "您记的支出 #1（音响租赁 1200元）已由另一位工作人员批准"), 1);
    assert_contains(say(f, "901", "2026-11-03T10:06:00+08:00", "批准支出 #1"), "已经批准并记账");
    assert_contains(say(f, "901", "2026-11-03T10:07:00+08:00", "批准支出 #9"), "没有支出 #9");
    fixture_audit_ok(f);
}

static void test_spending_past_5000_needs_the_members_meeting(void **state)
{
    struct fixture *f = *state;
    staff(f);
    say(f, "900", "2026-11-02T10:00:00+08:00", "记账 收入 区里补助 10000元");
    const char *r = say(f, "900", "2026-11-03T10:00:00+08:00", "记账 支出 活动室装修 8000元 报价单7号");
    assert_contains(r, "超过 5000元，需要会员大会通过");
    assert_contains(r, "批准支出 #1 会员大会");
    assert_contains(say(f, "901", "2026-11-03T10:01:00+08:00", "批准支出 #1"), "会员大会 决议编号");
    assert_int_equal(cash(f, "bank"), 1500000);
    /* the meeting approved it: another staff member records its decision (the entrant alone moves nothing) */
    assert_contains(say(f, "900", "2026-11-10T10:00:00+08:00", "批准支出 #1 会员大会 2026年第3次会员大会决议"),
                    "另一位工作人员");
    assert_int_equal(cash(f, "bank"), 1500000);
    r = say(f, "901", "2026-11-10T10:01:00+08:00", "批准支出 #1 会员大会 2026年第3次会员大会决议");
    assert_contains(r, "已批准支出 #1：活动室装修 8000元（会员大会决议已记下）");
    assert_int_equal(cash(f, "bank"), 700000);
    struct store_spending x;
    assert_int_equal(store_spending_get(f->st, 1, &x), BOT_OK);
    assert_int_equal(x.status, STORE_SPEND_APPROVED);
    assert_int_equal(x.band, 3);
    assert_string_equal(x.decision, "2026年第3次会员大会决议");
    assert_string_equal(x.memo, "报价单7号");
    assert_true(x.cash_txn > 0);
    fixture_audit_ok(f);
}

static void test_spending_rejected_with_a_reason_moves_nothing(void **state)
{
    struct fixture *f = *state;
    staff(f);
    say(f, "900", "2026-11-03T10:00:00+08:00", "记账 支出 音响租赁 1200元");
    assert_contains(say(f, "901", "2026-11-03T10:01:00+08:00", "驳回支出 #1"), "请写明原因");
    assert_contains(say(f, "901", "2026-11-03T10:02:00+08:00", "驳回支出 #1 原因 没有报价单"), "已驳回支出 #1");
    assert_int_equal(cash(f, "bank"), 500000);
    assert_int_equal(outbox_rows(f->path, "spending", "%", "被驳回：没有报价单"), 1);
    assert_contains(say(f, "901", "2026-11-03T10:04:00+08:00", "批准支出 #1"), "已经驳回");
    fixture_audit_ok(f);
}

/* 取消支出 #N / 撤销支出 #N withdraw the spending, never the order of that number (play-test 14: it gave back the
 * order staff had accepted and struck her a late cancel) */
static void test_spending_withdrawn_is_never_an_order_cancel(void **state)
{
    struct fixture *f = *state;
    staff(f);
    fixture_volunteer(f, "onebot", "400", "王师傅");
    assert_contains(say(f, "901", "2026-11-03T09:00:00+08:00", "求助 今天下午1点半 陪我去银行 1小时"), "#1");
    assert_contains(say(f, "400", "2026-11-03T09:01:00+08:00", "接单 #1"), "已接单");
    say(f, "900", "2026-11-03T12:50:00+08:00", "记账 支出 横幅 600元");
    assert_contains(say(f, "400", "2026-11-03T12:54:00+08:00", "取消支出 #1"), "工作人员"); /* not his: no order touched */
    assert_contains(say(f, "901", "2026-11-03T12:55:00+08:00", "取消支出 #1"), "请写明原因");
    assert_contains(say(f, "900", "2026-11-03T12:56:00+08:00", "撤销支出 #1 写错了"), "已驳回支出 #1");
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM requests WHERE id = 1 AND status = 'accepted'"), 1);
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM strikes"), 0);
    assert_int_equal(cash(f, "bank"), 500000);
    fixture_audit_ok(f);
}

static void test_spending_never_past_what_the_bank_holds(void **state)
{
    struct fixture *f = *state;
    staff(f);
    assert_contains(say(f, "900", "2026-11-03T10:00:00+08:00", "记账 支出 活动室装修 6000元"),
                    "账上现有 5000元，不够支出 6000元");
    say(f, "900", "2026-11-03T10:01:00+08:00", "记账 支出 音响租赁 3000元");
    say(f, "900", "2026-11-03T10:02:00+08:00", "记账 支出 桌椅 2500元");
    assert_contains(say(f, "901", "2026-11-03T10:03:00+08:00", "批准支出 #1"), "已批准支出 #1");
    /* #2 waited while #1 was paid: now the bank holds 2000元 */
    assert_contains(say(f, "901", "2026-11-03T10:04:00+08:00", "批准支出 #2"), "账上现有 2000元，不够支出 #2 的 2500元");
    assert_int_equal(cash(f, "bank"), 200000);
    struct store_spending x;
    assert_int_equal(store_spending_get(f->st, 2, &x), BOT_OK);
    assert_int_equal(x.status, STORE_SPEND_PENDING);
    fixture_audit_ok(f);
}

static void test_statement_of_a_month_has_its_lines_and_no_member_name(void **state)
{
    struct fixture *f = *state;
    staff(f);
    say(f, "300", "2026-11-02T10:00:00+08:00", "记账 收入 场地租赁 800元");
    say(f, "900", "2026-11-05T10:00:00+08:00", "记账 收入 场地租赁 200元");
    say(f, "900", "2026-11-06T10:00:00+08:00", "记账 支出 活动物料 350元");
    say(f, "900", "2026-11-07T10:00:00+08:00", "记账 支出 音响租赁 1200元");
    say(f, "901", "2026-11-07T10:01:00+08:00", "批准支出 #2");
    say(f, "900", "2026-12-02T10:00:00+08:00", "记账 支出 活动物料 100元"); /* next month's */
    const char *r = say(f, "300", "2026-12-03T10:00:00+08:00", "财务公示 2026-11");
    assert_contains(r, "2026年11月财务公示：月初结余 0元（本月记期初 5000元），月末结余 4450元。");
    assert_contains(r, "收入 1000元：场地租赁 1000元");
    assert_contains(r, "支出 1550元：音响租赁 1200元，活动物料 350元");
    assert_null(strstr(r, "周淑珍"));
    assert_null(strstr(r, "赵德明"));
    /* no month named: last month's */
    assert_contains(say(f, "900", "2026-12-03T10:01:00+08:00", "财务公示"), "2026年11月财务公示");
    r = say(f, "900", "2026-12-03T10:02:00+08:00", "财务公示 本月");
    assert_contains(r, "月初结余 4450元");
    assert_contains(r, "支出 100元：活动物料 100元");
    assert_contains(r, "还没过完");
    assert_contains(say(f, "900", "2026-12-03T10:03:00+08:00", "财务公示 2027-01"), "还没到");
    assert_contains(say(f, "100", "2026-12-03T10:04:00+08:00", "财务公示 2026-11"), "楼长和工作人员");
    assert_contains(say(f, "300", "2026-12-03T10:05:00+08:00", "待批支出"), "只有工作人员");
}

/* The sources README names stay their own lines past six other items (play-test 14: 会费 and the merchants' fee went
 * into 其他), and a ¥ written before an amount is no part of the item's name (义卖 ¥ 300.5元 beside 义卖 300元). */
static void test_statement_names_its_sources_and_items_without_the_yuan_sign(void **state)
{
    struct fixture *f = *state;
    staff(f);
    static const char *const items[] = {"场地", "茶水", "义卖", "捐款", "广告", "租金", "讲座"};
    char text[96];
    for (size_t i = 0; i < BOT_ARRAY_LEN(items); i++) {
        snprintf(text, sizeof text, "记账 收入 %s %zu00元", items[i], 9 - i);
        assert_contains(say(f, "900", "2026-11-02T10:00:00+08:00", text), "已记收入");
    }
    assert_contains(say(f, "900", "2026-11-02T10:01:00+08:00", "记账 收入 义卖 ¥300.50"), "已记收入：义卖 300.5元");
    assert_contains(say(f, "300", "2026-11-02T10:02:00+08:00", "收会费 @张秀英 体验会员 100元 现金"), "已登记");
    const char *r = say(f, "900", "2026-12-03T10:00:00+08:00", "财务公示 2026-11");
    assert_contains(r, "会费（体验会员） 100元");
    assert_contains(r, "义卖 1000.5元");
    assert_contains(r, "其他 ");
    assert_null(strstr(r, "¥"));
}

static void test_statement_pushed_to_every_bound_group_once_on_the_10th(void **state)
{
    struct fixture *f = *state;
    staff(f);
    say_in(f, "900", "2026-11-01T11:00:00+08:00", "绑定 3号楼", "g3");
    say_in(f, "900", "2026-11-01T11:01:00+08:00", "绑定 5号楼", "g5");
    say(f, "900", "2026-11-06T10:00:00+08:00", "记账 支出 活动物料 350元");
    assert_int_equal(run(f, hd_job_finance, "2026-12-09T12:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_finance, "2026-12-10T09:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_finance, "2026-12-10T10:00:00+08:00"), 2);
    assert_int_equal(outbox_rows(f->path, "finance", "_%", "2026年11月财务公示"), 2);
    assert_int_equal(outbox_rows(f->path, "finance", "_%", "支出 350元：活动物料 350元"), 2);
    assert_int_equal(run(f, hd_job_finance, "2026-12-10T15:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_finance, "2026-12-20T15:00:00+08:00"), 0);
    /* not in quiet hours; a bot down on the 10th publishes the next day */
    assert_int_equal(run(f, hd_job_finance, "2027-01-10T23:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_finance, "2027-01-11T08:30:00+08:00"), 2);
    assert_int_equal(outbox_rows(f->path, "finance", "_%", "2026年12月财务公示"), 2);
    assert_int_equal(outbox_rows(f->path, "finance", "%", NULL), 4);
    /* it can be read again later */
    assert_contains(say(f, "900", "2027-03-01T10:00:00+08:00", "财务公示 2026年11月"), "支出 350元");
}

/* zhang (100) asks for help on 11-24 09:00; wang (200) serves 09:00–11:00. */
static void served(struct fixture *f, const char *text)
{
    fixture_volunteer(f, "onebot", "200", "王师傅");
    assert_contains(say(f, "100", "2026-11-23T10:00:00+08:00", text), "#1");
    assert_contains(say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1"), "已接单");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    assert_contains(say(f, "200", "2026-11-24T11:00:00+08:00", "结束服务 #1"), "服务结束");
}

static void test_first_deposit_day_doubles_the_credit_from_the_fund(void **state)
{
    struct fixture *f = *state;
    snprintf(f->cfg.rules.first_deposit_day, sizeof f->cfg.rules.first_deposit_day, "11-24");
    staff(f);
    served(f, "求助 明天上午9点陪我去社区医院 2小时");
    const char *r = say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_contains(r, "已确认 #1：王师傅 获得 2小时");
    assert_contains(r, "首存日时间加倍，社区基金另送 2小时");
    assert_int_equal(hours(f, "200"), 240);
    assert_int_equal(hours(f, "100"), -120);
    assert_int_equal(fixture_balance(f, "fund"), -120);
    assert_int_equal(outbox_rows(f->path, "first_deposit", "%", "#1（陪诊）是首存日的服务，时间加倍：社区基金另送您 2小时"), 1);
    assert_contains(say(f, "200", "2026-11-24T12:06:00+08:00", "积分明细"), "首存日加倍");
    fixture_audit_ok(f);
}

static void test_first_deposit_day_not_on_other_days_nor_for_the_funds_orders(void **state)
{
    struct fixture *f = *state;
    snprintf(f->cfg.rules.first_deposit_day, sizeof f->cfg.rules.first_deposit_day, "2026-11-25");
    staff(f);
    served(f, "求助 明天上午9点陪我去社区医院 2小时");
    assert_null(strstr(say(f, "100", "2026-11-25T12:00:00+08:00", "确认 #1"), "首存日")); /* served on the 24th */
    assert_int_equal(hours(f, "200"), 120);
    /* a 公益 order on the day: the fund pays the service, and no more */
    say(f, "100", "2026-11-24T10:00:00+08:00", "求助 明天上午9点帮我修水龙头 1小时");
    say(f, "300", "2026-11-24T10:01:00+08:00", "设为公益 #2");
    say(f, "200", "2026-11-24T10:05:00+08:00", "接单 #2");
    say(f, "200", "2026-11-25T09:00:00+08:00", "开始服务 #2");
    say(f, "200", "2026-11-25T10:00:00+08:00", "结束服务 #2");
    assert_null(strstr(say(f, "100", "2026-11-25T11:00:00+08:00", "确认 #2"), "首存日"));
    assert_int_equal(hours(f, "200"), 180);
    int64_t bonus = 1;
    assert_int_equal(store_request_kind_sum(f->st, 2, STORE_KIND_BONUS, STORE_ACCOUNT_FUND, &bonus), BOT_OK);
    assert_int_equal(bonus, 0);
    fixture_audit_ok(f);
}

static void test_first_deposit_day_refund_takes_the_extra_back(void **state)
{
    struct fixture *f = *state;
    snprintf(f->cfg.rules.first_deposit_day, sizeof f->cfg.rules.first_deposit_day, "11-24");
    staff(f);
    served(f, "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_int_equal(hours(f, "200"), 240);
    say(f, "100", "2026-11-24T13:00:00+08:00", "投诉#1 志愿者迟到一个小时");
    assert_int_equal(hours(f, "200"), 120); /* the service's credit held; the extra stays until decided */
    fixture_audit_ok(f);
    assert_contains(say(f, "900", "2026-11-24T14:00:00+08:00", "处理投诉 #1 退款"), "首存日多给的 2小时 也已退回社区基金");
    assert_int_equal(hours(f, "200"), 0);
    assert_int_equal(hours(f, "100"), 0);
    assert_int_equal(fixture_balance(f, "fund"), 0);
    fixture_audit_ok(f);
}

static void test_first_deposit_day_proxy_undo_takes_the_extra_back(void **state)
{
    struct fixture *f = *state;
    snprintf(f->cfg.rules.first_deposit_day, sizeof f->cfg.rules.first_deposit_day, "11-23");
    staff(f);
    fixture_volunteer(f, "onebot", "200", "王师傅");
    assert_contains(say(f, "300", "2026-11-23T10:00:00+08:00", "代录 张秀英 王师傅 2小时 陪诊"), "已代录 #1");
    assert_contains(say(f, "100", "2026-11-23T10:01:00+08:00", "确认 #1"), "已确认 #1"); /* she has a phone: her word */
    assert_int_equal(hours(f, "200"), 240);
    /* the volunteer hears of the credit in his name (helper-56: only the elder was told) */
    assert_int_equal(outbox_rows(f->path, "proxy", "%", "为您代录了 #1：您为 张秀英 陪诊 2小时"), 1);
    assert_int_equal(fixture_balance(f, "fund"), -120);
    assert_contains(say(f, "300", "2026-11-23T11:00:00+08:00", "撤销代录 #1"), "已撤销代录 #1");
    assert_int_equal(hours(f, "200"), 0);
    assert_int_equal(hours(f, "100"), 0);
    assert_int_equal(fixture_balance(f, "fund"), 0);
    assert_int_equal(outbox_rows(f->path, "proxy_undo", "%", "首存日基金另送的 2小时 也退回基金"), 1);
    fixture_audit_ok(f);
}

static void test_audit_finds_a_bonus_past_its_credit(void **state)
{
    struct fixture *f = *state;
    snprintf(f->cfg.rules.first_deposit_day, sizeof f->cfg.rules.first_deposit_day, "11-24");
    staff(f);
    served(f, "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1");
    struct hd_ctx ctx = fixture_ctx(f, iso("2026-11-24T12:30:00+08:00"));
    struct store_account fund, vol;
    assert_int_equal(store_account_by_name(f->st, "fund", &fund), BOT_OK);
    assert_int_equal(store_account_by_name(f->st, "onebot:200", &vol), BOT_OK);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(hd_move(&ctx, fund.id, vol.id, 30, STORE_KIND_BONUS, 1, "too much", 1), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    char report[4096];
    int broken = 0;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 1);
    assert_non_null(strstr(report, "request #1 bonus 150 minutes, credited 120"));
}

static void test_first_deposit_day_setting_is_checked(void **state)
{
    (void)state;
    struct bot_config cfg;
    char err[256];
    bot_config_defaults(&cfg);
    assert_string_equal(cfg.rules.first_deposit_day, "");
    assert_int_equal(cfg.rules.spend_single_max_yuan, 500);
    assert_int_equal(cfg.rules.spend_double_max_yuan, 5000);
    assert_int_equal(cfg.rules.finance_publish_day, 10);
    assert_int_equal(bot_config_set(&cfg, "rules", "first_deposit_day", "03-05", err), BOT_OK);
    assert_int_equal(bot_config_set(&cfg, "rules", "first_deposit_day", "2028-02-29", err), BOT_OK);
    assert_int_equal(bot_config_set(&cfg, "rules", "first_deposit_day", "2027-02-29", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&cfg, "rules", "first_deposit_day", "13-01", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&cfg, "rules", "first_deposit_day", "3月5日", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&cfg, "rules", "first_deposit_day", "", err), BOT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_ST(test_opening_once_income_by_staff_or_manager_spending_by_staff),
        TEST_ST(test_spending_up_to_500_needs_one_approver),
        TEST_ST(test_spending_up_to_5000_waits_for_a_second_staff_member),
        TEST_ST(test_spending_past_5000_needs_the_members_meeting),
        TEST_ST(test_spending_rejected_with_a_reason_moves_nothing),
        TEST_ST(test_spending_withdrawn_is_never_an_order_cancel),
        TEST_ST(test_statement_names_its_sources_and_items_without_the_yuan_sign),
        TEST_ST(test_spending_never_past_what_the_bank_holds),
        TEST_ST(test_statement_of_a_month_has_its_lines_and_no_member_name),
        TEST_ST(test_statement_pushed_to_every_bound_group_once_on_the_10th),
        TEST_ST(test_first_deposit_day_doubles_the_credit_from_the_fund),
        TEST_ST(test_first_deposit_day_not_on_other_days_nor_for_the_funds_orders),
        TEST_ST(test_first_deposit_day_refund_takes_the_extra_back),
        TEST_ST(test_first_deposit_day_proxy_undo_takes_the_extra_back),
        TEST_ST(test_audit_finds_a_bonus_past_its_credit),
        cmocka_unit_test(test_first_deposit_day_setting_is_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
