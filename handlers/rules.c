/* rules.c — history, gifts and ratings. */
#include "handlers.h"

#include <stdio.h>
#include <string.h>

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

/* 这个月我帮了几次 / 上个月我帮了几次: how many services she was credited for in this local month (to now) or the last
 * whole one, and their hours, one line (the journal's last lines span every month). */
static enum bot_rc month_summary(struct hd_call *c, int last)
{
    int off = c->ctx->set->utc_offset, y, m, d;
    bot_civil_from_days(bot_local_day(c->ctx->now, off), &y, &m, &d);
    int64_t until = INT64_MAX;
    const char *which = "本月";
    if (last) { /* the calendar month before: from its first day to this month's */
        until = bot_month_start(y, m, off);
        if (--m == 0) {
            m = 12;
            y--;
        }
        which = "上个月";
    }
    if (!c->me) {
        hd_say(c->out, "%s（%d月）您还没有服务记录。帮邻居一小时，就能得到一小时积分。", which, m);
        return BOT_OK;
    }
    int times = 0;
    int64_t minutes = 0;
    enum bot_rc rc = store_services_since(c->ctx->st, c->me->account_id, bot_month_start(y, m, off), until, &times,
                                          &minutes);
    if (rc != BOT_OK)
        return rc;
    if (times == 0) {
        hd_say(c->out, "%s（%d月）您还没有完成的服务。发「积分明细」看最近的积分记录。", which, m);
        return BOT_OK;
    }
    char hours[24];
    hd_hours_text(minutes, hours);
    hd_say(c->out, last ? "%s（%d月）您帮邻居服务了 %d 次，共 %s。发「积分明细」看每一笔。"
                        : "%s（%d月）到现在，您帮邻居服务了 %d 次，共 %s。发「积分明细」看每一笔。",
           which, m, times, hours);
    return BOT_OK;
}

