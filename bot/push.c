/* push.c — outbound messages: one request builder and one answer reader per
 * platform (OneBot send_*_msg, Telegram sendMessage, WeCom robot, generic). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "msg.h"

static json_t *id_json(const char *id)
{
    int64_t v;
    return bot_parse_i64(id, &v) == BOT_OK ? json_integer(v) : json_string(id);
}

enum bot_rc bot_push_build(const struct bot_config *cfg, const char *platform, const char *chat_id,
                           const char *user_id, const char *text, struct bot_push *out)
{
    json_t *o = NULL;
    int group = chat_id && *chat_id;
    memset(out, 0, sizeof *out);
    if (!group && (!user_id || !*user_id) && strcmp(platform, "wecom") != 0)
        return BOT_INVALID;
    if (strcmp(platform, "onebot") == 0) {
        if (!cfg->onebot_api_url[0])
            return BOT_INVALID;
        snprintf(out->url, sizeof out->url, "%s/%s", cfg->onebot_api_url, group ? "send_group_msg" : "send_private_msg");
        if (cfg->onebot_access_token[0])
            snprintf(out->auth, sizeof out->auth, "Bearer %s", cfg->onebot_access_token);
        o = json_pack("{s:o,s:s,s:b}", group ? "group_id" : "user_id", id_json(group ? chat_id : user_id), "message",
                      text, "auto_escape", 1);
    } else if (strcmp(platform, "telegram") == 0) {
        if (!cfg->telegram_bot_token[0])
            return BOT_INVALID;
        snprintf(out->url, sizeof out->url, "%s/bot%s/sendMessage", cfg->telegram_api_url, cfg->telegram_bot_token);
        o = json_pack("{s:o,s:s}", "chat_id", id_json(group ? chat_id : user_id), "text", text);
    } else if (strcmp(platform, "wecom") == 0) {
        if (!cfg->wecom_robot_url[0])
            return BOT_INVALID;
        snprintf(out->url, sizeof out->url, "%s", cfg->wecom_robot_url);
        /* the robot speaks in its own group: markdown (≤ 4096 bytes) when the
         * text is written in it, else text (≤ 2048 bytes) */
        int md = text[0] == '#' || strstr(text, "**") != NULL;
        char content[4096];
        bot_strlcpy(content, text, md ? 4096 : 2048);
        o = json_pack("{s:s,s:{s:s}}", "msgtype", md ? "markdown" : "text", md ? "markdown" : "text", "content",
                      content);
    } else if (strcmp(platform, "generic") == 0) {
        if (!cfg->generic_push_url[0])
            return BOT_INVALID;
        snprintf(out->url, sizeof out->url, "%s", cfg->generic_push_url);
        if (cfg->generic_push_token[0]) /* its own key: the inbound token never leaves the bot */
            snprintf(out->auth, sizeof out->auth, "Bearer %s", cfg->generic_push_token);
        o = json_pack("{s:s?,s:s?,s:s}", "chat_id", group ? chat_id : NULL, "user_id", group ? NULL : user_id,
                      "text", text);
    } else {
        return BOT_INVALID; /* cli and wechat (passive replies only) have no push */
    }
    out->body = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    return out->body ? BOT_OK : BOT_NOMEM;
}

int bot_push_result(const char *platform, long http_status, const char *body, int *retry_after, char err[256])
{
    json_error_t je;
    *retry_after = 0;
    err[0] = '\0';
    if (http_status == 0) {
        snprintf(err, 256, "no answer (connection failed or timed out)");
        return 1;
    }
    json_t *o = body && *body ? bot_json_load(body, strlen(body), 0, &je) : NULL;
    int result;
    if (strcmp(platform, "onebot") == 0) {
        /* trust retcode, not the HTTP status */
        json_t *rc = json_object_get(o, "retcode");
        if (json_is_integer(rc) && json_integer_value(rc) == 0) {
            result = 0;
        } else if (http_status == 401 || http_status == 403) {
            snprintf(err, 256, "onebot: HTTP %ld (access token)", http_status);
            result = 2;
        } else if (json_is_integer(rc) && json_integer_value(rc) == 1) {
            result = 0; /* async: accepted */
        } else {
            const char *msg = json_string_value(json_object_get(o, "wording"));
            if (!msg)
                msg = json_string_value(json_object_get(o, "msg"));
            snprintf(err, 256, "onebot: HTTP %ld retcode %lld %s", http_status,
                     json_is_integer(rc) ? (long long)json_integer_value(rc) : -1LL, msg ? msg : "");
            result = http_status >= 500 || !o ? 1 : (json_is_integer(rc) ? 1 : 2);
        }
    } else if (strcmp(platform, "telegram") == 0) {
        if (json_is_true(json_object_get(o, "ok"))) {
            result = 0;
        } else {
            json_t *ra = json_object_get(json_object_get(o, "parameters"), "retry_after");
            const char *d = json_string_value(json_object_get(o, "description"));
            snprintf(err, 256, "telegram: HTTP %ld %s", http_status, d ? d : "");
            if (http_status == 429 || json_is_integer(ra)) {
                *retry_after = json_is_integer(ra) ? (int)json_integer_value(ra) : 30;
                result = 1;
            } else {
                result = http_status >= 500 ? 1 : 2;
            }
        }
    } else if (strcmp(platform, "wecom") == 0) {
        json_t *ec = json_object_get(o, "errcode");
        long long code = json_is_integer(ec) ? (long long)json_integer_value(ec) : -1;
        if (code == 0) {
            result = 0;
        } else {
            const char *m = json_string_value(json_object_get(o, "errmsg"));
            snprintf(err, 256, "wecom: HTTP %ld errcode %lld %s", http_status, code, m ? m : "");
            if (code == 45009) { /* api freq out of limit: later */
                *retry_after = 60;
                result = 1;
            } else if (code == 93000) { /* invalid webhook url: permanent */
                result = 2;
            } else {
                result = http_status >= 500 || code == -1 ? 1 : 2;
            }
        }
    } else {
        result = http_status >= 200 && http_status < 300 ? 0 : (http_status >= 500 || http_status == 429 ? 1 : 2);
        if (result)
            snprintf(err, 256, "%s: HTTP %ld", platform, http_status);
    }
    json_decref(o);
    return result;
}
