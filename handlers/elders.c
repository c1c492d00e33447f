/* elders.c — who a member is on file: 注册 of oneself (once), 修改资料, 代注册 of an elder by her 楼长, birthdays checked;
 * a neighbour's phone and address never given out. */
#include "handlers.h"

#include <stdlib.h>
#include <string.h>

int hd_birthday_refused(struct hd_call *c, const char *birthday, int bad, const char *again)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    const char *why = NULL;
    if (bad) {
        why = "没看懂生日（要有年、月、日，而且是真实的日期）";
    } else if (birthday && birthday[0]) {
        int y, m, d;
        bot_civil_from_days(hd_local_day(c->ctx), &y, &m, &d);
        char today[16];
        snprintf(today, sizeof today, "%04d-%02d-%02d", y, m, d);
        int64_t by = 0, bm = 0, bd = 0;
        char part[8];
        snprintf(part, sizeof part, "%.4s", birthday);
        bot_parse_i64(part, &by);
        snprintf(part, sizeof part, "%.2s", birthday + 5);
        bot_parse_i64(part, &bm);
        snprintf(part, sizeof part, "%.2s", birthday + 8);
        bot_parse_i64(part, &bd);
        int age = y - (int)by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);
        if (strcmp(birthday, today) > 0)
            why = "生日不能是以后的日子";
        else if (age < rules->birthday_min_age || age > rules->birthday_max_age)
            why = "这个生日算出来的年龄不对";
    }
    if (!why)
        return 0;
    hd_say(c->out, "%s，这次没有保存。请再发一次，生日写成「生日1950年11月26日」：%s", why, again);
    return 1;
}

/* What a member has on file, for her own eyes: in a group only the name and building. */
static void on_file(const struct hd_call *c, const struct store_member *m, char *buf, size_t sz)
{
    size_t len = 0;
    buf[0] = '\0';
    bot_appendf(buf, sz, &len, "姓名 %s，楼栋 %s", m->name[0] ? m->name : "未填", m->building[0] ? m->building : "未填");
    if (c->msg->is_group) {
        bot_appendf(buf, sz, &len, "，生日%s，电话%s", m->birthday[0] ? "已登记" : "未登记", m->phone[0] ? "已登记" : "未登记");
        return;
    }
    char phone[32];
    bot_strlcpy(phone, m->phone, sizeof phone);
    hd_mask_phones(phone);
    bot_appendf(buf, sz, &len, "，门牌 %s，生日 %s，电话 %s", m->unit[0] ? m->unit : "未填", m->birthday[0] ? m->birthday : "未填",
                phone[0] ? phone : "未填");
}

/* After name (just registered or changed to) is on file: a hint when another member has it too (「@王师傅」 then
 * finds two, which a text-only chat cannot tell apart); "" when none. */
static enum bot_rc namesake_hint(struct hd_call *c, const char *name, char *hint, size_t size)
{
    struct store_member same;
    int namesakes = 0;
    enum bot_rc rc = store_member_by_name(c->ctx->st, name, &same, &namesakes);
    hint[0] = '\0';
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    if (namesakes > 1)
        snprintf(hint, size, "已经有邻居也叫「%s」，大家找您时可能分不清，可以发「修改资料 姓名 王秀英」（换成您的全名）。",
                 name);
    return BOT_OK;
}

/* The ways neighbours call her by her surname (老李, 小李) that nobody in building has, into free[0..*n): only for a full
 * name, its first character her surname, never of a name already so made (小李 gave 老小, play88). forms: how many of
 * 老X, 小X to try (1: 老X only, for an elder whose 小X would not fit). */
