/* schema.c — the tables, every migration from v1 on, and running them when a store is opened. */
#include "store_int.h"

#define STORE_SCHEMA_VERSION 50

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

/* v11: conversations (issue 13). What the bot asked a member in one chat and
 * waits an answer to: one question per member and chat, until it expires. */
static const char schema_v11[] =
    "CREATE TABLE pending("
    "  platform TEXT NOT NULL, chat_id TEXT NOT NULL, user_id TEXT NOT NULL,"
    "  kind TEXT NOT NULL, payload TEXT NOT NULL, asked_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
    "  PRIMARY KEY(platform, chat_id, user_id)) WITHOUT ROWID;"
    "CREATE INDEX pending_expiry ON pending(expires_at);";

/* v12: undo (issue 13). Each accept or cancel of an order, kept for an hour, so that its member can take the last
 * one back within minutes when nothing happened to the order since: the status (volunteer, accepted_at) it found
 * and the one it left, the credit it moved, and the journal's last row once it was written. Orders listed by
 * their volunteer (我接的单) read an index. */
static const char schema_v12[] =
    "CREATE TABLE order_actions("
    "  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id),"
    "  request_id INTEGER NOT NULL REFERENCES requests(id), kind TEXT NOT NULL,"
    "  prev_status TEXT NOT NULL, prev_volunteer INTEGER, prev_accepted_at INTEGER,"
    "  left_status TEXT NOT NULL, left_volunteer INTEGER, moved INTEGER NOT NULL DEFAULT 0,"
    "  journal_mark INTEGER NOT NULL, at INTEGER NOT NULL, undone_at INTEGER);"
    "CREATE INDEX order_actions_member ON order_actions(member_id, id);"
    "CREATE INDEX order_actions_request ON order_actions(request_id, id);"
    "CREATE INDEX order_actions_at ON order_actions(at);"
    "CREATE INDEX requests_volunteer ON requests(volunteer_id, status);";

/* v13: the fund's and 代录's rules (issue 14). Who recorded a 代录 (his daily cap, his own undo), and when a
 * member's birthday was entered or changed (no birthday gift within a year of it). */
static const char schema_v13[] =
    "ALTER TABLE requests ADD COLUMN proxy_by INTEGER;"
    "ALTER TABLE members ADD COLUMN birthday_set_at INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX requests_proxy_by ON requests(proxy_by, created_at) WHERE proxy_by IS NOT NULL;";

/* v14: no-shows and late cancels (issue 14). Each no-show and each late cancel of an accepted order, by whom
 * (strikes: the ban on accepting, staff's review list); when a member may accept again (a ban by the rules or,
 * later, by staff); when the requester excused a late start (an excuse counts for the acceptance it follows). */
static const char schema_v14[] =
    "CREATE TABLE strikes("
    "  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id),"
    "  request_id INTEGER REFERENCES requests(id), kind TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE INDEX strikes_member ON strikes(kind, member_id, at);"
    "CREATE INDEX strikes_at ON strikes(kind, at);"
    "ALTER TABLE members ADD COLUMN accept_banned_until INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE requests ADD COLUMN excused_at INTEGER;";

/* v15: a no-show's reopened order keeps the requester's start; how late it may still begin is its own column
 * (reopen_start: listed and accepted until it passes by the past grace, then expired). */
static const char schema_v15[] = "ALTER TABLE requests ADD COLUMN reopen_start INTEGER;";

/* v16: a notice is a row (issue 15): never cut short, never dropped; delivered by a push, with the member's
 * next private reply or `消息`, and passed on by their 楼长's daily digest when nobody can push to them. The
 * notices waiting in members.notice move into it (the column stays, unused); the view member_notices shows
 * what waits for each member. */
static const char schema_v16[] =
    "CREATE TABLE notices("
    "  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id), text TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL, delivered_at INTEGER, how TEXT, digested_at INTEGER);"
    "CREATE INDEX notices_waiting ON notices(member_id, delivered_at, id);"
    "CREATE INDEX notices_undigested ON notices(digested_at, delivered_at);"
    "INSERT INTO notices(member_id, text, created_at) SELECT id, notice, created_at FROM members WHERE notice != '';"
    "UPDATE members SET notice = '' WHERE notice != '';"
    /* for staff reading the file (and the tests): what waits for each member, oldest first, one text */
    "CREATE VIEW member_notices AS SELECT m.id AS id, m.name AS name, coalesce((SELECT group_concat(n.text, char(10)) "
    "FROM notices n WHERE n.member_id = m.id AND n.delivered_at IS NULL), '') AS notice FROM members m;";

