/* jobs_test.c — every scheduled job with a fake clock: nothing before its
 * time, once at its time, nothing the second time, and once after downtime. */
#include "bot_fixture.h"



static int setup(void **state)
{
    int rc = fixture_setup(state);
    struct fixture *f = *state;
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "onebot:900");
    return rc;
}

/* A row (job, text) of the outbox held to the voice guide's hard rules; ctx counts the breaches. */
static void voice_check(void *ctx, int ncols, const char *const *cols)
{
    const char *at = ncols > 1 && cols[1] ? fixture_voice_breach(cols[1]) : NULL;
    if (at) {
        fprintf(stderr, "push %s breaks the voice guide at: %.60s\n", cols[0] ? cols[0] : "", at);
        (*(int *)ctx)++;
    }
}

/* Every push the jobs queued is held to the voice guide's hard rules too (fixture_voice_breach). */
static int teardown(void **state)
{
    struct fixture *f = *state;
    int broken = 0;
    tdb_query(f->path, "SELECT job, text FROM outbox ORDER BY id", voice_check, &broken, NULL);
    int rc = fixture_teardown(state);
    return broken ? -1 : rc;
}

/* Members speak on onebot so their pushes land in the outbox. */
static const char *say_in(struct fixture *f, const char *user, const char *when, const char *text, const char *chat)
{
    char mid[16];
    snprintf(mid, sizeof mid, "m%d", ++f->mid);
    return fixture_say(f, "onebot", mid, user, user, when, text, chat);
}

static const char *say(struct fixture *f, const char *user, const char *when, const char *text)
{
    return say_in(f, user, when, text, NULL);
}

static int run(struct fixture *f, enum bot_rc (*job)(const struct hd_ctx *, int *), const char *when)
{
    struct hd_ctx ctx = fixture_ctx(f, iso(when));
    int done = -1;
    assert_int_equal(job(&ctx, &done), BOT_OK);
    return done;
}

/* Outbox rows of job (all of them), optionally whose text contains needle. */
static int queued(struct fixture *f, const char *job, const char *needle)
{
    return outbox_rows(f->path, job, "%", needle);
}

/* Count outbox rows of job to a group chat (chat_id set) whose text contains needle. */
static int queued_to_group(struct fixture *f, const char *job, const char *needle)
{
    return outbox_rows(f->path, job, "_%", needle);
}

static int64_t next_at_of(struct fixture *f, const char *job)
{
    return tdb_int(f->path, "SELECT max(next_at) FROM outbox WHERE job = ?1", job);
}

