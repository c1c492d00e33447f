/* money.c — the console's money pages: merchants (the month's redemptions, fees, what each owes, 商家缴费) and the
 * books (cash accounts, spendings waiting with 批准/驳回, 记账, the month's 财务公示); each change is its chat command. */
#include "console_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"

#define MERCHANTS_MAX 100
#define PENDING_MAX 50
#define CASH_MAX 64
#define STATEMENT_MAX 4096

/* The month asked for (?month=2026-11), this month when none: its bounds and its name. */
static void month_pick(struct console_call *c, const char *action, const char *month)
{
    pg_raw(&c->page, "<form method=\"get\" class=\"filter\" action=\"");
    pg_text(&c->page, action);
    pg_raw(&c->page, "\"><label>月份 <input type=\"month\" name=\"month\" value=\"");
    pg_text(&c->page, month);
    pg_raw(&c->page, "\"></label><button>查看</button></form>");
}

static void yuan_cell(struct page *p, int64_t fen)
{
    char y[32];
    hd_yuan_text(fen, y);
    pg_raw(p, "<td class=\"n\">");
    pg_text(p, y);
    pg_raw(p, "</td>");
}

enum bot_rc page_merchants(struct console_call *c)
{
    if (!console_all(c)) {
        pg_message(c, 403, "商家", "商家的账目只有工作人员可以查看。");
        return BOT_OK;
    }
    int y, mo, n = 0;
    int64_t from, to;
    char month[16], title[48];
    if (console_month(c, 0, &y, &mo, &from, &to, month) < 0) {
        pg_message(c, 400, "月份不对", "没有这个月份。请选一个月份，例如 2026-11。");
        return BOT_OK;
    }
    struct store_merchant *m = calloc(MERCHANTS_MAX, sizeof *m);
    if (!m)
        return BOT_NOMEM;
    enum bot_rc rc = store_merchants_list(c->env->st, m, MERCHANTS_MAX, &n);
    if (rc != BOT_OK)
        goto out;
    struct page *p = &c->page;
    snprintf(title, sizeof title, "商家（%d年%d月）", y, mo);
    pg_begin(c, title);
    month_pick(c, "/console/merchants", month);
    pg_raw(p, "<table><tr><th>商家</th><th>核销</th><th>小时</th><th>抵扣</th><th>管理费</th><th>共欠</th></tr>");
    for (int i = 0; i < n; i++) {
        struct store_merchant_month s;
        struct store_cash_account acct;
        if ((rc = store_merchant_month(c->env->st, m[i].id, from, to, &s)) != BOT_OK ||
            (rc = store_cash_account_get(c->env->st, m[i].cash_account_id, &acct)) != BOT_OK)
            goto out;
        char h[24];
        hd_hours_text(s.minutes, h);
        pg_raw(p, "<tr><td>");
        pg_text(p, m[i].name);
        pg_rawf(p, "</td><td class=\"n\">%d</td><td class=\"n\">", s.count);
        pg_text(p, h);
        pg_raw(p, "</td>");
        yuan_cell(p, s.discount_fen);
        yuan_cell(p, s.fee_fen);
        yuan_cell(p, acct.balance_fen);
        pg_raw(p, "</tr>");
    }
    if (!n)
        pg_raw(p, "<tr><td colspan=\"6\">还没有合作商家（在聊天里发「添加商家」）</td></tr>");
    pg_raw(p, "</table>");
    if (n) {
        pg_raw(p, "<h2>商家缴费</h2>");
        pg_form(c, "/console/money");
        pg_raw(p, "<input type=\"hidden\" name=\"do\" value=\"settle\"><label>商家 <select name=\"merchant\">");
        for (int i = 0; i < n; i++) {
            pg_rawf(p, "<option value=\"%lld\">", (long long)m[i].id);
            pg_text(p, m[i].name);
            pg_raw(p, "</option>");
        }
        pg_raw(p, "</select></label><label>金额（元） <input name=\"yuan\" inputmode=\"decimal\" required "
                  "pattern=\"[0-9]+([.][0-9]{1,2})?\" size=\"8\"></label><button>缴费</button></form>");
    }
    pg_end(c);
out:
    free(m);
    return rc;
}

