/* account.c — help, offer, balance, a member's birthday in the group or not. */
#include "handlers.h"

#include <stdlib.h>

#include <string.h>

/* help offered with nothing said of what (我来帮忙, 我可以帮忙): where help is wanted, and how to say what she can do */
static const char HELP_OFFERED[] = "谢谢您的热心！发「有什么需求」看看谁需要帮忙；说「我会修水电」这样的话，我会记下您能帮的，"
                                   "本楼有这类求助先告诉您。";

enum bot_rc hd_help(struct hd_call *c)
{
    if (c->nr->asks == NLP_ASKS_LEAVING) { /* what becomes of her credits: told, nothing done */
        hd_say(c->out, "搬走或不再参加，您的积分还是您的，到期前都可以用；也可以「转赠 2小时 给 @家人」转给家人或邻居。"
                       "要停用账户请找工作人员（停用后还能查积分）。如果您欠着积分（余额是负的），欠的小时仍然要还。");
        return BOT_OK;
    }
    if (c->nr->asks == NLP_ASKS_FAMILY) { /* how hours go to family: 转赠 in plain words, nothing given */
        size_t len = 0;
        bot_appendf(c->out->text, sizeof c->out->text, &len,
                    "积分可以转给家人：您的女儿、儿子或老伴如果也在时间驿站登记过，您发「转赠 2小时 给 @她的名字」就转过去了"
                    "（几小时您自己定，不能超过您有的）。家人如果还没登记，就收不了，请她先找楼长登记或发「注册」。");
        if (c->ctx->set->rules.expiry_days > 0)
            bot_appendf(c->out->text, sizeof c->out->text, &len, "积分从得到那天起 %d 天内有效，到期前用掉或转出都行。",
                        c->ctx->set->rules.expiry_days);
        c->out->has_reply = 1;
        return BOT_OK;
    }
    if (c->nr->asks == NLP_ASKS_SUBSIDY) { /* who decides: a 楼长 or staff, 设为补贴; no yearly claim */
        size_t len = 0;
        bot_appendf(c->out->text, sizeof c->out->text, &len,
                    "补贴不用每年申请：由楼长或工作人员「设为补贴」，之后您的求助由互助基金替您付时长。");
        if (c->me && !c->msg->is_group) /* her own standing stays out of groups */
            bot_appendf(c->out->text, sizeof c->out->text, &len, c->me->subsidised ? "您现在是补贴对象。" :
                        "您现在不是补贴对象，需要的话请找您楼的楼长。");
        else
            bot_appendf(c->out->text, sizeof c->out->text, &len, "需要的话请找您楼的楼长。");
        c->out->has_reply = 1;
        return BOT_OK;
    }
    hd_say(c->out,
           "时间驿站：邻里互助，帮一小时得一小时。可以这样说：\n"
           "· 求助 明天上午9点陪我去社区医院 2小时\n"
           "· 有什么需求（看待接的求助，回复「更多」看下一页）· 接单 #12\n"
           "· 我会修水电、可以教英语（记下您会的，本楼有这类求助先私下告诉您）· 我不会修水电了（不再先告诉您）\n"
           "· 开始服务 #12 · 结束服务 #12\n"
           "· 确认 #12（或：确认 #12 1.5小时）· 评价 #12 5星\n"
           "· 取消 #12 · 投诉 #12 · 没关系 #12（志愿者晚到了，您同意就不算爽约）\n"
           "· #12 改时间 明天上午10点（已有人接单的，我会告诉他，单子重新等人接）\n"
           "· 转告 #12 我晚十分钟到（接单后双方互相转告，不转电话号码）\n"
           "· 积分就是小时：帮邻居 1小时得 1小时，求助用掉几小时就付几小时\n"
           "· 查积分 · 积分明细 · 排行榜 · 转赠 2小时 给 @家人 · 消息（给您的消息）\n"
           "· 兑换码（私聊发送，在合作商家结账时给店员，用时间抵一部分钱）\n"
           "· 注册 姓名 3号楼 生日1950年11月26日 · 修改资料 4号楼（改登记的姓名、楼栋、生日、电话）\n"
           "· 生日公开 / 生日不公开（生日那天是否在楼栋群里祝福您）\n"
           "· 我的分红 · 分红换积分 50元（共创会员的分红换成时间，私聊发送）\n"
           "· 关联账号（私聊发送，得到验证码后在另一个平台发「关联 123456」，两边共用一个积分账户）\n"
           "· 解除关联（收到陌生的关联提醒时，用原来的账号回复）");
    return BOT_OK;
}

