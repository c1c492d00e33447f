/* normalize.c — one canonical form of a chat line before any matching:
 * traditional → simplified (OpenCC t2s, noted so the reply can go back with
 * s2tw), full-width → half-width, emoji and ASCII lower-cased (and, when asked, the same text with its letters as
 * written, byte for byte beside it: what is stored is kept as written, what is matched is not), typed @names
 * removed but remembered beside the mentions the platform's adapter found (a
 * platform's markup never reaches the NLP). */
#include "nlp_internal.h"

#include <opencc.h>
#include <stdlib.h>
#include <string.h>

static int bitmap_get(const unsigned char *bm, uint32_t cp)
{
    if (cp >= NLP_T2S_LO && cp <= NLP_T2S_HI) {
        uint32_t i = cp - NLP_T2S_LO;
        return (bm[i >> 3] >> (i & 7)) & 1;
    }
    return 0;
}

/* Mark in bitmap those of the n code points cps[] (all within NLP_T2S_LO..HI; NULL: every one of them) that a
 * converter changes on their own: one conversion of them all, one per line. t2s's bitmap, of every code point at
 * start-up, lets lines without any of them skip that converter; s2t's, of the code points traditional text brought,
 * tells simplified-only characters from the rest. */
static enum bot_rc changed_by(opencc_t cc, const uint32_t *cps, size_t n, unsigned char *bitmap, char err[256])
{
    if (!cps)
        n = NLP_T2S_HI - NLP_T2S_LO + 1;
    char *buf = malloc(n * 4 + 1);
    if (!buf) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t cp = cps ? cps[k] : NLP_T2S_LO + (uint32_t)k;
        buf[len++] = (char)(0xE0 | (cp >> 12));
        buf[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (char)(0x80 | (cp & 0x3F));
        buf[len++] = '\n';
    }
    buf[len] = '\0';
    char *out = opencc_convert_utf8(cc, buf, len);
    if (!out) {
        free(buf);
        snprintf(err, 256, "opencc: %s", opencc_error());
        return BOT_ERR;
    }
    /* Walk both line by line: a line that differs marks its code point. */
    const char *a = buf, *b = out;
    for (size_t k = 0; k < n && *a && *b; k++) {
        const char *ae = strchr(a, '\n'), *be = strchr(b, '\n');
        if (!ae || !be)
            break;
        if (ae - a != be - b || memcmp(a, b, (size_t)(ae - a)) != 0) {
            uint32_t i = (cps ? cps[k] : NLP_T2S_LO + (uint32_t)k) - NLP_T2S_LO;
            bitmap[i >> 3] |= (unsigned char)(1u << (i & 7));
        }
        a = ae + 1;
        b = be + 1;
    }
    opencc_convert_utf8_free(out);
    free(buf);
    return BOT_OK;
}

static void dialect_init(struct nlp *nlp);

enum bot_rc nlp_t2s_init(struct nlp *nlp, char err[256])
{
    dialect_init(nlp); /* the other table of what normalising rewrites */
    nlp->cc = opencc_open("t2s.json");
    if (nlp->cc == (opencc_t)-1) {
        nlp->cc = NULL;
        snprintf(err, 256, "opencc: cannot open t2s.json: %s", opencc_error());
        return BOT_IO;
    }
    return changed_by(nlp->cc, NULL, 0, nlp->t2s_bitmap, err);
}

void nlp_s2t_init(struct nlp *nlp)
{
    pthread_mutex_init(&nlp->s2t_lock, NULL);
}

void nlp_s2t_free(struct nlp *nlp)
{
    if (nlp->s2t)
        opencc_close(nlp->s2t);
    pthread_mutex_destroy(&nlp->s2t_lock);
}

/* Taiwan's standard forms (為, 裡, 麵), which Hong Kong readers read too;
 * characters only, no change of words. Opened on the first reply that needs
 * it: most communities never do, and every start-up would pay for it. */
/* The simplified → traditional converter, opened on first use (NULL when it cannot be). */
static opencc_t s2t_converter(const struct nlp *nlp)
{
    struct nlp *n = (struct nlp *)nlp; /* the lazily opened converter: guarded by its lock */
    pthread_mutex_lock(&n->s2t_lock);
    if (!n->s2t) {
        opencc_t cc = opencc_open("s2tw.json");
        if (cc == (opencc_t)-1)
            bot_log(BOT_LOG_WARN, "opencc: cannot open s2tw.json: %s", opencc_error());
        else
            n->s2t = cc;
    }
    opencc_t cc = n->s2t;
    pthread_mutex_unlock(&n->s2t_lock);
    return cc;
}

