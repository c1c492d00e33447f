/* ledger.c — the double-entry ledger: accounts, transfers, lots, expiry, history. */
#include <pthread.h>

#include "store_int.h"

/* the named kinds and system accounts of ledger_kinds.h */
#define KIND_DEFINE(name, str) const char STORE_KIND_##name[] = str;
#define ACCOUNT_DEFINE(name, str) const char STORE_ACCOUNT_##name[] = str;
STORE_JOURNAL_KINDS(KIND_DEFINE)
STORE_SYSTEM_ACCOUNTS(ACCOUNT_DEFINE)

/* An account's due minutes at ?1, the first live lot after it, and its due lots, over lots l: what the tick expires,
 * read alike by the batch (Q_EXP_FILL) and by the pipelined tick's reader (Q_EXP_READ) */
#define EXP_SUMS                                                                              \
    "coalesce(sum(CASE WHEN l.expires_at <= ?1 THEN l.remaining END), 0), "                   \
    "min(CASE WHEN l.expires_at > ?1 THEN l.expires_at END), count(CASE WHEN l.expires_at <= ?1 THEN 1 END) "

/* An account's history rows from `from` (which names them j), newest first: each with the names on the other side
 * of its transaction, aggregated by agg_open … agg_close (sqlite's group_concat, PostgreSQL's string_agg) */
#define HISTORY_NAMES(agg_open, agg_close)                                                    \
    "coalesce((SELECT " agg_open "CASE WHEN m.name != '' THEN m.name ELSE coalesce((SELECT s.name FROM merchants s " \
    "WHERE s.account_id = a.id), a.name) END" agg_close " "                                   \
    "FROM journal o JOIN accounts a ON a.id = o.account_id LEFT JOIN members m ON m.id = a.member_id " \
    "WHERE o.txn = j.txn AND o.account_id != j.account_id AND o.minutes * j.minutes < 0), '') "
#define HISTORY_OF(names, from)                                                               \
    "SELECT j.txn, j.minutes, j.kind, j.memo, j.at, coalesce(j.request_id, 0), " names       \
    "FROM " from " ORDER BY j.id DESC LIMIT ?2"
#define HISTORY_BUILDING_FROM                                                                 \
    "(SELECT * FROM journal WHERE account_id = ?1 ORDER BY id DESC LIMIT 1000) j WHERE coalesce("   \
    "(SELECT m.building FROM requests r JOIN members m ON m.id = r.requester_id WHERE r.id = j.request_id), " \
    "(SELECT m.building FROM journal o JOIN accounts a ON a.id = o.account_id JOIN members m ON m.id = a.member_id " \
    "WHERE o.txn = j.txn AND o.account_id != j.account_id LIMIT 1)) = ?3"

