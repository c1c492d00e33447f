/* community.c — ratings, activities, complaints, strikes (no-shows, late cancels), and the boards and reports over
 * the journal. */
#include "store_int.h"

/* the branch of building col is ?3 (a building not mapped is in branch 1) */
#define BR_OF(col) "coalesce((SELECT branch_id FROM building_branches WHERE building = " col "), 1) = ?3"

#define COMPLAINT_COLS                                                                        \
    "c.id, c.request_id, c.complainant_id, c.prev_status, c.held_minutes, c.status, c.created_at, " \
    "coalesce(c.responded_at, 0), coalesce(c.resolved_at, 0), c.text, coalesce(c.filed_by, 0), coalesce(c.resolver_id, 0)"

#define COMMUNITY_SQL(X)                                                                      \
    X(Q_RATING_ADD,                                                                           \
      "INSERT INTO ratings(request_id, rater_id, ratee_id, stars, at) VALUES (?1,?2,?3,?4,?5) ON CONFLICT DO NOTHING") \
    X(Q_RATING_AVG, "SELECT coalesce(avg(stars), 0), count(*) FROM ratings WHERE ratee_id = ?1") \
    /* the ratee's offers carry the sum and count of the ratings she got as the order's volunteer (the volunteer \
     * match's index): a requester rated by her volunteer is not a better volunteer for it */ \
    X(Q_SKILLS_RATED,                                                                         \
      "UPDATE member_skills SET stars_sum = stars_sum + ?2, stars_n = stars_n + 1 WHERE member_id = ?1 " \
      "AND EXISTS (SELECT 1 FROM requests WHERE id = ?3 AND volunteer_id = ?1)")             \
    X(Q_ACT_CREATE, "INSERT INTO activities(id, organiser_id, title, created_at, starts_at, ends_at, place) VALUES " \
      "((SELECT coalesce(max(id), 0) + 1 FROM activities), ?1,?2,?3,?4,?5,?6) RETURNING id") \
    X(Q_ACT_GET, "SELECT id, organiser_id, title, closed, coalesce(starts_at, 0), coalesce(ends_at, 0), place " \
      "FROM activities WHERE id = ?1")      \
    X(Q_ACT_SIGN,                                                                             \
      "INSERT INTO activity_participants(activity_id, member_id, at) VALUES (?1,?2,?3) ON CONFLICT DO NOTHING") \
    X(Q_ACT_PARTICIPANTS,                                                                     \
      "SELECT member_id FROM activity_participants WHERE activity_id = ?1 ORDER BY at, member_id") \
    X(Q_ACT_CLOSE, "UPDATE activities SET closed = 1, closed_at = ?2 WHERE id = ?1 AND closed = 0") \
    /* open for sign-in now: from `before` seconds ahead of the start to the end */            \
    X(Q_ACT_OPEN, "SELECT id FROM activities WHERE closed = 0 AND starts_at IS NOT NULL AND starts_at - ?2 <= ?1 " \
                  "AND ends_at >= ?1 ORDER BY id LIMIT ?3")                                       \
    X(Q_COMPLAINT_CREATE,                                                                     \
      "INSERT INTO complaints(id, request_id, complainant_id, text, prev_status, held_minutes, created_at, filed_by) " \
      "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM complaints), ?1,?2,?3,?4,?5,?6, CASE WHEN CAST(?7 AS BIGINT) > 0 THEN CAST(?7 AS BIGINT) END) " \
      "RETURNING id")                                                            \
    X(Q_COMPLAINT_OPEN,                                                                       \
      "SELECT " COMPLAINT_COLS " FROM complaints c " \
      "WHERE c.request_id = ?1 AND c.status = 'open' ORDER BY c.id LIMIT 1")                        \
    X(Q_COMPLAINT_RESOLVE,                                                                    \
      "UPDATE complaints SET status = ?2, resolver_id = ?3, resolved_at = ?4, "               \
      "responded_at = coalesce(responded_at, ?4) WHERE id = ?1 AND status = 'open'")          \
    X(Q_COMPLAINT_GET, "SELECT " COMPLAINT_COLS " FROM complaints c WHERE c.id = ?1")         \
    X(Q_COMPLAINT_RESPOND,                                                                    \
      "UPDATE complaints SET responded_at = ?2 WHERE id = ?1 AND responded_at IS NULL AND status = 'open'") \
    X(Q_COMPLAINTS_OPEN,                                                                      \
      "SELECT " COMPLAINT_COLS " FROM complaints c JOIN requests r ON r.id = c.request_id "    \
      "JOIN members m ON m.id = r.requester_id WHERE c.status = 'open' AND " STORE_IN_SCOPE("m.building", "?1") " " \
      "ORDER BY c.created_at, c.id LIMIT ?2")                                                 \
    X(Q_COMPLAINTS_DECIDED,                                                                   \
      "SELECT " COMPLAINT_COLS " FROM complaints c JOIN requests r ON r.id = c.request_id "    \
      "WHERE c.status != 'open' AND " STORE_IN_SCOPE("r.building", "?1") " ORDER BY c.resolved_at DESC, c.id DESC LIMIT ?2") \
    X(Q_COMPLAINTS_DUE,                                                                       \
      "SELECT id FROM complaints WHERE status = 'open' AND created_at <= ?1 "                 \
      "AND (?2 = 0 OR responded_at IS NULL) ORDER BY created_at, id LIMIT ?3")                 \
    X(Q_COMPLAINTS_OF_REQUEST,                                                                \
      "SELECT " COMPLAINT_COLS " FROM complaints c WHERE c.request_id = ?1 ORDER BY c.id LIMIT ?2") \
    X(Q_RETRAIN_SET, "UPDATE members SET retraining = ?2 WHERE id = ?1")                      \
    X(Q_RETRAIN_LIST, "SELECT id, retraining FROM members WHERE retraining != 0 ORDER BY id LIMIT ?1") \
    X(Q_RETRAIN_GET, "SELECT retraining FROM members WHERE id = ?1")                          \
    X(Q_ORDER_LEGS,                                                                           \
      "SELECT j.txn, j.minutes, j.kind, j.memo, j.at, "                                        \
      "coalesce((SELECT coalesce(nullif(mf.name, ''), af.name) FROM journal o JOIN accounts af ON af.id = o.account_id " \
      "LEFT JOIN members mf ON mf.id = af.member_id WHERE o.txn = j.txn AND o.minutes < 0 ORDER BY o.id LIMIT 1), ''), " \
      "coalesce(nullif(mt.name, ''), at.name) FROM journal j JOIN accounts at ON at.id = j.account_id " \
      "LEFT JOIN members mt ON mt.id = at.member_id WHERE j.request_id = ?1 AND j.minutes > 0 " \
      "ORDER BY j.id LIMIT ?2")                                                               \
    /* hours kept (STORE_KEPT_MINUTES) of the orders whose service finished in [?1, ?2) (STORE_BOARD_MONTH_AT), by the
     * helpers' buildings */        \
    X(Q_LEADERBOARD,                                                                          \
      "SELECT m.building, sum(" STORE_KEPT_MINUTES("r") ") FROM requests r INDEXED BY requests_confirmed "     \
      "JOIN members m ON m.id = r.volunteer_id WHERE " STORE_BOARD_IN("r", "?1", "?2") " "            \
      "AND r.credited_minutes > 0 AND m.building != '' GROUP BY m.building HAVING sum(" STORE_KEPT_MINUTES("r") \
      ") > 0 ORDER BY 2 DESC, 1 LIMIT ?3")                                                      \
    X(Q_TOP_VOLUNTEERS,                                                                       \
      "SELECT m.building, sum(" STORE_KEPT_MINUTES("r") ") FROM requests r INDEXED BY requests_confirmed "     \
      "JOIN members m ON m.id = r.volunteer_id WHERE " STORE_BOARD_IN("r", "?1", "?2") " "            \
      "AND r.credited_minutes > 0 GROUP BY m.id HAVING sum(" STORE_KEPT_MINUTES("r") ") > 0 "                  \
      "ORDER BY 2 DESC, m.id LIMIT ?3")                                                          \
    /* issue 18: the same, of one branch's members (a building not mapped is in branch 1) */ \
    X(Q_TOP_VOLUNTEERS_BRANCH,                                                                \
      "SELECT m.building, sum(" STORE_KEPT_MINUTES("r") ") FROM requests r INDEXED BY requests_confirmed "     \
      "JOIN members m ON m.id = r.volunteer_id WHERE " STORE_BOARD_IN("r", "?1", "?2") " "            \
      "AND r.credited_minutes > 0 AND coalesce((SELECT branch_id FROM building_branches "   \
      "WHERE building = m.building), 1) = ?4 GROUP BY m.id HAVING sum(" STORE_KEPT_MINUTES("r") ") > 0 "        \
      "ORDER BY 2 DESC, m.id LIMIT ?3")                                                           \
    X(Q_MONTH_REPORT,                                                                         \
      "SELECT (SELECT count(*) FROM requests WHERE created_at >= ?1 AND created_at < ?2), "   \
      "(SELECT count(*) FROM requests WHERE accepted_at >= ?1 AND accepted_at < ?2), "        \
      "(SELECT coalesce(sum(" STORE_KEPT_MINUTES("r") "), 0) FROM requests r INDEXED BY requests_confirmed "  \
      "WHERE r.confirmed_at >= ?1 AND r.confirmed_at < ?2 AND r.credited_minutes > 0), "          \
      "(SELECT count(*) FROM members WHERE created_at >= ?1 AND created_at < ?2)")              \
    /* issue 18: the same of branch ?3: requests posted from its buildings, hours its members earned, its new members */ \
    X(Q_MONTH_REPORT_BRANCH,                                                                  \
      "SELECT (SELECT count(*) FROM requests r WHERE created_at >= ?1 AND created_at < ?2 AND " BR_OF("r.building") "), " \
      "(SELECT count(*) FROM requests r WHERE accepted_at >= ?1 AND accepted_at < ?2 AND " BR_OF("r.building") "), " \
      "(SELECT coalesce(sum(" STORE_KEPT_MINUTES("r") "), 0) FROM requests r INDEXED BY requests_confirmed "  \
      "JOIN members m ON m.id = r.volunteer_id WHERE r.confirmed_at >= ?1 AND r.confirmed_at < ?2 "            \
      "AND r.credited_minutes > 0 AND " BR_OF("m.building") "), "                                \
      "(SELECT count(*) FROM members m WHERE created_at >= ?1 AND created_at < ?2 AND " BR_OF("m.building") ")") \
    X(Q_STRIKE_ADD, "INSERT INTO strikes(member_id, request_id, kind, at) VALUES (?1,?2,?3,?4)") \
    X(Q_STRIKE_COUNT, "SELECT count(*) FROM strikes WHERE kind = ?2 AND member_id = ?1 AND at >= ?3") \
    X(Q_STRIKE_REMOVE,                                                                        \
      "DELETE FROM strikes WHERE member_id = ?1 AND request_id = ?2 AND kind = ?3 AND at >= ?4") \
    X(Q_STRIKE_REVIEW,                                                                        \
      "SELECT member_id, count(*), group_concat('#' || request_id, ' ') FROM strikes WHERE kind = ?1 AND at >= ?2 " \
      "GROUP BY member_id HAVING count(*) >= ?3 ORDER BY count(*) DESC, member_id LIMIT ?4")