enum bot_rc nlp_to_traditional(const struct nlp *nlp, const char *text, char *out, size_t outsz)
{
    opencc_t cc = s2t_converter(nlp);
    char *conv = cc ? opencc_convert_utf8(cc, text, strlen(text)) : NULL;
    if (!conv) /* unconverted rather than nothing */
        return out == text ? BOT_ERR : bot_strlcpy(out, text, outsz) == BOT_OK ? BOT_ERR : BOT_TOOBIG;
    enum bot_rc rc = bot_strlcpy(out, conv, outsz); /* out may be text itself */
    opencc_convert_utf8_free(conv);
    return rc;
}

static int is_emoji(uint32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF && cp != 0x2605) ||
           cp == 0xFE0F || cp == 0x200D || cp == 0x20E3 || (cp >= 0x2B00 && cp <= 0x2BFF && cp != 0x2B50) ||
           (cp >= 0xE000 && cp <= 0xF8FF) || cp == 0xFFFD;
}

int nlp_is_dash(uint32_t cp)
{
    switch (cp) {
    case 0x002D: case 0x00AD: case 0x02D7: case 0x058A: case 0x05BE: case 0x1400: case 0x1806: case 0x2010:
    case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2043: case 0x207B: case 0x208B:
    case 0x2212: case 0x2796: case 0x2E17: case 0x2E1A: case 0x2E3A: case 0x2E3B: case 0x2E40: case 0x2E5D:
    case 0x30A0: /* ゠ */
    case 0x31D0: /* ㇐ the CJK stroke, drawn as a dash */
    case 0xFE31: case 0xFE32: case 0xFE58: case 0xFE63: /* ︱ ︲ ﹘ ﹣ */
    case 0xFF0D: /* － */
    case 0x10EAD:
        return 1;
    }
    return 0;
}

/* Characters that show nothing (zero-width spaces and joiners, bidi marks):
 * dropped, so 1\u200b0 reads as the 10 it shows. */
static int is_invisible(uint32_t cp)
{
    return cp == 0x200B || cp == 0x200C || cp == 0x200E || cp == 0x200F || cp == 0x2060 || cp == 0xFEFF ||
           cp == 0x180E || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2061 && cp <= 0x2069);
}

/* Map one code point to its canonical ASCII form where there is one.
 * Returns the replacement char, 0 when cp stays, -1 to drop it. */
static int canon(uint32_t cp)
{
    /* every dash and minus is one '-' (before the emoji test: ➖ is both) */
    if (nlp_is_dash(cp))
        return '-';
    if (is_invisible(cp))
        return -1;
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return (int)(cp - 0xFEE0);
    switch (cp) {
    case ' ': case 0x3000: case 0x2005: case 0x00A0: case 0x2002: case 0x2003: case 0x2009: case 0x3001:
    case 0x3010: case 0x3011: case 0x300A: case 0x300B: case 0x300C: case 0x300D: case 0x300E:
    case 0x300F: case '\t': case '\r': case '\n': case 0x201C: case 0x201D: case 0x2018:
    case 0x2019:
        return ' ';
    case 0x3002: return '.';   /* 。 */
    case 0xFF5E: case 0x301C: case 0x3030: case 0x2053: return '~'; /* ～ 〜 〰 ⁓: a range */
    case 0x2116: return '#';   /* № */
    case 0x2026: return ' ';   /* … */
    }
    if (is_emoji(cp))
        return ' ';
    return 0;
}

/* Do a and b begin with the same 3-byte character? (a well-formed text: a lead byte from 0xE0 has two more) */
static int same_char(const char *a, const char *b) { return a[0] == b[0] && a[1] == b[1] && a[2] == b[2]; }

/* Is the 3-byte character at p one of set's (all 3-byte characters)? */
static int han_in(const char *set, const char *p)
{
    if ((unsigned char)p[0] < 0xE0 || !p[1] || !p[2])
        return 0;
    for (; *set; set += 3)
        if (same_char(set, p))
            return 1;
    return 0;
}

/* Words of the south's and the north's speech the patterns know in Mandarin (唔使 不用, 听日 明天, 冇 没, 俺 我, 咗 了):
 * the Mandarin spelling of the word at p and the bytes it takes there, or NULL. Longer words first where one begins
 * another (唔该 thanks, before 唔 not). Only words no Mandarin word or common name holds: not 点解 (三点解放路), 侬,
 * 伊; 明朝 and 上半天 only before a time (dialect_at reads them). */
