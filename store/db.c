/* db.c — the store core: open, close, pragmas, each database file's writer lock and group commit, statement cache. */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/stat.h>

/* One database file, shared by every handle open on it (the server opens a
 * pool of handles on one file; a test may open several files). Its writer
 * lock serialises the write transactions of those handles, and its group
 * commit makes their commits durable with one WAL fsync; a commit to one file
 * never waits for, nor counts as synced by, an fsync of another.
 *
 * The writer lock: every write transaction on the file takes it first, so
 * writers never spin in sqlite's busy handler against each other
 * (PERF_NOTES trap 4). It is a ticket lock: writers are served in arrival
 * order, so a job that commits batch after batch cannot starve a webhook
 * waiting between them. Each ticket waits on a condition variable of its
 * own (a slot of WRITER_SLOTS, by ticket number), so a release wakes the next
 * writer only, not every waiter to find it is not its turn (perf: the
 * broadcast's wake-ups were context switches in the lock's hand-over).
 *
 * Group commit. With synchronous=FULL every COMMIT would fsync the WAL while
 * holding the writer lock, so writers queue behind each other's fsyncs. The
 * connections commit as NORMAL instead (WAL frames written, not synced), take
 * a sequence number in WAL order, release the writer lock, and only then wait
 * until one fsync of the WAL covers their commit: one thread syncs for every
 * commit written before its fsync began. store_commit returns only after
 * that, so an acknowledged write is on disk exactly as with FULL.
 *
 * The write connection. Every write transaction on a file on disk runs on one
 * connection of the file's, not on the handle's own: sqlite drops a
 * connection's whole page cache when another connection wrote since its last
 * transaction, so with the handles taking turns each write transaction read
 * every page it touched again from the WAL (perf: pread and the page checks
 * inside the writer lock, a third of the lock's time). The writer lock
 * already serialises write transactions, so one connection serves them all
 * and keeps its cache warm; reads outside a write transaction stay on the
 * handle's own connection. The group fsync still goes through the handle's
 * own connection (its WAL file descriptor; one file, one page cache).
 *
 * Batched transactions. A webhook's write transaction (a handle in store_defer_sync's mode) is a savepoint inside
 * one sqlite transaction of the write connection, which stays open for the next webhook's while another writer
 * waits for the lock (at most BATCH_MAX of them): the batch commits once, so the pages its posts share (the orders'
 * and the inbox's last leaves and their indexes) go into the WAL once, not once a post (perf: 13 WAL frames a post).
 * store_commit returns only once the batch that holds the caller's savepoint has committed (so what it wrote is
 * read by every connection after, as before), or with BOT_DB when that batch's COMMIT failed (every savepoint in it
 * is lost, and each of its callers is told). A rolled-back savepoint leaves the others of the batch alone. Any
 * other writer (a job, the outbox, the console, the checkpointer) commits an open batch before it begins and is
 * never batched itself, so a long job never holds a webhook's answer. */
#define WRITER_SLOTS 64
#define BATCH_MAX 16   /* webhook transactions in one batch at most */
#define FAIL_RING 64   /* the batches whose COMMIT failed, remembered for their waiters (older: told failed) */
struct store_db {
    dev_t dev;              /* the file, as stat() names it */
    ino_t ino;
    int shared;             /* listed in `files` (a file on disk, not a temporary or in-memory one) */
    int refs;               /* handles open on it; under files_mu */
    struct store_db *next;  /* under files_mu */
    pthread_mutex_t writer_mu;
    pthread_cond_t writer_cv[WRITER_SLOTS]; /* ticket t waits on writer_cv[t % WRITER_SLOTS] */
    unsigned long writer_next, writer_serving;
    pthread_mutex_t sync_mu;
    pthread_cond_t sync_cv;
    uint64_t commit_seq;    /* incremented under the writer lock, so in WAL order */
    uint64_t synced_seq;
    int syncing;
    uint64_t wal_syncs;
    struct store *writer;   /* the write connection (a file on disk); used only under the writer lock */
    /* the batch (see Batched transactions): open on the write connection, and its savepoints released; under the
     * writer lock */
    int batch_open, batch_n;
    pthread_cond_t batch_cv;   /* a batch committed or failed; with sync_mu */
    /* the batches whose COMMIT failed: fail_count of them, the k-th numbered fail_at[k % FAIL_RING] (the number the
     * batch would have had, commit_seq + 1); written under both the writer lock and sync_mu */
    uint64_t fail_count, fail_at[FAIL_RING];
    /* the checkpointer: a thread of its own with a connection of its own folds the WAL back into the file (see
     * checkpointer()); the write connection's commits wake it (its WAL hook) once the WAL holds CKPT_FRAMES */
    sqlite3 *ckpt_db;
    pthread_t ckpt_thread;
    int ckpt_running;       /* the thread exists (joined at the last detach) */
    pthread_mutex_t ckpt_mu;
    pthread_cond_t ckpt_cv;
    int ckpt_frames, ckpt_stop; /* under ckpt_mu */
    char *wal_path;         /* its WAL file, which the group fsync syncs through wal_fd (opened on first use) */
    int wal_fd;             /* under syncing */
};

