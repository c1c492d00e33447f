/* conversation.c — what the bot asks and how the answer finishes it, the order a bare 我到了 means, questions about an order. */
#include "handlers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PICK_MAX 9
/* 我到了 more than this before or after the order's start is asked about first */
#define EARLY_START (2 * 3600)

static int64_t field(const char *payload, const char *name);

void hd_ask(struct hd_call *c, const char *kind, const char *fmt, ...)
{
    bot_strlcpy(c->ask_kind, kind, sizeof c->ask_kind);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->ask_payload, sizeof c->ask_payload, fmt, ap);
    va_end(ap);
}

void hd_ask_page(struct hd_call *c, const struct store_open_key *end)
{
    hd_ask(c, "more", "part=%d start=%lld id=%lld", end->part, (long long)end->start, (long long)end->id);
}

void hd_carry_page(const char *more, char *payload, size_t size)
{
    size_t n = strlen(payload);
    if (n < size)
        snprintf(payload + n, size - n, " more_part=%lld more_start=%lld more_id=%lld", (long long)field(more, "part"),
                 (long long)field(more, "start"), (long long)field(more, "id"));
}

/* A yes with more said after it (是 10点吧 1个小时): perhaps the answer to 您是要请邻居帮忙吗 (post_text). */
static const char *const yes_words[] = {"是", "好", "对", "對", "嗯", "行", "可以", "要"};

/* The bytes of the yes word text starts with, 0 for none. */
static size_t yes_word_len(const char *text)
{
    for (size_t i = 0; text && i < BOT_ARRAY_LEN(yes_words); i++)
        if (strncmp(text, yes_words[i], strlen(yes_words[i])) == 0)
            return strlen(yes_words[i]);
    return 0;
}

static int yes_first(const char *text)
{
    if (text && (strstr(text, "吗") || strstr(text, "么") || strchr(text, '?') || strstr(text, "？")))
        return 0; /* 是吗？ asks (play-test 12: it posted) */
    return yes_word_len(text) > 0;
}

/* The time and hours a yes to 您是要请邻居帮忙吗 changes (是，不过改到下午2点 / 对，但是两个小时 / 嗯 换成周五吧), over those
 * of the words asked about (asked, payload) in nr: her words and the answer were read as one text, in which the first
 * time and the first hours won, so the post went out at the time she had just changed (play-test 12). A clock
 * without a day falls on the asked day (in the evening when it was asked for one: 晚上8点 … 改到9点 is 21:00); a day without
 * a clock keeps the asked clock; hours said, or a range, replace the asked hours. */
static enum bot_rc yes_changes(struct hd_call *c, const char *asked, struct nlp_result *nr)
{
    const char *said = c->msg->text + yes_word_len(c->msg->text);
    if (!*said)
        return BOT_OK;
    int off = c->ctx->set->utc_offset;
    struct nlp_time was, t;
    enum bot_rc rc = nlp_time_of(c->ctx->nlp, asked, c->ctx->now, off, &was);
    if (rc != BOT_OK)
        return rc;
    int64_t day = nr->has_start ? bot_local_day(nr->start, off) : nr->has_start_day ? nr->start_day : INT64_MIN;
    /* the asked part of the day only for the evening's (晚上8点 … 改到9点); 下午3点 … 10点吧 is the morning's 10点 */
    const char *pn = was.found ? nlp_part_name(was.part) : "";
    int part = strcmp(pn, "晚上") == 0 || strcmp(pn, "傍晚") == 0 ? was.part : 0;
    if ((rc = nlp_time_on_day(c->ctx->nlp, said, c->ctx->now, off, day, part, &t)) != BOT_OK)
        return rc;
    if (!t.found && part && (rc = nlp_time_on_day(c->ctx->nlp, said, c->ctx->now, off, day, 0, &t)) != BOT_OK)
        return rc;
    if (t.found && !t.deadline) {
        if (t.has_clock) {
            nr->has_start = 1;
            nr->start = t.start;
            nr->has_start_day = 0;
        } else if (nr->has_start && !t.part) { /* 换成周五: the asked clock on the day now said */
            int64_t clock = nr->start - bot_day_start(bot_local_day(nr->start, off), off);
            nr->start = bot_day_start(bot_local_day(t.start, off), off) + clock;
        } else { /* a day (and perhaps its part) with no clock */
            nr->has_start = 0;
            nr->has_start_day = 1;
            nr->start_day = bot_local_day(t.start, off);
            nr->start_part = t.part ? t.part : nr->start_part;
        }
        if (t.range_minutes > 0)
            nr->minutes = t.range_minutes;
    }
    char *norm = malloc(1024); /* worker stacks are small */
    struct nlp_result *scratch = calloc(1, sizeof *scratch);
    if (!norm || !scratch) {
        free(norm);
        free(scratch);
        return BOT_NOMEM;
    }
    rc = nlp_normalize(c->ctx->nlp, said, norm, 1024, scratch);
    if (rc == BOT_OK || rc == BOT_TOOBIG) { /* cut: the hours are in what fits */
        int minutes = nlp_duration_scan(norm, 0);
        if (minutes > 0)
            nr->minutes = minutes;
        rc = BOT_OK;
    }
    free(norm);
    free(scratch);
    return rc;
}

/* 不是，是陪诊 / 不对，… : a no that says something else instead (never 不用, an answer of its own). */
static int no_first(const char *text)
{
    static const char *const no_words[] = {"不是", "不对", "不對", "不，", "不,", "不 "};
    for (size_t i = 0; text && i < BOT_ARRAY_LEN(no_words); i++)
        if (strncmp(text, no_words[i], strlen(no_words[i])) == 0)
            return text[strlen(no_words[i])] != '\0';
    return 0;
}

/* 接单 or 结束 said alone: the answer to 您是要接这一单，还是…要结束？ (take_or_end); 1 take, 2 end, 0 neither */
int hd_take_or_end_word(const char *text)
{
    static const char *const take[] = {"接单", "接", "我接", "接单吧", "我接单", "接这单", "是接单", "我来接", "要接单"};
    static const char *const end[] = {"结束", "结束服务", "结束了", "要结束", "是结束", "结束吧", "服务结束"};
    if (!text)
        return 0;
    char t[64];
    size_t n = strlen(text);
    if (n >= sizeof t)
        return 0;
    memcpy(t, text, n + 1);
    for (int cut = 1; cut && n > 0;) { /* a full stop or a space after it, whole characters only */
        static const char *const tail[] = {" ", ".", "!", "~", "。", "！", "～"};
        cut = 0;
        for (size_t i = 0; i < BOT_ARRAY_LEN(tail) && !cut; i++) {
            size_t k = strlen(tail[i]);
            if (n >= k && memcmp(t + n - k, tail[i], k) == 0) {
                t[n -= k] = '\0';
                cut = 1;
            }
        }
    }
    for (size_t i = 0; i < BOT_ARRAY_LEN(take); i++)
        if (strcmp(t, take[i]) == 0)
            return 1;
    for (size_t i = 0; i < BOT_ARRAY_LEN(end); i++)
        if (strcmp(t, end[i]) == 0)
            return 2;
    return 0;
}

int hd_could_answer(const struct nlp_result *nr, const char *text)
{
    if (nr->answer != NLP_ANSWER_NONE)
        return 1;
    if (nr->intent == NLP_NONE)
        return yes_first(text) || no_first(text); /* chatter: no answer (a time alone is NLP_ANSWER_TIME) */
    if (nr->intent == NLP_LIST_REQUESTS && nr->more)
        return 1; /* 更多: the next page of the list the bot showed */
    return nr->request_id == 0 && (nr->intent == NLP_START || nr->intent == NLP_FINISH || nr->intent == NLP_CONFIRM);
}

/* payload fields: "intent=5 id=12 minutes=60" / "intent=6 ids=3,5" / "id=12" */
static int64_t field(const char *payload, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = payload; (p = strstr(p, name)); p += n)
        if ((p == payload || p[-1] == ' ') && p[n] == '=')
            return strtoll(p + n + 1, NULL, 10);
    return 0;
}

