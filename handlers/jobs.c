/* jobs.c — the rule book's timed rules, as functions the scheduler runs:
 * auto-confirm, credit expiry, birthday gifts. Each item commits alone so
 * one failure does not undo the others. */
#include "handlers.h"

#include <string.h>

enum bot_rc hd_job_auto_confirm(const struct hd_ctx *ctx, int *done)
{
    const struct bot_rules *rules = &ctx->cfg->rules;
    int64_t ids[256];
    int n = 0;
    enum bot_rc rc;
    *done = 0;
    if ((rc = store_request_ids_due(ctx->st, STORE_REQ_FINISHED, ctx->now - (int64_t)rules->confirm_hours * 3600,
                                    ids, 256, &n)) != BOT_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        struct store_request r;
        if ((rc = store_begin(ctx->st)) != BOT_OK)
            return rc;
        rc = store_request_get(ctx->st, ids[i], &r);
        if (rc == BOT_OK && r.status == STORE_REQ_FINISHED) {
            int minutes = hd_credit_minutes(r.finished_at - r.started_at, rules->round_minutes, rules->min_credit_minutes);
            rc = hd_credit_request(ctx, &r, minutes);
            if (rc == BOT_OK) {
                char h[24], note[160];
                hd_hours_text(minutes, h);
                snprintf(note, sizeof note, "#%lld 超过 %d 小时未确认，已自动确认 %s。", (long long)r.id,
                         rules->confirm_hours, h);
                rc = store_member_notice(ctx->st, r.requester_id, note);
                if (rc == BOT_OK)
                    rc = hd_push_member(ctx, r.requester_id, "auto_confirm", note);
            }
        }
        if (rc == BOT_LIMIT) { /* over the limit: leave it for staff, do not fail the job */
            store_rollback(ctx->st);
            bot_log(BOT_LOG_WARN, "auto-confirm #%lld: requester over the overdraft limit", (long long)ids[i]);
            continue;
        }
        if (rc != BOT_OK) {
            store_rollback(ctx->st);
            return rc;
        }
        if ((rc = store_commit(ctx->st)) != BOT_OK)
            return rc;
        (*done)++;
    }
    return BOT_OK;
}

enum bot_rc hd_job_expiry(const struct hd_ctx *ctx, int *done)
{
    enum bot_rc rc;
    *done = 0;
    for (;;) {
        int moved = 0;
        if ((rc = store_begin(ctx->st)) != BOT_OK)
            return rc;
        if ((rc = store_expire_lots(ctx->st, ctx->now, 1000, &moved)) != BOT_OK) {
            store_rollback(ctx->st);
            return rc;
        }
        if ((rc = store_commit(ctx->st)) != BOT_OK)
            return rc;
        *done += moved;
        if (moved < 1000)
            return BOT_OK;
    }
}

struct birthday_run {
    const struct hd_ctx *ctx;
    int year;
    int done;
    enum bot_rc rc;
};

static void birthday_one(const struct store_member *m, void *arg)
{
    struct birthday_run *b = arg;
    const struct hd_ctx *ctx = b->ctx;
    struct store_account fund;
    if (b->rc != BOT_OK || m->birthday_year >= b->year || m->suspended)
        return;
    enum bot_rc rc = store_account_by_name(ctx->st, "fund", &fund);
    if (rc == BOT_OK)
        rc = hd_move(ctx, fund.id, m->account_id, (int64_t)ctx->cfg->rules.birthday_credits * 60, "birthday", 0,
                     "生日礼物", 0, 1);
    if (rc == BOT_OK)
        rc = store_member_set_int(ctx->st, m->id, STORE_MF_BIRTHDAY_YEAR, b->year);
    if (rc == BOT_OK) {
        char note[160];
        snprintf(note, sizeof note, "%s，生日快乐！时间驿站送您 %d 积分。", m->name, ctx->cfg->rules.birthday_credits);
        rc = store_member_notice(ctx->st, m->id, note);
        if (rc == BOT_OK)
            rc = hd_push_member(ctx, m->id, "birthday", note);
    }
    if (rc == BOT_OK)
        b->done++;
    b->rc = rc;
}

