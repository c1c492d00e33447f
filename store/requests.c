/* requests.c — requests for help: their status names, create, read, update, the lists the jobs and members read, and
 * each member's last accept or cancel (to undo it). */
#include <limits.h>

#include "store_int.h"

#define REQUEST_COLS                                                                          \
    "id, requester_id, volunteer_id, status, service, text, location, start_at, "             \
    "est_minutes, public_benefit, platform, chat_id, created_at, accepted_at, started_at, "   \
    "finished_at, confirmed_at, credited_minutes, proxy, coalesce(payer_account, 0), coalesce(excused_at, 0), " \
    "coalesce(reopen_start, 0), coalesce(public_by, 0), coalesce(confirmed_by, -1)"

/* issue 18: an open request is read by a member of its branch (the branch of the building it was posted from; a
 * building not mapped is in branch 1), and by anyone when its branch allows cross-branch help (分会互通) */
#define BRANCH_OF_(building) "coalesce((SELECT branch_id FROM building_branches WHERE building = " building "), 1)"
#define OPEN_TO_MEMBER(m)                                                                                         \
    "(" BRANCH_OF_("requests.building") " = coalesce((SELECT " BRANCH_OF_("mb.building") " FROM members mb "     \
    "WHERE mb.id = " m "), 1) OR EXISTS (SELECT 1 FROM branches bx WHERE bx.id = " BRANCH_OF_("requests.building") \
    " AND bx.allow_cross = 1))"

/* A number members see (#N of a request, and likewise a complaint, an activity, a spending) is max + 1 under the
 * writer lock — sqlite's rowid rule written out — so on PostgreSQL, whose identities a rollback never gives back,
 * a refused post leaves no gap either. */
