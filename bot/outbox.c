/* outbox.c — the outbox sender thread: parallel deliveries over libcurl's multi interface, fair across chats and hosts. */
#include "outbox.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform.h"

#define BUCKETS 512
#define MAX_ANSWER (64 * 1024)
#define KEY_MAX 176       /* platform:g:chat_id or platform:u:user_id, and scheme://host:port */
#define SCAN_DESTS 128    /* destinations one scan looks at, beyond the ones in flight */
#define SCAN_EVERY_MS 200 /* a scan at least this often while slots are free ... */
#define SCAN_IDLE_MS 1000 /* ... or this often while the scans find only blocked rows */
#define CLAIM_MARGIN_S 30 /* a claimed row is due again this long after its send's timeouts (its replica killed) */
#define TOKENS 4            /* platforms whose pushes carry an access token (WeChat) */
#define TOKEN_MAX 520
#define TOKEN_EVERY_MS 10000 /* a platform's token is fetched at most this often */

struct bucket {
    char key[KEY_MAX];
    double capacity;
    double tokens;
    int64_t last_ms;
};

struct answer {
    char *buf;
    size_t len;
};

/* One delivery. `easy` lives as long as the sender, so its connection is
 * reused; the rest belongs to the push in flight while busy is set. */
struct flight {
    CURL *easy;
    int busy;
    struct curl_slist *headers;
    char *body;
    struct answer answer;
    char errbuf[CURL_ERROR_SIZE];
    struct store_outbox row;
    char dest[KEY_MAX]; /* the destination, which is also its chat bucket's key */
    char host[KEY_MAX];
    unsigned token_gen; /* the access token it carries (bot_push_needs_token), to drop it once when rejected */
};

/* A platform's access token (never logged), fetched when a push needs it and kept until shortly before it expires. */
struct token {
    char platform[16];
    char value[TOKEN_MAX];
    int64_t until_ms;   /* good until then; 0 = none */
    int64_t next_ms;    /* no fetch before then */
    unsigned gen;       /* counts the tokens fetched */
};

struct bot_sender {
    const struct bot_config *cfg;
    struct bucket buckets[BUCKETS];
    CURLM *multi;
    struct flight *flights; /* cfg->outbox_max_in_flight of them */
    int nflights;
    int busy;               /* flights in use */
    struct store_outbox *scan;
    int scan_max;
    int scanned;            /* rows the last scan found due */
    long dropped;           /* rows dropped unsent, about an order over or moved since (v36, v40) */
    int64_t *skip;          /* the ids in flight, which the scan leaves out */
    char cursor[STORE_OUTBOX_DEST_MAX]; /* the last destination the scan saw: the next one starts past it */
    pthread_t thread;
    int running;
    const char *store_path;
    const char *sync;
    atomic_int *stop;
    unsigned seed;
    struct token tokens[TOKENS];
    CURL *token_easy;       /* the token fetches: synchronous, rare (once in ~2 h a platform) */
};

void bot_sender_free(struct bot_sender *s)
{
    if (!s)
        return;
    bot_sender_abort(s);
    for (int i = 0; s->flights && i < s->nflights; i++)
        if (s->flights[i].easy)
            curl_easy_cleanup(s->flights[i].easy);
    if (s->multi)
        curl_multi_cleanup(s->multi);
    if (s->token_easy)
        curl_easy_cleanup(s->token_easy);
    free(s->flights);
    free(s->scan);
    free(s->skip);
    free(s);
}

enum bot_rc bot_sender_new(const struct bot_config *cfg, struct bot_sender **out)
{
    struct bot_sender *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s)
        return BOT_NOMEM;
    s->cfg = cfg;
    s->nflights = cfg->outbox_max_in_flight > 0 ? cfg->outbox_max_in_flight : 1;
    s->scan_max = SCAN_DESTS + s->nflights;
    s->flights = calloc((size_t)s->nflights, sizeof *s->flights);
    s->scan = calloc((size_t)s->scan_max, sizeof *s->scan);
    s->skip = calloc((size_t)s->nflights + 1, sizeof *s->skip);
    s->multi = curl_multi_init();
    if (!s->flights || !s->scan || !s->skip || !s->multi) {
        bot_sender_free(s);
        return BOT_NOMEM;
    }
    for (int i = 0; i < s->nflights; i++)
        if (!(s->flights[i].easy = curl_easy_init())) {
            bot_sender_free(s);
            return BOT_ERR;
        }
    s->seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    *out = s;
    return BOT_OK;
}

