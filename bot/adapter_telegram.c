/* adapter_telegram.c — Telegram Bot API webhook updates in, a sendMessage
 * method in the response. The secret header is checked by the server. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

enum bot_rc bot_telegram_parse(const char *body, size_t len, struct bot_msg *m, char err[256])
{
    json_error_t je;
    memset(m, 0, sizeof *m);
    json_t *root = bot_json_load(body, len, 0, &je);
    if (!root) {
        snprintf(err, 256, "malformed JSON: %s", je.text);
        return BOT_INVALID;
    }
    enum bot_rc rc = BOT_INVALID;
    json_t *upd = json_object_get(root, "update_id");
    if (!json_is_object(root) || !json_is_integer(upd)) {
        snprintf(err, 256, "not a Telegram update (no integer update_id)");
        goto out;
    }
    json_t *msg = json_object_get(root, "message");
    if (!json_is_object(msg)) {
        rc = BOT_NOTFOUND; /* callback queries, joins, edits: nothing to say */
        goto out;
    }
    json_t *text = json_object_get(msg, "text");
    json_t *from = json_object_get(msg, "from");
    json_t *chat = json_object_get(msg, "chat");
    json_t *fid = json_object_get(from, "id"), *cid = json_object_get(chat, "id");
    const char *ctype = json_string_value(json_object_get(chat, "type"));
    if (!json_is_object(from) || !json_is_object(chat) || !json_is_integer(fid) || !json_is_integer(cid) || !ctype) {
        snprintf(err, 256, "message.from.id, message.chat.id and chat.type are required");
        goto out;
    }
    if (!json_is_string(text)) {
        rc = BOT_NOTFOUND; /* stickers, photos */
        goto out;
    }
    if (json_is_true(json_object_get(from, "is_bot"))) {
        rc = BOT_NOTFOUND; /* never answer other bots */
        goto out;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(upd)); /* de-dup on update_id */
    m->message_id = strdup(buf);
    snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(fid)); /* 64-bit ids */
    m->user_id = strdup(buf);
    snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(cid));
    m->chat_id = strdup(buf);
    m->is_group = strcmp(ctype, "private") != 0;
    const char *first = json_string_value(json_object_get(from, "first_name"));
    const char *last = json_string_value(json_object_get(from, "last_name"));
    char name[128];
    snprintf(name, sizeof name, "%s%s%s", first ? first : "", last ? " " : "", last ? last : "");
    m->user_name = strdup(name);
    m->text = strdup(json_string_value(text));
    json_t *date = json_object_get(msg, "date");
    m->time = json_is_integer(date) ? json_integer_value(date) : 0;
    json_t *mid = json_object_get(msg, "message_id");
    m->reply_to = json_is_integer(mid) ? json_integer_value(mid) : 0;
    if (!m->message_id || !m->user_id || !m->chat_id || !m->user_name || !m->text) {
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

/* A chat id as the JSON integer Telegram expects (strings for @channel names). */
static json_t *chat_json(const char *chat_id)
{
    int64_t v;
    if (bot_parse_i64(chat_id, &v) == BOT_OK)
        return json_integer(v);
    return json_string(chat_id);
}

char *bot_telegram_reply(const char *chat_id, int64_t reply_to, const char *text)
{
    json_t *o = json_pack("{s:s,s:o,s:s}", "method", "sendMessage", "chat_id", chat_json(chat_id), "text", text);
    if (!o)
        return NULL;
    if (reply_to)
        json_object_set_new(o, "reply_parameters", json_pack("{s:I}", "message_id", (json_int_t)reply_to));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}
