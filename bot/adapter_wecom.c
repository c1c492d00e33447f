/* adapter_wecom.c — WeCom (企业微信): the group robot's pushes into its one group, and the intelligent robot's encrypted callbacks (its members' @-messages and single chats): the "wecom" entry. */
/* The intelligent robot (智能机器人, API mode) signs and encrypts every
 * callback with WeChat's safe-mode envelope (receive id "", JSON instead of
 * XML) and takes its answer as an encrypted stream frame. It has no
 * unprompted push over HTTP: a WeCom member's private notices wait for her
 * next message, and the only group it can push to is the group robot's. */
#include <jansson.h>
#include <string.h>

#include "platform.h"

/* ---- the intelligent robot's callbacks ---- */

#define WC_STREAM_MAX 20480 /* a stream frame's content, bytes */

/* what the call's URL said, from verify_head to reply */
struct wc_state {
    char ts[32], nonce[128], msg_sig[128];
};
_Static_assert(sizeof(struct wc_state) <= BOT_HOOK_STATE, "hook state");

static int enabled(const struct bot_config *cfg) { return cfg->wecom_token[0] && cfg->wecom_aes_key[0]; }

/* a nonce is remembered for as long as its timestamp is accepted */
static int replay_window(const struct bot_config *cfg) { return 2 * cfg->wecom_max_skew_seconds; }

/* The URL's signature over its timestamp and nonce is checked with the body's
 * ciphertext (parse); GET is the callback URL's check: echostr is encrypted,
 * its plaintext is the answer. */
static int verify_head(struct bot_hook *h, struct bot_answer *a)
{
    const struct bot_config *cfg = h->cfg;
    struct wc_state *st = (struct wc_state *)h->state;
    h->query(h, "msg_signature", st->msg_sig, sizeof st->msg_sig);
    h->query(h, "timestamp", st->ts, sizeof st->ts);
    h->query(h, "nonce", st->nonce, sizeof st->nonce);
    if (!st->msg_sig[0] || !bot_hook_fresh(st->ts, h->now, cfg->wecom_max_skew_seconds)) {
        bot_answer_error(a, 403, st->msg_sig[0] ? "stale or future timestamp" : "msg_signature missing");
        return 403;
    }
    if (strcmp(h->method, "GET") != 0)
        return 0;
    char echostr[1024], *plain = NULL;
    size_t plen = 0;
    h->query(h, "echostr", echostr, sizeof echostr);
    for (char *c = echostr; *c; c++) /* a '+' the URL left unescaped reads back as a form's space */
        if (*c == ' ')
            *c = '+';
    if (!echostr[0] || !bot_wechat_signature_ok(cfg->wecom_token, st->msg_sig, st->ts, st->nonce, echostr)) {
        bot_answer_error(a, 403, "bad msg_signature");
        return 403;
    }
    if (bot_wechat_decrypt(cfg->wecom_aes_key, "", echostr, &plain, &plen) != BOT_OK) {
        free(plain);
        bot_answer_error(a, 400, "cannot decrypt echostr");
        return 400;
    }
    bot_answer_text(a, 200, "text/plain; charset=utf-8", plain); /* the bare plaintext, nothing around it */
    free(plain);
    return a->status;
}

/* A nonce is good once; the same callback again is let through to the inbox, which answers it as before. */
static int verify_body(struct bot_hook *h, const char *body, size_t len, struct bot_answer *a)
{
    const struct wc_state *st = (const struct wc_state *)h->state;
    return bot_hook_nonce_once(h, st->nonce, st->ts, body, len, a);
}

/* What a member wrote: a text's content, a voice's transcript, a mixed message's text parts joined; NULL when the
 * message has no text (an image, a file, an event, a stream refresh). Owned by the caller. */
static char *said_of(json_t *msg)
{
    const char *type = json_string_value(json_object_get(msg, "msgtype"));
    if (!type)
        return NULL;
    if (strcmp(type, "text") == 0 || strcmp(type, "voice") == 0) {
        const char *t = json_string_value(json_object_get(json_object_get(msg, type), "content"));
        return t ? strdup(t) : NULL;
    }
    if (strcmp(type, "mixed") != 0)
        return NULL;
    json_t *items = json_object_get(json_object_get(msg, "mixed"), "msg_item"), *it;
    size_t i, cap = 1, len = 0;
    json_array_foreach(items, i, it) {
        const char *t = json_string_value(json_object_get(json_object_get(it, "text"), "content"));
        cap += t ? strlen(t) + 1 : 0;
    }
    char *out = cap > 1 ? malloc(cap) : NULL;
    if (!out)
        return NULL;
    out[0] = '\0';
    json_array_foreach(items, i, it) {
        const char *t = json_string_value(json_object_get(json_object_get(it, "text"), "content"));
        if (t)
            bot_appendf(out, cap, &len, "%s%s", len ? " " : "", t);
    }
    return out;
}

