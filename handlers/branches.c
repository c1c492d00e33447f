/* branches.c — branches (分会, issue 18): 分会 lists them, 添加分会, a building joins one, 分会互通; a branch's fund and whether a request is open to a volunteer of another branch. */
#include "handlers.h"

#include <string.h>

/* The name a branch is shown by: branch 1's is bot.ini's [branch] name. */
static const char *branch_shown(const struct hd_call *c, const struct store_branch *b)
{
    return b->id == STORE_BRANCH_DEFAULT || !b->name[0] ? c->ctx->set->branch_name : b->name;
}

/* The branch named name (bot.ini's [branch] name is branch 1); *found 0 when none. */
static enum bot_rc branch_named(struct hd_call *c, const char *name, struct store_branch *b, int *found)
{
    *found = 0;
    enum bot_rc rc = strcmp(name, c->ctx->set->branch_name) == 0 ? store_branch_get(c->ctx->st, STORE_BRANCH_DEFAULT, b)
                                                                 : store_branch_by_name(c->ctx->st, name, b);
    if (rc == BOT_NOTFOUND) {
        hd_say(c->out, "没有名为「%s」的分会。发「分会」查看所有分会。", name);
        return BOT_OK;
    }
    *found = rc == BOT_OK;
    return rc;
}

int hd_alliance_admin(struct hd_call *c)
{
    int64_t scope = 0;
    if (!hd_is_admin(c))
        return 0;
    return !c->me || (store_member_branch_scope(c->ctx->st, c->me->id, &scope) == BOT_OK && scope == 0);
}

static enum bot_rc branch_list(struct hd_call *c)
{
    struct store_branch list[32];
    int n = 0;
    enum bot_rc rc = store_branch_list(c->ctx->st, list, (int)BOT_ARRAY_LEN(list), &n);
    if (rc != BOT_OK)
        return rc;
    size_t len = 0;
    char *buf = c->out->text;
    bot_appendf(buf, sizeof c->out->text, &len, "分会（%d 个，积分各分会通用）：", n);
    for (int i = 0; i < n; i++) {
        char h[24];
        hd_hours_text(list[i].minutes, h);
        bot_appendf(buf, sizeof c->out->text, &len, "\n%s：%lld 位会员，服务 %s%s", branch_shown(c, &list[i]),
                    (long long)list[i].members, list[i].minutes ? h : "0小时",
                    list[i].allow_cross ? "，求助对其他分会开放" : "");
    }
    c->out->has_reply = 1;
    return BOT_OK;
}

