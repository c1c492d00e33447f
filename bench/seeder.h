/* seeder.h — fill a bench store with members and lots, straight through sqlite (bench tools only, never the bot). */
#ifndef BENCH_SEEDER_H
#define BENCH_SEEDER_H

#include "../base/common.h"

/* Into the store at path (opened and migrated before by store_open): members
 * bench:1..N with lots_per_member one-hour lots each, earned at earned_at,
 * expiring at expires_at, consistent with every audit invariant; then the
 * WAL folded back (no reader may be open). */
enum bot_rc bench_seed(const char *path, int members, int lots_per_member, int64_t earned_at, int64_t expires_at);

#endif
