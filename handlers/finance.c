/* finance.c — the books in the open: income and spending (记账) with the approvals an amount needs, the month's 财务公示 and its monthly push, and the 首存日's doubled credit. */
#include "handlers.h"
#include <string.h>

#define SPEND_LIST_MAX 10
#define STATEMENT_ITEMS 6 /* lines of income or of spending named on one line of the statement; the rest summed */

static const char *band_need(const struct hd_rules *rules, int band, char buf[96])
{
    char y[32];
    if (band == 2) {
        hd_yuan_text((int64_t)rules->spend_single_max_yuan * 100, y);
        snprintf(buf, 96, "超过 %s，要第二位工作人员批准", y);
    } else {
        hd_yuan_text((int64_t)rules->spend_double_max_yuan * 100, y);
        snprintf(buf, 96, "超过 %s，需要会员大会通过", y);
    }
    return buf;
}

/* Spending #N moves money now: bank → expense, in this transaction; BOT_LIMIT when the bank holds too little. */
static enum bot_rc spend_move(const struct hd_ctx *ctx, const struct store_spending *x, int64_t by, int64_t *txn)
{
    int64_t bank, expense;
    char ref[24];
    enum bot_rc rc;
    if ((rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_BANK, &bank, NULL)) != BOT_OK ||
        (rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_EXPENSE, &expense, NULL)) != BOT_OK)
        return rc;
    snprintf(ref, sizeof ref, "支出#%lld", (long long)x->id);
    struct store_cash_transfer t = {.from_account = bank, .to_account = expense, .fen = x->fen,
                                    .kind = STORE_CASH_KIND_EXPENSE, .item = x->item, .ref = ref,
                                    .memo = x->memo, .by = by, .now = ctx->now};
    return store_cash_transfer(ctx->st, &t, txn);
}

static void say_bank_short(struct hd_call *c, int64_t held, int64_t fen, const char *what)
{
    char h[32], f[32];
    hd_yuan_text(held, h);
    hd_yuan_text(fen, f);
    hd_say(c->out, "账上现有 %s，不够%s %s，这次没有记账。收入到账后请再记。", h, what, f);
}

#define SPEND_TWIN_SECONDS 600 /* the same spending (item, amount, note) again within this: entered once */

/* The books are kept privately: who entered what and the bank's balance never go to a residents' group. */
static int books_in_group(struct hd_call *c)
{
    if (!c->msg->is_group)
        return 0;
    hd_say(c->out, "记账、批准和待批支出请私聊我办（账里有经手人和金额）。每月的收支公示会发到群里。");
    return 1;
}