#define LEDGER_SQL(X)                                                                         \
    X(Q_ACCOUNT_GET,                                                                          \
      "SELECT a.id, a.name, a.kind, coalesce(a.member_id,0), coalesce(m.name,''), a.balance, " \
      "a.earned, a.min_balance FROM accounts a LEFT JOIN members m ON m.id = a.member_id "    \
      "WHERE a.id = ?1")                                                                       \
    X(Q_ACCOUNT_BY_NAME,                                                                      \
      "SELECT a.id, a.name, a.kind, coalesce(a.member_id,0), coalesce(m.name,''), a.balance, " \
      "a.earned, a.min_balance FROM accounts a LEFT JOIN members m ON m.id = a.member_id "    \
      "WHERE a.name = ?1")                                                                     \
    X(Q_ACCOUNT_ALL,                                                                          \
      "SELECT a.id, a.name, a.kind, coalesce(a.member_id,0), coalesce(m.name,''), a.balance, " \
      "a.earned, a.min_balance FROM accounts a LEFT JOIN members m ON m.id = a.member_id "    \
      "ORDER BY a.id")                                                                         \
    X(Q_ACCOUNT_ADD, "UPDATE accounts SET balance = balance + ?2, earned = earned + ?3 WHERE id = ?1") \
    /* a member's offers carry her lifetime earned (the volunteer match ranks them by level on their own index) */ \
    X(Q_SKILLS_EARNED,                                                                        \
      "UPDATE member_skills SET earned = earned + ?2 WHERE member_id = (SELECT member_id FROM accounts WHERE id = ?1)") \
    X(Q_NEXT_TXN, "SELECT coalesce(max(txn), 0) + 1 FROM journal")                           \
    X(Q_JOURNAL_INSERT,                                                                       \
      "INSERT INTO journal(txn, account_id, minutes, kind, request_id, memo, at) "            \
      "VALUES (?1,?2,?3,?4,?5,?6,?7)")                                                         \
    /* a lot never expires within its account's already expired past */                    \
    X(Q_LOT_INSERT,                                                                           \
      "INSERT INTO lots(account_id, minutes, remaining, earned_at, expires_at, txn) "         \
      "SELECT ?1, ?2, ?2, ?3, CASE WHEN CAST(?4 AS BIGINT) IS NULL THEN NULL WHEN ?4 > expired_through + 1 " \
      "THEN ?4 ELSE expired_through + 1 END, ?5 FROM accounts WHERE id = ?1")                  \
    X(Q_ACCOUNT_EXPIRY_BOUND,                                                                 \
      "UPDATE accounts SET next_expiry = CASE WHEN next_expiry < ?2 THEN next_expiry ELSE ?2 END WHERE id = ?1") \
    X(Q_LOTS_LIVE,                                                                            \
      "SELECT l.id, l.remaining, coalesce(l.expires_at, 0), l.earned_at FROM accounts a "     \
      "CROSS JOIN lots l INDEXED BY lots_account "                                             \
      "ON l.account_id = a.id WHERE a.id = ?1 AND " LOT_LIVE " ORDER BY l.id")                \
    X(Q_LOT_SPEND, "UPDATE lots SET remaining = remaining - ?2 WHERE id = ?1")               \
    /* the live lots of account ?1 that a credit of order ?2 gave it (lots_spend takes them first) */                \
    X(Q_LOTS_OF_ORDER,                                                                        \
      "SELECT l.id, l.remaining, coalesce(l.expires_at, 0), l.earned_at FROM accounts a "     \
      "CROSS JOIN lots l INDEXED BY lots_account ON l.account_id = a.id WHERE a.id = ?1 AND " LOT_LIVE " "       \
      "AND l.txn IN (SELECT j.txn FROM journal j WHERE j.request_id = ?2 AND j.account_id = ?1 AND j.minutes > 0) " \
      "ORDER BY l.id")                                                                         \
    X(Q_LOT_USE,                                                                              \
      "INSERT INTO lot_uses(txn, lot_id, minutes) VALUES (?1, ?2, ?3) "                       \
      "ON CONFLICT (txn, lot_id) DO UPDATE SET minutes = lot_uses.minutes + excluded.minutes") \
    /* what order ?1's debits of account ?2 took from its lots and no credit gave back yet, the latest expiry first */ \
    X(Q_LOT_USES_OF_ORDER,                                                                    \
      "SELECT u.txn, u.lot_id, u.minutes - u.back, l.earned_at, coalesce(l.expires_at, 0) FROM journal j "          \
      "JOIN lot_uses u ON u.txn = j.txn JOIN lots l ON l.id = u.lot_id AND l.account_id = j.account_id "           \
      "WHERE j.request_id = ?1 AND j.account_id = ?2 AND j.minutes < 0 AND u.minutes > u.back "  \
      "ORDER BY l.expires_at IS NULL DESC, l.expires_at DESC, u.lot_id DESC")                 \
    /* what transaction ?2 put on account ?1 that expires in (?4, ?3], and the first of it to expire */            \
    X(Q_TXN_LOTS_EXPIRING,                                                                    \
      "SELECT coalesce(sum(minutes), 0), coalesce(min(expires_at), 0) FROM lots WHERE account_id = ?1 AND txn = ?2 " \
      "AND expires_at IS NOT NULL AND expires_at <= ?3 AND expires_at > ?4")                   \
    /* the services account ?1 was credited for from ?2 until before ?3: how many, how long */                                 \
    X(Q_SERVICES_SINCE,                                                                       \
      /* counted in the month its service finished (STORE_FUND_MONTH_AT: a 代录 of yesterday paid today is \
       * yesterday's), paid at or after it */                                                   \
      "SELECT count(*), coalesce(sum(j.minutes), 0) FROM journal j LEFT JOIN requests r ON r.id = j.request_id " \
      "WHERE j.account_id = ?1 AND j.kind = 'service' AND j.minutes > 0 AND j.at >= ?2 "        \
      "AND " STORE_FUND_MONTH_AT("r", "j") " >= ?2 AND " STORE_FUND_MONTH_AT("r", "j") " < ?3")   \
    X(Q_LOT_USE_BACK, "UPDATE lot_uses SET back = back + ?3 WHERE txn = ?1 AND lot_id = ?2")  \
    X(Q_HISTORY, HISTORY_OF(HISTORY_NAMES("group_concat(", ")"), "journal j WHERE j.account_id = ?1"))       \
    /* a building's part of a shared account's history (the fund as its 楼长 reads it): the legs among the account's  \
     * last 1,000 of an order whose requester lives in building ?3, or else whose other side is a member there (as \
     * Q_FUND_SPENT counts an order's legs to its requester's building) */                                                   \
    X(Q_HISTORY_BUILDING, HISTORY_OF(HISTORY_NAMES("group_concat(", ")"), HISTORY_BUILDING_FROM))                 \
    /* the account's next_expiry is never later than its first live lot's (the audit checks it): an account with  \
     * nothing due by ?2 reads no lot */                                                                          \
    X(Q_LOTS_EXPIRING,                                                                        \
      "SELECT coalesce(sum(l.remaining), 0), coalesce(min(l.expires_at), 0) FROM accounts a " \
      "CROSS JOIN lots l INDEXED BY lots_account ON l.account_id = a.id "                     \
      "WHERE a.id = ?1 AND a.next_expiry <= ?2 AND " LOT_LIVE " AND l.expires_at <= ?2 "      \
      "AND l.expires_at > ?3")                                                                 \
    X(Q_LOTS_WARN,                                                                            \
      "SELECT l.id, l.remaining, l.expires_at, a.member_id FROM accounts a INDEXED BY accounts_next_expiry " \
      "CROSS JOIN lots l INDEXED BY lots_account ON l.account_id = a.id "                     \
      "WHERE a.next_expiry <= ?2 AND " LOT_LIVE " AND l.expires_at > ?1 AND l.expires_at <= ?2 " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'expiry_warning' AND subject = l.id AND period = '') " \
      "ORDER BY l.expires_at, l.id LIMIT ?3")                                                  \
    X(Q_EXP_CLEAR_ACCTS, "DELETE FROM exp_accts")                                             \
    X(Q_EXP_CLEAR, "DELETE FROM exp_batch")                                                   \
    X(Q_EXP_PICK_ACCTS,                                                                       \
      "INSERT INTO exp_accts(account_id) SELECT id FROM accounts INDEXED BY accounts_next_expiry " \
      "WHERE next_expiry <= ?1 ORDER BY next_expiry, id LIMIT ?2")                             \
    /* a tick that finds a good share of all accounts due walks them in id order: each batch's account rows, lots and
     * new journal index entries then lie together in the file (NOT INDEXED: the rowid range, not next_expiry's) */ \
    X(Q_EXP_MAX_ID, "SELECT coalesce(max(id), 0) FROM accounts")                             \
    X(Q_EXP_DUE_UPTO,                                                                         \
      "SELECT count(*) FROM (SELECT 1 FROM accounts INDEXED BY accounts_next_expiry "         \
      "WHERE next_expiry <= ?1 LIMIT ?2) AS d")                                                \
    X(Q_EXP_PICK_IDS,                                                                         \
      "INSERT INTO exp_accts(account_id) SELECT id FROM accounts NOT INDEXED "                \
      "WHERE id > ?3 AND next_expiry <= ?1 ORDER BY id LIMIT ?2")                              \
    /* per account its live expiring lots' minutes due, their count and the next expiry */  \
    X(Q_EXP_FILL,                                                                             \
      "INSERT INTO exp_batch(account_id, minutes, next, lots) "                                \
      "SELECT e.account_id, " EXP_SUMS                                        \
      "FROM exp_accts e CROSS JOIN accounts a ON a.id = e.account_id "                         \
      "LEFT JOIN lots l INDEXED BY lots_account ON l.account_id = a.id AND l.remaining > 0 "   \
      "AND l.expires_at > a.expired_through GROUP BY e.account_id")                            \
    X(Q_EXP_SUMMARY,                                                                          \
      "SELECT coalesce(sum(lots), 0), coalesce(sum(minutes), 0), count(*), coalesce(max(account_id), 0) " \
      "FROM exp_batch")                                                                        \
    X(Q_EXP_DEBITS,                                                                           \
      "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) "                         \
      "SELECT ?2, account_id, -minutes, 'expiry', 'credits expired', ?1 FROM exp_batch WHERE minutes > 0") \
    X(Q_EXP_CREDITS,                                                                          \
      "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) "                         \
      "SELECT ?3, ?2, sum(minutes), 'expiry', 'credits expired', ?1 FROM exp_batch")           \
    X(Q_EXP_BALANCES,                                                                         \
      "UPDATE accounts SET (balance, next_expiry, expired_through) = "                         \
      "(SELECT accounts.balance - b.minutes, b.next, "                                         \
      "CASE WHEN accounts.expired_through > ?1 THEN accounts.expired_through ELSE ?1 END "     \
      "FROM exp_batch b WHERE b.account_id = accounts.id) WHERE id IN (SELECT account_id FROM exp_batch)") \
    X(Q_EXP_TOTAL, "UPDATE accounts SET balance = balance + ?2 WHERE id = ?1")                \
    /* the pipelined tick (store_expire_run on a file on disk): a batch read on a connection of its own, the accounts \
     * after ?2 in id order that may be due, each with its due minutes, next expiry and due lots (as Q_EXP_FILL) */ \
    X(Q_EXP_READ,                                                                             \
      "SELECT a.id, " EXP_SUMS                                                \
      "FROM accounts a NOT INDEXED LEFT JOIN lots l INDEXED BY lots_account ON l.account_id = a.id " \
      "AND l.remaining > 0 AND l.expires_at > a.expired_through "                             \
      "WHERE a.id > ?2 AND a.next_expiry <= ?1 GROUP BY a.id ORDER BY a.id LIMIT ?3")         \
    X(Q_JOURNAL_LAST, "SELECT coalesce(max(id), 0) FROM journal")                            \
    /* the accounts with a journal row after ?1 (every change of a balance or a lot writes one: store_transfer), by \
     * the rowid range: the planner would rather walk a whole account index for DISTINCT or ORDER BY */ \
    X(Q_JOURNAL_MOVED_SINCE, "SELECT account_id FROM journal NOT INDEXED WHERE id > ?1")     \
    /* the batch as read, into the scratch tables: an account as read, or one to read again (Q_EXP_FILL) */  \
    X(Q_EXP_ROW_ADD, "INSERT INTO exp_batch(account_id, minutes, next, lots) VALUES (?1, ?2, ?3, ?4)") \
    X(Q_EXP_ACCT_ADD, "INSERT INTO exp_accts(account_id) VALUES (?1)")                        \
    /* whether account ?1 may hold a lot due by ?2 (its next_expiry is a lower bound) */                           \
    X(Q_ACCOUNT_DUE, "SELECT count(*) FROM accounts WHERE id = ?1 AND next_expiry <= ?2")

/* PostgreSQL plans without INDEXED BY pins (and spells CROSS JOIN … ON as JOIN … ON); group_concat is string_agg */
#define LEDGER_PG_SQL(Y)                                                                      \
    Y(Q_LOTS_LIVE,                                                                            \
      "SELECT l.id, l.remaining, coalesce(l.expires_at, 0), l.earned_at FROM accounts a "     \
      "JOIN lots l ON l.account_id = a.id WHERE a.id = ?1 AND " LOT_LIVE " ORDER BY l.id")    \
    Y(Q_LOTS_OF_ORDER,                                                                        \
      "SELECT l.id, l.remaining, coalesce(l.expires_at, 0), l.earned_at FROM accounts a "     \
      "JOIN lots l ON l.account_id = a.id WHERE a.id = ?1 AND " LOT_LIVE " "                  \
      "AND l.txn IN (SELECT j.txn FROM journal j WHERE j.request_id = ?2 AND j.account_id = ?1 AND j.minutes > 0) " \
      "ORDER BY l.id")                                                                         \
    Y(Q_HISTORY, HISTORY_OF(HISTORY_NAMES("string_agg(", ", ',' ORDER BY o.id)"), "journal j WHERE j.account_id = ?1")) \
    Y(Q_HISTORY_BUILDING, HISTORY_OF(HISTORY_NAMES("string_agg(", ", ',' ORDER BY o.id)"), HISTORY_BUILDING_FROM)) \
    Y(Q_LOTS_EXPIRING,                                                                        \
      "SELECT coalesce(sum(l.remaining), 0), coalesce(min(l.expires_at), 0) FROM accounts a " \
      "JOIN lots l ON l.account_id = a.id WHERE a.id = ?1 AND a.next_expiry <= ?2 AND " LOT_LIVE \
      " AND l.expires_at <= ?2 AND l.expires_at > ?3")                                        \
    Y(Q_LOTS_WARN,                                                                            \
      "SELECT l.id, l.remaining, l.expires_at, a.member_id FROM accounts a "                  \
      "JOIN lots l ON l.account_id = a.id "                                                    \
      "WHERE a.next_expiry <= ?2 AND " LOT_LIVE " AND l.expires_at > ?1 AND l.expires_at <= ?2 " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'expiry_warning' AND subject = CAST(l.id AS TEXT) AND period = '') " \
      "ORDER BY l.expires_at, l.id LIMIT ?3")                                                  \
    Y(Q_EXP_PICK_ACCTS,                                                                       \
      "INSERT INTO exp_accts(account_id) SELECT id FROM accounts "                            \
      "WHERE next_expiry <= ?1 ORDER BY next_expiry, id LIMIT ?2")                             \
    Y(Q_EXP_DUE_UPTO,                                                                         \
      "SELECT count(*) FROM (SELECT 1 FROM accounts WHERE next_expiry <= ?1 LIMIT ?2) AS d")   \
    Y(Q_EXP_PICK_IDS,                                                                         \
      "INSERT INTO exp_accts(account_id) SELECT id FROM accounts "                            \
      "WHERE id > ?3 AND next_expiry <= ?1 ORDER BY id LIMIT ?2")                              \
    Y(Q_EXP_FILL,                                                                             \
      "INSERT INTO exp_batch(account_id, minutes, next, lots) "                                \
      "SELECT e.account_id, " EXP_SUMS                                        \
      "FROM exp_accts e JOIN accounts a ON a.id = e.account_id "                               \
      "LEFT JOIN lots l ON l.account_id = a.id AND l.remaining > 0 "                           \
      "AND l.expires_at > a.expired_through GROUP BY e.account_id")

STORE_SQL_STATEMENTS_PG(STORE_PART_LEDGER, LEDGER_SQL, LEDGER_PG_SQL)

/* The expiry's scratch tables, per connection (TEMP; PostgreSQL keeps their rows past COMMIT, as sqlite does):
 * emptied at the start of each batch. */
static const char exp_tables_lite[] =
    "CREATE TEMP TABLE IF NOT EXISTS exp_accts(account_id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE IF NOT EXISTS exp_batch(account_id INTEGER PRIMARY KEY, "
    "minutes INTEGER NOT NULL, next INTEGER, lots INTEGER NOT NULL)";
static const char exp_tables_pg[] =
    "CREATE TEMP TABLE IF NOT EXISTS exp_accts(account_id BIGINT PRIMARY KEY);"
    "CREATE TEMP TABLE IF NOT EXISTS exp_batch(account_id BIGINT PRIMARY KEY, "
    "minutes BIGINT NOT NULL, next BIGINT, lots BIGINT NOT NULL)";

static enum bot_rc read_account(struct sql_stmt *s, void *out)
{
    struct store_account *a = out;
    memset(a, 0, sizeof *a);
    a->id = sql_column_int64(s, 0);
    col_text(s, 1, a->name, sizeof a->name);
    col_text(s, 2, a->kind, sizeof a->kind);
    a->member_id = sql_column_int64(s, 3);
    col_text(s, 4, a->member_name, sizeof a->member_name);
    a->balance = sql_column_int64(s, 5);
    a->earned = sql_column_int64(s, 6);
    a->has_limit = !sql_column_null(s, 7);
    a->min_balance = sql_column_int64(s, 7);
    return BOT_OK;
}

enum bot_rc store_account_get(struct store *st, int64_t id, struct store_account *out)
{
    struct sql_stmt *s = q(st, Q_ACCOUNT_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_account, out);
}

static enum bot_rc run_q(struct store *st, int which, int nargs, int64_t a1, int64_t a2, int64_t a3);
static enum bot_rc exp_batch_apply(struct store *st, int64_t now, int64_t txn, int64_t expired, int *accounts,
                                   int *lots, int64_t *minutes, int64_t *last);
static enum bot_rc exp_batch_begin(struct store *st, int64_t *expired, int64_t *txn);

/* The account's lots past their expiry at now expired in the open write transaction, exactly as the tick at now would
 * (one journal transaction: its debit leg, the expired account's credit, expired_through): a lot past its date is
 * never spent, given or counted, whether or not the tick has run (play-test 16b). No write transaction: nothing. */
static enum bot_rc account_settle(struct store *st, int64_t id, int64_t now)
{
    int64_t due = 0, expired, txn, last = 0, minutes = 0;
    int accounts = 0, lots = 0;
    struct sql_stmt *s;
    enum bot_rc rc;
    if (!st->in_txn || now <= 0)
        return BOT_OK;
    if (!(s = q(st, Q_ACCOUNT_DUE)))
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    if ((rc = sql_int64(s, &due)) != BOT_OK || !due)
        return rc;
    if ((rc = exp_batch_begin(st, &expired, &txn)) != BOT_OK || (rc = run_q(st, Q_EXP_ACCT_ADD, 1, id, 0, 0)) != BOT_OK ||
        (rc = run_q(st, Q_EXP_FILL, 1, now, 0, 0)) != BOT_OK)
        return rc;
    return exp_batch_apply(st, now, txn, expired, &accounts, &lots, &minutes, &last);
}

enum bot_rc store_account_at(struct store *st, int64_t now, int64_t id, struct store_account *out)
{
    enum bot_rc rc = account_settle(st, id, now);
    return rc != BOT_OK ? rc : store_account_get(st, id, out);
}

enum bot_rc store_account_by_name(struct store *st, const char *name, struct store_account *out)
{
    struct sql_stmt *s = q(st, Q_ACCOUNT_BY_NAME);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, name);
    return sql_row(s, read_account, out);
}

