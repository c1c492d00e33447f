/* prefilter.c — words a pattern's every match must contain, read off its source at start-up, and one pass over a message that says which of them it holds: a pattern none of whose needed words is there is not run. */
#include "nlp_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- what a piece of a pattern needs (the reading of its source) ----
 *
 * A piece is described by either the few strings it matches exactly (`exact`: 是|是不是 → {是, 是不是}; "" for a
 * piece that may match nothing), or by clauses: each a list of words one of which every match contains, all of them
 * needed. Anything the reading does not follow (a class, \p{Han}, ., a back-reference) matches "something", which
 * needs nothing: the reading only ever leaves a word out, never asks for one a match could lack. */

#define PF_SET 16   /* strings of an exact set */
#define PF_CL 4     /* clauses kept for a piece */
#define PF_WORDS 192 /* words of a clause (the manage commands' union needs ~150) */
#define PF_LEN 32   /* bytes of a word, and of an exact string: a longer join is no longer exact */

struct pf_words {
    int n;
    char w[PF_WORDS][PF_LEN];
};

struct pf_info {
    int exact; /* set is every string the piece matches */
    int nset;
    char set[PF_SET][PF_LEN];
    int ncl;
    struct pf_words *cl[PF_CL]; /* allocated as they come: most pieces are one character, with no clause */
};

struct pf_reader {
    const char *p;
    int failed; /* syntax this reading does not follow (options, conditions, recursion): no gate at all */
};

static void pf_clear(struct pf_info *in)
{
    for (int i = 0; i < in->ncl; i++)
        free(in->cl[i]);
    memset(in, 0, sizeof *in);
}

static void pf_free(struct pf_info *in)
{
    if (in)
        pf_clear(in);
    free(in);
}

static struct pf_info *pf_new(int exact_empty)
{
    struct pf_info *in = calloc(1, sizeof *in);
    if (in && exact_empty) {
        in->exact = 1;
        in->nset = 1; /* "" */
    }
    return in;
}

/* Drop the words of an either-or clause that contain another of its words: wherever they are, that one is too. */
static void absorb(struct pf_words *c)
{
    int k = 0;
    for (int i = 0; i < c->n; i++) {
        int redundant = 0;
        for (int j = 0; j < c->n && !redundant; j++)
            if (j != i && strstr(c->w[i], c->w[j]) && (strlen(c->w[j]) < strlen(c->w[i]) || j < i))
                redundant = 1;
        if (!redundant && k != i)
            memcpy(c->w[k], c->w[i], PF_LEN);
        k += !redundant;
    }
    c->n = k;
}

static void add_word(struct pf_words *c, const char *w, int *overflow)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->w[i], w) == 0)
            return;
    if (c->n == PF_WORDS)
        absorb(c); /* only when full: it compares every pair */
    if (c->n == PF_WORDS) {
        *overflow = 1;
        return;
    }
    bot_strlcpy(c->w[c->n++], w, PF_LEN);
}

/* A clause is as good as its shortest word is long (a one-byte word is in most texts), and a little better shorter. */
static int clause_score(const struct pf_words *c)
{
    if (c->n == 0)
        return -1;
    size_t min = PF_LEN;
    for (int i = 0; i < c->n; i++)
        if (strlen(c->w[i]) < min)
            min = strlen(c->w[i]);
    return (int)min * 100 - c->n;
}

/* The exact set as a clause: none when it holds "" (the piece may match nothing). */
static int set_clause(const struct pf_info *in, struct pf_words *out)
{
    if (!in->exact || in->nset == 0)
        return 0;
    out->n = 0;
    int overflow = 0;
    for (int i = 0; i < in->nset; i++) {
        if (!in->set[i][0])
            return 0;
        add_word(out, in->set[i], &overflow);
    }
    absorb(out);
    return !overflow;
}

/* Keep a clause among a piece's best PF_CL (the same words twice once). 0: out of memory. */
static int keep_clause(struct pf_info *in, const struct pf_words *c)
{
    if (c->n == 0)
        return 1;
    for (int i = 0; i < in->ncl; i++)
        if (in->cl[i]->n == c->n && memcmp(in->cl[i]->w, c->w, sizeof c->w[0] * (size_t)c->n) == 0)
            return 1;
    int at = in->ncl;
    if (in->ncl == PF_CL) {
        at = 0;
        for (int i = 1; i < in->ncl; i++)
            if (clause_score(in->cl[i]) < clause_score(in->cl[at]))
                at = i;
        if (clause_score(c) <= clause_score(in->cl[at]))
            return 1;
    } else if (!(in->cl[in->ncl] = malloc(sizeof *c)))
        return 0;
    else
        in->ncl++;
    in->cl[at]->n = c->n;
    memcpy(in->cl[at]->w, c->w, sizeof c->w[0] * (size_t)c->n);
    return 1;
}

