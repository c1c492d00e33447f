/* store_test.c — schema, members, requests, the double-entry ledger, lots, inbox, audit; plus a property test of
 * random transfers against a model. On both engines (BOT_PG_URL set: PostgreSQL), but for sqlite's own machinery. */
#include "test_util.h"

#include <pthread.h>

#include "../store/store.h"
#include "../store/store_int.h"

struct fixture {
    char path[64];
    struct store *st;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char err[256];
    tmpdb_path(f->path);
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    tmpdb_remove(f->path);
    free(f);
    return 0;
}

/* A test of sqlite's own machinery (its WAL file, its writer lock and group commit, its migrations from old files):
 * skipped, and said so, when the store is PostgreSQL (the server does these; the schemas are compared instead). */
#define SQLITE_ONLY(what)                                                                      \
    do {                                                                                       \
        if (tmpdb_pg()) {                                                                      \
            printf("SKIP %s on postgres: %s is sqlite's own\n", __func__, what);               \
            skip();                                                                            \
        }                                                                                      \
    } while (0)

static struct store_member member(struct store *st, const char *uid, const char *name, int64_t overdraft)
{
    struct store_member m;
    assert_int_equal(store_begin(st), BOT_OK);
    assert_int_equal(store_member_create(st, "cli", uid, name, overdraft, 1000, &m), BOT_OK);
    assert_int_equal(store_commit(st), BOT_OK);
    return m;
}

static enum bot_rc transfer(struct store *st, int64_t from, int64_t to, int64_t minutes, int64_t now)
{
    struct store_transfer t = {from, to, minutes, "service", 0, "test", now, 0, 1};
    assert_int_equal(store_begin(st), BOT_OK);
    enum bot_rc rc = store_transfer(st, &t, NULL);
    if (rc == BOT_OK)
        assert_int_equal(store_commit(st), BOT_OK);
    else
        store_rollback(st);
    return rc;
}

static void assert_audit_ok(struct store *st)
{
    char report[4096];
    int broken = -1;
    assert_int_equal(store_audit(st, NULL, report, sizeof report, &broken), BOT_OK);
    if (broken)
        fprintf(stderr, "%s", report);
    assert_int_equal(broken, 0);
}

/* v48: when an identity last wrote privately (the WeChat push window), written only when what is kept is older */
static void test_identity_seen_at(void **state)
{
    struct fixture *f = *state;
    int64_t at = -1;
    member(f->st, "u1", "张秀英", 600);
    assert_int_equal(store_identity_seen_at(f->st, "cli", "u1", &at), BOT_OK);
    assert_int_equal(at, 0);
    assert_int_equal(store_identity_seen_at(f->st, "cli", "nobody", &at), BOT_OK);
    assert_int_equal(at, 0);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_identity_seen(f->st, "cli", "u1", 10000, 300), BOT_OK);
    assert_int_equal(store_identity_seen(f->st, "cli", "u1", 10100, 300), BOT_OK);  /* 100 s on: kept as it was */
    assert_int_equal(store_identity_seen(f->st, "cli", "nobody", 10100, 300), BOT_OK); /* no identity: nothing */
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_identity_seen_at(f->st, "cli", "u1", &at), BOT_OK);
    assert_int_equal(at, 10000);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_identity_seen(f->st, "cli", "u1", 10400, 300), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_identity_seen_at(f->st, "cli", "u1", &at), BOT_OK);
    assert_int_equal(at, 10400);
}

static void test_open_creates_schema_and_system_accounts(void **state)
{
    struct fixture *f = *state;
    struct store_account a;
    assert_int_equal(store_account_by_name(f->st, "fund", &a), BOT_OK);
    assert_string_equal(a.kind, "fund");
    assert_int_equal(store_account_by_name(f->st, "expired", &a), BOT_OK);
    assert_int_equal(store_account_by_name(f->st, "adjust", &a), BOT_OK);
    assert_int_equal(store_ping(f->st), BOT_OK);
    /* reopening migrates nothing twice */
    struct store *again;
    char err[256];
    assert_int_equal(store_open(f->path, "FULL", &again, err), BOT_OK);
    store_close(again);
}

static int64_t sql_int(const char *path, const char *sql, int64_t arg);

/* "table.column" of each row's two columns, one a line, appended to the char[64 KiB] ctx. */
struct columns {
    char text[65536];
    size_t len;
    int n;
};
static void add_column(void *ctx, int ncols, const char *const *cols)
{
    struct columns *c = ctx;
    assert_int_equal(ncols, 2);
    int w = snprintf(c->text + c->len, sizeof c->text - c->len, "%s.%s\n", cols[0], cols[1]);
    assert_true(w > 0 && (size_t)w < sizeof c->text - c->len);
    c->len += (size_t)w;
    c->n++;
}

static void test_both_engines_list_the_same_tables_and_columns(void **state)
{
    /* PostgreSQL's schema is sqlite's, version for version: the same tables and views with the same columns
     * (sqlite's PRAGMA table_info against PostgreSQL's information_schema), and the same version number */
    struct fixture *f = *state;
    if (!tmpdb_pg()) {
        printf("SKIP %s: BOT_PG_URL unset (make test-pg runs it)\n", __func__);
        skip();
    }
    char lite[64], err[256];
    struct store *st;
    snprintf(lite, sizeof lite, "/tmp/bot-test-%d-schema.db", (int)getpid());
    unlink(lite);
    assert_int_equal(store_open(lite, "NORMAL", &st, err), BOT_OK);
    store_close(st);
    static struct columns a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    tdb_query(lite,
              "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
              "WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.name",
              add_column, &a, NULL);
    tdb_query(f->path,
              "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
              "AND table_name != 'store_schema' ORDER BY table_name COLLATE \"C\", column_name COLLATE \"C\"",
              add_column, &b, NULL);
    assert_true(a.n > 100); /* the whole schema, not an empty one */
    if (strcmp(a.text, b.text) != 0)
        fprintf(stderr, "sqlite:\n%s\npostgres:\n%s", a.text, b.text);
    assert_string_equal(a.text, b.text);
    assert_int_equal(sql_int(f->path, "SELECT version FROM store_schema", 0), sql_int(lite, "PRAGMA user_version", 0));
    tmpdb_remove(lite);
}

static void test_member_identity_and_account_name(void **state)
{
    struct fixture *f = *state;
    struct store_member m = member(f->st, "u1", "张阿姨", 600), got;
    assert_int_equal(store_member_by_identity(f->st, "cli", "u1", &got), BOT_OK);
    assert_int_equal(got.id, m.id);
    assert_string_equal(got.name, "张阿姨");
    assert_int_equal(store_member_by_identity(f->st, "cli", "nobody", &got), BOT_NOTFOUND);
    struct store_account a;
    assert_int_equal(store_account_by_name(f->st, "cli:u1", &a), BOT_OK);
    assert_int_equal(a.min_balance, -600);
    assert_int_equal(a.member_id, m.id);
}

/* Where pushes to a member go: her own identity before one linked to her account (which may not accept for a day),
 * though the linked one sorts first by name; once the link is undone, by platform and user id again. */
static void test_a_member_is_reached_on_her_own_identity_first(void **state)
{
    struct fixture *f = *state;
    struct store_member m = member(f->st, "wang", "王师傅", 600);
    char sql[256], platform[16], user[160];
    snprintf(sql, sizeof sql, "INSERT INTO identities(platform, user_id, member_id) VALUES ('cli', 'w2', %lld)",
             (long long)m.id);
    tdb_exec(f->path, sql);
    snprintf(sql, sizeof sql, "INSERT INTO identity_links(platform, user_id, member_id, from_member, at) "
             "VALUES ('cli', 'w2', %lld, %lld, 5)", (long long)m.id, (long long)m.id);
    tdb_exec(f->path, sql);
    assert_int_equal(store_member_identity(f->st, m.id, platform, sizeof platform, user, sizeof user), BOT_OK);
    assert_string_equal(user, "wang");
    tdb_exec(f->path, "UPDATE identity_links SET undone_at = 9");
    assert_int_equal(store_member_identity(f->st, m.id, platform, sizeof platform, user, sizeof user), BOT_OK);
    assert_string_equal(user, "w2");
}

/* PostgreSQL restarted (or failed over) under a running bot: the store's connection is cut; the next read makes it
 * again, a transaction cut midway is lost whole (rolled back, nothing half-written) and the next one works. */
static void test_a_lost_postgres_connection_is_made_again(void **state)
{
    struct fixture *f = *state;
    if (!tmpdb_pg())
        skip(); /* sqlite has no connection to lose */
    struct store_member m = member(f->st, "u1", "张阿姨", 600), got;
    const char *cut = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                      "AND datname = current_database() AND backend_type = 'client backend'";
    assert_true(tdb_int(f->path, cut) >= 1);
    assert_int_equal(store_member_by_identity(f->st, "cli", "u1", &got), BOT_OK); /* a read outside a transaction */
    assert_int_equal(got.id, m.id);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_member_create(f->st, "cli", "u2", "李伯伯", 600, 1000, &got), BOT_OK);
    assert_true(tdb_int(f->path, cut) >= 1); /* cut inside the transaction: it cannot commit */
    assert_int_not_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_member_by_identity(f->st, "cli", "u2", &got), BOT_NOTFOUND);
    member(f->st, "u2", "李伯伯", 600); /* the next transaction runs on the new connection */
    assert_true(tdb_int(f->path, cut) >= 1); /* cut while idle: the BEGIN finds it dead, and begins on a new one */
    member(f->st, "u3", "王奶奶", 600);
    assert_int_equal(store_member_by_identity(f->st, "cli", "u2", &got), BOT_OK);
    assert_audit_ok(f->st);
}

static void test_transfer_is_double_entry(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 120, 2000), BOT_OK);
    struct store_account aa, bb;
    assert_int_equal(store_account_get(f->st, a.account_id, &aa), BOT_OK);
    assert_int_equal(store_account_get(f->st, b.account_id, &bb), BOT_OK);
    assert_int_equal(aa.balance, -120);
    assert_int_equal(bb.balance, 120);
    assert_int_equal(bb.earned, 120);
    assert_audit_ok(f->st);
}

static void test_overdraft_limit_refuses_and_writes_nothing(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 60), b = member(f->st, "b", "B", 60);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 61, 2000), BOT_LIMIT);
    struct store_account aa;
    assert_int_equal(store_account_get(f->st, a.account_id, &aa), BOT_OK);
    assert_int_equal(aa.balance, 0);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 60, 2000), BOT_OK);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 1, 2000), BOT_LIMIT);
    assert_audit_ok(f->st);
}

static void test_transfer_rejects_zero_negative_and_self(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 60), b = member(f->st, "b", "B", 60);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 0, 1), BOT_INVALID);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, -5, 1), BOT_INVALID);
    assert_int_equal(transfer(f->st, a.account_id, a.account_id, 5, 1), BOT_INVALID);
}

/* Each row's first column and a comma, appended to the char[512] ctx. */
static void join_rows(void *ctx, int ncols, const char *const *cols)
{
    char *out = ctx;
    size_t len = strlen(out);
    snprintf(out + len, 512 - len, "%s,", ncols > 0 && cols[0] ? cols[0] : "NULL");
}

static void test_lots_spend_oldest_first(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 60, 1000), BOT_OK); /* lot 1: 60 */
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 30, 2000), BOT_OK); /* lot 2: 30 */
    assert_int_equal(transfer(f->st, b.account_id, a.account_id, 70, 3000), BOT_OK); /* pays a's debt */
    char acct[24], lots[512] = "";
    snprintf(acct, sizeof acct, "%lld", (long long)b.account_id);
    assert_int_equal(tdb_query(f->path, "SELECT remaining FROM lots WHERE account_id = ?1 ORDER BY id", join_rows, lots,
                               (const char *const[]){acct, NULL}),
                     2);
    assert_string_equal(lots, "0,20,"); /* oldest spent first */
    /* a was at -90; +70 pays debt and creates no lot */
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM lots WHERE account_id = ?1", a.account_id), 0);
    assert_audit_ok(f->st);
}

/* What is due soon: the lots expiring by a moment, read through the account's next_expiry (never later than its first
 * live lot's): an account with nothing due by then reads none of its lots, and one with lots due reads them all. */
static void test_lots_expiring_reads_what_is_due(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 6000), b = member(f->st, "b", "B", 600);
    struct store_transfer t = {a.account_id, b.account_id, 60, "service", 0, "test", 1000, 50000, 1};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK); /* a lot of 60, expiring at 50000 */
    t.minutes = 30, t.now = 2000, t.lot_expires_at = 90000;    /* and one of 30 at 90000 */
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    int64_t due = -1, earliest = -1;
    assert_int_equal(store_lots_expiring(f->st, b.account_id, 49999, &due, &earliest), BOT_OK);
    assert_int_equal(due, 0);
    assert_int_equal(earliest, 0);
    assert_int_equal(store_lots_expiring(f->st, b.account_id, 50000, &due, &earliest), BOT_OK);
    assert_int_equal(due, 60);
    assert_int_equal(earliest, 50000);
    assert_int_equal(store_lots_expiring(f->st, b.account_id, 100000, &due, &earliest), BOT_OK);
    assert_int_equal(due, 90);
    assert_int_equal(store_lots_expiring(f->st, a.account_id, 100000, &due, &earliest), BOT_OK); /* no lots at all */
    assert_int_equal(due, 0);
    /* the first lot spent: next_expiry stays at 50000 (a bound, not exact) and the 30 still reads as due by 90000 */
    t = (struct store_transfer){b.account_id, a.account_id, 60, "service", 0, "test", 3000, 0, 1};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_lots_expiring(f->st, b.account_id, 60000, &due, &earliest), BOT_OK);
    assert_int_equal(due, 0);
    assert_int_equal(store_lots_expiring(f->st, b.account_id, 90000, &due, &earliest), BOT_OK);
    assert_int_equal(due, 30);
    assert_int_equal(earliest, 90000);
    assert_audit_ok(f->st);
}

/* A group of reads sees one snapshot (sqlite): another handle's commit shows after store_read_end, not before; a write
 * begun inside the group ends it first; a group inside a group or a write is refused. On PostgreSQL a no-op. */
