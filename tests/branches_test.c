/* branches_test.c — branches (分会, issue 18) through hd_handle(): one branch by default, a second one, requests local unless the branch allows cross-branch help, hours earned in one spent in the other, 公益 paid by the requester's branch fund, the audit clean. */
#include "bot_fixture.h"

static int setup(void **state)
{
    int rc = fixture_setup(state);
    struct fixture *f = *state;
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "onebot:900,onebot:901");
    return rc;
}

static const char *say(struct fixture *f, const char *user, const char *when, const char *text)
{
    char mid[16];
    snprintf(mid, sizeof mid, "m%d", ++f->mid);
    return fixture_say(f, "onebot", mid, user, user, when, text, NULL);
}

static int64_t hours(struct fixture *f, const char *user)
{
    char name[32];
    snprintf(name, sizeof name, "onebot:%s", user);
    return fixture_balance(f, name);
}


/* staff 900 (1号楼); 100 张秀英 and 200 王师傅 in 3号楼; 500 李阿姨 and 600 陈师傅 in 8号楼, which joins 城东分会. */
static void two_branches(struct fixture *f)
{
    assert_contains(say(f, "900", "2026-11-01T09:00:00+08:00", "注册 周淑珍 1号楼"), "欢迎");
    assert_contains(say(f, "100", "2026-11-01T09:00:00+08:00", "注册 张秀英 3号楼 生日1950年5月1日"), "欢迎");
    assert_contains(say(f, "200", "2026-11-01T09:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日"), "欢迎");
    assert_contains(say(f, "500", "2026-11-01T09:00:00+08:00", "注册 李阿姨 8号楼 生日1952年5月1日"), "欢迎");
    assert_contains(say(f, "600", "2026-11-01T09:00:00+08:00", "注册 陈师傅 8号楼 生日1982年5月1日"), "欢迎");
    assert_contains(say(f, "100", "2026-11-01T09:01:00+08:00", "添加分会 城东分会"), "只有工作人员");
    assert_contains(say(f, "900", "2026-11-01T09:02:00+08:00", "添加分会 城东分会"), "已添加分会「城东分会」");
    assert_contains(say(f, "900", "2026-11-01T09:02:30+08:00", "添加分会 城东分会"), "已经有");
    assert_contains(say(f, "900", "2026-11-01T09:03:00+08:00", "分会 8号楼 城东分会"), "8号楼 已加入城东分会");
}

static void test_a_fresh_store_is_one_branch(void **state)
{
    struct fixture *f = *state;
    struct store_branch list[4];
    int n = 0;
    assert_int_equal(store_branch_list(f->st, list, 4, &n), BOT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, STORE_BRANCH_DEFAULT);
    struct store_account fund;
    assert_int_equal(store_account_by_name(f->st, "fund", &fund), BOT_OK);
    assert_int_equal(list[0].fund_account, fund.id);
    assert_contains(say(f, "900", "2026-11-01T09:00:00+08:00", "注册 周淑珍 1号楼"), "欢迎");
    assert_contains(say(f, "900", "2026-11-01T09:01:00+08:00", "分会"), "本会：1 位会员");
    /* 基金 reads as before branches: no list of branches' funds */
    assert_null(strstr(say(f, "900", "2026-11-01T09:02:00+08:00", "基金"), "各分会"));
}

