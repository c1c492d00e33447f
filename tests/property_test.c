/* property_test.c — 10,000 random operations by many members (post, accept, start, finish, confirm, cancel, gift,
 * rate, adjust, complaint, resolve (退款, 扣分, 驳回, 减半), 公益, 基金批准, 代录, 撤销代录, staff's 禁止接单 / 解除禁止 / 认证) by members of every age
 * (some too young to accept, some without a birthday; 托管 needs 25 and a certificate) through the real handlers and store, with the
 * scheduler's jobs between them (stale requests, timer caps, no-shows and bans, auto-confirm, expiry) and clock
 * jumps that leave timers forgotten. A simple model, written from the rule book and knowing nothing of the code,
 * predicts every balance and every request's status; the store must agree, and `bot audit` (with the rule book's
 * invariants: caps, the fund's budget, reversals) must pass. PROP_SEED=N tries another seed, PROP_EVERY=1 checks
 * after every operation, PROP_TRACE=1 prints each message and reply, PROP_LOTS=1 the model's lots on a mismatch. */
#include "test_util.h"

#include "../bot/config.h"
#include "../bot/platform.h"
#include "../handlers/handlers.h"

#define NM 16
#define MAXREQ 4096
#define OPS 10000
#define LIMIT (10 * 60)

static const char *names[NM] = {"王芳", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏",
                                "周杰", "吴迪", "徐丽", "孙浩", "马超", "朱琳", "胡军", "郭涛"};

struct mlot {
    int64_t remaining, expires;
    int order; /* the order whose credit made it (0: none): a give-back of that order takes these first */
};

/* What a debit of an order took from one of a member's lots (lot_uses, v47): a give-back of that order (a refund, a
 * complaint's hold returned, a 撤销代录) restores it with the lot's own expiry, each use given back once. */
struct muse {
    int member, k, order;
    int64_t minutes, back;
};
#define MAXUSES 65536
/* [rules] expiry_days for this test: short, so that the walk's hours and its clock jumps carry lots past their date
 * between a debit and its give-back, and between the ticks (play-test 16b) */
#define EXPIRY_DAYS 45
#define NEVER INT64_MAX

struct mmember {
    int64_t balance;
    int64_t no_shows[64];   /* when each 爽约 was recorded */
    int nno_shows;
    int64_t banned_until;   /* accepting banned until (no_show_ban_count in no_show_window_days, or staff) */
    int by, bm, bd;         /* birthday (by = 0: none on file) */
    int64_t bday_at;        /* when it was added by 修改资料 (0: at registration) */
    int64_t cert_until;     /* a 托管 certificate valid until (0 = none) */
    int gift_year;          /* the last year the birthday job ran for them */
    struct mlot lots[2048];
    int nlots;
    int64_t next_exp;    /* accounts.next_expiry: a lower bound of the first live lot's expiry (NEVER: none) */
    int64_t exp_through; /* accounts.expired_through: lots expiring by then are gone */
};

enum { S_OPEN, S_ACCEPTED, S_IN_SERVICE, S_FINISHED, S_CONFIRMED, S_CANCELLED, S_DISPUTED, S_EXPIRED, S_COUNT };
#define GRACE (30 * 60) /* past_grace_minutes: an open request this far past its start expires */

struct mreq {
    int requester, volunteer;
    int status, prev;
    int64_t start_at, started, finished, created, accepted;
    int64_t asked;                     /* when both were asked about a late start (0 = not yet) */
    int64_t reopen;                    /* reopened after a no-show: the latest it may still begin (0 = start) */
    int64_t est;                       /* the estimate, minutes */
    int64_t credited, held, refunded;
    int pb;                            /* 公益: the fund pays */
    int payer;                         /* who paid the credit: a member, or -1 the fund */
    int64_t held_m;                    /* minutes last held past the fund's budget (0 = never) */
    int approved;                      /* 基金批准: staff let the fund pay past its budget */
    int auto_done;                     /* auto-confirm ran (paid, or held for staff) */
    int proxy;                         /* 代录 by the admin */
    int reversed;                      /* 撤销代录: the credit went back whole */
    int childcare;                     /* 托管 (else 陪诊) */
    int64_t bonus, bonus_back;         /* 首存日: what the fund paid on top, and what came back */
};

/* What the fund paid (+) or got back (-) for a building's member, when, and whether staff approved it. */
struct mfund {
    int building;
    int64_t at, minutes;
    int approved;
};
#define BUDGET (3 * 60)
#define NO_SHOW_BAN_COUNT 2 /* [rules] no_show_ban_count for this test (3 by default): so that bans happen */ /* [rules] fund_budget_hours for this test: small, so that it is reached */

struct model {
    struct mfund fundlog[MAXREQ];
    int nfund;
    struct mmember m[NM];
    int64_t fund, expired, hold, adjust;
    int no_shows, bans, reversals;
    struct mreq r[MAXREQ];
    int nreq;
    int64_t now;
    int64_t registered;     /* when every member registered (with the birthday on file) */
    int birthday_gifts;
    /* issue 16: 幸福超市 (3元 an hour, at most 30元, 3%) and its clerk; a generator of its own, so that the other
     * operations draw the same numbers as before */
    unsigned shop_seed;
    int64_t shop_minutes, shop_owed, shop_bank; /* its time account, what it owes (fen), what it paid the bank */
    int64_t books_bank; /* what the books' entries (op_cash) put in the bank, less what they spent */
    int64_t wrong_at[2048];                     /* the clerk's wrong codes */
    int nwrong, redemptions, settles, locked;
    int bonuses, bonus_backs;               /* 首存日: credits doubled, and taken back */
    char first_day[16];                     /* [rules] first_deposit_day now (FIRST_DEPOSIT_OPS) */
    struct muse uses[MAXUSES];
    int nuses, restored, restored_expired; /* pieces given back with their dates, and of them already expired */
};

/* [rules] first_deposit_day for this test: in turns of FIRST_DEPOSIT_OPS operations, the day it is then (MM-DD),
 * or none; so that doubled services, their refunds and 撤销代录 meet often */
#define FIRST_DEPOSIT_OPS 300

static int64_t pos(int64_t v) { return v > 0 ? v : 0; }

/* When an open request's time is gone: its start, or after a no-show the latest it may still begin. */
static int64_t eff_start(const struct mreq *q) { return q->reopen ? q->reopen : q->start_at; }

/* The local month of t (the community's clock, +08:00) as a number. */
static int month_of(int64_t t)
{
    int y, m, d;
    bot_civil_from_days(bot_local_day(t, 8 * 3600), &y, &m, &d);
    return y * 12 + m;
}

/* A new lot of member i, never dated within her already expired past (Q_LOT_INSERT); next_exp its lower bound. */
static void lot_new(struct model *md, int i, int64_t minutes, int64_t expires, int order)
{
    struct mmember *m = &md->m[i];
    if (expires <= m->exp_through)
        expires = m->exp_through + 1;
    if (m->nlots < 2048)
        m->lots[m->nlots++] = (struct mlot){minutes, expires, order};
    if (expires < m->next_exp)
        m->next_exp = expires;
}

/* Member i's lots due at now expired, as the tick does for an account whose next_expiry is due (and as every debit
 * does first: store_account_at): expired_through becomes now, next_exp the first live lot's expiry after it. */
static void settle(struct model *md, int i)
{
    struct mmember *m = &md->m[i];
    if (m->next_exp > md->now)
        return;
    int64_t next = NEVER;
    for (int k = 0; k < m->nlots; k++) {
        struct mlot *l = &m->lots[k];
        if (l->remaining > 0 && l->expires <= md->now) {
            m->balance -= l->remaining;
            md->expired += l->remaining;
            l->remaining = 0;
        } else if (l->remaining > 0 && l->expires < next)
            next = l->expires;
    }
    if (m->exp_through < md->now)
        m->exp_through = md->now;
    m->next_exp = next;
}

/* Take `spend` from member i's lots in lot order, those made by order `first` first (0: none), each piece a use of
 * `order` when it has one. */
static void lots_take(struct model *md, int i, int64_t spend, int order, int first)
{
    struct mmember *m = &md->m[i];
    for (int pass = first ? 0 : 1; pass < 2; pass++)
        for (int k = 0; k < m->nlots && spend > 0; k++) {
            struct mlot *l = &m->lots[k];
            if (l->remaining <= 0 || (pass == 0 && l->order != first))
                continue;
            int64_t take = l->remaining < spend ? l->remaining : spend;
            l->remaining -= take;
            spend -= take;
            if (order && md->nuses < MAXUSES)
                md->uses[md->nuses++] = (struct muse){i, k, order, take, 0};
        }
}

