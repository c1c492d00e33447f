/* emergency.c — a call for help now: the number to call at once, and pushes now to the 楼长 and the building's group. */
#include "handlers.h"

#include <string.h>

#define EMERGENCY_JOB "emergency"
#define EMERGENCY_MAX_STAFF 16 /* 楼长 of one building, or admins, told per message */
#define EMERGENCY_QUOTE 240    /* bytes of the message quoted to them */

/* What each kind says to the writer (before who was told) and to the others. */
static const struct {
    const char *reply; /* the one step to take first */
    const char *what;  /* as the others read it: what kind of help, never who needs it (张阿姨摔倒了 快来人 is
                        * written by a neighbour: play78 read 3号楼的陈邻居 需要急救) */
    const char *call;  /* the number neighbours call for them */
} kinds[] = {
    [NLP_EMERGENCY_MEDICAL] = {"请马上打 120 叫救护车！能走动的话先把门打开。", "急救", "120"},
    [NLP_EMERGENCY_FIRE] = {"请马上离开家，用湿毛巾捂住口鼻，走楼梯不坐电梯，到外面打 119！", "火警", "119"},
    [NLP_EMERGENCY_GAS] = {"别开灯、别碰任何开关、别点火！马上打开窗户，离开屋子，到外面再打 119。", "煤气",
                           "119"},
    [NLP_EMERGENCY_DANGER] = {"请马上打 110！先到安全的地方，锁好门。", "危险", "110"},
};

/* Who was told, for the reply. */
struct told {
    int64_t ids[EMERGENCY_MAX_STAFF * 2]; /* members pushed or left a notice, never twice */
    int n;
    int staff;  /* pushes queued to 楼长 or admins */
    int groups; /* pushes queued to the building's groups */
};

static int already(const struct told *t, int64_t id)
{
    for (int i = 0; i < t->n; i++)
        if (t->ids[i] == id)
            return 1;
    return 0;
}

/* Tell one staff member now (a notice when no push reaches them), never the writer, each member once. One with no chat
 * identity at all (a 楼长 registered by 代注册) is not: nothing reaches him, and his notice would be passed on to the
 * 楼长 of his building, who are told here in their own right (play-test: admin, also 楼长, read it twice). */
static enum bot_rc tell_staff(const struct hd_ctx *ctx, int64_t id, int64_t writer, const char *text, struct told *t)
{
    if (id == writer || already(t, id) || t->n >= (int)BOT_ARRAY_LEN(t->ids))
        return BOT_OK;
    char platform[16], user[160];
    enum bot_rc rc = store_member_identity(ctx->st, id, platform, sizeof platform, user, sizeof user);
    if (rc == BOT_NOTFOUND)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    int pushed = 0;
    rc = hd_tell_now(ctx, id, EMERGENCY_JOB, text, &pushed);
    if (rc != BOT_OK)
        return rc;
    t->ids[t->n++] = id;
    t->staff += pushed;
    return BOT_OK;
}

/* Every admin: members with the admin role, and the identities bot.ini names
 * (a member among them once; one not yet a member by a push to the identity). */
static enum bot_rc tell_admins(const struct hd_ctx *ctx, const struct hd_msg *m, int64_t writer, const char *text,
                               struct told *t)
{
    int64_t ids[EMERGENCY_MAX_STAFF];
    int n = 0;
    enum bot_rc rc = store_members_with_role(ctx->st, STORE_ROLE_ADMIN, ids, EMERGENCY_MAX_STAFF, &n);
    for (int i = 0; rc == BOT_OK && i < n; i++)
        rc = tell_staff(ctx, ids[i], writer, text, t);
    const char *p = ctx->set->admins;
    char who[64], user[128];
    while (rc == BOT_OK && hd_next_admin(&p, who, user)) {
        if (strcmp(who, m->platform) == 0 && strcmp(user, m->user_id) == 0)
            continue; /* the writer */
        struct store_member adm;
        rc = store_member_by_identity(ctx->st, who, user, &adm);
        if (rc == BOT_OK) {
            rc = tell_staff(ctx, adm.id, writer, text, t);
        } else if (rc == BOT_NOTFOUND) {
            rc = BOT_OK;
            if (hd_can_push_private(ctx, who, user)) {
                rc = hd_queue_now(ctx, EMERGENCY_JOB, who, NULL, user, text);
                t->staff += rc == BOT_OK;
            }
        }
    }
    return rc;
}

/* The building's groups, but not the chat it was said in (they read it there). */
static enum bot_rc tell_groups(const struct hd_ctx *ctx, const struct hd_msg *m, const char *building,
                               const char *text, struct told *t)
{
    struct store_chat chats[8];
    int nc = 0;
    enum bot_rc rc = store_chats_of_building(ctx->st, building, chats, 8, &nc);
    for (int k = 0; rc == BOT_OK && k < nc; k++) {
        if (m->is_group && m->chat_id && strcmp(chats[k].platform, m->platform) == 0 &&
            strcmp(chats[k].chat_id, m->chat_id) == 0)
            continue;
        rc = hd_queue_now(ctx, EMERGENCY_JOB, chats[k].platform, chats[k].chat_id, NULL, text);
        t->groups += rc == BOT_OK;
    }
    return rc;
}

