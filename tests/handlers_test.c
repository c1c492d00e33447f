/* handlers_test.c — the rule book through hd_handle(): who may do what, the
 * timer and its rounding, refusals that change nothing, de-duplication. */
#include "bot_fixture.h"


static int setup(void **state)
{
    int rc = fixture_setup(state);
    return rc;
}

static int teardown(void **state) { return fixture_teardown(state); }

/* Say text as user at the ISO time; returns the reply ("" when silent). */
static const char *say_full(struct fixture *f, const char *user, const char *when, const char *text,
                            const char *chat, const char *mid)
{
    return fixture_say(f, "cli", mid, user, user, when, text, chat);
}

static const char *say(struct fixture *f, const char *user, const char *when, const char *text)
{
    return say_full(f, user, when, text, NULL, NULL);
}


static int64_t balance(struct fixture *f, const char *user)
{
    char name[64];
    struct store_account a;
    snprintf(name, sizeof name, "cli:%s", user);
    if (store_account_by_name(f->st, name, &a) != BOT_OK)
        return 0;
    return a.balance;
}

static void lifecycle(struct fixture *f, const char *finish_at)
{
    assert_contains(say(f, "zhang", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "wang", "2026-11-23T10:05:00+08:00", "接单 #1"), "已接单 #1");
    assert_contains(say(f, "wang", "2026-11-24T09:00:00+08:00", "开始服务 #1"), "开始服务");
    assert_contains(say(f, "wang", finish_at, "结束服务 #1"), "服务结束");
}

static void test_confirm_credits_the_timer(void **state)
{
    struct fixture *f = *state;
    lifecycle(f, "2026-11-24T11:00:00+08:00");
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1"), "2小时");
    assert_int_equal(balance(f, "zhang"), -120);
    assert_int_equal(balance(f, "wang"), 120);
}

static void test_timer_rounds_to_nearest_half_hour(void **state)
{
    (void)state;
    assert_int_equal(hd_credit_minutes(7200, 30, 30), 120);
    assert_int_equal(hd_credit_minutes(7200 + 14 * 60, 30, 30), 120);
    assert_int_equal(hd_credit_minutes(7200 + 15 * 60, 30, 30), 150);
    assert_int_equal(hd_credit_minutes(60, 30, 30), 30);   /* minimum 0.5 h */
    assert_int_equal(hd_credit_minutes(-5, 30, 30), 30);
}

static void test_requester_may_confirm_fewer_hours_never_more(void **state)
{
    struct fixture *f = *state;
    lifecycle(f, "2026-11-24T11:10:00+08:00");
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1 3小时"), "不能超过计时");
    assert_int_equal(balance(f, "wang"), 0);
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1 1.5小时"), "1.5小时");
    assert_int_equal(balance(f, "wang"), 90);
}