/* ---- rate limits ---- */

static struct bucket *bucket_of(struct bot_sender *s, const char *key)
{
    unsigned h = 5381;
    for (const char *p = key; *p; p++)
        h = h * 33 + (unsigned char)*p;
    return &s->buckets[h % BUCKETS];
}

/* Token bucket of `capacity` refilled over `period_ms`. Takes one token if it can. */
BOT_STATIC int take(struct bot_sender *s, const char *key, double capacity, double period_ms, int64_t now_ms, int commit)
{
    struct bucket *b = bucket_of(s, key);
    if (strcmp(b->key, key) != 0) { /* a new (or colliding) key starts full */
        bot_strlcpy(b->key, key, sizeof b->key);
        b->tokens = capacity;
        b->last_ms = now_ms;
    }
    b->capacity = capacity;
    double tokens = b->tokens + (double)(now_ms - b->last_ms) * capacity / period_ms;
    if (tokens > capacity)
        tokens = capacity;
    if (tokens < 1.0)
        return 0;
    if (commit) {
        b->tokens = tokens - 1.0;
        b->last_ms = now_ms;
    }
    return 1;
}

/* Gives back the token of a push the platform never answered: a refused
 * connection cost the platform nothing. */
BOT_STATIC void refund(struct bot_sender *s, const char *key)
{
    struct bucket *b = bucket_of(s, key);
    if (strcmp(b->key, key) == 0 && (b->tokens += 1.0) > b->capacity)
        b->tokens = b->capacity;
}

/* The destination of a row: platform + chat or user; a platform whose
 * pushes all land in one place (a robot in its group) is one destination.
 * It is also the key of the chat's bucket. */
static void dest_of(const struct store_outbox *o, char out[KEY_MAX])
{
    const struct bot_platform *p = bot_platform_find(o->platform);
    if (p && (p->flags & BOT_PUSH_ONE_DEST))
        snprintf(out, KEY_MAX, "%s:one", o->platform);
    else
        snprintf(out, KEY_MAX, "%s:%s:%s", o->platform, o->chat_id[0] ? "g" : "u",
                 o->chat_id[0] ? o->chat_id : o->user_id);
}

/* scheme://host:port of url: pushes to one API host share its in-flight cap. */
static void host_of(const char *url, char out[KEY_MAX])
{
    const char *p = strstr(url, "://");
    size_t n = p ? (size_t)(p - url) + 3 : 0;
    n += strcspn(url + n, "/?#");
    snprintf(out, KEY_MAX, "%.*s", (int)n, url);
}

/* May this row go now? Checks the chat's and the platform's buckets; with
 * commit set, takes one token from both. */
static int allowed(struct bot_sender *s, const struct store_outbox *o, const char *dest, int64_t now_ms, int commit)
{
    const struct bot_config *cfg = s->cfg;
    char plat[32];
    /* a platform may set its destinations' limit (one robot: its 20 messages a minute) */
    const struct bot_platform *p = bot_platform_find(o->platform);
    double chat_cap = p && p->per_minute ? p->per_minute(cfg) : cfg->outbox_per_chat_per_minute;
    double plat_cap = cfg->outbox_per_platform_per_second;
    snprintf(plat, sizeof plat, "platform:%s", o->platform);
    if (!take(s, dest, chat_cap, 60000.0, now_ms, 0) || !take(s, plat, plat_cap, 1000.0, now_ms, 0))
        return 0;
    if (commit) {
        take(s, dest, chat_cap, 60000.0, now_ms, 1);
        take(s, plat, plat_cap, 1000.0, now_ms, 1);
    }
    return 1;
}

/* ---- deliveries ---- */

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
    struct answer *a = ud;
    size_t n = size * nmemb;
    if (a->len + n > MAX_ANSWER)
        return 0; /* bounded: a huge answer is an error */
    char *nb = realloc(a->buf, a->len + n + 1);
    if (!nb)
        return 0;
    memcpy(nb + a->len, ptr, n);
    a->buf = nb;
    a->len += n;
    a->buf[a->len] = '\0';
    return n;
}

/* ---- access tokens ---- */

