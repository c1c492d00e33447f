/* msg.h — what an adapter makes of a webhook: one owned message. */
#ifndef BOT_MSG_H
#define BOT_MSG_H

#include "common.h"

struct bot_msg {
    char *message_id;
    char *chat_id;
    int is_group;
    char *user_id;
    char *user_name;
    char *text;
    int64_t time;       /* 0 = not given: use the clock */
};

/* Frees every string and zeroes the struct; NULL accepted. */
void bot_msg_free(struct bot_msg *m);

/* Generic JSON hook: {"message_id","chat_id","chat_type","user_id","user_name","text"[,"time"]}.
 * On BOT_INVALID err[256] names the problem; m is then empty. */
enum bot_rc bot_generic_parse(const char *body, size_t len, struct bot_msg *m, char err[256]);
/* {"reply":"…"} or {"reply":null}; caller frees with free(). */
char *bot_generic_reply(const char *reply);

#endif
