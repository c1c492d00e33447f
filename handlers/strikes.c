/* strikes.c — no-shows and late cancels: the strikes they leave, the ban on accepting, 没关系 #N and staff's 待审核. */
#include "handlers.h"

#include <string.h>

#define DAY 86400

enum bot_rc hd_late_cancel_strike(const struct hd_ctx *ctx, const struct store_member *who, int64_t request_id)
{
    const struct hd_rules *rules = &ctx->set->rules;
    int n = 0;
    enum bot_rc rc = store_strike_add(ctx->st, who->id, request_id, STORE_STRIKE_LATE_CANCEL, ctx->now);
    if (rc != BOT_OK || rules->late_cancel_review_count <= 0)
        return rc;
    if ((rc = store_strike_count(ctx->st, who->id, STORE_STRIKE_LATE_CANCEL,
                                 ctx->now - (int64_t)rules->late_cancel_window_days * DAY, &n)) != BOT_OK)
        return rc;
    if (n != rules->late_cancel_review_count)
        return BOT_OK; /* below it, or already on the list: staff were told when it was reached */
    char text[400];
    snprintf(text, sizeof text,
             "审核提醒：%s%s%s%s %d 天内第 %d 次在开始前 %d 小时内取消已接的单（最近一次 #%lld），已列入待审核名单。"
             "发送「待审核」查看；确属恶意的可发「恶意取消 #N」冻结其发布求助。",
             hd_display_name(who), who->building[0] ? "（" : "", who->building, who->building[0] ? "）" : "",
             rules->late_cancel_window_days, n, rules->cancel_notice_hours, (long long)request_id);
    bot_log(BOT_LOG_INFO, "member %lld: %d late cancels, on staff's review list", (long long)who->id, n);
    return hd_tell_staff(ctx, who->building, "late_cancel_review", text);
}

enum bot_rc hd_no_show_strike(const struct hd_ctx *ctx, const struct store_member *who, int64_t request_id,
                              int64_t *banned_until)
{
    const struct hd_rules *rules = &ctx->set->rules;
    int n = 0;
    *banned_until = 0;
    enum bot_rc rc = store_strike_add(ctx->st, who->id, request_id, STORE_STRIKE_NO_SHOW, ctx->now);
    if (rc != BOT_OK || rules->no_show_ban_count <= 0 || rules->no_show_ban_days <= 0)
        return rc;
    if ((rc = store_strike_count(ctx->st, who->id, STORE_STRIKE_NO_SHOW,
                                 ctx->now - (int64_t)rules->no_show_window_days * DAY, &n)) != BOT_OK)
        return rc;
    if (n < rules->no_show_ban_count)
        return BOT_OK;
    int64_t until = ctx->now + (int64_t)rules->no_show_ban_days * DAY;
    if (who->accept_banned_until >= until) { /* a longer ban (staff's) stands */
        *banned_until = who->accept_banned_until;
        return BOT_OK;
    }
    if ((rc = store_member_set_int(ctx->st, who->id, STORE_MF_ACCEPT_BANNED_UNTIL, until)) == BOT_OK)
        *banned_until = until;
    return rc;
}

enum bot_rc hd_accept_banned(struct hd_call *c, int *banned, enum hd_outcome *outcome)
{
    *banned = c->me->accept_banned_until > c->ctx->now;
    if (!*banned)
        return BOT_OK;
    char until[HD_WHEN_MAX], who[64], text[HD_REPLY_MAX], again[32];
    int64_t complaint = 0; /* a complaint's ban waits for retraining */
    hd_format_when(c->me->accept_banned_until, c->ctx->now, c->ctx->set->utc_offset, until);
    if (hd_manager_name(c->ctx, c->me->building, c->me->id, who) != BOT_OK)
        snprintf(who, sizeof who, "楼长");
    /* why: a complaint's ban (retraining), repeated no-shows, or else staff's 禁止接单 */
    const struct hd_rules *rules = &c->ctx->set->rules;
    int n = 0, pushed = 0;
    if (store_member_retraining(c->ctx->st, c->me->id, &complaint) != BOT_OK)
        complaint = 0;
    if (store_strike_count(c->ctx->st, c->me->id, STORE_STRIKE_NO_SHOW,
                           c->ctx->now - (int64_t)rules->no_show_window_days * DAY, &n) != BOT_OK)
        n = rules->no_show_ban_count;
    snprintf(text, sizeof text, "抱歉，您的接单暂停到 %s（%s）。期间仍可以发布求助；有疑问请联系%s或工作人员。谢谢您的理解！",
             until,
             complaint                                                          ? "投诉处理，需参加培训"
             : rules->no_show_ban_count > 0 && n >= rules->no_show_ban_count ? "近期多次爽约"
                                                                              : "工作人员暂停",
             who);
    if (c->nr->request_id)
        snprintf(again, sizeof again, "接单 #%lld", (long long)c->nr->request_id);
    else
        again[0] = '\0';
    enum bot_rc rc = hd_say_own(c, "您暂时不能接这一单", again, text, &pushed);
    if (rc == BOT_OK && pushed)
        *outcome = HD_COUNTED; /* the push stays; nothing else was changed */
    return rc;
}

