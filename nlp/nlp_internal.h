/* nlp_internal.h — what the nlp/ files share with each other (not a public API). */
#ifndef NLP_INTERNAL_H
#define NLP_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <opencc.h>
#include <pcre2.h>
#include <pthread.h>

#include "nlp.h"

#define NLP_T2S_LO 0x3400u
#define NLP_T2S_HI 0x9FFFu

#define NLP_MAX_KEYWORDS 512

/* The CJK range of nlp/emergency.c's key characters. */
#define NLP_KEY_LO 0x4E00u
#define NLP_KEY_HI 0x9FFFu
#define NLP_KEY_PAIRS 81

struct nlp_keyword {
    char word[48];
    int service;
    int weight;
    unsigned char need;     /* one bit per "+"-part: all must be found */
};

/* One "+"-part of a keyword, indexed by a hash of its first two bytes so
 * scoring reads the message once instead of searching it per keyword. */
#define NLP_MAX_PARTS (NLP_MAX_KEYWORDS * 2)
#define NLP_PART_BUCKETS 1024
#define NLP_DIALECT_BITS 1024
struct nlp_part {
    unsigned short keyword, off, len;
    unsigned char bit;
};


struct nlp {
    opencc_t cc;
    unsigned char t2s_bitmap[(NLP_T2S_HI - NLP_T2S_LO + 1) / 8 + 1];
    uint64_t dialect_first[NLP_DIALECT_BITS / 64]; /* normalize.c's dialect words' first characters, hashed */
    char bot_names[256];
    struct nlp_keyword keywords[NLP_MAX_KEYWORDS];
    int nkeywords;
    /* a "+"-keyword and the plain word of the same service its parts make side by side (拿+药 and 拿药): one thing
     * said, counted once (the greater weight) when both are found */
    unsigned short twin[NLP_MAX_KEYWORDS / 4][2];
    int ntwins;
    unsigned short two_han[NLP_MAX_KEYWORDS]; /* the keywords of two characters and no "+" (挂号), split by 个/了/一下 */
    int ntwo_han;
    unsigned cert_services; /* bit i: service i needs a certificate ([证书] in the services file) */
    unsigned training_services; /* bit i: service i needs recorded training ([培训] in the services file) */
    struct nlp_part parts[NLP_MAX_PARTS]; /* sorted by bucket */
    unsigned short bucket_start[NLP_PART_BUCKETS + 1];
    int nparts;
    pcre2_code **pat;       /* one per entry of nlp/intent.c's pattern table */
    struct nlp_prefilter *pf; /* the patterns' gates */
    pcre2_code *manage_any; /* the union of the manage table's anchored command patterns */
    struct nlp_correct *correct; /* correct.c: a slip taken back in the same message */
    unsigned char manage_loose[8]; /* the manage table's entries not anchored at the start, tried by themselves */
    int nmanage_loose;
    pcre2_code **epat;      /* one per entry of nlp/emergency.c's pattern table */
    unsigned char key_char[(NLP_KEY_HI - NLP_KEY_LO + 1) / 8 + 1];  /* its key characters */
    unsigned char key_first[(NLP_KEY_HI - NLP_KEY_LO + 1) / 8 + 1]; /* the first of its key pairs */
    uint64_t key_pair[NLP_KEY_PAIRS]; /* its key pairs, first << 32 | second, sorted */
    pthread_mutex_t s2t_lock; /* s2t is opened on first use (a reply to traditional script) */
    opencc_t s2t;
    /* of the code points met so far in traditional text (s2t_known), those s2t changes alone; both under s2t_lock */
    unsigned char s2t_known[(NLP_T2S_HI - NLP_T2S_LO + 1) / 8 + 1];
    unsigned char s2t_bitmap[(NLP_T2S_HI - NLP_T2S_LO + 1) / 8 + 1];
};

uint32_t nlp_utf8_next(const char *s, size_t *len);
/* A building in brackets right after a name, which tells namesakes apart: (3号楼), （三栋）, after spaces. Returns
 * the bytes it takes (0 when s holds none) and writes it as the members' building is kept, "(3号楼)", into out. */
size_t nlp_building_suffix(const char *s, char out[24]);
/* nlp_normalize, with the platform's mentions[0..n) remembered among the
 * typed @names in text order; and, when cased is not NULL (outsz bytes too), out again with its letters in the case
 * they were written, byte for byte at the same offsets (slots stored as written are copied from it). */
/* Is name (len bytes) one of the bot's names ([nlp] bot names, comma-separated)? */
int nlp_is_bot_name(const struct nlp *nlp, const char *name, size_t len);
/* The bytes of a call of the bot at the start of raw text s: @ (or ＠) and any of its names, or a name of three
 * characters or more and its separator (时间驿站，); 0 when s does not begin so. */
size_t nlp_bot_call_len(const struct nlp *nlp, const char *s);
enum bot_rc nlp_normalize_message(const struct nlp *nlp, const char *text, const struct nlp_mention *mentions, int n,
                                  char *out, char *cased, size_t outsz, struct nlp_result *res);
