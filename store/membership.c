/* membership.c — memberships (收会费, the voucher, renewal reminders) and the year's dividends (分红核算, 分红确认). */
#include "store_int.h"

#define M_COLS "id, member_id, tier, from_at, until_at, fen, paid_how, receipt, coalesce(entered_by, 0), cash_txn, " \
               "voucher_minutes, coalesce(voucher_request, 0), coalesce(reminded_at, 0)"
/* A member's service credit of the year [?1, ?2) as she keeps it: her legs on the orders she served and that were
 * confirmed in the year, of service, dispute (frozen by a complaint, back if dismissed) and reversal (撤销代录), so a
 * refunded or undone service counts for nothing, whenever the refund came (helper-62: the dividend counted the hours
 * of refunded and undone orders); and service credit written without an order (none is, but a test's or an
 * import's), by its own date. */
#define DIV_SERVICE(max)                                                                                         \
    max "(0, coalesce((SELECT sum(j.minutes) FROM journal j LEFT JOIN requests q ON q.id = j.request_id "         \
        "WHERE j.account_id = m.account_id AND (q.volunteer_id = m.id AND j.kind IN ('service', 'dispute', 'reversal') " \
        "AND q.confirmed_at >= ?1 AND q.confirmed_at < ?2 OR j.request_id IS NULL AND j.kind = 'service' "         \
        "AND j.minutes > 0 AND j.at >= ?1 AND j.at < ?2)), 0))"

