/* outbox_test.c — the sender's picking: round robin across destinations, caps per chat, per host and in all,
 * rate-limited rows skipped without stopping the scan; and what it records for a refused or dead push. */
#include "test_util.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../bot/outbox.h"

#define T0 1795370400 /* the fake clock, in seconds */

struct fixture {
    char path[64];
    struct store *st;
    struct bot_config cfg;
    struct bot_sender *s;
};

/* A loopback port nobody listens on: connections to it are refused at once. */
static int dead_port(void)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char err[256];
    int port = dead_port();
    tmpdb_path(f->path);
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    bot_config_defaults(&f->cfg);
    /* OneBot on one host, Telegram on another */
    snprintf(f->cfg.onebot_api_url, sizeof f->cfg.onebot_api_url, "http://127.0.0.1:%d", port);
    snprintf(f->cfg.telegram_api_url, sizeof f->cfg.telegram_api_url, "http://127.0.0.2:%d", port);
    snprintf(f->cfg.telegram_bot_token, sizeof f->cfg.telegram_bot_token, "42:abc");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    bot_sender_free(f->s);
    store_close(f->st);
    tmpdb_remove(f->path);
    free(f);
    return 0;
}

/* The sender, made once the test has set its limits. */
static struct bot_sender *sender(struct fixture *f)
{
    if (!f->s)
        assert_int_equal(bot_sender_new(&f->cfg, &f->s), BOT_OK);
    return f->s;
}

