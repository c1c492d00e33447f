/* adapter_wechat.c — WeChat Official Account: signatures, nonces, flat <xml> through expat, passive replies, safe-mode AES envelope. */
/* No DOCTYPE and no entities are read; safe mode decrypts the <Encrypt>
 * payload and seals the reply in its envelope. Pushes are customer-service
 * messages (客服消息): private only, within 48 hours of the follower's last
 * message, with an access token the outbox fetches (token_url/token_parse). */
#include <expat.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

void bot_wechat_sign(const char *token, const char *timestamp, const char *nonce, const char *encrypt,
                     char hex[41])
{
    const char *parts[4] = {token, timestamp, nonce, encrypt};
    size_t n = encrypt ? 4 : 3, total = 1;
    hex[0] = '\0';
    qsort(parts, n, sizeof parts[0], cmp_str);
    for (size_t i = 0; i < n; i++)
        total += strlen(parts[i]);
    char *joined = malloc(total);
    if (!joined)
        return;
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(parts[i]);
        memcpy(joined + len, parts[i], l);
        len += l;
    }
    unsigned char md[SHA_DIGEST_LENGTH];
    SHA1((const unsigned char *)joined, len, md);
    free(joined);
    for (int i = 0; i < SHA_DIGEST_LENGTH; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

int bot_wechat_signature_ok(const char *token, const char *signature, const char *timestamp, const char *nonce,
                            const char *encrypt)
{
    if (!token || !signature || !timestamp || !nonce)
        return 0;
    char hex[41];
    bot_wechat_sign(token, timestamp, nonce, encrypt, hex);
    return hex[0] && strlen(signature) == 40 && CRYPTO_memcmp(hex, signature, 40) == 0;
}

/* ---- XML ---- */

struct xml_state {
    XML_Parser p;
    struct bot_wechat_in *in;
    int depth;
    char field[32];
    char *text;             /* the current element's character data */
    size_t len, cap;
    int refused;
    char *err;
};

static void on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml_state *x = ud;
    (void)atts;
    x->depth++;
    if (x->depth == 1 && strcmp(name, "xml") != 0) {
        snprintf(x->err, 256, "root element must be <xml>");
        x->refused = 1;
        XML_StopParser(x->p, XML_FALSE);
        return;
    }
    if (x->depth > 2) { /* the body is flat */
        snprintf(x->err, 256, "nested elements are not expected");
        x->refused = 1;
        XML_StopParser(x->p, XML_FALSE);
        return;
    }
    bot_strlcpy(x->field, name, sizeof x->field);
    x->len = 0;
    if (x->text)
        x->text[0] = '\0';
}

static void set_field(struct xml_state *x)
{
    struct bot_wechat_in *in = x->in;
    const char *v = x->text ? x->text : "";
    if (strcmp(x->field, "ToUserName") == 0)
        bot_strlcpy(in->to, v, sizeof in->to);
    else if (strcmp(x->field, "FromUserName") == 0)
        bot_strlcpy(in->from, v, sizeof in->from);
    else if (strcmp(x->field, "MsgType") == 0)
        bot_strlcpy(in->type, v, sizeof in->type);
    else if (strcmp(x->field, "MsgId") == 0)
        bot_strlcpy(in->msg_id, v, sizeof in->msg_id);
    else if (strcmp(x->field, "Encrypt") == 0)
        bot_strlcpy(in->encrypt, v, sizeof in->encrypt);
    else if (strcmp(x->field, "CreateTime") == 0) {
        int64_t t;
        if (bot_parse_i64(v, &t) == BOT_OK)
            in->create_time = t;
    } else if (strcmp(x->field, "Content") == 0) {
        free(in->content);
        in->content = strdup(v);
    } else if (strcmp(x->field, "Recognition") == 0) {
        free(in->recognition);
        in->recognition = strdup(v);
    }
}