#define REQUEST_SQL(X)                                                                        \
    X(Q_REQ_INSERT,                                                                           \
      "INSERT INTO requests(id, requester_id, status, service, text, location, start_at, "       \
      "est_minutes, public_benefit, platform, chat_id, created_at, proxy, building) "         \
      "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM requests), ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12, "                                       \
      "coalesce((SELECT building FROM members WHERE id = ?1), '')) RETURNING id")                          \
    X(Q_REQ_GET,                                                                              \
      "SELECT " REQUEST_COLS " FROM requests WHERE id = ?1")                                  \
    X(Q_REQ_UPDATE,                                                                           \
      "UPDATE requests SET volunteer_id = ?2, status = ?3, accepted_at = ?4, started_at = ?5, " \
      "finished_at = ?6, confirmed_at = ?7, credited_minutes = ?8, payer_account = ?9, confirmed_by = ?10 WHERE id = ?1") \
    /* an accept raises the bound its volunteer's offers keep of her latest one (v34) */       \
    X(Q_REQ_SKILLS_ACCEPTED,                                                                  \
      "UPDATE member_skills SET last_accept = ?2 WHERE member_id = ?1 AND last_accept < ?2")   \
    X(Q_REQ_LIST_OPEN,                                                                        \
      "SELECT " REQUEST_COLS " FROM requests WHERE status = 'open' " \
      "AND (coalesce(start_at, 0) = 0 OR coalesce(reopen_start, start_at) > ?2) ORDER BY id DESC LIMIT ?1")            \
    /* the open ones a member reads (store_request_list_open_for), in four parts each read in the list's own order \
     * on an index, so a page costs its own rows and not every open order of the city, each from where the page  \
     * before ended (after a start and an id: a timed part by start, newer first on a tie; an untimed one newest \
     * first; 0 and INT64_MAX from the part's beginning): one service she offers, timed by start                \
     * (requests_open_service; ?1 the member, ?2 past this start, ?3 the service, ?4 rows at most, ?5 ?6 after), \
     * the same untimed (?2 the service, ?3 rows, ?4 after id), then the rest timed by start (?2 past this start, \
     * ?3 rows, ?4 ?5 after) and untimed (?2 rows, ?3 after id; requests_start). Untimed is start_at IS NULL     \
     * (never 0: v33). */                                                                       \
    X(Q_REQ_OPEN_SVC_TIMED,                                                                   \
      "SELECT id, start_at FROM requests WHERE status = 'open' AND service = ?3 AND start_at > 0 " \
      "AND start_at >= ?5 AND (start_at > ?5 OR id < ?6) "                                     \
      "AND coalesce(reopen_start, start_at) > ?2 AND " OPEN_TO_MEMBER("?1") " ORDER BY start_at, id DESC LIMIT ?4") \
    X(Q_REQ_OPEN_SVC_UNTIMED,                                                                 \
      "SELECT id, 0 FROM requests WHERE status = 'open' AND service = ?2 AND start_at IS NULL AND id < ?4 " \
      "AND " OPEN_TO_MEMBER("?1") " ORDER BY id DESC LIMIT ?3")                               \
    X(Q_REQ_OPEN_REST_TIMED,                                                                  \
      "SELECT id, start_at FROM requests WHERE status = 'open' AND start_at > 0 AND coalesce(reopen_start, start_at) > ?2 " \
      "AND start_at >= ?4 AND (start_at > ?4 OR id < ?5) "                                     \
      "AND service NOT IN (SELECT service FROM member_skills WHERE member_id = ?1) AND " OPEN_TO_MEMBER("?1") " " \
      "ORDER BY start_at, id DESC LIMIT ?3")                                                  \
    X(Q_REQ_OPEN_REST_UNTIMED,                                                                \
      "SELECT id, 0 FROM requests WHERE status = 'open' AND start_at IS NULL AND id < ?3 "     \
      "AND service NOT IN (SELECT service FROM member_skills WHERE member_id = ?1) AND " OPEN_TO_MEMBER("?1") " " \
      "ORDER BY id DESC LIMIT ?2")                                                            \
    X(Q_REQ_SKILLS_OF, "SELECT service FROM member_skills WHERE member_id = ?1 ORDER BY service LIMIT ?2") \
    X(Q_REQ_LIST_BUILDING,                                                                    \
      "SELECT " REQUEST_COLS " FROM requests WHERE status = 'open' AND (?1 = '' OR requester_id IN " \
      "(SELECT id FROM members WHERE building = ?1)) AND (coalesce(start_at, 0) = 0 OR coalesce(reopen_start, start_at) > ?3) " \
      "ORDER BY id LIMIT ?2")                                                                  \
    X(Q_REQ_LIST_BRANCH,                                                                      \
      "SELECT " REQUEST_COLS " FROM requests WHERE status = 'open' AND " BRANCH_OF_("requests.building") " = ?1 " \
      "AND (coalesce(start_at, 0) = 0 OR coalesce(reopen_start, start_at) > ?3) ORDER BY id LIMIT ?2")          \
    X(Q_REQ_DUE_FINISHED,                                                                     \
      "SELECT id FROM requests WHERE status = ?1 AND finished_at <= ?2 AND created_at <= ?2 ORDER BY id LIMIT ?3")  \
    X(Q_REQ_DUE_STARTED,                                                                      \
      "SELECT id FROM requests WHERE status = ?1 AND started_at <= ?2 ORDER BY id LIMIT ?3")   \
    /* a member's orders in one status, on one side: the order a bare 我到了 / 确认 means */   \
    X(Q_REQ_OF_MEMBER,                                                                        \
      "SELECT " REQUEST_COLS " FROM requests WHERE status = ?3 AND "                          \
      "CASE CAST(?2 AS BIGINT) WHEN 0 THEN requester_id ELSE volunteer_id END = ?1 ORDER BY id LIMIT ?4")     \
    X(Q_REQ_SET_START, "UPDATE requests SET start_at = ?2 WHERE id = ?1")                     \
    X(Q_REQ_SET_EST, "UPDATE requests SET est_minutes = ?2 WHERE id = ?1 AND status = 'open'")  \
    /* 改时间 #N: the new start, and a no-show's reopening time no longer stands (v38 keeps the change) */ \
    X(Q_REQ_RESCHEDULE, "UPDATE requests SET start_at = ?2, reopen_start = NULL WHERE id = ?1")  \
    /* and the 1-hour reminder of the old start, if it went out, is no claim on the new one's (hd_job_reminder) */ \
    X(Q_RESCHEDULE_REMINDER,                                                                  \
      "DELETE FROM job_runs WHERE job = 'reminder' AND subject = CAST(?1 AS TEXT) AND period = '1h'") \
    /* and what its people were told of it before and have not read (its old time, a move since moved again) is out of \
     * date from the move on: they read what is written after it */                          \
    X(Q_RESCHEDULE_NOTICES,                                                                   \
      "UPDATE notices SET stale_at = ?2 WHERE request_id = ?1 AND delivered_at IS NULL "      \
      "AND (stale_at IS NULL OR stale_at > ?2)")                                              \
    X(Q_RESCHEDULE_INSERT,                                                                    \
      "INSERT INTO request_reschedules(request_id, member_id, old_start, new_start, released_volunteer, at) " \
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                                        \
    X(Q_RESCHEDULES_OF,                                                                       \
      "SELECT member_id, coalesce(old_start, 0), new_start, coalesce(released_volunteer, 0), at " \
      "FROM request_reschedules WHERE request_id = ?1 ORDER BY id LIMIT ?2")                     \
    X(Q_REQ_TWIN_NEAR,                                                                        \
      "SELECT id FROM requests WHERE requester_id = ?1 AND service = ?2 AND id <> ?3 "          \
      "AND status IN ('open','accepted') AND start_at > ?4 AND start_at < ?5 ORDER BY id DESC LIMIT 1") \
    X(Q_REQ_LAST_CONFIRMED,                                                                   \
      "SELECT id FROM requests WHERE requester_id = ?1 AND status = 'confirmed' AND confirmed_at >= ?2 " \
      "ORDER BY confirmed_at DESC, id DESC LIMIT 1")                                            \
    X(Q_REQ_EXCUSE, "UPDATE requests SET excused_at = ?2 WHERE id = ?1")                      \
    X(Q_REQ_REOPEN_START, "UPDATE requests SET reopen_start = ?2 WHERE id = ?1")             \
    X(Q_REQ_UNSTARTED,                                                                        \
      "SELECT id FROM requests WHERE status = 'accepted' AND start_at IS NOT NULL AND start_at <= ?1 " \
      "ORDER BY start_at, id LIMIT ?2")                                                        \
    X(Q_REQ_COUNT_OPEN_BY,                                                                    \
      "SELECT count(*) FROM requests WHERE requester_id = ?1 "                                \
      "AND status IN ('open','accepted','in_service')")                                       \
    X(Q_REQ_COMMITTED_BY,                                                                     \
      "SELECT coalesce(sum(CASE WHEN est_minutes > 0 THEN est_minutes ELSE CAST(?2 AS BIGINT) END), 0) " \
      "FROM requests WHERE requester_id = ?1 AND public_benefit = 0 AND id != ?3 "             \
      "AND status IN ('open','accepted','in_service','finished')")                            \
    /* a volunteer's other order held (accepted or timing) whose estimated span meets [?3, ?4): a clash of times */ \
    X(Q_REQ_CLASH,                                                                            \
      "SELECT id FROM requests WHERE volunteer_id = ?1 AND id <> ?2 AND status IN ('accepted','in_service') " \
      "AND start_at > 0 AND start_at < ?4 "                                                    \
      "AND start_at + 60 * CASE WHEN est_minutes > 0 THEN est_minutes ELSE CAST(?5 AS BIGINT) END > ?3 " \
      "ORDER BY start_at, id LIMIT 1")                                                         \
    /* another order of one requester at one place that a volunteer holds or has served: her door known to him */ \
    X(Q_REQ_DOOR_KNOWN,                                                                       \
      "SELECT id FROM requests WHERE requester_id = ?2 AND id <> ?3 AND location = ?4 AND ((volunteer_id = ?1 " \
      "AND status IN ('accepted','in_service','finished','confirmed','disputed')) OR EXISTS (SELECT 1 FROM strikes k " \
      "WHERE k.member_id = ?1 AND k.request_id = requests.id AND k.kind = 'withdraw')) ORDER BY id LIMIT 1") \
    X(Q_REQ_STARTING,                                                                         \
      "SELECT id FROM requests WHERE status = 'accepted' AND start_at > ?1 AND start_at <= ?2 " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'reminder' AND subject = CAST(requests.id AS TEXT) AND period = '1h') " \
      "ORDER BY start_at LIMIT ?3")                                                            \
    X(Q_REQ_UNMATCHED,                                                                        \
      "SELECT id FROM requests WHERE status = 'open' AND created_at <= ?1 "                   \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'unmatched' AND subject = CAST(requests.id AS TEXT) AND period = ?2) " \
      "ORDER BY id LIMIT ?3")                                                                  \
    X(Q_REQ_STALE,                                                                            \
      "SELECT id FROM requests WHERE status = 'open' AND ((start_at > 0 AND coalesce(reopen_start, start_at) <= ?1) OR " \
      "(coalesce(start_at, 0) = 0 AND created_at <= ?2)) ORDER BY id LIMIT ?3")                 \
    X(Q_REQ_CONFIRM_REMIND,                                                                   \
      "SELECT id FROM requests WHERE status = 'finished' AND finished_at <= ?1 AND created_at <= ?1 " \
      "AND (finished_at > ?2 OR created_at > ?2) " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'confirm_reminder' AND subject = CAST(requests.id AS TEXT) AND period = '2h') " \
      "ORDER BY id LIMIT ?3")                                                                  \
    X(Q_REQ_TWIN,                                                                             \
      "SELECT id FROM requests WHERE requester_id = ?1 AND service = ?2 AND coalesce(start_at, 0) = ?3 " \
      "AND created_at >= ?4 AND status NOT IN ('cancelled','expired') AND (?3 <> 0 OR text = ?5) " \
      "ORDER BY id DESC LIMIT 1")                                                              \
    X(Q_REQ_MINE_REQUESTED,                                                                   \
      "SELECT " REQUEST_COLS " FROM requests WHERE requester_id = ?1 AND (status NOT IN ('confirmed','cancelled','expired') " \
      "OR coalesce(confirmed_at, created_at) >= ?2) ORDER BY status IN ('confirmed','cancelled','expired'), id DESC LIMIT ?3") \
    X(Q_REQ_MINE_ACCEPTED,                                                                    \
      "SELECT " REQUEST_COLS " FROM requests WHERE volunteer_id = ?1 AND (status NOT IN ('confirmed','cancelled','expired') " \
      "OR coalesce(confirmed_at, created_at) >= ?2) ORDER BY status IN ('confirmed','cancelled','expired'), id DESC LIMIT ?3") \
    X(Q_REQ_MINE_POSTED_FOR,                                                                  \
      "SELECT " REQUEST_COLS " FROM requests WHERE posted_by = ?1 AND requester_id <> ?1 AND (status NOT IN " \
      "('confirmed','cancelled','expired') OR coalesce(confirmed_at, created_at) >= ?2) "          \
      "ORDER BY status IN ('confirmed','cancelled','expired'), id DESC LIMIT ?3")               \
    X(Q_ACTION_INSERT,                                                                        \
      "INSERT INTO order_actions(member_id, request_id, kind, prev_status, prev_volunteer, prev_accepted_at, " \
      "left_status, left_volunteer, moved, journal_mark, at) "                                \
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,(SELECT coalesce(max(id), 0) FROM journal),?10) RETURNING id")   \
    X(Q_ACTION_PRUNE,                                                                         \
      "DELETE FROM order_actions WHERE id IN (SELECT id FROM order_actions WHERE at < ?1 LIMIT 64)") \
    X(Q_ACTION_LAST,                                                                          \
      "SELECT id, member_id, request_id, kind, prev_status, coalesce(prev_volunteer, 0), "    \
      "coalesce(prev_accepted_at, 0), left_status, coalesce(left_volunteer, 0), moved, journal_mark, at, " \
      "coalesce(undone_at, 0) FROM order_actions WHERE member_id = ?1 AND kind IN ('accept', 'cancel') ORDER BY id DESC LIMIT 1") \
    X(Q_ACTION_LATER,                                                                         \
      "SELECT (SELECT count(*) FROM order_actions WHERE request_id = ?1 AND id > ?2), "       \
      "(SELECT count(*) FROM journal WHERE request_id = ?1 AND id > ?3)")                     \
    X(Q_ACTION_UNDONE, "UPDATE order_actions SET undone_at = ?2 WHERE id = ?1")                \
    X(Q_ACTIONS_OF,                                                                           \
      "SELECT id, member_id, request_id, kind, prev_status, coalesce(prev_volunteer, 0), "    \
      "coalesce(prev_accepted_at, 0), left_status, coalesce(left_volunteer, 0), moved, journal_mark, at, " \
      "coalesce(undone_at, 0) FROM order_actions WHERE request_id = ?1 ORDER BY id LIMIT ?2")   \
    X(Q_STRIKES_OF,                                                                           \
      "SELECT member_id, kind, at FROM strikes WHERE request_id = ?1 ORDER BY at, id LIMIT ?2")