/* v17: elders registered by their 楼长 (no chat identity; who registered them), activities with a time and a place. */
static const char schema_v17[] =
    "ALTER TABLE members ADD COLUMN created_by INTEGER;"
    "ALTER TABLE activities ADD COLUMN starts_at INTEGER;"
    "ALTER TABLE activities ADD COLUMN ends_at INTEGER;"
    "ALTER TABLE activities ADD COLUMN place TEXT NOT NULL DEFAULT '';";

/* v18: vetting and matching (issue 15). What a member offers to do (我会修水电: a service a row), and the
 * certificates staff recorded (认证 @X 托管 有效期…): a service a member may take until expires_at. */
static const char schema_v18[] =
    "CREATE TABLE member_skills("
    "  member_id INTEGER NOT NULL REFERENCES members(id), service TEXT NOT NULL, at INTEGER NOT NULL,"
    "  PRIMARY KEY(member_id, service)) WITHOUT ROWID;"
    "CREATE INDEX member_skills_service ON member_skills(service, member_id);"
    "CREATE TABLE member_certs("
    "  member_id INTEGER NOT NULL REFERENCES members(id), service TEXT NOT NULL,"
    "  expires_at INTEGER NOT NULL, recorded_by INTEGER NOT NULL, at INTEGER NOT NULL,"
    "  PRIMARY KEY(member_id, service)) WITHOUT ROWID;";

/* v19: complaints with deadlines (issue 15): when staff or the 楼长 first answered, the escalations are jobs'
 * claims; a member a complaint banned from accepting waits for retraining (the order it came from, 0 = none)
 * until staff clear it (完成培训). */
static const char schema_v19[] =
    "ALTER TABLE complaints ADD COLUMN responded_at INTEGER;"
    "ALTER TABLE members ADD COLUMN retraining INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX complaints_open ON complaints(status, created_at);";

/* v20: an identity's own notices (a link alert, which the member's other identities cannot read) are rows too,
 * with the identity they are for: never cut, never cleared unread. */
static const char schema_v20[] =
    "ALTER TABLE notices ADD COLUMN platform TEXT;"
    "ALTER TABLE notices ADD COLUMN user_id TEXT;"
    "INSERT INTO notices(member_id, text, created_at, platform, user_id) "
    "SELECT member_id, notice, 0, platform, user_id FROM identities WHERE notice != '';"
    "UPDATE identities SET notice = '' WHERE notice != '';"
    "CREATE INDEX notices_identity ON notices(platform, user_id, delivered_at) WHERE platform IS NOT NULL;";

/* v21: the cash ledger (issue 16): yuan in integer fen, double-entry like the hours and apart from them. */
static const char schema_v21[] =
    "CREATE TABLE cash_accounts("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
    "  member_id INTEGER REFERENCES members(id), balance_fen INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE cash_journal("
    "  id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, account_id INTEGER NOT NULL REFERENCES cash_accounts(id),"
    "  fen INTEGER NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL DEFAULT '', ref TEXT NOT NULL DEFAULT '',"
    "  memo TEXT NOT NULL DEFAULT '', by_member INTEGER, at INTEGER NOT NULL);"
    "CREATE INDEX cash_journal_account ON cash_journal(account_id, at);"
    "CREATE INDEX cash_journal_txn ON cash_journal(txn);"
    "INSERT INTO cash_accounts(name, kind) VALUES ('bank', 'bank'), ('income', 'source'), ('expense', 'sink'),"
    "  ('fund', 'fund'), ('founders', 'payable'), ('board', 'payable');";

/* v22: the web console (issue 17): one-time login links and sessions kept as hashes, its action log, login tries by
 * address; and the indexes its pages read orders by. */
static const char schema_v22[] =
    "CREATE TABLE console_links(token_hash TEXT PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id),"
    "  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER) WITHOUT ROWID;"
    "CREATE TABLE console_sessions(sid_hash TEXT PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id),"
    "  csrf TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER) WITHOUT ROWID;"
    "CREATE INDEX console_sessions_member ON console_sessions(member_id);"
    "CREATE TABLE console_log(id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, action TEXT NOT NULL,"
    "  detail TEXT NOT NULL DEFAULT '', at INTEGER NOT NULL);"
    "CREATE TABLE console_tries(ip TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE INDEX console_tries_ip ON console_tries(ip, at);"
    "CREATE INDEX requests_accepted ON requests(accepted_at) WHERE accepted_at IS NOT NULL;"
    "CREATE INDEX requests_confirmed ON requests(confirmed_at) WHERE confirmed_at IS NOT NULL;";