static void on_end(void *ud, const XML_Char *name)
{
    struct xml_state *x = ud;
    (void)name;
    if (x->depth == 2)
        set_field(x);
    x->depth--;
}

static void on_text(void *ud, const XML_Char *s, int len)
{
    struct xml_state *x = ud;
    if (x->depth != 2 || x->refused)
        return;
    /* one run of text may arrive in several calls */
    if (x->len + (size_t)len + 1 > x->cap) {
        size_t nc = (x->len + (size_t)len + 1) * 2;
        char *nt = realloc(x->text, nc);
        if (!nt) {
            x->refused = 1;
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        x->text = nt;
        x->cap = nc;
    }
    memcpy(x->text + x->len, s, (size_t)len);
    x->len += (size_t)len;
    x->text[x->len] = '\0';
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
    struct xml_state *x = ud;
    (void)name, (void)sys, (void)pub, (void)internal;
    snprintf(x->err, 256, "DOCTYPE is not allowed");
    x->refused = 1;
    XML_StopParser(x->p, XML_FALSE);
}

static void on_entity(void *ud, const XML_Char *name, int param, const XML_Char *value, int vlen,
                      const XML_Char *base, const XML_Char *sys, const XML_Char *pub, const XML_Char *notation)
{
    struct xml_state *x = ud;
    (void)name, (void)param, (void)value, (void)vlen, (void)base, (void)sys, (void)pub, (void)notation;
    snprintf(x->err, 256, "entity declarations are not allowed");
    x->refused = 1;
    XML_StopParser(x->p, XML_FALSE);
}

enum bot_rc bot_wechat_parse_xml(const char *xml, size_t len, struct bot_wechat_in *in, char err[256])
{
    memset(in, 0, sizeof *in);
    if (len > 1024 * 1024) {
        snprintf(err, 256, "body too large");
        return BOT_TOOBIG;
    }
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    struct xml_state x = {p, in, 0, "", NULL, 0, 0, 0, err};
    err[0] = '\0';
    XML_SetUserData(p, &x);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    enum XML_Status st = XML_Parse(p, xml, (int)len, XML_TRUE);
    enum bot_rc rc = BOT_OK;
    if (x.refused || st != XML_STATUS_OK) {
        if (!err[0])
            snprintf(err, 256, "malformed XML at line %lu: %s", (unsigned long)XML_GetCurrentLineNumber(p),
                     XML_ErrorString(XML_GetErrorCode(p)));
        rc = BOT_INVALID;
    }
    XML_ParserFree(p);
    free(x.text);
    if (rc != BOT_OK)
        bot_wechat_in_free(in);
    return rc;
}

void bot_wechat_in_free(struct bot_wechat_in *in)
{
    if (!in)
        return;
    free(in->content);
    in->content = NULL;
    free(in->recognition);
    in->recognition = NULL;
}

/* Append text as CDATA; "]]>" is split across two sections. */
static void cdata(char *out, size_t outsz, size_t *len, const char *text)
{
    bot_appendf(out, outsz, len, "<![CDATA[");
    for (const char *p = text; *p; p++) {
        if (strncmp(p, "]]>", 3) == 0) {
            bot_appendf(out, outsz, len, "]]]]><![CDATA[>");
            p += 2;
        } else {
            bot_appendf(out, outsz, len, "%c", *p);
        }
    }
    bot_appendf(out, outsz, len, "]]>");
}

char *bot_wechat_reply_xml(const char *to, const char *from, int64_t now, const char *text)
{
    size_t cap = strlen(text) * 2 + strlen(to) + strlen(from) + 512, len = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = '\0';
    bot_appendf(out, cap, &len, "<xml><ToUserName>");
    cdata(out, cap, &len, to);
    bot_appendf(out, cap, &len, "</ToUserName><FromUserName>");
    cdata(out, cap, &len, from);
    bot_appendf(out, cap, &len, "</FromUserName><CreateTime>%lld</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>",
                (long long)now);
    cdata(out, cap, &len, text);
    bot_appendf(out, cap, &len, "</Content></xml>");
    return out;
}

/* ---- safe mode ---- */

static enum bot_rc aes_key_of(const char *aes_key, unsigned char key[32])
{
    char b64[48];
    unsigned char raw[36];
    if (strlen(aes_key) != 43)
        return BOT_INVALID;
    snprintf(b64, sizeof b64, "%s=", aes_key);
    if (EVP_DecodeBlock(raw, (const unsigned char *)b64, 44) != 33) /* 33: one '=' counts as a byte */
        return BOT_INVALID;
    memcpy(key, raw, 32);
    return BOT_OK;
}

static enum bot_rc aes_cbc(const unsigned char key[32], int enc, const unsigned char *in, int inlen,
                           unsigned char *out, int *outlen)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n1 = 0, n2 = 0;
    enum bot_rc rc = BOT_ERR;
    if (!ctx)
        return BOT_NOMEM;
    /* IV = the first 16 bytes of the key; OpenSSL's padding is off because
     * WeChat pads to 32 bytes, not to the 16-byte AES block */
    if (EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, key, enc) == 1 && EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
        EVP_CipherUpdate(ctx, out, &n1, in, inlen) == 1 && EVP_CipherFinal_ex(ctx, out + n1, &n2) == 1) {
        *outlen = n1 + n2;
        rc = BOT_OK;
    }
    EVP_CIPHER_CTX_free(ctx);
    return rc;
}

