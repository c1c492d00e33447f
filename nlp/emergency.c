/* emergency.c — a call for help now (a fall, chest pain, breathing, fire, gas, a break-in), not talk about one. */
#include "nlp_internal.h"

#include <stdlib.h>

/* Every pattern: enum name, regex over the normalised text (simplified,
 * half-width, ASCII lower-cased). The four kinds say what happens now; the
 * last four say it is not happening now: a notice, a drama, a what-if, a
 * planned visit (E_TALK), something that is over or did not happen (E_OVER),
 * or the past (E_PAST) unless it still goes on (E_STILL). */
#define EMERGENCY_PATTERNS(X)                                                                                   \
    /* the English and the number of a key (below): read only when the text has a letter or 120 */               \
    X(E_KEY_ASCII, "120|fire|smoke|gas|ambulance|fell|fallen|get up|chest|heart|breath|faint|passed out|"          \
                   "unconscious|blood|bleed|stroke|sos|help(?:\\s*me)?\\s*!|emergency|break|burglar|intruder|attack|stuck")       \
    X(E_FIRE, "(?<![不打点])[着著]火(?!点)|失火|(?<![打点])起火(?!点)|火灾|烧起来了|火(?:很|好|太)大|火势|"              \
              "冒(?:黑|白)?烟|浓烟|(?:好|很)大的烟|烟(?:好|很|太)大|全是烟|到处是烟|"             \
              "(?:煤气罐|液化气罐|锅炉|电瓶|电动车|充电宝|高压锅)\\S{0,4}(?:炸了|爆炸|爆了)|"                       \
              "\\bon fire\\b|\\bfire\\s*!|there'?s a fire|smoke (?:everywhere|in the|coming)")                     \
    X(E_GAS, "(?:煤气|燃气|天然气|液化气|瓦斯)\\S{0,6}(?:味|泄漏|泄露|漏了|漏气|在漏|臭|中毒)|"                    \
             "闻到\\S{0,8}(?:煤气|燃气|天然气|液化气|臭鸡蛋)|一氧化碳|gas leak|smell(?:s|ing)? (?:of |like )?gas")  \
    X(E_MEDICAL, "摔倒|跌倒|滑倒|绊倒|栽倒|跌低|(?:摔|跌)了(?:一|个)?(?:大)?跤|摔跤了|(?:摔|跌)(?:下来|下去)|"            \
                 "(?:摔|倒|躺)在地上|倒地|晕倒|昏倒|"                                                               \
                 "(?:地上|地板|床下|厕所|卫生间|浴室|楼梯)\\S{0,8}(?:起不来|爬不起来|站不起来|动不了)|"              \
                 "心口\\S{0,2}(?:疼|痛|闷|绞)|胸口\\S{0,2}(?:疼|痛|闷|压着)|胸痛|胸闷|心绞痛|心梗|心肌梗|"                      \
                 "心脏(?:病)?\\S{0,2}(?:犯了|发作|不舒服|疼|痛|难受|受不了)|"                                        \
                 "喘不上气|喘不过气|透不过气|上不来气|喘不上来|呼吸困难|不能呼吸|没法呼吸|哮喘\\S{0,2}(?:犯了|发作)|" \
                 "昏过去|晕过去|昏迷|不省人事|叫不醒|叫\\S{0,3}不醒|起不到身|(?:没有?|失去)了?意识|没有?反应了|没(?:有|了)呼吸|没气了|"     \
                 "没有?心跳|抽搐|抽风|口吐白沫|休克|"                                                               \
                 "大出血|血流不止|流血不止|止不住血|血止不住|流了?(?:好|很|一大)多血|好多血|一直(?:在)?流血|"         \
                 "满(?:地|身|脸|手)(?:都)?是血|吐血|"                                                               \
                 "中风(?!险)|脑梗|脑溢血|脑出血|嘴歪|口眼歪斜|"                                                     \
                 "半边(?:身子|身体|脸|手)\\S{0,3}(?:动不了|不能动|麻|没知觉|没感觉|没力)|"                           \
                 "突然(?:说不出话|口齿不清|看不见|说话不清)|"                                                       \
                 "噎住了|噎着了|卡住了?喉咙|喉咙\\S{0,2}卡住|喝了?农药|吃错药|触电|骨折|骨头断了|"                  \
                 "叫救护车|打\\s*120(?!\\s*了?\\s*(?:吗|没|么|嘛|\\?))|call (?:an )?ambulance|"   \
                 "\\bi (?:just )?fell\\b(?! asleep| in love| for)|\\bfell down\\b|\\bhave fallen\\b|can'?t get up|"          \
                 "chest pains?|heart attack|can'?t breathe|cannot breathe|trouble breathing|short of breath|"      \
                 "\\bfainted\\b|passed out|unconscious|not breathing|bleeding (?:badly|a lot|heavily)|"           \
                 "lot of blood|having a stroke")                                                                   \
    X(E_DANGER, "抢劫|打劫|入室|有人闯进|闯进(?:我|我们)?家|撬(?:我家|我们家)?(?:的)?门|"                            \
                "(?:小偷|贼|坏人)\\S{0,4}(?:进|在|闯)\\S{0,3}(?:家|屋)|家里(?:进|有)了?(?:小偷|贼|坏人)|"           \
                "持刀|拿刀\\S{0,2}(?:砍|威胁|追)|砍人|有人(?:在)?打(?:我|人)|被(?:人)?打(?:伤|了一顿)|家暴|"      \
                "困在?电梯|电梯\\S{0,4}(?:困住|困人|关住|出不来)|关在电梯|"                                         \
                "break(?:ing)? in|burglar|intruder|being attacked|stuck in (?:the |an )?(?:elevator|lift)")        \
    /* a call for help that names nothing: the body's kind (120), after a danger named beside it */            \
    X(E_CALL, "救命(?!稻草|恩人|钱|之恩|药|的)|救救我|快来人|来人(?:啊|呐|呀|哪)|"                                   \
              "\\bsos\\b|(?:^|[.!?]\\s*)help(?:\\s*me)?\\s*!|\\bemergency\\b")                                \
    /* a trouble in the home a bare call is about (水管爆了 快来人): a repair wanted now, not the body's (120) */       \
    X(E_HOUSE, "水管\\S{0,4}(?:爆|裂|破|断)|爆管|(?:漏|淹|漫|冒|跑)水|水漫|水淹|(?:水龙头|阀门)\\S{0,4}(?:关不上|关不住|坏)|" \
               "停电|跳闸|断电|(?:马桶|下水道)\\S{0,4}(?:堵|溢|冒)|(?:门|锁)\\S{0,4}(?:打不开|开不了|坏了)|burst pipe|flood") \
    /* a notice, a lesson, media, a what-if, a worry, an object, a figure of speech, a bill, a planned visit */  \
    X(E_TALK, "预防|防止|防范|防摔|防跌|防滑|防火|防盗|防诈|安全(?:知识|教育|检查|隐患|讲座|演练|提示|须知|月)|"      \
              "讲座|知识|培训|宣传|演习|演练|科普|课|消防(?:通道|知识|安全|检查|设施|栓)|急救(?:知识|培训|常识|包)|小心|当心|注意|提醒|隐患|"           \
              "以防|万一|如果|要是|假如|假设|一旦|的话|"                                                            \
              /* news heard and asked about (啥？李姐家着火了？), a price rise cried over (救命啊 物业又涨价了) */ \
              "^(?:啥|什么|蛤|真的假的|真的吗?|不会吧|是吗)\\s*[?!]|(?:他|她|\\p{Han}{1,3}家)\\S{0,4}(?:着火|起火|失火|摔倒|晕倒|出事)了\\s*[?]|" \
              "涨价|又涨|太贵|乱收费|(?:跌|摔)低了?\\S{0,2}?(?:手机|电话|钥匙|眼镜|遥控器?|杯|碗|东西|钱包|银包)|"                                                            \
              "怕(?:摔|跌|滑|着火|起火)|担心\\S{0,4}(?:摔|跌|着火)|容易(?:摔|跌|滑|着火|起火)|"                   \
              "电视剧|剧(?!痛|烈|增)|电视[里上]|电影|新闻|报道|节目|小说|故事|直播|游戏|抖音|快手|听说|据说|"       \
              "哈哈|笑死|好笑|可爱|(?:嗓子|喉咙|渴|急|气)\\S{0,3}冒烟|"                                                                                \
              "(?:手机|碗|杯子|盘子|花盆|瓶子|东西|眼镜|遥控器|电脑|鸡蛋)\\S{0,6}(?:摔|掉)|"                       \
              "(?:忙|累|压力|作业|工作)\\S{0,6}(?:喘不过气|喘不上气|透不过气)|"                                      \
              "(?:煤气|燃气|天然气)\\S{0,4}(?:费|缴|交|充值|抄表|安检|检修|停气|通气|开通|改造|报装)|"              \
              "复查|复诊|体检|挂号|开药|拿药|配药|陪诊|后遗症|康复|得过|有过|犯过|病史|老毛病|"                     \
              "明天|后天|下周|下个?礼拜|下个?星期|下个月|(?:周|星期|礼拜)[一二三四五六日天]|"                      \
              "怎么扶|该不该扶|要不要扶|应该怎么|怎么处理|正确的?(?:做法|方法|处理)|"                                \
              /* a question about it, not a call: 煤气味是什么味道 (摔倒了怎么办 stays a call: better a false alarm) */                        \
              "是什么|什么味|怎么预防|如何预防|为什么|"                                                \
              /* the weather or a feeling, not the body failing: 热得喘不上气 */                                 \
              "(?:热|闷|冷|累|忙|笑|气|吓)得\\S{0,4}(?:喘不上气|喘不过气|透不过气|上不来气)|"                     \
              /* a game or a grief said as the body's (这球踢得 我心口疼), homework's 救命 (救命啊 这道题太难了), and a
               * medicine to buy (心口疼的药吃完了 谁帮我去药店买一盒: a request, posted) */                          \
              "(?:踢|输|看|打|唱|急|气|吓)得\\s*\\S{0,4}(?:心口|胸口)\\S{0,2}(?:疼|痛|闷)|"                             \
              "(?:这道|这个|那道|一道)题|题目?\\S{0,3}(?:太|好|真|也太)难|作业\\S{0,3}(?:太|好|真)(?:多|难)|"         \
              "买\\S{0,4}药|药店|药房|的药\\S{0,2}(?:吃完|用完|没了|快没)|"                                            \
              "\\bif\\b|\\bin case\\b|\\bprevent|\\btv\\b|\\bmovie\\b|\\bshow\\b|\\bnews\\b|\\bdrill\\b|"       \
              /* a planned visit in English, as 明天 and 周三 are: help! need someone to accompany … on wed 10am */  \
              "\\b(?:tomorrow|next (?:week|month)|monday|tuesday|tues?|wednesday|wed|thursday|thu(?:rs?)?|friday|fri|"     \
              "saturday|sunday|appointment|accompany|check-?up)\\b")                                                 \
    /* over, handled, or did not happen */                                                                        \
    X(E_OVER, "没事|没什么事|没大碍|不要紧|没关系|好多了|好些了|缓过来|(?<!修|弄|做)好了|出院|住院了|痊愈|放心|"     \
              "别担心|不用担心|灭了|扑灭|救过来|抢救过来|扶起来了|送(?:去|到)?医院了|(?:被)?救出来了|(?:已经|现在)出来了|"                               \
              "(?:没|没有|(?<!是)不是|并没有|差点|差一点|险些|还好|幸好|幸亏)\\S{0,3}"                                     \
              "(?:摔|跌|着火|起火|晕|昏|闻到|煤气|燃气|流血|中风|喘|出事)|"                                         \
              "\\bok now\\b|\\bi'?m (?:ok|fine)\\b|\\bwas fine\\b|\\bis fine\\b")                                 \
    X(E_PAST, "昨天|前天|上周|上个?礼拜|上个?星期|上个月|去年|前年|前几天|那天|以前|之前|上次|那次|有一次|曾经|"     \
              "小时候|年轻时|当年|\\d+年前|几年前|多年前|\\byesterday\\b|\\blast (?:week|month|year)\\b|years ago") \
    X(E_STILL, "现在|还是|仍然|一直|到现在|还在|快来|快点|救命|马上|赶紧|\\bnow\\b|\\bstill\\b")

