/* complaints.c — complaints with deadlines: told, listed, answered, escalated, decided; an order's record. */
#include "handlers.h"

#include <stdlib.h>

#include <string.h>

#define DAY 86400
#define COMPLAINT_LIST_MAX 20
#define COMPLAINT_MANAGERS 8
#define RECORD_LEGS 20
#define RECORD_COMPLAINTS 5
#define RECORD_ACTIONS 12 /* accepts, give-backs, cancels and strikes listed in #N 记录 */
#define RECORD_MOVES 8        /* changes of an order's start shown in its record */

static enum bot_rc hold_account(const struct hd_ctx *ctx, int64_t *id)
{
    struct store_account a;
    enum bot_rc rc = store_account_by_name(ctx->st, STORE_ACCOUNT_HOLD, &a);
    if (rc == BOT_OK)
        *id = a.id;
    return rc;
}

/* The name of member id (邻居 when it has none or there is no such member). */
static void name_of(const struct hd_ctx *ctx, int64_t id, char out[64])
{
    struct store_member m;
    if (id && store_member_get(ctx->st, id, &m) == BOT_OK)
        bot_strlcpy(out, hd_display_name(&m), 64);
    else
        bot_strlcpy(out, id ? "邻居" : "—", 64);
}

/* 楼长 王建国 / 工作人员 周敏 / 刘强: a member as the record names everyone, by role and name, never a phone or an
 * address; "" when she cannot be read. */
static void role_name(const struct hd_call *c, int64_t id, char *out, size_t size)
{
    struct store_member m;
    out[0] = '\0';
    if (store_member_get(c->ctx->st, id, &m) != BOT_OK)
        return;
    int staff = 0;
    if (hd_member_is_staff(c->ctx->st, c->ctx->set, &m, &staff) != BOT_OK)
        staff = 0;
    const char *role = (m.roles & STORE_ROLE_MANAGER) ? "楼长" : staff ? "工作人员" : "";
    if (!m.registered && role[0]) /* staff on the command line, never registered: the role alone, not 邻居 */
        snprintf(out, size, "%s", role);
    else
        snprintf(out, size, "%s%s%s", role, role[0] ? " " : "", hd_display_name(&m));
}

/* 李奶奶（楼长 王建国 代发）: a request her 楼长 (or staff) posted for her. */
static void poster_text(const struct hd_call *c, const char *req, int64_t by, char *out, size_t size)
{
    char who[96];
    role_name(c, by, who, sizeof who);
    if (who[0])
        snprintf(out, size, "%s（%s 代发）", req, who);
    else
        snprintf(out, size, "%s（代发）", req);
}

/* The 楼长 of the requester's building (none of them staff: staff hear it as staff) and the staff, privately. */
static enum bot_rc tell_managers_and_staff(const struct hd_ctx *ctx, const char *building, const char *job,
                                           const char *said, int64_t request, int64_t party1, int64_t party2)
{
    /* one rule for every copy (play-test 17, 8: the 楼长's notice read 137****2222, the staff's push the whole number):
     * a phone number written in a complaint or a report is masked as 转告 masks it, pushed or kept */
    char text[1024];
    bot_strlcpy(text, said, sizeof text);
    hd_mask_phones(text);
    int64_t mgr[COMPLAINT_MANAGERS];
    int n = 0;
    enum bot_rc rc = BOT_OK;
    if (building[0] && (rc = store_managers_of(ctx->st, building, mgr, COMPLAINT_MANAGERS, &n)) != BOT_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        struct store_member m;
        if ((rc = store_member_get(ctx->st, mgr[i], &m)) != BOT_OK)
            return rc;
        if (m.id == party1 || m.id == party2) /* a side of the order is never asked to answer its complaint */
            continue;
        if (!(m.roles & STORE_ROLE_ADMIN) && (rc = hd_tell_about(ctx, m.id, job, text, NULL, request)) != BOT_OK)
            return rc;
    }
    /* staff who are a side of it neither handle it nor read its words as its handler (play-test: admin's own order) */
    const int64_t parties[2] = {party1, party2};
    return hd_tell_staff_except(ctx, building, job, text, request, 0, parties, 2);
}

/* May the sender answer complaints on r (staff, or a 楼长 of its requester's building)? */
static enum bot_rc may_answer(struct hd_call *c, const struct store_request *r, int *may)
{
    struct store_member req;
    *may = hd_is_admin(c);
    if (*may) { /* a branch admin: her branch's orders (issue 18) */
        *may = hd_staff_covers_request(c, r->id);
        return BOT_OK;
    }
    if (!c->me->manager_building[0])
        return BOT_OK;
    enum bot_rc rc = store_member_get(c->ctx->st, r->requester_id, &req);
    if (rc == BOT_OK)
        *may = req.building[0] && strcmp(req.building, c->me->manager_building) == 0;
    return rc;
}

/* Is the sender a party to complaint comp on r (either side of the order, or the complainant)? Then 1, and the reply
 * says who answers it: another 楼长 of the building or staff (staff: another staff member). */
static int party_to(struct hd_call *c, const struct store_request *r, const struct store_complaint *comp)
{
    int64_t me = c->me ? c->me->id : 0;
    if (!me || (me != r->requester_id && me != r->volunteer_id && me != comp->complainant_id))
        return 0;
    hd_say(c->out, "#%lld 的投诉涉及您本人，您不能%s。请%s来办。", (long long)r->id,
           c->nr->intent == NLP_RESOLVE ? "处理" : "受理", hd_is_admin(c) ? "另一位工作人员" : "本楼另一位楼长或工作人员");
    return 1;
}

/* A volunteer's grievance about an order he served (投诉 #6 需求方刁难): a complaint about a service is the requester's
 * and holds the volunteer's own credit (play-test 84: his words froze his hour, took her place and were decided as
 * hers), so his is no complaint but a report, passed privately to the requester's 楼长 and staff as it was written.
 * Nothing is frozen, the order stays as it is, and the requester may still complain; he is told it was passed on. */
