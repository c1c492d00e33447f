/* store.c — schema, migrations, members, requests, ledger, inbox, outbox. */
#include "store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Every write transaction in the process takes this lock first, so writers
 * never spin in sqlite's busy handler against each other (PERF_NOTES trap 4).
 * It is a ticket lock: writers are served in arrival order, so a job that
 * commits batch after batch cannot starve a webhook waiting between them. */
static pthread_mutex_t writer_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t writer_cv = PTHREAD_COND_INITIALIZER;
static unsigned long writer_next, writer_serving;

static void writer_lock(void)
{
    pthread_mutex_lock(&writer_mu);
    unsigned long me = writer_next++;
    while (me != writer_serving)
        pthread_cond_wait(&writer_cv, &writer_mu);
    pthread_mutex_unlock(&writer_mu);
}

static void writer_unlock(void)
{
    pthread_mutex_lock(&writer_mu);
    writer_serving++;
    pthread_cond_broadcast(&writer_cv);
    pthread_mutex_unlock(&writer_mu);
}

#define STORE_SCHEMA_VERSION 10

static const char schema_v1[] =
    "CREATE TABLE members("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', building TEXT NOT NULL DEFAULT '',"
    "  birthday TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
    "  registered INTEGER NOT NULL DEFAULT 0, roles INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL, account_id INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE identities("
    "  platform TEXT NOT NULL, user_id TEXT NOT NULL, member_id INTEGER NOT NULL REFERENCES members(id),"
    "  PRIMARY KEY(platform, user_id)) WITHOUT ROWID;"
    "CREATE TABLE accounts("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
    "  member_id INTEGER, balance INTEGER NOT NULL DEFAULT 0, earned INTEGER NOT NULL DEFAULT 0,"
    "  min_balance INTEGER);"
    "CREATE TABLE journal("
    "  id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, account_id INTEGER NOT NULL REFERENCES accounts(id),"
    "  minutes INTEGER NOT NULL, kind TEXT NOT NULL, request_id INTEGER, memo TEXT NOT NULL DEFAULT '',"
    "  at INTEGER NOT NULL);"
    "CREATE INDEX journal_account ON journal(account_id, id);"
    "CREATE INDEX journal_txn ON journal(txn);"
    "CREATE INDEX journal_request ON journal(request_id) WHERE request_id IS NOT NULL;"
    "CREATE TABLE lots("
    "  id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),"
    "  minutes INTEGER NOT NULL, remaining INTEGER NOT NULL, earned_at INTEGER NOT NULL,"
    "  expires_at INTEGER, txn INTEGER NOT NULL);"
    "CREATE INDEX lots_live ON lots(account_id, id) WHERE remaining > 0;"
    "CREATE TABLE requests("
    "  id INTEGER PRIMARY KEY, requester_id INTEGER NOT NULL REFERENCES members(id),"
    "  volunteer_id INTEGER REFERENCES members(id), status TEXT NOT NULL, service TEXT NOT NULL,"
    "  text TEXT NOT NULL, location TEXT NOT NULL DEFAULT '', start_at INTEGER, est_minutes INTEGER,"
    "  public_benefit INTEGER NOT NULL DEFAULT 0, platform TEXT NOT NULL DEFAULT '',"
    "  chat_id TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, accepted_at INTEGER,"
    "  started_at INTEGER, finished_at INTEGER, confirmed_at INTEGER, credited_minutes INTEGER);"
    "CREATE INDEX requests_status ON requests(status, id);"
    "CREATE INDEX requests_requester ON requests(requester_id, status);"
    "CREATE TABLE inbox("
    "  platform TEXT NOT NULL, message_id TEXT NOT NULL, reply TEXT, at INTEGER NOT NULL,"
    "  PRIMARY KEY(platform, message_id)) WITHOUT ROWID;"
    "CREATE TABLE outbox("
    "  id INTEGER PRIMARY KEY, job TEXT NOT NULL, platform TEXT NOT NULL, chat_id TEXT,"
    "  user_id TEXT, text TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',"
    "  attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, last_error TEXT,"
    "  created_at INTEGER NOT NULL);"
    "CREATE INDEX outbox_due ON outbox(status, next_at);"
    "INSERT INTO accounts(name, kind) VALUES ('fund','fund'),('expired','expired'),('adjust','adjust');";

/* v2: the rule book — member flags, ratings, activities, complaints, the hold account. */
static const char schema_v2[] =
    "ALTER TABLE members ADD COLUMN subsidised INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE members ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE members ADD COLUMN frozen_until INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE members ADD COLUMN referrer_id INTEGER;"
    "ALTER TABLE members ADD COLUMN referral_paid INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE members ADD COLUMN birthday_year INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE members ADD COLUMN manager_building TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE members ADD COLUMN notice TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX members_name ON members(name) WHERE registered = 1;"
    "CREATE INDEX identities_member ON identities(member_id);"
    "ALTER TABLE requests ADD COLUMN proxy INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE requests ADD COLUMN payer_account INTEGER;"
    "CREATE TABLE ratings("
    "  request_id INTEGER NOT NULL REFERENCES requests(id), rater_id INTEGER NOT NULL,"
    "  ratee_id INTEGER NOT NULL, stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5), at INTEGER NOT NULL,"
    "  PRIMARY KEY(request_id, rater_id)) WITHOUT ROWID;"
    "CREATE INDEX ratings_ratee ON ratings(ratee_id);"
    "CREATE TABLE activities("
    "  id INTEGER PRIMARY KEY, organiser_id INTEGER NOT NULL REFERENCES members(id), title TEXT NOT NULL,"
    "  closed INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, closed_at INTEGER);"
    "CREATE TABLE activity_participants("
    "  activity_id INTEGER NOT NULL REFERENCES activities(id), member_id INTEGER NOT NULL,"
    "  at INTEGER NOT NULL, PRIMARY KEY(activity_id, member_id)) WITHOUT ROWID;"
    "CREATE TABLE complaints("
    "  id INTEGER PRIMARY KEY, request_id INTEGER NOT NULL REFERENCES requests(id),"
    "  complainant_id INTEGER NOT NULL, text TEXT NOT NULL, prev_status TEXT NOT NULL,"
    "  held_minutes INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'open',"
    "  created_at INTEGER NOT NULL, resolved_at INTEGER, resolver_id INTEGER);"
    "CREATE INDEX complaints_request ON complaints(request_id, status);"
    "CREATE INDEX lots_expiry ON lots(expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;"
    "INSERT INTO accounts(name, kind) VALUES ('hold','hold');";

/* v3: platforms — group chats bound to buildings, one-time codes that link identities. */
static const char schema_v3[] =
    "CREATE TABLE chat_bindings("
    "  platform TEXT NOT NULL, chat_id TEXT NOT NULL, building TEXT NOT NULL, bound_by INTEGER,"
    "  at INTEGER NOT NULL, PRIMARY KEY(platform, chat_id)) WITHOUT ROWID;"
    "CREATE INDEX chat_bindings_building ON chat_bindings(building);"
    "CREATE TABLE link_codes("
    "  code TEXT PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id), expires_at INTEGER NOT NULL)"
    "  WITHOUT ROWID;"
    "ALTER TABLE outbox ADD COLUMN sent_at INTEGER;";

/* v4: the scheduler — one row per (job, subject, period) makes every job idempotent. */
static const char schema_v4[] =
    "CREATE TABLE job_runs("
    "  job TEXT NOT NULL, subject TEXT NOT NULL, period TEXT NOT NULL, at INTEGER NOT NULL,"
    "  PRIMARY KEY(job, subject, period)) WITHOUT ROWID;"
    "CREATE INDEX requests_start ON requests(status, start_at);"
    "CREATE INDEX lots_expiring ON lots(expires_at, id) WHERE remaining > 0;"
    "DROP INDEX lots_expiry;"
    /* a full index: spending or expiring a lot changes `remaining`, which a
     * partial index on remaining > 0 would have to follow, lot by lot */
    "DROP INDEX lots_live;"
    "CREATE INDEX lots_account ON lots(account_id, id);"
    "CREATE INDEX accounts_member ON accounts(member_id);";

/* v5: expiry by account. An account carries a lower bound of its live lots'
 * earliest expiry (next_expiry), so a tick finds the due accounts in a small
 * index, and the time up to which its lots have been expired
 * (expired_through): a lot is live while remaining > 0 and it expires after
 * that time, so expiring an account's lots is one journal leg and one account
 * row, and the lots themselves are not written (a dead lot keeps the
 * `remaining` it died with). */
static const char schema_v5[] =
    "ALTER TABLE accounts ADD COLUMN next_expiry INTEGER;"
    "ALTER TABLE accounts ADD COLUMN expired_through INTEGER NOT NULL DEFAULT 0;"
    "UPDATE accounts SET next_expiry = (SELECT min(expires_at) FROM lots "
    "  WHERE account_id = accounts.id AND remaining > 0 AND expires_at IS NOT NULL);"
    "CREATE INDEX accounts_next_expiry ON accounts(next_expiry) WHERE next_expiry IS NOT NULL;"
    "DROP INDEX lots_expiring;"
    /* covering: an account's lots are read from the index alone, and since
     * expiry no longer writes lots, only spending has to keep it current */
    "DROP INDEX lots_account;"
    "CREATE INDEX lots_account ON lots(account_id, id, remaining, expires_at);";

/* v6: de-duplication per platform, chat, sender and message id (a message id
 * alone is unique only within one chat, or one sender, on most platforms), and
 * an index by age so old rows can be pruned. Rows of v5 keep their reply under
 * an empty chat and sender: they only age out. */
static const char schema_v6[] =
    "CREATE TABLE inbox_v6("
    "  platform TEXT NOT NULL, chat_id TEXT NOT NULL, user_id TEXT NOT NULL, message_id TEXT NOT NULL,"
    "  reply TEXT, at INTEGER NOT NULL, PRIMARY KEY(platform, chat_id, user_id, message_id)) WITHOUT ROWID;"
    "INSERT INTO inbox_v6 SELECT platform, '', '', message_id, reply, at FROM inbox;"
    "DROP TABLE inbox;"
    "ALTER TABLE inbox_v6 RENAME TO inbox;"
    "CREATE INDEX inbox_at ON inbox(at);";

/* v7: links under attack (issue 11). One live code per member (the newest
 * kept); a code counts the wrong tries made while it was live; every wrong try
 * of a claimant identity is a row (24 h window); every link is recorded so it
 * can be undone; an identity may hold a notice of its own, which the other
 * identities of its member cannot read (the link alert). */
static const char schema_v7[] =
    "ALTER TABLE link_codes ADD COLUMN wrong INTEGER NOT NULL DEFAULT 0;"
    "DELETE FROM link_codes WHERE EXISTS (SELECT 1 FROM link_codes n WHERE n.member_id = link_codes.member_id"
    "  AND (n.expires_at > link_codes.expires_at OR (n.expires_at = link_codes.expires_at AND n.code > link_codes.code)));"
    "CREATE UNIQUE INDEX link_codes_member ON link_codes(member_id);"
    "CREATE TABLE link_wrong(platform TEXT NOT NULL, user_id TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE INDEX link_wrong_claimant ON link_wrong(platform, user_id, at);"
    "CREATE INDEX link_wrong_at ON link_wrong(at);"
    "CREATE TABLE identity_links("
    "  id INTEGER PRIMARY KEY, platform TEXT NOT NULL, user_id TEXT NOT NULL,"
    "  member_id INTEGER NOT NULL REFERENCES members(id), from_member INTEGER NOT NULL, at INTEGER NOT NULL,"
    "  undone_at INTEGER, undone_by TEXT, split_member INTEGER);"
    "CREATE INDEX identity_links_member ON identity_links(member_id, at);"
    "CREATE INDEX identity_links_identity ON identity_links(platform, user_id, at);"
    "ALTER TABLE identities ADD COLUMN notice TEXT NOT NULL DEFAULT '';";

/* v8: privacy — a member's birthday is greeted in the building's group only when
 * they asked for it (生日公开); by default the greeting is private. */
static const char schema_v8[] =
    "ALTER TABLE members ADD COLUMN birthday_public INTEGER NOT NULL DEFAULT 0;";

/* v9: the fair outbox. outbox_dest holds only pending rows, ordered by
 * destination then due time, so the sender's round-robin scan reads it alone
 * and a sent or dead row leaves it; outbox_status answers /healthz (pending
 * and dead counts, the oldest pending row) without reading the table. */
static const char schema_v9[] =
    "CREATE INDEX outbox_dest ON outbox(platform, chat_id, user_id, next_at) WHERE status = 'pending';"
    "CREATE INDEX outbox_status ON outbox(status, created_at);"
    "DROP INDEX outbox_due;";

/* v10: links, second pass (issue 11 review). A code killed by wrong tries
 * stays as a tombstone (dead = 1) until it expires, so its owner's late
 * correct entry is told why instead of counted as a wrong try; only live
 * codes are one per member. link_requests remembers the requests a linked
 * identity posted (side 'requester') or accepted ('volunteer', at the
 * request's accepted_at), so undoing the link hands the unfinished ones to
 * the identity's new account instead of leaving them to charge the owner. */
