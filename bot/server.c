/* server.c — civetweb with one sqlite connection per worker thread. */
#include "server.h"

#include <civetweb.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../handlers/handlers.h"
#include "limits.h"
#include "msg.h"
#include "outbox.h"
#include "scheduler.h"

struct server {
    const struct bot_config *cfg;
    const struct nlp *nlp;
};

static void *init_thread(const struct mg_context *ctx, int thread_type)
{
    struct server *srv = mg_get_user_data(ctx);
    if (thread_type != 1) /* only request workers talk to the store */
        return NULL;
    struct store *st = NULL;
    char err[256];
    if (store_open(srv->cfg->store_path, srv->cfg->store_sync, &st, err) != BOT_OK)
        bot_log(BOT_LOG_ERROR, "worker: %s", err);
    return st;
}

static void exit_thread(const struct mg_context *ctx, int thread_type, void *thread_pointer)
{
    (void)ctx;
    (void)thread_type;
    store_close(thread_pointer);
}

static void send_json(struct mg_connection *conn, int status, const char *body)
{
    mg_response_header_start(conn, status);
    mg_response_header_add(conn, "Content-Type", "application/json; charset=utf-8", -1);
    char len[24];
    snprintf(len, sizeof len, "%zu", strlen(body));
    mg_response_header_add(conn, "Content-Length", len, -1);
    mg_response_header_send(conn);
    mg_write(conn, body, strlen(body));
}

static void send_error(struct mg_connection *conn, int status, const char *msg)
{
    char *body = NULL;
    /* msg is ours or jansson's: escape it through the same reply path */
    char buf[320];
    size_t len = 0;
    bot_appendf(buf, sizeof buf, &len, "{\"error\":\"");
    for (const char *p = msg; *p && len < sizeof buf - 8; p++) {
        if (*p == '"' || *p == '\\')
            bot_appendf(buf, sizeof buf, &len, "\\%c", *p);
        else if ((unsigned char)*p >= 0x20)
            bot_appendf(buf, sizeof buf, &len, "%c", *p);
    }
    bot_appendf(buf, sizeof buf, &len, "\"}");
    send_json(conn, status, buf);
    free(body);
}

/* Read the whole body, refusing more than max. *out is malloc'd, NUL-terminated. */
static int read_body(struct mg_connection *conn, long long max, char **out, size_t *outlen)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    *out = NULL;
    if (ri->content_length > max)
        return 413; /* before reading a byte of it */
    size_t cap = ri->content_length >= 0 ? (size_t)ri->content_length + 1 : 4096;
    size_t len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return 500;
    for (;;) {
        if (len + 1 >= cap) {
            if ((long long)cap > max + 1) {
                free(buf);
                return 413;
            }
            size_t ncap = cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                return 500;
            }
            buf = nb;
            cap = ncap;
        }
        int n = mg_read(conn, buf + len, cap - len - 1);
        if (n < 0) {
            free(buf);
            return 400;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if ((long long)len > max) {
            free(buf);
            return 413;
        }
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return 0;
}

