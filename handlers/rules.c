/* rules.c — history, gifts, ratings, complaints and their resolution. */
#include "handlers.h"

#include <string.h>

static const char *kind_label(const char *kind)
{
    static const struct { const char *k, *label; } labels[] = {
        {STORE_KIND_SERVICE, "服务"}, {STORE_KIND_GIFT, "转赠"}, {STORE_KIND_BIRTHDAY, "生日礼"},
        {STORE_KIND_REFERRAL, "推荐奖励"}, {STORE_KIND_ACTIVITY, "活动"}, {STORE_KIND_PENALTY, "扣分"},
        {STORE_KIND_EXPIRY, "过期"}, {STORE_KIND_ADJUSTMENT, "调整"}, {STORE_KIND_DISPUTE, "投诉冻结"},
        {STORE_KIND_REFUND, "退还"}, {STORE_KIND_REVERSAL, "撤销代录"},
    };
    for (size_t i = 0; i < BOT_ARRAY_LEN(labels); i++)
        if (strcmp(kind, labels[i].k) == 0)
            return labels[i].label;
    return kind;
}

/* Credit no service paid for: 积分明细 says why it came (or went). */
static int shows_reason(const char *kind)
{
    static const char *const kinds[] = {STORE_KIND_BIRTHDAY, STORE_KIND_REFERRAL, STORE_KIND_ACTIVITY,
                                        STORE_KIND_ADJUSTMENT, STORE_KIND_REVERSAL, STORE_KIND_PENALTY};
    for (size_t i = 0; i < BOT_ARRAY_LEN(kinds); i++)
        if (strcmp(kind, kinds[i]) == 0)
            return 1;
    return 0;
}

