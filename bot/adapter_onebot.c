/* adapter_onebot.c — OneBot v11 (QQ): signed events in, CQ codes into mentions, quick replies, send_*_msg pushes. */
/* Through go-cqhttp, NapCat or Lagrange. The "onebot" entry of the platform table. */
#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform.h"

enum bot_rc bot_onebot_verify(const char *secret, const char *body, size_t len, const char *header)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int maclen = 0;
    if (!header || strncasecmp(header, "sha1=", 5) != 0)
        return BOT_AUTH;
    const char *hex = header + 5;
    if (!HMAC(EVP_sha1(), secret, (int)strlen(secret), (const unsigned char *)body, len, mac, &maclen))
        return BOT_ERR;
    if (strlen(hex) != maclen * 2)
        return BOT_AUTH;
    /* lower-case both sides, then compare in constant time */
    char want[EVP_MAX_MD_SIZE * 2 + 1], got[EVP_MAX_MD_SIZE * 2 + 1];
    for (unsigned i = 0; i < maclen; i++)
        snprintf(want + 2 * i, 3, "%02x", mac[i]);
    for (unsigned i = 0; i < maclen * 2; i++) {
        char c = hex[i];
        got[i] = (c >= 'A' && c <= 'F') ? (char)(c + 32) : c;
    }
    return CRYPTO_memcmp(want, got, maclen * 2) == 0 ? BOT_OK : BOT_AUTH;
}

int bot_onebot_signature_form_ok(const char *header)
{
    if (!header || strncasecmp(header, "sha1=", 5) != 0 || strlen(header) != 5 + 40)
        return 0;
    for (const char *p = header + 5; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
            return 0;
    return 1;
}

/* The clean text being built: bounded, with its length in code points (where a mention stands). */
struct text {
    char *buf;
    size_t len, cap, chars;
};

static int put(struct text *t, const char *src, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t nc = (t->len + n + 1) * 2;
        if (nc > 1024 * 1024)
            return -1;
        char *nb = realloc(t->buf, nc);
        if (!nb)
            return -1;
        t->buf = nb;
        t->cap = nc;
    }
    memcpy(t->buf + t->len, src, n);
    t->len += n;
    t->buf[t->len] = '\0';
    for (size_t i = 0; i < n; i++)
        t->chars += ((unsigned char)src[i] & 0xC0) != 0x80; /* UTF-8 lead bytes */
    return 0;
}

/* An @ of qq: the bot itself addresses it (and leaves no trace); anyone
 * else is a mention where a space now stands. */
static int at(struct hd_msg *m, struct text *t, const char *qq, size_t n, const char *self)
{
    if (*self && strlen(self) == n && strncmp(qq, self, n) == 0) {
        m->addressed = 1;
        return 0;
    }
    bot_msg_mention(m, qq, n, t->chars);
    return put(t, " ", 1);
}

/* CQ string: [CQ:at,qq=N] an @ (see at()), every other code a space;
 * &amp; &#91; &#93; unescaped in the text between codes. */
static int from_cq_string(const char *s, const char *self, struct hd_msg *m, struct text *t)
{
    for (const char *p = s; *p;) {
        const char *e;
        if (strncmp(p, "[CQ:", 4) == 0 && (e = strchr(p, ']'))) {
            int rc = 0;
            if (strncmp(p + 4, "at,qq=", 6) == 0)
                rc = at(m, t, p + 10, strcspn(p + 10, ",]"), self);
            else
                rc = put(t, " ", 1); /* faces, images, replies: nothing the bot reads */
            if (rc)
                return -1;
            p = e + 1;
            continue;
        }
        int rc;
        if (strncmp(p, "&amp;", 5) == 0) {
            rc = put(t, "&", 1);
            p += 5;
        } else if (strncmp(p, "&#91;", 5) == 0) {
            rc = put(t, "[", 1);
            p += 5;
        } else if (strncmp(p, "&#93;", 5) == 0) {
            rc = put(t, "]", 1);
            p += 5;
        } else {
            rc = put(t, p, 1);
            p++;
        }
        if (rc)
            return -1;
    }
    return 0;
}

/* Segment array: text segments joined, at segments as at(). */
static int from_segments(json_t *arr, const char *self, struct hd_msg *m, struct text *t)
{
    size_t i;
    json_t *seg;
    json_array_foreach(arr, i, seg) {
        const char *type = json_string_value(json_object_get(seg, "type"));
        json_t *data = json_object_get(seg, "data");
        if (!type || !json_is_object(data))
            continue;
        if (strcmp(type, "text") == 0) {
            const char *s = json_string_value(json_object_get(data, "text"));
            if (s && put(t, s, strlen(s)))
                return -1;
        } else if (strcmp(type, "at") == 0) {
            json_t *qv = json_object_get(data, "qq");
            char qq[32];
            if (json_is_string(qv))
                snprintf(qq, sizeof qq, "%s", json_string_value(qv));
            else if (json_is_integer(qv))
                snprintf(qq, sizeof qq, "%lld", (long long)json_integer_value(qv));
            else
                continue;
            if (at(m, t, qq, strlen(qq), self))
                return -1;
        }
    }
    return 0;
}

