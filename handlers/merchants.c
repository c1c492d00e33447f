/* merchants.c — partner merchants: staff add them and bind clerks; a member's 兑换码, a clerk's 核销 (hours off a
 * bill, the management fee owed), 商家对账 and 商家缴费. */
#include <openssl/rand.h>
#include <string.h>

#include "handlers.h"

/* Credits are taken in half hours: half a credit is worth exactly half the merchant's yuan per credit, which is
 * written to the jiao, so every discount is a whole number of fen. */
#define REDEEM_GRAIN_MINUTES 30
#define REDEEM_CODE_LEN 8
#define CLERK_MERCHANTS_MAX 8
/* 32 signs, no 0/O nor 1/I: a byte's low five bits pick one evenly (40 bits a code) */
static const char code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* 3%, 3.5%, 0.25% */
static void percent_text(int bp, char buf[16])
{
    if (bp % 100 == 0)
        snprintf(buf, 16, "%d%%", bp / 100);
    else if (bp % 10 == 0)
        snprintf(buf, 16, "%d.%d%%", bp / 100, bp / 10 % 10);
    else
        snprintf(buf, 16, "%d.%02d%%", bp / 100, bp % 100);
}

/* 每小时抵3元，单次最多抵30元，管理费为会员消费的3% */
static void terms_text(const struct store_merchant *m, char *buf, size_t bufsz)
{
    char rate[32], max[32], fee[16];
    hd_yuan_text(m->yuan_per_credit_fen, rate);
    hd_yuan_text(m->max_fen, max);
    percent_text(m->fee_bp, fee);
    snprintf(buf, bufsz, "每小时抵%s，单次最多抵%s，管理费为会员消费的%s", rate, max, fee);
}

/* The merchant named name, or a reply saying there is none (*found = 0). */
static enum bot_rc load_merchant(struct hd_call *c, const char *name, struct store_merchant *m, int *found)
{
    *found = 0;
    enum bot_rc rc = store_merchant_by_name(c->ctx->st, name, m);
    if (rc == BOT_NOTFOUND) {
        if (hd_is_admin(c))
            hd_say(c->out, "没有叫「%s」的商家。添加请发「添加商家 %s 积分抵3元 单次最高30元 管理费3%%」。", name, name);
        else
            hd_say(c->out, "没有叫「%s」的商家。请核对店名，或直接发「商家对账 2026-11」查您自己的店。", name);
        return BOT_OK;
    }
    if (rc == BOT_OK)
        *found = 1;
    return rc;
}

