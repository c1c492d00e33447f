/* jobs.c — the rule book's timed rules, run by the scheduler thread and by
 * `bot tick`. Idempotent through store_job_claim(); each subject commits alone. */
#include "handlers.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Accounts whose due lots are expired in one write transaction: small enough
 * that a webhook never waits long for the writer lock (see `make bench`). */
#define EXPIRY_BATCH 1000

/* ---- time helpers (local = the community's clock) ---- */

/* UTC epoch of local midnight starting month (y, m). */
static int64_t month_start(const struct hd_ctx *ctx, int y, int m)
{
    while (m < 1) {
        m += 12;
        y--;
    }
    while (m > 12) {
        m -= 12;
        y++;
    }
    return bot_month_start(y, m, ctx->set->utc_offset);
}

/* Tell a member now if a push can reach them, else with their next private reply. */
static enum bot_rc tell(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text)
{
    return hd_tell(ctx, member, job, text, NULL);
}

/* The work for one subject of a job, done inside its claimed transaction. */
typedef hd_claimed_fn claimed_fn;

/* Claim (job, subject, period) and do fn in the same transaction, so the work
 * happens once however often or by however many processes the job runs.
 * Done before (BOT_DUP) or not possible now (BOT_LIMIT, e.g. over the
 * overdraft): rolled back quietly. *done counts what committed. */
static enum bot_rc run_claimed(const struct hd_ctx *ctx, const char *job, const char *subject, const char *period,
                               claimed_fn fn, const void *item, void *arg, int *done)
{
    enum bot_rc rc;
    if ((rc = store_begin(ctx->st)) != BOT_OK)
        return rc;
    rc = store_job_claim(ctx->st, job, subject, period, ctx->now);
    if (rc == BOT_OK)
        rc = fn(ctx, item, arg);
    if (rc == BOT_DUP || rc == BOT_LIMIT) {
        store_rollback(ctx->st);
        return BOT_OK;
    }
    if (rc != BOT_OK) {
        store_rollback(ctx->st);
        return rc;
    }
    if ((rc = store_commit(ctx->st)) != BOT_OK)
        return rc;
    (*done)++;
    return BOT_OK;
}

/* run_claimed for each id, the id being the subject. */
static enum bot_rc each_claimed(const struct hd_ctx *ctx, const char *job, const char *period, const int64_t *ids,
                                int n, claimed_fn fn, void *arg, int *done)
{
    for (int i = 0; i < n; i++) {
        char subject[24];
        snprintf(subject, sizeof subject, "%lld", (long long)ids[i]);
        enum bot_rc rc = run_claimed(ctx, job, subject, period, fn, &ids[i], arg, done);
        if (rc != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

enum bot_rc hd_run_claimed(const struct hd_ctx *ctx, const char *job, const char *subject, const char *period,
                           hd_claimed_fn fn, const void *item, void *arg, int *done)
{
    return run_claimed(ctx, job, subject, period, fn, item, arg, done);
}

enum bot_rc hd_each_claimed(const struct hd_ctx *ctx, const char *job, const char *period, const int64_t *ids, int n,
                            hd_claimed_fn fn, void *arg, int *done)
{
    return each_claimed(ctx, job, period, ids, n, fn, arg, done);
}

/* ---- reminder: 1 h before the start ---- */

static enum bot_rc remind_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    (void)arg;
    struct store_request r;
    enum bot_rc rc = store_request_get(ctx->st, id, &r);
    if (rc != BOT_OK || r.status != STORE_REQ_ACCEPTED)
        return rc;
    char when[HD_WHEN_MAX], text[256];
    hd_format_when(r.start_at, 0, ctx->set->utc_offset, when);
    snprintf(text, sizeof text, "提醒：求助 #%lld（%s）将在 %s 开始。志愿者到达后请发「开始服务 #%lld」。", (long long)r.id,
             r.service, when, (long long)r.id);
    /* the volunteer reads where to go (privately): one who gave back orders after reading their doors reads it here
     * first (hd_address_open: an hour before the start) */
    struct store_member req;
    char vol_text[512];
    if ((rc = store_member_get(ctx->st, r.requester_id, &req)) != BOT_OK)
        return rc;
    if (hd_address_private(&r, &req))
        snprintf(vol_text, sizeof vol_text, "提醒：求助 #%lld（%s）将在 %s 开始，地点：%s%s。到达后请发「开始服务 #%lld」。",
                 (long long)r.id, r.service, when, r.location[0] ? r.location : req.building, r.location[0] ? "" : req.unit,
                 (long long)r.id);
    else
        bot_strlcpy(vol_text, text, sizeof vol_text);
    /* about the order (v37): once started or cancelled, or its hour come, no longer shown. Never pushed after its
     * start (play-test 16: held by the quiet hours to 08:00 for a 07:30 start): one the quiet hours would hold past
     * the start goes now, it being too late for the evening before (hd_job_reminder) */
    if ((rc = hd_tell_by(ctx, r.volunteer_id, "reminder", vol_text, NULL, r.id, r.start_at, r.start_at, 0)) != BOT_OK)
        return rc;
    return hd_tell_by(ctx, r.requester_id, "reminder", text, NULL, r.id, r.start_at, r.start_at, 0);
}

enum bot_rc hd_job_reminder(const struct hd_ctx *ctx, int *done)
{
    int64_t ids[256];
    int n = 0;
    *done = 0;
    /* starts already past are not reminded of after downtime */
    enum bot_rc rc = store_requests_starting(ctx->st, ctx->now, ctx->now + 3600, ids, 256, &n);
    if (rc != BOT_OK || (rc = each_claimed(ctx, "reminder", "1h", ids, n, remind_one, NULL, done)) != BOT_OK)
        return rc;
    /* an hour before falls in the quiet hours and the start before their end (an early-morning order): reminded in the
     * hour before they begin, the evening before; once inside them (accepted late, or the bot was down), at once while
     * the start is ahead (remind_one) */
    int64_t q0, q1;
    int quiet = hd_quiet_span(ctx, ctx->now, &q0, &q1);
    if (q0 == INT64_MAX || hd_quiet_exempt(ctx, "reminder") || (!quiet && q0 - ctx->now > 3600))
        return BOT_OK;
    int more = 0;
    if ((rc = store_requests_starting(ctx->st, ctx->now + 3600, q1 - 1, ids, 256, &n)) != BOT_OK ||
        (rc = each_claimed(ctx, "reminder", "1h", ids, n, remind_one, NULL, &more)) != BOT_OK)
        return rc;
    *done += more;
    return BOT_OK;
}

/* ---- unmatched: 6 h, then once more at 24 h ---- */

static enum bot_rc unmatched_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    const int *still = arg;
    struct store_request r;
    struct store_member req;
    enum bot_rc rc;
    if ((rc = store_request_get(ctx->st, id, &r)) != BOT_OK || (rc = store_member_get(ctx->st, r.requester_id, &req)) != BOT_OK)
        return rc;
    if (r.status != STORE_REQ_OPEN)
        return BOT_OK;
    if (r.start_at && r.start_at <= ctx->now)
        return BOT_OK; /* its time has passed: nobody is asked to go any more */
    /* first seen after 24 h (downtime): one message now, not a second one next */
    if (!*still && r.created_at <= ctx->now - 24 * 3600) {
        char subject[24];
        snprintf(subject, sizeof subject, "%lld", (long long)r.id);
        if ((rc = store_job_claim(ctx->st, "unmatched", subject, "24h", ctx->now)) != BOT_OK && rc != BOT_DUP)
            return rc;
    }
    char when[HD_WHEN_MAX] = "", where[128], text[512];
    if (r.start_at)
        hd_format_when(r.start_at, 0, ctx->set->utc_offset, when);
    /* groups read the building at most; the 楼长 below reads it whole */
    hd_public_location(r.location, where, sizeof where);
    char waited[32]; /* its real age, downtime or not, when it goes out (held over the quiet hours: at their end) */
    hd_age_text(hd_push_goes_at(ctx, "unmatched") - r.created_at, waited);
    snprintf(text, sizeof text, "%s求助 #%lld 已经等了 %s 没人接：%s%s%s%s%s。能帮忙的邻居请回复「接单 #%lld」。",
             *still ? "仍在等待：" : "", (long long)r.id, waited, r.service, when[0] ? " " : "", when,
             where[0] ? " " : "", where, (long long)r.id);
    if (r.platform[0] && r.chat_id[0] &&
        (rc = hd_queue_about(ctx, "unmatched", r.platform, r.chat_id, NULL, text, r.id)) != BOT_OK)
        return rc;
    struct store_chat chats[8];
    int nc = 0, nm = 0;
    int64_t mgr[8];
    char note[768];
    if (req.building[0] && (rc = store_managers_of(ctx->st, req.building, mgr, 8, &nm)) != BOT_OK)
        return rc;
    if (nm == 0) { /* no building, or one with no 楼长: staff, or it waited and expired with nobody told (play-test 13) */
        snprintf(note, sizeof note, "工作人员您好：%s%s可以「推荐 #%lld @志愿者」。",
                 req.building[0] ? req.building : "（未登记楼号）", text, (long long)r.id);
        if ((rc = hd_tell_staff_about(ctx, req.building, "unmatched", note, r.id)) != BOT_OK || !req.building[0])
            return rc;
    }
    if ((rc = store_chats_of_building(ctx->st, req.building, chats, 8, &nc)) != BOT_OK)
        return rc;
    for (int k = 0; k < nc; k++) {
        if (strcmp(chats[k].platform, r.platform) == 0 && strcmp(chats[k].chat_id, r.chat_id) == 0)
            continue; /* already told there */
        if ((rc = hd_queue_about(ctx, "unmatched", chats[k].platform, chats[k].chat_id, NULL, text, r.id)) != BOT_OK)
            return rc;
    }
    snprintf(note, sizeof note, "楼长您好：%s的%s%s%s%s可以「推荐 #%lld @志愿者」。", req.building, text,
             r.location[0] ? "地址：" : "", r.location, r.location[0] ? "。" : "", (long long)r.id);
    /* true while it waits as it did: not read once someone took it or it closed (play95: a 楼长 read 「#14 已经等了
     * 1天多没人接」 days after #14 was done) */
    for (int k = 0; k < nm; k++)
        if ((rc = hd_tell_about(ctx, mgr[k], "unmatched", note, NULL, r.id)) != BOT_OK)
            return rc;
    return BOT_OK;
}

enum bot_rc hd_job_unmatched(const struct hd_ctx *ctx, int *done)
{
    int64_t ids[256];
    int n = 0, d6 = 0, d24 = 0;
    static const int first = 0, again = 1;
    enum bot_rc rc;
    *done = 0;
    if ((rc = store_requests_unmatched(ctx->st, ctx->now - (int64_t)ctx->set->rules.unmatched_hours * 3600, "6h", ids,
                                       256, &n)) != BOT_OK ||
        (rc = each_claimed(ctx, "unmatched", "6h", ids, n, unmatched_one, (void *)&first, &d6)) != BOT_OK)
        return rc;
    if ((rc = store_requests_unmatched(ctx->st, ctx->now - 24 * 3600, "24h", ids, 256, &n)) != BOT_OK ||
        (rc = each_claimed(ctx, "unmatched", "24h", ids, n, unmatched_one, (void *)&again, &d24)) != BOT_OK)
        return rc;
    *done = d6 + d24;
    return BOT_OK;
}

/* ---- stale: an open request past its start (or untimed for long) closes as expired ---- */

static enum bot_rc stale_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    (void)arg;
    struct store_request r;
    enum bot_rc rc = store_request_get(ctx->st, id, &r);
    if (rc != BOT_OK || r.status != STORE_REQ_OPEN)
        return rc;
    r.status = STORE_REQ_EXPIRED;
    struct store_request before = r;
    before.status = STORE_REQ_OPEN;
    if ((rc = store_request_update(ctx->st, &r)) != BOT_OK ||
        (rc = hd_record_action(ctx, STORE_ACT_TIMER, r.requester_id, &before, r.status, 0, 0)) != BOT_OK)
        return rc;
    char when[HD_WHEN_MAX], text[400];
    if (r.start_at) {
        hd_format_when(r.start_at, 0, ctx->set->utc_offset, when);
        snprintf(text, sizeof text,
                 "您的求助 #%lld（%s，%s）到时间了还没有志愿者接单，已经关闭。还需要帮忙的话，请换个时间再发一次，"
                 "例如「求助 明天上午9点 %s」；着急的话可以找楼长。",
                 (long long)r.id, r.service, when, r.service);
    } else {
        snprintf(text, sizeof text,
                 "您的求助 #%lld（%s）发出 %d 天还没有志愿者接单，已经关闭。还需要帮忙的话，请带上时间再发一次，"
                 "例如「求助 明天上午9点 %s」；着急的话可以找楼长。",
                 (long long)r.id, r.service, ctx->set->rules.untimed_open_days, r.service);
    }
    return tell(ctx, r.requester_id, "stale", text);
}