enum bot_rc store_accounts_each(struct store *st, void (*fn)(const struct store_account *, void *),
                                void *arg)
{
    struct sql_stmt *s = q(st, Q_ACCOUNT_ALL);
    if (!s)
        return BOT_DB;
    int rc;
    struct store_account a;
    while ((rc = sql_step(s)) == SQL_ROW) {
        read_account(s, &a);
        fn(&a, arg);
    }
    sql_reset(s);
    return rc == SQL_DONE ? BOT_OK : BOT_DB;
}

static enum bot_rc journal_leg(struct store *st, int64_t txn, int64_t account, int64_t minutes,
                               const struct store_transfer *t)
{
    struct sql_stmt *s = q(st, Q_JOURNAL_INSERT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, txn);
    sql_bind_int64(s, 2, account);
    sql_bind_int64(s, 3, minutes);
    sql_bind_text(s, 4, t->kind);
    bind_i64_or_null(s, 5, t->request_id);
    sql_bind_text(s, 6, t->memo ? t->memo : "");
    sql_bind_int64(s, 7, t->now);
    return sql_done(s);
}

static enum bot_rc account_add(struct store *st, int64_t account, int64_t minutes, int64_t earned)
{
    struct sql_stmt *s = q(st, Q_ACCOUNT_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, minutes);
    sql_bind_int64(s, 3, earned);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK || earned == 0)
        return rc;
    if (!(s = q(st, Q_SKILLS_EARNED)))
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, earned);
    return sql_done(s);
}