enum bot_rc hd_excuse(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_request r;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    long long id = (long long)r.id;
    if (r.requester_id != c->me->id) {
        hd_say(c->out, "只有 #%lld 的发布人才能说「没关系 #%lld」（志愿者晚到不算爽约）。", id, id);
        return BOT_OK;
    }
    if (r.status != STORE_REQ_ACCEPTED) {
        hd_say(c->out, "#%lld 现在是「%s」，不需要这样说。", id, hd_status_text(r.status));
        return BOT_OK;
    }
    if (r.excused_at && r.excused_at >= r.accepted_at) {
        hd_say(c->out, "已经记下了：#%lld 志愿者晚到不算爽约。", id);
        return BOT_OK;
    }
    if ((rc = store_request_excuse(c->ctx->st, r.id, c->ctx->now)) != BOT_OK)
        return rc;
    char note[256];
    snprintf(note, sizeof note, "%s 说没关系：#%lld（%s）晚点到也可以，不算爽约。到了请发「开始服务 #%lld」；去不了请发「取消 #%lld」。",
             hd_display_name(c->me), id, r.service, id, id);
    /* true while he keeps the order: once it is cancelled or given back it is passed over (play-test 18) */
    if ((rc = hd_tell_volunteer(c->ctx, r.volunteer_id, "no_show_excused", note, NULL, r.id)) != BOT_OK)
        return rc;
    hd_say(c->out, "好的，已记下：#%lld 志愿者晚到不算爽约，已告诉志愿者。不需要了的话可以发「取消 #%lld」。", id, id);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_review_list(struct hd_call *c)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_review rows[20];
    int n = 0;
    if (rules->late_cancel_review_count <= 0) {
        hd_say(c->out, "临时取消的审核已关闭（late_cancel_review_count = 0）。");
        return BOT_OK;
    }
    enum bot_rc rc = store_strikes_review(c->ctx->st, STORE_STRIKE_LATE_CANCEL,
                                          c->ctx->now - (int64_t)rules->late_cancel_window_days * DAY,
                                          rules->late_cancel_review_count, rows, 20, &n);
    if (rc != BOT_OK)
        return rc;
    if (n == 0) {
        hd_say(c->out, "待审核名单是空的：%d 天内没有人临时取消满 %d 次。", rules->late_cancel_window_days,
               rules->late_cancel_review_count);
        return BOT_OK;
    }
    char text[HD_REPLY_MAX];
    size_t len = 0;
    len += (size_t)snprintf(text, sizeof text, "待审核（%d 天内在开始前 %d 小时内取消已接的单满 %d 次）：\n",
                            rules->late_cancel_window_days, rules->cancel_notice_hours, rules->late_cancel_review_count);
    int shown = 0;
    for (int i = 0; i < n && len < sizeof text; i++) {
        struct store_member m;
        if ((rc = store_member_get(c->ctx->st, rows[i].member_id, &m)) != BOT_OK)
            return rc;
        if (!hd_staff_covers(c, m.building)) /* a branch admin reviews her branch's members (issue 18) */
            continue;
        len += (size_t)snprintf(text + len, sizeof text - len, "%d. %s%s%s%s：%d 次（%s）\n", ++shown, hd_display_name(&m),
                                m.building[0] ? "（" : "", m.building, m.building[0] ? "）" : "", rows[i].count,
                                rows[i].requests);
    }
    if (shown == 0) {
        hd_say(c->out, "待审核名单是空的：本分会 %d 天内没有人临时取消满 %d 次。", rules->late_cancel_window_days,
               rules->late_cancel_review_count);
        return BOT_OK;
    }
    if (len < sizeof text)
        snprintf(text + len, sizeof text - len, "确属恶意的可发「恶意取消 #N」冻结其发布求助 %d 天。",
                 rules->malicious_freeze_days);
    hd_say(c->out, "%s", text);
    return BOT_OK;
}