/* v23: partner merchants (issue 16): each with a time account and a cash account (what it owes), its clerks, the
 * members' short-lived redemption codes, the clerks' wrong codes, and every redemption. */
static const char schema_v23[] =
    "CREATE TABLE merchants("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, yuan_per_credit_fen INTEGER NOT NULL,"
    "  max_fen INTEGER NOT NULL, fee_bp INTEGER NOT NULL, account_id INTEGER REFERENCES accounts(id),"
    "  cash_account_id INTEGER REFERENCES cash_accounts(id), created_by INTEGER, created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL);"
    "CREATE TABLE merchant_clerks("
    "  merchant_id INTEGER NOT NULL REFERENCES merchants(id), member_id INTEGER NOT NULL REFERENCES members(id),"
    "  bound_by INTEGER, bound_at INTEGER NOT NULL, PRIMARY KEY(merchant_id, member_id));"
    "CREATE INDEX merchant_clerks_member ON merchant_clerks(member_id);"
    "CREATE TABLE redeem_codes("
    "  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, member_id INTEGER NOT NULL REFERENCES members(id),"
    "  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER, replaced_at INTEGER);"
    "CREATE INDEX redeem_codes_member ON redeem_codes(member_id) WHERE used_at IS NULL AND replaced_at IS NULL;"
    "CREATE TABLE redeem_wrong("
    "  id INTEGER PRIMARY KEY, clerk_id INTEGER NOT NULL, code TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE INDEX redeem_wrong_clerk ON redeem_wrong(clerk_id, at);"
    "CREATE TABLE redemptions("
    "  id INTEGER PRIMARY KEY, merchant_id INTEGER NOT NULL REFERENCES merchants(id),"
    "  member_id INTEGER NOT NULL REFERENCES members(id), clerk_id INTEGER NOT NULL REFERENCES members(id),"
    "  code TEXT NOT NULL, price_fen INTEGER NOT NULL, minutes INTEGER NOT NULL, discount_fen INTEGER NOT NULL,"
    "  fee_fen INTEGER NOT NULL, at INTEGER NOT NULL, txn INTEGER NOT NULL, cash_txn INTEGER);"
    "CREATE INDEX redemptions_merchant ON redemptions(merchant_id, at);";

/* v24: memberships (收会费: a tier's paid period, its receipt and cash transaction, its voucher once used, its
 * renewal reminder) and the year's dividends (分红核算: a stored draft, 分红确认: paid). */
static const char schema_v24[] =
    "CREATE TABLE memberships("
    "  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(id), tier TEXT NOT NULL,"
    "  from_at INTEGER NOT NULL, until_at INTEGER NOT NULL, fen INTEGER NOT NULL, paid_how TEXT NOT NULL,"
    "  receipt TEXT NOT NULL, entered_by INTEGER, cash_txn INTEGER NOT NULL,"
    "  voucher_minutes INTEGER NOT NULL DEFAULT 0, voucher_request INTEGER, reminded_at INTEGER,"
    "  created_at INTEGER NOT NULL);"
    "CREATE INDEX memberships_member ON memberships(member_id, until_at);"
    "CREATE INDEX memberships_until ON memberships(until_at) WHERE reminded_at IS NULL;"
    "CREATE TABLE dividends("
    "  year INTEGER PRIMARY KEY, profit_fen INTEGER NOT NULL, members_fen INTEGER NOT NULL,"
    "  founders_fen INTEGER NOT NULL, fund_fen INTEGER NOT NULL, board_fen INTEGER NOT NULL,"
    "  computed_at INTEGER NOT NULL, computed_by INTEGER, confirmed_at INTEGER, confirmed_by INTEGER);"
    "CREATE TABLE dividend_shares("
    "  year INTEGER NOT NULL, member_id INTEGER NOT NULL REFERENCES members(id), years INTEGER NOT NULL,"
    "  service_minutes INTEGER NOT NULL, referred INTEGER NOT NULL, score INTEGER NOT NULL, fen INTEGER NOT NULL,"
    "  PRIMARY KEY(year, member_id));";