enum bot_rc hd_history(struct hd_call *c)
{
    if (!c->me) {
        hd_say(c->out, "您还没有积分记录。帮邻居一小时，就能得到一小时积分。");
        return BOT_OK;
    }
    struct store_history h[10];
    int n = 0;
    enum bot_rc rc = store_history(c->ctx->st, c->me->account_id, h, 10, &n);
    if (rc != BOT_OK)
        return rc;
    if (n == 0) {
        hd_say(c->out, "您还没有积分记录。");
        return BOT_OK;
    }
    size_t len = 0;
    char *buf = c->out->text;
    bot_appendf(buf, sizeof c->out->text, &len, "最近 %d 笔积分明细：", n);
    for (int i = 0; i < n; i++) {
        char when[32], hours[24];
        hd_format_when(h[i].at, c->ctx->set->utc_offset, when);
        hd_hours_text(h[i].minutes < 0 ? -h[i].minutes : h[i].minutes, hours);
        const char *cp = strcmp(h[i].counterpart, STORE_ACCOUNT_FUND) == 0       ? "社区基金"
                         : strcmp(h[i].counterpart, STORE_ACCOUNT_EXPIRED) == 0  ? "过期"
                         : strcmp(h[i].counterpart, STORE_ACCOUNT_ADJUST) == 0   ? "工作人员调整"
                         : strcmp(h[i].counterpart, STORE_ACCOUNT_HOLD) == 0     ? "投诉冻结"
                                                                     : h[i].counterpart;
        bot_appendf(buf, sizeof c->out->text, &len, "\n%s %s %s%s（%s）", when, kind_label(h[i].kind),
                    h[i].minutes < 0 ? "-" : "+", hours, cp);
        if (shows_reason(h[i].kind) && h[i].memo[0]) /* a bonus, a correction, a reversal: why */
            bot_appendf(buf, sizeof c->out->text, &len, "：%s", h[i].memo);
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

enum bot_rc hd_gift(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member to;
    struct store_account mine;
    int found;
    *outcome = HD_REFUSED;
    if (c->nr->nonpositive) {
        hd_say(c->out, "转赠的时长要是正数，例如「转赠 2小时 给 @小芳」。这次没有转赠。");
        return BOT_OK;
    }
    if (c->nr->unreadable) {
        hd_say(c->out, "没看懂转赠多少时长，请只写一个数，例如「转赠 2小时 给 @小芳」或「转赠 1.5小时 给 @小芳」。这次没有转赠。");
        return BOT_OK;
    }
    if (c->nr->minutes <= 0) {
        hd_say(c->out, "请写明转赠多少，例如「转赠 2小时 给 @小芳」。");
        return BOT_OK;
    }
    /* a link made by a guessed code must not move the credit out before the owner can undo it */
    if (hd_link_held(c, "转赠积分"))
        return BOT_OK;
    enum bot_rc rc = hd_find_target(c, 0, &to, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (to.id == c->me->id) {
        hd_say(c->out, "不能转赠给自己哦。");
        return BOT_OK;
    }
    if (!to.registered) {
        hd_say(c->out, "%s 还没有注册，注册后才能接受转赠。", hd_display_name(&to));
        return BOT_OK;
    }
    if ((rc = store_account_get(c->ctx->st, c->me->account_id, &mine)) != BOT_OK)
        return rc;
    if (mine.balance < c->nr->minutes) {
        char h[24];
        hd_hours_text(mine.balance > 0 ? mine.balance : 0, h);
        hd_say(c->out, "您的时间余额只有 %s，转赠不能让余额低于零。", h);
        return BOT_OK;
    }
    char memo[96];
    snprintf(memo, sizeof memo, "%s 转赠给 %s", hd_display_name(c->me), hd_display_name(&to));
    if ((rc = hd_move(c->ctx, mine.id, to.account_id, c->nr->minutes, STORE_KIND_GIFT, 0, memo, 1, 0)) != BOT_OK)
        return rc;
    char h[24], note[160];
    hd_hours_text(c->nr->minutes, h);
    snprintf(note, sizeof note, "%s 转赠给您 %s 时间积分。", hd_display_name(c->me), h);
    if ((rc = store_member_notice(c->ctx->st, to.id, note, c->ctx->now)) != BOT_OK)
        return rc;
    hd_say(c->out, "已转赠 %s 给 %s，谢谢您的心意！", h, hd_display_name(&to));
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_rate(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_request r;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (c->nr->nonpositive) {
        hd_say(c->out, "评分要是 1 到 5 的正数，例如「评价 #%lld 5星」。这次没有记下评价。", (long long)r.id);
        return BOT_OK;
    }
    if (c->nr->unreadable) {
        hd_say(c->out, "没看懂打几星，请只写 1 到 5 中的一个数，例如「评价 #%lld 5星」。这次没有记下评价。", (long long)r.id);
        return BOT_OK;
    }
    if (c->nr->stars < 1 || c->nr->stars > 5) {
        hd_say(c->out, "请打 1 到 5 星，例如「评价 #%lld 5星」。", (long long)r.id);
        return BOT_OK;
    }
    int64_t ratee;
    if (c->me->id == r.requester_id)
        ratee = r.volunteer_id;
    else if (c->me->id == r.volunteer_id)
        ratee = r.requester_id;
    else {
        hd_say(c->out, "只有 #%lld 的双方可以互相评价。", (long long)r.id);
        return BOT_OK;
    }
    if (r.status != STORE_REQ_FINISHED && r.status != STORE_REQ_CONFIRMED && r.status != STORE_REQ_DISPUTED) {
        hd_say(c->out, "#%lld 服务结束后才能评价。", (long long)r.id);
        return BOT_OK;
    }
    rc = store_rating_add(c->ctx->st, r.id, c->me->id, ratee, c->nr->stars, c->ctx->now);
    if (rc == BOT_DUP) {
        hd_say(c->out, "您已经评价过 #%lld 了，谢谢！", (long long)r.id);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    hd_say(c->out, "谢谢评价！#%lld 记为 %d 星。", (long long)r.id, c->nr->stars);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

static enum bot_rc hold_account(const struct hd_ctx *ctx, int64_t *id)
{
    struct store_account a;
    enum bot_rc rc = store_account_by_name(ctx->st, STORE_ACCOUNT_HOLD, &a);
    if (rc == BOT_OK)
        *id = a.id;
    return rc;
}

enum bot_rc hd_complaint(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_request r;
    struct store_complaint comp;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (c->me->id != r.requester_id && c->me->id != r.volunteer_id) {
        hd_say(c->out, "只有 #%lld 的双方可以投诉。其他问题请联系楼长。", (long long)r.id);
        return BOT_OK;
    }
    if (hd_link_held(c, "投诉")) /* a complaint can put the account's credit on hold */
        return BOT_OK;
    if (r.status == STORE_REQ_DISPUTED) {
        hd_say(c->out, "#%lld 的投诉已在处理中。", (long long)r.id);
        return BOT_OK;
    }
    if (r.status == STORE_REQ_OPEN || r.status == STORE_REQ_CANCELLED || r.status == STORE_REQ_EXPIRED) {
        hd_say(c->out, "#%lld 还没有人服务，不能投诉；不需要了可以「取消 #%lld」。", (long long)r.id, (long long)r.id);
        return BOT_OK;
    }
    memset(&comp, 0, sizeof comp);
    comp.request_id = r.id;
    comp.complainant_id = c->me->id;
    bot_strlcpy(comp.prev_status, store_req_status_name(r.status), sizeof comp.prev_status);
    if (r.status == STORE_REQ_CONFIRMED && r.credited_minutes > 0) {
        /* hold what the volunteer received, as far as their limit allows */
        struct store_member vol;
        struct store_account va;
        int64_t hold;
        if ((rc = store_member_get(c->ctx->st, r.volunteer_id, &vol)) != BOT_OK ||
            (rc = store_account_get(c->ctx->st, vol.account_id, &va)) != BOT_OK ||
            (rc = hold_account(c->ctx, &hold)) != BOT_OK)
            return rc;
        /* what an earlier complaint refunded is not held (nor refunded) a second time */
        int64_t refunded = 0;
        if ((rc = store_request_refunded(c->ctx->st, r.id, &refunded)) != BOT_OK)
            return rc;
        int64_t left = r.credited_minutes - refunded;
        int64_t room = va.has_limit ? va.balance - va.min_balance : left;
        int64_t m = left < room ? left : room;
        char memo[64];
        snprintf(memo, sizeof memo, "#%lld 投诉冻结", (long long)r.id);
        if (m > 0 && (rc = hd_move(c->ctx, va.id, hold, m, STORE_KIND_DISPUTE, r.id, memo, 1, 0)) != BOT_OK)
            return rc;
        comp.held_minutes = (int)(m > 0 ? m : 0);
    }
    if ((rc = store_complaint_create(c->ctx->st, &comp, c->msg->text, c->ctx->now)) != BOT_OK)
        return rc;
    r.status = STORE_REQ_DISPUTED;
    if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK)
        return rc;
    hd_say(c->out, "已收到对 #%lld 的投诉，相关积分先冻结，工作人员会在 24 小时内联系您。", (long long)r.id);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_resolve(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_request r;
    struct store_complaint comp;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    rc = store_complaint_open_for(c->ctx->st, r.id, &comp);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "#%lld 没有待处理的投诉。", (long long)r.id);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (c->nr->resolution < 1 || c->nr->resolution > 3) {
        hd_say(c->out, "请写明处理结果：「处理投诉 #%lld 退款」「… 扣分」或「… 驳回」。", (long long)r.id);
        return BOT_OK;
    }
    int64_t hold;
    struct store_member vol;
    if ((rc = hold_account(c->ctx, &hold)) != BOT_OK || (rc = store_member_get(c->ctx->st, r.volunteer_id, &vol)) != BOT_OK)
        return rc;
    enum store_req_status prev;
    if ((rc = store_req_status_from_name(comp.prev_status, &prev)) != BOT_OK) {
        bot_log(BOT_LOG_ERROR, "complaint on #%lld: unknown earlier status '%.32s'", (long long)r.id, comp.prev_status);
        return BOT_DB;
    }
    char memo[64], result[200] = "";
    snprintf(memo, sizeof memo, "#%lld 投诉处理", (long long)r.id);
    const char *status;
    if (c->nr->resolution == 3) { /* dismiss: as if no complaint */
        status = "dismissed";
        if (comp.held_minutes && (rc = hd_move(c->ctx, hold, vol.account_id, comp.held_minutes, STORE_KIND_DISPUTE, r.id, memo, 0, 0)) != BOT_OK)
            return rc;
        r.status = prev;
        if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK)
            return rc;
        snprintf(result, sizeof result, "投诉驳回，#%lld 恢复为「%s」。", (long long)r.id, hd_status_text(prev));
    } else {
        /* refund (and for penalty also a penalty on the volunteer) */
        status = c->nr->resolution == 1 ? "refund" : "penalty";
        if (comp.held_minutes) {
            int64_t payer = r.payer_account;
            if ((rc = hd_move(c->ctx, hold, payer, comp.held_minutes, STORE_KIND_REFUND, r.id, memo, 0, 0)) != BOT_OK)
                return rc;
        }
        if (prev == STORE_REQ_CONFIRMED) {
            r.status = STORE_REQ_CONFIRMED; /* the credit stays in the journal, reversed by the refund */
        } else {
            r.status = STORE_REQ_CANCELLED; /* nothing was credited: nothing will be */
        }
        if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK)
            return rc;
        int64_t taken = 0;
        if (c->nr->resolution == 2 && rules->cancel_penalty > 0 &&
            (rc = hd_penalty(c->ctx, vol.account_id, (int64_t)rules->cancel_penalty * 60, r.id, memo, &taken)) != BOT_OK)
            return rc;
        char h[24];
        hd_hours_text(comp.held_minutes, h);
        snprintf(result, sizeof result, "投诉成立，#%lld 退还 %s。%s", (long long)r.id, h,
                 taken ? "志愿者另扣积分。" : "");
    }
    if ((rc = store_complaint_resolve(c->ctx->st, comp.id, status, c->me->id, c->ctx->now)) != BOT_OK)
        return rc;
    if ((rc = store_member_notice(c->ctx->st, comp.complainant_id, result, c->ctx->now)) != BOT_OK)
        return rc;
    hd_say(c->out, "%s", result);
    *outcome = HD_CHANGED;
    return BOT_OK;
}
