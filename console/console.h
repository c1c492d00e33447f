/* console.h — the web console for staff and 楼长: one HTTP request in, one page out, over the store and the
 * handlers (no socket here: bot/server.c carries requests to it and its answers back). */
#ifndef CONSOLE_CONSOLE_H
#define CONSOLE_CONSOLE_H

#include "../base/common.h"
#include "../handlers/handlers.h"

struct console_env {
    struct store *st;
    const struct nlp *nlp;
    const struct hd_settings *set;
    const struct hd_platform *platforms; /* the platform table's facts (a console action speaks as one) */
    int nplatforms;
    int session_hours;
    int max_tries;                       /* failed login links per address in 10 minutes */
    const char *settings;                /* bot.ini as read, "section\tkey\tvalue\n" lines, no secret */
};

struct console_req {
    const char *method;   /* GET, HEAD or POST */
    const char *path;     /* what follows /console: "", "/", "/orders", "/login" */
    const char *query;    /* the raw query string, NULL = none */
    const char *cookie;   /* the Cookie header, NULL = none */
    const char *body;     /* a POST's form (application/x-www-form-urlencoded), NULL = none */
    size_t body_len;
    const char *ip;
    int64_t now;
};

struct console_resp {
    int status;
    const char *type;           /* Content-Type */
    char *body;                 /* malloc'd, body_len bytes */
    size_t body_len;
    char set_cookie[200];       /* "" = none */
    char location[256];         /* a redirect's target, "" = none */
    char disposition[128];      /* Content-Disposition (a CSV download), "" = none */
};

/* Answer req into resp (the caller frees resp->body). BOT_OK whenever a page, a redirect or an error page was
 * made; another status only when even that could not be (out of memory: the caller answers 500). */
enum bot_rc console_handle(const struct console_env *env, const struct console_req *req, struct console_resp *resp);

#endif
