/* config.c — bot.ini through inih, one table row per key (redis config.c style). */
#include "config.h"
#include "../store/store.h"

#include <ini.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum cfg_type { CFG_INT, CFG_STR, CFG_OFFSET, CFG_TRIGGER, CFG_SYNC, CFG_DAY };

struct cfg_key {
    const char *section;
    const char *key;
    enum cfg_type type;
    long min, max;
    const char *def;
    size_t off;
    size_t size; /* for strings */
};

#define C_INT(s, k, field, mn, mx, d) {s, k, CFG_INT, mn, mx, d, offsetof(struct bot_config, field), 0}
#define C_STR(s, k, field, d) {s, k, CFG_STR, 0, 0, d, offsetof(struct bot_config, field), sizeof(((struct bot_config *)0)->field)}
#define C_RULE(k, mn, mx, d) C_INT("rules", #k, rules.k, mn, mx, d)

static const struct cfg_key keys[] = {
    C_STR("server", "listen", listen, "127.0.0.1:8080"),
    C_INT("server", "threads", threads, 1, 64, "8"),
    C_INT("server", "connections", connections, 8, 4096, "16"),
    C_INT("server", "read_timeout_ms", read_timeout_ms, 100, 60000, "3000"),
    C_INT("server", "max_clock_skew_seconds", max_clock_skew_seconds, 0, 86400 * 365, "86400"),
    C_INT("server", "max_message_age_seconds", max_message_age_seconds, 0, 86400 * 3650, "604800"),
    C_INT("server", "max_body_bytes", max_body_bytes, 256, 16 * 1024 * 1024, "65536"),
    C_STR("store", "path", store_path, "timebank.db"),
    C_STR("store", "backend", store_backend, "sqlite"),
    C_STR("store", "url", store_url, ""),
    {"store", "synchronous", CFG_SYNC, 0, 0, "FULL", offsetof(struct bot_config, store_sync), 16},
    {"clock", "utc_offset", CFG_OFFSET, 0, 0, "+08:00", offsetof(struct bot_config, utc_offset), 0},
    C_STR("generic", "token", generic_token, ""),
    C_STR("wechat", "token", wechat_token, ""),
    C_STR("onebot", "secret", onebot_secret, ""),
    C_STR("onebot", "api_url", onebot_api_url, "http://127.0.0.1:5700"),
    C_STR("onebot", "access_token", onebot_access_token, ""),
    C_STR("telegram", "secret_token", telegram_secret_token, ""),
    C_STR("telegram", "api_url", telegram_api_url, "https://api.telegram.org"),
    C_STR("telegram", "bot_token", telegram_bot_token, ""),
    C_STR("telegram", "username", telegram_username, ""),
    C_STR("wecom", "robot_url", wecom_robot_url, ""),
    C_STR("wecom", "buildings", wecom_buildings, ""),
    C_INT("wecom", "per_minute", wecom_per_minute, 1, 1000, "20"),
    C_STR("wecom", "token", wecom_token, ""),
    C_STR("wecom", "aes_key", wecom_aes_key, ""),
    C_INT("wecom", "max_skew_seconds", wecom_max_skew_seconds, 10, 86400, "300"),
    C_STR("wechat", "aes_key", wechat_aes_key, ""),
    C_STR("wechat", "app_id", wechat_app_id, ""),
    C_STR("wechat", "app_secret", wechat_app_secret, ""),
    C_STR("wechat", "api_url", wechat_api_url, "https://api.weixin.qq.com"),
    C_STR("generic", "push_url", generic_push_url, ""),
    C_STR("generic", "push_token", generic_push_token, ""),
    C_INT("wechat", "max_skew_seconds", wechat_max_skew_seconds, 10, 86400, "300"),
    C_INT("limits", "inbox_days", inbox_days, 1, 3650, "7"),
    C_INT("outbox", "max_attempts", outbox_max_attempts, 1, 100, "8"),
    C_INT("outbox", "backoff_seconds", outbox_backoff_seconds, 1, 3600, "2"),
    C_INT("outbox", "connect_timeout_ms", outbox_connect_timeout_ms, 100, 60000, "3000"),
    C_INT("outbox", "timeout_ms", outbox_timeout_ms, 100, 120000, "10000"),
    C_INT("outbox", "per_chat_per_minute", outbox_per_chat_per_minute, 1, 10000, "20"),
    C_INT("outbox", "per_platform_per_second", outbox_per_platform_per_second, 1, 10000, "30"),
    C_INT("outbox", "max_in_flight", outbox_max_in_flight, 1, 256, "16"),
    C_INT("outbox", "max_in_flight_per_chat", outbox_max_in_flight_per_chat, 1, 64, "1"),
    C_INT("outbox", "max_in_flight_per_host", outbox_max_in_flight_per_host, 1, 256, "8"),
    C_INT("outbox", "max_pending", outbox_max_pending, 1, 10000000, "10000"),
    {"nlp", "group_trigger", CFG_TRIGGER, 0, 0, "auto", offsetof(struct bot_config, group_trigger), 0},
    C_STR("nlp", "bot_names", bot_names, "时间驿站,驿站,小驿"),
    C_STR("nlp", "services_file", services_file, "data/services.txt"),
    C_INT("limits", "max_text_chars", max_text_chars, 1, 100000, "2000"),
    C_INT("limits", "messages_per_member_per_minute", messages_per_member_per_minute, 0, 100000, "20"),
    C_INT("limits", "open_requests_per_member", open_requests_per_member, 1, 1000, "5"),
    C_INT("console", "enabled", console_enabled, 0, 1, "1"),
    C_STR("console", "url", console_url, ""),
    C_STR("console", "static_dir", console_static_dir, "console/static"),
    C_INT("console", "link_minutes", console_link_minutes, 1, 24 * 60, "10"),
    C_INT("console", "session_hours", console_session_hours, 1, 24 * 30, "12"),
    C_INT("console", "max_tries", console_max_tries, 1, 1000, "10"),
    C_STR("console", "trusted_proxy", console_trusted_proxy, ""),
    C_STR("branch", "name", branch_name, "本会"),
    C_INT("metrics", "enabled", metrics_enabled, 0, 1, "1"),
    C_STR("metrics", "token", metrics_token, ""),
    C_INT("limits", "link_code_max_wrong", link_code_max_wrong, 1, 1000, "50"),
    C_INT("limits", "link_max_wrong_per_claimant", link_max_wrong_per_claimant, 1, 1000, "5"),
    C_INT("limits", "link_hold_hours", link_hold_hours, 0, 24 * 30, "24"),
    C_STR("roles", "admins", admins, ""),
    C_INT("scheduler", "interval_seconds", scheduler_interval_seconds, 1, 3600, "30"),
    C_STR("scheduler", "quiet_exempt_jobs", quiet_exempt_jobs, ""),
    C_RULE(overdraft_hours, 0, 1000, "10"),
    C_RULE(confirm_hours, 1, 24 * 30, "24"),
    C_RULE(round_minutes, 1, 120, "30"),
    C_RULE(min_credit_minutes, 0, 600, "30"),
    C_RULE(unmatched_hours, 1, 24 * 30, "6"),
    C_RULE(cancel_notice_hours, 0, 24 * 7, "2"),
    C_RULE(cancel_penalty, 0, 1000, "5"),
    C_RULE(malicious_freeze_days, 0, 3650, "30"),
    C_RULE(expiry_days, 0, 36500, "730"),
    C_RULE(expiry_warn_days, 0, 3650, "30"),
    C_RULE(birthday_credits, 0, 100, "2"),
    C_RULE(referral_credits, 0, 1000, "20"),
    C_RULE(activity_organiser_credits, 0, 1000, "5"),
    C_RULE(activity_min_participants, 1, 10000, "10"),
    C_RULE(activity_participant_credits, 0, 100, "1"),
    C_RULE(level_tongxing, 1, 100000, "51"),
    C_RULE(level_gongzhu, 1, 100000, "201"),
    C_RULE(leaderboard_day, 1, 28, "5"),
    C_RULE(childcare_min_age, 0, 120, "25"),
    C_RULE(min_age, 0, 120, "18"),
    C_RULE(quiet_start_hour, 0, 23, "22"),
    C_RULE(quiet_end_hour, 0, 23, "8"),
    C_RULE(max_request_hours, 1, 24, "12"),
    C_RULE(reannounce_limit, 0, 100, "3"),
    C_RULE(default_estimate_minutes, 30, 24 * 60, "120"),
    C_RULE(over_estimate_minutes, 0, 24 * 60, "60"),
    C_RULE(start_window_minutes, 0, 24 * 60, "60"),
    C_RULE(still_going_minutes, 0, 24 * 60, "30"),
    C_RULE(short_timer_minutes, 0, 24 * 60, "10"),
    C_RULE(past_grace_minutes, 0, 24 * 60, "30"),
    C_RULE(proxy_daily_cap, 0, 1000, "10"),
    C_RULE(proxy_undo_hours, 0, 720, "24"),
    C_RULE(proxy_backdate_days, 0, 365, "7"),
    C_RULE(referral_min_minutes, 0, 1440, "60"),
    C_RULE(birthday_wait_days, 0, 3650, "365"),
    C_RULE(birthday_min_age, 0, 120, "5"),
    C_RULE(birthday_max_age, 1, 150, "120"),
    C_RULE(activity_signin_before_minutes, 0, 1440, "30"),
    C_RULE(activity_default_minutes, 1, 1440, "120"),
    C_RULE(elder_link_code_hours, 1, 720, "24"),
    C_RULE(fund_budget_hours, 0, 100000, "40"),
    C_RULE(untimed_open_days, 0, 3650, "30"),
    C_RULE(no_show_ask_minutes, 0, 24 * 60, "30"),
    C_RULE(no_show_hours, 1, 48, "2"),
    C_RULE(no_show_penalty, 0, 1000, "5"),
    C_RULE(no_show_ban_count, 0, 1000, "3"),
    C_RULE(no_show_window_days, 1, 3650, "90"),
    C_RULE(no_show_ban_days, 0, 3650, "30"),
    C_RULE(late_cancel_review_count, 0, 1000, "3"),
    C_RULE(late_cancel_window_days, 1, 3650, "30"),
    C_RULE(address_withdraw_count, 0, 1000, "2"),
    C_RULE(address_withdraw_days, 1, 3650, "7"),
    C_RULE(digest_hour, 0, 23, "18"),
    C_RULE(match_push_count, 0, 20, "3"),
    C_RULE(complaint_response_minutes, 1, 7 * 24 * 60, "60"),
    C_RULE(complaint_decision_hours, 1, 30 * 24, "24"),
    C_RULE(complaint_ban_days, 1, 3650, "7"),
    C_RULE(require_insurance, 0, 1, "0"),
    C_RULE(merchant_yuan_per_credit, 1, 1000, "3"),
    C_RULE(merchant_max_yuan, 1, 100000, "30"),
    C_RULE(merchant_fee_percent, 0, 100, "3"),
    C_RULE(redeem_code_minutes, 1, 24 * 60, "10"),
    C_RULE(redeem_wrong_limit, 1, 1000, "5"),
    C_RULE(redeem_wrong_minutes, 1, 24 * 60, "10"),
    C_RULE(membership_remind_days, 0, 3650, "30"),
    C_RULE(dividend_yuan_per_hour, 1, 100000, "30"),
    C_RULE(spend_single_max_yuan, 0, 10000000, "500"),
    C_RULE(spend_double_max_yuan, 0, 10000000, "5000"),
    C_RULE(finance_publish_day, 1, 28, "10"),
    {"rules", "first_deposit_day", CFG_DAY, 0, 0, "", offsetof(struct bot_config, rules.first_deposit_day),
     sizeof(((struct bot_config *)0)->rules.first_deposit_day)},
};

