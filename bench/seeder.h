/* seeder.h — fill a bench store with members and lots, straight through sqlite (bench tools only, never the bot). */
#ifndef BENCH_SEEDER_H
#define BENCH_SEEDER_H

#include "../base/common.h"

/* Into the store at path (opened and migrated before by store_open): members
 * bench:1..N with lots_per_member one-hour lots each, earned at earned_at,
 * expiring at expires_at, consistent with every audit invariant; then the
 * WAL folded back (no reader may be open). */
enum bot_rc bench_seed(const char *path, int members, int lots_per_member, int64_t earned_at, int64_t expires_at);

/* The city (issue 19): into a freshly migrated store at path, members 1..N (identities generic:m<i>, 200
 * buildings) with 10 live lots each, earned over the year before now by real transactions: one opening
 * activity grant of 180 minutes (60 left: the member paid two services from it), two services of 60 minutes
 * (confirmed requests of two other members, each paying 60), seven activity rewards of 60 (a fund leg per 100
 * members). Secondary indexes are dropped and rebuilt from their own SQL; no ANALYZE (the bot runs none); every
 * audit invariant holds. The WAL is folded back at the end. */
enum bot_rc bench_seed_city(const char *path, int members, int64_t now);

#endif