enum bot_rc bot_wechat_decrypt(const char *aes_key, const char *app_id, const char *b64, char **msg, size_t *len)
{
    unsigned char key[32];
    *msg = NULL;
    if (aes_key_of(aes_key, key) != BOT_OK)
        return BOT_INVALID;
    size_t blen = strlen(b64);
    if (blen == 0 || blen % 4 || blen > 64 * 1024)
        return BOT_INVALID;
    unsigned char *raw = malloc(blen), *plain = malloc(blen + 32);
    enum bot_rc rc = BOT_INVALID;
    if (!raw || !plain) {
        rc = BOT_NOMEM;
        goto out;
    }
    int rawlen = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)blen);
    if (rawlen < 0)
        goto out;
    rawlen -= (b64[blen - 1] == '=') + (b64[blen - 2] == '=');
    if (rawlen < 32 || rawlen % 16)
        goto out;
    int plen = 0;
    if (aes_cbc(key, 0, raw, rawlen, plain, &plen) != BOT_OK)
        goto out;
    int pad = plain[plen - 1];
    if (pad < 1 || pad > 32 || pad > plen) /* the 32-byte PKCS#7 trap */
        goto out;
    plen -= pad;
    if (plen < 20)
        goto out;
    uint32_t mlen = ((uint32_t)plain[16] << 24) | ((uint32_t)plain[17] << 16) | ((uint32_t)plain[18] << 8) | plain[19];
    if (mlen > (uint32_t)(plen - 20))
        goto out;
    size_t idlen = (size_t)plen - 20 - mlen;
    if (app_id && *app_id && (idlen != strlen(app_id) || memcmp(plain + 20 + mlen, app_id, idlen) != 0))
        goto out;
    *msg = malloc(mlen + 1);
    if (!*msg) {
        rc = BOT_NOMEM;
        goto out;
    }
    memcpy(*msg, plain + 20, mlen);
    (*msg)[mlen] = '\0';
    *len = mlen;
    rc = BOT_OK;
out:
    free(raw);
    free(plain);
    return rc;
}