/* The number of the next journal transaction. */
static enum bot_rc next_txn(struct store *st, int64_t *txn)
{
    struct sql_stmt *s = q(st, Q_NEXT_TXN);
    if (!s)
        return BOT_DB;
    enum bot_rc rc = sql_int64(s, txn);
    return rc != BOT_OK || *txn > 0 ? rc : BOT_DB;
}

/* A new lot of `minutes` on account: earned at earned_at, expiring at expires (0 = never). */
static enum bot_rc lot_insert(struct store *st, int64_t account, int64_t minutes, int64_t earned_at, int64_t expires,
                              int64_t txn)
{
    struct sql_stmt *s = q(st, Q_LOT_INSERT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, minutes);
    sql_bind_int64(s, 3, earned_at);
    bind_i64_or_null(s, 4, expires);
    sql_bind_int64(s, 5, txn);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK || expires <= 0)
        return rc;
    if (!(s = q(st, Q_ACCOUNT_EXPIRY_BOUND)))
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, expires);
    return sql_done(s);
}

/* Where spent lots go on a gift: the receiver's account, after `skip` minutes
 * that pay its debt (no lot there), each piece keeping its lot's dates. */
struct lot_carry {
    int64_t to;
    int64_t skip;
    int64_t txn;
};

/* Spend up to `minutes` from the account's live lots, oldest first — with order, first the live lots that order's
 * credits gave this account (a complaint's hold or a 撤销代录 takes back the hours the order paid, not her oldest:
 * play-test 16) —, each piece taken written as a use of its lot by txn (lot_uses: what a refund of that txn gives back
 * keeps the lot's dates); with carry, what is taken moves to carry->to as lots of the same expiry. */