/* Constant-time string comparison for secrets. */
static int secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char d = (unsigned char)(la != lb);
    for (size_t i = 0; i < la && i < lb; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

/* Run one adapter-made message through the pipeline. *reply is malloc'd (or
 * NULL when the bot stays silent); returns an HTTP status for failures, 0 on success. */
static int run_message(struct server *srv, struct mg_connection *conn, const char *platform, struct bot_msg *m,
                       char **reply)
{
    struct store *st = mg_get_thread_pointer(conn);
    *reply = NULL;
    if (!st)
        return 503;
    /* flooding: one polite word, then silence until the minute is over */
    switch (bot_rate_check(platform, m->user_id, srv->cfg->messages_per_member_per_minute, (int64_t)time(NULL))) {
    case BOT_RATE_FIRST_OVER:
        *reply = strdup("您发得太快了，请稍等一分钟再发。");
        return *reply ? 0 : 500;
    case BOT_RATE_SILENT:
        return 0;
    case BOT_RATE_OK:
        break;
    }
    struct hd_ctx ctx = {st, srv->nlp, srv->cfg, m->time ? m->time : (int64_t)time(NULL)};
    struct hd_msg hm = {platform, m->message_id, m->chat_id, m->is_group, m->user_id, m->user_name, m->text,
                        m->addressed};
    struct hd_reply *r = malloc(sizeof *r); /* worker stacks are small */
    if (!r)
        return 500;
    enum bot_rc rc = hd_handle(&ctx, &hm, r);
    if (rc != BOT_OK) {
        free(r);
        bot_log(BOT_LOG_ERROR, "%s: %s", platform, bot_strerror(rc));
        return rc == BOT_INVALID ? 400 : 500;
    }
    if (r->has_reply && !(*reply = strdup(r->text))) {
        free(r);
        return 500;
    }
    free(r);
    return 0;
}

/* Method, enabled, body: the checks every hook makes first. Returns 0 and the
 * body, or the status it already answered with. */
static int hook_prologue(struct server *srv, struct mg_connection *conn, int enabled, char **body, size_t *len)
{
    const struct mg_request_info *ri = mg_get_request_info(conn);
    *body = NULL;
    if (!enabled) {
        send_error(conn, 404, "this hook is disabled in bot.ini");
        return 404;
    }
    if (strcmp(ri->request_method, "POST") != 0) {
        send_error(conn, 405, "use POST");
        return 405;
    }
    int status = read_body(conn, srv->cfg->max_body_bytes, body, len);
    if (status) {
        send_error(conn, status, status == 413 ? "body too large" : "cannot read body");
        return status;
    }
    return 0;
}

static void send_empty(struct mg_connection *conn, int status)
{
    mg_response_header_start(conn, status);
    mg_response_header_add(conn, "Content-Length", "0", -1);
    mg_response_header_send(conn);
}

static int on_generic(struct mg_connection *conn, void *cbdata)
{
    struct server *srv = cbdata;
    const struct mg_request_info *ri = mg_get_request_info(conn);
    if (srv->cfg->generic_token[0] && strcmp(ri->request_method, "POST") == 0) {
        const char *auth = mg_get_header(conn, "Authorization");
        if (!auth || strncmp(auth, "Bearer ", 7) != 0 || !secret_equal(auth + 7, srv->cfg->generic_token)) {
            send_error(conn, 401, "bad or missing bearer token");
            return 401;
        }
    }
    char *body;
    size_t len;
    int status = hook_prologue(srv, conn, srv->cfg->generic_token[0] != 0, &body, &len);
    if (status)
        return status;
    struct bot_msg m;
    char err[256];
    if (bot_generic_parse(body, len, &m, err) != BOT_OK) {
        free(body);
        send_error(conn, 400, err);
        return 400;
    }
    free(body);
    char *reply = NULL;
    status = run_message(srv, conn, "generic", &m, &reply);
    bot_msg_free(&m);
    if (status) {
        send_error(conn, status, status == 503 ? "store unavailable" : "internal error");
        return status;
    }
    char *out = bot_generic_reply(reply);
    free(reply);
    if (!out) {
        send_error(conn, 500, "cannot encode reply");
        return 500;
    }
    send_json(conn, 200, out);
    free(out);
    return 200;
}

static int on_onebot(struct mg_connection *conn, void *cbdata)
{
    struct server *srv = cbdata;
    char *body;
    size_t len;
    int status = hook_prologue(srv, conn, srv->cfg->onebot_secret[0] != 0, &body, &len);
    if (status)
        return status;
    /* the signature covers the raw bytes: check before parsing anything */
    if (bot_onebot_verify(srv->cfg->onebot_secret, body, len, mg_get_header(conn, "X-Signature")) != BOT_OK) {
        free(body);
        send_error(conn, 401, "bad or missing X-Signature");
        return 401;
    }
    struct bot_msg m;
    char err[256];
    enum bot_rc rc = bot_onebot_parse(body, len, &m, err);
    free(body);
    if (rc == BOT_NOTFOUND) {
        send_empty(conn, 204);
        return 204;
    }
    if (rc != BOT_OK) {
        send_error(conn, 400, err);
        return 400;
    }
    char *reply = NULL;
    status = run_message(srv, conn, "onebot", &m, &reply);
    int group = m.is_group;
    bot_msg_free(&m);
    if (status) {
        send_error(conn, status, "internal error");
        return status;
    }
    if (!reply) {
        send_empty(conn, 204);
        return 204;
    }
    char *out = bot_onebot_reply(reply, group);
    free(reply);
    if (!out) {
        send_error(conn, 500, "cannot encode reply");
        return 500;
    }
    send_json(conn, 200, out);
    free(out);
    return 200;
}

static int on_telegram(struct mg_connection *conn, void *cbdata)
{
    struct server *srv = cbdata;
    const struct mg_request_info *ri = mg_get_request_info(conn);
    if (srv->cfg->telegram_secret_token[0] && strcmp(ri->request_method, "POST") == 0) {
        const char *tok = mg_get_header(conn, "X-Telegram-Bot-Api-Secret-Token");
        if (!tok || !secret_equal(tok, srv->cfg->telegram_secret_token)) {
            send_error(conn, 403, "bad or missing X-Telegram-Bot-Api-Secret-Token");
            return 403;
        }
    }
    char *body;
    size_t len;
    int status = hook_prologue(srv, conn, srv->cfg->telegram_secret_token[0] != 0, &body, &len);
    if (status)
        return status;
    struct bot_msg m;
    char err[256];
    enum bot_rc rc = bot_telegram_parse(body, len, &m, err);
    free(body);
    if (rc == BOT_NOTFOUND) {
        send_empty(conn, 200);
        return 200;
    }
    if (rc != BOT_OK) {
        send_error(conn, 400, err);
        return 400;
    }
    char *reply = NULL;
    status = run_message(srv, conn, "telegram", &m, &reply);
    char *out = reply ? bot_telegram_reply(m.chat_id, m.reply_to, reply) : NULL;
    bot_msg_free(&m);
    free(reply);
    if (status) {
        free(out);
        send_error(conn, status, "internal error");
        return status;
    }
    if (!out) {
        send_empty(conn, 200);
        return 200;
    }
    send_json(conn, 200, out);
    free(out);
    return 200;
}

static void query_var(const struct mg_request_info *ri, const char *name, char *buf, size_t bufsz)
{
    buf[0] = '\0';
    if (ri->query_string && mg_get_var(ri->query_string, strlen(ri->query_string), name, buf, bufsz) < 0)
        buf[0] = '\0';
}

static void send_text(struct mg_connection *conn, int status, const char *type, const char *body)
{
    char len[24];
    snprintf(len, sizeof len, "%zu", strlen(body));
    mg_response_header_start(conn, status);
    mg_response_header_add(conn, "Content-Type", type, -1);
    mg_response_header_add(conn, "Content-Length", len, -1);
    mg_response_header_send(conn);
    mg_write(conn, body, strlen(body));
}

static int on_wechat(struct mg_connection *conn, void *cbdata)
{
    struct server *srv = cbdata;
    const struct bot_config *cfg = srv->cfg;
    const struct mg_request_info *ri = mg_get_request_info(conn);
    char sig[128], ts[32], nonce[128], echostr[256], enc_type[16], msg_sig[128];
    if (!cfg->wechat_token[0]) {
        send_error(conn, 404, "this hook is disabled in bot.ini");
        return 404;
    }
    query_var(ri, "signature", sig, sizeof sig);
    query_var(ri, "timestamp", ts, sizeof ts);
    query_var(ri, "nonce", nonce, sizeof nonce);
    if (strcmp(ri->request_method, "GET") == 0) {
        query_var(ri, "echostr", echostr, sizeof echostr);
        if (!bot_wechat_signature_ok(cfg->wechat_token, sig, ts, nonce, NULL)) {
            send_error(conn, 403, "bad signature");
            return 403;
        }
        send_text(conn, 200, "text/plain; charset=utf-8", echostr);
        return 200;
    }
    if (!bot_wechat_signature_ok(cfg->wechat_token, sig, ts, nonce, NULL)) {
        if (strcmp(ri->request_method, "POST") != 0) {
            send_error(conn, 405, "use GET or POST");
            return 405;
        }
        send_error(conn, 403, "bad signature");
        return 403;
    }
    char *body;
    size_t len;
    int status = hook_prologue(srv, conn, 1, &body, &len);
    if (status)
        return status;
    query_var(ri, "encrypt_type", enc_type, sizeof enc_type);
    query_var(ri, "msg_signature", msg_sig, sizeof msg_sig);
    int safe = strcmp(enc_type, "aes") == 0;
    struct bot_wechat_in in;
    char err[256];
    enum bot_rc rc = bot_wechat_parse(body, len, &in, err);
    free(body);
    if (rc != BOT_OK) {
        send_error(conn, 400, err);
        return 400;
    }
    if (safe) {
        /* safe mode: the real message is inside <Encrypt> */
        char *inner = NULL;
        size_t ilen = 0;
        if (!cfg->wechat_aes_key[0] || !in.encrypt[0] ||
            !bot_wechat_signature_ok(cfg->wechat_token, msg_sig, ts, nonce, in.encrypt)) {
            bot_wechat_in_free(&in);
            send_error(conn, 403, "bad msg_signature or safe mode not configured");
            return 403;
        }
        rc = bot_wechat_decrypt(cfg->wechat_aes_key, cfg->wechat_app_id, in.encrypt, &inner, &ilen);
        bot_wechat_in_free(&in);
        if (rc != BOT_OK || bot_wechat_parse(inner, ilen, &in, err) != BOT_OK) {
            free(inner);
            send_error(conn, 400, rc != BOT_OK ? "cannot decrypt" : err);
            return 400;
        }
        free(inner);
    }
    if (strcmp(in.type, "text") != 0 || !in.content || !in.from[0] || !in.msg_id[0]) {
        bot_wechat_in_free(&in);
        send_text(conn, 200, "text/plain", "success"); /* events, images: nothing to say */
        return 200;
    }
    struct bot_msg m = {strdup(in.msg_id), NULL, 0, strdup(in.from), strdup(""), strdup(in.content),
                        in.create_time, 0, 0};
    char *reply = NULL;
    status = m.message_id && m.user_id && m.user_name && m.text ? run_message(srv, conn, "wechat", &m, &reply) : 500;
    bot_msg_free(&m);
    if (status || !reply) {
        bot_wechat_in_free(&in);
        free(reply);
        /* WeChat: "success" means no reply and no retry */
        send_text(conn, 200, "text/plain", "success");
        return 200;
    }
    char *xml = bot_wechat_reply_xml(in.from, in.to, (int64_t)time(NULL), reply);
    free(reply);
    bot_wechat_in_free(&in);
    if (xml && safe) {
        char *b64 = NULL;
        if (bot_wechat_encrypt(cfg->wechat_aes_key, cfg->wechat_app_id, xml, &b64) == BOT_OK) {
            char now[24], sig2[64] = "";
            snprintf(now, sizeof now, "%lld", (long long)time(NULL));
            /* msg_signature = sha1(sort(token, timestamp, nonce, encrypt)) */
            bot_wechat_sign(cfg->wechat_token, now, nonce, b64, sig2);
            size_t cap = strlen(b64) + 512, l = 0;
            char *env = malloc(cap);
            if (env) {
                bot_appendf(env, cap, &l,
                            "<xml><Encrypt><![CDATA[%s]]></Encrypt><MsgSignature><![CDATA[%s]]></MsgSignature>"
                            "<TimeStamp>%s</TimeStamp><Nonce><![CDATA[%s]]></Nonce></xml>",
                            b64, sig2, now, nonce);
            }
            free(b64);
            free(xml);
            xml = env;
        } else {
            free(xml);
            xml = NULL;
        }
    }
    if (!xml) {
        send_text(conn, 200, "text/plain", "success");
        return 200;
    }
    send_text(conn, 200, "application/xml; charset=utf-8", xml);
    free(xml);
    return 200;
}

static int on_healthz(struct mg_connection *conn, void *cbdata)
{
    (void)cbdata;
    const struct mg_request_info *ri = mg_get_request_info(conn);
    if (strcmp(ri->request_method, "GET") != 0 && strcmp(ri->request_method, "HEAD") != 0) {
        send_error(conn, 405, "use GET");
        return 405;
    }
    struct store *st = mg_get_thread_pointer(conn);
    if (!st || store_ping(st) != BOT_OK) {
        send_json(conn, 503, "{\"ok\":false,\"store\":\"down\"}");
        return 503;
    }
    uint64_t commits, syncs;
    struct store_outbox_stats ob;
    char body[256];
    store_sync_stats(&commits, &syncs);
    /* the backlog: pending and dead pushes, the oldest pending one's age */
    if (store_outbox_stats(st, (int64_t)time(NULL), &ob) != BOT_OK) {
        send_json(conn, 503, "{\"ok\":false,\"store\":\"down\"}");
        return 503;
    }
    snprintf(body, sizeof body,
             "{\"ok\":true,\"store\":\"ok\",\"commits\":%llu,\"wal_syncs\":%llu,\"outbox_pending\":%lld,"
             "\"outbox_dead\":%lld,\"outbox_oldest_pending_s\":%lld}",
             (unsigned long long)commits, (unsigned long long)syncs, (long long)ob.pending, (long long)ob.dead,
             (long long)ob.oldest_pending_age);
    send_json(conn, 200, body);
    return 200;
}

enum bot_rc bot_serve(const struct bot_config *cfg, const struct nlp *nlp, volatile int *stop,
                      char err[256])
{
    struct server srv = {cfg, nlp};
    char threads[16];
    snprintf(threads, sizeof threads, "%d", cfg->threads);
    const char *options[] = {"listening_ports", cfg->listen,
                             "num_threads", threads,
                             "tcp_nodelay", "1",
                             "request_timeout_ms", "10000",
                             "enable_directory_listing", "no",
                             NULL};
    struct mg_callbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.init_thread = init_thread;
    cb.exit_thread = exit_thread;
    mg_init_library(0);
    struct mg_context *ctx = mg_start(&cb, &srv, options);
    if (!ctx) {
        snprintf(err, 256, "cannot start the server on %.200s (port in use?)", cfg->listen);
        mg_exit_library();
        return BOT_IO;
    }
    mg_set_request_handler(ctx, "/hook/generic$", on_generic, &srv);
    mg_set_request_handler(ctx, "/hook/onebot$", on_onebot, &srv);
    mg_set_request_handler(ctx, "/hook/telegram$", on_telegram, &srv);
    mg_set_request_handler(ctx, "/hook/wechat$", on_wechat, &srv);
    mg_set_request_handler(ctx, "/healthz$", on_healthz, &srv);
    struct bot_sender *sender = NULL;
    if (bot_sender_new(cfg, &sender) != BOT_OK ||
        bot_sender_start(sender, cfg->store_path, cfg->store_sync, stop) != BOT_OK) {
        snprintf(err, 256, "cannot start the outbox sender");
        bot_sender_free(sender);
        mg_stop(ctx);
        mg_exit_library();
        return BOT_ERR;
    }
    struct bot_scheduler *sched = NULL;
    if (bot_scheduler_start(cfg, stop, &sched) != BOT_OK) {
        snprintf(err, 256, "cannot start the scheduler");
        *stop = 1;
        mg_stop(ctx);
        bot_sender_join(sender);
        bot_sender_free(sender);
        mg_exit_library();
        return BOT_ERR;
    }
    bot_log(BOT_LOG_INFO, "listening on %s with %d threads, store %s", cfg->listen, cfg->threads,
            cfg->store_path);
    while (!*stop)
        usleep(50 * 1000);
    bot_log(BOT_LOG_INFO, "stopping");
    mg_stop(ctx);
    bot_scheduler_join(sched);
    bot_sender_join(sender);
    bot_sender_free(sender);
    mg_exit_library();
    return BOT_OK;
}
