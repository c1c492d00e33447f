/* address.c — what a group may read of an address: at most the building, whatever the text it sits in. */
#include "handlers.h"

#include <string.h>

/* Where the scan is in an address: outside one, just after a place name
 * (和平小区, 幸福路), after the building or a coarser part (5栋, 3号院), or after a
 * part below the building that was cut (2单元, 301). */
enum chain { CH_NONE = 0, CH_PLACE, CH_KEEP, CH_CUT };

/* What a unit after a number says. */
enum level {
    LV_NONE = 0, /* not an address unit: 9点, 2小时, 11月 */
    LV_KEEP,     /* the building or coarser: 号楼 栋 幢 座 号院 院 期 区 */
    LV_CUT,      /* below the building: 单元 室 层 */
    LV_FLOOR,    /* 楼 without 号: a floor (5楼), unless 楼上/楼下/楼梯… */
    LV_MAYBE     /* 号 房 户 门: a house or flat number inside an address, else a date or a word */
};

static const struct {
    const char *w;
    enum level lv;
} units[] = {
    /* longest first: 号楼 before 号 and 楼 */
    {"号楼", LV_KEEP}, {"號樓", LV_KEEP}, {"号院", LV_KEEP}, {"號院", LV_KEEP}, {"号房", LV_CUT}, {"號房", LV_CUT},
    {"单元", LV_CUT},  {"單元", LV_CUT},  {"栋", LV_KEEP},   {"棟", LV_KEEP},   {"幢", LV_KEEP},  {"座", LV_KEEP},
    {"院", LV_KEEP},   {"期", LV_KEEP},   {"区", LV_KEEP},   {"區", LV_KEEP},   {"室", LV_CUT},   {"层", LV_CUT},
    {"層", LV_CUT},    {"楼", LV_FLOOR},  {"樓", LV_FLOOR},  {"号", LV_MAYBE},  {"號", LV_MAYBE}, {"房", LV_MAYBE},
    {"户", LV_MAYBE},  {"戶", LV_MAYBE},  {"门", LV_MAYBE},  {"門", LV_MAYBE},
};

/* A place whose next number is a house or building number: 幸福路18号, 和平小区18. */
static const char *const places[] = {"小区", "小區", "社区", "社區", "花园", "花園", "新村", "公寓", "家园", "家園",
                                     "大厦", "大廈", "大院", "胡同", "大道", "路", "街", "巷", "弄", "苑", "村"};

/* After a bare number, words that make it a time or a quantity (9点, 120 分钟). */
static const char *const quantities[] = {"点", "點", "时", "時", "小", "分", "个", "個", "人", "元", "块", "塊",
                                         "岁", "歲", "天", "周", "週", "月", "日", "年", "次", "斤", "星", "颗",
                                         "位", "张", "件", "份", "米", "钟", "刻", "半", "多", "余", "秒", "遍",
                                         "趟", "条", "只", "本", "支", "瓶", "袋", "箱", "台", "辆", "毛", "角",
                                         "倍", "公", "千", "万", "百", "单"};

/* Before a bare room number with no address around it: 到301, 住 301, 门牌号301, 我家301. */
static int lead_char(uint32_t cp)
{
    static const uint32_t leads[] = {0x5230 /* 到 */, 0x53BB /* 去 */, 0x5728 /* 在 */, 0x4F4F /* 住 */,
                                     0x81F3 /* 至 */, 0x5F80 /* 往 */, 0x5740 /* 址 */, 0x53F7 /* 号 */,
                                     0x865F /* 號 */, 0x724C /* 牌 */, 0x623F /* 房 */, 0x6237 /* 户 */,
                                     0x95E8 /* 门 */, 0x5BA4 /* 室 */, 0x5BB6 /* 家 */};
    for (size_t i = 0; i < BOT_ARRAY_LEN(leads); i++)
        if (cp == leads[i])
            return 1;
    return 0;
}

/* One UTF-8 character at s: its code point, *len its bytes (0 at the end). An
 * ill-formed byte is one character of its own. */
