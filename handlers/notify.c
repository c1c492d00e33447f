/* notify.c — push policy: who a private push can reach, quiet hours, the
 * group backlog bound, and telling a member now or with their next reply;
 * an emergency waits for neither the quiet hours nor the backlog. */
#include "handlers.h"

#include <stdlib.h>
#include <string.h>

static int in_list(const char *list, const char *word)
{
    size_t wl = strlen(word);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ", ");
        if (n == wl && strncmp(p, word, wl) == 0)
            return 1;
        p += n;
    }
    return 0;
}

static enum bot_rc queue_text(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                              const char *user_id, const char *text, int urgent, int64_t about);

/* about: the open order the push is about (0: none); the sender drops it unsent once that order is over */
static enum bot_rc queue(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                         const char *user_id, const char *text, int urgent, int64_t about)
{
    if (chat_id && *chat_id) {
        /* a group reads no address below the building, whoever wrote the text */
        size_t n = strlen(text);
        char *masked = malloc(n + 1);
        if (!masked)
            return BOT_NOMEM;
        memcpy(masked, text, n + 1);
        hd_mask_address(masked);
        enum bot_rc rc = queue_text(ctx, job, platform, chat_id, user_id, masked, urgent, about);
        free(masked);
        return rc;
    }
    return queue_text(ctx, job, platform, chat_id, user_id, text, urgent, about);
}

enum bot_rc hd_queue(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                     const char *user_id, const char *text)
{
    return queue(ctx, job, platform, chat_id, user_id, text, 0, 0);
}

enum bot_rc hd_queue_about(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                           const char *user_id, const char *text, int64_t request)
{
    return queue(ctx, job, platform, chat_id, user_id, text, 0, request);
}

enum bot_rc hd_queue_now(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                         const char *user_id, const char *text)
{
    return queue(ctx, job, platform, chat_id, user_id, text, 1, 0);
}

static enum bot_rc queue_text(const struct hd_ctx *ctx, const char *job, const char *platform, const char *chat_id,
                              const char *user_id, const char *text, int urgent, int64_t about)
{
    const struct hd_rules *r = &ctx->set->rules;
    int64_t not_before = ctx->now;
    if (urgent)
        return store_outbox_add_about(ctx->st, job, platform, chat_id, user_id, text, ctx->now, not_before, about);
    if (chat_id && *chat_id) {
        /* the backlog is bounded: a group hears a broadcast (re-announcement,
         * escalation, board, greeting) only while the outbox keeps up; a
         * push to a person (credits, reminders) is never dropped */
        int full = 0;
        enum bot_rc rc = store_outbox_pending_at_least(ctx->st, ctx->set->outbox_max_pending, &full);
        if (rc != BOT_OK)
            return rc;
        if (full) {
            bot_log(BOT_LOG_WARN, "outbox: %d pushes pending (max_pending), %s to %s:%s dropped",
                    ctx->set->outbox_max_pending, job, platform, chat_id);
            return BOT_OK;
        }
    }
    int h = hd_local_hour(ctx);
    int quiet = r->quiet_start_hour > r->quiet_end_hour ? (h >= r->quiet_start_hour || h < r->quiet_end_hour)
                                                        : (h >= r->quiet_start_hour && h < r->quiet_end_hour);
    if (quiet && !in_list(ctx->set->quiet_exempt_jobs, job)) {
        /* wait for the end of the quiet hours: today or tomorrow at quiet_end_hour */
        int64_t end = bot_day_start(hd_local_day(ctx), ctx->set->utc_offset) + (int64_t)r->quiet_end_hour * 3600;
        if (end <= ctx->now)
            end += 86400;
        not_before = end;
    }
    return store_outbox_add_about(ctx->st, job, platform, chat_id, user_id, text, ctx->now, not_before, about);
}

int hd_quiet_span(const struct hd_ctx *ctx, int64_t t, int64_t *from, int64_t *to)
{
    const struct hd_rules *r = &ctx->set->rules;
    int64_t len = (int64_t)((r->quiet_end_hour - r->quiet_start_hour + 24) % 24) * 3600;
    *from = *to = INT64_MAX;
    if (len <= 0) /* no quiet hours */
        return 0;
    int64_t day = bot_local_day(t, ctx->set->utc_offset);
    for (int64_t d = day - 1; d <= day + 1; d++) {
        int64_t s = bot_day_start(d, ctx->set->utc_offset) + (int64_t)r->quiet_start_hour * 3600;
        if (s <= t && t < s + len) {
            *from = s;
            *to = s + len;
            return 1;
        }
        if (s > t && s < *from) {
            *from = s;
            *to = s + len;
        }
    }
    return 0;
}