STORE_SQL_STATEMENTS(STORE_PART_REQUESTS, REQUEST_SQL)

static const char *status_names[] = {"open", "accepted", "in_service", "finished",
                                     "confirmed", "cancelled", "disputed", "expired"};

const char *store_req_status_name(enum store_req_status s)
{
    if ((unsigned)s >= BOT_ARRAY_LEN(status_names))
        return "unknown";
    return status_names[s];
}

enum bot_rc store_req_status_from_name(const char *s, enum store_req_status *out)
{
    for (size_t i = 0; i < BOT_ARRAY_LEN(status_names); i++)
        if (s && strcmp(s, status_names[i]) == 0) {
            *out = (enum store_req_status)i;
            return BOT_OK;
        }
    return BOT_INVALID;
}

/* BOT_DB (logged) when the row's status is none the bot knows. */
static enum bot_rc read_request(struct sql_stmt *s, struct store_request *r)
{
    memset(r, 0, sizeof *r);
    r->id = sql_column_int64(s, 0);
    r->requester_id = sql_column_int64(s, 1);
    r->volunteer_id = sql_column_int64(s, 2);
    const char *status = sql_column_text(s, 3);
    if (store_req_status_from_name(status, &r->status) != BOT_OK) {
        bot_log(BOT_LOG_ERROR, "store: request #%lld has an unknown status '%.32s'", (long long)r->id,
                status ? status : "");
        return BOT_DB;
    }
    col_text(s, 4, r->service, sizeof r->service);
    col_text(s, 5, r->text, sizeof r->text);
    col_text(s, 6, r->location, sizeof r->location);
    r->start_at = sql_column_int64(s, 7);
    r->est_minutes = sql_column_int64(s, 8);
    r->public_benefit = sql_column_int64(s, 9);
    col_text(s, 10, r->platform, sizeof r->platform);
    col_text(s, 11, r->chat_id, sizeof r->chat_id);
    r->created_at = sql_column_int64(s, 12);
    r->accepted_at = sql_column_int64(s, 13);
    r->started_at = sql_column_int64(s, 14);
    r->finished_at = sql_column_int64(s, 15);
    r->confirmed_at = sql_column_int64(s, 16);
    r->credited_minutes = sql_column_int64(s, 17);
    r->proxy = sql_column_int64(s, 18);
    r->payer_account = sql_column_int64(s, 19);
    r->excused_at = sql_column_int64(s, 20);
    r->reopen_start = sql_column_int64(s, 21);
    r->public_by = sql_column_int64(s, 22);
    r->confirmed_by = sql_column_int64(s, 23);
    return BOT_OK;
}