static enum bot_rc lots_spend(struct store *st, int64_t account, int64_t minutes, int64_t txn, int64_t order,
                              struct lot_carry *carry)
{
    int64_t ids[64], rem[64], exp[64], earned[64];
    int first = order > 0;
    while (minutes > 0) {
        struct sql_stmt *s = q(st, first ? Q_LOTS_OF_ORDER : Q_LOTS_LIVE);
        if (!s)
            return BOT_DB;
        sql_bind_int64(s, 1, account);
        if (first)
            sql_bind_int64(s, 2, order);
        int n = 0, rc;
        while (n < 64 && (rc = sql_step(s)) == SQL_ROW) {
            ids[n] = sql_column_int64(s, 0);
            rem[n] = sql_column_int64(s, 1);
            exp[n] = sql_column_int64(s, 2);
            earned[n] = sql_column_int64(s, 3);
            n++;
        }
        sql_reset(s);
        if (n == 0 && first) {
            first = 0;
            continue;
        }
        if (n == 0)
            return BOT_OK; /* nothing positive left: the rest is overdraft */
        if (first && n < 64)
            first = 0; /* the order's lots all read: the oldest next */
        for (int i = 0; i < n && minutes > 0; i++) {
            int64_t take = rem[i] < minutes ? rem[i] : minutes;
            struct sql_stmt *u = q(st, Q_LOT_SPEND);
            if (!u)
                return BOT_DB;
            sql_bind_int64(u, 1, ids[i]);
            sql_bind_int64(u, 2, take);
            enum bot_rc r = sql_done(u);
            if (r != BOT_OK)
                return r;
            if (!(u = q(st, Q_LOT_USE)))
                return BOT_DB;
            sql_bind_int64(u, 1, txn);
            sql_bind_int64(u, 2, ids[i]);
            sql_bind_int64(u, 3, take);
            if ((r = sql_done(u)) != BOT_OK)
                return r;
            minutes -= take;
            if (carry) {
                int64_t debt = carry->skip < take ? carry->skip : take;
                carry->skip -= debt;
                if (take > debt && (r = lot_insert(st, carry->to, take - debt, earned[i], exp[i], carry->txn)) != BOT_OK)
                    return r;
            }
        }
    }
    return BOT_OK;
}

/* A credit giving back what order took from the account (a refund, a complaint's hold returned, a 撤销代录's hours
 * back to the payer): up to *lot of it lands as lots with the dates of the lots the order's debits took from her
 * (lot_uses), the latest expiry first, each use given back once; *lot is left what no use covers (a fresh lot).
 * Hours that had expired meanwhile come back expired (dated no later than just past the account's last expiry run,
 * Q_LOT_INSERT) and store_transfer expires them at once — a refund never renews an expiry (play-test 16, 16b). */
static enum bot_rc lots_restore(struct store *st, int64_t account, int64_t order, int64_t txn, int64_t *lot)
{
    enum { MAX = 16 };
    int64_t use_txn[MAX], lot_id[MAX], left[MAX], earned[MAX], exp[MAX];
    while (*lot > 0) {
        struct sql_stmt *s = q(st, Q_LOT_USES_OF_ORDER);
        if (!s)
            return BOT_DB;
        sql_bind_int64(s, 1, order);
        sql_bind_int64(s, 2, account);
        int n = 0, rc;
        while (n < MAX && (rc = sql_step(s)) == SQL_ROW) {
            use_txn[n] = sql_column_int64(s, 0);
            lot_id[n] = sql_column_int64(s, 1);
            left[n] = sql_column_int64(s, 2);
            earned[n] = sql_column_int64(s, 3);
            exp[n] = sql_column_int64(s, 4);
            n++;
        }
        sql_reset(s);
        if (n == 0)
            return BOT_OK;
        for (int i = 0; i < n && *lot > 0; i++) {
            int64_t piece = left[i] < *lot ? left[i] : *lot;
            enum bot_rc r = lot_insert(st, account, piece, earned[i], exp[i], txn);
            if (r != BOT_OK)
                return r;
            struct sql_stmt *u = q(st, Q_LOT_USE_BACK);
            if (!u)
                return BOT_DB;
            sql_bind_int64(u, 1, use_txn[i]);
            sql_bind_int64(u, 2, lot_id[i]);
            sql_bind_int64(u, 3, piece);
            if ((r = sql_done(u)) != BOT_OK)
                return r;
            *lot -= piece;
        }
    }
    return BOT_OK;
}

/* The kinds that give back what an order moved: a refund, a complaint's hold (and its return), a 撤销代录 */
static int gives_back(const char *kind)
{
    return strcmp(kind, STORE_KIND_REFUND) == 0 || strcmp(kind, STORE_KIND_DISPUTE) == 0 ||
           strcmp(kind, STORE_KIND_REVERSAL) == 0;
}

static int64_t pos(int64_t v) { return v > 0 ? v : 0; }

/* What a leg of `minutes` (signed) of kind on account a adds to its lifetime earned: STORE_EARNED_LEG leg by leg (the
 * service a member received, less what a complaint holds of it, back when it is dismissed, and what a 撤销代录
 * reverses), so earned is the service she kept whichever path moved it. */
static int64_t earned_of_leg(const struct store_account *a, const char *kind, int64_t minutes)
{
    if (strcmp(a->kind, "member") != 0)
        return 0;
    if (strcmp(kind, STORE_KIND_SERVICE) == 0)
        return pos(minutes);
    if (strcmp(kind, STORE_KIND_DISPUTE) == 0)
        return minutes;
    if (strcmp(kind, STORE_KIND_REVERSAL) == 0)
        return -pos(-minutes);
    return 0;
}

