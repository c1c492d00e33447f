/* pg.c — the PostgreSQL engine of the statement layer (libpq): connect, prepare, bind, step, read, transactions. */
#include "store_int.h"

#include <errno.h>
#include <libpq-fe.h>

struct pg_conn;
struct pg_stmt {
    PGconn *conn;
    struct pg_conn *owner;  /* its connection: a lost one is made again, its statements prepared again */
    char name[16];          /* the server-side prepared statement, "s<part>_<index>" */
    char *sql;              /* the text with $N parameters */
    int prepared;
    int nparams;
    Oid types[SQL_MAX_PARAMS];          /* 0 (the server infers it), or text for a number the text never uses */
    const char *values[SQL_MAX_PARAMS]; /* NULL = SQL NULL; a text points into texts[] */
    char *texts[SQL_MAX_PARAMS];        /* text parameters, copied (a caller's buffer may go before the step) */
    char ints[SQL_MAX_PARAMS][24];      /* int64 parameters, as text */
    PGresult *res;          /* the executed statement's result, between the first step and the reset */
    int row;                /* the next row to read; the current one is row - 1 */
    int64_t changes;
};

struct pg_conn {
    PGconn *conn;
    struct pg_stmt *stmts[STORE_PART_COUNT][STORE_PART_MAX];
};

static int word_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* The length of sqlite's plan pinning at p (outside quotes), " INDEXED BY name" or " NOT INDEXED" (with the space
 * before), or 0. */
static size_t plan_hint(const char *p)
{
    static const char *const words[] = {" INDEXED BY ", " NOT INDEXED"};
    for (int w = 0; w < 2; w++) {
        size_t n = strlen(words[w]);
        if (strncmp(p, words[w], n) != 0)
            continue;
        if (w == 0)
            while (word_char(p[n]))
                n++;
        else if (word_char(p[n]))
            continue;
        return n;
    }
    return 0;
}

/* At p (outside quotes), sqlite's `CROSS JOIN t [alias] [INDEXED BY i] ON` (a join order pinned; PostgreSQL's
 * CROSS JOIN takes no ON): the length of " CROSS" to drop, leaving " JOIN t ON", or 0. */
static size_t cross_join_on(const char *p)
{
    if (strncmp(p, " CROSS JOIN ", 12) != 0)
        return 0;
    const char *q = p + 12;
    for (int words = 0; words < 2; words++) { /* the table, then an alias or ON */
        while (word_char(*q))
            q++;
        q += plan_hint(q); /* dropped too */
        if (*q != ' ')
            return 0;
        while (*q == ' ')
            q++;
        if (strncmp(q, "ON ", 3) == 0)
            return 6;
    }
    return 0;
}