/* Does a number with this command name an order (#12)? Not 批准支出 #4 (a spending) nor 分红确认 2028 (a year). */
static int about_an_order(enum nlp_intent i)
{
    switch (i) {
    case NLP_NONE: case NLP_ACCEPT: case NLP_START: case NLP_FINISH: case NLP_CONFIRM: case NLP_CANCEL:
    case NLP_RESCHEDULE:
    case NLP_RATE: case NLP_COMPLAINT: case NLP_EXCUSE: case NLP_RELAY: case NLP_ORDER_LOG: case NLP_FUND_APPROVE:
    case NLP_PROXY_UNDO: case NLP_COMPLAINT_ACK: case NLP_RESOLVE: case NLP_MALICIOUS: case NLP_RECOMMEND:
        return 1;
    default:
        return 0;
    }
}

/* The service an offer named first, or an example one: what the replies about offers show how to say. */
static const char *offer_example(const struct nlp_result *nr)
{
    for (int i = 0; i < NLP_SERVICE_COUNT; i++)
        if (nr->skills & (1u << i))
            return nlp_service_name(i);
    return "修水电";
}

/* An offer denied with none kept: nothing changed, and the way to offer. A member who offers some already reads what
 * she offers of those she named (我不会修电脑: 维修 kept) or, naming none (我不做志愿者了), all of them, and how to stop
 * each: nothing is taken away unless she says it stops (我不会维修了, hd_offer_withdraw). */
static enum bot_rc say_not_kept(struct hd_call *c)
{
    char has[128] = "";
    const char *first = NULL;
    size_t len = 0;
    for (int i = 0; c->me && i < NLP_SERVICE_COUNT; i++) {
        int on = 0;
        if (c->nr->skills && !(c->nr->skills & (1u << i)))
            continue; /* 我不会修电脑: only the kinds she named */
        enum bot_rc rc = store_skill_has(c->ctx->st, c->me->id, nlp_service_name(i), &on);
        if (rc != BOT_OK)
            return rc;
        if (!on)
            continue;
        bot_appendf(has, sizeof has, &len, "%s「%s」", len ? "、" : "", nlp_service_name(i));
        if (!first)
            first = nlp_service_name(i);
    }
    if (first && c->nr->skills) { /* 我不会修电脑, her 维修 kept: said what she cannot do, not that she stops */
        hd_say(c->out, "好的，这次什么也没有改，您登记的%s还在。不想再接这类求助，就说「我不会%s了」。", has, first);
        return BOT_OK;
    }
    if (first) {
        hd_say(c->out, "好的，这次什么也没有改。您登记了能帮忙：%s，这类求助会先告诉您。不想再接哪一类，就说「我不会%s了」这样的话。",
               has, first);
        return BOT_OK;
    }
    hd_say(c->out, "好的，没有登记。哪天能帮忙了，直接说「我会%s」就行。", offer_example(c->nr));
    return BOT_OK;
}

/* 我帮孙奶奶注册了: told as done, nobody registered. A 楼长 or staff is told whether she is on file in his building
 * (staff: anywhere), and the way when not; anyone else only the way (whether she is registered is hers). */
static enum bot_rc told_registered(struct hd_call *c)
{
    const char *name = c->nr->name;
    int named = (int)strcspn(name, "(");
    if (!c->me || !hd_is_manager(c)) {
        hd_say(c->out, "好的，这次我没有办什么。老人自己有手机的，用她的手机发「注册 姓名 楼号」；"
                       "没有手机的，请楼长或工作人员发「代注册 %.*s 楼号」帮她登记。", named, name);
        return BOT_OK;
    }
    const char *building = hd_is_admin(c) ? "" : c->me->manager_building;
    char plain[64];
    bot_strlcpy(plain, name, (size_t)named + 1 < sizeof plain ? (size_t)named + 1 : sizeof plain);
    struct store_member m;
    int count = 0;
    enum bot_rc rc = store_member_by_name_in(c->ctx->st, plain, building, &m, &count);
    if (rc == BOT_OK && count >= 1) {
        hd_say(c->out, "「%s」已经登记在%s了，不用再登记。可以直接「代录 %s 王师傅 2小时 陪诊」记下服务。", plain,
               m.building[0] ? m.building : "驿站", plain);
        return BOT_OK;
    }
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    hd_say(c->out, "我这里还没有%s「%s」的登记，这次什么也没有办。要登记请发「代注册 %s %s 生日1945年3月8日」（生日、电话可不写）。",
           building[0] ? building : "", plain, plain, building[0] ? building : "3号楼");
    return BOT_OK;
}

/* A need said to the bot without asking (后天上午修水龙头 一个钟头, 明天下午3点修水管: play-test 10's elder got 没听懂):
 * asked back as the post her words would make (what, when); 是 posts it (conversation.c: post_text), 不用 leaves it. */