/* Member i's balance changes by delta for order (0: none); back: a give-back of that order (refund, hold, its return,
 * 撤销代录). Lots follow the positive part: a debit settles her first and spends oldest first (a give-back the
 * order's own lots first); a credit that gives back restores the lots the order's debits took from her, the latest
 * expiry first, with their dates — those already past expire at once — and the rest is a fresh lot. */
static void member_move(struct model *md, int i, int64_t delta, int order, int back)
{
    struct mmember *m = &md->m[i];
    if (delta < 0) {
        settle(md, i);
        int64_t spend = pos(m->balance) - pos(m->balance + delta);
        lots_take(md, i, spend, order, back ? order : 0);
        m->balance += delta;
        return;
    }
    int64_t lot = pos(m->balance + delta) - pos(m->balance), fresh = lot;
    m->balance += delta;
    while (back && order && lot > 0) {
        int best = -1; /* the latest expiry first, then the latest lot */
        for (int u = 0; u < md->nuses; u++) {
            struct muse *x = &md->uses[u];
            if (x->member != i || x->order != order || x->minutes <= x->back)
                continue;
            if (best < 0 || m->lots[x->k].expires > m->lots[md->uses[best].k].expires ||
                (m->lots[x->k].expires == m->lots[md->uses[best].k].expires && x->k > md->uses[best].k))
                best = u;
        }
        if (best < 0)
            break;
        struct muse *x = &md->uses[best];
        int64_t piece = x->minutes - x->back < lot ? x->minutes - x->back : lot;
        int64_t exp = m->lots[x->k].expires;
        md->restored++;
        md->restored_expired += exp <= md->now;
        lot_new(md, i, piece, exp, order);
        x->back += piece;
        lot -= piece;
    }
    if (lot < fresh)
        settle(md, i);
    if (lot > 0)
        lot_new(md, i, lot, md->now + EXPIRY_DAYS * 86400LL, order);
}

/* A member's balance changes by delta, for no order. */
static void member_add(struct model *md, int i, int64_t delta) { member_move(md, i, delta, 0, 0); }

/* A gift: the giver's lots move, oldest first, with their expiry; the receiver's
 * debt takes the first minutes (no lot there); nothing is minted. */
static void member_gift(struct model *md, int u, int v, int64_t minutes)
{
    struct mmember *g = &md->m[u], *r = &md->m[v];
    settle(md, u);
    int64_t spend = pos(g->balance) - pos(g->balance - minutes);
    int64_t lot = pos(r->balance + minutes) - pos(r->balance);
    int64_t skip = minutes - lot;
    for (int k = 0; k < g->nlots && spend > 0; k++) {
        int64_t take = g->lots[k].remaining < spend ? g->lots[k].remaining : spend;
        if (take <= 0)
            continue;
        g->lots[k].remaining -= take;
        spend -= take;
        int64_t debt = skip < take ? skip : take;
        skip -= debt;
        if (take > debt)
            lot_new(md, v, take - debt, g->lots[k].expires, 0);
    }
    g->balance -= minutes;
    r->balance += minutes;
}

static int64_t credit_minutes(int64_t elapsed)
{
    int64_t m = (elapsed + 15 * 60) / 1800 * 30;
    return m < 30 ? 30 : m;
}

/* issue 14: a timer credits at most the estimate + 1 h (and 12 h) */
static int64_t cap_minutes(const struct mreq *q) { return q->est + 60 < 12 * 60 ? q->est + 60 : 12 * 60; }

static int64_t timer_minutes(const struct mreq *q)
{
    if (q->proxy) /* 代录: the hours written, no timer */
        return q->est;
    int64_t t = credit_minutes(q->finished - q->started), cap = cap_minutes(q);
    return t < cap ? t : cap;
}

struct fixture {
    char path[64];
    struct store *st;
    struct nlp *nlp;
    struct bot_config cfg;
    struct hd_settings set; /* of cfg, filled once at setup */
    struct hd_reply reply;
    struct model md;
    struct hd_platform plat[BOT_PLATFORMS_MAX];
    int nplat;
};

static char last_text[300];

static void say(struct fixture *f, const char *user, const char *text)
{
    snprintf(last_text, sizeof last_text, "%s: %s", user, text);
    struct hd_ctx ctx = {f->st, f->nlp, &f->set, f->md.now, f->plat, f->nplat, 0};
    struct hd_msg m = {.platform = "cli", .user_id = user, .text = text};
    assert_int_equal(hd_handle(&ctx, &m, &f->reply), BOT_OK);
    if (getenv("PROP_TRACE"))
        printf("%s -> %s\n", last_text, f->reply.text);
}

static int64_t store_balance(struct fixture *f, const char *name)
{
    struct store_account a;
    assert_int_equal(store_account_by_name(f->st, name, &a), BOT_OK);
    return a.balance;
}

/* A member's lifetime earned as the rule book has it: the service credit of the orders she served that she kept —
 * none of an order undone (撤销代录), less what a complaint refunded or holds now. */
static int64_t model_earned(const struct model *md, int i)
{
    int64_t e = 0;
    for (int k = 1; k <= md->nreq; k++) {
        const struct mreq *q = &md->r[k];
        if (q->volunteer == i && q->credited > 0 && !q->reversed)
            e += q->credited - q->refunded - q->held;
    }
    return e;
}

static void check(struct fixture *f, int op)
{
    char acct[32];
    for (int i = 0; i < NM; i++) {
        struct store_account a;
        snprintf(acct, sizeof acct, "cli:u%d", i);
        assert_int_equal(store_account_by_name(f->st, acct, &a), BOT_OK);
        if (a.earned != model_earned(&f->md, i))
            fail_msg("after op %d (%s): %s earned %lld, model %lld", op, last_text, acct, (long long)a.earned,
                     (long long)model_earned(&f->md, i));
    }
    for (int i = 0; i < NM; i++) {
        snprintf(acct, sizeof acct, "cli:u%d", i);
        int64_t got = store_balance(f, acct);
        if (got != f->md.m[i].balance && getenv("PROP_LOTS")) {
            printf("db %s now %lld; model lots of u%d:", f->path, (long long)f->md.now, i);
            for (int k = 0; k < f->md.m[i].nlots; k++)
                if (f->md.m[i].lots[k].remaining)
                    printf(" %lld@%lld", (long long)f->md.m[i].lots[k].remaining, (long long)f->md.m[i].lots[k].expires);
            printf("\n");
        }
        if (got != f->md.m[i].balance)
            fail_msg("after op %d: %s balance %lld, model %lld", op, acct, (long long)got,
                     (long long)f->md.m[i].balance);        /* and her live lots carry the model's dates (lot_uses: what a give-back restores keeps them): the minutes
         * weighted by each lot's expiry in hours */
        int64_t want = 0, live = 0;
        for (int k = 0; k < f->md.m[i].nlots; k++)
            if (f->md.m[i].lots[k].remaining > 0) {
                want += f->md.m[i].lots[k].remaining * (f->md.m[i].lots[k].expires / 3600 % 100000);
                live += f->md.m[i].lots[k].remaining;
            }
        int64_t have = tdb_int(f->path, "SELECT coalesce(sum(l.remaining * (l.expires_at / 3600 % 100000)), 0) "
                                         "FROM lots l JOIN accounts a ON a.id = l.account_id WHERE a.name = ?1 "
                                         "AND l.remaining > 0 AND l.expires_at > a.expired_through", acct);
        if (have != want)
            fail_msg("after op %d: %s live lots (%lld minutes) dated otherwise than the model's", op, acct,
                     (long long)live);
    }
    if (store_balance(f, "fund") != f->md.fund)
        fail_msg("after op %d: fund %lld, model %lld (%s)", op, (long long)store_balance(f, "fund"), (long long)f->md.fund, last_text);
    assert_int_equal(store_balance(f, "expired"), f->md.expired);
    assert_int_equal(store_balance(f, "hold"), f->md.hold);
    assert_int_equal(store_balance(f, "adjust"), f->md.adjust);
    struct store_cash_account ca;
    assert_int_equal(store_balance(f, "merchant:1"), f->md.shop_minutes);
    assert_int_equal(store_cash_account_by_name(f->st, "merchant:1", &ca), BOT_OK);
    assert_int_equal(ca.balance_fen, f->md.shop_owed);
    assert_int_equal(store_cash_account_by_name(f->st, "bank", &ca), BOT_OK);
    assert_int_equal(ca.balance_fen, f->md.shop_bank + f->md.books_bank);
    char report[4096];
    int broken = -1;
    for (int k = 1; k <= f->md.nreq; k++) { /* every request's status, volunteer and start as the model says */
        struct store_request r;
        const struct mreq *q = &f->md.r[k];
        assert_int_equal(store_request_get(f->st, k, &r), BOT_OK);
        if ((int)r.status != q->status || r.start_at != q->start_at ||
            (q->volunteer >= 0 && r.volunteer_id == 0) || (q->volunteer < 0 && r.volunteer_id != 0))
            fail_msg("after op %d (%s): #%d status %d start %lld volunteer %lld, model %d %lld %d", op, last_text, k,
                     (int)r.status, (long long)r.start_at, (long long)r.volunteer_id, q->status, (long long)q->start_at,
                     q->volunteer);
    }
    struct store_audit_rules rules;
    hd_audit_rules(&f->set, &rules);
    assert_int_equal(store_audit(f->st, &rules, report, sizeof report, &broken), BOT_OK);
    if (broken)
        fail_msg("after op %d audit: %s", op, report);
}