static void test_a_read_group_sees_one_snapshot(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    struct store *other = NULL;
    char err[256];
    assert_int_equal(store_open(f->path, "NORMAL", &other, err), BOT_OK);
    struct store_account got;
    assert_int_equal(store_read_begin(f->st), BOT_OK);
    assert_int_equal(store_read_begin(f->st), BOT_ERR);
    assert_int_equal(store_account_get(f->st, b.account_id, &got), BOT_OK);
    assert_int_equal(got.balance, 0);
    assert_int_equal(transfer(other, a.account_id, b.account_id, 45, 1000), BOT_OK);
    assert_int_equal(store_account_get(f->st, b.account_id, &got), BOT_OK);
    assert_int_equal(got.balance, tmpdb_pg() ? 45 : 0); /* sqlite: the group's snapshot */
    store_read_end(f->st);
    store_read_end(f->st); /* none open: accepted */
    assert_int_equal(store_account_get(f->st, b.account_id, &got), BOT_OK);
    assert_int_equal(got.balance, 45);
    /* a write inside a group: the group ends, the write reads the newest */
    assert_int_equal(store_read_begin(f->st), BOT_OK);
    assert_int_equal(store_account_get(f->st, b.account_id, &got), BOT_OK);
    assert_int_equal(transfer(other, a.account_id, b.account_id, 15, 2000), BOT_OK);
    assert_int_equal(transfer(f->st, b.account_id, a.account_id, 60, 3000), BOT_OK); /* all of it: 45 + 15 */
    assert_int_equal(store_account_get(f->st, b.account_id, &got), BOT_OK);
    assert_int_equal(got.balance, 0);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_read_begin(f->st), BOT_ERR);
    store_rollback(f->st);
    store_read_end(f->st);
    store_close(other);
    assert_audit_ok(f->st);
}

static void test_audit_detects_a_tampered_balance(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 60, 1000), BOT_OK);
    tdb_exec(f->path, "UPDATE accounts SET balance = balance + 1 WHERE name = 'cli:b'");
    tdb_exec(f->path, "INSERT INTO journal(txn, account_id, minutes, kind, at) VALUES (999, 1, 5, 'adjustment', 0)");
    char report[4096];
    int broken = 0;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_true(broken >= 3);
    assert_non_null(strstr(report, "journal sums to zero"));
    assert_non_null(strstr(report, "balances equal their entries"));
    assert_non_null(strstr(report, "txn 999 has one leg")); /* the transactions' one pass: its leg count */
}

/* Cash moves in fen, double entry, apart from the hours: what holds money never goes below zero, and the audit
 * sees a tampered cash balance or a one-legged cash transaction. */
static void test_cash_ledger(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600);
    struct store_cash_account bank, income, expense;
    assert_int_equal(store_cash_account_by_name(f->st, STORE_CASH_ACCOUNT_BANK, &bank), BOT_OK);
    assert_int_equal(store_cash_account_by_name(f->st, STORE_CASH_ACCOUNT_INCOME, &income), BOT_OK);
    assert_int_equal(store_cash_account_by_name(f->st, STORE_CASH_ACCOUNT_EXPENSE, &expense), BOT_OK);
    assert_string_equal(income.kind, STORE_CASH_ACCOUNT_KIND_SOURCE);
    assert_int_equal(store_begin(f->st), BOT_OK);
    /* a fee of 100元 comes in; 350.50元 cannot be spent from it; 60.25元 can */
    struct store_cash_transfer fee = {income.id, bank.id, 10000, STORE_CASH_KIND_FEE, "体验会员", "R001", "", a.id, 1000};
    int64_t txn = 0;
    assert_int_equal(store_cash_transfer(f->st, &fee, &txn), BOT_OK);
    assert_true(txn > 0);
    struct store_cash_transfer big = {bank.id, expense.id, 35050, STORE_CASH_KIND_EXPENSE, "活动物料", "", "", a.id, 1001};
    assert_int_equal(store_cash_transfer(f->st, &big, NULL), BOT_LIMIT);
    big.fen = 6025;
    assert_int_equal(store_cash_transfer(f->st, &big, NULL), BOT_OK);
    /* zero, a kind not listed, one account on both sides: refused */
    big.fen = 0;
    assert_int_equal(store_cash_transfer(f->st, &big, NULL), BOT_INVALID);
    struct store_cash_transfer odd = {income.id, bank.id, 100, "gift", "", "", "", 0, 1002};
    assert_int_equal(store_cash_transfer(f->st, &odd, NULL), BOT_INVALID);
    odd.kind = STORE_CASH_KIND_INCOME;
    odd.to_account = income.id;
    assert_int_equal(store_cash_transfer(f->st, &odd, NULL), BOT_INVALID);
    /* a member's account: opened once, the same after */
    int64_t mine = 0, again = 0;
    assert_int_equal(store_cash_member_account(f->st, a.id, &mine), BOT_OK);
    assert_int_equal(store_cash_member_account(f->st, a.id, &again), BOT_OK);
    assert_int_equal(mine, again);
    assert_int_equal(store_cash_account_open(f->st, "member:999", "bank", 0, &again), BOT_OK);
    assert_int_equal(store_cash_account_open(f->st, "member:999", "fund", 0, &again), BOT_INVALID);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_cash_account_by_name(f->st, STORE_CASH_ACCOUNT_BANK, &bank), BOT_OK);
    assert_int_equal(bank.balance_fen, 10000 - 6025);
    struct store_cash_entry e[4];
    int n = 0;
    assert_int_equal(store_cash_history(f->st, bank.id, e, 4, &n), BOT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(e[0].fen, -6025);
    assert_string_equal(e[0].item, "活动物料");
    assert_string_equal(e[0].counterpart, "expense");
    assert_string_equal(e[1].ref, "R001");
    struct store_cash_sum sums[4];
    assert_int_equal(store_cash_sums(f->st, bank.id, 0, 2000, sums, 4, &n), BOT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(store_cash_sums(f->st, bank.id, 1001, 2000, sums, 4, &n), BOT_OK);
    assert_int_equal(n, 1);
    assert_string_equal(sums[0].kind, STORE_CASH_KIND_EXPENSE);
    assert_int_equal(sums[0].fen, -6025);
    assert_audit_ok(f->st);
    /* the hours never see the yuan: no time account moved */
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM journal", 0), 0);
    tdb_exec(f->path, "UPDATE cash_accounts SET balance_fen = balance_fen + 1 WHERE name = 'bank'");
    tdb_exec(f->path, "INSERT INTO cash_journal(txn, account_id, fen, kind, at) VALUES (99, 1, -5, 'refund', 0)");
    tdb_exec(f->path, "UPDATE cash_accounts SET balance_fen = balance_fen - 5 WHERE name = 'bank'");
    char report[4096];
    int broken = 0;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_non_null(strstr(report, "cash balances equal their entries"));
    assert_non_null(strstr(report, "every cash transaction has two or more legs"));
    assert_non_null(strstr(report, "every cash leg names a known kind"));
    assert_non_null(strstr(report, "cash journal sums to zero"));
}

/* A lot of `minutes` from the fund, expiring at `expires` (0: never). */
static void earn(struct store *st, int64_t to, int64_t minutes, int64_t now, int64_t expires)
{
    struct store_account fund;
    assert_int_equal(store_account_by_name(st, "fund", &fund), BOT_OK);
    struct store_transfer t = {fund.id, to, minutes, "activity", 0, "test", now, expires, 0};
    assert_int_equal(store_begin(st), BOT_OK);
    assert_int_equal(store_transfer(st, &t, NULL), BOT_OK);
    assert_int_equal(store_commit(st), BOT_OK);
}

/* The first row's first column: -1 when no row, -2 when NULL. */
static void first_int(void *ctx, int ncols, const char *const *cols)
{
    int64_t *v = ctx;
    if (*v == -1)
        *v = ncols > 0 && cols[0] ? strtoll(cols[0], NULL, 10) : -2;
}

/* One integer from the store at path (either engine), read over a connection of its own; arg is ?1 when the
 * statement has one. */
static int64_t sql_int(const char *path, const char *sql, int64_t arg)
{
    char a[24];
    int64_t v = -1;
    snprintf(a, sizeof a, "%lld", (long long)arg);
    tdb_query(path, sql, first_int, &v, (const char *const[]){strstr(sql, "?1") ? a : NULL, NULL});
    return v;
}

#define NEXT_EXPIRY "SELECT next_expiry FROM accounts WHERE id = ?1"
#define EXPIRY_LEGS "SELECT count(*) FROM journal WHERE account_id = ?1 AND kind = 'expiry'"

static int expiry_by_id = -1; /* the last expire_all's walk: by id (1) or by the next_expiry index (0) */
static int expiry_whole_tick; /* expire_all runs store_expire_run (the job's path) instead of batch by batch */

static void expire_all(struct store *st, int64_t now, int max_accounts, int *batches, int *lots, int64_t *minutes)
{
    int accounts;
    if (expiry_whole_tick) { /* batches unknown (-1); the minutes are what the expired account gained */
        struct store_account before, after;
        assert_int_equal(store_account_by_name(st, "expired", &before), BOT_OK);
        assert_int_equal(store_expire_run(st, now, max_accounts, lots), BOT_OK);
        assert_int_equal(store_account_by_name(st, "expired", &after), BOT_OK);
        *minutes = after.balance - before.balance;
        *batches = -1;
        return;
    }
    struct store_expiry_walk walk = {0};
    *batches = *lots = 0;
    *minutes = 0;
    do {
        int l = 0;
        int64_t m = 0;
        assert_int_equal(store_begin(st), BOT_OK);
        assert_int_equal(store_expire_batch(st, now, max_accounts, &walk, &accounts, &l, &m), BOT_OK);
        assert_int_equal(store_commit(st), BOT_OK);
        (*batches)++;
        *lots += l;
        *minutes += m;
    } while (accounts == max_accounts);
    expiry_by_id = walk.by_id;
}

/* `pad` accounts without lots first: with none the tick's due accounts are most of the store and its batches walk
 * them by id; with 200 a few are due and they walk the next_expiry index. The same batches either way. */
static void expiry_in_batches(struct fixture *f, int pad)
{
    const int64_t e1 = 100000, e2 = 200000, e9 = 900000, now = 250000;
    struct store_member m[7];
    for (int i = 0; i < pad; i++) {
        char uid[16];
        snprintf(uid, sizeof uid, "pad%d", i);
        member(f->st, uid, uid, 0);
    }
    for (int i = 0; i < 7; i++) {
        char uid[8];
        snprintf(uid, sizeof uid, "u%d", i);
        m[i] = member(f->st, uid, uid, 600);
    }
    earn(f->st, m[0].account_id, 60, 1000, e1); /* due */
    earn(f->st, m[0].account_id, 60, 1000, e2); /* due */
    earn(f->st, m[0].account_id, 60, 1000, e9); /* not yet */
    earn(f->st, m[1].account_id, 60, 1000, e1);
    assert_int_equal(transfer(f->st, m[1].account_id, m[3].account_id, 60, 2000), BOT_OK); /* m1 spends it all */
    earn(f->st, m[2].account_id, 60, 1000, e1);
    assert_int_equal(transfer(f->st, m[2].account_id, m[3].account_id, 20, 2000), BOT_OK); /* 40 left */
    for (int i = 4; i < 7; i++)
        earn(f->st, m[i].account_id, 30, 1000, e1);
    /* m1's bound is stale (its lot was spent): it is visited, loses nothing */
    assert_int_equal(sql_int(f->path, NEXT_EXPIRY, m[1].account_id), e1);
    assert_int_equal(sql_int(f->path, NEXT_EXPIRY, m[3].account_id), -2); /* lots that never expire */

    int batches, lots;
    int64_t minutes;
    expire_all(f->st, now, 2, &batches, &lots, &minutes);
    assert_true(expiry_whole_tick || expiry_by_id == (pad == 0));
    assert_int_equal(lots, 2 + 1 + 3);
    assert_int_equal(minutes, 120 + 40 + 90);
    assert_true(batches == -1 || batches == 4); /* m0 m1 | m2 m4 | m5 m6 | none left */
    assert_int_equal(sql_int(f->path, EXPIRY_LEGS, m[0].account_id), 1); /* two lots, one leg */
    assert_int_equal(sql_int(f->path, EXPIRY_LEGS, m[1].account_id), 0);
    assert_int_equal(sql_int(f->path, EXPIRY_LEGS, m[3].account_id), 0);
    for (int i = 4; i < 7; i++)
        assert_int_equal(sql_int(f->path, EXPIRY_LEGS, m[i].account_id), 1);
    assert_int_equal(sql_int(f->path, NEXT_EXPIRY, m[0].account_id), e9);
    assert_int_equal(sql_int(f->path, NEXT_EXPIRY, m[1].account_id), -2);
    assert_int_equal(sql_int(f->path, NEXT_EXPIRY, m[2].account_id), -2);
    struct store_account a;
    assert_int_equal(store_account_get(f->st, m[0].account_id, &a), BOT_OK);
    assert_int_equal(a.balance, 60);
    assert_int_equal(store_account_get(f->st, m[2].account_id, &a), BOT_OK);
    assert_int_equal(a.balance, 0);
    assert_int_equal(store_account_by_name(f->st, "expired", &a), BOT_OK);
    assert_int_equal(a.balance, 250);
    assert_audit_ok(f->st);

    /* nothing is due twice; the last lot goes on its own day */
    expire_all(f->st, now, 2, &batches, &lots, &minutes);
    assert_int_equal(lots, 0);
    assert_true(batches == -1 || batches == 1);
    /* the dead lots are neither spent nor shown as expiring soon */
    int64_t soon = 0, earliest = 0;
    assert_int_equal(store_lots_expiring(f->st, m[0].account_id, e9, &soon, &earliest), BOT_OK);
    assert_int_equal(soon, 60);
    assert_int_equal(earliest, e9);
    assert_int_equal(transfer(f->st, m[0].account_id, m[3].account_id, 30, now), BOT_OK);
    assert_int_equal(sql_int(f->path, "SELECT sum(remaining) FROM lots WHERE account_id = ?1", m[0].account_id),
                     60 + 60 + 30); /* the two dead lots keep what they died with */
    assert_audit_ok(f->st);
    expire_all(f->st, e9, 2, &batches, &lots, &minutes);
    assert_int_equal(lots, 1);
    assert_int_equal(minutes, 30);
    assert_int_equal(sql_int(f->path, EXPIRY_LEGS, m[0].account_id), 2);
    assert_audit_ok(f->st);

    /* a lot dated into an account's already expired past (a clock set back)
     * is not born dead: it lives until just after that account's last run */
    earn(f->st, m[0].account_id, 45, now, e1);
    assert_int_equal(sql_int(f->path, "SELECT max(expires_at) FROM lots WHERE account_id = ?1", m[0].account_id), e9 + 1);
    assert_audit_ok(f->st);
    expire_all(f->st, e9, 2, &batches, &lots, &minutes);
    assert_int_equal(lots, 0);
    expire_all(f->st, e9 + 1, 2, &batches, &lots, &minutes);
    assert_int_equal(lots, 1);
    assert_int_equal(minutes, 45);
    assert_audit_ok(f->st);
}

/* A lot past its date is not spent, whether or not the tick has run (play-test 16b): a payment between a lot's expiry
 * and the next tick first expires it as the tick would (its journal leg into `expired`), then pays from what is left,
 * under the same overdraft rule; the tick after finds nothing more. */
static void test_a_payment_never_spends_a_lot_past_its_date(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 60),
                        c = member(f->st, "c", "C", 0);
    earn(f->st, b.account_id, 60, 1000, 5000);  /* due at 5000 */
    earn(f->st, b.account_id, 30, 1000, 90000); /* still good */
    earn(f->st, c.account_id, 60, 1000, 5000);
    /* at 6000, no tick since: b pays 60 of which only 30 are hers now; 30 into her overdraft of 60 */
    assert_int_equal(transfer(f->st, b.account_id, a.account_id, 60, 6000), BOT_OK);
    struct store_account bb, ex;
    assert_int_equal(store_account_get(f->st, b.account_id, &bb), BOT_OK);
    assert_int_equal(bb.balance, -30);
    assert_int_equal(store_account_by_name(f->st, "expired", &ex), BOT_OK);
    assert_int_equal(ex.balance, 60);
    assert_int_equal(sql_int(f->path, EXPIRY_LEGS, b.account_id), 1);
    assert_int_equal(sql_int(f->path, "SELECT coalesce(sum(l.remaining), 0) FROM lots l JOIN accounts a ON a.id = l.account_id "
                                      "WHERE a.id = ?1 AND l.expires_at > a.expired_through", b.account_id), 0);
    /* the hours a received are fresh, not the expired lot's */
    assert_int_equal(sql_int(f->path, "SELECT min(expires_at) FROM lots WHERE account_id = ?1", a.account_id), -2);
    /* c, with no overdraft, has nothing left to pay with: refused, and nothing written (the tick will expire it) */
    assert_int_equal(transfer(f->st, c.account_id, a.account_id, 30, 6000), BOT_LIMIT);
    assert_int_equal(sql_int(f->path, EXPIRY_LEGS, c.account_id), 0);
    int batches, lots;
    int64_t minutes;
    expire_all(f->st, 6000, 10, &batches, &lots, &minutes);
    assert_int_equal(minutes, 60); /* c's lot only: b's went with her payment */
    assert_int_equal(store_account_by_name(f->st, "expired", &ex), BOT_OK);
    assert_int_equal(ex.balance, 120);
    assert_audit_ok(f->st);
}