/* read_request as a sql_reader, for sql_rows. */
static enum bot_rc read_request_row(struct sql_stmt *s, void *out) { return read_request(s, out); }

enum bot_rc store_request_create(struct store *st, struct store_request *r)
{
    struct sql_stmt *s = q(st, Q_REQ_INSERT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, r->requester_id);
    sql_bind_text(s, 2, store_req_status_name(r->status));
    sql_bind_text(s, 3, r->service);
    sql_bind_text(s, 4, r->text);
    sql_bind_text(s, 5, r->location);
    bind_i64_or_null(s, 6, r->start_at);
    bind_i64_or_null(s, 7, r->est_minutes);
    sql_bind_int64(s, 8, r->public_benefit);
    sql_bind_text(s, 9, r->platform);
    sql_bind_text(s, 10, r->chat_id);
    sql_bind_int64(s, 11, r->created_at);
    sql_bind_int64(s, 12, r->proxy);
    r->confirmed_by = -1; /* nobody's word yet: an update of this struct keeps it so */
    return sql_int64(s, &r->id);
}

enum bot_rc store_request_get(struct store *st, int64_t id, struct store_request *out)
{
    struct sql_stmt *s = q(st, Q_REQ_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_request_row, out);
}

enum bot_rc store_request_update(struct store *st, const struct store_request *r)
{
    struct sql_stmt *s = q(st, Q_REQ_UPDATE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, r->id);
    bind_i64_or_null(s, 2, r->volunteer_id);
    sql_bind_text(s, 3, store_req_status_name(r->status));
    bind_i64_or_null(s, 4, r->accepted_at);
    bind_i64_or_null(s, 5, r->started_at);
    bind_i64_or_null(s, 6, r->finished_at);
    bind_i64_or_null(s, 7, r->confirmed_at);
    bind_i64_or_null(s, 8, r->credited_minutes);
    bind_i64_or_null(s, 9, r->payer_account);
    if (r->confirmed_by >= 0)
        sql_bind_int64(s, 10, r->confirmed_by);
    else
        sql_bind_null(s, 10);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK || !r->volunteer_id || !r->accepted_at)
        return rc;
    if (!(s = q(st, Q_REQ_SKILLS_ACCEPTED)))
        return BOT_DB;
    sql_bind_int64(s, 1, r->volunteer_id);
    sql_bind_int64(s, 2, r->accepted_at);
    return sql_done(s);
}

