#!/usr/bin/env python3
"""Expected results of the relaxed SIMD instructions, from wasmtime's deterministic mode.

Runs every case below under wasmtime (`wasm_relaxed_simd_deterministic`), operands passed
through memory so that nothing is constant-folded, and prints the cases as Swift for
Tests/SwasmTests/RelaxedSIMDTests.swift (between its `oracle:begin` and `oracle:end` lines).
With --check FILE it instead fails when that file's table differs from what wasmtime gives.
With --wast FILE N SEED it writes a spec script of N random cases per instruction (operands
drawn from edge values and random bits) with wasmtime's results, for `swasm spec`.

    .venv/bin/python Scripts/relaxed_simd_oracle.py [--check Tests/SwasmTests/RelaxedSIMDTests.swift]
    .venv/bin/python Scripts/relaxed_simd_oracle.py --wast /tmp/relaxed_random.wast 500 1
"""
import importlib.metadata
import random
import struct
import sys

import wasmtime

NAN32 = 0x7FC00000
NAN64 = 0x7FF8000000000000

# Operands are (lane type, lanes). Float lanes are Python floats, or ints meaning bit patterns.
F32_MAX = struct.unpack("<f", struct.pack("<I", 0x7F7FFFFF))[0]
F64_MAX = sys.float_info.max
INF = float("inf")

SWIZZLE_DATA = ("i8", list(range(0x40, 0x50)))