static void test_job_reminder_one_hour_before_to_both(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    assert_int_equal(run(f, hd_job_reminder, "2026-11-24T07:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_reminder, "2026-11-24T08:00:00+08:00"), 1);
    assert_int_equal(queued(f, "reminder", "#1"), 2); /* volunteer and requester */
    assert_int_equal(run(f, hd_job_reminder, "2026-11-24T08:10:00+08:00"), 0);
    assert_int_equal(queued(f, "reminder", NULL), 2);
}

static void test_job_reminder_skipped_after_the_start_passed(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    assert_int_equal(run(f, hd_job_reminder, "2026-11-24T10:00:00+08:00"), 0); /* downtime: too late */
}

/* The pushes to id's user of job (the first one) die: the platform refused them for good. */
static void push_dies(struct fixture *f, const char *job, const char *user)
{
    int64_t id = tdb_int(f->path, "SELECT min(id) FROM outbox WHERE job = ?1 AND user_id = ?2 AND status = 'pending'",
                         job, user);
    assert_true(id > 0);
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(store_outbox_mark(f->st, id, STORE_OUTBOX_DEAD, iso("2026-11-24T08:01:00+08:00"), "retcode 100"),
                     BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
}

/* Brief U: a reminder and the accept's note whose pushes die wait for her next private reply: before the start as
 * written, after it as what was missed, HD_MISSED_KEEP after it not at all. */
static void test_job_reminder_whose_push_died_is_missed_after_the_start(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    push_dies(f, "accept_note", "100");
    assert_int_equal(run(f, hd_job_reminder, "2026-11-24T08:00:00+08:00"), 1);
    push_dies(f, "reminder", "100");
    push_dies(f, "reminder", "200");
    const char *r = say(f, "100", "2026-11-24T08:30:00+08:00", "查积分");
    assert_non_null(strstr(r, "提醒：求助 #1"));           /* before the start: as written */
    assert_null(strstr(r, "没能按时送到"));
    r = say(f, "200", "2026-11-24T09:30:00+08:00", "查积分"); /* after it: what was missed */
    assert_non_null(strstr(r, "【没能按时送到】#1"));
    assert_non_null(strstr(r, "提醒：求助 #1"));
    /* a second order, reminded, the push dead, read 12 hours and more after its start: not shown */
    say(f, "100", "2026-11-24T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-24T10:05:00+08:00", "接单 #2");
    assert_int_equal(run(f, hd_job_reminder, "2026-11-25T08:00:00+08:00"), 1);
    push_dies(f, "reminder", "200");
    r = say(f, "200", "2026-11-25T21:30:00+08:00", "查积分");
    assert_null(strstr(r, "#2"));
}

/* 3号楼: 刘红英 (300) its manager, its group g3 bound, 张阿姨 (100) living there; 900 the admin. */
static void building_3(struct fixture *f)
{
    say(f, "300", "2026-11-23T09:00:00+08:00", "注册 刘红英 3号楼");
    say(f, "900", "2026-11-23T09:00:00+08:00", "注册 管晓敏 1号楼");
    say(f, "900", "2026-11-23T09:00:00+08:00", "设为楼长 刘红英 3号楼");
    say_in(f, "300", "2026-11-23T09:01:00+08:00", "绑定 3号楼", "g3");
    say(f, "100", "2026-11-23T09:02:00+08:00", "注册 张阿姨 3号楼");
}

static void test_job_unmatched_at_6h_then_24h_then_stops(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    say_in(f, "100", "2026-11-23T10:00:00+08:00", "求助 后天上午9点陪我去社区医院 2小时", "g1");
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T15:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T16:00:00+08:00"), 1);
    assert_int_equal(queued(f, "unmatched", "已经等了 6小时"), 3); /* the group it was posted in, the building's, the manager */
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T17:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-24T10:00:00+08:00"), 1);
    assert_int_equal(queued(f, "unmatched", "仍在等待"), 3);
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-26T10:00:00+08:00"), 0);
}

static int queued_to_user(struct fixture *f, const char *job, const char *user, const char *needle);

/* An order moved while it waited is told again, at its new time (play-test 13: the 楼长's first word went stale with
 * the old time, and nobody heard it was still waiting until it expired). */
static void test_job_unmatched_again_after_a_move(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    say_in(f, "100", "2026-11-23T10:00:00+08:00", "求助 后天上午9点陪我去社区医院 2小时", "g1");
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T16:00:00+08:00"), 1);
    assert_int_equal(queued(f, "unmatched", "11月25日"), 3);
    assert_non_null(strstr(say(f, "100", "2026-11-23T17:00:00+08:00", "#1 改到11月26日上午10点"), "11月26日"));
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T18:00:00+08:00"), 1);
    assert_int_equal(queued(f, "unmatched", "11月26日（周四）上午10点"), 3);
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T19:00:00+08:00"), 0);
}

/* A building with no 楼长 (or a member with no building): staff hear of the waiting order, or it expired with nobody
 * told but her (play-test 13). */
static void test_job_unmatched_without_a_manager_tells_staff(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    say(f, "700", "2026-11-23T09:03:00+08:00", "注册 林晓 8号楼");
    say(f, "701", "2026-11-23T09:03:00+08:00", "求助 后天上午10点 修水管 1小时"); /* no building */
    say(f, "700", "2026-11-23T10:00:00+08:00", "求助 后天上午9点陪我去社区医院 2小时");
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T16:00:00+08:00"), 2);
    assert_int_equal(queued_to_user(f, "unmatched", "900", "工作人员您好：8号楼求助 #2"), 1);
    assert_int_equal(queued_to_user(f, "unmatched", "900", "工作人员您好：（未登记楼号）求助 #1"), 1);
    assert_int_equal(queued_to_user(f, "unmatched", "900", "3号楼"), 0);
}

/* Issue 14: an escalation states the request's real age, and none comes once its start has passed. */
static void test_job_unmatched_stops_once_the_start_has_passed(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    say_in(f, "100", "2026-11-23T10:00:00+08:00", "求助 今天晚上8点陪我散步 1小时", "g1");
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T19:00:00+08:00"), 1); /* down until 19:00: 9 h old */
    assert_int_equal(queued(f, "unmatched", "已经等了 9小时"), 3);
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-24T10:00:00+08:00"), 1); /* claimed, told nobody */
    assert_int_equal(queued(f, "unmatched", "仍在等待"), 0);
}

/* Issue 14: an open request past its start by the grace closes as expired, once, its requester told how to post
 * again; before that it is still listed and acceptable, after it neither. */
static void test_job_stale_closes_a_past_open_request_and_tells_the_requester(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    say(f, "200", "2026-11-23T09:00:00+08:00", "注册 小李 3号楼");
    say_in(f, "100", "2026-11-23T10:00:00+08:00", "求助 今天晚上8点陪我散步 1小时", "g1");
    assert_non_null(strstr(say(f, "200", "2026-11-23T20:10:00+08:00", "有什么需求"), "#1"));
    assert_int_equal(run(f, hd_job_stale, "2026-11-23T20:29:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_stale, "2026-11-23T20:30:00+08:00"), 1);
    assert_int_equal(queued(f, "stale", "#1（陪伴"), 1);
    assert_int_equal(queued(f, "stale", "再发一次"), 1);
    assert_int_equal(run(f, hd_job_stale, "2026-11-23T21:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_stale, "2026-11-24T21:00:00+08:00"), 0);
    const char *r = say(f, "200", "2026-11-23T20:31:00+08:00", "接单 #1");
    assert_non_null(strstr(r, "已经过了"));
    assert_null(strstr(say(f, "200", "2026-11-23T20:31:00+08:00", "有什么需求"), "#1"));
    assert_non_null(strstr(say(f, "100", "2026-11-23T20:32:00+08:00", "取消 #1"), "过期"));
}

/* Between the grace and the job's next run a past request is neither listed nor accepted. */
static void test_past_open_request_is_not_listed_nor_accepted_before_the_job_runs(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    say(f, "200", "2026-11-23T09:00:00+08:00", "注册 小李 3号楼");
    say_in(f, "100", "2026-11-23T10:00:00+08:00", "求助 今天晚上8点陪我散步 1小时", "g1");
    assert_non_null(strstr(say(f, "200", "2026-11-23T20:29:00+08:00", "有什么需求"), "#1"));
    assert_null(strstr(say(f, "200", "2026-11-23T20:31:00+08:00", "有什么需求"), "#1"));
    assert_non_null(strstr(say(f, "200", "2026-11-23T20:31:00+08:00", "接单 #1"), "已经过了"));
    assert_non_null(strstr(say(f, "200", "2026-11-23T20:31:00+08:00", "#1 能接吗"), "待接单"));
}

/* An untimed open request closes after untimed_open_days. */
static void test_job_stale_closes_an_untimed_request_after_its_days(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    say_in(f, "100", "2026-11-23T10:00:00+08:00", "求助 帮我修水龙头", "g1");
    assert_int_equal(run(f, hd_job_stale, "2026-12-23T09:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_stale, "2026-12-23T10:00:00+08:00"), 1);
    assert_int_equal(queued(f, "stale", "30 天"), 1);
}

static void test_job_unmatched_groups_read_the_building_the_manager_the_flat(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    building_3(f);
    say_in(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点 3号楼2单元501 修水管", "g1");
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T17:00:00+08:00"), 1);
    assert_int_equal(queued_to_group(f, "unmatched", NULL), 2);
    assert_int_equal(queued_to_group(f, "unmatched", "3号楼"), 2);
    assert_int_equal(queued_to_group(f, "unmatched", "2单元"), 0);
    assert_int_equal(queued_to_group(f, "unmatched", "501"), 0);
    assert_int_equal(queued(f, "unmatched", "地址：3号楼2单元501"), 1); /* the 楼长, privately */
    /* the volunteer steps back: the re-announcement is cut too */
    say(f, "200", "2026-11-23T17:05:00+08:00", "接单 #1");
    assert_int_equal(queued(f, "accepted", NULL), 0); /* accepted privately: the reply said it */
    say(f, "200", "2026-11-23T17:06:00+08:00", "取消 #1");
    assert_int_equal(queued_to_group(f, "reannounce", "3号楼"), 1);
    assert_int_equal(queued_to_group(f, "reannounce", "501"), 0);
    /* accepted in the group: the whole address goes to the volunteer privately */
    say_in(f, "200", "2026-11-23T17:07:00+08:00", "接单 #1", "g1");
    assert_int_equal(queued(f, "accepted", "3号楼2单元501"), 1);
    assert_int_equal(queued_to_group(f, "accepted", NULL), 0);
}

static void test_job_unmatched_after_downtime_sends_once(void **state)
{
    struct fixture *f = *state;
    say_in(f, "100", "2026-11-23T10:00:00+08:00", "求助 11月28日上午9点陪我去社区医院 2小时", "g1");
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-25T10:00:00+08:00"), 1);
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-25T10:01:00+08:00"), 0);
    assert_int_equal(queued_to_group(f, "unmatched", NULL), 1); /* the group, once */
    assert_int_equal(queued_to_user(f, "unmatched", "900", "工作人员您好"), 1); /* no building: staff, once */
    assert_int_equal(queued(f, "unmatched", "仍在等待"), 0);
}

static void served(struct fixture *f)
{
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    say(f, "200", "2026-11-24T11:00:00+08:00", "结束服务 #1");
}

/* Outbox rows of job pushed privately to user whose text contains needle. */
static int queued_to_user(struct fixture *f, const char *job, const char *user, const char *needle)
{
    struct tdb_needle c = {needle, 0};
    tdb_query(f->path, "SELECT text FROM outbox WHERE job = ?1 AND user_id = ?2", tdb_count_needle, &c,
              (const char *const[]){job, user, NULL});
    return c.n;
}

static int64_t account_balance(struct fixture *f, const char *name)
{
    struct store_account a;
    assert_int_equal(store_account_by_name(f->st, name, &a), BOT_OK);
    return a.balance;
}

/* issue 14: a forgotten timer is asked about at the estimate + 30 min, stops by itself at
 * the estimate + 1 h (both told), and auto-confirm pays the estimate, never the 35 h */
static void test_job_forgotten_timer_asked_then_capped_then_auto_confirms_the_estimate(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    assert_int_equal(run(f, hd_job_still_going, "2026-11-24T11:29:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_still_going, "2026-11-24T11:30:00+08:00"), 1);
    assert_int_equal(run(f, hd_job_still_going, "2026-11-24T11:45:00+08:00"), 0);
    assert_int_equal(queued(f, "still_going", "服务还在进行吗"), 1); /* the volunteer only */
    assert_int_equal(run(f, hd_job_timer_cap, "2026-11-24T11:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_timer_cap, "2026-11-24T12:00:00+08:00"), 1);
    assert_int_equal(run(f, hd_job_timer_cap, "2026-11-24T12:30:00+08:00"), 0);
    assert_int_equal(queued(f, "timer_cap", "计时已到上限 3小时"), 2); /* both */
    struct store_request r;
    assert_int_equal(store_request_get(f->st, 1, &r), BOT_OK);
    assert_int_equal(r.status, STORE_REQ_FINISHED);
    assert_int_equal(r.finished_at - r.started_at, 3 * 3600);
    assert_int_equal(run(f, hd_job_auto_confirm, "2026-11-25T12:00:00+08:00"), 1);
    assert_int_equal(queued(f, "auto_confirm", "已自动确认 2小时"), 2);
    assert_int_equal(account_balance(f, "onebot:200"), 120);
}

/* The volunteer answers 服务还在进行吗？ in his own words: 还在 keeps the timer going, 没有 ends it now. */
static void test_job_still_going_answered_in_plain_words(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    assert_int_equal(run(f, hd_job_still_going, "2026-11-24T11:30:00+08:00"), 1);
    const char *r = say(f, "200", "2026-11-24T11:35:00+08:00", "还在");
    assert_non_null(strstr(r, "继续计时"));
    assert_non_null(strstr(r, "中午12点"));
    r = say(f, "200", "2026-11-24T11:40:00+08:00", "还没结束呢");
    assert_non_null(strstr(r, "继续计时"));
    r = say(f, "200", "2026-11-24T11:48:00+08:00", "没有");
    assert_non_null(strstr(r, "服务结束"));
    struct store_request q;
    assert_int_equal(store_request_get(f->st, 1, &q), BOT_OK);
    assert_int_equal(q.status, STORE_REQ_FINISHED);
    assert_int_equal(q.finished_at, iso("2026-11-24T11:48:00+08:00"));
    /* answered: a later 还在 is no answer any more */
    assert_null(strstr(say(f, "200", "2026-11-24T11:55:00+08:00", "还在"), "继续计时"));
}

/* a clock jump of 35 h: the timer stops at its cap, not at the jump, and pays the estimate */
static void test_job_timer_cap_after_downtime_stops_at_the_cap(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    struct hd_ctx ctx = fixture_ctx(f, iso("2026-11-25T20:00:00+08:00"));
    int done = 0;
    assert_int_equal(hd_jobs_run_all(&ctx, &done), BOT_OK);
    assert_int_equal(queued(f, "still_going", NULL), 0); /* past the cap: nothing to ask */
    assert_int_equal(queued(f, "timer_cap", "3小时"), 2);
    assert_int_equal(queued(f, "auto_confirm", "已自动确认 2小时"), 2);
    assert_int_equal(account_balance(f, "onebot:200"), 120);
    assert_int_equal(account_balance(f, "onebot:100"), -120);
}

/* an explicit finish past the cap credits the cap; 确认 alone pays nothing past the estimate */
static void test_job_auto_confirm_never_pays_past_the_estimate(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 1小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    assert_contains(say(f, "200", "2026-11-24T10:30:00+08:00", "结束服务 #1"), "计时 一个半小时");
    assert_int_equal(run(f, hd_job_auto_confirm, "2026-11-25T10:30:00+08:00"), 1);
    assert_int_equal(queued(f, "auto_confirm", "已自动确认 1小时"), 2);
    assert_int_equal(account_balance(f, "onebot:200"), 60);
}

/* issue 14: auto-confirm at the overdraft limit reaches the 楼长 and staff once, with the ways out */
static void test_job_auto_confirm_stuck_on_the_limit_is_reported_once(void **state)
{
    struct fixture *f = *state;
    f->cfg.rules.overdraft_hours = 1;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    building_3(f);
    assert_contains(say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午9点陪我去社区医院 1小时"), "#1");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    say(f, "200", "2026-11-24T09:00:00+08:00", "开始服务 #1");
    say(f, "200", "2026-11-24T10:00:00+08:00", "结束服务 #1");
    /* meanwhile the requester spent her hour of overdraft */
    assert_contains(say(f, "900", "2026-11-24T10:30:00+08:00", "调整积分 @100 -1小时 原因：测试"), "已为");
    assert_int_equal(run(f, hd_job_auto_confirm, "2026-11-25T11:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_auto_confirm, "2026-11-25T12:00:00+08:00"), 0);
    assert_int_equal(queued_to_user(f, "auto_confirm_stuck", "300", "结束 25 小时未确认"), 1); /* the 楼长 */
    assert_int_equal(queued_to_user(f, "auto_confirm_stuck", "300", "设为公益 #1"), 1);
    assert_int_equal(queued_to_user(f, "auto_confirm_stuck", "900", "帮助邻居赚到积分"), 1); /* staff */
    assert_int_equal(queued_to_user(f, "auto_confirm_stuck", "200", "暂时没有到账"), 1); /* the volunteer */
    assert_int_equal(queued(f, "auto_confirm_stuck", NULL), 3);
    assert_int_equal(account_balance(f, "onebot:200"), 0);
    /* the way out: the 楼长 marks it 公益, the next run pays from the fund */
    assert_contains(say(f, "300", "2026-11-25T13:00:00+08:00", "设为公益 #1"), "已设为公益");
    assert_int_equal(run(f, hd_job_auto_confirm, "2026-11-25T13:01:00+08:00"), 1);
    assert_int_equal(account_balance(f, "onebot:200"), 60);
    assert_int_equal(account_balance(f, "fund"), -60);
    assert_int_equal(queued(f, "auto_confirm_stuck", NULL), 3);
}

static void test_job_confirm_reminder_then_auto_confirm_telling_both(void **state)
{
    struct fixture *f = *state;
    served(f);
    assert_int_equal(run(f, hd_job_confirm_reminder, "2026-11-24T12:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_confirm_reminder, "2026-11-24T13:00:00+08:00"), 1);
    assert_int_equal(run(f, hd_job_confirm_reminder, "2026-11-24T14:00:00+08:00"), 0);
    assert_int_equal(queued(f, "confirm_reminder", "确认 #1"), 1);
    assert_int_equal(run(f, hd_job_auto_confirm, "2026-11-25T10:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_auto_confirm, "2026-11-25T11:00:00+08:00"), 1);
    assert_int_equal(run(f, hd_job_auto_confirm, "2026-11-25T11:00:00+08:00"), 0);
    assert_int_equal(queued(f, "auto_confirm", "已自动确认 2小时"), 2);
    struct store_account a;
    assert_int_equal(store_account_by_name(f->st, "onebot:200", &a), BOT_OK);
    assert_int_equal(a.balance, 120);
}

static void test_job_expiry_warning_once_per_lot_then_expiry_on_the_day(void **state)
{
    struct fixture *f = *state;
    served(f);
    say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1");
    /* the lot expires 2028-11-23 12:00 */
    assert_int_equal(run(f, hd_job_expiry_warning, "2028-10-24T11:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_expiry_warning, "2028-10-24T12:00:00+08:00"), 1);
    assert_int_equal(queued(f, "expiry_warning", "2小时 将在 11月23日"), 1);
    assert_int_equal(run(f, hd_job_expiry_warning, "2028-11-01T12:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_expiry, "2028-11-23T11:59:59+08:00"), 0);
    assert_int_equal(run(f, hd_job_expiry, "2028-11-23T12:00:00+08:00"), 1);
    assert_int_equal(run(f, hd_job_expiry, "2028-11-24T12:00:00+08:00"), 0);
    struct store_account a;
    assert_int_equal(store_account_by_name(f->st, "expired", &a), BOT_OK);
    assert_int_equal(a.balance, 120);
    char report[1024];
    int broken = -1;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    assert_int_equal(broken, 0);
}

/* Two lots of one member expiring on one day are one warning with their sum (helper-58: the same line twice). */
static void test_job_expiry_warning_one_line_a_day(void **state)
{
    struct fixture *f = *state;
    served(f);
    say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1");
    say(f, "900", "2026-11-24T12:30:00+08:00", "注册 管晓敏 1号楼");
    assert_contains(say(f, "900", "2026-11-24T15:00:00+08:00", "调整积分 @200 +1小时 原因：补记"), "补发");
    assert_int_equal(run(f, hd_job_expiry_warning, "2028-10-24T16:00:00+08:00"), 1);
    assert_int_equal(queued(f, "expiry_warning", "3小时 将在 11月23日"), 1);
    assert_int_equal(queued(f, "expiry_warning", NULL), 1);
    assert_int_equal(run(f, hd_job_expiry_warning, "2028-10-25T16:00:00+08:00"), 0); /* once */
}

/* An elder registered without a phone reads nothing she is told: her 楼长 is told it too, to pass on (the expiry of
 * hours given to her); a member with an identity of her own is not passed on. */
static void test_job_expiry_warning_of_an_elder_without_a_phone_reaches_her_manager(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    served(f);
    say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_contains(say(f, "300", "2026-11-24T12:10:00+08:00", "代注册 李奶奶 3号楼"), "李奶奶");
    assert_contains(say(f, "200", "2026-11-24T12:20:00+08:00", "转赠 2小时 给 李奶奶"), "已转赠");
    assert_int_equal(run(f, hd_job_expiry_warning, "2028-10-24T12:00:00+08:00"), 1);
    assert_int_equal(queued_to_user(f, "expiry_warning", "300", "【请转告 李奶奶（3号楼，没有手机）】"), 1);
    assert_int_equal(queued_to_user(f, "expiry_warning", "300", "2小时 将在 11月23日"), 1);
    assert_int_equal(queued(f, "expiry_warning", "请转告"), 1); /* only hers */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM notices WHERE member_id = (SELECT id FROM members WHERE "
                                      "name = '李奶奶') AND text LIKE '%将在 11月23日%'"), 1); /* hers kept too */
}

/* What an elder without a phone is told is passed on to her 楼长 unless he is the one who made it happen: his own post,
 * move or cancel for her is not told back to him; staff doing the same is (it was skipped by kind, so he heard
 * nothing when staff moved or cancelled her order). */
static void test_relay_to_her_manager_is_skipped_only_for_what_he_did(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    assert_contains(say(f, "300", "2026-11-23T10:00:00+08:00", "代注册 李奶奶 3号楼"), "李奶奶");
    assert_contains(say(f, "300", "2026-11-23T10:10:00+08:00", "帮李奶奶求助 明天下午3点 买菜 1小时"), "#1");
    assert_int_equal(queued(f, "posted_for", "请转告"), 0); /* he posted it */
    assert_contains(say(f, "300", "2026-11-23T10:20:00+08:00", "#1 改时间 明天下午4点"), "改到");
    assert_int_equal(queued(f, "rescheduled", "请转告"), 0); /* he moved it */
    assert_contains(say(f, "900", "2026-11-23T10:30:00+08:00", "#1 改时间 明天下午5点"), "改到");
    assert_int_equal(queued_to_user(f, "rescheduled", "300", "【请转告 李奶奶（3号楼，没有手机）】管晓敏 为您把求助 #1"), 1);
    assert_contains(say(f, "900", "2026-11-23T10:40:00+08:00", "取消 #1"), "取消");
    assert_int_equal(queued_to_user(f, "cancelled_for", "300", "【请转告 李奶奶（3号楼，没有手机）】管晓敏 为您取消了求助 #1"), 1);
}

/* A gift (or another notice she reads with her next reply: a staff adjustment) to an elder without a phone reaches her
 * 楼长 to pass on, as whatever else she is told. */
static void test_relay_of_a_gift_to_an_elder_without_a_phone(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    served(f);
    say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_contains(say(f, "300", "2026-11-24T12:10:00+08:00", "代注册 李奶奶 3号楼"), "李奶奶");
    assert_contains(say(f, "200", "2026-11-24T12:20:00+08:00", "转赠 2小时 给 李奶奶"), "已转赠");
    assert_int_equal(queued_to_user(f, "gift", "300", "【请转告 李奶奶（3号楼，没有手机）】王师傅 转赠给您 2小时"), 1);
    assert_contains(say(f, "900", "2026-11-24T12:30:00+08:00", "调整积分 李奶奶 +1小时 原因：补录"), "补发");
    assert_int_equal(queued_to_user(f, "adjustment", "300", "【请转告 李奶奶（3号楼，没有手机）】工作人员为您补发 1小时"), 1);
    /* hers kept too, read when she (or someone for her) next asks */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM notices WHERE member_id = (SELECT id FROM members WHERE "
                                      "name = '李奶奶') AND text LIKE '%转赠给您%'"), 1);
    /* a member with an identity of her own is not passed on */
    assert_int_equal(queued(f, "gift", "请转告"), 1);
    /* told him already: the evening's digest does not tell him again */
    run(f, hd_job_digest, "2026-11-24T18:00:00+08:00");
    assert_int_equal(queued(f, "digest", "李奶奶"), 0);
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM notices WHERE member_id = (SELECT id FROM members WHERE "
                                      "name = '李奶奶') AND digested_at IS NULL"), 0);
}

static void test_job_birthday_at_nine_greets_the_building_group_once_a_year(void **state)
{
    struct fixture *f = *state;
    say(f, "900", "2026-11-20T09:00:00+08:00", "注册 管晓敏 1号楼");
    say_in(f, "900", "2026-11-20T09:01:00+08:00", "绑定 3号楼", "g3");
    say(f, "100", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼 生日1950年11月26日");
    assert_contains(say(f, "100", "2026-11-20T10:01:00+08:00", "生日公开"), "生日不公开");
    assert_int_equal(run(f, hd_job_birthdays, "2026-11-26T08:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_birthdays, "2026-11-26T09:00:00+08:00"), 1);
    assert_int_equal(run(f, hd_job_birthdays, "2026-11-26T18:00:00+08:00"), 0);
    assert_int_equal(queued(f, "birthday", "生日快乐"), 2); /* to her and, as she asked, to the group */
    assert_int_equal(queued(f, "birthday", "1950"), 0);     /* no age, no date */
    assert_int_equal(queued(f, "birthday", "11月26"), 0);
    assert_int_equal(run(f, hd_job_birthdays, "2027-11-26T09:30:00+08:00"), 1);
}

static void test_job_birthday_in_the_group_only_for_members_who_opted_in(void **state)
{
    struct fixture *f = *state;
    say(f, "900", "2026-11-20T09:00:00+08:00", "注册 管晓敏 1号楼");
    say_in(f, "900", "2026-11-20T09:01:00+08:00", "绑定 3号楼", "g3");
    say(f, "100", "2026-11-20T10:00:00+08:00", "注册 张秀英 3号楼 生日1950年11月26日");
    /* registered over a year ago: her birthday gift is paid (issue 14: not one entered within a year) */
    say(f, "300", "2025-11-20T10:00:00+08:00", "注册 李桂兰 3号楼 生日1948年11月26日");
    say(f, "400", "2026-11-20T10:00:00+08:00", "注册 赵春花 3号楼 生日1952年11月26日");
    assert_contains(say(f, "100", "2026-11-20T10:01:00+08:00", "生日公开"), "群里");
    /* opting in then out again is out */
    say(f, "400", "2026-11-20T10:02:00+08:00", "生日公开");
    assert_contains(say(f, "400", "2026-11-20T10:03:00+08:00", "生日不公开"), "不会在群里公开");
    struct store_member m;
    assert_int_equal(store_member_by_identity(f->st, "onebot", "400", &m), BOT_OK);
    assert_int_equal(m.birthday_public, 0);
    assert_int_equal(run(f, hd_job_birthdays, "2026-11-26T09:00:00+08:00"), 3);
    assert_int_equal(queued_to_group(f, "birthday", NULL), 1);
    assert_int_equal(queued_to_group(f, "birthday", "张秀英"), 1);
    assert_int_equal(queued_to_group(f, "birthday", "李桂兰"), 0);
    assert_int_equal(queued_to_group(f, "birthday", "赵春花"), 0);
    /* the private greeting and the gift stay for everyone */
    assert_int_equal(queued(f, "birthday", "李桂兰，生日快乐"), 1);
    assert_int_equal(queued(f, "birthday", "赵春花，生日快乐"), 1);
    struct store_account a;
    assert_int_equal(store_account_by_name(f->st, "onebot:300", &a), BOT_OK);
    assert_int_equal(a.balance, f->cfg.rules.birthday_credits * 60);
}

static void test_job_leaderboard_on_the_5th_at_ten_once_per_group_and_month(void **state)
{
    struct fixture *f = *state;
    say(f, "900", "2026-11-20T09:00:00+08:00", "注册 管晓敏 1号楼");
    say_in(f, "900", "2026-11-20T09:01:00+08:00", "绑定 3号楼", "g3");
    say_in(f, "900", "2026-11-20T09:02:00+08:00", "绑定 5号楼", "g5");
    say(f, "200", "2026-11-20T09:03:00+08:00", "注册 王师傅 5号楼 生日1980年5月1日");
    served(f);
    say(f, "100", "2026-11-24T12:00:00+08:00", "确认 #1");
    assert_int_equal(run(f, hd_job_leaderboard, "2026-12-05T09:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_leaderboard, "2026-12-05T10:00:00+08:00"), 2);
    assert_int_equal(queued(f, "leaderboard", "5号楼的一位志愿者 2小时"), 2);
    assert_int_equal(queued(f, "leaderboard", "王师傅"), 0); /* anonymous */
    assert_int_equal(run(f, hd_job_leaderboard, "2026-12-20T10:00:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_report, "2026-12-05T10:00:00+08:00"), 1);
    assert_int_equal(queued(f, "report", "互助时长 2小时"), 1);
    /* a year off: one board for the last month, not twelve */
    assert_int_equal(run(f, hd_job_leaderboard, "2027-12-08T10:00:00+08:00"), 2);
    assert_int_equal(queued(f, "leaderboard", NULL), 4);
    /* later than three days past the 5th (a group bound on the 23rd, a long downtime): no stale board */
    assert_int_equal(run(f, hd_job_leaderboard, "2028-01-09T10:00:00+08:00"), 0);
    assert_int_equal(queued(f, "leaderboard", NULL), 4);
}

static void test_job_pushes_wait_out_the_quiet_hours(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 明天上午8点半陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #1");
    /* an hour before is 07:30, in the quiet hours: held to 08:00, still before the start */
    assert_int_equal(run(f, hd_job_reminder, "2026-11-23T21:30:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_reminder, "2026-11-24T07:30:00+08:00"), 1);
    assert_int_equal(next_at_of(f, "reminder"), iso("2026-11-24T08:00:00+08:00"));
    /* a job named in quiet_exempt_jobs goes at once */
    snprintf(f->cfg.quiet_exempt_jobs, sizeof f->cfg.quiet_exempt_jobs, "reminder");
    say(f, "100", "2026-11-23T10:00:00+08:00", "求助 后天早上7点陪我去社区医院 2小时");
    say(f, "200", "2026-11-23T10:05:00+08:00", "接单 #2");
    assert_int_equal(run(f, hd_job_reminder, "2026-11-24T21:30:00+08:00"), 0); /* exempt: no evening before */
    assert_int_equal(run(f, hd_job_reminder, "2026-11-25T06:30:00+08:00"), 1);
    assert_int_equal(next_at_of(f, "reminder"), iso("2026-11-25T06:30:00+08:00"));
}

/* A start reminder never comes after the start (play-test 16: 「将在 上午7点半 开始」 pushed at 08:00): an hour before
 * falling in the quiet hours with the start before their end, it goes in the hour before they begin, the evening
 * before; once inside them (accepted late, or the bot down), at once while the start is ahead; past it, dropped. */
static void test_job_reminder_of_an_early_start_goes_the_evening_before(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-12-04T10:00:00+08:00", "求助 12月5日早上7点半 陪我去医院 2小时");
    say(f, "200", "2026-12-04T10:05:00+08:00", "接单 #1");
    assert_int_equal(run(f, hd_job_reminder, "2026-12-04T20:59:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_reminder, "2026-12-04T21:00:00+08:00"), 1);
    assert_int_equal(queued(f, "reminder", "上午7点半 开始"), 2); /* both, with the day said */
    assert_int_equal(queued(f, "reminder", "12月5日"), 2);
    assert_int_equal(next_at_of(f, "reminder"), iso("2026-12-04T21:00:00+08:00"));
    assert_int_equal(run(f, hd_job_reminder, "2026-12-05T06:30:00+08:00"), 0); /* once */
    /* accepted inside the quiet hours: the evening before is gone, so at once */
    say(f, "100", "2026-12-05T10:00:00+08:00", "求助 12月6日早上7点 陪我去医院 2小时");
    say(f, "200", "2026-12-05T23:00:00+08:00", "接单 #2");
    assert_int_equal(run(f, hd_job_reminder, "2026-12-05T23:05:00+08:00"), 1);
    assert_int_equal(tdb_int(f->path, "SELECT max(next_at) FROM outbox WHERE job = 'reminder' AND text LIKE '%#2%'"),
                     iso("2026-12-05T23:05:00+08:00"));
    /* who comes is read before the start too (play-test 16b: the accept note held to 08:00 for a 07:00 start) */
    assert_int_equal(tdb_int(f->path, "SELECT max(next_at) FROM outbox WHERE job = 'accept_note' AND text LIKE '%#2%'"),
                     iso("2026-12-05T23:00:00+08:00"));
    /* one whose start comes after the quiet hours end waits for them, as every push does */
    say(f, "100", "2026-12-05T10:00:00+08:00", "求助 12月6日上午9点 陪我去医院 2小时");
    say(f, "200", "2026-12-05T23:10:00+08:00", "接单 #3");
    assert_int_equal(tdb_int(f->path, "SELECT max(next_at) FROM outbox WHERE job = 'accept_note' AND text LIKE '%#3%'"),
                     iso("2026-12-06T08:00:00+08:00"));
    /* the bot down until after the start: no reminder at all */
    say(f, "100", "2026-12-06T10:00:00+08:00", "求助 12月7日早上7点 陪我去医院 2小时");
    say(f, "200", "2026-12-06T10:05:00+08:00", "接单 #4");
    assert_int_equal(run(f, hd_job_reminder, "2026-12-07T07:01:00+08:00"), 0);
    assert_int_equal(queued(f, "reminder", "#4"), 0);
    /* no pending reminder goes after its order's start */
    assert_int_equal(tdb_int(f->path, "SELECT count(*) FROM outbox o JOIN requests r ON o.text LIKE '%#' || r.id || "
                                      "'（%' WHERE o.job = 'reminder' AND o.next_at > r.start_at"), 0);
}

/* The no-show question is not asked inside the quiet hours: at their end, and 爽约 comes the rule book's wait after
 * that, never before the question could be read (play-test 16: asked at 07:00, −5 h at 09:00). An escalation held
 * over the quiet hours states the age it has when it goes out. */
static void test_job_no_show_question_waits_out_the_quiet_hours(void **state)
{
    struct fixture *f = *state;
    fixture_volunteer(f, "onebot", "200", "王师傅");
    say(f, "100", "2026-12-04T10:00:00+08:00", "求助 12月5日早上6点 陪我去医院 2小时");
    say(f, "200", "2026-12-04T10:05:00+08:00", "接单 #1");
    assert_int_equal(run(f, hd_job_no_show, "2026-12-05T06:30:00+08:00"), 0);
    assert_int_equal(run(f, hd_job_no_show, "2026-12-05T07:59:00+08:00"), 0);
    assert_int_equal(queued(f, "no_show_ask", NULL), 0);
    assert_int_equal(run(f, hd_job_no_show, "2026-12-05T08:00:00+08:00"), 1);
    assert_int_equal(queued(f, "no_show_ask", "#1"), 2);
    assert_int_equal(next_at_of(f, "no_show_ask"), iso("2026-12-05T08:00:00+08:00"));
    /* 2 h after the start is 08:00; the question had 1 h 30 min from 08:00 */
    assert_int_equal(run(f, hd_job_no_show, "2026-12-05T09:29:00+08:00"), 0);
    assert_int_equal(queued(f, "no_show", NULL), 0);
    assert_int_equal(run(f, hd_job_no_show, "2026-12-05T09:30:00+08:00"), 1);
    assert_int_equal(queued(f, "no_show", "记为爽约"), 1);
    assert_int_equal(queued(f, "no_show", "没有按时来"), 1);
}

static void test_job_unmatched_held_over_the_quiet_hours_states_its_age_then(void **state)
{
    struct fixture *f = *state;
    building_3(f);
    say_in(f, "100", "2026-11-23T16:30:00+08:00", "求助 后天上午9点陪我去社区医院 2小时", "g1");
    assert_int_equal(run(f, hd_job_unmatched, "2026-11-23T22:30:00+08:00"), 1);
    assert_int_equal(next_at_of(f, "unmatched"), iso("2026-11-24T08:00:00+08:00"));
    assert_true(queued(f, "unmatched", "已经等了 15小时多") >= 1);
    assert_int_equal(queued(f, "unmatched", "已经等了 6小时"), 0);
}

/* The confirm reminder says the time really left (play-test 16: 「24 小时内」 a minute before the auto-confirm). */
static void test_job_confirm_reminder_says_the_time_really_left(void **state)
{
    struct fixture *f = *state;
    served(f); /* #1 finished 2026-11-24 11:00: auto-confirmed at 11:00 the next day */
    assert_int_equal(run(f, hd_job_confirm_reminder, "2026-11-24T13:00:00+08:00"), 1);
    assert_int_equal(queued(f, "confirm_reminder", "22小时内不确认将自动确认"), 1);
    assert_int_equal(queued(f, "confirm_reminder", "24 小时"), 0);
    /* a late tick: what is left, not 24 h */
    say(f, "100", "2026-11-24T12:00:00+08:00", "求助 明天上午9点陪我去社区医院 2小时");
    say(f, "200", "2026-11-24T12:05:00+08:00", "接单 #2");
    say(f, "200", "2026-11-25T09:00:00+08:00", "开始服务 #2");
    say(f, "200", "2026-11-25T11:00:00+08:00", "结束服务 #2");
    assert_int_equal(run(f, hd_job_confirm_reminder, "2026-11-26T10:59:00+08:00"), 1);
    assert_int_equal(queued(f, "confirm_reminder", "#2 的服务已经结束，请回复「确认 #2」；1分钟内不确认将自动确认"), 1);
    /* held over the quiet hours: what is left at 08:00 */
    say(f, "100", "2026-11-25T12:00:00+08:00", "求助 明天晚上8点陪我聊天 2小时");
    say(f, "200", "2026-11-25T12:05:00+08:00", "接单 #3");
    say(f, "200", "2026-11-26T20:00:00+08:00", "开始服务 #3");
    say(f, "200", "2026-11-26T22:00:00+08:00", "结束服务 #3");
    assert_int_equal(run(f, hd_job_confirm_reminder, "2026-11-27T00:00:00+08:00"), 1);
    assert_int_equal(queued(f, "confirm_reminder", "#3 的服务已经结束，请回复「确认 #3」；14小时内不确认"), 1);
}

static void test_job_run_all_twice_at_the_same_time_does_nothing_new(void **state)
{
    struct fixture *f = *state;
    served(f);
    struct hd_ctx ctx = fixture_ctx(f, iso("2026-11-26T12:00:00+08:00"));
    int done = 0;
    assert_int_equal(hd_jobs_run_all(&ctx, &done), BOT_OK);
    assert_true(done > 0);
    assert_int_equal(hd_jobs_run_all(&ctx, &done), BOT_OK);
    assert_int_equal(done, 0);
}

static void test_queue_past_max_pending_drops_group_broadcasts_never_a_persons_push(void **state)
{
    struct fixture *f = *state;
    f->cfg.outbox_max_pending = 2;
    struct hd_ctx ctx = fixture_ctx(f, iso("2026-11-23T10:00:00+08:00"));
    assert_int_equal(store_begin(f->st), BOT_OK);
    assert_int_equal(hd_queue(&ctx, "reannounce", "onebot", "g1", NULL, "a"), BOT_OK);
    assert_int_equal(hd_queue(&ctx, "unmatched", "onebot", "g2", NULL, "b"), BOT_OK);
    assert_int_equal(hd_queue(&ctx, "reannounce", "onebot", "g1", NULL, "c"), BOT_OK); /* dropped */
    assert_int_equal(hd_queue(&ctx, "leaderboard", "onebot", "g3", NULL, "d"), BOT_OK); /* dropped */
    assert_int_equal(hd_queue(&ctx, "auto_confirm", "onebot", NULL, "100", "e"), BOT_OK);
    assert_int_equal(hd_queue(&ctx, "expiry_warning", "onebot", NULL, "100", "f"), BOT_OK);
    assert_int_equal(store_commit(f->st), BOT_OK);
    assert_int_equal(queued(f, "reannounce", NULL), 1);
    assert_int_equal(queued(f, "unmatched", NULL), 1);
    assert_int_equal(queued(f, "leaderboard", NULL), 0);
    assert_int_equal(queued(f, "auto_confirm", NULL), 1);
    assert_int_equal(queued(f, "expiry_warning", NULL), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_ST(test_job_reminder_one_hour_before_to_both),
        TEST_ST(test_job_reminder_skipped_after_the_start_passed),
        TEST_ST(test_job_reminder_whose_push_died_is_missed_after_the_start),
        TEST_ST(test_job_unmatched_at_6h_then_24h_then_stops),
        TEST_ST(test_job_unmatched_without_a_manager_tells_staff),
        TEST_ST(test_job_unmatched_again_after_a_move),
        TEST_ST(test_job_unmatched_stops_once_the_start_has_passed),
        TEST_ST(test_job_stale_closes_a_past_open_request_and_tells_the_requester),
        TEST_ST(test_past_open_request_is_not_listed_nor_accepted_before_the_job_runs),
        TEST_ST(test_job_stale_closes_an_untimed_request_after_its_days),
        TEST_ST(test_job_unmatched_groups_read_the_building_the_manager_the_flat),
        TEST_ST(test_job_unmatched_after_downtime_sends_once),
        TEST_ST(test_job_confirm_reminder_then_auto_confirm_telling_both),
        TEST_ST(test_job_forgotten_timer_asked_then_capped_then_auto_confirms_the_estimate),
        TEST_ST(test_job_timer_cap_after_downtime_stops_at_the_cap),
        TEST_ST(test_job_still_going_answered_in_plain_words),
        TEST_ST(test_job_auto_confirm_never_pays_past_the_estimate),
        TEST_ST(test_job_auto_confirm_stuck_on_the_limit_is_reported_once),
        TEST_ST(test_job_expiry_warning_once_per_lot_then_expiry_on_the_day),
        TEST_ST(test_job_expiry_warning_one_line_a_day),
        TEST_ST(test_job_expiry_warning_of_an_elder_without_a_phone_reaches_her_manager),
        TEST_ST(test_relay_to_her_manager_is_skipped_only_for_what_he_did),
        TEST_ST(test_relay_of_a_gift_to_an_elder_without_a_phone),
        TEST_ST(test_job_birthday_at_nine_greets_the_building_group_once_a_year),
        TEST_ST(test_job_birthday_in_the_group_only_for_members_who_opted_in),
        TEST_ST(test_job_leaderboard_on_the_5th_at_ten_once_per_group_and_month),
        TEST_ST(test_job_pushes_wait_out_the_quiet_hours),
        TEST_ST(test_job_reminder_of_an_early_start_goes_the_evening_before),
        TEST_ST(test_job_no_show_question_waits_out_the_quiet_hours),
        TEST_ST(test_job_unmatched_held_over_the_quiet_hours_states_its_age_then),
        TEST_ST(test_job_confirm_reminder_says_the_time_really_left),
        TEST_ST(test_job_run_all_twice_at_the_same_time_does_nothing_new),
        TEST_ST(test_queue_past_max_pending_drops_group_broadcasts_never_a_persons_push),
    };
    return cmocka_run_group_tests_name("jobs", tests, NULL, NULL);
}
