/* http.c — the console's door: one-time login links, sessions in an HttpOnly cookie, CSRF on every form, the role
 * and building each page needs, the route table, and running a chat command for a signed-in member. */
#include "console_int.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"

#define COOKIE "tb_console"
#define TRY_WINDOW 600

void pg_time(const struct console_call *c, int64_t t, char buf[32])
{
    buf[0] = '\0';
    if (!t)
        return;
    int y, mo, d;
    int64_t local = t + c->env->set->utc_offset;
    bot_civil_from_days(bot_floor_div(local, 86400), &y, &mo, &d);
    int64_t sec = local - bot_floor_div(local, 86400) * 86400;
    snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d", y, mo, d, (int)(sec / 3600), (int)(sec / 60 % 60));
}

int console_month(const struct console_call *c, int last_by_default, int *y, int *mo, int64_t *from, int64_t *to,
                  char name[16])
{
    char m[16] = "";
    int d, off = c->env->set->utc_offset, rc = 0;
    bot_civil_from_days(bot_local_day(c->req->now, off), y, mo, &d);
    if (form_get(c->q, c->qlen, "month", m, sizeof m) && m[0]) {
        int yy = strlen(m) == 7 && m[4] == '-' && strspn(m, "0123456789-") == 7 ? (int)strtol(m, NULL, 10) : 0;
        int mm = yy ? (int)strtol(m + 5, NULL, 10) : 0;
        if (yy >= 2000 && yy <= 2999 && mm >= 1 && mm <= 12) {
            *y = yy;
            *mo = mm;
        } else {
            rc = -1;
        }
    } else if (last_by_default && --*mo == 0) {
        *mo = 12;
        --*y;
    }
    *from = bot_month_start(*y, *mo, off);
    *to = bot_month_start(*mo == 12 ? *y + 1 : *y, *mo == 12 ? 1 : *mo + 1, off);
    snprintf(name, 16, "%04d-%02d", *y, *mo);
    return rc;
}

int console_sees(const struct console_call *c, const char *building)
{
    int64_t branch = 0;
    if (c->branch) /* the one rule of the chat's staff (hd_staff_covers): the buildings of her branch */
        return store_building_branch(c->env->st, building ? building : "", &branch) == BOT_OK && branch == c->branch;
    return c->admin || (building && strcmp(building, c->scope) == 0);
}

int console_all(const struct console_call *c)
{
    return c->admin && !c->branch;
}

void console_filter_building(const struct console_call *c, char *building, size_t size)
{
    if (console_all(c) || (c->branch && building[0] && console_sees(c, building)))
        return;
    bot_strlcpy(building, c->scope, size);
}

void pg_begin(struct console_call *c, const char *title)
{
    struct page *p = &c->page;
    pg_raw(p, "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
              "<link rel=\"stylesheet\" href=\"/console/static/console.css\"><title>");
    pg_text(p, title);
    pg_raw(p, " · 时间驿站后台</title></head><body><header><nav>");
    static const struct {
        const char *href, *label;
        int staff_only;
    } nav[] = {{"/console/", "今天", 0},           {"/console/orders", "订单", 0},
               {"/console/members", "成员", 0},    {"/console/complaints", "投诉", 0},
               {"/console/ledger", "账目", 1},     {"/console/activities", "活动", 0},
               {"/console/merchants", "商家", 1},  {"/console/finance", "财务", 0},
               {"/console/report", "月报", 0},     {"/console/publicity", "公示", 0},
               {"/console/settings", "设置", 1}};
    for (size_t i = 0; i < BOT_ARRAY_LEN(nav); i++)
        if (!nav[i].staff_only || console_all(c))
            pg_rawf(p, "<a href=\"%s\">%s</a>", nav[i].href, nav[i].label);
    pg_raw(p, "</nav><div class=\"who\">");
    pg_text(p, c->me.name[0] ? c->me.name : "工作人员");
    if (c->branch) {
        struct store_branch b;
        pg_raw(p, "（");
        pg_text(p, store_branch_get(c->env->st, c->branch, &b) == BOT_OK && b.name[0] ? b.name : c->scope);
        pg_raw(p, "管理员）");
    } else if (!c->admin) {
        pg_raw(p, "（");
        pg_text(p, c->scope);
        pg_raw(p, "楼长）");
    }
    pg_form(c, "/console/logout");
    pg_raw(p, "<button>退出</button></form></div></header><main><h1>");
    pg_text(p, title);
    pg_raw(p, "</h1>");
}

void pg_end(struct console_call *c)
{
    pg_raw(&c->page, "</main><script src=\"/console/static/console.js\"></script></body></html>");
}