enum bot_rc nlp_t2s_init(struct nlp *nlp, char err[256]);
/* The s2t side: the lock set up at create, the converter closed at free. */
void nlp_s2t_init(struct nlp *nlp);
void nlp_s2t_free(struct nlp *nlp);
/* nlp/emergency.c: compile its patterns, free them, and read a normalised text. */
enum bot_rc nlp_emergency_init(struct nlp *nlp, char err[256]);
void nlp_emergency_free(struct nlp *nlp);
enum nlp_emergency nlp_emergency_of(const struct nlp *nlp, const char *norm, size_t len, pcre2_match_data *md);
enum bot_rc nlp_services_load(struct nlp *nlp, const char *path, char err[256]);
/* Score every service category over norm into scores[9]. */
void nlp_services_score(const struct nlp *nlp, const char *norm, int scores[NLP_SERVICE_COUNT]);
/* Time scan with an optional forced day for expressions that name none
 * (force_day = INT64_MIN for none), and a part of the day for a bare clock (force_part, 0 for none). */
void nlp_time_scan_day(const char *norm, size_t from, int64_t now, int utc_offset,
                       int64_t force_day, int force_part, struct nlp_time *out);

/* ---- prefilter.c: the words each pattern needs, and which of them a message holds ---- */
#define NLP_PF_WORDS 4096     /* distinct words over all gates */
#define NLP_PF_HASH_BITS 11   /* buckets by a word's first character */
#define NLP_PF_PATTERNS 512
#define NLP_PF_CLAUSES 4096
#define NLP_PF_IDS 32768
struct nlp_pf_clause {
    unsigned short first, n; /* its words: ids[first .. first + n) */
};
struct nlp_pf_gate {
    unsigned short first, n; /* its clauses, all needed: clauses[first .. first + n) */
};
struct nlp_prefilter {
    int npat, nwords, nclauses, nids;
    struct nlp_pf_gate gate[NLP_PF_PATTERNS];
    struct nlp_pf_clause clauses[NLP_PF_CLAUSES];
    unsigned short ids[NLP_PF_IDS];
    struct { /* what the scan reads at every character, together: one cache line holds eight words' */
        uint32_t key;        /* the word's first character's bytes */
        short next;          /* the next word of its bucket */
        unsigned char len;
    } w[NLP_PF_WORDS];
    short head[1 << NLP_PF_HASH_BITS];
    char word[NLP_PF_WORDS][32]; /* read only where a first character matched */
    /* the clauses each word is in: in_clause[in_first[w] .. in_first[w + 1]) */
    unsigned short in_first[NLP_PF_WORDS + 1], in_clause[NLP_PF_IDS];
};
/* Gates for npat patterns: each hand list (hand[i], hand_also[i]; NULL-terminated, or NULL) is a clause, and, when
 * automatic, the clauses read off src[i]. A pattern whose source is not followed gets its hand clauses only. */
enum bot_rc nlp_prefilter_build(struct nlp_prefilter *pf, int npat, const char *const *src,
                                const char *const *const *hand, const char *const *const *hand_also, int automatic);
/* Which gates' clauses the normalized text meets (met[c]: one of clause c's words is in it). */
void nlp_prefilter_scan(const struct nlp_prefilter *pf, const char *s, size_t len, unsigned char met[NLP_PF_CLAUSES]);
/* May pattern i match a text that meets these clauses? */
int nlp_prefilter_open(const struct nlp_prefilter *pf, int i, const unsigned char met[NLP_PF_CLAUSES]);

/* For tests (intent.c): a pattern that matches the text although its gate is shut (-1: none), and a pattern's source. */
int nlp_gate_unsound(const struct nlp *nlp, const char *text);
const char *nlp_pattern_source(int i);

/* A match over normalized text (valid UTF-8): straight into the pattern's JIT code (pcre2_match checks its options and
 * the text's encoding first: a twentieth of the parser's time), by the interpreter when it has none. */
/* The match context every match runs with: the JIT's stack is the calling thread's own (made on its first match,
 * freed when it ends), never 32 KB of the machine stack, of which a civetweb worker has 100 KB in all (CI's ASan run
 * overflowed it: play-test 17b's session). NULL when it could not be made: PCRE2's default. */
pcre2_match_context *nlp_match_context(void);

static inline int nlp_match(const pcre2_code *code, const char *s, size_t len, size_t from, pcre2_match_data *md)
{
    int n = pcre2_jit_match(code, (PCRE2_SPTR)s, len, from, 0, md, nlp_match_context());
    if (n == PCRE2_ERROR_JIT_BADOPTION) /* not JIT-compiled */
        n = pcre2_match(code, (PCRE2_SPTR)s, len, from, PCRE2_NO_UTF_CHECK, md, nlp_match_context());
    return n;
}

/* correct.c: 接12，不对，是13 read as 接13, in the normalized text s and its cased copy cs (*len bytes, shrinks);
 * the result's mentions move with the text. Returns 1 when something was taken back. */
struct nlp_correct;
enum bot_rc nlp_correct_open(struct nlp_correct **out);
void nlp_correct_close(struct nlp_correct *k);
int nlp_correct_apply(const struct nlp_correct *k, char *s, char *cs, size_t *len, pcre2_match_data *md,
                      struct nlp_result *res);
/* Is a taking back left in s after nlp_correct_apply (哦不 还没做完, 发错了): the command in it is in doubt. */
int nlp_correct_doubt(const struct nlp_correct *k, const char *s, size_t len, pcre2_match_data *md);

#endif