static enum bot_rc book_opening(struct hd_call *c, enum hd_outcome *outcome)
{
    int64_t n = 0, bank, income, held;
    char y[32];
    enum bot_rc rc;
    if ((rc = store_cash_kind_count(c->ctx->st, STORE_CASH_KIND_OPENING, &n)) != BOT_OK ||
        (rc = hd_cash_id(c->ctx->st, STORE_CASH_ACCOUNT_BANK, &bank, &held)) != BOT_OK ||
        (rc = hd_cash_id(c->ctx->st, STORE_CASH_ACCOUNT_INCOME, &income, NULL)) != BOT_OK)
        return rc;
    if (n > 0) {
        hd_yuan_text(held, y);
        hd_say(c->out, "期初已经记过了，只记一次（账上现有 %s）。记错了请用「记账 收入」或「记账 支出」更正。", y);
        return BOT_OK;
    }
    struct store_cash_transfer t = {.from_account = income, .to_account = bank, .fen = c->nr->fen,
                                    .kind = STORE_CASH_KIND_OPENING, .item = "期初", .memo = c->nr->note,
                                    .by = c->me->id, .now = c->ctx->now};
    if ((rc = store_cash_transfer(c->ctx->st, &t, NULL)) != BOT_OK)
        return rc;
    hd_yuan_text(held + c->nr->fen, y);
    hd_say(c->out, "已记期初：账上现有 %s。以后的收入和支出请用「记账 收入 …」「记账 支出 …」。", y);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

static enum bot_rc book_income(struct hd_call *c, enum hd_outcome *outcome)
{
    int64_t bank, income, held;
    char y[32], b[32];
    enum bot_rc rc;
    if ((rc = hd_cash_id(c->ctx->st, STORE_CASH_ACCOUNT_BANK, &bank, &held)) != BOT_OK ||
        (rc = hd_cash_id(c->ctx->st, STORE_CASH_ACCOUNT_INCOME, &income, NULL)) != BOT_OK)
        return rc;
    char memo[200];
    /* a 楼长's income is his building's: the memo says so */
    if (!hd_is_admin(c) && c->me->manager_building[0])
        snprintf(memo, sizeof memo, "%s%s%s", c->me->manager_building, c->nr->note[0] ? " " : "", c->nr->note);
    else
        bot_strlcpy(memo, c->nr->note, sizeof memo);
    struct store_cash_transfer t = {.from_account = income, .to_account = bank, .fen = c->nr->fen,
                                    .kind = STORE_CASH_KIND_INCOME, .item = c->nr->item, .memo = memo,
                                    .by = c->me->id, .now = c->ctx->now};
    if ((rc = store_cash_transfer(c->ctx->st, &t, NULL)) != BOT_OK)
        return rc;
    hd_yuan_text(c->nr->fen, y);
    hd_yuan_text(held + c->nr->fen, b);
    hd_say(c->out, "已记收入：%s %s，账上现有 %s。", c->nr->item, y, b);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

static enum bot_rc book_spending(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    int64_t bank, held, id = 0, txn = 0;
    char y[32], b[32], need[96];
    enum bot_rc rc;
    if ((rc = hd_cash_id(c->ctx->st, STORE_CASH_ACCOUNT_BANK, &bank, &held)) != BOT_OK)
        return rc;
    if (held < c->nr->fen) {
        say_bank_short(c, held, c->nr->fen, "支出");
        return BOT_OK;
    }
    /* the same spending sent twice (a retry, an invoice entered again): entered once */
    int64_t twin = 0, alone = 0;
    if ((rc = store_spending_twin(c->ctx->st, c->nr->item, c->nr->fen, c->nr->note, c->ctx->now - SPEND_TWIN_SECONDS,
                                  &twin)) != BOT_OK)
        return rc;
    if (twin) {
        hd_yuan_text(c->nr->fen, y);
        hd_say(c->out, "刚才已经记过支出 #%lld（%s %s），这次没有再记。真的是另一笔，请在后面写明，例如「记账 支出 %s %s 第二批」。",
               (long long)twin, c->nr->item, y, c->nr->item, y);
        return BOT_OK;
    }
    struct store_spending x;
    memset(&x, 0, sizeof x);
    bot_strlcpy(x.item, c->nr->item, sizeof x.item);
    bot_strlcpy(x.memo, c->nr->note, sizeof x.memo);
    x.fen = c->nr->fen;
    x.band = x.fen <= (int64_t)rules->spend_single_max_yuan * 100   ? 1
             : x.fen <= (int64_t)rules->spend_double_max_yuan * 100 ? 2
                                                                      : 3;
    /* one approver's limit is for one day's spending on one thing: split into pieces, the pieces need two */
    if (x.band == 1 && (rc = store_spending_self_sum(c->ctx->st, c->me->id, x.item, c->ctx->now - 86400, &alone)) !=
                           BOT_OK)
        return rc;
    int split = x.band == 1 && alone + x.fen > (int64_t)rules->spend_single_max_yuan * 100;
    if (split)
        x.band = 2;
    x.status = STORE_SPEND_PENDING;
    x.entered_by = c->me->id;
    x.entered_at = c->ctx->now;
    if ((rc = store_spending_create(c->ctx->st, &x, &id)) != BOT_OK)
        return rc;
    x.id = id;
    hd_yuan_text(x.fen, y);
    *outcome = HD_CHANGED;
    if (x.band > 1) { /* it waits: nothing moves until it is approved */
        band_need(rules, x.band, need);
        if (split) {
            char a[32], lim[32];
            hd_yuan_text(alone, a);
            hd_yuan_text((int64_t)rules->spend_single_max_yuan * 100, lim);
            hd_say(c->out, "支出 #%lld（%s %s）：您今天已自己批准%s %s，加上这笔超过一人可批的 %s，"
                           "请另一位工作人员发「批准支出 #%lld」，批准后才从账上支出。",
                   (long long)id, x.item, y, x.item, a, lim, (long long)id);
        } else if (x.band == 2)
            hd_say(c->out, "支出 #%lld（%s %s）%s：请另一位工作人员发「批准支出 #%lld」，批准后才从账上支出。",
                   (long long)id, x.item, y, need, (long long)id);
        else
            hd_say(c->out, "支出 #%lld（%s %s）%s：会上通过后请发「批准支出 #%lld 会员大会 决议编号」，之后才从账上支出。",
                   (long long)id, x.item, y, need, (long long)id);
        return BOT_OK;
    }
    if ((rc = spend_move(c->ctx, &x, c->me->id, &txn)) != BOT_OK ||
        (rc = store_spending_decide(c->ctx->st, id, STORE_SPEND_APPROVED, c->me->id, "", txn, c->ctx->now)) != BOT_OK)
        return rc;
    hd_yuan_text(held - x.fen, b);
    hd_say(c->out, "已记支出 #%lld：%s %s（您批准），账上现有 %s。", (long long)id, x.item, y, b);
    return BOT_OK;
}

enum bot_rc hd_book(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_result *nr = c->nr;
    *outcome = HD_REFUSED;
    if (books_in_group(c))
        return BOT_OK;
    if (nr->book != 1 && !hd_is_admin(c)) {
        hd_say(c->out, "抱歉，支出和期初只有工作人员可以记账。楼长可以记本楼的收入：「记账 收入 场地租赁 800元」。");
        return BOT_OK;
    }
    if (!nr->fen || nr->fen_bad) {
        hd_say(c->out, "%s请写清金额，例如「记账 %s」。", nr->fen_bad ? "金额看不懂或不对（要大于0）。" : "",
               nr->book == 1 ? "收入 场地租赁 800元" : nr->book == 2 ? "支出 活动物料 350元 发票号…" : "期初 5000元");
        return BOT_OK;
    }
    if (nr->book != 3 && !nr->item[0]) {
        hd_say(c->out, "请写明是什么%s，例如「记账 %s」。", nr->book == 1 ? "收入" : "支出",
               nr->book == 1 ? "收入 场地租赁 800元" : "支出 活动物料 350元");
        return BOT_OK;
    }
    return nr->book == 3 ? book_opening(c, outcome) : nr->book == 1 ? book_income(c, outcome) : book_spending(c, outcome);
}

/* Spending #N as its number says, or a polite reply (*found = 0). */
static enum bot_rc load_spending(struct hd_call *c, struct store_spending *x, int *found)
{
    *found = 0;
    if (!c->nr->request_id) {
        hd_say(c->out, "请写支出编号，例如「%s #3」。发「待批支出」看等待批准的支出。",
               c->nr->intent == NLP_SPEND_REJECT ? "驳回支出" : "批准支出");
        return BOT_OK;
    }
    enum bot_rc rc = store_spending_get(c->ctx->st, c->nr->request_id, x);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "没有支出 #%lld。发「待批支出」看等待批准的支出。", (long long)c->nr->request_id);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (x->status != STORE_SPEND_PENDING) {
        hd_say(c->out, "支出 #%lld 已经%s，不用再处理。发「待批支出」看还在等的。", (long long)x->id,
               x->status == STORE_SPEND_APPROVED ? "批准并记账" : "驳回");
        return BOT_OK;
    }
    *found = 1;
    return BOT_OK;
}

enum bot_rc hd_spend_approve(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_spending x;
    int found;
    *outcome = HD_REFUSED;
    if (books_in_group(c))
        return BOT_OK;
    enum bot_rc rc = load_spending(c, &x, &found);
    if (rc != BOT_OK || !found)
        return rc;
    char y[32], b[32], need[96], note[256];
    hd_yuan_text(x.fen, y);
    band_need(rules, x.band, need);
    if (x.band == 3 && (!c->nr->meeting || !c->nr->note[0])) {
        hd_say(c->out, "支出 #%lld（%s %s）%s。会上通过后请发「批准支出 #%lld 会员大会 决议编号」，写明会议决议。",
               (long long)x.id, x.item, y, need, (long long)x.id);
        return BOT_OK;
    }
    if (x.band == 3 && x.entered_by == c->me->id) { /* the meeting's decision is entered by another staff member */
        hd_say(c->out, "支出 #%lld 是您记的。会员大会的决议请另一位工作人员核对后登记：「批准支出 #%lld 会员大会 决议编号」。",
               (long long)x.id, (long long)x.id);
        return BOT_OK;
    }
    if (x.band == 2 && x.entered_by == c->me->id) {
        hd_say(c->out, "支出 #%lld 是您记的，%s：请另一位工作人员发「批准支出 #%lld」。", (long long)x.id, need,
               (long long)x.id);
        return BOT_OK;
    }
    int64_t held, bank, txn = 0;
    if ((rc = hd_cash_id(c->ctx->st, STORE_CASH_ACCOUNT_BANK, &bank, &held)) != BOT_OK)
        return rc;
    if (held < x.fen) {
        hd_yuan_text(held, b);
        hd_say(c->out, "账上现有 %s，不够支出 #%lld 的 %s，这次没有批准。收入到账后再批准。", b, (long long)x.id, y);
        return BOT_OK;
    }
    if ((rc = spend_move(c->ctx, &x, c->me->id, &txn)) != BOT_OK ||
        (rc = store_spending_decide(c->ctx->st, x.id, STORE_SPEND_APPROVED, c->me->id, x.band == 3 ? c->nr->note : "",
                                    txn, c->ctx->now)) != BOT_OK)
        return rc;
    hd_yuan_text(held - x.fen, b);
    if (x.entered_by != c->me->id) {
        snprintf(note, sizeof note, "您记的支出 #%lld（%s %s）已%s，已从账上支出，账上现有 %s。", (long long)x.id,
                 x.item, y, x.band == 3 ? "按会员大会决议批准" : "由另一位工作人员批准", b);
        if ((rc = hd_tell(c->ctx, x.entered_by, "spending", note, NULL)) != BOT_OK)
            return rc;
    }
    hd_say(c->out, "已批准支出 #%lld：%s %s%s，账上现有 %s。%s", (long long)x.id, x.item, y,
           x.band == 3 ? "（会员大会决议已记下）" : "", b, x.entered_by != c->me->id ? "已告诉记账的人。" : "");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_spend_reject(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_spending x;
    int found;
    *outcome = HD_REFUSED;
    if (books_in_group(c))
        return BOT_OK;
    enum bot_rc rc = load_spending(c, &x, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!c->nr->note[0]) {
        hd_say(c->out, "请写明原因，例如「驳回支出 #%lld 原因 没有发票」。", (long long)x.id);
        return BOT_OK;
    }
    if ((rc = store_spending_decide(c->ctx->st, x.id, STORE_SPEND_REJECTED, c->me->id, c->nr->note, 0,
                                    c->ctx->now)) != BOT_OK)
        return rc;
    char y[32], note[320];
    hd_yuan_text(x.fen, y);
    if (x.entered_by != c->me->id) {
        snprintf(note, sizeof note, "您记的支出 #%lld（%s %s）被驳回：%s。没有从账上支出；需要的话改好后重新记账。",
                 (long long)x.id, x.item, y, c->nr->note);
        if ((rc = hd_tell(c->ctx, x.entered_by, "spending", note, NULL)) != BOT_OK)
            return rc;
    }
    hd_say(c->out, "已驳回支出 #%lld（%s %s），没有从账上支出。%s", (long long)x.id, x.item, y,
           x.entered_by != c->me->id ? "已告诉记账的人。" : "");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_spend_list(struct hd_call *c)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_spending list[SPEND_LIST_MAX];
    int n = 0;
    if (books_in_group(c))
        return BOT_OK;
    enum bot_rc rc = store_spendings_pending(c->ctx->st, list, SPEND_LIST_MAX, &n);
    if (rc != BOT_OK)
        return rc;
    if (n == 0) {
        hd_say(c->out, "没有等待批准的支出。");
        return BOT_OK;
    }
    char text[HD_REPLY_MAX];
    size_t len = 0;
    bot_appendf(text, sizeof text, &len, "等待批准的支出：");
    for (int i = 0; i < n; i++) {
        struct store_member who;
        char y[32], ago[32], need[96];
        if ((rc = store_member_get(c->ctx->st, list[i].entered_by, &who)) != BOT_OK)
            return rc;
        hd_yuan_text(list[i].fen, y);
        hd_age_text(c->ctx->now - list[i].entered_at, ago);
        /* the note (an invoice number) is what the second staff member checks before approving */
        bot_appendf(text, sizeof text, &len, "\n#%lld %s %s%s%s%s，%s 记于%s前，%s", (long long)list[i].id, list[i].item, y,
                    list[i].memo[0] ? "（" : "", list[i].memo, list[i].memo[0] ? "）" : "", hd_display_name(&who), ago,
                    band_need(rules, list[i].band, need));
    }
    bot_appendf(text, sizeof text, &len, "\n批准发「批准支出 #N」（会员大会的写「… 会员大会 决议编号」），驳回发「驳回支出 #N 原因…」。");
    hd_say(c->out, "%s", text);
    return BOT_OK;
}

/* ---- the month's statement ---- */

struct statement_line {
    char label[80];
    int64_t fen;
};

/* How a bank leg of kind/item reads in a statement. */
static void line_label(const struct store_cash_sum *s, char label[80])
{
    if (strcmp(s->kind, STORE_CASH_KIND_FEE) == 0)
        snprintf(label, 80, s->item[0] ? "会费（%s）" : "会费", s->item);
    else if (strcmp(s->kind, STORE_CASH_KIND_SETTLE) == 0 || strcmp(s->kind, STORE_CASH_KIND_MERCHANT_FEE) == 0)
        snprintf(label, 80, "商家管理费");
    else if (strcmp(s->kind, STORE_CASH_KIND_DIVIDEND) == 0 || strcmp(s->kind, STORE_CASH_KIND_PAYOUT) == 0)
        snprintf(label, 80, "分红");
    else if (strcmp(s->kind, STORE_CASH_KIND_CONVERT) == 0)
        snprintf(label, 80, "分红换时间");
    else
        snprintf(label, 80, "%s", s->item[0] ? s->item : "其他");
}

static void add_line(struct statement_line *lines, int *n, int max, const char *label, int64_t fen)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(lines[i].label, label) == 0) {
            lines[i].fen += fen;
            return;
        }
    if (*n < max) {
        bot_strlcpy(lines[*n].label, label, sizeof lines[*n].label);
        lines[(*n)++].fen = fen;
    } else {
        lines[max - 1].fen += fen; /* past what a statement names: summed into its last line */
    }
}

