/* adapter_generic.c — the generic JSON hook (other integrations and tests) and its JSON push: the "generic" entry. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"

static int enabled(const struct bot_config *cfg) { return cfg->generic_token[0] != '\0'; }

static int verify_head(struct bot_hook *h, struct bot_answer *a)
{
    const char *auth = h->header(h, "Authorization");
    if (!auth || strncmp(auth, "Bearer ", 7) != 0 || !bot_secret_equal(auth + 7, h->cfg->generic_token)) {
        bot_answer_error(a, 401, "bad or missing bearer token");
        return 401;
    }
    return 0;
}

static int is_id(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) || json_is_integer(v);
}

/* A string or integer field as an owned string; NULL when absent/other type (or out of memory: is_id says). */
static char *id_field(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    char buf[32];
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return strdup(buf);
    }
    return NULL;
}

static enum bot_rc read_json(struct bot_hook *h, json_t *root, struct hd_msg *m, char err[256])
{
    char *mid = NULL, *uid = NULL, *cid = NULL;
    m->platform = bot_generic.name;
    if (!json_is_object(root)) {
        snprintf(err, 256, "body must be a JSON object");
        return BOT_INVALID;
    }
    m->message_id = mid = id_field(root, "message_id");
    m->user_id = uid = id_field(root, "user_id");
    m->chat_id = cid = id_field(root, "chat_id");
    json_t *text = json_object_get(root, "text");
    json_t *name = json_object_get(root, "user_name");
    json_t *type = json_object_get(root, "chat_type");
    json_t *time = json_object_get(root, "time");
    if ((!mid && is_id(root, "message_id")) || (!uid && is_id(root, "user_id")) || (!cid && is_id(root, "chat_id"))) {
        snprintf(err, 256, "out of memory"); /* never a group message read as a private one */
        return BOT_NOMEM;
    }
    if (!mid || !*mid || strlen(mid) > 128) {
        snprintf(err, 256, "message_id missing or not a string/integer");
        return BOT_INVALID;
    }
    if (!uid || !*uid || strlen(uid) > 128) {
        snprintf(err, 256, "user_id missing or not a string/integer");
        return BOT_INVALID;
    }
    if (!json_is_string(text)) {
        snprintf(err, 256, "text missing or not a string");
        return BOT_INVALID;
    }
    if (name && !json_is_string(name) && !json_is_null(name)) {
        snprintf(err, 256, "user_name must be a string");
        return BOT_INVALID;
    }
    if (type && !json_is_null(type)) {
        const char *t = json_string_value(type);
        if (!t || (strcmp(t, "group") != 0 && strcmp(t, "private") != 0)) {
            snprintf(err, 256, "chat_type must be \"group\" or \"private\"");
            return BOT_INVALID;
        }
        m->is_group = strcmp(t, "group") == 0;
    } else if (cid && *cid) {
        m->is_group = 1; /* a chat named without a type is a group: never show it what is meant for one person */
    }
    if (m->is_group && (!cid || !*cid)) {
        snprintf(err, 256, "chat_id missing for a group message");
        return BOT_INVALID;
    }
    if (time && !json_is_null(time)) {
        if (!json_is_integer(time) || json_integer_value(time) <= 0) {
            snprintf(err, 256, "time must be a positive integer (unix seconds)");
            return BOT_INVALID;
        }
        m->time = json_integer_value(time);
    }
    m->text = strdup(json_string_value(text));
    m->user_name = strdup(json_is_string(name) ? json_string_value(name) : "");
    if (!m->text || !m->user_name) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    return BOT_OK;
}

static enum bot_rc parse(struct bot_hook *h, const char *body, size_t len, struct hd_msg *m, char err[256])
{
    return bot_parse_json(h, body, len, JSON_REJECT_DUPLICATES, read_json, m, err);
}

/* {"reply":"…"} or {"reply":null} */
static enum bot_rc reply(struct bot_hook *h, const struct hd_msg *m, const char *text, struct bot_answer *a)
{
    json_t *o = json_pack("{s:o}", "reply", text ? json_string(text) : json_null());
    return bot_answer_json(a, o);
}

static int push_ready(const struct bot_config *cfg) { return cfg->generic_push_url[0] != '\0'; }

static enum bot_rc push_build(const struct bot_config *cfg, const char *chat_id, const char *user_id,
                              const char *text, struct bot_push *out)
{
    snprintf(out->url, sizeof out->url, "%s", cfg->generic_push_url);
    if (cfg->generic_push_token[0]) /* its own key: the inbound token never leaves the bot */
        snprintf(out->auth, sizeof out->auth, "Bearer %s", cfg->generic_push_token);
    json_t *o = json_pack("{s:s?,s:s?,s:s}", "chat_id", chat_id, "user_id", chat_id ? NULL : user_id, "text", text);
    return bot_push_json(out, o);
}

const struct bot_platform bot_generic = {
    .name = "generic",
    .label = "其他平台",
    .route = "/hook/generic$",
    .flags = BOT_PUSH_PRIVATE | BOT_PUSH_GROUP,
    .hook_enabled = enabled,
    .verify_head = verify_head,
    .parse = parse,
    .reply = reply,
    .quiet_status = 200,
    .quiet_type = BOT_JSON_TYPE,
    .quiet_body = "{\"reply\":null}",
    .push_ready = push_ready,
    .push_build = push_build,
};