enum bot_rc hd_job_stale(const struct hd_ctx *ctx, int *done)
{
    int64_t ids[256];
    int n = 0;
    *done = 0;
    const struct hd_rules *rules = &ctx->set->rules;
    int64_t untimed = rules->untimed_open_days ? ctx->now - (int64_t)rules->untimed_open_days * 86400 : 0;
    enum bot_rc rc = store_requests_stale(ctx->st, hd_past_start(ctx), untimed, ids, 256, &n);
    if (rc != BOT_OK)
        return rc;
    /* the status change is the idempotence key; the claim keeps two processes from telling twice */
    return each_claimed(ctx, "stale", "", ids, n, stale_one, NULL, done);
}

/* ---- confirm reminder (2 h) and auto-confirm (24 h) ---- */

/* secs left, never more than there is: whole hours from 3 h, hours and minutes below, at least 1分钟 */
static void time_left_text(int64_t secs, char buf[32])
{
    int64_t m = secs / 60, h;
    if (m < 1)
        m = 1;
    h = m / 60;
    if (h >= 3 || (h >= 1 && m % 60 == 0))
        snprintf(buf, 32, "%lld小时", (long long)h);
    else if (h >= 1)
        snprintf(buf, 32, "%lld小时%lld分钟", (long long)h, (long long)(m % 60));
    else
        snprintf(buf, 32, "%lld分钟", (long long)m);
}

static enum bot_rc confirm_remind_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    (void)arg;
    struct store_request r;
    enum bot_rc rc = store_request_get(ctx->st, id, &r);
    if (rc != BOT_OK || r.status != STORE_REQ_FINISHED)
        return rc;
    enum hd_held why = HD_HELD_NONE; /* waiting for a second person or the fund's approval: nothing of hers to confirm */
    if ((rc = hd_held_why(ctx, &r, &why)) != BOT_OK || why != HD_HELD_NONE)
        return rc;
    int own = 0; /* a 代录 waiting for her, a timer of a few minutes: paid only on her word */
    if ((rc = hd_own_confirm_only(ctx, &r, &own)) != BOT_OK)
        return rc;
    char text[400], left[32];
    const struct hd_rules *rules = &ctx->set->rules;
    int timer = hd_timer_minutes(rules, &r), est = hd_estimate_minutes(rules, &r);
    /* the time really left when she reads it (play-test 16: a late tick said 「24 小时内」 a minute before the
     * auto-confirm); none left by then: nothing to ask */
    int64_t secs = hd_due_at(ctx, &r) - hd_push_goes_at(ctx, "confirm_reminder");
    if (secs <= 0)
        return BOT_OK;
    time_left_text(secs, left);
    if (!own && timer > est) { /* a plain 确认 is asked back then (past the estimate only with her hours): not offered */
        char t[24], e[24];
        hd_hours_text(timer, t);
        hd_hours_text(est, e);
        snprintf(text, sizeof text, "求助 #%lld 的服务已经结束，计时 %s，超过预计的 %s。请回复「确认 #%lld %s」按计时确认，"
                                    "或「确认 #%lld %s」按预计确认；%s内不确认将按预计的 %s 自动确认。",
                 (long long)r.id, t, e, (long long)r.id, t, (long long)r.id, e, left, e);
    } else
        snprintf(text, sizeof text, "求助 #%lld 的服务已经结束，请回复「确认 #%lld」；%s内不确认%s。", (long long)r.id,
                 (long long)r.id, left, own ? "就不记积分" : "将自动确认");
    return hd_tell_about(ctx, r.requester_id, "confirm_reminder", text, NULL, r.id); /* gone once confirmed */
}

