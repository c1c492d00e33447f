/* common.c — what several handler files need: roles, targets, moving credit,
 * crediting a request and the minutes a timer earns. */
#include "handlers.h"

#include <stdlib.h>
#include <string.h>

/* Is "platform:user" in the comma-separated list? */
static int in_list(const char *list, const char *platform, const char *user)
{
    char want[192];
    int n = snprintf(want, sizeof want, "%s:%s", platform, user);
    return n > 0 && (size_t)n < sizeof want && bot_list_has(list, want, (size_t)n);
}

int hd_is_admin(const struct hd_call *c)
{
    return (c->me && (c->me->roles & STORE_ROLE_ADMIN)) ||
           in_list(c->ctx->set->admins, c->msg->platform, c->msg->user_id);
}

const char *hd_actor_name(const struct hd_call *c)
{
    if (c->me && c->me->name[0])
        return c->me->name;
    return hd_is_admin(c) ? "工作人员" : c->me && c->me->manager_building[0] ? "楼长" : "邻居";
}

enum bot_rc hd_member_is_staff(struct store *st, const struct hd_settings *set, const struct store_member *m,
                               int *staff)
{
    *staff = (m->roles & STORE_ROLE_ADMIN) != 0;
    if (*staff || !set->admins[0])
        return BOT_OK;
    struct store_identity ids[8];
    int n = 0;
    enum bot_rc rc = store_member_identities(st, m->id, ids, 8, &n);
    for (int i = 0; rc == BOT_OK && i < n && !*staff; i++)
        *staff = in_list(set->admins, ids[i].platform, ids[i].user_id);
    return rc;
}

int hd_next_admin(const char **cursor, char platform[64], char user[128])
{
    const char *p = *cursor;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ",");
        char who[192];
        snprintf(who, sizeof who, "%.*s", (int)len, p);
        p += len;
        char *u = strchr(who, ':');
        if (!u)
            continue; /* not platform:user: config_check warned of it */
        *u++ = '\0';
        for (char *e = u + strlen(u); e > u && e[-1] == ' ';)
            *--e = '\0';
        bot_strlcpy(platform, who, 64);
        bot_strlcpy(user, u, 128);
        *cursor = p;
        return 1;
    }
    *cursor = p;
    return 0;
}

int hd_is_manager(const struct hd_call *c)
{
    return hd_is_admin(c) || (c->me && (c->me->roles & STORE_ROLE_MANAGER));
}

int hd_speaks_for(const struct hd_call *c, const struct store_member *m)
{
    if (!c->me || c->me->id == m->id)
        return 0;
    if (hd_is_admin(c) && hd_staff_covers(c, m->building)) /* a branch admin: her branch's members (issue 18) */
        return 1;
    return c->me->manager_building[0] && m->building[0] && strcmp(c->me->manager_building, m->building) == 0;
}

/* The bytes of target t that are the name: before the building that tells namesakes apart, 王师傅(3号楼) (the parser
 * writes it so). */
static int name_length(const char *t)
{
    const char *br = strchr(t, '(');
    return br ? (int)(br - t) : (int)strlen(t);
}

enum bot_rc hd_member_named(const struct hd_ctx *ctx, const char *t, struct store_member *out, int *count)
{
    char name[64], building[32];
    size_t n = (size_t)name_length(t);
    bot_strlcpy(name, t, n + 1 < sizeof name ? n + 1 : sizeof name);
    /* the name alone first: a building written for a name only one member has changes nothing (nor says whether it
     * is hers: a building is an address) */
    enum bot_rc rc = store_member_by_name_in(ctx->st, name, "", out, count);
    const char *br = t + n;
    if (rc != BOT_OK || *count <= 1 || *br != '(')
        return rc;
    size_t b = strcspn(br + 1, ")");
    bot_strlcpy(building, br + 1, b + 1 < sizeof building ? b + 1 : sizeof building);
    int all = *count;
    rc = store_member_by_name_in(ctx->st, name, building, out, count);
    if (rc == BOT_NOTFOUND || (rc == BOT_OK && *count > 1)) {
        *count = all; /* still namesakes: the caller asks again, the same words whether the building was wrong or shared */
        return BOT_OK;
    }
    return rc;
}

