/* intent.c — intents and slots: PCRE2 patterns (compiled once, JIT) over the
 * normalised text, service keywords from a data file, times from time.c. */
#include "nlp_internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NUMC "(?:\\d{1,7}|[零〇一二两三四五六七八九十百]{1,6})"
/* a building in brackets after a written name, 王师傅(3号楼), 王师傅 (三栋): namesakes told apart */
#define BSUF "(?:\\s?\\(\\s?(?:\\d{1,3}|[一二三四五六七八九十两]{1,3})\\s?(?:号楼|栋|幢|号)\\s?\\))"

/* A negator, then a few words that may stand between it and the verb (不想再接, 先别取消). */
#define NEG "(?:不是|不|没|没有|别|不要|不用|不能|不想|不会|不必|未|无法|没法|甭|先别|暂时不|还没|还没有|并没有|从没|不再|不太|哪有|哪里有|哪儿有)\\s*(?:(?:要|想|能|会|用|再|去|来|给|我|说|话|讲|方便|打算|准备|随便|乱|急着|轻易|马上|直接|擅自|恶意|帮\\S{0,3}?|(?:把|将|给|替)\\s*[^\\s，,。！!？?；;、]{0,6}?)\\s*){0,2}"
/* (a negation may stand before the words of manner that come before a verb: 别随便取消, 不要急着确认, 别恶意取消, and before
 * the object 把/给 brings forward, up to a pause: 别把#19取消了, 不要给#15确认 (play73: they cancelled and confirmed)) */
/* Someone else named as a sentence's subject: a full name (a common surname and one or two characters, at the start
 * or after a pause) or a title (楼长, 志愿者, 工作人员…): 王建国取消了#3, 楼长把#5改到明天了 are reports, not the speaker's
 * own deed (helper-71: they acted). A word that only looks like a name (周末, 高兴) costs a miss, never an act. */
#define SURNAME                                                                                                   \
    "(?:王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|何|高|林|罗|郑|梁|谢|宋|唐|许|韩|冯|邓|"                      \
    "曹|彭|曾|肖|田|董|袁|潘|于|蒋|蔡|余|杜|叶|程|苏|魏|吕|丁|任|沈|姚|卢|姜|崔|钟|谭|陆|汪|范|金|石|廖|贾|夏|韦|付|方|"  \
    "白|邹|孟|熊|秦|邱|江|尹|薛|闫|段|雷|侯|龙|史|陶|黎|贺|顾|毛|郝|龚|邵|万|钱|严|武|戴|莫|孔|向|汤)"
#define OTHER_SUBJ                                                                                                \
    "(?:(?:^|(?<=[\\s，,。！!；;]))" SURNAME "\\p{Han}{1,2}|" \
    "\\p{Han}{0,2}(?:楼长|志愿者|工作人员|管理员|干事|社工))"
/* A request posted for a neighbour named (a 楼长 for an elder without a phone). What may not be her name: the speaker
 * and his own, kin, people in general (帮我, 给孩子, 帮老人, 帮忙: the speaker's own request). */
#define POST_FOR_NOT "(?!我|俺|咱|自己|大家|邻居|别人|人|有人|谁|忙|一下|发|他|她|孩子|小孩|老人|家里|家人|老伴|老公|老婆|" \
                     "妈|爸|儿子|女儿|孙子|孙女|外婆|外公|闺女|爷爷|奶奶|朋友|同事)"
/* ... and how a person is sought for her: 找人, 找个人, 叫个人, 请位师傅 */
#define POST_FOR_SEEK "(?:找|叫|请|喊)\\s*(?:个|一个|一位|位)?\\s*(?:人|志愿者|师傅|邻居)"
/* ... and her, as a sentence's subject that needs someone: a surname and a name or a title, or a title alone
 * (李奶奶需要人陪她去医院, 王建国要人帮忙, 张阿姨想找个人): never a word that only sits there (明天需要人) */
#define NEED_SOMEONE "(?:需要|要|想)\\s*(?:找|请|叫)?\\s*(?:个|一个|一位|位|有)?\\s*(?:人|志愿者|师傅)"
/* ... a day and an hour between her and her need: 李奶奶明天上午9点需要人陪 (hB: the sender's own was posted) */
#define WHEN_WORDS "(?:(?:今天|明天|后天|大后天|(?:这|下)(?:周|个?星期|个?礼拜)[一二三四五六日天]|周[一二三四五六日天末]|" \
    "星期[一二三四五六日天]|上午|下午|晚上|早上|中午|\\d{1,2}(?:点|:\\d\\d)半?|[一二三四五六七八九十两]{1,3}点半?|" \
    "\\d{1,2}月\\d{1,2}[日号])\\s*){0,3}"
/* ... or who has somewhere to go, the group asked who comes: 张阿姨要去医院啊，谁有空 (play73: posted as the speaker's) */
#define NEED_GO_ASK "(?:要|想|得)\\s*(?:去|到)[^。！!；;]{0,16}?(?:谁有空|谁能|谁可以|有没有人|哪位|谁来|谁帮|谁陪)"
/* ... never a day or a time of day (周六, 星期三, 明天, 下午: play95 read 周六 as an elder's name) */
#define NOT_WHEN "(?!(?:周|星期|礼拜)[一二三四五六七日天末]|今天|明天|后天|昨天|前天|今晚|明早|上午|下午|中午|晚上|早上)"
#define POST_FOR_PERSON NOT_WHEN "(?:" SURNAME "\\p{Han}{1,2}?|老\\p{Han}|\\p{Han}{1,2}?(?:奶奶|爷爷|阿姨|大爷|大妈|婆婆|伯伯|叔叔|姥姥|姥爷|老师|师傅))"
/* A verb with a negative complement: 去不了, 赶不到, 修不好. */
#define NEG_POT(verbs) "(?:" verbs ")\\s*不\\s*(?:了|成|到|上|下|过来|过去|回来|出|好|完|动)"
/* English: I can't take it, won't confirm, not able to come. */
#define NEG_EN(verbs) "\\b(?:can'?t|cannot|can not|won'?t|not able to|unable to|don'?t|didn'?t|do not|did not|never)\\s+(?:\\w+\\s+)?(?:" verbs ")\\b"

/* Who registers someone else, and the act itself, not one told of as done or as a time (注册了, 注册的时候): 我帮李桂兰注册一下 */
#define PROXY_REG_FOR "(?:我|我来|我想|我要|我先|让我)?\\s*(?:帮|替|给)(?!我)"
#define PROXY_REG_NOW "(?:注册|登记)(?!\\s*(?:了|过|好了|完|的|时|之前|之后|以后|那))"
/* A neighbour named as whom a question is about (张秀英, 李阿姨, 老李, 小陈), never the speaker's own kin or people in
 * general (我老公, 老人, 小区): 张秀英的电话是多少, 李桂兰的积分多少. A building in brackets may tell namesakes apart. */
#define PERSON_NAMED "(?!老(?:人|公|婆|伴|家|板)|小(?:时|区|孩|组|卖|朋友|伙))(?:" POST_FOR_PERSON "|小\\p{Han})" BSUF "?"
/* what of hers is asked: her phone, her address */
#define CONTACT_PHONE "(?:手机号码|手机号|手机|联系电话|电话号码|电话号|电话|联系方式|号码|微信号?)"
#define CONTACT_ADDR "(?:家庭住址|住址|地址|门牌号?|家的地址)"
/* an order named by its number: #1, 3号单, 第3单 */
#define ORDER_NAMED "(?:#\\s*\\d{1,7}|\\d{1,7}\\s*号单|第\\s*\\d{1,7}\\s*单)"
/* a question put before her name: 谁知道张秀英的电话, 告诉我李阿姨的地址 */
#define CONTACT_LEAD "(?:谁知道|谁有|有谁知道|有谁有|有没有人知道|有没有人有|有人知道|请问|告诉我|给我|发我|发一下|求|我想要|我要|能不能给我|可以给我|能给我|" \
    "(?:帮我|给我)?查(?:一下|一查|查)?|(?:我)?想知道|(?:我)?想问(?:一下|问)?|问一下)"
/* ... or it brought before a verb sending it to the speaker: 把张秀英的电话发给我 */
#define CONTACT_TO_ME "\\s*(?:发|给|告诉|说)(?:给|一下)?\\s*我"
/* whose it is: hers, or her home's (李桂兰家门牌号多少) */
#define CONTACT_OF "\\s*(?:的|家的?)?\\s*"
/* ... or after it: 张秀英的电话是多少, 张秀英电话有吗 */
#define CONTACT_ASKS "\\s*(?:是|是个)?\\s*(?:多少|几号|啥|什么|有吗|有没有|谁知道|谁有|知道吗|能给|发我|给我|告诉我)"
/* ... or the whole message is her name and it, asked: 张秀英的号码？ 张秀英家地址 张秀英几号楼 */
#define CONTACT_BARE "\\s*(?:呢|啊|呀)?\\s*[?？]*\\s*$"
/* an existing trouble with it is talk, not a question for it: 谁知道张秀英的电话坏了没 */
#define CONTACT_NOT_TROUBLE "(?!\\s*(?:坏|打不通|不通|停机|换了|没电|欠费|关机|丢|占线|没人接))"
/* A wish to join said by the speaker (想当志愿者, 我也想加入, 我是小陈想当志愿者), never her kin's (我女儿想当志愿者) */
#define JOIN_WISH "(?:^|[\\s,.!?;~]|我|本人|我[是叫]\\s*\\p{Han}{1,4}?)\\s*(?:也|还|很)?\\s*(?:想|要|愿意|打算|希望|准备)\\s*(?:报名)?\\s*" \
    "(?:(?:当|做|成为|加入|参加)\\s*(?:一名|一个|个)?\\s*(?:志愿者|志工|义工|会员|时间银行|时间驿站|驿站)|注册|登记)"

