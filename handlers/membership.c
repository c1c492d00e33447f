/* membership.c — membership fees (收会费), the tier in 查积分, and the year's dividends (分红核算, 分红确认). */
#include "handlers.h"

#include <stdlib.h>
#include <string.h>

#define DIV_MAX 512
#define FEE_TWIN_SECONDS 600 /* the same member's same fee again within this: entered once */ /* 共创会员 a year's dividends are computed for at most */

static const struct hd_tier *tier_named(const struct hd_settings *set, const char *name)
{
    for (int i = 0; i < set->ntiers; i++)
        if (strcmp(set->tiers[i].name, name) == 0)
            return &set->tiers[i];
    return NULL;
}

/* 体验会员（100元，365天）、共创会员（1000元，365天） */
static void tiers_text(const struct hd_settings *set, char *buf, size_t sz)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < set->ntiers; i++) {
        char y[32];
        hd_yuan_text(set->tiers[i].fen, y);
        bot_appendf(buf, sz, &len, "%s%s（%s，%d天）", i ? "、" : "", set->tiers[i].name, y, set->tiers[i].days);
    }
}

/* The local day after the last of a period of `days` begun on local day `first`: first + days, but for a period of
 * whole years (365 × N) the same calendar date N years on, so 2027-03-01 runs to 2028-02-29 and 2028-03-10 to
 * 2029-03-09 (play-test 16b: 365 days lost the leap day); from 29 February, to 28 February in a common year (its
 * same date is 1 March). */
static int64_t period_end_day(int64_t first, int days)
{
    if (days <= 0 || days % 365 != 0)
        return first + days;
    int y, m, d;
    bot_civil_from_days(first, &y, &m, &d);
    y += days / 365;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) {
        m = 3;
        d = 1;
    }
    return bot_days_from_civil(y, m, d);
}

/* 2027年11月29日 on the community's clock */
static void date_text(int64_t t, int off, char buf[32])
{
    int y, m, d;
    bot_civil_from_days(bot_local_day(t, off), &y, &m, &d);
    snprintf(buf, 32, "%d年%d月%d日", y, m, d);
}