/* The piece's single best clause (its exact set when it has one). */
static int best_clause(const struct pf_info *in, struct pf_words *out)
{
    if (in->exact)
        return set_clause(in, out);
    int best = -1;
    for (int i = 0; i < in->ncl; i++)
        if (best < 0 || clause_score(in->cl[i]) > clause_score(in->cl[best]))
            best = i;
    if (best < 0)
        return 0;
    out->n = in->cl[best]->n;
    memcpy(out->w, in->cl[best]->w, sizeof out->w[0] * (size_t)out->n);
    return 1;
}

/* Forget the exact set, keeping what it needs as a clause. */
static void inexact(struct pf_info *in)
{
    if (!in->exact)
        return;
    struct pf_words c;
    int ok = set_clause(in, &c);
    in->exact = 0;
    in->nset = 0;
    if (ok)
        keep_clause(in, &c);
}

/* a then b */
static void pf_concat(struct pf_info *a, struct pf_info *b)
{
    int fits = 1; /* a product longer than a word cannot stay exact: cut, it would be joined to what follows */
    for (int i = 0; i < a->nset && fits; i++)
        for (int j = 0; j < b->nset && fits; j++)
            fits = strlen(a->set[i]) + strlen(b->set[j]) < PF_LEN;
    if (a->exact && b->exact && a->nset * b->nset <= PF_SET && fits) {
        char prod[PF_SET][PF_LEN];
        int n = 0;
        for (int i = 0; i < a->nset; i++)
            for (int j = 0; j < b->nset; j++) {
                char both[2 * PF_LEN];
                size_t la = strlen(a->set[i]), lb = strlen(b->set[j]);
                memcpy(both, a->set[i], la);
                memcpy(both + la, b->set[j], lb + 1);
                int dup = 0;
                for (int k = 0; k < n && !dup; k++)
                    dup = strcmp(prod[k], both) == 0;
                if (!dup)
                    memcpy(prod[n++], both, la + lb + 1);
            }
        memcpy(a->set, prod, sizeof prod[0] * (size_t)n);
        a->nset = n;
        return;
    }
    inexact(a);
    inexact(b);
    for (int i = 0; i < b->ncl; i++)
        keep_clause(a, b->cl[i]); /* out of memory: a clause the less, which only opens the gate more often */
}

/* a or b */
static void pf_alt(struct pf_info *a, const struct pf_info *b)
{
    if (a->exact && b->exact && a->nset + b->nset <= PF_SET) {
        for (int j = 0; j < b->nset; j++) {
            int dup = 0;
            for (int i = 0; i < a->nset && !dup; i++)
                dup = strcmp(a->set[i], b->set[j]) == 0;
            if (!dup)
                memcpy(a->set[a->nset++], b->set[j], PF_LEN);
        }
        return;
    }
    struct pf_words ca, cb;
    int ok = best_clause(a, &ca) && best_clause(b, &cb);
    pf_clear(a);
    if (!ok)
        return; /* one side needs nothing: neither does the whole */
    int overflow = 0;
    for (int i = 0; i < cb.n; i++)
        add_word(&ca, cb.w[i], &overflow);
    if (!overflow)
        keep_clause(a, &ca);
}

static struct pf_info *read_alt(struct pf_reader *r);

/* A class [...]: the few characters it names, or "something" (negated, ranges, escapes of sets, POSIX names). */
static struct pf_info *read_class(struct pf_reader *r)
{
    const char *p = r->p; /* after '[' */
    struct pf_info *in = pf_new(0);
    if (!in)
        return NULL;
    int plain = *p != '^';
    if (*p == '^')
        p++;
    int first = 1;
    while (*p && (*p != ']' || first)) {
        first = 0;
        size_t len;
        char ch[8] = {0};
        if (*p == '\\') {
            p++;
            if (!*p)
                break;
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
                plain = 0; /* a set (\d, \p{…}), a control (\n) or a code (\x{…}): not followed */
            nlp_utf8_next(p, &len);
            if (!len)
                len = 1;
            memcpy(ch, p, len);
            p += len;
        } else if (*p == '[' && p[1] == ':') {
            plain = 0;
            const char *e = strstr(p + 2, ":]");
            p = e ? e + 2 : p + 1;
            continue;
        } else {
            nlp_utf8_next(p, &len);
            if (!len)
                len = 1;
            memcpy(ch, p, len);
            p += len;
        }
        if (*p == '-' && p[1] && p[1] != ']')
            plain = 0; /* a range */
        if (plain) {
            if (in->nset == PF_SET)
                plain = 0;
            else
                bot_strlcpy(in->set[in->nset++], ch, PF_LEN);
        }
    }
    if (*p == ']')
        p++;
    r->p = p;
    if (plain && in->nset > 0)
        in->exact = 1;
    else
        in->nset = 0;
    return in;
}

