/* server.c — civetweb: many socket threads, a few store connections, a deadline on every read; the hooks, /healthz and the web console. */
#include "server.h"

#include <civetweb.h>
#include <openssl/crypto.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../console/console.h"
#include "../handlers/handlers.h"
#include "limits.h"
#include "metrics.h"
#include "platform.h"
#include "outbox.h"
#include "replay.h"
#include "scheduler.h"

/* A socket costs a civetweb thread from its accept until its request is
 * answered, so idle and slow sockets are fought on several fronts:
 * - more threads ([server] connections, 16) than store connections, each a
 *   small stack and no store connection, so slow sockets leave threads for
 *   real webhooks;
 * - a total deadline ([server] read_timeout_ms) on the headers (civetweb's
 *   request_timeout_ms) and on the body: each worker posts its deadline in an
 *   atomic, and the main thread, every WATCH_MS, signals a worker past it;
 *   the signal interrupts civetweb's poll() (a body trickling a byte at a time
 *   would otherwise hold its thread for as long as it trickles);
 * - at most half the threads reading bodies with the full deadline: a vouched
 *   body over that gets BODY_RUSH_MS (time for a body sent with its headers);
 *   an eighth reading bodies nobody has vouched for yet (a platform whose
 *   signature covers the body: BOT_HOOK_SIGNED_BODY), more of those get
 *   UNVERIFIED_RUSH_MS (a body sent with its headers is read; a trickle is cut);
 * - a refused request's unread body is not drained: civetweb would read it to
 *   the end after the answer, a trickle holding the thread for as long as it
 *   lasts, so the same deadline cuts that read short;
 * - under pressure (three quarters of the threads waiting for headers) every
 *   socket still waiting gets HEADER_RUSH_MS for its headers, so idle sockets
 *   are shed quickly while a real webhook, whose headers follow its handshake
 *   at once, is not slowed; and when the pressure lasts PRESSURE_MS, the
 *   kernel keeps new sockets that send nothing away from accept()
 *   (TCP_DEFER_ACCEPT) until it has been calm for CALM_MS. Not always: it
 *   costs a busy server about a tenth of its throughput (make bench).
 * No request takes a lock of this file: the counters are atomics.
 * The store work is bounded apart from that: a pool of [server] threads
 * connections, the measured sweet spot on two cores. */
#define BOT_SIG_DEADLINE (SIGRTMIN + 1)
#define POOL_WAIT_MS 5000
#define HEADER_RUSH_MS 150
/* a worker's deadline while its socket's headers are awaited and no deadline is set */
#define AWAITING_HEADERS (-1)
#define BODY_RUSH_MS 300
#define UNVERIFIED_RUSH_MS 50
#define CUT_FIRST_MS 1
#define WATCH_MS 20
#define PRESSURE_MS 200
#define CALM_MS 30000
/* how long the kernel keeps a connection that has sent nothing from accept() */
#define DEFER_ACCEPT_SECONDS 30
/* SIGTERM: a body still trickling in this long after it gets its 408; a request being handled finishes */
#define STOP_GRACE_MS 500

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct store **free;
    int nfree, size;
};

struct server {
    const struct bot_config *cfg;
    struct hd_settings settings; /* what the handlers read of cfg (no secret), filled once */
    const struct nlp *nlp;
    struct pool pool;
    /* counters every request touches: atomics, so no request waits on another's lock */
    atomic_int body_readers;           /* threads inside read_body now */
    int max_body_readers;
    atomic_int unverified_readers;     /* of them, reading a body whose signature is still unchecked */
    int max_unverified_readers;
    atomic_int awaiting_headers;       /* threads holding a socket whose headers have not come */
    pthread_mutex_t workers_mu;        /* guards the list (threads come and go, the watchdog walks it) */
    struct worker *workers;
    /* the main thread's: civetweb's listening sockets and whether they defer accept() now */
    int listeners[8], nlisteners, deferring;
    int pressure_ms, calm_ms;          /* how long most threads have awaited headers, or few have */
    int64_t stop_at;                   /* when the stop began (CLOCK_MONOTONIC ms), 0 while serving */
    /* the platform table: what the rule book may know of it, and each hook's nonces (NULL: none) */
    struct hd_platform platforms[BOT_PLATFORMS_MAX];
    int nplatforms;
    struct bot_replay *replays[BOT_PLATFORMS_MAX];
    char *console_settings;            /* bot.ini as read for the console's settings page, no secret */
    struct bot_metrics metrics;        /* GET /metrics: atomics every request bumps */
};

/* What each civetweb worker thread owns: its deadline, watched by the main
 * thread (bot_serve's loop), which interrupts it with a signal once the
 * deadline has passed and again every WATCH_MS until it is cleared (in case a
 * signal lands before the thread blocks). Arming is a store to an atomic: no
 * system call and no lock on the path of every request. */
struct worker {
    pthread_t thread;
    atomic_llong deadline; /* CLOCK_MONOTONIC ms; 0 = none */
    int64_t kicked;        /* the watchdog's: when it last signalled this thread */
    int awaiting;          /* this thread's socket is counted in awaiting_headers */
    int body_done;         /* the request's body was read to its end */
    atomic_int in_route;   /* inside a handler (on_route): a request being read or answered */
    struct worker *next;   /* the server's list of workers */
};

static void on_deadline_signal(int sig) { (void)sig; /* only interrupts a blocking poll() */ }

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void *init_thread(const struct mg_context *ctx, int thread_type)
{
    if (thread_type != 1) /* request workers only */
        return NULL;
    struct server *srv = mg_get_user_data(ctx);
    struct worker *w = calloc(1, sizeof *w);
    if (!w) {
        bot_log(BOT_LOG_WARN, "worker: no memory for its deadline: its reads are bounded by civetweb only");
        return NULL;
    }
    w->thread = pthread_self();
    pthread_mutex_lock(&srv->workers_mu);
    w->next = srv->workers;
    srv->workers = w;
    pthread_mutex_unlock(&srv->workers_mu);
    return w;
}