/* Every pattern: enum name, regex. Matching is on normalised text. */
/* what may lead a vague call for help: who it is for, how urgent, a polite opening (P_VAGUE_NEED) */
#define VAGUE_LEAD "(?:请问|麻烦|急|现在|有人吗|在吗|我这边|我这儿|我家里|我们家|我家|家里|我妈妈|我爸爸|我妈|我爸|老伴|老人)?"
#define NLP_PATTERNS(X)                                                                        \
    /* request ids */                                                                          \
    X(P_ID_HASH, "#\\s*(\\d{1,7})(?![\\d.])")                                                  \
    X(P_ID_ORD, "第\\s*(" NUMC ")\\s*(?:个)?(?:单|号单)")                                      \
    X(P_ID_NO, "(?<![a-z])no\\.?\\s*(\\d{1,7})(?![\\d.])")                                     \
    X(P_ID_LABEL, "(?:单号|编号|订单号|订单|单子)\\s*:?\\s*(\\d{1,7})(?![\\d.])")              \
    X(P_ID_HAO, "(?|(?<![\\d.月/-])(\\d{1,7})\\s*号?单(?!元|位|车)|(?<![\\d.月/零〇一二两三四五六七八九十百-])([一二两三四五六七八九十百]{1,4})\\s*号单)") \
    X(P_ID_VERB, "(?:接单|接|确认|取消|开始服务|结束服务|开始|结束|投诉|评价|accept|take|confirm|cancel|start|finish|rate)\\s*(\\d{1,7})(?![\\d.:])(?!\\s*(?:点|小时|个|分|号楼|楼|栋|月|天|块|元|岁|年|h\\b|hours?|min|am|pm))") \
    /* 接单二十三, 确认 十二号: a numeral written in characters, right after the command word and alone */     \
    X(P_ID_VERB_CN, "(?|(?:接单|确认|取消|开始服务|结束服务)\\s*([一二两三四五六七八九十百]{1,4})\\s*(?:号单?|单)?\\s*$|(?:接单|接|确认|取消|开始服务|结束服务|开始|结束|评价|投诉)\\s*(?:第)?\\s*([一二两三四五六七八九十百]{1,4})\\s*(?:号单|单|号(?=\\s*(?:$|[!.~,]|[一二三四五1-5]\\s*(?:星|颗星|分)|(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十半]+)\\s*个?半?(?:小时|钟头|钟)))))") \
    /* 少算半小时, 多给1小时, 扣掉半小时: an amount relative to another, not the amount */        \
    X(P_AMOUNT_RELATIVE, "(?:(?<!差不|至|最|很|许|好|不)多|(?<!至|最|多|不)少)(?:算|给|记|计|了|付)?\\s*(?:" NUMC "(?:\\.\\d+)?|半)\\s*(?:个)?(?:半)?(?:小时|分钟|钟头|钟)|(?:扣掉|扣除|减掉|减去|加上|再加)\\s*(?:" NUMC "|半)") \
    /* 把8号和9号都取消了, 取消 8 9号单, #8、#9: two orders */                                 \
    X(P_ID_TWO, "(?:#\\s*)?\\d{1,7}\\s*(?:号单?|单)?\\s*(?:和|跟|与|及|,|\\s)\\s*(?:#\\s*\\d{1,7}|\\d{1,7}\\s*(?:号单|单|号(?!楼|栋|幢|单元|房|室|门|院|床|线|窗|\\s*(?:上午|下午|中午|晚上|早上|凌晨|傍晚|\\d|[点时]))))") \
    X(P_ID_LEAD, "^(\\d{1,7})\\s*(?:号单|号)?\\s*(?=我接|我来|接了|我去|确认|取消|开始|结束|完成)") \
    /* a command word opening a short message and a lone number closing it: 确认收到服务 15 */ \
    X(P_ID_TAIL, "^(?:确认|取消|开始|结束|完成|投诉|评价|接单)\\S{0,8}\\s+(\\d{1,5})$")            \
    /* 23号上午9点, 3号晚上, 5号周六: a day of the month, not an order */                    \
    X(P_ID_BAREHAO, "(?<![\\d.月/-])(\\d{1,7})\\s*号(?!楼|单元|栋|房|室|门|线|床|窗|院|\\s*(?:上午|下午|中午|晚上|早上|早晨|凌晨|傍晚|夜里|白天|早|晚|周|星期|礼拜|\\d|[零〇一二两三四五六七八九十]{1,3}\\s*[点时]))")      \
    /* commands with an id */                                                                  \
    X(P_COMPLAINT, "投诉|举报|complain")                                                       \
    X(P_COMPLAINT_NOID, "^(?:我要|我想)?投诉(?:一下)?.{0,10}(?:志愿者|志工|服务|那单|这单)|(?:志愿者|志工|服务|师傅).{0,10}(?:我要|我想)投诉")  \
    X(P_RATE, "(?:[1-5一二两三四五]\\s*(?:颗|个)?星|\\d{1,3}\\s*(?:颗|个)?星|评价|★|评分|打个?分|打\\s*[1-5一二三四五]\\s*分|好评|差评|\\brate\\b|[1-5]\\s*stars?)")   \
    X(P_CANCEL, "取消|撤销|撤回|撤了|撤掉|退单|(?:这|那)(?:一|个)?单(?:子)?\\S{0,3}?退(?:了|掉)|不用了|不需要了|不要了|不用帮了|不麻烦了|\\bcancel")                                    \
    /* an order's start moved (with an order named): 改时间, 时间改一下, 改期; 改到/改成/挪到 … only before a time */ \
    X(P_RESCHEDULE, "(?:改|换|调|挪|更改|修改|变更)\\s*(?:一下|个|下|过|了)?\\s*(?:时间|日子|日期|钟点|时候)|(?:时间|日子|日期|钟点)\\s*(?:要|想|得|能|可以|帮我|麻烦)?\\s*(?:改|换|调|挪|更改|变)|改期|改约") \
    X(P_RESCHEDULE_TO, "(?:改|换|挪|调|推迟|延后|推后|往后推|提前|延期|推)\\s*(?:到|至|成|为|在)") \
    /* a correction of the day: #4 是明天上午十点，不是今天 / #4 不是今天，是明天上午十点 */ \
    X(P_RESCHEDULE_FIX, "(?:^|\\s|[,.\\d])(?:是|应该是|定在)\\s*\\S{1,16}?\\s*[,.;\\s]\\s*(?:而)?不是\\s*\\S|(?:^|\\s|[,.\\d])不是\\s*\\S{1,16}?\\s*[,.;\\s]\\s*(?:而)?(?:是|应该是|改成|改到)\\s*\\S") \
    /* someone else moved it, or is told to: 他把#4改到明天了, 王阿姨改了时间, 让小李把#4改一下 */ \
    X(P_RESCHEDULE_OTHER, "(?<![帮替给让叫请和跟为])(?:" OTHER_SUBJ "|他|她|他们|她们|人家|别人|有人|对方|志愿者|老\\p{Han}|小(?!时)\\p{Han}|(?:(?![帮替给让叫请和跟为])\\p{Han}){1,2}(?:阿姨|大爷|大妈|师傅|老师|奶奶|爷爷|叔叔?|姐姐?|哥哥?))\\s*(?:已经|刚才|刚刚|都|也|早就|又)?\\s*(?:把\\S{0,10}?)?(?:改|换|挪|调|推迟|提前)|(?:让|叫|喊)\\s*\\S{1,4}?\\s*把") \
    /* it was moved before: #4 已经改到明天了, 昨天改的#4, 改过时间了 */ \
    X(P_RESCHEDULE_PAST, "(?:已经|早就|早已)\\s*(?:把\\S{0,10}?)?(?:改|换|挪|调)|(?:改|换|挪|调)过|(?:改|换|挪|调)好了|(?:昨天|前天|上次|上周)\\S{0,10}(?:改|换|挪|调)") \
    /* why the old time will not do (今天不行, 时间不对): the reason for the change, not a doubt about it */ \
    /* what was wrong, said with a complaint or a cancel: its reason (投诉 #10 时间不对, 不是我确认的: play78, nothing was
     * filed; 时间不对，取消#3: play80) */ \
    /* ... and what was wrong said first, before a pause and the command (6号代录不对，撤销代录#6); 不对 at the end takes
     * the command back */                                                                      \
    X(P_WRONG_BEFORE, "(?:不对|不是这样)\\s*[，,。；;!！]")                                   \
    X(P_COMPLAINT_TALK, "的投诉(?!\\s*(?:他|她|#|\\d))|投诉(?:的事|这件事|这事|那件事)|(?:别|不要|不用|暂缓|先放)\\S{0,2}?(?:处理|受理)") \
    X(P_COMPLAINT_HEAD, "^\\s*(?:投诉|举报)\\s*(?:#\\s*\\d|第|\\d|单号|no\\.?\\s*\\d)")          \
    X(P_COMPLAINT_REASON, "不对|不是我\\S{0,8}?的|不是这样|不是那样")                                   \
    X(P_RESCHEDULE_REASON, "(?:时间|日子|日期|钟点|今天|明天|后天|上午|下午|晚上|早上|那天|这天|原来的)\\s*(?:的)?\\s*(?:不对|不行)") \
    /* A-not-A, Chinese's yes-no question (要不要, 需不需要, 能不能, 是不是, 用不用): asked, never a refusal nor a     \
     * command; not after 不 itself (不用不用, 不要不要: a refusal said twice) */                                 \
    X(P_ANOTA, "(?<!不)(\\p{Han})不\\1")                                                                    \
    X(P_NEG_RESCHEDULE, NEG "(?:改|换|挪|调|推迟|提前|延期|变)|" NEG_POT("改|换|挪|调") "|(?:时间|日子|日期)\\s*(?:不变|不改|不用改|照旧)") \
    /* the whole message takes back the member's last accept or cancel: 撤销, 刚才点错了 (撤销 #12 is a cancel) */ \
    X(P_UNDO, "^(?:撤销|撤回)(?:一下|吧)?(?:刚才的?(?:操作)?)?[!.~\\s]*$|^(?:哎呀|哎|唉|不好意思|对不起|抱歉)?[,!.~\\s]*(?:我)?(?:刚才|刚刚)?(?:我)?(?:点错了|弄错了|按错了|搞错了|接错了|取消错了)(?:[,!.~\\s]*(?:请|帮我)?(?:撤销|撤回)(?:一下|吧)?)?[!.~\\s]*$") \
    /* a twin of a recent request is meant: 再发一个 */ \
    /* a request posted for someone named (a 楼长 for an elder without a phone): 帮李奶奶求助, 替李奶奶发个求助, 代发求助 \
     * 李奶奶, 代李奶奶发求助; never the speaker or her own (帮我, 给我妈: hers to post and pay) */                \
    X(P_POST_FOR, "(?:帮|替|给|为|代)\\s*(?:(\\S{1,4}号楼)的?\\s*)?" POST_FOR_NOT "(\\p{Han}{2,4}?)"         \
                  "\\s*(?:[(（]\\s*(\\S{1,4}号楼)\\s*[)）])?\\s*(?:家里?\\s*)?(?:(?:发(?:个|一个|一条|布)?\\s*)?求助|" POST_FOR_SEEK ")" \
                  "|代发(?:个|一个)?求助\\s*[:：]?\\s*"                                                     \
                  "(?:(\\S{1,4}号楼)的?\\s*)?(?!我|俺|咱)(\\p{Han}{2,4}?)\\s*(?:[(（]\\s*(\\S{1,4}号楼)\\s*[)）])?(?=\\s|[，,：:]|$)" \
                  "|(?:^|(?<=[\\s，,。！!；;]))(?:(\\S{1,4}号楼)的?\\s*)?(?:(?:我们?)?的?(?:邻居|隔壁|楼上|楼下|对门)(?:家)?的?\\s*)?" \
                  POST_FOR_NOT "(" POST_FOR_PERSON ")"                                                   \
                  "\\s*(?:[(（]\\s*(\\S{1,4}号楼)\\s*[)）])?\\s*(?:家里?)?\\s*(?:也|还)?\\s*" WHEN_WORDS "(?:" NEED_SOMEONE "|" NEED_GO_ASK ")")    \
    /* ... said of someone else or done already: 楼长说帮李奶奶求助, 已经帮李奶奶求助了, 帮李奶奶找人修好了 (helper-71: \
     * posted on the sender's) */                                                              \
    X(P_POST_FOR_TOLD, "(?:说|讲|听说|据说|已经|早就|刚才|刚刚)\\S{0,4}?(?:帮|替|给|为|代)\\S{1,14}?(?:求助|" POST_FOR_SEEK ")" \
                       "|(?:帮|替|给|为|代)\\S{1,14}?(?:求助|" POST_FOR_SEEK ")\\p{Han}{0,8}?(?<!麻烦|辛苦|拜托)了(?!吗)") \
    /* someone's need heard of, not asked for: 听说李奶奶需要人陪, 李奶奶说她需要人陪她去医院 (never the speaker's post) */ \
    X(P_NEED_TOLD, "(?:听说|据说)\\S{0,10}?" NEED_SOMEONE "|说\\s*(?:她|他)们?\\s*(?:也|还)?\\s*" NEED_SOMEONE) \
    /* ... asked about, not asked for: 李奶奶需要人陪她去医院吗？, 要不要帮李奶奶找个人, 帮李奶奶找人修水管吗 (能帮李奶奶 \
     * 找个人修水管吗？ asks the bot to: a request) */                              \
    X(P_POST_FOR_ASKS, "要不要|需不需要|用不用|是不是|(?:需要|要)\\S{0,40}?(?:吗|么|嘛)\\s*[?？]?\\s*$|"   \
                       "^(?!.*(?:能|可以|麻烦|请|拜托|谁)).*(?:(?:吗|么|嘛)\\s*[?？]?|[?？])\\s*$") \
    /* a request not asked now: a condition with the speaker's own consequence (明天要是没人来我就自己去; never a polite \
     * 要是谁有空 nor a wish 要是有人帮我就好了), a deferral (到时候再说, 回头再定), a plan that may be (可能要找人陪我) */ \
    X(P_POST_NOT_NOW, "(?:要是|如果|万一|假如|假使|若是|倘若)(?!\\s*(?:有人|谁|哪位|大家|邻居|您|你|各位|好心人|志愿者))" \
                      "[^，,。！!？?；;]{0,20}?(?:[，,]\\s*(?:那)?\\s*(?:我们?|俺)?\\s*)?(?:就|的话\\s*(?:我|俺))\\s*(?!(?:太|真)?好(?:了|啦)?|行|可以|谢|感谢|感激|帮|请(?!\\s*(?:个|一个|位)?\\s*人)|麻烦)" \
                      "|(?:到时候?|回头|以后|改天|过几天|过两天|等\\S{1,8}?)\\s*再\\s*(?:说|看|定|讲|商量|联系|找)" \
                      "|还没(?:想好|定|决定)|还不(?:确定|一定)|说不定|不一定" \
                      "|(?:可能|也许|或许|估计)\\s*(?:要|会|得|需要|想)?\\s*(?:找|请|叫|麻烦)\\s*(?:个|一个|位|一位)?\\s*(?:人|志愿者|邻居|大家)") \
    /* an offer for later, not now: 等我退休以后再说, 等孙子上学了 (我也想当志愿者 不过得等…) */ \
    X(P_OFFER_LATER, "等(?:我|到)?\\S{1,10}?(?:以后|之后|的时候|再说|好了|回来)|(?:到时候?|回头|改天)\\s*再\\s*(?:说|看|定|讲)|等(?:我|到)?\\S{1,8}了\\S{0,6}(?=\\s|$|[，,。])|(?:将来|过几年|退休(?:以|之)?后)\\s*(?:再|才)") \
    X(P_AGAIN, "再(?:发|来|发布)(?:一|1)(?:个|条|次|单|遍)") \
    /* the member's own orders, the whole message: 我的求助, 我发的单, 我接的单, 我的单子 */ \
    X(P_MINE, "^(?:请|帮我)?(?:查看?|看看?|看一下|看下|查一下|查下|查查|列出|显示)?\\s*我(的|发的|发布的|提的|接的|接了的)\\s*(求助|需求|单子|订单|单|活儿?)?\\s*(?:有哪些|都有哪些|有什么|有啥|列表|记录|情况|进度|呢|吧)?[?!.~\\s]*$") \
    X(P_CONFIRM, "确认|\\bconfirm|确定完成")                                                  \
    /* the requester saying it was done for them: 帮我修好了 / 弄好了，谢谢 */                     \
    X(P_CONFIRM_THANKS, "(?:帮我|给我|替我|帮俺).{0,8}(?:弄好|修好|做好|办好|搞定|弄完|做完|送到|买到|取到|买回来|送来)|(?:弄好|修好|做好|办好|搞定|完成|做完|弄完)了?.{0,4}(?:谢谢|多谢|感谢|辛苦)|(?:^|\\s)好了\\s*,?\\s*(?:谢谢|多谢|感谢|辛苦)") \
    /* the whole message a bare start, finish or confirm: the order comes from context (issue 13) */ \
    /* ... arrived at a neighbour's door (我到张阿姨家了: play80 read nothing; her name or 称呼 in group 1, play88); \
     * never 到家了, the speaker's own */ \
    X(P_BARE_START, "^(?:我)?(?:已经)?(?:到了|已到|到啦|开始了|开始吧|开始服务|出发了|开工了|动工了|开工吧|动工吧|"                \
      "到(" POST_FOR_PERSON ")家(?:门口|楼下)?了)(?:[,.!~\\s]+\\S{0,12})?$")                     \
    X(P_BARE_FINISH, "^(?:我)?(?:已经)?(?:活儿?)?(?:弄好了|修好了|做好了|结束了|完成了|干完了|弄完了|做完了|搞定了|服务结束了?|结束服务|收工了?|完工了?|完事了)(?:[,.!~\\s]+\\S{0,12})?$") \
    /* ... the service's own work said done, and nothing else: 窗户擦完了, 水管修好了, 陪诊结束了, 菜买好了 and 买好了 \
     * alone, its verb naming 代购 (the service named is read from the words; never what someone did for the speaker \
     * at her home: 我家水管修好了, 王师傅把水管修好了) */ \
    X(P_SERVICE_FINISH, "^(?:我)?(?:已经)?(?!我|俺|咱|你|他|她|小\\p{Han}|老\\p{Han}|\\p{Han}{0,3}?(?:奶奶|爷爷|阿姨|大爷|大妈|婆婆|伯伯|叔叔|姥姥|姥爷|老师|师傅|大姐|大哥))" \
      "(?:(?:[^\\s,.!?~:;把被给帮替让叫请的家没不未别]{1,8}?)\\s*(?:也|都)?\\s*(?:已经)?\\s*|(?=买好了))" \
      "(?:买好了|修好了|弄好了|做好了|擦好了|收拾好了|打扫好了|结束了|完成了|完工了|搞定了|完事了|收工了|(?<![买取拿])完了)(?:[,.!~\\s]+(?!\\S*(?:谢|辛苦))\\S{0,12})?$") \
    X(P_BARE_CONFIRM, "^(?:确认|确认完成|确认一下|确认了|好了\\s*,?\\s*谢谢(?:你|您|了)?|可以了\\s*,?\\s*谢谢(?:你|您)?)[!.~\\s]*$") \
    X(P_FINISH, "结束|完工|收工|弄完|做完|服务完|干完|完成|搞定|弄好|修好|做好|\\p{Han}完了|\\bfinish|\\bdone\\b")                   \
    X(P_START, "开始|开工|动工|到了|已到|出发了|\\bstart")                                               \
    /* a start put off, not made: 等会儿开工, 一会儿开始服务, 下午再开工, 10点开工, 明天开始 (play95: its timer ran) */ \
    X(P_START_LATER, "(?:等会儿?|等一?下|一会儿?|待会儿?|过会儿?|过一会儿?|回头|晚点|晚一点|晚些|下午|晚上|中午|今晚|" \
                     "明天|后天|明早|改天|过两天|过几天|下周|下个?(?:星期|礼拜)|(?:\\d{1,2}|[一二三四五六七八九十两]{1,3})\\s*" \
                     "(?:点|:\\d\\d)\\s*(?:半|钟|\\d{1,2}\\s*分?|[一二三四五六七八九十]{1,3}\\s*分)?)\\s*(?:我们?|俺)?\\s*" \
                     "(?:再|就|才)?\\s*(?:开始|开工|动工)") \
    X(P_ACCEPT, "接|我来|交给我|count me in|\\bi can do\\b|\\bi'?m in\\b|包在我身上|(?:我|俺)包了|报名|我能去|我去|算我|我可以|\\btake\\b|\\baccept|i'?ll")             \
    X(P_STARS, "([1-5一二两三四五])\\s*(?:颗|个)?(?:星|分|stars?)")                              \
    X(P_STARS_BLACK, "(★+)")                                                                   \
    X(P_PRAISE, "好评|点个?赞")                                                                \
    X(P_PAN, "差评")                                                                           \
    /* small talk with the bot (no intent of its own) */                                   \
    X(P_GREETING, "^(?:你好|您好|你们好|大家好|在吗|在不在|在么|早上好|早安|上午好|中午好|下午好|晚上好|晚安|嗨|哈喽|喂|\\bhi\\b|\\bhello\\b|\\bhey\\b)[\\s!.?~啊呀呢吗啦哦]*$") \
    /* help wanted, and nothing said of what (需要帮忙, 谁能帮帮我, 我想求助, 求助 alone): asked what, not 没听懂 and \
     * not an empty order; never an offer (我来帮忙, 我想帮忙) nor a volunteer asking round (需要人帮忙吗) */       \
    X(P_VAGUE_NEED, "^" VAGUE_LEAD "(?:"                                                      \
      /* need: 需要帮忙, 我这边需要点帮助, 急需帮助 (not 需要人帮忙吗: a volunteer asking round) */      \
      "(?:我|俺|我们)?(?:这边|这儿|家里)?(?:现在|真的|很|急)?(?:需要|急需|得)(?:点|一点|一些|些)?(?:找|请)?"   \
      "(?:个|一个)?(?:人|谁|大家|邻居|志愿者)?(?:来)?(?:帮帮|帮个忙|帮忙|帮助|帮一下|求助)(?:我|一下|下)?"     \
      "[\\s!.?~啊呀呢吧了哦]*$|(?:"                                                          \
      /* want to ask: 我想求助 (我想帮忙 is an offer) */                                         \
      "(?:我|俺|我们)?(?:想|要|希望)(?:求助|求救)(?:一下)?|"                                       \
      /* find someone: 想找人帮忙, 想请人帮个忙 */                                               \
      "(?:我|俺)?(?:想|要|希望)?(?:找|请)(?:个|一个)?(?:人|谁|大家|邻居|志愿者)(?:来)?(?:帮帮|帮个忙|帮忙|帮一下)(?:我|一下)?|" \
      /* help me: 帮帮我, 能帮帮我吗, 能不能帮我个忙, 麻烦帮个忙, 来个人帮帮我 */                     \
      "(?:能|能不能|可以|可不可以|请|麻烦|来个人|来人)?(?:帮帮我|帮帮忙|帮我个忙|帮个忙|帮我一下|救救我)|"   \
      /* who can: 谁能帮帮我, 有谁能帮忙吗, 谁来帮我一下 */                                        \
      "(?:谁|有谁|有人|有没有人|哪位|来个人|来人)(?:能|可以|会|来|愿意)?(?:帮帮|帮个忙|帮忙|帮一下|帮)(?:我)?(?:一下|下|个忙|忙)?|" \
      /* bare: 求助, 求帮忙, 求助一下 */                                                         \
      "求(?:帮忙|帮助|助)(?:一下)?)[\\s!.?~啊呀呢吧吗了哦]*$)")                                  \
    /* help offered, and nothing said of what (我想帮忙, 我来帮忙, 有需要帮忙的吗): pointed to the list and to 我会… */ \
    X(P_VAGUE_OFFER, "^(?:我|俺|我们)(?:也)?(?:想|要|来|愿意)(?:帮忙|帮帮忙|帮助大家|帮帮大家|帮大家|当志愿者|做志愿者)|"     \
      "^(?:我帮你|我帮您)|^(?:有|有没有|谁)(?:人)?需要(?:人)?帮忙(?:的)?|^需要人帮忙吗")                            \
    X(P_THANKS, "^(?:谢谢|多谢|感谢|谢啦|谢了|辛苦了|辛苦|太好了|好的谢谢|thanks|thank you)[\\s!.~啊呀哈啦哦喔你您了大家]*$") \
    /* commands without an id */                                                               \
    X(P_HELP, "^/?(?:帮助|help|菜单|说明|使用说明|功能|指令|命令|start)$|怎么用(?:啊|呀|呢|吗|\\?|!|\\.|,|\\s|$)|(?:机器人|小助手|驿站|你).{0,6}(?:能干啥|能做什么|会什么|能干什么|干什么的)|使用说明|说明书|不(?:太|大)?会用|积分(?:有什么用|有啥用|能(?:换|干|做|买)什么|怎么(?:用|花|换))|积分.{0,4}(?:怎么算|咋算|如何计算|怎么计算)|时间银行是(?:什么|啥|怎么回事)|怎么发求助|怎么求助|怎么发布|怎么接单|(?:怎么|如何|怎样|点样|點樣)(?:注册|加入|报名|转赠|确认|查积分|发求助|求助|接单)|(?:求助|接单|注册|积分)\\S{0,4}怎么(?:弄|办|发|操作)|(?:怎么|如何|怎样|能不能|可不可以|能否)\\S{0,4}(?:把)?\\S{0,3}(?:积分|时间|小时)\\S{0,6}(?:转|送|给)|积分\\S{0,4}(?:可以|能|可不可以|能不能)(?:转|送|给)\\S{0,8}(?:吗|\\?)|^how (?:do|to) |\\bwhat (?:can|do) you do\\b|\\bhow does (?:this|the|your) (?:bot|thing|app) work|(?:怎么|怎样|如何|点样|點樣)用(?:呢个|这个|你)?(?:机器人|驿站|小助手|你)|怎么(?:跟|和|对|同)你(?:说|讲)\\S{0,3}(?:你)?才(?:懂|明白|听得懂|能懂)|\\bwhat are you for\\b") \
    X(P_REGISTER, "^(?:查看?|看看?|看一下)?\\s*(?:我的|个人)(?:资料|信息|登记信息|登记)\\s*[?？]?$|^/?(?:注册(?!会计|资金|公司|商标|地址|账号|邮箱|建筑|城市|护士|医师)|登记|register)|注册会员|(?:我要|我想|想要|想|要|帮我)(?:注册|登记)|^我要(?:报名|加入)$|登记资料|报名加入|^(?:我要|我想)?(?:报名|加入|登记)\\s*(?:时间银行|时间驿站|驿站|志愿者)?\\s*\\p{Han}{2,4}\\s*,?\\s*\\d{1,3}号楼|(?:姓名|名字)\\s*:?\\s*\\p{Han}{2,4}(?=[\\s,]).{0,60}(?:注册|登记)|我叫\\p{Han}{2,4}\\s*,?\\s*(?:住|\\d{1,3}号楼)|(?:我想|我要|想要|想|申请)(?:加入|参加|入会)\\S{0,8}\\s*.{0,4}(?:名字|我叫|姓名|叫)\\s*:?\\s*\\p{Han}{2,4}.{0,6}住") \
    /* 注册 of another app or site (注册个抖音账号, 淘宝怎么注册, 注册要验证码): not joining us, who ask for no code */ \
    X(P_REG_ELSEWHERE, "注册\\S{0,4}(?:抖音|快手|淘宝|拼多多|支付宝|小红书|美团|京东|微博|网银|邮箱|\\bapp\\b)|"          \
      "(?:抖音|快手|淘宝|拼多多|支付宝|小红书|美团|京东|微博|网银|邮箱|\\bapp\\b)\\S{0,8}注册|"                  \
      "注册\\S{0,4}(?:微信|qq)\\s*(?:号|账号|帐号)|注册\\S{0,16}验证码|验证码\\S{0,16}注册")                    \
    X(P_HISTORY, "积分明细|\\b(?:credit|credits|points?|time) history\\b|积分纪录|(?:看看|查查|查一下|看一下|想看看)(?:我的)?(?:积分)?记录|^明细$|(?:查|看|给我).{0,4}明细|明细.{0,4}(?:看看|查查|发我|给我)|积分.{0,6}怎么来的|收支|流水|积分记录|交易记录|积分都是哪|积分.{0,4}(?:变动|变化)|(?:积分|时间币?|小时)\\S{0,3}(?:花|用)(?:到|在)?哪(?:儿|里)?(?:去)?了|(?:时间|积分)账单|我的账单|\\bmy (?:history|transactions)\\b|^/?history$|\\bstatement") \
    X(P_BALANCE, "^(?:我|我的|我现在的?|现在|目前)?(?:积分|余额|时间余额|时间币)(?:现在|目前|还)?是多少(?:啊|呀|呢|\\?)?$|^(?:我的?)?(?:积分|余额|时间余额|时间币)(?:还有|还剩|有)?(?:多少)?(?:查询)?(?:啊|呀|呢|\\?)?$|查积分|积分查询|查询积分|查余额|^/?余额$|^/?积分$|我的?(?:积分|余额|时间币|时间余额|时间)(?:还剩|还有|有)?多少|(?:我|俺).{0,3}(?:有|还有|还剩|攒了|存了|存下)(?:多少|几个?)(?:积分|时间|小时|时间币|分)|^我的?账户$|账户余额|(?:账上|账户里|账里)\\S{0,2}(?:还有|还剩|有|剩)(?:多少|几个?)(?!\\s*(?:钱|块|元))|查.{0,4}(?:我的)?(?:时间余额|积分|余额|时间币)|积分.{0,2}(?:还剩|还有|剩)(?:多少|几)|我.{0,5}(?:赚|挣|攒|得)了多少(?:积分|小时|时间)|\\bmy balance|^/?balance$|how many (?:credits|hours)") \
    X(P_LEADER, "^/?排行榜|^(?:本月|这个月|这月|上个月)?(?:的)?(?:积分)?(?:排行|排名)榜?\\s*出(?:来)?(?:了)?\\s*(?:没有?|未|吗)|(?:看看|看一下|看下|查看|查一下|瞧瞧|发一下|发个)(?:积分|本月|这个月)?排行榜|^/?(?:本月|这个月|上个月)?(?:排行|排名)榜?$|谁的?积分最多|积分最多的|(?:积分|时间银行|驿站|志工|志愿者).{0,6}(?:排行|排名)|(?:排行|排名).{0,10}(?:积分|号楼|哪栋)|哪栋楼.{0,8}(?:最多|排)|谁.{0,4}(?:帮忙|帮人|服务|做好事|出力|做志愿).{0,4}(?:最多|最积极)|楼.{0,4}排(?:第几|名第几)|(?:好人|爱心|志愿者?)榜|leaderboard|\\branking") \
    X(P_LEADER_TALK, "榜上\\S{0,4}(?:那个|这个|那位|这位)\\S{0,12}?(?:是谁|是哪位|谁呀|谁啊)|榜上\\S{0,10}第[一二三四五1-5]|第[一二三1-3]名?\\s*[!~]*$|(?:又是|还是|拿了|得了|排了?|是)\\S{0,6}第[一二三四五1-5](?!名?\\s*(?:是谁|是哪|吗|\\?))|第[一二三1-3]名?\\S{0,4}(?:请客|厉害|真棒|恭喜)") \
    X(P_LIST, "有什么需求|(?:最近|现在|今天|这两天)?有(?:啥|什么|哪些)(?:新的)?(?:求助|需求|单子?)(?:可以|能|要)?(?:接|干|做|帮)?(?:的)?(?:吗|呀|啊|呢|\\?)?$|(?:有人|有没有人|谁)需要帮忙(?:吗|的|\\?|$)|有(?:什么|啥|咩|哪些)(?:人)?(?:需要|要)(?:帮忙|帮手)(?:的|嘅)?|有哪些人.{0,4}(?:等|需要)帮忙|谁(?:在)?等(?:人)?帮忙|有哪些(?:待接单|需求|求助|单)|待接单|求助列表|需求列表|查看需求|看看需求|看下需求|^(?:查看|看看|看下|查下)(?:求助|单子)$|有什么单|有没有单|没人接的(?:求助|单|需求)|需要帮忙的单|可以接的?单|(?:单子?|需求|求助)\\S{0,6}(?:可以|能|可|好)接|可以接的|新(?:的|发的?)?(?:单子?|需求|求助)|待接|列出\\S{0,8}(?:单子?|需求|求助)|open requests|list requests|\\bany (?:open )?requests\\b|\\banything i can help with\\b|^/?list$|^/?requests$") \
    X(P_GIFT, "(?:转赠|赠送|转给|转|送|give|transfer|gift).{0,12}?(" NUMC "(?:\\.\\d+)?|半)\\s*(?:个)?(?:小时|积分|分(?!钟)|hours?|credits?)|(" NUMC "(?:\\.\\d+)?)\\s*(?:个)?(?:小时|积分)(?:积分)?\\s*(?:转赠|赠送|转|送)?给|积分.{0,6}?(?:转|送)(?:给)?\\s*(" NUMC ")\\s*个|(?:转赠|赠送|转|送)\\s*(?:积分|时间|小时)\\s*(" NUMC "(?:\\.\\d+)?)\\s*(?:个|小时)?\\s*给") \
    /* 转赠三分给张大爷: 分 alone may be 积分 (hours) or minutes: asked (it gave 3 minutes); 1小时30分 is minutes */ \
    X(P_AMOUNT_FEN, "(?<!小时|钟头|点|时|\\d)(?:" NUMC "|半)\\s*分(?!钟|之)")                           \
    X(P_GIFT_MINUTES, "(?:转赠|赠送|转给|转|送|give|transfer|gift).{0,12}?(" NUMC ")\\s*(?:分钟|minutes?|mins?)") \
    X(P_GIFT_TARGET, "给\\s*(?:我的?)?(?:隔壁|楼上|楼下|对门|对面)?(?:的)?(?:妈|爸|妈妈|爸爸|老伴|老公|老婆|儿子|女儿|孙子|孙女|奶奶|爷爷|外婆|外公|姥姥|姥爷|姐姐|哥哥|弟弟|妹妹|姐|哥|弟|妹|朋友|邻居)?\\s*(?!转|送|赠)(\\p{Han}{2,4}?(?<![转送给赠])" BSUF "?)(?=转|送|赠|\\s|$|,|\\.|的|\\d|[一二两三四五六七八九十半])") \
    X(P_GIFT_SECOND, "给\\s*\\p{Han}{2,4}?" BSUF "?\\s*(?:和|跟|与|及|,|\\s)\\s*(?!谢谢|多谢|感谢|麻烦|辛苦|好吗|行吗|可以|好的|一下|哈哈|再见|回头|明天|今天|后天|晚上|下午|上午|中午|早上|周|下周|吧|啊|呀|哈|啦|哦|呢|嘛)(\\p{Han}{2,4}?)(?=\\s*(?:各|每人|两个人|俩)?\\s*(?:转|送|$|" NUMC "|半))") \
    X(P_GIFT_NAMED, "(?:她|他)(?:叫|名字叫|名叫)\\s*(?!我|你)(\\p{Han}{2,4})(?=\\s|$|,|\\.)")                  \
    X(P_GIFT_TARGET_EN, "\\bto\\s+([a-z][a-z0-9_]{1,30})") \
    /* the name right after the verb: 送李大爷半个小时 */                                     \
    X(P_GIFT_TARGET_AFTER, "(?:转赠|赠送|送|转)\\s*(\\p{Han}{2,4}?" BSUF "?)\\s*(?:" NUMC "(?:\\.\\d+)?|半)\\s*(?:个)?(?:小时|积分|分钟)") \
    /* requests and offers */                                                                  \
    X(P_CANON_REQUEST, "^/?(?:求助|发布需求|发需求|发布求助|request)(?:\\s|:|!|,|\\.|$)")                \
    X(P_CANON, "^/|^(?:求助|发布需求|接单|开始服务|结束服务|确认|取消|撤销|查积分|积分明细|帮助|注册|转赠|评价|投诉|排行榜|有什么需求|余额|生日公开|生日不公开)") \
    X(P_REQ_STRONG, "哪个(?:好心人|邻居|志愿者|得空|有空|有时间|闲着)|(?:哪个|哪位)\\S{0,6}?帮(?:我|俺|忙|个忙)|有没有(?:会|懂)\\S{0,6}的|(?<!不)要(?:个)?人\\s*(?:帮手|帮忙|帮)|快来人|(?:可否|能否|能不能)?请(?:位|个|一位)(?:邻居|志愿者|好心人|师傅)|求助|(?:能|可以|能不能|可不可以)(?:来|派)(?:个|一个|位)?人|来个人|谁能|谁可以|谁有空|谁帮|谁来|谁懂|谁会|谁有时间|有没有人|有人能|有人可以|有谁|需要人|需要一个人|需要一位|需要个人|(?:得|需要|需)有(?:个)?人\\s*" WHEN_WORDS "(?:在家|上门|过来)?\\s*(?:去|来|帮|陪|接|送|照看)|要有(?:个)?人\\s*" WHEN_WORDS "(?:去|帮|陪)|想请|想找人|找人|找个人|找一个人|找位|求人|求一位|求个|请人|请个人|请一位|叫(?:个|一个|一位|位)(?:人|志愿者|师傅)|(?<!不用|不必|无需|不要|别)麻烦(?:谁|邻居|大家|各位|哪位)|哪位|有冇人|揾人|边个|有(?:会|懂|能)\\S{0,10}(?:吗|\\?)|有没有\\S{1,6}(?:能|会|可以)|有没有(?:好心人|邻居|志愿者|哪位)|有(?:好心人|邻居|志愿者)(?:能|可以|愿意)|希望(?:能)?有(?:人|好心人|邻居|志愿者)|可唔可以|搵人|can someone|could someone|can anyone|could anyone|anyone (?:free|can|could|available)|anybody (?:free|can|could|available)|is (?:anyone|anybody|there anyone)|who can|who could|need help|need someone|\\bneed (?:a|an|some)\\b|\\bi need\\b|\\blooking for (?:a|an)\\b|need a volunteer|looking for someone|help me") \
    X(P_ASK_INFO, "(?:谁能|谁可以|有没有人|有人|谁|哪位|大家)\\s*(?:告诉|知道|晓得|了解|清楚|听说)|帮(?:我|忙)\\s*(?:问问|问一下|问下|打听|确认|核实)(?:一下|下)?\\s*\\S{0,12}?(\\p{Han})不\\1|请问\\S{0,8}(?:几点|在哪|哪里|多少钱|怎么走)|快递单号|运单号|物流单号|(?:看|查)\\S{0,4}(?:快递|包裹|物流)?\\S{0,2}到哪(?:儿|里)?了") \
    /* 我陪我妈去医院: the speaker goes with her, no help asked */                             \
    /* 下午谁有空一起打牌, 谁有空一起去超市: peers asked to join a pastime or an errand, not a neighbour asked to help (play73: it posted a 陪伴 order in
     * the speaker's name); 陪我/帮我 (P_REQ_WEAK), 想找人一起聊聊天 still ask for help */                                           \
    X(P_ASK_WHEN_NAMED, "^(?:" OTHER_SUBJ "|小\\p{Han}|老\\p{Han}|\\p{Han}{1,2}(?:阿姨|师傅|大姐|大哥|老师))\\S{0,8}?(?:几点|什么时候|啥时候|哪天|几号)" \
      "\\S{0,8}?(?:来|到|过来|接|送)")                                                      \
    X(P_SOCIAL_INVITE, "(?:谁|有没有人|有人|有谁|大家|咱们|我们|哪个|哪位|有没有(?:会|懂))\\S{0,6}?\\s?一起\\s*(?:去|来|到)?\\s*[^，,。！!？?\\s]{0,4}?(?:买菜|超市|菜市场|赶集|公园|广场|商场|打牌|打麻将|搓麻将|打扑克|斗地主|下棋|唱歌|跳舞|跳广场舞|散步|散散步|" \
      "喝茶|喝酒|吃饭|钓鱼|玩|打球|打太极|爬山|逛街|逛逛|聊天|聊聊|遛弯|晨练|锻炼)" \
      /* ... or a pastime shared, whoever is asked: 周末一起包饺子玩, 一起包粽子 */ \
      "|一起\\s*(?:[^，,。！!？?\\s]{1,6}?玩(?!具)|包(?:饺子|粽子|包子|馄饨|汤圆))")                                 \
    /* a favour on social media (帮我孙子点个赞, 帮忙砍一刀, 给我投个票): no service of ours */ \
    X(P_SOCIAL_FAVOUR, "点个?赞|投(?:个|一)?票|砍一刀|砍个价|助力一下|拉票|刷票")                  \
    X(P_REQ_WEAK, "帮忙|帮我|帮手|帮一下|求陪|(?<!不用|不必|无需|不要|别)麻烦|陪我(?!妈|爸|家|老伴|老公|老婆|儿子|女儿|孙|外婆|外公|奶奶|爷爷)|陪同|陪着|接我|送我|教我|给我(?:修|买|送|做|带)") \
    X(P_PAST, "昨天|前天|上次|上回|上一回|上周|上个月|刚刚|刚才|刚|已经|好了|完了|过了|(?:修|帮|来|做|弄|陪|送|买|接|看)过(?![来去年节日两几一程期])|回来了|了一下|了下(?!午|周|个|礼拜|星期|月|次|雨|雪)") \
    /* a family member is the helper: 我儿子明天回来帮我修电视 tells, it does not ask */ \
    /* 我老伴明天上午陪我去医院, 女儿下周三回来 陪我去: the family does it; 帮我修了水龙头: done */ \
    X(P_FAMILY_HELPS, "(?:儿子|女儿|闺女|老伴|老公|老婆|孙子|孙女|儿媳|女婿|家里人|家人|侄子|外甥|亲戚|物业|居委会|工作人员|个仔|个女)(?:\\S{0,10}(?:回来|过来|会|要|说|来)\\S{0,3}帮我|\\S{0,10}\\s?\\S{0,4}(?:陪我|送我|接我|带我)|\\s*(?:帮我|替我)[^\\s,.!?]{0,6}(?:的|了))|^(?:谢谢|感谢|多谢)|帮我\\S{0,4}(?:问问|问一下|打听|确认|核实)|帮我\\p{Han}{1,2}了(?!吧|吗|没|\\?)|(?:陪我|帮我|送我|接我|带我)[^\\s,.!?]{1,8}了\\s*[.!~]*$") \
    /* a notice to everyone: 麻烦大家转告, 请准时参加 */                                       \
    X(P_NOTICE, "转告|注意安全|准时参加|提前准备|做好准备|互相告知|知悉|欢迎参加|欢迎大家|请大家(?!\\s*(?:帮|多帮))|大家注意|通知")                 \
    X(P_PAST_TIME, "昨天|前天|上次|上回|上一回|上周|上个月|刚才|刚刚")                                   \
    X(P_OFFER_GENERIC, "(?:我|本人).{0,6}(?:可以|能|愿意|想)帮(?:忙|大家|邻居|人)|(?:有需要|需要帮忙)的?.{0,4}找我|有要(?:带|捎)(?:东西|菜|啥|什么)?的|报名当|当志愿者|当志工|做志愿者|做志工|(?:加入|成为)志愿者|\\bvolunteer") \
    X(P_OFFER, "我是\\S{0,10}(?:志愿者|志工|义工)\\s*[,\\s]?\\s*\\S{0,4}?(?:可以|能|会)|(?:有|出)(?:问题|毛病|事)\\S{0,2}?(?:可以|都可以|就|随时)?找我|(?:^|[,\\s])(?:可以|能|会)(?:教|修|帮|陪|做|带|辅导|理发|剪)\\S{0,12}(?:也|还)(?:会|能|可以)|(?:我|本人).{0,8}(?:(?<!开|社|聚|晚|约|机|开个)会(?!议)|(?<!智|功|可|本|性|技)能|可以|懂|有车|愿意|擅长|想帮(?:忙|大家|邻居|人))|(?:有需要|需要帮忙)的?.{0,4}找我|有要(?:带|捎)|(?:谁|有谁|哪位)要(?:带|捎)|报名当|当志工|当志愿者|做志工|做志愿者|(?:加入|成为)志愿者|\\bi can\\b|\\bi could\\b|volunteer|^(?:可以|能)(?:教|辅导)(?!我|一下我)[^?？吗呢]{1,12}$") \
    X(P_OFFER_ASK, "(?:有没有人|有谁|谁|哪位|有人|大家)\\s*(?:需要|要)\\S{0,12}[?]?\\s*\\S{0,6}(?:(?:我|本人)\\S{0,4}(?:有空|有时间|可以|能|来|帮|会)|找我)|\\banyone need\\S*\\s.{0,30}\\bi (?:can|could|am free)") \
    X(P_PUBLIC, "公益") \
    /* management commands (canonical forms) */                                              \
    X(P_GRANT, "^/?(?:授权|设为|设置|任命|撤销|取消)\\s*\\S*?\\s*(?:楼长|管理员|志愿者|志工)") \
    X(P_ROLE, "(楼长|管理员|志愿者|志工)")                                                      \
    X(P_ADJUST, "^/?(?:调整积分|调整|补录积分|adjust)")                                           \
    X(P_ADJ_AMOUNT, "([+-]|负)?\\s*(\\d+(?:\\.\\d+)?|[零一二两三四五六七八九十百半]+)\\s*(?:个)?(?:小时|积分|h\\b)") \
    X(P_REASON, "(?:原因|理由|reason)\\s*:?\\s*(.+)$")                                       \
    X(P_SUSPEND, "^/?(?:停用|暂停账户|暂停|封禁|suspend)")                                        \
    X(P_UNSUSPEND, "^/?(?:恢复账户|恢复|解封|unsuspend)")                                         \
    X(P_RESOLVE, "^/?(?:处理投诉|裁定|resolve)")                                                  \
    X(P_RES_KIND, "(恶意投诉|减半|退款|退还|扣分|处罚|驳回|维持|refund|penalty|dismiss|halve|malicious)") \
    X(P_BAN_WORD, "禁止接单|停止接单|暂停接单|\\bban\\b") \
    X(P_RESOLVE_BAN_DAYS, "(?:禁止接单|停止接单|暂停接单|ban)\\s*(\\d{1,4}|[一二两三四五六七八九十]{1,3})\\s*(?:天|日|days?)") \
    X(P_COMPLAINT_LIST, "^/?(?:投诉列表|待处理投诉|投诉清单|complaints)\\s*[?!.~]*\\s*$") \
    X(P_COMPLAINT_ACK, "^/?(?:受理投诉|受理)\\s*(?:#|＃)?\\s*\\d") \
    X(P_RETRAINED, "^/?(?:完成培训|培训完成|已培训)") \
    X(P_ORDER_LOG, "^/?(?:#|＃|第)?\\s*\\d{1,7}\\s*(?:号单|单)?\\s*(?:的)?(?:记录|历史|全部记录|log)\\s*$|^/?(?:记录|订单记录)\\s*(?:#|＃)\\s*\\d{1,7}\\s*$")                        \
    X(P_MALICIOUS, "^/?(?:恶意取消|标记恶意)")                                                    \
    X(P_SUBSIDISE, "^/?(?:(?:取消|撤销)?(?:设为补贴|设为公益|补贴对象|设为补贴对象|补贴|公益对象)|subsidise)") \
    X(P_UNMATCHED, "^/?(?:待匹配|未匹配|本楼需求|unmatched)")                                     \
    X(P_RECOMMEND, "^/?(?:推荐|recommend)")                                                       \
    /* first, or after a reason and a pause (6号代录不对，撤销代录#6: play80) */                  \
    X(P_PROXY_UNDO, "(?:^/?|[，,。；;!！]\\s*)(?:撤销代录|撤回代录|取消代录)")                    \
    X(P_FUND_APPROVE, "^/?(?:基金批准|批准基金|批准代录|代录批准|核实代录)")                                                \
    /* the books (issue 16): 记账 收入 场地租赁 800元 …, 批准支出 #3 [会员大会 …], 驳回支出 #3 原因…, 待批支出, 财务公示 */ \
    X(P_BOOK, "^/?记账\\s*[:：]?\\s*(收入|支出|期初)\\s*[:：,，]?\\s*(.*)$")                     \
    X(P_SPEND_APPROVE, "^/?(?:批准支出|支出批准)")                                               \
    X(P_SPEND_REJECT, "^/?(?:驳回支出|拒绝支出)")                                                \
    X(P_SPEND_ID, "^/?(?:批准支出|支出批准|驳回支出|拒绝支出)\\s*(?:支出)?\\s*#?\\s*(\\d{1,7})\\s*[:：,，。]?\\s*(.*)$") \
    X(P_MEETING, "会员大会\\s*[:：,，]?\\s*(.*)$")                                               \
    X(P_SPEND_LIST, "^/?(?:待批支出|待批准支出|支出待批|待审批支出)\\s*[?!.~]*\\s*$")                \
    X(P_STATEMENT, "^/?(?:财务公示|财务报表|收支公示)")                                          \
    X(P_EXCUSE, "^/?(?:没关系|没事|不算爽约)\\s*[，,。]?\\s*#\\s*\\d{1,7}")                          \
    X(P_RELAY, "^/?(?:转告|留言|捎话|带话|告诉对方)\\s*(?:给?(?:对方|志愿者|需求方))?\\s*[:：]?\\s*[#＃]\\s*\\d{1,7}" \
               "\\s*[:：,，。]?\\s*(.+)$")                                                       \
    X(P_REVIEW_LIST, "^/?(?:待审核|审核列表)(?:名单)?\\s*[?!.~]*\\s*$")                          \
    X(P_NOTICES, "^/?(?:我的|查看|看看?|新的?|还有)?消息(?:呢)?\\s*[?!.~]*\\s*$")                    \
    /* 代注册 李奶奶, 帮李奶奶注册, 我帮李桂兰注册一下 (a 楼长 says so: play-test); one done (注册了, 登记过) is told */ \
    X(P_PROXY_REG, "^/?(?:代注册|代登记|代为注册|" PROXY_REG_FOR "\\p{Han}{2,4}?" PROXY_REG_NOW ")")       \
    X(P_PROXY_REG_NAME, "^/?(?:代注册|代登记|代为注册)[\\s:,]*(\\p{Han}{2,4}?)(?=\\s|$|,|\\d)")        \
    X(P_PROXY_REG_NAME2, "^/?" PROXY_REG_FOR "(\\p{Han}{2,4}?)" PROXY_REG_NOW)                          \
    /* ... and one told as done: 我帮孙奶奶注册了, 我替李奶奶登记过了 (nobody is registered by it) */                 \
    X(P_PROXY_REG_DONE, "^/?(?:我|我已经|我早就|我刚才?|我昨天)?\\s*(?:已经|早就|刚才?)?\\s*(?:帮|替|给)(?!我)(\\p{Han}{2,4}?)"  \
                        "(?:注册|登记)\\s*(?:了|过了?|好了|完了)\\s*[,.!~。！]*$")                                \
    /* a neighbour's phone or address asked: the name in group 1 of either branch */                      \
    X(P_CONTACT_PHONE, "(?|" CONTACT_LEAD "\\s*(" PERSON_NAMED ")" CONTACT_OF CONTACT_PHONE CONTACT_NOT_TROUBLE "|"     \
                       "(?:^|[\\s,.!?;~])(" PERSON_NAMED ")" CONTACT_OF CONTACT_PHONE CONTACT_ASKS "|"                 \
                       "把\\s*(" PERSON_NAMED ")" CONTACT_OF CONTACT_PHONE CONTACT_TO_ME "|"                         \
                       "^\\s*(" PERSON_NAMED ")" CONTACT_OF CONTACT_PHONE CONTACT_BARE ")")                           \
    X(P_CONTACT_ADDR, "(?|" CONTACT_LEAD "\\s*(" PERSON_NAMED ")" CONTACT_OF CONTACT_ADDR "|"                           \
                      "(?:^|[\\s,.!?;~])(" PERSON_NAMED ")" CONTACT_OF CONTACT_ADDR CONTACT_ASKS "|"                  \
                      "把\\s*(" PERSON_NAMED ")" CONTACT_OF CONTACT_ADDR CONTACT_TO_ME "|"                            \
                      "(?:^|[\\s,.!?;~]|" CONTACT_LEAD ")\\s*(" PERSON_NAMED ")\\s*(?:家\\s*(?:住|在|是)?|住)\\s*(?:在)?\\s*"  \
                      "(?:哪(?!个?医院|家医院|个?病房)|几号楼|几栋|几幢|几楼|几单元|几室|几号|什么地方)|"          \
                      "^\\s*(" PERSON_NAMED ")" CONTACT_OF CONTACT_ADDR CONTACT_BARE "|"                            \
                      "^\\s*(" PERSON_NAMED ")\\s*(?:几号楼|几栋|几幢|几单元|几室)" CONTACT_BARE ")")              \
    /* an order's phone or address asked, the whole message: #1的地址, #1 住哪, 3号单的电话？ (its volunteer's only) */ \
    X(P_ORDER_PHONE, "^\\s*" ORDER_NAMED CONTACT_OF CONTACT_PHONE "\\s*(?:是|是个)?\\s*(?:多少|几号|啥|什么)?" CONTACT_BARE) \
    X(P_ORDER_ADDR, "^\\s*" ORDER_NAMED "(?:" CONTACT_OF CONTACT_ADDR "\\s*(?:是|在)?\\s*(?:哪(?:里|儿)?|啥|什么|多少)?|" \
                    "\\s*(?:的)?\\s*(?:家\\s*)?(?:住|在)\\s*(?:在)?\\s*(?:哪(?:里|儿)?|几号楼|几楼|什么地方))" CONTACT_BARE) \
    /* a member's balance asked by her name (a 楼长 or staff may read it): 查一下李桂兰的积分, 李桂兰的积分多少 */     \
    X(P_BALANCE_OF, "(?|^(?:请|麻烦)?\\s*(?:帮我|给我|我想|我要|想)?\\s*(?:查|看|问)\\s*(?:一下|一查|一看|查|看|询)?\\s*" \
                    "(" PERSON_NAMED ")\\s*的?\\s*(?:积分|余额|时间余额|时间币)|"                                     \
                    "(?:^|[\\s,.!?;~])(" PERSON_NAMED ")\\s*的?\\s*(?:积分|余额|时间余额|时间币)\\s*(?:现在|目前|还)?\\s*" \
                    "(?:是|有|还有|还剩|剩)?\\s*(?:多少|几)(?!\\s*(?:名|位|次|天))|"                                                          \
                    "(?:^|[\\s,.!?;~])(" PERSON_NAMED ")\\s*(?:现在|目前)?\\s*(?:还)?\\s*(?:有|剩|攒了|存了)\\s*(?:多少|几个?)\\s*(?:积分|时间币|小时(?=\\s*(?:了|啊|呀|呢|\\?)?$))|" \
                    "(?:^|[\\s,.!?;~])(" PERSON_NAMED ")\\s*的?\\s*(?:时间)?余额\\s*(?:\\?|吗|呢)?$|"                      \
                    "(?:^|[\\s,.!?;~])(" PERSON_NAMED ")\\s*(?:现在|目前)?\\s*(?:还)?\\s*欠了?\\s*(?:多少|几个?)\\s*(?:积分|小时|时间币)?\\s*(?:\\?|啊|呀|呢)?$)") \
    /* a member's history asked by her name (her 楼长 or staff may read it): 张秀英的积分明细, 查一下李桂兰的积分记录 */  \
    X(P_HISTORY_OF, "(?:^|[\\s,.!?;~])(?:(?:请|麻烦)?\\s*(?:帮我|给我|我想|我要|想)?\\s*(?:查|看)\\s*(?:一下|一查|一看|查|看)?\\s*)?" \
                    "(" PERSON_NAMED ")\\s*(?:的?\\s*积分\\s*(?:明细|记录|纪录|收支|流水)|的\\s*(?:明细|收支|流水))") \
    /* a newcomer's wish to join with something of herself: 你好 我是小陈 想当志愿者 5号楼 1995年8月8日生 */           \
    X(P_JOIN_WISH, JOIN_WISH)                                                                                    \
    X(P_SELF_NAME, "(?:我是|我叫|本人|名字(?:是|叫))\\s*(" SURNAME "\\p{Han}{1,2}|小\\p{Han}|老\\p{Han})(?=\\s|$|[,.!~;]|想|要|也|今年|住|在|\\d)") \
    X(P_JOIN_DETAIL, "\\d{1,3}\\s*(?:号楼|栋|幢)|[一二三四五六七八九十]{1,3}\\s*(?:号楼|栋|幢)|\\d{4}\\s*年\\s*\\d{1,2}\\s*月") \
    X(P_EDIT, "^/?(?:修改资料|更改资料|修改信息|改资料)")                                            \
    X(P_EDIT_NAME, "^/?(?:修改资料|更改资料|修改信息|改资料)[\\s:,]*(?:姓名|名字)?[\\s:,]*(\\p{Han}{2,4})(?=\\s|$|,|\\d)") \
    /* 修改资料 姓名 王师傅2: a name with a digit (not a building: 王秀英4号楼) */                                   \
    X(P_EDIT_NAME_DIGIT, "^/?(?:修改资料|更改资料|修改信息|改资料)[\\s:,]*(?:姓名|名字)[\\s:,]*\\p{Han}{1,4}\\d+(?![\\d号栋楼])") \
    X(P_LINK_FOR, "^/?(?:关联码|关联验证码)[\\s:,]*(\\p{Han}{2,4})\\s*[.!~]?\\s*$")                  \
    /* a birthday meant: the word, or a year of birth (85年生, 1985年7月出生) that is no whole date */           \
    X(P_BDAY_WORD, "生日|出生|(?:\\d{2}|\\d{4}|[零〇一二三四五六七八九]{2,4})\\s*年(?:\\s*\\d{1,2}\\s*月)?\\s*生(?![活意病气])") \
    X(P_CERTIFY, "^/?(?:认证|登记认证|登记证书)(?:\\s|@|$)")                                 \
    X(P_CERT_KIND, "(培训|保险)")                                                                \
    X(P_CONSOLE, "^/?(?:后台|管理后台|登录后台|后台登录|网页后台)\\s*[?!.~。？！]*\\s*$")                  \
    X(P_CONSOLE_END, "^/?(?:退出后台|后台退出|注销后台)\\s*[?!.~。？！]*\\s*$")                        \
    X(P_QUALIFY, "^/?(?:资质|查资质|查看资质)(?:\\s|@|$)")                                    \
    /* partner merchants: the name is the first word after the command word */                 \
    X(P_MERCHANT_ADD, "^/?(?:添加商家|新增商家|修改商家)\\s*[:：]?\\s*([^\\s@]{0,30})")                   \
    X(P_MERCHANT_BIND, "^/?(?:商家绑定|绑定商家)\\s*[:：]?\\s*([^\\s@]{0,30})")                          \
    X(P_MERCHANT_UNBIND, "^/?(?:商家解绑|解绑商家|商家解除绑定)\\s*[:：]?\\s*([^\\s@]{0,30})")            \
    X(P_MERCHANT_SETTLE, "^/?(?:商家缴费|商家付款|商家交费)\\s*[:：]?\\s*([^\\s@]{0,30})")               \
    X(P_MERCHANT_STATEMENT, "^/?(?:商家对账|对账)\\s*[:：]?\\s*([^\\s@]{0,30})")                        \
    X(P_BRANCH, "^/?(添加分会|新增分会|分会互通|分会管理员|分会)\\s*[:：]?\\s*([^\\s@]{0,30})\\s*([^\\s@]{0,30})\\s*$") \
    X(P_REDEEM_CODE, "^/?(?:我要|要个|要一个|给我|发个|获取|申请)?(?:兑换码|抵扣码)\\s*[?!.~。？！]*\\s*$")   \
    /* the code as typed, in pieces too (核销 QCHG D3LZ, QCHG-D3LZ), never the price after it (核销 K7M3Q9TX 86元) */ \
    X(P_REDEEM, "^/?(?:核销|验码)\\s*[:：]?\\s*([0-9a-z]{1,16}(?:[\\s-]+[0-9a-z]{1,10}(?![0-9a-z.]|\\s*(?:元|块|圆)))" \
                "{0,3})?")                                     \
    X(P_M_RATE, "抵\\s*")                                                                     \
    X(P_M_MAX, "(?:单次|每次|每单)?(?:最高|最多|上限)\\s*")                                     \
    X(P_M_FEE, "管理费\\s*[:：]?\\s*(\\S*?)\\s*%")                                    \
    X(P_UNTIL, "有效期\\s*(?:至|到)?\\s*:?\\s*(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})") \
    X(P_MEMBER_FEE, "^/?(?:收会费|交会费|缴会费|登记会费)(?:\\s|@|$)")                         \
    X(P_FEE_NAME, "^/?(?:收会费|交会费|缴会费|登记会费)\\s+(\\p{Han}{2,4})(?=\\s)")                \
    X(P_TIER, "(\\p{Han}{1,6}?会员)")                                                          \
    X(P_PAID_HOW, "(现金|线上|微信|支付宝|转账|扫码)")                                           \
    X(P_RECEIPT, "(?:收据|票据|单据)(?:号|编号)?\\s*[:：#]?\\s*([A-Za-z0-9][A-Za-z0-9-]{0,23})")    \
    X(P_DIV_CALC, "^/?(?:分红核算|核算分红)\\s*(\\d{4})")                                    \
    X(P_DIV_CONFIRM, "^/?(?:分红确认|确认分红)\\s*(\\d{4})\\s*(?:年)?\\s*[.!~。]?\\s*$")          \
    X(P_DIV_CONVERT, "^/?(?:分红换积分|分红换时间|分红兑换积分|分红转积分)")                       \
    X(P_MY_DIVIDEND, "^/?(?:我的分红|查分红|查看分红|分红余额)\\s*[?!.~。？]*\\s*$")                  \
    X(P_ACCEPT_BAN, "^/?(?:禁止接单|暂停接单)")                                                 \
    X(P_ACCEPT_UNBAN, "^/?(?:解除禁止接单|解除禁止|恢复接单)")                                 \
    X(P_BAN_DAYS, "(\\d{1,3}|[一二两三四五六七八九十]{1,3})\\s*(?:天|日)")                         \
    X(P_MORE, "^/?(?:更多|还有呢|还有吗|下一页|再来\\s*10\\s*个|more)\\s*[?!.~。？！]*\\s*$")        \
    X(P_PROXY, "^/?(?:代录|proxy)")                                                               \
    X(P_FUND, "^/?(?:社区基金|互助基金|基金)(?:余额|情况|账目|明细)?\\s*[?!.~]*\\s*$")                   \
    X(P_ACT_CREATE, "^/?(?:创建活动|发起活动|新建活动)\\s*:?\\s*(.+)$")                        \
    /* 签到 活动四, 结束活动三: the activity's number in characters too */                    \
    X(P_ACT_SIGN, "^/?(?:活动签到|签到)\\s*(?:活动)?\\s*#?\\s*(\\d{1,7}|[一二两三四五六七八九十百]{1,4}(?=\\s|$))") \
    /* 签到 alone, 我来签到: the one activity open now (the handler finds it, or asks which) */   \
    X(P_ACT_SIGN_BARE, "^/?(?:我来|我要|来)?(?:活动)?签到(?:了|一下)?\\s*[!.~]*$")               \
    X(P_ACT_CLOSE, "^/?(?:结束活动|关闭活动)\\s*(?:活动)?\\s*#?\\s*(\\d{1,7}|[一二两三四五六七八九十百]{1,4}(?=\\s|$))") \
    X(P_BIND, "^/?(?:绑定|bind)\\s*(?:本群\\s*(?:到|为)?\\s*)?(\\d{1,3})\\s*(?:号楼|栋|号|幢)")   \
    /* 关联 123456, 关联：123456, 关联 123 456, 关联账号 123-456 */                         \
    X(P_LINK, "^/?(?:绑定账号|关联账号|链接账号|关联|link)\\s*[:,]?\\s*(\\d{3}[\\s-]?\\d{3})?\\s*[.!~]?\\s*$") \
    /* the whole message, so chatter that mentions it is not the command; 解除关联 12 names the link */ \
    X(P_UNLINK, "^/?(?:请|我要|帮我)?(?:解除关联|取消关联|解除账号关联|取消账号关联|unlink)\\s*[:,]?\\s*#?\\s*(\\d{1,9})?[\\s!.~]*$") \
    /* a member's birthday greeted in the building's group (opt in), or not (the default) */ \
    X(P_BDAY_PRIVATE, "^/?(?:生日不公开|不公开生日|生日保密|生日不要公开|取消生日公开|关闭生日公开|生日不在群里公开|生日不要在群里说)") \
    X(P_BDAY_PUBLIC, "^/?(?:生日公开|公开生日|公开我的生日|开启生日公开|生日在群里公开|生日可以在群里说)") \
    /* mood: does the sentence assert the command it contains? (issue 13) A negator before \
     * the command's own verb, a verb with a negative complement (去不了), a question, what \
     * someone else did or said, or what was done before, is not the command. */ \
    X(P_NEG_ACCEPT, NEG "(?:接单|接|去|来|报名|做|帮)|" NEG_POT("接单|接|去|来|赶|做|干|帮|抽") "|没空|没时间|顾不上|" NEG_EN("take|accept|do|make|come|go|help")) \
    X(P_NEG_START, NEG "(?:开始|开工|动工|到|出发)|" NEG_POT("开始|开工|动工|到|赶|来|去") "|" NEG_EN("start|begin|come|make")) \
    X(P_NEG_FINISH, NEG "(?:结束|完成|完工|弄完|做完|干完|修好|弄好|做好|搞定)|(?:还)?没(?:有)?(?:好|完)|" NEG_POT("修|弄|做|干|搞|完|结束|完成") "|" NEG_EN("finish|complete|done")) \
    /* an approval denied: 我不批准代录 #13, 不批准 #13, 先别核实 #13 (nothing approved, never) */ \
    X(P_NEG_APPROVE, "(?:不|别|不要|先别|先不|暂不|暂时不)\\s*(?:批准|核实)") \
    X(P_NEG_CONFIRM, NEG "(?:确认|确定|认可|同意)|" NEG_POT("确认|确定") "|" NEG_EN("confirm")) \
    X(P_NEG_CANCEL, NEG "(?:取消|撤销|撤回)|" NEG_POT("取消|撤销") "|" NEG_EN("cancel")) \
    X(P_NEG_RATE, NEG "(?:评价|打分|评分|打星|给星|好评|差评|评)|" NEG_EN("rate")) \
    X(P_NEG_COMPLAINT, NEG "(?:投诉|举报)|" NEG_EN("complain")) \
    X(P_NEG_GIFT, NEG "(?:转赠|赠送|转|送|给)|" NEG_POT("转|送") "|" NEG_EN("give|gift|transfer")) \
    X(P_NEG_REGISTER, NEG "(?:注册|登记|报名|加入)|" NEG_EN("register|join|sign up")) \
    /* a task asked for by someone who cannot use the phone for it: 不会用手机 帮我交电费, 我不会用智能手机 需要人教 */ \
    X(P_CANT_USE_NEED, "不(?:太|大)?会用\\S{0,10}?\\s*(?:帮我|帮帮我|帮忙|需要人|需要有人|谁能|请人|麻烦)")            \
    /* a request denied, not made: 我不需要帮忙买菜, 我没说要求助, 不用帮我修了, 不需要人陪了, 我没让人帮我买菜, 不用找人修  \
     * 水管了, 帮我买菜的事不用了 (but 没人陪我, 不方便, 不想麻烦子女 and 不要一个人去 are a need said) */             \
    X(P_NEG_POST, "(?:不用|不需要|不要)(?:了|喇|啦)(?!\\s*(?:谢谢)?\\s*\\S{0,12}(?:谁|哪位|有没有人|麻烦|请))|(?:别|不要|不用|不需要|无需|无须|不必|用不着|犯不着|不想|没说要|没要|没需要|没有需要|不打算|没让|没有让|没叫|没有叫|" \
      "不劳烦|不麻烦)\\s*(?:再)?\\s*(?:请|找|叫|让)?\\s*(?:人|有人|你|你们|大家|别人|志愿者)?\\s*"             \
      "(?:求助|帮忙|帮助|帮我|帮|陪我|陪|修|来|麻烦)|不\\s*(?:再)?\\s*求助|(?:的事|这事|这个忙)\\s*(?:就)?\\s*"      \
      "(?:不用|不需要|算了)|" NEG_EN("need|want") "\\s*(?:any\\s+)?help")                                       \
    /* ... a service no longer needed, said as a change (了 at the end), the whole message: 我不需要修水管了, 不用帮我 \
     * 买菜了, 现在不用找人修了 (the service must be named: 不用了 alone is a cancel in context) */ \
    X(P_NO_LONGER, "^(?:我|我们|俺|我家)?\\s*(?:已经|现在|暂时)?\\s*(?:不用|不需要|不要|用不着)\\s*(?:再)?\\s*(?:找|请|叫)?\\s*" \
                   "(?:人|志愿者|师傅)?\\s*(?:帮我|帮忙|来)?\\s*[^\\s,.!?;:~吗呢]{1,8}了\\s*[.!~]*$") \
    /* …unless a need follows the denial: 不用帮我买菜 但需要人陪我去医院, 不用陪我 帮我买药就行 */                   \
    X(P_POST_DESPITE, "(?:但|但是|可是|不过|而是|只是|只要)\\S{0,4}(?:需要|要|请|帮|陪)|(?:帮|陪)\\S{0,12}就(?:行|好|可以)") \
    /* an offer taken back or denied: 我不会陪诊, 我不太会修水电, 现在不能陪诊了, 修不了, I can't fix */               \
    X(P_NEG_OFFER, "(?:不|没|无法|没法|不再|别)\\s*(?:太|再|大|怎么)?\\s*(?:会|能|可以|愿意|懂|擅长|方便|想)|"         \
      "(?:不|不再|别|不想)\\s*(?:做|当|干)\\s*(?:志愿者|义工|志工)|"                                                        \
      NEG_POT("修|陪|教|帮|做|带|干") "|" NEG_EN("fix|help|teach|drive|do")) \
    /* an offer made by asking who needs it: 有要带东西的吗, 谁要捎菜 */                                               \
    X(P_OFFER_ASKS_WHO, "有要(?:带|捎)|(?:谁|有谁|哪位|有没有人|大家)\\S{0,4}(?:要|需要)\\S{0,2}(?:带|捎|帮|陪|修|买)") \
    /* an offer asked, not made: 我会修水电吗, 我可不可以陪诊, 我能不能帮忙 */                                     \
    X(P_ASK_OFFER, "(?:[?]|吗|嘛|呢)\\s*[.!~。]*\\s*$|可不可以|能不能|会不会|行不行|可以不可以") \
    /* someone else's skill: 我老公会修水电 (he offers it himself, on his own account) */                           \
    /* 我以前会修电器, 年轻时会做饭: a skill that was, not one offered */                        \
    X(P_OFFER_PAST, "(?:以前|过去|从前|原来|早先|年轻时|年轻的时候|当年|那时候?)(?:我)?(?:也|还|都)?(?:会|能|可以|懂)") \
    X(P_OFFER_OTHER, "(?:儿子|女儿|闺女|老伴|老公|老婆|爱人|孙子|孙女|儿媳|女婿|家里人|家人|侄子|外甥|亲戚)" \
      "\\s*(?:也|都|还)?\\s*(?:会|能|可以|懂|擅长)") \
    /* the whole message ends asking: 记账 支出 茶水 100元？, …对吗, …行不行 */                     \
    /* a money command's word inside a question (能批准支出 #4 吗？): asked about, never done, its number no order's */ \
    X(P_MONEY_WORD, "(批准支出|驳回支出|分红确认|分红核算|分红换积分|记账|核销|收会费|商家缴费|添加商家)")       \
    X(P_ENDS_ASKING, "(?:[?]|吗|嘛|呢|对吧|对不对|行不行|好不好|是不是|可以不)\\s*[.!~。]*\\s*$")            \
    X(P_QUESTION, "[?]|吗|对吧|是吧|没错吧|对不对|嘛\\s*$|呢|几点|几时|几个|几(?:小时|天|分钟?|颗)|什么时候|啥时候|(?<!没)什么|(?<!没)啥|谁|是不是|是否|有没有|多少|怎么|怎样|咋|为什么|为何|哪(?:个|位|天|里|儿|一|家)|了没有?|还是|能不能|会不会|可不可以|要不要|行不行|好不好|对不对|可以\\S{0,8}吗|有用吗|\\b(?:when|who|what|why|how|whether|did|does|has|is it|are you|can i|could i|should i)\\b") \
    /* 还是 as "still" (水龙头还是漏, 修了还是不行), not "or": a complaint that says so is no question */ \
    X(P_STILL, "还是(?:漏|坏|滴|响|吵|臭|堵|不行|不好|不亮|不通|不转|没(?:修|弄|好|来|人|用)|一样|老样子|很|太|有|会|在)") \
    X(P_QUESTION_NOT_STILL, "[?]|吗|嘛\\s*$|呢|为什么|为何|怎么|谁|是不是|有没有|能不能|会不会|可不可以|要不要|行不行|"  \
                           "还是(?!(?:漏|坏|滴|响|吵|臭|堵|不行|不好|不亮|不通|不转|没(?:修|弄|好|来|人|用)|一样|老样子|很|太|有|会|在))") \
    /* someone else did it (帮她确认 is the speaker acting for her) */                         \
    /* not decided: hypotheses, hesitations, second thoughts, a correction after the command */ \
    X(P_UNSURE, "不对|(?<![可所难])以为|不是这样|还没想好|没想好|想一想|想想|考虑一下|考虑考虑|再说|不一定|不确定|说不定|可能|也许|或许|大概要|要是|如果|万一|假如|的话|本来|原本|差点|算了|不录了|等会儿?再|待会儿?再|回头再|晚点再|一会儿?再|(?:等\\S{1,12}?|明天|后天|下周|下个?礼拜|下个?星期|下午|晚上|今晚|明早|过两天|过几天|改天|以后|到时候?|之后|回来)再\\s*(?:确认|取消|开始|结束|接单|接|评价|评|投诉|转赠|转|改)|(?:晚点|晚一点|晚些|一会儿?|待会儿?|等会儿?|等一下|过两天|过几天|回头|改天)\\s*(?:我们?)?\\s*(?:再|先)?\\s*(?:确认|取消|开始|结束|接单|接(?!受)|评价|投诉|转赠|改)|等我们?\\s*(?:先|再)?\\s*(?:确认|取消|开始|结束|接单|接(?!受)|评价|投诉|转赠|改)|(?<![平相对同])等(?![于级等])[^，,。！!？?\\s]{1,12}?(?:再|就|才)?\\s*(?:确认|取消|评价|投诉|转赠)|(?:明天|后天|下午|晚上|今晚|明早|改天|回头|过两天|过几天|以后|之后|晚点|晚些|待会儿?|一会儿?|等会儿?)\\s*(?:我们?|俺)?\\s*(?:再|就|才)?\\s*(?:确认|取消|评价|投诉|转赠)|(?:但|但是|可是|不过)\\s*(?:又|还|也)?\\s*(?:怕|担心|犹豫|舍不得)|不算|不行|\\b(?:maybe|perhaps|if|might)\\b") \
    /* telling someone else to do it: 让小李接单, 小李你接单 #1 吧 */                       \
    X(P_TELL, "(?:大家|你们|各位|您们)\\s*(?:也|都)?\\s*(?:可以|能|来|一起|快)?\\s*(?:转赠|转|送|接单|接|确认|取消)|(?:让|叫|请(?!帮我|帮忙|你帮我)|派|喊)\\s*\\S{1,4}?\\s*(?:去|来)?\\s*(?:接单|接|确认|取消|开始|结束)|你\\s*(?:来|去|先)?\\s*(?:接单|接|确认|取消|开始|结束)") \
    X(P_OTHER_DID, "(?:他|她|他们|她们|人家|别人|对方)\\s*(?:已经|早就|都)\\s*(?:接|确认|取消|开始|结束|完成)|(?:他|她|他们|她们|人家|别人|对方)把\\S{0,10}(?:撤了|撤掉了|取消了|确认了|接了|结束了|开始了)|(?<![帮替给让叫请和跟])(?:" OTHER_SUBJ "|他|她|他们|她们|人家|别人|有人|对方|谁|老\\p{Han}|小\\p{Han}|\\p{Han}{1,2}(?:阿姨|大爷|大妈|师傅|老师|奶奶|爷爷|叔叔?|姐姐?|哥哥?)|(?:我|他|她)?(?:女儿|儿子|老伴|老公|老婆|邻居|妈妈?|爸爸?|孙子|孙女|家人|闺女))\\s*(?:已经|刚才|刚刚|都|也|还|早就|早|先|上午|下午|昨天|替我|帮我|给我)?\\s*(?:接单|接走|接了|接的|确认了|确认的|取消了|取消的|开始了|结束了|(?:开始|结束)服务了|完成了|干完|弄完|评了|打了|投诉了|转了|注册了|(?:接|确认|取消|开始|结束)\\s*(?:#\\s*\\d{1,7}|第\\S{1,3}单|\\d{1,7}号单)\\s*了|转赠了|赠送了|送了|(?:转赠|赠送|转|送)给\\S{1,14}?了)|被\\S{0,6}(?:接|确认|取消|投诉|评)") \
    X(P_NOBODY, "(?:没|没有|无|还没|又没|都没|哪有|哪里有)(?:什么)?人(?:来)?(?:接|确认|开始|管|理)") \
    X(P_REPORTED, "听说|据说|(?<![我你])(?:说(?!实话|真的|句|白了)|讲(?!座|课|解|究|话)|(?<![电说讲对问笑实好废闲回真假听通])话)\\S{0,8}?(?:要|会|想)(?:取消|接|确认|开始|结束|转|送|投诉)|(?<![我你])说\\s*(?:了)?\\s*(?:要|会|想|让我|叫我|已经|不|他|她|#|\\d|第|单|取消|接|确认|开始|结束|转|送|投诉|把|改|帮)" \
      /* ... told to the speaker (张秀英跟我说取消#5: hers, not the speaker's own 我说) */ \
      "|(?:跟|对|和)我(?:说|讲)\\s*(?:了)?\\s*(?:要|会|想|已经|不|#|\\d|第|单|取消|接|确认|开始|结束|把|改|帮)") \
    /* ... told by the speaker's own family (我女儿说把#5改到明天下午, 儿子说取消#5): her wish, perhaps, asked back */ \
    X(P_KIN_SAID, "(?:^|[\\s，,。！!；;]|我的?|俺的?|咱)(?:女儿|儿子|闺女|老伴|老公|老婆|爱人|孙子|孙女|外孙女?|儿媳妇?|女婿|" \
                  "家里人|家人|侄子|侄女|外甥女?|妈妈?|爸爸?|姐姐?|哥哥?|弟弟|妹妹)\\s*(?:刚才|刚刚|也|还|又|早上|昨天|上午|下午)?\\s*" \
                  "(?:打电话|来电话|发消息|发微信)?\\s*(?:跟我|对我|和我)?\\s*(?:说|讲)") \
    /* ... told by a person named at the start (张秀英说取消#5, 张奶奶打电话说把#5改到明天): whose words, read as the \
     * name slot; the handler asks her 楼长 back, anyone else's is not acted on */ \
    X(P_NAME_SAID, "^((?!小(?:时|区|孩|组|卖|朋友|伙))(?:" POST_FOR_PERSON "|小\\p{Han}))\\s*(?:刚才|刚刚|也|还|又|早上|昨天|上午|下午)?\\s*" \
                   "(?:打电话|来电话|发消息|发微信)?\\s*(?:跟我|对我|和我)?\\s*(?:说|讲)") \
    X(P_PAST_DID, "(?:转赠|赠送|转|送)给\\S{1,14}?(?:小时|分钟|钟头)\\s*了(?!吗)|(?:早就|早已|原来)\\S{0,8}(?:接|确认|取消|开始|结束|完成|评|投诉)(?:服务)?了|(?:昨天|前天|上次|上周|上个?礼拜|上个?星期|上个月|上午|早上)\\S{0,10}(?:接|确认|取消|评|投诉|转赠|注册|登记|结束|开始|送)|(?:接|确认|取消|开始|结束|评价|评|打|投诉|转赠|转|送|注册|登记)过(?!来|去|程|期)|(?:接|确认|取消|开始|结束|评|投诉|转|送)的(?!话)|已经\\S{0,2}(?:接了|确认了|取消了|评了|投诉了|转了|注册了)") \
    X(P_WH, "几点|几时|什么时候|啥时候|(?<!没)什么|(?<!没)啥|谁|哪|多少|怎么|咋|为什么|为何|状态|进展|情况|\\b(?:when|who|what|why|how|where)\\b") \
    /* short answers to the bot's own question (issue 13) */                                \
    X(P_YES, "^(?:是|是的|是啊|对|对的|对啊|对呀|好|好的|好啊|好呀|嗯|嗯嗯|恩|ok|okay|yes|yep|行|可以|可以的|确定|要|没错|确认|就这个)[!.~\\s]*$") \
    /* the whole message drops the move being asked (#5 改时间的事算了, #5 不改了, 时间还是原来的吧): a no to 改到几点 */ \
    X(P_MOVE_DROP, "^(?:#\\s*\\d{1,7}|第?\\d{1,7}\\s*号?单)?\\s*(?:的)?\\s*(?:(?:改|换|调|挪)(?:时间|日子)?|时间)?\\s*" \
                   "(?:的事|这事|的事情)?\\s*(?:[,，]\\s*)?(?:就|还是|先|那)?\\s*(?:算了吧?|(?:不|不用|不要|别|先不|甭|不必)\\s*" \
                   "(?:再)?(?:改|换|调|挪)(?:时间|了)?了?吧?|(?:不变|照旧|不动)了?吧?|(?:按|用)?原来的(?:时间)?吧?)" \
                   "(?:[,，!.~\\s]*(?:不改了|谢谢(?:你|您)?|不好意思|麻烦了))?[!.~\\s]*$") \
    X(P_NO, "^(?:不|不是|不要|不用|不用了|没有|没有了|没了|不在了|算了|算了吧|不需要|不需要了|取消|no|nope|不对|不行|别|先不|先不了|不了|不要了)[!.~\\s]*$") \
    X(P_ONGOING, "^(?:还在|还在做|还在进行|还在弄|还在陪|还在忙|还没完|还没结束|没结束|还没好|还没做完|还没弄完|继续|在做|在弄)" \
                 "(?:呢|的|啊|呀|中|着呢)?[!.~\\s]*$")                                                       \
    X(P_PICK, "^(?:第)?\\s*(\\d{1,2}|[一二三四五六七八九十])\\s*(?:个|号|条|单)?[.!~\\s]*$") \
    /* the order alone, or asked about: #12, 12号单是什么 */                                  \
    /* 我不确认, 先不取消了, 别确认: the whole message refuses a confirm or a cancel that names no order */ \
    X(P_NEG_ALONE, "^/?(?:我|那|那我)?\\s*(?:先|暂时|暂|还|就|也)?\\s*(?:不|别|不要|不想|不用|暂不|不能|没法|不会)\\s*(?:再)?(确认|取消)" \
                   "(?:了|呢|啊|吧|哈|这个单|这单)?\\s*(?:[，,。.!！~\\s]+[^?？吗]{0,36})?$")                                  \
    X(P_ID_ONLY, "^\\s*(?:#\\s*\\d{1,7}|\\d{1,7}\\s*号单|第\\s*\\d{1,7}\\s*单|no\\.?\\s*\\d{1,7}|单号\\s*\\d{1,7})\\s*[?!.~]*\\s*$") \
    X(P_JOKE, "哈哈|呵呵|嘿嘿|笑死|又(?:是)?第一|又拿第一|厉害了|太牛|佩服|羡慕") \
    /* a name, and the building that tells namesakes apart: 签到 活动1 王师傅(三号楼) */                       \
    X(P_NAME_TOKEN, "(?:^|\\s)(\\p{Han}{2,4}" BSUF "?)(?=\\s|$)")                                   \
    X(P_PHONE, "(?<!\\d)(1[3-9]\\d{9})(?!\\d)")                                              \
    X(P_REFERRER, "(?:推荐人|介绍人)\\s*:?\\s*@?(\\p{Han}{2,4}" BSUF "?|[a-z0-9_]{2,30})")           \
    /* register slots */                                                                       \
    /* 名字叫孙桂英: the name, not 叫孙桂英 */                                                     \
    X(P_REG_NAME, "(?:我叫|(?:姓名|名字)\\s*(?:叫|是|为)?\\s*:?|我是\\S{1,6}的)\\s*(\\p{Han}{2,4})(?=\\s|$|,|\\.|住|\\d)") \
    /* the word after 注册 where the name stands has a digit and is no building: 注册 居民3 3号楼 (居民３ too, normalized) */ \
    X(P_REG_NAME_DIGIT, "^/?(?:注册|登记)\\s*(?!\\S*号楼)\\S*\\d")                                                 \
    X(P_REG_NAME2, "(?:注册会员|注册|登记资料|登记|我要登记|报名|加入|register)(?:时间银行|时间驿站|驿站)?(?:一下)?[\\s:,]+(\\p{Han}{2,4})(?=\\s|$|,)") \
    X(P_REG_BUILDING, "(\\d{1,3}|[一二三四五六七八九十]{1,3})\\s*(?:号楼|栋|幢|号)") \
    /* her unit and room right after her building (3号楼2单元301, 5栋1203室): kept for those who must come to her */ \
    X(P_REG_UNIT, "(\\d{1,3}|[一二三四五六七八九十]{1,3})\\s*(?:号楼|栋|幢|号)\\s*((?:(?:\\d{1,3}|[一二三四五六七八九十甲乙丙东西南北中a-z])\\s*(?:单元|门|座)\\s*(?:\\d{1,2}\\s*层\\s*)?(?:\\d{1,5}\\s*(?:室|号|房|户)?)?|\\d{1,2}\\s*层\\s*\\d{1,5}\\s*(?:室|号|房|户)?|\\d{3,5}\\s*(?:室|号|房|户)?|\\d{1,3}\\s*(?:室|房|户)|\\d{1,3}-\\d{1,5}))(?=\\s|$|[,，。;；]|生日|电话|手机|推荐|介绍)") \
    X(P_REG_BIRTHDAY, "(\\d{4})\\s*[年.\\-/]\\s*(\\d{1,2})\\s*[月.\\-/]\\s*(\\d{1,2})") \
    /* 一九五一年二月三号: the year digit by digit, month and day as numerals */              \
    X(P_REG_BIRTHDAY_CN, "([零〇一二三四五六七八九]{4})\\s*年\\s*([一二三四五六七八九十]{1,3})\\s*月\\s*([一二三四五六七八九十]{1,3})\\s*[日号]") \
    /* locations */                                                                            \
    X(P_LOC_PREP, "(?:去|到|在|喺|跑\\s*一?趟|\\bat\\b|\\bto\\b)\\s*(?:一?趟|一下)?\\s*([^\\s,.!?:;我你他她在去到帮给的了谁能把]{0,12}(?:(?:医院|保健院)(?:住院部|门诊部|门诊楼|住院楼|急诊部|分院)?|凉亭|亭子|保健院|卫生院|卫生站|诊所|中心|小学|中学|大学|学校|幼儿园|养老院|敬老院|活动室|服务站|驿站|车站|站|邮局|局|超市|市场|菜场|公园|广场|文化宫|少年宫|宫|银行|药店|药房|机场|大厅|营业厅|政府|派出所|居委会|街道办|办事处|车管所|图书馆|体育馆|号楼(?:\\d+单元)?(?:\\d{3,4})?|栋|单元\\d*(?:楼|层|室|号)?|(?<![上下加值跟轮])班|车库|停车场|快递柜|门口|大门|[东南西北]门|门卫室?|传达室|地铁站|公交站))") \
    X(P_LOC_BUILDING, "((?:\\d{1,3}|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3})号楼(?:\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,2})单元)?(?:\\s*\\d{3,4}(?:室)?)?)") \
    X(P_LOC_PLACE, "(?:^|[\\s,.!?])(?!人(?:家|们))([^\\s,.!?:;我你他她在去到帮给的了谁能把找请要想有没知道哪家个是吗呢啊吧和跟\\d]{2,10}?(?:(?:医院|保健院)(?:住院部|门诊部|门诊楼|住院楼|急诊部|分院)?|卫生院|诊所|服务中心|体检中心|小学|中学|大学|幼儿园|养老院|敬老院|活动室|邮局|文化宫|少年宫|支行|分行|营业厅|(?<!时间)驿站|(?<!食|礼|课|教)堂))")