static struct token *token_of(struct bot_sender *s, const char *platform)
{
    struct token *free_slot = NULL;
    for (int i = 0; i < TOKENS; i++) {
        if (strcmp(s->tokens[i].platform, platform) == 0)
            return &s->tokens[i];
        if (!free_slot && !s->tokens[i].platform[0])
            free_slot = &s->tokens[i];
    }
    if (free_slot)
        bot_strlcpy(free_slot->platform, platform, sizeof free_slot->platform);
    return free_slot;
}

/* p made to carry platform's token, fetched first when none is good now (*gen: which one). BOT_LIMIT: no fetch may
 * be tried yet (the row waits, nothing counted); another failure: err says why (never the token nor the URL). */
static enum bot_rc authorize(struct bot_sender *s, const char *platform, struct bot_push *p, int64_t now_ms,
                             unsigned *gen, char err[256])
{
    struct token *t = token_of(s, platform);
    err[0] = '\0';
    if (!t) {
        snprintf(err, 256, "%s: no room for its access token", platform);
        return BOT_ERR;
    }
    if (t->until_ms <= now_ms) {
        char url[512];
        struct answer a = {NULL, 0};
        long status = 0;
        int expires_in = 0;
        if (now_ms < t->next_ms)
            return BOT_LIMIT;
        t->next_ms = now_ms + TOKEN_EVERY_MS;
        t->value[0] = '\0';
        if (!s->token_easy && !(s->token_easy = curl_easy_init()))
            return BOT_NOMEM;
        if (bot_push_token_url(s->cfg, platform, url) != BOT_OK) {
            snprintf(err, 256, "%s: no access token can be asked for (its settings)", platform);
            return BOT_INVALID;
        }
        CURL *c = s->token_easy;
        curl_easy_reset(c);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)s->cfg->outbox_connect_timeout_ms);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)s->cfg->outbox_timeout_ms);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        CURLcode cc = curl_easy_perform(c);
        if (cc == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        enum bot_rc rc = BOT_ERR;
        if (cc != CURLE_OK)
            snprintf(err, 256, "%s access token: %s", platform, curl_easy_strerror(cc));
        else if (status != 200)
            snprintf(err, 256, "%s access token: HTTP %ld", platform, status);
        else
            rc = bot_push_token_parse(platform, a.buf, t->value, sizeof t->value, &expires_in, err);
        free(a.buf);
        if (rc != BOT_OK)
            return rc;
        /* kept until shortly before it expires: a tenth of its life, at most 5 minutes */
        int64_t early = expires_in / 10 < 300 ? expires_in / 10 : 300;
        t->until_ms = now_ms + ((int64_t)expires_in - early) * 1000;
        t->gen++;
    }
    *gen = t->gen;
    return bot_push_authorize(platform, p, t->value);
}

/* The platform said the token of a push was rejected: fetched again before the next push, once for that token. */
static void token_rejected(struct bot_sender *s, const char *platform, unsigned gen)
{
    struct token *t = token_of(s, platform);
    if (t && t->gen == gen) { /* once for that token: the pushes it failed go again with the next one */
        t->until_ms = 0;
        t->next_ms = 0;
        t->value[0] = '\0';
    }
}

/* Frees what the push in flight owned; the slot is free again. */
static void release(struct bot_sender *s, struct flight *f)
{
    if (!f->busy)
        return;
    curl_multi_remove_handle(s->multi, f->easy);
    curl_slist_free_all(f->headers);
    free(f->body);
    free(f->answer.buf);
    f->headers = NULL;
    f->body = NULL;
    f->answer.buf = NULL;
    f->answer.len = 0;
    f->busy = 0;
    s->busy--;
}

/* Hands push p for row o to libcurl in the free slot f. On success f owns
 * p->body (set to NULL); on failure the caller still does. */
