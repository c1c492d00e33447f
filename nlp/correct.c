/* correct.c — a slip corrected in the same message (接12，不对，是13; 两点，不是，是三点): the last word counts. */
#include "nlp_internal.h"

#include <stdlib.h>
#include <string.h>

/* Numbers as written (digits, Chinese numerals), each with what it counts. A unit's kind: a correction replaces a
 * number only by one of the same kind (3小时，不对，是2小时; never 投诉 #10 时间不对，是3点). */
#define NUM "[0-9零〇一二两三四五六七八九十百半]"
#define UNIT                                                                                                           \
    "(号楼|栋|单元|号单|单|号|日|点钟|点(?:半|一刻|三刻|" NUM "{1,3}分?)?|时|个半小时|个小时|小时|个半钟头?|个钟头|钟头|个钟|分钟|天|颗星|星)"
/* The words that take back what was just said, a pause around them (an 哦 or 呃 before them too; 啊不 as 哦不 is); 不是 only as a
 * word of its own (不是，是三点), never 不是我的; 不 alone only between pauses (9点 不 10点); 改成, 应该是, 更正 after a
 * pause (两小时，改成一个半小时), never 把12号改成13号 (a move) */
#define MARK                                                                                                           \
    "[\\s,.!]*(?:(?:哦|噢|啊|呃|额|嗯|哎|哎呀)?\\s*(?:不对|说错了|打错了|写错了|搞错了|弄错了|错了|不不+|不是(?=\\s*[,.!]|\\s*是))|" \
    "(?:哦|噢|啊)\\s*不|(?<=[\\s,.!])(?:不|呃|额|唔系|唔係|不是)(?=[\\s,.!])|(?<=[\\s,.!])(?=改成|改为|应该是|更正|其实|算" NUM "))" \
    "(?:不对|更正一?下?|其实是?|算)?[\\s,.!]*"

/* A number (1.5, 10:30, +2 too), at most eight characters of words after it (接12号吧, #45取消), the taking back, then
 * its replacement (是13, 应该是三点) ending there: not the start of a range (2点到4点，不对，3点到5点 is left as said) nor
 * a choice offered (3点 不 4点的话也可以). */
static const char corr_direct[] =
    "(?<!" NUM "|[.:])([+-]?#\\s*|[+-])?(?>(" NUM "+(?:[.:][0-9]+)?)" UNIT "?)\\s?((?:(?!" NUM "|[#,.!?\\s]).){0,8}?)" MARK
    "(?:应该是|我是说|我说的是|改成|改为|改到|我想|想|我要|要|还是|是)?\\s*([+-]?#\\s*|[+-])?(?>(" NUM "+(?:[.:][0-9]+)?)" UNIT "?)"
    "(?!" NUM "|[.:][0-9]|\\s*(?:到|至|~|-|的话|也可以|也行|也好|或者|或)|月|年|岁|块|元)";
/* A range taken back by another (2点到4点，不对，3点到5点): the second one. */
#define RANGE "(?>" NUM "+" UNIT "?)\\s*(?:到|至|~|-)\\s*(?>" NUM "+" UNIT "?)"
static const char corr_range[] = "(?<!" NUM ")" RANGE MARK "(?:应该是|我是说|我说的是|改成|改为|改到|是)?\\s*(" RANGE ")(?!" NUM ")";
/* A day or a part of the day taken back by another (明天上午9点陪我去医院 哦不 后天, 周四上午9点…，不对，是周五上午9点,
 * 明天上午9点 不 下午3点): the replacement, read as the day (and clock) it names, takes the place of the last one of
 * the same shape before it. */
#define DAY "(?:大后天|后天|明天|今天|今晚|明早|明晚|(?:下个?)?(?:周|星期|礼拜)[一二三四五六日天])"
#define PART "(?:上午|下午|晚上|早上|中午|傍晚|凌晨)"
#define CLOCK "(?:" NUM "+(?:[.:][0-9]+)?\\s*(?:点钟|点半|点(?:" NUM "{1,3}分?)?|时))"
static const char corr_when[] = MARK "(?:应该是|改成|改到|是)?\\s*((" DAY ")\\s*" PART "?\\s*" CLOCK "?|" PART "\\s*" CLOCK ")"
                                "(?=\\s*(?:吧|的)?\\s*(?:[,.!?\\s]|$))";
static const char when_day[] = DAY "\\s*" PART "?\\s*" CLOCK "?";
static const char when_part[] = PART "\\s*" CLOCK;