enum bot_rc hd_member_fee(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    const struct nlp_result *nr = c->nr;
    *outcome = HD_REFUSED;
    if (c->msg->is_group) {
        hd_say(c->out, "会费涉及个人金额，请私聊我登记，例如「收会费 @王秀英 体验会员 100元 现金」。");
        return BOT_OK;
    }
    char list[256];
    tiers_text(ctx->set, list, sizeof list);
    if (nlp_target_count(nr) < 1) {
        hd_say(c->out, "请写明是谁的会费，例如「收会费 @王秀英 体验会员 100元 现金」。会员类型：%s。", list);
        return BOT_OK;
    }
    const struct hd_tier *t = nr->tier[0] ? tier_named(ctx->set, nr->tier) : NULL;
    if (!t) {
        hd_say(c->out, "%s%s。会员类型有：%s。请这样写：收会费 @王秀英 体验会员 100元 现金。",
               nr->tier[0] ? "没有这种会员：" : "请写明会员类型", nr->tier[0] ? nr->tier : "", list);
        return BOT_OK;
    }
    char price[32];
    hd_yuan_text(t->fen, price);
    if (!nr->fen || nr->fen_bad) {
        hd_say(c->out, "请写明收了多少钱：%s的会费是%s，例如「收会费 @王秀英 %s %s 现金」。", t->name, price, t->name,
               price);
        return BOT_OK;
    }
    if (nr->fen != t->fen) {
        char got[32];
        hd_yuan_text(nr->fen, got);
        hd_say(c->out, "%s的会费是%s，您写的是%s。请按%s收取后再登记。这次没有登记。", t->name, price, got, price);
        return BOT_OK;
    }
    if (!nr->paid_how[0]) {
        hd_say(c->out, "请写明是现金还是线上收的，例如「收会费 @王秀英 %s %s 现金 收据号A123」。", t->name, price);
        return BOT_OK;
    }
    struct store_member m;
    int found;
    enum bot_rc rc = hd_find_target(c, 0, &m, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!hd_is_admin(c) && !hd_speaks_for(c, &m)) {
        hd_say(c->out, "楼长只能登记本楼（%s）居民的会费；%s的会费请所在楼的楼长或工作人员登记。",
               c->me && c->me->manager_building[0] ? c->me->manager_building : "您的楼", hd_display_name(&m));
        return BOT_OK;
    }
    /* the same fee entered twice (a retry, two people at the desk): not taken twice */
    int twins = 0, used = 0;
    if ((rc = store_membership_twin(ctx->st, m.id, t->name, ctx->now - FEE_TWIN_SECONDS, &twins)) != BOT_OK)
        return rc;
    if (twins) {
        hd_say(c->out, "%s 的%s会费刚才已经登记过了，这次没有再登记。真的要再交一年，请过%d分钟再发。",
               hd_display_name(&m), t->name, FEE_TWIN_SECONDS / 60);
        return BOT_OK;
    }
    if (nr->receipt[0] && (rc = store_receipt_used(ctx->st, nr->receipt, &used)) != BOT_OK)
        return rc;
    if (used) {
        hd_say(c->out, "收据号 %s 已经登记过一笔会费了。请核对收据号，这次没有登记。", nr->receipt);
        return BOT_OK;
    }
    /* a renewal starts where the last period ends: never two at once; the fee is entered the day it is taken */
    struct store_membership last, ms = {0};
    int renewal = 0;
    rc = store_membership_last(ctx->st, m.id, &last);
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    if (rc == BOT_OK && last.until > ctx->now && strcmp(last.tier, t->name) != 0) {
        /* another tier in force: no stacking a cheaper (or dearer) year behind it unasked */
        char until[32];
        date_text(last.until - 1, ctx->set->utc_offset, until);
        hd_say(c->out, "%s 现在是%s，到 %s。换成%s要等到期后再登记；这次没有登记。", hd_display_name(&m), last.tier,
               until, t->name);
        return BOT_OK;
    }
    ms.from = ctx->now;
    if (rc == BOT_OK && last.until > ctx->now) {
        ms.from = last.until;
        renewal = 1;
    }
    if (nr->fee_period && !renewal) { /* 明年的, 从1月1日起: no period but today's can be entered (play-test 14) */
        hd_say(c->out, "会员期从登记会费的当天算起（续费从现有会员期满接着算），不能另定从哪天开始。%s 现在不是会员："
                       "今天收的会费，请去掉日期再发「收会费 @%s %s %s %s」；要从以后开始，请到那天再收、再登记。这次没有登记。",
               hd_display_name(&m), hd_display_name(&m), t->name, price, nr->paid_how);
        return BOT_OK;
    }
    /* a period of N days is N whole local days, the day it starts counted as the first: it ends at the midnight
     * after its last day, the day every text names (`until - 1`), so 到 2028年2月28日 holds through that day; one of
     * whole years (365 × N days) is N calendar years, across a 29 February too (period_end_day) */
    ms.until = bot_day_start(period_end_day(bot_local_day(ms.from, ctx->set->utc_offset), t->days), ctx->set->utc_offset);
    ms.member_id = m.id;
    bot_strlcpy(ms.tier, t->name, sizeof ms.tier);
    ms.fen = t->fen;
    bot_strlcpy(ms.paid_how, nr->paid_how, sizeof ms.paid_how);
    ms.by = c->me ? c->me->id : 0;
    ms.voucher_minutes = t->voucher_minutes;
    int numbered = !nr->receipt[0];
    if (numbered) { /* the bot numbers the receipt: HF + the year + a running number of its own, without gaps */
        int64_t count = 0;
        int y, mo, d;
        char like[24];
        bot_civil_from_days(bot_local_day(ctx->now, ctx->set->utc_offset), &y, &mo, &d);
        snprintf(like, sizeof like, "HF%d-%%", y);
        if ((rc = store_membership_count(ctx->st, like, &count)) != BOT_OK)
            return rc;
        snprintf(ms.receipt, sizeof ms.receipt, "HF%d-%04lld", y, (long long)count + 1);
    } else {
        bot_strlcpy(ms.receipt, nr->receipt, sizeof ms.receipt);
    }
    int64_t income, bank;
    if ((rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_INCOME, &income, NULL)) != BOT_OK ||
        (rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_BANK, &bank, NULL)) != BOT_OK)
        return rc;
    char memo[96];
    snprintf(memo, sizeof memo, "%s %s", hd_display_name(&m), ms.paid_how);
    struct store_cash_transfer tr = {income, bank, t->fen, STORE_CASH_KIND_FEE, t->name, ms.receipt, memo, ms.by,
                                     ctx->now};
    if ((rc = store_cash_transfer(ctx->st, &tr, &ms.cash_txn)) != BOT_OK ||
        (rc = store_membership_add(ctx->st, &ms, ctx->now, NULL)) != BOT_OK)
        return rc;
    char until[32], from[32];
    date_text(ms.until - 1, ctx->set->utc_offset, until);
    date_text(ms.from, ctx->set->utc_offset, from);
    char note[160] = "";
    if (renewal)
        snprintf(note, sizeof note, "这是续费，从现有会员期满后的%s接着算，", from); /* the day after the last one named */
    hd_say(c->out, "已登记 %s 的%s会费 %s（%s，收据号 %s%s）。%s有效期到 %s。", hd_display_name(&m), t->name, price,
           ms.paid_how, ms.receipt, numbered ? "，系统编号，请写在收据上" : "", note, until);
    if (!c->me || m.id != c->me->id) {
        char text[400], voucher[96] = "";
        if (t->voucher_minutes) {
            char h[24];
            hd_hours_text(t->voucher_minutes, h);
            snprintf(voucher, sizeof voucher, "您有一张%s的体验券，下一次求助确认时由互助基金代付。", h);
        }
        snprintf(text, sizeof text, "您的%s会费 %s 已收到（%s，收据号 %s），会员有效期到 %s。%s谢谢支持！", t->name,
                 price, ms.paid_how, ms.receipt, until, voucher);
        int pushed;
        if ((rc = hd_tell(ctx, m.id, "member_fee", text, &pushed)) != BOT_OK)
            return rc;
    }
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* 退会费 @周大妈 原因 记错人了 | 退会费 HF2026-0006 原因 重复登记 (staff): a fee entered by mistake is undone in one
 * transaction: the money back out of the bank as a fee of minus the amount (the statement's income by tier loses it),
 * the membership ended where it began with its voucher; the member told. Never a fee whose voucher was spent (that
 * order's credit stands on it), one already undone or over, nor more than the bank holds (play-test 14: a fee for the
 * wrong member could not be undone at all). */
enum bot_rc hd_fee_reverse(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    const struct nlp_result *nr = c->nr;
    *outcome = HD_REFUSED;
    if (c->msg->is_group) {
        hd_say(c->out, "会费涉及个人金额，请私聊我办理，例如「退会费 @王秀英 原因 记错人了」。");
        return BOT_OK;
    }
    if (!nr->receipt[0] && nlp_target_count(nr) < 1) {
        hd_say(c->out, "请写明退哪一笔会费和原因，例如「退会费 @王秀英 原因 记错人了」或「退会费 HF2026-0006 原因 重复登记」。");
        return BOT_OK;
    }
    if (!nr->reason[0]) {
        hd_say(c->out, "请写明原因，例如「退会费 %s 原因 记错人了」。这次没有退。", nr->receipt[0] ? nr->receipt : "@王秀英");
        return BOT_OK;
    }
    struct store_membership ms;
    struct store_member m;
    enum bot_rc rc;
    if (nr->receipt[0]) {
        if ((rc = store_membership_by_receipt(ctx->st, nr->receipt, &ms)) == BOT_NOTFOUND) {
            hd_say(c->out, "没有找到收据号 %s 的会费。请核对收据号，这次没有退。", nr->receipt);
            return BOT_OK;
        }
        if (rc != BOT_OK || (rc = store_member_get(ctx->st, ms.member_id, &m)) != BOT_OK)
            return rc;
    } else {
        int found = 0;
        if ((rc = hd_find_target(c, 0, &m, &found)) != BOT_OK || !found)
            return rc;
        if ((rc = store_membership_last(ctx->st, m.id, &ms)) == BOT_NOTFOUND) {
            hd_say(c->out, "%s 没有登记过会费，这次没有退。", hd_display_name(&m));
            return BOT_OK;
        }
        if (rc != BOT_OK)
            return rc;
    }
    char price[32];
    hd_yuan_text(ms.fen, price);
    if (ms.until <= ms.from) {
        hd_say(c->out, "%s 的会费（收据号 %s）已经退过了。", hd_display_name(&m), ms.receipt);
        return BOT_OK;
    }
    if (ms.until <= ctx->now) {
        hd_say(c->out, "%s 的%s会费（收据号 %s）已经到期，不能再退；确实要退钱请用「记账 支出 退会费 %s」并写明原因。",
               hd_display_name(&m), ms.tier, ms.receipt, price);
        return BOT_OK;
    }
    if (ms.voucher_request) {
        hd_say(c->out, "%s 的体验券已经用在 #%lld 上了，这笔会费（收据号 %s）不能直接退。请先处理 #%lld，或用「记账 支出」退钱。",
               hd_display_name(&m), (long long)ms.voucher_request, ms.receipt, (long long)ms.voucher_request);
        return BOT_OK;
    }
    int64_t income, bank, held = 0;
    if ((rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_INCOME, &income, NULL)) != BOT_OK ||
        (rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_BANK, &bank, &held)) != BOT_OK)
        return rc;
    if (held < ms.fen) {
        char have[32];
        hd_yuan_text(held, have);
        hd_say(c->out, "账上现有 %s，不够退 %s。这次没有退。", have, price);
        return BOT_OK;
    }
    char memo[200];
    snprintf(memo, sizeof memo, "退会费 %s：%s", hd_display_name(&m), nr->reason);
    int64_t txn = 0;
    struct store_cash_transfer tr = {bank, income, ms.fen, STORE_CASH_KIND_FEE, ms.tier, ms.receipt, memo,
                                     c->me ? c->me->id : 0, ctx->now};
    if ((rc = store_membership_end(ctx->st, ms.id)) == BOT_DUP) { /* undone or spent meanwhile */
        hd_say(c->out, "%s 的会费（收据号 %s）已经退过或体验券刚用掉了，这次没有退。", hd_display_name(&m), ms.receipt);
        return BOT_OK;
    }
    if (rc != BOT_OK || (rc = store_cash_transfer(ctx->st, &tr, &txn)) != BOT_OK)
        return rc;
    hd_say(c->out, "已退 %s 的%s会费 %s（收据号 %s），原因：%s。这段会员资格%s随之取消，账上减少 %s。", hd_display_name(&m),
           ms.tier, price, ms.receipt, nr->reason, ms.voucher_minutes ? "和体验券" : "", price);
    if (!c->me || m.id != c->me->id) {
        char text[400];
        snprintf(text, sizeof text, "您的%s会费 %s（收据号 %s）登记有误，已经退回，这段会员资格随之取消。原因：%s。有疑问请找楼长或工作人员。",
                 ms.tier, price, ms.receipt, nr->reason);
        int pushed;
        if ((rc = hd_tell(ctx, m.id, "member_fee", text, &pushed)) != BOT_OK)
            return rc;
    }
    *outcome = HD_CHANGED;
    return BOT_OK;
}

