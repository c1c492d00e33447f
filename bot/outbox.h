/* outbox.h — delivers queued pushes with libcurl: timeouts, exponential
 * backoff with jitter, rate limits per chat and per platform, dead letters. */
#ifndef BOT_OUTBOX_H
#define BOT_OUTBOX_H

#include "../store/store.h"
#include "config.h"

struct bot_sender;

/* A sender with its own limits; free with bot_sender_free (NULL accepted). */
enum bot_rc bot_sender_new(const struct bot_config *cfg, struct bot_sender **out);
void bot_sender_free(struct bot_sender *s);

/* One round: every due row that the rate limits allow, delivered once.
 * now_ms is the clock (ms since the epoch). *sent counts deliveries. */
enum bot_rc bot_sender_round(struct bot_sender *s, struct store *st, int64_t now_ms, int *sent, int *failed);

/* The background thread `bot serve` runs: rounds until stop is set. */
enum bot_rc bot_sender_start(struct bot_sender *s, const char *store_path, const char *sync, volatile int *stop);
void bot_sender_join(struct bot_sender *s);

#endif