static int id_string(json_t *v, char *buf, size_t bufsz)
{
    if (json_is_integer(v))
        snprintf(buf, bufsz, "%lld", (long long)json_integer_value(v));
    else if (json_is_string(v) && *json_string_value(v) && strlen(json_string_value(v)) < bufsz)
        snprintf(buf, bufsz, "%s", json_string_value(v));
    else
        return 0;
    return 1;
}

static enum bot_rc read_json(struct bot_hook *h, json_t *root, struct hd_msg *m, char err[256])
{
    enum bot_rc rc = BOT_INVALID;
    char self[32], mid[32], uid[32], gid[32], key[80];
    struct text t = {NULL, 0, 0, 0};
    m->platform = bot_onebot.name;
    const char *post_type = json_string_value(json_object_get(root, "post_type"));
    if (!json_is_object(root) || !post_type) {
        snprintf(err, 256, "not a OneBot event (no post_type)");
        goto out;
    }
    if (strcmp(post_type, "message") != 0) {
        snprintf(err, 256, "not a message event");
        rc = BOT_NOTFOUND; /* notices, requests, heartbeats: nothing to say */
        goto out;
    }
    const char *mtype = json_string_value(json_object_get(root, "message_type"));
    if (!mtype || (strcmp(mtype, "group") != 0 && strcmp(mtype, "private") != 0)) {
        snprintf(err, 256, "message_type must be group or private");
        goto out;
    }
    if (!id_string(json_object_get(root, "self_id"), self, sizeof self) ||
        !id_string(json_object_get(root, "message_id"), mid, sizeof mid) ||
        !id_string(json_object_get(root, "user_id"), uid, sizeof uid)) {
        snprintf(err, 256, "self_id, message_id and user_id are required numbers");
        goto out;
    }
    if (strcmp(uid, self) == 0) { /* the bot's own message reported back (report-self-message): never a member's */
        snprintf(err, 256, "the bot's own message");
        rc = BOT_NOTFOUND;
        goto out;
    }
    /* an anonymous group message: QQ sends every anonymous sender as one user_id (80000000), so nobody could be told
     * apart — not acted on and not answered (a reply would be read by the whole group, once per anonymous line) */
    const char *sub = json_string_value(json_object_get(root, "sub_type"));
    json_t *anon = json_object_get(root, "anonymous");
    if ((sub && strcmp(sub, "anonymous") == 0) || (anon && !json_is_null(anon))) {
        snprintf(err, 256, "an anonymous group message");
        rc = BOT_NOTFOUND;
        goto out;
    }
    m->is_group = strcmp(mtype, "group") == 0;
    if (m->is_group && !id_string(json_object_get(root, "group_id"), gid, sizeof gid)) {
        snprintf(err, 256, "group_id is required for a group message");
        goto out;
    }
    json_t *msg = json_object_get(root, "message");
    int bad;
    if (json_is_string(msg))
        bad = from_cq_string(json_string_value(msg), self, m, &t);
    else if (json_is_array(msg))
        bad = from_segments(msg, self, m, &t);
    else {
        snprintf(err, 256, "message must be a CQ string or a segment array");
        goto out;
    }
    if (bad || (!t.buf && put(&t, "", 0))) {
        snprintf(err, 256, "message too large");
        rc = BOT_TOOBIG;
        goto out;
    }
    json_t *sender = json_object_get(root, "sender");
    const char *card = json_string_value(json_object_get(sender, "card"));
    const char *nick = json_string_value(json_object_get(sender, "nickname"));
    snprintf(key, sizeof key, "%s:%s", self, mid); /* de-dup on self_id + message_id */
    m->text = t.buf;
    t.buf = NULL;
    m->message_id = strdup(key);
    m->user_id = strdup(uid);
    m->chat_id = m->is_group ? strdup(gid) : NULL;
    m->user_name = strdup(card && *card ? card : nick ? nick : "");
    json_t *tv = json_object_get(root, "time");
    m->time = json_is_integer(tv) && json_integer_value(tv) > 0 ? json_integer_value(tv) : 0;
    if (!m->message_id || !m->user_id || !m->user_name || (m->is_group && !m->chat_id)) {
        snprintf(err, 256, "out of memory");
        rc = BOT_NOMEM;
        goto out;
    }
    rc = BOT_OK;
out:
    free(t.buf);
    return rc;
}