static int64_t append_lines(char *buf, size_t bufsz, size_t *len, const char *head, const struct statement_line *l,
                            int n)
{
    int64_t total = 0;
    char y[32];
    for (int i = 0; i < n; i++)
        total += l[i].fen;
    hd_yuan_text(total, y);
    bot_appendf(buf, bufsz, len, "\n%s %s", head, y);
    int64_t rest = 0;
    int shown = 0, others = 0;
    for (int i = 0; i < n; i++) {
        /* the sources README names are always their own line (会费 by tier, 商家管理费, 分红: play-test 14 found the
         * merchants' fee inside 其他); STATEMENT_ITEMS of the rest, then 其他 */
        int own = strncmp(l[i].label, "会费", strlen("会费")) == 0 || strcmp(l[i].label, "商家管理费") == 0 ||
                  strncmp(l[i].label, "分红", strlen("分红")) == 0;
        if (!own && others++ >= STATEMENT_ITEMS) {
            rest += l[i].fen;
            continue;
        }
        hd_yuan_text(l[i].fen, y);
        bot_appendf(buf, bufsz, len, "%s%s %s", shown++ ? "，" : "：", l[i].label, y);
    }
    if (rest) {
        hd_yuan_text(rest, y);
        bot_appendf(buf, bufsz, len, "，其他 %s", y);
    }
    if (n == 0)
        bot_appendf(buf, bufsz, len, "（无）");
    return total;
}