#define MEMBERSHIP_SQL(X)                                                                     \
    X(Q_MS_INSERT,                                                                            \
      "INSERT INTO memberships(member_id, tier, from_at, until_at, fen, paid_how, receipt, entered_by, cash_txn, " \
      "voucher_minutes, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11) RETURNING id")             \
    X(Q_MS_LAST, "SELECT " M_COLS " FROM memberships WHERE member_id = ?1 ORDER BY until_at DESC, id DESC LIMIT 1") \
    X(Q_MS_NOW,                                                                               \
      "SELECT " M_COLS " FROM memberships WHERE member_id = ?1 AND from_at <= ?2 AND until_at > ?2 " \
      "ORDER BY until_at DESC, id DESC LIMIT 1")                                              \
    X(Q_MS_COUNT, "SELECT count(*) FROM memberships WHERE receipt LIKE ?1")                    \
    X(Q_MS_RECEIPT_USED, "SELECT count(*) FROM memberships WHERE receipt = ?1")                \
    X(Q_MS_BY_RECEIPT, "SELECT " M_COLS " FROM memberships WHERE receipt = ?1 ORDER BY id DESC LIMIT 1") \
    /* a fee undone (退会费): the period ends where it began, its voucher with it; once */    \
    X(Q_MS_END, "UPDATE memberships SET until_at = from_at, voucher_minutes = 0 WHERE id = ?1 AND until_at > from_at " \
      "AND voucher_request IS NULL")                                                          \
    X(Q_MS_TWIN, "SELECT count(*) FROM memberships WHERE member_id = ?1 AND tier = ?2 AND created_at >= ?3") \
    /* memberships ending in (now, before], not reminded, that nothing paid later follows */ \
    X(Q_MS_DUE,                                                                               \
      "SELECT " M_COLS " FROM memberships m WHERE until_at > ?1 AND until_at <= ?2 AND reminded_at IS NULL " \
      "AND NOT EXISTS (SELECT 1 FROM memberships n WHERE n.member_id = m.member_id AND n.until_at > m.until_at) " \
      "ORDER BY until_at, id LIMIT ?3")                                                       \
    X(Q_MS_REMINDED, "UPDATE memberships SET reminded_at = ?2 WHERE id = ?1 AND reminded_at IS NULL") \
    X(Q_MS_VOUCHER,                                                                           \
      "SELECT " M_COLS " FROM memberships WHERE member_id = ?1 AND from_at <= ?2 AND until_at > ?2 " \
      "AND voucher_minutes > 0 AND voucher_request IS NULL ORDER BY from_at, id LIMIT 1")      \
    X(Q_MS_VOUCHER_OF, "SELECT coalesce(max(voucher_minutes), 0) FROM memberships WHERE voucher_request = ?1") \
    X(Q_MS_VOUCHER_USE,                                                                       \
      "UPDATE memberships SET voucher_request = ?2 WHERE id = ?1 AND voucher_request IS NULL") \
    X(Q_MS_VOUCHER_UNUSE, "UPDATE memberships SET voucher_request = NULL WHERE voucher_request = ?1") \
    /* the year [?1, ?2): a member of a tier listed in ?3 (",共创会员,") some day of it; membership years up to \
     * its end (days paid ÷ 365, rounded up), the year's service credit, the members referred who joined in it */ \
    X(Q_DIV_CONTRIB,                                                                          \
      "SELECT m.id, m.name, "                                                                 \
      "(SELECT (sum(min(x.until_at, ?2) - x.from_at) + 31535999) / 31536000 FROM memberships x " \
      " WHERE x.member_id = m.id AND x.from_at < ?2), "                                      \
      DIV_SERVICE("max") ", "                                                                 \
      "(SELECT count(*) FROM members r WHERE r.referrer_id = m.id AND r.created_at >= ?1 AND r.created_at < ?2) " \
      "FROM members m WHERE EXISTS (SELECT 1 FROM memberships d WHERE d.member_id = m.id " \
      " AND instr(?3, ',' || d.tier || ',') > 0 AND d.from_at < ?2 AND d.until_at > ?1) ORDER BY m.id LIMIT ?4") \
    X(Q_DIV_GET,                                                                              \
      "SELECT year, profit_fen, members_fen, founders_fen, fund_fen, board_fen, computed_at, " \
      "coalesce(computed_by, 0), coalesce(confirmed_at, 0), coalesce(confirmed_by, 0) FROM dividends WHERE year = ?1") \
    X(Q_DIV_DEL_SHARES, "DELETE FROM dividend_shares WHERE year = ?1")                       \
    X(Q_DIV_PUT,                                                                              \
      "INSERT OR REPLACE INTO dividends(year, profit_fen, members_fen, founders_fen, fund_fen, board_fen, " \
      "computed_at, computed_by) SELECT ?1,?2,?3,?4,?5,?6,?7,?8 "                              \
      "WHERE NOT EXISTS (SELECT 1 FROM dividends WHERE year = ?1 AND confirmed_at IS NOT NULL)") \
    X(Q_DIV_SHARE_ADD,                                                                        \
      "INSERT INTO dividend_shares(year, member_id, years, service_minutes, referred, score, fen) " \
      "VALUES (?1,?2,?3,?4,?5,?6,?7)")                                                         \
    X(Q_DIV_SHARES,                                                                           \
      "SELECT s.member_id, coalesce(m.name, ''), s.years, s.service_minutes, s.referred, s.score, s.fen " \
      "FROM dividend_shares s LEFT JOIN members m ON m.id = s.member_id WHERE s.year = ?1 " \
      "ORDER BY s.fen DESC, s.member_id LIMIT ?2")                                            \
    X(Q_DIV_CONFIRM,                                                                          \
      "UPDATE dividends SET confirmed_at = ?2, confirmed_by = ?3 WHERE year = ?1 AND confirmed_at IS NULL")

/* PostgreSQL: least for sqlite's scalar min, strpos for instr, sum() is numeric (cast before dividing), ON CONFLICT
 * for OR REPLACE (the unconfirmed year's row, its confirmation columns as a fresh row's), ILIKE
 * for sqlite's case-blind LIKE */