/* the write connection's page cache (each handle's own is 256 KiB, for the RSS goal) */
#define WRITER_CACHE_KIB 1024
/* the WAL frames that wake the checkpointer (sqlite's own automatic checkpoint runs at 1,000) */
#define CKPT_FRAMES 1000
/* frames left after a checkpoint outside the writer lock that are worth another one before the last, under it */
#define CKPT_TAIL 64
/* the most frames the last pass copies under the lock (a heavier tail waits for the next round, outside it) unless
 * the WAL has grown past CKPT_WAL_MAX frames */
#define CKPT_LOCKED_MAX 256
#define CKPT_WAL_MAX (8 * CKPT_FRAMES)

/* The files open in this process. */
static pthread_mutex_t files_mu = PTHREAD_MUTEX_INITIALIZER;
static struct store_db *files;
/* Every file's commits and WAL fsyncs, summed (store_sync_stats). */
static uint64_t process_commits, process_syncs;

/* Once, before sqlite's first use: no memory statistics. sqlite keeps them under one process-wide mutex that every
 * sqlite3_malloc and sqlite3_free takes; the bot never reads them. */
static pthread_once_t lite_once = PTHREAD_ONCE_INIT;
static void lite_configure(void) { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* A sqlite connection to path with the store's pragmas (synchronous=NORMAL: FULL is the group commit). */
static enum bot_rc open_lite(const char *path, int cache_kib, sqlite3 **db, char err[256])
{
    char pragmas[200];
    pthread_once(&lite_once, lite_configure);
    if (sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        snprintf(err, 256, "%s: %s", path, *db ? sqlite3_errmsg(*db) : "cannot open");
        return BOT_DB;
    }
    sqlite3_busy_timeout(*db, 5000);
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
             "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-%d;", cache_kib);
    if (sqlite3_exec(*db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, 256, "%s: cannot set pragmas: %s", path, sqlite3_errmsg(*db));
        return BOT_DB;
    }
    return BOT_OK;
}

/* A handle's statements finalized and its connection closed (not its file's share). */
static void close_lite(struct store *st)
{
    for (int p = 0; p < STORE_PART_COUNT; p++)
        for (int i = 0; i < STORE_PART_MAX; i++)
            sqlite3_finalize(st->stmts[p][i]);
    sqlite3_close(st->db);
}

static void writer_lock(struct store_db *d);
static void writer_unlock(struct store_db *d);
enum batch_end_rc { BATCH_LEFT_OPEN, BATCH_COMMITTED, BATCH_FAILED };
static enum batch_end_rc batch_end(struct store_db *d, int force);

/* The write connection's WAL hook (inside a commit, under the writer lock): wake the checkpointer when the WAL is
 * long enough. It replaces sqlite's automatic checkpoint on that connection. */
static int on_wal_commit(void *arg, sqlite3 *db, const char *name, int frames)
{
    (void)db, (void)name;
    struct store_db *d = arg;
    if (frames >= CKPT_FRAMES) {
        pthread_mutex_lock(&d->ckpt_mu);
        d->ckpt_frames = frames;
        pthread_cond_signal(&d->ckpt_cv);
        pthread_mutex_unlock(&d->ckpt_mu);
    }
    return SQLITE_OK;
}

