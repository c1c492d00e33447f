/* fund.c — what the fund's and 代录's rules read (issue 14): who recorded a 代录 or posted a request for an elder, its
 * repeats and daily count, the fund's spending by building, and when a member's birthday was entered. */
#include "store_int.h"

/* The fund's spending by building (Q_FUND_SPENT), in three parts: what it paid (service) less what came back (reversal,
 * refund) for requests of each building's members finished in [?1, ?2) (a leg counts in the month of the service it
 * pays or gives back, whenever it is written: a 撤销代录 on the 1st is the month before's, as is a 基金批准 of an order
 * finished then — play-test 16; a leg is never written before its order finished, so the legs from ?1 on are all);
 * the part of that staff approved past the budget (基金批准); and the minutes held past the budget, waiting for staff
 * now (the latest amount held, 基金批准 pays it). */
#define FUND_APPROVED_PART                                                                    \
    "CASE WHEN EXISTS (SELECT 1 FROM job_runs WHERE job = 'fund_approved' AND subject = CAST(r.id AS TEXT)) " \
    "THEN -j.minutes ELSE 0 END"
#define FUND_LEGS_WHERE                                                                       \
    "WHERE a.name >= 'fund' AND a.name < 'fund;' AND a.kind = 'fund' "                        \
    /* the same list as journal_account_at's WHERE (STORE_V43): sqlite uses a partial index only for its own terms */ \
    "AND j.kind IN ('service', 'reversal', 'refund') AND j.at >= ?1 "                          \
    "AND " STORE_FUND_MONTH_AT("r", "j") " >= ?1 AND " STORE_FUND_MONTH_AT("r", "j") " < ?2 "   \
    "AND " STORE_IN_SCOPE("m.building", "?3")
#define FUND_WAITING_PART                                                                     \
    "SELECT m.building, 0, 0, CAST((SELECT period FROM job_runs WHERE job = 'fund_held' "    \
    "AND subject = CAST(r.id AS TEXT) ORDER BY at DESC LIMIT 1) AS BIGINT) "                   \
    "FROM requests r JOIN members m ON m.id = r.requester_id WHERE r.status = 'finished' "    \
    "AND EXISTS (SELECT 1 FROM job_runs WHERE job = 'fund_held' AND subject = CAST(r.id AS TEXT)) " \
    "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'fund_approved' AND subject = CAST(r.id AS TEXT)) " \
    "AND (r.proxy = 0 OR r.finished_at > CAST(?5 AS BIGINT) OR r.created_at > CAST(?5 AS BIGINT)) AND r.finished_at >= ?1 AND r.finished_at < ?2 " \
    "AND " STORE_IN_SCOPE("m.building", "?3")

