/*
 * coremark_like.c - benchmark: mixed integer workload in the style of
 * CoreMark (written from scratch, not derived from CoreMark's source).
 * Each iteration runs four kernels over data seeded from the iteration
 * number and folds their results into a CRC16:
 *   - linked list: find by key, reverse, merge sort by key/value;
 *   - small matrix: add constant, multiply by constant / vector / matrix,
 *     extract bit fields;
 *   - state machine: classify tokens (int, float, exponent, invalid) in a
 *     text buffer, counting transitions;
 *   - CRC16 (CCITT polynomial, bitwise) over the results.
 * Prints one checksum line. Optional argv[1] overrides the iteration count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ITERS 9000
#define LIST_NODES 96
#define MAT_N 12
#define TEXT_LEN 384

/* ---------------------------------------------------------------- CRC16 */

static uint16_t crc16_byte(uint8_t b, uint16_t crc) {
    crc ^= (uint16_t)b << 8;
    for (int i = 0; i < 8; i++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    return crc;
}

static uint16_t crc16_u16(uint16_t v, uint16_t crc) {
    return crc16_byte((uint8_t)(v >> 8), crc16_byte((uint8_t)v, crc));
}

static uint16_t crc16_u32(uint32_t v, uint16_t crc) {
    return crc16_u16((uint16_t)(v >> 16), crc16_u16((uint16_t)v, crc));
}

/* ---------------------------------------------------------- linked list */

typedef struct node {
    struct node *next;
    int16_t key;
    int16_t value;
} node;

static node pool[LIST_NODES];

static node *list_build(uint32_t seed) {
    node *head = NULL;
    for (int i = LIST_NODES - 1; i >= 0; i--) {
        seed = seed * 1664525u + 1013904223u;
        pool[i].key = (int16_t)(i ^ 0x15);
        pool[i].value = (int16_t)((seed >> 16) & 0x7FFF);
        pool[i].next = head;
        head = &pool[i];
    }
    return head;
}

static node *list_find(node *l, int16_t key) {
    while (l && l->key != key) l = l->next;
    return l;
}

static node *list_reverse(node *l) {
    node *prev = NULL;
    while (l) {
        node *n = l->next;
        l->next = prev;
        prev = l;
        l = n;
    }
    return prev;
}

typedef int (*node_cmp)(const node *, const node *);

static int cmp_key(const node *a, const node *b) { return a->key - b->key; }

static int cmp_value(const node *a, const node *b) {
    int va = a->value & 0xFF, vb = b->value & 0xFF; /* compare a derived field */
    return va != vb ? va - vb : a->key - b->key;
}

/* bottom-up merge sort on a singly linked list */
static node *list_sort(node *list, node_cmp cmp) {
    if (!list) return NULL;
    for (int width = 1;; width *= 2) {
        node *p = list, *tail = NULL;
        int merges = 0;
        list = NULL;
        while (p) {
            merges++;
            node *q = p;
            int psize = 0;
            for (int i = 0; i < width && q; i++) { psize++; q = q->next; }
            int qsize = width;
            while (psize > 0 || (qsize > 0 && q)) {
                node *e;
                if (psize == 0) { e = q; q = q->next; qsize--; }
                else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
                else if (cmp(p, q) <= 0) { e = p; p = p->next; psize--; }
                else { e = q; q = q->next; qsize--; }
                if (tail) tail->next = e; else list = e;
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1) return list;
    }
}

static uint16_t bench_list(uint32_t seed, uint16_t crc) {
    node *l = list_build(seed);
    int found = 0, missed = 0;
    for (int i = 0; i < 24; i++) {
        node *n = list_find(l, (int16_t)((i * 7 + (int)seed) % (LIST_NODES + 16)));
        if (n) { found++; crc = crc16_u16((uint16_t)n->value, crc); }
        else missed++;
        if (i % 6 == 5) l = list_reverse(l);
    }
    l = list_sort(l, cmp_value);
    int pos = 0;
    for (node *n = l; n; n = n->next, pos++)
        if ((pos & 7) == 0) crc = crc16_u16((uint16_t)n->key, crc);
    l = list_sort(l, cmp_key);
    for (node *n = l; n && n->next; n = n->next)
        if (n->key > n->next->key) crc ^= 0xDEAD; /* must never happen */
    return crc16_u16((uint16_t)(found * 256 + missed), crc);
}

/* --------------------------------------------------------------- matrix */

static int16_t ma[MAT_N][MAT_N], mb[MAT_N][MAT_N];
static int32_t mc[MAT_N][MAT_N], vc[MAT_N];

static uint16_t mat_fold(uint16_t crc) {
    int32_t acc = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t v = mc[i][j];
            acc += v > 4096 ? 10 : (v & 1 ? -v : v);
        }
    return crc16_u32((uint32_t)acc, crc);
}

static uint16_t bench_matrix(uint32_t seed, uint16_t crc) {
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            seed = seed * 22695477u + 1u;
            ma[i][j] = (int16_t)((seed >> 20) & 0x3FF);
            mb[i][j] = (int16_t)(((seed >> 8) & 0x3FF) - 512);
        }
    int16_t k = (int16_t)(seed & 0x1F);
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) ma[i][j] = (int16_t)(ma[i][j] + k);
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) mc[i][j] = (int32_t)ma[i][j] * k;
    crc = mat_fold(crc);
    for (int i = 0; i < MAT_N; i++) {
        vc[i] = 0;
        for (int j = 0; j < MAT_N; j++) vc[i] += (int32_t)ma[i][j] * mb[j][0];
        crc = crc16_u32((uint32_t)vc[i], crc);
    }
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t s = 0;
            for (int t = 0; t < MAT_N; t++) s += (int32_t)ma[i][t] * mb[t][j];
            mc[i][j] = s;
        }
    crc = mat_fold(crc);
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t s = 0;
            for (int t = 0; t < MAT_N; t++) {
                int32_t p = (int32_t)ma[i][t] * mb[t][j];
                s += (p >> 2) & 0x0F;          /* bit field */
                s += (p >> 5) & 0x7F;
            }
            mc[i][j] = s;
        }
    return mat_fold(crc);
}

