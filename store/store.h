/* store.h — the store's API, the only place that speaks SQL: sqlite3 in WAL mode, one
 * connection per thread, every write inside a transaction the store owns,
 * write transactions serialised through the writer lock of their database
 * file. Written in store/: db.c (open, writer lock, group commit), schema.c,
 * members.c, links.c, requests.c, ledger.c, audit.c, community.c, queues.c. */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <string.h>

#include "../base/common.h"
#include "ledger_kinds.h"

struct store;

/* ---- the database: open, close, write transactions, commit counters (db.c, schema.c) ---- */

/* A path that names a PostgreSQL database (a libpq URL, postgres:// or postgresql://) rather than a sqlite file. */
static inline int store_path_is_pg(const char *path)
{
    return path && (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0);
}

/* Open (creating and migrating) the store at path: a sqlite file, or a
 * PostgreSQL database named by a libpq URL. sync is "FULL" or "NORMAL"
 * (sqlite; PostgreSQL commits synchronously). *out is NULL on failure,
 * err[256] says why. The caller frees with store_close() (NULL is accepted). */
enum bot_rc store_open(const char *path, const char *sync, struct store **out, char err[256]);
void store_close(struct store *st);
/* Cheap liveness probe (SELECT 1). */
enum bot_rc store_ping(struct store *st);
/* Write transactions: store_begin() takes the writer lock of st's database
 * file (shared by every handle open on that file, in this process) and
 * runs BEGIN IMMEDIATE; store_commit()/store_rollback() end it and release
 * the lock. With synchronous=FULL store_commit() returns once the commit is
 * on disk (group commit: one WAL fsync for the commits that overlap). Reads
 * need no transaction. */
enum bot_rc store_begin(struct store *st);
enum bot_rc store_commit(struct store *st);
/* A group of reads in one read transaction (sqlite: one snapshot and one WAL read mark for all of them, where each
 * statement alone would take its own); store_read_end() ends it (accepted when none is open), and store_begin() ends
 * it first. A no-op on PostgreSQL, where each statement reads on its own. BOT_ERR inside a write or read
 * transaction. */
enum bot_rc store_read_begin(struct store *st);
void store_read_end(struct store *st);
/* Commit counters: commits, and the WAL fsyncs that made them durable under
 * synchronous=FULL (fewer than commits when writers overlap; none under
 * NORMAL). store_sync_stats sums every database of this process;
 * store_db_sync_stats counts the database file st is open on (shared by
 * every handle open on that file), where webhooks' transactions batched
 * together count as one commit (db.c); the process's count every transaction.
 * On PostgreSQL the process's commits count too, their fsyncs are the
 * server's (0), and store_db_sync_stats reads 0. */
void store_sync_stats(uint64_t *commits, uint64_t *syncs);
void store_db_sync_stats(struct store *st, uint64_t *commits, uint64_t *syncs);
/* The writers holding or waiting for the writer lock of st's file (sqlite; 0 on PostgreSQL). */
int store_writers_queued(struct store *st);
void store_rollback(struct store *st);
/* The wait for durability after the store handle is given back (a webhook's thread, server.c): between
 * store_defer_sync() and store_end_defer() store_commit() returns once its commit is written, not yet synced, and
 * notes it; store_end_defer() hands the note over, and store_sync_pending() returns once every commit noted is on
 * disk (the same group fsync), with no handle held — the handle serves another request meanwhile. An answer is sent
 * only after store_sync_pending() returned BOT_OK. */
struct store_pending_sync {
    void *file;
    uint64_t seq;
};
void store_defer_sync(struct store *st);
void store_end_defer(struct store *st, struct store_pending_sync *out);
enum bot_rc store_sync_pending(const struct store_pending_sync *p);

/* ---- backup (backup.c) ---- */
/* A consistent copy of the store into dst, made from one snapshot in steps while others read and write (sqlite's
 * online backup API); dst is written under a temporary name, synced and renamed. An existing dst is refused (BOT_DUP)
 * unless force. *pages: the pages copied. */
enum bot_rc store_backup(struct store *st, const char *dst, int force, int64_t *pages, char err[256]);

/* ---- members and their identities (members.c) ---- */

/* Member roles are flags. */
enum {
    STORE_ROLE_VOLUNTEER = 1,
    STORE_ROLE_MANAGER = 2,
    STORE_ROLE_ADMIN = 4
};
struct store_member {
    int64_t id;
    int64_t account_id;
    char name[64];
    char building[32];
    char birthday[16]; /* YYYY-MM-DD or "" */
    int registered;
    int roles;
    int64_t created_at;
    char phone[24];
    int subsidised;         /* a manager flagged: the fund pays */
    int suspended;          /* an admin suspended the member */
    int64_t frozen_until;   /* requesting frozen until (malicious cancels) */
    int64_t referrer_id;    /* 0 = none */
    int referral_paid;
    int birthday_year;      /* last year a birthday gift was paid */
    char manager_building[32];
    int notices;            /* store_member_by_identity_at only: notices waiting at its now (store_notices_waiting),
                             * told with the member's next private reply; 0 from every other read */
    int ident_notice;       /* store_member_by_identity(_at) only: that identity has a notice of its own */
    int birthday_public;    /* asked (生日公开) for a birthday greeting in the building's group */
    int64_t accept_banned_until; /* accepting orders banned until (repeated no-shows, or staff) */
    int64_t created_by;     /* registered by this 楼长 or staff member (代注册), 0 = by herself */
    char unit[48];          /* unit and room in her building (2单元301), "" = not given (v40); never read in a group */
    int traditional;        /* she writes in traditional script: replies and pushes to her are in it (v46) */
};
/* Member fields changed one at a time (by staff, the jobs, or the member: birthday_public). */
enum store_member_field {
    STORE_MF_ROLES, STORE_MF_SUBSIDISED, STORE_MF_SUSPENDED, STORE_MF_FROZEN_UNTIL,
    STORE_MF_REFERRER, STORE_MF_REFERRAL_PAID, STORE_MF_BIRTHDAY_YEAR, STORE_MF_BIRTHDAY_PUBLIC,
    STORE_MF_ACCEPT_BANNED_UNTIL, STORE_MF_SCRIPT /* 1 she writes in traditional script (v46) */
};
enum bot_rc store_member_by_identity(struct store *st, const char *platform, const char *user_id,
                                     struct store_member *out);
/* The sender of a message: store_member_by_identity, and out->notices counts her notices waiting at now. */
enum bot_rc store_member_by_identity_at(struct store *st, const char *platform, const char *user_id, int64_t now,
                                        struct store_member *out);
enum bot_rc store_member_get(struct store *st, int64_t id, struct store_member *out);
/* Creates member, identity and the member's account "<platform>:<user_id>"
 * with the given overdraft limit (minutes, >= 0). Write transaction required. */
enum bot_rc store_member_create(struct store *st, const char *platform, const char *user_id,
                                const char *name, int64_t overdraft_minutes, int64_t now,
                                struct store_member *out);
/* A member with no chat identity (代注册 of an elder), recorded as created by created_by, with an empty
 * account; register her with store_member_register. Write transaction required. */
enum bot_rc store_member_create_elder(struct store *st, const char *name, int64_t created_by,
                                      int64_t overdraft_minutes, int64_t now, int64_t *id);
/* How many chat identities the member has (0: registered by a 楼长, not taken over yet). */
enum bot_rc store_member_identity_count(struct store *st, int64_t member, int *n);
/* A birthday that differs from the one stored is entered at now (store_birthday_set_at). */
enum bot_rc store_member_register(struct store *st, int64_t id, const char *name,
                                  const char *building, const char *birthday, int64_t now);
enum bot_rc store_member_set_name(struct store *st, int64_t id, const char *name);
enum bot_rc store_member_set_int(struct store *st, int64_t id, enum store_member_field f, int64_t v);
enum bot_rc store_member_set_manager(struct store *st, int64_t id, int roles, const char *building);
enum bot_rc store_member_set_phone(struct store *st, int64_t id, const char *phone);
/* Her unit and room in her building ("" clears it). */
enum bot_rc store_member_set_unit(struct store *st, int64_t id, const char *unit);
/* Notices (notices.c), one row each, never cut short: a notice waiting for the member's next private reply
 * (or `消息`), and one already pushed at now (kept as the member's history). */
#define STORE_NOTICE_TEXT 2048
struct store_notice {
    int64_t id, member_id, created_at;
    char text[STORE_NOTICE_TEXT];
    int whole; /* store_notice_next only: its phone numbers are shown whole (v40) */
};
enum bot_rc store_member_notice(struct store *st, int64_t member, const char *text, int64_t now);
/* A notice shown with its phone numbers whole (an emergency to the 楼长 and staff who must call the writer). */
enum bot_rc store_member_notice_whole(struct store *st, int64_t member, const char *text, int64_t now);
/* A notice about an order (request > 0): shown only while the order is as it was when the notice was written; and
 * one true until a time (stale_at > 0: an expiry warning, a ban, a reminder): not shown from then on (v37).
 * volunteer_only: shown while the order keeps its volunteer and accept, whatever its status (his address notice). */
/* volunteer_only: 0 the notice holds while the order's state does, 1 while its volunteer keeps it (v37), 2 whatever
 * becomes of the order, until the order's start moves (a released volunteer's notice: another's accept must not hide it) */
enum bot_rc store_member_notice_about(struct store *st, int64_t member, const char *text, int64_t now, int64_t request,
                                      int64_t stale_at, int volunteer_only);
/* Was the first notice about request told member since `since` left undelivered (*unread = 1)? 0 when none was kept:
 * it was said in the reply or pushed. */
enum bot_rc store_notice_unread_about(struct store *st, int64_t member, int64_t request, int64_t since, int *unread);
/* A notice told by the push just queued to platform/user_id: delivered once that push is sent, waiting again if it dies. */
/* *yes = 1 when a notice of member's waits because its push was refused for good (how 'refused', v48). */
enum bot_rc store_notice_refused(struct store *st, int64_t member, int64_t now, int *yes);
enum bot_rc store_notice_pushed(struct store *st, int64_t member, const char *text, int64_t now, const char *platform,
                                const char *user_id);
/* What a pushed notice is about, so that one whose push dies waits under the rules of one never pushed
 * (store_member_notice_about: the order, shown while it is as it was; stale_at; volunteer_only) and, from late_at
 * (the order's start) on, reads late_text (what was missed) instead of its text (v50). Zero: about nothing. */