static void exit_thread(const struct mg_context *ctx, int thread_type, void *thread_pointer)
{
    struct worker *w = thread_pointer;
    if (!w)
        return;
    struct server *srv = mg_get_user_data(ctx);
    pthread_mutex_lock(&srv->workers_mu);
    for (struct worker **p = &srv->workers; *p; p = &(*p)->next)
        if (*p == w) {
            *p = w->next;
            break;
        }
    pthread_mutex_unlock(&srv->workers_mu);
    free(w);
}

/* Arm (ms > 0: the thread is interrupted from ms on) or disarm (ms = 0). */
static void worker_arm(struct worker *w, long ms)
{
    if (w)
        atomic_store_explicit(&w->deadline, ms > 0 ? now_ms() + ms : 0, memory_order_relaxed);
}

/* The main thread, every WATCH_MS: signal each worker past its deadline.
 * When most threads await headers, those still waiting with no deadline get
 * HEADER_RUSH_MS from now (a compare-and-swap, so a worker whose headers have
 * just come, and which cleared its deadline, keeps it cleared). */
static int watch_workers(struct server *srv)
{
    int64_t now = now_ms();
    int rush = atomic_load(&srv->awaiting_headers) > srv->cfg->connections * 3 / 4 &&
               srv->cfg->read_timeout_ms > HEADER_RUSH_MS;
    int busy = 0;
    pthread_mutex_lock(&srv->workers_mu);
    for (struct worker *w = srv->workers; w; w = w->next) {
        long long d = atomic_load_explicit(&w->deadline, memory_order_relaxed);
        if (srv->stop_at) {
            /* stopping: a socket outside a handler (idle keep-alive, headers awaited) is cut now; a body still
             * being read gets until the grace ends; a request being handled is left to finish */
            long long last = srv->stop_at + STOP_GRACE_MS;
            if (!atomic_load(&w->in_route))
                d = now;
            else if (d == AWAITING_HEADERS || d > last)
                atomic_store(&w->deadline, d = last);
            busy += atomic_load(&w->in_route);
        }
        if (d == AWAITING_HEADERS && rush && atomic_compare_exchange_strong(&w->deadline, &d, now + HEADER_RUSH_MS))
            continue;
        if (d > 0 && now >= d && now - w->kicked >= WATCH_MS) {
            pthread_kill(w->thread, BOT_SIG_DEADLINE);
            w->kicked = now;
        }
    }
    pthread_mutex_unlock(&srv->workers_mu);
    return busy;
}

static void worker_deadline(const struct mg_connection *conn, long ms)
{
    worker_arm(mg_get_thread_pointer(conn), ms);
}

/* A new socket on this thread, before its headers are read. */
static int on_init_connection(const struct mg_connection *conn, void **conn_data)
{
    struct server *srv = mg_get_user_data(mg_get_context(conn));
    struct worker *w = mg_get_thread_pointer(conn);
    *conn_data = NULL;
    if (!w)
        return 0;
    int rush = atomic_fetch_add(&srv->awaiting_headers, 1) + 1 > srv->cfg->connections * 3 / 4;
    w->awaiting = 1;
    w->body_done = 0;
    /* a timer left running by the previous socket (it cannot be: closing
     * disarms it) must not cut this one: arm afresh or stop it */
    if (rush && srv->cfg->read_timeout_ms > HEADER_RUSH_MS)
        worker_arm(w, HEADER_RUSH_MS);
    else
        atomic_store_explicit(&w->deadline, AWAITING_HEADERS, memory_order_relaxed);
    return 0;
}

static void headers_came(struct server *srv, struct worker *w)
{
    if (!w->awaiting)
        return;
    w->awaiting = 0;
    atomic_fetch_sub(&srv->awaiting_headers, 1);
}

/* Headers read: the request begins. 0 = civetweb goes on with it. */
static int on_begin_request(struct mg_connection *conn)
{
    struct server *srv = mg_get_user_data(mg_get_context(conn));
    struct worker *w = mg_get_thread_pointer(conn);
    if (w) {
        headers_came(srv, w);
        worker_arm(w, 0);
        w->body_done = 0;
    }
    return 0;
}

static int has_body(const struct mg_request_info *ri)
{
    if (ri->content_length > 0)
        return 1;
    for (int i = 0; i < ri->num_headers; i++)
        if (strcasecmp(ri->http_headers[i].name, "Transfer-Encoding") == 0)
            return 1;
    return 0;
}

/* The socket goes: nothing of it may be interrupted any more. */
static void on_connection_close(const struct mg_connection *conn)
{
    struct server *srv = mg_get_user_data(mg_get_context(conn));
    struct worker *w = mg_get_thread_pointer(conn);
    if (w) {
        headers_came(srv, w);
        worker_arm(w, 0);
    }
}

static enum bot_rc pool_open(struct pool *p, const struct bot_config *cfg, char err[256])
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->free = calloc((size_t)cfg->threads, sizeof *p->free);
    if (!p->free)
        return BOT_NOMEM;
    for (int i = 0; i < cfg->threads; i++) {
        enum bot_rc rc = store_open(cfg->store_path, cfg->store_sync, &p->free[i], err);
        if (rc != BOT_OK)
            return rc;
        p->nfree = ++p->size;
    }
    return BOT_OK;
}

static void pool_close(struct pool *p)
{
    for (int i = 0; i < p->nfree; i++)
        store_close(p->free[i]);
    free(p->free);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
}

/* A store connection, waiting up to POOL_WAIT_MS for one; NULL when none came. */
static struct store *pool_take(struct pool *p)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += POOL_WAIT_MS / 1000;
    struct store *st = NULL;
    pthread_mutex_lock(&p->mu);
    while (p->nfree == 0)
        if (pthread_cond_timedwait(&p->cv, &p->mu, &until) == ETIMEDOUT)
            break;
    if (p->nfree > 0)
        st = p->free[--p->nfree];
    pthread_mutex_unlock(&p->mu);
    return st;
}