static enum bot_rc free_calls(struct hd_call *c, const char *name, const char *building, int forms, char free[2][32],
                              int *n)
{
    static const char *const prefix[] = {"老", "小"};
    struct store_member same;
    int first = 1; /* the surname: its first character, as 老李 is said */
    *n = 0;
    while (name[first] && (name[first] & 0xC0) == 0x80)
        first++;
    if (!name[first] || strncmp(name, "老", (size_t)first) == 0 || strncmp(name, "小", (size_t)first) == 0 ||
        strncmp(name, "阿", (size_t)first) == 0)
        return BOT_OK;
    for (int i = 0; i < forms && i < (int)BOT_ARRAY_LEN(prefix); i++) {
        int count = 0;
        snprintf(free[*n], sizeof free[*n], "%s%.*s", prefix[i], first, name);
        enum bot_rc rc = store_member_by_name_in(c->ctx->st, free[*n], building, &same, &count);
        if (rc != BOT_OK && rc != BOT_NOTFOUND)
            return rc;
        if (rc == BOT_NOTFOUND || count < 1)
            (*n)++;
    }
    return BOT_OK;
}

/* A name another member of building already has (play84: a second 李桂兰 in 3号楼, after which her 楼长 and her
 * neighbours could not tell them apart): nothing registered, and the sender asked for a name that tells them apart
 * (*taken set). A name with a digit is no name here, so the examples are how neighbours call her by her surname
 * (free_calls: only those nobody in the building has); with none, she is asked for hers without an example. */
static enum bot_rc namesake_in(struct hd_call *c, const char *name, const char *building, int editing, const char *said,
                               int *taken)
{
    struct store_member same;
    int count = 0;
    *taken = 0;
    if (!building[0])
        return BOT_OK;
    enum bot_rc rc = store_member_by_name_in(c->ctx->st, name, building, &same, &count);
    if (rc == BOT_NOTFOUND || (rc == BOT_OK && count < 1) || (rc == BOT_OK && same.id == c->me->id && count == 1))
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    char free_names[2][32];
    int nfree = 0;
    if ((rc = free_calls(c, name, building, 2, free_names, &nfree)) != BOT_OK)
        return rc;
    char ask[256];
    const char *cmd = editing ? "修改资料 姓名" : "注册";
    if (nfree == 2)
        snprintf(ask, sizeof ask, "请换一个能区分的叫法再发，比如邻居平时叫您的「%s」或「%s」：%s %s %s。", free_names[0],
                 free_names[1], cmd, free_names[0], building);
    else if (nfree == 1)
        snprintf(ask, sizeof ask, "请换一个能区分的叫法再发，比如邻居平时叫您的「%s」：%s %s %s。", free_names[0], cmd,
                 free_names[0], building);
    else
        snprintf(ask, sizeof ask, "请用邻居平时叫您、又和这一位不同的叫法再发一次：%s 叫法 %s（把「叫法」换成它）。", cmd,
                 building);
    char text[HD_REPLY_MAX];
    snprintf(text, sizeof text, "%s%s已经有一位「%s」了，同一栋楼重名，邻居和楼长会分不清，这次没有%s。%s", said, building,
             name, editing ? "修改" : "登记", ask);
    /* who lives in which building is nobody's to read in a group (reviewers: a refusal there told the group a 李桂兰
     * lives in 3号楼): the reason goes privately, the group reads only that nothing was done */
    int pushed = 0;
    if ((rc = hd_say_own(c, editing ? "这次没有修改" : "这次没有登记", NULL, text, &pushed)) != BOT_OK)
        return rc;
    *taken = 1;
    return BOT_OK;
}

/* The referrer named (an identity, a name, a name with her building) recorded for the sender; when none is, why,
 * into why (empty when recorded). */
