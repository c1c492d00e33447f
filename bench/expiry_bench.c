/* expiry_bench.c — one scheduler tick at the expiry date of a big store
 * (default 100,000 members and 1,000,000 lots), timed; meanwhile a second
 * thread keeps committing small webhook-like write transactions and records
 * how long each waited, to show the batches never hold the writer lock long. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../bot/config.h"
#include "../bot/platform.h"
#include "../handlers/handlers.h"
#include "seeder.h"


/* the bot's default durability unless BENCH_SYNC=NORMAL */
static const char *sync_mode(void)
{
    const char *s = getenv("BENCH_SYNC");
    return s && strcmp(s, "NORMAL") == 0 ? "NORMAL" : "FULL";
}

struct prober {
    const char *path;
    volatile int stop;
    double max_ms, sum_ms;
    long n;
};

static void *probe(void *arg)
{
    struct prober *p = arg;
    struct store *st;
    char err[256], id[32];
    if (store_open(p->path, sync_mode(), &st, err) != BOT_OK)
        return NULL;
    while (!p->stop) {
        double t0 = bot_seconds();
        if (store_begin(st) == BOT_OK) {
            snprintf(id, sizeof id, "probe-%ld", p->n);
            struct store_msg_key k = {"bench", "", "prober", id};
            store_inbox_put(st, &k, "ok", 0);
            store_commit(st);
        }
        double ms = (bot_seconds() - t0) * 1000;
        if (ms > p->max_ms)
            p->max_ms = ms;
        p->sum_ms += ms;
        p->n++;
        usleep(2000); /* ~500 requests a second */
    }
    store_close(st);
    return NULL;
}

int main(int argc, char **argv)
{
    int members = argc > 1 ? atoi(argv[1]) : 100000;
    int per = argc > 2 ? atoi(argv[2]) : 10;
    char path[64], err[256];
    snprintf(path, sizeof path, "%s/expiry-bench-%d.db", getenv("BENCH_DIR") ? getenv("BENCH_DIR") : "/tmp", (int)getpid());
    struct store *st;
    struct bot_config cfg;
    bot_config_defaults(&cfg);
    if (store_open(path, sync_mode(), &st, err) != BOT_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    int64_t earned = 1700000000, expires = earned + 730LL * 86400;
    double t0 = bot_seconds();
    if (bench_seed(path, members, per, earned, expires) != BOT_OK) {
        fprintf(stderr, "seed failed\n");
        return 1;
    }
    double seeded = bot_seconds() - t0;
    struct prober p = {path, 0, 0, 0, 0};
    pthread_t th;
    pthread_create(&th, NULL, probe, &p);
    usleep(100 * 1000);
    struct hd_settings set;
    bot_config_settings(&cfg, &set);
    struct hd_platform plat[BOT_PLATFORMS_MAX];
    struct hd_ctx ctx = {st, NULL, &set, expires, plat, bot_platform_facts(&cfg, plat, BOT_PLATFORMS_MAX)};
    int done = 0;
    t0 = bot_seconds();
    enum bot_rc rc = hd_job_expiry(&ctx, &done);
    double tick = bot_seconds() - t0;
    p.stop = 1;
    pthread_join(th, NULL);
    char *report = malloc(65536);
    int broken = -1;
    double a0 = bot_seconds();
    store_audit(st, NULL, report, 65536, &broken);
    double audit = bot_seconds() - a0;
    printf("expiry tick: %d members x %d lots (%ld lots) seeded in %.1f s; one tick at their expiry expired %d lots "
           "in %.2f s (synchronous=%s, %s, goal <= 2 s); concurrent write txns: %ld, mean %.2f ms, max %.1f ms (goal: no batch holds "
           "the lock > 100 ms); audit %s in %.1f s\n",
           members, per, (long)members * per, seeded, done, tick, sync_mode(), bot_strerror(rc), p.n, p.n ? p.sum_ms / p.n : 0,
           p.max_ms, broken == 0 ? "ok" : "BROKEN", audit);
    free(report);
    store_close(st);
    char aux[80];
    unlink(path);
    snprintf(aux, sizeof aux, "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", path);
    unlink(aux);
    return rc == BOT_OK && broken == 0 ? 0 : 1;
}