/* v25: spending waiting for approval (记账 支出 past one approver's limit), numbered 支出#N (finance.c). */
static const char schema_v25[] =
    "CREATE TABLE spendings("
    "  id INTEGER PRIMARY KEY, item TEXT NOT NULL, fen INTEGER NOT NULL CHECK (fen > 0), memo TEXT NOT NULL DEFAULT '',"
    "  band INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending', entered_by INTEGER NOT NULL REFERENCES members(id),"
    "  entered_at INTEGER NOT NULL, decided_by INTEGER REFERENCES members(id), decided_at INTEGER,"
    "  decision TEXT NOT NULL DEFAULT '', cash_txn INTEGER);"
    "CREATE INDEX spendings_status ON spendings(status, id);";

/* v26: the console's pages on a 100,000-member store (bench/console_bench.py): members by building and by when they
 * registered, orders by when they were posted, the confirmed orders' index covering what the week, service and
 * building figures and the month's report read, the accepted orders' covering their volunteers, ratings by time,
 * the journal by time (公示, the journal CSV) and an account's journal by kind and time (the fund's month). */
static const char schema_v26[] =
    "CREATE INDEX members_building ON members(building, registered);"
    "CREATE INDEX members_created ON members(created_at) WHERE registered = 1;"
    "CREATE INDEX requests_created ON requests(created_at, status);"
    "DROP INDEX requests_confirmed;"
    "CREATE INDEX requests_confirmed ON requests(confirmed_at, status, requester_id, credited_minutes, volunteer_id, "
    "  service) WHERE confirmed_at IS NOT NULL;"
    "DROP INDEX requests_accepted;"
    "CREATE INDEX requests_accepted ON requests(accepted_at, volunteer_id) WHERE accepted_at IS NOT NULL;"
    "CREATE INDEX ratings_at ON ratings(at, stars);"
    "CREATE INDEX journal_at ON journal(at, account_id);"
    "CREATE INDEX journal_account_at ON journal(account_id, kind, at);";

/* v27: an order keeps the building it was posted from (its requester's then): the console's figures by building and a
 * 楼长's counts read the orders' index alone, no member row per order. */
static const char schema_v27[] =
    "ALTER TABLE requests ADD COLUMN building TEXT NOT NULL DEFAULT '';"
    "UPDATE requests SET building = coalesce((SELECT m.building FROM members m WHERE m.id = requests.requester_id), '');"
    "DROP INDEX requests_confirmed;"
    "CREATE INDEX requests_confirmed ON requests(confirmed_at, status, building, requester_id, credited_minutes, "
    "  volunteer_id, service) WHERE confirmed_at IS NOT NULL;"
    "CREATE INDEX requests_open_building ON requests(building, created_at) WHERE status = 'open';";

/* v28: branches (分会, issue 18) above buildings, one ledger (通存通兑): branch 1 is the default (named by bot.ini's
 * [branch] name), a building not mapped is in it, a member's home branch is her building's; a branch's requests are
 * its own unless allow_cross; each branch has a fund account ('fund' for branch 1, 'fund:<id>' for the others); a
 * staff member's branch_scope limits her to one branch (0 = the whole alliance). */
static const char schema_v28[] =
    "CREATE TABLE branches("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, allow_cross INTEGER NOT NULL DEFAULT 0,"
    "  fund_account INTEGER NOT NULL REFERENCES accounts(id), created_at INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO branches(id, name, fund_account) VALUES (1, '', (SELECT id FROM accounts WHERE name = 'fund'));"
    "CREATE TABLE building_branches("
    "  building TEXT PRIMARY KEY, branch_id INTEGER NOT NULL REFERENCES branches(id)) WITHOUT ROWID;"
    "CREATE INDEX building_branches_branch ON building_branches(branch_id);"
    "ALTER TABLE members ADD COLUMN branch_scope INTEGER NOT NULL DEFAULT 0;";

/* v29: a whole city (issue 19, bench/city.sh): a post's volunteer match walks its building's members on an index
 * that holds what the match filters and joins on (no member row read per neighbour: a city building has thousands),
 * and the journal's index by account carries each entry's minutes, so the audit's balances read no journal row
 * (the same index, one column wider: no new index to keep on a write). */