static void pool_give(struct pool *p, struct store *st)
{
    if (!st)
        return;
    pthread_mutex_lock(&p->mu);
    p->free[p->nfree++] = st;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

/* A whole answer — status line, the headers civetweb's mg_response_header_send writes (keep-alive is never on: each
 * request its connection), body — in one write: one send and one TCP segment instead of two (perf: the second send
 * and the client's second wake-up were a tenth of a post's CPU). type NULL: no Content-Type. */
static void send_whole(struct mg_connection *conn, int status, const char *type, const char *body)
{
    size_t blen = strlen(body);
    char date[64];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    char head[512];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\n%s%s%sContent-Length: %zu\r\nDate: %s\r\nConnection: close\r\n\r\n",
                     status, mg_get_response_code_text(conn, status), type ? "Content-Type: " : "", type ? type : "",
                     type ? "\r\n" : "", blen, date);
    char *buf = n > 0 && (size_t)n < sizeof head ? malloc((size_t)n + blen) : NULL;
    if (!buf) { /* a header too long or no memory: civetweb's two writes */
        char len[24];
        snprintf(len, sizeof len, "%zu", blen);
        mg_response_header_start(conn, status);
        if (type)
            mg_response_header_add(conn, "Content-Type", type, -1);
        mg_response_header_add(conn, "Content-Length", len, -1);
        mg_response_header_send(conn);
        mg_write(conn, body, blen);
        return;
    }
    memcpy(buf, head, (size_t)n);
    memcpy(buf + n, body, blen);
    mg_write(conn, buf, (size_t)n + blen);
    free(buf);
}

static void send_json(struct mg_connection *conn, int status, const char *body)
{
    send_whole(conn, status, "application/json; charset=utf-8", body);
}

static void send_error(struct mg_connection *conn, int status, const char *msg)
{
    char *body = NULL;
    /* msg is ours or jansson's: escape it through the same reply path */
    char buf[320];
    size_t len = 0;
    bot_appendf(buf, sizeof buf, &len, "{\"error\":\"");
    for (const char *p = msg; *p && len < sizeof buf - 8; p++) {
        if (*p == '"' || *p == '\\')
            bot_appendf(buf, sizeof buf, &len, "\\%c", *p);
        else if ((unsigned char)*p >= 0x20)
            bot_appendf(buf, sizeof buf, &len, "%c", *p);
    }
    bot_appendf(buf, sizeof buf, &len, "\"}");
    send_json(conn, status, buf);
    free(body);
}

/* Read the whole body, refusing more than max, within the read deadline.
 * *out is malloc'd, NUL-terminated. Returns 0 or the HTTP status to answer:
 * 413 too large (before a byte is read when announced), 408 too slow (past an
 * eighth of the threads reading bodies nobody has vouched for, within
 * UNVERIFIED_RUSH_MS). */
static int read_body(struct server *srv, struct mg_connection *conn, int unverified, long long max, char **out,
                     size_t *outlen)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    *out = NULL;
    if (ri->content_length > max)
        return 413; /* before reading a byte of it */
    /* take a place, then give it back if that went over a cap: a body nobody
     * has vouched for is refused; a vouched one over the cap gets a short
     * deadline, enough for a body sent with its headers, too short to hold a
     * thread when slow bodies already hold half of them */
    long allowed = srv->cfg->read_timeout_ms;
    if (atomic_fetch_add(&srv->body_readers, 1) >= srv->max_body_readers && allowed > BODY_RUSH_MS)
        allowed = BODY_RUSH_MS;
    /* past its cap, a body nobody has vouched for gets UNVERIFIED_RUSH_MS: one sent with its headers (a platform's)
     * is read at once, a trickle is cut before it holds the thread (it was a 503 at once: under a busy OneBot
     * load, bench/onebot.lua, a few genuine events a second were refused so) */
    if (unverified && atomic_fetch_add(&srv->unverified_readers, 1) >= srv->max_unverified_readers)
        allowed = UNVERIFIED_RUSH_MS;
    int status = 0;
    int64_t deadline = now_ms() + allowed;
    size_t cap = ri->content_length >= 0 ? (size_t)ri->content_length + 1 : 4096;
    size_t len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        status = 500;
        goto out;
    }
    worker_deadline(conn, allowed);
    for (;;) {
        if (now_ms() >= deadline) {
            status = 408;
            break;
        }
        if (len + 1 >= cap) {
            if ((long long)cap > max + 1) {
                status = 413;
                break;
            }
            size_t ncap = cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                status = 500;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        int n = mg_read(conn, buf + len, cap - len - 1);
        if (n < 0) {
            status = srv->stop_at ? 503 : now_ms() >= deadline ? 408 : 400;
            break;
        }
        if (n == 0) {
            /* the end of the body, or a read the deadline (or the stop) cut short */
            if (ri->content_length >= 0 && (long long)len < ri->content_length)
                status = srv->stop_at ? 503 : now_ms() >= deadline ? 408 : 400;
            break;
        }
        len += (size_t)n;
        if ((long long)len > max) {
            status = 413;
            break;
        }
    }
    worker_deadline(conn, 0);
out:
    atomic_fetch_sub(&srv->body_readers, 1);
    if (unverified)
        atomic_fetch_sub(&srv->unverified_readers, 1);
    if (status) {
        free(buf);
        return status;
    }
    struct worker *w = mg_get_thread_pointer(conn);
    if (w)
        w->body_done = 1;
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return 0;
}

/* Is a platform's send time t (0 = not given) within the window around now? */
static int time_sane(const struct bot_config *cfg, int64_t t, int64_t now)
{
    if (t == 0)
        return 1;
    if (cfg->max_clock_skew_seconds > 0 && t > now + cfg->max_clock_skew_seconds)
        return 0;
    if (cfg->max_message_age_seconds > 0 && t < now - cfg->max_message_age_seconds)
        return 0;
    return 1;
}

/* A message handled before (a platform's retry, maybe to another replica): its first answer, read from the inbox.
 * 1 when found (*reply malloc'd or NULL for a silent one), 0 when not (or on any failure: handled as new). */