void hd_membership_line(struct hd_call *c, char *buf, size_t sz, size_t *len)
{
    struct store_membership ms;
    if (!c->me || store_membership_now(c->ctx->st, c->me->id, c->ctx->now, &ms) != BOT_OK)
        return;
    char until[32];
    struct store_membership last; /* renewals paid ahead: the membership runs to the last one's end */
    if (store_membership_last(c->ctx->st, c->me->id, &last) == BOT_OK && last.until > ms.until &&
        strcmp(last.tier, ms.tier) == 0)
        ms.until = last.until;
    date_text(ms.until - 1, c->ctx->set->utc_offset, until);
    bot_appendf(buf, sz, len, "会员：%s，到 %s", ms.tier, until);
    struct store_membership v;
    if (store_voucher_open(c->ctx->st, c->me->id, c->ctx->now, &v) == BOT_OK) {
        char h[24];
        hd_hours_text(v.voucher_minutes, h);
        bot_appendf(buf, sz, len, "，体验券%s未用", h);
    }
    bot_appendf(buf, sz, len, "。");
}

/* ---- dividends ---- */

/* The local year [from, to). */
static void year_span(int year, int off, int64_t *from, int64_t *to)
{
    *from = bot_day_start(bot_days_from_civil(year, 1, 1), off);
    *to = bot_day_start(bot_days_from_civil(year + 1, 1, 1), off);
}