static const char schema_v29[] =
    "CREATE INDEX members_match ON members(building, suspended, accept_banned_until, account_id);"
    "DROP INDEX journal_account;"
    "CREATE INDEX journal_account ON journal(account_id, id, minutes);";

/* v30: a building's managers (told of each post there, store_managers_of) are found on an index of the managers
 * alone: without it every post read all of a city's members (1,000,000 rows, ~60 ms; bench/city.sh's cycle).
 * Partial on the query's own condition, so it holds the few managers, not a row per member. */
static const char schema_v30[] =
    "CREATE INDEX members_managers ON members(manager_building) WHERE (roles & 2) != 0;";

/* v31: a post's volunteer match finds the neighbours who offer its service in its building on one index: a skill row
 * keeps its member's building (store_member_register moves them together; the audit checks it). v29's match walked
 * every member of the building (5,000 in a city: ~0.6 ms a post, bench/city.sh) to probe each one's skills. */
static const char schema_v31[] =
    "ALTER TABLE member_skills ADD COLUMN building TEXT NOT NULL DEFAULT '';"
    "UPDATE member_skills SET building = coalesce((SELECT m.building FROM members m WHERE m.id = member_skills.member_id), '');"
    "CREATE INDEX member_skills_match ON member_skills(service, building, member_id);"
    /* and the day's birthdays (the birthday job, every scheduler round) on an index of the day, not a walk of every
     * member (~0.5 s a round on a city) */
    "CREATE INDEX members_born ON members(substr(birthday, 6)) WHERE registered = 1 AND birthday != '';";

/* v32: the match ranks a building's offers of a service on their own index: a skill row carries its member's lifetime
 * earned (her level) and the sum and count of the ratings she got as a volunteer (store_transfer and store_rating_add keep them; the audit checks
 * them), so ranking a hundred neighbours reads one index range instead of a member, an account and her ratings each;
 * her recent load is read on requests_volunteer, which now holds accepted_at (no order row read per neighbour), and
 * only orders that have a volunteer (an open post wrote an entry under NULL that nothing reads). */
static const char schema_v32[] =
    "ALTER TABLE member_skills ADD COLUMN earned INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE member_skills ADD COLUMN stars_sum INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE member_skills ADD COLUMN stars_n INTEGER NOT NULL DEFAULT 0;"
    STORE_V32_FILL;

/* v33: a member's list of open orders (有什么需求) reads a page's rows in the list's own order, not every open order
 * of the city (8,000 open in bench/city.sh: 4.6 ms a list): the open orders of a service by start, and untimed is
 * start_at IS NULL only (an index range; it was NULL or 0, and nothing writes 0 now). */
static const char schema_v33[] = STORE_V33;

/* v34: the match's load tie-break (orders accepted in the last days) probed requests_volunteer once for each of a
 * building's ~100 offers of a service: a random page each on a city, 34% of a post's CPU (perf, bench/city.sh). An
 * offer keeps an upper bound of the starts of the orders its member accepted (store_request_update raises it; the
 * audit checks it), so only a member who accepted lately is counted. */
static const char schema_v34[] =
    "ALTER TABLE member_skills ADD COLUMN last_accept INTEGER NOT NULL DEFAULT 0;"
    STORE_V34_FILL;

/* v35: the outbox's scan walks destinations in turn from a cursor on one key (dest) and reads its own rows; its
 * window function read every pending row each scan (a city's backlog of match pushes: 30% of the CPU). */
static const char schema_v35[] = STORE_V35;

/* v36: a push about an open order (a match push) names it: the sender drops it unsent once the order is taken,
 * cancelled or begun (a push held over the quiet hours would otherwise ask at 7:00 for an order taken at 22:05). */
static const char schema_v36[] = "ALTER TABLE outbox ADD COLUMN subject INTEGER;";

/* v37: a notice about an order keeps the order's state when it was written (status:volunteer:accepted_at): once the order has
 * moved on (cancelled, confirmed, its volunteer gone), the notice is no longer shown (a play-test's elder read 「王师傅
 * 是您 #7 的志愿者」 after she had cancelled #7) */