static int answered_before(struct server *srv, const struct hd_msg *m, char **reply)
{
    if (!m->message_id || !*m->message_id)
        return 0;
    struct hd_reply *r = malloc(sizeof *r);
    struct store *st = r ? pool_take(&srv->pool) : NULL;
    int has = 0, found = 0;
    if (st) {
        struct store_msg_key key = {m->platform, m->is_group ? m->chat_id : "", m->user_id, m->message_id};
        found = store_inbox_get(st, &key, r->text, sizeof r->text, &has) == BOT_OK;
        pool_give(&srv->pool, st);
    }
    if (found && has)
        *reply = strdup(r->text);
    free(r);
    return found && (!has || *reply);
}

/* A message the limiter dropped still opens its sender's push window (identities.seen_at: she did write). */
static void seen_only(struct server *srv, const struct hd_msg *m, int64_t now)
{
    struct store *st = pool_take(&srv->pool);
    if (!st)
        return;
    struct hd_ctx ctx = {st, srv->nlp, &srv->settings, m->time ? m->time : now, srv->platforms, srv->nplatforms, 0};
    enum bot_rc rc = hd_seen(&ctx, m, 0);
    pool_give(&srv->pool, st);
    if (rc != BOT_OK)
        bot_log(BOT_LOG_WARN, "%s: her last message not recorded: %s", m->platform, bot_strerror(rc));
}

/* Run one adapter-made message through the pipeline. *reply is malloc'd (or
 * NULL when the bot stays silent); returns an HTTP status for failures, 0 on success. */
static int run_message(struct server *srv, const struct hd_msg *m, char **reply)
{
    *reply = NULL;
    int64_t now = (int64_t)time(NULL);
    if (!time_sane(srv->cfg, m->time, now))
        return 400;
    /* flooding: one polite word, then silence until the minute is over — but a retry of a message handled before
     * gets its answer again (the limit counts this process's messages: replicas each count their own) */
    int per_minute = srv->cfg->messages_per_member_per_minute;
    enum bot_rate rate = bot_rate_check_msg(m->platform, m->user_id, m->message_id, per_minute, now);
    /* a retry is not a message more; a group never reads the limit (its chatter does not count, below, and one
     * who is over it there is left unanswered, the word kept for her next private message) */
    int counted = rate != BOT_RATE_RETRY;
    if (rate == BOT_RATE_RETRY)
        rate = BOT_RATE_OK;
    else if (rate != BOT_RATE_OK) {
        /* over the limit: nothing is handled, and the message is not counted (the warning is no answer against her:
         * play-test 17b, the private message after the warning met silence for the rest of the minute); each
         * private one reads the warning, a group none. She did write: her push window (WeChat) opens again. */
        bot_rate_uncount(m->platform, m->user_id, per_minute, now);
        if (answered_before(srv, m, reply))
            return 0;
        seen_only(srv, m, now);
        if (m->is_group)
            return 0;
        *reply = strdup("您发得太快了，请稍等一分钟再发。");
        return *reply ? 0 : 500;
    }
    struct hd_reply *r = malloc(sizeof *r); /* worker stacks are small */
    if (!r)
        return 500;
    struct store *st = pool_take(&srv->pool);
    if (!st) {
        free(r);
        return 503;
    }
    struct hd_ctx ctx = {st, srv->nlp, &srv->settings, m->time ? m->time : now, srv->platforms, srv->nplatforms, 0};
    /* the wait for the group fsync holds no store handle: another request uses it meanwhile (perf: with the pool's
     * handles all waiting on the fsync, requests queued for a handle); the answer still waits for the fsync */
    struct store_pending_sync unsynced;
    store_defer_sync(st);
    enum bot_rc rc = hd_handle(&ctx, m, r);
    store_end_defer(st, &unsynced);
    pool_give(&srv->pool, st);
    enum bot_rc synced = store_sync_pending(&unsynced);
    if (rc == BOT_OK)
        rc = synced;
    if (rc != BOT_OK) {
        free(r);
        bot_log(BOT_LOG_ERROR, "%s: %s", m->platform, bot_strerror(rc));
        return rc == BOT_INVALID ? 400 : 500;
    }
    bot_metrics_message(&srv->metrics, r->has_reply);
    /* only what the bot answered counts toward the limit: not chatter it stayed out of, not a replay */
    if (counted && (!r->has_reply || r->replayed))
        bot_rate_uncount(m->platform, m->user_id, per_minute, now);
    if (r->has_reply && !(*reply = strdup(r->text))) {
        free(r);
        return 500;
    }
    free(r);
    return 0;
}

static const char *status_text(int status)
{
    switch (status) {
    case 400: return "bad request (or a send time outside the accepted window)";
    case 408: return "body not received within the read deadline";
    case 413: return "body too large";
    case 503: return "busy, try again";
    default: return "internal error";
    }
}

static void send_text(struct mg_connection *conn, int status, const char *type, const char *body)
{
    send_whole(conn, status, type, body);
}

static void send_empty(struct mg_connection *conn, int status) { send_whole(conn, status, NULL, ""); }

/* An adapter's answer: an error, a body, or nothing. Frees its body. */
static int send_answer(struct mg_connection *conn, struct bot_answer *a)
{
    if (a->err[0])
        send_error(conn, a->status, a->err);
    else if (a->type)
        send_text(conn, a->status, a->type, a->body ? a->body : "");
    else
        send_empty(conn, a->status);
    free(a->body);
    a->body = NULL;
    return a->status;
}

/* The platform's answer when there is nothing to say. */
static int send_quiet(struct mg_connection *conn, const struct bot_platform *p)
{
    if (p->quiet_type)
        send_text(conn, p->quiet_status, p->quiet_type, p->quiet_body ? p->quiet_body : "");
    else
        send_empty(conn, p->quiet_status);
    return p->quiet_status;
}

static const char *hook_header(const struct bot_hook *h, const char *name)
{
    return mg_get_header(h->conn, name);
}

static void hook_query(const struct bot_hook *h, const char *name, char *buf, size_t bufsz)
{
    const struct mg_request_info *ri = mg_get_request_info(h->conn);
    buf[0] = '\0';
    if (ri->query_string && mg_get_var(ri->query_string, strlen(ri->query_string), name, buf, bufsz) < 0)
        buf[0] = '\0';
}

/* The one hook path, driven by the platform's table entry: enabled, method,
 * credentials before the body, the body, credentials over it, parse, the
 * pipeline, the platform's reply. */