void hd_dividend_split(int64_t profit, struct store_dividend *d)
{
    d->profit_fen = profit;
    d->members_fen = profit * 60 / 100;
    d->founders_fen = profit * 25 / 100;
    d->board_fen = profit * 5 / 100;
    d->fund_fen = profit - d->members_fen - d->founders_fen - d->board_fen; /* 10%, and the fen left over */
}

void hd_dividend_shares(int64_t pool, struct store_dividend_share *sh, int n)
{
    int64_t total = 0, given = 0;
    for (int i = 0; i < n; i++)
        total += sh[i].score;
    if (total <= 0) {
        for (int i = 0; i < n; i++)
            sh[i].fen = 0;
        return;
    }
    for (int i = 0; i < n; i++) {
        sh[i].fen = (int64_t)((__int128)pool * sh[i].score / total);
        given += sh[i].fen;
    }
    /* the fen left over, one each, to the largest remainders (then the larger contribution, then the elder id) */
    while (given < pool) {
        int best = -1;
        __int128 best_rem = -1;
        for (int i = 0; i < n; i++) {
            __int128 rem = (__int128)pool * sh[i].score - (__int128)sh[i].fen * total;
            if (sh[i].score > 0 && rem > 0 && (best < 0 || rem > best_rem || (rem == best_rem && sh[i].score > sh[best].score)))
                best = i, best_rem = rem;
        }
        if (best < 0)
            break;
        sh[best].fen++;
        given++;
    }
}

/* 56, 40.5 (a contribution: score ÷ 60) */
static void contribution_text(int64_t score, char buf[24])
{
    if (score % 60 == 0)
        snprintf(buf, 24, "%lld", (long long)(score / 60));
    else
        snprintf(buf, 24, "%.1f", (double)score / 60.0);
}

/* 会员1年+服务20小时×2+推荐3人×5 */
static void formula_text(const struct store_dividend_share *s, char buf[96])
{
    char h[24];
    if (s->service_minutes % 60 == 0)
        snprintf(h, sizeof h, "%lld", (long long)(s->service_minutes / 60));
    else
        snprintf(h, sizeof h, "%.1f", (double)s->service_minutes / 60.0);
    snprintf(buf, 96, "会员%d年×1+服务%s小时×2+推荐%d人×5", s->years, h, s->referred);
}

static int refuse_in_group(struct hd_call *c)
{
    if (!c->msg->is_group)
        return 0;
    hd_say(c->out, "分红明细涉及个人金额，请私聊我操作。");
    return 1;
}

/* A year's dividends are computed and paid once it is over (002: audited in January, paid by March 15th): the
 * year not yet over is refused, and said so. */
static int refuse_year_not_over(struct hd_call *c, int year)
{
    int y, m, d;
    bot_civil_from_days(hd_local_day(c->ctx), &y, &m, &d);
    if (year < y)
        return 0;
    hd_say(c->out, "%d年还没过完，分红要等全年结束、审计之后再算（%d年1月起）。", year, year + 1);
    return 1;
}

