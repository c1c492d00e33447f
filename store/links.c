/* links.c — a second identity joins a member: one-time link codes, wrong tries, the link record and its undo. */
#include "store_int.h"

#define LINK_SQL(X)                                                                                  \
    X(Q_LINK_PUT, "INSERT INTO link_codes(code, member_id, expires_at) VALUES (?1,?2,?3) ON CONFLICT DO NOTHING") \
    X(Q_LINK_TAKE, "SELECT member_id, expires_at, dead FROM link_codes WHERE code = ?1")       \
    /* a tombstone stays until it expires */                                                  \
    X(Q_LINK_DEL, "DELETE FROM link_codes WHERE (code = ?1 AND dead = 0) OR expires_at < ?2")   \
    X(Q_LINK_DROP, "DELETE FROM link_codes WHERE (member_id = ?1 AND dead = 0) OR expires_at < ?2") \
    X(Q_LINK_BUMP, "UPDATE link_codes SET wrong = wrong + 1 WHERE expires_at >= ?1 AND dead = 0") \
    X(Q_LINK_DEAD, "SELECT member_id FROM link_codes WHERE wrong >= ?1 AND dead = 0 ORDER BY member_id") \
    X(Q_LINK_KILL, "UPDATE link_codes SET dead = 1 WHERE member_id = ?1 AND dead = 0")         \
    X(Q_LINK_WRONG_COUNT,                                                                     \
      "SELECT count(*) FROM link_wrong WHERE platform = ?1 AND user_id = ?2 AND at > ?3")      \
    X(Q_LINK_WRONG_ADD, "INSERT INTO link_wrong(platform, user_id, at) VALUES (?1,?2,?3)")      \
    X(Q_LINK_WRONG_PRUNE, "DELETE FROM link_wrong WHERE at <= ?1")                              \
    X(Q_LINK_RECORD,                                                                          \
      "INSERT INTO identity_links(platform, user_id, member_id, from_member, at) VALUES (?1,?2,?3,?4,?5)") \
    /* links in force: not undone, and the identity still with that member */                \
    X(Q_LINK_LIST,                                                                            \
      "SELECT l.id, l.platform, l.user_id, l.member_id, l.at FROM identity_links l JOIN identities i " \
      "ON i.platform = l.platform AND i.user_id = l.user_id AND i.member_id = l.member_id "    \
      "WHERE l.member_id = ?1 AND l.undone_at IS NULL AND l.at > ?2 ORDER BY l.at DESC, l.id DESC LIMIT ?3") \
    X(Q_LINK_OF_IDENT,                                                                        \
      "SELECT l.id, l.platform, l.user_id, l.member_id, l.at FROM identity_links l JOIN identities i " \
      "ON i.platform = l.platform AND i.user_id = l.user_id AND i.member_id = l.member_id "    \
      "WHERE l.platform = ?1 AND l.user_id = ?2 AND l.undone_at IS NULL ORDER BY l.at DESC, l.id DESC LIMIT 1") \
    X(Q_LINK_UNDO,                                                                            \
      "UPDATE identity_links SET undone_at = ?2, undone_by = ?3, split_member = ?4 WHERE id = ?1") \
    X(Q_LINK_REQ_ADD,                                                                         \
      "INSERT INTO link_requests(link_id, side, request_id, at) VALUES (?1,?2,?3,?4) "\
      "ON CONFLICT(link_id, side, request_id) DO UPDATE SET at = excluded.at") \
    /* unfinished and unpaid: a paid request stays where it was paid from */                 \
    X(Q_LINK_MOVE_REQUESTER,                                                                  \
      "UPDATE requests SET requester_id = ?3 WHERE requester_id = ?2 AND EXISTS (SELECT 1 FROM link_requests k " \
      "WHERE k.link_id = ?1 AND k.side = 'requester' AND k.request_id = requests.id) AND "    \
      "(status IN ('open','accepted','in_service','finished') OR (status = 'disputed' AND coalesce(payer_account, 0) = 0))") \
    X(Q_LINK_MOVE_VOLUNTEER,                                                                  \
      "UPDATE requests SET volunteer_id = ?3 WHERE volunteer_id = ?2 AND EXISTS (SELECT 1 FROM link_requests k " \
      "WHERE k.link_id = ?1 AND k.side = 'volunteer' AND k.request_id = requests.id AND k.at = requests.accepted_at) AND " \
      "(status IN ('accepted','in_service','finished') OR (status = 'disputed' AND coalesce(payer_account, 0) = 0))")

STORE_SQL_STATEMENTS(STORE_PART_LINKS, LINK_SQL)

enum bot_rc store_link_code_put(struct store *st, const char *code, int64_t member, int64_t now,
                                int64_t expires_at)
{
    enum bot_rc rc;
    if ((rc = store_link_code_drop(st, member, now)) != BOT_OK)
        return rc;
    struct sql_stmt *s = q(st, Q_LINK_PUT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, code);
    sql_bind_int64(s, 2, member);
    sql_bind_int64(s, 3, expires_at);
    return sql_changed(s); /* BOT_DUP: another member's live code */
}

enum bot_rc store_link_code_drop(struct store *st, int64_t member, int64_t now)
{
    struct sql_stmt *s = q(st, Q_LINK_DROP);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, now);
    return sql_done(s);
}

