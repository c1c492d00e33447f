/* expiry_bench.c — one scheduler tick at the expiry date of a big store
 * (default 100,000 members and 1,000,000 lots), timed; meanwhile a second
 * thread keeps committing small webhook-like write transactions and records
 * how long each waited, to show the batches never hold the writer lock long.
 * expiry_bench --store PATH: the same tick on a store made before (bench/seed --city's, a copy: the tick
 * changes it), at the moment its last lot falls due. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../bot/config.h"
#include "../bot/platform.h"
#include "../handlers/handlers.h"
#include "seeder.h"

#include <sqlite3.h>


/* the bot's default durability unless BENCH_SYNC=NORMAL */
static const char *sync_mode(void)
{
    const char *s = getenv("BENCH_SYNC");
    return s && strcmp(s, "NORMAL") == 0 ? "NORMAL" : "FULL";
}

struct prober {
    const char *path;
    volatile int stop;
    double max_ms, sum_ms, max_at, t0;
    long n, over; /* over: waits > 100 ms */
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
        if (ms > p->max_ms) {
            p->max_ms = ms;
            p->max_at = t0 - p->t0;
        }
        p->over += ms > 100;
        p->sum_ms += ms;
        p->n++;
        usleep(2000); /* ~500 requests a second */
    }
    store_close(st);
    return NULL;
}

/* the store's live lots and when its last one falls due (bench tools read sqlite directly) */
static int64_t lots_due(const char *path, int64_t *last)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    int64_t n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*), max(expires_at) FROM lots WHERE remaining > 0", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW) {
            n = sqlite3_column_int64(s, 0);
            *last = sqlite3_column_int64(s, 1);
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return n;
}

int main(int argc, char **argv)
{
    const char *given = argc > 2 && strcmp(argv[1], "--store") == 0 ? argv[2] : NULL;
    int members = given ? 0 : argc > 1 ? atoi(argv[1]) : 100000;
    int per = given ? 0 : argc > 2 ? atoi(argv[2]) : 10;
    char path[4096], err[256];
    if (given)
        snprintf(path, sizeof path, "%s", given);
    else
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
    if (given) {
        int64_t live = lots_due(path, &expires);
        if (live < 0) {
            fprintf(stderr, "%s: no lots\n", path);
            return 1;
        }
        members = 0;
        per = (int)live; /* reported as 0 x N below */
    } else if (bench_seed(path, members, per, earned, expires) != BOT_OK) {
        fprintf(stderr, "seed failed\n");
        return 1;
    }
    double seeded = bot_seconds() - t0;
    struct prober p = {path, 0, 0, 0, 0, bot_seconds(), 0, 0};
    pthread_t th;
    pthread_create(&th, NULL, probe, &p);
    usleep(100 * 1000);
    struct hd_settings set;
    bot_config_settings(&cfg, &set);
    struct hd_platform plat[BOT_PLATFORMS_MAX];
    struct hd_ctx ctx = {st, NULL, &set, expires, plat, bot_platform_facts(&cfg, plat, BOT_PLATFORMS_MAX), 0};
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
    if (given)
        printf("expiry tick on %s: %d live lots, one tick at the last one's expiry expired %d lots in %.2f s "
               "(synchronous=%s, %s, goal <= 10 s); concurrent write txns: %ld, mean %.2f ms, max %.1f ms (%.1f s in), %ld over "
               "100 ms (goal: no batch holds the lock > 100 ms); audit after %s in %.1f s\n",
               path, per, done, tick, sync_mode(), bot_strerror(rc), p.n, p.n ? p.sum_ms / p.n : 0, p.max_ms,
               p.max_at - 0.1, p.over, broken == 0 ? "ok" : "BROKEN", audit);
    else
    printf("expiry tick: %d members x %d lots (%ld lots) seeded in %.1f s; one tick at their expiry expired %d lots "
           "in %.2f s (synchronous=%s, %s, goal <= 2 s); concurrent write txns: %ld, mean %.2f ms, max %.1f ms (goal: no batch holds "
           "the lock > 100 ms); audit %s in %.1f s\n",
           members, per, (long)members * per, seeded, done, tick, sync_mode(), bot_strerror(rc), p.n, p.n ? p.sum_ms / p.n : 0,
           p.max_ms, broken == 0 ? "ok" : "BROKEN", audit);
    free(report);
    store_close(st);
    char aux[4200];
    if (given)
        return rc == BOT_OK && broken == 0 ? 0 : 1;
    unlink(path);
    snprintf(aux, sizeof aux, "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", path);
    unlink(aux);
    return rc == BOT_OK && broken == 0 ? 0 : 1;
}