static enum bot_rc volunteer_report(struct hd_call *c, const struct store_request *r, enum hd_outcome *outcome)
{
    struct store_member req;
    enum bot_rc rc = store_member_get(c->ctx->st, r->requester_id, &req);
    if (rc != BOT_OK)
        return rc;
    char text[512];
    snprintf(text, sizeof text,
             "志愿者反映：#%lld（%s，需求方 %s），志愿者 %s 说：%s\n这不是需求方的投诉，没有冻结积分；请了解情况，需要时联系双方。",
             (long long)r->id, r->service, hd_display_name(&req), hd_display_name(c->me), c->msg->text);
    if ((rc = tell_managers_and_staff(c->ctx, req.building, "volunteer_report", text, 0, r->requester_id,
                                      r->volunteer_id)) != BOT_OK)
        return rc;
    hd_say(c->out, "已把您说的 #%lld 的情况转告楼长和工作人员，他们会了解情况、联系您。这不影响您的积分。", (long long)r->id);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* A complaint that comes to nothing (dismissed, malicious, withdrawn): what it held (from hold) back to the volunteer
 * (vol_account), the order as it was before it (prev). */
static enum bot_rc complaint_undone(struct hd_call *c, struct store_request *r, const struct store_complaint *comp,
                                    int64_t hold, int64_t vol_account, enum store_req_status prev, const char *memo,
                                    int64_t *txn)
{
    enum bot_rc rc;
    *txn = 0;
    if (comp->held_minutes &&
        (rc = hd_move_txn(c->ctx, hold, vol_account, comp->held_minutes, STORE_KIND_DISPUTE, r->id, memo, 0, txn)) !=
            BOT_OK)
        return rc;
    r->status = prev;
    return store_request_update(c->ctx->st, r);
}

/* 撤销投诉 #3 by the one who made it (or filed it for her): as if it had not been made — what it held back to the
 * volunteer, the order as it was, the complaint closed as withdrawn by her; the other side and staff told (play-test
 * 15: she found the money, and 已在处理中 said nothing while his hour stayed held for a week). */
static enum bot_rc withdraw(struct hd_call *c, struct store_request *r, enum hd_outcome *outcome)
{
    struct store_complaint comp;
    enum bot_rc rc = store_complaint_open_for(c->ctx->st, r->id, &comp);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "#%lld 没有正在处理的投诉，不用撤销。", (long long)r->id);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (comp.complainant_id != c->me->id && comp.filed_by != c->me->id) {
        hd_say(c->out, "#%lld 的投诉只有投诉的人可以撤销；有意见请找工作人员。", (long long)r->id);
        return BOT_OK;
    }
    enum store_req_status prev;
    if ((rc = store_req_status_from_name(comp.prev_status, &prev)) != BOT_OK)
        return BOT_DB;
    int64_t hold, back_txn = 0;
    char memo[64];
    snprintf(memo, sizeof memo, "#%lld 投诉撤销", (long long)r->id);
    struct store_member vol = {.account_id = 0};
    if ((rc = hold_account(c->ctx, &hold)) != BOT_OK ||
        (comp.held_minutes && (rc = store_member_get(c->ctx->st, r->volunteer_id, &vol)) != BOT_OK) ||
        (rc = complaint_undone(c, r, &comp, hold, vol.account_id, prev, memo, &back_txn)) != BOT_OK ||
        (rc = store_complaint_resolve(c->ctx->st, comp.id, "withdrawn", c->me->id, c->ctx->now)) != BOT_OK)
        return rc;
    char text[320];
    snprintf(text, sizeof text, "#%lld 的投诉已由投诉人撤销，这一单恢复为「%s」%s。", (long long)r->id, hd_status_text(prev),
             comp.held_minutes ? "，冻结的积分已退回志愿者" : "");
    int64_t other = comp.complainant_id == r->requester_id ? r->volunteer_id : r->requester_id;
    if (other && (rc = hd_tell(c->ctx, other, "complaint", text, NULL)) != BOT_OK)
        return rc;
    struct store_member req;
    if ((rc = store_member_get(c->ctx->st, r->requester_id, &req)) != BOT_OK ||
        (rc = tell_managers_and_staff(c->ctx, req.building, "complaint", text, 0, r->requester_id, r->volunteer_id)) !=
            BOT_OK)
        return rc;
    hd_say(c->out, "已撤销您对 #%lld 的投诉，这一单恢复为「%s」%s，已告诉对方和工作人员。", (long long)r->id,
           hd_status_text(prev), comp.held_minutes ? "，冻结的积分已退回志愿者" : "");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_complaint(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_request r;
    struct store_complaint comp;
    struct store_member req;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    /* the requester's; or the 楼长 (or staff) for an elder without a phone of his building, who cannot write herself
     * (helper-62: her complaint had no way in): it is hers, filed for her. The volunteer's words are a report. */
    if (r.volunteer_id && c->me->id == r.volunteer_id && c->me->id != r.requester_id)
        return volunteer_report(c, &r, outcome);
    int64_t complainant = c->me->id;
    if (c->me->id != r.requester_id) {
        int phones = 1;
        if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK ||
            (rc = store_member_identity_count(c->ctx->st, req.id, &phones)) != BOT_OK)
            return rc;
        if (phones > 0 || !hd_speaks_for(c, &req)) {
            hd_say(c->out, "只有 #%lld 的双方可以投诉。其他问题请联系楼长。", (long long)r.id);
            return BOT_OK;
        }
        complainant = req.id;
    }
    if (hd_link_held(c, "投诉")) /* a complaint can put the account's credit on hold */
        return BOT_OK;
    if (r.status == STORE_REQ_DISPUTED && c->nr->withdraw)
        return withdraw(c, &r, outcome);
    if (r.status == STORE_REQ_DISPUTED) {
        hd_say(c->out, "#%lld 的投诉已在处理中。", (long long)r.id);
        return BOT_OK;
    }
    if (c->nr->withdraw) {
        hd_say(c->out, "#%lld 没有正在处理的投诉，不用撤销。", (long long)r.id);
        return BOT_OK;
    }
    if (r.status == STORE_REQ_OPEN || r.status == STORE_REQ_CANCELLED || r.status == STORE_REQ_EXPIRED) {
        hd_say(c->out, "#%lld 还没有人服务，不能投诉；不需要了可以「取消 #%lld」。", (long long)r.id, (long long)r.id);
        return BOT_OK;
    }
    memset(&comp, 0, sizeof comp);
    comp.request_id = r.id;
    comp.complainant_id = complainant;
    comp.filed_by = complainant != c->me->id ? c->me->id : 0;
    bot_strlcpy(comp.prev_status, store_req_status_name(r.status), sizeof comp.prev_status);
    if (r.status == STORE_REQ_CONFIRMED && r.credited_minutes > 0) {
        /* hold what the volunteer received, as far as their limit allows */
        struct store_member vol;
        struct store_account va;
        int64_t hold;
        if ((rc = store_member_get(c->ctx->st, r.volunteer_id, &vol)) != BOT_OK ||
            (rc = store_account_at(c->ctx->st, c->ctx->now, vol.account_id, &va)) != BOT_OK ||
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
        if (m > 0 && (rc = hd_move(c->ctx, va.id, hold, m, STORE_KIND_DISPUTE, r.id, memo, 1)) != BOT_OK)
            return rc;
        comp.held_minutes = (int)(m > 0 ? m : 0);
    }
    if ((rc = store_complaint_create(c->ctx->st, &comp, c->msg->text, c->ctx->now)) != BOT_OK)
        return rc;
    r.status = STORE_REQ_DISPUTED;
    if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK)
        return rc;
    /* the building's 楼长 and the staff hear of it now, privately */
    char rname[64], vname[64], text[512];
    if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK)
        return rc;
    name_of(c->ctx, r.volunteer_id, vname);
    bot_strlcpy(rname, hd_display_name(&req), sizeof rname);
    char who[160];
    if (complainant != c->me->id)
        snprintf(who, sizeof who, "%s（代 %s）", hd_display_name(c->me), rname);
    else
        bot_strlcpy(who, hd_display_name(c->me), sizeof who);
    snprintf(text, sizeof text,
             "新投诉：#%lld（%s，需求方 %s，志愿者 %s），%s 投诉：%s\n请在 %d 分钟内联系双方并回复「受理投诉 #%lld」；"
             "工作人员处理发「处理投诉 #%lld 退款|减半|禁止接单7天|驳回|恶意投诉」。",
             (long long)r.id, r.service, rname, vname, who, c->msg->text,
             rules->complaint_response_minutes, (long long)r.id, (long long)r.id);
    /* bound to the order, disputed now: once the complaint is decided, an alert not yet read is not shown (helper-70) */
    if ((rc = tell_managers_and_staff(c->ctx, req.building, "complaint", text, r.id, r.requester_id, r.volunteer_id)) !=
        BOT_OK)
        return rc;
    /* the other side hears it from the bot, not first from a frozen balance */
    int64_t other = complainant == r.requester_id ? r.volunteer_id : r.requester_id;
    if (other) {
        char held[24], note[320];
        hd_hours_text(comp.held_minutes, held);
        snprintf(note, sizeof note, "#%lld（%s）收到了投诉%s%s%s。楼长或工作人员会联系您了解情况，处理结果会告诉您。",
                 (long long)r.id, r.service, comp.held_minutes && other == r.volunteer_id ? "，您的 " : "",
                 comp.held_minutes && other == r.volunteer_id ? held : "",
                 comp.held_minutes && other == r.volunteer_id ? "先冻结" : "");
        if ((rc = hd_tell(c->ctx, other, "complaint", note, NULL)) != BOT_OK)
            return rc;
    }
    hd_say(c->out, "已收到对 #%lld 的投诉，相关积分先冻结。已告诉楼长和工作人员，%d 分钟内会有人联系您。",
           (long long)r.id, rules->complaint_response_minutes);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* The open complaint on #N and its order, or a reply why not (*found = 0). */
