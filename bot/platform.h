/* platform.h — the platform table: one entry per adapter file, everything a chat platform is to the bot. */
#ifndef BOT_PLATFORM_H
#define BOT_PLATFORM_H

#include <jansson.h>
#include <stdalign.h>
#include <stddef.h>

#include "../handlers/handlers.h"
#include "config.h"

struct bot_replay;

/* ---- a webhook call, as an adapter sees it (bot/server.c fills it) ---- */
#define BOT_HOOK_STATE 640
struct bot_hook {
    const struct bot_config *cfg;
    const char *method;                /* "GET", "POST" */
    /* a request header (NULL when absent) and a query variable ("" when absent) */
    const char *(*header)(const struct bot_hook *h, const char *name);
    void (*query)(const struct bot_hook *h, const char *name, char *buf, size_t bufsz);
    void *conn;                        /* the server's, for the two above */
    struct bot_replay *replay;         /* nonces seen, when the entry has a replay_window */
    int64_t now;
    /* the adapter's own, from verify_head to reply (zeroed by the server) */
    alignas(max_align_t) unsigned char state[BOT_HOOK_STATE];
};

/* What an adapter answers: an error (err set: {"error":err}), a body of
 * type, or nothing (type NULL: Content-Length 0). */
struct bot_answer {
    int status;
    const char *type;
    char *body;                        /* malloc'd or NULL; the server frees it */
    char err[256];
};
void bot_answer_error(struct bot_answer *a, int status, const char *msg);
/* body is copied; status 500 when it cannot be. */
void bot_answer_text(struct bot_answer *a, int status, const char *type, const char *body);
/* A 200 with o as compact JSON; takes o (NULL: out of memory). BOT_NOMEM when it cannot be encoded. */
enum bot_rc bot_answer_json(struct bot_answer *a, json_t *o);
#define BOT_JSON_TYPE "application/json; charset=utf-8"

/* ---- outbound pushes ---- */
struct bot_push {
    char url[512];
    char auth[320];                    /* an Authorization header value, or "" */
    char *body;                        /* malloc'd JSON */
};
/* out->body = o as compact JSON; takes o (NULL: out of memory). BOT_NOMEM when it cannot be encoded. */
enum bot_rc bot_push_json(struct bot_push *out, json_t *o);

/* ---- the entry ---- */
#define BOT_PUSH_PRIVATE 0x1u   /* a push can reach one person */
#define BOT_PUSH_GROUP 0x2u     /* a push can reach a group chat */
#define BOT_PUSH_ONE_DEST 0x4u  /* every push lands in one place (a robot in its group): one destination */
#define BOT_HOOK_GET 0x8u       /* the hook answers GET too (a handshake) */
#define BOT_HOOK_SIGNED_BODY 0x10u /* the credentials cover the body: it is read as unvouched */
/* a message read but not answered (500, 503, a reply not encoded) gets the
 * quiet answer: the platform would retry anything else */
#define BOT_HOOK_QUIET_ERRORS 0x20u
#define BOT_PUSH_MARKDOWN 0x40u /* the platform renders **bold**: elsewhere a push's ** pairs are taken out */