struct store_notice_about {
    int64_t request, stale_at;
    int volunteer_only;
    int64_t late_at;
    const char *late_text;
};
enum bot_rc store_notice_pushed_about(struct store *st, int64_t member, const char *text, int64_t now,
                                      const char *platform, const char *user_id, const struct store_notice_about *a);
/* The member's oldest waiting notice (BOT_NOTFOUND: none), and marking one delivered (how: reply, digest...). */
enum bot_rc store_notice_next(struct store *st, int64_t member, int64_t now, struct store_notice *out);
enum bot_rc store_notice_delivered(struct store *st, int64_t id, int64_t now, const char *how);
/* How many store_notice_next would show at now, one after another (STORE_NOTICE_WAITING: the same condition). */
enum bot_rc store_notices_waiting(struct store *st, int64_t member, int64_t now, int *n);
/* The identity's oldest notice not yet delivered; BOT_NOTFOUND when none. */
enum bot_rc store_identity_notice_next(struct store *st, const char *platform, const char *user_id,
                                       struct store_notice *out);
/* The digest: members with waiting notices created by until that no digest passed on yet, their oldest such
 * notice, and marking one passed on. */
enum bot_rc store_notices_undigested_members(struct store *st, int64_t until, int64_t *ids, int max, int *n);
enum bot_rc store_notice_next_undigested(struct store *st, int64_t member, int64_t until, struct store_notice *out);
enum bot_rc store_notice_digested(struct store *st, int64_t id, int64_t now);
/* Notice id passed on to reader as text (a digest's line): a notice of reader's bound to the same order's state and
 * time as id, so it is not read once id would not be. */
enum bot_rc store_notice_pass_to(struct store *st, int64_t id, int64_t reader, const char *text, int64_t now);
/* The notice member was just written at now with text marked passed on (digested_at = now) without a digest: her
 * 楼长 was told it as it was written (an elder without an identity), so the daily digest does not repeat it. */
enum bot_rc store_notice_passed_on(struct store *st, int64_t member, const char *text, int64_t now);
/* The first platform identity of a member (where pushes to them go): her own before one linked to her account, then
 * by platform and user id. */
enum bot_rc store_member_identity(struct store *st, int64_t member, char *platform, size_t psz, char *user,
                                  size_t usz);
/* store_member_identity, and whether she writes in traditional script (members.script): what a push to her needs. */
enum bot_rc store_member_push_identity(struct store *st, int64_t member, char *platform, size_t psz, char *user,
                                       size_t usz, int *traditional);
/* Registered members named exactly name: *count of them, the first in out. */
enum bot_rc store_member_by_name(struct store *st, const char *name, struct store_member *out, int *count);
/* The same among those of building only (any building when it is empty): namesakes told apart. */
enum bot_rc store_member_by_name_in(struct store *st, const char *name, const char *building,
                                    struct store_member *out, int *count);
/* Calls fn for every member whose birthday is MM-DD (e.g. "11-26"). */
enum bot_rc store_members_born_on(struct store *st, const char *mmdd,
                                  void (*fn)(const struct store_member *, void *), void *arg);
/* The identity wrote to the bot privately at now: recorded when what is recorded is `every` seconds older or more
 * (one write in that while; nothing for an identity not in the store). */
enum bot_rc store_identity_seen(struct store *st, const char *platform, const char *user_id, int64_t now, int64_t every);
/* When the identity last wrote privately, as recorded (0: never, or unknown). */
enum bot_rc store_identity_seen_at(struct store *st, const char *platform, const char *user_id, int64_t *at);
enum bot_rc store_identity_move(struct store *st, const char *platform, const char *user_id, int64_t member);
/* Has the member any journal line or request? */
enum bot_rc store_member_has_history(struct store *st, const struct store_member *m, int *has);
struct store_identity {
    char platform[16];
    char user_id[160];
};
/* The member's identities, up to max, by platform and id. */
enum bot_rc store_member_identities(struct store *st, int64_t member, struct store_identity *out, int max, int *n);
/* The member's original identities: those no link in force brought in
 * (normally one, the identity the account came from). */
enum bot_rc store_member_originals(struct store *st, int64_t member, struct store_identity *out, int max, int *n);
/* A notice for one identity only (a link alert the member's other identities cannot read): a row, delivered with
 * that identity's next private reply. Write transaction required. */
enum bot_rc store_identity_notice(struct store *st, const char *platform, const char *user_id, const char *text,
                                  int64_t now);
/* The same, told by the push just queued to that identity: delivered once the push is sent, waiting if it dies. */
enum bot_rc store_identity_notice_pushed(struct store *st, const char *platform, const char *user_id, const char *text,
                                         int64_t now);
/* Members who manage building. */
enum bot_rc store_managers_of(struct store *st, const char *building, int64_t *ids, int max, int *n);
/* Members holding role (a STORE_ROLE_* flag), by id, up to max. */
enum bot_rc store_members_with_role(struct store *st, int role, int64_t *ids, int max, int *n);

/* ---- skills, certificates and matching (skills.c) ---- */

/* The member offers service (我会修水电: 维修); a second offer of it changes nothing. */
enum bot_rc store_skill_add(struct store *st, int64_t member, const char *service, int64_t now);
enum bot_rc store_skill_has(struct store *st, int64_t member, const char *service, int *has);
/* Every offer of member `from` made member `to`'s (关联: the identity that offered speaks as `to` now), carrying
 * to's building, earned, ratings and latest accept; one `to` already made stays. *moved: how many `from` had.
 * Write transaction required. */
enum bot_rc store_skills_move(struct store *st, int64_t from, int64_t to, int *moved);
/* The member's offer of service taken back: BOT_OK, or BOT_NOTFOUND when she had none. */
enum bot_rc store_skill_remove(struct store *st, int64_t member, const char *service);
/* Staff record (or renew) the member's certificate for service, valid until expires_at. */
enum bot_rc store_cert_set(struct store *st, int64_t member, const char *service, int64_t expires_at, int64_t by,
                           int64_t now);
/* When the member's certificate for service expires (0 = none on file). */
enum bot_rc store_cert_expires(struct store *st, int64_t member, const char *service, int64_t *expires_at);
/* The member's certificates, training (service 培训) and insurance (保险), by service, up to max (expired too). */
struct store_cert {
    char service[32];
    int64_t expires_at;
};
enum bot_rc store_certs_of(struct store *st, int64_t member, struct store_cert *out, int max, int *n);
/* Who a new request is pushed to first. */
struct store_match_query {
    const char *service;
    const char *building;
    int64_t exclude;          /* the requester */
    int64_t load_since;       /* recent load: orders accepted since */
    int64_t level2_minutes;   /* lifetime earned at the second and third level: the higher first */
    int64_t level3_minutes;
};
/* Members of mq->building who offered mq->service, by level, rating, recent load: the first max. Who is suspended or
 * banned from accepting is not filtered here (the caller reads each member it takes). */
enum bot_rc store_match_volunteers(struct store *st, const struct store_match_query *mq, int64_t *ids, int max, int *n);

/* ---- links: a second identity joins a member (links.c) ---- */

/* One-time codes that link a second platform identity to a member. One live
 * code per member: put replaces the member's live code (and drops expired
 * codes); BOT_DUP when that code is taken, live or tombstone (draw another). */
enum bot_rc store_link_code_put(struct store *st, const char *code, int64_t member, int64_t now,
                                int64_t expires_at);
/* Deletes the member's live code, and every code (tombstones too) expired before now. */
enum bot_rc store_link_code_drop(struct store *st, int64_t member, int64_t now);
/* Consumes a live code (*member its owner); BOT_NOTFOUND when unknown or
 * expired; BOT_LIMIT (with *member) when it was killed by wrong tries and is
 * kept as a tombstone until its expiry, unconsumed. */
enum bot_rc store_link_code_take(struct store *st, const char *code, int64_t now, int64_t *member);
/* The member's live code dies of wrong tries: it stays, dead, until it expires. */
enum bot_rc store_link_code_kill(struct store *st, int64_t member);
/* Wrong link tries: *n made by platform:user_id after `since`. */
enum bot_rc store_link_wrong_count(struct store *st, const char *platform, const char *user_id, int64_t since,
                                   int *n);
/* One wrong try at now: a row for the claimant (rows at or before
 * forget_before are pruned) and one more wrong try on every live code. */
enum bot_rc store_link_wrong_add(struct store *st, const char *platform, const char *user_id, int64_t now,
                                 int64_t forget_before);
/* Owners of live codes with at least max_wrong wrong tries, up to max of them. */
enum bot_rc store_link_codes_dead(struct store *st, int max_wrong, int64_t *members, int max, int *n);
/* The record of a link: which identity joined which member when. */
struct store_link {
    int64_t id;
    char platform[16];
    char user_id[160];
    int64_t member_id;
    int64_t at;
};
enum bot_rc store_link_record(struct store *st, const char *platform, const char *user_id, int64_t member,
                              int64_t from_member, int64_t now);
/* The member's links in force (not undone, the identity still the
 * member's) made after `since`, newest first, up to max. */
enum bot_rc store_link_list(struct store *st, int64_t member, int64_t since, struct store_link *out, int max, int *n);
/* The link in force that brought platform:user_id into the member it now
 * belongs to; BOT_NOTFOUND when it has none (an original identity: the one
 * its member came from). */
enum bot_rc store_link_of_identity(struct store *st, const char *platform, const char *user_id,
                                   struct store_link *out);
/* Remember that the identity of link link_id posted (side "requester") or
 * accepted ("volunteer", at = the request's accepted_at) request_id. */
enum bot_rc store_link_request_add(struct store *st, int64_t link_id, const char *side, int64_t request_id,
                                   int64_t at);
/* Undo link l: its identity moves to a fresh member with an empty account
 * named "<platform>:<user_id>#<link id>" (no credit goes with it), and so do
 * the requests it posted or accepted while linked that are not finished and
 * paid (open, accepted, in service, finished, or disputed before payment):
 * *moved counts them. The record keeps when, by whom (`by`,
 * platform:user_id) and the new member (*member). No credit moves. */
enum bot_rc store_link_undo(struct store *st, const struct store_link *l, const char *by, int64_t overdraft_minutes,
                            int64_t now, int64_t *member, int *moved);

/* ---- requests (requests.c) ---- */