static const struct { const char *said, *plain; } dialect_words[] = {
    {"唔该", "谢谢"},   {"唔紧要", "没关系"}, {"冇所谓", "没关系"}, {"唔使", "不用"},   {"唔好", "不要"},
    {"唔", "不"},       {"有冇", "有没有"}, {"冇", "没"},       {"勿要", "不要"},   {"覅", "不要"},
    {"咗", "了"},       {"嘅", "的"},       {"佢", "他"},       {"俺", "我"},       {"畀", "给"},
    {"听日", "明天"},   {"听朝", "明早"},   {"听晚", "明晚"},   {"琴晚", "昨晚"},   {"琴日", "昨天"},
    {"寻日", "昨天"},   {"今朝", "今天"},   {"下昼", "下午"},   {"朝早", "早上"},   {"几多", "多少"},
    {"仲有", "还有"},   {"仲剩", "还剩"},
    {"睇", "看"},       {"搵", "找"},       {"寻人", "找人"},   {"寻个人", "找个人"}, {"等阵", "等一下"},
    {"迟啲", "晚点"},   {"啲", "些"},       {"嚟", "来"},       {"乜嘢", "什么"},   {"咩", "什么"},
    {"喺", "在"},       {"俾", "给"},       {"今个月", "这个月"},
    /* the old numerals, read as every pattern reads numbers: 廿三号单, 廿八号, 卅个 */
    {"廿", "二十"},     {"卅", "三十"},
    {"有木有", "有没有"},
    /* Cantonese and Shanghainese for free time, chatting and asking (得闲 有空, 倾偈 聊天, 寻我 找我); 会得 is 会, but
     * 会得到 is Mandarin; 阿拉 is 我, but not in 阿拉伯, 阿拉斯加, 阿拉丁, 阿拉善 (kept as they are, longer first) */
    {"得闲", "有空"},   {"倾偈", "聊天"},   {"饮茶", "喝茶"},   {"寻我", "找我"},   {"会得到", "会得到"},
    {"会得", "会"},     {"阿拉伯", "阿拉伯"}, {"阿拉斯加", "阿拉斯加"}, {"阿拉丁", "阿拉丁"}, {"阿拉善", "阿拉善"},
    {"阿拉", "我"},
    /* 钟头 is an hour in every speech (攒了几个钟头, 一个半钟头): one word for the patterns */
    {"钟头", "小时"},
    /* Shanghainese 勒拉 is 在 (勒拉社区活动室: at the community room) */
    {"勒拉", "在"},
    /* Shanghainese 几化 is 多少 (阿拉积分有几化: how many points have I) */
    {"几化", "多少"},
};
/* and words that are Shanghainese only before a time: 明朝上半天九点, 明朝下半日两点钟 (李明朝 is a name; 楼上半天 is upstairs) */
static const struct { const char *said, *plain; } dialect_before_time[] = {
    {"明朝", "明天"}, {"上半天", "上午"}, {"下半天", "下午"}, {"上半日", "上午"}, {"下半日", "下午"},
};

/* The first characters of the words above (and 识, 边), by code point modulo NLP_DIALECT_BITS: most characters of a
 * message are none of them, and one bit says so. */
static void dialect_init(struct nlp *nlp)
{
    memset(nlp->dialect_first, 0, sizeof nlp->dialect_first);
    size_t l;
    for (size_t i = 0; i < sizeof dialect_words / sizeof dialect_words[0]; i++) {
        uint32_t cp = nlp_utf8_next(dialect_words[i].said, &l) % NLP_DIALECT_BITS;
        nlp->dialect_first[cp >> 6] |= 1ull << (cp & 63);
    }
    for (size_t i = 0; i < sizeof dialect_before_time / sizeof dialect_before_time[0]; i++) {
        uint32_t cp = nlp_utf8_next(dialect_before_time[i].said, &l) % NLP_DIALECT_BITS;
        nlp->dialect_first[cp >> 6] |= 1ull << (cp & 63);
    }
    static const char *const more[] = {"识", "边", "赔", "却", "节", "街", "确", "啥"};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        uint32_t cp = nlp_utf8_next(more[i], &l) % NLP_DIALECT_BITS;
        nlp->dialect_first[cp >> 6] |= 1ull << (cp & 63);
    }
}

