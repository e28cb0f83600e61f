/*
 * fib.c - benchmark: recursive calls. Computes fib(N) with the naive
 * doubly-recursive definition (call/return overhead, small frames).
 * Prints one deterministic checksum line. Optional argv[1] overrides N.
 */
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_N 38

__attribute__((noinline)) static unsigned fib(unsigned n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : DEFAULT_N;
    printf("fib(%u) = %u\n", n, fib(n));
    return 0;
}