/* A refund restores the lots the order's debit took with their own dates (lot_uses); hours already past theirs go at
 * once in the same transaction, as the tick would take them (play-test 16b: 查积分 read a past date until the next
 * tick), with their own expiry leg; the tick after has nothing more to take. */
static void test_a_refund_of_hours_past_their_date_expires_them_at_once(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    struct store_request r;
    memset(&r, 0, sizeof r);
    r.requester_id = b.id;
    r.status = STORE_REQ_OPEN;
    strcpy(r.service, "陪诊");
    strcpy(r.text, "求助");
    r.start_at = 1500;
    r.est_minutes = 60;
    r.created_at = 1000;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_request_create(f->st, &r), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    earn(f->st, b.account_id, 60, 1000, 5000); /* b's hour, due at 5000 */
    struct store_transfer t = {b.account_id, a.account_id, 60, "service", r.id, "test", 2000, 90000, 1};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK); /* pays with it */
    t = (struct store_transfer){a.account_id, b.account_id, 60, "refund", r.id, "test", 6000, 90000 + 4000, 0};
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK); /* refunded at 6000, no tick since */
    r.status = STORE_REQ_CONFIRMED, r.volunteer_id = a.id, r.accepted_at = 1200, r.started_at = 1500;
    r.finished_at = 1900, r.confirmed_at = 2000, r.credited_minutes = 60, r.payer_account = b.account_id;
    assert_int_equal(store_request_update(f->st, &r), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    struct store_account bb, ex;
    assert_int_equal(store_account_get(f->st, b.account_id, &bb), BOT_OK);
    assert_int_equal(bb.balance, 0);
    assert_int_equal(store_account_by_name(f->st, "expired", &ex), BOT_OK);
    assert_int_equal(ex.balance, 60);
    assert_int_equal(sql_int(f->path, EXPIRY_LEGS, b.account_id), 1);
    int64_t due = -1, earliest = -1;
    assert_int_equal(store_lots_expiring(f->st, b.account_id, 100000, &due, &earliest), BOT_OK);
    assert_int_equal(due, 0); /* nothing live left to read as 将在 <a past date> 过期 */
    int batches, lots;
    int64_t minutes;
    expire_all(f->st, 6001, 10, &batches, &lots, &minutes);
    assert_int_equal(minutes, 0);
    assert_audit_ok(f->st);
}

static void test_expiry_in_batches_of_accounts_one_leg_each(void **state)
{
    expiry_in_batches(*state, 0);
}

static void test_expiry_in_batches_few_due_walk_the_index(void **state)
{
    expiry_in_batches(*state, 200);
}

/* The job's whole tick (store_expire_run): on a sqlite file the batches walking by id are read on a second connection
 * while the last one is written; the same lots, minutes and legs as batch by batch, either walk, either engine. */
static void test_expiry_whole_tick_as_batch_by_batch(void **state)
{
    expiry_whole_tick = 1;
    expiry_in_batches(*state, 0);
    expiry_whole_tick = 0;
}

static void test_expiry_whole_tick_few_due(void **state)
{
    expiry_whole_tick = 1;
    expiry_in_batches(*state, 200);
    expiry_whole_tick = 0;
}

/* A batch read before a member spent, earned or was given hours is not applied as read: an account with a journal
 * row after the read is read again under the writer lock, so no lot expires twice or is missed, and the ledger
 * balances. */
static void test_expiry_batch_read_before_a_change_is_read_again(void **state)
{
    SQLITE_ONLY("a batch read beside the writer (PostgreSQL's row ids are not in commit order)");
    struct fixture *f = *state;
    const int64_t e1 = 100000, e9 = 900000, now = 250000;
    struct store_member m[4];
    for (int i = 0; i < 4; i++) {
        char uid[8];
        snprintf(uid, sizeof uid, "u%d", i);
        m[i] = member(f->st, uid, uid, 600);
        earn(f->st, m[i].account_id, 60, 1000, e1); /* due */
    }
    earn(f->st, m[3].account_id, 60, 1000, e9); /* not yet */
    struct store_expiry_row rows[8];
    struct store_expiry_batch b = {rows, 0, 8, 0};
    assert_int_equal(store_expire_read(f->st, now, 0, &b), BOT_OK);
    assert_int_equal(b.n, 4);
    assert_int_equal(rows[0].minutes, 60);
    assert_int_equal(rows[3].next, e9);
    /* read once more from the second account on: the walk goes on after `after` */
    struct store_expiry_row more[8];
    struct store_expiry_batch b2 = {more, 0, 8, 0};
    assert_int_equal(store_expire_read(f->st, now, m[1].account_id, &b2), BOT_OK);
    assert_int_equal(b2.n, 2);
    assert_int_equal(more[0].account, m[2].account_id);
    /* meanwhile m0 pays m1 40 of her due hour, m1 earns a second due hour, m2 pays m1 30; m3 is left alone */
    assert_int_equal(transfer(f->st, m[0].account_id, m[1].account_id, 40, 2000), BOT_OK);
    earn(f->st, m[1].account_id, 60, 2000, e1);
    assert_int_equal(transfer(f->st, m[2].account_id, m[1].account_id, 30, 2000), BOT_OK);
    int lots = 0;
    int64_t minutes = 0;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_expire_apply(f->st, now, &b, &lots, &minutes), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    /* as read, m0 and m2 would lose 60 each (m0 going 40 into debt) and m1 only her first hour */
    const int64_t left[4] = {0, 40 + 30, 0, 60}; /* m1 keeps what she was paid (never expires); m3 her e9 lot */
    for (int i = 0; i < 4; i++) {
        struct store_account a;
        assert_int_equal(store_account_get(f->st, m[i].account_id, &a), BOT_OK);
        assert_int_equal(a.balance, left[i]);
    }
    assert_int_equal(minutes, 20 + 120 + 30 + 60);
    assert_int_equal(lots, 1 + 2 + 1 + 1);
    assert_int_equal(sql_int(f->path, NEXT_EXPIRY, m[3].account_id), e9);
    assert_int_equal(sql_int(f->path, EXPIRY_LEGS, m[1].account_id), 1);
    assert_audit_ok(f->st);
    /* nothing is due twice */
    int l2 = 0;
    assert_int_equal(store_expire_run(f->st, now, 2, &l2), BOT_OK);
    assert_int_equal(l2, 0);
    assert_audit_ok(f->st);
    /* PostgreSQL never reads a batch beside the writer; nor may a write transaction be open */
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_expire_read(f->st, now, 0, &b), BOT_ERR);
    store_rollback(f->st);
}

/* Members paying and giving each other on a connection of their own while the tick runs beside them. */
struct tick_traffic {
    const char *path;
    int64_t first_account, accounts;
    int64_t now; /* now and stop: written by the test's thread, read atomically */
    int stop;
    int done, failed;
};

static void *tick_traffic_run(void *arg)
{
    struct tick_traffic *t = arg;
    struct store *st;
    char err[256];
    unsigned seed = 7;
    if (store_open(t->path, "NORMAL", &st, err) != BOT_OK) {
        t->failed = 1;
        return NULL;
    }
    while (!__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE)) {
        int64_t a = t->first_account + rand_r(&seed) % t->accounts, b = t->first_account + rand_r(&seed) % t->accounts;
        const char *kind = rand_r(&seed) % 2 ? "gift" : "service"; /* a gift carries the giver's (due) lots' dates */
        struct store_transfer x = {a, b, 1 + rand_r(&seed) % 45, kind, 0, "test",
                                   __atomic_load_n(&t->now, __ATOMIC_ACQUIRE), 0, 1};
        if (a == b || store_begin(st) != BOT_OK) {
            t->failed |= a != b;
            continue;
        }
        enum bot_rc rc = store_transfer(st, &x, NULL);
        if (rc == BOT_OK)
            rc = store_commit(st);
        else
            store_rollback(st);
        t->failed |= rc != BOT_OK && rc != BOT_LIMIT;
        t->done += rc == BOT_OK;
    }
    store_close(st);
    return NULL;
}

/* The whole tick in many small batches while members pay and give each other hour after hour beside it: whatever
 * moved after a batch was read is read again, so the ledger balances, nothing is due twice, and a second tick finds
 * only what was given, dated, during the first. */
static void test_expiry_tick_beside_payments_keeps_the_ledger(void **state)
{
    struct fixture *f = *state;
    enum { N = 120, ROUNDS = 8 };
    struct store_member m[N];
    for (int i = 0; i < N; i++) {
        char uid[8];
        snprintf(uid, sizeof uid, "u%d", i);
        m[i] = member(f->st, uid, uid, 120);
        if (i % 3 == 0)
            earn(f->st, m[i].account_id, 40, 1000, 900000000); /* not due in any round */
    }
    struct tick_traffic t = {f->path, m[0].account_id, N, 1000, 0, 0, 0};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, tick_traffic_run, &t), 0);
    int64_t now = 0;
    for (int r = 1; r <= ROUNDS; r++) { /* each round every member earns an hour that is due at the round's tick */
        now = 100000 * r;
        for (int i = 0; i < N; i++)
            earn(f->st, m[i].account_id, 30 + i % 50, now - 50000, now - 1000 + i);
        __atomic_store_n(&t.now, now - 50000, __ATOMIC_RELEASE);
        int lots = 0;
        assert_int_equal(store_expire_run(f->st, now, 3, &lots), BOT_OK);
        assert_true(lots > 0);
    }
    __atomic_store_n(&t.stop, 1, __ATOMIC_RELEASE);
    pthread_join(th, NULL);
    assert_false(t.failed);
    assert_true(t.done > 0);
    assert_audit_ok(f->st);
    /* what the traffic gave during the last tick, dated, is expired by the next one; then nothing is due */
    int lots = 0;
    assert_int_equal(store_expire_run(f->st, now, 3, &lots), BOT_OK);
    assert_audit_ok(f->st);
    assert_int_equal(sql_int(f->path,
                             "SELECT count(*) FROM lots l JOIN accounts a ON a.id = l.account_id WHERE l.remaining > 0 "
                             "AND l.expires_at <= ?1 AND l.expires_at > a.expired_through", now),
                     0);
    assert_int_equal(store_expire_run(f->st, now, 3, &lots), BOT_OK);
    assert_int_equal(lots, 0);
}

/* What v20 added (identity notices as rows), v19 (complaints answered, retraining), v18 (skills, certificates), v17 (elders, activities with a time), v16 (notices as rows) and v15 (a reopened order's latest start), taken away again. */
#define UNDO_V22                                                                                 \
    "DROP TABLE console_links; DROP TABLE console_sessions; DROP TABLE console_log; DROP TABLE console_tries;" \
    "DROP INDEX requests_accepted; DROP INDEX requests_confirmed;"
