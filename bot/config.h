/* config.h — bot.ini, loaded from one table of keys with bounds and defaults. */
#ifndef BOT_CONFIG_H
#define BOT_CONFIG_H

#include "../base/common.h"
#include "../handlers/settings.h"

#define BOT_CFG_STR 256

struct bot_config {
    char listen[BOT_CFG_STR];
    int threads;                   /* requests handled at once, each with a store connection */
    int connections;               /* civetweb worker threads: sockets held at once */
    int read_timeout_ms;           /* total deadline to read a request's headers, and its body */
    int max_clock_skew_seconds;    /* a platform's send time this far ahead of now is refused; 0 = unchecked */
    int max_message_age_seconds;   /* a platform's send time this far behind now is refused; 0 = unchecked */
    int max_body_bytes;
    char store_path[BOT_CFG_STR];
    char store_sync[16];           /* FULL or NORMAL */
    char store_backend[16];        /* sqlite (the default) or postgres */
    char store_url[BOT_CFG_STR];   /* postgres: a libpq URL */
    int utc_offset;                /* seconds east of UTC */
    char generic_token[BOT_CFG_STR];
    char wechat_token[BOT_CFG_STR];
    char onebot_secret[BOT_CFG_STR];
    char onebot_api_url[BOT_CFG_STR];
    char onebot_access_token[BOT_CFG_STR];
    char telegram_secret_token[BOT_CFG_STR];
    char telegram_api_url[BOT_CFG_STR];
    char telegram_bot_token[BOT_CFG_STR];
    char telegram_username[BOT_CFG_STR]; /* the bot's @username (without @): /cmd@another_bot is not for it */
    char wecom_robot_url[BOT_CFG_STR];
    char wecom_buildings[BOT_CFG_STR]; /* comma-separated: the buildings whose group the robot's group is */
    char wecom_token[BOT_CFG_STR];     /* the intelligent robot's callback Token: its inbound hook; empty = none */
    char wecom_aes_key[64];            /* its EncodingAESKey (43 chars): every callback is encrypted */
    char wechat_aes_key[64];       /* EncodingAESKey (43 chars): safe mode; empty = plaintext */
    char wechat_app_id[64];
    char wechat_app_secret[BOT_CFG_STR]; /* with app_id: private pushes (客服消息); empty = none */
    char wechat_api_url[BOT_CFG_STR];
    char generic_push_url[BOT_CFG_STR]; /* pushes for the generic platform (tests, integrations) */
    char generic_push_token[BOT_CFG_STR]; /* bearer token sent to push_url (never the inbound token) */
    int wechat_max_skew_seconds;   /* callbacks whose timestamp is further from now are refused */
    int inbox_days;                /* de-duplication rows older than this are pruned */
    int outbox_max_attempts;
    int outbox_backoff_seconds;
    int outbox_connect_timeout_ms;
    int outbox_timeout_ms;
    int outbox_per_chat_per_minute;
    int outbox_per_platform_per_second;
    int outbox_max_in_flight;          /* deliveries in parallel, in all */
    int outbox_max_in_flight_per_chat; /* ... to one chat or person (1 keeps a chat's pushes in order) */
    int outbox_max_in_flight_per_host; /* ... to one API host (scheme://host:port) */
    int outbox_max_pending;            /* at this backlog, pushes to groups are dropped (logged) */
    int wecom_per_minute;
    int wecom_max_skew_seconds;    /* the intelligent robot's callbacks: as [wechat] max_skew_seconds */
    int scheduler_interval_seconds;
    char quiet_exempt_jobs[BOT_CFG_STR]; /* comma-separated job names that may push in quiet hours */
    int group_trigger;             /* enum hd_trigger */
    char bot_names[BOT_CFG_STR];   /* comma-separated names that count as a mention */
    char services_file[BOT_CFG_STR];
    int max_text_chars;
    int messages_per_member_per_minute;
    int open_requests_per_member;
    int link_code_max_wrong;       /* wrong 关联 tries while a code is live, then it dies */
    int link_max_wrong_per_claimant; /* wrong 关联 tries per identity in 24 h, then refused unchecked */
    int link_hold_hours;           /* a newly linked identity cannot move the account's credit out this long */
    char admins[BOT_CFG_STR];      /* comma-separated platform:user_id granted admin */
    int console_enabled;           /* [console] enabled: the web console under /console */
    char console_url[BOT_CFG_STR]; /* [console] url: where people open it (the login link's start) */
    char console_static_dir[BOT_CFG_STR]; /* [console] static_dir: its CSS and JS */
    int console_link_minutes;      /* a login link lives this long, once */
    int console_session_hours;     /* a session this long */
    int console_max_tries;         /* failed login links per address in 10 minutes, then refused */
    char branch_name[64];           /* [branch] name: the default branch's (branch 1's) name */
    char console_trusted_proxy[64]; /* a reverse proxy's address: its X-Forwarded-For names the client */
    int metrics_enabled;            /* [metrics] enabled: GET /metrics (Prometheus text) */
    char metrics_token[BOT_CFG_STR]; /* [metrics] token: a bearer token /metrics asks for (empty: none) */
    struct hd_rules rules;
    struct hd_tier tiers[HD_TIERS_MAX]; /* [membership]: NAME = 100元 365天 [体验券1小时] [分红] */
    int ntiers;
    int tiers_read;                /* a [membership] key was read: the defaults are replaced, not added to */
};

/* Every key and its value as text, secrets (tokens, signing secrets, keys, the admins list) never shown: fn is told
 * only whether one is set. */
void bot_config_each(const struct bot_config *cfg, void (*fn)(const char *section, const char *key,
                                                              const char *value, void *arg),
                     void *arg);

/* Fill cfg with every default. Never fails. */
void bot_config_defaults(struct bot_config *cfg);

/* Load path over the defaults. Unknown keys are warned about on stderr.
 * On a bad value or an unreadable file returns BOT_INVALID/BOT_IO with
 * "file:line: reason" in err[256]; cfg then holds defaults plus what loaded. */
enum bot_rc bot_config_load(struct bot_config *cfg, const char *path, char err[256]);

/* Before serving: BOT_INVALID, and why in err, when a secret still has a
 * sample value (change-me, …) while the server listens beyond loopback. */
enum bot_rc bot_config_check_serve(const struct bot_config *cfg, char err[256]);
/* [store] backend: sqlite, or postgres — refused, with what is not ported yet, until the whole store speaks it
 * (docs/postgres.md); BOT_INVALID and err say so. */
enum bot_rc bot_config_check_store(struct bot_config *cfg, char err[256]);
/* The store's path as logs and pages may show it: a PostgreSQL URL's password hidden (user:***@, password=***). */
void bot_config_store_name(const char *path, char *out, size_t outsz);

/* Set one key ("section", "key", "value"), as the loader does for each line. */
enum bot_rc bot_config_set(struct bot_config *cfg, const char *section, const char *key,
                           const char *value, char err[256]);

/* What the handlers may read of cfg (rules, clock, roles, trigger, limits,
 * which platforms a private push reaches), copied into out; never a secret. */
void bot_config_settings(const struct bot_config *cfg, struct hd_settings *out);

#endif
