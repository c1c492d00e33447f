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
#include <libpq-fe.h>

#include "../base/common.h"
#include "../store/sql.h"
#include "../store/store.h"

/* A test run between its file's setup() and teardown(). */
#define TEST_ST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/* The store tests run on sqlite, and on PostgreSQL when BOT_PG_URL names a database (make test-pg, scripts/pg.sh):
 * then every "fresh store" is that database emptied (its public schema dropped and made again) and its path is the
 * URL, which store_open takes as it takes a file. */
static inline const char *tmpdb_pg(void)
{
    const char *url = getenv("BOT_PG_URL");
    return url && *url ? url : NULL;
}

static inline void tmpdb_remove(const char *path);

/* A fresh store's path, and nothing left there: a killed run's -wal of the same name (a pid used again) would be
 * replayed into the new store. On PostgreSQL: the database emptied. */
static inline void tmpdb_path(char path[64])
{
    static unsigned long n;
    struct timespec ts;
    const char *url = tmpdb_pg();
    if (url) {
        assert_true(strlen(url) < 64);
        snprintf(path, 64, "%s", url);
        PGconn *c = PQconnectdb(url);
        assert_int_equal(PQstatus(c), CONNECTION_OK);
        PGresult *r = PQexec(c, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; "
                                "CREATE SCHEMA public");
        assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
        PQclear(r);
        PQfinish(c);
        return;
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(path, 64, "/tmp/bot-test-%d-%lx-%lu.db", (int)getpid(), (unsigned long)ts.tv_nsec, n++);
    tmpdb_remove(path);
}

static inline void tmpdb_remove(const char *path)
{
    char p[80];
    if (store_path_is_pg(path))
        return; /* the next tmpdb_path empties it */
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* ---- a test's own look into the store at path (a sqlite file or a PostgreSQL URL), past the store's API ---- */

/* Run sql (parameters ?1..?N, texts; NULL ends them) on the store at path; row(ctx, ncols, cols) for each row
 * (a NULL cell is NULL). Returns the rows; a failing statement fails the test. Write SQL both engines accept. */
typedef void (*tdb_row_fn)(void *ctx, int ncols, const char *const *cols);
static inline int tdb_query(const char *path, const char *sql, tdb_row_fn row, void *ctx, const char *const *params)
{
    int np = 0, rows = 0;
    while (params && params[np])
        np++;
    if (store_path_is_pg(path)) {
        char text[4096];
        int n = 0;
        assert_int_equal(pgsql_translate(sql, text, sizeof text, &n), BOT_OK);
        PGconn *c = PQconnectdb(path);
        assert_int_equal(PQstatus(c), CONNECTION_OK);
        PGresult *r = PQexecParams(c, text, np, NULL, params, NULL, NULL, 0);
        ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
            fprintf(stderr, "tdb: %s: %s", sql, PQerrorMessage(c));
        assert_true(st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK);
        for (int i = 0; st == PGRES_TUPLES_OK && i < PQntuples(r); i++, rows++) {
            const char *cols[16];
            int nc = PQnfields(r) < 16 ? PQnfields(r) : 16;
            for (int k = 0; k < nc; k++)
                cols[k] = PQgetisnull(r, i, k) ? NULL : PQgetvalue(r, i, k);
            if (row)
                row(ctx, nc, cols);
        }
        PQclear(r);
        PQfinish(c);
        return rows;
    }
    sqlite3 *db;
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        fprintf(stderr, "tdb: %s: %s\n", sql, sqlite3_errmsg(db));
    assert_non_null(s);
    for (int i = 0; i < np; i++)
        sqlite3_bind_text(s, i + 1, params[i], -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *cols[16];
        int nc = sqlite3_column_count(s) < 16 ? sqlite3_column_count(s) : 16;
        for (int k = 0; k < nc; k++)
            cols[k] = (const char *)sqlite3_column_text(s, k);
        if (row)
            row(ctx, nc, cols);
        rows++;
    }
    if (rc != SQLITE_DONE)
        fprintf(stderr, "tdb: %s: %s\n", sql, sqlite3_errmsg(db));
    assert_int_equal(rc, SQLITE_DONE);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rows;
}

static inline void tdb_first_text(void *ctx, int ncols, const char *const *cols)
{
    char *out = ctx;
    if (out[0] == '\001') /* only the first row */
        snprintf(out, 512, "%s", ncols > 0 && cols[0] ? cols[0] : "");
}

/* The first column of the first row as text (NULL and no row read ""), into out[512]. */
#define tdb_text(path, out, sql, ...)                                                                          \
    do {                                                                                                       \
        (out)[0] = '\001';                                                                                     \
        tdb_query((path), (sql), tdb_first_text, (out), (const char *const[]){__VA_ARGS__ __VA_OPT__(,) NULL}); \
        if ((out)[0] == '\001')                                                                                \
            (out)[0] = '\0';                                                                                   \
    } while (0)

/* The first column of the first row as a number (no row, NULL: 0). */
static inline int64_t tdb_int_v(const char *path, const char *sql, const char *const *params)
{
    char out[512] = "\001";
    tdb_query(path, sql, tdb_first_text, out, params);
    return out[0] == '\001' ? 0 : strtoll(out, NULL, 10);
}
#define tdb_int(path, sql, ...) tdb_int_v((path), (sql), (const char *const[]){__VA_ARGS__ __VA_OPT__(,) NULL})
/* A statement without rows (an UPDATE that sets the scene). */
#define tdb_exec(path, sql, ...) tdb_query((path), (sql), NULL, NULL, (const char *const[]){__VA_ARGS__ __VA_OPT__(,) NULL})

static inline int64_t iso(const char *s)
{
    int64_t t;
    int off;
    assert_int_equal(bot_parse_iso(s, &t, &off), BOT_OK);
    return t;
}

/* Outbox rows of job whose chat_id (NULL read as "") is LIKE chat_like ("%": any, "_%": a group) and whose
 * text contains needle (NULL: any), read straight from the store at path. */
struct tdb_needle {
    const char *needle;
    int n;
};
static inline void tdb_count_needle(void *ctx, int ncols, const char *const *cols)
{
    struct tdb_needle *c = ctx;
    if (!c->needle || (cols[0] && strstr(cols[0], c->needle)))
        c->n++;
}
static inline int outbox_rows(const char *path, const char *job, const char *chat_like, const char *needle)
{
    struct tdb_needle c = {needle, 0};
    tdb_query(path, "SELECT text FROM outbox WHERE job = ?1 AND coalesce(chat_id, '') LIKE ?2", tdb_count_needle, &c,
              (const char *const[]){job, chat_like, NULL});
    return c.n;
}

#endif
