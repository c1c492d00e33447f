/* pipeline.c — one message through parse, trigger, de-dup, handler and one
 * transaction. */
#include "handlers.h"

#include <stdarg.h>
#include <string.h>

void hd_say(struct hd_reply *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->text, sizeof out->text, fmt, ap);
    va_end(ap);
    out->has_reply = 1;
}

void hd_format_when(int64_t t, int utc_offset, char buf[32])
{
    char iso[32];
    bot_format_iso(t, utc_offset, iso);
    /* 2026-11-24T09:00 → 11月24日 09:00 */
    int mo = (iso[5] - '0') * 10 + (iso[6] - '0');
    int d = (iso[8] - '0') * 10 + (iso[9] - '0');
    snprintf(buf, 32, "%d月%d日 %.5s", mo, d, iso + 11);
}

const char *hd_display_name(const struct store_member *m)
{
    return m && m->name[0] ? m->name : "邻居";
}

/* Add the pending notices to the reply and clear them, inside the caller's
 * write transaction: the sender identity's own (a link alert, which the other
 * identities of the member cannot read), then the member's (gifts received,
 * 代录, auto-confirm, the address of an order they accepted). Only in a private
 * chat: they are the member's own business, and in a group they wait. */
static enum bot_rc deliver_notice(const struct hd_ctx *ctx, const struct hd_msg *m, const struct store_member *me,
                                  struct hd_reply *out)
{
    enum bot_rc rc;
    size_t len = strlen(out->text);
    const char *sep = "\n【给您的消息】";
    if (me->ident_notice) {
        char note[512];
        if ((rc = store_identity_notice_get(ctx->st, m->platform, m->user_id, note, sizeof note)) != BOT_OK ||
            (rc = store_identity_notice(ctx->st, m->platform, m->user_id, NULL)) != BOT_OK)
            return rc;
        if (note[0]) {
            bot_appendf(out->text, sizeof out->text, &len, "%s%s", sep, note);
            sep = "\n";
        }
    }
    if (!me->notice[0])
        return BOT_OK;
    bot_appendf(out->text, sizeof out->text, &len, "%s%s", sep, me->notice);
    return store_member_notice(ctx->st, me->id, NULL);
}

/* Every reply: phone numbers masked; in a group, every address cut to the
 * building, whatever put it there (a location, an echoed text, a notice). */
static void finish_reply(const struct hd_msg *m, struct hd_reply *out)
{
    if (!out->has_reply)
        return;
    hd_mask_phones(out->text);
    if (m->is_group)
        hd_mask_address(out->text);
}

static int is_write_intent(enum nlp_intent i)
{
    switch (i) {
    case NLP_REGISTER: case NLP_OFFER: case NLP_POST_REQUEST: case NLP_ACCEPT: case NLP_START:
    case NLP_FINISH: case NLP_CONFIRM: case NLP_CANCEL: case NLP_GIFT: case NLP_RATE: case NLP_COMPLAINT:
    case NLP_RESOLVE: case NLP_GRANT: case NLP_ADJUST: case NLP_SUSPEND: case NLP_UNSUSPEND:
    case NLP_MALICIOUS: case NLP_SUBSIDISE: case NLP_RECOMMEND: case NLP_PROXY: case NLP_ACTIVITY_CREATE:
    case NLP_ACTIVITY_SIGN: case NLP_ACTIVITY_CLOSE: case NLP_BIND: case NLP_LINK: case NLP_UNLINK:
    case NLP_BIRTHDAY_PUBLIC: case NLP_BIRTHDAY_PRIVATE:
        return 1;
    default:
        return 0;
    }
}

/* Should a group message get an answer at all? */
static int triggered(const struct hd_ctx *ctx, const struct hd_msg *m, const struct nlp_result *nr)
{
    if (!m->is_group)
        return 1;
    if (nr->intent == NLP_UNLINK)
        return nr->addressed; /* never from chatter in a group */
    switch (ctx->cfg->group_trigger) {
    case BOT_TRIGGER_MENTION:
        return nr->addressed;
    case BOT_TRIGGER_COMMAND:
        return nr->command && nr->intent != NLP_NONE;
    default:
        return nr->intent != NLP_NONE || nr->addressed;
    }
}

