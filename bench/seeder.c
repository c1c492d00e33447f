/* seeder.c — fill a bench store with members and lots through SQL of its own (bench tools only, never the bot). */
#include "seeder.h"

#include <sqlite3.h>

enum bot_rc bench_seed(const char *path, int members, int lots_per_member, int64_t earned_at, int64_t expires_at)
{
    char sql[2048];
    enum bot_rc rc = BOT_DB;
    char *msg = NULL;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        goto out;
    sqlite3_busy_timeout(db, 5000);
    /* members, identities and accounts bench:1..N; one activity txn each from the
     * fund; lots_per_member one-hour lots; every invariant of the audit holds (an activity reward is not earned by
     * service: earned 0) */
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
             "INSERT INTO members(name, building, registered, created_at) "
             "SELECT 'bench' || i, (i %% 20 + 1) || '号楼', 1, %lld FROM n;"
             "INSERT INTO accounts(name, kind, member_id, balance, earned, min_balance, next_expiry) "
             "SELECT 'bench:' || id, 'member', id, %d * 60, 0, -600, %lld FROM members WHERE name LIKE 'bench%%';"
             "UPDATE members SET account_id = (SELECT id FROM accounts WHERE member_id = members.id) "
             "WHERE name LIKE 'bench%%';"
             "INSERT INTO identities(platform, user_id, member_id) SELECT 'bench', id, id FROM members "
             "WHERE name LIKE 'bench%%';"
             "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) "
             "SELECT (SELECT coalesce(max(txn), 0) FROM journal) + a.id, a.id, %d * 60, 'activity', 'bench', %lld "
             "FROM accounts a WHERE a.name LIKE 'bench:%%';"
             "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) "
             "SELECT j.txn, (SELECT id FROM accounts WHERE name = 'fund'), -j.minutes, 'activity', 'bench', j.at "
             "FROM journal j JOIN accounts a ON a.id = j.account_id WHERE a.name LIKE 'bench:%%';"
             "UPDATE accounts SET balance = balance - %lld WHERE name = 'fund';"
             "WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < %d) "
             "INSERT INTO lots(account_id, minutes, remaining, earned_at, expires_at, txn) "
             "SELECT a.id, 60, 60, %lld, %lld, 0 FROM accounts a, k WHERE a.name LIKE 'bench:%%';",
             members, (long long)earned_at, lots_per_member, (long long)expires_at, lots_per_member,
             (long long)earned_at,
             (long long)members * lots_per_member * 60, lots_per_member, (long long)earned_at, (long long)expires_at);
    if (sqlite3_exec(db, "PRAGMA foreign_keys=ON; BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
        goto out;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        goto out;
    }
    /* start the measurement from a folded WAL */
    if (sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, &msg) != SQLITE_OK)
        goto out;
    rc = BOT_OK;
out:
    if (rc != BOT_OK)
        fprintf(stderr, "seed: %s: %s\n", path, msg ? msg : db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}

/* one int64 from a query (0 when none) */
static int64_t one_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    int64_t v = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* run the statement that the query's one row (bound to k) holds */
static int run_row(sqlite3 *db, const char *query, int64_t k, char **msg)
{
    sqlite3_stmt *s;
    char *sql = NULL;
    int rc = sqlite3_prepare_v2(db, query, -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, k);
        if (sqlite3_step(s) == SQLITE_ROW)
            sql = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    if (rc == SQLITE_OK && sql)
        rc = sqlite3_exec(db, sql, NULL, NULL, msg);
    sqlite3_free(sql);
    return rc;
}

