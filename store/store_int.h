/* store_int.h — what the store's own files share: the handle, the statement cache by part, small sqlite helpers. */
#ifndef STORE_STORE_INT_H
#define STORE_STORE_INT_H

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "store.h"

/* Each file of the store keeps its statements in a list of its own; the
 * handle caches them by (part, index), prepared once per connection on
 * first use (db.c). */
enum store_part {
    STORE_PART_DB,
    STORE_PART_MEMBERS,
    STORE_PART_LINKS,
    STORE_PART_REQUESTS,
    STORE_PART_LEDGER,
    STORE_PART_COMMUNITY,
    STORE_PART_QUEUES,
    STORE_PART_CONVERSATION,
    STORE_PART_FUND,
    STORE_PART_NOTICES,
    STORE_PART_SKILLS,
    STORE_PART_CASH,
    STORE_PART_CONSOLE,
    STORE_PART_MERCHANTS,
    STORE_PART_MEMBERSHIP,
    STORE_PART_FINANCE,
    STORE_PART_BRANCHES,
    STORE_PART_AUDIT,
    STORE_PART_COUNT
};
#define STORE_PART_MAX 48 /* statements in one part at most */

/* One database file as every handle open on it shares it: its writer lock
 * and its group commit (db.c). */
struct store_db;

/* The PostgreSQL engine's connection (pg.c). */
struct pg_conn;

struct store {
    sqlite3 *db;            /* the sqlite engine; NULL on PostgreSQL */
    struct pg_conn *pg;     /* the PostgreSQL engine; NULL on sqlite */
    struct store_db *file;
    sqlite3_stmt *stmts[STORE_PART_COUNT][STORE_PART_MAX];
    int in_txn;
    int in_read; /* store_read_begin()'s read transaction is open (sqlite) */
    int group_sync; /* synchronous=FULL: commit without fsync, then group_sync() */
    /* the file's write connection while this handle's write transaction is open (db.c): every statement and script
     * of the transaction runs on it; NULL otherwise, and always on PostgreSQL and on a file not on disk */
    struct store *writing;
    int defer_sync;    /* store_defer_sync(): commits note their sequence number instead of waiting */
    uint64_t unsynced; /* the last commit noted */
    struct sql_stmt sql[STORE_PART_COUNT][STORE_PART_MAX]; /* the statement layer's handles (sql.h) */
};

/* A second handle on st's sqlite file for reads beside st's writes (a thread of the caller's), and whether st has
 * one to give (a file on disk with a write connection; never PostgreSQL). */
enum bot_rc store_open_reader(struct store *st, struct store **out);
int store_can_read_beside(const struct store *st);

/* The sqlite engine's cached statement `which` of part, reset and unbound, or NULL (logged); sql_stmt_get calls it. */
sqlite3_stmt *store_stmt(struct store *st, enum store_part part, int which, const char *sql);

/* The statement layer's `which` of part, reset and unbound, on whichever
 * engine st speaks, or NULL (logged) (sql.c). */
struct sql_stmt *sql_stmt_get(struct store *st, enum store_part part, int which, const char *sql);

/* STORE_STATEMENTS for a file ported to the statement layer: q(st, Q_NAME) is a struct sql_stmt *. One text
 * serves both engines whenever it can; where PostgreSQL needs another, STORE_SQL_STATEMENTS_PG(part, LIST, PGLIST)
 * with PGLIST(Y) as Y(Q_NAME, "postgres text") ... names the statements that differ (the rest use LIST's). */
#define STORE_AS_ENUM(name, sql) name,
#define STORE_AS_SQL(name, sql) sql,
#define STORE_PG_NONE(Y)
#define STORE_AS_PG_SQL(name, sql) [name] = sql,
#define STORE_SQL_STATEMENTS(part, LIST) STORE_SQL_STATEMENTS_PG(part, LIST, STORE_PG_NONE)
#define STORE_SQL_STATEMENTS_PG(part, LIST, PGLIST)                                      \
    enum { LIST(STORE_AS_ENUM) Q_COUNT };                                                \
    static const char *const q_sql[] = {LIST(STORE_AS_SQL)};                             \
    static const char *const q_pg_sql[Q_COUNT] = {PGLIST(STORE_AS_PG_SQL)};              \
    _Static_assert(Q_COUNT <= STORE_PART_MAX, "raise STORE_PART_MAX");                  \
    static struct sql_stmt *q(struct store *st, int which)                               \
    {                                                                                    \
        return sql_stmt_get(st, part, which, st->pg && q_pg_sql[which] ? q_pg_sql[which] : q_sql[which]); \
    }