/* Does an order's number begin at p, spaces before it (#27, ＃27, 27, 第27, 27号单)? */
static int order_number_at(const char *p)
{
    for (;;) {
        if (*p == ' ')
            p++;
        else if (strncmp(p, "　", 3) == 0)
            p += 3;
        else
            break;
    }
    if (strncmp(p, "第", 3) == 0 || strncmp(p, "＃", 3) == 0)
        p += 3;
    else if (*p == '#')
        p++;
    int digits = 0;
    for (;; digits++) {
        if (*p >= '0' && *p <= '9')
            p++;
        else if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC && (unsigned char)p[2] >= 0x90 &&
                 (unsigned char)p[2] <= 0x99)
            p += 3;
        else
            break;
    }
    while (*p == ' ')
        p++;
    /* an amount or a time after it (结单 27元, 结单 3点): a bill settled, no order */
    static const char *const units[] = {"元", "块", "点", "个", "月", "天", "年", "岁", "分", "小时", "号楼", "栋", "."};
    for (size_t i = 0; digits && i < sizeof units / sizeof units[0]; i++)
        if (strncmp(p, units[i], strlen(units[i])) == 0)
            return 0;
    return digits > 0;
}

/* Voice input's homophones of command words, read as the word only where that reading is the only one: 节单 and 却认
 * right before an order's number (节单 #35, 却认 41) are 接单 and 确认 (却认为 is "but thinks"). 结单 #27 is not read:
 * it may be 接单 said by voice or 结单 as written, closing the order (结束), and an ambiguous word never acts (U14);
 * (so are 街单 and 确人, play-test 15); 赔诊 is 陪诊 (no word holds it but 赔诊疗费, damages for treatment) */
static const char *homophone_at(const char *p, size_t *took)
{
    if (strncmp(p, "赔诊", 6) == 0 && strncmp(p + 6, "疗", 3) != 0) {
        *took = 6;
        return "陪诊";
    }
    if (strncmp(p, "节单", 6) == 0 && order_number_at(p + 6)) { /* 节单 #35: 节 for 接 (节单 is no word of its own) */
        *took = 6;
        return "接单";
    }
    if (strncmp(p, "街单", 6) == 0 && order_number_at(p + 6)) { /* 街单 #12: 街 for 接 (play-test 15: silent) */
        *took = 6;
        return "接单";
    }
    if (strncmp(p, "确人", 6) == 0 && order_number_at(p + 6)) { /* 确人 #3, 确人12号单: 人 for 认 */
        *took = 6;
        return "确认";
    }
    if (strncmp(p, "却认", 6) == 0 && order_number_at(p + 6)) {
        *took = 6;
        return "确认";
    }
    return NULL;
}

static const char *dialect_at(const struct nlp *nlp, const char *p, const char *start, size_t *took)
{
    if ((unsigned char)*p < 0xE0)
        return NULL; /* every word here starts with a 3-byte character */
    uint32_t first = ((((uint32_t)p[0] & 0x0F) << 12) | (((uint32_t)p[1] & 0x3F) << 6) | ((uint32_t)p[2] & 0x3F)) %
                     NLP_DIALECT_BITS;
    if (!(nlp->dialect_first[first >> 6] >> (first & 63) & 1))
        return NULL; /* most characters of a message stop here */
    /* 识 is 会 before a verb of a skill (识教, 都识煮饭), never in a Mandarin word (知识, 认识, 识字: its neighbours) */
    if (strncmp(p, "识", 3) == 0) {
        static const char *const verbs = "教煮做修弄整用讲开揸带睇看写补织车剪烧踩打";
        static const char *const before = "知认意常见学胆标赏辨博共相熟不";
        int prev_ok = p - start < 3 || (unsigned char)p[-1] < 0x80 || !han_in(before, p - 3);
        int verb = han_in(verbs, p + 3);
        if (prev_ok && verb) {
            *took = 3;
            return "会";
        }
        return NULL;
    }
    /* Shanghainese 啥人 is 谁 (啥人有空陪伊去一趟: who is free), not in 没啥人 (hardly anyone) */
    if (strncmp(p, "啥人", 6) == 0) {
        if (p - start >= 3 && strncmp(p - 3, "没", 3) == 0)
            return NULL;
        *took = 6;
        return "谁";
    }
    const char *heard = homophone_at(p, took);
    if (heard)
        return heard;
    /* 边位 is 哪位 where a sentence begins (边位街坊识…), never after a place word (旁边位置, 这边位子) */
    if (strncmp(p, "边位", 6) == 0 && (p == start || (unsigned char)p[-1] < 0x80 || strncmp(p - 3, "，", 3) == 0 ||
                                       strncmp(p - 3, "。", 3) == 0 || strncmp(p - 3, "！", 3) == 0 ||
                                       strncmp(p - 3, "？", 3) == 0)) {
        *took = 6;
        return "哪位";
    }
    for (size_t i = 0; i < sizeof dialect_words / sizeof dialect_words[0]; i++) {
        if (!same_char(p, dialect_words[i].said))
            continue; /* most characters of a message stop here, with no call (a strncmp per word cost a fifth) */
        size_t n = strlen(dialect_words[i].said);
        if (strncmp(p, dialect_words[i].said, n) == 0) {
            *took = n;
            return dialect_words[i].plain;
        }
    }
    for (size_t i = 0; i < sizeof dialect_before_time / sizeof dialect_before_time[0]; i++) {
        size_t n = strlen(dialect_before_time[i].said), l;
        if (!same_char(p, dialect_before_time[i].said) || strncmp(p, dialect_before_time[i].said, n) != 0)
            continue;
        static const char *const parts[] = {"上半天", "下半天", "上半日", "下半日", "上午", "下午", "早上", "中午", "晚上", "夜里", NULL};
        uint32_t next = nlp_utf8_next(p + n, &l);
        int timed = (next >= '0' && next <= '9') || nlp_numeral_char(next);
        for (int k = 0; !timed && parts[k]; k++)
            timed = strncmp(p + n, parts[k], strlen(parts[k])) == 0;
        if (timed) {
            *took = n;
            return dialect_before_time[i].plain;
        }
    }
    return NULL;
}