/* A key every call for help above holds, so the patterns are read only when
 * one is there (most chat has none): a character, a pair of characters, or
 * E_KEY_ASCII. A pattern added to the four kinds or to E_CALL must hold one. */
static const char key_chars[] = "炸爆煤燃液碳摔跌绊栽昏厕浴胸梗喘沫歪噎救劫闯撬偷贼砍";
static const char *const key_pairs[] = {
    "着火", "著火", "失火", "起火", "火灾", "火很", "火好", "火太", "火势", "烧起", "冒烟", "黑烟", "白烟", "浓烟", "的烟", "烟好",
    "烟很", "烟太", "是烟", "然气", "瓦斯", "闻到", "滑倒", "晕倒", "晕过", "倒地", "地上", "地板", "床下", "生间",
    "楼梯", "心口", "心绞", "心肌", "心脏", "心跳", "透不", "来气", "呼吸", "不醒", "省人", "意识", "反应", "没气",
    "抽搐", "抽风", "休克", "出血", "血流", "流血", "住血", "血止", "多血", "是血", "吐血", "中风", "脑梗", "脑溢",
    "脑出", "半边", "突然", "喉咙", "农药", "错药", "触电", "骨折", "骨头", "坏人", "入室", "持刀", "拿刀", "打我",
    "打人", "打伤", "一顿", "家暴", "困在", "困住", "困人", "电梯", "来人"};