/* The checkpointer. sqlite's automatic checkpoint ran inside the commit that crossed 1,000 frames, under the writer
 * lock: it copied the frames into the file and synced it while every writer waited (on a city store a sync of the
 * file took up to 0.67 s: the posts' p99). Here the copy and its sync run outside the lock, while writers go on
 * appending, as often as it takes to come within CKPT_TAIL frames of the end; then one more, short (at most
 * CKPT_LOCKED_MAX frames, unless the WAL passed CKPT_WAL_MAX), under the lock, so that no writer appends while it
 * finishes and the next writer starts the WAL over from its beginning (a checkpoint only outside the lock never
 * catches up under a steady load and the WAL grows without end). */
static void *checkpointer(void *arg)
{
    struct store_db *d = arg;
    for (;;) {
        pthread_mutex_lock(&d->ckpt_mu);
        while (!d->ckpt_stop && d->ckpt_frames < CKPT_FRAMES)
            pthread_cond_wait(&d->ckpt_cv, &d->ckpt_mu);
        int stop = d->ckpt_stop;
        d->ckpt_frames = 0;
        pthread_mutex_unlock(&d->ckpt_mu);
        if (stop)
            return NULL;
        int log = 0, done = 0, rc = SQLITE_OK;
        for (int i = 0; i < 4; i++) {
            rc = sqlite3_wal_checkpoint_v2(d->ckpt_db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
            if (rc != SQLITE_OK || log - done <= CKPT_TAIL)
                break;
        }
        if (rc == SQLITE_OK && log - done > CKPT_LOCKED_MAX && log < CKPT_WAL_MAX)
            continue; /* writers append faster than it copies (an expiry tick): again, outside the lock */
        writer_lock(d);
        batch_end(d, 1); /* a batch left open would keep the next writer from starting the WAL over */
        if (rc == SQLITE_OK)
            rc = sqlite3_wal_checkpoint_v2(d->ckpt_db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
        writer_unlock(d);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            bot_log(BOT_LOG_WARN, "store: checkpoint: %s", sqlite3_errmsg(d->ckpt_db));
    }
}

/* The file's checkpointer started, or sqlite's automatic checkpoint kept on the write connection (logged) when it
 * cannot be. */
static void checkpointer_start(struct store_db *d, const char *path)
{
    char err[256];
    if (open_lite(path, 64, &d->ckpt_db, err) != BOT_OK) {
        bot_log(BOT_LOG_WARN, "store: no checkpointer connection (%s): commits checkpoint", err);
        sqlite3_close(d->ckpt_db);
        d->ckpt_db = NULL;
        return;
    }
    if (pthread_create(&d->ckpt_thread, NULL, checkpointer, d) != 0) {
        bot_log(BOT_LOG_WARN, "store: no checkpointer thread: commits checkpoint");
        sqlite3_close(d->ckpt_db);
        d->ckpt_db = NULL;
        return;
    }
    d->ckpt_running = 1;
    sqlite3_wal_hook(d->writer->db, on_wal_commit, d); /* in place of sqlite3_wal_autocheckpoint */
}

static void checkpointer_stop(struct store_db *d)
{
    if (!d->ckpt_running)
        return;
    pthread_mutex_lock(&d->ckpt_mu);
    d->ckpt_stop = 1;
    pthread_cond_signal(&d->ckpt_cv);
    pthread_mutex_unlock(&d->ckpt_mu);
    pthread_join(d->ckpt_thread, NULL);
    d->ckpt_running = 0;
    sqlite3_close(d->ckpt_db);
    d->ckpt_db = NULL;
}

/* Join st to the shared object of its file, made on first use. */
static enum bot_rc file_attach(struct store *st, char err[256])
{
    const char *name = sqlite3_db_filename(st->db, "main");
    struct stat sb;
    int on_disk = name && *name;
    if (on_disk && stat(name, &sb) != 0) {
        snprintf(err, 256, "%s: %s", name, strerror(errno));
        return BOT_IO;
    }
    pthread_mutex_lock(&files_mu);
    struct store_db *d = files;
    while (on_disk && d && !(d->dev == sb.st_dev && d->ino == sb.st_ino))
        d = d->next;
    if (on_disk && d) {
        d->refs++;
    } else if ((d = calloc(1, sizeof *d)) != NULL) {
        pthread_mutex_init(&d->writer_mu, NULL);
        for (int i = 0; i < WRITER_SLOTS; i++)
            pthread_cond_init(&d->writer_cv[i], NULL);
        pthread_mutex_init(&d->sync_mu, NULL);
        pthread_cond_init(&d->sync_cv, NULL);
        pthread_cond_init(&d->batch_cv, NULL);
        pthread_mutex_init(&d->ckpt_mu, NULL);
        pthread_cond_init(&d->ckpt_cv, NULL);
        d->refs = 1;
        d->wal_fd = -1;
        if (on_disk) {
            d->dev = sb.st_dev;
            d->ino = sb.st_ino;
            d->shared = 1;
            d->next = files;
            files = d;
            /* its write connection; without one (out of memory, cannot open) transactions run on the handles' own */
            d->wal_path = strdup(sqlite3_filename_wal(name));
            struct store *w = calloc(1, sizeof *w);
            char werr[256];
            if (w && open_lite(name, WRITER_CACHE_KIB, &w->db, werr) == BOT_OK) {
                d->writer = w;
                checkpointer_start(d, name);
            } else {
                if (w)
                    close_lite(w);
                free(w);
                bot_log(BOT_LOG_WARN, "store: no write connection, each handle writes on its own");
            }
        }
    }
    pthread_mutex_unlock(&files_mu);
    st->file = d;
    if (!d) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    return BOT_OK;
}

static void file_detach(struct store_db *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&files_mu);
    int last = --d->refs == 0;
    if (last && d->shared) {
        struct store_db **p = &files;
        while (*p != d)
            p = &(*p)->next;
        *p = d->next;
    }
    pthread_mutex_unlock(&files_mu);
    if (!last)
        return;
    checkpointer_stop(d);
    if (d->writer) {
        close_lite(d->writer);
        free(d->writer);
    }
    if (d->wal_fd >= 0)
        close(d->wal_fd);
    free(d->wal_path);
    pthread_mutex_destroy(&d->writer_mu);
    for (int i = 0; i < WRITER_SLOTS; i++)
        pthread_cond_destroy(&d->writer_cv[i]);
    pthread_mutex_destroy(&d->sync_mu);
    pthread_cond_destroy(&d->sync_cv);
    pthread_cond_destroy(&d->batch_cv);
    pthread_mutex_destroy(&d->ckpt_mu);
    pthread_cond_destroy(&d->ckpt_cv);
    free(d);
}

static void writer_lock(struct store_db *d)
{
    pthread_mutex_lock(&d->writer_mu);
    unsigned long me = d->writer_next++;
    while (me != d->writer_serving)
        pthread_cond_wait(&d->writer_cv[me % WRITER_SLOTS], &d->writer_mu);
    pthread_mutex_unlock(&d->writer_mu);
}

static void writer_unlock(struct store_db *d)
{
    pthread_mutex_lock(&d->writer_mu);
    unsigned long next = ++d->writer_serving;
    /* the next ticket's slot; a ticket WRITER_SLOTS later may share it, so every waiter of the slot (one, as a rule)
     * looks */
    if (next != d->writer_next)
        pthread_cond_broadcast(&d->writer_cv[next % WRITER_SLOTS]);
    pthread_mutex_unlock(&d->writer_mu);
}

void store_sync_stats(uint64_t *commits, uint64_t *syncs)
{
    *commits = __atomic_load_n(&process_commits, __ATOMIC_RELAXED);
    *syncs = __atomic_load_n(&process_syncs, __ATOMIC_RELAXED);
}

int store_writers_queued(struct store *st)
{
    if (!st->file)
        return 0;
    pthread_mutex_lock(&st->file->writer_mu);
    int n = (int)(st->file->writer_next - st->file->writer_serving);
    pthread_mutex_unlock(&st->file->writer_mu);
    return n;
}

void store_db_sync_stats(struct store *st, uint64_t *commits, uint64_t *syncs)
{
    if (!st->file) { /* PostgreSQL: the server syncs */
        *commits = *syncs = 0;
        return;
    }
    *commits = __atomic_load_n(&st->file->commit_seq, __ATOMIC_RELAXED);
    *syncs = __atomic_load_n(&st->file->wal_syncs, __ATOMIC_RELAXED);
}

/* fdatasync of the file's WAL through a descriptor of its own: the WAL of a file on disk lives as long as a
 * connection of this process is open on it (the write connection is, until the file's last handle closes), and
 * an fdatasync covers every write to the file, whichever descriptor made it. Called by the one syncing thread. */
static enum bot_rc wal_fsync_file(struct store_db *d)
{
    if (d->wal_fd < 0 && (d->wal_fd = open(d->wal_path, O_RDWR | O_CLOEXEC)) < 0) {
        bot_log(BOT_LOG_ERROR, "store: %s: %s", d->wal_path, strerror(errno));
        return BOT_IO;
    }
    if (fdatasync(d->wal_fd) != 0)
        return BOT_IO;
    __atomic_add_fetch(&d->wal_syncs, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&process_syncs, 1, __ATOMIC_RELAXED);
    return BOT_OK;
}

static enum bot_rc wal_fsync(struct store *st)
{
    if (st->file->wal_path)
        return wal_fsync_file(st->file);
    sqlite3_file *wal = NULL;
    if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK || !wal ||
        !wal->pMethods) {
        /* the handle's own connection has not read since it opened (the write connection did its transactions):
         * a read opens its WAL file */
        wal = NULL;
        if (exec(st, "SELECT count(*) FROM sqlite_master") != BOT_OK ||
            sqlite3_file_control(st->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK || !wal ||
            !wal->pMethods)
            return BOT_IO;
    }
    if (wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) != SQLITE_OK)
        return BOT_IO;
    __atomic_add_fetch(&st->file->wal_syncs, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&process_syncs, 1, __ATOMIC_RELAXED);
    return BOT_OK;
}

