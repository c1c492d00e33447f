/* notices.c — a member's notices, one row each: added, read oldest first, marked delivered or passed on by a digest. */
#include "store_int.h"

#define NOTICE_SQL(X)                                                                         \
    X(Q_NOTICE_ADD,                                                                           \
      "INSERT INTO notices(member_id, text, created_at, delivered_at, how, whole) VALUES (?1, ?2, ?3, ?4, ?5, ?6)") \
    /* told by the push just queued to her identity (?4, ?5): delivered once that row is sent (v48); about an order \
     * (?6 > 0) as Q_NOTICE_ADD_ABOUT, so one whose push died waits under the same rules (v50: late_at, late_text) */ \
    X(Q_NOTICE_ADD_PUSHED,                                                                    \
      "INSERT INTO notices(member_id, text, created_at, delivered_at, how, whole, outbox_id, request_id, "         \
      "request_state, stale_at, late_at, late_text) VALUES (?1, ?2, ?3, ?3, "                  \
      "'push', 0, (SELECT max(o.id) FROM outbox o WHERE o.platform = ?4 AND o.user_id = ?5 AND o.chat_id IS NULL " \
      "AND o.created_at = ?3 AND o.status = 'pending'), CASE WHEN CAST(?6 AS BIGINT) > 0 THEN CAST(?6 AS BIGINT) END, " \
      "(SELECT CASE WHEN CAST(?8 AS BIGINT) = 2 THEN '' WHEN CAST(?8 AS BIGINT) > 0 THEN "         \
      STORE_REQ_VOLUNTEER_STATE_OF("r") " ELSE " STORE_REQ_STATE_OF("r") " END FROM requests r WHERE r.id = ?6), " \
      "CASE WHEN CAST(?7 AS BIGINT) > 0 THEN CAST(?7 AS BIGINT) END, "                          \
      "CASE WHEN CAST(?9 AS BIGINT) > 0 THEN CAST(?9 AS BIGINT) END, ?10)")                    \
    X(Q_NOTICE_ADD_ABOUT,                                                                     \
      "INSERT INTO notices(member_id, text, created_at, request_id, request_state, stale_at) "  \
      "VALUES (?1, ?2, ?3, CASE WHEN CAST(?4 AS BIGINT) > 0 THEN CAST(?4 AS BIGINT) END, (SELECT CASE WHEN "   \
      "CAST(?6 AS BIGINT) = 2 THEN '' WHEN CAST(?6 AS BIGINT) > 0 THEN " STORE_REQ_VOLUNTEER_STATE_OF("r") " ELSE " STORE_REQ_STATE_OF("r") " END "    \
      "FROM requests r WHERE r.id = ?4), CASE WHEN CAST(?5 AS BIGINT) > 0 THEN CAST(?5 AS BIGINT) END)")        \
    /* a notice about an order that has moved on since is passed over (v37) */                \
    X(Q_NOTICE_NEXT,                                                                          \
      "SELECT id, member_id, created_at, " STORE_NOTICE_TEXT_AT("notices", "?2") ", whole FROM notices WHERE " \
      "member_id = ?1 AND "                                                                   \
      STORE_NOTICE_WAITING("notices", "?2") " ORDER BY id LIMIT 1")                           \
    /* an identity's own (a link alert): only that identity reads them */                    \
    X(Q_IDENT_NOTICE_ADD,                                                                     \
      "INSERT INTO notices(member_id, text, created_at, platform, user_id) "                  \
      "SELECT member_id, ?3, ?4, platform, user_id FROM identities WHERE platform = ?1 AND user_id = ?2") \
    /* the same, told by the push just queued to that identity: delivered once it is sent (v48) */ \
    X(Q_IDENT_NOTICE_ADD_PUSHED,                                                              \
      "INSERT INTO notices(member_id, text, created_at, platform, user_id, delivered_at, how, outbox_id) "   \
      "SELECT member_id, ?3, ?4, platform, user_id, ?4, 'push', (SELECT max(o.id) FROM outbox o WHERE "      \
      "o.platform = ?1 AND o.user_id = ?2 AND o.chat_id IS NULL AND o.created_at = ?4 AND o.status = 'pending') " \
      "FROM identities WHERE platform = ?1 AND user_id = ?2")                                 \
    X(Q_IDENT_NOTICE_NEXT,                                                                    \
      "SELECT id, member_id, created_at, text FROM notices WHERE platform = ?1 AND user_id = ?2 " \
      "AND delivered_at IS NULL ORDER BY id LIMIT 1")                                         \
    X(Q_NOTICE_REFUSED,                                                                       \
      "SELECT count(*) FROM (SELECT 1 FROM notices WHERE member_id = ?1 AND how = 'refused' AND " \
      STORE_NOTICE_WAITING("notices", "?2") " LIMIT 1) AS t")                                 \
    X(Q_NOTICE_DELIVERED, "UPDATE notices SET delivered_at = ?2, how = ?3 WHERE id = ?1 AND delivered_at IS NULL") \
    X(Q_NOTICE_WAITING,                                                                       \
      "SELECT count(*) FROM notices WHERE member_id = ?1 AND " STORE_NOTICE_WAITING("notices", "?2")) \
    X(Q_NOTICE_UNDIGESTED_MEMBERS,                                                            \
      "SELECT DISTINCT member_id FROM notices WHERE digested_at IS NULL AND created_at <= ?1 AND " \
      STORE_NOTICE_WAITING("notices", "?1") " ORDER BY member_id LIMIT ?2")                   \
    X(Q_NOTICE_NEXT_UNDIGESTED,                                                               \
      "SELECT id, member_id, created_at, " STORE_NOTICE_TEXT_AT("notices", "?2") " FROM notices WHERE "        \
      "member_id = ?1 AND digested_at IS NULL "                                                \
      "AND created_at <= ?2 AND " STORE_NOTICE_WAITING("notices", "?2") " ORDER BY id LIMIT 1") \
    X(Q_NOTICE_DIGESTED, "UPDATE notices SET digested_at = ?2 WHERE id = ?1")                  \
    /* a notice passed on to another member (a digest's line), true for as long as the one it passes on; never her  \
     * late wording (her own words, unmasked: a review found a 楼长 reading a volunteer's door as his own reminder) */ \
    X(Q_NOTICE_PASS_TO,                                                                       \
      "INSERT INTO notices(member_id, text, created_at, request_id, request_state, stale_at) " \
      "SELECT ?2, ?3, ?4, request_id, request_state, stale_at FROM notices WHERE id = ?1")     \
    /* the notice just written (this text, this time), passed on as it was written */          \
    X(Q_NOTICE_PASSED_ON,                                                                     \
      "UPDATE notices SET digested_at = ?3 WHERE member_id = ?1 AND text = ?2 AND created_at = ?3 " \
      "AND digested_at IS NULL AND delivered_at IS NULL") \
    /* the first notice about an order told a member since a time: was it left unread (play-test 9) */          \
    X(Q_NOTICE_UNREAD_ABOUT,                                                                  \
      "SELECT count(*) FROM notices WHERE id = (SELECT min(id) FROM notices WHERE member_id = ?1 AND request_id = ?2 " \
      "AND created_at >= ?3) AND delivered_at IS NULL")

