/* reports.c — the console's books and reports: the ledger and the audit's state, activities, the settings as read,
 * the monthly report (printable, and as CSV), the 公示 for residents (buildings and hours, no names), the journal CSV. */
#include "console_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"

#define AUDIT_ACTION "对账检查"

static void hours(struct page *p, int64_t minutes)
{
    char h[24];
    hd_hours_text(minutes, h);
    pg_text(p, h);
}

static const char *account_label(const char *name, const char *merchant)
{
    if (merchant && merchant[0])
        return merchant; /* a partner merchant's account reads as the shop */
    static const char *const map[][2] = {{"fund", "互助基金"}, {"expired", "过期积分"}, {"adjust", "人工调整"},
                                         {"hold", "投诉暂扣"}};
    for (size_t i = 0; i < BOT_ARRAY_LEN(map); i++)
        if (strcmp(name, map[i][0]) == 0)
            return map[i][1];
    return name;
}

enum bot_rc page_ledger(struct console_call *c)
{
    if (!console_all(c)) { /* the fund's movements name members of every building */
        pg_message(c, 403, "没有权限", "账目只有工作人员可以查看。本楼的情况请看「今天」和「订单」。");
        return BOT_OK;
    }
    struct store *st = c->env->st;
    struct store_console_account acc[16];
    struct store_console_totals tot;
    int n = 0;
    enum bot_rc rc = store_console_system_accounts(st, acc, 16, &n, &tot);
    if (rc != BOT_OK)
        return rc;
    char account[96] = "";
    form_get(c->q, c->qlen, "account", account, sizeof account);
    struct page *p = &c->page;
    pg_begin(c, "账目");
    pg_raw(p, "<table><tr><th>账户</th><th>余额</th></tr>");
    int64_t sum = tot.balance;
    for (int i = 0; i < n; i++) {
        pg_raw(p, "<tr><td><a href=\"/console/ledger?account=");
        pg_url(p, acc[i].name);
        pg_raw(p, "\">");
        pg_text(p, account_label(acc[i].name, acc[i].merchant));
        pg_raw(p, "</a></td><td class=\"n\">");
        hours(p, acc[i].balance);
        pg_raw(p, "</td></tr>");
        sum += acc[i].balance;
    }
    pg_rawf(p, "<tr><td>%lld 位成员合计（透支 %lld 位，共 ", (long long)tot.members, (long long)tot.overdrawn);
    hours(p, -tot.overdrawn_minutes);
    pg_raw(p, "）</td><td class=\"n\">");
    hours(p, tot.balance);
    pg_raw(p, "</td></tr><tr><th>全部相加（复式记账应为0）</th><td class=\"n\">");
    hours(p, sum);
    pg_raw(p, "</td></tr></table>");
    /* the audit's state: the last run, and a button to run it now */
    int64_t at = 0, by = 0;
    char *detail = malloc(4096);
    if (!detail)
        return BOT_NOMEM;
    if ((rc = store_console_last(st, AUDIT_ACTION, &at, &by, detail, 4096)) != BOT_OK && rc != BOT_NOTFOUND) {
        free(detail);
        return rc;
    }
    pg_raw(p, "<h2>对账检查</h2><p>");
    if (at) {
        char when[32];
        pg_time(c, at, when);
        pg_raw(p, "上次检查：");
        pg_text(p, when);
        pg_raw(p, strcmp(detail, "ok") == 0 ? "，<b>全部相符</b>。" : "，<b class=\"bad\">发现问题</b>：");
        if (strcmp(detail, "ok") != 0)
            pg_text(p, detail);
    } else {
        pg_raw(p, "还没有在后台检查过。");
    }
    pg_raw(p, "</p>");
    free(detail);
    if (console_all(c)) {
        pg_form(c, "/console/audit");
        pg_raw(p, "<button>现在检查</button></form>");
    }
    if (account[0]) {
        struct store_account a;
        struct store_history *h = calloc(50, sizeof *h);
        int nh = 0;
        rc = h ? store_account_by_name(st, account, &a) : BOT_NOMEM;
        /* a member's own account is read on the member's page (a 楼长 only his building's) */
        if (rc == BOT_OK && a.member_id == 0)
            rc = store_history(st, a.id, h, 50, &nh);
        if (rc == BOT_OK && a.member_id == 0) {
            pg_raw(p, "<h2>");
            pg_text(p, account_label(account, NULL));
            pg_raw(p, "：最近50笔</h2><table><tr><th>时间</th><th>类别</th><th>对方</th><th>单号</th><th>小时</th></tr>");
            for (int i = 0; i < nh; i++) {
                char when[32];
                pg_time(c, h[i].at, when);
                pg_raw(p, "<tr><td>");
                pg_text(p, when);
                pg_raw(p, "</td><td>");
                pg_text(p, hd_kind_text(h[i].kind));
                pg_raw(p, "</td><td>");
                pg_text(p, h[i].counterpart);
                pg_raw(p, "</td><td>");
                if (h[i].request_id)
                    pg_rawf(p, "<a href=\"/console/order?id=%lld\">#%lld</a>", (long long)h[i].request_id,
                            (long long)h[i].request_id);
                pg_raw(p, "</td><td class=\"n\">");
                hours(p, h[i].minutes);
                pg_raw(p, "</td></tr>");
            }
            pg_raw(p, "</table>");
        } else if (rc == BOT_OK || rc == BOT_NOTFOUND) {
            pg_raw(p, "<p>成员的明细请在<a href=\"/console/members\">成员</a>页查看。</p>");
            rc = BOT_OK;
        }
        free(h);
        if (rc != BOT_OK)
            return rc;
    }
    if (console_all(c)) {
        pg_raw(p, "<h2>下载</h2><form method=\"get\" action=\"/console/csv/journal\" class=\"filter\">"
                  "<label>月份 <input type=\"month\" name=\"month\"></label><button>下载记账明细CSV</button></form>");
    }
    pg_end(c);
    return BOT_OK;
}