enum bot_rc pgsql_translate(const char *sql, char *out, size_t outsz, int *nparams)
{
    size_t o = 0;
    int next = 0;
    char quote = 0;
    *nparams = 0;
    for (const char *p = sql; *p; p++) {
        char tmp[8];
        size_t hint;
        const char *add = NULL;
        size_t len = 1;
        if (quote) {
            if (*p == quote)
                quote = 0; /* a doubled quote closes and reopens: the same text */
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if ((hint = plan_hint(p)) > 0 || (hint = cross_join_on(p)) > 0) {
            p += hint - 1; /* sqlite's plan pinning: PostgreSQL plans without hints */
            continue;
        } else if (*p == '?') {
            int n = 0;
            while (p[1] >= '0' && p[1] <= '9' && n <= SQL_MAX_PARAMS)
                n = n * 10 + (*++p - '0');
            if (n == 0)
                n = ++next;
            if (n > SQL_MAX_PARAMS)
                return BOT_INVALID;
            if (n > *nparams)
                *nparams = n;
            snprintf(tmp, sizeof tmp, "$%d", n);
            add = tmp;
            len = strlen(tmp);
        }
        if (o + len >= outsz)
            return BOT_INVALID;
        memcpy(out + o, add ? add : p, len);
        o += len;
    }
    out[o] = '\0';
    return BOT_OK;
}

static void pgsql_log(PGconn *conn, const char *what, const char *name)
{
    char msg[256];
    bot_strlcpy(msg, PQerrorMessage(conn), sizeof msg);
    msg[strcspn(msg, "\n")] = '\0';
    bot_log(BOT_LOG_ERROR, "store: postgres: %s %s: %s", what, name, msg);
}

static void stmt_free(struct pg_stmt *p)
{
    if (!p)
        return;
    PQclear(p->res);
    for (int i = 0; i < SQL_MAX_PARAMS; i++)
        free(p->texts[i]);
    free(p->sql);
    free(p);
}

/* A list's statements share their callers' bindings, so one may skip a number (staff's list binds ?4 and ?5 that
 * only the dated list reads): the server cannot infer an unused parameter's type, so it is declared text. */
static void mark_unused(struct pg_stmt *p)
{
    int used[SQL_MAX_PARAMS + 1] = {0};
    char quote = 0;
    for (const char *c = p->sql; *c; c++) {
        if (quote) {
            if (*c == quote)
                quote = 0;
        } else if (*c == '\'' || *c == '"') {
            quote = *c;
        } else if (*c == '$') {
            int n = 0;
            while (c[1] >= '0' && c[1] <= '9' && n <= SQL_MAX_PARAMS)
                n = n * 10 + (*++c - '0');
            if (n >= 1 && n <= SQL_MAX_PARAMS)
                used[n] = 1;
        }
    }
    for (int i = 0; i < p->nparams; i++)
        p->types[i] = used[i + 1] ? 0 : 25; /* 25: text's OID */
}

struct pg_stmt *pgsql_stmt_get(struct pg_conn *pc, int part, int which, const char *sql)
{
    struct pg_stmt *p = pc->stmts[part][which];
    if (!p) {
        size_t sz = strlen(sql) * 2 + 1; /* ?N never grows past $N; bare ? doubles at most */
        if (!(p = calloc(1, sizeof *p)) || !(p->sql = malloc(sz))) {
            free(p);
            bot_log(BOT_LOG_ERROR, "store: postgres: out of memory");
            return NULL;
        }
        if (pgsql_translate(sql, p->sql, sz, &p->nparams) != BOT_OK) {
            bot_log(BOT_LOG_ERROR, "store: postgres: statement %d.%d: more than %d parameters", part, which,
                    SQL_MAX_PARAMS);
            stmt_free(p);
            return NULL;
        }
        mark_unused(p);
        p->conn = pc->conn;
        p->owner = pc;
        snprintf(p->name, sizeof p->name, "s%d_%d", part, which);
        pc->stmts[part][which] = p;
    }
    pgsql_reset(p);
    for (int i = 0; i < SQL_MAX_PARAMS; i++)
        p->values[i] = NULL;
    return p;
}

static int param(struct pg_stmt *p, int i)
{
    if (i < 1 || i > p->nparams) {
        bot_log(BOT_LOG_ERROR, "store: postgres: %s has no parameter %d", p->name, i);
        return -1;
    }
    return i - 1;
}

void pgsql_bind_int64(struct pg_stmt *p, int i, int64_t v)
{
    int k = param(p, i);
    if (k < 0)
        return;
    snprintf(p->ints[k], sizeof p->ints[k], "%lld", (long long)v);
    p->values[k] = p->ints[k];
}

void pgsql_bind_text(struct pg_stmt *p, int i, const char *v)
{
    int k = param(p, i);
    if (k < 0)
        return;
    free(p->texts[k]);
    p->texts[k] = v ? strdup(v) : NULL;
    p->values[k] = p->texts[k]; /* out of memory: NULL, and the statement fails on its NOT NULL */
}

void pgsql_bind_null(struct pg_stmt *p, int i)
{
    int k = param(p, i);
    if (k >= 0)
        p->values[k] = NULL;
}

static enum bot_rc session_set(struct pg_conn *pc);

/* The connection lost (the server restarted, a failover, a network cut): made again with the same URL, every
 * statement to be prepared again. Only between transactions: a transaction in flight is lost with its connection
 * and its caller rolls back (nothing it wrote was committed). BOT_OK when the connection is good now. */
static enum bot_rc revive(struct pg_conn *pc)
{
    if (PQstatus(pc->conn) == CONNECTION_OK)
        return BOT_OK;
    PQreset(pc->conn);
    if (PQstatus(pc->conn) != CONNECTION_OK) {
        pgsql_log(pc->conn, "reconnect", "");
        return BOT_DB;
    }
    for (int part = 0; part < STORE_PART_COUNT; part++)
        for (int i = 0; i < STORE_PART_MAX; i++)
            if (pc->stmts[part][i])
                pc->stmts[part][i]->prepared = 0;
    bot_log(BOT_LOG_WARN, "store: postgres: the connection was lost and is made again");
    return session_set(pc);
}

static int step_once(struct pg_stmt *p);

int pgsql_step(struct pg_stmt *p)
{
    int rc = step_once(p);
    /* a read or a lone write outside a transaction whose connection was lost: once more on a new one (inside a
     * transaction the caller rolls back, and its next BEGIN makes the connection again) */
    if (rc == SQL_ERROR && PQstatus(p->conn) == CONNECTION_BAD && revive(p->owner) == BOT_OK &&
        PQtransactionStatus(p->conn) == PQTRANS_IDLE) {
        pgsql_reset(p);
        rc = step_once(p);
    }
    return rc;
}

static int step_once(struct pg_stmt *p)
{
    if (!p->res) {
        if (!p->prepared) {
            PGresult *r = PQprepare(p->conn, p->name, p->sql, p->nparams, p->types);
            int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
            if (!ok) {
                pgsql_log(p->conn, "prepare", p->name);
                return SQL_ERROR;
            }
            p->prepared = 1;
        }
        p->res = PQexecPrepared(p->conn, p->name, p->nparams, p->values, NULL, NULL, 0);
        p->row = 0;
        ExecStatusType status = PQresultStatus(p->res);
        if (status == PGRES_COMMAND_OK) {
            p->changes = strtoll(PQcmdTuples(p->res), NULL, 10);
            return SQL_DONE;
        }
        if (status != PGRES_TUPLES_OK) {
            pgsql_log(p->conn, "step", p->name);
            return SQL_ERROR;
        }
        p->changes = 0;
    } else if (PQresultStatus(p->res) != PGRES_TUPLES_OK) {
        return SQL_DONE; /* stepped again after the command */
    }
    if (p->row >= PQntuples(p->res))
        return SQL_DONE;
    p->row++;
    return SQL_ROW;
}

static const char *cell(struct pg_stmt *p, int i)
{
    if (!p->res || p->row < 1 || i < 0 || i >= PQnfields(p->res) || PQgetisnull(p->res, p->row - 1, i))
        return NULL;
    return PQgetvalue(p->res, p->row - 1, i);
}

int64_t pgsql_column_int64(struct pg_stmt *p, int i)
{
    const char *v = cell(p, i);
    return v ? strtoll(v, NULL, 10) : 0;
}

double pgsql_column_double(struct pg_stmt *p, int i)
{
    const char *v = cell(p, i);
    return v ? strtod(v, NULL) : 0.0;
}

const char *pgsql_column_text(struct pg_stmt *p, int i)
{
    return cell(p, i);
}

int pgsql_column_null(struct pg_stmt *p, int i)
{
    return cell(p, i) == NULL;
}

int pgsql_column_count(struct pg_stmt *p)
{
    return p->res ? PQnfields(p->res) : 0;
}

void pgsql_reset(struct pg_stmt *p)
{
    PQclear(p->res);
    p->res = NULL;
    p->row = 0;
}

int64_t pgsql_changes(struct pg_stmt *p)
{
    return p->changes;
}

/* ---- the connection ---- */

enum bot_rc pgsql_exec(struct pg_conn *pc, const char *sql)
{
    PGresult *r = PQexec(pc->conn, sql);
    ExecStatusType status = PQresultStatus(r);
    PQclear(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        pgsql_log(pc->conn, "exec", "");
        return BOT_DB;
    }
    return BOT_OK;
}

static void notice_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* "relation … already exists, skipping" and the like */
}

