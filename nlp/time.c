/* time.c — time expressions and durations in normalised (simplified,
 * half-width, lower-case) text: 明天上午9点, 下周三, 12月1日, 下午2点到4点,
 * 三天后, tomorrow at 3pm; 2小时, 一个半小时, 三刻钟, 90 min. */
#include "nlp_internal.h"

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

/* Bytes of w when s+p starts with it, else 0. */
static size_t at(const char *s, size_t p, const char *w)
{
    /* most calls differ in the first two bytes (a Chinese character's lead byte is shared by thousands): no call */
    if (s[p] != w[0] || (w[0] && w[1] && s[p + 1] != w[1]))
        return 0;
    size_t n = strlen(w);
    return strncmp(s + p, w, n) == 0 ? n : 0;
}

/* Which first two bytes a word list's words begin with, learnt the first time the list is tried: the scanner tries
 * its lists at every character of a message, and most characters begin none of their words. Lists are found by their
 * address; a slot is claimed once and published with its key, so readers need no lock. A list with a one-byte word,
 * or that finds no free slot, is tried word by word as before. */
#define WL_SLOTS 128
struct wl_filter {
    _Atomic(const char *const *) key;
    atomic_int claimed;
    int all; /* a one-byte word: every text may begin one */
    uint64_t bits[8];
};
static struct wl_filter wl_filters[WL_SLOTS];

static unsigned wl_bit(unsigned char b0, unsigned char b1) { return ((unsigned)b0 * 131u + b1) & 511u; }

static const struct wl_filter *wl_filter_of(const char *const *words)
{
    unsigned h = (unsigned)(((uintptr_t)words >> 3) * 2654435761u) & (WL_SLOTS - 1);
    for (unsigned k = 0; k < WL_SLOTS; k++, h = (h + 1) & (WL_SLOTS - 1)) {
        struct wl_filter *f = &wl_filters[h];
        const char *const *key = atomic_load_explicit(&f->key, memory_order_acquire);
        if (key == words)
            return f;
        if (key)
            continue;
        int free_slot = 0;
        if (!atomic_compare_exchange_strong(&f->claimed, &free_slot, 1))
            return NULL; /* another thread is filling it: word by word this once */
        for (int i = 0; words[i]; i++) {
            if (!words[i][0] || !words[i][1])
                f->all = 1;
            else {
                unsigned b = wl_bit((unsigned char)words[i][0], (unsigned char)words[i][1]);
                f->bits[b >> 6] |= 1ull << (b & 63);
            }
        }
        atomic_store_explicit(&f->key, words, memory_order_release);
        return f;
    }
    return NULL;
}

/* The first of the words (NULL-terminated list) that s+p starts with; its
 * index in *which. Longer words must come before their prefixes. The list must be static (its filter is kept by its
 * address). */
static size_t at_any(const char *s, size_t p, const char *const *words, int *which)
{
    if (!s[p])
        return 0;
    const struct wl_filter *f = wl_filter_of(words);
    if (f && !f->all) {
        unsigned b = wl_bit((unsigned char)s[p], (unsigned char)s[p + 1]);
        if (!((f->bits[b >> 6] >> (b & 63)) & 1))
            return 0;
    }
    for (int i = 0; words[i]; i++) {
        if (words[i][0] != s[p] || (words[i][1] && s[p + 1] != words[i][1]))
            continue; /* the first two bytes differ: no call, most words stop here */
        size_t n = at(s, p, words[i]);
        if (n) {
            if (which)
                *which = i;
            return n;
        }
    }
    return 0;
}

static size_t skip_space(const char *s, size_t p)
{
    while (s[p] == ' ' || s[p] == ',')
        p++;
    return p;
}

/* English words that lead to a clock after a day or a part of it: at 3pm, from 7pm (to 10pm). */
static size_t clock_lead(const char *s, size_t r)
{
    if (at(s, r, "at "))
        return 3;
    if (at(s, r, "from "))
        return 5;
    return 0;
}

/* A number at p, ASCII or Chinese; *is_cn tells which. */
static size_t number_at(const char *s, size_t p, double *v, int *is_cn)
{
    size_t n = nlp_number(s + p, v);
    if (is_cn)
        *is_cn = n && !(s[p] >= '0' && s[p] <= '9');
    return n;
}

static int is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

enum part { P_NONE = 0, P_DAWN, P_MORNING, P_FORENOON, P_NOON, P_AFTERNOON, P_DUSK, P_EVENING };
const char *nlp_part_name(int part)
{
    static const char *const names[] = {"", "凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上"};
    return part > 0 && part < (int)BOT_ARRAY_LEN(names) ? names[part] : "";
}

/* Where each part of the day starts when no clock time is given. */
static const int part_start_hour[] = {0, 0, 4, 8, 12, 12, 17, 18};

struct texpr {
    int has_day;
    int64_t day;            /* local days since epoch */
    int part;               /* enum part */
    int has_clock;
    int hour, minute, second;
    enum nlp_grain grain;
    int clock_grain_minute;
    int has_instant;        /* absolute instant computed (now, N hours later) */
    int64_t instant;
    int range_minutes;
    int deadline;
    int contradictory;      /* no time: a clock its part of the day cannot hold (上午20点, 凌晨13点, 中午20点), an
                             * hour or minute no day has (明天25点, 9点61分), a date no calendar has (2月30日) */
    int lunar;              /* contradictory too: a day of the lunar calendar (春节, 正月初八), which is not computed */
    int same_weekday;       /* a bare weekday that is today's (周四 on a Thursday): read as next week's, but with a clock
                             * still ahead today (周四下午三点 on Thursday morning) it is today's */
};

/* Monday = 1 .. Sunday = 7 */
static int weekday_of(int64_t day) { return (int)(bot_floor_div(day + 3, 7) * -7 + day + 3) + 1; }

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* ---- the parts of an expression ---- */

static const char *const now_words[] = {"现在", "此时", "此刻", "当前", "而家", "宜家", "依家",
                                        "right now", "now", NULL};

/* 后儿个, 明儿个: the north's 儿 forms (an unknown day word dropped put its clock on today) */
static const char *const day_words[] = {"大后天", "大后日", "大前天", "后儿个", "后儿", "后天", "后日", "前儿个", "前儿", "前天", "前日", "明儿个",
                                        "明天", "明日", "明儿", "听日", "今儿个", "今天", "今日", "今儿", "昨儿个", "昨儿", "昨天", "昨日",
                                        "寻日", "琴日", "tomorrow", "today", "tonight", "yesterday", NULL};
static const int day_offsets[] = {3, 3, -3, 2, 2, 2, 2, -2, -2, -2, -2, 1, 1, 1, 1, 1, 0, 0, 0, 0, -1, -1, -1, -1,
                                  -1, -1, 1, 0, 0, -1};

/* Short forms that carry a day and a part: 明早, 今晚. */
static const char *const day_part_words[] = {"明早", "明晚", "今早", "今晚", "昨晚", "今夜", NULL};
static const int day_part_offsets[] = {1, 1, 0, 0, -1, 0};
static const int day_part_parts[] = {P_MORNING, P_EVENING, P_MORNING, P_EVENING, P_EVENING, P_EVENING};

static const char *const part_words[] = {
    "凌晨", "清晨", "早上", "早晨", "朝早", "一大早", "大清早", "一早", "上午", "中午", "晌午", "下午", "下昼", "晏昼",
    "午后", "傍晚", "黄昏", "晚上", "夜里", "夜晚", "晚间", "半夜", "深夜", "this morning",
    "this afternoon", "this evening", "morning", "afternoon", "evening", "早饭后", "午饭后", "晚饭后", NULL};
static const int part_values[] = {
    P_DAWN, P_MORNING, P_MORNING, P_MORNING, P_MORNING, P_MORNING, P_MORNING, P_MORNING, P_FORENOON, P_NOON, P_NOON,
    P_AFTERNOON, P_AFTERNOON, P_AFTERNOON, P_AFTERNOON, P_DUSK, P_DUSK, P_EVENING, P_EVENING,
    P_EVENING, P_EVENING, P_DAWN, P_DAWN, P_MORNING, P_AFTERNOON, P_EVENING, P_MORNING,
    P_AFTERNOON, P_EVENING, P_MORNING, P_AFTERNOON, P_EVENING}; /* 晚饭后7点: after a meal, its part of the day */

