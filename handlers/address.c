/* address.c — what a group may read of an address: at most the building, whatever the text it sits in. */
#include "handlers.h"

#include <string.h>

/* An address is a chain of parts, each a designator and a marker: 5栋, 2单元,
 * 乙单元, B座, 东单元, 301室, Room 301. A designator is a number (digits,
 * full-width digits, Chinese numerals, 5-2-301), Latin letters (A, b, A1203),
 * a 天干 (甲乙丙…) or a side (东西南北中). Parts down to the building are kept;
 * every part below it is cut, and so is whatever looks like one inside an
 * address. Where it is unsure, it cuts. */

/* Where the scan is in an address: outside one, just after a place name
 * (和平小区, 幸福路), after the building or a coarser part (5栋, 3号院), or after a
 * part below the building that was cut (2单元, 301). */
enum chain { CH_NONE = 0, CH_PLACE, CH_KEEP, CH_CUT };

/* What a marker after a designator says. */
enum level {
    LV_NONE = 0, /* not an address marker: 9点, 2小时, 11月 */
    LV_KEEP,     /* the building or coarser: 号楼 栋 幢 座 号院 院 期 区 5# */
    LV_CUT,      /* below the building: 单元 室 层 号房 门洞 */
    LV_FLOOR,    /* 楼 without 号: a floor (5楼), unless 楼上/楼下/楼梯… */
    LV_MAYBE     /* 号 房 户 门: a house or flat number inside an address, else a date or a word */
};

/* What the scan found at a position. */
enum part {
    PART_NONE = 0, /* nothing: read one character */
    PART_TEXT,     /* a token that is no address (09:00, 2小时, a word): copied whole */
    PART_KEEP,     /* an address part a group may read */
    PART_CUT       /* an address part below the building */
};

static const struct {
    const char *w;
    enum level lv;
} units[] = {
    /* longest first: 号楼 before 号 and 楼; 5#楼 and 5# are 5号楼 */
    {"号楼", LV_KEEP}, {"號樓", LV_KEEP}, {"号院", LV_KEEP}, {"號院", LV_KEEP}, {"#楼", LV_KEEP},  {"#樓", LV_KEEP},
    {"号房", LV_CUT},  {"號房", LV_CUT},  {"号室", LV_CUT},  {"號室", LV_CUT},  {"号户", LV_CUT},  {"號戶", LV_CUT},
    {"门洞", LV_CUT},  {"門洞", LV_CUT},  {"单元", LV_CUT},  {"單元", LV_CUT},  {"栋", LV_KEEP},   {"棟", LV_KEEP},
    {"幢", LV_KEEP},   {"座", LV_KEEP},   {"院", LV_KEEP},   {"期", LV_KEEP},   {"区", LV_KEEP},   {"區", LV_KEEP},
    {"#", LV_KEEP},    {"室", LV_CUT},    {"层", LV_CUT},    {"層", LV_CUT},    {"楼", LV_FLOOR},  {"樓", LV_FLOOR},
    {"号", LV_MAYBE},  {"號", LV_MAYBE},  {"房", LV_MAYBE},  {"户", LV_MAYBE},  {"戶", LV_MAYBE},  {"门", LV_MAYBE},
    {"門", LV_MAYBE},
};

/* Markers that name a building whatever their designator: 甲栋, 东座. */
static const char *const building_marks[] = {"栋", "棟", "幢", "座"};

/* Markers written before their designator (Room 301, Rm. 5, Flat 3, Unit 2), lower case. */
static const char *const latin_marks[] = {"room", "rm", "flat", "unit", "apt", "suite", "floor", "fl"};

/* Letters after a number that make it a time or a quantity (3pm, 2h, 5kg), not a flat (301a). */
static const char *const latin_quantities[] = {"am", "pm", "h", "hr", "m", "s", "x", "k", "kg", "km", "st", "nd",
                                               "rd", "th"};

/* A place whose next number is a house or building number: 幸福路18号, 和平小区18. */
static const char *const places[] = {"小区", "小區", "社区", "社區", "花园", "花園", "新村", "公寓", "家园", "家園",
                                     "大厦", "大廈", "大院", "胡同", "大道", "路", "街", "巷", "弄", "苑", "村"};