static enum bot_rc run_write(struct hd_call *c, enum hd_outcome *outcome)
{
    switch (c->nr->intent) {
    case NLP_REGISTER: return hd_register(c, outcome);
    case NLP_OFFER: return hd_offer(c, outcome);
    case NLP_POST_REQUEST: return hd_post_request(c, outcome);
    case NLP_ACCEPT: return hd_accept(c, outcome);
    case NLP_START: return hd_start(c, outcome);
    case NLP_FINISH: return hd_finish(c, outcome);
    case NLP_CONFIRM: return hd_confirm(c, outcome);
    case NLP_CANCEL: return hd_cancel(c, outcome);
    case NLP_GIFT: return hd_gift(c, outcome);
    case NLP_RATE: return hd_rate(c, outcome);
    case NLP_COMPLAINT: return hd_complaint(c, outcome);
    case NLP_RESOLVE: return hd_resolve(c, outcome);
    case NLP_GRANT: return hd_grant(c, outcome);
    case NLP_ADJUST: return hd_adjust(c, outcome);
    case NLP_SUSPEND: case NLP_UNSUSPEND: return hd_suspend(c, outcome);
    case NLP_MALICIOUS: return hd_malicious(c, outcome);
    case NLP_SUBSIDISE: return hd_subsidise(c, outcome);
    case NLP_RECOMMEND: return hd_recommend(c, outcome);
    case NLP_PROXY: return hd_proxy(c, outcome);
    case NLP_ACTIVITY_CREATE: case NLP_ACTIVITY_SIGN: case NLP_ACTIVITY_CLOSE: return hd_activity(c, outcome);
    case NLP_BIND: return hd_bind(c, outcome);
    case NLP_LINK: return hd_link(c, outcome);
    case NLP_UNLINK: return hd_unlink(c, outcome);
    case NLP_BIRTHDAY_PUBLIC: case NLP_BIRTHDAY_PRIVATE: return hd_birthday_public(c, outcome);
    default: *outcome = HD_REFUSED; return BOT_OK;
    }
}

static enum bot_rc run_read(struct hd_call *c)
{
    switch (c->nr->intent) {
    case NLP_HELP: return hd_help(c);
    case NLP_BALANCE: return hd_balance(c);
    case NLP_LIST_REQUESTS: return hd_list_requests(c);
    case NLP_HISTORY: return hd_history(c);
    case NLP_UNMATCHED: return hd_unmatched(c);
    case NLP_LEADERBOARD: return hd_leaderboard(c);
    default:
        /* addressed or private but not understood */
        if (c->nr->smalltalk == 2)
            hd_say(c->out, "不客气！有需要随时找我，邻里互助，时间存起来。");
        else if (c->nr->smalltalk == 1)
            hd_say(c->out, "您好，我是时间驿站互助小助手。请人帮忙发「求助 + 什么事 + 时间」，"
                           "查积分发「查积分」，想看全部用法发「帮助」。");
        else
            hd_say(c->out, "抱歉，我没听懂。发送「帮助」看看我能做什么。");
        return BOT_OK;
    }
}

/* Find the sender, creating them inside the current write transaction. */
static enum bot_rc sender(const struct hd_ctx *ctx, const struct hd_msg *m, struct store_member *me)
{
    enum bot_rc rc = store_member_by_identity(ctx->st, m->platform, m->user_id, me);
    if (rc == BOT_NOTFOUND) {
        rc = store_member_create(ctx->st, m->platform, m->user_id, m->user_name ? m->user_name : "",
                                 (int64_t)ctx->cfg->rules.overdraft_hours * 60, ctx->now, me);
    } else if (rc == BOT_OK && !me->registered && m->user_name && *m->user_name &&
               strcmp(me->name, m->user_name) != 0) {
        rc = store_member_set_name(ctx->st, me->id, m->user_name);
        if (rc == BOT_OK)
            bot_strlcpy(me->name, m->user_name, sizeof me->name);
    }
    return rc;
}

