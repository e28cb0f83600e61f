/*
 * json_names.h - shared core of the "multiplier" demo guests
 * (stdio_multiplier.c and memory_multiplier.c).
 *
 * Input : a JSON object such as {"name":"Rust","num":10}. Keys may come in
 *         any order, unknown keys (with any JSON value) are ignored,
 *         whitespace is allowed everywhere JSON allows it.
 * Output: {"names":["Rust","Rust",...]} ("name" repeated "num" times),
 *         followed by a newline.
 *
 * "name" must be a string, "num" a non-negative integer <= JN_MAX_NUM.
 * String escapes \" \\ \/ \b \f \n \r \t \uXXXX (incl. surrogate pairs) are
 * decoded; the output string is re-escaped as JSON.
 *
 * Header-only (static functions), no I/O: the caller supplies the input
 * bytes and receives an output buffer or an error message.
 */
#ifndef JSON_NAMES_H
#define JSON_NAMES_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define JN_MAX_NUM 10000000L
#define JN_MAX_DEPTH 64

/* Growable byte buffer. */
typedef struct {
    char *data;
    size_t len, cap;
    int oom;
} jn_buf;

static void jn_buf_reserve(jn_buf *b, size_t extra) {
    if (b->oom) return;
    if (b->len + extra <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra) {
        if (cap > ((size_t)-1) / 2) { b->oom = 1; return; }
        cap *= 2;
    }
    char *p = (char *)realloc(b->data, cap);
    if (!p) { b->oom = 1; return; }
    b->data = p;
    b->cap = cap;
}

static void jn_buf_put(jn_buf *b, const char *s, size_t n) {
    jn_buf_reserve(b, n);
    if (b->oom) return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static void jn_buf_putc(jn_buf *b, char c) { jn_buf_put(b, &c, 1); }

static void jn_buf_free(jn_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Parser state. */
typedef struct {
    const char *p, *end;
    const char *err; /* first error message, NULL if none */
} jn_parser;

static int jn_fail(jn_parser *ps, const char *msg) {
    if (!ps->err) ps->err = msg;
    return -1;
}

static void jn_skip_ws(jn_parser *ps) {
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int jn_hex4(jn_parser *ps, unsigned *out) {
    unsigned v = 0;
    if (ps->end - ps->p < 4) return jn_fail(ps, "truncated \\u escape");
    for (int i = 0; i < 4; i++) {
        char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return jn_fail(ps, "bad hex digit in \\u escape");
    }
    *out = v;
    return 0;
}

static void jn_put_utf8(jn_buf *b, unsigned cp) {
    char t[4];
    if (cp < 0x80) { t[0] = (char)cp; jn_buf_put(b, t, 1); }
    else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        jn_buf_put(b, t, 2);
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        jn_buf_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        jn_buf_put(b, t, 4);
    }
}

/* Parses a JSON string at ps->p (which must point at '"'). If out is not
 * NULL the decoded bytes are appended to it. */
static int jn_parse_string(jn_parser *ps, jn_buf *out) {
    if (ps->p >= ps->end || *ps->p != '"') return jn_fail(ps, "expected string");
    ps->p++;
    for (;;) {
        if (ps->p >= ps->end) return jn_fail(ps, "unterminated string");
        unsigned char c = (unsigned char)*ps->p++;
        if (c == '"') return 0;
        if (c < 0x20) return jn_fail(ps, "control character in string");
        if (c != '\\') {
            if (out) jn_buf_putc(out, (char)c);
            continue;
        }
        if (ps->p >= ps->end) return jn_fail(ps, "unterminated escape");
        char e = *ps->p++;
        char lit;
        switch (e) {
        case '"': lit = '"'; break;
        case '\\': lit = '\\'; break;
        case '/': lit = '/'; break;
        case 'b': lit = '\b'; break;
        case 'f': lit = '\f'; break;
        case 'n': lit = '\n'; break;
        case 'r': lit = '\r'; break;
        case 't': lit = '\t'; break;
        case 'u': {
            unsigned cp;
            if (jn_hex4(ps, &cp)) return -1;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
                    return jn_fail(ps, "unpaired surrogate in \\u escape");
                ps->p += 2;
                if (jn_hex4(ps, &lo)) return -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return jn_fail(ps, "unpaired surrogate in \\u escape");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return jn_fail(ps, "unpaired surrogate in \\u escape");
            }
            if (out) jn_put_utf8(out, cp);
            continue;
        }
        default:
            return jn_fail(ps, "invalid escape in string");
        }
        if (out) jn_buf_putc(out, lit);
    }
}

/* Parses a JSON number. If it is a plain integer (optional '-', digits, no
 * fraction/exponent) *is_int is set and *ival holds it (saturated). */
static int jn_parse_number(jn_parser *ps, int *is_int, long long *ival) {
    const char *p = ps->p;
    int neg = 0, frac = 0;
    long long v = 0;
    if (p < ps->end && *p == '-') { neg = 1; p++; }
    if (p >= ps->end || *p < '0' || *p > '9') return jn_fail(ps, "invalid number");
    if (*p == '0') {
        p++;
    } else {
        while (p < ps->end && *p >= '0' && *p <= '9') {
            if (v < 1000000000000000LL) v = v * 10 + (*p - '0');
            p++;
        }
    }
    if (p < ps->end && *p == '.') {
        frac = 1;
        p++;
        if (p >= ps->end || *p < '0' || *p > '9') return jn_fail(ps, "invalid number");
        while (p < ps->end && *p >= '0' && *p <= '9') p++;
    }
    if (p < ps->end && (*p == 'e' || *p == 'E')) {
        frac = 1;
        p++;
        if (p < ps->end && (*p == '+' || *p == '-')) p++;
        if (p >= ps->end || *p < '0' || *p > '9') return jn_fail(ps, "invalid number");
        while (p < ps->end && *p >= '0' && *p <= '9') p++;
    }
    ps->p = p;
    *is_int = !frac;
    *ival = neg ? -v : v;
    return 0;
}

static int jn_expect_word(jn_parser *ps, const char *w) {
    size_t n = strlen(w);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n) != 0)
        return jn_fail(ps, "invalid literal");
    ps->p += n;
    return 0;
}

