/*
 * wasi_files.c - exercises files through wasi-libc inside one preopened
 * directory, printing one deterministic line per check. Run with the
 * directory to use (empty, writable) preopened as "/work" and as the
 * working directory ("."), e.g.
 *   swasm run --dir /tmp/x::/work wasi_files.wasm
 * Tests/SwasmWASITests checks its output against wasi_files.expected, which
 * is wasmtime 50's output except for two lines where the WASI spec, not
 * wasmtime, is followed: opening "../x" fails with ENOTCAPABLE
 * ("Capabilities insufficient"; wasmtime: EPERM), and the process and thread
 * CPU-time clocks work (wasmtime: unsupported, "bad").
 *
 * Build: python -m ziglang cc --target=wasm32-wasi -O2 -s -x c
 *   wasi_files.c -o wasi_files.wasm
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check(const char *what, int ok) {
    printf("%s: %s\n", what, ok ? "ok" : strerror(errno));
}

static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) { printf("opendir %s: %s\n", path, strerror(errno)); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    printf("ls %s:", path);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

int main(void) {
    /* write, append, read back */
    FILE *f = fopen("/work/a.txt", "w");
    check("fopen w", f != NULL);
    fprintf(f, "line one\nline two\n");
    check("fclose", fclose(f) == 0);
    f = fopen("/work/a.txt", "a");
    fputs("line three\n", f);
    fclose(f);
    char buf[256] = {0};
    f = fopen("/work/a.txt", "r");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    printf("read %zu bytes: %s", n, buf);
    check("fseek", fseek(f, 5, SEEK_SET) == 0);
    printf("ftell: %ld\n", ftell(f));
    printf("fgets: %s", fgets(buf, sizeof buf, f));
    fclose(f);

    /* low-level: open, pwrite, pread, lseek, ftruncate, fstat */
    int fd = open("b.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
    check("open relative", fd >= 0);
    printf("write: %zd\n", write(fd, "0123456789", 10));
    printf("pwrite: %zd\n", pwrite(fd, "AB", 2, 3));
    memset(buf, 0, sizeof buf);
    printf("pread: %zd %s\n", pread(fd, buf, 6, 2), buf);
    printf("lseek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
    check("ftruncate", ftruncate(fd, 4) == 0);
    struct stat st;
    check("fstat", fstat(fd, &st) == 0);
    printf("size %lld, regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    close(fd);
    printf("open O_EXCL: %s\n", open("b.bin", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0 ? strerror(errno) : "opened");
    printf("open missing: %s\n", open("missing", O_RDONLY) < 0 ? strerror(errno) : "opened");

    /* directories */
    check("mkdir", mkdir("/work/d", 0755) == 0);
    printf("mkdir again: %s\n", mkdir("d", 0755) == 0 ? "ok" : strerror(errno));
    check("rename", rename("b.bin", "d/c.bin") == 0);
    check("stat", stat("d/c.bin", &st) == 0 && st.st_size == 4);
    printf("rmdir nonempty: %s\n", rmdir("d") == 0 ? "ok" : strerror(errno));
    list("/work");
    list("d");

    /* symbolic links */
    check("symlink", symlink("a.txt", "link") == 0);
    memset(buf, 0, sizeof buf);
    printf("readlink: %zd %s\n", readlink("link", buf, sizeof buf), buf);
    check("lstat", lstat("link", &st) == 0 && S_ISLNK(st.st_mode));
    check("stat through link", stat("link", &st) == 0 && S_ISREG(st.st_mode));
    check("unlink link", unlink("link") == 0);

    /* outside the sandbox */
    printf("open ../x: %s\n", open("../x", O_RDONLY) < 0 ? strerror(errno) : "opened");
    printf("open /etc/passwd: %s\n", open("/etc/passwd", O_RDONLY) < 0 ? strerror(errno) : "opened");

    /* cleanup */
    check("unlink", unlink("d/c.bin") == 0);
    check("rmdir", rmdir("d") == 0);
    check("unlink a", unlink("/work/a.txt") == 0);
    list(".");

    /* clocks and sleeping */
    struct timespec res, t0, t1, nap = {0, 20 * 1000 * 1000};
    check("clock_getres", clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check("nanosleep", nanosleep(&nap, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ms = (t1.tv_sec - t0.tv_sec) * 1000LL + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("slept >= 20 ms: %s\n", ms >= 20 ? "yes" : "no");
    __wasi_timestamp_t cpu;
    printf("process cpu clock: %s\n", __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &cpu) == 0 ? "ok" : "bad");
    printf("thread cpu clock: %s\n", __wasi_clock_time_get(__WASI_CLOCKID_THREAD_CPUTIME_ID, 1, &cpu) == 0 ? "ok" : "bad");
    return 0;
}