/* ---- the PostgreSQL engine's connection (pg.c, schema_pg.c) ---- */
enum bot_rc pgsql_open(const char *url, struct pg_conn **out, char err[256]);
void pgsql_close(struct pg_conn *pc);
struct pg_stmt *pgsql_stmt_get(struct pg_conn *pc, int part, int which, const char *sql);
/* A script of statements without parameters. */
enum bot_rc pgsql_exec(struct pg_conn *pc, const char *sql);
enum bot_rc pgsql_query_int(struct pg_conn *pc, const char *sql, int64_t *v);
enum bot_rc pgsql_begin(struct pg_conn *pc);
enum bot_rc pgsql_commit(struct pg_conn *pc);
void pgsql_rollback(struct pg_conn *pc);
/* A store on PostgreSQL (a libpq URL), its schema brought up to date. Only the
 * files ported to the statement layer work on it (skills.c today); every other
 * store call fails with BOT_DB, logged as not ported (docs/postgres.md). The
 * bot refuses `[store] backend = postgres` until every file is ported. */
enum bot_rc store_open_pg(const char *url, struct store **out, char err[256]);
/* A script of statements on either engine (tests seed tables with it). */
enum bot_rc store_exec_sql(struct store *st, const char *sql);

/* Bring the schema up to date (schema.c); err[256] says why not. */
enum bot_rc store_migrate(struct store *st, char err[256]);
/* A member with an empty account named acct; *mid is its id (members.c).
 * Write transaction required. */
enum bot_rc store_new_member(struct store *st, const char *name, const char *acct, int64_t overdraft_minutes,
                             int64_t now, int64_t *mid);

/* The time a fund leg (j) of order r counts at for the fund's monthly budget: when its service finished (play-test 16),
 * the leg's own time for an order that has none. Q_FUND_SPENT and the audit's budget check read it alike. */
#define STORE_FUND_MONTH_AT(r, j) "coalesce(" r ".finished_at, " j ".at)"
/* The same for a confirmed order r on the boards (排行榜, the top volunteers): the month its service finished, so a
 * February order approved on 1 March counts for February, as the fund's budget does (play-test 16b); its
 * confirmation for one that has none. A service finishes before it is confirmed, so an order that counts from ?from
 * on was confirmed from then on: the requests_confirmed range still bounds the read. */
#define STORE_BOARD_MONTH_AT(r) "coalesce(" r ".finished_at, " r ".confirmed_at)"
#define STORE_BOARD_IN(r, from, to)                                                                         \
    r ".confirmed_at >= " from " AND " STORE_BOARD_MONTH_AT(r) " >= " from " AND " STORE_BOARD_MONTH_AT(r) \
    " < " to
/* A lot (l) of account (a) still holds credit. */
/* issue 18: a building filter bound to p: '' for every building, a building, or STORE_SCOPE_BRANCH "<id>" for the
 * buildings of one branch (a building not mapped is in branch 1) */
#define STORE_IN_SCOPE(col, p)                                                                              \
    "(" p " = '' OR " col " = " p " OR (substr(" p ", 1, 3) = '" STORE_SCOPE_BRANCH "' AND coalesce((SELECT " \
    "branch_id FROM building_branches WHERE building = " col "), 1) = CAST(substr(" p ", 4) AS INTEGER)))"
/* Is journal leg j part of its member's lifetime earned (her level, the match's rank)? The service credit she received,
 * less what a complaint holds of it (dispute: back to her when dismissed or halved) and what a 撤销代录 reverses: the
 * service she kept, as the dividend counts it. Only a member account's legs count; store_transfer applies the same
 * rule leg by leg (ledger.c earned_of_leg), the audit checks every member's earned against the sum, and v39 filled
 * it from the journal. */
