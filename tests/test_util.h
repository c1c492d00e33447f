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
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "../base/common.h"

/* A test run between its file's setup() and teardown(). */
#define TEST_ST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/* A fresh temporary sqlite path (removed with its -wal/-shm by tmpdb_remove). */
static inline void tmpdb_remove(const char *path);

/* A fresh store's path, and nothing left there: a killed run's -wal of the same name (a pid used again) would be
 * replayed into the new store. */
static inline void tmpdb_path(char path[64])
{
    static unsigned long n;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(path, 64, "/tmp/bot-test-%d-%lx-%lu.db", (int)getpid(), (unsigned long)ts.tv_nsec, n++);
    tmpdb_remove(path);
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

/* Outbox rows of job whose chat_id (NULL read as "") is LIKE chat_like ("%": any, "_%": a group) and whose
 * text contains needle (NULL: any), read straight from the store file at path. */
static inline int outbox_rows(const char *path, const char *job, const char *chat_like, const char *needle)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    int n = 0;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT text FROM outbox WHERE job = ?1 AND coalesce(chat_id, '') LIKE ?2",
                                        -1, &s, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(s, 1, job, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, chat_like, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW)
        if (!needle || strstr((const char *)sqlite3_column_text(s, 0), needle))
            n++;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

#endif