/* Words after which letters and digits are a code, never a room (收据号 A123, 发票号F009, 工号 A1203, 订单号 12345):
 * the digest and the group kept 收据号 with its number cut (play-test 14). */
static const char *const code_words[] = {"收据号", "收據號", "发票号", "發票號", "单号", "單號", "编号", "編號", "工号",
                                         "工號", "学号", "學號", "流水号", "流水號", "凭证号", "憑證號", "卡号", "卡號",
                                         "账号", "帳號", "券号", "券號", "兑换码", "兌換碼", "验证码", "驗證碼", "型号",
                                         "型號", "车次", "車次", "航班", "拨打", "撥打", "打", "呼叫", "热线", "熱線"};

/* After a bare number, words that make it a time or a quantity (9点, 120 分钟). */
static const char *const quantities[] = {"点", "點", "时", "時", "小", "分", "个", "個", "人", "元", "块", "塊",
                                         "岁", "歲", "天", "周", "週", "月", "日", "年", "次", "斤", "星", "颗",
                                         "位", "张", "件", "份", "米", "钟", "刻", "半", "多", "余", "秒", "遍",
                                         "趟", "条", "只", "本", "支", "瓶", "袋", "箱", "台", "辆", "毛", "角",
                                         "倍", "公", "千", "万", "百", "单"};

static int in_list(uint32_t cp, const uint32_t *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp == list[i])
            return 1;
    return 0;
}

/* Before a bare room number with no address around it: 到301, 住 301, 门牌号301, 我家301. */
static int lead_char(uint32_t cp)
{
    static const uint32_t leads[] = {0x5230 /* 到 */, 0x53BB /* 去 */, 0x5728 /* 在 */, 0x4F4F /* 住 */,
                                     0x81F3 /* 至 */, 0x5F80 /* 往 */, 0x5740 /* 址 */, 0x53F7 /* 号 */,
                                     0x865F /* 號 */, 0x724C /* 牌 */, 0x623F /* 房 */, 0x6237 /* 户 */,
                                     0x95E8 /* 门 */, 0x5BA4 /* 室 */, 0x5BB6 /* 家 */};
    return in_list(cp, leads, BOT_ARRAY_LEN(leads));
}

/* A designator of one character: a 天干 (甲单元) or a side (东单元, 中门). */
static int sign_char(uint32_t cp)
{
    static const uint32_t signs[] = {0x7532 /* 甲 */, 0x4E59 /* 乙 */, 0x4E19 /* 丙 */, 0x4E01 /* 丁 */,
                                     0x620A /* 戊 */, 0x5DF1 /* 己 */, 0x5E9A /* 庚 */, 0x8F9B /* 辛 */,
                                     0x58EC /* 壬 */, 0x7678 /* 癸 */, 0x4E1C /* 东 */, 0x6771 /* 東 */,
                                     0x897F /* 西 */, 0x5357 /* 南 */, 0x5317 /* 北 */, 0x4E2D /* 中 */};
    return in_list(cp, signs, BOT_ARRAY_LEN(signs));
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

static int in_words(const char *w, const char *const *words, size_t nwords)
{
    for (size_t i = 0; i < nwords; i++)
        if (strcmp(w, words[i]) == 0)
            return 1;
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

/* One Latin letter at s, ASCII or full-width (Ａ-Ｚ ａ-ｚ): its bytes, *lower
 * the letter in lower case; 0 if none. */
static size_t latin_at(const char *s, char *lower)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')) {
        *lower = (char)(u[0] | 0x20);
        return 1;
    }
    if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0xA1 && u[2] <= 0xBA) {
        *lower = (char)('a' + (u[2] - 0xA1));
        return 3;
    }
    if (u[0] == 0xEF && u[1] == 0xBD && u[2] >= 0x81 && u[2] <= 0x9A) {
        *lower = (char)('a' + (u[2] - 0x81));
        return 3;
    }
    return 0;
}

/* A run of Latin letters at s: its bytes, *n its letters, its first
 * wordsz - 1 letters in lower case into word. */
static size_t latin_run(const char *s, int *n, char *word, size_t wordsz)
{
    size_t p = 0, k;
    char c;
    *n = 0;
    while ((k = latin_at(s + p, &c))) {
        if ((size_t)*n + 1 < wordsz)
            word[*n] = c;
        (*n)++;
        p += k;
    }
    word[(size_t)*n < wordsz ? (size_t)*n : wordsz - 1] = '\0';
    return p;
}

