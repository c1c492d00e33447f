/* msg.h — what an adapter makes of a webhook: one owned message. */
#ifndef BOT_MSG_H
#define BOT_MSG_H

#include <jansson.h>

#include "../base/common.h"

struct bot_msg {
    char *message_id;
    char *chat_id;
    int is_group;
    char *user_id;
    char *user_name;
    char *text;
    int64_t time;       /* 0 = not given: use the clock */
    int addressed;      /* the platform says the bot was mentioned */
    int64_t reply_to;   /* platform message id to answer (Telegram), 0 = none */
};

/* ---- JSON from outside — bot/jsonin.c ---- */
/* jansson parses recursively: ~1,000 nested arrays overflow a 100 KiB worker
 * stack. No webhook or platform answer nests deeper than this. */
#define BOT_JSON_MAX_DEPTH 32
/* 1 when no array or object in s[0..len) nests deeper than max (strings are skipped). */
int bot_json_depth(const char *s, size_t len, int max);
/* json_loadb() after the depth check; NULL with je->text set when either fails. */
json_t *bot_json_load(const char *body, size_t len, size_t flags, json_error_t *je);

/* Frees every string and zeroes the struct; NULL accepted. */
void bot_msg_free(struct bot_msg *m);

/* Generic JSON hook: {"message_id","chat_id","chat_type","user_id","user_name","text"[,"time"]}.
 * On BOT_INVALID err[256] names the problem; m is then empty. */
enum bot_rc bot_generic_parse(const char *body, size_t len, struct bot_msg *m, char err[256]);
/* {"reply":"…"} or {"reply":null}; caller frees with free(). */
char *bot_generic_reply(const char *reply);

/* ---- OneBot v11 (QQ) — bot/adapter_onebot.c ---- */
/* X-Signature "sha1=<hex>" = HMAC-SHA1(secret, raw body); hex compared
 * case-insensitively in constant time. BOT_AUTH when wrong or missing. */
enum bot_rc bot_onebot_verify(const char *secret, const char *body, size_t len, const char *header);
/* 1 when header has the form "sha1=" + 40 hex digits: checked before the body is read. */
int bot_onebot_signature_form_ok(const char *header);
/* A message event into m (CQ string or segment array; an @ of self_id
 * addresses the bot). BOT_NOTFOUND for events that are not messages. */
enum bot_rc bot_onebot_parse(const char *body, size_t len, struct bot_msg *m, char err[256]);
/* Quick-operation body: {"reply":…,"at_sender":true|false}. free() it. */
char *bot_onebot_reply(const char *text, int is_group);

/* ---- Telegram — bot/adapter_telegram.c ---- */
/* An update with a text message into m; BOT_NOTFOUND for other updates. */
enum bot_rc bot_telegram_parse(const char *body, size_t len, struct bot_msg *m, char err[256]);
/* The reply as a method in the webhook response. free() it. */
char *bot_telegram_reply(const char *chat_id, int64_t reply_to, const char *text);

/* ---- WeChat Official Account — bot/adapter_wechat.c ---- */
struct bot_wechat_in {
    char to[128], from[128], type[32], msg_id[32], encrypt[8192];
    int64_t create_time;
    char *content;      /* owned; free() */
};
/* hex = sha1(sort(token, timestamp, nonce[, encrypt])), lower case. */
void bot_wechat_sign(const char *token, const char *timestamp, const char *nonce, const char *encrypt,
                     char hex[41]);
/* sha1(sort(token, timestamp, nonce[, encrypt])) == signature, constant time. */
int bot_wechat_signature_ok(const char *token, const char *signature, const char *timestamp, const char *nonce,
                            const char *encrypt);
/* Parse the flat <xml> body with expat; DOCTYPE and entities are refused. */
enum bot_rc bot_wechat_parse(const char *xml, size_t len, struct bot_wechat_in *in, char err[256]);
void bot_wechat_in_free(struct bot_wechat_in *in);
/* Passive text reply; CDATA split around "]]>". free() it. */
char *bot_wechat_reply_xml(const char *to, const char *from, int64_t now, const char *text);
/* Safe mode: AES-256-CBC, key = base64(aes_key + "="), PKCS#7 to 32 bytes,
 * random(16) | len(4) | msg | app_id. Outputs malloc'd, NUL-terminated. */
enum bot_rc bot_wechat_decrypt(const char *aes_key, const char *app_id, const char *b64, char **msg, size_t *len);
enum bot_rc bot_wechat_encrypt(const char *aes_key, const char *app_id, const char *msg, char **b64);

/* ---- outbound pushes, one builder and one reader per platform ---- */
struct bot_push {
    char url[512];
    char auth[320];         /* an Authorization header value, or "" */
    char *body;             /* malloc'd JSON */
};
/* push text to chat (group) or user (private) on platform; BOT_INVALID when
 * the platform is not configured for pushes. */
struct bot_config;
enum bot_rc bot_push_build(const struct bot_config *cfg, const char *platform, const char *chat_id,
                           const char *user_id, const char *text, struct bot_push *out);
/* Read a platform's answer: 0 sent, 1 retry later (*retry_after seconds when
 * the platform says), 2 permanent failure; err says why. */
int bot_push_result(const char *platform, long http_status, const char *body, int *retry_after, char err[256]);

#endif