/* One [membership] tier's value: 100元 365天 [体验券1小时 | 体验券30分钟] [分红], in any order. */
static enum bot_rc parse_tier(const char *name, const char *value, struct hd_tier *t, char err[256])
{
    memset(t, 0, sizeof *t);
    if (bot_strlcpy(t->name, name, sizeof t->name) != BOT_OK || !*name) {
        snprintf(err, 256, "[membership] %.60s: a tier's name is 1..%zu bytes", name, sizeof t->name - 1);
        return BOT_INVALID;
    }
    const char *p = value;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t n = strcspn(p, " \t");
        if (!n)
            break;
        char tok[48], num[32];
        if (n >= sizeof tok)
            goto bad;
        memcpy(tok, p, n);
        tok[n] = '\0';
        p += n;
        size_t tl = strlen(tok);
        int64_t v = 0;
        if (strcmp(tok, "分红") == 0) {
            t->dividend = 1;
        } else if (tl > 3 && strcmp(tok + tl - 3, "元") == 0) { /* 100元, 99.5元 */
            snprintf(num, sizeof num, "%.*s", (int)(tl - 3), tok);
            char *dot = strchr(num, '.');
            int64_t jiao = 0;
            if (dot) {
                *dot = '\0';
                if (strlen(dot + 1) < 1 || strlen(dot + 1) > 2 || bot_parse_i64(dot + 1, &jiao) != BOT_OK || jiao < 0)
                    goto bad;
                if (strlen(dot + 1) == 1)
                    jiao *= 10;
            }
            if (bot_parse_i64(num, &v) != BOT_OK || v < 0 || v > 10000000)
                goto bad;
            t->fen = v * 100 + jiao;
        } else if (tl > 3 && strcmp(tok + tl - 3, "天") == 0) {
            snprintf(num, sizeof num, "%.*s", (int)(tl - 3), tok);
            if (bot_parse_i64(num, &v) != BOT_OK || v < 1 || v > 36500)
                goto bad;
            t->days = (int)v;
        } else if (strncmp(tok, "体验券", 9) == 0 && tl > 9) {
            const char *q = tok + 9;
            size_t ql = strlen(q);
            int per = 0;
            if (ql > 6 && strcmp(q + ql - 6, "小时") == 0)
                per = 60;
            else if (ql > 6 && strcmp(q + ql - 6, "分钟") == 0)
                per = 1;
            snprintf(num, sizeof num, "%.*s", (int)(ql - 6), q);
            if (!per || bot_parse_i64(num, &v) != BOT_OK || v < 1 || v * per > 24 * 60)
                goto bad;
            t->voucher_minutes = (int)(v * per);
        } else {
            goto bad;
        }
    }
    if (t->fen <= 0 || t->days <= 0) {
        snprintf(err, 256, "[membership] %.60s = '%.80s': want a price and a length, e.g. 100元 365天", name, value);
        return BOT_INVALID;
    }
    return BOT_OK;