enum bot_rc store_transfer(struct store *st, const struct store_transfer *t, int64_t *txn_out)
{
    struct store_account from, to;
    enum bot_rc rc;
    if (!st->in_txn || t->minutes <= 0 || t->from_account == t->to_account)
        return BOT_INVALID;
    /* the payer as the tick at now would leave her: a lot past its date is never spent, whether or not the tick has run
     * (play-test 16b); the receiver's old lots go at the tick as before (what she receives is not touched by them) */
    if ((rc = store_account_at(st, t->now, t->from_account, &from)) != BOT_OK ||
        (rc = store_account_get(st, t->to_account, &to)) != BOT_OK)
        return rc;
    if (t->enforce_limit && from.has_limit && from.balance - t->minutes < from.min_balance)
        return BOT_LIMIT;
    int64_t txn;
    if ((rc = next_txn(st, &txn)) != BOT_OK)
        return rc;
    if ((rc = journal_leg(st, txn, from.id, -t->minutes, t)) != BOT_OK ||
        (rc = journal_leg(st, txn, to.id, t->minutes, t)) != BOT_OK ||
        (rc = account_add(st, from.id, -t->minutes, earned_of_leg(&from, t->kind, -t->minutes))) != BOT_OK ||
        (rc = account_add(st, to.id, t->minutes, earned_of_leg(&to, t->kind, t->minutes))) != BOT_OK)
        return rc;
    /* Lots hold exactly the positive part of a member's balance. A gift
     * between members moves the giver's lots with their dates (a gift never
     * restarts an expiry); a credit giving back what an order took keeps the
     * dates of the lots it took (lots_restore); any other credit is a fresh lot. */
    int from_member = strcmp(from.kind, "member") == 0, to_member = strcmp(to.kind, "member") == 0;
    int64_t spend = from_member ? pos(from.balance) - pos(from.balance - t->minutes) : 0;
    int64_t lot = to_member ? pos(to.balance + t->minutes) - pos(to.balance) : 0;
    struct lot_carry carry = {to.id, t->minutes - lot, txn};
    int gift = from_member && to_member && strcmp(t->kind, STORE_KIND_GIFT) == 0;
    int64_t order = t->request_id > 0 && gives_back(t->kind) ? t->request_id : 0;
    if (spend > 0 && (rc = lots_spend(st, from.id, spend, txn, order, gift ? &carry : NULL)) != BOT_OK)
        return rc;
    if (gift) /* the carried part; what the giver's lots did not cover (none: a gift never overdraws) is fresh */
        lot -= pos(spend - (t->minutes - lot));
    int64_t fresh = lot;
    if (lot > 0 && order && (rc = lots_restore(st, to.id, order, txn, &lot)) != BOT_OK)
        return rc;
    /* hours given back that had expired meanwhile go at once, in this transaction, as the tick at now would take them
     * (their own expiry leg): no balance, 查积分 or payment ever counts them past their date (play-test 16b) */
    if (lot < fresh && (rc = account_settle(st, to.id, t->now)) != BOT_OK)
        return rc;
    if (lot > 0 && (rc = lot_insert(st, to.id, lot, t->now, t->lot_expires_at, txn)) != BOT_OK)
        return rc;
    if (txn_out)
        *txn_out = txn;
    return BOT_OK;
}

static enum bot_rc read_history(struct sql_stmt *s, void *out)
{
    struct store_history *h = out;
    memset(h, 0, sizeof *h);
    h->txn = sql_column_int64(s, 0);
    h->minutes = sql_column_int64(s, 1);
    col_text(s, 2, h->kind, sizeof h->kind);
    col_text(s, 3, h->memo, sizeof h->memo);
    h->at = sql_column_int64(s, 4);
    h->request_id = sql_column_int64(s, 5);
    col_text(s, 6, h->counterpart, sizeof h->counterpart);
    return BOT_OK;
}

enum bot_rc store_history(struct store *st, int64_t account, struct store_history *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_HISTORY);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_history, out, sizeof *out, max, n);
}

enum bot_rc store_history_building(struct store *st, int64_t account, const char *building,
                                   struct store_history *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_HISTORY_BUILDING);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, max);
    sql_bind_text(s, 3, building);
    return sql_rows(s, read_history, out, sizeof *out, max, n);
}

enum bot_rc store_services_since(struct store *st, int64_t account, int64_t from, int64_t until, int *times,
                                 int64_t *minutes)
{
    struct sql_stmt *s = q(st, Q_SERVICES_SINCE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, from);
    sql_bind_int64(s, 3, until);
    int rc = sql_step(s);
    *times = rc == SQL_ROW ? (int)sql_column_int64(s, 0) : 0;
    *minutes = rc == SQL_ROW ? sql_column_int64(s, 1) : 0;
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_txn_lots_expiring(struct store *st, int64_t account, int64_t txn, int64_t after, int64_t before,
                                    int64_t *minutes, int64_t *earliest)
{
    struct sql_stmt *s = q(st, Q_TXN_LOTS_EXPIRING);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, txn);
    sql_bind_int64(s, 3, before);
    sql_bind_int64(s, 4, after);
    int rc = sql_step(s);
    *minutes = rc == SQL_ROW ? sql_column_int64(s, 0) : 0;
    *earliest = rc == SQL_ROW ? sql_column_int64(s, 1) : 0;
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_lots_expiring(struct store *st, int64_t account, int64_t before, int64_t *minutes,
                                int64_t *earliest)
{
    return store_lots_expiring_between(st, account, INT64_MIN, before, minutes, earliest);
}

enum bot_rc store_account_view(struct store *st, int64_t now, int64_t id, struct store_account *out)
{
    int64_t due = 0, first = 0;
    enum bot_rc rc = store_account_get(st, id, out);
    if (rc == BOT_OK && now > 0 && (rc = store_lots_expiring(st, id, now, &due, &first)) == BOT_OK)
        out->balance -= due; /* as the tick at now leaves it: its expiry debits the balance alone */
    return rc;
}

enum bot_rc store_lots_expiring_between(struct store *st, int64_t account, int64_t after, int64_t before,
                                        int64_t *minutes, int64_t *earliest)
{
    struct sql_stmt *s = q(st, Q_LOTS_EXPIRING);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, account);
    sql_bind_int64(s, 2, before);
    sql_bind_int64(s, 3, after);
    int rc = sql_step(s);
    *minutes = rc == SQL_ROW ? sql_column_int64(s, 0) : 0;
    *earliest = rc == SQL_ROW ? sql_column_int64(s, 1) : 0;
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

static enum bot_rc read_lot(struct sql_stmt *s, void *out)
{
    struct store_lot *l = out;
    l->id = sql_column_int64(s, 0);
    l->remaining = sql_column_int64(s, 1);
    l->expires_at = sql_column_int64(s, 2);
    l->member_id = sql_column_int64(s, 3);
    return BOT_OK;
}

enum bot_rc store_lots_to_warn(struct store *st, int64_t after, int64_t until, struct store_lot *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_LOTS_WARN);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, after);
    sql_bind_int64(s, 2, until);
    sql_bind_int64(s, 3, max);
    return sql_rows(s, read_lot, out, sizeof *out, max, n);
}

/* Run the cached statement `which` with up to three integer parameters. */
static enum bot_rc run_q(struct store *st, int which, int nargs, int64_t a1, int64_t a2, int64_t a3)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    int64_t args[3] = {a1, a2, a3};
    for (int i = 0; i < nargs; i++)
        sql_bind_int64(s, i + 1, args[i]);
    return sql_done(s);
}

