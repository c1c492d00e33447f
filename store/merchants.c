/* merchants.c — partner merchants: their terms and accounts, their clerks, members' redemption codes, redemptions. */
#include "store_int.h"

#define MERCHANT_COLS                                                                                  \
    "id, name, yuan_per_credit_fen, max_fen, fee_bp, coalesce(account_id, 0), coalesce(cash_account_id, 0), " \
    "created_at, updated_at"
#define CODE_COLS "id, code, member_id, created_at, expires_at, coalesce(used_at, 0), coalesce(replaced_at, 0)"

#define MERCHANT_SQL(X)                                                                               \
    X(Q_M_BY_NAME, "SELECT " MERCHANT_COLS " FROM merchants WHERE name = ?1")                         \
    X(Q_M_GET, "SELECT " MERCHANT_COLS " FROM merchants WHERE id = ?1")                               \
    X(Q_M_INSERT,                                                                                     \
      "INSERT INTO merchants(name, yuan_per_credit_fen, max_fen, fee_bp, created_by, created_at, updated_at) " \
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id")                                                         \
    X(Q_M_TERMS,                                                                                      \
      "UPDATE merchants SET yuan_per_credit_fen = ?2, max_fen = ?3, fee_bp = ?4, updated_at = ?5 WHERE id = ?1") \
    X(Q_M_ACCOUNTS, "UPDATE merchants SET account_id = ?2, cash_account_id = ?3 WHERE id = ?1")       \
    X(Q_M_TIME_ACCOUNT, "INSERT INTO accounts(name, kind) VALUES (?1, '" STORE_ACCOUNT_KIND_MERCHANT "') RETURNING id") \
    X(Q_CLERK_BIND,                                                                                   \
      "INSERT INTO merchant_clerks(merchant_id, member_id, bound_by, bound_at) VALUES (?1, ?2, ?3, ?4) "\
      "ON CONFLICT DO NOTHING") \
    X(Q_CLERK_UNBIND, "DELETE FROM merchant_clerks WHERE merchant_id = ?1 AND member_id = ?2")        \
    X(Q_CLERK_OF,                                                                                     \
      "SELECT m.id, m.name, m.yuan_per_credit_fen, m.max_fen, m.fee_bp, coalesce(m.account_id, 0), "  \
      "coalesce(m.cash_account_id, 0), m.created_at, m.updated_at FROM merchant_clerks c "            \
      "JOIN merchants m ON m.id = c.merchant_id WHERE c.member_id = ?1 ORDER BY c.bound_at, m.id LIMIT ?2") \
    X(Q_CODE_REPLACE,                                                                                 \
      "UPDATE redeem_codes SET replaced_at = ?2 WHERE member_id = ?1 AND used_at IS NULL AND replaced_at IS NULL") \
    X(Q_CODE_INSERT,                                                                                  \
      "INSERT INTO redeem_codes(code, member_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4) "\
      "ON CONFLICT DO NOTHING") \
    X(Q_CODE_GET, "SELECT " CODE_COLS " FROM redeem_codes WHERE code = ?1")                           \
    X(Q_CODE_USE,                                                                                     \
      "UPDATE redeem_codes SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL AND replaced_at IS NULL") \
    X(Q_WRONG_ADD, "INSERT INTO redeem_wrong(clerk_id, code, at) VALUES (?1, ?2, ?3)")                \
    X(Q_WRONG_NTH,                                                                                    \
      "SELECT coalesce((SELECT at FROM redeem_wrong WHERE clerk_id = ?1 ORDER BY at DESC, id DESC "    \
      "LIMIT 1 OFFSET ?2), 0)")                                                                       \
    X(Q_REDEMPTION_ADD,                                                                               \
      "INSERT INTO redemptions(merchant_id, member_id, clerk_id, code, price_fen, minutes, discount_fen, fee_fen, " \
      "at, txn, cash_txn) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id")                     \
    X(Q_MONTH,                                                                                        \
      "SELECT count(*), coalesce(sum(minutes), 0), coalesce(sum(discount_fen), 0), coalesce(sum(price_fen), 0), " \
      "coalesce(sum(fee_fen), 0) FROM redemptions WHERE merchant_id = ?1 AND at >= ?2 AND at < ?3") \
    X(Q_M_LIST, "SELECT " MERCHANT_COLS " FROM merchants ORDER BY name LIMIT ?1")

STORE_SQL_STATEMENTS(STORE_PART_MERCHANTS, MERCHANT_SQL)

static enum bot_rc read_merchant(struct sql_stmt *s, void *out)
{
    struct store_merchant *m = out;
    memset(m, 0, sizeof *m);
    m->id = sql_column_int64(s, 0);
    col_text(s, 1, m->name, sizeof m->name);
    m->yuan_per_credit_fen = sql_column_int64(s, 2);
    m->max_fen = sql_column_int64(s, 3);
    m->fee_bp = sql_column_int64(s, 4);
    m->account_id = sql_column_int64(s, 5);
    m->cash_account_id = sql_column_int64(s, 6);
    m->created_at = sql_column_int64(s, 7);
    m->updated_at = sql_column_int64(s, 8);
    return BOT_OK;
}

enum bot_rc store_merchant_by_name(struct store *st, const char *name, struct store_merchant *out)
{
    struct sql_stmt *s = q(st, Q_M_BY_NAME);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, name);
    return sql_row(s, read_merchant, out);
}