/* The console's files (console/static): a plain name, served as it is. */
static int on_console_static(struct mg_connection *conn, struct server *srv, const char *name)
{
    size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-.");
    const char *dot = strrchr(name, '.');
    const char *type = !dot ? NULL : strcmp(dot, ".css") == 0 ? "text/css; charset=utf-8"
                                   : strcmp(dot, ".js") == 0  ? "text/javascript; charset=utf-8"
                                   : strcmp(dot, ".svg") == 0 ? "image/svg+xml"
                                                              : NULL;
    char path[BOT_CFG_STR + 64];
    if (n != strlen(name) || !type || name[0] == '.' || strstr(name, "..")) {
        send_error(conn, 404, "no such file");
        return 404;
    }
    snprintf(path, sizeof path, "%s/%s", srv->cfg->console_static_dir, name);
    mg_send_mime_file2(conn, path, type, "Cache-Control: max-age=3600\r\nX-Content-Type-Options: nosniff\r\n");
    return 200;
}

/* One "section\tkey\tvalue\n" line of the settings text (bot_config_each). */
static void add_setting(const char *section, const char *key, const char *value, void *arg)
{
    char **text = arg;
    if (!*text)
        return;
    size_t len = strlen(*text), more = strlen(section) + strlen(key) + strlen(value) + 4;
    char *n = realloc(*text, len + more);
    if (!n) {
        free(*text);
        *text = NULL;
        return;
    }
    snprintf(n + len, more, "%s\t%s\t%s\n", section, key, value);
    *text = n;
}

/* /console...: the web console (console/), a request in and a page out over a store of the pool. */
static int on_console(struct mg_connection *conn, struct server *srv)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    const char *rest = ri->local_uri + strlen("/console");
    if (!srv->cfg->console_enabled || (*rest && *rest != '/')) {
        send_error(conn, 404, "not found");
        return 404;
    }
    int post = strcmp(ri->request_method, "POST") == 0;
    if (!post && strcmp(ri->request_method, "GET") != 0 && strcmp(ri->request_method, "HEAD") != 0) {
        send_error(conn, 405, "use GET or POST");
        return 405;
    }
    if (!post && strncmp(rest, "/static/", 8) == 0)
        return on_console_static(conn, srv, rest + 8);
    char *body = NULL;
    size_t len = 0;
    int status;
    if (post && (status = read_body(srv, conn, 0, 65536, &body, &len)) != 0) {
        send_error(conn, status, status_text(status));
        return status;
    }
    struct store *st = pool_take(&srv->pool);
    if (!st) {
        free(body);
        send_error(conn, 503, status_text(503));
        return 503;
    }
    struct console_env env = {st, srv->nlp, &srv->settings, srv->platforms, srv->nplatforms,
                              srv->cfg->console_session_hours, srv->cfg->console_max_tries, srv->console_settings};
    /* behind a reverse proxy every client shares its address: the proxy's X-Forwarded-For (its last entry, the one
     * the proxy wrote) names the client, so one guesser cannot lock every staff member out */
    char ip[64];
    bot_strlcpy(ip, ri->remote_addr, sizeof ip);
    const char *xff = mg_get_header(conn, "X-Forwarded-For");
    if (xff && srv->cfg->console_trusted_proxy[0] && strcmp(ri->remote_addr, srv->cfg->console_trusted_proxy) == 0) {
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        while (*last == ' ')
            last++;
        size_t n = strspn(last, "0123456789abcdefABCDEF.:");
        if (n > 0 && n < sizeof ip)
            snprintf(ip, sizeof ip, "%.*s", (int)n, last);
    }
    struct console_req req = {ri->request_method, rest, ri->query_string, mg_get_header(conn, "Cookie"), body, len,
                              ip, (int64_t)time(NULL)};
    struct console_resp resp;
    enum bot_rc rc = console_handle(&env, &req, &resp);
    pool_give(&srv->pool, st);
    free(body);
    if (rc != BOT_OK) {
        free(resp.body);
        bot_log(BOT_LOG_ERROR, "console %s: %s", rest, bot_strerror(rc));
        send_error(conn, 500, status_text(500));
        return 500;
    }
    char clen[24];
    snprintf(clen, sizeof clen, "%zu", resp.body_len);
    mg_response_header_start(conn, resp.status);
    mg_response_header_add(conn, "Content-Type", resp.type, -1);
    mg_response_header_add(conn, "Content-Length", clen, -1);
    mg_response_header_add(conn, "Cache-Control", "no-store", -1);
    mg_response_header_add(conn, "X-Frame-Options", "DENY", -1);
    mg_response_header_add(conn, "X-Content-Type-Options", "nosniff", -1);
    mg_response_header_add(conn, "Referrer-Policy", "no-referrer", -1);
    mg_response_header_add(conn, "Content-Security-Policy",
                           "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                           "frame-ancestors 'none'", -1);
    if (resp.set_cookie[0])
        mg_response_header_add(conn, "Set-Cookie", resp.set_cookie, -1);
    if (resp.location[0])
        mg_response_header_add(conn, "Location", resp.location, -1);
    if (resp.disposition[0])
        mg_response_header_add(conn, "Content-Disposition", resp.disposition, -1);
    mg_response_header_send(conn);
    if (strcmp(ri->request_method, "HEAD") != 0)
        mg_write(conn, resp.body, resp.body_len);
    free(resp.body);
    return resp.status;
}