enum bot_rc bot_wechat_encrypt(const char *aes_key, const char *app_id, const char *msg, char **b64)
{
    unsigned char key[32];
    *b64 = NULL;
    if (aes_key_of(aes_key, key) != BOT_OK)
        return BOT_INVALID;
    size_t mlen = strlen(msg), idlen = app_id ? strlen(app_id) : 0;
    size_t n = 20 + mlen + idlen;
    size_t pad = 32 - n % 32; /* 1..32 */
    unsigned char *plain = malloc(n + pad), *enc = malloc(n + pad + 32);
    enum bot_rc rc = BOT_ERR;
    if (!plain || !enc) {
        rc = BOT_NOMEM;
        goto out;
    }
    if (RAND_bytes(plain, 16) != 1)
        goto out;
    plain[16] = (unsigned char)(mlen >> 24);
    plain[17] = (unsigned char)(mlen >> 16);
    plain[18] = (unsigned char)(mlen >> 8);
    plain[19] = (unsigned char)mlen;
    memcpy(plain + 20, msg, mlen);
    if (idlen)
        memcpy(plain + 20 + mlen, app_id, idlen);
    memset(plain + n, (int)pad, pad);
    int elen = 0;
    if (aes_cbc(key, 1, plain, (int)(n + pad), enc, &elen) != BOT_OK)
        goto out;
    *b64 = malloc((size_t)elen / 3 * 4 + 8);
    if (!*b64) {
        rc = BOT_NOMEM;
        goto out;
    }
    EVP_EncodeBlock((unsigned char *)*b64, enc, elen);
    rc = BOT_OK;
out:
    free(plain);
    free(enc);
    return rc;
}

/* ---- the hook ---- */

/* what the call's URL said, from verify_head to reply */
struct wx_state {
    char ts[32], nonce[128], msg_sig[128];
    char to[128];       /* the account the message was sent to: the reply's sender */
    int safe;           /* encrypt_type=aes: the body is an envelope */
};
_Static_assert(sizeof(struct wx_state) <= BOT_HOOK_STATE, "hook state");

static int enabled(const struct bot_config *cfg) { return cfg->wechat_token[0] != '\0'; }

/* a nonce is remembered for as long as its timestamp is accepted */
static int replay_window(const struct bot_config *cfg) { return 2 * cfg->wechat_max_skew_seconds; }

/* Everything is in the URL: checked before the body is read. GET is the
 * server-address handshake, answered with echostr. */
static int verify_head(struct bot_hook *h, struct bot_answer *a)
{
    const struct bot_config *cfg = h->cfg;
    struct wx_state *st = (struct wx_state *)h->state;
    char sig[128], enc_type[16];
    h->query(h, "signature", sig, sizeof sig);
    h->query(h, "timestamp", st->ts, sizeof st->ts);
    h->query(h, "nonce", st->nonce, sizeof st->nonce);
    h->query(h, "encrypt_type", enc_type, sizeof enc_type);
    h->query(h, "msg_signature", st->msg_sig, sizeof st->msg_sig);
    if (!bot_wechat_signature_ok(cfg->wechat_token, sig, st->ts, st->nonce, NULL)) {
        bot_answer_error(a, 403, "bad signature");
        return 403;
    }
    if (!bot_hook_fresh(st->ts, h->now, cfg->wechat_max_skew_seconds)) {
        bot_answer_error(a, 403, "stale or future timestamp");
        return 403;
    }
    if (strcmp(h->method, "GET") == 0) {
        char echostr[256];
        h->query(h, "echostr", echostr, sizeof echostr);
        bot_answer_text(a, 200, "text/plain; charset=utf-8", echostr);
        return a->status;
    }
    st->safe = strcmp(enc_type, "aes") == 0;
    if (cfg->wechat_aes_key[0] && (!st->safe || !st->msg_sig[0])) {
        bot_answer_error(a, 403, "safe mode: only encrypted callbacks with msg_signature are accepted");
        return 403;
    }
    if (st->safe && !cfg->wechat_aes_key[0]) {
        bot_answer_error(a, 403, "safe mode is not configured (aes_key)");
        return 403;
    }
    return 0;
}

/* A nonce is good once; the same callback again (WeChat retries after 5 s)
 * is let through to the inbox, which answers it as before. */