#define UNDO_V23                                                                                 \
    "DROP TABLE redemptions; DROP TABLE redeem_wrong; DROP TABLE redeem_codes; DROP TABLE merchant_clerks;"  \
    "DROP TABLE merchants;"
#define UNDO_V24 "DROP TABLE dividend_shares; DROP TABLE dividends; DROP TABLE memberships;"
#define UNDO_V25 "DROP TABLE spendings;"
#define UNDO_V50 "ALTER TABLE notices DROP COLUMN late_at; ALTER TABLE notices DROP COLUMN late_text;"
#define UNDO_V49 "ALTER TABLE identities DROP COLUMN seen_at;"
#define UNDO_V48 "DROP INDEX notices_outbox; DROP INDEX outbox_reached; ALTER TABLE notices DROP COLUMN outbox_id;"
#define UNDO_V47 "DROP TABLE lot_uses;"
#define UNDO_V46 "ALTER TABLE members DROP COLUMN script;"
#define UNDO_V45 "ALTER TABLE requests DROP COLUMN confirmed_by;"
#define UNDO_V44 "ALTER TABLE requests DROP COLUMN public_by;"
#define UNDO_V42 "ALTER TABLE notices DROP COLUMN whole; ALTER TABLE members DROP COLUMN unit;"
#define UNDO_V41 "ALTER TABLE outbox DROP COLUMN subject_start;"
#define UNDO_V40 "DROP INDEX requests_posted_by; ALTER TABLE requests DROP COLUMN posted_by;"
#define UNDO_V38 "DROP INDEX request_reschedules_request; DROP TABLE request_reschedules;"
#define UNDO_V37                                                                                 \
    "DROP VIEW member_notices; CREATE VIEW member_notices AS SELECT m.id AS id, m.name AS name, "        \
    "coalesce((SELECT group_concat(n.text, char(10)) FROM notices n WHERE n.member_id = m.id AND "      \
    "n.delivered_at IS NULL), '') AS notice FROM members m;"                                            \
    "ALTER TABLE complaints DROP COLUMN filed_by; "                                                        \
    "ALTER TABLE notices DROP COLUMN stale_at; ALTER TABLE notices DROP COLUMN request_state; "              \
    "ALTER TABLE notices DROP COLUMN request_id;"
#define UNDO_V36 "ALTER TABLE outbox DROP COLUMN subject;"
#define UNDO_V35                                                                                 \
    "DROP INDEX outbox_dest; ALTER TABLE outbox DROP COLUMN dest;"                                  \
    "CREATE INDEX outbox_dest ON outbox(platform, chat_id, user_id, next_at) WHERE status = 'pending';"
#define UNDO_V34                                                                                 \
    "DROP INDEX member_skills_match; CREATE INDEX member_skills_match ON member_skills(service, building, member_id, " \
    "earned, stars_sum, stars_n); ALTER TABLE member_skills DROP COLUMN last_accept;"
#define UNDO_V33 "DROP INDEX requests_open_service;"
#define UNDO_V32                                                                                 \
    "DROP INDEX member_skills_match; CREATE INDEX member_skills_match ON member_skills(service, building, member_id);" \
    "ALTER TABLE member_skills DROP COLUMN earned; ALTER TABLE member_skills DROP COLUMN stars_sum;"      \
    "ALTER TABLE member_skills DROP COLUMN stars_n;"                                                       \
    "DROP INDEX requests_volunteer; CREATE INDEX requests_volunteer ON requests(volunteer_id, status);"
#define UNDO_V31                                                                                 \
    "DROP INDEX members_born; DROP INDEX member_skills_match; ALTER TABLE member_skills DROP COLUMN building;"
#define UNDO_V30 "DROP INDEX members_managers;"
#define UNDO_V29                                                                                 \
    "DROP INDEX members_match; DROP INDEX journal_account; CREATE INDEX journal_account ON journal(account_id, id);"
#define UNDO_V28 "DROP TABLE building_branches; DROP TABLE branches; ALTER TABLE members DROP COLUMN branch_scope;"
#define UNDO_V27                                                                                 \
    "DROP INDEX requests_open_building; DROP INDEX requests_confirmed; ALTER TABLE requests DROP COLUMN building;" \
    "CREATE INDEX requests_confirmed ON requests(confirmed_at, status, requester_id, credited_minutes, volunteer_id, " \
    "service) WHERE confirmed_at IS NOT NULL;"
#define UNDO_V26                                                                                 \
    "DROP INDEX members_building; DROP INDEX members_created; DROP INDEX requests_created; DROP INDEX ratings_at; " \
    "DROP INDEX journal_at; DROP INDEX journal_account_at; DROP INDEX requests_confirmed; "                                        \
    "CREATE INDEX requests_confirmed ON requests(confirmed_at) WHERE confirmed_at IS NOT NULL; "      \
    "DROP INDEX requests_accepted; CREATE INDEX requests_accepted ON requests(accepted_at) WHERE accepted_at IS NOT NULL;"
#define UNDO_V21 "DROP TABLE cash_journal; DROP TABLE cash_accounts;"
#define UNDO_V20                                                                                 \
    "DROP INDEX notices_identity; ALTER TABLE notices DROP COLUMN platform;"                          \
    "ALTER TABLE notices DROP COLUMN user_id;"
#define UNDO_V19                                                                                 \
    "DROP INDEX complaints_open; ALTER TABLE complaints DROP COLUMN responded_at;"                    \
    "ALTER TABLE members DROP COLUMN retraining;"
#define UNDO_V18 "DROP TABLE member_skills; DROP TABLE member_certs;"
#define UNDO_V17                                                                                 \
    "ALTER TABLE members DROP COLUMN created_by; ALTER TABLE activities DROP COLUMN starts_at;"    \
    "ALTER TABLE activities DROP COLUMN ends_at; ALTER TABLE activities DROP COLUMN place;"
#define UNDO_V16 "DROP VIEW member_notices; DROP TABLE notices;"
#define UNDO_V15 "ALTER TABLE requests DROP COLUMN reopen_start;"
#define UNDO_V14                                                                                 \
    "DROP TABLE strikes; ALTER TABLE members DROP COLUMN accept_banned_until;"                      \
    "ALTER TABLE requests DROP COLUMN excused_at;"
#define UNDO_V13                                                                                 \
    "DROP INDEX requests_proxy_by; ALTER TABLE requests DROP COLUMN proxy_by;"                     \
    "ALTER TABLE members DROP COLUMN birthday_set_at;"
#define UNDO_V12 "DROP TABLE order_actions; DROP INDEX requests_volunteer;"
#define UNDO_V11 "DROP TABLE pending;"
#define UNDO_V10                                                                                 \
    "DROP TABLE link_requests; DROP INDEX link_codes_member; ALTER TABLE link_codes DROP COLUMN dead;" \
    "CREATE UNIQUE INDEX link_codes_member ON link_codes(member_id);"
/* What v9 added (the fair outbox's indexes), taken away again. */
#define UNDO_V9 "DROP INDEX outbox_dest; DROP INDEX outbox_status; CREATE INDEX outbox_due ON outbox(status, next_at);"
/* What v8 added (birthdays in the group only when asked), taken away again. */
#define UNDO_V8 "ALTER TABLE members DROP COLUMN birthday_public;"
/* What v7 added (links under attack), taken away again. */
#define UNDO_V7                                                                                  \
    "DROP TABLE identity_links; DROP TABLE link_wrong; DROP INDEX link_codes_member;"             \
    "ALTER TABLE link_codes DROP COLUMN wrong; ALTER TABLE identities DROP COLUMN notice;"

static void test_migration_to_v7_keeps_one_code_per_member(void **state)
{
    SQLITE_ONLY("the migration of an old file");
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600);
    struct store_member b = member(f->st, "b", "B", 600);
    store_close(f->st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, UNDO_V50 UNDO_V49 UNDO_V48 UNDO_V47 UNDO_V46 UNDO_V45 UNDO_V44 UNDO_V42 UNDO_V41 UNDO_V40 UNDO_V38 UNDO_V37 UNDO_V36 UNDO_V35 UNDO_V34 UNDO_V33 UNDO_V32 UNDO_V31 UNDO_V30 UNDO_V29 UNDO_V28 UNDO_V27 UNDO_V26 UNDO_V25 UNDO_V24 UNDO_V23 UNDO_V22 UNDO_V21 UNDO_V20 UNDO_V19 UNDO_V18 UNDO_V17 UNDO_V16 UNDO_V15 UNDO_V14 UNDO_V13 UNDO_V12 UNDO_V11 UNDO_V10 UNDO_V9 UNDO_V8 UNDO_V7 "PRAGMA user_version = 6;", NULL, NULL, NULL), SQLITE_OK);
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO link_codes VALUES ('111111', %lld, 500), ('222222', %lld, 700), ('333333', %lld, 600),"
             "('444444', %lld, 500)",
             (long long)a.id, (long long)a.id, (long long)a.id, (long long)b.id);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char err[256];
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    assert_int_equal(sql_int(f->path, "PRAGMA user_version", 0), 50);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE member_id = ?1", a.id), 1);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE code = '222222' AND wrong = ?1", 0), 1);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE member_id = ?1", b.id), 1);
    /* one code per member from now on */
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_link_code_put(f->st, "555555", a.id, 100, 1000), BOT_OK);
    assert_int_equal(store_link_code_put(f->st, "444444", a.id, 100, 1000), BOT_DUP); /* b's */
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE member_id = ?1", a.id), 0);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE member_id = ?1", b.id), 1);
}

static void test_migration_to_v5_fills_expiry_bounds_and_audit_checks_them(void **state)
{
    SQLITE_ONLY("the migration of an old file");
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600);
    earn(f->st, a.account_id, 60, 1000, 500000);
    earn(f->st, a.account_id, 60, 1000, 400000);
    store_close(f->st);
    /* back to the v4 schema, as a store written by the previous release */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, UNDO_V50 UNDO_V49 UNDO_V48 UNDO_V47 UNDO_V46 UNDO_V45 UNDO_V44 UNDO_V42 UNDO_V41 UNDO_V40 UNDO_V38 UNDO_V37 UNDO_V36 UNDO_V35 UNDO_V34 UNDO_V33 UNDO_V32 UNDO_V31 UNDO_V30 UNDO_V29 UNDO_V28 UNDO_V27 UNDO_V26 UNDO_V25 UNDO_V24 UNDO_V23 UNDO_V22 UNDO_V21 UNDO_V20 UNDO_V19 UNDO_V18 UNDO_V17 UNDO_V16 UNDO_V15 UNDO_V14 UNDO_V13 UNDO_V12 UNDO_V11 UNDO_V10 UNDO_V9 UNDO_V8 UNDO_V7, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "DROP INDEX accounts_next_expiry; ALTER TABLE accounts DROP COLUMN next_expiry;"
                                  "ALTER TABLE accounts DROP COLUMN expired_through;"
                                  "CREATE INDEX lots_expiring ON lots(expires_at, id) WHERE remaining > 0;"
                                  "PRAGMA user_version = 4;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    char err[256];
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    assert_int_equal(sql_int(f->path, NEXT_EXPIRY, a.account_id), 400000);
    assert_int_equal(sql_int(f->path, "PRAGMA user_version", 0), 50); /* and on through every later migration */
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM sqlite_master WHERE name IN ('outbox_dest','outbox_status')", 0), 2);
    assert_audit_ok(f->st);
    /* a bound later than a live lot would let that lot outlive its expiry */
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE accounts SET next_expiry = 450000 WHERE name = 'cli:a'", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    char report[4096];
    int broken = 0;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 1);
    assert_non_null(strstr(report, "first live lot expires"));
}

static void test_migration_to_v8_keeps_birthdays_private_until_asked(void **state)
{
    SQLITE_ONLY("the migration of an old file");
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), got;
    store_close(f->st);
    /* a v7 store: no birthday_public column yet */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, UNDO_V50 UNDO_V49 UNDO_V48 UNDO_V47 UNDO_V46 UNDO_V45 UNDO_V44 UNDO_V42 UNDO_V41 UNDO_V40 UNDO_V38 UNDO_V37 UNDO_V36 UNDO_V35 UNDO_V34 UNDO_V33 UNDO_V32 UNDO_V31 UNDO_V30 UNDO_V29 UNDO_V28 UNDO_V27 UNDO_V26 UNDO_V25 UNDO_V24 UNDO_V23 UNDO_V22 UNDO_V21 UNDO_V20 UNDO_V19 UNDO_V18 UNDO_V17 UNDO_V16 UNDO_V15 UNDO_V14 UNDO_V13 UNDO_V12 UNDO_V11 UNDO_V10 UNDO_V9 UNDO_V8 "PRAGMA user_version = 7;", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    char err[256];
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    assert_int_equal(store_member_get(f->st, a.id, &got), BOT_OK);
    assert_int_equal(got.birthday_public, 0); /* the default: not in the group */
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_member_set_int(f->st, a.id, STORE_MF_BIRTHDAY_PUBLIC, 1), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_member_get(f->st, a.id, &got), BOT_OK);
    assert_int_equal(got.birthday_public, 1);
}