static enum bot_rc ask_post(struct hd_call *c)
{
    char said[sizeof c->ask_payload + 8];
    struct nlp_result *r = calloc(1, sizeof *r); /* worker stacks are small */
    if (!r)
        return BOT_NOMEM;
    if (strlen(c->msg->text) < sizeof c->ask_payload) {
        snprintf(said, sizeof said, "求助 %s", c->msg->text);
        enum bot_rc rc = nlp_parse_message(c->ctx->nlp, said, NULL, 0, c->ctx->now, c->ctx->set->utc_offset, r);
        if (rc != BOT_OK) {
            free(r);
            return rc;
        }
    }
    if (r->intent != NLP_POST_REQUEST) {
        free(r);
        hd_say(c->out, "您是要请邻居帮忙吗？请说「求助」加上要做什么和时间，例如「求助 明天上午9点陪我去医院」。");
        return BOT_OK;
    }
    char when[HD_WHEN_MAX + 16] = "";
    if (r->has_start) {
        hd_format_when(r->start, c->ctx->now, c->ctx->set->utc_offset, when);
    } else if (r->has_start_day) {
        char day[HD_WHEN_MAX];
        hd_format_day_ahead(r->start_day, c->ctx->now, c->ctx->set->utc_offset, day);
        snprintf(when, sizeof when, "%s%s", day, nlp_part_name(r->start_part));
    }
    int service = r->service >= 0 ? r->service : NLP_SERVICE_COUNT - 1;
    free(r);
    hd_say(c->out, "您是要请邻居帮忙吗？我可以帮您发求助：%s%s%s。回复「是」就发布，回复「不用」就算了。",
           nlp_service_name(service), when[0] ? "，" : "", when);
    hd_ask(c, "post_text", "%s", c->msg->text);
    return BOT_OK;
}

#define ASKED_STALE_SECONDS (12 * 3600) /* a question that ran out this long ago at most is still 刚才的问题 */

/* Did the bot ask her something in this chat that ran out unanswered not long ago (its row is kept until the timers
 * prune it; an answered or closed one is gone)? */
static enum bot_rc asked_before(struct hd_call *c, int *expired)
{
    *expired = 0;
    struct store_msg_key who = {c->msg->platform, c->msg->is_group ? c->msg->chat_id : "", c->msg->user_id, NULL};
    struct store_pending p;
    enum bot_rc rc = store_pending_get(c->ctx->st, &who, INT64_MIN, &p); /* expired ones too */
    if (rc == BOT_NOTFOUND)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    *expired = p.expires_at <= c->ctx->now && c->ctx->now - p.expires_at < ASKED_STALE_SECONDS &&
               strcmp(p.kind, "more") != 0;
    return BOT_OK;
}

