/* main.c — the one binary: serve, say, chat, parse, time, accounts, cash, audit, backup. */
#include <curl/curl.h>
#include <malloc.h>
#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../handlers/handlers.h"
#include "config.h"
#include "platform.h"
#include "server.h"

static atomic_int stop_flag; /* set by the signal handler, polled by the server, sender and scheduler threads */
static int run(int argc, char **argv);

static void on_signal(int sig)
{
    (void)sig;
    atomic_store(&stop_flag, 1);
}

static void usage(void)
{
    fprintf(stderr,
            "usage: bot serve [-c bot.ini]\n"
            "       bot parse [--now ISO8601] [TEXT]      (no TEXT: one message a line on stdin)\n"
            "       bot time [--now ISO8601] [TEXT]\n"
            "       bot say [-c FILE] [--now ISO] --from USER [--name NAME] [--chat CHAT] TEXT\n"
            "       bot chat [-c FILE] [--from USER] [--name NAME] [--chat CHAT]\n"
            "       bot tick [-c FILE] [--now ISO]       (runs the jobs due at NOW, prints what they queued)\n"
            "       bot outbox [-c FILE]                 (pending and dead pushes)\n"
            "       bot accounts [-c FILE]\n"
            "       bot cash [-c FILE]                   (the cash ledger's accounts, yuan in fen)\n"
            "       bot audit [-c FILE]\n"
            "       bot backup [-c FILE] [--force] COPY    (a consistent copy of the store, safe while bot serve runs)\n");
}

struct opts {
    const char *config;
    const char *now;
    const char *from;
    const char *name;
    const char *chat;
    const char *text;
    int force; /* --force (bot backup) */
};

/* Parse the flags after the command. Returns 0, or 2 on a usage error. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 2; i < argc; i++) {
        const char **slot = NULL;
        if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--config") == 0)
            slot = &o->config;
        else if (strcmp(argv[i], "--now") == 0)
            slot = &o->now;
        else if (strcmp(argv[i], "--from") == 0)
            slot = &o->from;
        else if (strcmp(argv[i], "--name") == 0)
            slot = &o->name;
        else if (strcmp(argv[i], "--chat") == 0)
            slot = &o->chat;
        else if (strcmp(argv[i], "--force") == 0) {
            o->force = 1;
            continue;
        }
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "bot: %s needs a value\n", argv[i]);
                return 2;
            }
            *slot = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "bot: unknown option %s\n", argv[i]);
            return 2;
        } else if (!o->text) {
            o->text = argv[i];
        } else {
            fprintf(stderr, "bot: one TEXT only (quote it)\n");
            return 2;
        }
    }
    return 0;
}

static int load_config(const struct opts *o, struct bot_config *cfg)
{
    char err[256];
    bot_config_defaults(cfg);
    const char *path = o->config;
    if (!path && access("bot.ini", R_OK) == 0)
        path = "bot.ini";
    if (path && bot_config_load(cfg, path, err) != BOT_OK) {
        fprintf(stderr, "bot: %s\n", err);
        return 1;
    }
    if (bot_config_check_store(cfg, err) != BOT_OK) {
        fprintf(stderr, "bot: %s\n", err);
        return 1;
    }
    return 0;
}

/* The clock of this run: --now (with its own offset) or the system clock. */
static int clock_of(const struct opts *o, struct bot_config *cfg, int64_t *now)
{
    if (!o->now) {
        *now = (int64_t)time(NULL);
        return 0;
    }
    int off;
    if (bot_parse_iso(o->now, now, &off) != BOT_OK) {
        fprintf(stderr, "bot: --now wants ISO 8601 with an offset, e.g. 2026-11-23T10:00:00+08:00\n");
        return 2;
    }
    cfg->utc_offset = off; /* the offset of --now is the local time of the run */
    return 0;
}