#define AS_PENUM(name, re) name,
#define AS_PRE(name, re) re,
enum nlp_pat { NLP_PATTERNS(AS_PENUM) P_COUNT };
static const char *const pattern_src[] = {NLP_PATTERNS(AS_PRE)};

#define AS_INAME(e, name) name,
static const char *const intent_names[] = {NLP_INTENTS(AS_INAME)};

/* The command words of staff, 楼长 and settings, tried first and in this order; each pattern is anchored at the
 * start, and nlp_create joins them into one (manage_any) so that a message none of them can match costs one
 * match, not forty. */
static const struct {
    enum nlp_pat p;
    enum nlp_intent i;
} manage[] = {
        {P_ACCEPT_UNBAN, NLP_ACCEPT_UNBAN}, {P_ACCEPT_BAN, NLP_ACCEPT_BAN}, {P_CERTIFY, NLP_CERTIFY},
        {P_QUALIFY, NLP_QUALIFY},     {P_CONSOLE_END, NLP_CONSOLE_END}, {P_CONSOLE, NLP_CONSOLE},
        {P_MEMBER_FEE, NLP_MEMBER_FEE}, {P_DIV_CALC, NLP_DIVIDEND_CALC}, {P_DIV_CONFIRM, NLP_DIVIDEND_CONFIRM},
        {P_DIV_CONVERT, NLP_DIVIDEND_CONVERT}, {P_MY_DIVIDEND, NLP_MY_DIVIDEND},
        {P_BDAY_PRIVATE, NLP_BIRTHDAY_PRIVATE}, {P_BDAY_PUBLIC, NLP_BIRTHDAY_PUBLIC},
        {P_PROXY_UNDO, NLP_PROXY_UNDO}, {P_FUND_APPROVE, NLP_FUND_APPROVE}, {P_FUND, NLP_FUND},
        {P_BOOK, NLP_BOOK}, {P_SPEND_APPROVE, NLP_SPEND_APPROVE}, {P_SPEND_REJECT, NLP_SPEND_REJECT},
        {P_SPEND_LIST, NLP_SPEND_LIST}, {P_STATEMENT, NLP_STATEMENT},
        {P_EXCUSE, NLP_EXCUSE},       {P_REVIEW_LIST, NLP_REVIEW_LIST}, {P_RELAY, NLP_RELAY},
        {P_COMPLAINT_LIST, NLP_COMPLAINT_LIST}, {P_COMPLAINT_ACK, NLP_COMPLAINT_ACK}, {P_RETRAINED, NLP_RETRAINED},
        {P_ORDER_LOG, NLP_ORDER_LOG},
        {P_NOTICES, NLP_NOTICES},
        {P_ACT_CREATE, NLP_ACTIVITY_CREATE}, {P_ACT_SIGN, NLP_ACTIVITY_SIGN}, {P_ACT_SIGN_BARE, NLP_ACTIVITY_SIGN},
        {P_ACT_CLOSE, NLP_ACTIVITY_CLOSE},
        {P_GRANT, NLP_GRANT},         {P_ADJUST, NLP_ADJUST},       {P_SUSPEND, NLP_SUSPEND},
        {P_UNSUSPEND, NLP_UNSUSPEND}, {P_RESOLVE, NLP_RESOLVE},     {P_MALICIOUS, NLP_MALICIOUS},
        {P_SUBSIDISE, NLP_SUBSIDISE}, {P_UNMATCHED, NLP_UNMATCHED}, {P_RECOMMEND, NLP_RECOMMEND},
        {P_PROXY_REG, NLP_PROXY_REGISTER}, {P_EDIT, NLP_PROFILE_EDIT}, {P_LINK_FOR, NLP_LINK_FOR},
        {P_PROXY, NLP_PROXY},         {P_BIND, NLP_BIND},           {P_UNLINK, NLP_UNLINK},
        {P_LINK, NLP_LINK},
        {P_BRANCH, NLP_BRANCH},
        {P_MERCHANT_ADD, NLP_MERCHANT_ADD}, {P_MERCHANT_BIND, NLP_MERCHANT_BIND},
        {P_MERCHANT_UNBIND, NLP_MERCHANT_UNBIND}, {P_MERCHANT_SETTLE, NLP_MERCHANT_SETTLE},
        {P_MERCHANT_STATEMENT, NLP_MERCHANT_STATEMENT}, {P_REDEEM_CODE, NLP_REDEEM_CODE}, {P_REDEEM, NLP_REDEEM},
};