static const char *const week_words[] = {"星期", "礼拜", "周", NULL};
static const char *const wprefix[] = {"下下个", "下下", "上上个", "上上", "这个", "今个", "下个", "上个",
                                      "这一", "这", "本", "今", "下", "上", NULL};
static const int wprefix_shift[] = {2, 2, -2, -2, 0, 0, 1, -1, 0, 0, 0, 0, 1, -1};

static const char *const en_days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                      "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
                                      "sat", "sun", NULL};

struct holiday { const char *name; int m, d; };
static const struct holiday holidays[] = {
    {"五一国际劳动节", 5, 1}, {"国际消费者权益日", 3, 15}, {"澳门回归纪念日", 12, 20},
    {"国际儿童节", 6, 1}, {"圣瓦伦丁节", 2, 14}, {"八一建军节", 8, 1}, {"阳历新年", 1, 1},
    {"元旦节", 1, 1}, {"元旦", 1, 1}, {"妇女节", 3, 8}, {"劳动节", 5, 1}, {"儿童节", 6, 1},
    {"建军节", 8, 1}, {"圣诞节", 12, 25}, {"圣诞", 12, 25}, {"愚人节", 4, 1}, {"万圣节", 10, 31},
    {"情人节", 2, 14}, {"国庆节", 10, 1}, {"国庆", 10, 1}, {"三一五", 3, 15},
};

/* Next local day (>= today) that is month m day d. */
static int64_t next_month_day(int64_t today, int m, int d)
{
    int y, cm, cd;
    bot_civil_from_days(today, &y, &cm, &cd);
    int64_t day = bot_days_from_civil(y, m, d);
    if (day < today)
        day = bot_days_from_civil(y + 1, m, d);
    return day;
}

/* A weekday char after 周/星期/礼拜: 1..7 or 0. */
static size_t weekday_char(const char *s, size_t p, int *wd)
{
    static const char *const w[] = {"一", "二", "三", "四", "五", "六", "日", "天", "末", NULL};
    int i;
    size_t n = at_any(s, p, w, &i);
    if (n) {
        *wd = i == 7 ? 7 : (i == 8 ? 8 : i + 1); /* 8 = 末, the weekend */
        return n;
    }
    if (s[p] >= '1' && s[p] <= '7' && !(s[p + 1] >= '0' && s[p + 1] <= '9')) {
        *wd = s[p] - '0';
        return 1;
    }
    return 0;
}

/* Relative shifts: 三天后, 两小时前, 上两周, 下三个月. Sets e->instant or e->day. */
static size_t relative_at(const char *s, size_t p, int64_t now, int64_t today, int off,
                          struct texpr *e)
{
    static const char *const units[] = {"个小时", "小时", "个钟头", "钟头", "个钟", "分钟", "分",
                                        "秒钟", "秒", "天", "日", "个星期", "星期", "个礼拜", "礼拜",
                                        "个周", "周", "个月", "月", "年", NULL};
    static const int unit_kind[] = {3, 3, 3, 3, 3, 2, 2, 1, 1, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 7};
    static const char *const before_words[] = {"之前", "以前", "前", NULL};
    static const char *const after_words[] = {"之后", "以后", "过后", "后", NULL};
    size_t q = p;
    int dir = 0; /* -1 past, +1 future */
    int lead = 0;
    if (at(s, q, "上") || at(s, q, "前")) {
        dir = -1;
        lead = 1;
        q += 3;
    } else if (at(s, q, "下") || at(s, q, "后")) {
        dir = 1;
        lead = 1;
        q += 3;
    }
    double n = 0;
    int is_cn;
    size_t k = number_at(s, q, &n, &is_cn);
    int half = 0;
    if (!k && at(s, q, "半")) {
        half = 1;
        k = 3;
    }
    if (!k || n > 1000)
        return 0;
    q += k;
    int ui;
    size_t u = at_any(s, q, units, &ui);
    if (!u)
        return 0;
    q += u;
    int kind = unit_kind[ui];
    if (!lead) {
        size_t w;
        if ((w = at_any(s, q, before_words, NULL)))
            dir = -1;
        else if ((w = at_any(s, q, after_words, NULL)))
            dir = 1;
        else
            return 0;
        q += w;
    } else if (half || (kind == 2 && n == 0)) {
        return 0;
    }
    if (half)
        n = 0.5;
    int64_t amount = (int64_t)n;
    int64_t local = now + off;
    switch (kind) {
    case 1: case 2: case 3: {
        int64_t unit = kind == 1 ? 1 : kind == 2 ? 60 : 3600;
        if (half)
            e->instant = now + dir * unit / 2;
        else if (lead)
            /* 上两小时 / 下三小时: the whole units before or after this one */
            e->instant = bot_floor_div(local, unit) * unit - off + (dir < 0 ? -amount * unit : unit);
        else
            e->instant = now + dir * amount * unit;
        e->has_instant = 1;
        e->grain = kind == 1 ? NLP_GRAIN_SECOND : kind == 2 ? NLP_GRAIN_MINUTE : NLP_GRAIN_HOUR;
        break;
    }
    case 4:
        e->has_day = 1;
        e->day = today + (lead && dir > 0 ? 1 : dir * amount);
        e->grain = NLP_GRAIN_DAY;
        break;
    case 5: {
        int64_t monday = today - (weekday_of(today) - 1);
        e->has_day = 1;
        e->day = dir < 0 ? monday - 7 * amount : (lead ? monday + 7 : today + 7 * amount);
        if (!lead && dir > 0)
            e->day = monday + 7; /* 三星期后: from next week on (the interval's start) */
        e->grain = NLP_GRAIN_WEEK;
        break;
    }
    case 6: case 7: {
        int y, m, d;
        bot_civil_from_days(today, &y, &m, &d);
        if (kind == 6) {
            int64_t mm = (int64_t)y * 12 + (m - 1) + (dir < 0 ? -amount : 1);
            if (!lead && dir > 0)
                mm = (int64_t)y * 12 + (m - 1) + 1;
            e->day = bot_days_from_civil(bot_floor_div(mm, 12), (int)(mm - bot_floor_div(mm, 12) * 12) + 1, 1);
            e->grain = NLP_GRAIN_MONTH;
        } else {
            e->day = bot_days_from_civil(y + (dir < 0 ? -amount : 1), 1, 1);
            e->grain = NLP_GRAIN_YEAR;
        }
        e->has_day = 1;
        break;
    }
    }
    return q - p;
}

/* Dates: 2015年3月3号, 三月一日, 12月1号, 20号, 2015-03-03, 3/3/2015, 2/15, 12.5, 1950.10.1 */
/* A date written that no calendar has (2月30日, 13月5日): read whole, so no part of it is read as another day, and
 * marked so the caller says it is no date. */
static size_t impossible_day(struct texpr *e, int64_t today, size_t len)
{
    e->contradictory = 1;
    e->has_day = 1;
    e->day = today;
    e->grain = NLP_GRAIN_DAY;
    return len;
}

/* An English month at p (dec, dec., december): its number in *m, the bytes read; never inside a word (decide). */
static size_t en_month_at(const char *s, size_t p, int *m)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december", "sept", "jan", "feb", "mar",
                                        "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL};
    static const int months[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 9, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12};
    int i;
    size_t n;
    if ((p > 0 && is_ascii_alpha(s[p - 1])) || !(n = at_any(s, p, names, &i)) || is_ascii_alpha(s[p + n]))
        return 0;
    *m = months[i];
    return s[p + n] == '.' ? n + 1 : n;
}

/* A day of the month in digits at p, with its English ordinal (2, 2nd, 23rd): the day in *d, the bytes read; none
 * when a clock or another word follows (dec 2:30, may 10am). */
static size_t en_day_at(const char *s, size_t p, int *d)
{
    size_t i = p;
    int v = 0;
    while (s[i] >= '0' && s[i] <= '9' && i - p < 2)
        v = v * 10 + (s[i++] - '0');
    if (i == p || (s[i] >= '0' && s[i] <= '9') || s[i] == ':' || s[i] == '.' || v < 1 || v > 31)
        return 0;
    if (at(s, i, "st") || at(s, i, "nd") || at(s, i, "rd") || at(s, i, "th"))
        i += 2;
    if (is_ascii_alpha(s[i]))
        return 0;
    *d = v;
    return i - p;
}