enum store_req_status {
    STORE_REQ_OPEN = 0,
    STORE_REQ_ACCEPTED,
    STORE_REQ_IN_SERVICE,
    STORE_REQ_FINISHED,
    STORE_REQ_CONFIRMED,
    STORE_REQ_CANCELLED,
    STORE_REQ_DISPUTED,
    STORE_REQ_EXPIRED        /* its time passed before anyone served it: closed by the stale or no-show job */
};
const char *store_req_status_name(enum store_req_status s);
/* The status named s into *out; BOT_INVALID (and *out untouched) for a name
 * that is none of them: a row no version of the bot wrote. */
enum bot_rc store_req_status_from_name(const char *s, enum store_req_status *out);
struct store_request {
    int64_t id;
    int64_t requester_id;
    int64_t volunteer_id;   /* 0 = none */
    enum store_req_status status;
    char service[16];
    char text[512];
    char location[128];
    int64_t start_at;       /* 0 = not given */
    int est_minutes;        /* 0 = not given */
    int public_benefit;
    int64_t public_by;      /* who marked it 公益 (0 = unmarked, or marked before v44) */
    int64_t confirmed_by;   /* whose word paid it: a member, 0 the bot's timer (auto-confirm), -1 not yet or before v45 */
    int proxy;              /* 代录: recorded by a manager */
    int64_t payer_account;  /* who paid the credit (0 = not yet) */
    char platform[16];
    char chat_id[64];
    int64_t created_at, accepted_at, started_at, finished_at, confirmed_at;
    int credited_minutes;
    int64_t excused_at;     /* the requester excused a late start (0 = never); counts when >= accepted_at */
    int64_t reopen_start;   /* reopened after a no-show: the latest it may still begin (0 = start_at) */
};
enum bot_rc store_request_create(struct store *st, struct store_request *r);
enum bot_rc store_request_get(struct store *st, int64_t id, struct store_request *out);
/* Writes every mutable field of r back (status, volunteer, times, credit). */
enum bot_rc store_request_update(struct store *st, const struct store_request *r);
/* Another order (except_id left out) of requester_id at location (the same text; empty: her home) that volunteer_id
 * holds or has served, or gave back after its door was shown him (a withdraw strike): her door already known to him;
 * *id 0 when none. */
enum bot_rc store_request_door_known(struct store *st, int64_t volunteer_id, int64_t requester_id, int64_t except_id,
                                     const char *location, int64_t *id);
/* Open requests still ahead (untimed, or starting after start_after), newest first, at most max. */
enum bot_rc store_request_list_open(struct store *st, int64_t start_after, struct store_request *out, int max, int *n);
/* The open requests member (0 = anyone) reads, never one starting at or before start_after: those of a service
 * the member offers first, then the timed ones by start, then the untimed newest first; up to max after the key
 * the page before ended at (NULL or id 0: from the start), so a page reads its own rows and what follows it, not
 * every open order (a city has thousands), and an order taken or posted meanwhile neither skips nor repeats one.
 * *last: where this page ends; *left: how many follow it, counted up to 100; *many: more than 100 follow. */
struct store_open_key {
    int part;          /* 0 her services timed, 1 hers untimed, 2 the rest timed, 3 the rest untimed */
    int64_t start, id; /* the last row's start (0 untimed) and id; id 0 = none */
};
enum bot_rc store_request_list_open_for(struct store *st, int64_t member, int64_t start_after,
                                        const struct store_open_key *after, struct store_request *out, int max,
                                        int *n, int *left, int *many, struct store_open_key *last);
enum bot_rc store_request_count_open_by(struct store *st, int64_t member_id, int *n);
/* What member_id's own orders not yet paid (open, accepted, in service, finished; not 公益) would take from her hours:
 * the sum of their estimates (default_minutes for one without), order except_id left out (0: none). */
enum bot_rc store_request_committed_by(struct store *st, int64_t member_id, int default_minutes, int64_t except_id,
                                       int64_t *minutes);
/* The first (by start) other order volunteer_id holds (accepted or in service, timed; except_id left out) whose span,
 * its start plus its estimate (default_minutes without one), meets [from, to); *id 0 when none. */
enum bot_rc store_request_clash(struct store *st, int64_t volunteer_id, int64_t except_id, int64_t from, int64_t to,
                                int default_minutes, int64_t *id);
/* Open requests still ahead (untimed, or starting after start_after) of members in building (empty = all),
 * oldest first. */
/* The open requests of a branch (issue 18: a branch admin's 待匹配), oldest first, up to max. */
enum bot_rc store_request_list_branch(struct store *st, int64_t branch_id, int64_t start_after,
                                      struct store_request *out, int max, int *n);
enum bot_rc store_request_list_building(struct store *st, const char *building, int64_t start_after,
                                        struct store_request *out, int max, int *n);
/* Up to max of the member's requests in status, as the requester (volunteer_side 0) or the volunteer (1), oldest first. */
enum bot_rc store_request_of_member(struct store *st, int64_t member_id, int volunteer_side,
                                    enum store_req_status status, struct store_request *out, int max, int *n);
/* A no-show's reopened order may still begin until t (listed and accepted until t passes by the grace). Write
 * transaction required. */
enum bot_rc store_request_set_reopen_start(struct store *st, int64_t id, int64_t t);
/* The start of request id (a time given after posting; BOT_INVALID unless a time: untimed is never written as 0).
 * Write transaction required. */
enum bot_rc store_request_set_start(struct store *st, int64_t id, int64_t start_at);
/* An open order's estimate, said with its time after the post (周六下午两点 两个小时); an order no longer open keeps its
 * own. Write transaction required. */
enum bot_rc store_request_set_estimate(struct store *st, int64_t id, int minutes);
/* One change of an order's start (改时间 #N): by whom, from what (0: none set), to what, the volunteer it released
 * (0: none), when. */
struct store_reschedule {
    int64_t request_id, member_id, old_start, new_start, released_volunteer, at;
};
/* The order's start set to rs->new_start (a no-show's reopening time cleared) and the change kept for its record, in
 * the caller's write transaction (BOT_ERR outside one; BOT_INVALID without a time). The caller updates the order's
 * status and volunteer itself (store_request_update) when it releases him. */
enum bot_rc store_request_reschedule(struct store *st, const struct store_reschedule *rs);
/* The changes of request_id's start, oldest first, up to max. */
enum bot_rc store_reschedules_of(struct store *st, int64_t request_id, struct store_reschedule *out, int max, int *n);
/* *id = member's order confirmed most lately, at or after since; 0 when none. */
enum bot_rc store_request_last_confirmed(struct store *st, int64_t member, int64_t since, int64_t *id);
/* *id = the newest other order (not `except`) of member for service, open or accepted, starting strictly within
 * window seconds of start_at; 0 when none. */
enum bot_rc store_request_twin_near(struct store *st, int64_t member, const char *service, int64_t start_at,
                                    int64_t window, int64_t except, int64_t *id);
/* Ids of finished requests whose finish (in service: whose start) is at or before `before`
 * (auto-confirm; the timer's cap). */
enum bot_rc store_request_ids_due(struct store *st, enum store_req_status status, int64_t before,
                                  int64_t *ids, int max, int *n);
/* Accepted (not started) requests whose start is at or before `before`, earliest start first (no-shows). */
enum bot_rc store_requests_unstarted(struct store *st, int64_t before, int64_t *ids, int max, int *n);
/* The requester excused request id's late start at `at`. Write transaction required. */
enum bot_rc store_request_excuse(struct store *st, int64_t id, int64_t at);
/* Accepted requests starting in (after, until] with no reminder yet. */
enum bot_rc store_requests_starting(struct store *st, int64_t after, int64_t until, int64_t *ids, int max, int *n);
/* Open requests created at or before t with no 'unmatched' run for period. */
enum bot_rc store_requests_unmatched(struct store *st, int64_t created_before, const char *period, int64_t *ids, int max,
                                     int *n);
/* What request_id's people were told of it and have not read is not read from at on (a move; a wait that ended
 * while the order's state stayed: a held 代录 approved and held again for 基金批准). */
enum bot_rc store_request_notices_end(struct store *st, int64_t request_id, int64_t at);
/* Open requests gone stale: starting at or before start_before, or untimed and created at or before
 * created_before (0 = untimed ones never). */
enum bot_rc store_requests_stale(struct store *st, int64_t start_before, int64_t created_before, int64_t *ids, int max,
                                 int *n);
/* Finished requests with finish in (after, before] and no confirm reminder yet. */
enum bot_rc store_requests_to_remind(struct store *st, int64_t finished_before, int64_t finished_after, int64_t *ids,
                                     int max, int *n);
/* The member's newest request, not cancelled, for service starting at start_at created at or after since: a
 * twin of a new one. Without a start (0) only the same text is a twin: 帮我修电视 and 帮我修水龙头, both
 * untimed, are two needs; at one start one person needs one helper. *id = 0 when there is none. */
enum bot_rc store_request_twin(struct store *st, int64_t member, const char *service, int64_t start_at, int64_t since,
                               const char *text, int64_t *id);
/* A member's own orders, on one side: posted (requester), accepted (volunteer), or posted by her for a neighbour
 * (posted_for: a 楼长's 帮李奶奶求助, the neighbour's order). Those still going first, then the closed ones
 * (confirmed, cancelled) confirmed, or else created, at or after closed_since; newest first. */
enum store_side { STORE_SIDE_REQUESTER = 1, STORE_SIDE_VOLUNTEER = 2, STORE_SIDE_POSTED_FOR = 4 };
enum bot_rc store_request_list_mine(struct store *st, int64_t member, enum store_side side, int64_t closed_since,
                                    struct store_request *out, int max, int *n);
/* Who posted request_id for its requester (a 楼长 or staff for an elder without a phone); *by = 0 when she posted it
 * herself, BOT_NOTFOUND when there is no such request. Write transaction required for the set. */
enum bot_rc store_request_set_posted_by(struct store *st, int64_t request_id, int64_t by);
enum bot_rc store_request_posted_by(struct store *st, int64_t request_id, int64_t *by);
/* A member's accept or cancel of an order, remembered so that it can be undone: the order's status (volunteer,
 * accepted_at) before it and the status (volunteer) it left, and the credit it moved (a late-cancel penalty). */