static size_t digits_run(const char *s, int *count)
{
    size_t p = 0, d;
    *count = 0;
    while ((d = digit_at(s + p))) {
        p += d;
        (*count)++;
    }
    return p;
}

/* A dash between the groups of 5-2-301: any Unicode dash or minus. */
static size_t dash_at(const char *s)
{
    size_t len;
    uint32_t cp = utf8_next(s, &len);
    return len && nlp_is_dash(cp) ? len : 0;
}

static int is_han_numeral(uint32_t cp)
{
    static const uint32_t han[] = {0x96F6 /* 零 */, 0x3007 /* 〇 */, 0x4E00 /* 一 */, 0x4E8C /* 二 */, 0x4E24 /* 两 */,
                                   0x5169 /* 兩 */, 0x4E09 /* 三 */, 0x56DB /* 四 */, 0x4E94 /* 五 */, 0x516D /* 六 */,
                                   0x4E03 /* 七 */, 0x516B /* 八 */, 0x4E5D /* 九 */, 0x5341 /* 十 */, 0x767E /* 百 */,
                                   0x5E7A /* 幺 */, 0x58F9 /* 壹 */, 0x8D30 /* 贰 */, 0x8CB3 /* 貳 */, 0x53C1 /* 叁 */,
                                   0x8086 /* 肆 */, 0x4F0D /* 伍 */, 0x9646 /* 陆 */, 0x9678 /* 陸 */, 0x67D2 /* 柒 */,
                                   0x634C /* 捌 */, 0x7396 /* 玖 */, 0x62FE /* 拾 */, 0x4F70 /* 佰 */};
    return in_list(cp, han, BOT_ARRAY_LEN(han));
}

/* Characters that carry an address on to its next part: 3号楼 2单元, 5-2,
 * 3号楼，301, 5栋/2单元, 5栋·2单元. */
static int is_separator(uint32_t cp)
{
    static const uint32_t seps[] = {' ', '\t', ',', '_', '/', '\\', '|', 0xFF0C /* ， */, 0x3001 /* 、 */,
                                    0xFF0F /* ／ */, 0x00B7 /* · */, 0x30FB /* ・ */, 0x2027 /* ‧ */,
                                    0x3000 /* ideographic space */, 0x00A0 /* no-break space */};
    return in_list(cp, seps, BOT_ARRAY_LEN(seps)) || (cp >= 0x2000 && cp <= 0x200A) || nlp_is_dash(cp);
}

struct number {
    size_t len;       /* bytes, dashes included */
    int digits;       /* digits of the first group */
    int groups;       /* 5-2-301: 3 */
    int han;          /* written in Chinese numerals */
};

/* A number at s: digit groups joined by dashes, or a run of Chinese numerals. */
static size_t number_at(const char *s, struct number *n)
{
    size_t p = 0;
    int count;
    memset(n, 0, sizeof *n);
    if (digit_at(s)) {
        n->groups = 1;
        p = digits_run(s, &n->digits);
        for (;;) {
            size_t k = dash_at(s + p);
            if (!k || !digit_at(s + p + k))
                break;
            p += k;
            p += digits_run(s + p, &count);
            n->groups++;
        }
        n->len = p;
        return p;
    }
    for (int i = 0; i < 6; i++) {
        size_t len;
        uint32_t cp = utf8_next(s + p, &len);
        if (!len || !is_han_numeral(cp))
            break;
        p += len;
        n->digits++;
    }
    n->han = p > 0;
    n->len = p;
    return p;
}

/* The address marker right after a designator, *len its bytes. */
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

/* The marker after a designator of dlen bytes at s, spaces allowed before a
 * sure one (3 号楼, B 单元): its level, *ulen the bytes from s + dlen to its end. */
static enum level marker_after(const char *s, size_t dlen, size_t *ulen)
{
    size_t sp = 0;
    while (s[dlen + sp] == ' ')
        sp++;
    enum level lv = unit_at(s + dlen + sp, ulen);
    if (sp && (lv == LV_MAYBE || lv == LV_NONE || s[dlen + sp] == '#')) /* 5 #12 is a number and an id */
        return unit_at(s + dlen, ulen);
    *ulen += sp;
    return lv;
}