/* Bytes of the blank at p (ASCII space, tab or newline; U+00A0, U+2000–U+200B, U+202F, U+205F, U+3000 in UTF-8),
 * 0 when p is not one. WeCom writes U+2005 after an @name (play-test 18b). */
static size_t blank_at(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0xAF))
        return 3;
    if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) || (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80))
        return 3;
    return 0;
}

/* The robot's own @name that calls it stands first: cut it, with the blanks after it. A leading @name of the bot's
 * ([nlp] bot_names) is the robot's; with none of them, a lone leading @name is (the callback comes only when the
 * robot was called, under whatever name WeCom shows). @王强 @时间驿站 接单 #1 keeps 「@王强」: said to him, for the
 * parser to weigh (a review found the first @name cut whoever it named, and the order taken by the sender). */
static void cut_call(const struct bot_config *cfg, char *text)
{
    char *p = text, *first = NULL;
    size_t n;
    int names = 0, known = 0;
    while ((n = blank_at(p)) > 0)
        p += n;
    char *lead = p;
    while (*p == '@') { /* the leading run of @names: cut the bot's own */
        char *at = p++;
        while (*p && !blank_at(p))
            p++;
        size_t len = (size_t)(p - at - 1);
        while ((n = blank_at(p)) > 0)
            p += n;
        names++;
        if (!first)
            first = at;
        if (bot_list_has(cfg->bot_names, at + 1, len)) {
            memmove(at, p, strlen(p) + 1);
            p = at;
            known++;
        }
    }
    if (!known && names == 1 && first == lead) /* one @name and nothing else called: the robot's */
        memmove(lead, p, strlen(p) + 1);
    if (lead != text && (known || names == 1))
        memmove(text, lead, strlen(lead) + 1);
}