const char *nlp_intent_name(enum nlp_intent i)
{
    return (unsigned)i < NLP_INTENT_COUNT ? intent_names[i] : "none";
}

#define AS_SNAME(name) name,
static const char *const service_names[] = {NLP_SERVICES(AS_SNAME)};

const char *nlp_service_name(int i)
{
    return i >= 0 && i < NLP_SERVICE_COUNT ? service_names[i] : NULL;
}

int nlp_service_index(const char *name)
{
    for (int i = 0; i < NLP_SERVICE_COUNT; i++)
        if (name && strcmp(name, service_names[i]) == 0)
            return i;
    return -1;
}

const char *nlp_grain_name(enum nlp_grain g)
{
    static const char *const names[] = {"none", "second", "minute", "hour", "day", "week", "month", "year"};
    return (unsigned)g < BOT_ARRAY_LEN(names) ? names[g] : "none";
}

/* ---- service keywords ---- */

/* The keyword file: one category a line, "陪诊: 看病=3 复查=3 陪+医院=2". Lines
 * starting with # are comments. A word without =N weighs 1; "a+b" counts
 * only when every part is in the text. */
static enum bot_rc index_parts(struct nlp *nlp, char err[256]);

int nlp_service_needs_cert(const struct nlp *nlp, int i)
{
    return nlp && i >= 0 && i < NLP_SERVICE_COUNT && (nlp->cert_services >> i & 1u);
}

int nlp_service_needs_training(const struct nlp *nlp, int i)
{
    return nlp && i >= 0 && i < NLP_SERVICE_COUNT && (nlp->training_services >> i & 1u);
}

enum bot_rc nlp_services_load(struct nlp *nlp, const char *path, char err[256])
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, 256, "%s: %s", path, strerror(errno));
        return BOT_IO;
    }
    char line[4096];
    int lineno = 0;
    enum bot_rc rc = BOT_OK;
    nlp->nkeywords = 0;
    nlp->cert_services = 0;
    nlp->training_services = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\n' || *p == '\0' || *p == '\r')
            continue;
        char *colon = strchr(p, ':');
        if (!colon) {
            snprintf(err, 256, "%s:%d: want 'category: word word=2 ...'", path, lineno);
            rc = BOT_INVALID;
            break;
        }
        *colon = '\0';
        char *ce = colon;
        while (ce > p && (ce[-1] == ' ' || ce[-1] == '\t'))
            *--ce = '\0';
        /* "托管 [证书]: …": accepting it needs a valid certificate; "[培训]": recorded training (either order) */
        int cert = 0, training = 0;
        const size_t flen = strlen("[证书]"); /* as long as "[培训]" */
        for (char *flag; (flag = strstr(p, "[证书]")) || (flag = strstr(p, "[培训]"));) {
            if (strncmp(flag, "[证书]", flen) == 0)
                cert = 1;
            else
                training = 1;
            memmove(flag, flag + flen, strlen(flag + flen) + 1);
        }
        for (ce = p + strlen(p); ce > p && (ce[-1] == ' ' || ce[-1] == '\t');)
            *--ce = '\0';
        int svc = nlp_service_index(p);
        if (svc < 0) {
            snprintf(err, 256, "%s:%d: unknown category '%.40s'", path, lineno, p);
            rc = BOT_INVALID;
            break;
        }
        if (cert)
            nlp->cert_services |= 1u << svc;
        if (training)
            nlp->training_services |= 1u << svc;
        char *save = NULL;
        for (char *w = strtok_r(colon + 1, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
            if (nlp->nkeywords >= NLP_MAX_KEYWORDS) {
                snprintf(err, 256, "%s:%d: more than %d keywords", path, lineno, NLP_MAX_KEYWORDS);
                rc = BOT_LIMIT;
                goto out;
            }
            struct nlp_keyword *k = &nlp->keywords[nlp->nkeywords];
            int weight = 1;
            char *eq = strchr(w, '=');
            if (eq) {
                *eq = '\0';
                int64_t v;
                if (bot_parse_i64(eq + 1, &v) != BOT_OK || v < 1 || v > 9) {
                    snprintf(err, 256, "%s:%d: weight of '%s' must be 1..9", path, lineno, w);
                    rc = BOT_INVALID;
                    goto out;
                }
                weight = (int)v;
            }
            if (!*w || bot_strlcpy(k->word, w, sizeof k->word) != BOT_OK) {
                snprintf(err, 256, "%s:%d: keyword too long", path, lineno);
                rc = BOT_INVALID;
                goto out;
            }
            for (char *c = k->word; *c; c++)
                if (*c >= 'A' && *c <= 'Z')
                    *c += 32;
            k->service = svc;
            k->weight = weight;
            nlp->nkeywords++;
        }
    }
out:
    fclose(f);
    if (rc == BOT_OK)
        rc = index_parts(nlp, err);
    return rc;
}

static unsigned part_bucket(const unsigned char *p)
{
    return ((unsigned)p[0] * 31u + (unsigned)p[1]) & (NLP_PART_BUCKETS - 1);
}

/* Index every keyword's "+"-parts by the hash of their first two bytes. */
static enum bot_rc index_parts(struct nlp *nlp, char err[256])
{
    struct nlp_part tmp[NLP_MAX_PARTS]; /* 8 KiB: the index is built once, at start */
    unsigned short count[NLP_PART_BUCKETS] = {0};
    int n = 0;
    for (int i = 0; i < nlp->nkeywords; i++) {
        struct nlp_keyword *k = &nlp->keywords[i];
        k->need = 0;
        size_t off = 0, len = strlen(k->word);
        for (int bit = 0; off <= len; bit++) {
            const char *plus = strchr(k->word + off, '+');
            size_t pl = plus ? (size_t)(plus - (k->word + off)) : len - off;
            if (pl < 2 || bit >= 8 || n >= NLP_MAX_PARTS) {
                snprintf(err, 256, "keyword '%s': each part needs 2 bytes or more, at most 8 parts", k->word);
                return BOT_INVALID;
            }
            tmp[n] = (struct nlp_part){(unsigned short)i, (unsigned short)off, (unsigned short)pl, (unsigned char)(1u << bit)};
            count[part_bucket((const unsigned char *)k->word + off)]++;
            k->need |= (unsigned char)(1u << bit);
            n++;
            off += pl + 1;
        }
    }
    nlp->bucket_start[0] = 0;
    for (int b = 0; b < NLP_PART_BUCKETS; b++)
        nlp->bucket_start[b + 1] = (unsigned short)(nlp->bucket_start[b] + count[b]);
    unsigned short fill[NLP_PART_BUCKETS];
    memcpy(fill, nlp->bucket_start, sizeof fill);
    for (int j = 0; j < n; j++)
        nlp->parts[fill[part_bucket((const unsigned char *)nlp->keywords[tmp[j].keyword].word + tmp[j].off)]++] = tmp[j];
    nlp->nparts = n;
    return BOT_OK;
}

