/* members.c — members and their identities: create, read, the fields staff and jobs set, identity notices. */
#include "store_int.h"

#define MEMBER_COLS                                                                           \
    "m.id, m.account_id, m.name, m.building, m.birthday, m.registered, m.roles, m.created_at, " \
    "m.phone, m.subsidised, m.suspended, m.frozen_until, coalesce(m.referrer_id, 0), "        \
    "m.referral_paid, m.birthday_year, m.manager_building, "                                \
    "m.birthday_public, m.accept_banned_until, coalesce(m.created_by, 0), m.unit, m.script"

/* identity i came to its member by a link not undone */
#define IDENT_LINKED                                                                          \
    "EXISTS (SELECT 1 FROM identity_links l WHERE l.platform = i.platform AND l.user_id = i.user_id " \
    "AND l.member_id = i.member_id AND l.undone_at IS NULL)"

/* A member by one of her identities, with whether that identity's own notice waits, and the columns `more` adds */
#define MEMBER_BY_IDENT(more)                                                                     \
    "SELECT " MEMBER_COLS ", CASE WHEN EXISTS (SELECT 1 FROM notices n WHERE n.platform = i.platform AND n.user_id = i.user_id " \
    "AND n.delivered_at IS NULL) THEN 1 ELSE 0 END" more " FROM identities i JOIN members m ON m.id = i.member_id " \
    "WHERE i.platform = ?1 AND i.user_id = ?2"