static const char schema_v10[] =
    "ALTER TABLE link_codes ADD COLUMN dead INTEGER NOT NULL DEFAULT 0;"
    "DROP INDEX link_codes_member;"
    "CREATE UNIQUE INDEX link_codes_member ON link_codes(member_id) WHERE dead = 0;"
    "CREATE TABLE link_requests("
    "  link_id INTEGER NOT NULL REFERENCES identity_links(id), side TEXT NOT NULL,"
    "  request_id INTEGER NOT NULL REFERENCES requests(id), at INTEGER NOT NULL,"
    "  PRIMARY KEY(link_id, side, request_id)) WITHOUT ROWID;";

static const char *const schemas[STORE_SCHEMA_VERSION] = {schema_v1, schema_v2, schema_v3, schema_v4, schema_v5,
                                                          schema_v6, schema_v7, schema_v8, schema_v9, schema_v10};

/* A lot (l) of account (a) still holds credit. */
#define LOT_LIVE "l.remaining > 0 AND (l.expires_at IS NULL OR l.expires_at > a.expired_through)"

#define MEMBER_COLS                                                                           \
    "m.id, m.account_id, m.name, m.building, m.birthday, m.registered, m.roles, m.created_at, " \
    "m.phone, m.subsidised, m.suspended, m.frozen_until, coalesce(m.referrer_id, 0), "        \
    "m.referral_paid, m.birthday_year, m.manager_building, m.notice, m.birthday_public"
#define REQUEST_COLS                                                                          \
    "id, requester_id, volunteer_id, status, service, text, location, start_at, "             \
    "est_minutes, public_benefit, platform, chat_id, created_at, accepted_at, started_at, "   \
    "finished_at, confirmed_at, credited_minutes, proxy, coalesce(payer_account, 0)"

