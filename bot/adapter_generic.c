/* adapter_generic.c — the generic JSON hook, for other integrations and tests. */
#include "msg.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void bot_msg_free(struct bot_msg *m)
{
    if (!m)
        return;
    free(m->message_id);
    free(m->chat_id);
    free(m->user_id);
    free(m->user_name);
    free(m->text);
    memset(m, 0, sizeof *m);
}

/* A string or integer field as an owned string; NULL when absent/other type. */
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

enum bot_rc bot_generic_parse(const char *body, size_t len, struct bot_msg *m, char err[256])
{
    json_error_t je;
    memset(m, 0, sizeof *m);
    json_t *root = bot_json_load(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, 256, "malformed JSON: %s", je.text);
        return BOT_INVALID;
    }
    enum bot_rc rc = BOT_INVALID;
    if (!json_is_object(root)) {
        snprintf(err, 256, "body must be a JSON object");
        goto out;
    }
    m->message_id = id_field(root, "message_id");
    m->user_id = id_field(root, "user_id");
    m->chat_id = id_field(root, "chat_id");
    json_t *text = json_object_get(root, "text");
    json_t *name = json_object_get(root, "user_name");
    json_t *type = json_object_get(root, "chat_type");
    json_t *time = json_object_get(root, "time");
    if (!m->message_id || !*m->message_id || strlen(m->message_id) > 128) {
        snprintf(err, 256, "message_id missing or not a string/integer");
        goto out;
    }
    if (!m->user_id || !*m->user_id || strlen(m->user_id) > 128) {
        snprintf(err, 256, "user_id missing or not a string/integer");
        goto out;
    }
    if (!json_is_string(text)) {
        snprintf(err, 256, "text missing or not a string");
        goto out;
    }
    if (name && !json_is_string(name) && !json_is_null(name)) {
        snprintf(err, 256, "user_name must be a string");
        goto out;
    }
    if (type && !json_is_null(type)) {
        const char *t = json_string_value(type);
        if (!t || (strcmp(t, "group") != 0 && strcmp(t, "private") != 0)) {
            snprintf(err, 256, "chat_type must be \"group\" or \"private\"");
            goto out;
        }
        m->is_group = strcmp(t, "group") == 0;
    } else if (m->chat_id && *m->chat_id) {
        m->is_group = 1; /* a chat named without a type is a group: never show it what is meant for one person */
    }
    if (m->is_group && (!m->chat_id || !*m->chat_id)) {
        snprintf(err, 256, "chat_id missing for a group message");
        goto out;
    }
    if (time && !json_is_null(time)) {
        if (!json_is_integer(time) || json_integer_value(time) <= 0) {
            snprintf(err, 256, "time must be a positive integer (unix seconds)");
            goto out;
        }
        m->time = json_integer_value(time);
    }
    m->text = strdup(json_string_value(text));
    m->user_name = strdup(json_is_string(name) ? json_string_value(name) : "");
    if (!m->text || !m->user_name) {
        snprintf(err, 256, "out of memory");
        rc = BOT_NOMEM;
        goto out;
    }
    rc = BOT_OK;
out:
    json_decref(root);
    if (rc != BOT_OK)
        bot_msg_free(m);
    return rc;
}

char *bot_generic_reply(const char *reply)
{
    json_t *o = json_pack("{s:o}", "reply", reply ? json_string(reply) : json_null());
    if (!o)
        return NULL;
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}
