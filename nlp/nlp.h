/* nlp.h — text in, intent and slots out. Pure: no store, no clock but the
 * `now` it is given. Thread-safe once created. */
#ifndef NLP_NLP_H
#define NLP_NLP_H

#include "../base/common.h"

/* The intent table: enum, name. One list for everything that needs it. */
#define NLP_INTENTS(X)                 \
    X(NLP_NONE, "none")                \
    X(NLP_POST_REQUEST, "post_request") \
    X(NLP_OFFER, "offer")              \
    X(NLP_LIST_REQUESTS, "list_requests") \
    X(NLP_ACCEPT, "accept")            \
    X(NLP_START, "start")              \
    X(NLP_FINISH, "finish")            \
    X(NLP_CONFIRM, "confirm")          \
    X(NLP_RATE, "rate")                \
    X(NLP_CANCEL, "cancel")            \
    X(NLP_BALANCE, "balance")          \
    X(NLP_HISTORY, "history")          \
    X(NLP_GIFT, "gift")                \
    X(NLP_LEADERBOARD, "leaderboard")  \
    X(NLP_REGISTER, "register")        \
    X(NLP_COMPLAINT, "complaint")      \
    X(NLP_HELP, "help")                \
    /* management commands, canonical forms only */ \
    X(NLP_GRANT, "grant")              \
    X(NLP_ADJUST, "adjust")            \
    X(NLP_SUSPEND, "suspend")          \
    X(NLP_UNSUSPEND, "unsuspend")      \
    X(NLP_RESOLVE, "resolve")          \
    X(NLP_MALICIOUS, "malicious")      \
    X(NLP_SUBSIDISE, "subsidise")      \
    X(NLP_UNMATCHED, "unmatched")      \
    X(NLP_RECOMMEND, "recommend")      \
    X(NLP_PROXY, "proxy")              \
    X(NLP_ACTIVITY_CREATE, "activity_create") \
    X(NLP_ACTIVITY_SIGN, "activity_sign") \
    X(NLP_ACTIVITY_CLOSE, "activity_close") \
    X(NLP_BIND, "bind")                \
    X(NLP_LINK, "link")                \
    X(NLP_UNLINK, "unlink")                                                                   \
    X(NLP_PROXY_UNDO, "proxy_undo")    /* 撤销代录 #N */ \
    X(NLP_FUND, "fund")                /* 基金: the fund's balance, spending, movements */ \
    X(NLP_FUND_APPROVE, "fund_approve") /* 基金批准 #N: a credit past the fund's budget; 批准代录 #N: a held 代录 */ \
    X(NLP_EXCUSE, "excuse")            /* 没关系 #N: the requester excuses a late start (no 爽约) */ \
    X(NLP_RELAY, "relay")              /* 转告 #N 我晚十分钟到: passed privately to the other side of the order */ \
    X(NLP_REVIEW_LIST, "review_list")  /* 待审核: staff's list of repeated late cancels */ \
    X(NLP_CERTIFY, "certify")          /* 认证 @X 托管 有效期2027-12-31: staff record a certificate */ \
    X(NLP_ACCEPT_BAN, "accept_ban")    /* 禁止接单 @X 7天: staff ban accepting orders */ \
    X(NLP_ACCEPT_UNBAN, "accept_unban") /* 解除禁止 @X: staff lift it */ \
    /* a member's own setting: the birthday greeted in the group, or not */ \
    X(NLP_BIRTHDAY_PUBLIC, "birthday_public") \
    X(NLP_BIRTHDAY_PRIVATE, "birthday_private") \
    X(NLP_NOTICES, "notices")          /* 消息: the member's notices that did not fit a reply */ \
    /* elders without a phone: a 楼长 registers them, and gives the code that lets them (or a relative) take over */ \
    X(NLP_PROXY_REGISTER, "proxy_register") /* 代注册 李奶奶 1号楼 生日… 电话… */ \
    X(NLP_PROFILE_EDIT, "profile_edit") /* 修改资料 …: the sender's own name, building, birthday, phone */ \
    X(NLP_LINK_FOR, "link_for")        /* 关联码 李奶奶: a code for a member the 楼长 registered */ \
    /* complaints with deadlines */ \
    X(NLP_COMPLAINT_LIST, "complaint_list") /* 投诉列表: open complaints, their age (staff; a 楼长 his building's) */ \
    X(NLP_COMPLAINT_ACK, "complaint_ack") /* 受理投诉 #N: the first response to a complaint */ \
    X(NLP_RETRAINED, "retrained")      /* 完成培训 @X: staff clear the retraining flag a complaint set */ \
    X(NLP_ORDER_LOG, "order_log")      /* #N 记录: an order's whole history (staff) */ \
    X(NLP_QUALIFY, "qualify")          /* 资质 @X: staff read a member's certificates, training, insurance, bans */ \
    X(NLP_CONSOLE, "console")          /* 后台: a one-time link to the web console (staff, 楼长; privately) */ \
    X(NLP_CONSOLE_END, "console_end")  /* 退出后台: every console session of the sender ends */ \
    /* partner merchants (issue 16) */ \
    X(NLP_MERCHANT_ADD, "merchant_add") /* 添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%: staff */ \
    X(NLP_MERCHANT_BIND, "merchant_bind") /* 商家绑定 幸福超市 @小刘: a clerk (staff) */ \
    X(NLP_MERCHANT_UNBIND, "merchant_unbind") /* 商家解绑 幸福超市 @小刘 (staff) */ \
    X(NLP_REDEEM_CODE, "redeem_code")  /* 兑换码: a member's short-lived single-use code */ \
    X(NLP_REDEEM, "redeem")            /* 核销 CODE 消费86元: a clerk takes the credits */ \
    X(NLP_MERCHANT_STATEMENT, "merchant_statement") /* 商家对账 [幸福超市] 2026-11 (a clerk, staff) */ \
    X(NLP_MERCHANT_SETTLE, "merchant_settle") /* 商家缴费 幸福超市 300元: a merchant pays what it owes (staff) */ \
    /* membership and dividends (issue 16) */ \
    X(NLP_MEMBER_FEE, "member_fee")    /* 收会费 @X 体验会员 100元 现金 [收据号…]: a 楼长 or staff enter a fee */ \
    X(NLP_DIVIDEND_CALC, "dividend_calc") /* 分红核算 2026 净利润 120000元: staff compute the year's draft */ \
    X(NLP_DIVIDEND_CONFIRM, "dividend_confirm") /* 分红确认 2026: staff pay it */ \
    X(NLP_DIVIDEND_CONVERT, "dividend_convert") /* 分红换积分 50元 | 全部: a member's share turned into hours */ \
    X(NLP_MY_DIVIDEND, "my_dividend")  /* 我的分红: the member's dividend (cash) balance */ \
    X(NLP_FEE_REVERSE, "fee_reverse")  /* 退会费 @X 原因… | 退会费 HF2026-0006 原因…: a fee entered by mistake undone */ \
    /* the books in the open (issue 16) */ \
    X(NLP_BOOK, "book")                /* 记账 收入|支出|期初 ITEM 800元 [备注]: income, spending, the opening money */ \
    X(NLP_SPEND_APPROVE, "spend_approve") /* 批准支出 #N [会员大会 …决议]: a second approver, or the meeting's */ \
    X(NLP_SPEND_REJECT, "spend_reject") /* 驳回支出 #N 原因…: a waiting spending rejected */ \
    X(NLP_SPEND_LIST, "spend_list")    /* 待批支出: the spendings waiting for approval */ \
    X(NLP_STATEMENT, "statement")      /* 财务公示 2026-11: a month's income and spending */ \
    /* branches (分会, issue 18) */ \
    X(NLP_BRANCH, "branch")            /* 分会 | 添加分会 城东分会 | 分会 3号楼 城东分会 | 分会互通 城东分会 开|关 | 分会管理员 周干事 城东分会 */ \
    X(NLP_OFFER_WITHDRAW, "offer_withdraw") /* 我不会陪诊了, 我现在不能修水电了: an offer denied — taken back if kept */ \
    X(NLP_RESCHEDULE, "reschedule")    /* #4 改时间 明天上午10点, 把#4改到明天上午十点: an order's start moved */ \
    X(NLP_CONTACT_ASK, "contact_ask")  /* 张秀英的电话是多少, 李阿姨住哪: a neighbour's phone or address asked (never given) */

