// A small calculator that recovers from errors with setjmp/longjmp, as Lua and many C
// interpreters do. Built with LLVM's WebAssembly exception handling lowering of setjmp/longjmp
// (-mllvm -wasm-enable-sjlj, final try_table/throw_ref form): longjmp throws the tag
// __c_longjmp, and setjmp's block catches it.
#include <setjmp.h>
#include <stdio.h>

static jmp_buf on_error;
static const char *input;
static const char *message;

static void fail(const char *why) { message = why; longjmp(on_error, 1); }

static long expression(void);

static long primary(void) {
    if (*input == '(') {
        input++;
        long v = expression();
        if (*input != ')') fail("expected )");
        input++;
        return v;
    }
    if (*input < '0' || *input > '9') fail("expected a number");
    long v = 0;
    while (*input >= '0' && *input <= '9') v = v * 10 + (*input++ - '0');
    return v;
}

static long term(void) {
    long v = primary();
    while (*input == '*' || *input == '/') {
        char op = *input++;
        long r = primary();
        if (op == '/' && r == 0) fail("division by zero");
        v = op == '*' ? v * r : v / r;
    }
    return v;
}

static long expression(void) {
    long v = term();
    while (*input == '+' || *input == '-') {
        char op = *input++;
        long r = term();
        v = op == '+' ? v + r : v - r;
    }
    return v;
}

int main(void) {
    static const char *lines[] = {"1+2*3", "(4+6)/0", "((2)", "7*(8-3)", "x+1", "((((((((9))))))))*2"};
    int errors = 0;
    for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        input = lines[i];
        if (setjmp(on_error) == 0) {
            long v = expression();
            if (*input != 0) fail("trailing input");
            printf("%s = %ld\n", lines[i], v);
        } else {
            errors++;
            printf("%s: error: %s at offset %ld\n", lines[i], message, (long)(input - lines[i]));
        }
    }
    printf("%d errors\n", errors);
    return errors;
}