/* The character at p, matched as itself. */
static struct pf_info *read_char(struct pf_reader *r, const char *p)
{
    size_t len;
    nlp_utf8_next(p, &len);
    if (!len)
        len = 1;
    struct pf_info *in = pf_new(0);
    if (in) {
        in->exact = 1;
        in->nset = 1;
        memcpy(in->set[0], p, len);
    }
    r->p = p + len;
    return in;
}

/* An escape outside a class: a literal, or something, or nothing (an anchor). */
static struct pf_info *read_escape(struct pf_reader *r)
{
    const char *p = r->p; /* after '\' */
    char c = *p;
    if (!c) {
        r->failed = 1;
        return pf_new(1);
    }
    if (strchr("bBAzZGK", c)) { /* anchors and assertions: match nothing */
        r->p = p + 1;
        return pf_new(1);
    }
    if (c == 'Q' || c == 'E' || c == 'c' || c == 'o' || c == '0') {
        r->failed = 1;
        return pf_new(1);
    }
    if (c == 'p' || c == 'P' || c == 'x' || c == 'g' || c == 'k') { /* \p{Han}, \x{3000}, \g{1}, \k<name>: something */
        p++;
        if (*p == '{') {
            const char *e = strchr(p, '}');
            p = e ? e + 1 : p;
        } else if (c == 'k' && (*p == '<' || *p == '\'')) {
            const char *e = strchr(p, *p == '<' ? '>' : '\'');
            p = e ? e + 1 : p;
        } else if (c == 'x') {
            while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'))
                p++;
        } else if (*p)
            p++;
        r->p = p;
        return pf_new(0);
    }
    if (strchr("dDsSwWhHvVRXN123456789", c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        /* a set, a back-reference, or a letter escape not followed (\n, \t: rare here): something */
        r->p = p + 1;
        return pf_new(0);
    }
    return read_char(r, p);
}

/* One atom: a group, a class, an escape, . ^ $, or a character. */
static struct pf_info *read_atom(struct pf_reader *r)
{
    const char *p = r->p;
    if (*p == '(') {
        p++;
        int keep = 1;
        if (*p == '*') { /* (*VERB) */
            r->failed = 1;
            const char *e = strchr(p, ')');
            r->p = e ? e + 1 : p;
            return pf_new(1);
        }
        if (*p == '?') {
            p++;
            if (*p == ':' || *p == '|' || *p == '>')
                p++;
            else if (*p == '=' || *p == '!')
                p++, keep = 0;
            else if (*p == '<' && (p[1] == '=' || p[1] == '!'))
                p += 2, keep = 0;
            else if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
                const char *e = strchr(p, *p == '\'' ? '\'' : '>');
                if (*p == '\'')
                    e = strchr(p + 1, '\'');
                if (!e) {
                    r->failed = 1;
                    return pf_new(1);
                }
                p = e + 1;
            } else if (*p == '#') {
                const char *e = strchr(p, ')');
                r->p = e ? e + 1 : p;
                return pf_new(1);
            } else { /* options, conditions, recursion: not followed */
                r->failed = 1;
                return pf_new(1);
            }
        }
        r->p = p;
        struct pf_info *in = read_alt(r);
        if (*r->p == ')')
            r->p++;
        else
            r->failed = 1;
        if (!keep && in) { /* a look-around matches nothing of the text */
            pf_free(in);
            in = pf_new(1);
        }
        return in;
    }
    if (*p == '[') {
        r->p = p + 1;
        return read_class(r);
    }
    if (*p == '\\') {
        r->p = p + 1;
        return read_escape(r);
    }
    if (*p == '^' || *p == '$') {
        r->p = p + 1;
        return pf_new(1);
    }
    if (*p == '.') {
        r->p = p + 1;
        return pf_new(0);
    }
    return read_char(r, p);
}

