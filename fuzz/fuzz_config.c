/* fuzz_config.c — libFuzzer: the bot.ini reader on arbitrary files. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../bot/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz-config-%d.ini", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    struct bot_config cfg;
    char err[256];
    bot_config_defaults(&cfg);
    bot_config_load(&cfg, path, err);
    unlink(path);
    return 0;
}