/* v31: a v30 store's skills get their members' buildings, and the match finds them there. */
/* v39: earned counted a service a complaint refunded; the migration fills it from the journal again, her offers too */
static void test_migration_to_v39_earned_is_the_service_kept(void **state)
{
    SQLITE_ONLY("the migration of an old file");
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    struct store_account hold;
    assert_int_equal(store_account_by_name(f->st, "hold", &hold), BOT_OK);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 120, 1000), BOT_OK);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 60, 1100), BOT_OK);
    /* a complaint holds the first, and refunds it */
    struct store_transfer t = {b.account_id, hold.id, 120, "dispute", 0, "held", 1200, 0, 1};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK);
    t = (struct store_transfer){hold.id, a.account_id, 120, "refund", 0, "refund", 1300, 0, 0};
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK);
    assert_int_equal(store_skill_add(f->st, b.id, "维修", 1300), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    struct store_account acct;
    assert_int_equal(store_account_get(f->st, b.account_id, &acct), BOT_OK);
    assert_int_equal(acct.earned, 60);
    assert_audit_ok(f->st);
    store_close(f->st);
    f->st = NULL;
    /* as v38 left it: the refunded service still counted */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    char sql[1024];
    snprintf(sql, sizeof sql, UNDO_V50 UNDO_V49 UNDO_V48 UNDO_V47 UNDO_V46 UNDO_V45 UNDO_V44 UNDO_V42 UNDO_V41 UNDO_V40 "UPDATE accounts SET earned = 180 WHERE id = %lld; UPDATE member_skills SET earned = 180; "
             "PRAGMA user_version = 38;", (long long)b.account_id);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char err[256];
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    assert_int_equal(sql_int(f->path, "PRAGMA user_version", 0), 50);
    assert_int_equal(store_account_get(f->st, b.account_id, &acct), BOT_OK);
    assert_int_equal(acct.earned, 60);
    assert_int_equal(sql_int(f->path, "SELECT earned FROM member_skills WHERE member_id = ?1", b.id), 60);
    assert_audit_ok(f->st);
}

static void test_migration_to_v31_lists_skills_under_their_buildings(void **state)
{
    SQLITE_ONLY("the migration of an old file");
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_member_register(f->st, a.id, "A", "3号楼", "", 100), BOT_OK);
    assert_int_equal(store_member_register(f->st, b.id, "B", "3号楼", "", 100), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    store_close(f->st);
    f->st = NULL;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    char sql[4096];
    snprintf(sql, sizeof sql, UNDO_V50 UNDO_V49 UNDO_V48 UNDO_V47 UNDO_V46 UNDO_V45 UNDO_V44 UNDO_V42 UNDO_V41 UNDO_V40 UNDO_V38 UNDO_V37 UNDO_V36 UNDO_V35 UNDO_V34 UNDO_V33 UNDO_V32 UNDO_V31 "PRAGMA user_version = 30; INSERT INTO member_skills(member_id, service, at) "
             "VALUES (%lld, '维修', 1)", (long long)a.id);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char err[256];
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    assert_int_equal(sql_int(f->path, "PRAGMA user_version", 0), 50);
    struct store_match_query mq = {.service = "维修", .building = "3号楼", .exclude = b.id};
    int64_t ids[4];
    int n = -1;
    assert_int_equal(store_match_volunteers(f->st, &mq, ids, 4, &n), BOT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], a.id);
    assert_audit_ok(f->st);
}

static void test_migration_to_v10_keeps_codes_live_and_a_tombstone_beside_a_new_code(void **state)
{
    SQLITE_ONLY("the migration of an old file");
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    store_close(f->st);
    /* a v9 store holding a live code */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, UNDO_V50 UNDO_V49 UNDO_V48 UNDO_V47 UNDO_V46 UNDO_V45 UNDO_V44 UNDO_V42 UNDO_V41 UNDO_V40 UNDO_V38 UNDO_V37 UNDO_V36 UNDO_V35 UNDO_V34 UNDO_V33 UNDO_V32 UNDO_V31 UNDO_V30 UNDO_V29 UNDO_V28 UNDO_V27 UNDO_V26 UNDO_V25 UNDO_V24 UNDO_V23 UNDO_V22 UNDO_V21 UNDO_V20 UNDO_V19 UNDO_V18 UNDO_V17 UNDO_V16 UNDO_V15 UNDO_V14 UNDO_V13 UNDO_V12 UNDO_V11 UNDO_V10 "PRAGMA user_version = 9;", NULL, NULL, NULL), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO link_codes(code, member_id, expires_at) VALUES ('111111', %lld, 1000)",
             (long long)a.id);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char err[256];
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    assert_int_equal(sql_int(f->path, "PRAGMA user_version", 0), 50);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE code = '111111' AND dead = ?1", 0), 1);
    int64_t who = 0;
    assert_int_equal(store_begin(f->st), BOT_OK);
    /* killed: a tombstone that answers BOT_LIMIT and is not consumed */
    assert_int_equal(store_link_code_kill(f->st, a.id), BOT_OK);
    assert_int_equal(store_link_code_take(f->st, "111111", 500, &who), BOT_LIMIT);
    assert_int_equal(who, a.id);
    assert_int_equal(store_link_code_take(f->st, "111111", 600, &who), BOT_LIMIT);
    /* beside it the member may hold a new live code; nobody may draw the dead one */
    assert_int_equal(store_link_code_put(f->st, "222222", a.id, 600, 1200), BOT_OK);
    assert_int_equal(store_link_code_put(f->st, "111111", b.id, 600, 1200), BOT_DUP);
    assert_int_equal(store_link_code_put(f->st, "333333", a.id, 610, 1210), BOT_OK); /* replaces 222222 only */
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE member_id = ?1", a.id), 2);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE code = '222222'", 0), 0);
    /* a wrong try counts only against live codes */
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_link_wrong_add(f->st, "cli", "x", 620, 0), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(sql_int(f->path, "SELECT wrong FROM link_codes WHERE code = '111111'", 0), 0);
    assert_int_equal(sql_int(f->path, "SELECT wrong FROM link_codes WHERE code = '333333'", 0), 1);
    /* past its expiry the tombstone is gone */
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_link_code_take(f->st, "111111", 1001, &who), BOT_NOTFOUND);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE code = '111111'", 0), 0);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM link_codes WHERE code = '333333'", 0), 1);
}

struct writer_arg {
    const char *path;
    int who;
    enum bot_rc rc;
    const char *sync;
    int commits; /* 1,500 unless set */
};

static void *write_inbox(void *arg)
{
    struct writer_arg *w = arg;
    struct store *st;
    char err[256], id[24];
    w->rc = store_open(w->path, w->sync ? w->sync : "NORMAL", &st, err);
    for (int i = 0; i < (w->commits ? w->commits : 1500) && w->rc == BOT_OK; i++) {
        snprintf(id, sizeof id, "w%d-%d", w->who, i);
        struct store_msg_key k = {"cli", "", "u", id};
        if ((w->rc = store_begin(st)) == BOT_OK && (w->rc = store_inbox_put(st, &k, "ok", i)) == BOT_OK)
            w->rc = store_commit(st);
    }
    if (st)
        store_close(st);
    return NULL;
}

static void test_wal_is_checkpointed_under_concurrent_writers(void **state)
{
    SQLITE_ONLY("the WAL file");
    /* the WAL is folded back and reused, not grown commit after commit (a
     * checkpoint run only outside the writer lock let it grow to 160 MB under a
     * steady write load: writers kept appending while it copied; the
     * checkpointer's last pass runs under the lock, at the latest once the WAL
     * holds CKPT_WAL_MAX = 8,000 frames) */
    struct fixture *f = *state;
    struct writer_arg w[2] = {{f->path, 0, BOT_ERR, "NORMAL", 6000}, {f->path, 1, BOT_ERR, "NORMAL", 6000}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&th[i], NULL, write_inbox, &w[i]), 0);
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].rc, BOT_OK);
    }
    char wal[80];
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    FILE *fp = fopen(wal, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fclose(fp);
    assert_true(size > 0);
    /* the 12,000 commits write ~24,000 frames: never folded back the WAL would hold them all. Its high-water mark is
     * ~1,300–1,400 frames on a quiet machine (the checkpointer wakes at 1,000 and copies while the writers append),
     * up to CKPT_WAL_MAX and a pass's worth more when the checkpointer cannot keep up (a loaded CI machine) */
    assert_true(size < 12000L * 4120);
}

static void test_group_commit_syncs_every_commit_with_fewer_fsyncs(void **state)
{
    SQLITE_ONLY("the group commit of WAL fsyncs");
    /* synchronous=FULL: each commit returns after a WAL fsync that covers it;
     * four writers at once share fsyncs */
    struct fixture *f = *state;
    uint64_t c0, s0, c1, s1;
    store_sync_stats(&c0, &s0);
    struct writer_arg w[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (struct writer_arg){f->path, i, BOT_ERR, "FULL", 0};
        assert_int_equal(pthread_create(&th[i], NULL, write_inbox, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].rc, BOT_OK);
    }
    store_sync_stats(&c1, &s1);
    assert_true(c1 - c0 >= 4 * 1500); /* migrations of the four opens commit too */
    assert_true(s1 - s0 >= 1);
    /* shared: one fsync covered several commits at least once (one fsync per
     * commit, as FULL itself would do, fails here; at most one per commit
     * holds whatever the code does, so asserting that proves nothing) */
    assert_true(s1 - s0 < c1 - c0);
    /* and only FULL pays for them: the same load under NORMAL commits as
     * often and leaves every fsync to sqlite's checkpoints */
    uint64_t c2, s2;
    for (int i = 0; i < 4; i++) {
        w[i] = (struct writer_arg){f->path, 10 + i, BOT_ERR, "NORMAL", 0};
        assert_int_equal(pthread_create(&th[i], NULL, write_inbox, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].rc, BOT_OK);
    }
    store_sync_stats(&c2, &s2);
    assert_true(c2 - c1 >= 4 * 1500);
    assert_true(s2 == s1);
    char id[24];
    int has = 0;
    char reply[16];
    snprintf(id, sizeof id, "w3-1499");
    struct store_msg_key k = {"cli", "", "u", id};
    assert_int_equal(store_inbox_get(f->st, &k, reply, sizeof reply, &has), BOT_OK);
    assert_true(has);
    fprintf(stderr, "group commit: %llu commits, %llu WAL fsyncs\n", (unsigned long long)(c1 - c0),
            (unsigned long long)(s1 - s0));
}

/* One committed inbox row on st. */
static void commit_one(struct store *st, const char *id)
{
    struct store_msg_key k = {"cli", "", "u", id};
    assert_int_equal(store_begin(st), BOT_OK);
    assert_int_equal(store_inbox_put(st, &k, "ok", 1), BOT_OK);
    assert_int_equal(store_commit(st), BOT_OK);
}

/* ---- the outbox's scan: destinations in turn from a cursor ---- */

static void outbox_push(struct fixture *f, const char *user, int n, int64_t at)
{
    assert_int_equal(store_begin(f->st), BOT_OK);
    for (int i = 0; i < n; i++)
        assert_int_equal(store_outbox_add(f->st, "match", "onebot", NULL, user, "有人求助", at, at), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
}

static void test_the_outbox_scan_serves_more_destinations_than_it_sees_in_turn(void **state)
{
    struct fixture *f = *state;
    char user[16], cursor[STORE_OUTBOX_DEST_MAX] = "";
    /* a backlog of 500 pushes to one person queued first, then one push to each of 30 others */
    outbox_push(f, "u000", 500, 1000);
    for (int i = 1; i <= 30; i++) {
        snprintf(user, sizeof user, "u%03d", i);
        outbox_push(f, user, 1, 1000 + i);
    }
    static struct store_outbox got[10];
    int n = -1, seen[31] = {0};
    /* four scans of 10 destinations: 31 destinations in all, each seen once in the first three and a half, the
     * backlog's 500 rows never more than one place (per_dest 1) */
    for (int scan = 0; scan < 4; scan++) {
        assert_int_equal(store_outbox_due(f->st, 2000, NULL, 0, 1, cursor, got, 10, &n), BOT_OK);
        assert_int_equal(n, 10);
        for (int i = 0; i < n; i++) {
            int who = atoi(got[i].user_id + 1);
            assert_true(who >= 0 && who <= 30);
            if (scan < 3)
                assert_int_equal(seen[who], 0); /* no destination twice before every one had its turn */
            seen[who]++;
            if (i > 0) /* round robin by age among the ones seen: the oldest first */
                assert_true(got[i - 1].id < got[i].id);
        }
    }
    for (int i = 0; i <= 30; i++)
        assert_true(seen[i] >= 1);
    /* in flight (skip) and not yet due rows are not picked; per_dest 2 gives the backlog two places */
    cursor[0] = '\0';
    int64_t first = got[0].id;
    assert_int_equal(store_outbox_due(f->st, 2000, &first, 1, 2, cursor, got, 10, &n), BOT_OK);
    for (int i = 0; i < n; i++)
        assert_true(got[i].id != first);
    cursor[0] = '\0';
    assert_int_equal(store_outbox_due(f->st, 999, NULL, 0, 2, cursor, got, 10, &n), BOT_OK);
    assert_int_equal(n, 0); /* nothing is due before 1000 */
    cursor[0] = '\0';
    assert_int_equal(store_outbox_due(f->st, 1000, NULL, 0, 2, cursor, got, 40, &n), BOT_OK);
    assert_int_equal(n, 2); /* at 1000 only the backlog is due: its two oldest */
    assert_string_equal(got[0].user_id, "u000");
    assert_true(got[0].id < got[1].id);
}

/* ---- batched transactions (db.c): webhooks' write transactions share one commit ---- */

struct batch_writer {
    struct store *st;
    const char *id;
    int rollback, violate; /* roll its own back; leave a foreign key broken until COMMIT (the batch's) */
    enum bot_rc rc;        /* its commit's (and fsync's), BOT_ERR when it rolled back */
};

/* A webhook's transaction: store_defer_sync's mode, one inbox row, then its commit and fsync. */
static void *batch_write(void *arg)
{
    struct batch_writer *w = arg;
    struct store_msg_key k = {"cli", "", "u", w->id};
    struct store_pending_sync pending;
    store_defer_sync(w->st);
    w->rc = store_begin(w->st);
    if (w->rc == BOT_OK)
        w->rc = store_inbox_put(w->st, &k, "ok", 1);
    if (w->rc == BOT_OK && w->violate)
        w->rc = store_exec_sql(w->st, "PRAGMA defer_foreign_keys = ON;"
                                      "INSERT INTO member_skills(member_id, service, at) VALUES (999999, '维修', 1);");
    if (w->rc == BOT_OK && w->rollback) {
        store_rollback(w->st);
        w->rc = BOT_ERR;
    } else if (w->rc == BOT_OK) {
        w->rc = store_commit(w->st);
    }
    store_end_defer(w->st, &pending);
    if (w->rc == BOT_OK)
        w->rc = store_sync_pending(&pending);
    return NULL;
}

/* Three webhooks queued for the lock while the fixture's handle holds it, then let go in order: they share one
 * batch. */
static void run_batch(struct fixture *f, struct batch_writer *w, int n)
{
    pthread_t th[3];
    assert_int_equal(store_begin(f->st), BOT_OK);
    for (int i = 0; i < n; i++) {
        assert_int_equal(pthread_create(&th[i], NULL, batch_write, &w[i]), 0);
        while (store_writers_queued(f->st) < i + 2) /* its ticket taken: it waits behind the ones before */
            usleep(1000);
    }
    store_rollback(f->st);
    for (int i = 0; i < n; i++)
        pthread_join(th[i], NULL);
}

static int inbox_has(struct fixture *f, const char *id)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM inbox WHERE message_id = '%s'", id);
    return sql_int(f->path, sql, 0);
}

