/* console.c — what the web console keeps and reads: one-time login links, sessions, its action log, login tries,
 * and the lists and figures of its pages. */
#include "store_int.h"

/* the building col is in branch ?3 (a building not mapped is in branch 1); col names its table (a bare
 * `building` inside the subquery would be building_branches' own) */
#define BR_IS(col) "coalesce((SELECT branch_id FROM building_branches WHERE building = " col "), 1) = ?3"

#define CONSOLE_SQL(X)                                                                             \
    X(Q_LINK_PUT, "INSERT INTO console_links(token_hash, member_id, created_at, expires_at) VALUES (?1,?2,?3,?4)") \
    /* a link is taken once: the update only matches one still unused and alive */              \
    X(Q_LINK_TAKE,                                                                                 \
      "UPDATE console_links SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2 " \
      "RETURNING member_id")                                                                        \
    X(Q_LINK_PRUNE, "DELETE FROM console_links WHERE expires_at < ?1")                             \
    X(Q_SESSION_PUT,                                                                               \
      "INSERT INTO console_sessions(sid_hash, member_id, csrf, created_at, expires_at) VALUES (?1,?2,?3,?4,?5)") \
    X(Q_SESSION_GET,                                                                               \
      "SELECT member_id, csrf, expires_at FROM console_sessions WHERE sid_hash = ?1 AND revoked_at IS NULL " \
      "AND expires_at > ?2")                                                                        \
    X(Q_SESSION_REVOKE,                                                                            \
      "UPDATE console_sessions SET revoked_at = ?2 WHERE member_id = ?1 AND revoked_at IS NULL AND expires_at > ?2") \
    X(Q_SESSION_REVOKE_ONE, "UPDATE console_sessions SET revoked_at = ?2 WHERE sid_hash = ?1 AND revoked_at IS NULL") \
    X(Q_SESSION_PRUNE, "DELETE FROM console_sessions WHERE expires_at < ?1")                       \
    X(Q_LOG_ADD, "INSERT INTO console_log(member_id, action, detail, at) VALUES (?1,?2,?3,?4)")   \
    X(Q_TRY_ADD, "INSERT INTO console_tries(ip, at) VALUES (?1, ?2)")                              \
    X(Q_TRY_PRUNE, "DELETE FROM console_tries WHERE at < ?1")                                      \
    X(Q_TRY_COUNT, "SELECT count(*) FROM console_tries WHERE ip = ?1 AND at >= ?2")              \
    /* a 楼长's today (his building, ?3): every count reads the building's members by members_building */ \
    X(Q_TODAY,                                                                                     \
      "SELECT (SELECT count(*) FROM members WHERE building = ?3 AND registered = 1), "              \
      "(SELECT count(DISTINCT r.volunteer_id) FROM requests r INDEXED BY requests_accepted CROSS JOIN members m " \
      " ON m.id = r.volunteer_id WHERE r.accepted_at >= ?1 AND m.building = ?3), "                   \
      "(SELECT count(*) FROM requests INDEXED BY requests_open_building WHERE status = 'open' AND building = ?3), " \
      "(SELECT count(*) FROM requests INDEXED BY requests_open_building WHERE status = 'open' AND building = ?3 " \
      " AND created_at <= ?2)")                                                                     \
    /* service hours confirmed in [?1, ?2), by week, service and building (the order's) at once, of building ?3 \
     * ('' = all): one walk of the confirmed orders' covering index */                            \
    X(Q_HOURS,                                                                                \
      "SELECT CAST((r.confirmed_at - ?1) / 604800 AS INTEGER), r.service, r.building, sum(" STORE_KEPT_MINUTES("r") ") " \
      "FROM requests r INDEXED BY requests_confirmed WHERE r.confirmed_at >= ?1 AND r.confirmed_at < ?2 "       \
      "AND r.credited_minutes > 0 AND " STORE_IN_SCOPE("r.building", "?3") " GROUP BY 1, 2, 3")                        \
    /* the 公示: hours served in [?1, ?2) by the building the helpers live in, each helper read once */     \
    X(Q_PUBLICITY,                                                                                 \
      "SELECT m.building, sum(t.s) FROM (SELECT r.volunteer_id v, sum(" STORE_KEPT_MINUTES("r") ") s FROM requests r " \
      "INDEXED BY requests_confirmed WHERE r.confirmed_at >= ?1 AND r.confirmed_at < ?2 AND r.credited_minutes > 0 " \
      "GROUP BY v) t CROSS JOIN members m ON m.id = t.v "        \
      "WHERE t.s > 0 AND " STORE_IN_SCOPE("m.building", "?4") " GROUP BY m.building ORDER BY 2 DESC, 1 LIMIT ?3")                                                \
    X(Q_ORDERS,                                                                                    \
      "SELECT r.id, r.status, r.service, coalesce(r.start_at, 0), r.created_at, rq.name, rq.building, " \
      "coalesce(v.name, ''), coalesce(r.credited_minutes, 0), r.text, r.requester_id, coalesce(r.volunteer_id, 0) " \
      "FROM requests r NOT INDEXED JOIN members rq ON rq.id = r.requester_id LEFT JOIN members v ON v.id = r.volunteer_id " \
      "WHERE (?1 = '' OR r.status = ?1) AND " STORE_IN_SCOPE("rq.building", "?2") " AND (?3 = '' OR r.service = ?3) " \
      "AND r.created_at >= ?4 AND r.created_at < ?5 AND (?8 = 0 OR r.requester_id = ?8 OR r.volunteer_id = ?8) " \
      /* walked by id between the range's first and last order (requests_created gives both), newest first */ \
      "AND r.id >= (SELECT min(id) FROM requests WHERE created_at >= ?4 AND created_at < ?5) "       \
      "AND r.id <= (SELECT max(id) FROM requests WHERE created_at >= ?4 AND created_at < ?5) "       \
      "AND r.id < ?9 ORDER BY r.id DESC LIMIT ?6 OFFSET ?7")                                                       \
    /* the same list without a date range: walked by id, newest first (never through requests_created) */     \
    X(Q_ORDERS_ALL,                                                                                \
      "SELECT r.id, r.status, r.service, coalesce(r.start_at, 0), r.created_at, rq.name, rq.building, " \
      "coalesce(v.name, ''), coalesce(r.credited_minutes, 0), r.text, r.requester_id, coalesce(r.volunteer_id, 0) " \
      "FROM requests r NOT INDEXED JOIN members rq ON rq.id = r.requester_id LEFT JOIN members v ON v.id = r.volunteer_id " \
      "WHERE (?1 = '' OR r.status = ?1) AND " STORE_IN_SCOPE("rq.building", "?2") " AND (?3 = '' OR r.service = ?3) " \
      "AND (?8 = 0 OR r.requester_id = ?8 OR r.volunteer_id = ?8) " \
      "AND r.id < ?9 ORDER BY r.id DESC LIMIT ?6 OFFSET ?7")                                                       \
    /* one member's orders (as requester or volunteer): read by the two member indexes, never a walk of all */ \
    X(Q_ORDERS_MEMBER,                                                                             \
      "SELECT r.id, r.status, r.service, coalesce(r.start_at, 0), r.created_at, rq.name, rq.building, " \
      "coalesce(v.name, ''), coalesce(r.credited_minutes, 0), r.text, r.requester_id, coalesce(r.volunteer_id, 0) " \
      "FROM requests r JOIN members rq ON rq.id = r.requester_id LEFT JOIN members v ON v.id = r.volunteer_id " \
      "WHERE r.id IN (SELECT id FROM requests WHERE requester_id = ?8 UNION SELECT id FROM requests " \
      "WHERE volunteer_id = ?8) AND (?1 = '' OR r.status = ?1) AND " STORE_IN_SCOPE("rq.building", "?2") " " \
      "AND (?3 = '' OR r.service = ?3) AND r.created_at >= ?4 AND r.created_at < ?5 " \
      "AND r.id < ?9 ORDER BY r.id DESC LIMIT ?6 OFFSET ?7")                                                       \
    /* staff's week and service figures: the confirmed orders' covering index alone, no member read */ \
    /* staff's today: no member read but for the count of members (the covering members_building index) */ \
    X(Q_TODAY_ALL,                                                                                 \
      "SELECT (SELECT count(*) FROM members INDEXED BY members_building WHERE registered = 1), "     \
      "(SELECT count(DISTINCT volunteer_id) FROM requests INDEXED BY requests_accepted WHERE accepted_at >= ?1), " \
      "(SELECT count(*) FROM requests WHERE status = 'open'), "                                     \
      "(SELECT count(*) FROM requests WHERE status = 'open' AND created_at <= ?2)")                 \
    /* a branch admin's today (the buildings of branch ?3) */                                      \
    X(Q_TODAY_BRANCH,                                                                              \
      "SELECT (SELECT count(*) FROM members WHERE " BR_IS("members.building") " AND registered = 1), "      \
      "(SELECT count(DISTINCT r.volunteer_id) FROM requests r INDEXED BY requests_accepted CROSS JOIN members m " \
      " ON m.id = r.volunteer_id WHERE r.accepted_at >= ?1 AND " BR_IS("m.building") "), "            \
      "(SELECT count(*) FROM requests WHERE status = 'open' AND " BR_IS("requests.building") "), "           \
      "(SELECT count(*) FROM requests WHERE status = 'open' AND " BR_IS("requests.building") " AND created_at <= ?2)") \
    X(Q_MEMBERS,                                                                                   \
      "SELECT m.id, m.name, m.building, m.roles, m.suspended, m.accept_banned_until, m.registered, a.balance, " \
      "a.earned, m.phone, m.created_at, m.manager_building, m.frozen_until, "                       \
      "CASE WHEN EXISTS (SELECT 1 FROM merchant_clerks k WHERE k.member_id = m.id) THEN 1 ELSE 0 END "   \
      "FROM members m "                                                                            \
      "JOIN accounts a ON a.id = m.account_id "                                                     \
      "WHERE (?1 = '' OR (m.name >= ?1 AND m.name < ?1 || CAST(?6 AS TEXT))) AND " STORE_IN_SCOPE("m.building", "?2") " " \
      "AND (?5 = 0 OR m.id = ?5) ORDER BY m.id DESC LIMIT ?3 OFFSET ?4")                          \
    X(Q_LAST_LOG, "SELECT at, detail, member_id FROM console_log WHERE action = ?1 ORDER BY id DESC LIMIT 1") \
    X(Q_SYSTEM_ACCOUNTS,                                                                           \
      "SELECT a.id, a.name, a.kind, a.balance, coalesce((SELECT s.name FROM merchants s WHERE s.account_id = a.id), '') " \
      "FROM accounts a WHERE a.kind != 'member' ORDER BY a.id")                                     \
    X(Q_MEMBER_TOTALS,                                                                             \
      "SELECT count(*), coalesce(sum(balance), 0), coalesce(sum(CASE WHEN balance < 0 THEN 1 END), 0), "  \
      "coalesce(sum(CASE WHEN balance < 0 THEN balance END), 0) FROM accounts WHERE kind = 'member'") \
    /* the journal in [from, to): every leg, with its account and member */                      \
    X(Q_JOURNAL_RANGE,                                                                             \
      "SELECT j.id, j.txn, j.at, a.name, coalesce(m.name, ''), j.minutes, j.kind, coalesce(j.request_id, 0), j.memo " \
      "FROM journal j JOIN accounts a ON a.id = j.account_id LEFT JOIN members m ON m.id = a.member_id " \
      "WHERE j.at >= ?1 AND j.at < ?2 AND j.id > ?3 ORDER BY j.id LIMIT ?4")                     \
    /* a month's report, [from, to) */                                                          \
    X(Q_MONTH,                                                                                     \
      "SELECT (SELECT count(*) FROM members WHERE registered = 1 AND created_at >= ?1 AND created_at < ?2), " \
      "(SELECT count(*) FROM members WHERE registered = 1 AND created_at < ?2), "                 \
      "(SELECT count(*) FROM requests WHERE created_at >= ?1 AND created_at < ?2), "               \
      "(SELECT count(*) FROM requests INDEXED BY requests_confirmed WHERE confirmed_at >= ?1 AND confirmed_at < ?2 " \
      " AND status IN ('confirmed', 'disputed')), "                                               \
      "(SELECT coalesce(sum(" STORE_KEPT_MINUTES("r") "), 0) FROM requests r INDEXED BY requests_confirmed " \
      " WHERE r.confirmed_at >= ?1 AND r.confirmed_at < ?2 AND r.credited_minutes > 0), " \
      "(SELECT count(*) FROM requests INDEXED BY requests_created WHERE created_at >= ?1 AND created_at < ?2 " \
      " AND status = 'cancelled'), " \
      "(SELECT count(*) FROM requests INDEXED BY requests_created WHERE created_at >= ?1 AND created_at < ?2 " \
      " AND status = 'expired'), " \
      "(SELECT count(DISTINCT volunteer_id) FROM requests INDEXED BY requests_confirmed "          \
      " WHERE confirmed_at >= ?1 AND confirmed_at < ?2 AND status IN ('confirmed', 'disputed')), " \
      "(SELECT count(*) FROM ratings WHERE at >= ?1 AND at < ?2), "                                \
      "(SELECT coalesce(avg(stars), 0) FROM ratings WHERE at >= ?1 AND at < ?2), "                 \
      "(SELECT count(*) FROM complaints WHERE created_at >= ?1 AND created_at < ?2), "             \
      "(SELECT count(*) FROM complaints WHERE resolved_at >= ?1 AND resolved_at < ?2), "           \
      "(SELECT count(*) FROM activities WHERE coalesce(starts_at, created_at) >= ?1 AND coalesce(starts_at, created_at) < ?2), " \
      "(SELECT count(*) FROM activity_participants WHERE at >= ?1 AND at < ?2)")                  \
    /* the same of scope ?3 (a building, 分会#N): members by their building, orders by theirs, ratings and \
     * complaints by their order's, activities by their organiser's, sign-ins by the member's */ \
    X(Q_MONTH_SCOPED,                                                                              \
      "SELECT (SELECT count(*) FROM members WHERE registered = 1 AND created_at >= ?1 AND created_at < ?2 AND " \
      STORE_IN_SCOPE("members.building", "?3") "), " \
      "(SELECT count(*) FROM members WHERE registered = 1 AND created_at < ?2 AND " STORE_IN_SCOPE("members.building", "?3") "), " \
      "(SELECT count(*) FROM requests WHERE created_at >= ?1 AND created_at < ?2 AND " STORE_IN_SCOPE("requests.building", "?3") "), " \
      "(SELECT count(*) FROM requests WHERE confirmed_at >= ?1 AND confirmed_at < ?2 " \
      " AND status IN ('confirmed', 'disputed') AND " STORE_IN_SCOPE("requests.building", "?3") "), " \
      "(SELECT coalesce(sum(" STORE_KEPT_MINUTES("r") "), 0) FROM requests r " \
      " WHERE r.confirmed_at >= ?1 AND r.confirmed_at < ?2 AND r.credited_minutes > 0 AND " \
      STORE_IN_SCOPE("r.building", "?3") "), " \
      "(SELECT count(*) FROM requests WHERE created_at >= ?1 AND created_at < ?2 " \
      " AND status = 'cancelled' AND " STORE_IN_SCOPE("requests.building", "?3") "), " \
      "(SELECT count(*) FROM requests WHERE created_at >= ?1 AND created_at < ?2 " \
      " AND status = 'expired' AND " STORE_IN_SCOPE("requests.building", "?3") "), " \
      "(SELECT count(DISTINCT volunteer_id) FROM requests " \
      " WHERE confirmed_at >= ?1 AND confirmed_at < ?2 AND status IN ('confirmed', 'disputed') AND " \
      STORE_IN_SCOPE("requests.building", "?3") "), " \
      "(SELECT count(*) FROM ratings t JOIN requests r ON r.id = t.request_id WHERE t.at >= ?1 AND t.at < ?2 AND " \
      STORE_IN_SCOPE("r.building", "?3") "), " \
      "(SELECT coalesce(avg(t.stars), 0) FROM ratings t JOIN requests r ON r.id = t.request_id " \
      " WHERE t.at >= ?1 AND t.at < ?2 AND " STORE_IN_SCOPE("r.building", "?3") "), " \
      "(SELECT count(*) FROM complaints k JOIN requests r ON r.id = k.request_id " \
      " WHERE k.created_at >= ?1 AND k.created_at < ?2 AND " STORE_IN_SCOPE("r.building", "?3") "), " \
      "(SELECT count(*) FROM complaints k JOIN requests r ON r.id = k.request_id " \
      " WHERE k.resolved_at >= ?1 AND k.resolved_at < ?2 AND " STORE_IN_SCOPE("r.building", "?3") "), " \
      "(SELECT count(*) FROM activities a LEFT JOIN members m ON m.id = a.organiser_id " \
      " WHERE coalesce(a.starts_at, a.created_at) >= ?1 AND coalesce(a.starts_at, a.created_at) < ?2 AND " \
      STORE_IN_SCOPE("coalesce(m.building, '')", "?3") "), " \
      "(SELECT count(*) FROM activity_participants p JOIN members m ON m.id = p.member_id " \
      " WHERE p.at >= ?1 AND p.at < ?2 AND " STORE_IN_SCOPE("m.building", "?3") ")") \
    X(Q_ACTIVITIES,                                                                                \
      "SELECT a.id, a.title, coalesce(a.starts_at, 0), coalesce(a.ends_at, 0), a.place, a.closed, coalesce(m.name, ''), " \
      "coalesce(m.building, ''), (SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id) " \
      "FROM activities a LEFT JOIN members m ON m.id = a.organiser_id WHERE " STORE_IN_SCOPE("m.building", "?1") " " \
      "ORDER BY a.id DESC LIMIT ?2")

