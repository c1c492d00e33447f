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

static const struct hd_platform *platform_of(const struct hd_ctx *ctx, const char *platform)
{
    for (int i = 0; platform && i < ctx->nplatforms; i++)
        if (strcmp(ctx->platforms[i].name, platform) == 0)
            return &ctx->platforms[i];
    return NULL;
}

int hd_can_push_private(const struct hd_ctx *ctx, const char *platform)
{
    const struct hd_platform *p = platform_of(ctx, platform);
    return p && p->push_private;
}

enum bot_rc hd_say_open_private(const struct hd_ctx *ctx, const struct hd_msg *m, struct hd_reply *out)
{
    const struct hd_platform *p = platform_of(ctx, m->platform);
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
    const struct hd_platform *p = platform_of(ctx, platform);
    return p && p->label ? p->label : platform;
}