static const char schema_v37[] =
    "ALTER TABLE notices ADD COLUMN request_id INTEGER;"
    "ALTER TABLE notices ADD COLUMN request_state TEXT;"
    /* and one true only until a time (an expiry warning, a ban, a reminder) is not shown after it */
    "ALTER TABLE notices ADD COLUMN stale_at INTEGER;"
    /* a complaint a 楼长 filed for an elder without a phone: who filed it (told the result; not its judge) */
    "ALTER TABLE complaints ADD COLUMN filed_by INTEGER;"
    /* the view staff (and the tests) read shows what a member would be shown */
    "DROP VIEW member_notices;"
    "CREATE VIEW member_notices AS SELECT m.id AS id, m.name AS name, coalesce((SELECT group_concat(n.text, char(10)) "
    "FROM notices n WHERE n.member_id = m.id AND n.delivered_at IS NULL AND " STORE_NOTICE_CURRENT("n") "), '') AS notice "
    "FROM members m;";

/* v38: an order's start moved (改时间 #N): each change kept for its record (#N 记录), with whom it was moved by and
 * the volunteer it released */
static const char schema_v38[] =
    "CREATE TABLE request_reschedules(id INTEGER PRIMARY KEY, request_id INTEGER NOT NULL REFERENCES requests(id),"
    "  member_id INTEGER NOT NULL REFERENCES members(id), old_start INTEGER, new_start INTEGER NOT NULL,"
    "  released_volunteer INTEGER, at INTEGER NOT NULL);"
    "CREATE INDEX request_reschedules_request ON request_reschedules(request_id, id);";

/* v39: a member's lifetime earned is the service she kept (STORE_EARNED_LEG): it counted a service a complaint refunded
 * or held, while the dividend already did not; filled again from the journal, her offers with it. */
static const char schema_v39[] = STORE_V39;

/* v40: a request a 楼长 or staff posted for an elder without a phone (帮李奶奶求助) keeps who posted it: her order's
 * record says so, and his 我的求助 lists it */
static const char schema_v40[] =
    "ALTER TABLE requests ADD COLUMN posted_by INTEGER;"
    "CREATE INDEX requests_posted_by ON requests(posted_by, id) WHERE posted_by IS NOT NULL;";

/* v41: a push about an order keeps the start it told (subject_start: the order's start_at when queued, 0 untimed):
 * once the order is moved (改时间), a push still queued with the old time is dropped unsent, not read in the morning
 * (a play-test's neighbours were asked at 8:00 for 明天上午10点 after the order had moved; two moves' group lines both
 * arrived). And the view staff (and the tests) read shows what the member would be shown at the wall clock's now:
 * not a notice past its stale_at, nor an identity's own (STORE_NOTICE_WAITING, as the bot's reads). */
static const char schema_v41[] =
    "ALTER TABLE outbox ADD COLUMN subject_start INTEGER;"
    "DROP VIEW member_notices;"
    "CREATE VIEW member_notices AS SELECT m.id AS id, m.name AS name, coalesce((SELECT group_concat(n.text, char(10)) "
    "FROM notices n WHERE n.member_id = m.id AND " STORE_NOTICE_WAITING("n", STORE_WALL_NOW_LITE) "), '') AS notice "
    "FROM members m;";

/* v42: a notice whose phone numbers stay whole when it is shown (an emergency to the 楼长 and staff who must call her:
 * a masked number cannot be called); every other notice is masked as every reply is. A member's unit and room in her
 * building (注册 … 3号楼2单元301: it was read as 3号楼 and the rest dropped), for those who must come in an emergency */
static const char schema_v42[] = "ALTER TABLE notices ADD COLUMN whole INTEGER NOT NULL DEFAULT 0;"
                                 "ALTER TABLE members ADD COLUMN unit TEXT NOT NULL DEFAULT '';";

/* v43 (store_int.h): the journal's index by account, kind and time holds only the legs the fund's month reads */
static const char schema_v43[] = STORE_V43;

/* v44: who marked an order 公益 (设为公益 #N): the fund never pays its marker for serving it, so he cannot accept an
 * order he marked, nor is paid by the fund for one that reaches its confirm so (a mark from before v44 names nobody) */
static const char schema_v44[] = "ALTER TABLE requests ADD COLUMN public_by INTEGER;";

/* v45: whose word paid an order (#N 记录: 确认 by her, by her 楼长 for her, a 代录's approver, staff's fund approval; 0 the
 * bot, when nobody said anything in time; NULL not yet, or before v45) */
static const char schema_v45[] = "ALTER TABLE requests ADD COLUMN confirmed_by INTEGER;";

/* v46: the script a member writes in (1 traditional), so a reply to her 好的 or #2 and a push to her are in it too */
static const char schema_v46[] = "ALTER TABLE members ADD COLUMN script INTEGER NOT NULL DEFAULT 0;";