static enum bot_rc group_sync(struct store *st, uint64_t seq);

void store_defer_sync(struct store *st)
{
    st->defer_sync = 1;
    st->unsynced = 0;
}

void store_end_defer(struct store *st, struct store_pending_sync *out)
{
    out->file = st->unsynced && st->file && st->file->wal_path ? st->file : NULL;
    out->seq = out->file ? st->unsynced : 0;
    st->defer_sync = 0;
    st->unsynced = 0;
}

static enum bot_rc group_sync_file(struct store_db *d, struct store *st, uint64_t seq);

enum bot_rc store_sync_pending(const struct store_pending_sync *p)
{
    return p->file && p->seq ? group_sync_file(p->file, NULL, p->seq) : BOT_OK;
}

static enum bot_rc group_sync(struct store *st, uint64_t seq) { return group_sync_file(st->file, st, seq); }

/* Wait until seq is on disk, syncing when no other thread is: through the file's descriptor, or st's connection
 * (a file without a path: a temporary one; st is never NULL then). */
static enum bot_rc group_sync_file(struct store_db *d, struct store *st, uint64_t seq)
{
    enum bot_rc rc = BOT_OK;
    pthread_mutex_lock(&d->sync_mu);
    while (rc == BOT_OK && d->synced_seq < seq) {
        if (d->syncing) {
            pthread_cond_wait(&d->sync_cv, &d->sync_mu);
            continue;
        }
        d->syncing = 1;
        /* every commit numbered up to here wrote its frames before this fsync */
        uint64_t target = __atomic_load_n(&d->commit_seq, __ATOMIC_ACQUIRE);
        pthread_mutex_unlock(&d->sync_mu);
        rc = d->wal_path ? wal_fsync_file(d) : wal_fsync(st);
        pthread_mutex_lock(&d->sync_mu);
        d->syncing = 0;
        if (rc == BOT_OK && target > d->synced_seq)
            d->synced_seq = target;
        pthread_cond_broadcast(&d->sync_cv);
    }
    pthread_mutex_unlock(&d->sync_mu);
    if (rc != BOT_OK)
        bot_log(BOT_LOG_ERROR, "store: fsync of the WAL failed");
    return rc;
}