#define MEMBER_SQL(X)                                                                         \
    X(Q_MEMBER_BY_IDENT, MEMBER_BY_IDENT(""))                                                 \
    /* the sender, with the count of the notices waiting for her at ?3 (the same condition as every read of them) */ \
    X(Q_MEMBER_BY_IDENT_AT,                                                                   \
      MEMBER_BY_IDENT(", (SELECT count(*) FROM notices n WHERE n.member_id = m.id AND " STORE_NOTICE_WAITING("n", "?3") ")")) \
    X(Q_MEMBER_GET,                                                                           \
      "SELECT " MEMBER_COLS " FROM members m WHERE m.id = ?1")                               \
    X(Q_MEMBER_BY_NAME,                                                                       \
      "SELECT " MEMBER_COLS " FROM members m WHERE m.registered = 1 AND m.name = ?1 "               \
      "AND (CAST(?2 AS TEXT) = '' OR m.building = CAST(?2 AS TEXT)) ORDER BY m.id")              \
    X(Q_MEMBER_BORN_ON,                                                                       \
      "SELECT " MEMBER_COLS " FROM members m WHERE m.registered = 1 AND m.birthday != '' "      \
      "AND substr(m.birthday, 6) = ?1")                                                         \
    X(Q_MEMBER_SET_ROLES_BUILDING, "UPDATE members SET roles = ?2, manager_building = ?3 WHERE id = ?1") \
    X(Q_MEMBER_SET_PHONE, "UPDATE members SET phone = ?2 WHERE id = ?1")                      \
    X(Q_MEMBER_SET_UNIT, "UPDATE members SET unit = ?2 WHERE id = ?1")                        \
    X(Q_MEMBER_SET_ROLES, "UPDATE members SET roles = ?2 WHERE id = ?1")                      \
    X(Q_MEMBER_SET_SUBSIDISED, "UPDATE members SET subsidised = ?2 WHERE id = ?1")            \
    X(Q_MEMBER_SET_SUSPENDED, "UPDATE members SET suspended = ?2 WHERE id = ?1")              \
    X(Q_MEMBER_SET_FROZEN, "UPDATE members SET frozen_until = ?2 WHERE id = ?1")              \
    X(Q_MEMBER_SET_REFERRER, "UPDATE members SET referrer_id = ?2 WHERE id = ?1")            \
    X(Q_MEMBER_SET_REFERRAL_PAID, "UPDATE members SET referral_paid = ?2 WHERE id = ?1")      \
    X(Q_MEMBER_SET_BIRTHDAY_YEAR, "UPDATE members SET birthday_year = ?2 WHERE id = ?1")      \
    X(Q_MEMBER_SET_BIRTHDAY_PUBLIC, "UPDATE members SET birthday_public = ?2 WHERE id = ?1")  \
    X(Q_MEMBER_SET_ACCEPT_BANNED, "UPDATE members SET accept_banned_until = ?2 WHERE id = ?1") \
    X(Q_MEMBER_SET_SCRIPT, "UPDATE members SET script = ?2 WHERE id = ?1") \
    X(Q_MEMBER_INSERT, "INSERT INTO members(name, created_at) VALUES (?1, ?2) RETURNING id")              \
    X(Q_IDENT_INSERT, "INSERT INTO identities(platform, user_id, member_id) VALUES (?1,?2,?3)") \
    X(Q_ACCOUNT_INSERT,                                                                       \
      "INSERT INTO accounts(name, kind, member_id, min_balance) VALUES (?1, 'member', ?2, ?3) RETURNING id") \
    X(Q_MEMBER_SET_ACCOUNT, "UPDATE members SET account_id = ?2 WHERE id = ?1")               \
    X(Q_MEMBER_REGISTER,                                                                      \
      "UPDATE members SET name = ?2, building = ?3, birthday = ?4, registered = 1, "                 \
      "birthday_set_at = CASE WHEN birthday != ?4 THEN ?5 ELSE birthday_set_at END WHERE id = ?1") \
    X(Q_MEMBER_SKILLS_MOVE, "UPDATE member_skills SET building = ?2 WHERE member_id = ?1 AND building != ?2") \
    X(Q_MEMBER_SET_NAME, "UPDATE members SET name = ?2 WHERE id = ?1")                        \
    X(Q_MEMBER_SET_CREATED_BY, "UPDATE members SET created_by = ?2 WHERE id = ?1")            \
    X(Q_MEMBER_IDENT_COUNT, "SELECT count(*) FROM identities WHERE member_id = ?1")           \
    /* her own identity before one linked to her account (a newly linked one may not accept for a day), with the
     * script she writes in (a push goes out in it: one read for both) */                                        \
    X(Q_IDENT_OF_MEMBER,                                                                      \
      "SELECT i.platform, i.user_id, m.script FROM identities i JOIN members m ON m.id = i.member_id "            \
      "WHERE i.member_id = ?1 ORDER BY " IDENT_LINKED ", i.platform, i.user_id LIMIT 1")                        \
    X(Q_IDENTS_ORIGINAL,                                                                      \
      "SELECT i.platform, i.user_id FROM identities i WHERE i.member_id = ?1 AND NOT " IDENT_LINKED " "        \
      "ORDER BY i.platform, i.user_id")                                                        \
    X(Q_IDENTS_OF_MEMBER,                                                                     \
      "SELECT platform, user_id FROM identities WHERE member_id = ?1 ORDER BY platform, user_id") \
    X(Q_IDENT_MOVE, "UPDATE identities SET member_id = ?3 WHERE platform = ?1 AND user_id = ?2") \
    X(Q_IDENT_SEEN, "UPDATE identities SET seen_at = ?3 WHERE platform = ?1 AND user_id = ?2 AND seen_at <= ?4") \
    X(Q_IDENT_SEEN_AT, "SELECT coalesce(max(seen_at), 0) FROM identities WHERE platform = ?1 AND user_id = ?2") \
    X(Q_MEMBER_ACTIVITY,                                                                      \
      "SELECT (SELECT count(*) FROM journal WHERE account_id = ?2) + "                        \
      "(SELECT count(*) FROM requests WHERE requester_id = ?1 OR volunteer_id = ?1)")         \
    X(Q_MANAGERS_OF, "SELECT id FROM members WHERE (roles & 2) != 0 AND manager_building = ?1 ORDER BY id") \
    X(Q_MEMBERS_WITH_ROLE, "SELECT id FROM members WHERE (roles & ?1) != 0 ORDER BY id")

STORE_SQL_STATEMENTS(STORE_PART_MEMBERS, MEMBER_SQL)

