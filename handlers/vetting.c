/* vetting.c — who may accept what (age, certificates, staff's bans), what both sides are told after an accept, and the private push of a new request to matching volunteers. */
#include "handlers.h"

#include <stdlib.h>
#include <string.h>

#include "../base/date.h"

#define DAY 86400
#define MATCH_LOAD_DAYS 7   /* recent load: orders accepted this many days back */
#define MATCH_FETCH 20      /* candidates read before the suspension, ban, age and certificate checks */

/* What a service's two sides are told after an accept; every order also: no cash between members. */
static const struct {
    const char *service;
    const char *note;
} safety_notes[] = {
    {"托管", "托管只在社区活动室进行，不在任何一方家里；孩子当面交接。"},
    {"代购", "买东西的钱由需求方直接付给商店（扫码或店家代收），不经志愿者的手。"},
    {"维修", "材料由需求方直接向商店购买付款，不经志愿者的手；动电先关闸。"},
    {"陪诊", "陪诊只陪同，不代签字，不代管钱物。"},
};

static const char *safety_note(const char *service)
{
    for (size_t i = 0; i < BOT_ARRAY_LEN(safety_notes); i++)
        if (strcmp(safety_notes[i].service, service) == 0)
            return safety_notes[i].note;
    return "";
}

int hd_age(const char *birthday, const struct hd_ctx *ctx)
{
    int64_t y, m, d;
    char part[8];
    if (!birthday || strlen(birthday) != 10 || birthday[4] != '-' || birthday[7] != '-')
        return -1;
    memcpy(part, birthday, 4);
    part[4] = '\0';
    if (bot_parse_i64(part, &y) != BOT_OK)
        return -1;
    memcpy(part, birthday + 5, 2);
    part[2] = '\0';
    if (bot_parse_i64(part, &m) != BOT_OK)
        return -1;
    memcpy(part, birthday + 8, 2);
    if (bot_parse_i64(part, &d) != BOT_OK || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    /* today on the community's clock: civil date of the local day */
    int64_t today = hd_local_day(ctx);
    int64_t ty = 1970 + today / 366; /* a year at or before today's; walk up */
    while (bot_days_from_civil(ty + 1, 1, 1) <= today)
        ty++;
    int tm = 1;
    while (tm < 12 && bot_days_from_civil(ty, tm + 1, 1) <= today)
        tm++;
    int td = (int)(today - bot_days_from_civil(ty, tm, 1)) + 1;
    int age = (int)(ty - y);
    if (tm < m || (tm == m && td < d))
        age--;
    return age;
}

/* A valid record of kind (a service's certificate, 培训, 保险) for who? Else *out = v, *expired_at its end (0: none). */
static enum bot_rc need_record(const struct hd_ctx *ctx, const struct store_member *who, const char *kind,
                               enum hd_vetting v, enum hd_vetting *out, int64_t *expired_at)
{
    int64_t until = 0;
    enum bot_rc rc = store_cert_expires(ctx->st, who->id, kind, &until);
    if (rc == BOT_OK && until <= ctx->now) {
        *out = v;
        *expired_at = until;
    }
    return rc;
}

enum bot_rc hd_vet(const struct hd_ctx *ctx, const struct store_member *who, const char *service, enum hd_vetting *out,
                   int64_t *expired_at)
{
    const struct hd_rules *rules = &ctx->set->rules;
    int svc = nlp_service_index(service);
    int childcare = strcmp(service, "托管") == 0;
    int age = hd_age(who->birthday, ctx);
    enum bot_rc rc = BOT_OK;
    *out = HD_VET_OK;
    *expired_at = 0;
    if (!who->registered)
        *out = HD_VET_UNREGISTERED;
    else if (age < 0) /* "registered and at least min_age": an age nobody knows is no age */
        *out = HD_VET_NO_BIRTHDAY;
    else if (age < rules->min_age)
        *out = HD_VET_TOO_YOUNG;
    else if (childcare && age < rules->childcare_min_age)
        *out = HD_VET_TOO_YOUNG_FOR;
    if (*out != HD_VET_OK)
        return BOT_OK;
    if (nlp_service_needs_cert(ctx->nlp, svc) &&
        ((rc = need_record(ctx, who, service, HD_VET_NO_CERT, out, expired_at)) != BOT_OK || *out != HD_VET_OK))
        return rc;
    if (nlp_service_needs_training(ctx->nlp, svc) &&
        ((rc = need_record(ctx, who, "培训", HD_VET_NO_TRAINING, out, expired_at)) != BOT_OK || *out != HD_VET_OK))
        return rc;
    if (rules->require_insurance)
        rc = need_record(ctx, who, "保险", HD_VET_NO_INSURANCE, out, expired_at);
    return rc;
}

/* 您的X已过期 / X要…才能接: the way to a valid record of kind, recorded by staff. */
static void say_record_needed(struct hd_call *c, const char *service, const char *kind, const char *what,
                              int64_t expired_at)
{
    char when[HD_WHEN_MAX];
    if (expired_at) {
        hd_format_when(expired_at, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_say(c->out, "您的%s %s 已过期，续期后才能接%s。请联系工作人员登记新的有效期。发「有什么需求」看看其他求助。",
               what, when, service);
    } else {
        hd_say(c->out, "接%s要有%s。请带证明找工作人员登记（「认证 @您 %s 有效期…」）。发「有什么需求」看看其他求助。",
               service, what, kind);
    }
}

int hd_vet_refused(struct hd_call *c, const char *service, enum hd_vetting v, int64_t expired_at)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    const char *building = c->me->building[0] ? c->me->building : "3号楼";
    int childcare = strcmp(service, "托管") == 0;
    char when[HD_WHEN_MAX];
    switch (v) {
    case HD_VET_OK:
        return 0;
    case HD_VET_UNREGISTERED:
        hd_say(c->out, "谢谢您的热心！接单前请先登记：发「注册 姓名 %s 生日1980年5月1日」（换成您的姓名、楼栋和生日），再来接单。",
               building);
        return 1;
    case HD_VET_TOO_YOUNG:
        hd_say(c->out, "谢谢您的热心！接单要年满 %d 岁。可以请家里的大人来接，或一起参加社区活动。", rules->min_age);
        return 1;
    case HD_VET_NO_BIRTHDAY: /* registered: 注册 never changes what is on file, 修改资料 does */
        hd_say(c->out, "%s要年满 %d 岁%s。请先登记生日：发「修改资料 生日1980年5月1日」（换成您的生日），再来接单。",
               childcare ? service : "接单", childcare ? rules->childcare_min_age : rules->min_age,
               childcare ? "才能接" : "");
        return 1;
    case HD_VET_TOO_YOUNG_FOR:
        hd_say(c->out, "谢谢您的热心！%s要年满 %d 岁才能接。发「有什么需求」看看其他求助。", service,
               rules->childcare_min_age);
        return 1;
    case HD_VET_NO_CERT:
        if (expired_at) {
            hd_format_when(expired_at, c->ctx->now, c->ctx->set->utc_offset, when);
            hd_say(c->out, "您的%s证书 %s 已过期，续期后才能接%s。请联系工作人员登记新的有效期。发「有什么需求」看看其他求助。",
                   service, when, service);
        } else {
            hd_say(c->out, "%s要有培训证书才能接。请带证书找工作人员登记（「认证 @您 %s 有效期…」）。发「有什么需求」看看其他求助。",
                   service, service);
        }
        return 1;
    case HD_VET_NO_TRAINING:
        say_record_needed(c, service, "培训", "培训记录", expired_at);
        return 1;
    case HD_VET_NO_INSURANCE:
        say_record_needed(c, service, "保险", "志愿者保险", expired_at);
        return 1;
    }
    return 0;
}

void hd_accept_note(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *other,
                    int to_volunteer, int whole, const char *manager, char *buf, size_t bufsz)
{
    size_t len = 0;
    const char *note = safety_note(r->service);
    buf[0] = '\0';
    /* never a phone number (README's privacy): names, the building, and the go-between; the volunteer, who goes there,
     * reads her unit and room too when the order names no place (play80: a 家务 at her home, and he did not know where) */
    const char *unit = to_volunteer && whole && !r->location[0] && other->building[0] ? other->unit : "";
    bot_appendf(buf, bufsz, &len, "%s%s%s%s%s是您 #%lld（%s）的%s。", hd_display_name(other),
                other->building[0] ? "（" : "", other->building, unit, other->building[0] ? "）" : " ",
                (long long)r->id, r->service, to_volunteer ? "需求方" : "志愿者");
    bot_appendf(buf, bufsz, &len, "有变动请发「转告 #%lld 要说的话」，我会私下转给对方（电话号码不转）；或找%s。",
                (long long)r->id, manager);
    bot_appendf(buf, bufsz, &len, "安全提示：%s会员之间不收付现金。", note);
}

enum bot_rc hd_accept_tell(struct hd_call *c, const struct store_request *r, const struct store_member *req, int whole,
                           char *vol_note, size_t vol_notesz)
{
    char manager[64], note[600];
    enum bot_rc rc = hd_manager_name_but(c->ctx, req->building, req->id, c->me->id, manager);
    if (rc != BOT_OK)
        return rc;
    /* the requester, privately */
    hd_accept_note(c->ctx, r, c->me, 0, 1, manager, note, sizeof note);
    /* after the accept's update; one for an early start the quiet hours would hold past it goes at once (hd_tell_by) */
    if ((rc = hd_tell_by(c->ctx, req->id, "accept_note", note, NULL, r->id, 0, r->start_at, 0)) != BOT_OK)
        return rc;
    /* the volunteer's: the caller says it privately (the reply in a private chat, else a push); a 楼长 who accepted
     * is not pointed to himself */
    if ((rc = hd_manager_name_but(c->ctx, req->building, c->me->id, req->id, manager)) != BOT_OK)
        return rc;
    hd_accept_note(c->ctx, r, req, 1, whole, manager, vol_note, vol_notesz);
    return BOT_OK;
}

/* Can a private push reach member on one of their identities? (A match push is never kept as a notice.) */
static enum bot_rc can_push(const struct hd_ctx *ctx, int64_t member, int *can)
{
    struct store_identity ids[4];
    int n = 0;
    *can = 0;
    enum bot_rc rc = store_member_identities(ctx->st, member, ids, 4, &n);
    for (int i = 0; rc == BOT_OK && i < n && !*can; i++)
        *can = hd_can_push_private(ctx, ids[i].platform, ids[i].user_id);
    return rc;
}

#define MATCH_TEXT_MAX 400
#define MATCH_MOVED_MAX 32 /* a move re-renders at most this many pushes (match_push_count is a handful) */

/* What a match push about r says, as r reads now (after a move too: the push it replaces was never read, so 时间改到了
 * would speak of a time she never saw: play78). */
static void match_text(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                       char text[MATCH_TEXT_MAX])
{
    char when[HD_WHEN_MAX] = "", where[128];
    if (r->start_at)
        hd_format_when(r->start_at, 0, ctx->set->utc_offset, when);
    hd_public_location(r->location, where, sizeof where); /* the whole address only to whoever accepts */
    snprintf(text, MATCH_TEXT_MAX, "您登记过能帮「%s」：%s 的邻居发了求助 #%lld（%s%s%s%s%s）。方便的话回复「接单 #%lld」。",
             r->service, req->building, (long long)r->id, r->service, when[0] ? "，" : "", when, where[0] ? "，" : "", where,
             (long long)r->id);
}

enum bot_rc hd_match_moved(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req)
{
    struct store_push_dest *to = calloc(MATCH_MOVED_MAX, sizeof *to); /* worker stacks are small */
    if (!to)
        return BOT_NOMEM;
    int n = 0;
    char text[MATCH_TEXT_MAX];
    match_text(ctx, r, req, text);
    enum bot_rc rc = store_outbox_drop_moved(ctx->st, r->id, to, MATCH_MOVED_MAX, &n);
    /* the neighbour had not read the old time yet: she reads the new one instead (re-rendered, not a second push);
     * one who read it already is not pushed again (the group's 改了时间 line and 接单's reply say the new time) */
    for (int i = 0; i < n && rc == BOT_OK; i++)
        if (strcmp(to[i].job, "match") == 0 && to[i].user_id[0] && !to[i].chat_id[0])
            rc = hd_queue_about(ctx, "match", to[i].platform, NULL, to[i].user_id, text, r->id);
    free(to);
    return rc;
}

enum bot_rc hd_match_push(const struct hd_ctx *ctx, const struct store_request *r, const struct store_member *req,
                          int *pushed)
{
    const struct hd_rules *rules = &ctx->set->rules;
    *pushed = 0;
    if (rules->match_push_count <= 0 || !req->building[0])
        return BOT_OK;
    struct store_match_query mq = {
        .service = r->service,
        .building = req->building,
        .exclude = req->id,
        .load_since = ctx->now - (int64_t)MATCH_LOAD_DAYS * DAY,
        .level2_minutes = (int64_t)rules->level_tongxing * 60,
        .level3_minutes = (int64_t)rules->level_gongzhu * 60,
    };
    int64_t ids[MATCH_FETCH];
    int n = 0;
    enum bot_rc rc;
    char text[MATCH_TEXT_MAX];
    match_text(ctx, r, req, text);
    /* the first MATCH_FETCH of the match's order: not suspended, not banned from accepting, still in the building,
     * vetted, reachable in private, allowed to accept it */
    if ((rc = store_match_volunteers(ctx->st, &mq, ids, MATCH_FETCH, &n)) != BOT_OK)
        return rc;
    for (int i = 0; i < n && *pushed < rules->match_push_count; i++) {
        struct store_member m;
        enum hd_vetting v;
        int64_t exp;
        int can = 0;
        if ((rc = store_member_get(ctx->st, ids[i], &m)) != BOT_OK)
            return rc;
        if (m.suspended || m.accept_banned_until > ctx->now || strcmp(m.building, req->building) != 0)
            continue;
        if ((rc = hd_vet(ctx, &m, r->service, &v, &exp)) != BOT_OK || (rc = can_push(ctx, m.id, &can)) != BOT_OK)
            return rc;
        if (v != HD_VET_OK || !can)
            continue;
        int open_to = 0; /* issue 18: never a volunteer who may not accept it (another branch, closed to others) */
        if ((rc = store_request_open_to(ctx->st, r->id, m.id, &open_to)) != BOT_OK)
            return rc;
        if (!open_to)
            continue;
        if ((rc = hd_push_member_about(ctx, m.id, "match", text, r->id)) != BOT_OK) /* dropped once #id is over */
            return rc;
        (*pushed)++;
    }
    return BOT_OK;
}

enum bot_rc hd_certify(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member t;
    int found;
    *outcome = HD_REFUSED;
    const struct nlp_result *nr = c->nr;
    if (nr->service < 0 && !nr->cert[0]) {
        hd_say(c->out, "请写明哪项服务（或培训、保险），例如「认证 @王师傅 托管 有效期2027-12-31」。");
        return BOT_OK;
    }
    /* 培训 and 保险 are kept as a service's certificate is, under their own name */
    const char *service = nr->cert[0] ? nr->cert : nlp_service_name(nr->service);
    if (!nr->until[0]) {
        hd_say(c->out, "请写明有效期，例如「认证 @王师傅 %s 有效期2027-12-31」。", service);
        return BOT_OK;
    }
    enum bot_rc rc = hd_find_target(c, 0, &t, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!hd_staff_covers_member(c, &t)) /* issue 18: a branch admin acts on her branch's members */
        return BOT_OK;
    int64_t y = 0, m = 0, d = 0;
    char part[8];
    memcpy(part, nr->until, 4);
    part[4] = '\0';
    bot_parse_i64(part, &y);
    memcpy(part, nr->until + 5, 2);
    part[2] = '\0';
    bot_parse_i64(part, &m);
    memcpy(part, nr->until + 8, 2);
    bot_parse_i64(part, &d);
    /* valid through that day, on the community's clock */
    int64_t until = bot_day_start(bot_days_from_civil(y, (int)m, (int)d) + 1, c->ctx->set->utc_offset);
    if (until <= c->ctx->now) {
        hd_say(c->out, "有效期 %s 已经过了，请写将来的日期。", nr->until);
        return BOT_OK;
    }
    if ((rc = store_cert_set(c->ctx->st, t.id, service, until, c->me->id, c->ctx->now)) != BOT_OK)
        return rc;
    /* the record alone may not be enough (age, a birthday on file): both hear what still stands in the way */
    const char *what = strcmp(service, "培训") == 0 ? "培训记录" : strcmp(service, "保险") == 0 ? "志愿者保险" : "证书";
    char still[96] = "";
    if (!nr->cert[0]) {
        enum hd_vetting v;
        int64_t expired = 0;
        if ((rc = hd_vet(c->ctx, &t, service, &v, &expired)) != BOT_OK)
            return rc;
        const struct hd_rules *rules = &c->ctx->set->rules;
        int need = strcmp(service, "托管") == 0 ? rules->childcare_min_age : rules->min_age;
        if (v == HD_VET_NO_BIRTHDAY)
            snprintf(still, sizeof still, "还要先登记生日（年满 %d 岁才能接）", need);
        else if (v == HD_VET_TOO_YOUNG || v == HD_VET_TOO_YOUNG_FOR)
            snprintf(still, sizeof still, "年满 %d 岁后才能接", need);
    }
    char note[240];
    if (nr->cert[0])
        snprintf(note, sizeof note, "工作人员已登记您的%s，有效期到 %s。", what, nr->until);
    else if (still[0])
        snprintf(note, sizeof note, "工作人员已登记您的%s证书，有效期到 %s；%s%s的求助。", service, nr->until, still, service);
    else
        snprintf(note, sizeof note, "工作人员已登记您的%s证书，有效期到 %s。现在可以接%s的求助了。", service, nr->until,
                 service);
    if ((rc = hd_tell(c->ctx, t.id, "certified", note, NULL)) != BOT_OK)
        return rc;
    hd_say(c->out, "已登记 %s 的%s%s，有效期到 %s。%s%s%s", hd_display_name(&t), nr->cert[0] ? "" : service, what,
           nr->until, still[0] ? "注意：" : "", still[0] ? hd_display_name(&t) : "", still[0] ? still : "");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_accept_ban(struct hd_call *c, enum hd_outcome *outcome)
{
    struct store_member t;
    int found;
    *outcome = HD_REFUSED;
    int ban = c->nr->intent == NLP_ACCEPT_BAN;
    if (ban && (c->nr->days <= 0 || c->nr->nonpositive)) {
        hd_say(c->out, "请写明暂停几天（正数），例如「禁止接单 @王师傅 7天」。这次没有禁止。");
        return BOT_OK;
    }
    enum bot_rc rc = hd_find_target(c, 0, &t, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!hd_staff_covers_member(c, &t)) /* issue 18: a branch admin acts on her branch's members */
        return BOT_OK;
    char note[200], when[HD_WHEN_MAX];
    if (t.id == c->me->id) {
        hd_say(c->out, "不能给自己%s，请另一位工作人员办理。", ban ? "禁止接单" : "解除禁止");
        return BOT_OK;
    }
    int64_t ban_until = 0;
    if (ban) {
        int64_t until = c->ctx->now + (int64_t)c->nr->days * DAY;
        ban_until = until;
        if (t.accept_banned_until > c->ctx->now && t.accept_banned_until + DAY > until) {
            /* a ban as long stands (or within a day of it: the same ban said again): no change, no second notice */
            hd_format_when(t.accept_banned_until, c->ctx->now, c->ctx->set->utc_offset, when);
            hd_say(c->out, "%s 已经被禁止接单到 %s，不用再设。", hd_display_name(&t), when);
            return BOT_OK;
        }
        if ((rc = store_member_set_int(c->ctx->st, t.id, STORE_MF_ACCEPT_BANNED_UNTIL, until)) != BOT_OK)
            return rc;
        hd_format_when(until, 0, c->ctx->set->utc_offset, when); /* a notice, read later */
        snprintf(note, sizeof note, "工作人员暂停了您的接单，到 %s。期间仍可以发布求助；有疑问请联系工作人员。", when);
        hd_format_when(until, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_say(c->out, "已暂停 %s 接单，到 %s。提前恢复请发「解除禁止 @%s」。", hd_display_name(&t), when,
               hd_display_name(&t));
    } else {
        if (t.accept_banned_until <= c->ctx->now) {
            hd_say(c->out, "%s 现在没有被禁止接单。", hd_display_name(&t));
            return BOT_OK;
        }
        if ((rc = store_member_set_int(c->ctx->st, t.id, STORE_MF_ACCEPT_BANNED_UNTIL, 0)) != BOT_OK)
            return rc;
        snprintf(note, sizeof note, "工作人员已恢复您的接单。发「有什么需求」看看谁需要帮忙。");
        hd_say(c->out, "已恢复 %s 接单。", hd_display_name(&t));
    }
    /* a ban's notice is true until the ban ends: not shown after it (helper-58 read a week-old one) */
    if ((rc = hd_tell_until(c->ctx, t.id, ban ? "accept_ban" : "accept_unban", note, 0, ban ? ban_until : 0)) != BOT_OK)
        return rc;
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* A record's last valid day (it is kept as the start of the next local day) as YYYY-MM-DD. */
static void last_day(int64_t expires_at, int utc_offset, char buf[16])
{
    int y, m, d;
    bot_civil_from_days(bot_local_day(expires_at, utc_offset) - 1, &y, &m, &d);
    snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
}

enum bot_rc hd_qualify(struct hd_call *c)
{
    struct store_member t;
    struct store_cert certs[16];
    int found, n = 0, age;
    char buf[1200], day[16], when[HD_WHEN_MAX];
    size_t len = 0;
    const struct hd_ctx *ctx = c->ctx;
    enum bot_rc rc = hd_find_target(c, 0, &t, &found);
    if (rc != BOT_OK || !found)
        return rc;
    if (!hd_staff_covers_member(c, &t)) /* issue 18: a branch admin acts on her branch's members */
        return BOT_OK;
    if (c->msg->is_group) { /* her age and papers are hers (play-test 11: 51 岁 read out to the group) */
        hd_say(c->out, "资质只在私聊里看：请私聊我发「资质 @%s」。", hd_display_name(&t));
        return BOT_OK;
    }
    if ((rc = store_certs_of(ctx->st, t.id, certs, (int)BOT_ARRAY_LEN(certs), &n)) != BOT_OK)
        return rc;
    age = hd_age(t.birthday, ctx);
    buf[0] = '\0';
    bot_appendf(buf, sizeof buf, &len, "%s%s%s%s 的资质：", hd_display_name(&t), t.building[0] ? "（" : "",
                t.building, t.building[0] ? "）" : "");
    if (!t.registered)
        bot_appendf(buf, sizeof buf, &len, "\n未注册");
    else if (age < 0)
        bot_appendf(buf, sizeof buf, &len, "\n生日未登记");
    else
        bot_appendf(buf, sizeof buf, &len, "\n%d 岁", age);
    int training = 0, insurance = 0;
    for (int i = 0; i < n; i++) {
        int is_training = strcmp(certs[i].service, "培训") == 0, is_insurance = strcmp(certs[i].service, "保险") == 0;
        training |= is_training;
        insurance |= is_insurance;
        last_day(certs[i].expires_at, ctx->set->utc_offset, day);
        bot_appendf(buf, sizeof buf, &len, "\n%s%s 到 %s%s", certs[i].service,
                    is_training ? "" : is_insurance ? "" : "证书", day, certs[i].expires_at > ctx->now ? "" : "（已过期）");
    }
    if (!training)
        bot_appendf(buf, sizeof buf, &len, "\n培训：未登记");
    if (!insurance)
        bot_appendf(buf, sizeof buf, &len, "\n保险：未登记%s", ctx->set->rules.require_insurance ? "（接单需要）" : "");
    if (t.suspended)
        bot_appendf(buf, sizeof buf, &len, "\n账户已停用");
    if (t.accept_banned_until > ctx->now) {
        hd_format_when(t.accept_banned_until, ctx->now, ctx->set->utc_offset, when);
        bot_appendf(buf, sizeof buf, &len, "\n禁止接单到 %s（提前恢复：「解除禁止 @%s」）", when, hd_display_name(&t));
    } else {
        bot_appendf(buf, sizeof buf, &len, "\n可以接单");
    }
    hd_say(c->out, "%s", buf);
    return BOT_OK;
}