static void test_webhooks_share_a_batch_and_each_is_told_its_own_outcome(void **state)
{
    SQLITE_ONLY("the write connection's batches");
    struct fixture *f = *state;
    char err[256];
    struct store *h[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(store_open(f->path, "FULL", &h[i], err), BOT_OK);
    /* three commit as one: every one told committed, and each row there */
    uint64_t c0, s0, c1, s1, p0, ps0, p1, ps1;
    store_db_sync_stats(f->st, &c0, &s0);
    store_sync_stats(&p0, &ps0);
    struct batch_writer w[3] = {{h[0], "b1", 0, 0, BOT_ERR}, {h[1], "b2", 0, 0, BOT_ERR}, {h[2], "b3", 0, 0, BOT_ERR}};
    run_batch(f, w, 3);
    store_db_sync_stats(f->st, &c1, &s1);
    store_sync_stats(&p1, &ps1);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(w[i].rc, BOT_OK);
        assert_int_equal(inbox_has(f, w[i].id), 1);
    }
    assert_true(c1 - c0 == 1);  /* one commit of the file for the three */
    assert_true(p1 - p0 == 3);  /* the process counts the three transactions */
    assert_true(s1 - s0 >= 1);  /* and FULL synced them before telling them */
    /* the middle one rolls back: the others are kept */
    struct batch_writer r[3] = {{h[0], "r1", 0, 0, BOT_ERR}, {h[1], "r2", 1, 0, BOT_ERR}, {h[2], "r3", 0, 0, BOT_ERR}};
    run_batch(f, r, 3);
    assert_int_equal(r[0].rc, BOT_OK);
    assert_int_equal(r[1].rc, BOT_ERR);
    assert_int_equal(r[2].rc, BOT_OK);
    assert_int_equal(inbox_has(f, "r1"), 1);
    assert_int_equal(inbox_has(f, "r2"), 0);
    assert_int_equal(inbox_has(f, "r3"), 1);
    /* the batch's COMMIT fails (a foreign key one of them broke, checked at COMMIT): every one of the three is told,
     * and none is kept */
    struct batch_writer v[3] = {{h[0], "v1", 0, 0, BOT_ERR}, {h[1], "v2", 0, 1, BOT_ERR}, {h[2], "v3", 0, 0, BOT_ERR}};
    run_batch(f, v, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(v[i].rc, BOT_DB);
        assert_int_equal(inbox_has(f, v[i].id), 0);
    }
    /* and the file goes on: the next batch (the failed one's number again) commits, told so */
    struct batch_writer a[2] = {{h[0], "a1", 0, 0, BOT_ERR}, {h[1], "a2", 0, 0, BOT_ERR}};
    run_batch(f, a, 2);
    assert_int_equal(a[0].rc, BOT_OK);
    assert_int_equal(a[1].rc, BOT_OK);
    assert_int_equal(inbox_has(f, "a1"), 1);
    commit_one(f->st, "after");
    assert_int_equal(inbox_has(f, "after"), 1);
    for (int i = 0; i < 3; i++)
        store_close(h[i]);
}

static void test_a_job_commits_the_open_batch_before_it_begins(void **state)
{
    SQLITE_ONLY("the write connection's batches");
    /* a webhook's transaction left open for the next writer: when that writer is not a webhook's (a job), the batch
     * commits before the job's begins, so the webhook is told at once and a long job never holds it */
    struct fixture *f = *state;
    char err[256];
    struct store *hook;
    assert_int_equal(store_open(f->path, "NORMAL", &hook, err), BOT_OK);
    assert_int_equal(store_begin(f->st), BOT_OK);
    struct batch_writer w = {hook, "j1", 0, 0, BOT_ERR};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, batch_write, &w), 0);
    while (store_writers_queued(f->st) < 2)
        usleep(1000);
    store_rollback(f->st);
    /* the job queues behind the webhook, which leaves its batch open for it */
    assert_int_equal(store_begin(f->st), BOT_OK);
    pthread_join(th, NULL); /* the webhook was told while the job holds the lock */
    assert_int_equal(w.rc, BOT_OK);
    assert_int_equal(inbox_has(f, "j1"), 1);
    store_rollback(f->st);
    store_close(hook);
}

struct side_writer {
    struct store *st;
    int done;
};

static void *commit_on_side(void *arg)
{
    struct side_writer *w = arg;
    commit_one(w->st, "side");
    __atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

static void test_two_databases_have_their_own_writer_lock_and_commit_counters(void **state)
{
    SQLITE_ONLY("the writer lock per file");
    /* A (the fixture's file, opened twice) and B, another file, open in one
     * process: the handles of A share A's counters and lock, B has its own */
    struct fixture *f = *state;
    char bpath[64], err[256];
    tmpdb_path(bpath);
    struct store *a2, *b, *bfull;
    assert_int_equal(store_open(f->path, "NORMAL", &a2, err), BOT_OK);
    assert_int_equal(store_open(bpath, "NORMAL", &b, err), BOT_OK);
    uint64_t ac0, as0, a2c0, a2s0, bc0, bs0, pc0, ps0, ac, as, a2c, a2s, bc, bs, pc, ps;
    store_db_sync_stats(f->st, &ac0, &as0);
    store_db_sync_stats(a2, &a2c0, &a2s0);
    store_db_sync_stats(b, &bc0, &bs0);
    store_sync_stats(&pc0, &ps0);
    assert_true(ac0 == a2c0 && as0 == a2s0);
    commit_one(f->st, "a1");
    commit_one(a2, "a2");
    commit_one(f->st, "a3");
    store_db_sync_stats(f->st, &ac, &as);
    store_db_sync_stats(a2, &a2c, &a2s);
    store_db_sync_stats(b, &bc, &bs);
    store_sync_stats(&pc, &ps);
    assert_true(ac == ac0 + 3 && a2c == ac); /* both handles of A count A's commits */
    assert_true(bc == bc0 && bs == bs0);     /* B's did not move */
    assert_true(pc == pc0 + 3);              /* the process total is every file's */

    /* FULL on B: B's commit is synced by B's fsync; A's fsync count stays */
    assert_int_equal(store_open(bpath, "FULL", &bfull, err), BOT_OK);
    store_db_sync_stats(f->st, &ac0, &as0);
    store_db_sync_stats(b, &bc0, &bs0);
    commit_one(bfull, "b1");
    store_db_sync_stats(f->st, &ac, &as);
    store_db_sync_stats(b, &bc, &bs);
    assert_true(bc == bc0 + 1 && bs >= bs0 + 1);
    assert_true(ac == ac0 && as == as0);
    store_close(bfull);

    /* while A's writer lock is held, a writer of B commits (one lock per
     * file); a second handle of A would wait */
    assert_int_equal(store_begin(f->st), BOT_OK);
    struct side_writer w = {b, 0};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, commit_on_side, &w), 0);
    for (int i = 0; i < 500 && !__atomic_load_n(&w.done, __ATOMIC_ACQUIRE); i++)
        usleep(10 * 1000);
    int b_committed_meanwhile = __atomic_load_n(&w.done, __ATOMIC_ACQUIRE);
    store_rollback(f->st);
    pthread_join(th, NULL);
    assert_true(b_committed_meanwhile);

    store_close(a2);
    store_close(b);
    tmpdb_remove(bpath);
}

static void test_journal_kinds_are_the_audit_allow_list(void **state)
{
    /* every kind of ledger_kinds.h passes the audit, a kind not listed does
     * not; every system account of the list is in the schema, of its own kind */
    struct fixture *f = *state;
    static const char *const sys[] = {
#define SYS_NAME(name, str) STORE_ACCOUNT_##name,
        STORE_SYSTEM_ACCOUNTS(SYS_NAME)
#undef SYS_NAME
    };
    static const char *const kinds[] = {
#define KIND_NAME(name, str) STORE_KIND_##name,
        STORE_JOURNAL_KINDS(KIND_NAME)
#undef KIND_NAME
    };
    struct store_account acct, adj;
    for (size_t i = 0; i < BOT_ARRAY_LEN(sys); i++) {
        assert_int_equal(store_account_by_name(f->st, sys[i], &acct), BOT_OK);
        assert_string_equal(acct.kind, sys[i]);
    }
    assert_string_equal(STORE_KIND_SERVICE, "service");
    assert_string_equal(STORE_ACCOUNT_FUND, "fund");
    struct store_member m = member(f->st, "k", "K", 0);
    assert_int_equal(store_account_by_name(f->st, STORE_ACCOUNT_ADJUST, &adj), BOT_OK);
    for (size_t i = 0; i < BOT_ARRAY_LEN(kinds); i++) {
        struct store_transfer t = {adj.id, m.account_id, 1, kinds[i], 0, "kind", 2000, 0, 0};
        assert_int_equal(store_begin(f->st), BOT_OK);
        assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK);
        assert_int_equal(store_commit(f->st), BOT_OK);
    }
    assert_audit_ok(f->st);
    struct store_transfer t = {adj.id, m.account_id, 1, "windfall", 0, "kind", 2000, 0, 0};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    char report[4096];
    int broken = 0;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 2); /* the two legs of the "windfall" transaction */
    assert_non_null(strstr(report, "kind windfall"));
}

static void test_inbox_remembers_first_reply(void **state)
{
    struct fixture *f = *state;
    char reply[64];
    int has = 0;
    struct store_msg_key m1 = {"generic", "g1", "u1", "m1"}, m2 = {"generic", "g1", "u1", "m2"};
    assert_int_equal(store_inbox_get(f->st, &m1, reply, sizeof reply, &has), BOT_NOTFOUND);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_inbox_put(f->st, &m1, "好的", 1), BOT_OK);
    assert_int_equal(store_inbox_put(f->st, &m2, NULL, 1), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_inbox_get(f->st, &m1, reply, sizeof reply, &has), BOT_OK);
    assert_int_equal(has, 1);
    assert_string_equal(reply, "好的");
    assert_int_equal(store_inbox_get(f->st, &m2, reply, sizeof reply, &has), BOT_OK);
    assert_int_equal(has, 0);
    /* the same id is another message on another platform, in another chat, or from another sender */
    struct store_msg_key other[] = {{"onebot", "g1", "u1", "m1"}, {"generic", "g2", "u1", "m1"},
                                    {"generic", "g1", "u2", "m1"}, {"generic", "", "u1", "m1"}};
    for (size_t i = 0; i < BOT_ARRAY_LEN(other); i++)
        assert_int_equal(store_inbox_get(f->st, &other[i], reply, sizeof reply, &has), BOT_NOTFOUND);
}

/* A question the bot asked waits for one member in one chat, until it expires; asking again replaces it. */
static void test_pending_question_per_member_and_chat(void **state)
{
    struct fixture *f = *state;
    struct store_pending p;
    struct store_msg_key me = {"cli", "g1", "u1", NULL}, private_chat = {"cli", NULL, "u1", NULL},
                         other = {"cli", "g1", "u2", NULL};
    assert_int_equal(store_pending_get(f->st, &me, 100, &p), BOT_NOTFOUND);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_pending_put(f->st, &me, "post_time", "{\"text\":\"修马桶\"}", 100, 700), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_pending_get(f->st, &me, 699, &p), BOT_OK);
    assert_string_equal(p.kind, "post_time");
    assert_string_equal(p.payload, "{\"text\":\"修马桶\"}");
    assert_int_equal(p.asked_at, 100);
    assert_int_equal(p.expires_at, 700);
    assert_int_equal(store_pending_get(f->st, &me, 700, &p), BOT_NOTFOUND); /* expired */
    assert_int_equal(store_pending_get(f->st, &private_chat, 200, &p), BOT_NOTFOUND);
    assert_int_equal(store_pending_get(f->st, &other, 200, &p), BOT_NOTFOUND);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_pending_put(f->st, &me, "pick", "[3,5]", 200, 800), BOT_OK);
    char big[STORE_PENDING_PAYLOAD_MAX + 1];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(store_pending_put(f->st, &other, "pick", big, 200, 800), BOT_TOOBIG);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_pending_get(f->st, &me, 300, &p), BOT_OK);
    assert_string_equal(p.kind, "pick");
    int n = -1;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_pending_prune(f->st, 799, 100, &n), BOT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_pending_prune(f->st, 800, 100, &n), BOT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_pending_clear(f->st, &me), BOT_OK); /* nothing left: still fine */
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_pending_get(f->st, &me, 300, &p), BOT_NOTFOUND);
}

/* Another handle on the same store (another replica's connection on PostgreSQL) taking the same message and the same
 * job run as the fixture's handle, in a write transaction of its own. */
struct rival {
    const char *path;
    enum bot_rc seen, claimed, committed;
    char reply[32];
    int has_reply;
};

static void *rival_takes(void *arg)
{
    struct rival *r = arg;
    struct store *st;
    char err[256];
    struct store_msg_key k = {"generic", "g1", "u1", "m1"};
    assert_int_equal(store_open(r->path, "NORMAL", &st, err), BOT_OK);
    assert_int_equal(store_begin(st), BOT_OK); /* waits for the other writer */
    r->seen = store_inbox_get(st, &k, r->reply, sizeof r->reply, &r->has_reply);
    r->claimed = store_job_claim(st, "remind", "42", "2026-11", 2000);
    if (r->seen == BOT_NOTFOUND)
        assert_int_equal(store_inbox_put(st, &k, "rival", 2000), BOT_OK);
    r->committed = store_commit(st);
    store_close(st);
    return NULL;
}

