/* baseline.c — a bare civetweb server with the bot's thread count and options:
 * reads the POST body and answers a fixed JSON reply. `make bench` reports the
 * bot's figures as fractions of this one, measured in the same run. Given a
 * third argument it answers that body on every path instead: a platform's push
 * API on loopback for the bot's outbox (bench/city.sh: OneBot's retcode 0). */
#include <civetweb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile int stop;
static char answer[1024] = "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                           "Content-Length: 14\r\nConnection: close\r\n\r\n{\"reply\":null}";
static void on_signal(int s) { (void)s; stop = 1; }

static int on_hook(struct mg_connection *conn, void *cb)
{
    (void)cb;
    char *buf = malloc(65536);
    size_t len = 0;
    int n;
    while (buf && len < 65536 && (n = mg_read(conn, buf + len, 65536 - len)) > 0)
        len += (size_t)n;
    free(buf);
    /* the whole answer in one write, as the bot sends its own (bot/server.c send_whole): one send, one segment */
    mg_write(conn, answer, strlen(answer));
    return 200;
}

int main(int argc, char **argv)
{
    const char *listen = argc > 1 ? argv[1] : "127.0.0.1:18180";
    const char *threads = argc > 2 ? argv[2] : "8";
    if (argc > 3 && strlen(argv[3]) < 900)
        snprintf(answer, sizeof answer,
                 "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                 "Content-Length: %zu\r\nConnection: close\r\n\r\n%s", strlen(argv[3]), argv[3]);
    const char *opts[] = {"listening_ports", listen, "num_threads", threads, "tcp_nodelay", "1",
                          "request_timeout_ms", "10000", NULL};
    struct mg_callbacks cb;
    memset(&cb, 0, sizeof cb);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    mg_init_library(0);
    struct mg_context *ctx = mg_start(&cb, NULL, opts);
    if (!ctx)
        return 1;
    mg_set_request_handler(ctx, argc > 3 ? "/" : "/hook/generic$", on_hook, NULL);
    while (!stop)
        usleep(50000);
    mg_stop(ctx);
    mg_exit_library();
    return 0;
}