enum { NLP_CONTACT_PHONE = 1, NLP_CONTACT_ADDRESS = 2 };
/* nlp_result.asks: what of her own time a plain question asks (never an action) */
enum { NLP_ASKS_NONE = 0,
       NLP_ASKS_EXPIRY,     /* balance: 我的积分什么时候过期, 积分会过期吗, 时间币有没有期限 */
       NLP_ASKS_MEMBERSHIP, /* balance: 我的会员什么时候到期, 会员还有多久 */
       NLP_ASKS_MONTH,      /* history: 这个月我帮了几次, 我这个月服务了多少小时 */
       NLP_ASKS_LEAVING,    /* help: 我要搬走了，积分怎么办, 要退出时间驿站, 注销 */
       NLP_ASKS_SUBSIDY,    /* help: 我今年还能领补贴吗 */
       NLP_ASKS_FAMILY,     /* help: 积分能不能留给我女儿 (giving hours to family, told, never done) */
       NLP_ASKS_LAST_MONTH }; /* history: 上个月我帮了几次 (the last calendar month's count) */
enum { NLP_BRANCH_LIST, NLP_BRANCH_ADD, NLP_BRANCH_JOIN, NLP_BRANCH_CROSS, NLP_BRANCH_ADMIN };

#define NLP_AS_ENUM(e, name) e,
enum nlp_intent { NLP_INTENTS(NLP_AS_ENUM) NLP_INTENT_COUNT };
const char *nlp_intent_name(enum nlp_intent i);