static void test_a_message_and_a_job_run_are_taken_once_across_handles(void **state)
{
    /* issue 18: a webhook retried to another replica is answered from the first's inbox row, a job's run is claimed
     * by one replica; the second writer waits for the first (the writer lock: sqlite's per file, PostgreSQL's
     * advisory lock across processes) and then sees its commit */
    struct fixture *f = *state;
    struct store_msg_key k = {"generic", "g1", "u1", "m1"};
    char reply[32];
    int has = 0;
    for (int first_commits = 1; first_commits >= 0; first_commits--) {
        struct rival r = {f->path, BOT_ERR, BOT_ERR, BOT_ERR, "", 0};
        assert_int_equal(store_begin(f->st), BOT_OK);
        assert_int_equal(store_inbox_get(f->st, &k, reply, sizeof reply, &has), first_commits ? BOT_NOTFOUND : BOT_OK);
        if (first_commits)
            assert_int_equal(store_job_claim(f->st, "remind", "42", "2026-11", 1000), BOT_OK);
        pthread_t th;
        assert_int_equal(pthread_create(&th, NULL, rival_takes, &r), 0);
        usleep(200 * 1000); /* the rival is at its begin, waiting */
        assert_int_equal(r.committed, BOT_ERR);
        if (first_commits) {
            assert_int_equal(store_inbox_put(f->st, &k, "first", 1000), BOT_OK);
            assert_int_equal(store_commit(f->st), BOT_OK);
        } else {
            store_rollback(f->st);
        }
        pthread_join(th, NULL);
        assert_int_equal(r.committed, BOT_OK);
        assert_int_equal(r.seen, BOT_OK); /* the first's answer, not handled again */
        assert_true(r.has_reply);
        assert_string_equal(r.reply, "first");
        assert_int_equal(r.claimed, BOT_DUP); /* run once */
    }
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM job_runs WHERE job = 'remind' AND at = ?1", 1000), 1);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM inbox WHERE message_id = 'm1'", 0), 1);
}

static void test_inbox_prune_keeps_recent_rows(void **state)
{
    struct fixture *f = *state;
    char reply[64], id[16];
    int has = 0, deleted = 0;
    assert_int_equal(store_begin(f->st), BOT_OK);
    for (int i = 0; i < 30; i++) {
        snprintf(id, sizeof id, "p%d", i);
        struct store_msg_key k = {"generic", "", "u1", id};
        assert_int_equal(store_inbox_put(f->st, &k, "ok", 1000 + i), BOT_OK); /* at 1000..1029 */
    }
    /* batches of 7 below 1020: 7, 7, 6, then nothing */
    assert_int_equal(store_inbox_prune(f->st, 1020, 7, &deleted), BOT_OK);
    assert_int_equal(deleted, 7);
    assert_int_equal(store_inbox_prune(f->st, 1020, 7, &deleted), BOT_OK);
    assert_int_equal(store_inbox_prune(f->st, 1020, 7, &deleted), BOT_OK);
    assert_int_equal(deleted, 6);
    assert_int_equal(store_inbox_prune(f->st, 1020, 7, &deleted), BOT_OK);
    assert_int_equal(deleted, 0);
    assert_int_equal(store_commit(f->st), BOT_OK);
    struct store_msg_key old = {"generic", "", "u1", "p19"}, kept = {"generic", "", "u1", "p20"};
    assert_int_equal(store_inbox_get(f->st, &old, reply, sizeof reply, &has), BOT_NOTFOUND);
    assert_int_equal(store_inbox_get(f->st, &kept, reply, sizeof reply, &has), BOT_OK);
}

static void test_request_roundtrip(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600);
    struct store_request r, got;
    memset(&r, 0, sizeof r);
    r.requester_id = a.id;
    r.status = STORE_REQ_OPEN;
    strcpy(r.service, "陪诊");
    strcpy(r.text, "求助");
    r.start_at = 5000;
    r.est_minutes = 120;
    r.created_at = 100;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_request_create(f->st, &r), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_true(r.id > 0);
    assert_int_equal(store_request_get(f->st, r.id, &got), BOT_OK);
    assert_int_equal(got.status, STORE_REQ_OPEN);
    assert_int_equal(got.volunteer_id, 0);
    assert_int_equal(got.est_minutes, 120);
    assert_string_equal(got.service, "陪诊");
    got.status = STORE_REQ_ACCEPTED;
    got.volunteer_id = a.id;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_request_update(f->st, &got), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_request_get(f->st, r.id, &got), BOT_OK);
    assert_int_equal(got.status, STORE_REQ_ACCEPTED);
    int n = 0;
    assert_int_equal(store_request_count_open_by(f->st, a.id, &n), BOT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_request_get(f->st, 999, &got), BOT_NOTFOUND);
    /* a status no version of the bot wrote is an error, never read as cancelled */
    enum store_req_status st = STORE_REQ_OPEN;
    assert_int_equal(store_req_status_from_name("cancelled", &st), BOT_OK);
    assert_int_equal(st, STORE_REQ_CANCELLED);
    assert_int_equal(store_req_status_from_name("closed", &st), BOT_INVALID);
    assert_int_equal(store_req_status_from_name(NULL, &st), BOT_INVALID);
    tdb_exec(f->path, "UPDATE requests SET status = 'closed'");
    assert_int_equal(store_request_get(f->st, r.id, &got), BOT_DB);
}

static int64_t new_request(struct fixture *f, int64_t requester, const char *service, int64_t start, int64_t created)
{
    struct store_request r;
    memset(&r, 0, sizeof r);
    r.requester_id = requester;
    r.status = STORE_REQ_OPEN;
    bot_strlcpy(r.service, service, sizeof r.service);
    r.start_at = start;
    r.created_at = created;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_request_create(f->st, &r), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    return r.id;
}

static void set_status(struct fixture *f, int64_t id, enum store_req_status status, int64_t volunteer, int64_t confirmed)
{
    struct store_request r;
    assert_int_equal(store_request_get(f->st, id, &r), BOT_OK);
    r.status = status;
    r.volunteer_id = volunteer;
    r.confirmed_at = confirmed;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_request_update(f->st, &r), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
}

/* A twin: the member's newest request, not cancelled, for the same service and start (none = none) since then,
 * with the same text or place. */
static void test_request_twin(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    int64_t id = -1;
    int64_t r1 = new_request(f, a.id, "陪诊", 5000, 100);
    int64_t r2 = new_request(f, a.id, "维修", 0, 110);
    assert_int_equal(store_request_twin(f->st, a.id, "陪诊", 5000, 100, "", &id), BOT_OK);
    assert_int_equal(id, r1);
    assert_int_equal(store_request_twin(f->st, a.id, "陪诊", 5000, 101, "", &id), BOT_OK); /* too old */
    assert_int_equal(id, 0);
    assert_int_equal(store_request_twin(f->st, a.id, "陪诊", 5001, 0, "", &id), BOT_OK); /* another start */
    assert_int_equal(id, 0);
    assert_int_equal(store_request_twin(f->st, a.id, "陪诊", 0, 0, "", &id), BOT_OK); /* a start against none */
    assert_int_equal(id, 0);
    assert_int_equal(store_request_twin(f->st, a.id, "维修", 0, 0, "", &id), BOT_OK); /* both without a start */
    assert_int_equal(id, r2);
    assert_int_equal(store_request_twin(f->st, b.id, "维修", 0, 0, "", &id), BOT_OK); /* another member */
    assert_int_equal(id, 0);
    /* without a start, another text is another need; at the same start it is still a twin */
    assert_int_equal(store_request_twin(f->st, a.id, "维修", 0, 0, "帮我修电视", &id), BOT_OK);
    assert_int_equal(id, 0);
    assert_int_equal(store_request_twin(f->st, a.id, "陪诊", 5000, 100, "陪我去医院", &id), BOT_OK);
    assert_int_equal(id, r1);
    set_status(f, r2, STORE_REQ_CANCELLED, 0, 0); /* a cancelled request is no twin */
    assert_int_equal(store_request_twin(f->st, a.id, "维修", 0, 0, "", &id), BOT_OK);
    assert_int_equal(id, 0);
}

/* A member's own orders, per side: the ones still going first, closed ones only since closed_since, newest first. */
static void test_request_list_mine(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), v = member(f->st, "v", "V", 600);
    int64_t old_done = new_request(f, a.id, "陪诊", 0, 100);
    int64_t open = new_request(f, a.id, "维修", 0, 200);
    int64_t taken = new_request(f, a.id, "代购", 0, 300);
    int64_t new_done = new_request(f, a.id, "家务", 0, 400);
    int64_t old_cancel = new_request(f, a.id, "跑腿", 0, 150);
    set_status(f, old_done, STORE_REQ_CONFIRMED, v.id, 900);
    set_status(f, taken, STORE_REQ_ACCEPTED, v.id, 0);
    set_status(f, new_done, STORE_REQ_CONFIRMED, v.id, 2000);
    set_status(f, old_cancel, STORE_REQ_CANCELLED, 0, 0);
    struct store_request list[8];
    int n = -1;
    assert_int_equal(store_request_list_mine(f->st, a.id, STORE_SIDE_REQUESTER, 1000, list, 8, &n), BOT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(list[0].id, taken);
    assert_int_equal(list[1].id, open);
    assert_int_equal(list[2].id, new_done);
    assert_int_equal(store_request_list_mine(f->st, a.id, STORE_SIDE_REQUESTER, 0, list, 2, &n), BOT_OK);
    assert_int_equal(n, 2); /* bounded */
    assert_int_equal(store_request_list_mine(f->st, v.id, STORE_SIDE_VOLUNTEER, 1000, list, 8, &n), BOT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, taken);
    assert_int_equal(list[1].id, new_done);
    assert_int_equal(store_request_list_mine(f->st, v.id, STORE_SIDE_REQUESTER, 0, list, 8, &n), BOT_OK);
    assert_int_equal(n, 0);
}

/* Each accept or cancel is remembered with the order's status before and after it; the member's last one, what
 * happened to the order since (other actions, journal rows), undone once; actions older than an hour forgotten. */
static void test_order_actions(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), v = member(f->st, "v", "V", 600),
                        w = member(f->st, "w", "W", 600);
    int64_t r1 = new_request(f, a.id, "陪诊", 0, 100);
    struct store_order_action got, act = {0, v.id, r1, 0, STORE_REQ_OPEN, STORE_REQ_ACCEPTED, 0, v.id, 0, 0, 0, 1000, 0};
    assert_int_equal(store_order_action_last(f->st, v.id, &got), BOT_NOTFOUND);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_order_action_record(f->st, &act, 0), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_true(act.id > 0);
    assert_int_equal(store_order_action_last(f->st, v.id, &got), BOT_OK);
    assert_int_equal(got.id, act.id);
    assert_int_equal(got.request_id, r1);
    assert_int_equal(got.kind, STORE_ACT_ACCEPT);
    assert_int_equal(got.prev_status, STORE_REQ_OPEN);
    assert_int_equal(got.left_status, STORE_REQ_ACCEPTED);
    assert_int_equal(got.left_volunteer, v.id);
    assert_int_equal(got.at, 1000);
    assert_int_equal(got.undone_at, 0);
    int actions = -1, journal = -1;
    assert_int_equal(store_order_action_later(f->st, &got, &actions, &journal), BOT_OK);
    assert_int_equal(actions + journal, 0);
    /* a journal row naming the order, then another member's action on it */
    struct store_transfer t = {a.account_id, v.account_id, 30, "service", r1, "test", 1100, 0, 1};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_transfer(f->st, &t, NULL), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_order_action_later(f->st, &got, &actions, &journal), BOT_OK);
    assert_int_equal(actions, 0);
    assert_int_equal(journal, 2); /* both legs */
    struct store_order_action other = {0, w.id, r1, 1, STORE_REQ_ACCEPTED, STORE_REQ_OPEN, w.id, 0, 0, 0, 0, 1200, 0};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_order_action_record(f->st, &other, 0), BOT_OK);
    assert_int_equal(store_order_action_undone(f->st, other.id, 1300), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_order_action_later(f->st, &got, &actions, &journal), BOT_OK);
    assert_int_equal(actions, 1);
    assert_int_equal(store_order_action_last(f->st, w.id, &got), BOT_OK);
    assert_int_equal(got.kind, STORE_ACT_CANCEL);
    assert_int_equal(got.journal_mark, 2); /* the journal's last row when it was written */
    assert_int_equal(got.undone_at, 1300);
    /* forgotten an hour on */
    struct store_order_action late = {0, a.id, r1, 1, STORE_REQ_OPEN, STORE_REQ_CANCELLED, 0, 0, 0, 0, 0, 5000, 0};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_order_action_record(f->st, &late, 1200), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_order_action_last(f->st, v.id, &got), BOT_NOTFOUND);
    assert_int_equal(store_order_action_last(f->st, w.id, &got), BOT_OK); /* at 1200: kept */
    assert_int_equal(store_order_action_last(f->st, a.id, &got), BOT_OK);
}

/* Property: random transfers among members and the fund, each refused or
 * applied; the store's balances always equal a simple model's, and the audit
 * holds at the end. */
static void test_property_random_transfers_match_model(void **state)
{
    struct fixture *f = *state;
    enum { N = 12, OPS = 2000 };
    struct store_member m[N];
    int64_t model[N + 1] = {0}; /* index N = fund */
    int64_t limit = 300;
    char uid[16];
    for (int i = 0; i < N; i++) {
        snprintf(uid, sizeof uid, "p%d", i);
        m[i] = member(f->st, uid, uid, limit);
    }
    struct store_account fund;
    assert_int_equal(store_account_by_name(f->st, "fund", &fund), BOT_OK);
    srandom(42);
    for (int op = 0; op < OPS; op++) {
        int a = (int)(random() % (N + 1)), b = (int)(random() % (N + 1));
        if (a == b)
            continue;
        int64_t minutes = 1 + random() % 240;
        int64_t from = a == N ? fund.id : m[a].account_id, to = b == N ? fund.id : m[b].account_id;
        enum bot_rc rc = transfer(f->st, from, to, minutes, 1000 + op);
        int allowed = a == N || model[a] - minutes >= -limit;
        assert_int_equal(rc, allowed ? BOT_OK : BOT_LIMIT);
        if (allowed) {
            model[a] -= minutes;
            model[b] += minutes;
        }
    }
    for (int i = 0; i < N; i++) {
        struct store_account acct;
        assert_int_equal(store_account_get(f->st, m[i].account_id, &acct), BOT_OK);
        assert_int_equal(acct.balance, model[i]);
    }
    assert_audit_ok(f->st);
}

