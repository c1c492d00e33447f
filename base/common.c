/* common.c — status names, logging, the monotonic clock. */
#include "common.h"

#include <stdarg.h>
#include <time.h>
#include <unistd.h>

int bot_log_level = BOT_LOG_INFO;

const char *bot_strerror(enum bot_rc rc)
{
    switch (rc) {
    case BOT_OK: return "ok";
    case BOT_ERR: return "error";
    case BOT_NOMEM: return "out of memory";
    case BOT_NOTFOUND: return "not found";
    case BOT_INVALID: return "invalid input";
    case BOT_DB: return "database error";
    case BOT_IO: return "i/o error";
    case BOT_LIMIT: return "limit reached";
    case BOT_AUTH: return "authentication failed";
    case BOT_DUP: return "duplicate";
    case BOT_TOOBIG: return "too big";
    }
    return "unknown status";
}

void bot_log_write(int level, const char *file, int line, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char ts[32];
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (level < 0 || level > 3)
        level = 3;
#ifdef BOT_DEBUG
    fprintf(stderr, "%d %s %s %s:%d %s\n", (int)getpid(), ts, names[level], file, line, msg);
#else
    (void)file;
    (void)line;
    fprintf(stderr, "%d %s %s %s\n", (int)getpid(), ts, names[level], msg);
#endif
}

double bot_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