/* The nine service categories, in tie-break order. */
#define NLP_SERVICES(X) \
    X("陪诊") X("代购") X("维修") X("托管") X("陪伴") X("家务") X("教学") X("跑腿") X("其他")
#define NLP_SERVICE_COUNT 9
const char *nlp_service_name(int i); /* 0..8, NULL outside */
struct nlp;
/* Does service i need a certificate to accept (marked [证书] in the services file)? */
int nlp_service_needs_cert(const struct nlp *nlp, int i);
/* Does service i need recorded training (认证 @X 培训 …) to accept (marked [培训] in the services file)? */
int nlp_service_needs_training(const struct nlp *nlp, int i);
int nlp_service_index(const char *name); /* -1 when unknown */

enum nlp_grain { NLP_GRAIN_NONE = 0, NLP_GRAIN_SECOND, NLP_GRAIN_MINUTE, NLP_GRAIN_HOUR,
                 NLP_GRAIN_DAY, NLP_GRAIN_WEEK, NLP_GRAIN_MONTH, NLP_GRAIN_YEAR };
const char *nlp_grain_name(enum nlp_grain g);

/* One time expression found in a text. */
struct nlp_time {
    int found;
    int64_t start;          /* UTC epoch */
    enum nlp_grain grain;
    int has_clock;          /* a clock time was named (9点, 15:00, 3pm) */
    int deadline;           /* "5点前": a deadline, not a start */
    int range_minutes;      /* "2点到4点" → 120; 0 otherwise */
    int part;               /* the part of the day said (上午, 晚上 …: an internal code), 0 none */
    int no_day;             /* no day said or given: its day is the next that holds it (下午两点, 下午) */
    int impossible;         /* found 0: a time was written that is none (上午20点, 明天25点, 9点61分, 2月30日), at begin;
                             * 2: a day of the lunar calendar (春节, 正月初八), which the bot does not compute */
    size_t begin, end;      /* byte span in the normalised text */
};

#define NLP_MAX_MENTIONS 8
#define NLP_MAX_NAMES 16 /* written names after a command word (签到 活动2 张秀英 陈伯 …) */

/* Does the sentence assert the write command it contains (issue 13)? When it
 * does not, nlp_parse gives intent none and keeps the command in `about`. */