/* What an order action was (order_actions.kind, as the store spells it in action_kinds). */
enum store_action_kind {
    STORE_ACT_ACCEPT,   /* a member's accept */
    STORE_ACT_CANCEL,   /* a member's cancel */
    STORE_ACT_RELEASE,  /* staff's 停用 gave the volunteer's accept back */
    STORE_ACT_ASKED,    /* the no-show question (member_id the volunteer warned, left_volunteer the requester when she
                         * was asked too) */
    STORE_ACT_TIMER,    /* the bot's timer closed or reopened it (a no-show: member_id and prev_volunteer the volunteer,
                         * moved the penalty; an open order past its time: member_id the requester) */
    STORE_ACT_UNLINKED, /* 解除关联 gave back what the unlinked identity accepted (prev_volunteer its new account) */
};
/* Release, asked, timer and unlinked are never undone: store_order_action_last skips them. */
struct store_order_action {
    int64_t id;                     /* set by the store */
    int64_t member_id, request_id;
    enum store_action_kind kind;    /* the accept or cancel undone by 撤销, or a step nobody undoes (the others) */
    enum store_req_status prev_status, left_status;
    int64_t prev_volunteer, left_volunteer, prev_accepted_at;
    int64_t moved;                  /* minutes of credit the action moved */
    int64_t journal_mark;           /* set by the store: the journal's last row once the action was written */
    int64_t at, undone_at;          /* undone_at 0 = not undone */
};
/* Record a (in the accept's or cancel's own transaction), and forget up to 64 actions made before forget_before.
 * Write transaction required. */
enum bot_rc store_order_action_record(struct store *st, struct store_order_action *a, int64_t forget_before);
/* The member's last action still remembered; BOT_NOTFOUND when none. */
enum bot_rc store_order_action_last(struct store *st, int64_t member, struct store_order_action *out);
/* What happened to a's order since a: *actions later accepts or cancels of it (by anyone, undone ones too),
 * *journal_rows journal rows naming it. */
enum bot_rc store_order_action_later(struct store *st, const struct store_order_action *a, int *actions,
                                     int *journal_rows);
/* a was undone at now. Write transaction required. */
enum bot_rc store_order_action_undone(struct store *st, int64_t id, int64_t now);
/* The order's accepts and cancels still remembered (hd: a year), oldest first, at most max into out (*n). */
enum bot_rc store_order_actions_of(struct store *st, int64_t request_id, struct store_order_action *out, int max,
                                   int *n);
/* A strike against a member over an order (no_show, late_cancel, withdraw: STORE_STRIKE_*). */
struct store_strike {
    int64_t member_id;
    char kind[16];
    int64_t at;
};
/* The strikes counted over one order, oldest first, at most max into out (*n). */
enum bot_rc store_strikes_of_request(struct store *st, int64_t request_id, struct store_strike *out, int max, int *n);

/* ---- the ledger: accounts, transfers, lots, expiry, history (ledger.c, ledger_kinds.h) ---- */

struct store_account {
    int64_t id;
    char name[96];
    char kind[16];          /* member, fund, expired, adjust */
    int64_t member_id;
    char member_name[64];
    int64_t balance;        /* minutes */
    int64_t earned;         /* lifetime earned minutes */
    int has_limit;
    int64_t min_balance;
};
/* Ledger. One double-entry transaction moving minutes (> 0) from one
 * account to another. When enforce_limit is set and the source account has a
 * limit that would be crossed, returns BOT_LIMIT and writes nothing. A credit
 * to a member account lands as a lot expiring at lot_expires_at (0 = never;
 * never before the account's last expiry run); a debit spends the oldest live
 * lots first. A member's lifetime earned moves with the legs that count (STORE_EARNED_LEG: a service received, a
 * complaint's hold of it and its return, a reversal), her offers' copy with it. Write transaction required. */
struct store_transfer {
    int64_t from_account;
    int64_t to_account;
    int64_t minutes;
    const char *kind;
    int64_t request_id;     /* 0 = none */
    const char *memo;
    int64_t now;
    int64_t lot_expires_at;
    int enforce_limit;
};
enum bot_rc store_transfer(struct store *st, const struct store_transfer *t, int64_t *txn_out);
enum bot_rc store_account_get(struct store *st, int64_t id, struct store_account *out);
/* The account as the expiry tick at now would leave it: in an open write transaction its lots past their date are
 * expired first, as the tick does (journal legs and all), so no payment, check or gift spends or counts them before
 * the tick runs; store_transfer reads both sides so. Outside a write transaction: store_account_get. */
enum bot_rc store_account_at(struct store *st, int64_t now, int64_t id, struct store_account *out);
/* The account as the expiry tick at now would leave it, read only (查积分 and the questions about her own hours): its
 * live lots past their date are taken off the balance as the tick takes them, nothing written (store_account_at
 * expires them in a write transaction: a payment's path, never a read's). */
enum bot_rc store_account_view(struct store *st, int64_t now, int64_t id, struct store_account *out);
enum bot_rc store_account_by_name(struct store *st, const char *name, struct store_account *out);
/* Calls fn for every account in id order. */
enum bot_rc store_accounts_each(struct store *st, void (*fn)(const struct store_account *, void *),
                                void *arg);
/* One line of a member's history: the leg on their account and who was on the other side. */
struct store_history {
    int64_t txn;
    int64_t minutes;
    char kind[16];
    char memo[64];
    char counterpart[96];
    int64_t at;
    int64_t request_id;
};
/* The fund's and 代录's rules (fund.c). Who recorded 代录 request_id (0 = not a 代录); its recorder's 代录 created
 * at or after since and not undone; the newest such 代录 of elder by volunteer for service created in [from, to),
 * *id = 0 when none. Write transaction required for store_proxy_set_by. */
enum bot_rc store_proxy_set_by(struct store *st, int64_t request_id, int64_t by);
/* A request marked 公益 (the fund pays) or not, by a 楼长 or staff. Write transaction required. */
/* 设为公益 (on) by member by, or 取消公益 (on = 0: by is cleared). */
enum bot_rc store_request_set_public(struct store *st, int64_t request_id, int on, int64_t by);
enum bot_rc store_proxy_by(struct store *st, int64_t request_id, int64_t *by);
enum bot_rc store_proxy_count(struct store *st, int64_t by, int64_t since, int *n);
/* Requests whose fund-paid credit waits past the budget for staff (基金批准), of building (""/NULL = all); a 代录
 * finished by lapse_due (the confirm deadline) has lapsed, whether or not the tick has closed it yet. */
enum bot_rc store_fund_waiting(struct store *st, const char *building, int64_t lapse_due, int64_t *ids, int max,
                               int *n);
/* 代录 held for a second person's approval (批准代录), not yet approved, of building (""/NULL = all), finished after
 * lapse_due (the confirm deadline: one finished by then has lapsed, whether or not the tick has closed it yet). */
enum bot_rc store_proxy_waiting(struct store *st, const char *building, int64_t lapse_due, int64_t *ids, int max,
                                int *n);
/* The hours (minutes) 代录'd for elder, served (finished_at) in [from, to) and not undone. */
enum bot_rc store_proxy_elder_minutes(struct store *st, int64_t elder, int64_t from, int64_t to, int64_t *minutes);
/* Minutes a complaint's refund gave back for request_id (0 = none). */
enum bot_rc store_request_refunded(struct store *st, int64_t request_id, int64_t *minutes);
/* The 体验券 minutes the fund gave account (an order's requester) for the order, net of what went back. */
enum bot_rc store_request_voucher_net(struct store *st, int64_t request_id, int64_t account, int64_t *minutes);
/* The latest 代录 not undone of elder by volunteer of service, served (finished_at) in [from, to); 0 = none. */
enum bot_rc store_proxy_twin(struct store *st, int64_t elder, int64_t volunteer, const char *service, int64_t from,
                             int64_t to, int64_t *id);
/* The fund's spending for requests of each building's members (building "" = every building, else that one only):
 * minutes it paid in [from, to), net of what came back; approved, the part of those staff approved past the budget
 * (基金批准: the budget counts minutes - approved, as the audit does); waiting, the minutes held past the budget and
 * waiting for staff now (待批, paid nothing yet; a 代录 finished by lapse_due, the confirm deadline, has lapsed and waits no more). */
struct store_fund_spent {
    char building[32];
    int64_t minutes;
    int64_t approved;
    int64_t waiting;
};
enum bot_rc store_fund_spent(struct store *st, int64_t from, int64_t to, const char *building, int64_t lapse_due,
                             struct store_fund_spent *out, int max, int *n);
/* When the member's birthday was last entered or changed (0 = before the bot kept it). */
enum bot_rc store_birthday_set_at(struct store *st, int64_t member, int64_t *at);
/* The period of the newest run of (job, subject) into period[size]; BOT_NOTFOUND when none. */
enum bot_rc store_job_last_period(struct store *st, const char *job, const char *subject, char *period, size_t size);
/* The last max legs on account, newest first. */
enum bot_rc store_history(struct store *st, int64_t account, struct store_history *out, int max, int *n);
/* store_history's rows of a shared account (the fund) that are `building`'s, among its last 1,000: an order's by its
 * requester's building, any other by the building of the member on its other side */
enum bot_rc store_history_building(struct store *st, int64_t account, const char *building,
                                   struct store_history *out, int max, int *n);
/* The services account was credited for from `from` until before `until` (journal kind service, the credit's side):
 * how many, how long. INT64_MAX as `until`: up to now. */
enum bot_rc store_services_since(struct store *st, int64_t account, int64_t from, int64_t until, int *times,
                                 int64_t *minutes);
/* Minutes of the lots transaction txn put on account that expire after `after` and at or before `before`, and the
 * earliest such date (a gift of hours about to expire says so; a refund's hours back already expired, or soon). */
enum bot_rc store_txn_lots_expiring(struct store *st, int64_t account, int64_t txn, int64_t after, int64_t before,
                                    int64_t *minutes, int64_t *earliest);
/* Minutes of live lots expiring at or before `before`, and the earliest such date. */
enum bot_rc store_lots_expiring(struct store *st, int64_t account, int64_t before, int64_t *minutes,
                                int64_t *earliest);
/* The same for the lots expiring in (after, before] only: those still to go, not those already past their date. */
enum bot_rc store_lots_expiring_between(struct store *st, int64_t account, int64_t after, int64_t before,
                                        int64_t *minutes, int64_t *earliest);
struct store_lot {
    int64_t id, remaining, expires_at, member_id;
};
/* Live lots expiring in (after, until] that were not warned about. */
enum bot_rc store_lots_to_warn(struct store *st, int64_t after, int64_t until, struct store_lot *out, int max, int *n);
/* One expiry tick's walk over the due accounts, zeroed before its first batch: when a good share of all accounts is
 * due (a catch-up: a whole city's lots at once) the batches take them in id order, so each batch's account rows,
 * lots and new journal index entries lie together in the file; else oldest first by the next_expiry index. */