static enum bot_rc record_referrer(struct hd_call *c, const char *named, char *why, size_t size)
{
    struct store_member ref;
    int count = 0;
    why[0] = '\0';
    enum bot_rc rc = store_member_by_identity(c->ctx->st, c->msg->platform, named, &ref);
    if (rc == BOT_NOTFOUND)
        rc = hd_member_named(c->ctx, named, &ref, &count);
    if (rc == BOT_NOTFOUND) {
        snprintf(why, size, "推荐人「%s」没有找到已注册的邻居，没有记上。", named);
        return BOT_OK;
    }
    if (rc != BOT_OK)
        return rc;
    int name_len = (int)strcspn(named, "(");
    if (count > 1) {
        snprintf(why, size, "有 %d 位叫「%.*s」的邻居，分不出哪位是推荐人，没有记上；可以发「修改资料 推荐人 %.*s(几号楼)」补上。",
                 count, name_len, named, name_len, named);
        return BOT_OK;
    }
    if (ref.id == c->me->id) {
        snprintf(why, size, "推荐人不能是自己，没有记上。");
        return BOT_OK;
    }
    return store_member_set_int(c->ctx->st, c->me->id, STORE_MF_REFERRER, ref.id);
}

/* A referrer named after registration (修改资料 推荐人 …, or 注册 again): recorded only when none is and before the
 * first service; the sentence that says what became of it into said, *recorded when it was. */
static enum bot_rc late_referrer(struct hd_call *c, const char *named, char *said, size_t size, int *recorded)
{
    const struct store_member *me = c->me;
    *recorded = 0;
    if (me->referrer_id) {
        snprintf(said, size, "您的推荐人已经记过了，不能再改。");
        return BOT_OK;
    }
    struct store_account a;
    enum bot_rc rc = store_account_at(c->ctx->st, c->ctx->now, me->account_id, &a);
    if (rc != BOT_OK)
        return rc;
    if (a.earned > 0 || me->referral_paid) { /* the referral is settled by the first service */
        snprintf(said, size, "您已经做过服务了，推荐人只能在第一次服务之前补记，没有记上。");
        return BOT_OK;
    }
    if ((rc = record_referrer(c, named, said, size)) != BOT_OK)
        return rc;
    if (!said[0]) {
        snprintf(said, size, "已记上您的推荐人 %.*s。", (int)strcspn(named, "("), named);
        *recorded = 1;
    }
    return BOT_OK;
}