/* Every statement the store runs, prepared once per connection on first use. */
#define STORE_SQL(X)                                                                          \
    X(Q_MEMBER_BY_IDENT,                                                                      \
      "SELECT " MEMBER_COLS ", i.notice != '' FROM identities i JOIN members m ON m.id = i.member_id " \
      "WHERE i.platform = ?1 AND i.user_id = ?2")                                             \
    X(Q_MEMBER_GET,                                                                           \
      "SELECT " MEMBER_COLS " FROM members m WHERE m.id = ?1")                               \
    X(Q_MEMBER_BY_NAME,                                                                       \
      "SELECT " MEMBER_COLS " FROM members m WHERE m.registered = 1 AND m.name = ?1 ORDER BY m.id") \
    X(Q_MEMBER_BORN_ON,                                                                       \
      "SELECT " MEMBER_COLS " FROM members m WHERE m.registered = 1 AND substr(m.birthday, 6) = ?1") \
    X(Q_MEMBER_SET_ROLES_BUILDING, "UPDATE members SET roles = ?2, manager_building = ?3 WHERE id = ?1") \
    X(Q_MEMBER_SET_PHONE, "UPDATE members SET phone = ?2 WHERE id = ?1")                      \
    X(Q_MEMBER_NOTICE_ADD,                                                                    \
      "UPDATE members SET notice = CASE WHEN notice = '' THEN ?2 ELSE notice || char(10) || ?2 END WHERE id = ?1") \
    X(Q_MEMBER_NOTICE_CLEAR, "UPDATE members SET notice = '' WHERE id = ?1")                  \
    X(Q_MEMBER_SET_ROLES, "UPDATE members SET roles = ?2 WHERE id = ?1")                      \
    X(Q_MEMBER_SET_SUBSIDISED, "UPDATE members SET subsidised = ?2 WHERE id = ?1")            \
    X(Q_MEMBER_SET_SUSPENDED, "UPDATE members SET suspended = ?2 WHERE id = ?1")              \
    X(Q_MEMBER_SET_FROZEN, "UPDATE members SET frozen_until = ?2 WHERE id = ?1")              \
    X(Q_MEMBER_SET_REFERRER, "UPDATE members SET referrer_id = ?2 WHERE id = ?1")            \
    X(Q_MEMBER_SET_REFERRAL_PAID, "UPDATE members SET referral_paid = ?2 WHERE id = ?1")      \
    X(Q_MEMBER_SET_BIRTHDAY_YEAR, "UPDATE members SET birthday_year = ?2 WHERE id = ?1")      \
    X(Q_MEMBER_SET_BIRTHDAY_PUBLIC, "UPDATE members SET birthday_public = ?2 WHERE id = ?1")  \
    X(Q_MEMBER_INSERT, "INSERT INTO members(name, created_at) VALUES (?1, ?2)")              \
    X(Q_IDENT_INSERT, "INSERT INTO identities(platform, user_id, member_id) VALUES (?1,?2,?3)") \
    X(Q_ACCOUNT_INSERT,                                                                       \
      "INSERT INTO accounts(name, kind, member_id, min_balance) VALUES (?1, 'member', ?2, ?3)") \
    X(Q_MEMBER_SET_ACCOUNT, "UPDATE members SET account_id = ?2 WHERE id = ?1")               \
    X(Q_MEMBER_REGISTER,                                                                      \
      "UPDATE members SET name = ?2, building = ?3, birthday = ?4, registered = 1 WHERE id = ?1") \
    X(Q_MEMBER_SET_NAME, "UPDATE members SET name = ?2 WHERE id = ?1")                        \
    X(Q_REQ_INSERT,                                                                           \
      "INSERT INTO requests(requester_id, status, service, text, location, start_at, "       \
      "est_minutes, public_benefit, platform, chat_id, created_at, proxy) "                   \
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")                                       \
    X(Q_REQ_GET,                                                                              \
      "SELECT " REQUEST_COLS " FROM requests WHERE id = ?1")                                  \
    X(Q_REQ_UPDATE,                                                                           \
      "UPDATE requests SET volunteer_id = ?2, status = ?3, accepted_at = ?4, started_at = ?5, " \
      "finished_at = ?6, confirmed_at = ?7, credited_minutes = ?8, payer_account = ?9 WHERE id = ?1") \
    X(Q_REQ_LIST_OPEN,                                                                        \
      "SELECT " REQUEST_COLS " FROM requests WHERE status = 'open' ORDER BY id DESC LIMIT ?1") \
    X(Q_REQ_LIST_BUILDING,                                                                    \
      "SELECT " REQUEST_COLS " FROM requests WHERE status = 'open' AND (?1 = '' OR requester_id IN " \
      "(SELECT id FROM members WHERE building = ?1)) ORDER BY id LIMIT ?2")                  \
    X(Q_REQ_DUE_FINISHED,                                                                     \
      "SELECT id FROM requests WHERE status = ?1 AND finished_at <= ?2 ORDER BY id LIMIT ?3")  \
    X(Q_REQ_COUNT_OPEN_BY,                                                                    \
      "SELECT count(*) FROM requests WHERE requester_id = ?1 "                                \
      "AND status IN ('open','accepted','in_service')")                                       \
    X(Q_ACCOUNT_GET,                                                                          \
      "SELECT a.id, a.name, a.kind, coalesce(a.member_id,0), coalesce(m.name,''), a.balance, " \
      "a.earned, a.min_balance FROM accounts a LEFT JOIN members m ON m.id = a.member_id "    \
      "WHERE a.id = ?1")                                                                       \
    X(Q_ACCOUNT_BY_NAME,                                                                      \
      "SELECT a.id, a.name, a.kind, coalesce(a.member_id,0), coalesce(m.name,''), a.balance, " \
      "a.earned, a.min_balance FROM accounts a LEFT JOIN members m ON m.id = a.member_id "    \
      "WHERE a.name = ?1")                                                                     \
    X(Q_ACCOUNT_ALL,                                                                          \
      "SELECT a.id, a.name, a.kind, coalesce(a.member_id,0), coalesce(m.name,''), a.balance, " \
      "a.earned, a.min_balance FROM accounts a LEFT JOIN members m ON m.id = a.member_id "    \
      "ORDER BY a.id")                                                                         \
    X(Q_ACCOUNT_ADD, "UPDATE accounts SET balance = balance + ?2, earned = earned + ?3 WHERE id = ?1") \
    X(Q_NEXT_TXN, "SELECT coalesce(max(txn), 0) + 1 FROM journal")                           \
    X(Q_JOURNAL_INSERT,                                                                       \
      "INSERT INTO journal(txn, account_id, minutes, kind, request_id, memo, at) "            \
      "VALUES (?1,?2,?3,?4,?5,?6,?7)")                                                         \
    /* a lot never expires within its account's already expired past */                    \
    X(Q_LOT_INSERT,                                                                           \
      "INSERT INTO lots(account_id, minutes, remaining, earned_at, expires_at, txn) "         \
      "SELECT ?1, ?2, ?2, ?3, CASE WHEN ?4 IS NULL THEN NULL ELSE max(?4, expired_through + 1) END, ?5 " \
      "FROM accounts WHERE id = ?1")                                                           \
    X(Q_ACCOUNT_EXPIRY_BOUND,                                                                 \
      "UPDATE accounts SET next_expiry = min(coalesce(next_expiry, ?2), ?2) WHERE id = ?1")    \
    X(Q_LOTS_LIVE,                                                                            \
      "SELECT l.id, l.remaining FROM accounts a CROSS JOIN lots l INDEXED BY lots_account "   \
      "ON l.account_id = a.id WHERE a.id = ?1 AND " LOT_LIVE " ORDER BY l.id")                \
    X(Q_LOT_SPEND, "UPDATE lots SET remaining = remaining - ?2 WHERE id = ?1")               \
    X(Q_INBOX_GET,                                                                            \
      "SELECT reply FROM inbox WHERE platform = ?1 AND chat_id = ?2 AND user_id = ?3 AND message_id = ?4") \
    X(Q_INBOX_PUT,                                                                            \
      "INSERT INTO inbox(platform, chat_id, user_id, message_id, reply, at) VALUES (?1,?2,?3,?4,?5,?6)") \
    X(Q_INBOX_PRUNE,                                                                          \
      "DELETE FROM inbox WHERE (platform, chat_id, user_id, message_id) IN "              \
      "(SELECT platform, chat_id, user_id, message_id FROM inbox WHERE at < ?1 LIMIT ?2)")    \
    X(Q_OUTBOX_ADD,                                                                           \
      "INSERT INTO outbox(job, platform, chat_id, user_id, text, created_at, next_at) "       \
      "VALUES (?1,?2,?3,?4,?5,?6,?7)")                                                         \
    X(Q_HISTORY,                                                                              \
      "SELECT j.txn, j.minutes, j.kind, j.memo, j.at, coalesce(j.request_id, 0), "           \
      "coalesce((SELECT group_concat(CASE WHEN m.name != '' THEN m.name ELSE a.name END, ',') " \
      "FROM journal o JOIN accounts a ON a.id = o.account_id LEFT JOIN members m ON m.id = a.member_id " \
      "WHERE o.txn = j.txn AND o.account_id != j.account_id AND o.minutes * j.minutes < 0), '') " \
      "FROM journal j WHERE j.account_id = ?1 ORDER BY j.id DESC LIMIT ?2")                   \
    X(Q_LOTS_EXPIRING,                                                                        \
      "SELECT coalesce(sum(l.remaining), 0), coalesce(min(l.expires_at), 0) FROM accounts a " \
      "CROSS JOIN lots l INDEXED BY lots_account ON l.account_id = a.id "                     \
      "WHERE a.id = ?1 AND " LOT_LIVE " AND l.expires_at <= ?2")                              \
    X(Q_RATING_ADD,                                                                           \
      "INSERT OR IGNORE INTO ratings(request_id, rater_id, ratee_id, stars, at) VALUES (?1,?2,?3,?4,?5)") \
    X(Q_RATING_AVG, "SELECT coalesce(avg(stars), 0), count(*) FROM ratings WHERE ratee_id = ?1") \
    X(Q_ACT_CREATE, "INSERT INTO activities(organiser_id, title, created_at) VALUES (?1,?2,?3)") \
    X(Q_ACT_GET, "SELECT id, organiser_id, title, closed FROM activities WHERE id = ?1")      \
    X(Q_ACT_SIGN,                                                                             \
      "INSERT OR IGNORE INTO activity_participants(activity_id, member_id, at) VALUES (?1,?2,?3)") \
    X(Q_ACT_PARTICIPANTS,                                                                     \
      "SELECT member_id FROM activity_participants WHERE activity_id = ?1 ORDER BY at, member_id") \
    X(Q_ACT_CLOSE, "UPDATE activities SET closed = 1, closed_at = ?2 WHERE id = ?1 AND closed = 0") \
    X(Q_COMPLAINT_CREATE,                                                                     \
      "INSERT INTO complaints(request_id, complainant_id, text, prev_status, held_minutes, created_at) " \
      "VALUES (?1,?2,?3,?4,?5,?6)")                                                            \
    X(Q_COMPLAINT_OPEN,                                                                       \
      "SELECT id, request_id, complainant_id, prev_status, held_minutes, status FROM complaints " \
      "WHERE request_id = ?1 AND status = 'open' ORDER BY id LIMIT 1")                        \
    X(Q_COMPLAINT_RESOLVE,                                                                    \
      "UPDATE complaints SET status = ?2, resolver_id = ?3, resolved_at = ?4 WHERE id = ?1 AND status = 'open'") \
    X(Q_LEADERBOARD,                                                                          \
      "SELECT m.building, sum(j.minutes) FROM journal j JOIN accounts a ON a.id = j.account_id " \
      "JOIN members m ON m.id = a.member_id WHERE j.kind = 'service' AND j.minutes > 0 "      \
      "AND j.at >= ?1 AND j.at < ?2 AND m.building != '' GROUP BY m.building "                \
      "ORDER BY 2 DESC, 1 LIMIT ?3")                                                            \
    X(Q_IDENT_OF_MEMBER,                                                                      \
      "SELECT platform, user_id FROM identities WHERE member_id = ?1 LIMIT 1")     \
    X(Q_BIND_SET,                                                                             \
      "INSERT INTO chat_bindings(platform, chat_id, building, bound_by, at) VALUES (?1,?2,?3,?4,?5) " \
      "ON CONFLICT(platform, chat_id) DO UPDATE SET building = excluded.building, "            \
      "bound_by = excluded.bound_by, at = excluded.at")                                        \
    X(Q_BIND_OF_BUILDING, "SELECT platform, chat_id FROM chat_bindings WHERE building = ?1 ORDER BY at") \
    X(Q_LINK_PUT, "INSERT OR IGNORE INTO link_codes(code, member_id, expires_at) VALUES (?1,?2,?3)") \
    X(Q_LINK_TAKE, "SELECT member_id, expires_at, dead FROM link_codes WHERE code = ?1")       \
    /* a tombstone stays until it expires */                                                  \
    X(Q_LINK_DEL, "DELETE FROM link_codes WHERE (code = ?1 AND dead = 0) OR expires_at < ?2")   \
    X(Q_LINK_DROP, "DELETE FROM link_codes WHERE (member_id = ?1 AND dead = 0) OR expires_at < ?2") \
    X(Q_LINK_BUMP, "UPDATE link_codes SET wrong = wrong + 1 WHERE expires_at >= ?1 AND dead = 0") \
    X(Q_LINK_DEAD, "SELECT member_id FROM link_codes WHERE wrong >= ?1 AND dead = 0 ORDER BY member_id") \
    X(Q_LINK_KILL, "UPDATE link_codes SET dead = 1 WHERE member_id = ?1 AND dead = 0")         \
    X(Q_LINK_WRONG_COUNT,                                                                     \
      "SELECT count(*) FROM link_wrong WHERE platform = ?1 AND user_id = ?2 AND at > ?3")      \
    X(Q_LINK_WRONG_ADD, "INSERT INTO link_wrong(platform, user_id, at) VALUES (?1,?2,?3)")      \
    X(Q_LINK_WRONG_PRUNE, "DELETE FROM link_wrong WHERE at <= ?1")                              \
    X(Q_LINK_RECORD,                                                                          \
      "INSERT INTO identity_links(platform, user_id, member_id, from_member, at) VALUES (?1,?2,?3,?4,?5)") \
    /* links in force: not undone, and the identity still with that member */                \
    X(Q_LINK_LIST,                                                                            \
      "SELECT l.id, l.platform, l.user_id, l.member_id, l.at FROM identity_links l JOIN identities i " \
      "ON i.platform = l.platform AND i.user_id = l.user_id AND i.member_id = l.member_id "    \
      "WHERE l.member_id = ?1 AND l.undone_at IS NULL AND l.at > ?2 ORDER BY l.at DESC, l.id DESC LIMIT ?3") \
    X(Q_LINK_OF_IDENT,                                                                        \
      "SELECT l.id, l.platform, l.user_id, l.member_id, l.at FROM identity_links l JOIN identities i " \
      "ON i.platform = l.platform AND i.user_id = l.user_id AND i.member_id = l.member_id "    \
      "WHERE l.platform = ?1 AND l.user_id = ?2 AND l.undone_at IS NULL ORDER BY l.at DESC, l.id DESC LIMIT 1") \
    X(Q_LINK_UNDO,                                                                            \
      "UPDATE identity_links SET undone_at = ?2, undone_by = ?3, split_member = ?4 WHERE id = ?1") \
    X(Q_LINK_REQ_ADD,                                                                         \
      "INSERT OR REPLACE INTO link_requests(link_id, side, request_id, at) VALUES (?1,?2,?3,?4)") \
    /* unfinished and unpaid: a paid request stays where it was paid from */                 \
    X(Q_LINK_MOVE_REQUESTER,                                                                  \
      "UPDATE requests SET requester_id = ?3 WHERE requester_id = ?2 AND EXISTS (SELECT 1 FROM link_requests k " \
      "WHERE k.link_id = ?1 AND k.side = 'requester' AND k.request_id = requests.id) AND "    \
      "(status IN ('open','accepted','in_service','finished') OR (status = 'disputed' AND coalesce(payer_account, 0) = 0))") \
    X(Q_LINK_MOVE_VOLUNTEER,                                                                  \
      "UPDATE requests SET volunteer_id = ?3 WHERE volunteer_id = ?2 AND EXISTS (SELECT 1 FROM link_requests k " \
      "WHERE k.link_id = ?1 AND k.side = 'volunteer' AND k.request_id = requests.id AND k.at = requests.accepted_at) AND " \
      "(status IN ('accepted','in_service','finished') OR (status = 'disputed' AND coalesce(payer_account, 0) = 0))") \
    X(Q_IDENTS_ORIGINAL,                                                                      \
      "SELECT i.platform, i.user_id FROM identities i WHERE i.member_id = ?1 AND NOT EXISTS (SELECT 1 FROM " \
      "identity_links l WHERE l.platform = i.platform AND l.user_id = i.user_id AND l.member_id = i.member_id " \
      "AND l.undone_at IS NULL) ORDER BY i.platform, i.user_id")                              \
    X(Q_IDENTS_OF_MEMBER,                                                                     \
      "SELECT platform, user_id FROM identities WHERE member_id = ?1 ORDER BY platform, user_id") \
    X(Q_IDENT_NOTICE_ADD,                                                                     \
      "UPDATE identities SET notice = CASE WHEN notice = '' THEN ?3 ELSE notice || char(10) || ?3 END " \
      "WHERE platform = ?1 AND user_id = ?2")                                                 \
    X(Q_IDENT_NOTICE_GET, "SELECT notice FROM identities WHERE platform = ?1 AND user_id = ?2") \
    X(Q_IDENT_NOTICE_CLEAR, "UPDATE identities SET notice = '' WHERE platform = ?1 AND user_id = ?2") \
    X(Q_IDENT_MOVE, "UPDATE identities SET member_id = ?3 WHERE platform = ?1 AND user_id = ?2") \
    X(Q_MEMBER_ACTIVITY,                                                                      \
      "SELECT (SELECT count(*) FROM journal WHERE account_id = ?2) + "                        \
      "(SELECT count(*) FROM requests WHERE requester_id = ?1 OR volunteer_id = ?1)")         \
    /* round robin: every destination's oldest due row, then every one's      \
     * second, ...; at most ?3 of each; the ids in the JSON array ?2 (in     \
     * flight) left out */                                                     \
    X(Q_OUTBOX_DUE,                                                                           \
      "SELECT o.id, o.job, o.platform, coalesce(o.chat_id,''), coalesce(o.user_id,''), o.text, o.attempts " \
      "FROM (SELECT id, next_at, row_number() OVER (PARTITION BY platform, chat_id, user_id " \
      "ORDER BY next_at, id) AS rn FROM outbox INDEXED BY outbox_dest "                       \
      "WHERE status = 'pending' AND next_at <= ?1 AND id NOT IN (SELECT value FROM json_each(?2))) w " \
      "CROSS JOIN outbox o ON o.id = w.id WHERE w.rn <= ?3 ORDER BY w.rn, w.next_at, w.id LIMIT ?4") \
    X(Q_OUTBOX_STATS,                                                                         \
      "SELECT (SELECT count(*) FROM outbox INDEXED BY outbox_status WHERE status = 'pending'), " \
      "(SELECT count(*) FROM outbox INDEXED BY outbox_status WHERE status = 'dead'), "        \
      "(SELECT min(created_at) FROM outbox INDEXED BY outbox_status WHERE status = 'pending')") \
    X(Q_OUTBOX_PENDING_UPTO,                                                                  \
      "SELECT count(*) FROM (SELECT 1 FROM outbox INDEXED BY outbox_status WHERE status = 'pending' LIMIT ?1)") \
    X(Q_OUTBOX_SENT, "UPDATE outbox SET status = 'sent', sent_at = ?2, attempts = attempts + 1 WHERE id = ?1") \
    X(Q_OUTBOX_RETRY,                                                                         \
      "UPDATE outbox SET attempts = attempts + 1, next_at = ?2, last_error = ?3 WHERE id = ?1") \
    X(Q_OUTBOX_DEAD,                                                                          \
      "UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?2 WHERE id = ?1") \
    X(Q_OUTBOX_LIST,                                                                          \
      "SELECT id, job, platform, coalesce(chat_id,''), coalesce(user_id,''), text, attempts, status, " \
      "next_at, coalesce(last_error,'') FROM outbox WHERE status IN ('pending','dead') ORDER BY id") \
    X(Q_OUTBOX_SINCE,                                                                         \
      "SELECT id, job, platform, coalesce(chat_id,''), coalesce(user_id,''), text, attempts, status, " \
      "next_at, coalesce(last_error,'') FROM outbox WHERE id > ?1 ORDER BY id")               \
    X(Q_MANAGERS_OF, "SELECT id FROM members WHERE (roles & 2) != 0 AND manager_building = ?1 ORDER BY id") \
    X(Q_JOB_CLAIM, "INSERT OR IGNORE INTO job_runs(job, subject, period, at) VALUES (?1,?2,?3,?4)") \
    X(Q_JOB_DONE, "SELECT 1 FROM job_runs WHERE job = ?1 AND subject = ?2 AND period = ?3")   \
    X(Q_REQ_STARTING,                                                                         \
      "SELECT id FROM requests WHERE status = 'accepted' AND start_at > ?1 AND start_at <= ?2 " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'reminder' AND subject = requests.id AND period = '1h') " \
      "ORDER BY start_at LIMIT ?3")                                                            \
    X(Q_REQ_UNMATCHED,                                                                        \
      "SELECT id FROM requests WHERE status = 'open' AND created_at <= ?1 "                   \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'unmatched' AND subject = requests.id AND period = ?2) " \
      "ORDER BY id LIMIT ?3")                                                                  \
    X(Q_REQ_CONFIRM_REMIND,                                                                   \
      "SELECT id FROM requests WHERE status = 'finished' AND finished_at <= ?1 AND finished_at > ?2 " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'confirm_reminder' AND subject = requests.id AND period = '2h') " \
      "ORDER BY id LIMIT ?3")                                                                  \
    X(Q_LOTS_WARN,                                                                            \
      "SELECT l.id, l.remaining, l.expires_at, a.member_id FROM accounts a INDEXED BY accounts_next_expiry " \
      "CROSS JOIN lots l INDEXED BY lots_account ON l.account_id = a.id "                     \
      "WHERE a.next_expiry <= ?2 AND " LOT_LIVE " AND l.expires_at > ?1 AND l.expires_at <= ?2 " \
      "AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'expiry_warning' AND subject = l.id AND period = '') " \
      "ORDER BY l.expires_at, l.id LIMIT ?3")                                                  \
    X(Q_EXP_CLEAR_ACCTS, "DELETE FROM exp_accts")                                             \
    X(Q_EXP_CLEAR_LOTS, "DELETE FROM exp_lots")                                               \
    X(Q_EXP_CLEAR, "DELETE FROM exp_batch")                                                   \
    X(Q_EXP_PICK_ACCTS,                                                                       \
      "INSERT INTO exp_accts(account_id) SELECT id FROM accounts INDEXED BY accounts_next_expiry " \
      "WHERE next_expiry <= ?1 ORDER BY next_expiry, id LIMIT ?2")                             \
    X(Q_EXP_PICK,                                                                             \
      "INSERT INTO exp_lots(account_id, lot_id, remaining, expires_at) "                      \
      "SELECT l.account_id, l.id, l.remaining, l.expires_at FROM exp_accts e "                \
      "CROSS JOIN accounts a ON a.id = e.account_id "                                          \
      "CROSS JOIN lots l INDEXED BY lots_account ON l.account_id = a.id "                     \
      "WHERE " LOT_LIVE " AND l.expires_at IS NOT NULL")                                       \
    X(Q_EXP_FILL,                                                                             \
      "INSERT INTO exp_batch(account_id, minutes, next) "                                      \
      "SELECT e.account_id, coalesce(sum(CASE WHEN x.expires_at <= ?1 THEN x.remaining END), 0), " \
      "min(CASE WHEN x.expires_at > ?1 THEN x.expires_at END) "                               \
      "FROM exp_accts e LEFT JOIN exp_lots x ON x.account_id = e.account_id GROUP BY e.account_id") \
    X(Q_EXP_SUMMARY,                                                                          \
      "SELECT (SELECT count(*) FROM exp_lots WHERE expires_at <= ?1), "                       \
      "(SELECT coalesce(sum(minutes), 0) FROM exp_batch), (SELECT count(*) FROM exp_accts)")  \
    X(Q_EXP_DEBITS,                                                                           \
      "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) "                         \
      "SELECT ?2, account_id, -minutes, 'expiry', 'credits expired', ?1 FROM exp_batch WHERE minutes > 0") \
    X(Q_EXP_CREDITS,                                                                          \
      "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) "                         \
      "SELECT ?3, ?2, sum(minutes), 'expiry', 'credits expired', ?1 FROM exp_batch")           \
    X(Q_EXP_BALANCES,                                                                         \
      "UPDATE accounts SET (balance, next_expiry, expired_through) = "                         \
      "(SELECT accounts.balance - b.minutes, b.next, max(accounts.expired_through, ?1) "       \
      "FROM exp_batch b WHERE b.account_id = accounts.id) WHERE id IN (SELECT account_id FROM exp_batch)") \
    X(Q_EXP_TOTAL, "UPDATE accounts SET balance = balance + ?2 WHERE id = ?1")                 \
    X(Q_TOP_VOLUNTEERS,                                                                       \
      "SELECT m.building, sum(j.minutes) FROM journal j JOIN accounts a ON a.id = j.account_id " \
      "JOIN members m ON m.id = a.member_id WHERE j.kind = 'service' AND j.minutes > 0 "      \
      "AND j.at >= ?1 AND j.at < ?2 GROUP BY m.id ORDER BY 2 DESC, m.id LIMIT ?3")            \
    X(Q_MONTH_REPORT,                                                                         \
      "SELECT (SELECT count(*) FROM requests WHERE created_at >= ?1 AND created_at < ?2), "   \
      "(SELECT count(*) FROM requests WHERE accepted_at >= ?1 AND accepted_at < ?2), "        \
      "(SELECT coalesce(sum(minutes), 0) FROM journal WHERE kind = 'service' AND minutes > 0 AND at >= ?1 AND at < ?2), " \
      "(SELECT count(*) FROM members WHERE created_at >= ?1 AND created_at < ?2)")           \
    X(Q_ALL_CHATS, "SELECT platform, chat_id, building FROM chat_bindings ORDER BY building, at") \
    X(Q_PING, "SELECT 1")