int hd_quiet_exempt(const struct hd_ctx *ctx, const char *job) { return in_list(ctx->set->quiet_exempt_jobs, job); }

int64_t hd_push_goes_at(const struct hd_ctx *ctx, const char *job)
{
    int64_t from, to;
    if (hd_quiet_exempt(ctx, job) || !hd_quiet_span(ctx, ctx->now, &from, &to))
        return ctx->now;
    return to;
}

/* A member's identities looked at for a push (a member holds a handful). */
#define PUSH_MAX_IDENTITIES 16

/* Where a private push to member can go: their first identity if a push can
 * reach it (hd_can_push_private), else another of theirs that one can. *can
 * = 0 when none can: the terminal (cli), WeChat's one-to-one chat, a platform
 * without its push settings; platform is left empty when the member has no
 * identity at all (an elder registered without a phone). *traditional: she
 * writes in traditional script (read with her identity: no second read). */
static enum bot_rc push_channel(const struct hd_ctx *ctx, int64_t member, char platform[16], char user[160], int *can,
                                int *traditional)
{
    struct store_identity ids[PUSH_MAX_IDENTITIES];
    int n = 0;
    *can = 0;
    *traditional = 0;
    platform[0] = '\0'; /* stays empty when the member has no identity at all */
    enum bot_rc rc = store_member_push_identity(ctx->st, member, platform, 16, user, 160, traditional);
    if (rc == BOT_NOTFOUND) {
        platform[0] = '\0';
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    if (hd_can_push_private(ctx, platform, user)) {
        *can = 1;
        return BOT_OK;
    }
    if ((rc = store_member_identities(ctx->st, member, ids, PUSH_MAX_IDENTITIES, &n)) != BOT_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        if (!hd_can_push_private(ctx, ids[i].platform, ids[i].user_id))
            continue;
        bot_strlcpy(platform, ids[i].platform, 16);
        bot_strlcpy(user, ids[i].user_id, 160);
        *can = 1;
        break;
    }
    return BOT_OK;
}

enum bot_rc hd_member_pushable(const struct hd_ctx *ctx, int64_t member, int *can)
{
    char platform[16], user[160];
    int traditional;
    return push_channel(ctx, member, platform, user, can, &traditional);
}

/* A push to a member's identity (platform, user), in the script she writes in (v46; play-test 13: every push to the
 * traditional-script elder went out simplified): traditional as push_channel read it. */
static enum bot_rc queue_hers(const struct hd_ctx *ctx, int traditional, const char *job, const char *platform,
                              const char *user, const char *text, int urgent, int64_t request)
{
    if (!traditional || !ctx->nlp)
        return queue(ctx, job, platform, NULL, user, text, urgent, request);
    size_t sz = strlen(text) * 2 + 64; /* OpenCC's traditional is as long, give or take a few characters */
    char *buf = malloc(sz);
    if (!buf)
        return BOT_NOMEM;
    const char *said = buf;
    if (nlp_to_traditional(ctx->nlp, text, buf, sz) == BOT_ERR) {
        bot_log(BOT_LOG_WARN, "push left in simplified script: OpenCC could not convert it");
        said = text;
    }
    enum bot_rc rc = queue(ctx, job, platform, NULL, user, said, urgent, request);
    free(buf);
    return rc;
}

enum bot_rc hd_push_member(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text)
{
    return hd_push_member_about(ctx, member, job, text, 0);
}

enum bot_rc hd_push_member_about(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text,
                                 int64_t request)
{
    char platform[16], user[160];
    int can = 0, traditional = 0;
    enum bot_rc rc = push_channel(ctx, member, platform, user, &can, &traditional);
    if (rc != BOT_OK || !can)
        return rc; /* no push channel: a notice waits for their next message */
    return queue_hers(ctx, traditional, job, platform, user, text, 0, request);
}

/* What an elder is told that her 楼长 hears of in his own words (the result of a complaint he filed for her, a renewal
 * reminder's own words to him, her account taken over): not passed on to him again. What he did himself for her is
 * not passed on to him either, whatever it is (relay: the reader who acted); what anyone else did is. */
static int relay_skips(const char *job)
{
    static const char *const own[] = {"complaint_filed_for", "elder_taken_over", "membership_renewal"};
    for (size_t i = 0; i < BOT_ARRAY_LEN(own); i++)
        if (strcmp(job, own[i]) == 0)
            return 1;
    return 0;
}

static enum bot_rc tell(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed,
                        int urgent, int64_t request, int64_t stale_at, int volunteer_only, int64_t start);

/* member has no chat identity at all (an elder registered by her 楼长 without a phone): nothing she is told reaches
 * her, so it goes to the 楼长 of her building as well (to whoever registered her when it has none), to pass on; the
 * same order and time bind his copy. Not to the one whose message made it happen (ctx->actor: he posted, moved,
 * cancelled or confirmed it for her and knows; staff doing it tells her 楼长). A 楼长 without an identity of his own
 * is not passed on to again. */
static enum bot_rc relay_readers(const struct hd_ctx *ctx, struct store_member *m, int64_t to[4], int *n)
{
    enum bot_rc rc = BOT_OK;
    *n = 0;
    if (m->building[0] && (rc = store_managers_of(ctx->st, m->building, to, 4, n)) != BOT_OK)
        return rc;
    if (*n == 0 && m->created_by)
        to[(*n)++] = m->created_by;
    return BOT_OK;
}

static enum bot_rc relay(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int urgent,
                         int64_t request, int64_t stale_at, int *known)
{
    struct store_member m;
    int64_t to[4];
    int n = 0;
    enum bot_rc rc = store_member_get(ctx->st, member, &m);
    if (rc != BOT_OK)
        return rc == BOT_NOTFOUND ? BOT_OK : rc;
    if ((rc = relay_readers(ctx, &m, to, &n)) != BOT_OK)
        return rc;
    char passed[1024];
    snprintf(passed, sizeof passed, "【请转告 %s（%s，没有手机）】%s", hd_display_name(&m), m.building[0] ? m.building : "未填楼号",
             text);
    for (int i = 0; i < n; i++) {
        char platform[16], user[160];
        if (to[i] == member)
            continue;
        if (to[i] == ctx->actor) { /* he made it happen: he knows */
            *known = 1;
            continue;
        }
        if (store_member_identity(ctx->st, to[i], platform, sizeof platform, user, sizeof user) != BOT_OK)
            continue; /* none of his own (or unreadable): not passed on again */
        if ((rc = tell(ctx, to[i], job, passed, NULL, urgent, request, stale_at, 0, 0)) != BOT_OK)
            return rc;
        *known = 1;
    }
    return BOT_OK;
}

enum bot_rc hd_relayed_to(const struct hd_ctx *ctx, int64_t member, const char *job, int64_t reader, int *yes)
{
    char platform[16], user[160];
    struct store_member m;
    int64_t to[4];
    int n = 0;
    *yes = 0;
    enum bot_rc rc = store_member_identity(ctx->st, member, platform, sizeof platform, user, sizeof user);
    if (rc != BOT_NOTFOUND) /* she has one (or it could not be read): her notices are hers alone */
        return rc;
    if (relay_skips(job) || reader == member || reader == ctx->actor)
        return BOT_OK;
    if ((rc = store_member_get(ctx->st, member, &m)) != BOT_OK)
        return rc == BOT_NOTFOUND ? BOT_OK : rc;
    if ((rc = relay_readers(ctx, &m, to, &n)) != BOT_OK)
        return rc;
    for (int i = 0; i < n && !*yes; i++)
        *yes = to[i] == reader &&
               store_member_identity(ctx->st, reader, platform, sizeof platform, user, sizeof user) == BOT_OK;
    return BOT_OK;
}

/* The notice just written for member, who has no identity at all: passed on to her 楼长 (relay), and once a 楼长 knows
 * it (told now, he made it happen, or he hears it in his own words) recorded as passed on, so his daily digest does not
 * tell him it again the next evening; when none knows (no 楼长 with an identity), the digest passes it on (to staff). */
static enum bot_rc relay_notice(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int urgent,
                                int64_t request, int64_t stale_at)
{
    int known = relay_skips(job);
    enum bot_rc rc = known ? BOT_OK : relay(ctx, member, job, text, urgent, request, stale_at, &known);
    if (rc == BOT_OK && known)
        rc = store_notice_passed_on(ctx->st, member, text, ctx->now);
    return rc;
}

/* A pushed notice about an order whose push dies waits as one never pushed would (the order as it was, stale_at); one
 * about an order's start (a reminder, the volunteer's details: start > 0) reads before the start as it was written,
 * from the start as what was missed, and HD_MISSED_KEEP after the start not at all (nor once the order moved on). */
static enum bot_rc tell_pushed(const struct hd_ctx *ctx, int64_t member, const char *text, const char *platform,
                               const char *user, int64_t request, int64_t stale_at, int volunteer_only, int64_t start)
{
    struct store_notice_about a = {request, stale_at, volunteer_only, 0, NULL};
    char late[STORE_NOTICE_TEXT], when[HD_WHEN_MAX];
    if (request > 0 && start > 0) {
        hd_format_when(start, 0, ctx->set->utc_offset, when);
        size_t len = 0; /* a long text is cut at a whole character (bot_appendf), never in one */
        (void)bot_appendf(late, sizeof late, &len, "【没能按时送到】#%lld 原定 %s 开始，这个时间已经过了。当时发给您的是：\n%s",
                          (long long)request, when, text);
        a.late_at = start;
        a.late_text = late;
        if (a.stale_at <= 0 || a.stale_at < start + HD_MISSED_KEEP)
            a.stale_at = start + HD_MISSED_KEEP;
    }
    return store_notice_pushed_about(ctx->st, member, text, ctx->now, platform, user, &a);
}

static enum bot_rc tell(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed,
                        int urgent, int64_t request, int64_t stale_at, int volunteer_only, int64_t start)
{
    char platform[16], user[160];
    int can = 0, traditional = 0;
    enum bot_rc rc = push_channel(ctx, member, platform, user, &can, &traditional);
    if (pushed)
        *pushed = rc == BOT_OK && can;
    if (rc != BOT_OK)
        return rc;
    if (!can) {
        /* an emergency's notice keeps its phone numbers whole: those who must call her read them privately */
        rc = urgent && request <= 0 && stale_at <= 0
                 ? store_member_notice_whole(ctx->st, member, text, ctx->now)
                 : store_member_notice_about(ctx->st, member, text, ctx->now, request, stale_at, volunteer_only);
        if (rc != BOT_OK)
            return rc;
        if (!platform[0]) /* no identity at all (push_channel found none): her 楼长 passes it on */
            return relay_notice(ctx, member, job, text, urgent, request, stale_at);
        return BOT_OK;
    }
    /* pushed, in her script: the row keeps the member's history (how = push) */
    if ((rc = queue_hers(ctx, traditional, job, platform, user, text, urgent, 0)) != BOT_OK)
        return rc;
    return tell_pushed(ctx, member, text, platform, user, request, stale_at, volunteer_only, start);
}

enum bot_rc hd_push_reply(const struct hd_ctx *ctx, int64_t member, const char *platform, const char *user,
                          const char *text)
{
    enum bot_rc rc = hd_queue_now(ctx, "private_reply", platform, NULL, user, text);
    if (rc != BOT_OK || member <= 0)
        return rc;
    /* kept for her: waiting again (her next private reply, her 楼长's digest) only if this push dies */
    char kept[STORE_NOTICE_TEXT];
    size_t len = 0;
    bot_appendf(kept, sizeof kept, &len, "【您在群里问我的，私信没能送到，补给您】\n");
    if (bot_appendf(kept, sizeof kept, &len, "%s", text) == BOT_TOOBIG) {
        /* a long answer: its whole lines that fit, then how to read it all */
        static const char more[] = "\n……其余请私聊我再问一次。";
        char *cut = kept + (sizeof kept - sizeof more - 1);
        *cut = '\0';
        char *nl = strrchr(kept, '\n');
        len = nl ? (size_t)(nl - kept) : bot_utf8_cut(kept, strlen(kept));
        kept[len] = '\0';
        bot_appendf(kept, sizeof kept, &len, "%s", more);
    }
    return store_notice_pushed(ctx->st, member, kept, ctx->now, platform, user);
}

/* A personal notice (a gift, a referral's reward, a staff adjustment, a 公益 mark, a 代录 receipt, a recommendation) is
 * told as everything else she is told (play-test 16: it was only ever kept for her next reply, so a member a push
 * reaches never heard of an adjustment until she wrote): pushed where a push reaches her, else kept for her next
 * private reply, and passed on to her 楼长 when she has no identity at all. */
enum bot_rc hd_notice(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text)
{
    return hd_tell(ctx, member, job, text, NULL);
}

enum bot_rc hd_tell(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed)
{
    return tell(ctx, member, job, text, pushed, 0, 0, 0, 0, 0);
}

enum bot_rc hd_tell_own(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text)
{
    int pushed = 0;
    enum bot_rc rc = hd_tell(ctx, member, job, text, &pushed);
    if (rc == BOT_OK && !pushed)
        rc = store_notice_passed_on(ctx->st, member, text, ctx->now);
    return rc;
}

enum bot_rc hd_tell_until(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int64_t request,
                          int64_t stale_at)
{
    return tell(ctx, member, job, text, NULL, 0, request, stale_at, 0, 0);
}

enum bot_rc hd_tell_by(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed,
                      int64_t request, int64_t stale_at, int64_t by, int volunteer_only)
{
    int at_once = by > 0 && hd_push_goes_at(ctx, job) > by; /* the quiet hours would hold it past the time it is for */
    return tell(ctx, member, job, text, pushed, at_once, request, stale_at, volunteer_only, by);
}

enum bot_rc hd_tell_about(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed,
                          int64_t request)
{
    return tell(ctx, member, job, text, pushed, 0, request, 0, 0, 0);
}

enum bot_rc hd_tell_volunteer(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed,
                              int64_t request)
{
    return tell(ctx, member, job, text, pushed, 0, request, 0, 1, 0);
}

enum bot_rc hd_tell_moves(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int64_t request)
{
    return tell(ctx, member, job, text, NULL, 0, request, 0, 2, 0);
}

enum bot_rc hd_tell_now(const struct hd_ctx *ctx, int64_t member, const char *job, const char *text, int *pushed)
{
    return tell(ctx, member, job, text, pushed, 1, 0, 0, 0, 0);
}

enum bot_rc hd_say_own(struct hd_call *c, const char *group_line, const char *again, const char *text, int *pushed)
{
    *pushed = 0;
    if (!c->msg->is_group) {
        hd_say(c->out, "%s", text);
        return BOT_OK;
    }
    if (hd_can_push_private(c->ctx, c->msg->platform, c->msg->user_id)) {
        struct hd_reply own; /* as a reply reads: in the writer's script */
        memset(&own, 0, sizeof own);
        hd_say(&own, "%s", text);
        hd_reply_script(c->ctx, c->nr, &own);
        enum bot_rc rc = hd_push_reply(c->ctx, c->me ? c->me->id : 0, c->msg->platform, c->msg->user_id, own.text);
        if (rc != BOT_OK)
            return rc;
        *pushed = 1;
        hd_say(c->out, "%s，原因已私信您。", group_line);
        return hd_say_open_private(c->ctx, c->msg, c->out);
    }
    if (again && again[0])
        hd_say(c->out, "%s，详情请私聊我发「%s」。", group_line, again);
    else
        hd_say(c->out, "%s，详情请私聊我。", group_line);
    return BOT_OK;
}

enum bot_rc hd_say_with_own(struct hd_call *c, const char *said, const char *own)
{
    if (!c->msg->is_group || !own[0]) {
        hd_say(c->out, "%s%s", said, own);
        return BOT_OK;
    }
    int pushed = 0;
    enum bot_rc rc = hd_tell(c->ctx, c->me->id, "own_note", own, &pushed);
    if (rc != BOT_OK)
        return rc;
    hd_say(c->out, "%s%s", said, pushed ? "另有一条提醒已私信您。" : "另有一条给您的提醒，请私聊我发「消息」查看。");
    return BOT_OK;
}