/* PostgreSQL's texts where its dialect differs: string_agg for group_concat, in the order sqlite reads them (by time) */
#define COMMUNITY_PG_SQL(Y)                                                                   \
    Y(Q_STRIKE_REVIEW,                                                                        \
      "SELECT member_id, count(*), string_agg('#' || request_id, ' ' ORDER BY at, id) FROM strikes WHERE kind = ?1 " \
      "AND at >= ?2 GROUP BY member_id HAVING count(*) >= ?3 ORDER BY count(*) DESC, member_id LIMIT ?4")

STORE_SQL_STATEMENTS_PG(STORE_PART_COMMUNITY, COMMUNITY_SQL, COMMUNITY_PG_SQL)

enum bot_rc store_strike_add(struct store *st, int64_t member, int64_t request_id, const char *kind, int64_t at)
{
    struct sql_stmt *s = q(st, Q_STRIKE_ADD);
    if (!s)
        return BOT_DB;
    if (!st->in_txn)
        return BOT_ERR;
    sql_bind_int64(s, 1, member);
    bind_i64_or_null(s, 2, request_id);
    sql_bind_text(s, 3, kind);
    sql_bind_int64(s, 4, at);
    return sql_done(s);
}

enum bot_rc store_strike_count(struct store *st, int64_t member, const char *kind, int64_t since, int *n)
{
    int64_t v = 0;
    *n = 0;
    struct sql_stmt *s = q(st, Q_STRIKE_COUNT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, kind);
    sql_bind_int64(s, 3, since);
    enum bot_rc rc = sql_int64(s, &v);
    *n = (int)v;
    return rc;
}