#define STORE_EARNED_LEG(j)                                                                                      \
    "(" j ".kind = 'service' AND " j ".minutes > 0 OR " j ".kind = 'dispute' OR " j ".kind = 'reversal' AND "     \
    j ".minutes < 0)"
/* The minutes order r's volunteer kept of its credit: what was credited, less what a complaint holds or took back
 * (dispute, back to him when dismissed or halved) and what a 撤销代录 reversed: the service the boards, the 公示 and the
 * monthly reports count, one definition (play-test 14: the chat board counted an undone 代录, and all three a refunded
 * order, each differently). The legs besides the credit are rare: an index probe finds none for most orders. */
#define STORE_KEPT_MINUTES(r)                                                                                    \
    "(coalesce(" r ".credited_minutes, 0) + coalesce((SELECT sum(kj.minutes) FROM journal kj WHERE kj.request_id = " \
    r ".id AND kj.kind IN ('dispute', 'reversal') AND kj.account_id = (SELECT km.account_id FROM members km "     \
    "WHERE km.id = " r ".volunteer_id)), 0))"
/* A member account's lifetime earned, from the journal */
#define STORE_ACCOUNT_EARNED(acct)                                                                               \
    "coalesce((SELECT sum(je.minutes) FROM journal je WHERE je.account_id = " acct " AND " STORE_EARNED_LEG("je") "), 0)"
/* Member `who`'s lifetime earned minutes (her account's), 0 for none. */
#define MEMBER_EARNED(who)                                                                                       \
    "coalesce((SELECT a.earned FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.id = " who "), 0)"
/* v39, the same text on both engines: earned once counted a service a complaint refunded (or still held); the
 * journal's index by account carries each entry's kind too, so the audit reads balances and earned in one pass over it
 * and no journal row, and its index by order each entry's kind, minutes and transaction, so the audit's checks by order
 * read no journal row either (the same indexes, wider: none new to keep on a write) */
#define STORE_V39                                                                                                \
    "DROP INDEX journal_account;"                                                                                 \
    "CREATE INDEX journal_account ON journal(account_id, id, minutes, kind);"                                     \
    "DROP INDEX journal_request;"                                                                                 \
    "CREATE INDEX journal_request ON journal(request_id, kind, minutes, txn) WHERE request_id IS NOT NULL;"        \
    "UPDATE accounts SET earned = " STORE_ACCOUNT_EARNED("accounts.id") " WHERE kind = 'member';"               \
    "UPDATE member_skills SET earned = " MEMBER_EARNED("member_skills.member_id") ";"
/* v43, the same text on both engines: the journal's index by account, kind and time holds only the legs the fund's
 * month reads by it (service, reversal, refund: Q_FUND_SPENT, whose WHERE names the same list, as sqlite needs to use
 * a partial index). The expiry tick's million debits (kind expiry), and gifts, birthdays, penalties and the rest, no
 * longer each insert an entry of it at a random place: a member's other legs are read on journal_account, which
 * carries the kind. */
#define STORE_V43                                                                                                \
    "DROP INDEX journal_account_at;"                                                                              \
    "CREATE INDEX journal_account_at ON journal(account_id, kind, at) WHERE kind IN ('service', 'reversal', 'refund');"
/* The ratings member `who` (an SQL expression) got as the volunteer of the order rated, aggregated by agg: what the
 * volunteer match ranks by (an offer carries them, v32) and the audit checks. */
#define VOLUNTEER_STARS(agg, who)                                                                                \
    "(SELECT " agg " FROM ratings r JOIN requests q ON q.id = r.request_id AND q.volunteer_id = r.ratee_id "    \
    "WHERE r.ratee_id = " who ")"
/* v37: an order's state as a notice about it keeps it (status:volunteer:accepted_at, so a second accept by the same
 * volunteer is a new state), or, for a notice to its volunteer, only "v:"volunteer:accepted_at (true while he keeps the
 * order through its start, until the service is over: his address notice was read after the order was confirmed,
 * helper-70); written from the order's row r */