enum bot_rc hd_dividend_calc(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    const struct nlp_result *nr = c->nr;
    *outcome = HD_REFUSED;
    if (refuse_in_group(c))
        return BOT_OK;
    if (!nr->year || !nr->fen || nr->fen_bad) {
        hd_say(c->out, "请这样写：分红核算 2026 净利润 120000元（审计后的全年净利润，正数）。");
        return BOT_OK;
    }
    if (refuse_year_not_over(c, nr->year))
        return BOT_OK;
    struct store_dividend d = {0};
    enum bot_rc rc = store_dividend_get(ctx->st, nr->year, &d);
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    if (rc == BOT_OK && d.confirmed_at) {
        hd_say(c->out, "%d年的分红已经发放，不能再核算。", nr->year);
        return BOT_OK;
    }
    char tiers[160];
    size_t tl = 0;
    bot_appendf(tiers, sizeof tiers, &tl, ",");
    for (int i = 0; i < ctx->set->ntiers; i++)
        if (ctx->set->tiers[i].dividend)
            bot_appendf(tiers, sizeof tiers, &tl, "%s,", ctx->set->tiers[i].name);
    int64_t from, to;
    year_span(nr->year, ctx->set->utc_offset, &from, &to);
    struct store_dividend_share *sh = calloc(DIV_MAX, sizeof *sh);
    if (!sh)
        return BOT_NOMEM;
    int n = 0;
    if ((rc = store_dividend_contributors(ctx->st, from, to, tiers, sh, DIV_MAX, &n)) != BOT_OK)
        goto out;
    int64_t total = 0;
    for (int i = 0; i < n; i++)
        total += sh[i].score;
    if (n == 0 || total <= 0) {
        hd_say(c->out, "%d年没有有贡献的分红会员（%s），无法核算分红。", nr->year, tiers + 1);
        goto out;
    }
    memset(&d, 0, sizeof d);
    d.year = nr->year;
    hd_dividend_split(nr->fen, &d);
    hd_dividend_shares(d.members_fen, sh, n);
    d.computed_at = ctx->now;
    d.computed_by = c->me ? c->me->id : 0;
    if ((rc = store_dividend_put(ctx->st, &d, sh, n)) != BOT_OK)
        goto out;
    if ((rc = store_dividend_shares(ctx->st, d.year, sh, DIV_MAX, &n)) != BOT_OK)
        goto out;
    char p[32], a[32], b[32], f[32], g[32], tot[24];
    hd_yuan_text(d.profit_fen, p);
    hd_yuan_text(d.members_fen, a);
    hd_yuan_text(d.founders_fen, b);
    hd_yuan_text(d.fund_fen, f);
    hd_yuan_text(d.board_fen, g);
    contribution_text(total, tot);
    size_t len = 0;
    char *buf = c->out->text;
    size_t sz = sizeof c->out->text;
    bot_appendf(buf, sz, &len, "%d年分红草案（净利润%s）：共创会员%s、创始人%s、互助基金%s、理事会%s。\n", d.year, p,
                a, b, f, g);
    bot_appendf(buf, sz, &len, "%d位会员，贡献合计%s，每人分得 = %s × 贡献 ÷ %s：\n", n, tot, a, tot);
    int shown = 0;
    for (int i = 0; i < n && len + 300 < sz; i++, shown++) {
        char y[32], ct[24], fm[96];
        hd_yuan_text(sh[i].fen, y);
        contribution_text(sh[i].score, ct);
        formula_text(&sh[i], fm);
        bot_appendf(buf, sz, &len, "%d. %s 贡献%s（%s）分得%s\n", i + 1, sh[i].name[0] ? sh[i].name : "邻居", ct,
                    fm, y);
    }
    if (shown < n)
        bot_appendf(buf, sz, &len, "……另有%d位，全表已保存。\n", n - shown);
    bot_appendf(buf, sz, &len, "零头分按余数大小补给会员，四项的零头归互助基金。核对无误请发「分红确认 %d」。", d.year);
    c->out->has_reply = 1;
    *outcome = HD_CHANGED;
out:
    free(sh);
    return rc;
}

/* 王* (a surname and a star: what a group may read of a member's name) */
static void masked_name(const char *name, char buf[16])
{
    size_t n = 0;
    if (*name) {
        n = 1;
        while (name[n] && ((unsigned char)name[n] & 0xC0) == 0x80)
            n++;
    }
    if (!n || n > 4)
        snprintf(buf, 16, "邻居");
    else
        snprintf(buf, 16, "%.*s*", (int)n, name);
}