CASES = [
    # Out-of-range indices (16 and above, and "negative" bytes) select 0.
    ("i8x16.relaxed_swizzle", [SWIZZLE_DATA,
                               ("i8", [0, 15, 16, 17, 31, 32, 127, -128, -1, -113, 1, 2, 3, -56, 14, 15])]),
    ("i8x16.relaxed_swizzle", [SWIZZLE_DATA, ("i8", [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0])]),

    # Saturating truncation: NaN is 0, out-of-range lanes clamp.
    ("i32x4.relaxed_trunc_f32x4_s", [("f32", [NAN32, 0xFFC00000, INF, -INF])]),
    ("i32x4.relaxed_trunc_f32x4_s", [("f32", [2147483648.0, -2147483904.0, -0.0, 1.9])]),
    ("i32x4.relaxed_trunc_f32x4_s", [("f32", [-1.9, 0x7FC00001, 3e9, -2147483648.0])]),
    ("i32x4.relaxed_trunc_f32x4_s", [("f32", [2147483520.0, -2147483520.0, 0x00000001, -0.9999])]),
    ("i32x4.relaxed_trunc_f32x4_u", [("f32", [NAN32, -1.0, -0.0, 4294967296.0])]),
    ("i32x4.relaxed_trunc_f32x4_u", [("f32", [4294967040.0, -0.9, 1.5, INF])]),
    ("i32x4.relaxed_trunc_f32x4_u", [("f32", [-INF, 2147483648.0, 0xFFC00000, 3e9])]),
    ("i32x4.relaxed_trunc_f64x2_s_zero", [("f64", [NAN64, INF])]),
    ("i32x4.relaxed_trunc_f64x2_s_zero", [("f64", [-INF, -2147483649.0])]),
    ("i32x4.relaxed_trunc_f64x2_s_zero", [("f64", [2147483647.9, -2147483648.9])]),
    ("i32x4.relaxed_trunc_f64x2_s_zero", [("f64", [-0.0, 1e300])]),
    ("i32x4.relaxed_trunc_f64x2_u_zero", [("f64", [NAN64, -1.0])]),
    ("i32x4.relaxed_trunc_f64x2_u_zero", [("f64", [4294967295.9, 4294967296.0])]),
    ("i32x4.relaxed_trunc_f64x2_u_zero", [("f64", [-0.9, INF])]),
    ("i32x4.relaxed_trunc_f64x2_u_zero", [("f64", [-0.0, 0xFFF8000000000000])]),

    # Fused: one rounding. (1 + 2^-23)(1 - 2^-23) - 1 = -2^-46 (0 if rounded twice);
    # max * 2 - max = max (inf if rounded twice).
    ("f32x4.relaxed_madd", [("f32", [0x3F800001, F32_MAX, -0.0, INF]),
                            ("f32", [0x3F7FFFFE, 2.0, 0.0, 0.0]),
                            ("f32", [-1.0, -F32_MAX, -0.0, 1.0])]),
    ("f32x4.relaxed_madd", [("f32", [NAN32, 1.0, 2.0, -0.0]),
                            ("f32", [1.0, NAN32, 3.0, -0.0]),
                            ("f32", [1.0, 1.0, NAN32, -0.0])]),
    ("f32x4.relaxed_madd", [("f32", [1e30, -1e30, 1.5, 3.0]),
                            ("f32", [1e10, 1e10, -2.0, 0.1]),
                            ("f32", [-INF, INF, 3.0, -0.3])]),
    ("f32x4.relaxed_nmadd", [("f32", [0x3F800001, F32_MAX, -0.0, INF]),
                             ("f32", [0x3F7FFFFE, 2.0, 0.0, 0.0]),
                             ("f32", [1.0, F32_MAX, -0.0, 1.0])]),
    ("f32x4.relaxed_nmadd", [("f32", [0.0, -0.0, 2.0, NAN32]),
                             ("f32", [0.0, 0.0, 3.0, 1.0]),
                             ("f32", [-0.0, -0.0, 6.0, 1.0])]),
    ("f64x2.relaxed_madd", [("f64", [0x3FF0000000000001, F64_MAX]),
                            ("f64", [0x3FEFFFFFFFFFFFFE, 2.0]),
                            ("f64", [-1.0, -F64_MAX])]),
    ("f64x2.relaxed_madd", [("f64", [-0.0, INF]), ("f64", [0.0, 0.0]), ("f64", [-0.0, 1.0])]),
    ("f64x2.relaxed_madd", [("f64", [NAN64, 1.0]), ("f64", [1.0, 2.0]), ("f64", [1.0, NAN64])]),
    ("f64x2.relaxed_nmadd", [("f64", [0x3FF0000000000001, F64_MAX]),
                             ("f64", [0x3FEFFFFFFFFFFFFE, 2.0]),
                             ("f64", [1.0, F64_MAX])]),
    ("f64x2.relaxed_nmadd", [("f64", [0.0, 1.5]), ("f64", [0.0, 2.0]), ("f64", [-0.0, 3.0])]),

    # Bitwise selection (like v128.bitselect), whatever the mask lanes hold.
    ("i8x16.relaxed_laneselect", [("i8", [0x11] * 16), ("i8", [0x22] * 16),
                                  ("i8", [-1, 0, -128, 0x7F, 0x0F, -16, 1, 0x55, -1, -1, 0, 0, -128, -128, 0x7F, 0x7F])]),
    ("i16x8.relaxed_laneselect", [("i16", [0x1111] * 8), ("i16", [0x2222] * 8),
                                  ("i16", [-1, 0, -32768, 0x7FFF, 0x00FF, -256, -32767, 0x1234])]),
    ("i32x4.relaxed_laneselect", [("i32", [0x11111111] * 4), ("i32", [0x22222222] * 4),
                                  ("i32", [-1, 0, -2147483648, 0x7FFFFFFF])]),
    ("i64x2.relaxed_laneselect", [("i64", [0x1111111111111111] * 2), ("i64", [0x2222222222222222] * 2),
                                  ("i64", [-0x8000000000000000, 0x00000000FFFFFFFF])]),
    ("i64x2.relaxed_laneselect", [("i64", [1, 2]), ("i64", [3, 4]), ("i64", [-1, 0])]),

    # Like f32x4.min/max: NaN if either is NaN, -0 below +0.
    ("f32x4.relaxed_min", [("f32", [NAN32, 1.0, -0.0, 0.0]), ("f32", [1.0, NAN32, 0.0, -0.0])]),
    ("f32x4.relaxed_min", [("f32", [-INF, INF, 1.5, 0x7FC00001]), ("f32", [INF, -INF, -1.5, 0x7FC00002])]),
    ("f32x4.relaxed_max", [("f32", [NAN32, 1.0, -0.0, 0.0]), ("f32", [1.0, NAN32, 0.0, -0.0])]),
    ("f32x4.relaxed_max", [("f32", [-INF, INF, 1.5, 0xFFC00000]), ("f32", [INF, -INF, -1.5, 2.0])]),
    ("f64x2.relaxed_min", [("f64", [NAN64, -0.0]), ("f64", [1.0, 0.0])]),
    ("f64x2.relaxed_min", [("f64", [0.0, 2.0]), ("f64", [-0.0, NAN64])]),
    ("f64x2.relaxed_max", [("f64", [NAN64, -0.0]), ("f64", [1.0, 0.0])]),
    ("f64x2.relaxed_max", [("f64", [0.0, -INF]), ("f64", [-0.0, -1e300])]),

    # -32768 * -32768 saturates to 32767.
    ("i16x8.relaxed_q15mulr_s", [("i16", [-32768, -32768, 32767, -1, 16384, 1, -16384, 100]),
                                 ("i16", [-32768, 32767, 32767, 1, 16384, 16384, 16385, -200])]),

    # The second operand's bytes are signed too; the i16 sums wrap.
    ("i16x8.relaxed_dot_i8x16_i7x16_s", [("i8", [-128, -128, 127, 127, -1, 1, 0, 5, 1, 2, 3, 4, -128, 127, 100, -100]),
                                         ("i8", [-128, -128, 127, 127, -1, 1, 9, 7, 127, 127, -128, -1, -1, -1, 100, 100])]),
    ("i32x4.relaxed_dot_i8x16_i7x16_add_s", [("i8", [-128, -128, -128, -128, 127, 127, 127, 127, 1, 2, 3, 4, -1, -2, -3, -4]),
                                             ("i8", [-128, -128, -128, -128, 127, 127, 127, 127, 5, 6, 7, 8, -128, 127, -1, 1]),
                                             ("i32", [0, 1, -1, 0x7FFFFFFF])]),
    ("i32x4.relaxed_dot_i8x16_i7x16_add_s", [("i8", [-128, -128, 0, 0, -128, -128, -128, -128, 1, 1, 1, 1, 2, 2, 2, 2]),
                                             ("i8", [-128, -128, 0, 0, -128, -128, -128, -128, 1, 1, 1, 1, 3, 3, 3, 3]),
                                             ("i32", [-2147483648, 0x7FFFFFFF, 10, -10])]),
]