/* Not one amount but another (确认 #1 不是两小时 是一个半小时): the second. */
static const char corr_notis[] = "不是\\s*(?>(" NUM "+(?:[.:][0-9]+)?)" UNIT "?)\\s*[,.!\\s]*而?是\\s*(?>(" NUM "+(?:[.:][0-9]+)?)" UNIT "?)"
                                 "(?!" NUM "|[.:][0-9])";

/* What is left of a taking back once the above have read what they could: the command itself is in doubt (确认 #15
 * 哦不 还没做完, 转赠 1小时 给 @小刘 哦不 发错了, 代录 … 王建华 …，不对，是小刘, +2小时 哦不 扣2小时). A reason (时间不对, 时间写错了)
 * and a question (对不对) are no taking back. */
static const char corr_left[] =
    "(?:哦|噢|啊|呃)\\s*不(?!\\s*(?:用|要|需要|去|来|会|能|了|行|好意思|然))|"
    "(?<!时间|日子|日期|钟点|今天|明天|后天|上午|下午|晚上|早上|那天|这天|地方|地点|人数|金额|数目|价格|服务|态度|对)不对(?!劲)|"
    "(?<!时间|日子|日期|钟点)(?:说错了|打错了|写错了|发错了|按错了|输错了)|(?<=[\\s,.!])(?:不|呃|额)(?=[\\s,.!])(?!\\s*\\S{0,8}(?:的话|也可以|也行))|等一下|"
    "等等|更正";

/* An order taken back with a sentence of its own after it naming another (接12号，不对，我接13号吧; #12取消，不对，取消#13):
 * that sentence is what she says. Only an order's number, and only for one: #4 时间不对，改到明天上午十点 gives a reason. */
static const char corr_restated[] =
    "(?<!" NUM ")(?:#\\s*" NUM "+|" NUM "+\\s*(?:号单|单)|(?<=接|取消|确认|开始|结束|评价|投诉)" NUM "+号)\\s?(?:(?!" NUM "|[#,.!?\\s]).){0,8}?" MARK
    "(?=[^0-9零〇一二两三四五六七八九十百#]{1,12}(?:#\\s*" NUM "|" NUM "+\\s*(?:号单?|单)))"
    "(?=.{0,24}(?:接|取消|确认|开始|结束|完成|评价|投诉|转赠|改))";

enum { KIND_NONE, KIND_ID, KIND_DAY, KIND_BUILDING, KIND_CLOCK, KIND_HOURS, KIND_MINUTES, KIND_DAYS, KIND_STARS };

static int unit_kind(const char *u, size_t n)
{
    if (n == 0)
        return KIND_NONE;
    if ((n == 6 && memcmp(u, "号单", 6) == 0) || (n == 3 && memcmp(u, "单", 3) == 0))
        return KIND_ID;
    if (n == 3 && (memcmp(u, "号", 3) == 0 || memcmp(u, "日", 3) == 0))
        return KIND_DAY; /* 12号: an order or a day, as the same word both times */
    if (memcmp(u, "号楼", n < 6 ? n : 6) == 0 || memcmp(u, "栋", 3) == 0 || memcmp(u, "单元", n < 6 ? n : 6) == 0)
        return KIND_BUILDING;
    if (memcmp(u, "点", 3) == 0 || (n == 3 && memcmp(u, "时", 3) == 0))
        return KIND_CLOCK;
    if (memcmp(u, "分钟", n < 6 ? n : 6) == 0)
        return KIND_MINUTES;
    if (n == 3 && memcmp(u, "天", 3) == 0)
        return KIND_DAYS;
    if (strstr(u, "星") && (size_t)(strstr(u, "星") - u) < n)
        return KIND_STARS;
    return KIND_HOURS;
}

struct nlp_correct {
    pcre2_code *direct, *restated, *range, *when, *when_day, *when_part, *left, *notis;
};

static pcre2_code *compile(const char *src)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
    if (re)
        (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* the interpreter where JIT is not there */
    return re;
}

enum bot_rc nlp_correct_open(struct nlp_correct **out)
{
    struct nlp_correct *k = calloc(1, sizeof *k);
    if (!k)
        return BOT_NOMEM;
    k->direct = compile(corr_direct);
    k->restated = compile(corr_restated);
    k->range = compile(corr_range);
    k->when = compile(corr_when);
    k->when_day = compile(when_day);
    k->when_part = compile(when_part);
    k->left = compile(corr_left);
    k->notis = compile(corr_notis);
    if (!k->direct || !k->restated || !k->range || !k->when || !k->when_day || !k->when_part || !k->left || !k->notis) {
        nlp_correct_close(k);
        return BOT_ERR;
    }
    *out = k;
    return BOT_OK;
}