static int verify_body(struct bot_hook *h, const char *body, size_t len, struct bot_answer *a)
{
    const struct wx_state *st = (const struct wx_state *)h->state;
    return bot_hook_nonce_once(h, st->nonce, st->ts, body, len, a);
}

static enum bot_rc parse(struct bot_hook *h, const char *body, size_t len, struct hd_msg *m, char err[256])
{
    const struct bot_config *cfg = h->cfg;
    struct wx_state *st = (struct wx_state *)h->state;
    struct bot_wechat_in in;
    memset(m, 0, sizeof *m);
    enum bot_rc rc = bot_wechat_parse_xml(body, len, &in, err);
    if (rc != BOT_OK)
        return rc;
    if (st->safe) {
        /* the real message is inside <Encrypt>, signed by msg_signature */
        char *inner = NULL;
        size_t ilen = 0;
        if (!in.encrypt[0] || !bot_wechat_signature_ok(cfg->wechat_token, st->msg_sig, st->ts, st->nonce, in.encrypt)) {
            bot_wechat_in_free(&in);
            snprintf(err, 256, "bad msg_signature");
            return BOT_AUTH;
        }
        rc = bot_wechat_decrypt(cfg->wechat_aes_key, cfg->wechat_app_id, in.encrypt, &inner, &ilen);
        bot_wechat_in_free(&in);
        if (rc != BOT_OK) {
            free(inner);
            snprintf(err, 256, "cannot decrypt");
            return BOT_INVALID;
        }
        rc = bot_wechat_parse_xml(inner, ilen, &in, err);
        free(inner);
        if (rc != BOT_OK)
            return rc;
    }
    /* a voice message is read as its transcript (<Recognition>, when the account has 语音识别 on); without one it
     * is a message with nothing readable: she is asked to type (play-test 17: elders speak, the bot said nothing) */
    int unreadable = 0;
    if (strcmp(in.type, "voice") == 0 && in.from[0] && in.msg_id[0]) {
        const char *said = in.recognition ? in.recognition : "";
        while (*said == ' ')
            said++;
        free(in.content);
        in.content = strdup(*said ? said : "");
        unreadable = !*said;
        bot_strlcpy(in.type, "text", sizeof in.type);
    }
    if (strcmp(in.type, "text") != 0 || !in.content || !in.from[0] || !in.msg_id[0]) {
        bot_wechat_in_free(&in);
        snprintf(err, 256, "not a text message");
        return BOT_NOTFOUND; /* events, images: nothing to say */
    }
    bot_strlcpy(st->to, in.to, sizeof st->to);
    m->platform = bot_wechat.name;
    m->message_id = strdup(in.msg_id);
    m->user_id = strdup(in.from);
    m->user_name = strdup("");
    m->text = in.content; /* taken over */
    in.content = NULL;
    m->time = in.create_time;
    m->unreadable = unreadable;
    bot_wechat_in_free(&in);
    if (!m->message_id || !m->user_id || !m->user_name || !m->text) {
        hd_msg_free(m);
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    return BOT_OK;
}

/* Safe mode: the passive reply encrypted, in its <Encrypt> envelope. Frees xml. */
static char *seal(const struct bot_config *cfg, char *xml, const char *nonce, int64_t now_s)
{
    char *b64 = NULL;
    enum bot_rc rc = bot_wechat_encrypt(cfg->wechat_aes_key, cfg->wechat_app_id, xml, &b64);
    free(xml);
    if (rc != BOT_OK)
        return NULL;
    char now[24], sig[64] = "";
    snprintf(now, sizeof now, "%lld", (long long)now_s);
    /* msg_signature = sha1(sort(token, timestamp, nonce, encrypt)) */
    bot_wechat_sign(cfg->wechat_token, now, nonce, b64, sig);
    size_t cap = strlen(b64) + 512, l = 0;
    char *env = malloc(cap);
    if (env)
        bot_appendf(env, cap, &l,
                    "<xml><Encrypt><![CDATA[%s]]></Encrypt><MsgSignature><![CDATA[%s]]></MsgSignature>"
                    "<TimeStamp>%s</TimeStamp><Nonce><![CDATA[%s]]></Nonce></xml>",
                    b64, sig, now, nonce);
    free(b64);
    return env;
}

/* The passive XML reply (sealed in safe mode); silence is "success": no reply and no retry. */
static enum bot_rc reply(struct bot_hook *h, const struct hd_msg *m, const char *text, struct bot_answer *a)
{
    const struct wx_state *st = (const struct wx_state *)h->state;
    if (!text)
        return BOT_NOTFOUND;
    char *xml = bot_wechat_reply_xml(m->user_id, st->to, h->now, text);
    if (xml && st->safe)
        xml = seal(h->cfg, xml, st->nonce, h->now);
    if (!xml)
        return BOT_NOMEM;
    a->status = 200;
    a->type = "application/xml; charset=utf-8";
    a->body = xml;
    return BOT_OK;
}

/* ---- pushes: the Customer Service Messages API (客服消息) ---- */

static int push_ready(const struct bot_config *cfg)
{
    return cfg->wechat_app_id[0] != '\0' && cfg->wechat_app_secret[0] != '\0';
}

/* s percent-encoded (RFC 3986 unreserved kept) after out[*len]; 0 when it does not fit */
static int url_escape(char *out, size_t outsz, size_t *len, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
                    *p == '_' || *p == '.' || *p == '~';
        size_t need = plain ? 1 : 3;
        if (*len + need + 1 > outsz)
            return 0;
        if (plain) {
            out[(*len)++] = (char)*p;
        } else {
            out[(*len)++] = '%';
            out[(*len)++] = hex[*p >> 4];
            out[(*len)++] = hex[*p & 15];
        }
    }
    out[*len] = '\0';
    return 1;
}