enum bot_rc hd_handle(const struct hd_ctx *ctx, const struct hd_msg *m, struct hd_reply *out)
{
    struct nlp_result nr;
    struct store_member me;
    enum bot_rc rc;
    memset(out, 0, sizeof *out);
    if (!m->text || !m->user_id || !*m->user_id)
        return BOT_INVALID;
    size_t chars = 0;
    for (const char *p = m->text; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80; /* UTF-8 code points */
    if (ctx->cfg->max_text_chars > 0 && chars > (size_t)ctx->cfg->max_text_chars) {
        if (!m->is_group)
            hd_say(out, "消息太长了，请简短一些（最多 %d 个字）。", ctx->cfg->max_text_chars);
        return BOT_OK;
    }
    if ((rc = nlp_parse_message(ctx->nlp, m->text, m->mentions, m->nmentions, ctx->now, ctx->cfg->utc_offset, &nr)) !=
        BOT_OK)
        return rc;
    if (m->addressed)
        nr.addressed = 1;
    if (!triggered(ctx, m, &nr))
        return BOT_OK;
    struct hd_call call = {ctx, m, &nr, NULL, out, 0, 0};

    if (!is_write_intent(nr.intent)) {
        /* reads write nothing, not even a de-dup row (a pending notice aside) */
        rc = store_member_by_identity(ctx->st, m->platform, m->user_id, &me);
        if (rc == BOT_OK)
            call.me = &me;
        else if (rc != BOT_NOTFOUND)
            return rc;
        if (call.me && me.roles && (rc = hd_link_state(&call)) != BOT_OK) /* a held identity reads as a member */
            return rc;
        if ((rc = run_read(&call)) != BOT_OK)
            return rc;
        if (call.me && (me.notice[0] || me.ident_notice) && out->has_reply && !m->is_group) {
            if ((rc = store_begin(ctx->st)) != BOT_OK)
                return rc;
            if ((rc = deliver_notice(ctx, m, &me, out)) != BOT_OK) {
                store_rollback(ctx->st);
                return rc;
            }
            if ((rc = store_commit(ctx->st)) != BOT_OK)
                return rc;
        }
        finish_reply(m, out);
        return BOT_OK;
    }

    if ((rc = store_begin(ctx->st)) != BOT_OK)
        return rc;
    int dedup = m->message_id && *m->message_id;
    struct store_msg_key key = {m->platform, m->is_group ? m->chat_id : "", m->user_id, m->message_id};
    if (dedup) {
        int has_reply = 0;
        rc = store_inbox_get(ctx->st, &key, out->text, sizeof out->text, &has_reply);
        if (rc == BOT_OK) { /* seen before: the first answer again, nothing done */
            out->has_reply = has_reply;
            store_rollback(ctx->st);
            return BOT_OK;
        }
        if (rc != BOT_NOTFOUND)
            goto error_out;
    }
    if ((rc = sender(ctx, m, &me)) != BOT_OK)
        goto error_out;
    call.me = &me;
    if ((rc = hd_link_state(&call)) != BOT_OK)
        goto error_out;
    enum hd_outcome outcome = HD_REFUSED;
    if (me.suspended && !hd_is_admin(&call)) {
        hd_say(out, "您的账户已暂停使用，有疑问请联系工作人员。");
    } else if ((rc = run_write(&call, &outcome)) != BOT_OK) {
        goto error_out;
    }
    if (outcome == HD_REFUSED) {
        store_rollback(ctx->st); /* a refusal changes nothing */
        finish_reply(m, out);
        return BOT_OK;
    }
    /* HD_CHANGED, and HD_COUNTED (a refusal whose bookkeeping stays), commit */
    if ((me.notice[0] || me.ident_notice) && out->has_reply && !m->is_group &&
        (rc = deliver_notice(ctx, m, &me, out)) != BOT_OK)
        goto error_out;
    finish_reply(m, out);
    if (dedup && (rc = store_inbox_put(ctx->st, &key, out->has_reply ? out->text : NULL, ctx->now)) != BOT_OK)
        goto error_out;
    return store_commit(ctx->st);
error_out:
    store_rollback(ctx->st);
    memset(out, 0, sizeof *out);
    return rc;
}