sqlite3_stmt *store_stmt(struct store *st, enum store_part part, int which, const char *sql)
{
    if (st->writing) /* a write transaction: on the file's write connection */
        st = st->writing;
    sqlite3_stmt *s = st->stmts[part][which];
    if (!s) {
        if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
            bot_log(BOT_LOG_ERROR, "store: prepare %d.%d: %s", (int)part, which, sqlite3_errmsg(st->db));
            return NULL;
        }
        st->stmts[part][which] = s;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
}

enum bot_rc store_open(const char *path, const char *sync, struct store **out, char err[256])
{
    enum bot_rc rc = BOT_DB;
    *out = NULL;
    if (store_path_is_pg(path)) /* a libpq URL: the PostgreSQL engine; synchronous_commit stands for FULL */
        return store_open_pg(path, out, err);
    struct store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    /* NORMAL at the sqlite level either way: FULL is the group commit above */
    st->group_sync = !(sync && strcmp(sync, "NORMAL") == 0);
    if ((rc = open_lite(path, 256, &st->db, err)) != BOT_OK)
        goto error_out;
    /* the file exists now (journal_mode wrote its header): join its writers */
    if ((rc = file_attach(st, err)) != BOT_OK)
        goto error_out;
    rc = store_migrate(st, err);
    if (rc != BOT_OK)
        goto error_out;
    *out = st;
    return BOT_OK;
error_out:
    store_close(st);
    return rc;
}