struct store_expiry_walk {
    int started, by_id;
    int64_t after; /* by id: the last account taken */
};
/* Expire every due lot of up to max_accounts accounts (those whose earliest
 * live lot may be due, as `walk` takes them) in one journal transaction: a debit leg
 * per account, one credit leg to `expired`. *accounts < max_accounts means
 * nothing is due any more. Write transaction required. */
enum bot_rc store_expire_batch(struct store *st, int64_t now, int max_accounts, struct store_expiry_walk *walk,
                               int *accounts, int *lots, int64_t *minutes);
/* The whole tick at now, batches of `batch` accounts, each its own write transaction (none may be open); *lots the
 * lots expired. On a sqlite file on disk, a tick that walks by id reads each next batch on a connection of its own
 * while the last one is written (store_expire_read, store_expire_apply); otherwise store_expire_batch's. */
enum bot_rc store_expire_run(struct store *st, int64_t now, int batch, int *lots);
/* One batch of the pipelined tick as read: rows[0..n) of at most max, and the last journal row the read saw. */
struct store_expiry_row {
    int64_t account, minutes, next, lots; /* next: the first live lot after now (0: none) */
};
struct store_expiry_batch {
    struct store_expiry_row *rows;
    int n, max;
    int64_t journal_last;
};
/* The due accounts after account `after`, in id order, with their due minutes and lots, from one snapshot (sqlite
 * only: BOT_ERR on PostgreSQL, whose row ids are not in commit order). No write transaction may be open. */
enum bot_rc store_expire_read(struct store *st, int64_t now, int64_t after, struct store_expiry_batch *b);
/* A batch read before expired in one journal transaction, as store_expire_batch does; an account with a journal row
 * after the read's is read again first. Write transaction required (sqlite). */
enum bot_rc store_expire_apply(struct store *st, int64_t now, const struct store_expiry_batch *b, int *lots,
                               int64_t *minutes);

/* ---- the audit (audit.c) ---- */

/* ---- money: the cash ledger, yuan in integer fen (cash.c, ledger_kinds.h) ---- */

struct store_cash_account {
    int64_t id;
    char name[64];
    char kind[16];          /* STORE_CASH_ACCOUNT_KIND_* or bank, fund, payable */
    int64_t member_id;      /* a member's own account (dividends), else 0 */
    char member_name[64];
    int64_t balance_fen;
};
/* One double-entry transaction moving fen (> 0) from one cash account to another, with a kind (STORE_CASH_KINDS),
 * an item (what it was for: 会费, 活动物料, a merchant's name), a reference (a receipt number, a month) and who
 * entered it. An account that holds money (store_cash_kind_holds) never goes below zero: BOT_LIMIT and nothing is
 * written. Write transaction required. */
struct store_cash_transfer {
    int64_t from_account;
    int64_t to_account;
    int64_t fen;
    const char *kind;
    const char *item;
    const char *ref;
    const char *memo;
    int64_t by;             /* the member who entered it, 0 = the bot */
    int64_t now;
};
enum bot_rc store_cash_transfer(struct store *st, const struct store_cash_transfer *t, int64_t *txn_out);
/* Does an account of this kind hold money (never below zero)? Not the income source nor the spending sink. */
int store_cash_kind_holds(const char *account_kind);
enum bot_rc store_cash_account_get(struct store *st, int64_t id, struct store_cash_account *out);
enum bot_rc store_cash_account_by_name(struct store *st, const char *name, struct store_cash_account *out);
enum bot_rc store_cash_accounts_each(struct store *st, void (*fn)(const struct store_cash_account *, void *),
                                     void *arg);
/* The cash account named name, opened (kind, member: 0 = none) when there is none; BOT_INVALID when the name is
 * an account of another kind or member. Write transaction required to open one. */
enum bot_rc store_cash_account_open(struct store *st, const char *name, const char *kind, int64_t member,
                                    int64_t *id);
/* The member's own cash account ("member:<id>", where a dividend share lands), opened when there is none. */
enum bot_rc store_cash_member_account(struct store *st, int64_t member, int64_t *id);
/* One leg of a cash account's history and the accounts on the other side. */
struct store_cash_entry {
    int64_t txn, fen, by, at;
    char kind[16];
    char item[64];
    char ref[32];
    char memo[96];
    char counterpart[96];
};
/* The account's last max legs, newest first. */
enum bot_rc store_cash_history(struct store *st, int64_t account, struct store_cash_entry *out, int max, int *n);
/* An account's legs in [from, to) summed by kind and item (largest first within a kind): a statement's lines. */
struct store_cash_sum {
    char kind[16];
    char item[64];
    int64_t fen;
    int count;
};
enum bot_rc store_cash_sums(struct store *st, int64_t account, int64_t from, int64_t to, struct store_cash_sum *out,
                            int max, int *n);

/* ---- the web console: login links, sessions, its log, and its pages' reads (console.c) ---- */

/* A one-time login link (its token's hash) for member, alive until expires_at; links dead a day are pruned.
 * Write transaction required. */
enum bot_rc store_console_link_put(struct store *st, const char *token_hash, int64_t member, int64_t now,
                                   int64_t expires_at);
/* Take a link once: *member its owner; BOT_NOTFOUND when unknown, used or expired. Write transaction required. */
enum bot_rc store_console_link_take(struct store *st, const char *token_hash, int64_t now, int64_t *member);
struct store_console_session {
    int64_t member_id;
    char csrf[72];
    int64_t expires_at;
};
/* A session (its id's hash) with its CSRF token. Write transaction required. */
enum bot_rc store_console_session_put(struct store *st, const char *sid_hash, int64_t member, const char *csrf,
                                      int64_t now, int64_t expires_at);
/* A live session (not revoked, not expired); BOT_NOTFOUND otherwise. */
enum bot_rc store_console_session_get(struct store *st, const char *sid_hash, int64_t now,
                                      struct store_console_session *out);
/* End every live session of member (退出后台): *n ended; or one session (退出 on the page). Write transaction. */
enum bot_rc store_console_sessions_revoke(struct store *st, int64_t member, int64_t now, int *n);
enum bot_rc store_console_session_revoke(struct store *st, const char *sid_hash, int64_t now);
/* Every console action, with who and when. Write transaction required. */
enum bot_rc store_console_log(struct store *st, int64_t member, const char *action, const char *detail, int64_t now);
/* The newest logged action named action: when, by whom, its detail; BOT_NOTFOUND when none. */
enum bot_rc store_console_last(struct store *st, const char *action, int64_t *at, int64_t *member, char *detail,
                               size_t size);
/* Login tries by address (a failed or refused link), tries before forget_before pruned; and their count since. */
enum bot_rc store_console_try_add(struct store *st, const char *ip, int64_t now, int64_t forget_before);
enum bot_rc store_console_try_count(struct store *st, const char *ip, int64_t since, int *n);
/* The today page's figures, of building ("" = all). */
struct store_console_today {
    int64_t members, active_volunteers, open_requests, unmatched;
};
enum bot_rc store_console_today(struct store *st, int64_t active_since, int64_t unmatched_before, const char *building,
                                struct store_console_today *out);
/* Service minutes confirmed in [since, until) (until 0: no end) of building ("" = all), in one walk of the confirmed
 * orders: by week (key "0".."11": weeks after since), by service and by building (the order's, as posted; largest
 * first). */
#define STORE_CONSOLE_KEYS 64
struct store_console_count {
    char key[32];
    int64_t minutes;
};
struct store_console_hours {
    struct store_console_count week[STORE_CONSOLE_KEYS], service[STORE_CONSOLE_KEYS], building[STORE_CONSOLE_KEYS];
    int nweek, nservice, nbuilding;
};
enum bot_rc store_console_hours(struct store *st, int64_t since, int64_t until, const char *building,
                                struct store_console_hours *out);
/* The 公示: hours served in [from, to) by the building the helpers live in (confirmed orders), largest first; of the
 * helpers of scope only ("" all, a building, STORE_SCOPE_BRANCH "<id>" one branch's buildings). */
enum bot_rc store_console_publicity(struct store *st, int64_t from, int64_t to, const char *scope,
                                    struct store_console_count *out, int max, int *n);
/* Orders, newest first, filtered ("" / 0 = any): status name, the requester's building, service, created in
 * [from, to), a member on either side, numbered below before (0 = any: an export's next page); from the offset-th
 * on. */
struct store_console_filter {
    const char *status, *building, *service;
    int64_t from, to, member, before;
    int offset;
};
struct store_console_order {
    int64_t id, start_at, created_at, credited_minutes, requester_id, volunteer_id;
    char status[16];
    char service[16];
    char requester[64], building[32], volunteer[64];
    char text[512];
};
enum bot_rc store_console_orders(struct store *st, const struct store_console_filter *f, struct store_console_order *out,
                                 int max, int *n);
/* Members, newest first: names starting with name_prefix, of building, or the one with id (""/0 = any). */
struct store_console_member {
    int64_t id, accept_banned_until, balance, earned, created_at, frozen_until;
    char name[64], building[32], phone[24], manager_building[32];
    int roles, suspended, registered;
    int clerk; /* a clerk of a partner merchant */
};
enum bot_rc store_console_members(struct store *st, const char *name_prefix, const char *building, int64_t id,
                                  int offset, struct store_console_member *out, int max, int *n);
/* The system accounts (fund, expired, adjust, hold) and the members' accounts in sum. */
struct store_console_account {
    int64_t id, balance;
    char name[96], kind[16];
    char merchant[64]; /* a partner merchant's own account: its name */
};
struct store_console_totals {
    int64_t members, balance, overdrawn, overdrawn_minutes;
};
enum bot_rc store_console_system_accounts(struct store *st, struct store_console_account *out, int max, int *n,
                                          struct store_console_totals *totals);
/* The journal's legs in [from, to) after leg after_id, oldest first (an export pages through it). */
struct store_console_leg {
    int64_t id, txn, at, minutes, request_id;
    char account[96], member[64], kind[16], memo[64];
};
enum bot_rc store_console_journal(struct store *st, int64_t from, int64_t to, int64_t after_id,
                                  struct store_console_leg *out, int max, int *n);
