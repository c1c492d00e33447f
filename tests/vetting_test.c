/* vetting_test.c — who may accept (registered, age, 托管's age and certificate, training, insurance, staff's bans, 资质), what both sides are told after an accept, offers that match, and the paged list. */
#include "bot_fixture.h"


static int setup(void **state)
{
    int rc = fixture_setup(state);
    struct fixture *f = *state;
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "cli:admin,generic:admin");
    return rc;
}

static int teardown(void **state) { return fixture_teardown(state); }

static const char *say(struct fixture *f, const char *user, const char *when, const char *text)
{
    return fixture_say(f, "cli", NULL, user, NULL, when, text, NULL);
}

static const char *say_in(struct fixture *f, const char *user, const char *when, const char *text, const char *chat)
{
    return fixture_say(f, "cli", NULL, user, NULL, when, text, chat);
}

static const char *say_generic(struct fixture *f, const char *user, const char *when, const char *text)
{
    return fixture_say(f, "generic", NULL, user, user, when, text, NULL);
}

/* Outbox rows of job pushed privately to user. */
static int pushed_to(struct fixture *f, const char *job, const char *user)
{
    return (int)tdb_int(f->path, "SELECT count(*) FROM outbox WHERE job = ?1 AND user_id = ?2", job, user);
}

static void sql(struct fixture *f, const char *text)
{
    tdb_exec(f->path, text);
}

#define T0 "2026-11-23T10:00:00+08:00"
#define T1 "2026-11-23T10:05:00+08:00"

