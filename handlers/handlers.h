/* handlers.h — the rule book. Given the store, the parsed message and the
 * clock, decide and reply. No sockets, no printf, no clock of their own. */
#ifndef HANDLERS_H
#define HANDLERS_H

#include "../nlp/nlp.h"
#include "../store/store.h"
#include "settings.h"

#define HD_REPLY_MAX 2048
/* A digest line a 楼长 passes on in person: HD_DIGEST_TAG "3号楼 李奶奶 " HD_DIGEST_ASK "the notice" (jobs.c writes it,
 * pipeline.c shows a reply's lines under one heading) */
#define HD_DIGEST_TAG "【今日转告】"
#define HD_DIGEST_ASK "收不到消息推送，请当面转告："

/* One incoming chat message: the one message struct. An adapter (bot/) fills
 * it with strings it owns, and hd_msg_free() frees them; a caller that builds
 * one from its own strings (the terminal, tests) lends them for the duration
 * of hd_handle() and never frees it. The text is clean: a platform's markup
 * (QQ's CQ codes) is gone, and the @-mentions the platform encodes outside
 * the text are in mentions; @names typed in the text stay for the NLP. */
struct hd_msg {
    const char *platform;   /* a name of the platform table (static): cli, generic, onebot, telegram, wechat */
    const char *message_id; /* NULL or "" = no de-duplication */
    const char *chat_id;    /* group id, or NULL/"" for a private chat */
    int is_group;
    const char *user_id;
    const char *user_name;  /* display name from the platform, may be NULL */
    const char *text;
    int addressed;          /* the platform says the bot itself was mentioned */
    int unreadable;         /* nothing in it the bot can read (a voice message with no transcript); text is "" */
    int64_t time;           /* the platform's send time, 0 = not given (the clock's) */
    int nmentions;          /* who else was mentioned: platform user ids, in text order */
    struct nlp_mention mentions[NLP_MAX_MENTIONS];
    int64_t member_id;      /* sent from the web console by this member (speaking through user_id, one of their
                             * identities); a mention "#m<id>" then names a member by id, and the member's waiting
                             * notices stay for the chat (a web page does not deliver them). 0 = a chat message */
};
/* Frees what an adapter filled and zeroes m; NULL accepted (handlers/msg.c). */
void hd_msg_free(struct hd_msg *m);

/* What the rule book knows of a platform: bot/ fills a list of them from its
 * platform table (handlers name no platform). */
struct hd_platform {
    const char *name;
    const char *label;      /* as residents call it: QQ, 微信 */
    int push_private;       /* with this configuration a private push reaches one person there */
    /* what a member does before the platform lets the bot write to her privately (加我为QQ好友, /start), or NULL */
    const char *open_private;
    int push_window;        /* ... but only this many seconds after her last private message (0: any time) */
    int bound_by_config;    /* its groups are bound in bot.ini (a robot's one group), not by 绑定 */
};

struct hd_ctx {
    struct store *st;
    const struct nlp *nlp;
    const struct hd_settings *set; /* what the rule book reads of bot.ini; no secret */
    int64_t now;            /* UTC epoch of the message */
    const struct hd_platform *platforms; /* the platform table's facts; NULL = none known */
    int nplatforms;
    int64_t actor; /* the member whose message this is (0: a job, the console): not told back what he did himself */
};

struct hd_reply {
    int has_reply;
    char text[HD_REPLY_MAX];
    int masked; /* phone numbers already masked, but in the notices shown whole (an emergency's to those who act) */
    int open;   /* a refusal that tells nothing of anyone: a group may read it where the command's answer goes privately */
    int replayed; /* a message id seen before: its first answer again, nothing done */
};

/* What a command handler did: changed state (commit), refused (roll back), or
 * refused but with bookkeeping of the refusal that must stay (commit: a wrong
 * link code counts even though nothing else changed). */
enum hd_outcome { HD_CHANGED = 0, HD_REFUSED, HD_COUNTED };

/* Runs one message end to end: parse, group trigger, de-dup, handler, one
 * transaction. out->has_reply = 0 when the bot stays silent. Returns BOT_OK
 * unless the store failed (then nothing was changed). */
enum bot_rc hd_handle(const struct hd_ctx *ctx, const struct hd_msg *m, struct hd_reply *out);

/* ---- internal to handlers/ ---- */
struct hd_call {
    const struct hd_ctx *ctx;
    const struct hd_msg *msg;
    const struct nlp_result *nr;
    struct store_member *me;    /* NULL for read-only intents when unknown */
    struct hd_reply *out;
    /* set by hd_link_state(): the link in force that brought the sender's
     * identity into its member (0 for the member's original identity), and
     * while that link is younger than [limits] link_hold_hours, when the hold
     * ends (0 = no hold) */
    int64_t link_id;
    int64_t held_until;
    /* the conversation (handlers/conversation.c): a question the bot asks with
     * this reply (hd_ask), and whether the member's open question is answered */
    char ask_kind[STORE_PENDING_KIND_MAX];
    char ask_payload[256];
    int answered;
    const char *said; /* the words a post keeps instead of the message's own: hers asked back (post_text) and 是 */
};

/* ---- the conversation (handlers/conversation.c) ---- */
/* How long the bot waits for the answer to its question. */
#define HD_ASK_SECONDS 600
/* ... in a group, where the next 好的 or 是啊 is as likely said to a neighbour: shorter (play-test 15) */
#define HD_ASK_GROUP_SECONDS 300
/* How long after her 确认 hours said again (我说错了 是两个小时) are read as a correction of it */
#define HD_FIX_HOURS_SECONDS (24 * 3600)
/* Ask the member a question with this reply: kind (post_time, pick, yesno)
 * and what finishing it needs; kept for HD_ASK_SECONDS in this chat only. */
