/* audit.c — every invariant of the ledger as a query whose rows are its breaches. */
#include "store_int.h"

#include <string.h>

/* the allow-list of journal kinds: " AND kind != 'service'" for each (ledger_kinds.h) */
#define KIND_ALLOWED(name, str) " AND kind != '" str "'"

struct audit_check {
    const char *what;
    const char *sql; /* every row it returns is one broken invariant, as text */
    const char *pg;  /* PostgreSQL's text where its dialect differs (NULL: sql serves both) */
};

/* The journal legs j of the system accounts a of one kind (the funds, the merchants: a handful among a city's
 * million), with the orders r and members m the caller joins by its conditions: the accounts read first (sqlite's
 * CROSS JOIN keeps that order; PostgreSQL plans it itself), each one's legs on its index by account (3.4 s → 0.06 s on
 * the city store, which had walked every leg of an order to find the fund's) */
#define SYSTEM_LEGS(kind) "accounts a CROSS JOIN journal j WHERE a.kind = '" kind "' AND j.account_id = a.id"
#define SYSTEM_LEGS_ORDERS(kind)                                                                                  \
    "accounts a CROSS JOIN journal j CROSS JOIN requests r CROSS JOIN members m WHERE a.kind = '" kind "' "          \
    "AND j.account_id = a.id"

/* The check a rule check reads in the same pass (ORDER_CAPPED): run alone only when the audit has no rules */
#define ORDER_CREDIT_WHAT "confirmed requests match their credit"

/* The orders beside what the journal credited them (service) and gave back by 撤销代录 (reversal), each summed on
 * the journal's index by order (v39: covering), and the breach: a confirmed order not credited what it says, or
 * another credited and not cancelled and reversed */
#define ORDER_CREDITS                                                                                             \
    "requests r LEFT JOIN (SELECT request_id, sum(minutes) s FROM journal WHERE kind = 'service' AND minutes > 0 "  \
    "AND request_id IS NOT NULL GROUP BY request_id) j ON j.request_id = r.id LEFT JOIN (SELECT request_id, "       \
    "sum(minutes) s FROM journal WHERE kind = 'reversal' AND minutes > 0 AND request_id IS NOT NULL "               \
    "GROUP BY request_id) v ON v.request_id = r.id"
#define ORDER_CREDIT_BROKEN                                                                                       \
    "((r.status IN ('confirmed','disputed') AND coalesce(j.s, 0) != coalesce(r.credited_minutes, 0)) "             \
    "OR (r.status NOT IN ('confirmed','disputed') AND j.s IS NOT NULL AND (r.status != 'cancelled' OR "            \
    "coalesce(v.s, 0) != j.s)))"
#define ORDER_CREDIT_TEXT "'request #' || r.id || ' credited ' || coalesce(r.credited_minutes, 0) || ' but journal ' || coalesce(j.s, 0)"
/* Two breaches one pass reads on the same row, both said when both hold (helper-72: the second had been hidden) */
#define BOTH(a, a_text, b, b_text)                                                                                \
    "CASE WHEN " a " THEN " a_text " ELSE '' END || CASE WHEN (" a ") AND (" b ") THEN '; ' ELSE '' END || "        \
    "CASE WHEN " b " THEN " b_text " ELSE '' END"

/* an order's cap: its estimate (or the default) + the allowance, never past the most (least: min of two) */
#define ORDER_CAP(least, est, allowance, most)                                                                    \
    least "(CASE WHEN coalesce(r.est_minutes, 0) > 0 THEN r.est_minutes ELSE " est " END + " allowance ", " most ")"
#define ORDER_PAST_CAP(least, est, allowance, most)                                                               \
    "(r.status IN ('confirmed','disputed') AND r.credited_minutes > " ORDER_CAP(least, est, allowance, most) ")"
