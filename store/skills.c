/* skills.c — what members offer to do (member_skills), staff's certificates (member_certs), and who a request is pushed to first. */
#include "store_int.h"

/* Ported to the statement layer (sql.h): one text for sqlite and PostgreSQL. */
#define SKILLS_SQL(X)                                                                              \
    /* under its member's building, with her lifetime earned and the ratings she got as a volunteer (the match's   \
     * index); an unknown member fails on the foreign key */                                                      \
    X(Q_SKILL_ADD, "INSERT INTO member_skills(member_id, service, at, building, earned, stars_sum, stars_n, "     \
      "last_accept) "                                                                                             \
      "VALUES (?1, ?2, ?3, coalesce((SELECT building FROM members WHERE id = ?1), ''), " MEMBER_EARNED("?1") ", " \
      VOLUNTEER_STARS("coalesce(sum(r.stars), 0)", "?1") ", " VOLUNTEER_STARS("count(*)", "?1") ", "             \
      MEMBER_LAST_ACCEPT("?1") ") ON CONFLICT DO NOTHING")                                                        \
    X(Q_SKILL_HAS, "SELECT count(*) FROM member_skills WHERE member_id = ?1 AND service = ?2")       \
    /* ?1's offers made ?2's (关联: the identity that made them speaks as ?2 now), under ?2's building, earned, ratings \
     * and latest accept, as Q_SKILL_ADD; one ?2 already made stays as it is */                                   \
    X(Q_SKILL_MOVE_ADD, "INSERT INTO member_skills(member_id, service, at, building, earned, stars_sum, stars_n, " \
      "last_accept) SELECT ?2, k.service, k.at, coalesce((SELECT building FROM members WHERE id = ?2), ''), "      \
      MEMBER_EARNED("?2") ", " VOLUNTEER_STARS("coalesce(sum(r.stars), 0)", "?2") ", "                          \
      VOLUNTEER_STARS("count(*)", "?2") ", " MEMBER_LAST_ACCEPT("?2") " FROM member_skills k "                   \
      "WHERE k.member_id = ?1 ON CONFLICT DO NOTHING")                                                             \
    X(Q_SKILL_MOVE_DEL, "DELETE FROM member_skills WHERE member_id = ?1")                           \
    X(Q_SKILL_REMOVE, "DELETE FROM member_skills WHERE member_id = ?1 AND service = ?2")             \
    X(Q_CERT_SET,                                                                                  \
      "INSERT INTO member_certs(member_id, service, expires_at, recorded_by, at) VALUES (?1,?2,?3,?4,?5) " \
      "ON CONFLICT(member_id, service) DO UPDATE SET expires_at = ?3, recorded_by = ?4, at = ?5")   \
    X(Q_CERT_GET, "SELECT coalesce(max(expires_at), 0) FROM member_certs WHERE member_id = ?1 AND service = ?2") \
    X(Q_CERT_LIST, "SELECT service, expires_at FROM member_certs WHERE member_id = ?1 ORDER BY service LIMIT ?2") \
    /* the offers of ?1 in building ?2 but the requester's (?3): the higher level first (lifetime earned past ?5,  \
     * ?6 minutes), then the better rated, then the fewer orders accepted since ?4, then the older member; ?7 of    \
     * them. Level and ratings are on the offer's own index (v32), the load on requests_volunteer, read only for a \
     * member whose latest accept (the offer's bound, v34) is that recent: no member, account or order row is    \
     * read. The caller checks suspension and bans on the members it takes. */                                    \
    X(Q_MATCH,                                                                                     \
      "SELECT k.member_id FROM member_skills k INDEXED BY member_skills_match "                    \
      "WHERE k.service = ?1 AND k.building = ?2 AND k.member_id != ?3 "                             \
      "ORDER BY CASE WHEN k.earned >= ?5 THEN 1 ELSE 0 END + CASE WHEN k.earned >= ?6 THEN 1 ELSE 0 END DESC, " \
      "CASE WHEN k.stars_n > 0 THEN CAST(k.stars_sum AS DOUBLE PRECISION) / k.stars_n ELSE 0 END DESC, " \
      "CASE WHEN k.last_accept >= ?4 THEN "                                                        \
      "(SELECT count(*) FROM requests r WHERE r.volunteer_id = k.member_id AND r.accepted_at >= ?4) ELSE 0 END ASC, " \
      "k.member_id LIMIT ?7")

