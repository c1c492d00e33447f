/* console_test.c — the web console without sockets: login links, sessions, CSRF, a 楼长's building, escaping, CSV,
 * the money pages. */
#include "bot_fixture.h"

#include "../console/console_int.h"

static int setup(void **state)
{
    int rc = fixture_setup(state);
    struct fixture *f = *state;
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "cli:admin");
    return rc;
}

static int teardown(void **state) { return fixture_teardown(state); }

#define NOW "2026-11-24T10:00:00+08:00"

static const char *say(struct fixture *f, const char *user, const char *text)
{
    return fixture_say(f, "cli", NULL, user, NULL, NOW, text, NULL);
}

/* One request through console_handle at NOW + dt seconds; the response (the caller frees its body). */
static struct console_resp call(struct fixture *f, const char *method, const char *path, const char *query,
                                const char *cookie, const char *body, int dt)
{
    struct hd_ctx ctx = fixture_ctx(f, iso(NOW) + dt);
    struct console_env env = {f->st, f->nlp, ctx.set, ctx.platforms, ctx.nplatforms, 12, 10, "rules\toverdraft_hours\t10\n"};
    struct console_req req = {method, path, query, cookie, body, body ? strlen(body) : 0, "127.0.0.1", iso(NOW) + dt};
    struct console_resp resp;
    assert_int_equal(console_handle(&env, &req, &resp), BOT_OK);
    return resp;
}

/* The t=... of a 后台 reply. */
static void token_of(const char *reply, char query[64])
{
    const char *t = strstr(reply, "t=");
    assert_non_null(t);
    snprintf(query, 64, "%.34s", t);
}

/* Sign user in: "tb_console=…" into cookie, the page's CSRF token into csrf. */
static void sign_in(struct fixture *f, const char *user, char cookie[64], char csrf[64])
{
    char q[64];
    token_of(say(f, user, "后台"), q);
    struct console_resp r = call(f, "GET", "/login", q, NULL, NULL, 0);
    assert_int_equal(r.status, 303);
    assert_string_equal(r.location, "/console/");
    assert_non_null(strstr(r.set_cookie, "HttpOnly"));
    assert_non_null(strstr(r.set_cookie, "SameSite=Strict"));
    snprintf(cookie, 64, "%.43s", r.set_cookie);
    free(r.body);
    r = call(f, "GET", "/", NULL, cookie, NULL, 1);
    assert_int_equal(r.status, 200);
    const char *v = strstr(r.body, "name=\"csrf\" value=\"");
    assert_non_null(v);
    snprintf(csrf, 64, "%.32s", v + strlen("name=\"csrf\" value=\""));
    free(r.body);
}

