/* config_test.c — bot.ini: defaults, loading, bounds, errors with file:line. */
#include "test_util.h"

#include "../bot/config.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_defaults_match_design(void **state)
{
    (void)state;
    struct bot_config c;
    bot_config_defaults(&c);
    assert_string_equal(c.listen, "127.0.0.1:8080");
    assert_int_equal(c.threads, 8);
    assert_int_equal(c.max_body_bytes, 65536);
    assert_int_equal(c.utc_offset, 8 * 3600);
    assert_string_equal(c.generic_token, ""); /* no [generic] section: the hook is off */
    assert_int_equal(c.group_trigger, HD_TRIGGER_AUTO);
    assert_int_equal(c.rules.overdraft_hours, 10);
    assert_int_equal(c.rules.expiry_days, 730);
    assert_int_equal(c.rules.round_minutes, 30);
    assert_string_equal(c.store_sync, "FULL");
    assert_int_equal(c.link_code_max_wrong, 50); /* killing a code takes 10 identities' wrong tries */
    assert_int_equal(c.link_max_wrong_per_claimant, 5);
    assert_int_equal(c.link_hold_hours, 24);
}

static void test_link_try_limits_are_keys_with_bounds(void **state)
{
    (void)state;
    char err[256];
    struct bot_config c;
    bot_config_defaults(&c);
    assert_int_equal(bot_config_set(&c, "limits", "link_code_max_wrong", "3", err), BOT_OK);
    assert_int_equal(bot_config_set(&c, "limits", "link_max_wrong_per_claimant", "2", err), BOT_OK);
    assert_int_equal(c.link_code_max_wrong, 3);
    assert_int_equal(c.link_max_wrong_per_claimant, 2);
    /* zero would mean a code dies unseen or nobody may ever try: refused */
    assert_int_equal(bot_config_set(&c, "limits", "link_code_max_wrong", "0", err), BOT_INVALID);
    assert_non_null(strstr(err, "link_code_max_wrong"));
    assert_int_equal(bot_config_set(&c, "limits", "link_max_wrong_per_claimant", "0", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&c, "limits", "link_max_wrong_per_claimant", "1001", err), BOT_INVALID);
    assert_int_equal(c.link_max_wrong_per_claimant, 2);
    /* the hold after a link: 0 switches it off, a month at most */
    assert_int_equal(bot_config_set(&c, "limits", "link_hold_hours", "0", err), BOT_OK);
    assert_int_equal(c.link_hold_hours, 0);
    assert_int_equal(bot_config_set(&c, "limits", "link_hold_hours", "721", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&c, "limits", "link_hold_hours", "-1", err), BOT_INVALID);
    assert_int_equal(c.link_hold_hours, 0);
}

static void test_load_overrides_and_inline_comments(void **state)
{
    (void)state;
    char err[256];
    struct bot_config c;
    bot_config_defaults(&c);
    write_file("/tmp/bot-config-test.ini", "[server]\nlisten = 127.0.0.1:9999   ; port\nthreads = 2\n"
                                           "[clock]\nutc_offset = -02:00\n[nlp]\ngroup_trigger = mention\n"
                                           "[rules]\noverdraft_hours = 3\n[unknown]\nkey = 1\n");
    assert_int_equal(bot_config_load(&c, "/tmp/bot-config-test.ini", err), BOT_OK);
    assert_string_equal(c.listen, "127.0.0.1:9999");
    assert_int_equal(c.threads, 2);
    assert_int_equal(c.utc_offset, -2 * 3600);
    assert_int_equal(c.group_trigger, HD_TRIGGER_MENTION);
    assert_int_equal(c.rules.overdraft_hours, 3);
    unlink("/tmp/bot-config-test.ini");
}