#define MEMBERSHIP_PG_SQL(Y)                                                                  \
    /* sqlite's LIKE ignores ASCII case; the pattern ("HF2026-%") is ASCII */                  \
    Y(Q_MS_COUNT, "SELECT count(*) FROM memberships WHERE receipt ILIKE ?1")                  \
    Y(Q_DIV_CONTRIB,                                                                          \
      "SELECT m.id, m.name, "                                                                 \
      "(SELECT (CAST(sum(least(x.until_at, ?2) - x.from_at) AS BIGINT) + 31535999) / 31536000 FROM memberships x " \
      " WHERE x.member_id = m.id AND x.from_at < ?2), "                                      \
      DIV_SERVICE("greatest") ", "                                                            \
      "(SELECT count(*) FROM members r WHERE r.referrer_id = m.id AND r.created_at >= ?1 AND r.created_at < ?2) " \
      "FROM members m WHERE EXISTS (SELECT 1 FROM memberships d WHERE d.member_id = m.id " \
      " AND strpos(?3, ',' || d.tier || ',') > 0 AND d.from_at < ?2 AND d.until_at > ?1) ORDER BY m.id LIMIT ?4") \
    Y(Q_DIV_PUT,                                                                              \
      "INSERT INTO dividends(year, profit_fen, members_fen, founders_fen, fund_fen, board_fen, " \
      "computed_at, computed_by) SELECT ?1,?2,?3,?4,?5,?6,?7,?8 "                              \
      "WHERE NOT EXISTS (SELECT 1 FROM dividends WHERE year = ?1 AND confirmed_at IS NOT NULL) " \
      "ON CONFLICT(year) DO UPDATE SET profit_fen = excluded.profit_fen, members_fen = excluded.members_fen, " \
      "founders_fen = excluded.founders_fen, fund_fen = excluded.fund_fen, board_fen = excluded.board_fen, " \
      "computed_at = excluded.computed_at, computed_by = excluded.computed_by, confirmed_at = NULL, " \
      "confirmed_by = NULL")

STORE_SQL_STATEMENTS_PG(STORE_PART_MEMBERSHIP, MEMBERSHIP_SQL, MEMBERSHIP_PG_SQL)

static enum bot_rc read_membership(struct sql_stmt *s, void *out)
{
    struct store_membership *m = out;
    memset(m, 0, sizeof *m);
    m->id = sql_column_int64(s, 0);
    m->member_id = sql_column_int64(s, 1);
    col_text(s, 2, m->tier, sizeof m->tier);
    m->from = sql_column_int64(s, 3);
    m->until = sql_column_int64(s, 4);
    m->fen = sql_column_int64(s, 5);
    col_text(s, 6, m->paid_how, sizeof m->paid_how);
    col_text(s, 7, m->receipt, sizeof m->receipt);
    m->by = sql_column_int64(s, 8);
    m->cash_txn = sql_column_int64(s, 9);
    m->voucher_minutes = sql_column_int64(s, 10);
    m->voucher_request = sql_column_int64(s, 11);
    m->reminded_at = sql_column_int64(s, 12);
    return BOT_OK;
}

enum bot_rc store_membership_add(struct store *st, const struct store_membership *m, int64_t now, int64_t *id)
{
    if (!st->in_txn || m->until <= m->from || m->fen <= 0 || !m->cash_txn)
        return BOT_INVALID;
    struct sql_stmt *s = q(st, Q_MS_INSERT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, m->member_id);
    sql_bind_text(s, 2, m->tier);
    sql_bind_int64(s, 3, m->from);
    sql_bind_int64(s, 4, m->until);
    sql_bind_int64(s, 5, m->fen);
    sql_bind_text(s, 6, m->paid_how);
    sql_bind_text(s, 7, m->receipt);
    bind_i64_or_null(s, 8, m->by);
    sql_bind_int64(s, 9, m->cash_txn);
    sql_bind_int64(s, 10, m->voucher_minutes);
    sql_bind_int64(s, 11, now);
    int64_t dummy;
    return sql_int64(s, id ? id : &dummy);
}