static uint32_t utf8_next(const char *s, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = u[0] == 0 ? 0 : u[0] < 0x80 ? 1 : (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3
                                              : (u[0] & 0xF8) == 0xF0 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if ((u[i] & 0xC0) != 0x80)
            n = 1; /* cut short: step over the lead byte alone */
    *len = n;
    if (n == 0)
        return 0;
    if (n == 1)
        return u[0] < 0x80 ? u[0] : 0xFFFD;
    uint32_t cp = u[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++)
        cp = cp << 6 | (u[i] & 0x3F);
    return cp;
}

static size_t word_at(const char *s, const char *w)
{
    size_t n = strlen(w);
    return strncmp(s, w, n) == 0 ? n : 0;
}

static size_t any_at(const char *s, const char *const *words, size_t nwords)
{
    for (size_t i = 0; i < nwords; i++) {
        size_t n = word_at(s, words[i]);
        if (n)
            return n;
    }
    return 0;
}

/* Does text [0, end) end with one of words? */
static int ends_with_any(const char *text, size_t end, const char *const *words, size_t nwords)
{
    for (size_t i = 0; i < nwords; i++) {
        size_t n = strlen(words[i]);
        if (n <= end && memcmp(text + end - n, words[i], n) == 0)
            return 1;
    }
    return 0;
}

/* One digit at s, ASCII or full-width (０-９): its bytes, 0 if none. */
static size_t digit_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] >= '0' && u[0] <= '9')
        return 1;
    if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
        return 3;
    return 0;
}

/* A dash between the groups of 5-2-301: ASCII or full-width (－). */
static size_t dash_at(const char *s)
{
    if (*s == '-')
        return 1;
    return word_at(s, "－");
}

static int is_han_numeral(uint32_t cp)
{
    static const uint32_t han[] = {0x96F6 /* 零 */, 0x3007 /* 〇 */, 0x4E00 /* 一 */, 0x4E8C /* 二 */, 0x4E24 /* 两 */,
                                   0x5169 /* 兩 */, 0x4E09 /* 三 */, 0x56DB /* 四 */, 0x4E94 /* 五 */, 0x516D /* 六 */,
                                   0x4E03 /* 七 */, 0x516B /* 八 */, 0x4E5D /* 九 */, 0x5341 /* 十 */, 0x767E /* 百 */};
    for (size_t i = 0; i < BOT_ARRAY_LEN(han); i++)
        if (cp == han[i])
            return 1;
    return 0;
}

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters that carry an address on to its next part: 3号楼 2单元, 5-2, 3号楼，301. */
static size_t separator_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == ',' || *s == '_')
        return 1;
    size_t n;
    if ((n = word_at(s, "，")) || (n = word_at(s, "、")) || (n = word_at(s, "－")) || (n = word_at(s, "-")))
        return n;
    return 0;
}

struct number {
    size_t len;       /* bytes, dashes included */
    int digits;       /* digits of the first group */
    int groups;       /* 5-2-301: 3 */
    int han;          /* written in Chinese numerals */
    int han_only_digits; /* 二零一: no 十 or 百 */
};

/* A number at s: digit groups joined by dashes, or a run of Chinese numerals. */
static size_t number_at(const char *s, struct number *n)
{
    size_t p = 0, d;
    memset(n, 0, sizeof *n);
    if (digit_at(s)) {
        n->groups = 1;
        while ((d = digit_at(s + p))) {
            p += d;
            n->digits++;
        }
        for (;;) {
            size_t k = dash_at(s + p);
            if (!k || !digit_at(s + p + k))
                break;
            p += k;
            while ((d = digit_at(s + p)))
                p += d;
            n->groups++;
        }
        n->len = p;
        return p;
    }
    n->han_only_digits = 1;
    for (int i = 0; i < 6; i++) {
        size_t len;
        uint32_t cp = utf8_next(s + p, &len);
        if (!len || !is_han_numeral(cp))
            break;
        if (cp == 0x5341 || cp == 0x767E) /* 十 百 */
            n->han_only_digits = 0;
        p += len;
        n->digits++;
    }
    n->han = p > 0;
    n->len = p;
    return p;
}