enum bot_rc hd_register(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_result *nr = c->nr;
    *outcome = HD_REFUSED;
    if (c->me->registered) {
        /* 注册 acts only on the sender, once: never a rename (a 楼长 registering an elder renamed himself); a referrer
         * written again is recorded as 修改资料 推荐人 would (play-test: ignored without a word) */
        char file[256], ref[256] = "";
        int recorded = 0;
        if (nr->referrer[0] && (!nr->name[0] || strcmp(nr->name, c->me->name) == 0)) {
            enum bot_rc rc = late_referrer(c, nr->referrer, ref, sizeof ref, &recorded);
            if (rc != BOT_OK)
                return rc;
            if (recorded)
                *outcome = HD_CHANGED;
        }
        on_file(c, c->me, file, sizeof file);
        /* herself in another building: she moved, and the command for it has her building; someone else's name (a
         * 楼长 registering an elder) keeps the general answer */
        if (nr->building[0] && strcmp(nr->building, c->me->building) != 0 &&
            (!nr->name[0] || strcmp(nr->name, c->me->name) == 0))
            hd_say(c->out, "%s您已经登记过了：%s。搬到%s了的话，请发「修改资料 %s」。", ref, file, nr->building,
                   nr->building);
        else
            hd_say(c->out, "%s您已经登记过了：%s。要改请发「修改资料 姓名 3号楼 生日1950年11月26日 电话…」（只写要改的）。%s",
                   ref, file, hd_is_manager(c) ? "帮没有手机的老人登记请发「代注册 姓名 楼号 生日… 电话…」。" : "");
        return BOT_OK;
    }
    if (!nr->name[0]) {
        /* 注册 居民3 3号楼: a name with a digit is no name read; say why, not only the form (play-test) */
        if (nr->name_bad)
            hd_say(c->out, "姓名里不能有数字，请写您的名字，例如：注册 王秀英 3号楼 生日1950年11月26日");
        else if (nr->name_title) /* 注册 赵楼长 3号楼: a role or kin word where her name goes (play88) */
            hd_say(c->out, "楼长、志愿者这样的身份，妈妈、阿姨这样的称呼，都不是姓名，这次没有登记。"
                           "请写您自己的名字：注册 姓名 %s（把「姓名」换成您的名字）。",
                   nr->building[0] ? nr->building : "3号楼");
        else if (nr->building[0] || nr->birthday[0]) { /* 我是3号楼的，想当志愿者: what she gave kept in the example */
            char born[32] = "1950年11月26日";
            if (nr->birthday[0]) /* YYYY-MM-DD as she writes it */
                snprintf(born, sizeof born, "%.4s年%d月%d日", nr->birthday, (int)strtol(nr->birthday + 5, NULL, 10),
                         (int)strtol(nr->birthday + 8, NULL, 10));
            hd_say(c->out, "欢迎加入！还差您的姓名，请发「注册 姓名 %s 生日%s」（把「姓名」换成您的名字）。",
                   nr->building[0] ? nr->building : "3号楼", born);
        } else
            hd_say(c->out, "注册请这样写：注册 姓名 3号楼 生日1950年11月26日");
        return BOT_OK;
    }
    if (hd_birthday_refused(c, nr->birthday, nr->birthday_bad, "注册 姓名 3号楼 生日1950年11月26日"))
        return BOT_OK;
    const char *building = nr->building[0] ? nr->building : c->me->building;
    int taken = 0;
    enum bot_rc rc = namesake_in(c, nr->name, building, 0, "", &taken);
    if (rc != BOT_OK || taken)
        return rc;
    rc = store_member_register(c->ctx->st, c->me->id, nr->name,
                                           nr->building[0] ? nr->building : c->me->building,
                                           nr->birthday[0] ? nr->birthday : c->me->birthday, c->ctx->now);
    if (rc != BOT_OK)
        return rc;
    if (nr->phone[0] && (rc = store_member_set_phone(c->ctx->st, c->me->id, nr->phone)) != BOT_OK)
        return rc;
    if (nr->unit[0] && (rc = store_member_set_unit(c->ctx->st, c->me->id, nr->unit)) != BOT_OK) /* never in the reply */
        return rc;
    char unrecorded[256] = ""; /* a referrer written and not recorded is said so (helper-58: dropped silently) */
    if (nr->referrer[0] && !c->me->referrer_id && (rc = record_referrer(c, nr->referrer, unrecorded, sizeof unrecorded)) != BOT_OK)
        return rc;
    char hint[200];
    if ((rc = namesake_hint(c, nr->name, hint, sizeof hint)) != BOT_OK)
        return rc;
    /* no birthday in the reply: it may be a group */
    hd_say(c->out, "欢迎 %s%s%s%s 加入时间驿站！发送「帮助」看看怎么用。%s%s%s", nr->name, nr->building[0] ? "（" : "",
           nr->building, nr->building[0] ? "）" : "", unrecorded, hint,
           hd_is_manager(c) ? "帮没有手机的老人登记请发「代注册 姓名 楼号」。" : "");
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_profile_edit(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_result *nr = c->nr;
    const struct store_member *me = c->me;
    *outcome = HD_REFUSED;
    /* 修改资料 推荐人 王师傅(5号楼): only one not yet recorded, before her first service; said beside whatever else
     * the message changes (play-test: 「已记上您的推荐人」 and the birthday written with it not saved) */
    char ref[256] = "";
    int others = nr->name[0] || nr->building[0] || nr->birthday[0] || nr->phone[0] || nr->birthday_bad || nr->name_bad ||
                 nr->name_title;
    if (nr->referrer[0]) {
        int recorded = 0;
        enum bot_rc rc = late_referrer(c, nr->referrer, ref, sizeof ref, &recorded);
        if (rc != BOT_OK)
            return rc;
        if (recorded)
            *outcome = HD_CHANGED;
        if (!others) {
            hd_say(c->out, "%s", ref);
            return BOT_OK;
        }
    }
    if (!others) {
        char file[256];
        on_file(c, me, file, sizeof file);
        hd_say(c->out, "您登记的资料：%s。要改请只写要改的，例如「修改资料 4号楼」「修改资料 生日1950年11月26日」"
                       "「修改资料 电话 新号码」「修改资料 姓名 王秀英」。", file);
        return BOT_OK;
    }
    if (nr->name_bad) { /* 修改资料 姓名 王师傅2: said why, nothing changed (the digit was dropped) */
        hd_say(c->out, "%s姓名里不能有数字，请写您的名字，例如「修改资料 姓名 王秀英」。", ref);
        return BOT_OK;
    }
    if (nr->name_title) { /* 修改资料 姓名 赵楼长: a role or kin word is no name; nothing changed */
        hd_say(c->out, "%s楼长、志愿者这样的身份，妈妈、阿姨这样的称呼，都不是姓名，这次没有修改。"
                       "请写您自己的名字：修改资料 姓名 （后面写您的名字）。", ref);
        return BOT_OK;
    }
    if (hd_birthday_refused(c, nr->birthday, nr->birthday_bad, "修改资料 生日1950年11月26日")) {
        if (ref[0]) { /* the referrer's sentence before the birthday's */
            char said[sizeof c->out->text];
            snprintf(said, sizeof said, "%s%s", ref, c->out->text);
            hd_say(c->out, "%s", said);
        }
        return BOT_OK;
    }
    int taken = 0; /* a new name or building never makes two of a name in one building (play84) */
    enum bot_rc rc = BOT_OK;
    if ((nr->name[0] && strcmp(nr->name, me->name) != 0) || (nr->building[0] && strcmp(nr->building, me->building) != 0))
        rc = namesake_in(c, nr->name[0] ? nr->name : me->name, nr->building[0] ? nr->building : me->building, 1, ref,
                         &taken);
    if (rc != BOT_OK || taken)
        return rc;
    rc = store_member_register(c->ctx->st, me->id, nr->name[0] ? nr->name : me->name,
                                           nr->building[0] ? nr->building : me->building,
                                           nr->birthday[0] ? nr->birthday : me->birthday, c->ctx->now);
    if (rc != BOT_OK)
        return rc;
    if (nr->phone[0] && (rc = store_member_set_phone(c->ctx->st, me->id, nr->phone)) != BOT_OK)
        return rc;
    /* a new building without its unit: the old unit was in the old building */
    int moved = nr->building[0] && strcmp(nr->building, me->building) != 0;
    if ((nr->unit[0] || (moved && me->unit[0])) && (rc = store_member_set_unit(c->ctx->st, me->id, nr->unit)) != BOT_OK)
        return rc;
    char what[160];
    size_t len = 0;
    what[0] = '\0';
    if (nr->name[0])
        bot_appendf(what, sizeof what, &len, "姓名改为 %s", nr->name);
    if (nr->building[0])
        bot_appendf(what, sizeof what, &len, "%s楼栋改为 %s", len ? "，" : "", nr->building);
    if (nr->unit[0]) /* the unit never in the reply: it may be a group */
        bot_appendf(what, sizeof what, &len, "%s门牌已更新", len ? "，" : "");
    else if (moved && me->unit[0])
        bot_appendf(what, sizeof what, &len, "%s原来的门牌已删除（请发「修改资料 %s几单元几室」补上）", len ? "，" : "",
                    nr->building);
    if (nr->birthday[0])
        bot_appendf(what, sizeof what, &len, "%s生日已更新", len ? "，" : "");
    if (nr->phone[0])
        bot_appendf(what, sizeof what, &len, "%s电话已更新", len ? "，" : "");
    char hint[200] = "";
    if (nr->name[0] && strcmp(nr->name, me->name) != 0 && (rc = namesake_hint(c, nr->name, hint, sizeof hint)) != BOT_OK)
        return rc;
    hd_say(c->out, "已修改：%s。%s%s", what, ref, hint);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

enum bot_rc hd_proxy_register(struct hd_call *c, enum hd_outcome *outcome)
{
    const struct nlp_result *nr = c->nr;
    *outcome = HD_REFUSED;
    /* 代注册 王主任 3号楼: a role is no name (play88); with no building written the name was not read at all
     * (帮我奶奶注册一下 周玉兰, play-test 9): the name and the building are asked for, no role blamed */
    if (!nr->name[0] && nr->name_title && nr->building[0]) {
        hd_say(c->out, "楼长、主任、奶奶这样的称谓不是姓名，这次没有登记。请写老人自己的名字（或邻居对她的称呼，如李奶奶）："
                       "代注册 李奶奶 %s", nr->building);
        return BOT_OK;
    }
    if (!nr->name[0]) {
        const char *b = c->me && c->me->manager_building[0] ? c->me->manager_building : "1号楼";
        hd_say(c->out, "这次没有登记。请把老人的名字和楼栋一起写上，例如：代注册 李奶奶 %s（生日、电话可以加在后面）", b);
        return BOT_OK;
    }
    const char *building = nr->building[0] ? nr->building : c->me->manager_building;
    if (!building[0]) {
        hd_say(c->out, "请写明楼栋，例如「代注册 %s 1号楼」。", nr->name);
        return BOT_OK;
    }
    if (!hd_is_admin(c) && strcmp(building, c->me->manager_building) != 0) {
        hd_say(c->out, "您是%s的楼长，只能为本楼的老人代注册。%s的老人请找那栋楼的楼长或工作人员。",
               c->me->manager_building, building);
        return BOT_OK;
    }
    if (hd_is_admin(c) && !hd_staff_covers(c, building)) { /* a branch admin: her branch's buildings (issue 18) */
        hd_say(c->out, "%s 不在您的分会，那里的老人请找它所在分会的工作人员代注册。", building);
        return BOT_OK;
    }
    if (hd_birthday_refused(c, nr->birthday, nr->birthday_bad, "代注册 姓名 1号楼 生日1945年3月8日"))
        return BOT_OK;
    struct store_member same;
    int count = 0;
    enum bot_rc rc = store_member_by_name_in(c->ctx->st, nr->name, building, &same, &count);
    if (rc == BOT_OK && count >= 1) { /* one of her building, whichever of the namesakes comes first */
        char free_names[2][32], other[160]; /* another of that name: a 称呼 that tells them apart, one nobody has */
        int nfree = 0;
        if ((rc = free_calls(c, nr->name, building, 1, free_names, &nfree)) != BOT_OK)
            return rc;
        if (nfree)
            snprintf(other, sizeof other, "例如邻居叫这位老人「%s」的话：代注册 %s %s。", free_names[0], free_names[0],
                     building);
        else
            snprintf(other, sizeof other, "请用邻居平时对这位老人的叫法（和已登记的不同）再发：代注册 叫法 %s。", building);
        hd_say(c->out, "%s已经有登记的「%s」了，不用再登记，可以直接「代录 %s 志愿者 2小时 陪诊」。如果是同名的另一位，%s",
               building, nr->name, nr->name, other);
        return BOT_OK;
    }
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    int64_t id = 0;
    if ((rc = store_member_create_elder(c->ctx->st, nr->name, c->me->id,
                                        (int64_t)c->ctx->set->rules.overdraft_hours * 60, c->ctx->now, &id)) != BOT_OK ||
        (rc = store_member_register(c->ctx->st, id, nr->name, building, nr->birthday, c->ctx->now)) != BOT_OK)
        return rc;
    if (nr->phone[0] && (rc = store_member_set_phone(c->ctx->st, id, nr->phone)) != BOT_OK)
        return rc;
    if (nr->unit[0] && (!nr->building[0] || strcmp(nr->building, building) == 0) &&
        (rc = store_member_set_unit(c->ctx->st, id, nr->unit)) != BOT_OK)
        return rc;
    /* no birthday nor phone in the reply: it may be a group */
    hd_say(c->out, "已为 %s（%s）登记，由您代管。现在可以「代录 %s 王师傅 2小时 陪诊」记下服务。"
                   "本人或家人想用自己的手机查积分：私聊我发「关联码 %s」，把验证码当面交给他们，用那个账号私聊我发「关联 验证码」即可。",
           nr->name, building, nr->name, nr->name);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* #1的地址 by the order's own volunteer, while he holds it: privately what 接单 told him privately (the place, how to
 * reach her); in a group never, only where to ask. 1 when answered so. */
static int order_volunteer_told(struct hd_call *c, enum bot_rc *rc)
{
    struct store_request r;
    struct store_member req;
    char manager[64], note[600];
    *rc = BOT_OK;
    if (!c->me || !c->nr->request_id || c->nr->ids_more)
        return 0;
    if ((*rc = store_request_get(c->ctx->st, c->nr->request_id, &r)) != BOT_OK) {
        if (*rc == BOT_NOTFOUND)
            *rc = BOT_OK;
        return 0;
    }
    if (r.volunteer_id != c->me->id ||
        (r.status != STORE_REQ_ACCEPTED && r.status != STORE_REQ_IN_SERVICE && r.status != STORE_REQ_FINISHED))
        return 0;
    long long id = (long long)r.id;
    if (c->msg->is_group) {
        hd_say(c->out, "#%lld 的地址和联系方式只在私聊里说：请私聊我发「#%lld的地址」。", id, id);
        return 1;
    }
    int open = 1;
    int64_t from = 0;
    if ((*rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK ||
        (*rc = hd_manager_name(c->ctx, req.building, c->me->id, manager)) != BOT_OK ||
        (*rc = hd_address_open(c->ctx, &r, c->me->id, &open, &from)) != BOT_OK)
        return 1;
    hd_accept_note(c->ctx, &r, &req, 1, open, manager, note, sizeof note);
    char where[128], later[200] = "";
    if (open)
        bot_strlcpy(where, r.location, sizeof where);
    else
        hd_public_location(r.location, where, sizeof where);
    if (!open && hd_address_private(&r, &req)) /* she gave back orders after reading their doors: an hour before */
        hd_address_later(c->ctx, r.id, from, manager, later, sizeof later);
    hd_say(c->out, "#%lld（%s，需求方：%s）%s%s%s%s%s", id, r.service, hd_display_name(&req), where[0] ? "地点：" : "", where,
           where[0] ? "。" : "没有写地点。", later, note);
    return 1;
}

enum bot_rc hd_contact_ask(struct hd_call *c)
{
    const struct nlp_result *nr = c->nr;
    enum bot_rc rc;
    if (order_volunteer_told(c, &rc) || rc != BOT_OK)
        return rc;
    const char *what = nr->contact == NLP_CONTACT_PHONE ? "电话" : nr->contact == NLP_CONTACT_ADDRESS ? "住址" : "电话和住址";
    int named = (int)strcspn(nr->name, "(");
    const char *who = named ? nr->name : "对方";
    if (!named)
        named = (int)strlen(who);
    /* nobody is looked up: whether she is registered, and where, is hers too */
    if (hd_is_manager(c))
        hd_say(c->out, "为了保护邻居的隐私，我不在聊天里给别人的%s，楼长和工作人员也一样。%.*s发紧急求助时，"
                       "本楼楼长和工作人员会私下收到完整的电话和门牌；平时请当面或在群里联系。",
               what, named, who);
    else
        hd_say(c->out, "为了保护邻居的隐私，我不给别人的%s。想找%.*s：可以请楼长转告，或在群里说一声；"
                       "志愿者接单后会私下收到上门地址，有话可以发「转告 #单号 要说的话」。",
               what, named, who);
    return BOT_OK;
}
