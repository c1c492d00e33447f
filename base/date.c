/* date.c — the one calendar: civil days, local days at a UTC offset, ISO 8601. */
#include "date.h"

#include <stdio.h>
#include <string.h>

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
    int64_t days = bot_local_day(epoch, offset_sec);
    int64_t secs = local - days * 86400;
    int y, m, d;
    bot_civil_from_days(days, &y, &m, &d);
    int off = offset_sec < 0 ? -offset_sec : offset_sec;
    snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60), offset_sec < 0 ? '-' : '+', off / 3600,
             off / 60 % 60);
}

int64_t bot_month_start(int y, int m, int offset_sec)
{
    return bot_day_start(bot_days_from_civil(y, m, 1), offset_sec);
}
