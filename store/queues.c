/* queues.c — the inbox (de-duplication), the outbox (pushes), job claims and the chats bound to buildings. */
#include "store_int.h"

#define QUEUE_SQL(X)                                                                          \
    X(Q_OUTBOX_LAST_ID, "SELECT coalesce(max(id), 0) FROM outbox")                            \
    X(Q_INBOX_GET,                                                                            \
      "SELECT reply FROM inbox WHERE platform = ?1 AND chat_id = ?2 AND user_id = ?3 AND message_id = ?4") \
    X(Q_INBOX_PUT,                                                                            \
      "INSERT INTO inbox(platform, chat_id, user_id, message_id, reply, at) VALUES (?1,?2,?3,?4,?5,?6)") \
    X(Q_INBOX_PRUNE,                                                                          \
      "DELETE FROM inbox WHERE (platform, chat_id, user_id, message_id) IN "              \
      "(SELECT platform, chat_id, user_id, message_id FROM inbox WHERE at < ?1 LIMIT ?2)")    \
    X(Q_OUTBOX_ADD,                                                                           \
      "INSERT INTO outbox(job, platform, chat_id, user_id, text, created_at, next_at, dest, subject, subject_start) " \
      "VALUES (?1,?2,?3,?4,?5,?6,?7," STORE_OUTBOX_DEST("?2", "?3", "?4") ",?8,"                \
      "(SELECT coalesce(r.start_at, 0) FROM requests r WHERE r.id = ?8))")                     \
    X(Q_BIND_SET,                                                                             \
      "INSERT INTO chat_bindings(platform, chat_id, building, bound_by, at) VALUES (?1,?2,?3,?4,?5) " \
      "ON CONFLICT(platform, chat_id) DO UPDATE SET building = excluded.building, "            \
      "bound_by = excluded.bound_by, at = excluded.at")                                        \
    X(Q_BIND_CONFIG_CLEAR, "DELETE FROM chat_bindings WHERE platform = ?1 AND bound_by IS NULL") \
    X(Q_BIND_OF_BUILDING, "SELECT platform, chat_id FROM chat_bindings WHERE building = ?1 ORDER BY at") \
    /* the scan (store_outbox_due): pending rows in the order of their destination (dest: platform|chat|user, v35), \
     * then by due time, after destination ?1; ?2 index entries at a time; the rows it picks, each by its id */ \
    X(Q_OUTBOX_AFTER,                                                                         \
      "SELECT id, dest, next_at, coalesce(sent_at, 0) FROM outbox INDEXED BY outbox_dest "     \
      "WHERE status = 'pending' AND dest > ?1 ORDER BY dest, next_at, id LIMIT ?2")            \
    /* stale (column 7, enum store_outbox_stale): about an order (v36) no longer open or begun by ?2, or moved to    \
     * another start than the one it told (v40; NULL: queued before v40, not known) */          \
    X(Q_OUTBOX_ROW,                                                                           \
      "SELECT id, job, platform, coalesce(chat_id,''), coalesce(user_id,''), text, attempts, " \
      "CASE WHEN subject IS NULL THEN 0 WHEN NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = outbox.subject " \
      "AND r.status = 'open' AND (r.start_at IS NULL OR r.start_at > ?2)) THEN 1 "             \
      "WHEN subject_start IS NOT NULL AND subject_start <> (SELECT coalesce(r.start_at, 0) FROM requests r " \
      "WHERE r.id = outbox.subject) THEN 2 ELSE 0 END "                                       \
      "FROM outbox WHERE id = ?1")                                                             \
    X(Q_OUTBOX_STATS,                                                                         \
      "SELECT (SELECT count(*) FROM outbox INDEXED BY outbox_status WHERE status = 'pending'), " \
      "(SELECT count(*) FROM outbox INDEXED BY outbox_status WHERE status = 'dead'), "        \
      "(SELECT min(created_at) FROM outbox INDEXED BY outbox_status WHERE status = 'pending'), " \
      "(SELECT count(*) FROM outbox INDEXED BY outbox_status WHERE status = 'dropped')")     \
    X(Q_OUTBOX_PENDING_UPTO,                                                                  \
      "SELECT count(*) FROM (SELECT 1 FROM outbox INDEXED BY outbox_status WHERE status = 'pending' LIMIT ?1) AS t") \
    X(Q_OUTBOX_SENT, "UPDATE outbox SET status = 'sent', sent_at = ?2, attempts = attempts + 1 WHERE id = ?1") \
    /* sent_at = NULL: a claim ends (PostgreSQL; always NULL on sqlite) */                    \
    X(Q_OUTBOX_RETRY,                                                                         \
      "UPDATE outbox SET attempts = attempts + 1, next_at = ?2, last_error = ?3, sent_at = NULL WHERE id = ?1") \
    X(Q_OUTBOX_DEAD,                                                                          \
      "UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?2, sent_at = NULL WHERE id = ?1") \
    /* a notice told by a push (v48): delivered when the push is sent, waiting again when it is dead (how 'refused': \
     * the member's pushes do not reach her, so her 楼长's digest passes it on) */ \
    X(Q_OUTBOX_NOTICE_SENT, "UPDATE notices SET delivered_at = ?2 WHERE outbox_id = ?1 AND how = 'push'") \
    X(Q_OUTBOX_NOTICE_DEAD,                                                                   \
      "UPDATE notices SET delivered_at = NULL, how = 'refused' WHERE outbox_id = ?1 AND how = 'push'") \
    X(Q_OUTBOX_REACHED,                                                                       \
      "SELECT count(*) FROM (SELECT 1 FROM outbox WHERE platform = ?1 AND user_id = ?2 AND chat_id IS NULL " \
      "AND status = 'sent' LIMIT 1) AS t")                                                    \
    X(Q_OUTBOX_DROPPED,                                                                       \
      "UPDATE outbox SET status = 'dropped', last_error = ?2, sent_at = NULL WHERE id = ?1 AND status = 'pending'") \
    X(Q_OUTBOX_LIST,                                                                          \
      "SELECT id, job, platform, coalesce(chat_id,''), coalesce(user_id,''), text, attempts, status, " \
      "next_at, coalesce(last_error,'') FROM outbox WHERE status IN ('pending','dead') ORDER BY id") \
    X(Q_OUTBOX_SINCE,                                                                         \
      "SELECT id, job, platform, coalesce(chat_id,''), coalesce(user_id,''), text, attempts, status, " \
      "next_at, coalesce(last_error,'') FROM outbox WHERE id > ?1 ORDER BY id")               \
    /* the pending pushes about order ?1 that told another start than its own now (v40): a move outdated them */ \
    X(Q_OUTBOX_MOVED,                                                                         \
      "SELECT o.id, o.job, o.platform, coalesce(o.chat_id,''), coalesce(o.user_id,'') FROM outbox o "   \
      "JOIN requests r ON r.id = o.subject WHERE o.subject = ?1 AND o.status = 'pending' "      \
      "AND o.subject_start IS NOT NULL AND o.subject_start <> coalesce(r.start_at, 0) ORDER BY o.id LIMIT ?2") \
    /* the unique key (job, subject, period) decides: the one whose insert counts runs the job */        \
    X(Q_JOB_CLAIM,                                                                            \
      "INSERT INTO job_runs(job, subject, period, at) VALUES (?1,?2,?3,?4) ON CONFLICT DO NOTHING") \
    X(Q_JOB_TOUCH, "UPDATE job_runs SET at = ?4 WHERE job = ?1 AND subject = ?2 AND period = ?3")  \
    X(Q_JOB_UNCLAIM, "DELETE FROM job_runs WHERE job = ?1 AND subject = ?2")                  \
    X(Q_JOB_DONE, "SELECT at FROM job_runs WHERE job = ?1 AND subject = ?2 AND period = ?3")  \
    /* a chat bot.ini binds (bound_by NULL: a robot, one chat whatever its buildings) once, under its first building */ \
    X(Q_ALL_CHATS, "SELECT platform, chat_id, building FROM chat_bindings b WHERE b.bound_by IS NOT NULL OR b.chat_id = " \
      "(SELECT min(c.chat_id) FROM chat_bindings c WHERE c.platform = b.platform AND c.bound_by IS NULL) " \
      "ORDER BY building, at") \
    /* a row taken for sending (PostgreSQL, several processes): while pending, sent_at holds the claim's end    \
     * (NULL: not claimed); the row lock and the re-checked WHERE let one process win; a claim past its end  \
     * (the process killed mid-send) is taken again */                                        \
    X(Q_OUTBOX_CLAIM,                                                                         \
      "UPDATE outbox SET sent_at = ?3 WHERE id = ?1 AND status = 'pending' AND next_at <= ?2 " \
      "AND (sent_at IS NULL OR sent_at <= ?2)")

