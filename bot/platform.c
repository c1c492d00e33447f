/* platform.c — the platform table and what asks it: lookups, push reach, push requests and answers, hook answers. */
#include "platform.h"
#include "replay.h"

#include <stdlib.h>
#include <string.h>

/* The terminal (`bot say`, `bot chat`): identities of its own, no webhook, no push. */
const struct bot_platform bot_cli = {.name = "cli", .label = "命令行"};

const struct bot_platform *const bot_platforms[] = {&bot_generic, &bot_onebot, &bot_telegram, &bot_wechat,
                                                    &bot_wecom, &bot_cli, NULL};

const struct bot_platform *bot_platform_find(const char *name)
{
    for (int i = 0; name && bot_platforms[i]; i++)
        if (strcmp(bot_platforms[i]->name, name) == 0)
            return bot_platforms[i];
    return NULL;
}

int bot_platform_can_push(const struct bot_config *cfg, const char *name, int group)
{
    const struct bot_platform *p = bot_platform_find(name);
    return p && (p->flags & (group ? BOT_PUSH_GROUP : BOT_PUSH_PRIVATE)) && p->push_ready && p->push_build &&
           p->push_ready(cfg);
}

int bot_platform_facts(const struct bot_config *cfg, struct hd_platform *out, int max)
{
    int n = 0;
    for (int i = 0; bot_platforms[i] && n < max; i++, n++) {
        out[n].name = bot_platforms[i]->name;
        out[n].label = bot_platforms[i]->label;
        out[n].open_private = bot_platforms[i]->open_private;
        out[n].push_private = bot_platform_can_push(cfg, bot_platforms[i]->name, 0);
        out[n].push_window = bot_platforms[i]->push_window;
        out[n].bound_by_config = (bot_platforms[i]->flags & BOT_PUSH_ONE_DEST) != 0;
    }
    return n;
}

/* **X** pairs in text → X into out (at most outsz, NUL-terminated): a star run of another length (a masked phone's
 * ****, a lone *) and a pair around nothing or around another star are kept as written. */
void bot_plain_bold(const char *text, char *out, size_t outsz)
{
    size_t o = 0, n = strlen(text);
    for (size_t i = 0; i < n && o + 1 < outsz;) {
        if (text[i] == '*' && text[i + 1] == '*' && (i == 0 || text[i - 1] != '*') && text[i + 2] && text[i + 2] != '*') {
            const char *end = strstr(text + i + 2, "**");
            const char *star = strchr(text + i + 2, '*');
            if (end && star == end && end[2] != '*') {
                size_t k = (size_t)(end - (text + i + 2));
                if (k > outsz - 1 - o)
                    k = outsz - 1 - o;
                memcpy(out + o, text + i + 2, k);
                o += k;
                i = (size_t)(end - text) + 2;
                continue;
            }
        }
        out[o++] = text[i++];
    }
    out[o] = '\0';
}

enum bot_rc bot_push_build(const struct bot_config *cfg, const char *platform, const char *chat_id,
                           const char *user_id, const char *text, struct bot_push *out)
{
    const struct bot_platform *p = bot_platform_find(platform);
    int group = chat_id && *chat_id;
    memset(out, 0, sizeof *out);
    if (!p || !p->push_build || !p->push_ready || !p->push_ready(cfg))
        return BOT_INVALID; /* cli and wechat (passive replies only) have no push */
    if (!group && (!user_id || !*user_id) && !(p->flags & BOT_PUSH_ONE_DEST))
        return BOT_INVALID;
    if (!(p->flags & BOT_PUSH_MARKDOWN) && strstr(text, "**")) { /* QQ, Telegram: shown as typed (play-test 17) */
        size_t n = strlen(text) + 1;
        char *plain = malloc(n);
        if (!plain)
            return BOT_NOMEM;
        bot_plain_bold(text, plain, n);
        enum bot_rc rc = p->push_build(cfg, group ? chat_id : NULL, user_id, plain, out);
        free(plain);
        return rc;
    }
    return p->push_build(cfg, group ? chat_id : NULL, user_id, text, out);
}

enum store_outbox_result bot_push_result(const char *platform, long http_status, const char *body, int *retry_after,
                                         char err[256])
{
    json_error_t je;
    const struct bot_platform *p = bot_platform_find(platform);
    enum store_outbox_result result;
    *retry_after = 0;
    err[0] = '\0';
    if (http_status == 0) {
        snprintf(err, 256, "no answer (connection failed or timed out)");
        return STORE_OUTBOX_RETRY;
    }
    if (p && p->push_result) {
        json_t *o = body && *body ? bot_json_load(body, strlen(body), 0, &je) : NULL;
        result = p->push_result(http_status, o, retry_after, err);
        json_decref(o);
        return result;
    }
    /* read by the HTTP status alone */
    result = http_status >= 200 && http_status < 300                 ? STORE_OUTBOX_SENT
             : http_status >= 500 || http_status == 429              ? STORE_OUTBOX_RETRY
                                                                     : STORE_OUTBOX_DEAD;
    if (result != STORE_OUTBOX_SENT)
        snprintf(err, 256, "%s: HTTP %ld", platform, http_status);
    return result;
}