static void test_login_link_is_once_and_private(void **state)
{
    struct fixture *f = *state;
    say(f, "admin", "注册 王守信 1号楼 生日1970年1月1日");
    assert_non_null(strstr(say(f, "resident", "后台"), "楼长和工作人员"));
    assert_non_null(strstr(fixture_say(f, "cli", NULL, "admin", NULL, NOW, "后台", "g1"), "私聊"));
    char q[64];
    token_of(say(f, "admin", "后台"), q);
    struct console_resp r = call(f, "GET", "/login", q, NULL, NULL, 0);
    assert_int_equal(r.status, 303);
    free(r.body);
    r = call(f, "GET", "/login", q, NULL, NULL, 5); /* a second use */
    assert_int_equal(r.status, 403);
    assert_null(strstr(r.set_cookie, "tb_console"));
    free(r.body);
    token_of(say(f, "admin", "后台"), q);
    r = call(f, "GET", "/login", q, NULL, NULL, 11 * 60); /* past its 10 minutes */
    assert_int_equal(r.status, 403);
    free(r.body);
    /* without a session: asked to sign in, nothing shown */
    r = call(f, "GET", "/members", NULL, "tb_console=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, 0);
    assert_int_equal(r.status, 401);
    assert_null(strstr(r.body, "王守信"));
    free(r.body);
}

static void test_login_tries_are_limited(void **state)
{
    struct fixture *f = *state;
    say(f, "admin", "注册 王守信 1号楼 生日1970年1月1日");
    for (int i = 0; i < 10; i++) {
        struct console_resp r = call(f, "GET", "/login", "t=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", NULL, NULL, i);
        assert_int_equal(r.status, 403);
        free(r.body);
    }
    char q[64];
    token_of(fixture_say(f, "cli", NULL, "admin", NULL, "2026-11-24T10:05:00+08:00", "后台", NULL), q);
    struct console_resp r = call(f, "GET", "/login", q, NULL, NULL, 320); /* a good link, but too many tries */
    assert_int_equal(r.status, 429);
    free(r.body);
    r = call(f, "GET", "/login", q, NULL, NULL, 611); /* ten minutes after the tries: the link works, once */
    assert_int_equal(r.status, 303);
    free(r.body);
}

static void test_forms_need_the_session_token(void **state)
{
    struct fixture *f = *state;
    char cookie[64], csrf[64], body[160];
    say(f, "admin", "注册 王守信 1号楼 生日1970年1月1日");
    say(f, "li", "注册 李秀英 2号楼 生日1950年1月1日");
    struct store_member li;
    assert_int_equal(store_member_by_identity(f->st, "cli", "li", &li), BOT_OK);
    sign_in(f, "admin", cookie, csrf);
    snprintf(body, sizeof body, "do=suspend&target=%lld", (long long)li.id);
    struct console_resp r = call(f, "POST", "/act", NULL, cookie, body, 2);
    assert_int_equal(r.status, 403);
    free(r.body);
    assert_int_equal(store_member_get(f->st, li.id, &li), BOT_OK);
    assert_int_equal(li.suspended, 0);
    /* a notice waiting for the staff member stays for the chat: a web page does not use it up */
    struct store_member admin;
    assert_int_equal(store_member_by_identity(f->st, "cli", "admin", &admin), BOT_OK);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_member_notice(f->st, admin.id, "新投诉：#3", iso(NOW)), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    snprintf(body, sizeof body, "csrf=%s&do=suspend&target=%lld", csrf, (long long)li.id);
    r = call(f, "POST", "/act", NULL, cookie, body, 3);
    int waiting = 0;
    assert_int_equal(store_notices_waiting(f->st, admin.id, 0, &waiting), BOT_OK);
    assert_int_equal(waiting, 1);
    assert_null(strstr(r.body, "新投诉"));
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "已暂停"));
    free(r.body);
    assert_int_equal(store_member_get(f->st, li.id, &li), BOT_OK);
    assert_int_equal(li.suspended, 1);
    /* roles: the same 设为楼长 as in chat, the member named by id */
    snprintf(body, sizeof body, "csrf=%s&do=role&target=%lld&role=%%E6%%A5%%BC%%E9%%95%%BF&building=2%%E5%%8F%%B7%%E6%%A5%%BC",
             csrf, (long long)li.id); /* 楼长, 2号楼 */
    r = call(f, "POST", "/act", NULL, cookie, body, 3);
    assert_non_null(strstr(r.body, "楼长身份"));
    free(r.body);
    assert_int_equal(store_member_get(f->st, li.id, &li), BOT_OK);
    assert_true(li.roles & STORE_ROLE_MANAGER);
    assert_string_equal(li.manager_building, "2号楼");
    /* a GET of a form's address changes nothing */
    r = call(f, "GET", "/act", body, cookie, NULL, 4);
    assert_int_equal(r.status, 405);
    free(r.body);
    /* 退出后台 in chat ends the session */
    assert_non_null(strstr(say(f, "admin", "退出后台"), "已退出后台"));
    r = call(f, "GET", "/", NULL, cookie, NULL, 5);
    assert_int_equal(r.status, 401);
    free(r.body);
}