#define ORDER_CAPPED(least, est, allowance, most, p)                                                               \
    "SELECT " BOTH(ORDER_CREDIT_BROKEN, ORDER_CREDIT_TEXT, ORDER_PAST_CAP(least, est, allowance, most),           \
                   "'request #' || r.id || ' credited ' || r.credited_minutes || ' minutes, its cap ' || "           \
                   ORDER_CAP(least, est, allowance, most)) " FROM " ORDER_CREDITS p " WHERE " ORDER_CREDIT_BROKEN " OR " \
    ORDER_PAST_CAP(least, est, allowance, most)

/* The live lots' sums and first expiry by account against the account (greatest: PostgreSQL's max of two) */
#define LOTS_BROKEN(greatest) "(a.kind = 'member' AND coalesce(l.s, 0) != " greatest "(a.balance, 0))"
#define EXPIRY_BROKEN "(l.e IS NOT NULL AND (a.next_expiry IS NULL OR a.next_expiry > l.e))"
#define LOTS_CHECK(greatest)                                                                                      \
    "SELECT " BOTH(LOTS_BROKEN(greatest), "'account ' || a.name || ' lots ' || coalesce(l.s, 0) || ' but positive "   \
                   "balance ' || " greatest "(a.balance, 0)", EXPIRY_BROKEN, "'account ' || a.name || ' next expiry ' " \
                   "|| coalesce(CAST(a.next_expiry AS TEXT), 'none') || ' but a lot expires at ' || l.e")             \
    " FROM accounts a LEFT JOIN (SELECT l.account_id, sum(l.remaining) s, min(l.expires_at) e FROM lots l "      \
    "JOIN accounts a ON a.id = l.account_id WHERE " LOT_LIVE " GROUP BY l.account_id) l ON l.account_id = a.id "   \
    "WHERE " LOTS_BROKEN(greatest) " OR " EXPIRY_BROKEN

