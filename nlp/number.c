/* number.c — Arabic and Chinese numerals (两, 十二, 二十五, 一百, 二零一五, 壹貳). */
#include "nlp.h"
#include "../base/date.h"

#include <string.h>

/* Decode one UTF-8 code point at s; *len gets its byte length (0 at NUL). */
uint32_t nlp_utf8_next(const char *s, size_t *len)
{
    /* Strict: overlong forms, surrogates and code points past U+10FFFF are
     * invalid (PCRE2 runs with NO_UTF_CHECK on what this lets through). */
    const unsigned char *u = (const unsigned char *)s;
    uint32_t cp;
    if (u[0] == 0) {
        *len = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
        cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        if (cp >= 0x80) {
            *len = 2;
            return cp;
        }
    } else if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *len = 3;
            return cp;
        }
    } else if ((u[0] & 0xF8) == 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) {
        cp = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) | ((uint32_t)(u[2] & 0x3F) << 6) |
             (u[3] & 0x3F);
        if (cp >= 0x10000 && cp <= 0x10FFFF) {
            *len = 4;
            return cp;
        }
    }
    *len = 1; /* invalid byte: step over it */
    return 0xFFFD;
}

/* Value of a Chinese digit (0..9), -1 if cp is none. */
static int cn_digit(uint32_t cp)
{
    switch (cp) {
    case 0x96F6: case 0x3007: return 0;            /* 零 〇 */
    case 0x4E00: case 0x58F9: return 1;            /* 一 壹 */
    case 0x4E8C: case 0x4E24: case 0x8D30: return 2; /* 二 两 贰 */
    case 0x4E09: case 0x53C1: return 3;            /* 三 叁 */
    case 0x56DB: case 0x8086: return 4;            /* 四 肆 */
    case 0x4E94: case 0x4F0D: return 5;            /* 五 伍 */
    case 0x516D: case 0x9646: return 6;            /* 六 陆 */
    case 0x4E03: case 0x67D2: return 7;            /* 七 柒 */
    case 0x516B: case 0x634C: return 8;            /* 八 捌 */
    case 0x4E5D: case 0x7396: return 9;            /* 九 玖 */
    }
    return -1;
}

/* Value of a Chinese unit, 0 if none. 廿/卅 are 20/30 on their own. */
static int cn_unit(uint32_t cp)
{
    switch (cp) {
    case 0x5341: case 0x62FE: return 10;    /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;   /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;  /* 千 仟 */
    case 0x4E07: return 10000;              /* 万 */
    case 0x4EBF: return 100000000;          /* 亿 */
    }
    return 0;
}

static size_t ascii_number(const char *s, double *out)
{
    size_t i = 0;
    double v = 0;
    while (s[i] >= '0' && s[i] <= '9' && i < 15)
        v = v * 10 + (s[i++] - '0');
    if (i == 0)
        return 0;
    if (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        double scale = 0.1;
        size_t j = i + 1;
        while (s[j] >= '0' && s[j] <= '9' && j < i + 8) {
            v += (s[j++] - '0') * scale;
            scale /= 10;
        }
        i = j;
    }
    *out = v;
    return i;
}

size_t nlp_number(const char *s, double *out)
{
    if (*s >= '0' && *s <= '9')
        return ascii_number(s, out);
    /* Chinese: collect the run first. */
    size_t p = 0, len;
    int ndigits = 0, nunits = 0;
    uint32_t cps[32];
    size_t n = 0;
    for (;;) {
        uint32_t cp = nlp_utf8_next(s + p, &len);
        if (!len)
            break;
        int is20 = cp == 0x5EFF || cp == 0x5345; /* 廿 卅 */
        if (cn_digit(cp) < 0 && !cn_unit(cp) && !is20)
            break;
        if (n == BOT_ARRAY_LEN(cps))
            break;
        /* 两 never follows a digit inside one number (三二 is 32, 三两 no number): 李四两小时 is 李四 and 两小时 */
        if ((cp == 0x4E24 || cp == 0x5169) && n > 0 && cn_digit(cps[n - 1]) >= 0)
            break;
        if (cn_digit(cp) >= 0)
            ndigits++;
        else
            nunits++;
        cps[n++] = cp;
        p += len;
    }
    if (n == 0)
        return 0;
    if (nunits == 0) {
        /* 两三, 三四, 五六: "two or three", a guess, not a number */
        if (n == 2 && cn_digit(cps[1]) == cn_digit(cps[0]) + 1)
            return 0;
        /* 二零一五: digit by digit. A lone 两 is 2 as well. */
        double v = 0;
        for (size_t i = 0; i < n; i++)
            v = v * 10 + cn_digit(cps[i]);
        *out = v;
        return p;
    }
    double total = 0, sect = 0, num = 0;
    int last_unit = 0, zero_seen = 0, have_num = 0;
    for (size_t i = 0; i < n; i++) {
        int d = cn_digit(cps[i]);
        int u = cn_unit(cps[i]);
        if (cps[i] == 0x5EFF || cps[i] == 0x5345) { /* 廿 卅 */
            sect += cps[i] == 0x5EFF ? 20 : 30;
            last_unit = 10;
            have_num = 0;
            continue;
        }
        if (d >= 0) {
            if (d == 0)
                zero_seen = 1;
            num = d;
            have_num = 1;
        } else if (u >= 10000) {
            sect += num;
            total += (sect ? sect : 1) * u;
            sect = num = 0;
            have_num = 0;
            last_unit = u;
            zero_seen = 0;
        } else {
            if (!have_num)
                num = 1; /* 十二 = 12 */
            sect += num * u;
            num = 0;
            have_num = 0;
            last_unit = u;
            zero_seen = 0;
        }
    }
    if (have_num) {
        /* 二百五 = 250, 三千五 = 3500, 一万五 = 15000 */
        if (!zero_seen && last_unit >= 100)
            num *= last_unit / 10;
        sect += num;
    }
    total += sect;
    *out = total;
    return p;
}