STORE_SQL_STATEMENTS(STORE_PART_QUEUES, QUEUE_SQL)

static void bind_key(struct sql_stmt *s, const struct store_msg_key *k)
{
    sql_bind_text(s, 1, k->platform);
    sql_bind_text(s, 2, k->chat_id ? k->chat_id : "");
    sql_bind_text(s, 3, k->user_id ? k->user_id : "");
    sql_bind_text(s, 4, k->message_id);
}

enum bot_rc store_inbox_get(struct store *st, const struct store_msg_key *k, char *reply, size_t replysz,
                            int *has_reply)
{
    struct sql_stmt *s = q(st, Q_INBOX_GET);
    if (!s)
        return BOT_DB;
    bind_key(s, k);
    int rc = sql_step(s);
    enum bot_rc r = BOT_NOTFOUND;
    if (rc == SQL_ROW) {
        *has_reply = !sql_column_null(s, 0);
        bot_strlcpy(reply, *has_reply ? sql_column_text(s, 0) : "", replysz);
        r = BOT_OK;
    } else if (rc != SQL_DONE) {
        r = BOT_DB;
    }
    sql_reset(s);
    return r;
}

enum bot_rc store_inbox_put(struct store *st, const struct store_msg_key *k, const char *reply, int64_t now)
{
    struct sql_stmt *s = q(st, Q_INBOX_PUT);
    if (!s)
        return BOT_DB;
    bind_key(s, k);
    if (reply)
        sql_bind_text(s, 5, reply);
    sql_bind_int64(s, 6, now);
    return sql_done(s);
}