/* Validates and skips any JSON value (used for unknown keys). */
static int jn_skip_value(jn_parser *ps, int depth) {
    if (depth > JN_MAX_DEPTH) return jn_fail(ps, "nesting too deep");
    jn_skip_ws(ps);
    if (ps->p >= ps->end) return jn_fail(ps, "unexpected end of input");
    char c = *ps->p;
    if (c == '"') return jn_parse_string(ps, NULL);
    if (c == 't') return jn_expect_word(ps, "true");
    if (c == 'f') return jn_expect_word(ps, "false");
    if (c == 'n') return jn_expect_word(ps, "null");
    if (c == '-' || (c >= '0' && c <= '9')) {
        int is_int;
        long long v;
        return jn_parse_number(ps, &is_int, &v);
    }
    if (c == '[' || c == '{') {
        char close = c == '[' ? ']' : '}';
        ps->p++;
        jn_skip_ws(ps);
        if (ps->p < ps->end && *ps->p == close) { ps->p++; return 0; }
        for (;;) {
            if (c == '{') {
                jn_skip_ws(ps);
                if (jn_parse_string(ps, NULL)) return -1;
                jn_skip_ws(ps);
                if (ps->p >= ps->end || *ps->p != ':') return jn_fail(ps, "expected ':'");
                ps->p++;
            }
            if (jn_skip_value(ps, depth + 1)) return -1;
            jn_skip_ws(ps);
            if (ps->p >= ps->end) return jn_fail(ps, "unexpected end of input");
            if (*ps->p == ',') { ps->p++; continue; }
            if (*ps->p == close) { ps->p++; return 0; }
            return jn_fail(ps, "expected ',' or closing bracket");
        }
    }
    return jn_fail(ps, "unexpected character");
}

/* Appends s as a JSON string literal (with quotes) to out. */
static void jn_put_json_string(jn_buf *out, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    jn_buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': jn_buf_put(out, "\\\"", 2); break;
        case '\\': jn_buf_put(out, "\\\\", 2); break;
        case '\n': jn_buf_put(out, "\\n", 2); break;
        case '\r': jn_buf_put(out, "\\r", 2); break;
        case '\t': jn_buf_put(out, "\\t", 2); break;
        case '\b': jn_buf_put(out, "\\b", 2); break;
        case '\f': jn_buf_put(out, "\\f", 2); break;
        default:
            if (c < 0x20) {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                jn_buf_put(out, u, 6);
            } else {
                jn_buf_putc(out, (char)c);
            }
        }
    }
    jn_buf_putc(out, '"');
}

