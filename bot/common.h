/* common.h — status codes, logging and small helpers shared by every folder. */
#ifndef BOT_COMMON_H
#define BOT_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Expose statics to the unit tests (curl's UNITTEST idea). */
#ifdef BOT_TESTING
#define BOT_STATIC
#else
#define BOT_STATIC static
#endif

/* One status enum for the whole program; bot_strerror() names each. */
enum bot_rc {
    BOT_OK = 0,
    BOT_ERR,        /* generic failure */
    BOT_NOMEM,      /* allocation failed */
    BOT_NOTFOUND,   /* no such row / member / request */
    BOT_INVALID,    /* bad input from the outside */
    BOT_DB,         /* sqlite failed */
    BOT_IO,         /* file or socket failed */
    BOT_LIMIT,      /* a limit would be crossed (overdraft, size, rate) */
    BOT_AUTH,       /* signature or token wrong */
    BOT_DUP,        /* seen before */
    BOT_TOOBIG      /* a bounded buffer would overflow */
};

const char *bot_strerror(enum bot_rc rc);

enum bot_loglevel { BOT_LOG_DEBUG = 0, BOT_LOG_INFO, BOT_LOG_WARN, BOT_LOG_ERROR };
extern int bot_log_level;
void bot_log_write(int level, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The level is checked before any formatting is done. */
#define bot_log(level, ...)                                                  \
    do {                                                                     \
        if ((level) >= bot_log_level)                                        \
            bot_log_write((level), __FILE__, __LINE__, __VA_ARGS__);         \
    } while (0)

/* Copy src into dst[dstsz] without cutting a UTF-8 sequence in half.
 * Always NUL-terminates (dstsz > 0). Returns BOT_TOOBIG when truncated. */
enum bot_rc bot_strlcpy(char *dst, const char *src, size_t dstsz);

/* Append printf output to buf at *len, bounded by bufsz. On overflow the text
 * is cut at a UTF-8 boundary and BOT_TOOBIG is returned. */
enum bot_rc bot_appendf(char *buf, size_t bufsz, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Parse a base-10 integer that must fill the whole string. */
enum bot_rc bot_parse_i64(const char *s, int64_t *out);

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
/* Seconds on the monotonic clock, for measuring how long something took. */
double bot_seconds(void);

/* The stack of a civetweb worker thread (Debian's libcivetweb): what every
 * request handler, adapter and parser must live within. The fuzzers run on it. */
#define BOT_WORKER_STACK_BYTES (100 * 1024)

#define BOT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