enum bot_rc hd_job_confirm_reminder(const struct hd_ctx *ctx, int *done)
{
    int64_t ids[256];
    int n = 0;
    *done = 0;
    enum bot_rc rc = store_requests_to_remind(ctx->st, ctx->now - 2 * 3600,
                                              hd_confirm_due(ctx), ids, 256, &n);
    if (rc != BOT_OK)
        return rc;
    return each_claimed(ctx, "confirm_reminder", "2h", ids, n, confirm_remind_one, NULL, done);
}


/* A finished order paid only on its requester's own confirm (hd_own_confirm_only), not confirmed by its deadline:
 * closed with nothing paid (cancelled), the requester, the volunteer and a 代录's recorder told. */
static enum bot_rc close_unconfirmed(const struct hd_ctx *ctx, struct store_request *r)
{
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_member req;
    int64_t by = 0;
    enum bot_rc rc;
    if ((rc = store_member_get(ctx->st, r->requester_id, &req)) != BOT_OK ||
        (r->proxy && (rc = store_proxy_by(ctx->st, r->id, &by)) != BOT_OK))
        return rc;
    r->status = STORE_REQ_CANCELLED;
    if ((rc = store_request_update(ctx->st, r)) != BOT_OK)
        return rc;
    /* each reader told in her own words: the requester is 您, never 需求方 (play-test s5); the recorder of a 代录 is
     * told it lapsed, not to ask a 楼长 */
    char mine[320], theirs[320], his[320], h[24];
    if (r->proxy) {
        hd_hours_text(hd_estimate_minutes(rules, r), h);
        snprintf(mine, sizeof mine, "代录 #%lld（%s %s）您 %d 小时内没有确认，没有记积分，已关闭。有疑问请找楼长。",
                 (long long)r->id, r->service, h, rules->confirm_hours);
        snprintf(theirs, sizeof theirs, "代录 #%lld（%s %s）%d 小时内没有得到 %s 本人确认，没有记积分，已关闭。有疑问请找楼长。",
                 (long long)r->id, r->service, h, rules->confirm_hours, hd_display_name(&req));
        snprintf(his, sizeof his, "您代录的 #%lld（%s %s）%d 小时内没有得到 %s 本人确认，没有记积分，已关闭。",
                 (long long)r->id, r->service, h, rules->confirm_hours, hd_display_name(&req));
    } else {
        hd_hours_text((r->finished_at - r->started_at) / 60, h);
        const char *took = (r->finished_at - r->started_at) < 60 ? "不到1分钟" : h;
        snprintf(mine, sizeof mine, "#%lld（%s）计时只有 %s，您 %d 小时内没有确认，没有记积分，已关闭。有疑问请找楼长。",
                 (long long)r->id, r->service, took, rules->confirm_hours);
        snprintf(theirs, sizeof theirs, "#%lld（%s）计时只有 %s，需求方 %s %d 小时内没有确认，没有记积分，已关闭。有疑问请找楼长。",
                 (long long)r->id, r->service, took, hd_display_name(&req), rules->confirm_hours);
        bot_strlcpy(his, theirs, sizeof his);
    }
    if ((rc = tell(ctx, r->requester_id, "auto_confirm", mine)) != BOT_OK ||
        (rc = tell(ctx, r->volunteer_id, "auto_confirm", theirs)) != BOT_OK)
        return rc;
    return by && by != r->volunteer_id && by != r->requester_id ? tell(ctx, by, "auto_confirm", his) : BOT_OK;
}

static enum bot_rc auto_confirm_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    (void)arg;
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_request r;
    enum bot_rc rc = store_request_get(ctx->st, id, &r);
    if (rc != BOT_OK || r.status != STORE_REQ_FINISHED)
        return rc;
    int own = 0;
    if ((rc = hd_own_confirm_only(ctx, &r, &own)) != BOT_OK)
        return rc;
    if (own) /* paid only on her own word, and she said nothing: closed unpaid */
        return close_unconfirmed(ctx, &r);
    int minutes = hd_auto_minutes(rules, &r);
    if ((rc = hd_credit_request(ctx, &r, minutes, 0)) != BOT_OK) { /* 0: the bot's timer */
        if (rc == BOT_LIMIT) /* rolled back; auto_confirm_stuck tells the 楼长 and staff, once */
            bot_log(BOT_LOG_WARN, "auto-confirm #%lld: requester over the overdraft limit", (long long)id);
        return rc;
    }
    if (r.status != STORE_REQ_CONFIRMED)
        return BOT_OK; /* past the fund's monthly budget: staff were told, it waits for them */
    char h[24], text[200];
    hd_hours_text(minutes, h);
    snprintf(text, sizeof text, "#%lld 超过 %d 小时未确认，已自动确认 %s。", (long long)r.id, rules->confirm_hours, h);
    if ((rc = tell(ctx, r.requester_id, "auto_confirm", text)) != BOT_OK)
        return rc;
    return tell(ctx, r.volunteer_id, "auto_confirm", text);
}

/* An auto-confirm the overdraft limit stopped: the requester's building's 楼长
 * and staff hear it once, with the ways out, and the volunteer learns why the
 * credit waits. Nothing moves; auto-confirm pays as soon as the requester can. */
static enum bot_rc stuck_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    (void)arg;
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_request r;
    struct store_member req, vol;
    struct store_account a;
    enum bot_rc rc = store_request_get(ctx->st, id, &r);
    if (rc != BOT_OK || r.status != STORE_REQ_FINISHED)
        return rc == BOT_OK ? BOT_DUP : rc; /* nothing to say: roll the claim back */
    if ((rc = store_member_get(ctx->st, r.requester_id, &req)) != BOT_OK ||
        (rc = store_member_get(ctx->st, r.volunteer_id, &vol)) != BOT_OK ||
        (rc = store_account_at(ctx->st, ctx->now, req.account_id, &a)) != BOT_OK)
        return rc;
    int minutes = hd_auto_minutes(rules, &r);
    if (r.public_benefit || req.subsidised || !a.has_limit || a.balance - minutes >= a.min_balance)
        return BOT_DUP; /* not stuck on the limit */
    char h[24], b[32], text[768];
    hd_hours_text(minutes, h);
    hd_balance_text(a.balance, b);
    snprintf(text, sizeof text,
             "求助 #%lld（%s，需求方 %s%s%s，志愿者 %s）结束 %lld 小时未确认，应自动确认 %s，但需求方余额 %s，"
             "会超过透支上限（%d 小时），志愿者的积分还没有到账。处理办法：① 由社区基金支付：楼长或工作人员发"
             "「设为公益 #%lld」，下次自动确认即由基金付给志愿者；② 调整：工作人员发「调整积分 @%s +%s 原因：#%lld」；"
             "③ 请需求方帮助邻居赚到积分，够了就会自动确认。",
             (long long)r.id, r.service, req.name, req.building[0] ? "，" : "", req.building, vol.name,
             (long long)((ctx->now - r.finished_at) / 3600), h, b, rules->overdraft_hours,
             (long long)r.id, req.name, h, (long long)r.id);
    int64_t mgr[8];
    int nm = 0;
    if (req.building[0] && (rc = store_managers_of(ctx->st, req.building, mgr, 8, &nm)) != BOT_OK)
        return rc;
    for (int k = 0; k < nm; k++)
        if ((rc = tell(ctx, mgr[k], "auto_confirm_stuck", text)) != BOT_OK)
            return rc;
    if ((rc = hd_tell_staff(ctx, req.building, "auto_confirm_stuck", text)) != BOT_OK)
        return rc;
    char note[256];
    snprintf(note, sizeof note, "#%lld 的 %s 暂时没有到账：需求方已到透支上限。已请楼长和工作人员处理，到账会告诉您。",
             (long long)r.id, h);
    bot_log(BOT_LOG_WARN, "auto-confirm #%lld stuck on the overdraft limit: told %d 楼长 and staff", (long long)id, nm);
    return tell(ctx, r.volunteer_id, "auto_confirm_stuck", note);
}

/* A 代录 held for a second person (hd_proxy_lapse) or for 基金批准 (hd_proxy_fund_lapse) past the confirm deadline:
 * lapses unpaid; anything else is not this job's (rolled back, not claimed). */