/* English dates: Dec 2, Dec 2nd, December 2, 2026, 2 Dec, 2nd of December (no year: the next such day, as 12月2日). */
static size_t en_date_at(const char *s, size_t p, int64_t today, struct texpr *e)
{
    int ty, tm, td, m = 0, d = 0, y = 0;
    size_t q = p, n, k;
    if ((n = en_month_at(s, q, &m))) {
        q = skip_space(s, q + n);
        if (at(s, q, "the "))
            q += 4;
        if (!(k = en_day_at(s, q, &d)))
            return 0;
        q += k;
    } else if ((n = en_day_at(s, q, &d))) {
        q = skip_space(s, q + n);
        if (at(s, q, "of "))
            q = skip_space(s, q + 3);
        if (!(k = en_month_at(s, q, &m)))
            return 0;
        q += k;
    } else {
        return 0;
    }
    /* a year after it: Dec 2, 2026 */
    size_t r = skip_space(s, q), i = r;
    int v = 0;
    while (s[i] >= '0' && s[i] <= '9' && i - r < 5)
        v = v * 10 + (s[i++] - '0');
    if (i - r == 4 && v >= 1900 && v <= 2100 && s[i] != ':' && !is_ascii_alpha(s[i])) {
        y = v;
        q = i;
    }
    bot_civil_from_days(today, &ty, &tm, &td);
    if (d > days_in_month(y ? y : ty, m))
        return impossible_day(e, today, q - p); /* Feb 30 */
    e->has_day = 1;
    e->day = bot_days_from_civil(y ? y : ty, m, d);
    if (!y && e->day < today - 30)
        e->day = bot_days_from_civil(ty + 1, m, d);
    e->grain = NLP_GRAIN_DAY;
    return q - p;
}

static size_t date_at(const char *s, size_t p, int64_t today, struct texpr *e)
{
    int ty, tm, td;
    bot_civil_from_days(today, &ty, &tm, &td);
    size_t q = p;
    double v1 = 0, v2 = 0, v3 = 0;
    int cn;
    size_t en;
    if ((is_ascii_alpha(s[p]) || (s[p] >= '0' && s[p] <= '9')) && (en = en_date_at(s, p, today, e)))
        return en;
    /* numeric forms first */
    if (s[p] >= '0' && s[p] <= '9') {
        int a = 0, b = 0, c = 0, na = 0, nb = 0, nc = 0;
        size_t i = p;
        while (s[i] >= '0' && s[i] <= '9' && na < 5) a = a * 10 + (s[i++] - '0'), na++;
        char sep = s[i];
        if ((sep == '-' || sep == '/' || sep == '.') && s[i + 1] >= '0' && s[i + 1] <= '9') {
            i++;
            while (s[i] >= '0' && s[i] <= '9' && nb < 3) b = b * 10 + (s[i++] - '0'), nb++;
            if (s[i] == sep && s[i + 1] >= '0' && s[i + 1] <= '9') {
                i++;
                while (s[i] >= '0' && s[i] <= '9' && nc < 5) c = c * 10 + (s[i++] - '0'), nc++;
            }
            if (s[i] >= '0' && s[i] <= '9')
                return 0;
            int y = ty, m = 0, d = 0, explicit_year = 0;
            if (nc) {
                if (na == 4) { y = a; m = b; d = c; }                 /* y-m-d */
                else { m = a; d = b; y = nc == 2 ? (c < 50 ? 2000 + c : 1900 + c) : c; } /* m/d/y */
                explicit_year = 1;
            } else if (na <= 2 && nb <= 2) {
                m = a; d = b;
                if (sep == '.') {
                    /* 12.5 is a date only when no unit follows (1.5小时, 2.5元) */
                    size_t k = i;
                    while (s[k] == ' ') k++;
                    if (is_ascii_alpha(s[k]) || (unsigned char)s[k] >= 0x80) {
                        static const char *const units[] = {"小时", "个", "元", "块", "斤", "公",
                                                            "米", "分", "倍", "折", "岁", NULL};
                        if (at_any(s, k, units, NULL) || is_ascii_alpha(s[k]))
                            return 0;
                    }
                }
            } else {
                return 0;
            }
            if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
                return na == 4 && nc ? impossible_day(e, today, i - p) : 0; /* 2027-02-29: a date, and none */
            e->has_day = 1;
            e->day = explicit_year ? bot_days_from_civil(y, m, d) : bot_days_from_civil(y, m, d);
            if (!explicit_year && e->day < today - 30)
                e->day = bot_days_from_civil(y + 1, m, d);
            e->grain = NLP_GRAIN_DAY;
            return i - p;
        }
    }
    /* Chinese: [Y年][M月][D日|号] */
    /* 5号楼, 3号床: a number, not a day */
    static const char *const not_day[] = {"楼", "单", "栋", "房", "室", "门", "线", "床",
                                          "窗", "桌", "机", "车", "口", "位", "球", NULL};
    int y = ty, m = 0, d = 0, has_y = 0, has_m = 0, has_d = 0;
    size_t k = number_at(s, q, &v1, &cn);
    if (k && at(s, q + k, "年") && v1 >= 1900 && v1 <= 2200) {
        y = (int)v1;
        has_y = 1;
        q += k + 3;
        k = number_at(s, q, &v2, &cn);
        v1 = v2;
    }
    if (k && at(s, q + k, "月") && v1 > 12 && v1 < 100 && v1 == (int)v1) { /* 13月5日: no month */
        double dv;
        size_t dk = number_at(s, q + k + 3, &dv, &cn);
        if (dk && (at(s, q + k + 3 + dk, "日") || at(s, q + k + 3 + dk, "号")) && !at_any(s, q + k + 6 + dk, not_day, NULL))
            return impossible_day(e, today, q + k + 3 + dk + 3 - p);
    }
    if (k && at(s, q + k, "月") && v1 >= 1 && v1 <= 12 && !at(s, q + k, "月份以")) {
        m = (int)v1;
        has_m = 1;
        q += k + 3;
        if (at(s, q, "份"))
            q += 3;
        k = number_at(s, q, &v3, &cn);
        v1 = v3;
        if (!k && (at(s, q, "廿"))) {
            k = 3;
            v1 = 20;
        }
    } else if (has_y) {
        e->has_day = 1;
        e->day = bot_days_from_civil(y, 1, 1);
        e->grain = NLP_GRAIN_YEAR;
        return q - p;
    }
    if (has_m && k && (at(s, q + k, "日") || at(s, q + k, "号")) && v1 > 31 && v1 < 100 && v1 == (int)v1 &&
        !at_any(s, q + k + 3, not_day, NULL))
        return impossible_day(e, today, q + k + 3 - p); /* 12月32日 */
    if (k && (at(s, q + k, "日") || at(s, q + k, "号")) && v1 >= 1 && v1 <= 31) {
        size_t after = q + k + 3;
        if (!at_any(s, after, not_day, NULL)) {
            d = (int)v1;
            has_d = 1;
            q = after;
        }
    }
    if (!has_m && !has_d)
        return 0;
    if (has_m && !has_d) {
        e->has_day = 1;
        e->day = bot_days_from_civil(y, m, 1);
        if (!has_y && e->day < bot_days_from_civil(ty, tm, 1))
            e->day = bot_days_from_civil(y + 1, m, 1);
        e->grain = NLP_GRAIN_MONTH;
        return q - p;
    }
    if (!has_m) {
        m = tm;
        if (d < td) { /* 20号 said on the 27th: next month (a day gone this month is next month's) */
            m = tm == 12 ? 1 : tm + 1;
            if (tm == 12) y++;
            if (d > days_in_month(y, m)) /* 30号 said on 31 January: no such day next month: asked, not today */
                return impossible_day(e, today, q - p);
        }
    }
    if (d > days_in_month(y, m))
        return has_m ? impossible_day(e, today, q - p) : 0; /* 2月30日, 11月31号; 31号 alone in a short month is no date */
    e->has_day = 1;
    e->day = bot_days_from_civil(y, m, d);
    if (!has_y && has_m && e->day < today - 30)
        e->day = bot_days_from_civil(y + 1, m, d);
    e->grain = NLP_GRAIN_DAY;
    return q - p;
}