static enum bot_rc read_member(struct sql_stmt *s, void *out)
{
    struct store_member *m = out;
    memset(m, 0, sizeof *m);
    m->id = sql_column_int64(s, 0);
    m->account_id = sql_column_int64(s, 1);
    col_text(s, 2, m->name, sizeof m->name);
    col_text(s, 3, m->building, sizeof m->building);
    col_text(s, 4, m->birthday, sizeof m->birthday);
    m->registered = sql_column_int64(s, 5);
    m->roles = sql_column_int64(s, 6);
    m->created_at = sql_column_int64(s, 7);
    col_text(s, 8, m->phone, sizeof m->phone);
    m->subsidised = sql_column_int64(s, 9);
    m->suspended = sql_column_int64(s, 10);
    m->frozen_until = sql_column_int64(s, 11);
    m->referrer_id = sql_column_int64(s, 12);
    m->referral_paid = sql_column_int64(s, 13);
    m->birthday_year = sql_column_int64(s, 14);
    col_text(s, 15, m->manager_building, sizeof m->manager_building);
    m->birthday_public = sql_column_int64(s, 16);
    m->accept_banned_until = sql_column_int64(s, 17);
    m->created_by = sql_column_int64(s, 18);
    col_text(s, 19, m->unit, sizeof m->unit);
    m->traditional = sql_column_int64(s, 20) == 1;
    if (sql_column_count(s) > 21) /* by identity: that identity's own notice waits */
        m->ident_notice = sql_column_int64(s, 21);
    if (sql_column_count(s) > 22) /* by identity at a time: the member's notices waiting then */
        m->notices = (int)sql_column_int64(s, 22);
    return BOT_OK;
}

/* A (platform, user_id) row. */
static enum bot_rc read_identity(struct sql_stmt *s, void *out)
{
    struct store_identity *id = out;
    col_text(s, 0, id->platform, sizeof id->platform);
    col_text(s, 1, id->user_id, sizeof id->user_id);
    return BOT_OK;
}

enum bot_rc store_member_by_identity(struct store *st, const char *platform, const char *user_id,
                                     struct store_member *out)
{
    struct sql_stmt *s = q(st, Q_MEMBER_BY_IDENT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    return sql_row(s, read_member, out);
}

/* The notices waiting are counted with the condition every read of them uses (STORE_NOTICE_WAITING, as
 * store_notices_waiting counts them when one reply could not hold them all), so "she has some" never means none is
 * shown; in the same statement as the member, one step on every message's path. */
enum bot_rc store_member_by_identity_at(struct store *st, const char *platform, const char *user_id, int64_t now,
                                        struct store_member *out)
{
    struct sql_stmt *s = q(st, Q_MEMBER_BY_IDENT_AT);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    sql_bind_int64(s, 3, now);
    return sql_row(s, read_member, out);
}

enum bot_rc store_member_get(struct store *st, int64_t id, struct store_member *out)
{
    struct sql_stmt *s = q(st, Q_MEMBER_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_member, out);
}

/* A member with an empty account named acct; *mid is its id (store_int.h). */
enum bot_rc store_new_member(struct store *st, const char *name, const char *acct, int64_t overdraft_minutes,
                             int64_t now, int64_t *mid)
{
    struct sql_stmt *s;
    enum bot_rc rc;
    *mid = 0;
    if (!st->in_txn)
        return BOT_ERR;
    if (!(s = q(st, Q_MEMBER_INSERT)))
        return BOT_DB;
    sql_bind_text(s, 1, name ? name : "");
    sql_bind_int64(s, 2, now);
    int64_t id = 0;
    if ((rc = sql_int64(s, &id)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_ACCOUNT_INSERT)))
        return BOT_DB;
    sql_bind_text(s, 1, acct);
    sql_bind_int64(s, 2, id);
    sql_bind_int64(s, 3, -overdraft_minutes);
    int64_t aid = 0;
    if ((rc = sql_int64(s, &aid)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_MEMBER_SET_ACCOUNT)))
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, aid);
    if ((rc = sql_done(s)) != BOT_OK)
        return rc;
    *mid = id;
    return BOT_OK;
}

enum bot_rc store_member_create(struct store *st, const char *platform, const char *user_id,
                                const char *name, int64_t overdraft_minutes, int64_t now,
                                struct store_member *out)
{
    struct sql_stmt *s;
    enum bot_rc rc;
    int64_t mid;
    char acct[160];
    snprintf(acct, sizeof acct, "%s:%s", platform, user_id);
    if ((rc = store_new_member(st, name, acct, overdraft_minutes, now, &mid)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_IDENT_INSERT)))
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    sql_bind_int64(s, 3, mid);
    if ((rc = sql_done(s)) != BOT_OK)
        return rc;
    return store_member_get(st, mid, out);
}