static enum bot_rc lapse_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    (void)arg;
    struct store_request r;
    enum hd_held why = HD_HELD_NONE;
    enum bot_rc rc = store_request_get(ctx->st, id, &r);
    if (rc != BOT_OK)
        return rc;
    if (!r.proxy || (rc = hd_held_why(ctx, &r, &why)) != BOT_OK || (why != HD_HELD_REVIEW && why != HD_HELD_FUND))
        return rc == BOT_OK ? BOT_DUP : rc;
    return why == HD_HELD_REVIEW ? hd_proxy_lapse(ctx, &r) : hd_proxy_fund_lapse(ctx, &r);
}

enum bot_rc hd_job_auto_confirm(const struct hd_ctx *ctx, int *done)
{
    int64_t ids[256];
    int n = 0, stuck = 0, lapsed = 0;
    *done = 0;
    enum bot_rc rc = store_request_ids_due(ctx->st, STORE_REQ_FINISHED,
                                           hd_confirm_due(ctx), ids, 256, &n);
    if (rc != BOT_OK)
        return rc;
    /* a 代录 nobody approved lapses first (held ones already past auto-confirm before this rule lapse too) */
    if ((rc = each_claimed(ctx, "proxy_lapse", "", ids, n, lapse_one, NULL, &lapsed)) != BOT_OK)
        return rc;
    *done += lapsed;
    if ((rc = store_request_ids_due(ctx->st, STORE_REQ_FINISHED,
                                    hd_confirm_due(ctx), ids, 256, &n)) != BOT_OK)
        return rc;
    /* the status change itself is the idempotence key; the claim adds the period */
    if ((rc = each_claimed(ctx, "auto_confirm", "", ids, n, auto_confirm_one, NULL, done)) != BOT_OK)
        return rc;
    /* those still finished were stopped by the limit: reported once each */
    if ((rc = store_request_ids_due(ctx->st, STORE_REQ_FINISHED,
                                    hd_confirm_due(ctx), ids, 256, &n)) != BOT_OK)
        return rc;
    return each_claimed(ctx, "auto_confirm_stuck", "", ids, n, stuck_one, NULL, &stuck);
}

/* ---- the timer: still going at the estimate + 30 min? stopped at its cap ---- */

static enum bot_rc cap_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    (void)arg;
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_request r;
    enum bot_rc rc = store_request_get(ctx->st, id, &r);
    if (rc != BOT_OK || r.status != STORE_REQ_IN_SERVICE)
        return rc;
    int cap = hd_cap_minutes(rules, &r);
    if (r.started_at + (int64_t)cap * 60 > ctx->now)
        return BOT_DUP; /* not yet: the claim waits for the cap */
    /* the timer stops where it stopped counting, however late the job runs */
    r.status = STORE_REQ_FINISHED;
    r.finished_at = r.started_at + (int64_t)cap * 60;
    if ((rc = store_request_update(ctx->st, &r)) != BOT_OK)
        return rc;
    char h[24], e[24], text[400];
    hd_hours_text(cap, h);
    hd_hours_text(hd_estimate_minutes(rules, &r), e);
    snprintf(text, sizeof text,
             "#%lld（%s）计时已到上限 %s，已自动结束。需求方请在 %d 小时内回复「确认 #%lld %s」按预计确认，"
             "或「确认 #%lld %s」按计时确认；不确认将按预计的 %s 自动确认。",
             (long long)r.id, r.service, h, rules->confirm_hours, (long long)r.id, e, (long long)r.id, h, e);
    if ((rc = tell(ctx, r.volunteer_id, "timer_cap", text)) != BOT_OK)
        return rc;
    return tell(ctx, r.requester_id, "timer_cap", text);
}

/* Every running timer (few), each through one under its own claim of job. */
static enum bot_rc each_running(const struct hd_ctx *ctx, const char *job, claimed_fn one, int *done)
{
    int64_t ids[256];
    int n = 0;
    *done = 0;
    enum bot_rc rc = store_request_ids_due(ctx->st, STORE_REQ_IN_SERVICE, ctx->now, ids, 256, &n);
    if (rc != BOT_OK)
        return rc;
    return each_claimed(ctx, job, "", ids, n, one, NULL, done);
}

enum bot_rc hd_job_timer_cap(const struct hd_ctx *ctx, int *done)
{
    return each_running(ctx, "timer_cap", cap_one, done);
}

