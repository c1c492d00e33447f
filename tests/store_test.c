/* store_test.c — schema, members, requests, the double-entry ledger, lots,
 * inbox, audit; plus a property test of random transfers against a model. */
#include "test_util.h"

#include <sqlite3.h>

#include "../store/store.h"

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
    struct store_transfer t = {from, to, minutes, "service", 0, "test", now, 0, 1, 1, 0};
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
    assert_int_equal(store_audit(st, report, sizeof report, &broken), BOT_OK);
    if (broken)
        fprintf(stderr, "%s", report);
    assert_int_equal(broken, 0);
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

static void test_lots_spend_oldest_first(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 60, 1000), BOT_OK); /* lot 1: 60 */
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 30, 2000), BOT_OK); /* lot 2: 30 */
    assert_int_equal(transfer(f->st, b.account_id, a.account_id, 70, 3000), BOT_OK); /* pays a's debt */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT remaining FROM lots WHERE account_id = ? ORDER BY id", -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_int64(s, 1, b.account_id);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 0);  /* oldest spent first */
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 20);
    sqlite3_finalize(s);
    /* a was at -90; +70 pays debt and creates no lot */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM lots WHERE account_id = ?", -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_int64(s, 1, a.account_id);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    assert_audit_ok(f->st);
}

static void test_audit_detects_a_tampered_balance(void **state)
{
    struct fixture *f = *state;
    struct store_member a = member(f->st, "a", "A", 600), b = member(f->st, "b", "B", 600);
    assert_int_equal(transfer(f->st, a.account_id, b.account_id, 60, 1000), BOT_OK);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE accounts SET balance = balance + 1 WHERE name = 'cli:b'", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO journal(txn, account_id, minutes, kind, at) VALUES (999, 1, 5, 'adjustment', 0)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char report[4096];
    int broken = 0;
    assert_int_equal(store_audit(f->st, report, sizeof report, &broken), BOT_OK);
    assert_true(broken >= 3);
    assert_non_null(strstr(report, "journal sums to zero"));
    assert_non_null(strstr(report, "balances equal their entries"));
}

static void test_inbox_remembers_first_reply(void **state)
{
    struct fixture *f = *state;
    char reply[64];
    int has = 0;
    assert_int_equal(store_inbox_get(f->st, "generic", "m1", reply, sizeof reply, &has), BOT_NOTFOUND);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_inbox_put(f->st, "generic", "m1", "好的", 1), BOT_OK);
    assert_int_equal(store_inbox_put(f->st, "generic", "m2", NULL, 1), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(store_inbox_get(f->st, "generic", "m1", reply, sizeof reply, &has), BOT_OK);
    assert_int_equal(has, 1);
    assert_string_equal(reply, "好的");
    assert_int_equal(store_inbox_get(f->st, "generic", "m2", reply, sizeof reply, &has), BOT_OK);
    assert_int_equal(has, 0);
    assert_int_equal(store_inbox_get(f->st, "onebot", "m1", reply, sizeof reply, &has), BOT_NOTFOUND);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_creates_schema_and_system_accounts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_identity_and_account_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transfer_is_double_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overdraft_limit_refuses_and_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transfer_rejects_zero_negative_and_self, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lots_spend_oldest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_detects_a_tampered_balance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inbox_remembers_first_reply, setup, teardown),
        cmocka_unit_test_setup_teardown(test_request_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_property_random_transfers_match_model, setup, teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
