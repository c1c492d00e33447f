/* bot_fixture.h — a fresh store, NLP and default config for tests that drive
 * hd_handle(): handlers_test, rules_test, jobs_test. */
#ifndef BOT_FIXTURE_H
#define BOT_FIXTURE_H

#include "test_util.h"

#include "../bot/config.h"
#include "../bot/platform.h"
#include "../handlers/handlers.h"
#include <ctype.h>

struct fixture {
    char path[64];
    struct store *st;
    struct nlp *nlp;
    struct bot_config cfg; /* tests change it; fixture_ctx() hands the handlers its settings */
    struct hd_settings set;
    struct hd_reply reply;
    int mid;
    struct hd_platform plat[BOT_PLATFORMS_MAX];
};

/* A context at now, with what the platform table says under f->cfg as it is now. */
static inline struct hd_ctx fixture_ctx(struct fixture *f, int64_t now)
{
    bot_config_settings(&f->cfg, &f->set);
    int n = bot_platform_facts(&f->cfg, f->plat, BOT_PLATFORMS_MAX);
    return (struct hd_ctx){f->st, f->nlp, &f->set, now, f->plat, n, 0};
}

static inline int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char err[256];
    tmpdb_path(f->path);
    bot_config_defaults(&f->cfg);
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    struct nlp_options o = {f->cfg.bot_names, f->cfg.services_file};
    assert_int_equal(nlp_create(&o, &f->nlp, err), BOT_OK);
    *state = f;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    nlp_free(f->nlp);
    tmpdb_remove(f->path);
    free(f);
    return 0;
}

/* One message through hd_handle at the ISO time `when`; the reply, or "" when
 * the bot stays silent. chat NULL = private; mid NULL = no de-duplication. */
/* The voice guide's hard rules (docs/voice.md), held by every reply any test makes the bot say: no English word
 * for a state, no raw ISO time, no amount in 积分 (the unit is 小时), no line over 200 characters. Returns where it
 * broke, or NULL. */
static inline const char *fixture_voice_breach(const char *reply)
{
    static const char *const states[] = {"in_service", "accepted", "confirmed", "cancelled", "disputed", "finished",
                                         "expired"};
    for (size_t i = 0; i < sizeof states / sizeof *states; i++)
        if (strstr(reply, states[i]))
            return strstr(reply, states[i]);
    for (const char *p = reply; (p = strchr(p, 'T')); p++) /* 2026-11-24T09:00 */
        if (p - reply >= 10 && p[-3] == '-' && p[-6] == '-' && isdigit((unsigned char)p[1]) &&
            isdigit((unsigned char)p[-1]))
            return p - 10;
    size_t cps = 0; /* a line a phone shows in a few rows: at most 200 characters (docs/voice.md) */
    for (const char *p = reply; *p; p++) {
        if (*p == '\n')
            cps = 0;
        else if (((unsigned char)*p & 0xC0) != 0x80 && ++cps > 200)
            return p;
    }
    for (const char *p = reply; (p = strstr(p, "积分")); p += 6) { /* 5 积分, 20积分, 2小时 积分 */
        const char *q = p;
        while (q > reply && q[-1] == ' ')
            q--;
        const char *d = q;
        while (d > reply && isdigit((unsigned char)d[-1]))
            d--;
        if (d < q && d > reply && d[-1] == '#')
            continue; /* #1 积分减半: an order's number */
        if (q > reply && (isdigit((unsigned char)q[-1]) || (q - reply >= 3 && strncmp(q - 3, "时", 3) == 0)))
            return p;
    }
    return NULL;
}

static inline const char *fixture_say(struct fixture *f, const char *platform, const char *mid, const char *user,
                                      const char *name, const char *when, const char *text, const char *chat)
{
    struct hd_ctx ctx = fixture_ctx(f, iso(when));
    struct hd_msg m = {.platform = platform, .message_id = mid, .chat_id = chat, .is_group = chat != NULL,
                       .user_id = user, .user_name = name, .text = text};
    assert_int_equal(hd_handle(&ctx, &m, &f->reply), BOT_OK);
    const char *breach = f->reply.has_reply ? fixture_voice_breach(f->reply.text) : NULL;
    if (breach)
        fail_msg("the reply to '%s' breaks the voice guide at: %.60s", text, breach);
    return f->reply.has_reply ? f->reply.text : "";
}

/* A volunteer who may accept (README: registered, a birthday on file, at least min_age): user on platform
 * registers as name with a birthday and no building, unless registered already. Privately, before the tests'
 * days, through the real 注册. */
static inline void fixture_volunteer(struct fixture *f, const char *platform, const char *user, const char *name)
{
    struct store_member m;
    if (store_member_by_identity(f->st, platform, user, &m) == BOT_OK && m.registered)
        return;
    char text[128];
    snprintf(text, sizeof text, "注册 %s 生日1980年5月1日", name);
    const char *r = fixture_say(f, platform, NULL, user, user, "2026-11-01T10:00:00+08:00", text, NULL);
    if (!strstr(r, "欢迎"))
        fail_msg("register %s: '%s'", user, r);
}

/* Both ledgers' audit under f's rules (bot.ini's [rules] as the test set them): fails the test on a breach. */
static inline void fixture_audit_ok(struct fixture *f)
{
    char report[4096];
    int broken = -1;
    struct hd_settings set;
    struct store_audit_rules rules;
    bot_config_settings(&f->cfg, &set);
    hd_audit_rules(&set, &rules);
    assert_int_equal(store_audit(f->st, &rules, report, sizeof report, &broken), BOT_OK);
    if (broken)
        fail_msg("audit: %s", report);
}

/* The balance of a system account ("fund", "expired", "hold", "adjust"), of
 * an account named "platform:user", or of a cli user; 0 when there is none. */
static inline int64_t fixture_balance(struct fixture *f, const char *account)
{
    char name[64];
    struct store_account a;
    int whole = strchr(account, ':') || !strcmp(account, "fund") || !strcmp(account, "expired") ||
                !strcmp(account, "hold") || !strcmp(account, "adjust");
    snprintf(name, sizeof name, whole ? "%s" : "cli:%s", account);
    if (store_account_by_name(f->st, name, &a) != BOT_OK)
        return 0;
    return a.balance;
}

#define assert_contains(hay, needle)                                         \
    do {                                                                     \
        const char *h_ = (hay);                                              \
        if (!strstr(h_, (needle)))                                           \
            fail_msg("reply '%s' lacks '%s'", h_, (needle));                 \
    } while (0)

#endif