#define AS_ENUM(name, sql) name,
#define AS_SQL(name, sql) sql,
enum store_q { STORE_SQL(AS_ENUM) Q_COUNT };
static const char *const store_sql[] = {STORE_SQL(AS_SQL)};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmts[Q_COUNT];
    int in_txn;
    int group_sync; /* synchronous=FULL: commit without fsync, then group_sync() */
};

/* Group commit. With synchronous=FULL every COMMIT would fsync the WAL while
 * holding the writer lock, so writers queue behind each other's fsyncs. The
 * connections commit as NORMAL instead (WAL frames written, not synced), take
 * a sequence number in WAL order, release the writer lock, and only then wait
 * until one fsync of the WAL covers their commit: one thread syncs for every
 * commit written before its fsync began. store_commit returns only after
 * that, so an acknowledged write is on disk exactly as with FULL. */
static pthread_mutex_t sync_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sync_cv = PTHREAD_COND_INITIALIZER;
static uint64_t commit_seq; /* incremented under the writer lock, so in WAL order */
static uint64_t synced_seq;
static int syncing;
static uint64_t wal_syncs;

void store_sync_stats(uint64_t *commits, uint64_t *syncs)
{
    *commits = __atomic_load_n(&commit_seq, __ATOMIC_RELAXED);
    *syncs = __atomic_load_n(&wal_syncs, __ATOMIC_RELAXED);
}

static enum bot_rc wal_fsync(struct store *st)
{
    sqlite3_file *wal = NULL;
    if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK || !wal ||
        !wal->pMethods)
        return BOT_IO;
    if (wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) != SQLITE_OK)
        return BOT_IO;
    __atomic_add_fetch(&wal_syncs, 1, __ATOMIC_RELAXED);
    return BOT_OK;
}

static enum bot_rc group_sync(struct store *st, uint64_t seq)
{
    enum bot_rc rc = BOT_OK;
    pthread_mutex_lock(&sync_mu);
    while (rc == BOT_OK && synced_seq < seq) {
        if (syncing) {
            pthread_cond_wait(&sync_cv, &sync_mu);
            continue;
        }
        syncing = 1;
        /* every commit numbered up to here wrote its frames before this fsync */
        uint64_t target = __atomic_load_n(&commit_seq, __ATOMIC_ACQUIRE);
        pthread_mutex_unlock(&sync_mu);
        rc = wal_fsync(st);
        pthread_mutex_lock(&sync_mu);
        syncing = 0;
        if (rc == BOT_OK && target > synced_seq)
            synced_seq = target;
        pthread_cond_broadcast(&sync_cv);
    }
    pthread_mutex_unlock(&sync_mu);
    if (rc != BOT_OK)
        bot_log(BOT_LOG_ERROR, "store: fsync of the WAL failed");
    return rc;
}

static const char *status_names[] = {"open", "accepted", "in_service", "finished",
                                     "confirmed", "cancelled", "disputed"};

const char *store_req_status_name(enum store_req_status s)
{
    if ((unsigned)s >= BOT_ARRAY_LEN(status_names))
        return "unknown";
    return status_names[s];
}

enum bot_rc store_req_status_from_name(const char *s, enum store_req_status *out)
{
    for (size_t i = 0; i < BOT_ARRAY_LEN(status_names); i++)
        if (s && strcmp(s, status_names[i]) == 0) {
            *out = (enum store_req_status)i;
            return BOT_OK;
        }
    return BOT_INVALID;
}

/* The cached statement for q, reset and unbound, or NULL (logged). */
static sqlite3_stmt *q(struct store *st, enum store_q which)
{
    sqlite3_stmt *s = st->stmts[which];
    if (!s) {
        if (sqlite3_prepare_v3(st->db, store_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
            SQLITE_OK) {
            bot_log(BOT_LOG_ERROR, "store: prepare %d: %s", (int)which, sqlite3_errmsg(st->db));
            return NULL;
        }
        st->stmts[which] = s;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void bind_i64_or_null(sqlite3_stmt *s, int i, int64_t v)
{
    if (v)
        sqlite3_bind_int64(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

static void col_text(sqlite3_stmt *s, int i, char *dst, size_t dstsz)
{
    bot_strlcpy(dst, (const char *)sqlite3_column_text(s, i), dstsz);
}

/* Run a statement that returns no rows. */
static enum bot_rc step_done(struct store *st, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        bot_log(BOT_LOG_ERROR, "store: step: %s", sqlite3_errmsg(st->db));
        return BOT_DB;
    }
    return BOT_OK;
}

static enum bot_rc exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        bot_log(BOT_LOG_ERROR, "store: %s", msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return BOT_DB;
    }
    return BOT_OK;
}

static enum bot_rc migrate(struct store *st, char err[256])
{
    sqlite3_stmt *s = NULL;
    int version = 0;
    enum bot_rc rc = BOT_DB;
    /* Migrations run under the writer lock and an IMMEDIATE transaction so two
     * processes opening a new file at once do not both create the schema. */
    if (store_begin(st) != BOT_OK) {
        snprintf(err, 256, "cannot begin migration: %s", sqlite3_errmsg(st->db));
        return BOT_DB;
    }
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW) {
        snprintf(err, 256, "cannot read schema version: %s", sqlite3_errmsg(st->db));
        goto out;
    }
    version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s); /* no reader may stay open while the schema changes */
    s = NULL;
    if (version > STORE_SCHEMA_VERSION) {
        snprintf(err, 256, "store schema %d is newer than this bot (%d)", version, STORE_SCHEMA_VERSION);
        rc = BOT_INVALID;
        goto out;
    }
    for (; version < STORE_SCHEMA_VERSION; version++) {
        char set[40];
        snprintf(set, sizeof set, "PRAGMA user_version = %d", version + 1);
        if (exec(st, schemas[version]) != BOT_OK || exec(st, set) != BOT_OK) {
            snprintf(err, 256, "cannot migrate schema to v%d: %s", version + 1, sqlite3_errmsg(st->db));
            goto out;
        }
    }
    rc = BOT_OK;
out:
    sqlite3_finalize(s);
    if (rc == BOT_OK) {
        rc = store_commit(st);
        if (rc != BOT_OK)
            snprintf(err, 256, "cannot commit migration");
    } else {
        store_rollback(st);
    }
    return rc;
}

enum bot_rc store_open(const char *path, const char *sync, struct store **out, char err[256])
{
    enum bot_rc rc = BOT_DB;
    *out = NULL;
    struct store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, 256, "out of memory");
        return BOT_NOMEM;
    }
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        snprintf(err, 256, "%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open");
        goto error_out;
    }
    sqlite3_busy_timeout(st->db, 5000);
    /* NORMAL at the sqlite level either way: FULL is the group commit below */
    st->group_sync = !(sync && strcmp(sync, "NORMAL") == 0);
    if (exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                 "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-256;") != BOT_OK) {
        snprintf(err, 256, "%s: cannot set pragmas: %s", path, sqlite3_errmsg(st->db));
        goto error_out;
    }
    rc = migrate(st, err);
    if (rc != BOT_OK)
        goto error_out;
    *out = st;
    return BOT_OK;
error_out:
    store_close(st);
    return rc;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    if (st->in_txn)
        store_rollback(st);
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(st->stmts[i]);
    sqlite3_close(st->db); /* also after a failed open */
    free(st);
}

enum bot_rc store_ping(struct store *st)
{
    sqlite3_stmt *s = q(st, Q_PING);
    if (!s)
        return BOT_DB;
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_begin(struct store *st)
{
    if (st->in_txn)
        return BOT_ERR;
    writer_lock();
    if (exec(st, "BEGIN IMMEDIATE") != BOT_OK) {
        writer_unlock();
        return BOT_DB;
    }
    st->in_txn = 1;
    return BOT_OK;
}

enum bot_rc store_commit(struct store *st)
{
    if (!st->in_txn)
        return BOT_ERR;
    enum bot_rc rc = exec(st, "COMMIT");
    if (rc != BOT_OK)
        exec(st, "ROLLBACK");
    uint64_t seq = rc == BOT_OK ? __atomic_add_fetch(&commit_seq, 1, __ATOMIC_RELEASE) : 0;
    st->in_txn = 0;
    writer_unlock();
    if (seq && st->group_sync)
        rc = group_sync(st, seq);
    return rc;
}

void store_rollback(struct store *st)
{
    if (!st->in_txn)
        return;
    exec(st, "ROLLBACK");
    st->in_txn = 0;
    writer_unlock();
}

/* Step s (bound by the caller) and collect its first column into ids[max]. */
static enum bot_rc collect_ids(sqlite3_stmt *s, int64_t *ids, int max, int *n)
{
    int rc = SQLITE_DONE;
    *n = 0;
    while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
        ids[(*n)++] = sqlite3_column_int64(s, 0);
    if (rc == SQLITE_ROW) /* stopped at max: more may wait for the next round */
        rc = SQLITE_DONE;
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? BOT_OK : BOT_DB;
}

/* ---- members ---- */

static void read_member(sqlite3_stmt *s, struct store_member *m)
{
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(s, 0);
    m->account_id = sqlite3_column_int64(s, 1);
    col_text(s, 2, m->name, sizeof m->name);
    col_text(s, 3, m->building, sizeof m->building);
    col_text(s, 4, m->birthday, sizeof m->birthday);
    m->registered = sqlite3_column_int(s, 5);
    m->roles = sqlite3_column_int(s, 6);
    m->created_at = sqlite3_column_int64(s, 7);
    col_text(s, 8, m->phone, sizeof m->phone);
    m->subsidised = sqlite3_column_int(s, 9);
    m->suspended = sqlite3_column_int(s, 10);
    m->frozen_until = sqlite3_column_int64(s, 11);
    m->referrer_id = sqlite3_column_int64(s, 12);
    m->referral_paid = sqlite3_column_int(s, 13);
    m->birthday_year = sqlite3_column_int(s, 14);
    col_text(s, 15, m->manager_building, sizeof m->manager_building);
    col_text(s, 16, m->notice, sizeof m->notice);
    m->birthday_public = sqlite3_column_int(s, 17);
    if (sqlite3_column_count(s) > 18) /* by identity: that identity's own notice waits */
        m->ident_notice = sqlite3_column_int(s, 18);
}

/* Step a one-row query into a member. */
static enum bot_rc member_row(struct store *st, sqlite3_stmt *s, struct store_member *out)
{
    int rc = sqlite3_step(s);
    enum bot_rc r = BOT_OK;
    if (rc == SQLITE_ROW)
        read_member(s, out);
    else if (rc == SQLITE_DONE)
        r = BOT_NOTFOUND;
    else {
        bot_log(BOT_LOG_ERROR, "store: member: %s", sqlite3_errmsg(st->db));
        r = BOT_DB;
    }
    sqlite3_reset(s);
    return r;
}

enum bot_rc store_member_by_identity(struct store *st, const char *platform, const char *user_id,
                                     struct store_member *out)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_BY_IDENT);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, platform, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, user_id, -1, SQLITE_STATIC);
    return member_row(st, s, out);
}

enum bot_rc store_member_get(struct store *st, int64_t id, struct store_member *out)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_GET);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    return member_row(st, s, out);
}

/* A member with an empty account named acct; *mid is its id. */
static enum bot_rc new_member(struct store *st, const char *name, const char *acct, int64_t overdraft_minutes,
                              int64_t now, int64_t *mid)
{
    sqlite3_stmt *s;
    enum bot_rc rc;
    *mid = 0;
    if (!st->in_txn)
        return BOT_ERR;
    if (!(s = q(st, Q_MEMBER_INSERT)))
        return BOT_DB;
    sqlite3_bind_text(s, 1, name ? name : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, now);
    if ((rc = step_done(st, s)) != BOT_OK)
        return rc;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    if (!(s = q(st, Q_ACCOUNT_INSERT)))
        return BOT_DB;
    sqlite3_bind_text(s, 1, acct, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, id);
    sqlite3_bind_int64(s, 3, -overdraft_minutes);
    if ((rc = step_done(st, s)) != BOT_OK)
        return rc;
    int64_t aid = sqlite3_last_insert_rowid(st->db);
    if (!(s = q(st, Q_MEMBER_SET_ACCOUNT)))
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, aid);
    if ((rc = step_done(st, s)) != BOT_OK)
        return rc;
    *mid = id;
    return BOT_OK;
}

