/* scheduler.c — the scheduler thread: jobs are idempotent, so a missed or
 * doubled round (restart, two processes) never sends or credits twice. */
#include "scheduler.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../handlers/handlers.h"
#include "platform.h"

struct bot_scheduler {
    const struct bot_config *cfg;
    struct hd_settings settings; /* what the jobs read of cfg */
    atomic_int *stop;
    pthread_t thread;
};

static void *scheduler_main(void *arg)
{
    struct bot_scheduler *s = arg;
    struct store *st = NULL;
    char err[256];
    while (!atomic_load(s->stop) && store_open(s->cfg->store_path, s->cfg->store_sync, &st, err) != BOT_OK) {
        bot_log(BOT_LOG_ERROR, "scheduler: %s", err);
        sleep(1);
    }
    time_t next = 0;
    while (!atomic_load(s->stop)) {
        time_t now = time(NULL);
        if (now >= next) {
            struct hd_platform plat[BOT_PLATFORMS_MAX];
            struct hd_ctx ctx = {st, NULL, &s->settings, (int64_t)now, plat,
                                 bot_platform_facts(s->cfg, plat, BOT_PLATFORMS_MAX), 0};
            int done = 0;
            double t0 = bot_seconds();
            enum bot_rc rc = hd_jobs_run_all(&ctx, &done);
            double secs = bot_seconds() - t0;
            if (rc != BOT_OK)
                bot_log(BOT_LOG_ERROR, "scheduler: a job failed; it runs again next round");
            else if (done)
                bot_log(BOT_LOG_INFO, "scheduler: %d items done in %.2f s", done, secs);
            next = now + s->cfg->scheduler_interval_seconds;
        }
        usleep(100 * 1000); /* short naps keep the stop prompt */
    }
    store_close(st);
    return NULL;
}

enum bot_rc bot_scheduler_start(const struct bot_config *cfg, atomic_int *stop, struct bot_scheduler **out)
{
    struct bot_scheduler *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s)
        return BOT_NOMEM;
    s->cfg = cfg;
    bot_config_settings(cfg, &s->settings);
    s->stop = stop;
    if (pthread_create(&s->thread, NULL, scheduler_main, s) != 0) {
        free(s);
        return BOT_ERR;
    }
    *out = s;
    return BOT_OK;
}

void bot_scheduler_join(struct bot_scheduler *s)
{
    if (!s)
        return;
    pthread_join(s->thread, NULL);
    free(s);
}