/*
 * Runs the whole demo: parses input[0..len) and, on success, fills *out
 * with the output document (including the trailing newline) and returns 0.
 * On failure returns 2 (bad input) or 3 (out of memory) and sets *err.
 * The caller frees out with jn_buf_free in both cases.
 */
static int json_names_run(const char *input, size_t len, jn_buf *out, const char **err) {
    jn_parser ps = {input, input + len, NULL};
    jn_buf name = {0};
    int have_name = 0, have_num = 0;
    long long num = 0;
    int rc = 2;

    *err = NULL;
    jn_skip_ws(&ps);
    if (ps.p >= ps.end || *ps.p != '{') { jn_fail(&ps, "expected a JSON object"); goto done; }
    ps.p++;
    jn_skip_ws(&ps);
    if (ps.p < ps.end && *ps.p == '}') {
        ps.p++;
    } else {
        for (;;) {
            jn_buf key = {0};
            jn_skip_ws(&ps);
            if (jn_parse_string(&ps, &key)) { jn_buf_free(&key); goto done; }
            jn_skip_ws(&ps);
            if (ps.p >= ps.end || *ps.p != ':') { jn_buf_free(&key); jn_fail(&ps, "expected ':'"); goto done; }
            ps.p++;
            jn_skip_ws(&ps);
            int is_name = key.len == 4 && memcmp(key.data, "name", 4) == 0;
            int is_num = key.len == 3 && memcmp(key.data, "num", 3) == 0;
            int key_oom = key.oom;
            jn_buf_free(&key);
            if (key_oom) { rc = 3; jn_fail(&ps, "out of memory"); goto done; }
            if (is_name) {
                if (ps.p >= ps.end || *ps.p != '"') { jn_fail(&ps, "field \"name\" must be a string"); goto done; }
                name.len = 0;
                if (jn_parse_string(&ps, &name)) goto done;
                have_name = 1;
            } else if (is_num) {
                int is_int = 0;
                if (ps.p >= ps.end || !(*ps.p == '-' || (*ps.p >= '0' && *ps.p <= '9'))) {
                    jn_fail(&ps, "field \"num\" must be a number");
                    goto done;
                }
                if (jn_parse_number(&ps, &is_int, &num)) goto done;
                if (!is_int) { jn_fail(&ps, "field \"num\" must be an integer"); goto done; }
                if (num < 0 || num > JN_MAX_NUM) { jn_fail(&ps, "field \"num\" out of range"); goto done; }
                have_num = 1;
            } else {
                if (jn_skip_value(&ps, 1)) goto done;
            }
            jn_skip_ws(&ps);
            if (ps.p >= ps.end) { jn_fail(&ps, "unexpected end of input"); goto done; }
            if (*ps.p == ',') { ps.p++; continue; }
            if (*ps.p == '}') { ps.p++; break; }
            jn_fail(&ps, "expected ',' or '}'");
            goto done;
        }
    }
    jn_skip_ws(&ps);
    if (ps.p != ps.end) { jn_fail(&ps, "trailing characters after JSON object"); goto done; }
    if (name.oom) { rc = 3; jn_fail(&ps, "out of memory"); goto done; }
    if (!have_name) { jn_fail(&ps, "missing field \"name\""); goto done; }
    if (!have_num) { jn_fail(&ps, "missing field \"num\""); goto done; }

    {
        /* Escape the name once, then repeat the escaped form. */
        jn_buf lit = {0};
        jn_put_json_string(&lit, name.data ? name.data : "", name.len);
        if (num > 0 && lit.len + 1 > (((size_t)-1) - 16) / (size_t)num) out->oom = 1; /* size overflow */
        if (!lit.oom) jn_buf_reserve(out, 13 + (size_t)num * (lit.len + 1));
        jn_buf_put(out, "{\"names\":[", 10);
        for (long long i = 0; i < num && !out->oom && !lit.oom; i++) {
            if (i) jn_buf_putc(out, ',');
            jn_buf_put(out, lit.data, lit.len);
        }
        jn_buf_put(out, "]}\n", 3);
        int oom = lit.oom || out->oom;
        jn_buf_free(&lit);
        if (oom) { rc = 3; jn_fail(&ps, "out of memory"); goto done; }
    }
    rc = 0;

done:
    jn_buf_free(&name);
    *err = ps.err;
    if (rc != 0 && !*err) *err = "invalid input";
    return rc;
}

#endif /* JSON_NAMES_H */
