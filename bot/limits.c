/* limits.c — per-member minute windows in a bounded open-addressed table of
 * full keys behind one mutex: a live window is never handed to another key. */
#include "limits.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <string.h>

#define SLOTS 4096      /* windows live at once; a community has far fewer senders a minute */
#define KEYMAX 152      /* "platform:user_id"; longer keys are kept as their SHA-256 */
#define WINDOW 60

/* key[0] == '\0': never used since the last sweep, so a probe stops there.
 * A used slot whose window is over may be taken by another key. */
struct slot {
    int64_t opened;     /* when this window opened */
    int count;
    uint64_t last_msg;  /* the hash of the last message id counted (0: none): its retries are not counted again */
    char key[KEYMAX];
};

static struct slot slots[SLOTS];
static struct slot scratch[SLOTS]; /* the sweep's copy of the live windows */
/* Keys that find no free slot (every slot a live window) share this one
 * window: when the table is full of live windows a newcomer is still limited
 * (together with the other newcomers), and no live window is ever reset. */
static struct slot overflow;
static int64_t last_sweep;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static uint64_t hash(const char *key)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: only spreads keys, the full key decides */
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return h;
}

/* "platform:user" into key[KEYMAX]; a longer one as "#" + hex SHA-256 of it. */
BOT_STATIC void make_key(const char *platform, const char *user, char key[KEYMAX])
{
    int n = snprintf(key, KEYMAX, "%s:%s", platform, user);
    if (n >= 0 && n < KEYMAX)
        return;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
             EVP_DigestUpdate(c, platform, strlen(platform)) == 1 && EVP_DigestUpdate(c, ":", 1) == 1 &&
             EVP_DigestUpdate(c, user, strlen(user)) == 1 && EVP_DigestFinal_ex(c, md, &mdlen) == 1;
    EVP_MD_CTX_free(c);
    if (!ok) { /* no digest: the cut key, still a key of its own for every id that fits */
        key[KEYMAX - 1] = '\0';
        return;
    }
    key[0] = '#';
    for (unsigned int i = 0; i < mdlen && 1 + 2 * i + 2 < KEYMAX; i++)
        snprintf(key + 1 + 2 * i, 3, "%02x", md[i]);
}

static int live(const struct slot *s, int64_t now)
{
    return s->key[0] && now - s->opened < WINDOW;
}

/* The slot holding key, or the first free one on its probe path, or NULL
 * when every slot is a live window. Stops at a never-used slot: a key is
 * always placed at the first free slot on its path and slots only return
 * to never-used in a sweep, which re-places every live key. */
static struct slot *find(const char *key, int64_t now)
{
    struct slot *free_slot = NULL;
    size_t h = (size_t)(hash(key) % SLOTS);
    for (size_t i = 0; i < SLOTS; i++) {
        struct slot *s = &slots[(h + i) % SLOTS];
        if (!s->key[0])
            return free_slot ? free_slot : s;
        if (strcmp(s->key, key) == 0)
            return s;
        if (!free_slot && !live(s, now))
            free_slot = s;
    }
    return free_slot;
}

/* Once a window: forget the windows that are over, so probes stay short. */
static void sweep(int64_t now)
{
    size_t n = 0;
    for (size_t i = 0; i < SLOTS; i++)
        if (live(&slots[i], now))
            scratch[n++] = slots[i];
    for (size_t i = 0; i < SLOTS; i++)
        if (slots[i].key[0]) /* leaves untouched pages untouched */
            slots[i].key[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        struct slot *s = find(scratch[i].key, now);
        if (s) /* always: no more keys than slots */
            *s = scratch[i];
    }
    last_sweep = now;
}

enum bot_rate bot_rate_check(const char *platform, const char *user, int per_minute, int64_t now)
{
    return bot_rate_check_msg(platform, user, NULL, per_minute, now);
}

enum bot_rate bot_rate_check_msg(const char *platform, const char *user, const char *message_id, int per_minute,
                                 int64_t now)
{
    if (per_minute <= 0)
        return BOT_RATE_OK;
    uint64_t msg = message_id && *message_id ? hash(message_id) | 1u : 0;
    char key[KEYMAX];
    make_key(platform, user, key);
    pthread_mutex_lock(&mu);
    if (now - last_sweep >= WINDOW || now < last_sweep)
        sweep(now);
    struct slot *s = find(key, now);
    if (!s)
        s = &overflow;
    /* a window that opens with the member's first message, not on the clock's minute */
    if (s == &overflow ? !live(s, now) : strcmp(s->key, key) != 0 || !live(s, now)) {
        if (s != &overflow)
            memcpy(s->key, key, strlen(key) + 1);
        else
            s->key[0] = '*';
        s->opened = now;
        s->count = 0;
        s->last_msg = 0;
    }
    if (msg && s != &overflow && s->last_msg == msg) { /* a platform's retry of the message just counted */
        pthread_mutex_unlock(&mu);
        return BOT_RATE_RETRY;
    }
    if (s != &overflow)
        s->last_msg = msg;
    int n = ++s->count;
    pthread_mutex_unlock(&mu);
    if (n <= per_minute)
        return BOT_RATE_OK;
    return n == per_minute + 1 ? BOT_RATE_FIRST_OVER : BOT_RATE_SILENT;
}

void bot_rate_uncount(const char *platform, const char *user, int per_minute, int64_t now)
{
    if (per_minute <= 0)
        return;
    char key[KEYMAX];
    make_key(platform, user, key);
    pthread_mutex_lock(&mu);
    struct slot *s = find(key, now);
    if (!s || strcmp(s->key, key) != 0)
        s = overflow.key[0] ? &overflow : NULL;
    if (s && live(s, now) && s->count > 0)
        s->count--;
    pthread_mutex_unlock(&mu);
}

void bot_rate_reset(void)
{
    pthread_mutex_lock(&mu);
    memset(slots, 0, sizeof slots);
    memset(&overflow, 0, sizeof overflow);
    last_sweep = 0;
    pthread_mutex_unlock(&mu);
}