static enum bot_rc still_going_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    int64_t id = *(const int64_t *)item;
    (void)arg;
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_request r;
    enum bot_rc rc = store_request_get(ctx->st, id, &r);
    if (rc != BOT_OK || r.status != STORE_REQ_IN_SERVICE)
        return rc == BOT_OK ? BOT_DUP : rc;
    int est = hd_estimate_minutes(rules, &r), cap = hd_cap_minutes(rules, &r);
    int64_t ask_at = r.started_at + (int64_t)(est + rules->still_going_minutes) * 60;
    if (ask_at > ctx->now)
        return BOT_DUP; /* not yet */
    if (ask_at >= r.started_at + (int64_t)cap * 60)
        return BOT_OK; /* the cap comes first: nothing to ask */
    char e[24], h[24], until[HD_WHEN_MAX], text[400];
    hd_hours_text(est, e);
    hd_hours_text(cap, h);
    hd_format_when(r.started_at + (int64_t)cap * 60, 0, ctx->set->utc_offset, until);
    snprintf(text, sizeof text,
             "#%lld（%s）预计 %s，计时已经超过了。服务还在进行吗？结束了请发「结束服务 #%lld」或回复「没有」；"
             "还在继续的话回复「还在」，计时最多到 %s（%s）自动停止。",
             (long long)r.id, r.service, e, (long long)r.id, until, h);
    if ((rc = tell(ctx, r.volunteer_id, "still_going", text)) != BOT_OK)
        return rc;
    /* the answer (还在 / 没有) comes in the volunteer's private chat: the question waits there until the cap */
    struct store_identity ids[4];
    int n = 0;
    char payload[64];
    snprintf(payload, sizeof payload, "id=%lld until=%lld", (long long)r.id, (long long)(r.started_at + (int64_t)cap * 60));
    if ((rc = store_member_identities(ctx->st, r.volunteer_id, ids, 4, &n)) != BOT_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        struct store_msg_key who = {ids[i].platform, "", ids[i].user_id, NULL};
        if ((rc = store_pending_put(ctx->st, &who, "still_going", payload, ctx->now,
                                    r.started_at + (int64_t)cap * 60)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

enum bot_rc hd_job_still_going(const struct hd_ctx *ctx, int *done)
{
    return each_running(ctx, "still_going", still_going_one, done);
}

/* ---- no-shows: an accepted order not started; asked at +no_show_ask_minutes, 爽约 at +no_show_hours ---- */

/* When r's volunteer was due: its start, or the acceptance when that came later (a reopened order). */
static int64_t due_at(const struct store_request *r)
{
    return r->accepted_at > r->start_at ? r->accepted_at : r->start_at;
}

static enum bot_rc no_show_ask_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const struct store_request *r = item;
    const struct hd_rules *rules = &ctx->set->rules;
    (void)arg;
    struct store_member vol;
    enum bot_rc vrc = store_member_get(ctx->st, r->volunteer_id, &vol);
    if (vrc != BOT_OK)
        return vrc;
    if (vol.suspended) /* he may not start it (停用 gives such orders back; one kept from before): no 爽约 warning to
                        * him, no wait-for-him question to her; the no-show job reopens it without a strike */
        return BOT_OK;
    long long id = (long long)r->id;
    char when[HD_WHEN_MAX], text[400];
    hd_format_when(r->start_at, 0, ctx->set->utc_offset, when);
    snprintf(text, sizeof text,
             "#%lld（%s）约在 %s 开始，还没有开始服务。到了请发「开始服务 #%lld」；去不了请发「取消 #%lld」。"
             "约定时间过了 %d 小时仍未开始将记为爽约（扣 %d小时）。",
             id, r->service, when, id, id, rules->no_show_hours, rules->no_show_penalty);
    /* about the order: once started, cancelled or reopened, the ask is no longer shown (v37) */
    enum bot_rc rc = hd_tell_about(ctx, r->volunteer_id, "no_show_ask", text, NULL, r->id);
    int excused = r->excused_at && r->excused_at >= r->accepted_at;
    /* the wait to 爽约 counts from here: kept for #N 记录 (play-test 16: it showed 爽约 but not the question before
     * it), with whom it asked (left_volunteer: the requester, when she was asked too) */
    if (rc == BOT_OK)
        rc = hd_record_action(ctx, STORE_ACT_ASKED, r->volunteer_id, r, r->status, excused ? 0 : r->requester_id, 0);
    if (rc != BOT_OK || excused)
        return rc; /* excused already: nothing to ask the requester */
    snprintf(text, sizeof text,
             "#%lld（%s）约在 %s 开始，志愿者还没有开始服务。如果您同意志愿者晚点来，请回复「没关系 #%lld」，不算爽约；"
             "约定时间过了 %d 小时仍未开始，求助会重新开放，也可以发「取消 #%lld」。",
             id, r->service, when, id, rules->no_show_hours, id);
    return hd_tell_about(ctx, r->requester_id, "no_show_ask", text, NULL, r->id);
}

/* 爽约 (or an excused late start): penalty and strike unless excused; the order reopens while its service still
 * fits before its end (start + estimate), else closes as expired; requester, volunteer and the 楼长 told. */
static enum bot_rc no_show_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    struct store_request r = *(const struct store_request *)item;
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_member vol, req;
    enum bot_rc rc;
    (void)arg;
    if ((rc = store_member_get(ctx->st, r.volunteer_id, &vol)) != BOT_OK ||
        (rc = store_member_get(ctx->st, r.requester_id, &req)) != BOT_OK)
        return rc;
    int excused = r.excused_at && r.excused_at >= r.accepted_at;
    /* staff paused his account after he accepted: the bot refused his 开始服务, so no 爽约 is his (play-test 12: −5 h) */
    int paused = !excused && vol.suspended;
    long long id = (long long)r.id;
    int64_t taken = 0, banned = 0;
    if (!excused && !paused) {
        char memo[96];
        snprintf(memo, sizeof memo, "#%lld 爽约（约定时间过了 %d 小时未开始服务）", id, rules->no_show_hours);
        if (rules->no_show_penalty > 0 &&
            (rc = hd_penalty(ctx, vol.account_id, (int64_t)rules->no_show_penalty * 60, r.id, memo, &taken)) != BOT_OK)
            return rc;
        if ((rc = hd_no_show_strike(ctx, &vol, r.id, &banned)) != BOT_OK)
            return rc;
    }
    /* reopened while another volunteer could still begin and serve a while: until the past grace before the end */
    int64_t grace = (int64_t)rules->past_grace_minutes * 60;
    int64_t latest = r.start_at + (int64_t)hd_estimate_minutes(rules, &r) * 60 - 2 * grace;
    int reopen = latest + grace > ctx->now;
    struct store_request before = r;
    r.status = reopen ? STORE_REQ_OPEN : STORE_REQ_EXPIRED;
    r.volunteer_id = 0;
    r.accepted_at = 0;
    if ((rc = store_request_update(ctx->st, &r)) != BOT_OK ||
        (rc = hd_record_action(ctx, STORE_ACT_TIMER, vol.id, &before, r.status, 0, taken)) != BOT_OK)
        return rc;
    /* reopened, it keeps the requester's start and may begin until `latest` (listed and accepted until that passes by
     * the grace), then it expires like any open request past its start */
    if (reopen && (rc = store_request_set_reopen_start(ctx->st, r.id, latest > ctx->now ? latest : ctx->now)) != BOT_OK)
        return rc;
    if (reopen && (rc = hd_reannounce(ctx, &r)) != BOT_OK)
        return rc;
    char h[24] = "", until[HD_WHEN_MAX] = "", what[96], text[512];
    hd_hours_text(taken, h);
    if (banned)
        hd_format_when(banned, 0, ctx->set->utc_offset, until);
    snprintf(what, sizeof what, "%s", reopen ? "求助已重新开放，等待其他志愿者" : "服务时间已过，求助已关闭（已过期）");
    if (excused)
        snprintf(text, sizeof text, "#%lld（%s）约定时间过了 %d 小时仍未开始服务。需求方说过没关系，不算爽约；%s。", id,
                 r.service, rules->no_show_hours, what);
    else if (paused)
        snprintf(text, sizeof text, "#%lld（%s）约定时间过了 %d 小时仍未开始服务。您的账户已暂停使用，不能开始服务，不算爽约；%s。",
                 id, r.service, rules->no_show_hours, what);
    else
        snprintf(text, sizeof text, "#%lld（%s）约定时间过了 %d 小时仍未开始服务，记为爽约%s%s%s。%s。%s%s%s", id, r.service,
                 rules->no_show_hours, taken ? "，扣除 " : rules->no_show_penalty > 0 ? "（余额已到透支上限，这次没有扣分" : "",
                 taken ? h : "", taken ? "" : rules->no_show_penalty > 0 ? "）" : "", what,
                 banned ? "近期多次爽约，接单暂停到 " : "", until, banned ? "。" : "");
    if ((rc = tell(ctx, vol.id, "no_show", text)) != BOT_OK)
        return rc;
    char note[512];
    if (excused) /* she said it was all right: no apology for a no-show, just where her order stands */
        snprintf(note, sizeof note, "#%lld（%s）志愿者 %s 到现在还没有开始服务，您说过没关系，不算爽约；%s。%s", id,
                 r.service, hd_display_name(&vol), what, reopen ? "有人接单会告诉您。" : "还需要帮忙的话请重新发布求助。");
    else if (paused) /* not his doing: no 没有按时来 said of him */
        snprintf(note, sizeof note, "很抱歉，#%lld（%s）的志愿者这次来不了，%s。%s", id, r.service, what,
                 reopen ? "有人接单会告诉您。" : "还需要帮忙的话请重新发布求助。");
    else
        snprintf(note, sizeof note, "很抱歉，志愿者 %s 没有按时来，#%lld（%s）%s。%s", hd_display_name(&vol), id, r.service,
                 what, reopen ? "有人接单会告诉您。" : "还需要帮忙的话请重新发布求助。");
    if ((rc = tell(ctx, req.id, "no_show", note)) != BOT_OK)
        return rc;
    if (!req.building[0])
        return BOT_OK;
    int64_t mgr[8];
    int nm = 0;
    if ((rc = store_managers_of(ctx->st, req.building, mgr, 8, &nm)) != BOT_OK)
        return rc;
    snprintf(note, sizeof note, "楼长您好：%s的 %s 求助 #%lld（%s）志愿者 %s 约定时间过了 %d 小时仍未开始服务，%s；%s。%s%s%s",
             req.building, hd_display_name(&req), id, r.service, hd_display_name(&vol), rules->no_show_hours,
             excused ? "需求方说过没关系，不算爽约" : paused ? "志愿者的账户已暂停，不算爽约" : "已记为爽约", what, banned ? "该志愿者近期多次爽约，接单暂停到 " : "", until,
             banned ? "。" : "");
    for (int k = 0; k < nm; k++)
        if ((rc = tell(ctx, mgr[k], "no_show", note)) != BOT_OK)
            return rc;
    return BOT_OK;
}

enum bot_rc hd_job_no_show(const struct hd_ctx *ctx, int *done)
{
    const struct hd_rules *rules = &ctx->set->rules;
    int64_t ids[256];
    int n = 0;
    *done = 0;
    enum bot_rc rc = store_requests_unstarted(ctx->st, ctx->now - (int64_t)rules->no_show_ask_minutes * 60, ids, 256, &n);
    for (int i = 0; rc == BOT_OK && i < n; i++) {
        struct store_request r;
        if ((rc = store_request_get(ctx->st, ids[i], &r)) != BOT_OK)
            break;
        /* each acceptance is asked and settled once: its time is the claim's period */
        char subject[24], period[24];
        snprintf(subject, sizeof subject, "%lld", (long long)r.id);
        snprintf(period, sizeof period, "%lld", (long long)r.accepted_at);
        int64_t due = due_at(&r), asked = 0;
        /* 爽约 only once both were asked and had the time between the question and the penalty to answer, so
         * that after the bot was down nobody is penalised for messages it could not take */
        int64_t wait = (int64_t)rules->no_show_hours * 3600 - (int64_t)rules->no_show_ask_minutes * 60;
        rc = store_job_claimed_at(ctx->st, "no_show_ask", subject, period, &asked);
        if (rc != BOT_OK && rc != BOT_NOTFOUND)
            break;
        if (rc == BOT_OK && due + (int64_t)rules->no_show_hours * 3600 <= ctx->now && asked + wait <= ctx->now)
            rc = run_claimed(ctx, "no_show", subject, period, no_show_one, &r, NULL, done);
        else if (rc == BOT_NOTFOUND && due + (int64_t)rules->no_show_ask_minutes * 60 <= ctx->now &&
                 hd_push_goes_at(ctx, "no_show_ask") == ctx->now) /* not asked in the quiet hours: at their end, and
                                                                        the wait to 爽约 counts from then */
            rc = run_claimed(ctx, "no_show_ask", subject, period, no_show_ask_one, &r, NULL, done);
        else
            rc = BOT_OK;
    }
    return rc;
}

/* ---- expiry: warn 30 days ahead, once per lot; expire on the day ---- */

/* A member's lots that expire on one day: one warning with their sum (helper-58: two gifts expiring the same day were
 * the same line twice). */
struct warn_day {
    const struct store_lot *lots;
    const int *idx;
    int k;
};

/* The first lot is claimed by run_claimed; the others of the day are claimed here, in the same transaction, so each
 * lot is warned once (the lots query leaves out those warned before). */
static enum bot_rc warn_day_one(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const struct warn_day *w = item;
    (void)arg;
    int64_t minutes = w->lots[w->idx[0]].remaining;
    for (int i = 1; i < w->k; i++) {
        char subject[24];
        snprintf(subject, sizeof subject, "%lld", (long long)w->lots[w->idx[i]].id);
        enum bot_rc rc = store_job_claim(ctx->st, "expiry_warning", subject, "", ctx->now);
        if (rc == BOT_DUP)
            continue;
        if (rc != BOT_OK)
            return rc;
        minutes += w->lots[w->idx[i]].remaining;
    }
    const struct store_lot *first = &w->lots[w->idx[0]];
    char h[24], when[HD_WHEN_MAX], text[256];
    hd_hours_text(minutes, h);
    hd_format_day(first->expires_at, ctx->now, ctx->set->utc_offset, when);
    snprintf(text, sizeof text, "提醒：您有 %s 将在 %s 过期，记得用掉或转赠家人。", h, when);
    /* true until the lots expire: not shown after (a digest had passed one on two weeks late) */
    return hd_tell_until(ctx, first->member_id, "expiry_warning", text, 0, first->expires_at);
}

enum bot_rc hd_job_expiry_warning(const struct hd_ctx *ctx, int *done)
{
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_lot lots[256];
    int n = 0, used[256] = {0}, idx[256];
    enum bot_rc rc;
    *done = 0;
    if (rules->expiry_days == 0 || rules->expiry_warn_days == 0)
        return BOT_OK;
    if ((rc = store_lots_to_warn(ctx->st, ctx->now, ctx->now + (int64_t)rules->expiry_warn_days * 86400, lots, 256, &n)) !=
        BOT_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        if (used[i])
            continue;
        int k = 0;
        int64_t day = bot_local_day(lots[i].expires_at, ctx->set->utc_offset);
        for (int j = i; j < n; j++)
            if (!used[j] && lots[j].member_id == lots[i].member_id &&
                bot_local_day(lots[j].expires_at, ctx->set->utc_offset) == day) {
                used[j] = 1;
                idx[k++] = j;
            }
        struct warn_day w = {lots, idx, k};
        char subject[24];
        snprintf(subject, sizeof subject, "%lld", (long long)lots[idx[0]].id);
        if ((rc = run_claimed(ctx, "expiry_warning", subject, "", warn_day_one, &w, NULL, done)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

enum bot_rc hd_job_expiry(const struct hd_ctx *ctx, int *done)
{
    /* batches, each its own short write transaction, so webhooks keep being answered while a million lots expire;
     * *done counts lots */
    return store_expire_run(ctx->st, ctx->now, EXPIRY_BATCH, done);
}

/* ---- birthday: 09:00 local on the day, once a year ---- */

struct birthday_run {
    const struct hd_ctx *ctx;
    int year;
    int done;
    enum bot_rc rc;
};

static enum bot_rc birthday_work(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const struct store_member *m = item;
    const struct birthday_run *b = arg;
    struct store_account fund; /* her branch's fund */
    int64_t set_at = 0;
    enum bot_rc rc = hd_member_fund(ctx, m->id, &fund.id);
    if (rc == BOT_OK)
        rc = store_birthday_set_at(ctx->st, m->id, &set_at);
    /* not farmed: a birthday entered or changed within birthday_wait_days is greeted, and pays nothing */
    int pays = ctx->set->rules.birthday_credits > 0 && !m->suspended &&
               (!set_at || ctx->now - set_at >= (int64_t)ctx->set->rules.birthday_wait_days * 86400);
    char memo[64];
    snprintf(memo, sizeof memo, "生日礼物 %d年", b->year);
    if (rc == BOT_OK && pays)
        rc = hd_move(ctx, fund.id, m->account_id, (int64_t)ctx->set->rules.birthday_credits * 60, STORE_KIND_BIRTHDAY, 0,
                     memo, 0);
    if (rc == BOT_OK)
        rc = store_member_set_int(ctx->st, m->id, STORE_MF_BIRTHDAY_YEAR, b->year);
    char note[160];
    if (pays)
        snprintf(note, sizeof note, "%s，生日快乐！时间驿站送您 %d小时。", m->name, ctx->set->rules.birthday_credits);
    else
        snprintf(note, sizeof note, "%s，生日快乐！时间驿站祝您身体健康、天天开心。", m->name);
    if (rc == BOT_OK)
        rc = tell(ctx, m->id, "birthday", note);
    if (rc == BOT_OK && m->building[0] && m->birthday_public && !m->suspended) {
        /* the building's group hears a greeting only for a member who asked for
         * it (生日公开): no age, no date */
        struct store_chat chats[8];
        int nc = 0;
        char greet[200];
        snprintf(greet, sizeof greet, "今天是%s邻居 %s 的生日，祝生日快乐、身体健康！", m->building, m->name);
        rc = store_chats_of_building(ctx->st, m->building, chats, 8, &nc);
        for (int k = 0; k < nc && rc == BOT_OK; k++)
            rc = hd_queue(ctx, "birthday", chats[k].platform, chats[k].chat_id, NULL, greet);
    }
    return rc;
}

static void birthday_one(const struct store_member *m, void *arg)
{
    struct birthday_run *b = arg;
    char subject[24], period[8];
    /* a paused member is greeted privately: no gift (nothing moves into a paused account) and no word in the group
     * while staff look into her account */
    if (b->rc != BOT_OK)
        return;
    snprintf(subject, sizeof subject, "%lld", (long long)m->id);
    snprintf(period, sizeof period, "%d", b->year);
    b->rc = run_claimed(b->ctx, "birthday", subject, period, birthday_work, m, b, &b->done);
}

enum bot_rc hd_job_birthdays(const struct hd_ctx *ctx, int *done)
{
    char iso[32], mmdd[8], ys[8];
    int64_t y;
    *done = 0;
    if (hd_local_hour(ctx) < 9)
        return BOT_OK;
    bot_format_iso(ctx->now, ctx->set->utc_offset, iso);
    snprintf(mmdd, sizeof mmdd, "%.5s", iso + 5);
    snprintf(ys, sizeof ys, "%.4s", iso);
    if (bot_parse_i64(ys, &y) != BOT_OK)
        return BOT_ERR;
    struct birthday_run b = {ctx, (int)y, 0, BOT_OK};
    enum bot_rc rc = store_members_born_on(ctx->st, mmdd, birthday_one, &b);
    /* born on 29 February: greeted on the 28th in a common year (play-test 16), once, as every birthday */
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (rc == BOT_OK && b.rc == BOT_OK && !leap && strcmp(mmdd, "02-28") == 0)
        rc = store_members_born_on(ctx->st, "02-29", birthday_one, &b);
    *done = b.done;
    return rc != BOT_OK ? rc : b.rc;
}

/* ---- digest: from digest_hour, once a day, a building's 楼长 get the notices nobody could push ---- */

#define DIGEST_MEMBERS 256
#define DIGEST_TO 16
#define DIGEST_SOFT 1800 /* a digest holds about this much; what does not fit waits for the next day's */

/* The members whose notices wait undigested and nobody can push to, with their buildings. */
struct digest_run {
    int64_t ids[DIGEST_MEMBERS];
    char buildings[DIGEST_MEMBERS][32];
    int n;
};

/* Who passes a building's notices on: its 楼长, else staff. */
static enum bot_rc digest_to(const struct hd_ctx *ctx, const char *building, int64_t to[DIGEST_TO], int *n)
{
    enum bot_rc rc = BOT_OK;
    *n = 0;
    if (building[0])
        rc = store_managers_of(ctx->st, building, to, DIGEST_TO, n);
    if (rc == BOT_OK && *n == 0)
        rc = store_members_with_role(ctx->st, STORE_ROLE_ADMIN, to, DIGEST_TO, n);
    return rc;
}

/* The digest pushed whole to those of to[] a push reaches (can[i]); the others read it line by line (digest_work). */
static enum bot_rc digest_send(const struct hd_ctx *ctx, const int64_t *to, const int *can, int nto, const char *text)
{
    for (int i = 0; i < nto; i++) {
        if (!can[i])
            continue;
        enum bot_rc rc = hd_tell(ctx, to[i], "digest", text, NULL);
        if (rc != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

/* One building's digest, inside its claimed transaction: every waiting notice
 * of its members, oldest first, marked passed on (digested_at); the members
 * still read them when they next write. A 楼长 a push reaches gets it whole now; one who reads his notices when he
 * writes gets each line as a notice of its own, bound as the line's notice is (its order's state, its time), so he
 * never reads a line after it stopped being true (play95: 「请回复确认 #22」 beside 「#22 已关闭」); his next reply
 * shows them under one heading (pipeline.c). One digest a building a day, one message: what does not fit in it stays
 * waiting, for the next day's digest (and the member reads it herself whenever she writes). */
static enum bot_rc digest_work(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const char *building = item;
    const struct digest_run *run = arg;
    int64_t to[DIGEST_TO];
    int nto = 0;
    enum bot_rc rc = digest_to(ctx, building, to, &nto);
    if (rc != BOT_OK)
        return rc;
    if (nto == 0)
        return BOT_DUP; /* nobody to pass them on: they wait */
    int can[DIGEST_TO];
    for (int i = 0; i < nto; i++)
        if ((rc = hd_member_pushable(ctx, to[i], &can[i])) != BOT_OK)
            return rc;
    char text[HD_REPLY_MAX + STORE_NOTICE_TEXT], head[96], line[STORE_NOTICE_TEXT + 160];
    int lines = 0;
    if (building[0])
        snprintf(head, sizeof head, HD_DIGEST_TAG "%s这些邻居" HD_DIGEST_ASK, building);
    else
        snprintf(head, sizeof head, HD_DIGEST_TAG "这些邻居" HD_DIGEST_ASK);
    size_t len = 0, head_len;
    bot_appendf(text, sizeof text, &len, "%s", head);
    head_len = len;
    struct store_notice n;
    int more = 0;
    for (int i = 0; i < run->n && !more; i++) {
        if (strcmp(run->buildings[i], building) != 0)
            continue;
        struct store_member m;
        if ((rc = store_member_get(ctx->st, run->ids[i], &m)) != BOT_OK)
            return rc;
        while ((rc = store_notice_next_undigested(ctx->st, m.id, ctx->now, &n)) == BOT_OK) {
            if (len > head_len && len + strlen(m.name) + strlen(n.text) + 8 > DIGEST_SOFT) {
                more = 1; /* this one and the rest wait for tomorrow's digest */
                break;
            }
            /* the 楼长 reads it to pass it on, never where anyone lives below the building: a 转告 to his resident
             * carried another building's resident's 4单元102 to him (play-test 13); she reads her own whole */
            hd_mask_address(n.text);
            bot_appendf(text, sizeof text, &len, "\n· %s：%s", hd_display_name(&m), n.text);
            snprintf(line, sizeof line, HD_DIGEST_TAG "%s%s%s " HD_DIGEST_ASK "%s", building,
                     building[0] ? " " : "", hd_display_name(&m), n.text);
            for (int i = 0; i < nto; i++)
                if (!can[i] && (rc = store_notice_pass_to(ctx->st, n.id, to[i], line, ctx->now)) != BOT_OK)
                    return rc;
            lines++;
            if ((rc = store_notice_digested(ctx->st, n.id, ctx->now)) != BOT_OK)
                return rc;
        }
        if (rc != BOT_NOTFOUND && !(more && rc == BOT_OK))
            return rc;
    }
    if (more)
        bot_appendf(text, sizeof text, &len, "\n（还有一些，明天的转告里再列）");
    if (len > head_len)
        return digest_send(ctx, to, can, nto, text);
    return lines ? BOT_OK : BOT_DUP;
}

enum bot_rc hd_job_digest(const struct hd_ctx *ctx, int *done)
{
    *done = 0;
    if (hd_local_hour(ctx) < ctx->set->rules.digest_hour)
        return BOT_OK;
    struct digest_run *run = calloc(1, sizeof *run);
    if (!run)
        return BOT_NOMEM;
    int64_t ids[DIGEST_MEMBERS];
    int n = 0;
    char iso[32], day[12];
    bot_format_iso(ctx->now, ctx->set->utc_offset, iso);
    snprintf(day, sizeof day, "%.10s", iso);
    enum bot_rc rc = store_notices_undigested_members(ctx->st, ctx->now, ids, DIGEST_MEMBERS, &n);
    for (int i = 0; i < n && rc == BOT_OK; i++) {
        struct store_member m;
        int can = 0, staff = 0, refused = 0;
        if ((rc = store_member_get(ctx->st, ids[i], &m)) != BOT_OK || (rc = hd_member_pushable(ctx, m.id, &can)) != BOT_OK ||
            (rc = hd_member_is_staff(ctx->st, ctx->set, &m, &staff)) != BOT_OK ||
            (can && (rc = store_notice_refused(ctx->st, m.id, ctx->now, &refused)) != BOT_OK))
            break;
        if (refused) /* her platform refused the push (QQ: not a friend): a push does not reach her after all */
            can = 0;
        if (can || m.roles || staff) /* a push reaches them, or staff (bot.ini's too: play-test 15's 5号楼 emergencies
                                      * for staff went to 3号楼's 楼长): they read their own */
            continue;
        run->ids[run->n] = m.id;
        bot_strlcpy(run->buildings[run->n], m.building, sizeof run->buildings[0]);
        run->n++;
    }
    for (int i = 0; i < run->n && rc == BOT_OK; i++) {
        int seen = 0;
        for (int k = 0; k < i && !seen; k++)
            seen = strcmp(run->buildings[k], run->buildings[i]) == 0;
        if (!seen)
            rc = run_claimed(ctx, "digest", run->buildings[i][0] ? run->buildings[i] : "-", day, digest_work,
                             run->buildings[i], run, done);
    }
    free(run);
    return rc;
}

/* ---- leaderboard and report: the 5th at 10:00, for last month ---- */

/* Last month's bounds, when the board is due now; 0 when it is not. */
static int board_due(const struct hd_ctx *ctx, int64_t *from, int64_t *to, char period[8])
{
    int y, m, d;
    bot_civil_from_days(hd_local_day(ctx), &y, &m, &d);
    if (d < ctx->set->rules.leaderboard_day || (d == ctx->set->rules.leaderboard_day && hd_local_hour(ctx) < 10))
        return 0;
    *from = month_start(ctx, y, m - 1);
    *to = month_start(ctx, y, m);
    snprintf(period, 8, "%04d-%02d", m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1);
    return 1;
}

static enum bot_rc board_to_chat(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const struct store_chat *chat = item;
    return hd_queue(ctx, "leaderboard", chat->platform, chat->chat_id, NULL, arg);
}

enum bot_rc hd_job_leaderboard(const struct hd_ctx *ctx, int *done)
{
    int64_t from, to;
    char period[8];
    *done = 0;
    if (!board_due(ctx, &from, &to, period))
        return BOT_OK;
    int y, m, d; /* a group bound (or a bot down) later in the month gets no stale board: three days' grace at most */
    bot_civil_from_days(hd_local_day(ctx), &y, &m, &d);
    if (d > ctx->set->rules.leaderboard_day + 3)
        return BOT_OK;
    struct store_chat chats[64];
    char buildings[64][32];
    int nc = 0, nrow = 0;
    struct store_board_row rows[10];
    enum bot_rc rc;
    if ((rc = store_all_chats(ctx->st, chats, buildings, 64, &nc)) != BOT_OK)
        return rc;
    char text[1024];
    int64_t made_for = -1; /* issue 18: each group reads its branch's board (its building's branch; 1 for none) */
    for (int i = 0; i < nc; i++) {
        int64_t branch = STORE_BRANCH_DEFAULT;
        if ((rc = store_building_branch(ctx->st, buildings[i], &branch)) != BOT_OK)
            return rc;
        if (branch != made_for) {
            if ((rc = store_top_volunteers_branch(ctx->st, branch, from, to, rows, 10, &nrow)) != BOT_OK)
                return rc;
            size_t len = 0;
            bot_appendf(text, sizeof text, &len, "**%.7s 月互助之星**（按服务时长）", period);
            for (int k = 0; k < nrow; k++) {
                char h[24];
                hd_hours_text(rows[k].minutes, h);
                bot_appendf(text, sizeof text, &len, "\n%d. %s的一位志愿者 %s", k + 1,
                            rows[k].building[0] ? rows[k].building : "本社区", h);
            }
            if (nrow == 0)
                bot_appendf(text, sizeof text, &len, "\n上个月还没有完成的服务，这个月一起加油！");
            made_for = branch;
        }
        char subject[96];
        snprintf(subject, sizeof subject, "%s:%s", chats[i].platform, chats[i].chat_id);
        if ((rc = run_claimed(ctx, "leaderboard", subject, period, board_to_chat, &chats[i], text, done)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

/* item: "platform" with the user id right after its NUL; only where a push can reach */
static enum bot_rc report_to(const struct hd_ctx *ctx, const void *item, void *arg)
{
    const char *platform = item;
    const char *user = platform + strlen(platform) + 1;
    return hd_can_push_private(ctx, platform, user) ? hd_queue(ctx, "report", platform, NULL, user, arg) : BOT_OK;
}

/* The month's report: the alliance's (branch 0, the text of today), or one branch's, named. */
static enum bot_rc report_text(const struct hd_ctx *ctx, int64_t branch, int64_t from, int64_t to, const char *period,
                               char *text, size_t size)
{
    struct store_report r;
    struct store_branch b;
    char h[24], name[80] = "";
    enum bot_rc rc = store_month_report_branch(ctx->st, branch, from, to, &r);
    if (rc == BOT_OK && branch > 0 && (rc = store_branch_get(ctx->st, branch, &b)) == BOT_OK)
        snprintf(name, sizeof name, "（%s）", branch == STORE_BRANCH_DEFAULT || !b.name[0] ? ctx->set->branch_name : b.name);
    if (rc != BOT_OK)
        return rc;
    hd_hours_text(r.minutes, h);
    snprintf(text, size, "%.7s 月报%s：新求助 %lld 个，已匹配 %lld 个，互助时长 %s，新会员 %lld 位。", period, name,
             (long long)r.requests, (long long)r.matched, h, (long long)r.new_members);
    return BOT_OK;
}

enum bot_rc hd_job_report(const struct hd_ctx *ctx, int *done)
{
    int64_t from, to;
    char period[8];
    enum bot_rc rc;
    *done = 0;
    if (!board_due(ctx, &from, &to, period))
        return BOT_OK;
    char text[512];
    if ((rc = report_text(ctx, 0, from, to, period, text, sizeof text)) != BOT_OK)
        return rc;
    /* to every staff member named in [roles] admins: a branch admin's is her branch's (issue 18) */
    const char *p = ctx->set->admins;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ",");
        char who[160];
        snprintf(who, sizeof who, "%.*s", (int)n, p);
        p += n;
        char *colon = strchr(who, ':');
        if (!colon)
            continue;
        *colon = '\0';
        struct store_member m;
        int64_t scope = 0;
        char mine[512];
        char *says = text;
        if ((rc = store_member_by_identity(ctx->st, who, colon + 1, &m)) == BOT_OK)
            rc = store_member_branch_scope(ctx->st, m.id, &scope);
        if (rc != BOT_OK && rc != BOT_NOTFOUND)
            return rc;
        if (scope > 0) {
            if ((rc = report_text(ctx, scope, from, to, period, mine, sizeof mine)) != BOT_OK)
                return rc;
            says = mine;
        }
        if ((rc = run_claimed(ctx, "report", colon + 1, period, report_to, who, says, done)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

/* ---- inbox: de-duplication rows older than [limits] inbox_days ----
 * A platform retries a message for minutes (Telegram: up to a day); a row
 * younger than inbox_days is never touched, so a retry inside that window
 * still gets its first answer. Batches, each its own short transaction. */
#define INBOX_PRUNE_BATCH 1000

enum bot_rc hd_job_inbox_prune(const struct hd_ctx *ctx, int *done)
{
    int64_t before = ctx->now - (int64_t)ctx->set->inbox_days * 86400;
    enum bot_rc rc;
    *done = 0;
    for (;;) {
        int n = 0;
        if ((rc = store_begin(ctx->st)) != BOT_OK)
            return rc;
        if ((rc = store_inbox_prune(ctx->st, before, INBOX_PRUNE_BATCH, &n)) != BOT_OK) {
            store_rollback(ctx->st);
            return rc;
        }
        if ((rc = store_commit(ctx->st)) != BOT_OK)
            return rc;
        *done += n;
        if (n < INBOX_PRUNE_BATCH)
            return BOT_OK;
    }
}

/* The jobs in order, and what each has cost this process (runs, µs, failures: atomics, read by /metrics). */
static const struct {
    const char *name;
    enum bot_rc (*fn)(const struct hd_ctx *, int *);
} jobs[] = {
    {"reminder", hd_job_reminder},         {"unmatched", hd_job_unmatched},
    {"stale", hd_job_stale},
    /* the cap before the question and before auto-confirm, which then pays a capped timer */
    {"timer_cap", hd_job_timer_cap},       {"still_going", hd_job_still_going},
    {"no_show", hd_job_no_show},           {"complaints", hd_job_complaints},
    {"confirm_reminder", hd_job_confirm_reminder}, {"auto_confirm", hd_job_auto_confirm},
    /* expiry first: the warning then reads only accounts with lots left */
    {"expiry", hd_job_expiry},             {"expiry_warning", hd_job_expiry_warning},
    {"birthday", hd_job_birthdays},        {"digest", hd_job_digest},        {"leaderboard", hd_job_leaderboard},
    {"report", hd_job_report},             {"inbox_prune", hd_job_inbox_prune},
    {"membership_renewal", hd_job_membership_renewal},
    {"finance", hd_job_finance},
};
static atomic_ullong job_runs[BOT_ARRAY_LEN(jobs)], job_micros[BOT_ARRAY_LEN(jobs)], job_failures[BOT_ARRAY_LEN(jobs)];

void hd_jobs_stats(void (*fn)(const char *job, uint64_t runs, uint64_t micros, uint64_t failures, void *arg), void *arg)
{
    for (size_t i = 0; i < BOT_ARRAY_LEN(jobs); i++)
        fn(jobs[i].name, atomic_load_explicit(&job_runs[i], memory_order_relaxed),
           atomic_load_explicit(&job_micros[i], memory_order_relaxed),
           atomic_load_explicit(&job_failures[i], memory_order_relaxed), arg);
}

enum bot_rc hd_jobs_run_all(const struct hd_ctx *ctx, int *done)
{
    enum bot_rc first = BOT_OK;
    *done = 0;
    for (size_t i = 0; i < BOT_ARRAY_LEN(jobs); i++) {
        int d = 0;
        double t0 = bot_seconds();
        enum bot_rc rc = jobs[i].fn(ctx, &d);
        double secs = bot_seconds() - t0;
        atomic_fetch_add_explicit(&job_runs[i], 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&job_micros[i], (unsigned long long)(secs * 1e6), memory_order_relaxed);
        if (rc != BOT_OK)
            atomic_fetch_add_explicit(&job_failures[i], 1, memory_order_relaxed);
        if (secs >= 0.1)
            bot_log(BOT_LOG_INFO, "job %s: %d done in %.2f s", jobs[i].name, d, secs);
        if (rc != BOT_OK) {
            bot_log(BOT_LOG_ERROR, "job %s: %s", jobs[i].name, bot_strerror(rc));
            if (first == BOT_OK)
                first = rc;
        }
        *done += d;
    }
    return first;
}
