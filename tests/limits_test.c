/* limits_test.c — bot/limits.c: per-member windows that no other key can reset. */
#include "test_util.h"

#include "../bot/limits.h"

static int reset(void **state)
{
    (void)state;
    bot_rate_reset();
    return 0;
}

/* The hash of the table before issue 11: FNV-1a of "platform:user", slot = hash % 4096. */
static unsigned old_slot(const char *platform, const char *user)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = platform; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    h = (h ^ ':') * 1099511628211ULL;
    for (const char *p = user; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (unsigned)((h ? h : 1) % 4096);
}

static void test_one_member_limited_after_per_minute_then_silent(void **state)
{
    (void)state;
    for (int i = 0; i < 5; i++)
        assert_int_equal(bot_rate_check("generic", "a", 5, 1000 + i), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("generic", "a", 5, 1010), BOT_RATE_FIRST_OVER);
    assert_int_equal(bot_rate_check("generic", "a", 5, 1011), BOT_RATE_SILENT);
    assert_int_equal(bot_rate_check("generic", "a", 5, 1059), BOT_RATE_SILENT);
    assert_int_equal(bot_rate_check("generic", "a", 5, 1060), BOT_RATE_OK); /* a new window */
    assert_int_equal(bot_rate_check("generic", "a", 0, 1061), BOT_RATE_OK); /* 0 = no limit */
}

static void test_keys_that_collided_in_the_old_table_do_not_reset_each_other(void **state)
{
    (void)state;
    /* two user ids in the same slot of the old 4,096-slot table */
    char a[32], b[32];
    unsigned want = old_slot("generic", "victim");
    int found = 0;
    snprintf(a, sizeof a, "victim");
    for (long i = 0; i < 10000000 && !found; i++) {
        snprintf(b, sizeof b, "x%ld", i);
        found = old_slot("generic", b) == want;
    }
    assert_true(found);
    int over_a = 0, over_b = 0;
    for (int i = 0; i < 40; i++) { /* alternating: each has its own count */
        over_a += bot_rate_check("generic", a, 20, 5000) != BOT_RATE_OK;
        over_b += bot_rate_check("generic", b, 20, 5000) != BOT_RATE_OK;
    }
    assert_int_equal(over_a, 20);
    assert_int_equal(over_b, 20);
}

static void test_thousands_of_members_each_keep_their_own_window(void **state)
{
    (void)state;
    char u[32];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 3000; i++) {
            snprintf(u, sizeof u, "%d", i);
            assert_int_equal(bot_rate_check("onebot", u, 3, 7000 + round), BOT_RATE_OK);
        }
    for (int i = 0; i < 3000; i++) {
        snprintf(u, sizeof u, "%d", i);
        assert_int_equal(bot_rate_check("onebot", u, 3, 7010), BOT_RATE_FIRST_OVER);
    }
    /* the same id on another platform is another member */
    assert_int_equal(bot_rate_check("telegram", "1", 3, 7010), BOT_RATE_OK);
}

static void test_a_full_table_limits_newcomers_together_and_resets_no_live_window(void **state)
{
    (void)state;
    char u[32];
    for (int i = 0; i < 4096; i++) {
        snprintf(u, sizeof u, "m%d", i);
        assert_int_equal(bot_rate_check("generic", u, 2, 9000), BOT_RATE_OK);
    }
    /* every slot is a live window: newcomers share the overflow window */
    assert_int_equal(bot_rate_check("generic", "new1", 2, 9001), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("generic", "new2", 2, 9001), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("generic", "new3", 2, 9001), BOT_RATE_FIRST_OVER);
    assert_int_equal(bot_rate_check("generic", "new1", 2, 9002), BOT_RATE_SILENT);
    /* and the members already counted still have their own count */
    for (int i = 0; i < 4096; i++) {
        snprintf(u, sizeof u, "m%d", i);
        assert_int_equal(bot_rate_check("generic", u, 2, 9003), BOT_RATE_OK);
        assert_int_equal(bot_rate_check("generic", u, 2, 9003), BOT_RATE_FIRST_OVER);
    }
    /* a minute later the windows are over and their slots serve new members */
    assert_int_equal(bot_rate_check("generic", "new4", 2, 9070), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("generic", "new5", 2, 9070), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("generic", "new4", 2, 9070), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("generic", "new5", 2, 9070), BOT_RATE_OK);
}