bad:
    snprintf(err, 256, "[membership] %.60s = '%.80s': want 100元 365天 [体验券1小时] [分红]", name, value);
    return BOT_INVALID;
}

static enum bot_rc set_tier(struct bot_config *cfg, const char *name, const char *value, char err[256])
{
    struct hd_tier t;
    if (parse_tier(name, value, &t, err) != BOT_OK)
        return BOT_INVALID;
    if (!cfg->tiers_read) { /* the file's tiers replace the defaults */
        cfg->tiers_read = 1;
        cfg->ntiers = 0;
    }
    for (int i = 0; i < cfg->ntiers; i++)
        if (strcmp(cfg->tiers[i].name, t.name) == 0) {
            cfg->tiers[i] = t;
            return BOT_OK;
        }
    if (cfg->ntiers == HD_TIERS_MAX) {
        snprintf(err, 256, "[membership]: at most %d tiers", HD_TIERS_MAX);
        return BOT_INVALID;
    }
    cfg->tiers[cfg->ntiers++] = t;
    return BOT_OK;
}

enum bot_rc bot_config_set(struct bot_config *cfg, const char *section, const char *key,
                           const char *value, char err[256])
{
    if (strcmp(section, "membership") == 0)
        return set_tier(cfg, key, value, err);
    for (size_t i = 0; i < BOT_ARRAY_LEN(keys); i++) {
        const struct cfg_key *k = &keys[i];
        if (strcmp(k->section, section) != 0 || strcmp(k->key, key) != 0)
            continue;
        char *field = (char *)cfg + k->off;
        switch (k->type) {
        case CFG_INT: {
            int64_t v;
            if (bot_parse_i64(value, &v) != BOT_OK || v < k->min || v > k->max) {
                snprintf(err, 256, "[%s] %s = '%s': want an integer in %ld..%ld", section, key,
                         value, k->min, k->max);
                return BOT_INVALID;
            }
            *(int *)field = (int)v;
            return BOT_OK;
        }
        case CFG_STR:
            if (bot_strlcpy(field, value, k->size) != BOT_OK) {
                snprintf(err, 256, "[%s] %s: value longer than %zu bytes", section, key, k->size - 1);
                return BOT_INVALID;
            }
            return BOT_OK;
        case CFG_OFFSET:
            if (bot_parse_offset(value, (int *)field) != BOT_OK) {
                snprintf(err, 256, "[%s] %s = '%s': want +HH:MM", section, key, value);
                return BOT_INVALID;
            }
            return BOT_OK;
        case CFG_TRIGGER:
            if (strcasecmp(value, "auto") == 0)
                *(int *)field = HD_TRIGGER_AUTO;
            else if (strcasecmp(value, "mention") == 0)
                *(int *)field = HD_TRIGGER_MENTION;
            else if (strcasecmp(value, "command") == 0)
                *(int *)field = HD_TRIGGER_COMMAND;
            else {
                snprintf(err, 256, "[%s] %s = '%s': want auto, mention or command", section, key, value);
                return BOT_INVALID;
            }
            return BOT_OK;
        case CFG_DAY: { /* "" none, MM-DD every year, YYYY-MM-DD one day: a real day (02-29 only in a leap year) */
            int y = 2000, m = 0, d = 0, n = 0;
            size_t len = strlen(value);
            int ok = len == 0 || (len == 5 && sscanf(value, "%2d-%2d%n", &m, &d, &n) == 2 && n == 5) ||
                     (len == 10 && sscanf(value, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 && y >= 2000 &&
                      y <= 2200);
            if (ok && len)
                ok = m >= 1 && m <= 12 && d >= 1 &&
                     d <= bot_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - bot_days_from_civil(y, m, 1);
            if (!ok || len >= k->size) {
                snprintf(err, 256, "[%s] %s = '%s': want MM-DD, YYYY-MM-DD or nothing", section, key, value);
                return BOT_INVALID;
            }
            snprintf(field, k->size, "%s", value);
            return BOT_OK;
        }
        case CFG_SYNC:
            if (strcasecmp(value, "FULL") != 0 && strcasecmp(value, "NORMAL") != 0) {
                snprintf(err, 256, "[%s] %s = '%s': want FULL or NORMAL", section, key, value);
                return BOT_INVALID;
            }
            snprintf(field, k->size, "%s", strcasecmp(value, "FULL") == 0 ? "FULL" : "NORMAL");
            return BOT_OK;
        }
    }
    bot_log(BOT_LOG_WARN, "config: unknown key [%s] %s ignored", section, key);
    return BOT_OK;
}

void bot_config_defaults(struct bot_config *cfg)
{
    char err[256];
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < BOT_ARRAY_LEN(keys); i++)
        if (bot_config_set(cfg, keys[i].section, keys[i].key, keys[i].def, err) != BOT_OK)
            bot_log(BOT_LOG_ERROR, "config: bad default: %s", err);
    /* 002's two tiers, until bot.ini names its own */
    if (parse_tier("体验会员", "100元 365天 体验券1小时", &cfg->tiers[0], err) != BOT_OK ||
        parse_tier("共创会员", "1000元 365天 分红", &cfg->tiers[1], err) != BOT_OK)
        bot_log(BOT_LOG_ERROR, "config: bad default: %s", err);
    cfg->ntiers = 2;
    cfg->tiers_read = 0;
}