static void test_a_manager_sees_his_building(void **state)
{
    struct fixture *f = *state;
    char cookie[64], csrf[64], q[32];
    say(f, "admin", "注册 王守信 1号楼 生日1970年1月1日");
    say(f, "zhao", "注册 赵德明 3号楼 生日1965年1月1日");
    say(f, "li", "注册 李秀英 2号楼 生日1950年1月1日");
    say(f, "chen", "注册 陈伯 3号楼 生日1948年1月1日");
    say(f, "admin", "设为楼长 @zhao 3号楼");
    struct store_member li, chen;
    assert_int_equal(store_member_by_identity(f->st, "cli", "li", &li), BOT_OK);
    assert_int_equal(store_member_by_identity(f->st, "cli", "chen", &chen), BOT_OK);
    say(f, "li", "求助 明天上午9点陪我去医院");
    sign_in(f, "zhao", cookie, csrf);
    snprintf(q, sizeof q, "id=%lld", (long long)li.id);
    struct console_resp r = call(f, "GET", "/member", q, cookie, NULL, 2);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "李秀英"));
    free(r.body);
    r = call(f, "GET", "/order", "id=1", cookie, NULL, 2);
    assert_int_equal(r.status, 404);
    free(r.body);
    snprintf(q, sizeof q, "id=%lld", (long long)chen.id);
    r = call(f, "GET", "/member", q, cookie, NULL, 2);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "陈伯"));
    assert_null(strstr(r.body, "停用账户")); /* staff's buttons are staff's */
    free(r.body);
    r = call(f, "GET", "/members", "building=2号楼", cookie, NULL, 2); /* the building filter is his */
    assert_null(strstr(r.body, "李秀英"));
    assert_non_null(strstr(r.body, "陈伯"));
    free(r.body);
    r = call(f, "GET", "/csv/members", NULL, cookie, NULL, 2);
    assert_null(strstr(r.body, "李秀英"));
    free(r.body);
}

/* A branch admin (issue 18) sees her branch's buildings, several of them, as a 楼长 his one: pages, filters, CSV,
 * ids in URLs; the alliance's pages (the ledger) are not hers. */
