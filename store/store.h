/* store.h — the only place that speaks SQL. sqlite3 in WAL mode, one
 * connection per thread, every write inside a transaction the store owns,
 * write transactions serialised through one process-wide writer lock. */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include "../bot/common.h"

struct store;

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
};

enum store_req_status {
    STORE_REQ_OPEN = 0,
    STORE_REQ_ACCEPTED,
    STORE_REQ_IN_SERVICE,
    STORE_REQ_FINISHED,
    STORE_REQ_CONFIRMED,
    STORE_REQ_CANCELLED,
    STORE_REQ_DISPUTED
};
const char *store_req_status_name(enum store_req_status s);

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
    char platform[16];
    char chat_id[64];
    int64_t created_at, accepted_at, started_at, finished_at, confirmed_at;
    int credited_minutes;
};

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

/* Journal kinds. */
#define STORE_KIND_SERVICE "service"

/* Open (creating and migrating) the store at path. sync is "FULL" or
 * "NORMAL". *out is NULL on failure, err[256] says why. The caller frees
 * with store_close() (NULL is accepted). */
enum bot_rc store_open(const char *path, const char *sync, struct store **out, char err[256]);
void store_close(struct store *st);
/* Cheap liveness probe (SELECT 1). */
enum bot_rc store_ping(struct store *st);

/* Write transactions: store_begin() takes the process-wide writer lock and
 * runs BEGIN IMMEDIATE; store_commit()/store_rollback() end it and release
 * the lock. Reads need no transaction. */
enum bot_rc store_begin(struct store *st);
enum bot_rc store_commit(struct store *st);
void store_rollback(struct store *st);

/* Members and identities. */
enum bot_rc store_member_by_identity(struct store *st, const char *platform, const char *user_id,
                                     struct store_member *out);
enum bot_rc store_member_get(struct store *st, int64_t id, struct store_member *out);
/* Creates member, identity and the member's account "<platform>:<user_id>"
 * with the given overdraft limit (minutes, >= 0). Write transaction required. */
enum bot_rc store_member_create(struct store *st, const char *platform, const char *user_id,
                                const char *name, int64_t overdraft_minutes, int64_t now,
                                struct store_member *out);
enum bot_rc store_member_register(struct store *st, int64_t id, const char *name,
                                  const char *building, const char *birthday);
enum bot_rc store_member_set_name(struct store *st, int64_t id, const char *name);

/* Requests. */
enum bot_rc store_request_create(struct store *st, struct store_request *r);
enum bot_rc store_request_get(struct store *st, int64_t id, struct store_request *out);
/* Writes every mutable field of r back (status, volunteer, times, credit). */
enum bot_rc store_request_update(struct store *st, const struct store_request *r);
/* Open requests, newest first, at most max; *n set to the count. */
enum bot_rc store_request_list_open(struct store *st, struct store_request *out, int max, int *n);
enum bot_rc store_request_count_open_by(struct store *st, int64_t member_id, int *n);

/* Ledger. One double-entry transaction moving minutes (> 0) from one
 * account to another. When enforce_limit is set and the source account has a
 * limit that would be crossed, returns BOT_LIMIT and writes nothing. A credit
 * to a member account lands as a lot expiring at lot_expires_at (0 = never);
 * a debit spends the oldest lots first. Write transaction required. */
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
    int counts_as_earned;   /* add to the receiver's lifetime earned */
};
enum bot_rc store_transfer(struct store *st, const struct store_transfer *t, int64_t *txn_out);
enum bot_rc store_account_get(struct store *st, int64_t id, struct store_account *out);
enum bot_rc store_account_by_name(struct store *st, const char *name, struct store_account *out);
/* Calls fn for every account in id order. */
enum bot_rc store_accounts_each(struct store *st, void (*fn)(const struct store_account *, void *),
                                void *arg);

/* Inbox de-duplication: the reply stored for (platform, message_id). */
enum bot_rc store_inbox_get(struct store *st, const char *platform, const char *message_id,
                            char *reply, size_t replysz, int *has_reply);
enum bot_rc store_inbox_put(struct store *st, const char *platform, const char *message_id,
                            const char *reply, int64_t now);

/* Outbox: a push queued in the same transaction as its cause. */
enum bot_rc store_outbox_add(struct store *st, const char *job, const char *platform,
                             const char *chat_id, const char *user_id, const char *text,
                             int64_t now);

/* Audit every ledger invariant. Writes one line per broken invariant into
 * report (bounded); *broken is their count. */
enum bot_rc store_audit(struct store *st, char *report, size_t reportsz, int *broken);

#endif