enum bot_rc store_inbox_prune(struct store *st, int64_t before, int max, int *deleted)
{
    struct sql_stmt *s = q(st, Q_INBOX_PRUNE);
    *deleted = 0;
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, before);
    sql_bind_int64(s, 2, max);
    return sql_count(s, deleted);
}

enum bot_rc store_outbox_add(struct store *st, const char *job, const char *platform,
                             const char *chat_id, const char *user_id, const char *text,
                             int64_t now, int64_t not_before)
{
    return store_outbox_add_about(st, job, platform, chat_id, user_id, text, now, not_before, 0);
}

enum bot_rc store_outbox_add_about(struct store *st, const char *job, const char *platform, const char *chat_id,
                                   const char *user_id, const char *text, int64_t now, int64_t not_before,
                                   int64_t request)
{
    struct sql_stmt *s = q(st, Q_OUTBOX_ADD);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, job);
    sql_bind_text(s, 2, platform);
    bind_text_or_null(s, 3, chat_id);
    bind_text_or_null(s, 4, user_id);
    sql_bind_text(s, 5, text);
    sql_bind_int64(s, 6, now);
    sql_bind_int64(s, 7, not_before > now ? not_before : now);
    if (request > 0)
        sql_bind_int64(s, 8, request);
    return sql_done(s);
}

