/* outbox.c — the outbox sender thread. */
#include "outbox.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"

#define BUCKETS 512
#define MAX_ANSWER (64 * 1024)

struct bucket {
    char key[96];
    double tokens;
    int64_t last_ms;
};

struct bot_sender {
    const struct bot_config *cfg;
    struct bucket buckets[BUCKETS];
    CURL *curl;
    pthread_t thread;
    int running;
    const char *store_path;
    const char *sync;
    volatile int *stop;
    unsigned seed;
};

enum bot_rc bot_sender_new(const struct bot_config *cfg, struct bot_sender **out)
{
    struct bot_sender *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s)
        return BOT_NOMEM;
    s->cfg = cfg;
    s->curl = curl_easy_init();
    if (!s->curl) {
        free(s);
        return BOT_ERR;
    }
    s->seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    *out = s;
    return BOT_OK;
}

void bot_sender_free(struct bot_sender *s)
{
    if (!s)
        return;
    if (s->curl)
        curl_easy_cleanup(s->curl);
    free(s);
}

/* Token bucket of `capacity` refilled over `period_ms`. Takes one token if it can. */
static int take(struct bot_sender *s, const char *key, double capacity, double period_ms, int64_t now_ms, int commit)
{
    unsigned h = 5381;
    for (const char *p = key; *p; p++)
        h = h * 33 + (unsigned char)*p;
    struct bucket *b = &s->buckets[h % BUCKETS];
    if (strcmp(b->key, key) != 0) { /* a new (or colliding) key starts full */
        bot_strlcpy(b->key, key, sizeof b->key);
        b->tokens = capacity;
        b->last_ms = now_ms;
    }
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

/* May this row go now? Checks the chat's and the platform's buckets; with
 * commit set, takes one token from both (done once the platform answered:
 * a refused connection cost the platform nothing). */
static int allowed(struct bot_sender *s, const struct store_outbox *o, int64_t now_ms, int commit)
{
    const struct bot_config *cfg = s->cfg;
    char chat[96], plat[32];
    double chat_cap = cfg->outbox_per_chat_per_minute, chat_period = 60000.0;
    if (strcmp(o->platform, "wecom") == 0) {
        /* one robot: its 20 messages a minute is the chat limit */
        chat_cap = cfg->wecom_per_minute;
        snprintf(chat, sizeof chat, "wecom:robot");
    } else {
        snprintf(chat, sizeof chat, "%s:%s:%s", o->platform, o->chat_id[0] ? "g" : "u",
                 o->chat_id[0] ? o->chat_id : o->user_id);
    }
    snprintf(plat, sizeof plat, "platform:%s", o->platform);
    double plat_cap = cfg->outbox_per_platform_per_second;
    if (!take(s, chat, chat_cap, chat_period, now_ms, 0) || !take(s, plat, plat_cap, 1000.0, now_ms, 0))
        return 0;
    if (!commit)
        return 1;
    take(s, chat, chat_cap, chat_period, now_ms, 1);
    take(s, plat, plat_cap, 1000.0, now_ms, 1);
    return 1;
}

struct answer {
    char *buf;
    size_t len;
};

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

/* POST the push; *status = HTTP status (0 when there was no answer). */
static void post(struct bot_sender *s, const struct bot_push *p, long *status, struct answer *a, char err[256])
{
    CURL *c = s->curl;
    char errbuf[CURL_ERROR_SIZE] = "";
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    if (p->auth[0]) {
        char line[400];
        snprintf(line, sizeof line, "Authorization: %s", p->auth);
        h = curl_slist_append(h, line);
    }
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, p->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, p->body);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)s->cfg->outbox_connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)s->cfg->outbox_timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode rc = curl_easy_perform(c);
    *status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    else
        snprintf(err, 256, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
    curl_slist_free_all(h);
}

/* Seconds until the next try: base * 2^attempts, plus up to half again of jitter, at most an hour. */
static int64_t backoff(struct bot_sender *s, int attempts)
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

enum bot_rc bot_sender_round(struct bot_sender *s, struct store *st, int64_t now_ms, int *sent, int *failed)
{
    struct store_outbox *rows = malloc(32 * sizeof *rows);
    int n = 0;
    int64_t now = now_ms / 1000;
    enum bot_rc rc;
    *sent = *failed = 0;
    if (!rows)
        return BOT_NOMEM;
    if ((rc = store_outbox_due(st, now, rows, 32, &n)) != BOT_OK)
        goto out;
    for (int i = 0; i < n; i++) {
        struct store_outbox *o = &rows[i];
        struct bot_push p;
        char err[256] = "";
        if (bot_push_build(s->cfg, o->platform, o->chat_id, o->user_id, o->text, &p) != BOT_OK) {
            snprintf(err, sizeof err, "%s is not configured for pushes (or no chat/user)", o->platform);
            if ((rc = mark(st, o->id, STORE_OUTBOX_DEAD, now, err)) != BOT_OK)
                goto out;
            (*failed)++;
            continue;
        }
        if (!allowed(s, o, now_ms, 0)) {
            free(p.body); /* rate limited: stays pending, no attempt counted */
            continue;
        }
        struct answer a = {NULL, 0};
        long status = 0;
        post(s, &p, &status, &a, err);
        free(p.body);
        if (status != 0)
            allowed(s, o, now_ms, 1);
        int retry_after = 0;
        char why[256];
        int res = bot_push_result(o->platform, status, a.buf, &retry_after, why);
        free(a.buf);
        if (res == 0) {
            rc = mark(st, o->id, STORE_OUTBOX_SENT, now, NULL);
            (*sent)++;
        } else {
            if (status == 0 && err[0])
                snprintf(why, sizeof why, "%s", err);
            (*failed)++;
            if (res == 2 || o->attempts + 1 >= s->cfg->outbox_max_attempts) {
                bot_log(BOT_LOG_WARN, "outbox #%lld dead after %d attempts: %s", (long long)o->id, o->attempts + 1, why);
                rc = mark(st, o->id, STORE_OUTBOX_DEAD, now, why);
            } else {
                int64_t next = now + (retry_after > 0 ? retry_after : backoff(s, o->attempts));
                rc = mark(st, o->id, STORE_OUTBOX_RETRY, next, why);
            }
        }
        if (rc != BOT_OK)
            goto out;
    }
out:
    free(rows);
    return rc;
}

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
    while (!*s->stop && store_open(s->store_path, s->sync, &st, err) != BOT_OK) {
        bot_log(BOT_LOG_ERROR, "outbox: %s", err);
        sleep(1);
    }
    while (!*s->stop) {
        int sent = 0, failed = 0;
        if (bot_sender_round(s, st, clock_ms(), &sent, &failed) != BOT_OK)
            bot_log(BOT_LOG_ERROR, "outbox: round failed");
        if (sent + failed == 0)
            usleep(200 * 1000);
    }
    store_close(st);
    return NULL;
}

enum bot_rc bot_sender_start(struct bot_sender *s, const char *store_path, const char *sync, volatile int *stop)
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
