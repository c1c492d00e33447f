/* skills_bench.c — the statement layer's read path on sqlite: store_skill_has and store_match_volunteers in a loop, a figure per call. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../store/store.h"
#include "seeder.h"

/* usage: skills_bench ROUNDS — a fresh store of 20,000 members in 20 buildings, each offering 维修 (seeded by the
 * bench's own SQL); ROUNDS × 10,000 store_skill_has and ROUNDS × 1,000 store_match_volunteers (up to 8 of ~1,000
 * in a building), the best round's µs a call printed: figures, never assertions. */
int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    char path[64], err[256];
    snprintf(path, sizeof path, "/tmp/skills_bench.%d.db", (int)getpid());
    unlink(path);
    struct store *st = NULL;
    if (store_open(path, "NORMAL", &st, err) != BOT_OK || bench_seed(path, 20000, 1, 1, 0) != BOT_OK) {
        fprintf(stderr, "skills_bench: %s\n", err);
        return 1;
    }
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "INSERT INTO member_skills(member_id, service, at, building) SELECT id, '维修', 1, building FROM members", NULL, NULL,
                 NULL);
    sqlite3_close(db);
    double best_has = 1e9, best_match = 1e9;
    int64_t sink = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = bot_seconds();
        for (int i = 0; i < 10000; i++) {
            int has = 0;
            store_skill_has(st, 1 + i % 20000, i % 2 ? "维修" : "陪诊", &has);
            sink += has;
        }
        double t1 = bot_seconds();
        for (int i = 0; i < 1000; i++) {
            int64_t ids[8];
            int n = 0;
            char building[16];
            snprintf(building, sizeof building, "%d号楼", i % 20 + 1);
            struct store_match_query mq = {.service = "维修", .building = building, .exclude = 1,
                                           .load_since = 0, .level2_minutes = 1200, .level3_minutes = 6000};
            store_match_volunteers(st, &mq, ids, 8, &n);
            sink += n;
        }
        double t2 = bot_seconds();
        if ((t1 - t0) / 10000 < best_has)
            best_has = (t1 - t0) / 10000;
        if ((t2 - t1) / 1000 < best_match)
            best_match = (t2 - t1) / 1000;
    }
    printf("skills on sqlite: store_skill_has %.2f µs, store_match_volunteers %.1f µs a call (best of %d; %lld)\n",
           best_has * 1e6, best_match * 1e6, rounds, (long long)sink);
    store_close(st);
    unlink(path);
    return 0;
}
