/* adapter_telegram.c — Telegram Bot API: webhook updates in, a sendMessage method in the response, sendMessage pushes. */
#include <jansson.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "platform.h"

/* what the reply needs of the update */
struct tg_state {
    int64_t reply_to; /* the message answered, 0 = none */
};
_Static_assert(sizeof(struct tg_state) <= BOT_HOOK_STATE, "hook state");

static int enabled(const struct bot_config *cfg) { return cfg->telegram_secret_token[0] != '\0'; }

static int verify_head(struct bot_hook *h, struct bot_answer *a)
{
    const char *tok = h->header(h, "X-Telegram-Bot-Api-Secret-Token");
    if (!tok || !bot_secret_equal(tok, h->cfg->telegram_secret_token)) {
        bot_answer_error(a, 403, "bad or missing X-Telegram-Bot-Api-Secret-Token");
        return 403;
    }
    return 0;
}

/* Code points of text before UTF-16 offset off (Telegram counts entities in UTF-16 units). */
static size_t chars_before(const char *text, int64_t off)
{
    size_t chars = 0;
    int64_t units = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p && units < off; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        units += *p >= 0xF0 ? 2 : 1; /* four-byte sequences are surrogate pairs */
        chars++;
    }
    return chars;
}

/* text_mention entities (a user without a username, chosen from a list):
 * the user's id, unless it is the bot itself, whose id leads its token
 * ("123456:ABC…"). @usernames are typed in the text and read by the NLP. */
static void mentions(struct hd_msg *m, json_t *entities, const char *bot_token)
{
    size_t i, self_len = strcspn(bot_token, ":");
    json_t *e;
    json_array_foreach(entities, i, e) {
        const char *type = json_string_value(json_object_get(e, "type"));
        json_t *uid = json_object_get(json_object_get(e, "user"), "id");
        json_t *off = json_object_get(e, "offset");
        if (!type || strcmp(type, "text_mention") != 0 || !json_is_integer(uid) || !json_is_integer(off))
            continue;
        char who[32];
        int n = snprintf(who, sizeof who, "%lld", (long long)json_integer_value(uid));
        if (bot_token[self_len] == ':' && (size_t)n == self_len && strncmp(who, bot_token, self_len) == 0)
            m->addressed = 1;
        else
            bot_msg_mention(m, who, (size_t)n, chars_before(m->text, json_integer_value(off)));
    }
}

/* 1 when text opens with /cmd@name and name is not the bot's own [telegram] username (another bot's command, in a
 * group that has several: play-test 17). Without a username configured every /cmd@name is taken as the bot's. */
int bot_telegram_other_bots(const char *username, const char *text)
{
    if (!username || !*username || text[0] != '/')
        return 0;
    size_t cmd = strcspn(text, " \n@");
    if (text[cmd] != '@')
        return 0;
    const char *name = text + cmd + 1;
    size_t n = strcspn(name, " \n");
    if (*username == '@')
        username++;
    return !(strlen(username) == n && strncasecmp(name, username, n) == 0);
}

/* @name in text that calls this bot (play-test 17b: 「@shijian_bot 查积分」 in a group was taken for a neighbour
 * @-mentioned and left unanswered): the configured [telegram] username, or, with none configured, any @name ending in
 * "bot" (Telegram gives a bot no other kind of username, so a member's @name is never taken). Each such call is cut
 * from text, in place, as the QQ adapter cuts an at of the bot; returns 1 when there was one. /cmd@name is left to the
 * NLP, which reads it as the bot's command (bot_telegram_other_bots drops another bot's). */
int bot_telegram_self_mentions(const char *username, char *text)
{
    if (username && *username == '@')
        username++;
    size_t ulen = username ? strlen(username) : 0;
    int called = 0;
    size_t cmd = text[0] == '/' ? strcspn(text, " \n") : 0; /* /cmd@name: the NLP's */
    char *w = text;
    for (const char *r = text; *r;) {
        size_t n = 0;
        if (*r == '@' && (size_t)(r - text) >= cmd)
            while (isalnum((unsigned char)r[1 + n]) || r[1 + n] == '_')
                n++;
        int ours = n >= 5 && n <= 32 && !(isalnum((unsigned char)r[1 + n]) || r[1 + n] == '_') &&
                   (ulen ? n == ulen && strncasecmp(r + 1, username, n) == 0
                         : strncasecmp(r + 1 + n - 3, "bot", 3) == 0);
        if (!ours) {
            *w++ = *r++;
            continue;
        }
        called = 1;
        r += 1 + n;
        while (*r == ' ')
            r++; /* 「@shijian_bot 查积分」 reads 「查积分」 */
    }
    *w = '\0';
    return called;
}

