/* parse_bench.c — NLP throughput on one core: every line of a corpus through
 * nlp_parse(), repeated, timed by this thread's CPU clock and by the wall clock. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../nlp/nlp.h"

static double secs(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *corpus = argc > 1 ? argv[1] : "../shared/corpus/intents_dev.jsonl";
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 500;
    FILE *f = fopen(corpus, "r");
    if (!f) {
        perror(corpus);
        return 1;
    }
    char **lines = NULL;
    size_t n = 0, cap = 0;
    char buf[8192];
    while (fgets(buf, sizeof buf, f)) {
        json_t *o = json_loads(buf, 0, NULL);
        const char *t = o ? json_string_value(json_object_get(o, "text")) : NULL;
        if (t) {
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                char **nl = realloc(lines, cap * sizeof *lines);
                if (!nl)
                    return 1;
                lines = nl;
            }
            lines[n++] = strdup(t);
        }
        json_decref(o);
    }
    fclose(f);
    char err[256];
    struct nlp *nlp;
    struct nlp_options opt = {"时间驿站", "data/services.txt"};
    if (nlp_create(&opt, &nlp, err) != BOT_OK) {
        fprintf(stderr, "nlp: %s\n", err);
        return 1;
    }
    int64_t now;
    int off;
    bot_parse_iso("2026-11-23T10:00:00+08:00", &now, &off);
    struct nlp_result r;
    unsigned long fired = 0;
    double c0 = secs(CLOCK_THREAD_CPUTIME_ID), w0 = secs(CLOCK_MONOTONIC);
    for (int k = 0; k < rounds; k++)
        for (size_t i = 0; i < n; i++) {
            nlp_parse(nlp, lines[i], now, off, &r);
            fired += r.intent != NLP_NONE;
        }
    double cpu = secs(CLOCK_THREAD_CPUTIME_ID) - c0, wall = secs(CLOCK_MONOTONIC) - w0;
    double msgs = (double)n * rounds;
    printf("nlp parse: %.0f messages in %.3f s CPU (%.3f s wall) = %.0f msg/s per core (%.2f us/msg; %lu fired)\n",
           msgs, cpu, wall, msgs / cpu, cpu / msgs * 1e6, fired);
    nlp_free(nlp);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    return 0;
}
