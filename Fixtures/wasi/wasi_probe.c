/*
 * wasi_probe.c - WASI conformance probe with deterministic output.
 *
 * Exercises, in order, printing one line per check to stdout:
 *   - argc/argv (argv[0] is printed as its basename only);
 *   - environment variables whose names start with "SWASM_", sorted;
 *   - stdin read to EOF: byte count and FNV-1a 32-bit checksum;
 *   - one single write() of 200 KB (3200 lines of 64 bytes, a fixed
 *     pattern) to stdout, after the stdio buffer is flushed;
 *   - a message on stderr;
 *   - clock_gettime(CLOCK_REALTIME) after 2020-01-01 and
 *     clock_gettime(CLOCK_MONOTONIC) non-decreasing (only "ok"/"bad");
 *   - getentropy() and arc4random_buf() of 32 bytes not all zero;
 * and exits with code 7, or with the value of argv[1] when it is a decimal
 * integer (e.g. `wasi_probe.wasm 0` exits 0).
 *
 * The stdout of two runs with the same args/env/stdin is byte-identical on
 * any conforming runtime, so it can be compared between runtimes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define BIG_LINES 3200
#define BIG_LINE_LEN 64
#define BIG_SIZE (BIG_LINES * BIG_LINE_LEN) /* 204800 bytes */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int parse_exit_code(const char *s, int *out) {
    char *end;
    if (!*s) return 0;
    long v = strtol(s, &end, 10);
    if (*end) return 0;
    *out = (int)v;
    return 1;
}

static void probe_args(int argc, char **argv) {
    printf("argc: %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]: %s\n", i, i == 0 ? base_name(argv[0]) : argv[i]);
}

static void probe_env(void) {
    size_t n = 0, cap = 16;
    char **list = malloc(cap * sizeof *list);
    for (char **e = environ; e && *e; e++) {
        if (strncmp(*e, "SWASM_", 6) != 0) continue;
        if (n == cap) list = realloc(list, (cap *= 2) * sizeof *list);
        list[n++] = *e;
    }
    qsort(list, n, sizeof *list, cmp_str);
    printf("env: %zu SWASM_ variables\n", n);
    for (size_t i = 0; i < n; i++) printf("env: %s\n", list[i]);
    free(list);
}

static void probe_stdin(void) {
    static unsigned char buf[16384];
    uint32_t h = 2166136261u; /* FNV-1a */
    unsigned long long total = 0;
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0) { printf("stdin: read error\n"); return; }
        if (n == 0) break;
        for (ssize_t i = 0; i < n; i++) h = (h ^ buf[i]) * 16777619u;
        total += (unsigned long long)n;
    }
    printf("stdin: %llu bytes, fnv1a32 %08x\n", total, (unsigned)h);
}

static void probe_big_write(void) {
    static char big[BIG_SIZE];
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int l = 0; l < BIG_LINES; l++) {
        char *line = big + l * BIG_LINE_LEN;
        snprintf(line, 8, "%05d: ", l); /* 7 chars + NUL, overwritten below */
        line[6] = ' ';
        for (int c = 7; c < BIG_LINE_LEN - 1; c++) line[c] = alphabet[(l * 7 + c) & 63];
        line[BIG_LINE_LEN - 1] = '\n';
    }
    printf("big write: %d bytes follow\n", BIG_SIZE);
    fflush(stdout);
    ssize_t n = write(1, big, BIG_SIZE); /* one fd_write with one iovec */
    size_t done = n > 0 ? (size_t)n : 0;
    while (n >= 0 && done < BIG_SIZE) { /* only if the runtime wrote short */
        n = write(1, big + done, BIG_SIZE - done);
        if (n > 0) done += (size_t)n;
    }
    printf("big write: %s\n", done == BIG_SIZE ? "complete" : "failed");
}

static void probe_stderr(void) {
    fputs("wasi_probe: this line goes to stderr\n", stderr);
    printf("stderr: written\n");
}

static void probe_clocks(void) {
    struct timespec rt, m1, m2;
    int ok_rt = clock_gettime(CLOCK_REALTIME, &rt) == 0 && rt.tv_sec > 1577836800; /* 2020-01-01 */
    int ok_m = clock_gettime(CLOCK_MONOTONIC, &m1) == 0;
    volatile unsigned spin = 0;
    for (int i = 0; i < 100000; i++) spin += (unsigned)i;
    ok_m = ok_m && clock_gettime(CLOCK_MONOTONIC, &m2) == 0 &&
           (m2.tv_sec > m1.tv_sec || (m2.tv_sec == m1.tv_sec && m2.tv_nsec >= m1.tv_nsec));
    printf("clock realtime: %s\n", ok_rt ? "ok" : "bad");
    printf("clock monotonic: %s\n", ok_m ? "ok" : "bad");
}

static int nonzero(const unsigned char *b, size_t n) {
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++) acc |= b[i];
    return acc != 0;
}

static void probe_random(void) {
    unsigned char a[32] = {0}, b[32] = {0};
    int ok_a = getentropy(a, sizeof a) == 0 && nonzero(a, sizeof a);
    arc4random_buf(b, sizeof b);
    int ok_b = nonzero(b, sizeof b);
    printf("getentropy: %s\n", ok_a ? "ok" : "bad");
    printf("arc4random: %s\n", ok_b ? "ok" : "bad");
}

int main(int argc, char **argv) {
    int code = 7;
    if (argc > 1) parse_exit_code(argv[1], &code);

    probe_args(argc, argv);
    probe_env();
    probe_stdin();
    probe_big_write();
    probe_stderr();
    probe_clocks();
    probe_random();
    printf("exit: %d\n", code);
    fflush(stdout);
    return code;
}