#define STORE_REQ_STATE_OF(r) r ".status || ':' || coalesce(" r ".volunteer_id, 0) || ':' || coalesce(" r ".accepted_at, 0)"
#define STORE_REQ_VOLUNTEER_STATE_OF(r)                                                                           \
    "'v:' || coalesce(" r ".volunteer_id, 0) || ':' || coalesce(" r ".accepted_at, 0) || CASE WHEN " r ".status IN " \
    "('finished', 'confirmed', 'cancelled', 'expired', 'disputed') THEN ':done' ELSE '' END"
/* Is notice n (a table name or alias) still current: about no order, or about one whose state has not moved since? */
#define STORE_NOTICE_CURRENT(n)                                                                                   \
    "(" n ".request_id IS NULL OR " n ".request_state = '' OR EXISTS (SELECT 1 FROM requests rs_ WHERE rs_.id = "   \
    n ".request_id AND "                                                                                          \
    n ".request_state IN (" STORE_REQ_STATE_OF("rs_") ", " STORE_REQ_VOLUNTEER_STATE_OF("rs_") ")))"
/* ... and not past the time it was true until (bound to `now`) */
#define STORE_NOTICE_FRESH(n, now) "(" n ".stale_at IS NULL OR " n ".stale_at > " now ")"
/* Is notice n waiting for its member at now: not delivered, the member's (not one identity's own), current and fresh.
 * Every read and count of a member's waiting notices goes through it (notices.c), so they never disagree. */
#define STORE_NOTICE_WAITING(n, now)                                                                              \
    "(" n ".delivered_at IS NULL AND " n ".platform IS NULL AND " STORE_NOTICE_CURRENT(n) " AND "                 \
    STORE_NOTICE_FRESH(n, now) ")"
/* The wall clock's now in unix seconds, for a view (which has no parameter): sqlite's and PostgreSQL's spelling */
#define STORE_WALL_NOW_LITE "CAST(strftime('%s', 'now') AS INTEGER)"
#define STORE_WALL_NOW_PG "CAST(extract(epoch FROM now()) AS BIGINT)"
/* v48, the same text on both engines (INTEGER is BIGINT on PostgreSQL's side too: both accept it) */
#define STORE_V48                                                                                                 \
    "ALTER TABLE notices ADD COLUMN outbox_id BIGINT;"                                                             \
    "CREATE INDEX notices_outbox ON notices(outbox_id) WHERE outbox_id IS NOT NULL;"                               \
    "CREATE INDEX outbox_reached ON outbox(platform, user_id) WHERE status = 'sent' AND chat_id IS NULL;"
/* v50, the same text on both engines: a notice about an order whose push may die keeps the order's start (late_at)
 * and what it says once that start has passed (late_text: what was missed, not a reminder for the future) */
#define STORE_V50                                                                                                 \
    "ALTER TABLE notices ADD COLUMN late_at BIGINT;"                                                               \
    "ALTER TABLE notices ADD COLUMN late_text TEXT;"
/* What notice n reads at now: its late_text once its late_at has passed (v50), else its text. */
#define STORE_NOTICE_TEXT_AT(n, now)                                                                              \
    "CASE WHEN " n ".late_at IS NOT NULL AND " n ".late_at <= " now " AND " n ".late_text IS NOT NULL THEN " n   \
    ".late_text ELSE " n ".text END"
/* An outbox row's destination as one key (v35): platform|chat|user, what the scan walks in order. */
#define STORE_OUTBOX_DEST(platform, chat, user) \
    platform " || '|' || coalesce(" chat ", '') || '|' || coalesce(" user ", '')"
/* v35, the same text on both engines: every outbox row's destination key, the scan's index on it */
#define STORE_V35                                                                                                 \
    "ALTER TABLE outbox ADD COLUMN dest TEXT NOT NULL DEFAULT '';"                                                \
    "UPDATE outbox SET dest = " STORE_OUTBOX_DEST("platform", "chat_id", "user_id") ";"                         \
    "DROP INDEX outbox_dest;"                                                                                     \
    /* covering for the scan (sqlite reads a partial index's own condition from the row unless it is a column) */ \
    "CREATE INDEX outbox_dest ON outbox(dest, next_at, id, sent_at, status) WHERE status = 'pending';"

