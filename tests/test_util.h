/* test_util.h — small helpers shared by the cmocka files. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../bot/common.h"

/* A fresh temporary sqlite path (removed with its -wal/-shm by tmpdb_remove). */
static inline void tmpdb_path(char path[64])
{
    snprintf(path, 64, "/tmp/bot-test-%d-%ld.db", (int)getpid(), random());
}

static inline void tmpdb_remove(const char *path)
{
    char p[80];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static inline int64_t iso(const char *s)
{
    int64_t t;
    int off;
    assert_int_equal(bot_parse_iso(s, &t, &off), BOT_OK);
    return t;
}

#endif
