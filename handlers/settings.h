/* settings.h — what the rule book reads of bot.ini: rules, clock, roles, trigger, limits; never a secret. */
#ifndef HANDLERS_SETTINGS_H
#define HANDLERS_SETTINGS_H

/* When a group message gets an answer ([bot] group_trigger). */
enum hd_trigger { HD_TRIGGER_AUTO = 0, HD_TRIGGER_MENTION, HD_TRIGGER_COMMAND };

/* Rule-book numbers; every one is a key under [rules]. */
struct hd_rules {
    int overdraft_hours;
    int confirm_hours;
    int round_minutes;
    int min_credit_minutes;
    int unmatched_hours;
    int cancel_notice_hours;
    int cancel_penalty;
    int malicious_freeze_days;
    int expiry_days;
    int expiry_warn_days;
    int birthday_credits;
    int referral_credits;
    int activity_organiser_credits;
    int activity_min_participants;
    int activity_participant_credits;
    int level_tongxing;
    int level_gongzhu;
    int leaderboard_day;
    int childcare_min_age;
    int min_age;
    int quiet_start_hour;
    int quiet_end_hour;
    int max_request_hours;
    int reannounce_limit;          /* a request is re-announced to its group at most this often, ever */
    int default_estimate_minutes;  /* a request's estimate when it gave none */
    int over_estimate_minutes;     /* a timer credits at most the estimate plus this */
    int start_window_minutes;      /* 开始服务 at most this long before the start */
    int still_going_minutes;       /* the estimate plus this: the volunteer is asked if it still goes on */
    int short_timer_minutes;       /* a timer shorter than this is paid only on the requester's own confirm */
    int past_grace_minutes;        /* a start this long past: a new request for it is asked about, not posted */
    int proxy_daily_cap;           /* 代录 one 楼长 may record in a local day */
    int proxy_undo_hours;          /* 撤销代录 #N within this long of the 代录 */
    int proxy_backdate_days;       /* a 代录 of an earlier day: at most this many days back (0: today only) */
    int referral_min_minutes;      /* the referred member's first service lasts this long, or no referral bonus */
    int birthday_wait_days;        /* a birthday entered or changed this recently earns no gift */
    int birthday_min_age;          /* a birthday giving a member younger than this is asked again */
    int birthday_max_age;          /* ... or older than this */
    int activity_signin_before_minutes; /* sign-in opens this long before an activity starts */
    int activity_default_minutes;  /* an activity's length when its creation names none */
    int elder_link_code_hours;     /* 关联码 NAME: how long the code for a 代注册 member lives */
    int untimed_open_days;         /* an open request with no time closes as expired after this many days */
    int fund_budget_hours;         /* the fund pays at most this much a month per building, then staff approve */
    int no_show_ask_minutes;       /* an accepted order not started this long after its start: both sides asked */
    int no_show_hours;             /* not started this long after its start (not excused): 爽约 */
    int no_show_penalty;           /* credits a no-show costs the volunteer */
    int no_show_ban_count;         /* this many no-shows within no_show_window_days ... */
    int no_show_window_days;
    int no_show_ban_days;          /* ... ban accepting for this long */
    int late_cancel_review_count;  /* this many late cancels within late_cancel_window_days: staff's review list */
    int late_cancel_window_days;
    int address_withdraw_count;    /* this many orders given back after their address was shown, within ... */
    int address_withdraw_days;     /* ... this many days: her next orders' addresses come an hour before their start */
    int digest_hour;               /* local hour of the 楼长's daily digest of notices nobody could push */
    int match_push_count;          /* a new request is pushed privately to at most this many matching volunteers */
    int complaint_response_minutes; /* a complaint nobody answered this long: every admin is told */
    int complaint_decision_hours;  /* a complaint not decided this long: every admin is told again */
    int complaint_ban_days;        /* 处理投诉 #N 禁止接单 without a number of days: this many */
    int require_insurance;         /* 1: accepting any service needs valid insurance staff recorded (认证 @X 保险 …) */
    int merchant_yuan_per_credit;  /* 添加商家 without 积分抵N元: one credit takes this many yuan off a bill */
    int merchant_max_yuan;         /* ... without 单次最高N元: at most this many yuan off one purchase */
    int merchant_fee_percent;      /* ... without 管理费N%: the merchant owes this share of members' spending */
    int redeem_code_minutes;       /* a 兑换码 lives this long, used once */
    int redeem_wrong_limit;        /* a clerk's wrong codes: this many within redeem_wrong_minutes ... */
    int redeem_wrong_minutes;      /* ... stop his 核销 until the oldest of them is this old; staff told once */
    int membership_remind_days;    /* a membership's renewal is reminded this many days before it ends */
    int dividend_yuan_per_hour;    /* 分红换积分: this many yuan of a dividend share buy one hour */
    int spend_single_max_yuan;     /* 记账 支出 up to this: the staff member entering it approves it alone */
    int spend_double_max_yuan;     /* ... up to this: a second staff member (批准支出 #N); more: the members' meeting */
    int finance_publish_day;       /* last month's 财务公示 is pushed to the bound groups on this day of the month */
    char first_deposit_day[16];    /* 首存日: MM-DD every year or YYYY-MM-DD once, "" none: service credit doubled */
};

/* A membership tier ([membership] in bot.ini: 体验会员 = 100元 365天 体验券1小时). */
#define HD_TIERS_MAX 8
struct hd_tier {
    char name[32];                 /* 体验会员 */
    int64_t fen;                   /* its price */
    int days;                      /* how long one payment lasts */
    int voucher_minutes;           /* 体验券: service time the fund pays once on the member's request; 0 = none */
    int dividend;                  /* 分红: its members share the year's dividends (共创会员) */
};

#define HD_SETTING_STR 256

/* Everything the handlers read of the configuration, copied out of it by the
 * process (bot_config_settings() in bot/config.c). Plain data, no secret: the
 * push settings arrive only as the list of platforms a private push reaches. */
struct hd_settings {
    struct hd_rules rules;
    int utc_offset;                /* seconds east of UTC: the community's clock */
    int group_trigger;             /* enum hd_trigger */
    char admins[HD_SETTING_STR];   /* comma-separated platform:user_id granted admin */
    char quiet_exempt_jobs[HD_SETTING_STR]; /* comma-separated job names that may push in quiet hours */
    int max_text_chars;
    int open_requests_per_member;
    int outbox_max_pending;        /* at this backlog, pushes to groups are dropped (logged) */
    int inbox_days;                /* de-duplication rows older than this are pruned */
    int link_code_max_wrong;       /* wrong 关联 tries while a code is live, then it dies */
    int link_max_wrong_per_claimant; /* wrong 关联 tries per identity in 24 h, then refused unchecked */
    int link_hold_hours;           /* a newly linked identity cannot move the account's credit out this long */
    int console_enabled;           /* the web console is served */
    char console_url[HD_SETTING_STR]; /* where it is opened: the login link starts with it */
    int console_link_minutes;      /* a login link lives this long */
    char branch_name[64];          /* [branch] name: the default branch's (branch 1's) name */
    struct hd_tier tiers[HD_TIERS_MAX]; /* the membership tiers, in bot.ini's order */
    int ntiers;
};

#endif
