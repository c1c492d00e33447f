/* seed.c — make a store of N members with lots: seed PATH MEMBERS [LOTS_EACH [EXPIRES_AT]] */
#include <stdlib.h>

#include "../store/store.h"
#include "seeder.h"

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    struct store *st;
    char err[256];
    /* create and migrate the store */
    if (store_open(argv[1], "NORMAL", &st, err) != BOT_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    /* argv[4]: when the lots expire (unix seconds); they were earned 730 days before */
    int64_t expires = argc > 4 ? atoll(argv[4]) : 1795000000 + 730LL * 86400;
    store_close(st); /* the schema is there: the seeder writes with its own connection */
    enum bot_rc rc = bench_seed(argv[1], atoi(argv[2]), argc > 3 ? atoi(argv[3]) : 1, expires - 730LL * 86400, expires);
    return rc == BOT_OK ? 0 : 1;
}