static enum bot_rc parse(struct bot_hook *h, const char *body, size_t len, struct hd_msg *m, char err[256])
{
    const struct bot_config *cfg = h->cfg;
    const struct wc_state *st = (const struct wc_state *)h->state;
    json_error_t je;
    memset(m, 0, sizeof *m);
    json_t *outer = bot_json_load(body, len, 0, &je);
    const char *enc = json_string_value(json_object_get(outer, "encrypt"));
    if (!enc) {
        json_decref(outer);
        snprintf(err, 256, "the body must be {\"encrypt\": ...}");
        return BOT_INVALID;
    }
    if (!bot_wechat_signature_ok(cfg->wecom_token, st->msg_sig, st->ts, st->nonce, enc)) {
        json_decref(outer);
        snprintf(err, 256, "bad msg_signature");
        return BOT_AUTH;
    }
    char *plain = NULL;
    size_t plen = 0;
    enum bot_rc rc = bot_wechat_decrypt(cfg->wecom_aes_key, "", enc, &plain, &plen);
    json_decref(outer);
    json_t *msg = rc == BOT_OK ? bot_json_load(plain, plen, 0, &je) : NULL;
    free(plain);
    if (!json_is_object(msg)) {
        json_decref(msg);
        snprintf(err, 256, rc == BOT_OK ? "the decrypted message is not JSON" : "cannot decrypt");
        return BOT_INVALID;
    }
    const char *msgid = json_string_value(json_object_get(msg, "msgid"));
    const char *user = json_string_value(json_object_get(json_object_get(msg, "from"), "userid"));
    const char *chattype = json_string_value(json_object_get(msg, "chattype"));
    const char *chatid = json_string_value(json_object_get(msg, "chatid"));
    int group = chattype && strcmp(chattype, "group") == 0;
    char *text = msgid && *msgid && user && *user && (!group || (chatid && *chatid)) ? said_of(msg) : NULL;
    if (!text) {
        json_decref(msg);
        snprintf(err, 256, "nothing to read");
        return BOT_NOTFOUND; /* an event, an image, a stream's refresh: the empty answer */
    }
    cut_call(cfg, text);
    json_t *ct = json_object_get(msg, "create_time");
    m->platform = bot_wecom.name;
    m->message_id = strdup(msgid);
    m->user_id = strdup(user);
    m->user_name = strdup("");
    m->chat_id = group ? strdup(chatid) : NULL;
    m->is_group = group;
    m->addressed = group; /* in a group the robot hears only what is said to it */
    m->text = text;
    m->time = json_is_integer(ct) && json_integer_value(ct) > 0 ? json_integer_value(ct) : 0;
    json_decref(msg);
    if (!m->message_id || !m->user_id || !m->user_name || (group && !m->chat_id)) {
        hd_msg_free(m);
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    return BOT_OK;
}

/* The answer: one finished stream frame (WeCom takes no plain text for a member's message), encrypted and signed
 * in its JSON envelope. Silence is the empty answer. */
static enum bot_rc reply(struct bot_hook *h, const struct hd_msg *m, const char *text, struct bot_answer *a)
{
    const struct bot_config *cfg = h->cfg;
    const struct wc_state *st = (const struct wc_state *)h->state;
    if (!text)
        return BOT_NOTFOUND;
    char id[160];
    size_t len = strlen(text), keep = len > WC_STREAM_MAX ? bot_utf8_cut(text, WC_STREAM_MAX) : len;
    snprintf(id, sizeof id, "tb-%s", m->message_id);
    /* the frame's content at most WC_STREAM_MAX bytes, cut at a whole character (json_pack copies it; worker stacks
     * are small, no copy of our own) */
    json_t *frame = json_pack("{s:s,s:{s:s,s:b,s:s%}}", "msgtype", "stream", "stream", "id", id, "finish", 1,
                              "content", text, keep);
    char *plain = frame ? json_dumps(frame, JSON_COMPACT) : NULL, *b64 = NULL;
    json_decref(frame);
    if (!plain)
        return BOT_NOMEM;
    enum bot_rc rc = bot_wechat_encrypt(cfg->wecom_aes_key, "", plain, &b64);
    free(plain);
    if (rc != BOT_OK)
        return rc;
    char now[24], sig[41];
    snprintf(now, sizeof now, "%lld", (long long)h->now);
    bot_wechat_sign(cfg->wecom_token, now, st->nonce, b64, sig); /* sha1(sort(token, timestamp, nonce, encrypt)) */
    json_t *env = json_pack("{s:s,s:s,s:s,s:s}", "encrypt", b64, "msgsignature", sig, "timestamp", now, "nonce",
                            st->nonce);
    free(b64);
    if (!env || bot_answer_json(a, env) != BOT_OK)
        return BOT_NOMEM;
    return BOT_OK;
}

/* ---- the group robot's pushes ---- */

static int push_ready(const struct bot_config *cfg) { return cfg->wecom_robot_url[0] != '\0'; }

/* Is chat one of [wecom] buildings (the group robot's group, bound by bot.ini)? */
static int robot_chat(const struct bot_config *cfg, const char *chat)
{
    return bot_list_has(cfg->wecom_buildings, chat, strlen(chat));
}

/* The robot speaks in its own group: markdown (≤ 4096 bytes) when the text is written in it, else text (≤ 2048
 * bytes). Never to one person (a WeCom member's private words would land in the group), never to another chat
 * (an intelligent robot's group has no push over HTTP). */
static enum bot_rc push_build(const struct bot_config *cfg, const char *chat_id, const char *user_id,
                              const char *text, struct bot_push *out)
{
    if (chat_id && *chat_id ? !robot_chat(cfg, chat_id) : user_id && *user_id)
        return BOT_INVALID;
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
    .route = "/hook/wecom$",
    /* pushes never to one person: its group; its groups are bound in bot.ini, not by 绑定 */
    .flags = BOT_HOOK_GET | BOT_HOOK_QUIET_ERRORS | BOT_PUSH_GROUP | BOT_PUSH_ONE_DEST | BOT_PUSH_MARKDOWN,
    .hook_enabled = enabled,
    .replay_window = replay_window,
    .verify_head = verify_head,
    .verify_body = verify_body,
    .parse = parse,
    .reply = reply,
    .quiet_status = 200,
    .quiet_type = "text/plain",
    .quiet_body = "",
    .push_ready = push_ready,
    .push_build = push_build,
    .push_result = push_result,
    .per_minute = per_minute,
};