enum bot_rc store_strike_remove(struct store *st, int64_t member, int64_t request_id, const char *kind, int64_t since)
{
    struct sql_stmt *s = q(st, Q_STRIKE_REMOVE);
    if (!s)
        return BOT_DB;
    if (!st->in_txn)
        return BOT_ERR;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, request_id);
    sql_bind_text(s, 3, kind);
    sql_bind_int64(s, 4, since);
    return sql_done(s);
}

static enum bot_rc read_review(struct sql_stmt *s, void *out)
{
    struct store_review *r = out;
    memset(r, 0, sizeof *r);
    r->member_id = sql_column_int64(s, 0);
    r->count = sql_column_int64(s, 1);
    col_text(s, 2, r->requests, sizeof r->requests);
    return BOT_OK;
}

enum bot_rc store_strikes_review(struct store *st, const char *kind, int64_t since, int min_count,
                                 struct store_review *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_STRIKE_REVIEW);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, kind);
    sql_bind_int64(s, 2, since);
    sql_bind_int64(s, 3, min_count);
    sql_bind_int64(s, 4, max);
    return sql_rows(s, read_review, out, sizeof *out, max, n);
}

enum bot_rc store_rating_add(struct store *st, int64_t request_id, int64_t rater, int64_t ratee, int stars,
                             int64_t now)
{
    struct sql_stmt *s = q(st, Q_RATING_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, rater);
    sql_bind_int64(s, 3, ratee);
    sql_bind_int64(s, 4, stars);
    sql_bind_int64(s, 5, now);
    enum bot_rc rc = sql_changed(s);
    if (rc != BOT_OK) /* BOT_DUP: rated before, nothing changed */
        return rc;
    if (!(s = q(st, Q_SKILLS_RATED)))
        return BOT_DB;
    sql_bind_int64(s, 1, ratee);
    sql_bind_int64(s, 2, stars);
    sql_bind_int64(s, 3, request_id);
    return sql_done(s);
}