enum nlp_mood {
    NLP_MOOD_ASSERT = 0, /* 接单 #12 */
    NLP_MOOD_NEGATED,    /* #12 我去不了, 别取消 #13, 我不确认 */
    NLP_MOOD_QUESTION,   /* #12 是谁接的, #12 几点开始, 5号单有人接了吗 */
    NLP_MOOD_OTHER,      /* #12 有人接了, 他已经确认了: what someone else did */
    NLP_MOOD_REPORTED,   /* 听说 #12 取消了, 他说要取消 */
    NLP_MOOD_PAST,       /* 昨天接的 #12, 确认过了 */
    NLP_MOOD_UNSURE      /* 我不一定能接 #9, 要是下雨我就取消 #1, 确认 #3 不对吧: asked back, never done */
};
const char *nlp_mood_name(enum nlp_mood m);

/* A short answer to a question the bot asked (issue 13): 是/好/嗯/ok, 不/算了/
 * 不用了, or a number picking from a list the bot showed. */
enum nlp_answer { NLP_ANSWER_NONE = 0, NLP_ANSWER_YES, NLP_ANSWER_NO, NLP_ANSWER_PICK,
                  NLP_ANSWER_TIME, /* the message is a clock time and nothing else: 明天上午10点, 下午3点吧 */
                  NLP_ANSWER_DAY,  /* a day or a part of it and nothing else, no clock: 明早, 后天吧 */
                  NLP_ANSWER_ONGOING /* still going on: 还在, 还没结束, 还在做呢 (to 服务还在进行吗？) */ };
/* A call for help now (issue 13): who to call first. Such a message is never a
 * command: nlp_parse gives intent none (nlp/emergency.c). */
enum nlp_emergency {
    NLP_EMERGENCY_NONE = 0,
    NLP_EMERGENCY_MEDICAL, /* 救命, 摔倒了起不来, 心口疼, 喘不上气, 晕倒, 流血不止, 中风: 120 */
    NLP_EMERGENCY_FIRE,    /* 着火了, 冒烟, 火灾: 119 */
    NLP_EMERGENCY_GAS,     /* 煤气味, 燃气泄漏: open the windows, no switch, 119 from outside */
    NLP_EMERGENCY_DANGER   /* 有人撬门, 抢劫, 困在电梯: 110 */
};
const char *nlp_emergency_name(enum nlp_emergency e); /* "medical", "fire", "gas", "danger"; "" for none */

/* An @-mention a platform encodes outside the text (QQ's at-codes, Telegram's
 * text_mention): the user's platform id, and where it stood in the clean
 * text, in code points. */
struct nlp_mention {
    char who[64];
    size_t at;
};

