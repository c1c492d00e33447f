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
     * fund; lots_per_member one-hour lots; every invariant of the audit holds */
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
             "INSERT INTO members(name, building, registered, created_at) "
             "SELECT 'bench' || i, (i %% 20 + 1) || '号楼', 1, %lld FROM n;"
             "INSERT INTO accounts(name, kind, member_id, balance, earned, min_balance, next_expiry) "
             "SELECT 'bench:' || id, 'member', id, %d * 60, %d * 60, -600, %lld FROM members WHERE name LIKE 'bench%%';"
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
             members, (long long)earned_at, lots_per_member, lots_per_member, (long long)expires_at, lots_per_member,
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
