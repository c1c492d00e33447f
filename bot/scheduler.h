/* scheduler.h — the thread that runs the rule book's timed jobs in `bot serve`. */
#ifndef BOT_SCHEDULER_H
#define BOT_SCHEDULER_H

#include <stdatomic.h>

#include "config.h"

struct bot_scheduler;

/* Starts the thread (its own store connection); every interval it runs every
 * job due at the system clock. Stops when *stop is set; join frees it. */
enum bot_rc bot_scheduler_start(const struct bot_config *cfg, atomic_int *stop, struct bot_scheduler **out);
void bot_scheduler_join(struct bot_scheduler *s);

#endif
