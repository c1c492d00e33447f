/* jsonin.c — JSON from outside the process: its nesting bounded before jansson's recursive parser reads it. */
#include <jansson.h>
#include <stdio.h>

#include "platform.h"

int bot_json_depth(const char *s, size_t len, int max)
{
    int depth = 0, in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++; /* skip the escaped character, a quote included */
            else if (c == '"')
                in_str = 0;
            continue;
        }
        if (c == '"') {
            in_str = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max)
                return 0;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return 1;
}

json_t *bot_json_load(const char *body, size_t len, size_t flags, json_error_t *je)
{
    if (!bot_json_depth(body, len, BOT_JSON_MAX_DEPTH)) {
        snprintf(je->text, sizeof je->text, "nested deeper than %d levels", BOT_JSON_MAX_DEPTH);
        return NULL;
    }
    return json_loadb(body, len, flags, je);
}