static int is_han3(const char *p) /* a 3-byte UTF-8 sequence in U+4E00..U+9FFF */
{
    unsigned char b = (unsigned char)p[0];
    return b >= 0xE4 && b <= 0xE9 && p[1] && p[2];
}

/* A two-character verb-object keyword split by 个, 了 or 一下 (挂个号, 取了药,
 * 打一下针): the word the characters around each such infix make. */
static int split_word_at(const char *norm, const char *infix, char word[7])
{
    if (infix - norm < 3 || !is_han3(infix - 3))
        return 0;
    size_t n = strncmp(infix, "一下", 6) == 0 ? 6 : 3;
    if (!is_han3(infix + n))
        return 0;
    memcpy(word, infix - 3, 3);
    memcpy(word + 3, infix + n, 3);
    word[6] = '\0';
    return 1;
}

void nlp_services_score(const struct nlp *nlp, const char *norm, int scores[NLP_SERVICE_COUNT])
{
    unsigned char found[NLP_MAX_KEYWORDS] = {0}, matched[NLP_MAX_KEYWORDS];
    memset(scores, 0, sizeof(int) * NLP_SERVICE_COUNT);
    size_t len = strlen(norm);
    for (size_t p = 0; p + 2 <= len; p++) {
        unsigned b = part_bucket((const unsigned char *)norm + p);
        for (unsigned j = nlp->bucket_start[b]; j < nlp->bucket_start[b + 1]; j++) {
            const struct nlp_part *pt = &nlp->parts[j];
            if (pt->len <= len - p && memcmp(norm + p, nlp->keywords[pt->keyword].word + pt->off, pt->len) == 0)
                found[pt->keyword] |= pt->bit;
        }
    }
    for (int i = 0; i < nlp->nkeywords; i++)
        if ((matched[i] = found[i] == nlp->keywords[i].need))
            scores[nlp->keywords[i].service] += nlp->keywords[i].weight;
    static const char *const infixes[] = {"个", "了", "一下"};
    for (size_t k = 0; k < BOT_ARRAY_LEN(infixes); k++) {
        for (const char *p = strstr(norm, infixes[k]); p; p = strstr(p + 3, infixes[k])) {
            char word[7];
            if (!split_word_at(norm, p, word))
                continue;
            for (int i = 0; i < nlp->nkeywords; i++) {
                if (!matched[i] && strcmp(nlp->keywords[i].word, word) == 0) {
                    matched[i] = 1;
                    scores[nlp->keywords[i].service] += nlp->keywords[i].weight;
                }
            }
        }
    }
}

/* ---- create / free ---- */

/* Find the services file: as given, else beside the binary (../data/). */
static enum bot_rc find_services_file(const char *given, char *out, size_t outsz)
{
    if (access(given, R_OK) == 0 || given[0] == '/')
        return bot_strlcpy(out, given, outsz);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char cand[PATH_MAX + 64];
            snprintf(cand, sizeof cand, "%s/../%s", exe, given);
            if (access(cand, R_OK) == 0)
                return bot_strlcpy(out, cand, outsz);
        }
    }
    return bot_strlcpy(out, given, outsz);
}


/* The union of the manage table's patterns, "(?:p1)|(?:p2)|…": every one is anchored, so a message that matches
 * none of them is known after one match. */