struct nlp_result {
    enum nlp_intent intent;
    int service;            /* -1 = absent, else index */
    int has_start;
    int64_t start;
    int has_start_day;      /* a day named with no clock (求助 明天下午 修水管): its local day in start_day */
    int64_t start_day;
    int start_part;         /* and the part of it said (nlp_time.part), 0 none */
    int start_no_day;       /* start or start_day: a clock or part said without a day (改到下午两点): the parser put it on
                             * the next day that holds it; said of an order, the order's own day is meant */
    char bad_time[40];      /* post_request, activity_create: a time written that is none (明天25点, 上午20点, 2月30日),
                             * as written; has_start is then 0 */
    int bad_time_lunar;     /* and it is a lunar day (春节): asked for the date, not told it is none */
    int minutes;            /* hours slot in minutes; 0 = absent */
    char location[128];
    int64_t request_id;     /* 0 = absent */
    int ids_more;           /* another order #N is named too (#9 #10 都取消): the handlers act on none */
    int second_target;      /* gift: a second name written after the first (给 小芳 李大姐) */
    int time_written;       /* start, finish: a clock time is written (the timer takes the message's own time) */
    int stars;              /* 0 = absent */
    char target[64];
    unsigned skills;        /* bit i = service i */
    char name[64];
    char lead_name[64];     /* accept, cancel, confirm, start, finish: a full name written before the command (王强 接单 #7):
                             * the handler reads it as said to that member, unless it is the sender's own name */
    int of_kin;             /* balance, history: asked of the speaker's family (我妈的积分还有多少), not of her own */
    int contact;            /* contact_ask: what of the neighbour in name is asked, NLP_CONTACT_PHONE | _ADDRESS bits */
    int name_needs;         /* post: the name is the need's own subject (张阿姨要去医院，谁有空), not one the sender
                             * posts for (帮李奶奶求助): nobody by that name is no post of the sender's own */
    char building[32];
    char birthday[16];      /* YYYY-MM-DD */
    int public_benefit;     /* 公益 */
    int addressed;          /* the bot was @-mentioned, /cmd@bot, or called by name first */
    int smalltalk;          /* with intent none: 1 a greeting or a bare call, 2 thanks, 3 help wanted with nothing said
                               of what (需要帮忙, 谁能帮帮我), 4 help offered so (我想帮忙, 有需要帮忙的吗) */
    int command;            /* written in a canonical command form */
    int nonpositive;        /* the amount (hours, minutes, stars) was written as zero or with a leading
                             * minus: 转赠 -1小时, 确认 #3 0小时, 评价 #3 -5星, 代录 … 负2小时. minutes and
                             * stars then hold the size; handlers refuse where a sign makes no sense
                             * (adjust reads the minus into `negative` instead) */
    int unreadable;         /* the amount is written in a form the bot does not read (1e3小时, 0x10小时,
                             * 1/2小时, 1,000小时, a range 2-3小时): minutes may hold some other number,
                             * so the handlers of amounts ask again instead of reading it */
    int missing_time;       /* post_request without a clock time */
    int missing_service;    /* post_request that names no service */
    int again;              /* post_request: 再发一个 / 再发一条 / 再来一个 — a twin of a recent request is meant */
    int undo;               /* cancel: 撤销 alone, 刚才点错了 — the member's last accept or cancel, taken back */
    int withdraw;           /* complaint: 撤销投诉 #3 — the complainant takes her open complaint back */
    int mine;               /* list_requests: the member's own orders, 1 posted (我的求助), 2 accepted (我接的单),
                             * 3 both (我的单子); 0 the open ones anyone may take */
    int asks;               /* a plain question about her time (play-test 16, 9), NLP_ASKS_*: balance when her credits
                             * expire or her membership ends, history this month's count, help leaving or 补贴 */
    int nmentions;
    char mentions[NLP_MAX_MENTIONS][64];
    int mention_at[NLP_MAX_MENTIONS]; /* where each stood in the normalized text, so targets keep the text's order */
    /* management commands */
    int negative;           /* adjust: take away; grant/subsidise: revoke */
    int role;               /* grant: 1 volunteer, 2 manager, 4 admin */
    int resolution;         /* resolve: 1 refund, 2 penalty, 3 dismiss, 4 halve (减半), 5 a ban alone
                             * (禁止接单7天: upheld, refunded), 6 malicious complaint (恶意投诉) */
    int ban_days;           /* resolve: 禁止接单N天 N, -1 a ban with no days written, 0 no ban */
    int64_t activity_id;
    char reason[128];       /* adjust: 原因 …; activity_create: the title */
    char relay[256];        /* relay: the words to pass on (cut at 255 bytes: relay_cut set) */
    int relay_cut;
    int nnames;             /* names written without @ after a command word */
    char names[NLP_MAX_NAMES][64];
    int name_at[NLP_MAX_NAMES]; /* byte offset of each name in the normalized text */
    int names_more;         /* more names were written than names holds: the rest were not read */
    char phone[24];         /* register: 电话 … */
    char referrer[64];      /* register: 推荐人 … */
    char unit[48];          /* register, proxy_register, profile_edit: unit and room after the building (2单元301) */
    int birthday_bad;       /* register, proxy_register, profile_edit: a birthday was written that is not a
                             * real date (or has no year): birthday stays empty, the handler asks again */
    int name_bad;           /* register: no name read, and the word in its place has a digit (注册 居民3 3号楼) */
    int name_title;         /* register, proxy_register, profile_edit: the word in the name's place was a kin word or a
                             * role or title (妈妈, 赵楼长, 王主任): no name read, hers asked for */
    char code[16];          /* link: the one-time code, digits only */
    int64_t link_id;        /* unlink: 解除关联 N names link N (0 = not named) */
    enum nlp_mood mood;     /* with intent none: why the command in `about` was not taken; a bare
                             * #12 or 12号单是什么 is a question about the order (about none) */
    enum nlp_intent about;
    int maybe_post;         /* with intent none: a need said without asking (后天上午修水龙头, 明天下午3点修水管):
                             * a service clear and a day or a time, no question, no denial, nobody else's; the handler
                             * asks whether to post it (service and start read, as a post's) and posts on a 是 */
    int terse;              /* with post_request: a need said without asking but unmistakably hers (后天下午三点 修热水器
                             * 一个钟头, 换个灯泡 够不着 3号楼2单元 明天上午十点): posted privately, in a group only when
                             * the bot is called (neighbours may be telling each other their plans) */
    int fix_minutes;        /* 我说错了 是两个小时 (intent none): hours said again as a correction of what was said before
                             * (a 确认 just made), in minutes; nothing is done from these words */
    int no_longer;          /* 我不需要修水管了 (mood unsure, about cancel): the service in service no longer wanted, the
                             * whole message; her open order of it is asked back, never cancelled from these words */
    int second_thought;     /* no order named (play-test 18, D4): 1 called off (算了，不用了, 刚才那个不算; no_longer set too),
                             * 2 a new time (改成后天, 是后天不是明天: in start/start_day, about reschedule); her order that
                             * fits (just posted, or the one of that service or day) is asked back, never changed from these */
    int has_old_day;        /* and the day the order is on now (我今天不去医院了, 是后天不是明天): local day in old_day */
    int64_t old_day;
    int start_later;        /* mood unsure, about start: the start is put off (等会儿开工, 10点开工 #3, 明天开始): a promise,
                             * not a deed; the handler starts nothing, now or on a 是 */
    int kin_said;           /* mood reported, an order named: told by the speaker's own family (我女儿说把#5改到明天下午,
                             * 儿子说取消#5): perhaps her wish, asked back; a move's time and a confirm's hours are read;
                             * not kin but a person named first (张秀英说取消#5): name says whose words, the same read */
    int take_or_end;        /* mood unsure, an order named: 结单 #N, 接单 by voice or 结束 as written; the handler asks
                             * which (the next 接单 / 结束 answers), never guesses */
    int asks_info;          /* mood question: asks who, when, what, how (not a yes-or-no request) */
    enum nlp_answer answer; /* the whole message is a short answer; pick: the number (0..99) */
    int pick;
    enum nlp_emergency emergency; /* a call for help now; intent is none then */
    int traditional;        /* written in traditional script (t2s changed the text): reply in it */
    char until[16];         /* certify: 有效期 YYYY-MM-DD */
    char cert[16];          /* certify: 培训 or 保险 when it records training or insurance ("" a service's) */
    int days;               /* accept_ban: 7天 */
    int more;               /* list_requests: 更多, the next page of the last list */
    int after_part;         /* list_requests: where the page before ended (the conversation's; store_open_key) */
    int64_t after_start, after_id;
    struct nlp_merchant_slots {
        char name[64];      /* the merchant's name as written after the command word ("" = none) */
        char code[16];      /* redeem: the code, upper-cased */
        int64_t fen;        /* redeem: the price (消费86元); merchant_settle: the amount paid; 0 = none */
        int64_t rate_fen;   /* merchant_add: 积分抵3元 (0 = not written) */
        int64_t max_fen;    /* merchant_add: 单次最高30元 (0 = not written) */
        int fee_bp;         /* merchant_add: 管理费3% in hundredths of a percent (-1 = not written) */
        int bad;            /* an amount was written that is not readable (0元, -5元, 1,000元, 200%) */
        int year, month;    /* merchant_statement: the month named (0 = none) */
    } merchant;
    struct nlp_branch_slots {
        int op;             /* NLP_BRANCH_LIST, _ADD, _JOIN (a building joins), _CROSS (互通 开|关), _ADMIN */
        char name[64];      /* the branch's name ("" = none) */
        char building[32];  /* join: the building; admin: the staff member's name */
        int on;             /* cross: 1 开, 0 关, -1 neither written */
    } branch;
    /* membership and dividends */
    int64_t fen;            /* member_fee, dividend_calc: the amount of money (nlp_yuan_scan), 0 = none */
    int fen_bad;            /* ... written as zero, minus or unreadable */
    char tier[32];          /* member_fee: 体验会员 (a word ending in 会员) */
    char paid_how[16];      /* member_fee: 现金 or 线上 ("" = not said) */
    char receipt[32];       /* member_fee: 收据号 A123 */
    int fee_period;         /* member_fee: a period of its own said (明年的, 从1月1日起, 上个月的): a membership starts
                             * the day its fee is entered (a renewal where the last one ends), so the handler asks */
    int year;               /* dividend_calc, dividend_confirm: 2026 */
    /* the books (book, spend_approve, spend_reject, statement; fen, fen_bad and year above) */
    int book;               /* book: 1 收入 (income), 2 支出 (spending), 3 期初 (the opening money) */
    char item[64];          /* book: what it is for (场地租赁, 活动物料) */
    char note[160];         /* book: the words after the amount; spend_approve: the meeting's decision (after
                             * 会员大会); spend_reject: the reason */
    int meeting;            /* spend_approve: 会员大会 was written */
    int month;              /* statement: the month named with year (0 = none) */
    int month_bad;          /* statement, merchant_statement: what was written is no month (2026-13, a day) */
};