/* Does s[0, p) end with w (a word before the number)? ASCII words must not
 * be the end of a longer word (minus, not ...xminus). */
static int ends_with(const char *s, size_t p, const char *w)
{
    size_t n = strlen(w);
    if (n > p || memcmp(s + p - n, w, n) != 0)
        return 0;
    if ((unsigned char)w[0] < 0x80 && p > n) {
        unsigned char b = (unsigned char)s[p - n - 1];
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))
            return 0;
    }
    return 1;
}

int nlp_minus_before(const char *s, size_t at)
{
    /* words that say "less" before an amount: 负1小时, 减1小时, 扣除1小时, minus 1 */
    static const char *const words[] = {"负", "减", "扣", "減", "减去", "减掉", "扣除", "扣掉", "−", "－",
                                        "minus", "negative", "neg"};
    size_t p = at;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    for (size_t i = 0; i < BOT_ARRAY_LEN(words); i++)
        if (ends_with(s, p, words[i]))
            return 1;
    size_t st = p; /* the character before the number (or its spaces), back to its lead byte */
    while (st > 0 && ((unsigned char)s[st - 1] & 0xC0) == 0x80)
        st--;
    if (st > 0)
        st--;
    size_t dl = 0;
    if (p > 0) {
        uint32_t cp = nlp_utf8_next(s + st, &dl);
        if (st + dl != p || !nlp_is_dash(cp))
            return 0;
    } else {
        return 0;
    }
    p = st; /* before the dash */
    /* 2-3小时, 两-三个: a range; 9点-11点 too */
    if (p == 0)
        return 1;
    unsigned char b = (unsigned char)s[p - 1];
    if ((b >= '0' && b <= '9') || b == '.')
        return 0;
    if (b >= 0x80) {
        size_t q = p - 1; /* the character before the dash, back to its lead byte */
        while (q > 0 && ((unsigned char)s[q] & 0xC0) == 0x80)
            q--;
        char one[8];
        size_t n = p - q;
        double v;
        if (n < sizeof one) {
            memcpy(one, s + q, n);
            one[n] = '\0';
            if (nlp_number(one, &v) > 0 || strcmp(one, "点") == 0 || strcmp(one, "时") == 0)
                return 0;
        }
    }
    return 1;
}

/* The character ending at s[p) (back to its lead byte): its code point, *start where it begins; 0 at the start. */
static uint32_t char_before(const char *s, size_t p, size_t *start)
{
    if (p == 0)
        return 0;
    size_t st = p - 1, len;
    while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80)
        st--;
    uint32_t cp = nlp_utf8_next(s + st, &len);
    *start = st;
    return st + len == p ? cp : 0xFFFD;
}

