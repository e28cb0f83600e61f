#!/usr/bin/env python3
"""Run a WASI command module under wasm3 (pywasm3).

Usage: run_wasm3.py [--env K=V]... [--inherit-env] [--stack-size BYTES] FILE [ARGS...]

pywasm3 0.5.0 has no built-in WASI, so this script implements the subset of
wasi_snapshot_preview1 that wasi-libc command programs need for stdio:
args, environ, fd_read/fd_write on fds 0-2, fd_fdstat_get, fd_filestat_get,
fd_seek and fd_tell (ESPIPE), fd_close, fd_prestat_get, fd_readdir, path_open
and path_filestat_get (EBADF: no preopens), clock_time_get/clock_res_get,
random_get, sched_yield and proc_exit. Other imports are not linked: calling
one traps. No filesystem access.

stdin/stdout/stderr are the process's own fds. argv[0] seen by the guest is
FILE exactly as given. Exit code = the guest's proc_exit code; a trap prints
a message to stderr and exits with 134.
Used by Scripts/bench.py and for checking fixtures; not needed by `make test`.
"""
import os
import stat
import struct
import sys
import time

ESUCCESS, EBADF, EINVAL, ENOSYS, ESPIPE = 0, 8, 28, 52, 70
FT_UNKNOWN, FT_CHAR, FT_REG = 0, 2, 4


def parse_args(argv):
    env, inherit_env, stack = [], False, 8 << 20
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--env" and i + 1 < len(argv):
            env.append(argv[i + 1])
            i += 2
        elif a.startswith("--env="):
            env.append(a[len("--env="):])
            i += 1
        elif a == "--inherit-env":
            inherit_env = True
            i += 1
        elif a == "--stack-size" and i + 1 < len(argv):
            stack = int(argv[i + 1])
            i += 2
        elif a == "--":
            i += 1
            break
        else:
            break
    rest = argv[i:]
    if not rest:
        sys.exit(__doc__)
    if inherit_env:
        env = ["%s=%s" % kv for kv in os.environ.items()] + env
    return env, stack, rest[0], rest[1:]