struct bot_platform {
    const char *name;                  /* identities, outbox rows, rate keys */
    const char *label;                 /* as residents call it */
    /* what a member does before a private push reaches her (加我为QQ好友); NULL = nothing */
    const char *open_private;
    const char *route;                 /* the webhook's civetweb pattern; NULL = no webhook */
    unsigned flags;
    /* the webhook ---- */
    int (*hook_enabled)(const struct bot_config *cfg); /* else 404 */
    int (*replay_window)(const struct bot_config *cfg); /* seconds a nonce is remembered; NULL = no nonces */
    /* Credentials in the URL and headers, before the body is read; NULL = none.
     * 0 = go on; else the status, with the answer (an error, or a whole answer: a handshake). */
    int (*verify_head)(struct bot_hook *h, struct bot_answer *a);
    /* Credentials over the raw body, before it is parsed; NULL = none. Same contract. */
    int (*verify_body)(struct bot_hook *h, const char *body, size_t len, struct bot_answer *a);
    /* The body into m (hd_msg_free frees it; empty on failure). BOT_NOTFOUND:
     * nothing to say (the quiet answer); BOT_AUTH: 403; else 400. err[256] is
     * filled on every failure. */
    enum bot_rc (*parse)(struct bot_hook *h, const char *body, size_t len, struct hd_msg *m, char err[256]);
    /* The answer to m, text NULL when the bot stays silent. BOT_NOTFOUND: the
     * quiet answer; another failure: the reply cannot be encoded (500). */
    enum bot_rc (*reply)(struct bot_hook *h, const struct hd_msg *m, const char *text, struct bot_answer *a);
    int quiet_status;                  /* the answer when there is nothing to say */
    const char *quiet_type, *quiet_body;
    /* pushes ---- (NULL = this platform is never pushed to) */
    int (*push_ready)(const struct bot_config *cfg);   /* configured for pushes */
    /* to chat_id (a group) when given, else to user_id; BOT_INVALID when not configured */
    enum bot_rc (*push_build)(const struct bot_config *cfg, const char *chat_id, const char *user_id,
                              const char *text, struct bot_push *out);
    /* the platform's answer (o: its JSON, may be NULL); NULL = read by HTTP status */
    enum store_outbox_result (*push_result)(long http_status, json_t *o, int *retry_after, char err[256]);
    /* a destination's pushes per minute; NULL = [outbox] per_chat_per_minute */
    int (*per_minute)(const struct bot_config *cfg);
    /* seconds a private push reaches a person after her last private message
     * to the bot (WeChat's 48 hours); 0 = any time */
    int push_window;
    /* An access token the pushes carry (NULL = none): the outbox fetches it
     * (GET token_url), keeps it until shortly before it expires and fetches it
     * again when the platform rejects it; only the adapter knows its form. */
    enum bot_rc (*token_url)(const struct bot_config *cfg, char url[512]);
    /* the token answer: token (never logged) and its lifetime in seconds */
    enum bot_rc (*token_parse)(json_t *o, char *token, size_t tokensz, int *expires_in, char err[256]);
    /* the built push made to carry token */
    enum bot_rc (*push_authorize)(struct bot_push *p, const char *token);
    /* 1 when a push's answer says its token is invalid or expired */
    int (*token_rejected)(json_t *o);
};

/* A signed callback's timestamp (unix seconds as text) within skew seconds of now. */
int bot_hook_fresh(const char *ts, int64_t now, int skew);
/* A signed callback's nonce is good once: the same callback again (a platform's retry, same body) goes on to the
 * inbox, which answers it as before; another body with a used nonce is 403, a full replay window 503. 0 = go on,
 * else the status, with a filled. */
int bot_hook_nonce_once(struct bot_hook *h, const char *nonce, const char *ts, const char *body, size_t len,
                        struct bot_answer *a);

/* Every adapter file's one entry. */
extern const struct bot_platform bot_generic, bot_onebot, bot_telegram, bot_wechat, bot_wecom, bot_cli;

/* The table, NULL-terminated (at most BOT_PLATFORMS_MAX entries), and a lookup by name (NULL when unknown). */
#define BOT_PLATFORMS_MAX 16
extern const struct bot_platform *const bot_platforms[];
const struct bot_platform *bot_platform_find(const char *name);
/* Can a push reach one person (private) or a group on name with cfg? */
int bot_platform_can_push(const struct bot_config *cfg, const char *name, int group);
/* What the rule book may know of the platforms (names, labels, private push
 * reach under cfg) into out[max]; returns how many. */
int bot_platform_facts(const struct bot_config *cfg, struct hd_platform *out, int max);

/* Build a push to chat (group) or user (private) on platform; BOT_INVALID
 * when the platform is unknown or not configured for pushes. */
enum bot_rc bot_push_build(const struct bot_config *cfg, const char *platform, const char *chat_id,
                           const char *user_id, const char *text, struct bot_push *out);
/* Read a platform's answer (http_status 0: none came): sent, retry later
 * (*retry_after seconds when the platform says), or dead; err says why. */
enum store_outbox_result bot_push_result(const char *platform, long http_status, const char *body, int *retry_after,
                                         char err[256]);

/* Pushes to platform carry an access token (it has token_url). */
int bot_push_needs_token(const char *platform);
/* The token request's URL (never logged: it carries the secret). */
enum bot_rc bot_push_token_url(const struct bot_config *cfg, const char *platform, char url[512]);
/* The token answer's body: token, *expires_in seconds; err says why not. */
enum bot_rc bot_push_token_parse(const char *platform, const char *body, char *token, size_t tokensz, int *expires_in,
                                 char err[256]);
/* The built push p made to carry token. */
enum bot_rc bot_push_authorize(const char *platform, struct bot_push *p, const char *token);
/* 1 when the platform's answer says the push's token was rejected (fetch a new one). */
int bot_push_token_rejected(const char *platform, const char *body);

/* ---- shared by the adapters (bot/jsonin.c, bot/platform.c) ---- */
/* Constant-time string comparison for secrets: 1 when equal. */
int bot_secret_equal(const char *a, const char *b);
/* jansson parses recursively: ~1,000 nested arrays overflow a 100 KiB worker
 * stack. No webhook or platform answer nests deeper than this. */