void hd_ask(struct hd_call *c, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Ask 更多 with this reply: the next page of 有什么需求 goes on after `end`, the key the page shown ended at. */
void hd_ask_page(struct hd_call *c, const struct store_open_key *end);
/* A page of 有什么需求 open (the payload of its "more") carried along in payload[size] when another question takes
 * its place (能接#70吗 → 是); answered, that question gives the page back, and 更多 goes on from it. */
void hd_carry_page(const char *more, char *payload, size_t size);
/* What an answer does with the open question p. */
enum hd_turn {
    HD_TURN_ON = 0, /* not an answer to it: the message goes on as parsed */
    HD_TURN_RUN,    /* *nr now holds the command the answer completes: run it */
    HD_TURN_DONE    /* answered here: the reply is said, outcome set */
};
/* 接单 / 结束 said alone (1 / 2, else 0): the answer to 结单 #N's question which she means. */
int hd_take_or_end_word(const char *text);
/* Could this message answer a question of the bot's (a yes or no, a number,
 * a time, a bare 确认)? Decides whether the open question is looked up. */
int hd_could_answer(const struct nlp_result *nr, const char *text);
enum bot_rc hd_answer(struct hd_call *c, const struct store_pending *p, struct nlp_result *nr, enum hd_turn *turn,
                      enum hd_outcome *outcome);
/* The order a command without a number means: the member's one order that
 * fits the command (我到了: the accepted one they volunteer for), or a list to
 * pick from (then a question is asked and *found = 0). */
enum bot_rc hd_order_in_context(struct hd_call *c, struct store_request *r, int *found);
/* A message about order #N that does not do anything to it (#12, 12号单是什么,
 * #12 我去不了, 能取消#12吗): its state, the way forward, or a yes-or-no question. */
enum bot_rc hd_about_order(struct hd_call *c);
/* 我不确认 / 别取消 with no order named: nothing done; the requester's one order waiting for her, else the way. */
enum bot_rc hd_negated_alone(struct hd_call *c);
/* 改成后天 with no number: her order that fits asked back as the move it would be. */
enum bot_rc hd_thought_move(struct hd_call *c);
/* 我不需要修水管了: the requester's one open or accepted order of that service is asked back (是 cancels it, as
 * 取消 #N would); two or more, she is asked which; none, a polite word privately and silence in a group. Nothing is
 * cancelled from these words. */
enum bot_rc hd_no_longer_needed(struct hd_call *c);

/* ---- how a reply reads (handlers/reply.c) ---- */
/* The reply is fmt's text, cut at a UTF-8 boundary when it does not fit. */
void hd_say(struct hd_reply *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* t as people say it at utc_offset, against now: 今天下午3点, 明天（周二）上午9点, 后天（周三）晚上7点半,
 * 昨天（周一）中午12点15分, else 11月28日（周六）凌晨0点 (2027年7月5日（周一）… over half a year away). now 0 means
 * no 今天/明天 and no year: for a text kept as a notice and read later. */
#define HD_WHEN_MAX 64
void hd_format_when(int64_t t, int64_t now, int utc_offset, char buf[HD_WHEN_MAX]);
/* The day alone (expiry days): 12月24日, with the year when over half a year away. */
void hd_format_day(int64_t t, int64_t now, int utc_offset, char buf[HD_WHEN_MAX]);
/* Local day `day` (days since the epoch) as 今天, 明天 or 后天, else as hd_format_day writes it. */
void hd_format_day_ahead(int64_t day, int64_t now, int utc_offset, char buf[HD_WHEN_MAX]);
/* The clock alone: 上午11点, 晚上7点半. */
void hd_format_clock(int64_t t, int utc_offset, char buf[HD_WHEN_MAX]);
/* The member's name, or 邻居 when there is none (m may be NULL). */
const char *hd_display_name(const struct store_member *m);
/* 2小时, 半小时, 一个半小时, 2个半小时, 45分钟, 1小时20分钟 (halves in words, whole hours in digits). */
void hd_hours_text(int64_t minutes, char buf[24]);
/* A member's balance as she reads it: 2小时, or owing 欠一个半小时 (never -一个半小时). */
void hd_balance_text(int64_t minutes, char buf[32]);
/* The cash account named name (STORE_CASH_ACCOUNT_*): its id, and its balance in fen when balance_fen is not NULL. */
enum bot_rc hd_cash_id(struct store *st, const char *name, int64_t *id, int64_t *balance_fen);
/* Money as people write it: 86元, 86.5元, 86.05元, -350元 (fen in, never a trailing .00). */
void hd_yuan_text(int64_t fen, char buf[32]);
/* How long something has waited, as people say it: 45分钟, 9小时, 3天, 3天多. */
void hd_age_text(int64_t seconds, char buf[32]);
/* Mask phone numbers (138****5678) in text, in place. */
void hd_mask_phones(char *text);
/* An order's status as residents read it: 待接单, 已接单, 服务中, 待确认, 已完成, 已取消, 投诉处理中, 已过期. */
const char *hd_status_text(enum store_req_status s);
/* A journal kind as members read it: 服务, 转赠, 生日礼, … (其他 for one not listed: never the stored English word). */
const char *hd_kind_text(const char *kind);
const char *hd_level_name(const struct hd_rules *rules, int64_t earned_minutes);
/* Days since 1970-01-01 and the hour (0..23) of ctx->now on the community's clock. */
int64_t hd_local_day(const struct hd_ctx *ctx);
int hd_local_hour(const struct hd_ctx *ctx);

/* ---- shared by the handler files (handlers/common.c) ---- */
int hd_is_admin(const struct hd_call *c);
/* The sender as a note about what he did for someone names him: his name, or when he has none his part (工作人员,
 * 楼长; staff named only in bot.ini read as 邻居 before) */
const char *hd_actor_name(const struct hd_call *c);
/* Is member m staff: the admin role, or one of their identities named in [roles] admins (set->admins)? */
enum bot_rc hd_member_is_staff(struct store *st, const struct hd_settings *set, const struct store_member *m,
                               int *staff);
int hd_is_manager(const struct hd_call *c);
/* Staff, or the 楼长 of m's building, and not m: who may approve for m (a credit past the estimate). */
int hd_speaks_for(const struct hd_call *c, const struct store_member *m);
/* The next platform:user of a `[roles] admins` list at *cursor (advanced past it); 0 at its end. */
int hd_next_admin(const char **cursor, char platform[64], char user[128]);
/* The registered member a written name stands for, t as nlp_target gives it: the name, or the name and her building
 * that tells namesakes apart, 王师傅(3号楼). *count: how many answer to it (the first in out). */
enum bot_rc hd_member_named(const struct hd_ctx *ctx, const char *t, struct store_member *out, int *count);
/* Another member asked of by her name (her balance, her history): hers to herself, her 楼长 and staff; anyone else
 * refused in c->out. *found 1 with *who set when it may be read. */
enum bot_rc hd_named_member(struct hd_call *c, const char *own_word, struct store_member *who, int *found);
/* 我妈的积分还有多少 (nlp of_kin): a relative's figures, refused with the way to ask */
enum bot_rc hd_kin_figures(struct hd_call *c, const char *own_word);
/* 解除关联: the accepted, unstarted orders the unlinked identity's new account (holder) holds go back open, no 爽约, the
 * requester and her 楼长 told, a line in #N 记录; vol the account they were accepted as. reopened lists them. */
enum bot_rc hd_release_unlinked(struct hd_call *c, int64_t holder, const struct store_member *vol, char *reopened,
                                size_t rsize, int *released);
/* Resolve target i of the command (@mention or written name) to a member.
 * *found = 0 and a polite reply when there is none or more than one. */
enum bot_rc hd_find_target(struct hd_call *c, int i, struct store_member *out, int *found);
/* One journal transaction with the lot expiry of the rules; BOT_LIMIT passes through. A member's lifetime earned
 * follows from the kind (store_transfer: service in, a complaint's hold and its return, a reversal out). */
enum bot_rc hd_move(const struct hd_ctx *ctx, int64_t from, int64_t to, int64_t minutes, const char *kind,
                    int64_t request_id, const char *memo, int enforce_limit);
/* hd_move, and (*txn) the transaction it wrote. */
enum bot_rc hd_move_txn(const struct hd_ctx *ctx, int64_t from, int64_t to, int64_t minutes, const char *kind,
                        int64_t request_id, const char *memo, int enforce_limit, int64_t *txn);
/* Take up to minutes from account to the fund as a penalty, never past its limit. Returns taken. */
/* The end of the expiry warning window from now, or 0 when nothing is warned of (credits never expire, or
 * expiry_warn_days = 0: "don't warn"): one rule for the gift's reply, the 积分什么时候过期 answer, 查积分 and a
 * refund's notice. */
int64_t hd_expiry_warn_until(const struct hd_rules *rules, int64_t now);
/* What give-back transaction txn (a refund, a dismissed complaint's hold) put back on account that was already past its
 * date (store_transfer expired it at once) or goes within the warning window, as a sentence for its owner; empty when
 * neither. */
enum bot_rc hd_restored_expiry_note(const struct hd_ctx *ctx, int64_t account, int64_t txn, char *out, size_t size);
enum bot_rc hd_penalty(const struct hd_ctx *ctx, int64_t account, int64_t minutes, int64_t request_id,
                       const char *memo, int64_t *taken);
/* Credit a finished request: payer (requester, or the fund for 公益 and
 * subsidised members) → volunteer; status confirmed; referral bonus. Past
 * the building's fund budget (hd_fund_budget_hold), or a 代录 held for a second
 * person (hd_proxy_review_hold), BOT_OK with nothing paid: r stays finished.
 * BOT_LIMIT when the requester would pass the overdraft limit. */
/* by: whose word paid it (a member; 0 the bot's timer), kept for #N 记录. */
enum bot_rc hd_credit_request(const struct hd_ctx *ctx, struct store_request *r, int minutes, int64_t by);
/* The referral bonus a member's first service (r, minutes credited) settles: paid, or (HD_REFERRAL_FORFEIT in
 * referral_paid) never, when that service is short or for the referrer. */
#define HD_REFERRAL_FORFEIT 2
enum bot_rc hd_referral_settle(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *vol,
                               int minutes);
/* Request #id, or a polite "not found" reply (found = 0). */
enum bot_rc hd_load_request(struct hd_call *c, int64_t id, struct store_request *r, int *found);
/* Minutes credited for a timer of `elapsed` seconds: rounded to the nearest
 * round_minutes, at least min_minutes. */
int hd_credit_minutes(int64_t elapsed, int round_minutes, int min_minutes);
/* r's estimate in minutes ([rules] default_estimate_minutes when it gave none). */
int hd_estimate_minutes(const struct hd_rules *rules, const struct store_request *r);
/* The most r's timer credits: its estimate plus over_estimate_minutes, never past max_request_hours. */
int hd_cap_minutes(const struct hd_rules *rules, const struct store_request *r);
/* A start at or before this is past (now less the past grace): such a request is not listed nor accepted, and
 * the stale job closes it. */
int64_t hd_past_start(const struct hd_ctx *ctx);
/* An open request whose time is gone: its start (a reopened one: the latest it may still begin) is past. */
int hd_request_past(const struct hd_ctx *ctx, const struct store_request *r);
/* The rule book's numbers `bot audit` holds the store to. */
void hd_audit_rules(const struct hd_settings *set, struct store_audit_rules *out);
/* What r's timer (started_at → finished_at) credits: hd_credit_minutes, at most hd_cap_minutes (a 代录: its hours). */
int hd_timer_minutes(const struct hd_rules *rules, const struct store_request *r);
/* How long r's timer ran, said for a reply: 半小时, or where rounding made it more 1分钟（按半小时算）, 不到1分钟（按半小时算）;
 * counted: the minutes it counts (hd_credit_minutes, before the cap). Not for a 代录 (no timer). */
void hd_timer_text(const struct hd_rules *rules, const struct store_request *r, char buf[64]);
/* What auto-confirm pays for r: the timer, never past the estimate. */
int hd_auto_minutes(const struct hd_rules *rules, const struct store_request *r);
/* Is finished order r paid only on its requester's own confirm (*own = 1)? A 代录 claimed for a member with a chat
 * identity of her own, not yet confirmed by her, or a timer under [rules] short_timer_minutes: nobody confirms it for
 * her (a 楼长) and auto-confirm closes it unpaid at its deadline. */
enum bot_rc hd_own_confirm_only(const struct hd_ctx *ctx, const struct store_request *r, int *own);
/* The first order of volunteer's whose timer runs (in service), other than except: *id = 0 when none. One timer at a
 * time: a second would pay her twice for the same hours. */
enum bot_rc hd_timer_running(const struct hd_ctx *ctx, int64_t volunteer, int64_t except, int64_t *id);
/* Does a person written (as the parser reads one: 孙奶奶, 陈伯, 张阿姨, 老李) call the member named name? 2 it is her very
 * name; 1 a 称呼 that fits it: her surname after 老 or 小 or before a title (老李, 小李, 张阿姨 for 李桂兰, 张秀英), her given name
 * before one (秀英阿姨); 0 not. */
int hd_name_calls(const char *written, const char *name);
/* Keep list[0..*n) of orders whose requester the person written calls (only those with her very name when any has),
 * in order, at its head: *n their count. */
enum bot_rc hd_orders_of_named(const struct hd_ctx *ctx, const char *written, struct store_request *list, int *n);
/* The confirm deadline as the auto-confirm tick reads it: a finished order at or before this (now less confirm_hours)
 * is due — auto-confirmed, or (a 代录 held for a second person, or paid only on her own word) closed unpaid. */
int64_t hd_confirm_due(const struct hd_ctx *ctx);
/* The same deadline from the order's side: when finished order r becomes due (a held 代录 lapses then, ticked or not). */
int64_t hd_due_at(const struct hd_ctx *ctx, const struct store_request *r);
/* When r's confirm window opens: its finish, or its recording when later (a 代录 of an earlier day: counted from when
 * it was written, never from the service, or it would be due at once). Compared with hd_confirm_due. */
int64_t hd_due_from(const struct store_request *r);
/* Could requester req pay minutes for r now? *after: her balance once paid (a 体验券 counted), *limit: her overdraft
 * limit in minutes (positive); *ok = 1 when the fund pays it (公益, 补贴), her account has no limit, or it stays within. */
enum bot_rc hd_payable(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                       int minutes, int64_t *after, int64_t *limit, int *ok);
/* What a group may read of an address (handlers/address.c): every address in
 * text cut to at most its building, in place — 和平小区5栋2单元301 → 和平小区5栋,
 * 3号楼2单元501 → 3号楼, 幸福路18号 → 幸福路, 5-2-301 and a bare 301 after 到/住
 * → gone, 三号楼二单元 → 三号楼; full-width digits too. Places (社区医院), times,
 * dates, hours, #ids stay. Where it is unsure it cuts. */
void hd_mask_address(char *text);
/* loc as a group (or anyone not matched to the order) may read it, into out. */
void hd_public_location(const char *loc, char *out, size_t outsz);
/* Does r (requester req) hold an address more private than a group reads: a location longer than its building, or,
 * when r names no place, her unit and room (hd_accept_note tells it the volunteer)? */
int hd_address_private(const struct store_request *r, const struct store_member *req);
/* May vol read r's whole address now? Yes (*open = 1) unless she gave back [rules] address_withdraw_count orders
 * within address_withdraw_days after their address was shown her: then from an hour before r's start (*from; an
 * untimed order's never by the bot: 0) — a play-test read any neighbour's door by 接单 then 撤销, again and again. */
enum bot_rc hd_address_open(const struct hd_ctx *ctx, const struct store_request *r, int64_t vol, int *open,
                            int64_t *from);
/* vol gives r back (撤销 of her accept, her 取消) while it was hers, accepted at accepted_at: when its whole address had
 * been shown her, one withdraw strike; staff told when her count reaches the cap. Not counted: a door she knew from
 * another order of the same requester at the same place, nor an order that meets one she took before it and still
 * holds (the bot's own clash warning told her to give it back). */
/* What a volunteer whose whole address waits (hd_address_open: from, 0 untimed) reads instead, into buf. */
void hd_address_later(const struct hd_ctx *ctx, int64_t id, int64_t from, const char *manager, char *buf, size_t bufsz);
enum bot_rc hd_address_withdrawn(const struct hd_ctx *ctx, const struct store_member *vol, const struct store_request *r,
                                 int64_t accepted_at);

/* ---- the command table (handlers/commands.c) ---- */
/* Who may run a command. */
enum hd_who { HD_ANYONE = 0, HD_REGISTERED, HD_MANAGER, HD_ADMIN };

/* One row: an intent's handler (read, or write in one transaction: exactly
 * one of the two is set), who may run it, and what the others are told (NULL:
 * 抱歉，这个操作只有<role>可以做。). */
struct hd_command {
    enum nlp_intent intent;
    enum bot_rc (*read)(struct hd_call *c);
    enum bot_rc (*write)(struct hd_call *c, enum hd_outcome *outcome);
    enum hd_who who;
    const char *refusal;
};

/* The row of intent (NLP_NONE's, not understood, for a value outside the list). */
const struct hd_command *hd_command_of(enum nlp_intent intent);
/* 1, with the refusal said, when the sender may not run cmd; 0 to go on. */
int hd_command_refused(struct hd_call *c, const struct hd_command *cmd);
/* 1 when a suspended member (停用) may still do what c's message asks: what concerns what she already has — confirm
 * (with fewer hours), complain or withdraw a complaint, rate, excuse a late start, pass a word, finish a service
 * already started, offer less, call off or move (改时间) her own order, keep her phone and door right (修改资料 of
 * those alone). Never post, accept, start, gift, redeem, link an identity (关联), change who she is on file, or
 * anything new (README). */
int hd_suspended_may(const struct hd_call *c);
/* What a suspended member may still do, in plain words (the 停用 notice and every refusal say it). */
#define HD_SUSPENDED_STILL \
    "您自己的单子照常可以确认（做了几小时就写几小时）、投诉、评价、取消、改时间，已经开始的服务可以结束；" \
    "查积分、看积分明细和「我的单子」也不受影响，电话和门牌也可以照常修改。"

/* read-only: never write */
enum bot_rc hd_help(struct hd_call *c);
/* addressed or private but not understood: a greeting, thanks, or where help is */
enum bot_rc hd_not_understood(struct hd_call *c);
/* 查积分: the sender's own; 查一下李桂兰的积分: hers, to staff and a 楼长 of her building only (privately in a group) */
enum bot_rc hd_balance(struct hd_call *c);
/* 张秀英的电话是多少, 李阿姨住哪: a neighbour's phone and address are never given; the reply says what to do instead */
enum bot_rc hd_contact_ask(struct hd_call *c);
/* 消息: the header of the member's waiting notices, which the pipeline adds (only in a private chat). */
enum bot_rc hd_notices(struct hd_call *c);
enum bot_rc hd_list_requests(struct hd_call *c);
enum bot_rc hd_leaderboard(struct hd_call *c);
/* state-changing: set *outcome */
/* handlers/elders.c: 注册 (the sender, once), 修改资料 (the sender's own), 代注册 (a 楼长's elder, no identity) */
enum bot_rc hd_register(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_profile_edit(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_proxy_register(struct hd_call *c, enum hd_outcome *outcome);
/* A birthday written unreadable (bad), in the future or giving an age outside [rules] birthday_min_age..max_age:
 * the reply asks again with the example `again`, 1; else 0. */
int hd_birthday_refused(struct hd_call *c, const char *birthday, int bad, const char *again);
enum bot_rc hd_offer(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_offer_withdraw(struct hd_call *c, enum hd_outcome *outcome);
/* 生日公开 / 生日不公开: the member's birthday greeted in the building's group, or not (the default) */
enum bot_rc hd_birthday_public(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_post_request(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_accept(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_start(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_finish(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_confirm(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_cancel(struct hd_call *c, enum hd_outcome *outcome);
/* #N 改时间 明天上午10点: the requester (or, for her, her 楼长 or staff) moves an open or accepted order's start to a
 * time ahead; an accepted one is open again, its volunteer let go without penalty and told. */
enum bot_rc hd_reschedule(struct hd_call *c, enum hd_outcome *outcome);
/* The way to put right the hours of order id, confirmed already, said again as minutes (我说错了 是两个小时). */
enum bot_rc hd_confirmed_hours_fix(struct hd_call *c, int64_t id, int minutes);
/* Tell the group an order was posted in that it is open again (at most [rules] reannounce_limit times). */
enum bot_rc hd_reannounce(const struct hd_ctx *ctx, const struct store_request *r);
/* ---- undo (handlers/undo.c) ---- */
/* Keep an action on order `before` (its state before it) for #N 记录 and 撤销, in the same transaction: its kind, the
 * member it is about, the order's status and volunteer after it, the credit it moved. */
enum bot_rc hd_record_action(const struct hd_ctx *ctx, enum store_action_kind kind, int64_t member,
                             const struct store_request *before, enum store_req_status left, int64_t left_volunteer,
                             int64_t moved);
/* Remember the sender's accept (cancel = 0) or cancel of an order, `before` and `after` it, and the credit it
 * moved, in the same transaction. */
enum bot_rc hd_remember_action(struct hd_call *c, const struct store_request *before, const struct store_request *after,
                               int cancel, int64_t moved);
/* 撤销 / 刚才点错了: take back the sender's last accept or cancel when it is at most 10 minutes old, moved no
 * credit, and nothing happened to the order since (no status change, no other accept or cancel, no journal row). */
enum bot_rc hd_undo(struct hd_call *c, enum hd_outcome *outcome);
/* 我没说要取消 right after her own cancel (within an hour): the way back (撤销, while its window is open) or the order's
 * state now; *said 0 when she made no such cancel (the caller answers as before). Nothing is changed. */
enum bot_rc hd_cancel_denied(struct hd_call *c, int *said);
enum bot_rc hd_history(struct hd_call *c);
enum bot_rc hd_gift(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_rate(struct hd_call *c, enum hd_outcome *outcome);
/* ---- complaints with deadlines (handlers/complaints.c) ---- */
/* 投诉 #N 原因: holds the credit; the building's 楼长 and staff are told privately at once. */
enum bot_rc hd_complaint(struct hd_call *c, enum hd_outcome *outcome);
/* 处理投诉 #N 退款|扣分|减半|禁止接单N天|驳回|恶意投诉 (staff): the decision; both parties told privately. */
enum bot_rc hd_resolve(struct hd_call *c, enum hd_outcome *outcome);
/* 受理投诉 #N (staff, or a 楼长 of the requester's building): the first response, which stops the hour's alarm. */
enum bot_rc hd_complaint_ack(struct hd_call *c, enum hd_outcome *outcome);
/* 投诉列表: open complaints oldest first with their age (a 楼长: his building's); staff also see who awaits
 * retraining. */
enum bot_rc hd_complaint_list(struct hd_call *c);
/* 完成培训 @X (staff): clears the retraining flag a complaint's ban set. */
enum bot_rc hd_retrained(struct hd_call *c, enum hd_outcome *outcome);
/* #N 记录 (staff): who posted, accepted, started, finished, confirmed and when, the timer, the complaints and the
 * journal's lines of the order. */
enum bot_rc hd_order_record(struct hd_call *c);
/* managers and admins (handlers/manage.c) */
enum bot_rc hd_grant(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_adjust(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_suspend(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_malicious(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_subsidise(struct hd_call *c, enum hd_outcome *outcome);
/* 撤销代录 #N: the recorder (or staff) within proxy_undo_hours; a reversal journal transaction, both sides told. */
enum bot_rc hd_proxy_undo(struct hd_call *c, enum hd_outcome *outcome);
/* 基金: the fund's balance, this month's spending by building, its last movements (楼长 and staff). */
enum bot_rc hd_fund(struct hd_call *c);
/* 基金批准 #N (staff): a fund-paid credit held past its building's monthly budget, paid now. */
enum bot_rc hd_fund_approve(struct hd_call *c, enum hd_outcome *outcome);

/* ---- the books in the open, and the 首存日 (handlers/finance.c) ---- */
enum bot_rc hd_book(struct hd_call *c, enum hd_outcome *outcome);          /* 记账 收入|支出|期初 … */
enum bot_rc hd_spend_approve(struct hd_call *c, enum hd_outcome *outcome); /* 批准支出 #N [会员大会 …] */
enum bot_rc hd_spend_reject(struct hd_call *c, enum hd_outcome *outcome);  /* 驳回支出 #N 原因… */
enum bot_rc hd_spend_list(struct hd_call *c);                              /* 待批支出 */
enum bot_rc hd_statement(struct hd_call *c);                               /* 财务公示 2026-11 */
/* The month's statement (no member's name): the bank's balance at its start and end, income by source, spending
 * by item. */
enum bot_rc hd_finance_statement(const struct hd_ctx *ctx, int year, int month, char *buf, size_t bufsz);
/* Is the local day of t the configured 首存日 ([rules] first_deposit_day)? */
int hd_first_deposit_day(const struct hd_ctx *ctx, int64_t t);
/* After r's service credit (minutes, r->payer_account set): on the 首存日 the fund pays vol the same minutes again
 * (kind bonus; never for an order the fund itself pays), and vol is told; *paid says how much. */
enum bot_rc hd_first_deposit_bonus(const struct hd_ctx *ctx, const struct store_request *r,
                                   const struct store_member *vol, int64_t minutes, int64_t *paid);
/* Up to minutes of r's bonus back from vol to the fund (a refund, 撤销代录). enforce_limit: BOT_LIMIT when vol
 * cannot pay it; 0: as much as vol's overdraft limit allows. *taken says how much. */
enum bot_rc hd_first_deposit_take_back(const struct hd_ctx *ctx, const struct store_request *r,
                                       const struct store_member *vol, int64_t minutes, int enforce_limit,
                                       int64_t *taken);
/* Is r paid by the fund on its volunteer's own 公益 mark alone (she marked it, then served it; req not subsidised)? */
int hd_self_marked(const struct store_request *r, const struct store_member *req);
/* Would the fund pay minutes for r (requester req) past the building's monthly fund_budget_hours, or on its
 * volunteer's own 公益 mark (hd_self_marked), and staff not approve it? Then *held = 1: nothing is paid, and staff
 * are told (once for these minutes). */
enum bot_rc hd_fund_budget_hold(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                                int minutes, int *held);
/* A 代录 paid at once (her with no chat identity: no word of hers comes first) waits for a second person when its
 * volunteer holds a role (楼长, staff) or the elder's 代录 hours that day pass max_request_hours: *held = 1, nothing
 * paid, those who may approve it told once (staff, the 楼长 of her building but its recorder and volunteer), until staff
 * or a 楼长 of her building who neither recorded nor served it sends 批准代录 #N; not approved by the confirm deadline it
 * lapses (hd_proxy_lapse). */
enum bot_rc hd_proxy_review_hold(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                                 const struct store_member *vol, int minutes, int *held);
/* A 代录 r held for a second person (HD_HELD_REVIEW) and not approved by the confirm deadline lapses as a claim on an
 * elder's own word does: closed unpaid (cancelled), nothing moves (nothing was held on any account); its recorder and
 * volunteer told why. Write transaction required. */
enum bot_rc hd_proxy_lapse(const struct hd_ctx *ctx, struct store_request *r);
/* A 代录 r held past the fund's monthly budget (HD_HELD_FUND) and not given 基金批准 by the confirm deadline lapses
 * the same way: closed unpaid (cancelled), nothing moves; its recorder, its volunteer and the staff who could have
 * approved it told once (the tick's claim). Write transaction required. */
enum bot_rc hd_proxy_fund_lapse(const struct hd_ctx *ctx, struct store_request *r);
/* A building's month of the fund (store_fund_spent's row u) as every reply says it: 已用 6小时（其中经批准超出预算 2小时），
 * 待批 1小时 — the parts shown only when there are any. */
void hd_fund_use_text(const struct store_fund_spent *u, char *out, size_t size);
/* Why finished r is not paid yet: HD_HELD_REVIEW (a 代录 waiting for 批准代录), HD_HELD_FUND (past the fund's budget,
 * waiting for 基金批准), or HD_HELD_NONE. */
enum hd_held { HD_HELD_NONE, HD_HELD_REVIEW, HD_HELD_FUND };
enum bot_rc hd_held_why(const struct hd_ctx *ctx, const struct store_request *r, enum hd_held *why);
/* Staff: members with the admin role and the members bot.ini names admin; each told once (hd_tell). */
enum bot_rc hd_tell_staff(const struct hd_ctx *ctx, const char *building, const char *job, const char *text);
/* Tell member about order request whatever becomes of it, until its start moves again (a volunteer let go by a move: he
 * must hear it even once another accepts). */
enum bot_rc hd_tell_moves(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int64_t request);
/* hd_tell_staff about an order: each notice bound to the order's state as it is now (v37): once the order moves on (a
 * complaint decided), a notice not yet read is not shown. */
enum bot_rc hd_tell_staff_about(const struct hd_ctx *ctx, const char *building, const char *job, const char *text,
                                int64_t request);
/* hd_tell_staff_about, but not the members in skip[0..nskip) (the parties to a complaint, who may not handle it; those
 * told already in other words); stale_at > 0: the notice is true only until then, as hd_tell_until's. */
enum bot_rc hd_tell_staff_except(const struct hd_ctx *ctx, const char *building, const char *job, const char *text,
                                 int64_t request, int64_t stale_at, const int64_t *skip, int nskip);
/* ---- membership and dividends (handlers/membership.c) ---- */
/* 收会费 @X 体验会员 100元 现金 [收据号…] (a 楼长 for his building, staff for anyone; privately): the tier's
 * price only, a renewal from the current end, a cash transaction income → bank (fee) in the same transaction, a
 * receipt the bot numbers when none is written; the member told. */
enum bot_rc hd_member_fee(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_fee_reverse(struct hd_call *c, enum hd_outcome *outcome); /* 退会费 @X 原因… */
/* 会员：体验会员，到 2027年11月29日。 (nothing when the sender has no membership now), appended for 查积分. */
void hd_membership_line(struct hd_call *c, char *buf, size_t sz, size_t *len);
/* 分红核算 2026 净利润 120000元 (staff, privately): the 60/25/10/5 split and each 共创会员's share, a stored draft. */
enum bot_rc hd_dividend_calc(struct hd_call *c, enum hd_outcome *outcome);
/* 分红确认 2026 (staff, privately): pays the draft from the bank, once; members told, groups get the top ten. */
enum bot_rc hd_dividend_confirm(struct hd_call *c, enum hd_outcome *outcome);
/* 分红换积分 50元 | 全部 (privately): member cash → fund cash (convert) and hours fund → member (dividend) at
 * [rules] dividend_yuan_per_hour, in one transaction. */
enum bot_rc hd_dividend_convert(struct hd_call *c, enum hd_outcome *outcome);
/* 我的分红: the member's dividend balance (cash) and how to turn it into hours. */
enum bot_rc hd_my_dividend(struct hd_call *c);
/* The requester's unspent 体验券 (a membership in force), spent on r when she pays it herself: the fund first
 * gives her min(voucher, minutes) (journal kind voucher) in the confirm's transaction; the service is then paid
 * as usual. Once per membership. */
enum bot_rc hd_voucher_spend(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                             int minutes);
/* Order r's credit going back to its requester: what the 体验券 gave beyond the minutes the volunteer keeps returns to
 * the fund (the voucher pays the first hours). */
enum bot_rc hd_voucher_take_back(const struct hd_ctx *ctx, const struct store_request *r, int64_t kept, int64_t *taken);
/* The split of a profit: 60% members, 25% founders, 5% board, the fund 10% and the fen left over. */
void hd_dividend_split(int64_t profit, struct store_dividend *d);
/* pool shared by score: each the floor of pool × score ÷ total, the fen left one each to the largest remainders. */
void hd_dividend_shares(int64_t pool, struct store_dividend_share *sh, int n);
/* ---- vetting and matching (handlers/vetting.c) ---- */
/* Whole years since birthday (YYYY-MM-DD) on the community's clock today; -1 when unreadable or none. */
int hd_age(const char *birthday, const struct hd_ctx *ctx);
/* May member who accept an order of service? Registered, with a birthday on file giving at least min_age
 * (托管: childcare_min_age); a valid certificate where the services file marks [证书], valid training (培训)
 * where it marks [培训], valid insurance (保险) for every service when [rules] require_insurance. */
enum hd_vetting {
    HD_VET_OK = 0,
    HD_VET_TOO_YOUNG,
    HD_VET_NO_BIRTHDAY,
    HD_VET_TOO_YOUNG_FOR,
    HD_VET_NO_CERT,
    HD_VET_UNREGISTERED,
    HD_VET_NO_TRAINING,
    HD_VET_NO_INSURANCE,
};
enum bot_rc hd_vet(const struct hd_ctx *ctx, const struct store_member *who, const char *service, enum hd_vetting *out,
                   int64_t *expired_at);
/* Says why the sender may not accept and what would work; 1 when refused (v not OK). */
int hd_vet_refused(struct hd_call *c, const char *service, enum hd_vetting v, int64_t expired_at);
/* After the sender accepted r: the requester req is told privately who comes, how to reach them and the
 * service's safety note; the same for the volunteer lands in vol_note (the caller says it privately). */
enum bot_rc hd_accept_tell(struct hd_call *c, const struct store_request *r, const struct store_member *req, int whole,
                           char *vol_note, size_t vol_notesz);
/* whole = 0: the volunteer's note leaves out the requester's unit (hd_address_open said not yet) */
void hd_accept_note(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *other,
                    int to_volunteer, int whole, const char *manager, char *buf, size_t bufsz);
/* A new request r of req pushed privately to up to [rules] match_push_count volunteers of req's building who
 * offered its service and may accept it (level, rating, recent load first); *pushed how many. */
/* Order r of req moved (改时间; r holds the new start): the pushes about it still queued with the old time are dropped
 * (the store keeps why), and a neighbour whose match push was among them gets it again as it reads now, held as the
 * quiet hours hold it; a group line is not re-queued here (the move writes its own). */
enum bot_rc hd_match_moved(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req);
enum bot_rc hd_match_push(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                          int *pushed);
/* 认证 @X 托管 有效期2027-12-31 (staff) */
enum bot_rc hd_certify(struct hd_call *c, enum hd_outcome *outcome);
/* 禁止接单 @X 7天 / 解除禁止 @X (staff) */
enum bot_rc hd_accept_ban(struct hd_call *c, enum hd_outcome *outcome);

/* ---- partner merchants (handlers/merchants.c) ---- */
/* 添加商家 幸福超市 积分抵3元 单次最高30元 管理费3% (staff): a merchant; what is left out takes the [rules]
 * defaults (a merchant there is keeps its terms); a second one of the same name changes its terms and says so. */
/* branches.c (issue 18): 分会, 添加分会, 分会 3号楼 城东分会, 分会互通 (the alliance's staff: admins whose branch
 * scope is 0); the fund account of a member's branch. */
enum bot_rc hd_branch(struct hd_call *c, enum hd_outcome *outcome);
int hd_alliance_admin(struct hd_call *c);
/* A branch admin (staff whose scope is one branch): 1 and *scope her branch; 0 for anyone else. */
int hd_branch_scope(const struct hd_call *c, int64_t *scope);
/* The one rule of who staff act on (issue 18): the alliance's staff on anyone, a branch admin on the members and
 * orders of her branch's buildings only. hd_staff_covers: may the sender act on a member or order of building (1
 * for anyone not a branch admin: a 楼长's own checks stay); hd_staff_covers_member: the same, refused told so;
 * hd_staff_scope: the building filter of the sender's lists ("" staff, 分会#N a branch admin, a 楼长's building). */
int hd_staff_covers(const struct hd_call *c, const char *building);
int hd_staff_covers_member(struct hd_call *c, const struct store_member *m);
int hd_staff_covers_request(const struct hd_call *c, int64_t request_id); /* the building it was posted from */
void hd_staff_scope(const struct hd_call *c, char out[STORE_BUILDING_MAX]);
/* A branch admin's command on a request of another branch: told so, 1. */
int hd_outside_scope(struct hd_call *c, int64_t request_id);
/* The community fund that pays or is paid for a member (issue 18): her branch's ('fund' for branch 1, 'fund:<id>');
 * hd_member_fund by her id; hd_order_fund for an order: its requester's branch's, as 公益 is paid. hd_fund_account_name:
 * is name one of the funds' accounts. */
enum bot_rc hd_branch_fund(const struct hd_ctx *ctx, const struct store_member *m, int64_t *account);
enum bot_rc hd_member_fund(const struct hd_ctx *ctx, int64_t member_id, int64_t *account);
enum bot_rc hd_order_fund(const struct hd_ctx *ctx, const struct store_request *r, int64_t *account);
int hd_fund_account_name(const char *name);
/* The other side of a member's credit movement as people read it: a member's or merchant's name as it is, the bank's
 * own accounts in words (the hold's by the movement's direction: minutes < 0 into it, > 0 back; 0 not said). */
const char *hd_account_text(const char *name, int64_t minutes);
/* 基金 for the alliance's staff: each branch's fund balance, appended to buf when there is more than one branch. */
enum bot_rc hd_branch_funds_text(struct hd_call *c, char *buf, size_t size, size_t *len);
enum bot_rc hd_merchant_add(struct hd_call *c, enum hd_outcome *outcome);
/* 商家绑定 / 商家解绑 幸福超市 @小刘 (staff): a member becomes (or stops being) a clerk of that merchant. */
enum bot_rc hd_merchant_bind(struct hd_call *c, enum hd_outcome *outcome);
/* 兑换码 (a registered member, privately): a single-use code living [rules] redeem_code_minutes, replacing the
 * last; refused when suspended or with under half an hour to spend (the balance said). */
enum bot_rc hd_redeem_code(struct hd_call *c, enum hd_outcome *outcome);
/* 核销 CODE 消费86元 (a clerk, privately): half hours worth min(price, the cap), never past the member's balance,
 * move to the merchant's time account; its fee on the price is owed in cash; the clerk is told the discount and
 * what to collect, the member the hours, the yuan and the balance. Wrong codes: [rules] redeem_wrong_limit within
 * redeem_wrong_minutes stop the clerk's 核销 for a while, staff told once. */
enum bot_rc hd_redeem(struct hd_call *c, enum hd_outcome *outcome);
/* 商家对账 [幸福超市] 2026-11 (a clerk: his merchant; staff: any): the month's redemptions, hours, discount,
 * members' spending, fee, paid and still owed. */
enum bot_rc hd_merchant_statement(struct hd_call *c);
/* 商家缴费 幸福超市 300元 (staff): the merchant pays what it owes (merchant → bank), never more. */
enum bot_rc hd_merchant_settle(struct hd_call *c, enum hd_outcome *outcome);

/* ---- no-shows and late cancels (handlers/strikes.c) ---- */
/* A late cancel of accepted order request_id by member who: a strike; reaching [rules] late_cancel_review_count
 * within late_cancel_window_days puts them on staff's review list, and staff are told (at that count). */
enum bot_rc hd_late_cancel_strike(const struct hd_ctx *ctx, const struct store_member *who, int64_t request_id);
/* A no-show of member who on request_id: a strike; at no_show_ban_count within no_show_window_days accepting is
 * banned for no_show_ban_days. *banned_until (0 = no ban now). */
enum bot_rc hd_no_show_strike(const struct hd_ctx *ctx, const struct store_member *who, int64_t request_id,
                              int64_t *banned_until);
/* May the sender accept now? Banned (*banned = 1): says until when, why and whom to ask — in a group privately
 * (hd_say_own: *outcome HD_COUNTED when pushed), the group reading only that this one is not hers to take. */
enum bot_rc hd_accept_banned(struct hd_call *c, int *banned, enum hd_outcome *outcome);
/* 没关系 #N: the requester excuses the volunteer's late start (no 爽约, no count). */
enum bot_rc hd_excuse(struct hd_call *c, enum hd_outcome *outcome);
/* 转告 #N 要说的话: passed privately to the other side of an order still going (never a phone number). */
enum bot_rc hd_relay(struct hd_call *c, enum hd_outcome *outcome);
/* 待审核 (staff): members with repeated late cancels, their counts and orders. */
enum bot_rc hd_review_list(struct hd_call *c);
/* 资质 @X (staff): the member's certificates, training, insurance, birthday and ban on accepting. */
enum bot_rc hd_qualify(struct hd_call *c);
/* The web console (console_link.c): 后台 gives a one-time login link, 退出后台 ends every session of the sender. */
enum bot_rc hd_console(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_console_end(struct hd_call *c, enum hd_outcome *outcome);
/* A fresh random token (base64url, 32 characters), and the hash it is kept as (sha256, hex). */
#define HD_TOKEN_MAX 40
#define HD_TOKEN_HASH 72
enum bot_rc hd_token_new(char out[HD_TOKEN_MAX]);
void hd_token_hash(const char *token, char out[HD_TOKEN_HASH]);
enum bot_rc hd_unmatched(struct hd_call *c);
enum bot_rc hd_recommend(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_proxy(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_activity(struct hd_call *c, enum hd_outcome *outcome);
/* platforms (handlers/platform.c) */
enum bot_rc hd_bind(struct hd_call *c, enum hd_outcome *outcome);
/* 关联账号 gives the member one live code; 关联 NNNNNN from another identity
 * joins it to the code's member. Wrong tries are bounded per code and per
 * claimant ([limits] link_*), and the member's other identities are told. */
enum bot_rc hd_link(struct hd_call *c, enum hd_outcome *outcome);
/* 关联码 NAME (a 楼长 of her building, staff, or who registered her; in private): a code for a member with no chat
 * identity (代注册), living [rules] elder_link_code_hours; 关联 NNNNNN from her (or a relative's) identity then
 * takes the account over as its original identity: no link hold, the 楼长 who registered her is told. */
enum bot_rc hd_link_for(struct hd_call *c, enum hd_outcome *outcome);
/* 解除关联 [N]: a linked identity undoes its own link (at any time); the
 * original identity undoes another identity's link of the last 7 days (the
 * only one, or the one numbered N; with several it lists them). The identity
 * goes to a fresh member of its own without credit, taking along the
 * unfinished requests it posted or accepted while linked. */
enum bot_rc hd_unlink(struct hd_call *c, enum hd_outcome *outcome);
/* Fill c->link_id and c->held_until for the sender (c->me set); while held,
 * c->me loses its staff roles for this message. */
enum bot_rc hd_link_state(struct hd_call *c);
/* During the hold after a link, refuse what would move or commit the
 * account's credit (what: "转赠积分", "接单"…): says why and returns 1. */
int hd_link_held(struct hd_call *c, const char *what);

/* ---- scheduled jobs (handlers/jobs.c) ----
 * Each takes the clock from ctx->now, claims (job, subject, period) in the same
 * transaction as its effects, and so never sends or credits twice; *done
 * counts what it did. After downtime an overdue job runs once, on the current state. */
enum bot_rc hd_job_reminder(const struct hd_ctx *ctx, int *done);        /* 1 h before the start */
enum bot_rc hd_job_unmatched(const struct hd_ctx *ctx, int *done);       /* open after 6 h, again after 24 h */
enum bot_rc hd_job_stale(const struct hd_ctx *ctx, int *done);           /* open past the start + grace: expired */
enum bot_rc hd_job_confirm_reminder(const struct hd_ctx *ctx, int *done); /* 2 h after finish */
enum bot_rc hd_job_timer_cap(const struct hd_ctx *ctx, int *done);       /* a timer at its cap stops, both told */
enum bot_rc hd_job_still_going(const struct hd_ctx *ctx, int *done);     /* estimate + 30 min: still going? */
enum bot_rc hd_job_no_show(const struct hd_ctx *ctx, int *done);         /* not started: asked at +30 min, 爽约 at +2 h */
enum bot_rc hd_job_auto_confirm(const struct hd_ctx *ctx, int *done);    /* 24 h after finish, the estimate at most */
enum bot_rc hd_job_membership_renewal(const struct hd_ctx *ctx, int *done); /* membership_remind_days ahead, once */
enum bot_rc hd_job_expiry_warning(const struct hd_ctx *ctx, int *done);  /* 30 days ahead, once per lot */
enum bot_rc hd_job_expiry(const struct hd_ctx *ctx, int *done);          /* on the day, batched */
enum bot_rc hd_job_digest(const struct hd_ctx *ctx, int *done);          /* digest_hour, once a day */
enum bot_rc hd_job_birthdays(const struct hd_ctx *ctx, int *done);       /* 09:00 on the day, once a year */
enum bot_rc hd_job_leaderboard(const struct hd_ctx *ctx, int *done);     /* the 5th at 10:00 */
enum bot_rc hd_job_report(const struct hd_ctx *ctx, int *done);          /* with the leaderboard, to staff */
enum bot_rc hd_job_inbox_prune(const struct hd_ctx *ctx, int *done);     /* de-dup rows past [limits] inbox_days */
enum bot_rc hd_job_complaints(const struct hd_ctx *ctx, int *done);     /* unanswered 1 h, undecided 24 h: admins */
/* The work for one subject of a job, inside its claimed transaction; hd_each_claimed claims (job, id, period) for
 * each id and does fn in the same transaction (BOT_DUP or BOT_LIMIT from fn: rolled back quietly). */
typedef enum bot_rc (*hd_claimed_fn)(const struct hd_ctx *ctx, const void *item, void *arg);
enum bot_rc hd_each_claimed(const struct hd_ctx *ctx, const char *job, const char *period, const int64_t *ids, int n,
                            hd_claimed_fn fn, void *arg, int *done);
/* Claim (job, subject, period) and do fn(item, arg) in the same transaction: once however often it runs. */
enum bot_rc hd_run_claimed(const struct hd_ctx *ctx, const char *job, const char *subject, const char *period,
                           hd_claimed_fn fn, const void *item, void *arg, int *done);
enum bot_rc hd_job_finance(const struct hd_ctx *ctx, int *done); /* finance_publish_day from 10:00: last month's 公示 */
/* Every job in order; the first failure is returned after all ran. */
enum bot_rc hd_jobs_run_all(const struct hd_ctx *ctx, int *done);
/* Each job's runs, time (µs) and failures in this process so far (for /metrics). */
void hd_jobs_stats(void (*fn)(const char *job, uint64_t runs, uint64_t micros, uint64_t failures, void *arg), void *arg);

/* ---- push policy (handlers/notify.c) ---- */
/* Queue a push; in quiet hours it waits until they end (unless the job is exempt). */
enum bot_rc hd_queue(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                     const char *user_id, const char *text);
/* The same, about open order `request` (a group's 求助 #N 还没人接 / 重新开放 / 改了时间): dropped unsent once that order
 * is taken, cancelled, begun or moved to another time (what it says is no longer true). */
enum bot_rc hd_queue_about(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                           const char *user_id, const char *text, int64_t request);
/* The same, for an emergency: queued for now whatever the hour, and never
 * dropped for the group backlog. */
enum bot_rc hd_queue_now(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                         const char *user_id, const char *text);
/* Can a private push reach user_id on platform with this configuration?
 * Asked of ctx->platforms (bot/ fills them from the table entry that also
 * builds the push: tests/handlers_test.c holds the two together); never an
 * unknown platform (handlers/msg.c). On a platform with a push window
 * (WeChat: 48 h) only while that identity's window is open, less
 * HD_PUSH_MARGIN; user_id NULL: never there. */
int hd_can_push_private(const struct hd_ctx *ctx, const char *platform, const char *user_id);
/* The facts of a platform by name, NULL when unknown. */
const struct hd_platform *hd_platform_of(const struct hd_ctx *ctx, const char *platform);
#define HD_SEEN_EVERY 300   /* her last private message is recorded at most this often (so this much behind) */
#define HD_PUSH_MARGIN 1800 /* a push is queued only while this much of her window is left (queue, quiet hours: ~30 min) */
/* A private message from m's identity on a platform with a push window: recorded (its window opens again), in the
 * caller's write transaction when in_txn, else in one of its own (only when what is recorded is HD_SEEN_EVERY old). */
enum bot_rc hd_seen(const struct hd_ctx *ctx, const struct hd_msg *m, int in_txn);
/* After a group's 已私信您 to m's sender: when no private push has ever been sent to her on that platform and it lets
 * the bot write privately only once she opened the chat (a QQ friend, a Telegram /start), out gets how to open it. */
enum bot_rc hd_say_open_private(const struct hd_ctx *ctx, const struct hd_msg *m, struct hd_reply *out);
/* How residents call platform (QQ, Telegram…): its label, else its name (handlers/msg.c). */
const char *hd_platform_label(const struct hd_ctx *ctx, const char *platform);
/* Queue a private push to a member on their first identity a push can reach
 * (nothing when none can: the caller leaves a notice if it must be read). */
enum bot_rc hd_push_member(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text);
/* Tell a member what is his own, privately and once: pushed where a push reaches him, else a notice he reads when he
 * next writes, never passed on by the daily digest (a 代录's volunteer's credit: not told to the 楼长 who wrote it). */
enum bot_rc hd_tell_own(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text);
/* The same, about open order `request`: the push is dropped unsent once that order is taken, cancelled, begun or
 * moved (a match push held over the quiet hours). */
enum bot_rc hd_push_member_about(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text,
                                 int64_t request);
/* Tell a member now by a private push where one can reach them, else as a
 * notice shown with their next private reply. *pushed (may be NULL) says which. */
/* *can = 1 when a private push reaches member (some identity of theirs on a platform that pushes privately). */
enum bot_rc hd_member_pushable(const struct hd_ctx *ctx, int64_t member, int *can);
enum bot_rc hd_tell(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed);
/* A message about order `request` that must be read before `by` (its start; 0: no such time): told as hd_tell_until
 * (stale_at; volunteer_only as hd_tell_volunteer), but pushed at once, quiet hours or not, when they would hold it
 * past `by` (play-test 16: a 07:30 start reminder held to 08:00; 16b: the accept note of a 07:00 order taken at 23:10
 * held to 08:00, the elder not knowing who comes). */
enum bot_rc hd_tell_by(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed,
                       int64_t request, int64_t stale_at, int64_t by, int volunteer_only);
/* The quiet hours around t: 1 with [*from, *to) the period t is in; else 0 with the next one (INT64_MAX: none). */
int hd_quiet_span(const struct hd_ctx *ctx, int64_t t, int64_t *from, int64_t *to);
/* 1 when bot.ini's quiet_exempt_jobs lets job push in the quiet hours. */
int hd_quiet_exempt(const struct hd_ctx *ctx, const char *job);
/* When a push of job queued now goes out: now, or the end of the quiet hours it is held to. */
int64_t hd_push_goes_at(const struct hd_ctx *ctx, const char *job);
/* hd_tell of a notice about order `request`, written after the order's change: a notice not pushed is shown only while
 * the order stays as it is now (once cancelled, confirmed or its volunteer gone, it is passed over). */
enum bot_rc hd_tell_about(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed,
                          int64_t request);
/* hd_tell_about of a notice to an order's volunteer, shown while he keeps it (accepted, started, finished), not once
 * he stepped back or another took it (his address notice). */
enum bot_rc hd_tell_volunteer(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed,
                              int64_t request);
/* A personal notice (a gift, a referral's reward, a staff adjustment, a 代录 receipt): hd_tell without *pushed —
 * pushed where a push reaches her, else read with her next private reply; passed on to her 楼长 when she has no
 * identity at all (unless he made it happen). */
enum bot_rc hd_notice(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text);
/* *yes when what member is told under job reaches reader as 【请转告】 (she has no identity, he is a 楼长 of her building
 * with one, or registered her when it has none, and did not make it happen): a caller telling reader the same thing in
 * other words leaves it at the 转告 one (play88: the recorder read 「代录 #11 已核实」 twice). */
enum bot_rc hd_relayed_to(const struct hd_ctx *ctx, int64_t member, const char *job, int64_t reader, int *yes);
/* hd_tell_about of a notice also true only until stale_at (an expiry warning, a ban, a reminder): not shown after. */
enum bot_rc hd_tell_until(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int64_t request,
                          int64_t stale_at);
/* An order's state as a member reads it: hd_status_text, but a confirmed order a complaint refunded reads
 * 已退回（投诉退款） (or 已完成（投诉退回一部分）), not 已完成. */
enum bot_rc hd_order_status(const struct hd_ctx *ctx, const struct store_request *r, char buf[48]);
/* The way out named to reader for building: 「楼长X」 of its first named 楼长 other than reader, 工作人员 when reader
 * is its only 楼长, 楼长 when none is known. */
enum bot_rc hd_manager_name(const struct hd_ctx *ctx, const char *building, int64_t reader, char name[64]);
/* The same, never naming other either: the one she would complain of (play7: a volunteer who is her 楼长 李桂兰 was named
 * her way out, 「或找楼长李桂兰」, about 李桂兰). */
enum bot_rc hd_manager_name_but(const struct hd_ctx *ctx, const char *building, int64_t reader, int64_t other,
                                char name[64]);
/* What stands against the sender herself (a ban on accepting, a freeze on posting, a suspension) is hers to read, not
 * her group's (play-test 84: 陈伯's 接单 in g1 told everyone he had lost a complaint). Privately text is said; in a
 * group it is pushed to her privately where the platform can (*pushed = 1: the caller keeps the push, HD_COUNTED) and
 * the group reads group_line「，原因已私信您」, else group_line「，详情请私聊我发「again」」 — never why or until when. */
enum bot_rc hd_say_own(struct hd_call *c, const char *group_line, const char *again, const char *text, int *pushed);
/* A reply whose last part, own, is the sender's own (a strike counted, a penalty taken): privately said whole; in a
 * group said without it, own told to her alone (hd_tell: a push, else with her next private reply) and the group
 * reading that there is a note for her. */
enum bot_rc hd_say_with_own(struct hd_call *c, const char *said, const char *own);
/* A reply sent privately instead of in the group (已私信您): pushed now to platform/user, and kept for member (> 0) as
 * a notice that waits again (her next private reply, her 楼长's digest) only if the push dies. */
enum bot_rc hd_push_reply(const struct hd_ctx *ctx, int64_t member, const char *platform, const char *user,
                          const char *text);
/* A reminder or an order's details whose push died: shown as what was missed from the order's start until this long
 * after it, then not at all (hd_tell_by with by, the order's start). */
#define HD_MISSED_KEEP (12 * 3600)
/* hd_tell for an emergency: the push goes now (hd_queue_now). */
enum bot_rc hd_tell_now(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed);

/* ---- emergencies (handlers/emergency.c) ---- */
/* A message nlp read as a call for help now (nr->emergency): at once the
 * number to call, and pushes now, quiet hours or not, to the building's 楼长
 * (every admin when the building is unknown or has none to reach) and its
 * bound groups; in a group too, addressed or not, from anyone. Its own
 * transaction, de-duplicated like a write; the reply in the writer's script. */
enum bot_rc hd_emergency(const struct hd_ctx *ctx, const struct hd_msg *m, const struct nlp_result *nr,
                         struct hd_reply *out);
/* The reply in traditional script when the message was written in it (nr->traditional). */
void hd_reply_script(const struct hd_ctx *ctx, const struct nlp_result *nr, struct hd_reply *out);

#endif