static void test_bad_value_names_file_and_line(void **state)
{
    (void)state;
    char err[256];
    struct bot_config c;
    bot_config_defaults(&c);
    write_file("/tmp/bot-config-bad.ini", "[server]\nlisten = 127.0.0.1:1\nthreads = 9000\n");
    assert_int_equal(bot_config_load(&c, "/tmp/bot-config-bad.ini", err), BOT_INVALID);
    assert_non_null(strstr(err, "bot-config-bad.ini:3"));
    assert_non_null(strstr(err, "threads"));
    assert_int_equal(c.threads, 8); /* unchanged */
    unlink("/tmp/bot-config-bad.ini");
}

static void test_bad_enum_and_offset_refused(void **state)
{
    (void)state;
    char err[256];
    struct bot_config c;
    bot_config_defaults(&c);
    assert_int_equal(bot_config_set(&c, "nlp", "group_trigger", "loud", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&c, "clock", "utc_offset", "8", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&c, "server", "threads", "abc", err), BOT_INVALID);
    assert_int_equal(bot_config_set(&c, "store", "synchronous", "normal", err), BOT_OK);
    assert_string_equal(c.store_sync, "NORMAL");
}

static void test_missing_file_is_io_error(void **state)
{
    (void)state;
    char err[256];
    struct bot_config c;
    bot_config_defaults(&c);
    assert_int_equal(bot_config_load(&c, "/nonexistent/bot.ini", err), BOT_IO);
}

static void test_shipped_bot_ini_loads(void **state)
{
    (void)state;
    char err[256];
    struct bot_config c;
    bot_config_defaults(&c);
    assert_int_equal(bot_config_load(&c, "bot.ini", err), BOT_OK);
    assert_string_equal(c.store_path, "timebank.db");
    assert_string_equal(c.bot_names, "时间驿站,驿站,小驿");
    assert_int_equal(c.link_code_max_wrong, 50); /* killing a code takes 10 identities' wrong tries */
    assert_int_equal(c.link_max_wrong_per_claimant, 5);
    assert_int_equal(c.link_hold_hours, 24);
}

static void test_the_store_backend_is_sqlite_or_a_postgres_url(void **state)
{
    (void)state;
    struct bot_config c;
    char err[256] = "";
    bot_config_defaults(&c);
    assert_string_equal(c.store_backend, "sqlite");
    assert_int_equal(bot_config_check_store(&c, err), BOT_OK);
    assert_int_equal(bot_config_set(&c, "store", "backend", "postgres", err), BOT_OK);
    assert_int_equal(bot_config_set(&c, "store", "url", "postgresql:///timebank?host=/run/postgresql", err), BOT_OK);
    assert_int_equal(bot_config_check_store(&c, err), BOT_OK);
    assert_string_equal(c.store_path, "postgresql:///timebank?host=/run/postgresql"); /* what every part opens */
    assert_int_equal(bot_config_set(&c, "store", "url", "/var/lib/bot.db", err), BOT_OK);
    assert_int_equal(bot_config_check_store(&c, err), BOT_INVALID); /* postgres without a URL */
    assert_non_null(strstr(err, "libpq URL"));
    assert_int_equal(bot_config_set(&c, "store", "backend", "sqlite", err), BOT_OK);
    assert_int_equal(bot_config_set(&c, "store", "path", "postgres://x/y", err), BOT_OK);
    assert_int_equal(bot_config_check_store(&c, err), BOT_INVALID); /* a URL where a file is meant */
    assert_int_equal(bot_config_set(&c, "store", "backend", "mysql", err), BOT_OK);
    assert_int_equal(bot_config_check_store(&c, err), BOT_INVALID);
    assert_non_null(strstr(err, "want sqlite or postgres"));
}

static void collect_setting(const char *section, const char *key, const char *value, void *arg)
{
    char *seen = arg;
    size_t n = strlen(seen);
    snprintf(seen + n, 1024 - n, "%s.%s=%s;", section, key, strcmp(section, "store") == 0 ? value : "");
}