enum bot_rc store_member_create(struct store *st, const char *platform, const char *user_id,
                                const char *name, int64_t overdraft_minutes, int64_t now,
                                struct store_member *out)
{
    sqlite3_stmt *s;
    enum bot_rc rc;
    int64_t mid;
    char acct[160];
    snprintf(acct, sizeof acct, "%s:%s", platform, user_id);
    if ((rc = new_member(st, name, acct, overdraft_minutes, now, &mid)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_IDENT_INSERT)))
        return BOT_DB;
    sqlite3_bind_text(s, 1, platform, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, mid);
    if ((rc = step_done(st, s)) != BOT_OK)
        return rc;
    return store_member_get(st, mid, out);
}

enum bot_rc store_member_register(struct store *st, int64_t id, const char *name,
                                  const char *building, const char *birthday)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_REGISTER);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, name ? name : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, building ? building : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, birthday ? birthday : "", -1, SQLITE_STATIC);
    return step_done(st, s);
}

enum bot_rc store_member_set_name(struct store *st, int64_t id, const char *name)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_SET_NAME);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, name ? name : "", -1, SQLITE_STATIC);
    return step_done(st, s);
}

/* ---- requests ---- */

/* BOT_DB (logged) when the row's status is none the bot knows. */
static enum bot_rc read_request(sqlite3_stmt *s, struct store_request *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    r->requester_id = sqlite3_column_int64(s, 1);
    r->volunteer_id = sqlite3_column_int64(s, 2);
    const char *status = (const char *)sqlite3_column_text(s, 3);
    if (store_req_status_from_name(status, &r->status) != BOT_OK) {
        bot_log(BOT_LOG_ERROR, "store: request #%lld has an unknown status '%.32s'", (long long)r->id,
                status ? status : "");
        return BOT_DB;
    }
    col_text(s, 4, r->service, sizeof r->service);
    col_text(s, 5, r->text, sizeof r->text);
    col_text(s, 6, r->location, sizeof r->location);
    r->start_at = sqlite3_column_int64(s, 7);
    r->est_minutes = sqlite3_column_int(s, 8);
    r->public_benefit = sqlite3_column_int(s, 9);
    col_text(s, 10, r->platform, sizeof r->platform);
    col_text(s, 11, r->chat_id, sizeof r->chat_id);
    r->created_at = sqlite3_column_int64(s, 12);
    r->accepted_at = sqlite3_column_int64(s, 13);
    r->started_at = sqlite3_column_int64(s, 14);
    r->finished_at = sqlite3_column_int64(s, 15);
    r->confirmed_at = sqlite3_column_int64(s, 16);
    r->credited_minutes = sqlite3_column_int(s, 17);
    r->proxy = sqlite3_column_int(s, 18);
    r->payer_account = sqlite3_column_int64(s, 19);
    return BOT_OK;
}

enum bot_rc store_request_create(struct store *st, struct store_request *r)
{
    sqlite3_stmt *s = q(st, Q_REQ_INSERT);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, r->requester_id);
    sqlite3_bind_text(s, 2, store_req_status_name(r->status), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, r->service, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, r->text, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, r->location, -1, SQLITE_STATIC);
    bind_i64_or_null(s, 6, r->start_at);
    bind_i64_or_null(s, 7, r->est_minutes);
    sqlite3_bind_int(s, 8, r->public_benefit);
    sqlite3_bind_text(s, 9, r->platform, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 10, r->chat_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 11, r->created_at);
    sqlite3_bind_int(s, 12, r->proxy);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK)
        r->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

enum bot_rc store_request_get(struct store *st, int64_t id, struct store_request *out)
{
    sqlite3_stmt *s = q(st, Q_REQ_GET);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    enum bot_rc r = BOT_OK;
    if (rc == SQLITE_ROW)
        r = read_request(s, out);
    else
        r = rc == SQLITE_DONE ? BOT_NOTFOUND : BOT_DB;
    sqlite3_reset(s);
    return r;
}

enum bot_rc store_request_update(struct store *st, const struct store_request *r)
{
    sqlite3_stmt *s = q(st, Q_REQ_UPDATE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, r->id);
    bind_i64_or_null(s, 2, r->volunteer_id);
    sqlite3_bind_text(s, 3, store_req_status_name(r->status), -1, SQLITE_STATIC);
    bind_i64_or_null(s, 4, r->accepted_at);
    bind_i64_or_null(s, 5, r->started_at);
    bind_i64_or_null(s, 6, r->finished_at);
    bind_i64_or_null(s, 7, r->confirmed_at);
    bind_i64_or_null(s, 8, r->credited_minutes);
    bind_i64_or_null(s, 9, r->payer_account);
    return step_done(st, s);
}

enum bot_rc store_request_list_open(struct store *st, struct store_request *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_REQ_LIST_OPEN);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int(s, 1, max);
    int rc;
    enum bot_rc r = BOT_OK;
    while (r == BOT_OK && (rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
        r = read_request(s, &out[(*n)++]);
    sqlite3_reset(s);
    return r != BOT_OK ? r : rc == SQLITE_DONE || rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_request_count_open_by(struct store *st, int64_t member_id, int *n)
{
    sqlite3_stmt *s = q(st, Q_REQ_COUNT_OPEN_BY);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member_id);
    int rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

/* ---- ledger ---- */

static void read_account(sqlite3_stmt *s, struct store_account *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(s, 0);
    col_text(s, 1, a->name, sizeof a->name);
    col_text(s, 2, a->kind, sizeof a->kind);
    a->member_id = sqlite3_column_int64(s, 3);
    col_text(s, 4, a->member_name, sizeof a->member_name);
    a->balance = sqlite3_column_int64(s, 5);
    a->earned = sqlite3_column_int64(s, 6);
    a->has_limit = sqlite3_column_type(s, 7) != SQLITE_NULL;
    a->min_balance = sqlite3_column_int64(s, 7);
}

static enum bot_rc account_row(sqlite3_stmt *s, struct store_account *out)
{
    int rc = sqlite3_step(s);
    enum bot_rc r = BOT_OK;
    if (rc == SQLITE_ROW)
        read_account(s, out);
    else
        r = rc == SQLITE_DONE ? BOT_NOTFOUND : BOT_DB;
    sqlite3_reset(s);
    return r;
}

enum bot_rc store_account_get(struct store *st, int64_t id, struct store_account *out)
{
    sqlite3_stmt *s = q(st, Q_ACCOUNT_GET);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    return account_row(s, out);
}

enum bot_rc store_account_by_name(struct store *st, const char *name, struct store_account *out)
{
    sqlite3_stmt *s = q(st, Q_ACCOUNT_BY_NAME);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    return account_row(s, out);
}

enum bot_rc store_accounts_each(struct store *st, void (*fn)(const struct store_account *, void *),
                                void *arg)
{
    sqlite3_stmt *s = q(st, Q_ACCOUNT_ALL);
    if (!s)
        return BOT_DB;
    int rc;
    struct store_account a;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        read_account(s, &a);
        fn(&a, arg);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? BOT_OK : BOT_DB;
}

static enum bot_rc journal_leg(struct store *st, int64_t txn, int64_t account, int64_t minutes,
                               const struct store_transfer *t)
{
    sqlite3_stmt *s = q(st, Q_JOURNAL_INSERT);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, txn);
    sqlite3_bind_int64(s, 2, account);
    sqlite3_bind_int64(s, 3, minutes);
    sqlite3_bind_text(s, 4, t->kind, -1, SQLITE_STATIC);
    bind_i64_or_null(s, 5, t->request_id);
    sqlite3_bind_text(s, 6, t->memo ? t->memo : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 7, t->now);
    return step_done(st, s);
}

static enum bot_rc account_add(struct store *st, int64_t account, int64_t minutes, int64_t earned)
{
    sqlite3_stmt *s = q(st, Q_ACCOUNT_ADD);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, account);
    sqlite3_bind_int64(s, 2, minutes);
    sqlite3_bind_int64(s, 3, earned);
    return step_done(st, s);
}

/* The number of the next journal transaction. */
static enum bot_rc next_txn(struct store *st, int64_t *txn)
{
    sqlite3_stmt *s = q(st, Q_NEXT_TXN);
    if (!s)
        return BOT_DB;
    *txn = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return *txn > 0 ? BOT_OK : BOT_DB;
}

/* Spend up to `minutes` from the account's live lots, oldest first. */
static enum bot_rc lots_spend(struct store *st, int64_t account, int64_t minutes)
{
    int64_t ids[64], rem[64];
    while (minutes > 0) {
        sqlite3_stmt *s = q(st, Q_LOTS_LIVE);
        if (!s)
            return BOT_DB;
        sqlite3_bind_int64(s, 1, account);
        int n = 0, rc;
        while (n < 64 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
            ids[n] = sqlite3_column_int64(s, 0);
            rem[n] = sqlite3_column_int64(s, 1);
            n++;
        }
        sqlite3_reset(s);
        if (n == 0)
            return BOT_OK; /* nothing positive left: the rest is overdraft */
        for (int i = 0; i < n && minutes > 0; i++) {
            int64_t take = rem[i] < minutes ? rem[i] : minutes;
            sqlite3_stmt *u = q(st, Q_LOT_SPEND);
            if (!u)
                return BOT_DB;
            sqlite3_bind_int64(u, 1, ids[i]);
            sqlite3_bind_int64(u, 2, take);
            enum bot_rc r = step_done(st, u);
            if (r != BOT_OK)
                return r;
            minutes -= take;
        }
    }
    return BOT_OK;
}

static int64_t pos(int64_t v) { return v > 0 ? v : 0; }

enum bot_rc store_transfer(struct store *st, const struct store_transfer *t, int64_t *txn_out)
{
    struct store_account from, to;
    enum bot_rc rc;
    if (!st->in_txn || t->minutes <= 0 || t->from_account == t->to_account)
        return BOT_INVALID;
    if ((rc = store_account_get(st, t->from_account, &from)) != BOT_OK ||
        (rc = store_account_get(st, t->to_account, &to)) != BOT_OK)
        return rc;
    if (t->enforce_limit && from.has_limit && from.balance - t->minutes < from.min_balance)
        return BOT_LIMIT;
    sqlite3_stmt *s;
    int64_t txn;
    if ((rc = next_txn(st, &txn)) != BOT_OK)
        return rc;
    if ((rc = journal_leg(st, txn, from.id, -t->minutes, t)) != BOT_OK ||
        (rc = journal_leg(st, txn, to.id, t->minutes, t)) != BOT_OK ||
        (rc = account_add(st, from.id, -t->minutes, 0)) != BOT_OK ||
        (rc = account_add(st, to.id, t->minutes, t->counts_as_earned ? t->minutes : 0)) != BOT_OK)
        return rc;
    /* Lots hold exactly the positive part of a member's balance. */
    if (strcmp(from.kind, "member") == 0) {
        int64_t spend = pos(from.balance) - pos(from.balance - t->minutes);
        if ((rc = lots_spend(st, from.id, spend)) != BOT_OK)
            return rc;
    }
    if (strcmp(to.kind, "member") == 0) {
        int64_t lot = pos(to.balance + t->minutes) - pos(to.balance);
        if (lot > 0) {
            if (!(s = q(st, Q_LOT_INSERT)))
                return BOT_DB;
            sqlite3_bind_int64(s, 1, to.id);
            sqlite3_bind_int64(s, 2, lot);
            sqlite3_bind_int64(s, 3, t->now);
            bind_i64_or_null(s, 4, t->lot_expires_at);
            sqlite3_bind_int64(s, 5, txn);
            if ((rc = step_done(st, s)) != BOT_OK)
                return rc;
            if (t->lot_expires_at > 0) {
                if (!(s = q(st, Q_ACCOUNT_EXPIRY_BOUND)))
                    return BOT_DB;
                sqlite3_bind_int64(s, 1, to.id);
                sqlite3_bind_int64(s, 2, t->lot_expires_at);
                if ((rc = step_done(st, s)) != BOT_OK)
                    return rc;
            }
        }
    }
    if (txn_out)
        *txn_out = txn;
    return BOT_OK;
}

/* ---- inbox and outbox ---- */

static void bind_key(sqlite3_stmt *s, const struct store_msg_key *k)
{
    sqlite3_bind_text(s, 1, k->platform, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, k->chat_id ? k->chat_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, k->user_id ? k->user_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, k->message_id, -1, SQLITE_STATIC);
}

enum bot_rc store_inbox_get(struct store *st, const struct store_msg_key *k, char *reply, size_t replysz,
                            int *has_reply)
{
    sqlite3_stmt *s = q(st, Q_INBOX_GET);
    if (!s)
        return BOT_DB;
    bind_key(s, k);
    int rc = sqlite3_step(s);
    enum bot_rc r = BOT_NOTFOUND;
    if (rc == SQLITE_ROW) {
        *has_reply = sqlite3_column_type(s, 0) != SQLITE_NULL;
        bot_strlcpy(reply, *has_reply ? (const char *)sqlite3_column_text(s, 0) : "", replysz);
        r = BOT_OK;
    } else if (rc != SQLITE_DONE) {
        r = BOT_DB;
    }
    sqlite3_reset(s);
    return r;
}