static void read_outbox(struct sql_stmt *s, struct store_outbox *o, int full)
{
    memset(o, 0, sizeof *o);
    o->id = sql_column_int64(s, 0);
    col_text(s, 1, o->job, sizeof o->job);
    col_text(s, 2, o->platform, sizeof o->platform);
    col_text(s, 3, o->chat_id, sizeof o->chat_id);
    col_text(s, 4, o->user_id, sizeof o->user_id);
    col_text(s, 5, o->text, sizeof o->text);
    o->attempts = sql_column_int64(s, 6);
    if (full) {
        col_text(s, 7, o->status, sizeof o->status);
        o->next_at = sql_column_int64(s, 8);
        col_text(s, 9, o->last_error, sizeof o->last_error);
    } else {
        bot_strlcpy(o->status, "pending", sizeof o->status);
    }
}

static enum bot_rc read_outbox_row(struct sql_stmt *s, void *out)
{
    struct store_outbox *o = out;
    read_outbox(s, o, 0);
    o->stale = (int)sql_column_int64(s, 7);
    return BOT_OK;
}

#define DUE_BATCH 64      /* index entries one statement of the scan reads */
#define DUE_READ_MAX 8192 /* index entries one scan reads at most */

/* A row the scan picked: its place in its destination's order (1 = the oldest due) and when it came due. */
struct due_pick {
    int64_t id, next_at;
    int rn;
};