enum bot_rc hd_dividend_confirm(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    *outcome = HD_REFUSED;
    if (refuse_in_group(c))
        return BOT_OK;
    int year = c->nr->year;
    if (!year) {
        hd_say(c->out, "请写明年份，例如「分红确认 2026」。");
        return BOT_OK;
    }
    if (refuse_year_not_over(c, year))
        return BOT_OK;
    struct store_dividend d;
    enum bot_rc rc = store_dividend_get(ctx->st, year, &d);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "%d年还没有核算分红，请先发「分红核算 %d 净利润 120000元」。", year, year);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (d.confirmed_at) {
        hd_say(c->out, "%d年的分红已经发放过了，不会再发一次。", year);
        return BOT_OK;
    }
    struct store_cash_account bank;
    int64_t fund, founders, board;
    if ((rc = store_cash_account_by_name(ctx->st, STORE_CASH_ACCOUNT_BANK, &bank)) != BOT_OK ||
        (rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_FUND, &fund, NULL)) != BOT_OK ||
        (rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_FOUNDERS, &founders, NULL)) != BOT_OK ||
        (rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_BOARD, &board, NULL)) != BOT_OK)
        return rc;
    char p[32], have[32];
    hd_yuan_text(d.profit_fen, p);
    if (bank.balance_fen < d.profit_fen) {
        hd_yuan_text(bank.balance_fen, have);
        hd_say(c->out, "账上银行存款只有%s，少于净利润%s，这次没有发放。请先把收入记上账（记账 收入 …），再发「分红确认 %d」。",
               have, p, year);
        return BOT_OK;
    }
    struct store_dividend_share *sh = calloc(DIV_MAX, sizeof *sh);
    if (!sh)
        return BOT_NOMEM;
    int n = 0;
    char item[32], ref[16];
    snprintf(item, sizeof item, "%d年分红", year);
    snprintf(ref, sizeof ref, "%d", year);
    if ((rc = store_dividend_shares(ctx->st, year, sh, DIV_MAX, &n)) != BOT_OK)
        goto out;
    int64_t by = c->me ? c->me->id : 0, total = 0;
    for (int i = 0; i < n; i++)
        total += sh[i].score;
    const struct {
        int64_t to, fen;
        const char *memo;
    } parts[] = {{founders, d.founders_fen, "创始人"}, {fund, d.fund_fen, "互助基金"}, {board, d.board_fen, "理事会"}};
    for (size_t i = 0; i < BOT_ARRAY_LEN(parts); i++) {
        if (parts[i].fen <= 0)
            continue;
        struct store_cash_transfer t = {bank.id, parts[i].to, parts[i].fen, STORE_CASH_KIND_DIVIDEND, item, ref,
                                        parts[i].memo, by, ctx->now};
        if ((rc = store_cash_transfer(ctx->st, &t, NULL)) != BOT_OK)
            goto out;
    }
    char a[32], tot[24];
    hd_yuan_text(d.members_fen, a);
    contribution_text(total, tot);
    for (int i = 0; i < n; i++) {
        if (sh[i].fen <= 0)
            continue;
        int64_t acct;
        if ((rc = store_cash_member_account(ctx->st, sh[i].member_id, &acct)) != BOT_OK)
            goto out;
        struct store_cash_transfer t = {bank.id, acct, sh[i].fen, STORE_CASH_KIND_DIVIDEND, item, ref, "共创会员分红",
                                        by, ctx->now};
        if ((rc = store_cash_transfer(ctx->st, &t, NULL)) != BOT_OK)
            goto out;
        char y[32], ct[24], fm[96], text[400];
        hd_yuan_text(sh[i].fen, y);
        contribution_text(sh[i].score, ct);
        formula_text(&sh[i], fm);
        snprintf(text, sizeof text, "您%d年的分红是%s：您的贡献%s（%s），全体共创会员贡献合计%s，分红总额%s × %s ÷ %s。"
                 "已存入您的分红账户。", year, y, ct, fm, tot, a, ct, tot);
        int pushed;
        if ((rc = hd_tell(ctx, sh[i].member_id, "dividend", text, &pushed)) != BOT_OK)
            goto out;
    }
    if ((rc = store_dividend_confirm(ctx->st, year, by, ctx->now)) != BOT_OK)
        goto out;
    /* the totals and the top ten to every bound group: surnames only */
    char b[32], f[32], g[32], pub[600];
    size_t len = 0;
    hd_yuan_text(d.founders_fen, b);
    hd_yuan_text(d.fund_fen, f);
    hd_yuan_text(d.board_fen, g);
    bot_appendf(pub, sizeof pub, &len, "%d年分红已发放：净利润%s，共创会员%s（%d人）、创始人%s、互助基金%s、理事会%s。\n"
                "贡献前十：", year, p, a, n, b, f, g);
    /* the top ten by name only (surname and *), no score nor amount: what one earned stays hers */
    for (int i = 0; i < n && i < 10; i++) {
        char nm[16];
        masked_name(sh[i].name, nm);
        bot_appendf(pub, sizeof pub, &len, "%s%s", i ? "、" : "", nm);
    }
    bot_appendf(pub, sizeof pub, &len, "。谢谢大家！");
    struct store_chat chats[32];
    char buildings[32][32];
    int nc = 0;
    if ((rc = store_all_chats(ctx->st, chats, buildings, 32, &nc)) != BOT_OK)
        goto out;
    for (int i = 0; i < nc; i++)
        if ((rc = hd_queue(ctx, "dividend", chats[i].platform, chats[i].chat_id, NULL, pub)) != BOT_OK)
            goto out;
    hd_say(c->out, "%d年分红已发放：共创会员%s（%d人，已私下告诉每一位）、创始人%s、互助基金%s、理事会%s，合计%s。"
           "公示已发到%d个群。", year, a, n, b, f, g, p, nc);
    *outcome = HD_CHANGED;
