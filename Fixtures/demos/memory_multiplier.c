/*
 * memory_multiplier.c - WASI reactor demo guest using host imports.
 *
 * Same logic as stdio_multiplier.c (shared via json_names.h), but the input
 * and output go through linear memory and three host functions:
 *
 *   host.get_input_size() -> i32       size of the input JSON in bytes
 *   host.get_input(ptr: i32)           host copies the input bytes to ptr
 *   host.set_output(ptr: i32, len: i32) host reads the output bytes
 *
 * Exports: "memory", "_initialize" (call it once first, per the WASI reactor
 * ABI: it runs the C constructors) and "run" () -> i32, which returns
 *   0 on success (set_output was called with the output document, newline
 *     included),
 *   2 on malformed JSON or a missing/invalid field (set_output not called),
 *   3 if memory allocation failed.
 * No WASI functions are imported, so a host needs only the "host" module.
 *
 * Built as a WASI reactor (no main) with zig cc:
 *   python -m ziglang cc --target=wasm32-wasi -mexec-model=reactor -O2 -s \
 *       memory_multiplier.c -o memory_multiplier.wasm
 * (-mexec-model=reactor links wasi-libc's crt1-reactor.o, which exports
 * _initialize instead of _start.)
 */
#include <stdlib.h>

#include "json_names.h"

__attribute__((import_module("host"), import_name("get_input_size")))
int get_input_size(void);

__attribute__((import_module("host"), import_name("get_input")))
void get_input(char *ptr);

__attribute__((import_module("host"), import_name("set_output")))
void set_output(const char *ptr, int len);

__attribute__((export_name("run")))
int run(void) {
    int size = get_input_size();
    if (size < 0) return 2;
    char *buf = (char *)malloc(size > 0 ? (size_t)size : 1);
    if (!buf) return 3;
    get_input(buf);

    jn_buf out = {0};
    const char *err = NULL;
    int rc = json_names_run(buf, (size_t)size, &out, &err);
    free(buf);
    if (rc == 0) set_output(out.data, (int)out.len);
    jn_buf_free(&out);
    return rc;
}