/* Weekdays: 周三, 下周一, 这礼拜六, 上星期天, 周末, next monday, on saturday. */
static size_t weekday_at(const char *s, size_t p, int64_t today, struct texpr *e)
{
    size_t q = p;
    int pi = -1, shift = 0, wi;
    size_t n = at_any(s, q, wprefix, &pi);
    if (n) {
        shift = wprefix_shift[pi];
        q += n;
    }
    size_t w = at_any(s, q, week_words, &wi);
    int64_t monday = today - (weekday_of(today) - 1);
    if (w) {
        q += w;
        int wd = 0;
        size_t c = weekday_char(s, q, &wd);
        static const char *const no_day[] = {"八", "九", "零", "〇", "8", "9", "0", NULL};
        /* 老周八十岁了, 下周八号: a surname or a number, not a weekday */
        static const char *const numberish[] = {"十", "百", "千", "点", "号", "时", "岁", "月", "年", "个", "天", "周", NULL};
        static const char *const surname[] = {"老", "小", "姓", "阿", NULL};
        size_t bad;
        int named = p >= 3 && at_any(s, p - 3, surname, NULL) == 3;
        if (!c && !named && (bad = at_any(s, q, no_day, NULL)) && !(s[q + bad] >= '0' && s[q + bad] <= '9') &&
            !at_any(s, q + bad, numberish, NULL))
            return impossible_day(e, today, q + bad - p); /* 周八, 星期九: no day of a week */
        if (!c) {
            /* 这周 / 下周 / 上个星期: a week */
            if (pi < 0 || at(s, q, "期") || at(s, q, "年"))
                return 0;
            e->has_day = 1;
            e->day = monday + 7 * shift;
            e->grain = NLP_GRAIN_WEEK;
            return q - p;
        }
        q += c;
        e->has_day = 1;
        e->grain = NLP_GRAIN_DAY;
        if (wd == 8) { /* 周末: Saturday */
            e->day = monday + 7 * shift + 5;
            if (pi < 0 && e->day < today)
                e->day += 7;
            return q - p;
        }
        if (pi >= 0) {
            e->day = monday + 7 * shift + (wd - 1);
        } else {
            e->day = monday + (wd - 1);
            e->same_weekday = e->day == today;
            if (e->day <= today)
                e->day += 7;
        }
        return q - p;
    }
    if (pi >= 0)
        return 0;
    /* English */
    int next = 0;
    if (at(s, q, "next ")) { next = 1; q += 5; }
    else if (at(s, q, "this ")) q += 5;
    else if (at(s, q, "on ")) q += 3;
    int di;
    size_t m = at_any(s, q, en_days, &di);
    if (!m || is_ascii_alpha(s[q + m]) || (q > 0 && is_ascii_alpha(s[q - 1])))
        return 0;
    int wd = di % 7 + 1;
    e->has_day = 1;
    e->grain = NLP_GRAIN_DAY;
    e->day = monday + (wd - 1) + (next ? 7 : 0);
    e->same_weekday = !next && e->day == today;
    if (!next && e->day <= today)
        e->day += 7;
    return q + m - p;
}

/* Month/year words: 今年, 明年, 去年, 这个月, 下个月, 上月, plus 今个月二十号. */
static size_t period_at(const char *s, size_t p, int64_t today, struct texpr *e)
{
    static const char *const yw[] = {"今年", "这一年", "明年", "下年", "去年", "上年", "前年", "后年", NULL};
    static const int ys[] = {0, 0, 1, 1, -1, -1, -2, 2};
    static const char *const mw[] = {"这个月", "今个月", "本月", "下个月", "下月", "上个月", "上月", NULL};
    static const int ms[] = {0, 0, 0, 1, 1, -1, -1};
    int y, m, d, i;
    bot_civil_from_days(today, &y, &m, &d);
    size_t n;
    if ((n = at_any(s, p, yw, &i))) {
        int yy = y + ys[i];
        struct texpr sub = {0};
        size_t k = date_at(s, p + n, today, &sub);
        if (k && (sub.grain == NLP_GRAIN_MONTH || sub.grain == NLP_GRAIN_DAY)) {
            int sy, sm, sd;
            bot_civil_from_days(sub.day, &sy, &sm, &sd);
            e->has_day = 1;
            e->day = bot_days_from_civil(yy, sm, sub.grain == NLP_GRAIN_MONTH ? 1 : sd);
            e->grain = sub.grain;
            e->contradictory = sub.contradictory; /* 明年2月30日 */
            return n + k;
        }
        e->has_day = 1;
        e->day = bot_days_from_civil(yy, 1, 1);
        e->grain = NLP_GRAIN_YEAR;
        return n;
    }
    /* 月底, 这个月底, 下个月月末 (那天): the month's last day; never before a deadline word (月底前, 月底之前) */
    int mi = 0;
    size_t mw_n = at_any(s, p, mw, &mi), mn = mw_n;
    if (mn && at(s, p + mn, "月"))
        ; /* 下个月月底: the month word, then 月底 */
    else if (mn && (at(s, p + mn, "底") || at(s, p + mn, "末")))
        mn -= 3; /* 这个月底: its 月 is 月底's */
    else
        mn = 0;
    if ((mn || at(s, p, "月")) && (at(s, p + mn, "月底") || at(s, p + mn, "月末")) && (mn || p < 3 || !at(s, p - 3, "年")) &&
        !at(s, p + mn + 6, "前") && !at(s, p + mn + 6, "之前") && !at(s, p + mn + 6, "以前")) {
        int64_t mm = (int64_t)y * 12 + (m - 1) + (mn ? ms[mi] : 0);
        int ny = (int)bot_floor_div(mm, 12), nm = (int)(mm - bot_floor_div(mm, 12) * 12) + 1;
        size_t k = mn + 6;
        if (at(s, p + k, "那天") || at(s, p + k, "这天") || at(s, p + k, "当天"))
            k += 6;
        e->has_day = 1;
        e->day = bot_days_from_civil(ny, nm, days_in_month(ny, nm));
        e->grain = NLP_GRAIN_DAY;
        return k;
    }
    if ((n = mw_n) != 0) {
        i = mi;
        int64_t mm = (int64_t)y * 12 + (m - 1) + ms[i];
        int ny = (int)bot_floor_div(mm, 12), nm = (int)(mm - bot_floor_div(mm, 12) * 12) + 1;
        double v;
        int cn;
        size_t k = number_at(s, p + n, &v, &cn);
        if (!k && at(s, p + n, "廿")) {
            k = 3;
            v = 20;
        }
        if (k && (at(s, p + n + k, "号") || at(s, p + n + k, "日")) && v >= 1 &&
            v <= days_in_month(ny, nm)) {
            e->has_day = 1;
            e->day = bot_days_from_civil(ny, nm, (int)v);
            e->grain = NLP_GRAIN_DAY;
            return n + k + 3;
        }
        e->has_day = 1;
        e->day = bot_days_from_civil(ny, nm, 1);
        e->grain = NLP_GRAIN_MONTH;
        return n;
    }
    return 0;
}

/* Clock: 9点, 九点半, 3:30, 三点一刻, 15:00, 8点整, 八点钟, 3pm, 3:15pm, 三點踏三. */
/* After 差: 一刻 or N分 before the hour (1..30 minutes), 0 when neither. */
static int minutes_before(const char *s, size_t p, size_t *len)
{
    double v;
    size_t k;
    if ((*len = at(s, p, "一刻")))
        return 15;
    if ((k = number_at(s, p, &v, NULL)) && v >= 1 && v <= 30 && v == (int)v && at(s, p + k, "分")) {
        *len = k + 3;
        return (int)v;
    }
    *len = 0;
    return 0;
}