/* Targets of a command in the order they were written, @mentions and written names alike (代录 李阿姨 @小芳:
 * the elder, then the volunteer). */
int nlp_target_count(const struct nlp_result *r);
const char *nlp_target(const struct nlp_result *r, int i);

struct nlp_options {
    const char *bot_names;      /* comma-separated names that address the bot */
    const char *services_file;  /* keyword lists, "" or NULL = built-in */
};

struct nlp;

/* Compile every pattern (PCRE2 JIT) and load the service keywords. *out is
 * NULL on failure with err[256] set. Free with nlp_free (NULL accepted). */
enum bot_rc nlp_create(const struct nlp_options *opt, struct nlp **out, char err[256]);
void nlp_free(struct nlp *nlp);

/* Normalise text: full-width → half-width, traditional → simplified,
 * emoji out, @names removed but remembered in res (mentions, addressed).
 * Output bounded by outsz; BOT_TOOBIG when cut. */
enum bot_rc nlp_normalize(const struct nlp *nlp, const char *text, char *out, size_t outsz,
                          struct nlp_result *res);

/* text (a reply) in traditional script (OpenCC s2tw) into out (which may be
 * text itself), cut at a UTF-8 boundary when it does not fit (BOT_TOOBIG).
 * BOT_ERR when OpenCC cannot convert: out then holds text unconverted. Pure
 * computation, thread-safe. */
