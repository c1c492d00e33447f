/* pipeline.c — one message through parse, trigger, de-dup, handler and one
 * transaction. */
#include "handlers.h"

#include <stdlib.h>
#include <string.h>

/* Room kept at the end of a reply for the line saying how many notices still wait. */
#define NOTICE_TAIL 96

/* Add the waiting notices to the reply and mark them delivered, inside the
 * caller's write transaction: the sender identity's own (a link alert, which
 * the other identities of the member cannot read), then the member's (gifts
 * received, 代录, auto-confirm, the address of an order they accepted), every
 * one of them oldest first, as many as the reply holds whole; the reply then
 * says how many more `消息` shows. Only in a private chat: they are the
 * member's own business, and in a group they wait. */
/* Append the waiting notices of the sender's identity (ident) or of the member, oldest first, each whole or not
 * at all, marking each delivered; *full when one did not fit (it and the rest wait for 消息). *in_digest: the last one
 * added was a digest line (the next goes under the same heading). */
static enum bot_rc append_notices(const struct hd_ctx *ctx, const struct hd_msg *m, int64_t member, int ident,
                                  struct hd_reply *out, size_t *len, const char **sep, int *full, int *in_digest)
{
    struct store_notice n;
    *full = 0;
    for (;;) {
        enum bot_rc rc = ident ? store_identity_notice_next(ctx->st, m->platform, m->user_id, &n)
                               : store_notice_next(ctx->st, member, ctx->now, &n);
        if (rc == BOT_NOTFOUND)
            return BOT_OK; /* every one shown */
        if (rc != BOT_OK)
            return rc;
        /* a digest line (【今日转告】3号楼 李奶奶 收不到…：text), each its own notice bound to its order: the reply's
         * lines under one heading, one message however many there are */
        static const char tag[] = HD_DIGEST_TAG, ask[] = " " HD_DIGEST_ASK;
        const char *who = strncmp(n.text, tag, sizeof tag - 1) == 0 ? n.text + sizeof tag - 1 : NULL;
        const char *body = who ? strstr(who, ask) : NULL;
        const char *heading = body && !*in_digest ? HD_DIGEST_TAG "这些邻居" HD_DIGEST_ASK : "";
        if (*len + strlen(*sep) + strlen(heading) + strlen(n.text) + NOTICE_TAIL >= sizeof out->text) {
            *full = 1;
            return BOT_OK;
        }
        if (!n.whole)
            hd_mask_phones(n.text);
        if (body) {
            bot_appendf(out->text, sizeof out->text, len, "%s%s\n· %.*s：%s", *in_digest ? "" : *sep, heading,
                        (int)(body - who), who, body + sizeof ask - 1);
            *in_digest = 1;
        } else {
            bot_appendf(out->text, sizeof out->text, len, "%s%s", *sep, n.text);
            *in_digest = 0;
        }
        *sep = "\n";
        if ((rc = store_notice_delivered(ctx->st, n.id, ctx->now, "reply")) != BOT_OK)
            return rc;
    }
}

static enum bot_rc deliver_notice(const struct hd_ctx *ctx, const struct hd_msg *m, const struct store_member *me,
                                  const struct nlp_result *nr, struct hd_reply *out)
{
    enum bot_rc rc;
    size_t len = strlen(out->text);
    const char *sep = nr->intent == NLP_NOTICES ? "" : "\n【给您的消息】"; /* 消息 says the header itself */
    int full = 0, in_digest = 0;
    if (m->is_group)
        return BOT_OK; /* never, whoever calls */
    /* the reply's own numbers masked now, each notice's as it is added (finish_reply leaves them) */
    hd_mask_phones(out->text);
    len = strlen(out->text);
    out->masked = 1;
    /* this identity's own, then the member's */
    if (me->ident_notice && (rc = append_notices(ctx, m, me->id, 1, out, &len, &sep, &full, &in_digest)) != BOT_OK)
        return rc;
    if (full) {
        bot_appendf(out->text, sizeof out->text, &len, "\n（还有消息，回复「消息」查看）");
        return BOT_OK;
    }
    if (!me->notices)
        return BOT_OK;
    size_t before = len;
    if ((rc = append_notices(ctx, m, me->id, 0, out, &len, &sep, &full, &in_digest)) != BOT_OK)
        return rc;
    if (len == before && nr->intent == NLP_NOTICES && !me->ident_notice) { /* another message took them meanwhile */
        hd_say(out, "没有新消息。");
        return BOT_OK;
    }
    if (!full)
        return BOT_OK;
    int left = 0;
    if ((rc = store_notices_waiting(ctx->st, me->id, ctx->now, &left)) != BOT_OK)
        return rc;
    bot_appendf(out->text, sizeof out->text, &len, "\n（还有 %d 条消息，回复「消息」查看）", left);
    return BOT_OK;
}