static int open_count(struct model *md, int u)
{
    int n = 0;
    for (int k = 1; k <= md->nreq; k++)
        if (md->r[k].requester == u && md->r[k].status <= S_IN_SERVICE)
            n++;
    return n;
}

static void fund_log(struct model *md, const struct mreq *q, int64_t minutes)
{
    if (md->nfund < MAXREQ)
        /* a leg counts in the month its order's service finished, whenever it is written (play-test 16) */
        md->fundlog[md->nfund++] = (struct mfund){q->requester % 6, q->finished ? q->finished : md->now, minutes,
                                                  q->approved};
    md->fund -= minutes;
}

/* The fund's spending for building b's services finished in the month of t (net), all of it or only what staff did
 * not approve. */
static int64_t fund_spent(const struct model *md, int b, int approved_too, int64_t t)
{
    int64_t s = 0;
    for (int i = 0; i < md->nfund; i++)
        if (md->fundlog[i].building == b && month_of(md->fundlog[i].at) == month_of(t) &&
            (approved_too || !md->fundlog[i].approved))
            s += md->fundlog[i].minutes;
    return s;
}

/* Credit m minutes for q: 公益 from the fund within the building's monthly budget (past it held for staff,
 * unless approved), else from the requester within the overdraft limit. 1 paid, 0 held, -1 over the limit. */
static int credit_model(struct model *md, struct mreq *q, int64_t m)
{
    if (q->pb) {
        if (!q->approved && fund_spent(md, q->requester % 6, 0, q->finished ? q->finished : md->now) + m > BUDGET) {
            q->held_m = m;
            return 0;
        }
        fund_log(md, q, m);
        q->payer = -1;
    } else {
        if (md->m[q->requester].balance - m < -LIMIT)
            return -1;
        member_move(md, q->requester, -m, (int)(q - md->r), 0);
        q->payer = q->requester;
    }
    member_move(md, q->volunteer, m, (int)(q - md->r), 0);
    q->status = S_CONFIRMED;
    q->credited = m;
    /* 首存日: a service that took place that day (the timer's start, else the order's) is paid again by the fund,
     * unless the fund paid it */
    int y, mo, d;
    char day[8];
    bot_civil_from_days(bot_local_day(q->started ? q->started : q->start_at, 8 * 3600), &y, &mo, &d);
    snprintf(day, sizeof day, "%02d-%02d", mo, d);
    if (q->payer >= 0 && (q->started || q->start_at) && md->first_day[0] && strcmp(day, md->first_day) == 0) {
        member_move(md, q->volunteer, m, (int)(q - md->r), 0);
        md->fund -= m;
        q->bonus = m;
        md->bonuses++;
    }
    return 1;
}

static void penalty_model(struct model *md, int u, int order)
{
    settle(md, u); /* hd_penalty reads her room as the tick would leave her (store_account_at) */
    int64_t room = md->m[u].balance + LIMIT;
    int64_t take = room < 300 ? room : 300;
    if (take > 0) {
        member_move(md, u, -take, order, 0);
        md->fund += take;
    }
}

/* Whole years of member i at now on the community's clock; -1 without a birthday. */
static int age_of(const struct model *md, int i)
{
    const struct mmember *m = &md->m[i];
    int y, mo, d;
    if (!m->by)
        return -1;
    bot_civil_from_days(bot_local_day(md->now, 8 * 3600), &y, &mo, &d);
    return y - m->by - (mo < m->bm || (mo == m->bm && d < m->bd));
}

/* May u accept q? (Every member registered.) Not banned; a birthday on file giving 18; 托管: 25 and a valid
 * certificate. */
static int may_accept(const struct model *md, int u, const struct mreq *q)
{
    int age = age_of(md, u);
    if (md->m[u].banned_until > md->now || age < 18) /* no birthday: age -1, refused */
        return 0;
    return !q->childcare || (age >= 25 && md->m[u].cert_until > md->now);
}

static void op_post(struct fixture *f, int u, char *text, char *user)
{
    struct model *md = &f->md;
    int hours = 1 + (int)(random() % 3);
    static const char *const days[] = {"明天", "后天"};
    int day = 1 + (int)(random() % 2), afternoon = random() % 2, childcare = random() % 100 < 10;
    snprintf(text, 256, "求助 %s%s%s %d小时", days[day - 1], afternoon ? "下午3点" : "上午9点",
             childcare ? "帮我接孩子放学" : "陪我去社区医院", hours);
    say(f, user, text);
    int64_t local = md->now + 8 * 3600;
    int64_t start_at = (local / 86400 + day) * 86400 + (afternoon ? 15 : 9) * 3600 - 8 * 3600;
    /* the same service for the same start within 30 minutes is a twin: nothing is created */
    for (int k = 1; k <= md->nreq; k++)
        if (md->r[k].requester == u && md->r[k].status != S_CANCELLED && md->r[k].status != S_EXPIRED &&
            md->r[k].start_at == start_at && md->r[k].childcare == childcare &&
            md->r[k].created >= md->now - 30 * 60)
            return;
    int64_t owed = 0; /* her orders not yet paid are counted against her limit too (helper-73) */
    for (int k = 1; k <= md->nreq; k++)
        if (md->r[k].requester == u && !md->r[k].pb && md->r[k].status <= S_FINISHED)
            owed += md->r[k].est;
    if (open_count(md, u) < 5 && md->m[u].balance - owed - hours * 60 >= -LIMIT) {
        struct mreq *q = &md->r[++md->nreq];
        memset(q, 0, sizeof *q);
        q->requester = u;
        q->volunteer = -1;
        q->status = S_OPEN;
        q->start_at = start_at;
        q->created = md->now;
        q->est = hours * 60;
        q->childcare = childcare;
    }
}

/* Staff: 禁止接单 @X 1-3天 (a longer ban stands), 解除禁止 @X, or (half the time) 认证 @X 托管 有效期 a day from a
 * month back to a year ahead (valid through that day; a past day is refused); or X, without a birthday on file
 * (so refused at 接单), adds one with 修改资料. */
static void op_vetting(struct fixture *f)
{
    struct model *md = &f->md;
    int v = (int)(random() % NM), k = (int)(random() % 4); /* a ban now and then, certificates more often */
    char text[128];
    struct mmember *m = &md->m[v];
    if (k == 0) {
        int days = 1 + (int)(random() % 3);
        snprintf(text, sizeof text, "禁止接单 @%s %d天", names[v], days);
        say(f, "admin", text);
        if (m->banned_until < md->now + days * 86400LL)
            m->banned_until = md->now + days * 86400LL;
    } else if (k == 1) {
        snprintf(text, sizeof text, "解除禁止 @%s", names[v]);
        say(f, "admin", text);
        if (m->banned_until > md->now)
            m->banned_until = 0;
    } else if (k == 3 && !m->by) {
        /* one without a birthday on file, refused at 接单, adds it (an adult: born 1985-06-15) */
        char user[16];
        snprintf(user, sizeof user, "u%d", v);
        say(f, user, "修改资料 生日1985年6月15日");
        m->by = 1985;
        m->bm = 6;
        m->bd = 15;
        m->bday_at = md->now;
    } else {
        int64_t day = bot_local_day(md->now, 8 * 3600) - 30 + (int64_t)(random() % 400);
        int y, mo, d;
        bot_civil_from_days(day, &y, &mo, &d);
        snprintf(text, sizeof text, "认证 @%s 托管 有效期%04d-%02d-%02d", names[v], y, mo, d);
        say(f, "admin", text);
        int64_t until = bot_day_start(day + 1, 8 * 3600);
        if (until > md->now)
            m->cert_until = until;
    }
}

/* Paid only on the requester's own confirm: a 代录 for her (every member has a chat identity here) never yet tried
 * for payment, or a timer under short_timer_minutes (10). */