enum bot_rc store_requests_unstarted(struct store *st, int64_t before, int64_t *ids, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_REQ_UNSTARTED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, before);
    sql_bind_int64(s, 2, max);
    return sql_ids(s, ids, max, n);
}

/* One column of request id set to v by statement which (Q_REQ_SET_START, _EXCUSE, _REOPEN_START), in the
 * caller's write transaction. */
static enum bot_rc set_column(struct store *st, int which, int64_t id, int64_t v)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    if (!st->in_txn)
        return BOT_ERR;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, v);
    return sql_done(s);
}

enum bot_rc store_request_excuse(struct store *st, int64_t id, int64_t at)
{
    return set_column(st, Q_REQ_EXCUSE, id, at);
}

enum bot_rc store_request_set_reopen_start(struct store *st, int64_t id, int64_t t)
{
    return set_column(st, Q_REQ_REOPEN_START, id, t);
}

enum bot_rc store_request_list_open(struct store *st, int64_t start_after, struct store_request *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_REQ_LIST_OPEN);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, max);
    sql_bind_int64(s, 2, start_after);
    return sql_rows(s, read_request_row, out, sizeof *out, max, n);
}

/* One row of a part of the open list: what orders it (start, 0 when untimed; newer first among equals). */
struct open_key {
    int64_t id, start;
    int part;
};

static enum bot_rc read_open_key(struct sql_stmt *s, void *out)
{
    struct open_key *k = out;
    k->id = sql_column_int64(s, 0);
    k->start = sql_column_int64(s, 1);
    return BOT_OK;
}

/* The list's order within a part: by start, newer first among equal starts (untimed parts all start at 0). */
static int open_key_cmp(const void *a, const void *b)
{
    const struct open_key *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->id > y->id ? -1 : x->id < y->id;
}

#define OPEN_SKILLS_MAX 64 /* the services one member offers that lead her list (a community offers a handful) */
#define OPEN_COUNT_PAST 100 /* open orders counted past a page's end: beyond, 还有很多 */

/* A part's statement bound: the member, past start_after when timed, the service when one, at most limit rows,
 * after (start, id) in the part's order (timed: start, id; untimed: the id alone). */
static struct sql_stmt *open_part(struct store *st, int which, int64_t member, int timed, int64_t start_after,
                                  const char *service, int limit, int64_t after_start, int64_t after_id)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return NULL;
    int p = 1;
    sql_bind_int64(s, p++, member);
    if (timed)
        sql_bind_int64(s, p++, start_after);
    if (service)
        sql_bind_text(s, p++, service);
    sql_bind_int64(s, p++, limit);
    if (timed)
        sql_bind_int64(s, p++, after_start);
    sql_bind_int64(s, p++, after_id);
    return s;
}

/* Where a part starts: after the key the page before ended at, when it ended in this part; else its beginning. */
static void part_start(const struct store_open_key *after, int part, int64_t *start, int64_t *id)
{
    int here = after && after->id && after->part == part;
    *start = here ? after->start : 0;
    *id = here ? after->id : INT64_MAX;
}

/* A part of the list made of one query per service she offers (timed or untimed), merged in the list's order into
 * keys[*n..need); each service's query reads at most the rows still needed. */
static enum bot_rc open_skill_part(struct store *st, int part, int64_t member, int64_t start_after,
                                   const struct store_open_key *after, char skills[][32], int nskills,
                                   struct open_key *keys, int need, int *n)
{
    int from = *n, timed = part == 0;
    int64_t a_start, a_id;
    part_start(after, part, &a_start, &a_id);
    for (int i = 0; i < nskills; i++) {
        struct sql_stmt *s = open_part(st, timed ? Q_REQ_OPEN_SVC_TIMED : Q_REQ_OPEN_SVC_UNTIMED, member, timed,
                                       start_after, skills[i], need - from, a_start, a_id);
        if (!s)
            return BOT_DB;
        int got = 0;
        /* each service's rows go after the merged ones, then the whole part is sorted and cut to what is needed */
        enum bot_rc rc = sql_rows(s, read_open_key, keys + *n, sizeof *keys, need * 2 - *n, &got);
        if (rc != BOT_OK)
            return rc;
        *n += got;
        qsort(keys + from, (size_t)(*n - from), sizeof *keys, open_key_cmp);
        if (*n > need)
            *n = need;
    }
    for (int i = from; i < *n; i++)
        keys[i].part = part;
    return BOT_OK;
}

/* A part of the list from the orders of the services she does not offer, into keys[*n..need). */
static enum bot_rc open_rest_part(struct store *st, int part, int64_t member, int64_t start_after,
                                  const struct store_open_key *after, struct open_key *keys, int need, int *n)
{
    int timed = part == 2, from = *n;
    int64_t a_start, a_id;
    part_start(after, part, &a_start, &a_id);
    struct sql_stmt *s = open_part(st, timed ? Q_REQ_OPEN_REST_TIMED : Q_REQ_OPEN_REST_UNTIMED, member, timed,
                                   start_after, NULL, need - *n, a_start, a_id);
    if (!s)
        return BOT_DB;
    int got = 0;
    enum bot_rc rc = sql_rows(s, read_open_key, keys + *n, sizeof *keys, need - *n, &got);
    *n += got;
    for (int i = from; i < *n; i++)
        keys[i].part = part;
    return rc;
}

