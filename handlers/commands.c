/* commands.c — the command table: for every intent of nlp's list, its handler, read or write, and who may run it. */
#include "handlers.h"

/* R(intent, read handler, who, refusal) or W(intent, write handler, who,
 * refusal), one row per intent of NLP_INTENTS (nlp/nlp.h), checked below at
 * compile time. A read writes nothing (a pending notice aside); a write runs
 * in one transaction. refusal: what a sender who may not run it is told, NULL
 * for 抱歉，这个操作只有<工作人员 | 楼长或工作人员>可以做。 Checks that depend on
 * the subject (an activity's organiser) stay in the handler. */
#define HD_COMMANDS(R, W)                                                                                    \
    R(NLP_NONE, hd_not_understood, HD_ANYONE, NULL)                                                        \
    W(NLP_POST_REQUEST, hd_post_request, HD_ANYONE, NULL)                                                  \
    W(NLP_OFFER, hd_offer, HD_ANYONE, NULL)                                                                \
    W(NLP_OFFER_WITHDRAW, hd_offer_withdraw, HD_ANYONE, NULL)                                              \
    R(NLP_LIST_REQUESTS, hd_list_requests, HD_ANYONE, NULL)                                                \
    W(NLP_ACCEPT, hd_accept, HD_ANYONE, NULL)                                                              \
    W(NLP_START, hd_start, HD_ANYONE, NULL)                                                                \
    W(NLP_FINISH, hd_finish, HD_ANYONE, NULL)                                                              \
    W(NLP_CONFIRM, hd_confirm, HD_ANYONE, NULL)                                                            \
    W(NLP_RATE, hd_rate, HD_ANYONE, NULL)                                                                  \
    W(NLP_CANCEL, hd_cancel, HD_ANYONE, NULL)                                                              \
    W(NLP_RESCHEDULE, hd_reschedule, HD_ANYONE, NULL) /* the requester, her 楼长 or staff: in hd_reschedule */ \
    R(NLP_BALANCE, hd_balance, HD_ANYONE, NULL) /* another member's: her 楼长 or staff, in hd_balance */     \
    R(NLP_CONTACT_ASK, hd_contact_ask, HD_ANYONE, NULL) /* never given: what to do instead */              \
    R(NLP_HISTORY, hd_history, HD_ANYONE, NULL)                                                            \
    W(NLP_GIFT, hd_gift, HD_ANYONE, NULL)                                                                  \
    R(NLP_LEADERBOARD, hd_leaderboard, HD_ANYONE, NULL)                                                    \
    W(NLP_REGISTER, hd_register, HD_ANYONE, NULL)                                                          \
    W(NLP_COMPLAINT, hd_complaint, HD_ANYONE, NULL)                                                        \
    R(NLP_HELP, hd_help, HD_ANYONE, NULL)                                                                  \
    W(NLP_GRANT, hd_grant, HD_ADMIN, NULL)                                                                 \
    W(NLP_ADJUST, hd_adjust, HD_ADMIN, NULL)                                                               \
    W(NLP_SUSPEND, hd_suspend, HD_ADMIN, NULL)                                                             \
    W(NLP_UNSUSPEND, hd_suspend, HD_ADMIN, NULL)                                                           \
    W(NLP_RESOLVE, hd_resolve, HD_ADMIN, "抱歉，只有工作人员可以处理投诉。")                               \
    W(NLP_MALICIOUS, hd_malicious, HD_ADMIN, NULL)                                                         \
    W(NLP_SUBSIDISE, hd_subsidise, HD_MANAGER, NULL)                                                       \
    R(NLP_UNMATCHED, hd_unmatched, HD_MANAGER,                                                             \
      "抱歉，这个操作只有楼长或工作人员可以做。发送「有什么需求」看看待接的求助。")                        \
    W(NLP_RECOMMEND, hd_recommend, HD_MANAGER, NULL)                                                       \
    W(NLP_PROXY, hd_proxy, HD_MANAGER, NULL)                                                               \
    W(NLP_PROXY_UNDO, hd_proxy_undo, HD_MANAGER, NULL)                                                     \
    R(NLP_FUND, hd_fund, HD_MANAGER, NULL)                                                                 \
    W(NLP_FUND_APPROVE, hd_fund_approve, HD_MANAGER, NULL) /* 基金批准 staff only: in hd_fund_approve */                                                   \
    W(NLP_EXCUSE, hd_excuse, HD_ANYONE, NULL) /* the order's requester: in hd_excuse */                   \
    W(NLP_RELAY, hd_relay, HD_ANYONE, NULL) /* either side of the order: in hd_relay */                    \
    R(NLP_REVIEW_LIST, hd_review_list, HD_ADMIN, "抱歉，审核列表只有工作人员可以查看。")                 \
    W(NLP_CERTIFY, hd_certify, HD_ADMIN, "抱歉，只有工作人员可以登记证书。")                               \
    W(NLP_ACCEPT_BAN, hd_accept_ban, HD_ADMIN, NULL)                                                       \
    W(NLP_ACCEPT_UNBAN, hd_accept_ban, HD_ADMIN, NULL)                                                     \
    W(NLP_ACTIVITY_CREATE, hd_activity, HD_MANAGER, NULL)                                                  \
    W(NLP_ACTIVITY_SIGN, hd_activity, HD_ANYONE, NULL)                                                     \
    W(NLP_ACTIVITY_CLOSE, hd_activity, HD_ANYONE, NULL) /* the organiser or an admin: in hd_activity */   \
    W(NLP_BIND, hd_bind, HD_MANAGER, "抱歉，只有楼长或工作人员可以绑定群。")                               \
    W(NLP_LINK, hd_link, HD_ANYONE, NULL)                                                                  \
    W(NLP_UNLINK, hd_unlink, HD_ANYONE, NULL)                                                              \
    /* nobody to greet yet: no name, building nor birthday of theirs is known (the platform's display     \
     * name is not theirs to be greeted by), and nothing is stored */                                    \
    W(NLP_BIRTHDAY_PUBLIC, hd_birthday_public, HD_REGISTERED,                                              \
      "请先登记您的姓名、楼栋和生日，例如「注册 王秀英 3号楼 生日1950年11月26日」。"                       \
      "登记后再发「生日公开」，生日那天楼栋群里会用您登记的名字祝您生日快乐（不说日期和年龄）。")          \
    W(NLP_BIRTHDAY_PRIVATE, hd_birthday_public, HD_REGISTERED,                                             \
      "您还没有登记。生日默认不在群里公开，登记后生日祝福和礼物只私下发给您。")                           \
    R(NLP_NOTICES, hd_notices, HD_ANYONE, NULL)                                                                \
    W(NLP_PROXY_REGISTER, hd_proxy_register, HD_MANAGER,                                                   \
      "抱歉，代注册只有楼长或工作人员可以做。有手机的请她本人发「注册 姓名 3号楼」；没有手机的老人请找楼长代注册。")                             \
    W(NLP_PROFILE_EDIT, hd_profile_edit, HD_REGISTERED,                                                    \
      "您还没有登记，请先发「注册 姓名 3号楼 生日1950年11月26日」。")                                      \
    W(NLP_LINK_FOR, hd_link_for, HD_MANAGER, NULL)                                                         \
    R(NLP_COMPLAINT_LIST, hd_complaint_list, HD_MANAGER, "抱歉，投诉列表只有楼长和工作人员可以查看。有问题请发「投诉 #单号 原因」。") \
    W(NLP_COMPLAINT_ACK, hd_complaint_ack, HD_MANAGER, "抱歉，投诉由楼长或工作人员受理。") \
    W(NLP_RETRAINED, hd_retrained, HD_ADMIN, NULL)                                                         \
    R(NLP_ORDER_LOG, hd_order_record, HD_MANAGER, "抱歉，订单记录只有楼长和工作人员可以查看。想看自己的单请发「我的单子」。")                           \
    R(NLP_QUALIFY, hd_qualify, HD_ADMIN, "抱歉，资质只有工作人员可以查看。")                                  \
    W(NLP_CONSOLE, hd_console, HD_MANAGER, "抱歉，后台只给楼长和工作人员用。")                             \
    W(NLP_CONSOLE_END, hd_console_end, HD_REGISTERED, "您现在没有登录后台。") \
    W(NLP_BRANCH, hd_branch, HD_ADMIN, "抱歉，分会只有工作人员可以查看和设置。")                          \
    W(NLP_MERCHANT_ADD, hd_merchant_add, HD_ADMIN, "抱歉，添加商家只有工作人员可以做。")                    \
    W(NLP_MERCHANT_BIND, hd_merchant_bind, HD_ADMIN, "抱歉，绑定商家店员只有工作人员可以做。")              \
    W(NLP_MERCHANT_UNBIND, hd_merchant_bind, HD_ADMIN, "抱歉，解绑商家店员只有工作人员可以做。")            \
    W(NLP_REDEEM_CODE, hd_redeem_code, HD_REGISTERED,                                                      \
      "请先登记，例如「注册 王秀英 3号楼 生日1950年11月26日」，登记后再私聊我发「兑换码」。")               \
    W(NLP_REDEEM, hd_redeem, HD_ANYONE, NULL) /* a clerk of a merchant: in hd_redeem */                    \
    R(NLP_MERCHANT_STATEMENT, hd_merchant_statement, HD_ANYONE, NULL) /* a clerk, staff: in the handler */ \
    W(NLP_MERCHANT_SETTLE, hd_merchant_settle, HD_ADMIN, "抱歉，商家缴费只有工作人员可以登记。") \
    W(NLP_MEMBER_FEE, hd_member_fee, HD_MANAGER, "抱歉，会费由楼长或工作人员登记。想入会请找您的楼长。")      \
    W(NLP_FEE_REVERSE, hd_fee_reverse, HD_ADMIN, "抱歉，登记错的会费由工作人员来退（「退会费 @X 原因…」）。请找工作人员。") \
    W(NLP_DIVIDEND_CALC, hd_dividend_calc, HD_ADMIN, "抱歉，分红核算只有工作人员可以做。")                  \
    W(NLP_DIVIDEND_CONFIRM, hd_dividend_confirm, HD_ADMIN, "抱歉，分红确认只有工作人员可以做。")            \
    W(NLP_DIVIDEND_CONVERT, hd_dividend_convert, HD_REGISTERED, "您还没有登记，还没有分红。")               \
    R(NLP_MY_DIVIDEND, hd_my_dividend, HD_ANYONE, NULL) \
    W(NLP_BOOK, hd_book, HD_MANAGER, "抱歉，记账只有工作人员（收入也可以由楼长）来记。")                   \
    W(NLP_SPEND_APPROVE, hd_spend_approve, HD_ADMIN, "抱歉，支出只有工作人员可以批准。")                  \
    W(NLP_SPEND_REJECT, hd_spend_reject, HD_ADMIN, "抱歉，支出只有工作人员可以驳回。")                    \
    R(NLP_SPEND_LIST, hd_spend_list, HD_ADMIN, "抱歉，待批支出只有工作人员可以查看。每月的收支请看「财务公示」。") \
    R(NLP_STATEMENT, hd_statement, HD_MANAGER, "抱歉，财务公示由楼长和工作人员查看；每月10日会发到楼栋群里。")

