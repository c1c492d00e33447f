/* outbox.h — delivers queued pushes with libcurl's multi interface, in
 * parallel and fair across destinations and hosts: timeouts, exponential
 * backoff with jitter, rate limits per chat and per platform, dead letters. */
#ifndef BOT_OUTBOX_H
#define BOT_OUTBOX_H

#include <stdatomic.h>

#include "../store/store.h"
#include "config.h"

struct bot_sender;

/* A sender with its own limits and cfg->outbox_max_in_flight delivery slots;
 * cfg must outlive it. Free with bot_sender_free (NULL accepted), which drops
 * any delivery still in flight (its row stays pending). */
enum bot_rc bot_sender_new(const struct bot_config *cfg, struct bot_sender **out);
void bot_sender_free(struct bot_sender *s);

/* Starts deliveries in the free slots. The due rows come round robin across
 * destinations (a destination = platform + chat or user); a row is skipped,
 * and the scan goes on, when its destination already has
 * max_in_flight_per_chat deliveries in flight, its host (scheme://host:port)
 * max_in_flight_per_host, or its chat's or platform's bucket is empty. A row
 * whose platform cannot push is marked dead (*failed). now_ms: ms since the epoch. */
enum bot_rc bot_sender_fill(struct bot_sender *s, struct store *st, int64_t now_ms, int *started, int *failed);
/* Lets libcurl move the deliveries on, waiting up to wait_ms for one of them. */
void bot_sender_wait(struct bot_sender *s, int wait_ms);
/* Records every delivery that ended (sent, retry with backoff or the
 * platform's retry_after, or dead after max_attempts) in one transaction. */
enum bot_rc bot_sender_collect(struct bot_sender *s, struct store *st, int64_t now_ms, int *sent, int *failed);
/* Drops every delivery in flight; their rows stay pending, unchanged. */
void bot_sender_abort(struct bot_sender *s);
/* The row ids in flight (at most max written); returns how many there are. */
int bot_sender_in_flight(const struct bot_sender *s, int64_t *ids, int max);

/* One round: fill, then wait until every delivery started has ended.
 * *sent counts deliveries, *failed retries and dead letters. */
enum bot_rc bot_sender_round(struct bot_sender *s, struct store *st, int64_t now_ms, int *sent, int *failed);

/* The background thread `bot serve` runs: fill, wait, collect until stop is set. */
enum bot_rc bot_sender_start(struct bot_sender *s, const char *store_path, const char *sync, atomic_int *stop);
void bot_sender_join(struct bot_sender *s);

#ifdef BOT_TESTING
/* Statics of outbox.c that tests/outbox_test.c reaches (BOT_STATIC). */
int64_t backoff(struct bot_sender *s, int attempts);
int take(struct bot_sender *s, const char *key, double capacity, double period_ms, int64_t now_ms, int commit);
void refund(struct bot_sender *s, const char *key);
#endif

#endif
