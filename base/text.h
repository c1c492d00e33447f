/* text.h — bounded strings that never cut a UTF-8 character, whole-string integers, comma-separated lists. */
#ifndef BOT_TEXT_H
#define BOT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

/* Copy src into dst[dstsz] without cutting a UTF-8 sequence in half.
 * Always NUL-terminates (dstsz > 0). Returns BOT_TOOBIG when truncated. */
enum bot_rc bot_strlcpy(char *dst, const char *src, size_t dstsz);

/* Append printf output to buf at *len, bounded by bufsz. On overflow the text
 * is cut at a UTF-8 boundary and BOT_TOOBIG is returned. */
enum bot_rc bot_appendf(char *buf, size_t bufsz, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Parse a base-10 integer that must fill the whole string. */
enum bot_rc bot_parse_i64(const char *s, int64_t *out);

/* Length of the longest prefix of s[0..n) that ends with a whole UTF-8
 * character (only those n bytes are read). */
size_t bot_utf8_cut(const char *s, size_t n);

/* 1 when item[0..n) is one of the comma-separated list's entries (spaces around an entry ignored). */
int bot_list_has(const char *list, const char *item, size_t n);

#endif