static int own_only(const struct mreq *r)
{
    if (r->status != S_FINISHED)
        return 0;
    if (r->proxy)
        return !r->held_m;
    return r->started && r->finished - r->started < 10 * 60;
}

/* Every job the scheduler runs, in its order (hd_jobs_run_all), and what the rule book says they do. */
static void jobs(struct fixture *f)
{
    struct model *md = &f->md;
    struct hd_ctx ctx = {f->st, f->nlp, &f->set, md->now, f->plat, f->nplat, 0};
    int done;
    assert_int_equal(hd_jobs_run_all(&ctx, &done), BOT_OK);
    for (int k = 1; k <= md->nreq; k++) { /* stale: an open request past its start by the grace expires */
        struct mreq *r = &md->r[k];
        if (r->status == S_OPEN && r->start_at && eff_start(r) <= md->now - GRACE)
            r->status = S_EXPIRED;
    }
    for (int k = 1; k <= md->nreq; k++) { /* a forgotten timer stops at its cap */
        struct mreq *r = &md->r[k];
        if (r->status == S_IN_SERVICE && r->started + cap_minutes(r) * 60 <= md->now) {
            r->status = S_FINISHED;
            r->finished = r->started + cap_minutes(r) * 60;
        }
    }
    for (int k = 1; k <= md->nreq; k++) { /* 爽约: accepted, not started 2 h after it was due, asked 1.5 h before */
        struct mreq *r = &md->r[k];
        int64_t due = r->accepted > r->start_at ? r->accepted : r->start_at;
        if (r->status != S_ACCEPTED)
            continue;
        if (!r->asked) {
            int hour = (int)(((md->now + 8 * 3600) % 86400) / 3600); /* not asked in the quiet hours, 22:00–08:00 */
            if (due + 30 * 60 <= md->now && hour >= 8 && hour < 22)
                r->asked = md->now;
            continue;
        }
        if (due + 2 * 3600 > md->now || r->asked + 90 * 60 > md->now)
            continue;
        struct mmember *v = &md->m[r->volunteer];
        penalty_model(md, r->volunteer, (int)(r - md->r));
        int recent = 0;
        if (v->nno_shows < 64)
            v->no_shows[v->nno_shows++] = md->now;
        for (int i = 0; i < v->nno_shows; i++)
            recent += v->no_shows[i] >= md->now - 90 * 86400;
        if (recent >= NO_SHOW_BAN_COUNT && v->banned_until < md->now + 30 * 86400) {
            v->banned_until = md->now + 30 * 86400;
            md->bans++;
        }
        r->volunteer = -1;
        r->accepted = 0;
        int64_t latest = r->start_at + r->est * 60 - 2 * GRACE;
        if (latest + GRACE > md->now) { /* another volunteer could still begin: reopened until latest */
            r->status = S_OPEN;
            r->reopen = latest > md->now ? latest : md->now;
        } else {
            r->status = S_EXPIRED;
        }
        md->no_shows++;
    }
    for (int k = 1; k <= md->nreq; k++) { /* auto-confirm after 24 h, the estimate at most */
        struct mreq *r = &md->r[k];
        if (r->status == S_FINISHED && r->proxy && r->held_m && !r->approved && r->finished <= md->now - 24 * 3600) {
            r->status = S_CANCELLED; /* a 代录 waiting for 基金批准 past its deadline lapses unpaid (helper P) */
            continue;
        }
        if (r->status == S_FINISHED && !r->auto_done && r->finished <= md->now - 24 * 3600 && own_only(r)) {
            r->status = S_CANCELLED; /* paid only on her own word, never given: closed unpaid (helper-73) */
            continue;
        }
        if (r->status == S_FINISHED && !r->auto_done && r->finished <= md->now - 24 * 3600) {
            int64_t m = timer_minutes(r) < r->est ? timer_minutes(r) : r->est;
            if (credit_model(md, r, m) >= 0)
                r->auto_done = 1; /* paid, or held for staff: not tried again */
        }
    }
    int y, mo, d; /* birthdays: from 09:00 on the day, once a year; +2 from the fund a year after it was entered */
    bot_civil_from_days(bot_local_day(md->now, 8 * 3600), &y, &mo, &d);
    for (int i = 0; i < NM; i++) {
        struct mmember *m = &md->m[i];
        if (!m->by || m->bm != mo || m->bd != d || m->gift_year == y || (md->now + 8 * 3600) % 86400 < 9 * 3600)
            continue;
        m->gift_year = y;
        if (md->now - (m->bday_at ? m->bday_at : md->registered) >= 365LL * 86400) {
            member_add(md, i, 120);
            md->fund -= 120;
            md->birthday_gifts++;
        }
    }
    for (int i = 0; i < NM; i++) /* expiry: lots past their date, of the accounts whose next_expiry is due */
        settle(md, i);
}

/* The admin records (代录) that v served e for 1-3 h: not for the same person, at most 10 a day, a repeat of the
 * same pair that day asked about (not recorded), paid by e within the overdraft limit. */
static void op_proxy(struct fixture *f)
{
    struct model *md = &f->md;
    int e = (int)(random() % NM), v = (int)(random() % NM), hours = 1 + (int)(random() % 3);
    char text[128];
    snprintf(text, sizeof text, "代录 %s %s %d小时 陪诊", names[e], names[v], hours);
    say(f, "admin", text);
    int64_t day = bot_local_day(md->now, 8 * 3600);
    int today = 0, twin = 0;
    for (int k = 1; k <= md->nreq; k++) {
        const struct mreq *r = &md->r[k];
        if (!r->proxy || r->status == S_CANCELLED || bot_local_day(r->created, 8 * 3600) != day)
            continue;
        today++;
        twin |= r->requester == e && r->volunteer == v;
    }
    if (e == v || today >= 10 || twin) /* and one her hours cannot pay (past her limit) is refused when recorded */
        return;
    if (md->m[v].banned_until > md->now) /* nor one crediting a volunteer banned from accepting (helper P) */
        return;
    if (md->m[e].balance - hours * 60 < -LIMIT)
        return;
    struct mreq *q = &md->r[++md->nreq];
    memset(q, 0, sizeof *q);
    q->requester = e;
    q->volunteer = v;
    q->status = S_FINISHED;
    q->created = q->accepted = q->started = q->finished = md->now;
    q->est = hours * 60;
    q->proxy = 1;
    /* she has a chat identity: a claim she confirms herself (helper-73), at once here */
    char user[16];
    snprintf(user, sizeof user, "u%d", e);
    snprintf(text, sizeof text, "确认 #%d", md->nreq);
    say(f, user, text);
    credit_model(md, q, hours * 60);
}

/* The admin undoes 代录 #id within 24 h: the credit goes back to its payer, the volunteer may go below zero; not
 * after a complaint's refund. */
static void op_proxy_undo(struct fixture *f, int id)
{
    struct model *md = &f->md;
    for (int k = md->nreq; k >= 1 && random() % 100 < 70; k--)
        if (md->r[k].proxy) { /* mostly the last 代录 */
            id = k;
            break;
        }
    char text[64];
    snprintf(text, sizeof text, "撤销代录 #%d", id);
    say(f, "admin", text);
    struct mreq *q = id <= md->nreq ? &md->r[id] : NULL;
    if (q && q->proxy && own_only(q)) { /* a claim not confirmed: withdrawn, nothing moves */
        q->status = S_CANCELLED;
        return;
    }
    if (!q || !q->proxy || q->status != S_CONFIRMED || q->credited <= 0 || q->refunded > 0 ||
        md->now - q->created > 24 * 3600 ||
        md->m[q->volunteer].balance - q->credited - (q->bonus - q->bonus_back) < -LIMIT) /* 首存日's extra too */
        return;
    if (q->bonus - q->bonus_back > 0) {
        member_move(md, q->volunteer, -(q->bonus - q->bonus_back), id, 0);
        md->fund += q->bonus - q->bonus_back;
        q->bonus_back = q->bonus;
        md->bonus_backs++;
    }
    member_move(md, q->volunteer, -q->credited, id, 1);
    if (q->payer < 0)
        fund_log(md, q, -q->credited);
    else
        member_move(md, q->payer, q->credited, id, 1);
    q->status = S_CANCELLED;
    q->reversed = 1;
    md->reversals++;
}

/* u sends 开始服务 #id: only the volunteer of an accepted order, from an hour before its start, while no other timer of
 * hers runs. */
