/* branch_scope_test.c — a branch admin (分会管理员, issue 18) acts on her branch's members and orders only, by hd_staff_covers: complaints and orders, members, 代注册 and 待审核; the alliance's staff on all; 推荐 and the matching push within what a volunteer may accept; the monthly report per branch. */
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


/* staff 900 (1号楼, the alliance); 901 吴秀兰 (8号楼) admin of 城东分会, which holds 8号楼; 100 张秀英 and 200 王师傅 in
 * 3号楼 (本会); 500 李阿姨 and 600 陈师傅 in 8号楼 (城东分会). */
static void two_branches(struct fixture *f)
{
    assert_contains(say(f, "900", "2026-11-01T09:00:00+08:00", "注册 周淑珍 1号楼"), "欢迎");
    assert_contains(say(f, "901", "2026-11-01T09:00:00+08:00", "注册 吴秀兰 8号楼"), "欢迎");
    assert_contains(say(f, "100", "2026-11-01T09:00:00+08:00", "注册 张秀英 3号楼 生日1950年5月1日"), "欢迎");
    assert_contains(say(f, "200", "2026-11-01T09:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日"), "欢迎");
    assert_contains(say(f, "500", "2026-11-01T09:00:00+08:00", "注册 李阿姨 8号楼 生日1952年5月1日"), "欢迎");
    assert_contains(say(f, "600", "2026-11-01T09:00:00+08:00", "注册 陈师傅 8号楼 生日1982年5月1日"), "欢迎");
    assert_contains(say(f, "900", "2026-11-01T09:02:00+08:00", "添加分会 城东分会"), "已添加分会「城东分会」");
    assert_contains(say(f, "900", "2026-11-01T09:03:00+08:00", "分会 8号楼 城东分会"), "8号楼 已加入城东分会");
    /* a resident is no branch admin: staff first */
    assert_contains(say(f, "900", "2026-11-01T09:03:30+08:00", "分会管理员 李阿姨 城东分会"), "还不是工作人员");
    assert_contains(say(f, "900", "2026-11-01T09:04:00+08:00", "分会管理员 吴秀兰 城东分会"), "城东分会的管理员");
}

/* #1 by 张秀英 (本会) served by 王师傅, #2 by 李阿姨 (城东分会) served by 陈师傅; both complained of. */
static void two_complaints(struct fixture *f)
{
    assert_contains(say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "500", "2026-11-23T10:01:00+08:00", "求助 明天下午3点帮我修水龙头 1小时"), "#2");
    assert_contains(say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1"), "已接单");
    assert_contains(say(f, "600", "2026-11-23T10:06:00+08:00", "接单 #2"), "已接单");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    say(f, "200", "2026-11-24T11:00:00+08:00", "结束服务 #1");
    say(f, "600", "2026-11-24T15:00:00+08:00", "开始服务 #2");
    say(f, "600", "2026-11-24T16:00:00+08:00", "结束服务 #2");
    assert_contains(say(f, "100", "2026-11-24T17:00:00+08:00", "确认 #1"), "2小时");
    assert_contains(say(f, "500", "2026-11-24T17:01:00+08:00", "确认 #2"), "1小时");
    assert_contains(say(f, "100", "2026-11-24T18:00:00+08:00", "投诉 #1 服务不好"), "#1");
    assert_contains(say(f, "500", "2026-11-24T18:01:00+08:00", "投诉 #2 没修好"), "#2");
}

/* What staff user was told containing needle: a notice kept for them or a push queued to them. */
static int64_t told(struct fixture *f, const char *name, const char *user, const char *needle)
{
    char like[128];
    snprintf(like, sizeof like, "%%%s%%", needle);
    return tdb_int(f->path, "SELECT count(*) FROM notices n JOIN members m ON m.id = n.member_id "
                            "WHERE m.name = ?1 AND n.text LIKE ?2", name, like) +
           tdb_int(f->path, "SELECT count(*) FROM outbox WHERE user_id = ?1 AND text LIKE ?2", user, like);
}

/* A new complaint is told to the staff of its branch and the alliance's, never to another branch's admin. */
static void test_a_complaint_is_told_to_its_branch_only(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    two_complaints(f);
    assert_int_equal(told(f, "吴秀兰", "901", "新投诉：#1"), 0); /* 本会's complaint: not 城东分会's admin */
    assert_true(told(f, "吴秀兰", "901", "新投诉：#2") >= 1);
    assert_true(told(f, "周淑珍", "900", "新投诉：#1") >= 1); /* the alliance's staff: both */
    assert_true(told(f, "周淑珍", "900", "新投诉：#2") >= 1);
    fixture_audit_ok(f);
}

