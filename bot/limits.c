/* limits.c — a fixed table of per-member minute counters behind one mutex;
 * a collision only makes two members share a counter for that minute. */
#include "limits.h"

#include <pthread.h>
#include <string.h>

#define SLOTS 4096

struct slot {
    uint64_t key;
    int64_t minute;     /* when this window opened */
    int count;
};

static struct slot slots[SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static uint64_t hash(const char *a, const char *b)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const char *p = a; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    h = (h ^ ':') * 1099511628211ULL;
    for (const char *p = b; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return h ? h : 1;
}

enum bot_rate bot_rate_check(const char *platform, const char *user, int per_minute, int64_t now)
{
    if (per_minute <= 0)
        return BOT_RATE_OK;
    uint64_t key = hash(platform, user);
    pthread_mutex_lock(&mu);
    struct slot *s = &slots[key % SLOTS];
    /* a window that opens with the member's first message, not on the clock's minute */
    if (s->key != key || now - s->minute >= 60) {
        s->key = key;
        s->minute = now;
        s->count = 0;
    }
    int n = ++s->count;
    pthread_mutex_unlock(&mu);
    if (n <= per_minute)
        return BOT_RATE_OK;
    return n == per_minute + 1 ? BOT_RATE_FIRST_OVER : BOT_RATE_SILENT;
}