int store_can_read_beside(const struct store *st) { return !st->pg && st->file && st->file->writer; }

enum bot_rc store_open_reader(struct store *st, struct store **out)
{
    char err[256];
    *out = NULL;
    if (!store_can_read_beside(st))
        return BOT_ERR;
    struct store *r = calloc(1, sizeof *r);
    if (!r)
        return BOT_NOMEM;
    r->group_sync = st->group_sync;
    enum bot_rc rc = open_lite(sqlite3_db_filename(st->db, "main"), 256, &r->db, err);
    if (rc == BOT_OK)
        rc = file_attach(r, err); /* the file's shared part, as store_open's handles: already migrated */
    if (rc != BOT_OK) {
        bot_log(BOT_LOG_ERROR, "store: a reader beside the writer: %s", err);
        store_close(r);
        return rc;
    }
    *out = r;
    return BOT_OK;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    if (st->in_txn)
        store_rollback(st);
    store_read_end(st);
    close_lite(st); /* also after a failed open; NULL on PostgreSQL */
    pgsql_close(st->pg);
    file_detach(st->file);
    free(st);
}

enum bot_rc store_ping(struct store *st)
{
    if (st->pg) {
        int64_t one = 0;
        return pgsql_query_int(st->pg, "SELECT 1", &one) == BOT_OK && one == 1 ? BOT_OK : BOT_DB;
    }
    sqlite3_stmt *s = store_stmt(st, STORE_PART_DB, 0, "SELECT 1");
    if (!s)
        return BOT_DB;
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

/* One read transaction for a group of reads (sqlite): one WAL read mark and one snapshot instead of one per
 * statement. On its own connection, never the write connection's; a no-op on PostgreSQL. */
enum bot_rc store_read_begin(struct store *st)
{
    if (st->in_txn || st->in_read)
        return BOT_ERR;
    if (st->pg) {
        st->in_read = 1; /* nothing to begin: the rules of nesting only */
        return BOT_OK;
    }
    sqlite3_stmt *s = store_stmt(st, STORE_PART_DB, 1, "BEGIN");
    if (!s)
        return BOT_DB;
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return BOT_DB;
    st->in_read = 1;
    return BOT_OK;
}

void store_read_end(struct store *st)
{
    if (!st->in_read)
        return;
    st->in_read = 0;
    if (st->pg)
        return;
    sqlite3_stmt *s = store_stmt(st, STORE_PART_DB, 2, "COMMIT");
    int rc = s ? sqlite3_step(s) : SQLITE_ERROR;
    if (s)
        sqlite3_reset(s);
    if (rc != SQLITE_DONE && !sqlite3_get_autocommit(st->db)) /* a read commits unless the engine failed: roll back */
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* One of the write connection's fixed statements (BEGIN IMMEDIATE, COMMIT, the savepoint's), prepared once. */
static enum bot_rc writer_step(struct store_db *d, int which, const char *sql)
{
    sqlite3_stmt *s = store_stmt(d->writer, STORE_PART_DB, which, sql);
    if (!s)
        return BOT_DB;
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        bot_log(BOT_LOG_ERROR, "store: %s: %s", sql, sqlite3_errmsg(d->writer->db));
        return BOT_DB;
    }
    return BOT_OK;
}