enum bot_rc do_audit(struct console_call *c)
{
    if (!console_all(c)) {
        pg_message(c, 403, "没有权限", "对账检查只有工作人员可以做。");
        return BOT_OK;
    }
    char *report = malloc(4096);
    if (!report)
        return BOT_NOMEM;
    struct store_audit_rules rules;
    int broken = 0;
    hd_audit_rules(c->env->set, &rules);
    enum bot_rc rc = store_audit(c->env->st, &rules, report, 4096, &broken);
    if (rc == BOT_OK && (rc = store_begin(c->env->st)) == BOT_OK) {
        if ((rc = store_console_log(c->env->st, c->me.id, AUDIT_ACTION, broken ? report : "ok", c->req->now)) != BOT_OK)
            store_rollback(c->env->st);
        else
            rc = store_commit(c->env->st);
    }
    if (rc == BOT_OK) {
        c->resp->status = 303;
        bot_strlcpy(c->resp->location, "/console/ledger", sizeof c->resp->location);
        pg_raw(&c->page, "");
    }
    free(report);
    return rc;
}

enum bot_rc page_activities(struct console_call *c)
{
    struct store_console_activity *a = calloc(50, sizeof *a);
    if (!a)
        return BOT_NOMEM;
    int n = 0;
    enum bot_rc rc = store_console_activities(c->env->st, c->scope, a, 50, &n);
    if (rc != BOT_OK) {
        free(a);
        return rc;
    }
    struct page *p = &c->page;
    pg_begin(c, "活动");
    pg_raw(p, "<table><tr><th>编号</th><th>活动</th><th>时间</th><th>地点</th><th>组织</th><th>签到</th><th>状态</th></tr>");
    for (int i = 0; i < n; i++) {
        char when[32];
        pg_time(c, a[i].starts_at, when);
        pg_rawf(p, "<tr><td>%lld</td><td>", (long long)a[i].id);
        pg_text(p, a[i].title);
        pg_raw(p, "</td><td>");
        pg_text(p, when[0] ? when : "未定");
        pg_raw(p, "</td><td>");
        pg_text(p, a[i].place);
        pg_raw(p, "</td><td>");
        pg_text(p, a[i].organiser);
        int64_t now = c->req->now;
        const char *state = a[i].closed                              ? "已结束"
                            : a[i].starts_at > now                   ? "未开始"
                            : a[i].ends_at && a[i].ends_at < now     ? "时间已过，未结束"
                                                                     : "进行中";
        pg_rawf(p, "</td><td class=\"n\">%lld</td><td>%s</td></tr>", (long long)a[i].participants, state);
    }
    if (!n)
        pg_raw(p, "<tr><td colspan=\"7\">还没有活动。楼长在群里发「创建活动 广场舞 明天上午9点 社区广场」。</td></tr>");
    pg_raw(p, "</table>");
    pg_end(c);
    free(a);
    return BOT_OK;
}