static const struct audit_check audit_checks[] = {
    {"journal sums to zero",
     "SELECT 'journal total ' || total(minutes) FROM journal HAVING total(minutes) != 0",
     "SELECT 'journal total ' || coalesce(sum(minutes), 0) FROM journal HAVING coalesce(sum(minutes), 0) != 0"},
    /* one pass over the journal by transaction for both */
    {"every transaction balances and has two or more legs",
     "SELECT 'txn ' || txn || ' ' || " BOTH("count(*) < 2", "'has one leg'", "sum(minutes) != 0", "'sums to ' || sum(minutes)")
     " FROM journal GROUP BY txn HAVING sum(minutes) != 0 OR count(*) < 2", NULL},
    /* one pass over the journal's index by account (v39 carries minutes and kind): a balance is its entries, and a
     * member's lifetime earned the service she kept (a service refunded after a complaint, held by one, or undone by
     * 撤销代录 is not), as the dividend counts it */
    {"balances equal their entries, and earned the service kept",
     "SELECT " BOTH("a.balance != coalesce(j.s, 0)", "'account ' || a.name || ' balance ' || a.balance || ' but journal ' "
                    "|| coalesce(j.s, 0)", "a.kind = 'member' AND a.earned != coalesce(j.e, 0)", "'account ' || a.name || "
                    "' earned ' || a.earned || ' but kept service ' || coalesce(j.e, 0)") " FROM accounts a LEFT JOIN (SELECT j.account_id, sum(j.minutes) s, "
     "sum(CASE WHEN " STORE_EARNED_LEG("j") " THEN j.minutes ELSE 0 END) e FROM journal j GROUP BY j.account_id) j "
     "ON j.account_id = a.id WHERE a.balance != coalesce(j.s, 0) OR a.kind = 'member' AND a.earned != coalesce(j.e, 0)",
     NULL},
    {"no balance under its limit",
     "SELECT 'account ' || name || ' balance ' || balance || ' under limit ' || min_balance "
     "FROM accounts WHERE min_balance IS NOT NULL AND balance < min_balance", NULL},
    /* one pass over the live lots by account for both: a member's live lots hold her positive balance, and every
     * account knows when its first live lot expires */
    {"lots hold the positive balance, and every account knows when its first live lot expires",
     LOTS_CHECK("max"), LOTS_CHECK("greatest")},
    /* v47: what a debit took from a lot, and what credits gave back of it, within what the lot held */
    {"every lot use is within its lot, and gives back no more than it took",
     "SELECT 'lot ' || u.lot_id || ' use by txn ' || u.txn || ' took ' || u.minutes || ', gave back ' || u.back "
     "FROM lot_uses u JOIN lots l ON l.id = u.lot_id WHERE u.minutes <= 0 OR u.back < 0 OR u.back > u.minutes "
     "OR u.minutes > l.minutes", NULL},
    {"held credits match open complaints",
     "SELECT 'hold account ' || a.balance || ' but open complaints hold ' || coalesce(c.s, 0) "
     "FROM accounts a, (SELECT sum(held_minutes) s FROM complaints WHERE status = 'open') c "
     "WHERE a.name = 'hold' AND a.balance != coalesce(c.s, 0)", NULL},
    {"every skill is listed under its member's building",
     "SELECT 'member ' || k.member_id || ' offers ' || k.service || ' in ' || k.building || ' but lives in ' || m.building "
     "FROM member_skills k JOIN members m ON m.id = k.member_id WHERE k.building != m.building", NULL},
    {"every skill carries its member's lifetime earned and the ratings she got as a volunteer",
     "SELECT 'member ' || k.member_id || ' offers ' || k.service || ' with earned ' || k.earned || ' and ' || "
     "k.stars_sum || '/' || k.stars_n || ' stars but has ' || coalesce(a.earned, 0) || ' and ' || "
     "coalesce(r.s, 0) || '/' || coalesce(r.n, 0) FROM member_skills k JOIN members m ON m.id = k.member_id "
     "LEFT JOIN accounts a ON a.id = m.account_id LEFT JOIN (SELECT r.ratee_id, sum(r.stars) s, count(*) n FROM ratings r "
     "JOIN requests q ON q.id = r.request_id AND q.volunteer_id = r.ratee_id GROUP BY r.ratee_id) r ON r.ratee_id = k.member_id WHERE k.earned != coalesce(a.earned, 0) "
     "OR k.stars_sum != coalesce(r.s, 0) OR k.stars_n != coalesce(r.n, 0)", NULL},
    {"every skill knows how lately its member accepted an order (at least her latest accept)",
     "SELECT 'member ' || k.member_id || ' offers ' || k.service || ' with latest accept ' || k.last_accept || "
     "' but accepted an order at ' || " MEMBER_LAST_ACCEPT("k.member_id") " FROM member_skills k "
     "WHERE k.last_accept < " MEMBER_LAST_ACCEPT("k.member_id"), NULL},
    {"system accounts hold no lots",
     "SELECT 'account ' || a.name || ' has lots' FROM lots l JOIN accounts a ON a.id = l.account_id "
     "WHERE a.kind != 'member' GROUP BY a.id", NULL},
    {"every journal leg names a known kind",
     "SELECT 'journal row ' || id || ' kind ' || kind FROM journal WHERE 1 = 1" STORE_JOURNAL_KINDS(KIND_ALLOWED), NULL},
    {"no lot out of range",
     "SELECT 'lot ' || id || ' remaining ' || remaining || ' of ' || minutes FROM lots "
     "WHERE remaining < 0 OR remaining > minutes", NULL},
    {"no request credited twice",
     "SELECT 'request #' || request_id || ' credited by two or more transactions (' || min(txn) || ', ' || max(txn) || ')' "
     "FROM journal WHERE kind = 'service' AND request_id IS NOT NULL GROUP BY request_id HAVING min(txn) < max(txn)", NULL},
    /* with the rules, "confirmed requests match their credit, none past its cap" reads this in its pass */
    {ORDER_CREDIT_WHAT, "SELECT " ORDER_CREDIT_TEXT " FROM " ORDER_CREDITS " WHERE " ORDER_CREDIT_BROKEN, NULL},
    /* a refund (complaint) and a reversal (撤销代录) together never give back more than the request credited */
    {"no request paid back more than it credited",
     "SELECT 'request #' || b.request_id || ' paid back ' || b.s || ' of ' || coalesce(j.s, 0) FROM (SELECT request_id, "
     "sum(minutes) s FROM journal WHERE kind IN ('refund', 'reversal') AND minutes > 0 AND request_id IS NOT NULL "
     "AND account_id NOT IN (SELECT id FROM accounts WHERE name = 'hold') GROUP BY request_id) b LEFT JOIN "
     "(SELECT request_id, sum(minutes) s FROM journal WHERE kind = 'service' AND minutes > 0 GROUP BY request_id) j "
     "ON j.request_id = b.request_id WHERE b.s > coalesce(j.s, 0)", NULL},
    /* 撤销代录: one reversing transaction per credited request, of exactly what it credited (a reversal names
     * its request) */
    {"every reversal pairs exactly one original",
     "SELECT 'request #' || v.request_id || ' reversed by ' || v.n || ' transactions, ' || v.s || ' of ' "
     "|| coalesce(j.s, 0) FROM (SELECT request_id, count(DISTINCT txn) n, sum(CASE WHEN minutes > 0 THEN minutes "
     "END) s FROM journal WHERE kind = 'reversal' AND request_id IS NOT NULL GROUP BY request_id) v LEFT JOIN (SELECT request_id, "
     "sum(minutes) s FROM journal WHERE kind = 'service' AND minutes > 0 GROUP BY request_id) j "
     "ON j.request_id = v.request_id WHERE v.n != 1 OR j.s IS NULL OR v.s != j.s", NULL},
    /* 首存日: what the fund paid on top of a service (less what came back) never exceeds the service's credit */
    {"no request's bonus past its credit",
     "SELECT 'request #' || coalesce(CAST(b.request_id AS TEXT), 'none') || ' bonus ' || b.m || ' minutes, credited ' || "
     "coalesce(r.credited_minutes, 0) FROM (SELECT j.request_id, -sum(j.minutes) m FROM " SYSTEM_LEGS("fund")
     " AND j.kind = 'bonus' GROUP BY j.request_id) b "
     "LEFT JOIN requests r ON r.id = b.request_id WHERE b.m < 0 OR b.m > coalesce(r.credited_minutes, 0)", NULL},
};