/* 分会管理员 周干事 城东分会: a staff member's commands see that branch only; 分会管理员 周干事 联盟: the whole alliance. */
static enum bot_rc branch_admin(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_branch_slots *s = &c->nr->branch;
    struct store_member m;
    struct store_branch b = {.id = 0};
    int count = 0, found = 1;
    enum bot_rc rc = store_member_by_name(c->ctx->st, s->building, &m, &count);
    if (rc == BOT_NOTFOUND || (rc == BOT_OK && count != 1)) { /* her scope counts while she is staff */
        hd_say(c->out, "请写准工作人员的名字，例如「分会管理员 周干事 城东分会」。");
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    int staff = 0; /* a scope means nothing to a resident: staff first */
    if ((rc = hd_member_is_staff(c->ctx->st, c->ctx->set, &m, &staff)) != BOT_OK)
        return rc;
    if (!staff) {
        hd_say(c->out, "%s 还不是工作人员。请先发「设为管理员 %s」，再设分会管理员。", hd_display_name(&m),
               hd_display_name(&m));
        return BOT_OK;
    }
    if (strcmp(s->name, "联盟") != 0 && ((rc = branch_named(c, s->name, &b, &found)) != BOT_OK || !found))
        return rc;
    if ((rc = store_member_set_branch_scope(c->ctx->st, m.id, b.id)) != BOT_OK)
        return rc;
    *outcome = HD_CHANGED;
    if (b.id)
        hd_say(c->out, "%s 现在是%s的管理员，只管%s的事。", hd_display_name(&m), branch_shown(c, &b), branch_shown(c, &b));
    else
        hd_say(c->out, "%s 现在管整个联盟。", hd_display_name(&m));
    return BOT_OK;
}

int hd_branch_scope(const struct hd_call *c, int64_t *scope)
{
    *scope = 0;
    return c->me && hd_is_admin(c) && store_member_branch_scope(c->ctx->st, c->me->id, scope) == BOT_OK && *scope > 0;
}

void hd_staff_scope(const struct hd_call *c, char out[STORE_BUILDING_MAX])
{
    int64_t scope = 0;
    if (hd_branch_scope(c, &scope))
        store_scope_of_branch(scope, out);
    else
        bot_strlcpy(out, hd_is_admin(c) || !c->me ? "" : c->me->manager_building, STORE_BUILDING_MAX);
}

int hd_staff_covers(const struct hd_call *c, const char *building)
{
    int64_t scope = 0, branch = STORE_BRANCH_DEFAULT;
    if (!hd_branch_scope(c, &scope))
        return 1;
    return store_building_branch(c->ctx->st, building ? building : "", &branch) == BOT_OK && branch == scope;
}

int hd_staff_covers_member(struct hd_call *c, const struct store_member *m)
{
    if (hd_staff_covers(c, m->building))
        return 1;
    hd_say(c->out, "%s 不是您分会的会员，请联系%s所在分会的工作人员。", hd_display_name(m), hd_display_name(m));
    return 0;
}

int hd_staff_covers_request(const struct hd_call *c, int64_t request_id)
{
    int64_t scope = 0, branch = STORE_BRANCH_DEFAULT;
    if (!hd_branch_scope(c, &scope))
        return 1;
    return store_request_branch(c->ctx->st, request_id, &branch) == BOT_OK && branch == scope;
}

int hd_outside_scope(struct hd_call *c, int64_t request_id)
{
    if (hd_staff_covers_request(c, request_id))
        return 0;
    hd_say(c->out, "#%lld 不是您分会的单子，请联系它所在分会的工作人员。", (long long)request_id);
    return 1;
}

enum bot_rc hd_branch(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_branch_slots *s = &c->nr->branch;
    struct store_branch b;
    int found = 0;
    enum bot_rc rc;
    *outcome = HD_REFUSED;
    if (s->op == NLP_BRANCH_LIST)
        return branch_list(c);
    if (!hd_alliance_admin(c)) {
        hd_say(c->out, "抱歉，分会的设置只有联盟的工作人员可以做。");
        return BOT_OK;
    }
    if (!s->name[0]) {
        hd_say(c->out, "请写上分会的名字，例如「添加分会 城东分会」「分会 3号楼 城东分会」「分会互通 城东分会 开」。");
        return BOT_OK;
    }
    if (s->op == NLP_BRANCH_ADD) {
        int64_t id = 0;
        if (strcmp(s->name, c->ctx->set->branch_name) == 0 || (rc = store_branch_add(c->ctx->st, s->name, c->ctx->now, &id)) == BOT_DUP) {
            hd_say(c->out, "已经有「%s」这个分会了。", s->name);
            return BOT_OK;
        }
        if (rc != BOT_OK)
            return rc;
        *outcome = HD_CHANGED;
        hd_say(c->out, "已添加分会「%s」。发「分会 3号楼 %s」把楼栋加入这个分会。", s->name, s->name);
        return BOT_OK;
    }
    if (s->op == NLP_BRANCH_ADMIN)
        return branch_admin(c, outcome);
    if ((rc = branch_named(c, s->name, &b, &found)) != BOT_OK || !found)
        return rc;
    if (s->op == NLP_BRANCH_CROSS) {
        if (s->on < 0) {
            hd_say(c->out, "请说开还是关，例如「分会互通 %s 开」。", branch_shown(c, &b));
            return BOT_OK;
        }
        if ((rc = store_branch_set_cross(c->ctx->st, b.id, s->on)) != BOT_OK)
            return rc;
        *outcome = HD_CHANGED;
        hd_say(c->out, s->on ? "%s的求助现在对其他分会的志愿者开放。" : "%s的求助现在只给本分会的志愿者接。",
               branch_shown(c, &b));
        return BOT_OK;
    }
    if ((rc = store_building_set_branch(c->ctx->st, s->building, b.id)) != BOT_OK)
        return rc;
    *outcome = HD_CHANGED;
    hd_say(c->out, "%s 已加入%s，这栋楼的会员以后属于%s。", s->building, branch_shown(c, &b), branch_shown(c, &b));
    return BOT_OK;
}

enum bot_rc hd_branch_fund(const struct hd_ctx *ctx, const struct store_member *m, int64_t *account)
{
    int64_t branch = STORE_BRANCH_DEFAULT;
    struct store_branch b;
    enum bot_rc rc = store_building_branch(ctx->st, m->building, &branch);
    if (rc == BOT_OK && (rc = store_branch_get(ctx->st, branch, &b)) == BOT_OK)
        *account = b.fund_account;
    return rc;
}

enum bot_rc hd_member_fund(const struct hd_ctx *ctx, int64_t member_id, int64_t *account)
{
    int64_t branch = STORE_BRANCH_DEFAULT;
    struct store_branch b;
    enum bot_rc rc = store_member_branch(ctx->st, member_id, &branch);
    if (rc == BOT_OK && (rc = store_branch_get(ctx->st, branch, &b)) == BOT_OK)
        *account = b.fund_account;
    return rc;
}

enum bot_rc hd_order_fund(const struct hd_ctx *ctx, const struct store_request *r, int64_t *account)
{
    return hd_member_fund(ctx, r->requester_id, account);
}

int hd_fund_account_name(const char *name)
{
    size_t n = strlen(STORE_ACCOUNT_FUND);
    return strncmp(name, STORE_ACCOUNT_FUND, n) == 0 && (name[n] == 0 || name[n] == ':');
}

const char *hd_account_text(const char *name, int64_t minutes)
{
    if (hd_fund_account_name(name))
        return "社区基金";
    if (strcmp(name, STORE_ACCOUNT_EXPIRED) == 0)
        return "过期";
    if (strcmp(name, STORE_ACCOUNT_ADJUST) == 0)
        return "工作人员调整";
    if (strcmp(name, STORE_ACCOUNT_HOLD) == 0)
        return minutes < 0 ? "投诉冻结" : minutes > 0 ? "投诉处理完退回" : "冻结账户";
    return name;
}

enum bot_rc hd_branch_funds_text(struct hd_call *c, char *buf, size_t size, size_t *len)
{
    struct store_branch list[32];
    int n = 0;
    enum bot_rc rc = store_branch_list(c->ctx->st, list, (int)BOT_ARRAY_LEN(list), &n);
    if (rc != BOT_OK || n < 2)
        return rc;
    bot_appendf(buf, size, len, "\n各分会基金：");
    for (int i = 0; i < n; i++) {
        struct store_account a;
        char h[24];
        if ((rc = store_account_at(c->ctx->st, c->ctx->now, list[i].fund_account, &a)) != BOT_OK)
            return rc;
        hd_hours_text(a.balance < 0 ? -a.balance : a.balance, h);
        bot_appendf(buf, size, len, "%s%s %s%s", i ? "，" : "", branch_shown(c, &list[i]), a.balance < 0 ? "-" : "",
                    a.balance ? h : "0小时");
    }
    return BOT_OK;
}