static size_t clock_at(const char *s, size_t p, int had_context, struct texpr *e)
{
    double hv;
    int cn;
    size_t q = p;
    if (at(s, q, "差")) { /* 差一刻三点, 差五分三点 */
        size_t kk;
        int before = minutes_before(s, q + 3, &kk);
        size_t n = before && !at(s, q + 3 + kk, "差") ? clock_at(s, q + 3 + kk, 1, e) : 0; /* one level only */
        if (!n || e->minute != 0 || e->hour < 2)
            return 0;
        e->hour -= 1;
        e->minute = 60 - before;
        e->grain = NLP_GRAIN_MINUTE;
        return 3 + kk + n;
    }
    size_t k = number_at(s, q, &hv, &cn);
    if (k && had_context && hv > 24 && hv < 100 && hv == (int)hv && at(s, q + k, "点") && !at(s, q + k, "点钟以")) {
        /* 明天25点, 晚上30点: no hour of a day, and nothing of it read as one (the caller says so) */
        e->contradictory = 1;
        e->has_clock = 1;
        e->grain = NLP_GRAIN_HOUR;
        return k + 3 + at(s, q + k + 3, "钟");
    }
    if (!k || hv < 0 || hv > 24 || hv != (int)hv)
        return 0;
    int h = (int)hv, mi = 0, se = 0, minute_grain = 0;
    int is_one_cn = cn && k == 3 && h == 1;
    q += k;
    if (!cn && s[q] == ':' && s[q + 1] >= '0' && s[q + 1] <= '5' && s[q + 2] >= '0' && s[q + 2] <= '9' &&
        !(s[q + 3] >= '0' && s[q + 3] <= '9')) {
        mi = (s[q + 1] - '0') * 10 + (s[q + 2] - '0');
        q += 3;
        minute_grain = 1;
        if (s[q] == ':' && s[q + 1] >= '0' && s[q + 1] <= '5' && s[q + 2] >= '0' && s[q + 2] <= '9') {
            se = (s[q + 1] - '0') * 10 + (s[q + 2] - '0');
            q += 3;
        }
    } else if (at(s, q, "点") || (at(s, q, "时") && !at(s, q, "时间") && !at(s, q, "时候"))) {
        q += 3;
        size_t z;
        if ((z = at(s, q, "钟")))
            q += z;
        if ((z = at(s, q, "整"))) {
            q += z;
        } else if ((z = at(s, q, "差")) && h >= 2) { /* 三点差一刻, 三点差五分: before the hour */
            size_t kk;
            int before = minutes_before(s, q + z, &kk);
            if (before) {
                h -= 1, mi = 60 - before, q += z + kk, minute_grain = 1;
                if (at(s, q, "钟"))
                    q += 3;
            }
        } else if ((z = at(s, q, "半"))) {
            mi = 30, q += z, minute_grain = 1;
        } else if ((z = at(s, q, "一刻"))) {
            mi = 15, q += z, minute_grain = 1;
        } else if ((z = at(s, q, "三刻"))) {
            mi = 45, q += z, minute_grain = 1;
        } else if ((z = at(s, q, "踏")) || (z = at(s, q, "搭"))) {
            double v;
            size_t kk = number_at(s, q + z, &v, NULL);
            if (kk && v >= 1 && v <= 11) {
                mi = (int)v * 5, q += z + kk, minute_grain = 1;
            } else if (at(s, q + z, "半")) {
                mi = 30, q += z + 3, minute_grain = 1;
            }
        } else {
            size_t zq = q;
            int lead_zero = 0;
            if ((z = at(s, zq, "零")) || (z = at(s, zq, "过"))) {
                lead_zero = at(s, zq, "零") != 0;
                zq += z;
            }
            double v;
            int mcn;
            size_t kk = number_at(s, zq, &v, &mcn);
            /* 3点一起去, 10点一块儿: the numeral is the first character of a word, not the minutes */
            static const char *const word_tails[] = {"起", "块", "下", "会", "趟", "样", "直", "定", "共", "些",
                                                     "同", "遍", "次", "边", "般", "切", "齐", "道", NULL};
            if (kk && mcn && kk == 3 && at_any(s, zq + kk, word_tails, NULL))
                kk = 0;
            if (kk && v >= 0 && v < 60 && v == (int)v && !at(s, zq + kk, "小时") &&
                (!at(s, zq + kk, "个") || at(s, zq + kk, "个字")) &&
                !at(s, zq + kk, "号") && !at(s, zq + kk, "日") && !at(s, zq + kk, "月") &&
                !at(s, zq + kk, "天") && !at(s, zq + kk, "分钟")) {
                if (at(s, zq + kk, "个字")) {
                    mi = (int)v * 5, q = zq + kk + 6;
                } else if (mcn && !lead_zero && kk == 3 && v >= 1 && v <= 9 && !at(s, zq + kk, "分")) {
                    mi = (int)v * 5, q = zq + kk; /* 三點三: Cantonese, 3:15 */
                } else {
                    mi = (int)v;
                    q = zq + kk;
                    if (at(s, q, "分"))
                        q += 3;
                }
                minute_grain = 1;
            } else if (kk && v >= 60 && v < 100 && v == (int)v && at(s, zq + kk, "分") && !at(s, zq + kk, "分钟")) {
                e->contradictory = 1; /* 9点61分: no minute of an hour */
                q = zq + kk + 3;
            }
        }
    } else if (!cn) {
        /* English: 3pm, 10 am, 9a.m. */
        size_t r = q;
        while (s[r] == ' ')
            r++;
        int pm = -1;
        if (at(s, r, "pm") || at(s, r, "p.m.") || (s[r] == 'p' && !is_ascii_alpha(s[r + 1])))
            pm = 1;
        else if (at(s, r, "am") || at(s, r, "a.m.") || (s[r] == 'a' && !is_ascii_alpha(s[r + 1]) && r == q))
            pm = 0;
        if (pm < 0 && h >= 1 && h <= 12 && !(p > 0 && is_ascii_alpha(s[p - 1])) && (at(s, r, "to ") || s[r] == '-')) {
            /* from 3 to 5pm, 3-5pm: the first hour takes the end's am or pm, when the end is later that way */
            size_t t = r + (s[r] == '-' ? 1 : 3);
            while (s[t] == ' ')
                t++;
            double v2;
            size_t k = (s[t] >= '0' && s[t] <= '9') ? nlp_number(s + t, &v2) : 0;
            size_t u = t + k;
            while (k && s[u] == ' ')
                u++;
            int h2 = k && v2 >= 0 && v2 <= 24 ? (int)v2 : -1; /* 2222…: no hour, never a cast out of range (fuzz) */
            if (k && v2 == h2 && h2 >= 1 && h2 <= 12 && (at(s, u, "pm") || at(s, u, "am")) && !is_ascii_alpha(s[u + 2]) &&
                h % 12 < h2 % 12) {
                e->hour = at(s, u, "pm") ? (h % 12) + 12 : h % 12;
                e->minute = 0;
                e->has_clock = 1;
                e->part = P_NONE;
                e->grain = NLP_GRAIN_HOUR;
                return q - p;
            }
        }
        /* ... the hour followed by a word that is no unit of it: tonight at 8 to watch my kids, at 8 for an hour */
        static const char *const on_words[] = {"to ", "for ", "and ", "o'clock", "oclock", "please", "with ", NULL};
        if (pm < 0 && had_context == 2 && h >= 1 && h <= 12 &&
            (!is_ascii_alpha(s[r]) || (r > q && at_any(s, r, on_words, NULL)))) {
            e->hour = h;
            e->minute = 0;
            e->has_clock = 1;
            e->grain = NLP_GRAIN_HOUR;
            return q - p; /* "this evening at 6": the part of the day decides */
        }
        if (pm < 0 || h > 12 || (p > 0 && is_ascii_alpha(s[p - 1])))
            return 0;
        r += at(s, r, "p.m.") || at(s, r, "a.m.") ? 4 : (s[r + 1] == 'm' ? 2 : 1);
        if (is_ascii_alpha(s[r]))
            return 0;
        e->hour = pm ? (h % 12) + 12 : h % 12;
        e->minute = 0;
        e->has_clock = 1;
        e->part = P_NONE;
        e->grain = NLP_GRAIN_HOUR;
        return r - p;
    } else {
        return 0;
    }
    if (mi > 59)
        return 0;
    /* "一点" alone is "a little" far more often than one o'clock. */
    if (is_one_cn && !had_context && !minute_grain && !at(s, p + k, "点钟"))
        return 0;
    /* English am/pm after a colon time: 3:15pm */
    if (!cn && minute_grain) {
        size_t r = q;
        while (s[r] == ' ')
            r++;
        if ((s[r] == 'p' || s[r] == 'a') && !is_ascii_alpha(s[r + (s[r + 1] == 'm' ? 2 : 1)]) && h <= 12) {
            int pm = s[r] == 'p';
            h = pm ? (h % 12) + 12 : h % 12;
            q = r + (s[r + 1] == 'm' ? 2 : 1);
            e->part = -1; /* explicit: no adjustment */
        }
    }
    e->has_clock = 1;
    e->hour = h;
    e->minute = mi;
    e->second = se;
    e->grain = se ? NLP_GRAIN_SECOND : minute_grain ? NLP_GRAIN_MINUTE : NLP_GRAIN_HOUR;
    return q - p;
}