enum bot_rc hd_history(struct hd_call *c)
{
    if ((c->nr->asks == NLP_ASKS_MONTH || c->nr->asks == NLP_ASKS_LAST_MONTH) && c->nr->nnames == 0)
        return month_summary(c, c->nr->asks == NLP_ASKS_LAST_MONTH);
    struct store_member other;
    const struct store_member *whose = c->me;
    enum bot_rc rc;
    if (c->nr->of_kin && c->nr->nnames == 0) /* 我妈的积分明细: hers, not the sender's (named: by the name's rule) */
        return hd_kin_figures(c, "积分明细");
    if (c->nr->nnames > 0) { /* 张秀英的积分明细: hers by the balance's rule, never the sender's under her name */
        int found = 0;
        if ((rc = hd_named_member(c, "积分明细", &other, &found)) != BOT_OK || !found)
            return rc;
        whose = c->me && other.id == c->me->id ? c->me : &other;
    }
    if (!whose) {
        hd_say(c->out, "您还没有积分记录。帮邻居一小时，就能得到一小时积分。");
        return BOT_OK;
    }
    int own = whose == c->me;
    struct store_history h[10];
    int n = 0;
    if ((rc = store_history(c->ctx->st, whose->account_id, h, 10, &n)) != BOT_OK)
        return rc;
    char who[96] = ""; /* her name and building head another member's, as her balance does */
    if (!own)
        snprintf(who, sizeof who, "%s（%s）", hd_display_name(whose), whose->building[0] ? whose->building : "楼栋未登记");
    if (n == 0) {
        hd_say(c->out, own ? "您还没有积分记录。" : "%s还没有积分记录。", who);
        return BOT_OK;
    }
    size_t len = 0;
    char *buf = c->out->text;
    bot_appendf(buf, sizeof c->out->text, &len, "%s最近 %d 笔积分明细：", who, n);
    for (int i = 0; i < n; i++) {
        char when[HD_WHEN_MAX], hours[24];
        hd_format_when(h[i].at, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_hours_text(h[i].minutes < 0 ? -h[i].minutes : h[i].minutes, hours);
        const char *cp = hd_account_text(h[i].counterpart, h[i].minutes);
        /* what a complaint held, coming back when it is dismissed or halved, is no freezing (helper-70) */
        const char *kind = strcmp(h[i].kind, STORE_KIND_DISPUTE) == 0 && h[i].minutes > 0 ? "投诉解冻" : hd_kind_text(h[i].kind);
        bot_appendf(buf, sizeof c->out->text, &len, "\n%s %s %s%s（%s）", when, kind, h[i].minutes < 0 ? "-" : "+", hours,
                    cp);
        if (shows_reason(h[i].kind) && h[i].memo[0]) /* a bonus, a correction, a reversal: why */
            bot_appendf(buf, sizeof c->out->text, &len, "：%s", h[i].memo);
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

/* A gift refused for a reason that is hers (her balance, the other's paused account): said in a private chat; in a
 * group the group reads only 这次没有转赠, and the reason is pushed to her or kept as her notice, which 「消息」 shows
 * (play-test 9: 查积分 showed her balance, never why) */
static enum bot_rc gift_refused_privately(struct hd_call *c, const char *text, enum hd_outcome *outcome)
{
    int pushed = 0;
    if (!c->msg->is_group) {
        hd_say(c->out, "%s", text);
        return BOT_OK;
    }
    enum bot_rc rc = hd_tell(c->ctx, c->me->id, "own_note", text, &pushed);
    if (rc != BOT_OK)
        return rc;
    hd_say(c->out, pushed ? "这次没有转赠，原因已私信您。" : "这次没有转赠，原因请私聊我发「消息」查看。");
    *outcome = HD_COUNTED; /* her note stays; nothing else was changed */
    return BOT_OK;
}

/* A kin word, not a name (闺女, 我儿子, 我的老伴): whom the speaker means is not on file. */
static int kin_word(const char *target)
{
    static const char *const own[] = {"我的", "我", "俺的", "俺", "咱"};
    static const char *const kin[] = {"女儿", "儿子", "闺女", "老伴", "老公", "老婆", "爱人", "丈夫", "妻子", "媳妇",
                                      "儿媳", "儿媳妇", "女婿", "孙子", "孙女", "外孙", "外孙女", "孩子", "妈", "妈妈",
                                      "爸", "爸爸", "母亲", "父亲", "家人", "家里人", "哥哥", "姐姐", "弟弟", "妹妹",
                                      "侄子", "侄女", "外甥", "外甥女", "囡囡", "小孩"};
    const char *t = target;
    for (size_t i = 0; i < BOT_ARRAY_LEN(own); i++)
        if (strncmp(t, own[i], strlen(own[i])) == 0) {
            t += strlen(own[i]);
            break;
        }
    for (size_t i = 0; *t && i < BOT_ARRAY_LEN(kin); i++)
        if (strcmp(t, kin[i]) == 0)
            return 1;
    return 0;
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
    if (nlp_target_count(c->nr) > 1) { /* 转赠 1小时 给 @小芳 @张秀英: not the first alone, nor each */
        hd_say(c->out, "一次只能转赠给一位邻居。要给几位，请分几次发，每次写一位，例如「转赠 1小时 给 @小芳」。这次没有转赠。");
        return BOT_OK;
    }
    if (!c->nr->nmentions && kin_word(c->nr->target)) { /* 转2小时给闺女: whose daughter is not on file; asked by name */
        char h[24];
        hd_hours_text(c->nr->minutes, h);
        hd_say(c->out, "「%s」是家里人的称呼，我不知道是哪一位。请写上家人登记的名字，例如「转赠 %s 给 @名字」"
                       "（对方要先注册）。这次没有转赠。", c->nr->target, h);
        return BOT_OK;
    }
    /* a link made by a guessed code must not move the credit out before the owner can undo it */
    if (hd_link_held(c, "转赠积分"))
        return BOT_OK;
    /* the balance before the person: a gift that cannot be made says so whoever is named (no answer tells whether a
     * name and building found someone) */
    enum bot_rc rc = store_account_get(c->ctx->st, c->me->account_id, &mine);
    if (rc != BOT_OK)
        return rc;
    if (mine.balance < c->nr->minutes) { /* her figures are hers: in a group told privately (play-test 88) */
        char h[24], text[HD_REPLY_MAX];
        hd_hours_text(mine.balance < 0 ? -mine.balance : mine.balance, h);
        if (mine.balance < 0)
            snprintf(text, sizeof text, "您的时间余额是 欠%s（透支中），现在不能转赠。帮邻居服务就能攒下时间。", h);
        else
            snprintf(text, sizeof text, "您的时间余额只有 %s，转赠不能让余额低于零。帮邻居服务就能攒下时间。", h);
        return gift_refused_privately(c, text, outcome);
    }
    /* hours already past their expiry (the next tick takes them) are no longer hers to give (play-test 16) */
    int64_t gone = 0, gone_at = 0;
    if ((rc = store_lots_expiring(c->ctx->st, mine.id, c->ctx->now, &gone, &gone_at)) != BOT_OK)
        return rc;
    if (gone > 0 && mine.balance - gone < c->nr->minutes) {
        char h[24], left[24], when[HD_WHEN_MAX], text[HD_REPLY_MAX];
        hd_hours_text(gone, h);
        hd_hours_text(mine.balance - gone > 0 ? mine.balance - gone : 0, left);
        hd_format_when(gone_at, c->ctx->now, c->ctx->set->utc_offset, when);
        snprintf(text, sizeof text, "您有 %s 已经在%s到期了，不能再转赠；现在能转赠的是 %s。这次没有转赠。", h, when, left);
        return gift_refused_privately(c, text, outcome);
    }
    if ((rc = hd_find_target(c, 0, &to, &found)) != BOT_OK || !found)
        return rc;
    if (to.id == c->me->id) {
        hd_say(c->out, "不能转赠给自己哦。转给家人请发「转赠 2小时 给 @家人」。");
        return BOT_OK;
    }
    if (!to.registered) {
        hd_say(c->out, "%s 还没有注册，注册后才能接受转赠：请对方先发「注册 姓名 楼号」。", hd_display_name(&to));
        return BOT_OK;
    }
    if (to.suspended) { /* staff paused the account (停用): nothing moves into it while they look into it; why is hers,
                         * and in a group not even that it is paused (play-test 8): the group reads only 这次没有转赠 */
        char text[HD_REPLY_MAX];
        snprintf(text, sizeof text, "%s 的账户暂时不能接受转赠，这次没有转赠，您的积分没有变。有疑问请联系工作人员。",
                 hd_display_name(&to));
        return gift_refused_privately(c, text, outcome);
    }
    char memo[96];
    snprintf(memo, sizeof memo, "%s 转赠给 %s", hd_display_name(c->me), hd_display_name(&to));
    int64_t txn = 0;
    if ((rc = hd_move_txn(c->ctx, mine.id, to.account_id, c->nr->minutes, STORE_KIND_GIFT, 0, memo, 1, &txn)) != BOT_OK)
        return rc;
    /* a gift keeps the giver's expiry: hours that go within the warning window are said to both (play-test 16) */
    int64_t soon = 0, soon_at = 0;
    int64_t until = hd_expiry_warn_until(&c->ctx->set->rules, c->ctx->now);
    if (until > 0 && (rc = store_txn_lots_expiring(c->ctx->st, to.account_id, txn, 0, until, &soon, &soon_at)) != BOT_OK)
        return rc;
    char h[24], note[256], expiring[128] = "";
    hd_hours_text(c->nr->minutes, h);
    if (soon > 0) {
        char sh[24], when[HD_WHEN_MAX];
        hd_hours_text(soon, sh);
        hd_format_when(soon_at, c->ctx->now, c->ctx->set->utc_offset, when);
        snprintf(expiring, sizeof expiring, "其中 %s 在%s到期，请在那之前用掉。", sh, when);
    }
    snprintf(note, sizeof note, "%s 转赠给您 %s。%s", hd_display_name(c->me), h, expiring);
    if ((rc = hd_notice(c->ctx, to.id, "gift", note)) != BOT_OK)
        return rc;
    hd_say(c->out, "已转赠 %s 给 %s，谢谢您的心意！%s", h, hd_display_name(&to), expiring);
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