/* The script this message says she writes in: 1 traditional, 0 simplified, -1 neither (好的, #2, 消息 read the same in
 * both), and then the reply's is the one remembered (nr->traditional set for it). Only a member remembered as writing
 * traditional (remembered) is read for simplified: one OpenCC pass over her text, never for anyone else. */
static int script_said(const struct hd_ctx *ctx, const struct hd_msg *m, struct nlp_result *nr, int remembered)
{
    if (nr->traditional)
        return 1;
    if (!remembered || !ctx->nlp)
        return -1;
    size_t sz = strlen(m->text) * 3 + 16;
    char *t = malloc(sz);
    if (!t)
        return -1;
    int said = nlp_to_traditional(ctx->nlp, m->text, t, sz) == BOT_OK && strcmp(t, m->text) != 0 ? 0 : -1;
    free(t);
    if (said < 0)
        nr->traditional = 1; /* 消息, #2: in the script she writes in */
    return said;
}

/* Her script remembered in a transaction of its own (a read, or a message refused and rolled back, writes nothing
 * else): play-test 13's traditional-script elder read simplified whenever her message was script-neutral. */
static enum bot_rc remember_script(const struct hd_ctx *ctx, int64_t member, int traditional)
{
    enum bot_rc rc = store_begin(ctx->st);
    if (rc != BOT_OK)
        return rc;
    if ((rc = store_member_set_int(ctx->st, member, STORE_MF_SCRIPT, traditional)) != BOT_OK) {
        store_rollback(ctx->st);
        return rc;
    }
    return store_commit(ctx->st);
}

/* Every reply: phone numbers masked; in a group, every address cut to the
 * building, whatever put it there (a location, an echoed text, a notice);
 * then in traditional script to a member who writes in it. */
static void finish_reply(const struct hd_ctx *ctx, const struct hd_msg *m, const struct nlp_result *nr,
                         struct hd_reply *out)
{
    if (!out->has_reply)
        return;
    if (!out->masked)
        hd_mask_phones(out->text);
    if (m->is_group)
        hd_mask_address(out->text);
    hd_reply_script(ctx, nr, out);
}

/* The command word that shows a member's own figures privately, or NULL when
 * the reply to nr carries nothing personal: a balance, the journal, one's orders. */
static const char *personal_word(const struct nlp_result *nr)
{
    switch (nr->intent) {
    case NLP_BALANCE:
        return "查积分";
    case NLP_HISTORY:
        return "积分明细";
    case NLP_LIST_REQUESTS:
        return nr->mine == 1 ? "我的求助" : nr->mine == 2 ? "我接的单" : nr->mine ? "我的单子" : NULL;
    default:
        return NULL;
    }
}

/* The most lines a reply in a group may have (docs/voice.md): a group is read
 * at a glance, on a phone, between other people's messages. */
#define GROUP_LINES 3

static int lines_of(const char *s)
{
    int n = *s ? 1 : 0;
    for (; *s; s++)
        n += *s == '\n' && s[1];
    return n;
}

/* The command word that asks for a long answer again, privately. */
static const char *long_word(const struct nlp_result *nr)
{
    switch (nr->intent) {
    case NLP_LIST_REQUESTS:
        return "有什么需求";
    case NLP_HELP:
        return "帮助";
    case NLP_COMPLAINT_LIST:
        return "投诉列表";
    case NLP_REVIEW_LIST:
        return "待审核";
    case NLP_LEADERBOARD:
        return "排行榜";
    case NLP_NOTICES:
        return "消息";
    default:
        return NULL;
    }
}

/* Does this group reply leave the group: the member's own figures, or more
 * than GROUP_LINES lines? */
static int group_private(const struct hd_msg *m, const struct nlp_result *nr, const struct hd_reply *out)
{
    return m->is_group && out->has_reply && ((personal_word(nr) && !out->open) || lines_of(out->text) > GROUP_LINES);
}

