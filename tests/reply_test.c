/* reply_test.c — handlers/reply.c: times, days and hours as people say them (at +08:00). */
#include "test_util.h"

#include "../base/date.h"
#include "../handlers/handlers.h"

#define OFF (8 * 3600)

static int64_t at(const char *iso)
{
    int64_t t;
    int off;
    assert_int_equal(bot_parse_iso(iso, &t, &off), BOT_OK);
    return t;
}

static const char *when(const char *t, const char *now)
{
    static char buf[HD_WHEN_MAX];
    hd_format_when(at(t), now ? at(now) : 0, OFF, buf);
    return buf;
}

static void test_relative_days(void **state)
{
    (void)state;
    const char *now = "2026-11-23T10:00:00+08:00"; /* a Monday */
    assert_string_equal(when("2026-11-23T15:00:00+08:00", now), "今天下午3点");
    assert_string_equal(when("2026-11-24T09:00:00+08:00", now), "明天（周二）上午9点");
    assert_string_equal(when("2026-11-25T19:30:00+08:00", now), "后天（周三）晚上7点半");
    assert_string_equal(when("2026-11-22T12:15:00+08:00", now), "昨天（周日）中午12点15分");
    assert_string_equal(when("2026-11-28T09:00:00+08:00", now), "11月28日（周六）上午9点");
    assert_string_equal(when("2026-11-20T09:05:00+08:00", now), "11月20日（周五）上午9点5分");
    /* the year only over half a year away; a text kept as a notice (now 0) never says 今天 or the year */
    assert_string_equal(when("2027-01-05T09:00:00+08:00", now), "1月5日（周二）上午9点");
    assert_string_equal(when("2027-07-05T09:00:00+08:00", now), "2027年7月5日（周一）上午9点");
    assert_string_equal(when("2025-11-20T09:00:00+08:00", now), "2025年11月20日（周四）上午9点");
    assert_string_equal(when("2026-11-23T15:00:00+08:00", NULL), "11月23日（周一）下午3点");
    assert_string_equal(when("2027-01-05T09:00:00+08:00", NULL), "1月5日（周二）上午9点");
}

static void test_parts_of_the_day(void **state)
{
    (void)state;
    const char *now = "2026-11-23T10:00:00+08:00";
    assert_string_equal(when("2026-11-23T05:59:00+08:00", now), "今天凌晨5点59分");
    assert_string_equal(when("2026-11-23T06:00:00+08:00", now), "今天上午6点");
    assert_string_equal(when("2026-11-23T11:30:00+08:00", now), "今天上午11点半");
    assert_string_equal(when("2026-11-23T12:00:00+08:00", now), "今天中午12点");
    assert_string_equal(when("2026-11-23T13:00:00+08:00", now), "今天下午1点");
    assert_string_equal(when("2026-11-23T17:45:00+08:00", now), "今天下午5点45分");
    assert_string_equal(when("2026-11-23T18:00:00+08:00", now), "今天晚上6点");
    assert_string_equal(when("2026-11-23T23:59:00+08:00", now), "今天晚上11点59分");
}

static void test_midnight_edges(void **state)
{
    (void)state;
    /* the day turns at local midnight (16:00Z), not at UTC's */
    assert_string_equal(when("2026-11-24T00:00:00+08:00", "2026-11-23T23:59:00+08:00"), "明天（周二）凌晨0点");
    assert_string_equal(when("2026-11-23T23:59:00+08:00", "2026-11-24T00:00:00+08:00"), "昨天（周一）晚上11点59分");
    assert_string_equal(when("2026-11-24T00:30:00+08:00", "2026-11-24T00:00:00+08:00"), "今天凌晨0点半");
    assert_string_equal(when("2026-11-24T07:00:00+08:00", "2026-11-23T16:30:00Z"), "今天上午7点");
    assert_string_equal(when("2026-11-23T15:00:00Z", "2026-11-23T10:00:00+08:00"), "今天晚上11点");
    assert_string_equal(when("2026-11-23T16:00:00Z", "2026-11-23T10:00:00+08:00"), "明天（周二）凌晨0点");
    assert_string_equal(when("2027-01-01T00:00:00+08:00", "2026-12-31T20:00:00+08:00"), "明天（周五）凌晨0点");
    assert_string_equal(when("2027-01-02T00:00:00+08:00", "2026-12-31T20:00:00+08:00"), "后天（周六）凌晨0点");
    char buf[HD_WHEN_MAX];
    hd_format_day(at("2026-12-24T23:59:00+08:00"), at("2026-11-23T10:00:00+08:00"), OFF, buf);
    assert_string_equal(buf, "12月24日");
    hd_format_day(at("2026-12-31T16:00:00Z"), at("2026-11-23T10:00:00+08:00"), OFF, buf);
    assert_string_equal(buf, "1月1日");
    hd_format_day(at("2027-12-31T16:00:00Z"), at("2026-11-23T10:00:00+08:00"), OFF, buf);
    assert_string_equal(buf, "2028年1月1日");
    hd_format_clock(at("2026-11-24T11:00:00+08:00"), OFF, buf);
    assert_string_equal(buf, "上午11点");
    hd_format_clock(at("2026-11-24T19:30:00+08:00"), OFF, buf);
    assert_string_equal(buf, "晚上7点半");
}

static void test_hours(void **state)
{
    (void)state;
    static const struct {
        int64_t minutes;
        const char *text;
    } cases[] = {{0, "0小时"},     {15, "15分钟"},       {30, "半小时"},      {45, "45分钟"},
                 {60, "1小时"},    {80, "1小时20分钟"},  {90, "一个半小时"}, {120, "2小时"},
                 {150, "2个半小时"}, {1230, "20个半小时"}, {1200, "20小时"},  {-90, "-一个半小时"}};
    char buf[24];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hd_hours_text(cases[i].minutes, buf);
        assert_string_equal(buf, cases[i].text);
    }
}

static void test_yuan_words(void **state)
{
    (void)state;
    static const struct { int64_t fen; const char *text; } cases[] = {
        {8600, "86元"}, {8650, "86.5元"}, {8605, "86.05元"}, {0, "0元"}, {-35000, "-350元"}, {5, "0.05元"},
        {12000000, "120000元"}};
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hd_yuan_text(cases[i].fen, buf);
        assert_string_equal(buf, cases[i].text);
    }
}

static void test_status_words(void **state)
{
    (void)state;
    /* every state has a Chinese name and none is ASCII */
    for (int s = STORE_REQ_OPEN; s <= STORE_REQ_EXPIRED; s++) {
        const char *t = hd_status_text((enum store_req_status)s);
        assert_true(t[0] != '\0');
        for (const char *p = t; *p; p++)
            assert_true((unsigned char)*p >= 0x80);
    }
}

static void test_kind_words(void **state)
{
    (void)state;
    assert_string_equal(hd_kind_text(STORE_KIND_SERVICE), "服务");
    assert_string_equal(hd_kind_text(STORE_KIND_DISPUTE), "投诉冻结");
    assert_string_equal(hd_kind_text("something_new"), "其他"); /* never the stored English word */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relative_days),   cmocka_unit_test(test_parts_of_the_day),
        cmocka_unit_test(test_midnight_edges),  cmocka_unit_test(test_hours),
        cmocka_unit_test(test_yuan_words),
        cmocka_unit_test(test_status_words),    cmocka_unit_test(test_kind_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