static int ids_of(const char *payload, int64_t ids[PICK_MAX])
{
    const char *p = strstr(payload, "ids=");
    int n = 0;
    if (!p)
        return 0;
    for (p += 4; *p && *p != ' ' && n < PICK_MAX;) {
        char *end;
        long long v = strtoll(p, &end, 10);
        if (end == p)
            break;
        ids[n++] = v;
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}

/* Make *nr the command the answer completes: intent on order id. */
static void command_of(struct nlp_result *nr, enum nlp_intent intent, int64_t id, int minutes)
{
    int addressed = nr->addressed;
    memset(nr, 0, sizeof *nr);
    nr->service = -1;
    nr->intent = intent;
    nr->request_id = id;
    nr->minutes = minutes;
    nr->addressed = addressed;
}

/* A time given for the request the bot just posted without one; a clock alone falls on the day the post named, in
 * the part of it said (day, part: 0 none). */
/* How long, said with the hour asked after a post (周六下午两点 两个小时): the open order's estimate, as a post's would
 * be checked (the longest order, what her hours and her other unpaid orders leave); what was kept is said in *said. */
static enum bot_rc answer_length(struct hd_call *c, const struct store_request *r, int minutes, char *said, size_t n)
{
    const struct hd_rules *rules = &c->ctx->set->rules;
    char h[24];
    hd_hours_text(minutes, h);
    if (minutes > rules->max_request_hours * 60) {
        snprintf(said, n, "（一次求助最长 %d 小时，时长没有改）", rules->max_request_hours);
        return BOT_OK;
    }
    struct store_member req;
    struct store_account acct;
    enum bot_rc rc;
    if ((rc = store_member_get(c->ctx->st, r->requester_id, &req)) != BOT_OK ||
        (rc = store_account_at(c->ctx->st, c->ctx->now, req.account_id, &acct)) != BOT_OK)
        return rc;
    if (!req.subsidised && !r->public_benefit && acct.has_limit) {
        int64_t owed = 0;
        if ((rc = store_request_committed_by(c->ctx->st, req.id, rules->default_estimate_minutes, r->id, &owed)) !=
            BOT_OK)
            return rc;
        if (acct.balance - owed - minutes < acct.min_balance) {
            snprintf(said, n, "（约 %s 会超过透支上限，时长没有改）", h);
            return BOT_OK;
        }
    }
    if ((rc = store_request_set_estimate(c->ctx->st, r->id, minutes)) != BOT_OK)
        return rc;
    snprintf(said, n, "，约 %s", h);
    return BOT_OK;
}

static enum bot_rc answer_time(struct hd_call *c, int64_t id, int64_t day, int part, enum hd_turn *turn,
                               enum hd_outcome *outcome)
{
    struct nlp_time t;
    enum bot_rc rc = nlp_time_on_day(c->ctx->nlp, c->msg->text, c->ctx->now, c->ctx->set->utc_offset,
                                     day ? day : INT64_MIN, part, &t);
    if (rc == BOT_OK && t.found && t.has_clock && !t.deadline && t.start <= c->ctx->now) {
        /* 今天晚上 then 11点 at 23:50: an hour gone; said so, and the question stays */
        char when[HD_WHEN_MAX];
        hd_format_when(t.start, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_say(c->out, "%s 已经过去了。#%lld 还缺时间：请说一个还没到的时间，例如「明天上午9点」。", when, (long long)id);
        *turn = HD_TURN_DONE;
        *outcome = HD_COUNTED;
        return BOT_OK;
    }
    if (rc == BOT_OK && !t.found && part) { /* 3点 after 明天上午: the part said cannot hold it */
        hd_say(c->out, "这个钟点和您先前说的上午/下午对不上。#%lld 还缺时间：请连上午下午一起说，例如「上午9点」。",
               (long long)id);
        *turn = HD_TURN_DONE;
        *outcome = HD_COUNTED;
        return BOT_OK;
    }
    if (rc != BOT_OK || !t.found || !t.has_clock || t.start <= c->ctx->now)
        return rc; /* not a time ahead: not an answer to this question */
    struct store_request r;
    if ((rc = store_request_get(c->ctx->st, id, &r)) == BOT_NOTFOUND)
        return BOT_OK;
    if (rc != BOT_OK)
        return rc;
    c->answered = 1;
    *turn = HD_TURN_DONE;
    int hers = r.requester_id == c->me->id; /* or, posted for her, her 楼长's (helper-72: he was refused) */
    if (!hers) {
        struct store_member req;
        if ((rc = store_member_get(c->ctx->st, r.requester_id, &req)) != BOT_OK && rc != BOT_NOTFOUND)
            return rc;
        hers = rc == BOT_OK && hd_speaks_for(c, &req);
    }
    if (!hers || (r.status != STORE_REQ_OPEN && r.status != STORE_REQ_ACCEPTED)) {
        hd_say(c->out, "#%lld 已经不能改时间了。要换时间，请「取消 #%lld」后重新发布。", (long long)id, (long long)id);
        *outcome = HD_COUNTED;
        return BOT_OK;
    }
    if ((rc = store_request_set_start(c->ctx->st, id, t.start)) != BOT_OK)
        return rc;
    char when[HD_WHEN_MAX], length[160] = "";
    hd_format_when(t.start, c->ctx->now, c->ctx->set->utc_offset, when);
    if (c->nr->minutes > 0 && c->nr->minutes != r.est_minutes && r.status == STORE_REQ_OPEN &&
        (rc = answer_length(c, &r, c->nr->minutes, length, sizeof length)) != BOT_OK)
        return rc;
    hd_say(c->out, "好的，#%lld 的时间定为 %s%s。志愿者回复「接单 #%lld」即可接单。", (long long)id, when, length, (long long)id);
    *outcome = HD_CHANGED;
    return BOT_OK;
}

/* 改到几点呢？ answered 不改了, #5 改时间的事算了: the move asked is dropped and the order stays as it is; a no that names
 * another order is no answer to this question. */
static enum bot_rc drop_move(struct hd_call *c, int64_t id, const struct nlp_result *nr, enum hd_turn *turn,
                             enum hd_outcome *outcome)
{
    if (nr->request_id && nr->request_id != id)
        return BOT_OK;
    c->answered = 1;
    *turn = HD_TURN_DONE;
    *outcome = HD_COUNTED;
    struct store_request r;
    enum bot_rc rc = store_request_get(c->ctx->st, id, &r);
    if (rc != BOT_OK && rc != BOT_NOTFOUND)
        return rc;
    char when[HD_WHEN_MAX] = "";
    if (rc == BOT_OK && r.start_at)
        hd_format_when(r.start_at, c->ctx->now, c->ctx->set->utc_offset, when);
    if (when[0])
        hd_say(c->out, "好的，#%lld 的时间不改了，还是 %s。", (long long)id, when);
    else
        hd_say(c->out, "好的，#%lld 的时间不改了。", (long long)id);
    return BOT_OK;
}

/* The page of the list open before a yes-or-no question, open again whichever way it was answered: 更多 goes on. */
static void give_back_page(struct hd_call *c, const struct store_pending *p)
{
    struct store_open_key end = {(int)field(p->payload, "more_part"), field(p->payload, "more_start"),
                                 field(p->payload, "more_id")};
    if (end.id)
        hd_ask_page(c, &end);
}

static const char *verb_of(enum nlp_intent i);

/* A yes with a change in it (是 1.5小时, 对，但是…, 嗯 换成周五吧, 是，不过改到下午3点): a time, hours, or a word that
 * turns what was asked; 是的 谢谢小王 is none (a yes the parser does not read as one stays unanswered, as before). */
static int changes_something(const struct hd_call *c)
{
    static const char *const turns[] = {"但", "不过", "不過", "改", "换", "換", "不是", "应该", "應該", "其实", "其實", "只"};
    const char *text = c->msg->text;
    if (!yes_first(text))
        return 0;
    for (size_t i = 0; i < BOT_ARRAY_LEN(turns); i++)
        if (strstr(text, turns[i]))
            return 1;
    struct nlp_time t;
    if (nlp_time_of(c->ctx->nlp, text, c->ctx->now, c->ctx->set->utc_offset, &t) == BOT_OK && t.found)
        return 1;
    for (const char *q = text; *q; q++) /* hours, a number of anything */
        if (*q >= '0' && *q <= '9')
            return 1;
    return strstr(text, "小时") || strstr(text, "钟头") || strstr(text, "小時") || strstr(text, "鐘頭") ||
           strstr(text, "个半") || strstr(text, "個半") || strstr(text, "半天");
}

/* A yes or a no that says something else than was asked (是 1.5小时 to 您是要确认 #5 2小时 吗, 是，不过改到下午3点 to 要把
 * #14 改到 明天下午5点 吗, 不是，是陪诊 to 您是要请邻居帮忙吗): nothing is done, and the question is closed, said so with
 * the way to say it whole. It had been 没听懂 with the question kept, so her next bare 是 did the old thing: 2 hours
 * paid after she had said 1.5 (play-test 13). */
static void changed_answer(struct hd_call *c, const struct store_pending *p, enum hd_turn *turn,
                           enum hd_outcome *outcome)
{
    c->answered = 1;
    *turn = HD_TURN_DONE;
    *outcome = HD_COUNTED;
    if (strcmp(p->kind, "post_text") == 0) {
        hd_say(c->out, "好的，这次没有发布。请把要办的事完整说一遍，例如「求助 明天下午3点 陪我去医院 1小时」。");
        return;
    }
    enum nlp_intent intent = (enum nlp_intent)field(p->payload, "intent");
    long long id = (long long)field(p->payload, "id");
    if (intent == NLP_PROXY) {
        hd_say(c->out, "好的，这次没有录。如果确实又服务了一次，请把代录完整再发一遍，写清楚时长。");
        return;
    }
    char example[80];
    if (intent == NLP_RESCHEDULE)
        snprintf(example, sizeof example, "#%lld 改到 明天下午3点", id);
    else if (intent == NLP_CONFIRM)
        snprintf(example, sizeof example, "确认 #%lld 1.5小时", id);
    else
        snprintf(example, sizeof example, "%s #%lld", verb_of(intent), id);
    hd_say(c->out, "您说的和我问的不一样，刚才问的事这次没有办。请把要办的完整说一遍，例如「%s」。", example);
}

/* The hour of her post asked again (post_hour), the reply said by the caller: the question stays with her words. */
static enum bot_rc hour_again(struct hd_call *c, const struct store_pending *p, enum hd_turn *turn,
                              enum hd_outcome *outcome)
{
    c->answered = 1;
    hd_ask(c, "post_hour", "%s", p->payload);
    *turn = HD_TURN_DONE;
    *outcome = HD_COUNTED;
    return BOT_OK;
}

enum bot_rc hd_answer(struct hd_call *c, const struct store_pending *p, struct nlp_result *nr, enum hd_turn *turn,
                      enum hd_outcome *outcome)
{
    *turn = HD_TURN_ON;
    if (strcmp(p->kind, "still_going") == 0) { /* 服务还在进行吗？ asked by the timer's job */
        int64_t id = field(p->payload, "id");
        if (nr->answer == NLP_ANSWER_YES || nr->answer == NLP_ANSWER_ONGOING) {
            c->answered = 1;
            *turn = HD_TURN_DONE;
            *outcome = HD_COUNTED;
            char until[HD_WHEN_MAX];
            hd_format_when(field(p->payload, "until"), c->ctx->now, c->ctx->set->utc_offset, until);
            hd_say(c->out, "好的，#%lld 继续计时，最多到 %s 自动停止。做完了请发「结束服务 #%lld」。", (long long)id, until,
                   (long long)id);
            hd_ask(c, "still_going", "%s", p->payload); /* a later 没有 / 做完了 still ends it */
            return BOT_OK;
        }
        if (nr->answer == NLP_ANSWER_NO) { /* not going on any more: it ends now */
            c->answered = 1;
            command_of(nr, NLP_FINISH, id, 0);
            nr->command = 1;
            *turn = HD_TURN_RUN;
        }
        return BOT_OK;
    }
    if (nr->answer == NLP_ANSWER_NO && strcmp(p->kind, "reschedule_time") == 0)
        return drop_move(c, field(p->payload, "id"), nr, turn, outcome);
    if (nr->answer == NLP_ANSWER_NO) {
        c->answered = 1;
        *turn = HD_TURN_DONE;
        *outcome = HD_COUNTED;
        if (strcmp(p->kind, "post_time") == 0) {
            long long id = (long long)field(p->payload, "id");
            hd_say(c->out, "好的，#%lld 先不定时间，接单的志愿者会和您约。不要这个求助了请发「取消 #%lld」。", id, id);
        } else {
            hd_say(c->out, "好的，那就先不办了。有需要再找我。");
            if (strcmp(p->kind, "yesno") == 0)
                give_back_page(c, p); /* 不用 to 能接#4吗: 更多 still goes on with the list */
        }
        return BOT_OK;
    }
    if (strcmp(p->kind, "take_or_end") == 0) { /* 结单 #3 asked which: 接单 takes it, 结束 ends its service */
        int which = hd_take_or_end_word(c->msg->text);
        if (!which && nr->intent == NLP_FINISH && !nr->request_id && nr->mood == NLP_MOOD_ASSERT)
            which = 2; /* 做完了 */
        if (!which)
            return BOT_OK;
        c->answered = 1;
        command_of(nr, which == 1 ? NLP_ACCEPT : NLP_FINISH, field(p->payload, "id"), 0);
        nr->command = 1;
        *turn = HD_TURN_RUN;
        return BOT_OK;
    }
    if (strcmp(p->kind, "more") == 0) {
        if (nr->intent == NLP_LIST_REQUESTS && nr->more) { /* the list goes on where it stopped */
            c->answered = 1;
            nr->after_part = (int)field(p->payload, "part");
            nr->after_start = field(p->payload, "start");
            nr->after_id = field(p->payload, "id");
        }
        return BOT_OK;
    }
    if (strcmp(p->kind, "post_time") == 0) {
        if (nr->answer == NLP_ANSWER_DAY) { /* 明早: the day, not yet the hour; asked again, that day kept */
            struct nlp_time t;
            enum bot_rc rc = nlp_time_of(c->ctx->nlp, c->msg->text, c->ctx->now, c->ctx->set->utc_offset, &t);
            if (rc != BOT_OK)
                return rc;
            *turn = HD_TURN_DONE;
            *outcome = HD_COUNTED;
            if (t.found) { /* the hour answered next falls on it: 明早 then 10点 is tomorrow's */
                c->answered = 1;
                hd_ask(c, "post_time", "id=%lld day=%lld part=%d", (long long)field(p->payload, "id"),
                       (long long)bot_local_day(t.start, c->ctx->set->utc_offset), t.part);
            }
            hd_say(c->out, "好的，几点呢？例如「上午10点」。");
            return BOT_OK;
        }
        if (nr->answer == NLP_ANSWER_TIME)
            return answer_time(c, field(p->payload, "id"), field(p->payload, "day"), (int)field(p->payload, "part"),
                               turn, outcome);
        if (nr->intent == NLP_NONE && !nr->smalltalk) { /* 好的, 随便, 上午3点: not a time, and the question stays */
            *turn = HD_TURN_DONE;
            *outcome = HD_COUNTED;
            hd_say(c->out, "#%lld 还缺时间：请说哪天几点，例如「明天上午9点」。不定时间请回复「不用」。",
                   (long long)field(p->payload, "id"));
        }
        return BOT_OK;
    }
    if (strcmp(p->kind, "post_hour") == 0) { /* 明天上午几点呢？ answered 10点: her post, posted at that hour */
        if (nr->answer != NLP_ANSWER_TIME && nr->intent == NLP_NONE && !nr->smalltalk && nr->answer != NLP_ANSWER_NO &&
            nr->mood == NLP_MOOD_ASSERT && !nr->second_thought) { /* 好的, 随便: not a time, and the question stays */
            hd_say(c->out, "还缺时间，还没有发布：请说几点，例如「上午9点」。不发了请回复「不用」。");
            return hour_again(c, p, turn, outcome);
        }
        if (nr->answer != NLP_ANSWER_TIME)
            return BOT_OK;
        struct nlp_result *was = calloc(1, sizeof *was); /* worker stacks are small */
        if (!was)
            return BOT_NOMEM;
        struct nlp_time t = {0};
        char *end = NULL; /* "<when said> <her words>": read as of when she said them */
        long long said_at = strtoll(p->payload, &end, 10);
        const char *words = end && *end == ' ' && said_at > 0 ? end + 1 : p->payload;
        if (words == p->payload) /* a question kept before the time went with it */
            said_at = c->ctx->now;
        enum bot_rc rc = nlp_parse_message(c->ctx->nlp, words, NULL, 0, said_at, c->ctx->set->utc_offset, was);
        if (rc == BOT_OK && was->intent == NLP_POST_REQUEST && was->has_start_day)
            rc = nlp_time_on_day(c->ctx->nlp, c->msg->text, c->ctx->now, c->ctx->set->utc_offset, was->start_day,
                                 was->start_part, &t);
        if (rc != BOT_OK || was->intent != NLP_POST_REQUEST || !was->has_start_day) {
            free(was);
            return rc;
        }
        c->answered = 1;
        if (!t.found || !t.has_clock || t.deadline) { /* 3点 after 明天上午: the part said cannot hold it; asked again */
            char day[HD_WHEN_MAX];
            hd_format_day_ahead(was->start_day, c->ctx->now, c->ctx->set->utc_offset, day);
            hd_say(c->out, "这个钟点和您说的%s%s对不上，还没有发布。请连上午下午一起说，例如「上午9点」。", day,
                   nlp_part_name(was->start_part));
            free(was);
            return hour_again(c, p, turn, outcome);
        }
        if (t.start <= c->ctx->now) { /* 今天晚上 then 11点 at 23:50: an hour gone; said so, and the question stays */
            char when[HD_WHEN_MAX];
            hd_format_when(t.start, c->ctx->now, c->ctx->set->utc_offset, when);
            hd_say(c->out, "%s 已经过去了，还没有发布。请说一个还没到的时间，例如「明天上午9点」。", when);
            free(was);
            return hour_again(c, p, turn, outcome);
        }
        int minutes = nlp_duration_scan(c->msg->text, 0); /* 10点 1个小时 */
        *nr = *was;
        free(was);
        nr->has_start = 1;
        nr->start = t.start;
        nr->has_start_day = 0;
        nr->missing_time = 0;
        if (minutes > 0 && !nr->minutes)
            nr->minutes = minutes;
        c->said = words; /* her words, without the time the question carries */
        *turn = HD_TURN_RUN;
        return BOT_OK;
    }
    if (strcmp(p->kind, "reschedule_time") == 0) { /* 改到明天几点呢？ answered 上午10点: the move, completed */
        if (nr->answer != NLP_ANSWER_TIME && nr->answer != NLP_ANSWER_DAY)
            return BOT_OK;
        int64_t id = field(p->payload, "id"), day = field(p->payload, "day");
        struct nlp_time t;
        enum bot_rc rc = nlp_time_on_day(c->ctx->nlp, c->msg->text, c->ctx->now, c->ctx->set->utc_offset,
                                         day ? day : INT64_MIN, (int)field(p->payload, "part"), &t);
        if (rc != BOT_OK || !t.found || t.deadline)
            return rc;
        c->answered = 1;
        if (!t.has_clock) { /* 后天: the day, not yet the hour; asked again, that day kept */
            *turn = HD_TURN_DONE;
            *outcome = HD_COUNTED;
            hd_ask(c, "reschedule_time", "id=%lld day=%lld part=%d", (long long)id,
                   (long long)bot_local_day(t.start, c->ctx->set->utc_offset), t.part);
            hd_say(c->out, "好的，几点呢？例如「上午10点」。");
            return BOT_OK;
        }
        command_of(nr, NLP_RESCHEDULE, id, 0); /* the handler checks it as any move: who, when, past, twin */
        nr->has_start = 1;
        nr->start = t.start;
        nr->command = 1;
        *turn = HD_TURN_RUN;
        return BOT_OK;
    }
    if (strcmp(p->kind, "post_text") == 0) { /* 您是要请邻居帮忙吗？ answered 是: her words posted as 求助 … */
        int yes = nr->answer == NLP_ANSWER_YES || /* 是 10点吧 1个小时: a yes with what it adds */
                  (yes_first(c->msg->text) && nr->mood == NLP_MOOD_ASSERT &&
                   (nr->answer == NLP_ANSWER_TIME || nr->answer == NLP_ANSWER_DAY || nr->intent == NLP_NONE));
        if (!yes && nr->intent == NLP_NONE && no_first(c->msg->text))
            changed_answer(c, p, turn, outcome);
        if (!yes)
            return BOT_OK;
        /* what came with the yes is hers too (是 10点吧 1个小时: play-test 11, it was lost) */
        size_t sz = sizeof p->payload + 600;
        char *said = malloc(sz); /* worker stacks are small */
        if (!said)
            return BOT_NOMEM;
        snprintf(said, sz, "求助 %s %.500s", p->payload, strlen(c->msg->text) > 6 ? c->msg->text : "");
        enum bot_rc rc = nlp_parse_message(c->ctx->nlp, said, NULL, 0, c->ctx->now, c->ctx->set->utc_offset, nr);
        free(said);
        if (rc != BOT_OK)
            return rc;
        c->answered = 1;
        if (nr->intent == NLP_POST_REQUEST && (rc = yes_changes(c, p->payload, nr)) != BOT_OK)
            return rc;
        if (nr->intent != NLP_POST_REQUEST) { /* read when asked, so not now: the clock moved a day past it */
            *turn = HD_TURN_DONE;
            *outcome = HD_COUNTED;
            hd_say(c->out, "这次没有发布。请说「求助」加上要做什么和时间，例如「求助 明天上午9点陪我去医院」。");
            return BOT_OK;
        }
        c->said = p->payload;
        *turn = HD_TURN_RUN;
        return BOT_OK;
    }
    if (strcmp(p->kind, "yesno") == 0) {
        int yes = nr->answer == NLP_ANSWER_YES || (nr->intent == NLP_CONFIRM && !nr->request_id);
        if (!yes && nr->intent == NLP_NONE && (no_first(c->msg->text) || changes_something(c)))
            changed_answer(c, p, turn, outcome);
        if (!yes)
            return BOT_OK;
        c->answered = 1;
        if ((enum nlp_intent)field(p->payload, "intent") == NLP_CANCEL) {
            /* 能帮我取消#9吗, then 王强 accepts, then her 是: he took it after she was asked; said so and asked again,
             * nothing cancelled (play-test 18, D7) */
            struct store_request r;
            enum bot_rc rc = store_request_get(c->ctx->st, field(p->payload, "id"), &r);
            if (rc != BOT_OK && rc != BOT_NOTFOUND)
                return rc;
            if (rc == BOT_OK && r.status == STORE_REQ_ACCEPTED && r.accepted_at >= p->asked_at && r.volunteer_id &&
                r.volunteer_id != (c->me ? c->me->id : 0)) {
                struct store_member vol;
                if ((rc = store_member_get(c->ctx->st, r.volunteer_id, &vol)) != BOT_OK)
                    return rc;
                hd_say(c->out, "刚才问您之后，%s 接了 #%lld，还没有取消。还要取消吗？取消了我会告诉%s不用去了。回复「是」取消，"
                               "回复「不用」就留着。", hd_display_name(&vol), (long long)r.id, hd_display_name(&vol));
                hd_ask(c, "yesno", "%s", p->payload);
                *turn = HD_TURN_DONE;
                *outcome = HD_COUNTED;
                return BOT_OK;
            }
        }
        command_of(nr, (enum nlp_intent)field(p->payload, "intent"), field(p->payload, "id"),
                   (int)field(p->payload, "minutes"));
        if (nr->intent == NLP_RESCHEDULE) { /* the time told, asked back (我女儿说把#5改到明天下午): checked as any move */
            nr->start = field(p->payload, "start");
            nr->has_start = nr->start != 0;
            nr->start_day = field(p->payload, "day");
            nr->has_start_day = !nr->has_start && nr->start_day != 0;
            nr->start_part = nr->has_start_day ? (int)field(p->payload, "part") : 0;
            nr->command = 1;
        } else if (nr->intent == NLP_PROXY) { /* 再录一次 a 代录 of an earlier day: on the day it was said for */
            nr->start = field(p->payload, "start");
            nr->has_start = nr->start != 0;
            nr->start_day = field(p->payload, "day");
            nr->has_start_day = !nr->has_start && nr->start_day != 0;
        }
        *turn = HD_TURN_RUN;
        give_back_page(c, p);
        return BOT_OK;
    }
    if (strcmp(p->kind, "pick") == 0 && nr->answer == NLP_ANSWER_PICK) {
        int64_t ids[PICK_MAX];
        int n = ids_of(p->payload, ids);
        c->answered = 1;
        if (nr->pick < 1 || nr->pick > n) {
            *turn = HD_TURN_DONE;
            *outcome = HD_COUNTED;
            hd_say(c->out, "没有第 %d 个，请回复 1 到 %d 之间的数字。", nr->pick, n);
            c->answered = 0; /* the question stays open */
            return BOT_OK;
        }
        command_of(nr, (enum nlp_intent)field(p->payload, "intent"), ids[nr->pick - 1], 0);
        *turn = HD_TURN_RUN;
    }
    return BOT_OK;
}

/* #12 陪诊，11月24日 09:00，社区医院：已由 小李 接单。 (the building at most of the place) */
static enum bot_rc say_order(struct hd_call *c, const struct store_request *r, const char *tail)
{
    char when[HD_WHEN_MAX] = "", where[128] = "", who[96] = "";
    if (r->start_at)
        hd_format_when(r->start_at, c->ctx->now, c->ctx->set->utc_offset, when);
    hd_public_location(r->location, where, sizeof where);
    /* the volunteer of an order that is or was served; a cancelled or expired one names nobody (play-test 18) */
    if (r->volunteer_id && r->status != STORE_REQ_OPEN && r->status != STORE_REQ_CANCELLED &&
        r->status != STORE_REQ_EXPIRED) {
        struct store_member v;
        enum bot_rc rc = store_member_get(c->ctx->st, r->volunteer_id, &v);
        if (rc != BOT_OK && rc != BOT_NOTFOUND)
            return rc;
        if (rc == BOT_OK)
            snprintf(who, sizeof who, "（志愿者：%s）", hd_display_name(&v));
    }
    char state[48];
    enum bot_rc rc = hd_order_status(c->ctx, r, state);
    if (rc != BOT_OK)
        return rc;
    /* a complaint on it (open, or refunded in whole or in part) is the two sides', the 楼长's and staff's, read
     * privately (play-test 17, 7: a group read 已退回（投诉退款）（志愿者：王强）): anyone else, and every group, reads
     * the order closed or done, nobody named */
    if (r->status == STORE_REQ_DISPUTED || strcmp(state, hd_status_text(r->status)) != 0) {
        int sees = 0;
        if (!c->msg->is_group && c->me) {
            sees = r->requester_id == c->me->id || r->volunteer_id == c->me->id || hd_is_admin(c);
            struct store_member req;
            if (!sees && (rc = store_member_get(c->ctx->st, r->requester_id, &req)) == BOT_OK)
                sees = hd_speaks_for(c, &req);
            else if (!sees && rc != BOT_NOTFOUND)
                return rc;
        }
        if (!sees) {
            bot_strlcpy(state, r->status == STORE_REQ_DISPUTED                     ? "服务已结束"
                               : strncmp(state, "已完成", strlen("已完成")) == 0 ? "已完成" /* refunded in part */
                                                                                  : "已关闭",
                        sizeof state);
            who[0] = '\0';
        }
    }
    hd_say(c->out, "#%lld %s%s%s%s%s：%s%s。%s", (long long)r->id, r->service, when[0] ? "，" : "", when,
           where[0] ? "，" : "", where, state, who, tail ? tail : "");
    return BOT_OK;
}

/* The command a yes-or-no question offers, when this member could do it to r now. */
static int could_do(const struct hd_call *c, const struct store_request *r, enum nlp_intent intent)
{
    if (!c->me)
        return 0;
    int mine = r->requester_id == c->me->id, volunteer = r->volunteer_id == c->me->id;
    switch (intent) {
    case NLP_ACCEPT: return r->status == STORE_REQ_OPEN && !mine && !hd_request_past(c->ctx, r);
    case NLP_START: return r->status == STORE_REQ_ACCEPTED && volunteer;
    case NLP_FINISH: return r->status == STORE_REQ_IN_SERVICE && volunteer;
    case NLP_CONFIRM: return r->status == STORE_REQ_FINISHED && mine;
    case NLP_CANCEL:
        return (mine && (r->status == STORE_REQ_OPEN || r->status == STORE_REQ_ACCEPTED)) ||
               (volunteer && r->status == STORE_REQ_ACCEPTED);
    case NLP_RESCHEDULE: return mine && (r->status == STORE_REQ_OPEN || r->status == STORE_REQ_ACCEPTED);
    default: return 0;
    }
}

static const char *verb_of(enum nlp_intent i)
{
    switch (i) {
    case NLP_ACCEPT: return "接";
    case NLP_START: return "开始服务";
    case NLP_FINISH: return "结束服务";
    case NLP_CONFIRM: return "确认";
    case NLP_CANCEL: return "取消";
    case NLP_RATE: return "评价";
    case NLP_COMPLAINT: return "投诉";
    default: return "办理";
    }
}

/* 我不批准代录 #13, 不批准 #13: nothing is approved. A 代录 held for a second person stays held and lapses at its
 * confirm deadline (the one 批准代录 reads, hd_confirm_due) unless someone approves; 撤销代录 takes a wrong one back. */
static enum bot_rc not_approved(struct hd_call *c, const struct store_request *r)
{
    long long id = (long long)r->id;
    enum hd_held why = HD_HELD_NONE;
    enum bot_rc rc = hd_held_why(c->ctx, r, &why);
    if (rc != BOT_OK)
        return rc;
    if (why == HD_HELD_REVIEW && hd_due_from(r) > hd_confirm_due(c->ctx)) {
        char when[HD_WHEN_MAX];
        hd_format_when(hd_due_at(c->ctx, r), c->ctx->now,
                       c->ctx->set->utc_offset, when);
        hd_say(c->out, "好的，代录 #%lld 没有批准，保持原样。如果一直没有人批准，它在 %s 自动关闭，不记积分；"
                       "如果这笔代录是记错了，录入的楼长可以发「撤销代录 #%lld」。", id, when, id);
    } else if (why == HD_HELD_FUND)
        hd_say(c->out, "好的，#%lld 没有批准，保持原样，积分仍在等基金批准。", id);
    else
        hd_say(c->out, "好的，这次什么也没有批准。#%lld 没有等待批准的积分。", id);
    return BOT_OK;
}

/* Did member once hold order id (an accept of his, or an action that found him its volunteer)? */
static enum bot_rc once_volunteer(const struct hd_ctx *ctx, int64_t id, int64_t member, int *was)
{
    struct store_order_action *a = calloc(64, sizeof *a); /* worker stacks are small */
    int n = 0;
    *was = 0;
    if (!a)
        return BOT_NOMEM;
    enum bot_rc rc = store_order_actions_of(ctx->st, id, a, 64, &n);
    for (int i = 0; rc == BOT_OK && i < n && !*was; i++)
        *was = (a[i].kind == STORE_ACT_ACCEPT && a[i].member_id == member) || a[i].prev_volunteer == member;
    free(a);
    return rc;
}

/* 我去不了, 我不确认, 别取消: nothing is done, and the one it concerns hears the way forward. */
static enum bot_rc way_forward(struct hd_call *c, const struct store_request *r)
{
    long long id = (long long)r->id;
    int mine = c->me && r->requester_id == c->me->id, volunteer = c->me && r->volunteer_id == c->me->id;
    switch (c->nr->about) {
    case NLP_ACCEPT:
        if (volunteer && r->status == STORE_REQ_ACCEPTED && r->start_at &&
            r->start_at - c->ctx->now < (int64_t)c->ctx->set->rules.cancel_notice_hours * 3600 &&
            c->ctx->set->rules.cancel_penalty > 0) { /* the way out costs something now: say so before it is taken */
            if (c->msg->is_group) /* his penalty is his, not his group's (play-test 88): asked for privately; nothing
                                   * is written here, so no push either */
                hd_say(c->out, "#%lld 还在您名下。实在去不了请发「取消 #%lld」，我会通知需求方；取消前请先私聊我发"
                               "「我去不了了 #%lld」，我跟您说清楚。", id, id, id);
            else
                hd_say(c->out, "#%lld 还在您名下。离开始不到 %d 小时，现在取消算爽约，会扣 %d小时；实在去不了请发「取消 #%lld」，"
                               "我会通知需求方。",
                       id, c->ctx->set->rules.cancel_notice_hours, c->ctx->set->rules.cancel_penalty, id);
        } else if (volunteer && (r->status == STORE_REQ_ACCEPTED || r->status == STORE_REQ_IN_SERVICE))
            hd_say(c->out, "#%lld 还在您名下。去不了的话请发「取消 #%lld」，我会通知需求方。", id, id);
        else if (mine && r->volunteer_id && r->status == STORE_REQ_ACCEPTED) {
            /* 李梅说她明天去不了#7, from the one who asked: his order is hers to call off, not hers (play-test 18) */
            struct store_member v;
            enum bot_rc rc = store_member_get(c->ctx->st, r->volunteer_id, &v);
            if (rc != BOT_OK && rc != BOT_NOTFOUND)
                return rc;
            const char *who = rc == BOT_OK ? hd_display_name(&v) : "志愿者";
            hd_say(c->out, "#%lld 现在由%s接着。%s去不了的话，请%s自己发「取消 #%lld」，我会通知您并重新找人；"
                           "您不需要了可以发「取消 #%lld」。",
                   id, who, who, who, id, id);
        } else if (mine)
            return say_order(c, r, NULL);
        else {
            int was = 0; /* his once (a move or the requester let him go, or he gave it back): no longer his (18b, N5) */
            enum bot_rc rc = c->me ? once_volunteer(c->ctx, r->id, c->me->id, &was) : BOT_OK;
            if (rc != BOT_OK)
                return rc;
            if (was)
                hd_say(c->out, "#%lld 现在已经不在您名下了（现在：%s），您不用再做什么，也不算爽约。谢谢您！", id,
                       hd_status_text(r->status));
            else
                hd_say(c->out, "好的，#%lld 没有替您接。有空时发「有什么需求」看看别的求助。", id);
        }
        return BOT_OK;
    case NLP_START:
    case NLP_FINISH:
        if (volunteer)
            hd_say(c->out, "好的，#%lld 先不动。%s了再发「%s #%lld」。", id,
                   c->nr->about == NLP_START ? "到" : "做完", verb_of(c->nr->about), id);
        else
            return say_order(c, r, NULL);
        return BOT_OK;
    case NLP_CONFIRM:
        if (mine && r->status == STORE_REQ_FINISHED) {
            /* the hours suggested are ones 确认 takes: never more than the timer (play-test: 「确认 #2 1小时」 suggested
             * for a half-hour timer, then refused) */
            const struct hd_rules *rules = &c->ctx->set->rules;
            int timer = hd_timer_minutes(rules, r);
            char t[24];
            hd_hours_text(timer, t);
            if (r->proxy) /* a 代录: no timer, the hours its 楼长 wrote */
                hd_say(c->out, "好的，#%lld 先不确认。这是代录的 %s（没有计时），时长不对可以发「确认 #%lld 实际时长」按实际确认（最多 %s），"
                               "例如「确认 #%lld %s」；没有这回事或有问题请发「投诉 #%lld 原因」。",
                       id, t, id, t, id, t, id);
            else {
                char ran[64];
                hd_timer_text(rules, r, ran);
                if (timer < hd_credit_minutes(r->finished_at - r->started_at, rules->round_minutes,
                                              rules->min_credit_minutes))
                    bot_strlcpy(ran, t, sizeof ran); /* capped: the hours nobody is credited are not named */
                hd_say(c->out, "好的，#%lld 先不确认。计时是 %s，时长不对可以发「确认 #%lld 实际时长」按实际确认（最多 %s），"
                               "例如「确认 #%lld %s」；服务有问题请发「投诉 #%lld 原因」。",
                       id, ran, id, t, id, t, id);
            }
        } else
            return say_order(c, r, NULL);
        return BOT_OK;
    case NLP_CANCEL:
        hd_say(c->out, "好的，#%lld 不取消，保持原样。", id);
        return BOT_OK;
    case NLP_RESCHEDULE:
        hd_say(c->out, "好的，#%lld 的时间不改，保持原样。", id);
        return BOT_OK;
    case NLP_FUND_APPROVE:
        return not_approved(c, r);
    default:
        return say_order(c, r, NULL);
    }
}

/* #4 能改时间吗？, 要是下雨就把 #4 改到明天: how to move it, for whoever may (the requester, her 楼长, staff). */
static enum bot_rc say_how_to_reschedule(struct hd_call *c, const struct store_request *r)
{
    struct store_member req;
    enum bot_rc rc = store_member_get(c->ctx->st, r->requester_id, &req);
    if (rc != BOT_OK)
        return rc;
    int may = r->requester_id == c->me->id || (r->volunteer_id != c->me->id && hd_speaks_for(c, &req));
    if (!may)
        return say_order(c, r, "时间由发布人来改，有事请找楼长。");
    if (r->status != STORE_REQ_OPEN && r->status != STORE_REQ_ACCEPTED)
        return say_order(c, r, "现在不能改时间了。");
    hd_say(c->out, "可以改。请发「#%lld 改时间 明天上午10点」，写上新的日子和钟点。%s", (long long)r->id,
           r->status == STORE_REQ_ACCEPTED ? "已经接单的志愿者答应的是原来的时间，改了以后我会告诉他，单子重新等人接。" : "");
    return BOT_OK;
}

/* A command her family told her (我女儿说把#5改到明天下午, 儿子说取消#5) is not hers until she says so: one yes-or-no
 * question, which carries what was told (the new time, the hours); 是 does it as her own command would. Her 楼长 told
 * by her (张秀英说取消#5: her, the requester, named) is asked the same, her name in it: 是 does it as his own command
 * for her would. */
static enum bot_rc ask_told(struct hd_call *c, const struct store_request *r, const struct store_member *her)
{
    const struct nlp_result *nr = c->nr;
    long long id = (long long)r->id;
    if (nr->about == NLP_RESCHEDULE) {
        char when[HD_WHEN_MAX + 16] = "";
        if (nr->has_start) {
            hd_format_when(nr->start, c->ctx->now, c->ctx->set->utc_offset, when);
        } else if (nr->has_start_day) {
            char day[HD_WHEN_MAX];
            hd_format_day_ahead(nr->start_day, c->ctx->now, c->ctx->set->utc_offset, day);
            snprintf(when, sizeof when, "%s%s", day, nlp_part_name(nr->start_part));
        }
        char whose[96] = " "; /* 要把 #5, or for her 楼长 要把 张秀英 的 #5 */
        if (her)
            snprintf(whose, sizeof whose, " %s 的 ", hd_display_name(her));
        if (when[0])
            hd_say(c->out, "要把%s#%lld 改到 %s 吗？回复「是」确认，回复「不用」就算了。", whose, id, when);
        else
            hd_say(c->out, "要给%s#%lld 改时间吗？回复「是」，我再问您改到什么时候；回复「不用」就算了。", whose, id);
        hd_ask(c, "yesno", "intent=%d id=%lld start=%lld day=%lld part=%d", (int)NLP_RESCHEDULE, id,
               (long long)(nr->has_start ? nr->start : 0), (long long)(nr->has_start_day ? nr->start_day : 0),
               nr->has_start_day ? nr->start_part : 0);
        return BOT_OK;
    }
    char hours[40] = "";
    if (nr->about == NLP_CONFIRM && nr->minutes > 0) {
        char h[24];
        hd_hours_text(nr->minutes, h);
        snprintf(hours, sizeof hours, " %s", h);
    }
    if (her)
        hd_say(c->out, "是 %s 要%s #%lld 吗？回复「是」就为她办，回复「不用」就算了。", hd_display_name(her),
               verb_of(nr->about), id);
    else
        hd_say(c->out, "您是要%s #%lld%s 吗？回复「是」确认，回复「不用」就算了。", verb_of(nr->about), id, hours);
    hd_ask(c, "yesno", "intent=%d id=%lld minutes=%d", (int)nr->about, id, nr->about == NLP_CONFIRM ? nr->minutes : 0);
    return BOT_OK;
}

/* Is the person who said it (张秀英说取消#5: nr->name) r's requester, told to one who may act for her (her 楼长,
 * staff), and is what she said a move of hers he may make for her now (取消, 改时间 of an order not yet served)?
 * *her: the requester. */
static enum bot_rc told_by_her(struct hd_call *c, const struct store_request *r, struct store_member *her, int *yes)
{
    *yes = 0;
    enum nlp_intent about = c->nr->about;
    if (!c->me || !c->nr->name[0] || c->nr->kin_said || r->requester_id == c->me->id ||
        (about != NLP_CANCEL && about != NLP_RESCHEDULE) ||
        (r->status != STORE_REQ_OPEN && r->status != STORE_REQ_ACCEPTED))
        return BOT_OK;
    enum bot_rc rc = store_member_get(c->ctx->st, r->requester_id, her);
    if (rc != BOT_OK)
        return rc;
    *yes = hd_name_calls(c->nr->name, her->name) > 0 && r->volunteer_id != c->me->id && hd_speaks_for(c, her);
    return BOT_OK;
}

/* The command word of an order's own step, as its owner would send it; NULL for anything else. */
static const char *order_step_word(enum nlp_intent about)
{
    switch (about) {
    case NLP_ACCEPT: return "接单";
    case NLP_CANCEL: return "取消";
    case NLP_START: return "开始服务";
    case NLP_FINISH: return "结束服务";
    case NLP_CONFIRM: return "确认";
    default: return NULL;
    }
}

enum bot_rc hd_about_order(struct hd_call *c)
{
    struct store_request r;
    int found = 0;
    enum bot_rc rc = hd_load_request(c, c->nr->request_id, &r, &found);
    if (rc != BOT_OK || !found)
        return rc;
    enum nlp_intent about = c->nr->about;
    switch (c->nr->mood) {
    case NLP_MOOD_NEGATED:
        return way_forward(c, &r);
    case NLP_MOOD_QUESTION:
    case NLP_MOOD_UNSURE: /* 我不一定能接 #9, 确认 #3 不对吧: ask, don't guess */
        if (c->nr->take_or_end && c->me && (!c->msg->is_group || c->nr->addressed) &&
            (could_do(c, &r, NLP_ACCEPT) || could_do(c, &r, NLP_FINISH))) {
            /* 结单 #3: 接单 said by voice, or 结束 as written? the order shown and which asked; the next 接单 / 结束 does it */
            char tail[200];
            snprintf(tail, sizeof tail, "您是要接这一单，还是服务做完了要结束？要接单请回复「接单」，要结束请回复「结束」。");
            hd_ask(c, "take_or_end", "id=%lld", (long long)r.id);
            return say_order(c, &r, tail);
        }
        if (about == NLP_RESCHEDULE && c->me) /* #4 能改时间吗？: how, never done (the yes-or-no carries no time) */
            return say_how_to_reschedule(c, &r);
        if (about == NLP_START && c->nr->start_later && could_do(c, &r, about)) {
            /* 10点开工 #3: a start put off is a promise; a yes-or-no question about it would start the timer now, before
             * the time she named (play-test: 是 started it at 9:00). Nothing is asked: the timer starts on her word
             * when she begins (the start window still bounds how early that may be) */
            hd_say(c->out, "好的，#%lld 现在还不计时。等您真正开始服务时，请再发「开始服务 #%lld」，从那时起计时。",
                   (long long)r.id, (long long)r.id);
            return BOT_OK;
        }
        if (about == NLP_COMPLAINT && c->me && r.requester_id == c->me->id) { /* 投诉 #11 怎么弄？: the way on, not the
                                                                              * order alone (play7, after a refund) */
            char tail[200];
            struct store_complaint before[1];
            int made = 0; /* none made yet: how to make one, never 再发一次 (play-test 9) */
            if ((rc = store_complaints_of_request(c->ctx->st, r.id, before, 1, &made)) != BOT_OK)
                return rc;
            if (r.status == STORE_REQ_DISPUTED)
                snprintf(tail, sizeof tail, "投诉正在处理，结果会告诉您；着急的话请直接找楼长或工作人员。");
            else if (r.status == STORE_REQ_OPEN || r.status == STORE_REQ_CANCELLED || r.status == STORE_REQ_EXPIRED)
                snprintf(tail, sizeof tail, "还没有人服务，不能投诉。");
            else if (!made)
                snprintf(tail, sizeof tail, "要投诉的话，请发「投诉 #%lld 原因」，例如「投诉 #%lld 没有做好」，工作人员会看；"
                         "也可以直接找楼长或工作人员。", (long long)r.id, (long long)r.id);
            else
                snprintf(tail, sizeof tail, "还有不满意的地方，请再发一次投诉，写上原因，例如「投诉 #%lld 没有做好」，工作人员会再看；"
                         "也可以直接找楼长或工作人员。", (long long)r.id);
            return say_order(c, &r, tail);
        }
        if (about != NLP_NONE && c->msg->is_group && !c->nr->addressed) {
            /* a group that did not call the bot: no yes-or-no question left open there, for the next 是啊 or 好的谢谢
             * said to a neighbour closed it (play-test 15: 小陈接了1号单了吧？ then 好的谢谢 made her the volunteer;
             * 要是明天下雨我就取消#1 then 是啊 cancelled). A question reads the order as it stands, a doubt is her talk */
            if (c->nr->mood == NLP_MOOD_UNSURE)
                return BOT_OK;
            char tail[96] = "";
            if (could_do(c, &r, about))
                snprintf(tail, sizeof tail, "要%s请直接发「%s #%lld」。", verb_of(about),
                         about == NLP_ACCEPT ? "接单" : verb_of(about), (long long)r.id);
            return say_order(c, &r, tail[0] ? tail : NULL);
        }
        if (about != NLP_NONE && !c->nr->asks_info && could_do(c, &r, about)) {
            /* 能帮我取消#12吗: unsure of a write, ask one yes-or-no question */
            hd_say(c->out, "您是要%s #%lld 吗？回复「是」确认，回复「不用」就算了。", verb_of(about), (long long)r.id);
            hd_ask(c, "yesno", "intent=%d id=%lld", (int)about, (long long)r.id);
            return BOT_OK;
        }
        return say_order(c, &r, NULL);
    case NLP_MOOD_REPORTED: {
        if (c->nr->kin_said && about != NLP_NONE && could_do(c, &r, about))
            return ask_told(c, &r, NULL); /* 我女儿说把#5改到明天下午: her wish, perhaps; asked, never done */
        struct store_member her;
        int hers = 0; /* 张秀英说取消#5 to her 楼长: he speaks for her, asked as family is; anyone else's, not acted on */
        if ((rc = told_by_her(c, &r, &her, &hers)) != BOT_OK)
            return rc;
        if (hers)
            return ask_told(c, &r, &her);
        if (c->msg->is_group && (c->nr->kin_said || c->nr->name[0]) && !c->nr->addressed)
            return BOT_OK; /* a neighbour's son's words about an order not his to change: their talk, unanswered */
    }
        /* fall through */
    default: /* what someone else did or said, or what was done before: the order as it stands */
        if (c->nr->lead_name[0] && about != NLP_NONE && order_step_word(about)) {
            /* 王强 接单 #2: said to him (one neighbour or several so called: which one is not said), done for nobody */
            char tail[320];
            snprintf(tail, sizeof tail, "这句是对%s说的，我这次什么也没有办；要办的话请%s本人发「%s #%lld」。%s", c->nr->lead_name,
                     c->nr->lead_name, order_step_word(about), (long long)r.id,
                     could_do(c, &r, about) ? "如果是您要办，请直接发命令和单号。" : "");
            return say_order(c, &r, tail);
        }
        return say_order(c, &r, about != NLP_NONE && could_do(c, &r, about) ? "如果是您要办，请直接发命令和单号。" : NULL);
    }
}

enum bot_rc hd_negated_alone(struct hd_call *c)
{
    if (c->nr->about == NLP_CANCEL) {
        int said = 0; /* 我没说要取消 just after her cancel: the way back, never 保持原样 of what is gone (play-test 18) */
        enum bot_rc rc = hd_cancel_denied(c, &said);
        if (rc != BOT_OK || said)
            return rc;
        hd_say(c->out, "好的，不取消，保持原样。");
        return BOT_OK;
    }
    /* 我不确认: the requester's one order waiting for her confirm, if there is exactly one */
    struct store_request r[2];
    int n = 0;
    enum bot_rc rc;
    if (c->me && (rc = store_request_of_member(c->ctx->st, c->me->id, 0, STORE_REQ_FINISHED, r, 2, &n)) != BOT_OK)
        return rc;
    if (n == 1)
        return way_forward(c, &r[0]);
    if (n > 1)
        hd_say(c->out, "好的，先不确认。时长不对可以发「确认 #单号 实际时长」按实际确认（不超过计时）；服务有问题请发「投诉 #单号 原因」。"
                       "发「我的单子」看是哪一单。");
    else
        hd_say(c->out, "好的，先不确认。您现在也没有等您确认的单。");
    return BOT_OK;
}

/* Keep list[0..n) of service `name` only, in order, at its head; their count. */
static int of_service(struct store_request *list, int n, const char *name)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(list[i].service, name) == 0) {
            if (k != i) {
                struct store_request t = list[k];
                list[k] = list[i];
                list[i] = t;
            }
            k++;
        }
    return k;
}