class Wasi:
    def __init__(self, rt, args, env):
        self.rt = rt
        self.args = [a.encode() + b"\0" for a in args]
        self.env = [e.encode() + b"\0" for e in env]

    def mem(self):
        # Re-fetched on every call: memory.grow may move/resize it.
        return self.rt.get_memory(0)

    # --- args / environ -------------------------------------------------
    def _sizes(self, items, p_count, p_size):
        m = self.mem()
        struct.pack_into("<II", m, p_count, len(items), 0)
        struct.pack_into("<I", m, p_size, sum(len(x) for x in items))
        return ESUCCESS

    def _get(self, items, p_ptrs, p_buf):
        m = self.mem()
        for i, x in enumerate(items):
            struct.pack_into("<I", m, p_ptrs + 4 * i, p_buf)
            m[p_buf:p_buf + len(x)] = x
            p_buf += len(x)
        return ESUCCESS

    def args_sizes_get(self, a, b):
        return self._sizes(self.args, a, b)

    def args_get(self, a, b):
        return self._get(self.args, a, b)

    def environ_sizes_get(self, a, b):
        return self._sizes(self.env, a, b)

    def environ_get(self, a, b):
        return self._get(self.env, a, b)

    # --- fds ------------------------------------------------------------
    def fd_write(self, fd, iovs, iovs_len, p_nwritten):
        if fd not in (1, 2):
            return EBADF
        m = self.mem()
        data = bytearray()
        for i in range(iovs_len):
            base, length = struct.unpack_from("<II", m, iovs + 8 * i)
            data += m[base:base + length]
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        struct.pack_into("<I", m, p_nwritten, len(data))
        return ESUCCESS

    def fd_read(self, fd, iovs, iovs_len, p_nread):
        if fd != 0:
            return EBADF
        m = self.mem()
        total = 0
        for i in range(iovs_len):
            base, length = struct.unpack_from("<II", m, iovs + 8 * i)
            if length == 0:
                continue
            chunk = os.read(0, length)
            m[base:base + len(chunk)] = chunk
            total += len(chunk)
            if len(chunk) < length:
                break
        struct.pack_into("<I", m, p_nread, total)
        return ESUCCESS

    def fd_fdstat_get(self, fd, p_stat):
        if fd not in (0, 1, 2):
            return EBADF
        try:
            mode = os.fstat(fd).st_mode
        except OSError:
            return EBADF
        if stat.S_ISCHR(mode):
            ft, rights = FT_CHAR, 0x1FFFFFFF & ~0x24  # no seek/tell on ttys
        elif stat.S_ISREG(mode):
            ft, rights = FT_REG, 0x1FFFFFFF
        else:
            ft, rights = FT_UNKNOWN, 0x1FFFFFFF & ~0x24
        struct.pack_into("<BxHxxxxQQ", self.mem(), p_stat, ft, 0, rights, 0)
        return ESUCCESS

    def fd_filestat_get(self, fd, p_stat):
        if fd not in (0, 1, 2):
            return EBADF
        try:
            st = os.fstat(fd)
        except OSError:
            return EBADF
        ft = FT_CHAR if stat.S_ISCHR(st.st_mode) else FT_REG if stat.S_ISREG(st.st_mode) else FT_UNKNOWN
        struct.pack_into("<QQBxxxxxxxQQQQQ", self.mem(), p_stat, st.st_dev, st.st_ino, ft, st.st_nlink,
                         st.st_size, st.st_atime_ns, st.st_mtime_ns, st.st_ctime_ns)
        return ESUCCESS

    def fd_tell(self, fd, p_offset):
        return ESPIPE if fd in (0, 1, 2) else EBADF

    def path_open(self, fd, dirflags, p_path, path_len, oflags, rights, rights_inh, fdflags, p_fd):
        return EBADF  # no preopened directories, so no directory fd to open from

    def path_filestat_get(self, fd, flags, p_path, path_len, p_stat):
        return EBADF

    def fd_readdir(self, fd, p_buf, buf_len, cookie, p_used):
        return EBADF

    def fd_fdstat_set_flags(self, fd, flags):
        return ESUCCESS if fd in (0, 1, 2) else EBADF

    def fd_seek(self, fd, offset, whence, p_newoffset):
        return ESPIPE if fd in (0, 1, 2) else EBADF

    def fd_close(self, fd):
        return ESUCCESS if fd in (0, 1, 2) else EBADF

    def fd_prestat_get(self, fd, p_buf):
        return EBADF  # no preopened directories

    def fd_prestat_dir_name(self, fd, p_path, path_len):
        return EBADF

    # --- misc -----------------------------------------------------------
    def clock_time_get(self, clock_id, precision, p_time):
        if clock_id == 0:
            t = time.time_ns()
        elif clock_id == 1:
            t = time.monotonic_ns()
        elif clock_id == 2:
            t = time.process_time_ns()
        elif clock_id == 3:
            t = time.thread_time_ns()
        else:
            return EINVAL
        struct.pack_into("<Q", self.mem(), p_time, t)
        return ESUCCESS

    def clock_res_get(self, clock_id, p_res):
        if clock_id not in (0, 1, 2, 3):
            return EINVAL
        struct.pack_into("<Q", self.mem(), p_res, 1000)
        return ESUCCESS

    def random_get(self, p_buf, length):
        m = self.mem()
        m[p_buf:p_buf + length] = os.urandom(length)
        return ESUCCESS

    def sched_yield(self):
        return ESUCCESS

    def proc_exit(self, code):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code & 0xFF)


SIGNATURES = {
    "args_sizes_get": "i(ii)",
    "args_get": "i(ii)",
    "environ_sizes_get": "i(ii)",
    "environ_get": "i(ii)",
    "fd_write": "i(iiii)",
    "fd_read": "i(iiii)",
    "fd_fdstat_get": "i(ii)",
    "fd_fdstat_set_flags": "i(ii)",
    "fd_filestat_get": "i(ii)",
    "fd_tell": "i(ii)",
    "path_open": "i(iiiiiIIii)",
    "path_filestat_get": "i(iiiii)",
    "fd_readdir": "i(iiiIi)",
    "fd_seek": "i(iIii)",
    "fd_close": "i(i)",
    "fd_prestat_get": "i(ii)",
    "fd_prestat_dir_name": "i(iii)",
    "clock_time_get": "i(iIi)",
    "clock_res_get": "i(ii)",
    "random_get": "i(ii)",
    "sched_yield": "i()",
    "proc_exit": "v(i)",
}


def main():
    env, stack, path, args = parse_args(sys.argv[1:])
    import wasm3

    with open(path, "rb") as f:
        data = f.read()
    try:
        e = wasm3.Environment()
        rt = e.new_runtime(stack)
        mod = e.parse_module(data)
        rt.load(mod)
        wasi = Wasi(rt, [path] + args, env)
        for name, sig in SIGNATURES.items():
            for modname in ("wasi_snapshot_preview1", "wasi_unstable"):
                mod.link_function(modname, name, sig, getattr(wasi, name))
        start = rt.find_function("_start")
        start()
    except Exception as ex:  # wasm3 reports traps and load errors as exceptions
        sys.stdout.flush()
        sys.stderr.write("run_wasm3: %s: %s\n" % (type(ex).__name__, ex))
        sys.stderr.flush()
        os._exit(134)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