static int due_pick_cmp(const void *a, const void *b)
{
    const struct due_pick *x = a, *y = b;
    if (x->rn != y->rn)
        return x->rn - y->rn;
    if (x->next_at != y->next_at)
        return x->next_at < y->next_at ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int listed(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return 1;
    return 0;
}

/* The scan walks the pending rows in the order of their destination from the one after cursor, wrapping around, up
 * to max destinations and DUE_READ_MAX index entries; from each the oldest due rows not in flight (skip), at most
 * per_dest, a live claim (PostgreSQL, another process's send) keeping its place. The picks go out in round-robin
 * order: every destination's oldest, then every one's second, .... The cursor moves to the last destination seen,
 * so a backlog of more destinations than one scan sees is served in turn, and a scan costs the rows it reads, not
 * the whole backlog (the window function it replaces read every pending row each time: 30,000 behind a city's
 * posts, 30% of the CPU). */
enum bot_rc store_outbox_due(struct store *st, int64_t now, const int64_t *skip, int nskip, int per_dest,
                             char cursor[STORE_OUTBOX_DEST_MAX], struct store_outbox *out, int max, int *n)
{
    *n = 0;
    if (max <= 0 || per_dest <= 0)
        return BOT_OK;
    struct due_pick *picks = malloc(sizeof *picks * (size_t)max * (size_t)per_dest);
    if (!picks)
        return BOT_NOMEM;
    char start[STORE_OUTBOX_DEST_MAX], after[STORE_OUTBOX_DEST_MAX], cur[STORE_OUTBOX_DEST_MAX] = "",
        dest[STORE_OUTBOX_DEST_MAX];
    bot_strlcpy(start, cursor, sizeof start);
    bot_strlcpy(after, cursor, sizeof after);
    int npicks = 0, dests = 0, taken = 0, read = 0, wrapped = 0, done = 0;
    enum bot_rc rc = BOT_OK;
    while (!done && rc == BOT_OK) {
        struct sql_stmt *s = q(st, Q_OUTBOX_AFTER);
        if (!s) {
            rc = BOT_DB;
            break;
        }
        sql_bind_text(s, 1, after);
        sql_bind_int64(s, 2, DUE_BATCH);
        int got = 0, step;
        while (!done && (step = sql_step(s)) == SQL_ROW) {
            got++;
            read++;
            col_text(s, 1, dest, sizeof dest);
            if (wrapped && strcmp(dest, start) > 0) { /* round the circle: seen in the first pass */
                done = 1;
                break;
            }
            bot_strlcpy(after, dest, sizeof after);
            if (strcmp(dest, cur) != 0 || !dests) {
                if (dests == max) {
                    done = 1;
                    break;
                }
                dests++;
                bot_strlcpy(cur, dest, sizeof cur);
                taken = 0;
            }
            int64_t id = sql_column_int64(s, 0), next_at = sql_column_int64(s, 2), claim = sql_column_int64(s, 3);
            if (taken >= per_dest || next_at > now || listed(skip, nskip, id))
                continue;
            taken++; /* a live claim holds its place in the destination's order, and is not picked */
            if (claim <= now)
                picks[npicks++] = (struct due_pick){id, next_at, taken};
        }
        if (!done && step != SQL_DONE && step != SQL_ROW)
            rc = BOT_DB;
        sql_reset(s);
        if (done || rc != BOT_OK)
            break;
        if (read >= DUE_READ_MAX)
            break;
        if (got < DUE_BATCH) { /* the end of the order: on from its beginning, once */
            if (wrapped || !start[0])
                break;
            wrapped = 1;
            after[0] = '\0';
        }
        /* else the next batch starts past the last destination read (its rows past the batch wait a scan) */
    }
    bot_strlcpy(cursor, cur, STORE_OUTBOX_DEST_MAX);
    qsort(picks, (size_t)npicks, sizeof *picks, due_pick_cmp);
    for (int i = 0; i < npicks && *n < max && rc == BOT_OK; i++) {
        struct sql_stmt *s = q(st, Q_OUTBOX_ROW);
        if (!s) {
            rc = BOT_DB;
            break;
        }
        sql_bind_int64(s, 1, picks[i].id);
        sql_bind_int64(s, 2, now);
        rc = sql_row(s, read_outbox_row, &out[*n]);
        if (rc == BOT_OK)
            (*n)++;
        else if (rc == BOT_NOTFOUND)
            rc = BOT_OK;
    }
    free(picks);
    return rc;
}

static enum bot_rc read_moved(struct sql_stmt *s, void *out)
{
    struct store_push_dest *d = out;
    memset(d, 0, sizeof *d);
    d->id = sql_column_int64(s, 0);
    col_text(s, 1, d->job, sizeof d->job);
    col_text(s, 2, d->platform, sizeof d->platform);
    col_text(s, 3, d->chat_id, sizeof d->chat_id);
    col_text(s, 4, d->user_id, sizeof d->user_id);
    return BOT_OK;
}

enum bot_rc store_outbox_drop_moved(struct store *st, int64_t request, struct store_push_dest *out, int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_OUTBOX_MOVED);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, request);
    sql_bind_int64(s, 2, max);
    enum bot_rc rc = sql_rows(s, read_moved, out, sizeof *out, max, n);
    for (int i = 0; i < *n && rc == BOT_OK; i++)
        rc = store_outbox_mark(st, out[i].id, STORE_OUTBOX_DROPPED, 0, STORE_OUTBOX_WHY_MOVED);
    return rc;
}

enum bot_rc store_outbox_mark(struct store *st, int64_t id, enum store_outbox_result result, int64_t when,
                              const char *error)
{
    struct sql_stmt *s = q(st, result == STORE_OUTBOX_SENT    ? Q_OUTBOX_SENT
                            : result == STORE_OUTBOX_RETRY   ? Q_OUTBOX_RETRY
                            : result == STORE_OUTBOX_DROPPED ? Q_OUTBOX_DROPPED
                                                             : Q_OUTBOX_DEAD);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    if (result == STORE_OUTBOX_DEAD || result == STORE_OUTBOX_DROPPED) {
        sql_bind_text(s, 2, error ? error : "");
    } else {
        sql_bind_int64(s, 2, when);
        if (result == STORE_OUTBOX_RETRY)
            sql_bind_text(s, 3, error ? error : "");
    }
    enum bot_rc rc = sql_done(s);
    if (rc != BOT_OK || (result != STORE_OUTBOX_SENT && result != STORE_OUTBOX_DEAD))
        return rc;
    /* the notices this push told: delivered now, or waiting again for her next private reply and her 楼长's digest */
    if (!(s = q(st, result == STORE_OUTBOX_SENT ? Q_OUTBOX_NOTICE_SENT : Q_OUTBOX_NOTICE_DEAD)))
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    if (result == STORE_OUTBOX_SENT)
        sql_bind_int64(s, 2, when);
    return sql_done(s);
}

