/* finance.c — the books in the open: spending waiting for approval (支出#N), the opening balance, balances at a date. */
#include "store_int.h"

#define SPEND_COLS                                                                                     \
    "id, item, fen, memo, band, status, entered_by, entered_at, coalesce(decided_by, 0), "           \
    "coalesce(decided_at, 0), decision, coalesce(cash_txn, 0)"

#define FINANCE_SQL(X)                                                                                 \
    X(Q_SPEND_INSERT,                                                                                  \
      "INSERT INTO spendings(id, item, fen, memo, band, status, entered_by, entered_at, decided_by, decided_at, " \
      "decision, cash_txn) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM spendings), ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10," \
      "?11) RETURNING id")                               \
    X(Q_SPEND_GET, "SELECT " SPEND_COLS " FROM spendings WHERE id = ?1")                               \
    X(Q_SPEND_DECIDE,                                                                                  \
      "UPDATE spendings SET status = ?2, decided_by = ?3, decision = ?4, cash_txn = ?5, decided_at = ?6 " \
      "WHERE id = ?1 AND status = 'pending'")                                                          \
    X(Q_SPEND_PENDING, "SELECT " SPEND_COLS " FROM spendings WHERE status = 'pending' ORDER BY id LIMIT ?1") \
    X(Q_SPEND_TWIN,                                                                                    \
      "SELECT id FROM spendings WHERE item = ?1 AND fen = ?2 AND memo = ?3 AND entered_at >= ?4 "         \
      "AND status != 'rejected' ORDER BY id DESC LIMIT 1")                                               \
    X(Q_SPEND_SELF_SUM,                                                                                \
      "SELECT coalesce(sum(fen), 0) FROM spendings WHERE entered_by = ?1 AND item = ?2 AND band = 1 "    \
      "AND status = 'approved' AND entered_at >= ?3")                                                     \
    X(Q_CASH_KIND_COUNT, "SELECT count(*) FROM cash_journal WHERE kind = ?1")                         \
    X(Q_CASH_BALANCE_AT, "SELECT coalesce(sum(fen), 0) FROM cash_journal WHERE account_id = ?1 AND at < ?2") \
    X(Q_REQ_KIND_SUM,                                                                                  \
      "SELECT coalesce(sum(j.minutes), 0) FROM journal j JOIN accounts a ON a.id = j.account_id "      \
      "WHERE j.request_id = ?1 AND j.kind = ?2 AND a.name = ?3")

STORE_SQL_STATEMENTS(STORE_PART_FINANCE, FINANCE_SQL)

static const char *const spend_status_names[] = {"pending", "approved", "rejected"};

static enum bot_rc read_spending(struct sql_stmt *s, void *out)
{
    struct store_spending *x = out;
    char status[16];
    memset(x, 0, sizeof *x);
    x->id = sql_column_int64(s, 0);
    col_text(s, 1, x->item, sizeof x->item);
    x->fen = sql_column_int64(s, 2);
    col_text(s, 3, x->memo, sizeof x->memo);
    x->band = sql_column_int64(s, 4);
    col_text(s, 5, status, sizeof status);
    x->status = STORE_SPEND_PENDING;
    for (int i = 0; i < (int)BOT_ARRAY_LEN(spend_status_names); i++)
        if (strcmp(status, spend_status_names[i]) == 0)
            x->status = (enum store_spend_status)i;
    x->entered_by = sql_column_int64(s, 6);
    x->entered_at = sql_column_int64(s, 7);
    x->decided_by = sql_column_int64(s, 8);
    x->decided_at = sql_column_int64(s, 9);
    col_text(s, 10, x->decision, sizeof x->decision);
    x->cash_txn = sql_column_int64(s, 11);
    return BOT_OK;
}

enum bot_rc store_spending_create(struct store *st, const struct store_spending *x, int64_t *id)
{
    if (!st->in_txn || x->fen <= 0 || x->band < 1 || x->band > 3 || !x->item[0] || x->entered_by <= 0 ||
        (unsigned)x->status >= BOT_ARRAY_LEN(spend_status_names))
        return BOT_INVALID;
    struct sql_stmt *s = q(st, Q_SPEND_INSERT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, x->item);
    sql_bind_int64(s, 2, x->fen);
    sql_bind_text(s, 3, x->memo);
    sql_bind_int64(s, 4, x->band);
    sql_bind_text(s, 5, spend_status_names[x->status]);
    sql_bind_int64(s, 6, x->entered_by);
    sql_bind_int64(s, 7, x->entered_at);
    bind_i64_or_null(s, 8, x->decided_by);
    bind_i64_or_null(s, 9, x->decided_at);
    sql_bind_text(s, 10, x->decision);
    bind_i64_or_null(s, 11, x->cash_txn);
    return sql_int64(s, id);
}

enum bot_rc store_spending_get(struct store *st, int64_t id, struct store_spending *out)
{
    struct sql_stmt *s = q(st, Q_SPEND_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_spending, out);
}

enum bot_rc store_spending_decide(struct store *st, int64_t id, enum store_spend_status status, int64_t by,
                                  const char *decision, int64_t cash_txn, int64_t now)
{
    if (!st->in_txn || status == STORE_SPEND_PENDING || (unsigned)status >= BOT_ARRAY_LEN(spend_status_names) ||
        by <= 0)
        return BOT_INVALID;
    struct sql_stmt *s = q(st, Q_SPEND_DECIDE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_text(s, 2, spend_status_names[status]);
    sql_bind_int64(s, 3, by);
    sql_bind_text(s, 4, decision ? decision : "");
    bind_i64_or_null(s, 5, cash_txn);
    sql_bind_int64(s, 6, now);
    return sql_changed(s);
}

enum bot_rc store_spendings_pending(struct store *st, struct store_spending *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_SPEND_PENDING);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, max);
    return sql_rows(s, read_spending, out, sizeof *out, max, n);
}

enum bot_rc store_cash_kind_count(struct store *st, const char *kind, int64_t *n)
{
    struct sql_stmt *s = q(st, Q_CASH_KIND_COUNT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, kind);
    return sql_int64(s, n);
}

enum bot_rc store_cash_balance_at(struct store *st, int64_t account, int64_t at, int64_t *fen)
{
    struct sql_stmt *s = q(st, Q_CASH_BALANCE_AT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, at);
    return sql_int64(s, fen);
}

enum bot_rc store_request_kind_sum(struct store *st, int64_t request_id, const char *kind, const char *account,
                                   int64_t *minutes)
{
    struct sql_stmt *s = q(st, Q_REQ_KIND_SUM);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_text(s, 2, kind);
    sql_bind_text(s, 3, account);
    return sql_int64(s, minutes);
}

enum bot_rc store_spending_twin(struct store *st, const char *item, int64_t fen, const char *memo, int64_t since,
                                int64_t *id)
{
    *id = 0;
    struct sql_stmt *s = q(st, Q_SPEND_TWIN);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, item);
    sql_bind_int64(s, 2, fen);
    sql_bind_text(s, 3, memo);
    sql_bind_int64(s, 4, since);
    enum bot_rc rc = sql_row(s, store_read_id, id);
    return rc == BOT_NOTFOUND ? BOT_OK : rc;
}

enum bot_rc store_spending_self_sum(struct store *st, int64_t by, const char *item, int64_t since, int64_t *fen)
{
    struct sql_stmt *s = q(st, Q_SPEND_SELF_SUM);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, by);
    sql_bind_text(s, 2, item);
    sql_bind_int64(s, 3, since);
    return sql_int64(s, fen);
}