/* After a bare number: a time, a decimal, a fraction, a letter unit (9:00,
 * 1.5, 3pm), or after spaces a quantity word (120 分钟). */
static int quantity_after(const char *s)
{
    char c;
    if (*s == ':' || *s == '.' || *s == '/' || *s == '%' || *s == '*' || latin_at(s, &c) || word_at(s, "：") ||
        word_at(s, "．"))
        return 1;
    while (*s == ' ')
        s++;
    return any_at(s, quantities, BOT_ARRAY_LEN(quantities)) > 0;
}

/* Letters glued after a number that name a flat (301a, 12B, 3o1), not a time
 * or a quantity (3pm, 2h): their bytes with the digits after them, else 0. */
static size_t flat_letters(const char *s)
{
    int nl, nd;
    char word[8];
    size_t lb = latin_run(s, &nl, word, sizeof word);
    if (!lb || nl > 2 || in_words(word, latin_quantities, BOT_ARRAY_LEN(latin_quantities)))
        return 0;
    size_t db = digits_run(s + lb, &nd);
    char c;
    return latin_at(s + lb + db, &c) ? 0 : lb + db;
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

/* Can a designator start after prev? Not inside #12, 1.5, 09:00, 138****5678,
 * a word; inside an address, after any separator (5栋/2单元). */
static int part_may_start(uint32_t prev, enum chain ch)
{
    if (ch != CH_NONE && is_separator(prev))
        return 1;
    if ((prev >= 0xFF10 && prev <= 0xFF19) || (prev >= 0xFF21 && prev <= 0xFF3A) || (prev >= 0xFF41 && prev <= 0xFF5A))
        return 0; /* inside a full-width number or word */
    if (prev >= 0x80 || prev == 0)
        return 1;
    return !((prev >= '0' && prev <= '9') || (prev >= 'a' && prev <= 'z') || (prev >= 'A' && prev <= 'Z')) &&
           !strchr(".#*:/+@_", (int)prev);
}

/* Is prev where a bare room number may follow with nothing else around it? */
static int room_may_follow(uint32_t prev)
{
    return prev == 0 || prev < 0x80 || (prev >= 0x3000 && prev <= 0x303F) || (prev >= 0xFF00 && prev <= 0xFF0F) ||
           lead_char(prev);
}

/* Should the number n at s (followed by its marker lv of ulen bytes) go? *address
 * = 1 when it is an address part at all (kept or cut); 0 = ordinary text. */
static int decide(const char *s, const struct number *n, enum level lv, size_t ulen, enum chain ch, uint32_t prev,
                  int *address)
{
    const char *after = s + n->len;
    *address = 1;
    if (n->han) {
        /* Chinese numerals are a number only before an address marker (三号楼二单元),
         * or as a room inside an address (三号楼二零一, 5栋二单元三百零一, 二单元十二) */
        if (lv == LV_NONE) {
            *address = ch != CH_NONE && !quantity_after(after) &&
                       (n->digits >= 3 || (n->digits == 2 && (ch == CH_KEEP || ch == CH_CUT)));
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

/* A number and its marker at s: 5栋, 2单元, 301, 301a, 09:00. */
static enum part number_part(const char *s, enum chain ch, uint32_t prev, size_t *span)
{
    struct number n;
    size_t ulen = 0;
    if (!number_at(s, &n))
        return PART_NONE;
    enum level lv = marker_after(s, n.len, &ulen);
    if (!n.han && lv == LV_NONE) {
        /* 301a, 12B inside an address, or 到301a: a flat named by letters too */
        size_t lb = flat_letters(s + n.len);
        int flat = n.groups > 1 ? n.digits != 4 /* 5-2-301a; 2026-11-24T09 is a time */
                                : ch != CH_NONE || (n.digits >= 3 && n.digits <= 4 && room_may_follow(prev));
        if (lb && flat) {
            *span = n.len + lb;
            return PART_CUT;
        }
    }
    int address = 0;
    int cut = decide(s, &n, lv, ulen, ch, prev, &address);
    if (!address && n.han)
        return PART_NONE; /* 万一, 一起: ordinary words */
    *span = n.len + (address && lv != LV_NONE ? ulen : 0);
    return cut ? PART_CUT : address ? PART_KEEP : PART_TEXT;
}

/* What a Latin marker (Room, Rm., Unit) names, after its dot, spaces, # or
 * colon: its bytes from s, 0 when it names nothing. */
static size_t latin_mark_target(const char *s)
{
    size_t p = 0, d;
    int nl;
    char word[8];
    if (s[p] == '.')
        p++;
    while (s[p] == ' ' || s[p] == '#' || s[p] == ':')
        p++;
    struct number n;
    if (number_at(s + p, &n))
        return p + n.len + (n.han ? 0 : flat_letters(s + p + n.len));
    if ((d = latin_run(s + p, &nl, word, sizeof word)) && nl <= 2) {
        int nd;
        return p + d + digits_run(s + p + d, &nd);
    }
    return 0;
}

/* Latin letters at s: a marker and what it names (Room 301), or a designator
 * (B单元, A座, A1203, 5栋 a). */
static enum part latin_part(const char *s, enum chain ch, uint32_t prev, size_t *span)
{
    int nl, nd;
    char word[8], c;
    size_t lb = latin_run(s, &nl, word, sizeof word);
    if (!lb)
        return PART_NONE;
    *span = lb;
    if (nl <= 5 && in_words(word, latin_marks, BOT_ARRAY_LEN(latin_marks))) {
        size_t t = latin_mark_target(s + lb);
        if (t) {
            *span = lb + t;
            return PART_CUT;
        }
        return PART_TEXT;
    }
    if (nl > 2)
        return PART_TEXT; /* a word */
    size_t p = lb + digits_run(s + lb, &nd);
    if (latin_at(s + p, &c))
        return PART_TEXT; /* a1b: some code, not an address */
    size_t ulen = 0;
    enum level lv = marker_after(s, p, &ulen);
    *span = p;
    switch (lv) {
    case LV_KEEP: /* A座, B栋, A3座 */
        *span = p + ulen;
        return PART_KEEP;
    case LV_FLOOR: /* A楼 is a building, B1楼 a floor */
        *span = p + ulen;
        return nd ? PART_CUT : PART_KEEP;
    case LV_CUT: /* B单元, A室 */
        *span = p + ulen;
        return PART_CUT;
    case LV_MAYBE: /* 5栋B户, A301号 */
        if (ch != CH_NONE || (nd >= 3 && room_may_follow(prev))) {
            *span = p + ulen;
            return PART_CUT;
        }
        return PART_TEXT;
    case LV_NONE:
        break;
    }
    if (nd) /* A1203 inside an address or after 到/住; G1234次 is a train */
        return !quantity_after(s + p) && (ch != CH_NONE || (nd >= 3 && nd <= 4 && room_may_follow(prev))) ? PART_CUT
                                                                                                         : PART_TEXT;
    /* 5栋 A, 5栋2单元 b: a single letter below a building */
    return nl == 1 && (ch == CH_KEEP || ch == CH_CUT) ? PART_CUT : PART_TEXT;
}

/* A 天干 or a side and its marker at s: 乙单元, 东单元, 东侧单元, 甲栋, 5栋东户, 5栋东301. */
static enum part sign_part(const char *s, enum chain ch, size_t *span)
{
    static const char *const sides[] = {"侧", "側", "边", "邊", "面", "头", "頭", "首"};
    size_t len, ulen = 0;
    uint32_t cp = utf8_next(s, &len);
    if (!len || !sign_char(cp))
        return PART_NONE;
    len += any_at(s + len, sides, BOT_ARRAY_LEN(sides)); /* 东侧单元, 西边门 */
    enum level lv = marker_after(s, len, &ulen);
    int below = ch == CH_KEEP || ch == CH_CUT; /* inside a building */
    *span = len + ulen;
    switch (lv) {
    case LV_CUT: /* 乙单元 anywhere; 中层, 东室 only inside an address */
        if (word_at(s + *span - 6, "单元") || word_at(s + *span - 6, "單元") || ch != CH_NONE)
            return PART_CUT;
        break;
    case LV_MAYBE: /* 5栋东户, 5栋东门; 公园东门, 小区南门 stay */
        if (below)
            return PART_CUT;
        break;
    case LV_KEEP: /* 甲栋, 东座 anywhere; 东区, 西院 inside an address */
    case LV_FLOOR:
        if (ch != CH_NONE || any_at(s + *span - 3, building_marks, BOT_ARRAY_LEN(building_marks)))
            return PART_KEEP;
        break;
    case LV_NONE:
        if (below && digit_at(s + len)) { /* 5栋东301: the side goes, then the number */
            struct number n;
            number_at(s + len, &n);
            if (!quantity_after(s + len + n.len)) {
                *span = len;
                return PART_CUT;
            }
        }
        break;
    }
    return PART_NONE;
}

void hd_mask_address(char *text)
{
    size_t r = 0, w = 0;
    size_t keep_end = 0;        /* where the address written so far ends (w) */
    enum chain ch = CH_NONE;
    uint32_t prev = 0;          /* the last character read */
    int code_next = 0;          /* after 收据号 …: the next run of letters and digits is a code */
    while (text[r]) {
        const char *s = text + r;
        size_t span = 0;
        enum part pt = PART_NONE;
        if (code_next && ((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))) {
            while ((text[r] >= '0' && text[r] <= '9') || (text[r] >= 'A' && text[r] <= 'Z') ||
                   (text[r] >= 'a' && text[r] <= 'z') || text[r] == '-')
                text[w++] = text[r++];
            code_next = 0;
            ch = CH_NONE;
            prev = 'A';
            continue;
        }
        if (part_may_start(prev, ch)) {
            pt = number_part(s, ch, prev, &span);
            if (pt == PART_NONE)
                pt = latin_part(s, ch, prev, &span);
            if (pt == PART_NONE)
                pt = sign_part(s, ch, &span);
        }
        if (pt == PART_CUT) {
            if (ch != CH_NONE)
                w = keep_end; /* the separators before it go too */
            else if (w >= 3 && memcmp(text + w - 3, "第", 3) == 0)
                w -= 3; /* 第三单元 */
            keep_end = w;
            ch = CH_CUT;
            prev = 0; /* the next part may start at once (501三楼) */
            r += span;
            continue;
        }
        if (pt != PART_NONE) {
            memmove(text + w, s, span);
            w += span;
            r += span;
            if (pt == PART_KEEP) {
                keep_end = w;
                ch = CH_KEEP;
                prev = 0; /* 5#2单元: the next part may start at once */
            } else {
                ch = CH_NONE;
                prev = last_char(text, w); /* after a written number not (09:00 stays whole) */
            }
            continue;
        }
        size_t len;
        uint32_t cp = utf8_next(s, &len);
        if (!len)
            break;
        memmove(text + w, s, len);
        w += len;
        r += len;
        prev = cp;
        if (is_separator(cp) || cp == ':' || cp == 0xFF1A)
            continue; /* an address goes on across a separator: 3号楼 2单元 (and a code after 收据号：) */
        code_next = ends_with_any(text, w, code_words, BOT_ARRAY_LEN(code_words));
        if (code_next) {
            ch = CH_NONE;
        } else if (ends_with_any(text, w, places, BOT_ARRAY_LEN(places))) {
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
    while (n > 0) {
        size_t q = n;
        while (q > 0 && ((unsigned char)out[q - 1] & 0xC0) == 0x80)
            q--;
        if (q == 0)
            break;
        size_t len;
        uint32_t cp = utf8_next(out + q - 1, &len);
        if (!is_separator(cp))
            break;
        n = q - 1;
        out[n] = '\0';
    }
}

int hd_address_private(const struct store_request *r, const struct store_member *req)
{
    char pub[128];
    if (!r->location[0]) /* hd_accept_note tells the volunteer her unit then */
        return req->building[0] && req->unit[0];
    hd_public_location(r->location, pub, sizeof pub);
    return strcmp(pub, r->location) != 0;
}

enum bot_rc hd_address_open(const struct hd_ctx *ctx, const struct store_request *r, int64_t vol, int *open,
                            int64_t *from)
{
    const struct hd_rules *rules = &ctx->set->rules;
    int n = 0;
    *open = 1;
    *from = 0;
    if (rules->address_withdraw_count <= 0)
        return BOT_OK;
    enum bot_rc rc = store_strike_count(ctx->st, vol, STORE_STRIKE_WITHDRAW,
                                        ctx->now - (int64_t)rules->address_withdraw_days * 86400, &n);
    if (rc != BOT_OK || n < rules->address_withdraw_count)
        return rc;
    *from = r->start_at ? r->start_at - 3600 : 0;
    *open = *from && ctx->now >= *from;
    return BOT_OK;
}

enum bot_rc hd_address_withdrawn(const struct hd_ctx *ctx, const struct store_member *vol, const struct store_request *r,
                                 int64_t accepted_at)
{
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_member req;
    int open = 0, n = 0, unread = 0;
    int64_t from = 0, known = 0, clash = 0;
    enum bot_rc rc = store_member_get(ctx->st, r->requester_id, &req);
    if (rc != BOT_OK || !hd_address_private(r, &req))
        return rc;
    if ((rc = hd_address_open(ctx, r, vol->id, &open, &from)) != BOT_OK || !open)
        return rc; /* never shown her: nothing read, nothing counted */
    /* taken in a group, the door went into a notice: unread when given back, nothing was shown (play-test 9) */
    if (accepted_at && (rc = store_notice_unread_about(ctx->st, vol->id, r->id, accepted_at, &unread)) != BOT_OK)
        return rc;
    if (unread)
        return BOT_OK;
    if ((rc = store_request_door_known(ctx->st, vol->id, r->requester_id, r->id, r->location, &known)) != BOT_OK || known)
        return rc; /* her door was known to him from another order of hers (held, served or given back): nothing new */
    /* an order that meets another he took before it and still holds: the bot's own clash warning told him to give it
     * back (请在 10 分钟内发「撤销」, or in a group, read perhaps hours later, 请尽早发「取消 #N」; play-test 8: following
     * it earned a count). Any other give-back, within the free 10 minutes or not, is still counted (play-test 7) */
    if (r->start_at && accepted_at &&
        (rc = store_request_clash(ctx->st, vol->id, r->id, r->start_at,
                                  r->start_at + (int64_t)hd_estimate_minutes(rules, r) * 60,
                                  rules->default_estimate_minutes, &clash)) != BOT_OK)
        return rc;
    if (clash) {
        struct store_request other;
        if ((rc = store_request_get(ctx->st, clash, &other)) != BOT_OK)
            return rc;
        if (other.accepted_at && other.accepted_at <= accepted_at)
            return BOT_OK;
    }
    if ((rc = store_strike_add(ctx->st, vol->id, r->id, STORE_STRIKE_WITHDRAW, ctx->now)) != BOT_OK ||
        rules->address_withdraw_count <= 0)
        return rc;
    if ((rc = store_strike_count(ctx->st, vol->id, STORE_STRIKE_WITHDRAW,
                                 ctx->now - (int64_t)rules->address_withdraw_days * 86400, &n)) != BOT_OK)
        return rc;
    if (n != rules->address_withdraw_count)
        return BOT_OK; /* below it, or staff were told when it was reached */
    char text[400];
    snprintf(text, sizeof text,
             "提醒：%s%s%s%s %d 天内第 %d 次接单、看到详细地址后又退回（最近一次 #%lld）。之后接的单，详细地址要到开始前 1 "
             "小时才告诉本人。如有疑问请了解情况。",
             hd_display_name(vol), vol->building[0] ? "（" : "", vol->building, vol->building[0] ? "）" : "",
             rules->address_withdraw_days, n, (long long)r->id);
    bot_log(BOT_LOG_INFO, "member %lld: %d orders given back after their address was shown", (long long)vol->id, n);
    return hd_tell_staff(ctx, vol->building, "address_withdraw", text);
}

void hd_address_later(const struct hd_ctx *ctx, int64_t id, int64_t from, const char *manager, char *buf, size_t bufsz)
{
    char when[HD_WHEN_MAX];
    if (!from) {
        snprintf(buf, bufsz, "\n您近期几次接单后又退回，所以详细门牌请向%s要。\n", manager);
        return;
    }
    hd_format_when(from, ctx->now, ctx->set->utc_offset, when);
    snprintf(buf, bufsz, "\n您近期几次接单后又退回，所以详细门牌在开始前 1 小时（%s）再告诉您，到时私聊我发「#%lld的地址」也行。\n",
             when, (long long)id);
}