/* Can a clock hour be said with this part of the day? 上午20点, 凌晨13点, 中午20点, 上午3点 cannot. */
static int part_holds(int part, int hour)
{
    if (part == P_DAWN)
        return hour <= 12;
    if (part == P_MORNING || part == P_FORENOON) /* 早上4点 goes to queue at the clinic; 上午3点 is no hour */
        return hour <= 12 && (hour == 0 || hour >= (part == P_MORNING ? 4 : 5));
    return part != P_NOON || hour < 15;
}

/* Hour of the day for a clock hour said with a part of the day. */
static int adjust_hour(int h, int part)
{
    switch (part) {
    case P_NOON: return h < 6 ? h + 12 : h;
    case P_AFTERNOON: case P_DUSK: return h < 12 ? h + 12 : h;
    case P_EVENING: return h < 12 ? h + 12 : (h == 12 ? 24 : h);
    case P_FORENOON: case P_MORNING: case P_DAWN: return h == 12 ? (part == P_DAWN ? 0 : 12) : h;
    }
    return h;
}

/* Parse one expression starting at p. Returns bytes consumed, 0 if none. */
static size_t expr_at(const char *s, size_t p, int64_t now, int off, struct texpr *e)
{
    int64_t local = now + off;
    int64_t today = bot_floor_div(local, 86400);
    size_t q = p, n;
    int i;
    memset(e, 0, sizeof *e);
    if ((n = at_any(s, q, now_words, NULL))) {
        if (is_ascii_alpha(s[q + n]) || (q > 0 && is_ascii_alpha(s[q - 1])))
            return 0;
        e->has_instant = 1;
        e->instant = now;
        e->grain = NLP_GRAIN_SECOND;
        return n;
    }
    int relative_day = 0;
    if ((n = relative_at(s, q, now, today, off, e))) {
        if (!e->has_day || e->grain != NLP_GRAIN_DAY)
            return n;
        relative_day = 1; /* 三天后上午十点: the day, then its part and its clock as after any day */
        q += n;
    }
    if (!relative_day) {
        memset(e, 0, sizeof *e);
        /* the date part */
        if ((n = at_any(s, q, day_part_words, &i))) {
            e->has_day = 1;
            e->day = today + day_part_offsets[i];
            e->part = day_part_parts[i];
            e->grain = NLP_GRAIN_HOUR;
            q += n;
        } else if ((n = at_any(s, q, day_words, &i)) &&
                   !(is_ascii_alpha(s[q + n]) || (q > 0 && is_ascii_alpha(s[q - 1])))) {
            e->has_day = 1;
            e->day = today + day_offsets[i];
            e->grain = NLP_GRAIN_DAY;
            if (strcmp(day_words[i], "tonight") == 0)
                e->part = P_EVENING;
            q += n;
        } else if ((n = period_at(s, q, today, e)) || (n = weekday_at(s, q, today, e)) ||
                   (n = date_at(s, q, today, e))) {
            q += n;
        } else {
            for (size_t h = 0; h < BOT_ARRAY_LEN(holidays); h++) {
                if ((n = at(s, q, holidays[h].name))) {
                    e->has_day = 1;
                    e->day = next_month_day(today, holidays[h].m, holidays[h].d);
                    e->grain = NLP_GRAIN_DAY;
                    q += n;
                    /* 元旦前一天, 国庆后两天: a day or two either side */
                    static const char *const near[] = {"前一天", "的前一天", "前两天", "后一天", "的后一天", "后两天", NULL};
                    static const int shift[] = {-1, -1, -2, 1, 1, 2};
                    int w;
                    if ((n = at_any(s, q, near, &w))) {
                        e->day += shift[w];
                        q += n;
                    }
                    break;
                }
            }
            /* 春节, 除夕, 正月初八, 中秋: the lunar calendar, not computed: read whole as no day (it fell to tomorrow's
             * clock), and the caller asks for the date */
            static const char *const lunar[] = {"春节", "大年三十", "大年初", "年三十", "除夕", "正月", "腊月", "元宵节", "元宵",
                                                "端午节", "端午", "中秋节", "中秋", "重阳节", "重阳", "七夕", "小年", "农历",
                                                "阴历", NULL};
            /* (小年轻 is a young person, no 小年: 想找个小年轻 这周日上午九点半 …) */
            if (!e->has_day && (n = at_any(s, q, lunar, NULL)) && !(at(s, q, "小年轻"))) { /* at_any checks two bytes before a call */
                q += n;
                if (at(s, q, "初") && !at(s, q - 3, "初"))
                    q += 3;
                double v;
                size_t k = number_at(s, q, &v, NULL);
                if (k && (at(s, q + k, "日") || at(s, q + k, "号") || at(s, q - 3, "初") || at(s, q - 3, "月")))
                    q += k;
                if (at(s, q, "那天") || at(s, q, "当天"))
                    q += 6;
                e->contradictory = 1;
                e->lunar = 1;
                e->has_day = 1;
                e->day = today;
                e->grain = NLP_GRAIN_DAY;
            }
        }
    }
    /* a weekday after a date (周日, 二月十号) or a date after a week word */
    if (e->has_day && e->grain != NLP_GRAIN_HOUR) {
        size_t r = skip_space(s, q);
        struct texpr sub;
        memset(&sub, 0, sizeof sub);
        {
            size_t k = 0;
            if (e->grain == NLP_GRAIN_DAY && (k = date_at(s, r, today, &sub)) && sub.grain == NLP_GRAIN_DAY) {
                e->day = sub.day;
                e->contradictory = sub.contradictory;
                q = r + k;
            } else if (e->grain == NLP_GRAIN_MONTH) {
                /* 十月第一个星期一 / 十月的第一个星期一 */
                size_t t = r;
                if (at(s, t, "的"))
                    t += 3;
                double v;
                int cn;
                if (at(s, t, "第")) {
                    size_t kk = number_at(s, t + 3, &v, &cn);
                    size_t t2 = t + 3 + kk;
                    if (kk && v >= 1 && v <= 5) {
                        if (at(s, t2, "个"))
                            t2 += 3;
                        size_t w = at_any(s, t2, week_words, NULL);
                        int wd;
                        size_t c = w ? weekday_char(s, t2 + w, &wd) : 0;
                        if (c && wd <= 7) {
                            int first_wd = weekday_of(e->day);
                            int64_t d = e->day + ((wd - first_wd + 7) % 7) + 7 * ((int)v - 1);
                            e->day = d;
                            e->grain = NLP_GRAIN_DAY;
                            q = t2 + w + c;
                        }
                    }
                }
            }
        }
    }
    /* the part of the day */
    size_t r = q;
    if (e->has_day) {
        r = skip_space(s, q);
        if (at(s, r, "的"))
            r += 3;
        r += clock_lead(s, r);
    }
    struct texpr probe = *e;
    if (!e->part && (n = at_any(s, r, part_words, &i))) {
        e->part = part_values[i];
        q = r + n;
        if (e->grain == NLP_GRAIN_DAY || e->grain == NLP_GRAIN_NONE)
            e->grain = NLP_GRAIN_HOUR;
    } else if (!e->part && ((n = at(s, r, "早")) || (n = at(s, r, "晚"))) && clock_at(s, r + n, 1, &probe)) {
        /* 早8点, 明天晚9点: the one-character part right before a clock */
        e->part = at(s, r, "晚") ? P_EVENING : P_MORNING;
        q = r + n;
    }
    /* the clock */
    r = q;
    size_t lead = 0;
    if (e->has_day || e->part) {
        r = skip_space(s, q);
        r += (lead = clock_lead(s, r));
    } else {
        r += (lead = clock_lead(s, r));
    }
    struct texpr c = *e;
    int ctx_level = (e->has_day || e->part) ? 1 : 0;
    if (ctx_level && lead)
        ctx_level = 2;
    if ((n = clock_at(s, r, ctx_level, &c))) {
        int part = c.part < 0 ? -1 : e->part;
        *e = c;
        e->part = part;
        q = r + n;
        /* 上午20点: which of the two was meant is not guessed (the expression is no time; the caller asks) */
        e->contradictory = e->contradictory || !part_holds(part, e->hour);
        /* a range: 2点到4点, 九点半到十一点, 10:00-12:00 */
        size_t t = skip_space(s, q);
        size_t w;
        if ((w = at(s, t, "到")) || (w = at(s, t, "至")) || (w = at(s, t, "-")) ||
            (w = at(s, t, "~")) || (w = at(s, t, "—")) || (w = at(s, t, "to "))) {
            t = skip_space(s, t + w);
            struct texpr end = *e;
            int epart = e->part;
            if ((w = at_any(s, t, part_words, &i))) {
                epart = part_values[i];
                t += w;
            }
            end.part = epart;
            size_t k = clock_at(s, t, 1, &end);
            if (k) {
                int h1 = adjust_hour(e->hour, e->part > 0 ? e->part : 0);
                int h2 = adjust_hour(end.hour, end.part > 0 ? end.part : (e->part > 0 ? e->part : 0));
                int a = h1 * 60 + e->minute, b = h2 * 60 + end.minute;
                if (b <= a && h2 < 12)
                    b += 12 * 60; /* 11点到1点 */
                if (b > a && b - a <= 16 * 60) {
                    e->range_minutes = b - a;
                    q = t + k;
                }
            }
        }
        /* English puts the day after the clock: 4pm tomorrow, 10am on Friday */
        if (!e->has_day && is_ascii_alpha(s[skip_space(s, q)])) {
            size_t d = skip_space(s, q);
            struct texpr day;
            memset(&day, 0, sizeof day);
            if (at(s, d, "on "))
                d += 3;
            size_t k = 0;
            if ((k = at_any(s, d, day_words, &i)) && is_ascii_alpha(s[d]) && !is_ascii_alpha(s[d + k])) {
                day.has_day = 1;
                day.day = today + day_offsets[i];
            } else if (!(k = weekday_at(s, d, today, &day)) || !day.has_day) {
                k = 0;
            }
            if (k) {
                e->has_day = 1;
                e->day = day.day;
                q = d + k;
            }
        }
    } else if (!e->has_day && !e->part) {
        return 0;
    }
    /* a deadline: 5点前, 明天之前 */
    size_t t = q;
    if (at(s, t, "之前") || at(s, t, "以前") || at(s, t, "前"))
        e->deadline = 1;
    return q - p;
}