static int on_hook(struct mg_connection *conn, struct server *srv, const struct bot_platform *p,
                   struct bot_replay *replay)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    struct bot_hook *h = malloc(sizeof *h); /* worker stacks are small */
    struct bot_answer a = {0, NULL, NULL, ""};
    struct hd_msg m;
    char err[256] = "", *body = NULL, *reply = NULL;
    size_t len = 0;
    int status;
    memset(&m, 0, sizeof m);
    if (!p->hook_enabled(srv->cfg)) {
        send_error(conn, 404, "this hook is disabled in bot.ini");
        free(h);
        return 404;
    }
    int is_get = strcmp(ri->request_method, "GET") == 0;
    if (strcmp(ri->request_method, "POST") != 0 && !(is_get && (p->flags & BOT_HOOK_GET))) {
        send_error(conn, 405, p->flags & BOT_HOOK_GET ? "use GET or POST" : "use POST");
        free(h);
        return 405;
    }
    if (!h) {
        send_error(conn, 500, status_text(500));
        return 500;
    }
    memset(h, 0, sizeof *h);
    h->cfg = srv->cfg;
    h->method = ri->request_method;
    h->header = hook_header;
    h->query = hook_query;
    h->conn = conn;
    h->replay = replay;
    h->now = (int64_t)time(NULL);
    if (p->verify_head && (status = p->verify_head(h, &a)) != 0) {
        status = send_answer(conn, &a);
        goto out;
    }
    if (is_get) { /* a handshake the adapter did not answer */
        send_error(conn, 405, "use POST");
        status = 405;
        goto out;
    }
    if ((status = read_body(srv, conn, (p->flags & BOT_HOOK_SIGNED_BODY) != 0, srv->cfg->max_body_bytes, &body,
                            &len)) != 0) {
        send_error(conn, status, status == 400 ? "cannot read body" : status_text(status));
        goto out;
    }
    if (p->verify_body && (status = p->verify_body(h, body, len, &a)) != 0) {
        status = send_answer(conn, &a);
        goto out;
    }
    enum bot_rc rc = p->parse(h, body, len, &m, err);
    free(body);
    body = NULL;
    if (rc == BOT_NOTFOUND) {
        status = send_quiet(conn, p);
        goto out;
    }
    if (rc != BOT_OK) {
        status = rc == BOT_AUTH ? 403 : 400;
        send_error(conn, status, err[0] ? err : status_text(status));
        goto out;
    }
    const char *why = NULL;
    status = run_message(srv, &m, &reply);
    if (status == 0) {
        rc = p->reply(h, &m, reply, &a);
        if (rc == BOT_OK) {
            status = send_answer(conn, &a);
            goto out;
        }
        if (rc == BOT_NOTFOUND) {
            status = send_quiet(conn, p);
            goto out;
        }
        free(a.body);
        a.body = NULL;
        status = 500;
        why = "cannot encode reply";
    }
    if (status != 400 && (p->flags & BOT_HOOK_QUIET_ERRORS)) {
        status = send_quiet(conn, p);
        goto out;
    }
    send_error(conn, status, why ? why : status_text(status));
out:
    hd_msg_free(&m);
    free(reply);
    free(body);
    free(h);
    return status;
}

static int on_healthz(struct mg_connection *conn, struct server *srv)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    if (strcmp(ri->request_method, "GET") != 0 && strcmp(ri->request_method, "HEAD") != 0) {
        send_error(conn, 405, "use GET");
        return 405;
    }
    struct store_outbox_stats ob;
    struct store *st = pool_take(&srv->pool);
    enum bot_rc rc = st ? store_ping(st) : BOT_LIMIT;
    /* the backlog: pending and dead pushes, the oldest pending one's age */
    if (rc == BOT_OK)
        rc = store_outbox_stats(st, (int64_t)time(NULL), &ob);
    pool_give(&srv->pool, st);
    if (rc != BOT_OK) {
        send_json(conn, 503, rc == BOT_LIMIT ? "{\"ok\":false,\"store\":\"busy\"}" : "{\"ok\":false,\"store\":\"down\"}");
        return 503;
    }
    uint64_t commits, syncs;
    char body[256];
    store_sync_stats(&commits, &syncs);
    snprintf(body, sizeof body,
             "{\"ok\":true,\"store\":\"ok\",\"commits\":%llu,\"wal_syncs\":%llu,\"outbox_pending\":%lld,"
             "\"outbox_dead\":%lld,\"outbox_oldest_pending_s\":%lld}",
             (unsigned long long)commits, (unsigned long long)syncs, (long long)ob.pending, (long long)ob.dead,
             (long long)ob.oldest_pending_age);
    send_json(conn, 200, body);
    return 200;
}

/* GET /metrics: Prometheus' text format ([metrics] enabled; with [metrics] token, only for its bearer). */
static int on_metrics(struct mg_connection *conn, struct server *srv)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    if (!srv->cfg->metrics_enabled) {
        send_error(conn, 404, "not found");
        return 404;
    }
    if (strcmp(ri->request_method, "GET") != 0 && strcmp(ri->request_method, "HEAD") != 0) {
        send_error(conn, 405, "use GET");
        return 405;
    }
    if (srv->cfg->metrics_token[0]) {
        const char *auth = mg_get_header(conn, "Authorization");
        size_t want = strlen(srv->cfg->metrics_token);
        if (!auth || strncasecmp(auth, "Bearer ", 7) != 0 || strlen(auth + 7) != want ||
            CRYPTO_memcmp(auth + 7, srv->cfg->metrics_token, want) != 0) {
            mg_response_header_start(conn, 401);
            mg_response_header_add(conn, "WWW-Authenticate", "Bearer", -1);
            mg_response_header_add(conn, "Content-Length", "0", -1);
            mg_response_header_send(conn);
            return 401;
        }
    }
    struct bot_metrics_store ms;
    struct store_outbox_stats ob;
    memset(&ms, 0, sizeof ms);
    store_sync_stats(&ms.commits, &ms.wal_syncs);
    struct store *st = pool_take(&srv->pool);
    if (st && store_outbox_stats(st, (int64_t)time(NULL), &ob) == BOT_OK) {
        ms.ok = 1;
        ms.outbox_pending = ob.pending;
        ms.outbox_dead = ob.dead;
        ms.outbox_dropped = ob.dropped;
        ms.outbox_oldest_pending_age = ob.oldest_pending_age;
    }
    pool_give(&srv->pool, st);
    size_t cap = 64 * 1024, len = 0;
    char *text = malloc(cap);
    if (!text || bot_metrics_render(&srv->metrics, &ms, text, cap, &len) != BOT_OK) {
        free(text);
        send_error(conn, 500, status_text(500));
        return 500;
    }
    char clen[24];
    snprintf(clen, sizeof clen, "%zu", len);
    mg_response_header_start(conn, 200);
    mg_response_header_add(conn, "Content-Type", "text/plain; version=0.0.4; charset=utf-8", -1);
    mg_response_header_add(conn, "Content-Length", clen, -1);
    mg_response_header_add(conn, "Cache-Control", "no-store", -1);
    mg_response_header_send(conn);
    if (strcmp(ri->request_method, "HEAD") != 0)
        mg_write(conn, text, len);
    free(text);
    return 200;
}

