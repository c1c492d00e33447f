/* replay.h — callbacks seen recently (WeChat's timestamp + nonce), so a logged callback cannot be sent again. */
#ifndef BOT_REPLAY_H
#define BOT_REPLAY_H

#include "../base/common.h"

struct bot_replay;

enum bot_replay_seen {
    BOT_REPLAY_NEW = 0,     /* first time: remembered */
    BOT_REPLAY_RETRY,       /* the same nonce with the same body: the platform retrying */
    BOT_REPLAY_REPLAY,      /* the same nonce with another body: refuse */
    BOT_REPLAY_FULL         /* every slot holds a live nonce: refuse (fail closed) */
};

/* A table of `slots` entries, each remembered for `ttl` seconds. NULL when out of memory. */
struct bot_replay *bot_replay_new(int slots, int64_t ttl);
void bot_replay_free(struct bot_replay *r);
/* Note nonce (any length; its SHA-256 is kept) carrying body at now. Thread-safe. */
enum bot_replay_seen bot_replay_check(struct bot_replay *r, const char *nonce, const char *timestamp,
                                      const void *body, size_t len, int64_t now);

#endif