enum bot_rc store_merchant_get(struct store *st, int64_t id, struct store_merchant *out)
{
    struct sql_stmt *s = q(st, Q_M_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_merchant, out);
}

/* The new merchant id's two accounts: hours spent there, and what it owes in yuan. */
static enum bot_rc open_accounts(struct store *st, int64_t id)
{
    char name[48];
    int64_t time_account = 0, cash_account = 0;
    snprintf(name, sizeof name, "merchant:%lld", (long long)id);
    struct sql_stmt *s = q(st, Q_M_TIME_ACCOUNT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, name);
    enum bot_rc rc = sql_int64(s, &time_account);
    if (rc == BOT_OK)
        rc = store_cash_account_open(st, name, STORE_CASH_ACCOUNT_KIND_MERCHANT, 0, &cash_account);
    if (rc != BOT_OK)
        return rc;
    if (!(s = q(st, Q_M_ACCOUNTS)))
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, time_account);
    sql_bind_int64(s, 3, cash_account);
    return sql_done(s);
}

enum bot_rc store_merchant_put(struct store *st, struct store_merchant *m, int64_t by, int64_t now, int *created)
{
    struct store_merchant old;
    *created = 0;
    if (!st->in_txn || !m->name[0] || m->yuan_per_credit_fen <= 0 || m->max_fen <= 0 || m->fee_bp < 0)
        return BOT_INVALID;
    enum bot_rc rc = store_merchant_by_name(st, m->name, &old);
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    struct sql_stmt *s = q(st, rc == BOT_OK ? Q_M_TERMS : Q_M_INSERT);
    if (!s)
        return BOT_DB;
    if (rc == BOT_OK) {
        sql_bind_int64(s, 1, old.id);
        sql_bind_int64(s, 2, m->yuan_per_credit_fen);
        sql_bind_int64(s, 3, m->max_fen);
        sql_bind_int64(s, 4, m->fee_bp);
        sql_bind_int64(s, 5, now);
        if ((rc = sql_done(s)) != BOT_OK)
            return rc;
        return store_merchant_get(st, old.id, m);
    }
    int64_t id = 0;
    sql_bind_text(s, 1, m->name);
    sql_bind_int64(s, 2, m->yuan_per_credit_fen);
    sql_bind_int64(s, 3, m->max_fen);
    sql_bind_int64(s, 4, m->fee_bp);
    bind_i64_or_null(s, 5, by);
    sql_bind_int64(s, 6, now);
    if ((rc = sql_int64(s, &id)) != BOT_OK || (rc = open_accounts(st, id)) != BOT_OK)
        return rc;
    *created = 1;
    return store_merchant_get(st, id, m);
}

enum bot_rc store_clerk_bind(struct store *st, int64_t merchant, int64_t member, int64_t by, int64_t now)
{
    struct sql_stmt *s = q(st, Q_CLERK_BIND);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, merchant);
    sql_bind_int64(s, 2, member);
    bind_i64_or_null(s, 3, by);
    sql_bind_int64(s, 4, now);
    return sql_changed(s);
}

enum bot_rc store_clerk_unbind(struct store *st, int64_t merchant, int64_t member)
{
    struct sql_stmt *s = q(st, Q_CLERK_UNBIND);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, merchant);
    sql_bind_int64(s, 2, member);
    enum bot_rc rc = sql_changed(s);
    return rc == BOT_DUP ? BOT_NOTFOUND : rc;
}