static int make_nlp(const struct bot_config *cfg, struct nlp **nlp)
{
    char err[256];
    struct nlp_options no = {cfg->bot_names, cfg->services_file};
    if (nlp_create(&no, nlp, err) != BOT_OK) {
        fprintf(stderr, "bot: nlp: %s\n", err);
        return 1;
    }
    return 0;
}

/* stdin a line at a time until EOF or *stop is set (bot chat's :quit). */
static int each_line_until(int (*fn)(const char *, void *), void *arg, const int *stop)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (!*stop && (n = getline(&line, &cap, stdin)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (fn(line, arg) != 0)
            rc = 1;
        fflush(stdout);
    }
    free(line);
    return rc;
}

/* One line in, one JSON line out; stdin mode when text is NULL. */
static int each_line(const char *text, int (*fn)(const char *, void *), void *arg)
{
    static const int never = 0;
    return text ? fn(text, arg) : each_line_until(fn, arg, &never);
}

struct nlp_run {
    const struct nlp *nlp;
    int64_t now;
    int off;
};

static int parse_one(const char *text, void *arg)
{
    struct nlp_run *r = arg;
    struct nlp_result res;
    char out[4096];
    if (nlp_parse(r->nlp, text, r->now, r->off, &res) != BOT_OK) {
        puts("{\"intent\":\"none\"}");
        return 1;
    }
    nlp_result_json(&res, r->off, out, sizeof out);
    puts(out);
    return 0;
}

static int time_one(const char *text, void *arg)
{
    struct nlp_run *r = arg;
    struct nlp_time t;
    if (nlp_time_of(r->nlp, text, r->now, r->off, &t) != BOT_OK || !t.found) {
        puts("{}");
        return 0;
    }
    char iso[32];
    bot_format_iso(t.start, r->off, iso);
    printf("{\"start\":\"%s\",\"grain\":\"%s\"}\n", iso, nlp_grain_name(t.grain));
    return 0;
}

static int open_store(const struct bot_config *cfg, struct store **st)
{
    char err[256];
    if (store_open(cfg->store_path, cfg->store_sync, st, err) != BOT_OK) {
        fprintf(stderr, "bot: store: %s\n", err);
        return 1;
    }
    /* the WeCom robot's group gets what its buildings' groups get ([wecom] buildings: it cannot send 绑定 itself) */
    if (store_bind_configured(*st, bot_wecom.name, cfg->wecom_buildings, (int64_t)time(NULL)) != BOT_OK) {
        fprintf(stderr, "bot: store: cannot bind [wecom] buildings\n");
        return 1;
    }
    return 0;
}

/* What a command runs on: its flags, bot.ini, the clock of the run, and the NLP and store when it asks for them. */
struct cli {
    struct opts o;
    struct bot_config cfg;
    int64_t now;
    struct nlp *nlp;
    struct store *st;
    struct hd_settings settings; /* cli_ctx() fills these two */
    struct hd_platform plat[BOT_PLATFORMS_MAX];
};
#define CLI_CLOCK 0x1u /* --now (its offset the local time of the run) or the system clock */
#define CLI_NLP 0x2u
#define CLI_STORE 0x4u

/* The NLP, then the store, as need asks. Returns 0, or the exit status. */
static int cli_attach(struct cli *c, unsigned need)
{
    int rc = 0;
    if (need & CLI_NLP)
        rc = make_nlp(&c->cfg, &c->nlp);
    if (!rc && (need & CLI_STORE))
        rc = open_store(&c->cfg, &c->st);
    return rc;
}

/* The flags, bot.ini, then what need asks. Returns 0, or the exit status; cli_close() either way. */
static int cli_open(struct cli *c, int argc, char **argv, unsigned need)
{
    int rc;
    memset(c, 0, sizeof *c);
    if ((rc = parse_opts(argc, argv, &c->o)) || (rc = load_config(&c->o, &c->cfg)))
        return rc;
    if (need & CLI_CLOCK && (rc = clock_of(&c->o, &c->cfg, &c->now)))
        return rc;
    return cli_attach(c, need);
}

