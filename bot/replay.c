/* replay.c — an open-addressed table of recent nonces with full digests: a live entry is never overwritten. */
#include "replay.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    unsigned char key[SHA256_DIGEST_LENGTH];  /* sha256(timestamp ":" nonce) */
    unsigned char body[SHA256_DIGEST_LENGTH]; /* sha256(body) */
    int64_t expires;                          /* 0 = free */
};

struct bot_replay {
    pthread_mutex_t mu;
    struct entry *e;
    int slots;
    int64_t ttl;
};

struct bot_replay *bot_replay_new(int slots, int64_t ttl)
{
    struct bot_replay *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->e = calloc((size_t)slots, sizeof *r->e);
    if (!r->e) {
        free(r);
        return NULL;
    }
    pthread_mutex_init(&r->mu, NULL);
    r->slots = slots;
    r->ttl = ttl;
    return r;
}

void bot_replay_free(struct bot_replay *r)
{
    if (!r)
        return;
    pthread_mutex_destroy(&r->mu);
    free(r->e);
    free(r);
}

enum bot_replay_seen bot_replay_check(struct bot_replay *r, const char *nonce, const char *timestamp,
                                      const void *body, size_t len, int64_t now)
{
    unsigned char key[SHA256_DIGEST_LENGTH], dig[SHA256_DIGEST_LENGTH];
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) && EVP_DigestUpdate(c, timestamp, strlen(timestamp)) &&
             EVP_DigestUpdate(c, ":", 1) && EVP_DigestUpdate(c, nonce, strlen(nonce)) &&
             EVP_DigestFinal_ex(c, key, NULL) && EVP_Digest(body, len, dig, NULL, EVP_sha256(), NULL);
    EVP_MD_CTX_free(c);
    if (!ok)
        return BOT_REPLAY_FULL; /* cannot tell: refuse */
    uint64_t h;
    memcpy(&h, key, sizeof h);
    enum bot_replay_seen seen = BOT_REPLAY_FULL;
    pthread_mutex_lock(&r->mu);
    struct entry *free_slot = NULL;
    /* linear probing over the whole table: an expired entry is reusable, a
     * live one only ever matches its own key */
    for (int i = 0; i < r->slots; i++) {
        struct entry *e = &r->e[(h + (uint64_t)i) % (uint64_t)r->slots];
        if (e->expires <= now) {
            if (!free_slot)
                free_slot = e;
            if (e->expires == 0)
                break; /* never used: the key is not further on */
            continue;
        }
        if (memcmp(e->key, key, sizeof key) == 0) {
            seen = memcmp(e->body, dig, sizeof dig) == 0 ? BOT_REPLAY_RETRY : BOT_REPLAY_REPLAY;
            free_slot = NULL;
            break;
        }
    }
    if (free_slot) {
        memcpy(free_slot->key, key, sizeof key);
        memcpy(free_slot->body, dig, sizeof dig);
        free_slot->expires = now + r->ttl;
        seen = BOT_REPLAY_NEW;
    }
    pthread_mutex_unlock(&r->mu);
    return seen;
}
