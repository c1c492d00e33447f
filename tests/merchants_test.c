/* merchants_test.c — partner merchants through hd_handle(): 添加商家, clerks, 兑换码, 核销, 商家对账, 商家缴费. */
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

static int64_t sql_int(struct fixture *f, const char *query)
{
    char out[512] = "\001";
    assert_true(tdb_query(f->path, query, tdb_first_text, out, NULL) > 0);
    return strtoll(out, NULL, 10);
}


#define T0 "2026-11-20T10:00:00+08:00"

/* 张秀英 (zhang) with hours to spend, 王建国 (wang) the clerk of 幸福超市 (3元 an hour, at most 30元, 3%),
 * 李明 (li) a member who is no clerk. */
static void shop(struct fixture *f, const char *hours)
{
    char text[96];
    assert_contains(say(f, "zhang", T0, "注册 张秀英 3号楼 生日1960年5月1日"), "欢迎");
    assert_contains(say(f, "wang", T0, "注册 王建国 3号楼 生日1970年5月1日"), "欢迎");
    assert_contains(say(f, "li", T0, "注册 李明 3号楼 生日1980年5月1日"), "欢迎");
    assert_contains(say(f, "admin", T0, "添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%"), "已添加商家 幸福超市");
    assert_contains(say(f, "admin", T0, "商家绑定 幸福超市 王建国"), "已绑定 王建国");
    if (hours) {
        snprintf(text, sizeof text, "调整积分 张秀英 +%s 原因 测试", hours);
        assert_contains(say(f, "admin", T0, text), "张秀英");
    }
}

/* 兑换码 as who at when: the code of the reply into code[16]. */
static void get_code(struct fixture *f, const char *who, const char *when, char code[16])
{
    const char *r = say(f, who, when, "兑换码");
    const char *p = strstr(r, "兑换码：");
    if (!p)
        fail_msg("no code in '%s'", r);
    p += strlen("兑换码：");
    size_t n = strcspn(p, "\n");
    assert_true(n >= 6 && n <= 10);
    memcpy(code, p, n);
    code[n] = '\0';
    for (size_t i = 0; i < n; i++)
        assert_true((code[i] >= '0' && code[i] <= '9') || (code[i] >= 'A' && code[i] <= 'Z'));
}

static const char *redeem(struct fixture *f, const char *clerk, const char *when, const char *code, const char *price)
{
    char text[96];
    snprintf(text, sizeof text, "核销 %s 消费%s", code, price);
    return say(f, clerk, when, text);
}

static void test_merchant_add_defaults_and_update(void **state)
{
    struct fixture *f = *state;
    f->cfg.rules.merchant_yuan_per_credit = 5; /* 001's 5元: a key */
    assert_contains(say(f, "li", T0, "添加商家 幸福超市 积分抵3元"), "只有工作人员");
    const char *r = say(f, "admin", T0, "添加商家 幸福超市");
    assert_contains(r, "每小时抵5元，单次最多抵30元，管理费为会员消费的3%");
    r = say(f, "admin", T0, "添加商家 幸福超市 积分抵3元 管理费4.5%");
    assert_contains(r, "已更新为：每小时抵3元，单次最多抵30元，管理费为会员消费的4.5%");
    assert_contains(r, "原来是：每小时抵5元");
    assert_int_equal(sql_int(f, "SELECT count(*) FROM merchants"), 1);
    assert_int_equal(sql_int(f, "SELECT fee_bp FROM merchants"), 450);
    assert_contains(say(f, "admin", T0, "添加商家 幸福超市 积分抵-3元"), "没看懂");
    assert_contains(say(f, "admin", T0, "添加商家 幸福超市 管理费200%"), "没看懂");
    assert_contains(say(f, "admin", T0, "添加商家"), "请写明商家名字");
    /* its two accounts: hours spent there, and what it owes */
    assert_int_equal(sql_int(f, "SELECT count(*) FROM accounts WHERE kind = 'merchant'"), 1);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM cash_accounts WHERE kind = 'merchant'"), 1);
    fixture_audit_ok(f);
}