RESULT_LANES = {
    "i8x16.relaxed_swizzle": "i8",
    "i8x16.relaxed_laneselect": "i8", "i16x8.relaxed_laneselect": "i16",
    "i32x4.relaxed_laneselect": "i32", "i64x2.relaxed_laneselect": "i64",
    "i16x8.relaxed_q15mulr_s": "i16", "i16x8.relaxed_dot_i8x16_i7x16_s": "i16",
    "i32x4.relaxed_dot_i8x16_i7x16_add_s": "i32",
}

FORMATS = {"i8": "b", "i16": "h", "i32": "i", "i64": "q", "f32": "I", "f64": "Q"}
WIDTH = {"i8": 1, "i16": 2, "i32": 4, "i64": 8, "f32": 4, "f64": 8}


def result_lanes(instruction):
    if instruction in RESULT_LANES:
        return RESULT_LANES[instruction]
    return "i32" if "trunc" in instruction else instruction[:3]


def pack(lane_type, lanes):
    out = b""
    for x in lanes:
        if lane_type == "f32":
            out += struct.pack("<I", x) if isinstance(x, int) else struct.pack("<f", x)
        elif lane_type == "f64":
            out += struct.pack("<Q", x) if isinstance(x, int) else struct.pack("<d", x)
        else:
            bits = 8 * WIDTH[lane_type]
            out += (x % (1 << bits)).to_bytes(WIDTH[lane_type], "little")
    assert len(out) == 16, (lane_type, lanes)
    return out


def unpack(lane_type, data):
    n = 16 // WIDTH[lane_type]
    return list(struct.unpack("<" + FORMATS[lane_type] * n, data))


def run_case(engine, instruction, operands):
    return Runner(engine, instruction, len(operands)).run([pack(t, lanes) for t, lanes in operands])


def swift_lanes(lane_type, lanes):
    """A Swift V128 literal through the tests' lane helpers."""
    if lane_type in ("f32", "f64"):
        bits = 32 if lane_type == "f32" else 64
        words = [x if isinstance(x, int) else struct.unpack("<" + FORMATS[lane_type], pack_one(lane_type, x))[0]
                 for x in lanes]
        return f"{lane_type}Bits([{', '.join(hex_literal(w, bits) for w in words)}])"
    helper = {"i8": "i8s", "i16": "i16s", "i32": "i32s", "i64": "i64s"}[lane_type]
    bits = 8 * WIDTH[lane_type]
    signed = [x - (1 << bits) if x >= 1 << (bits - 1) else x for x in (v % (1 << bits) for v in lanes)]
    return f"{helper}([{', '.join(int_literal(x, bits) for x in signed)}])"