#define FUND_SQL(X)                                                                           \
    X(Q_PROXY_SET_BY, "UPDATE requests SET proxy_by = ?2 WHERE id = ?1")                      \
    X(Q_REQ_SET_PUBLIC, "UPDATE requests SET public_benefit = ?2, public_by = ?3 WHERE id = ?1")              \
    X(Q_PROXY_BY, "SELECT coalesce(proxy_by, 0) FROM requests WHERE id = ?1")                 \
    X(Q_REQ_SET_POSTED_BY, "UPDATE requests SET posted_by = ?2 WHERE id = ?1")                \
    X(Q_REQ_POSTED_BY, "SELECT coalesce(posted_by, 0) FROM requests WHERE id = ?1")           \
    X(Q_PROXY_COUNT,                                                                          \
      "SELECT count(*) FROM requests WHERE proxy_by = ?1 AND created_at >= ?2 AND status != 'cancelled'") \
    X(Q_PROXY_TWIN,                                                                           \
      "SELECT id FROM requests WHERE proxy != 0 AND requester_id = ?1 AND volunteer_id = ?2 AND service = ?3 " \
      "AND finished_at >= ?4 AND finished_at < ?5 AND status != 'cancelled' ORDER BY id DESC LIMIT 1") \
    /* the fund's spending by building, in its three parts (FUND_APPROVED_PART, FUND_WAITING_PART above) */ \
    X(Q_FUND_SPENT,                                                                           \
      /* the fund accounts ('fund', 'fund:<branch>') by their names' index drive the journal's account index: \
       * a month of the fund's legs, never every leg of the month */                          \
      "SELECT building, sum(paid), sum(approved), sum(waiting) FROM (SELECT m.building AS building, " \
      "-j.minutes AS paid, " FUND_APPROVED_PART " AS approved, 0 AS waiting "                  \
      "FROM accounts a CROSS JOIN journal j INDEXED BY journal_account_at "                    \
      "ON j.account_id = a.id JOIN requests r ON r.id = j.request_id JOIN members m ON m.id = r.requester_id " \
      FUND_LEGS_WHERE " UNION ALL " FUND_WAITING_PART ") u GROUP BY building ORDER BY building LIMIT ?4") \
    X(Q_REQ_REFUNDED,                                                                         \
      "SELECT coalesce(sum(minutes), 0) FROM journal WHERE request_id = ?1 AND kind = 'refund' AND minutes > 0") \
    /* the 体验券's minutes the fund gave an order's requester, net of any given back */        \
    X(Q_REQ_VOUCHER_NET,                                                                      \
      "SELECT coalesce(sum(minutes), 0) FROM journal WHERE request_id = ?1 AND kind = 'voucher' AND account_id = ?2") \
    /* credits held past a building's budget, not yet approved (基金批准) */                    \
    X(Q_FUND_WAITING,                                                                         \
      "SELECT r.id FROM requests r JOIN members m ON m.id = r.requester_id WHERE r.status = 'finished' " \
      "AND EXISTS (SELECT 1 FROM job_runs WHERE job = 'fund_held' AND subject = CAST(r.id AS TEXT)) " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'fund_approved' AND subject = CAST(r.id AS TEXT)) " \
      "AND (r.proxy = 0 OR r.finished_at > CAST(?3 AS BIGINT) OR r.created_at > CAST(?3 AS BIGINT)) AND " STORE_IN_SCOPE("m.building", "?1")   \
      " ORDER BY r.id LIMIT ?2")                                                                \
    /* 代录 held for a second person's approval (批准代录), not yet approved */                  \
    X(Q_PROXY_WAITING,                                                                        \
      "SELECT r.id FROM requests r JOIN members m ON m.id = r.requester_id WHERE r.status = 'finished' " \
      "AND EXISTS (SELECT 1 FROM job_runs WHERE job = 'proxy_held' AND subject = CAST(r.id AS TEXT)) " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'proxy_approved' AND subject = CAST(r.id AS TEXT)) " \
      "AND (r.finished_at > CAST(?3 AS BIGINT) OR r.created_at > CAST(?3 AS BIGINT)) AND " STORE_IN_SCOPE("m.building", "?1") " ORDER BY r.id LIMIT ?2") \
    /* the hours 代录'd for an elder in [from, to), not undone */                              \
    X(Q_PROXY_ELDER_MINUTES,                                                                  \
      "SELECT coalesce(sum(est_minutes), 0) FROM requests WHERE proxy != 0 AND requester_id = ?1 " \
      "AND finished_at >= ?2 AND finished_at < ?3 AND status != 'cancelled'")                  \
    X(Q_BIRTHDAY_SET_AT, "SELECT birthday_set_at FROM members WHERE id = ?1")                 \
    X(Q_JOB_LAST_PERIOD,                                                                      \
      "SELECT period FROM job_runs WHERE job = ?1 AND subject = ?2 ORDER BY at DESC LIMIT 1")

/* PostgreSQL plans without the INDEXED BY pin (and spells CROSS JOIN … ON as JOIN … ON) */
#define FUND_PG_SQL(Y)                                                                        \
    Y(Q_FUND_SPENT,                                                                           \
      "SELECT building, sum(paid), sum(approved), sum(waiting) FROM (SELECT m.building AS building, " \
      "-j.minutes AS paid, " FUND_APPROVED_PART " AS approved, 0 AS waiting "                  \
      "FROM accounts a JOIN journal j "                                                         \
      "ON j.account_id = a.id JOIN requests r ON r.id = j.request_id JOIN members m ON m.id = r.requester_id " \
      FUND_LEGS_WHERE " UNION ALL " FUND_WAITING_PART ") u GROUP BY building ORDER BY building LIMIT ?4")

STORE_SQL_STATEMENTS_PG(STORE_PART_FUND, FUND_SQL, FUND_PG_SQL)

/* Who acted for a request's requester, kept in one of its columns (proxy_by: who recorded a 代录; posted_by: who posted
 * it for her): set, and read (*by = 0 when nobody did; BOT_NOTFOUND when there is no such row). read_by serves any one
 * integer read by one key (a member's birthday_set_at too). */
static enum bot_rc set_by(struct store *st, int which, int64_t request_id, int64_t by)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, by);
    return sql_done(s);
}

static enum bot_rc read_by(struct store *st, int which, int64_t request_id, int64_t *by)
{
    *by = 0;
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    int n = 0;
    enum bot_rc rc = sql_rows(s, store_read_id, by, sizeof *by, 1, &n);
    return rc == BOT_OK && n == 0 ? BOT_NOTFOUND : rc;
}

enum bot_rc store_proxy_set_by(struct store *st, int64_t request_id, int64_t by)
{
    return set_by(st, Q_PROXY_SET_BY, request_id, by);
}

enum bot_rc store_request_set_public(struct store *st, int64_t request_id, int on, int64_t by)
{
    struct sql_stmt *s = q(st, Q_REQ_SET_PUBLIC);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, on != 0);
    bind_i64_or_null(s, 3, on ? by : 0);
    return sql_done(s);
}

enum bot_rc store_proxy_by(struct store *st, int64_t request_id, int64_t *by)
{
    return read_by(st, Q_PROXY_BY, request_id, by);
}