static enum bot_rc start(struct bot_sender *s, struct flight *f, const struct store_outbox *o, struct bot_push *p,
                         const char *dest, const char *host)
{
    CURL *c = f->easy;
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    if (h && p->auth[0]) {
        char line[400];
        snprintf(line, sizeof line, "Authorization: %s", p->auth);
        struct curl_slist *more = curl_slist_append(h, line);
        if (!more)
            curl_slist_free_all(h);
        h = more;
    }
    if (!h)
        return BOT_NOMEM;
    f->errbuf[0] = '\0';
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, p->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, p->body);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)s->cfg->outbox_connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)s->cfg->outbox_timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, f->errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &f->answer);
    curl_easy_setopt(c, CURLOPT_PRIVATE, f);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (curl_multi_add_handle(s->multi, c) != CURLM_OK) {
        curl_slist_free_all(h);
        return BOT_ERR;
    }
    f->headers = h;
    f->body = p->body;
    p->body = NULL;
    f->row = *o;
    bot_strlcpy(f->dest, dest, sizeof f->dest);
    bot_strlcpy(f->host, host, sizeof f->host);
    f->busy = 1;
    s->busy++;
    return BOT_OK;
}

/* Deliveries in flight to one destination (by_host = 0) or one host. */
static int in_flight_to(const struct bot_sender *s, const char *key, int by_host)
{
    int n = 0;
    for (int i = 0; i < s->nflights; i++)
        if (s->flights[i].busy && strcmp(by_host ? s->flights[i].host : s->flights[i].dest, key) == 0)
            n++;
    return n;
}

static struct flight *free_flight(struct bot_sender *s)
{
    for (int i = 0; i < s->nflights; i++)
        if (!s->flights[i].busy)
            return &s->flights[i];
    return NULL;
}

/* Seconds until the next try: base * 2^attempts, plus up to half again of jitter, at most an hour. */
BOT_STATIC int64_t backoff(struct bot_sender *s, int attempts)
{
    int64_t base = s->cfg->outbox_backoff_seconds;
    int64_t d = base << (attempts < 12 ? attempts : 12);
    if (d > 3600)
        d = 3600;
    return d + (int64_t)(rand_r(&s->seed) % (unsigned)(d / 2 + 1));
}

static enum bot_rc mark(struct store *st, int64_t id, enum store_outbox_result r, int64_t when, const char *err)
{
    enum bot_rc rc = store_begin(st);
    if (rc != BOT_OK)
        return rc;
    if ((rc = store_outbox_mark(st, id, r, when, err)) != BOT_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st);
}

enum bot_rc bot_sender_fill(struct bot_sender *s, struct store *st, int64_t now_ms, int *started, int *failed)
{
    const struct bot_config *cfg = s->cfg;
    enum bot_rc rc = BOT_OK;
    int n = 0;
    *started = *failed = 0;
    if (s->busy >= s->nflights)
        goto out;
    int nskip = 0;
    for (int i = 0; i < s->nflights; i++)
        if (s->flights[i].busy)
            s->skip[nskip++] = s->flights[i].row.id;
    if ((rc = store_outbox_due(st, now_ms / 1000, s->skip, nskip, cfg->outbox_max_in_flight_per_chat, s->cursor,
                               s->scan, s->scan_max, &n)) != BOT_OK)
        goto out;
    s->scanned = n;
    for (int i = 0; i < n && s->busy < s->nflights; i++) {
        const struct store_outbox *o = &s->scan[i];
        char dest[KEY_MAX], host[KEY_MAX], err[256];
        struct bot_push p;
        dest_of(o, dest);
        if (in_flight_to(s, dest, 0) >= cfg->outbox_max_in_flight_per_chat)
            continue;
        if (o->stale) { /* about an order taken, cancelled, begun or moved since it was queued: not sent, no failure */
            if ((rc = mark(st, o->id, STORE_OUTBOX_DROPPED, now_ms / 1000,
                           o->stale == STORE_OUTBOX_STALE_MOVED ? STORE_OUTBOX_WHY_MOVED : STORE_OUTBOX_WHY_OVER)) != BOT_OK)
                goto out;
            s->dropped++;
            continue;
        }
        if (bot_push_build(cfg, o->platform, o->chat_id, o->user_id, o->text, &p) != BOT_OK) {
            snprintf(err, sizeof err, "%s is not configured for pushes (or no chat/user)", o->platform);
            if ((rc = mark(st, o->id, STORE_OUTBOX_DEAD, now_ms / 1000, err)) != BOT_OK)
                goto out;
            (*failed)++;
            continue;
        }
        unsigned gen = 0;
        if (bot_push_needs_token(o->platform) && (rc = authorize(s, o->platform, &p, now_ms, &gen, err)) != BOT_OK) {
            free(p.body);
            if (rc == BOT_LIMIT) { /* a fetch was tried a moment ago: waits, nothing counted */
                rc = BOT_OK;
                continue;
            }
            bot_log(BOT_LOG_WARN, "outbox #%lld: %s", (long long)o->id, err);
            int last = o->attempts + 1 >= cfg->outbox_max_attempts; /* an attempt that found no token counts */
            if ((rc = mark(st, o->id, last ? STORE_OUTBOX_DEAD : STORE_OUTBOX_RETRY,
                           last ? now_ms / 1000 : now_ms / 1000 + backoff(s, o->attempts), err)) != BOT_OK)
                goto out;
            (*failed)++;
            continue;
        }
        host_of(p.url, host);
        /* a full host or an empty bucket skips this row, not the scan:
         * the rows after it are other destinations */
        if (in_flight_to(s, host, 1) >= cfg->outbox_max_in_flight_per_host || !allowed(s, o, dest, now_ms, 0)) {
            free(p.body); /* stays pending, no attempt counted */
            continue;
        }
        /* several replicas on one database (PostgreSQL): the row is this process's to send, or another's */
        int64_t lease = (cfg->outbox_connect_timeout_ms + cfg->outbox_timeout_ms) / 1000 + CLAIM_MARGIN_S;
        if ((rc = store_outbox_claim(st, o->id, now_ms / 1000, now_ms / 1000 + lease)) == BOT_DUP) {
            free(p.body);
            rc = BOT_OK;
            continue;
        }
        struct flight *f = free_flight(s);
        if (rc != BOT_OK || (rc = start(s, f, o, &p, dest, host)) != BOT_OK) {
            free(p.body);
            goto out;
        }
        f->token_gen = gen;
        allowed(s, o, dest, now_ms, 1);
        (*started)++;
    }
out:
    return rc;
}