enum bot_rc store_outbox_reached(struct store *st, const char *platform, const char *user_id, int *yes)
{
    int64_t v = 0;
    *yes = 0;
    struct sql_stmt *s = q(st, Q_OUTBOX_REACHED);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, user_id);
    enum bot_rc rc = sql_int64(s, &v);
    *yes = v != 0;
    return rc;
}

enum bot_rc store_outbox_claim(struct store *st, int64_t id, int64_t now, int64_t until)
{
    if (!st->pg)
        return BOT_OK; /* one process sends: its in-flight list is the claim */
    struct sql_stmt *s = q(st, Q_OUTBOX_CLAIM);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, id);
    sql_bind_int64(s, 2, now);
    sql_bind_int64(s, 3, until);
    return sql_changed(s);
}

enum bot_rc store_outbox_each(struct store *st, int64_t after_id, int all,
                              void (*fn)(const struct store_outbox *, void *), void *arg)
{
    struct sql_stmt *s = q(st, all ? Q_OUTBOX_SINCE : Q_OUTBOX_LIST);
    if (!s)
        return BOT_DB;
    if (all)
        sql_bind_int64(s, 1, after_id);
    struct store_outbox o;
    int rc;
    while ((rc = sql_step(s)) == SQL_ROW) {
        read_outbox(s, &o, 1);
        fn(&o, arg);
    }
    sql_reset(s);
    return rc == SQL_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_outbox_stats(struct store *st, int64_t now, struct store_outbox_stats *out)
{
    memset(out, 0, sizeof *out);
    struct sql_stmt *s = q(st, Q_OUTBOX_STATS);
    if (!s)
        return BOT_DB;
    int rc = sql_step(s);
    if (rc == SQL_ROW) {
        out->pending = sql_column_int64(s, 0);
        out->dead = sql_column_int64(s, 1);
        out->dropped = sql_column_int64(s, 3);
        if (!sql_column_null(s, 2)) {
            int64_t oldest = sql_column_int64(s, 2);
            out->oldest_pending_age = now > oldest ? now - oldest : 0;
        }
    }
    sql_reset(s);
    return rc == SQL_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_outbox_pending_at_least(struct store *st, int64_t limit, int *reached)
{
    *reached = 0;
    struct sql_stmt *s = q(st, Q_OUTBOX_PENDING_UPTO);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, limit);
    int64_t upto;
    enum bot_rc rc = sql_int64(s, &upto);
    *reached = rc == BOT_OK && upto >= limit;
    return rc;
}

int64_t store_outbox_last_id(struct store *st)
{
    struct sql_stmt *s = q(st, Q_OUTBOX_LAST_ID);
    int64_t id = 0;
    if (s && sql_int64(s, &id) != BOT_OK)
        id = 0;
    return id;
}

enum bot_rc store_job_claimed_at(struct store *st, const char *job, const char *subject, const char *period,
                                 int64_t *at)
{
    *at = 0;
    struct sql_stmt *s = q(st, Q_JOB_DONE);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, job);
    sql_bind_text(s, 2, subject);
    sql_bind_text(s, 3, period);
    int n = 0;
    enum bot_rc rc = sql_rows(s, store_read_id, at, sizeof *at, 1, &n);
    return rc == BOT_OK && n == 0 ? BOT_NOTFOUND : rc;
}

/* Q_JOB_CLAIM or Q_JOB_TOUCH bound to (job, subject, period, now). */
static enum bot_rc job_row(struct store *st, int which, const char *job, const char *subject, const char *period,
                           int64_t now)
{
    struct sql_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, job);
    sql_bind_text(s, 2, subject);
    sql_bind_text(s, 3, period);
    sql_bind_int64(s, 4, now);
    return sql_changed(s);
}

