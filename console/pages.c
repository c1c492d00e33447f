/* pages.c — the console's pages: today, orders and one order's history, members and one member, complaints, the
 * actions they post (each run as the chat command it is), and the CSV of members and orders. */
#include "console_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 50
#define WEEKS 12

static const char *const statuses[] = {"open", "accepted", "in_service", "finished", "confirmed",
                                       "cancelled", "disputed", "expired"};

static const char *status_label(const char *name)
{
    enum store_req_status s;
    return store_req_status_from_name(name, &s) == BOT_OK ? hd_status_text(s) : "";
}

static const char *outcome_text(const char *status)
{
    static const char *const map[][2] = {{"open", "待处理"},      {"refund", "退款"},  {"penalty", "扣分"},
                                         {"dismissed", "驳回"},   {"halved", "减半"},  {"ban", "禁止接单"},
                                         {"malicious", "恶意投诉"}};
    for (size_t i = 0; i < BOT_ARRAY_LEN(map); i++)
        if (strcmp(status, map[i][0]) == 0)
            return map[i][1];
    return "已处理";
}

static void figure(struct page *p, const char *label, long long v, const char *href)
{
    pg_raw(p, "<div class=\"fig\">");
    if (href)
        pg_rawf(p, "<a href=\"%s\">", href);
    pg_rawf(p, "<b>%lld</b><span>", v);
    pg_text(p, label);
    pg_raw(p, href ? "</span></a></div>" : "</span></div>");
}

static void hours_cell(struct page *p, int64_t minutes)
{
    char h[24];
    hd_hours_text(minutes, h);
    pg_raw(p, "<td class=\"n\">");
    pg_text(p, h);
    pg_raw(p, "</td>");
}

/* Twelve weeks of service hours as bars (the newest right). */
static void week_chart(struct page *p, const struct store_console_count *w, int n)
{
    int64_t per[WEEKS] = {0}, top = 1;
    for (int i = 0; i < n; i++) {
        int k = (int)strtol(w[i].key, NULL, 10);
        if (k >= 0 && k < WEEKS)
            per[k] += w[i].minutes;
    }
    for (int k = 0; k < WEEKS; k++)
        if (per[k] > top)
            top = per[k];
    pg_raw(p, "<svg class=\"chart\" viewBox=\"0 0 360 150\" role=\"img\" aria-label=\"近12周服务小时\">");
    for (int k = 0; k < WEEKS; k++) {
        int h = (int)(per[k] * 110 / top);
        pg_rawf(p, "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"%d\"><title>%lld小时</title></rect>", 6 + k * 30,
                125 - h, h, (long long)(per[k] / 60));
        pg_rawf(p, "<text x=\"%d\" y=\"%d\">%lld</text>", 17 + k * 30, 120 - h, (long long)(per[k] / 60));
        pg_rawf(p, "<text x=\"%d\" y=\"145\">%d</text>", 17 + k * 30, k - (WEEKS - 1));
    }
    pg_raw(p, "</svg><p class=\"hint\">每根柱子是一周的服务小时，最右边是最近一周。</p>");
}

static void count_table(struct page *p, const char *head, const struct store_console_count *x, int n)
{
    pg_raw(p, "<table><tr><th>");
    pg_text(p, head);
    pg_raw(p, "</th><th>小时</th></tr>");
    for (int i = 0; i < n; i++) {
        pg_raw(p, "<tr><td>");
        pg_text(p, x[i].key[0] ? x[i].key : "（未填）");
        pg_raw(p, "</td>");
        hours_cell(p, x[i].minutes);
        pg_raw(p, "</tr>");
    }
    if (n == 0)
        pg_raw(p, "<tr><td colspan=\"2\">还没有</td></tr>");
    pg_raw(p, "</table>");
}

