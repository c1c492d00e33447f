/* backup.c — a consistent copy of the store while it serves (sqlite's online backup API, in steps, from one snapshot). */
#define _GNU_SOURCE /* sync_file_range */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define BACKUP_STEP_PAGES 256 /* pages copied per step: the source's read lock is brief, writers go on in WAL */
#define BACKUP_BUSY_MS 10
#define BACKUP_BUSY_TRIES 1000 /* ~10 s of a locked destination or source before giving up */
#define BACKUP_SYNC_STEPS 16   /* the copy's data made durable every 16 steps (16 MB of 4 KB pages), not at the end */

/* fsync a file (or a directory) by its path. */
static enum bot_rc sync_path(const char *path, int dir)
{
    int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return BOT_IO;
    int rc = fsync(fd);
    close(fd);
    return rc == 0 ? BOT_OK : BOT_IO;
}

static void dir_of(const char *path, char *dir, size_t dirsz)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, dirsz, ".");
    else if (slash == path)
        snprintf(dir, dirsz, "/");
    else
        snprintf(dir, dirsz, "%.*s", (int)(slash - path), path);
}

enum bot_rc store_backup(struct store *st, const char *dst, int force, int64_t *pages, char err[256])
{
    enum bot_rc rc = BOT_DB;
    sqlite3 *out = NULL;
    sqlite3_backup *b = NULL;
    char tmp[4096], dir[4096];
    int snapshot = 0, busy = 0, step = SQLITE_OK, copy_fd = -1;
    struct stat sb;
    *pages = 0;
    if (st->pg) {
        snprintf(err, 256, "the store is on PostgreSQL: back it up with pg_dump -Fc (or pg_basebackup), "
                 "see docs/postgres.md");
        return BOT_INVALID;
    }
    if (st->in_txn) {
        snprintf(err, 256, "a transaction is open on this connection");
        return BOT_ERR;
    }
    if (!force && stat(dst, &sb) == 0) {
        snprintf(err, 256, "%.200s exists (--force replaces it)", dst);
        return BOT_DUP;
    }
    if (snprintf(tmp, sizeof tmp, "%s.part-%ld", dst, (long)getpid()) >= (int)sizeof tmp) {
        snprintf(err, 256, "path too long");
        return BOT_TOOBIG;
    }
    dir_of(dst, dir, sizeof dir);
    unlink(tmp);
    /* one snapshot for every step: a read transaction held on the source, so the copy is of one moment however long
     * it takes, and writers (WAL) never wait for it */
    if (exec(st, "BEGIN") != BOT_OK || exec(st, "SELECT count(*) FROM sqlite_master") != BOT_OK) {
        snprintf(err, 256, "cannot read the store: %s", sqlite3_errmsg(st->db));
        goto out;
    }
    snapshot = 1;
    if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(err, 256, "%.200s: %s", tmp, out ? sqlite3_errmsg(out) : "cannot open");
        rc = BOT_IO;
        goto out;
    }
    /* The copy's pages go straight into its file (no journal: a failed copy is deleted, never used), and they reach
     * the disk a little at a time: writeback started after every step, a sync every BACKUP_SYNC_STEPS. Written all
     * at once and synced at the end, the copy's gigabytes made every webhook's commit fsync wait behind them (the
     * file system commits the copy's data with ours): p99 ~500 ms during a city store's backup. */
    if (sqlite3_exec(out, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, 256, "%.200s: %s", tmp, sqlite3_errmsg(out));
        goto out;
    }
    if (!(b = sqlite3_backup_init(out, "main", st->db, "main"))) {
        snprintf(err, 256, "backup: %s", sqlite3_errmsg(out));
        goto out;
    }
    copy_fd = open(tmp, O_RDONLY | O_CLOEXEC); /* the same file: its data synced through this descriptor */
    for (int steps = 1;; steps++) {
        step = sqlite3_backup_step(b, BACKUP_STEP_PAGES);
        if (copy_fd >= 0 && (step == SQLITE_OK || step == SQLITE_DONE)) { /* best effort: the final sync is checked */
            if (steps % BACKUP_SYNC_STEPS == 0)
                fdatasync(copy_fd);
            else
                sync_file_range(copy_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        }
        if (step == SQLITE_DONE)
            break;
        if (step == SQLITE_BUSY || step == SQLITE_LOCKED) {
            if (++busy > BACKUP_BUSY_TRIES)
                break;
            sqlite3_sleep(BACKUP_BUSY_MS);
        } else if (step != SQLITE_OK) {
            break;
        }
    }
    *pages = sqlite3_backup_pagecount(b);
    int fin = sqlite3_backup_finish(b);
    b = NULL;
    if (step != SQLITE_DONE || fin != SQLITE_OK) {
        snprintf(err, 256, "backup stopped: %s", step == SQLITE_BUSY || step == SQLITE_LOCKED ? "store busy too long"
                                                                                            : sqlite3_errstr(step));
        goto out;
    }
    /* the copy stands alone: its WAL folded into the file before it takes the name */
    if (sqlite3_exec(out, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, 256, "checkpoint of the copy: %s", sqlite3_errmsg(out));
        goto out;
    }
    sqlite3_close(out);
    out = NULL;
    if (sync_path(tmp, 0) != BOT_OK) {
        snprintf(err, 256, "fsync %.200s: %s", tmp, strerror(errno));
        rc = BOT_IO;
        goto out;
    }
    /* never over a FILE that appeared meanwhile unless forced: link() refuses an existing name */
    if (force ? rename(tmp, dst) != 0 : link(tmp, dst) != 0) {
        snprintf(err, 256, "%.200s: %s", dst, strerror(errno));
        rc = errno == EEXIST ? BOT_DUP : BOT_IO;
        goto out;
    }
    if (!force)
        unlink(tmp);
    sync_path(dir, 1);
    rc = BOT_OK;
out:
    if (copy_fd >= 0)
        close(copy_fd);
    if (b)
        sqlite3_backup_finish(b);
    if (out)
        sqlite3_close(out);
    if (snapshot)
        exec(st, "COMMIT");
    if (rc != BOT_OK) {
        unlink(tmp);
        char side[4200];
        snprintf(side, sizeof side, "%s-wal", tmp);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", tmp);
        unlink(side);
    }
    return rc;
}