#define BOT_JSON_MAX_DEPTH 32
/* 1 when no array or object in s[0..len) nests deeper than max (strings are skipped). */
int bot_json_depth(const char *s, size_t len, int max);
/* json_loadb() after the depth check; NULL with je->text set when either fails. */
json_t *bot_json_load(const char *body, size_t len, size_t flags, json_error_t *je);
/* A JSON webhook's body into m: m emptied, the body loaded (json_loadb flags,
 * depth bounded), read() fills m from it, and m is freed again when it fails;
 * err is filled on every failure (the parse contract above). */
typedef enum bot_rc (*bot_json_reader)(struct bot_hook *h, json_t *root, struct hd_msg *m, char err[256]);
enum bot_rc bot_parse_json(struct bot_hook *h, const char *body, size_t len, size_t flags, bot_json_reader read,
                           struct hd_msg *m, char err[256]);
/* An id as the JSON integer platforms expect, or a string when it is not a number. */
json_t *bot_json_id(const char *id);
/* Record a platform-encoded mention of who at code point `at` of the text (bounded, silently). */
void bot_msg_mention(struct hd_msg *m, const char *who, size_t who_len, size_t at);

/* ---- pieces of the adapters that tests and fuzzers call directly ---- */
/* **X** pairs taken out for a platform that shows them as typed (masked phones' **** kept). */
void bot_plain_bold(const char *text, char *out, size_t outsz);
/* 1 when text opens with /cmd@name, name not username (the bot's [telegram] username; "" = every name is the bot's). */
int bot_telegram_other_bots(const char *username, const char *text);
/* Cut from text (in place) every @name that calls this bot (the configured username, or with none any @…bot); 1 when
 * there was one (bot/adapter_telegram.c). */
int bot_telegram_self_mentions(const char *username, char *text);
/* X-Signature "sha1=<hex>" = HMAC-SHA1(secret, raw body), hex compared case-insensitively in constant time. */
enum bot_rc bot_onebot_verify(const char *secret, const char *body, size_t len, const char *header);
/* 1 when header has the form "sha1=" + 40 hex digits: checked before the body is read. */
int bot_onebot_signature_form_ok(const char *header);

struct bot_wechat_in {
    char to[128], from[128], type[32], msg_id[32], encrypt[8192];
    int64_t create_time;
    char *content;      /* owned; free() */
    char *recognition;  /* a voice message's transcript (the account's 语音识别 on), owned; free() */
};
/* hex = sha1(sort(token, timestamp, nonce[, encrypt])), lower case. */
void bot_wechat_sign(const char *token, const char *timestamp, const char *nonce, const char *encrypt,
                     char hex[41]);
/* sha1(sort(token, timestamp, nonce[, encrypt])) == signature, constant time. */
int bot_wechat_signature_ok(const char *token, const char *signature, const char *timestamp, const char *nonce,
                            const char *encrypt);
/* Parse the flat <xml> body with expat; DOCTYPE and entities are refused. */
enum bot_rc bot_wechat_parse_xml(const char *xml, size_t len, struct bot_wechat_in *in, char err[256]);
void bot_wechat_in_free(struct bot_wechat_in *in);
/* Passive text reply; CDATA split around "]]>". free() it. */
char *bot_wechat_reply_xml(const char *to, const char *from, int64_t now, const char *text);
/* Safe mode: AES-256-CBC, key = base64(aes_key + "="), PKCS#7 to 32 bytes,
 * random(16) | len(4) | msg | app_id. Outputs malloc'd, NUL-terminated. */
enum bot_rc bot_wechat_decrypt(const char *aes_key, const char *app_id, const char *b64, char **msg, size_t *len);
enum bot_rc bot_wechat_encrypt(const char *aes_key, const char *app_id, const char *msg, char **b64);
/* WeChat's customer-service push (客服消息): 48 hours after the follower's last message */
#define BOT_WECHAT_PUSH_WINDOW (48 * 3600)
/* {"access_token","expires_in"} into token; an errcode answer is BOT_AUTH. */
enum bot_rc bot_wechat_token_parse(json_t *o, char *token, size_t tokensz, int *expires_in, char err[256]);
/* errcode 0 sent; 40001/42001/40014 (token) and -1 (busy) retry; 45015, 45047, 43004 dead. */
enum store_outbox_result bot_wechat_push_result(long http_status, json_t *o, int *retry_after, char err[256]);
/* 1 on errcode 40001, 42001 or 40014: the token is to be fetched again. */
int bot_wechat_token_rejected(json_t *o);

#endif