/* -------------------------------------------------------- state machine */

enum state { S_START, S_INT, S_SIGN, S_FRAC, S_EXP, S_EXP_SIGN, S_EXP_INT, S_INVALID, S_COUNT };

static char text[TEXT_LEN + 1];

static void text_build(uint32_t seed) {
    static const char *const tokens[] = {"5012", "1234", "-874", "+122", "35.54", "-0.1",
                                         "1.2e-3", "-1E+7", "4.7E3", "T0.3e-1F", "-T.T++Tq",
                                         "1T3.4e4z", "34.0e-T^", "-.5", "+88e2", "7"};
    int pos = 0;
    while (pos < TEXT_LEN - 12) {
        seed = seed * 1103515245u + 12345u;
        const char *t = tokens[(seed >> 16) & 15];
        size_t n = strlen(t);
        memcpy(text + pos, t, n);
        pos += (int)n;
        text[pos++] = ',';
    }
    text[pos] = 0;
}

static enum state next_state(enum state s, char c) {
    int digit = c >= '0' && c <= '9';
    switch (s) {
    case S_START:
        if (digit) return S_INT;
        if (c == '+' || c == '-') return S_SIGN;
        if (c == '.') return S_FRAC;
        return S_INVALID;
    case S_SIGN:
        if (digit) return S_INT;
        if (c == '.') return S_FRAC;
        return S_INVALID;
    case S_INT:
        if (digit) return S_INT;
        if (c == '.') return S_FRAC;
        if (c == 'e' || c == 'E') return S_EXP;
        return S_INVALID;
    case S_FRAC:
        if (digit) return S_FRAC;
        if (c == 'e' || c == 'E') return S_EXP;
        return S_INVALID;
    case S_EXP:
        if (c == '+' || c == '-') return S_EXP_SIGN;
        if (digit) return S_EXP_INT;
        return S_INVALID;
    case S_EXP_SIGN:
    case S_EXP_INT:
        return digit ? S_EXP_INT : S_INVALID;
    default:
        return S_INVALID;
    }
}

static uint16_t bench_state(uint32_t seed, uint16_t crc) {
    unsigned final_count[S_COUNT] = {0}, transitions[S_COUNT] = {0};
    text_build(seed);
    for (int pass = 0; pass < 2; pass++) {
        const char *p = text;
        while (*p) {
            enum state s = S_START;
            while (*p && *p != ',') {
                enum state n = next_state(s, *p++);
                if (n != s) transitions[n]++;
                s = n;
                if (s == S_INVALID) break;
            }
            while (*p && *p != ',') p++;
            if (*p == ',') p++;
            final_count[s]++;
        }
        /* corrupt the text a little for the second pass */
        for (int i = (int)(seed & 7); i < TEXT_LEN; i += 9)
            if (text[i] == '.') text[i] = 'x';
            else if (text[i] == '1') text[i] = '.';
    }
    for (int s = 0; s < S_COUNT; s++) {
        crc = crc16_u16((uint16_t)final_count[s], crc);
        crc = crc16_u16((uint16_t)transitions[s], crc);
    }
    return crc;
}

int main(int argc, char **argv) {
    int iters = argc > 1 ? atoi(argv[1]) : DEFAULT_ITERS;
    uint16_t crc = 0, crc_list = 0, crc_mat = 0, crc_state = 0;
    for (int it = 0; it < iters; it++) {
        uint32_t seed = 0x3415u + (uint32_t)it * 0x9E37u;
        crc_list = bench_list(seed, crc_list);
        crc_mat = bench_matrix(seed, crc_mat);
        crc_state = bench_state(seed, crc_state);
        crc = crc16_u16(crc_list, crc16_u16(crc_mat, crc16_u16(crc_state, crc)));
    }
    printf("coremark_like: iterations=%d list %04x matrix %04x state %04x final %04x\n", iters,
           crc_list, crc_mat, crc_state, crc);
    return 0;
}