enum bot_rc pgsql_open(const char *url, struct pg_conn **out, char err[256])
{
    *out = NULL;
    struct pg_conn *pc = calloc(1, sizeof *pc);
    if (!pc) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    pc->conn = PQconnectdb(url);
    if (!pc->conn || PQstatus(pc->conn) != CONNECTION_OK) {
        char msg[200];
        bot_strlcpy(msg, pc->conn ? PQerrorMessage(pc->conn) : "out of memory", sizeof msg);
        msg[strcspn(msg, "\n")] = '\0';
        snprintf(err, 256, "postgres: %s", msg);
        pgsql_close(pc);
        return BOT_DB;
    }
    PQsetNoticeProcessor(pc->conn, notice_quiet, NULL);
    if (session_set(pc) != BOT_OK) {
        snprintf(err, 256, "postgres: cannot set the session");
        pgsql_close(pc);
        return BOT_DB;
    }
    *out = pc;
    return BOT_OK;
}

/* an acknowledged write is durable whatever the server's default */
static enum bot_rc session_set(struct pg_conn *pc)
{
    return pgsql_exec(pc, "SET synchronous_commit = on; SET client_encoding = 'UTF8'");
}

void pgsql_close(struct pg_conn *pc)
{
    if (!pc)
        return;
    for (int part = 0; part < STORE_PART_COUNT; part++)
        for (int i = 0; i < STORE_PART_MAX; i++)
            stmt_free(pc->stmts[part][i]);
    PQfinish(pc->conn);
    free(pc);
}