STORE_SQL_STATEMENTS(STORE_PART_SKILLS, SKILLS_SQL)

static struct sql_stmt *member_service(struct store *st, int which, int64_t member, const char *service)
{
    struct sql_stmt *s = q(st, which);
    if (s) {
        sql_bind_int64(s, 1, member);
        sql_bind_text(s, 2, service);
    }
    return s;
}

enum bot_rc store_skill_add(struct store *st, int64_t member, const char *service, int64_t now)
{
    struct sql_stmt *s = member_service(st, Q_SKILL_ADD, member, service);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 3, now);
    return sql_done(s);
}

enum bot_rc store_skill_remove(struct store *st, int64_t member, const char *service)
{
    struct sql_stmt *s = member_service(st, Q_SKILL_REMOVE, member, service);
    if (!s)
        return BOT_DB;
    enum bot_rc rc = sql_changed(s);
    return rc == BOT_DUP ? BOT_NOTFOUND : rc;
}

enum bot_rc store_skills_move(struct store *st, int64_t from, int64_t to, int *moved)
{
    *moved = 0;
    struct sql_stmt *s = q(st, Q_SKILL_MOVE_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, from);
    sql_bind_int64(s, 2, to);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK || !(s = q(st, Q_SKILL_MOVE_DEL)))
        return rc != BOT_OK ? rc : BOT_DB;
    sql_bind_int64(s, 1, from);
    return sql_count(s, moved);
}

enum bot_rc store_skill_has(struct store *st, int64_t member, const char *service, int *has)
{
    int64_t n = 0;
    struct sql_stmt *s = member_service(st, Q_SKILL_HAS, member, service);
    enum bot_rc rc = s ? sql_int64(s, &n) : BOT_DB;
    *has = n > 0;
    return rc;
}

enum bot_rc store_cert_set(struct store *st, int64_t member, const char *service, int64_t expires_at, int64_t by,
                           int64_t now)
{
    struct sql_stmt *s = member_service(st, Q_CERT_SET, member, service);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 3, expires_at);
    sql_bind_int64(s, 4, by);
    sql_bind_int64(s, 5, now);
    return sql_done(s);
}

enum bot_rc store_cert_expires(struct store *st, int64_t member, const char *service, int64_t *expires_at)
{
    struct sql_stmt *s = member_service(st, Q_CERT_GET, member, service);
    return s ? sql_int64(s, expires_at) : BOT_DB;
}

static enum bot_rc read_cert(struct sql_stmt *s, void *out)
{
    struct store_cert *c = out;
    const char *service = sql_column_text(s, 0);
    snprintf(c->service, sizeof c->service, "%s", service ? service : "");
    c->expires_at = sql_column_int64(s, 1);
    return BOT_OK;
}

enum bot_rc store_certs_of(struct store *st, int64_t member, struct store_cert *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_CERT_LIST);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_cert, out, sizeof *out, max, n);
}

enum bot_rc store_match_volunteers(struct store *st, const struct store_match_query *mq, int64_t *ids, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_MATCH);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, mq->service);
    sql_bind_text(s, 2, mq->building);
    sql_bind_int64(s, 3, mq->exclude);
    sql_bind_int64(s, 4, mq->load_since);
    sql_bind_int64(s, 5, mq->level2_minutes);
    sql_bind_int64(s, 6, mq->level3_minutes);
    sql_bind_int64(s, 7, max);
    return sql_ids(s, ids, max, n);
}