enum bot_rc store_inbox_put(struct store *st, const struct store_msg_key *k, const char *reply, int64_t now)
{
    sqlite3_stmt *s = q(st, Q_INBOX_PUT);
    if (!s)
        return BOT_DB;
    bind_key(s, k);
    if (reply)
        sqlite3_bind_text(s, 5, reply, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, now);
    return step_done(st, s);
}

enum bot_rc store_inbox_prune(struct store *st, int64_t before, int max, int *deleted)
{
    sqlite3_stmt *s = q(st, Q_INBOX_PRUNE);
    *deleted = 0;
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, before);
    sqlite3_bind_int(s, 2, max);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK)
        *deleted = sqlite3_changes(st->db);
    return rc;
}

enum bot_rc store_outbox_add(struct store *st, const char *job, const char *platform,
                             const char *chat_id, const char *user_id, const char *text,
                             int64_t now, int64_t not_before)
{
    sqlite3_stmt *s = q(st, Q_OUTBOX_ADD);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, job, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, platform, -1, SQLITE_STATIC);
    bind_text_or_null(s, 3, chat_id);
    bind_text_or_null(s, 4, user_id);
    sqlite3_bind_text(s, 5, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, now);
    sqlite3_bind_int64(s, 7, not_before > now ? not_before : now);
    return step_done(st, s);
}

/* ---- audit ---- */

struct audit_check {
    const char *what;
    const char *sql; /* every row it returns is one broken invariant, as text */
};

static const struct audit_check audit_checks[] = {
    {"journal sums to zero",
     "SELECT 'journal total ' || total(minutes) FROM journal HAVING total(minutes) != 0"},
    {"every transaction balances",
     "SELECT 'txn ' || txn || ' sums to ' || sum(minutes) FROM journal GROUP BY txn HAVING sum(minutes) != 0"},
    {"every transaction has two or more legs",
     "SELECT 'txn ' || txn || ' has one leg' FROM journal GROUP BY txn HAVING count(*) < 2"},
    {"balances equal their entries",
     "SELECT 'account ' || a.name || ' balance ' || a.balance || ' but journal ' || "
     "coalesce(j.s, 0) FROM accounts a LEFT JOIN (SELECT account_id, sum(minutes) s FROM journal "
     "GROUP BY account_id) j ON j.account_id = a.id WHERE a.balance != coalesce(j.s, 0)"},
    {"no balance under its limit",
     "SELECT 'account ' || name || ' balance ' || balance || ' under limit ' || min_balance "
     "FROM accounts WHERE min_balance IS NOT NULL AND balance < min_balance"},
    {"lots hold the positive balance",
     "SELECT 'account ' || a.name || ' lots ' || coalesce(l.s, 0) || ' but positive balance ' || "
     "max(a.balance, 0) FROM accounts a LEFT JOIN (SELECT l.account_id, sum(l.remaining) s FROM lots l "
     "JOIN accounts a ON a.id = l.account_id WHERE " LOT_LIVE " GROUP BY l.account_id) l "
     "ON l.account_id = a.id WHERE a.kind = 'member' AND coalesce(l.s, 0) != max(a.balance, 0)"},
    {"held credits match open complaints",
     "SELECT 'hold account ' || a.balance || ' but open complaints hold ' || coalesce(c.s, 0) "
     "FROM accounts a, (SELECT sum(held_minutes) s FROM complaints WHERE status = 'open') c "
     "WHERE a.name = 'hold' AND a.balance != coalesce(c.s, 0)"},
    {"every account knows when its first live lot expires",
     "SELECT 'account ' || a.name || ' next expiry ' || coalesce(a.next_expiry, 'none') || ' but a lot expires at ' "
     "|| l.e FROM accounts a JOIN (SELECT l.account_id, min(l.expires_at) e FROM lots l "
     "JOIN accounts a ON a.id = l.account_id WHERE " LOT_LIVE " AND l.expires_at IS NOT NULL "
     "GROUP BY l.account_id) l ON l.account_id = a.id WHERE a.next_expiry IS NULL OR a.next_expiry > l.e"},
    {"system accounts hold no lots",
     "SELECT 'account ' || a.name || ' has lots' FROM lots l JOIN accounts a ON a.id = l.account_id "
     "WHERE a.kind != 'member' GROUP BY a.id"},
    {"every journal leg names a known kind",
     "SELECT 'journal row ' || id || ' kind ' || kind FROM journal WHERE kind NOT IN "
     "('service','gift','birthday','referral','activity','penalty','expiry','adjustment','dispute','refund')"},
    {"no lot out of range",
     "SELECT 'lot ' || id || ' remaining ' || remaining || ' of ' || minutes FROM lots "
     "WHERE remaining < 0 OR remaining > minutes"},
    {"no request credited twice",
     "SELECT 'request #' || request_id || ' credited by ' || count(DISTINCT txn) || ' transactions' "
     "FROM journal WHERE kind = 'service' AND request_id IS NOT NULL GROUP BY request_id HAVING count(DISTINCT txn) > 1"},
    {"confirmed requests match their credit",
     "SELECT 'request #' || r.id || ' credited ' || coalesce(r.credited_minutes, 0) || ' but journal ' "
     "|| coalesce(j.s, 0) FROM requests r LEFT JOIN (SELECT request_id, sum(minutes) s FROM journal "
     "WHERE kind = 'service' AND minutes > 0 GROUP BY request_id) j ON j.request_id = r.id "
     "WHERE (r.status IN ('confirmed','disputed') AND coalesce(j.s, 0) != coalesce(r.credited_minutes, 0)) "
     "OR (r.status NOT IN ('confirmed','disputed') AND j.s IS NOT NULL)"},
};

enum bot_rc store_audit(struct store *st, char *report, size_t reportsz, int *broken)
{
    size_t len = 0;
    *broken = 0;
    report[0] = '\0';
    for (size_t i = 0; i < BOT_ARRAY_LEN(audit_checks); i++) {
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(st->db, audit_checks[i].sql, -1, &s, NULL) != SQLITE_OK) {
            bot_log(BOT_LOG_ERROR, "audit: %s", sqlite3_errmsg(st->db));
            sqlite3_finalize(s);
            return BOT_DB;
        }
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            (*broken)++;
            bot_appendf(report, reportsz, &len, "%s: %s\n", audit_checks[i].what,
                        (const char *)sqlite3_column_text(s, 0));
        }
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return BOT_DB;
    }
    return BOT_OK;
}

/* ---- rule-book helpers ---- */

static enum bot_rc set_i64(struct store *st, enum store_q which, int64_t id, int64_t v)
{
    sqlite3_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    if (which == Q_MEMBER_SET_REFERRER)
        bind_i64_or_null(s, 2, v);
    else
        sqlite3_bind_int64(s, 2, v);
    return step_done(st, s);
}

enum bot_rc store_member_set_int(struct store *st, int64_t id, enum store_member_field f, int64_t v)
{
    static const enum store_q map[] = {
        [STORE_MF_ROLES] = Q_MEMBER_SET_ROLES, [STORE_MF_SUBSIDISED] = Q_MEMBER_SET_SUBSIDISED,
        [STORE_MF_SUSPENDED] = Q_MEMBER_SET_SUSPENDED, [STORE_MF_FROZEN_UNTIL] = Q_MEMBER_SET_FROZEN,
        [STORE_MF_REFERRER] = Q_MEMBER_SET_REFERRER, [STORE_MF_REFERRAL_PAID] = Q_MEMBER_SET_REFERRAL_PAID,
        [STORE_MF_BIRTHDAY_YEAR] = Q_MEMBER_SET_BIRTHDAY_YEAR, [STORE_MF_BIRTHDAY_PUBLIC] = Q_MEMBER_SET_BIRTHDAY_PUBLIC,
    };
    if ((unsigned)f >= BOT_ARRAY_LEN(map))
        return BOT_INVALID;
    return set_i64(st, map[f], id, v);
}

enum bot_rc store_member_set_manager(struct store *st, int64_t id, int roles, const char *building)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_SET_ROLES_BUILDING);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, roles);
    sqlite3_bind_text(s, 3, building ? building : "", -1, SQLITE_STATIC);
    return step_done(st, s);
}

enum bot_rc store_member_set_phone(struct store *st, int64_t id, const char *phone)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_SET_PHONE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, phone ? phone : "", -1, SQLITE_STATIC);
    return step_done(st, s);
}

enum bot_rc store_member_notice(struct store *st, int64_t id, const char *append)
{
    sqlite3_stmt *s = q(st, append ? Q_MEMBER_NOTICE_ADD : Q_MEMBER_NOTICE_CLEAR);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    if (append)
        sqlite3_bind_text(s, 2, append, -1, SQLITE_STATIC);
    return step_done(st, s);
}

enum bot_rc store_member_by_name(struct store *st, const char *name, struct store_member *out, int *count)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_BY_NAME);
    *count = 0;
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*count == 0)
            read_member(s, out);
        (*count)++;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return BOT_DB;
    return *count ? BOT_OK : BOT_NOTFOUND;
}

enum bot_rc store_members_born_on(struct store *st, const char *mmdd,
                                  void (*fn)(const struct store_member *, void *), void *arg)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_BORN_ON);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, mmdd, -1, SQLITE_STATIC);
    /* collect first: fn may write through the same connection */
    struct store_member *list = NULL;
    int n = 0, cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            struct store_member *nl = realloc(list, (size_t)cap * sizeof *list);
            if (!nl) {
                free(list);
                sqlite3_reset(s);
                return BOT_NOMEM;
            }
            list = nl;
        }
        read_member(s, &list[n++]);
    }
    sqlite3_reset(s);
    for (int i = 0; rc == SQLITE_DONE && i < n; i++)
        fn(&list[i], arg);
    free(list);
    return rc == SQLITE_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_request_list_building(struct store *st, const char *building, struct store_request *out,
                                        int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_REQ_LIST_BUILDING);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, building ? building : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, max);
    int rc;
    enum bot_rc r = BOT_OK;
    while (r == BOT_OK && (rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
        r = read_request(s, &out[(*n)++]);
    sqlite3_reset(s);
    return r != BOT_OK ? r : rc == SQLITE_DONE || rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_request_ids_due(struct store *st, enum store_req_status status, int64_t before,
                                  int64_t *ids, int max, int *n)
{
    *n = 0;
    if (status != STORE_REQ_FINISHED)
        return BOT_INVALID;
    sqlite3_stmt *s = q(st, Q_REQ_DUE_FINISHED);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, store_req_status_name(status), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, before);
    sqlite3_bind_int(s, 3, max);
    return collect_ids(s, ids, max, n);
}

enum bot_rc store_history(struct store *st, int64_t account, struct store_history *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_HISTORY);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, account);
    sqlite3_bind_int(s, 2, max);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
        struct store_history *h = &out[(*n)++];
        memset(h, 0, sizeof *h);
        h->txn = sqlite3_column_int64(s, 0);
        h->minutes = sqlite3_column_int64(s, 1);
        col_text(s, 2, h->kind, sizeof h->kind);
        col_text(s, 3, h->memo, sizeof h->memo);
        h->at = sqlite3_column_int64(s, 4);
        h->request_id = sqlite3_column_int64(s, 5);
        col_text(s, 6, h->counterpart, sizeof h->counterpart);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_lots_expiring(struct store *st, int64_t account, int64_t before, int64_t *minutes,
                                int64_t *earliest)
{
    sqlite3_stmt *s = q(st, Q_LOTS_EXPIRING);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, account);
    sqlite3_bind_int64(s, 2, before);
    int rc = sqlite3_step(s);
    *minutes = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    *earliest = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_rating_add(struct store *st, int64_t request_id, int64_t rater, int64_t ratee, int stars,
                             int64_t now)
{
    sqlite3_stmt *s = q(st, Q_RATING_ADD);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, request_id);
    sqlite3_bind_int64(s, 2, rater);
    sqlite3_bind_int64(s, 3, ratee);
    sqlite3_bind_int(s, 4, stars);
    sqlite3_bind_int64(s, 5, now);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK && sqlite3_changes(st->db) == 0)
        return BOT_DUP;
    return rc;
}

enum bot_rc store_rating_avg(struct store *st, int64_t member, double *avg, int *n)
{
    sqlite3_stmt *s = q(st, Q_RATING_AVG);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member);
    int rc = sqlite3_step(s);
    *avg = rc == SQLITE_ROW ? sqlite3_column_double(s, 0) : 0;
    *n = rc == SQLITE_ROW ? sqlite3_column_int(s, 1) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_activity_create(struct store *st, int64_t organiser, const char *title, int64_t now,
                                  int64_t *id)
{
    sqlite3_stmt *s = q(st, Q_ACT_CREATE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, organiser);
    sqlite3_bind_text(s, 2, title, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, now);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

enum bot_rc store_activity_get(struct store *st, int64_t id, struct store_activity *out)
{
    sqlite3_stmt *s = q(st, Q_ACT_GET);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    enum bot_rc r = BOT_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(s, 0);
        out->organiser_id = sqlite3_column_int64(s, 1);
        col_text(s, 2, out->title, sizeof out->title);
        out->closed = sqlite3_column_int(s, 3);
    } else {
        r = rc == SQLITE_DONE ? BOT_NOTFOUND : BOT_DB;
    }
    sqlite3_reset(s);
    return r;
}