/* A quantifier after an atom, if any: its least count (0 when none may be). */
static int read_quant(struct pf_reader *r, int *min, int *max)
{
    const char *p = r->p;
    if (*p == '?')
        *min = 0, *max = 1, p++;
    else if (*p == '*')
        *min = 0, *max = -1, p++;
    else if (*p == '+')
        *min = 1, *max = -1, p++;
    else if (*p == '{' && ((p[1] >= '0' && p[1] <= '9') || p[1] == ',')) {
        const char *q = p + 1;
        int lo = 0, hi;
        while (*q >= '0' && *q <= '9')
            lo = lo * 10 + (*q++ - '0');
        hi = lo;
        if (*q == ',') {
            q++;
            hi = -1;
            if (*q >= '0' && *q <= '9')
                for (hi = 0; *q >= '0' && *q <= '9';)
                    hi = hi * 10 + (*q++ - '0');
        }
        if (*q != '}')
            return 0; /* a literal { */
        *min = lo, *max = hi;
        p = q + 1;
    } else
        return 0;
    if (*p == '?' || *p == '+')
        p++;
    r->p = p;
    return 1;
}

static struct pf_info *read_seq(struct pf_reader *r)
{
    struct pf_info *acc = pf_new(1);
    while (acc && *r->p && *r->p != '|' && *r->p != ')' && !r->failed) {
        struct pf_info *a = read_atom(r);
        if (!a) {
            pf_free(acc);
            return NULL;
        }
        int min, max;
        while (read_quant(r, &min, &max)) {
            if (min == 0 && max == 0) { /* {0}: nothing */
                pf_clear(a);
                a->exact = 1;
                a->nset = 1;
            } else if (min == 0) { /* its strings or nothing (at most once), else something unknown */
                int had_empty = 0;
                for (int k = 0; k < a->nset; k++)
                    had_empty |= !a->set[k][0];
                if (a->exact && max == 1 && (had_empty || a->nset < PF_SET)) {
                    if (!had_empty)
                        a->set[a->nset++][0] = '\0';
                } else
                    pf_clear(a);
            } else if (max != 1)
                inexact(a); /* one or more: the one is needed, its repeats are not known exactly */
        }
        pf_concat(acc, a);
        pf_free(a);
    }
    return acc;
}

static struct pf_info *read_alt(struct pf_reader *r)
{
    struct pf_info *acc = read_seq(r);
    while (acc && *r->p == '|' && !r->failed) {
        r->p++;
        struct pf_info *b = read_seq(r);
        if (!b) {
            pf_free(acc);
            return NULL;
        }
        pf_alt(acc, b);
        pf_free(b);
    }
    return acc;
}

/* ---- the gates ---- */

static int word_id(struct nlp_prefilter *pf, const char *w)
{
    size_t len = strlen(w);
    size_t cl;
    nlp_utf8_next(w, &cl);
    if (!len || !cl || cl > len)
        return -1;
    uint32_t key = 0;
    memcpy(&key, w, cl);
    unsigned h = (key * 2654435761u) >> (32 - NLP_PF_HASH_BITS);
    for (int i = pf->head[h]; i >= 0; i = pf->w[i].next)
        if (strcmp(pf->word[i], w) == 0)
            return i;
    if (pf->nwords == NLP_PF_WORDS)
        return -1;
    int id = pf->nwords++;
    bot_strlcpy(pf->word[id], w, sizeof pf->word[id]);
    pf->w[id].len = (unsigned char)len;
    pf->w[id].key = key;
    pf->w[id].next = pf->head[h];
    pf->head[h] = (short)id;
    return id;
}

/* Add a clause of words to pattern i's gate (all of the pattern's clauses needed). 0 when there is no room: then the
 * clause is left out, which only opens the gate more often. */