/* Push to whoever can come, and say what to do first. */
static enum bot_rc raise_alarm(const struct hd_ctx *ctx, const struct hd_msg *m, const struct nlp_result *nr,
                               struct hd_reply *out)
{
    unsigned k = (unsigned)nr->emergency < BOT_ARRAY_LEN(kinds) && kinds[nr->emergency].reply ? nr->emergency
                                                                                             : NLP_EMERGENCY_MEDICAL;
    struct store_member me;
    int64_t writer = 0;
    enum bot_rc rc = store_member_by_identity(ctx->st, m->platform, m->user_id, &me);
    if (rc == BOT_OK)
        writer = me.id;
    else if (rc != BOT_NOTFOUND)
        return rc;
    const char *name = writer ? hd_display_name(&me) : m->user_name && *m->user_name ? m->user_name : "一位邻居";
    const char *building = writer && me.registered ? me.building : "";
    char quote[EMERGENCY_QUOTE];
    bot_strlcpy(quote, m->text, sizeof quote); /* cut at a UTF-8 boundary */
    char staff[768], group[768];
    /* staff read how to reach them: the phone they registered, and who they are on the platform */
    /* her whole address (building, unit, room) and phone: private pushes and notices only, never a group */
    const char *unit = writer && me.registered ? me.unit : "";
    char reach[160] = "";
    size_t rl = 0;
    if (building[0])
        bot_appendf(reach, sizeof reach, &rl, "。发信人住址 %s%s", building, unit[0] ? unit : "（门牌未登记）");
    if (writer && me.phone[0])
        bot_appendf(reach, sizeof reach, &rl, "%s电话 %s", rl ? "，" : "。发信人", me.phone);
    /* when it was sent: a 楼长 no push reaches reads it later, as a notice (play80: a night's alert read next morning
     * with no hint of its hour) */
    char sent[HD_WHEN_MAX];
    hd_format_when(ctx->now, 0, ctx->set->utc_offset, sent);
    snprintf(staff, sizeof staff, "【紧急求助·%s】%s%s%s %s发来：「%s」%s（%s %s）。请马上联系或上门看看，必要时打 %s。",
             kinds[k].what, building, building[0] ? "的" : "", name, sent, quote, reach,
             hd_platform_label(ctx, m->platform), m->user_id, kinds[k].call);
    snprintf(group, sizeof group, "【紧急求助·%s】%s的%s 发来：「%s」。住得近的邻居请马上去看看，并帮忙打%s。",
             kinds[k].what, building, name, quote, kinds[k].call);
    hd_mask_phones(group); /* and hd_queue cuts any address to the building ("打%s": a bare number goes too) */
    struct told t = {.n = 0};
    if (building[0]) {
        int64_t mgr[EMERGENCY_MAX_STAFF];
        int nm = 0;
        if ((rc = store_managers_of(ctx->st, building, mgr, EMERGENCY_MAX_STAFF, &nm)) != BOT_OK)
            return rc;
        for (int i = 0; i < nm; i++)
            if ((rc = tell_staff(ctx, mgr[i], writer, staff, &t)) != BOT_OK)
                return rc;
        if ((rc = tell_groups(ctx, m, building, group, &t)) != BOT_OK)
            return rc;
    }
    int managers = t.staff;
    if (!managers && (rc = tell_admins(ctx, m, writer, staff, &t)) != BOT_OK) /* no 楼长 to reach now */
        return rc;
    bot_log(BOT_LOG_WARN, "emergency (%s) from member %lld: %d staff pushed, %d more left a notice, %d groups told",
            nlp_emergency_name((enum nlp_emergency)k), (long long)writer, t.staff, t.n - t.staff, t.groups);
    const char *told = managers && t.groups ? "已通知楼长和本楼的群。"
                       : managers           ? "已通知楼长。"
                       : t.staff && t.groups ? "已通知社区工作人员和本楼的群。"
                       : t.staff            ? "已通知社区工作人员。"
                       : t.groups           ? "已通知本楼的群。"
                       : t.n                ? "已给楼长或社区工作人员留言，但他们不一定马上看到：也请马上打电话给家人或邻居。"
                                            : "也请马上打电话给家人或邻居。";
    hd_say(out, "%s%s", kinds[k].reply, told);
    return BOT_OK;
}

enum bot_rc hd_emergency(const struct hd_ctx *ctx, const struct hd_msg *m, const struct nlp_result *nr,
                         struct hd_reply *out)
{
    enum bot_rc rc;
    memset(out, 0, sizeof *out);
    if ((rc = store_begin(ctx->st)) != BOT_OK)
        return rc;
    int dedup = m->message_id && *m->message_id;
    struct store_msg_key key = {m->platform, m->is_group ? m->chat_id : "", m->user_id, m->message_id};
    if (dedup) {
        int has_reply = 0;
        rc = store_inbox_get(ctx->st, &key, out->text, sizeof out->text, &has_reply);
        if (rc == BOT_OK) { /* a platform's retry: the first answer again, nobody told twice */
            out->has_reply = has_reply;
            store_rollback(ctx->st);
            return BOT_OK;
        }
        if (rc != BOT_NOTFOUND)
            goto error_out;
    }
    if ((rc = raise_alarm(ctx, m, nr, out)) != BOT_OK)
        goto error_out;
    hd_reply_script(ctx, nr, out);
    if (dedup && (rc = store_inbox_put(ctx->st, &key, out->text, ctx->now)) != BOT_OK)
        goto error_out;
    return store_commit(ctx->st);
error_out:
    store_rollback(ctx->st);
    memset(out, 0, sizeof *out);
    return rc;
}