static void test_a_branch_admin_sees_her_branch(void **state)
{
    struct fixture *f = *state;
    char cookie[64], csrf[64], q[32];
    say(f, "admin", "注册 王守信 1号楼 生日1970年1月1日");
    say(f, "wu", "注册 吴秀兰 8号楼 生日1975年1月1日");
    say(f, "li", "注册 李秀英 2号楼 生日1950年1月1日");
    say(f, "chen", "注册 陈伯 8号楼 生日1948年1月1日");
    say(f, "wang", "注册 王奶奶 9号楼 生日1946年1月1日");
    assert_non_null(strstr(say(f, "admin", "设为管理员 吴秀兰"), "管理员"));
    assert_non_null(strstr(say(f, "admin", "添加分会 城东分会"), "已添加"));
    assert_non_null(strstr(say(f, "admin", "分会 8号楼 城东分会"), "已加入"));
    assert_non_null(strstr(say(f, "admin", "分会 9号楼 城东分会"), "已加入"));
    assert_non_null(strstr(say(f, "admin", "分会管理员 吴秀兰 城东分会"), "城东分会的管理员"));
    struct store_member li, chen, wang;
    assert_int_equal(store_member_by_identity(f->st, "cli", "li", &li), BOT_OK);
    assert_int_equal(store_member_by_identity(f->st, "cli", "chen", &chen), BOT_OK);
    assert_int_equal(store_member_by_identity(f->st, "cli", "wang", &wang), BOT_OK);
    assert_non_null(strstr(say(f, "li", "求助 明天上午9点陪我去医院"), "#1"));
    assert_non_null(strstr(say(f, "chen", "求助 明天下午3点帮我修水龙头"), "#2"));
    sign_in(f, "wu", cookie, csrf);
    struct console_resp r = call(f, "GET", "/", NULL, cookie, NULL, 2);
    assert_non_null(strstr(r.body, "城东分会管理员"));
    assert_null(strstr(r.body, "/console/ledger"));
    free(r.body);
    snprintf(q, sizeof q, "id=%lld", (long long)li.id);
    r = call(f, "GET", "/member", q, cookie, NULL, 2);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "李秀英"));
    free(r.body);
    r = call(f, "GET", "/order", "id=1", cookie, NULL, 2);
    assert_int_equal(r.status, 404);
    free(r.body);
    r = call(f, "GET", "/order", "id=2", cookie, NULL, 2);
    assert_int_equal(r.status, 200);
    free(r.body);
    snprintf(q, sizeof q, "id=%lld", (long long)wang.id);
    r = call(f, "GET", "/member", q, cookie, NULL, 2);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "王奶奶"));
    assert_non_null(strstr(r.body, "停用账户")); /* staff of her branch: staff's buttons */
    free(r.body);
    r = call(f, "GET", "/members", NULL, cookie, NULL, 2); /* both buildings of her branch, not 2号楼 */
    assert_non_null(strstr(r.body, "陈伯"));
    assert_non_null(strstr(r.body, "王奶奶"));
    assert_null(strstr(r.body, "李秀英"));
    free(r.body);
    r = call(f, "GET", "/members", "building=2号楼", cookie, NULL, 2); /* another branch's building: hers instead */
    assert_null(strstr(r.body, "李秀英"));
    assert_non_null(strstr(r.body, "陈伯"));
    free(r.body);
    r = call(f, "GET", "/members", "building=9号楼", cookie, NULL, 2); /* one building of hers */
    assert_non_null(strstr(r.body, "王奶奶"));
    assert_null(strstr(r.body, "陈伯"));
    free(r.body);
    r = call(f, "GET", "/orders", NULL, cookie, NULL, 2);
    assert_non_null(strstr(r.body, "陈伯"));
    assert_null(strstr(r.body, "李秀英"));
    free(r.body);
    r = call(f, "GET", "/csv/members", NULL, cookie, NULL, 2);
    assert_null(strstr(r.body, "李秀英"));
    assert_non_null(strstr(r.body, "王奶奶"));
    free(r.body);
    r = call(f, "GET", "/csv/orders", NULL, cookie, NULL, 2);
    assert_null(strstr(r.body, "李秀英"));
    free(r.body);
    r = call(f, "GET", "/ledger", NULL, cookie, NULL, 2);
    assert_int_equal(r.status, 403);
    free(r.body);
    /* the alliance's staff: every building */
    sign_in(f, "admin", cookie, csrf);
    r = call(f, "GET", "/members", NULL, cookie, NULL, 2);
    assert_non_null(strstr(r.body, "李秀英"));
    assert_non_null(strstr(r.body, "王奶奶"));
    free(r.body);
}

