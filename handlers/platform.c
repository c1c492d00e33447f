/* platform.c — groups and people across platforms: a manager binds a group
 * chat to a building; a member links a second identity with a one-time code. */
#include <openssl/rand.h>
#include <string.h>

#include "handlers.h"

#define LINK_CODE_SECONDS 600

enum bot_rc hd_bind(struct hd_call *c, enum hd_outcome *outcome)
{
    *outcome = HD_REFUSED;
    if (!hd_is_manager(c)) {
        hd_say(c->out, "抱歉，只有楼长或工作人员可以绑定群。");
        return BOT_OK;
    }
    if (!c->msg->is_group || !c->msg->chat_id || !*c->msg->chat_id) {
        hd_say(c->out, "请在要绑定的群里发「绑定 3号楼」。");
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

enum bot_rc hd_link(struct hd_call *c, enum hd_outcome *outcome)
{
    enum bot_rc rc;
    *outcome = HD_REFUSED;
    if (!c->nr->code[0]) {
        /* step 1: a code for this member, shown only in a private chat */
        if (c->msg->is_group) {
            hd_say(c->out, "为了安全，请私聊我发「关联账号」获取验证码。");
            return BOT_OK;
        }
        unsigned char r[4];
        if (RAND_bytes(r, sizeof r) != 1)
            return BOT_ERR;
        char code[8];
        snprintf(code, sizeof code, "%06u", (unsigned)(((uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 |
                                                        (uint32_t)r[2] << 8 | r[3]) % 1000000u));
        if ((rc = store_link_code_put(c->ctx->st, code, c->me->id, c->ctx->now + LINK_CODE_SECONDS)) != BOT_OK)
            return rc;
        hd_say(c->out, "您的验证码是 %s（10 分钟内有效）。在另一个平台私聊我发「关联 %s」，两边的积分就合在一起了。", code,
               code);
        *outcome = HD_CHANGED;
        return BOT_OK;
    }
    /* step 2: this identity joins the member who asked for the code */
    int64_t owner = 0;
    rc = store_link_code_take(c->ctx->st, c->nr->code, c->ctx->now, &owner);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "验证码不对或已过期，请重新获取。");
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (owner == c->me->id) {
        hd_say(c->out, "这个账号已经是您的了。");
        return BOT_OK;
    }
    int has = 0;
    if ((rc = store_member_has_history(c->ctx->st, c->me, &has)) != BOT_OK)
        return rc;
    if (has) {
        hd_say(c->out, "这个账号已经有积分或求助记录，不能直接关联，请联系工作人员合并。");
        return BOT_OK;
    }
    if ((rc = store_identity_move(c->ctx->st, c->msg->platform, c->msg->user_id, owner)) != BOT_OK)
        return rc;
    struct store_member m;
    if ((rc = store_member_get(c->ctx->st, owner, &m)) != BOT_OK)
        return rc;
    hd_say(c->out, "关联成功！%s，您在这里也能用同一个积分账户了。", hd_display_name(&m));
    *outcome = HD_CHANGED;
    return BOT_OK;
}