def pack_one(lane_type, x):
    return struct.pack("<f", x) if lane_type == "f32" else struct.pack("<d", x)


def hex_literal(w, bits):
    digits = f"{w:0{bits // 4}X}"
    return "0x" + "_".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def int_literal(x, bits):
    if x == -(1 << (bits - 1)):
        return f"Int{bits}.min"
    return str(x)


def table():
    config = wasmtime.Config()
    config.wasm_relaxed_simd = True
    config.wasm_relaxed_simd_deterministic = True
    engine = wasmtime.Engine(config)
    lines = []
    for instruction, operands in CASES:
        result = run_case(engine, instruction, operands)
        lane_type = result_lanes(instruction)
        expected = swift_lanes(lane_type, unpack(lane_type, result))
        args = ",\n              ".join(swift_lanes(t, lanes) for t, lanes in operands)
        lines.append(f'        Case("{instruction}",\n             [{args}],\n             {expected}),')
    return "\n".join(lines) + "\n"


# The operand lane types of each instruction.
SIGNATURES = {
    "i8x16.relaxed_swizzle": ["i8", "i8"],
    "i32x4.relaxed_trunc_f32x4_s": ["f32"], "i32x4.relaxed_trunc_f32x4_u": ["f32"],
    "i32x4.relaxed_trunc_f64x2_s_zero": ["f64"], "i32x4.relaxed_trunc_f64x2_u_zero": ["f64"],
    "f32x4.relaxed_madd": ["f32"] * 3, "f32x4.relaxed_nmadd": ["f32"] * 3,
    "f64x2.relaxed_madd": ["f64"] * 3, "f64x2.relaxed_nmadd": ["f64"] * 3,
    "i8x16.relaxed_laneselect": ["i8"] * 3, "i16x8.relaxed_laneselect": ["i16"] * 3,
    "i32x4.relaxed_laneselect": ["i32"] * 3, "i64x2.relaxed_laneselect": ["i64"] * 3,
    "f32x4.relaxed_min": ["f32"] * 2, "f32x4.relaxed_max": ["f32"] * 2,
    "f64x2.relaxed_min": ["f64"] * 2, "f64x2.relaxed_max": ["f64"] * 2,
    "i16x8.relaxed_q15mulr_s": ["i16"] * 2,
    "i16x8.relaxed_dot_i8x16_i7x16_s": ["i8"] * 2, "i32x4.relaxed_dot_i8x16_i7x16_add_s": ["i8", "i8", "i32"],
}

FLOAT_EDGES = {
    "f32": [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -1.5, INF, -INF, NAN32, 0xFFC00000, 0x7FC00001, 0x7FA00000,
            F32_MAX, -F32_MAX, 0x00000001, 0x80800000, 2147483648.0, -2147483648.0, 2147483520.0,
            4294967296.0, 4294967040.0, -0.9999, 3e9],
    "f64": [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -1.5, INF, -INF, NAN64, 0xFFF8000000000000, 0x7FF8000000000001,
            0x7FF4000000000000, F64_MAX, -F64_MAX, 1, 2147483647.9, -2147483648.9, 2147483648.0,
            -2147483649.0, 4294967295.9, 4294967296.0, -0.9, 1e300],
}
INT_EDGES = [0, 1, -1, 15, 16, 17, 31, 32, 127, -128, 128, 255, 0x7FFF, -0x8000, 0x4000, 0x7FFFFFFF,
             -0x80000000, 0x8000000000000000]


def random_lane(rng, lane_type):
    bits = 8 * WIDTH[lane_type]
    if lane_type in FLOAT_EDGES:
        roll = rng.random()
        if roll < 0.4:
            return rng.choice(FLOAT_EDGES[lane_type])
        if roll < 0.6:  # near 1, where fused and twice-rounded products differ
            one = 0x3F800000 if lane_type == "f32" else 0x3FF0000000000000
            return one + rng.randrange(-8, 9)
        if roll < 0.8:
            return rng.uniform(-1e3, 1e3)
        return rng.getrandbits(bits)
    if rng.random() < 0.3:
        return rng.choice(INT_EDGES) % (1 << bits)
    return rng.getrandbits(bits)