static void test_merchant_bind_and_unbind(void **state)
{
    struct fixture *f = *state;
    shop(f, NULL);
    assert_contains(say(f, "admin", T0, "商家绑定 幸福超市 王建国"), "已经是 幸福超市 的店员");
    assert_contains(say(f, "admin", T0, "商家绑定 平安药店 王建国"), "没有叫「平安药店」的商家");
    assert_contains(say(f, "li", T0, "商家绑定 幸福超市 李明"), "只有工作人员");
    assert_contains(say(f, "admin", T0, "商家解绑 幸福超市 李明"), "本来就不是");
    assert_contains(say(f, "admin", T0, "商家解绑 幸福超市 王建国"), "已解除 王建国");
    assert_int_equal(sql_int(f, "SELECT count(*) FROM merchant_clerks"), 0);
    /* the clerk heard how to redeem when bound */
    assert_int_equal(sql_int(f, "SELECT count(*) FROM member_notices WHERE name = '王建国' AND notice LIKE '%核销%'"), 1);
}

static void test_code_privately_once_and_refused(void **state)
{
    struct fixture *f = *state;
    char a[16], b[16];
    shop(f, "12小时");
    const char *r = fixture_say(f, "cli", NULL, "zhang", NULL, T0, "兑换码", "group1");
    assert_contains(r, "私聊");
    assert_null(strstr(r, "兑换码："));
    assert_int_equal(sql_int(f, "SELECT count(*) FROM redeem_codes"), 0);
    assert_contains(say(f, "nobody", T0, "兑换码"), "请先登记");
    assert_contains(say(f, "li", T0, "兑换码"), "余额是 0小时");
    get_code(f, "zhang", "2026-11-20T11:00:00+08:00", a);
    get_code(f, "zhang", "2026-11-20T11:01:00+08:00", b);
    assert_string_not_equal(a, b);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM redeem_codes WHERE used_at IS NULL AND replaced_at IS NULL"), 1);
    assert_contains(redeem(f, "wang", "2026-11-20T11:02:00+08:00", a, "20元"), "已作废");
    assert_contains(say(f, "admin", T0, "停用 张秀英"), "张秀英");
    assert_contains(say(f, "zhang", "2026-11-20T11:03:00+08:00", "兑换码"), "已暂停");
}

static void test_redeem_caps_and_fee(void **state)
{
    struct fixture *f = *state;
    char code[16];
    shop(f, "12小时");
    get_code(f, "zhang", "2026-11-20T11:00:00+08:00", code);
    const char *r = redeem(f, "wang", "2026-11-20T11:02:00+08:00", code, "86元");
    /* min(86, 30) ÷ 3 = 10 hours: 30元 off, 56元 to pay; no balance of the member told the clerk */
    assert_contains(r, "顾客用10小时抵30元，请收56元");
    assert_null(strstr(r, "余额"));
    assert_int_equal(fixture_balance(f, "zhang"), 2 * 60);
    assert_int_equal(sql_int(f, "SELECT balance FROM accounts WHERE name = 'merchant:1'"), 600);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM journal WHERE kind = 'redemption'"), 2);
    /* the fee: 3% of 86元 = 2.58元 owed by the merchant */
    assert_int_equal(sql_int(f, "SELECT balance_fen FROM cash_accounts WHERE name = 'merchant:1'"), 258);
    assert_int_equal(sql_int(f, "SELECT fee_fen FROM redemptions"), 258);
    assert_int_equal(sql_int(f, "SELECT discount_fen FROM redemptions"), 3000);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM member_notices WHERE name = '张秀英' AND "
                                "notice LIKE '%用了10小时，抵30元%时间余额还有2小时%'"),
                     1);
    /* a price under the cap: 10元 → 3 hours (half hours of 1.5元), 9元 off */
    get_code(f, "zhang", "2026-11-20T11:10:00+08:00", code);
    assert_contains(redeem(f, "wang", "2026-11-20T11:11:00+08:00", code, "1元"), "消费太少");
    assert_contains(redeem(f, "wang", "2026-11-20T11:12:00+08:00", code, "4元"), "顾客用1小时抵3元，请收1元");
    fixture_audit_ok(f);
    /* the audit holds each redemption to its journal and its fee */
    char report[4096];
    int broken = 0;
    tdb_exec(f->path, "UPDATE redemptions SET fee_fen = fee_fen + 1 WHERE id = 1");
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 1);
    assert_non_null(strstr(report, "redemption 1"));
}

