/* limits.h — messages per member per minute, counted in memory per process. */
#ifndef BOT_LIMITS_H
#define BOT_LIMITS_H

#include "../base/common.h"

/* BOT_RATE_RETRY: a retry of the message id counted last (bot_rate_check_msg): handled as before, not counted */
enum bot_rate { BOT_RATE_OK = 0, BOT_RATE_FIRST_OVER, BOT_RATE_SILENT, BOT_RATE_RETRY };

/* Count one message of platform:user at now (seconds). Over `per_minute` in
 * the 60 s since the member's window opened: BOT_RATE_FIRST_OVER once (reply politely), then
 * BOT_RATE_SILENT. per_minute = 0 means no limit. Thread-safe.
 * Each member's window is kept under the full platform:user key, so no other
 * key can reset it. The table is bounded (4,096 live windows); when every slot
 * holds a live window, members without one share a single overflow window,
 * so nobody goes unlimited. */
enum bot_rate bot_rate_check(const char *platform, const char *user, int per_minute, int64_t now);

/* The same, message_id (NULL or "": none) naming the message: a retry of the id counted last in the member's window
 * is not counted again (play-test 17: 22 replays of one id silenced her next real message). */
enum bot_rate bot_rate_check_msg(const char *platform, const char *user, const char *message_id, int per_minute,
                                 int64_t now);

/* Take back one message counted by bot_rate_check: it was neither acted on nor answered (group chatter), or was a
 * platform's retry of a message id seen before (play-test 17). */
void bot_rate_uncount(const char *platform, const char *user, int per_minute, int64_t now);

/* Forget every window (tests). */
void bot_rate_reset(void);

#ifdef BOT_TESTING
/* Statics of limits.c that tests/limits_test.c reaches (BOT_STATIC): the
 * window's key of platform:user into key[152]. */
void make_key(const char *platform, const char *user, char key[152]);
#endif

#endif