static enum bot_rc token_url(const struct bot_config *cfg, char url[512])
{
    size_t len = 0;
    url[0] = '\0';
    if (!push_ready(cfg))
        return BOT_INVALID;
    int n = snprintf(url, 512, "%s/cgi-bin/token?grant_type=client_credential&appid=", cfg->wechat_api_url);
    if (n < 0 || n >= 512)
        return BOT_TOOBIG;
    len = (size_t)n;
    if (!url_escape(url, 512, &len, cfg->wechat_app_id) || len + 8 >= 512)
        return BOT_TOOBIG;
    memcpy(url + len, "&secret=", 9);
    len += 8;
    return url_escape(url, 512, &len, cfg->wechat_app_secret) ? BOT_OK : BOT_TOOBIG;
}

/* an access token is [A-Za-z0-9_-]: anything else is not put into a URL */
static int token_form_ok(const char *t, size_t max)
{
    size_t n = strlen(t);
    if (n == 0 || n >= max)
        return 0;
    for (; *t; t++)
        if (!((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') || *t == '-' ||
              *t == '_' || *t == '.' || *t == '~'))
            return 0;
    return 1;
}

enum bot_rc bot_wechat_token_parse(json_t *o, char *token, size_t tokensz, int *expires_in, char err[256])
{
    const char *t = json_string_value(json_object_get(o, "access_token"));
    json_t *exp = json_object_get(o, "expires_in");
    json_t *code = json_object_get(o, "errcode");
    token[0] = '\0';
    *expires_in = 0;
    if (!t) {
        const char *msg = json_string_value(json_object_get(o, "errmsg"));
        snprintf(err, 256, "wechat token: errcode %lld %.120s", json_is_integer(code) ? (long long)json_integer_value(code) : 0LL,
                 msg ? msg : "");
        return BOT_AUTH;
    }
    if (!token_form_ok(t, tokensz)) {
        snprintf(err, 256, "wechat token: not a token's form");
        return BOT_INVALID;
    }
    bot_strlcpy(token, t, tokensz);
    *expires_in = json_is_integer(exp) && json_integer_value(exp) > 0 && json_integer_value(exp) < 86400 * 30
                      ? (int)json_integer_value(exp)
                      : 7200;
    return BOT_OK;
}

/* The push without its token: push_authorize appends it to the URL. Never to a group: an Official Account has none. */
static enum bot_rc push_build(const struct bot_config *cfg, const char *chat_id, const char *user_id,
                              const char *text, struct bot_push *out)
{
    if ((chat_id && *chat_id) || !user_id || !*user_id)
        return BOT_INVALID;
    int n = snprintf(out->url, sizeof out->url, "%s/cgi-bin/message/custom/send?access_token=", cfg->wechat_api_url);
    if (n < 0 || (size_t)n >= sizeof out->url)
        return BOT_TOOBIG;
    json_t *o = json_pack("{s:s,s:s,s:{s:s}}", "touser", user_id, "msgtype", "text", "text", "content", text);
    return bot_push_json(out, o);
}

static enum bot_rc push_authorize(struct bot_push *p, const char *token)
{
    size_t len = strlen(p->url);
    if (!token || !token_form_ok(token, sizeof p->url) || len < 13 || strcmp(p->url + len - 13, "access_token=") != 0)
        return BOT_INVALID;
    return url_escape(p->url, sizeof p->url, &len, token) ? BOT_OK : BOT_TOOBIG;
}

static long errcode_of(json_t *o)
{
    json_t *c = json_object_get(o, "errcode");
    return json_is_integer(c) ? (long)json_integer_value(c) : 0;
}

int bot_wechat_token_rejected(json_t *o)
{
    long c = errcode_of(o);
    return c == 40001 || c == 42001 || c == 40014;
}

enum store_outbox_result bot_wechat_push_result(long http_status, json_t *o, int *retry_after, char err[256])
{
    json_t *c = json_object_get(o, "errcode");
    if (http_status >= 200 && http_status < 300 && json_is_integer(c) && json_integer_value(c) == 0)
        return STORE_OUTBOX_SENT;
    long code = errcode_of(o);
    const char *msg = json_string_value(json_object_get(o, "errmsg"));
    snprintf(err, 256, "wechat: HTTP %ld errcode %ld %.160s", http_status, code, msg ? msg : "");
    switch (code) {
    case 40001: /* the token is invalid or expired: the outbox fetches a new one; the push goes again at once */
    case 42001:
    case 40014:
        *retry_after = 1;
        return STORE_OUTBOX_RETRY;
    case 45015: /* outside the 48 hours since her last message */
    case 45047: /* too many pushes in her window */
    case 43004: /* she unfollowed */
        return STORE_OUTBOX_DEAD;
    case -1: /* busy */
        return STORE_OUTBOX_RETRY;
    default:
        break;
    }
    if (http_status >= 500 || http_status == 429 || !o)
        return STORE_OUTBOX_RETRY; /* no answer of WeChat's own: try again */
    return STORE_OUTBOX_DEAD;      /* another refusal (a bad openid, a wrong app): sending it again changes nothing */
}

const struct bot_platform bot_wechat = {
    .name = "wechat",
    .label = "微信",
    .route = "/hook/wechat$",
    .flags = BOT_HOOK_GET | BOT_HOOK_QUIET_ERRORS | BOT_PUSH_PRIVATE, /* pushes: one follower, in her 48 hours */
    .hook_enabled = enabled,
    .replay_window = replay_window,
    .verify_head = verify_head,
    .verify_body = verify_body,
    .parse = parse,
    .reply = reply,
    .quiet_status = 200,
    .quiet_type = "text/plain",
    .quiet_body = "success",
    .push_ready = push_ready,
    .push_build = push_build,
    .push_result = bot_wechat_push_result,
    .push_window = BOT_WECHAT_PUSH_WINDOW,
    .token_url = token_url,
    .token_parse = bot_wechat_token_parse,
    .push_authorize = push_authorize,
    .token_rejected = bot_wechat_token_rejected,
};