enum bot_rc hd_find_target(struct hd_call *c, int i, struct store_member *out, int *found)
{
    const char *t = nlp_target(c->nr, i);
    *found = 0;
    if (!t || !*t) {
        hd_say(c->out, "请 @ 对方或写出对方登记的姓名。");
        return BOT_OK;
    }
    enum bot_rc rc;
    if (c->msg->member_id && t[0] == '#' && t[1] == 'm') { /* the web console names members by id */
        char *end;
        long long id = strtoll(t + 2, &end, 10);
        rc = *end || id <= 0 ? BOT_NOTFOUND : store_member_get(c->ctx->st, (int64_t)id, out);
        if (rc == BOT_OK)
            *found = 1;
        else if (rc == BOT_NOTFOUND)
            hd_say(c->out, "没有找到这位成员。");
        return rc == BOT_NOTFOUND ? BOT_OK : rc;
    }
    rc = store_member_by_identity(c->ctx->st, c->msg->platform, t, out);
    if (rc == BOT_OK) {
        *found = 1;
        return BOT_OK;
    }
    if (rc != BOT_NOTFOUND)
        return rc;
    int count = 0;
    int named = name_length(t); /* 王师傅(3号楼): a namesake told apart by her building */
    const char *br = t[named] ? t + named : NULL;
    rc = hd_member_named(c->ctx, t, out, &count);
    if (rc == BOT_NOTFOUND) {
        if (c->nr->intent == NLP_PROXY && i == 0) /* an elder without a phone: her 楼长 registers her */
            hd_say(c->out, "没有找到已注册的「%s」。没有手机的老人，楼长可以先发「代注册 %s %s 生日1950年1月1日」，再来代录。",
                   t, t,
                   c->me && c->me->manager_building[0] ? c->me->manager_building
                   : c->me && c->me->building[0]       ? c->me->building
                                                       : "3号楼");
        else
            hd_say(c->out, "没有找到已注册的「%s」，请对方先发「注册 姓名 楼号」。", t);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (count > 1 && br) { /* one reply whether the building was wrong or shared: which it is, is an address */
        hd_say(c->out, "有 %d 位叫「%.*s」的邻居，按您写的楼号分不出是哪一位。请核对楼号再发；还分不清的请找工作人员帮您办。",
               count, named, t);
        return BOT_OK;
    }
    if (count > 1) { /* her building, which the sender knows (it is not told here: an address); the example's 几 reads
                      * as no building, so a copied example asks again instead of picking someone */
        hd_say(c->out, "有 %d 位叫「%s」的邻居。请在名字后面用括号写上对方住的楼号再发一次，写成「@%s(几号楼)」，"
                       "把「几」换成楼号的数字。不知道楼号可以问楼长。", count, t, t);
        return BOT_OK;
    }
    *found = 1;
    return BOT_OK;
}

enum bot_rc hd_move(const struct hd_ctx *ctx, int64_t from, int64_t to, int64_t minutes, const char *kind,
                    int64_t request_id, const char *memo, int enforce_limit)
{
    return hd_move_txn(ctx, from, to, minutes, kind, request_id, memo, enforce_limit, NULL);
}

enum bot_rc hd_move_txn(const struct hd_ctx *ctx, int64_t from, int64_t to, int64_t minutes, const char *kind,
                        int64_t request_id, const char *memo, int enforce_limit, int64_t *txn)
{
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_transfer t = {
        .from_account = from,
        .to_account = to,
        .minutes = minutes,
        .kind = kind,
        .request_id = request_id,
        .memo = memo,
        .now = ctx->now,
        .lot_expires_at = rules->expiry_days ? ctx->now + (int64_t)rules->expiry_days * 86400 : 0,
        .enforce_limit = enforce_limit,
    };
    return store_transfer(ctx->st, &t, txn);
}

int64_t hd_expiry_warn_until(const struct hd_rules *rules, int64_t now)
{
    return rules->expiry_days > 0 && rules->expiry_warn_days > 0 ? now + (int64_t)rules->expiry_warn_days * 86400 : 0;
}

enum bot_rc hd_restored_expiry_note(const struct hd_ctx *ctx, int64_t account, int64_t txn, char *out, size_t size)
{
    int64_t gone = 0, gone_at = 0, soon = 0, soon_at = 0, until = hd_expiry_warn_until(&ctx->set->rules, ctx->now);
    size_t len = 0;
    out[0] = 0;
    enum bot_rc rc = store_txn_lots_expiring(ctx->st, account, txn, 0, ctx->now, &gone, &gone_at);
    if (rc == BOT_OK && until > 0)
        rc = store_txn_lots_expiring(ctx->st, account, txn, ctx->now, until, &soon, &soon_at);
    if (rc != BOT_OK)
        return rc;
    char h[24], when[HD_WHEN_MAX];
    if (gone > 0) { /* the date said is the lot's, which may be just past the last expiry run: no date, the fact */
        hd_hours_text(gone, h);
        bot_appendf(out, size, &len, "退回的 %s 按原来的有效期已经过期，不能再用。", h);
    }
    if (soon > 0) {
        hd_hours_text(soon, h);
        hd_format_when(soon_at, ctx->now, ctx->set->utc_offset, when);
        bot_appendf(out, size, &len, "退回的 %s 按原来的有效期在%s到期，请在那之前用掉。", h, when);
    }
    return BOT_OK;
}

enum bot_rc hd_penalty(const struct hd_ctx *ctx, int64_t account, int64_t minutes, int64_t request_id,
                       const char *memo, int64_t *taken)
{
    struct store_account a;
    int64_t fund;
    enum bot_rc rc;
    *taken = 0;
    struct store_request r = {.requester_id = 0};
    if ((rc = store_account_at(ctx->st, ctx->now, account, &a)) != BOT_OK)
        return rc;
    /* into the fund of the order's requester's branch, else of the member charged */
    if (request_id > 0 && (rc = store_request_get(ctx->st, request_id, &r)) != BOT_OK)
        return rc;
    if ((rc = hd_member_fund(ctx, r.requester_id ? r.requester_id : a.member_id, &fund)) != BOT_OK)
        return rc;
    int64_t room = a.has_limit ? a.balance - a.min_balance : minutes;
    int64_t m = minutes < room ? minutes : room;
    if (m <= 0)
        return BOT_OK;
    if ((rc = hd_move(ctx, account, fund, m, STORE_KIND_PENALTY, request_id, memo, 1)) == BOT_OK)
        *taken = m;
    return rc;
}

enum bot_rc hd_timer_running(const struct hd_ctx *ctx, int64_t volunteer, int64_t except, int64_t *id)
{
    *id = 0;
    struct store_request *list = malloc(2 * sizeof *list); /* worker stacks are small; one besides except is enough */
    if (!list)
        return BOT_NOMEM;
    int n = 0;
    enum bot_rc rc = store_request_of_member(ctx->st, volunteer, 1, STORE_REQ_IN_SERVICE, list, 2, &n);
    for (int i = 0; rc == BOT_OK && i < n && !*id; i++)
        if (list[i].id != except)
            *id = list[i].id;
    free(list);
    return rc;
}

/* The 称呼 a person is called by after her surname or given name (as the parser's names end). */
static const char *const titles[] = {"奶奶", "爷爷", "阿姨", "大爷", "大妈", "婆婆", "伯伯", "叔叔",
                                     "姥姥", "姥爷", "老师", "师傅", "大姐", "大哥", "伯"};

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const char *s)
{
    unsigned char b = (unsigned char)*s;
    return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

int hd_name_calls(const char *written, const char *name)
{
    if (!*written || !*name)
        return 0;
    if (strcmp(written, name) == 0)
        return 2;
    size_t wl = strlen(written), nl = strlen(name);
    if (strncmp(written, "老", strlen("老")) == 0 || strncmp(written, "小", strlen("小")) == 0) {
        /* 老李, 小李: one character, her surname */
        const char *x = written + strlen("老"); /* 老 and 小 are both 3 bytes */
        size_t xl = strlen(x);
        return xl && xl == char_len(x) && xl < nl && strncmp(name, x, xl) == 0;
    }
    for (size_t i = 0; i < BOT_ARRAY_LEN(titles); i++) {
        size_t tl = strlen(titles[i]);
        if (wl <= tl || strcmp(written + wl - tl, titles[i]) != 0)
            continue;
        size_t xl = wl - tl; /* before the title: her surname (one character) or her given name */
        if (xl >= nl)
            return 0;
        if (xl == char_len(written))
            return strncmp(name, written, xl) == 0;
        return strncmp(name + nl - xl, written, xl) == 0;
    }
    return 0;
}

enum bot_rc hd_orders_of_named(const struct hd_ctx *ctx, const char *written, struct store_request *list, int *n)
{
    int best = 0;
    int *calls = calloc(*n > 0 ? (size_t)*n : 1, sizeof *calls);
    struct store_member *m = malloc(sizeof *m); /* worker stacks are small */
    enum bot_rc rc = calls && m ? BOT_OK : BOT_NOMEM;
    for (int i = 0; rc == BOT_OK && i < *n; i++) {
        rc = store_member_get(ctx->st, list[i].requester_id, m);
        if (rc == BOT_NOTFOUND) {
            rc = BOT_OK;
            continue;
        }
        if (rc == BOT_OK && (calls[i] = hd_name_calls(written, m->name)) > best)
            best = calls[i];
    }
    free(m);
    if (rc != BOT_OK) {
        free(calls);
        return rc;
    }
    int k = 0;
    for (int i = 0; i < *n; i++)
        if (best && calls[i] == best) {
            if (k != i) {
                struct store_request t = list[k];
                list[k] = list[i];
                list[i] = t;
            }
            k++;
        }
    free(calls);
    *n = k;
    return BOT_OK;
}

int64_t hd_confirm_due(const struct hd_ctx *ctx)
{
    return ctx->now - (int64_t)ctx->set->rules.confirm_hours * 3600;
}

int64_t hd_due_at(const struct hd_ctx *ctx, const struct store_request *r)
{
    return hd_due_from(r) + (int64_t)ctx->set->rules.confirm_hours * 3600;
}

int64_t hd_due_from(const struct store_request *r)
{
    return r->created_at > r->finished_at ? r->created_at : r->finished_at;
}

enum bot_rc hd_payable(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                       int minutes, int64_t *after, int64_t *limit, int *ok)
{
    struct store_account a;
    struct store_membership ms;
    *ok = 1;
    *after = *limit = 0;
    if (r->public_benefit || req->subsidised) /* the fund pays */
        return BOT_OK;
    enum bot_rc rc = store_account_at(ctx->st, ctx->now, req->account_id, &a);
    if (rc != BOT_OK)
        return rc;
    int64_t voucher = 0; /* her 体验券 is spent on it first (hd_voucher_spend) */
    if ((rc = store_voucher_open(ctx->st, req->id, ctx->now, &ms)) == BOT_OK)
        voucher = ms.voucher_minutes < minutes ? ms.voucher_minutes : minutes;
    else if (rc != BOT_NOTFOUND)
        return rc;
    *after = a.balance + voucher - minutes;
    *limit = a.has_limit ? -a.min_balance : 0;
    *ok = !a.has_limit || *after >= a.min_balance;
    return BOT_OK;
}

int hd_self_marked(const struct store_request *r, const struct store_member *req)
{
    return r->public_benefit && r->public_by && r->public_by == r->volunteer_id && !req->subsidised;
}

enum bot_rc hd_credit_request(const struct hd_ctx *ctx, struct store_request *r, int minutes, int64_t by)
{
    struct store_member req, vol;
    enum bot_rc rc;
    if ((rc = store_member_get(ctx->st, r->requester_id, &req)) != BOT_OK ||
        (rc = store_member_get(ctx->st, r->volunteer_id, &vol)) != BOT_OK)
        return rc;
    int64_t payer = req.account_id;
    if (r->proxy) { /* a 代录 nobody else's word came before: a second person approves it first */
        int held = 0;
        if ((rc = hd_proxy_review_hold(ctx, r, &req, &vol, minutes, &held)) != BOT_OK || held)
            return rc;
    }
    if (r->public_benefit || req.subsidised) {
        int held = 0;
        if ((rc = hd_branch_fund(ctx, &req, &payer)) != BOT_OK || /* the requester's branch's fund */
            (rc = hd_fund_budget_hold(ctx, r, &req, minutes, &held)) != BOT_OK || held)
            return rc; /* held: stays finished, staff told */
    }
    char memo[64];
    snprintf(memo, sizeof memo, "#%lld %s", (long long)r->id, r->service);
    if (payer == req.account_id && (rc = hd_voucher_spend(ctx, r, &req, minutes)) != BOT_OK)
        return rc;
    if ((rc = hd_move(ctx, payer, vol.account_id, minutes, STORE_KIND_SERVICE, r->id, memo, 1)) != BOT_OK)
        return rc;
    r->status = STORE_REQ_CONFIRMED;
    r->confirmed_at = ctx->now;
    r->credited_minutes = minutes;
    r->payer_account = payer;
    r->confirmed_by = by;
    if ((rc = store_request_update(ctx->st, r)) != BOT_OK)
        return rc;
    int64_t bonus = 0; /* 首存日: the fund pays the same again */
    if ((rc = hd_first_deposit_bonus(ctx, r, &vol, minutes, &bonus)) != BOT_OK)
        return rc;
    /* referral: the referrer earns when the referred member completes a first service, which decides it */
    if (vol.referrer_id && !vol.referral_paid && ctx->set->rules.referral_credits > 0 &&
        (rc = hd_referral_settle(ctx, r, &vol, minutes)) != BOT_OK)
        return rc;
    return BOT_OK;
}

/* The referrer of v earns referral_credits when v's first service (r, minutes credited) is not farmed: it lasts
 * referral_min_minutes and is not for the referrer. Either way that first service settles it: referral_paid. */
enum bot_rc hd_referral_settle(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *vol,
                               int minutes)
{
    const struct hd_rules *rules = &ctx->set->rules;
    struct store_member ref;
    int64_t fund;
    enum bot_rc rc;
    /* how long it really lasted (the timer, not its rounding: 45 minutes credit an hour), at most what was credited */
    int64_t lasted = r->proxy || !r->started_at ? minutes : (r->finished_at - r->started_at) / 60;
    if (lasted > minutes)
        lasted = minutes;
    if (lasted < rules->referral_min_minutes || r->requester_id == vol->referrer_id)
        return store_member_set_int(ctx->st, vol->id, STORE_MF_REFERRAL_PAID, HD_REFERRAL_FORFEIT);
    if ((rc = store_member_get(ctx->st, vol->referrer_id, &ref)) != BOT_OK ||
        (rc = hd_member_fund(ctx, ref.id, &fund)) != BOT_OK) /* the referrer's branch's fund */
        return rc;
    char rmemo[64], h[24];
    hd_hours_text(minutes, h);
    snprintf(rmemo, sizeof rmemo, "推荐 %.20s 首次服务 #%lld %s", vol->name, (long long)r->id, h);
    if ((rc = hd_move(ctx, fund, ref.account_id, (int64_t)rules->referral_credits * 60, STORE_KIND_REFERRAL, r->id,
                      rmemo, 0)) != BOT_OK ||
        (rc = store_member_set_int(ctx->st, vol->id, STORE_MF_REFERRAL_PAID, 1)) != BOT_OK)
        return rc;
    char note[160];
    snprintf(note, sizeof note, "您推荐的 %s 完成了首次服务，奖励您 %d小时。", vol->name, rules->referral_credits);
    return hd_notice(ctx, ref.id, "referral", note);
}

/* A command about a complaint: staff's answers to it (the number they need is in 投诉列表). */
static int hd_complaint_intent(enum nlp_intent i)
{
    return i == NLP_RESOLVE || i == NLP_COMPLAINT_ACK || i == NLP_MALICIOUS;
}

/* The command word of an order command, for a reply that shows how to write it. */
static const char *order_word(enum nlp_intent intent)
{
    switch (intent) {
    case NLP_ACCEPT: return "接单";
    case NLP_START: return "开始服务";
    case NLP_FINISH: return "结束服务";
    case NLP_CONFIRM: return "确认";
    case NLP_RATE: return "评价";
    case NLP_CANCEL: return "取消";
    case NLP_RESCHEDULE: return "改时间";
    default: return NULL;
    }
}

enum bot_rc hd_load_request(struct hd_call *c, int64_t id, struct store_request *r, int *found)
{
    *found = 0;
    if (c->nr->ids_more && id == c->nr->request_id) { /* #9 #10 都取消: not the first alone, silently */
        const char *word = order_word(c->nr->intent);
        if (word)
            hd_say(c->out, "一次只能办一个单，请一个一个发，例如先发「%s #%lld」。这次没有办。", word, (long long)id);
        else
            hd_say(c->out, "一次只能办一个单，请每个单号发一次。这次没有办。");
        return BOT_OK;
    }
    if (id <= 0) /* 我到了, 弄好了, 确认: the member's one order that fits, or a list to pick from */
        return hd_order_in_context(c, r, found);
    enum bot_rc rc = store_request_get(c->ctx->st, id, r);
    if (rc == BOT_NOTFOUND) {
        /* where the right number is: a complaint's in 投诉列表 (staff), an order's in the list of requests */
        if (hd_complaint_intent(c->nr->intent))
            hd_say(c->out, "没有找到 #%lld，请核对单号。发送「投诉列表」查看待处理的投诉。", (long long)id);
        else
            hd_say(c->out, "没有找到求助 #%lld，请核对单号。发「我的单子」看您的单，「有什么需求」看待接的求助。", (long long)id);
        return BOT_OK;
    }
    if (rc == BOT_OK)
        *found = 1;
    return rc;
}

int hd_credit_minutes(int64_t elapsed, int round_minutes, int min_minutes)
{
    if (elapsed < 0)
        elapsed = 0;
    int64_t unit = (int64_t)round_minutes * 60;
    int64_t minutes = (elapsed + unit / 2) / unit * round_minutes;
    if (minutes < min_minutes)
        minutes = min_minutes;
    return (int)minutes;
}

int hd_estimate_minutes(const struct hd_rules *rules, const struct store_request *r)
{
    return r->est_minutes > 0 ? r->est_minutes : rules->default_estimate_minutes;
}

int hd_cap_minutes(const struct hd_rules *rules, const struct store_request *r)
{
    int cap = hd_estimate_minutes(rules, r) + rules->over_estimate_minutes;
    return cap < rules->max_request_hours * 60 ? cap : rules->max_request_hours * 60;
}

void hd_audit_rules(const struct hd_settings *set, struct store_audit_rules *out)
{
    const struct hd_rules *r = &set->rules;
    out->default_estimate_minutes = r->default_estimate_minutes;
    out->over_estimate_minutes = r->over_estimate_minutes;
    out->max_request_minutes = r->max_request_hours * 60;
    out->fund_budget_minutes = (int64_t)r->fund_budget_hours * 60;
    out->utc_offset = set->utc_offset;
}

int64_t hd_past_start(const struct hd_ctx *ctx)
{
    return ctx->now - (int64_t)ctx->set->rules.past_grace_minutes * 60;
}

int hd_request_past(const struct hd_ctx *ctx, const struct store_request *r)
{
    int64_t start = r->reopen_start ? r->reopen_start : r->start_at;
    return r->start_at && start <= hd_past_start(ctx);
}

int hd_timer_minutes(const struct hd_rules *rules, const struct store_request *r)
{
    if (r->proxy) /* 代录: the hours the 楼长 wrote, no timer (its start and finish as written, not a timer's) */
        return hd_estimate_minutes(rules, r);
    int timer = hd_credit_minutes(r->finished_at - r->started_at, rules->round_minutes, rules->min_credit_minutes);
    int cap = hd_cap_minutes(rules, r);
    return timer < cap ? timer : cap;
}

void hd_timer_text(const struct hd_rules *rules, const struct store_request *r, char buf[64])
{
    int64_t secs = r->finished_at - r->started_at;
    int counted = hd_credit_minutes(secs, rules->round_minutes, rules->min_credit_minutes);
    char c[24], ran[24];
    hd_hours_text(counted, c);
    if (secs < 60)
        snprintf(buf, 64, "不到1分钟（按%s算）", c);
    else if (secs / 60 != counted) {
        hd_hours_text(secs / 60, ran);
        snprintf(buf, 64, "%s（按%s算）", ran, c);
    } else
        snprintf(buf, 64, "%s", c);
}

enum bot_rc hd_cash_id(struct store *st, const char *name, int64_t *id, int64_t *balance_fen)
{
    struct store_cash_account a;
    enum bot_rc rc = store_cash_account_by_name(st, name, &a);
    if (rc == BOT_OK) {
        *id = a.id;
        if (balance_fen)
            *balance_fen = a.balance_fen;
    }
    return rc;
}

enum bot_rc hd_own_confirm_only(const struct hd_ctx *ctx, const struct store_request *r, int *own)
{
    *own = 0;
    if (r->status != STORE_REQ_FINISHED)
        return BOT_OK;
    if (r->proxy) { /* finished and never tried for payment: a claim waiting for her (one held was) */
        enum hd_held why = HD_HELD_NONE;
        enum bot_rc rc = hd_held_why(ctx, r, &why);
        *own = rc == BOT_OK && why == HD_HELD_NONE;
        return rc;
    }
    *own = r->started_at && r->finished_at - r->started_at < (int64_t)ctx->set->rules.short_timer_minutes * 60;
    return BOT_OK;
}

int hd_auto_minutes(const struct hd_rules *rules, const struct store_request *r)
{
    int timer = hd_timer_minutes(rules, r), est = hd_estimate_minutes(rules, r);
    return timer < est ? timer : est;
}

enum bot_rc hd_manager_name(const struct hd_ctx *ctx, const char *building, int64_t reader, char name[64])
{
    return hd_manager_name_but(ctx, building, reader, 0, name);
}

enum bot_rc hd_manager_name_but(const struct hd_ctx *ctx, const char *building, int64_t reader, int64_t other,
                                char name[64])
{
    int64_t mgr[8];
    int nm = 0, self = 0;
    snprintf(name, 64, "楼长");
    if (!building[0])
        return BOT_OK;
    enum bot_rc rc = store_managers_of(ctx->st, building, mgr, 8, &nm);
    for (int k = 0; rc == BOT_OK && k < nm; k++) {
        struct store_member m;
        if (mgr[k] == reader || (other && mgr[k] == other)) { /* never named to himself as the way out (play-test:
                                                                * 「或找楼长李小芳」 to 李小芳), nor the other side of it */
            self = 1;
            continue;
        }
        if ((rc = store_member_get(ctx->st, mgr[k], &m)) == BOT_OK && m.name[0]) {
            snprintf(name, 64, "%s%s", strstr(m.name, "楼长") ? "" : "楼长", m.name); /* 赵楼长, not 楼长赵楼长 */
            return BOT_OK;
        }
    }
    if (rc == BOT_OK && self)
        snprintf(name, 64, "工作人员");
    return rc;
}
