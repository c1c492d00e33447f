/* metrics.h — the counters GET /metrics shows in Prometheus' text format (0.0.4): atomics, no lock on a request's path. */
#ifndef BOT_METRICS_H
#define BOT_METRICS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/common.h"

#define BOT_METRICS_HOOKS 24
#define BOT_METRICS_STATUSES 16 /* the statuses this server answers, and "other" */
#define BOT_METRICS_BUCKETS 12  /* the latency histogram's bounds, +Inf last */

struct bot_metrics {
    int nhooks;
    const char *hooks[BOT_METRICS_HOOKS]; /* the label: a platform's name, or healthz, console, metrics */
    int timed[BOT_METRICS_HOOKS];         /* a webhook: its handling time goes to the histogram */
    atomic_ullong requests[BOT_METRICS_HOOKS][BOT_METRICS_STATUSES];
    atomic_ullong buckets[BOT_METRICS_HOOKS][BOT_METRICS_BUCKETS]; /* per bucket, made cumulative when shown */
    atomic_ullong micros[BOT_METRICS_HOOKS];                        /* the histogram's sum, in µs */
    atomic_ullong answered, silent; /* messages the pipeline answered, and those it kept quiet on */
};

/* What the store says when /metrics is read (one pooled connection, an index read). */
struct bot_metrics_store {
    int ok;                      /* 0: the store could not be read; its gauges are left out */
    uint64_t commits, wal_syncs; /* store_sync_stats */
    int64_t outbox_pending, outbox_dead, outbox_oldest_pending_age, outbox_dropped;
};

/* A hook's index (registered once, before the server starts), -1 when the table is full. */
int bot_metrics_hook(struct bot_metrics *m, const char *name, int timed);
/* One answered request of hook (-1: not counted) with its status and its handling time. */
void bot_metrics_request(struct bot_metrics *m, int hook, int status, int64_t micros);
/* One message through the pipeline: answered (1) or silent (0). */
void bot_metrics_message(struct bot_metrics *m, int answered);
/* The whole exposition into buf (NUL-terminated); BOT_LIMIT when it did not fit. The jobs' runs and times come
 * from the rule book (hd_jobs_stats). */
enum bot_rc bot_metrics_render(struct bot_metrics *m, const struct bot_metrics_store *s, char *buf, size_t bufsz,
                               size_t *len);

#endif