static void cli_close(struct cli *c)
{
    store_close(c->st);
    nlp_free(c->nlp);
}

/* The rule book's context: the settings of bot.ini and the platform table's facts. */
static struct hd_ctx cli_ctx(struct cli *c)
{
    bot_config_settings(&c->cfg, &c->settings);
    int n = bot_platform_facts(&c->cfg, c->plat, BOT_PLATFORMS_MAX);
    return (struct hd_ctx){.st = c->st, .nlp = c->nlp, .set = &c->settings, .now = c->now, .platforms = c->plat,
                           .nplatforms = n};
}

static int cmd_nlp(struct cli *c, int (*fn)(const char *, void *))
{
    struct nlp_run run = {c->nlp, c->now, c->cfg.utc_offset};
    return each_line(c->o.text, fn, &run);
}

static int cmd_parse(struct cli *c) { return cmd_nlp(c, parse_one); }
static int cmd_time(struct cli *c) { return cmd_nlp(c, time_one); }

struct say_run {
    struct hd_ctx ctx;
    struct opts *o;
    int fixed_now;
    int interactive;
    char who[64];
    int quit; /* chat: ":quit" was said */
};

/* What `:help` in bot chat prints (to stderr, so stdout stays the bot's replies). */
#define CHAT_HELP                                                                                                 \
    "（:quit 退出（Ctrl-D 也行）\n"                                                                               \
    " :help 这张说明\n"                                                                                           \
    " :as 名字 换一个人说话，如「:as 王师傅」\n"                                                                  \
    " :now 时间 拨动时钟，如「:now 2026-11-24T09:00:00+08:00」\n"                                                  \
    " 私聊还是群聊：--chat 群名 启动就是群聊，不带 --chat 是私聊。别的都是对机器人说的话，试试「帮助」。）\n"

static int say_one(const char *text, void *arg)
{
    struct say_run *r = arg;
    /* chat only: ":quit" leaves, ":help" lists these, ":as USER" switches who speaks, ":now ISO" sets the clock */
    if (r->interactive && (strcmp(text, ":quit") == 0 || strcmp(text, ":q") == 0)) {
        r->quit = 1;
        return 0;
    }
    if (r->interactive && strcmp(text, ":help") == 0) {
        fputs(CHAT_HELP, stderr);
        return 0;
    }
    if (r->interactive && text[0] == ':' && strncmp(text, ":as ", 4) != 0 && strncmp(text, ":now ", 5) != 0) {
        fprintf(stderr, "（不认识 %s：发「:help」看能用的）\n", text);
        return 0;
    }
    if (r->interactive && strncmp(text, ":as ", 4) == 0 && text[4]) {
        bot_strlcpy(r->who, text + 4, sizeof r->who);
        r->o->from = r->who;
        r->o->name = NULL;
        fprintf(stderr, "（现在以 %s 的身份说话）\n", r->who);
        return 0;
    }
    if (r->interactive && strncmp(text, ":now ", 5) == 0) {
        int off;
        if (bot_parse_iso(text + 5, &r->ctx.now, &off) != BOT_OK) {
            fprintf(stderr, "（时间格式：2026-11-24T09:00:00+08:00）\n");
            return 0;
        }
        r->fixed_now = 1;
        fprintf(stderr, "（时钟设为 %s）\n", text + 5);
        return 0;
    }
    struct hd_reply *reply = malloc(sizeof *reply);
    if (!reply)
        return 1;
    if (!r->fixed_now)
        r->ctx.now = (int64_t)time(NULL);
    struct hd_msg m = {.platform = bot_cli.name, .chat_id = r->o->chat, .is_group = r->o->chat != NULL,
                       .user_id = r->o->from, .user_name = r->o->name ? r->o->name : r->o->from, .text = text};
    enum bot_rc rc = hd_handle(&r->ctx, &m, reply);
    if (rc != BOT_OK)
        fprintf(stderr, "bot: %s\n", bot_strerror(rc));
    else if (reply->has_reply)
        puts(reply->text);
    free(reply);
    return rc == BOT_OK ? 0 : 1;
}