static enum bot_rc compile_manage_any(struct nlp *nlp, char err[256])
{
    size_t len = 1;
    for (size_t i = 0; i < BOT_ARRAY_LEN(manage); i++)
        len += strlen(pattern_src[manage[i].p]) + 6;
    char *src = malloc(len);
    if (!src) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    size_t at = 0;
    for (size_t i = 0; i < BOT_ARRAY_LEN(manage); i++)
        bot_appendf(src, len, &at, "%s(?:%s)", i ? "|" : "", pattern_src[manage[i].p]);
    int ec;
    PCRE2_SIZE eo;
    nlp->manage_any = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
                                    &ec, &eo, NULL);
    free(src);
    if (!nlp->manage_any) {
        PCRE2_UCHAR msg[120];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(err, 256, "the manage patterns' union at %zu: %s", (size_t)eo, (char *)msg);
        return BOT_INVALID;
    }
    pcre2_jit_compile(nlp->manage_any, PCRE2_JIT_COMPLETE);
    return BOT_OK;
}
enum bot_rc nlp_create(const struct nlp_options *opt, struct nlp **out, char err[256])
{
    enum bot_rc rc;
    *out = NULL;
    struct nlp *nlp = calloc(1, sizeof *nlp);
    if (!nlp) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    bot_strlcpy(nlp->bot_names, opt && opt->bot_names ? opt->bot_names : "", sizeof nlp->bot_names);
    nlp_s2t_init(nlp);
    if ((rc = nlp_t2s_init(nlp, err)) != BOT_OK || (rc = nlp_emergency_init(nlp, err)) != BOT_OK)
        goto error_out;
    char path[PATH_MAX];
    find_services_file(opt && opt->services_file && *opt->services_file ? opt->services_file
                                                                         : "data/services.txt",
                       path, sizeof path);
    if ((rc = nlp_services_load(nlp, path, err)) != BOT_OK)
        goto error_out;
    if (!(nlp->pat = calloc(P_COUNT, sizeof *nlp->pat))) {
        snprintf(err, 256, "out of memory");
        rc = BOT_NOMEM;
        goto error_out;
    }
    for (int i = 0; i < P_COUNT; i++) {
        int ec;
        PCRE2_SIZE eo;
        nlp->pat[i] = pcre2_compile((PCRE2_SPTR)pattern_src[i], PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &ec, &eo, NULL);
        if (!nlp->pat[i]) {
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(ec, msg, sizeof msg);
            snprintf(err, 256, "pattern %d at %zu: %s", i, (size_t)eo, (char *)msg);
            rc = BOT_INVALID;
            goto error_out;
        }
        pcre2_jit_compile(nlp->pat[i], PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    }
    if ((rc = compile_manage_any(nlp, err)) != BOT_OK)
        goto error_out;
    *out = nlp;
    return BOT_OK;
error_out:
    nlp_free(nlp);
    return rc;
}

void nlp_free(struct nlp *nlp)
{
    if (!nlp)
        return;
    pcre2_code_free(nlp->manage_any);
    for (int i = 0; nlp->pat && i < P_COUNT; i++)
        pcre2_code_free(nlp->pat[i]);
    free(nlp->pat);
    nlp_emergency_free(nlp);
    nlp_s2t_free(nlp);
    if (nlp->cc)
        opencc_close(nlp->cc);
    free(nlp);
}

/* ---- matching helpers ---- */

struct ctx {
    const struct nlp *nlp;
    const char *s;      /* the normalized text, lower-cased: what patterns match */
    const char *cs;     /* the same bytes with letters as written: what a slot stored as written is copied from */
    size_t len;
    pcre2_match_data *md;
    int mentioned;      /* someone other than the bot is @-mentioned */
    int post_for_tried; /* P_POST_FOR matched once already: 1 it did not match, 2 it did (mood_of, then post_for) */
};

/* Words at least one of which every alternative of a pattern contains: where
 * none is in the text the pattern cannot match, and strstr finds that far
 * faster than a pattern can in Chinese text, where every byte may begin a
 * match. NULL-terminated; only the costliest patterns have one (make bench). */
static const char *const gate_leader[] = {"排", "榜", "最多", "最积极", "leaderboard", "ranking", NULL};
static const char *const gate_history[] = {"明细", "来的", "收支", "流水", "记录", "纪录", "都是哪", "变动", "变化", "哪", "账单", "my",
                                           "history", "statement", NULL};
static const char *const gate_register[] = {"注册", "登记", "register", "报名", "加入", "我叫", "参加", "入会", "资料",
                                            "信息", NULL};
static const char *const gate_balance[] = {"积分", "余额", "时间", "账", "分", "小时", "balance", "how many", NULL};
static const char *const gate_list[] = {"需求", "帮忙", "帮手", "待接", "求助", "单", "可以接", "list", "requests", NULL};
static const char *const gate_gift[] = {"转", "送", "给", "give", "transfer", "gift", NULL};
static const char *const gate_help[] = {"帮助", "help", "菜单", "说明", "功能", "指令", "命令", "start", "怎么",
                                        "什么", "干啥", "会用", "积分", "时间银行", "如何", "怎样", "点样",
                                        "點樣", "能不能", "可不可以", "能否", "how", "what", NULL};
static const char *const gate_contact_phone[] = {"电话", "手机", "联系方式", "号码", "微信", NULL};
static const char *const gate_contact_addr[] = {"住", "地址", "门牌", "家", "几号楼", "几栋", "几幢", "几单元", "几室", NULL};
static const char *const gate_balance_of[] = {"积分", "余额", "时间币", "小时", "欠", NULL};
static const char *const gate_history_of[] = {"明细", "记录", "纪录", "收支", "流水", NULL};
static const char *const gate_join[] = {"志愿者", "志工", "义工", "会员", "时间银行", "驿站", "注册", "登记", NULL};
static const char *const gate_service_finish[] = {"好了", "完了", "结束了", "完成了", "完工了", "搞定了", "完事了", "收工了",
                                                  NULL};
/* a request for a neighbour named: 帮/替/给/为/代 her, or she 需要/要/想/得 someone (POST_FOR_NOT … NEED_GO_ASK) */
static const char *const gate_post_for[] = {"帮", "替", "给", "为", "代", "要", "想", "得", NULL};
static const char *const gate_post_for_told[] = {"求助", "找", "叫", "请", "喊", NULL};
static const char *const gate_post_for_asks[] = {"要不要", "需不需要", "用不用", "是不是", "吗", "么", "嘛", "?", "？", NULL};
static const char *const gate_need_told[] = {"说", NULL}; /* 听说, 据说, 说她 */
static const char *const *const gates[P_COUNT] = {
    [P_SERVICE_FINISH] = gate_service_finish, [P_POST_FOR] = gate_post_for, [P_POST_FOR_TOLD] = gate_post_for_told,
    [P_POST_FOR_ASKS] = gate_post_for_asks,   [P_NEED_TOLD] = gate_need_told,
    [P_LEADER] = gate_leader, [P_HISTORY] = gate_history, [P_REGISTER] = gate_register, [P_BALANCE] = gate_balance,
    [P_LIST] = gate_list,     [P_GIFT] = gate_gift,       [P_GIFT_MINUTES] = gate_gift, [P_HELP] = gate_help,
    [P_CONTACT_PHONE] = gate_contact_phone, [P_CONTACT_ADDR] = gate_contact_addr, [P_BALANCE_OF] = gate_balance_of,
    [P_HISTORY_OF] = gate_history_of,     [P_JOIN_WISH] = gate_join,
};

static int gate_open(const struct ctx *c, enum nlp_pat p)
{
    if (!gates[p])
        return 1;
    for (const char *const *w = gates[p]; *w; w++)
        if (strstr(c->s, *w))
            return 1;
    return 0;
}

/* Does pattern p match anywhere from offset `from`? */
static int has(struct ctx *c, enum nlp_pat p)
{
    if (!gate_open(c, p))
        return 0;
    return pcre2_match(c->nlp->pat[p], (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL) > 0;
}

/* Could any command of the manage table match? (All anchored: their union, matched once.) */
static int has_manage_command(struct ctx *c)
{
    /* 0 is a match too: the union has more groups than the match data holds, and only whether it matched counts */
    return !c->nlp->manage_any ||
           pcre2_match(c->nlp->manage_any, (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL) >= 0;
}

/* Copy capture group g of the first match of p into buf; returns 1 on match. */
/* Group g of pattern p matched in the text into buf (cut at bufsz), copied from src (c->s, or c->cs). */
static int cap_from(struct ctx *c, enum nlp_pat p, int g, char *buf, size_t bufsz, size_t *begin, const char *src)
{
    if (!gate_open(c, p)) /* none of the words it needs: no match, and none tried */
        return 0;
    int n = pcre2_match(c->nlp->pat[p], (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL);
    if (n <= 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    if (g >= n || ov[2 * g] == PCRE2_UNSET) {
        buf[0] = '\0';
        return 1;
    }
    size_t len = ov[2 * g + 1] - ov[2 * g];
    if (len >= bufsz)
        len = bufsz - 1;
    memcpy(buf, src + ov[2 * g], len);
    buf[len] = '\0';
    if (begin)
        *begin = ov[2 * g];
    return 1;
}

/* Group g of the match whose n and ovector are given, into buf (cut at bufsz); 0 and "" when it is unset or empty. */
static int group_text(const struct ctx *c, const PCRE2_SIZE *ov, int n, int g, char *buf, size_t bufsz)
{
    buf[0] = '\0';
    if (g >= n || ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] <= ov[2 * g])
        return 0;
    size_t len = ov[2 * g + 1] - ov[2 * g];
    if (len >= bufsz)
        len = bufsz - 1;
    memcpy(buf, c->s + ov[2 * g], len);
    buf[len] = '\0';
    return 1;
}

static int cap(struct ctx *c, enum nlp_pat p, int g, char *buf, size_t bufsz, size_t *begin)
{
    return cap_from(c, p, g, buf, bufsz, begin, c->s);
}

/* cap of words stored and shown as written (an item, a note with its invoice number, a reason): matched
 * case-insensitively, copied with their letters' case kept. */
static int cap_written(struct ctx *c, enum nlp_pat p, int g, char *buf, size_t bufsz, size_t *begin)
{
    return cap_from(c, p, g, buf, bufsz, begin, c->cs);
}

static int number_of(const char *s, double *v)
{
    if (strcmp(s, "半") == 0) {
        *v = 0.5;
        return 1;
    }
    size_t n = nlp_number(s, v);
    return n > 0 && s[n] == '\0'; /* the whole capture, or it says another number (四两 is no 4) */
}

/* Does the text name an order #N other than id? */
static int other_hash_id(struct ctx *c, int64_t id)
{
    for (size_t off = 0; off < c->len;) {
        int n = pcre2_match(c->nlp->pat[P_ID_HASH], (PCRE2_SPTR)c->s, c->len, off, PCRE2_NO_UTF_CHECK, c->md, NULL);
        if (n < 2)
            return 0;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
        char buf[16];
        size_t len = ov[3] - ov[2] < sizeof buf ? ov[3] - ov[2] : sizeof buf - 1;
        memcpy(buf, c->s + ov[2], len);
        buf[len] = '\0';
        if (strtoll(buf, NULL, 10) != id)
            return 1;
        off = ov[1] > off ? ov[1] : off + 1;
    }
    return 0;
}

static int64_t request_id_of(struct ctx *c, int with_verb)
{
    static const enum nlp_pat strong[] = {P_ID_HASH, P_ID_ORD, P_ID_NO, P_ID_LABEL, P_ID_HAO};
    char buf[32];
    double v;
    for (size_t i = 0; i < BOT_ARRAY_LEN(strong); i++)
        if (cap(c, strong[i], 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1)
            return (int64_t)v;
    if (with_verb) {
        if (cap(c, P_ID_VERB, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1)
            return (int64_t)v;
        if (cap(c, P_ID_LEAD, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1)
            return (int64_t)v;
        if (cap(c, P_ID_VERB_CN, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1)
            return (int64_t)v;
        if (cap(c, P_ID_BAREHAO, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1)
            return (int64_t)v;
        if (cap(c, P_ID_TAIL, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1)
            return (int64_t)v;
    }
    return 0;
}

static int best_service(const int scores[NLP_SERVICE_COUNT])
{
    int best = -1, bs = 0;
    for (int i = 0; i < NLP_SERVICE_COUNT; i++)
        if (scores[i] > bs)
            bs = scores[i], best = i;
    return best;
}

/* The words of a time that is none, as written, into r->bad_time. */
static void keep_bad_time(const struct ctx *c, const struct nlp_time *t, struct nlp_result *r)
{
    if (!t->impossible || t->end <= t->begin || t->end > c->len)
        return;
    size_t n = bot_utf8_cut(c->s + t->begin, t->end - t->begin < sizeof r->bad_time ? t->end - t->begin
                                                                                     : sizeof r->bad_time - 1);
    memcpy(r->bad_time, c->s + t->begin, n);
    r->bad_time[n] = '\0';
    r->bad_time_lunar = t->impossible == 2;
}

/* Start time: the first expression with a clock that is not a deadline; a
 * date-only expression lends its day to a clock that follows it. */
static void start_of(struct ctx *c, int64_t now, int off, struct nlp_result *r, int *range)
{
    struct nlp_time t;
    size_t from = 0;
    int64_t day = INT64_MIN;
    *range = 0;
    for (int k = 0; k < 4 && from < c->len; k++) {
        nlp_time_scan_day(c->s, from, now, off, day, 0, &t);
        if (!t.found) {
            keep_bad_time(c, &t, r);
            break;
        }
        if (t.has_clock && !t.deadline) {
            r->has_start = 1;
            r->start = t.start;
            *range = t.range_minutes;
            return;
        }
        if (!t.has_clock && (t.grain == NLP_GRAIN_DAY || t.grain == NLP_GRAIN_HOUR) && day == INT64_MIN) {
            day = bot_local_day(t.start, off);
            r->start_part = t.part;
        }
        from = t.end;
    }
    if (day != INT64_MIN) { /* a day and no clock: the hour asked for falls on it, in the part said */
        r->has_start_day = 1;
        r->start_day = day;
    } else {
        r->start_part = 0;
    }
}

/* A place word alone (医院, 超市) says where, not which: no location. */
static int generic_place(const char *loc)
{
    static const char *const generic[] = {"医院", "中心", "站", "局", "班", "栋", "市场", "超市",
                                          "公园", "银行", "药店", "药房", "学校", "小学", "中学", "大学", "广场",
                                          "菜场", "菜市场", NULL};
    for (int i = 0; generic[i]; i++)
        if (strcmp(loc, generic[i]) == 0)
            return 1;
    return 0;
}

/* A kind of place more than a place (到快递站寄个件): kept only when the message names none (锦绣花园菜鸟驿站). */
static int kind_place(const char *loc)
{
    static const char *const kinds[] = {"快递站", "快递点", "驿站", "菜鸟驿站", NULL};
    for (int i = 0; kinds[i]; i++)
        if (strcmp(loc, kinds[i]) == 0)
            return 1;
    return 0;
}

static void location_of(struct ctx *c, struct nlp_result *r)
{
    char kind[sizeof r->location] = "";
    if (cap(c, P_LOC_PREP, 1, r->location, sizeof r->location, NULL) && r->location[0] &&
        !generic_place(r->location)) {
        if (!kind_place(r->location))
            return;
        bot_strlcpy(kind, r->location, sizeof kind);
    }
    if (cap(c, P_LOC_PLACE, 1, r->location, sizeof r->location, NULL) && r->location[0])
        return;
    if (!kind[0] && cap(c, P_LOC_BUILDING, 1, r->location, sizeof r->location, NULL) && r->location[0])
        return;
    bot_strlcpy(r->location, kind, sizeof r->location);
}

/* A written name as the parser gives it: 王师傅 (三栋) → 王师傅(3号楼), as a written @name gives it. */
static void name_building(char *tok, size_t size)
{
    char *br = strchr(tok, '('), building[24];
    if (br && nlp_building_suffix(br, building)) {
        while (br > tok && br[-1] == ' ')
            br--;
        bot_strlcpy(br, building, size - (size_t)(br - tok));
    }
}

/* A kin or role word is how she is called, never her name (我是小陈的妈妈 registered 「妈妈」: play84), nor is one's
 * 「X的Y」: her name is asked instead. */
static int no_name(const char *name)
{
    static const char *const words[] = {
        "妈妈", "妈", "爸爸", "爸", "母亲", "父亲", "女儿", "儿子", "闺女", "老伴", "老公", "老婆", "爱人", "丈夫", "妻子",
        "媳妇", "儿媳", "女婿", "孙子", "孙女", "外孙", "外孙女", "奶奶", "爷爷", "姥姥", "姥爷", "外婆", "外公", "婆婆",
        "公公", "哥哥", "姐姐", "弟弟", "妹妹", "阿姨", "叔叔", "大爷", "大妈", "伯伯", "家人", "家属", "亲戚", "邻居",
        "楼长", "志愿者", "义工", "会员", "居民", "老人", "本人", "自己", "社工", "工作人员", "保姆", "护工"};
    if (strstr(name, "的"))
        return 1;
    for (size_t i = 0; i < BOT_ARRAY_LEN(words); i++)
        if (strcmp(name, words[i]) == 0)
            return 1;
    /* a role after a surname (赵楼长, 王师傅) is how neighbours call her, as 李奶奶 is: kept as her name */
    return 0;
}

static void register_slots(struct ctx *c, struct nlp_result *r)
{
    char buf[64];
    if (!cap(c, P_PHONE, 1, r->phone, sizeof r->phone, NULL))
        r->phone[0] = '\0';
    if (r->nmentions > 0 && strstr(c->s, "推荐"))
        bot_strlcpy(r->referrer, r->mentions[0], sizeof r->referrer);
    else if (!cap(c, P_REFERRER, 1, r->referrer, sizeof r->referrer, NULL))
        r->referrer[0] = '\0';
    name_building(r->referrer, sizeof r->referrer); /* 推荐人 王师傅（5号楼）: a namesake told apart */
    if (!cap(c, P_REG_NAME, 1, r->name, sizeof r->name, NULL) || !r->name[0])
        if (!cap(c, P_SELF_NAME, 1, r->name, sizeof r->name, NULL)) /* 我是小陈 想当志愿者 */
            if (!cap(c, P_REG_NAME2, 1, r->name, sizeof r->name, NULL))
                r->name[0] = '\0';
    if ((r->name_title = no_name(r->name)))
        r->name[0] = '\0';
    r->name_bad = !r->name[0] && has(c, P_REG_NAME_DIGIT);
    double v;
    /* hers is written bare: a building in brackets is someone else's (推荐人 王师傅(十二号楼)), read on a copy with
     * every bracket's inside blanked */
    char bare[1024];
    struct ctx outside = *c;
    if (c->len < sizeof bare) {
        memcpy(bare, c->s, c->len + 1);
        for (size_t i = 0, depth = 0; i < c->len; i++) {
            if (bare[i] == '(')
                depth++;
            else if (bare[i] == ')' && depth > 0)
                depth--;
            else if (depth > 0)
                bare[i] = ' ';
        }
        outside.s = bare;
    }
    if (cap(&outside, P_REG_BUILDING, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1) {
        snprintf(r->building, sizeof r->building, "%d号楼", (int)v);
        char unit[64], num[16];
        double u = 0; /* the unit of her building, not of another written after it */
        if (cap(&outside, P_REG_UNIT, 1, num, sizeof num, NULL) && number_of(num, &u) && u == v &&
            cap(&outside, P_REG_UNIT, 2, unit, sizeof unit, NULL) && unit[0]) { /* spaces inside dropped: 2 单元 301 */
            size_t o = 0;
            for (const char *u = unit; *u && o + 1 < sizeof r->unit; u++)
                if (*u != ' ')
                    r->unit[o++] = *u;
            r->unit[o] = '\0';
        }
    }
    int n = pcre2_match(c->nlp->pat[P_REG_BIRTHDAY], (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL);
    if (n < 4)
        n = pcre2_match(c->nlp->pat[P_REG_BIRTHDAY_CN], (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL);
    if (n >= 4) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
        char cy[16], cm[16], cd[16]; /* numerals as written: digits or characters */
        snprintf(cy, sizeof cy, "%.*s", (int)(ov[3] - ov[2]), c->s + ov[2]);
        snprintf(cm, sizeof cm, "%.*s", (int)(ov[5] - ov[4]), c->s + ov[4]);
        snprintf(cd, sizeof cd, "%.*s", (int)(ov[7] - ov[6]), c->s + ov[6]);
        double fy = 0, fm = 0, fd = 0;
        int64_t yy = number_of(cy, &fy) ? (int64_t)fy : 0, mm = number_of(cm, &fm) ? (int64_t)fm : 0,
                dd = number_of(cd, &fd) ? (int64_t)fd : 0;
        static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
        if (yy >= 1900 && yy <= 2100 && mm >= 1 && mm <= 12 && dd >= 1 && dd <= mdays[mm - 1] &&
            !(mm == 2 && dd == 29 && !leap))
            snprintf(r->birthday, sizeof r->birthday, "%04d-%02d-%02d", (int)yy, (int)mm, (int)dd);
    }
    /* 生日1950年2月30日, 生日 11月26日, 生日五十年代: a birthday meant, none read — asked again, never dropped */
    r->birthday_bad = !r->birthday[0] && (n >= 4 || has(c, P_BDAY_WORD));
}

/* 修改资料 …: the name written after the command word (not a field word); building, birthday, phone as 注册. */
static void profile_slots(struct ctx *c, struct nlp_result *r)
{
    static const char *const fields[] = {"生日", "电话", "手机", "楼栋", "楼号", "姓名", "名字", "住址", "推荐人", "介绍人", NULL};
    char name[64];
    register_slots(c, r); /* the referrer too: 修改资料 推荐人 王师傅(5号楼) records one not recorded at 注册 */
    r->name[0] = '\0';
    r->name_title = 0;
    if ((r->name_bad = has(c, P_EDIT_NAME_DIGIT)))
        return;
    if (!cap(c, P_EDIT_NAME, 1, name, sizeof name, NULL) || !name[0])
        return;
    for (int i = 0; fields[i]; i++)
        if (strncmp(name, fields[i], strlen(fields[i])) == 0)
            return;
    if (!(r->name_title = no_name(name)))
        bot_strlcpy(r->name, name, sizeof r->name);
}

/* 创建活动 广场舞 明天上午9点 社区广场 [2小时]: the title is the first word, the start the first clock time,
 * the place what follows the time (or a place named anywhere), the length a duration or a range. */
static void activity_slots(struct ctx *c, int64_t now, int off, struct nlp_result *r)
{
    char all[128];
    if (!cap(c, P_ACT_CREATE, 1, all, sizeof all, NULL))
        return;
    size_t t = strcspn(all, " ");
    bot_strlcpy(r->reason, all, t + 1 < sizeof r->reason ? t + 1 : sizeof r->reason);
    struct nlp_time tm;
    size_t from = 0;
    int64_t day = INT64_MIN;
    for (int k = 0; k < 4 && from < c->len; k++) {
        nlp_time_scan_day(c->s, from, now, off, day, 0, &tm);
        if (!tm.found) {
            keep_bad_time(c, &tm, r);
            break;
        }
        if (tm.has_clock && !tm.deadline) {
            r->has_start = 1;
            r->start = tm.start;
            r->minutes = tm.range_minutes;
            size_t p = tm.end;
            while (p < c->len && c->s[p] == ' ')
                p++;
            size_t e = p;
            while (e < c->len && c->s[e] != ' ')
                e++;
            static const char *const preps[] = {"在", "地点:", "地点", "于", NULL};
            for (int i = 0; preps[i]; i++)
                if (e - p > strlen(preps[i]) && strncmp(c->s + p, preps[i], strlen(preps[i])) == 0) {
                    p += strlen(preps[i]);
                    break;
                }
            if (e > p && e - p < sizeof r->location && !(c->s[p] >= '0' && c->s[p] <= '9')) {
                memcpy(r->location, c->s + p, e - p);
                r->location[e - p] = '\0';
            }
            break;
        }
        if (!tm.has_clock && (tm.grain == NLP_GRAIN_DAY || tm.grain == NLP_GRAIN_HOUR) && day == INT64_MIN)
            day = bot_local_day(tm.start, off);
        from = tm.end;
    }
    if (!r->minutes)
        r->minutes = nlp_duration_scan(c->s, 0);
    if (!r->location[0]) {
        location_of(c, r);
        if (strcmp(r->location, r->reason) == 0)
            r->location[0] = '\0';
    }
}

/* The amount of a gift, 代录 or 调整 read a second time, as a duration (1个半小时,
 * 1小时半, 1小时30分钟, 三刻钟). Where that reader finds one it wins: the first
 * reader's pattern stops at 半小时 or 30分钟 of them. Glued to something unread
 * (1点5小时): unreadable. */
static void amount_agrees(struct ctx *c, struct nlp_result *r)
{
    int m = 0, np = 0, un = 0;
    if (!nlp_amount_scan(c->s, 0, &m, &np, &un))
        return;
    if (un) {
        r->unreadable = 1;
        return;
    }
    if (m > 0 && m != r->minutes) {
        r->minutes = m;
        r->nonpositive |= np;
    }
}

static void gift_slots(struct ctx *c, struct nlp_result *r)
{
    char buf[32];
    double v;
    size_t at = 0;
    if (cap(c, P_GIFT_MINUTES, 1, buf, sizeof buf, &at) && number_of(buf, &v) && v >= 1 && v <= 600000) {
        r->minutes = (int)v;
        r->nonpositive = nlp_minus_before(c->s, at); /* 转赠 -30分钟 */
        r->unreadable = nlp_number_glued(c->s, at);  /* 转赠 1e3分钟 */
        goto target;
    }
    int n = pcre2_match(c->nlp->pat[P_GIFT], (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL);
    if (n > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
        int g = 1;
        while (g < n - 1 && ov[2 * g] == PCRE2_UNSET)
            g++;
        size_t len = ov[2 * g + 1] - ov[2 * g];
        if (len < sizeof buf) {
            memcpy(buf, c->s + ov[2 * g], len);
            buf[len] = '\0';
            if (number_of(buf, &v) && v > 0 && v <= 10000)
                r->minutes = (int)lround(v * 60);
            r->nonpositive = nlp_minus_before(c->s, ov[2 * g]); /* 转赠 -1小时, 转赠 负1小时 */
            r->unreadable = nlp_number_glued(c->s, ov[2 * g]);  /* 转赠 1e3小时, 1/2小时 */
        }
    }
target:
    amount_agrees(c, r);
    if (has(c, P_AMOUNT_FEN))
        r->unreadable = 1;
    if (r->nmentions > 0)
        bot_strlcpy(r->target, r->mentions[0], sizeof r->target);
    else if (!cap(c, P_GIFT_TARGET, 1, r->target, sizeof r->target, NULL) || !r->target[0])
        if (!cap(c, P_GIFT_TARGET_AFTER, 1, r->target, sizeof r->target, NULL) || !r->target[0])
            if (!cap(c, P_GIFT_TARGET_EN, 1, r->target, sizeof r->target, NULL))
                r->target[0] = '\0';
    char named[64]; /* 帮我给我妈转一个小时 她叫赵淑珍: the name said after is the one to find */
    if (!r->nmentions && cap(c, P_GIFT_NAMED, 1, named, sizeof named, NULL) && named[0])
        bot_strlcpy(r->target, named, sizeof r->target);
    if (!r->nmentions)
        name_building(r->target, sizeof r->target);
    char second[64]; /* 转赠 1小时 给 小芳 李大姐: two written, so the handler gives to neither */
    if (!r->nmentions && r->target[0] && cap(c, P_GIFT_SECOND, 1, second, sizeof second, NULL) && second[0] &&
        strcmp(second, r->target) != 0 && r->nnames + 1 < NLP_MAX_NAMES) {
        r->name_at[r->nnames + 1] = 1;
        bot_strlcpy(r->names[r->nnames + 1], second, sizeof r->names[0]);
        r->second_target = 1;
    }
    if (!r->nmentions && r->target[0] && r->nnames < NLP_MAX_NAMES) {
        r->name_at[r->nnames] = 0;
        bot_strlcpy(r->names[r->nnames++], r->target, sizeof r->names[0]);
        if (r->second_target) /* read above, kept after the first */
            r->nnames++;
    }
}

/* Written names after the command word: Han tokens of 2-4 that are not command words. */
static void name_tokens(struct ctx *c, struct nlp_result *r)
{
    static const char *const skip[] = {"楼长", "管理员", "志愿者", "志工", "退款", "扣分", "处罚", "驳回",
                                       "维持", "原因", "理由", "陪诊", "代购", "维修", "托管", "陪伴",
                                       "家务", "教学", "跑腿", "其他", "公益", "补贴", "活动", "签到", NULL};
    size_t off = 0;
    /* step over the command word itself */
    while (off < c->len && c->s[off] != ' ')
        off++;
    while (off < c->len) {
        int n = pcre2_match(c->nlp->pat[P_NAME_TOKEN], (PCRE2_SPTR)c->s, c->len, off, PCRE2_NO_UTF_CHECK, c->md, NULL);
        if (n < 2)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
        char tok[64];
        size_t len = ov[3] - ov[2];
        if (len >= sizeof tok)
            len = sizeof tok - 1;
        memcpy(tok, c->s + ov[2], len);
        tok[len] = '\0';
        name_building(tok, sizeof tok);
        int skipped = strncmp(tok, "活动", strlen("活动")) == 0; /* 签到 活动四: the activity, not a name */
        for (int i = 0; skip[i]; i++)
            if (strcmp(tok, skip[i]) == 0)
                skipped = 1;
        if (!skipped && r->nnames == NLP_MAX_NAMES) {
            r->names_more = 1;
            break;
        }
        if (!skipped) {
            r->name_at[r->nnames] = (int)ov[2];
            bot_strlcpy(r->names[r->nnames++], tok, sizeof r->names[0]);
        }
        off = ov[3];
    }
}

int nlp_target_count(const struct nlp_result *r) { return r->nmentions + r->nnames; }

const char *nlp_target(const struct nlp_result *r, int i)
{
    int m = 0, n = 0; /* merge the two lists, each already in the text's order */
    for (; m < r->nmentions || n < r->nnames; i--) {
        int mention = n == r->nnames || (m < r->nmentions && r->mention_at[m] <= r->name_at[n]);
        if (i == 0)
            return mention ? r->mentions[m] : r->names[n];
        if (mention)
            m++;
        else
            n++;
    }
    return NULL;
}

static void manage_slots(struct ctx *c, struct nlp_result *r)
{
    char buf[160];
    double v;
    r->request_id = request_id_of(c, 1);
    if (r->intent == NLP_ACTIVITY_CREATE) {
        if (cap(c, P_ACT_CREATE, 1, r->reason, sizeof r->reason, NULL))
            return;
    }
    if (r->intent == NLP_ACTIVITY_SIGN || r->intent == NLP_ACTIVITY_CLOSE) {
        if (cap(c, r->intent == NLP_ACTIVITY_SIGN ? P_ACT_SIGN : P_ACT_CLOSE, 1, buf, sizeof buf, NULL) &&
            number_of(buf, &v))
            r->activity_id = (int64_t)v;
        r->request_id = 0;
        if (r->intent == NLP_ACTIVITY_SIGN)
            name_tokens(c, r); /* 签到 活动2 张秀英 陈伯: members named, with or without a chat identity */
        return;
    }
    r->negative = strncmp(c->s, "撤销", 6) == 0 || strncmp(c->s, "取消", 6) == 0;
    if (cap(c, P_ROLE, 1, buf, sizeof buf, NULL))
        r->role = strcmp(buf, "楼长") == 0 ? 2 : strcmp(buf, "管理员") == 0 ? 4 : 1;
    if (cap(c, P_REG_BUILDING, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1)
        snprintf(r->building, sizeof r->building, "%d号楼", (int)v);
    int n = pcre2_match(c->nlp->pat[P_ADJ_AMOUNT], (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL);
    if (n >= 3) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
        if (r->intent == NLP_ADJUST) {
            /* staff: a minus takes away (调整积分 @X -2小时, 负2小时, 扣2小时) */
            if (ov[2] != PCRE2_UNSET ? c->s[ov[2]] != '+' : nlp_minus_before(c->s, ov[4]))
                r->negative = 1;
        } else {
            /* 代录 … -2小时: a sign makes no sense, the handler refuses it */
            r->nonpositive = nlp_minus_before(c->s, ov[4]);
        }
        r->unreadable = nlp_number_glued(c->s, ov[2] != PCRE2_UNSET ? ov[2] : ov[4]);
        size_t len = ov[5] - ov[4];
        if (len < sizeof buf) {
            memcpy(buf, c->s + ov[4], len);
            buf[len] = '\0';
            if (number_of(buf, &v) && v > 0 && v <= 10000)
                r->minutes = (int)lround(v * 60);
        }
        if (r->intent == NLP_ADJUST || r->intent == NLP_PROXY)
            amount_agrees(c, r);
    }
    if (cap(c, P_RES_KIND, 1, buf, sizeof buf, NULL)) {
        if (strstr(buf, "恶意") || strcmp(buf, "malicious") == 0)
            r->resolution = 6;
        else if (strstr(buf, "减半") || strcmp(buf, "halve") == 0)
            r->resolution = 4;
        else if (strstr(buf, "退") || strcmp(buf, "refund") == 0)
            r->resolution = 1;
        else if (strstr(buf, "扣") || strstr(buf, "罚") || strcmp(buf, "penalty") == 0)
            r->resolution = 2;
        else
            r->resolution = 3;
    }
    if (r->intent == NLP_RESOLVE && has(c, P_BAN_WORD)) { /* a ban alone, or with a refund, 扣分 or 减半 */
        if (!r->resolution)
            r->resolution = 5;
        r->ban_days = -1; /* the rules' complaint_ban_days */
        if (cap(c, P_RESOLVE_BAN_DAYS, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1 && v <= 3650)
            r->ban_days = (int)v;
    }
    if (!cap_written(c, P_REASON, 1, r->reason, sizeof r->reason, NULL)) /* kept as the journal's memo */
        r->reason[0] = '\0';
    int scores[NLP_SERVICE_COUNT];
    nlp_services_score(c->nlp, c->s, scores);
    r->service = best_service(scores);
    name_tokens(c, r);
}

/* 认证 … 有效期2027-12-31 (the date as YYYY-MM-DD in until, only a real one), 禁止接单 … 7天 (days). */
static void vetting_slots(struct ctx *c, struct nlp_result *r)
{
    char y[8], m[8], d[8], buf[16];
    double v;
    int64_t yy, mm, dd;
    r->minutes = 0; /* 7天 is no amount of hours */
    r->request_id = 0;
    if (cap(c, P_UNTIL, 1, y, sizeof y, NULL) && cap(c, P_UNTIL, 2, m, sizeof m, NULL) &&
        cap(c, P_UNTIL, 3, d, sizeof d, NULL) && bot_parse_i64(y, &yy) == BOT_OK && bot_parse_i64(m, &mm) == BOT_OK &&
        bot_parse_i64(d, &dd) == BOT_OK && yy >= 2000 && yy <= 2200 && mm >= 1 && mm <= 12 && dd >= 1 &&
        dd <= bot_days_from_civil(mm == 12 ? yy + 1 : yy, mm == 12 ? 1 : (int)mm + 1, 1) -
                  bot_days_from_civil(yy, (int)mm, 1))
        snprintf(r->until, sizeof r->until, "%04d-%02d-%02d", (int)yy, (int)mm, (int)dd);
    if (r->intent == NLP_CERTIFY && !cap(c, P_CERT_KIND, 1, r->cert, sizeof r->cert, NULL))
        r->cert[0] = '\0'; /* 认证 @X 培训|保险 有效期…: training or insurance, not a service's certificate */
    if (r->intent == NLP_ACCEPT_BAN && cap(c, P_BAN_DAYS, 1, buf, sizeof buf, NULL) && number_of(buf, &v) && v >= 1 &&
        v <= 3650) {
        r->days = (int)v;
        /* 禁止接单 @X -3天: a sign makes no days; the handler refuses it (it banned for 3) */
        r->nonpositive = nlp_minus_before(c->s, pcre2_get_ovector_pointer(c->md)[2]);
    }
}

/* The first amount of money at most a few bytes after where pattern p ends (积分抵3元, 最高30元): its fen, or 0;
 * *bad set when it is written unreadable. */
static int64_t yuan_after(struct ctx *c, enum nlp_pat p, int *bad)
{
    int n = pcre2_match(c->nlp->pat[p], (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL);
    if (n <= 0)
        return 0;
    size_t from = pcre2_get_ovector_pointer(c->md)[1], at = 0, end = 0;
    int64_t fen = 0;
    int b = 0;
    if (!nlp_yuan_scan(c->s, from, &fen, &b, &at, &end) || at > from + 3) /* a minus sign may stand between */
        return 0;
    *bad |= b;
    return b ? 0 : fen;
}

/* 添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%, 商家绑定 幸福超市 @小刘, 商家缴费 幸福超市 300元,
 * 商家对账 [幸福超市] 2026-11, 核销 CODE 消费86元: the merchant's name, the code, the amounts and the month. */
static void merchant_slots(struct ctx *c, int64_t now, int off, struct nlp_result *r)
{
    static const enum nlp_pat word[] = {[NLP_MERCHANT_ADD] = P_MERCHANT_ADD, [NLP_MERCHANT_BIND] = P_MERCHANT_BIND,
                                        [NLP_MERCHANT_UNBIND] = P_MERCHANT_UNBIND,
                                        [NLP_MERCHANT_SETTLE] = P_MERCHANT_SETTLE,
                                        [NLP_MERCHANT_STATEMENT] = P_MERCHANT_STATEMENT, [NLP_REDEEM] = P_REDEEM};
    struct nlp_merchant_slots *m = &r->merchant;
    char buf[96];
    size_t from = 0, at = 0, end = 0;
    r->minutes = 0;
    r->request_id = 0;
    m->fee_bp = -1;
    if (r->intent == NLP_REDEEM) {
        if (cap(c, P_REDEEM, 1, buf, sizeof buf, NULL)) {
            size_t k = 0;
            for (const char *p = buf; *p && k + 1 < sizeof m->code; p++)
                if (*p != ' ' && *p != '-')
                    m->code[k++] = (char)toupper((unsigned char)*p);
            m->code[k] = '\0';
            from = pcre2_get_ovector_pointer(c->md)[1];
        }
    } else if (cap(c, word[r->intent], 1, m->name, sizeof m->name, NULL)) {
        from = pcre2_get_ovector_pointer(c->md)[1];
        int y, mo;
        if (r->intent == NLP_MERCHANT_STATEMENT && nlp_month_scan(m->name, now, off, &y, &mo) != 0)
            m->name[0] = '\0', from = 0; /* 商家对账 2026-11: a month, no name */
        else if (r->intent == NLP_MERCHANT_SETTLE && nlp_yuan_scan(m->name, 0, &m->fen, &m->bad, &at, &end))
            m->name[0] = '\0', m->fen = 0, m->bad = 0, from = 0; /* 商家缴费 300元: no name */
    }
    if (r->intent == NLP_MERCHANT_BIND || r->intent == NLP_MERCHANT_UNBIND) {
        name_tokens(c, r); /* 商家绑定 幸福超市 小刘: the clerk written without @ */
        int k = 0;
        for (int i = 0; i < r->nnames; i++)
            if (strcmp(r->names[i], m->name) != 0) {
                r->name_at[k] = r->name_at[i];
                memmove(r->names[k++], r->names[i], sizeof r->names[0]);
            }
        r->nnames = k;
    }
    if (r->intent == NLP_MERCHANT_STATEMENT) {
        int found = nlp_month_scan(c->s + from, now, off, &m->year, &m->month);
        if (found <= 0)
            m->year = m->month = 0;
        r->month_bad = found < 0;
    } else if (r->intent == NLP_REDEEM || r->intent == NLP_MERCHANT_SETTLE) {
        int64_t fen = 0;
        if (nlp_yuan_scan(c->s, from, &fen, &m->bad, &at, &end))
            m->fen = m->bad ? 0 : fen;
    } else if (r->intent == NLP_MERCHANT_ADD) {
        m->rate_fen = yuan_after(c, P_M_RATE, &m->bad);
        m->max_fen = yuan_after(c, P_M_MAX, &m->bad);
        if (cap(c, P_M_FEE, 1, buf, sizeof buf, NULL)) {
            double v = 0;
            size_t used = nlp_number(buf, &v);
            if (used == 0 || buf[used] != '\0' || v < 0 || v > 100 || nlp_minus_before(buf, 0))
                m->bad = 1;
            else
                m->fee_bp = (int)lround(v * 100);
        }
    }
}

/* 分会 | 添加分会 城东分会 | 分会 3号楼 城东分会 | 分会互通 城东分会 开|关: what is done, the branch, the building. */
static void branch_slots(struct ctx *c, struct nlp_result *r)
{
    struct nlp_branch_slots *b = &r->branch;
    char word[24] = "", a1[96] = "", a2[96] = "";
    memset(b, 0, sizeof *b);
    b->on = -1;
    r->request_id = 0;
    r->minutes = 0;
    cap(c, P_BRANCH, 1, word, sizeof word, NULL);
    cap(c, P_BRANCH, 2, a1, sizeof a1, NULL);
    cap(c, P_BRANCH, 3, a2, sizeof a2, NULL);
    if (strcmp(word, "添加分会") == 0 || strcmp(word, "新增分会") == 0) {
        b->op = NLP_BRANCH_ADD;
        bot_strlcpy(b->name, a1, sizeof b->name);
    } else if (strcmp(word, "分会互通") == 0) {
        b->op = NLP_BRANCH_CROSS;
        bot_strlcpy(b->name, a1, sizeof b->name);
        if (strcmp(a2, "开") == 0 || strcmp(a2, "开启") == 0 || strcmp(a2, "打开") == 0)
            b->on = 1;
        else if (strcmp(a2, "关") == 0 || strcmp(a2, "关闭") == 0)
            b->on = 0;
    } else if (strcmp(word, "分会管理员") == 0) {
        b->op = NLP_BRANCH_ADMIN; /* 分会管理员 周干事 城东分会: her scope; 分会管理员 周干事 联盟: the whole alliance */
        bot_strlcpy(b->building, a1, sizeof b->building);
        bot_strlcpy(b->name, a2, sizeof b->name);
    } else if (a1[0]) {
        b->op = NLP_BRANCH_JOIN;
        bot_strlcpy(b->building, a1, sizeof b->building);
        bot_strlcpy(b->name, a2, sizeof b->name);
    }
}

/* 收会费 @X 体验会员 100元 现金 收据号A123; 分红核算 2026 净利润 120000元; 分红确认 2026. */
static void money_slots(struct ctx *c, struct nlp_result *r)
{
    char buf[16];
    size_t at = 0, end = 0;
    int64_t y = 0;
    r->request_id = 0;
    r->minutes = 0;
    if (nlp_yuan_scan(c->s, 0, &r->fen, &r->fen_bad, &at, &end) != 1)
        r->fen = 0;
    if (r->intent == NLP_DIVIDEND_CONVERT || r->intent == NLP_MY_DIVIDEND)
        return;
    if (r->intent != NLP_MEMBER_FEE) {
        if (cap(c, r->intent == NLP_DIVIDEND_CALC ? P_DIV_CALC : P_DIV_CONFIRM, 1, buf, sizeof buf, NULL) &&
            bot_parse_i64(buf, &y) == BOT_OK && y >= 2000 && y <= 2200)
            r->year = (int)y;
        return;
    }
    if (!cap(c, P_TIER, 1, r->tier, sizeof r->tier, NULL))
        r->tier[0] = '\0';
    if (cap(c, P_PAID_HOW, 1, buf, sizeof buf, NULL))
        bot_strlcpy(r->paid_how, strcmp(buf, "现金") == 0 ? "现金" : "线上", sizeof r->paid_how);
    if (!cap(c, P_RECEIPT, 1, r->receipt, sizeof r->receipt, NULL))
        r->receipt[0] = '\0';
    for (char *p = r->receipt; *p; p++) /* a receipt number is kept in capitals, however it was typed */
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    char name[64];
    if (!r->nmentions && cap(c, P_FEE_NAME, 1, name, sizeof name, NULL) && strcmp(name, r->tier) != 0 &&
        r->nnames < NLP_MAX_NAMES) {
        r->name_at[r->nnames] = 0;
        bot_strlcpy(r->names[r->nnames++], name, sizeof r->names[0]);
    }
}

/* Trim spaces and the punctuation a writer puts between words off both ends of src into dst. */
static void words_trim(const char *src, size_t n, char *dst, size_t dstsz)
{
    while (n && strchr(" ,.:;", *src)) {
        src++;
        n--;
    }
    while (n && strchr(" ,.:;", src[n - 1]))
        n--;
    if (n >= dstsz)
        n = bot_utf8_cut(src, dstsz - 1); /* a cut never leaves half a character */
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* 记账 收入 场地租赁 800元 备注…: the kind, the item before the amount, the amount, the words after it. The byte
 * where the amount ends is the command's head (what the mood reads), in *head. */
static void book_slots(struct ctx *c, struct nlp_result *r, size_t *head)
{
    char kind[16];
    size_t rest = c->len, at = 0, end = 0;
    *head = c->len;
    r->book = 0;
    if (!cap(c, P_BOOK, 1, kind, sizeof kind, NULL))
        return;
    r->book = strcmp(kind, "收入") == 0 ? 1 : strcmp(kind, "支出") == 0 ? 2 : 3;
    char unused[4];
    if (!cap(c, P_BOOK, 2, unused, sizeof unused, &rest))
        rest = c->len;
    int64_t fen = 0;
    int bad = 0;
    if (nlp_yuan_scan(c->s, rest, &fen, &bad, &at, &end)) {
        r->fen = fen;
        r->fen_bad = bad;
        *head = end;
        words_trim(c->cs + rest, at - rest, r->item, sizeof r->item);
        words_trim(c->cs + end, c->len - end, r->note, sizeof r->note);
    } else {
        words_trim(c->cs + rest, c->len - rest, r->item, sizeof r->item);
    }
    if (r->book == 3)
        r->item[0] = '\0'; /* the opening money is for nothing in particular */
}

/* 批准支出 #3 [会员大会 第2次会议决议], 驳回支出 #3 原因…: the number and the words after it. */
static void spend_slots(struct ctx *c, struct nlp_result *r, size_t *head)
{
    char num[16], unused[4];
    double v;
    size_t rest = c->len;
    *head = c->len;
    r->request_id = 0;
    if (cap(c, P_SPEND_ID, 1, num, sizeof num, NULL) && number_of(num, &v) && v >= 1)
        r->request_id = (int64_t)v;
    if (r->request_id && cap(c, P_SPEND_ID, 2, unused, sizeof unused, &rest)) {
        *head = rest;
        const char *w = c->cs + rest; /* the note as written */
        size_t n = c->len - rest;
        if (r->intent == NLP_SPEND_APPROVE && cap(c, P_MEETING, 1, unused, sizeof unused, &rest)) {
            r->meeting = 1; /* the meeting's decision: what follows 会员大会 */
            w = c->cs + rest;
            n = c->len - rest;
        }
        if (r->intent == NLP_SPEND_REJECT && (strncmp(w, "原因", 6) == 0 || strncmp(w, "理由", 6) == 0)) {
            w += 6;
            n -= 6;
        }
        words_trim(w, n, r->note, sizeof r->note);
    } else if (r->intent == NLP_SPEND_APPROVE && has(c, P_MEETING)) {
        r->meeting = 1;
    }
}

static int stars_of(struct ctx *c, int *nonpositive, int *unreadable)
{
    char buf[64];
    double v;
    size_t at = 0;
    if (cap(c, P_STARS, 1, buf, sizeof buf, &at) && number_of(buf, &v) && v >= 1 && v <= 5) {
        *nonpositive = nlp_minus_before(c->s, at); /* 评价 #3 -5星 */
        *unreadable = nlp_number_glued(c->s, at);  /* 评价 #3 15星 */
        return (int)v;
    }
    if (cap(c, P_STARS_BLACK, 1, buf, sizeof buf, NULL)) {
        int n = (int)(strlen(buf) / 3);
        return n >= 1 && n <= 5 ? n : 0;
    }
    if (has(c, P_PRAISE)) /* 好评 without a number is the best mark, 差评 the worst */
        return 5;
    if (has(c, P_PAN))
        return 1;
    return 0;
}

/* Does the text name a time from today on (with a clock: from now on)? */
static int future_time_of(struct ctx *c, int64_t now, int off, int clock)
{
    struct nlp_time t;
    int64_t today_start = bot_day_start(bot_local_day(now, off), off);
    for (size_t from = 0; from < c->len;) {
        nlp_time_scan(c->s, from, now, off, &t);
        if (!t.found)
            return 0;
        if (clock ? t.has_clock && !t.deadline && t.start >= now : t.start >= today_start)
            return 1;
        from = t.end;
    }
    return 0;
}

static int future_time(struct ctx *c, int64_t now, int off) { return future_time_of(c, now, off, 0); }

/* Does the text name a day after today (明天, 后天下午, 下周三)? */
static int future_day_of(struct ctx *c, int64_t now, int off)
{
    struct nlp_time t;
    int64_t tomorrow = bot_day_start(bot_local_day(now, off) + 1, off);
    nlp_time_scan(c->s, 0, now, off, &t);
    return t.found && !t.deadline && t.start >= tomorrow;
}

/* Whose orders a 我的… message lists: 1 posted, 2 accepted, 3 both; 0 when it is not such a message. */
static int mine_of(struct ctx *c)
{
    char rel[16], obj[16];
    if (!cap(c, P_MINE, 1, rel, sizeof rel, NULL))
        return 0;
    if (!cap(c, P_MINE, 2, obj, sizeof obj, NULL))
        obj[0] = '\0';
    if (strstr(rel, "接"))
        return 2;                                       /* 我接的, 我接的单 */
    if (!obj[0])
        return 0;                                       /* 我的, 我发的: of what? */
    if (strcmp(obj, "求助") == 0 || strcmp(obj, "需求") == 0 || strcmp(rel, "的") != 0)
        return 1;                                       /* 我的求助, 我发的单 */
    return 3;                                           /* 我的单子, 我的订单 */
}

/* Does the text move an order's start (an order being named)? 改时间 and its like alone; 改到, 挪到, 推迟到 and a
 * correction (是明天上午十点，不是今天) only with a time written, even one that is none (改到明天25点). */
static int reschedule_of(struct ctx *c, int64_t now, int off)
{
    if (!strstr(c->s, "改") && !strstr(c->s, "换") && !strstr(c->s, "挪") && !strstr(c->s, "调") &&
        !strstr(c->s, "推") && !strstr(c->s, "提前") && !strstr(c->s, "不是") && !strstr(c->s, "延"))
        return 0;
    if (has(c, P_RESCHEDULE))
        return 1;
    if (!has(c, P_RESCHEDULE_TO) && !has(c, P_RESCHEDULE_FIX))
        return 0;
    struct nlp_time t;
    nlp_time_scan(c->s, 0, now, off, &t);
    return t.found || t.impossible;
}

/* Is a reschedule unsure (要是…就改, 改到明天再说)? Why the old time will not do (今天不行, 时间不对) is no doubt: those
 * words are left out before P_UNSURE reads the text. */
/* Does `what` match once the spans of `reason` are blanked out? A reason said with a command (时间不对 with a move,
 * 时间不对 with a complaint) is no doubt and no past deed of the command itself. */
static int has_besides(struct ctx *c, enum nlp_pat reason, enum nlp_pat what)
{
    if (!has(c, what))
        return 0;
    char *copy = malloc(c->len + 1);
    if (!copy)
        return 1; /* unsure of it: asked, never done */
    memcpy(copy, c->s, c->len + 1);
    struct ctx t = *c;
    t.s = copy;
    PCRE2_SIZE from = 0;
    while (from < c->len && pcre2_match(c->nlp->pat[reason], (PCRE2_SPTR)copy, c->len, from,
                                        PCRE2_NO_UTF_CHECK, c->md, NULL) > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
        memset(copy + ov[0], ' ', ov[1] - ov[0]);
        from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    int found = has(&t, what);
    free(copy);
    return found;
}

static int reschedule_unsure(struct ctx *c) { return has_besides(c, P_RESCHEDULE_REASON, P_UNSURE); }

/* Is the change written the hours a confirm pays (确认 #3 时间改成1.5小时, 确认#3 实际是90分钟), not a new start? A
 * confirm with a length written and no time of day: the hours served (a time, 确认#3 时间改成明天10点, stays a move). */
static int confirms_hours(struct ctx *c, int64_t now, int off)
{
    int minutes = 0, nonpositive = 0, unreadable = 0;
    if (!has(c, P_CONFIRM) || !nlp_amount_scan(c->s, 0, &minutes, &nonpositive, &unreadable) || minutes <= 0)
        return 0;
    struct nlp_time t;
    nlp_time_scan(c->s, 0, now, off, &t);
    return !t.found && !t.impossible;
}

/* Does the text name service svc alone: no other scoring as high (孩子作业做完了: 托管 or 教学, neither)? */
static int service_clear(const int scores[NLP_SERVICE_COUNT], int svc)
{
    for (int i = 0; i < NLP_SERVICE_COUNT; i++)
        if (i != svc && scores[i] >= scores[svc])
            return 0;
    return 1;
}

static enum nlp_intent classify(struct ctx *c, struct nlp_result *r, int scores[NLP_SERVICE_COUNT],
                                int64_t now, int off)
{
    int svc = best_service(scores);
    if (has_manage_command(c)) /* one match says whether any of them can */
        for (size_t i = 0; i < BOT_ARRAY_LEN(manage); i++)
            if (has(c, manage[i].p))
                return manage[i].i;
    if (has(c, P_CANON_REQUEST))
        return NLP_POST_REQUEST;
    if (has(c, P_UNDO)) {
        r->undo = 1;
        return NLP_CANCEL;
    }
    int64_t rid = request_id_of(c, 1);
    if (rid && (has(c, P_ORDER_PHONE) || has(c, P_ORDER_ADDR))) {
        r->request_id = rid; /* #1的地址: its volunteer's to read privately, nobody else's */
        return NLP_CONTACT_ASK;
    }
    if (rid) {
        if (reschedule_of(c, now, off) && !confirms_hours(c, now, off)) { /* before the others: 改到明天上午10点开始
                                                                             * moves the start, it does not start */
            r->request_id = rid;
            return NLP_RESCHEDULE;
        }
        static const struct { enum nlp_pat p; enum nlp_intent i; } id_cmds[] = {
            {P_COMPLAINT, NLP_COMPLAINT}, {P_RATE, NLP_RATE},     {P_CANCEL, NLP_CANCEL},
            {P_CONFIRM, NLP_CONFIRM},     {P_CONFIRM_THANKS, NLP_CONFIRM}, {P_FINISH, NLP_FINISH},
            {P_START, NLP_START},
            {P_ACCEPT, NLP_ACCEPT},
        };
        for (size_t i = 0; i < BOT_ARRAY_LEN(id_cmds); i++) {
            if (has(c, id_cmds[i].p)) {
                r->request_id = rid;
                return id_cmds[i].i;
            }
        }
    }
    if (has(c, P_COMPLAINT_NOID))
        return NLP_COMPLAINT; /* the reply asks for the number */
    if (has(c, P_BARE_START))
        return NLP_START; /* no number: the member's one order that fits, or a list to pick from */
    if (has(c, P_BARE_FINISH))
        return NLP_FINISH;
    if (svc >= 0 && scores[svc] >= 2 && service_clear(scores, svc) && has(c, P_SERVICE_FINISH)) {
        r->service = svc; /* the member's one running order of this service, the handler finds */
        return NLP_FINISH;
    }
    if (has(c, P_BARE_CONFIRM))
        return NLP_CONFIRM;
    /* a neighbour's phone or address asked (张秀英的电话是多少, 李阿姨住哪): answered that it is not given out */
    if (has(c, P_CONTACT_PHONE) || has(c, P_CONTACT_ADDR))
        return NLP_CONTACT_ASK;
    if (has(c, P_HISTORY_OF)) /* 张秀英的积分明细: hers, as her balance is (查一下李桂兰的积分明细 no balance) */
        return NLP_HISTORY;
    if (has(c, P_BALANCE_OF)) /* 查一下李桂兰的积分: hers, not the speaker's (查李桂兰的积分 read as his own) */
        return NLP_BALANCE;
    /* 不会用手机 帮我交电费: a need for a task, not a question about the bot (不会用 alone asks how to use it) */
    if (has(c, P_HELP) && !has(c, P_REG_ELSEWHERE) && !(svc >= 0 && scores[svc] >= 3 && has(c, P_CANT_USE_NEED)))
        return NLP_HELP;
    if (has(c, P_REGISTER) && !has(c, P_REG_ELSEWHERE))
        return NLP_REGISTER;
    /* a wish to join with something of herself (her name, building or year of birth): 你好 我是小陈 想当志愿者
     * 5号楼 1995年8月8日生 registers her as 注册 does; the wish alone (我想当志愿者) stays an offer */
    if (has(c, P_JOIN_WISH) && (has(c, P_SELF_NAME) || has(c, P_JOIN_DETAIL)))
        return NLP_REGISTER;
    if (has(c, P_HISTORY))
        return NLP_HISTORY;
    if (has(c, P_BALANCE))
        return NLP_BALANCE;
    /* 排行榜上老李又第一 哈哈哈, 排行榜第一请客, 这个月排行榜又是3号楼第一 厉害: talk about the board, not a request */
    if (has(c, P_LEADER) && !has(c, P_JOKE) && !has(c, P_LEADER_TALK))
        return NLP_LEADERBOARD;
    if ((r->mine = mine_of(c)) != 0)
        return NLP_LIST_REQUESTS;
    if (has(c, P_LIST))
        return NLP_LIST_REQUESTS;
    if (has(c, P_MORE)) {
        r->more = 1;
        return NLP_LIST_REQUESTS;
    }
    if ((has(c, P_GIFT) || has(c, P_GIFT_MINUTES)) && (r->nmentions > 0 || has(c, P_GIFT_TARGET) || has(c, P_GIFT_TARGET_AFTER) ||
                                                         has(c, P_GIFT_TARGET_EN)))
        return NLP_GIFT;
    /* 有没有人需要陪诊的？我有空: offers, it does not ask (需要/要 or need first: cheaper than the pattern) */
    if ((strstr(c->s, "要") || strstr(c->s, "need")) && has(c, P_OFFER_ASK)) {
        for (int i = 0; i < NLP_SERVICE_COUNT; i++)
            if (scores[i] >= 3)
                r->skills |= 1u << i;
        return NLP_OFFER;
    }
    int strong = has(c, P_REQ_STRONG);
    if (strong && has(c, P_ASK_INFO))
        return NLP_NONE; /* 谁知道…/有没有人知道…: a question, not a call for help */
    if (has(c, P_NOTICE))
        return NLP_NONE; /* 明天停电，麻烦大家提前准备: a notice, not a call for help */
    if (strong && has(c, P_PAST_TIME) && !future_time(c, now, off))
        return NLP_NONE; /* 昨天谁帮我修的灯？ asks about the past */
    if (has(c, P_ASK_WHEN_NAMED))
        return NLP_NONE; /* 小陈明天几点来接我啊？: when a helper already named comes, asked (play80: posted) */
    if (strong && has(c, P_SOCIAL_INVITE) && !has(c, P_REQ_WEAK))
        return NLP_NONE; /* 谁有空一起打牌: an invitation among peers */
    if (has(c, P_SOCIAL_FAVOUR))
        return NLP_NONE; /* 帮我孙子点个赞 朋友圈第一条: a like or a vote online is no service (a 好评 for an order has its number) */
    if (strong && svc >= 0)
        return NLP_POST_REQUEST;
    if (!strong && has(c, P_OFFER)) {
        for (int i = 0; i < NLP_SERVICE_COUNT; i++)
            if (scores[i] >= 3)
                r->skills |= 1u << i;
        if (r->skills || has(c, P_OFFER_GENERIC))
            return NLP_OFFER;
    }
    int told = has(c, P_PAST) || has(c, P_FAMILY_HELPS); /* a report, not a call for help */
    if (!strong && svc >= 0 && scores[svc] >= 2 && has(c, P_REQ_WEAK) && !told)
        return NLP_POST_REQUEST;
    /* asking for help at a clock time still ahead is a request even when the
     * service words are few or unknown (帮我看一下孙女, 谁来帮我装个灯) */
    if (has(c, P_REQ_WEAK) && (strong || svc >= 0) && !told &&
        (future_time_of(c, now, off, 1) || (svc >= 0 && future_day_of(c, now, off))))
        return NLP_POST_REQUEST; /* 后天下午陪我去公园: a day ahead and a service: asked, its hour asked after */
    return NLP_NONE;
}

/* The longest short answer (是的呀, 第10个, okay!) in bytes, spaces around it included. */
#define ANSWER_MAX_BYTES 24

/* Is one of words in the text? (A gate before a pattern that needs one of them.) */
static int any_word(const struct ctx *c, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(c->s, words[i]))
            return 1;
    return 0;
}

/* The longest time answer in bytes (下周三下午三点半左右吧). */
#define TIME_ANSWER_MAX_BYTES 48

/* Is the text a clock time (or a day without one) and nothing else but a few particles, and perhaps how long?
 * 明天上午10点, 下午3点吧, 周六下午两点 两个小时 (*minutes: play73 got 没听懂): an answer to 哪天几点 (明早: half of
 * one); 不是明天上午10点, 下午3点一起打麻将 are not. */
static enum nlp_answer time_answer(const struct ctx *c, int64_t now, int off, int *minutes)
{
    struct nlp_time t;
    nlp_time_scan(c->s, 0, now, off, &t);
    *minutes = 0;
    if (!t.found || t.deadline)
        return NLP_ANSWER_NONE;
    size_t d0 = 0, d1 = 0; /* the length said beside it, outside the time's own bytes */
    int m = nlp_duration_span(c->s, t.end, &d0, &d1);
    if (m <= 0)
        d0 = d1 = 0;
    static const char filler[] = " ,.!?~:吧啊呀的了就好可以行嗯那在左右前后大概约要";
    for (size_t i = 0; i < c->len;) {
        if (i >= t.begin && i < t.end) {
            i = t.end;
            continue;
        }
        if (i >= d0 && i < d1) {
            i = d1;
            continue;
        }
        size_t n = 1;
        unsigned char b = (unsigned char)c->s[i];
        if (b >= 0xF0)
            n = 4;
        else if (b >= 0xE0)
            n = 3;
        else if (b >= 0xC0)
            n = 2;
        char ch[5] = {0};
        memcpy(ch, c->s + i, n < 5 && i + n <= c->len ? n : 1);
        if (!strstr(filler, ch))
            return NLP_ANSWER_NONE;
        i += n;
    }
    *minutes = d1 > d0 ? m : 0;
    return t.has_clock ? NLP_ANSWER_TIME : NLP_ANSWER_DAY;
}

/* Could the text name an order at all? Every id form has an ASCII digit but 第三单 and 三号单. */
static int may_name_order(const struct ctx *c)
{
    return strpbrk(c->s, "0123456789") != NULL || strstr(c->s, "第") != NULL || strstr(c->s, "号单") != NULL;
}

/* Does the sentence assert the write command it contains? NLP_MOOD_ASSERT, or
 * why not. Only the command's own verb counts for a negation: 单号23 我去不了了
 * 取消接单 still cancels. A manager's command is checked for a question only,
 * before its reason (原因：…？ is the reason's business). */
/* words a negation needs: its patterns run only where one is in the text */
static const char *const neg_words[] = {"不", "没", "别", "未", "无法", "甭", "哪有", "哪里有", "哪儿有", "n't", "not", "never",
                                        "cannot", "unable"};

static const char *const not_words[] = {"不"};

/* Does the text ask with an A-not-A (要不要取消, #5 需不需要确认)? Its 不 is no negation. */
static int asks_a_not_a(struct ctx *c) { return any_word(c, not_words, 1) && has(c, P_ANOTA); }

/* The neighbour a request is posted for (帮李奶奶求助, 替3号楼的李奶奶发个求助, 代发求助 李奶奶(3号楼)), as the handlers
 * read a target: the name, and the building in brackets when one is written (helper-71: with a building the name was
 * lost and the post was the sender's own). */
static void post_for(struct ctx *c, struct nlp_result *out)
{
    out->name[0] = '\0';
    if (c->post_for_tried == 1 || !gate_open(c, P_POST_FOR)) /* mood_of found none: not matched again */
        return;
    /* one match: each alternative has its name in group g (2, 5, 8), its building before it (g - 1) or after (g + 1) */
    int n = pcre2_match(c->nlp->pat[P_POST_FOR], (PCRE2_SPTR)c->s, c->len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL);
    if (n <= 0)
        return;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    char name[48], building[24];
    for (int g = 2; g <= 8; g += 3) {
        if (!group_text(c, ov, n, g, name, sizeof name))
            continue;
        if (!group_text(c, ov, n, g - 1, building, sizeof building))
            group_text(c, ov, n, g + 1, building, sizeof building);
        snprintf(out->name, sizeof out->name, building[0] ? "%s(%s)" : "%s", name, building);
        out->name_needs = g == 8; /* the third alternative's: her need, she its subject */
        return;
    }
}

static enum nlp_mood mood_of(struct ctx *c, enum nlp_intent intent)
{
    enum nlp_pat neg, reason = P_COUNT; /* reason: words that say why, blanked before the doubt and past checks */
    int others = 1;
    switch (intent) {
    case NLP_ACCEPT: neg = P_NEG_ACCEPT; break;
    case NLP_START: neg = P_NEG_START; break;
    case NLP_FINISH: neg = P_NEG_FINISH; break;
    case NLP_CONFIRM: neg = P_NEG_CONFIRM; break;
    case NLP_CANCEL: /* 时间不对，取消#3: what was wrong is the reason to cancel (play80) */
        neg = P_NEG_CANCEL;
        reason = P_WRONG_BEFORE; /* said first: 取消#3 时间不对 is still asked back */
        break;
    case NLP_RATE: neg = P_NEG_RATE; break;
    case NLP_GIFT: neg = P_NEG_GIFT; break;
    case NLP_REGISTER: /* 等我儿子回来帮我注册, 我女儿说等她放假回来帮我注册: later; nobody registers now */
        if (has(c, P_OFFER_LATER))
            return NLP_MOOD_UNSURE;
        neg = P_NEG_REGISTER;
        break;
    case NLP_COMPLAINT: /* 投诉#12 为什么没人来？ is asked back, not filed: 怎么投诉？ looks the same */
        neg = P_NEG_COMPLAINT;
        if (has(c, P_STILL) && !has(c, P_QUESTION_NOT_STILL)) { /* 投诉 #12 水龙头还是漏: filed */
            if (any_word(c, neg_words, BOT_ARRAY_LEN(neg_words)) && has(c, neg))
                return NLP_MOOD_NEGATED;
            return NLP_MOOD_ASSERT;
        }
        if (has(c, P_COMPLAINT_TALK)) /* #2的投诉先别处理: one already filed, talked of (play80: filed anew) */
            return NLP_MOOD_OTHER;
        if (has(c, P_COMPLAINT_HEAD)) { /* 投诉 #10 时间不对, 投诉 #10 楼长替我确认了: what follows is its reason (play78:
                                          * nothing was filed); only a question, a denial or a doubt stops it */
            if (asks_a_not_a(c) || has(c, P_QUESTION))
                return NLP_MOOD_QUESTION;
            if (any_word(c, neg_words, BOT_ARRAY_LEN(neg_words)) && has(c, neg))
                return NLP_MOOD_NEGATED;
            return has_besides(c, P_COMPLAINT_REASON, P_UNSURE) ? NLP_MOOD_UNSURE : NLP_MOOD_ASSERT;
        }
        reason = P_COMPLAINT_REASON; /* #10 时间不对 我要投诉 */
        break;
    case NLP_OFFER: /* a skill kept and told to every request of it: only the speaker's own, said as a fact */
        if (has(c, P_OFFER_ASK) || has(c, P_OFFER_ASKS_WHO))
            return NLP_MOOD_ASSERT; /* 有没有人需要陪诊的？我有空, 有要带东西的吗: offered by asking who needs it */
        if (has(c, P_ASK_OFFER)) /* before the negation: 可不可以 holds 不可以 */
            return NLP_MOOD_QUESTION;
        if (any_word(c, neg_words, BOT_ARRAY_LEN(neg_words)) && has(c, P_NEG_OFFER))
            return NLP_MOOD_NEGATED;
        if (has(c, P_OFFER_OTHER) || has(c, P_FAMILY_HELPS)) /* 我女儿回来了，她会帮我买菜: hers, for the speaker */
            return NLP_MOOD_OTHER;
        if (has(c, P_OFFER_PAST))
            return NLP_MOOD_PAST;
        if (has(c, P_OFFER_LATER)) /* 我也想当志愿者 不过得等我退休以后: not now */
            return NLP_MOOD_UNSURE;
        return NLP_MOOD_ASSERT;
    case NLP_RESCHEDULE: /* its own words for others' deeds and the past: 改到明天上午十点开始 is no start done */
        if (asks_a_not_a(c))
            return NLP_MOOD_QUESTION;
        if (any_word(c, neg_words, BOT_ARRAY_LEN(neg_words)) && has(c, P_NEG_RESCHEDULE))
            return NLP_MOOD_NEGATED;
        if (has(c, P_QUESTION))
            return NLP_MOOD_QUESTION;
        if (reschedule_unsure(c))
            return NLP_MOOD_UNSURE;
        if (has(c, P_REPORTED))
            return NLP_MOOD_REPORTED;
        if (has(c, P_TELL) || c->mentioned || has(c, P_RESCHEDULE_OTHER))
            return NLP_MOOD_OTHER;
        if (has(c, P_RESCHEDULE_PAST))
            return NLP_MOOD_PAST;
        return NLP_MOOD_ASSERT;
    case NLP_POST_REQUEST: /* a request is itself asking (谁能帮我…？): only a denial stops it */
        if (any_word(c, neg_words, BOT_ARRAY_LEN(neg_words)) && has(c, P_NEG_POST) && !has(c, P_POST_DESPITE))
            return NLP_MOOD_NEGATED;
        int for_her = has(c, P_POST_FOR); /* once, and gated: a post with none of its words is not read by it */
        c->post_for_tried = for_her ? 2 : 1;
        if ((for_her && has(c, P_POST_FOR_TOLD)) || has(c, P_NEED_TOLD)) /* by someone else, or already */
            return NLP_MOOD_REPORTED;
        if (for_her && has(c, P_POST_FOR_ASKS)) /* whether she needs someone: asked, never posted */
            return NLP_MOOD_QUESTION;
        if (has(c, P_POST_NOT_NOW)) /* 要是没人来我就自己去, 可能要找人陪我 到时候再说: not asked now */
            return NLP_MOOD_UNSURE;
        return NLP_MOOD_ASSERT;
    case NLP_NONE: case NLP_LIST_REQUESTS: case NLP_BALANCE: case NLP_CONTACT_ASK:
    case NLP_HISTORY: case NLP_LEADERBOARD: case NLP_HELP: case NLP_UNMATCHED: case NLP_NOTICES:
    case NLP_SPEND_LIST: case NLP_STATEMENT:
        return NLP_MOOD_ASSERT; /* reads, and requests that are themselves asking */
    case NLP_BOOK: case NLP_SPEND_APPROVE: case NLP_SPEND_REJECT: { /* the command up to its amount or number:
                                                                      * a note after it may ask or doubt freely */
        struct nlp_result tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.intent = intent;
        struct ctx head = *c;
        if (has(c, P_ENDS_ASKING)) /* but a message that ends asking asks about all of it: nothing moves */
            return NLP_MOOD_QUESTION;
        if (intent == NLP_BOOK)
            book_slots(c, &tmp, &head.len);
        else
            spend_slots(c, &tmp, &head.len);
        return has(&head, P_QUESTION) ? NLP_MOOD_QUESTION : has(&head, P_UNSURE) ? NLP_MOOD_UNSURE : NLP_MOOD_ASSERT;
    }
    case NLP_RELAY: /* 转告 #5 阿姨你要买什么菜？: the words passed on may ask anything; the command is the speaker's */
        return NLP_MOOD_ASSERT;
    default: { /* management and settings: a question is not the command */
        size_t reason = c->len;
        char unused[4];
        if (!cap(c, P_REASON, 0, unused, sizeof unused, &reason))
            reason = c->len;
        struct ctx head = *c;
        head.len = reason;
        /* what was wrong is the command's reason, not a doubt (6号代录不对，撤销代录#6: play80) */
        return has(&head, P_QUESTION) || asks_a_not_a(&head)             ? NLP_MOOD_QUESTION
               : has_besides(&head, P_WRONG_BEFORE, P_UNSURE) ? NLP_MOOD_UNSURE
                                                                        : NLP_MOOD_ASSERT;
    }
    }
    /* each pattern only where a word it needs is in the text: an asserted
     * command, the common case, is then read by one pattern, not five */
    static const char *const other_words[] = {"了", "的", "完", "被"};
    static const char *const said_words[] = {"说", "讲", "话"};
    static const char *const past_words[] = {"过", "的", "已经", "昨天", "前天", "上", "早上", "早就", "早已", "原来",
                                             "小时了", "分钟了", "钟头了"};
    static const char *const nobody_words[] = {"人"};
    if (others && any_word(c, nobody_words, BOT_ARRAY_LEN(nobody_words)) && has(c, P_NOBODY))
        return NLP_MOOD_OTHER; /* 又没人接#40，唉: a lament about others, not a deed */
    if (asks_a_not_a(c)) /* #5 要不要取消呢: asked, not refused; #5 需不需要确认: asked, not confirmed */
        return NLP_MOOD_QUESTION;
    if (any_word(c, neg_words, BOT_ARRAY_LEN(neg_words)) && has(c, neg))
        return NLP_MOOD_NEGATED;
    if (has(c, P_QUESTION))
        return NLP_MOOD_QUESTION;
    if (reason != P_COUNT ? has_besides(c, reason, P_UNSURE) : has(c, P_UNSURE))
        return NLP_MOOD_UNSURE;
    if (intent == NLP_START && has(c, P_START_LATER)) /* 等会儿开工 #11: later, asked back as 待会开始 is */
        return NLP_MOOD_UNSURE;
    if (others && any_word(c, said_words, BOT_ARRAY_LEN(said_words)) && has(c, P_REPORTED))
        return NLP_MOOD_REPORTED;
    /* @someone 接单 #2 吧 (a 楼长 asking a neighbour), 让小李接单: not the speaker's own act */
    if (others && (has(c, P_TELL) || (c->mentioned && intent != NLP_GIFT && intent != NLP_RATE &&
                                      intent != NLP_COMPLAINT)))
        return NLP_MOOD_OTHER;
    if (others && any_word(c, other_words, BOT_ARRAY_LEN(other_words)) && has(c, P_OTHER_DID))
        return NLP_MOOD_OTHER;
    if (others && any_word(c, past_words, BOT_ARRAY_LEN(past_words)) &&
        (reason != P_COUNT ? has_besides(c, reason, P_PAST_DID) : has(c, P_PAST_DID)))
        return NLP_MOOD_PAST;
    return NLP_MOOD_ASSERT;
}

/* The money command a message names (批准支出, 分红确认, 记账 …) wherever its word stands, or NLP_NONE. */
static enum nlp_intent money_about(struct ctx *c)
{
    static const struct {
        const char *word;
        enum nlp_intent about;
    } money[] = {{"批准支出", NLP_SPEND_APPROVE}, {"驳回支出", NLP_SPEND_REJECT}, {"分红确认", NLP_DIVIDEND_CONFIRM},
                 {"分红核算", NLP_DIVIDEND_CALC},  {"分红换积分", NLP_DIVIDEND_CONVERT}, {"记账", NLP_BOOK},
                 {"核销", NLP_REDEEM},              {"收会费", NLP_MEMBER_FEE},   {"商家缴费", NLP_MERCHANT_SETTLE},
                 {"添加商家", NLP_MERCHANT_ADD}};
    char word[24];
    if (!cap(c, P_MONEY_WORD, 1, word, sizeof word, NULL))
        return NLP_NONE;
    for (size_t i = 0; i < BOT_ARRAY_LEN(money); i++)
        if (strcmp(word, money[i].word) == 0)
            return money[i].about;
    return NLP_NONE;
}

const char *nlp_mood_name(enum nlp_mood m)
{
    static const char *const names[] = {"assert", "negated", "question", "other", "reported", "past", "unsure"};
    return (unsigned)m < BOT_ARRAY_LEN(names) ? names[m] : "assert";
}

/* Said as a change from now on: 了 ending it (a particle or a mark after), 不再, 以后, 再也: 我不会陪诊了, 以后不修了. */
static int no_longer(const struct ctx *c)
{
    if (strstr(c->s, "不再") || strstr(c->s, "以后") || strstr(c->s, "再也"))
        return 1;
    static const char *const tail[] = {"啊", "呀", "哦", "啦", "哈", "!", ".", "~", " ", "。", "！"};
    size_t n = c->len;
    for (int again = 1; again && n > 0;) {
        again = 0;
        for (size_t i = 0; i < BOT_ARRAY_LEN(tail); i++) {
            size_t l = strlen(tail[i]);
            if (n >= l && memcmp(c->s + n - l, tail[i], l) == 0) {
                n -= l;
                again = 1;
            }
        }
    }
    return n >= 3 && memcmp(c->s + n - 3, "了", 3) == 0;
}

/* Is the message passed on from someone else (【转发】李阿姨：求助…, 转发：…)? Never the sender's own command. */
static int forwarded(const char *text)
{
    static const char *const heads[] = {"【转发】", "[转发]", "【转】", "转发:", "转发：", "转自", "【转载】"};
    text += strspn(text, " \t\r\n");
    for (size_t i = 0; i < BOT_ARRAY_LEN(heads); i++)
        if (strncmp(text, heads[i], strlen(heads[i])) == 0)
            return 1;
    return 0;
}

/* Common slips of a command word (接但 for 接单, 开使 for 开始), each the same length as the word meant: read as it
 * only where an order is named near it (a digit within a few characters), never in chatter (确任 alone stays). */
static void fix_slips(char *s)
{
    static const char *const slip[][2] = {{"接但", "接单"}, {"开使", "开始"}, {"确任", "确认"}, {"确仁", "确认"},
                                          {"取效", "取消"}, {"取肖", "取消"}, {"结速", "结束"}, {"结東", "结束"}};
    size_t len = strlen(s);
    for (size_t i = 0; i < BOT_ARRAY_LEN(slip); i++)
        for (char *at = strstr(s, slip[i][0]); at; at = strstr(at + 6, slip[i][0])) {
            size_t from = (size_t)(at - s) > 12 ? (size_t)(at - s) - 12 : 0, to = (size_t)(at - s) + 6 + 12;
            int near = 0;
            for (size_t k = from; k < to && k < len; k++)
                near |= s[k] >= '0' && s[k] <= '9';
            if (near)
                memcpy(at, slip[i][1], 6);
        }
}

/* Words quoted from someone else or the bot (机器人说「#47 服务已结束，请确认时长」) are not the sender's: blanked, with
 * the verb that brings them in (说, 问, 道), but an order number in them is kept (it names the order she answers). */
static void blank_quotes(char *s)
{
    static const char *const open[] = {"「", "『"}, *const close[] = {"」", "』"};
    for (size_t q = 0; q < 2; q++)
        for (char *a = strstr(s, open[q]); a; a = strstr(a, open[q])) {
            char *b = strstr(a, close[q]);
            if (!b)
                break;
            b += strlen(close[q]);
            static const char *const verbs[] = {"说", "问", "道", "讲", "写"};
            for (size_t v = 0; v < BOT_ARRAY_LEN(verbs); v++) /* the verb, with a colon between or not */
                for (size_t colon = 0; colon <= 3; colon += 3)
                    if ((size_t)(a - s) >= 3 + colon && memcmp(a - 3 - colon, verbs[v], 3) == 0 &&
                        (colon == 0 || memcmp(a - 3, "：", 3) == 0))
                        memset(a - 3 - colon, ' ', 3 + colon);
            for (char *p = a; p < b; p++)
                if (!(*p == '#' && p[1] >= '0' && p[1] <= '9') && !(*p >= '0' && *p <= '9' && p > a && (p[-1] == '#' ||
                                                                                              (p[-1] >= '0' && p[-1] <= '9'))))
                    *p = ' ';
            a = b;
        }
}

enum bot_rc nlp_parse(const struct nlp *nlp, const char *text, int64_t now, int utc_offset,
                      struct nlp_result *out)
{
    return nlp_parse_message(nlp, text, NULL, 0, now, utc_offset, out);
}

enum bot_rc nlp_parse_message(const struct nlp *nlp, const char *text, const struct nlp_mention *mentions, int n,
                              int64_t now, int utc_offset, struct nlp_result *out)
{
    memset(out, 0, sizeof *out);
    out->service = -1;
    int passed_on = forwarded(text);
    const char *written = text; /* as sent: words passed on by 转告 keep their quotes */
    char *own = strdup(text); /* the sender's own words: slips read as meant, quotes blanked */
    if (!own)
        return BOT_NOMEM;
    fix_slips(own);
    blank_quotes(own);
    text = own;
    size_t cap_len = strlen(text) * 2 + 64;
    if (cap_len > 65536)
        cap_len = 65536;
    char *norm = malloc(2 * cap_len); /* and the text as written beside it (cased) */
    pcre2_match_data *md = pcre2_match_data_create(16, NULL);
    if (!norm || !md) {
        free(norm);
        free(own);
        pcre2_match_data_free(md);
        return BOT_NOMEM;
    }
    char *cased = norm + cap_len;
    nlp_normalize_message(nlp, text, mentions, n, norm, cased, cap_len, out); /* a cut text is still parsed */
    struct ctx c = {nlp, norm, cased, strlen(norm), md, out->nmentions > 0, 0};
    if ((out->emergency = nlp_emergency_of(nlp, norm, c.len, md)) != NLP_EMERGENCY_NONE)
        goto done; /* a call for help is never a command */
    int scores[NLP_SERVICE_COUNT];
    nlp_services_score(nlp, norm, scores);
    out->intent = passed_on ? NLP_NONE : classify(&c, out, scores, now, utc_offset);
    out->command = has(&c, P_CANON);
    char verb[16];
    if ((out->mood = mood_of(&c, out->intent)) != NLP_MOOD_ASSERT) {
        out->about = out->intent; /* the handler answers it, or shows the way, but never does it */
        out->intent = NLP_NONE;
        if (out->about == NLP_OFFER && out->mood == NLP_MOOD_NEGATED && out->skills && no_longer(&c)) {
            /* 我不会陪诊了: the speaker's own offer denied from now on: none is kept, and one kept before is taken back
             * (我不会修电脑 says what she cannot do, not that she stops: her 维修 for pipes stays) */
            out->intent = NLP_OFFER_WITHDRAW;
            out->about = NLP_NONE;
            out->mood = NLP_MOOD_ASSERT;
        }
        enum nlp_intent money = money_about(&c);
        if (money != NLP_NONE) { /* 分红确认 2028？ is about the dividends, and 2028 no order */
            out->about = money;
            out->request_id = 0;
        }
    } else if (out->intent == NLP_NONE && any_word(&c, neg_words, BOT_ARRAY_LEN(neg_words)) &&
               cap(&c, P_NEG_ALONE, 1, verb, sizeof verb, NULL)) {
        out->mood = NLP_MOOD_NEGATED; /* 我不确认: about the member's order in context, nothing done */
        out->about = strcmp(verb, "确认") == 0 ? NLP_CONFIRM : NLP_CANCEL;
    } else if (out->intent == NLP_NONE && has(&c, P_QUESTION) && (out->about = money_about(&c)) != NLP_NONE) {
        out->mood = NLP_MOOD_QUESTION; /* 能批准支出 #4 吗？: asked, not done; #4 is no order */
    } else if (out->intent == NLP_NONE && (strstr(c.s, "帮") || strstr(c.s, "替") || strstr(c.s, "给")) &&
               cap(&c, P_PROXY_REG_DONE, 1, out->name, sizeof out->name, NULL) && !no_name(out->name)) {
        name_building(out->name, sizeof out->name);
        out->mood = NLP_MOOD_PAST; /* 我帮孙奶奶注册了: told as done, and whether she is, answered; nobody registered */
        out->about = NLP_PROXY_REGISTER;
    } else if (out->intent == NLP_NONE && has(&c, P_NO_LONGER) && (out->service = best_service(scores)) >= 0 &&
               scores[out->service] >= 2 && service_clear(scores, out->service)) {
        out->mood = NLP_MOOD_UNSURE; /* 我不需要修水管了: perhaps her order's cancel; asked back, never done */
        out->about = NLP_CANCEL;
        out->no_longer = 1;
    } else if (out->intent == NLP_NONE && has(&c, P_NEG_APPROVE) && !has(&c, P_QUESTION) && (out->request_id = request_id_of(&c, 1))) {
        out->mood = NLP_MOOD_NEGATED; /* 我不批准代录 #13: it stays unapproved, and the way is said */
        out->about = NLP_FUND_APPROVE;
    } else if (out->intent == NLP_NONE && (out->name[0] = '\0', !may_name_order(&c))) { /* none kept by the above */
        /* no digit and no 第: no order is named (most chatter stops here) */
    } else if (out->intent == NLP_NONE && has(&c, P_NEG_ACCEPT) && (out->request_id = request_id_of(&c, 1))) {
        out->mood = NLP_MOOD_NEGATED; /* #12 我不去了, 12号单 我没空 */
        out->about = NLP_ACCEPT;
    } else if (out->intent == NLP_NONE && (has(&c, P_ID_ONLY) || has(&c, P_QUESTION)) &&
               (out->request_id = request_id_of(&c, 0))) {
        out->mood = NLP_MOOD_QUESTION; /* #12, 12号单是什么: show it */
        out->about = NLP_NONE;
    }
    if (out->mood == NLP_MOOD_REPORTED && out->request_id && has(&c, P_KIN_SAID))
        out->kin_said = 1; /* 我女儿说把#5改到明天下午: what to do, asked back, read as the command's own slots */
    else if (out->mood == NLP_MOOD_REPORTED && out->request_id && out->intent == NLP_NONE &&
             !cap(&c, P_NAME_SAID, 1, out->name, sizeof out->name, NULL))
        out->name[0] = '\0'; /* 张秀英说取消#5: whose words (name); her 楼长 is asked back, as family is */
    if (out->mood == NLP_MOOD_REPORTED && out->request_id && (out->kin_said || out->name[0])) {
        if (out->about == NLP_RESCHEDULE) {
            int range = 0;
            start_of(&c, now, utc_offset, out, &range);
        } else if (out->about == NLP_CONFIRM) {
            int m = 0;
            if (nlp_amount_scan(norm, 0, &m, &out->nonpositive, &out->unreadable) && !out->nonpositive &&
                !out->unreadable && !has(&c, P_AMOUNT_RELATIVE))
                out->minutes = m;
        }
    }
    if (out->mood == NLP_MOOD_QUESTION)
        out->asks_info = has(&c, P_WH);
    if (out->request_id > 0) /* #9 #10 都取消, 把8号和9号都取消了: not one of them alone */
        out->ids_more = other_hash_id(&c, out->request_id) || has(&c, P_ID_TWO);
    int answer_minutes = 0;
    if (out->intent == NLP_NONE && out->mood == NLP_MOOD_ASSERT && c.len <= TIME_ANSWER_MAX_BYTES + 16 &&
        (out->answer = time_answer(&c, now, utc_offset, &answer_minutes)) != NLP_ANSWER_NONE) {
        /* a time, or a day waiting for its hour; and how long, when said (the answer's handler sets it) */
        if (answer_minutes > 0)
            out->minutes = answer_minutes;
    } else if (out->intent == NLP_NONE && has(&c, P_MOVE_DROP)) {
        out->answer = NLP_ANSWER_NO; /* #5 改时间的事算了: the move asked is dropped, nothing else */
        if (out->mood == NLP_MOOD_UNSURE) { /* its 算了 is no doubt about a move: none is wanted */
            out->mood = NLP_MOOD_ASSERT;
            out->about = NLP_NONE;
        }
        if (!out->request_id)
            out->request_id = request_id_of(&c, 1);
    } else if (c.len > ANSWER_MAX_BYTES) {
        /* too long to be a short answer */
    } else if (has(&c, P_YES)) {
        out->answer = NLP_ANSWER_YES;
    } else if (has(&c, P_NO)) {
        out->answer = NLP_ANSWER_NO;
    } else if (has(&c, P_ONGOING)) {
        out->answer = NLP_ANSWER_ONGOING;
    } else {
        char num[8];
        double v;
        if (cap(&c, P_PICK, 1, num, sizeof num, NULL) && number_of(num, &v) && v >= 0 && v <= 99) {
            out->answer = NLP_ANSWER_PICK;
            out->pick = (int)v;
        }
    }
    if (out->intent == NLP_POST_REQUEST && has(&c, P_VAGUE_NEED)) /* 求助 and nothing else: asked what, not posted */
        out->intent = NLP_NONE;
    if (out->intent == NLP_NONE) {
        size_t lead = strspn(norm, " ");
        out->smalltalk = norm[lead] == '\0'        ? 1
                         : has(&c, P_GREETING)    ? 1
                         : has(&c, P_THANKS)      ? 2
                         : has(&c, P_VAGUE_NEED)  ? 3
                         : has(&c, P_VAGUE_OFFER) ? 4
                                                  : 0;
    }
    switch (out->intent) {
    case NLP_POST_REQUEST: {
        int range = 0;
        out->service = best_service(scores);
        size_t from = 0;
        char despite[8];
        if (any_word(&c, neg_words, BOT_ARRAY_LEN(neg_words)) && has(&c, P_NEG_POST) &&
            cap(&c, P_POST_DESPITE, 0, despite, sizeof despite, &from)) {
            /* 不用帮我买菜 但需要人陪我去医院: the service asked for is the one after the denial */
            int after[NLP_SERVICE_COUNT];
            nlp_services_score(nlp, norm + from, after);
            if (best_service(after) >= 0)
                out->service = best_service(after);
        }
        if (out->service < 0) {
            out->service = NLP_SERVICE_COUNT - 1; /* 其他 */
            out->missing_service = 1;
        }
        start_of(&c, now, utc_offset, out, &range);
        out->minutes = range ? range : nlp_duration_scan(norm, 0);
        out->missing_time = !out->has_start;
        out->public_benefit = has(&c, P_PUBLIC);
        out->again = has(&c, P_AGAIN);
        location_of(&c, out);
        post_for(&c, out);
        break;
    }
    case NLP_RESCHEDULE: { /* the new start, read as a request's (a day alone kept, a time that is none kept as written) */
        int range = 0;
        start_of(&c, now, utc_offset, out, &range);
        break;
    }
    case NLP_FINISH: case NLP_START: { /* 结束服务 #2 下午2点: a clock time written, which the timer does not take */
        struct nlp_time t;
        nlp_time_scan(norm, 0, now, utc_offset, &t);
        out->time_written = t.found && t.has_clock;
        /* 我到孙奶奶家了: whose door, so only her orders are meant (play88: another's was started) */
        if (out->intent == NLP_START && !out->request_id)
            cap(&c, P_BARE_START, 1, out->name, sizeof out->name, NULL);
        break;
    }
    case NLP_CONFIRM: {
        /* as written: 0小时, -2小时 and 9999小时 reach the handler, which refuses them */
        int m = 0;
        if (nlp_amount_scan(norm, 0, &m, &out->nonpositive, &out->unreadable))
            out->minutes = m;
        if (out->minutes && has(&c, P_AMOUNT_RELATIVE))
            out->unreadable = 1; /* 少算半小时: less than the timer by it, not it: asked for the hours themselves */
        break;
    }
    case NLP_RATE:
        out->stars = stars_of(&c, &out->nonpositive, &out->unreadable);
        break;
    case NLP_GIFT:
        gift_slots(&c, out);
        break;
    case NLP_REGISTER:
        register_slots(&c, out);
        break;
    case NLP_BALANCE: { /* hers when a name is asked of: the name (and her building, 李桂兰(3号楼)) its one target */
        size_t at = 0;
        if (cap(&c, P_BALANCE_OF, 1, out->names[0], sizeof out->names[0], &at) && out->names[0][0]) {
            name_building(out->names[0], sizeof out->names[0]);
            out->name_at[0] = (int)at;
            out->nnames = 1;
            bot_strlcpy(out->name, out->names[0], sizeof out->name);
        }
        break;
    }
    case NLP_HISTORY: { /* hers when a name is asked of, as a balance is */
        size_t at = 0;
        if (cap(&c, P_HISTORY_OF, 1, out->names[0], sizeof out->names[0], &at) && out->names[0][0]) {
            name_building(out->names[0], sizeof out->names[0]);
            out->name_at[0] = (int)at;
            out->nnames = 1;
            bot_strlcpy(out->name, out->names[0], sizeof out->name);
        }
        break;
    }
    case NLP_CONTACT_ASK: { /* whose, and what of hers */
        char whose[sizeof out->name];
        if (cap(&c, P_CONTACT_PHONE, 1, out->name, sizeof out->name, NULL))
            out->contact |= NLP_CONTACT_PHONE;
        if (cap(&c, P_CONTACT_ADDR, 1, whose, sizeof whose, NULL)) {
            out->contact |= NLP_CONTACT_ADDRESS;
            if (!out->name[0])
                bot_strlcpy(out->name, whose, sizeof out->name);
        }
        if (has(&c, P_ORDER_PHONE))
            out->contact |= NLP_CONTACT_PHONE;
        if (has(&c, P_ORDER_ADDR))
            out->contact |= NLP_CONTACT_ADDRESS;
        name_building(out->name, sizeof out->name);
        break;
    }
    case NLP_PROXY_REGISTER:
        register_slots(&c, out);
        if (!cap(&c, P_PROXY_REG_NAME, 1, out->name, sizeof out->name, NULL) || !out->name[0])
            if (!cap(&c, P_PROXY_REG_NAME2, 1, out->name, sizeof out->name, NULL))
                out->name[0] = '\0';
        if ((out->name_title = no_name(out->name)))
            out->name[0] = '\0';
        out->referrer[0] = '\0';
        break;
    case NLP_PROFILE_EDIT:
        profile_slots(&c, out);
        break;
    case NLP_LINK_FOR:
        if (!cap(&c, P_LINK_FOR, 1, out->name, sizeof out->name, NULL))
            out->name[0] = '\0';
        break;
    case NLP_GRANT: case NLP_ADJUST: case NLP_SUSPEND: case NLP_UNSUSPEND: case NLP_RESOLVE:
    case NLP_MALICIOUS: case NLP_SUBSIDISE: case NLP_UNMATCHED: case NLP_RECOMMEND: case NLP_PROXY:
    case NLP_RELAY: {
        manage_slots(&c, out);
        /* the words as they were written (their own punctuation), else as normalized */
        struct ctx raw = {nlp, written, written, strlen(written), md, 0, 0};
        /* the raw text is matched with PCRE2's UTF check on: invalid UTF-8 falls back to the normalized text */
        struct ctx *from =
            pcre2_match(nlp->pat[P_RELAY], (PCRE2_SPTR)written, raw.len, 0, 0, md, NULL) > 0 ? &raw : &c;
        size_t begin = 0;
        out->relay_cut = 0;
        if (!cap(from, P_RELAY, 1, out->relay, sizeof out->relay, &begin))
            out->relay[0] = '\0';
        else if (from->len - begin >= sizeof out->relay) /* too long to pass on whole: never a message cut short */
            out->relay_cut = 1;
        break;
    }
    case NLP_PROXY_UNDO: case NLP_FUND_APPROVE: case NLP_EXCUSE: case NLP_REVIEW_LIST:
    case NLP_COMPLAINT_LIST: case NLP_COMPLAINT_ACK: case NLP_RETRAINED: case NLP_ORDER_LOG:
    case NLP_ACTIVITY_CREATE: case NLP_ACTIVITY_SIGN: case NLP_ACTIVITY_CLOSE:
        manage_slots(&c, out);
        if (out->intent == NLP_ACTIVITY_CREATE)
            activity_slots(&c, now, utc_offset, out);
        break;
    case NLP_CERTIFY: case NLP_ACCEPT_BAN: case NLP_ACCEPT_UNBAN: case NLP_QUALIFY:
        manage_slots(&c, out);
        vetting_slots(&c, out);
        break;
    case NLP_MERCHANT_ADD: case NLP_MERCHANT_BIND: case NLP_MERCHANT_UNBIND: case NLP_MERCHANT_SETTLE:
    case NLP_MERCHANT_STATEMENT: case NLP_REDEEM:
        merchant_slots(&c, now, utc_offset, out);
        break;
    case NLP_MEMBER_FEE: case NLP_DIVIDEND_CALC: case NLP_DIVIDEND_CONFIRM: case NLP_DIVIDEND_CONVERT:
    case NLP_MY_DIVIDEND:
        money_slots(&c, out);
        break;
    case NLP_BRANCH:
        branch_slots(&c, out);
        break;
    case NLP_BOOK: {
        size_t head;
        book_slots(&c, out, &head);
        break;
    }
    case NLP_SPEND_APPROVE: case NLP_SPEND_REJECT: {
        size_t head;
        spend_slots(&c, out, &head);
        break;
    }
    case NLP_STATEMENT: {
        int found = nlp_month_scan(c.s, now, utc_offset, &out->year, &out->month);
        if (found <= 0)
            out->year = out->month = 0;
        out->month_bad = found < 0;
        break;
    }
    case NLP_BIND: {
        char b[16];
        double v;
        if (cap(&c, P_BIND, 1, b, sizeof b, NULL) && number_of(b, &v) && v >= 1)
            snprintf(out->building, sizeof out->building, "%d号楼", (int)v);
        break;
    }
    case NLP_LINK: {
        char raw[16];
        size_t k = 0;
        if (!cap(&c, P_LINK, 1, raw, sizeof raw, NULL))
            raw[0] = '\0';
        for (const char *p = raw; *p && k + 1 < sizeof out->code; p++) /* 123 456 → 123456 */
            if (*p >= '0' && *p <= '9')
                out->code[k++] = *p;
        out->code[k] = '\0';
        break;
    }
    case NLP_UNLINK: {
        char num[16];
        double v;
        if (cap(&c, P_UNLINK, 1, num, sizeof num, NULL) && number_of(num, &v) && v >= 1)
            out->link_id = (int64_t)v;
        break;
    }
    default:
        break;
    }
done:
    free(norm);
    free(own);
    pcre2_match_data_free(md);
    return BOT_OK;
}

enum bot_rc nlp_time_of(const struct nlp *nlp, const char *text, int64_t now, int utc_offset,
                        struct nlp_time *out)
{
    return nlp_time_on_day(nlp, text, now, utc_offset, INT64_MIN, 0, out);
}

enum bot_rc nlp_time_on_day(const struct nlp *nlp, const char *text, int64_t now, int utc_offset, int64_t day,
                            int part, struct nlp_time *out)
{
    memset(out, 0, sizeof *out);
    size_t cap_len = strlen(text) * 2 + 64;
    char *norm = malloc(cap_len);
    struct nlp_result scratch;
    if (!norm)
        return BOT_NOMEM;
    memset(&scratch, 0, sizeof scratch);
    nlp_normalize(nlp, text, norm, cap_len, &scratch);
    nlp_time_scan_day(norm, 0, now, utc_offset, day, part, out);
    free(norm);
    return BOT_OK;
}

static void put_hours(char *buf, size_t bufsz, size_t *len, int minutes)
{
    if (minutes % 60 == 0)
        bot_appendf(buf, bufsz, len, ",\"hours\":%d", minutes / 60);
    else
        bot_appendf(buf, bufsz, len, ",\"hours\":%g", minutes / 60.0);
}

/* JSON string escaping for the slots we emit (they come from user text). */
static void put_str(char *buf, size_t bufsz, size_t *len, const char *key, const char *v)
{
    bot_appendf(buf, bufsz, len, ",\"%s\":\"", key);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p == '"' || *p == '\\')
            bot_appendf(buf, bufsz, len, "\\%c", *p);
        else if (*p < 0x20)
            bot_appendf(buf, bufsz, len, "\\u%04x", *p);
        else
            bot_appendf(buf, bufsz, len, "%c", *p);
    }
    bot_appendf(buf, bufsz, len, "\"");
}

enum bot_rc nlp_result_json(const struct nlp_result *r, int utc_offset, char *buf, size_t bufsz)
{
    size_t len = 0;
    buf[0] = '\0';
    /* the contract's names (DESIGN.md: post_request … help, none); a command beyond them is named in "command", its
     * intent the contract's own where it is one (代注册 registers), none where it is not (基金, 转告 #3, #3 改到明天) */
    enum nlp_intent pub = r->intent <= NLP_HELP ? r->intent : r->intent == NLP_PROXY_REGISTER ? NLP_REGISTER : NLP_NONE;
    bot_appendf(buf, bufsz, &len, "{\"intent\":\"%s\"", nlp_intent_name(pub));
    if (pub != r->intent)
        bot_appendf(buf, bufsz, &len, ",\"command\":\"%s\"", nlp_intent_name(r->intent));
    if (r->service >= 0)
        put_str(buf, bufsz, &len, "service", nlp_service_name(r->service));
    if (r->has_start) {
        char iso[32];
        bot_format_iso(r->start, utc_offset, iso);
        put_str(buf, bufsz, &len, "start", iso);
    }
    if (r->minutes > 0)
        put_hours(buf, bufsz, &len, r->minutes);
    if (r->location[0])
        put_str(buf, bufsz, &len, "location", r->location);
    if (r->request_id)
        bot_appendf(buf, bufsz, &len, ",\"request_id\":%lld", (long long)r->request_id);
    if (r->stars)
        bot_appendf(buf, bufsz, &len, ",\"stars\":%d", r->stars);
    if (r->target[0])
        put_str(buf, bufsz, &len, "target", r->target);
    if (r->skills) {
        bot_appendf(buf, bufsz, &len, ",\"skills\":[");
        int first = 1;
        for (int i = 0; i < NLP_SERVICE_COUNT; i++)
            if (r->skills & (1u << i)) {
                bot_appendf(buf, bufsz, &len, "%s\"%s\"", first ? "" : ",", nlp_service_name(i));
                first = 0;
            }
        bot_appendf(buf, bufsz, &len, "]");
    }
    if (r->name[0])
        put_str(buf, bufsz, &len, "name", r->name);
    if (r->contact)
        put_str(buf, bufsz, &len, "contact",
                r->contact == NLP_CONTACT_PHONE ? "phone" : r->contact == NLP_CONTACT_ADDRESS ? "address" : "phone,address");
    if (r->building[0])
        put_str(buf, bufsz, &len, "building", r->building);
    if (r->birthday[0])
        put_str(buf, bufsz, &len, "birthday", r->birthday);
    if (r->cert[0])
        put_str(buf, bufsz, &len, "cert", r->cert);
    if (r->again)
        bot_appendf(buf, bufsz, &len, ",\"again\":true");
    if (r->undo)
        bot_appendf(buf, bufsz, &len, ",\"undo\":true");
    if (r->mine)
        bot_appendf(buf, bufsz, &len, ",\"mine\":%d", r->mine);
    if (r->more)
        bot_appendf(buf, bufsz, &len, ",\"more\":true");
    if (r->until[0])
        put_str(buf, bufsz, &len, "until", r->until);
    if (r->days)
        bot_appendf(buf, bufsz, &len, ",\"days\":%d", r->days);
    if (r->mood != NLP_MOOD_ASSERT) {
        put_str(buf, bufsz, &len, "mood", nlp_mood_name(r->mood));
        put_str(buf, bufsz, &len, "about", nlp_intent_name(r->about));
        if (r->no_longer)
            bot_appendf(buf, bufsz, &len, ",\"no_longer\":true");
    }
    if (r->answer == NLP_ANSWER_PICK)
        bot_appendf(buf, bufsz, &len, ",\"answer\":%d", r->pick);
    else if (r->answer != NLP_ANSWER_NONE)
        put_str(buf, bufsz, &len, "answer",
                r->answer == NLP_ANSWER_YES  ? "yes"
                : r->answer == NLP_ANSWER_NO ? "no"
                : r->answer == NLP_ANSWER_DAY ? "day"
                : r->answer == NLP_ANSWER_ONGOING ? "ongoing"
                                              : "time");
    if (r->emergency)
        put_str(buf, bufsz, &len, "emergency", nlp_emergency_name(r->emergency));
    if (r->traditional)
        bot_appendf(buf, bufsz, &len, ",\"traditional\":true");
    return bot_appendf(buf, bufsz, &len, "}");
}