static enum bot_rc parse(struct bot_hook *h, const char *body, size_t len, struct hd_msg *m, char err[256])
{
    return bot_parse_json(h, body, len, 0, read_json, m, err);
}

static int enabled(const struct bot_config *cfg) { return cfg->onebot_secret[0] != '\0'; }

/* The signature covers the body, so only its form is checked before the body
 * is read: a call without one is refused without waiting for it. */
static int verify_head(struct bot_hook *h, struct bot_answer *a)
{
    if (!bot_onebot_signature_form_ok(h->header(h, "X-Signature"))) {
        bot_answer_error(a, 401, "bad or missing X-Signature");
        return 401;
    }
    return 0;
}

/* the signature covers the raw bytes: checked before anything is parsed */
static int verify_body(struct bot_hook *h, const char *body, size_t len, struct bot_answer *a)
{
    if (bot_onebot_verify(h->cfg->onebot_secret, body, len, h->header(h, "X-Signature")) != BOT_OK) {
        bot_answer_error(a, 401, "bad or missing X-Signature");
        return 401;
    }
    return 0;
}

/* Quick-operation body: {"reply":…,"auto_escape":true,"at_sender":true|false}; silence is 204. */
static enum bot_rc reply(struct bot_hook *h, const struct hd_msg *m, const char *text, struct bot_answer *a)
{
    if (!text)
        return BOT_NOTFOUND; /* the quiet answer */
    json_t *o = json_pack("{s:s,s:b,s:b}", "reply", text, "auto_escape", 1, "at_sender", m->is_group);
    return bot_answer_json(a, o);
}

static int push_ready(const struct bot_config *cfg) { return cfg->onebot_api_url[0] != '\0'; }

static enum bot_rc push_build(const struct bot_config *cfg, const char *chat_id, const char *user_id,
                              const char *text, struct bot_push *out)
{
    snprintf(out->url, sizeof out->url, "%s/%s", cfg->onebot_api_url, chat_id ? "send_group_msg" : "send_private_msg");
    if (cfg->onebot_access_token[0])
        snprintf(out->auth, sizeof out->auth, "Bearer %s", cfg->onebot_access_token);
    json_t *o = json_pack("{s:o,s:s,s:b}", chat_id ? "group_id" : "user_id", bot_json_id(chat_id ? chat_id : user_id),
                          "message", text, "auto_escape", 1);
    return bot_push_json(out, o);
}

/* retcode is trusted, not the HTTP status */
static enum store_outbox_result push_result(long http_status, json_t *o, int *retry_after, char err[256])
{
    json_t *rc = json_object_get(o, "retcode");
    if (json_is_integer(rc) && json_integer_value(rc) == 0)
        return STORE_OUTBOX_SENT;
    if (http_status == 401 || http_status == 403) {
        snprintf(err, 256, "onebot: HTTP %ld (access token)", http_status);
        return STORE_OUTBOX_DEAD;
    }
    if (json_is_integer(rc) && json_integer_value(rc) == 1)
        return STORE_OUTBOX_SENT; /* async: accepted */
    const char *msg = json_string_value(json_object_get(o, "wording"));
    if (!msg)
        msg = json_string_value(json_object_get(o, "msg"));
    snprintf(err, 256, "onebot: HTTP %ld retcode %lld %s", http_status,
             json_is_integer(rc) ? (long long)json_integer_value(rc) : -1LL, msg ? msg : "");
    /* a refusal that another try cannot change is dead at once (play-test 17: QQ's 「不是好友」 is retcode 100, and
     * retrying it 8 times held every later push to that person behind it): 100 and 102 (go-cqhttp, Lagrange: the
     * call failed, the data is invalid) and OneBot 11's 1400/1401/1403/1404; anything else may pass later */
    if (json_is_integer(rc)) {
        json_int_t c = json_integer_value(rc);
        if (c == 100 || c == 102 || c == 1400 || c == 1401 || c == 1403 || c == 1404)
            return STORE_OUTBOX_DEAD;
    }
    return http_status >= 500 || !o || json_is_integer(rc) ? STORE_OUTBOX_RETRY : STORE_OUTBOX_DEAD;
}

const struct bot_platform bot_onebot = {
    .name = "onebot",
    .label = "QQ",
    .open_private = "加我为QQ好友", /* QQ refuses a private message to a stranger (retcode 100) */
    .route = "/hook/onebot$",
    .flags = BOT_PUSH_PRIVATE | BOT_PUSH_GROUP | BOT_HOOK_SIGNED_BODY,
    .hook_enabled = enabled,
    .verify_head = verify_head,
    .verify_body = verify_body,
    .parse = parse,
    .reply = reply,
    .quiet_status = 204, /* notices, requests, heartbeats */
    .push_ready = push_ready,
    .push_build = push_build,
    .push_result = push_result,
};