STORE_SQL_STATEMENTS(STORE_PART_CONSOLE, CONSOLE_SQL)

enum bot_rc store_console_link_put(struct store *st, const char *token_hash, int64_t member, int64_t now,
                                   int64_t expires_at)
{
    struct sql_stmt *s = q(st, Q_LINK_PRUNE);
    enum bot_rc rc;
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, now - 86400); /* kept a day after their end: a late click is told it expired */
    if ((rc = sql_done(s)) != BOT_OK || !(s = q(st, Q_LINK_PUT)))
        return rc != BOT_OK ? rc : BOT_DB;
    sql_bind_text(s, 1, token_hash);
    sql_bind_int64(s, 2, member);
    sql_bind_int64(s, 3, now);
    sql_bind_int64(s, 4, expires_at);
    return sql_done(s);
}

enum bot_rc store_console_link_take(struct store *st, const char *token_hash, int64_t now, int64_t *member)
{
    *member = 0;
    struct sql_stmt *s = q(st, Q_LINK_TAKE);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, token_hash);
    sql_bind_int64(s, 2, now);
    return sql_row(s, store_read_id, member); /* BOT_NOTFOUND: unknown, used or expired */
}

enum bot_rc store_console_session_put(struct store *st, const char *sid_hash, int64_t member, const char *csrf,
                                      int64_t now, int64_t expires_at)
{
    struct sql_stmt *s = q(st, Q_SESSION_PRUNE);
    enum bot_rc rc;
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, now - 86400);
    if ((rc = sql_done(s)) != BOT_OK || !(s = q(st, Q_SESSION_PUT)))
        return rc != BOT_OK ? rc : BOT_DB;
    sql_bind_text(s, 1, sid_hash);
    sql_bind_int64(s, 2, member);
    sql_bind_text(s, 3, csrf);
    sql_bind_int64(s, 4, now);
    sql_bind_int64(s, 5, expires_at);
    return sql_done(s);
}