static int64_t resolve(const struct texpr *e, int64_t now, int off)
{
    if (e->has_instant) {
        int64_t local = e->instant + off;
        if (e->grain == NLP_GRAIN_MINUTE)
            local = bot_floor_div(local, 60) * 60;
        else if (e->grain == NLP_GRAIN_HOUR)
            local = bot_floor_div(local, 3600) * 3600;
        return local - off;
    }
    int64_t local_now = now + off;
    int64_t today = bot_local_day(now, off);
    int64_t day = e->has_day ? e->day : today;
    if (!e->has_clock) {
        int h = e->part > 0 ? part_start_hour[e->part] : 0;
        int64_t t = day * 86400 + h * 3600;
        if (!e->has_day && e->part && t + 4 * 3600 <= local_now)
            t += 86400;
        return t - off;
    }
    int h = e->hour;
    if (e->part > 0) {
        h = adjust_hour(h, e->part);
    } else if (e->part == 0 && h >= 1 && h <= 12) {
        if (h <= 6) {
            h += 12; /* a bare 3点 is the afternoon */
        } else if (!e->has_day || e->day == today) {
            /* the next such daytime hour: 9点 at 10:00 → 21:00, else tomorrow; 今天8点 at 10:00 is 20:00 */
            int64_t cand = today * 86400 + h * 3600 + e->minute * 60;
            if (cand <= local_now && h + 12 <= 21)
                h += 12;
        }
    }
    int64_t t = day * 86400 + (int64_t)h * 3600 + e->minute * 60 + e->second;
    if (!e->has_day && t <= local_now)
        t += 86400;
    if (e->same_weekday && day == today + 7 && t - 7 * 86400 > local_now)
        t -= 7 * 86400; /* 周四下午三点 said on Thursday morning: today, its hour still ahead */
    return t - off;
}

void nlp_time_scan(const char *norm, size_t from, int64_t now, int utc_offset, struct nlp_time *out)
{
    nlp_time_scan_day(norm, from, now, utc_offset, INT64_MIN, 0, out);
}

void nlp_time_scan_day(const char *norm, size_t from, int64_t now, int utc_offset,
                       int64_t force_day, int force_part, struct nlp_time *out)
{
    memset(out, 0, sizeof *out);
    size_t len = strlen(norm);
    for (size_t p = from; p < len;) {
        /* an expression never starts inside an ASCII word or a number */
        unsigned char prev = p > 0 ? (unsigned char)norm[p - 1] : ' ';
        int boundary = !(is_ascii_alpha((char)prev) && is_ascii_alpha(norm[p])) &&
                       !((prev >= '0' && prev <= '9') && norm[p] >= '0' && norm[p] <= '9') &&
                       !(prev == '.' && norm[p] >= '0' && norm[p] <= '9');
        struct texpr e;
        size_t n = boundary ? expr_at(norm, p, now, utc_offset, &e) : 0;
        if (n && force_part > 0 && e.has_clock && !e.part && !e.has_instant) {
            /* a bare clock answered after 明天晚上: the evening's (8点 is 20:00); one the part cannot hold is none */
            e.part = force_part;
            e.contradictory = e.contradictory || !part_holds(force_part, e.hour);
        }
        if (n && e.contradictory) { /* no time, and no fragment of it read as one (20点 alone) */
            out->impossible = e.lunar ? 2 : 1;
            out->begin = p;
            out->end = p + n;
            return;
        }
        if (n) {
            if (force_day != INT64_MIN && !e.has_day && !e.has_instant) {
                e.has_day = 1;
                e.day = force_day;
            }
            out->part = e.part > 0 ? e.part : 0;
            out->no_day = !e.has_day && !e.has_instant;
            out->found = 1;
            out->start = resolve(&e, now, utc_offset);
            out->grain = e.grain ? e.grain : NLP_GRAIN_DAY;
            out->has_clock = e.has_clock;
            out->deadline = e.deadline;
            out->range_minutes = e.range_minutes;
            out->begin = p;
            out->end = p + n;
            return;
        }
        size_t cl;
        nlp_utf8_next(norm + p, &cl);
        p += cl ? cl : 1;
    }
}

/* ---- durations ---- */

/* A duration at p: 2小时, 两个小时, 一个半小时, 半小时, 九十分钟, 三刻钟, 1.5h,
 * 2 hours, 90 min. Returns bytes consumed, minutes in *minutes. As written
 * (`as_written`): 0小时 too, and past 1000 hours (minutes capped at
 * NLP_AMOUNT_MAX_MINUTES), so a command can refuse it instead of missing it. */