void bot_sender_wait(struct bot_sender *s, int wait_ms)
{
    int running = 0;
    curl_multi_perform(s->multi, &running);
    curl_multi_poll(s->multi, NULL, 0, wait_ms, NULL);
    curl_multi_perform(s->multi, &running);
}

enum bot_rc bot_sender_collect(struct bot_sender *s, struct store *st, int64_t now_ms, int *sent, int *failed)
{
    int64_t now = now_ms / 1000;
    enum bot_rc rc = BOT_OK;
    int in_txn = 0, left = 0;
    CURLMsg *m;
    *sent = *failed = 0;
    /* every delivery that ended since the last call, recorded in one transaction */
    while ((m = curl_multi_info_read(s->multi, &left)) != NULL) {
        if (m->msg != CURLMSG_DONE)
            continue;
        struct flight *f = NULL;
        CURLcode cc = m->data.result;
        long status = 0;
        char err[256] = "", why[256];
        int retry_after = 0;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&f);
        if (!f)
            continue;
        if (cc == CURLE_OK)
            curl_easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &status);
        else
            snprintf(err, sizeof err, "%s", f->errbuf[0] ? f->errbuf : curl_easy_strerror(cc));
        if (status == 0) {
            char plat[32];
            snprintf(plat, sizeof plat, "platform:%s", f->row.platform);
            refund(s, f->dest);
            refund(s, plat);
        }
        enum store_outbox_result res = bot_push_result(f->row.platform, status, f->answer.buf, &retry_after, why);
        if (status && bot_push_token_rejected(f->row.platform, f->answer.buf))
            token_rejected(s, f->row.platform, f->token_gen);
        int64_t id = f->row.id;
        int attempts = f->row.attempts;
        int offer = strcmp(f->row.job, "match") == 0;
        release(s, f);
        if (rc != BOT_OK)
            continue; /* the store failed: the rest stay pending and go again */
        if (!in_txn) {
            if ((rc = store_begin(st)) != BOT_OK)
                continue;
            in_txn = 1;
        }
        if (res == STORE_OUTBOX_SENT) {
            rc = store_outbox_mark(st, id, STORE_OUTBOX_SENT, now, NULL);
            (*sent)++;
            continue;
        }
        if (status == 0 && err[0])
            snprintf(why, sizeof why, "%s", err);
        (*failed)++;
        if (offer) {
            /* an open order offered to a neighbour is not tried again: dropped at its first failure (the order stays
             * listed in 有什么需求), so it never holds her chat for a retry nor waits as a notice */
            char dropped[300];
            snprintf(dropped, sizeof dropped, "%s%s", STORE_OUTBOX_WHY_OFFER, why);
            bot_log(BOT_LOG_INFO, "outbox #%lld: match push dropped: %s", (long long)id, why);
            rc = store_outbox_mark(st, id, STORE_OUTBOX_DROPPED, now, dropped);
        } else if (res == STORE_OUTBOX_DEAD || attempts + 1 >= s->cfg->outbox_max_attempts) {
            bot_log(BOT_LOG_WARN, "outbox #%lld dead after %d attempts: %s", (long long)id, attempts + 1, why);
            rc = store_outbox_mark(st, id, STORE_OUTBOX_DEAD, now, why);
        } else {
            int64_t next = now + (retry_after > 0 ? retry_after : backoff(s, attempts));
            rc = store_outbox_mark(st, id, STORE_OUTBOX_RETRY, next, why);
        }
    }
    if (in_txn) {
        if (rc == BOT_OK)
            rc = store_commit(st);
        else
            store_rollback(st);
    }
    return rc;
}

