/*
 * stdio_multiplier.c - WASI command demo guest using stdio.
 *
 * Reads a JSON object such as {"name":"Rust","num":10} from stdin (to EOF)
 * and writes {"names":["Rust","Rust",...]} ("name" repeated "num" times)
 * plus a newline to stdout. On malformed JSON or a missing/invalid field it
 * prints "stdio_multiplier: error: <reason>" to stderr and exits with 2.
 * The JSON handling is shared with memory_multiplier.c (json_names.h).
 *
 * Build: python -m ziglang cc --target=wasm32-wasi -O2 -s stdio_multiplier.c -o stdio_multiplier.wasm
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "json_names.h"

int main(void) {
    jn_buf in = {0}, out = {0};
    const char *err = NULL;

    for (;;) {
        jn_buf_reserve(&in, 4096);
        if (in.oom) {
            fprintf(stderr, "stdio_multiplier: error: out of memory\n");
            return 3;
        }
        ssize_t n = read(0, in.data + in.len, in.cap - in.len);
        if (n < 0) {
            perror("stdio_multiplier: read");
            return 1;
        }
        if (n == 0) break;
        in.len += (size_t)n;
    }

    int rc = json_names_run(in.data ? in.data : "", in.len, &out, &err);
    if (rc != 0) {
        fprintf(stderr, "stdio_multiplier: error: %s\n", err);
        jn_buf_free(&in);
        jn_buf_free(&out);
        return rc;
    }
    if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        perror("stdio_multiplier: write");
        return 1;
    }
    jn_buf_free(&in);
    jn_buf_free(&out);
    return 0;
}