enum bot_rc hd_finance_statement(const struct hd_ctx *ctx, int year, int month, char *buf, size_t bufsz)
{
    int64_t from = bot_month_start(year, month, ctx->set->utc_offset);
    int64_t to = bot_month_start(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, ctx->set->utc_offset);
    struct store_cash_sum sums[64];
    struct statement_line in[32], out[32];
    int ns = 0, nin = 0, nout = 0;
    int64_t bank, begin = 0, end = 0, opening = 0;
    enum bot_rc rc;
    if ((rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_BANK, &bank, NULL)) != BOT_OK ||
        (rc = store_cash_sums(ctx->st, bank, from, to, sums, 64, &ns)) != BOT_OK ||
        (rc = store_cash_balance_at(ctx->st, bank, from, &begin)) != BOT_OK ||
        (rc = store_cash_balance_at(ctx->st, bank, to, &end)) != BOT_OK)
        return rc;
    for (int i = 0; i < ns; i++) {
        char label[80];
        if (strcmp(sums[i].kind, STORE_CASH_KIND_OPENING) == 0) {
            opening += sums[i].fen;
            continue;
        }
        line_label(&sums[i], label);
        if (sums[i].fen > 0)
            add_line(in, &nin, 32, label, sums[i].fen);
        else if (sums[i].fen < 0)
            add_line(out, &nout, 32, label, -sums[i].fen);
    }
    char b[32], e[32], o[32];
    size_t len = 0;
    hd_yuan_text(begin, b);
    hd_yuan_text(end, e);
    bot_appendf(buf, bufsz, &len, "%d年%d月财务公示：月初结余 %s", year, month, b);
    if (opening) {
        hd_yuan_text(opening, o);
        bot_appendf(buf, bufsz, &len, "（本月记期初 %s）", o);
    }
    bot_appendf(buf, bufsz, &len, "，月末结余 %s。", e);
    append_lines(buf, bufsz, &len, "收入", in, nin);
    append_lines(buf, bufsz, &len, "支出", out, nout);
    return BOT_OK;
}

