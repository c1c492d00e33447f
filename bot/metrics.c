/* metrics.c — the counters of GET /metrics (atomics bumped on the request path) and their Prometheus text (0.0.4). */
#include "metrics.h"

#include <stdio.h>
#include <string.h>

#include "../base/text.h"
#include "../handlers/handlers.h"

/* the statuses this server answers; anything else is counted as "other" (the last slot) */
static const int statuses[BOT_METRICS_STATUSES - 1] = {200, 204, 302, 303, 400, 401, 403, 404, 405,
                                                        408, 413, 429, 500, 503, 304};
/* the histogram's upper bounds in µs (+Inf is the last bucket) */
static const int64_t bounds_us[BOT_METRICS_BUCKETS - 1] = {1000, 2500, 5000, 10000, 25000, 50000,
                                                           100000, 250000, 500000, 1000000, 2500000};

int bot_metrics_hook(struct bot_metrics *m, const char *name, int timed)
{
    if (m->nhooks >= BOT_METRICS_HOOKS)
        return -1;
    m->hooks[m->nhooks] = name;
    m->timed[m->nhooks] = timed;
    return m->nhooks++;
}

void bot_metrics_request(struct bot_metrics *m, int hook, int status, int64_t micros)
{
    if (hook < 0 || hook >= m->nhooks)
        return;
    int s = 0;
    while (s < BOT_METRICS_STATUSES - 1 && statuses[s] != status)
        s++;
    atomic_fetch_add_explicit(&m->requests[hook][s], 1, memory_order_relaxed);
    if (!m->timed[hook])
        return;
    int b = 0;
    while (b < BOT_METRICS_BUCKETS - 1 && micros > bounds_us[b])
        b++;
    atomic_fetch_add_explicit(&m->buckets[hook][b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->micros[hook], micros > 0 ? (unsigned long long)micros : 0, memory_order_relaxed);
}

void bot_metrics_message(struct bot_metrics *m, int answered)
{
    atomic_fetch_add_explicit(answered ? &m->answered : &m->silent, 1, memory_order_relaxed);
}

struct out {
    char *buf;
    size_t bufsz, *len;
    enum bot_rc rc;
    int family; /* put_job: which of the jobs' three families this pass writes */
};

#define PUT(o, ...)                                                                                                    \
    do {                                                                                                               \
        if ((o)->rc == BOT_OK)                                                                                         \
            (o)->rc = bot_appendf((o)->buf, (o)->bufsz, (o)->len, __VA_ARGS__);                                        \
    } while (0)

static void head(struct out *o, const char *name, const char *type, const char *help)
{
    PUT(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void put_job(const char *job, uint64_t runs, uint64_t micros, uint64_t failures, void *arg)
{
    struct out *o = arg;
    if (o->family == 0)
        PUT(o, "bot_job_runs_total{job=\"%s\"} %llu\n", job, (unsigned long long)runs);
    else if (o->family == 1)
        PUT(o, "bot_job_seconds_total{job=\"%s\"} %.6f\n", job, (double)micros / 1e6);
    else
        PUT(o, "bot_job_failures_total{job=\"%s\"} %llu\n", job, (unsigned long long)failures);
}

enum bot_rc bot_metrics_render(struct bot_metrics *m, const struct bot_metrics_store *s, char *buf, size_t bufsz,
                               size_t *len)
{
    struct out o = {buf, bufsz, len, BOT_OK, 0};
    *len = 0;
    if (bufsz)
        buf[0] = '\0';
    head(&o, "bot_http_requests_total", "counter", "HTTP requests answered, by hook and status.");
    for (int h = 0; h < m->nhooks; h++)
        for (int i = 0; i < BOT_METRICS_STATUSES; i++) {
            unsigned long long n = atomic_load_explicit(&m->requests[h][i], memory_order_relaxed);
            if (!n && i != 0)
                continue; /* every hook shows its 200s, other statuses once they happened */
            if (i < BOT_METRICS_STATUSES - 1)
                PUT(&o, "bot_http_requests_total{hook=\"%s\",status=\"%d\"} %llu\n", m->hooks[h], statuses[i], n);
            else
                PUT(&o, "bot_http_requests_total{hook=\"%s\",status=\"other\"} %llu\n", m->hooks[h], n);
        }
    head(&o, "bot_http_request_duration_seconds", "histogram", "Time to handle a webhook, headers read to answer sent.");
    for (int h = 0; h < m->nhooks; h++) {
        if (!m->timed[h])
            continue;
        unsigned long long cum = 0;
        for (int b = 0; b < BOT_METRICS_BUCKETS; b++) {
            cum += atomic_load_explicit(&m->buckets[h][b], memory_order_relaxed);
            if (b < BOT_METRICS_BUCKETS - 1)
                PUT(&o, "bot_http_request_duration_seconds_bucket{hook=\"%s\",le=\"%g\"} %llu\n", m->hooks[h],
                    (double)bounds_us[b] / 1e6, cum);
            else
                PUT(&o, "bot_http_request_duration_seconds_bucket{hook=\"%s\",le=\"+Inf\"} %llu\n", m->hooks[h], cum);
        }
        PUT(&o, "bot_http_request_duration_seconds_sum{hook=\"%s\"} %.6f\n", m->hooks[h],
            (double)atomic_load_explicit(&m->micros[h], memory_order_relaxed) / 1e6);
        PUT(&o, "bot_http_request_duration_seconds_count{hook=\"%s\"} %llu\n", m->hooks[h], cum);
    }
    head(&o, "bot_messages_total", "counter", "Messages through the rule book: answered, or silent (chatter, not for the bot).");
    PUT(&o, "bot_messages_total{outcome=\"answered\"} %llu\n",
        (unsigned long long)atomic_load_explicit(&m->answered, memory_order_relaxed));
    PUT(&o, "bot_messages_total{outcome=\"silent\"} %llu\n",
        (unsigned long long)atomic_load_explicit(&m->silent, memory_order_relaxed));
    head(&o, "bot_store_commits_total", "counter", "Store transactions committed by this process.");
    PUT(&o, "bot_store_commits_total %llu\n", (unsigned long long)s->commits);
    head(&o, "bot_store_wal_syncs_total", "counter", "WAL fsyncs that made those commits durable (group commit).");
    PUT(&o, "bot_store_wal_syncs_total %llu\n", (unsigned long long)s->wal_syncs);
    head(&o, "bot_store_up", "gauge", "1 when the store answered this scrape.");
    PUT(&o, "bot_store_up %d\n", s->ok ? 1 : 0);
    if (s->ok) {
        head(&o, "bot_outbox_pending", "gauge", "Pushes waiting to be sent.");
        PUT(&o, "bot_outbox_pending %lld\n", (long long)s->outbox_pending);
        head(&o, "bot_outbox_dead", "gauge", "Pushes given up after every attempt.");
        PUT(&o, "bot_outbox_dead %lld\n", (long long)s->outbox_dead);
        head(&o, "bot_outbox_dropped", "gauge", "Pushes dropped unsent: the order they were about was over or had moved.");
        PUT(&o, "bot_outbox_dropped %lld\n", (long long)s->outbox_dropped);
        head(&o, "bot_outbox_oldest_pending_seconds", "gauge", "Age of the oldest pending push.");
        PUT(&o, "bot_outbox_oldest_pending_seconds %lld\n", (long long)s->outbox_oldest_pending_age);
    }
    /* a family's lines stay together (the format asks it): one pass over the jobs per family */
    head(&o, "bot_job_runs_total", "counter", "Scheduled job runs, by job.");
    hd_jobs_stats(put_job, &o);
    o.family = 1;
    head(&o, "bot_job_seconds_total", "counter", "Time spent in scheduled jobs, by job.");
    hd_jobs_stats(put_job, &o);
    o.family = 2;
    head(&o, "bot_job_failures_total", "counter", "Scheduled job runs that failed, by job.");
    hd_jobs_stats(put_job, &o);
    return o.rc;
}
