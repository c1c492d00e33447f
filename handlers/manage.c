/* manage.c — what building managers (楼长) and staff do: roles, adjustments,
 * suspensions, subsidies, unmatched lists, recommendations, 代录, activities. */
#include "handlers.h"

#include <stdlib.h>
#include <string.h>

#define PROXY_APPROVERS 8 /* 楼长 of one building told of a held 代录 */

static int refuse_unless(struct hd_call *c, int allowed, const char *who)
{
    if (!allowed)
        hd_say(c->out, "抱歉，这个操作只有%s可以做，需要的话请找%s帮忙。", who, who);
    return !allowed;
}

enum bot_rc hd_grant(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member t;
    int found;
    *outcome = HD_REFUSED;
    if (!c->nr->role) {
        hd_say(c->out, "请写明角色：楼长、管理员或志愿者。");
        return BOT_OK;
    }
    enum bot_rc rc = hd_find_target(c, 0, &t, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!hd_staff_covers_member(c, &t)) /* issue 18: a branch admin acts on her branch's members */
        return BOT_OK;
    int role = c->nr->role == 2 ? STORE_ROLE_MANAGER : c->nr->role == 4 ? STORE_ROLE_ADMIN : STORE_ROLE_VOLUNTEER;
    if (role == STORE_ROLE_MANAGER && !c->nr->negative && !c->nr->building[0]) {
        hd_say(c->out, "请写明管哪栋楼，例如「设为楼长 @王师傅 3号楼」。");
        return BOT_OK;
    }
    if (role == STORE_ROLE_MANAGER && !c->nr->negative && !hd_staff_covers(c, c->nr->building)) {
        hd_say(c->out, "%s 不在您的分会，请联系它所在分会的工作人员。", c->nr->building);
        return BOT_OK;
    }
    int roles = c->nr->negative ? (t.roles & ~role) : (t.roles | role);
    const char *building = role == STORE_ROLE_MANAGER ? (c->nr->negative ? "" : c->nr->building) : t.manager_building;
    if ((rc = store_member_set_manager(c->ctx->st, t.id, roles, building)) != BOT_OK)
        return rc;
    int64_t scope = 0; /* issue 18: staff a branch admin names manage her branch, never the whole alliance */
    if (role == STORE_ROLE_ADMIN && !c->nr->negative && hd_branch_scope(c, &scope) &&
        (rc = store_member_set_branch_scope(c->ctx->st, t.id, scope)) != BOT_OK)
        return rc;
    const char *name = role == STORE_ROLE_MANAGER ? "楼长" : role == STORE_ROLE_ADMIN ? "管理员" : "志愿者";
    hd_say(c->out, "已%s %s 的%s身份%s%s。", c->nr->negative ? "撤销" : "授予", hd_display_name(&t), name,
           role == STORE_ROLE_MANAGER && !c->nr->negative ? "，负责" : "",
           role == STORE_ROLE_MANAGER && !c->nr->negative ? building : "");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_adjust(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member t;
    struct store_account adj;
    int found;
    *outcome = HD_REFUSED;
    if (c->nr->unreadable) {
        hd_say(c->out, "没看懂调整多少时长，请只写一个数：调整积分 @某人 +2小时 原因：……。这次没有调整。");
        return BOT_OK;
    }
    if (c->nr->minutes <= 0 || !c->nr->reason[0]) {
        hd_say(c->out, "请这样写：调整积分 @某人 +2小时 原因：……（原因必填）");
        return BOT_OK;
    }
    enum bot_rc rc = hd_find_target(c, 0, &t, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!hd_staff_covers_member(c, &t)) /* issue 18: a branch admin acts on her branch's members */
        return BOT_OK;
    if (t.id == c->me->id && !c->nr->negative) { /* nobody credits himself (play-test 11: staff's +10小时 to herself) */
        hd_say(c->out, "不能给自己补发积分，请另一位工作人员来调整。这次没有调整。");
        return BOT_OK;
    }
    int most = c->ctx->set->rules.max_request_hours * 60;
    if (!c->nr->negative && most > 0 && c->nr->minutes > most) {
        /* a correction makes good an order or two: more at once is asked to be written per order (+1000小时) */
        hd_say(c->out, "一次最多补发 %d 小时（一单最长的时长）。请按每一单分别调整，写明原因。这次没有调整。",
               c->ctx->set->rules.max_request_hours);
        return BOT_OK;
    }
    if ((rc = store_account_by_name(c->ctx->st, STORE_ACCOUNT_ADJUST, &adj)) != BOT_OK)
        return rc;
    int64_t from = c->nr->negative ? t.account_id : adj.id, to = c->nr->negative ? adj.id : t.account_id;
    rc = hd_move(c->ctx, from, to, c->nr->minutes, STORE_KIND_ADJUSTMENT, 0, c->nr->reason, 1);
    if (rc == BOT_LIMIT) {
        hd_say(c->out, "扣除后 %s 会低于透支上限，未调整。", hd_display_name(&t));
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    char h[24], note[200];
    hd_hours_text(c->nr->minutes, h);
    snprintf(note, sizeof note, "工作人员为您%s %s，原因：%s", c->nr->negative ? "扣除" : "补发", h, c->nr->reason);
    if ((rc = hd_notice(c->ctx, t.id, "adjustment", note)) != BOT_OK)
        return rc;
    hd_say(c->out, "已为 %s %s %s，原因：%s", hd_display_name(&t), c->nr->negative ? "扣除" : "补发", h, c->nr->reason);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

#define RELEASE_MAX 16 /* accepted orders of one volunteer let go at his 停用 (a volunteer holds few) */

/* The requester's 楼长 hear that her order was given back at 停用 (play-test 16b, 4: only she was told), as they hear
 * a no-show: about the order, while it stays as it is; not the one who paused him, nor one who reads her notice
 * already as 【请转告】 (an elder without an identity: hd_relayed_to). */
static enum bot_rc release_tell_managers(struct hd_call *c, const struct store_request *r, const struct store_member *vol,
                                         int reopen, int unlinked)
{
    struct store_member req;
    int64_t mgr[8];
    int nm = 0;
    enum bot_rc rc = store_member_get(c->ctx->st, r->requester_id, &req);
    if (rc != BOT_OK || !req.building[0] || (rc = store_managers_of(c->ctx->st, req.building, mgr, 8, &nm)) != BOT_OK)
        return rc;
    char note[400];
    snprintf(note, sizeof note, "楼长您好：%s的 %s 求助 #%lld（%s）的志愿者 %s %s，接单已退回（不算爽约）；%s",
             req.building, hd_display_name(&req), (long long)r->id, r->service, hd_display_name(vol),
             unlinked ? "接单用的关联账号已解除" : "账户已被暂停",
             reopen ? "求助已重新开放，等别的志愿者来接。" : "约定的时间已经过了，这一单已关闭。");
    for (int k = 0; k < nm; k++) {
        int relayed = 0;
        if (mgr[k] == c->me->id || mgr[k] == r->requester_id || mgr[k] == vol->id)
            continue;
        if ((rc = hd_relayed_to(c->ctx, r->requester_id, "cancelled", mgr[k], &relayed)) != BOT_OK)
            return rc;
        if (!relayed && (rc = hd_tell_about(c->ctx, mgr[k], "cancelled", note, NULL, r->id)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

/* 停用 of a volunteer: each order he accepted and has not started goes back to open, as his own withdrawal would,
 * without its 爽约 or late-cancel count (he may not start it: play-test 16 had the elder wait for nobody and him
 * warned of 爽约 for what the bot refused him); the requester is told, the order's record (#N 记录) keeps a line.
 * One already started stays his to finish. reopened and started list the orders ("#15（维修）、#16（陪诊）"); holder
 * holds them now (the volunteer, or at 解除关联 the unlinked identity's new account), vol is who accepted them, unlinked
 * which of the two it is; *released counts those given back. */
static enum bot_rc release_orders(struct hd_call *c, int64_t holder, const struct store_member *vol, int unlinked,
                                  char *reopened, size_t rsize, char *started, size_t ssize, int *released)
{
    struct store_request *list = calloc(RELEASE_MAX, sizeof *list); /* worker stacks are small */
    int n = 0;
    size_t rl = 0, sl = 0;
    if (!list)
        return BOT_NOMEM;
    enum bot_rc rc = store_request_of_member(c->ctx->st, holder, 1, STORE_REQ_IN_SERVICE, list, RELEASE_MAX, &n);
    for (int i = 0; i < n && rc == BOT_OK; i++)
        bot_appendf(started, ssize, &sl, "%s#%lld（%s）", i ? "、" : "", (long long)list[i].id, list[i].service);
    if (rc == BOT_OK)
        rc = store_request_of_member(c->ctx->st, holder, 1, STORE_REQ_ACCEPTED, list, RELEASE_MAX, &n);
    const struct hd_rules *rules = &c->ctx->set->rules;
    for (int i = 0; i < n && rc == BOT_OK; i++) {
        struct store_request r = list[i], before = list[i];
        long long id = (long long)r.id;
        /* its hour already past: open again while another could still begin and serve a while (as after a no-show),
         * else closed as expired */
        int64_t grace = (int64_t)rules->past_grace_minutes * 60;
        int64_t latest = r.start_at + (int64_t)hd_estimate_minutes(rules, &r) * 60 - 2 * grace;
        int past = r.start_at && r.start_at <= c->ctx->now, reopen = !past || latest + grace > c->ctx->now;
        r.status = reopen ? STORE_REQ_OPEN : STORE_REQ_EXPIRED;
        r.volunteer_id = 0;
        r.accepted_at = 0;
        if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK ||
            (rc = hd_record_action(c->ctx, unlinked ? STORE_ACT_UNLINKED : STORE_ACT_RELEASE, c->me->id, &before,
                                   r.status, 0, 0)) != BOT_OK)
            break;
        if (past && reopen &&
            (rc = store_request_set_reopen_start(c->ctx->st, r.id, latest > c->ctx->now ? latest : c->ctx->now)) != BOT_OK)
            break;
        if (reopen && (rc = hd_reannounce(c->ctx, &r)) != BOT_OK)
            break;
        char note[400];
        if (reopen)
            snprintf(note, sizeof note, "很抱歉，#%lld（%s）原来接单的志愿者 %s 这次来不了了。您的求助已重新开放，等别的志愿者来接，"
                                        "有人接单会告诉您；不需要了也可以发「取消 #%lld」。",
                     id, r.service, hd_display_name(vol), id);
        else
            snprintf(note, sizeof note, "很抱歉，#%lld（%s）原来接单的志愿者 %s 这次来不了了，约定的时间已经过了，这一单已关闭。"
                                        "还需要帮忙的话请重新发布求助。",
                     id, r.service, hd_display_name(vol));
        if ((rc = hd_tell_about(c->ctx, r.requester_id, "cancelled", note, NULL, r.id)) != BOT_OK ||
            (rc = release_tell_managers(c, &r, vol, reopen, unlinked)) != BOT_OK)
            break;
        bot_appendf(reopened, rsize, &rl, "%s#%lld（%s）%s", i ? "、" : "", id, r.service, reopen ? "" : "已过时间，已关闭");
        (*released)++;
    }
    free(list);
    return rc;
}

/* At 停用: what the volunteer himself holds. */
static enum bot_rc release_accepted(struct hd_call *c, const struct store_member *vol, char *reopened, size_t rsize,
                                    char *started, size_t ssize)
{
    int released = 0;
    return release_orders(c, vol->id, vol, 0, reopened, rsize, started, ssize, &released);
}

/* 解除关联 (play-test 17, 4): the orders the unlinked identity accepted and has not started, held now by its new
 * account (holder), go back as at 停用: open again with no 爽约, the requester and her 楼长 told, a line in #N 记录;
 * vol is the account he accepted them as (the name they know). */
enum bot_rc hd_release_unlinked(struct hd_call *c, int64_t holder, const struct store_member *vol, char *reopened,
                                size_t rsize, int *released)
{
    char started[256] = "";
    return release_orders(c, holder, vol, 1, reopened, rsize, started, sizeof started, released);
}

enum bot_rc hd_suspend(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member t;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_find_target(c, 0, &t, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!hd_staff_covers_member(c, &t)) /* issue 18: a branch admin acts on her branch's members */
        return BOT_OK;
    int on = c->nr->intent == NLP_SUSPEND;
    if (t.id == c->me->id) {
        hd_say(c->out, "不能%s自己的账户，请另一位工作人员办理。", on ? "停用" : "恢复");
        return BOT_OK;
    }
    if (!t.suspended == !on) { /* nothing to change, no one to tell */
        hd_say(c->out, "%s 的账户%s。", hd_display_name(&t), on ? "已经是暂停的" : "没有暂停，不用恢复");
        return BOT_OK;
    }
    if ((rc = store_member_set_int(c->ctx->st, t.id, STORE_MF_SUSPENDED, on)) != BOT_OK)
        return rc;
    char reopened[HD_REPLY_MAX / 2] = "", started[200] = "";
    if (on && (rc = release_accepted(c, &t, reopened, sizeof reopened, started, sizeof started)) != BOT_OK)
        return rc;
    /* the member hears it (a push, else with her next private reply), not only at her next refused write; what she
     * may still do is said with what she may not (play-test 16: refused her own 确认, then charged by the timer) */
    char note[600];
    if (on)
        snprintf(note, sizeof note, "工作人员暂停了您的账户：暂时不能发布求助、接单、开始服务、转赠或兑换。%s%s有疑问请联系工作人员。",
                 HD_SUSPENDED_STILL, reopened[0] ? "您接了还没开始的单已替您退回，不算爽约，不扣分。" : "");
    else
        snprintf(note, sizeof note, "工作人员已恢复您的账户，可以照常发布求助和接单了。");
    if ((rc = hd_tell(c->ctx, t.id, on ? "suspend" : "unsuspend", note, NULL)) != BOT_OK)
        return rc;
    char said[HD_REPLY_MAX];
    size_t sl = 0;
    said[0] = '\0';
    bot_appendf(said, sizeof said, &sl, "已%s %s 的账户，并通知了本人。", on ? "暂停" : "恢复", hd_display_name(&t));
    if (reopened[0]) /* staff knows at once which orders wait for another volunteer */
        bot_appendf(said, sizeof said, &sl, "%s 接了还没开始的单已退回（不算爽约），需求方已收到通知：%s。",
                    hd_display_name(&t), reopened);
    if (started[0])
        bot_appendf(said, sizeof said, &sl, "已经开始服务的 %s 仍由 %s 做完，可以照常「结束服务」。", started,
                    hd_display_name(&t));
    hd_say(c->out, "%s", said);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_malicious(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_request r;
    struct store_member req;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (r.status != STORE_REQ_CANCELLED) {
        hd_say(c->out, "#%lld 没有被取消，不能标记为恶意取消。发「#%lld 记录」看它的经过。", (long long)r.id, (long long)r.id);
        return BOT_OK;
    }
    if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK)
        return rc;
    int64_t until = c->ctx->now + (int64_t)c->ctx->set->rules.malicious_freeze_days * 86400;
    if ((rc = store_member_set_int(c->ctx->st, req.id, STORE_MF_FROZEN_UNTIL, until)) != BOT_OK)
        return rc;
    char when[HD_WHEN_MAX];
    hd_format_when(until, c->ctx->now, c->ctx->set->utc_offset, when);
    hd_say(c->out, "#%lld 标记为恶意取消：%s 发布求助的权限暂停到 %s。", (long long)r.id, hd_display_name(&req), when);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* May the sender mark the fund to pay for member m (公益, 补贴)? Staff for anyone, a 楼长 for the members of his
 * building who hold no role; nobody for himself. *ok = 0: refused, the reply says why. */
static enum bot_rc may_mark_for(struct hd_call *c, const struct store_member *m, const char *what, int *ok)
{
    *ok = 0;
    if (c->me && m->id == c->me->id) {
        hd_say(c->out, "不能为自己%s：请本楼楼长或工作人员来办。", what);
        return BOT_OK;
    }
    /* one who holds a role (楼长, staff) is marked by staff only, never by a peer (helper-73: a 楼长 marked his fellow
     * 楼长 补贴, and the two served each other on the fund) */
    int staff = (m->roles & STORE_ROLE_ADMIN) != 0;
    enum bot_rc rc = hd_is_admin(c) || staff ? BOT_OK : hd_member_is_staff(c->ctx->st, c->ctx->set, m, &staff);
    if (rc != BOT_OK)
        return rc;
    if (!hd_is_admin(c) && (staff || (m->roles & STORE_ROLE_MANAGER))) {
        hd_say(c->out, "%s 是%s，%s要由工作人员来办，楼长不能办。", hd_display_name(m), staff ? "工作人员" : "楼长", what);
        return BOT_OK;
    }
    if (hd_speaks_for(c, m)) {
        *ok = 1;
        return BOT_OK;
    }
    if (hd_is_admin(c)) /* staff of a branch (issue 18): another branch's member */
        hd_say(c->out, "%s 不是您分会的会员，%s请对方分会的工作人员来办。", hd_display_name(m), what);
    else
        hd_say(c->out, "%s 不是您负责的楼栋（%s）的邻居，%s请对方的楼长或工作人员来办。", hd_display_name(m),
               c->me && c->me->manager_building[0] ? c->me->manager_building : "无", what);
    return BOT_OK;
}

/* 设为公益 #N: a request its requester's 楼长 (or staff) has the fund pay for. */
static enum bot_rc mark_public(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_request r;
    struct store_member req;
    int found;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK)
        return rc;
    if (c->me && r.volunteer_id == c->me->id && !c->nr->negative) { /* the fund would pay him on his own word */
        hd_say(c->out, "#%lld 是您接的单，不能由您设为公益：请另一位楼长或工作人员来办。", (long long)r.id);
        return BOT_OK;
    }
    int ok = 0;
    if ((rc = may_mark_for(c, &req, c->nr->negative ? "取消公益" : "标记公益", &ok)) != BOT_OK || !ok)
        return rc;
    if (r.status == STORE_REQ_CONFIRMED || r.status == STORE_REQ_CANCELLED || r.status == STORE_REQ_DISPUTED ||
        r.status == STORE_REQ_EXPIRED) {
        hd_say(c->out, "#%lld 现在「%s」，不能再改由谁支付；需要更正请工作人员「调整积分」。", (long long)r.id, hd_status_text(r.status));
        return BOT_OK;
    }
    if ((rc = store_request_set_public(c->ctx->st, r.id, !c->nr->negative, c->me ? c->me->id : 0)) != BOT_OK)
        return rc;
    char note[160];
    snprintf(note, sizeof note, c->nr->negative ? "您的求助 #%lld 不再是公益求助，由您的积分支付。"
                                                : "您的求助 #%lld 已设为公益，由社区基金支付时间。",
             (long long)r.id);
    if ((rc = hd_notice(c->ctx, req.id, "public", note)) != BOT_OK)
        return rc;
    hd_say(c->out, "#%lld %s。", (long long)r.id, c->nr->negative ? "已取消公益，由求助人的积分支付" : "已设为公益：由社区基金支付时间");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_subsidise(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member t;
    int found;
    *outcome = HD_REFUSED;
    if (c->nr->request_id > 0)
        return mark_public(c, outcome);
    enum bot_rc rc = hd_find_target(c, 0, &t, &found);
    if (rc != BOT_OK || !found)
        return rc;
    int ok = 0;
    if ((rc = may_mark_for(c, &t, c->nr->negative ? "取消补贴" : "设补贴", &ok)) != BOT_OK || !ok)
        return rc;
    if ((rc = store_member_set_int(c->ctx->st, t.id, STORE_MF_SUBSIDISED, !c->nr->negative)) != BOT_OK)
        return rc;
    /* the fund pays what is confirmed from now on (hd_credit_request reads the flag then): orders posted earlier and
     * not yet confirmed too, and the words say so (play-test: 「以后的求助」 while earlier ones were paid too) */
    hd_say(c->out, "%s %s：从现在起确认的求助（包括已经发布、还没确认的）%s。", c->nr->negative ? "已取消补贴" : "已设为补贴对象",
           hd_display_name(&t), c->nr->negative ? "由本人的积分支付" : "由社区基金支付时间");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_unmatched(struct hd_call *c)
{
    const char *building = c->me && c->me->manager_building[0] ? c->me->manager_building : "";
    struct store_request list[20];
    int n = 0;
    int64_t scope = 0; /* issue 18: a branch admin's are her branch's */
    enum bot_rc rc = !building[0] && hd_branch_scope(c, &scope)
                         ? store_request_list_branch(c->ctx->st, scope, hd_past_start(c->ctx), list, 20, &n)
                         : store_request_list_building(c->ctx->st, building, hd_past_start(c->ctx), list, 20, &n);
    if (rc != BOT_OK)
        return rc;
    if (n == 0) {
        hd_say(c->out, "%s目前没有未匹配的求助。", building);
        return BOT_OK;
    }
    size_t len = 0;
    bot_appendf(c->out->text, sizeof c->out->text, &len, "%s未匹配的求助（可「推荐 #单号 @志愿者」）：", building);
    for (int i = 0; i < n; i++) {
        char age[32];
        hd_age_text(c->ctx->now - list[i].created_at, age);
        bot_appendf(c->out->text, sizeof c->out->text, &len, "\n#%lld %s 已等 %s", (long long)list[i].id,
                    list[i].service, age);
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

enum bot_rc hd_recommend(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_request r;
    struct store_member vol;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found || hd_outside_scope(c, r.id)) /* a branch admin: her branch's (issue 18) */
        return rc;
    if (r.status != STORE_REQ_OPEN) {
        hd_say(c->out, "#%lld 已经不是待接状态了。发「待匹配」看还在等的求助。", (long long)r.id);
        return BOT_OK;
    }
    struct store_member req;
    if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK)
        return rc;
    if (!hd_is_admin(c) && strcmp(req.building, c->me->manager_building) != 0) { /* play-test 13: any building's */
        hd_say(c->out, "#%lld 不是您负责的楼栋（%s）的求助，楼长只推荐本楼的求助。发「待匹配」看本楼还在等的。", (long long)r.id,
               c->me->manager_building);
        return BOT_OK;
    }
    if ((rc = hd_find_target(c, 0, &vol, &found)) != BOT_OK || !found)
        return rc;
    if (vol.id == r.requester_id) { /* play-test 13: she was told 楼长推荐您帮忙 on her own order */
        hd_say(c->out, "%s 是 #%lld 的需求方本人，不能接自己的求助。请推荐别的志愿者。", hd_display_name(&vol), (long long)r.id);
        return BOT_OK;
    }
    int open_to = 0; /* issue 18: a volunteer of another branch only when the request's branch allows */
    if ((rc = store_request_open_to(c->ctx->st, r.id, vol.id, &open_to)) != BOT_OK)
        return rc;
    if (!open_to) {
        hd_say(c->out, "%s 是其他分会的志愿者，#%lld 所在的分会没有开放给其他分会，请推荐本分会的志愿者。",
               hd_display_name(&vol), (long long)r.id);
        return BOT_OK;
    }
    char note[200];
    snprintf(note, sizeof note, "%s %s 推荐您帮忙：求助 #%lld（%s）。愿意的话回复「接单 #%lld」。",
             hd_is_admin(c) ? "工作人员" : "楼长", hd_display_name(c->me), (long long)r.id, r.service, (long long)r.id);
    if ((rc = hd_notice(c->ctx, vol.id, "recommend", note)) != BOT_OK) /* pushed where a push reaches him */
        return rc;
    hd_say(c->out, "已推荐 %s 接 #%lld，并通知了对方。", hd_display_name(&vol), (long long)r.id);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

static enum bot_rc proxy_review_reason(const struct hd_ctx *ctx, const struct store_request *r,
                                       const struct store_member *req, const struct store_member *vol, int64_t reader,
                                       char why[160]);

/* What paying minutes past her overdraft limit would do, in numbers (hd_payable's after and limit): 周奶奶 的时间余额为
 * 欠7小时，这 6小时 记上后会欠 13小时，超过透支上限（10小时）. A 体验券 she holds is in after, not in her balance. */
static void past_limit_text(const struct hd_ctx *ctx, const struct store_member *elder, int minutes, int64_t after,
                            int64_t limit, char *buf, size_t size)
{
    struct store_account a;
    char b[32] = "", h[24], owe[24], l[24];
    if (store_account_at(ctx->st, ctx->now, elder->account_id, &a) == BOT_OK)
        hd_balance_text(a.balance, b);
    hd_hours_text(minutes, h);
    hd_hours_text(after < 0 ? -after : after, owe);
    hd_hours_text(limit, l);
    snprintf(buf, size, "%s 的时间余额为 %s，这 %s 记上后会欠 %s，超过透支上限（%s）", hd_display_name(elder), b, h, owe, l);
}

/* The start of today, local. */
static int64_t today_start(const struct hd_ctx *ctx)
{
    return bot_day_start(bot_local_day(ctx->now, ctx->set->utc_offset), ctx->set->utc_offset);
}

/* Does text hold name as a word of its own (after a space or @, before a space or its end)? */
static int names_word(const char *text, const char *name)
{
    size_t n = strlen(name);
    if (!text || !n)
        return 0;
    for (const char *p = text; (p = strstr(p, name)); p++)
        if (p > text && (p[-1] == ' ' || p[-1] == '@') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    return 0;
}

/* 代录's elder, volunteer and service: named in the message, or (a yes to "再录一次？") those of the 代录 asked
 * about. *ok = 0: the reply says what is missing. */
static enum bot_rc proxy_parties(struct hd_call *c, struct store_member *elder, struct store_member *vol,
                                 char service[16], int *ok)
{
    enum bot_rc rc;
    int found;
    *ok = 0;
    if (c->answered && c->nr->request_id > 0) {
        struct store_request was;
        if ((rc = store_request_get(c->ctx->st, c->nr->request_id, &was)) != BOT_OK ||
            (rc = store_member_get(c->ctx->st, was.requester_id, elder)) != BOT_OK ||
            (rc = store_member_get(c->ctx->st, was.volunteer_id, vol)) != BOT_OK)
            return rc;
        bot_strlcpy(service, was.service, 16);
        *ok = 1;
        return BOT_OK;
    }
    if (nlp_target_count(c->nr) < 2 || c->nr->minutes <= 0) {
        /* her own name written as a word of its own, read as no name (a member named 管理员, a role word): the real
         * reason, not the format (play7: staff 管理员's 代录 李奶奶 管理员 1小时 陪伴 read the format help) */
        if (c->me && c->me->registered && names_word(c->msg->text, c->me->name)) {
            hd_say(c->out, "不能为自己代录：请另一位楼长或工作人员来录。这次没有代录。");
            return BOT_OK;
        }
        hd_say(c->out, "代录请这样写：代录 张奶奶 王师傅 2小时 陪诊（先写受助的老人，再写志愿者）");
        return BOT_OK;
    }
    if ((rc = hd_find_target(c, 0, elder, &found)) != BOT_OK || !found)
        return rc;
    if ((rc = hd_find_target(c, 1, vol, &found)) != BOT_OK || !found)
        return rc;
    bot_strlcpy(service, nlp_service_name(c->nr->service >= 0 ? c->nr->service : NLP_SERVICE_COUNT - 1), 16);
    *ok = 1;
    return BOT_OK;
}

/* A 代录 of an earlier day says its day: dated appended to text (the reply, a notice) when it fits. */
static void proxy_dated(char *text, size_t size, const char *dated)
{
    size_t len = strlen(text);
    if (dated[0] && len + strlen(dated) < size)
        memcpy(text + len, dated, strlen(dated) + 1);
}

enum bot_rc hd_proxy(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_member elder, vol;
    char service[16];
    int ok, count = 0;
    int64_t twin = 0, day = today_start(c->ctx);
    *outcome = HD_REFUSED;
    if (c->nr->nonpositive) {
        hd_say(c->out, "代录的时长要是正数，例如「代录 张奶奶 王师傅 2小时 陪诊」。这次没有代录。");
        return BOT_OK;
    }
    if (c->nr->unreadable) {
        hd_say(c->out, "没看懂代录多少时长，请只写一个数，例如「代录 张奶奶 王师傅 2小时 陪诊」。这次没有代录。");
        return BOT_OK;
    }
    if (c->nr->minutes > 0 && rules->round_minutes > 0 &&
        (c->nr->minutes % rules->round_minutes || c->nr->minutes < rules->min_credit_minutes)) {
        char g[24]; /* counted in half hours, as a timer's (play-test 11: 代录 0.2小时 paid 12 minutes) */
        hd_hours_text(rules->round_minutes, g);
        hd_say(c->out, "代录的时长请按%s一格来写，例如「代录 张奶奶 王师傅 1.5小时 陪诊」。这次没有代录。", g);
        return BOT_OK;
    }
    /* a day or time written (代录 … 昨天下午2点, 11月27日): the service of that day, recorded now. Its start and finish
     * are on the day said (the fund's month and the boards count it there, the elder's hours of that day too), its
     * confirm window runs from now (hd_due_from). A day ahead, or one more than proxy_backdate_days back, is refused. */
    int64_t served_start = c->ctx->now, served_end = c->ctx->now;
    char dated[HD_WHEN_MAX + 32] = ""; /* an earlier day's: said in the reply and in each notice */
    if (c->nr->has_start || c->nr->has_start_day || c->nr->bad_time[0]) {
        int off = c->ctx->set->utc_offset;
        int64_t today = bot_local_day(c->ctx->now, off);
        int64_t said = c->nr->has_start ? bot_local_day(c->nr->start, off) : c->nr->has_start_day ? c->nr->start_day : -1;
        char when[HD_WHEN_MAX];
        if (said < 0) {
            hd_say(c->out, "没看懂您写的服务时间「%s」。请写清是哪一天，例如「代录 张奶奶 王师傅 2小时 陪诊 昨天下午2点」；"
                           "今天的服务不用写日期。这次没有代录。", c->nr->bad_time);
            return BOT_OK;
        }
        if (c->nr->has_start)
            hd_format_when(c->nr->start, c->ctx->now, off, when);
        else
            hd_format_day_ahead(said, c->ctx->now, off, when);
        if (said > today || (c->nr->has_start && c->nr->start > c->ctx->now)) {
            hd_say(c->out, "您写的服务时间是「%s」，还没到。代录只记已经做完的服务，请服务做完后再录。这次没有代录。", when);
            return BOT_OK;
        }
        if (today - said > rules->proxy_backdate_days) {
            hd_say(c->out, "您写的服务时间是「%s」，已经是 %lld 天前了。代录最多补录 %d 天内的服务；更早的请联系工作人员"
                           "核实后处理。这次没有代录。", when, (long long)(today - said), rules->proxy_backdate_days);
            return BOT_OK;
        }
        if (c->nr->has_start || said != today) {
            /* a clock said is the start; a day alone is taken at its noon */
            served_start = c->nr->has_start ? c->nr->start : bot_day_start(said, off) + 12 * 3600;
            served_end = served_start + (int64_t)(c->nr->minutes > 0 ? c->nr->minutes : 0) * 60;
            if (served_end > c->ctx->now) { /* 2小时 from 今天下午2点 at 15:00: not done yet (a review: the record read
                                              * an hour served, the journal two) */
                char end[HD_WHEN_MAX];
                hd_format_when(served_end, c->ctx->now, off, end);
                hd_say(c->out, "按您写的时间和时长，这次服务要到%s才结束。代录只记已经做完的服务，请做完后再录。这次没有代录。",
                       end);
                return BOT_OK;
            }
            snprintf(dated, sizeof dated, "（服务时间：%s）", when);
        }
    }
    int64_t served_day = bot_day_start(bot_local_day(served_end, c->ctx->set->utc_offset), c->ctx->set->utc_offset);
    enum bot_rc rc = proxy_parties(c, &elder, &vol, service, &ok);
    if (rc != BOT_OK || !ok)
        return rc;
    if (elder.id == vol.id) {
        hd_say(c->out, "受助人和志愿者不能是同一个人，请这样写：代录 张奶奶 王师傅 2小时 陪诊。");
        return BOT_OK;
    }
    if (!c->answered) { /* the elder first: one with a phone named first and one 代注册'd (no phone) second is the wrong
                         * way round (helper-58: the elder was paid, the volunteer charged) */
        int elder_phones = 0, vol_phones = 0;
        if ((rc = store_member_identity_count(c->ctx->st, elder.id, &elder_phones)) != BOT_OK ||
            (rc = store_member_identity_count(c->ctx->st, vol.id, &vol_phones)) != BOT_OK)
            return rc;
        if (elder_phones > 0 && vol_phones == 0 && vol.created_by) {
            hd_say(c->out, "是不是写反了？代录要先写受助的老人，再写志愿者。%s 是代注册的（没有手机），%s 有自己的账号。"
                           "如果是 %s 帮了 %s，请发「代录 %s %s …」。这次没有代录。",
                   hd_display_name(&vol), hd_display_name(&elder), hd_display_name(&elder), hd_display_name(&vol),
                   hd_display_name(&vol), hd_display_name(&elder));
            return BOT_OK;
        }
    }
    if (c->me && (elder.id == c->me->id || vol.id == c->me->id)) {
        hd_say(c->out, "不能为自己代录（%s）：请另一位楼长或工作人员来录。这次没有代录。",
               vol.id == c->me->id ? "您是志愿者" : "您是受助人");
        return BOT_OK;
    }
    if (!hd_speaks_for(c, &elder)) { /* a 楼长 records for his own building's elders; staff for anyone */
        hd_say(c->out, "%s 不是您负责的楼栋（%s）的邻居，请所在楼的楼长或工作人员来录。这次没有代录。", hd_display_name(&elder),
               c->me && c->me->manager_building[0] ? c->me->manager_building : "无");
        return BOT_OK;
    }
    if (elder.suspended || vol.suspended) { /* staff paused the account: no hours move in or out of it by a record
                                             * (play-test 11: her 楼长 recorded for her the day after) */
        hd_say(c->out, "%s 的账户已暂停使用，暂时不能代录。有疑问请联系工作人员。这次没有代录。",
               hd_display_name(elder.suspended ? &elder : &vol));
        return BOT_OK;
    }
    if (vol.accept_banned_until > c->ctx->now) {
        /* a ban on accepting stops credit in his name by a 代录 too, or the ban is walked around by records; refused
         * (not held: staff set the ban and lift it), the reason to the recorder alone, never to a group */
        char until[HD_WHEN_MAX], text[HD_REPLY_MAX];
        int pushed = 0;
        hd_format_when(vol.accept_banned_until, c->ctx->now, c->ctx->set->utc_offset, until);
        snprintf(text, sizeof text, "这次没有代录：%s 的接单暂停到 %s，暂停期间不能为 %s 记服务时间。"
                                    "如果是暂停之前的服务，或有疑问，请联系工作人员。",
                 hd_display_name(&vol), until, hd_display_name(&vol));
        rc = hd_say_own(c, "这次没有代录", NULL, text, &pushed);
        if (rc == BOT_OK && pushed)
            *outcome = HD_COUNTED; /* the push stays; nothing else was changed */
        return rc;
    }
    if (c->nr->minutes > rules->max_request_hours * 60) {
        hd_say(c->out, "一次最多代录 %d 小时。", rules->max_request_hours);
        return BOT_OK;
    }
    if ((rc = store_proxy_count(c->ctx->st, c->me->id, day, &count)) != BOT_OK)
        return rc;
    if (count >= rules->proxy_daily_cap) {
        hd_say(c->out, "您今天已代录 %d 次，已到每天 %d 次的上限，明天再录；急需请联系工作人员。", count,
               rules->proxy_daily_cap);
        return BOT_OK;
    }
    /* the same elder, volunteer and service today: sent twice by mistake, unless the 楼长 says yes */
    if (!c->answered && (rc = store_proxy_twin(c->ctx->st, elder.id, vol.id, service, served_day, served_day + 86400,
                                                    &twin)) != BOT_OK)
        return rc;
    if (twin) {
        char tday[HD_WHEN_MAX];
        hd_format_day_ahead(bot_local_day(served_end, c->ctx->set->utc_offset), c->ctx->now, c->ctx->set->utc_offset, tday);
        hd_say(c->out, "%s已代录过 #%lld：%s 为 %s %s。确实又服务了一次吗？回复「是」再录一次，回复「不是」就不录。",
               tday, (long long)twin, hd_display_name(&vol), hd_display_name(&elder), service);
        hd_ask(c, "yesno", "intent=%d id=%lld minutes=%d start=%lld day=%lld", (int)NLP_PROXY, (long long)twin,
               c->nr->minutes, (long long)(c->nr->has_start ? c->nr->start : 0),
               (long long)(c->nr->has_start_day ? c->nr->start_day : 0));
        return BOT_OK;
    }
    struct store_request r;
    memset(&r, 0, sizeof r);
    r.requester_id = elder.id;
    r.volunteer_id = vol.id;
    r.status = STORE_REQ_FINISHED;
    bot_strlcpy(r.service, service, sizeof r.service);
    snprintf(r.text, sizeof r.text, "代录（%s）：%s", hd_display_name(c->me), c->msg->text);
    r.proxy = 1;
    r.est_minutes = c->nr->minutes;
    bot_strlcpy(r.platform, c->msg->platform, sizeof r.platform);
    r.created_at = c->ctx->now; /* recorded now: its confirm window and 撤销代录's hours count from here */
    r.accepted_at = r.started_at = served_start;
    r.finished_at = served_end;
    /* a 代录 her hours cannot pay is refused now, not held for an approval or her 确认 that could never pay it */
    int payable = 0;
    int64_t after = 0, limit = 0;
    if ((rc = hd_payable(c->ctx, &r, &elder, c->nr->minutes, &after, &limit, &payable)) != BOT_OK)
        return rc;
    if (!payable) {
        char why[320];
        past_limit_text(c->ctx, &elder, c->nr->minutes, after, limit, why, sizeof why);
        hd_say(c->out, "%s。这次没有代录。可以先「设为补贴 %s」（由社区基金支付）再代录。", why, hd_display_name(&elder));
        return BOT_OK;
    }
    /* the volunteer and the times are written now: a credit held past the fund's budget waits with them */
    if ((rc = store_request_create(c->ctx->st, &r)) != BOT_OK ||
        (rc = store_request_update(c->ctx->st, &r)) != BOT_OK ||
        (rc = store_proxy_set_by(c->ctx->st, r.id, c->me->id)) != BOT_OK)
        return rc;
    char h[24], note[320];
    hd_hours_text(c->nr->minutes, h);
    int phones = 0; /* 代录 is for elders without a phone: one with a chat identity of her own says it herself */
    if ((rc = store_member_identity_count(c->ctx->st, elder.id, &phones)) != BOT_OK)
        return rc;
    if (phones > 0) {
        /* a claim on her hours waits for her own 确认 #N, as a finished order does, and lapses unpaid at the confirm
         * deadline (helper-73: a 楼长 paid a colleague from a member's hours, and she was only told afterwards) */
        snprintf(note, sizeof note, "楼长 %s 为您代录了一次服务：%s 为您%s %s（#%lld），还没有记积分。属实请回复「确认 #%lld」；"
                                    "不对就不用理会，%d 小时内不确认就不记，有疑问请回复「投诉 #%lld 原因」。",
                 hd_display_name(c->me), hd_display_name(&vol), r.service, h, (long long)r.id, (long long)r.id,
                 rules->confirm_hours, (long long)r.id);
        /* true until its deadline: a lapsed claim's 「确认」 is refused, never asked for after (play-test 9) */
        proxy_dated(note, sizeof note, dated);
        if ((rc = hd_tell_until(c->ctx, elder.id, "proxy_claim", note, r.id,
                                hd_due_at(c->ctx, &r))) != BOT_OK)
            return rc;
        snprintf(note, sizeof note, "楼长 %s 为您代录了 #%lld：您为 %s %s %s。等 %s 本人确认后记入您的时间余额。",
                 hd_display_name(c->me), (long long)r.id, hd_display_name(&elder), r.service, h, hd_display_name(&elder));
        proxy_dated(note, sizeof note, dated);
        if ((rc = hd_tell_own(c->ctx, vol.id, "proxy", note)) != BOT_OK)
            return rc;
        hd_say(c->out, "已代录 #%lld：%s 为 %s 服务 %s（%s），还没有记积分。%s 有自己的账号，已请她本人回复「确认 #%lld」，"
                       "她确认了才记积分，%d 小时内不确认就不记。",
               (long long)r.id, hd_display_name(&vol), hd_display_name(&elder), h, r.service, hd_display_name(&elder),
               (long long)r.id, rules->confirm_hours);
        proxy_dated(c->out->text, sizeof c->out->text, dated);
        *outcome = HD_CHANGED;
        return BOT_OK;
    }
    rc = hd_credit_request(c->ctx, &r, c->nr->minutes, c->me->id);
    if (rc == BOT_LIMIT) { /* checked above (hd_payable): kept for a rule it does not know of */
        hd_say(c->out, "%s 的时间余额不够付这次代录（会超过透支上限），这次没有代录。可以先「设为补贴 %s」（由社区基金支付）再代录。",
               hd_display_name(&elder), hd_display_name(&elder));
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (r.status != STORE_REQ_CONFIRMED) { /* held for a second person, or past the fund's budget: waits */
        enum hd_held why = HD_HELD_NONE;
        if ((rc = hd_held_why(c->ctx, &r, &why)) != BOT_OK)
            return rc;
        char reason[160] = "";
        if (why == HD_HELD_REVIEW && (rc = proxy_review_reason(c->ctx, &r, &elder, &vol, 0, reason)) != BOT_OK)
            return rc;
        if (why == HD_HELD_REVIEW)
            hd_say(c->out, "已记下代录 #%lld：%s 为 %s 服务 %s（%s），积分还没有发放。%s，要等工作人员或本楼另一位楼长"
                           "核实后「批准代录 #%lld」才记，已通知他们；%d 小时内没人批准就不记。",
                   (long long)r.id, hd_display_name(&vol), hd_display_name(&elder), h, r.service, reason,
                   (long long)r.id, rules->confirm_hours);
        else
            hd_say(c->out, "已记下代录 #%lld，但这笔超出了本楼本月的基金预算，积分等待工作人员批准，已通知工作人员。",
                   (long long)r.id);
        proxy_dated(c->out->text, sizeof c->out->text, dated);
        *outcome = HD_CHANGED;
        return BOT_OK;
    }
    snprintf(note, sizeof note, "楼长 %s 为您代录了一次服务：%s 为您%s %s（#%lld）。", hd_display_name(c->me),
             hd_display_name(&vol), r.service, h, (long long)r.id);
    proxy_dated(note, sizeof note, dated);
        if ((rc = hd_notice(c->ctx, elder.id, "proxy", note)) != BOT_OK)
        return rc;
    char vnote[320]; /* the volunteer learns of credit given in his name, privately and once (the digest would pass
                      * his own receipt on to the 楼长 who wrote it) */
    snprintf(vnote, sizeof vnote, "楼长 %s 为您代录了 #%lld：您为 %s %s %s，%s 已记入您的时间余额。", hd_display_name(c->me),
             (long long)r.id, hd_display_name(&elder), r.service, h, h);
    proxy_dated(vnote, sizeof vnote, dated);
        if ((rc = hd_tell_own(c->ctx, vol.id, "proxy", vnote)) != BOT_OK)
        return rc;
    hd_say(c->out, "已代录 #%lld：%s 为 %s 服务 %s（%s），积分已发放。录错了可在 %d 小时内「撤销代录 #%lld」。",
           (long long)r.id, hd_display_name(&vol), hd_display_name(&elder), h, r.service, rules->proxy_undo_hours,
           (long long)r.id);
    proxy_dated(c->out->text, sizeof c->out->text, dated);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_proxy_undo(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_request r;
    struct store_member elder, vol;
    int64_t by = 0;
    int found;
    *outcome = HD_REFUSED;
    if (c->nr->request_id <= 0) {
        hd_say(c->out, "请写明撤销哪一笔代录，例如「撤销代录 #12」。");
        return BOT_OK;
    }
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!r.proxy) {
        hd_say(c->out, "#%lld 不是代录的服务，不能撤销代录；不要这个求助了请发「取消 #%lld」。", (long long)r.id, (long long)r.id);
        return BOT_OK;
    }
    if ((rc = store_proxy_by(c->ctx->st, r.id, &by)) != BOT_OK ||
        (rc = store_member_get(c->ctx->st, r.requester_id, &elder)) != BOT_OK ||
        (rc = store_member_get(c->ctx->st, r.volunteer_id, &vol)) != BOT_OK)
        return rc;
    if (by != c->me->id && !hd_speaks_for(c, &elder)) { /* the recorder, the elder's 楼长, or staff */
        hd_say(c->out, "只有录入 #%lld 的楼长、%s的楼长或工作人员可以撤销这笔代录。", (long long)r.id,
               elder.building[0] ? elder.building : "本楼");
        return BOT_OK;
    }
    if (r.status == STORE_REQ_CANCELLED) { /* undone, or closed unpaid (never confirmed, or never approved in time) */
        hd_say(c->out, r.confirmed_at ? "#%lld 的代录已经撤销过了。" : "#%lld 的代录已经关闭了，没有记积分，不用撤销。",
               (long long)r.id);
        return BOT_OK;
    }
    /* finished and not paid — a claim waiting for her word, one held for a second person or by the fund's
     * budget: nothing was paid, it is simply withdrawn */
    if (r.status == STORE_REQ_FINISHED) {
        char h[24], note[256];
        hd_hours_text(hd_estimate_minutes(rules, &r), h);
        r.status = STORE_REQ_CANCELLED;
        if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK)
            return rc;
        snprintf(note, sizeof note, "%s 撤回了代录 #%lld（%s 为您%s %s），没有记积分，不用再理会。", hd_display_name(c->me),
                 (long long)r.id, hd_display_name(&vol), r.service, h);
        if ((rc = hd_tell_about(c->ctx, elder.id, "proxy_undo", note, NULL, 0)) != BOT_OK)
            return rc;
        snprintf(note, sizeof note, "%s 撤回了代录 #%lld（您为 %s %s %s），没有记积分。", hd_display_name(c->me),
                 (long long)r.id, hd_display_name(&elder), r.service, h);
        if ((rc = hd_tell_own(c->ctx, vol.id, "proxy_undo", note)) != BOT_OK)
            return rc;
        hd_say(c->out, "已撤回代录 #%lld（还没有记积分），已通知 %s 和 %s。", (long long)r.id, hd_display_name(&vol),
               hd_display_name(&elder));
        *outcome = HD_CHANGED;
        return BOT_OK;
    }
    if (r.status != STORE_REQ_CONFIRMED || r.credited_minutes <= 0) {
        hd_say(c->out, "#%lld 现在是「%s」，不能撤销代录；有问题请联系工作人员。", (long long)r.id,
               hd_status_text(r.status));
        return BOT_OK;
    }
    int64_t refunded = 0;
    if ((rc = store_request_refunded(c->ctx->st, r.id, &refunded)) != BOT_OK)
        return rc;
    if (refunded > 0) { /* a complaint already gave it back: undoing it would pay back twice */
        hd_say(c->out, "#%lld 的投诉已经退还过积分，不能再撤销代录；需要更正请工作人员「调整积分」。", (long long)r.id);
        return BOT_OK;
    }
    if (c->ctx->now - r.created_at > (int64_t)rules->proxy_undo_hours * 3600) {
        hd_say(c->out, "#%lld 录入已超过 %d 小时，不能撤销了；需要更正请工作人员「调整积分」。", (long long)r.id,
               rules->proxy_undo_hours);
        return BOT_OK;
    }
    /* the credit goes back the way it came, whole, as one reversing journal transaction; when the volunteer has
     * spent it already and would pass the overdraft limit, staff correct it by hand (调整积分) */
    char memo[64], h[24];
    hd_hours_text(r.credited_minutes, h);
    snprintf(memo, sizeof memo, "撤销代录 #%lld %s", (long long)r.id, r.service);
    int64_t back_txn = 0;
    rc = hd_move_txn(c->ctx, vol.account_id, r.payer_account, r.credited_minutes, STORE_KIND_REVERSAL, r.id, memo, 1,
                     &back_txn);
    int64_t bonus_back = 0, voucher_back = 0; /* 首存日: the fund's extra goes back to it too, or nothing is undone */
    if (rc == BOT_OK)
        rc = hd_first_deposit_take_back(c->ctx, &r, &vol, r.credited_minutes, 1, &bonus_back);
    if (rc == BOT_OK) /* the 体验券's share of what went back to the elder: to the fund that gave it */
        rc = hd_voucher_take_back(c->ctx, &r, 0, &voucher_back); /* undone: the volunteer keeps nothing */
    if (rc == BOT_LIMIT) {
        hd_say(c->out, "%s 已经用掉了这 %s，撤销会超过透支上限，这次没有撤销。请工作人员用「调整积分」更正。",
               hd_display_name(&vol), h);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    r.status = STORE_REQ_CANCELLED;
    if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK)
        return rc;
    /* each side hears what it means for them: the elder's hours back (or the fund's), the volunteer's taken back */
    char note[512], vnote[256], paid[128], gone[200] = "";
    /* what comes back to her own account with its first dates: already or soon past them, as a refund says */
    if (r.payer_account == elder.account_id &&
        (rc = hd_restored_expiry_note(c->ctx, elder.account_id, back_txn, gone, sizeof gone)) != BOT_OK)
        return rc;
    if (r.payer_account != elder.account_id) {
        snprintf(paid, sizeof paid, "这次本由社区基金支付，已退回基金，您的余额不变");
    } else if (voucher_back > 0) { /* the voucher's share went back to the fund, the rest to her */
        char vb[24], rest[24];
        hd_hours_text(voucher_back, vb);
        hd_hours_text(r.credited_minutes - voucher_back, rest);
        snprintf(paid, sizeof paid, "体验券付的 %s 已退回社区基金，其余 %s 退回您的账户", vb, rest);
    } else {
        snprintf(paid, sizeof paid, "这些时间已退回您的账户");
    }
    snprintf(note, sizeof note, "%s 撤销了代录 #%lld（%s 为您%s %s），%s。%s", hd_display_name(c->me), (long long)r.id,
             hd_display_name(&vol), r.service, h, paid, gone);
    char bb[24], also[80] = "";
    if (bonus_back > 0) {
        hd_hours_text(bonus_back, bb);
        snprintf(also, sizeof also, "首存日基金另送的 %s 也退回基金。", bb);
    }
    snprintf(vnote, sizeof vnote, "%s 撤销了代录 #%lld（您为 %s %s %s），这 %s 已从您的账户扣回。%s",
             hd_display_name(c->me), (long long)r.id, hd_display_name(&elder), r.service, h, h, also);
    if ((rc = hd_notice(c->ctx, elder.id, "proxy_undo", note)) != BOT_OK ||
        (rc = hd_notice(c->ctx, vol.id, "proxy_undo", vnote)) != BOT_OK) /* pushed where a push reaches him */
        return rc;
    hd_say(c->out, "已撤销代录 #%lld：%s 退回 %s，已通知 %s 和 %s。", (long long)r.id, hd_display_name(&vol), h,
           hd_display_name(&vol), hd_display_name(&elder));
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* The 1st of this month at 00:00, local. */
/* The local month holding t: its first moment, and (*next) the next month's. */
static int64_t month_start(const struct hd_ctx *ctx, int64_t t, int64_t *next)
{
    int64_t day = bot_local_day(t, ctx->set->utc_offset);
    int y, m, d;
    bot_civil_from_days(day, &y, &m, &d);
    if (next)
        *next = bot_month_start(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, ctx->set->utc_offset);
    return bot_day_start(day - (d - 1), ctx->set->utc_offset);
}

/* The month holding t as the fund's notices name it: 本月 when it is now's, else 2月 (上月's order paid today). */
static void month_name(const struct hd_ctx *ctx, int64_t t, char out[24])
{
    if (month_start(ctx, t, NULL) == month_start(ctx, ctx->now, NULL)) {
        snprintf(out, 24, "本月");
        return;
    }
    int y, m, d;
    bot_civil_from_days(bot_local_day(t, ctx->set->utc_offset), &y, &m, &d);
    snprintf(out, 24, "%d月", m);
}

/* Was job marked for request id (*yes)? */
static enum bot_rc job_marked(const struct hd_ctx *ctx, const char *job, int64_t id, int *yes)
{
    char subject[24], period[16];
    snprintf(subject, sizeof subject, "%lld", (long long)id);
    enum bot_rc rc = store_job_last_period(ctx->st, job, subject, period, sizeof period);
    *yes = rc == BOT_OK;
    return rc == BOT_NOTFOUND ? BOT_OK : rc;
}

/* Is staff member id told of a matter of building? A branch admin (issue 18) hears her branch's matters only; a
 * matter of no building (NULL: a merchant's, the alliance's) is for the alliance's staff. */
static int staff_hears(const struct hd_ctx *ctx, int64_t id, const char *building)
{
    int64_t scope = 0, branch = STORE_BRANCH_DEFAULT;
    if (store_member_branch_scope(ctx->st, id, &scope) != BOT_OK || scope <= 0)
        return 1;
    return building && store_building_branch(ctx->st, building, &branch) == BOT_OK && branch == scope;
}

enum bot_rc hd_tell_staff(const struct hd_ctx *ctx, const char *building, const char *job, const char *text)
{
    return hd_tell_staff_about(ctx, building, job, text, 0);
}

enum bot_rc hd_tell_staff_about(const struct hd_ctx *ctx, const char *building, const char *job, const char *text,
                                int64_t request)
{
    return hd_tell_staff_except(ctx, building, job, text, request, 0, NULL, 0);
}

/* Is id among ids[0..n)? */
static int listed(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return 1;
    return 0;
}

enum bot_rc hd_tell_staff_except(const struct hd_ctx *ctx, const char *building, const char *job, const char *text,
                                 int64_t request, int64_t stale_at, const int64_t *skip, int nskip)
{
    int64_t ids[32];
    int n = 0;
    enum bot_rc rc = store_members_with_role(ctx->st, STORE_ROLE_ADMIN, ids, 32, &n);
    for (int i = 0; rc == BOT_OK && i < n; i++)
        if (!listed(skip, nskip, ids[i]) && staff_hears(ctx, ids[i], building))
            rc = hd_tell_until(ctx, ids[i], job, text, request, stale_at);
    const char *p = ctx->set->admins;
    char who[64], user[128];
    while (rc == BOT_OK && hd_next_admin(&p, who, user)) {
        struct store_member adm;
        rc = store_member_by_identity(ctx->st, who, user, &adm);
        if (rc == BOT_NOTFOUND) { /* staff who never registered: a push to the identity, where one reaches */
            rc = hd_can_push_private(ctx, who, user) ? hd_queue(ctx, job, who, NULL, user, text) : BOT_OK;
            if (!hd_can_push_private(ctx, who, user))
                bot_log(BOT_LOG_WARN, "staff %s:%s is no member yet and no push reaches it: not told (%s)", who, user, job);
        } else if (rc == BOT_OK && !(adm.roles & STORE_ROLE_ADMIN) && !listed(skip, nskip, adm.id) &&
                   staff_hears(ctx, adm.id, building)) {
            rc = hd_tell_until(ctx, adm.id, job, text, request, stale_at);
        }
    }
    return rc;
}

void hd_fund_use_text(const struct store_fund_spent *u, char *out, size_t size)
{
    char h[24];
    size_t len = 0;
    out[0] = '\0';
    hd_hours_text(u->minutes > 0 ? u->minutes : 0, h);
    bot_appendf(out, size, &len, "已用 %s", h);
    if (u->approved > 0) {
        hd_hours_text(u->approved, h);
        bot_appendf(out, size, &len, "（其中经批准超出预算 %s）", h);
    }
    if (u->waiting > 0) {
        hd_hours_text(u->waiting, h);
        bot_appendf(out, size, &len, "，待批 %s", h);
    }
}

/* The fund's use for building's members' services finished in the month holding `at` (*u zero when there is none). */
static enum bot_rc fund_use_of(const struct hd_ctx *ctx, const char *building, int64_t at, struct store_fund_spent *u)
{
    int n = 0;
    int64_t next;
    memset(u, 0, sizeof *u);
    int64_t from = month_start(ctx, at, &next);
    enum bot_rc rc = store_fund_spent(ctx->st, from, next, building, hd_confirm_due(ctx), u, 1, &n);
    if (rc == BOT_OK && n == 0)
        memset(u, 0, sizeof *u);
    return rc;
}

enum bot_rc hd_fund_budget_hold(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                                int minutes, int *held)
{
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_fund_spent spent;
    char subject[24], period[16];
    *held = 0;
    if (rules->fund_budget_hours <= 0 && !hd_self_marked(r, req))
        return BOT_OK;
    snprintf(subject, sizeof subject, "%lld", (long long)r->id);
    int approved = 0;
    enum bot_rc rc = job_marked(ctx, "fund_approved", r->id, &approved);
    if (rc != BOT_OK || approved)
        return rc; /* staff approved it (or the store failed) */
    /* the budget of the month its service finished in, whenever it is paid (play-test 16) */
    int64_t served = r->finished_at ? r->finished_at : ctx->now;
    if ((rc = fund_use_of(ctx, req->building, served, &spent)) != BOT_OK)
        return rc;
    int64_t budget = (int64_t)rules->fund_budget_hours * 60; /* what staff approved past it is not the budget's */
    int self = hd_self_marked(r, req);
    if (!self && spent.minutes - spent.approved + minutes <= budget)
        return BOT_OK;
    /* past the budget: the credit waits, finished, and staff hear of it once for these minutes */
    *held = 1;
    snprintf(period, sizeof period, "%d", minutes);
    /* the latest hold is what staff approve (基金批准 pays these minutes); staff hear once of each amount */
    rc = store_job_mark(ctx->st, "fund_held", subject, period, ctx->now);
    if (rc == BOT_DUP)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    /* the building's month as 基金 shows it, this hold among what waits (待批) */
    char h[24], used[160], text[480], month[24];
    if ((rc = fund_use_of(ctx, req->building, served, &spent)) != BOT_OK)
        return rc;
    month_name(ctx, served, month);
    hd_hours_text(minutes, h);
    hd_fund_use_text(&spent, used, sizeof used);
    if (self) { /* the 公益 mark is its own volunteer's word alone (a mark never checked at accept, an undo) */
        struct store_member vol;
        if ((rc = store_member_get(ctx->st, r->volunteer_id, &vol)) != BOT_OK)
            return rc;
        snprintf(text, sizeof text, "#%lld %s 应由社区基金支付 %s，但它是接单的 %s 自己设为公益的，基金不能只凭收钱人自己的话付款。"
                                    "核实无误请发「基金批准 #%lld」；不该公益的请发「取消公益 #%lld」，由需求方支付。",
                 (long long)r->id, r->service, h, hd_display_name(&vol), (long long)r->id, (long long)r->id);
    } else
        snprintf(text, sizeof text, "#%lld %s 应由社区基金支付 %s，超出了%s%s的基金预算（%d 小时）：%s（含这笔）。"
                                    "同意请发「基金批准 #%lld」。",
                 (long long)r->id, r->service, h, req->building[0] ? req->building : "未填楼栋的邻居", month,
                 rules->fund_budget_hours, used, (long long)r->id);
    /* true while it waits: not read once approved (confirmed) or withdrawn (its state moved), nor, a 代录, past the
     * deadline it lapses at, ticked or not (play95: staff read 「同意请发基金批准 #4」 beside 已批准) */
    int64_t lapse_at = r->proxy ? hd_due_at(ctx, r) : 0;
    if ((rc = hd_tell_staff_except(ctx, req->building, "fund_budget", text, r->id, lapse_at, NULL, 0)) != BOT_OK)
        return rc;
    char note[256], over[64]; /* the volunteer learns why the hours have not come yet */
    snprintf(over, sizeof over, "超出了本楼%s的基金预算", month);
    snprintf(note, sizeof note, "#%lld（%s）的 %s 由社区基金支付，%s，正在等工作人员批准，批准后到账。", (long long)r->id,
             r->service, h, self ? "公益是您自己标记的" : over);
    return hd_tell_until(ctx, r->volunteer_id, "fund_budget", note, r->id, lapse_at);
}

enum bot_rc hd_held_why(const struct hd_ctx *ctx, const struct store_request *r, enum hd_held *why)
{
    int held = 0, approved = 0;
    enum bot_rc rc;
    *why = HD_HELD_NONE;
    if (r->status != STORE_REQ_FINISHED)
        return BOT_OK;
    if (r->proxy) {
        if ((rc = job_marked(ctx, "proxy_held", r->id, &held)) != BOT_OK ||
            (held && (rc = job_marked(ctx, "proxy_approved", r->id, &approved)) != BOT_OK))
            return rc;
        if (held && !approved) {
            *why = HD_HELD_REVIEW;
            return BOT_OK;
        }
    }
    if ((rc = job_marked(ctx, "fund_held", r->id, &held)) != BOT_OK)
        return rc;
    if (held)
        *why = HD_HELD_FUND;
    return BOT_OK;
}

/* Why a 代录 r (elder req, volunteer vol) needs a second person: its volunteer holds a role, or the elder's 代录 hours
 * that day pass max_request_hours; why[] = "" when neither. Said to reader: the volunteer reads 您是楼长. */
static enum bot_rc proxy_review_reason(const struct hd_ctx *ctx, const struct store_request *r,
                                       const struct store_member *req, const struct store_member *vol, int64_t reader,
                                       char why[160])
{
    const struct hd_rules *rules = &ctx->set->rules;
    int staff = 0;
    why[0] = '\0';
    enum bot_rc rc;
    if ((rc = hd_member_is_staff(ctx->st, ctx->set, vol, &staff)) != BOT_OK)
        return rc;
    int role = staff || (vol->roles & STORE_ROLE_MANAGER) || vol->manager_building[0];
    int64_t day = bot_day_start(bot_local_day(r->finished_at, ctx->set->utc_offset), ctx->set->utc_offset);
    int64_t that_day = 0;
    if ((rc = store_proxy_elder_minutes(ctx->st, req->id, day, day + 86400, &that_day)) != BOT_OK)
        return rc;
    int over = that_day > (int64_t)rules->max_request_hours * 60;
    char day_h[24];
    hd_hours_text((int)that_day, day_h);
    if (role && reader == vol->id)
        snprintf(why, 160, "您是%s", staff ? "工作人员" : "楼长");
    else if (role)
        snprintf(why, 160, "志愿者 %s 是%s", hd_display_name(vol), staff ? "工作人员" : "楼长");
    else if (over)
        snprintf(why, 160, "%s 这一天已被代录 %s，超过每天 %d 小时", hd_display_name(req), day_h,
                 rules->max_request_hours);
    return BOT_OK;
}

enum bot_rc hd_proxy_review_hold(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                                 const struct store_member *vol, int minutes, int *held)
{
    int phones = 0, done = 0;
    *held = 0;
    enum bot_rc rc = store_member_identity_count(ctx->st, req->id, &phones);
    if (rc != BOT_OK || phones > 0) /* a member with her own identity: her own 确认 is the second word */
        return rc;
    if ((rc = job_marked(ctx, "proxy_approved", r->id, &done)) != BOT_OK || done)
        return rc;
    if ((rc = job_marked(ctx, "fund_held", r->id, &done)) != BOT_OK || done)
        return rc; /* held by the budget after this check had passed: staff's 基金批准 pays it */
    char why[160];
    if ((rc = proxy_review_reason(ctx, r, req, vol, 0, why)) != BOT_OK || !why[0])
        return rc;
    *held = 1;
    char subject[24], period[16];
    snprintf(subject, sizeof subject, "%lld", (long long)r->id);
    snprintf(period, sizeof period, "%d", minutes);
    rc = store_job_mark(ctx->st, "proxy_held", subject, period, ctx->now);
    if (rc == BOT_DUP)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    struct store_member by;
    int64_t by_id = 0;
    if ((rc = store_proxy_by(ctx->st, r->id, &by_id)) != BOT_OK)
        return rc;
    memset(&by, 0, sizeof by);
    if (by_id && (rc = store_member_get(ctx->st, by_id, &by)) != BOT_OK)
        return rc;
    char h[24], text[560];
    hd_hours_text(minutes, h);
    snprintf(text, sizeof text, "代录 #%lld 等待核实（%s）：%s 录入 %s 为 %s %s %s，积分还没有发放。"
                                "核实无误请发「批准代录 #%lld」，录错了请发「撤销代录 #%lld」；%d 小时内没人批准就不记。",
             (long long)r->id, why, by_id ? hd_display_name(&by) : "楼长", hd_display_name(vol), hd_display_name(req),
             r->service, h, (long long)r->id, (long long)r->id, ctx->set->rules.confirm_hours);
    /* whoever may approve it hears it, privately and once: the 楼长 of her building who neither recorded nor served it,
     * then staff (one of them 楼长 as well is told once); never the recorder or the volunteer, who may not. The notice
     * is true until the 代录 lapses (hd_proxy_lapse's deadline, ticked or not): never read as waiting after it (play88:
     * staff read 「#12 等待核实」 a day after #12 had closed), nor after it was approved or withdrawn (its state moved) */
    int64_t lapse_at = hd_due_at(ctx, r);
    int64_t told[PROXY_APPROVERS + 2], mgr[PROXY_APPROVERS];
    int nt = 0, nm = 0;
    told[nt++] = by_id;
    told[nt++] = vol->id;
    if (req->building[0] && (rc = store_managers_of(ctx->st, req->building, mgr, PROXY_APPROVERS, &nm)) != BOT_OK)
        return rc;
    for (int i = 0; i < nm; i++) {
        if (listed(told, nt, mgr[i]))
            continue;
        if ((rc = hd_tell_until(ctx, mgr[i], "proxy_held", text, r->id, lapse_at)) != BOT_OK)
            return rc;
        told[nt++] = mgr[i];
    }
    if ((rc = hd_tell_staff_except(ctx, req->building, "proxy_held", text, r->id, lapse_at, told, nt)) != BOT_OK)
        return rc;
    char note[256]; /* the volunteer learns why the hours have not come yet */
    snprintf(note, sizeof note, "代录 #%lld（为 %s %s %s）要等工作人员或本楼另一位楼长核实后才记入您的时间余额。",
             (long long)r->id, hd_display_name(req), r->service, h);
    return hd_tell_own(ctx, vol->id, "proxy", note);
}

/* A held 代录's people: its requester, volunteer and recorder (by zeroed, *by_id 0, when none). */
static enum bot_rc proxy_people(const struct hd_ctx *ctx, const struct store_request *r, struct store_member *req,
                                struct store_member *vol, struct store_member *by, int64_t *by_id)
{
    enum bot_rc rc;
    *by_id = 0;
    memset(by, 0, sizeof *by);
    if ((rc = store_member_get(ctx->st, r->requester_id, req)) != BOT_OK ||
        (rc = store_member_get(ctx->st, r->volunteer_id, vol)) != BOT_OK ||
        (rc = store_proxy_by(ctx->st, r->id, by_id)) != BOT_OK)
        return rc;
    return *by_id ? store_member_get(ctx->st, *by_id, by) : BOT_OK;
}

/* A held 代录 closed unpaid at its deadline. Nothing was paid nor held on any account (a hold is a mark, not a leg):
 * closing it is the whole of it, no journal row. */
static enum bot_rc proxy_close(const struct hd_ctx *ctx, struct store_request *r)
{
    r->status = STORE_REQ_CANCELLED;
    return store_request_update(ctx->st, r);
}

enum bot_rc hd_proxy_lapse(const struct hd_ctx *ctx, struct store_request *r)
{
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_member req, vol, by;
    int64_t by_id;
    enum bot_rc rc;
    if ((rc = proxy_people(ctx, r, &req, &vol, &by, &by_id)) != BOT_OK)
        return rc;
    char why[160], vwhy[160]; /* why it needed a second person, as the hold said (read before it closes: the day's
                               * hours count it); the volunteer reads 您是楼长 */
    if ((rc = proxy_review_reason(ctx, r, &req, &vol, 0, why)) != BOT_OK ||
        (rc = proxy_review_reason(ctx, r, &req, &vol, vol.id, vwhy)) != BOT_OK || (rc = proxy_close(ctx, r)) != BOT_OK)
        return rc;
    char h[24], text[400];
    hd_hours_text(hd_estimate_minutes(rules, r), h);
    snprintf(text, sizeof text, "您代录的 #%lld（%s 为 %s %s %s）%s%s%s要有工作人员或本楼另一位楼长「批准代录」才记，"
                                "%d 小时内没有人批准，没有记积分，已关闭。确实服务过的话，请重新代录，并请他们当天批准。",
             (long long)r->id, hd_display_name(&vol), hd_display_name(&req), r->service, h, why[0] ? "因为" : "", why,
             why[0] ? "，" : "", rules->confirm_hours);
    if (by_id && (rc = hd_tell(ctx, by_id, "auto_confirm", text, NULL)) != BOT_OK)
        return rc;
    char mgr[64];
    if ((rc = hd_manager_name(ctx, req.building, vol.id, mgr)) != BOT_OK)
        return rc;
    snprintf(text, sizeof text, "代录 #%lld（您为 %s %s %s）%s%s%s要有工作人员或本楼另一位楼长批准才记，%d 小时内没有人批准，"
                                "没有记积分，已关闭。确实服务过的话，请找%s重新代录。",
             (long long)r->id, hd_display_name(&req), r->service, h, vwhy[0] ? "因为" : "", vwhy, vwhy[0] ? "，" : "",
             rules->confirm_hours, by_id ? hd_display_name(&by) : mgr);
    return hd_tell(ctx, vol.id, "auto_confirm", text, NULL);
}

enum bot_rc hd_proxy_fund_lapse(const struct hd_ctx *ctx, struct store_request *r)
{
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_member req, vol, by;
    int64_t by_id;
    enum bot_rc rc;
    if ((rc = proxy_people(ctx, r, &req, &vol, &by, &by_id)) != BOT_OK || (rc = proxy_close(ctx, r)) != BOT_OK)
        return rc;
    char h[24], text[480], mgr[64];
    hd_hours_text(hd_estimate_minutes(rules, r), h);
    if ((rc = hd_manager_name(ctx, req.building, by_id, mgr)) != BOT_OK)
        return rc;
    snprintf(text, sizeof text, "您代录的 #%lld（%s 为 %s %s %s）由社区基金支付，超出了本楼本月的基金预算，要工作人员「基金批准」"
                                "才记。%d 小时内没有批准，没有记积分，已关闭。确实服务过的话，请和工作人员商量后重新代录。",
             (long long)r->id, hd_display_name(&vol), hd_display_name(&req), r->service, h, rules->confirm_hours);
    if (by_id && (rc = hd_tell(ctx, by_id, "auto_confirm", text, NULL)) != BOT_OK)
        return rc;
    snprintf(text, sizeof text, "代录 #%lld（您为 %s %s %s）由社区基金支付，超出了本楼本月的基金预算，%d 小时内工作人员没有批准，"
                                "没有记积分，已关闭。有疑问请找%s。",
             (long long)r->id, hd_display_name(&req), r->service, h, rules->confirm_hours,
             by_id ? hd_display_name(&by) : mgr);
    if ((rc = hd_tell(ctx, vol.id, "auto_confirm", text, NULL)) != BOT_OK)
        return rc;
    /* those who could have approved it (staff of her building), but its recorder and volunteer told above */
    int64_t told[2] = {by_id, vol.id};
    snprintf(text, sizeof text, "代录 #%lld（%s 为 %s %s %s）等基金批准超过 %d 小时，没有批准，没有记积分，已关闭。",
             (long long)r->id, hd_display_name(&vol), hd_display_name(&req), r->service, h, rules->confirm_hours);
    return hd_tell_staff_except(ctx, req.building, "proxy_lapse", text, r->id, 0, told, 2);
}

/* A held 代录 nobody approved in time is closed (hd_proxy_lapse), and approving it is refused as such. */
static void proxy_lapsed_said(struct hd_call *c, int64_t id)
{
    hd_say(c->out, "代录 #%lld %d 小时内没有人批准，已经关闭，没有记积分。确实服务过的话，请楼长重新代录后当天批准。",
           (long long)id, c->ctx->set->rules.confirm_hours);
}

/* 批准代录 #N: a 代录 held for a second person, paid now by staff or a 楼长 of her building who neither recorded nor
 * served it. Past the confirm deadline (the tick's, hd_confirm_due) it has lapsed, ticked or not: refused as closed. */
static enum bot_rc proxy_approve(struct hd_call *c, struct store_request *r, enum hd_outcome *outcome)
{
    struct store_member elder, vol;
    int64_t by = 0;
    enum bot_rc rc;
    if (hd_due_from(r) <= hd_confirm_due(c->ctx)) { /* the tick has not run yet: the deadline is the same */
        proxy_lapsed_said(c, r->id);
        return BOT_OK;
    }
    if ((rc = store_proxy_by(c->ctx->st, r->id, &by)) != BOT_OK ||
        (rc = store_member_get(c->ctx->st, r->requester_id, &elder)) != BOT_OK ||
        (rc = store_member_get(c->ctx->st, r->volunteer_id, &vol)) != BOT_OK)
        return rc;
    if (c->me->id == by || c->me->id == vol.id) {
        hd_say(c->out, "代录 #%lld 是%s，要由工作人员或本楼另一位楼长核实批准。", (long long)r->id,
               c->me->id == by ? "您录入的" : "以您为志愿者的");
        return BOT_OK;
    }
    if (!hd_speaks_for(c, &elder)) {
        hd_say(c->out, "代录 #%lld 由工作人员或 %s 的楼长核实批准。", (long long)r->id,
               elder.building[0] ? elder.building : "本楼");
        return BOT_OK;
    }
    char subject[24];
    snprintf(subject, sizeof subject, "%lld", (long long)r->id);
    if ((rc = store_job_claim(c->ctx->st, "proxy_approved", subject, "1", c->ctx->now)) != BOT_OK && rc != BOT_DUP)
        return rc;
    /* its wait for 批准代录 ended, though it stays finished when the fund's budget holds it next: 「核实无误请发批准代录」
     * is not read after now (what the approval writes below is) */
    if ((rc = store_request_notices_end(c->ctx->st, r->id, c->ctx->now)) != BOT_OK)
        return rc;
    int minutes = hd_estimate_minutes(&c->ctx->set->rules, r), payable = 0;
    int64_t after = 0, limit = 0;
    if ((rc = hd_payable(c->ctx, r, &elder, minutes, &after, &limit, &payable)) != BOT_OK)
        return rc;
    rc = payable ? hd_credit_request(c->ctx, r, minutes, c->me->id) : BOT_LIMIT;
    if (rc == BOT_LIMIT) { /* said with her numbers (play-test: 已到透支上限 at 欠7小时 of a 10-hour limit) */
        char why[320];
        past_limit_text(c->ctx, &elder, minutes, after, limit, why, sizeof why);
        hd_say(c->out, "%s，代录 #%lld 这次没有批准。可以先「设为补贴 %s」（由社区基金支付）再批准。", why, (long long)r->id,
               hd_display_name(&elder));
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    char h[24], note[256];
    hd_hours_text(minutes, h);
    *outcome = HD_CHANGED;
    if (r->status != STORE_REQ_CONFIRMED) { /* the fund pays past its monthly budget: staff's 基金批准 next */
        hd_say(c->out, "已核实代录 #%lld。它由社区基金支付，超出了本月基金预算，积分还要等工作人员「基金批准 #%lld」。",
               (long long)r->id, (long long)r->id);
        return BOT_OK;
    }
    snprintf(note, sizeof note, "代录 #%lld 已核实：%s 为 %s %s %s，已记入 %s 的时间余额。", (long long)r->id,
             hd_display_name(&vol), hd_display_name(&elder), r->service, h, hd_display_name(&vol));
    /* the volunteer is told once, privately, as 您 (play95: 赵楼长 read 「【请转告 马秀兰】…已记入 赵楼长 的时间余额」
     * about himself, and no volunteer without a push heard of the credit); one who passes her notices on (her 楼长)
     * reads it in his own words, with her name to tell, and not again as her 【请转告】 */
    int vol_relays = 0;
    if ((rc = hd_relayed_to(c->ctx, elder.id, "proxy", vol.id, &vol_relays)) != BOT_OK)
        return rc;
    struct hd_ctx ectx = *c->ctx;
    if (vol_relays)
        ectx.actor = vol.id;
    char vnote[320];
    snprintf(vnote, sizeof vnote, "代录 #%lld 已核实：您为 %s %s %s，已记入您的时间余额。%s%s%s", (long long)r->id,
             hd_display_name(&elder), r->service, h, vol_relays ? "请转告 " : "", vol_relays ? hd_display_name(&elder) : "",
             vol_relays ? "（没有手机）。" : "");
    int relayed = 0; /* the recorder who reads it as her 【请转告】 is not told it again */
    if ((rc = hd_notice(&ectx, elder.id, "proxy", note)) != BOT_OK ||
        (rc = hd_tell_own(c->ctx, vol.id, "proxy", vnote)) != BOT_OK ||
        (by && (rc = hd_relayed_to(c->ctx, elder.id, "proxy", by, &relayed)) != BOT_OK) ||
        (by && by != c->me->id && !relayed && (rc = hd_tell(c->ctx, by, "proxy", note, NULL)) != BOT_OK))
        return rc;
    hd_say(c->out, "已批准代录 #%lld：%s 为 %s %s %s，积分已发放。", (long long)r->id, hd_display_name(&vol),
           hd_display_name(&elder), r->service, h);
    return BOT_OK;
}

enum bot_rc hd_fund_approve(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_request r;
    struct store_member vol;
    char subject[24], period[16];
    int64_t minutes = 0;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found || (hd_is_admin(c) && hd_outside_scope(c, r.id))) /* a branch admin: her branch's */
        return rc;
    enum hd_held why = HD_HELD_NONE;
    if ((rc = hd_held_why(c->ctx, &r, &why)) != BOT_OK)
        return rc;
    if (why == HD_HELD_REVIEW) /* 批准代录 (or 基金批准) on a 代录 waiting for a second person */
        return proxy_approve(c, &r, outcome);
    int held = 0, approved = 0; /* held, never approved, and closed: it lapsed (hd_proxy_lapse) */
    if (r.proxy && r.status == STORE_REQ_CANCELLED &&
        ((rc = job_marked(c->ctx, "proxy_held", r.id, &held)) != BOT_OK ||
         (held && (rc = job_marked(c->ctx, "proxy_approved", r.id, &approved)) != BOT_OK)))
        return rc;
    int lapsed = 0; /* a 代录 waiting for 基金批准 lapsed by the tick (hd_proxy_fund_lapse) */
    if (r.proxy && r.status == STORE_REQ_CANCELLED && !(held && !approved) &&
        (rc = job_marked(c->ctx, "proxy_lapse", r.id, &lapsed)) != BOT_OK)
        return rc;
    /* past the confirm deadline it has lapsed, ticked or not: the deadline is the same */
    if ((held && !approved) || lapsed ||
        (r.proxy && why == HD_HELD_FUND && hd_due_from(&r) <= hd_confirm_due(c->ctx))) {
        proxy_lapsed_said(c, r.id);
        return BOT_OK;
    }
    if (!hd_is_admin(c)) { /* a 楼长 approves a held 代录 only; the fund's budget is staff's */
        hd_say(c->out, why == HD_HELD_FUND ? "#%lld 等的是基金批准，只有工作人员可以批准。" : "#%lld 没有等待批准的积分。",
               (long long)r.id);
        return BOT_OK;
    }
    snprintf(subject, sizeof subject, "%lld", (long long)r.id);
    rc = store_job_last_period(c->ctx->st, "fund_held", subject, period, sizeof period);
    if (rc == BOT_NOTFOUND || (rc == BOT_OK && r.status != STORE_REQ_FINISHED)) {
        hd_say(c->out, "#%lld 没有等待基金批准的积分。发「基金」看哪些单在等批准。", (long long)r.id);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (bot_parse_i64(period, &minutes) != BOT_OK || minutes <= 0 || minutes > 24 * 60)
        return BOT_DB;
    if ((rc = store_job_claim(c->ctx->st, "fund_approved", subject, "1", c->ctx->now)) != BOT_OK && rc != BOT_DUP)
        return rc;
    rc = hd_credit_request(c->ctx, &r, (int)minutes, c->me->id);
    if (rc == BOT_LIMIT) {
        hd_say(c->out, "#%lld 现在不能支付（超过透支上限），这次没有批准；可以先「调整积分」再批准。", (long long)r.id);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    struct store_member req;
    struct store_fund_spent use;
    if ((rc = store_member_get(c->ctx->st, r.volunteer_id, &vol)) != BOT_OK ||
        (rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK ||
        (rc = fund_use_of(c->ctx, req.building, r.finished_at ? r.finished_at : c->ctx->now, &use)) != BOT_OK)
        return rc;
    char month[24];
    month_name(c->ctx, r.finished_at ? r.finished_at : c->ctx->now, month);
    char h[24], note[200], used[160];
    hd_hours_text((int)minutes, h);
    hd_fund_use_text(&use, used, sizeof used);
    snprintf(note, sizeof note, "#%lld（%s）已由工作人员批准，社区基金支付 %s，%s 获得 %s。", (long long)r.id,
             r.service, h, hd_display_name(&vol), h);
    if ((rc = hd_tell(c->ctx, r.requester_id, "fund_budget", note, NULL)) != BOT_OK ||
        (rc = hd_tell(c->ctx, r.volunteer_id, "fund_budget", note, NULL)) != BOT_OK)
        return rc;
    hd_say(c->out, "已批准 #%lld：社区基金支付 %s 给 %s。%s%s基金%s。", (long long)r.id, h, hd_display_name(&vol),
           req.building[0] ? req.building : "未填楼栋的邻居", month, used);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_fund(struct hd_call *c)
{
    struct store_account fund;
    struct store_fund_spent spent[16];
    struct store_history h[5];
    int ns = 0, nh = 0;
    char b[24];
    char only[STORE_BUILDING_MAX]; /* staff all, a branch admin her branch (issue 18), a 楼长 his building */
    hd_staff_scope(c, only);
    /* the fund read: a branch admin's branch's, a 楼长's building's branch's, else branch 1's ('fund') */
    int64_t branch = store_scope_branch(only);
    struct store_branch br;
    enum bot_rc rc = branch || !only[0] ? BOT_OK : store_building_branch(c->ctx->st, only, &branch);
    if (rc == BOT_OK && branch > STORE_BRANCH_DEFAULT && (rc = store_branch_get(c->ctx->st, branch, &br)) == BOT_OK)
        rc = store_account_at(c->ctx->st, c->ctx->now, br.fund_account, &fund);
    else if (rc == BOT_OK)
        rc = store_account_by_name(c->ctx->st, STORE_ACCOUNT_FUND, &fund);
    if (rc != BOT_OK)
        return rc;
    int64_t next, month = month_start(c->ctx, c->ctx->now, &next);
    if ((rc = store_fund_spent(c->ctx->st, month, next, only, hd_confirm_due(c->ctx), spent, 16, &ns)) != BOT_OK ||
        (rc = (only[0] && !store_scope_branch(only) /* a 楼长: his building's part of the shared fund */
                   ? store_history_building(c->ctx->st, fund.id, only, h, 5, &nh)
                   : store_history(c->ctx->st, fund.id, h, 5, &nh))) != BOT_OK)
        return rc;
    int64_t waiting[8];
    int nw = 0;
    if ((rc = store_fund_waiting(c->ctx->st, only, hd_confirm_due(c->ctx), waiting, 8, &nw)) != BOT_OK)
        return rc;
    size_t len = 0;
    char *buf = c->out->text;
    char branches[512] = ""; /* the alliance's staff: each branch's fund, when there are several */
    size_t blen = 0;
    if (!only[0] && hd_is_admin(c) && (rc = hd_branch_funds_text(c, branches, sizeof branches, &blen)) != BOT_OK)
        return rc;
    const char *whose = blen ? "本会（第一个分会）" : "社区"; /* the fund read first is named among several */
    hd_hours_text(fund.balance < 0 ? -fund.balance : fund.balance, b);
    if (fund.balance < 0) /* the fund pays ahead of what comes in: not a debt of anyone's */
        bot_appendf(buf, sizeof c->out->text, &len, "%s基金已垫付 %s（余额 -%s）。", whose, b, b);
    else
        bot_appendf(buf, sizeof c->out->text, &len, "%s基金余额 %s。", whose, b);
    bot_appendf(buf, sizeof c->out->text, &len, "%s", branches);
    if (nw > 0) {
        bot_appendf(buf, sizeof c->out->text, &len, "\n超出本月预算、等待批准：");
        for (int i = 0; i < nw; i++)
            bot_appendf(buf, sizeof c->out->text, &len, "%s#%lld", i ? " " : "", (long long)waiting[i]);
        bot_appendf(buf, sizeof c->out->text, &len, hd_is_admin(c) ? "（同意请发「基金批准 #单号」）" : "（等工作人员批准）");
    }
    /* read as the approval reads it: one past its deadline has lapsed, ticked or not (play88) */
    if ((rc = store_proxy_waiting(c->ctx->st, only, hd_confirm_due(c->ctx), waiting, 8, &nw)) != BOT_OK)
        return rc;
    if (nw > 0) {
        bot_appendf(buf, sizeof c->out->text, &len, "\n代录等待核实：");
        for (int i = 0; i < nw; i++)
            bot_appendf(buf, sizeof c->out->text, &len, "%s#%lld", i ? " " : "", (long long)waiting[i]);
        bot_appendf(buf, sizeof c->out->text, &len, "（核实无误请发「批准代录 #单号」，录入人和志愿者本人不能批准）");
    }
    bot_appendf(buf, sizeof c->out->text, &len, "\n本月%s基金支出", store_scope_branch(only) ? "本分会各楼" : only[0] ? only : "各楼");
    if (c->ctx->set->rules.fund_budget_hours > 0)
        bot_appendf(buf, sizeof c->out->text, &len, "（每楼每月预算 %d 小时）", c->ctx->set->rules.fund_budget_hours);
    bot_appendf(buf, sizeof c->out->text, &len, "：%s", ns == 0 ? "还没有" : "");
    for (int i = 0; i < ns; i++) { /* as the hold and the approval notices count it: paid, approved past it, 待批 */
        char used[160];
        hd_fund_use_text(&spent[i], used, sizeof used);
        bot_appendf(buf, sizeof c->out->text, &len, "%s%s %s", i ? "；" : "", spent[i].building[0] ? spent[i].building : "未填楼栋", used);
    }
    if (nh > 0)
        bot_appendf(buf, sizeof c->out->text, &len, "\n%s最近 %d 笔：", only[0] && !store_scope_branch(only) ? only : "",
                    nh);
    for (int i = 0; i < nh; i++) {
        char when[HD_WHEN_MAX];
        hd_format_when(h[i].at, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_hours_text(h[i].minutes < 0 ? -h[i].minutes : h[i].minutes, b);
        bot_appendf(buf, sizeof c->out->text, &len, "\n%s %s%s %s", when, h[i].minutes < 0 ? "-" : "+", b,
                    h[i].memo[0] ? h[i].memo : hd_kind_text(h[i].kind));
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

static enum bot_rc activity_close(struct hd_call *c, const struct store_activity *a)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    int64_t fund; /* each credit from the fund of the member's branch */
    int64_t members[512];
    int n = 0;
    enum bot_rc rc;
    if ((rc = store_activity_participants(c->ctx->st, a->id, members, 512, &n)) != BOT_OK)
        return rc;
    char memo[160];
    snprintf(memo, sizeof memo, "活动%lld %s", (long long)a->id, a->title);
    for (int i = 0; i < n && rules->activity_participant_credits > 0; i++) {
        struct store_member m;
        if ((rc = store_member_get(c->ctx->st, members[i], &m)) != BOT_OK ||
            (rc = hd_branch_fund(c->ctx, &m, &fund)) != BOT_OK ||
            (rc = hd_move(c->ctx, fund, m.account_id, (int64_t)rules->activity_participant_credits * 60,
                          STORE_KIND_ACTIVITY, 0, memo, 0)) != BOT_OK)
            return rc;
    }
    int bonus = n >= rules->activity_min_participants && rules->activity_organiser_credits > 0;
    if (bonus) {
        struct store_member org;
        if ((rc = store_member_get(c->ctx->st, a->organiser_id, &org)) != BOT_OK ||
            (rc = hd_branch_fund(c->ctx, &org, &fund)) != BOT_OK ||
            (rc = hd_move(c->ctx, fund, org.account_id, (int64_t)rules->activity_organiser_credits * 60,
                          STORE_KIND_ACTIVITY, 0, memo, 0)) != BOT_OK)
            return rc;
    }
    if ((rc = store_activity_close(c->ctx->st, a->id, c->ctx->now)) != BOT_OK)
        return rc;
    char extra[64] = "";
    if (bonus)
        snprintf(extra, sizeof extra, "，组织者另 +%d", rules->activity_organiser_credits);
    hd_say(c->out, "活动%lld「%s」结束：%d 人签到，每人 +%d小时%s。", (long long)a->id, a->title, n,
           rules->activity_participant_credits, extra);
    return BOT_OK;
}

/* 创建活动 TITLE TIME PLACE [LENGTH]: asked again until it has all three. */
static enum bot_rc activity_create(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_result *nr = c->nr;
    const struct hd_rules *rules = &c->ctx->set->rules;
    if (nr->reason[0] && !nr->has_start && nr->bad_time[0]) {
        hd_say(c->out, "%s「%s」%s，请写公历哪天几点，例如「创建活动 广场舞 明天上午9点 社区广场」。这次没有创建。",
               nr->bad_time_lunar ? "" : "您写的", nr->bad_time, nr->bad_time_lunar ? "是农历的日子，我算不准是哪天" : "没有这个时间");
        return BOT_OK;
    }
    if (!nr->reason[0] || !nr->has_start || !nr->location[0]) {
        hd_say(c->out, "活动要写明名称、时间和地点，例如「创建活动 广场舞 明天上午9点 社区广场」（可加时长：2小时）。"
                       "这次%s。", nr->reason[0] && !nr->has_start ? "缺时间，没有创建" : !nr->reason[0] ? "没有创建" : "缺地点，没有创建");
        return BOT_OK;
    }
    if (nr->start + (int64_t)(nr->minutes > 0 ? nr->minutes : rules->activity_default_minutes) * 60 <= c->ctx->now) {
        hd_say(c->out, "这个时间已经过去了，请写以后的时间，例如「创建活动 %s 明天上午9点 %s」。", nr->reason, nr->location);
        return BOT_OK;
    }
    int64_t id, ends = nr->start + (int64_t)(nr->minutes > 0 ? nr->minutes : rules->activity_default_minutes) * 60;
    enum bot_rc rc = store_activity_create(c->ctx->st, c->me->id, nr->reason, nr->start, ends, nr->location,
                                           c->ctx->now, &id);
    if (rc != BOT_OK)
        return rc;
    char when[HD_WHEN_MAX], end[HD_WHEN_MAX];
    hd_format_when(nr->start, c->ctx->now, c->ctx->set->utc_offset, when);
    hd_format_clock(ends, c->ctx->set->utc_offset, end);
    hd_say(c->out, "已创建活动%lld「%s」：%s–%s，%s。开始前 %d 分钟到结束前都可签到：到场的邻居发「签到 活动%lld」，"
                   "没有手机的由组织者或楼长代签「签到 活动%lld 姓名 姓名」。",
           (long long)id, nr->reason, when, end, nr->location,
           rules->activity_signin_before_minutes, (long long)id, (long long)id);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* Outside the activity's sign-in window: the reply says when it is, 1. */
static int activity_closed_for_signin(struct hd_call *c, const struct store_activity *a)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    if (!a->starts_at) /* created before activities carried a time */
        return 0;
    int64_t opens = a->starts_at - (int64_t)rules->activity_signin_before_minutes * 60;
    char when[HD_WHEN_MAX];
    if (c->ctx->now < opens) {
        hd_format_when(opens, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_say(c->out, "活动%lld「%s」还没开始签到，%s 起可以签到，到时请再发「签到 活动%lld」。", (long long)a->id,
               a->title, when, (long long)a->id);
        return 1;
    }
    if (c->ctx->now > a->ends_at) {
        hd_format_when(a->ends_at, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_say(c->out, "活动%lld「%s」已在 %s 结束，不能再签到了。漏签的请找组织者或工作人员。", (long long)a->id,
               a->title, when);
        return 1;
    }
    return 0;
}

/* The organiser (or a 楼长, staff) signs in the members named: @mentions, or registered names (members without a
 * chat identity among them). Names not found or not unique are listed back, never dropped in silence. */
static enum bot_rc activity_sign_names(struct hd_call *c, const struct store_activity *a, int *signed_in)
{
    char done[256] = "", again[256] = "", unknown[256] = "";
    size_t ld = 0, la = 0, lu = 0;
    enum bot_rc rc;
    int targets = nlp_target_count(c->nr);
    for (int i = 0; i < targets; i++) {
        const char *t = nlp_target(c->nr, i);
        struct store_member m;
        int count = 0;
        rc = store_member_by_identity(c->ctx->st, c->msg->platform, t, &m);
        if (rc == BOT_NOTFOUND)
            rc = hd_member_named(c->ctx, t, &m, &count);
        if (rc == BOT_NOTFOUND || (rc == BOT_OK && count > 1)) {
            bot_appendf(unknown, sizeof unknown, &lu, "%s%s%s", lu ? "、" : "", t, count > 1 ? "（同名多位）" : "");
            continue;
        }
        if (rc != BOT_OK)
            return rc;
        if (m.id == a->organiser_id || !m.registered) { /* the organiser is no participant; a participant is a member */
            bot_appendf(unknown, sizeof unknown, &lu, "%s%s%s", lu ? "、" : "", t,
                        m.id == a->organiser_id ? "（组织者不用签到）" : "（还没注册）");
            continue;
        }
        rc = store_activity_sign(c->ctx->st, a->id, m.id, c->ctx->now);
        if (rc == BOT_DUP) {
            bot_appendf(again, sizeof again, &la, "%s%s", la ? "、" : "", hd_display_name(&m));
            continue;
        }
        if (rc != BOT_OK)
            return rc;
        bot_appendf(done, sizeof done, &ld, "%s%s", ld ? "、" : "", hd_display_name(&m));
        (*signed_in)++;
    }
    int64_t members[512];
    int total = 0;
    if ((rc = store_activity_participants(c->ctx->st, a->id, members, 512, &total)) != BOT_OK)
        return rc;
    size_t len = 0;
    char *buf = c->out->text;
    size_t sz = sizeof c->out->text;
    if (ld)
        bot_appendf(buf, sz, &len, "活动%lld「%s」签到成功：%s。", (long long)a->id, a->title, done);
    else
        bot_appendf(buf, sz, &len, "活动%lld「%s」这次没有新签到的人。", (long long)a->id, a->title);
    if (la)
        bot_appendf(buf, sz, &len, "已签到过：%s。", again);
    if (lu)
        bot_appendf(buf, sz, &len, "没有签上：%s（请核对姓名；没登记的老人可由楼长「代注册 姓名 楼号」后再签）。", unknown);
    if (c->nr->names_more)
        bot_appendf(buf, sz, &len, "一次最多代签 %d 人，后面的名字这次没有签，请再发一次。", NLP_MAX_NAMES);
    bot_appendf(buf, sz, &len, "现共签到 %d 人。", total);
    c->out->has_reply = 1;
    return BOT_OK;
}

enum bot_rc hd_activity(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_activity a;
    enum bot_rc rc;
    *outcome = HD_REFUSED;
    if (c->nr->intent == NLP_ACTIVITY_CREATE)
        return activity_create(c, outcome);
    int64_t id = c->nr->activity_id;
    if (id <= 0 && c->nr->intent == NLP_ACTIVITY_SIGN) { /* 签到 alone: the one activity open for sign-in now */
        int64_t open[4];
        int n = 0;
        if ((rc = store_activities_open(c->ctx->st, c->ctx->now,
                                        (int64_t)c->ctx->set->rules.activity_signin_before_minutes * 60, open, 4, &n)) != BOT_OK)
            return rc;
        if (n != 1) {
            if (n == 0)
                hd_say(c->out, "现在没有可以签到的活动。签到请写活动编号，例如「签到 活动3」。");
            else
                hd_say(c->out, "现在有几个活动可以签到，请写活动编号，例如「签到 活动%lld」。", (long long)open[0]);
            return BOT_OK;
        }
        id = open[0];
    }
    rc = store_activity_get(c->ctx->st, id, &a);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "没有找到活动%lld，请核对活动编号（创建活动时回复里有）。", (long long)c->nr->activity_id);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (a.closed) {
        hd_say(c->out, "活动%lld 已经结束了。", (long long)a.id);
        return BOT_OK;
    }
    if (c->nr->intent == NLP_ACTIVITY_CLOSE) {
        if (refuse_unless(c, a.organiser_id == c->me->id || hd_is_admin(c), "活动组织者"))
            return BOT_OK;
        if ((rc = activity_close(c, &a)) != BOT_OK)
            return rc;
        *outcome = HD_CHANGED;
        return BOT_OK;
    }
    /* sign in: oneself, or (organiser/manager) the members named; only inside the activity's window */
    if (activity_closed_for_signin(c, &a))
        return BOT_OK;
    int signed_in = 0;
    if (nlp_target_count(c->nr) > 0) {
        if (refuse_unless(c, a.organiser_id == c->me->id || hd_is_manager(c), "活动组织者"))
            return BOT_OK;
        if ((rc = activity_sign_names(c, &a, &signed_in)) != BOT_OK)
            return rc;
    } else {
        /* the rule book pays participants and, past 10 of them, the organiser: she is not one of the 10, and a
         * participant is a registered member (helper-58: the organiser and six unregistered chat users made the 10) */
        if (a.organiser_id == c->me->id) {
            hd_say(c->out, "您是活动%lld 的组织者，不用签到。签到的参加者满 %d 人，结束活动时您会得到 %d小时。", (long long)a.id,
                   c->ctx->set->rules.activity_min_participants, c->ctx->set->rules.activity_organiser_credits);
            return BOT_OK;
        }
        if (!c->me->registered) {
            hd_say(c->out, "请先注册再签到：发「注册 姓名 3号楼」（换成您的名字和楼号），然后再发「签到 活动%lld」。", (long long)a.id);
            return BOT_OK;
        }
        rc = store_activity_sign(c->ctx->st, a.id, c->me->id, c->ctx->now);
        if (rc == BOT_DUP) {
            hd_say(c->out, "您已经签到过活动%lld 了。", (long long)a.id);
            return BOT_OK;
        }
        if (rc != BOT_OK)
            return rc;
        signed_in = 1;
        int64_t members[512];
        int total = 0;
        if ((rc = store_activity_participants(c->ctx->st, a.id, members, 512, &total)) != BOT_OK)
            return rc;
        hd_say(c->out, "活动%lld「%s」签到成功，现共签到 %d 人。", (long long)a.id, a.title, total);
    }
    *outcome = signed_in ? HD_CHANGED : HD_REFUSED;
    return BOT_OK;
}