enum bot_rc store_rating_avg(struct store *st, int64_t member, double *avg, int *n)
{
    struct sql_stmt *s = q(st, Q_RATING_AVG);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    int rc = sql_step(s);
    *avg = rc == SQL_ROW ? sql_column_double(s, 0) : 0;
    *n = rc == SQL_ROW ? sql_column_int64(s, 1) : 0;
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_activity_create(struct store *st, int64_t organiser, const char *title, int64_t starts_at,
                                  int64_t ends_at, const char *place, int64_t now, int64_t *id)
{
    struct sql_stmt *s = q(st, Q_ACT_CREATE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, organiser);
    sql_bind_text(s, 2, title);
    sql_bind_int64(s, 3, now);
    sql_bind_int64(s, 4, starts_at);
    sql_bind_int64(s, 5, ends_at);
    sql_bind_text(s, 6, place ? place : "");
    return sql_int64(s, id);
}

static enum bot_rc read_activity(struct sql_stmt *s, void *out)
{
    struct store_activity *a = out;
    memset(a, 0, sizeof *a);
    a->id = sql_column_int64(s, 0);
    a->organiser_id = sql_column_int64(s, 1);
    col_text(s, 2, a->title, sizeof a->title);
    a->closed = sql_column_int64(s, 3);
    a->starts_at = sql_column_int64(s, 4);
    a->ends_at = sql_column_int64(s, 5);
    col_text(s, 6, a->place, sizeof a->place);
    return BOT_OK;
}

enum bot_rc store_activity_get(struct store *st, int64_t id, struct store_activity *out)
{
    struct sql_stmt *s = q(st, Q_ACT_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_activity, out);
}

enum bot_rc store_activity_sign(struct store *st, int64_t id, int64_t member, int64_t now)
{
    struct sql_stmt *s = q(st, Q_ACT_SIGN);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, member);
    sql_bind_int64(s, 3, now);
    return sql_changed(s);
}

enum bot_rc store_activity_participants(struct store *st, int64_t id, int64_t *members, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_ACT_PARTICIPANTS);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_ids(s, members, max, n);
}

