/* adapter_onebot.c — OneBot v11 (QQ groups through go-cqhttp, NapCat,
 * Lagrange): signed event POSTs in, quick-operation replies, send_*_msg pushes. */
#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "msg.h"

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

/* Append src[0..n) to a growing buffer, bounded. */
static int put(char **buf, size_t *len, size_t *cap, const char *src, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t nc = (*len + n + 1) * 2;
        if (nc > 1024 * 1024)
            return -1;
        char *nb = realloc(*buf, nc);
        if (!nb)
            return -1;
        *buf = nb;
        *cap = nc;
    }
    memcpy(*buf + *len, src, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

/* CQ string: drop [CQ:at,qq=self] (addressing), keep other codes for the
 * NLP, unescape &amp; &#91; &#93; in the text between codes. */
static char *from_cq_string(const char *s, const char *self, int *addressed)
{
    size_t len = 0, cap = strlen(s) + 1;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = '\0';
    char self_code[64];
    snprintf(self_code, sizeof self_code, "[CQ:at,qq=%s]", self);
    for (const char *p = s; *p;) {
        if (*self && strncmp(p, self_code, strlen(self_code)) == 0) {
            *addressed = 1;
            p += strlen(self_code);
            continue;
        }
        if (strncmp(p, "[CQ:", 4) == 0) {
            const char *e = strchr(p, ']');
            size_t n = e ? (size_t)(e - p + 1) : strlen(p);
            if (put(&out, &len, &cap, p, n))
                goto fail;
            p += n;
            continue;
        }
        if (strncmp(p, "&amp;", 5) == 0) {
            if (put(&out, &len, &cap, "&", 1))
                goto fail;
            p += 5;
        } else if (strncmp(p, "&#91;", 5) == 0) {
            if (put(&out, &len, &cap, "[", 1))
                goto fail;
            p += 5;
        } else if (strncmp(p, "&#93;", 5) == 0) {
            if (put(&out, &len, &cap, "]", 1))
                goto fail;
            p += 5;
        } else {
            if (put(&out, &len, &cap, p, 1))
                goto fail;
            p++;
        }
    }
    return out;
fail:
    free(out);
    return NULL;
}

/* Segment array: text segments joined, @self addresses, other @ become CQ codes. */
static char *from_segments(json_t *arr, const char *self, int *addressed)
{
    size_t len = 0, cap = 256;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = '\0';
    size_t i;
    json_t *seg;
    json_array_foreach(arr, i, seg) {
        const char *type = json_string_value(json_object_get(seg, "type"));
        json_t *data = json_object_get(seg, "data");
        if (!type || !json_is_object(data))
            continue;
        if (strcmp(type, "text") == 0) {
            const char *t = json_string_value(json_object_get(data, "text"));
            if (t && put(&out, &len, &cap, t, strlen(t)))
                goto fail;
        } else if (strcmp(type, "at") == 0) {
            json_t *qv = json_object_get(data, "qq");
            char qq[32];
            if (json_is_string(qv))
                snprintf(qq, sizeof qq, "%s", json_string_value(qv));
            else if (json_is_integer(qv))
                snprintf(qq, sizeof qq, "%lld", (long long)json_integer_value(qv));
            else
                continue;
            if (*self && strcmp(qq, self) == 0) {
                *addressed = 1;
            } else {
                char code[64];
                int n = snprintf(code, sizeof code, "[CQ:at,qq=%s]", qq);
                if (put(&out, &len, &cap, code, (size_t)n))
                    goto fail;
            }
        }
    }
    return out;
fail:
    free(out);
    return NULL;
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

enum bot_rc bot_onebot_parse(const char *body, size_t len, struct bot_msg *m, char err[256])
{
    json_error_t je;
    memset(m, 0, sizeof *m);
    json_t *root = bot_json_load(body, len, 0, &je);
    if (!root) {
        snprintf(err, 256, "malformed JSON: %s", je.text);
        return BOT_INVALID;
    }
    enum bot_rc rc = BOT_INVALID;
    char self[32], mid[32], uid[32], gid[32], key[80];
    const char *post_type = json_string_value(json_object_get(root, "post_type"));
    if (!json_is_object(root) || !post_type) {
        snprintf(err, 256, "not a OneBot event (no post_type)");
        goto out;
    }
    if (strcmp(post_type, "message") != 0) {
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
    m->is_group = strcmp(mtype, "group") == 0;
    if (m->is_group && !id_string(json_object_get(root, "group_id"), gid, sizeof gid)) {
        snprintf(err, 256, "group_id is required for a group message");
        goto out;
    }
    json_t *msg = json_object_get(root, "message");
    char *text = NULL;
    if (json_is_string(msg))
        text = from_cq_string(json_string_value(msg), self, &m->addressed);
    else if (json_is_array(msg))
        text = from_segments(msg, self, &m->addressed);
    else {
        snprintf(err, 256, "message must be a CQ string or a segment array");
        goto out;
    }
    if (!text) {
        snprintf(err, 256, "message too large");
        rc = BOT_TOOBIG;
        goto out;
    }
    json_t *sender = json_object_get(root, "sender");
    const char *card = json_string_value(json_object_get(sender, "card"));
    const char *nick = json_string_value(json_object_get(sender, "nickname"));
    snprintf(key, sizeof key, "%s:%s", self, mid); /* de-dup on self_id + message_id */
    m->text = text;
    m->message_id = strdup(key);
    m->user_id = strdup(uid);
    m->chat_id = m->is_group ? strdup(gid) : NULL;
    m->user_name = strdup(card && *card ? card : nick ? nick : "");
    json_t *t = json_object_get(root, "time");
    m->time = json_is_integer(t) && json_integer_value(t) > 0 ? json_integer_value(t) : 0;
    if (!m->message_id || !m->user_id || !m->user_name || (m->is_group && !m->chat_id)) {
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

char *bot_onebot_reply(const char *text, int is_group)
{
    json_t *o = json_pack("{s:s,s:b,s:b}", "reply", text, "auto_escape", 1, "at_sender", is_group);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    return s;
}