enum bot_rc store_request_list_open_for(struct store *st, int64_t member, int64_t start_after,
                                        const struct store_open_key *after, struct store_request *out, int max,
                                        int *n, int *left, int *many, struct store_open_key *last)
{
    *n = 0;
    *left = 0;
    *many = 0;
    memset(last, 0, sizeof *last);
    if (max <= 0 || max > INT_MAX / 4 - OPEN_COUNT_PAST || (after && (after->part < 0 || after->part > 3)))
        return BOT_INVALID;
    char skills[OPEN_SKILLS_MAX][32];
    int nskills = 0;
    struct sql_stmt *s = q(st, Q_REQ_SKILLS_OF);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, OPEN_SKILLS_MAX);
    int step = SQL_DONE;
    while (nskills < OPEN_SKILLS_MAX && (step = sql_step(s)) == SQL_ROW)
        col_text(s, 0, skills[nskills++], sizeof skills[0]);
    sql_reset(s);
    if (nskills < OPEN_SKILLS_MAX && step != SQL_DONE)
        return BOT_DB;
    /* the parts in the list's order from the one the page before ended in, each until the page and what follows it
     * (counted up to OPEN_COUNT_PAST and one more) are read; twice that for a merge's room */
    int need = max + OPEN_COUNT_PAST + 1, k = 0, from = after && after->id ? after->part : 0;
    enum bot_rc rc = BOT_OK;
    struct open_key *keys = malloc(sizeof *keys * (size_t)need * 2);
    if (!keys)
        return BOT_NOMEM;
    for (int part = from; rc == BOT_OK && part < 4 && k < need; part++)
        rc = part < 2 ? open_skill_part(st, part, member, start_after, after, skills, nskills, keys, need, &k)
                      : open_rest_part(st, part, member, start_after, after, keys, need, &k);
    *left = k > max ? k - max : 0;
    *many = *left > OPEN_COUNT_PAST;
    if (*many)
        *left = OPEN_COUNT_PAST;
    for (int i = 0; rc == BOT_OK && i < k && i < max; i++) {
        rc = store_request_get(st, keys[i].id, &out[*n]);
        if (rc == BOT_OK)
            (*n)++;
        else if (rc == BOT_NOTFOUND) /* gone since (PostgreSQL reads without a message-long snapshot) */
            rc = BOT_OK;
        *last = (struct store_open_key){keys[i].part, keys[i].start, keys[i].id};
    }
    free(keys);
    return rc;
}

enum bot_rc store_request_count_open_by(struct store *st, int64_t member_id, int *n)
{
    struct sql_stmt *s = q(st, Q_REQ_COUNT_OPEN_BY);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member_id);
    int rc = sql_step(s);
    *n = rc == SQL_ROW ? sql_column_int64(s, 0) : 0;
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_request_committed_by(struct store *st, int64_t member_id, int default_minutes, int64_t except_id,
                                       int64_t *minutes)
{
    struct sql_stmt *s = q(st, Q_REQ_COMMITTED_BY);
    *minutes = 0;
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member_id);
    sql_bind_int64(s, 2, default_minutes);
    sql_bind_int64(s, 3, except_id);
    int rc = sql_step(s);
    if (rc == SQL_ROW)
        *minutes = sql_column_int64(s, 0);
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_request_clash(struct store *st, int64_t volunteer_id, int64_t except_id, int64_t from, int64_t to,
                                int default_minutes, int64_t *id)
{
    struct sql_stmt *s = q(st, Q_REQ_CLASH);
    *id = 0;
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, volunteer_id);
    sql_bind_int64(s, 2, except_id);
    sql_bind_int64(s, 3, from);
    sql_bind_int64(s, 4, to);
    sql_bind_int64(s, 5, default_minutes);
    int n = 0;
    return sql_ids(s, id, 1, &n); /* none: *id stays 0 */
}

enum bot_rc store_request_door_known(struct store *st, int64_t volunteer_id, int64_t requester_id, int64_t except_id,
                                     const char *location, int64_t *id)
{
    struct sql_stmt *s = q(st, Q_REQ_DOOR_KNOWN);
    *id = 0;
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, volunteer_id);
    sql_bind_int64(s, 2, requester_id);
    sql_bind_int64(s, 3, except_id);
    sql_bind_text(s, 4, location ? location : "");
    int n = 0;
    return sql_ids(s, id, 1, &n); /* none: *id stays 0 */
}

enum bot_rc store_request_list_building(struct store *st, const char *building, int64_t start_after,
                                        struct store_request *out, int max, int *n)
{
    int64_t branch = store_scope_branch(building); /* a branch's buildings (issue 18) */
    if (branch)
        return store_request_list_branch(st, branch, start_after, out, max, n);
    *n = 0;
    struct sql_stmt *s = q(st, Q_REQ_LIST_BUILDING);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, building ? building : "");
    sql_bind_int64(s, 2, max);
    sql_bind_int64(s, 3, start_after);
    return sql_rows(s, read_request_row, out, sizeof *out, max, n);
}

enum bot_rc store_request_ids_due(struct store *st, enum store_req_status status, int64_t before,
                                  int64_t *ids, int max, int *n)
{
    *n = 0;
    if (status != STORE_REQ_FINISHED && status != STORE_REQ_IN_SERVICE)
        return BOT_INVALID;
    struct sql_stmt *s = q(st, status == STORE_REQ_FINISHED ? Q_REQ_DUE_FINISHED : Q_REQ_DUE_STARTED);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, store_req_status_name(status));
    sql_bind_int64(s, 2, before);
    sql_bind_int64(s, 3, max);
    return sql_ids(s, ids, max, n);
}

/* ids from a query bound with (a, b or b_text, max). */
static enum bot_rc ids_query(struct store *st, int which, int64_t a, const char *b_text, int64_t b, int64_t *ids,
                             int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, a);
    if (b_text)
        sql_bind_text(s, 2, b_text);
    else
        sql_bind_int64(s, 2, b);
    sql_bind_int64(s, 3, max);
    return sql_ids(s, ids, max, n);
}