static enum bot_rc read_session(struct sql_stmt *s, void *out)
{
    struct store_console_session *x = out;
    x->member_id = sql_column_int64(s, 0);
    col_text(s, 1, x->csrf, sizeof x->csrf);
    x->expires_at = sql_column_int64(s, 2);
    return BOT_OK;
}

enum bot_rc store_console_session_get(struct store *st, const char *sid_hash, int64_t now,
                                      struct store_console_session *out)
{
    memset(out, 0, sizeof *out);
    struct sql_stmt *s = q(st, Q_SESSION_GET);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, sid_hash);
    sql_bind_int64(s, 2, now);
    return sql_row(s, read_session, out);
}

enum bot_rc store_console_sessions_revoke(struct store *st, int64_t member, int64_t now, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_SESSION_REVOKE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, now);
    return sql_count(s, n);
}

enum bot_rc store_console_session_revoke(struct store *st, const char *sid_hash, int64_t now)
{
    struct sql_stmt *s = q(st, Q_SESSION_REVOKE_ONE);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, sid_hash);
    sql_bind_int64(s, 2, now);
    return sql_done(s);
}

enum bot_rc store_console_log(struct store *st, int64_t member, const char *action, const char *detail, int64_t now)
{
    struct sql_stmt *s = q(st, Q_LOG_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, action);
    sql_bind_text(s, 3, detail ? detail : "");
    sql_bind_int64(s, 4, now);
    return sql_done(s);
}