enum bot_rc page_settings(struct console_call *c)
{
    struct page *p = &c->page;
    pg_begin(c, "设置");
    pg_raw(p, "<p class=\"hint\">这是 bot.ini 现在的设置，只能看。密钥和令牌不显示。改设置请改 bot.ini 后重启。</p>"
              "<table><tr><th>分组</th><th>项</th><th>值</th></tr>");
    const char *s = c->env->settings ? c->env->settings : "";
    while (*s) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), s);
        char *k = strchr(line, '\t'), *v = k ? strchr(k + 1, '\t') : NULL;
        if (k && v) {
            *k++ = '\0';
            *v++ = '\0';
            pg_raw(p, "<tr>");
            pg_td(p, line);
            pg_td(p, k);
            pg_td(p, v);
            pg_raw(p, "</tr>");
        }
        s += len + (end ? 1 : 0);
    }
    pg_raw(p, "</table>");
    pg_end(c);
    return BOT_OK;
}

/* The month a report shows (the last whole one by default), or a page saying the one asked for is none (*bad). */
static void month_of(struct console_call *c, int64_t *from, int64_t *to, char name[16], int *bad)
{
    int y, mo;
    *bad = console_month(c, 1, &y, &mo, from, to, name) < 0;
    if (*bad)
        pg_message(c, 400, "月份不对", "没有这个月份。请选一个月份，例如 2026-11。");
}

static void month_form(struct console_call *c, const char *action, const char *month)
{
    pg_raw(&c->page, "<form method=\"get\" class=\"filter\" action=\"");
    pg_text(&c->page, action);
    pg_raw(&c->page, "\"><label>月份 <input type=\"month\" name=\"month\" value=\"");
    pg_text(&c->page, month);
    pg_raw(&c->page, "\"></label><button>查看</button><button type=\"button\" class=\"print\">打印</button></form>");
}

/* What a report covers: a branch admin's branch, else the whole alliance (as before branches, a 楼长 reads it all). */
static const char *report_scope(const struct console_call *c)
{
    return c->branch ? c->scope : "";
}

/* A branch's name as shown: branch 1's is bot.ini's [branch] name. */
static const char *branch_label(const struct console_call *c, const struct store_branch *b)
{
    return b->id == STORE_BRANCH_DEFAULT || !b->name[0] ? c->env->set->branch_name : b->name;
}

/* The branches of the alliance, for its staff's by-branch tables; *n 0 when a report needs none (one branch, or
 * the reader sees one branch only). */
static enum bot_rc report_branches(const struct console_call *c, struct store_branch *list, int max, int *n)
{
    *n = 0;
    if (!console_all(c))
        return BOT_OK;
    enum bot_rc rc = store_branch_list(c->env->st, list, max, n);
    if (rc == BOT_OK && *n < 2)
        *n = 0;
    return rc;
}

/* 月报's 按分会 table: each branch's members, orders done and hours. */
static enum bot_rc report_by_branch(struct console_call *c, int64_t from, int64_t to)
{
    struct store_branch list[32];
    int n = 0;
    enum bot_rc rc = report_branches(c, list, 32, &n);
    if (rc != BOT_OK || n == 0)
        return rc;
    struct page *p = &c->page;
    pg_raw(p, "<h2>按分会</h2><p>按求助方所在楼栋的分会计。</p><table><tr><th>分会</th><th>登记成员</th><th>新求助</th><th>完成</th><th>小时</th></tr>");
    for (int i = 0; i < n; i++) {
        char scope[STORE_BUILDING_MAX];
        struct store_console_month r;
        store_scope_of_branch(list[i].id, scope);
        if ((rc = store_console_month(c->env->st, from, to, scope, &r)) != BOT_OK)
            return rc;
        pg_raw(p, "<tr><td>");
        pg_text(p, branch_label(c, &list[i]));
        pg_rawf(p, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">",
                (long long)r.members, (long long)r.posted, (long long)r.confirmed);
        hours(p, r.minutes);
        pg_raw(p, "</td></tr>");
    }
    pg_raw(p, "</table>");
    return BOT_OK;
}

