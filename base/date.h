/* date.h — the one calendar: civil days, local days at a UTC offset, ISO 8601. */
#ifndef BOT_DATE_H
#define BOT_DATE_H

#include <stdint.h>

#include "common.h"

/* a / b rounded towards minus infinity (b > 0). */
static inline int64_t bot_floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

/* The local day (days since 1970-01-01) of UTC epoch t at offset_sec east of UTC. */
static inline int64_t bot_local_day(int64_t t, int offset_sec) { return bot_floor_div(t + offset_sec, 86400); }

/* The UTC epoch at which local day `day` begins at offset_sec. */
static inline int64_t bot_day_start(int64_t day, int offset_sec) { return day * 86400 - offset_sec; }

/* ISO 8601 with offset, e.g. 2026-11-24T09:00:00+08:00 (also 'Z'), into a
 * UTC epoch and the offset in seconds. */
enum bot_rc bot_parse_iso(const char *s, int64_t *epoch, int *offset_sec);
/* Format epoch at offset as 2026-11-24T09:00:00+08:00 into buf[32]. */
void bot_format_iso(int64_t epoch, int offset_sec, char buf[32]);
/* "+08:00" / "-02:00" / "Z" into seconds. */
enum bot_rc bot_parse_offset(const char *s, int *offset_sec);

/* Days since 1970-01-01 for a civil date and back (proleptic Gregorian). */
int64_t bot_days_from_civil(int64_t y, int m, int d);
void bot_civil_from_days(int64_t z, int *y, int *m, int *d);
/* The UTC epoch at which the local month y-m begins at offset_sec. */
int64_t bot_month_start(int y, int m, int offset_sec);

#endif