/* the cash ledger's kinds: " AND kind != 'fee'" for each */
#define CASH_KIND_ALLOWED(name, str) " AND kind != '" str "'"

/* The cash ledger (yuan in fen) holds to the same double entry, apart from the hours. */
static const struct audit_check cash_checks[] = {
    {"cash journal sums to zero",
     "SELECT 'cash journal total ' || total(fen) FROM cash_journal HAVING total(fen) != 0",
     "SELECT 'cash journal total ' || coalesce(sum(fen), 0) FROM cash_journal HAVING coalesce(sum(fen), 0) != 0"},
    {"every cash transaction balances",
     "SELECT 'cash txn ' || txn || ' sums to ' || sum(fen) FROM cash_journal GROUP BY txn HAVING sum(fen) != 0", NULL},
    {"every cash transaction has two or more legs",
     "SELECT 'cash txn ' || txn || ' has one leg' FROM cash_journal GROUP BY txn HAVING count(*) < 2", NULL},
    {"cash balances equal their entries",
     "SELECT 'cash account ' || a.name || ' balance ' || a.balance_fen || ' but journal ' || coalesce(j.s, 0) "
     "FROM cash_accounts a LEFT JOIN (SELECT account_id, sum(fen) s FROM cash_journal GROUP BY account_id) j "
     "ON j.account_id = a.id WHERE a.balance_fen != coalesce(j.s, 0)", NULL},
    {"no cash account that holds money below zero",
     "SELECT 'cash account ' || name || ' balance ' || balance_fen FROM cash_accounts "
     "WHERE kind NOT IN ('" STORE_CASH_ACCOUNT_KIND_SOURCE "', '" STORE_CASH_ACCOUNT_KIND_SINK "') AND balance_fen < 0", NULL},
    {"income never negative, spending never returned past what was spent",
     "SELECT 'cash account ' || name || ' (' || kind || ') balance ' || balance_fen FROM cash_accounts "
     "WHERE (kind = '" STORE_CASH_ACCOUNT_KIND_SOURCE "' AND balance_fen > 0) OR (kind = '"
     STORE_CASH_ACCOUNT_KIND_SINK "' AND balance_fen < 0)", NULL},
    {"a member's cash account is a member's",
     "SELECT 'cash account ' || name || ' kind ' || kind || ' member ' || coalesce(CAST(member_id AS TEXT), 'none') "
     "FROM cash_accounts WHERE (kind = '" STORE_CASH_ACCOUNT_KIND_MEMBER "') != (member_id IS NOT NULL) "
     "OR (member_id IS NOT NULL AND member_id NOT IN (SELECT id FROM members))", NULL},
    {"every cash leg names a known kind",
     "SELECT 'cash journal row ' || id || ' kind ' || kind FROM cash_journal WHERE 1 = 1" STORE_CASH_KINDS(CASH_KIND_ALLOWED), NULL},
    /* 核销: the hours a redemption took went to its merchant's time account, its fee to what the merchant owes */
    {"every redemption matches its journal and its fee",
     "SELECT 'redemption ' || r.id || ': ' || r.minutes || ' minutes, fee ' || r.fee_fen || ' fen' FROM redemptions r "
     "JOIN merchants m ON m.id = r.merchant_id WHERE r.minutes != coalesce((SELECT sum(j.minutes) FROM journal j "
     "WHERE j.txn = r.txn AND j.account_id = m.account_id AND j.kind = 'redemption' AND j.minutes > 0), 0) "
     "OR r.fee_fen != coalesce((SELECT sum(c.fen) FROM cash_journal c WHERE r.cash_txn IS NOT NULL AND "
     "c.txn = r.cash_txn AND c.account_id = m.cash_account_id AND c.kind = 'merchant_fee'), 0)", NULL},
    {"every redemption a merchant received is a recorded one",
     "SELECT 'journal txn ' || j.txn || ' is a redemption nobody recorded' FROM " SYSTEM_LEGS(STORE_ACCOUNT_KIND_MERCHANT)
     " AND j.kind = 'redemption' AND j.minutes > 0 AND j.txn NOT IN (SELECT txn FROM redemptions)", NULL},
};

