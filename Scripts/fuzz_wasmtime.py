"""The wasmtime side of Scripts/fuzz_differential.py: runs a module under wasmtime (Python
bindings) and prints the same canonical lines as `SwasmFuzz exec` (see Sources/SwasmFuzz/Exec.swift).

Calls go through the C API with raw values, so float and v128 arguments and results keep their
exact bits (the bindings' Python floats would quiet signalling NaNs, and they have no v128).
Function and global types are read from the module's bytes: the bindings' type queries abort the
process on v128.
"""
import ctypes
import os
import zlib

# Keep in step with `Arguments` in Sources/SwasmFuzz/Harness.swift.
ARG_I32 = [0, 1, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 2, 0x10000, 7]
ARG_I64 = [0, 1, 0xFFFFFFFFFFFFFFFF, 0x8000000000000000, 0x7FFFFFFFFFFFFFFF, 2, 0x100000000, 7]
ARG_F32 = [0, 0x3F800000, 0xBF800000, 0x7FC00000, 0x7F800000, 0x80000000, 0x4F000000, 1]
ARG_F64 = [0, 0x3FF0000000000000, 0xBFF0000000000000, 0x7FF8000000000000, 0x7FF0000000000000,
           0x8000000000000000, 0x41E0000000000000, 1]

# wasmtime trap codes → swasm Trap.Kind raw values (spaces as dashes). wasmtime does not tell
# an out-of-bounds call_indirect ("undefined element") from other out-of-bounds table accesses.
TRAP_NAMES = {
    "UNREACHABLE": "unreachable",
    "INTEGER_DIVISION_BY_ZERO": "integer-divide-by-zero",
    "INTEGER_OVERFLOW": "integer-overflow",
    "BAD_CONVERSION_TO_INTEGER": "invalid-conversion-to-integer",
    "MEMORY_OUT_OF_BOUNDS": "out-of-bounds-memory-access",
    "TABLE_OUT_OF_BOUNDS": "out-of-bounds-table-access",
    "INDIRECT_CALL_TO_NULL": "uninitialized-element",
    "BAD_SIGNATURE": "indirect-call-type-mismatch",
    "STACK_OVERFLOW": "call-stack-exhausted",
    "OUT_OF_FUEL": "fuel-exhausted",
    "INTERRUPT": "interrupted",
    "NULL_REFERENCE": "null-exception-reference",  # throw_ref of null, the only null trap here
}


# Growth limits, the same in both engines (`SwasmFuzz exec --max-pages --max-table-elements`).
MAX_PAGES = 1024
MAX_TABLE_ELEMENTS = 1_000_000


def arg_index(k, i):
    return 0 if k == 0 else (5 * k + 3 * i) % 8


VALTYPES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128", 0x70: "funcref", 0x6F: "externref", 0x69: "exnref"}