enum bot_rc hd_not_understood(struct hd_call *c)
{
    enum bot_rc rc;
    int expired = 0;
    if (c->nr->request_id && about_an_order(c->nr->about)) /* #12, 12号单是什么, #12 我去不了, 能取消#12吗 */
        return hd_about_order(c);
    if (c->nr->no_longer)
        return hd_no_longer_needed(c);
    if (c->nr->second_thought == 2)
        return hd_thought_move(c);
    if (c->nr->fix_minutes && c->me) { /* 我说错了 是两个小时 after her 确认: how it is put right, never 没听懂 */
        int64_t id = 0;
        enum bot_rc rc = store_request_last_confirmed(c->ctx->st, c->me->id, c->ctx->now - HD_FIX_HOURS_SECONDS, &id);
        if (rc != BOT_OK)
            return rc;
        if (id)
            return hd_confirmed_hours_fix(c, id, c->nr->fix_minutes);
    }
    if (c->nr->mood == NLP_MOOD_NEGATED && (c->nr->about == NLP_CONFIRM || c->nr->about == NLP_CANCEL))
        return hd_negated_alone(c);
    if (c->nr->about == NLP_PROXY_REGISTER && c->nr->mood == NLP_MOOD_PAST && c->nr->name[0])
        return told_registered(c);
    static const struct {
        enum nlp_intent about;
        const char *how;
    } money[] = {{NLP_SPEND_APPROVE, "请发「批准支出 #编号」（发「待批支出」看等着批的支出和它们的编号）"},
                 {NLP_SPEND_REJECT, "请发「驳回支出 #编号 原因…」"},
                 {NLP_BOOK, "请发「记账 支出 活动物料 350元 发票号…」或「记账 收入 场地租赁 800元」"},
                 {NLP_REDEEM, "顾客私聊我发「兑换码」，店员再发「核销 兑换码 消费86元」"},
                 {NLP_DIVIDEND_CALC, "请发「分红核算 2026 净利润 120000元」（年底过后）"},
                 {NLP_DIVIDEND_CONFIRM, "请发「分红确认 2026」（先核算，年底过后）"},
                 {NLP_DIVIDEND_CONVERT, "请发「分红换积分 30元」或「分红换积分 全部」"},
                 {NLP_MEMBER_FEE, "请发「收会费 @王秀英 体验会员 100元 现金」"},
                 {NLP_MERCHANT_SETTLE, "请发「商家缴费 幸福超市 300元」"},
                 {NLP_MERCHANT_ADD, "请发「添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%」"}};
    for (size_t i = 0; c->nr->mood != NLP_MOOD_ASSERT && i < BOT_ARRAY_LEN(money); i++)
        if (c->nr->about == money[i].about) { /* asked, not told: nothing moves, the way to say it is shown (the example
                                                * names no real number: #3 was a real pending spending) */
            hd_say(c->out, "这次什么也没有办。要办的话，%s。", money[i].how);
            return BOT_OK;
        }
    if (c->nr->about == NLP_OFFER && c->nr->mood != NLP_MOOD_ASSERT) { /* nothing kept: an offer is the speaker's own */
        const char *svc = offer_example(c->nr);
        if (c->nr->mood == NLP_MOOD_QUESTION)
            hd_say(c->out, "可以的！想登记，就直接说「我会%s」，有这类求助时会先告诉您。", svc);
        else if (c->nr->mood == NLP_MOOD_OTHER)
            hd_say(c->out, "谢谢！要记在他本人名下，有求助时才找得到他：请他用自己的微信或账号注册后说「我会%s」；"
                           "不方便的话，请楼长帮他注册。这次没有记在您名下。", svc);
        else
            return say_not_kept(c);
        return BOT_OK;
    }
    if (c->nr->about == NLP_POST_REQUEST && c->nr->mood == NLP_MOOD_NEGATED) { /* 我不需要帮忙买菜: nothing posted */
        hd_say(c->out, "好的，没有发布求助。需要帮忙时，说「求助」加上要做什么和时间就行，例如「求助 明天上午9点陪我去医院」。");
        return BOT_OK;
    }
    if (c->nr->about == NLP_POST_REQUEST && c->nr->mood == NLP_MOOD_UNSURE) { /* 可能要找人陪我 到时候再说: not now */
        hd_say(c->out, "好的，这次先不发布求助。到时候需要了，说「求助」加上要做什么和时间就行，例如「求助 明天上午9点陪我去医院」。");
        return BOT_OK;
    }
    if (c->nr->mood != NLP_MOOD_ASSERT && c->nr->about != NLP_NONE) {
        /* 要是她需要的话 转赠1小时…, 代录 … 算了不录了: not decided, so not done */
        if (c->nr->mood == NLP_MOOD_QUESTION) /* 停用 @李梅 吗？: a question, not a refusal */
            hd_say(c->out, "您是在问吗？我先不办。要办的话，直接发命令本身就行，不用带「吗」（发「帮助」看写法）。");
        else
            hd_say(c->out, "好的，这次先不办。确定要办的话，请直接发一条完整的命令（发「帮助」看写法）。");
        return BOT_OK;
    }
    if (c->nr->maybe_post)
        return ask_post(c);
    if (c->nr->smalltalk == 2)
        hd_say(c->out, "不客气！有需要随时找我，邻里互助，时间存起来。");
    else if (c->nr->smalltalk == 1)
        hd_say(c->out, "您好，我是时间驿站互助小助手。请人帮忙发「求助 + 什么事 + 时间」，"
                       "查积分发「查积分」，想看全部用法发「帮助」。");
    else if (c->nr->smalltalk == 3) /* 需要帮忙: asked what, with the words that post it */
        hd_say(c->out, "好的，您需要什么帮助呢？请说要做什么、哪天几点，我发给邻居，例如「求助 明天上午9点陪我去社区医院」"
                       "「求助 帮我修水龙头」。说不清楚也可以请楼长帮您发。");
    else if (c->nr->smalltalk == 4) /* 我来帮忙: where help is wanted, and how to say what she can do */
        hd_say(c->out, "%s", HELP_OFFERED);
    else if (c->nr->answer == NLP_ANSWER_YES && (rc = asked_before(c, &expired)) != BOT_OK)
        return rc;
    else if (c->nr->answer == NLP_ANSWER_YES && expired) /* 是 after our question's time ran out (play-test 18, D9) */
        hd_say(c->out, "刚才的问题已经过时了，这次什么也没有办。请再说一次要办的事，例如「取消 #单号」「#单号 改到 明天上午10点」。");
    else if (c->nr->answer == NLP_ANSWER_YES) /* 是, 好的 with no question of ours open: nothing waits for a yes */
        hd_say(c->out, "好的。现在没有等您回答「是」的事，这次什么也没有办。要办事直接说就行，比如「查积分」「我的单子」"
                       "「求助 明天上午9点陪我去医院」。");
    else if (c->nr->answer == NLP_ANSWER_NO) /* 不用, 不是 with nothing asked: nothing to call off */
        hd_say(c->out, "好的，现在没有等您回答的事，这次什么也没有办。需要时直接说就行，发「帮助」看看我能做什么。");
    else
        hd_say(c->out, "抱歉，我没听懂。发送「帮助」看看我能做什么。");
    return BOT_OK;
}

