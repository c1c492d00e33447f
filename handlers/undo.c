/* undo.c — 撤销 / 刚才点错了: a member's last accept or cancel, remembered with the order, taken back within minutes. */
#include "handlers.h"

#include <string.h>

#define UNDO_WINDOW (10 * 60)  /* seconds an accept or cancel can be taken back */
#define UNDO_STALE 3600 /* an action older than this is not the one a 撤销 means */
/* seconds an action is remembered: a later one on the same order forbids an undo, and the order's record (#12 记录)
 * lists who accepted, gave back and cancelled it, when (play-test 10: a late cancel was missing from it) */
#define ACTION_KEEP (400 * 86400)

enum bot_rc hd_record_action(const struct hd_ctx *ctx, enum store_action_kind kind, int64_t member,
                             const struct store_request *before, enum store_req_status left, int64_t left_volunteer,
                             int64_t moved)
{
    struct store_order_action a;
    memset(&a, 0, sizeof a);
    a.member_id = member;
    a.request_id = before->id;
    a.kind = kind;
    a.prev_status = before->status;
    a.prev_volunteer = before->volunteer_id;
    a.prev_accepted_at = before->accepted_at;
    a.left_status = left;
    a.left_volunteer = left_volunteer;
    a.moved = moved;
    a.at = ctx->now;
    return store_order_action_record(ctx->st, &a, ctx->now - ACTION_KEEP);
}

enum bot_rc hd_remember_action(struct hd_call *c, const struct store_request *before, const struct store_request *after,
                               int cancel, int64_t moved)
{
    return hd_record_action(c->ctx, cancel ? STORE_ACT_CANCEL : STORE_ACT_ACCEPT, c->me->id, before, after->status,
                            after->volunteer_id, moved);
}

/* What to do instead when a can no longer be undone. */
static const char *way_forward(const struct hd_call *c, const struct store_order_action *a, char buf[160])
{
    long long id = (long long)a->request_id;
    if (a->kind == STORE_ACT_ACCEPT)
        snprintf(buf, 160, "去不了的话请发「取消 #%lld」。", id);
    else if (a->prev_volunteer == c->me->id && a->prev_status == STORE_REQ_ACCEPTED)
        snprintf(buf, 160, "还想帮忙的话请发「接单 #%lld」。", id);
    else
        snprintf(buf, 160, "还需要帮忙的话请重新发布求助。");
    return buf;
}