static void test_long_ids_are_told_apart(void **state)
{
    (void)state;
    char a[300], b[300];
    memset(a, 'z', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof b);
    b[sizeof b - 2] = 'y'; /* differs only past the slot's key size */
    assert_int_equal(bot_rate_check("generic", a, 1, 100), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("generic", b, 1, 100), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("generic", a, 1, 100), BOT_RATE_FIRST_OVER);
    assert_int_equal(bot_rate_check("generic", b, 1, 100), BOT_RATE_FIRST_OVER);
}

/* make_key (BOT_STATIC): the window's key is platform:user while it fits,
 * else # and the SHA-256 of it in hex, the same for the same id and another
 * for an id that differs only past the cut. */
static void test_the_window_key_is_the_whole_id_or_its_digest(void **state)
{
    (void)state;
    char key[152], again[152], other[152];
    make_key("onebot", "10001", key);
    assert_string_equal(key, "onebot:10001");
    char a[300], b[300];
    memset(a, 'z', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof b);
    b[sizeof b - 2] = 'y';
    make_key("generic", a, key);
    make_key("generic", a, again);
    make_key("generic", b, other);
    assert_int_equal(key[0], '#');
    assert_int_equal(strlen(key), 1 + 64);
    assert_int_equal(strspn(key + 1, "0123456789abcdef"), 64);
    assert_string_equal(key, again);
    assert_string_not_equal(key, other);
    /* the longest id that fits is kept whole (151 bytes with the NUL) */
    char fit[160];
    memset(fit, 'x', 151 - 8);
    fit[151 - 8] = '\0';
    make_key("generic", fit, key); /* "generic:" is 8 bytes */
    assert_int_equal(strlen(key), 151);
    assert_int_equal(key[0], 'g');
}

/* Play-test 17: what the bot neither acts on nor answers (group chatter, a platform's retry of an id seen) is taken
 * back, so chatter never brings a member to the limit; a real message over it still is. */
static void test_uncounted_messages_never_reach_the_limit(void **state)
{
    (void)state;
    for (int i = 0; i < 30; i++) {
        assert_int_equal(bot_rate_check("onebot", "2004", 5, 1000 + i), BOT_RATE_OK);
        bot_rate_uncount("onebot", "2004", 5, 1000 + i);
    }
    for (int i = 0; i < 5; i++)
        assert_int_equal(bot_rate_check("onebot", "2004", 5, 1031), BOT_RATE_OK);
    assert_int_equal(bot_rate_check("onebot", "2004", 5, 1032), BOT_RATE_FIRST_OVER);
    bot_rate_uncount("onebot", "2004", 5, 1032); /* over in a group: unsaid, the word kept for her private chat */
    assert_int_equal(bot_rate_check("onebot", "2004", 5, 1033), BOT_RATE_FIRST_OVER);
    assert_int_equal(bot_rate_check("onebot", "2004", 5, 1034), BOT_RATE_SILENT);
    bot_rate_uncount("onebot", "nobody", 5, 1034); /* no window: nothing to take back */
    bot_rate_uncount("onebot", "2004", 0, 1034);   /* no limit */
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup(fn, reset)
    const struct CMUnitTest tests[] = {
        T(test_one_member_limited_after_per_minute_then_silent),
        T(test_keys_that_collided_in_the_old_table_do_not_reset_each_other),
        T(test_thousands_of_members_each_keep_their_own_window),
        T(test_a_full_table_limits_newcomers_together_and_resets_no_live_window),
        T(test_long_ids_are_told_apart),
        T(test_the_window_key_is_the_whole_id_or_its_digest),
        T(test_uncounted_messages_never_reach_the_limit),
    };
    return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