enum bot_rc hd_merchant_add(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_merchant_slots *s = &c->nr->merchant;
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_merchant m, old;
    char terms[160];
    int created = 0;
    *outcome = HD_REFUSED;
    if (!s->name[0]) {
        hd_say(c->out, "请写明商家名字，例如「添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%%」。");
        return BOT_OK;
    }
    if (s->bad) {
        hd_say(c->out, "金额或比例没看懂，请这样写：「添加商家 %s 积分抵3元 单次最高30元 管理费3%%」。", s->name);
        return BOT_OK;
    }
    enum bot_rc rc = store_merchant_by_name(c->ctx->st, s->name, &old);
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    int exists = rc == BOT_OK;
    /* what is left out: the current terms of a merchant there is, else the [rules] defaults */
    memset(&m, 0, sizeof m);
    bot_strlcpy(m.name, s->name, sizeof m.name);
    m.yuan_per_credit_fen = s->rate_fen ? s->rate_fen
                            : exists    ? old.yuan_per_credit_fen
                                        : (int64_t)rules->merchant_yuan_per_credit * 100;
    m.max_fen = s->max_fen ? s->max_fen : exists ? old.max_fen : (int64_t)rules->merchant_max_yuan * 100;
    m.fee_bp = s->fee_bp >= 0 ? s->fee_bp : exists ? old.fee_bp : rules->merchant_fee_percent * 100;
    if (m.yuan_per_credit_fen % 10 != 0) {
        hd_say(c->out, "每小时抵多少钱请写到角，例如「积分抵3元」或「积分抵2.5元」。");
        return BOT_OK;
    }
    if ((rc = store_merchant_put(c->ctx->st, &m, c->me->id, c->ctx->now, &created)) != BOT_OK)
        return rc;
    terms_text(&m, terms, sizeof terms);
    if (created) {
        hd_say(c->out, "已添加商家 %s：%s。\n下一步请绑定店员：「商家绑定 %s @店员」。", m.name, terms, m.name);
    } else {
        char was[160];
        terms_text(&old, was, sizeof was);
        hd_say(c->out, "商家 %s 已有，条件已更新为：%s。\n原来是：%s。", m.name, terms, was);
    }
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_merchant_bind(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_merchant_slots *s = &c->nr->merchant;
    int unbind = c->nr->intent == NLP_MERCHANT_UNBIND, found = 0;
    const char *word = unbind ? "商家解绑" : "商家绑定";
    struct store_merchant m;
    struct store_member clerk;
    *outcome = HD_REFUSED;
    if (!s->name[0] || nlp_target_count(c->nr) == 0) {
        hd_say(c->out, "请写明商家和店员，例如「%s %s @小刘」。", word, s->name[0] ? s->name : "幸福超市");
        return BOT_OK;
    }
    enum bot_rc rc = load_merchant(c, s->name, &m, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if ((rc = hd_find_target(c, 0, &clerk, &found)) != BOT_OK || !found)
        return rc;
    if (unbind) {
        rc = store_clerk_unbind(c->ctx->st, m.id, clerk.id);
        if (rc == BOT_NOTFOUND) {
            hd_say(c->out, "%s 本来就不是 %s 的店员。", hd_display_name(&clerk), m.name);
            return BOT_OK;
        }
        if (rc != BOT_OK)
            return rc;
        hd_say(c->out, "已解除 %s 在 %s 的店员身份，不能再为这家店核销了。", hd_display_name(&clerk), m.name);
        *outcome = HD_CHANGED;
        return BOT_OK;
    }
    rc = store_clerk_bind(c->ctx->st, m.id, clerk.id, c->me->id, c->ctx->now);
    if (rc == BOT_DUP) {
        hd_say(c->out, "%s 已经是 %s 的店员了。", hd_display_name(&clerk), m.name);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    char text[256];
    snprintf(text, sizeof text, "您已成为 %s 的店员。顾客出示兑换码后，请私聊我发「核销 兑换码 消费金额」，"
                                "例如「核销 K7M3Q9TX 消费86元」。",
             m.name);
    if ((rc = hd_tell(c->ctx, clerk.id, "merchant_clerk", text, NULL)) != BOT_OK)
        return rc;
    hd_say(c->out, "已绑定 %s 为 %s 的店员，已告知怎么核销。", hd_display_name(&clerk), m.name);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* A fresh unguessable code for the member, living redeem_code_minutes and replacing the one they held. */
static enum bot_rc new_code(struct hd_call *c, char code[REDEEM_CODE_LEN + 1])
{
    int64_t until = c->ctx->now + (int64_t)c->ctx->set->rules.redeem_code_minutes * 60;
    enum bot_rc rc = BOT_DUP;
    for (int tries = 0; tries < 8 && rc == BOT_DUP; tries++) {
        unsigned char r[REDEEM_CODE_LEN];
        if (RAND_bytes(r, sizeof r) != 1)
            return BOT_ERR;
        for (int i = 0; i < REDEEM_CODE_LEN; i++)
            code[i] = code_alphabet[r[i] & 31];
        code[REDEEM_CODE_LEN] = '\0';
        rc = store_redeem_code_put(c->ctx->st, code, c->me->id, c->ctx->now, until);
    }
    return rc;
}

enum bot_rc hd_redeem_code(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_account a;
    char code[REDEEM_CODE_LEN + 1], bal[24];
    *outcome = HD_REFUSED;
    if (c->msg->is_group) {
        hd_say(c->out, "兑换码不能发在群里，请私聊我发「兑换码」。");
        return BOT_OK;
    }
    if (c->me->suspended) {
        hd_say(c->out, "您的账户已暂停，暂时不能用时间抵扣。有疑问请找工作人员。");
        return BOT_OK;
    }
    if (hd_link_held(c, "到商家抵扣"))
        return BOT_OK;
    enum bot_rc rc = store_account_at(c->ctx->st, c->ctx->now, c->me->account_id, &a);
    if (rc != BOT_OK)
        return rc;
    hd_hours_text(a.balance, bal);
    if (a.balance < REDEEM_GRAIN_MINUTES) {
        hd_say(c->out, "您现在的余额是 %s，至少要有半小时才能到合作商家抵扣。帮邻居做点事就能攒时间，发「有什么需求」看看。",
               bal);
        return BOT_OK;
    }
    if ((rc = new_code(c, code)) != BOT_OK)
        return rc;
    hd_say(c->out, "您的兑换码：%s\n%d分钟内有效，只能用一次（再要一个，这个就作废）。结账时出示给合作商家的店员。"
                   "您的余额 %s，每次最多抵多少以商家规则为准。请勿发到群里。",
           code, c->ctx->set->rules.redeem_code_minutes, bal);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* The merchant a clerk means: his only one, or the one whose name the message writes; NULL with a reply. */
static const struct store_merchant *clerk_merchant(struct hd_call *c, const struct store_merchant *ms, int n,
                                                   const char *example)
{
    if (n == 1)
        return &ms[0];
    for (int i = 0; i < n; i++)
        if (strstr(c->msg->text, ms[i].name))
            return &ms[i];
    char names[256] = "";
    size_t len = 0;
    for (int i = 0; i < n; i++)
        bot_appendf(names, sizeof names, &len, "%s%s", i ? "、" : "", ms[i].name);
    hd_say(c->out, "您是几家商家的店员（%s），请写明是哪家，例如「%s %s」。", names, example, ms[0].name);
    return NULL;
}

/* A wrong code: counted for the clerk (committed though refused); reaching the limit, staff hear once. */
static enum bot_rc wrong_code(struct hd_call *c, const struct store_merchant *m, const char *code,
                              enum hd_outcome *outcome)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    int64_t since = c->ctx->now - (int64_t)rules->redeem_wrong_minutes * 60, nth = 0;
    enum bot_rc rc;
    if ((rc = store_redeem_wrong_add(c->ctx->st, c->me->id, code, c->ctx->now)) != BOT_OK ||
        (rc = store_redeem_wrong_nth(c->ctx->st, c->me->id, rules->redeem_wrong_limit, &nth)) != BOT_OK)
        return rc;
    *outcome = HD_COUNTED;
    /* this one stops him (a stopped clerk never gets here): staff are told once a stop */
    if (nth && nth > since) {
        char text[256];
        snprintf(text, sizeof text, "%s 的店员 %s %d分钟内输错了 %d 次兑换码，核销已暂停%d分钟。请留意是否有人在猜码。",
                 m->name, hd_display_name(c->me), rules->redeem_wrong_minutes, rules->redeem_wrong_limit,
                 rules->redeem_wrong_minutes);
        if ((rc = hd_tell_staff(c->ctx, NULL, "redeem_locked", text)) != BOT_OK)
            return rc;
        hd_say(c->out, "兑换码不对。输错次数太多，核销暂停%d分钟，工作人员已知悉。这一单请按原价结账，之后请顾客重新发「兑换码」。",
               rules->redeem_wrong_minutes);
        return BOT_OK;
    }
    hd_say(c->out, "兑换码 %s 不对，请核对后再发（%d分钟内输错 %d 次会暂停核销）。", code, rules->redeem_wrong_minutes,
           rules->redeem_wrong_limit);
    return BOT_OK;
}

/* Is a used, replaced or expired code (or one of a member who may not spend) refused? Then the reply says what
 * to do, 1. */
static int code_refused(struct hd_call *c, const struct store_redeem_code *k, const struct store_member *owner)
{
    if (k->used_at) {
        hd_say(c->out, "这个兑换码已经用过了，请顾客重新发「兑换码」获取新的。");
        return 1;
    }
    if (k->replaced_at) {
        hd_say(c->out, "这个兑换码已作废（顾客又要了新的），请顾客出示最新的兑换码。");
        return 1;
    }
    if (c->ctx->now >= k->expires_at) {
        hd_say(c->out, "这个兑换码已过期（%d分钟内有效），请顾客重新发「兑换码」。",
               c->ctx->set->rules.redeem_code_minutes);
        return 1;
    }
    if (owner->id == c->me->id) {
        hd_say(c->out, "不能核销自己的兑换码，请另一位店员核销。");
        return 1;
    }
    if (owner->suspended) {
        hd_say(c->out, "这位顾客的账户已暂停，不能用时间抵扣，请按原价结账。");
        return 1;
    }
    return 0;
}

/* The management fee on price at fee_bp hundredths of a percent, rounded to the nearest fen. */
static int64_t fee_of(int64_t price_fen, int fee_bp)
{
    return (price_fen * fee_bp + 5000) / 10000;
}

enum bot_rc hd_redeem(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    const struct hd_rules *rules = &ctx->set->rules;
    const struct nlp_merchant_slots *s = &c->nr->merchant;
    struct store_merchant ms[CLERK_MERCHANTS_MAX];
    struct store_redeem_code k;
    struct store_member owner;
    struct store_account a;
    int n = 0;
    *outcome = HD_REFUSED;
    if (c->msg->is_group) {
        hd_say(c->out, "请私聊我核销，兑换码不要发在群里。");
        return BOT_OK;
    }
    enum bot_rc rc = store_clerk_merchants(ctx->st, c->me->id, ms, CLERK_MERCHANTS_MAX, &n);
    if (rc != BOT_OK)
        return rc;
    if (n == 0) {
        hd_say(c->out, "抱歉，只有合作商家的店员可以核销。店员请找工作人员绑定（商家绑定）。"
                       "想用时间抵扣，请私聊我发「兑换码」，把码给店员。");
        return BOT_OK;
    }
    const struct store_merchant *m = clerk_merchant(c, ms, n, "核销 兑换码 消费86元");
    if (!m)
        return BOT_OK;
    int64_t nth = 0;
    if ((rc = store_redeem_wrong_nth(ctx->st, c->me->id, rules->redeem_wrong_limit, &nth)) != BOT_OK)
        return rc;
    int64_t until = nth + (int64_t)rules->redeem_wrong_minutes * 60;
    if (nth && until > ctx->now) {
        char when[HD_WHEN_MAX];
        hd_format_when(until, ctx->now, ctx->set->utc_offset, when);
        hd_say(c->out, "输错的兑换码太多，核销暂停到%s。这一单请按原价结账，之后请顾客重新发「兑换码」。", when);
        return BOT_OK;
    }
    if (!s->code[0] || (!s->fen && !s->bad)) {
        hd_say(c->out, "请写明兑换码和这次消费的金额，例如「核销 K7M3Q9TX 消费86元」。");
        return BOT_OK;
    }
    if (s->bad) {
        hd_say(c->out, "消费金额没看懂，请这样写：「核销 %s 消费86元」。", s->code);
        return BOT_OK;
    }
    rc = store_redeem_code_get(ctx->st, s->code, &k);
    if (rc == BOT_NOTFOUND)
        return wrong_code(c, m, s->code, outcome);
    if (rc != BOT_OK || (rc = store_member_get(ctx->st, k.member_id, &owner)) != BOT_OK ||
        (rc = store_account_at(ctx->st, ctx->now, owner.account_id, &a)) != BOT_OK)
        return rc;
    if (code_refused(c, &k, &owner))
        return BOT_OK;
    /* half hours: min(price, cap) ÷ yuan per half hour, never past the balance (never into overdraft) */
    int64_t half_fen = m->yuan_per_credit_fen / 2;
    int64_t base = s->fen < m->max_fen ? s->fen : m->max_fen;
    int64_t halves = base / half_fen, have = a.balance > 0 ? a.balance / REDEEM_GRAIN_MINUTES : 0;
    if (halves > have)
        halves = have;
    if (halves == 0) {
        char per[32];
        hd_yuan_text(half_fen, per);
        if (have == 0)
            hd_say(c->out, "顾客的时间余额不够半小时，这次不能抵扣，请按原价结账。");
        else
            hd_say(c->out, "这次消费太少，抵不了（在%s每半小时抵%s），请按原价结账。兑换码还能再用。", m->name, per);
        return BOT_OK;
    }
    struct store_redemption r = {.merchant_id = m->id, .member_id = owner.id, .clerk_id = c->me->id,
                                 .price_fen = s->fen, .minutes = halves * REDEEM_GRAIN_MINUTES,
                                 .discount_fen = halves * half_fen, .fee_fen = fee_of(s->fen, m->fee_bp),
                                 .at = ctx->now};
    bot_strlcpy(r.code, k.code, sizeof r.code);
    rc = store_redeem_code_use(ctx->st, k.id, ctx->now);
    if (rc == BOT_DUP) {
        hd_say(c->out, "这个兑换码已经用过了，请顾客重新发「兑换码」获取新的。");
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    struct store_transfer t = {owner.account_id, m->account_id, r.minutes, STORE_KIND_REDEMPTION, 0, m->name,
                               ctx->now, 0, 1};
    if ((rc = store_transfer(ctx->st, &t, &r.txn)) != BOT_OK)
        return rc; /* BOT_LIMIT cannot be: never past the positive balance */
    if (r.fee_fen > 0) {
        /* the fee on members' spending is owed by the merchant: income → its account (what it owes) */
        struct store_cash_account income;
        if ((rc = store_cash_account_by_name(ctx->st, STORE_CASH_ACCOUNT_INCOME, &income)) != BOT_OK)
            return rc;
        struct store_cash_transfer f = {income.id, m->cash_account_id, r.fee_fen, STORE_CASH_KIND_MERCHANT_FEE,
                                        m->name, k.code, "管理费", c->me->id, ctx->now};
        if ((rc = store_cash_transfer(ctx->st, &f, &r.cash_txn)) != BOT_OK)
            return rc;
    }
    if ((rc = store_redemption_add(ctx->st, &r)) != BOT_OK)
        return rc;
    char h[24], off[32], price[32], pay[32], left[24], text[320];
    hd_hours_text(r.minutes, h);
    hd_yuan_text(r.discount_fen, off);
    hd_yuan_text(r.price_fen, price);
    hd_yuan_text(r.price_fen - r.discount_fen, pay);
    hd_hours_text(a.balance - r.minutes, left);
    snprintf(text, sizeof text, "您在%s消费%s，用了%s，抵%s，实付%s。时间余额还有%s。", m->name, price, h, off, pay,
             left);
    if ((rc = hd_tell(ctx, owner.id, "redeemed", text, NULL)) != BOT_OK)
        return rc;
    hd_say(c->out, "核销成功（%s）：消费%s，顾客用%s抵%s，请收%s。", m->name, price, h, off, pay);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* The month named (or this one) as [from, to) local, and its year and month. */
static void month_bounds(const struct hd_call *c, int *y, int *mo, int64_t *from, int64_t *to)
{
    int off = c->ctx->set->utc_offset, d;
    if (c->nr->merchant.year) {
        *y = c->nr->merchant.year;
        *mo = c->nr->merchant.month;
    } else {
        bot_civil_from_days(bot_local_day(c->ctx->now, off), y, mo, &d);
    }
    *from = bot_day_start(bot_days_from_civil(*y, *mo, 1), off);
    *to = bot_day_start(bot_days_from_civil(*mo == 12 ? *y + 1 : *y, *mo == 12 ? 1 : *mo + 1, 1), off);
}

enum bot_rc hd_merchant_statement(struct hd_call *c)
{
    const struct nlp_merchant_slots *s = &c->nr->merchant;
    struct store_merchant ms[CLERK_MERCHANTS_MAX], named;
    const struct store_merchant *m = NULL;
    int n = 0, found = 0;
    enum bot_rc rc;
    if (c->nr->month_bad) { /* 2026-13, a day: asked again, never another month read instead */
        hd_say(c->out, "没有看懂是哪个月。请写年和月，例如「商家对账 2026-11」。");
        return BOT_OK;
    }
    if (!c->me) {
        hd_say(c->out, "抱歉，商家对账只有合作商家的店员和工作人员可以查看。");
        return BOT_OK;
    }
    if ((rc = store_clerk_merchants(c->ctx->st, c->me->id, ms, CLERK_MERCHANTS_MAX, &n)) != BOT_OK)
        return rc;
    if (s->name[0]) {
        if ((rc = load_merchant(c, s->name, &named, &found)) != BOT_OK || !found)
            return rc;
        for (int i = 0; i < n && !m; i++)
            if (ms[i].id == named.id)
                m = &named;
        if (!m && hd_is_admin(c))
            m = &named;
        if (!m) {
            hd_say(c->out, "抱歉，您不是 %s 的店员，只能查自己店的账。", named.name);
            return BOT_OK;
        }
    } else if (n > 0) {
        if (!(m = clerk_merchant(c, ms, n, "商家对账 2026-11")))
            return BOT_OK;
    } else {
        hd_say(c->out, hd_is_admin(c) ? "请写明商家，例如「商家对账 幸福超市 2026-11」。"
                                      : "抱歉，商家对账只有合作商家的店员和工作人员可以查看。");
        return BOT_OK;
    }
    int y, mo;
    int64_t from, to;
    month_bounds(c, &y, &mo, &from, &to);
    struct store_merchant_month sum;
    struct store_cash_sum lines[8];
    struct store_cash_account acct;
    int nl = 0;
    if ((rc = store_merchant_month(c->ctx->st, m->id, from, to, &sum)) != BOT_OK ||
        (rc = store_cash_sums(c->ctx->st, m->cash_account_id, from, to, lines, 8, &nl)) != BOT_OK ||
        (rc = store_cash_account_get(c->ctx->st, m->cash_account_id, &acct)) != BOT_OK)
        return rc;
    int64_t paid = 0;
    for (int i = 0; i < nl; i++)
        if (strcmp(lines[i].kind, STORE_CASH_KIND_SETTLE) == 0)
            paid -= lines[i].fen;
    char h[24], off[32], spent[32], fee[32], paid_t[32], owed[32];
    hd_yuan_text(paid, paid_t);
    hd_yuan_text(acct.balance_fen, owed);
    if (sum.count == 0) {
        hd_say(c->out, "%s %d年%d月没有核销记录。当月已缴管理费%s，目前共欠%s。", m->name, y, mo, paid_t, owed);
        return BOT_OK;
    }
    hd_hours_text(sum.minutes, h);
    hd_yuan_text(sum.discount_fen, off);
    hd_yuan_text(sum.price_fen, spent);
    hd_yuan_text(sum.fee_fen, fee);
    hd_say(c->out, "%s %d年%d月对账：\n核销 %d 笔，会员共用%s，抵扣%s（商家让利，平台不补差价）。\n"
                   "会员消费%s，应缴管理费%s。\n当月已缴%s，目前共欠%s。",
           m->name, y, mo, sum.count, h, off, spent, fee, paid_t, owed);
    return BOT_OK;
}

enum bot_rc hd_merchant_settle(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_merchant_slots *s = &c->nr->merchant;
    struct store_merchant m;
    struct store_cash_account acct, bank;
    int found = 0;
    char owed[32], amount[32];
    *outcome = HD_REFUSED;
    if (!s->name[0] || s->bad || !s->fen) {
        hd_say(c->out, "请写明商家和缴费金额，例如「商家缴费 %s 300元」。", s->name[0] ? s->name : "幸福超市");
        return BOT_OK;
    }
    enum bot_rc rc = load_merchant(c, s->name, &m, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if ((rc = store_cash_account_get(c->ctx->st, m.cash_account_id, &acct)) != BOT_OK)
        return rc;
    hd_yuan_text(acct.balance_fen, owed);
    hd_yuan_text(s->fen, amount);
    if (acct.balance_fen == 0) {
        hd_say(c->out, "%s 目前不欠管理费，不用缴。", m.name);
        return BOT_OK;
    }
    if (s->fen > acct.balance_fen) {
        hd_say(c->out, "%s 目前只欠%s，不能收%s。请按欠款缴费，发「商家缴费 %s %s」。", m.name, owed, amount, m.name,
               owed);
        return BOT_OK;
    }
    if ((rc = store_cash_account_by_name(c->ctx->st, STORE_CASH_ACCOUNT_BANK, &bank)) != BOT_OK)
        return rc;
    struct store_cash_transfer t = {m.cash_account_id, bank.id, s->fen, STORE_CASH_KIND_SETTLE, m.name, "",
                                    "商家缴费", c->me->id, c->ctx->now};
    if ((rc = store_cash_transfer(c->ctx->st, &t, NULL)) != BOT_OK)
        return rc;
    hd_yuan_text(acct.balance_fen - s->fen, owed);
    hd_say(c->out, "已记下 %s 缴管理费%s，还欠%s。", m.name, amount, owed);
    *outcome = HD_CHANGED;
    return BOT_OK;
}