enum bot_rc hd_undo(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_order_action a;
    struct store_request r;
    char next[160];
    int actions = 0, journal = 0;
    *outcome = HD_REFUSED;
    enum bot_rc rc = store_order_action_last(c->ctx->st, c->me->id, &a);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "没有可以撤销的操作：「撤销」只能撤回您 10 分钟内的接单或取消。");
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    const char *what = a.kind == STORE_ACT_CANCEL ? "取消" : "接单";
    long long id = (long long)a.request_id;
    if (c->ctx->now - a.at > UNDO_STALE) { /* not 「您刚才的」 a day later (play-test 18): she means something newer */
        hd_say(c->out, "没有可以撤销的操作：「撤销」只能撤回您 10 分钟内的接单或取消。发「我的单子」看看您的单。");
        return BOT_OK;
    }
    if (a.undone_at) {
        hd_say(c->out, "您刚才的%s #%lld 已经撤销过了。发「我的单子」看看您的单。", what, id);
        return BOT_OK;
    }
    if (c->ctx->now - a.at > UNDO_WINDOW) {
        hd_say(c->out, "您%s #%lld 已经超过 10 分钟，不能撤销了。%s", what, id, way_forward(c, &a, next));
        return BOT_OK;
    }
    if (a.moved) { /* an undo never moves credit back */
        char h[24];
        hd_hours_text(a.moved, h);
        hd_say(c->out, "取消 #%lld 时已扣除 %s，这次不能撤销。需要帮助请联系楼长或工作人员。", id, h);
        return BOT_OK;
    }
    if ((rc = store_request_get(c->ctx->st, a.request_id, &r)) != BOT_OK ||
        (rc = store_order_action_later(c->ctx->st, &a, &actions, &journal)) != BOT_OK)
        return rc;
    if (r.status != a.left_status || r.volunteer_id != a.left_volunteer || actions || journal) {
        hd_say(c->out, "#%lld 在您%s之后已经有了变化（现在：%s），不能撤销了。%s", id, what, hd_status_text(r.status),
               way_forward(c, &a, next));
        return BOT_OK;
    }
    int back_to_me = a.prev_status == STORE_REQ_ACCEPTED && a.prev_volunteer == c->me->id;
    if (back_to_me && r.public_benefit && r.public_by == c->me->id) { /* marked 公益 by her since: as 接单 refuses it */
        hd_say(c->out, "#%lld 在您取消接单后由您设为了公益，基金不能凭您自己的标记付给您，所以不能撤销。"
                       "请等别的志愿者来接；要由您来做的话，请另一位楼长或工作人员重新「设为公益 #%lld」后再接。", id, id);
        return BOT_OK;
    }
    if (back_to_me && hd_link_held(c, "接单")) /* the order is theirs again: a late step back costs a penalty */
        return BOT_OK;
    if (a.left_status == STORE_REQ_CANCELLED && r.requester_id == c->me->id) {
        int open = 0;
        if ((rc = store_request_count_open_by(c->ctx->st, c->me->id, &open)) != BOT_OK)
            return rc;
        if (open >= c->ctx->set->open_requests_per_member) {
            hd_say(c->out, "您已有 %d 个进行中的求助，#%lld 不能恢复。请先完成或取消一个。", open, id);
            return BOT_OK;
        }
    }
    r.status = a.prev_status;
    r.volunteer_id = a.prev_volunteer;
    r.accepted_at = a.prev_accepted_at;
    /* the requester takes her cancel back: her volunteer was told 不用去了, so the order is not his again unasked (he
     * could be charged 爽约 for an order he was told was off); it waits for him or another to take it */
    int64_t told_off = a.kind == STORE_ACT_CANCEL && !back_to_me && a.prev_volunteer ? a.prev_volunteer : 0;
    if (told_off) {
        r.status = STORE_REQ_OPEN;
        r.volunteer_id = 0;
        r.accepted_at = 0;
    }
    if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK ||
        (rc = store_order_action_undone(c->ctx->st, a.id, c->ctx->now)) != BOT_OK)
        return rc;
    /* a cancel taken back was no late cancel */
    if (a.kind == STORE_ACT_CANCEL && ((rc = store_strike_remove(c->ctx->st, c->me->id, a.request_id, STORE_STRIKE_LATE_CANCEL, a.at)) != BOT_OK ||
                     (rc = store_strike_remove(c->ctx->st, c->me->id, a.request_id, STORE_STRIKE_WITHDRAW, a.at)) != BOT_OK))
        return rc;
    /* an accept taken back after its whole address was shown her: counted (play7: 接单 then 撤销 read any door, free) */
    if (a.kind == STORE_ACT_ACCEPT && (rc = hd_address_withdrawn(c->ctx, c->me, &r, a.at)) != BOT_OK)
        return rc;
    if (a.kind == STORE_ACT_CANCEL && r.requester_id != c->me->id) {
        /* her 楼长 (or staff) takes back the cancel he made for her: she was told 为您取消了, so she hears it is back
         * (play-test 18, D7: she never knew) */
        char when[HD_WHEN_MAX] = "", note[320];
        if (r.start_at)
            hd_format_when(r.start_at, c->ctx->now, c->ctx->set->utc_offset, when);
        snprintf(note, sizeof note, "%s 撤回了刚才为您做的取消：求助 #%lld（%s%s%s）恢复了，现在%s。不需要了请发「取消 #%lld」。",
                 hd_display_name(c->me), id, r.service, when[0] ? "，" : "", when,
                 r.status == STORE_REQ_ACCEPTED ? "仍由原来的志愿者负责" : "重新等人接单", id);
        if ((rc = hd_tell_about(c->ctx, r.requester_id, "uncancelled", note, NULL, r.id)) != BOT_OK)
            return rc;
    }
    if (a.kind == STORE_ACT_ACCEPT) {
        hd_say(c->out, "已撤销接单 #%lld，#%lld 重新开放，等待其他志愿者。", id, id);
        char note[256]; /* she was told who comes (helper-56: she never heard he had stepped back) */
        snprintf(note, sizeof note, "%s 撤回了 #%lld（%s）的接单，求助已重新开放，等待其他志愿者。", hd_display_name(c->me), id,
                 r.service);
        if ((rc = hd_tell_about(c->ctx, r.requester_id, "cancelled", note, NULL, r.id)) != BOT_OK ||
            (rc = hd_reannounce(c->ctx, &r)) != BOT_OK)
            return rc;
    } else if (back_to_me) {
        hd_say(c->out, "已撤销取消，#%lld 仍由您负责。到达后请发「开始服务 #%lld」。", id, id);
    } else if (told_off) {
        struct store_member vol;
        if ((rc = store_member_get(c->ctx->st, told_off, &vol)) != BOT_OK)
            return rc;
        char note[256];
        snprintf(note, sizeof note, "%s 撤回了取消：求助 #%lld（%s）又需要人帮忙了。您还愿意去的话，请回复「接单 #%lld」；"
                 "去不了也没关系，不用回复。", hd_display_name(c->me), id, r.service, id);
        if ((rc = hd_tell_about(c->ctx, told_off, "uncancelled", note, NULL, r.id)) != BOT_OK || (rc = hd_reannounce(c->ctx, &r)) != BOT_OK)
            return rc;
        if (r.requester_id != c->me->id) { /* her 楼长's slip: the order is hers, she was told it is back (play-test 18, D7) */
            struct store_member req;
            if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK)
                return rc;
            hd_say(c->out, "已撤销取消，%s 的求助 #%lld 恢复了，重新等人接单；已告诉 %s 求助恢复了。%s 之前已被告知不用去，"
                           "所以没有直接把单交回去；已告诉 %s 又需要人帮忙，有人接单会通知 %s。",
                   hd_display_name(&req), id, hd_display_name(&req), hd_display_name(&vol), hd_display_name(&vol),
                   hd_display_name(&req));
        } else
            hd_say(c->out, "已撤销取消，求助 #%lld 重新等人接单。%s 之前已被告知不用去，所以没有直接把单交回去；已告诉 %s 您又需要帮忙，"
                           "有人接单（%s 或其他邻居）会通知您。",
                   id, hd_display_name(&vol), hd_display_name(&vol), hd_display_name(&vol));
    } else if (r.requester_id != c->me->id) {
        struct store_member req;
        if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK)
            return rc;
        hd_say(c->out, "已撤销取消，%s 的求助 #%lld 恢复为「%s」；已告诉 %s 求助恢复了。", hd_display_name(&req), id,
               hd_status_text(r.status), hd_display_name(&req));
    } else {
        hd_say(c->out, "已撤销取消，求助 #%lld 恢复为「%s」。", id, hd_status_text(r.status));
    }
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_cancel_denied(struct hd_call *c, int *said)
{
    struct store_order_action a;
    struct store_request r;
    *said = 0;
    if (!c->me)
        return BOT_OK;
    enum bot_rc rc = store_order_action_last(c->ctx->st, c->me->id, &a);
    if (rc == BOT_NOTFOUND)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    if (a.kind != STORE_ACT_CANCEL || c->ctx->now - a.at > UNDO_STALE)
        return BOT_OK; /* no cancel of hers just now: 我不取消 as before */
    if ((rc = store_request_get(c->ctx->st, a.request_id, &r)) != BOT_OK)
        return rc == BOT_NOTFOUND ? BOT_OK : rc;
    long long id = (long long)a.request_id;
    char next[160];
    *said = 1;
    if (a.undone_at) {
        hd_say(c->out, "您对 #%lld 的取消已经撤销了，#%lld 现在：%s。", id, id, hd_status_text(r.status));
    } else if (c->ctx->now - a.at <= UNDO_WINDOW && !a.moved && r.status == a.left_status &&
               r.volunteer_id == a.left_volunteer) {
        hd_say(c->out, "您刚才把 #%lld（%s）取消了。如果是点错了或误会，请在取消后 10 分钟内发「撤销」，就能恢复。", id,
               r.service);
    } else {
        hd_say(c->out, "#%lld（%s）是您取消的，现在：%s；已经不能撤销了。%s", id, r.service, hd_status_text(r.status),
               way_forward(c, &a, next));
    }
    return BOT_OK;
}