/* PostgreSQL types every parameter of a statement, used or not: its rule checks read the five as a one-row table p */
#define RULES_PG                                                                                                  \
    "WITH p(est, allowance, most, budget, utc_offset) AS (SELECT CAST(?1 AS BIGINT), CAST(?2 AS BIGINT), "       \
    "CAST(?3 AS BIGINT), CAST(?4 AS BIGINT), CAST(?5 AS BIGINT)) "

/* The rule book's invariants, bound to ?1 default estimate, ?2 allowance, ?3 most minutes a request, ?4 the fund's
 * monthly budget per building, ?5 the clock's offset (seconds). */
static const struct audit_check rule_checks[] = {
    /* one pass over the orders for both: each credited what the journal says (the check above, run here instead),
     * and a timer, a requester's hours, a 代录 or auto-confirm never past the estimate + allowance nor the maximum */
    {ORDER_CREDIT_WHAT ", none credited past its cap",
     ORDER_CAPPED("min", "?1", "?2", "?3", ""),
     RULES_PG ORDER_CAPPED("least", "p.est", "p.allowance", "p.most", " CROSS JOIN p")},
    /* what the fund paid (less what came back) for a building's members' services finished in a month (the month a leg
     * counts in: STORE_FUND_MONTH_AT), but for what staff approved past the budget (基金批准), within the budget; the
     * building is the requester's today */
    {"the fund within each building's monthly budget",
     "SELECT coalesce(nullif(m.building, ''), '(no building)') || ' ' || strftime('%Y-%m', " STORE_FUND_MONTH_AT("r", "j") " + ?5, 'unixepoch') "
     "|| ' fund paid ' || -sum(j.minutes) || ' minutes, budget ' || ?4 FROM " SYSTEM_LEGS_ORDERS("fund")
     " AND ?4 > 0 AND r.id = j.request_id AND m.id = r.requester_id "
     "AND j.kind IN ('service', 'reversal', 'refund') AND NOT EXISTS (SELECT 1 FROM job_runs "
     "WHERE job = 'fund_approved' AND subject = CAST(r.id AS TEXT)) "
     "GROUP BY m.building, strftime('%Y-%m', " STORE_FUND_MONTH_AT("r", "j") " + ?5, 'unixepoch') HAVING -sum(j.minutes) > ?4",
     RULES_PG "SELECT coalesce(nullif(m.building, ''), '(no building)') || ' ' || "
     "to_char(to_timestamp(" STORE_FUND_MONTH_AT("r", "j") " + p.utc_offset) AT TIME ZONE 'UTC', 'YYYY-MM') "
     "|| ' fund paid ' || -sum(j.minutes) || ' minutes, budget ' || p.budget FROM p, journal j "
     "JOIN accounts a ON a.id = j.account_id JOIN requests r ON r.id = j.request_id "
     "JOIN members m ON m.id = r.requester_id WHERE p.budget > 0 AND a.kind = 'fund' "
     "AND j.kind IN ('service', 'reversal', 'refund') AND NOT EXISTS (SELECT 1 FROM job_runs "
     "WHERE job = 'fund_approved' AND subject = CAST(r.id AS TEXT)) "
     "GROUP BY m.building, to_char(to_timestamp(" STORE_FUND_MONTH_AT("r", "j") " + p.utc_offset) AT TIME ZONE 'UTC', 'YYYY-MM'), p.budget "
     "HAVING -sum(j.minutes) > p.budget"},
};