enum bot_rc store_link_code_take(struct store *st, const char *code, int64_t now, int64_t *member)
{
    struct sql_stmt *s = q(st, Q_LINK_TAKE);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, code);
    int rc = sql_step(s);
    int64_t exp = 0;
    int dead = 0;
    *member = 0;
    if (rc == SQL_ROW) {
        *member = sql_column_int64(s, 0);
        exp = sql_column_int64(s, 1);
        dead = sql_column_int64(s, 2);
    }
    sql_reset(s);
    if (rc != SQL_ROW && rc != SQL_DONE)
        return BOT_DB;
    /* one time: a live code goes, and so do stale ones; a tombstone stays until it expires */
    struct sql_stmt *d = q(st, Q_LINK_DEL);
    if (!d)
        return BOT_DB;
    sql_bind_text(d, 1, code);
    sql_bind_int64(d, 2, now);
    enum bot_rc r = sql_done(d);
    if (r != BOT_OK)
        return r;
    if (rc != SQL_ROW || exp < now) {
        *member = 0;
        return BOT_NOTFOUND;
    }
    return dead ? BOT_LIMIT : BOT_OK;
}

enum bot_rc store_link_code_kill(struct store *st, int64_t member)
{
    struct sql_stmt *s = q(st, Q_LINK_KILL);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    return sql_done(s);
}

enum bot_rc store_link_wrong_count(struct store *st, const char *platform, const char *user_id, int64_t since,
                                   int *n)
{
    *n = 0;
    struct sql_stmt *s = bind_ident(q(st, Q_LINK_WRONG_COUNT), platform, user_id);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 3, since);
    int64_t count;
    enum bot_rc rc = sql_int64(s, &count);
    *n = (int)count;
    return rc;
}

enum bot_rc store_link_wrong_add(struct store *st, const char *platform, const char *user_id, int64_t now,
                                 int64_t forget_before)
{
    enum bot_rc rc;
    struct sql_stmt *s = q(st, Q_LINK_WRONG_PRUNE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, forget_before);
    if ((rc = sql_done(s)) != BOT_OK)
        return rc;
    if (!(s = bind_ident(q(st, Q_LINK_WRONG_ADD), platform, user_id)))
        return BOT_DB;
    sql_bind_int64(s, 3, now);
    if ((rc = sql_done(s)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_LINK_BUMP)))
        return BOT_DB;
    sql_bind_int64(s, 1, now);
    return sql_done(s);
}

enum bot_rc store_link_codes_dead(struct store *st, int max_wrong, int64_t *members, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_LINK_DEAD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, max_wrong);
    return sql_ids(s, members, max, n);
}

enum bot_rc store_link_record(struct store *st, const char *platform, const char *user_id, int64_t member,
                              int64_t from_member, int64_t now)
{
    struct sql_stmt *s = bind_ident(q(st, Q_LINK_RECORD), platform, user_id);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 3, member);
    sql_bind_int64(s, 4, from_member);
    sql_bind_int64(s, 5, now);
    return sql_done(s);
}

static enum bot_rc read_link(struct sql_stmt *s, void *out)
{
    struct store_link *l = out;
    memset(l, 0, sizeof *l);
    l->id = sql_column_int64(s, 0);
    col_text(s, 1, l->platform, sizeof l->platform);
    col_text(s, 2, l->user_id, sizeof l->user_id);
    l->member_id = sql_column_int64(s, 3);
    l->at = sql_column_int64(s, 4);
    return BOT_OK;
}

enum bot_rc store_link_list(struct store *st, int64_t member, int64_t since, struct store_link *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_LINK_LIST);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, since);
    sql_bind_int64(s, 3, max);
    return sql_rows(s, read_link, out, sizeof *out, max, n);
}

enum bot_rc store_link_of_identity(struct store *st, const char *platform, const char *user_id, struct store_link *out)
{
    memset(out, 0, sizeof *out);
    struct sql_stmt *s = bind_ident(q(st, Q_LINK_OF_IDENT), platform, user_id);
    if (!s)
        return BOT_DB;
    return sql_row(s, read_link, out);
}

enum bot_rc store_link_request_add(struct store *st, int64_t link_id, const char *side, int64_t request_id,
                                   int64_t at)
{
    struct sql_stmt *s = q(st, Q_LINK_REQ_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, link_id);
    sql_bind_text(s, 2, side);
    sql_bind_int64(s, 3, request_id);
    sql_bind_int64(s, 4, at);
    return sql_done(s);
}

/* Hand the unfinished requests of link l on one side (which) from its member to mid; *n counts them. */
static enum bot_rc move_link_requests(struct store *st, int which, const struct store_link *l, int64_t mid,
                                      int *n)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, l->id);
    sql_bind_int64(s, 2, l->member_id);
    sql_bind_int64(s, 3, mid);
    return sql_count(s, n);
}

enum bot_rc store_link_undo(struct store *st, const struct store_link *l, const char *by, int64_t overdraft_minutes,
                            int64_t now, int64_t *member, int *moved)
{
    enum bot_rc rc;
    char acct[160];
    *member = 0;
    *moved = 0;
    /* "<platform>:<user_id>" is still the account of the member the identity first had */
    snprintf(acct, sizeof acct, "%s:%s#%lld", l->platform, l->user_id, (long long)l->id);
    int64_t mid;
    int n = 0;
    if ((rc = store_new_member(st, "", acct, overdraft_minutes, now, &mid)) != BOT_OK)
        return rc;
    if ((rc = store_identity_move(st, l->platform, l->user_id, mid)) != BOT_OK)
        return rc;
    if ((rc = move_link_requests(st, Q_LINK_MOVE_REQUESTER, l, mid, &n)) != BOT_OK ||
        (rc = move_link_requests(st, Q_LINK_MOVE_VOLUNTEER, l, mid, &n)) != BOT_OK)
        return rc;
    struct sql_stmt *s = q(st, Q_LINK_UNDO);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, l->id);
    sql_bind_int64(s, 2, now);
    sql_bind_text(s, 3, by);
    sql_bind_int64(s, 4, mid);
    if ((rc = sql_done(s)) != BOT_OK)
        return rc;
    *member = mid;
    *moved = n;
    return BOT_OK;
}
