/* schema_pg.c — the PostgreSQL schema of the tables ported so far, its migrations, and opening a store on PostgreSQL. */
#include "store_int.h"

/* The dialect (docs/postgres.md): INTEGER → BIGINT (sqlite's integers are 64-bit), `id INTEGER PRIMARY KEY` →
 * an identity column, WITHOUT ROWID dropped (a primary key is a b-tree either way), partial indexes kept.
 *
 * The versions follow sqlite's: a new database gets sqlite's schema as it stands at PG_SCHEMA_BASE_VERSION in one
 * script (schema_pg_base.h, generated from a fresh sqlite store by scripts/pg_schema.py), and every sqlite
 * migration after it gets its PostgreSQL text here, in order, so `store_schema.version` and sqlite's
 * `user_version` name the same tables and columns (tests/store_test.c compares them). */
#include "schema_pg_base.h"

/* v(BASE+1), v(BASE+2), …, then NULL */
static const char *const pg_migrations[] = {
    /* v29: the volunteer match's members index, the journal's index by account with its minutes */
    "CREATE INDEX members_match ON members(building, suspended, accept_banned_until, account_id);"
    "DROP INDEX journal_account;"
    "CREATE INDEX journal_account ON journal(account_id, id, minutes);",
    /* v30: a building's managers on an index of the managers alone */
    "CREATE INDEX members_managers ON members(manager_building) WHERE (roles & 2) != 0;",
    /* v31: a skill keeps its member's building; the match's index by service and building */
    "ALTER TABLE member_skills ADD COLUMN building TEXT NOT NULL DEFAULT '';"
    "UPDATE member_skills SET building = coalesce((SELECT m.building FROM members m WHERE m.id = member_skills.member_id), '');"
    "CREATE INDEX member_skills_match ON member_skills(service, building, member_id);"
    "CREATE INDEX members_born ON members((substr(birthday, 6))) WHERE registered = 1 AND birthday != '';",
    /* v32: a skill carries its member's earned and ratings (the match's covering index); requests_volunteer holds
     * accepted_at */
    "ALTER TABLE member_skills ADD COLUMN earned BIGINT NOT NULL DEFAULT 0;"
    "ALTER TABLE member_skills ADD COLUMN stars_sum BIGINT NOT NULL DEFAULT 0;"
    "ALTER TABLE member_skills ADD COLUMN stars_n BIGINT NOT NULL DEFAULT 0;"
    STORE_V32_FILL,
    /* v33: the open orders of a service by start (a member's list reads a page, not every open order) */
    STORE_V33,
    /* v34: an offer keeps an upper bound of its member's latest accept (the match counts only a recent one's load) */
    "ALTER TABLE member_skills ADD COLUMN last_accept BIGINT NOT NULL DEFAULT 0;"
    STORE_V34_FILL,
    /* v35: the outbox's destination key, and the scan's index on it */
    STORE_V35,
    /* v36: a push about an open order names it (the sender drops it once the order is over) */
    "ALTER TABLE outbox ADD COLUMN subject BIGINT;",
    /* v37: a notice about an order keeps the order's state when written (no longer shown once it moved on) */
    "ALTER TABLE notices ADD COLUMN request_id BIGINT;"
    "ALTER TABLE notices ADD COLUMN request_state TEXT;"
    "ALTER TABLE notices ADD COLUMN stale_at BIGINT;"
    "ALTER TABLE complaints ADD COLUMN filed_by BIGINT;"
    "DROP VIEW member_notices;"
    "CREATE VIEW member_notices AS SELECT m.id AS id, m.name AS name, coalesce((SELECT string_agg(n.text, chr(10) ORDER BY "
    "n.id) FROM notices n WHERE n.member_id = m.id AND n.delivered_at IS NULL AND " STORE_NOTICE_CURRENT("n") "), '') AS "
    "notice FROM members m;",
    /* v38: a member's lifetime earned is the service she kept (a refunded or held service no longer counts) */
    STORE_V38,
    NULL};
#define PG_SCHEMA_VERSION (PG_SCHEMA_BASE_VERSION + (int)(sizeof pg_migrations / sizeof pg_migrations[0]) - 1)

/* sqlite's PRAGMA user_version: one row in store_schema. Run under the writer lock, so two processes opening a
 * new database at once do not both create it. */
static enum bot_rc pgsql_migrate(struct pg_conn *pc, char err[256])
{
    int64_t version = 0;
    if (pgsql_begin(pc) != BOT_OK) {
        snprintf(err, 256, "postgres: cannot begin the migration");
        return BOT_DB;
    }
    enum bot_rc rc = pgsql_exec(pc, "CREATE TABLE IF NOT EXISTS store_schema(version BIGINT NOT NULL);"
                                 "INSERT INTO store_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM store_schema)");
    if (rc == BOT_OK)
        rc = pgsql_query_int(pc, "SELECT version FROM store_schema", &version);
    if (rc != BOT_OK) {
        snprintf(err, 256, "postgres: cannot read the schema version");
        goto out;
    }
    if (version > PG_SCHEMA_VERSION) {
        snprintf(err, 256, "postgres schema %lld is newer than this bot (%d)", (long long)version, PG_SCHEMA_VERSION);
        rc = BOT_INVALID;
        goto out;
    }
    if (version > 0 && version < PG_SCHEMA_BASE_VERSION) {
        snprintf(err, 256, "postgres schema %lld is older than the first this bot makes (%d): make it anew",
                 (long long)version, PG_SCHEMA_BASE_VERSION);
        rc = BOT_INVALID;
        goto out;
    }
    while (version < PG_SCHEMA_VERSION) {
        const char *script = version == 0 ? pg_schema_base : pg_migrations[version - PG_SCHEMA_BASE_VERSION];
        int64_t next = version == 0 ? PG_SCHEMA_BASE_VERSION : version + 1;
        char set[64];
        snprintf(set, sizeof set, "UPDATE store_schema SET version = %lld", (long long)next);
        if ((rc = pgsql_exec(pc, script)) != BOT_OK || (rc = pgsql_exec(pc, set)) != BOT_OK) {
            snprintf(err, 256, "postgres: cannot migrate the schema to v%lld", (long long)next);
            goto out;
        }
        version = next;
    }
out:
    if (rc == BOT_OK)
        return pgsql_commit(pc);
    pgsql_rollback(pc);
    return rc;
}

enum bot_rc store_open_pg(const char *url, struct store **out, char err[256])
{
    *out = NULL;
    struct store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    enum bot_rc rc = pgsql_open(url, &st->pg, err);
    if (rc == BOT_OK)
        rc = pgsql_migrate(st->pg, err);
    if (rc != BOT_OK) {
        store_close(st);
        return rc;
    }
    *out = st;
    return BOT_OK;
}