out:
    free(sh);
    return rc;
}

/* ---- the renewal reminder: membership_remind_days before the end, once per membership ---- */

static enum bot_rc renewal_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const struct store_membership *ms = arg;
    (void)item;
    const struct hd_tier *t = tier_named(ctx->set, ms->tier);
    struct store_member m;
    char until[32], price[32] = "", text[320];
    enum bot_rc rc = store_member_get(ctx->st, ms->member_id, &m);
    if (rc != BOT_OK)
        return rc;
    if ((rc = store_membership_reminded(ctx->st, ms->id, ctx->now)) != BOT_OK)
        return rc;
    date_text(ms->until - 1, ctx->set->utc_offset, until);
    if (t)
        hd_yuan_text(t->fen, price);
    snprintf(text, sizeof text, "提醒：您的%s到 %s 期满。想续费请找楼长交%s%s，续费从期满后的第二天接着算。", ms->tier, until,
             t ? "会费" : "", price);
    int can = 0;
    if ((rc = hd_member_pushable(ctx, m.id, &can)) != BOT_OK || (rc = hd_tell(ctx, m.id, "membership_renewal", text, NULL)) != BOT_OK)
        return rc;
    if (can || !m.building[0])
        return BOT_OK;
    /* nobody can push to her: her 楼长 passes it on */
    int64_t mgr[4];
    int n = 0;
    if ((rc = store_managers_of(ctx->st, m.building, mgr, 4, &n)) != BOT_OK)
        return rc;
    snprintf(text, sizeof text, "请转告 %s：%s到 %s 期满，续费请交%s（收会费 %s %s %s 现金）。", hd_display_name(&m),
             ms->tier, until, price, hd_display_name(&m), ms->tier, price);
    for (int i = 0; i < n; i++)
        if (mgr[i] != m.id && (rc = hd_tell(ctx, mgr[i], "membership_renewal", text, NULL)) != BOT_OK)
            return rc;
    return BOT_OK;
}