/* A month's report, [from, to): people, orders, hours, satisfaction, complaints, activities; of scope only ("" all,
 * a building, STORE_SCOPE_BRANCH "<id>": members by their building, orders by theirs, ratings and complaints by their
 * order's, activities by their organiser's, sign-ins by the member's). */
struct store_console_month {
    int64_t new_members, members, posted, confirmed, minutes, cancelled, expired, volunteers, ratings;
    double stars;
    int64_t complaints, complaints_decided, activities, sign_ins;
};
enum bot_rc store_console_month(struct store *st, int64_t from, int64_t to, const char *scope,
                                struct store_console_month *out);
/* Activities, newest first, of organisers of building ("" = all). */
struct store_console_activity {
    int64_t id, starts_at, ends_at, participants;
    int closed;
    char title[128], place[128], organiser[64], building[32];
};
enum bot_rc store_console_activities(struct store *st, const char *building, struct store_console_activity *out,
                                     int max, int *n);
/* ---- partner merchants: their terms, clerks, members' redemption codes, redemptions (merchants.c) ---- */

struct store_merchant {
    int64_t id;
    char name[64];
    int64_t yuan_per_credit_fen;    /* what one credit (hour) takes off a bill there */
    int64_t max_fen;                /* the most taken off one purchase */
    int fee_bp;                     /* the management fee on members' spending, in hundredths of a percent */
    int64_t account_id;             /* its time account (kind merchant): the hours spent there */
    int64_t cash_account_id;        /* its cash account (kind merchant): what it owes */
    int64_t created_at, updated_at;
};
/* Add the merchant m->name with m's terms, or (*created = 0) change the terms of the one of that name; m is then
 * the row as stored. A new merchant gets its time account and its cash account. Write transaction required. */
enum bot_rc store_merchant_put(struct store *st, struct store_merchant *m, int64_t by, int64_t now, int *created);
enum bot_rc store_merchant_by_name(struct store *st, const char *name, struct store_merchant *out);
enum bot_rc store_merchant_get(struct store *st, int64_t id, struct store_merchant *out);
/* The merchants by name, at most max. */
enum bot_rc store_merchants_list(struct store *st, struct store_merchant *out, int max, int *n);
/* Clerks: a member bound to a merchant redeems codes there. BOT_DUP when bound already; unbinding one who is not:
 * BOT_NOTFOUND. Write transaction required for both. */
enum bot_rc store_clerk_bind(struct store *st, int64_t merchant, int64_t member, int64_t by, int64_t now);
enum bot_rc store_clerk_unbind(struct store *st, int64_t merchant, int64_t member);
/* The merchants member is a clerk of, oldest binding first. */
enum bot_rc store_clerk_merchants(struct store *st, int64_t member, struct store_merchant *out, int max, int *n);
/* A member's redemption code: live while not used, not replaced and not expired. */
struct store_redeem_code {
    int64_t id;
    char code[16];
    int64_t member_id, created_at, expires_at, used_at, replaced_at;
};
/* A new code for member, living until expires_at; the member's live codes are replaced. BOT_DUP when the code
 * was ever given before (draw another). Write transaction required. */
enum bot_rc store_redeem_code_put(struct store *st, const char *code, int64_t member, int64_t now,
                                  int64_t expires_at);
enum bot_rc store_redeem_code_get(struct store *st, const char *code, struct store_redeem_code *out);
/* Mark code id used at now; BOT_DUP when it was used (or replaced) already. Write transaction required. */
enum bot_rc store_redeem_code_use(struct store *st, int64_t id, int64_t now);
/* A clerk's wrong code (one no member was given), and when the clerk's nth most recent wrong code was made
 * (0 = fewer than n). Write transaction required for the add. */
enum bot_rc store_redeem_wrong_add(struct store *st, int64_t clerk, const char *code, int64_t now);
enum bot_rc store_redeem_wrong_nth(struct store *st, int64_t clerk, int n, int64_t *at);
/* One redemption (核销), written with its journal transaction (txn) and its fee's cash transaction (cash_txn,
 * 0 = no fee). Write transaction required. */
struct store_redemption {
    int64_t id, merchant_id, member_id, clerk_id;
    char code[16];
    int64_t price_fen, minutes, discount_fen, fee_fen, at, txn, cash_txn;
};
enum bot_rc store_redemption_add(struct store *st, struct store_redemption *r);
/* A merchant's redemptions in [from, to): how many, hours, yuan taken off, members' spending, fees. */
struct store_merchant_month {
    int count;
    int64_t minutes, discount_fen, price_fen, fee_fen;
};
enum bot_rc store_merchant_month(struct store *st, int64_t merchant, int64_t from, int64_t to,
                                 struct store_merchant_month *out);
/* ---- memberships and dividends (membership.c) ---- */

/* One paid period of a tier: [from, until), its fee and how it was paid (现金/线上), the receipt, who entered it,
 * the cash transaction of the fee; the tier's voucher (minutes, 0 = none) and the request it was spent on. */
struct store_membership {
    int64_t id, member_id;
    char tier[32];
    int64_t from, until, fen;
    char paid_how[16];
    char receipt[32];
    int64_t by, cash_txn;
    int voucher_minutes;
    int64_t voucher_request; /* 0 = not spent */
    int64_t reminded_at;     /* the renewal reminder, 0 = not yet */
};
/* Write transaction required; BOT_INVALID for an empty period, fee or transaction. */
enum bot_rc store_membership_add(struct store *st, const struct store_membership *m, int64_t now, int64_t *id);
/* The membership whose receipt is receipt (BOT_NOTFOUND: none). */
enum bot_rc store_membership_by_receipt(struct store *st, const char *receipt, struct store_membership *out);
/* A fee undone (退会费): its period ends where it began and its voucher goes; BOT_DUP when it had ended so or its
 * voucher was spent. Write transaction required. */
enum bot_rc store_membership_end(struct store *st, int64_t id);
/* The member's membership ending last (BOT_NOTFOUND: never a member). */
enum bot_rc store_membership_last(struct store *st, int64_t member, struct store_membership *out);
/* The membership in force at now (the one ending last), or BOT_NOTFOUND. */
enum bot_rc store_membership_now(struct store *st, int64_t member, int64_t now, struct store_membership *out);
/* How many memberships have a receipt LIKE receipt_like (the bot numbers its receipts of a year: HF2026-%). */
enum bot_rc store_membership_count(struct store *st, const char *receipt_like, int64_t *n);
/* Is a receipt number already on a membership? */
enum bot_rc store_receipt_used(struct store *st, const char *receipt, int *used);
/* Memberships of tier entered for member since `since` (a fee entered twice). */
enum bot_rc store_membership_twin(struct store *st, int64_t member, const char *tier, int64_t since, int *n);
/* Memberships ending in (now, before] that no later one follows and that were not reminded, soonest first. */
enum bot_rc store_memberships_due(struct store *st, int64_t now, int64_t before, struct store_membership *out, int max,
                                  int *n);
/* Mark it reminded; BOT_DUP when it was. */
enum bot_rc store_membership_reminded(struct store *st, int64_t id, int64_t now);
/* The member's membership in force at now whose voucher is not spent (BOT_NOTFOUND: none). */
enum bot_rc store_voucher_open(struct store *st, int64_t member, int64_t now, struct store_membership *out);
/* The minutes of the voucher spent on request_id (0: none). */
enum bot_rc store_voucher_of_request(struct store *st, int64_t request_id, int64_t *minutes);
/* Spend it on request_id; BOT_DUP when it was spent. */
enum bot_rc store_voucher_use(struct store *st, int64_t membership, int64_t request_id);
/* The voucher spent on request_id unspent again (all it paid went back to the fund). */
enum bot_rc store_voucher_unuse(struct store *st, int64_t request_id);

/* A year's dividends: the net profit and its four parts (fen), computed (a draft) and confirmed (paid). */
struct store_dividend {
    int year;
    int64_t profit_fen, members_fen, founders_fen, fund_fen, board_fen;
    int64_t computed_at, computed_by, confirmed_at, confirmed_by; /* confirmed_at 0 = a draft */
};
/* One member's line: membership years, the year's service credit, the people referred, the contribution
 * (score = contribution x 60: years x 60 + minutes x 2 + referred x 300) and the share. */
struct store_dividend_share {
    int64_t member_id;
    char name[64];
    int years;
    int64_t service_minutes;
    int referred;
    int64_t score;
    int64_t fen;
};
/* Members of a tier listed in tiers (",共创会员,") some day of [from, to), their contribution filled in (fen 0). */
enum bot_rc store_dividend_contributors(struct store *st, int64_t from, int64_t to, const char *tiers,
                                        struct store_dividend_share *out, int max, int *n);
enum bot_rc store_dividend_get(struct store *st, int year, struct store_dividend *out);
/* Store the draft and its lines, replacing a draft of that year; BOT_DUP when the year was confirmed. */
enum bot_rc store_dividend_put(struct store *st, const struct store_dividend *d, const struct store_dividend_share *sh,
                               int n);
/* The year's lines, the largest share first. */
enum bot_rc store_dividend_shares(struct store *st, int year, struct store_dividend_share *out, int max, int *n);
/* Mark the year paid; BOT_DUP when it was. */
enum bot_rc store_dividend_confirm(struct store *st, int year, int64_t by, int64_t now);
/* ---- money: income and spending recorded by staff, spending approvals (finance.c) ---- */
enum store_spend_status { STORE_SPEND_PENDING = 0, STORE_SPEND_APPROVED, STORE_SPEND_REJECTED };
/* One spending (支出#N): band 1 one approver (done when entered), 2 a second staff member, 3 the members' meeting. */
struct store_spending {
    int64_t id;
    char item[64];
    int64_t fen;
    char memo[128];
    int band;
    enum store_spend_status status;
    int64_t entered_by, entered_at;
    int64_t decided_by, decided_at; /* 0 while pending */
    char decision[160];             /* the meeting's reference, or why it was rejected */
    int64_t cash_txn;               /* the cash transaction of an approved spending */
};
/* A new spending row (write transaction); approved at once when status says so. */
enum bot_rc store_spending_create(struct store *st, const struct store_spending *s, int64_t *id);
enum bot_rc store_spending_get(struct store *st, int64_t id, struct store_spending *out);
/* A pending spending approved or rejected (status, by, decision, cash txn, now); BOT_DUP when it no longer waits. */
enum bot_rc store_spending_decide(struct store *st, int64_t id, enum store_spend_status status, int64_t by,
                                  const char *decision, int64_t cash_txn, int64_t now);