enum bot_rc bench_seed_city(const char *path, int members, int64_t now)
{
    enum { SPAN = 3153600, GROUP = 100 }; /* a tenth of a year; members per activity */
    char *sql = NULL, *msg = NULL;
    enum bot_rc rc = BOT_DB;
    sqlite3 *db = NULL;
    if (members <= 1000 || sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        goto out;
    /* a bench store, thrown away on failure: no rollback journal while it is filled, a big cache, then WAL again */
    if (sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                         "PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF",
                     NULL, NULL, &msg) != SQLITE_OK)
        goto out;
    if (one_int(db, "SELECT count(*) FROM members") || one_int(db, "SELECT count(*) FROM journal")) {
        msg = sqlite3_mprintf("the city is seeded into a fresh store only");
        goto out;
    }
    int64_t abase = one_int(db, "SELECT max(id) FROM accounts"), fund = one_int(db, "SELECT id FROM accounts WHERE name = 'fund'");
    int64_t groups = (members + GROUP - 1) / GROUP, y0 = now - 365LL * 86400, day = 86400, ttl = 730LL * 86400;
    /* the secondary indexes of the filled tables, kept to be rebuilt after */
    if (sqlite3_exec(db, "BEGIN; CREATE TEMP TABLE city_idx AS SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                         "AND sql IS NOT NULL AND tbl_name IN ('members', 'accounts', 'identities', 'journal', 'lots', "
                         "'requests')", NULL, NULL, &msg) != SQLITE_OK)
        goto out;
    /* one at a time, no statement open across a DROP or CREATE (sqlite refuses them while a read is running) */
    for (int64_t n = one_int(db, "SELECT max(rowid) FROM temp.city_idx"), k = 1; k <= n; k++)
        if (run_row(db, "SELECT 'DROP INDEX \"' || name || '\"' FROM temp.city_idx WHERE rowid = ?1", k, &msg) != SQLITE_OK)
            goto out;
    /* lot k (1..10) of member i: k = 1 the opening grant, 2 and 3 services (requests (k-2)*N+i, the requesters
     * the members 337 and 674 further on), the rest activity rewards; an activity's txn is (k-1)*groups + its
     * group + 1, a service's 10*groups + its request; the group's (or request's) time in the k-th tenth of the
     * year. Rows go in transaction order, as the bot's own would lie in the file. */
    sql = sqlite3_mprintf(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
        "INSERT INTO members(id, name, building, birthday, registered, created_at, account_id) "
        "SELECT i, '居民' || i, (i %% 200 + 1) || '号楼', printf('%%04d-%%02d-%%02d', 1940 + i %% 50, 1 + i %% 12, "
        "  1 + i %% 28), 1, %lld - i %% 86400, %lld + i FROM n;"
        "INSERT INTO accounts(id, name, kind, member_id, balance, earned, min_balance) "
        /* earned: the two services' hours (the opening grant and activity rewards are not earned by service) */
        "SELECT %lld + id, 'generic:m' || id, 'member', id, 600, 120, -600 FROM members;"
        "INSERT INTO identities(platform, user_id, member_id) SELECT 'generic', 'm' || id, id FROM members;"
        /* and each on QQ (OneBot) too, as 1000000000 + i: the city's OneBot posts come from random members */
        "INSERT INTO identities(platform, user_id, member_id) SELECT 'onebot', 1000000000 + id, id FROM members;"
        /* one member in ten offers a service (500 of each building's 5,000, a hundred for each of five services) */
        "INSERT INTO member_skills(member_id, service, at, building, earned) SELECT id, CASE ((id - 1) / 2000) %% 5 "
        "  WHEN 0 THEN '陪诊' WHEN 1 THEN '维修' WHEN 2 THEN '代购' WHEN 3 THEN '陪伴' ELSE '家政' END, %lld, building, "
        "  (SELECT a.earned FROM accounts a WHERE a.id = members.account_id) FROM members WHERE ((id - 1) / 200) %% 10 = 0;"
        "CREATE TEMP TABLE city_k(k INTEGER PRIMARY KEY);"
        "INSERT INTO city_k VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10);"
        /* lots, in the order the bot writes them: transaction by transaction */
        "INSERT INTO lots(account_id, minutes, remaining, earned_at, expires_at, txn) "
        "SELECT %lld + m.id, CASE k WHEN 1 THEN 180 ELSE 60 END, 60, t, t + %lld, "
        "  CASE WHEN k IN (2, 3) THEN %lld + (k - 2) * %d + m.id ELSE (k - 1) * %lld + (m.id - 1) / %d + 1 END x "
        "FROM (SELECT m.id, k.k, %lld + (k.k - 1) * %d + CASE WHEN k.k IN (2, 3) THEN (m.id * 7919) %% %d "
        "      ELSE (((m.id - 1) / %d) * 7919) %% %d END t FROM members m, city_k k) m "
        "ORDER BY x, m.id;"
        "UPDATE accounts SET next_expiry = %lld + (((member_id - 1) / %d) * 7919) %% %d + %lld WHERE kind = 'member';"
        /* the services (the lots of txn past 10 * groups): confirmed requests, the volunteer's lot their credit; the
         * k-th lot's requester is the member 337 * (k - 1) further on */
        "INSERT INTO requests(id, requester_id, volunteer_id, status, service, text, location, start_at, est_minutes, "
        "  created_at, accepted_at, started_at, finished_at, confirmed_at, credited_minutes, building) "
        "SELECT l.txn - %lld, r.id, l.account_id - %lld, 'confirmed', s.svc, s.svc || '，麻烦帮个忙', '', "
        "  l.earned_at - 7200, 60, l.earned_at - %lld, l.earned_at - 80000, l.earned_at - 7200, l.earned_at - 3600, "
        "  l.earned_at, 60, r.building "
        "FROM lots l JOIN members r ON r.id = (l.account_id - %lld - 1 + 337 * (1 + (l.txn - %lld - 1) / %d)) %% %d + 1 "
        "JOIN (SELECT 0 x, '陪诊' svc UNION ALL SELECT 1, '维修' UNION ALL SELECT 2, '代购' UNION ALL SELECT 3, '陪伴' "
        "      UNION ALL SELECT 4, '家政') s ON s.x = l.txn %% 5 "
        "WHERE l.txn > %lld ORDER BY l.txn;"
        /* the journal, transaction by transaction: every lot's credit leg, the services' payer legs, the fund's
         * leg of each activity */
        "INSERT INTO journal(txn, account_id, minutes, kind, request_id, memo, at) "
        "SELECT * FROM (SELECT txn, account_id, minutes, CASE WHEN txn > %lld THEN 'service' ELSE 'activity' END, "
        "  CASE WHEN txn > %lld THEN txn - %lld END, '', earned_at FROM lots "
        "UNION ALL SELECT %lld + r.id, m.account_id, -60, 'service', r.id, '', r.confirmed_at FROM requests r "
        "  JOIN members m ON m.id = r.requester_id "
        "UNION ALL SELECT txn, %lld, -sum(minutes), 'activity', NULL, '社区活动', min(earned_at) FROM lots "
        "  WHERE txn <= %lld GROUP BY txn) ORDER BY 1, 3 DESC;"
        "UPDATE accounts SET balance = balance - (SELECT sum(minutes) FROM lots WHERE txn <= %lld) WHERE id = %lld;",
        members, (long long)y0, (long long)abase, (long long)abase, (long long)y0, (long long)abase, (long long)ttl,
        (long long)(10 * groups), members, (long long)groups, (int)GROUP, (long long)y0, (int)SPAN, (int)SPAN, (int)GROUP,
        (int)SPAN, (long long)y0, (int)GROUP, (int)SPAN, (long long)ttl,
        /* requests */
        (long long)(10 * groups), (long long)abase, (long long)day, (long long)abase, (long long)(10 * groups), members,
        members, (long long)(10 * groups),
        /* journal */
        (long long)(10 * groups), (long long)(10 * groups), (long long)(10 * groups), (long long)(10 * groups),
        (long long)fund, (long long)(10 * groups), (long long)(10 * groups), (long long)fund);
    if (!sql || sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        goto out;
    /* the indexes back, as the schema wrote them */
    for (int64_t n = one_int(db, "SELECT max(rowid) FROM temp.city_idx"), k = 1; k <= n; k++)
        if (run_row(db, "SELECT sql FROM temp.city_idx WHERE rowid = ?1", k, &msg) != SQLITE_OK)
            goto out;
    /* each offer's bound of its member's latest accept (v34), on requests_volunteer */
    if (sqlite3_exec(db, "UPDATE member_skills SET last_accept = coalesce((SELECT max(accepted_at) FROM requests "
                         "WHERE volunteer_id = member_skills.member_id), 0);", NULL, NULL, &msg) != SQLITE_OK)
        goto out;
    /* WAL again, on a connection of its own (this one's temp tables keep the schema locked) */
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
        goto out;
    sqlite3_close(db);
    db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; "
                         "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, &msg) != SQLITE_OK)
        goto out;
    rc = BOT_OK;
out:
    if (rc != BOT_OK)
        fprintf(stderr, "seed city: %s: %s\n", path, msg ? msg : db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_free(sql);
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}