static int say(struct cli *c, int interactive)
{
    if (!c->o.from && interactive)
        c->o.from = getenv("USER") ? getenv("USER") : "me";
    if (!c->o.from || (!interactive && !c->o.text)) {
        usage();
        return 2;
    }
    int rc = cli_attach(c, CLI_NLP | CLI_STORE);
    if (rc)
        return rc;
    struct say_run run = {cli_ctx(c), &c->o, c->o.now != NULL, interactive, "", 0};
    if (!interactive)
        return say_one(c->o.text, &run);
    if (isatty(STDIN_FILENO))
        fprintf(stderr, "时间驿站 — 以 %s 的身份在%s里说话，「:quit」退出，「:help」看说明。试试「帮助」。\n",
                c->o.from, c->o.chat ? "群聊" : "私聊");
    return each_line_until(say_one, &run, &run.quit);
}

static int cmd_say(struct cli *c) { return say(c, 0); }
static int cmd_chat(struct cli *c) { return say(c, 1); }

/* Print j as one compact JSON line and release it (NULL accepted). */
static void put_json_line(json_t *j)
{
    char *line = j ? json_dumps(j, JSON_COMPACT) : NULL;
    if (line)
        puts(line);
    free(line);
    json_decref(j);
}

static void print_account(const struct store_account *a, void *arg)
{
    (void)arg;
    json_t *o = json_pack("{s:s,s:s,s:I,s:I}", "account", a->name, "name",
                          a->member_id ? a->member_name : a->name, "balance_minutes", (json_int_t)a->balance,
                          "earned_minutes", (json_int_t)a->earned);
    put_json_line(o);
}

static int cmd_accounts(struct cli *c) { return store_accounts_each(c->st, print_account, NULL) == BOT_OK ? 0 : 1; }

static void print_cash_account(const struct store_cash_account *a, void *arg)
{
    (void)arg;
    json_t *o = json_pack("{s:s,s:s,s:s,s:I}", "account", a->name, "kind", a->kind, "name",
                          a->member_id ? a->member_name : a->name, "balance_fen", (json_int_t)a->balance_fen);
    put_json_line(o);
}

static int cmd_cash(struct cli *c) { return store_cash_accounts_each(c->st, print_cash_account, NULL) == BOT_OK ? 0 : 1; }

static int cmd_audit(struct cli *c)
{
    int rc, broken = 0;
    char *report = malloc(64 * 1024);
    if (!report)
        return 1;
    struct hd_settings set;
    struct store_audit_rules rules;
    bot_config_settings(&c->cfg, &set);
    hd_audit_rules(&set, &rules);
    if (store_audit(c->st, &rules, report, 64 * 1024, &broken) != BOT_OK) {
        fprintf(stderr, "bot: audit could not run\n");
        rc = 1;
    } else if (broken) {
        printf("audit: %d broken\n%s", broken, report);
        rc = 1;
    } else {
        printf("audit: ok\n");
        rc = 0;
    }
    free(report);
    return rc;
}

static int cmd_backup(struct cli *c)
{
    char err[256] = "";
    int64_t pages = 0;
    if (!c->o.text) {
        usage();
        return 2;
    }
    double t0 = bot_seconds();
    enum bot_rc rc = store_backup(c->st, c->o.text, c->o.force, &pages, err);
    if (rc != BOT_OK) {
        fprintf(stderr, "bot: backup: %s\n", err[0] ? err : bot_strerror(rc));
        return 1;
    }
    printf("backup: %s, %lld pages in %.2f s\n", c->o.text, (long long)pages, bot_seconds() - t0);
    return 0;
}

