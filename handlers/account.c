/* account.c — help, register, offer, balance. */
#include "handlers.h"

#include <string.h>

enum bot_rc hd_help(struct hd_call *c)
{
    hd_say(c->out,
           "时间驿站：邻里互助，帮一小时得一小时。可以这样说：\n"
           "· 求助 明天上午9点陪我去社区医院 2小时\n"
           "· 有什么需求（看待接的求助）\n"
           "· 接单 #12 / 开始服务 #12 / 结束服务 #12\n"
           "· 确认 #12（或：确认 #12 1.5小时）\n"
           "· 取消 #12 · 查积分\n"
           "· 注册 姓名 3号楼 生日1950年11月26日");
    return BOT_OK;
}

enum bot_rc hd_not_yet(struct hd_call *c)
{
    hd_say(c->out, "收到！这项功能（%s）即将开放，请先联系楼长办理。", nlp_intent_name(c->nr->intent));
    return BOT_OK;
}

enum bot_rc hd_balance(struct hd_call *c)
{
    if (!c->me) {
        hd_say(c->out, "您的时间余额为 0 小时。帮邻居一小时，就能得到一小时积分。");
        return BOT_OK;
    }
    struct store_account a;
    enum bot_rc rc = store_account_get(c->ctx->st, c->me->account_id, &a);
    if (rc != BOT_OK)
        return rc;
    hd_say(c->out, "%s，您的时间余额为 %s%g 小时（%lld 分钟），累计获得 %g 小时。", hd_display_name(c->me),
           a.balance < 0 ? "-" : "", (a.balance < 0 ? -a.balance : a.balance) / 60.0, (long long)a.balance,
           a.earned / 60.0);
    return BOT_OK;
}

enum bot_rc hd_register(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_result *nr = c->nr;
    *outcome = HD_REFUSED;
    if (!nr->name[0]) {
        hd_say(c->out, "注册请这样写：注册 姓名 3号楼 生日1950年11月26日");
        return BOT_OK;
    }
    enum bot_rc rc = store_member_register(c->ctx->st, c->me->id, nr->name,
                                           nr->building[0] ? nr->building : c->me->building,
                                           nr->birthday[0] ? nr->birthday : c->me->birthday);
    if (rc != BOT_OK)
        return rc;
    /* no birthday in the reply: it may be a group */
    hd_say(c->out, "欢迎 %s%s%s%s 加入时间驿站！发送「帮助」看看怎么用。", nr->name,
           nr->building[0] ? "（" : "", nr->building, nr->building[0] ? "）" : "");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_offer(struct hd_call *c, enum hd_outcome *outcome)
{
    char skills[128] = "";
    size_t len = 0;
    for (int i = 0; i < NLP_SERVICE_COUNT; i++)
        if (c->nr->skills & (1u << i))
            bot_appendf(skills, sizeof skills, &len, "%s%s", len ? "、" : "", nlp_service_name(i));
    hd_say(c->out, "谢谢 %s！已记下您能帮忙：%s。发送「有什么需求」看看谁需要帮助。", hd_display_name(c->me),
           skills[0] ? skills : "互助");
    *outcome = HD_CHANGED; /* the sender is now a member */
    return BOT_OK;
}
