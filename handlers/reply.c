/* reply.c — how a reply reads: hd_say (cut at a UTF-8 boundary), the writer's script, dates and
 * hours on the community's clock, display and level names, masked phones. */
#include "handlers.h"

#include <stdarg.h>
#include <string.h>

void hd_say(struct hd_reply *out, const char *fmt, ...)
{
    /* one byte more than the reply holds, so bot_strlcpy sees the byte after
     * the cut and never leaves half a UTF-8 character at the end */
    char text[HD_REPLY_MAX + 1];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n < 0)
        text[0] = '\0';
    bot_strlcpy(out->text, text, sizeof out->text);
    out->has_reply = 1;
}

int64_t hd_local_day(const struct hd_ctx *ctx)
{
    return bot_local_day(ctx->now, ctx->set->utc_offset);
}

int hd_local_hour(const struct hd_ctx *ctx)
{
    return (int)((ctx->now - bot_day_start(hd_local_day(ctx), ctx->set->utc_offset)) / 3600);
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

void hd_hours_text(int64_t minutes, char buf[24])
{
    if (minutes % 30 == 0)
        snprintf(buf, 24, "%g小时", minutes / 60.0);
    else if (minutes < 60)
        snprintf(buf, 24, "%lld分钟", (long long)minutes);
    else
        snprintf(buf, 24, "%lld小时%lld分钟", (long long)(minutes / 60), (long long)(minutes % 60));
}

const char *hd_status_text(enum store_req_status s)
{
    static const char *const names[] = {"待接单", "已接单", "服务中", "待确认", "已完成", "已取消", "投诉处理中", "已过期"};
    return (unsigned)s < BOT_ARRAY_LEN(names) ? names[s] : "";
}

const char *hd_level_name(const struct hd_rules *rules, int64_t earned_minutes)
{
    int64_t credits = earned_minutes / 60;
    if (credits >= rules->level_gongzhu)
        return "共筑";
    if (credits >= rules->level_tongxing)
        return "同行";
    return "初心";
}

void hd_mask_phones(char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i + 11 <= n; i++) {
        if (text[i] != '1' || (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9'))
            continue;
        size_t k = 0;
        while (k < 11 && text[i + k] >= '0' && text[i + k] <= '9')
            k++;
        if (k == 11 && !(text[i + 11] >= '0' && text[i + 11] <= '9') && text[i + 1] >= '3') {
            memset(text + i + 3, '*', 4);
            i += 10;
        }
    }
}

void hd_reply_script(const struct hd_ctx *ctx, const struct nlp_result *nr, struct hd_reply *out)
{
    if (!out->has_reply || !nr->traditional || !ctx->nlp)
        return;
    if (nlp_to_traditional(ctx->nlp, out->text, out->text, sizeof out->text) == BOT_ERR)
        bot_log(BOT_LOG_WARN, "reply left in simplified script: OpenCC could not convert it");
}
