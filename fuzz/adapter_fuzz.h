/* adapter_fuzz.h — the body shared by the per-adapter libFuzzer targets. */
#include <stdlib.h>
#include <string.h>

#include "../bot/platform.h"
#include "worker_stack.h"

struct fuzz_input {
    int which;
    char *body;
    size_t len;
};

static const char *fuzz_header(const struct bot_hook *h, const char *name) { return NULL; }
static void fuzz_query(const struct bot_hook *h, const char *name, char *buf, size_t bufsz) { buf[0] = '\0'; }

/* An entry's parse, then its reply to what it parsed, as the hook path runs them. */
static void fuzz_entry(const struct bot_platform *p, const char *body, size_t len)
{
    static struct bot_config cfg;
    static int ready;
    if (!ready) {
        bot_config_defaults(&cfg);
        snprintf(cfg.telegram_bot_token, sizeof cfg.telegram_bot_token, "42:abc");
        ready = 1;
    }
    struct bot_hook *h = calloc(1, sizeof *h);
    if (!h)
        return;
    h->cfg = &cfg;
    h->method = "POST";
    h->header = fuzz_header;
    h->query = fuzz_query;
    h->now = 1763900000;
    struct hd_msg m;
    char err[256];
    if (p->parse(h, body, len, &m, err) == BOT_OK) {
        struct bot_answer a = {0, NULL, NULL, ""};
        if (p->reply(h, &m, m.text, &a) == BOT_OK)
            free(a.body);
        hd_msg_free(&m);
    }
    free(h);
}

/* WeCom's intelligent robot: the input is the decrypted message, sealed and signed as WeCom would, so that the
 * parse reaches the JSON inside; then the sealed answer to it. */
#define FUZZ_WECOM_KEY "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
static char fuzz_wecom_sig[41];
static void fuzz_wecom_query(const struct bot_hook *h, const char *name, char *buf, size_t bufsz)
{
    const char *v = strcmp(name, "msg_signature") == 0 ? fuzz_wecom_sig
                    : strcmp(name, "timestamp") == 0   ? "1763900000"
                    : strcmp(name, "nonce") == 0       ? "fz"
                                                       : "";
    snprintf(buf, bufsz, "%s", v);
}
static void fuzz_wecom(const char *inner)
{
    static struct bot_config cfg;
    bot_config_defaults(&cfg);
    snprintf(cfg.wecom_token, sizeof cfg.wecom_token, "fztoken");
    snprintf(cfg.wecom_aes_key, sizeof cfg.wecom_aes_key, FUZZ_WECOM_KEY);
    char *enc = NULL;
    if (bot_wechat_encrypt(FUZZ_WECOM_KEY, "", inner, &enc) != BOT_OK) {
        free(enc);
        return;
    }
    size_t cap = strlen(enc) + 32;
    char *body = malloc(cap);
    struct bot_hook *h = calloc(1, sizeof *h);
    if (body && h) {
        snprintf(body, cap, "{\"encrypt\":\"%s\"}", enc);
        bot_wechat_sign("fztoken", "1763900000", "fz", enc, fuzz_wecom_sig);
        h->cfg = &cfg;
        h->method = "POST";
        h->header = fuzz_header;
        h->query = fuzz_wecom_query;
        h->now = 1763900000;
        struct bot_answer a = {0, NULL, NULL, ""};
        struct hd_msg m;
        char err[256];
        if (bot_wecom.verify_head(h, &a) == 0 && bot_wecom.parse(h, body, strlen(body), &m, err) == BOT_OK) {
            if (bot_wecom.reply(h, &m, m.text, &a) == BOT_OK)
                free(a.body);
            hd_msg_free(&m);
        }
    }
    free(h);
    free(body);
    free(enc);
}

static void *fuzz_adapter_run(void *arg)
{
    struct fuzz_input *fi = arg;
    char *body = fi->body;
    size_t len = fi->len;
    int which = fi->which;
    char err[256];
    struct bot_wechat_in in;
    switch (which) {
    case 0:
        fuzz_entry(&bot_generic, body, len);
        break;
    case 1:
        fuzz_entry(&bot_onebot, body, len);
        bot_onebot_verify("secret", body, len, body);
        break;
    case 2:
        fuzz_entry(&bot_telegram, body, len);
        break;
    case 3:
        if (bot_wechat_parse_xml(body, len, &in, err) == BOT_OK) {
            char *x = bot_wechat_reply_xml(in.from, in.to, 1, in.content ? in.content : "");
            free(x);
            bot_wechat_in_free(&in);
        }
        fuzz_entry(&bot_wechat, body, len);
        break;
    case 5:
        fuzz_wecom(body);
        fuzz_entry(&bot_wecom, body, len); /* the raw body too: unsigned, it must stop at the signature */
        break;
    case 4: { /* WeChat safe mode: the <Encrypt> payload */
        char *msg = NULL;
        size_t mlen = 0;
        if (bot_wechat_decrypt("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "", body, &msg, &mlen) == BOT_OK)
            free(msg);
        break;
    }
    }
    return NULL;
}

/* One input through adapter `which`, on a worker-sized stack. */
static int fuzz_adapter(int which, const uint8_t *data, size_t size)
{
    struct fuzz_input fi = {which, malloc(size + 1), size};
    if (!fi.body)
        return 0;
    memcpy(fi.body, data, size);
    fi.body[size] = '\0';
    fuzz_on_worker_stack(fuzz_adapter_run, &fi);
    free(fi.body);
    return 0;
}