def export_types(data):
    """For each export, in order: (params, results) of a function, the value type of a global,
    None otherwise. A minimal reader of a valid 2.0 module's type, import, function, global and
    export sections."""
    pos = 0

    def uleb():
        nonlocal pos
        result = shift = 0
        while True:
            b = data[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return result

    def name():
        nonlocal pos
        n = uleb()
        pos += n

    def limits():
        flags = uleb()
        uleb()
        if flags & 1:
            uleb()

    def const_expr():
        nonlocal pos
        while True:
            op = data[pos]
            pos += 1
            if op == 0x0B:
                return
            if op in (0x41, 0x42, 0x23, 0xD2):
                uleb()  # LEB immediates (signed ones skip the same way)
            elif op == 0x43:
                pos += 4
            elif op == 0x44:
                pos += 8
            elif op == 0xD0:
                pos += 1
            elif op == 0xFD:
                uleb()
                pos += 16

    types, funcs, globs, exports = [], [], [], []
    pos = 8
    while pos < len(data):
        section = data[pos]
        pos += 1
        size = uleb()
        end = pos + size
        if section == 1:
            for _ in range(uleb()):
                pos += 1  # 0x60
                params = [VALTYPES[data[pos + j]] for j in range(uleb())]
                pos += len(params)
                results = [VALTYPES[data[pos + j]] for j in range(uleb())]
                pos += len(results)
                types.append((params, results))
        elif section == 2:
            for _ in range(uleb()):
                name()
                name()
                kind = data[pos]
                pos += 1
                if kind == 0:
                    funcs.append(uleb())
                elif kind == 1:
                    pos += 1
                    limits()
                elif kind == 2:
                    limits()
                elif kind == 3:
                    globs.append(VALTYPES[data[pos]])
                    pos += 2
                else:  # a tag: attribute byte, type index
                    pos += 1
                    uleb()
        elif section == 3:
            funcs += [uleb() for _ in range(uleb())]
        elif section == 6:
            for _ in range(uleb()):
                globs.append(VALTYPES[data[pos]])
                pos += 2
                const_expr()
        elif section == 7:
            for _ in range(uleb()):
                name()
                kind = data[pos]
                pos += 1
                index = uleb()
                exports.append(types[funcs[index]] if kind == 0 else globs[index] if kind == 3 else None)
        pos = end
    return exports


class Wasmtime:
    """One engine; `run` gives a module's canonical lines. With `canonicalize_nans`, Cranelift
    makes every NaN that float arithmetic produces canonical (to tell which modules' results
    depend on NaN bits)."""

    def __init__(self, fuel, canonicalize_nans=False, max_pages=MAX_PAGES, max_table_elements=MAX_TABLE_ELEMENTS):
        import wasmtime
        from wasmtime import _ffi as ffi
        self.wt, self.ffi, self.fuel = wasmtime, ffi, fuel
        self.max_memory_bytes, self.max_table_elements = max_pages * 65536, max_table_elements
        config = wasmtime.Config()
        config.consume_fuel = True
        config.max_wasm_stack = 1 << 20  # may not pass the async stack size (2 MiB)
        wasm3 = os.environ.get("SWASM_FUZZ_WASM3") == "1"
        config.wasm_tail_call = wasm3
        config.wasm_threads = False
        config.wasm_memory64 = False
        config.wasm_multi_memory = wasm3
        config.wasm_relaxed_simd = wasm3
        if wasm3:
            config.wasm_relaxed_simd_deterministic = True
        config.wasm_gc = False
        config.wasm_function_references = wasm3
        config.wasm_exceptions = wasm3
        config.wasm_reference_types = True
        config.wasm_simd = True
        config.wasm_bulk_memory = True
        config.wasm_multi_value = True
        config.cranelift_nan_canonicalization = canonicalize_nans
        self.engine = wasmtime.Engine(config)

    def trap_name(self, trap):
        code = getattr(trap, "trap_code", None)
        name = getattr(code, "name", None) or str(code)
        if code is None and "exception" in str(trap).lower():
            return "uncaught-exception"
        return TRAP_NAMES.get(name, "wasmtime-" + str(name))

    def instantiate(self, module):
        """(store, exports) or the line saying why not."""
        wt = self.wt
        store = wt.Store(self.engine)
        store.set_limits(memory_size=self.max_memory_bytes, table_elements=self.max_table_elements)
        store.set_fuel(self.fuel)
        try:
            instance = wt.Instance(store, module, [])
        except wt.Trap as t:
            return None, "inst trap " + self.trap_name(t)
        except Exception as e:
            # An exception the start function does not catch is an error here, not a trap.
            if "exception" in str(e).lower() and "thrown" in str(e).lower():
                return None, "inst trap uncaught-exception"
            return None, "inst link"
        store.set_fuel(self.fuel)
        return (store, instance.exports(store).by_index), None

    def run(self, data, sets):
        """The canonical lines for one module (as `SwasmFuzz exec` prints them)."""
        try:
            module = self.wt.Module(self.engine, data)
        except Exception:
            return ["load invalid"]
        first, why = self.instantiate(module)
        if not first:
            return [why]
        # Types come from the bytes: the bindings' type queries abort the process on v128.
        signatures = export_types(data)
        lines = ["inst ok"] + self.state(*first, signatures)
        for i, sig in enumerate(signatures):
            if not isinstance(sig, tuple):
                continue
            for k in range(sets):
                fresh, why = self.instantiate(module)
                if not fresh:
                    lines.append(why)
                    continue
                store, exports = fresh
                lines.append("call %d %d %s" % (i, k, self.call(store, exports[i], sig[0], sig[1], k)))
                lines += self.state(store, exports, signatures)
        return lines

    def state(self, store, exports, signatures):
        """Every exported global, memory and table, in export order."""
        wt, ffi, lines = self.wt, self.ffi, []
        for i, ext in enumerate(exports):
            if isinstance(ext, wt.Global):
                raw = ffi.wasmtime_val_t()
                ffi.wasmtime_global_get(store._context(), ctypes.byref(ext._global), ctypes.byref(raw))
                # exnref values are not compared (opaque, and not in the C API's value kinds here).
                lines.append("global %d %s" % (i, "exnref" if signatures[i] == "exnref" else self.canonical(raw, signatures[i])))
                if signatures[i] in ("funcref", "externref"):
                    ffi.wasmtime_val_unroot(ctypes.byref(raw))
            elif isinstance(ext, wt.Memory):
                n = ext.data_len(store)
                crc = zlib.crc32(ctypes.string_at(ext.data_ptr(store), n)) if n else 0
                lines.append("memory %d %d %08x" % (i, n, crc))
            elif isinstance(ext, wt.Table):
                n = ext.size(store)
                mask = ""
                for e in range(n):
                    raw = ffi.wasmtime_val_t()
                    ffi.wasmtime_table_get(store._context(), ctypes.byref(ext._table), e, ctypes.byref(raw))
                    mask += "n" if self.is_null(raw) else "f"
                    ffi.wasmtime_val_unroot(ctypes.byref(raw))
                lines.append("table %d %d %s" % (i, n, mask or "-"))
        return lines

    def is_null(self, raw):
        if raw.kind == self.ffi.WASMTIME_FUNCREF.value:
            return raw.of.funcref.store_id == 0
        return raw.of.externref.store_id == 0

    def canonical(self, raw, kind):
        of = raw.of
        if kind == "i32":
            return "i32:%08x" % (of.i32 & 0xFFFFFFFF)
        if kind == "i64":
            return "i64:%016x" % (of.i64 & 0xFFFFFFFFFFFFFFFF)
        if kind == "f32":
            return "f32:%08x" % (of.i32 & 0xFFFFFFFF)  # the union's bits, not a Python float
        if kind == "f64":
            return "f64:%016x" % (of.i64 & 0xFFFFFFFFFFFFFFFF)
        if kind == "v128":
            return "v128:" + bytes(of.v128).hex()
        if self.is_null(raw):
            return "ref:null"
        return "ref:func" if kind == "funcref" else "ref:extern"

    def call(self, store, func, params, results, k):
        ffi = self.ffi
        if "exnref" in params or "exnref" in results:
            return "skip exnref"
        args = (ffi.wasmtime_val_t * max(1, len(params)))()
        for i, kind in enumerate(params):
            v, j = args[i], arg_index(k, i)
            if kind in ("i32", "f32"):
                v.kind = (ffi.WASMTIME_I32 if kind == "i32" else ffi.WASMTIME_F32).value
                bits = (ARG_I32 if kind == "i32" else ARG_F32)[j]
                v.of.i32 = bits - (1 << 32) if bits >= 1 << 31 else bits
            elif kind in ("i64", "f64"):
                v.kind = (ffi.WASMTIME_I64 if kind == "i64" else ffi.WASMTIME_F64).value
                bits = (ARG_I64 if kind == "i64" else ARG_F64)[j]
                v.of.i64 = bits - (1 << 64) if bits >= 1 << 63 else bits
            elif kind == "v128":
                v.kind = ffi.WASMTIME_V128.value
                b = ARG_I64[j].to_bytes(8, "little") + ARG_I64[(j + 1) % 8].to_bytes(8, "little")
                for n in range(16):
                    v.of.v128[n] = b[n]
            elif kind == "funcref":
                v.kind = ffi.WASMTIME_FUNCREF.value
                v.of.funcref.store_id = 0
            else:
                v.kind = ffi.WASMTIME_EXTERNREF.value
                v.of.externref.store_id = 0
        out = (ffi.wasmtime_val_t * max(1, len(results)))()
        trap = ctypes.POINTER(ffi.wasm_trap_t)()
        error = ffi.wasmtime_func_call(store._context(), ctypes.byref(func._func), args, len(params),
                                       out, len(results), ctypes.byref(trap))
        if error:
            return "error " + str(self.wt.WasmtimeError._from_ptr(error)).split("\n")[0][:80]
        if trap:
            return "trap " + self.trap_name(self.wt.Trap._from_ptr(trap))
        text = "ok" + "".join(" " + self.canonical(out[i], kind) for i, kind in enumerate(results))
        for i, kind in enumerate(results):
            if kind in ("funcref", "externref"):
                ffi.wasmtime_val_unroot(ctypes.byref(out[i]))
        return text
