/* platform.c — groups and people across platforms: a manager binds a group
 * chat to a building; a member links a second identity with a one-time code,
 * guarded against guessing, announced to the member's original identity,
 * held back from the account's credit for a while, and undone with 解除关联. */
#include <openssl/rand.h>
#include <string.h>

#include "handlers.h"

#define LINK_CODE_SECONDS 600
#define LINK_WRONG_WINDOW 86400        /* a claimant's wrong tries count for 24 h */
#define LINK_UNDO_SECONDS (7 * 86400)  /* 解除关联 from the original identity reaches links this recent */
#define LINK_MAX_IDENTITIES 16
#define LINK_MAX_LISTED 8              /* recent links 解除关联 lists to choose from */
#define LINK_DEAD_BATCH 32

enum bot_rc hd_bind(struct hd_call *c, enum hd_outcome *outcome)
{
    *outcome = HD_REFUSED;
    if (!c->msg->is_group || !c->msg->chat_id || !*c->msg->chat_id) {
        hd_say(c->out, "请在要绑定的群里发「绑定 3号楼」。");
        return BOT_OK;
    }
    const struct hd_platform *pf = hd_platform_of(c->ctx, c->msg->platform);
    if (pf && pf->bound_by_config) { /* its pushes reach only the robot's own group, named in bot.ini */
        hd_say(c->out, "%s的群由工作人员在设置里绑定楼号，不能在群里绑定，请联系工作人员。", pf->label);
        return BOT_OK;
    }
    if (!c->nr->building[0]) {
        hd_say(c->out, "请写明楼号，例如「绑定 3号楼」。");
        return BOT_OK;
    }
    enum bot_rc rc = store_bind_chat(c->ctx->st, c->msg->platform, c->msg->chat_id, c->nr->building, c->me->id,
                                     c->ctx->now);
    if (rc != BOT_OK)
        return rc;
    hd_say(c->out, "本群已绑定%s：%s的求助提醒和排行会发到这里。", c->nr->building, c->nr->building);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* A fresh code for member, living until `until`, replacing any code they held. */
static enum bot_rc put_code(struct hd_call *c, int64_t member, int64_t until, char code[8])
{
    enum bot_rc rc = BOT_DUP;
    for (int tries = 0; tries < 8 && rc == BOT_DUP; tries++) {
        unsigned char r[4];
        if (RAND_bytes(r, sizeof r) != 1)
            return BOT_ERR;
        snprintf(code, 8, "%06u", (unsigned)(((uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 |
                                                        (uint32_t)r[2] << 8 | r[3]) % 1000000u));
        rc = store_link_code_put(c->ctx->st, code, member, c->ctx->now, until);
    }
    return rc;
}

/* Step 1: a fresh code for this member, replacing any code they held. */
static enum bot_rc new_code(struct hd_call *c, enum hd_outcome *outcome)
{
    char code[8];
    if (c->msg->is_group) {
        hd_say(c->out, "为了安全，请私聊我发「关联账号」获取验证码。");
        return BOT_OK;
    }
    enum bot_rc rc = put_code(c, c->me->id, c->ctx->now + LINK_CODE_SECONDS, code);
    if (rc != BOT_OK)
        return rc;
    hd_say(c->out, "您的验证码是 %s（10 分钟内有效，之前的验证码随之作废）。在另一个平台私聊我发「关联 %s」，"
                   "两边的积分就合在一起了。请勿把验证码告诉别人。", code, code);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_link_for(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member m;
    int count = 0, ids = 0;
    char code[8];
    *outcome = HD_REFUSED;
    if (c->msg->is_group) {
        hd_say(c->out, "验证码不能发在群里，请私聊我发「关联码 %s」。", c->nr->name[0] ? c->nr->name : "姓名");
        return BOT_OK;
    }
    if (!c->nr->name[0]) {
        hd_say(c->out, "请写明为谁要验证码，例如「关联码 李奶奶」。");
        return BOT_OK;
    }
    enum bot_rc rc = store_member_by_name(c->ctx->st, c->nr->name, &m, &count);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "没有找到登记的「%s」。没有手机的老人请先「代注册 %s 楼号」。", c->nr->name, c->nr->name);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (count > 1) {
        hd_say(c->out, "有 %d 位叫「%s」的邻居，请工作人员帮忙区分。", count, c->nr->name);
        return BOT_OK;
    }
    if ((rc = store_member_identity_count(c->ctx->st, m.id, &ids)) != BOT_OK)
        return rc;
    if (ids > 0) {
        hd_say(c->out, "%s 已经有自己的聊天账号了。想在另一个平台用，请用原账号私聊我发「关联账号」。", m.name);
        return BOT_OK;
    }
    if (!hd_is_admin(c) && m.created_by != c->me->id && strcmp(m.building, c->me->manager_building) != 0) {
        hd_say(c->out, "%s 不是您楼里的邻居，请找%s的楼长或工作人员。", m.name, m.building[0] ? m.building : "那栋楼");
        return BOT_OK;
    }
    int hours = c->ctx->set->rules.elder_link_code_hours;
    if ((rc = put_code(c, m.id, c->ctx->now + (int64_t)hours * 3600, code)) != BOT_OK)
        return rc;
    hd_say(c->out, "%s 的验证码是 %s（%d 小时内有效，再要一次则旧的作废）。请当面交给本人或家人："
                   "用他们自己的微信或 QQ 私聊我发「关联 %s」，这个积分账户就由那个账号使用了。请勿发到群里。",
           m.name, code, hours, code);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* After the reply of a link that took the identity's offers along. */
static void say_offers_moved(struct hd_call *c)
{
    size_t len = strlen(c->out->text);
    bot_appendf(c->out->text, sizeof c->out->text, &len, "您登记过能帮忙的服务也转到这个账户了。");
}

/* 关联 NNNNNN for a member nobody speaks as yet (代注册): the sender's identity becomes hers, as her original
 * identity (no link record, so no hold: the code came from her 楼长 by hand); whoever registered her is told. */
static enum bot_rc take_over(struct hd_call *c, int64_t owner, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    struct store_member m;
    enum bot_rc rc;
    if ((rc = store_identity_move(ctx->st, c->msg->platform, c->msg->user_id, owner)) != BOT_OK ||
        (rc = store_member_get(ctx->st, owner, &m)) != BOT_OK)
        return rc;
    if (m.created_by) {
        char text[256];
        snprintf(text, sizeof text, "您代注册的 %s 的积分账户已由一个%s账号接管（本人或家人），以后可以自己查积分、发求助。",
                 m.name, hd_platform_label(ctx, c->msg->platform));
        if ((rc = hd_tell(ctx, m.created_by, "elder_taken_over", text, NULL)) != BOT_OK)
            return rc;
    }
    hd_say(c->out, "关联成功！%s，这个积分账户现在就用您这个账号了。发「查积分」看余额，发「帮助」看怎么用。",
           hd_display_name(&m));
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* A wrong try: counted for the claimant and against every live code; codes
 * that have seen too many die (kept as tombstones until they expire, so a
 * late right entry is told, not counted) and their owners are told. The
 * caller commits this even though the link was refused. */
static enum bot_rc wrong_try(struct hd_call *c, int tried_before)
{
    const struct hd_ctx *ctx = c->ctx;
    enum bot_rc rc = store_link_wrong_add(ctx->st, c->msg->platform, c->msg->user_id, ctx->now,
                                          ctx->now - LINK_WRONG_WINDOW);
    if (rc != BOT_OK)
        return rc;
    int n;
    do {
        int64_t dead[LINK_DEAD_BATCH];
        if ((rc = store_link_codes_dead(ctx->st, ctx->set->link_code_max_wrong, dead, LINK_DEAD_BATCH, &n)) != BOT_OK)
            return rc;
        for (int i = 0; i < n; i++) {
            if ((rc = store_link_code_kill(ctx->st, dead[i])) != BOT_OK ||
                (rc = hd_tell(ctx, dead[i], "link_code_dead",
                              "您的关联验证码因被多次输错已作废，账户没有变化。如需关联，请私聊我重新发「关联账号」获取新的验证码。",
                              NULL)) !=
                    BOT_OK)
                return rc;
        }
    } while (n == LINK_DEAD_BATCH);
    int left = ctx->set->link_max_wrong_per_claimant - tried_before - 1;
    if (left > 0)
        hd_say(c->out, "验证码不对或已过期，请重新获取。（24 小时内还可再试 %d 次）", left);
    else
        hd_say(c->out, "验证码不对或已过期。输错次数已到上限，请 24 小时后再试。");
    return BOT_OK;
}

/* Tell the member's original identity (the one the account came from; the
 * only one whose 解除关联 reaches other identities' links) that platform was
 * linked: a notice only that identity reads, and a push now where the
 * platform can push, quiet hours or not. Never the newcomer, and never the
 * identities linked before it: one of them may be the one to fear, and they
 * can only undo their own link. A member without an original identity (its
 * first identity linked away) has its other identities told to ask staff. */
static enum bot_rc alert_owner(struct hd_call *c, int64_t owner)
{
    const struct hd_ctx *ctx = c->ctx;
    struct store_identity ids[LINK_MAX_IDENTITIES];
    int n, original = 1;
    enum bot_rc rc = store_member_originals(ctx->st, owner, ids, LINK_MAX_IDENTITIES, &n);
    if (rc == BOT_OK && n == 0) {
        original = 0;
        rc = store_member_identities(ctx->st, owner, ids, LINK_MAX_IDENTITIES, &n);
    }
    if (rc != BOT_OK)
        return rc;
    char when[HD_WHEN_MAX], text[320];
    hd_format_when(ctx->now, 0, ctx->set->utc_offset, when);
    snprintf(text, sizeof text, "%s，已关联一个%s账号到您的积分账户，如非本人操作请%s。", when,
             hd_platform_label(ctx, c->msg->platform), original ? "回复「解除关联」" : "立即联系工作人员");
    for (int i = 0; i < n; i++) {
        if (strcmp(ids[i].platform, c->msg->platform) == 0 && strcmp(ids[i].user_id, c->msg->user_id) == 0)
            continue;
        /* pushed where it can be, and then shown once: in her next private reply only when the push never went */
        int push = hd_can_push_private(ctx, ids[i].platform, ids[i].user_id);
        if (push && (rc = store_outbox_add(ctx->st, "link_alert", ids[i].platform, NULL, ids[i].user_id, text,
                                           ctx->now, ctx->now)) != BOT_OK)
            return rc;
        if ((rc = push ? store_identity_notice_pushed(ctx->st, ids[i].platform, ids[i].user_id, text, ctx->now)
                       : store_identity_notice(ctx->st, ids[i].platform, ids[i].user_id, text, ctx->now)) != BOT_OK)
            return rc;
    }
    return BOT_OK;
}

enum bot_rc hd_link(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    enum bot_rc rc;
    *outcome = HD_REFUSED;
    if (!c->nr->code[0])
        return new_code(c, outcome);
    /* a code read in a group is no secret any more: it dies there, and links nothing */
    if (c->msg->is_group) {
        int64_t owner = 0;
        rc = store_link_code_take(ctx->st, c->nr->code, ctx->now, &owner);
        if (rc != BOT_OK && rc != BOT_NOTFOUND && rc != BOT_LIMIT)
            return rc;
        if (rc == BOT_OK) {
            hd_say(c->out, "验证码发在群里就不安全了，这个已作废。请重新获取，再私聊我发「关联 新验证码」。");
            *outcome = HD_COUNTED;
        } else {
            hd_say(c->out, "关联请私聊我发「关联 验证码」，别发在群里。");
        }
        return BOT_OK;
    }
    /* step 2: this identity joins the member who asked for the code */
    int tried = 0;
    if ((rc = store_link_wrong_count(ctx->st, c->msg->platform, c->msg->user_id, ctx->now - LINK_WRONG_WINDOW,
                                     &tried)) != BOT_OK)
        return rc;
    if (tried >= ctx->set->link_max_wrong_per_claimant) {
        hd_say(c->out, "验证码输错次数太多，请 24 小时后再试。");
        return BOT_OK; /* not even checked */
    }
    int64_t owner = 0;
    rc = store_link_code_take(ctx->st, c->nr->code, ctx->now, &owner);
    if (rc == BOT_LIMIT) { /* a tombstone: the right code, killed by others' guesses; not a wrong try */
        hd_say(c->out, "这个验证码因多次被猜错已作废，请在原账号重新获取（私聊我发「关联账号」）。");
        return BOT_OK;
    }
    if (rc == BOT_NOTFOUND) {
        if ((rc = wrong_try(c, tried)) != BOT_OK)
            return rc;
        *outcome = HD_COUNTED;
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (owner == c->me->id) {
        hd_say(c->out, "这个账号已经是您的了。");
        return BOT_OK;
    }
    int has = 0;
    if ((rc = store_member_has_history(ctx->st, c->me, &has)) != BOT_OK)
        return rc;
    if (has) {
        hd_say(c->out, "这个账号已经有积分或求助记录，不能直接关联，请联系工作人员合并。");
        return BOT_OK;
    }
    /* what this identity offered (我会修水电) goes with it: left on the member it leaves, no match would reach her */
    int moved = 0;
    if ((rc = store_skills_move(ctx->st, c->me->id, owner, &moved)) != BOT_OK)
        return rc;
    int idents = 0;
    if ((rc = store_member_identity_count(ctx->st, owner, &idents)) != BOT_OK)
        return rc;
    if (idents == 0) {
        if ((rc = take_over(c, owner, outcome)) == BOT_OK && moved > 0)
            say_offers_moved(c);
        return rc;
    }
    if ((rc = store_identity_move(ctx->st, c->msg->platform, c->msg->user_id, owner)) != BOT_OK ||
        (rc = store_link_record(ctx->st, c->msg->platform, c->msg->user_id, owner, c->me->id, ctx->now)) != BOT_OK ||
        (rc = alert_owner(c, owner)) != BOT_OK)
        return rc;
    struct store_member m;
    if ((rc = store_member_get(ctx->st, owner, &m)) != BOT_OK)
        return rc;
    if (ctx->set->link_hold_hours > 0)
        hd_say(c->out, "关联成功！%s，您在这里也能用同一个积分账户了。为了安全，新关联的账号 %d 小时内不能转赠、"
                       "发布求助、接单、确认、取消或投诉，这些请先用原来的账号操作；原来的账号会收到提醒。",
               hd_display_name(&m), ctx->set->link_hold_hours);
    else
        hd_say(c->out, "关联成功！%s，您在这里也能用同一个积分账户了。原来的账号会收到提醒。", hd_display_name(&m));
    if (moved > 0)
        say_offers_moved(c);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* "11月23日 10:01 关联的其他平台账号" for link l, into buf[96]. */
static void link_name(const struct hd_ctx *ctx, const struct store_link *l, char buf[96])
{
    char when[HD_WHEN_MAX];
    hd_format_when(l->at, ctx->now, ctx->set->utc_offset, when);
    snprintf(buf, 96, "%s 关联的%s账号", when, hd_platform_label(ctx, l->platform));
}

/* Undo link l as asked by the sender; the reply names l. */
static enum bot_rc undo_link(struct hd_call *c, const struct store_link *l, int self, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    char by[192], name[96], moved_text[160] = "";
    snprintf(by, sizeof by, "%s:%s", c->msg->platform, c->msg->user_id);
    int64_t split = 0;
    int moved = 0;
    enum bot_rc rc = store_link_undo(ctx->st, l, by, (int64_t)ctx->set->rules.overdraft_hours * 60, ctx->now, &split,
                                     &moved);
    if (rc != BOT_OK)
        return rc;
    link_name(ctx, l, name);
    /* what it accepted and has not started goes back (play-test 17, 4: a stranger's identity kept the order, the
     * elder's name and a 转告 channel to her, as an unnamed account); what it posted follows it, paid by it */
    char reopened[400] = "", back[600] = "";
    int released = 0;
    if (moved && split && (rc = hd_release_unlinked(c, split, c->me, reopened, sizeof reopened, &released)) != BOT_OK)
        return rc;
    moved -= released; /* what follows it: its posted orders */
    if (reopened[0]) {
        snprintf(back, sizeof back, "它接下还没开始的求助 %s已退回、重新开放（不算爽约），需求方已收到通知。", reopened);
        if (self) { /* the account's owner hears it at the identity he keeps */
            char note[700];
            snprintf(note, sizeof note, "%s已解除关联，%s", name, back);
            if ((rc = hd_tell(ctx, c->me->id, "cancelled", note, NULL)) != BOT_OK)
                return rc;
        }
    }
    if (moved)
        snprintf(moved_text, sizeof moved_text, "它关联期间发布的 %d 个未完成的求助也随它转到新账户，不再由您的积分支付。",
                 moved);
    if (self) {
        c->me->notices = 0; /* the account's notices stay with the account */
        hd_say(c->out, "已解除%s：这个%s账号现在是一个独立的新账户，原账户的积分不会带过来。%s%s", name,
               hd_platform_label(ctx, l->platform), back, moved ? "它关联期间发布的未完成求助随它转到新账户。" : "");
    } else {
        if ((rc = store_identity_notice(ctx->st, l->platform, l->user_id,
                                        "这个账号与原积分账户的关联已被解除，现在是一个独立的新账户。",
                                        ctx->now)) != BOT_OK)
            return rc;
        hd_say(c->out, "已解除%s：它现在是一个独立的新账户，不能再使用您的积分。%s%s如有疑问请联系工作人员。", name,
               back, moved_text);
    }
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_unlink(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct hd_ctx *ctx = c->ctx;
    struct store_link l;
    *outcome = HD_REFUSED;
    /* a linked identity may only undo its own link, at any time */
    enum bot_rc rc = store_link_of_identity(ctx->st, c->msg->platform, c->msg->user_id, &l);
    if (rc == BOT_OK) {
        if (c->nr->link_id && c->nr->link_id != l.id) {
            hd_say(c->out, "这个账号是后来关联的，只能解除它自己的关联（发「解除关联」）。"
                           "要解除别的账号，请用最早使用的原账号发「解除关联」。");
            return BOT_OK;
        }
        return undo_link(c, &l, 1, outcome);
    }
    if (rc != BOT_NOTFOUND)
        return rc;
    /* the original identity undoes other identities' links of the last 7 days */
    struct store_link recent[LINK_MAX_LISTED];
    int n = 0;
    if ((rc = store_link_list(ctx->st, c->me->id, ctx->now - LINK_UNDO_SECONDS, recent, LINK_MAX_LISTED, &n)) != BOT_OK)
        return rc;
    if (n == 0) {
        hd_say(c->out, "最近 7 天没有新关联到您账户的账号，不需要解除。如需拆分账户请联系工作人员。");
        return BOT_OK;
    }
    if (c->nr->link_id) {
        for (int i = 0; i < n; i++)
            if (recent[i].id == c->nr->link_id)
                return undo_link(c, &recent[i], 0, outcome);
    } else if (n == 1) {
        return undo_link(c, &recent[0], 0, outcome);
    }
    /* several (or a number that is not one of them): the member chooses, nothing is undone yet */
    size_t len = 0;
    char *buf = c->out->text;
    bot_appendf(buf, sizeof c->out->text, &len, "%s最近 7 天有 %d 个账号关联到您的积分账户，请回复要解除的那一个：",
                c->nr->link_id ? "没有找到这个编号。" : "", n);
    for (int i = 0; i < n; i++) {
        char name[96];
        link_name(ctx, &recent[i], name);
        bot_appendf(buf, sizeof c->out->text, &len, "\n· %s：回复「解除关联 %lld」", name, (long long)recent[i].id);
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

enum bot_rc hd_link_state(struct hd_call *c)
{
    struct store_link l;
    c->link_id = 0;
    c->held_until = 0;
    if (!c->me)
        return BOT_OK;
    enum bot_rc rc = store_link_of_identity(c->ctx->st, c->msg->platform, c->msg->user_id, &l);
    if (rc == BOT_NOTFOUND)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    c->link_id = l.id;
    int64_t until = l.at + (int64_t)c->ctx->set->link_hold_hours * 3600;
    if (c->ctx->now < until) {
        c->held_until = until;
        /* no staff powers either: a guessed code must not make anyone a 楼长 or admin */
        c->me->roles = 0;
        c->me->manager_building[0] = '\0';
    }
    return BOT_OK;
}

int hd_link_held(struct hd_call *c, const char *what)
{
    if (!c->held_until)
        return 0;
    char when[HD_WHEN_MAX];
    hd_format_when(c->held_until, c->ctx->now, c->ctx->set->utc_offset, when);
    hd_say(c->out, "为了安全，刚关联的账号 %d 小时内不能%s（到 %s 为止），账户里的积分暂时只有原来的账号能动用。"
                   "请用原来的账号操作，或到时再试。",
           c->ctx->set->link_hold_hours, what, when);
    return 1;
}