/* In a group, a reply with the member's own figures, or a long one (lists,
 * histories, 帮助), goes privately, inside the caller's write transaction:
 * pushed to the sender where the platform can push privately (the group reads
 * one line: 已私信您). Where it cannot, the group reads how to ask in a
 * private chat: never a figure in the group, and of a long answer only its
 * first lines, GROUP_LINES in all with the pointer. */
static enum bot_rc group_personal(const struct hd_ctx *ctx, const struct hd_msg *m, const struct nlp_result *nr,
                                  struct hd_reply *out, int64_t member)
{
    if (!group_private(m, nr, out))
        return BOT_OK;
    const char *word = personal_word(nr);
    char named[96]; /* another member's balance is asked again with her name: 查积分 would show the sender's own */
    if (word && (nr->intent == NLP_BALANCE || nr->intent == NLP_HISTORY) && nr->nnames > 0) {
        snprintf(named, sizeof named, nr->intent == NLP_BALANCE ? "查一下%s的积分" : "%s的积分明细", nr->names[0]);
        word = named;
    }
    if (hd_can_push_private(ctx, m->platform, m->user_id)) {
        hd_mask_phones(out->text);
        hd_reply_script(ctx, nr, out);
        enum bot_rc rc = hd_push_reply(ctx, member, m->platform, m->user_id, out->text);
        if (rc != BOT_OK)
            return rc;
        hd_say(out, word ? "已私信您，请在和我的私聊里查看。" : "内容较长，已私信您，请在和我的私聊里查看。");
        return hd_say_open_private(ctx, m, out);
    }
    if (word) {
        hd_say(out, "个人积分和单子不在群里显示：请私聊我发「%s」。", word);
        return BOT_OK;
    }
    /* the first lines, then where the rest is */
    char *cut = out->text;
    for (int i = 0; i < GROUP_LINES - 1 && cut; i++)
        cut = strchr(cut, '\n') ? strchr(cut, '\n') + 1 : NULL;
    if (!cut)
        return BOT_OK;
    size_t len = (size_t)(cut - out->text);
    const char *again = long_word(nr);
    if (again)
        bot_appendf(out->text, sizeof out->text, &len, "……其余请私聊我发「%s」查看。", again);
    else
        bot_appendf(out->text, sizeof out->text, &len, "……其余请私聊我，发同样的话查看。");
    return BOT_OK;
}

/* Staff's sanctions and corrections on one member (禁止接单, 解除禁止, 停用, 恢复, 恶意取消, 处理投诉, 调整积分): personal to
 * that member, so never read by a group. */
static int sanction(const struct nlp_result *nr)
{
    switch (nr->intent) {
    case NLP_ACCEPT_BAN: case NLP_ACCEPT_UNBAN: case NLP_SUSPEND: case NLP_UNSUSPEND: case NLP_MALICIOUS:
    case NLP_RESOLVE: case NLP_ADJUST:
        return 1;
    default:
        return 0;
    }
}

/* A sanction's reply to staff in a group (sanction()) goes to them privately, whole: pushed where the platform can,
 * the group reading only 已处理，详情已私信您 (refused: 这次没有办理…, the push kept: *outcome HD_COUNTED); where it
 * cannot, a change's reply waits as the sender's notice (私聊我发「消息」), a refusal's is to be asked again privately.
 * The member sanctioned is told privately by the handler already. */
static enum bot_rc sanction_private(struct hd_call *c, enum hd_outcome *outcome)
{
    int changed = *outcome != HD_REFUSED;
    enum bot_rc rc;
    if (hd_can_push_private(c->ctx, c->msg->platform, c->msg->user_id)) {
        struct hd_reply own; /* as a reply reads: in the writer's script */
        memset(&own, 0, sizeof own);
        hd_say(&own, "%s", c->out->text);
        hd_reply_script(c->ctx, c->nr, &own);
        if ((rc = hd_push_reply(c->ctx, c->me ? c->me->id : 0, c->msg->platform, c->msg->user_id, own.text)) != BOT_OK)
            return rc;
        hd_say(c->out, changed ? "已处理，详情已私信您。" : "这次没有办理，原因已私信您。");
        if (!changed)
            *outcome = HD_COUNTED; /* the push stays; nothing else was changed */
        return hd_say_open_private(c->ctx, c->msg, c->out);
    }
    if (!changed) {
        hd_say(c->out, "这次没有办理，详情请私聊我，发同样的话查看。");
        return BOT_OK;
    }
    int pushed = 0;
    if ((rc = hd_tell(c->ctx, c->me->id, "own_note", c->out->text, &pushed)) != BOT_OK)
        return rc;
    hd_say(c->out, pushed ? "已处理，详情已私信您。" : "已处理，详情请私聊我发「消息」查看。");
    return BOT_OK;
}