/* Another writer holds a ticket for the lock after the caller's. */
static int writers_waiting(struct store_db *d)
{
    pthread_mutex_lock(&d->writer_mu);
    int waiting = d->writer_next - d->writer_serving > 1;
    pthread_mutex_unlock(&d->writer_mu);
    return waiting;
}

/* Under the writer lock, at the end of a transaction (and before a checkpoint): the open batch committed, unless
 * (force unset) it holds a savepoint, has room and another writer waits to add one. Its waiters are woken, told
 * committed or failed. */
static enum batch_end_rc batch_end(struct store_db *d, int force)
{
    if (!d->batch_open)
        return BATCH_COMMITTED;
    /* sqlite may have rolled the whole transaction back on an I/O error or a full disk: then it is lost, and never
     * left open (a savepoint begun outside a transaction would commit on its own release) */
    int lost = sqlite3_get_autocommit(d->writer->db);
    if (!force && !lost && d->batch_n > 0 && d->batch_n < BATCH_MAX && writers_waiting(d))
        return BATCH_LEFT_OPEN;
    enum bot_rc rc = lost ? BOT_DB : writer_step(d, 4, "COMMIT");
    if (rc != BOT_OK && !sqlite3_get_autocommit(d->writer->db))
        sqlite3_exec(d->writer->db, "ROLLBACK", NULL, NULL, NULL);
    if (d->batch_n > 0) {
        pthread_mutex_lock(&d->sync_mu);
        if (rc == BOT_OK) {
            __atomic_add_fetch(&d->commit_seq, 1, __ATOMIC_RELEASE);
            __atomic_add_fetch(&process_commits, (uint64_t)d->batch_n, __ATOMIC_RELAXED);
        } else {
            d->fail_at[d->fail_count % FAIL_RING] = d->commit_seq + 1;
            d->fail_count++;
        }
        pthread_cond_broadcast(&d->batch_cv);
        pthread_mutex_unlock(&d->sync_mu);
    }
    d->batch_open = 0;
    d->batch_n = 0;
    return rc == BOT_OK ? BATCH_COMMITTED : BATCH_FAILED;
}

/* Wait until batch seq (its number when the caller released her savepoint; epoch: the failures counted then) has
 * committed: BOT_OK, or BOT_DB when it failed. A failed batch's number is the next one's too; a failure after the
 * caller's release names hers only if it is the first since (a later batch has a higher number once hers
 * committed). */
static enum bot_rc batch_wait(struct store_db *d, uint64_t seq, uint64_t epoch)
{
    enum bot_rc rc = BOT_OK;
    pthread_mutex_lock(&d->sync_mu);
    for (;;) {
        if (d->fail_count > epoch && (d->fail_count - epoch > FAIL_RING || d->fail_at[epoch % FAIL_RING] == seq)) {
            rc = BOT_DB;
            break;
        }
        if (__atomic_load_n(&d->commit_seq, __ATOMIC_ACQUIRE) >= seq)
            break;
        pthread_cond_wait(&d->batch_cv, &d->sync_mu);
    }
    pthread_mutex_unlock(&d->sync_mu);
    return rc;
}