/* The address unit right after a number, *len its bytes. */
static enum level unit_at(const char *s, size_t *len)
{
    for (size_t i = 0; i < BOT_ARRAY_LEN(units); i++) {
        size_t n = word_at(s, units[i].w);
        if (!n)
            continue;
        *len = n;
        if (units[i].lv == LV_FLOOR) {
            static const char *const not_floor[] = {"上", "下", "梯", "道", "顶", "頂", "长", "長", "里", "裡"};
            if (any_at(s + n, not_floor, BOT_ARRAY_LEN(not_floor)))
                return LV_NONE;
        }
        return units[i].lv;
    }
    *len = 0;
    return LV_NONE;
}

/* After a bare number: a time, a decimal, a fraction, a letter unit (9:00,
 * 1.5, 3pm), or after spaces a quantity word (120 分钟). */
static int quantity_after(const char *s)
{
    if (*s == ':' || *s == '.' || *s == '/' || *s == '%' || *s == '*' || (*s >= 'a' && *s <= 'z') ||
        (*s >= 'A' && *s <= 'Z') || word_at(s, "：") || word_at(s, "．"))
        return 1;
    while (*s == ' ')
        s++;
    return any_at(s, quantities, BOT_ARRAY_LEN(quantities)) > 0;
}

/* The last character of s[0, len). */
static uint32_t last_char(const char *s, size_t len)
{
    size_t q = len;
    while (q > 0 && ((unsigned char)s[q - 1] & 0xC0) == 0x80)
        q--;
    if (q == 0)
        return 0;
    size_t n;
    return utf8_next(s + q - 1, &n);
}

/* Can a number start after prev? Not inside #12, 1.5, 09:00, 138****5678, a word. */
static int number_may_start(uint32_t prev)
{
    if (prev >= 0xFF10 && prev <= 0xFF19)
        return 0; /* inside a full-width number */
    if (prev >= 0x80 || prev == 0)
        return 1;
    return !is_ascii_alnum((unsigned char)prev) && !strchr(".#*:/+@_", (int)prev);
}

/* Is prev where a bare room number may follow with nothing else around it? */
static int room_may_follow(uint32_t prev)
{
    return prev == 0 || prev < 0x80 || (prev >= 0x3000 && prev <= 0x303F) || (prev >= 0xFF00 && prev <= 0xFF0F) ||
           lead_char(prev);
}

/* Should the number n at s (followed by its unit lv of ulen bytes) go? *address
 * = 1 when it is an address part at all (kept or cut); 0 = ordinary text. */
static int decide(const char *s, const struct number *n, enum level lv, size_t ulen, enum chain ch, uint32_t prev,
                  int *address)
{
    const char *after = s + n->len;
    *address = 1;
    if (n->han) {
        /* Chinese numerals are a number only before an address unit (三号楼二单元),
         * or as a room written digit by digit right after an address (三号楼二零一) */
        if (lv == LV_NONE) {
            *address = ch != CH_NONE && n->han_only_digits && n->digits >= 3 && !quantity_after(after);
            return *address;
        }
        /* 这一层, 万一楼: a floor only inside an address or after 住/在/到 */
        if ((lv == LV_FLOOR || word_at(after, "层") || word_at(after, "層")) && ch == CH_NONE &&
            !room_may_follow(prev)) {
            *address = 0;
            return 0;
        }
    }
    switch (lv) {
    case LV_KEEP:
        return n->groups > 1; /* 5-2栋: which part is the building? unsure, so none */
    case LV_CUT:
    case LV_FLOOR:
        return 1;
    case LV_MAYBE:
        /* 幸福路18号, 5栋301号, 301号: an address; 1号, 12号单: a date, an order */
        if (word_at(after + ulen, "单") || word_at(after + ulen, "單") ||
            !(ch != CH_NONE || n->digits >= 3 || n->groups > 1)) {
            *address = 0;
            return 0;
        }
        return 1;
    case LV_NONE:
        break;
    }
    *address = 0;
    if (quantity_after(after))
        return 0; /* 9点, 2-3小时, 9-11点, 120 分钟, 1.5, 09:00 */
    if (n->groups > 1) /* 5-2-301 is an address; 2026-11-24 a date */
        *address = n->digits != 4;
    else /* after an address it is below the building (3号楼501, 和平小区18); on
          * its own, 3 or 4 digits after 到/住/a space are a room */
        *address = ch != CH_NONE || (n->digits >= 3 && n->digits <= 4 && room_may_follow(prev));
    return *address;
}