static void test_requests_are_local_unless_the_branch_allows(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    assert_contains(say(f, "500", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    /* 王师傅 of 本会 neither reads nor accepts 城东分会's request */
    assert_contains(say(f, "200", "2026-11-23T10:01:00+08:00", "有什么需求"), "目前没有待接的求助");
    assert_contains(say(f, "200", "2026-11-23T10:02:00+08:00", "接单 #1"), "是其他分会的求助");
    struct store_member wang;
    int open = 1;
    assert_int_equal(store_member_by_identity(f->st, "onebot", "200", &wang), BOT_OK);
    assert_int_equal(store_request_open_to(f->st, 1, wang.id, &open), BOT_OK);
    assert_int_equal(open, 0);
    /* 陈师傅 of 城东分会 reads it */
    assert_contains(say(f, "600", "2026-11-23T10:03:00+08:00", "有什么需求"), "#1");
    /* 城东分会 opens its requests: 王师傅 reads and accepts */
    assert_contains(say(f, "100", "2026-11-23T10:04:00+08:00", "分会互通 城东分会 开"), "只有工作人员");
    assert_contains(say(f, "900", "2026-11-23T10:05:00+08:00", "分会互通 城东分会 开"), "对其他分会的志愿者开放");
    assert_contains(say(f, "200", "2026-11-23T10:06:00+08:00", "有什么需求"), "#1");
    assert_contains(say(f, "200", "2026-11-23T10:07:00+08:00", "接单 #1"), "已接单");
    /* 本会's requests stay local: 陈师傅 cannot accept one */
    assert_contains(say(f, "100", "2026-11-23T10:08:00+08:00", "求助 明天下午3点帮我修水龙头 1小时"), "#2");
    assert_contains(say(f, "600", "2026-11-23T10:09:00+08:00", "接单 #2"), "是其他分会的求助");
    assert_contains(say(f, "900", "2026-11-23T10:10:00+08:00", "分会"), "城东分会：2 位会员");
    fixture_audit_ok(f);
}

static void test_hours_earned_in_one_branch_spend_in_the_other(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    /* 陈师傅 (城东分会) serves 李阿姨 (城东分会) 2 hours */
    assert_contains(say(f, "500", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "600", "2026-11-23T10:05:00+08:00", "接单 #1"), "已接单");
    say(f, "600", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    assert_contains(say(f, "600", "2026-11-24T11:00:00+08:00", "结束服务 #1"), "服务结束");
    assert_contains(say(f, "500", "2026-11-24T12:00:00+08:00", "确认 #1"), "2小时");
    assert_int_equal(hours(f, "600"), 120);
    /* he spends them on a 本会 volunteer: 城东分会 opens its requests, 王师傅 (本会) serves him */
    assert_contains(say(f, "600", "2026-11-24T13:00:00+08:00", "求助 明天上午9点帮我修水龙头 1小时"), "#2");
    assert_contains(say(f, "900", "2026-11-24T13:02:00+08:00", "分会互通 城东分会 开"), "开放");
    assert_contains(say(f, "200", "2026-11-24T13:05:00+08:00", "接单 #2"), "已接单");
    say(f, "200", "2026-11-25T09:00:00+08:00", "开始服务 #2");
    say(f, "200", "2026-11-25T10:00:00+08:00", "结束服务 #2");
    assert_contains(say(f, "600", "2026-11-25T11:00:00+08:00", "确认 #2"), "1小时");
    assert_int_equal(hours(f, "600"), 60);
    assert_int_equal(hours(f, "200"), 60);
    fixture_audit_ok(f);
}

static void test_public_benefit_is_paid_by_the_requesters_branch_fund(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    assert_contains(say(f, "500", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "900", "2026-11-23T10:01:00+08:00", "设为公益 #1"), "#1");
    assert_contains(say(f, "600", "2026-11-23T10:05:00+08:00", "接单 #1"), "已接单");
    say(f, "600", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    say(f, "600", "2026-11-24T11:00:00+08:00", "结束服务 #1");
    assert_contains(say(f, "500", "2026-11-24T12:00:00+08:00", "确认 #1"), "2小时");
    assert_int_equal(hours(f, "600"), 120);
    assert_int_equal(hours(f, "500"), 0);
    assert_int_equal(fixture_balance(f, "fund"), 0);      /* 本会's fund paid nothing */
    assert_int_equal(fixture_balance(f, "fund:2"), -120); /* 城东分会's paid */
    fixture_audit_ok(f);
}

/* What account pays (its legs' minutes, summed: negative = paid out) in journal legs of kind. */
static int64_t fund_legs(struct fixture *f, const char *account, const char *kind)
{
    return tdb_int(f->path, "SELECT coalesce(sum(j.minutes), 0) FROM journal j JOIN accounts a ON a.id = j.account_id "
                            "WHERE a.name = ?1 AND j.kind = ?2", account, kind);
}

/* Every payment of the fund to or from a member of 城东分会 is 城东分会's fund's: 体验券, 首存日 and its take-back,
 * referral, activity credits, birthday gifts; 本会's fund pays only its own members. */
static void test_every_fund_payment_is_the_members_branchs(void **state)
{
    struct fixture *f = *state;
    f->cfg.rules.activity_organiser_credits = 0; /* the organiser (本会's staff) is paid nothing here */
    snprintf(f->cfg.rules.first_deposit_day, sizeof f->cfg.rules.first_deposit_day, "11-24");
    two_branches(f);
    assert_contains(say(f, "900", "2026-11-01T10:00:00+08:00", "收会费 @陈师傅 体验会员 100元 现金"), "已登记");
    assert_contains(say(f, "700", "2026-11-02T10:00:00+08:00", "注册 赵师傅 8号楼 生日1985年6月1日 推荐人 李阿姨"), "欢迎");
    /* 赵师傅 serves 陈师傅 on 首存日: his 体验券, 赵师傅's bonus and 李阿姨's referral reward, all 城东分会's fund's */
    assert_contains(say(f, "600", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "700", "2026-11-23T10:05:00+08:00", "接单 #1"), "已接单");
    say(f, "700", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    assert_contains(say(f, "700", "2026-11-24T11:00:00+08:00", "结束服务 #1"), "服务结束");
    const char *r = say(f, "600", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_contains(r, "首存日时间加倍，社区基金另送 2小时");
    assert_contains(r, "用了体验券");
    assert_true(fund_legs(f, "fund:2", "voucher") < 0);
    assert_int_equal(fund_legs(f, "fund:2", "bonus"), -120);
    assert_true(fund_legs(f, "fund:2", "referral") < 0);
    assert_int_equal(fund_legs(f, "fund", "voucher"), 0);
    assert_int_equal(fund_legs(f, "fund", "bonus"), 0);
    assert_int_equal(fund_legs(f, "fund", "referral"), 0);
    /* refunded: the bonus goes back to the fund that paid it */
    assert_contains(say(f, "600", "2026-11-24T13:00:00+08:00", "投诉 #1 服务不好"), "#1");
    say(f, "900", "2026-11-24T14:00:00+08:00", "处理投诉 #1 退款");
    assert_int_equal(fund_legs(f, "fund:2", "bonus"), 0);
    assert_int_equal(fund_legs(f, "fund", "bonus"), 0);
    /* an activity of 本会's staff: each participant is credited by her own branch's fund */
    assert_contains(say(f, "900", "2026-11-25T09:00:00+08:00", "创建活动 健康讲座 今天上午10点 活动室"), "活动1");
    assert_contains(say(f, "500", "2026-11-25T10:00:00+08:00", "签到 活动1"), "签到成功");
    assert_contains(say(f, "600", "2026-11-25T10:00:00+08:00", "签到 活动1"), "签到成功");
    assert_contains(say(f, "100", "2026-11-25T10:00:00+08:00", "签到 活动1"), "签到成功");
    assert_contains(say(f, "900", "2026-11-25T11:00:00+08:00", "结束活动 1"), "3 人签到");
    int64_t each = -fund_legs(f, "fund", "activity");
    assert_true(each > 0);
    assert_int_equal(fund_legs(f, "fund:2", "activity"), -2 * each);
    /* 基金: the alliance's staff read each branch's, 城东分会's admin her branch's */
    char want[64];
    struct store_account f1, f2;
    assert_int_equal(store_account_by_name(f->st, "fund", &f1), BOT_OK);
    assert_int_equal(store_account_by_name(f->st, "fund:2", &f2), BOT_OK);
    r = say(f, "900", "2026-11-25T12:00:00+08:00", "基金");
    assert_contains(r, "各分会基金：");
    assert_contains(r, "城东分会 -");
    assert_contains(say(f, "901", "2026-11-25T12:00:00+08:00", "注册 吴秀兰 8号楼"), "欢迎");
    assert_contains(say(f, "900", "2026-11-25T12:01:00+08:00", "分会管理员 吴秀兰 城东分会"), "城东分会的管理员");
    r = say(f, "901", "2026-11-25T12:02:00+08:00", "基金");
    char h[24];
    hd_hours_text(-f2.balance, h);
    snprintf(want, sizeof want, "社区基金已垫付 %s", h);
    assert_contains(r, want);
    assert_null(strstr(r, "各分会基金"));
    /* birthdays (all on 5月1日, entered long before): 本会's two from its fund, 城东分会's two from its own */
    struct hd_ctx ctx = fixture_ctx(f, iso("2028-05-01T09:00:00+08:00"));
    int done = -1;
    assert_int_equal(hd_job_birthdays(&ctx, &done), BOT_OK);
    assert_int_equal(done, 4);
    int64_t gift = -fund_legs(f, "fund", "birthday");
    assert_true(gift > 0);
    assert_int_equal(fund_legs(f, "fund:2", "birthday"), -gift);
    fixture_audit_ok(f);
}

static void test_a_branch_admin_sees_and_decides_her_branch_only(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    assert_contains(say(f, "901", "2026-11-01T09:00:00+08:00", "注册 吴秀兰 8号楼"), "欢迎");
    assert_contains(say(f, "900", "2026-11-01T09:06:00+08:00", "分会管理员 吴秀兰 城东分会"), "城东分会的管理员");
    assert_contains(say(f, "901", "2026-11-01T09:06:30+08:00", "分会管理员 吴秀兰 联盟"), "只有联盟的工作人员");
    assert_contains(say(f, "901", "2026-11-01T09:07:00+08:00", "添加分会 城西分会"), "只有联盟的工作人员");
    assert_contains(say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "500", "2026-11-23T10:01:00+08:00", "求助 明天下午3点帮我修水龙头 1小时"), "#2");
    const char *r = say(f, "901", "2026-11-23T10:02:00+08:00", "待匹配");
    assert_contains(r, "#2");
    assert_null(strstr(r, "#1 "));
    r = say(f, "900", "2026-11-23T10:03:00+08:00", "待匹配");
    assert_contains(r, "#1");
    assert_contains(r, "#2");
    /* a complaint on 本会's order: 城东分会's admin may not decide it, the alliance's staff may */
    assert_contains(say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1"), "已接单");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    say(f, "200", "2026-11-24T11:00:00+08:00", "结束服务 #1");
    assert_contains(say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1"), "2小时");
    assert_contains(say(f, "100", "2026-11-24T13:00:00+08:00", "投诉 #1 服务不好"), "#1");
    assert_contains(say(f, "901", "2026-11-24T14:00:00+08:00", "处理投诉 #1 驳回"), "不是您分会的单子");
    assert_contains(say(f, "900", "2026-11-24T14:01:00+08:00", "处理投诉 #1 驳回"), "#1");
    fixture_audit_ok(f);
}

static const char *say_in(struct fixture *f, const char *user, const char *when, const char *text, const char *chat)
{
    char mid[16];
    snprintf(mid, sizeof mid, "m%d", ++f->mid);
    return fixture_say(f, "onebot", mid, user, user, when, text, chat);
}

/* The monthly board: each group reads its branch's volunteers only, the same text as today for 本会's. */
static void test_the_board_per_branch(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    say_in(f, "900", "2026-11-20T09:01:00+08:00", "绑定 3号楼", "g3");
    say_in(f, "900", "2026-11-20T09:02:00+08:00", "绑定 8号楼", "g8");
    /* 王师傅 (3号楼, 本会) serves 2 hours, 陈师傅 (8号楼, 城东分会) 1 hour */
    assert_contains(say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "500", "2026-11-23T10:01:00+08:00", "求助 明天下午3点帮我修水龙头 1小时"), "#2");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    say(f, "600", "2026-11-23T10:06:00+08:00", "接单 #2");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    say(f, "200", "2026-11-24T11:00:00+08:00", "结束服务 #1");
    say(f, "600", "2026-11-24T15:00:00+08:00", "开始服务 #2");
    say(f, "600", "2026-11-24T16:00:00+08:00", "结束服务 #2");
    assert_contains(say(f, "100", "2026-11-24T17:00:00+08:00", "确认 #1"), "2小时");
    assert_contains(say(f, "500", "2026-11-24T17:01:00+08:00", "确认 #2"), "1小时");
    struct hd_ctx ctx = fixture_ctx(f, iso("2026-12-05T10:00:00+08:00"));
    int done = -1;
    assert_int_equal(hd_job_leaderboard(&ctx, &done), BOT_OK);
    assert_int_equal(done, 2);
    assert_int_equal(outbox_rows(f->path, "leaderboard", "g3", "1. 3号楼的一位志愿者 2小时"), 1);
    assert_int_equal(outbox_rows(f->path, "leaderboard", "g3", "8号楼"), 0);
    assert_int_equal(outbox_rows(f->path, "leaderboard", "g8", "1. 8号楼的一位志愿者 1小时"), 1);
    assert_int_equal(outbox_rows(f->path, "leaderboard", "g8", "3号楼"), 0);
    fixture_audit_ok(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_fresh_store_is_one_branch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_requests_are_local_unless_the_branch_allows, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_hours_earned_in_one_branch_spend_in_the_other, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_branch_admin_sees_and_decides_her_branch_only, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_the_board_per_branch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_public_benefit_is_paid_by_the_requesters_branch_fund, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_every_fund_payment_is_the_members_branchs, setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