static void post_childcare(struct fixture *f)
{
    say(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼 生日1950年11月26日");
    assert_contains(say(f, "zhang", T0, "求助 明天下午3点帮我接孩子放学 2小时"), "托管");
}

static void test_vetting_a_14_year_old_cannot_accept_anything(void **state)
{
    struct fixture *f = *state;
    post_childcare(f);
    assert_contains(say(f, "zhang", T0, "求助 明天上午9点陪我去社区医院 2小时"), "#2");
    say(f, "kid", "2026-11-20T10:00:00+08:00", "注册 小明 3号楼 生日2012年3月10日");
    assert_contains(say(f, "kid", T1, "接单 #1"), "年满 18 岁");
    assert_contains(say(f, "kid", T1, "接单 #2"), "年满 18 岁");
    struct store_request r;
    assert_int_equal(store_request_get(f->st, 1, &r), BOT_OK);
    assert_int_equal(r.status, STORE_REQ_OPEN);
    assert_int_equal(store_request_get(f->st, 2, &r), BOT_OK);
    assert_int_equal(r.status, STORE_REQ_OPEN);
}

static void test_vetting_childcare_needs_the_age_a_birthday_and_a_certificate(void **state)
{
    struct fixture *f = *state;
    post_childcare(f);
    /* 20: old enough to help, not for 托管 */
    say(f, "young", "2026-11-20T10:00:00+08:00", "注册 小李 3号楼 生日2006年1月1日");
    assert_contains(say(f, "young", T1, "接单 #1"), "年满 25 岁");
    /* a certificate does not make her older: staff read it at once */
    assert_contains(say(f, "admin", T1, "认证 @小李 托管 有效期2027-12-31"), "注意：小李年满 25 岁后才能接");
    assert_contains(say(f, "young", T1, "接单 #1"), "年满 25 岁");
    /* no birthday on file: asked to add it, with the command that does */
    say(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼");
    const char *r = say(f, "wang", T1, "接单 #1");
    assert_contains(r, "请先登记生日");
    assert_contains(r, "修改资料 生日");
    /* old enough, no certificate: told whom to see */
    say(f, "wang", T1, "修改资料 生日1980年5月1日");
    assert_contains(say(f, "wang", T1, "接单 #1"), "证书");
    /* staff record one; only staff may */
    assert_contains(say(f, "wang", T1, "认证 @王师傅 托管 有效期2027-12-31"), "只有工作人员");
    assert_contains(say(f, "admin", T1, "认证 @王师傅 托管 有效期2026-11-01"), "已经过了");
    assert_contains(say(f, "admin", T1, "认证 @王师傅 托管 有效期2027-12-31"), "有效期到 2027-12-31");
    assert_contains(say(f, "wang", T1, "接单 #1"), "已接单");
    /* it expires: refused again, the date said */
    say(f, "wang", T1, "取消 #1");
    assert_contains(say(f, "admin", T1, "认证 @王师傅 托管 有效期2026-11-23"), "有效期到 2026-11-23");
    assert_contains(say(f, "wang", "2026-11-24T00:10:00+08:00", "接单 #1"), "已过期");
}

static void test_vetting_staff_ban_and_lift_it(void **state)
{
    struct fixture *f = *state;
    say(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼");
    say(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日");
    assert_contains(say(f, "zhang", T0, "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    assert_contains(say(f, "wang", T0, "禁止接单 @王师傅 7天"), "抱歉");
    assert_contains(say(f, "admin", T0, "禁止接单 @王师傅"), "几天");
    assert_contains(say(f, "admin", T0, "禁止接单 @王师傅 7天"), "11月30日");
    const char *r = say(f, "wang", T1, "接单 #1");
    assert_contains(r, "暂停到 11月30日");
    assert_contains(r, "工作人员暂停");
    /* told privately (cli: with the next private reply) was in that reply already; the order stays open */
    struct store_request q;
    assert_int_equal(store_request_get(f->st, 1, &q), BOT_OK);
    assert_int_equal(q.status, STORE_REQ_OPEN);
    assert_contains(say(f, "admin", T1, "解除禁止 @王师傅"), "已恢复");
    assert_contains(say(f, "admin", T1, "解除禁止 @王师傅"), "没有被禁止");
    assert_contains(say(f, "wang", T1, "接单 #1"), "已接单");
}

static void test_vetting_after_an_accept_both_sides_told_privately_with_the_safety_note(void **state)
{
    struct fixture *f = *state;
    say(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼 电话13812345678");
    say(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日 电话13900001111");
    assert_contains(say_in(f, "zhang", T0, "求助 明天上午9点帮我买菜 1小时", "g1"), "#1");
    /* in the group: the reply carries no contact, no note, no phone */
    const char *r = say_in(f, "wang", T1, "接单 #1", "g1");
    assert_contains(r, "已接单");
    assert_null(strstr(r, "现金"));
    assert_null(strstr(r, "1381234"));
    /* each reads the other's name and the safety note privately, never a phone number */
    r = say(f, "wang", "2026-11-23T10:06:00+08:00", "查积分");
    assert_contains(r, "张秀英（3号楼）是您 #1（代购）的需求方");
    assert_contains(r, "直接付给商店");
    assert_contains(r, "不收付现金");
    assert_null(strstr(r, "1381234"));
    r = say(f, "zhang", "2026-11-23T10:07:00+08:00", "查积分");
    assert_contains(r, "王师傅（3号楼）是您 #1（代购）的志愿者");
    assert_contains(r, "不收付现金");
    assert_null(strstr(r, "1390000"));
}

static void test_vetting_a_private_accept_says_the_note_in_the_reply(void **state)
{
    struct fixture *f = *state;
    post_childcare(f);
    say(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼 生日1970年5月1日");
    say(f, "admin", T0, "认证 @王师傅 托管 有效期2027-12-31");
    const char *r = say(f, "wang", T1, "接单 #1");
    assert_contains(r, "已接单");
    assert_contains(r, "只在社区活动室");
}

static void test_matching_an_offer_is_kept_and_a_request_reaches_the_skilled_first(void **state)
{
    struct fixture *f = *state;
    snprintf(f->cfg.generic_push_url, sizeof f->cfg.generic_push_url, "http://127.0.0.1:9/push");
    f->cfg.rules.match_push_count = 2;
    say_generic(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼");
    say_generic(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日");
    say_generic(f, "li", "2026-11-20T10:00:00+08:00", "注册 李师傅 3号楼 生日1980年5月1日");
    say_generic(f, "chen", "2026-11-20T10:00:00+08:00", "注册 陈师傅 3号楼 生日1980年5月1日");
    say_generic(f, "far", "2026-11-20T10:00:00+08:00", "注册 赵师傅 5号楼 生日1980年5月1日");
    say_generic(f, "kid", "2026-11-20T10:00:00+08:00", "注册 小明 3号楼 生日2012年3月10日");
    say_generic(f, "ban", "2026-11-20T10:00:00+08:00", "注册 钱师傅 3号楼 生日1980年5月1日");
    assert_contains(say_generic(f, "wang", "2026-11-20T11:00:00+08:00", "我会修水电"), "维修");
    assert_contains(say_generic(f, "li", "2026-11-20T11:00:00+08:00", "我会修水电"), "维修");
    say_generic(f, "far", "2026-11-20T11:00:00+08:00", "我会修水电");
    say_generic(f, "kid", "2026-11-20T11:00:00+08:00", "我会修电脑");
    say_generic(f, "ban", "2026-11-20T11:00:00+08:00", "我会修水电");
    say_generic(f, "admin", "2026-11-20T11:00:00+08:00", "禁止接单 @钱师傅 30天");
    say_generic(f, "chen", "2026-11-20T11:00:00+08:00", "我可以教英语");
    /* li has the higher level (共筑: 201 hours earned): li first, then wang */
    sql(f, "UPDATE accounts SET earned = 201 * 60 WHERE name = 'generic:li'");
    sql(f, "UPDATE member_skills SET earned = 201 * 60 WHERE member_id = (SELECT member_id FROM accounts "
           "WHERE name = 'generic:li')"); /* her offers carry it (v32), as store_transfer keeps them */
    f->cfg.rules.match_push_count = 1;
    assert_contains(say_generic(f, "zhang", T0, "求助 明天上午9点 水龙头漏水 修一下"), "#1");
    assert_int_equal(pushed_to(f, "match", "li"), 1);
    assert_int_equal(pushed_to(f, "match", "wang"), 0);
    f->cfg.rules.match_push_count = 3;
    assert_contains(say_generic(f, "zhang", T0, "求助 后天上午9点 灯泡坏了 换一下"), "#2");
    assert_int_equal(pushed_to(f, "match", "li"), 2);
    assert_int_equal(pushed_to(f, "match", "wang"), 1);
    /* never another building, a 14-year-old, a banned member, another skill, the requester */
    assert_int_equal(pushed_to(f, "match", "far"), 0);
    assert_int_equal(pushed_to(f, "match", "kid"), 0);
    assert_int_equal(pushed_to(f, "match", "ban"), 0);
    assert_int_equal(pushed_to(f, "match", "chen"), 0);
    assert_int_equal(pushed_to(f, "match", "zhang"), 0);
    /* the push says how to accept, and no flat */
    assert_int_equal(outbox_rows(f->path, "match", "", "接单 #1"), 1);
    /* and names its order (v36): the sender drops it unsent once #1 is taken, cancelled or begun */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE job = 'match' AND subject = 1"), 1);
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE job = 'match' AND subject IS NULL"), 0);
    /* an offer denied is never kept, asked is never kept, and one taken back stops the pushes */
    assert_contains(say_generic(f, "chen", T0, "我不会修水电"), "没有登记");
    assert_contains(say_generic(f, "chen", T0, "我会修水电吗？"), "想登记");
    assert_contains(say_generic(f, "chen", T0, "我老公会修水电"), "自己");
    assert_contains(say_generic(f, "li", T0, "我现在不能修水电了"), "不再先告诉您");
    /* a request denied is not posted, nor pushed (play-test: 我不需要帮忙买菜 posted one) */
    assert_contains(say_generic(f, "zhang", T0, "我不需要人帮忙修水管了"), "没有发布求助");
    assert_contains(say_generic(f, "zhang", T0, "我没说要求助 明天上午10点修水管"), "没有发布求助");
    assert_contains(say_generic(f, "zhang", T0, "求助 大后天上午9点 马桶堵了 通一下"), "#3");
    assert_int_equal(pushed_to(f, "match", "li"), 2);   /* #1 and #2 only */
    assert_int_equal(pushed_to(f, "match", "wang"), 2); /* #2 and #3 */
    assert_int_equal(pushed_to(f, "match", "chen"), 0);
    /* 注册 again with another building: the command that moves her, with her building */
    assert_contains(say_generic(f, "wang", T0, "注册 王师傅 5号楼 生日1980年5月1日"), "「修改资料 5号楼」");
}

static void test_matching_the_list_shows_matching_and_upcoming_first_paged(void **state)
{
    struct fixture *f = *state;
    char text[128];
    say(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼");
    /* one long past, kept open in the store: never listed */
    assert_contains(say(f, "zhang", "2026-11-20T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 1小时"), "#1");
    static const char *const days[11] = {"11月24日", "11月25日", "11月26日", "11月27日", "11月28日", "11月29日",
                                         "11月30日", "12月1日",  "12月2日",  "12月3日",  "12月4日"};
    for (int i = 0; i < 11; i++) { /* #2..#12, a day apart, by four neighbours (five open each at most) */
        char who[8];
        snprintf(who, sizeof who, "n%d", i % 4);
        snprintf(text, sizeof text, "求助 %s上午9点陪我去社区医院 1小时", days[i]);
        assert_contains(say(f, who, T0, text), "已发布");
    }
    assert_contains(say(f, "n3", T0, "求助 12月5日上午10点 水龙头漏水 修一下"), "#13");
    say(f, "wang", T0, "我会修水电");
    const char *r = say(f, "wang", T1, "有什么需求");
    /* the 维修 one first, then by start; 10 of 12, the rest said */
    assert_non_null(strstr(r, "#13 维修"));
    assert_true(strstr(r, "#13 维修") < strstr(r, "#2 陪诊"));
    assert_true(strstr(r, "#2 陪诊") < strstr(r, "#3 陪诊"));
    assert_null(strstr(r, "#1 陪诊"));
    assert_null(strstr(r, "#11 陪诊"));
    assert_contains(r, "还有 2 个，回复「更多」");
    /* an order of the first page cancelled meanwhile: the next page goes on after the last one shown (by its
     * place, #11 would have been skipped: play-test) */
    assert_contains(say(f, "n0", "2026-11-23T10:05:00+08:00", "取消 #2"), "已取消");
    r = say(f, "wang", "2026-11-23T10:06:00+08:00", "更多");
    assert_contains(r, "#11 陪诊");
    assert_contains(r, "#12 陪诊");
    assert_null(strstr(r, "#13"));
    assert_null(strstr(r, "还有"));
    assert_contains(r, "就这些了");
    /* past the last page: said so, each time, never the first page again */
    assert_contains(say(f, "wang", "2026-11-23T10:07:00+08:00", "更多"), "没有更多了");
    assert_contains(say(f, "wang", "2026-11-23T10:07:30+08:00", "更多"), "没有更多了");
    /* a volunteer without skills: by start, #3 first (#2 cancelled) */
    r = say(f, "li", "2026-11-23T10:08:00+08:00", "有什么需求");
    assert_null(strstr(r, "#2 陪诊"));
    assert_true(strstr(r, "#3 陪诊") < strstr(r, "#4 陪诊"));
    assert_contains(r, "还有 1 个");
    /* a yes/no question between pages (能接#4吗 → 是) keeps the page: 更多 goes on, not over (play-test) */
    say(f, "li", "2026-11-23T10:08:10+08:00", "注册 李师傅 3号楼 生日1975年5月1日");
    r = say(f, "li", "2026-11-23T10:08:20+08:00", "有什么需求");
    assert_contains(r, "还有 1 个");
    assert_contains(say(f, "li", "2026-11-23T10:08:30+08:00", "能接#4吗"), "回复「是」确认");
    assert_contains(say(f, "li", "2026-11-23T10:08:40+08:00", "是"), "已接单 #4");
    r = say(f, "li", "2026-11-23T10:08:50+08:00", "更多");
    assert_null(strstr(r, "从头看"));
    assert_contains(r, "#13 维修");
    assert_null(strstr(r, "#3 陪诊"));
    /* and a 不用 to it too (play-test): nothing is accepted, the page stays open */
    assert_contains(say(f, "n3", "2026-11-23T10:09:00+08:00", "求助 12月6日上午10点 门锁坏了 修一下"), "#14");
    say(f, "zh", "2026-11-23T10:09:10+08:00", "注册 赵师傅 3号楼 生日1976年5月1日");
    r = say(f, "zh", "2026-11-23T10:09:20+08:00", "有什么需求");
    assert_contains(r, "还有 1 个");
    assert_null(strstr(r, "#14"));
    assert_contains(say(f, "zh", "2026-11-23T10:09:30+08:00", "能接#3吗"), "回复「是」确认");
    assert_contains(say(f, "zh", "2026-11-23T10:09:40+08:00", "不用"), "先不办了");
    r = say(f, "zh", "2026-11-23T10:09:50+08:00", "更多");
    assert_null(strstr(r, "从头看"));
    assert_contains(r, "#14 维修");
    assert_null(strstr(r, "#3 陪诊"));
}

static void test_vetting_accept_needs_registration_and_a_birthday(void **state)
{
    struct fixture *f = *state;
    say(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼 生日1950年11月26日");
    assert_contains(say(f, "zhang", T0, "求助 明天上午9点陪我去社区医院 2小时"), "#1");
    /* not registered: the 注册 to send, with a birthday */
    const char *r = say(f, "walker", T1, "接单 #1");
    assert_contains(r, "请先登记");
    assert_contains(r, "注册 姓名 3号楼 生日");
    /* registered, no birthday on file: every service asks for it (min_age needs a known age) */
    say(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼");
    r = say(f, "wang", T1, "接单 #1");
    assert_contains(r, "年满 18 岁");
    assert_contains(r, "修改资料 生日");
    struct store_request q;
    assert_int_equal(store_request_get(f->st, 1, &q), BOT_OK);
    assert_int_equal(q.status, STORE_REQ_OPEN);
    /* the birthday added: accepted */
    assert_contains(say(f, "wang", T1, "修改资料 生日1980年5月1日"), "生日已更新");
    assert_contains(say(f, "wang", T1, "接单 #1"), "已接单");
}

static void test_vetting_insurance_when_the_community_uses_it(void **state)
{
    struct fixture *f = *state;
    f->cfg.rules.require_insurance = 1;
    say(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼 生日1950年11月26日");
    say(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日");
    assert_contains(say(f, "zhang", T0, "求助 明天上午9点帮我买菜 1小时"), "#1");
    const char *r = say(f, "wang", T1, "接单 #1");
    assert_contains(r, "志愿者保险");
    assert_contains(r, "认证 @您 保险 有效期");
    assert_contains(say(f, "wang", T1, "认证 @王师傅 保险 有效期2027-12-31"), "只有工作人员");
    assert_contains(say(f, "admin", T1, "认证 @王师傅 保险 有效期2027-12-31"), "已登记 王师傅 的志愿者保险，有效期到 2027-12-31");
    assert_contains(say(f, "wang", T1, "接单 #1"), "已接单");
    /* it lapses: refused with its date */
    say(f, "wang", T1, "取消 #1");
    say(f, "admin", T1, "认证 @王师傅 保险 有效期2026-11-23");
    assert_contains(say(f, "wang", "2026-11-24T00:10:00+08:00", "接单 #1"), "已过期");
    /* a community without insurance (the default) asks for none */
    f->cfg.rules.require_insurance = 0;
    assert_contains(say(f, "wang", "2026-11-24T00:11:00+08:00", "接单 #1"), "已接单");
}

static void test_vetting_training_for_the_services_marked(void **state)
{
    struct fixture *f = *state;
    /* a services file marking 陪伴 as needing training */
    char path[] = "/tmp/bot-services-XXXXXX", line[4096], err[256]; /* beside no store: f->path may be a URL */
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    FILE *in = fopen("data/services.txt", "r"), *out = fopen(path, "w");
    assert_non_null(in);
    assert_non_null(out);
    while (fgets(line, sizeof line, in))
        fprintf(out, "%s%s", strncmp(line, "陪伴:", strlen("陪伴:")) == 0 ? "陪伴 [培训]" : "",
                strncmp(line, "陪伴:", strlen("陪伴:")) == 0 ? line + strlen("陪伴") : line);
    fclose(in);
    fclose(out);
    nlp_free(f->nlp);
    struct nlp_options o = {f->cfg.bot_names, path};
    assert_int_equal(nlp_create(&o, &f->nlp, err), BOT_OK);
    unlink(path);
    assert_true(nlp_service_needs_training(f->nlp, nlp_service_index("陪伴")));
    assert_false(nlp_service_needs_training(f->nlp, nlp_service_index("陪诊")));
    assert_true(nlp_service_needs_cert(f->nlp, nlp_service_index("托管")));
    say(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼 生日1950年11月26日");
    say(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日");
    assert_contains(say(f, "zhang", T0, "求助 明天下午3点陪我聊聊天 1小时"), "陪伴");
    assert_contains(say(f, "zhang", T0, "求助 明天上午9点陪我去社区医院 2小时"), "#2");
    const char *r = say(f, "wang", T1, "接单 #1");
    assert_contains(r, "培训记录");
    assert_contains(r, "认证 @您 培训 有效期");
    assert_contains(say(f, "wang", T1, "接单 #2"), "已接单"); /* 陪诊 needs none */
    assert_contains(say(f, "admin", T1, "认证 @王师傅 培训 有效期2027-06-30"), "的培训记录，有效期到 2027-06-30");
    assert_contains(say(f, "wang", T1, "接单 #1"), "已接单");
}

static void test_vetting_staff_read_a_members_qualifications(void **state)
{
    struct fixture *f = *state;
    say(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日");
    say(f, "li", "2026-11-20T10:00:00+08:00", "注册 李阿姨 3号楼");
    const char *r = say(f, "admin", T0, "资质 @王师傅");
    assert_contains(r, "王师傅（3号楼） 的资质");
    assert_contains(r, "46 岁");
    assert_contains(r, "培训：未登记");
    assert_contains(r, "保险：未登记");
    assert_contains(r, "可以接单");
    say(f, "admin", T0, "认证 @王师傅 托管 有效期2027-12-31");
    say(f, "admin", T0, "认证 @王师傅 培训 有效期2026-11-23");
    say(f, "admin", T0, "认证 @王师傅 保险 有效期2027-01-31");
    say(f, "admin", T0, "禁止接单 @王师傅 7天");
    r = say(f, "admin", "2026-11-24T10:00:00+08:00", "资质 @王师傅");
    assert_contains(r, "托管证书 到 2027-12-31");
    assert_contains(r, "培训 到 2026-11-23（已过期）");
    assert_contains(r, "保险 到 2027-01-31");
    assert_null(strstr(r, "未登记"));
    assert_contains(r, "禁止接单到 11月30日");
    assert_contains(r, "解除禁止 @王师傅");
    /* no birthday on file says so; only staff may read it */
    assert_contains(say(f, "admin", T0, "资质 @李阿姨"), "生日未登记");
    assert_contains(say(f, "wang", T0, "资质 @李阿姨"), "只有工作人员");
}

#define TEST_ST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/* A match push held over the quiet hours says what is true when it arrives (helper play-test: neighbours were asked
 * at 8:00 for 明天上午10点 after the order had moved, and both moves' group lines arrived): a move drops what is still
 * queued with the old time (recorded dropped, with why) and the neighbour who had not read it yet gets it as it reads
 * now, still held to the morning; the group reads only the last move; once taken, nothing about it goes at all. */
static void test_matching_a_queued_push_follows_the_order_it_is_about(void **state)
{
    struct fixture *f = *state;
    snprintf(f->cfg.generic_push_url, sizeof f->cfg.generic_push_url, "http://127.0.0.1:9/push");
    f->cfg.rules.match_push_count = 2;
    say_generic(f, "zhang", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼");
    say_generic(f, "wang", "2026-11-20T10:00:00+08:00", "注册 王师傅 3号楼 生日1980年5月1日");
    say_generic(f, "li", "2026-11-20T10:00:00+08:00", "注册 李师傅 3号楼 生日1980年5月1日");
    say_generic(f, "wang", "2026-11-20T11:00:00+08:00", "我会修水电");
    say_generic(f, "li", "2026-11-20T11:00:00+08:00", "我会修水电");
    assert_contains(fixture_say(f, "generic", NULL, "zhang", "zhang", "2026-11-23T22:30:00+08:00",
                                "求助 明天上午10点 水龙头漏水 修一下", "g1"), "#1");
    int64_t morning = iso("2026-11-24T08:00:00+08:00");
    char at8[24];
    snprintf(at8, sizeof at8, "%lld", (long long)morning);
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE job = 'match' AND next_at = ?1", at8),
                     2); /* held to 8:00 */
    assert_contains(say_generic(f, "zhang", "2026-11-23T22:40:00+08:00", "#1 改时间 明天下午3点"), "改到");
    assert_contains(say_generic(f, "zhang", "2026-11-23T22:50:00+08:00", "#1 改时间 后天上午9点"), "改到");
    /* what told 10点 or 3点 is dropped, with why; nothing deleted */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE subject = 1 AND status = 'dropped' AND "
                                      "last_error = '" STORE_OUTBOX_WHY_MOVED "'"), 5); /* 2 + 2 pushes, 1 group line */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE subject = 1 AND status = 'pending'"), 3);
    /* each neighbour once, at the time it has now, still in the morning: as a first push reads (she never saw the
     * old time, so no 时间改到了: play78) */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE job = 'match' AND status = 'pending' AND "
                                      "text LIKE '%发了求助 #1（%，11月25日%上午9点%' AND next_at = ?1", at8), 2);
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE job = 'match' AND text LIKE '%改到%'"), 0);
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE job = 'match' AND status = 'pending' AND "
                                      "user_id = 'wang'"), 1);
    /* the group reads the last move only */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox WHERE job = 'rescheduled' AND status = 'pending' "
                                      "AND chat_id = 'g1' AND text LIKE '%11月25日%'"), 1);
    /* taken before the morning: the sender finds all three about an order no longer open */
    assert_contains(say_generic(f, "wang", "2026-11-23T23:00:00+08:00", "接单 #1"), "已接单");
    struct store_outbox *due = calloc(8, sizeof *due);
    char cursor[STORE_OUTBOX_DEST_MAX] = "";
    int n = 0, stale = 0;
    assert_int_equal(store_outbox_due(f->st, morning, NULL, 0, 4, cursor, due, 8, &n), BOT_OK);
    for (int i = 0; i < n; i++)
        stale += due[i].stale == STORE_OUTBOX_STALE_OVER;
    free(due);
    assert_int_equal(stale, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_ST(test_vetting_a_14_year_old_cannot_accept_anything),
        TEST_ST(test_vetting_childcare_needs_the_age_a_birthday_and_a_certificate),
        TEST_ST(test_vetting_staff_ban_and_lift_it),
        TEST_ST(test_vetting_after_an_accept_both_sides_told_privately_with_the_safety_note),
        TEST_ST(test_vetting_a_private_accept_says_the_note_in_the_reply),
        TEST_ST(test_matching_an_offer_is_kept_and_a_request_reaches_the_skilled_first),
        TEST_ST(test_matching_a_queued_push_follows_the_order_it_is_about),
        TEST_ST(test_matching_the_list_shows_matching_and_upcoming_first_paged),
        TEST_ST(test_vetting_accept_needs_registration_and_a_birthday),
        TEST_ST(test_vetting_insurance_when_the_community_uses_it),
        TEST_ST(test_vetting_training_for_the_services_marked),
        TEST_ST(test_vetting_staff_read_a_members_qualifications),
    };
    return cmocka_run_group_tests_name("vetting", tests, NULL, NULL);
}
