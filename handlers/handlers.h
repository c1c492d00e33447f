/* handlers.h — the rule book. Given the store, the parsed message and the
 * clock, decide and reply. No sockets, no printf, no clock of their own. */
#ifndef HANDLERS_H
#define HANDLERS_H

#include "../bot/config.h"
#include "../nlp/nlp.h"
#include "../store/store.h"

#define HD_REPLY_MAX 2048

/* One incoming chat message, as every adapter delivers it. Strings are
 * borrowed from the caller for the duration of hd_handle(). */
struct hd_msg {
    const char *platform;   /* cli, generic, onebot, telegram, wechat */
    const char *message_id; /* NULL or "" = no de-duplication */
    const char *chat_id;    /* group id, or NULL/"" for a private chat */
    int is_group;
    const char *user_id;
    const char *user_name;  /* display name from the platform, may be NULL */
    const char *text;
    int addressed;          /* the adapter knows the bot was mentioned */
};

struct hd_ctx {
    struct store *st;
    const struct nlp *nlp;
    const struct bot_config *cfg;
    int64_t now;            /* UTC epoch of the message */
};

struct hd_reply {
    int has_reply;
    char text[HD_REPLY_MAX];
};

/* What a command handler did: changed state (commit), or refused (roll back). */
enum hd_outcome { HD_CHANGED = 0, HD_REFUSED };

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
};

void hd_say(struct hd_reply *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hd_format_when(int64_t t, int utc_offset, char buf[32]);
const char *hd_display_name(const struct store_member *m);

/* read-only: never write */
enum bot_rc hd_help(struct hd_call *c);
enum bot_rc hd_balance(struct hd_call *c);
enum bot_rc hd_list_requests(struct hd_call *c);
enum bot_rc hd_not_yet(struct hd_call *c);
/* state-changing: set *outcome */
enum bot_rc hd_register(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_offer(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_post_request(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_accept(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_start(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_finish(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_confirm(struct hd_call *c, enum hd_outcome *outcome);
enum bot_rc hd_cancel(struct hd_call *c, enum hd_outcome *outcome);

/* Minutes credited for a timer of `elapsed` seconds: rounded to the nearest
 * round_minutes, at least min_minutes. */
int hd_credit_minutes(int64_t elapsed, int round_minutes, int min_minutes);

#endif
