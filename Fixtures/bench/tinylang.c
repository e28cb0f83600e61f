/*
 * tinylang.c - benchmark: a complete small language implementation.
 *
 * "tinylang" is a C-like toy language with 64-bit integers, integer arrays,
 * global and local variables, functions with recursion, if/else, while,
 * for, break/continue, ?:, short-circuit && and ||, compound assignment
 * and the builtins array(n), len(a) and print(x). This file contains:
 *   - a lexer,
 *   - a single-pass recursive-descent (precedence climbing) compiler that
 *     emits bytecode for a stack machine, with scopes, forward function
 *     references, jump back-patching and a small peephole pass,
 *   - a bytecode VM with call frames, bounds-checked arrays in a bump heap
 *     and runtime error reporting,
 *   - a set of test programs written in tinylang (fib, sieve, quicksort,
 *     n-queens, collatz, matrix product, gcd table, a tiny PRNG), and a
 *     generator that writes a few hundred functions of tinylang source text
 *     which are compiled and run as well (front-end stress).
 * Everything is deterministic; it prints the values printed by the programs
 * folded into a checksum. Optional argv[1] overrides the scale factor.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_SCALE 2

typedef long long val;

/* ------------------------------------------------------------ utilities */

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("tinylang: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

/* Growable character buffer for generated source text. */
typedef struct {
    char *s;
    size_t len, cap;
} strbuf;

static void sb_printf(strbuf *b, const char *fmt, ...) {
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = b->cap - b->len;
        int n = vsnprintf(b->s ? b->s + b->len : NULL, room, fmt, ap);
        va_end(ap);
        if (n < 0) die("format error");
        if ((size_t)n < room) { b->len += (size_t)n; return; }
        b->cap = (b->cap + (size_t)n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
}

/* ---------------------------------------------------------------- lexer */

typedef enum {
    T_EOF, T_INT, T_IDENT,
    T_FN, T_VAR, T_IF, T_ELSE, T_WHILE, T_FOR, T_RETURN, T_BREAK, T_CONTINUE,
    T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE, T_LBRACKET, T_RBRACKET,
    T_COMMA, T_SEMI, T_QUESTION, T_COLON,
    T_ASSIGN, T_PLUS_ASSIGN, T_MINUS_ASSIGN, T_STAR_ASSIGN,
    T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT,
    T_AMP, T_PIPE, T_CARET, T_TILDE, T_BANG, T_SHL, T_SHR,
    T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_ANDAND, T_OROR
} tok_kind;

typedef struct {
    tok_kind kind;
    const char *start;
    int len;
    val ival;
    int line;
} token;

typedef struct {
    const char *src, *p;
    int line;
} lexer;

static const struct { const char *word; tok_kind kind; } keywords[] = {
    {"fn", T_FN}, {"var", T_VAR}, {"if", T_IF}, {"else", T_ELSE},
    {"while", T_WHILE}, {"for", T_FOR}, {"return", T_RETURN},
    {"break", T_BREAK}, {"continue", T_CONTINUE},
};

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static token lex_next(lexer *lx) {
    token t;
    for (;;) { /* skip whitespace and // comments */
        char c = *lx->p;
        if (c == '\n') { lx->line++; lx->p++; }
        else if (c == ' ' || c == '\t' || c == '\r') lx->p++;
        else if (c == '/' && lx->p[1] == '/') { while (*lx->p && *lx->p != '\n') lx->p++; }
        else break;
    }
    t.start = lx->p;
    t.line = lx->line;
    t.ival = 0;
    char c = *lx->p;
    if (!c) { t.kind = T_EOF; t.len = 0; return t; }
    if (is_digit(c)) {
        val v = 0;
        while (is_digit(*lx->p)) v = v * 10 + (*lx->p++ - '0');
        t.kind = T_INT;
        t.ival = v;
        t.len = (int)(lx->p - t.start);
        return t;
    }
    if (is_alpha(c)) {
        while (is_alpha(*lx->p) || is_digit(*lx->p)) lx->p++;
        t.len = (int)(lx->p - t.start);
        t.kind = T_IDENT;
        for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
            if ((int)strlen(keywords[i].word) == t.len && memcmp(keywords[i].word, t.start, (size_t)t.len) == 0)
                t.kind = keywords[i].kind;
        return t;
    }
    lx->p++;
    char n = *lx->p;
#define TWO(ch, k2, k1) \
    if (n == (ch)) { lx->p++; t.kind = (k2); } else t.kind = (k1)
    switch (c) {
    case '(': t.kind = T_LPAREN; break;
    case ')': t.kind = T_RPAREN; break;
    case '{': t.kind = T_LBRACE; break;
    case '}': t.kind = T_RBRACE; break;
    case '[': t.kind = T_LBRACKET; break;
    case ']': t.kind = T_RBRACKET; break;
    case ',': t.kind = T_COMMA; break;
    case ';': t.kind = T_SEMI; break;
    case '?': t.kind = T_QUESTION; break;
    case ':': t.kind = T_COLON; break;
    case '%': t.kind = T_PERCENT; break;
    case '^': t.kind = T_CARET; break;
    case '~': t.kind = T_TILDE; break;
    case '/': t.kind = T_SLASH; break;
    case '=': TWO('=', T_EQ, T_ASSIGN); break;
    case '!': TWO('=', T_NE, T_BANG); break;
    case '+': TWO('=', T_PLUS_ASSIGN, T_PLUS); break;
    case '-': TWO('=', T_MINUS_ASSIGN, T_MINUS); break;
    case '*': TWO('=', T_STAR_ASSIGN, T_STAR); break;
    case '&': TWO('&', T_ANDAND, T_AMP); break;
    case '|': TWO('|', T_OROR, T_PIPE); break;
    case '<':
        if (n == '<') { lx->p++; t.kind = T_SHL; } else { TWO('=', T_LE, T_LT); }
        break;
    case '>':
        if (n == '>') { lx->p++; t.kind = T_SHR; } else { TWO('=', T_GE, T_GT); }
        break;
    default: die("line %d: unexpected character '%c'", lx->line, c);
    }
#undef TWO
    t.len = (int)(lx->p - t.start);
    return t;
}

/* ------------------------------------------------------------- bytecode */

typedef enum {
    OP_CONST, OP_LOAD, OP_STORE, OP_GLOAD, OP_GSTORE, OP_POP, OP_DUP, OP_DUP2,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_NEG, OP_NOT, OP_BNOT, OP_TOBOOL,
    OP_BAND, OP_BOR, OP_BXOR, OP_SHL, OP_SHR,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET,
    OP_AGET, OP_ASET, OP_NEWARR, OP_LEN, OP_PRINT,
    OP_INCLOCAL, /* peephole: local += const */
    OP_HALT
} opcode;

typedef struct {
    const char *name;
    int name_len, arity, entry, nslots, defined, first_line;
} function;

typedef struct {
    const char *name;
    int len, slot, depth;
} local;

#define MAX_LOCALS 256
#define MAX_LOOP_DEPTH 32
#define MAX_BREAKS 64

typedef struct {
    int continue_target;     /* -1 until known */
    int breaks[MAX_BREAKS];
    int nbreaks;
    int depth;               /* scope depth of the loop */
} loop_ctx;

/* Symbol table: open-addressing hash of names -> index (functions/globals). */
typedef struct {
    const char *name;
    int len, index;
} sym;

typedef struct {
    sym *slots;
    int cap, count;
} symtab;

static uint32_t hash_name(const char *s, int n) {
    uint32_t h = 2166136261u;
    for (int i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int sym_find(symtab *t, const char *s, int n) {
    if (!t->cap) return -1;
    for (uint32_t i = hash_name(s, n) & (uint32_t)(t->cap - 1);; i = (i + 1) & (uint32_t)(t->cap - 1)) {
        sym *e = &t->slots[i];
        if (!e->name) return -1;
        if (e->len == n && memcmp(e->name, s, (size_t)n) == 0) return e->index;
    }
}

static void sym_insert(symtab *t, const char *s, int n, int index) {
    if ((t->count + 1) * 2 > t->cap) {
        symtab nt = {0};
        nt.cap = t->cap ? t->cap * 2 : 64;
        nt.slots = calloc((size_t)nt.cap, sizeof(sym));
        if (!nt.slots) die("out of memory");
        for (int i = 0; i < t->cap; i++)
            if (t->slots[i].name) sym_insert(&nt, t->slots[i].name, t->slots[i].len, t->slots[i].index);
        free(t->slots);
        *t = nt;
    }
    uint32_t i = hash_name(s, n) & (uint32_t)(t->cap - 1);
    while (t->slots[i].name) i = (i + 1) & (uint32_t)(t->cap - 1);
    t->slots[i].name = s;
    t->slots[i].len = n;
    t->slots[i].index = index;
    t->count++;
}

typedef struct {
    /* output */
    int *code;
    int ncode, capcode;
    val *consts;
    int nconsts, capconsts;
    function *funcs;
    int nfuncs, capfuncs;
    int nglobals;
    /* front end state */
    lexer lx;
    token cur, prev;
    symtab fsyms, gsyms;
    local locals[MAX_LOCALS];
    int nlocals, scope_depth, max_slots;
    int in_function;
    loop_ctx loops[MAX_LOOP_DEPTH];
    int nloops;
    int last_op, prev_op; /* code positions of the last two emitted ops */
} compiler;

static void emit_raw(compiler *c, int w) {
    if (c->ncode == c->capcode) {
        c->capcode = c->capcode ? c->capcode * 2 : 1024;
        c->code = xrealloc(c->code, (size_t)c->capcode * sizeof(int));
    }
    c->code[c->ncode++] = w;
}

static int emit(compiler *c, opcode op) {
    c->prev_op = c->last_op;
    c->last_op = c->ncode;
    emit_raw(c, op);
    return c->last_op;
}

static int emit1(compiler *c, opcode op, int a) {
    int at = emit(c, op);
    emit_raw(c, a);
    return at;
}

static void emit_const(compiler *c, val v) {
    for (int i = c->nconsts - 1; i >= 0 && i >= c->nconsts - 8; i--) /* reuse recent */
        if (c->consts[i] == v) { emit1(c, OP_CONST, i); return; }
    if (c->nconsts == c->capconsts) {
        c->capconsts = c->capconsts ? c->capconsts * 2 : 256;
        c->consts = xrealloc(c->consts, (size_t)c->capconsts * sizeof(val));
    }
    c->consts[c->nconsts] = v;
    emit1(c, OP_CONST, c->nconsts++);
}

static int emit_jump(compiler *c, opcode op) { return emit1(c, op, -1) + 1; }
static void patch_to(compiler *c, int at, int target) { c->code[at] = target; }
static void patch_here(compiler *c, int at) { patch_to(c, at, c->ncode); }

/* ---------------------------------------------------------------- parser */

static void advance(compiler *c) {
    c->prev = c->cur;
    c->cur = lex_next(&c->lx);
}

static void error_at(compiler *c, const char *msg) {
    die("line %d: %s near '%.*s'", c->cur.line, msg, c->cur.len, c->cur.start);
}

static void expect(compiler *c, tok_kind k, const char *msg) {
    if (c->cur.kind != k) error_at(c, msg);
    advance(c);
}

static int accept(compiler *c, tok_kind k) {
    if (c->cur.kind != k) return 0;
    advance(c);
    return 1;
}

static int function_ref(compiler *c, const char *name, int len, int line) {
    int f = sym_find(&c->fsyms, name, len);
    if (f >= 0) return f;
    if (c->nfuncs == c->capfuncs) {
        c->capfuncs = c->capfuncs ? c->capfuncs * 2 : 64;
        c->funcs = xrealloc(c->funcs, (size_t)c->capfuncs * sizeof(function));
    }
    f = c->nfuncs++;
    function *fn = &c->funcs[f];
    memset(fn, 0, sizeof *fn);
    fn->name = name;
    fn->name_len = len;
    fn->arity = -1;
    fn->first_line = line;
    sym_insert(&c->fsyms, name, len, f);
    return f;
}

static int resolve_local(compiler *c, const token *t) {
    for (int i = c->nlocals - 1; i >= 0; i--)
        if (c->locals[i].len == t->len && memcmp(c->locals[i].name, t->start, (size_t)t->len) == 0)
            return c->locals[i].slot;
    return -1;
}

static int declare_local(compiler *c, const token *t) {
    for (int i = c->nlocals - 1; i >= 0 && c->locals[i].depth == c->scope_depth; i--)
        if (c->locals[i].len == t->len && memcmp(c->locals[i].name, t->start, (size_t)t->len) == 0)
            die("line %d: duplicate local '%.*s'", t->line, t->len, t->start);
    if (c->nlocals == MAX_LOCALS) die("line %d: too many locals", t->line);
    local *l = &c->locals[c->nlocals];
    l->name = t->start;
    l->len = t->len;
    l->depth = c->scope_depth;
    l->slot = c->nlocals ? c->locals[c->nlocals - 1].slot + 1 : 0;
    c->nlocals++;
    if (l->slot + 1 > c->max_slots) c->max_slots = l->slot + 1;
    return l->slot;
}

static void begin_scope(compiler *c) { c->scope_depth++; }

static void end_scope(compiler *c) {
    c->scope_depth--;
    while (c->nlocals > 0 && c->locals[c->nlocals - 1].depth > c->scope_depth) c->nlocals--;
}

static void expression(compiler *c);

typedef enum { V_NONE, V_LOCAL, V_GLOBAL, V_INDEX } lvalue_kind;

/* Emits the load for a variable reference. */
static void emit_var_load(compiler *c, lvalue_kind k, int slot) {
    emit1(c, k == V_LOCAL ? OP_LOAD : OP_GLOAD, slot);
}

static void emit_var_store(compiler *c, lvalue_kind k, int slot) {
    emit1(c, k == V_LOCAL ? OP_STORE : OP_GSTORE, slot);
}

static int call_args(compiler *c) {
    int n = 0;
    expect(c, T_LPAREN, "expected '('");
    if (c->cur.kind != T_RPAREN) {
        do { expression(c); n++; } while (accept(c, T_COMMA));
    }
    expect(c, T_RPAREN, "expected ')' after arguments");
    return n;
}

static void builtin_call(compiler *c, opcode op, const token *name) {
    if (call_args(c) != 1) die("line %d: %.*s takes one argument", name->line, name->len, name->start);
    emit(c, op);
}

/* Compound assignment helper: stack holds the current value, compiles the
 * right-hand side and the operator. */
static void compound_rhs(compiler *c, tok_kind k) {
    expression(c);
    emit(c, k == T_PLUS_ASSIGN ? OP_ADD : k == T_MINUS_ASSIGN ? OP_SUB : OP_MUL);
}

static int is_assign(tok_kind k) {
    return k == T_ASSIGN || k == T_PLUS_ASSIGN || k == T_MINUS_ASSIGN || k == T_STAR_ASSIGN;
}

static void primary(compiler *c) {
    token t = c->cur;
    if (accept(c, T_INT)) { emit_const(c, t.ival); return; }
    if (accept(c, T_LPAREN)) {
        expression(c);
        expect(c, T_RPAREN, "expected ')'");
        return;
    }
    if (!accept(c, T_IDENT)) error_at(c, "expected expression");

    if (c->cur.kind == T_LPAREN) { /* call */
        if (t.len == 5 && memcmp(t.start, "array", 5) == 0) { builtin_call(c, OP_NEWARR, &t); return; }
        if (t.len == 3 && memcmp(t.start, "len", 3) == 0) { builtin_call(c, OP_LEN, &t); return; }
        if (t.len == 5 && memcmp(t.start, "print", 5) == 0) { builtin_call(c, OP_PRINT, &t); return; }
        int f = function_ref(c, t.start, t.len, t.line);
        int n = call_args(c);
        function *fn = &c->funcs[f];
        int expected = fn->arity >= 0 ? fn->arity : fn->arity <= -2 ? -2 - fn->arity : n;
        if (expected != n)
            die("line %d: %.*s expects %d arguments, got %d", t.line, t.len, t.start, expected, n);
        if (fn->arity == -1) fn->arity = -2 - n; /* remember the call-site arity until defined */
        emit1(c, OP_CALL, f);
        return;
    }

    lvalue_kind kind = V_LOCAL;
    int slot = resolve_local(c, &t);
    if (slot < 0) {
        kind = V_GLOBAL;
        slot = sym_find(&c->gsyms, t.start, t.len);
        if (slot < 0) die("line %d: unknown variable '%.*s'", t.line, t.len, t.start);
    }
    if (c->cur.kind == T_LBRACKET) { /* indexing, possibly assigned */
        emit_var_load(c, kind, slot);
        for (;;) {
            advance(c);
            expression(c);
            expect(c, T_RBRACKET, "expected ']'");
            if (c->cur.kind == T_LBRACKET) { emit(c, OP_AGET); continue; }
            break;
        }
        tok_kind k = c->cur.kind;
        if (k == T_ASSIGN) { advance(c); expression(c); emit(c, OP_ASET); }
        else if (is_assign(k)) { advance(c); emit(c, OP_DUP2); emit(c, OP_AGET); compound_rhs(c, k); emit(c, OP_ASET); }
        else emit(c, OP_AGET);
        return;
    }
    tok_kind k = c->cur.kind;
    if (k == T_ASSIGN) {
        advance(c);
        expression(c);
        emit(c, OP_DUP);
        emit_var_store(c, kind, slot);
    } else if (is_assign(k)) {
        advance(c);
        emit_var_load(c, kind, slot);
        compound_rhs(c, k);
        emit(c, OP_DUP);
        emit_var_store(c, kind, slot);
    } else {
        emit_var_load(c, kind, slot);
    }
}

static void unary(compiler *c) {
    if (accept(c, T_MINUS)) { unary(c); emit(c, OP_NEG); }
    else if (accept(c, T_BANG)) { unary(c); emit(c, OP_NOT); }
    else if (accept(c, T_TILDE)) { unary(c); emit(c, OP_BNOT); }
    else if (accept(c, T_PLUS)) unary(c);
    else primary(c);
}

/* Binary operator precedence (higher binds tighter); 0 = not binary. */
static int binary_prec(tok_kind k) {
    switch (k) {
    case T_OROR: return 1;
    case T_ANDAND: return 2;
    case T_PIPE: return 3;
    case T_CARET: return 4;
    case T_AMP: return 5;
    case T_EQ: case T_NE: return 6;
    case T_LT: case T_LE: case T_GT: case T_GE: return 7;
    case T_SHL: case T_SHR: return 8;
    case T_PLUS: case T_MINUS: return 9;
    case T_STAR: case T_SLASH: case T_PERCENT: return 10;
    default: return 0;
    }
}

static opcode binary_op(tok_kind k) {
    switch (k) {
    case T_PIPE: return OP_BOR;
    case T_CARET: return OP_BXOR;
    case T_AMP: return OP_BAND;
    case T_EQ: return OP_EQ;
    case T_NE: return OP_NE;
    case T_LT: return OP_LT;
    case T_LE: return OP_LE;
    case T_GT: return OP_GT;
    case T_GE: return OP_GE;
    case T_SHL: return OP_SHL;
    case T_SHR: return OP_SHR;
    case T_PLUS: return OP_ADD;
    case T_MINUS: return OP_SUB;
    case T_STAR: return OP_MUL;
    case T_SLASH: return OP_DIV;
    default: return OP_MOD;
    }
}

static void binary(compiler *c, int min_prec) {
    unary(c);
    for (;;) {
        tok_kind k = c->cur.kind;
        int prec = binary_prec(k);
        if (!prec || prec < min_prec) return;
        advance(c);
        if (k == T_ANDAND || k == T_OROR) {
            int short_jump = emit_jump(c, k == T_ANDAND ? OP_JZ : OP_JNZ);
            binary(c, prec + 1);
            emit(c, OP_TOBOOL);
            int end_jump = emit_jump(c, OP_JMP);
            patch_here(c, short_jump);
            emit_const(c, k == T_ANDAND ? 0 : 1);
            patch_here(c, end_jump);
        } else {
            binary(c, prec + 1);
            emit(c, binary_op(k));
        }
    }
}

static void expression(compiler *c) {
    binary(c, 1);
    if (accept(c, T_QUESTION)) {
        int else_jump = emit_jump(c, OP_JZ);
        expression(c);
        int end_jump = emit_jump(c, OP_JMP);
        expect(c, T_COLON, "expected ':' in conditional expression");
        patch_here(c, else_jump);
        expression(c);
        patch_here(c, end_jump);
    }
}

/* -------------------------------------------------------------- statements */

static void statement(compiler *c);

static void block(compiler *c) {
    begin_scope(c);
    while (c->cur.kind != T_RBRACE && c->cur.kind != T_EOF) statement(c);
    expect(c, T_RBRACE, "expected '}'");
    end_scope(c);
}

static void var_declaration(compiler *c) {
    token name = c->cur;
    expect(c, T_IDENT, "expected variable name");
    if (accept(c, T_ASSIGN)) expression(c);
    else emit_const(c, 0);
    expect(c, T_SEMI, "expected ';' after variable declaration");
    if (c->in_function) {
        emit1(c, OP_STORE, declare_local(c, &name));
    } else {
        if (sym_find(&c->gsyms, name.start, name.len) >= 0)
            die("line %d: duplicate global '%.*s'", name.line, name.len, name.start);
        sym_insert(&c->gsyms, name.start, name.len, c->nglobals);
        emit1(c, OP_GSTORE, c->nglobals++);
    }
}

/* Compiles an expression whose value is discarded, with peephole rules:
 *   DUP; STORE x; POP                        -> STORE x
 *   LOAD x; CONST k; ADD; DUP; STORE x; POP  -> INCLOCAL x k
 * (the second only when those 8 words are the whole expression, so no
 * jump can target their middle). */
static void expression_discard(compiler *c) {
    int start = c->ncode;
    expression(c);
    int *code = c->code;
    int n = c->ncode;
    if (c->prev_op == n - 3 && code[n - 3] == OP_DUP && (code[n - 2] == OP_STORE || code[n - 2] == OP_GSTORE)) {
        int op = code[n - 2], slot = code[n - 1];
        if (op == OP_STORE && n - 8 == start && code[n - 8] == OP_LOAD && code[n - 7] == slot && code[n - 6] == OP_CONST &&
            code[n - 4] == OP_ADD) {
            int k = code[n - 5];
            c->ncode = n - 8;
            emit(c, OP_INCLOCAL);
            emit_raw(c, slot);
            emit_raw(c, k);
            return;
        }
        c->ncode = n - 3;
        emit1(c, (opcode)op, slot);
        return;
    }
    emit(c, OP_POP);
}

static void expression_statement(compiler *c) {
    expression_discard(c);
    expect(c, T_SEMI, "expected ';' after expression");
}

static loop_ctx *push_loop(compiler *c) {
    if (c->nloops == MAX_LOOP_DEPTH) error_at(c, "loops nested too deeply");
    loop_ctx *l = &c->loops[c->nloops++];
    l->continue_target = -1;
    l->nbreaks = 0;
    l->depth = c->scope_depth;
    return l;
}

static void pop_loop(compiler *c) {
    loop_ctx *l = &c->loops[--c->nloops];
    for (int i = 0; i < l->nbreaks; i++) patch_here(c, l->breaks[i]);
}

static void statement(compiler *c) {
    if (accept(c, T_VAR)) { var_declaration(c); return; }
    if (accept(c, T_LBRACE)) { block(c); return; }
    if (accept(c, T_IF)) {
        expect(c, T_LPAREN, "expected '(' after if");
        expression(c);
        expect(c, T_RPAREN, "expected ')' after condition");
        int else_jump = emit_jump(c, OP_JZ);
        statement(c);
        if (accept(c, T_ELSE)) {
            int end_jump = emit_jump(c, OP_JMP);
            patch_here(c, else_jump);
            statement(c);
            patch_here(c, end_jump);
        } else {
            patch_here(c, else_jump);
        }
        return;
    }
    if (accept(c, T_WHILE)) {
        int start = c->ncode;
        loop_ctx *l = push_loop(c);
        l->continue_target = start;
        expect(c, T_LPAREN, "expected '(' after while");
        expression(c);
        expect(c, T_RPAREN, "expected ')' after condition");
        int exit_jump = emit_jump(c, OP_JZ);
        statement(c);
        emit1(c, OP_JMP, start);
        patch_here(c, exit_jump);
        pop_loop(c);
        return;
    }
    if (accept(c, T_FOR)) {
        /* init; Lcond: cond; JZ Lend; JMP Lbody; Lstep: step; JMP Lcond; Lbody: body; JMP Lstep; Lend: */
        begin_scope(c);
        expect(c, T_LPAREN, "expected '(' after for");
        if (accept(c, T_VAR)) var_declaration(c);
        else if (!accept(c, T_SEMI)) expression_statement(c);
        int cond = c->ncode, exit_jump = -1;
        if (c->cur.kind != T_SEMI) {
            expression(c);
            exit_jump = emit_jump(c, OP_JZ);
        }
        expect(c, T_SEMI, "expected ';' after loop condition");
        int body_jump = emit_jump(c, OP_JMP);
        int step = c->ncode;
        if (c->cur.kind != T_RPAREN) expression_discard(c);
        emit1(c, OP_JMP, cond);
        expect(c, T_RPAREN, "expected ')' after for clauses");
        patch_here(c, body_jump);
        loop_ctx *l = push_loop(c);
        l->continue_target = step;
        statement(c);
        emit1(c, OP_JMP, step);
        if (exit_jump >= 0) patch_here(c, exit_jump);
        pop_loop(c);
        end_scope(c);
        return;
    }
    if (accept(c, T_BREAK) || accept(c, T_CONTINUE)) {
        int is_break = c->prev.kind == T_BREAK;
        if (!c->nloops) error_at(c, "break/continue outside a loop");
        loop_ctx *l = &c->loops[c->nloops - 1];
        expect(c, T_SEMI, "expected ';'");
        if (is_break) {
            if (l->nbreaks == MAX_BREAKS) error_at(c, "too many breaks in one loop");
            l->breaks[l->nbreaks++] = emit_jump(c, OP_JMP);
        } else {
            emit1(c, OP_JMP, l->continue_target);
        }
        return;
    }
    if (accept(c, T_RETURN)) {
        if (!c->in_function) error_at(c, "return outside a function");
        if (accept(c, T_SEMI)) emit_const(c, 0);
        else {
            expression(c);
            expect(c, T_SEMI, "expected ';' after return value");
        }
        emit(c, OP_RET);
        return;
    }
    expression_statement(c);
}

static void function_declaration(compiler *c) {
    token name = c->cur;
    expect(c, T_IDENT, "expected function name");
    int f = function_ref(c, name.start, name.len, name.line);
    if (c->funcs[f].defined) die("line %d: duplicate function '%.*s'", name.line, name.len, name.start);
    int skip = emit_jump(c, OP_JMP);
    c->in_function = 1;
    c->nlocals = 0;
    c->scope_depth = 1;
    c->max_slots = 0;
    expect(c, T_LPAREN, "expected '(' after function name");
    int arity = 0;
    if (c->cur.kind != T_RPAREN) {
        do {
            token p = c->cur;
            expect(c, T_IDENT, "expected parameter name");
            declare_local(c, &p);
            arity++;
        } while (accept(c, T_COMMA));
    }
    expect(c, T_RPAREN, "expected ')' after parameters");
    function *fn = &c->funcs[f];
    if (fn->arity <= -2 && -2 - fn->arity != arity)
        die("line %d: %.*s called with %d arguments but declared with %d", name.line, name.len, name.start,
            -2 - fn->arity, arity);
    fn->arity = arity;
    fn->entry = c->ncode;
    fn->defined = 1;
    expect(c, T_LBRACE, "expected '{' before function body");
    block(c);
    emit_const(c, 0); /* implicit return 0 */
    emit(c, OP_RET);
    c->funcs[f].nslots = c->max_slots;
    c->in_function = 0;
    c->nlocals = 0;
    c->scope_depth = 0;
    patch_here(c, skip);
}

static void compile(compiler *c, const char *src) {
    memset(c, 0, sizeof *c);
    c->lx.src = c->lx.p = src;
    c->lx.line = 1;
    c->last_op = c->prev_op = -1;
    advance(c);
    while (c->cur.kind != T_EOF) {
        if (accept(c, T_FN)) function_declaration(c);
        else if (accept(c, T_VAR)) var_declaration(c);
        else error_at(c, "expected 'fn' or 'var' at top level");
    }
    int main_fn = sym_find(&c->fsyms, "main", 4);
    if (main_fn < 0) die("no main function");
    for (int i = 0; i < c->nfuncs; i++)
        if (!c->funcs[i].defined)
            die("line %d: undefined function '%.*s'", c->funcs[i].first_line, c->funcs[i].name_len, c->funcs[i].name);
    if (c->funcs[main_fn].arity != 0) die("main must take no arguments");
    emit1(c, OP_CALL, main_fn);
    emit(c, OP_POP);
    emit(c, OP_HALT);
}

static void compiler_free(compiler *c) {
    free(c->code);
    free(c->consts);
    free(c->funcs);
    free(c->fsyms.slots);
    free(c->gsyms.slots);
}

/* -------------------------------------------------------------------- VM */

#define STACK_MAX (1 << 16)
#define FRAMES_MAX 4096

typedef struct {
    int ret_pc, base;
} frame;

typedef struct {
    val *heap;         /* array storage */
    size_t heap_len, heap_cap;
    size_t *arr_off;   /* handle -> offset in heap; length stored at heap[off-1] */
    size_t narrs, caparrs;
    val checksum;
    long long prints;
    int echo;          /* print values to stdout */
} vm_state;

static val vm_new_array(vm_state *vm, val n) {
    if (n < 0 || n > (1 << 22)) die("runtime error: bad array size %lld", n);
    if (vm->heap_len + (size_t)n + 1 > vm->heap_cap) {
        while (vm->heap_len + (size_t)n + 1 > vm->heap_cap) vm->heap_cap = vm->heap_cap ? vm->heap_cap * 2 : 4096;
        vm->heap = xrealloc(vm->heap, vm->heap_cap * sizeof(val));
    }
    if (vm->narrs == vm->caparrs) {
        vm->caparrs = vm->caparrs ? vm->caparrs * 2 : 64;
        vm->arr_off = xrealloc(vm->arr_off, vm->caparrs * sizeof(size_t));
    }
    vm->heap[vm->heap_len] = n;
    size_t off = vm->heap_len + 1;
    memset(vm->heap + off, 0, (size_t)n * sizeof(val));
    vm->heap_len = off + (size_t)n;
    vm->arr_off[vm->narrs++] = off;
    return (val)vm->narrs; /* handles start at 1 */
}

static val *vm_array(vm_state *vm, val handle, val *len) {
    if (handle < 1 || (size_t)handle > vm->narrs) die("runtime error: not an array (%lld)", handle);
    val *a = vm->heap + vm->arr_off[handle - 1];
    *len = a[-1];
    return a;
}

static void run(const compiler *c, vm_state *vm) {
    static val stack[STACK_MAX];
    static frame frames[FRAMES_MAX];
    val *globals = calloc((size_t)c->nglobals + 1, sizeof(val));
    const int *code = c->code;
    const val *k = c->consts;
    int pc = 0, sp = 0, fp = 0, base = 0;
    if (!globals) die("out of memory");
#define POP() (stack[--sp])
#define PUSH(v) (stack[sp++] = (v))
#define TOP (stack[sp - 1])
#define BIN(op)                    \
    do {                           \
        val b_ = POP();            \
        TOP = TOP op b_;           \
    } while (0)
    for (;;) {
        int op = code[pc++];
        switch (op) {
        case OP_CONST: PUSH(k[code[pc++]]); break;
        case OP_LOAD: PUSH(stack[base + code[pc++]]); break;
        case OP_STORE: stack[base + code[pc++]] = POP(); break;
        case OP_GLOAD: PUSH(globals[code[pc++]]); break;
        case OP_GSTORE: globals[code[pc++]] = POP(); break;
        case OP_INCLOCAL: stack[base + code[pc]] += k[code[pc + 1]]; pc += 2; break;
        case OP_POP: sp--; break;
        case OP_DUP: { val v = TOP; PUSH(v); break; }
        case OP_DUP2: stack[sp] = stack[sp - 2]; stack[sp + 1] = stack[sp - 1]; sp += 2; break;
        case OP_ADD: { val b = POP(); TOP = (val)((uint64_t)TOP + (uint64_t)b); break; }
        case OP_SUB: { val b = POP(); TOP = (val)((uint64_t)TOP - (uint64_t)b); break; }
        case OP_MUL: { val b = POP(); TOP = (val)((uint64_t)TOP * (uint64_t)b); break; }
        case OP_DIV:
        case OP_MOD: {
            val b = POP();
            if (b == 0) die("runtime error: division by zero");
            if (b == -1) TOP = op == OP_DIV ? (val)(0 - (uint64_t)TOP) : 0;
            else TOP = op == OP_DIV ? TOP / b : TOP % b;
            break;
        }
        case OP_NEG: TOP = (val)(0 - (uint64_t)TOP); break;
        case OP_NOT: TOP = !TOP; break;
        case OP_BNOT: TOP = ~TOP; break;
        case OP_TOBOOL: TOP = TOP != 0; break;
        case OP_BAND: BIN(&); break;
        case OP_BOR: BIN(|); break;
        case OP_BXOR: BIN(^); break;
        case OP_SHL: { val b = POP(); TOP = (val)((uint64_t)TOP << (b & 63)); break; }
        case OP_SHR: { val b = POP(); TOP = TOP >> (b & 63); break; }
        case OP_EQ: BIN(==); break;
        case OP_NE: BIN(!=); break;
        case OP_LT: BIN(<); break;
        case OP_LE: BIN(<=); break;
        case OP_GT: BIN(>); break;
        case OP_GE: BIN(>=); break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: pc = POP() ? pc + 1 : code[pc]; break;
        case OP_JNZ: pc = POP() ? code[pc] : pc + 1; break;
        case OP_CALL: {
            const function *fn = &c->funcs[code[pc++]];
            if (fp == FRAMES_MAX) die("runtime error: call stack overflow");
            if (sp + fn->nslots + 64 > STACK_MAX) die("runtime error: value stack overflow");
            frames[fp].ret_pc = pc;
            frames[fp].base = base;
            fp++;
            base = sp - fn->arity;
            for (int i = fn->arity; i < fn->nslots; i++) stack[base + i] = 0;
            sp = base + fn->nslots;
            pc = fn->entry;
            break;
        }
        case OP_RET: {
            val r = POP();
            sp = base;
            fp--;
            pc = frames[fp].ret_pc;
            base = frames[fp].base;
            PUSH(r);
            break;
        }
        case OP_AGET: {
            val i = POP(), len;
            val *a = vm_array(vm, TOP, &len);
            if (i < 0 || i >= len) die("runtime error: index %lld out of bounds (%lld)", i, len);
            TOP = a[i];
            break;
        }
        case OP_ASET: {
            val v = POP(), i = POP(), len;
            val *a = vm_array(vm, TOP, &len);
            if (i < 0 || i >= len) die("runtime error: index %lld out of bounds (%lld)", i, len);
            a[i] = v;
            TOP = v;
            break;
        }
        case OP_NEWARR: TOP = vm_new_array(vm, TOP); break;
        case OP_LEN: { val len; vm_array(vm, TOP, &len); TOP = len; break; }
        case OP_PRINT:
            vm->checksum = (val)((uint64_t)vm->checksum * 1000003u + (uint64_t)TOP);
            vm->prints++;
            if (vm->echo) printf("  %lld\n", TOP);
            TOP = 0;
            break;
        case OP_HALT:
            free(globals);
            return;
        default:
            die("internal error: bad opcode %d at %d", op, pc - 1);
        }
    }
#undef POP
#undef PUSH
#undef TOP
#undef BIN
}

/* --------------------------------------------------------- test programs */

static const char *const program_text =
    "// tinylang test suite; SCALE is patched in by the host\n"
    "var seed = 12345;\n"
    "var scale = SCALE;\n"
    "fn rand() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed >> 4; }\n"
    "fn fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }\n"
    "fn sieve(n) {\n"
    "  var a = array(n + 1); var count = 0;\n"
    "  for (var i = 2; i <= n; i += 1) {\n"
    "    if (a[i]) continue;\n"
    "    count += 1;\n"
    "    for (var j = i * i; j <= n; j += i) a[j] = 1;\n"
    "  }\n"
    "  return count;\n"
    "}\n"
    "fn partition(a, lo, hi) {\n"
    "  var pivot = a[(lo + hi) / 2]; var i = lo - 1; var j = hi + 1;\n"
    "  while (1) {\n"
    "    i += 1; while (a[i] < pivot) i += 1;\n"
    "    j -= 1; while (a[j] > pivot) j -= 1;\n"
    "    if (i >= j) return j;\n"
    "    var t = a[i]; a[i] = a[j]; a[j] = t;\n"
    "  }\n"
    "}\n"
    "fn quicksort(a, lo, hi) {\n"
    "  while (lo < hi) {\n"
    "    var p = partition(a, lo, hi);\n"
    "    if (p - lo < hi - p) { quicksort(a, lo, p); lo = p + 1; }\n"
    "    else { quicksort(a, p + 1, hi); hi = p; }\n"
    "  }\n"
    "}\n"
    "fn sort_test(n) {\n"
    "  var a = array(n);\n"
    "  for (var i = 0; i < n; i += 1) a[i] = rand() % 100000;\n"
    "  quicksort(a, 0, n - 1);\n"
    "  var sum = 0;\n"
    "  for (var i = 1; i < n; i += 1) { if (a[i - 1] > a[i]) return -1; sum = (sum * 31 + a[i]) % 1000000007; }\n"
    "  return sum;\n"
    "}\n"
    "fn place(row, n, cols, d1, d2) {\n"
    "  if (row == n) return 1;\n"
    "  var count = 0;\n"
    "  for (var c = 0; c < n; c += 1) {\n"
    "    if (cols[c] || d1[row + c] || d2[row - c + n]) continue;\n"
    "    cols[c] = 1; d1[row + c] = 1; d2[row - c + n] = 1;\n"
    "    count += place(row + 1, n, cols, d1, d2);\n"
    "    cols[c] = 0; d1[row + c] = 0; d2[row - c + n] = 0;\n"
    "  }\n"
    "  return count;\n"
    "}\n"
    "fn queens(n) { return place(0, n, array(n), array(2 * n), array(2 * n + 1)); }\n"
    "fn collatz(limit) {\n"
    "  var best = 0; var best_start = 0;\n"
    "  for (var s = 1; s < limit; s += 1) {\n"
    "    var x = s; var steps = 0;\n"
    "    while (x != 1) { x = (x & 1) ? 3 * x + 1 : x >> 1; steps += 1; }\n"
    "    if (steps > best) { best = steps; best_start = s; }\n"
    "  }\n"
    "  return best * 1000000 + best_start;\n"
    "}\n"
    "fn matrix(n) {\n"
    "  var a = array(n * n); var b = array(n * n); var c = array(n * n);\n"
    "  for (var i = 0; i < n * n; i += 1) { a[i] = rand() % 100 - 50; b[i] = rand() % 100 - 50; }\n"
    "  for (var i = 0; i < n; i += 1)\n"
    "    for (var j = 0; j < n; j += 1) {\n"
    "      var s = 0;\n"
    "      for (var t = 0; t < n; t += 1) s += a[i * n + t] * b[t * n + j];\n"
    "      c[i * n + j] = s;\n"
    "    }\n"
    "  var h = 0;\n"
    "  for (var i = 0; i < n * n; i += 1) h = (h * 131 + c[i]) % 1000000009;\n"
    "  return h;\n"
    "}\n"
    "fn gcd(a, b) { while (b) { var t = a % b; a = b; b = t; } return a; }\n"
    "fn gcd_table(n) {\n"
    "  var sum = 0;\n"
    "  for (var i = 1; i <= n; i += 1) for (var j = 1; j <= n; j += 1) sum += gcd(i, j);\n"
    "  return sum;\n"
    "}\n"
    "fn bits(n) {\n"
    "  var total = 0;\n"
    "  for (var i = 0; i < n; i += 1) {\n"
    "    var x = i ^ (i << 7) ^ (i >> 3); var c = 0;\n"
    "    while (x) { x = x & (x - 1); c += 1; }\n"
    "    total += c;\n"
    "  }\n"
    "  return total;\n"
    "}\n"
    "fn main() {\n"
    "  for (var r = 0; r < scale; r += 1) {\n"
    "    print(fib(20 + r % 3));\n"
    "    print(sieve(60000));\n"
    "    print(sort_test(6000));\n"
    "    print(queens(7));\n"
    "    print(collatz(6000));\n"
    "    print(matrix(24));\n"
    "    print(gcd_table(90));\n"
    "    print(bits(20000));\n"
    "  }\n"
    "  return 0;\n"
    "}\n";

/* Writes a program with nfuncs generated functions (front-end stress). */
static void generate_program(strbuf *sb, int nfuncs, unsigned seed) {
    static const char *const ops[] = {"+", "-", "*", "^", "&", "|"};
    sb->len = 0;
    sb_printf(sb, "var acc = 0;\n");
    for (int f = 0; f < nfuncs; f++) {
        seed = seed * 1103515245u + 12345u;
        int a = (int)((seed >> 16) % 97) + 1, b = (int)((seed >> 8) % 13) + 1;
        sb_printf(sb, "fn gen_%d(x, y) {\n  var t = x %s %d;\n", f, ops[seed % 6], a);
        sb_printf(sb, "  for (var i = 0; i < %d; i += 1) {\n", b);
        sb_printf(sb, "    if ((t & %d) == 0) t = t + i * %d; else t = (t >> 1) %s y;\n", (a & 7) + 1, b,
                  ops[(seed >> 5) % 6]);
        sb_printf(sb, "  }\n");
        if (f > 0) sb_printf(sb, "  if (x > 0) t = t + gen_%d(x - 1, t %% 1000);\n", (int)((seed >> 3) % (unsigned)f));
        sb_printf(sb, "  return t %% 100003;\n}\n");
    }
    sb_printf(sb, "fn main() {\n");
    for (int f = 0; f < nfuncs; f += 7) sb_printf(sb, "  acc = (acc * 7 + gen_%d(%d, %d)) %% 1000000007;\n", f, f % 4, f);
    sb_printf(sb, "  print(acc);\n  return 0;\n}\n");
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : DEFAULT_SCALE;
    int echo = argc > 2;
    vm_state vm;
    compiler comp;
    memset(&vm, 0, sizeof vm);
    vm.echo = echo;

    /* 1. the hand-written test programs */
    char scale_text[16];
    snprintf(scale_text, sizeof scale_text, "%5d", scale);
    size_t plen = strlen(program_text);
    char *src = xrealloc(NULL, plen + 1);
    memcpy(src, program_text, plen + 1);
    char *hole = strstr(src, "SCALE;");
    memcpy(hole, scale_text, 5); /* "SCALE" is exactly 5 characters */
    compile(&comp, src);
    int code_size = comp.ncode;
    run(&comp, &vm);
    compiler_free(&comp);
    free(src);
    val suite = vm.checksum;

    /* 2. generated programs: compile several, run each */
    strbuf sb = {0};
    long long gen_code = 0;
    for (int g = 0; g < 6 * scale; g++) {
        generate_program(&sb, 250 + 10 * g, 0x1234u + (unsigned)g);
        compile(&comp, sb.s);
        gen_code += comp.ncode;
        vm.heap_len = 0;
        vm.narrs = 0;
        run(&comp, &vm);
        compiler_free(&comp);
    }
    free(sb.s);
    free(vm.heap);
    free(vm.arr_off);

    printf("tinylang: scale=%d suite %016llx code %d prints %lld generated-code %lld checksum %016llx\n", scale,
           (unsigned long long)suite, code_size, vm.prints, gen_code, (unsigned long long)vm.checksum);
    return 0;
}