/* A write transaction: the store-wide writer lock of the sqlite engine, across
 * every process on the database: a transaction-scoped advisory lock taken
 * first, released by COMMIT or ROLLBACK. READ COMMITTED is enough under it
 * (writers are serial, readers never block); per-account row locks are the
 * later refinement (docs/postgres.md). */
#define PG_WRITER_LOCK "2026111800"

enum bot_rc pgsql_begin(struct pg_conn *pc)
{
    if (revive(pc) != BOT_OK) /* a connection lost since the last transaction is made again here */
        return BOT_DB;
    enum bot_rc rc = pgsql_exec(pc, "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITER_LOCK ")");
    /* a connection that died idle (the server restarted) is only found dead by this BEGIN: nothing was begun, so
     * make it again and begin once more rather than fail the member's message */
    if (rc != BOT_OK && PQstatus(pc->conn) == CONNECTION_BAD && revive(pc) == BOT_OK)
        rc = pgsql_exec(pc, "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITER_LOCK ")");
    if (rc != BOT_OK)
        pgsql_exec(pc, "ROLLBACK"); /* a BEGIN without its lock is no write transaction */
    return rc;
}

enum bot_rc pgsql_commit(struct pg_conn *pc)
{
    enum bot_rc rc = pgsql_exec(pc, "COMMIT");
    if (rc != BOT_OK)
        pgsql_exec(pc, "ROLLBACK");
    return rc;
}

void pgsql_rollback(struct pg_conn *pc)
{
    pgsql_exec(pc, "ROLLBACK");
}

/* One row of one column, as an integer (the schema version). */
enum bot_rc pgsql_query_int(struct pg_conn *pc, const char *sql, int64_t *v)
{
    PGresult *r = PQexec(pc->conn, sql);
    enum bot_rc rc = BOT_DB;
    *v = 0;
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
            *v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        rc = BOT_OK;
    } else {
        pgsql_log(pc->conn, "query", "");
    }
    PQclear(r);
    return rc;
}