enum bot_rc store_console_try_add(struct store *st, const char *ip, int64_t now, int64_t forget_before)
{
    struct sql_stmt *s = q(st, Q_TRY_PRUNE);
    enum bot_rc rc;
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, forget_before);
    if ((rc = sql_done(s)) != BOT_OK || !(s = q(st, Q_TRY_ADD)))
        return rc != BOT_OK ? rc : BOT_DB;
    sql_bind_text(s, 1, ip);
    sql_bind_int64(s, 2, now);
    return sql_done(s);
}

enum bot_rc store_console_try_count(struct store *st, const char *ip, int64_t since, int *n)
{
    int64_t v = 0;
    struct sql_stmt *s = q(st, Q_TRY_COUNT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, ip);
    sql_bind_int64(s, 2, since);
    enum bot_rc rc = sql_int64(s, &v);
    *n = (int)v;
    return rc;
}

enum bot_rc store_console_today(struct store *st, int64_t active_since, int64_t unmatched_before, const char *building,
                                struct store_console_today *out)
{
    memset(out, 0, sizeof *out);
    /* staff (no building) read no member row per order */
    int64_t branch = store_scope_branch(building);
    struct sql_stmt *s = q(st, branch ? Q_TODAY_BRANCH : building && building[0] ? Q_TODAY : Q_TODAY_ALL);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, active_since);
    sql_bind_int64(s, 2, unmatched_before);
    if (branch)
        sql_bind_int64(s, 3, branch);
    else if (building && building[0])
        sql_bind_text(s, 3, building); /* staff's Q_TODAY_ALL has no ?3 */
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        out->members = sql_column_int64(s, 0);
        out->active_volunteers = sql_column_int64(s, 1);
        out->open_requests = sql_column_int64(s, 2);
        out->unmatched = sql_column_int64(s, 3);
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_console_orders(struct store *st, const struct store_console_filter *f, struct store_console_order *out,
                                 int max, int *n)
{
    *n = 0;
    /* a member's orders read his indexes; a date range the requests_created index; else a walk by id */
    struct sql_stmt *s = q(st, f->member ? Q_ORDERS_MEMBER : f->from || f->to ? Q_ORDERS : Q_ORDERS_ALL);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, f->status);
    sql_bind_text(s, 2, f->building);
    sql_bind_text(s, 3, f->service);
    sql_bind_int64(s, 4, f->from);
    sql_bind_int64(s, 5, f->to ? f->to : INT64_MAX);
    sql_bind_int64(s, 6, max);
    sql_bind_int64(s, 7, f->offset);
    sql_bind_int64(s, 8, f->member);
    sql_bind_int64(s, 9, f->before > 0 ? f->before : INT64_MAX);
    int rc = SQL_DONE;
    while (*n < max && (rc = sql_step(s)) == SQL_ROW) {
        struct store_console_order *o = &out[(*n)++];
        memset(o, 0, sizeof *o);
        o->id = sql_column_int64(s, 0);
        col_text(s, 1, o->status, sizeof o->status);
        col_text(s, 2, o->service, sizeof o->service);
        o->start_at = sql_column_int64(s, 3);
        o->created_at = sql_column_int64(s, 4);
        col_text(s, 5, o->requester, sizeof o->requester);
        col_text(s, 6, o->building, sizeof o->building);
        col_text(s, 7, o->volunteer, sizeof o->volunteer);
        o->credited_minutes = sql_column_int64(s, 8);
        col_text(s, 9, o->text, sizeof o->text);
        o->requester_id = sql_column_int64(s, 10);
        o->volunteer_id = sql_column_int64(s, 11);
    }
    sql_reset(s);
    return rc == SQL_DONE || rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_console_members(struct store *st, const char *name_prefix, const char *building, int64_t id,
                                  int offset, struct store_console_member *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_MEMBERS);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, name_prefix ? name_prefix : "");
    sql_bind_text(s, 2, building ? building : "");
    sql_bind_int64(s, 3, max);
    sql_bind_int64(s, 4, offset);
    sql_bind_int64(s, 5, id);
    sql_bind_text(s, 6, "\xf4\x8f\xbf\xbf"); /* U+10FFFF: past every name that starts with the prefix */
    int rc = SQL_DONE;
    while (*n < max && (rc = sql_step(s)) == SQL_ROW) {
        struct store_console_member *m = &out[(*n)++];
        memset(m, 0, sizeof *m);
        m->id = sql_column_int64(s, 0);
        col_text(s, 1, m->name, sizeof m->name);
        col_text(s, 2, m->building, sizeof m->building);
        m->roles = sql_column_int64(s, 3);
        m->suspended = sql_column_int64(s, 4);
        m->accept_banned_until = sql_column_int64(s, 5);
        m->registered = sql_column_int64(s, 6);
        m->balance = sql_column_int64(s, 7);
        m->earned = sql_column_int64(s, 8);
        col_text(s, 9, m->phone, sizeof m->phone);
        m->created_at = sql_column_int64(s, 10);
        col_text(s, 11, m->manager_building, sizeof m->manager_building);
        m->frozen_until = sql_column_int64(s, 12);
        m->clerk = sql_column_int64(s, 13) != 0;
    }
    sql_reset(s);
    return rc == SQL_DONE || rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_console_system_accounts(struct store *st, struct store_console_account *out, int max, int *n,
                                          struct store_console_totals *totals)
{
    *n = 0;
    memset(totals, 0, sizeof *totals);
    struct sql_stmt *s = q(st, Q_SYSTEM_ACCOUNTS);
    if (!s)
        return BOT_DB;
    int rc = SQL_DONE;
    while (*n < max && (rc = sql_step(s)) == SQL_ROW) {
        struct store_console_account *a = &out[(*n)++];
        a->id = sql_column_int64(s, 0);
        col_text(s, 1, a->name, sizeof a->name);
        col_text(s, 2, a->kind, sizeof a->kind);
        a->balance = sql_column_int64(s, 3);
        col_text(s, 4, a->merchant, sizeof a->merchant);
    }
    sql_reset(s);
    if (rc != SQL_DONE && rc != SQL_ROW)
        return BOT_DB;
    if (!(s = q(st, Q_MEMBER_TOTALS)))
        return BOT_DB;
    if ((rc = sql_step(s)) == SQL_ROW) {
        totals->members = sql_column_int64(s, 0);
        totals->balance = sql_column_int64(s, 1);
        totals->overdrawn = sql_column_int64(s, 2);
        totals->overdrawn_minutes = sql_column_int64(s, 3);
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_console_journal(struct store *st, int64_t from, int64_t to, int64_t after_id,
                                  struct store_console_leg *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_JOURNAL_RANGE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, from);
    sql_bind_int64(s, 2, to);
    sql_bind_int64(s, 3, after_id);
    sql_bind_int64(s, 4, max);
    int rc = SQL_DONE;
    while (*n < max && (rc = sql_step(s)) == SQL_ROW) {
        struct store_console_leg *l = &out[(*n)++];
        memset(l, 0, sizeof *l);
        l->id = sql_column_int64(s, 0);
        l->txn = sql_column_int64(s, 1);
        l->at = sql_column_int64(s, 2);
        col_text(s, 3, l->account, sizeof l->account);
        col_text(s, 4, l->member, sizeof l->member);
        l->minutes = sql_column_int64(s, 5);
        col_text(s, 6, l->kind, sizeof l->kind);
        l->request_id = sql_column_int64(s, 7);
        col_text(s, 8, l->memo, sizeof l->memo);
    }
    sql_reset(s);
    return rc == SQL_DONE || rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_console_month(struct store *st, int64_t from, int64_t to, const char *scope,
                                struct store_console_month *out)
{
    memset(out, 0, sizeof *out);
    int scoped = scope && scope[0]; /* the whole alliance's reads the indexes it always did */
    struct sql_stmt *s = q(st, scoped ? Q_MONTH_SCOPED : Q_MONTH);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, from);
    sql_bind_int64(s, 2, to);
    if (scoped)
        sql_bind_text(s, 3, scope);
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        out->new_members = sql_column_int64(s, 0);
        out->members = sql_column_int64(s, 1);
        out->posted = sql_column_int64(s, 2);
        out->confirmed = sql_column_int64(s, 3);
        out->minutes = sql_column_int64(s, 4);
        out->cancelled = sql_column_int64(s, 5);
        out->expired = sql_column_int64(s, 6);
        out->volunteers = sql_column_int64(s, 7);
        out->ratings = sql_column_int64(s, 8);
        out->stars = sql_column_double(s, 9);
        out->complaints = sql_column_int64(s, 10);
        out->complaints_decided = sql_column_int64(s, 11);
        out->activities = sql_column_int64(s, 12);
        out->sign_ins = sql_column_int64(s, 13);
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_console_activities(struct store *st, const char *building, struct store_console_activity *out,
                                     int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_ACTIVITIES);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, building ? building : "");
    sql_bind_int64(s, 2, max);
    int rc = SQL_DONE;
    while (*n < max && (rc = sql_step(s)) == SQL_ROW) {
        struct store_console_activity *a = &out[(*n)++];
        memset(a, 0, sizeof *a);
        a->id = sql_column_int64(s, 0);
        col_text(s, 1, a->title, sizeof a->title);
        a->starts_at = sql_column_int64(s, 2);
        a->ends_at = sql_column_int64(s, 3);
        col_text(s, 4, a->place, sizeof a->place);
        a->closed = sql_column_int64(s, 5);
        col_text(s, 6, a->organiser, sizeof a->organiser);
        col_text(s, 7, a->building, sizeof a->building);
        a->participants = sql_column_int64(s, 8);
    }
    sql_reset(s);
    return rc == SQL_DONE || rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_console_last(struct store *st, const char *action, int64_t *at, int64_t *member, char *detail,
                               size_t size)
{
    *at = 0;
    *member = 0;
    detail[0] = '\0';
    struct sql_stmt *s = q(st, Q_LAST_LOG);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, action);
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        *at = sql_column_int64(s, 0);
        col_text(s, 1, detail, size);
        *member = sql_column_int64(s, 2);
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : rc == SQL_DONE ? BOT_NOTFOUND : BOT_DB;
}