enum bot_rc store_begin(struct store *st)
{
    if (st->in_txn)
        return BOT_ERR;
    store_read_end(st); /* a write reads its own snapshot */
    if (st->pg) {
        enum bot_rc rc = pgsql_begin(st->pg);
        st->in_txn = rc == BOT_OK;
        return rc;
    }
    struct store_db *d = st->file;
    writer_lock(d);
    st->writing = d->writer;
    if (!d->writer) { /* a file not on disk: the handle's own transaction */
        if (exec(st, "BEGIN IMMEDIATE") != BOT_OK) {
            writer_unlock(d);
            return BOT_DB;
        }
        st->in_txn = 1;
        return BOT_OK;
    }
    if (!st->defer_sync || (d->batch_open && sqlite3_get_autocommit(d->writer->db)))
        batch_end(d, 1); /* not a webhook's (never batched, and the batch before it commits first), or a batch lost */
    if (!d->batch_open) {
        if (writer_step(d, 3, "BEGIN IMMEDIATE") != BOT_OK) {
            st->writing = NULL;
            writer_unlock(d);
            return BOT_DB;
        }
        d->batch_open = 1;
        d->batch_n = 0;
    }
    if (writer_step(d, 5, "SAVEPOINT w") != BOT_OK) {
        batch_end(d, 1);
        st->writing = NULL;
        writer_unlock(d);
        return BOT_DB;
    }
    st->in_txn = 1;
    return BOT_OK;
}

/* The caller's savepoint undone (its transaction rolled back); the batch's others stay. */
static void savepoint_undo(struct store_db *d)
{
    if (sqlite3_get_autocommit(d->writer->db))
        return; /* the whole transaction is gone already */
    if (writer_step(d, 7, "ROLLBACK TO w") == BOT_OK)
        writer_step(d, 6, "RELEASE w");
}

enum bot_rc store_commit(struct store *st)
{
    if (!st->in_txn)
        return BOT_ERR;
    if (st->pg) {
        st->in_txn = 0;
        enum bot_rc rc = pgsql_commit(st->pg);
        if (rc == BOT_OK) /* the process's commits (metrics); the server does the fsyncs */
            __atomic_add_fetch(&process_commits, 1, __ATOMIC_RELAXED);
        return rc;
    }
    struct store_db *d = st->file;
    if (!d->writer) {
        enum bot_rc rc = exec(st, "COMMIT");
        if (rc != BOT_OK)
            exec(st, "ROLLBACK");
        uint64_t seq = rc == BOT_OK ? __atomic_add_fetch(&d->commit_seq, 1, __ATOMIC_RELEASE) : 0;
        if (seq)
            __atomic_add_fetch(&process_commits, 1, __ATOMIC_RELAXED);
        st->in_txn = 0;
        st->writing = NULL;
        writer_unlock(d);
        if (seq && st->group_sync)
            rc = group_sync(st, seq);
        return rc;
    }
    enum bot_rc rc = sqlite3_get_autocommit(d->writer->db) ? BOT_DB : writer_step(d, 6, "RELEASE w");
    if (rc == BOT_OK)
        d->batch_n++;
    else
        savepoint_undo(d);
    /* the number the batch will commit as, and the failures so far (both change only under the writer lock) */
    uint64_t seq = d->commit_seq + 1, epoch = d->fail_count;
    enum batch_end_rc end = batch_end(d, !st->defer_sync);
    st->in_txn = 0;
    st->writing = NULL;
    writer_unlock(d);
    if (rc != BOT_OK)
        return rc;
    if (end == BATCH_FAILED || (end == BATCH_LEFT_OPEN && batch_wait(d, seq, epoch) != BOT_OK)) {
        bot_log(BOT_LOG_ERROR, "store: a batch of write transactions failed to commit; none of it was kept");
        return BOT_DB;
    }
    if (st->group_sync && st->defer_sync && d->wal_path)
        st->unsynced = seq; /* store_sync_pending() waits for it */
    else if (st->group_sync)
        rc = group_sync(st, seq);
    return rc;
}

void store_rollback(struct store *st)
{
    if (!st->in_txn)
        return;
    if (st->pg) {
        st->in_txn = 0;
        pgsql_rollback(st->pg);
        return;
    }
    struct store_db *d = st->file;
    if (!d->writer) {
        exec(st, "ROLLBACK");
    } else {
        savepoint_undo(d);
        batch_end(d, !st->defer_sync);
    }
    st->in_txn = 0;
    st->writing = NULL;
    writer_unlock(d);
}