enum bot_rc store_job_claim(struct store *st, const char *job, const char *subject, const char *period, int64_t now)
{
    return job_row(st, Q_JOB_CLAIM, job, subject, period, now);
}

enum bot_rc store_job_unclaim(struct store *st, const char *job, const char *subject)
{
    struct sql_stmt *s = q(st, Q_JOB_UNCLAIM);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, job);
    sql_bind_text(s, 2, subject);
    return sql_done(s);
}

enum bot_rc store_job_mark(struct store *st, const char *job, const char *subject, const char *period, int64_t now)
{
    enum bot_rc rc = job_row(st, Q_JOB_CLAIM, job, subject, period, now);
    if (rc != BOT_DUP)
        return rc;
    rc = job_row(st, Q_JOB_TOUCH, job, subject, period, now);
    return rc == BOT_OK ? BOT_DUP : rc;
}

enum bot_rc store_bind_chat(struct store *st, const char *platform, const char *chat_id, const char *building,
                            int64_t by, int64_t now)
{
    struct sql_stmt *s = q(st, Q_BIND_SET);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, platform);
    sql_bind_text(s, 2, chat_id);
    sql_bind_text(s, 3, building);
    sql_bind_int64(s, 4, by);
    sql_bind_int64(s, 5, now);
    return sql_done(s);
}

enum bot_rc store_bind_configured(struct store *st, const char *platform, const char *buildings, int64_t now)
{
    enum bot_rc rc = store_begin(st);
    if (rc != BOT_OK)
        return rc;
    struct sql_stmt *s = q(st, Q_BIND_CONFIG_CLEAR);
    if (!s) {
        store_rollback(st);
        return BOT_DB;
    }
    sql_bind_text(s, 1, platform);
    rc = sql_done(s);
    for (const char *p = buildings; rc == BOT_OK && p && *p;) {
        size_t n = strcspn(p, ",");
        char b[STORE_BUILDING_MAX];
        const char *a = p, *e = p + n;
        while (a < e && *a == ' ')
            a++;
        while (e > a && e[-1] == ' ')
            e--;
        if (e > a && (size_t)(e - a) < sizeof b) {
            memcpy(b, a, (size_t)(e - a));
            b[e - a] = '\0';
            if (!(s = q(st, Q_BIND_SET))) {
                rc = BOT_DB;
                break;
            }
            sql_bind_text(s, 1, platform);
            sql_bind_text(s, 2, b);
            sql_bind_text(s, 3, b);
            sql_bind_null(s, 4);
            sql_bind_int64(s, 5, now);
            rc = sql_done(s);
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (rc != BOT_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st);
}

/* A (platform, chat_id) row. */
static enum bot_rc read_chat(struct sql_stmt *s, void *out)
{
    struct store_chat *c = out;
    col_text(s, 0, c->platform, sizeof c->platform);
    col_text(s, 1, c->chat_id, sizeof c->chat_id);
    return BOT_OK;
}

enum bot_rc store_chats_of_building(struct store *st, const char *building, struct store_chat *out, int max,
                                    int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_BIND_OF_BUILDING);
    if (!s)
        return BOT_DB;
    sql_bind_text(s, 1, building);
    return sql_rows(s, read_chat, out, sizeof *out, max, n);
}

enum bot_rc store_all_chats(struct store *st, struct store_chat *out, char (*buildings)[32], int max, int *n)
{
    *n = 0;
    struct sql_stmt *s = q(st, Q_ALL_CHATS);
    if (!s)
        return BOT_DB;
    int rc;
    while ((rc = sql_step(s)) == SQL_ROW && *n < max) {
        (void)read_chat(s, &out[*n]);
        col_text(s, 2, buildings[(*n)++], 32);
    }
    sql_reset(s);
    return rc == SQL_DONE || rc == SQL_ROW ? BOT_OK : BOT_DB;
}