#define THOUGHT_RECENT_SECONDS (30 * 60) /* 算了，不用了 is about the order she posted this long ago at most */

/* Was r posted in the last half hour? */
static int posted_lately(const struct hd_call *c, const struct store_request *r)
{
    return r->created_at >= c->ctx->now - THOUGHT_RECENT_SECONDS;
}

/* Is one of list[0..n) posted in the last half hour? */
static int thought_recent(const struct hd_call *c, const struct store_request *list, int n)
{
    for (int i = 0; i < n; i++)
        if (posted_lately(c, &list[i]))
            return 1;
    return 0;
}

/* A second thought with no number (算了，不用了, 是后天不是明天): of her orders list[0..n), those it fits kept at the head,
 * their count: the ones on the day said (old_day); then, when more than one is left, the one she posted in the last half
 * hour if exactly one was. */
static int thought_fits(const struct hd_call *c, struct store_request *list, int n)
{
    int k = 0;
    if (c->nr->has_old_day) {
        for (int i = 0; i < n; i++)
            if (list[i].start_at && bot_local_day(list[i].start_at, c->ctx->set->utc_offset) == c->nr->old_day) {
                struct store_request t = list[k];
                list[k++] = list[i];
                list[i] = t;
            }
        n = k;
    }
    if (n > 1) {
        int recent = -1, count = 0;
        for (int i = 0; i < n; i++)
            if (posted_lately(c, &list[i])) {
                recent = i;
                count++;
            }
        if (count == 1) {
            struct store_request t = list[0];
            list[0] = list[recent];
            list[recent] = t;
            n = 1;
        }
    }
    return n;
}