void nlp_correct_close(struct nlp_correct *k)
{
    if (!k)
        return;
    pcre2_code_free(k->direct);
    pcre2_code_free(k->restated);
    pcre2_code_free(k->range);
    pcre2_code_free(k->when);
    pcre2_code_free(k->when_day);
    pcre2_code_free(k->when_part);
    pcre2_code_free(k->left);
    pcre2_code_free(k->notis);
    free(k);
}

/* Replace s[from, to) by the n bytes of with (n <= to - from), in s and its cased copy alike; *len shrinks. */
static void splice(char *s, char *cs, size_t *len, size_t from, size_t to, const char *with, const char *cwith, size_t n)
{
    memmove(s + from, with, n);
    memmove(cs + from, cwith, n);
    memmove(s + from + n, s + to, *len - to + 1);
    memmove(cs + from + n, cs + to, *len - to + 1);
    *len -= to - from - n;
}

/* Mentions after the change move with the text; those inside it go to its start. */
static void shift_mentions(struct nlp_result *res, size_t from, size_t to, size_t n)
{
    for (int i = 0; i < res->nmentions; i++) {
        size_t at = (size_t)res->mention_at[i];
        if (at >= to)
            res->mention_at[i] = (int)(at - (to - from - n));
        else if (at > from)
            res->mention_at[i] = (int)from;
    }
}

/* Could s hold a word of MARK: 错, 应该是, 更正, 其实, 呃, 额, 唔系, 改成, 改为, 算 before a number, or 不 before 对, 是, 不 or a
 * pause, or after 哦 or 噢? */
