/* skills.c — what members offer to do (member_skills), staff's certificates (member_certs), and who a request is pushed to first. */
#include "store_int.h"

#define SKILLS_SQL(X)                                                                              \
    X(Q_SKILL_ADD, "INSERT OR IGNORE INTO member_skills(member_id, service, at) VALUES (?1, ?2, ?3)") \
    X(Q_SKILL_HAS, "SELECT count(*) FROM member_skills WHERE member_id = ?1 AND service = ?2")       \
    X(Q_CERT_SET,                                                                                  \
      "INSERT INTO member_certs(member_id, service, expires_at, recorded_by, at) VALUES (?1,?2,?3,?4,?5) " \
      "ON CONFLICT(member_id, service) DO UPDATE SET expires_at = ?3, recorded_by = ?4, at = ?5")   \
    X(Q_CERT_GET, "SELECT coalesce(max(expires_at), 0) FROM member_certs WHERE member_id = ?1 AND service = ?2") \
    X(Q_CERT_LIST, "SELECT service, expires_at FROM member_certs WHERE member_id = ?1 ORDER BY service LIMIT ?2") \
    /* the skilled members of a building who may accept now: the higher level first (lifetime earned past  \
     * ?6, ?7 minutes), then the better rated, then the fewer orders accepted since ?4 */               \
    X(Q_MATCH,                                                                                     \
      "SELECT m.id FROM member_skills k JOIN members m ON m.id = k.member_id "                     \
      "JOIN accounts a ON a.id = m.account_id "                                                    \
      "WHERE k.service = ?1 AND m.building = ?2 AND m.id != ?3 AND m.suspended = 0 "               \
      "AND m.accept_banned_until <= ?5 "                                                           \
      "ORDER BY (a.earned >= ?6) + (a.earned >= ?7) DESC, "                                        \
      "coalesce((SELECT avg(stars) FROM ratings WHERE ratee_id = m.id), 0) DESC, "                 \
      "(SELECT count(*) FROM requests r WHERE r.volunteer_id = m.id AND r.accepted_at >= ?4) ASC, m.id " \
      "LIMIT ?8")

STORE_STATEMENTS(STORE_PART_SKILLS, SKILLS_SQL)

static sqlite3_stmt *member_service(struct store *st, int which, int64_t member, const char *service)
{
    sqlite3_stmt *s = q(st, which);
    if (s) {
        sqlite3_bind_int64(s, 1, member);
        sqlite3_bind_text(s, 2, service, -1, SQLITE_STATIC);
    }
    return s;
}

enum bot_rc store_skill_add(struct store *st, int64_t member, const char *service, int64_t now)
{
    sqlite3_stmt *s = member_service(st, Q_SKILL_ADD, member, service);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 3, now);
    return step_done(st, s);
}

enum bot_rc store_skill_has(struct store *st, int64_t member, const char *service, int *has)
{
    int64_t n = 0;
    sqlite3_stmt *s = member_service(st, Q_SKILL_HAS, member, service);
    enum bot_rc rc = s ? store_int64(s, &n) : BOT_DB;
    *has = n > 0;
    return rc;
}

enum bot_rc store_cert_set(struct store *st, int64_t member, const char *service, int64_t expires_at, int64_t by,
                           int64_t now)
{
    sqlite3_stmt *s = member_service(st, Q_CERT_SET, member, service);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 3, expires_at);
    sqlite3_bind_int64(s, 4, by);
    sqlite3_bind_int64(s, 5, now);
    return step_done(st, s);
}

enum bot_rc store_cert_expires(struct store *st, int64_t member, const char *service, int64_t *expires_at)
{
    sqlite3_stmt *s = member_service(st, Q_CERT_GET, member, service);
    return s ? store_int64(s, expires_at) : BOT_DB;
}

static enum bot_rc read_cert(sqlite3_stmt *s, void *out)
{
    struct store_cert *c = out;
    const char *service = (const char *)sqlite3_column_text(s, 0);
    snprintf(c->service, sizeof c->service, "%s", service ? service : "");
    c->expires_at = sqlite3_column_int64(s, 1);
    return BOT_OK;
}

enum bot_rc store_certs_of(struct store *st, int64_t member, struct store_cert *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_CERT_LIST);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member);
    sqlite3_bind_int(s, 2, max);
    return store_rows(s, read_cert, out, sizeof *out, max, n);
}

enum bot_rc store_match_volunteers(struct store *st, const struct store_match_query *mq, int64_t *ids, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_MATCH);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, mq->service, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, mq->building, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, mq->exclude);
    sqlite3_bind_int64(s, 4, mq->load_since);
    sqlite3_bind_int64(s, 5, mq->now);
    sqlite3_bind_int64(s, 6, mq->level2_minutes);
    sqlite3_bind_int64(s, 7, mq->level3_minutes);
    sqlite3_bind_int(s, 8, max);
    return collect_ids(s, ids, max, n);
}