static void test_values_are_escaped_and_csv_neutralised(void **state)
{
    struct fixture *f = *state;
    char cookie[64], csrf[64];
    say(f, "admin", "注册 王守信 1号楼 生日1970年1月1日");
    fixture_say(f, "cli", NULL, "x", "<script>alert(1)</script>", NOW, "求助 =1+2 帮我修水龙头", NULL);
    sign_in(f, "admin", cookie, csrf);
    struct console_resp r = call(f, "GET", "/members", NULL, cookie, NULL, 2);
    assert_null(strstr(r.body, "<script>"));
    assert_non_null(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    free(r.body);
    r = call(f, "GET", "/csv/orders", NULL, cookie, NULL, 2);
    assert_string_equal(r.type, "text/csv; charset=utf-8");
    assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
    assert_non_null(strstr(r.body, "\"求助 =1+2 帮我修水龙头\""));
    free(r.body);
    struct page p = {0};
    pg_csv_cell(&p, "=HYPERLINK(\"x\")", 0);
    pg_csv_cell(&p, "@SUM(A1)", 1);
    assert_string_equal(p.buf, "\"'=HYPERLINK(\"\"x\"\")\",\"'@SUM(A1)\"\r\n");
    free(p.buf);
    struct page q = {0}; /* a plain number stays a number a spreadsheet sums; -1+1 is no number */
    pg_csv_cell(&q, "-30", 0);
    pg_csv_cell(&q, "-1.5", 0);
    pg_csv_cell(&q, "-1+1", 1);
    assert_string_equal(q.buf, "\"-30\",\"-1.5\",\"'-1+1\"\r\n");
    free(q.buf);
    char v[32];
    assert_true(form_get("a=1&name=%E6%9D%8E+%3Cb%3E&c=", 29, "name", v, sizeof v));
    assert_string_equal(v, "李 <b>");
    assert_false(form_get("a=1", 3, "name", v, sizeof v));
}

/* The console names people as the chat counts them (play-test 14): bot.ini's staff are 工作人员 on the list, the CSV
 * and the member's page, a merchant's clerk is 商家店员, and a member's history names the bank's own accounts in
 * words, never by their names in the store. */
static void test_roles_and_accounts_as_the_chat_names_them(void **state)
{
    struct fixture *f = *state;
    char cookie[64], csrf[64], q[32];
    say(f, "admin", "注册 王守信 1号楼 生日1970年1月1日");
    say(f, "liu", "注册 刘小军 1号楼 生日1990年1月1日");
    say(f, "zhang", "注册 张桂芳 1号楼 生日1950年1月1日");
    say(f, "admin", "添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%");
    assert_non_null(strstr(say(f, "admin", "商家绑定 幸福超市 @liu"), "刘小军"));
    assert_non_null(strstr(say(f, "admin", "调整积分 @zhang +1小时 原因：上月漏记"), "补发"));
    sign_in(f, "admin", cookie, csrf);
    struct console_resp r = call(f, "GET", "/members", NULL, cookie, NULL, 2);
    assert_int_equal(r.status, 200);
    const char *row = strstr(r.body, "王守信");
    assert_non_null(row);
    assert_non_null(strstr(row, "工作人员"));
    row = strstr(r.body, "刘小军");
    assert_non_null(row);
    assert_non_null(strstr(row, "商家店员"));
    free(r.body);
    r = call(f, "GET", "/csv/members", NULL, cookie, NULL, 2);
    row = strstr(r.body, "王守信");
    assert_non_null(row);
    assert_true(strncmp(row, "王守信\",\"1号楼\",\"工作人员", strlen("王守信\",\"1号楼\",\"工作人员")) == 0);
    assert_non_null(strstr(r.body, "商家店员"));
    free(r.body);
    struct store_member zhang;
    assert_int_equal(store_member_by_identity(f->st, "cli", "zhang", &zhang), BOT_OK);
    snprintf(q, sizeof q, "id=%lld", (long long)zhang.id);
    r = call(f, "GET", "/member", q, cookie, NULL, 2);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "<td>工作人员调整</td>"));
    assert_null(strstr(r.body, "<td>adjust</td>"));
    assert_non_null(strstr(r.body, "<td>居民</td>"));
    free(r.body);
}