enum bot_rc page_report(struct console_call *c)
{
    int64_t from, to;
    char month[16], title[48];
    int bad;
    month_of(c, &from, &to, month, &bad);
    if (bad)
        return BOT_OK;
    struct store_console_month r;
    struct store_console_hours *x = calloc(1, sizeof *x);
    if (!x)
        return BOT_NOMEM;
    enum bot_rc rc = store_console_month(c->env->st, from, to, report_scope(c), &r);
    if (rc == BOT_OK)
        rc = store_console_hours(c->env->st, from, to, report_scope(c), x);
    if (rc != BOT_OK) {
        free(x);
        return rc;
    }
    struct page *p = &c->page;
    snprintf(title, sizeof title, "%s 月报", month);
    pg_begin(c, title);
    month_form(c, "/console/report", month);
    pg_raw(p, "<p><a href=\"/console/csv/report?month=");
    pg_url(p, month);
    pg_raw(p, "\">下载CSV</a></p><h2>参与</h2><table class=\"kv\">");
    pg_rawf(p, "<tr><th>登记成员</th><td>%lld（本月新增 %lld）</td></tr>", (long long)r.members, (long long)r.new_members);
    pg_rawf(p, "<tr><th>服务过的志愿者</th><td>%lld</td></tr>", (long long)r.volunteers);
    pg_rawf(p, "<tr><th>活动</th><td>%lld 场，签到 %lld 人次</td></tr></table>", (long long)r.activities,
            (long long)r.sign_ins);
    pg_raw(p, "<h2>互助</h2><table class=\"kv\">");
    pg_rawf(p, "<tr><th>新求助</th><td>%lld</td></tr><tr><th>完成</th><td>%lld</td></tr>", (long long)r.posted,
            (long long)r.confirmed);
    pg_raw(p, "<tr><th>服务时长</th><td>");
    hours(p, r.minutes);
    pg_rawf(p, "</td></tr><tr><th>取消</th><td>%lld</td></tr><tr><th>过期没人接</th><td>%lld</td></tr></table>",
            (long long)r.cancelled, (long long)r.expired);
    pg_raw(p, "<h2>满意度</h2><table class=\"kv\">");
    pg_rawf(p, "<tr><th>评价</th><td>%lld 条，平均 %.1f 星</td></tr>", (long long)r.ratings, r.stars);
    pg_rawf(p, "<tr><th>投诉</th><td>新 %lld，处理 %lld</td></tr></table>", (long long)r.complaints,
            (long long)r.complaints_decided);
    pg_raw(p, "<div class=\"two\"><div><h2>按服务</h2><table><tr><th>服务</th><th>小时</th></tr>");
    for (int i = 0; i < x->nservice; i++) {
        pg_raw(p, "<tr><td>");
        pg_text(p, x->service[i].key);
        pg_raw(p, "</td><td class=\"n\">");
        hours(p, x->service[i].minutes);
        pg_raw(p, "</td></tr>");
    }
    pg_raw(p, "</table></div><div><h2>按楼栋</h2><table><tr><th>楼栋</th><th>小时</th></tr>");
    for (int i = 0; i < x->nbuilding; i++) {
        pg_raw(p, "<tr><td>");
        pg_text(p, x->building[i].key[0] ? x->building[i].key : "（未填）");
        pg_raw(p, "</td><td class=\"n\">");
        hours(p, x->building[i].minutes);
        pg_raw(p, "</td></tr>");
    }
    pg_raw(p, "</table></div></div>");
    free(x);
    if ((rc = report_by_branch(c, from, to)) != BOT_OK)
        return rc;
    pg_end(c);
    return BOT_OK;
}

enum bot_rc page_publicity(struct console_call *c)
{
    int64_t from, to;
    char month[16], title[48];
    int bad;
    month_of(c, &from, &to, month, &bad);
    if (bad)
        return BOT_OK;
    struct store_console_count rows[64];
    int n = 0;
    enum bot_rc rc = store_console_publicity(c->env->st, from, to, report_scope(c), rows, 64, &n);
    struct store_branch list[32];
    int nb = 0;
    if (rc != BOT_OK || (rc = report_branches(c, list, 32, &nb)) != BOT_OK)
        return rc;
    struct page *p = &c->page;
    snprintf(title, sizeof title, "%s 互助公示", month);
    pg_begin(c, title);
    month_form(c, "/console/publicity", month);
    pg_raw(p, "<section class=\"poster\"><p>本月各楼栋邻里互助时长（不含姓名）：</p><table><tr><th>楼栋</th><th>互助时长</th></tr>");
    int64_t total = 0;
    for (int i = 0; i < n; i++) {
        pg_raw(p, "<tr><td>");
        pg_text(p, rows[i].key[0] ? rows[i].key : "未填楼栋");
        pg_raw(p, "</td><td class=\"n\">");
        hours(p, rows[i].minutes);
        pg_raw(p, "</td></tr>");
        total += rows[i].minutes;
    }
    pg_raw(p, "<tr><th>合计</th><th class=\"n\">");
    hours(p, total);
    pg_raw(p, "</th></tr></table>");
    if (nb > 0) /* the alliance's staff: each branch's total */
        pg_raw(p, "<p>各分会互助时长（按提供帮助的邻居所在楼栋的分会计）：</p><table><tr><th>分会</th><th>互助时长</th></tr>");
    for (int b = 0; b < nb; b++) {
        char scope[STORE_BUILDING_MAX];
        int m = 0;
        int64_t sum = 0;
        store_scope_of_branch(list[b].id, scope);
        if ((rc = store_console_publicity(c->env->st, from, to, scope, rows, 64, &m)) != BOT_OK)
            return rc;
        for (int i = 0; i < m; i++)
            sum += rows[i].minutes;
        pg_raw(p, "<tr><td>");
        pg_text(p, branch_label(c, &list[b]));
        pg_raw(p, "</td><td class=\"n\">");
        hours(p, sum);
        pg_raw(p, "</td></tr>");
    }
    if (nb > 0)
        pg_raw(p, "</table>");
    pg_raw(p, "<p>帮邻居1小时，就存下1小时。谢谢每一位出力的邻居！</p></section>");
    pg_end(c);
    return BOT_OK;
}