static void op_start(struct fixture *f, int u, int id)
{
    struct model *md = &f->md;
    struct mreq *q = id <= md->nreq ? &md->r[id] : NULL;
    char text[64], user[16];
    snprintf(user, sizeof user, "u%d", u);
    snprintf(text, sizeof text, "开始服务 #%d", id);
    say(f, user, text);
    int running = 0;
    for (int k = 1; k <= md->nreq; k++)
        running |= k != id && md->r[k].status == S_IN_SERVICE && md->r[k].volunteer == u;
    if (q && q->status == S_ACCEPTED && q->volunteer == u && md->now >= q->start_at - 3600 && !running) {
        q->status = S_IN_SERVICE;
        q->started = md->now;
    }
}

/* Most volunteers turn up: one whose order is due (from an hour before its start to an hour after), or who was
 * asked why it has not started, starts it. */
static void volunteer_arrives(struct fixture *f)
{
    struct model *md = &f->md;
    for (int k = 1; k <= md->nreq; k++) {
        struct mreq *q = &md->r[k];
        if (q->status == S_ACCEPTED && md->now >= q->start_at - 3600 && (md->now < q->start_at + 3600 || q->asked)) {
            op_start(f, q->volunteer, k);
            return;
        }
    }
}

/* Is the clerk stopped now: 5 wrong codes within the last 10 minutes ([rules] redeem_wrong_*)? */
static int shop_locked(const struct model *md)
{
    int n = 0;
    for (int i = 0; i < md->nwrong; i++)
        n += md->wrong_at[i] > md->now - 600;
    return n >= 5;
}

/* Issue 16: a member's 兑换码 redeemed by the clerk (half hours worth min(price, 30元) at 1.5元, never past the
 * balance; the 3% fee owed), a burst of guessed codes (which stops the clerk), or staff's 商家缴费 (never more than
 * owed). */
static void op_merchant(struct fixture *f)
{
    struct model *md = &f->md;
    unsigned *seed = &md->shop_seed;
    char text[96], user[16], code[16];
    int u = rand_r(seed) % NM, r = rand_r(seed) % 12;
    snprintf(user, sizeof user, "u%d", u);
    if (r == 0) {
        int64_t fen = 1 + rand_r(seed) % 600;
        snprintf(text, sizeof text, "商家缴费 幸福超市 %lld.%02lld元", (long long)(fen / 100), (long long)(fen % 100));
        say(f, "admin", text);
        if (md->shop_owed > 0 && fen <= md->shop_owed) {
            md->shop_owed -= fen;
            md->shop_bank += fen;
            md->settles++;
        }
        return;
    }
    if (r == 1) {
        for (int k = 1 + rand_r(seed) % 6; k > 0; k--) {
            snprintf(text, sizeof text, "核销 ZZ%06d 消费20元", rand_r(seed) % 1000000);
            say(f, "clerk", text);
            if (shop_locked(md))
                md->locked++;
            else if (md->nwrong < 2048)
                md->wrong_at[md->nwrong++] = md->now;
        }
        return;
    }
    say(f, user, "兑换码");
    const char *p = strstr(f->reply.text, "兑换码：");
    if (md->m[u].balance < 30) {
        if (p)
            fail_msg("u%d with %lld minutes got a code: %s", u, (long long)md->m[u].balance, f->reply.text);
        return;
    }
    if (!p)
        fail_msg("u%d with %lld minutes got no code: %s", u, (long long)md->m[u].balance, f->reply.text);
    snprintf(code, sizeof code, "%.8s", p + strlen("兑换码："));
    int yuan = 1 + rand_r(seed) % 120;
    snprintf(text, sizeof text, "核销 %s 消费%d元", code, yuan);
    say(f, "clerk", text);
    if (shop_locked(md)) {
        md->locked++;
        return;
    }
    int64_t halves = (yuan < 30 ? yuan : 30) * 100 / 150, have = md->m[u].balance / 30;
    if (halves > have)
        halves = have;
    if (halves > 0) {
        member_add(md, u, -halves * 30);
        md->shop_minutes += halves * 30;
        md->shop_owed += ((int64_t)yuan * 100 * 300 + 5000) / 10000;
        md->redemptions++;
    }
}

/* ---- the books (issue 16): income, the opening money, spending in every approval band, approvals and rejections by
 * two staff members — on a generator of their own, so the hours' random stream stays as it was ---- */
struct mspend {
    int64_t fen;
    int band, status, entrant; /* status 0 waiting, 1 approved, 2 rejected */
    int64_t at;                /* entered */
};
struct mcash {
    uint64_t rng;
    int64_t bank;      /* the whole bank: the books' entries and what merchants paid (op_merchant's 商家缴费) */
    int64_t shop_seen; /* md.shop_bank when last taken into bank */
    int opened, n, approved, rejected, refused;
    struct mspend s[2048];
};

static uint64_t cash_rand(struct mcash *c)
{
    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 7;
    c->rng ^= c->rng << 17;
    return c->rng;
}

static void op_cash(struct fixture *f, struct mcash *c, int op)
{
    static const char *const staff[] = {"admin", "admin2"};
    static const int64_t top[] = {500, 5000, 12000}; /* the bands' tops in yuan: one approver, two, the meeting */
    char text[160];
    c->bank += f->md.shop_bank - c->shop_seen; /* merchants' payments since the last op */
    c->shop_seen = f->md.shop_bank;
    int who = (int)(cash_rand(c) % 2), k = (int)(cash_rand(c) % 100);
    if (!c->opened || k < 3) {
        say(f, staff[who], "记账 期初 3000元");
        if (!c->opened)
            c->bank += 300000;
        c->opened = 1;
    } else if (k < 30) {
        int64_t yuan = 1 + (int64_t)(cash_rand(c) % 4000);
        snprintf(text, sizeof text, "记账 收入 场地租赁 %lld元", (long long)yuan);
        say(f, staff[who], text);
        c->bank += yuan * 100;
    } else if (k < 60) {
        int band = (int)(cash_rand(c) % 3);
        int64_t lo = band ? top[band - 1] : 0, yuan = lo + 1 + (int64_t)(cash_rand(c) % (uint64_t)(top[band] - lo));
        snprintf(text, sizeof text, "记账 支出 活动物料 %lld元 发票%d", (long long)yuan, op);
        say(f, staff[who], text);
        if (yuan * 100 > c->bank || c->n >= (int)(sizeof c->s / sizeof *c->s)) {
            c->refused++;
            return;
        }
        /* one approver's limit is a day's spending on one thing: past it, the piece waits for a second approver */
        int64_t alone = 0;
        for (int i = 0; i < c->n; i++)
            if (c->s[i].entrant == who && c->s[i].band == 1 && c->s[i].status == 1 && c->s[i].at >= f->md.now - 86400)
                alone += c->s[i].fen;
        if (band == 0 && alone + yuan * 100 > top[0] * 100)
            band = 1;
        c->s[c->n++] = (struct mspend){yuan * 100, band + 1, band == 0, who, f->md.now};
        if (band == 0)
            c->bank -= yuan * 100;
    } else if (k < 90) {
        int id = 1 + (int)(cash_rand(c) % (uint64_t)(c->n + 1)), meeting = cash_rand(c) % 3 != 0;
        if (meeting)
            snprintf(text, sizeof text, "批准支出 #%d 会员大会 第%d次决议", id, op);
        else
            snprintf(text, sizeof text, "批准支出 #%d", id);
        say(f, staff[who], text);
        struct mspend *x = id <= c->n ? &c->s[id - 1] : NULL;
        if (x && x->status == 0 && (x->band != 3 || meeting) && (x->band == 1 || x->entrant != who) && x->fen <= c->bank) {
            x->status = 1;
            c->bank -= x->fen;
            c->approved++;
        }
    } else {
        int id = 1 + (int)(cash_rand(c) % (uint64_t)(c->n + 1));
        snprintf(text, sizeof text, "驳回支出 #%d 原因 重复报销", id);
        say(f, staff[who], text);
        if (id <= c->n && c->s[id - 1].status == 0) {
            c->s[id - 1].status = 2;
            c->rejected++;
        }
    }
    struct store_cash_account bank;
    assert_int_equal(store_cash_account_by_name(f->st, "bank", &bank), BOT_OK);
    if (bank.balance_fen != c->bank)
        fail_msg("after op %d (%s): bank %lld fen, model %lld", op, last_text, (long long)bank.balance_fen,
                 (long long)c->bank);
    f->md.books_bank = c->bank - c->shop_seen;
}