/* An order command read from everyday words in a group (好了谢谢, 我到了: no number, no command word, the bot not
 * called): the order it would act on is guessed from the member's own. When none fits, the refusal stays unsaid:
 * the words were most likely talk among neighbours (helper-56). */
static int guessed_in_group(const struct hd_msg *m, const struct nlp_result *nr, const struct store_pending *asked)
{
    if (!m->is_group || nr->addressed || nr->command || nr->request_id || asked)
        return 0;
    switch (nr->intent) {
    case NLP_ACCEPT: case NLP_START: case NLP_FINISH: case NLP_CONFIRM: case NLP_RATE: case NLP_CANCEL:
        return 1;
    case NLP_ACTIVITY_SIGN: /* 签到 alone (a daily habit in groups) when no activity is open */
        return nr->activity_id == 0;
    default:
        return 0;
    }
}

/* A group message that did not call the bot, not written as a command, about an order the sender has no part in (not
 * hers, not his to serve, not a 楼长's or staff's): refused, it is the neighbours' talk and its refusal is noise
 * (play-test 15: 12号单取消吧 银行周一人多 from a neighbour was told 只有发布人…才能取消); */
static int others_order_talk(const struct hd_call *c, const struct store_member *me)
{
    const struct hd_msg *m = c->msg;
    const struct nlp_result *nr = c->nr;
    if (!m->is_group || nr->addressed || nr->command || !nr->request_id || c->answered || c->ask_kind[0] ||
        hd_is_manager(c))
        return 0;
    struct store_request r;
    if (store_request_get(c->ctx->st, nr->request_id, &r) != BOT_OK)
        return 0;
    /* or a step already past of one that is (6号单完成了 马奶奶说谢谢大家 once it was: 现在不能结束服务 was noise) */
    int past = r.status == STORE_REQ_FINISHED || r.status == STORE_REQ_CONFIRMED || r.status == STORE_REQ_CANCELLED ||
               r.status == STORE_REQ_EXPIRED;
    int step = nr->intent == NLP_ACCEPT || nr->intent == NLP_START || nr->intent == NLP_FINISH;
    return (r.requester_id != me->id && r.volunteer_id != me->id) || (past && step);
}

/* Should a group message get an answer at all? */
static int triggered(const struct hd_ctx *ctx, const struct hd_msg *m, const struct nlp_result *nr)
{
    if (!m->is_group)
        return 1;
    /* 查积分 @王强, [CQ:at,qq=2001] 我的单子: the sender's own figures or orders with another member @-mentioned and the
     * bot not called are said to that member (play-test 17) */
    if (!nr->addressed && nr->nmentions > 0 && personal_word(nr))
        return 0;
    if (nr->intent == NLP_UNLINK)
        return nr->addressed; /* never from chatter in a group */
    if (nr->intent == NLP_OFFER && !nr->skills)
        return nr->addressed; /* 我可以帮忙 to a neighbour in a group is their talk, not an offer to record */
    if (nr->intent == NLP_CONTACT_ASK)
        return nr->addressed; /* 张秀英的电话是多少 in a group is asked of the neighbours; the bot answers when called */
    if (nr->intent == NLP_POST_REQUEST && nr->terse)
        return nr->addressed; /* 大后天下午两点 擦窗户 两个半小时 6号楼 in a group may be told to neighbours: posted when called */
    switch (ctx->set->group_trigger) {
    case HD_TRIGGER_MENTION:
        return nr->addressed;
    case HD_TRIGGER_COMMAND:
        return nr->command && nr->intent != NLP_NONE;
    default: /* a command, a call, or a question, denial or second thought about an order (#12 是谁接的, #12 我去不了), or
              * what her family or she herself told the sender of one (asked back when his to do, else unanswered);
              * not talk of what others did or of the past (#1 王师傅接了，真好: helper-67); a gift only written as a command
              * or called (我刚送了她1小时，大家也可以转赠1小时给她 moved an hour) */
        if (nr->intent == NLP_GIFT)
            return nr->addressed || nr->command;
        /* a question about an order (15号单是谁的？, 这个是啥意思) is the neighbours' talk unless it calls the bot
         * (play-test 15: sixteen status replies to group talk) */
        return nr->intent != NLP_NONE || nr->addressed || nr->no_longer ||
               (nr->request_id && (nr->mood == NLP_MOOD_NEGATED || nr->mood == NLP_MOOD_UNSURE ||
                                   (nr->mood == NLP_MOOD_REPORTED && (nr->kin_said || nr->name[0]))));
    }
}