/* The spendings waiting, oldest first. */
enum bot_rc store_spendings_pending(struct store *st, struct store_spending *out, int max, int *n);
/* The newest spending of item, fen and memo entered since `since`, not rejected (a twin): *id, 0 when none. */
enum bot_rc store_spending_twin(struct store *st, const char *item, int64_t fen, const char *memo, int64_t since,
                                int64_t *id);
/* What `by` approved alone (the single-approver band) for item since `since`, in fen. */
enum bot_rc store_spending_self_sum(struct store *st, int64_t by, const char *item, int64_t since, int64_t *fen);
/* How many cash legs of this kind exist (the opening balance is recorded once). */
enum bot_rc store_cash_kind_count(struct store *st, const char *kind, int64_t *n);
/* A cash account's balance as it stood just before `at` (the sum of its legs before it). */
enum bot_rc store_cash_balance_at(struct store *st, int64_t account, int64_t at, int64_t *fen);
/* The hours' journal kind `kind` for a request, net on the named system account (fund: minus what it paid out). */
enum bot_rc store_request_kind_sum(struct store *st, int64_t request_id, const char *kind, const char *account,
                                   int64_t *minutes);

/* The rule book's numbers the audit holds the store to (bot.ini's [rules] as they are now). */
struct store_audit_rules {
    int default_estimate_minutes, over_estimate_minutes, max_request_minutes; /* a request's credit cap */
    int64_t fund_budget_minutes;  /* the fund's monthly spending per building unless staff approved; 0 = none */
    int utc_offset;               /* seconds east of UTC: where a month starts */
};
/* Audit every ledger invariant, and with rules (NULL = the ledger alone) the rule book's: no request credited past
 * its cap, the fund within each building's monthly budget but for what staff approved. Writes one line per broken
 * invariant into report (bounded); *broken is their count. */
enum bot_rc store_audit(struct store *st, const struct store_audit_rules *rules, char *report, size_t reportsz,
                        int *broken);

/* ---- community: ratings, activities, complaints, boards and reports (community.c) ---- */

/* Strikes: a member's no-show or late cancel of an order (kinds below), counted in a window. */
#define STORE_STRIKE_NO_SHOW "no_show"
#define STORE_STRIKE_LATE_CANCEL "late_cancel"
#define STORE_STRIKE_WITHDRAW "withdraw" /* gave an accepted order back after its whole address was shown her */
enum bot_rc store_strike_add(struct store *st, int64_t member, int64_t request_id, const char *kind, int64_t at);
enum bot_rc store_strike_count(struct store *st, int64_t member, const char *kind, int64_t since, int *n);
/* Take back member's strikes of kind on request_id since `since` (an undone cancel). */
enum bot_rc store_strike_remove(struct store *st, int64_t member, int64_t request_id, const char *kind, int64_t since);
/* Members with at least min_count strikes of kind since `since`, most first: their count and orders (#3 #7). */
struct store_review {
    int64_t member_id;
    int count;
    char requests[160];
};
enum bot_rc store_strikes_review(struct store *st, const char *kind, int64_t since, int min_count,
                                 struct store_review *out, int max, int *n);

/* Ratings: one per side per request (BOT_DUP on a second). */
enum bot_rc store_rating_add(struct store *st, int64_t request_id, int64_t rater, int64_t ratee, int stars,
                             int64_t now);
enum bot_rc store_rating_avg(struct store *st, int64_t member, double *avg, int *n);
/* Activities run by managers. */
struct store_activity {
    int64_t id;
    int64_t organiser_id;
    char title[128];
    int closed;
    int64_t starts_at, ends_at; /* 0: an activity from before they carried a time */
    char place[128];
};
enum bot_rc store_activity_create(struct store *st, int64_t organiser, const char *title, int64_t starts_at,
                                  int64_t ends_at, const char *place, int64_t now, int64_t *id);
enum bot_rc store_activity_get(struct store *st, int64_t id, struct store_activity *out);
enum bot_rc store_activity_sign(struct store *st, int64_t id, int64_t member, int64_t now); /* BOT_DUP */
enum bot_rc store_activity_participants(struct store *st, int64_t id, int64_t *members, int max, int *n);
enum bot_rc store_activity_close(struct store *st, int64_t id, int64_t now);
/* The activities open for sign-in at now (from `before` seconds ahead of their start to their end), oldest first. */
enum bot_rc store_activities_open(struct store *st, int64_t now, int64_t before, int64_t *ids, int max, int *n);
/* Complaints hold a request's credits until an admin resolves them. */
struct store_complaint {
    int64_t id;
    int64_t request_id;
    int64_t complainant_id;
    char prev_status[16];
    int held_minutes;       /* minutes moved to the hold account */
    char status[16];        /* open, refund, penalty, dismissed, halved, ban, malicious */
    int64_t created_at;
    int64_t responded_at;   /* first answered by staff or the 楼长 (受理投诉, or the decision), 0 = not yet */
    int64_t resolved_at;    /* 0 = open */
    char text[256];         /* what the complainant wrote */
    int64_t filed_by;       /* a 楼长 who filed it for an elder without a phone (the complainant), 0 = herself */
    int64_t resolver_id;    /* who decided it, 0 = open (or the bot's deadline) */
};
enum bot_rc store_complaint_create(struct store *st, struct store_complaint *c, const char *text, int64_t now);
enum bot_rc store_complaint_open_for(struct store *st, int64_t request_id, struct store_complaint *out);
enum bot_rc store_complaint_resolve(struct store *st, int64_t id, const char *status, int64_t resolver,
                                    int64_t now); /* also its first response, if none came before */
enum bot_rc store_complaint_get(struct store *st, int64_t id, struct store_complaint *out);
/* The first response to complaint id (受理投诉): kept once. Write transaction required. */
enum bot_rc store_complaint_respond(struct store *st, int64_t id, int64_t now);
/* Open complaints, oldest first, on requests of members of building ("" = all). */
enum bot_rc store_complaints_open(struct store *st, const char *building, struct store_complaint *out, int max,
                                  int *n);
/* Decided complaints, the newest decision first, on orders posted from building ("" = all). */
enum bot_rc store_complaints_decided(struct store *st, const char *building, struct store_complaint *out, int max,
                                     int *n);
/* Ids of open complaints made at or before created_before (unanswered: only those nobody answered yet). */
enum bot_rc store_complaints_due(struct store *st, int64_t created_before, int unanswered, int64_t *ids, int max,
                                 int *n);
enum bot_rc store_complaints_of_request(struct store *st, int64_t request_id, struct store_complaint *out, int max,
                                        int *n);
/* A member a complaint banned from accepting waits for retraining: the order it came from (0 = cleared).
 * Write transaction required for the set. */
struct store_retraining {
    int64_t member_id, request_id;
};
enum bot_rc store_member_set_retraining(struct store *st, int64_t member, int64_t request_id);
enum bot_rc store_member_retraining(struct store *st, int64_t member, int64_t *request_id);
enum bot_rc store_members_retraining(struct store *st, struct store_retraining *out, int max, int *n);
/* An order's journal: its credit legs (minutes > 0) oldest first, who paid and who received. */
struct store_order_leg {
    int64_t txn, minutes, at;
    char kind[16];
    char memo[64];
    char from[96], to[96];
};
enum bot_rc store_order_legs(struct store *st, int64_t request_id, struct store_order_leg *out, int max, int *n);
/* Anonymous monthly board: minutes of service earned per building in [from, to). */
struct store_board_row {
    char building[32];
    int64_t minutes;
};
enum bot_rc store_leaderboard(struct store *st, int64_t from, int64_t to, struct store_board_row *out, int max,
                              int *n);
/* Volunteers by service minutes earned in [from, to): their building only. */
/* store_top_volunteers of one branch's members (issue 18: each branch's groups read their own board). */
enum bot_rc store_top_volunteers_branch(struct store *st, int64_t branch_id, int64_t from, int64_t to,
                                        struct store_board_row *out, int max, int *n);
enum bot_rc store_top_volunteers(struct store *st, int64_t from, int64_t to, struct store_board_row *out, int max,
                                 int *n);
struct store_report {
    int64_t requests, matched, minutes, new_members;
};
enum bot_rc store_month_report(struct store *st, int64_t from, int64_t to, struct store_report *out);
/* The same of one branch (issue 18): requests posted from its buildings, hours its members earned, its new members;
 * branch_id 0 for the whole alliance. */
enum bot_rc store_month_report_branch(struct store *st, int64_t branch_id, int64_t from, int64_t to,
                                      struct store_report *out);

/* ---- queues: inbox, outbox, job claims, chats bound to buildings (queues.c) ---- */

/* Inbox de-duplication. A message is the same message when its platform,
 * chat ("" for a private one), sender and message id are; its first reply is
 * kept for it. */
struct store_msg_key {
    const char *platform;
    const char *chat_id;    /* NULL = "" */
    const char *user_id;
    const char *message_id;
};
enum bot_rc store_inbox_get(struct store *st, const struct store_msg_key *k, char *reply, size_t replysz,
                            int *has_reply);
enum bot_rc store_inbox_put(struct store *st, const struct store_msg_key *k, const char *reply, int64_t now);
/* ---- conversation.c: what the bot asked a member in one chat and waits an
 * answer to (a time, which order, yes or no). One question per member and
 * chat: asking again replaces it. The key's message_id is not used. */
#define STORE_PENDING_KIND_MAX 24
#define STORE_PENDING_PAYLOAD_MAX 1024
struct store_pending {
    char kind[STORE_PENDING_KIND_MAX];
    char payload[STORE_PENDING_PAYLOAD_MAX]; /* what the handler needs to finish it (JSON) */
    int64_t asked_at, expires_at;
};
/* Write transaction required. BOT_TOOBIG when kind or payload do not fit. */
enum bot_rc store_pending_put(struct store *st, const struct store_msg_key *who, const char *kind,
                              const char *payload, int64_t now, int64_t expires_at);
/* The question still open at now; BOT_NOTFOUND when none (or it expired). */
enum bot_rc store_pending_get(struct store *st, const struct store_msg_key *who, int64_t now,
                              struct store_pending *out);