/* Does an amount of hours begin at p, written in numerals (两个钟, 一个半小时, 三小时)? */
static int hours_in_numerals_at(const char *p)
{
    size_t l;
    int k = 0;
    for (uint32_t a = nlp_utf8_next(p, &l); l && k < 3 && nlp_numeral_char(a); a = nlp_utf8_next(p, &l), k++)
        p += l;
    if (!k)
        return 0;
    if (strncmp(p, "个", 3) == 0)
        p += 3;
    if (strncmp(p, "半", 3) == 0)
        p += 3;
    return strncmp(p, "小时", 6) == 0 || strncmp(p, "钟", 3) == 0;
}

/* 转, 送 or 给 right before an amount (一个半小时, 2小时, 半小时): a gift's verb, which no name holds. */
static int gift_verb_before_amount(uint32_t cp, const char *next)
{
    if (cp != 0x8F6C /* 转 */ && cp != 0x9001 /* 送 */ && cp != 0x7ED9 /* 给 */)
        return 0;
    size_t l;
    uint32_t a = nlp_utf8_next(next, &l);
    return (a >= '0' && a <= '9') || (a >= 0xFF10 && a <= 0xFF19) || a == 0x534A /* 半 */ ||
           nlp_numeral_char(a);
}

static int is_name_end(uint32_t cp)
{
    return cp == ' ' || cp == ',' || cp == '.' || cp == '!' || cp == '?' || cp == ':' ||
           cp == ';' || cp == '@' || cp == 0 || cp == 0x2005 || cp == 0x3000 || cp == 0xFF0C ||
           cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1A || cp == '\n' || cp == '#' ||
           cp == 0xFF03 || cp == '(' || cp == ')' || cp == 0xFF08 || cp == 0xFF09 || cp == 0x3001 || cp == 0xFF1B;
}

size_t nlp_building_suffix(const char *s, char out[24])
{
    size_t len, at = 0;
    while (s[at] == ' ')
        at++;
    uint32_t cp = nlp_utf8_next(s + at, &len);
    if (cp != '(' && cp != 0xFF08)
        return 0;
    at += len;
    char num[16];
    size_t k = 0;
    for (;;) { /* the number, its full-width digits made ASCII */
        cp = nlp_utf8_next(s + at, &len);
        if (cp == ' ' && k == 0) {
            at += len;
            continue;
        }
        if (cp >= 0xFF10 && cp <= 0xFF19)
            cp -= 0xFF10 - '0', len = 3;
        else if (!nlp_numeral_char(cp))
            break;
        if (k + 4 >= sizeof num)
            return 0;
        if (cp < 0x80)
            num[k++] = (char)cp;
        else {
            memcpy(num + k, s + at, len);
            k += len;
        }
        at += len;
    }
    num[k] = '\0';
    double v = 0;
    if (!k || nlp_number(num, &v) != k || v < 1 || v > 999)
        return 0;
    static const char *const words[] = {"号楼", "栋", "幢", "号", NULL};
    size_t w = 0;
    for (int i = 0; words[i]; i++)
        if (strncmp(s + at, words[i], strlen(words[i])) == 0) {
            w = strlen(words[i]);
            break;
        }
    if (!w)
        return 0;
    at += w;
    while (s[at] == ' ')
        at++;
    cp = nlp_utf8_next(s + at, &len);
    if (cp != ')' && cp != 0xFF09)
        return 0;
    snprintf(out, 24, "(%d号楼)", (int)v);
    return at + len;
}