enum bot_rc store_requests_starting(struct store *st, int64_t after, int64_t until, int64_t *ids, int max, int *n)
{
    return ids_query(st, Q_REQ_STARTING, after, NULL, until, ids, max, n);
}

enum bot_rc store_requests_unmatched(struct store *st, int64_t created_before, const char *period, int64_t *ids, int max,
                                     int *n)
{
    return ids_query(st, Q_REQ_UNMATCHED, created_before, period, 0, ids, max, n);
}

enum bot_rc store_requests_stale(struct store *st, int64_t start_before, int64_t created_before, int64_t *ids, int max,
                                 int *n)
{
    return ids_query(st, Q_REQ_STALE, start_before, NULL, created_before, ids, max, n);
}

enum bot_rc store_requests_to_remind(struct store *st, int64_t finished_before, int64_t finished_after, int64_t *ids,
                                     int max, int *n)
{
    return ids_query(st, Q_REQ_CONFIRM_REMIND, finished_before, NULL, finished_after, ids, max, n);
}

enum bot_rc store_request_twin(struct store *st, int64_t member, const char *service, int64_t start_at, int64_t since,
                               const char *text, int64_t *id)
{
    *id = 0;
    struct sql_stmt *s = q(st, Q_REQ_TWIN);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, service);
    sql_bind_int64(s, 3, start_at);
    sql_bind_int64(s, 4, since);
    sql_bind_text(s, 5, text);
    int n = 0;
    return sql_ids(s, id, 1, &n);
}

enum bot_rc store_request_list_mine(struct store *st, int64_t member, enum store_side side, int64_t closed_since,
                                    struct store_request *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, side == STORE_SIDE_VOLUNTEER    ? Q_REQ_MINE_ACCEPTED
                               : side == STORE_SIDE_POSTED_FOR ? Q_REQ_MINE_POSTED_FOR
                                                               : Q_REQ_MINE_REQUESTED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, closed_since);
    sql_bind_int64(s, 3, max);
    return sql_rows(s, read_request_row, out, sizeof *out, max, n);
}

/* ---- each member's last accept or cancel ---- */

static const char *const action_kinds[] = {"accept", "cancel", "release", "asked", "timer", "unlinked"};

static const char *action_kind(enum store_action_kind kind)
{
    return (int)kind >= 0 && (int)kind < (int)BOT_ARRAY_LEN(action_kinds) ? action_kinds[kind] : "?";
}

enum bot_rc store_order_action_record(struct store *st, struct store_order_action *a, int64_t forget_before)
{
    struct sql_stmt *s = q(st, Q_ACTION_PRUNE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, forget_before);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK || !(s = q(st, Q_ACTION_INSERT)))
        return rc != BOT_OK ? rc : BOT_DB;
    sql_bind_int64(s, 1, a->member_id);
    sql_bind_int64(s, 2, a->request_id);
    sql_bind_text(s, 3, action_kind(a->kind));
    sql_bind_text(s, 4, store_req_status_name(a->prev_status));
    bind_i64_or_null(s, 5, a->prev_volunteer);
    bind_i64_or_null(s, 6, a->prev_accepted_at);
    sql_bind_text(s, 7, store_req_status_name(a->left_status));
    bind_i64_or_null(s, 8, a->left_volunteer);
    sql_bind_int64(s, 9, a->moved);
    sql_bind_int64(s, 10, a->at);
    return sql_int64(s, &a->id);
}

/* One row of Q_ACTION_LAST; BOT_DB (logged) when its kind or a status is none the bot wrote. */
static enum bot_rc read_action(struct sql_stmt *s, void *dst)
{
    struct store_order_action *out = dst;
    enum bot_rc r = BOT_OK;
    memset(out, 0, sizeof *out);
    out->id = sql_column_int64(s, 0);
    out->member_id = sql_column_int64(s, 1);
    out->request_id = sql_column_int64(s, 2);
    const char *kind = sql_column_text(s, 3);
    int k = 0;
    while (kind && k < (int)BOT_ARRAY_LEN(action_kinds) - 1 && strcmp(kind, action_kinds[k]) != 0)
        k++;
    out->kind = (enum store_action_kind)k;
    if (store_req_status_from_name(sql_column_text(s, 4), &out->prev_status) != BOT_OK ||
        store_req_status_from_name(sql_column_text(s, 7), &out->left_status) != BOT_OK ||
        !kind || strcmp(kind, action_kind(out->kind)) != 0) {
        bot_log(BOT_LOG_ERROR, "store: order action %lld is unreadable", (long long)out->id);
        r = BOT_DB;
    }
    out->prev_volunteer = sql_column_int64(s, 5);
    out->prev_accepted_at = sql_column_int64(s, 6);
    out->left_volunteer = sql_column_int64(s, 8);
    out->moved = sql_column_int64(s, 9);
    out->journal_mark = sql_column_int64(s, 10);
    out->at = sql_column_int64(s, 11);
    out->undone_at = sql_column_int64(s, 12);
    return r;
}

enum bot_rc store_order_action_last(struct store *st, int64_t member, struct store_order_action *out)
{
    struct sql_stmt *s = q(st, Q_ACTION_LAST);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    return sql_row(s, read_action, out);
}