/* 王强 接单 #7 sent by 林芳 (play-test 17, 2: she was made the volunteer): a member's name before the command, not
 * hers, says it to him; nothing is done (in a group the bot stays out of it). Her own name before it, or a word no
 * member is called (马上 接单 #7), leaves the command hers. */
static enum bot_rc lead_name_weighed(const struct hd_ctx *ctx, const struct hd_msg *m, struct nlp_result *nr)
{
    struct store_member me, named;
    int count = 0;
    enum bot_rc rc = store_member_by_identity_at(ctx->st, m->platform, m->user_id, ctx->now, &me);
    if (rc == BOT_OK && strcmp(me.name, nr->lead_name) == 0)
        return BOT_OK;
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    rc = store_member_by_name(ctx->st, nr->lead_name, &named, &count);
    if (rc == BOT_NOTFOUND)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    nr->about = nr->intent;
    nr->intent = NLP_NONE;
    nr->mood = NLP_MOOD_OTHER;
    return BOT_OK;
}

/* Find the sender, creating them inside the current write transaction. */
static enum bot_rc sender(const struct hd_ctx *ctx, const struct hd_msg *m, struct store_member *me)
{
    enum bot_rc rc = store_member_by_identity_at(ctx->st, m->platform, m->user_id, ctx->now, me);
    if (rc == BOT_NOTFOUND) {
        rc = store_member_create(ctx->st, m->platform, m->user_id, m->user_name ? m->user_name : "",
                                 (int64_t)ctx->set->rules.overdraft_hours * 60, ctx->now, me);
        if (rc == BOT_OK)
            rc = hd_seen(ctx, m, 1); /* her first message opens her push window too */
    } else if (rc == BOT_OK && !me->registered && m->user_name && *m->user_name &&
               strcmp(me->name, m->user_name) != 0) {
        rc = store_member_set_name(ctx->st, me->id, m->user_name);
        if (rc == BOT_OK)
            bot_strlcpy(me->name, m->user_name, sizeof me->name);
    }
    return rc;
}

/* The conversation's bookkeeping, inside the caller's write transaction: the
 * question answered is closed, the question this reply asks is kept. */
static enum bot_rc keep_turn(const struct hd_call *c, const struct store_msg_key *who)
{
    enum bot_rc rc = BOT_OK;
    char payload[sizeof c->ask_payload + 128];
    bot_strlcpy(payload, c->ask_payload, sizeof payload);
    if (c->ask_kind[0] && strcmp(c->ask_kind, "more") != 0) {
        /* another question in place of an open page of the list: the page goes along (play-test: 能接#70吗, 是, then
         * 更多 started the list over) */
        struct store_pending was;
        rc = store_pending_get(c->ctx->st, who, c->ctx->now, &was);
        if (rc == BOT_OK && strcmp(was.kind, "more") == 0)
            hd_carry_page(was.payload, payload, sizeof payload);
        if (rc != BOT_OK && rc != BOT_NOTFOUND)
            return rc;
        rc = BOT_OK;
    }
    if (c->answered || c->ask_kind[0])
        rc = store_pending_clear(c->ctx->st, who);
    if (rc == BOT_OK && c->ask_kind[0])
        rc = store_pending_put(c->ctx->st, who, c->ask_kind, payload, c->ctx->now,
                               c->ctx->now + (c->msg->is_group ? HD_ASK_GROUP_SECONDS : HD_ASK_SECONDS));
    return rc;
}