enum bot_rc hd_job_birthdays(const struct hd_ctx *ctx, int *done)
{
    char iso[32], mmdd[8];
    *done = 0;
    if (ctx->cfg->rules.birthday_credits <= 0)
        return BOT_OK;
    bot_format_iso(ctx->now, ctx->cfg->utc_offset, iso);
    snprintf(mmdd, sizeof mmdd, "%.5s", iso + 5);
    struct birthday_run b = {ctx, 0, 0, BOT_OK};
    int64_t y;
    char ys[8];
    snprintf(ys, sizeof ys, "%.4s", iso);
    if (bot_parse_i64(ys, &y) != BOT_OK)
        return BOT_ERR;
    b.year = (int)y;
    enum bot_rc rc = store_begin(ctx->st);
    if (rc != BOT_OK)
        return rc;
    rc = store_members_born_on(ctx->st, mmdd, birthday_one, &b);
    if (rc == BOT_OK)
        rc = b.rc;
    if (rc != BOT_OK) {
        store_rollback(ctx->st);
        return rc;
    }
    *done = b.done;
    return store_commit(ctx->st);
}

enum bot_rc hd_push_member(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text)
{
    char platform[16], user[96];
    enum bot_rc rc = store_member_identity(ctx->st, member, platform, sizeof platform, user, sizeof user);
    if (rc == BOT_NOTFOUND || (rc == BOT_OK && (strcmp(platform, "cli") == 0 || strcmp(platform, "wechat") == 0)))
        return BOT_OK; /* no push channel: the notice waits for their next message */
    if (rc != BOT_OK)
        return rc;
    return store_outbox_add(ctx->st, job, platform, NULL, user, text, ctx->now);
}

enum bot_rc hd_job_unmatched(const struct hd_ctx *ctx, int *done)
{
    const struct bot_rules *rules = &ctx->cfg->rules;
    int64_t ids[256];
    int n = 0;
    enum bot_rc rc;
    *done = 0;
    if ((rc = store_request_ids_unescalated(ctx->st, ctx->now - (int64_t)rules->unmatched_hours * 3600, ids, 256, &n)) !=
        BOT_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        struct store_request r;
        struct store_member req;
        if ((rc = store_begin(ctx->st)) != BOT_OK)
            return rc;
        if ((rc = store_request_get(ctx->st, ids[i], &r)) != BOT_OK ||
            (rc = store_member_get(ctx->st, r.requester_id, &req)) != BOT_OK)
            goto fail;
        char when[32] = "", text[512];
        if (r.start_at)
            hd_format_when(r.start_at, ctx->cfg->utc_offset, when);
        snprintf(text, sizeof text, "求助 #%lld 已经 %d 小时没人接了：%s%s%s。能帮忙的邻居请回复「接单 #%lld」。",
                 (long long)r.id, rules->unmatched_hours, r.service, when[0] ? " " : "", when, (long long)r.id);
        if (r.platform[0] && r.chat_id[0] &&
            (rc = store_outbox_add(ctx->st, "unmatched", r.platform, r.chat_id, NULL, text, ctx->now)) != BOT_OK)
            goto fail;
        if (req.building[0]) {
            struct store_chat chats[8];
            int nc = 0;
            int64_t mgr[8];
            int nm = 0;
            if ((rc = store_chats_of_building(ctx->st, req.building, chats, 8, &nc)) != BOT_OK)
                goto fail;
            for (int k = 0; k < nc; k++) {
                if (strcmp(chats[k].platform, r.platform) == 0 && strcmp(chats[k].chat_id, r.chat_id) == 0)
                    continue; /* already told there */
                if ((rc = store_outbox_add(ctx->st, "unmatched", chats[k].platform, chats[k].chat_id, NULL, text,
                                           ctx->now)) != BOT_OK)
                    goto fail;
            }
            if ((rc = store_managers_of(ctx->st, req.building, mgr, 8, &nm)) != BOT_OK)
                goto fail;
            char note[600];
            snprintf(note, sizeof note, "楼长您好：%s的%s", req.building, text);
            for (int k = 0; k < nm; k++)
                if ((rc = store_member_notice(ctx->st, mgr[k], note)) != BOT_OK ||
                    (rc = hd_push_member(ctx, mgr[k], "unmatched", note)) != BOT_OK)
                    goto fail;
        }
        if ((rc = store_request_escalated(ctx->st, r.id, ctx->now)) != BOT_OK)
            goto fail;
        if ((rc = store_commit(ctx->st)) != BOT_OK)
            return rc;
        (*done)++;
        continue;
    fail:
        store_rollback(ctx->st);
        return rc;
    }
    return BOT_OK;
}