int bot_push_needs_token(const char *platform)
{
    const struct bot_platform *p = bot_platform_find(platform);
    return p && p->token_url && p->token_parse && p->push_authorize;
}

enum bot_rc bot_push_token_url(const struct bot_config *cfg, const char *platform, char url[512])
{
    const struct bot_platform *p = bot_platform_find(platform);
    url[0] = '\0';
    return bot_push_needs_token(platform) ? p->token_url(cfg, url) : BOT_INVALID;
}

enum bot_rc bot_push_token_parse(const char *platform, const char *body, char *token, size_t tokensz, int *expires_in,
                                 char err[256])
{
    json_error_t je;
    const struct bot_platform *p = bot_platform_find(platform);
    token[0] = '\0';
    *expires_in = 0;
    err[0] = '\0';
    if (!bot_push_needs_token(platform)) {
        snprintf(err, 256, "%s has no access token", platform);
        return BOT_INVALID;
    }
    json_t *o = body && *body ? bot_json_load(body, strlen(body), 0, &je) : NULL;
    if (!o) {
        snprintf(err, 256, "%s: the token answer is not JSON", platform);
        return BOT_INVALID;
    }
    enum bot_rc rc = p->token_parse(o, token, tokensz, expires_in, err);
    json_decref(o);
    if (rc != BOT_OK)
        token[0] = '\0';
    return rc;
}

enum bot_rc bot_push_authorize(const char *platform, struct bot_push *p, const char *token)
{
    const struct bot_platform *pl = bot_platform_find(platform);
    return bot_push_needs_token(platform) ? pl->push_authorize(p, token) : BOT_OK;
}

int bot_push_token_rejected(const char *platform, const char *body)
{
    json_error_t je;
    const struct bot_platform *p = bot_platform_find(platform);
    if (!p || !p->token_rejected || !body || !*body)
        return 0;
    json_t *o = bot_json_load(body, strlen(body), 0, &je);
    int yes = o && p->token_rejected(o);
    json_decref(o);
    return yes;
}

void bot_answer_error(struct bot_answer *a, int status, const char *msg)
{
    a->status = status;
    a->type = NULL;
    bot_strlcpy(a->err, msg && *msg ? msg : "error", sizeof a->err);
}

void bot_answer_text(struct bot_answer *a, int status, const char *type, const char *body)
{
    free(a->body);
    a->body = strdup(body ? body : "");
    if (!a->body) {
        bot_answer_error(a, 500, "out of memory");
        return;
    }
    a->status = status;
    a->type = type;
    a->err[0] = '\0';
}

enum bot_rc bot_answer_json(struct bot_answer *a, json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s)
        return BOT_NOMEM;
    a->status = 200;
    a->type = BOT_JSON_TYPE;
    a->body = s;
    return BOT_OK;
}

enum bot_rc bot_push_json(struct bot_push *out, json_t *o)
{
    out->body = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    return out->body ? BOT_OK : BOT_NOMEM;
}

enum bot_rc bot_parse_json(struct bot_hook *h, const char *body, size_t len, size_t flags, bot_json_reader read,
                           struct hd_msg *m, char err[256])
{
    json_error_t je;
    memset(m, 0, sizeof *m);
    json_t *root = bot_json_load(body, len, flags, &je);
    if (!root) {
        snprintf(err, 256, "malformed JSON: %s", je.text);
        return BOT_INVALID;
    }
    err[0] = '\0';
    enum bot_rc rc = read(h, root, m, err);
    json_decref(root);
    if (rc != BOT_OK) {
        hd_msg_free(m);
        if (!err[0])
            snprintf(err, 256, "%s", bot_strerror(rc));
    }
    return rc;
}

int bot_secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char d = (unsigned char)(la != lb);
    for (size_t i = 0; i < la && i < lb; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

json_t *bot_json_id(const char *id)
{
    int64_t v;
    return bot_parse_i64(id, &v) == BOT_OK ? json_integer(v) : json_string(id);
}

void bot_msg_mention(struct hd_msg *m, const char *who, size_t who_len, size_t at)
{
    if (m->nmentions >= NLP_MAX_MENTIONS || who_len == 0)
        return;
    struct nlp_mention *x = &m->mentions[m->nmentions++];
    if (who_len >= sizeof x->who)
        who_len = sizeof x->who - 1;
    memcpy(x->who, who, who_len);
    x->who[who_len] = '\0';
    x->at = at;
}

int bot_hook_fresh(const char *ts, int64_t now, int skew)
{
    int64_t t;
    return bot_parse_i64(ts, &t) == BOT_OK && t > now - skew && t < now + skew;
}

int bot_hook_nonce_once(struct bot_hook *h, const char *nonce, const char *ts, const char *body, size_t len,
                        struct bot_answer *a)
{
    switch (bot_replay_check(h->replay, nonce, ts, body, len, h->now)) {
    case BOT_REPLAY_NEW:
    case BOT_REPLAY_RETRY:
        return 0;
    case BOT_REPLAY_REPLAY:
        bot_answer_error(a, 403, "nonce already used");
        return 403;
    case BOT_REPLAY_FULL:
        break;
    }
    bot_answer_error(a, 503, "too many callbacks in the replay window");
    return 503;
}