enum bot_rc store_activity_sign(struct store *st, int64_t id, int64_t member, int64_t now)
{
    sqlite3_stmt *s = q(st, Q_ACT_SIGN);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, member);
    sqlite3_bind_int64(s, 3, now);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK && sqlite3_changes(st->db) == 0)
        return BOT_DUP;
    return rc;
}

enum bot_rc store_activity_participants(struct store *st, int64_t id, int64_t *members, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_ACT_PARTICIPANTS);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    return collect_ids(s, members, max, n);
}

enum bot_rc store_activity_close(struct store *st, int64_t id, int64_t now)
{
    sqlite3_stmt *s = q(st, Q_ACT_CLOSE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, now);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK && sqlite3_changes(st->db) == 0)
        return BOT_DUP;
    return rc;
}

enum bot_rc store_complaint_create(struct store *st, struct store_complaint *c, const char *text, int64_t now)
{
    sqlite3_stmt *s = q(st, Q_COMPLAINT_CREATE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, c->request_id);
    sqlite3_bind_int64(s, 2, c->complainant_id);
    sqlite3_bind_text(s, 3, text ? text : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, c->prev_status, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 5, c->held_minutes);
    sqlite3_bind_int64(s, 6, now);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK)
        c->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

enum bot_rc store_complaint_open_for(struct store *st, int64_t request_id, struct store_complaint *out)
{
    sqlite3_stmt *s = q(st, Q_COMPLAINT_OPEN);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, request_id);
    int rc = sqlite3_step(s);
    enum bot_rc r = BOT_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(s, 0);
        out->request_id = sqlite3_column_int64(s, 1);
        out->complainant_id = sqlite3_column_int64(s, 2);
        col_text(s, 3, out->prev_status, sizeof out->prev_status);
        out->held_minutes = sqlite3_column_int(s, 4);
        col_text(s, 5, out->status, sizeof out->status);
    } else {
        r = rc == SQLITE_DONE ? BOT_NOTFOUND : BOT_DB;
    }
    sqlite3_reset(s);
    return r;
}

enum bot_rc store_complaint_resolve(struct store *st, int64_t id, const char *status, int64_t resolver,
                                    int64_t now)
{
    sqlite3_stmt *s = q(st, Q_COMPLAINT_RESOLVE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, resolver);
    sqlite3_bind_int64(s, 4, now);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK && sqlite3_changes(st->db) == 0)
        return BOT_DUP;
    return rc;
}

/* (building, minutes) rows of a board query bound with (from, to, max). */
static enum bot_rc board_rows(struct store *st, enum store_q which, int64_t from, int64_t to,
                              struct store_board_row *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    sqlite3_bind_int(s, 3, max);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
        col_text(s, 0, out[*n].building, sizeof out[*n].building);
        out[*n].minutes = sqlite3_column_int64(s, 1);
        (*n)++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_leaderboard(struct store *st, int64_t from, int64_t to, struct store_board_row *out, int max,
                              int *n)
{
    return board_rows(st, Q_LEADERBOARD, from, to, out, max, n);
}

enum bot_rc store_member_identity(struct store *st, int64_t member, char *platform, size_t psz, char *user,
                                  size_t usz)
{
    sqlite3_stmt *s = q(st, Q_IDENT_OF_MEMBER);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member);
    int rc = sqlite3_step(s);
    enum bot_rc r = BOT_OK;
    if (rc == SQLITE_ROW) {
        col_text(s, 0, platform, psz);
        col_text(s, 1, user, usz);
    } else {
        r = rc == SQLITE_DONE ? BOT_NOTFOUND : BOT_DB;
    }
    sqlite3_reset(s);
    return r;
}

/* ---- platforms: bindings, identity links, outbox delivery ---- */

enum bot_rc store_bind_chat(struct store *st, const char *platform, const char *chat_id, const char *building,
                            int64_t by, int64_t now)
{
    sqlite3_stmt *s = q(st, Q_BIND_SET);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, platform, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, chat_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, building, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, by);
    sqlite3_bind_int64(s, 5, now);
    return step_done(st, s);
}

enum bot_rc store_chats_of_building(struct store *st, const char *building, struct store_chat *out, int max,
                                    int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_BIND_OF_BUILDING);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, building, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
        col_text(s, 0, out[*n].platform, sizeof out[*n].platform);
        col_text(s, 1, out[*n].chat_id, sizeof out[*n].chat_id);
        (*n)++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_link_code_put(struct store *st, const char *code, int64_t member, int64_t now,
                                int64_t expires_at)
{
    enum bot_rc rc;
    if ((rc = store_link_code_drop(st, member, now)) != BOT_OK)
        return rc;
    sqlite3_stmt *s = q(st, Q_LINK_PUT);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, member);
    sqlite3_bind_int64(s, 3, expires_at);
    rc = step_done(st, s);
    if (rc == BOT_OK && sqlite3_changes(st->db) == 0)
        return BOT_DUP; /* another member's live code */
    return rc;
}

enum bot_rc store_link_code_drop(struct store *st, int64_t member, int64_t now)
{
    sqlite3_stmt *s = q(st, Q_LINK_DROP);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member);
    sqlite3_bind_int64(s, 2, now);
    return step_done(st, s);
}

enum bot_rc store_link_code_take(struct store *st, const char *code, int64_t now, int64_t *member)
{
    sqlite3_stmt *s = q(st, Q_LINK_TAKE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    int64_t exp = 0;
    int dead = 0;
    *member = 0;
    if (rc == SQLITE_ROW) {
        *member = sqlite3_column_int64(s, 0);
        exp = sqlite3_column_int64(s, 1);
        dead = sqlite3_column_int(s, 2);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return BOT_DB;
    /* one time: a live code goes, and so do stale ones; a tombstone stays until it expires */
    sqlite3_stmt *d = q(st, Q_LINK_DEL);
    if (!d)
        return BOT_DB;
    sqlite3_bind_text(d, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(d, 2, now);
    enum bot_rc r = step_done(st, d);
    if (r != BOT_OK)
        return r;
    if (rc != SQLITE_ROW || exp < now) {
        *member = 0;
        return BOT_NOTFOUND;
    }
    return dead ? BOT_LIMIT : BOT_OK;
}

enum bot_rc store_link_code_kill(struct store *st, int64_t member)
{
    sqlite3_stmt *s = q(st, Q_LINK_KILL);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member);
    return step_done(st, s);
}

enum bot_rc store_identity_move(struct store *st, const char *platform, const char *user_id, int64_t member)
{
    sqlite3_stmt *s = q(st, Q_IDENT_MOVE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, platform, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, user_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, member);
    return step_done(st, s);
}

enum bot_rc store_member_has_history(struct store *st, const struct store_member *m, int *has)
{
    sqlite3_stmt *s = q(st, Q_MEMBER_ACTIVITY);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, m->id);
    sqlite3_bind_int64(s, 2, m->account_id);
    int rc = sqlite3_step(s);
    *has = rc == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

/* Bind platform, user_id as ?1, ?2 of the cached statement which. */
static sqlite3_stmt *q_ident(struct store *st, enum store_q which, const char *platform, const char *user_id)
{
    sqlite3_stmt *s = q(st, which);
    if (s) {
        sqlite3_bind_text(s, 1, platform, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, user_id, -1, SQLITE_STATIC);
    }
    return s;
}

enum bot_rc store_link_wrong_count(struct store *st, const char *platform, const char *user_id, int64_t since,
                                   int *n)
{
    *n = 0;
    sqlite3_stmt *s = q_ident(st, Q_LINK_WRONG_COUNT, platform, user_id);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 3, since);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_link_wrong_add(struct store *st, const char *platform, const char *user_id, int64_t now,
                                 int64_t forget_before)
{
    enum bot_rc rc;
    sqlite3_stmt *s = q(st, Q_LINK_WRONG_PRUNE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, forget_before);
    if ((rc = step_done(st, s)) != BOT_OK)
        return rc;
    if (!(s = q_ident(st, Q_LINK_WRONG_ADD, platform, user_id)))
        return BOT_DB;
    sqlite3_bind_int64(s, 3, now);
    if ((rc = step_done(st, s)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_LINK_BUMP)))
        return BOT_DB;
    sqlite3_bind_int64(s, 1, now);
    return step_done(st, s);
}

enum bot_rc store_link_codes_dead(struct store *st, int max_wrong, int64_t *members, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_LINK_DEAD);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int(s, 1, max_wrong);
    return collect_ids(s, members, max, n);
}

enum bot_rc store_link_record(struct store *st, const char *platform, const char *user_id, int64_t member,
                              int64_t from_member, int64_t now)
{
    sqlite3_stmt *s = q_ident(st, Q_LINK_RECORD, platform, user_id);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 3, member);
    sqlite3_bind_int64(s, 4, from_member);
    sqlite3_bind_int64(s, 5, now);
    return step_done(st, s);
}

static void read_link(sqlite3_stmt *s, struct store_link *l)
{
    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(s, 0);
    col_text(s, 1, l->platform, sizeof l->platform);
    col_text(s, 2, l->user_id, sizeof l->user_id);
    l->member_id = sqlite3_column_int64(s, 3);
    l->at = sqlite3_column_int64(s, 4);
}

enum bot_rc store_link_list(struct store *st, int64_t member, int64_t since, struct store_link *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_LINK_LIST);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member);
    sqlite3_bind_int64(s, 2, since);
    sqlite3_bind_int(s, 3, max);
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
        read_link(s, &out[(*n)++]);
    if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_link_of_identity(struct store *st, const char *platform, const char *user_id, struct store_link *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = q_ident(st, Q_LINK_OF_IDENT, platform, user_id);
    if (!s)
        return BOT_DB;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_link(s, out);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : rc == SQLITE_DONE ? BOT_NOTFOUND : BOT_DB;
}

enum bot_rc store_link_request_add(struct store *st, int64_t link_id, const char *side, int64_t request_id,
                                   int64_t at)
{
    sqlite3_stmt *s = q(st, Q_LINK_REQ_ADD);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, link_id);
    sqlite3_bind_text(s, 2, side, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, request_id);
    sqlite3_bind_int64(s, 4, at);
    return step_done(st, s);
}

/* Hand the unfinished requests of link l on one side (which) from its member to mid; *n counts them. */
static enum bot_rc move_link_requests(struct store *st, enum store_q which, const struct store_link *l, int64_t mid,
                                      int *n)
{
    sqlite3_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, l->id);
    sqlite3_bind_int64(s, 2, l->member_id);
    sqlite3_bind_int64(s, 3, mid);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK)
        *n += sqlite3_changes(st->db);
    return rc;
}

enum bot_rc store_link_undo(struct store *st, const struct store_link *l, const char *by, int64_t overdraft_minutes,
                            int64_t now, int64_t *member, int *moved)
{
    enum bot_rc rc;
    char acct[160];
    *member = 0;
    *moved = 0;
    /* "<platform>:<user_id>" is still the account of the member the identity first had */
    snprintf(acct, sizeof acct, "%s:%s#%lld", l->platform, l->user_id, (long long)l->id);
    int64_t mid;
    int n = 0;
    if ((rc = new_member(st, "", acct, overdraft_minutes, now, &mid)) != BOT_OK)
        return rc;
    if ((rc = store_identity_move(st, l->platform, l->user_id, mid)) != BOT_OK)
        return rc;
    if ((rc = move_link_requests(st, Q_LINK_MOVE_REQUESTER, l, mid, &n)) != BOT_OK ||
        (rc = move_link_requests(st, Q_LINK_MOVE_VOLUNTEER, l, mid, &n)) != BOT_OK)
        return rc;
    sqlite3_stmt *s = q(st, Q_LINK_UNDO);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, l->id);
    sqlite3_bind_int64(s, 2, now);
    sqlite3_bind_text(s, 3, by, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, mid);
    if ((rc = step_done(st, s)) != BOT_OK)
        return rc;
    *member = mid;
    *moved = n;
    return BOT_OK;
}

/* Step an identities query (platform, user_id rows) into out, up to max. */
static enum bot_rc collect_identities(sqlite3_stmt *s, struct store_identity *out, int max, int *n)
{
    int rc = SQLITE_DONE;
    *n = 0;
    while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        col_text(s, 0, out[*n].platform, sizeof out[*n].platform);
        col_text(s, 1, out[*n].user_id, sizeof out[*n].user_id);
        (*n)++;
    }
    if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_member_originals(struct store *st, int64_t member, struct store_identity *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_IDENTS_ORIGINAL);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member);
    return collect_identities(s, out, max, n);
}

enum bot_rc store_member_identities(struct store *st, int64_t member, struct store_identity *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_IDENTS_OF_MEMBER);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, member);
    return collect_identities(s, out, max, n);
}

enum bot_rc store_identity_notice(struct store *st, const char *platform, const char *user_id, const char *append)
{
    sqlite3_stmt *s = q_ident(st, append ? Q_IDENT_NOTICE_ADD : Q_IDENT_NOTICE_CLEAR, platform, user_id);
    if (!s)
        return BOT_DB;
    if (append)
        sqlite3_bind_text(s, 3, append, -1, SQLITE_STATIC);
    return step_done(st, s);
}

enum bot_rc store_identity_notice_get(struct store *st, const char *platform, const char *user_id, char *buf,
                                      size_t bufsz)
{
    buf[0] = '\0';
    sqlite3_stmt *s = q_ident(st, Q_IDENT_NOTICE_GET, platform, user_id);
    if (!s)
        return BOT_DB;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        col_text(s, 0, buf, bufsz);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : rc == SQLITE_DONE ? BOT_NOTFOUND : BOT_DB;
}