/* 投诉列表, 受理投诉, #N 记录: her branch's orders only; the alliance's staff read and answer both. */
static void test_complaints_and_orders_of_her_branch(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    two_complaints(f);
    const char *r = say(f, "901", "2026-11-24T19:00:00+08:00", "投诉列表");
    assert_contains(r, "#2 ");
    assert_null(strstr(r, "#1 "));
    r = say(f, "900", "2026-11-24T19:01:00+08:00", "投诉列表");
    assert_contains(r, "#1 ");
    assert_contains(r, "#2 ");
    assert_contains(say(f, "901", "2026-11-24T19:02:00+08:00", "受理投诉 #1"), "由需求方楼栋的楼长或工作人员受理");
    assert_contains(say(f, "901", "2026-11-24T19:03:00+08:00", "受理投诉 #2"), "已受理 #2");
    assert_contains(say(f, "901", "2026-11-24T19:04:00+08:00", "#1 记录"), "不是您分会的单子");
    assert_contains(say(f, "901", "2026-11-24T19:05:00+08:00", "#2 记录"), "#2 记录：");
    assert_contains(say(f, "900", "2026-11-24T19:06:00+08:00", "#1 记录"), "#1 记录：");
    assert_contains(say(f, "901", "2026-11-24T19:07:00+08:00", "基金批准 #1"), "不是您分会的单子");
    assert_contains(say(f, "900", "2026-11-24T19:08:00+08:00", "受理投诉 #1"), "已受理 #1");
    /* 基金: her branch's fund and buildings */
    assert_contains(say(f, "901", "2026-11-24T19:10:00+08:00", "基金"), "本月本分会各楼基金支出");
    assert_contains(say(f, "900", "2026-11-24T19:11:00+08:00", "基金"), "本月各楼基金支出");
    fixture_audit_ok(f);
}

/* 资质, 认证, 禁止接单/解除禁止, 停用/恢复, 调整积分, 设为楼长: her branch's members only. */
static void test_members_of_her_branch(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    static const char *const refused[] = {"资质 @王师傅",
                                          "认证 @王师傅 托管 有效期2027-12-31",
                                          "禁止接单 @王师傅 7天",
                                          "解除禁止 @王师傅",
                                          "停用 王师傅",
                                          "恢复 王师傅",
                                          "调整积分 王师傅 +1小时 原因 测试",
                                          "设为楼长 @王师傅 3号楼"};
    for (size_t i = 0; i < BOT_ARRAY_LEN(refused); i++)
        assert_contains(say(f, "901", "2026-11-23T10:00:00+08:00", refused[i]), "王师傅 不是您分会的会员");
    assert_int_equal(fixture_balance(f, "onebot:200"), 0);
    /* her own members */
    assert_contains(say(f, "901", "2026-11-23T10:01:00+08:00", "资质 @陈师傅"), "陈师傅（8号楼） 的资质");
    assert_contains(say(f, "901", "2026-11-23T10:02:00+08:00", "认证 @陈师傅 托管 有效期2027-12-31"), "已登记 陈师傅");
    assert_contains(say(f, "901", "2026-11-23T10:03:00+08:00", "禁止接单 @陈师傅 7天"), "已暂停 陈师傅 接单");
    assert_contains(say(f, "901", "2026-11-23T10:04:00+08:00", "解除禁止 @陈师傅"), "已恢复 陈师傅 接单");
    assert_contains(say(f, "901", "2026-11-23T10:05:00+08:00", "调整积分 陈师傅 +1小时 原因 测试"), "已为 陈师傅 补发");
    assert_int_equal(fixture_balance(f, "onebot:600"), 60);
    /* a 楼长 of a building of her branch, never of another's; a staff member she names is of her branch */
    assert_contains(say(f, "901", "2026-11-23T10:06:00+08:00", "设为楼长 @陈师傅 3号楼"), "3号楼 不在您的分会");
    assert_contains(say(f, "901", "2026-11-23T10:07:00+08:00", "设为楼长 @陈师傅 8号楼"), "负责8号楼");
    assert_contains(say(f, "901", "2026-11-23T10:08:00+08:00", "设为管理员 李阿姨"), "管理员");
    struct store_member li;
    int64_t scope = 0;
    assert_int_equal(store_member_by_identity(f->st, "onebot", "500", &li), BOT_OK);
    assert_int_equal(store_member_branch_scope(f->st, li.id, &scope), BOT_OK);
    assert_int_equal(scope, 2);
    /* the alliance's staff: anyone */
    assert_contains(say(f, "900", "2026-11-23T10:09:00+08:00", "调整积分 王师傅 +1小时 原因 测试"), "已为 王师傅 补发");
    assert_contains(say(f, "900", "2026-11-23T10:10:00+08:00", "停用 王师傅"), "已暂停 王师傅");
    fixture_audit_ok(f);
}