static int takes_back(const char *s)
{
    if (strstr(s, "错") || strstr(s, "应该是") || strstr(s, "更正") || strstr(s, "其实") || strstr(s, "呃") ||
        strstr(s, "额") || strstr(s, "唔系") || strstr(s, "唔係"))
        return 1;
    static const char *const numerals[] = {"一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "半"};
    for (const char *p = strstr(s, "算"); p; p = strstr(p + 3, "算")) { /* 算一个半小时吧 */
        if (p[3] >= '0' && p[3] <= '9')
            return 1;
        for (size_t i = 0; i < sizeof numerals / sizeof *numerals; i++)
            if (!strncmp(p + 3, numerals[i], 3))
                return 1;
    }
    for (const char *p = strstr(s, "改"); p; p = strstr(p + 3, "改"))
        if (!strncmp(p + 3, "成", 3) || !strncmp(p + 3, "为", 3))
            return 1;
    for (const char *p = strstr(s, "不"); p; p = strstr(p + 3, "不"))
        if (!strncmp(p + 3, "对", 3) || !strncmp(p + 3, "是", 3) || !strncmp(p + 3, "不", 3) || p[3] == ' ' ||
            p[3] == ',' || p[3] == '.' || p[3] == '!' || (p - s >= 3 && (!memcmp(p - 3, "哦", 3) || !memcmp(p - 3, "噢", 3))))
            return 1;
    return 0;
}

int nlp_correct_apply(const struct nlp_correct *k, char *s, char *cs, size_t *len, pcre2_match_data *md,
                      struct nlp_result *res)
{
    if (!k || !takes_back(s))
        return 0; /* most messages: no word that takes anything back */
    int done = 0;
    for (int round = 0; round < 4; round++) { /* 接12，不对，13，不对，是14: each in turn */
        if (nlp_match(k->range, s, *len, 0, md) > 0) {
            PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
            /* group 3, the second range (1 and 2 are the first one's units) */
            size_t from = v[0], to = v[1], n = v[7] - v[6];
            char tok[128], ctok[128];
            if (n >= sizeof tok)
                return done;
            memcpy(tok, s + v[6], n);
            memcpy(ctok, cs + v[6], n);
            splice(s, cs, len, from, to, tok, ctok, n);
            shift_mentions(res, from, to, n);
            done = 1;
            continue;
        }
        if (nlp_match(k->notis, s, *len, 0, md) > 0) {
            PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
            /* groups: 1 the first number, 2 its unit, 3 the second, 4 its unit */
            size_t an = v[3] - v[2], un = v[5] != PCRE2_UNSET ? v[5] - v[4] : 0, bn = v[7] - v[6],
                   vn = v[9] != PCRE2_UNSET ? v[9] - v[8] : 0;
            int ka = un ? unit_kind(s + v[4], un) : KIND_NONE, kb = vn ? unit_kind(s + v[8], vn) : KIND_NONE;
            (void)an;
            if ((ka != KIND_NONE && kb != KIND_NONE && ka != kb) || bn + (vn ? vn : un) >= 128)
                return done;
            char tok[128];
            memcpy(tok, s + v[6], bn);
            if (vn || un) /* the unit said with it, else the first one's; an unset group's offset is never used */
                memcpy(tok + bn, vn ? s + v[8] : s + v[4], vn ? vn : un);
            size_t n = bn + (vn ? vn : un), from = v[0], to = v[1];
            splice(s, cs, len, from, to, tok, tok, n);
            shift_mentions(res, from, to, n);
            done = 1;
            continue;
        }
        if (nlp_match(k->when, s, *len, 0, md) > 0) {
            PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
            size_t from = v[0], to = v[1], b = v[2], bn = v[3] - v[2];
            int by_day = v[4] != PCRE2_UNSET; /* the replacement names a day: the last day before it goes */
            /* the last span of the same shape before the taking back: the one it replaces */
            size_t a = 0, an = 0;
            for (size_t at = 0; at < from && nlp_match(by_day ? k->when_day : k->when_part, s, from, at, md) > 0;) {
                PCRE2_SIZE *w = pcre2_get_ovector_pointer(md);
                a = w[0], an = w[1] - w[0];
                at = w[1] > at ? w[1] : at + 1;
            }
            if (!an || bn >= 128)
                return done; /* nothing of its kind said before: left as written */
            char tok[128], ctok[128];
            memcpy(tok, s + b, bn);
            memcpy(ctok, cs + b, bn);
            /* a day alone keeps the clock said with the old one (明天上午9点 … 哦不 后天 is 后天上午9点): only the old
             * day's own characters go */
            if (by_day && nlp_match(k->when_day, tok, bn, 0, md) > 0 &&
                pcre2_get_ovector_pointer(md)[1] - pcre2_get_ovector_pointer(md)[0] == bn) {
                size_t dn = 0; /* the day's own length in the old span */
                while (dn < an && !strchr(" 0123456789", s[a + dn]) && strncmp(s + a + dn, "上午", 6) &&
                       strncmp(s + a + dn, "下午", 6) && strncmp(s + a + dn, "晚上", 6) && strncmp(s + a + dn, "早上", 6) &&
                       strncmp(s + a + dn, "中午", 6))
                    dn += 3;
                int b_has_more = 0;
                for (size_t q = 0; q < bn; q++)
                    b_has_more |= (tok[q] >= '0' && tok[q] <= '9');
                if (!b_has_more && !strstr(tok, "午") && !strstr(tok, "晚上") && !strstr(tok, "早上") && dn < an)
                    an = dn;
            }
            /* remove the taking back first (it is after the old span), then put the new one in the old one's place */
            splice(s, cs, len, from, to, "", "", 0);
            shift_mentions(res, from, to, 0);
            if (bn > an) { /* longer: make room (the text only shrank above by more than this) */
                memmove(s + a + bn, s + a + an, *len - (a + an) + 1);
                memmove(cs + a + bn, cs + a + an, *len - (a + an) + 1);
                *len += bn - an;
                memcpy(s + a, tok, bn);
                memcpy(cs + a, ctok, bn);
            } else {
                splice(s, cs, len, a, a + an, tok, ctok, bn);
            }
            done = 1;
            continue;
        }
        if (nlp_match(k->direct, s, *len, 0, md) > 0) {
            PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
            /* groups: 1 sign or #, 2 number, 3 unit, 4 words between; 5 sign or #, 6 number, 7 unit of the replacement */
#define G(i) (v[2 * (i)] == PCRE2_UNSET ? 0 : v[2 * (i) + 1] - v[2 * (i)])
            int hash_a = G(1) && memchr(s + v[2], '#', G(1)), hash_b = G(5) && memchr(s + v[10], '#', G(5));
            if (!G(3) && !hash_a && strspn(s + v[4], "0123456789") == 0)
                return done; /* 一 alone is no number said (看一下，不对…): a digit, a # or a unit */
            if (!G(7) && !hash_b && strspn(s + v[12], "0123456789") == 0 && s[v[1]] && !strchr(" ,.!?", s[v[1]]))
                return done; /* nor is one running on into words (两点 不 要两个人) */
            /* an unset group's offset is PCRE2_UNSET: never added to s (UBSan, the fuzzer's find) */
            int ka = G(3) ? unit_kind(s + v[6], G(3)) : KIND_NONE, kb = G(7) ? unit_kind(s + v[14], G(7)) : KIND_NONE;
            if (memchr(s + v[12], ':', G(6)) && ka != KIND_NONE && ka != KIND_CLOCK)
                return done; /* 2小时 哦不 1:30: a clock for hours, not read (left in doubt, asked back) */
            if (ka == KIND_ID && kb == KIND_DAY) /* 我接42号单 不对 是24号: 号 after an order's 号单 is an order's too */
                kb = KIND_ID;
            if (ka != KIND_NONE && kb != KIND_NONE && ka != kb)
                return done; /* another thing said: left as written (asked back where it is unsure) */
            if (hash_a && kb != KIND_NONE && kb != KIND_ID && kb != KIND_DAY)
                return done; /* #12, 不对，是3点: not the same thing */
            if (hash_b && !hash_a && ka != KIND_NONE && ka != KIND_ID && ka != KIND_DAY) {
                /* 确认#6 两小时，不对，是#5: the order's number is what was taken back (the amount stays): the last #N
                 * before it becomes #5; none: left as written */
                size_t h = v[0];
                while (h > 0 && s[h - 1] != '#')
                    h--;
                if (!h)
                    return done;
                size_t e = h;
                while (s[e] == ' ')
                    e++;
                size_t d = e;
                while (s[d] >= '0' && s[d] <= '9')
                    d++;
                if (d == e || d > v[0])
                    return done;
                char num[32];
                size_t nn = G(6) < sizeof num ? G(6) : sizeof num - 1;
                memcpy(num, s + v[12], nn);
                size_t from = v[9], to = v[1]; /* the taking back and the new number go; the amount and its words stay */
                splice(s, cs, len, from, to, "", "", 0);
                shift_mentions(res, from, to, 0);
                /* the old number's digits become the new one's: the text shrank above by more than it may grow here */
                memmove(s + e + nn, s + d, *len - d + 1);
                memmove(cs + e + nn, cs + d, *len - d + 1);
                *len = *len - (d - e) + nn;
                memcpy(s + e, num, nn);
                memcpy(cs + e, num, nn);
                done = 1;
                continue;
            }
            char tok[128], ctok[128];
            size_t n = 0;
            const char *hash = G(5) ? s + v[10] : G(1) ? s + v[2] : NULL;
            size_t hl = G(5) ? G(5) : G(1);
            const char *unit = G(7) ? s + v[14] : G(3) ? s + v[6] : NULL;
            size_t ul = G(7) ? G(7) : G(3);
            if (hl + G(6) + ul + G(4) >= sizeof tok)
                return done;
            if (hash) {
                memcpy(tok + n, hash, hl);
                n += hl;
            }
            memcpy(tok + n, s + v[12], G(6));
            n += G(6);
            if (unit) {
                memcpy(tok + n, unit, ul);
                n += ul;
            }
            memcpy(ctok, tok, n); /* numbers, # and units: no letters, the cased copy reads the same */
            memcpy(tok + n, s + v[8], G(4)); /* the words between stay (#45取消，不对，是#46 is 取消 #46) */
            memcpy(ctok + n, cs + v[8], G(4));
            n += G(4);
            size_t from = v[0], to = v[1];
#undef G
            splice(s, cs, len, from, to, tok, ctok, n);
            shift_mentions(res, from, to, n);
            done = 1;
            continue;
        }
        if (nlp_match(k->restated, s, *len, 0, md) > 0) {
            PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
            size_t to = v[1];
            /* what was said before it is taken back, from the start of its sentence */
            size_t from = v[0];
            while (from > 0 && s[from - 1] != ',' && s[from - 1] != '.' && s[from - 1] != '!' && s[from - 1] != '?')
                from--;
            splice(s, cs, len, from, to, "", "", 0);
            shift_mentions(res, from, to, 0);
            done = 1;
            continue;
        }
        break;
    }
    return done;
}

int nlp_correct_doubt(const struct nlp_correct *k, const char *s, size_t len, pcre2_match_data *md)
{
    return k && nlp_match(k->left, s, len, 0, md) > 0;
}