/* The same when the command itself changed nothing: a transaction of its own. */
static enum bot_rc keep_turn_alone(const struct hd_call *c, const struct store_msg_key *who)
{
    if (!c->answered && !c->ask_kind[0])
        return BOT_OK;
    enum bot_rc rc = store_begin(c->ctx->st);
    if (rc != BOT_OK)
        return rc;
    if ((rc = keep_turn(c, who)) != BOT_OK) {
        store_rollback(c->ctx->st);
        return rc;
    }
    return store_commit(c->ctx->st);
}

/* Does a group message over the length limit call the bot? The platform's
 * mention, or @name / the bot's name in its first LONG_HEAD bytes (where a
 * call stands): the rest is not read, the text is not parsed. */
#define LONG_HEAD 512
static int long_text_addressed(const struct hd_ctx *ctx, const struct hd_msg *m)
{
    if (m->addressed)
        return 1;
    char head[LONG_HEAD + 1], norm[2 * LONG_HEAD + 64];
    size_t n = strlen(m->text);
    n = bot_utf8_cut(m->text, n < LONG_HEAD ? n : LONG_HEAD);
    memcpy(head, m->text, n);
    head[n] = '\0';
    struct nlp_result nr;
    memset(&nr, 0, sizeof nr);
    (void)nlp_normalize(ctx->nlp, head, norm, sizeof norm, &nr); /* BOT_TOOBIG is fine: a head is enough */
    return nr.addressed;
}

