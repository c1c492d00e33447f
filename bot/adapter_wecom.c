/* adapter_wecom.c — the WeCom (企业微信) group robot: pushes only, into its one group, 20 a minute: the "wecom" entry. */
#include <jansson.h>
#include <string.h>

#include "platform.h"

static int push_ready(const struct bot_config *cfg) { return cfg->wecom_robot_url[0] != '\0'; }

/* The robot speaks in its own group, whatever chat or user is named:
 * markdown (≤ 4096 bytes) when the text is written in it, else text (≤ 2048 bytes). */
static enum bot_rc push_build(const struct bot_config *cfg, const char *chat_id, const char *user_id,
                              const char *text, struct bot_push *out)
{
    snprintf(out->url, sizeof out->url, "%s", cfg->wecom_robot_url);
    int md = text[0] == '#' || strstr(text, "**") != NULL;
    char content[4096];
    bot_strlcpy(content, text, md ? 4096 : 2048);
    json_t *o = json_pack("{s:s,s:{s:s}}", "msgtype", md ? "markdown" : "text", md ? "markdown" : "text", "content",
                          content);
    return bot_push_json(out, o);
}

static enum store_outbox_result push_result(long http_status, json_t *o, int *retry_after, char err[256])
{
    json_t *ec = json_object_get(o, "errcode");
    long long code = json_is_integer(ec) ? (long long)json_integer_value(ec) : -1;
    if (code == 0)
        return STORE_OUTBOX_SENT;
    const char *m = json_string_value(json_object_get(o, "errmsg"));
    snprintf(err, 256, "wecom: HTTP %ld errcode %lld %s", http_status, code, m ? m : "");
    if (code == 45009) { /* api freq out of limit: later */
        *retry_after = 60;
        return STORE_OUTBOX_RETRY;
    }
    if (code == 93000) /* invalid webhook url: permanent */
        return STORE_OUTBOX_DEAD;
    return http_status >= 500 || code == -1 ? STORE_OUTBOX_RETRY : STORE_OUTBOX_DEAD;
}

/* one robot: its limit is the destination's */
static int per_minute(const struct bot_config *cfg) { return cfg->wecom_per_minute; }

const struct bot_platform bot_wecom = {
    .name = "wecom",
    .label = "企业微信",
    .flags = BOT_PUSH_GROUP | BOT_PUSH_ONE_DEST | BOT_PUSH_MARKDOWN, /* never one person: its group */
    .push_ready = push_ready,
    .push_build = push_build,
    .push_result = push_result,
    .per_minute = per_minute,
};
