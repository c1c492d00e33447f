/* base_test.c — base/: the calendar, bounded UTF-8 strings, whole-string integers. */
#include "test_util.h"

#include <string.h>

static void test_local_day_and_back(void **state)
{
    (void)state;
    int off = 8 * 3600;
    /* 2026-11-29 00:00 Beijing = 2026-11-28T16:00Z */
    int64_t day = bot_days_from_civil(2026, 11, 29);
    assert_int_equal(bot_local_day(bot_day_start(day, off), off), day);
    assert_int_equal(bot_local_day(bot_day_start(day, off) - 1, off), day - 1);
    assert_int_equal(bot_day_start(day, off), day * 86400 - off);
    /* before 1970 the day still rounds down, not towards zero */
    assert_int_equal(bot_local_day(-1, 0), -1);
    assert_int_equal(bot_local_day(-86400, 0), -1);
    assert_int_equal(bot_local_day(-86401, 0), -2);
    assert_int_equal(bot_floor_div(-7, 7), -1);
    assert_int_equal(bot_floor_div(-8, 7), -2);
    assert_int_equal(bot_floor_div(6, 7), 0);
    int y, m, d;
    bot_civil_from_days(bot_days_from_civil(2024, 2, 29), &y, &m, &d);
    assert_true(y == 2024 && m == 2 && d == 29);
    bot_civil_from_days(-1, &y, &m, &d);
    assert_true(y == 1969 && m == 12 && d == 31);
}

static void test_month_start(void **state)
{
    (void)state;
    int64_t t = bot_month_start(2026, 12, 8 * 3600);
    char buf[32];
    bot_format_iso(t, 8 * 3600, buf);
    assert_string_equal(buf, "2026-12-01T00:00:00+08:00");
    bot_format_iso(t, 0, buf);
    assert_string_equal(buf, "2026-11-30T16:00:00+00:00");
    int64_t e;
    int off;
    assert_int_equal(bot_parse_iso("2026-12-01T00:00:00+08:00", &e, &off), BOT_OK);
    assert_int_equal(e, t);
    assert_int_equal(off, 8 * 3600);
    assert_int_equal(bot_parse_iso("2026-12-01T00:00:00", &e, &off), BOT_INVALID); /* the offset is required */
}

static void test_utf8_bounded(void **state)
{
    (void)state;
    char buf[8];
    /* 时间驿站 is 12 bytes: 7 bytes of room hold two characters (6 bytes), never a half */
    assert_int_equal(bot_strlcpy(buf, "时间驿站", sizeof buf), BOT_TOOBIG);
    assert_string_equal(buf, "时间");
    size_t len = 0;
    char out[10];
    assert_int_equal(bot_appendf(out, sizeof out, &len, "%s", "ab"), BOT_OK);
    assert_int_equal(bot_appendf(out, sizeof out, &len, "%s", "时间驿站"), BOT_TOOBIG);
    assert_string_equal(out, "ab时间");
    assert_int_equal(len, strlen("ab时间"));
    assert_int_equal(bot_utf8_cut("时间", 4), 3);
    assert_int_equal(bot_utf8_cut("时间", 5), 3);
    assert_int_equal(bot_utf8_cut("时间", 6), 6);
    assert_int_equal(bot_utf8_cut("时间", 2), 0);
    assert_int_equal(bot_utf8_cut("abc", 2), 2);
    assert_int_equal(bot_utf8_cut("a\xF0\x9F\x98\x80", 4), 1); /* a four-byte emoji cut after three */
    assert_int_equal(bot_utf8_cut("a\xF0\x9F\x98\x80", 5), 5);
    /* bot_appendf cut by vsnprintf: the NUL it leaves must not pass for the end of a character */
    char small[6];
    len = 0;
    assert_int_equal(bot_appendf(small, sizeof small, &len, "%s", "a时间"), BOT_TOOBIG);
    assert_string_equal(small, "a时");
}

static void test_parse_i64(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_int_equal(bot_parse_i64("-42", &v), BOT_OK);
    assert_int_equal(v, -42);
    assert_int_equal(bot_parse_i64("42x", &v), BOT_INVALID);
    assert_int_equal(bot_parse_i64("", &v), BOT_INVALID);
    assert_int_equal(bot_parse_i64("99999999999999999999", &v), BOT_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_local_day_and_back),
        cmocka_unit_test(test_month_start),
        cmocka_unit_test(test_utf8_bounded),
        cmocka_unit_test(test_parse_i64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