static void run(struct fixture *f)
{
    static struct mcash cash;
    memset(&cash, 0, sizeof cash);
    cash.rng = 0x9e3779b97f4a7c15ull;
    struct model *md = &f->md;
    char text[256], user[16];
    for (int op = 1; op <= OPS; op++) {
        if (op % FIRST_DEPOSIT_OPS == 1) { /* 首存日 on for a turn (today, MM-DD), off for the next */
            int y, mo, d;
            bot_civil_from_days(bot_local_day(md->now, 8 * 3600), &y, &mo, &d);
            if ((op / FIRST_DEPOSIT_OPS) % 2 == 0)
                snprintf(md->first_day, sizeof md->first_day, "%02d-%02d", mo, d);
            else
                md->first_day[0] = '\0';
            bot_strlcpy(f->set.rules.first_deposit_day, md->first_day, sizeof f->set.rules.first_deposit_day);
        }
        md->now += random() % (20 * 60);
        int u = (int)(random() % NM);
        snprintf(user, sizeof user, "u%d", u);
        int id = md->nreq ? 1 + (int)(random() % (md->nreq + 1)) : 1; /* sometimes one that does not exist */
        int kind = (int)(random() % 100);
        if (random() % 2 == 0)
            volunteer_arrives(f);
        /* the status the operation moves a request from: accept an open one, start an accepted one, ... */
        int want = kind >= 18 && kind < 32 ? S_OPEN : kind < 42 ? S_ACCEPTED : kind < 52 ? S_IN_SERVICE
                 : kind < 62 || kind == 79 ? S_FINISHED : kind >= 90 && kind < 94 ? S_DISPUTED : -1;
        if (md->nreq && random() % 100 < 85) { /* mostly a request the operation applies to, else one that can move */
            int active[MAXREQ], na = 0, fits[MAXREQ], nf = 0;
            for (int k = 1; k <= md->nreq; k++) {
                if (md->r[k].status <= S_FINISHED || md->r[k].status == S_DISPUTED)
                    active[na++] = k;
                /* as people do: accept what is still ahead, start once the start is near */
                if (md->r[k].status == want && (want != S_OPEN || eff_start(&md->r[k]) > md->now - GRACE) &&
                    (want != S_ACCEPTED || md->now >= md->r[k].start_at - 3600))
                    fits[nf++] = k;
            }
            if (nf && random() % 100 < 90)
                id = fits[random() % nf];
            else if (na)
                id = active[random() % na];
        }
        struct mreq *q = id <= md->nreq ? &md->r[id] : NULL;
        if (q && random() % 100 < 80) { /* mostly the party who may act */
            int as_volunteer = (kind >= 32 && kind < 52) || (kind >= 62 && kind < 65 && random() % 2);
            if (kind >= 18 && kind < 32) {
                if (u == q->requester)
                    u = (u + 1) % NM;
                /* most who try are allowed to (old enough, certified for 托管, not banned); some are refused */
                for (int tries = 0; tries < NM && !may_accept(md, u, q) && random() % 100 < 70; tries++)
                    u = (u + 1) % NM == q->requester ? (u + 2) % NM : (u + 1) % NM;
            } else if (as_volunteer && q->volunteer >= 0) {
                u = q->volunteer;
            } else if (!as_volunteer) {
                u = q->requester;
            }
            snprintf(user, sizeof user, "u%d", u);
        }
        if (kind < 18) {
            op_post(f, u, text, user);
        } else if (kind < 32) {
            snprintf(text, sizeof text, "接单 #%d", id);
            say(f, user, text);
            if (q && q->status == S_OPEN && q->requester != u && eff_start(q) > md->now - GRACE &&
                may_accept(md, u, q)) {
                q->status = S_ACCEPTED;
                q->volunteer = u;
                q->accepted = md->now;
                q->asked = 0;
            }
        } else if (kind < 42) {
            op_start(f, u, id);
        } else if (kind < 52) {
            snprintf(text, sizeof text, "结束服务 #%d", id);
            say(f, user, text);
            if (q && q->status == S_IN_SERVICE && q->volunteer == u) {
                q->status = S_FINISHED;
                q->finished = md->now;
            }
        } else if (kind < 62) {
            int half = (int)(random() % 8); /* 0: the timer; else 0.5 h steps */
            if (half)
                snprintf(text, sizeof text, "确认 #%d %g小时", id, half / 2.0);
            else
                snprintf(text, sizeof text, "确认 #%d", id);
            say(f, user, text);
            if (q && q->status == S_FINISHED && q->requester == u) {
                int64_t timer = timer_minutes(q);
                int64_t m = half ? half * 30 : timer;
                /* past the estimate only with the requester's written hours */
                if (m <= timer && (half || m <= q->est))
                    credit_model(md, q, m);
            }
        } else if (kind < 65) {
            snprintf(text, sizeof text, "取消 #%d", id);
            say(f, user, text);
            if (q && (q->status == S_OPEN || q->status == S_ACCEPTED)) {
                if (q->requester == u) {
                    q->status = S_CANCELLED;
                } else if (q->volunteer == u && q->status == S_ACCEPTED) {
                    q->status = S_OPEN;
                    q->volunteer = -1;
                    q->accepted = 0;
                    if (q->start_at - md->now < 2 * 3600)
                        penalty_model(md, u, id);
                }
            }
        } else if (kind < 76) {
            int v = (int)(random() % NM);
            int hours = 1 + (int)(random() % 3);
            snprintf(text, sizeof text, "转赠 %d小时 给 @%s", hours, names[v]);
            say(f, user, text);
            if (v != u && md->m[u].balance >= hours * 60) {
                member_gift(md, u, v, hours * 60);
            }
        } else if (kind < 77) {
            snprintf(text, sizeof text, "评价 #%d %d星", id, 1 + (int)(random() % 5));
            say(f, user, text);
        } else if (kind < 79) {
            snprintf(text, sizeof text, "设为公益 #%d", id);
            say(f, "admin", text);
            if (q && q->status <= S_FINISHED)
                q->pb = 1;
        } else if (kind < 80) {
            snprintf(text, sizeof text, "基金批准 #%d", id);
            say(f, "admin", text);
            /* a 代录 past its confirm deadline has lapsed, ticked or not: refused (helper P) */
            if (q && q->held_m > 0 && q->status == S_FINISHED && !(q->proxy && q->finished <= md->now - 24 * 3600)) {
                q->approved = 1;
                credit_model(md, q, q->held_m);
            }
        } else if (kind < 82) {
            op_proxy(f);
        } else if (kind < 83) {
            op_proxy_undo(f, id);
        } else if (kind < 86) {
            int v = (int)(random() % NM);
            int hours = 1 + (int)(random() % 4);
            int minus = random() % 2;
            snprintf(text, sizeof text, "调整积分 @%s %c%d小时 原因：测试", names[v], minus ? '-' : '+', hours);
            say(f, "admin", text);
            if (!minus) {
                member_add(md, v, hours * 60);
                md->adjust -= hours * 60;
            } else if (md->m[v].balance - hours * 60 >= -LIMIT) {
                member_add(md, v, -hours * 60);
                md->adjust += hours * 60;
            }
        } else if (kind < 90) {
            snprintf(text, sizeof text, "投诉 #%d 服务有问题", id);
            say(f, user, text);
            /* the requester's complaint; the volunteer's words are a report that holds nothing */
            if (q && q->requester == u && q->status != S_DISPUTED &&
                q->status != S_OPEN && q->status != S_CANCELLED && q->status != S_EXPIRED) {
                q->prev = q->status;
                q->held = 0;
                if (q->status == S_CONFIRMED && q->credited > 0) {
                    int64_t room = md->m[q->volunteer].balance + LIMIT, left = q->credited - q->refunded;
                    int64_t h = left < room ? left : room;
                    if (h > 0) {
                        member_move(md, q->volunteer, -h, id, 1);
                        md->hold += h;
                        q->held = h;
                    }
                }
                q->status = S_DISPUTED;
            }
        } else if (kind < 94) {
            static const char *const res[] = {"退款", "扣分", "驳回", "减半"};
            int k = (int)(random() % 4);
            snprintf(text, sizeof text, "处理投诉 #%d %s", id, res[k]);
            say(f, "admin", text);
            if (q && q->status == S_DISPUTED && (k != 3 || q->prev == S_CONFIRMED)) { /* 减半 needs a credit */
                if (k == 2) {
                    if (q->held) {
                        md->hold -= q->held;
                        member_move(md, q->volunteer, q->held, id, 1);
                    }
                    q->status = q->prev;
                } else {
                    if (q->held) {
                        int64_t back = k == 3 ? q->held / 2 : q->held; /* 减半: half back, half stays */
                        md->hold -= q->held;
                        if (q->payer < 0)
                            fund_log(md, q, -back);
                        else
                            member_move(md, q->payer, back, id, 1);
                        /* 首存日: the fund's extra for what was refunded goes back to it, within the volunteer's
                         * overdraft limit */
                        int64_t tb = back < q->bonus - q->bonus_back ? back : q->bonus - q->bonus_back;
                        int64_t room = md->m[q->volunteer].balance + LIMIT;
                        if (tb > room)
                            tb = room;
                        if (back > 0 && tb > 0) {
                            member_move(md, q->volunteer, -tb, id, 0);
                            md->fund += tb;
                            q->bonus_back += tb;
                            md->bonus_backs++;
                        }
                        if (q->held - back > 0)
                            member_move(md, q->volunteer, q->held - back, id, 1);
                        q->refunded += back;
                    }
                    q->status = q->prev == S_CONFIRMED ? S_CONFIRMED : S_CANCELLED;
                    if (k == 1)
                        penalty_model(md, q->volunteer, id);
                }
                q->held = 0;
            }
        } else if (kind < 96) {
            jobs(f); /* the scheduler's tick */
        } else if (kind < 97) {
            op_vetting(f);
        } else {
            /* now and then a clock jump of weeks to a year (downtime, timers forgotten running): lots past 730
             * days expire; else a few hours pass */
            md->now += random() % 100 < 15 ? (int64_t)(30 + random() % 370) * 86400 : (int64_t)(1 + random() % 6) * 3600;
            jobs(f);
        }
        if (random() % 4 == 0) {
            md->now++; /* the scheduler ticks between messages */
            jobs(f);
        }
        if (op % 20 == 0)
            op_merchant(f);
        if (op % 5 == 0)
            op_cash(f, &cash, op);
        if (getenv("PROP_EVERY") || op % 500 == 0)
            check(f, op);
    }
    check(f, OPS);
    int by_status[S_COUNT] = {0};
    int64_t total = 0;
    for (int k = 1; k <= md->nreq; k++)
        by_status[md->r[k].status]++;
    for (int i = 0; i < NM; i++)
        total += md->m[i].balance < 0 ? -md->m[i].balance : md->m[i].balance;
    printf("property: %d requests (open %d, accepted %d, in service %d, finished %d, confirmed %d, cancelled %d, "
           "disputed %d, expired %d); fund %lld, expired %lld, hold %lld, adjust %lld, sum |member| %lld minutes\n",
           md->nreq, by_status[0], by_status[1], by_status[2], by_status[3], by_status[4], by_status[5],
           by_status[6], by_status[7], (long long)md->fund, (long long)md->expired, (long long)md->hold, (long long)md->adjust,
           (long long)total);
    /* the run must have exercised the rules, not refused everything */
    assert_true(by_status[S_CONFIRMED] > 50);
    assert_true(by_status[S_EXPIRED] > 10);
    int pb = 0, held = 0, approved = 0, proxies = 0, refunded = 0;
    for (int k = 1; k <= md->nreq; k++) {
        refunded += md->r[k].refunded > 0;
        pb += md->r[k].pb && md->r[k].payer < 0;
        held += md->r[k].held_m > 0;
        approved += md->r[k].approved && md->r[k].status == S_CONFIRMED;
        proxies += md->r[k].proxy;
    }
    printf("property: 首存日: %d services doubled, %d take-backs (refunds, 撤销代录)\n", md->bonuses, md->bonus_backs);
    printf("property: %d pieces given back with their own dates (lot_uses), %d of them already past it (expired at "
           "once)\n", md->restored, md->restored_expired);
    assert_true(md->bonuses > 20); /* take-backs are rarer (a refund or 撤销代录 of a doubled order): finance_test has each */
    printf("property: %d no-shows, %d bans on accepting; %d paid by the fund, %d held past its budget, %d approved; "
           "%d 代录, %d undone; %d services refunded after a complaint (out of earned, as the undone)\n", md->no_shows,
           md->bans, pb, held, approved, proxies, md->reversals, refunded);
    assert_true(pb > 5 && held > 0 && approved > 0 && proxies > 10 && md->reversals > 0 && refunded > 0);
    int childcare = 0, vetted = 0;
    for (int k = 1; k <= md->nreq; k++)
        if (md->r[k].childcare) {
            childcare++;
            vetted += md->r[k].volunteer >= 0 || md->r[k].status == S_CONFIRMED;
        }
    printf("property: %d 托管 requests, %d of them taken by a certified adult of 25; %d birthday gifts\n", childcare,
           vetted, md->birthday_gifts);
    assert_true(childcare > 20 && vetted > 0);
    assert_true(md->no_shows > 10);
    assert_true(md->bans > 0);
    assert_true(md->expired > 0);
    assert_true(md->fund > 0);
    printf("property: %d redemptions (%lld minutes), %d wrong codes, %d refused while the clerk was stopped, "
           "%d 商家缴费; owed %lld fen, paid %lld\n", md->redemptions, (long long)md->shop_minutes, md->nwrong,
           md->locked, md->settles, (long long)md->shop_owed, (long long)md->shop_bank);
    /* a floor on what the seed exercises (18 since one timer at a time and 代录 within her limit changed the walk) */
    assert_true(md->redemptions > 15 && md->settles > 0 && md->locked > 0);
    int waiting = 0;
    for (int i = 0; i < cash.n; i++)
        waiting += cash.s[i].status == 0;
    printf("property: cash: %d spendings (%d approved by a second approver or the meeting, %d rejected, %d waiting), "
           "%d refused past the bank; bank %lld fen\n", cash.n, cash.approved, cash.rejected, waiting, cash.refused,
           (long long)cash.bank);
    assert_true(cash.approved > 10 && cash.rejected > 10 && cash.refused > 0);
}