/* Is name one of the comma-separated bot names? */
/* The bot's names, comma-separated: the name at *p and its length; *p moves
 * to the next one. NULL after the last. */
static const char *next_bot_name(const char **p, size_t *n)
{
    if (!**p)
        return NULL;
    const char *name = *p, *e = strchr(name, ',');
    *n = e ? (size_t)(e - name) : strlen(name);
    *p = e ? e + 1 : name + *n;
    return name;
}

int nlp_is_bot_name(const struct nlp *nlp, const char *name, size_t len)
{
    const char *p = nlp->bot_names, *b;
    size_t n;
    while ((b = next_bot_name(&p, &n)))
        if (n && n == len && strncmp(b, name, n) == 0)
            return 1;
    return 0;
}

/* The bot called by its name at the start of a message, without @ ("时间驿站，
 * 查积分", "时间驿站 在吗"): only names of three characters or more, since a
 * short one such as 驿站 is also the parcel station people talk about. Returns
 * the bytes to skip (the name and its separator), 0 when it is not such a call. */
static size_t called_by_name_short(const struct nlp *nlp, const char *s, int *is_short)
{
    static const char *const seps[] = {" ", ",", ":", "\xef\xbc\x8c", "\xef\xbc\x9a", "\xe3\x80\x81", NULL};
    const char *p = nlp->bot_names, *b;
    size_t n;
    if (is_short)
        *is_short = 0;
    while ((b = next_bot_name(&p, &n))) {
        if (n < (is_short ? 6u : 9u) || strncmp(s, b, n) != 0)
            continue;
        if (is_short && n < 9) { /* 驿站 我的单子: a short name, then a pause and more: the rest read as if alone, the
                                  * bot not called (驿站 几点关门 stays talk about the parcel station) */
            for (int i = 0; seps[i]; i++)
                if (strncmp(s + n, seps[i], strlen(seps[i])) == 0 && s[n + strlen(seps[i])] &&
                    s[n + strlen(seps[i])] != ' ') {
                    *is_short = 1;
                    return n + strlen(seps[i]);
                }
            continue;
        }
        if (!s[n])
            return n;
        for (int i = 0; seps[i]; i++)
            if (strncmp(s + n, seps[i], strlen(seps[i])) == 0)
                return n + strlen(seps[i]);
    }
    return 0;
}

static size_t called_by_name(const struct nlp *nlp, const char *s)
{
    return called_by_name_short(nlp, s, NULL);
}

size_t nlp_bot_call_len(const struct nlp *nlp, const char *s)
{
    size_t at = strncmp(s, "@", 1) == 0 ? 1 : strncmp(s, "\xef\xbc\xa0", 3) == 0 ? 3 : 0; /* @ or ＠ */
    if (!at)
        return called_by_name(nlp, s);
    const char *p = nlp->bot_names, *b;
    size_t n;
    while ((b = next_bot_name(&p, &n)))
        if (n && strncmp(s + at, b, n) == 0)
            return at + n;
    return 0;
}

static void remember(struct nlp_result *res, const char *name, size_t len, size_t at)
{
    if (res->nmentions >= NLP_MAX_MENTIONS || len == 0)
        return;
    res->mention_at[res->nmentions] = (int)at;
    char tmp[64];
    if (len >= sizeof tmp)
        len = sizeof tmp - 1;
    memcpy(tmp, name, len);
    tmp[len] = '\0';
    bot_strlcpy(res->mentions[res->nmentions++], tmp, sizeof res->mentions[0]);
}

/* A copy of text with every ill-formed UTF-8 byte made a space, or NULL when
 * text is already well formed (OpenCC reads past a truncated sequence). */
static char *utf8_repaired(const char *text)
{
    size_t n = strlen(text), len;
    char *copy = NULL;
    for (size_t i = 0; i < n; i += len) {
        uint32_t cp = nlp_utf8_next(text + i, &len);
        if (cp == 0xFFFD && len == 1) { /* an ill-formed byte (a real U+FFFD is 3 bytes) */
            if (!copy && !(copy = strdup(text)))
                return NULL;
            for (size_t k = 0; k < len; k++)
                copy[i + k] = ' ';
        }
    }
    return copy;
}

static size_t code_points(const char *s)
{
    size_t n = 0, len;
    for (; *s; s += len ? len : 1, n++)
        nlp_utf8_next(s, &len);
    return n;
}