static enum bot_rc load_open(struct hd_call *c, struct store_request *r, struct store_complaint *comp, int *found)
{
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, r, found);
    if (rc != BOT_OK || !*found)
        return rc;
    rc = store_complaint_open_for(c->ctx->st, r->id, comp);
    if (rc == BOT_NOTFOUND) {
        *found = 0;
        hd_say(c->out, "#%lld 没有待处理的投诉。发「投诉列表」看看还有哪些。", (long long)r->id);
        return BOT_OK;
    }
    return rc;
}

enum bot_rc hd_complaint_ack(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_request r;
    struct store_complaint comp;
    int found, may;
    *outcome = HD_REFUSED;
    enum bot_rc rc = load_open(c, &r, &comp, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if ((rc = may_answer(c, &r, &may)) != BOT_OK)
        return rc;
    if (!may) {
        hd_say(c->out, "抱歉，#%lld 的投诉由需求方楼栋的楼长或工作人员受理。", (long long)r.id);
        return BOT_OK;
    }
    if (comp.filed_by == c->me->id) { /* he filed it for her: another 楼长 or staff answers it */
        hd_say(c->out, "#%lld 的投诉是您代提的，请另一位楼长或工作人员受理。", (long long)r.id);
        return BOT_OK;
    }
    if (party_to(c, &r, &comp)) /* helper-73: the volunteer complained about had accepted it himself */
        return BOT_OK;
    if (comp.responded_at) {
        char ago[32];
        hd_age_text(c->ctx->now - comp.responded_at, ago);
        if (hd_is_admin(c))
            hd_say(c->out, "#%lld 的投诉 %s前已受理。处理发「处理投诉 #%lld 退款|减半|禁止接单7天|驳回|恶意投诉」。",
                   (long long)r.id, ago, (long long)r.id);
        else
            hd_say(c->out, "#%lld 的投诉 %s前已受理，等工作人员处理。", (long long)r.id, ago);
        return BOT_OK;
    }
    if ((rc = store_complaint_respond(c->ctx->st, comp.id, c->ctx->now)) != BOT_OK)
        return rc;
    char text[256];
    snprintf(text, sizeof text, "您对 #%lld 的投诉已由 %s 受理，会尽快联系您。", (long long)r.id,
             hd_display_name(c->me));
    if ((rc = hd_tell(c->ctx, comp.complainant_id, "complaint", text, NULL)) != BOT_OK)
        return rc;
    if (hd_is_admin(c))
        hd_say(c->out, "已受理 #%lld 的投诉，投诉人已收到通知。请在 %d 小时内处理：「处理投诉 #%lld 退款|减半|禁止接单7天|驳回|恶意投诉」。",
               (long long)r.id, c->ctx->set->rules.complaint_decision_hours, (long long)r.id);
    else /* a 楼长 listens to both sides; staff decide */
        hd_say(c->out, "已受理 #%lld 的投诉，投诉人已收到通知。请联系双方了解情况，工作人员会在 %d 小时内处理。",
               (long long)r.id, c->ctx->set->rules.complaint_decision_hours);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_complaint_list(struct hd_call *c)
{
    if (c->msg->is_group) { /* names and what they wrote: never in a group */
        hd_say(c->out, "投诉列表只在私聊里看：请私聊我发「投诉列表」。");
        return BOT_OK;
    }
    struct store_complaint list[COMPLAINT_LIST_MAX];
    int n = 0;
    char building[STORE_BUILDING_MAX]; /* staff all, a branch admin her branch (issue 18), a 楼长 his building */
    hd_staff_scope(c, building);
    enum bot_rc rc = store_complaints_open(c->ctx->st, building, list, COMPLAINT_LIST_MAX, &n);
    if (rc != BOT_OK)
        return rc;
    char text[HD_REPLY_MAX];
    size_t len = 0;
    if (n == 0)
        bot_appendf(text, sizeof text, &len, "%s没有待处理的投诉。",
                    store_scope_branch(building) ? "本分会" : building);
    else
        bot_appendf(text, sizeof text, &len, "待处理的投诉（%d 件，最早的在前）：", n);
    int others = 0; /* complaints the reader may act on */
    for (int i = 0; i < n; i++) {
        struct store_request r;
        char who[64], ago[32], head[64];
        if ((rc = store_request_get(c->ctx->st, list[i].request_id, &r)) != BOT_OK)
            return rc;
        hd_age_text(c->ctx->now - list[i].created_at, ago);
        int64_t me = c->me ? c->me->id : 0;
        if (me && (me == r.requester_id || me == r.volunteer_id || me == list[i].complainant_id)) {
            /* a party to it (a 楼长 accused, or who complained): only that it exists, never the other side's words
             * (play-test s5: the accused volunteer read them, and 受理投诉 #N he may not send) */
            bot_appendf(text, sizeof text, &len, "\n#%lld 有一件涉及您本人的投诉（%s前），由%s处理。", (long long)r.id, ago,
                        hd_is_admin(c) ? "另一位工作人员" : "本楼另一位楼长或工作人员");
            continue;
        }
        others++;
        name_of(c->ctx, list[i].complainant_id, who);
        bot_strlcpy(head, list[i].text, sizeof head);
        bot_appendf(text, sizeof text, &len, "\n#%lld %s，%s 投诉，%s前，%s：%s", (long long)r.id, r.service, who, ago,
                    list[i].responded_at ? "已受理" : "未受理", head);
    }
    if (hd_is_admin(c)) { /* members a complaint sent to retraining, until staff clear them */
        struct store_retraining t[COMPLAINT_LIST_MAX];
        int nt = 0;
        if ((rc = store_members_retraining(c->ctx->st, t, COMPLAINT_LIST_MAX, &nt)) != BOT_OK)
            return rc;
        for (int i = 0; i < nt; i++) {
            char who[64];
            name_of(c->ctx, t[i].member_id, who);
            bot_appendf(text, sizeof text, &len, "%s%s（#%lld）", i ? "、" : "\n待培训：", who,
                        (long long)t[i].request_id);
        }
        if (nt)
            bot_appendf(text, sizeof text, &len, "。培训后发「完成培训 @名字」。");
    }
    if (others)
        bot_appendf(text, sizeof text, &len, hd_is_admin(c) ? "\n受理发「受理投诉 #N」，处理发「处理投诉 #N 退款|减半|禁止接单7天|驳回|恶意投诉」。"
                                                             : "\n受理发「受理投诉 #N」，联系双方后由工作人员处理。");
    hd_say(c->out, "%s", text);
    return BOT_OK;
}

/* The held credit of a complaint upheld: all of it back to the payer (refund), or half (halve: the other half
 * back to the volunteer). Nothing held: nothing moves. */
static enum bot_rc settle_hold(struct hd_call *c, const struct store_request *r, const struct store_complaint *comp,
                               int64_t hold, const struct store_member *vol, int halve, int64_t *back,
                               int64_t *bonus_back, int64_t *voucher_back, int64_t *back_txn)
{
    char memo[64];
    enum bot_rc rc;
    snprintf(memo, sizeof memo, "#%lld 投诉处理", (long long)r->id);
    *back = halve ? comp->held_minutes / 2 : comp->held_minutes;
    *back_txn = 0;
    if (*back > 0 &&
        (rc = hd_move_txn(c->ctx, hold, r->payer_account, *back, STORE_KIND_REFUND, r->id, memo, 0, back_txn)) != BOT_OK)
        return rc;
    *bonus_back = 0; /* 首存日: the extra the fund paid for what is refunded goes back to it too */
    if (*back > 0 && (rc = hd_first_deposit_take_back(c->ctx, r, vol, *back, 0, bonus_back)) != BOT_OK)
        return rc;
    *voucher_back = 0; /* what the 体验券 paid of the refunded hours: to the fund that gave it, not the requester */
    int64_t refunded = 0;
    if (*back > 0 && ((rc = store_request_refunded(c->ctx->st, r->id, &refunded)) != BOT_OK ||
                      (rc = hd_voucher_take_back(c->ctx, r, r->credited_minutes - refunded, voucher_back)) != BOT_OK))
        return rc;
    int64_t stays = comp->held_minutes - *back;
    if (stays > 0 && (rc = hd_move(c->ctx, hold, vol->account_id, stays, STORE_KIND_DISPUTE, r->id, memo, 0)) != BOT_OK)
        return rc;
    return BOT_OK;
}

/* A complaint upheld, as its result is written. */
struct upheld {
    int64_t id;
    int halve, fund_paid, closed; /* closed: nothing had been paid, the order closes unpaid */
    int64_t back, taken, voucher; /* minutes back to the payer; the volunteer's penalty; the 体验券's share of back */
    char req[64], vol[64];
};
enum upheld_reader { UPHELD_STAFF, UPHELD_REQUESTER, UPHELD_VOLUNTEER };

/* u's result in reader's words: each side reads about herself as 您 (退还给您, 另一半给您), staff read both names. */
static void upheld_text(const struct upheld *u, enum upheld_reader reader, char *out, size_t size)
{
    char h[24], t[24], to_req[96], to_vol[96], penalty[128] = "";
    hd_hours_text(u->back, h);
    hd_hours_text(u->taken, t);
    if (reader == UPHELD_REQUESTER && u->voucher > 0 && u->voucher < u->back) { /* the voucher's share: to the fund */
        char v[24];
        hd_hours_text(u->voucher, v);
        hd_hours_text(u->back - u->voucher, h);
        snprintf(to_req, sizeof to_req, "体验券付的 %s 退回社区基金，退还给您", v);
    } else if (reader == UPHELD_REQUESTER) {
        snprintf(to_req, sizeof to_req, "退还给您");
    } else {
        snprintf(to_req, sizeof to_req, "退还需求方%s%s", u->req[0] ? " " : "", u->req);
        if (u->voucher > 0 && u->voucher < u->back) /* what she got back, the voucher's share said after (play-test 14:
                                                     * 「退还 2小时」 when she got 1) */
            hd_hours_text(u->back - u->voucher, h);
    }
    if (reader == UPHELD_VOLUNTEER)
        snprintf(to_vol, sizeof to_vol, "另一半给您");
    else
        snprintf(to_vol, sizeof to_vol, "另一半给志愿者%s%s", u->vol[0] ? " " : "", u->vol);
    if (u->taken)
        snprintf(penalty, sizeof penalty, reader == UPHELD_VOLUNTEER ? "另扣您 %s。" : "志愿者%s%.60s 另扣 %s。",
                 reader == UPHELD_VOLUNTEER ? t : u->vol[0] ? " " : "", u->vol, t);
    if (u->closed)
        snprintf(out, size, "投诉成立，#%lld 不付积分，已关闭。%s", (long long)u->id, penalty);
    else if (u->halve)
        snprintf(out, size, "投诉成立，#%lld 积分减半，%s %s，%s。%s", (long long)u->id,
                 u->fund_paid ? "退回社区基金" : to_req, h, to_vol, penalty);
    else
        snprintf(out, size, "投诉成立，#%lld %s %s。%s", (long long)u->id,
                 u->fund_paid ? "退回社区基金（这单由基金支付）" : to_req, h, penalty);
}

enum bot_rc hd_resolve(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_request r;
    struct store_complaint comp;
    int found;
    *outcome = HD_REFUSED;
    enum bot_rc rc = load_open(c, &r, &comp, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (hd_outside_scope(c, r.id)) /* issue 18: a branch admin decides her branch's complaints only */
        return BOT_OK;
    if (party_to(c, &r, &comp)) /* neither side decides its own complaint */
        return BOT_OK;
    int res = c->nr->resolution, ban = c->nr->ban_days;
    if (res < 1 || res > 6) {
        hd_say(c->out, "请写明处理结果：「处理投诉 #%lld 退款」「… 减半」「… 扣分」「… 禁止接单7天」「… 驳回」或「… 恶意投诉」。",
               (long long)r.id);
        return BOT_OK;
    }
    if (res == 6 && comp.filed_by) { /* the elder did not write it: no freeze on her for a 楼长's words */
        hd_say(c->out, "#%lld 的投诉是楼长代老人提的，不能按恶意投诉处理；不成立请发「处理投诉 #%lld 驳回」。", (long long)r.id,
               (long long)r.id);
        return BOT_OK;
    }
    if (ban && (res == 3 || res == 6)) {
        hd_say(c->out, "驳回的投诉不能同时禁止接单。请只写一种：「处理投诉 #%lld 禁止接单7天」或「… 驳回」。", (long long)r.id);
        return BOT_OK;
    }
    enum store_req_status prev;
    if ((rc = store_req_status_from_name(comp.prev_status, &prev)) != BOT_OK) {
        bot_log(BOT_LOG_ERROR, "complaint on #%lld: unknown earlier status '%.32s'", (long long)r.id, comp.prev_status);
        return BOT_DB;
    }
    if (res == 4 && prev != STORE_REQ_CONFIRMED) {
        hd_say(c->out, "#%lld 还没有记入积分，没有可减半的。请选「退款」（取消这单）或「驳回」。", (long long)r.id);
        return BOT_OK;
    }
    int64_t hold;
    struct store_member vol, complainant;
    if ((rc = hold_account(c->ctx, &hold)) != BOT_OK || (rc = store_member_get(c->ctx->st, r.volunteer_id, &vol)) != BOT_OK ||
        (rc = store_member_get(c->ctx->st, comp.complainant_id, &complainant)) != BOT_OK)
        return rc;
    char memo[64], result[320] = "", extra[200] = "", vextra[160] = "";
    char req_result[320] = "", vol_result[320] = ""; /* the result as each side reads it: about herself, 您 */
    char req_note[200] = "", vol_note[200] = ""; /* hours given back already or soon past their date (play-test 16b) */
    int64_t back_txn = 0;
    size_t xlen = 0;
    snprintf(memo, sizeof memo, "#%lld 投诉处理", (long long)r.id);
    const char *status;
    if (res == 3 || res == 6) { /* dismissed: as if no complaint; malicious: the complainant may not request */
        status = res == 3 ? "dismissed" : "malicious";
        if ((rc = complaint_undone(c, &r, &comp, hold, vol.account_id, prev, memo, &back_txn)) != BOT_OK ||
            (rc = hd_restored_expiry_note(c->ctx, vol.account_id, back_txn, vol_note, sizeof vol_note)) != BOT_OK)
            return rc;
        if (res == 3) {
            snprintf(result, sizeof result, "投诉驳回，#%lld 恢复为「%s」。", (long long)r.id, hd_status_text(prev));
        } else {
            int64_t until = c->ctx->now + (int64_t)rules->malicious_freeze_days * DAY;
            if (complainant.frozen_until > until)
                until = complainant.frozen_until;
            if ((rc = store_member_set_int(c->ctx->st, complainant.id, STORE_MF_FROZEN_UNTIL, until)) != BOT_OK)
                return rc;
            char when[HD_WHEN_MAX];
            hd_format_when(until, 0, c->ctx->set->utc_offset, when);
            snprintf(result, sizeof result, "投诉不成立（恶意投诉），#%lld 恢复为「%s」。", (long long)r.id,
                     hd_status_text(prev));
            bot_appendf(extra, sizeof extra, &xlen, "%s 发布求助暂停到 %s。", hd_display_name(&complainant), when);
        }
    } else {
        /* upheld: refund (penalty: and a penalty on the volunteer; a ban alone: a refund), or half back (halve) */
        status = res == 1 ? "refund" : res == 2 ? "penalty" : res == 4 ? "halved" : "ban";
        int64_t back = 0, bonus_back = 0, voucher_back = 0;
        if ((rc = settle_hold(c, &r, &comp, hold, &vol, res == 4, &back, &bonus_back, &voucher_back, &back_txn)) != BOT_OK)
            return rc;
        struct store_member payer; /* what comes back to the requester's own account: hours already or soon expired */
        if (back_txn && (rc = store_member_get(c->ctx->st, r.requester_id, &payer)) == BOT_OK &&
            payer.account_id == r.payer_account)
            rc = hd_restored_expiry_note(c->ctx, payer.account_id, back_txn, req_note, sizeof req_note);
        if (rc != BOT_OK)
            return rc;
        if (voucher_back > 0) {
            char vb[24];
            hd_hours_text(voucher_back, vb);
            bot_appendf(extra, sizeof extra, &xlen, "体验券付的 %s 退回社区基金%s。", vb,
                        res == 4 ? "" : "，体验券还给她，下次求助还能用"); /* all back: unspent (membership.c) */
        }
        if (bonus_back > 0) {
            char b[24];
            hd_hours_text(bonus_back, b);
            bot_appendf(extra, sizeof extra, &xlen, "首存日多给的 %s 也已退回社区基金。", b);
        }
        /* confirmed: the credit stays in the journal, reversed by the refund; else nothing was credited nor will be */
        r.status = prev == STORE_REQ_CONFIRMED ? STORE_REQ_CONFIRMED : STORE_REQ_CANCELLED;
        if ((rc = store_request_update(c->ctx->st, &r)) != BOT_OK)
            return rc;
        int64_t taken = 0;
        if (res == 2 && rules->cancel_penalty > 0 &&
            (rc = hd_penalty(c->ctx, vol.account_id, (int64_t)rules->cancel_penalty * 60, r.id, memo, &taken)) != BOT_OK)
            return rc;
        struct store_member req; /* who paid gets it back: the requester, or the fund for a 公益 or subsidised order */
        if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK)
            return rc;
        struct upheld u = {.id = r.id, .halve = res == 4, .fund_paid = r.payer_account && r.payer_account != req.account_id,
                           .closed = back == 0 && prev != STORE_REQ_CONFIRMED, .back = back, .taken = taken, .voucher = voucher_back};
        if (req.name[0]) /* named as the reader knows them; one without a name is just 需求方 / 志愿者 */
            bot_strlcpy(u.req, hd_display_name(&req), sizeof u.req);
        if (vol.name[0])
            bot_strlcpy(u.vol, hd_display_name(&vol), sizeof u.vol);
        upheld_text(&u, UPHELD_STAFF, result, sizeof result);
        upheld_text(&u, UPHELD_REQUESTER, req_result, sizeof req_result);
        upheld_text(&u, UPHELD_VOLUNTEER, vol_result, sizeof vol_result);
        if (ban) {
            int days = ban > 0 ? ban : rules->complaint_ban_days;
            int64_t until = c->ctx->now + (int64_t)days * DAY;
            if (vol.accept_banned_until > until) /* a longer ban stands */
                until = vol.accept_banned_until;
            if ((rc = store_member_set_int(c->ctx->st, vol.id, STORE_MF_ACCEPT_BANNED_UNTIL, until)) != BOT_OK ||
                (rc = store_member_set_retraining(c->ctx->st, vol.id, r.id)) != BOT_OK)
                return rc;
            char when[HD_WHEN_MAX];
            hd_format_when(until, 0, c->ctx->set->utc_offset, when);
            bot_appendf(extra, sizeof extra, &xlen, "%s 暂停接单到 %s，需参加培训。", hd_display_name(&vol), when);
            snprintf(vextra, sizeof vextra, "您暂停接单到 %s，需参加培训。", when);
        }
    }
    if (!req_result[0]) { /* dismissed or malicious: the same words for everyone */
        bot_strlcpy(req_result, result, sizeof req_result);
        bot_strlcpy(vol_result, result, sizeof vol_result);
    }
    size_t nl = strlen(req_result); /* each side reads what came back to her own account */
    bot_appendf(req_result, sizeof req_result, &nl, "%s", req_note);
    nl = strlen(vol_result);
    bot_appendf(vol_result, sizeof vol_result, &nl, "%s", vol_note);
    if ((rc = store_complaint_resolve(c->ctx->st, comp.id, status, c->me->id, c->ctx->now)) != BOT_OK)
        return rc;
    /* both parties told privately: the complainant and the other side of the order */
    int64_t other = comp.complainant_id == r.requester_id ? r.volunteer_id : r.requester_id;
    char text[600];
    snprintf(text, sizeof text, "您对 #%lld 的投诉处理结果：%s", (long long)r.id,
             comp.complainant_id == r.requester_id ? req_result : vol_result);
    if (res == 6) {
        char when[HD_WHEN_MAX];
        struct store_member now_c;
        if ((rc = store_member_get(c->ctx->st, complainant.id, &now_c)) != BOT_OK)
            return rc;
        hd_format_when(now_c.frozen_until, 0, c->ctx->set->utc_offset, when);
        size_t tl = strlen(text);
        bot_appendf(text, sizeof text, &tl, "您发布求助的权限暂停到 %s，有疑问请联系工作人员。", when);
    }
    /* filed for her: the 楼长 who filed it is told below in his own words, not passed it on as well */
    if ((rc = hd_tell(c->ctx, comp.complainant_id, comp.filed_by ? "complaint_filed_for" : "complaint", text, NULL)) !=
        BOT_OK)
        return rc;
    if (comp.filed_by && comp.filed_by != c->me->id) { /* the 楼长 who filed it for her passes it on */
        snprintf(text, sizeof text, "您代 %s 提的 #%lld 投诉处理结果：%s", hd_display_name(&complainant), (long long)r.id,
                 result);
        if ((rc = hd_tell(c->ctx, comp.filed_by, "complaint", text, NULL)) != BOT_OK)
            return rc;
    }
    if (other) {
        snprintf(text, sizeof text, "#%lld 的投诉处理结果：%s", (long long)r.id, other == vol.id ? vol_result : req_result);
        if (ban && other == vol.id) {
            size_t tl = strlen(text);
            bot_appendf(text, sizeof text, &tl, "%s请联系楼长或工作人员安排培训。", vextra);
        }
        if ((rc = hd_tell(c->ctx, other, "complaint", text, NULL)) != BOT_OK)
            return rc;
    }
    hd_say(c->out, "%s%s", result, extra);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_retrained(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member t;
    int found;
    int64_t from = 0;
    *outcome = HD_REFUSED;
    enum bot_rc rc = hd_find_target(c, 0, &t, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if ((rc = store_member_retraining(c->ctx->st, t.id, &from)) != BOT_OK)
        return rc;
    if (!from) {
        hd_say(c->out, "%s 没有待完成的培训。发「投诉列表」看看谁在等培训。", hd_display_name(&t));
        return BOT_OK;
    }
    if ((rc = store_member_set_retraining(c->ctx->st, t.id, 0)) != BOT_OK)
        return rc;
    hd_say(c->out, "已记下 %s 完成培训（#%lld 的投诉）。", hd_display_name(&t), (long long)from);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* A complaint's status as staff read it. */
static const char *outcome_text(const char *status)
{
    static const struct { const char *s, *text; } names[] = {
        {"open", "待处理"}, {"refund", "退款"}, {"penalty", "退款并扣分"}, {"halved", "积分减半"},
        {"ban", "退款并禁止接单"}, {"dismissed", "驳回"}, {"malicious", "恶意投诉"}, {"withdrawn", "投诉人撤销"},
    };
    for (size_t i = 0; i < BOT_ARRAY_LEN(names); i++)
        if (strcmp(status, names[i].s) == 0)
            return names[i].text;
    return status;
}

/* One line of the record: when, then what (no line for a time never reached). */
/* An order's record, its lines gathered first and told in the order they happened (play-test 11: a move read before
 * the accept it followed). */
#define RECORD_LINES 64
struct record_book {
    struct record_entry {
        int64_t t;
        int seq;
        char line[320];
    } *e;
    int n;
};

static void record_line(struct record_book *rb, const struct hd_ctx *ctx, int64_t t, const char *what, const char *who)
{
    (void)ctx;
    if (!t || !rb->e || rb->n >= RECORD_LINES)
        return;
    struct record_entry *x = &rb->e[rb->n];
    x->t = t;
    x->seq = rb->n++;
    snprintf(x->line, sizeof x->line, "%s%s%s", what, who && who[0] ? " " : "", who ? who : "");
}

static int entry_cmp(const void *a, const void *b)
{
    const struct record_entry *x = a, *y = b;
    return x->t != y->t ? (x->t < y->t ? -1 : 1) : x->seq - y->seq;
}

/* The lines in time order after text (ties in the order they were gathered). */
static void record_render(struct record_book *rb, const struct hd_ctx *ctx, char *text, size_t size, size_t *len)
{
    qsort(rb->e, (size_t)rb->n, sizeof *rb->e, entry_cmp);
    for (int i = 0; i < rb->n; i++) {
        char when[HD_WHEN_MAX];
        hd_format_when(rb->e[i].t, ctx->now, ctx->set->utc_offset, when);
        bot_appendf(text, size, len, "\n%s %s", when, rb->e[i].line);
    }
}

enum bot_rc hd_order_record(struct hd_call *c)
{
    struct store_request r;
    int found;
    if (c->msg->is_group) {
        hd_say(c->out, "订单记录只在私聊里看：请私聊我发「#%lld 记录」。", (long long)c->nr->request_id);
        return BOT_OK;
    }
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found || hd_outside_scope(c, r.id)) /* a branch admin: her branch's orders (issue 18) */
        return rc;
    if (!hd_is_admin(c)) { /* a 楼长: the orders of his building's residents (DESIGN: 楼长 and staff) */
        struct store_member requester;
        if ((rc = store_member_get(c->ctx->st, r.requester_id, &requester)) != BOT_OK)
            return rc;
        if (requester.id != c->me->id && !hd_speaks_for(c, &requester)) {
            hd_say(c->out, "#%lld 不是您负责的楼栋的单，只有工作人员可以查看。", (long long)r.id);
            return BOT_OK;
        }
    }
    char text[HD_REPLY_MAX], req[64], vol[64], est[24];
    size_t len = 0;
    struct record_book rb = {calloc(RECORD_LINES, sizeof *rb.e), 0}; /* worker stacks are small */
    if (!rb.e)
        return BOT_NOMEM;
    name_of(c->ctx, r.requester_id, req);
    name_of(c->ctx, r.volunteer_id, vol);
    hd_hours_text(hd_estimate_minutes(&c->ctx->set->rules, &r), est);
    bot_appendf(text, sizeof text, &len, "#%lld 记录：%s，需求方 %s，志愿者 %s，约%s，现在「%s」。", (long long)r.id,
                r.service, req, r.volunteer_id ? vol : "无", est, hd_status_text(r.status));
    if (r.start_at) {
        char when[HD_WHEN_MAX];
        hd_format_when(r.start_at, c->ctx->now, c->ctx->set->utc_offset, when);
        bot_appendf(text, sizeof text, &len, "约定 %s。", when);
    }
    if (r.public_benefit) { /* 公益: the fund pays it; who marked it (v44) */
        char who[96] = "";
        if (r.public_by)
            role_name(c, r.public_by, who, sizeof who);
        bot_appendf(text, sizeof text, &len, who[0] ? "公益单（%s 设为公益，由基金支付）。" : "公益单（由基金支付）。", who);
    }
    int64_t proxy_by = 0;
    if ((rc = store_proxy_by(c->ctx->st, r.id, &proxy_by)) != BOT_OK)
        goto out;
    char by[64];
    name_of(c->ctx, proxy_by, by);
    int64_t posted_by = 0; /* posted for her by her 楼长 or staff (帮李奶奶求助): said, by name */
    if ((rc = store_request_posted_by(c->ctx->st, r.id, &posted_by)) != BOT_OK)
        goto out;
    char posted[200];
    if (proxy_by)
        snprintf(posted, sizeof posted, "%s（代录：%s）", req, by);
    else if (posted_by && posted_by != r.requester_id)
        poster_text(c, req, posted_by, posted, sizeof posted);
    else
        bot_strlcpy(posted, req, sizeof posted);
    record_line(&rb, c->ctx, r.created_at, "发布", posted);
    struct store_reschedule moves[RECORD_MOVES]; /* each change of its start (改时间), who made it, whom it let go */
    int nm = 0;
    if ((rc = store_reschedules_of(c->ctx->st, r.id, moves, RECORD_MOVES, &nm)) != BOT_OK)
        goto out;
    for (int i = 0; i < nm; i++) {
        char from[HD_WHEN_MAX] = "未定", to[HD_WHEN_MAX], who[64], let[64], what[320];
        if (moves[i].old_start)
            hd_format_when(moves[i].old_start, c->ctx->now, c->ctx->set->utc_offset, from);
        hd_format_when(moves[i].new_start, c->ctx->now, c->ctx->set->utc_offset, to);
        name_of(c->ctx, moves[i].member_id, who);
        name_of(c->ctx, moves[i].released_volunteer, let);
        snprintf(what, sizeof what, "改时间 %s → %s", from, to);
        if (moves[i].released_volunteer) {
            size_t wl = strlen(what);
            bot_appendf(what, sizeof what, &wl, "（%s 的接单取消，不扣分）", let);
        }
        record_line(&rb, c->ctx, moves[i].at, what, who);
    }
    if (r.proxy) { /* 代录: the hours written, no timer (its start and finish the service's day as said, its accept the
                    * recording) */
        char what[64], h[24];
        hd_hours_text(hd_estimate_minutes(&c->ctx->set->rules, &r), h);
        snprintf(what, sizeof what, "代录 %s", h);
        record_line(&rb, c->ctx, r.finished_at, what, vol);
    } else {
        /* every accept, giving back and cancel of it, by whom (play-test 10: a late cancel and a volunteer who gave it
         * back were missing: a 楼长 looking into them could not see them), each undone one said so */
        struct store_order_action *acts = calloc(RECORD_ACTIONS, sizeof *acts); /* worker stacks are small (the
                                                                                     * console reads this record too) */
        int na = 0, current = 0;
        if (!acts) {
            rc = BOT_NOMEM;
            goto out;
        }
        if ((rc = store_order_actions_of(c->ctx->st, r.id, acts, RECORD_ACTIONS, &na)) != BOT_OK) {
            free(acts);
            goto out;
        }
        for (int i = 0; i < na; i++) {
            char who[64], what[200];
            name_of(c->ctx, acts[i].member_id, who);
            if (acts[i].kind == STORE_ACT_RELEASE) { /* staff's 停用 gave his accept back (play-test 16: the record said nothing) */
                char vol_was[64];
                name_of(c->ctx, acts[i].prev_volunteer, vol_was);
                snprintf(what, sizeof what, "%s 的账户被 %s 停用，接单退回（不算爽约），%s", vol_was, who,
                         acts[i].left_status == STORE_REQ_OPEN ? "求助重新开放" : "已过时间，关闭");
                record_line(&rb, c->ctx, acts[i].at, what, NULL);
                continue;
            }
            if (acts[i].kind == STORE_ACT_UNLINKED) { /* 解除关联 gave back what the unlinked identity accepted (play-test 17, 4) */
                snprintf(what, sizeof what, "%s 接单用的关联账号已解除，接单退回（不算爽约），%s", who,
                         acts[i].left_status == STORE_REQ_OPEN ? "求助重新开放" : "已过时间，关闭");
                record_line(&rb, c->ctx, acts[i].at, what, NULL);
                continue;
            }
            if (acts[i].kind == STORE_ACT_ASKED) { /* the no-show question, and to whom (play-test 16b, 11: missing before 爽约) */
                char req_was[64] = "";
                if (acts[i].left_volunteer)
                    name_of(c->ctx, acts[i].left_volunteer, req_was);
                snprintf(what, sizeof what, "约定时间到了还没开始服务：提醒志愿者 %s%s%s%s", who,
                         req_was[0] ? "，问需求方 " : "", req_was, req_was[0] ? " 是否愿意等" : "");
                record_line(&rb, c->ctx, acts[i].at, what, NULL);
                continue;
            }
            if (acts[i].kind == STORE_ACT_TIMER) { /* the timer closed or reopened it */
                const char *left = acts[i].left_status == STORE_REQ_OPEN ? "求助重新开放" : "已关闭（已过期）";
                if (acts[i].prev_volunteer)
                    snprintf(what, sizeof what, "约定时间过了 %d 小时 %s 仍未开始服务，%s", c->ctx->set->rules.no_show_hours,
                             who, left);
                else
                    snprintf(what, sizeof what, "到时间了还没有志愿者接单，%s", left);
                record_line(&rb, c->ctx, acts[i].at, what, NULL);
                continue;
            }
            if (acts[i].kind == STORE_ACT_ACCEPT) {
                snprintf(what, sizeof what, "接单");
                current |= acts[i].member_id == r.volunteer_id && acts[i].at == r.accepted_at && !acts[i].undone_at;
            } else {
                snprintf(what, sizeof what, "%s", acts[i].prev_volunteer == acts[i].member_id ? "退单（不去了）" : "取消");
            }
            if (acts[i].undone_at) {
                size_t wl = strlen(what);
                bot_appendf(what, sizeof what, &wl, "（随后撤销）");
            }
            record_line(&rb, c->ctx, acts[i].at, what, who);
        }
        free(acts);
        if (!current) /* accepted before its actions were kept */
            record_line(&rb, c->ctx, r.accepted_at, "接单", vol);
        record_line(&rb, c->ctx, r.started_at, "开始服务", vol);
        char fin[256] = "结束服务", subject[24]; /* room for the longest name (64 bytes) with the words around it */
        int64_t capped_at = 0; /* the timer stopped at its cap (cap_one), nobody's word: said so, not as his finish */
        snprintf(subject, sizeof subject, "%lld", (long long)r.id);
        if ((rc = store_job_claimed_at(c->ctx->st, "timer_cap", subject, "", &capped_at)) != BOT_OK &&
            rc != BOT_NOTFOUND)
            goto out;
        if (rc == BOT_OK && r.started_at && r.finished_at >= r.started_at) {
            char h[24];
            hd_hours_text((r.finished_at - r.started_at) / 60, h);
            snprintf(fin, sizeof fin, "计时到上限 %s，自动结束服务（%s 没有发「结束了」）", h, vol);
            record_line(&rb, c->ctx, r.finished_at, fin, NULL);
            fin[0] = '\0';
        } else if (r.started_at && r.finished_at >= r.started_at) {
            char h[24];
            hd_hours_text((r.finished_at - r.started_at) / 60, h);
            snprintf(fin, sizeof fin, "结束服务 %s（计时 %s）", vol, h);
        }
        if (fin[0])
            record_line(&rb, c->ctx, r.finished_at, fin, r.started_at && r.finished_at >= r.started_at ? NULL : vol);
    }
    struct store_strike *strikes = calloc(RECORD_ACTIONS, sizeof *strikes); /* what was counted against whom over it */
    int ns = 0;
    if (!strikes) {
        rc = BOT_NOMEM;
        goto out;
    }
    if ((rc = store_strikes_of_request(c->ctx->st, r.id, strikes, RECORD_ACTIONS, &ns)) != BOT_OK) {
        free(strikes);
        goto out;
    }
    for (int i = 0; i < ns; i++) {
        char who[64];
        name_of(c->ctx, strikes[i].member_id, who);
        const char *what = strcmp(strikes[i].kind, STORE_STRIKE_NO_SHOW) == 0       ? "记爽约一次"
                           : strcmp(strikes[i].kind, STORE_STRIKE_LATE_CANCEL) == 0 ? "记临时取消一次"
                           : strcmp(strikes[i].kind, STORE_STRIKE_WITHDRAW) == 0    ? "记看过地址后退单一次"
                                                                                    : "记一次";
        record_line(&rb, c->ctx, strikes[i].at, what, who);
    }
    free(strikes);
    if (r.confirmed_at) { /* whose word paid it (v45): hers, her 楼长's or staff's for her, or nobody's in time */
        char h[24], what[200], who[96] = "";
        hd_hours_text(r.credited_minutes, h);
        if (r.confirmed_by > 0)
            role_name(c, r.confirmed_by, who, sizeof who);
        if (r.confirmed_by == 0)
            snprintf(what, sizeof what, "到期无人确认，自动记入 %s", h);
        else if (who[0] && r.confirmed_by != r.requester_id)
            snprintf(what, sizeof what, "%s 代 %s 确认，记入 %s", who, req, h);
        else if (who[0])
            snprintf(what, sizeof what, "%s 确认，记入 %s", who, h);
        else
            snprintf(what, sizeof what, "确认，记入 %s", h);
        record_line(&rb, c->ctx, r.confirmed_at, what, NULL);
    }
    if (!r.confirmed_at) { /* the timers that closed it unpaid, or could not pay it: each step that changed it is here */
        char subject[24], what[200], h[24];
        int64_t at = 0;
        const struct hd_rules *rules = &c->ctx->set->rules;
        snprintf(subject, sizeof subject, "%lld", (long long)r.id);
        if (r.status == STORE_REQ_CANCELLED &&
            (rc = store_job_claimed_at(c->ctx->st, "auto_confirm", subject, "", &at)) == BOT_OK) {
            if (r.proxy)
                snprintf(what, sizeof what, "到期：%d 小时内没有得到 %s 本人确认，没有记积分，已关闭", rules->confirm_hours, req);
            else {
                hd_hours_text((r.finished_at - r.started_at) / 60, h);
                snprintf(what, sizeof what, "到期：计时只有 %s，%s %d 小时内没有确认，没有记积分，已关闭",
                         r.finished_at - r.started_at < 60 ? "不到1分钟" : h, req, rules->confirm_hours);
            }
            record_line(&rb, c->ctx, at, what, NULL);
        } else if (rc != BOT_OK && rc != BOT_NOTFOUND)
            goto out;
        if (r.status == STORE_REQ_CANCELLED &&
            (rc = store_job_claimed_at(c->ctx->st, "proxy_lapse", subject, "", &at)) == BOT_OK)
            record_line(&rb, c->ctx, at, "到期：没有人批准这笔代录，没有记积分，已关闭", NULL);
        else if (rc != BOT_OK && rc != BOT_NOTFOUND)
            goto out;
        if ((rc = store_job_claimed_at(c->ctx->st, "auto_confirm_stuck", subject, "", &at)) == BOT_OK) {
            snprintf(what, sizeof what, "到期自动确认没有付成：%s 的余额已到透支上限，已告诉楼长和工作人员", req);
            record_line(&rb, c->ctx, at, what, NULL);
        } else if (rc != BOT_NOTFOUND)
            goto out;
        rc = BOT_OK;
    }
    struct store_complaint comps[RECORD_COMPLAINTS];
    int nc = 0;
    if ((rc = store_complaints_of_request(c->ctx->st, r.id, comps, RECORD_COMPLAINTS, &nc)) != BOT_OK)
        goto out;
    for (int i = 0; i < nc; i++) {
        char who[64], what[160];
        name_of(c->ctx, comps[i].complainant_id, who);
        /* a side of the order reads the other side's complaint as existing, never its words (as in 投诉列表) */
        int64_t me = c->me ? c->me->id : 0;
        int words = !(me && (me == r.requester_id || me == r.volunteer_id) && me != comps[i].complainant_id);
        snprintf(what, sizeof what, words ? "投诉（%s）：" : "投诉（%s）", who);
        size_t wl = strlen(what);
        if (words)
            bot_appendf(what, sizeof what, &wl, "%s", comps[i].text);
        record_line(&rb, c->ctx, comps[i].created_at, what, NULL);
        record_line(&rb, c->ctx, comps[i].responded_at != comps[i].resolved_at ? comps[i].responded_at : 0,
                    "投诉受理", NULL);
        char by[96] = ""; /* who decided it */
        if (comps[i].resolver_id > 0)
            role_name(c, comps[i].resolver_id, by, sizeof by);
        snprintf(what, sizeof what, by[0] ? "投诉处理：%s（%s）" : "投诉处理：%s", outcome_text(comps[i].status), by);
        record_line(&rb, c->ctx, comps[i].resolved_at, what, NULL);
    }
    record_render(&rb, c->ctx, text, sizeof text, &len);
    struct store_order_leg legs[RECORD_LEGS];
    int nl = 0;
    if ((rc = store_order_legs(c->ctx->st, r.id, legs, RECORD_LEGS, &nl)) != BOT_OK)
        goto out;
    if (nl)
        bot_appendf(text, sizeof text, &len, "\n积分流水：");
    for (int i = 0; i < nl; i++) {
        char when[HD_WHEN_MAX], h[24];
        hd_format_when(legs[i].at, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_hours_text(legs[i].minutes, h);
        bot_appendf(text, sizeof text, &len, "\n%s %s → %s %s（%s）", when, hd_account_text(legs[i].from, 0),
                    hd_account_text(legs[i].to, 0), h, legs[i].memo[0] ? legs[i].memo : hd_kind_text(legs[i].kind));
    }
    hd_say(c->out, "%s", text);
    rc = BOT_OK;
out:
    free(rb.e);
    return rc;
}

/* ---- the deadlines: a complaint nobody answered, a complaint nobody decided ---- */

static enum bot_rc escalate_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const struct hd_rules *rules = &ctx->set->rules;
    int64_t id = *(const int64_t *)item;
    int decision = *(const int *)arg;
    struct store_complaint comp;
    struct store_request r;
    enum bot_rc rc = store_complaint_get(ctx->st, id, &comp);
    if (rc != BOT_OK)
        return rc;
    if (strcmp(comp.status, "open") != 0 || (!decision && comp.responded_at))
        return BOT_DUP; /* answered or decided since it was read: nothing to say (rolled back, not claimed) */
    if ((rc = store_request_get(ctx->st, comp.request_id, &r)) != BOT_OK)
        return rc;
    char who[64], ago[32], text[512];
    name_of(ctx, comp.complainant_id, who);
    hd_age_text(ctx->now - comp.created_at, ago);
    if (!decision)
        snprintf(text, sizeof text,
                 "投诉超时：#%lld（%s）%s 的投诉已过 %s，超过 %d 分钟还没有人受理。请联系双方并回复「受理投诉 #%lld」。",
                 (long long)r.id, r.service, who, ago, rules->complaint_response_minutes, (long long)r.id);
    else
        snprintf(text, sizeof text,
                 "投诉超时：#%lld（%s）%s 的投诉已过 %s，超过 %d 小时还没有处理。请发「处理投诉 #%lld 退款|减半|禁止接单7天|驳回|恶意投诉」。",
                 (long long)r.id, r.service, who, ago, rules->complaint_decision_hours, (long long)r.id);
    struct store_member req; /* staff of the requester's branch (and the alliance's) hear it, never its sides */
    if ((rc = store_member_get(ctx->st, r.requester_id, &req)) != BOT_OK)
        return rc;
    const int64_t parties[2] = {r.requester_id, r.volunteer_id};
    return hd_tell_staff_except(ctx, req.building, decision ? "complaint_decision" : "complaint_response", text, 0, 0,
                                parties, 2);
}

enum bot_rc hd_job_complaints(const struct hd_ctx *ctx, int *done)
{
    const struct hd_rules *rules = &ctx->set->rules;
    int response = 0, decision = 1;
    int64_t ids[128];
    int n = 0;
    *done = 0;
    enum bot_rc rc = store_complaints_due(ctx->st, ctx->now - (int64_t)rules->complaint_response_minutes * 60, 1, ids,
                                          128, &n);
    if (rc != BOT_OK || (rc = hd_each_claimed(ctx, "complaint_response", "1", ids, n, escalate_one, &response,
                                              done)) != BOT_OK)
        return rc;
    if ((rc = store_complaints_due(ctx->st, ctx->now - (int64_t)rules->complaint_decision_hours * 3600, 0, ids, 128,
                                   &n)) != BOT_OK)
        return rc;
    return hd_each_claimed(ctx, "complaint_decision", "1", ids, n, escalate_one, &decision, done);
}