static void test_property_ten_thousand_random_operations_agree_with_the_model(void **state)
{
    (void)state;
    struct fixture *f = calloc(1, sizeof *f);
    char err[256];
    tmpdb_path(f->path);
    bot_config_defaults(&f->cfg);
    f->cfg.rules.fund_budget_hours = BUDGET / 60;
    f->cfg.rules.no_show_ban_count = NO_SHOW_BAN_COUNT;
    f->cfg.rules.expiry_days = EXPIRY_DAYS;
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "cli:admin,cli:admin2");
    bot_config_settings(&f->cfg, &f->set);
    f->nplat = bot_platform_facts(&f->cfg, f->plat, BOT_PLATFORMS_MAX);
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    struct nlp_options o = {f->cfg.bot_names, f->cfg.services_file};
    assert_int_equal(nlp_create(&o, &f->nlp, err), BOT_OK);
    assert_int_equal(bot_parse_iso("2026-11-23T08:00:00+08:00", &f->md.now, &(int){0}), BOT_OK);
    /* birthdays: most adults (old enough for 托管), a few young adults (18, not 25), a 14-year-old, one who turns
     * 18 within weeks, and some with none on file */
    static const int born[NM][3] = {{1950, 11, 26}, {1962, 3, 1}, {0, 0, 0}, {1975, 7, 9},   {2004, 5, 20},
                                    {1958, 1, 30},  {0, 0, 0},    {2012, 3, 10}, {1980, 12, 24}, {2008, 12, 20},
                                    {1969, 6, 6},   {0, 0, 0},    {2003, 2, 2},  {1990, 9, 9},  {1945, 4, 4},
                                    {0, 0, 0}};
    char text[160], user[16];
    for (int i = 0; i < NM; i++) {
        snprintf(user, sizeof user, "u%d", i);
        if (born[i][0])
            snprintf(text, sizeof text, "注册 %s %d号楼 生日%d年%d月%d日", names[i], 1 + i % 6, born[i][0], born[i][1],
                     born[i][2]);
        else
            snprintf(text, sizeof text, "注册 %s %d号楼", names[i], 1 + i % 6);
        say(f, user, text);
        f->md.m[i].balance = 0;
        f->md.m[i].next_exp = NEVER; /* no lot yet */
        f->md.m[i].by = born[i][0];
        f->md.m[i].bm = born[i][1];
        f->md.m[i].bd = born[i][2];
    }
    f->md.registered = f->md.now;
    say(f, "admin", "注册 管晓敏 1号楼");
    say(f, "clerk", "注册 钱店员 1号楼");
    say(f, "admin", "添加商家 幸福超市 积分抵3元 单次最高30元 管理费3%");
    say(f, "admin", "商家绑定 幸福超市 钱店员");
    assert_non_null(strstr(f->reply.text, "已绑定"));
    f->md.shop_seed = 16;
    say(f, "admin2", "注册 钱会计 1号楼"); /* a second staff member: spending approvals (issue 16) */
    /* a fixed seed, so that a failure replays; PROP_SEED tries others */
    const char *seed = getenv("PROP_SEED");
    srandom(seed ? (unsigned)strtoul(seed, NULL, 10) : 20261202); /* 20261123's walk (changed by helper P's rules:
                                                                     * a banned volunteer's 代录, a fund-held one
                                                                     * lapsing) let no lot reach its expiry; so did
                                                                     * 20261201's once the no-show question waited
                                                                     * out the quiet hours (play-test 16) */
    run(f);
    store_close(f->st);
    nlp_free(f->nlp);
    tmpdb_remove(f->path);
    free(f);
}

