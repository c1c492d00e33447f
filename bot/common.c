/* common.c — status names, logging, bounded strings, dates. */
#include "common.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
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

/* Length of the longest prefix of s (at most n bytes) that ends on a UTF-8 boundary. */
static size_t utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

enum bot_rc bot_strlcpy(char *dst, const char *src, size_t dstsz)
{
    if (dstsz == 0)
        return BOT_TOOBIG;
    if (!src)
        src = "";
    size_t n = strlen(src);
    if (n < dstsz) {
        memcpy(dst, src, n + 1);
        return BOT_OK;
    }
    n = utf8_cut(src, dstsz - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
    return BOT_TOOBIG;
}

enum bot_rc bot_appendf(char *buf, size_t bufsz, size_t *len, const char *fmt, ...)
{
    if (*len >= bufsz)
        return BOT_TOOBIG;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, bufsz - *len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return BOT_ERR;
    if ((size_t)n >= bufsz - *len) {
        size_t cut = utf8_cut(buf, bufsz - 1);
        buf[cut] = '\0';
        *len = cut;
        return BOT_TOOBIG;
    }
    *len += (size_t)n;
    return BOT_OK;
}

enum bot_rc bot_parse_i64(const char *s, int64_t *out)
{
    if (!s || !*s)
        return BOT_INVALID;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || !end || *end)
        return BOT_INVALID;
    *out = v;
    return BOT_OK;
}

int64_t bot_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void bot_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (mm <= 2));
    *m = mm;
    *d = dd;
}

enum bot_rc bot_parse_offset(const char *s, int *offset_sec)
{
    if (!s)
        return BOT_INVALID;
    if (strcmp(s, "Z") == 0 || strcmp(s, "z") == 0) {
        *offset_sec = 0;
        return BOT_OK;
    }
    int h = 0, m = 0;
    char sign = 0, extra = 0;
    if (sscanf(s, "%c%2d:%2d%c", &sign, &h, &m, &extra) != 3 &&
        sscanf(s, "%c%2d%2d%c", &sign, &h, &m, &extra) != 3)
        return BOT_INVALID;
    if ((sign != '+' && sign != '-') || h > 14 || m > 59 || h < 0 || m < 0)
        return BOT_INVALID;
    *offset_sec = (sign == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return BOT_OK;
}

enum bot_rc bot_parse_iso(const char *s, int64_t *epoch, int *offset_sec)
{
    int y, mo, d, h = 0, mi = 0, se = 0, n = 0;
    if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
        return BOT_INVALID;
    const char *p = s + n;
    if (*p == 'T' || *p == ' ') {
        int k = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &k) != 2)
            return BOT_INVALID;
        p += 1 + k;
        if (*p == ':') {
            if (sscanf(p + 1, "%2d%n", &se, &k) != 1)
                return BOT_INVALID;
            p += 1 + k;
        }
        if (*p == '.') { /* fractional seconds: ignored */
            p++;
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        return BOT_INVALID;
    int off = 0;
    if (*p && bot_parse_offset(p, &off) != BOT_OK)
        return BOT_INVALID;
    if (!*p)
        return BOT_INVALID; /* the contract: an offset is required */
    *epoch = bot_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
    *offset_sec = off;
    return BOT_OK;
}

void bot_format_iso(int64_t epoch, int offset_sec, char buf[32])
{
    int64_t local = epoch + offset_sec;
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t secs = local - days * 86400;
    int y, m, d;
    bot_civil_from_days(days, &y, &m, &d);
    int off = offset_sec < 0 ? -offset_sec : offset_sec;
    snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60), offset_sec < 0 ? '-' : '+', off / 3600,
             off / 60 % 60);
}

double bot_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