/* Whether a tick at now walks the due accounts by id: at least one account in 16 is due (the rowid walk then reads few
 * rows that are not due); else oldest first by the next_expiry index. */
static enum bot_rc walk_by_id(struct store *st, int64_t now, int *by_id)
{
    int64_t max_id = 0, due = 0;
    struct sql_stmt *s;
    enum bot_rc rc;
    if ((rc = (s = q(st, Q_EXP_MAX_ID)) ? sql_int64(s, &max_id) : BOT_DB) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_EXP_DUE_UPTO)))
        return BOT_DB;
    sql_bind_int64(s, 1, now);
    sql_bind_int64(s, 2, max_id / 16 + 1);
    if ((rc = sql_int64(s, &due)) != BOT_OK)
        return rc;
    *by_id = due > max_id / 16;
    return BOT_OK;
}

/* exp_batch expired in journal transaction txn: its sums (*accounts, *lots, *minutes, *last the highest account);
 * a debit leg per account that loses minutes, one credit leg to the expired account for their sum; the accounts'
 * balances, expiry bounds and expired_through, which ends the due lots. */
static enum bot_rc exp_batch_apply(struct store *st, int64_t now, int64_t txn, int64_t expired, int *accounts,
                                   int *lots, int64_t *minutes, int64_t *last)
{
    enum bot_rc rc;
    struct sql_stmt *s = q(st, Q_EXP_SUMMARY);
    if (!s)
        return BOT_DB;
    if (sql_step(s) == SQL_ROW) {
        *lots = sql_column_int64(s, 0);
        *minutes = sql_column_int64(s, 1);
        *accounts = sql_column_int64(s, 2);
        *last = sql_column_int64(s, 3);
    }
    sql_reset(s);
    if (*minutes > 0 &&
        ((rc = run_q(st, Q_EXP_DEBITS, 2, now, txn, 0)) != BOT_OK ||
         (rc = run_q(st, Q_EXP_CREDITS, 3, now, expired, txn)) != BOT_OK ||
         (rc = run_q(st, Q_EXP_TOTAL, 2, expired, *minutes, 0)) != BOT_OK))
        return rc;
    if (*accounts > 0 && (rc = run_q(st, Q_EXP_BALANCES, 1, now, 0, 0)) != BOT_OK)
        return rc;
    return BOT_OK;
}

/* A batch's start in the open write transaction: the expired account, the scratch tables made and emptied, the
 * journal transaction's number. */
static enum bot_rc exp_batch_begin(struct store *st, int64_t *expired, int64_t *txn)
{
    struct store_account a;
    enum bot_rc rc;
    if ((rc = store_account_by_name(st, STORE_ACCOUNT_EXPIRED, &a)) != BOT_OK ||
        (rc = exec(st, st->pg ? exp_tables_pg : exp_tables_lite)) != BOT_OK ||
        (rc = run_q(st, Q_EXP_CLEAR_ACCTS, 0, 0, 0, 0)) != BOT_OK || (rc = run_q(st, Q_EXP_CLEAR, 0, 0, 0, 0)) != BOT_OK)
        return rc;
    *expired = a.id;
    return next_txn(st, txn);
}

enum bot_rc store_expire_batch(struct store *st, int64_t now, int max_accounts, struct store_expiry_walk *walk,
                               int *accounts, int *lots, int64_t *minutes)
{
    enum bot_rc rc;
    int64_t expired, txn;
    *accounts = *lots = 0;
    *minutes = 0;
    if (!st->in_txn)
        return BOT_ERR;
    if ((rc = exp_batch_begin(st, &expired, &txn)) != BOT_OK)
        return rc;
    /* the tick's first batch chooses its walk: by id when at least one account in 16 is due (the rowid walk then
     * reads few rows that are not due), else oldest first by the next_expiry index */
    if (!walk->started) {
        if ((rc = walk_by_id(st, now, &walk->by_id)) != BOT_OK)
            return rc;
        walk->started = 1;
        walk->after = 0;
    }
    /* the accounts whose earliest live lot may be due; per account the minutes
     * due, the number of lots and the next expiry */
    if ((rc = walk->by_id ? run_q(st, Q_EXP_PICK_IDS, 3, now, max_accounts, walk->after)
                          : run_q(st, Q_EXP_PICK_ACCTS, 2, now, max_accounts, 0)) != BOT_OK ||
        (rc = run_q(st, Q_EXP_FILL, 1, now, 0, 0)) != BOT_OK)
        return rc;
    int64_t last = 0;
    if ((rc = exp_batch_apply(st, now, txn, expired, accounts, lots, minutes, &last)) == BOT_OK && walk->by_id &&
        *accounts > 0)
        walk->after = last;
    return rc;
}

/* ---- the pipelined tick: the next batch read on a connection of its own while the last one is written ---- */

static enum bot_rc read_exp_row(struct sql_stmt *s, struct store_expiry_row *r)
{
    r->account = sql_column_int64(s, 0);
    r->minutes = sql_column_int64(s, 1);
    r->next = sql_column_null(s, 2) ? 0 : sql_column_int64(s, 2);
    r->lots = sql_column_int64(s, 3);
    return BOT_OK;
}