/* ---- money: fees, dividends and conversions (issue 16) ---- */

static int64_t cash_of(struct fixture *f, const char *name)
{
    struct store_cash_account a;
    enum bot_rc rc = store_cash_account_by_name(f->st, name, &a);
    if (rc == BOT_NOTFOUND)
        return 0;
    assert_int_equal(rc, BOT_OK);
    return a.balance_fen;
}

static void money_audit(struct fixture *f, int op)
{
    char report[1024];
    int broken = -1;
    assert_int_equal(store_audit(f->st, NULL, report, sizeof report, &broken), BOT_OK);
    if (broken)
        fail_msg("after money op %d (%s): %s", op, last_text, report);
}

/* Random 收会费 (some at a wrong price, some by a resident), 分红核算 / 分红确认 of last year (some past the bank),
 * 分红换积分 and clock steps: the bank, the fund's cash, every member's cash and hours agree with a model that
 * only adds up what each step moves, and both ledgers' audits stay clean. */
static void test_property_fees_dividends_and_conversions_keep_both_ledgers(void **state)
{
    (void)state;
    struct fixture *f = calloc(1, sizeof *f);
    char err[256], text[160], user[16], acct[32];
    tmpdb_path(f->path);
    bot_config_defaults(&f->cfg);
    snprintf(f->cfg.admins, sizeof f->cfg.admins, "cli:admin");
    bot_config_settings(&f->cfg, &f->set);
    f->nplat = bot_platform_facts(&f->cfg, f->plat, BOT_PLATFORMS_MAX);
    assert_int_equal(store_open(f->path, "NORMAL", &f->st, err), BOT_OK);
    struct nlp_options o = {f->cfg.bot_names, f->cfg.services_file};
    assert_int_equal(nlp_create(&o, &f->nlp, err), BOT_OK);
    assert_int_equal(bot_parse_iso("2025-03-01T10:00:00+08:00", &f->md.now, &(int){0}), BOT_OK);
    enum { N = 8 };
    int64_t until[N] = {0}, cash[N] = {0}, hours[N] = {0}, bank = 0, fund = 0, fee_at[N] = {0};
    int tier_co[N] = {0}; /* the tier in force (1 共创会员) while until[i] is ahead */
    int paid_years[2200 - 2000] = {0};
    for (int i = 0; i < N; i++) {
        snprintf(user, sizeof user, "u%d", i);
        snprintf(text, sizeof text, "注册 %s 3号楼", names[i]);
        say(f, user, text);
    }
    say(f, "admin", "注册 管晓敏 1号楼");
    const char *seed = getenv("PROP_SEED");
    srandom(seed ? (unsigned)strtoul(seed, NULL, 10) : 20261129);
    int fees = 0, dividends = 0, conversions = 0, refused = 0;
    for (int op = 1; op <= 600; op++) {
        int kind = (int)(random() % 100), i = (int)(random() % N);
        const char *reply;
        if (kind < 40) { /* a fee: 体验会员 (voucher) or 共创会员 (dividends), now and then at a wrong price */
            int co = random() % 2, wrong = random() % 10 == 0, resident = random() % 20 == 0;
            int64_t price = co ? 100000 : 10000;
            snprintf(text, sizeof text, "收会费 %s %s %lld元 %s", names[i], co ? "共创会员" : "体验会员",
                     (long long)(price / 100 + (wrong ? 1 : 0)), random() % 2 ? "现金" : "线上");
            say(f, resident ? "u0" : "admin", text);
            reply = f->reply.text;
            /* refused too: another tier while one is in force, and the same fee again within 10 minutes */
            int other = until[i] > f->md.now && tier_co[i] != co;
            int twin = fee_at[i] && f->md.now - fee_at[i] < 600 && tier_co[i] == co;
            if (wrong || resident || other || twin) {
                assert_null(strstr(reply, "已登记"));
                refused++;
            } else {
                fee_at[i] = f->md.now;
                tier_co[i] = co;
                assert_non_null(strstr(reply, "已登记"));
                int64_t from = until[i] > f->md.now ? until[i] : f->md.now;
                until[i] = from + 365 * 86400;
                bank += price;
                fees++;
            }
        } else if (kind < 55) { /* last year's dividends, computed then confirmed */
            int y, m, d;
            bot_civil_from_days(bot_local_day(f->md.now, 8 * 3600), &y, &m, &d);
            int year = y - 1;
            int64_t profit = 1 + random() % (bank + 2000 > 0 ? bank + 2000 : 1);
            snprintf(text, sizeof text, "分红核算 %d 净利润 %lld.%02lld元", year, (long long)(profit / 100),
                     (long long)(profit % 100));
            say(f, "admin", text);
            int drafted = strstr(f->reply.text, "分红确认") != NULL;
            snprintf(text, sizeof text, "分红确认 %d", year);
            say(f, "admin", text);
            reply = f->reply.text;
            if (!drafted || paid_years[year - 2000]) {
                assert_null(strstr(reply, "已发放："));
                refused++;
            } else if (profit > bank) {
                assert_non_null(strstr(reply, "没有发放"));
                refused++;
            } else {
                assert_non_null(strstr(reply, "已发放"));
                struct store_dividend dv;
                assert_int_equal(store_dividend_get(f->st, year, &dv), BOT_OK);
                assert_int_equal(dv.members_fen + dv.founders_fen + dv.fund_fen + dv.board_fen, profit);
                bank -= profit;
                fund += dv.fund_fen;
                struct store_dividend_share sh[N];
                int n = 0;
                int64_t sum = 0;
                assert_int_equal(store_dividend_shares(f->st, year, sh, N, &n), BOT_OK);
                for (int k = 0; k < n; k++) {
                    sum += sh[k].fen;
                    for (int j = 0; j < N; j++)
                        if (!strcmp(sh[k].name, names[j]))
                            cash[j] += sh[k].fen;
                }
                assert_int_equal(sum, dv.members_fen);
                paid_years[year - 2000] = 1;
                dividends++;
            }
        } else if (kind < 75) { /* a share into hours: an amount, or all of it */
            int64_t want = random() % 2 ? 0 : 100 * (1 + random() % 200);
            if (want)
                snprintf(text, sizeof text, "分红换积分 %lld元", (long long)(want / 100));
            else
                snprintf(text, sizeof text, "分红换积分 全部");
            snprintf(user, sizeof user, "u%d", i);
            say(f, user, text);
            int64_t asked = want ? want : cash[i];
            int64_t per = (int64_t)f->set.rules.dividend_yuan_per_hour * 100;
            int64_t minutes = asked * 2 / per * 30; /* in half hours */
            if (cash[i] <= 0 || asked > cash[i] || minutes < 30) {
                assert_null(strstr(f->reply.text, "换成"));
                refused++;
            } else {
                assert_non_null(strstr(f->reply.text, "换成"));
                int64_t fen = (minutes * per + 59) / 60;
                cash[i] -= fen;
                fund += fen;
                hours[i] += minutes;
                conversions++;
            }
        } else { /* days to months pass */
            f->md.now += (int64_t)(1 + random() % 90) * 86400;
        }
        assert_int_equal(cash_of(f, "bank"), bank);
        assert_int_equal(cash_of(f, "fund"), fund);
        if (op % 50 == 0 || op == 600) {
            for (int j = 0; j < N; j++) {
                struct store_member m;
                snprintf(user, sizeof user, "u%d", j);
                assert_int_equal(store_member_by_identity(f->st, "cli", user, &m), BOT_OK);
                snprintf(acct, sizeof acct, "member:%lld", (long long)m.id);
                assert_int_equal(cash_of(f, acct), cash[j]);
                snprintf(acct, sizeof acct, "cli:u%d", j);
                assert_int_equal(store_balance(f, acct), hours[j]);
            }
            money_audit(f, op);
        }
    }
    printf("property (money): %d fees, %d dividends paid, %d conversions, %d refused\n", fees, dividends, conversions,
           refused);
    assert_true(fees > 50 && dividends > 0 && conversions > 5 && refused > 10);
    store_close(f->st);
    nlp_free(f->nlp);
    tmpdb_remove(f->path);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_property_ten_thousand_random_operations_agree_with_the_model),
        cmocka_unit_test(test_property_fees_dividends_and_conversions_keep_both_ledgers),
    };
    return cmocka_run_group_tests_name("property", tests, NULL, NULL);
}