static int add_clause(struct nlp_prefilter *pf, int i, const char *const *words, int n)
{
    if (pf->nclauses == NLP_PF_CLAUSES || pf->nids + n > NLP_PF_IDS)
        return 0;
    int first = pf->nids;
    for (int k = 0; k < n; k++) {
        /* a word with a space counts by its longest piece without one: a text the parser blanks a part of (what is
         * in brackets) must not hold a word its whole text did not */
        char piece[PF_LEN] = "";
        for (const char *w = words[k]; *w;) {
            size_t l = strcspn(w, " ");
            if (l > strlen(piece) && l < sizeof piece) {
                memcpy(piece, w, l);
                piece[l] = '\0';
            }
            w += l;
            w += strspn(w, " ");
        }
        int id = piece[0] ? word_id(pf, piece) : -1;
        if (id < 0) {
            pf->nids = first; /* a word with no room: the clause would not be whole */
            return 0;
        }
        int dup = 0; /* a word twice (two pieces of one spaced word): once */
        for (int j = first; j < pf->nids && !dup; j++)
            dup = pf->ids[j] == id;
        if (!dup)
            pf->ids[pf->nids++] = (unsigned short)id;
    }
    struct nlp_pf_clause *c = &pf->clauses[pf->nclauses++];
    c->first = (unsigned short)first;
    c->n = (unsigned short)(pf->nids - first);
    if (pf->gate[i].n == 0)
        pf->gate[i].first = (unsigned short)(pf->nclauses - 1);
    pf->gate[i].n++;
    return 1;
}

enum bot_rc nlp_prefilter_build(struct nlp_prefilter *pf, int npat, const char *const *src,
                                const char *const *const *hand, const char *const *const *hand_also, int automatic)
{
    memset(pf, 0, sizeof *pf);
    memset(pf->head, -1, sizeof pf->head);
    if (npat > NLP_PF_PATTERNS)
        return BOT_TOOBIG;
    pf->npat = npat;
    for (int i = 0; i < npat; i++) {
        /* clauses are added pattern by pattern, so each pattern's are contiguous */
        const char *list[PF_WORDS];
        for (int h = 0; h < 2; h++) {
            const char *const *words = h == 0 ? (hand ? hand[i] : NULL) : (hand_also ? hand_also[i] : NULL);
            if (!words)
                continue;
            int n = 0;
            while (words[n] && n < PF_WORDS)
                list[n] = words[n], n++;
            if (!words[n]) /* a longer hand list is left to the pattern itself */
                add_clause(pf, i, list, n);
        }
        if (!automatic || !src[i])
            continue;
        struct pf_reader r = {src[i], 0};
        struct pf_info *in = read_alt(&r);
        if (!in)
            return BOT_NOMEM;
        if (!r.failed && !*r.p) {
            inexact(in);
            for (int k = 0; k < in->ncl; k++) {
                absorb(in->cl[k]);
                int n = 0;
                for (int w = 0; w < in->cl[k]->n; w++)
                    list[n++] = in->cl[k]->w[w];
                add_clause(pf, i, list, n);
            }
        }
        pf_free(in);
    }
    /* each word's clauses, for the scan to mark */
    for (int c = 0; c < pf->nclauses; c++)
        for (int k = 0; k < pf->clauses[c].n; k++)
            pf->in_first[pf->ids[pf->clauses[c].first + k] + 1]++;
    for (int w = 0; w < NLP_PF_WORDS; w++)
        pf->in_first[w + 1] = (unsigned short)(pf->in_first[w + 1] + pf->in_first[w]);
    unsigned short fill[NLP_PF_WORDS];
    memcpy(fill, pf->in_first, sizeof fill);
    for (int c = 0; c < pf->nclauses; c++)
        for (int k = 0; k < pf->clauses[c].n; k++) {
            unsigned w = pf->ids[pf->clauses[c].first + k];
            pf->in_clause[fill[w]++] = (unsigned short)c;
        }
    return BOT_OK;
}

void nlp_prefilter_scan(const struct nlp_prefilter *pf, const char *s, size_t len, unsigned char met[NLP_PF_CLAUSES])
{
    memset(met, 0, (size_t)pf->nclauses);
    size_t cl;
    for (size_t p = 0; p < len; p += cl ? cl : 1) {
        nlp_utf8_next(s + p, &cl);
        if (!cl || cl > 4)
            continue;
        uint32_t key = 0;
        memcpy(&key, s + p, cl);
        unsigned h = (key * 2654435761u) >> (32 - NLP_PF_HASH_BITS);
        for (int i = pf->head[h]; i >= 0; i = pf->w[i].next)
            if (pf->w[i].key == key && pf->w[i].len <= len - p && memcmp(s + p, pf->word[i], pf->w[i].len) == 0)
                for (unsigned k = pf->in_first[i]; k < pf->in_first[i + 1]; k++)
                    met[pf->in_clause[k]] = 1;
    }
}

int nlp_prefilter_open(const struct nlp_prefilter *pf, int i, const unsigned char met[NLP_PF_CLAUSES])
{
    const struct nlp_pf_gate *g = &pf->gate[i];
    for (int k = 0; k < g->n; k++)
        if (!met[g->first + k])
            return 0;
    return 1;
}
