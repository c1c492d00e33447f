/* cash.c — the cash ledger: yuan in integer fen, double-entry like the hours and never mixed with them. */
#include "store_int.h"

/* the named cash kinds and system cash accounts of ledger_kinds.h */
#define CASH_KIND_DEFINE(name, str) const char STORE_CASH_KIND_##name[] = str;
#define CASH_ACCOUNT_DEFINE(name, str) const char STORE_CASH_ACCOUNT_##name[] = str;
STORE_CASH_KINDS(CASH_KIND_DEFINE)
STORE_CASH_ACCOUNTS(CASH_ACCOUNT_DEFINE)

#define CASH_SQL(X)                                                                           \
    X(Q_CASH_ACCOUNT_GET,                                                                     \
      "SELECT c.id, c.name, c.kind, coalesce(c.member_id, 0), coalesce(m.name, ''), c.balance_fen " \
      "FROM cash_accounts c LEFT JOIN members m ON m.id = c.member_id WHERE c.id = ?1")     \
    X(Q_CASH_ACCOUNT_BY_NAME,                                                                 \
      "SELECT c.id, c.name, c.kind, coalesce(c.member_id, 0), coalesce(m.name, ''), c.balance_fen " \
      "FROM cash_accounts c LEFT JOIN members m ON m.id = c.member_id WHERE c.name = ?1")   \
    X(Q_CASH_ACCOUNT_ALL,                                                                     \
      "SELECT c.id, c.name, c.kind, coalesce(c.member_id, 0), coalesce(m.name, ''), c.balance_fen " \
      "FROM cash_accounts c LEFT JOIN members m ON m.id = c.member_id ORDER BY c.id")       \
    X(Q_CASH_ACCOUNT_INSERT,                                                                  \
      "INSERT INTO cash_accounts(name, kind, member_id) VALUES (?1, ?2, ?3) RETURNING id")                \
    X(Q_CASH_ADD, "UPDATE cash_accounts SET balance_fen = balance_fen + ?2 WHERE id = ?1")   \
    X(Q_CASH_NEXT_TXN, "SELECT coalesce(max(txn), 0) + 1 FROM cash_journal")                 \
    X(Q_CASH_INSERT,                                                                          \
      "INSERT INTO cash_journal(txn, account_id, fen, kind, item, ref, memo, by_member, at) " \
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)")                                                   \
    X(Q_CASH_HISTORY,                                                                         \
      "SELECT j.txn, j.fen, j.kind, j.item, j.ref, j.memo, coalesce(j.by_member, 0), j.at, "  \
      "coalesce((SELECT group_concat(CASE WHEN m.name != '' THEN m.name ELSE coalesce((SELECT s.name FROM merchants s " \
      "WHERE s.cash_account_id = a.id), a.name) END, ',') " \
      "FROM cash_journal o JOIN cash_accounts a ON a.id = o.account_id LEFT JOIN members m ON m.id = a.member_id " \
      "WHERE o.txn = j.txn AND o.account_id != j.account_id), '') "                           \
      "FROM cash_journal j WHERE j.account_id = ?1 ORDER BY j.id DESC LIMIT ?2")              \
    X(Q_CASH_SUMS,                                                                            \
      "SELECT kind, item, sum(fen), count(*) FROM cash_journal WHERE account_id = ?1 AND at >= ?2 AND at < ?3 " \
      "GROUP BY kind, item ORDER BY kind, abs(sum(fen)) DESC, item LIMIT ?4")

/* PostgreSQL's group_concat is string_agg */
#define CASH_PG_SQL(Y)                                                                        \
    Y(Q_CASH_HISTORY,                                                                         \
      "SELECT j.txn, j.fen, j.kind, j.item, j.ref, j.memo, coalesce(j.by_member, 0), j.at, "  \
      "coalesce((SELECT string_agg(CASE WHEN m.name != '' THEN m.name ELSE coalesce((SELECT s.name FROM merchants s " \
      "WHERE s.cash_account_id = a.id), a.name) END, ',' ORDER BY o.id) " \
      "FROM cash_journal o JOIN cash_accounts a ON a.id = o.account_id LEFT JOIN members m ON m.id = a.member_id " \
      "WHERE o.txn = j.txn AND o.account_id != j.account_id), '') "                           \
      "FROM cash_journal j WHERE j.account_id = ?1 ORDER BY j.id DESC LIMIT ?2")