enum bot_rc store_member_register(struct store *st, int64_t id, const char *name,
                                  const char *building, const char *birthday, int64_t now)
{
    struct sql_stmt *s = q(st, Q_MEMBER_REGISTER);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_text(s, 2, name ? name : "");
    sql_bind_text(s, 3, building ? building : "");
    sql_bind_text(s, 4, birthday ? birthday : "");
    sql_bind_int64(s, 5, now);
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK)
        return rc;
    /* her skills move with her (the volunteer match finds them by building) */
    if (!(s = q(st, Q_MEMBER_SKILLS_MOVE)))
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_text(s, 2, building ? building : "");
    return sql_done(s);
}

enum bot_rc store_member_create_elder(struct store *st, const char *name, int64_t created_by,
                                      int64_t overdraft_minutes, int64_t now, int64_t *id)
{
    char acct[160];
    enum bot_rc rc;
    struct sql_stmt *s;
    /* no identity to name the account after: who registered her, when, and her name */
    snprintf(acct, sizeof acct, "elder:%lld:%lld:%s", (long long)created_by, (long long)now, name);
    if ((rc = store_new_member(st, name, acct, overdraft_minutes, now, id)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_MEMBER_SET_CREATED_BY)))
        return BOT_DB;
    sql_bind_int64(s, 1, *id);
    sql_bind_int64(s, 2, created_by);
    return sql_done(s);
}

enum bot_rc store_member_identity_count(struct store *st, int64_t member, int *n)
{
    int64_t v = 0;
    *n = 0;
    struct sql_stmt *s = q(st, Q_MEMBER_IDENT_COUNT);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    enum bot_rc rc = sql_int64(s, &v);
    *n = (int)v;
    return rc;
}

/* A member's text field by statement which: (id, text, NULL as ""). */
static enum bot_rc set_text(struct store *st, int which, int64_t id, const char *text)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_text(s, 2, text ? text : "");
    return sql_done(s);
}

enum bot_rc store_member_set_name(struct store *st, int64_t id, const char *name)
{
    return set_text(st, Q_MEMBER_SET_NAME, id, name);
}

static enum bot_rc set_i64(struct store *st, int which, int64_t id, int64_t v)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    if (which == Q_MEMBER_SET_REFERRER)
        bind_i64_or_null(s, 2, v);
    else
        sql_bind_int64(s, 2, v);
    return sql_done(s);
}

enum bot_rc store_member_set_int(struct store *st, int64_t id, enum store_member_field f, int64_t v)
{
    static const int map[] = {
        [STORE_MF_ROLES] = Q_MEMBER_SET_ROLES, [STORE_MF_SUBSIDISED] = Q_MEMBER_SET_SUBSIDISED,
        [STORE_MF_SUSPENDED] = Q_MEMBER_SET_SUSPENDED, [STORE_MF_FROZEN_UNTIL] = Q_MEMBER_SET_FROZEN,
        [STORE_MF_REFERRER] = Q_MEMBER_SET_REFERRER, [STORE_MF_REFERRAL_PAID] = Q_MEMBER_SET_REFERRAL_PAID,
        [STORE_MF_BIRTHDAY_YEAR] = Q_MEMBER_SET_BIRTHDAY_YEAR, [STORE_MF_BIRTHDAY_PUBLIC] = Q_MEMBER_SET_BIRTHDAY_PUBLIC,
        [STORE_MF_ACCEPT_BANNED_UNTIL] = Q_MEMBER_SET_ACCEPT_BANNED, [STORE_MF_SCRIPT] = Q_MEMBER_SET_SCRIPT,
    };
    if ((unsigned)f >= BOT_ARRAY_LEN(map))
        return BOT_INVALID;
    return set_i64(st, map[f], id, v);
}

enum bot_rc store_member_set_manager(struct store *st, int64_t id, int roles, const char *building)
{
    struct sql_stmt *s = q(st, Q_MEMBER_SET_ROLES_BUILDING);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, roles);
    sql_bind_text(s, 3, building ? building : "");
    return sql_done(s);
}

enum bot_rc store_member_set_phone(struct store *st, int64_t id, const char *phone)
{
    return set_text(st, Q_MEMBER_SET_PHONE, id, phone);
}

enum bot_rc store_member_set_unit(struct store *st, int64_t id, const char *unit)
{
    return set_text(st, Q_MEMBER_SET_UNIT, id, unit);
}