static size_t duration_at(const char *s, size_t p, int *minutes, int as_written)
{
    static const char *const hour_units[] = {"个半小时", "个半钟头", "个半钟", "个小时", "个钟头",
                                             "个钟", "小时", "钟头", "hours", "hour", "hrs", "hr",
                                             "h", NULL};
    static const char *const min_units[] = {"分钟", "分", "minutes", "minute", "mins", "min", NULL};
    size_t q = p, n;
    double v = 0;
    int cn, ui;
    if ((n = at(s, q, "半个小时")) || (n = at(s, q, "半小时")) || (n = at(s, q, "半个钟")) ||
        (n = at(s, q, "half an hour")) || (n = at(s, q, "half hour"))) {
        *minutes = 30;
        return n;
    }
    if (at(s, q, "个")) {
        /* Cantonese 个半钟 (钟头 is read 小时 before: this one has none) is an hour and a half, 一 left out (大概个半钟) */
        if ((n = at(s, q, "个半钟")) && !at(s, q + n, "头")) {
            *minutes = 90;
            return n;
        }
        /* 个把钟头: about an hour. (要个半小时, 等个半小时 is half an hour: 个 a filler there, as in 吃个饭) */
        if ((n = at(s, q, "个把小时")) || (n = at(s, q, "个把钟头")) || (n = at(s, q, "个把钟"))) {
            *minutes = 60;
            return n;
        }
    }
    /* 零点五小时, 0点5个小时: a decimal (no clock is 零点 and then hours long) */
    if ((n = at(s, q, "零点")) || (n = at(s, q, "〇点")) || (n = at(s, q, "0点"))) {
        double d = 0;
        int dcn, dui;
        size_t dk = number_at(s, q + n, &d, &dcn), u = q + n + dk, un;
        if (dk && d >= 1 && d <= 9 && d == (int)d && (un = at_any(s, u, hour_units + 3, &dui)) &&
            !is_ascii_alpha(s[u + un])) {
            *minutes = (int)(d * 6);
            return u + un - p;
        }
    }
    /* English number words before hour(s) */
    static const char *const en_hours[] = {"an hour and a half", "one and a half hours", "an hour", "one hour",
                                           "two hours", "three hours", "four hours", "a couple of hours", NULL};
    static const int en_minutes[] = {90, 90, 60, 60, 120, 180, 240, 120};
    int ei;
    if ((q == 0 || !is_ascii_alpha(s[q - 1])) && (n = at_any(s, q, en_hours, &ei)) && !is_ascii_alpha(s[q + n])) {
        *minutes = en_minutes[ei];
        return n;
    }
    size_t k = number_at(s, q, &v, &cn);
    if (!k) { /* colloquial two and three: 俩钟头, 仨小时 */
        cn = 1;
        if ((k = at(s, q, "俩")))
            v = 2;
        else if ((k = at(s, q, "仨")))
            v = 3;
    }
    if (!k || v < 0 || (!as_written && (v <= 0 || v > 1000)))
        return 0;
    if (v > NLP_AMOUNT_MAX_MINUTES / 60)
        v = NLP_AMOUNT_MAX_MINUTES / 60; /* 9999999999小时: absurd, and said so by the handler */
    q += k;
    if (at(s, q, "刻钟")) {
        *minutes = (int)(v * 15);
        return q + 6 - p;
    }
    /* 一个来小时, 十来个钟头: about so many hours (来 rounds, it adds nothing): a request's length, never an amount a
     * command credits (确认#3 一个来小时 is read as 一个多小时 is, without one) */
    if (cn && !as_written && ((n = at(s, q, "个来")) || (n = at(s, q, "来个")))) {
        size_t un = at(s, q + n, "小时");
        if (!un)
            un = at(s, q + n, "钟");
        if (un) {
            *minutes = (int)(v * 60);
            return q + n + un - p;
        }
    }
    size_t r = q;
    if (!cn)
        while (s[r] == ' ')
            r++;
    if ((n = at_any(s, r, hour_units, &ui))) {
        if (is_ascii_alpha(s[r + n]))
            return 0;
        int half = ui <= 2;
        *minutes = (int)(v * 60 + (half ? 30 : 0));
        q = r + n;
        if (!half && at(s, q, "半")) {
            *minutes += 30, q += 3;
        } else if (!half) { /* 1小时30分钟, 2小时零5分: the minutes belong to the same amount */
            size_t z = q;
            double mv = 0;
            int mcn, mi;
            while (s[z] == ' ')
                z++;
            if (at(s, z, "零"))
                z += 3;
            size_t mk = number_at(s, z, &mv, &mcn), mr = z + mk, mn;
            while (mk && !mcn && s[mr] == ' ')
                mr++;
            if (mk && mv >= 0 && mv < 60 && mv == (int)mv && (mn = at_any(s, mr, min_units, &mi)) &&
                !is_ascii_alpha(s[mr + mn])) {
                *minutes += (int)mv;
                q = mr + mn;
            }
        }
        return q - p;
    }
    if ((n = at_any(s, r, min_units, &ui))) {
        if (is_ascii_alpha(s[r + n]) || v != (int)v || at(s, r + n, "之"))
            return 0; /* 三分之一: a fraction */
        if (ui == 1 && !cn)
            return 0; /* "30分" alone is a score or a price more often */
        *minutes = (int)v;
        return r + n - p;
    }
    return 0;
}

/* Does a Chinese numeral end just before p (so p is inside a number such as 两三)? */
static int after_cn_numeral(const char *s, size_t p)
{
    size_t q = p;
    while (q > 0 && ((unsigned char)s[q - 1] & 0xC0) == 0x80)
        q--;
    if (q == 0)
        return 0;
    char one[8];
    size_t n = p - (q - 1);
    if (n > 4)
        return 0;
    memcpy(one, s + q - 1, n); /* the previous character alone */
    one[n] = '\0';
    double v;
    return nlp_number(one, &v) > 0;
}

/* The first duration from `from`: 1 with its minutes and byte offset, 0 when none. */
static int duration_find(const char *norm, size_t from, int as_written, int *minutes, size_t *begin)
{
    size_t len = strlen(norm);
    for (size_t p = from; p < len;) {
        unsigned char prev = p > 0 ? (unsigned char)norm[p - 1] : ' ';
        /* after #, 单号 or 编号 the number is an order's: 确认 #3 个小时 is not three hours */
        int order_no = prev == '#' || (p >= 6 && (!strncmp(norm + p - 6, "单号", 6) || !strncmp(norm + p - 6, "编号", 6)));
        int boundary = !(prev >= '0' && prev <= '9') && prev != '.' && !order_no && !is_ascii_alpha((char)prev) &&
                       !(prev >= 0x80 && after_cn_numeral(norm, p));
        int m = 0;
        size_t n = boundary ? duration_at(norm, p, &m, as_written) : 0;
        if (n) {
            /* 两小时后 is a time, 3点 is not a duration */
            static const char *const rel[] = {"之后", "以后", "后", "之前", "以前", "前", "内", NULL};
            size_t t = p + n;
            if (!at_any(norm, t, rel, NULL) && (m > 0 || as_written)) {
                *minutes = m;
                *begin = p;
                return 1;
            }
            p = t;
            continue;
        }
        size_t cl;
        nlp_utf8_next(norm + p, &cl);
        p += cl ? cl : 1;
    }
    return 0;
}

int nlp_duration_span(const char *norm, size_t from, size_t *begin, size_t *end)
{
    int m = 0, m2 = 0;
    size_t at0;
    if (!duration_find(norm, from, 0, &m, &at0))
        return 0;
    *begin = at0;
    *end = at0 + duration_at(norm, at0, &m2, 0);
    return m;
}

int nlp_duration_scan(const char *norm, size_t from)
{
    int m = 0;
    size_t at0;
    return duration_find(norm, from, 0, &m, &at0) ? m : 0;
}

int nlp_amount_scan(const char *norm, size_t from, int *minutes, int *nonpositive, int *unreadable)
{
    size_t begin = 0, len = strlen(norm);
    *minutes = 0;
    *nonpositive = 0;
    *unreadable = 0;
    /* the first number an hour or minute word follows, wherever it starts:
     * 1e3小时 has one (3小时), glued to what the bot does not read */
    for (size_t p = from; p < len;) {
        int m = 0;
        if (duration_at(norm, p, &m, 1)) {
            *unreadable = nlp_number_glued(norm, p);
            break;
        }
        size_t cl;
        nlp_utf8_next(norm + p, &cl);
        p += cl ? cl : 1;
    }
    if (!duration_find(norm, from, 1, minutes, &begin))
        return *unreadable;
    *nonpositive = *minutes <= 0 || nlp_minus_before(norm, begin);
    return 1;
}