enum bot_rc store_expire_read(struct store *st, int64_t now, int64_t after, struct store_expiry_batch *b)
{
    b->n = 0;
    b->journal_last = 0;
    if (st->pg || st->in_txn || b->max <= 0) /* PostgreSQL's ids are not in commit order: nothing to compare */
        return BOT_ERR;
    int own = !st->in_read;
    enum bot_rc rc = own ? store_read_begin(st) : BOT_OK;
    struct sql_stmt *s = rc == BOT_OK ? q(st, Q_JOURNAL_LAST) : NULL;
    if (rc == BOT_OK && (rc = s ? sql_int64(s, &b->journal_last) : BOT_DB) == BOT_OK) {
        if ((s = q(st, Q_EXP_READ)) != NULL) {
            sql_bind_int64(s, 1, now);
            sql_bind_int64(s, 2, after);
            sql_bind_int64(s, 3, b->max);
            int step = SQL_DONE;
            while (b->n < b->max && (step = sql_step(s)) == SQL_ROW)
                read_exp_row(s, &b->rows[b->n++]);
            rc = b->n == b->max || step == SQL_DONE ? BOT_OK : BOT_DB;
            sql_reset(s);
        } else {
            rc = BOT_DB;
        }
    }
    if (own)
        store_read_end(st);
    return rc;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The accounts with a journal row after `last`, ascending, in *ids (malloc'd; *n of them, some twice). */
static enum bot_rc moved_since(struct store *st, int64_t last, int64_t **ids, int *n)
{
    struct sql_stmt *s = q(st, Q_JOURNAL_MOVED_SINCE);
    int cap = 0, step;
    *ids = NULL;
    *n = 0;
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, last);
    while ((step = sql_step(s)) == SQL_ROW) {
        if (*n == cap) {
            int64_t *more = realloc(*ids, (size_t)(cap = cap ? 2 * cap : 256) * sizeof **ids);
            if (!more) {
                sql_reset(s);
                return BOT_NOMEM;
            }
            *ids = more;
        }
        (*ids)[(*n)++] = sql_column_int64(s, 0);
    }
    sql_reset(s);
    if (*n > 1)
        qsort(*ids, (size_t)*n, sizeof **ids, cmp_id);
    return step == SQL_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_expire_apply(struct store *st, int64_t now, const struct store_expiry_batch *b, int *lots,
                               int64_t *minutes)
{
    enum bot_rc rc;
    int64_t expired, txn, last = 0, *moved = NULL;
    int nmoved = 0, accounts = 0, reread = 0;
    *lots = 0;
    *minutes = 0;
    if (!st->in_txn || st->pg)
        return BOT_ERR;
    if ((rc = exp_batch_begin(st, &expired, &txn)) != BOT_OK ||
        (rc = moved_since(st, b->journal_last, &moved, &nmoved)) != BOT_OK) {
        free(moved);
        return rc;
    }
    /* the batch as read into exp_batch; an account spent, earned or given since into exp_accts, read again below
     * under the lock */
    for (int i = 0; i < b->n && rc == BOT_OK; i++) {
        const struct store_expiry_row *r = &b->rows[i];
        int again = nmoved && bsearch(&r->account, moved, (size_t)nmoved, sizeof *moved, cmp_id);
        struct sql_stmt *s = q(st, again ? Q_EXP_ACCT_ADD : Q_EXP_ROW_ADD);
        if (!s) {
            rc = BOT_DB;
            break;
        }
        sql_bind_int64(s, 1, r->account);
        if (!again) {
            sql_bind_int64(s, 2, r->minutes);
            if (r->next > 0)
                sql_bind_int64(s, 3, r->next);
            else
                sql_bind_null(s, 3);
            sql_bind_int64(s, 4, r->lots);
        }
        reread |= again;
        rc = sql_done(s);
    }
    free(moved);
    if (rc == BOT_OK && reread)
        rc = run_q(st, Q_EXP_FILL, 1, now, 0, 0);
    if (rc == BOT_OK)
        rc = exp_batch_apply(st, now, txn, expired, &accounts, lots, minutes, &last);
    return rc;
}

/* Two batches in flight between the reader's thread and the writer (store_expire_run). */
struct exp_pipe {
    struct store *reader;
    int64_t now;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct store_expiry_batch buf[2];
    enum bot_rc rc[2];
    int last[2];
    int head, count, stop; /* under mu: the writer takes buf[head]; count read and not yet written */
};

static void *exp_reader(void *arg)
{
    struct exp_pipe *p = arg;
    int64_t after = 0;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->count == 2 && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        int slot = (p->head + p->count) % 2, stop = p->stop;
        pthread_mutex_unlock(&p->mu);
        if (stop)
            return NULL;
        struct store_expiry_batch *b = &p->buf[slot];
        enum bot_rc rc = store_expire_read(p->reader, p->now, after, b);
        int last = rc != BOT_OK || b->n < b->max;
        if (rc == BOT_OK && b->n > 0)
            after = b->rows[b->n - 1].account;
        pthread_mutex_lock(&p->mu);
        p->rc[slot] = rc;
        p->last[slot] = last;
        p->count++;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (last)
            return NULL;
    }
}

/* The tick over a file on disk that walks by id: the reader's thread reads the next batch while this one is
 * written; each batch is its own short write transaction. */
static enum bot_rc expire_pipelined(struct store *st, int64_t now, int batch, int *lots)
{
    struct exp_pipe p = {.now = now};
    enum bot_rc rc = store_open_reader(st, &p.reader);
    if (rc != BOT_OK)
        return rc;
    for (int i = 0; i < 2; i++) {
        p.buf[i].max = batch;
        if (!(p.buf[i].rows = calloc((size_t)batch, sizeof *p.buf[i].rows)))
            rc = BOT_NOMEM;
    }
    pthread_t th;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    if (rc == BOT_OK && pthread_create(&th, NULL, exp_reader, &p) != 0)
        rc = BOT_ERR;
    int started = rc == BOT_OK;
    while (rc == BOT_OK) {
        pthread_mutex_lock(&p.mu);
        while (p.count == 0)
            pthread_cond_wait(&p.cv, &p.mu);
        int slot = p.head;
        pthread_mutex_unlock(&p.mu);
        int l = 0, last = p.last[slot];
        int64_t m = 0;
        if ((rc = p.rc[slot]) == BOT_OK && p.buf[slot].n > 0 && (rc = store_begin(st)) == BOT_OK) {
            if ((rc = store_expire_apply(st, now, &p.buf[slot], &l, &m)) == BOT_OK)
                rc = store_commit(st);
            else
                store_rollback(st);
        }
        if (rc == BOT_OK)
            *lots += l;
        pthread_mutex_lock(&p.mu);
        p.head = (p.head + 1) % 2;
        p.count--;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        if (last)
            break;
    }
    if (started) {
        pthread_mutex_lock(&p.mu);
        p.stop = 1;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        pthread_join(th, NULL);
    }
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    free(p.buf[0].rows);
    free(p.buf[1].rows);
    store_close(p.reader);
    return rc;
}

enum bot_rc store_expire_run(struct store *st, int64_t now, int batch, int *lots)
{
    enum bot_rc rc;
    int by_id = 0;
    *lots = 0;
    if (st->in_txn || batch <= 0)
        return BOT_ERR;
    if (store_can_read_beside(st) && (rc = walk_by_id(st, now, &by_id)) != BOT_OK)
        return rc;
    if (by_id)
        return expire_pipelined(st, now, batch, lots);
    /* chosen above on a file on disk (by the next_expiry index): the first batch need not choose again */
    struct store_expiry_walk walk = {store_can_read_beside(st), 0, 0};
    for (;;) {
        int accounts = 0, l = 0;
        int64_t minutes = 0;
        if ((rc = store_begin(st)) != BOT_OK)
            return rc;
        if ((rc = store_expire_batch(st, now, batch, &walk, &accounts, &l, &minutes)) != BOT_OK) {
            store_rollback(st);
            return rc;
        }
        if ((rc = store_commit(st)) != BOT_OK)
            return rc;
        *lots += l;
        if (accounts < batch)
            return BOT_OK;
    }
}