static const char *cash_label(const char *name)
{
    static const char *const map[][2] = {{"bank", "银行存款"},  {"income", "收入来源"}, {"expense", "支出"},
                                         {"fund", "互助基金"},  {"founders", "发起人"},  {"board", "理事会"}};
    for (size_t i = 0; i < BOT_ARRAY_LEN(map); i++)
        if (strcmp(name, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

struct cash_list {
    struct store_cash_account *a;
    int n;
    int64_t merchants_fen, members_fen; /* what merchants owe, what members' dividend accounts hold */
};

static void keep_system_cash(const struct store_cash_account *a, void *arg)
{
    struct cash_list *l = arg;
    if (cash_label(a->name) && l->n < CASH_MAX)
        l->a[l->n++] = *a;
    else if (strcmp(a->kind, STORE_CASH_ACCOUNT_KIND_MERCHANT) == 0)
        l->merchants_fen += a->balance_fen;
    else if (strcmp(a->kind, STORE_CASH_ACCOUNT_KIND_MEMBER) == 0)
        l->members_fen += a->balance_fen;
}

static const char *band_text(int band)
{
    return band >= 3 ? "会员大会" : band == 2 ? "第二位工作人员" : "一人";
}

enum bot_rc page_finance(struct console_call *c)
{
    int y, mo, np = 0;
    int64_t from, to;
    char month[16], title[48], when[32];
    if (console_month(c, 0, &y, &mo, &from, &to, month) < 0) {
        pg_message(c, 400, "月份不对", "没有这个月份。请选一个月份，例如 2026-11。");
        return BOT_OK;
    }
    struct store_cash_account *accts = calloc(CASH_MAX, sizeof *accts);
    struct store_spending *sp = calloc(PENDING_MAX, sizeof *sp);
    char *statement = malloc(STATEMENT_MAX);
    struct cash_list l = {accts, 0, 0, 0};
    enum bot_rc rc = BOT_OK;
    if (!accts || !sp || !statement) {
        rc = BOT_NOMEM;
        goto out;
    }
    struct hd_ctx ctx = {c->env->st, c->env->nlp, c->env->set, c->req->now, c->env->platforms, c->env->nplatforms, 0};
    if ((rc = hd_finance_statement(&ctx, y, mo, statement, STATEMENT_MAX)) != BOT_OK)
        goto out;
    if (console_all(c) && ((rc = store_cash_accounts_each(c->env->st, keep_system_cash, &l)) != BOT_OK ||
                     (rc = store_spendings_pending(c->env->st, sp, PENDING_MAX, &np)) != BOT_OK))
        goto out;
    struct page *p = &c->page;
    snprintf(title, sizeof title, console_all(c) ? "财务" : "财务公示");
    pg_begin(c, title);
    if (console_all(c)) {
        pg_raw(p, "<h2>账户</h2><table><tr><th>账户</th><th>余额</th></tr>");
        for (int i = 0; i < l.n; i++) {
            pg_raw(p, "<tr><td>");
            pg_text(p, cash_label(accts[i].name));
            pg_raw(p, "</td>");
            yuan_cell(p, accts[i].balance_fen);
            pg_raw(p, "</tr>");
        }
        pg_raw(p, "<tr><td>商家欠缴管理费</td>");
        yuan_cell(p, l.merchants_fen);
        pg_raw(p, "</tr><tr><td>会员分红账户</td>");
        yuan_cell(p, l.members_fen);
        pg_raw(p, "</tr></table><p class=\"hint\">收入来源的余额是累计收入的负数（复式记账），所有账户相加为0。</p>"
                  "<h2>待批支出</h2>");
        if (!np)
            pg_raw(p, "<p>没有等待批准的支出。</p>");
        for (int i = 0; i < np; i++) {
            char y2[32];
            hd_yuan_text(sp[i].fen, y2);
            pg_time(c, sp[i].entered_at, when);
            pg_rawf(p, "<section class=\"card\"><h2>支出 #%lld ", (long long)sp[i].id);
            pg_text(p, sp[i].item);
            pg_raw(p, " ");
            pg_text(p, y2);
            pg_raw(p, "</h2><p>");
            pg_text(p, when);
            pg_raw(p, "记，要");
            pg_text(p, band_text(sp[i].band));
            pg_raw(p, "批准");
            if (sp[i].memo[0]) {
                pg_raw(p, "：");
                pg_text(p, sp[i].memo);
            }
            pg_raw(p, "</p><div class=\"actions\">");
            pg_form(c, "/console/money");
            pg_rawf(p, "<input type=\"hidden\" name=\"do\" value=\"approve\"><input type=\"hidden\" name=\"id\" "
                       "value=\"%lld\">", (long long)sp[i].id);
            if (sp[i].band >= 3)
                pg_raw(p, "<label>会员大会决议 <input name=\"decision\" required size=\"12\"></label>");
            pg_raw(p, "<button>批准</button></form>");
            pg_form(c, "/console/money");
            pg_rawf(p, "<input type=\"hidden\" name=\"do\" value=\"reject\"><input type=\"hidden\" name=\"id\" "
                       "value=\"%lld\"><label>原因 <input name=\"why\" required size=\"12\"></label>"
                       "<button class=\"warn\">驳回</button></form></div></section>", (long long)sp[i].id);
        }
        pg_raw(p, "<h2>记账</h2>");
        pg_form(c, "/console/money");
        pg_raw(p, "<input type=\"hidden\" name=\"do\" value=\"book\"><label>类别 <select name=\"kind\">"
                  "<option>收入</option><option>支出</option></select></label><label>项目 <input name=\"item\" "
                  "required size=\"10\"></label><label>金额（元） <input name=\"yuan\" inputmode=\"decimal\" required "
                  "pattern=\"[0-9]+([.][0-9]{1,2})?\" size=\"8\"></label><label>备注 <input name=\"memo\" "
                  "size=\"12\"></label><button>记账</button></form>");
    }
    pg_rawf(p, "<h2>%d年%d月财务公示</h2>", y, mo);
    month_pick(c, "/console/finance", month);
    pg_raw(p, "<p class=\"msg\">");
    pg_text(p, statement);
    pg_raw(p, "</p>");
    pg_end(c);
out:
    free(accts);
    free(sp);
    free(statement);
    return rc;
}

/* An amount in yuan as typed (12, 12.5, 12.50), else 0. */
static int is_yuan(const char *s)
{
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 9)
        return 0;
    if (!s[n])
        return 1;
    size_t f = s[n] == '.' ? strspn(s + n + 1, "0123456789") : 0;
    return f >= 1 && f <= 2 && !s[n + 1 + f];
}

enum bot_rc page_money_act(struct console_call *c)
{
    const char *f = c->req->body;
    size_t fl = c->req->body_len;
    char what[16] = "", text[320] = "", back[40] = "/console/finance";
    form_get(f, fl, "do", what, sizeof what);
    int64_t id = form_int(f, fl, "id", 0);
    if (strcmp(what, "settle") == 0) {
        char yuan[24] = "";
        struct store_merchant m;
        form_get(f, fl, "yuan", yuan, sizeof yuan);
        bot_strlcpy(back, "/console/merchants", sizeof back);
        enum bot_rc rc = store_merchant_get(c->env->st, form_int(f, fl, "merchant", 0), &m);
        if (rc != BOT_OK && rc != BOT_NOTFOUND)
            return rc;
        if (rc == BOT_OK && is_yuan(yuan) && !strchr(m.name, ' '))
            snprintf(text, sizeof text, "商家缴费 %s %s元", m.name, yuan);
    } else if (strcmp(what, "approve") == 0 && id > 0) {
        char decision[96] = "";
        form_get(f, fl, "decision", decision, sizeof decision);
        form_word(decision);
        if (!form_field_bleeds(decision))
            snprintf(text, sizeof text, decision[0] ? "批准支出 #%lld 会员大会 %s" : "批准支出 #%lld", (long long)id,
                 decision);
    } else if (strcmp(what, "reject") == 0 && id > 0) {
        char why[96] = "";
        form_get(f, fl, "why", why, sizeof why);
        form_word(why);
        if (why[0] && !form_field_bleeds(why))
            snprintf(text, sizeof text, "驳回支出 #%lld 原因 %s", (long long)id, why);
    } else if (strcmp(what, "book") == 0) {
        char kind[16] = "", item[64] = "", yuan[24] = "", memo[96] = "";
        form_get(f, fl, "kind", kind, sizeof kind);
        form_get(f, fl, "item", item, sizeof item);
        form_get(f, fl, "yuan", yuan, sizeof yuan);
        form_get(f, fl, "memo", memo, sizeof memo);
        form_word(item);
        form_word(memo);
        if ((strcmp(kind, "收入") == 0 || strcmp(kind, "支出") == 0) && item[0] && is_yuan(yuan) &&
            !form_field_bleeds(item) && !form_field_bleeds(memo))
            snprintf(text, sizeof text, "记账 %s %s %s元%s%s", kind, item, yuan, memo[0] ? " " : "", memo);
    }
    if (!text[0]) {
        pg_message(c, 400, "没有办", "表单没有填完整，什么也没有改。请返回重填。");
        return BOT_OK;
    }
    return console_act(c, text, 0, back);
}