enum bot_rc hd_notices(struct hd_call *c)
{
    if (c->msg->is_group) {
        hd_say(c->out, "给您的消息只在私聊里看：请私聊我发「消息」。");
        return BOT_OK;
    }
    if (!c->me || (!c->me->notices && !c->me->ident_notice)) {
        hd_say(c->out, "没有新消息。");
        return BOT_OK;
    }
    hd_say(c->out, "【给您的消息】"); /* the pipeline adds them */
    return BOT_OK;
}

/* 我妈的积分还有多少, 我女儿的积分明细: a relative's figures are hers, not the speaker's; nobody is looked up (whose
 * mother she is, the bot does not know): the way to ask, as a name asked by anyone is refused. */
enum bot_rc hd_kin_figures(struct hd_call *c, const char *own_word)
{
    hd_say(c->out, "积分是每个人自己的，我只告诉本人、本人所在楼的楼长和工作人员。想知道家里人的积分，可以请本人私聊我发"
                   "「%s」；没有手机的话，请本人所在楼的楼长查。", own_word);
    c->out->open = 1; /* nothing of anyone's in it: a group reads it where it was asked */
    return BOT_OK;
}

/* 查一下李桂兰的积分, 张秀英的积分明细: her figures are hers; staff and a 楼长 of her building may read them (*who set,
 * 1), anyone else is refused before anyone is looked up (nothing said of whether she is registered) and *who stays 0.
 * own_word is the command that shows her her own (查积分, 积分明细). */
enum bot_rc hd_named_member(struct hd_call *c, const char *own_word, struct store_member *who, int *found)
{
    *found = 0;
    const char *name = c->nr->names[0];
    int named = (int)strcspn(name, "(");
    if (c->me && c->me->registered && (int)strlen(c->me->name) == named && strncmp(c->me->name, name, (size_t)named) == 0) {
        *who = *c->me; /* her own name: her own balance */
        *found = 1;
        return BOT_OK;
    }
    if (!c->me || !hd_is_manager(c)) {
        if (c->nr->of_kin) /* 我妈妈张秀英还有多少积分: she asks herself, or her 楼长 reads it (play-test 17b) */
            hd_say(c->out, "积分是每个人自己的，我只告诉本人、本人所在楼的楼长和工作人员。想知道的话，可以请%.*s自己私聊我发"
                           "「%s」；没有手机的话，请她所在楼的楼长查。", named, name, own_word);
        else
            hd_say(c->out, "积分是每个人自己的，我只告诉本人、本人所在楼的楼长和工作人员。想知道的话，可以请%.*s自己私聊我发「%s」。",
                   named, name, own_word);
        c->out->open = 1; /* nothing of hers in it: a group reads it where it was asked */
        return BOT_OK;
    }
    int count = 0;
    enum bot_rc rc;
    if (!hd_is_admin(c)) { /* a 楼长: his building's members only, one refusal whether another building's or nobody's
                             * (play84: 「没有找到」 told him which names exist), said where he asked */
        char plain[64], said[32] = "";
        bot_strlcpy(plain, name, (size_t)named + 1 < sizeof plain ? (size_t)named + 1 : sizeof plain);
        if (name[named] == '(') /* 李桂兰(4号楼): the building said is honoured, never read as his own */
            bot_strlcpy(said, name + named + 1, strcspn(name + named + 1, ")") + 1 < sizeof said
                                                    ? strcspn(name + named + 1, ")") + 1 : sizeof said);
        rc = said[0] && strcmp(said, c->me->manager_building) != 0
                 ? BOT_NOTFOUND
                 : store_member_by_name_in(c->ctx->st, plain, c->me->manager_building, who, &count);
        if (rc != BOT_OK && rc != BOT_NOTFOUND)
            return rc;
        if (rc == BOT_NOTFOUND || count < 1) {
            hd_say(c->out, "抱歉，楼长只能查本楼成员的积分（您负责%s）。%.*s的积分请本人或工作人员查。",
                   c->me->manager_building, named, name);
            c->out->open = 1; /* nothing of hers in it */
            return BOT_OK;
        }
        if (count > 1) /* namesakes in his building: asked again the way every name is */
            return hd_find_target(c, 0, who, found);
        *found = 1;
        return BOT_OK;
    }
    rc = hd_member_named(c->ctx, name, who, &count);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "没有找到登记叫「%.*s」的成员，请核对名字再查。", named, name);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (count > 1) { /* namesakes: asked again the way every name is (hd_find_target's words) */
        return hd_find_target(c, 0, who, found);
    }
    if (who->id != c->me->id && !hd_speaks_for(c, who)) {
        hd_say(c->out, "抱歉，楼长只能查本楼成员的积分。%.*s的积分请本人、所在楼的楼长或工作人员查。", named, name);
        return BOT_OK;
    }
    *found = 1;
    return BOT_OK;
}