enum bot_rc page_today(struct console_call *c)
{
    struct store *st = c->env->st;
    const struct hd_rules *rules = &c->env->set->rules;
    int64_t now = c->req->now;
    struct store_console_today t;
    struct store_outbox_stats ob;
    enum bot_rc rc;
    struct store_console_hours *x = calloc(1, sizeof *x);
    struct store_complaint *comp = calloc(20, sizeof *comp);
    struct store_request *open = calloc(20, sizeof *open);
    if (!x || !comp || !open) {
        rc = BOT_NOMEM;
        goto out;
    }
    int nc = 0, no = 0;
    int64_t since = now - WEEKS * 7 * 86400;
    if ((rc = store_console_today(st, now - 30 * 86400, now - (int64_t)rules->unmatched_hours * 3600, c->scope, &t)) !=
            BOT_OK ||
        (rc = store_console_hours(st, since, 0, c->scope, x)) != BOT_OK ||
        (rc = store_complaints_open(st, c->scope, comp, 20, &nc)) != BOT_OK ||
        (rc = store_request_list_building(st, c->scope, now, open, 20, &no)) != BOT_OK ||
        (rc = store_outbox_stats(st, now, &ob)) != BOT_OK)
        goto out;
    struct page *p = &c->page;
    pg_begin(c, c->admin ? "今天" : "今天（本楼）");
    pg_raw(p, "<section class=\"figs\">");
    figure(p, "登记成员", t.members, "/console/members");
    figure(p, "近30天接过单的志愿者", t.active_volunteers, NULL);
    figure(p, "待接的求助", t.open_requests, "/console/orders?status=open");
    figure(p, "超时没人接", t.unmatched, NULL);
    figure(p, "未处理的投诉", nc, "/console/complaints");
    if (console_all(c))
        figure(p, "发不出去的消息", ob.dead, NULL);
    pg_raw(p, "</section>");
    /* the fund's budget left this month, per building */
    if (rules->fund_budget_hours > 0) {
        int y, m, d;
        bot_civil_from_days(bot_local_day(now, c->env->set->utc_offset), &y, &m, &d);
        int64_t from = bot_month_start(y, m, c->env->set->utc_offset);
        struct store_fund_spent spent[32];
        int nf = 0;
        if ((rc = store_fund_spent(st, from, now + 1, c->scope, now - (int64_t)rules->confirm_hours * 3600, spent, 32, &nf)) != BOT_OK)
            goto out;
        /* counted as the chat's 基金 counts it: paid, the part approved past the budget, 待批; the budget left is what
         * may still be paid without approval */
        pg_raw(p, "<h2>本月互助基金预算</h2><table><tr><th>楼栋</th><th>已用</th><th>其中经批准超出</th><th>待批</th>"
                  "<th>预算剩余</th></tr>");
        for (int i = 0; i < nf; i++) {
            pg_raw(p, "<tr><td>");
            pg_text(p, spent[i].building[0] ? spent[i].building : "（未填）");
            pg_raw(p, "</td>");
            hours_cell(p, spent[i].minutes);
            hours_cell(p, spent[i].approved);
            hours_cell(p, spent[i].waiting);
            int64_t left = (int64_t)rules->fund_budget_hours * 60 - (spent[i].minutes - spent[i].approved);
            hours_cell(p, left > 0 ? left : 0);
            pg_raw(p, "</tr>");
        }
        if (nf == 0) {
            char h[24];
            hd_hours_text((int64_t)rules->fund_budget_hours * 60, h);
            pg_raw(p, "<tr><td colspan=\"5\">本月还没有用，每栋楼 ");
            pg_text(p, h);
            pg_raw(p, "</td></tr>");
        }
        pg_raw(p, "</table>");
    }
    pg_raw(p, "<h2>近12周服务小时</h2>");
    week_chart(p, x->week, x->nweek);
    pg_raw(p, "<div class=\"two\"><div><h2>按服务</h2>");
    count_table(p, "服务", x->service, x->nservice);
    pg_raw(p, "</div><div><h2>按楼栋</h2>");
    count_table(p, "楼栋", x->building, x->nbuilding);
    pg_raw(p, "</div></div><h2>没人接的求助</h2><table><tr><th>单号</th><th>服务</th><th>发布</th><th>等了</th></tr>");
    int shown = 0;
    for (int i = 0; i < no; i++) {
        if (open[i].created_at > now - (int64_t)rules->unmatched_hours * 3600)
            continue;
        char when[32], age[32];
        pg_time(c, open[i].created_at, when);
        hd_age_text(now - open[i].created_at, age);
        pg_rawf(p, "<tr><td><a href=\"/console/order?id=%lld\">#%lld</a></td><td>", (long long)open[i].id,
                (long long)open[i].id);
        pg_text(p, open[i].service);
        pg_raw(p, "</td><td>");
        pg_text(p, when);
        pg_raw(p, "</td><td>");
        pg_text(p, age);
        pg_raw(p, "</td></tr>");
        shown++;
    }
    if (!shown)
        pg_raw(p, "<tr><td colspan=\"4\">没有超时的求助</td></tr>");
    pg_raw(p, "</table><h2>未处理的投诉</h2><table><tr><th>单号</th><th>等了</th><th>内容</th></tr>");
    for (int i = 0; i < nc; i++) {
        char age[32];
        hd_age_text(now - comp[i].created_at, age);
        pg_rawf(p, "<tr><td><a href=\"/console/order?id=%lld\">#%lld</a></td><td>", (long long)comp[i].request_id,
                (long long)comp[i].request_id);
        pg_text(p, age);
        pg_raw(p, "</td><td>");
        pg_text(p, comp[i].text);
        pg_raw(p, "</td></tr>");
    }
    if (!nc)
        pg_raw(p, "<tr><td colspan=\"3\">没有</td></tr>");
    pg_raw(p, "</table>");
    pg_end(c);
out:
    free(x);
    free(comp);
    free(open);
    return rc;
}

/* The orders filter of the query string. */
struct order_query {
    char status[16], building[32], service[16], from[16], to[16];
    int offset;
    struct store_console_filter f;
};

static void read_order_query(struct console_call *c, struct order_query *oq)
{
    memset(oq, 0, sizeof *oq);
    form_get(c->q, c->qlen, "status", oq->status, sizeof oq->status);
    form_get(c->q, c->qlen, "building", oq->building, sizeof oq->building);
    form_get(c->q, c->qlen, "service", oq->service, sizeof oq->service);
    form_get(c->q, c->qlen, "from", oq->from, sizeof oq->from);
    form_get(c->q, c->qlen, "to", oq->to, sizeof oq->to);
    oq->offset = (int)form_int(c->q, c->qlen, "offset", 0);
    if (oq->offset < 0 || oq->offset > 1000000)
        oq->offset = 0;
    console_filter_building(c, oq->building, sizeof oq->building); /* a 楼长 his building, a branch admin her branch */
    oq->f.status = oq->status;
    oq->f.building = oq->building;
    oq->f.service = oq->service;
    oq->f.offset = oq->offset;
    int64_t t;
    int off;
    char iso[40];
    snprintf(iso, sizeof iso, "%sT00:00:00+00:00", oq->from);
    if (oq->from[0] && bot_parse_iso(iso, &t, &off) == BOT_OK)
        oq->f.from = t - c->env->set->utc_offset;
    snprintf(iso, sizeof iso, "%sT00:00:00+00:00", oq->to);
    if (oq->to[0] && bot_parse_iso(iso, &t, &off) == BOT_OK)
        oq->f.to = t - c->env->set->utc_offset + 86400; /* through that day */
}

static void order_query_link(struct page *p, const struct order_query *oq)
{
    pg_raw(p, "status=");
    pg_url(p, oq->status);
    pg_raw(p, "&amp;building=");
    pg_url(p, oq->building);
    pg_raw(p, "&amp;service=");
    pg_url(p, oq->service);
    pg_raw(p, "&amp;from=");
    pg_url(p, oq->from);
    pg_raw(p, "&amp;to=");
    pg_url(p, oq->to);
}