static void test_confirm_refuses_absurd_and_signed_hours_and_says_the_most(void **state)
{
    struct fixture *f = *state;
    lifecycle(f, "2026-11-24T11:00:00+08:00");
    const char *r = say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1 9999小时");
    assert_contains(r, "最多可以确认 2小时");
    assert_contains(r, "没有确认");
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1 -2小时"), "正数");
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1 负1小时"), "正数");
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1 0小时"), "正数");
    assert_int_equal(balance(f, "wang"), 0);
    struct store_request req;
    assert_int_equal(store_request_get(f->st, 1, &req), BOT_OK);
    assert_int_equal(req.status, STORE_REQ_FINISHED);
    /* a timer longer than one request may last: no more than max_request_hours either */
    f->cfg.rules.max_request_hours = 1;
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1 1.5小时"), "最多可以确认 1小时");
    assert_int_equal(balance(f, "wang"), 0);
    assert_contains(say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1 1小时"), "已确认");
    assert_int_equal(balance(f, "wang"), 60);
}

static void test_only_requester_confirms(void **state)
{
    struct fixture *f = *state;
    lifecycle(f, "2026-11-24T11:00:00+08:00");
    assert_contains(say(f, "stranger", "2026-11-24T12:00:00+08:00", "确认 #1"), "本人才能确认");
    assert_contains(say(f, "wang", "2026-11-24T12:00:00+08:00", "确认 #1"), "本人才能确认");
    assert_int_equal(balance(f, "wang"), 0);
}

static void test_confirmed_at_most_once(void **state)
{
    struct fixture *f = *state;
    lifecycle(f, "2026-11-24T11:00:00+08:00");
    say(f, "zhang", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_contains(say(f, "zhang", "2026-11-24T12:01:00+08:00", "确认 #1"), "已经确认过了");
    assert_int_equal(balance(f, "wang"), 120);
}

static void test_nobody_accepts_own_request(void **state)
{
    struct fixture *f = *state;
    say(f, "zhang", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    assert_contains(say(f, "zhang", "2026-11-23T10:01:00+08:00", "接单 #1"), "不能自己接单");
}

static void test_finished_request_cannot_be_accepted_again(void **state)
{
    struct fixture *f = *state;
    lifecycle(f, "2026-11-24T11:00:00+08:00");
    assert_contains(say(f, "li", "2026-11-24T11:30:00+08:00", "接单 #1"), "有人接单");
}

static void test_unknown_request_is_polite(void **state)
{
    struct fixture *f = *state;
    assert_contains(say(f, "wang", "2026-11-23T10:00:00+08:00", "接单 #42"), "没有找到求助 #42");
    assert_contains(say(f, "wang", "2026-11-23T10:00:00+08:00", "确认 #42"), "没有找到求助 #42");
}

static void test_only_volunteer_starts_and_finishes(void **state)
{
    struct fixture *f = *state;
    say(f, "zhang", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    assert_contains(say(f, "li", "2026-11-23T10:00:00+08:00", "开始服务 #1"), "只有接单的志愿者");
    say(f, "wang", "2026-11-23T10:05:00+08:00", "接单 #1");
    assert_contains(say(f, "wang", "2026-11-23T10:06:00+08:00", "结束服务 #1"), "不能结束");
    assert_contains(say(f, "zhang", "2026-11-23T10:06:00+08:00", "确认 #1"), "还没有结束服务");
}

static void test_cancel_by_requester_and_by_volunteer(void **state)
{
    struct fixture *f = *state;
    say(f, "zhang", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "wang", "2026-11-23T10:05:00+08:00", "接单 #1");
    assert_contains(say(f, "li", "2026-11-23T10:06:00+08:00", "取消 #1"), "只有发布人");
    assert_contains(say(f, "wang", "2026-11-23T10:06:00+08:00", "取消 #1"), "重新开放");
    assert_contains(say(f, "li", "2026-11-23T10:07:00+08:00", "接单 #1"), "已接单");
    assert_contains(say(f, "zhang", "2026-11-23T10:08:00+08:00", "取消 #1"), "已取消求助 #1");
    assert_contains(say(f, "li", "2026-11-23T10:09:00+08:00", "开始服务 #1"), "不能开始");
}

static void test_overdraft_refuses_new_request_with_balance(void **state)
{
    struct fixture *f = *state;
    f->cfg.rules.overdraft_hours = 1;
    assert_contains(say(f, "zhang", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "透支上限");
    assert_contains(say(f, "zhang", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 1小时"), "#1");
}

static void test_retried_message_gets_first_answer(void **state)
{
    struct fixture *f = *state;
    char first[HD_REPLY_MAX];
    snprintf(first, sizeof first, "%s",
             say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时", NULL, "m1"));
    assert_string_equal(say_full(f, "zhang", "2026-11-23T10:00:05+08:00", "求助 明天上午9点陪我去社区医院 2小时", NULL, "m1"), first);
    struct store_request r;
    assert_int_equal(store_request_get(f->st, 2, &r), BOT_NOTFOUND);
}

static void test_finish_and_confirm_words_go_to_whoever_can_use_them(void **state)
{
    /* the volunteer's thanks while serving ends the service; the requester's
     * "done" after the finish confirms it */
    struct fixture *f = *state;
    assert_contains(say(f, "zhang", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "wang", "2026-11-23T10:05:00+08:00", "接单 #1"), "已接单 #1");
    assert_contains(say(f, "wang", "2026-11-24T09:00:00+08:00", "开始服务 #1"), "开始服务");
    assert_contains(say(f, "wang", "2026-11-24T11:00:00+08:00", "#1 弄好了，谢谢张阿姨"), "服务结束");
    /* the canonical commands keep their one meaning */
    assert_contains(say(f, "zhang", "2026-11-24T11:20:00+08:00", "结束服务 #1"), "只有接单的志愿者");
    assert_contains(say(f, "zhang", "2026-11-24T11:30:00+08:00", "#1 弄完了"), "已确认 #1");
    assert_int_equal(balance(f, "wang"), 120);
    /* someone else's words change nothing */
    assert_contains(say(f, "li", "2026-11-24T11:40:00+08:00", "#1 弄完了"), "只有");
}

static void test_group_chatter_is_silent_private_gets_hint(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "今天天气真好", "g1", NULL), "");
    assert_contains(say(f, "zhang", "2026-11-23T10:00:00+08:00", "今天天气真好"), "帮助");
    assert_contains(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "@时间驿站 你好", "g1", NULL), "您好");
    /* a bare call, a call by name, thanks: a greeting or a welcome, never "not understood" */
    assert_contains(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "@时间驿站", "g1", NULL), "求助");
    assert_contains(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "时间驿站 在吗", "g1", NULL), "您好");
    assert_contains(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "@时间驿站 谢谢啦", "g1", NULL), "不客气");
    assert_contains(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "时间驿站，查积分", "g1", NULL), "余额");
    /* a short name is also the parcel station: not a call */
    assert_string_equal(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "驿站，今天几点关门", "g1", NULL), "");
    assert_string_equal(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "谢谢大家", "g1", NULL), "");
}