/* Is text written in traditional script: its characters only in traditional form (those t2s changed into simp)
 * a clear majority (more than twice) over those only in simplified form (those s2t changes, not already counted)?
 * One traditional character among simplified ones (3号樓 in a simplified registration) is not (play-test: every
 * later reply went traditional). */
static int mostly_traditional(const struct nlp *nlp, const char *text, const char *simp)
{
    struct nlp *n = (struct nlp *)nlp; /* the code points' s2t marks, learnt as texts bring them: under s2t_lock */
    opencc_t cc = s2t_converter(nlp);
    uint32_t fresh[128];
    size_t nf = 0, la, lb;
    pthread_mutex_lock(&n->s2t_lock);
    for (const char *a = text; *a && cc; a += la ? la : 1) {
        uint32_t ca = nlp_utf8_next(a, &la);
        if (ca < NLP_T2S_LO || ca > NLP_T2S_HI || bitmap_get(n->s2t_known, ca))
            continue;
        uint32_t i = ca - NLP_T2S_LO;
        n->s2t_known[i >> 3] |= (unsigned char)(1u << (i & 7));
        fresh[nf++] = ca;
        if (nf == BOT_ARRAY_LEN(fresh)) {
            char err[256];
            if (changed_by(cc, fresh, nf, n->s2t_bitmap, err) != BOT_OK) /* unlearnt: counted as unchanged */
                bot_log(BOT_LOG_WARN, "opencc s2tw: %s", err);
            nf = 0;
        }
    }
    if (nf) {
        char err[256];
        if (changed_by(cc, fresh, nf, n->s2t_bitmap, err) != BOT_OK)
            bot_log(BOT_LOG_WARN, "opencc s2tw: %s", err);
    }
    int nt = 0, ns = 0;
    const char *a = text, *b = simp;
    while (*a) {
        uint32_t ca = nlp_utf8_next(a, &la), cb = *b ? nlp_utf8_next(b, &lb) : 0;
        if (cb && ca != cb)
            nt++;
        else if (bitmap_get(n->s2t_bitmap, ca))
            ns++;
        a += la ? la : 1;
        if (*b)
            b += lb ? lb : 1;
    }
    pthread_mutex_unlock(&n->s2t_lock);
    return nt > 2 * ns;
}

enum bot_rc nlp_normalize(const struct nlp *nlp, const char *text, char *out, size_t outsz,
                          struct nlp_result *res)
{
    return nlp_normalize_message(nlp, text, NULL, 0, out, NULL, outsz, res);
}