/* v41: the member_notices view staff read shows what the member would be shown now (the wall clock): a notice past
 * its stale_at no more than the bot's own reads show it, nor an identity's own (a link alert), nor one delivered. */
static void test_member_notices_view_shows_what_waits_now(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "陈阿姨", 600);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_member_notice(f->st, a.id, "还在等", 1000), BOT_OK);
    assert_int_equal(store_member_notice_about(f->st, a.id, "早已过时", 1000, 0, 2000, 0), BOT_OK);
    assert_int_equal(store_member_notice_about(f->st, a.id, "还没过时", 1000, 0, INT64_C(4000000000), 0), BOT_OK);
    assert_int_equal(store_identity_notice(f->st, "cli", "a", "账号提醒", 1000), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM member_notices WHERE id = ?1 AND notice LIKE '%还在等%' "
                                      "AND notice LIKE '%还没过时%'", a.id), 1);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM member_notices WHERE id = ?1 AND (notice LIKE '%早已过时%' "
                                      "OR notice LIKE '%账号提醒%')", a.id), 0);
}

/* v48 (play-test 17): a notice told by a push is delivered when the push is sent; a push the platform refuses for
 * good puts it back to wait (her next private reply, her 楼长's digest), a link alert pushed to an identity too. */
static void test_a_notice_waits_again_when_its_push_dies(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "林芳", 600);
    struct store_notice n;
    int reached = 1;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_add(f->st, "gift", "cli", NULL, "a", "您收到转赠 半小时", 1000, 1000), BOT_OK);
    assert_int_equal(store_notice_pushed(f->st, a.id, "您收到转赠 半小时", 1000, "cli", "a"), BOT_OK);
    assert_int_equal(store_outbox_add(f->st, "link_alert", "cli", NULL, "a", "已关联一个QQ账号", 1000, 1000), BOT_OK);
    assert_int_equal(store_identity_notice_pushed(f->st, "cli", "a", "已关联一个QQ账号", 1000), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    /* queued: not shown in a reply (it is on its way) */
    assert_int_equal(store_notice_next(f->st, a.id, 1001, &n), BOT_NOTFOUND);
    assert_int_equal(store_identity_notice_next(f->st, "cli", "a", &n), BOT_NOTFOUND);
    assert_int_equal(store_outbox_reached(f->st, "cli", "a", &reached), BOT_OK);
    assert_int_equal(reached, 0);
    int64_t gift = sql_int(f->path, "SELECT min(id) FROM outbox WHERE user_id = 'a'", 0);
    int64_t alert = sql_int(f->path, "SELECT max(id) FROM outbox WHERE user_id = 'a'", 0);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_mark(f->st, gift, STORE_OUTBOX_DEAD, 1100, "retcode 100"), BOT_OK);
    assert_int_equal(store_outbox_mark(f->st, alert, STORE_OUTBOX_DEAD, 1100, "retcode 100"), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_notice_next(f->st, a.id, 1101, &n), BOT_OK);
    assert_string_equal(n.text, "您收到转赠 半小时");
    assert_int_equal(store_identity_notice_next(f->st, "cli", "a", &n), BOT_OK);
    assert_string_equal(n.text, "已关联一个QQ账号");
    int refused = 0;
    assert_int_equal(store_notice_refused(f->st, a.id, 1101, &refused), BOT_OK);
    assert_int_equal(refused, 1); /* her pushes do not reach her: her 楼长's digest passes it on */
    int undigested = 0;
    int64_t ids[4];
    assert_int_equal(store_notices_undigested_members(f->st, 1101, ids, 4, &undigested), BOT_OK);
    assert_int_equal(undigested, 1); /* her 楼长's digest can pass it on */
    /* a push that is sent: delivered when it went */
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_add(f->st, "gift", "cli", NULL, "a", "您收到转赠 1小时", 1200, 1200), BOT_OK);
    assert_int_equal(store_notice_pushed(f->st, a.id, "您收到转赠 1小时", 1200, "cli", "a"), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    int64_t sent = sql_int(f->path, "SELECT max(id) FROM outbox WHERE user_id = 'a'", 0);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_mark(f->st, sent, STORE_OUTBOX_SENT, 1260, NULL), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(sql_int(f->path, "SELECT delivered_at FROM notices WHERE text = '您收到转赠 1小时'", 0), 1260);
    assert_int_equal(store_outbox_reached(f->st, "cli", "a", &reached), BOT_OK);
    assert_int_equal(reached, 1);
    assert_int_equal(store_notice_next(f->st, a.id, 1300, &n), BOT_OK); /* shown in her reply: no longer refused */
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_notice_delivered(f->st, n.id, 1300, "reply"), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_notice_refused(f->st, a.id, 1301, &refused), BOT_OK);
    assert_int_equal(refused, 0);
}

/* v50 (brief U): a pushed notice about an order whose push dies waits as one never pushed would: shown while the
 * order is as it was, before its start as written, from the start as what was missed (late_text), not at all once
 * stale (stale_at) or once the order moved on; a push that went is never shown again. */
static void test_a_dead_push_about_an_order_reads_as_missed_after_its_start(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "陈伯", 600), b = member(f->st, "b", "林芳", 600);
    struct store_notice n;
    int64_t req = new_request(f, a.id, "维修", 10000, 900);
    set_status(f, req, STORE_REQ_ACCEPTED, b.id, 0);
    struct store_notice_about about = {req, 10000 + 43200, 0, 10000, "【没能按时送到】提醒：维修"};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_add(f->st, "reminder", "cli", NULL, "b", "提醒：维修", 5000, 5000), BOT_OK);
    assert_int_equal(store_notice_pushed_about(f->st, b.id, "提醒：维修", 5000, "cli", "b", &about), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_notice_next(f->st, b.id, 5001, &n), BOT_NOTFOUND); /* on its way */
    int64_t push = sql_int(f->path, "SELECT max(id) FROM outbox WHERE user_id = 'b'", 0);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_mark(f->st, push, STORE_OUTBOX_DEAD, 5100, "retcode 100"), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_notice_next(f->st, b.id, 9000, &n), BOT_OK); /* before the start: as written */
    assert_string_equal(n.text, "提醒：维修");
    assert_int_equal(store_notice_next(f->st, b.id, 10000, &n), BOT_OK); /* from the start: what was missed */
    assert_string_equal(n.text, "【没能按时送到】提醒：维修");
    assert_int_equal(store_notice_next_undigested(f->st, b.id, 10100, &n), BOT_OK); /* her 楼长's digest: the same */
    assert_string_equal(n.text, "【没能按时送到】提醒：维修");
    /* passed on to her 楼长 as his line: his line, never her own late words (a review: her door read as his reminder) */
    struct store_member m = member(f->st, "m", "赵楼长", 600);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_notice_pass_to(f->st, n.id, m.id, "【请转告】林芳：…", 10100), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    struct store_notice his;
    assert_int_equal(store_notice_next(f->st, m.id, 10200, &his), BOT_OK);
    assert_string_equal(his.text, "【请转告】林芳：…");
    assert_int_equal(store_notice_next(f->st, b.id, 10000 + 43200, &n), BOT_NOTFOUND); /* stale: not at all */
    /* the order moved on (cancelled): not shown, even before its start */
    set_status(f, req, STORE_REQ_CANCELLED, b.id, 0);
    assert_int_equal(store_notice_next(f->st, b.id, 9000, &n), BOT_NOTFOUND);
    /* about nothing (a reply sent privately instead of in the group): waits as it was written, stale never */
    struct store_notice_about none = {0, 0, 0, 0, NULL};
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_add(f->st, "private_reply", "cli", NULL, "b", "余额 1小时", 6000, 6000), BOT_OK);
    assert_int_equal(store_notice_pushed_about(f->st, b.id, "【群里问的】余额 1小时", 6000, "cli", "b", &none), BOT_OK);
    assert_int_equal(store_outbox_add(f->st, "private_reply", "cli", NULL, "b", "余额 2小时", 6001, 6001), BOT_OK);
    assert_int_equal(store_notice_pushed(f->st, b.id, "【群里问的】余额 2小时", 6001, "cli", "b"), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    int64_t dead = sql_int(f->path, "SELECT min(id) FROM outbox WHERE job = 'private_reply'", 0);
    int64_t went = sql_int(f->path, "SELECT max(id) FROM outbox WHERE job = 'private_reply'", 0);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_mark(f->st, dead, STORE_OUTBOX_DEAD, 6100, "403"), BOT_OK);
    assert_int_equal(store_outbox_mark(f->st, went, STORE_OUTBOX_SENT, 6100, NULL), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    int waiting = 0;
    assert_int_equal(store_notices_waiting(f->st, b.id, 99000, &waiting), BOT_OK);
    assert_int_equal(waiting, 1);
    assert_int_equal(store_notice_next(f->st, b.id, 99000, &n), BOT_OK);
    assert_string_equal(n.text, "【群里问的】余额 1小时");
}

/* [wecom] buildings: the robot's group bound to each building by bot.ini, once in a community-wide list, rebound as
 * the list changes; a chat a member bound with 绑定 is left alone. */
static void test_configured_chats_bound_per_building(void **state)
{
    struct fixture *f = *state;
    struct store_chat chats[8];
    char buildings[8][32];
    int n = 0;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_bind_chat(f->st, "onebot", "5551", "3号楼", 7, 1000), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_bind_configured(f->st, "wecom", " 3号楼, 5号楼 ,", 1000), BOT_OK);
    assert_int_equal(store_chats_of_building(f->st, "5号楼", chats, 8, &n), BOT_OK);
    assert_int_equal(n, 1);
    assert_string_equal(chats[0].platform, "wecom");
    assert_int_equal(store_chats_of_building(f->st, "3号楼", chats, 8, &n), BOT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(store_all_chats(f->st, chats, buildings, 8, &n), BOT_OK);
    assert_int_equal(n, 2); /* the QQ group and the robot, once */
    assert_int_equal(store_bind_configured(f->st, "wecom", "", 1100), BOT_OK);
    assert_int_equal(store_all_chats(f->st, chats, buildings, 8, &n), BOT_OK);
    assert_int_equal(n, 1);
    assert_string_equal(chats[0].platform, "onebot");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_ST(test_a_notice_waits_again_when_its_push_dies),
        TEST_ST(test_a_dead_push_about_an_order_reads_as_missed_after_its_start),
        TEST_ST(test_configured_chats_bound_per_building),
        TEST_ST(test_open_creates_schema_and_system_accounts),
        TEST_ST(test_identity_seen_at),
        TEST_ST(test_both_engines_list_the_same_tables_and_columns),
        TEST_ST(test_member_identity_and_account_name),
        TEST_ST(test_a_member_is_reached_on_her_own_identity_first),
        TEST_ST(test_transfer_is_double_entry),
        TEST_ST(test_overdraft_limit_refuses_and_writes_nothing),
        TEST_ST(test_transfer_rejects_zero_negative_and_self),
        TEST_ST(test_lots_spend_oldest_first),
        TEST_ST(test_lots_expiring_reads_what_is_due),
        TEST_ST(test_a_payment_never_spends_a_lot_past_its_date),
        TEST_ST(test_a_refund_of_hours_past_their_date_expires_them_at_once),
        TEST_ST(test_a_read_group_sees_one_snapshot),
        TEST_ST(test_audit_detects_a_tampered_balance),
        TEST_ST(test_cash_ledger),
        TEST_ST(test_expiry_in_batches_of_accounts_one_leg_each),
        TEST_ST(test_expiry_in_batches_few_due_walk_the_index),
        TEST_ST(test_expiry_whole_tick_as_batch_by_batch),
        TEST_ST(test_expiry_whole_tick_few_due),
        TEST_ST(test_expiry_batch_read_before_a_change_is_read_again),
        TEST_ST(test_expiry_tick_beside_payments_keeps_the_ledger),
        TEST_ST(test_migration_to_v5_fills_expiry_bounds_and_audit_checks_them),
        TEST_ST(test_migration_to_v7_keeps_one_code_per_member),
        TEST_ST(test_migration_to_v8_keeps_birthdays_private_until_asked),
        TEST_ST(test_migration_to_v10_keeps_codes_live_and_a_tombstone_beside_a_new_code),
        TEST_ST(test_migration_to_v31_lists_skills_under_their_buildings),
        TEST_ST(test_migration_to_v39_earned_is_the_service_kept),
        TEST_ST(test_member_notices_view_shows_what_waits_now),
        TEST_ST(test_the_outbox_scan_serves_more_destinations_than_it_sees_in_turn),
        TEST_ST(test_webhooks_share_a_batch_and_each_is_told_its_own_outcome),
        TEST_ST(test_a_job_commits_the_open_batch_before_it_begins),
        TEST_ST(test_wal_is_checkpointed_under_concurrent_writers),
        TEST_ST(test_group_commit_syncs_every_commit_with_fewer_fsyncs),
        TEST_ST(test_two_databases_have_their_own_writer_lock_and_commit_counters),
        TEST_ST(test_journal_kinds_are_the_audit_allow_list),
        TEST_ST(test_inbox_remembers_first_reply),
        TEST_ST(test_inbox_prune_keeps_recent_rows),
        TEST_ST(test_a_message_and_a_job_run_are_taken_once_across_handles),
        TEST_ST(test_pending_question_per_member_and_chat),
        TEST_ST(test_a_lost_postgres_connection_is_made_again),
        TEST_ST(test_request_roundtrip),
        TEST_ST(test_property_random_transfers_match_model),
        TEST_ST(test_request_twin),
        TEST_ST(test_request_list_mine),
        TEST_ST(test_order_actions),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