#define NO_LONGER_MAX 8 /* open and accepted orders of hers read for one service */

/* Her orders still waiting to be served — open, then accepted, at most NO_LONGER_MAX of each — into r (room for twice
 * that), those of service only when one is given: *n of them (0 for a sender with no account). */
static enum bot_rc her_waiting(const struct hd_call *c, const char *service, struct store_request *r, int *n)
{
    int open = 0, taken = 0;
    enum bot_rc rc;
    *n = 0;
    if (!c->me)
        return BOT_OK;
    if ((rc = store_request_of_member(c->ctx->st, c->me->id, 0, STORE_REQ_OPEN, r, NO_LONGER_MAX, &open)) != BOT_OK ||
        (rc = store_request_of_member(c->ctx->st, c->me->id, 0, STORE_REQ_ACCEPTED, r + open, NO_LONGER_MAX, &taken)) !=
            BOT_OK)
        return rc;
    *n = service ? of_service(r, open + taken, service) : open + taken;
    return BOT_OK;
}

/* 改成后天, 刚才那个改到后天上午九点, 是后天不是明天 (play-test 18, D4): her one order that fits (the day it is on now, else the one
 * just posted, else her only one) asked back as the move it would be; 是 moves it as 改时间 does, with every rule of it. A
 * day without a clock keeps the order's own hour (as 嗯 换成周五吧 does); a clock without a day keeps its day. */