enum bot_rc hd_job_membership_renewal(const struct hd_ctx *ctx, int *done)
{
    struct store_membership due[128];
    int n = 0;
    *done = 0;
    int days = ctx->set->rules.membership_remind_days;
    if (days <= 0)
        return BOT_OK;
    enum bot_rc rc = store_memberships_due(ctx->st, ctx->now, ctx->now + (int64_t)days * 86400, due, 128, &n);
    if (rc != BOT_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        int64_t id = due[i].id;
        /* claimed by the membership's id: once, however often the job runs */
        if ((rc = hd_each_claimed(ctx, "membership_renewal", "", &id, 1, renewal_one, &due[i], done)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

/* ---- a member's share: 我的分红, 分红换积分 ---- */

enum bot_rc hd_my_dividend(struct hd_call *c)
{
    if (c->msg->is_group) {
        hd_say(c->out, "分红是个人金额，请私聊我发「我的分红」。");
        return BOT_OK;
    }
    struct store_cash_account a;
    char name[32];
    enum bot_rc rc = BOT_NOTFOUND;
    if (c->me) {
        snprintf(name, sizeof name, "member:%lld", (long long)c->me->id);
        rc = store_cash_account_by_name(c->ctx->st, name, &a);
    }
    if (rc == BOT_NOTFOUND || (rc == BOT_OK && a.balance_fen == 0)) {
        hd_say(c->out, "您的分红账户现在是 0元。共创会员每年核算分红后，分红会存到这里。");
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    char y[32], per[32];
    hd_yuan_text(a.balance_fen, y);
    hd_yuan_text((int64_t)c->ctx->set->rules.dividend_yuan_per_hour * 100, per);
    hd_say(c->out, "您的分红账户有 %s。可以换成时间：每%s换1小时，发「分红换积分 %s」或「分红换积分 全部」。", y, per, per);
    return BOT_OK;
}

enum bot_rc hd_dividend_convert(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    *outcome = HD_REFUSED;
    if (c->msg->is_group) {
        hd_say(c->out, "分红是个人金额，请私聊我发「分红换积分 50元」。");
        return BOT_OK;
    }
    if (c->nr->fen_bad) {
        hd_say(c->out, "没看懂要换多少钱，请写正数，例如「分红换积分 30元」或「分红换积分 全部」。");
        return BOT_OK;
    }
    struct store_cash_account mine;
    char name[32];
    snprintf(name, sizeof name, "member:%lld", (long long)c->me->id);
    enum bot_rc rc = store_cash_account_by_name(ctx->st, name, &mine);
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    if (rc == BOT_NOTFOUND || mine.balance_fen <= 0) {
        hd_say(c->out, "您的分红账户是 0元，没有可换的分红。");
        return BOT_OK;
    }
    int64_t per_hour = (int64_t)ctx->set->rules.dividend_yuan_per_hour * 100;
    int64_t want = c->nr->fen ? c->nr->fen : mine.balance_fen; /* no amount (全部): all of it */
    char have[32], per[32];
    hd_yuan_text(mine.balance_fen, have);
    hd_yuan_text(per_hour, per);
    if (want > mine.balance_fen) {
        hd_say(c->out, "您的分红账户只有 %s，不够换。可以发「分红换积分 全部」。", have);
        return BOT_OK;
    }
    /* in half hours, as hours are spent (核销 takes half hours): what is left over stays in the account */
    int64_t minutes = want * 2 / per_hour * 30;
    if (minutes < 30) {
        char half[32];
        hd_yuan_text((per_hour + 1) / 2, half);
        hd_say(c->out, "金额太少，换不到半小时（每%s换1小时，半小时要%s）。", per, half);
        return BOT_OK;
    }
    int64_t fen = (minutes * per_hour + 59) / 60; /* what those half hours cost, never more than asked */
    int64_t fund_cash;
    struct store_account fund; /* her branch's fund pays the hours */
    if ((rc = hd_cash_id(ctx->st, STORE_CASH_ACCOUNT_FUND, &fund_cash, NULL)) != BOT_OK ||
        (rc = hd_member_fund(ctx, c->me->id, &fund.id)) != BOT_OK)
        return rc;
    struct store_cash_transfer t = {mine.id, fund_cash, fen, STORE_CASH_KIND_CONVERT, "分红换积分", "", "", c->me->id,
                                    ctx->now};
    if ((rc = store_cash_transfer(ctx->st, &t, NULL)) != BOT_OK ||
        (rc = hd_move(ctx, fund.id, c->me->account_id, minutes, STORE_KIND_DIVIDEND, 0, "分红换积分", 0)) != BOT_OK)
        return rc;
    char y[32], h[24], left[32];
    hd_yuan_text(fen, y);
    hd_hours_text(minutes, h);
    hd_yuan_text(mine.balance_fen - fen, left);
    hd_say(c->out, "用了分红 %s，换成 %s（每%s换1小时，由互助基金付时间）。分红账户还剩 %s。", y, h, per, left);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* Credit of order r going back to its requester (a refund, an undone 代录): the 体验券 paid the first hours, so what
 * it gave beyond the `kept` minutes the volunteer keeps goes back to the fund that gave it (helper-62: the voucher hour
 * went to the elder; a halved complaint keeps an hour, which the voucher still pays). The voucher stays used. */
enum bot_rc hd_voucher_take_back(const struct hd_ctx *ctx, const struct store_request *r, int64_t kept, int64_t *taken)
{
    struct store_member req;
    int64_t given = 0;
    *taken = 0;
    enum bot_rc rc = store_member_get(ctx->st, r->requester_id, &req);
    if (rc != BOT_OK)
        return rc;
    if (r->payer_account != req.account_id) /* the fund paid the order itself: no voucher in it */
        return BOT_OK;
    if ((rc = store_request_voucher_net(ctx->st, r->id, req.account_id, &given)) != BOT_OK || given <= 0)
        return rc;
    int64_t fund = 0;
    if ((rc = hd_member_fund(ctx, req.id, &fund)) != BOT_OK)
        return rc;
    *taken = given - (kept > 0 ? kept : 0);
    if (*taken <= 0) {
        *taken = 0;
        return BOT_OK;
    }
    char memo[64];
    snprintf(memo, sizeof memo, "#%lld 体验券退回基金", (long long)r->id);
    if ((rc = hd_move(ctx, req.account_id, fund, *taken, STORE_KIND_VOUCHER, r->id, memo, 0)) != BOT_OK)
        return rc;
    /* all of it back: the voucher was not used after all, and serves her next order while her membership runs
     * (play-test 14: a refunded order took her 体验券 for good) */
    return *taken == given ? store_voucher_unuse(ctx->st, r->id) : BOT_OK;
}

/* ---- the 体验券: once, on the member's next confirmed request she pays herself ---- */

enum bot_rc hd_voucher_spend(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                             int minutes)
{
    struct store_membership ms;
    enum bot_rc rc = store_voucher_open(ctx->st, req->id, ctx->now, &ms);
    if (rc == BOT_NOTFOUND)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    struct store_account fund; /* the requester's branch's fund pays it */
    if ((rc = hd_member_fund(ctx, req->id, &fund.id)) != BOT_OK)
        return rc;
    int64_t give = ms.voucher_minutes < minutes ? ms.voucher_minutes : minutes;
    char memo[64];
    snprintf(memo, sizeof memo, "#%lld %s 体验券", (long long)r->id, ms.tier);
    if ((rc = store_voucher_use(ctx->st, ms.id, r->id)) != BOT_OK)
        return rc == BOT_DUP ? BOT_OK : rc;
    return hd_move(ctx, fund.id, req->account_id, give, STORE_KIND_VOUCHER, r->id, memo, 0);
}