static void select_of(struct page *p, const char *name, const char *const *values, const char *const *labels, int n,
                      const char *chosen)
{
    pg_rawf(p, "<select name=\"%s\"><option value=\"\">全部</option>", name);
    for (int i = 0; i < n; i++) {
        pg_raw(p, "<option value=\"");
        pg_text(p, values[i]);
        pg_raw(p, strcmp(values[i], chosen) == 0 ? "\" selected>" : "\">");
        pg_text(p, labels ? labels[i] : values[i]);
        pg_raw(p, "</option>");
    }
    pg_raw(p, "</select>");
}

enum bot_rc page_orders(struct console_call *c)
{
    struct order_query oq;
    read_order_query(c, &oq);
    struct store_console_order *o = calloc(LIST_MAX, sizeof *o);
    if (!o)
        return BOT_NOMEM;
    int n = 0;
    enum bot_rc rc = store_console_orders(c->env->st, &oq.f, o, LIST_MAX, &n);
    if (rc != BOT_OK) {
        free(o);
        return rc;
    }
    struct page *p = &c->page;
    pg_begin(c, "订单");
    pg_raw(p, "<form method=\"get\" action=\"/console/orders\" class=\"filter\"><label>状态 ");
    const char *labels[BOT_ARRAY_LEN(statuses)];
    for (size_t i = 0; i < BOT_ARRAY_LEN(statuses); i++)
        labels[i] = status_label(statuses[i]);
    select_of(p, "status", statuses, labels, (int)BOT_ARRAY_LEN(statuses), oq.status);
    pg_raw(p, "</label><label>服务 ");
    const char *services[NLP_SERVICE_COUNT];
    for (int i = 0; i < NLP_SERVICE_COUNT; i++)
        services[i] = nlp_service_name(i);
    select_of(p, "service", services, NULL, NLP_SERVICE_COUNT, oq.service);
    pg_raw(p, "</label>");
    if (c->admin) {
        pg_raw(p, "<label>楼栋 <input name=\"building\" size=\"6\" value=\"");
        pg_text(p, oq.building);
        pg_raw(p, "\"></label>");
    }
    pg_raw(p, "<label>从 <input type=\"date\" name=\"from\" value=\"");
    pg_text(p, oq.from);
    pg_raw(p, "\"></label><label>到 <input type=\"date\" name=\"to\" value=\"");
    pg_text(p, oq.to);
    pg_raw(p, "\"></label><button>筛选</button></form><p><a href=\"/console/csv/orders?");
    order_query_link(p, &oq);
    pg_raw(p, "\">下载CSV</a></p><table><tr><th>单号</th><th>状态</th><th>服务</th><th>需求方</th><th>楼栋</th>"
              "<th>志愿者</th><th>时间</th><th>记入</th></tr>");
    for (int i = 0; i < n; i++) {
        char when[32];
        pg_time(c, o[i].start_at ? o[i].start_at : o[i].created_at, when);
        pg_rawf(p, "<tr><td><a href=\"/console/order?id=%lld\">#%lld</a></td><td>", (long long)o[i].id,
                (long long)o[i].id);
        pg_text(p, status_label(o[i].status));
        pg_raw(p, "</td><td>");
        pg_text(p, o[i].service);
        pg_raw(p, "</td><td>");
        pg_text(p, o[i].requester);
        pg_raw(p, "</td><td>");
        pg_text(p, o[i].building);
        pg_raw(p, "</td><td>");
        pg_text(p, o[i].volunteer);
        pg_raw(p, "</td><td>");
        pg_text(p, when);
        pg_raw(p, "</td>");
        hours_cell(p, o[i].credited_minutes);
        pg_raw(p, "</tr>");
    }
    if (!n)
        pg_raw(p, "<tr><td colspan=\"8\">没有符合的订单</td></tr>");
    pg_raw(p, "</table><p class=\"pager\">");
    if (oq.offset > 0) {
        pg_raw(p, "<a href=\"/console/orders?");
        order_query_link(p, &oq);
        pg_rawf(p, "&amp;offset=%d\">上一页</a> ", oq.offset > LIST_MAX ? oq.offset - LIST_MAX : 0);
    }
    if (n == LIST_MAX) {
        pg_raw(p, "<a href=\"/console/orders?");
        order_query_link(p, &oq);
        pg_rawf(p, "&amp;offset=%d\">下一页</a>", oq.offset + LIST_MAX);
    }
    pg_raw(p, "</p>");
    pg_end(c);
    free(o);
    return BOT_OK;
}

