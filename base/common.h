/* common.h — the base every folder stands on: status codes, logging, and the text and date helpers. */
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

/* Seconds on the monotonic clock, for measuring how long something took. */
double bot_seconds(void);

/* The stack of a civetweb worker thread (Debian's libcivetweb): what every
 * request handler, adapter and parser must live within. The fuzzers run on it. */
#define BOT_WORKER_STACK_BYTES (100 * 1024)

#define BOT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* base/ includes nothing from the other folders; these two are base too */
#include "date.h"
#include "text.h"

#endif
