/* sql.h — the store's statement layer: one API over sqlite and PostgreSQL (prepare by name, bind, step, read columns). */
#ifndef STORE_SQL_H
#define STORE_SQL_H

#include <sqlite3.h>
#include <stdint.h>

#include "../base/common.h"

/* A store file that speaks through this layer writes its SQL once, in the
 * dialect both engines accept (docs/postgres.md): parameters ?1..?N (the
 * PostgreSQL engine sends them as $1..$N), ON CONFLICT rather than INSERT OR
 * IGNORE/REPLACE, CASE rather than a boolean used as a number.
 *
 * A statement is named by (part, index) as today (STORE_STATEMENTS) and
 * prepared once per connection on first use. The sqlite engine is a thin
 * inline wrapper over the same cached sqlite3_stmt (one predictable branch a
 * call); the PostgreSQL engine prepares it server-side (PQprepare), executes
 * it at the first sql_step after binding (PQexecPrepared, text format) and
 * reads the result row by row. Every query of the store is bounded by a
 * LIMIT, so the whole result is fetched at once. */

enum { SQL_ERROR = -1, SQL_DONE = 0, SQL_ROW = 1 };
#define SQL_MAX_PARAMS 24

struct pg_stmt;  /* the PostgreSQL engine's statement (pg.c) */
struct sql_stmt {
    sqlite3_stmt *lite;  /* the sqlite engine: the connection's cached statement; NULL on PostgreSQL */
    struct pg_stmt *pg;  /* the PostgreSQL engine's; NULL on sqlite */
};

/* ---- the PostgreSQL engine (pg.c); the inline sqlite path below calls these only on PostgreSQL ---- */
void pgsql_bind_int64(struct pg_stmt *p, int i, int64_t v);
void pgsql_bind_text(struct pg_stmt *p, int i, const char *v);
void pgsql_bind_null(struct pg_stmt *p, int i);
int pgsql_step(struct pg_stmt *p);
int64_t pgsql_column_int64(struct pg_stmt *p, int i);
double pgsql_column_double(struct pg_stmt *p, int i);
const char *pgsql_column_text(struct pg_stmt *p, int i);
int pgsql_column_null(struct pg_stmt *p, int i);
int pgsql_column_count(struct pg_stmt *p);
void pgsql_reset(struct pg_stmt *p);
int64_t pgsql_changes(struct pg_stmt *p);
/* ?N → $N outside quotes, a bare ? numbered in order, sqlite's plan pinning (INDEXED BY name, NOT INDEXED)
 * dropped, into out[outsz]; *nparams = the highest number.
 * BOT_INVALID when out is too small or a number is past SQL_MAX_PARAMS. */
enum bot_rc pgsql_translate(const char *sql, char *out, size_t outsz, int *nparams);

/* Binding: parameter i counts from 1. A text must live until the
 * statement's first sql_step (sqlite's SQLITE_STATIC; the PostgreSQL engine
 * copies it). NULL text binds NULL. */
static inline void sql_bind_int64(struct sql_stmt *s, int i, int64_t v)
{
    if (s->lite)
        sqlite3_bind_int64(s->lite, i, v);
    else
        pgsql_bind_int64(s->pg, i, v);
}

static inline void sql_bind_text(struct sql_stmt *s, int i, const char *v)
{
    if (s->lite)
        sqlite3_bind_text(s->lite, i, v, -1, SQLITE_STATIC);
    else
        pgsql_bind_text(s->pg, i, v);
}

static inline void sql_bind_null(struct sql_stmt *s, int i)
{
    if (s->lite)
        sqlite3_bind_null(s->lite, i);
    else
        pgsql_bind_null(s->pg, i);
}

/* SQL_ROW (a row to read), SQL_DONE, or SQL_ERROR (logged). */
int sql_step_lite_failed(sqlite3_stmt *s, int rc);
static inline int sql_step(struct sql_stmt *s)
{
    if (s->lite) {
        int rc = sqlite3_step(s->lite);
        return rc == SQLITE_ROW ? SQL_ROW : rc == SQLITE_DONE ? SQL_DONE : sql_step_lite_failed(s->lite, rc);
    }
    return pgsql_step(s->pg);
}

/* The current row's column i (from 0). A NULL reads 0, 0.0, NULL. The text
 * lives until the next step or reset. */
static inline int64_t sql_column_int64(struct sql_stmt *s, int i)
{
    return s->lite ? sqlite3_column_int64(s->lite, i) : pgsql_column_int64(s->pg, i);
}

static inline double sql_column_double(struct sql_stmt *s, int i)
{
    return s->lite ? sqlite3_column_double(s->lite, i) : pgsql_column_double(s->pg, i);
}

static inline const char *sql_column_text(struct sql_stmt *s, int i)
{
    return s->lite ? (const char *)sqlite3_column_text(s->lite, i) : pgsql_column_text(s->pg, i);
}

static inline int sql_column_null(struct sql_stmt *s, int i)
{
    return s->lite ? sqlite3_column_type(s->lite, i) == SQLITE_NULL : pgsql_column_null(s->pg, i);
}

/* The columns of the statement's rows. */
static inline int sql_column_count(struct sql_stmt *s)
{
    return s->lite ? sqlite3_column_count(s->lite) : pgsql_column_count(s->pg);
}

/* The rows the last step changed (an INSERT, UPDATE or DELETE that returned SQL_DONE), before the reset. */
static inline int64_t sql_changes(struct sql_stmt *s)
{
    return s->lite ? sqlite3_changes(sqlite3_db_handle(s->lite)) : pgsql_changes(s->pg);
}

/* Done with the rows: the statement may be bound and stepped again. */
static inline void sql_reset(struct sql_stmt *s)
{
    if (s->lite)
        sqlite3_reset(s->lite);
    else
        pgsql_reset(s->pg);
}

/* ---- stepping patterns (sql.c): what every store file steps its statements with ---- */

/* Reads the current row of s into out (one element); a failure stops the read and is returned. */
typedef enum bot_rc (*sql_reader)(struct sql_stmt *s, void *out);

/* Step a statement that returns no rows, reset it: BOT_OK or BOT_DB (logged). */
enum bot_rc sql_done(struct sql_stmt *s);
/* sql_done, then BOT_DUP when it changed no row. */
enum bot_rc sql_changed(struct sql_stmt *s);
/* sql_done, then *n += the rows it changed. */
enum bot_rc sql_count(struct sql_stmt *s, int *n);
/* One row into out: read's result, BOT_NOTFOUND when none, BOT_DB when the step fails. */
enum bot_rc sql_row(struct sql_stmt *s, sql_reader read, void *out);
/* Up to max rows into out[max] (elements of size bytes); *n counts them. */
enum bot_rc sql_rows(struct sql_stmt *s, sql_reader read, void *out, size_t size, int max, int *n);
/* A query that always yields one row (an aggregate, an INSERT … RETURNING id): its first column in *v (0 and BOT_DB
 * on failure). */
enum bot_rc sql_int64(struct sql_stmt *s, int64_t *v);
/* The first column of each row into ids[max]. */
enum bot_rc sql_ids(struct sql_stmt *s, int64_t *ids, int max, int *n);

#endif