enum bot_rc hd_thought_move(struct hd_call *c)
{
    const struct nlp_result *nr = c->nr;
    const char *service = nr->service >= 0 ? nlp_service_name(nr->service) : NULL;
    struct store_request *r = calloc(2 * NO_LONGER_MAX, sizeof *r); /* worker stacks are small */
    int n = 0;
    if (!r)
        return BOT_NOMEM;
    enum bot_rc rc = her_waiting(c, service, r, &n);
    if (rc != BOT_OK)
        goto out;
    int all = n;
    n = thought_fits(c, r, n);
    if (c->msg->is_group && !nr->addressed && !thought_recent(c, r, all))
        goto out; /* 改成后天 in a group long after her post: the neighbours' talk */
    if (n == 0) {
        hd_say(c->out, "您现在没有%s%s求助可以改时间。要改哪一单，请发「#单号 改到 明天上午10点」（发「我的求助」看单号）。",
               service ? service : "", service ? "的" : "");
        goto out;
    }
    if (n > 1) {
        char ids[200] = "";
        size_t len = 0;
        for (int i = 0; i < n && i < 4; i++)
            bot_appendf(ids, sizeof ids, &len, "%s#%lld（%s）", i ? "、" : "", (long long)r[i].id, r[i].service);
        hd_say(c->out, "您有 %d 个求助：%s%s。要改哪一个？请发「#单号 改到 …」，例如「#%lld 改到 后天上午9点」。", n, ids,
               n > 4 ? " 等" : "", (long long)r[0].id);
        goto out;
    }
    int off = c->ctx->set->utc_offset;
    int64_t start = nr->has_start ? nr->start : 0, day = nr->has_start_day ? nr->start_day : 0;
    if (r[0].start_at && nr->has_start && nr->start_no_day) { /* 改到下午两点: on the order's own day */
        struct nlp_time t;
        if ((rc = nlp_time_on_day(c->ctx->nlp, c->msg->text, c->ctx->now, off, bot_local_day(r[0].start_at, off), 0,
                                  &t)) != BOT_OK)
            goto out;
        if (t.found && t.has_clock && !t.deadline)
            start = t.start;
    } else if (r[0].start_at && !nr->has_start && nr->has_start_day && !nr->start_part) {
        /* 改成后天: the order's hour on the new day */
        int64_t tod = r[0].start_at + off - bot_local_day(r[0].start_at, off) * 86400;
        start = day * 86400 - off + tod;
        day = 0;
    }
    char old[HD_WHEN_MAX] = "", when[HD_WHEN_MAX + 16] = "";
    if (r[0].start_at)
        hd_format_when(r[0].start_at, c->ctx->now, off, old);
    if (start) {
        hd_format_when(start, c->ctx->now, off, when);
    } else {
        char d[HD_WHEN_MAX];
        hd_format_day_ahead(day, c->ctx->now, off, d);
        snprintf(when, sizeof when, "%s%s", d, nlp_part_name(nr->start_part));
    }
    long long id = (long long)r[0].id;
    hd_say(c->out, "您是要把 #%lld（%s%s%s）改到 %s 吗？回复「是」确认，回复「不用」就算了。", id, r[0].service,
           old[0] ? "，" : "", old, when);
    hd_ask(c, "yesno", "intent=%d id=%lld start=%lld day=%lld part=%d", (int)NLP_RESCHEDULE, id, (long long)start,
           (long long)day, start ? 0 : nr->start_part);
out:
    free(r);
    return rc;
}

