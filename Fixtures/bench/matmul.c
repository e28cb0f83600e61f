/*
 * matmul.c - benchmark: f64 matrix multiply. Multiplies two N x N double
 * matrices (filled from an integer LCG) REPS times, feeding the result back
 * in, and prints an integer checksum of the result (sum of entries scaled by
 * 1e6, truncated), so no libc float formatting is involved.
 * Optional argv[1] overrides REPS.
 */
#include <stdio.h>
#include <stdlib.h>

#define N 128
#define DEFAULT_REPS 48

static double a[N][N], b[N][N], c[N][N];

static unsigned lcg_state = 12345;
static double lcg_unit(void) {
    lcg_state = lcg_state * 1103515245u + 12345u;
    return (double)((lcg_state >> 8) & 0xFFFF) / 65536.0 - 0.5;
}

static void matmul(double (*x)[N], double (*y)[N], double (*z)[N]) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) z[i][j] = 0.0;
        for (int k = 0; k < N; k++) {
            double xik = x[i][k];
            for (int j = 0; j < N; j++) z[i][j] += xik * y[k][j];
        }
    }
}

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : DEFAULT_REPS;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = lcg_unit();
            b[i][j] = lcg_unit();
        }
    unsigned long long check = 0; /* unsigned: wraps, no UB */
    for (int r = 0; r < reps; r++) {
        matmul(a, b, c);
        /* normalise c back into a so values stay bounded */
        double sum = 0.0, maxabs = 0.0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double v = c[i][j];
                sum += v;
                if (v < 0) v = -v;
                if (v > maxabs) maxabs = v;
            }
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) a[i][j] = c[i][j] / (maxabs + 1.0);
        check = check * 31 + (unsigned long long)(long long)(sum * 1e6);
    }
    printf("matmul: n=%d reps=%d checksum %llu\n", N, reps, check);
    return 0;
}