void hd_mask_address(char *text)
{
    size_t r = 0, w = 0;
    size_t keep_end = 0;        /* where the address written so far ends (w) */
    enum chain ch = CH_NONE;
    uint32_t prev = 0;          /* the last character read */
    while (text[r]) {
        const char *s = text + r;
        unsigned char c0 = (unsigned char)*s;
        struct number n;
        size_t ulen = 0;
        int may = number_may_start(prev);
        /* a letter naming a building: A座, B栋 */
        if (may && ((c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z')) && unit_at(s + 1, &ulen) == LV_KEEP) {
            memmove(text + w, s, 1 + ulen);
            w += 1 + ulen;
            r += 1 + ulen;
            prev = last_char(text, w);
            keep_end = w;
            ch = CH_KEEP;
            continue;
        }
        if (may && number_at(s, &n)) {
            /* 3 号楼 2 单元: spaces before a unit that is surely one */
            size_t sp = 0;
            while (s[n.len + sp] == ' ')
                sp++;
            enum level lv = unit_at(s + n.len + sp, &ulen);
            if (sp && (lv == LV_MAYBE || lv == LV_NONE))
                lv = unit_at(s + n.len, &ulen);
            else
                ulen += sp;
            int address = 0;
            int cut = decide(s, &n, lv, ulen, ch, prev, &address);
            if (address || !n.han) {
                size_t span = n.len + (address && lv != LV_NONE ? ulen : 0);
                /* after a cut part the next may start at once (501三楼); after a
                 * written number not (09:00 stays whole) */
                prev = cut ? 0 : last_char(s, span);
                if (cut) {
                    if (ch != CH_NONE)
                        w = keep_end; /* the separators before it go too */
                    else if (w >= 3 && memcmp(text + w - 3, "第", 3) == 0)
                        w -= 3; /* 第三单元 */
                    keep_end = w;
                    ch = CH_CUT;
                } else {
                    memmove(text + w, s, span);
                    w += span;
                    if (address) {
                        keep_end = w;
                        ch = CH_KEEP;
                    } else {
                        ch = CH_NONE;
                    }
                }
                r += span;
                continue;
            }
        }
        size_t len;
        uint32_t cp = utf8_next(s, &len);
        if (!len)
            break;
        int sep = separator_at(s) == len;
        memmove(text + w, s, len);
        w += len;
        r += len;
        prev = cp;
        if (sep)
            continue; /* an address goes on across a separator: 3号楼 2单元 */
        if (ends_with_any(text, w, places, BOT_ARRAY_LEN(places))) {
            ch = CH_PLACE;
            keep_end = w;
        } else {
            ch = CH_NONE;
        }
    }
    text[w] = '\0';
}

void hd_public_location(const char *loc, char *out, size_t outsz)
{
    bot_strlcpy(out, loc ? loc : "", outsz);
    hd_mask_address(out);
    /* no separator left hanging where a part was cut */
    size_t n = strlen(out);
    for (;;) {
        if (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '-' || out[n - 1] == ',' || out[n - 1] == '_')) {
            n--;
        } else if (n >= 3 && (memcmp(out + n - 3, "，", 3) == 0 || memcmp(out + n - 3, "、", 3) == 0 ||
                              memcmp(out + n - 3, "－", 3) == 0)) {
            n -= 3;
        } else {
            break;
        }
        out[n] = '\0';
    }
}