enum bot_rc store_activities_open(struct store *st, int64_t now, int64_t before, int64_t *ids, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_ACT_OPEN);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, now);
    sql_bind_int64(s, 2, before);
    sql_bind_int64(s, 3, max);
    return sql_ids(s, ids, max, n);
}

enum bot_rc store_activity_close(struct store *st, int64_t id, int64_t now)
{
    struct sql_stmt *s = q(st, Q_ACT_CLOSE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    return sql_changed(s);
}

enum bot_rc store_complaint_create(struct store *st, struct store_complaint *c, const char *text, int64_t now)
{
    struct sql_stmt *s = q(st, Q_COMPLAINT_CREATE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, c->request_id);
    sql_bind_int64(s, 2, c->complainant_id);
    sql_bind_text(s, 3, text ? text : "");
    sql_bind_text(s, 4, c->prev_status);
    sql_bind_int64(s, 5, c->held_minutes);
    sql_bind_int64(s, 6, now);
    sql_bind_int64(s, 7, c->filed_by);
    return sql_int64(s, &c->id);
}

static enum bot_rc read_complaint(struct sql_stmt *s, void *out)
{
    struct store_complaint *c = out;
    memset(c, 0, sizeof *c);
    c->id = sql_column_int64(s, 0);
    c->request_id = sql_column_int64(s, 1);
    c->complainant_id = sql_column_int64(s, 2);
    col_text(s, 3, c->prev_status, sizeof c->prev_status);
    c->held_minutes = sql_column_int64(s, 4);
    col_text(s, 5, c->status, sizeof c->status);
    c->created_at = sql_column_int64(s, 6);
    c->responded_at = sql_column_int64(s, 7);
    c->resolved_at = sql_column_int64(s, 8);
    col_text(s, 9, c->text, sizeof c->text);
    c->filed_by = sql_column_int64(s, 10);
    c->resolver_id = sql_column_int64(s, 11);
    return BOT_OK;
}

enum bot_rc store_complaint_open_for(struct store *st, int64_t request_id, struct store_complaint *out)
{
    struct sql_stmt *s = q(st, Q_COMPLAINT_OPEN);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    return sql_row(s, read_complaint, out);
}

enum bot_rc store_complaint_resolve(struct store *st, int64_t id, const char *status, int64_t resolver,
                                    int64_t now)
{
    struct sql_stmt *s = q(st, Q_COMPLAINT_RESOLVE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_text(s, 2, status);
    sql_bind_int64(s, 3, resolver);
    sql_bind_int64(s, 4, now);
    return sql_changed(s);
}

enum bot_rc store_complaint_get(struct store *st, int64_t id, struct store_complaint *out)
{
    struct sql_stmt *s = q(st, Q_COMPLAINT_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_complaint, out);
}

enum bot_rc store_complaint_respond(struct store *st, int64_t id, int64_t now)
{
    struct sql_stmt *s = q(st, Q_COMPLAINT_RESPOND);
    if (!s)
        return BOT_DB;
    if (!st->in_txn)
        return BOT_ERR;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    return sql_done(s);
}

enum bot_rc store_complaints_open(struct store *st, const char *building, struct store_complaint *out, int max,
                                  int *n)
{
    struct sql_stmt *s = q(st, Q_COMPLAINTS_OPEN);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, building ? building : "");
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_complaint, out, sizeof *out, max, n);
}

enum bot_rc store_complaints_decided(struct store *st, const char *building, struct store_complaint *out, int max,
                                     int *n)
{
    struct sql_stmt *s = q(st, Q_COMPLAINTS_DECIDED);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, building ? building : "");
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_complaint, out, sizeof *out, max, n);
}

enum bot_rc store_complaints_due(struct store *st, int64_t created_before, int unanswered, int64_t *ids, int max,
                                 int *n)
{
    struct sql_stmt *s = q(st, Q_COMPLAINTS_DUE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, created_before);
    sql_bind_int64(s, 2, unanswered);
    sql_bind_int64(s, 3, max);
    return sql_ids(s, ids, max, n);
}

enum bot_rc store_complaints_of_request(struct store *st, int64_t request_id, struct store_complaint *out, int max,
                                        int *n)
{
    struct sql_stmt *s = q(st, Q_COMPLAINTS_OF_REQUEST);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_complaint, out, sizeof *out, max, n);
}