/* A key whose value is a secret (a token, a signing secret, a key, a URL that carries one). */
static int secret_key(const char *key)
{
    return strstr(key, "token") || strstr(key, "secret") || strstr(key, "aes_key") || strcmp(key, "robot_url") == 0 ||
           strcmp(key, "admins") == 0;
}

void bot_config_store_name(const char *path, char *out, size_t outsz)
{
    if (!store_path_is_pg(path)) {
        bot_strlcpy(out, path, outsz);
        return;
    }
    /* a copy with each password replaced: postgresql://user:PASSWORD@host… and …?password=PASSWORD&… */
    const char *auth = strstr(path, "://") + 3;
    size_t authlen = strcspn(auth, "/?");
    const char *at = memchr(auth, '@', authlen), *colon = memchr(auth, ':', authlen);
    size_t o = 0;
    out[0] = '\0';
    for (const char *p = path; *p && o + 1 < outsz;) {
        const char *skip_to = NULL;
        if (at && colon && colon < at && p == colon + 1)
            skip_to = at; /* the URL's password */
        else if (p > path && (p[-1] == '?' || p[-1] == '&') && strncmp(p, "password=", 9) == 0 && o + 10 < outsz) {
            memcpy(out + o, p, 9);
            o += 9;
            p += 9;
            skip_to = p + strcspn(p, "&");
        }
        if (skip_to) {
            if (o + 4 >= outsz)
                break;
            memcpy(out + o, "***", 3);
            o += 3;
            p = skip_to;
            continue;
        }
        out[o++] = *p++;
    }
    out[o] = '\0';
}