enum bot_rc hd_statement(struct hd_call *c)
{
    int y = c->nr->year, m = c->nr->month, ty, tm, td;
    bot_civil_from_days(hd_local_day(c->ctx), &ty, &tm, &td);
    if (c->nr->month_bad) { /* 2026-13, a day: asked again, never another month read instead */
        hd_say(c->out, "没有看懂是哪个月。请写年和月，例如「财务公示 %d-%02d」。", tm == 1 ? ty - 1 : ty,
               tm == 1 ? 12 : tm - 1);
        return BOT_OK;
    }
    if (!y || !m) { /* none named: last month, the one published */
        y = tm == 1 ? ty - 1 : ty;
        m = tm == 1 ? 12 : tm - 1;
    }
    if (y * 12 + m > ty * 12 + tm) {
        hd_say(c->out, "%d年%d月还没到。请写已经过去的月份，例如「财务公示 %d-%02d」。", y, m, tm == 1 ? ty - 1 : ty,
               tm == 1 ? 12 : tm - 1);
        return BOT_OK;
    }
    char text[HD_REPLY_MAX];
    enum bot_rc rc = hd_finance_statement(c->ctx, y, m, text, sizeof text);
    if (rc != BOT_OK)
        return rc;
    if (y == ty && m == tm) { /* said on the first line: a group reads three lines */
        char *nl = strchr(text, '\n');
        hd_say(c->out, "%.*s（本月还没过完，数字到今天为止）%s", nl ? (int)(nl - text) : (int)strlen(text), text,
               nl ? nl : "");
    } else {
        hd_say(c->out, "%s", text);
    }
    return BOT_OK;
}