/* The latest start of an order member `who` accepted (0 for none): v34's upper bound on an offer. */
#define MEMBER_LAST_ACCEPT(who) "coalesce((SELECT max(accepted_at) FROM requests WHERE volunteer_id = " who "), 0)"
/* v34 after its new column (each engine adds it in its own type): every offer filled, the match's index widened */
#define STORE_V34_FILL                                                                                            \
    "UPDATE member_skills SET last_accept = " MEMBER_LAST_ACCEPT("member_skills.member_id") ";"                 \
    "DROP INDEX member_skills_match;"                                                                             \
    "CREATE INDEX member_skills_match ON member_skills(service, building, member_id, earned, stars_sum, stars_n, " \
    "last_accept);"

/* v33, the same text on both engines: untimed orders hold NULL, and the open ones of a service by start */
#define STORE_V33                                                                                                 \
    "UPDATE requests SET start_at = NULL WHERE start_at = 0;"                                                     \
    "CREATE INDEX requests_open_service ON requests(service, start_at) WHERE status = 'open';"

/* v32 after its new columns (each engine adds them in its own types): every offer filled from its member, the match's
 * covering index, requests_volunteer with accepted_at for orders that have a volunteer. */
#define STORE_V32_FILL                                                                                          \
    "UPDATE member_skills SET earned = " MEMBER_EARNED("member_skills.member_id") ", "                         \
    "  stars_sum = " VOLUNTEER_STARS("coalesce(sum(r.stars), 0)", "member_skills.member_id") ", "               \
    "  stars_n = " VOLUNTEER_STARS("count(*)", "member_skills.member_id") ";"                                  \
    "DROP INDEX member_skills_match;"                                                                           \
    "CREATE INDEX member_skills_match ON member_skills(service, building, member_id, earned, stars_sum, stars_n);" \
    "DROP INDEX requests_volunteer;"                                                                            \
    "CREATE INDEX requests_volunteer ON requests(volunteer_id, status, accepted_at) WHERE volunteer_id IS NOT NULL;"

#define LOT_LIVE "l.remaining > 0 AND (l.expires_at IS NULL OR l.expires_at > a.expired_through)"

static inline void bind_text_or_null(struct sql_stmt *s, int i, const char *v)
{
    if (v && *v)
        sql_bind_text(s, i, v);
    else
        sql_bind_null(s, i);
}

static inline void bind_i64_or_null(struct sql_stmt *s, int i, int64_t v)
{
    if (v)
        sql_bind_int64(s, i, v);
    else
        sql_bind_null(s, i);
}

/* Bind platform, user_id as ?1, ?2 of s (NULL passes through). */
static inline struct sql_stmt *bind_ident(struct sql_stmt *s, const char *platform, const char *user_id)
{
    if (s) {
        sql_bind_text(s, 1, platform);
        sql_bind_text(s, 2, user_id);
    }
    return s;
}

static inline void col_text(struct sql_stmt *s, int i, char *dst, size_t dstsz)
{
    bot_strlcpy(dst, sql_column_text(s, i), dstsz);
}

/* The sqlite connection st's statements run on now (its write transaction's, or its own). */
static inline sqlite3 *store_lite(struct store *st) { return st->writing ? st->writing->db : st->db; }

/* sqlite's own script runner (db.c, schema.c); every other file runs scripts through store_exec_sql. */
static inline enum bot_rc exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    if (st->writing)
        st = st->writing;
    if (!st->db)
        return store_exec_sql(st, sql);
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        bot_log(BOT_LOG_ERROR, "store: %s", msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return BOT_DB;
    }
    return BOT_OK;
}

/* The first column as an id (a sql_reader over int64_t). */
enum bot_rc store_read_id(struct sql_stmt *s, void *out);

#endif
