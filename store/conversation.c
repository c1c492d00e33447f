/* conversation.c — what the bot asked a member in one chat and waits an answer to. */
#include "store_int.h"

#define CONVERSATION_SQL(X)                                                                   \
    X(Q_PENDING_PUT,                                                                          \
      "INSERT INTO pending(platform, chat_id, user_id, kind, payload, asked_at, expires_at) "  \
      "VALUES (?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(platform, chat_id, user_id) DO UPDATE SET "  \
      "kind = excluded.kind, payload = excluded.payload, asked_at = excluded.asked_at, "      \
      "expires_at = excluded.expires_at")                                                     \
    X(Q_PENDING_GET,                                                                          \
      "SELECT kind, payload, asked_at, expires_at FROM pending "                             \
      "WHERE platform = ?1 AND chat_id = ?2 AND user_id = ?3 AND expires_at > ?4")            \
    X(Q_PENDING_CLEAR, "DELETE FROM pending WHERE platform = ?1 AND chat_id = ?2 AND user_id = ?3") \
    X(Q_PENDING_PRUNE,                                                                        \
      "DELETE FROM pending WHERE (platform, chat_id, user_id) IN "                            \
      "(SELECT platform, chat_id, user_id FROM pending WHERE expires_at <= ?1 LIMIT ?2)")

STORE_SQL_STATEMENTS(STORE_PART_CONVERSATION, CONVERSATION_SQL)

static void bind_who(struct sql_stmt *s, const struct store_msg_key *who)
{
    sql_bind_text(s, 1, who->platform);
    sql_bind_text(s, 2, who->chat_id ? who->chat_id : "");
    sql_bind_text(s, 3, who->user_id);
}

enum bot_rc store_pending_put(struct store *st, const struct store_msg_key *who, const char *kind,
                              const char *payload, int64_t now, int64_t expires_at)
{
    if (strlen(kind) >= STORE_PENDING_KIND_MAX || strlen(payload) >= STORE_PENDING_PAYLOAD_MAX)
        return BOT_TOOBIG;
    struct sql_stmt *s = q(st, Q_PENDING_PUT);
    if (!s)
        return BOT_DB;
    bind_who(s, who);
    sql_bind_text(s, 4, kind);
    sql_bind_text(s, 5, payload);
    sql_bind_int64(s, 6, now);
    sql_bind_int64(s, 7, expires_at);
    return sql_done(s);
}

static enum bot_rc read_pending(struct sql_stmt *s, void *out)
{
    struct store_pending *p = out;
    col_text(s, 0, p->kind, sizeof p->kind);
    col_text(s, 1, p->payload, sizeof p->payload);
    p->asked_at = sql_column_int64(s, 2);
    p->expires_at = sql_column_int64(s, 3);
    return BOT_OK;
}

enum bot_rc store_pending_get(struct store *st, const struct store_msg_key *who, int64_t now,
                              struct store_pending *out)
{
    struct sql_stmt *s = q(st, Q_PENDING_GET);
    if (!s)
        return BOT_DB;
    bind_who(s, who);
    sql_bind_int64(s, 4, now);
    return sql_row(s, read_pending, out);
}

enum bot_rc store_pending_clear(struct store *st, const struct store_msg_key *who)
{
    struct sql_stmt *s = q(st, Q_PENDING_CLEAR);
    if (!s)
        return BOT_DB;
    bind_who(s, who);
    return sql_done(s);
}

enum bot_rc store_pending_prune(struct store *st, int64_t now, int max, int *deleted)
{
    *deleted = 0;
    struct sql_stmt *s = q(st, Q_PENDING_PRUNE);
    if (!s)
        return BOT_DB;
    sql_bind_int64(s, 1, now);
    sql_bind_int64(s, 2, max);
    return sql_count(s, deleted);
}
