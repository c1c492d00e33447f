/* html.c — the console's page buffer: HTML with every value escaped, CSV cells neutralised, form fields read. */
#include "console_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(struct page *p, size_t more)
{
    if (p->oom || p->len + more + 1 <= p->cap)
        return;
    size_t cap = p->cap ? p->cap : 4096;
    while (cap < p->len + more + 1)
        cap *= 2;
    char *n = realloc(p->buf, cap);
    if (!n) {
        p->oom = 1;
        return;
    }
    p->buf = n;
    p->cap = cap;
}

void pg_raw(struct page *p, const char *s)
{
    size_t n = strlen(s);
    grow(p, n);
    if (p->oom)
        return;
    memcpy(p->buf + p->len, s, n);
    p->len += n;
    p->buf[p->len] = '\0';
}

void pg_rawf(struct page *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    grow(p, (size_t)n);
    if (p->oom)
        return;
    va_start(ap, fmt);
    vsnprintf(p->buf + p->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    p->len += (size_t)n;
}

void pg_text(struct page *p, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': pg_raw(p, "&amp;"); break;
        case '<': pg_raw(p, "&lt;"); break;
        case '>': pg_raw(p, "&gt;"); break;
        case '"': pg_raw(p, "&quot;"); break;
        case '\'': pg_raw(p, "&#39;"); break;
        case '`': pg_raw(p, "&#96;"); break;
        case '\n': pg_raw(p, "<br>"); break;
        default: {
            char c[2] = {*s, '\0'};
            pg_raw(p, c);
        }
        }
    }
}

void pg_td(struct page *p, const char *text)
{
    pg_raw(p, "<td>");
    pg_text(p, text);
    pg_raw(p, "</td>");
}

void form_word(char *s)
{
    char *o = s;
    for (char *i = s; *i; i++)
        if (*i != ' ' && *i != '@' && *i != '#' && *i != '\n' && *i != '\r' && *i != '\t')
            *o++ = *i;
    *o = '\0';
}

int form_field_bleeds(const char *s)
{
    static const char *const words[] = {"元", "块", "¥", "￥", "生日", "电话", "手机", "收入", "支出", "期初", "会员大会",
                                        "原因", "号楼", "#", "@"};
    for (size_t i = 0; i < BOT_ARRAY_LEN(words); i++)
        if (strstr(s, words[i]))
            return 1;
    return 0;
}

int form_building(const char *s)
{
    size_t n = strspn(s, "0123456789");
    return n >= 1 && n <= 3 && (strcmp(s + n, "号楼") == 0 || strcmp(s + n, "栋") == 0 || strcmp(s + n, "幢") == 0);
}

void pg_textf(struct page *p, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    pg_text(p, buf);
}

void pg_csv_cell(struct page *p, const char *s, int last)
{
    /* a cell a spreadsheet would run as a formula (= + - @, a tab or a return first) starts with ' instead */
    pg_raw(p, "\"");
    /* a plain number (-30, -1.5) stays a number a spreadsheet sums */
    size_t digits = s ? strspn(s + (*s == '-'), "0123456789.") : 0;
    int number = s && digits > 0 && s[(*s == '-') + digits] == '\0' && strchr("0123456789", s[*s == '-']);
    if (s && !number && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r'))
        pg_raw(p, "'");
    for (; s && *s; s++) {
        char c[3] = {*s, '\0', '\0'};
        if (*s == '"')
            c[1] = '"';
        pg_raw(p, c);
    }
    pg_raw(p, last ? "\"\r\n" : "\",");
}

void pg_csv_int(struct page *p, long long v, int last)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    pg_csv_cell(p, buf, last); /* a negative number is a number: quoted, not neutralised */
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int form_get(const char *form, size_t len, const char *name, char *out, size_t outsz)
{
    size_t nl = strlen(name);
    out[0] = '\0';
    if (!form || outsz == 0)
        return 0;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && form[end] != '&')
            end++;
        if (end - i > nl && memcmp(form + i, name, nl) == 0 && form[i + nl] == '=') {
            size_t o = 0;
            for (size_t k = i + nl + 1; k < end && o + 1 < outsz; k++) {
                char c = form[k];
                if (c == '+') {
                    c = ' ';
                } else if (c == '%' && k + 2 < end + 1 && hexval(form[k + 1]) >= 0 && hexval(form[k + 2]) >= 0) {
                    c = (char)(hexval(form[k + 1]) * 16 + hexval(form[k + 2]));
                    k += 2;
                }
                if (c == '\0')
                    continue; /* no NUL inside a value */
                out[o++] = c;
            }
            out[o] = '\0';
            return 1;
        }
        i = end + 1;
    }
    return 0;
}

int64_t form_int(const char *form, size_t len, const char *name, int64_t def)
{
    char buf[24];
    if (!form_get(form, len, name, buf, sizeof buf) || !buf[0])
        return def;
    char *end;
    long long v = strtoll(buf, &end, 10);
    return *end ? def : (int64_t)v;
}

void pg_url(struct page *p, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c)) {
            char one[2] = {(char)c, '\0'};
            pg_raw(p, one);
        } else {
            char enc[4] = {'%', hex[c >> 4], hex[c & 15], '\0'};
            pg_raw(p, enc);
        }
    }
}
