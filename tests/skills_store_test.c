/* skills_store_test.c — store/skills.c through the statement layer, the same cases on sqlite and (BOT_PG_URL set:
 * make test-pg) on PostgreSQL; the layer's translation of a statement's text for PostgreSQL. */
#include "test_util.h"

#include "../store/store_int.h"

/* Both engines seed the same rows with the same SQL (the dialect both accept). Building 3号楼 unless said:
 * 1 the requester (also offers 维修); 2 rated 5 stars; 3 earned past level 2; 4 unrated, idle; 5 unrated,
 * accepted an order lately; 6 in 4号楼; 7 suspended; 8 banned from accepting; 9 offers 陪诊 only. */
static const char seed[] =
    "INSERT INTO members(id, name, building, created_at, account_id, suspended, accept_banned_until) VALUES"
    " (1,'张秀英','3号楼',1,11,0,0), (2,'王师傅','3号楼',1,12,0,0), (3,'李师傅','3号楼',1,13,0,0),"
    " (4,'赵师傅','3号楼',1,14,0,0), (5,'钱师傅','3号楼',1,15,0,0), (6,'孙师傅','4号楼',1,16,0,0),"
    " (7,'周师傅','3号楼',1,17,1,0), (8,'吴师傅','3号楼',1,18,0,2000000000), (9,'郑师傅','3号楼',1,19,0,0);"
    "INSERT INTO accounts(id, name, kind, member_id, earned) VALUES"
    " (11,'m1','member',1,0), (12,'m2','member',2,60), (13,'m3','member',3,3000), (14,'m4','member',4,0),"
    " (15,'m5','member',5,0), (16,'m6','member',6,9000), (17,'m7','member',7,9000), (18,'m8','member',8,9000),"
    " (19,'m9','member',9,9000);"
    /* what each earned is service the fund paid her and she kept (the audit holds earned to it), as lots */
    "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) SELECT id, id, earned, 'service', 'seed', 1 "
    "FROM accounts WHERE kind = 'member' AND earned > 0;"
    "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) SELECT a.id, f.id, -a.earned, 'service', 'seed', 1 "
    "FROM accounts a, accounts f WHERE a.kind = 'member' AND a.earned > 0 AND f.name = 'fund';"
    "INSERT INTO lots(account_id, minutes, remaining, earned_at, txn) SELECT id, earned, earned, 1, id FROM accounts "
    "WHERE kind = 'member' AND earned > 0;"
    "UPDATE accounts SET balance = -(SELECT sum(earned) FROM accounts WHERE kind = 'member') WHERE name = 'fund';"
    "UPDATE accounts SET balance = earned WHERE kind = 'member';"
    "INSERT INTO requests(id, requester_id, volunteer_id, status, service, text, created_at, accepted_at) VALUES"
    " (1,1,2,'confirmed','维修','修水管',100,100), (2,1,5,'accepted','维修','修灯',900,900);"
    "INSERT INTO ratings(request_id, rater_id, ratee_id, stars, at) VALUES (1,1,2,5,200);";

static int setup_sqlite(void **state)
{
    char err[256] = "";
    struct store *st = NULL;
    if (store_open(":memory:", "NORMAL", &st, err) != BOT_OK) {
        fprintf(stderr, "sqlite: %s\n", err);
        return -1;
    }
    *state = st;
    return store_exec_sql(st, seed) == BOT_OK ? 0 : -1;
}

static int setup_pg(void **state)
{
    char err[256] = "";
    struct store *st = NULL;
    char path[64];
    tmpdb_path(path); /* the database emptied, store_open makes its schema anew */
    if (store_open(path, "NORMAL", &st, err) != BOT_OK) {
        fprintf(stderr, "postgres: %s\n", err);
        return -1;
    }
    *state = st;
    return store_exec_sql(st, seed) == BOT_OK ? 0 : -1;
}

static int teardown(void **state)
{
    store_close(*state);
    return 0;
}

static void test_an_offer_is_kept_once(void **state)
{
    struct store *st = *state;
    int has = -1;
    assert_int_equal(store_skill_has(st, 2, "维修", &has), BOT_OK);
    assert_int_equal(has, 0);
    assert_int_equal(store_skill_add(st, 2, "维修", 1000), BOT_OK);
    assert_int_equal(store_skill_add(st, 2, "维修", 1001), BOT_OK); /* again: kept once, no error */
    assert_int_equal(store_skill_has(st, 2, "维修", &has), BOT_OK);
    assert_int_equal(has, 1);
    assert_int_equal(store_skill_has(st, 2, "陪诊", &has), BOT_OK);
    assert_int_equal(has, 0);
    assert_int_equal(store_skill_has(st, 3, "维修", &has), BOT_OK);
    assert_int_equal(has, 0);
}