/* A socket that connects and sends nothing should not cost a thread at all:
 * TCP_DEFER_ACCEPT on the listening sockets makes the kernel hand a
 * connection to accept() only once its first bytes came (or after `secs`).
 * civetweb does not expose its listening sockets, so they are found among
 * the process's descriptors: listening TCP sockets bound to our ports.
 * Returns how many were set. */
/* civetweb's listening sockets (it does not hand them out): the process's
 * descriptors that listen on one of its ports. Returns how many went in fds. */
static int find_listeners(struct mg_context *ctx, int *fds, int max)
{
    struct mg_server_port ports[8];
    int nports = mg_get_server_ports(ctx, (int)BOT_ARRAY_LEN(ports), ports);
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (nports <= 0 || !d) {
        if (d)
            closedir(d);
        return 0;
    }
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        int64_t fd;
        int listening = 0;
        socklen_t len = sizeof listening;
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        if (bot_parse_i64(e->d_name, &fd) != BOT_OK || fd == dirfd(d) ||
            getsockopt((int)fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening ||
            getsockname((int)fd, (struct sockaddr *)&ss, &sl) != 0)
            continue;
        int port = ss.ss_family == AF_INET ? ntohs(((struct sockaddr_in *)&ss)->sin_port)
                   : ss.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) : -1;
        for (int i = 0; i < nports; i++)
            if (ports[i].port == port) {
                fds[n++] = (int)fd;
                break;
            }
    }
    closedir(d);
    return n;
}

/* Sockets that have sent nothing stay in the kernel (secs > 0) or not (0). */
static void defer_accept(struct server *srv, int secs)
{
    for (int i = 0; i < srv->nlisteners; i++)
        if (setsockopt(srv->listeners[i], IPPROTO_TCP, TCP_DEFER_ACCEPT, &secs, sizeof secs) != 0)
            bot_log(BOT_LOG_WARN, "TCP_DEFER_ACCEPT on fd %d: %s", srv->listeners[i], strerror(errno));
    srv->deferring = secs > 0;
    bot_log(BOT_LOG_INFO, secs > 0 ? "sockets are waiting for headers on most threads: new ones stay in the "
                                     "kernel until they send something"
                                   : "calm again: new sockets are accepted at once");
}

/* The main thread, every WATCH_MS: when most threads have held a socket
 * without headers for PRESSURE_MS, sockets that send nothing are kept in the
 * kernel (TCP_DEFER_ACCEPT) until it has been calm for CALM_MS. Not always:
 * deferring accept() costs a busy server about a tenth of its throughput
 * (make bench), and slows no genuine webhook, which sends its request at once. */
static void watch_pressure(struct server *srv)
{
    int waiting = atomic_load(&srv->awaiting_headers);
    if (!srv->deferring) {
        srv->pressure_ms = waiting > srv->cfg->connections * 3 / 4 ? srv->pressure_ms + WATCH_MS : 0;
        if (srv->pressure_ms >= PRESSURE_MS) {
            defer_accept(srv, DEFER_ACCEPT_SECONDS);
            srv->calm_ms = 0;
        }
    } else {
        srv->calm_ms = waiting <= srv->cfg->connections / 4 ? srv->calm_ms + WATCH_MS : 0;
        if (srv->calm_ms >= CALM_MS) {
            defer_accept(srv, 0);
            srv->pressure_ms = 0;
        }
    }
}

/* One route: a handler, or a platform's hook, and the server it serves. */
struct route {
    const char *uri;
    int (*fn)(struct mg_connection *conn, struct server *srv);
    struct server *srv;
    const struct bot_platform *platform;
    struct bot_replay *replay;
    int metric; /* its row in /metrics */
};

/* Every handler through here: once it has answered, a body it left unread is
 * cut, not drained (civetweb reads the rest of a handled request's body
 * before it closes, for as long as it trickles in: see the top). */
static int on_route(struct mg_connection *conn, void *cbdata)
{
    const struct route *r = cbdata;
    struct worker *w = mg_get_thread_pointer(conn);
    if (w)
        atomic_store(&w->in_route, 1);
    int64_t t0 = now_us();
    int status = r->platform ? on_hook(conn, r->srv, r->platform, r->replay) : r->fn(conn, r->srv);
    bot_metrics_request(&r->srv->metrics, r->metric, status, now_us() - t0);
    if (w)
        atomic_store(&w->in_route, 0);
    if (w && !w->body_done && has_body(mg_get_request_info(conn)))
        worker_arm(w, CUT_FIRST_MS);
    return status;
}

/* SIGTERM: no new connection (the listening sockets are shut, which also wakes civetweb's accept loop at once,
 * instead of at the end of its 2-second poll), idle sockets cut, requests in a handler finish (a trickling body
 * within STOP_GRACE_MS), then civetweb stops. */
struct stopper {
    struct mg_context *ctx;
    atomic_int done;
};

static void *stopper_main(void *arg)
{
    struct stopper *s = arg;
    mg_stop(s->ctx);
    atomic_store(&s->done, 1);
    return NULL;
}

static void stop_gracefully(struct server *srv, struct mg_context *ctx)
{
    srv->stop_at = now_ms();
    for (int i = 0; i < srv->nlisteners; i++)
        shutdown(srv->listeners[i], SHUT_RDWR);
    while (watch_workers(srv) > 0 && now_ms() - srv->stop_at < STOP_GRACE_MS + 200)
        usleep(WATCH_MS * 1000 / 4);
    /* mg_stop joins the workers; the watchdog goes on meanwhile, so a socket civetweb still reads after its
     * answer (an unread body it drains, a keep-alive) is cut instead of waiting for its timeout */
    struct stopper st = {ctx, 0};
    pthread_t t;
    if (pthread_create(&t, NULL, stopper_main, &st) != 0) {
        mg_stop(ctx);
        return;
    }
    while (!atomic_load(&st.done)) {
        watch_workers(srv);
        usleep(WATCH_MS * 1000 / 4);
    }
    pthread_join(t, NULL);
}

