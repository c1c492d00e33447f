/* seed.c — make a store of N members (with lots) for the start-up benchmark. */
#include <stdlib.h>

#include "../store/store.h"

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    struct store *st;
    char err[256];
    if (store_open(argv[1], "NORMAL", &st, err) != BOT_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    enum bot_rc rc = store_seed_bench(st, atoi(argv[2]), argc > 3 ? atoi(argv[3]) : 1, 1795000000, 1795000000 + 730LL * 86400);
    store_close(st);
    return rc == BOT_OK ? 0 : 1;
}
