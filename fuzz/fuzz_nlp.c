/* fuzz_nlp.c — libFuzzer: `bot parse` and `bot time` on arbitrary text. */
#include <stdlib.h>
#include <string.h>

#include "../nlp/nlp.h"
#include "worker_stack.h"

static struct nlp *nlp;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    struct nlp_options o = {"时间驿站,驿站", "data/services.txt"};
    if (nlp_create(&o, &nlp, err) != BOT_OK)
        abort();
    return 0;
}

/* Both readers of one message, as a worker runs them. */
static void *run(void *arg)
{
    const char *text = arg;
    struct nlp_result r;
    struct nlp_time t;
    char json[4096];
    int64_t now = 1795370400; /* 2026-11-23T10:00:00+08:00 */
    if (nlp_parse(nlp, text, now, 8 * 3600, &r) == BOT_OK)
        nlp_result_json(&r, 8 * 3600, json, sizeof json);
    nlp_time_of(nlp, text, now, -2 * 3600, &t);
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    fuzz_on_worker_stack(run, text);
    free(text);
    return 0;
}