static enum bot_rc handle(const struct hd_ctx *ctx, const struct hd_msg *m, struct hd_reply *out)
{
    struct nlp_result nr;
    struct store_member me;
    enum bot_rc rc;
    memset(out, 0, sizeof *out);
    if (!m->text || !m->user_id || !*m->user_id)
        return BOT_INVALID;
    if ((rc = hd_seen(ctx, m, 0)) != BOT_OK) /* her push window (WeChat) opens again, whatever she said */
        return rc;
    if (m->unreadable) { /* a voice with no transcript: privately, ask her to type; a group's stays unanswered */
        if (!m->is_group)
            hd_say(out, "抱歉，我还听不了这条语音，请打字发给我，比如「查积分」「我的单子」。");
        return BOT_OK;
    }
    size_t chars = 0;
    for (const char *p = m->text; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80; /* UTF-8 code points */
    if (ctx->set->max_text_chars > 0 && chars > (size_t)ctx->set->max_text_chars) {
        /* privately always; in a group only when it calls the bot (chatter stays unanswered) */
        if (!m->is_group || long_text_addressed(ctx, m))
            hd_say(out, "消息太长了，请简短一些（最多 %d 个字）。", ctx->set->max_text_chars);
        return BOT_OK;
    }
    if ((rc = nlp_parse_message(ctx->nlp, m->text, m->mentions, m->nmentions, ctx->now, ctx->set->utc_offset, &nr)) !=
        BOT_OK)
        return rc;
    if (nr.emergency) /* before the trigger: in a group, addressed or not, from anyone */
        return hd_emergency(ctx, m, &nr, out);
    if (nr.lead_name[0] && (rc = lead_name_weighed(ctx, m, &nr)) != BOT_OK)
        return rc;
    if (m->addressed)
        nr.addressed = 1;
    struct hd_call call = {ctx, m, &nr, NULL, out, 0, 0, "", "", 0, NULL};
    const struct hd_command *cmd = hd_command_of(nr.intent);
    /* the member's open question in this chat, when this could answer it */
    struct store_msg_key who = {m->platform, m->is_group ? m->chat_id : "", m->user_id, NULL};
    struct store_pending *asked = NULL, pending;
    int could = hd_could_answer(&nr, m->is_group ? NULL : m->text); /* a yes with more said: privately only */
    if (could || hd_take_or_end_word(m->text)) { /* 接单 / 结束 alone answers 结单 #3's question, and no other */
        rc = store_pending_get(ctx->st, &who, ctx->now, &pending);
        if (rc == BOT_OK) {
            if (could || strcmp(pending.kind, "take_or_end") == 0)
                asked = &pending;
        } else if (rc != BOT_NOTFOUND) {
            return rc;
        }
    }
    /* in a group the answer to the bot's own question needs no trigger */
    if (!asked && !triggered(ctx, m, &nr))
        return BOT_OK;
    /* her open question in this chat that this message may leave unanswered: once the bot has answered another
     * message of hers, the question is no longer the last thing said between them, and a later bare 是 or 好的 is
     * about that answer, never the old question (play-test 18: 能帮我取消#7吗, 7号是谁接的？, 是的 cancelled #7).
     * A page of a list (更多) is no question and stays. */
    int open = asked != NULL;
    if (!asked) {
        rc = store_pending_get(ctx->st, &who, ctx->now, &pending);
        if (rc == BOT_OK)
            open = 1;
        else if (rc != BOT_NOTFOUND)
            return rc;
    }
    if (open && strcmp(pending.kind, "more") == 0)
        open = 0;

    if (cmd->read && !asked) {
        /* reads write nothing, not even a de-dup row (a pending notice aside) */
        rc = store_member_by_identity_at(ctx->st, m->platform, m->user_id, ctx->now, &me);
        if (rc == BOT_OK)
            call.me = &me;
        else if (rc != BOT_NOTFOUND)
            return rc;
        if (call.me && me.roles && (rc = hd_link_state(&call)) != BOT_OK) /* a held identity reads as a member */
            return rc;
        int said = script_said(ctx, m, &nr, call.me ? me.traditional : 0);
        if (call.me && said >= 0 && said != me.traditional && (rc = remember_script(ctx, me.id, said)) != BOT_OK)
            return rc;
        if (!hd_command_refused(&call, cmd) && (rc = cmd->read(&call)) != BOT_OK)
            return rc;
        if (open && out->has_reply)
            call.answered = 1; /* her open question is closed by this answer (above) */
        if ((rc = keep_turn_alone(&call, &who)) != BOT_OK)
            return rc;
        if (group_private(m, &nr, out)) {
            if ((rc = store_begin(ctx->st)) != BOT_OK)
                return rc;
            if ((rc = group_personal(ctx, m, &nr, out, call.me ? call.me->id : 0)) != BOT_OK) {
                store_rollback(ctx->st);
                memset(out, 0, sizeof *out);
                return rc;
            }
            if ((rc = store_commit(ctx->st)) != BOT_OK)
                return rc;
        }
        if (call.me && (me.notices || me.ident_notice) && out->has_reply && !m->is_group && !m->member_id) {
            if ((rc = store_begin(ctx->st)) != BOT_OK)
                return rc;
            if ((rc = deliver_notice(ctx, m, &me, &nr, out)) != BOT_OK) {
                store_rollback(ctx->st);
                return rc;
            }
            if ((rc = store_commit(ctx->st)) != BOT_OK)
                return rc;
        }
        finish_reply(ctx, m, &nr, out);
        return BOT_OK;
    }

    if ((rc = store_begin(ctx->st)) != BOT_OK)
        return rc;
    int dedup = m->message_id && *m->message_id;
    struct store_msg_key key = {m->platform, m->is_group ? m->chat_id : "", m->user_id, m->message_id};
    if (dedup) {
        int has_reply = 0;
        rc = store_inbox_get(ctx->st, &key, out->text, sizeof out->text, &has_reply);
        if (rc == BOT_OK) { /* seen before: the first answer again, nothing done */
            out->has_reply = has_reply;
            out->replayed = 1;
            store_rollback(ctx->st);
            return BOT_OK;
        }
        if (rc != BOT_NOTFOUND)
            goto error_out;
    }
    if ((rc = sender(ctx, m, &me)) != BOT_OK)
        goto error_out;
    call.me = &me;
    int said = script_said(ctx, m, &nr, me.traditional), script_moved = said >= 0 && said != me.traditional;
    if (script_moved && (rc = store_member_set_int(ctx->st, me.id, STORE_MF_SCRIPT, said)) != BOT_OK)
        goto error_out;
    struct hd_ctx acting = *ctx; /* what this message makes happen is his doing: not told back to him (notify.c) */
    acting.actor = me.id;
    call.ctx = &acting;
    if ((rc = hd_link_state(&call)) != BOT_OK)
        goto error_out;
    enum hd_outcome outcome = HD_REFUSED;
    enum hd_turn turn = HD_TURN_ON;
    if (asked && (rc = hd_answer(&call, asked, &nr, &turn, &outcome)) != BOT_OK)
        goto error_out;
    if (turn == HD_TURN_RUN)
        cmd = hd_command_of(nr.intent); /* the command the answer completes */
    if (turn == HD_TURN_DONE) {
        /* answered: the reply is said */
    } else if (me.suspended && !hd_is_admin(&call) && !hd_suspended_may(&call)) { /* hers to hear, not her group's */
        int pushed = 0;
        /* what she may still do is said with what she may not (play-test 16: refused her own 确认, she could not
         * dispute what the auto-confirm then took) */
        if ((rc = hd_say_own(&call, "这件事暂时不能为您办理", NULL,
                             "您的账户已暂停使用，暂时不能发布求助、接单、开始服务、转赠或兑换。" HD_SUSPENDED_STILL
                             "有疑问请联系工作人员。",
                             &pushed)) != BOT_OK)
            goto error_out;
        if (pushed)
            outcome = HD_COUNTED; /* the push stays */
    } else if (!hd_command_refused(&call, cmd) &&
               (rc = cmd->read ? cmd->read(&call) : cmd->write(&call, &outcome)) != BOT_OK) {
        goto error_out;
    }
    /* staff's sanction typed in a group: personal, told to staff privately (the member is told privately already) */
    if (m->is_group && out->has_reply && sanction(&nr) && hd_is_admin(&call) &&
        (rc = sanction_private(&call, &outcome)) != BOT_OK)
        goto error_out;
    if (outcome == HD_REFUSED) {
        store_rollback(ctx->st); /* a refusal changes nothing */
        if (script_moved && (rc = remember_script(ctx, me.id, said)) != BOT_OK) { /* but her script is hers */
            memset(out, 0, sizeof *out);
            return rc;
        }
        if ((guessed_in_group(m, &nr, asked) && !call.ask_kind[0] && !call.answered) || others_order_talk(&call, &me)) {
            memset(out, 0, sizeof *out); /* 好了谢谢, 我到了 in a group, no order of hers fits: her talk, not ours */
            return BOT_OK;
        }
        if (open && out->has_reply && turn != HD_TURN_DONE)
            call.answered = 1;
        if ((rc = keep_turn_alone(&call, &who)) != BOT_OK) {
            memset(out, 0, sizeof *out);
            return rc;
        }
        /* but the notices waiting for the member still ride on it, in a transaction of their own — with the
         * message's inbox row, so a retry (the platform never got this answer) gets the notices again */
        if ((me.notices || me.ident_notice) && out->has_reply && !m->is_group && !m->member_id) {
            if ((rc = store_begin(ctx->st)) != BOT_OK)
                return rc;
            if ((rc = deliver_notice(ctx, m, &me, &nr, out)) == BOT_OK) {
                finish_reply(ctx, m, &nr, out);
                if (dedup)
                    rc = store_inbox_put(ctx->st, &key, out->has_reply ? out->text : NULL, ctx->now);
            }
            if (rc != BOT_OK || (rc = store_commit(ctx->st)) != BOT_OK) {
                store_rollback(ctx->st);
                memset(out, 0, sizeof *out);
                return rc;
            }
            return BOT_OK;
        }
        finish_reply(ctx, m, &nr, out);
        return BOT_OK;
    }
    if (open && out->has_reply && turn != HD_TURN_DONE)
        call.answered = 1;
    if ((rc = keep_turn(&call, &who)) != BOT_OK)
        goto error_out;
    /* HD_CHANGED, and HD_COUNTED (a refusal whose bookkeeping stays), commit */
    if ((rc = group_personal(ctx, m, &nr, out, call.me ? call.me->id : 0)) != BOT_OK)
        goto error_out;
    if ((me.notices || me.ident_notice) && out->has_reply && !m->is_group && !m->member_id &&
        (rc = deliver_notice(ctx, m, &me, &nr, out)) != BOT_OK)
        goto error_out;
    finish_reply(ctx, m, &nr, out);
    if (dedup && (rc = store_inbox_put(ctx->st, &key, out->has_reply ? out->text : NULL, ctx->now)) != BOT_OK)
        goto error_out;
    return store_commit(ctx->st);
error_out:
    store_rollback(ctx->st);
    memset(out, 0, sizeof *out);
    return rc;
}

/* A message's reads share one read transaction (one snapshot, one WAL read mark) until its first write begins. */
enum bot_rc hd_handle(const struct hd_ctx *ctx, const struct hd_msg *m, struct hd_reply *out)
{
    enum bot_rc rc = store_read_begin(ctx->st);
    if (rc != BOT_OK) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    rc = handle(ctx, m, out);
    store_read_end(ctx->st);
    return rc;
}