/* 我的积分什么时候过期: the rule (expiry_days from when earned, reminded expiry_warn_days before) and her own next
 * expiry (how much, from when), or that none is due soon. Never another's: a name asked of reads 查积分. */
static enum bot_rc expiry_answer(struct hd_call *c)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    size_t len = 0;
    char *buf = c->out->text;
    size_t sz = sizeof c->out->text;
    if (rules->expiry_days == 0)
        bot_appendf(buf, sz, &len, "时间积分不会过期。");
    else if (rules->expiry_warn_days > 0)
        bot_appendf(buf, sz, &len, "时间积分从得到那天起 %d 天内有效，快到期时提前 %d 天提醒您。", rules->expiry_days,
                    rules->expiry_warn_days);
    else
        bot_appendf(buf, sz, &len, "时间积分从得到那天起 %d 天内有效。", rules->expiry_days);
    if (!c->me) {
        bot_appendf(buf, sz, &len, "您还没有积分，帮邻居 1小时，就能得到 1小时。");
        c->out->has_reply = 1;
        return BOT_OK;
    }
    if (rules->expiry_days > 0) {
        int warn = rules->expiry_warn_days; /* 0: nothing is warned of (hd_expiry_warn_until), the first date said */
        int64_t soon = 0, soon_at = 0, any = 0, any_at = 0, until = hd_expiry_warn_until(rules, c->ctx->now);
        enum bot_rc rc;
        /* hours still to go: those already past their date went at it, ticked or not */
        if ((until > 0 && (rc = store_lots_expiring_between(c->ctx->st, c->me->account_id, c->ctx->now, until, &soon,
                                                            &soon_at)) != BOT_OK) ||
            (rc = store_lots_expiring_between(c->ctx->st, c->me->account_id, c->ctx->now,
                                              c->ctx->now + ((int64_t)rules->expiry_days + 1) * 86400, &any,
                                              &any_at)) != BOT_OK)
            return rc;
        char h[24], when[HD_WHEN_MAX];
        if (soon > 0) {
            hd_hours_text(soon, h);
            hd_format_day(soon_at, c->ctx->now, c->ctx->set->utc_offset, when);
            bot_appendf(buf, sz, &len, "您有 %s 将在 %s 起陆续过期，记得用掉，或转赠给家人、邻居。", h, when);
        } else if (any > 0) {
            hd_format_day(any_at, c->ctx->now, c->ctx->set->utc_offset, when);
            if (warn > 0)
                bot_appendf(buf, sz, &len, "您近 %d 天内没有要过期的积分，最早的一笔 %s 到期。", warn, when);
            else
                bot_appendf(buf, sz, &len, "您最早的一笔积分 %s 到期。", when);
        } else
            bot_appendf(buf, sz, &len, "您现在没有会过期的积分。");
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

/* 我的会员什么时候到期: her tier and last day as 查积分 shows them, or how to join (her 楼长). */
static enum bot_rc membership_answer(struct hd_call *c)
{
    size_t len = 0;
    char *buf = c->out->text;
    size_t sz = sizeof c->out->text;
    bot_appendf(buf, sz, &len, "您的");
    hd_membership_line(c, buf, sz, &len);
    if (len > strlen("您的")) {
        bot_appendf(buf, sz, &len, "到期前会提醒您和您的楼长；续费请找楼长或工作人员。");
    } else {
        len = 0;
        bot_appendf(buf, sz, &len, "您现在不是会员。想成为会员，请找您楼的楼长或工作人员登记、交会费。");
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

enum bot_rc hd_balance(struct hd_call *c)
{
    if (c->nr->nnames == 0 && c->nr->asks == NLP_ASKS_EXPIRY)
        return expiry_answer(c);
    if (c->nr->nnames == 0 && c->nr->asks == NLP_ASKS_MEMBERSHIP)
        return membership_answer(c);

    const struct hd_rules *rules = &c->ctx->set->rules;
    struct store_member other;
    const struct store_member *whose = c->me;
    if (c->nr->of_kin && c->nr->nnames == 0) /* 我妈的积分还有多少 (play-test 17, 14: she read her own) */
        return hd_kin_figures(c, "查积分");
    if (c->nr->nnames > 0) { /* another member's, by her name */
        int found = 0;
        enum bot_rc rc = hd_named_member(c, "查积分", &other, &found);
        if (rc != BOT_OK || !found)
            return rc;
        whose = other.id == c->me->id ? c->me : &other;
    }
    if (!whose) {
        hd_say(c->out, "您的时间余额为 0小时。帮邻居 1小时，就能得到 1小时。");
        return BOT_OK;
    }
    int own = whose == c->me;
    struct store_account a;
    double avg = 0;
    int nrat = 0;
    int64_t expiring = 0, earliest = 0, warn_until = hd_expiry_warn_until(rules, c->ctx->now);
    enum bot_rc rc;
    /* read as the tick would leave it, nothing written: hours past their date are gone even before it runs */
    if ((rc = store_account_view(c->ctx->st, c->ctx->now, whose->account_id, &a)) != BOT_OK ||
        (rc = store_rating_avg(c->ctx->st, whose->id, &avg, &nrat)) != BOT_OK ||
        (warn_until > 0 && (rc = store_lots_expiring_between(c->ctx->st, a.id, c->ctx->now, warn_until, &expiring,
                                                             &earliest)) != BOT_OK))
        return rc;
    char bal[32], earned[24];
    hd_balance_text(a.balance, bal);
    hd_hours_text(a.earned, earned);
    size_t len = 0;
    char *buf = c->out->text;
    size_t sz = sizeof c->out->text;
    if (own)
        bot_appendf(buf, sz, &len, "%s，您的时间余额为 %s，累计获得 %s，等级：%s", hd_display_name(whose), bal, earned,
                    hd_level_name(rules, a.earned)); /* one unit: 小时 */
    else /* her building tells namesakes apart for the 楼长 or staff who asked */
        bot_appendf(buf, sz, &len, "%s（%s）的时间余额为 %s，累计获得 %s，等级：%s", hd_display_name(whose),
                    whose->building[0] ? whose->building : "楼栋未登记", bal, earned, hd_level_name(rules, a.earned));
    if (nrat)
        bot_appendf(buf, sz, &len, "，平均评分 %.1f 星（%d 次）", avg, nrat);
    bot_appendf(buf, sz, &len, "。");
    if (expiring > 0) {
        char h[24], when[HD_WHEN_MAX];
        hd_hours_text(expiring, h);
        hd_format_day(earliest, c->ctx->now, c->ctx->set->utc_offset, when);
        bot_appendf(buf, sz, &len, own ? "其中 %s 将在 %s 起陆续过期，记得用掉哦。" : "其中 %s 将在 %s 起陆续过期。", h, when);
    }
    if (own && !c->msg->is_group) /* a member's money matters stay out of groups */
        hd_membership_line(c, buf, sz, &len);
    c->out->has_reply = 1;
    return BOT_OK;
}

/* One month's board (from..to) after title into the reply; *n its rows. */
static enum bot_rc board_month(struct hd_call *c, int64_t from, int64_t to, const char *title, size_t *len, int *n)
{
    struct store_board_row rows[10];
    enum bot_rc rc = store_leaderboard(c->ctx->st, from, to, rows, 10, n);
    if (rc != BOT_OK || *n == 0)
        return rc;
    bot_appendf(c->out->text, sizeof c->out->text, len, "%s%s", *len ? "\n" : "", title);
    for (int i = 0; i < *n; i++) {
        char h[24];
        hd_hours_text(rows[i].minutes, h);
        bot_appendf(c->out->text, sizeof c->out->text, len, "\n%d. %s %s", i + 1, rows[i].building, h);
    }
    return BOT_OK;
}

enum bot_rc hd_leaderboard(struct hd_call *c)
{
    /* by building, anonymous: this month so far; until the board's day (leaderboard_day, the 5th: the rule book
     * publishes last month's then) last month's first (play-test: 「本月还没有完成的服务」 on the 5th of January) */
    int y, m, d;
    bot_civil_from_days(hd_local_day(c->ctx), &y, &m, &d);
    int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
    int64_t from = bot_month_start(y, m, c->ctx->set->utc_offset);
    int64_t prev = bot_month_start(py, pm, c->ctx->set->utc_offset);
    int early = d <= c->ctx->set->rules.leaderboard_day;
    size_t len = 0;
    int n_prev = 0, n = 0;
    char title[64];
    c->out->text[0] = '\0';
    enum bot_rc rc = BOT_OK;
    if (early) {
        snprintf(title, sizeof title, "%d月互助排行（按楼栋）：", pm);
        rc = board_month(c, prev, from, title, &len, &n_prev);
    }
    if (rc == BOT_OK) {
        snprintf(title, sizeof title, n_prev ? "本月（%d月）到现在：" : "%d月互助排行（按楼栋）：", m);
        rc = board_month(c, from, c->ctx->now + 1, title, &len, &n);
    }
    if (rc != BOT_OK)
        return rc;
    if (n_prev + n == 0) {
        hd_say(c->out, early ? "上个月和本月都还没有完成的服务，大家加油！" : "本月还没有完成的服务，大家加油！");
        return BOT_OK;
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

enum bot_rc hd_offer(struct hd_call *c, enum hd_outcome *outcome)
{
    if (!c->nr->skills) { /* 我可以帮忙, nothing named: nothing to keep (it said 已记下…互助 and kept nothing) */
        hd_say(c->out, "%s", HELP_OFFERED);
        *outcome = HD_CHANGED; /* the sender is now a member */
        return BOT_OK;
    }
    char skills[128] = "";
    size_t len = 0;
    enum bot_rc rc;
    for (int i = 0; i < NLP_SERVICE_COUNT; i++) {
        if (!(c->nr->skills & (1u << i)))
            continue;
        bot_appendf(skills, sizeof skills, &len, "%s%s", len ? "、" : "", nlp_service_name(i));
        /* kept: new requests of it in the member's building come to them first (handlers/vetting.c) */
        if ((rc = store_skill_add(c->ctx->st, c->me->id, nlp_service_name(i), c->ctx->now)) != BOT_OK)
            return rc;
    }
    char next[160] = "发送「有什么需求」看看谁需要帮助。";
    if (c->me->accept_banned_until > c->ctx->now && c->msg->is_group) { /* a ban is hers to hear, not the group's */
        next[0] = '\0';
    } else if (c->me->accept_banned_until > c->ctx->now) { /* kept for later: pointing her at the list would not do */
        char when[HD_WHEN_MAX];
        hd_format_when(c->me->accept_banned_until, c->ctx->now, c->ctx->set->utc_offset, when);
        snprintf(next, sizeof next, "您的接单暂停到 %s，到时再发「有什么需求」看看谁需要帮助。", when);
    }
    hd_say(c->out, "谢谢 %s！已记下您能帮忙：%s。%s", hd_display_name(c->me), skills, next);
    *outcome = HD_CHANGED; /* the sender is now a member */
    return BOT_OK;
}

/* 我不会陪诊了: the offers named are taken back (new requests of them no longer come to her first); none kept is no
 * change, and said so. */
enum bot_rc hd_offer_withdraw(struct hd_call *c, enum hd_outcome *outcome)
{
    char gone[128] = "";
    size_t len = 0;
    enum bot_rc rc;
    *outcome = HD_REFUSED;
    for (int i = 0; i < NLP_SERVICE_COUNT; i++) {
        if (!(c->nr->skills & (1u << i)))
            continue;
        rc = c->me ? store_skill_remove(c->ctx->st, c->me->id, nlp_service_name(i)) : BOT_NOTFOUND;
        if (rc == BOT_NOTFOUND)
            continue;
        if (rc != BOT_OK)
            return rc;
        bot_appendf(gone, sizeof gone, &len, "%s「%s」", len ? "、" : "", nlp_service_name(i));
        *outcome = HD_CHANGED;
    }
    if (*outcome == HD_CHANGED)
        hd_say(c->out, "好的，以后%s的求助不再先告诉您。哪天又能帮忙了，说「我会%s」就行。", gone, offer_example(c->nr));
    else
        return say_not_kept(c);
    return BOT_OK;
}

enum bot_rc hd_birthday_public(struct hd_call *c, enum hd_outcome *outcome)
{
    int on = c->nr->intent == NLP_BIRTHDAY_PUBLIC;
    *outcome = HD_REFUSED;
    /* only a registered member (the command table) */
    enum bot_rc rc = store_member_set_int(c->ctx->st, c->me->id, STORE_MF_BIRTHDAY_PUBLIC, on);
    if (rc != BOT_OK)
        return rc;
    if (on && c->me->birthday[0])
        hd_say(c->out, "好的，%s，生日那天楼栋群里会祝您生日快乐（只说名字，不说日期和年龄）。想取消请发「生日不公开」。",
               hd_display_name(c->me));
    else if (on)
        hd_say(c->out, "好的，%s，已记下生日公开。您还没有登记生日，请发「修改资料 生日1950年11月26日」（换成您的生日）补上，"
                       "生日那天楼栋群里会祝您生日快乐（只说名字，不说日期和年龄）。想取消请发「生日不公开」。",
               hd_display_name(c->me));
    else
        hd_say(c->out, "好的，您的生日不会在群里公开，生日祝福和礼物只私下发给您。想公开请发「生日公开」。");
    *outcome = HD_CHANGED;
    return BOT_OK;
}