static enum bot_rc one_of(struct store *st, int which, int64_t member, int64_t now, struct store_membership *out)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    if (which != Q_MS_LAST)
        sql_bind_int64(s, 2, now);
    return sql_row(s, read_membership, out);
}

enum bot_rc store_membership_last(struct store *st, int64_t member, struct store_membership *out)
{
    return one_of(st, Q_MS_LAST, member, 0, out);
}

enum bot_rc store_membership_now(struct store *st, int64_t member, int64_t now, struct store_membership *out)
{
    return one_of(st, Q_MS_NOW, member, now, out);
}

enum bot_rc store_membership_by_receipt(struct store *st, const char *receipt, struct store_membership *out)
{
    struct sql_stmt *s = q(st, Q_MS_BY_RECEIPT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, receipt);
    return sql_row(s, read_membership, out);
}

enum bot_rc store_membership_end(struct store *st, int64_t id)
{
    struct sql_stmt *s = q(st, Q_MS_END);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_changed(s);
}

enum bot_rc store_membership_count(struct store *st, const char *receipt_like, int64_t *n)
{
    struct sql_stmt *s = q(st, Q_MS_COUNT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, receipt_like);
    return sql_int64(s, n);
}

enum bot_rc store_receipt_used(struct store *st, const char *receipt, int *used)
{
    int64_t n = 0;
    struct sql_stmt *s = q(st, Q_MS_RECEIPT_USED);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, receipt);
    enum bot_rc rc = sql_int64(s, &n);
    *used = n > 0;
    return rc;
}

enum bot_rc store_membership_twin(struct store *st, int64_t member, const char *tier, int64_t since, int *n)
{
    int64_t v = 0;
    struct sql_stmt *s = q(st, Q_MS_TWIN);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, tier);
    sql_bind_int64(s, 3, since);
    enum bot_rc rc = sql_int64(s, &v);
    *n = (int)v;
    return rc;
}

enum bot_rc store_memberships_due(struct store *st, int64_t now, int64_t before, struct store_membership *out, int max,
                                  int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_MS_DUE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, now);
    sql_bind_int64(s, 2, before);
    sql_bind_int64(s, 3, max);
    return sql_rows(s, read_membership, out, sizeof *out, max, n);
}

enum bot_rc store_membership_reminded(struct store *st, int64_t id, int64_t now)
{
    struct sql_stmt *s = q(st, Q_MS_REMINDED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    return sql_changed(s);
}

enum bot_rc store_voucher_open(struct store *st, int64_t member, int64_t now, struct store_membership *out)
{
    return one_of(st, Q_MS_VOUCHER, member, now, out);
}

enum bot_rc store_voucher_use(struct store *st, int64_t membership, int64_t request_id)
{
    struct sql_stmt *s = q(st, Q_MS_VOUCHER_USE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, membership);
    sql_bind_int64(s, 2, request_id);
    return sql_changed(s);
}

enum bot_rc store_voucher_unuse(struct store *st, int64_t request_id)
{
    struct sql_stmt *s = q(st, Q_MS_VOUCHER_UNUSE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    return sql_done(s);
}

enum bot_rc store_voucher_of_request(struct store *st, int64_t request_id, int64_t *minutes)
{
    struct sql_stmt *s = q(st, Q_MS_VOUCHER_OF);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    return sql_int64(s, minutes);
}

static enum bot_rc read_share(struct sql_stmt *s, void *out)
{
    struct store_dividend_share *d = out;
    memset(d, 0, sizeof *d);
    d->member_id = sql_column_int64(s, 0);
    col_text(s, 1, d->name, sizeof d->name);
    d->years = sql_column_int64(s, 2);
    d->service_minutes = sql_column_int64(s, 3);
    d->referred = sql_column_int64(s, 4);
    d->score = sql_column_int64(s, 5);
    d->fen = sql_column_int64(s, 6);
    return BOT_OK;
}

static enum bot_rc read_contrib(struct sql_stmt *s, void *out)
{
    struct store_dividend_share *d = out;
    memset(d, 0, sizeof *d);
    d->member_id = sql_column_int64(s, 0);
    col_text(s, 1, d->name, sizeof d->name);
    d->years = sql_column_int64(s, 2);
    d->service_minutes = sql_column_int64(s, 3);
    d->referred = sql_column_int64(s, 4);
    d->score = (int64_t)d->years * 60 + d->service_minutes * 2 + (int64_t)d->referred * 300;
    return BOT_OK;
}

enum bot_rc store_dividend_contributors(struct store *st, int64_t from, int64_t to, const char *tiers,
                                        struct store_dividend_share *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_DIV_CONTRIB);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, from);
    sql_bind_int64(s, 2, to);
    sql_bind_text(s, 3, tiers);
    sql_bind_int64(s, 4, max);
    return sql_rows(s, read_contrib, out, sizeof *out, max, n);
}