static int is_numeral_char(uint32_t cp)
{
    char one[8];
    double v;
    size_t n = 0;
    if (cp >= '0' && cp <= '9')
        return 1;
    if (cp < 0x80 || cp > 0xFFFF)
        return 0;
    if (cp < 0x800) {
        one[n++] = (char)(0xC0 | (cp >> 6));
    } else {
        one[n++] = (char)(0xE0 | (cp >> 12));
        one[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    }
    one[n++] = (char)(0x80 | (cp & 0x3F));
    one[n] = '\0';
    return nlp_number(one, &v) > 0;
}

int nlp_numeral_char(uint32_t cp) { return is_numeral_char(cp); }

int nlp_number_glued(const char *s, size_t at)
{
    if (at == 0)
        return 0;
    size_t st, st2;
    uint32_t prev = char_before(s, at, &st);
    /* 1点5小时, 零点五小时: a decimal the bot does not read; 三分之一小时: a fraction */
    if ((prev == 0x70B9 /* 点 */ || prev == 0x9EDE /* 點 */) && is_numeral_char(char_before(s, st, &st2)))
        return 1;
    if (prev == 0x4E4B /* 之 */ && char_before(s, st, &st2) == 0x5206 /* 分 */)
        return 1;
    /* 1 5小时, 1 000小时: two numbers, which is meant? (not #2 2小时, 09:00 2小时, 11-24 2小时) */
    if (prev == ' ') {
        size_t q = st;
        while (q > 0 && s[q - 1] == ' ')
            q--;
        if (q > 0 && s[q - 1] >= '0' && s[q - 1] <= '9') {
            while (q > 0 && s[q - 1] >= '0' && s[q - 1] <= '9')
                q--;
            return q == 0 || !strchr("#:-/.", s[q - 1]);
        }
        return 0;
    }
    unsigned char b = (unsigned char)s[at - 1];
    if (b < 0x80) {
        if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))
            return 1; /* 1e3, 0x10, 12345678 cut short */
        if (b == '-')
            return !nlp_minus_before(s, at); /* 2-3小时: a range, not one amount */
        if (b == ',')
            return at >= 2 && s[at - 2] >= '0' && s[at - 2] <= '9'; /* 1,000 */
        return b != 0 && strchr("./\\^_*%$&~#|`<>", b) != NULL; /* .5, 1/2, 2^3, 2~3, #21小时 */
    }
    uint32_t cp = prev;
    if (cp == 0xFFFD)
        return 1; /* cut in the middle of a character */
    if (nlp_is_dash(cp))
        return !nlp_minus_before(s, at);
    /* 十1, 三两: which number? But 李四2小时 is a name and an amount: a numeral
     * ending a word, then another script's digits */
    if (is_numeral_char(cp)) {
        if (!(s[at] >= '0' && s[at] <= '9'))
            return 1;
        uint32_t word = char_before(s, st, &st2);
        return !(word >= 0x3400 && word <= 0x9FFF && !is_numeral_char(word));
    }
    /* after a Han word or CJK punctuation the number stands alone; after
     * anything else (١1, ¹1, é1) it is part of something unread */
    return !((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
             (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0x20000 && cp <= 0x3FFFF));
}

/* The code point at s[p] and its length; 0 (len 0) at the end. */
static uint32_t cp_at(const char *s, size_t p, size_t *len)
{
    return nlp_utf8_next(s + p, len);
}

/* Does s[p..] start with w? */
static int starts(const char *s, size_t p, const char *w)
{
    return strncmp(s + p, w, strlen(w)) == 0;
}

/* Does an amount end at s[p] (the text's end, a space, punctuation)? 300块5 ends; 300元5号楼 does not. */
static int amount_ends(const char *s, size_t p)
{
    size_t len;
    uint32_t cp = nlp_utf8_next(s + p, &len);
    if (!len || cp == ' ' || cp == ',' || cp == '.' || cp == ';' || cp == '!' || cp == '?' || cp == ')')
        return 1;
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20);
}

