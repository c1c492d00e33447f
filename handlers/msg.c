/* msg.c — the one message's free, and what the rule book knows of platforms (from the list bot/ fills). */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"

void hd_msg_free(struct hd_msg *m)
{
    if (!m)
        return;
    /* an adapter's strings are its own malloc'd copies (see handlers.h) */
    free((void *)m->message_id);
    free((void *)m->chat_id);
    free((void *)m->user_id);
    free((void *)m->user_name);
    free((void *)m->text);
    memset(m, 0, sizeof *m);
}

const struct hd_platform *hd_platform_of(const struct hd_ctx *ctx, const char *platform)
{
    for (int i = 0; platform && i < ctx->nplatforms; i++)
        if (strcmp(ctx->platforms[i].name, platform) == 0)
            return &ctx->platforms[i];
    return NULL;
}

int hd_can_push_private(const struct hd_ctx *ctx, const char *platform, const char *user_id)
{
    const struct hd_platform *p = hd_platform_of(ctx, platform);
    if (!p || !p->push_private)
        return 0;
    if (p->push_window <= 0)
        return 1;
    /* only while her window is open: her last private message, as recorded (at most HD_SEEN_EVERY old), leaves
     * HD_PUSH_MARGIN for the outbox to send it in */
    int64_t at = 0;
    if (!user_id || !*user_id || !ctx->st || store_identity_seen_at(ctx->st, platform, user_id, &at) != BOT_OK)
        return 0;
    return at > 0 && at + p->push_window - HD_PUSH_MARGIN > ctx->now;
}

enum bot_rc hd_seen(const struct hd_ctx *ctx, const struct hd_msg *m, int in_txn)
{
    const struct hd_platform *p = hd_platform_of(ctx, m->platform);
    int64_t at = 0;
    if (m->is_group || m->member_id || !p || !p->push_private || p->push_window <= 0 || !m->user_id || !*m->user_id)
        return BOT_OK;
    /* read first: a write (and its transaction) only every HD_SEEN_EVERY seconds of her talking */
    enum bot_rc rc = store_identity_seen_at(ctx->st, m->platform, m->user_id, &at);
    if (rc != BOT_OK || at > ctx->now - HD_SEEN_EVERY)
        return rc;
    if (in_txn)
        return store_identity_seen(ctx->st, m->platform, m->user_id, ctx->now, HD_SEEN_EVERY);
    if ((rc = store_begin(ctx->st)) != BOT_OK)
        return rc;
    if ((rc = store_identity_seen(ctx->st, m->platform, m->user_id, ctx->now, HD_SEEN_EVERY)) != BOT_OK) {
        store_rollback(ctx->st);
        return rc;
    }
    return store_commit(ctx->st);
}

enum bot_rc hd_say_open_private(const struct hd_ctx *ctx, const struct hd_msg *m, struct hd_reply *out)
{
    const struct hd_platform *p = hd_platform_of(ctx, m->platform);
    int reached = 0;
    if (!p || !p->open_private || !m->is_group)
        return BOT_OK;
    enum bot_rc rc = store_outbox_reached(ctx->st, m->platform, m->user_id, &reached);
    if (rc != BOT_OK || reached)
        return rc;
    size_t len = strlen(out->text);
    bot_appendf(out->text, sizeof out->text, &len, "如果没收到，请先%s，再发一次。", p->open_private);
    return BOT_OK;
}

const char *hd_platform_label(const struct hd_ctx *ctx, const char *platform)
{
    const struct hd_platform *p = hd_platform_of(ctx, platform);
    return p && p->label ? p->label : platform;
}