enum bot_rc hd_no_longer_needed(struct hd_call *c)
{
    /* no service said (那个单子取消吧, 明天买菜那个不要了 when 买菜 is not clear): every order of hers waiting */
    const char *service = c->nr->service >= 0 ? nlp_service_name(c->nr->service) : NULL;
    struct store_request *r = calloc(2 * NO_LONGER_MAX, sizeof *r); /* worker stacks are small */
    int n = 0;
    if (!r)
        return BOT_NOMEM;
    enum bot_rc rc = her_waiting(c, service, r, &n);
    if (rc != BOT_OK)
        goto out;
    if (c->nr->second_thought) { /* 算了，不用了, 我今天不去医院了: that day's, else the one just posted (play-test 18, D4) */
        int all = n;
        n = thought_fits(c, r, n);
        if (c->msg->is_group && !c->nr->addressed && !service && !c->nr->has_old_day && !thought_recent(c, r, all))
            n = 0; /* a bare 算了 in a group is about her post only right after it; else the neighbours' talk */
        if (n == 0 && c->msg->is_group && !c->nr->addressed)
            goto out;
    }
    else if (c->nr->has_old_day && n > 1) { /* 明天不用人陪我聊天了: that day's of the service, if she has one then */
        int k = 0;
        for (int i = 0; i < n; i++)
            if (r[i].start_at && bot_local_day(r[i].start_at, c->ctx->set->utc_offset) == c->nr->old_day) {
                struct store_request t = r[k];
                r[k++] = r[i];
                r[i] = t;
            }
        if (k > 0)
            n = k;
    }
    if (n == 1) {
        long long id = (long long)r[0].id;
        char when[HD_WHEN_MAX] = "";
        if (r[0].start_at)
            hd_format_when(r[0].start_at, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_say(c->out, "您是要取消求助 #%lld（%s%s%s）吗？回复「是」取消，回复「不用」就算了。", id, r[0].service,
               when[0] ? "，" : "", when);
        hd_ask(c, "yesno", "intent=%d id=%lld", (int)NLP_CANCEL, id);
    } else if (n > 1) {
        char ids[160] = "";
        size_t len = 0;
        for (int i = 0; i < n && i < 4; i++)
            bot_appendf(ids, sizeof ids, &len, "%s#%lld%s%s%s", i ? "、" : "", (long long)r[i].id, service ? "" : "（",
                        service ? "" : r[i].service, service ? "" : "）"); /* each's service when none was said */
        hd_say(c->out, "您有 %d 个%s%s求助：%s%s。要取消哪一个？请发「取消 #单号」，例如「取消 #%lld」；都要就不用管。", n,
               service ? service : "", service ? "的" : "", ids, n > 4 ? " 等" : "", (long long)r[0].id);
    } else if (!c->msg->is_group) {
        hd_say(c->out, "好的。您现在没有%s%s求助在等人办，不用取消。", service ? service : "", service ? "的" : "");
    }
out:
    free(r);
    return rc;
}

/* Of list[0..n), the one order (timed) a bare 我到了 starts now without asking: its start no further ahead than the start
 * window (and 2 hours) nor more than 2 hours past; -1 when none or more than one could be meant (an untimed order
 * could be meant at any time). */
static int one_starting_now(const struct hd_ctx *ctx, const struct store_request *list, int n)
{
    int64_t ahead = (int64_t)ctx->set->rules.start_window_minutes * 60;
    if (ahead > EARLY_START)
        ahead = EARLY_START;
    int k = -1;
    for (int i = 0; i < n; i++) {
        int now = !list[i].start_at ||
                  (list[i].start_at - ctx->now <= ahead && ctx->now - list[i].start_at <= EARLY_START);
        if (now && k >= 0)
            return -1;
        if (now)
            k = i;
    }
    return k >= 0 && list[k].start_at ? k : -1;
}

enum bot_rc hd_order_in_context(struct hd_call *c, struct store_request *r, int *found)
{
    *found = 0;
    int volunteer_side, k;
    enum store_req_status status;
    const char *none;
    switch (c->nr->intent) {
    case NLP_START:
        volunteer_side = 1, status = STORE_REQ_ACCEPTED, none = "您现在没有已接、待开始的单。";
        break;
    case NLP_FINISH:
        volunteer_side = 1, status = STORE_REQ_IN_SERVICE, none = "您现在没有正在服务的单。";
        break;
    case NLP_CONFIRM:
        volunteer_side = 0, status = STORE_REQ_FINISHED, none = "您现在没有等您确认的单。";
        break;
    case NLP_ACCEPT: /* 张阿姨那个修水龙头的单子我接了: which one is never guessed */
        hd_say(c->out, "请写上单号，例如「接单 #12」。发「有什么需求」可以看到每个求助的单号。");
        return BOT_OK;
    default:
        hd_say(c->out, "请写上单号，例如「#12」。");
        return BOT_OK;
    }
    if (!c->me) {
        hd_say(c->out, "%s", none);
        return BOT_OK;
    }
    struct store_request *list = malloc(PICK_MAX * sizeof *list); /* worker stacks are small */
    if (!list)
        return BOT_NOMEM;
    int n = 0;
    enum bot_rc rc = store_request_of_member(c->ctx->st, c->me->id, volunteer_side, status, list, PICK_MAX, &n);
    if (rc != BOT_OK)
        goto out;
    if (c->nr->intent == NLP_START && c->nr->name[0]) { /* 我到孙奶奶家了: only her orders (play88: another's meant) */
        if ((rc = hd_orders_of_named(c->ctx, c->nr->name, list, &n)) != BOT_OK)
            goto out;
        if (n == 0) { /* none of hers: another's is never offered */
            hd_say(c->out, "您接的单里没有%s的单，没有开始计时。发「我接的单」可以查看您的单。", c->nr->name);
            goto out;
        }
    }
    const char *named = c->nr->intent == NLP_FINISH ? nlp_service_name(c->nr->service) : NULL;
    int all = n;
    if (named) /* 窗户擦完了: only her running orders of the service named (家务); another is not meant */
        n = of_service(list, n, named);
    if (n == 0 && named && all == 1) {
        hd_say(c->out, "您正在服务的是 #%lld（%s），不是%s。做完了请发「结束服务 #%lld」。", (long long)list[all - 1].id,
               list[all - 1].service, named, (long long)list[all - 1].id);
    } else if (n == 0 && named) {
        /* her own order being served (the requester says her windows are done): the volunteer stops the timer */
        int mine = 0;
        if (!all && (rc = store_request_of_member(c->ctx->st, c->me->id, 0, STORE_REQ_IN_SERVICE, list, PICK_MAX,
                                                  &mine)) != BOT_OK)
            goto out;
        mine = mine ? of_service(list, mine, named) : 0;
        if (mine == 1)
            hd_say(c->out, "#%lld（%s）还在计时。请志愿者发「结束服务 #%lld」结束计时，之后您再回复「确认 #%lld」。",
                   (long long)list[0].id, named, (long long)list[0].id, (long long)list[0].id);
        else
            hd_say(c->out, "您现在没有正在服务的%s单。%s", named, all ? "发「我接的单」可以查看您的单。" : "");
    } else if (n == 0) {
        hd_say(c->out, "%s", none);
    } else if (n == 1 && c->nr->intent == NLP_START && list[0].start_at &&
               ((list[0].start_at - c->ctx->now > EARLY_START &&
                 list[0].start_at - c->ctx->now <= (int64_t)c->ctx->set->rules.start_window_minutes * 60) ||
                c->ctx->now - list[0].start_at > EARLY_START)) {
        /* 我到了 on another day than the order's: ask, don't start a timer that would run for days
         * (earlier than [rules] start_window_minutes it is refused as 开始服务 is) */
        char when[HD_WHEN_MAX];
        hd_format_when(list[0].start_at, c->ctx->now, c->ctx->set->utc_offset, when);
        hd_say(c->out, "#%lld 定在 %s。现在就开始计时吗？回复「是」开始，回复「不用」就算了。", (long long)list[0].id,
               when);
        hd_ask(c, "yesno", "intent=%d id=%lld", (int)NLP_START, (long long)list[0].id);
    } else if (n == 1) {
        *r = list[0];
        *found = 1;
    } else if (c->nr->intent == NLP_START && (k = one_starting_now(c->ctx, list, n)) >= 0) {
        *r = list[k]; /* 我到了 with two orders, one of them now: that one (its start reply names it; play-test 8) */
        *found = 1;
    } else {
        char text[HD_REPLY_MAX], ids[128];
        size_t len = 0, il = 0;
        ids[0] = '\0';
        bot_appendf(text, sizeof text, &len, "您有 %d 个单，是哪一个？", n);
        for (int i = 0; i < n; i++) {
            char when[HD_WHEN_MAX] = "";
            if (list[i].start_at)
                hd_format_when(list[i].start_at, c->ctx->now, c->ctx->set->utc_offset, when);
            bot_appendf(text, sizeof text, &len, "\n%d. #%lld %s %s", i + 1, (long long)list[i].id, list[i].service,
                        when);
            bot_appendf(ids, sizeof ids, &il, "%s%lld", i ? "," : "", (long long)list[i].id);
        }
        bot_appendf(text, sizeof text, &len, "\n回复序号（例如 1）告诉我。");
        hd_say(c->out, "%s", text);
        hd_ask(c, "pick", "intent=%d ids=%s", (int)c->nr->intent, ids);
    }
out:
    free(list);
    return rc;
}