void bot_config_each(const struct bot_config *cfg, void (*fn)(const char *section, const char *key,
                                                              const char *value, void *arg),
                     void *arg)
{
    char v[BOT_CFG_STR + 16];
    for (size_t i = 0; i < BOT_ARRAY_LEN(keys); i++) {
        const struct cfg_key *k = &keys[i];
        const void *field = (const char *)cfg + k->off;
        switch (k->type) {
        case CFG_INT: snprintf(v, sizeof v, "%d", *(const int *)field); break;
        case CFG_STR: case CFG_SYNC: case CFG_DAY: bot_strlcpy(v, field, sizeof v); break;
        case CFG_OFFSET: {
            int o = *(const int *)field, a = o < 0 ? -o : o;
            snprintf(v, sizeof v, "%c%02d:%02d", o < 0 ? '-' : '+', a / 3600, a / 60 % 60);
            break;
        }
        case CFG_TRIGGER: {
            int t = *(const int *)field;
            snprintf(v, sizeof v, "%s", t == HD_TRIGGER_MENTION ? "mention" : t == HD_TRIGGER_COMMAND ? "command" : "auto");
            break;
        }
        }
        if (secret_key(k->key))
            snprintf(v, sizeof v, "%s", v[0] ? "（已设置，不显示）" : "（未设置）");
        if (strcmp(k->section, "store") == 0) { /* a URL's password is never shown */
            char shown[BOT_CFG_STR + 16];
            bot_config_store_name(v, shown, sizeof shown);
            bot_strlcpy(v, shown, sizeof v);
        }
        fn(k->section, k->key, v, arg);
    }
}