/* 代注册 in her branch's buildings; 待审核 of her branch's members. */
static void test_proxy_register_and_review_of_her_branch(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    assert_contains(say(f, "901", "2026-11-23T10:00:00+08:00", "代注册 李奶奶 3号楼"), "3号楼 不在您的分会");
    assert_contains(say(f, "901", "2026-11-23T10:01:00+08:00", "代注册 陈伯 8号楼"), "陈伯");
    assert_contains(say(f, "900", "2026-11-23T10:02:00+08:00", "代注册 李奶奶 3号楼"), "李奶奶");
    assert_contains(say(f, "901", "2026-11-23T10:03:00+08:00", "待审核"), "待审核名单是空的");
}

/* 推荐 #N @志愿者 and the matching push: a volunteer of another branch only when the request's branch allows. */
static void test_recommend_and_push_within_the_branch(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    f->cfg.rules.match_push_count = 3;
    snprintf(f->cfg.generic_push_url, sizeof f->cfg.generic_push_url, "http://127.0.0.1:9/push");
    assert_contains(say(f, "600", "2026-11-20T11:00:00+08:00", "我会修水电"), "维修");
    assert_contains(say(f, "200", "2026-11-20T11:00:00+08:00", "我会修水电"), "维修");
    assert_contains(say(f, "500", "2026-11-23T10:00:00+08:00", "求助 明天上午9点 水龙头漏水 修一下"), "#1");
    assert_int_equal(outbox_rows(f->path, "match", "%", "#1"), 1); /* 陈师傅 of 8号楼, never 王师傅 of 本会 */
    assert_contains(say(f, "900", "2026-11-23T10:01:00+08:00", "推荐 #1 @王师傅"), "王师傅 是其他分会的志愿者");
    assert_contains(say(f, "901", "2026-11-23T10:02:00+08:00", "推荐 #1 @陈师傅"), "陈师傅");
    assert_contains(say(f, "900", "2026-11-23T10:03:00+08:00", "分会互通 城东分会 开"), "开放");
    assert_null(strstr(say(f, "900", "2026-11-23T10:04:00+08:00", "推荐 #1 @王师傅"), "其他分会的志愿者"));
    assert_contains(say(f, "100", "2026-11-23T10:05:00+08:00", "求助 明天下午3点陪我去社区医院 2小时"), "#2");
    assert_contains(say(f, "901", "2026-11-23T10:06:00+08:00", "推荐 #2 @陈师傅"), "不是您分会的单子");
}

/* The monthly report: the alliance's staff read the alliance's (the text of today), a branch admin her branch's. */
static void test_the_monthly_report_per_branch(void **state)
{
    struct fixture *f = *state;
    two_branches(f);
    two_complaints(f);
    /* the hours kept count (play-test 14): #2's complaint dismissed gives its hour back; #1's, still open, holds its 2 */
    assert_contains(say(f, "900", "2026-11-25T10:00:00+08:00", "处理投诉 #2 驳回"), "驳回");
    struct hd_ctx ctx = fixture_ctx(f, iso("2026-12-05T10:00:00+08:00"));
    int done = -1;
    assert_int_equal(hd_job_report(&ctx, &done), BOT_OK);
    assert_int_equal(done, 2);
    assert_int_equal(outbox_rows(f->path, "report", "%", "2026-11 月报：新求助 2 个，已匹配 2 个，互助时长 1小时，新会员 6 位。"), 1);
    assert_int_equal(outbox_rows(f->path, "report", "%", "2026-11 月报（城东分会）：新求助 1 个，已匹配 1 个，互助时长 1小时，新会员 3 位。"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_complaints_and_orders_of_her_branch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_complaint_is_told_to_its_branch_only, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_members_of_her_branch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_proxy_register_and_review_of_her_branch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_recommend_and_push_within_the_branch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_the_monthly_report_per_branch, setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