enum bot_rc store_member_set_retraining(struct store *st, int64_t member, int64_t request_id)
{
    struct sql_stmt *s = q(st, Q_RETRAIN_SET);
    if (!s)
        return BOT_DB;
    if (!st->in_txn)
        return BOT_ERR;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, request_id);
    return sql_done(s);
}

enum bot_rc store_member_retraining(struct store *st, int64_t member, int64_t *request_id)
{
    struct sql_stmt *s = q(st, Q_RETRAIN_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    return sql_int64(s, request_id);
}

static enum bot_rc read_retraining(struct sql_stmt *s, void *out)
{
    struct store_retraining *r = out;
    r->member_id = sql_column_int64(s, 0);
    r->request_id = sql_column_int64(s, 1);
    return BOT_OK;
}

enum bot_rc store_members_retraining(struct store *st, struct store_retraining *out, int max, int *n)
{
    struct sql_stmt *s = q(st, Q_RETRAIN_LIST);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, max);
    return sql_rows(s, read_retraining, out, sizeof *out, max, n);
}

static enum bot_rc read_leg(struct sql_stmt *s, void *out)
{
    struct store_order_leg *l = out;
    memset(l, 0, sizeof *l);
    l->txn = sql_column_int64(s, 0);
    l->minutes = sql_column_int64(s, 1);
    col_text(s, 2, l->kind, sizeof l->kind);
    col_text(s, 3, l->memo, sizeof l->memo);
    l->at = sql_column_int64(s, 4);
    col_text(s, 5, l->from, sizeof l->from);
    col_text(s, 6, l->to, sizeof l->to);
    return BOT_OK;
}

enum bot_rc store_order_legs(struct store *st, int64_t request_id, struct store_order_leg *out, int max, int *n)
{
    struct sql_stmt *s = q(st, Q_ORDER_LEGS);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_leg, out, sizeof *out, max, n);
}

static enum bot_rc read_board_row(struct sql_stmt *s, void *out)
{
    struct store_board_row *b = out;
    col_text(s, 0, b->building, sizeof b->building);
    b->minutes = sql_column_int64(s, 1);
    return BOT_OK;
}

/* (building, minutes) rows of a board query bound with (from, to, max), and the branch (?4) when > 0. */
static enum bot_rc board_rows(struct store *st, int which, int64_t from, int64_t to,
                              struct store_board_row *out, int max, int *n, int64_t branch)
{
    *n = 0;
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    if (branch > 0)
        sql_bind_int64(s, 4, branch);
    sql_bind_int64(s, 1, from);
    sql_bind_int64(s, 2, to);
    sql_bind_int64(s, 3, max);
    return sql_rows(s, read_board_row, out, sizeof *out, max, n);
}

enum bot_rc store_leaderboard(struct store *st, int64_t from, int64_t to, struct store_board_row *out, int max,
                              int *n)
{
    return board_rows(st, Q_LEADERBOARD, from, to, out, max, n, 0);
}

enum bot_rc store_top_volunteers(struct store *st, int64_t from, int64_t to, struct store_board_row *out, int max,
                                 int *n)
{
    return board_rows(st, Q_TOP_VOLUNTEERS, from, to, out, max, n, 0);
}

enum bot_rc store_top_volunteers_branch(struct store *st, int64_t branch_id, int64_t from, int64_t to,
                                        struct store_board_row *out, int max, int *n)
{
    return board_rows(st, Q_TOP_VOLUNTEERS_BRANCH, from, to, out, max, n, branch_id);
}

enum bot_rc store_month_report(struct store *st, int64_t from, int64_t to, struct store_report *out)
{
    return store_month_report_branch(st, 0, from, to, out);
}

enum bot_rc store_month_report_branch(struct store *st, int64_t branch_id, int64_t from, int64_t to,
                                      struct store_report *out)
{
    struct sql_stmt *s = q(st, branch_id > 0 ? Q_MONTH_REPORT_BRANCH : Q_MONTH_REPORT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, from);
    sql_bind_int64(s, 2, to);
    if (branch_id > 0)
        sql_bind_int64(s, 3, branch_id);
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        out->requests = sql_column_int64(s, 0);
        out->matched = sql_column_int64(s, 1);
        out->minutes = sql_column_int64(s, 2);
        out->new_members = sql_column_int64(s, 3);
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}