enum bot_rc store_member_by_name(struct store *st, const char *name, struct store_member *out, int *count)
{
    return store_member_by_name_in(st, name, "", out, count);
}

enum bot_rc store_member_by_name_in(struct store *st, const char *name, const char *building,
                                    struct store_member *out, int *count)
{
    struct sql_stmt *s = q(st, Q_MEMBER_BY_NAME);
    *count = 0;
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, name);
    sql_bind_text(s, 2, building ? building : "");
    int rc;
    while ((rc = sql_step(s)) == SQL_ROW) {
        if (*count == 0)
            read_member(s, out);
        (*count)++;
    }
    sql_reset(s);
    if (rc != SQL_DONE)
        return BOT_DB;
    return *count ? BOT_OK : BOT_NOTFOUND;
}

enum bot_rc store_members_born_on(struct store *st, const char *mmdd,
                                  void (*fn)(const struct store_member *, void *), void *arg)
{
    struct sql_stmt *s = q(st, Q_MEMBER_BORN_ON);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, mmdd);
    /* collect first: fn may write through the same connection */
    struct store_member *list = NULL;
    int n = 0, cap = 0, rc;
    while ((rc = sql_step(s)) == SQL_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            struct store_member *nl = realloc(list, (size_t)cap * sizeof *list);
            if (!nl) {
                free(list);
                sql_reset(s);
                return BOT_NOMEM;
            }
            list = nl;
        }
        read_member(s, &list[n++]);
    }
    sql_reset(s);
    for (int i = 0; rc == SQL_DONE && i < n; i++)
        fn(&list[i], arg);
    free(list);
    return rc == SQL_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_member_push_identity(struct store *st, int64_t member, char *platform, size_t psz, char *user,
                                       size_t usz, int *traditional)
{
    struct sql_stmt *s = q(st, Q_IDENT_OF_MEMBER);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        col_text(s, 0, platform, psz);
        col_text(s, 1, user, usz);
        *traditional = sql_column_int64(s, 2) == 1;
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : rc == SQL_DONE ? BOT_NOTFOUND : BOT_DB;
}

enum bot_rc store_member_identity(struct store *st, int64_t member, char *platform, size_t psz, char *user,
                                  size_t usz)
{
    int traditional;
    return store_member_push_identity(st, member, platform, psz, user, usz, &traditional);
}

enum bot_rc store_managers_of(struct store *st, const char *building, int64_t *ids, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_MANAGERS_OF);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, building);
    return sql_ids(s, ids, max, n);
}

enum bot_rc store_members_with_role(struct store *st, int role, int64_t *ids, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_MEMBERS_WITH_ROLE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, role);
    return sql_ids(s, ids, max, n);
}

enum bot_rc store_member_has_history(struct store *st, const struct store_member *m, int *has)
{
    struct sql_stmt *s = q(st, Q_MEMBER_ACTIVITY);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, m->id);
    sql_bind_int64(s, 2, m->account_id);
    int64_t count;
    enum bot_rc r = sql_int64(s, &count);
    *has = count > 0;
    return r;
}

enum bot_rc store_identity_move(struct store *st, const char *platform, const char *user_id, int64_t member)
{
    struct sql_stmt *s = q(st, Q_IDENT_MOVE);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    sql_bind_int64(s, 3, member);
    return sql_done(s);
}

enum bot_rc store_identity_seen(struct store *st, const char *platform, const char *user_id, int64_t now, int64_t every)
{
    struct sql_stmt *s = q(st, Q_IDENT_SEEN);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    sql_bind_int64(s, 3, now);
    sql_bind_int64(s, 4, now - every);
    return sql_done(s);
}

enum bot_rc store_identity_seen_at(struct store *st, const char *platform, const char *user_id, int64_t *at)
{
    struct sql_stmt *s = q(st, Q_IDENT_SEEN_AT);
    *at = 0;
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    return sql_int64(s, at);
}

enum bot_rc store_member_originals(struct store *st, int64_t member, struct store_identity *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_IDENTS_ORIGINAL);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    return sql_rows(s, read_identity, out, sizeof *out, max, n);
}

enum bot_rc store_member_identities(struct store *st, int64_t member, struct store_identity *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_IDENTS_OF_MEMBER);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member);
    return sql_rows(s, read_identity, out, sizeof *out, max, n);
}