static void test_redeem_never_into_overdraft(void **state)
{
    struct fixture *f = *state;
    char code[16];
    shop(f, "2个半小时");
    get_code(f, "zhang", "2026-11-20T11:00:00+08:00", code);
    /* the balance is partly enough: 2.5 hours of the 10 the price would take */
    assert_contains(redeem(f, "wang", "2026-11-20T11:01:00+08:00", code, "86元"), "顾客用2个半小时抵7.5元，请收78.5元");
    assert_int_equal(fixture_balance(f, "zhang"), 0);
    assert_contains(say(f, "zhang", "2026-11-20T11:05:00+08:00", "兑换码"), "余额是 0小时");
    /* overdraft is no balance to spend: the code of a member in debt takes nothing */
    assert_contains(say(f, "admin", T0, "调整积分 张秀英 +1小时 原因 测试"), "张秀英");
    get_code(f, "zhang", "2026-11-20T12:00:00+08:00", code);
    assert_contains(say(f, "admin", T0, "调整积分 张秀英 -2小时 原因 测试"), "张秀英");
    assert_contains(redeem(f, "wang", "2026-11-20T12:01:00+08:00", code, "86元"), "余额不够半小时");
    assert_true(fixture_balance(f, "zhang") < 0);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM redemptions"), 1);
    fixture_audit_ok(f);
}

static void test_used_expired_and_guessed_codes(void **state)
{
    struct fixture *f = *state;
    char code[16];
    shop(f, "12小时");
    get_code(f, "zhang", "2026-11-20T11:00:00+08:00", code);
    assert_contains(redeem(f, "wang", "2026-11-20T11:11:00+08:00", code, "20元"), "已过期");
    get_code(f, "zhang", "2026-11-20T11:20:00+08:00", code);
    assert_contains(redeem(f, "wang", "2026-11-20T11:21:00+08:00", code, "20元"), "核销成功");
    assert_contains(redeem(f, "wang", "2026-11-20T11:22:00+08:00", code, "20元"), "用过了");
    assert_contains(redeem(f, "wang", "2026-11-20T11:22:00+08:00", code, "20元"), "重新发「兑换码」");
    /* guessed: 5 wrong within 10 minutes stop the clerk; staff told once */
    get_code(f, "zhang", "2026-11-20T12:00:00+08:00", code);
    const char *guesses[] = {"AAAA2222", "AAAA3333", "AAAA4444", "AAAA5555"};
    for (int i = 0; i < 4; i++)
        assert_contains(redeem(f, "wang", "2026-11-20T12:01:00+08:00", guesses[i], "20元"), "不对");
    assert_contains(redeem(f, "wang", "2026-11-20T12:02:00+08:00", "AAAA6666", "20元"), "暂停");
    assert_int_equal(sql_int(f, "SELECT count(*) FROM redeem_wrong"), 5); /* counted though refused */
    assert_contains(redeem(f, "wang", "2026-11-20T12:03:00+08:00", code, "20元"), "核销暂停到");
    assert_contains(redeem(f, "wang", "2026-11-20T12:04:00+08:00", "AAAA7777", "20元"), "核销暂停到");
    assert_int_equal(sql_int(f, "SELECT count(*) FROM redeem_wrong"), 5);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM notices WHERE text LIKE '%猜码%'"), 1);
    /* 10 minutes after the first of the five, the clerk may go on */
    get_code(f, "zhang", "2026-11-20T12:10:30+08:00", code);
    assert_contains(redeem(f, "wang", "2026-11-20T12:10:50+08:00", code, "20元"), "核销暂停到");
    assert_contains(redeem(f, "wang", "2026-11-20T12:11:00+08:00", code, "20元"), "核销成功");
    fixture_audit_ok(f);
}

