/* console_link.c — 后台 and 退出后台: a one-time link to the web console, and ending its sessions. */
#include "handlers.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>

void hd_token_hash(const char *token, char out[HD_TOKEN_HASH])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    out[0] = '\0';
    if (EVP_Digest(token, strlen(token), md, &n, EVP_sha256(), NULL) != 1 || n * 2 + 1 > HD_TOKEN_HASH)
        return;
    for (unsigned int i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

enum bot_rc hd_token_new(char out[HD_TOKEN_MAX])
{
    unsigned char r[24];
    if (RAND_bytes(r, sizeof r) != 1)
        return BOT_ERR;
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t o = 0;
    for (size_t i = 0; i < sizeof r; i += 3) { /* base64url: 4 characters for every 3 bytes */
        uint32_t v = (uint32_t)r[i] << 16 | (uint32_t)r[i + 1] << 8 | r[i + 2];
        for (int k = 3; k >= 0; k--)
            out[o++] = abc[(v >> (6 * k)) & 63];
    }
    out[o] = '\0';
    return BOT_OK;
}

enum bot_rc hd_console(struct hd_call *c, enum hd_outcome *outcome)
{
    *outcome = HD_REFUSED;
    const struct hd_settings *set = c->ctx->set;
    if (!set->console_enabled) {
        hd_say(c->out, "后台没有开启。");
        return BOT_OK;
    }
    if (c->msg->is_group) {
        hd_say(c->out, "为了安全，后台链接只在私聊里发：请私聊我发「后台」。");
        return BOT_OK;
    }
    char token[HD_TOKEN_MAX], hash[HD_TOKEN_HASH];
    enum bot_rc rc = hd_token_new(token);
    if (rc != BOT_OK)
        return rc;
    hd_token_hash(token, hash);
    if ((rc = store_console_link_put(c->ctx->st, hash, c->me->id, c->ctx->now,
                                     c->ctx->now + (int64_t)set->console_link_minutes * 60)) != BOT_OK)
        return rc;
    hd_say(c->out, "后台登录链接（%d分钟内有效，只能用一次，请不要转给别人）：\n%s/login?t=%s\n用完发「退出后台」可以让所有后台登录失效。",
           set->console_link_minutes, set->console_url, token);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_console_end(struct hd_call *c, enum hd_outcome *outcome)
{
    *outcome = HD_REFUSED;
    int n = 0;
    enum bot_rc rc = store_console_sessions_revoke(c->ctx->st, c->me->id, c->ctx->now, &n);
    if (rc != BOT_OK)
        return rc;
    if (n == 0) {
        hd_say(c->out, "您现在没有登录后台。");
        return BOT_OK;
    }
    hd_say(c->out, "已退出后台（%d处登录都已失效）。再用请私聊发「后台」。", n);
    *outcome = HD_CHANGED;
    return BOT_OK;
}
