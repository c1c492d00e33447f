/* text.c — bounded strings that never cut a UTF-8 character, and whole-string integers. */
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t bot_utf8_cut(const char *s, size_t n)
{
    /* only s[0..n) is looked at: a caller's buffer may hold a NUL at s[n] where
     * the rest of a character was (vsnprintf's cut) */
    size_t i = n;
    while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return 0; /* nothing but continuation bytes: no whole character */
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return (n - (i - 1)) >= need ? n : i - 1;
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
    n = bot_utf8_cut(src, dstsz - 1);
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
        size_t cut = bot_utf8_cut(buf, bufsz - 1);
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


int bot_list_has(const char *list, const char *item, size_t n)
{
    for (const char *p = list; p && *p;) {
        size_t k = strcspn(p, ",");
        const char *a = p, *e = p + k;
        while (a < e && *a == ' ')
            a++;
        while (e > a && e[-1] == ' ')
            e--;
        if ((size_t)(e - a) == n && memcmp(a, item, n) == 0)
            return 1;
        p += k + (p[k] == ',');
    }
    return 0;
}