static void csv_begin(struct console_call *c, const char *name, const char *month)
{
    c->resp->type = "text/csv; charset=utf-8";
    snprintf(c->resp->disposition, sizeof c->resp->disposition, "attachment; filename=\"%s-%s.csv\"", name, month);
    pg_raw(&c->page, "\xEF\xBB\xBF");
}

enum bot_rc csv_journal(struct console_call *c)
{
    if (!console_all(c)) {
        pg_message(c, 403, "没有权限", "记账明细只有工作人员可以下载。");
        return BOT_OK;
    }
    int64_t from, to;
    char month[16];
    int bad;
    month_of(c, &from, &to, month, &bad);
    if (bad)
        return BOT_OK;
    struct store_console_leg *l = calloc(1000, sizeof *l);
    if (!l)
        return BOT_NOMEM;
    csv_begin(c, "journal", month);
    struct page *p = &c->page;
    pg_raw(p, "行,笔,时间,账户,成员,分钟,类别,单号,备注\r\n");
    enum bot_rc rc;
    int64_t after = 0;
    for (;;) {
        int n = 0;
        if ((rc = store_console_journal(c->env->st, from, to, after, l, 1000, &n)) != BOT_OK)
            break;
        for (int i = 0; i < n; i++) {
            char when[32];
            pg_time(c, l[i].at, when);
            pg_csv_int(p, l[i].id, 0);
            pg_csv_int(p, l[i].txn, 0);
            pg_csv_cell(p, when, 0);
            pg_csv_cell(p, l[i].account, 0);
            pg_csv_cell(p, l[i].member, 0);
            pg_csv_int(p, l[i].minutes, 0);
            pg_csv_cell(p, hd_kind_text(l[i].kind), 0);
            pg_csv_int(p, l[i].request_id, 0);
            pg_csv_cell(p, l[i].memo, 1);
            after = l[i].id;
        }
        if (n < 1000)
            break;
    }
    free(l);
    return rc;
}

enum bot_rc csv_report(struct console_call *c)
{
    int64_t from, to;
    char month[16];
    int bad;
    month_of(c, &from, &to, month, &bad);
    if (bad)
        return BOT_OK;
    struct store_console_month r;
    enum bot_rc rc = store_console_month(c->env->st, from, to, report_scope(c), &r);
    if (rc != BOT_OK)
        return rc;
    csv_begin(c, "report", month);
    struct page *p = &c->page;
    char stars[16], h[24];
    snprintf(stars, sizeof stars, "%.1f", r.stars);
    snprintf(h, sizeof h, "%.1f", (double)r.minutes / 60);
    const struct {
        const char *k;
        long long v;
        const char *s;
    } rows[] = {{"月份", 0, month},         {"登记成员", r.members, NULL},     {"新增成员", r.new_members, NULL},
                {"服务过的志愿者", r.volunteers, NULL}, {"新求助", r.posted, NULL}, {"完成", r.confirmed, NULL},
                {"服务小时", 0, h},         {"取消", r.cancelled, NULL},       {"过期没人接", r.expired, NULL},
                {"评价条数", r.ratings, NULL}, {"平均星级", 0, stars},        {"新投诉", r.complaints, NULL},
                {"处理投诉", r.complaints_decided, NULL}, {"活动", r.activities, NULL},
                {"活动签到", r.sign_ins, NULL}};
    pg_raw(p, "项目,数值\r\n");
    for (size_t i = 0; i < BOT_ARRAY_LEN(rows); i++) {
        pg_csv_cell(p, rows[i].k, 0);
        if (rows[i].s)
            pg_csv_cell(p, rows[i].s, 1);
        else
            pg_csv_int(p, rows[i].v, 1);
    }
    return BOT_OK;
}