static void test_wrong_clerk_own_code_suspended_member(void **state)
{
    struct fixture *f = *state;
    char code[16];
    shop(f, "12小时");
    get_code(f, "zhang", "2026-11-20T11:00:00+08:00", code);
    assert_contains(redeem(f, "li", "2026-11-20T11:01:00+08:00", code, "20元"), "只有合作商家的店员");
    assert_contains(fixture_say(f, "cli", NULL, "wang", NULL, "2026-11-20T11:01:00+08:00", "核销 X 消费20元", "g1"),
                    "私聊");
    /* a clerk's own code */
    assert_contains(say(f, "admin", T0, "调整积分 王建国 +2小时 原因 测试"), "王建国");
    char own[16];
    get_code(f, "wang", "2026-11-20T11:02:00+08:00", own);
    assert_contains(redeem(f, "wang", "2026-11-20T11:03:00+08:00", own, "20元"), "不能核销自己的兑换码");
    /* a member suspended since the code was given */
    assert_contains(say(f, "admin", T0, "停用 张秀英"), "张秀英");
    assert_contains(redeem(f, "wang", "2026-11-20T11:04:00+08:00", code, "20元"), "账户已暂停");
    assert_int_equal(sql_int(f, "SELECT count(*) FROM redemptions"), 0);
    assert_int_equal(fixture_balance(f, "zhang"), 12 * 60);
}

static void test_statement_and_settle(void **state)
{
    struct fixture *f = *state;
    char code[16];
    shop(f, "12小时");
    assert_contains(say(f, "admin", T0, "添加商家 平安药店"), "已添加商家");
    get_code(f, "zhang", "2026-11-20T11:00:00+08:00", code);
    assert_contains(redeem(f, "wang", "2026-11-20T11:01:00+08:00", code, "86元"), "核销成功");
    const char *r = say(f, "wang", "2026-11-21T09:00:00+08:00", "商家对账 2026-11");
    assert_contains(r, "幸福超市 2026年11月对账");
    assert_contains(r, "核销 1 笔，会员共用10小时，抵扣30元");
    assert_contains(r, "会员消费86元，应缴管理费2.58元");
    assert_contains(r, "当月已缴0元，目前共欠2.58元");
    assert_contains(say(f, "wang", "2026-11-21T09:00:00+08:00", "商家对账 2026-10"), "2026年10月没有核销记录");
    assert_contains(say(f, "wang", "2026-11-21T09:00:00+08:00", "商家对账 平安药店 2026-11"), "您不是 平安药店 的店员");
    assert_contains(say(f, "li", "2026-11-21T09:00:00+08:00", "商家对账 2026-11"), "只有合作商家的店员和工作人员");
    assert_contains(say(f, "admin", "2026-11-21T09:00:00+08:00", "商家对账 2026-11"), "请写明商家");
    /* 商家缴费: never more than owed */
    assert_contains(say(f, "li", T0, "商家缴费 幸福超市 2元"), "只有工作人员");
    assert_contains(say(f, "admin", "2026-11-21T10:00:00+08:00", "商家缴费 幸福超市 300元"), "只欠2.58元");
    assert_contains(say(f, "admin", "2026-11-21T10:00:00+08:00", "商家缴费 幸福超市 2元"), "还欠0.58元");
    assert_contains(say(f, "admin", "2026-11-21T10:01:00+08:00", "商家缴费 幸福超市 0.58元"), "还欠0元");
    assert_contains(say(f, "admin", "2026-11-21T10:02:00+08:00", "商家缴费 幸福超市 1元"), "不欠");
    assert_contains(say(f, "admin", "2026-11-21T10:02:00+08:00", "商家缴费 平安药店 1元"), "不欠");
    r = say(f, "admin", "2026-11-21T11:00:00+08:00", "商家对账 幸福超市 2026年11月");
    assert_contains(r, "当月已缴2.58元，目前共欠0元");
    assert_int_equal(sql_int(f, "SELECT balance_fen FROM cash_accounts WHERE name = 'bank'"), 258);
    assert_int_equal(sql_int(f, "SELECT balance_fen FROM cash_accounts WHERE name = 'income'"), -258);
    fixture_audit_ok(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_ST(test_merchant_add_defaults_and_update),
        TEST_ST(test_merchant_bind_and_unbind),
        TEST_ST(test_code_privately_once_and_refused),
        TEST_ST(test_redeem_caps_and_fee),
        TEST_ST(test_redeem_never_into_overdraft),
        TEST_ST(test_used_expired_and_guessed_codes),
        TEST_ST(test_wrong_clerk_own_code_suspended_member),
        TEST_ST(test_statement_and_settle),
    };
    return cmocka_run_group_tests_name("merchants", tests, NULL, NULL);
}
