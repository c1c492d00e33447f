/* console_int.h — what the console's files share: the page buffer, form fields, the signed-in call, the pages. */
#ifndef CONSOLE_CONSOLE_INT_H
#define CONSOLE_CONSOLE_INT_H

#include "console.h"

/* A growing page; oom set once memory ran out (the page is then dropped). */
struct page {
    char *buf;
    size_t len, cap;
    int oom;
};
void pg_raw(struct page *p, const char *s);
void pg_rawf(struct page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text as HTML: & < > " ' ` escaped, a newline as <br>. */
void pg_text(struct page *p, const char *s);
void pg_textf(struct page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One table cell: <td>text</td>, the text escaped. */
void pg_td(struct page *p, const char *text);
/* Keep only what one word of a chat command may carry (no spaces, @, # nor line breaks), in place. */
void form_word(char *s);
/* Does a free-text field carry what belongs in another field of the command it makes (an amount 9999元, a birthday,
 * a phone number, a kind word)? Such a form is refused, never read with the field's words taking over. */
int form_field_bleeds(const char *s);
/* A building as the forms take it: 3号楼, 12栋 (digits and one word), else 0. */
int form_building(const char *s);
/* A value inside a URL's query. */
void pg_url(struct page *p, const char *s);
/* A CSV cell, quoted; one starting with = + - @ (a formula to a spreadsheet) starts with ' instead. */
void pg_csv_cell(struct page *p, const char *s, int last);
void pg_csv_int(struct page *p, long long v, int last);
/* A field of a form or query string (a=1&b=%E4%B8%AD), decoded into out; 0 when absent. */
int form_get(const char *form, size_t len, const char *name, char *out, size_t outsz);
int64_t form_int(const char *form, size_t len, const char *name, int64_t def);

/* One signed-in request. */
struct console_call {
    const struct console_env *env;
    const struct console_req *req;
    struct console_resp *resp;
    struct store_member me;
    int admin;              /* staff: every building (a branch admin's: her branch's); else a 楼长 of scope */
    int64_t branch;         /* a branch admin's branch (issue 18: staff of one 分会), 0 for anyone else */
    char scope[32];         /* the building a 楼长 sees, 分会#N a branch admin's buildings; "" for staff */
    char csrf[72];
    char sid_hash[72];
    struct page page;
    const char *q;          /* the query string (never NULL) */
    size_t qlen;
};
/* The page's frame: its head and navigation, and its end. */
void pg_begin(struct console_call *c, const char *title);
void pg_end(struct console_call *c);
/* <form method=post action=…> with the session's CSRF token. */
void pg_form(struct console_call *c, const char *action);
/* A page that says one thing (an error, a refusal) with its status. */
void pg_message(struct console_call *c, int status, const char *title, const char *text);
/* t as a date and time at the community's offset: 2026-11-24 09:00 ("" for 0). */
void pg_time(const struct console_call *c, int64_t t, char buf[32]);
/* The month a page shows: ?month=YYYY-MM, else this month (last_by_default 0) or the last whole one (1); its
 * [from, to) and name. 0, or -1 when ?month names no month (2026-13): the page says so, never shows another. */
int console_month(const struct console_call *c, int last_by_default, int *y, int *mo, int64_t *from, int64_t *to,
                  char name[16]);
/* May the signed-in member see this building's people and orders? */
int console_sees(const struct console_call *c, const char *building);
/* Staff of the whole alliance (not of one branch): the ledger, the audit, merchants, settings, the cash side. */
int console_all(const struct console_call *c);
/* A list's building filter as asked (?building=) cut to what the member sees: a 楼长's building, a branch admin's
 * branch (a building of it, else all of it), anything for the alliance's staff. */
void console_filter_building(const struct console_call *c, char *building, size_t size);
/* Run a chat command as the signed-in member (its target, when not 0, named to the handlers by member id), log it,
 * and put the bot's reply into reply. */
enum bot_rc console_run(struct console_call *c, const char *text, int64_t target, char *reply, size_t replysz);
/* A form's action: console_run, then the page that says what the bot replied, with a way back to back. */
enum bot_rc console_act(struct console_call *c, const char *text, int64_t target, const char *back);
/* A read command for a page (#N 记录), not logged: a read writes nothing. */
enum bot_rc console_read(struct console_call *c, const char *text, char *reply, size_t replysz);

/* The pages (pages.c, reports.c, money.c). */
enum bot_rc page_today(struct console_call *c);
enum bot_rc page_orders(struct console_call *c);
enum bot_rc page_order(struct console_call *c);
enum bot_rc page_members(struct console_call *c);
enum bot_rc page_member(struct console_call *c);
enum bot_rc page_complaints(struct console_call *c);
enum bot_rc page_act(struct console_call *c);
enum bot_rc csv_members(struct console_call *c);
enum bot_rc csv_orders(struct console_call *c);
enum bot_rc page_ledger(struct console_call *c);
enum bot_rc do_audit(struct console_call *c);
enum bot_rc page_activities(struct console_call *c);
enum bot_rc page_settings(struct console_call *c);
enum bot_rc page_report(struct console_call *c);
enum bot_rc page_publicity(struct console_call *c);
enum bot_rc csv_journal(struct console_call *c);
enum bot_rc csv_report(struct console_call *c);
/* The money pages (money.c): merchants, the books, and the actions they post. */
enum bot_rc page_merchants(struct console_call *c);
enum bot_rc page_finance(struct console_call *c);
enum bot_rc page_money_act(struct console_call *c);

#endif