enum bot_rc store_clerk_merchants(struct store *st, int64_t member, struct store_merchant *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_CLERK_OF);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_merchant, out, sizeof *out, max, n);
}

enum bot_rc store_merchants_list(struct store *st, struct store_merchant *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_M_LIST);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, max);
    return sql_rows(s, read_merchant, out, sizeof *out, max, n);
}

enum bot_rc store_redeem_code_put(struct store *st, const char *code, int64_t member, int64_t now,
                                  int64_t expires_at)
{
    if (!st->in_txn || !*code || member <= 0)
        return BOT_INVALID;
    struct sql_stmt *s = q(st, Q_CODE_REPLACE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, now);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK)
        return rc;
    if (!(s = q(st, Q_CODE_INSERT)))
        return BOT_DB;
    sql_bind_text(s, 1, code);
    sql_bind_int64(s, 2, member);
    sql_bind_int64(s, 3, now);
    sql_bind_int64(s, 4, expires_at);
    return sql_changed(s); /* BOT_DUP: the code was given before */
}

static enum bot_rc read_code(struct sql_stmt *s, void *out)
{
    struct store_redeem_code *c = out;
    memset(c, 0, sizeof *c);
    c->id = sql_column_int64(s, 0);
    col_text(s, 1, c->code, sizeof c->code);
    c->member_id = sql_column_int64(s, 2);
    c->created_at = sql_column_int64(s, 3);
    c->expires_at = sql_column_int64(s, 4);
    c->used_at = sql_column_int64(s, 5);
    c->replaced_at = sql_column_int64(s, 6);
    return BOT_OK;
}

enum bot_rc store_redeem_code_get(struct store *st, const char *code, struct store_redeem_code *out)
{
    struct sql_stmt *s = q(st, Q_CODE_GET);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, code);
    return sql_row(s, read_code, out);
}

enum bot_rc store_redeem_code_use(struct store *st, int64_t id, int64_t now)
{
    struct sql_stmt *s = q(st, Q_CODE_USE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    return sql_changed(s);
}

enum bot_rc store_redeem_wrong_add(struct store *st, int64_t clerk, const char *code, int64_t now)
{
    struct sql_stmt *s = q(st, Q_WRONG_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, clerk);
    sql_bind_text(s, 2, code);
    sql_bind_int64(s, 3, now);
    return sql_done(s);
}

enum bot_rc store_redeem_wrong_nth(struct store *st, int64_t clerk, int n, int64_t *at)
{
    *at = 0;
    if (n <= 0)
        return BOT_OK;
    struct sql_stmt *s = q(st, Q_WRONG_NTH);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, clerk);
    sql_bind_int64(s, 2, n - 1);
    return sql_int64(s, at);
}

enum bot_rc store_redemption_add(struct store *st, struct store_redemption *r)
{
    if (!st->in_txn)
        return BOT_INVALID;
    struct sql_stmt *s = q(st, Q_REDEMPTION_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, r->merchant_id);
    sql_bind_int64(s, 2, r->member_id);
    sql_bind_int64(s, 3, r->clerk_id);
    sql_bind_text(s, 4, r->code);
    sql_bind_int64(s, 5, r->price_fen);
    sql_bind_int64(s, 6, r->minutes);
    sql_bind_int64(s, 7, r->discount_fen);
    sql_bind_int64(s, 8, r->fee_fen);
    sql_bind_int64(s, 9, r->at);
    sql_bind_int64(s, 10, r->txn);
    bind_i64_or_null(s, 11, r->cash_txn);
    return sql_int64(s, &r->id);
}

enum bot_rc store_merchant_month(struct store *st, int64_t merchant, int64_t from, int64_t to,
                                 struct store_merchant_month *out)
{
    memset(out, 0, sizeof *out);
    struct sql_stmt *s = q(st, Q_MONTH);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, merchant);
    sql_bind_int64(s, 2, from);
    sql_bind_int64(s, 3, to);
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        out->count = sql_column_int64(s, 0);
        out->minutes = sql_column_int64(s, 1);
        out->discount_fen = sql_column_int64(s, 2);
        out->price_fen = sql_column_int64(s, 3);
        out->fee_fen = sql_column_int64(s, 4);
    }
    sql_reset(s);
    if (rc != SQL_ROW) {
        bot_log(BOT_LOG_ERROR, "store: merchant month: the read failed");
        return BOT_DB;
    }
    return BOT_OK;
}