/* Add minutes to key's row of a count list (largest first is sorted by the caller). */
static void count_add(struct store_console_count *x, int *n, int max, const char *key, int64_t minutes)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(x[i].key, key) == 0) {
            x[i].minutes += minutes;
            return;
        }
    if (*n < max) {
        bot_strlcpy(x[*n].key, key, sizeof x[*n].key);
        x[(*n)++].minutes = minutes;
    }
}

static int count_cmp(const void *a, const void *b)
{
    const struct store_console_count *x = a, *y = b;
    return x->minutes < y->minutes ? 1 : x->minutes > y->minutes ? -1 : strcmp(x->key, y->key);
}

enum bot_rc store_console_hours(struct store *st, int64_t since, int64_t until, const char *building,
                                struct store_console_hours *out)
{
    memset(out, 0, sizeof *out);
    struct sql_stmt *s = q(st, Q_HOURS);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, since);
    sql_bind_int64(s, 2, until ? until : INT64_MAX);
    sql_bind_text(s, 3, building ? building : "");
    int rc;
    char key[32];
    while ((rc = sql_step(s)) == SQL_ROW) {
        int64_t m = sql_column_int64(s, 3);
        snprintf(key, sizeof key, "%lld", (long long)sql_column_int64(s, 0));
        count_add(out->week, &out->nweek, STORE_CONSOLE_KEYS, key, m);
        col_text(s, 1, key, sizeof key);
        count_add(out->service, &out->nservice, STORE_CONSOLE_KEYS, key, m);
        col_text(s, 2, key, sizeof key);
        count_add(out->building, &out->nbuilding, STORE_CONSOLE_KEYS, key, m);
    }
    sql_reset(s);
    qsort(out->service, (size_t)out->nservice, sizeof *out->service, count_cmp);
    qsort(out->building, (size_t)out->nbuilding, sizeof *out->building, count_cmp);
    return rc == SQL_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_console_publicity(struct store *st, int64_t from, int64_t to, const char *scope,
                                    struct store_console_count *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_PUBLICITY);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, from);
    sql_bind_int64(s, 2, to);
    sql_bind_int64(s, 3, max);
    sql_bind_text(s, 4, scope ? scope : "");
    int rc = SQL_DONE;
    while (*n < max && (rc = sql_step(s)) == SQL_ROW) {
        struct store_console_count *c = &out[(*n)++];
        col_text(s, 0, c->key, sizeof c->key);
        c->minutes = sql_column_int64(s, 1);
    }
    sql_reset(s);
    return rc == SQL_DONE || rc == SQL_ROW ? BOT_OK : BOT_DB;
}