enum bot_rc store_order_action_later(struct store *st, const struct store_order_action *a, int *actions,
                                     int *journal_rows)
{
    *actions = *journal_rows = 0;
    struct sql_stmt *s = q(st, Q_ACTION_LATER);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, a->request_id);
    sql_bind_int64(s, 2, a->id);
    sql_bind_int64(s, 3, a->journal_mark);
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        *actions = sql_column_int64(s, 0);
        *journal_rows = sql_column_int64(s, 1);
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_order_actions_of(struct store *st, int64_t request_id, struct store_order_action *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_ACTIONS_OF);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_action, out, sizeof *out, max, n);
}

static enum bot_rc read_strike(struct sql_stmt *s, void *dst)
{
    struct store_strike *out = dst;
    memset(out, 0, sizeof *out);
    out->member_id = sql_column_int64(s, 0);
    const char *kind = sql_column_text(s, 1);
    bot_strlcpy(out->kind, kind ? kind : "", sizeof out->kind);
    out->at = sql_column_int64(s, 2);
    return BOT_OK;
}

enum bot_rc store_strikes_of_request(struct store *st, int64_t request_id, struct store_strike *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_STRIKES_OF);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_strike, out, sizeof *out, max, n);
}

enum bot_rc store_order_action_undone(struct store *st, int64_t id, int64_t now)
{
    struct sql_stmt *s = q(st, Q_ACTION_UNDONE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    return sql_done(s);
}

enum bot_rc store_request_notices_end(struct store *st, int64_t request_id, int64_t at)
{
    struct sql_stmt *s = q(st, Q_RESCHEDULE_NOTICES);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, at);
    return sql_done(s);
}

enum bot_rc store_request_of_member(struct store *st, int64_t member_id, int volunteer_side,
                                    enum store_req_status status, struct store_request *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_REQ_OF_MEMBER);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member_id);
    sql_bind_int64(s, 2, volunteer_side ? 1 : 0);
    sql_bind_text(s, 3, store_req_status_name(status));
    sql_bind_int64(s, 4, max);
    return sql_rows(s, read_request_row, out, sizeof *out, max, n);
}

enum bot_rc store_request_set_start(struct store *st, int64_t id, int64_t start_at)
{
    if (start_at <= 0)
        return BOT_INVALID;
    return set_column(st, Q_REQ_SET_START, id, start_at);
}

enum bot_rc store_request_set_estimate(struct store *st, int64_t id, int minutes)
{
    if (minutes <= 0)
        return BOT_INVALID;
    return set_column(st, Q_REQ_SET_EST, id, minutes);
}

enum bot_rc store_request_reschedule(struct store *st, const struct store_reschedule *rs)
{
    if (rs->new_start <= 0)
        return BOT_INVALID;
    if (!st->in_txn)
        return BOT_ERR;
    struct sql_stmt *s = q(st, Q_REQ_RESCHEDULE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, rs->request_id);
    sql_bind_int64(s, 2, rs->new_start);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK)
        return rc;
    if (!(s = q(st, Q_RESCHEDULE_REMINDER)))
        return BOT_DB;
    sql_bind_int64(s, 1, rs->request_id);
    if ((rc = sql_done(s)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_RESCHEDULE_NOTICES)))
        return BOT_DB;
    sql_bind_int64(s, 1, rs->request_id);
    sql_bind_int64(s, 2, rs->at);
    if ((rc = sql_done(s)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_RESCHEDULE_INSERT)))
        return BOT_DB;
    sql_bind_int64(s, 1, rs->request_id);
    sql_bind_int64(s, 2, rs->member_id);
    bind_i64_or_null(s, 3, rs->old_start);
    sql_bind_int64(s, 4, rs->new_start);
    bind_i64_or_null(s, 5, rs->released_volunteer);
    sql_bind_int64(s, 6, rs->at);
    return sql_done(s);
}

static enum bot_rc read_reschedule(struct sql_stmt *s, void *out)
{
    struct store_reschedule *rs = out;
    memset(rs, 0, sizeof *rs);
    rs->member_id = sql_column_int64(s, 0);
    rs->old_start = sql_column_int64(s, 1);
    rs->new_start = sql_column_int64(s, 2);
    rs->released_volunteer = sql_column_int64(s, 3);
    rs->at = sql_column_int64(s, 4);
    return BOT_OK;
}

enum bot_rc store_reschedules_of(struct store *st, int64_t request_id, struct store_reschedule *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_RESCHEDULES_OF);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, max);
    enum bot_rc rc = sql_rows(s, read_reschedule, out, sizeof *out, max, n);
    if (rc != BOT_OK)
        return rc;
    for (int i = 0; i < *n; i++)
        out[i].request_id = request_id;
    return BOT_OK;
}

enum bot_rc store_request_twin_near(struct store *st, int64_t member, const char *service, int64_t start_at,
                                    int64_t window, int64_t except, int64_t *id)
{
    *id = 0;
    struct sql_stmt *s = q(st, Q_REQ_TWIN_NEAR);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, service);
    sql_bind_int64(s, 3, except);
    sql_bind_int64(s, 4, start_at - window);
    sql_bind_int64(s, 5, start_at + window);
    int n = 0;
    return sql_ids(s, id, 1, &n);
}

enum bot_rc store_request_last_confirmed(struct store *st, int64_t member, int64_t since, int64_t *id)
{
    *id = 0;
    struct sql_stmt *s = q(st, Q_REQ_LAST_CONFIRMED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, since);
    int n = 0;
    return sql_ids(s, id, 1, &n);
}

enum bot_rc store_request_list_branch(struct store *st, int64_t branch_id, int64_t start_after,
                                      struct store_request *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_REQ_LIST_BRANCH);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, branch_id);
    sql_bind_int64(s, 2, max);
    sql_bind_int64(s, 3, start_after);
    return sql_rows(s, read_request_row, out, sizeof *out, max, n);
}