STORE_SQL_STATEMENTS_PG(STORE_PART_CASH, CASH_SQL, CASH_PG_SQL)

static enum bot_rc read_cash_account(struct sql_stmt *s, void *out)
{
    struct store_cash_account *a = out;
    memset(a, 0, sizeof *a);
    a->id = sql_column_int64(s, 0);
    col_text(s, 1, a->name, sizeof a->name);
    col_text(s, 2, a->kind, sizeof a->kind);
    a->member_id = sql_column_int64(s, 3);
    col_text(s, 4, a->member_name, sizeof a->member_name);
    a->balance_fen = sql_column_int64(s, 5);
    return BOT_OK;
}

enum bot_rc store_cash_account_get(struct store *st, int64_t id, struct store_cash_account *out)
{
    struct sql_stmt *s = q(st, Q_CASH_ACCOUNT_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_cash_account, out);
}

enum bot_rc store_cash_account_by_name(struct store *st, const char *name, struct store_cash_account *out)
{
    struct sql_stmt *s = q(st, Q_CASH_ACCOUNT_BY_NAME);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, name);
    return sql_row(s, read_cash_account, out);
}

enum bot_rc store_cash_accounts_each(struct store *st, void (*fn)(const struct store_cash_account *, void *),
                                     void *arg)
{
    struct sql_stmt *s = q(st, Q_CASH_ACCOUNT_ALL);
    if (!s)
        return BOT_DB;
    int rc;
    struct store_cash_account a;
    while ((rc = sql_step(s)) == SQL_ROW) {
        read_cash_account(s, &a);
        fn(&a, arg);
    }
    sql_reset(s);
    return rc == SQL_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_cash_account_open(struct store *st, const char *name, const char *kind, int64_t member,
                                    int64_t *id)
{
    struct store_cash_account a;
    enum bot_rc rc = store_cash_account_by_name(st, name, &a);
    if (rc == BOT_OK) {
        if (strcmp(a.kind, kind) != 0 || a.member_id != member)
            return BOT_INVALID; /* the name is another account's */
        *id = a.id;
        return BOT_OK;
    }
    if (rc != BOT_NOTFOUND)
        return rc;
    if (!st->in_txn || !*name || !*kind)
        return BOT_INVALID;
    struct sql_stmt *s = q(st, Q_CASH_ACCOUNT_INSERT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, name);
    sql_bind_text(s, 2, kind);
    bind_i64_or_null(s, 3, member);
    return sql_int64(s, id);
}

enum bot_rc store_cash_member_account(struct store *st, int64_t member, int64_t *id)
{
    char name[48];
    if (member <= 0)
        return BOT_INVALID;
    snprintf(name, sizeof name, "member:%lld", (long long)member);
    return store_cash_account_open(st, name, STORE_CASH_ACCOUNT_KIND_MEMBER, member, id);
}

static enum bot_rc cash_leg(struct store *st, int64_t txn, int64_t account, int64_t fen,
                            const struct store_cash_transfer *t)
{
    struct sql_stmt *s = q(st, Q_CASH_INSERT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, txn);
    sql_bind_int64(s, 2, account);
    sql_bind_int64(s, 3, fen);
    sql_bind_text(s, 4, t->kind);
    sql_bind_text(s, 5, t->item ? t->item : "");
    sql_bind_text(s, 6, t->ref ? t->ref : "");
    sql_bind_text(s, 7, t->memo ? t->memo : "");
    bind_i64_or_null(s, 8, t->by);
    sql_bind_int64(s, 9, t->now);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK)
        return rc;
    if (!(s = q(st, Q_CASH_ADD)))
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, fen);
    return sql_done(s);
}