/* n pushes to a chat ("g...") or a person ("u..."), due at T0; returns the first id. */
static int64_t queue(struct fixture *f, const char *platform, const char *to, int n)
{
    int64_t first = store_outbox_last_id(f->st) + 1;
    assert_int_equal(store_begin(f->st), BOT_OK);
    for (int i = 0; i < n; i++)
        assert_int_equal(store_outbox_add(f->st, "test", platform, to[0] == 'g' ? to : NULL, to[0] == 'u' ? to : NULL,
                                          "hi", T0, T0),
                         BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    return first;
}

/* The ids s has in flight, sorted, into ids[]. */
static int in_flight(struct bot_sender *s, int64_t ids[64])
{
    int n = bot_sender_in_flight(s, ids, 64);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
            int64_t t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
    return n;
}

/* Fill at the fake clock + secs; the ids in flight, sorted, into ids[]. */
static int fill(struct fixture *f, int secs, int64_t ids[64])
{
    int started = 0, failed = 0;
    assert_int_equal(bot_sender_fill(sender(f), f->st, (int64_t)(T0 + secs) * 1000, &started, &failed), BOT_OK);
    return in_flight(f->s, ids);
}

static void assert_ids(const int64_t *got, int n, const int64_t *want, int wn)
{
    assert_int_equal(n, wn);
    for (int i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
}

static void test_one_chats_backlog_never_fills_the_window(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    f->cfg.outbox_max_in_flight = 4;
    /* 400 pushes to one group queued first, more than a scan looks at */
    int64_t a = queue(f, "onebot", "gA", 400);
    int64_t b = queue(f, "onebot", "gB", 1);
    int64_t c = queue(f, "telegram", "g-100", 1);
    int64_t d = queue(f, "onebot", "u7", 2);
    int64_t want[] = {a, b, c, d};
    assert_ids(ids, fill(f, 0, ids), want, 4); /* each destination's oldest, one each */
}

static void test_round_robin_takes_every_destinations_oldest_before_seconds(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    f->cfg.outbox_max_in_flight = 6;
    f->cfg.outbox_max_in_flight_per_chat = 2;
    int64_t a = queue(f, "onebot", "gA", 10);
    int64_t b = queue(f, "onebot", "gB", 1);
    int64_t c = queue(f, "onebot", "gC", 1);
    int64_t d = queue(f, "onebot", "u7", 5);
    int64_t want[] = {a, a + 1, b, c, d, d + 1};
    assert_ids(ids, fill(f, 0, ids), want, 6);
    /* all slots busy: a second scan starts nothing and starts nothing twice */
    assert_ids(ids, fill(f, 0, ids), want, 6);
}

static void test_one_destination_at_a_time_keeps_a_chats_order(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    int64_t a = queue(f, "onebot", "gA", 3);
    int64_t want[] = {a};
    assert_ids(ids, fill(f, 0, ids), want, 1);
    assert_ids(ids, fill(f, 0, ids), want, 1); /* the in-flight row is not started again */
}

static void test_a_host_never_takes_every_slot(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    f->cfg.outbox_max_in_flight = 16;
    f->cfg.outbox_max_in_flight_per_host = 2;
    int64_t g = queue(f, "onebot", "g1", 1);
    queue(f, "onebot", "g2", 1);
    queue(f, "onebot", "g3", 1);
    queue(f, "onebot", "g4", 1);
    int64_t t = queue(f, "telegram", "g-100", 1);
    int64_t t2 = queue(f, "telegram", "u55", 1);
    int64_t want[] = {g, g + 1, t, t2};
    assert_ids(ids, fill(f, 0, ids), want, 4); /* two OneBot groups, both Telegram chats */
}

static void test_a_rate_limited_chat_is_skipped_and_the_scan_goes_on(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    f->cfg.outbox_per_chat_per_minute = 1;
    int64_t a = queue(f, "onebot", "gA", 300);
    int64_t want1[] = {a};
    assert_ids(ids, fill(f, 0, ids), want1, 1);
    bot_sender_abort(f->s); /* as if the process died: the row stays pending, its token is spent */
    int64_t b = queue(f, "onebot", "gB", 1);
    int64_t c = queue(f, "onebot", "u9", 1);
    int64_t want2[] = {b, c};
    assert_ids(ids, fill(f, 1, ids), want2, 2); /* gA waits for its bucket, the others go */
    bot_sender_abort(f->s);
    int64_t want3[] = {a};
    assert_ids(ids, fill(f, 60, ids), want3, 1); /* a minute later gA's oldest goes, gB and gC still wait */
}

static void test_the_platform_bucket_holds_across_chats(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    f->cfg.outbox_per_platform_per_second = 2;
    int64_t g = queue(f, "onebot", "g1", 1);
    queue(f, "onebot", "g2", 1);
    queue(f, "onebot", "g3", 1);
    int64_t t = queue(f, "telegram", "g-100", 1);
    int64_t want[] = {g, g + 1, t};
    assert_ids(ids, fill(f, 0, ids), want, 3);
}

struct row_state {
    int attempts;
    int64_t next_at;
    char status[12];
    char last_error[256];
};

static void row_of(const struct store_outbox *o, void *arg)
{
    struct row_state *r = arg;
    r->attempts = o->attempts;
    r->next_at = o->next_at;
    bot_strlcpy(r->status, o->status, sizeof r->status);
    bot_strlcpy(r->last_error, o->last_error, sizeof r->last_error);
}

static void test_a_refused_push_is_retried_later_and_costs_no_token(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    int sent = -1, failed = -1;
    struct row_state r;
    f->cfg.outbox_per_chat_per_minute = 1;
    queue(f, "onebot", "gA", 1);
    assert_int_equal(bot_sender_round(sender(f), f->st, (int64_t)T0 * 1000, &sent, &failed), BOT_OK);
    assert_int_equal(sent, 0);
    assert_int_equal(failed, 1);
    assert_int_equal(store_outbox_each(f->st, 0, 0, row_of, &r), BOT_OK);
    assert_string_equal(r.status, "pending");
    assert_int_equal(r.attempts, 1);
    assert_true(r.next_at >= T0 + 2 && r.next_at <= T0 + 3); /* backoff 2 s plus up to half of jitter */
    assert_true(r.last_error[0] != '\0');
    assert_int_equal(fill(f, 1, ids), 0); /* not due yet */
    /* due again after 3 s: the refused try gave its token back, so it goes */
    assert_int_equal(fill(f, 4, ids), 1);
}

/* Brief U: a match push (an open order offered to a neighbour) that fails is dropped at once, not retried: no backoff
 * row waits for her, and the next push to her goes in the same second. */
static void test_a_failed_match_push_is_dropped_and_holds_nothing_back(void **state)
{
    struct fixture *f = *state;
    int sent = -1, failed = -1;
    struct row_state r;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_add(f->st, "match", "onebot", NULL, "u1", "有人求助 #1", T0, T0), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(bot_sender_round(sender(f), f->st, (int64_t)T0 * 1000, &sent, &failed), BOT_OK);
    assert_int_equal(failed, 1);
    assert_int_equal(store_outbox_each(f->st, 0, 1, row_of, &r), BOT_OK);
    assert_string_equal(r.status, "dropped");
    assert_int_equal(strncmp(r.last_error, STORE_OUTBOX_WHY_OFFER, strlen(STORE_OUTBOX_WHY_OFFER)), 0);
    struct store_outbox_stats st;
    assert_int_equal(store_outbox_stats(f->st, T0, &st), BOT_OK);
    assert_int_equal(st.pending, 0);
    assert_int_equal(st.dead, 0);
    /* the next push to her is tried at once, the same second (here refused too: pending, retried later) */
    queue(f, "onebot", "u1", 1);
    assert_int_equal(bot_sender_round(f->s, f->st, (int64_t)T0 * 1000, &sent, &failed), BOT_OK);
    assert_int_equal(failed, 1);
    assert_int_equal(store_outbox_each(f->st, 0, 0, row_of, &r), BOT_OK);
    assert_string_equal(r.status, "pending");
    assert_int_equal(r.attempts, 1);
}

static void test_dead_after_max_attempts_and_when_the_platform_cannot_push(void **state)
{
    struct fixture *f = *state;
    int sent = -1, failed = -1;
    struct row_state r;
    f->cfg.outbox_max_attempts = 1;
    queue(f, "onebot", "gA", 1);
    assert_int_equal(bot_sender_round(sender(f), f->st, (int64_t)T0 * 1000, &sent, &failed), BOT_OK);
    assert_int_equal(failed, 1);
    assert_int_equal(store_outbox_each(f->st, 0, 0, row_of, &r), BOT_OK);
    assert_string_equal(r.status, "dead");
    queue(f, "wecom", "g1", 1); /* no robot_url */
    assert_int_equal(bot_sender_round(f->s, f->st, (int64_t)T0 * 1000, &sent, &failed), BOT_OK);
    assert_int_equal(failed, 1);
    struct store_outbox_stats st;
    assert_int_equal(store_outbox_stats(f->st, T0 + 5, &st), BOT_OK);
    assert_int_equal(st.pending, 0);
    assert_int_equal(st.dead, 2);
}

static void test_stats_count_the_backlog_and_its_age(void **state)
{
    struct fixture *f = *state;
    struct store_outbox_stats st;
    int reached = -1;
    assert_int_equal(store_outbox_stats(f->st, T0, &st), BOT_OK);
    assert_int_equal(st.pending + st.dead + st.oldest_pending_age, 0);
    queue(f, "onebot", "gA", 3);
    assert_int_equal(store_outbox_stats(f->st, T0 + 90, &st), BOT_OK);
    assert_int_equal(st.pending, 3);
    assert_int_equal(st.oldest_pending_age, 90);
    assert_int_equal(store_outbox_pending_at_least(f->st, 3, &reached), BOT_OK);
    assert_int_equal(reached, 1);
    assert_int_equal(store_outbox_pending_at_least(f->st, 4, &reached), BOT_OK);
    assert_int_equal(reached, 0);
}


static void test_two_replicas_send_each_push_once(void **state)
{
    /* issue 18: two `bot serve` on one PostgreSQL, each with its sender: a push is claimed by one (its row out of
     * the other's scan, its place in its chat's order kept), and a replica killed mid-send leaves its rows to be
     * taken again once the claim's time is past (the send's timeouts and a margin) */
    struct fixture *f = *state;
    if (!tmpdb_pg()) {
        printf("SKIP %s: one process sends on sqlite (make test-pg runs it)\n", __func__);
        skip();
    }
    int64_t ids[64];
    int started = 0, failed = 0;
    char err[256];
    struct store *st2;
    struct bot_sender *s2;
    assert_int_equal(store_open(f->path, "NORMAL", &st2, err), BOT_OK);
    assert_int_equal(bot_sender_new(&f->cfg, &s2), BOT_OK);
    int64_t a = queue(f, "onebot", "gA", 2);
    int64_t b = queue(f, "onebot", "gB", 1);
    int64_t d = queue(f, "telegram", "u7", 1);
    int64_t want[] = {a, b, d};
    assert_ids(ids, fill(f, 0, ids), want, 3);
    /* the other replica, at the same moment: every chat has its push in flight elsewhere */
    assert_int_equal(bot_sender_fill(s2, st2, (int64_t)T0 * 1000, &started, &failed), BOT_OK);
    assert_int_equal(started, 0);
    assert_int_equal(store_outbox_claim(st2, a, T0, T0 + 60), BOT_DUP);
    /* the first replica is killed: its claims hold for the send's timeouts and a margin, then go to the other */
    bot_sender_abort(f->s);
    int64_t lease = (f->cfg.outbox_connect_timeout_ms + f->cfg.outbox_timeout_ms) / 1000;
    assert_int_equal(bot_sender_fill(s2, st2, (int64_t)(T0 + lease) * 1000, &started, &failed), BOT_OK);
    assert_int_equal(started, 0);
    assert_int_equal(bot_sender_fill(s2, st2, (int64_t)(T0 + lease + 60) * 1000, &started, &failed), BOT_OK);
    assert_ids(ids, in_flight(s2, ids), want, 3); /* gA's oldest first, still */
    /* sent by the second: never again; the next of gA goes */
    assert_int_equal(store_outbox_mark(st2, a, STORE_OUTBOX_SENT, T0 + lease + 61, NULL), BOT_OK);
    bot_sender_abort(s2);
    assert_int_equal(bot_sender_fill(s2, st2, (int64_t)(T0 + 3600) * 1000, &started, &failed), BOT_OK);
    int64_t next[] = {a + 1, b, d};
    assert_ids(ids, in_flight(s2, ids), next, 3);
    bot_sender_free(s2);
    store_close(st2);
}

/* backoff (BOT_STATIC): base * 2^attempts plus up to half again of jitter,
 * the doubling capped at an hour. */
/* v36: a push about an order (a match push) goes only while the order is open and not begun; else it is dropped
 * unsent — no attempt, no failure — and the scan goes on (held over the quiet hours, it would ask at 7:00 for an
 * order taken at 22:05). */
struct seen_status {
    int64_t id[16];
    char status[16][12];
    char error[16][64];
    int n;
};

static void note_status(const struct store_outbox *o, void *arg)
{
    struct seen_status *ss = arg;
    if (ss->n < 16) {
        ss->id[ss->n] = o->id;
        bot_strlcpy(ss->status[ss->n], o->status, sizeof ss->status[0]);
        bot_strlcpy(ss->error[ss->n], o->last_error, sizeof ss->error[0]);
        ss->n++;
    }
}

static const char *status_of(const struct seen_status *ss, int64_t id, const char **error)
{
    for (int i = 0; i < ss->n; i++)
        if (ss->id[i] == id) {
            if (error)
                *error = ss->error[i];
            return ss->status[i];
        }
    return "";
}

static void test_a_push_about_an_order_over_is_dropped_unsent(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    struct store_member m;
    struct store_request r[4];
    f->cfg.outbox_max_in_flight = 8;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_member_create(f->st, "cli", "u1", "张秀英", 600, T0, &m), BOT_OK);
    /* open ahead, taken later, begun by the scan, untimed */
    int64_t starts[4] = {T0 + 7200, T0 + 7200, T0 + 60, 0};
    for (int i = 0; i < 4; i++) {
        memset(&r[i], 0, sizeof r[i]);
        r[i].requester_id = m.id;
        r[i].status = STORE_REQ_OPEN;
        strcpy(r[i].service, "陪诊");
        strcpy(r[i].text, "求助");
        r[i].start_at = starts[i];
        r[i].created_at = T0;
        assert_int_equal(store_request_create(f->st, &r[i]), BOT_OK);
    }
    int64_t first = store_outbox_last_id(f->st) + 1;
    static const char *const to[5] = {"u1", "u2", "u3", "u4", "u5"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(store_outbox_add_about(f->st, "match", "onebot", NULL, to[i], "有人求助", T0, T0, r[i].id),
                         BOT_OK);
    assert_int_equal(store_outbox_add(f->st, "test", "onebot", NULL, to[4], "hi", T0, T0), BOT_OK); /* about nothing */
    r[1].status = STORE_REQ_CANCELLED;
    assert_int_equal(store_request_update(f->st, &r[1]), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);

    int64_t want[] = {first, first + 3, first + 4};
    assert_ids(ids, fill(f, 120, ids), want, 3);
    struct seen_status ss = {0};
    assert_int_equal(store_outbox_each(f->st, 0, 1, note_status, &ss), BOT_OK);
    const char *error = NULL;
    assert_string_equal(status_of(&ss, first + 1, &error), "dropped");
    assert_string_equal(error, "its order is no longer open");
    assert_string_equal(status_of(&ss, first + 2, NULL), "dropped");
    assert_string_equal(status_of(&ss, first, NULL), "pending"); /* in flight */
    assert_string_equal(status_of(&ss, first + 4, NULL), "pending");
    /* dropped is neither pending nor dead: not in the backlog, not a failure */
    struct store_outbox_stats st;
    assert_int_equal(store_outbox_stats(f->st, T0 + 120, &st), BOT_OK);
    assert_int_equal(st.pending, 3);
    assert_int_equal(st.dead, 0);
    assert_int_equal(st.dropped, 2); /* counted as such (/metrics bot_outbox_dropped) */
}

/* v40: a push about an order keeps the start it told: once the order moves, the push with the old time is dropped
 * unsent (why: moved), and the one queued after the move goes. */
static void test_a_push_about_an_order_moved_since_is_dropped_unsent(void **state)
{
    struct fixture *f = *state;
    int64_t ids[64];
    struct store_member m;
    struct store_request r;
    f->cfg.outbox_max_in_flight = 8;
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_member_create(f->st, "cli", "u1", "张秀英", 600, T0, &m), BOT_OK);
    memset(&r, 0, sizeof r);
    r.requester_id = m.id;
    r.status = STORE_REQ_OPEN;
    strcpy(r.service, "陪诊");
    strcpy(r.text, "求助");
    r.start_at = T0 + 7200;
    r.created_at = T0;
    assert_int_equal(store_request_create(f->st, &r), BOT_OK);
    int64_t first = store_outbox_last_id(f->st) + 1;
    assert_int_equal(store_outbox_add_about(f->st, "match", "onebot", NULL, "u2", "10点", T0, T0, r.id), BOT_OK);
    struct store_reschedule rs = {r.id, m.id, r.start_at, T0 + 10800, 0, T0};
    assert_int_equal(store_request_reschedule(f->st, &rs), BOT_OK);
    assert_int_equal(store_outbox_add_about(f->st, "match", "onebot", NULL, "u3", "11点", T0, T0, r.id), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);

    int64_t want[] = {first + 1};
    assert_ids(ids, fill(f, 120, ids), want, 1);
    struct seen_status ss = {0};
    assert_int_equal(store_outbox_each(f->st, 0, 1, note_status, &ss), BOT_OK);
    const char *error = NULL;
    assert_string_equal(status_of(&ss, first, &error), "dropped");
    assert_string_equal(error, STORE_OUTBOX_WHY_MOVED);
    assert_string_equal(status_of(&ss, first + 1, NULL), "pending"); /* in flight */
}

static void test_backoff_doubles_with_jitter_up_to_an_hour(void **state)
{
    struct fixture *f = *state;
    f->cfg.outbox_backoff_seconds = 2;
    struct bot_sender *s = sender(f);
    for (int attempts = 0; attempts <= 20; attempts++) {
        int64_t d = (int64_t)2 << (attempts < 12 ? attempts : 12);
        if (d > 3600)
            d = 3600;
        int64_t lo = INT64_MAX, hi = 0;
        for (int i = 0; i < 200; i++) {
            int64_t b = backoff(s, attempts);
            lo = b < lo ? b : lo;
            hi = b > hi ? b : hi;
        }
        if (lo < d || hi > d + d / 2)
            fail_msg("attempt %d: %lld..%lld outside %lld..%lld", attempts, (long long)lo, (long long)hi,
                     (long long)d, (long long)(d + d / 2));
        if (attempts >= 4)
            assert_true(hi > lo); /* jittered, so a burst of failures does not retry in step */
    }
}

/* take / refund (BOT_STATIC): a token bucket of `capacity` that refills over
 * the period; a look (commit 0) takes nothing; a refund never overfills. */
static void test_token_bucket_refills_over_its_period_and_refunds_up_to_capacity(void **state)
{
    struct fixture *f = *state;
    struct bot_sender *s = sender(f);
    const int64_t t = 1000000;
    assert_true(take(s, "k", 2, 1000.0, t, 1)); /* a new key starts full */
    assert_true(take(s, "k", 2, 1000.0, t, 1));
    assert_false(take(s, "k", 2, 1000.0, t, 1));
    assert_false(take(s, "k", 2, 1000.0, t + 499, 0)); /* 0.998 of a token */
    assert_true(take(s, "k", 2, 1000.0, t + 500, 0));  /* one token back after half the period */
    assert_true(take(s, "k", 2, 1000.0, t + 500, 0));  /* looking took nothing */
    assert_true(take(s, "k", 2, 1000.0, t + 500, 1));
    assert_false(take(s, "k", 2, 1000.0, t + 500, 1));
    refund(s, "k");
    assert_true(take(s, "k", 2, 1000.0, t + 500, 1));
    assert_false(take(s, "k", 2, 1000.0, t + 500, 1));
    for (int i = 0; i < 5; i++)
        refund(s, "k");
    assert_true(take(s, "k", 2, 1000.0, t + 500, 1));
    assert_true(take(s, "k", 2, 1000.0, t + 500, 1));
    assert_false(take(s, "k", 2, 1000.0, t + 500, 1)); /* five refunds, but two fit */
    assert_true(take(s, "other", 2, 1000.0, t + 500, 1)); /* another key has a bucket of its own */
    assert_true(take(s, "k", 2, 1000.0, t + 10000000, 1)); /* a long idle refills to capacity, no more */
    assert_true(take(s, "k", 2, 1000.0, t + 10000000, 1));
    assert_false(take(s, "k", 2, 1000.0, t + 10000000, 1));
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        TEST_ST(test_one_chats_backlog_never_fills_the_window),
        TEST_ST(test_round_robin_takes_every_destinations_oldest_before_seconds),
        TEST_ST(test_one_destination_at_a_time_keeps_a_chats_order),
        TEST_ST(test_a_host_never_takes_every_slot),
        TEST_ST(test_a_rate_limited_chat_is_skipped_and_the_scan_goes_on),
        TEST_ST(test_the_platform_bucket_holds_across_chats),
        TEST_ST(test_a_refused_push_is_retried_later_and_costs_no_token),
        TEST_ST(test_a_failed_match_push_is_dropped_and_holds_nothing_back),
        TEST_ST(test_dead_after_max_attempts_and_when_the_platform_cannot_push),
        TEST_ST(test_stats_count_the_backlog_and_its_age),
        TEST_ST(test_two_replicas_send_each_push_once),
        TEST_ST(test_a_push_about_an_order_over_is_dropped_unsent),
        TEST_ST(test_a_push_about_an_order_moved_since_is_dropped_unsent),
        TEST_ST(test_backoff_doubles_with_jitter_up_to_an_hour),
        TEST_ST(test_token_bucket_refills_over_its_period_and_refunds_up_to_capacity),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