/* Write transaction required; no question is no error. */
enum bot_rc store_pending_clear(struct store *st, const struct store_msg_key *who);
/* Delete up to max questions expired before now. Write transaction required. */
enum bot_rc store_pending_prune(struct store *st, int64_t now, int max, int *deleted);
/* Delete up to max rows stored before `before`; *deleted says how many. Write transaction required. */
enum bot_rc store_inbox_prune(struct store *st, int64_t before, int max, int *deleted);
/* Outbox: a push queued in the same transaction as its cause. */
enum bot_rc store_outbox_add(struct store *st, const char *job, const char *platform,
                             const char *chat_id, const char *user_id, const char *text,
                             int64_t now, int64_t not_before);
/* The same, about open order `request` (a match push, v36): it goes only while that order is open, not begun and
 * still at the start it had when queued (v40); else the sender drops it unsent (status 'dropped', with why). */
enum bot_rc store_outbox_add_about(struct store *st, const char *job, const char *platform, const char *chat_id,
                                   const char *user_id, const char *text, int64_t now, int64_t not_before,
                                   int64_t request);
/* Where a dropped push was going (store_outbox_drop_moved). */
struct store_push_dest {
    int64_t id;
    char job[24];
    char platform[16];
    char chat_id[64];
    char user_id[96];
};
/* Order `request` was moved (its start_at is already the new one): its pending pushes that told the old start (v40)
 * are marked dropped, reason STORE_OUTBOX_WHY_MOVED, in the caller's transaction, and up to max of them are returned
 * (*n), so the caller can queue what is true now in their place; any past max are dropped by the sender all the
 * same (store_outbox_due's stale). */
enum bot_rc store_outbox_drop_moved(struct store *st, int64_t request, struct store_push_dest *out, int max, int *n);
/* Why a push was dropped unsent (outbox.last_error of a 'dropped' row). */
#define STORE_OUTBOX_WHY_OVER "its order is no longer open"
#define STORE_OUTBOX_WHY_MOVED "its order moved to another time"
/* a match push (an open order offered) that failed: dropped, not retried; the platform's answer follows */
#define STORE_OUTBOX_WHY_OFFER "an offer is not retried: "
/* Outbox delivery. */
struct store_outbox {
    int64_t id;
    char job[24];
    char platform[16];
    char chat_id[64];
    char user_id[96];
    char text[2048];
    int attempts;
    char status[12];
    int64_t next_at;
    char last_error[256];
    int stale; /* store_outbox_due, not to be sent: STORE_OUTBOX_STALE_OVER (about an order no longer open, or
                * begun) or STORE_OUTBOX_STALE_MOVED (it told a start the order no longer has); 0: to be sent */
};
enum { STORE_OUTBOX_STALE_OVER = 1, STORE_OUTBOX_STALE_MOVED = 2 };
/* DROPPED: never sent, and no failure: what it was about is over (a stale row) */
enum store_outbox_result { STORE_OUTBOX_SENT, STORE_OUTBOX_RETRY, STORE_OUTBOX_DEAD, STORE_OUTBOX_DROPPED };
/* Due pending rows (next_at <= now) in round-robin order across destinations
 * (platform + chat or user): each destination's oldest, then each one's
 * second, ..., at most per_dest of each, never the ids in skip[nskip] (in
 * flight), at most max rows. A destination's backlog thus takes per_dest places
 * of the window, never the window. A scan sees at most max destinations, from
 * the one after *cursor on (in the order of their keys, wrapping around), and
 * leaves cursor at the last one it saw (start with ""): a backlog of more
 * destinations than that is served in turn, and a scan reads its own rows, not
 * the whole backlog. */
#define STORE_OUTBOX_DEST_MAX 192
enum bot_rc store_outbox_due(struct store *st, int64_t now, const int64_t *skip, int nskip, int per_dest,
                             char cursor[STORE_OUTBOX_DEST_MAX], struct store_outbox *out, int max, int *n);
/* The backlog, for /healthz: pending and dead rows, and the age in seconds
 * of the oldest pending one (0 when none). Reads an index only. */
struct store_outbox_stats {
    int64_t pending;
    int64_t dead;
    int64_t oldest_pending_age;
    int64_t dropped; /* never sent, no failure: what they were about was over or had moved (v36, v40) */
};
enum bot_rc store_outbox_stats(struct store *st, int64_t now, struct store_outbox_stats *out);
/* *reached = 1 when at least limit rows are pending (counts no further). */
/* *yes = 1 when a private push to platform/user_id was ever sent (as far as the outbox keeps its rows). */
enum bot_rc store_outbox_reached(struct store *st, const char *platform, const char *user_id, int *yes);
enum bot_rc store_outbox_pending_at_least(struct store *st, int64_t limit, int *reached);
/* Take due row id for one send, before sending it, so that one process of several on one database sends it
 * (PostgreSQL): until `until` (past the send's timeouts) the row is out of every process's scan but keeps its
 * place in its destination's order; the send's mark then sets its fate, and a process killed mid-send leaves it
 * to be taken again at until (sent again: at least once). BOT_DUP when another process took it first (or it was
 * sent, or is not due). Autocommit (the row lock decides) or inside a write transaction. On sqlite BOT_OK at once,
 * no write: one process sends, and its in-flight list (store_outbox_due's skip_ids) is the claim. */
enum bot_rc store_outbox_claim(struct store *st, int64_t id, int64_t now, int64_t until);
/* SENT (when = sent time), RETRY (when = next attempt), DEAD (error kept). */
enum bot_rc store_outbox_mark(struct store *st, int64_t id, enum store_outbox_result result, int64_t when,
                              const char *error);
/* Pending and dead rows (all = 0), or every row after after_id (all = 1). */
enum bot_rc store_outbox_each(struct store *st, int64_t after_id, int all,
                              void (*fn)(const struct store_outbox *, void *), void *arg);
int64_t store_outbox_last_id(struct store *st);
/* When (job, subject, period) was claimed; BOT_NOTFOUND when it was not. */
enum bot_rc store_job_claimed_at(struct store *st, const char *job, const char *subject, const char *period,
                                 int64_t *at);
/* The scheduler: claim (job, subject, period) once; BOT_DUP when done before. */
enum bot_rc store_job_claim(struct store *st, const char *job, const char *subject, const char *period, int64_t now);
/* Every period of (job, subject) claimed undone: the job may run for it again (an order moved while it waited is
 * escalated again at its new time). Write transaction required. */
enum bot_rc store_job_unclaim(struct store *st, const char *job, const char *subject);
/* store_job_claim, and when claimed before (BOT_DUP) its time moves to now: the latest of a subject's periods is
 * the one marked last (store_job_last_period). Write transaction required. */
enum bot_rc store_job_mark(struct store *st, const char *job, const char *subject, const char *period, int64_t now);
/* Group chats bound to a building (escalations and boards go there). */
struct store_chat {
    char platform[16];
    char chat_id[64];
};
enum bot_rc store_bind_chat(struct store *st, const char *platform, const char *chat_id, const char *building,
                            int64_t by, int64_t now);
/* The chats bot.ini binds (a WeCom robot, which no 绑定 can reach: it never writes to the bot): platform's rows bound by
 * nobody become one per building of the comma-separated list (chat_id the building: the robot is one destination). */
enum bot_rc store_bind_configured(struct store *st, const char *platform, const char *buildings, int64_t now);
enum bot_rc store_chats_of_building(struct store *st, const char *building, struct store_chat *out, int max,
                                    int *n);
enum bot_rc store_all_chats(struct store *st, struct store_chat *out, char (*buildings)[32], int max, int *n);

/* ---- branches (分会, issue 18) above buildings, one ledger (branches.c) ---- */
#define STORE_BUILDING_MAX 32
#define STORE_BRANCH_DEFAULT 1 /* a fresh store's one branch; a building not mapped is in it */
struct store_branch {
    int64_t id;
    char name[64];          /* '' for branch 1: bot.ini's [branch] name names it */
    int allow_cross;        /* its open requests are open to other branches' volunteers */
    int64_t fund_account;   /* its community fund: 'fund' for branch 1, 'fund:<id>' for the others */
    int64_t members;        /* store_branch_list: registered members whose building is in it */
    int64_t minutes;        /* store_branch_list: minutes credited for orders posted in it */
};
/* A new branch named name with its fund account; BOT_DUP when the name is taken. Write transaction required. */
enum bot_rc store_branch_add(struct store *st, const char *name, int64_t now, int64_t *id);
/* The branch named name / of id: BOT_NOTFOUND when none. */
enum bot_rc store_branch_by_name(struct store *st, const char *name, struct store_branch *out);
enum bot_rc store_branch_get(struct store *st, int64_t id, struct store_branch *out);
/* A branch's requests open to other branches' volunteers (分会互通) or not. Write transaction required. */
enum bot_rc store_branch_set_cross(struct store *st, int64_t id, int on);
/* The building joins branch_id (its members' home branch follows). Write transaction required. */
enum bot_rc store_building_set_branch(struct store *st, const char *building, int64_t branch_id);
/* The branch of a building, of a member (her building's; 1 for none) and of a request (the building it was posted from). */
enum bot_rc store_building_branch(struct store *st, const char *building, int64_t *branch_id);
enum bot_rc store_member_branch(struct store *st, int64_t member_id, int64_t *branch_id);
enum bot_rc store_request_branch(struct store *st, int64_t request_id, int64_t *branch_id);
/* *open: the request is of member's branch, or its branch allows cross-branch help. BOT_NOTFOUND: no request. */
enum bot_rc store_request_open_to(struct store *st, int64_t request_id, int64_t member_id, int *open);
/* Every branch with its members and hours, by id, up to max. */
enum bot_rc store_branch_list(struct store *st, struct store_branch *out, int max, int *n);
/* The buildings mapped to a branch, by name, up to max (branch 1 also holds every building not mapped). */
enum bot_rc store_branch_buildings(struct store *st, int64_t branch_id, char (*out)[STORE_BUILDING_MAX], int max,
                                   int *n);
/* A staff member's scope: 0 the whole alliance (联盟管理员), else the one branch she manages (分会管理员). */
enum bot_rc store_member_set_branch_scope(struct store *st, int64_t member_id, int64_t branch_id);
enum bot_rc store_member_branch_scope(struct store *st, int64_t member_id, int64_t *branch_id);
/* A building filter over one branch's buildings: every store call taking a building ("" for all) also takes
 * STORE_SCOPE_BRANCH "<id>" (分会#2), written by store_scope_of_branch; store_scope_branch reads its id (0: none). */
#define STORE_SCOPE_BRANCH "分会#"
void store_scope_of_branch(int64_t branch_id, char out[STORE_BUILDING_MAX]);
int64_t store_scope_branch(const char *scope);

#endif