#define AS_EENUM(name, re) name,
#define AS_ERE(name, re) re,
enum emergency_pat { EMERGENCY_PATTERNS(AS_EENUM) E_COUNT };
static const char *const emergency_src[] = {EMERGENCY_PATTERNS(AS_ERE)};

const char *nlp_emergency_name(enum nlp_emergency e)
{
    static const char *const names[] = {"", "medical", "fire", "gas", "danger"};
    return (unsigned)e < BOT_ARRAY_LEN(names) ? names[e] : "";
}

_Static_assert(sizeof key_pairs / sizeof key_pairs[0] == NLP_KEY_PAIRS, "NLP_KEY_PAIRS is the size of key_pairs");

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void key_set(unsigned char *bm, uint32_t cp)
{
    if (cp >= NLP_KEY_LO && cp <= NLP_KEY_HI)
        bm[(cp - NLP_KEY_LO) >> 3] |= (unsigned char)(1u << ((cp - NLP_KEY_LO) & 7));
}

static int key_get(const unsigned char *bm, uint32_t cp)
{
    return cp >= NLP_KEY_LO && cp <= NLP_KEY_HI && (bm[(cp - NLP_KEY_LO) >> 3] >> ((cp - NLP_KEY_LO) & 7)) & 1;
}

enum bot_rc nlp_emergency_init(struct nlp *nlp, char err[256])
{
    size_t len;
    for (const char *p = key_chars; *p; p += len ? len : 1)
        key_set(nlp->key_char, nlp_utf8_next(p, &len));
    for (size_t i = 0; i < BOT_ARRAY_LEN(key_pairs); i++) {
        uint32_t a = nlp_utf8_next(key_pairs[i], &len), b = nlp_utf8_next(key_pairs[i] + len, &len);
        key_set(nlp->key_first, a);
        nlp->key_pair[i] = (uint64_t)a << 32 | b;
    }
    qsort(nlp->key_pair, BOT_ARRAY_LEN(key_pairs), sizeof nlp->key_pair[0], cmp_u64);
    if (!(nlp->epat = calloc(E_COUNT, sizeof *nlp->epat))) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    for (int i = 0; i < E_COUNT; i++) {
        int ec;
        PCRE2_SIZE eo;
        nlp->epat[i] = pcre2_compile((PCRE2_SPTR)emergency_src[i], PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &ec, &eo, NULL);
        if (!nlp->epat[i]) {
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(ec, msg, sizeof msg);
            snprintf(err, 256, "emergency pattern %d at %zu: %s", i, (size_t)eo, (char *)msg);
            return BOT_INVALID;
        }
        pcre2_jit_compile(nlp->epat[i], PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    }
    return BOT_OK;
}

void nlp_emergency_free(struct nlp *nlp)
{
    for (int i = 0; nlp->epat && i < E_COUNT; i++)
        pcre2_code_free(nlp->epat[i]);
    free(nlp->epat);
    nlp->epat = NULL;
}

static int ehas(const struct nlp *nlp, enum emergency_pat p, const char *s, size_t len, pcre2_match_data *md)
{
    return nlp_match(nlp->epat[p], s, len, 0, md) > 0;
}

/* Does norm hold a key? */
static int has_key(const struct nlp *nlp, const char *norm, size_t n, pcre2_match_data *md)
{
    int ascii = 0;
    size_t len;
    uint32_t prev = 0;
    for (const char *p = norm; *p; p += len ? len : 1) {
        uint32_t cp = nlp_utf8_next(p, &len);
        if (cp < 0x80) {
            ascii |= (cp >= 'a' && cp <= 'z') || cp == '1';
        } else if (key_get(nlp->key_char, cp)) {
            return 1;
        } else if (key_get(nlp->key_first, prev)) {
            uint64_t pair = (uint64_t)prev << 32 | cp;
            if (bsearch(&pair, nlp->key_pair, NLP_KEY_PAIRS, sizeof pair, cmp_u64))
                return 1;
        }
        prev = cp;
    }
    return ascii && ehas(nlp, E_KEY_ASCII, norm, n, md);
}

/* The kind whose call comes first: a fire (get out, 119) before gas, gas
 * before the body (120), the body before a danger (110), and a bare 救命 is
 * the body's. */
enum nlp_emergency nlp_emergency_of(const struct nlp *nlp, const char *norm, size_t len, pcre2_match_data *md)
{
    static const struct {
        enum emergency_pat pat;
        enum nlp_emergency kind;
    } kinds[] = {{E_FIRE, NLP_EMERGENCY_FIRE},
                 {E_GAS, NLP_EMERGENCY_GAS},
                 {E_MEDICAL, NLP_EMERGENCY_MEDICAL},
                 {E_DANGER, NLP_EMERGENCY_DANGER},
                 {E_CALL, NLP_EMERGENCY_MEDICAL}};
    enum nlp_emergency kind = NLP_EMERGENCY_NONE;
    if (!has_key(nlp, norm, len, md))
        return NLP_EMERGENCY_NONE;
    int i_call = 0; /* the kind came from a bare call (救命, 快来人) alone */
    for (size_t i = 0; i < BOT_ARRAY_LEN(kinds) && !kind; i++)
        if (ehas(nlp, kinds[i].pat, norm, len, md)) {
            kind = kinds[i].kind;
            i_call = kinds[i].pat == E_CALL;
        }
    if (!kind || ehas(nlp, E_TALK, norm, len, md) || ehas(nlp, E_OVER, norm, len, md))
        return NLP_EMERGENCY_NONE;
    if (i_call && ehas(nlp, E_HOUSE, norm, len, md))
        return NLP_EMERGENCY_NONE; /* 水管爆了 快来人: an urgent repair, read as a request */
    if (ehas(nlp, E_PAST, norm, len, md) && !ehas(nlp, E_STILL, norm, len, md))
        return NLP_EMERGENCY_NONE;
    return kind;
}