static void test_a_certificate_is_recorded_then_replaced_and_listed(void **state)
{
    struct store *st = *state;
    int64_t until = -1;
    struct store_cert certs[4];
    int n = -1;
    assert_int_equal(store_cert_expires(st, 4, "托管", &until), BOT_OK);
    assert_int_equal(until, 0);
    assert_int_equal(store_cert_set(st, 4, "托管", 1800000000, 1, 1000), BOT_OK);
    assert_int_equal(store_cert_set(st, 4, "托管", 1900000000, 3, 1100), BOT_OK); /* renewed: one row */
    assert_int_equal(store_cert_set(st, 4, "急救", 1850000000, 1, 1200), BOT_OK);
    assert_int_equal(store_cert_expires(st, 4, "托管", &until), BOT_OK);
    assert_int_equal(until, 1900000000);
    assert_int_equal(store_certs_of(st, 4, certs, 4, &n), BOT_OK);
    assert_int_equal(n, 2);
    /* ordered by service: both engines compare the UTF-8 bytes (PostgreSQL's C collation, sqlite's BINARY) */
    assert_string_equal(certs[0].service, "急救");
    assert_int_equal(certs[0].expires_at, 1850000000);
    assert_string_equal(certs[1].service, "托管");
    assert_int_equal(certs[1].expires_at, 1900000000);
    assert_int_equal(store_certs_of(st, 4, certs, 1, &n), BOT_OK); /* bounded by max */
    assert_int_equal(n, 1);
    assert_int_equal(store_certs_of(st, 5, certs, 4, &n), BOT_OK);
    assert_int_equal(n, 0);
}

