/* seed.c — make a store of N members with lots: seed PATH MEMBERS [LOTS_EACH [EXPIRES_AT]] | seed --city PATH [MEMBERS [NOW]] */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../store/store.h"
#include "seeder.h"

int main(int argc, char **argv)
{
    int city = argc > 1 && strcmp(argv[1], "--city") == 0;
    if (city) {
        argv++;
        argc--;
    }
    if (argc < (city ? 2 : 3))
        return 2;
    struct store *st;
    char err[256];
    /* create and migrate the store */
    if (store_open(argv[1], "NORMAL", &st, err) != BOT_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    store_close(st); /* the schema is there: the seeder writes with its own connection */
    if (city) /* issue 19's city: a million members, ten lots each, a year of journal before NOW */
        return bench_seed_city(argv[1], argc > 2 ? atoi(argv[2]) : 1000000,
                               argc > 3 ? atoll(argv[3]) : (int64_t)time(NULL)) == BOT_OK ? 0 : 1;
    /* argv[4]: when the lots expire (unix seconds); they were earned 730 days before */
    int64_t expires = argc > 4 ? atoll(argv[4]) : 1795000000 + 730LL * 86400;
    enum bot_rc rc = bench_seed(argv[1], atoi(argv[2]), argc > 3 ? atoi(argv[3]) : 1, expires - 730LL * 86400, expires);
    return rc == BOT_OK ? 0 : 1;
}
