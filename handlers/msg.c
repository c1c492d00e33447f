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

const char *hd_platform_label(const struct hd_ctx *ctx, const char *platform)
{
    const struct hd_platform *p = platform_of(ctx, platform);
    return p && p->label ? p->label : platform;
}
