/*
 * hello.c - minimal WASI command: prints "hello, world". Used to time
 * runtime startup (decode + instantiate + run a tiny program).
 */
#include <stdio.h>

int main(void) {
    fputs("hello, world\n", stdout);
    return 0;
}