STORE_SQL_STATEMENTS(STORE_PART_NOTICES, NOTICE_SQL)

static enum bot_rc add(struct store *st, int64_t member, const char *text, int64_t now, const char *how, int whole)
{
    struct sql_stmt *s = q(st, Q_NOTICE_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, text);
    sql_bind_int64(s, 3, now);
    if (how) {
        sql_bind_int64(s, 4, now);
        sql_bind_text(s, 5, how);
    }
    sql_bind_int64(s, 6, whole != 0);
    return sql_done(s);
}

enum bot_rc store_member_notice(struct store *st, int64_t member, const char *text, int64_t now)
{
    return add(st, member, text, now, NULL, 0);
}

enum bot_rc store_member_notice_about(struct store *st, int64_t member, const char *text, int64_t now, int64_t request,
                                      int64_t stale_at, int volunteer_only)
{
    if (request <= 0 && stale_at <= 0)
        return add(st, member, text, now, NULL, 0);
    struct sql_stmt *s = q(st, Q_NOTICE_ADD_ABOUT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, text);
    sql_bind_int64(s, 3, now);
    sql_bind_int64(s, 4, request);
    sql_bind_int64(s, 5, stale_at);
    sql_bind_int64(s, 6, volunteer_only);
    return sql_done(s);
}

enum bot_rc store_member_notice_whole(struct store *st, int64_t member, const char *text, int64_t now)
{
    return add(st, member, text, now, NULL, 1);
}

enum bot_rc store_notice_pushed(struct store *st, int64_t member, const char *text, int64_t now, const char *platform,
                                const char *user_id)
{
    struct store_notice_about none = {0, 0, 0, 0, NULL};
    return store_notice_pushed_about(st, member, text, now, platform, user_id, &none);
}

enum bot_rc store_notice_pushed_about(struct store *st, int64_t member, const char *text, int64_t now,
                                      const char *platform, const char *user_id, const struct store_notice_about *a)
{
    struct sql_stmt *s = q(st, Q_NOTICE_ADD_PUSHED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, text);
    sql_bind_int64(s, 3, now);
    sql_bind_text(s, 4, platform ? platform : "");
    sql_bind_text(s, 5, user_id ? user_id : "");
    sql_bind_int64(s, 6, a->request);
    sql_bind_int64(s, 7, a->stale_at);
    sql_bind_int64(s, 8, a->volunteer_only);
    sql_bind_int64(s, 9, a->late_at);
    if (a->late_text && a->late_at > 0)
        sql_bind_text(s, 10, a->late_text);
    return sql_done(s);
}