/* Is kind one of STORE_CASH_KINDS? */
static int cash_kind_known(const char *kind)
{
#define CASH_KIND_IS(name, str) || strcmp(kind, str) == 0
    return kind && (0 STORE_CASH_KINDS(CASH_KIND_IS));
#undef CASH_KIND_IS
}

enum bot_rc store_cash_transfer(struct store *st, const struct store_cash_transfer *t, int64_t *txn_out)
{
    struct store_cash_account from, to;
    enum bot_rc rc;
    if (!st->in_txn || t->fen <= 0 || t->from_account == t->to_account || !cash_kind_known(t->kind))
        return BOT_INVALID;
    if ((rc = store_cash_account_get(st, t->from_account, &from)) != BOT_OK ||
        (rc = store_cash_account_get(st, t->to_account, &to)) != BOT_OK)
        return rc;
    /* what holds money never goes below nothing: the bank, a member's account, a merchant's, a payable */
    if (store_cash_kind_holds(from.kind) && from.balance_fen < t->fen)
        return BOT_LIMIT;
    int64_t txn = 0;
    struct sql_stmt *s = q(st, Q_CASH_NEXT_TXN);
    if (!s)
        return BOT_DB;
    if ((rc = sql_int64(s, &txn)) != BOT_OK)
        return rc;
    if ((rc = cash_leg(st, txn, t->from_account, -t->fen, t)) != BOT_OK ||
        (rc = cash_leg(st, txn, t->to_account, t->fen, t)) != BOT_OK)
        return rc;
    if (txn_out)
        *txn_out = txn;
    return BOT_OK;
}

int store_cash_kind_holds(const char *account_kind)
{
    /* income is where money comes from (its balance is minus what came in), expense where spent money goes;
     * every other account holds money (or a claim to it) and never goes below zero */
    return strcmp(account_kind, STORE_CASH_ACCOUNT_KIND_SOURCE) != 0 &&
           strcmp(account_kind, STORE_CASH_ACCOUNT_KIND_SINK) != 0;
}

enum bot_rc store_cash_history(struct store *st, int64_t account, struct store_cash_entry *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_CASH_HISTORY);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, max);
    int rc = SQL_DONE;
    while (*n < max && (rc = sql_step(s)) == SQL_ROW) {
        struct store_cash_entry *e = &out[(*n)++];
        memset(e, 0, sizeof *e);
        e->txn = sql_column_int64(s, 0);
        e->fen = sql_column_int64(s, 1);
        col_text(s, 2, e->kind, sizeof e->kind);
        col_text(s, 3, e->item, sizeof e->item);
        col_text(s, 4, e->ref, sizeof e->ref);
        col_text(s, 5, e->memo, sizeof e->memo);
        e->by = sql_column_int64(s, 6);
        e->at = sql_column_int64(s, 7);
        col_text(s, 8, e->counterpart, sizeof e->counterpart);
    }
    sql_reset(s);
    return rc == SQL_DONE || rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_cash_sums(struct store *st, int64_t account, int64_t from, int64_t to, struct store_cash_sum *out,
                            int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_CASH_SUMS);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, from);
    sql_bind_int64(s, 3, to);
    sql_bind_int64(s, 4, max);
    int rc = SQL_DONE;
    while (*n < max && (rc = sql_step(s)) == SQL_ROW) {
        struct store_cash_sum *x = &out[(*n)++];
        memset(x, 0, sizeof *x);
        col_text(s, 0, x->kind, sizeof x->kind);
        col_text(s, 1, x->item, sizeof x->item);
        x->fen = sql_column_int64(s, 2);
        x->count = sql_column_int64(s, 3);
    }
    sql_reset(s);
    return rc == SQL_DONE || rc == SQL_ROW ? BOT_OK : BOT_DB;
}