static void test_a_store_url_is_shown_without_its_password(void **state)
{
    (void)state;
    char out[256];
    bot_config_store_name("postgresql://bot:S3cret@db.example:5432/tb?sslmode=require", out, sizeof out);
    assert_string_equal(out, "postgresql://bot:***@db.example:5432/tb?sslmode=require");
    bot_config_store_name("postgresql:///tb?host=/run/pg&user=bot&password=S3cret&sslmode=disable", out, sizeof out);
    assert_string_equal(out, "postgresql:///tb?host=/run/pg&user=bot&password=***&sslmode=disable");
    bot_config_store_name("postgres://u@h/db", out, sizeof out); /* no password: as it is */
    assert_string_equal(out, "postgres://u@h/db");
    bot_config_store_name("/var/lib/timebank-bot/timebank.db", out, sizeof out);
    assert_string_equal(out, "/var/lib/timebank-bot/timebank.db");
    bot_config_store_name("postgresql://bot:S3cret@h/db", out, 16); /* cut short, never the password */
    assert_null(strstr(out, "S3c"));
    struct bot_config c;
    char err[256];
    bot_config_defaults(&c);
    assert_int_equal(bot_config_set(&c, "store", "url", "postgresql://bot:S3cret@h/db", err), BOT_OK);
    char seen[1024] = "";
    bot_config_each(&c, collect_setting, seen);
    assert_null(strstr(seen, "S3cret")); /* the console's 设置 page */
    assert_non_null(strstr(seen, "store.url=postgresql://bot:***@h/db;"));
}

static void test_sample_secrets_refused_beyond_loopback(void **state)
{
    (void)state;
    struct bot_config c;
    char err[256];
    bot_config_defaults(&c);
    assert_int_equal(bot_config_check_serve(&c, err), BOT_OK); /* no token at all */
    snprintf(c.generic_token, sizeof c.generic_token, "change-me");
    assert_int_equal(bot_config_check_serve(&c, err), BOT_OK); /* 127.0.0.1:8080 */
    const char *open_to_all[] = {"0.0.0.0:8080", "8080", "192.168.1.5:8080", "127.0.0.1:8080,0.0.0.0:8443"};
    for (size_t i = 0; i < BOT_ARRAY_LEN(open_to_all); i++) {
        snprintf(c.listen, sizeof c.listen, "%s", open_to_all[i]);
        assert_int_equal(bot_config_check_serve(&c, err), BOT_INVALID);
        assert_non_null(strstr(err, "change-me"));
    }
    const char *loopback[] = {"127.0.0.1:9000", "[::1]:9000", "localhost:9000", "127.0.0.1:1,127.0.0.1:2"};
    for (size_t i = 0; i < BOT_ARRAY_LEN(loopback); i++) {
        snprintf(c.listen, sizeof c.listen, "%s", loopback[i]);
        assert_int_equal(bot_config_check_serve(&c, err), BOT_OK);
    }
    snprintf(c.listen, sizeof c.listen, "0.0.0.0:8080");
    snprintf(c.generic_token, sizeof c.generic_token, "k3j4-own-secret");
    assert_int_equal(bot_config_check_serve(&c, err), BOT_OK);
    snprintf(c.onebot_secret, sizeof c.onebot_secret, "CHANGE-ME"); /* any secret, any case */
    assert_int_equal(bot_config_check_serve(&c, err), BOT_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_match_design),
        cmocka_unit_test(test_load_overrides_and_inline_comments),
        cmocka_unit_test(test_bad_value_names_file_and_line),
        cmocka_unit_test(test_bad_enum_and_offset_refused),
        cmocka_unit_test(test_missing_file_is_io_error),
        cmocka_unit_test(test_shipped_bot_ini_loads),
        cmocka_unit_test(test_link_try_limits_are_keys_with_bounds),
        cmocka_unit_test(test_the_store_backend_is_sqlite_or_a_postgres_url),
        cmocka_unit_test(test_a_store_url_is_shown_without_its_password),
        cmocka_unit_test(test_sample_secrets_refused_beyond_loopback),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
