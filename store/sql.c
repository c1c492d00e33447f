/* sql.c — the statement layer's engine-neutral part: getting a statement on either engine, and the stepping patterns. */
#include "store_int.h"

struct sql_stmt *sql_stmt_get(struct store *st, enum store_part part, int which, const char *sql)
{
    if (st->writing) /* a write transaction: on the file's write connection */
        st = st->writing;
    struct sql_stmt *s = &st->sql[part][which];
    if (st->pg) {
        s->lite = NULL;
        s->pg = pgsql_stmt_get(st->pg, part, which, sql);
        return s->pg ? s : NULL;
    }
    s->lite = store_stmt(st, part, which, sql);
    return s->lite ? s : NULL;
}

int sql_step_lite_failed(sqlite3_stmt *s, int rc)
{
    bot_log(BOT_LOG_ERROR, "store: step: %s (%d)", sqlite3_errmsg(sqlite3_db_handle(s)), rc);
    return SQL_ERROR;
}

enum bot_rc store_exec_sql(struct store *st, const char *sql)
{
    return st->pg ? pgsql_exec(st->pg, sql) : exec(st, sql);
}

enum bot_rc sql_done(struct sql_stmt *s)
{
    int rc = sql_step(s);
    sql_reset(s);
    return rc == SQL_DONE ? BOT_OK : BOT_DB; /* a row from a no-row statement is a bug: said as BOT_DB */
}

enum bot_rc sql_changed(struct sql_stmt *s)
{
    int rc = sql_step(s);
    int64_t changed = rc == SQL_DONE ? sql_changes(s) : 0;
    sql_reset(s);
    return rc != SQL_DONE ? BOT_DB : changed == 0 ? BOT_DUP : BOT_OK;
}

enum bot_rc sql_count(struct sql_stmt *s, int *n)
{
    int rc = sql_step(s);
    if (rc == SQL_DONE)
        *n += (int)sql_changes(s);
    sql_reset(s);
    return rc == SQL_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc sql_row(struct sql_stmt *s, sql_reader read, void *out)
{
    int rc = sql_step(s);
    enum bot_rc r = rc == SQL_ROW ? read(s, out) : rc == SQL_DONE ? BOT_NOTFOUND : BOT_DB;
    sql_reset(s);
    return r;
}

enum bot_rc sql_rows(struct sql_stmt *s, sql_reader read, void *out, size_t size, int max, int *n)
{
    int rc = SQL_DONE;
    enum bot_rc r = BOT_OK;
    *n = 0;
    while (r == BOT_OK && *n < max && (rc = sql_step(s)) == SQL_ROW)
        r = read(s, (char *)out + (size_t)(*n)++ * size);
    if (r == BOT_OK && rc == SQL_ERROR)
        r = BOT_DB;
    sql_reset(s);
    return r;
}

enum bot_rc sql_int64(struct sql_stmt *s, int64_t *v)
{
    int rc = sql_step(s);
    *v = rc == SQL_ROW ? sql_column_int64(s, 0) : 0;
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_read_id(struct sql_stmt *s, void *out)
{
    *(int64_t *)out = sql_column_int64(s, 0);
    return BOT_OK;
}

enum bot_rc sql_ids(struct sql_stmt *s, int64_t *ids, int max, int *n)
{
    return sql_rows(s, store_read_id, ids, sizeof *ids, max, n);
}
