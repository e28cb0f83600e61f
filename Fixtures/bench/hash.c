/*
 * hash.c - benchmark: memory traffic and bitwise arithmetic. Fills a 4 MB
 * buffer from a 64-bit LCG, then hashes it REPS times with three hashes:
 * FNV-1a 64 (byte at a time), a 64-bit multiply/rotate hash over 8-byte
 * words (xxhash-style, own constants) and SipHash-2-4 over the first 256 KB.
 * Between rounds a few bytes are mutated. Prints one checksum line.
 * Optional argv[1] overrides REPS.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE (4u << 20)
#define SIP_SIZE (256u << 10)
#define DEFAULT_REPS 36

static unsigned char buf[BUF_SIZE];

static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t load64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint64_t fnv1a64(const unsigned char *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

/* four-lane multiply/rotate hash (own constants, xxhash-like structure) */
static uint64_t lanes_hash(const unsigned char *p, size_t n, uint64_t seed) {
    const uint64_t k1 = 0x9e3779b185ebca87ull, k2 = 0xc2b2ae3d27d4eb4full;
    uint64_t v[4] = {seed + k1 + k2, seed + k2, seed, seed - k1};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int l = 0; l < 4; l++) v[l] = rotl(v[l] + load64(p + i + 8 * l) * k2, 31) * k1;
    uint64_t h = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18);
    for (; i < n; i++) h = rotl(h ^ (p[i] * k1), 11) * k2;
    h ^= h >> 33;
    h *= k2;
    h ^= h >> 29;
    return h ^ n;
}

#define SIPROUND                                                     \
    do {                                                             \
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);    \
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;                       \
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;                       \
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);    \
    } while (0)

static uint64_t siphash24(const unsigned char *p, size_t n, uint64_t k0, uint64_t k1) {
    uint64_t v0 = 0x736f6d6570736575ull ^ k0, v1 = 0x646f72616e646f6dull ^ k1;
    uint64_t v2 = 0x6c7967656e657261ull ^ k0, v3 = 0x7465646279746573ull ^ k1;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t m = load64(p + i);
        v3 ^= m;
        SIPROUND;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t b = (uint64_t)n << 56;
    for (int j = 0; i + j < n; j++) b |= (uint64_t)p[i + j] << (8 * j);
    v3 ^= b;
    SIPROUND;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : DEFAULT_REPS;
    uint64_t s = 0x2545f4914f6cdd1dull;
    for (size_t i = 0; i < BUF_SIZE; i += 8) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t w = s ^ (s >> 29);
        memcpy(buf + i, &w, 8);
    }
    uint64_t check = 0;
    for (int r = 0; r < reps; r++) {
        uint64_t h1 = fnv1a64(buf, BUF_SIZE);
        uint64_t h2 = lanes_hash(buf, BUF_SIZE - (size_t)r, (uint64_t)r);
        uint64_t h3 = siphash24(buf + r, SIP_SIZE, h1, h2);
        check = rotl(check, 5) ^ h1 ^ rotl(h2, 17) ^ rotl(h3, 41);
        buf[(h1 % BUF_SIZE)] ^= (unsigned char)h3; /* mutate for the next round */
    }
    printf("hash: %u bytes x %d checksum %016llx\n", BUF_SIZE, reps, (unsigned long long)check);
    return 0;
}
