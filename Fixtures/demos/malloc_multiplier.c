/*
 * malloc_multiplier.c - WASI reactor demo guest that takes its input and hands back its output
 * through its own allocator (the third way of getting data in and out, as real reactor
 * modules do).
 *
 * Same logic as stdio_multiplier.c (shared via json_names.h). No imports at all: the host
 * allocates the input with the guest's exported malloc, writes it there, calls
 *
 *   names(input: i32, input_len: i32, out: i32, out_len: i32) -> i32
 *
 * and reads back the output document (newline included) whose address and length the guest
 * stored, little-endian, at the out-parameters `out` and `out_len`. The host frees the output
 * (and its own input) with the guest's free. Returns
 *   0 on success,
 *   2 on malformed JSON or a missing/invalid field (nothing stored in the out-parameters),
 *   3 if memory allocation failed.
 *
 * Exports: "memory", "_initialize" (call it once first: it runs the C constructors), "malloc",
 * "free" and "names". Built as a WASI reactor with zig cc (see Fixtures/Fixtures.mk):
 *   python -m ziglang cc --target=wasm32-wasi -mexec-model=reactor -O2 -s \
 *       -Wl,--export=malloc -Wl,--export=free malloc_multiplier.c -o malloc_multiplier.wasm
 */
#include <stdlib.h>

#include "json_names.h"

__attribute__((export_name("names")))
int names(const char *input, size_t input_len, char **out, size_t *out_len) {
    jn_buf doc = {0};
    const char *err = NULL;
    int rc = json_names_run(input, input_len, &doc, &err);
    if (rc != 0) {
        jn_buf_free(&doc);
        return rc;
    }
    /* The document was allocated with malloc/realloc: hand it over, the host frees it. */
    *out = doc.data;
    *out_len = doc.len;
    return 0;
}