/* v47: which lots a transaction's debit took, and how much of each a later credit gave back (a refund, a complaint's
 * hold returned, a 撤销代录 keep the dates of the lots the order took: a refund never renews an expiry) */
static const char schema_v47[] =
    "CREATE TABLE lot_uses(txn INTEGER NOT NULL, lot_id INTEGER NOT NULL REFERENCES lots(id), minutes INTEGER NOT NULL, "
    "back INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (txn, lot_id));";

/* v48: a notice told by a push names its outbox row: it is delivered when that push is sent, and waits again (her next
 * private reply, her 楼长's digest) when the platform refuses it for good (play-test 17) */
static const char schema_v48[] = STORE_V48;

/* v49: when an identity last wrote to the bot privately (to the minutes; 0 never since v49): a WeChat follower is
 * reached by a customer-service push only within 48 hours of it */
static const char schema_v49[] = "ALTER TABLE identities ADD COLUMN seen_at INTEGER NOT NULL DEFAULT 0;";

/* v50: a notice about an order told by a push that may die keeps the order's start and what it says once the start
 * has passed (a reminder or an order's details that did not reach her read as what was missed) */
static const char schema_v50[] = STORE_V50;

static const char *const schemas[STORE_SCHEMA_VERSION] = {schema_v1, schema_v2, schema_v3, schema_v4,
                                                          schema_v5, schema_v6, schema_v7, schema_v8,
                                                          schema_v9, schema_v10, schema_v11, schema_v12,
                                                          schema_v13, schema_v14, schema_v15, schema_v16, schema_v17,
                                                          schema_v18, schema_v19, schema_v20, schema_v21, schema_v22, schema_v23, schema_v24, schema_v25, schema_v26, schema_v27, schema_v28, schema_v29, schema_v30, schema_v31, schema_v32, schema_v33, schema_v34, schema_v35, schema_v36, schema_v37, schema_v38, schema_v39, schema_v40, schema_v41, schema_v42, schema_v43, schema_v44, schema_v45, schema_v46, schema_v47, schema_v48, schema_v49, schema_v50};

static enum bot_rc store_migrate_locked(struct store *st, char err[256]);

enum bot_rc store_migrate(struct store *st, char err[256])
{
    sqlite3_stmt *s = NULL;
    enum bot_rc rc;
    /* An existing store that is upgraded may rebuild an index over millions of rows (v29 on a city: 12 million
     * journal entries): its sort spills to a temporary file rather than to memory (temp_store=MEMORY would hold
     * the whole sort, hundreds of MB on a box meant for 32). Set outside the transaction, as sqlite requires;
     * no temporary table exists yet. */
    int upgrade = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
        int v = sqlite3_column_int(s, 0);
        upgrade = v > 0 && v < STORE_SCHEMA_VERSION;
    }
    sqlite3_finalize(s);
    s = NULL;
    if (upgrade && exec(st, "PRAGMA temp_store=FILE") != BOT_OK) {
        snprintf(err, 256, "cannot set temp_store for the migration: %s", sqlite3_errmsg(st->db));
        return BOT_DB;
    }
    rc = store_migrate_locked(st, err);
    /* back to the store's setting (store_open's pragmas) */
    if (upgrade && exec(st, "PRAGMA temp_store=MEMORY") != BOT_OK && rc == BOT_OK) {
        snprintf(err, 256, "cannot set temp_store after the migration: %s", sqlite3_errmsg(st->db));
        rc = BOT_DB;
    }
    return rc;
}

static enum bot_rc store_migrate_locked(struct store *st, char err[256])
{
    sqlite3_stmt *s = NULL;
    int version = 0;
    enum bot_rc rc = BOT_DB;
    /* Migrations run under the writer lock and an IMMEDIATE transaction so two
     * processes opening a new file at once do not both create the schema. */
    if (store_begin(st) != BOT_OK) {
        snprintf(err, 256, "cannot begin migration: %s", sqlite3_errmsg(store_lite(st)));
        return BOT_DB;
    }
    if (sqlite3_prepare_v2(store_lite(st), "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW) {
        snprintf(err, 256, "cannot read schema version: %s", sqlite3_errmsg(store_lite(st)));
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
            snprintf(err, 256, "cannot migrate schema to v%d: %s", version + 1, sqlite3_errmsg(store_lite(st)));
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