enum bot_rc bot_serve(const struct bot_config *cfg, const struct nlp *nlp, atomic_int *stop,
                      char err[256])
{
    struct server srv;
    memset(&srv, 0, sizeof srv);
    pthread_mutex_init(&srv.workers_mu, NULL);
    srv.cfg = cfg;
    bot_config_settings(cfg, &srv.settings);
    srv.nlp = nlp;
    srv.max_body_readers = cfg->connections / 2;
    srv.max_unverified_readers = cfg->connections / 8 > 2 ? cfg->connections / 8 : 2;
    enum bot_rc rc = pool_open(&srv.pool, cfg, err);
    srv.nplatforms = bot_platform_facts(cfg, srv.platforms, BOT_PLATFORMS_MAX);
    if ((srv.console_settings = calloc(1, 1)))
        bot_config_each(cfg, add_setting, &srv.console_settings);
    if (rc == BOT_OK && !srv.console_settings) {
        snprintf(err, 256, "out of memory");
        rc = BOT_NOMEM;
    }
    for (int i = 0; rc == BOT_OK && bot_platforms[i] && i < BOT_PLATFORMS_MAX; i++)
        if (bot_platforms[i]->replay_window &&
            !(srv.replays[i] = bot_replay_new(8192, (int64_t)bot_platforms[i]->replay_window(cfg)))) {
            snprintf(err, 256, "out of memory");
            rc = BOT_NOMEM;
        }
    if (rc != BOT_OK) {
        pool_close(&srv.pool);
        pthread_mutex_destroy(&srv.workers_mu);
        free(srv.console_settings);
        return rc;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_deadline_signal;
    sa.sa_flags = SA_RESTART; /* every call restarts but poll(), which the deadline is meant to end */
    sigemptyset(&sa.sa_mask);
    sigaction(BOT_SIG_DEADLINE, &sa, NULL);
    char threads[16], timeout[16];
    snprintf(threads, sizeof threads, "%d", cfg->connections);
    snprintf(timeout, sizeof timeout, "%d", cfg->read_timeout_ms);
    const char *options[] = {"listening_ports", cfg->listen,
                             "num_threads", threads,
                             "tcp_nodelay", "1",
                             "request_timeout_ms", timeout,
                             "enable_directory_listing", "no",
                             NULL};
    struct mg_callbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.init_thread = init_thread;
    cb.exit_thread = exit_thread;
    cb.init_connection = on_init_connection;
    cb.begin_request = on_begin_request;
    cb.connection_close = on_connection_close;
    mg_init_library(0);
    struct mg_context *ctx = mg_start(&cb, &srv, options);
    if (!ctx) {
        snprintf(err, 256, "cannot start the server on %.200s (port in use?)", cfg->listen);
        rc = BOT_IO;
        goto out;
    }
    srv.nlisteners = find_listeners(ctx, srv.listeners, (int)BOT_ARRAY_LEN(srv.listeners));
    if (srv.nlisteners == 0)
        bot_log(BOT_LOG_WARN, "no listening socket found for TCP_DEFER_ACCEPT: idle sockets will hold threads");
    struct route routes[BOT_PLATFORMS_MAX + 3] = {
        {"/healthz$", on_healthz, &srv, NULL, NULL, bot_metrics_hook(&srv.metrics, "healthz", 0)},
        {"/metrics$", on_metrics, &srv, NULL, NULL, bot_metrics_hook(&srv.metrics, "metrics", 0)},
        {"/console", on_console, &srv, NULL, NULL, bot_metrics_hook(&srv.metrics, "console", 0)}};
    size_t nroutes = 3;
    for (int i = 0; bot_platforms[i] && i < BOT_PLATFORMS_MAX; i++)
        if (bot_platforms[i]->route)
            routes[nroutes++] = (struct route){bot_platforms[i]->route, NULL, &srv, bot_platforms[i], srv.replays[i],
                                               bot_metrics_hook(&srv.metrics, bot_platforms[i]->name, 1)};
    for (size_t i = 0; i < nroutes; i++)
        mg_set_request_handler(ctx, routes[i].uri, on_route, &routes[i]);
    struct bot_sender *sender = NULL;
    if (bot_sender_new(cfg, &sender) != BOT_OK ||
        bot_sender_start(sender, cfg->store_path, cfg->store_sync, stop) != BOT_OK) {
        snprintf(err, 256, "cannot start the outbox sender");
        bot_sender_free(sender);
        mg_stop(ctx);
        rc = BOT_ERR;
        goto out;
    }
    struct bot_scheduler *sched = NULL;
    if (bot_scheduler_start(cfg, stop, &sched) != BOT_OK) {
        snprintf(err, 256, "cannot start the scheduler");
        atomic_store(stop, 1);
        mg_stop(ctx);
        bot_sender_join(sender);
        bot_sender_free(sender);
        rc = BOT_ERR;
        goto out;
    }
    char store_name[BOT_CFG_STR];
    bot_config_store_name(cfg->store_path, store_name, sizeof store_name);
    bot_log(BOT_LOG_INFO, "listening on %s with %d connections, %d store connections, store %s", cfg->listen,
            cfg->connections, cfg->threads, store_name);
    while (!atomic_load(stop)) {
        usleep(WATCH_MS * 1000);
        watch_workers(&srv);
        watch_pressure(&srv);
    }
    bot_log(BOT_LOG_INFO, "stopping");
    stop_gracefully(&srv, ctx);
    bot_scheduler_join(sched);
    bot_sender_join(sender);
    bot_sender_free(sender);
out:
    mg_exit_library();
    for (int i = 0; i < BOT_PLATFORMS_MAX; i++)
        bot_replay_free(srv.replays[i]);
    pool_close(&srv.pool);
    pthread_mutex_destroy(&srv.workers_mu);
    free(srv.console_settings);
    return rc;
}