static void read_outbox(sqlite3_stmt *s, struct store_outbox *o, int full)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(s, 0);
    col_text(s, 1, o->job, sizeof o->job);
    col_text(s, 2, o->platform, sizeof o->platform);
    col_text(s, 3, o->chat_id, sizeof o->chat_id);
    col_text(s, 4, o->user_id, sizeof o->user_id);
    col_text(s, 5, o->text, sizeof o->text);
    o->attempts = sqlite3_column_int(s, 6);
    if (full) {
        col_text(s, 7, o->status, sizeof o->status);
        o->next_at = sqlite3_column_int64(s, 8);
        col_text(s, 9, o->last_error, sizeof o->last_error);
    } else {
        bot_strlcpy(o->status, "pending", sizeof o->status);
    }
}

enum bot_rc store_outbox_due(struct store *st, int64_t now, const char *skip_ids, int per_dest,
                             struct store_outbox *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_OUTBOX_DUE);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, now);
    sqlite3_bind_text(s, 2, skip_ids && *skip_ids ? skip_ids : "[]", -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, per_dest);
    sqlite3_bind_int(s, 4, max);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
        read_outbox(s, &out[(*n)++], 0);
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_outbox_mark(struct store *st, int64_t id, enum store_outbox_result result, int64_t when,
                              const char *error)
{
    sqlite3_stmt *s = q(st, result == STORE_OUTBOX_SENT ? Q_OUTBOX_SENT
                            : result == STORE_OUTBOX_RETRY ? Q_OUTBOX_RETRY
                                                           : Q_OUTBOX_DEAD);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, id);
    if (result == STORE_OUTBOX_DEAD) {
        sqlite3_bind_text(s, 2, error ? error : "", -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_int64(s, 2, when);
        if (result == STORE_OUTBOX_RETRY)
            sqlite3_bind_text(s, 3, error ? error : "", -1, SQLITE_STATIC);
    }
    return step_done(st, s);
}

enum bot_rc store_outbox_each(struct store *st, int64_t after_id, int all,
                              void (*fn)(const struct store_outbox *, void *), void *arg)
{
    sqlite3_stmt *s = q(st, all ? Q_OUTBOX_SINCE : Q_OUTBOX_LIST);
    if (!s)
        return BOT_DB;
    if (all)
        sqlite3_bind_int64(s, 1, after_id);
    struct store_outbox o;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        read_outbox(s, &o, 1);
        fn(&o, arg);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? BOT_OK : BOT_DB;
}

enum bot_rc store_outbox_stats(struct store *st, int64_t now, struct store_outbox_stats *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = q(st, Q_OUTBOX_STATS);
    if (!s)
        return BOT_DB;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->pending = sqlite3_column_int64(s, 0);
        out->dead = sqlite3_column_int64(s, 1);
        if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
            int64_t oldest = sqlite3_column_int64(s, 2);
            out->oldest_pending_age = now > oldest ? now - oldest : 0;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_outbox_pending_at_least(struct store *st, int64_t limit, int *reached)
{
    *reached = 0;
    sqlite3_stmt *s = q(st, Q_OUTBOX_PENDING_UPTO);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, limit);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *reached = sqlite3_column_int64(s, 0) >= limit;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

int64_t store_outbox_last_id(struct store *st)
{
    sqlite3_stmt *s = NULL;
    int64_t id = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT coalesce(max(id), 0) FROM outbox", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return id;
}

enum bot_rc store_managers_of(struct store *st, const char *building, int64_t *ids, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_MANAGERS_OF);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, building, -1, SQLITE_STATIC);
    return collect_ids(s, ids, max, n);
}

/* ---- the scheduler ---- */

enum bot_rc store_job_claim(struct store *st, const char *job, const char *subject, const char *period, int64_t now)
{
    sqlite3_stmt *s = q(st, Q_JOB_CLAIM);
    if (!s)
        return BOT_DB;
    sqlite3_bind_text(s, 1, job, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, period, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, now);
    enum bot_rc rc = step_done(st, s);
    if (rc == BOT_OK && sqlite3_changes(st->db) == 0)
        return BOT_DUP;
    return rc;
}

/* ids from a one-int64-column query with three bound integers. */
/* ids from a query bound with (a, b or b_text, max). */
static enum bot_rc ids_query(struct store *st, enum store_q which, int64_t a, const char *b_text, int64_t b, int64_t *ids,
                             int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, a);
    if (b_text)
        sqlite3_bind_text(s, 2, b_text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(s, 2, b);
    sqlite3_bind_int(s, 3, max);
    return collect_ids(s, ids, max, n);
}

enum bot_rc store_requests_starting(struct store *st, int64_t after, int64_t until, int64_t *ids, int max, int *n)
{
    return ids_query(st, Q_REQ_STARTING, after, NULL, until, ids, max, n);
}

enum bot_rc store_requests_unmatched(struct store *st, int64_t created_before, const char *period, int64_t *ids, int max,
                                     int *n)
{
    return ids_query(st, Q_REQ_UNMATCHED, created_before, period, 0, ids, max, n);
}

enum bot_rc store_requests_to_remind(struct store *st, int64_t finished_before, int64_t finished_after, int64_t *ids,
                                     int max, int *n)
{
    return ids_query(st, Q_REQ_CONFIRM_REMIND, finished_before, NULL, finished_after, ids, max, n);
}

enum bot_rc store_lots_to_warn(struct store *st, int64_t after, int64_t until, struct store_lot *out, int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_LOTS_WARN);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, after);
    sqlite3_bind_int64(s, 2, until);
    sqlite3_bind_int(s, 3, max);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
        out[*n].id = sqlite3_column_int64(s, 0);
        out[*n].remaining = sqlite3_column_int64(s, 1);
        out[*n].expires_at = sqlite3_column_int64(s, 2);
        out[*n].member_id = sqlite3_column_int64(s, 3);
        (*n)++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

/* Run the cached statement `which` with up to three integer parameters. */
static enum bot_rc run_q(struct store *st, enum store_q which, int nargs, int64_t a1, int64_t a2, int64_t a3)
{
    sqlite3_stmt *s = q(st, which);
    if (!s)
        return BOT_DB;
    int64_t args[3] = {a1, a2, a3};
    for (int i = 0; i < nargs; i++)
        sqlite3_bind_int64(s, i + 1, args[i]);
    return step_done(st, s);
}

enum bot_rc store_expire_batch(struct store *st, int64_t now, int max_accounts, int *accounts, int *lots,
                               int64_t *minutes)
{
    struct store_account expired;
    enum bot_rc rc;
    sqlite3_stmt *s;
    *accounts = *lots = 0;
    *minutes = 0;
    if (!st->in_txn)
        return BOT_ERR;
    if ((rc = store_account_by_name(st, "expired", &expired)) != BOT_OK ||
        (rc = exec(st, "CREATE TEMP TABLE IF NOT EXISTS exp_accts(account_id INTEGER PRIMARY KEY);"
                       "CREATE TEMP TABLE IF NOT EXISTS exp_lots(account_id INTEGER NOT NULL, lot_id INTEGER NOT NULL, "
                       "remaining INTEGER NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY(account_id, lot_id)) "
                       "WITHOUT ROWID;"
                       "CREATE TEMP TABLE IF NOT EXISTS exp_batch(account_id INTEGER PRIMARY KEY, "
                       "minutes INTEGER NOT NULL, next INTEGER)")) != BOT_OK)
        return rc;
    if ((rc = run_q(st, Q_EXP_CLEAR_ACCTS, 0, 0, 0, 0)) != BOT_OK || (rc = run_q(st, Q_EXP_CLEAR_LOTS, 0, 0, 0, 0)) != BOT_OK ||
        (rc = run_q(st, Q_EXP_CLEAR, 0, 0, 0, 0)) != BOT_OK)
        return rc;
    /* the accounts whose earliest live lot may be due, oldest first; all their
     * live expiring lots; per account the minutes due and the next expiry */
    int64_t txn;
    if ((rc = next_txn(st, &txn)) != BOT_OK)
        return rc;
    if ((rc = run_q(st, Q_EXP_PICK_ACCTS, 2, now, max_accounts, 0)) != BOT_OK ||
        (rc = run_q(st, Q_EXP_PICK, 0, 0, 0, 0)) != BOT_OK || (rc = run_q(st, Q_EXP_FILL, 1, now, 0, 0)) != BOT_OK)
        return rc;
    if (!(s = q(st, Q_EXP_SUMMARY)))
        return BOT_DB;
    sqlite3_bind_int64(s, 1, now);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *lots = sqlite3_column_int(s, 0);
        *minutes = sqlite3_column_int64(s, 1);
        *accounts = sqlite3_column_int(s, 2);
    }
    sqlite3_reset(s);
    /* one journal transaction: a debit leg per account that loses minutes,
     * one credit leg to the expired account for their sum; the accounts'
     * balances, expiry bounds and expired_through, which ends the due lots */
    if (*minutes > 0 &&
        ((rc = run_q(st, Q_EXP_DEBITS, 2, now, txn, 0)) != BOT_OK ||
         (rc = run_q(st, Q_EXP_CREDITS, 3, now, expired.id, txn)) != BOT_OK ||
         (rc = run_q(st, Q_EXP_TOTAL, 2, expired.id, *minutes, 0)) != BOT_OK))
        return rc;
    if (*accounts > 0 && (rc = run_q(st, Q_EXP_BALANCES, 1, now, 0, 0)) != BOT_OK)
        return rc;
    return BOT_OK;
}

enum bot_rc store_top_volunteers(struct store *st, int64_t from, int64_t to, struct store_board_row *out, int max,
                                 int *n)
{
    return board_rows(st, Q_TOP_VOLUNTEERS, from, to, out, max, n);
}

enum bot_rc store_month_report(struct store *st, int64_t from, int64_t to, struct store_report *out)
{
    sqlite3_stmt *s = q(st, Q_MONTH_REPORT);
    if (!s)
        return BOT_DB;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->requests = sqlite3_column_int64(s, 0);
        out->matched = sqlite3_column_int64(s, 1);
        out->minutes = sqlite3_column_int64(s, 2);
        out->new_members = sqlite3_column_int64(s, 3);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_all_chats(struct store *st, struct store_chat *out, char (*buildings)[32], int max, int *n)
{
    *n = 0;
    sqlite3_stmt *s = q(st, Q_ALL_CHATS);
    if (!s)
        return BOT_DB;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
        col_text(s, 0, out[*n].platform, sizeof out[*n].platform);
        col_text(s, 1, out[*n].chat_id, sizeof out[*n].chat_id);
        col_text(s, 2, buildings[*n], 32);
        (*n)++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? BOT_OK : BOT_DB;
}

enum bot_rc store_seed_bench(struct store *st, int members, int lots_per_member, int64_t earned_at, int64_t expires_at)
{
    char sql[2048];
    enum bot_rc rc = store_begin(st);
    if (rc != BOT_OK)
        return rc;
    /* members, identities and accounts bench:1..N; one activity txn each from the
     * fund; lots_per_member one-hour lots; every invariant of the audit holds */
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
             "INSERT INTO members(name, building, registered, created_at) "
             "SELECT 'bench' || i, (i %% 20 + 1) || '号楼', 1, %lld FROM n;"
             "INSERT INTO accounts(name, kind, member_id, balance, earned, min_balance, next_expiry) "
             "SELECT 'bench:' || id, 'member', id, %d * 60, %d * 60, -600, %lld FROM members WHERE name LIKE 'bench%%';"
             "UPDATE members SET account_id = (SELECT id FROM accounts WHERE member_id = members.id) "
             "WHERE name LIKE 'bench%%';"
             "INSERT INTO identities(platform, user_id, member_id) SELECT 'bench', id, id FROM members "
             "WHERE name LIKE 'bench%%';"
             "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) "
             "SELECT (SELECT coalesce(max(txn), 0) FROM journal) + a.id, a.id, %d * 60, 'activity', 'bench', %lld "
             "FROM accounts a WHERE a.name LIKE 'bench:%%';"
             "INSERT INTO journal(txn, account_id, minutes, kind, memo, at) "
             "SELECT j.txn, (SELECT id FROM accounts WHERE name = 'fund'), -j.minutes, 'activity', 'bench', j.at "
             "FROM journal j JOIN accounts a ON a.id = j.account_id WHERE a.name LIKE 'bench:%%';"
             "UPDATE accounts SET balance = balance - %lld WHERE name = 'fund';"
             "WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < %d) "
             "INSERT INTO lots(account_id, minutes, remaining, earned_at, expires_at, txn) "
             "SELECT a.id, 60, 60, %lld, %lld, 0 FROM accounts a, k WHERE a.name LIKE 'bench:%%';",
             members, (long long)earned_at, lots_per_member, lots_per_member, (long long)expires_at, lots_per_member,
             (long long)earned_at,
             (long long)members * lots_per_member * 60, lots_per_member, (long long)earned_at, (long long)expires_at);
    if ((rc = exec(st, sql)) != BOT_OK) {
        store_rollback(st);
        return rc;
    }
    if ((rc = store_commit(st)) != BOT_OK)
        return rc;
    return exec(st, "PRAGMA wal_checkpoint(TRUNCATE)"); /* start the measurement from a folded WAL */
}