enum bot_rc store_notice_unread_about(struct store *st, int64_t member, int64_t request, int64_t since, int *unread)
{
    int64_t v = 0;
    *unread = 0;
    struct sql_stmt *s = q(st, Q_NOTICE_UNREAD_ABOUT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, request);
    sql_bind_int64(s, 3, since);
    enum bot_rc rc = sql_int64(s, &v);
    *unread = v != 0;
    return rc;
}

static enum bot_rc one(struct sql_stmt *s, struct store_notice *out)
{
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        out->id = sql_column_int64(s, 0);
        out->member_id = sql_column_int64(s, 1);
        out->created_at = sql_column_int64(s, 2);
        col_text(s, 3, out->text, sizeof out->text);
        out->whole = sql_column_count(s) > 4 && sql_column_int64(s, 4) != 0;
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : rc == SQL_DONE ? BOT_NOTFOUND : BOT_DB;
}

enum bot_rc store_notice_next(struct store *st, int64_t member, int64_t now, struct store_notice *out)
{
    struct sql_stmt *s = q(st, Q_NOTICE_NEXT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, now);
    return one(s, out);
}

enum bot_rc store_notice_delivered(struct store *st, int64_t id, int64_t now, const char *how)
{
    struct sql_stmt *s = q(st, Q_NOTICE_DELIVERED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    sql_bind_text(s, 3, how);
    return sql_done(s);
}

enum bot_rc store_notice_refused(struct store *st, int64_t member, int64_t now, int *yes)
{
    int64_t v = 0;
    *yes = 0;
    struct sql_stmt *s = q(st, Q_NOTICE_REFUSED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, now);
    enum bot_rc rc = sql_int64(s, &v);
    *yes = v != 0;
    return rc;
}

enum bot_rc store_notices_waiting(struct store *st, int64_t member, int64_t now, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_NOTICE_WAITING);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, now);
    int rc = sql_step(s);
    if (rc == SQL_ROW)
        *n = sql_column_int64(s, 0);
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_notices_undigested_members(struct store *st, int64_t until, int64_t *ids, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_NOTICE_UNDIGESTED_MEMBERS);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, until);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, store_read_id, ids, sizeof *ids, max, n);
}

enum bot_rc store_notice_next_undigested(struct store *st, int64_t member, int64_t until, struct store_notice *out)
{
    struct sql_stmt *s = q(st, Q_NOTICE_NEXT_UNDIGESTED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, until);
    return one(s, out);
}

enum bot_rc store_notice_pass_to(struct store *st, int64_t id, int64_t reader, const char *text, int64_t now)
{
    struct sql_stmt *s = q(st, Q_NOTICE_PASS_TO);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, reader);
    sql_bind_text(s, 3, text);
    sql_bind_int64(s, 4, now);
    return sql_done(s);
}

enum bot_rc store_notice_digested(struct store *st, int64_t id, int64_t now)
{
    struct sql_stmt *s = q(st, Q_NOTICE_DIGESTED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    return sql_done(s);
}

enum bot_rc store_notice_passed_on(struct store *st, int64_t member, const char *text, int64_t now)
{
    struct sql_stmt *s = q(st, Q_NOTICE_PASSED_ON);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_text(s, 2, text);
    sql_bind_int64(s, 3, now);
    return sql_done(s);
}

static enum bot_rc identity_notice(struct store *st, int pushed, const char *platform, const char *user_id,
                                   const char *text, int64_t now)
{
    struct sql_stmt *s = q(st, pushed ? Q_IDENT_NOTICE_ADD_PUSHED : Q_IDENT_NOTICE_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    sql_bind_text(s, 3, text);
    sql_bind_int64(s, 4, now);
    return sql_done(s);
}

enum bot_rc store_identity_notice(struct store *st, const char *platform, const char *user_id, const char *text,
                                  int64_t now)
{
    return identity_notice(st, 0, platform, user_id, text, now);
}

enum bot_rc store_identity_notice_pushed(struct store *st, const char *platform, const char *user_id, const char *text,
                                         int64_t now)
{
    return identity_notice(st, 1, platform, user_id, text, now);
}

enum bot_rc store_identity_notice_next(struct store *st, const char *platform, const char *user_id,
                                       struct store_notice *out)
{
    struct sql_stmt *s = q(st, Q_IDENT_NOTICE_NEXT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    return one(s, out);
}