static enum bot_rc read_dividend(struct sql_stmt *s, void *out)
{
    struct store_dividend *d = out;
    memset(d, 0, sizeof *d);
    d->year = sql_column_int64(s, 0);
    d->profit_fen = sql_column_int64(s, 1);
    d->members_fen = sql_column_int64(s, 2);
    d->founders_fen = sql_column_int64(s, 3);
    d->fund_fen = sql_column_int64(s, 4);
    d->board_fen = sql_column_int64(s, 5);
    d->computed_at = sql_column_int64(s, 6);
    d->computed_by = sql_column_int64(s, 7);
    d->confirmed_at = sql_column_int64(s, 8);
    d->confirmed_by = sql_column_int64(s, 9);
    return BOT_OK;
}

enum bot_rc store_dividend_get(struct store *st, int year, struct store_dividend *out)
{
    struct sql_stmt *s = q(st, Q_DIV_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, year);
    return sql_row(s, read_dividend, out);
}

enum bot_rc store_dividend_put(struct store *st, const struct store_dividend *d, const struct store_dividend_share *sh,
                               int n)
{
    if (!st->in_txn)
        return BOT_INVALID;
    struct sql_stmt *s = q(st, Q_DIV_PUT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, d->year);
    sql_bind_int64(s, 2, d->profit_fen);
    sql_bind_int64(s, 3, d->members_fen);
    sql_bind_int64(s, 4, d->founders_fen);
    sql_bind_int64(s, 5, d->fund_fen);
    sql_bind_int64(s, 6, d->board_fen);
    sql_bind_int64(s, 7, d->computed_at);
    bind_i64_or_null(s, 8, d->computed_by);
    enum bot_rc rc = sql_changed(s);
    if (rc != BOT_OK)
        return rc; /* BOT_DUP: that year is paid already */
    if (!(s = q(st, Q_DIV_DEL_SHARES)))
        return BOT_DB;
    sql_bind_int64(s, 1, d->year);
    if ((rc = sql_done(s)) != BOT_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        if (!(s = q(st, Q_DIV_SHARE_ADD)))
            return BOT_DB;
        sql_bind_int64(s, 1, d->year);
        sql_bind_int64(s, 2, sh[i].member_id);
        sql_bind_int64(s, 3, sh[i].years);
        sql_bind_int64(s, 4, sh[i].service_minutes);
        sql_bind_int64(s, 5, sh[i].referred);
        sql_bind_int64(s, 6, sh[i].score);
        sql_bind_int64(s, 7, sh[i].fen);
        if ((rc = sql_done(s)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

enum bot_rc store_dividend_shares(struct store *st, int year, struct store_dividend_share *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_DIV_SHARES);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, year);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_share, out, sizeof *out, max, n);
}

enum bot_rc store_dividend_confirm(struct store *st, int year, int64_t by, int64_t now)
{
    struct sql_stmt *s = q(st, Q_DIV_CONFIRM);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, year);
    sql_bind_int64(s, 2, now);
    bind_i64_or_null(s, 3, by);
    return sql_changed(s);
}