void bot_sender_abort(struct bot_sender *s)
{
    for (int i = 0; s->flights && i < s->nflights; i++)
        release(s, &s->flights[i]);
}

int bot_sender_in_flight(const struct bot_sender *s, int64_t *ids, int max)
{
    int n = 0;
    for (int i = 0; i < s->nflights; i++)
        if (s->flights[i].busy) {
            if (n < max)
                ids[n] = s->flights[i].row.id;
            n++;
        }
    return n;
}

enum bot_rc bot_sender_round(struct bot_sender *s, struct store *st, int64_t now_ms, int *sent, int *failed)
{
    int started = 0, dead = 0;
    enum bot_rc rc = bot_sender_fill(s, st, now_ms, &started, &dead);
    *sent = 0;
    *failed = dead;
    while (rc == BOT_OK && s->busy > 0) {
        int ok = 0, bad = 0;
        bot_sender_wait(s, 100);
        rc = bot_sender_collect(s, st, now_ms, &ok, &bad);
        *sent += ok;
        *failed += bad;
    }
    return rc;
}

/* ---- the thread ---- */

static int64_t clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *sender_main(void *arg)
{
    struct bot_sender *s = arg;
    struct store *st = NULL;
    char err[256];
    int64_t last_scan = 0;
    int ended = 1, every = SCAN_EVERY_MS;
    long dropped = 0;
    while (!atomic_load(s->stop) && store_open(s->store_path, s->sync, &st, err) != BOT_OK) {
        bot_log(BOT_LOG_ERROR, "outbox: %s", err);
        sleep(1);
    }
    while (!atomic_load(s->stop)) {
        int started = 0, sent = 0, failed = 0;
        int64_t now = clock_ms();
        /* scan when a slot is free and either a delivery ended or a while
         * passed (new rows, rows come due, buckets refilled) */
        if (s->busy < s->nflights && (ended || now - last_scan >= every)) {
            if (bot_sender_fill(s, st, now, &started, &failed) != BOT_OK)
                bot_log(BOT_LOG_ERROR, "outbox: scan failed");
            last_scan = now;
            /* a backlog that only waits for its buckets is scanned less often (rows dropped unsent: not waiting) */
            every = s->scanned > 0 && !started && !ended && s->dropped == dropped ? SCAN_IDLE_MS : SCAN_EVERY_MS;
            dropped = s->dropped;
        }
        bot_sender_wait(s, s->busy ? 50 : SCAN_EVERY_MS);
        if (bot_sender_collect(s, st, clock_ms(), &sent, &failed) != BOT_OK)
            bot_log(BOT_LOG_ERROR, "outbox: recording deliveries failed");
        ended = sent + failed > 0;
    }
    /* deliveries still in flight stay pending and go again at the next start */
    bot_sender_abort(s);
    store_close(st);
    return NULL;
}

enum bot_rc bot_sender_start(struct bot_sender *s, const char *store_path, const char *sync, atomic_int *stop)
{
    s->store_path = store_path;
    s->sync = sync;
    s->stop = stop;
    if (pthread_create(&s->thread, NULL, sender_main, s) != 0)
        return BOT_ERR;
    s->running = 1;
    return BOT_OK;
}

void bot_sender_join(struct bot_sender *s)
{
    if (s && s->running) {
        pthread_join(s->thread, NULL);
        s->running = 0;
    }
}