enum bot_rc nlp_to_traditional(const struct nlp *nlp, const char *text, char *out, size_t outsz);

/* Intent and slots of text, times resolved against now at utc_offset. */
enum bot_rc nlp_parse(const struct nlp *nlp, const char *text, int64_t now, int utc_offset,
                      struct nlp_result *out);
/* The same for a chat message whose platform named mentions[0..n) outside its text. */
enum bot_rc nlp_parse_message(const struct nlp *nlp, const char *text, const struct nlp_mention *mentions, int n,
                              int64_t now, int utc_offset, struct nlp_result *out);

/* The first time expression of text (raw text; normalised inside). */
enum bot_rc nlp_time_of(const struct nlp *nlp, const char *text, int64_t now, int utc_offset,
                        struct nlp_time *out);

/* The same, a clock without a day of its own falling on local day `day` (INT64_MIN: none) and, said without a part
 * of the day, in `part` (nlp_time.part, 0: none): the hour answered for a request posted for 明天晚上 is tomorrow
 * evening's (8点: 20:00); one the part cannot hold (上午3点) is no time. */
enum bot_rc nlp_time_on_day(const struct nlp *nlp, const char *text, int64_t now, int utc_offset, int64_t day,
                            int part, struct nlp_time *out);

/* The words of a part of the day (nlp_time.part, nlp_result.start_part): 上午, 下午, 晚上 …; "" for none. */
const char *nlp_part_name(int part);