static enum bot_rc statement_to_chat(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const struct store_chat *chat = item;
    return hd_queue(ctx, "finance", chat->platform, chat->chat_id, NULL, arg);
}

enum bot_rc hd_job_finance(const struct hd_ctx *ctx, int *done)
{
    const struct hd_rules *rules = &ctx->set->rules;
    int y, m, d, hour = hd_local_hour(ctx);
    *done = 0;
    bot_civil_from_days(hd_local_day(ctx), &y, &m, &d);
    /* last month's, from the publish day at 10:00 (a bot down that day publishes later), in the daytime only */
    if (d < rules->finance_publish_day || (d == rules->finance_publish_day && hour < 10) ||
        hour < rules->quiet_end_hour || hour >= rules->quiet_start_hour)
        return BOT_OK;
    int ly = m == 1 ? y - 1 : y, lm = m == 1 ? 12 : m - 1;
    char period[8], text[HD_REPLY_MAX];
    snprintf(period, sizeof period, "%04d-%02d", ly, lm);
    struct store_chat chats[64];
    char buildings[64][32];
    int nc = 0;
    enum bot_rc rc;
    if ((rc = store_all_chats(ctx->st, chats, buildings, 64, &nc)) != BOT_OK ||
        (rc = hd_finance_statement(ctx, ly, lm, text, sizeof text)) != BOT_OK)
        return rc;
    for (int i = 0; i < nc; i++) {
        char subject[96];
        snprintf(subject, sizeof subject, "%s:%s", chats[i].platform, chats[i].chat_id);
        if ((rc = hd_run_claimed(ctx, "finance", subject, period, statement_to_chat, &chats[i], text, done)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

/* ---- 首存日: a service's credit doubled, the extra paid by the fund ---- */

int hd_first_deposit_day(const struct hd_ctx *ctx, int64_t t)
{
    const char *day = ctx->set->rules.first_deposit_day;
    int y, m, d;
    char have[16];
    if (!day[0] || t <= 0)
        return 0;
    bot_civil_from_days(bot_local_day(t, ctx->set->utc_offset), &y, &m, &d);
    if (strlen(day) == 5)
        snprintf(have, sizeof have, "%02d-%02d", m, d);
    else
        snprintf(have, sizeof have, "%04d-%02d-%02d", y, m, d);
    return strcmp(have, day) == 0;
}

enum bot_rc hd_first_deposit_bonus(const struct hd_ctx *ctx, const struct store_request *r,
                                   const struct store_member *vol, int64_t minutes, int64_t *paid)
{
    int64_t fund = 0;
    enum bot_rc rc;
    *paid = 0;
    /* the day the service took place: its start, as the timer (or the 代录, the order) says */
    if (minutes <= 0 || !hd_first_deposit_day(ctx, r->started_at ? r->started_at : r->start_at))
        return BOT_OK;
    if ((rc = hd_order_fund(ctx, r, &fund)) != BOT_OK) /* the requester's branch's fund */
        return rc;
    struct store_account payer;
    if ((rc = store_account_at(ctx->st, ctx->now, r->payer_account, &payer)) != BOT_OK)
        return rc;
    if (r->payer_account == fund || strcmp(payer.kind, "fund") == 0) /* a fund's own orders (公益, 补贴, any branch's) */
        return BOT_OK;
    char memo[64], h[24], note[200];
    snprintf(memo, sizeof memo, "#%lld 首存日加倍", (long long)r->id);
    if ((rc = hd_move(ctx, fund, vol->account_id, minutes, STORE_KIND_BONUS, r->id, memo, 1)) != BOT_OK)
        return rc;
    *paid = minutes;
    hd_hours_text(minutes, h);
    snprintf(note, sizeof note, "#%lld（%s）是首存日的服务，时间加倍：社区基金另送您 %s。", (long long)r->id, r->service, h);
    return hd_tell(ctx, vol->id, "first_deposit", note, NULL);
}

enum bot_rc hd_first_deposit_take_back(const struct hd_ctx *ctx, const struct store_request *r,
                                       const struct store_member *vol, int64_t minutes, int enforce_limit,
                                       int64_t *taken)
{
    int64_t paid = 0;
    *taken = 0;
    struct store_account a; /* the fund that paid it: the requester's branch's */
    enum bot_rc rc = hd_order_fund(ctx, r, &a.id);
    if (rc != BOT_OK || (rc = store_account_at(ctx->st, ctx->now, a.id, &a)) != BOT_OK ||
        (rc = store_request_kind_sum(ctx->st, r->id, STORE_KIND_BONUS, a.name, &paid)) != BOT_OK)
        return rc;
    paid = -paid; /* what the fund paid out, less what came back */
    int64_t m = minutes < paid ? minutes : paid;
    if (m <= 0)
        return BOT_OK;
    if (!enforce_limit) { /* never past the volunteer's overdraft limit: what does not fit stays */
        struct store_account va;
        if ((rc = store_account_at(ctx->st, ctx->now, vol->account_id, &va)) != BOT_OK)
            return rc;
        int64_t room = va.has_limit ? va.balance - va.min_balance : m;
        if (room < m)
            m = room > 0 ? room : 0;
        if (m <= 0)
            return BOT_OK;
    }
    char memo[64];
    snprintf(memo, sizeof memo, "#%lld 首存日加倍收回", (long long)r->id);
    if ((rc = hd_move(ctx, vol->account_id, a.id, m, STORE_KIND_BONUS, r->id, memo, enforce_limit)) != BOT_OK)
        return rc;
    *taken = m;
    return BOT_OK;
}