struct load_state {
    struct bot_config *cfg;
    char *err;
    int failed;
};

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    struct load_state *ls = user;
    if (ls->failed)
        return 0;
    if (bot_config_set(ls->cfg, section, name, value, ls->err) != BOT_OK) {
        ls->failed = 1;
        return 0; /* inih then reports this line */
    }
    return 1;
}

enum bot_rc bot_config_load(struct bot_config *cfg, const char *path, char err[256])
{
    char detail[256] = "";
    char pathcut[96];
    bot_strlcpy(pathcut, path, sizeof pathcut);
    struct load_state ls = {cfg, detail, 0};
    int line = ini_parse(path, on_ini, &ls);
    if (line == -1) {
        snprintf(err, 256, "%s: cannot open", path);
        return BOT_IO;
    }
    if (line == -2) {
        snprintf(err, 256, "%s: out of memory", path);
        return BOT_NOMEM;
    }
    if (line > 0) {
        snprintf(err, 256, "%s:%d: %.150s", pathcut, line, detail[0] ? detail : "syntax error");
        return BOT_INVALID;
    }
    return BOT_OK;
}

/* The listen address binds only the loopback interface. civetweb's forms:
 * "8080" and "0.0.0.0:8080" bind every interface; "127.0.0.1:8080",
 * "[::1]:8080" and "localhost:8080" do not. Several ports: all must be loopback. */
static int loopback_only(const char *listen)
{
    const char *p = listen;
    while (*p) {
        size_t n = strcspn(p, ",");
        int ok = (n > 4 && strncmp(p, "127.", 4) == 0) || (n > 5 && strncmp(p, "[::1]", 5) == 0) ||
                 (n > 10 && strncmp(p, "localhost:", 10) == 0);
        if (!ok)
            return 0;
        p += n;
        if (*p == ',')
            p++;
    }
    return 1;
}

