/*
 * sieve.c - benchmark: integer loops over a byte array. Runs the sieve of
 * Eratosthenes up to LIMIT, REPS times, and prints the prime count plus a
 * checksum of the primes found. Optional argv[1] overrides REPS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT 1000000
#define DEFAULT_REPS 60

static unsigned char composite[LIMIT + 1];

static unsigned sieve(unsigned limit, unsigned long long *sum) {
    memset(composite, 0, limit + 1);
    for (unsigned i = 2; i * i <= limit; i++)
        if (!composite[i])
            for (unsigned j = i * i; j <= limit; j += i) composite[j] = 1;
    unsigned count = 0;
    unsigned long long s = 0;
    for (unsigned i = 2; i <= limit; i++)
        if (!composite[i]) { count++; s = s * 31 + i; }
    *sum = s;
    return count;
}

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : DEFAULT_REPS;
    unsigned long long check = 0;
    unsigned count = 0;
    for (int r = 0; r < reps; r++) {
        unsigned long long s;
        /* vary the limit a little so no repetition can be skipped */
        count = sieve(LIMIT - (unsigned)(r & 7), &s);
        check = check * 1000003u + s + count + (unsigned long long)r;
    }
    printf("sieve: limit=%u reps=%d primes=%u checksum %016llx\n", LIMIT, reps, count, check);
    return 0;
}