/* Lower level, on already-normalised text (used by nlp_parse and tests). */
void nlp_time_scan(const char *norm, size_t from, int64_t now, int utc_offset, struct nlp_time *out);
/* A duration such as 2小时 / 一个半小时 / 90 min anywhere in norm, in minutes; 0 = none. */
int nlp_duration_scan(const char *norm, size_t from);
/* The same, with the bytes it spans: [*begin, *end) of norm (set only when one is found). */
int nlp_duration_span(const char *norm, size_t from, size_t *begin, size_t *end);
/* The largest amount a command keeps as written (100000 hours); more is cut to it. */
#define NLP_AMOUNT_MAX_MINUTES 6000000
/* The first duration as a command writes it (确认 #3 1.5小时): 1 when there is
 * one, its minutes (0小时 → 0, 9999小时 → 599940) and *nonpositive = written
 * as zero or with a leading minus (-2小时, －2小时, 负2小时). *unreadable = the
 * first number before an hour or minute word is glued to something
 * (nlp_number_glued: 1e3小时, 2-3小时); 1 is returned then too. 0 when none. */
int nlp_amount_scan(const char *norm, size_t from, int *minutes, int *nonpositive, int *unreadable);
/* Number at s (ASCII digits with optional fraction, or Chinese numerals).
 * Returns bytes consumed (0 = no number). */
size_t nlp_number(const char *s, double *out);
/* Is the number starting at s[at] written with a leading minus: any dash
 * (nlp_is_dash) or a word that says less (负 减 扣 减去 扣除 minus …),
 * spaces allowed between? A dash after a digit is a range (2-3小时), not a sign. */
int nlp_minus_before(const char *s, size_t at);
/* Is the number starting at s[at] glued to what stands before it, so that it
 * is the tail of something the bot does not read (1e3, 0x10, 1/2, .5, 1.5.3,
 * 1,000, a range 2-3, ١1)? Then it is not the amount the writer meant. */
int nlp_number_glued(const char *s, size_t at);
/* Is cp a digit or a Chinese numeral (一, 十, 两, …) nlp_number reads? */
int nlp_numeral_char(uint32_t cp);
/* Every Unicode dash and minus sign (‐ ‑ ‒ – — ― − ﹣ － ➖ ⁻ …): normalisation
 * folds them all to '-'. */
int nlp_is_dash(uint32_t cp);

/* The most money a command keeps (10,000,000 yuan); more is bad. */
#define NLP_YUAN_MAX 10000000
/* The first amount of money in norm from `from` on: a number (Arabic or Chinese, 1.2万) followed by 元, 块, 块钱
 * or 圆 (and 5角/5毛 after it), or after ¥. 1 when there is one: *fen its value in fen (86元 → 8600), [*at, *end)
 * where it is written, *bad set when it is zero, written with a minus, glued to something the bot does not read
 * (1,000元, 1e3元), finer than a fen or more than NLP_YUAN_MAX. 0 when none. */
int nlp_yuan_scan(const char *norm, size_t from, int64_t *fen, int *bad, size_t *at, size_t *end);
/* A month named in norm: 2026-11, 2026年11月, 2026/11, 11月 (the latest one not after this month), 上个月, 本月;
 * now and utc_offset say what this month is. 1 when one is named (*year, *month), 0 when none, -1 when what is
 * written is no month (2026-13, 13月, 2026-00) or a day (2026-11-24, 2026年2月30日): asked again, never guessed. */
int nlp_month_scan(const char *norm, int64_t now, int utc_offset, int *year, int *month);

/* Render res as the one-line JSON of `bot parse` into buf. */
enum bot_rc nlp_result_json(const struct nlp_result *res, int utc_offset, char *buf, size_t bufsz);

#endif
