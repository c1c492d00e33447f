/* branches.c — branches (分会, issue 18) above buildings in one ledger: their rows, which building is in which, a member's home branch, a request open to a volunteer, each branch's fund account, a staff member's branch scope. */
#include "store_int.h"

/* a building's branch: its row in building_branches, else branch 1 (the default: a fresh store is one branch) */
#define BRANCH_OF(building) "coalesce((SELECT branch_id FROM building_branches WHERE building = " building "), 1)"

#define BRANCH_SQL(X)                                                                         \
    X(Q_BR_NEXT_ID, "SELECT coalesce(max(id), 0) + 1 FROM branches")                          \
    X(Q_BR_FUND_ACCOUNT, "INSERT INTO accounts(name, kind) VALUES (?1, 'fund') RETURNING id")              \
    X(Q_BR_INSERT, "INSERT INTO branches(id, name, fund_account, created_at) VALUES (?1, ?2, ?3, ?4)") \
    X(Q_BR_BY_NAME, "SELECT id, name, allow_cross, fund_account FROM branches WHERE name = ?1") \
    X(Q_BR_GET, "SELECT id, name, allow_cross, fund_account FROM branches WHERE id = ?1")    \
    X(Q_BR_SET_CROSS, "UPDATE branches SET allow_cross = ?2 WHERE id = ?1")                  \
    X(Q_BR_SET_BUILDING,                                                                      \
      "INSERT INTO building_branches(building, branch_id) VALUES (?1, ?2) "                  \
      "ON CONFLICT(building) DO UPDATE SET branch_id = excluded.branch_id")                   \
    X(Q_BR_OF_BUILDING, "SELECT " BRANCH_OF("?1"))                                            \
    X(Q_BR_OF_MEMBER,                                                                         \
      "SELECT coalesce((SELECT " BRANCH_OF("m.building") " FROM members m WHERE m.id = ?1), 1)") \
    X(Q_BR_OF_REQUEST,                                                                        \
      "SELECT coalesce((SELECT " BRANCH_OF("r.building") " FROM requests r WHERE r.id = ?1), 1)") \
    /* a request is open to a member of its branch, or to anyone when its branch allows cross-branch help */ \
    X(Q_BR_OPEN_TO,                                                                           \
      "SELECT CASE WHEN " BRANCH_OF("r.building") " = coalesce((SELECT " BRANCH_OF("m.building") \
      " FROM members m WHERE m.id = ?2), 1) OR EXISTS (SELECT 1 FROM branches b WHERE b.id = " \
      BRANCH_OF("r.building") " AND b.allow_cross = 1) THEN 1 ELSE 0 END FROM requests r WHERE r.id = ?1") \
    /* each branch, its registered members and the hours credited for orders posted in it */ \
    X(Q_BR_LIST,                                                                              \
      "SELECT b.id, b.name, b.allow_cross, b.fund_account, "                                  \
      "(SELECT count(*) FROM members m WHERE m.registered = 1 AND " BRANCH_OF("m.building") " = b.id), " \
      "(SELECT coalesce(sum(r.credited_minutes), 0) FROM requests r WHERE r.status = 'confirmed' AND " \
      BRANCH_OF("r.building") " = b.id) FROM branches b ORDER BY b.id LIMIT ?1")             \
    X(Q_BR_BUILDINGS,                                                                         \
      "SELECT building FROM building_branches WHERE branch_id = ?1 ORDER BY building LIMIT ?2") \
    X(Q_BR_SCOPE_SET, "UPDATE members SET branch_scope = ?2 WHERE id = ?1")                  \
    X(Q_BR_SCOPE_GET, "SELECT coalesce((SELECT branch_scope FROM members WHERE id = ?1), 0)")

STORE_SQL_STATEMENTS(STORE_PART_BRANCHES, BRANCH_SQL)

static enum bot_rc read_branch(struct sql_stmt *s, void *out)
{
    struct store_branch *b = out;
    memset(b, 0, sizeof *b);
    b->id = sql_column_int64(s, 0);
    col_text(s, 1, b->name, sizeof b->name);
    b->allow_cross = sql_column_int64(s, 2);
    b->fund_account = sql_column_int64(s, 3);
    if (sql_column_count(s) > 5) {
        b->members = sql_column_int64(s, 4);
        b->minutes = sql_column_int64(s, 5);
    }
    return BOT_OK;
}