/* Run one check (bound to rules when given); each row it returns is a breach, reported. */
static enum bot_rc run_check(struct store *st, int which, const struct audit_check *c,
                             const struct store_audit_rules *rules, char *report, size_t reportsz, size_t *len,
                             int *broken)
{
    struct sql_stmt *s = sql_stmt_get(st, STORE_PART_AUDIT, which, st->pg && c->pg ? c->pg : c->sql);
    if (!s)
        return BOT_DB;
    if (rules) {
        sql_bind_int64(s, 1, rules->default_estimate_minutes);
        sql_bind_int64(s, 2, rules->over_estimate_minutes);
        sql_bind_int64(s, 3, rules->max_request_minutes);
        sql_bind_int64(s, 4, rules->fund_budget_minutes);
        sql_bind_int64(s, 5, rules->utc_offset);
    }
    int rc;
    while ((rc = sql_step(s)) == SQL_ROW) {
        (*broken)++;
        bot_appendf(report, reportsz, len, "%s: %s\n", c->what, sql_column_text(s, 0));
    }
    sql_reset(s);
    return rc == SQL_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_audit(struct store *st, const struct store_audit_rules *rules, char *report, size_t reportsz,
                        int *broken)
{
    size_t len = 0;
    int which = 0; /* the checks, numbered in order, are the audit part's statements */
    enum bot_rc rc;
    _Static_assert(BOT_ARRAY_LEN(audit_checks) + BOT_ARRAY_LEN(cash_checks) + BOT_ARRAY_LEN(rule_checks) <=
                       STORE_PART_MAX,
                   "raise STORE_PART_MAX");
    *broken = 0;
    report[0] = '\0';
    for (size_t i = 0; i < BOT_ARRAY_LEN(audit_checks); i++, which++)
        if ((!rules || strcmp(audit_checks[i].what, ORDER_CREDIT_WHAT) != 0) &&
            (rc = run_check(st, which, &audit_checks[i], NULL, report, reportsz, &len, broken)) != BOT_OK)
            return rc;
    for (size_t i = 0; i < BOT_ARRAY_LEN(cash_checks); i++)
        if ((rc = run_check(st, which++, &cash_checks[i], NULL, report, reportsz, &len, broken)) != BOT_OK)
            return rc;
    for (size_t i = 0; rules && i < BOT_ARRAY_LEN(rule_checks); i++)
        if ((rc = run_check(st, which++, &rule_checks[i], rules, report, reportsz, &len, broken)) != BOT_OK)
            return rc;
    return BOT_OK;
}