static void test_a_request_reaches_the_skilled_by_level_rating_then_load(void **state)
{
    struct store *st = *state;
    for (int64_t m = 1; m <= 8; m++)
        assert_int_equal(store_skill_add(st, m, "维修", 500), BOT_OK);
    assert_int_equal(store_skill_add(st, 9, "陪诊", 500), BOT_OK);
    struct store_match_query mq = {.service = "维修", .building = "3号楼", .exclude = 1,
                                   .load_since = 800, .level2_minutes = 1200, .level3_minutes = 6000};
    int64_t ids[8];
    int n = -1;
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    /* 7 and 8 (level 3; suspended and banned: the caller skips them), 3 (level 2), 2 (5 stars), 4 (idle), 5 (busy
     * since 800); never 1 (the requester), 6 (4号楼), 9 (陪诊) */
    assert_int_equal(n, 6);
    assert_int_equal(ids[0], 7);
    assert_int_equal(ids[1], 8);
    assert_int_equal(ids[2], 3);
    assert_int_equal(ids[3], 2);
    assert_int_equal(ids[4], 4);
    assert_int_equal(ids[5], 5);
    assert_int_equal(store_match_volunteers(st, &mq, ids, 4, &n), BOT_OK);
    assert_int_equal(n, 4);
    assert_int_equal(ids[3], 2);
    mq.load_since = 950; /* 5's order is older than that: 4 and 5 tie, the lower id first */
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(n, 6);
    assert_int_equal(ids[4], 4);
    /* new earnings and a rating as a volunteer move an offer up: 5 earns to level 2 and, rated 5 stars for the order
     * she took (#2), passes 3; a rating 1 gets as a requester (#1) counts for nothing here */
    assert_int_equal(store_rating_add(st, 2, 1, 5, 5, 1000), BOT_OK);
    assert_int_equal(store_rating_add(st, 1, 2, 1, 5, 1000), BOT_OK);
    assert_int_equal(store_begin(st), BOT_OK);
    struct store_transfer t = {11, 15, 1200, "service", 0, "test", 1000, 0, 0};
    assert_int_equal(store_transfer(st, &t, NULL), BOT_OK);
    assert_int_equal(store_commit(st), BOT_OK);
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(n, 6);
    assert_int_equal(ids[2], 5);
    assert_int_equal(ids[3], 3);
    assert_int_equal(ids[4], 2);
    assert_int_equal(ids[5], 4);
    mq.exclude = 9; /* 1 a candidate too: unrated as a volunteer (her 5 stars came as a requester): after 2, then 4 */
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(n, 7);
    assert_int_equal(ids[5], 1);
    assert_int_equal(ids[6], 4);
    mq.exclude = 1;
    mq.building = "5号楼";
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(n, 0);
    /* 4 moves to 5号楼 (registers again): her offer moves with her, out of 3号楼's match into 5号楼's */
    assert_int_equal(store_begin(st), BOT_OK);
    assert_int_equal(store_member_register(st, 4, "赵师傅", "5号楼", "", 1100), BOT_OK);
    assert_int_equal(store_commit(st), BOT_OK);
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], 4);
    mq.building = "3号楼";
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(n, 5);
    char report[2048];
    int broken = -1;
    assert_int_equal(store_audit(st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 0);
    /* a skill listed under another building than its member's: the audit says so */
    assert_int_equal(store_exec_sql(st, "UPDATE member_skills SET building = '3号楼' WHERE member_id = 4"), BOT_OK);
    assert_int_equal(store_audit(st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 1);
    assert_non_null(strstr(report, "member 4 offers 维修 in 3号楼 but lives in 5号楼"));
    /* an offer whose level or ratings are not its member's: the audit says so */
    assert_int_equal(store_exec_sql(st, "UPDATE member_skills SET building = '5号楼', earned = 7 WHERE member_id = 4"),
                     BOT_OK);
    assert_int_equal(store_audit(st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 1);
    assert_non_null(strstr(report, "member 4 offers 维修 with earned 7 and 0/0 stars but has 0 and 0/0"));
    /* an offer whose bound of its member's latest accept is below one of her accepts (5 took #2 at 900): said */
    assert_int_equal(store_exec_sql(st, "UPDATE member_skills SET earned = 0 WHERE member_id = 4;"
                                        "UPDATE member_skills SET last_accept = 899 WHERE member_id = 5"), BOT_OK);
    assert_int_equal(store_audit(st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 1);
    assert_non_null(strstr(report, "member 5 offers 维修 with latest accept 899 but accepted an order at 900"));
}

static void test_a_rolled_back_offer_is_gone_and_a_committed_one_stays(void **state)
{
    struct store *st = *state;
    int has = -1;
    assert_int_equal(store_begin(st), BOT_OK);
    assert_int_equal(store_skill_add(st, 6, "维修", 1000), BOT_OK);
    store_rollback(st);
    assert_int_equal(store_skill_has(st, 6, "维修", &has), BOT_OK);
    assert_int_equal(has, 0);
    assert_int_equal(store_begin(st), BOT_OK);
    assert_int_equal(store_skill_add(st, 6, "维修", 1000), BOT_OK);
    assert_int_equal(store_commit(st), BOT_OK);
    assert_int_equal(store_skill_has(st, 6, "维修", &has), BOT_OK);
    assert_int_equal(has, 1);
}

static void test_an_accept_counts_in_the_load_through_the_offers_bound(void **state)
{
    struct store *st = *state;
    for (int64_t m = 4; m <= 5; m++)
        assert_int_equal(store_skill_add(st, m, "维修", 500), BOT_OK);
    /* the bound is filled from the orders she holds (5 accepted #2 at 900): 5's order counts, 4 is idle */
    struct store_match_query mq = {.service = "维修", .building = "3号楼", .exclude = 1,
                                   .load_since = 800, .level2_minutes = 1200, .level3_minutes = 6000};
    int64_t ids[8];
    int n = -1;
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 4); /* idle first */
    /* 4 accepts two orders at 1000 and 1100: the bound follows, and her load (2) now passes 5's (1) */
    assert_int_equal(store_exec_sql(st, "INSERT INTO requests(id, requester_id, status, service, text, created_at) "
                                        "VALUES (3,1,'open','维修','修门',950), (4,1,'open','维修','修窗',950);"),
                     BOT_OK);
    for (int64_t id = 3; id <= 4; id++) {
        struct store_request r;
        assert_int_equal(store_request_get(st, id, &r), BOT_OK);
        r.volunteer_id = 4;
        r.status = STORE_REQ_ACCEPTED;
        r.accepted_at = 900 + 100 * id - 200;
        assert_int_equal(store_begin(st), BOT_OK);
        assert_int_equal(store_request_update(st, &r), BOT_OK);
        assert_int_equal(store_commit(st), BOT_OK);
    }
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 5);
    assert_int_equal(ids[1], 4);
    /* counted since 1050: only 4's accept at 1100 (her bound said to count; 5's 900 says not to) */
    mq.load_since = 1050;
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(ids[0], 5);
    /* an older accept written later never lowers it (it bounds every accept from above) */
    struct store_request r;
    assert_int_equal(store_request_get(st, 3, &r), BOT_OK);
    r.accepted_at = 850;
    assert_int_equal(store_begin(st), BOT_OK);
    assert_int_equal(store_request_update(st, &r), BOT_OK);
    assert_int_equal(store_commit(st), BOT_OK);
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(ids[0], 5); /* 4's accept at 1100 still counted */
    /* since after every accept of hers: no order row is counted, both idle, the lower id first */
    mq.load_since = 1200;
    assert_int_equal(store_match_volunteers(st, &mq, ids, 8, &n), BOT_OK);
    assert_int_equal(ids[0], 4);
}

static void test_a_statement_for_an_unknown_member_fails_cleanly(void **state)
{
    struct store *st = *state;
    /* the foreign key holds on both engines; the handle stays usable after */
    int has = -1;
    assert_int_equal(store_skill_add(st, 99, "维修", 1000), BOT_DB);
    assert_int_equal(store_skill_has(st, 2, "维修", &has), BOT_OK);
    assert_int_equal(has, 0);
}

/* ---- a member's list of open orders (store_request_list_open_for), against the whole sort written out in C ---- */

#define LIST_T 1800000000 /* the list's "now": an order starting at or before it is not listed */
#define LIST_N 90         /* orders seeded: ids 10 .. 10 + LIST_N - 1 */

static const char *const list_services[4] = {"维修", "陪诊", "代购", "陪伴"};
static const char *const list_buildings[4] = {"3号楼", "4号楼", "7号楼", "8号楼"}; /* branches 1, 1, 2, 3 (cross) */

struct list_order {
    int64_t id, start, reopen;
    int service, building, open;
};

static int list_branch(int building) { return building == 2 ? 2 : building == 3 ? 3 : 1; }

/* Orders of every kind the list must tell apart, from a fixed sequence: each service, untimed (a quarter), starts
 * shared by several (the newer first), already started (not listed) unless a no-show reopened it, not open, and in
 * each branch; seeded into the store. */
static void seed_list_orders(struct store *st, struct list_order *o)
{
    char sql[512];
    assert_int_equal(store_exec_sql(st,
                                    "INSERT INTO accounts(id, name, kind) VALUES (40,'fund:2','fund'), (41,'fund:3','fund');"
                                    "INSERT INTO branches(id, name, fund_account, allow_cross) VALUES (2,'东区',40,0), (3,'西区',41,1);"
                                    "INSERT INTO building_branches(building, branch_id) VALUES ('7号楼',2), ('8号楼',3);"
                                    "INSERT INTO accounts(id, name, kind, member_id) VALUES (30,'m20','member',20);"
                                    "INSERT INTO members(id, name, building, created_at, account_id) VALUES (20,'东区居民','7号楼',1,30);"),
                     BOT_OK);
    uint32_t x = 12345;
    for (int i = 0; i < LIST_N; i++) {
        x = x * 1103515245u + 12345u;
        uint32_t r = x >> 8;
        struct list_order *p = &o[i];
        p->id = 10 + i;
        p->service = r % 4;
        p->building = (r >> 2) % 4;
        p->open = (r >> 4) % 10 != 0;
        p->start = (r >> 8) % 4 == 0 ? 0 : LIST_T + ((int64_t)((r >> 10) % 12) - 3) * 3600; /* 3 of 12 started */
        p->reopen = p->start && p->start <= LIST_T && (r >> 14) % 2 ? LIST_T + 7200 : 0;
        char start[24] = "NULL", reopen[24] = "NULL";
        if (p->start)
            snprintf(start, sizeof start, "%lld", (long long)p->start);
        if (p->reopen)
            snprintf(reopen, sizeof reopen, "%lld", (long long)p->reopen);
        snprintf(sql, sizeof sql,
                 "INSERT INTO requests(id, requester_id, status, service, text, start_at, reopen_start, created_at, "
                 "building) VALUES (%lld, 1, '%s', '%s', '帮个忙', %s, %s, %lld, '%s');",
                 (long long)p->id, p->open ? "open" : "accepted", list_services[p->service], start, reopen,
                 (long long)(1000 + i), list_buildings[p->building]);
        assert_int_equal(store_exec_sql(st, sql), BOT_OK);
    }
}

/* The list's order written out: her services first, then the timed by start (newer first on a tie), untimed last,
 * newest first. */
static int list_skills; /* bit per service the viewer offers, for list_cmp */
static int list_cmp(const void *a, const void *b)
{
    const struct list_order *x = a, *y = b;
    int sx = !(list_skills >> x->service & 1), sy = !(list_skills >> y->service & 1);
    if (sx != sy)
        return sx - sy;
    if ((x->start == 0) != (y->start == 0))
        return x->start == 0 ? 1 : -1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->id > y->id ? -1 : 1;
}

static void test_a_members_open_list_pages_in_the_whole_sorts_order(void **state)
{
    struct store *st = *state;
    struct list_order orders[LIST_N], want[LIST_N];
    seed_list_orders(st, orders);
    assert_int_equal(store_skill_add(st, 2, "维修", 500), BOT_OK);
    assert_int_equal(store_skill_add(st, 2, "代购", 500), BOT_OK);
    assert_int_equal(store_skill_add(st, 20, "陪诊", 500), BOT_OK);
    /* anyone (0), a volunteer of two services, one with none (branch 1), one in branch 2 with a service */
    static const struct {
        int64_t id;
        int skills, branch;
    } viewers[] = {{0, 0, 1}, {2, 1 | 4, 1}, {4, 0, 1}, {20, 2, 2}};
    for (size_t v = 0; v < sizeof viewers / sizeof viewers[0]; v++) {
        int nwant = 0;
        for (int i = 0; i < LIST_N; i++) {
            const struct list_order *o = &orders[i];
            int b = list_branch(o->building);
            int ahead = o->start == 0 || (o->reopen ? o->reopen : o->start) > LIST_T;
            if (o->open && ahead && (b == viewers[v].branch || b == 3))
                want[nwant++] = *o;
        }
        list_skills = viewers[v].skills;
        qsort(want, (size_t)nwant, sizeof want[0], list_cmp);
        assert_true(nwant > 20); /* every part has rows, and pages of 7 cross the parts' borders */
        /* page by page, each from where the one before ended */
        struct store_open_key after = {0, 0, 0}, last;
        for (int offset = 0; offset <= nwant; offset += 7) {
            struct store_request page[7];
            int n = -1, left = -1, many = -1;
            assert_int_equal(
                store_request_list_open_for(st, viewers[v].id, LIST_T, &after, page, 7, &n, &left, &many, &last),
                BOT_OK);
            assert_int_equal(n, nwant - offset < 7 ? nwant - offset : 7);
            assert_int_equal(left, nwant - offset - n);
            assert_int_equal(many, 0);
            for (int i = 0; i < n; i++) {
                if (page[i].id != want[offset + i].id)
                    fail_msg("viewer %lld, row %d: #%lld listed, #%lld expected", (long long)viewers[v].id, offset + i,
                             (long long)page[i].id, (long long)want[offset + i].id);
                assert_int_equal(page[i].status, STORE_REQ_OPEN);
            }
            if (n)
                after = last;
        }
    }
}

static void test_a_long_open_list_counts_a_hundred_past_the_page(void **state)
{
    struct store *st = *state;
    char sql[256];
    for (int i = 0; i < 130; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO requests(id, requester_id, status, service, text, created_at, building) "
                 "VALUES (%d, 1, 'open', '陪伴', '聊聊天', %d, '3号楼');", 100 + i, 1000 + i);
        assert_int_equal(store_exec_sql(st, sql), BOT_OK);
    }
    struct store_request page[10];
    struct store_open_key last, after = {0, 0, 0};
    int n = -1, left = -1, many = -1;
    /* the first page: 10 listed (newest first); 120 follow, more than the 100 counted */
    assert_int_equal(store_request_list_open_for(st, 4, LIST_T, &after, page, 10, &n, &left, &many, &last), BOT_OK);
    assert_int_equal(n, 10);
    assert_int_equal(page[0].id, 229);
    assert_int_equal(left, 100);
    assert_int_equal(many, 1);
    assert_int_equal(last.id, 220);
    /* an order of the page taken meanwhile (#225): the next page goes on after #220 (an offset of 10 would skip
     * #219), and what follows is counted as it is now */
    assert_int_equal(store_exec_sql(st, "UPDATE requests SET status = 'accepted' WHERE id = 225;"), BOT_OK);
    after = last;
    assert_int_equal(store_request_list_open_for(st, 4, LIST_T, &after, page, 10, &n, &left, &many, &last), BOT_OK);
    assert_int_equal(page[0].id, 219);
    assert_int_equal(last.id, 210);
    assert_int_equal(many, 1); /* 110 follow */
    after = last;
    assert_int_equal(store_request_list_open_for(st, 4, LIST_T, &after, page, 10, &n, &left, &many, &last), BOT_OK);
    assert_int_equal(page[0].id, 209);
    assert_int_equal(left, 100); /* #199 … #100: counted exactly */
    assert_int_equal(many, 0);
    /* past the end: nothing follows */
    after = (struct store_open_key){3, 0, 100};
    assert_int_equal(store_request_list_open_for(st, 4, LIST_T, &after, page, 10, &n, &left, &many, &last), BOT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(left, 0);
    /* a nonsense page is refused, not read */
    after.part = 7;
    assert_int_equal(store_request_list_open_for(st, 4, LIST_T, &after, page, 10, &n, &left, &many, &last),
                     BOT_INVALID);
}

static void test_parameters_are_numbered_for_postgres_outside_quotes(void **state)
{
    char out[128];
    int n = -1;
    assert_int_equal(pgsql_translate("SELECT ?1, '?2', \"a?\", ?12 + ?", out, sizeof out, &n), BOT_OK);
    assert_string_equal(out, "SELECT $1, '?2', \"a?\", $12 + $1");
    assert_int_equal(n, 12);
    assert_int_equal(pgsql_translate("SELECT 'it''s ?', ?2", out, sizeof out, &n), BOT_OK);
    assert_string_equal(out, "SELECT 'it''s ?', $2");
    /* sqlite's plan pinning is dropped: PostgreSQL plans alone, and its CROSS JOIN takes no ON */
    assert_int_equal(pgsql_translate("SELECT 1 FROM requests r INDEXED BY requests_x CROSS JOIN members m  ON m.id = "
                                     "r.v JOIN a NOT INDEXED ON 1 CROSS JOIN journal j INDEXED BY jx ON 2 "
                                     "CROSS JOIN b WHERE 'x INDEXED BY y' = ?",
                                     out, sizeof out, &n),
                     BOT_OK);
    assert_string_equal(out, "SELECT 1 FROM requests r JOIN members m  ON m.id = r.v JOIN a ON 1 JOIN journal j ON 2 "
                             "CROSS JOIN b WHERE 'x INDEXED BY y' = $1");
    assert_int_equal(pgsql_translate("SELECT ?99", out, sizeof out, &n), BOT_INVALID);
    assert_int_equal(pgsql_translate("SELECT ?1", out, 6, &n), BOT_INVALID);
}

#define CASES(setup)                                                                              \
    cmocka_unit_test_setup_teardown(test_an_offer_is_kept_once, setup, teardown),                 \
    cmocka_unit_test_setup_teardown(test_a_certificate_is_recorded_then_replaced_and_listed, setup, teardown), \
    cmocka_unit_test_setup_teardown(test_a_request_reaches_the_skilled_by_level_rating_then_load, setup, teardown), \
    cmocka_unit_test_setup_teardown(test_a_rolled_back_offer_is_gone_and_a_committed_one_stays, setup, teardown), \
    cmocka_unit_test_setup_teardown(test_a_statement_for_an_unknown_member_fails_cleanly, setup, teardown), \
    cmocka_unit_test_setup_teardown(test_an_accept_counts_in_the_load_through_the_offers_bound, setup, teardown), \
    cmocka_unit_test_setup_teardown(test_a_members_open_list_pages_in_the_whole_sorts_order, setup, teardown), \
    cmocka_unit_test_setup_teardown(test_a_long_open_list_counts_a_hundred_past_the_page, setup, teardown)

int main(void)
{
    const struct CMUnitTest on_sqlite[] = {CASES(setup_sqlite),
                                           cmocka_unit_test(test_parameters_are_numbered_for_postgres_outside_quotes)};
    const struct CMUnitTest on_pg[] = {CASES(setup_pg)};
    int failed = cmocka_run_group_tests_name("skills on sqlite", on_sqlite, NULL, NULL);
    const char *url = getenv("BOT_PG_URL");
    if (url && *url)
        failed += cmocka_run_group_tests_name("skills on postgres", on_pg, NULL, NULL);
    else
        printf("SKIP skills on postgres: BOT_PG_URL unset (make test-pg runs it)\n");
    return failed ? 1 : 0;
}