/* Every intent of nlp's list has exactly one row, or this file does not
 * compile: a missing row leaves HD_ROW_<intent> undeclared, a second row
 * declares it twice, a row for no intent fails the designated initializer. */
#define HD_ROW_ID(intent, fn, who, refusal) HD_ROW_##intent,
enum hd_row_id { HD_COMMANDS(HD_ROW_ID, HD_ROW_ID) HD_ROW_COUNT };
#define HD_HAS_ROW(intent, name) \
    _Static_assert(HD_ROW_##intent < HD_ROW_COUNT, "intent " name " needs a row in HD_COMMANDS");
NLP_INTENTS(HD_HAS_ROW)
_Static_assert((int)HD_ROW_COUNT == (int)NLP_INTENT_COUNT, "HD_COMMANDS and NLP_INTENTS differ");

#define HD_ROW_READ(intent, fn, who_, refusal_) [intent] = {intent, fn, NULL, who_, refusal_},
#define HD_ROW_WRITE(intent, fn, who_, refusal_) [intent] = {intent, NULL, fn, who_, refusal_},
static const struct hd_command commands[NLP_INTENT_COUNT] = {HD_COMMANDS(HD_ROW_READ, HD_ROW_WRITE)};

const struct hd_command *hd_command_of(enum nlp_intent intent)
{
    return (unsigned)intent < NLP_INTENT_COUNT ? &commands[intent] : &commands[NLP_NONE];
}

int hd_command_refused(struct hd_call *c, const struct hd_command *cmd)
{
    int allowed;
    switch (cmd->who) {
    case HD_ADMIN: allowed = hd_is_admin(c); break;
    case HD_MANAGER: allowed = hd_is_manager(c); break;
    case HD_REGISTERED: allowed = c->me && c->me->registered; break;
    default: allowed = 1; break;
    }
    if (allowed)
        return 0;
    if (cmd->refusal)
        hd_say(c->out, "%s", cmd->refusal);
    else
        hd_say(c->out, "抱歉，这个操作只有%s可以做。", cmd->who == HD_ADMIN ? "工作人员" : "楼长或工作人员");
    return 1;
}

int hd_suspended_may(const struct hd_call *c)
{
    const struct nlp_result *nr = c->nr;
    struct store_request r;
    switch (nr->intent) {
    case NLP_PROFILE_EDIT:   /* her phone and her door kept right (staff and her volunteer must reach her); who she is
                              * on file (name, building, birthday, referrer) waits for 恢复 */
        return !nr->name[0] && !nr->birthday[0] && !nr->birthday_bad && !nr->name_bad && !nr->name_title &&
               !nr->referrer[0] && (!nr->building[0] || strcmp(nr->building, c->me->building) == 0);
    case NLP_RESCHEDULE:     /* her own order not yet begun moved to a time that suits her, rather than called off;
                              * another's (a paused 楼长's) never */
        return nr->request_id && store_request_get(c->ctx->st, nr->request_id, &r) == BOT_OK &&
               r.requester_id == c->me->id;
    case NLP_CONFIRM:        /* she pays for what was done for her, with the hours she says */
    case NLP_COMPLAINT:      /* and may dispute it, or take her complaint back (撤销投诉) */
    case NLP_RATE:
    case NLP_EXCUSE:         /* 没关系 #N: her volunteer may come late */
    case NLP_RELAY:          /* a word to the other side of her order */
    case NLP_FINISH:         /* a service already started is finished and paid as usual */
    case NLP_OFFER_WITHDRAW: /* she offers less, never more */
        return 1;
    case NLP_CANCEL:         /* calling off her own order (or giving back his accept); 撤销 could take an order back */
        return !nr->undo;
    default:
        return 0;
    }
}