void pg_form(struct console_call *c, const char *action)
{
    pg_raw(&c->page, "<form method=\"post\" action=\"");
    pg_text(&c->page, action);
    pg_raw(&c->page, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
    pg_text(&c->page, c->csrf);
    pg_raw(&c->page, "\">");
}

/* A page outside the frame (nobody signed in): the message alone. */
static void bare_message(struct page *p, const char *title, const char *text)
{
    pg_raw(p, "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
              "<link rel=\"stylesheet\" href=\"/console/static/console.css\"><title>");
    pg_text(p, title);
    pg_raw(p, "</title></head><body><main><h1>");
    pg_text(p, title);
    pg_raw(p, "</h1><p>");
    pg_text(p, text);
    pg_raw(p, "</p></main></body></html>");
}

void pg_message(struct console_call *c, int status, const char *title, const char *text)
{
    c->resp->status = status;
    pg_begin(c, title);
    pg_raw(&c->page, "<p class=\"msg\">");
    pg_text(&c->page, text);
    pg_raw(&c->page, "</p>");
    pg_end(c);
}

/* The session id in the Cookie header into sid (base64url, 32 characters); 0 when there is none. */
static int cookie_sid(const char *cookie, char sid[HD_TOKEN_MAX])
{
    for (const char *p = cookie; p && (p = strstr(p, COOKIE "=")); p++) {
        if (p != cookie && p[-1] != ' ' && p[-1] != ';')
            continue;
        p += strlen(COOKIE "=");
        size_t n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
        if (n != 32)
            return 0;
        memcpy(sid, p, n);
        sid[n] = '\0';
        return 1;
    }
    return 0;
}

/* Is the member staff: the role, or one of their identities named in [roles] admins? */
/* Who may use the console: staff, or a 楼长 (of their building). *ok 0 for anyone else. */
static enum bot_rc allowed(struct console_call *c, int *ok)
{
    *ok = 0;
    enum bot_rc rc = hd_member_is_staff(c->env->st, c->env->set, &c->me, &c->admin);
    if (rc != BOT_OK)
        return rc;
    if (c->me.suspended)
        return BOT_OK;
    if (c->admin) {
        *ok = 1;
        int64_t scope = 0; /* issue 18: a branch admin sees her branch's buildings */
        if ((rc = store_member_branch_scope(c->env->st, c->me.id, &scope)) != BOT_OK)
            return rc;
        if (scope > 0) {
            c->branch = scope;
            store_scope_of_branch(scope, c->scope);
        }
    } else if ((c->me.roles & STORE_ROLE_MANAGER) && c->me.manager_building[0]) {
        bot_strlcpy(c->scope, c->me.manager_building, sizeof c->scope);
        *ok = 1;
    }
    return BOT_OK;
}

static enum bot_rc login(const struct console_env *env, const struct console_req *req, struct console_resp *resp,
                         struct page *p)
{
    char token[HD_TOKEN_MAX], hash[HD_TOKEN_HASH];
    int tries = 0;
    enum bot_rc rc = store_console_try_count(env->st, req->ip, req->now - TRY_WINDOW, &tries);
    if (rc != BOT_OK)
        return rc;
    if (tries >= env->max_tries) {
        resp->status = 429;
        bare_message(p, "请稍后再试", "登录尝试太多了，请过10分钟再试。");
        return BOT_OK;
    }
    const char *q = req->query ? req->query : "";
    int64_t member = 0;
    if (!form_get(q, strlen(q), "t", token, sizeof token) || strlen(token) != 32) {
        rc = BOT_NOTFOUND;
    } else {
        hd_token_hash(token, hash);
        if ((rc = store_begin(env->st)) != BOT_OK)
            return rc;
        rc = store_console_link_take(env->st, hash, req->now, &member);
        if (rc == BOT_OK) {
            struct console_call c = {.env = env, .req = req, .resp = resp};
            int ok = 0;
            char sid[HD_TOKEN_MAX], sid_hash[HD_TOKEN_HASH], csrf[HD_TOKEN_MAX];
            if ((rc = store_member_get(env->st, member, &c.me)) == BOT_OK && (rc = allowed(&c, &ok)) == BOT_OK &&
                !ok)
                rc = BOT_NOTFOUND; /* no longer staff nor a 楼长 */
            if (rc == BOT_OK && ((rc = hd_token_new(sid)) != BOT_OK || (rc = hd_token_new(csrf)) != BOT_OK))
                goto fail;
            if (rc == BOT_OK) {
                hd_token_hash(sid, sid_hash);
                int64_t until = req->now + (int64_t)env->session_hours * 3600;
                if ((rc = store_console_session_put(env->st, sid_hash, member, csrf, req->now, until)) != BOT_OK ||
                    (rc = store_console_log(env->st, member, "登录", req->ip, req->now)) != BOT_OK)
                    goto fail;
                if ((rc = store_commit(env->st)) != BOT_OK)
                    return rc;
                snprintf(resp->set_cookie, sizeof resp->set_cookie,
                         COOKIE "=%s; Path=/console; HttpOnly; SameSite=Strict; Max-Age=%d", sid,
                         env->session_hours * 3600);
                resp->status = 303;
                bot_strlcpy(resp->location, "/console/", sizeof resp->location);
                bare_message(p, "已登录", "正在打开后台……");
                return BOT_OK;
            }
        }
        if (rc != BOT_NOTFOUND)
            goto fail;
        store_rollback(env->st);
    }
    /* a wrong, used or expired link counts against the address */
    if ((rc = store_begin(env->st)) != BOT_OK)
        return rc;
    if ((rc = store_console_try_add(env->st, req->ip, req->now, req->now - TRY_WINDOW)) != BOT_OK)
        goto fail;
    if ((rc = store_commit(env->st)) != BOT_OK)
        return rc;
    resp->status = 403;
    bare_message(p, "链接不能用", "这个登录链接无效、已经用过或已过期。请在私聊里给机器人发「后台」，重新获取链接（10分钟内有效，只能用一次）。");
    return BOT_OK;
fail:
    store_rollback(env->st);
    return rc;
}

static enum bot_rc logout(struct console_call *c)
{
    enum bot_rc rc = store_begin(c->env->st);
    if (rc != BOT_OK)
        return rc;
    if ((rc = store_console_session_revoke(c->env->st, c->sid_hash, c->req->now)) != BOT_OK ||
        (rc = store_console_log(c->env->st, c->me.id, "退出", "", c->req->now)) != BOT_OK) {
        store_rollback(c->env->st);
        return rc;
    }
    if ((rc = store_commit(c->env->st)) != BOT_OK)
        return rc;
    bot_strlcpy(c->resp->set_cookie, COOKIE "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0",
                sizeof c->resp->set_cookie);
    bare_message(&c->page, "已退出后台", "已退出。再用请在私聊里给机器人发「后台」。");
    return BOT_OK;
}

/* One chat command as the signed-in member, through hd_handle: its reply into reply ("" when silent); logged when
 * it is an action. A member with no chat identity has nothing to read through (a read answers ""). */
static enum bot_rc speak(struct console_call *c, const char *text, int64_t target, int action, char *reply,
                         size_t replysz)
{
    const struct console_env *env = c->env;
    struct hd_msg m;
    memset(&m, 0, sizeof m);
    char plat[16], user[160], ref[24];
    reply[0] = '\0';
    enum bot_rc rc = store_member_identity(env->st, c->me.id, plat, sizeof plat, user, sizeof user);
    if (rc != BOT_OK)
        return rc == BOT_NOTFOUND && !action ? BOT_OK : rc;
    m.platform = NULL; /* the platform table's own name (static), as an adapter would give it */
    for (int i = 0; i < env->nplatforms; i++)
        if (strcmp(env->platforms[i].name, plat) == 0)
            m.platform = env->platforms[i].name;
    if (!m.platform)
        m.platform = "cli";
    m.user_id = user;
    m.text = text;
    m.time = c->req->now;
    m.member_id = c->me.id;
    if (target) {
        snprintf(ref, sizeof ref, "#m%lld", (long long)target);
        bot_strlcpy(m.mentions[0].who, ref, sizeof m.mentions[0].who);
        m.mentions[0].at = 0;
        m.nmentions = 1;
    }
    struct hd_reply *out = malloc(sizeof *out);
    if (!out)
        return BOT_NOMEM;
    struct hd_ctx ctx = {env->st, env->nlp, env->set, c->req->now, env->platforms, env->nplatforms, 0};
    rc = hd_handle(&ctx, &m, out);
    if (rc == BOT_OK && out->has_reply)
        bot_strlcpy(reply, out->text, replysz);
    else if (rc == BOT_OK && action)
        bot_strlcpy(reply, "（机器人没有回复）", replysz);
    free(out);
    if (rc != BOT_OK || !action)
        return rc;
    if ((rc = store_begin(env->st)) != BOT_OK)
        return rc;
    if ((rc = store_console_log(env->st, c->me.id, text, reply, c->req->now)) != BOT_OK) {
        store_rollback(env->st);
        return rc;
    }
    return store_commit(env->st);
}

enum bot_rc console_run(struct console_call *c, const char *text, int64_t target, char *reply, size_t replysz)
{
    return speak(c, text, target, 1, reply, replysz);
}

enum bot_rc console_act(struct console_call *c, const char *text, int64_t target, const char *back)
{
    char *reply = malloc(HD_REPLY_MAX);
    if (!reply)
        return BOT_NOMEM;
    enum bot_rc rc = console_run(c, text, target, reply, HD_REPLY_MAX);
    if (rc == BOT_OK) {
        struct page *p = &c->page;
        pg_begin(c, "办理结果");
        pg_raw(p, "<p class=\"msg\">");
        pg_text(p, reply);
        pg_raw(p, "</p><p><a class=\"button\" href=\"");
        pg_text(p, back);
        pg_raw(p, "\">返回</a></p>");
        pg_end(c);
    }
    free(reply);
    return rc;
}

enum bot_rc console_read(struct console_call *c, const char *text, char *reply, size_t replysz)
{
    return speak(c, text, 0, 0, reply, replysz);
}

struct route {
    const char *path;
    int post;
    int staff_only; /* refused to a 楼长 here, whatever the page itself checks */
    enum bot_rc (*fn)(struct console_call *c);
};

static const struct route routes[] = {
    {"", 0, 0, page_today},           {"/", 0, 0, page_today},           {"/orders", 0, 0, page_orders},
    {"/order", 0, 0, page_order},     {"/members", 0, 0, page_members},  {"/member", 0, 0, page_member},
    {"/complaints", 0, 0, page_complaints}, {"/act", 1, 0, page_act},   {"/logout", 1, 0, logout},
    {"/csv/members", 0, 0, csv_members},    {"/csv/orders", 0, 0, csv_orders}, {"/ledger", 0, 1, page_ledger},
    {"/audit", 1, 1, do_audit},       {"/activities", 0, 0, page_activities}, {"/settings", 0, 1, page_settings},
    {"/report", 0, 0, page_report},   {"/publicity", 0, 0, page_publicity}, {"/csv/journal", 0, 1, csv_journal},
    {"/csv/report", 0, 0, csv_report}, {"/merchants", 0, 1, page_merchants}, {"/finance", 0, 0, page_finance},
    {"/money", 1, 0, page_money_act},
};

static void finish(struct console_resp *resp, struct page *p)
{
    resp->body = p->buf;
    resp->body_len = p->len;
    if (!resp->type)
        resp->type = "text/html; charset=utf-8";
}

enum bot_rc console_handle(const struct console_env *env, const struct console_req *req, struct console_resp *resp)
{
    memset(resp, 0, sizeof *resp);
    resp->status = 200;
    struct console_call c;
    memset(&c, 0, sizeof c);
    c.env = env;
    c.req = req;
    c.resp = resp;
    c.q = req->query ? req->query : "";
    c.qlen = strlen(c.q);
    int post = strcmp(req->method, "POST") == 0;
    enum bot_rc rc = BOT_OK;
    if (strcmp(req->path, "/login") == 0) {
        rc = login(env, req, resp, &c.page);
        goto out;
    }
    char sid[HD_TOKEN_MAX];
    struct store_console_session s;
    int ok = 0;
    if (cookie_sid(req->cookie, sid)) {
        hd_token_hash(sid, c.sid_hash);
        rc = store_console_session_get(env->st, c.sid_hash, req->now, &s);
        if (rc == BOT_OK && (rc = store_member_get(env->st, s.member_id, &c.me)) == BOT_OK)
            rc = allowed(&c, &ok);
        if (rc != BOT_OK && rc != BOT_NOTFOUND)
            goto out;
        rc = BOT_OK;
    }
    if (!ok) {
        resp->status = 401;
        bare_message(&c.page, "请先登录", "请在私聊里给机器人发「后台」，点它发来的链接登录（10分钟内有效，只能用一次）。");
        goto out;
    }
    bot_strlcpy(c.csrf, s.csrf, sizeof c.csrf);
    const struct route *r = NULL;
    for (size_t i = 0; i < BOT_ARRAY_LEN(routes); i++)
        if (strcmp(routes[i].path, req->path) == 0)
            r = &routes[i];
    if (!r) {
        pg_message(&c, 404, "没有这个页面", "没有这个页面。请从上面的菜单进入。");
        goto out;
    }
    if (r->staff_only && !console_all(&c)) {
        pg_message(&c, 403, "没有权限", "这个页面只有工作人员可以查看。本楼的情况请看「今天」「订单」和「成员」。");
        goto out;
    }
    if (r->post != post) {
        pg_message(&c, 405, "不能这样打开", post ? "这个页面只能直接打开。" : "这个操作要从页面上的按钮提交。");
        goto out;
    }
    if (post) {
        char token[HD_TOKEN_MAX];
        if (!form_get(req->body, req->body_len, "csrf", token, sizeof token) || strlen(token) != strlen(c.csrf) ||
            CRYPTO_memcmp(token, c.csrf, strlen(c.csrf)) != 0) {
            pg_message(&c, 403, "操作没有生效", "这个表单已过期或不是从后台页面提交的。请刷新页面再试。");
            goto out;
        }
    }
    rc = r->fn(&c);
out:
    if (c.page.oom) {
        free(c.page.buf);
        return BOT_NOMEM;
    }
    finish(resp, &c.page);
    return rc;
}