enum bot_rc store_request_voucher_net(struct store *st, int64_t request_id, int64_t account, int64_t *minutes)
{
    *minutes = 0;
    struct sql_stmt *s = q(st, Q_REQ_VOUCHER_NET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, account);
    return sql_int64(s, minutes);
}

enum bot_rc store_request_refunded(struct store *st, int64_t request_id, int64_t *minutes)
{
    *minutes = 0;
    struct sql_stmt *s = q(st, Q_REQ_REFUNDED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    int n = 0;
    return sql_rows(s, store_read_id, minutes, sizeof *minutes, 1, &n);
}

/* The orders of a building ("" every one) waiting for someone's approval, by the statement that says which wait. */
static enum bot_rc waiting_ids(struct store *st, int which, const char *building, int64_t after, int64_t *ids, int max,
                               int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, building ? building : "");
    sql_bind_int64(s, 2, max);
    sql_bind_int64(s, 3, after);
    return sql_rows(s, store_read_id, ids, sizeof *ids, max, n);
}

enum bot_rc store_fund_waiting(struct store *st, const char *building, int64_t lapse_due, int64_t *ids, int max,
                               int *n)
{
    return waiting_ids(st, Q_FUND_WAITING, building, lapse_due, ids, max, n);
}

enum bot_rc store_proxy_waiting(struct store *st, const char *building, int64_t lapse_due, int64_t *ids, int max,
                                int *n)
{
    return waiting_ids(st, Q_PROXY_WAITING, building, lapse_due, ids, max, n);
}

enum bot_rc store_proxy_elder_minutes(struct store *st, int64_t elder, int64_t from, int64_t to, int64_t *minutes)
{
    *minutes = 0;
    struct sql_stmt *s = q(st, Q_PROXY_ELDER_MINUTES);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, elder);
    sql_bind_int64(s, 2, from);
    sql_bind_int64(s, 3, to);
    return sql_int64(s, minutes);
}

enum bot_rc store_proxy_count(struct store *st, int64_t by, int64_t since, int *n)
{
    int64_t v = 0;
    *n = 0;
    struct sql_stmt *s = q(st, Q_PROXY_COUNT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, by);
    sql_bind_int64(s, 2, since);
    enum bot_rc rc = sql_int64(s, &v);
    *n = (int)v;
    return rc;
}

enum bot_rc store_proxy_twin(struct store *st, int64_t elder, int64_t volunteer, const char *service, int64_t from,
                             int64_t to, int64_t *id)
{
    *id = 0;
    struct sql_stmt *s = q(st, Q_PROXY_TWIN);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, elder);
    sql_bind_int64(s, 2, volunteer);
    sql_bind_text(s, 3, service);
    sql_bind_int64(s, 4, from);
    sql_bind_int64(s, 5, to);
    int n = 0;
    return sql_rows(s, store_read_id, id, sizeof *id, 1, &n);
}

static enum bot_rc read_spent(struct sql_stmt *s, void *out)
{
    struct store_fund_spent *f = out;
    memset(f, 0, sizeof *f);
    col_text(s, 0, f->building, sizeof f->building);
    f->minutes = sql_column_int64(s, 1);
    f->approved = sql_column_int64(s, 2);
    f->waiting = sql_column_int64(s, 3);
    return BOT_OK;
}

enum bot_rc store_fund_spent(struct store *st, int64_t from, int64_t to, const char *building, int64_t lapse_due,
                             struct store_fund_spent *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_FUND_SPENT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, from);
    sql_bind_int64(s, 2, to);
    sql_bind_text(s, 3, building ? building : "");
    sql_bind_int64(s, 4, max);
    sql_bind_int64(s, 5, lapse_due);
    return sql_rows(s, read_spent, out, sizeof *out, max, n);
}

enum bot_rc store_birthday_set_at(struct store *st, int64_t member, int64_t *at)
{
    return read_by(st, Q_BIRTHDAY_SET_AT, member, at);
}

enum bot_rc store_job_last_period(struct store *st, const char *job, const char *subject, char *period, size_t size)
{
    period[0] = '\0';
    struct sql_stmt *s = q(st, Q_JOB_LAST_PERIOD);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, job);
    sql_bind_text(s, 2, subject);
    int rc = sql_step(s);
    enum bot_rc r = BOT_NOTFOUND;
    if (rc == SQL_ROW) {
        col_text(s, 0, period, size);
        r = BOT_OK;
    } else if (rc != SQL_DONE) {
        r = BOT_DB;
    }
    sql_reset(s);
    return r;
}

enum bot_rc store_request_set_posted_by(struct store *st, int64_t request_id, int64_t by)
{
    return set_by(st, Q_REQ_SET_POSTED_BY, request_id, by);
}

enum bot_rc store_request_posted_by(struct store *st, int64_t request_id, int64_t *by)
{
    return read_by(st, Q_REQ_POSTED_BY, request_id, by);
}