static void test_group_trigger_mention_requires_mention(void **state)
{
    struct fixture *f = *state;
    f->cfg.group_trigger = BOT_TRIGGER_MENTION;
    assert_string_equal(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "查积分", "g1", NULL), "");
    assert_contains(say_full(f, "zhang", "2026-11-23T10:00:00+08:00", "@时间驿站 查积分", "g1", NULL), "余额");
}

static void test_request_without_time_asks_for_it(void **state)
{
    struct fixture *f = *state;
    assert_contains(say(f, "zhang", "2026-11-23T10:00:00+08:00", "谁能帮我修一下水龙头，一直滴水"), "还缺服务时间");
}

static void test_register_keeps_birthday_out_of_reply(void **state)
{
    struct fixture *f = *state;
    const char *r = say(f, "zhang", "2026-11-23T10:00:00+08:00", "注册 张秀英 3号楼 生日1950年11月26日");
    assert_contains(r, "张秀英");
    assert_contains(r, "3号楼");
    assert_null(strstr(r, "1950"));
    struct store_member m;
    assert_int_equal(store_member_by_identity(f->st, "cli", "zhang", &m), BOT_OK);
    assert_string_equal(m.birthday, "1950-11-26");
    assert_int_equal(m.registered, 1);
}

static void test_balance_of_a_stranger_writes_nothing(void **state)
{
    struct fixture *f = *state;
    assert_contains(say(f, "nobody", "2026-11-23T10:00:00+08:00", "查积分"), "0 小时");
    struct store_member m;
    assert_int_equal(store_member_by_identity(f->st, "cli", "nobody", &m), BOT_NOTFOUND);
}

/* The handlers decide whether a push can reach a person from what bot/
 * tells them of the platform table; the sender builds it through the same
 * table. The two must agree, or a private message is queued to die (or kept
 * as a notice though it could go). */
static void test_push_reachability_agrees_with_the_push_builder(void **state)
{
    (void)state;
    static const char *const platforms[] = {"onebot", "telegram", "generic", "cli", "wechat", "wecom", "nosuch"};
    for (int mask = 0; mask < 16; mask++) {
        struct bot_config cfg;
        memset(&cfg, 0, sizeof cfg);
        snprintf(cfg.telegram_api_url, sizeof cfg.telegram_api_url, "http://127.0.0.1:9");
        if (mask & 1)
            snprintf(cfg.onebot_api_url, sizeof cfg.onebot_api_url, "http://127.0.0.1:9");
        if (mask & 2)
            snprintf(cfg.telegram_bot_token, sizeof cfg.telegram_bot_token, "42:abc");
        if (mask & 4)
            snprintf(cfg.generic_push_url, sizeof cfg.generic_push_url, "http://127.0.0.1:9/push");
        if (mask & 8)
            snprintf(cfg.wecom_robot_url, sizeof cfg.wecom_robot_url, "http://127.0.0.1:9/robot");
        struct hd_platform plat[BOT_PLATFORMS_MAX];
        struct hd_ctx ctx = {NULL, NULL, &cfg, 0, plat, bot_platform_facts(&cfg, plat, BOT_PLATFORMS_MAX)};
        for (size_t i = 0; i < BOT_ARRAY_LEN(platforms); i++) {
            struct bot_push p;
            enum bot_rc rc = bot_push_build(&cfg, platforms[i], NULL, "10001", "hi", &p);
            free(p.body);
            int can = hd_can_push_private(&ctx, platforms[i]);
            if (strcmp(platforms[i], "wecom") == 0) {
                /* the robot would build it, but into its group: never a private message */
                assert_int_equal(can, 0);
                continue;
            }
            if (can != (rc == BOT_OK))
                fail_msg("%s with config %d: handlers say %d, the builder %d", platforms[i], mask, can, rc);
        }
    }
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_confirm_credits_the_timer),
        cmocka_unit_test(test_push_reachability_agrees_with_the_push_builder),
        cmocka_unit_test(test_timer_rounds_to_nearest_half_hour),
        T(test_requester_may_confirm_fewer_hours_never_more),
        T(test_confirm_refuses_absurd_and_signed_hours_and_says_the_most),
        T(test_only_requester_confirms),
        T(test_confirmed_at_most_once),
        T(test_nobody_accepts_own_request),
        T(test_finished_request_cannot_be_accepted_again),
        T(test_unknown_request_is_polite),
        T(test_only_volunteer_starts_and_finishes),
        T(test_cancel_by_requester_and_by_volunteer),
        T(test_overdraft_refuses_new_request_with_balance),
        T(test_retried_message_gets_first_answer),
        T(test_finish_and_confirm_words_go_to_whoever_can_use_them),
        T(test_group_chatter_is_silent_private_gets_hint),
        T(test_group_trigger_mention_requires_mention),
        T(test_request_without_time_asks_for_it),
        T(test_register_keeps_birthday_out_of_reply),
        T(test_balance_of_a_stranger_writes_nothing),
    };
    return cmocka_run_group_tests_name("handlers", tests, NULL, NULL);
}