static enum bot_rc read_json(struct bot_hook *h, json_t *root, struct hd_msg *m, char err[256])
{
    struct tg_state *st = (struct tg_state *)h->state;
    m->platform = bot_telegram.name;
    json_t *upd = json_object_get(root, "update_id");
    if (!json_is_object(root) || !json_is_integer(upd)) {
        snprintf(err, 256, "not a Telegram update (no integer update_id)");
        return BOT_INVALID;
    }
    json_t *msg = json_object_get(root, "message");
    if (!json_is_object(msg)) {
        snprintf(err, 256, "not a message");
        return BOT_NOTFOUND; /* callback queries, joins, edits: nothing to say */
    }
    json_t *text = json_object_get(msg, "text");
    json_t *from = json_object_get(msg, "from");
    json_t *chat = json_object_get(msg, "chat");
    json_t *fid = json_object_get(from, "id"), *cid = json_object_get(chat, "id");
    const char *ctype = json_string_value(json_object_get(chat, "type"));
    if (!json_is_object(from) || !json_is_object(chat) || !json_is_integer(fid) || !json_is_integer(cid) || !ctype) {
        snprintf(err, 256, "message.from.id, message.chat.id and chat.type are required");
        return BOT_INVALID;
    }
    if (!json_is_string(text)) {
        snprintf(err, 256, "not a text message");
        return BOT_NOTFOUND; /* stickers, photos */
    }
    if (json_is_true(json_object_get(from, "is_bot"))) {
        snprintf(err, 256, "from another bot");
        return BOT_NOTFOUND; /* never answer other bots */
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
    char *body = strdup(json_string_value(text)); /* ours until m is freed: the bot's own @name is cut from it */
    m->text = body;
    json_t *date = json_object_get(msg, "date");
    m->time = json_is_integer(date) ? json_integer_value(date) : 0;
    json_t *mid = json_object_get(msg, "message_id");
    st->reply_to = json_is_integer(mid) ? json_integer_value(mid) : 0;
    if (!m->message_id || !m->user_id || !m->chat_id || !m->user_name || !m->text) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    mentions(m, json_object_get(msg, "entities"), h->cfg ? h->cfg->telegram_bot_token : "");
    if (bot_telegram_self_mentions(h->cfg ? h->cfg->telegram_username : "", body))
        m->addressed = 1;
    if (h->cfg && bot_telegram_other_bots(h->cfg->telegram_username, m->text)) {
        snprintf(err, 256, "a command for another bot");
        return BOT_NOTFOUND; /* bot_parse_json frees m */
    }
    return BOT_OK;
}

static enum bot_rc parse(struct bot_hook *h, const char *body, size_t len, struct hd_msg *m, char err[256])
{
    return bot_parse_json(h, body, len, 0, read_json, m, err);
}

/* The reply as a method in the webhook response; silence is an empty 200. */
static enum bot_rc reply(struct bot_hook *h, const struct hd_msg *m, const char *text, struct bot_answer *a)
{
    const struct tg_state *st = (const struct tg_state *)h->state;
    if (!text)
        return BOT_NOTFOUND; /* the quiet answer */
    json_t *o = json_pack("{s:s,s:o,s:s}", "method", "sendMessage", "chat_id", bot_json_id(m->chat_id), "text", text);
    if (o && st->reply_to)
        json_object_set_new(o, "reply_parameters", json_pack("{s:I}", "message_id", (json_int_t)st->reply_to));
    return bot_answer_json(a, o);
}

static int push_ready(const struct bot_config *cfg) { return cfg->telegram_bot_token[0] != '\0'; }

static enum bot_rc push_build(const struct bot_config *cfg, const char *chat_id, const char *user_id,
                              const char *text, struct bot_push *out)
{
    snprintf(out->url, sizeof out->url, "%s/bot%s/sendMessage", cfg->telegram_api_url, cfg->telegram_bot_token);
    json_t *o = json_pack("{s:o,s:s}", "chat_id", bot_json_id(chat_id ? chat_id : user_id), "text", text);
    return bot_push_json(out, o);
}

static enum store_outbox_result push_result(long http_status, json_t *o, int *retry_after, char err[256])
{
    if (json_is_true(json_object_get(o, "ok")))
        return STORE_OUTBOX_SENT;
    json_t *ra = json_object_get(json_object_get(o, "parameters"), "retry_after");
    const char *d = json_string_value(json_object_get(o, "description"));
    snprintf(err, 256, "telegram: HTTP %ld %s", http_status, d ? d : "");
    if (http_status == 429 || json_is_integer(ra)) {
        *retry_after = json_is_integer(ra) ? (int)json_integer_value(ra) : 30;
        return STORE_OUTBOX_RETRY;
    }
    return http_status >= 500 ? STORE_OUTBOX_RETRY : STORE_OUTBOX_DEAD;
}

const struct bot_platform bot_telegram = {
    .name = "telegram",
    .label = "Telegram",
    .open_private = "点我的名字、私聊我发 /start", /* Telegram refuses (403) a chat the member never opened */
    .route = "/hook/telegram$",
    .flags = BOT_PUSH_PRIVATE | BOT_PUSH_GROUP,
    .hook_enabled = enabled,
    .verify_head = verify_head,
    .parse = parse,
    .reply = reply,
    .quiet_status = 200, /* other updates: an empty 200 */
    .push_ready = push_ready,
    .push_build = push_build,
    .push_result = push_result,
};