def wast_lane(lane_type, x, operand_lanes):
    """An expected float lane in the text format; NaNs as the NaN rules allow them."""
    bits = 8 * WIDTH[lane_type]
    exponent = 0x7F800000 if bits == 32 else 0x7FF0000000000000
    quiet = 0x00400000 if bits == 32 else 0x0008000000000000
    magnitude = (1 << (bits - 1)) - 1
    is_nan = lambda w: w & exponent == exponent and w & magnitude & ~exponent != 0
    if is_nan(x):
        canonical = all(not is_nan(w) or w & magnitude == exponent | quiet for w in operand_lanes)
        return "nan:canonical" if canonical else "nan:arithmetic"
    value = struct.unpack("<" + ("f" if bits == 32 else "d"), x.to_bytes(bits // 8, "little"))[0]
    return "inf" if value == INF else "-inf" if value == -INF else value.hex()


def write_wast(path, count, seed):
    config = wasmtime.Config()
    config.wasm_relaxed_simd = True
    config.wasm_relaxed_simd_deterministic = True
    engine = wasmtime.Engine(config)
    rng = random.Random(seed)
    funcs, asserts = [], []
    for instruction, signature in SIGNATURES.items():
        params = " ".join("v128" for _ in signature)
        gets = " ".join(f"(local.get {i})" for i in range(len(signature)))
        funcs.append(f'  (func (export "{instruction}") (param {params}) (result v128) ({instruction} {gets}))')
        runner = Runner(engine, instruction, len(signature))
        for _ in range(count):
            operands = [(t, [random_lane(rng, t) for _ in range(16 // WIDTH[t])]) for t in signature]
            raw = [pack(t, lanes) for t, lanes in operands]
            result = runner.run(raw)
            args = " ".join("(v128.const i64x2 0x%x 0x%x)" % struct.unpack("<QQ", r) for r in raw)
            lane_type = result_lanes(instruction)
            if lane_type in ("f32", "f64"):
                lanes = unpack(lane_type, result)
                inputs = [unpack(lane_type, r) for r in raw]
                shape = "f32x4" if lane_type == "f32" else "f64x2"
                text = " ".join(wast_lane(lane_type, x, [o[i] for o in inputs]) for i, x in enumerate(lanes))
                expected = f"(v128.const {shape} {text})"
            else:
                expected = "(v128.const i64x2 0x%x 0x%x)" % struct.unpack("<QQ", result)
            asserts.append(f'(assert_return (invoke "{instruction}" {args}) {expected})')
    with open(path, "w") as f:
        f.write(f";; {count} random cases per relaxed SIMD instruction (seed {seed}), results from wasmtime "
                f"{importlib.metadata.version('wasmtime')} (deterministic relaxed SIMD)\n")
        f.write("(module\n" + "\n".join(funcs) + ")\n" + "\n".join(asserts) + "\n")
    print(f"{path}: {len(asserts)} assertions")


class Runner:
    """One instance of one instruction, operands and result passed through memory."""

    def __init__(self, engine, instruction, arity):
        loads = " ".join(f"(v128.load (i32.const {16 * (i + 1)}))" for i in range(arity))
        wat = f"""(module (memory (export "m") 1)
          (func (export "run") (v128.store (i32.const 0) ({instruction} {loads}))))"""
        self.store = wasmtime.Store(engine)
        instance = wasmtime.Instance(self.store, wasmtime.Module(engine, wat), [])
        self.memory = instance.exports(self.store)["m"]
        self.function = instance.exports(self.store)["run"]

    def run(self, operands):
        for i, data in enumerate(operands):
            self.memory.write(self.store, data, 16 * (i + 1))
        self.function(self.store)
        return bytes(self.memory.read(self.store, 0, 16))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--wast":
        return write_wast(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    generated = table()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        text = open(sys.argv[2]).read()
        begin = text.index("// oracle:begin\n") + len("// oracle:begin\n")
        end = text.index("        // oracle:end")
        if text[begin:end] != generated:
            sys.exit(f"{sys.argv[2]}: the case table differs from wasmtime's results (rerun this script)")
        print(f"{len(CASES)} cases agree with wasmtime {importlib.metadata.version('wasmtime')}")
    else:
        sys.stdout.write(generated)


if __name__ == "__main__":
    main()