static void test_money_pages(void **state)
{
    struct fixture *f = *state;
    char cookie[64], csrf[64], body[256];
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "cli:admin,cli:acct");
    say(f, "admin", "注册 王守信 1号楼 生日1970年1月1日");
    say(f, "acct", "注册 钱会计 1号楼 生日1972年1月1日");
    say(f, "zhao", "注册 赵德明 3号楼 生日1965年1月1日");
    say(f, "admin", "设为楼长 @zhao 3号楼");
    say(f, "admin", "添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%");
    say(f, "admin", "记账 期初 5000元");
    say(f, "acct", "记账 支出 音响租赁 1200元");
    sign_in(f, "admin", cookie, csrf);
    struct console_resp r = call(f, "GET", "/merchants", NULL, cookie, NULL, 2);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "幸福超市"));
    assert_non_null(strstr(r.body, "value=\"settle\""));
    free(r.body);
    r = call(f, "GET", "/finance", NULL, cookie, NULL, 2);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "银行存款"));
    assert_non_null(strstr(r.body, "5000元"));
    assert_non_null(strstr(r.body, "支出 #1 音响租赁 1200元"));
    assert_non_null(strstr(r.body, "2026年11月财务公示"));
    free(r.body);
    snprintf(body, sizeof body, "csrf=%s&do=approve&id=1", csrf);
    r = call(f, "POST", "/money", NULL, cookie, body, 3); /* 批准支出 #1, as the chat command */
    assert_non_null(strstr(r.body, "已批准支出 #1"));
    free(r.body);
    struct store_spending sp;
    assert_int_equal(store_spending_get(f->st, 1, &sp), BOT_OK);
    assert_int_equal(sp.status, STORE_SPEND_APPROVED);
    snprintf(body, sizeof body, "csrf=%s&do=book&kind=收入&item=场地 租赁&yuan=12.5", csrf);
    r = call(f, "POST", "/money", NULL, cookie, body, 4);
    assert_non_null(strstr(r.body, "已记收入：场地租赁 12.5元，账上现有 3812.5元")); /* one word; the bank after #1 */
    free(r.body);
    snprintf(body, sizeof body, "csrf=%s&do=book&kind=收入&item=x&yuan=1e9", csrf);
    r = call(f, "POST", "/money", NULL, cookie, body, 5); /* not an amount: nothing run */
    assert_int_equal(r.status, 400);
    free(r.body);
    sign_in(f, "zhao", cookie, csrf);
    r = call(f, "GET", "/merchants", NULL, cookie, NULL, 6);
    assert_int_equal(r.status, 403);
    free(r.body);
    r = call(f, "GET", "/finance", NULL, cookie, NULL, 6);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "财务公示"));
    assert_null(strstr(r.body, "银行存款"));
    assert_null(strstr(r.body, "value=\"approve\""));
    free(r.body);
}

static const char *say_at(struct fixture *f, const char *user, const char *when, const char *text)
{
    return fixture_say(f, "cli", NULL, user, NULL, when, text, NULL);
}

/* One order of requester's served by volunteer, confirmed on 2026-11-2<day> (hours long). */
static void served_on(struct fixture *f, const char *requester, const char *volunteer, int id, int day, int hours)
{
    char when[40], text[80], want[8];
    snprintf(when, sizeof when, "2026-11-%02dT08:00:00+08:00", day - 1);
    snprintf(text, sizeof text, "求助 明天上午9点陪我去医院 %d小时", hours);
    snprintf(want, sizeof want, "#%d", id);
    assert_non_null(strstr(say_at(f, requester, when, text), want));
    snprintf(text, sizeof text, "接单 #%d", id);
    assert_non_null(strstr(say_at(f, volunteer, when, text), "已接单"));
    snprintf(when, sizeof when, "2026-11-%02dT09:00:00+08:00", day);
    snprintf(text, sizeof text, "开始服务 #%d", id);
    say_at(f, volunteer, when, text);
    snprintf(when, sizeof when, "2026-11-%02dT%02d:00:00+08:00", day, 9 + hours);
    snprintf(text, sizeof text, "结束服务 #%d", id);
    say_at(f, volunteer, when, text);
    snprintf(when, sizeof when, "2026-11-%02dT18:00:00+08:00", day);
    snprintf(text, sizeof text, "确认 #%d", id);
    assert_non_null(strstr(say_at(f, requester, when, text), "小时"));
}

/* 月报 and 公示 (issue 18): a branch admin reads her branch's, the alliance's staff all of it with a by-branch
 * table once there is more than one branch. */