enum bot_rc bot_config_check_serve(const struct bot_config *cfg, char err[256])
{
    static const char *const samples[] = {"change-me", "changeme", "secret", "token"};
    const struct {
        const char *key, *value;
    } secrets[] = {
        {"[generic] token", cfg->generic_token},          {"[generic] push_token", cfg->generic_push_token},
        {"[wechat] token", cfg->wechat_token},            {"[onebot] secret", cfg->onebot_secret},
        {"[wecom] token", cfg->wecom_token},
        {"[onebot] access_token", cfg->onebot_access_token}, {"[telegram] secret_token", cfg->telegram_secret_token},
    };
    if (loopback_only(cfg->listen))
        return BOT_OK;
    for (size_t i = 0; i < BOT_ARRAY_LEN(secrets); i++)
        for (size_t j = 0; j < BOT_ARRAY_LEN(samples); j++)
            if (strcasecmp(secrets[i].value, samples[j]) == 0) {
                snprintf(err, 256, "%s is the sample value '%s' and [server] listen = %.60s is not loopback: "
                         "set a secret of your own", secrets[i].key, samples[j], cfg->listen);
                return BOT_INVALID;
            }
    return BOT_OK;
}

enum bot_rc bot_config_check_store(struct bot_config *cfg, char err[256])
{
    const char *env = getenv("BOT_STORE_URL"); /* the environment names the database over bot.ini (a container's way) */
    if (env && *env) {
        if (!store_path_is_pg(env)) {
            snprintf(err, 256, "BOT_STORE_URL = '%.60s' in the environment is no libpq URL (postgresql://…): "
                     "unset it to use bot.ini's [store]", env);
            return BOT_INVALID;
        }
        bot_strlcpy(cfg->store_backend, "postgres", sizeof cfg->store_backend);
        bot_strlcpy(cfg->store_url, env, sizeof cfg->store_url);
    }
    if (strcmp(cfg->store_backend, "sqlite") == 0) {
        if (!store_path_is_pg(cfg->store_path))
            return BOT_OK;
        snprintf(err, 256, "[store] path = %.60s… is a PostgreSQL URL: say backend = postgres and url = …",
                 cfg->store_path);
        return BOT_INVALID;
    }
    if (strcmp(cfg->store_backend, "postgres") != 0) {
        snprintf(err, 256, "[store] backend = '%.40s': want sqlite or postgres", cfg->store_backend);
        return BOT_INVALID;
    }
    if (!store_path_is_pg(cfg->store_url)) {
        snprintf(err, 256, "[store] backend = postgres wants url = postgresql://… (a libpq URL), not '%.60s'",
                 cfg->store_url);
        return BOT_INVALID;
    }
    /* every part of the bot opens the store by its path: the URL is the path (store_open dispatches on it) */
    bot_strlcpy(cfg->store_path, cfg->store_url, sizeof cfg->store_path);
    return BOT_OK;
}

void bot_config_settings(const struct bot_config *cfg, struct hd_settings *out)
{
    memset(out, 0, sizeof *out);
    out->rules = cfg->rules;
    out->utc_offset = cfg->utc_offset;
    out->group_trigger = cfg->group_trigger;
    bot_strlcpy(out->admins, cfg->admins, sizeof out->admins);
    bot_strlcpy(out->quiet_exempt_jobs, cfg->quiet_exempt_jobs, sizeof out->quiet_exempt_jobs);
    out->max_text_chars = cfg->max_text_chars;
    out->open_requests_per_member = cfg->open_requests_per_member;
    out->outbox_max_pending = cfg->outbox_max_pending;
    out->inbox_days = cfg->inbox_days;
    out->link_code_max_wrong = cfg->link_code_max_wrong;
    out->link_max_wrong_per_claimant = cfg->link_max_wrong_per_claimant;
    out->link_hold_hours = cfg->link_hold_hours;
    out->console_enabled = cfg->console_enabled;
    out->console_link_minutes = cfg->console_link_minutes;
    bot_strlcpy(out->branch_name, cfg->branch_name, sizeof out->branch_name);
    if (cfg->console_url[0])
        bot_strlcpy(out->console_url, cfg->console_url, sizeof out->console_url);
    else
        snprintf(out->console_url, sizeof out->console_url, "http://%s/console", cfg->listen);
    memcpy(out->tiers, cfg->tiers, sizeof out->tiers);
    out->ntiers = cfg->ntiers;
}