enum bot_rc nlp_normalize_message(const struct nlp *nlp, const char *text, const struct nlp_mention *mentions, int nm,
                                  char *out, char *cased, size_t outsz, struct nlp_result *res)
{
    enum bot_rc rc = BOT_OK;
    if (cased) /* a capital lower-cased into out[o] is noted at cased[o]; the rest is out's, copied at the end */
        memset(cased, 0, outsz);
    char *conv = NULL;
    char *repaired = utf8_repaired(text);
    if (repaired)
        text = repaired;
    const char *src = text;
    size_t len;
    /* traditional → simplified, only when some code point needs it */
    for (const char *p = text; *p; p += len ? len : 1) {
        uint32_t cp = nlp_utf8_next(p, &len);
        if (bitmap_get(nlp->t2s_bitmap, cp)) {
            conv = opencc_convert_utf8(nlp->cc, text, strlen(text));
            if (conv) {
                src = conv;
                res->traditional = strcmp(conv, text) != 0 && mostly_traditional(nlp, text, conv);
            }
            break;
        }
    }
    /* the platform's mentions go in where they stood (code points of the
     * text); should the conversion have changed the count, they go first */
    int next = 0, mentions_first = nm > 0 && conv && code_points(conv) != code_points(text);
    const char *counted = src;
    size_t cpi = 0;
    size_t o = 0;
    int last_space = 1;
    const char *p = src;
    while (*p == ' ')
        p++;
    int called_short = 0;
    size_t called = called_by_name_short(nlp, p, &called_short);
    if (called) {
        res->addressed = !called_short;
        p += called;
    }
    for (;;) {
        while (counted < p && *counted) {
            nlp_utf8_next(counted, &len);
            counted += len ? len : 1;
            cpi++;
        }
        while (next < nm && (mentions_first || mentions[next].at <= cpi)) {
            remember(res, mentions[next].who, strlen(mentions[next].who), o);
            next++;
        }
        if (!*p)
            break;
        uint32_t cp = nlp_utf8_next(p, &len);
        if (!len)
            break;
        /* @name: the bot's own name addresses it; others are remembered. */
        if (cp == '@' || cp == 0xFF20) {
            const char *n = p + len;
            const char *q = n;
            size_t l2;
            /* a name holds no digit (注册 refuses one): @李梅1小时 is 李梅 and 1小时; an id is digits (@10001) */
            int id = *n >= '0' && *n <= '9';
            while (*q) {
                uint32_t c2 = nlp_utf8_next(q, &l2);
                if (is_name_end(c2) || !l2 || (!id && ((c2 >= '0' && c2 <= '9') || (c2 >= 0xFF10 && c2 <= 0xFF19))))
                    break;
                if (!id && q > n && (gift_verb_before_amount(c2, q + l2) || (q - n >= 6 && hours_in_numerals_at(q))))
                    break; /* @周大爷转一个半小时, @陈凤仪两个钟: a name (two characters at least) ends where a gift or its amount begins */
                q += l2;
            }
            /* a sentence's last particle is the sentence's, not the name's: 停用@李梅吗 asks */
            const char *k = q > n ? q - 1 : n;
            while (k > n && ((unsigned char)*k & 0xC0) == 0x80)
                k--; /* the name's last character */
            uint32_t last = k > n ? nlp_utf8_next(k, &l2) : 0;
            if (last == 0x5417 /* 吗 */ || last == 0x5462 /* 呢 */ || last == 0x5427 /* 吧 */ || last == 0x561B /* 嘛 */)
                q = k;
            size_t nlen = (size_t)(q - n);
            if (nlen > 0) {
                char building[24] = "";
                size_t took = id || nlen > 40 ? 0 : nlp_building_suffix(q, building);
                /* /cmd@botname keeps the command and addresses the bot */
                if (nlp_is_bot_name(nlp, n, nlen) || (o > 0 && out[0] == '/' && !memchr(out, ' ', o))) {
                    res->addressed = 1;
                } else if (took) { /* @王师傅(3号楼): the name and her building, as one target */
                    char both[64];
                    snprintf(both, sizeof both, "%.*s%s", (int)nlen, n, building);
                    remember(res, both, strlen(both), o);
                } else {
                    remember(res, n, nlen, o);
                }
                p = q + took;
                if (!last_space && o + 1 < outsz) {
                    out[o++] = ' ';
                    last_space = 1;
                }
                continue;
            }
        }
        size_t said;
        const char *plain = dialect_at(nlp, p, src, &said);
        if (plain) { /* 唔使取消, 听日, 阿拉勿要: one spelling for the patterns */
            size_t pl = strlen(plain);
            if (o + pl >= outsz) {
                rc = BOT_TOOBIG;
                break;
            }
            memcpy(out + o, plain, pl);
            o += pl;
            last_space = 0;
            p += said;
            continue;
        }
        int c = canon(cp);
        if (c == ' ' || c == -1) {
            if (c == ' ' && !last_space && o + 1 < outsz) {
                out[o++] = ' ';
                last_space = 1;
            }
            p += len;
            continue;
        }
        if (c > 0) {
            if (o + 1 >= outsz) {
                rc = BOT_TOOBIG;
                break;
            }
            if (c >= 'A' && c <= 'Z') {
                if (cased)
                    cased[o] = (char)c;
                c += 32;
            }
            out[o++] = (char)c;
        } else {
            if (o + len >= outsz) {
                rc = BOT_TOOBIG;
                break;
            }
            /* 幺 is 一 said digit by digit beside another numeral (幺三号单 is #13; 幺妹 stays) */
            size_t nl;
            /* ⭐ is a star given as ★ is (No.4 ⭐⭐⭐⭐⭐): the same three bytes' length */
            const char *from = cp == 0x5E7A && nlp_numeral_char(nlp_utf8_next(p + len, &nl)) ? "\xe4\xb8\x80"
                               : cp == 0x2B50                                                ? "\xe2\x98\x85"
                                                                                             : p;
            for (size_t i = 0; i < len; i++) {
                char ch = from[i];
                if (len == 1 && ch >= 'A' && ch <= 'Z') {
                    if (cased)
                        cased[o] = ch;
                    ch += 32;
                }
                out[o++] = ch;
            }
        }
        last_space = 0;
        p += len;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    for (size_t i = 0; cased && i <= o; i++)
        if (!cased[i])
            cased[i] = out[i];
    if (conv)
        opencc_convert_utf8_free(conv);
    free(repaired);
    return rc;
}