int nlp_yuan_scan(const char *norm, size_t from, int64_t *fen, int *bad, size_t *at, size_t *end)
{
    static const char *const units[] = {"块钱", "元钱", "元", "块", "圆"};
    *fen = 0;
    *bad = 0;
    size_t p = from, len;
    while (norm[p]) {
        int sign = 0; /* ¥ before the number */
        size_t q = p;
        if (starts(norm, q, "¥") || starts(norm, q, "￥")) {
            sign = 1;
            q += starts(norm, q, "¥") ? strlen("¥") : strlen("￥");
            while (norm[q] == ' ')
                q++;
        }
        double v = 0;
        size_t n = 0;
        /* a number starts here, not inside another one */
        size_t st;
        if (!sign && p > 0 && is_numeral_char(char_before(norm, p, &st))) {
            n = 0;
        } else {
            n = nlp_number(norm + q, &v);
        }
        if (n == 0) {
            cp_at(norm, p, &len);
            p += len ? len : 1;
            continue;
        }
        size_t r = q + n;
        /* 1.2万元, 3千元 */
        double scale = 1;
        if (starts(norm, r, "万")) {
            scale = 10000;
            r += strlen("万");
        } else if (starts(norm, r, "千") && (norm[q] >= '0' && norm[q] <= '9')) {
            scale = 1000;
            r += strlen("千");
        }
        size_t u = r;
        while (norm[u] == ' ')
            u++;
        int unit = 0;
        for (size_t i = 0; i < BOT_ARRAY_LEN(units); i++)
            if (starts(norm, u, units[i])) {
                unit = 1;
                u += strlen(units[i]);
                break;
            }
        if (!unit && !sign) {
            p = q + n;
            continue;
        }
        if (!unit)
            u = r;
        /* 5毛 / 5角 after 元: 3元5角 */
        double jiao = 0;
        if (unit) {
            double j = 0;
            size_t k = nlp_number(norm + u, &j);
            if (k > 0 && j >= 0 && j <= 9 && (starts(norm, u + k, "角") || starts(norm, u + k, "毛"))) {
                jiao = j;
                u += k + strlen("角");
            } else if (((k == 1 && norm[u] >= '0' && norm[u] <= '9') || (k == 3 && j <= 9 && j >= 1)) &&
                       j == (double)(int)j && amount_ends(norm, u + k)) { /* bounded before the cast */
                jiao = j; /* 300块5, 三百块五: the jiao said without its unit (play-test 14: 300块5 read as 300元) */
                u += k;
            } else if (k == 2 && norm[u] >= '0' && norm[u] <= '9' && amount_ends(norm, u + k)) {
                jiao = j / 10; /* 3块25: its fen */
                u += k;
            }
        }
        double yuan = v * scale + jiao / 10;
        *at = sign ? p : q; /* the ¥ is the amount's: never left on the item before it (play-test 14: 义卖 ¥) */
        *end = u;
        if (nlp_minus_before(norm, sign ? p : q) || (!sign && nlp_number_glued(norm, q)) || yuan <= 0 ||
            yuan > (double)NLP_YUAN_MAX) {
            *bad = 1;
            *fen = yuan > 0 && yuan <= (double)NLP_YUAN_MAX ? (int64_t)(yuan * 100 + 0.5) : 0;
            return 1;
        }
        double f = yuan * 100;
        int64_t whole = (int64_t)(f + 0.5);
        if (f - (double)whole > 1e-6 || (double)whole - f > 1e-6)
            *bad = 1; /* 1.005元: less than a fen */
        *fen = whole;
        return 1;
    }
    return 0;
}

int nlp_month_scan(const char *norm, int64_t now, int utc_offset, int *year, int *month)
{
    int y, m, d; /* today in the community's time */
    bot_civil_from_days(bot_local_day(now, utc_offset), &y, &m, &d);
    if (strstr(norm, "上个月") || strstr(norm, "上月")) {
        *year = m == 1 ? y - 1 : y;
        *month = m == 1 ? 12 : m - 1;
        return 1;
    }
    if (strstr(norm, "本月") || strstr(norm, "这个月") || strstr(norm, "这月")) {
        *year = y;
        *month = m;
        return 1;
    }
    for (size_t p = 0; norm[p]; p++) {
        if (norm[p] < '0' || norm[p] > '9' || (p > 0 && norm[p - 1] >= '0' && norm[p - 1] <= '9'))
            continue;
        size_t q = p;
        int yy = 0, mm = 0, dig = 0;
        while (norm[q] >= '0' && norm[q] <= '9' && dig < 5) {
            yy = yy * 10 + (norm[q++] - '0');
            dig++;
        }
        if (dig == 4 && (norm[q] == '-' || norm[q] == '/' || norm[q] == '.' || starts(norm, q, "年"))) {
            q += starts(norm, q, "年") ? strlen("年") : 1;
            int md = 0;
            while (norm[q] >= '0' && norm[q] <= '9' && md < 3) {
                mm = mm * 10 + (norm[q++] - '0');
                md++;
            }
            if (md < 1 || md > 2)
                continue; /* 2026-123: not a month */
            if (mm < 1 || mm > 12 || yy < 2000 || yy > 2999)
                return -1; /* 2026-13, 2026年0月 */
            /* 2026-11-24, 2026年2月30日: a day, not a month */
            size_t r = q + (starts(norm, q, "月") ? strlen("月") : 0);
            if (norm[q] == '-' || norm[q] == '/' || (norm[q] == '.' && norm[q + 1] >= '0' && norm[q + 1] <= '9') ||
                (r > q && norm[r] >= '0' && norm[r] <= '9'))
                return -1;
            *year = yy;
            *month = mm;
            return 1;
        }
        /* 11月 alone: the latest such month not after this one */
        if (dig >= 1 && dig <= 2 && starts(norm, q, "月")) {
            if (yy < 1 || yy > 12)
                return -1; /* 13月 */
            size_t r = q + strlen("月");
            if (norm[r] >= '0' && norm[r] <= '9')
                return -1; /* 11月24日: a day */
            *month = yy;
            *year = yy > m ? y - 1 : y;
            return 1;
        }
    }
    return 0;
}