static void test_reports_split_by_branch(void **state)
{
    struct fixture *f = *state;
    char cookie[64], csrf[64];
    say_at(f, "admin", "2026-11-01T10:00:00+08:00", "注册 王守信 1号楼 生日1970年1月1日");
    say_at(f, "wu", "2026-11-01T10:00:00+08:00", "注册 吴秀兰 8号楼 生日1975年1月1日");
    say_at(f, "li", "2026-11-01T10:00:00+08:00", "注册 李秀英 2号楼 生日1950年1月1日");
    say_at(f, "chen", "2026-11-01T10:00:00+08:00", "注册 陈伯 8号楼 生日1948年1月1日");
    say_at(f, "wang", "2026-11-01T10:00:00+08:00", "注册 王奶奶 9号楼 生日1946年1月1日");
    served_on(f, "li", "admin", 1, 20, 2);  /* 本会: 2号楼's order, served from 1号楼 */
    served_on(f, "chen", "wang", 2, 21, 1); /* 城东分会: 8号楼's order, served from 9号楼 */
    /* one branch: the reports as before */
    sign_in(f, "admin", cookie, csrf);
    struct console_resp r = call(f, "GET", "/report", "month=2026-11", cookie, NULL, 2);
    assert_non_null(strstr(r.body, "3小时"));
    assert_null(strstr(r.body, "按分会"));
    free(r.body);
    r = call(f, "GET", "/publicity", "month=2026-11", cookie, NULL, 2);
    assert_null(strstr(r.body, "各分会"));
    free(r.body);
    assert_non_null(strstr(say(f, "admin", "设为管理员 吴秀兰"), "管理员"));
    assert_non_null(strstr(say(f, "admin", "添加分会 城东分会"), "已添加"));
    assert_non_null(strstr(say(f, "admin", "分会 8号楼 城东分会"), "已加入"));
    assert_non_null(strstr(say(f, "admin", "分会 9号楼 城东分会"), "已加入"));
    assert_non_null(strstr(say(f, "admin", "分会管理员 吴秀兰 城东分会"), "城东分会的管理员"));
    /* her branch: one order done, 1 hour, 8号楼's; 9号楼's helper on the 公示 */
    sign_in(f, "wu", cookie, csrf);
    r = call(f, "GET", "/report", "month=2026-11", cookie, NULL, 2);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "<tr><th>完成</th><td>1</td></tr>"));
    assert_non_null(strstr(r.body, "<tr><th>登记成员</th><td>3（本月新增 3）</td></tr>"));
    assert_non_null(strstr(r.body, "8号楼"));
    assert_null(strstr(r.body, "2号楼"));
    assert_null(strstr(r.body, "按分会"));
    free(r.body);
    r = call(f, "GET", "/csv/report", "month=2026-11", cookie, NULL, 2);
    assert_non_null(strstr(r.body, "\"完成\",\"1\"\r\n"));
    assert_non_null(strstr(r.body, "\"服务小时\",\"1.0\"\r\n"));
    free(r.body);
    r = call(f, "GET", "/publicity", "month=2026-11", cookie, NULL, 2);
    assert_non_null(strstr(r.body, "9号楼"));
    assert_null(strstr(r.body, "1号楼"));
    assert_null(strstr(r.body, "各分会"));
    free(r.body);
    /* the alliance's staff: all of it, and each branch's line */
    sign_in(f, "admin", cookie, csrf);
    r = call(f, "GET", "/report", "month=2026-11", cookie, NULL, 2);
    assert_non_null(strstr(r.body, "<tr><th>完成</th><td>2</td></tr>"));
    assert_non_null(strstr(r.body, "按分会"));
    assert_non_null(strstr(r.body, "<tr><td>城东分会</td><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">1</td>"));
    assert_non_null(strstr(r.body, "<td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">2小时</td>"));
    free(r.body);
    r = call(f, "GET", "/publicity", "month=2026-11", cookie, NULL, 2);
    assert_non_null(strstr(r.body, "1号楼"));
    assert_non_null(strstr(r.body, "9号楼"));
    assert_non_null(strstr(r.body, "各分会互助时长"));
    assert_non_null(strstr(r.body, "<tr><td>城东分会</td><td class=\"n\">1小时</td></tr>"));
    free(r.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_login_link_is_once_and_private, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_tries_are_limited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forms_need_the_session_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_manager_sees_his_building, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_branch_admin_sees_her_branch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reports_split_by_branch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values_are_escaped_and_csv_neutralised, setup, teardown),
        cmocka_unit_test_setup_teardown(test_money_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roles_and_accounts_as_the_chat_names_them, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