enum bot_rc store_branch_add(struct store *st, const char *name, int64_t now, int64_t *id)
{
    struct store_branch b;
    int64_t next = 0, fund = 0;
    enum bot_rc rc = store_branch_by_name(st, name, &b);
    if (rc == BOT_OK)
        return BOT_DUP;
    if (rc != BOT_NOTFOUND)
        return rc;
    struct sql_stmt *s = q(st, Q_BR_NEXT_ID);
    if (!s || (rc = sql_int64(s, &next)) != BOT_OK)
        return s ? rc : BOT_DB;
    char acct[40];
    snprintf(acct, sizeof acct, "fund:%lld", (long long)next);
    if (!(s = q(st, Q_BR_FUND_ACCOUNT)))
        return BOT_DB;
    sql_bind_text(s, 1, acct);
    if ((rc = sql_int64(s, &fund)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_BR_INSERT)))
        return BOT_DB;
    sql_bind_int64(s, 1, next);
    sql_bind_text(s, 2, name);
    sql_bind_int64(s, 3, fund);
    sql_bind_int64(s, 4, now);
    if ((rc = sql_done(s)) == BOT_OK)
        *id = next;
    return rc;
}

enum bot_rc store_branch_by_name(struct store *st, const char *name, struct store_branch *out)
{
    struct sql_stmt *s = q(st, Q_BR_BY_NAME);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, name);
    return sql_row(s, read_branch, out);
}

enum bot_rc store_branch_get(struct store *st, int64_t id, struct store_branch *out)
{
    struct sql_stmt *s = q(st, Q_BR_GET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    return sql_row(s, read_branch, out);
}

enum bot_rc store_branch_set_cross(struct store *st, int64_t id, int on)
{
    struct sql_stmt *s = q(st, Q_BR_SET_CROSS);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, on != 0);
    return sql_changed(s) == BOT_DUP ? BOT_NOTFOUND : BOT_OK;
}

enum bot_rc store_building_set_branch(struct store *st, const char *building, int64_t branch_id)
{
    struct sql_stmt *s = q(st, Q_BR_SET_BUILDING);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, building);
    sql_bind_int64(s, 2, branch_id);
    return sql_done(s);
}

static enum bot_rc one_id(struct store *st, int which, int64_t id, const char *text, int64_t *out)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    if (text)
        sql_bind_text(s, 1, text);
    else
        sql_bind_int64(s, 1, id);
    return sql_int64(s, out);
}

enum bot_rc store_building_branch(struct store *st, const char *building, int64_t *branch_id)
{
    return one_id(st, Q_BR_OF_BUILDING, 0, building ? building : "", branch_id);
}

enum bot_rc store_member_branch(struct store *st, int64_t member_id, int64_t *branch_id)
{
    return one_id(st, Q_BR_OF_MEMBER, member_id, NULL, branch_id);
}

enum bot_rc store_request_branch(struct store *st, int64_t request_id, int64_t *branch_id)
{
    return one_id(st, Q_BR_OF_REQUEST, request_id, NULL, branch_id);
}

enum bot_rc store_request_open_to(struct store *st, int64_t request_id, int64_t member_id, int *open)
{
    int64_t v = 0;
    *open = 0;
    struct sql_stmt *s = q(st, Q_BR_OPEN_TO);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request_id);
    sql_bind_int64(s, 2, member_id);
    enum bot_rc rc = sql_row(s, store_read_id, &v);
    if (rc == BOT_OK)
        *open = v != 0;
    return rc;
}

enum bot_rc store_branch_list(struct store *st, struct store_branch *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_BR_LIST);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, max);
    return sql_rows(s, read_branch, out, sizeof *out, max, n);
}

static enum bot_rc read_building(struct sql_stmt *s, void *out)
{
    col_text(s, 0, out, STORE_BUILDING_MAX);
    return BOT_OK;
}

enum bot_rc store_branch_buildings(struct store *st, int64_t branch_id, char (*out)[STORE_BUILDING_MAX], int max,
                                   int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_BR_BUILDINGS);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, branch_id);
    sql_bind_int64(s, 2, max);
    return sql_rows(s, read_building, out, STORE_BUILDING_MAX, max, n);
}

enum bot_rc store_member_set_branch_scope(struct store *st, int64_t member_id, int64_t branch_id)
{
    struct sql_stmt *s = q(st, Q_BR_SCOPE_SET);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, member_id);
    sql_bind_int64(s, 2, branch_id);
    return sql_changed(s) == BOT_DUP ? BOT_NOTFOUND : BOT_OK;
}

void store_scope_of_branch(int64_t branch_id, char out[STORE_BUILDING_MAX])
{
    snprintf(out, STORE_BUILDING_MAX, STORE_SCOPE_BRANCH "%lld", (long long)branch_id);
}

int64_t store_scope_branch(const char *scope)
{
    int64_t id = 0;
    size_t n = strlen(STORE_SCOPE_BRANCH);
    if (!scope || strncmp(scope, STORE_SCOPE_BRANCH, n) != 0 || bot_parse_i64(scope + n, &id) != BOT_OK || id <= 0)
        return 0;
    return id;
}

enum bot_rc store_member_branch_scope(struct store *st, int64_t member_id, int64_t *branch_id)
{
    return one_id(st, Q_BR_SCOPE_GET, member_id, NULL, branch_id);
}