static void print_outbox(const struct store_outbox *o, void *arg)
{
    int full = arg != NULL;
    json_t *j = json_pack("{s:s,s:s,s:s?,s:s?,s:s}", "job", o->job, "platform", o->platform, "chat",
                          o->chat_id[0] ? o->chat_id : NULL, "user", o->user_id[0] ? o->user_id : NULL, "text",
                          o->text);
    if (j && full) {
        json_object_set_new(j, "id", json_integer(o->id));
        json_object_set_new(j, "status", json_string(o->status));
        json_object_set_new(j, "attempts", json_integer(o->attempts));
        json_object_set_new(j, "next_at", json_integer(o->next_at));
        if (o->last_error[0])
            json_object_set_new(j, "last_error", json_string(o->last_error));
    }
    put_json_line(j);
}

static int cmd_tick(struct cli *c)
{
    struct hd_ctx ctx = cli_ctx(c);
    int64_t last = store_outbox_last_id(c->st);
    int done = 0, rc = 0;
    if (hd_jobs_run_all(&ctx, &done) != BOT_OK)
        rc = 1;
    if (store_outbox_each(c->st, last, 1, print_outbox, NULL) != BOT_OK)
        rc = 1;
    return rc;
}

static int cmd_outbox(struct cli *c)
{
    return store_outbox_each(c->st, 0, 0, print_outbox, (void *)1) == BOT_OK ? 0 : 1;
}

static int cmd_serve(struct cli *c)
{
    char err[256];
    if (bot_config_check_serve(&c->cfg, err) != BOT_OK) {
        fprintf(stderr, "bot: refusing to start: %s\n", err);
        return 1;
    }
    /* create and migrate the store before the first request */
    int rc = cli_attach(c, CLI_NLP | CLI_STORE);
    if (rc)
        return rc;
    store_close(c->st);
    c->st = NULL;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (bot_serve(&c->cfg, c->nlp, &stop_flag, err) != BOT_OK) {
        fprintf(stderr, "bot: %s\n", err);
        return 1;
    }
    return 0;
}

/* The commands: what each needs readied (cli_open) before it runs; say, chat and serve ready the rest themselves. */
static const struct command {
    const char *name;
    unsigned need;
    int (*fn)(struct cli *c);
} commands[] = {
    {"serve", 0, cmd_serve},
    {"parse", CLI_CLOCK | CLI_NLP, cmd_parse},
    {"time", CLI_CLOCK | CLI_NLP, cmd_time},
    {"say", CLI_CLOCK, cmd_say},
    {"chat", CLI_CLOCK, cmd_chat},
    {"accounts", CLI_STORE, cmd_accounts},
    {"cash", CLI_STORE, cmd_cash},
    {"audit", CLI_STORE, cmd_audit},
    {"backup", CLI_STORE, cmd_backup},
    {"tick", CLI_CLOCK | CLI_STORE, cmd_tick},
    {"outbox", CLI_STORE, cmd_outbox},
};

int main(int argc, char **argv)
{
    /* one malloc arena per worker thread would multiply the resident set for
     * nothing: these threads allocate little and briefly */
    mallopt(M_ARENA_MAX, 2);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc = run(argc, argv);
    curl_global_cleanup();
    return rc;
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage();
        return 2;
    }
    const char *cmd = argv[1];
    for (size_t i = 0; i < BOT_ARRAY_LEN(commands); i++) {
        if (strcmp(cmd, commands[i].name) != 0)
            continue;
        struct cli *c = malloc(sizeof *c);
        if (!c)
            return 1;
        int rc = cli_open(c, argc, argv, commands[i].need);
        if (!rc)
            rc = commands[i].fn(c);
        cli_close(c);
        free(c);
        return rc;
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        usage();
        return 0;
    }
    fprintf(stderr, "bot: unknown command '%s'\n", cmd);
    usage();
    return 2;
}
