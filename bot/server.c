/* server.c — civetweb with one sqlite connection per worker thread. */
#include "server.h"

#include <civetweb.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../handlers/handlers.h"
#include "msg.h"

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

static int on_generic(struct mg_connection *conn, void *cbdata)
{
    struct server *srv = cbdata;
    const struct mg_request_info *ri = mg_get_request_info(conn);
    struct store *st = mg_get_thread_pointer(conn);
    if (!srv->cfg->generic_token[0]) {
        send_error(conn, 404, "the generic hook is disabled");
        return 404;
    }
    if (strcmp(ri->request_method, "POST") != 0) {
        send_error(conn, 405, "use POST");
        return 405;
    }
    const char *auth = mg_get_header(conn, "Authorization");
    if (!auth || strncmp(auth, "Bearer ", 7) != 0 || !secret_equal(auth + 7, srv->cfg->generic_token)) {
        send_error(conn, 401, "bad or missing bearer token");
        return 401;
    }
    char *body = NULL;
    size_t len = 0;
    int status = read_body(conn, srv->cfg->max_body_bytes, &body, &len);
    if (status) {
        send_error(conn, status, status == 413 ? "body too large" : "cannot read body");
        return status;
    }
    struct bot_msg m;
    char err[256];
    if (bot_generic_parse(body, len, &m, err) != BOT_OK) {
        free(body);
        send_error(conn, 400, err);
        return 400;
    }
    free(body);
    if (!st) {
        bot_msg_free(&m);
        send_error(conn, 503, "store unavailable");
        return 503;
    }
    struct hd_ctx ctx = {st, srv->nlp, srv->cfg, m.time ? m.time : (int64_t)time(NULL)};
    struct hd_msg hm = {"generic", m.message_id, m.chat_id, m.is_group, m.user_id, m.user_name, m.text, 0};
    struct hd_reply *reply = malloc(sizeof *reply); /* worker stacks are small */
    if (!reply) {
        bot_msg_free(&m);
        send_error(conn, 500, "out of memory");
        return 500;
    }
    enum bot_rc rc = hd_handle(&ctx, &hm, reply);
    bot_msg_free(&m);
    if (rc != BOT_OK) {
        free(reply);
        bot_log(BOT_LOG_ERROR, "generic: %s", bot_strerror(rc));
        send_error(conn, rc == BOT_INVALID ? 400 : 500, bot_strerror(rc));
        return rc == BOT_INVALID ? 400 : 500;
    }
    char *out = bot_generic_reply(reply->has_reply ? reply->text : NULL);
    free(reply);
    if (!out) {
        send_error(conn, 500, "cannot encode reply");
        return 500;
    }
    send_json(conn, 200, out);
    free(out);
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
    send_json(conn, 200, "{\"ok\":true,\"store\":\"ok\"}");
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
    mg_set_request_handler(ctx, "/healthz$", on_healthz, &srv);
    bot_log(BOT_LOG_INFO, "listening on %s with %d threads, store %s", cfg->listen, cfg->threads,
            cfg->store_path);
    while (!*stop)
        usleep(50 * 1000);
    bot_log(BOT_LOG_INFO, "stopping");
    mg_stop(ctx);
    mg_exit_library();
    return BOT_OK;
}