enum bot_rc page_order(struct console_call *c)
{
    int64_t id = form_int(c->q, c->qlen, "id", 0);
    struct store_request r;
    struct store_member req;
    enum bot_rc rc = id > 0 ? store_request_get(c->env->st, id, &r) : BOT_NOTFOUND;
    if (rc == BOT_OK)
        rc = store_member_get(c->env->st, r.requester_id, &req);
    if (rc == BOT_NOTFOUND || (rc == BOT_OK && !console_sees(c, req.building))) {
        pg_message(c, 404, "没有这个订单", "没有这个订单，或它不在您管的楼栋。");
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    struct store_order_leg legs[16];
    struct store_complaint comp[8];
    int nl = 0, nc = 0;
    char *record = malloc(HD_REPLY_MAX);
    if (!record)
        return BOT_NOMEM;
    char cmd[48];
    snprintf(cmd, sizeof cmd, "#%lld 记录", (long long)id);
    if ((rc = store_order_legs(c->env->st, id, legs, 16, &nl)) != BOT_OK ||
        (rc = store_complaints_of_request(c->env->st, id, comp, 8, &nc)) != BOT_OK ||
        (rc = (c->admin ? console_read(c, cmd, record, HD_REPLY_MAX) : (record[0] = '\0', BOT_OK))) != BOT_OK) {
        free(record);
        return rc;
    }
    struct page *p = &c->page;
    char title[48], when[32], h[24];
    snprintf(title, sizeof title, "订单 #%lld", (long long)id);
    pg_begin(c, title);
    pg_raw(p, "<table class=\"kv\"><tr><th>状态</th><td>");
    pg_text(p, hd_status_text(r.status));
    pg_raw(p, "</td></tr><tr><th>服务</th><td>");
    pg_text(p, r.service);
    pg_raw(p, "</td></tr><tr><th>需求方</th><td>");
    pg_rawf(p, "<a href=\"/console/member?id=%lld\">", (long long)req.id);
    pg_text(p, hd_display_name(&req));
    pg_raw(p, "</a>（");
    pg_text(p, req.building);
    pg_raw(p, "）</td></tr><tr><th>志愿者</th><td>");
    if (r.volunteer_id) {
        struct store_member vol;
        if ((rc = store_member_get(c->env->st, r.volunteer_id, &vol)) != BOT_OK) {
            free(record);
            return rc;
        }
        pg_rawf(p, "<a href=\"/console/member?id=%lld\">", (long long)vol.id);
        pg_text(p, hd_display_name(&vol));
        pg_raw(p, "</a>");
    } else {
        pg_raw(p, "还没有");
    }
    pg_raw(p, "</td></tr><tr><th>内容</th><td>");
    char text[sizeof r.text];
    bot_strlcpy(text, r.text, sizeof text);
    hd_mask_phones(text);
    pg_text(p, text);
    pg_raw(p, "</td></tr><tr><th>约定时间</th><td>");
    pg_time(c, r.start_at, when);
    pg_text(p, when[0] ? when : "未定");
    pg_raw(p, "</td></tr><tr><th>记入</th><td>");
    hd_hours_text(r.credited_minutes, h);
    pg_text(p, r.status == STORE_REQ_CONFIRMED || r.status == STORE_REQ_DISPUTED ? h : "—");
    pg_raw(p, "</td></tr></table>");
    if (record[0]) {
        pg_raw(p, "<h2>全部记录</h2><p class=\"record\">");
        hd_mask_phones(record);
        pg_text(p, record);
        pg_raw(p, "</p>");
    }
    pg_raw(p, "<h2>积分记账</h2><table><tr><th>时间</th><th>类别</th><th>从</th><th>到</th><th>小时</th></tr>");
    for (int i = 0; i < nl; i++) {
        pg_time(c, legs[i].at, when);
        pg_raw(p, "<tr>");
        pg_td(p, when);
        pg_td(p, hd_kind_text(legs[i].kind));
        pg_td(p, legs[i].from);
        pg_td(p, legs[i].to);
        hours_cell(p, legs[i].minutes);
        pg_raw(p, "</tr>");
    }
    if (!nl)
        pg_raw(p, "<tr><td colspan=\"5\">还没有积分变动</td></tr>");
    pg_raw(p, "</table>");
    if (nc) {
        pg_raw(p, "<h2>投诉</h2><table><tr><th>时间</th><th>内容</th><th>结果</th></tr>");
        for (int i = 0; i < nc; i++) {
            pg_time(c, comp[i].created_at, when);
            pg_raw(p, "<tr>");
            pg_td(p, when);
            pg_td(p, comp[i].text);
            pg_td(p, outcome_text(comp[i].status));
            pg_raw(p, "</tr>");
        }
        pg_raw(p, "</table>");
    }
    pg_end(c);
    free(record);
    return BOT_OK;
}

/* What a member is, as the console lists her: staff by the role or by bot.ini's [roles] admins (as the chat and the
 * member's own page count them), a 楼长, a volunteer, a merchant's clerk, else a resident. */
static enum bot_rc roles_text(const struct console_call *c, const struct store_console_member *m, char buf[64])
{
    size_t len = 0;
    buf[0] = '\0';
    int staff = 0;
    struct store_member who = {.id = m->id, .roles = m->roles};
    enum bot_rc rc = hd_member_is_staff(c->env->st, c->env->set, &who, &staff);
    if (rc != BOT_OK)
        return rc;
    if (staff)
        bot_appendf(buf, 64, &len, "工作人员 ");
    if (m->roles & STORE_ROLE_MANAGER)
        bot_appendf(buf, 64, &len, "%s楼长 ", m->manager_building);
    if (m->roles & STORE_ROLE_VOLUNTEER)
        bot_appendf(buf, 64, &len, "志愿者 ");
    if (m->clerk)
        bot_appendf(buf, 64, &len, "商家店员 ");
    if (!len)
        bot_appendf(buf, 64, &len, "居民");
    return BOT_OK;
}

static void state_text(const struct console_call *c, const struct store_console_member *m, char buf[96])
{
    size_t len = 0;
    buf[0] = '\0';
    if (m->suspended)
        bot_appendf(buf, 96, &len, "已停用 ");
    if (m->accept_banned_until > c->req->now) {
        char until[32];
        pg_time(c, m->accept_banned_until, until);
        bot_appendf(buf, 96, &len, "禁止接单到%.10s ", until);
    }
    if (m->frozen_until > c->req->now) { /* 恶意投诉 or malicious cancels: requesting frozen */
        char until[32];
        pg_time(c, m->frozen_until, until);
        bot_appendf(buf, 96, &len, "暂停发求助到%.10s ", until);
    }
    if (!m->registered)
        bot_appendf(buf, 96, &len, "未登记");
    if (!len)
        bot_appendf(buf, 96, &len, "正常");
}

enum bot_rc page_members(struct console_call *c)
{
    char name[64] = "", building[32] = "";
    form_get(c->q, c->qlen, "name", name, sizeof name);
    form_get(c->q, c->qlen, "building", building, sizeof building);
    console_filter_building(c, building, sizeof building);
    int offset = (int)form_int(c->q, c->qlen, "offset", 0);
    if (offset < 0 || offset > 10000000)
        offset = 0;
    struct store_console_member *m = calloc(LIST_MAX, sizeof *m);
    if (!m)
        return BOT_NOMEM;
    int n = 0;
    enum bot_rc rc = store_console_members(c->env->st, name, building, 0, offset, m, LIST_MAX, &n);
    if (rc != BOT_OK) {
        free(m);
        return rc;
    }
    struct page *p = &c->page;
    pg_begin(c, "成员");
    pg_raw(p, "<form method=\"get\" action=\"/console/members\" class=\"filter\"><label>姓名 <input name=\"name\" value=\"");
    pg_text(p, name);
    pg_raw(p, "\" placeholder=\"姓或全名\"></label>");
    if (c->admin) {
        pg_raw(p, "<label>楼栋 <input name=\"building\" size=\"6\" value=\"");
        pg_text(p, building);
        pg_raw(p, "\"></label>");
    }
    pg_raw(p, "<button>查找</button></form><p><a href=\"/console/csv/members?name=");
    pg_url(p, name);
    pg_raw(p, "&amp;building=");
    pg_url(p, building);
    pg_raw(p, "\">下载CSV</a></p><table><tr><th>姓名</th><th>楼栋</th><th>身份</th><th>余额</th><th>累计</th>"
              "<th>状态</th></tr>");
    for (int i = 0; i < n; i++) {
        char roles[64], state[96];
        if ((rc = roles_text(c, &m[i], roles)) != BOT_OK) {
            free(m);
            return rc;
        }
        state_text(c, &m[i], state);
        pg_rawf(p, "<tr><td><a href=\"/console/member?id=%lld\">", (long long)m[i].id);
        pg_text(p, m[i].name[0] ? m[i].name : "（未登记）");
        pg_raw(p, "</a></td><td>");
        pg_text(p, m[i].building);
        pg_raw(p, "</td><td>");
        pg_text(p, roles);
        pg_raw(p, "</td>");
        hours_cell(p, m[i].balance);
        hours_cell(p, m[i].earned);
        pg_raw(p, "<td>");
        pg_text(p, state);
        pg_raw(p, "</td></tr>");
    }
    if (!n)
        pg_raw(p, "<tr><td colspan=\"6\">没有找到</td></tr>");
    pg_raw(p, "</table><p class=\"pager\">");
    if (offset > 0) {
        pg_raw(p, "<a href=\"/console/members?name=");
        pg_url(p, name);
        pg_raw(p, "&amp;building=");
        pg_url(p, building);
        pg_rawf(p, "&amp;offset=%d\">上一页</a> ", offset > LIST_MAX ? offset - LIST_MAX : 0);
    }
    if (n == LIST_MAX) {
        pg_raw(p, "<a href=\"/console/members?name=");
        pg_url(p, name);
        pg_raw(p, "&amp;building=");
        pg_url(p, building);
        pg_rawf(p, "&amp;offset=%d\">下一页</a>", offset + LIST_MAX);
    }
    pg_raw(p, "</p><h2>代注册（没有手机的老人）</h2>");
    pg_form(c, "/console/act");
    pg_raw(p, "<input type=\"hidden\" name=\"do\" value=\"proxy_register\"><label>姓名 <input name=\"name\" required></label>"
              "<label>楼栋 <input name=\"building\" size=\"6\" value=\"");
    pg_text(p, c->branch ? "" : c->scope);
    pg_raw(p, "\" required></label><label>生日 <input type=\"date\" name=\"birthday\" required></label>"
              "<label>电话 <input name=\"phone\" inputmode=\"tel\"></label><button>代注册</button></form>");
    pg_end(c);
    free(m);
    return BOT_OK;
}

enum bot_rc page_member(struct console_call *c)
{
    int64_t id = form_int(c->q, c->qlen, "id", 0);
    struct store_console_member m;
    int n = 0;
    enum bot_rc rc = id > 0 ? store_console_members(c->env->st, "", "", id, 0, &m, 1, &n) : BOT_OK;
    if (rc != BOT_OK)
        return rc;
    if (n == 0 || !console_sees(c, m.building)) {
        pg_message(c, 404, "没有这位成员", "没有这位成员，或他不在您管的楼栋。");
        return BOT_OK;
    }
    struct store_cert certs[16];
    int ncert = 0;
    struct store_console_order *o = calloc(20, sizeof *o);
    struct store_history *h = calloc(20, sizeof *h);
    struct store_console_filter f = {"", "", "", 0, 0, id, 0, 0};
    int no = 0, nh = 0;
    struct store_member full;
    if (!o || !h)
        rc = BOT_NOMEM;
    if (rc == BOT_OK && (rc = store_certs_of(c->env->st, id, certs, 16, &ncert)) == BOT_OK &&
        (rc = store_console_orders(c->env->st, &f, o, 20, &no)) == BOT_OK &&
        (rc = store_member_get(c->env->st, id, &full)) == BOT_OK)
        rc = store_history(c->env->st, full.account_id, h, 20, &nh);
    struct store_membership ms;
    enum bot_rc ms_rc = rc == BOT_OK ? store_membership_last(c->env->st, id, &ms) : BOT_OK;
    if (ms_rc != BOT_OK && ms_rc != BOT_NOTFOUND)
        rc = ms_rc;
    if (rc != BOT_OK) {
        free(o);
        free(h);
        return rc;
    }
    struct page *p = &c->page;
    char roles[64], state[96], when[32], phone[32];
    if ((rc = roles_text(c, &m, roles)) != BOT_OK) {
        free(o);
        free(h);
        return rc;
    }
    state_text(c, &m, state);
    pg_begin(c, m.name[0] ? m.name : "成员");
    bot_strlcpy(phone, m.phone, sizeof phone);
    hd_mask_phones(phone);
    pg_raw(p, "<table class=\"kv\"><tr><th>楼栋</th><td>");
    pg_text(p, m.building);
    pg_raw(p, "</td></tr><tr><th>身份</th><td>");
    pg_text(p, roles);
    pg_raw(p, "</td></tr><tr><th>状态</th><td>");
    pg_text(p, state);
    pg_raw(p, "</td></tr><tr><th>电话</th><td>");
    pg_text(p, phone[0] ? phone : "未填");
    pg_raw(p, "</td></tr><tr><th>余额</th>");
    hours_cell(p, m.balance);
    pg_raw(p, "</tr><tr><th>累计</th>");
    hours_cell(p, m.earned);
    pg_raw(p, "</tr><tr><th>证书</th><td>");
    for (int i = 0; i < ncert; i++) {
        pg_time(c, certs[i].expires_at - 1, when); /* valid through the end of that day */
        if (i)
            pg_raw(p, "、");
        pg_text(p, certs[i].service);
        pg_raw(p, "（到");
        pg_textf(p, "%.10s", when);
        pg_raw(p, certs[i].expires_at < c->req->now ? "，已过期）" : "）");
    }
    if (!ncert)
        pg_raw(p, "没有");
    pg_raw(p, "</td></tr><tr><th>会员</th><td>");
    if (ms_rc == BOT_OK) {
        pg_time(c, ms.until - 1, when); /* the last day it holds, as every reply names it */
        pg_text(p, ms.tier);
        pg_raw(p, "（到");
        pg_textf(p, "%.10s", when);
        pg_raw(p, ms.until <= c->req->now ? "，已过期）" : "）");
    } else {
        pg_raw(p, "不是会员");
    }
    pg_raw(p, "</td></tr></table>");
    if (c->admin) {
        pg_raw(p, "<h2>操作</h2><div class=\"actions\">");
        pg_form(c, "/console/act");
        pg_rawf(p, "<input type=\"hidden\" name=\"target\" value=\"%lld\">", (long long)id);
        pg_raw(p, m.suspended ? "<button name=\"do\" value=\"unsuspend\">恢复账户</button>"
                              : "<button name=\"do\" value=\"suspend\" class=\"warn\">停用账户</button>");
        pg_raw(p, "</form>");
        pg_form(c, "/console/act");
        pg_rawf(p, "<input type=\"hidden\" name=\"target\" value=\"%lld\">", (long long)id);
        if (m.accept_banned_until > c->req->now)
            pg_raw(p, "<button name=\"do\" value=\"unban\">解除禁止接单</button>");
        else
            pg_raw(p, "<label>禁止接单 <input name=\"days\" type=\"number\" min=\"1\" max=\"365\" value=\"7\" size=\"3\"> 天</label>"
                      "<button name=\"do\" value=\"ban\" class=\"warn\">禁止</button>");
        pg_raw(p, "</form>");
        pg_form(c, "/console/act");
        pg_rawf(p, "<input type=\"hidden\" name=\"target\" value=\"%lld\"><input type=\"hidden\" name=\"do\" value=\"certify\">",
                (long long)id);
        pg_raw(p, "<label>证书 <select name=\"what\">");
        for (int i = 0; i < NLP_SERVICE_COUNT; i++) {
            pg_raw(p, "<option>");
            pg_text(p, nlp_service_name(i));
            pg_raw(p, "</option>");
        }
        pg_raw(p, "<option>培训</option><option>保险</option></select></label><label>有效期到 "
                  "<input type=\"date\" name=\"until\" required></label><button>登记</button></form>");
        pg_form(c, "/console/act");
        pg_rawf(p, "<input type=\"hidden\" name=\"target\" value=\"%lld\"><input type=\"hidden\" name=\"do\" value=\"role\">",
                (long long)id);
        pg_raw(p, "<label>身份 <select name=\"role\"><option>志愿者</option><option>楼长</option><option>管理员</option>"
                  "</select></label><label>楼栋 <input name=\"building\" size=\"6\" placeholder=\"楼长填\"></label>"
                  "<label><input type=\"checkbox\" name=\"revoke\" value=\"1\"> 撤销</label><button>设定</button></form></div>");
    }
    pg_raw(p, "<h2>最近的单</h2><table><tr><th>单号</th><th>状态</th><th>服务</th><th>时间</th></tr>");
    for (int i = 0; i < no; i++) {
        pg_time(c, o[i].start_at ? o[i].start_at : o[i].created_at, when);
        pg_rawf(p, "<tr><td><a href=\"/console/order?id=%lld\">#%lld</a></td><td>", (long long)o[i].id,
                (long long)o[i].id);
        pg_text(p, status_label(o[i].status));
        pg_raw(p, "</td><td>");
        pg_text(p, o[i].service);
        pg_raw(p, "</td><td>");
        pg_text(p, when);
        pg_raw(p, "</td></tr>");
    }
    if (!no)
        pg_raw(p, "<tr><td colspan=\"4\">没有</td></tr>");
    pg_raw(p, "</table><h2>积分明细</h2><table><tr><th>时间</th><th>类别</th><th>对方</th><th>小时</th></tr>");
    for (int i = 0; i < nh; i++) {
        pg_time(c, h[i].at, when);
        pg_raw(p, "<tr>");
        pg_td(p, when);
        pg_td(p, hd_kind_text(h[i].kind));
        pg_td(p, hd_account_text(h[i].counterpart, h[i].minutes));
        hours_cell(p, h[i].minutes);
        pg_raw(p, "</tr>");
    }
    if (!nh)
        pg_raw(p, "<tr><td colspan=\"4\">没有</td></tr>");
    pg_raw(p, "</table>");
    pg_end(c);
    free(o);
    free(h);
    return BOT_OK;
}

enum bot_rc page_complaints(struct console_call *c)
{
    struct store_complaint *comp = calloc(LIST_MAX, sizeof *comp);
    if (!comp)
        return BOT_NOMEM;
    int n = 0;
    enum bot_rc rc = store_complaints_open(c->env->st, c->scope, comp, LIST_MAX, &n);
    if (rc != BOT_OK) {
        free(comp);
        return rc;
    }
    struct page *p = &c->page;
    pg_begin(c, "投诉");
    if (!n)
        pg_raw(p, "<p>没有未处理的投诉。</p>");
    for (int i = 0; i < n; i++) {
        char age[32];
        hd_age_text(c->req->now - comp[i].created_at, age);
        pg_rawf(p, "<section class=\"card\"><h2><a href=\"/console/order?id=%lld\">#%lld</a> ", (long long)comp[i].request_id,
                (long long)comp[i].request_id);
        pg_raw(p, "<small>");
        pg_text(p, age);
        pg_raw(p, comp[i].responded_at ? "前，已受理" : "前，还没受理");
        pg_raw(p, "</small></h2><p>");
        pg_text(p, comp[i].text);
        pg_raw(p, "</p>");
        if (!comp[i].responded_at) {
            pg_form(c, "/console/act");
            pg_rawf(p, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><button name=\"do\" value=\"ack\">受理</button></form>",
                    (long long)comp[i].request_id);
        }
        if (c->admin) {
            pg_form(c, "/console/act");
            pg_rawf(p, "<input type=\"hidden\" name=\"id\" value=\"%lld\"><input type=\"hidden\" name=\"do\" value=\"resolve\">",
                    (long long)comp[i].request_id);
            pg_raw(p, "<label>处理 <select name=\"how\"><option>退款</option><option>减半</option><option>扣分</option>"
                      "<option>禁止接单7天</option><option>驳回</option><option>恶意投诉</option></select></label>"
                      "<button>确定</button></form>");
        }
        pg_raw(p, "</section>");
    }
    /* and the decisions, newest first: what was decided and when */
    int nd = 0;
    if ((rc = store_complaints_decided(c->env->st, c->scope, comp, LIST_MAX, &nd)) != BOT_OK) {
        free(comp);
        return rc;
    }
    pg_raw(p, "<h2>已处理的投诉</h2><table><tr><th>单号</th><th>处理时间</th><th>结果</th><th>内容</th></tr>");
    for (int i = 0; i < nd; i++) {
        char when[32];
        pg_time(c, comp[i].resolved_at, when);
        pg_rawf(p, "<tr><td><a href=\"/console/order?id=%lld\">#%lld</a></td>", (long long)comp[i].request_id,
                (long long)comp[i].request_id);
        pg_td(p, when);
        pg_td(p, outcome_text(comp[i].status));
        pg_td(p, comp[i].text);
        pg_raw(p, "</tr>");
    }
    if (!nd)
        pg_raw(p, "<tr><td colspan=\"4\">还没有</td></tr>");
    pg_raw(p, "</table>");
    pg_end(c);
    free(comp);
    return BOT_OK;
}

static int is_date(const char *s)
{
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10;
}

enum bot_rc page_act(struct console_call *c)
{
    const char *f = c->req->body;
    size_t fl = c->req->body_len;
    char what[16] = "", text[256] = "", back[64] = "/console/";
    form_get(f, fl, "do", what, sizeof what);
    int64_t target = form_int(f, fl, "target", 0), id = form_int(f, fl, "id", 0);
    if (target < 0 || id < 0)
        target = id = 0;
    if (target)
        snprintf(back, sizeof back, "/console/member?id=%lld", (long long)target);
    if (strcmp(what, "suspend") == 0 && target) {
        snprintf(text, sizeof text, "停用 ");
    } else if (strcmp(what, "unsuspend") == 0 && target) {
        snprintf(text, sizeof text, "恢复 ");
    } else if (strcmp(what, "ban") == 0 && target) {
        int64_t days = form_int(f, fl, "days", 0);
        if (days >= 1 && days <= 365) /* another length is refused, never read as 7 */
            snprintf(text, sizeof text, "禁止接单 %lld天", (long long)days);
    } else if (strcmp(what, "unban") == 0 && target) {
        snprintf(text, sizeof text, "解除禁止 ");
    } else if (strcmp(what, "certify") == 0 && target) {
        char kind[32] = "", until[16] = "";
        form_get(f, fl, "what", kind, sizeof kind);
        form_get(f, fl, "until", until, sizeof until);
        form_word(kind);
        if (!is_date(until) || (nlp_service_index(kind) < 0 && strcmp(kind, "培训") != 0 && strcmp(kind, "保险") != 0))
            text[0] = '\0';
        else
            snprintf(text, sizeof text, "认证  %s 有效期%s", kind, until);
    } else if (strcmp(what, "role") == 0 && target) {
        char role[16] = "", building[32] = "";
        form_get(f, fl, "role", role, sizeof role);
        form_get(f, fl, "building", building, sizeof building);
        form_word(building);
        int revoke = form_int(f, fl, "revoke", 0) == 1;
        if ((strcmp(role, "志愿者") == 0 || strcmp(role, "楼长") == 0 || strcmp(role, "管理员") == 0) &&
            (!building[0] || form_building(building)))
            snprintf(text, sizeof text, "%s%s %s", revoke ? "取消" : "设为", role, revoke ? "" : building);
    } else if (strcmp(what, "ack") == 0 && id) {
        snprintf(text, sizeof text, "受理投诉 #%lld", (long long)id);
        bot_strlcpy(back, "/console/complaints", sizeof back);
    } else if (strcmp(what, "resolve") == 0 && id) {
        static const char *const hows[] = {"退款", "减半", "扣分", "禁止接单7天", "驳回", "恶意投诉"};
        char how[32] = "";
        form_get(f, fl, "how", how, sizeof how);
        for (size_t i = 0; i < BOT_ARRAY_LEN(hows); i++)
            if (strcmp(how, hows[i]) == 0)
                snprintf(text, sizeof text, "处理投诉 #%lld %s", (long long)id, hows[i]);
        bot_strlcpy(back, "/console/complaints", sizeof back);
    } else if (strcmp(what, "proxy_register") == 0) {
        char name[64] = "", building[32] = "", birthday[16] = "", phone[24] = "";
        form_get(f, fl, "name", name, sizeof name);
        form_get(f, fl, "building", building, sizeof building);
        form_get(f, fl, "birthday", birthday, sizeof birthday);
        form_get(f, fl, "phone", phone, sizeof phone);
        form_word(name);
        form_word(building);
        form_word(phone);
        bot_strlcpy(back, "/console/members", sizeof back);
        /* each field is what it says: a name with no digits, a building, a phone of digits */
        if (name[0] && !form_field_bleeds(name) && !strpbrk(name, "0123456789") && form_building(building) &&
            is_date(birthday) && strspn(phone, "0123456789") == strlen(phone))
            snprintf(text, sizeof text, "代注册 %s %s 生日%.4s年%d月%d日%s%s", name, building, birthday,
                     (int)strtol(birthday + 5, NULL, 10), (int)strtol(birthday + 8, NULL, 10), phone[0] ? " 电话" : "",
                     phone);
    }
    if (!text[0]) {
        pg_message(c, 400, "没有办", "表单有内容没填或不对，什么也没有改。请返回重填：每一格只写它自己的内容，"
                                  "楼栋写成「3号楼」，电话只写数字，禁止接单的天数在1到365之间。");
        return BOT_OK;
    }
    return console_act(c, text, target, back);
}

static void csv_begin(struct console_call *c, const char *name)
{
    c->resp->type = "text/csv; charset=utf-8";
    snprintf(c->resp->disposition, sizeof c->resp->disposition, "attachment; filename=\"%s.csv\"", name);
    pg_raw(&c->page, "\xEF\xBB\xBF"); /* a BOM: Excel then reads the Chinese as UTF-8 */
}

enum bot_rc csv_members(struct console_call *c)
{
    char name[64] = "", building[32] = "";
    form_get(c->q, c->qlen, "name", name, sizeof name);
    form_get(c->q, c->qlen, "building", building, sizeof building);
    console_filter_building(c, building, sizeof building);
    struct store_console_member *m = calloc(500, sizeof *m);
    if (!m)
        return BOT_NOMEM;
    csv_begin(c, "members");
    struct page *p = &c->page;
    pg_raw(p, "编号,姓名,楼栋,身份,电话,余额(小时),累计(小时),状态,加入\r\n");
    enum bot_rc rc = BOT_OK;
    for (int offset = 0;; offset += 500) {
        int n = 0;
        if ((rc = store_console_members(c->env->st, name, building, 0, offset, m, 500, &n)) != BOT_OK)
            break;
        for (int i = 0; i < n; i++) {
            char roles[64], state[96], phone[32], when[32], bal[32], earned[32];
            if ((rc = roles_text(c, &m[i], roles)) != BOT_OK)
                break;
            state_text(c, &m[i], state);
            bot_strlcpy(phone, m[i].phone, sizeof phone);
            hd_mask_phones(phone);
            pg_time(c, m[i].created_at, when);
            snprintf(bal, sizeof bal, "%.1f", (double)m[i].balance / 60);
            snprintf(earned, sizeof earned, "%.1f", (double)m[i].earned / 60);
            pg_csv_int(p, m[i].id, 0);
            pg_csv_cell(p, m[i].name, 0);
            pg_csv_cell(p, m[i].building, 0);
            pg_csv_cell(p, roles, 0);
            pg_csv_cell(p, phone, 0);
            pg_csv_cell(p, bal, 0);
            pg_csv_cell(p, earned, 0);
            pg_csv_cell(p, state, 0);
            pg_csv_cell(p, when, 1);
        }
        if (rc != BOT_OK || n < 500)
            break;
    }
    free(m);
    return rc;
}

enum bot_rc csv_orders(struct console_call *c)
{
    struct order_query oq;
    read_order_query(c, &oq);
    struct store_console_order *o = calloc(500, sizeof *o);
    if (!o)
        return BOT_NOMEM;
    csv_begin(c, "orders");
    struct page *p = &c->page;
    pg_raw(p, "单号,状态,服务,需求方,楼栋,志愿者,约定时间,发布时间,记入(小时),内容\r\n");
    enum bot_rc rc = BOT_OK;
    /* page by the last order's number, not by an offset: each page reads only its own rows */
    oq.f.offset = 0;
    for (;;) {
        int n = 0;
        if ((rc = store_console_orders(c->env->st, &oq.f, o, 500, &n)) != BOT_OK)
            break;
        if (n > 0)
            oq.f.before = o[n - 1].id;
        for (int i = 0; i < n; i++) {
            char start[32], created[32], h[32];
            pg_time(c, o[i].start_at, start);
            pg_time(c, o[i].created_at, created);
            snprintf(h, sizeof h, "%.1f", (double)o[i].credited_minutes / 60);
            hd_mask_phones(o[i].text);
            pg_csv_int(p, o[i].id, 0);
            pg_csv_cell(p, status_label(o[i].status), 0);
            pg_csv_cell(p, o[i].service, 0);
            pg_csv_cell(p, o[i].requester, 0);
            pg_csv_cell(p, o[i].building, 0);
            pg_csv_cell(p, o[i].volunteer, 0);
            pg_csv_cell(p, start, 0);
            pg_csv_cell(p, created, 0);
            pg_csv_cell(p, h, 0);
            pg_csv_cell(p, o[i].text, 1);
        }
        if (n < 500)
            break;
    }
    free(o);
    return rc;
}
