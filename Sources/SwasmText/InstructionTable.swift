/// What follows an instruction's name in the text format, and so in the binary.
enum Immediates: String, Sendable {
    case none
    /// `block`, `loop`: label, block type (structured).
    case block
    case `if`
    case tryTable
    case label
    case brTable
    case brOnCast
    case function
    case callIndirect
    case type
    case local
    case global
    /// An optional table index (default 0).
    case table
    /// Two optional table indices (`table.copy`).
    case tableCopy
    /// Optional table index, then element segment index (`table.init`).
    case tableInit
    case elem
    /// Optional memory index then `offset=`/`align=`; the table gives the natural alignment.
    case memarg
    /// A memory argument, then a lane index.
    case memargLane
    /// An optional memory index (default 0).
    case memory
    case memoryCopy
    case memoryInit
    case data
    case i32, i64, f32, f64, v128
    case lane
    case shuffle
    case select
    case heapType
    /// `ref.test`/`ref.cast`: a reference type; the opcode is one more when it is nullable.
    case refType
    case structField
    case arrayFixed
    case typeData
    case typeElem
    case typeType
    case tag
}

/// One instruction: its binary opcode (a prefix byte for the 0xFB–0xFD families, then the
/// sub-opcode as a LEB128 u32) and its immediates.
struct InstructionInfo: Sendable {
    var prefix: UInt8?
    var code: UInt32
    var immediates: Immediates
    /// log2 of the natural alignment, for memory instructions.
    var alignment: UInt8 = 0

    func emitOpcode(_ out: inout [UInt8]) {
        if let prefix {
            out.append(prefix)
            LEB.unsigned(UInt64(code), &out)
        } else {
            out.append(UInt8(code))
        }
    }
}

/// Every instruction name of WebAssembly 1.0–3.0, one line each: the single table the parser,
/// the keyword list and the encoder read. Columns: name, opcode (hex), immediates, natural
/// alignment (memory instructions). A line `prefix XX` starts a prefixed family.
enum InstructionTable {
    static let table: [String: InstructionInfo] = {
        var result: [String: InstructionInfo] = [:]
        var prefix: UInt8?
        for line in source.split(separator: "\n") {
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            guard cols.count >= 2 else { continue }
            if cols[0] == "prefix" {
                prefix = UInt8(cols[1], radix: 16)
                continue
            }
            let code = UInt32(cols[1], radix: 16) ?? 0
            let immediates = cols.count > 2 ? Immediates(rawValue: String(cols[2])) ?? .none : .none
            let alignment = cols.count > 3 ? UInt8(cols[3]) ?? 0 : 0
            result[String(cols[0])] = InstructionInfo(prefix: prefix, code: code, immediates: immediates, alignment: alignment)
        }
        return result
    }()

    static let source = """
    unreachable 00
    nop 01
    block 02 block
    loop 03 block
    if 04 if
    throw 08 tag
    throw_ref 0a
    br 0c label
    br_if 0d label
    br_table 0e brTable
    return 0f
    call 10 function
    call_indirect 11 callIndirect
    return_call 12 function
    return_call_indirect 13 callIndirect
    call_ref 14 type
    return_call_ref 15 type
    drop 1a
    select 1b select
    try_table 1f tryTable
    local.get 20 local
    local.set 21 local
    local.tee 22 local
    global.get 23 global
    global.set 24 global
    table.get 25 table
    table.set 26 table
    i32.load 28 memarg 2
    i64.load 29 memarg 3
    f32.load 2a memarg 2
    f64.load 2b memarg 3
    i32.load8_s 2c memarg 0
    i32.load8_u 2d memarg 0
    i32.load16_s 2e memarg 1
    i32.load16_u 2f memarg 1
    i64.load8_s 30 memarg 0
    i64.load8_u 31 memarg 0
    i64.load16_s 32 memarg 1
    i64.load16_u 33 memarg 1
    i64.load32_s 34 memarg 2
    i64.load32_u 35 memarg 2
    i32.store 36 memarg 2
    i64.store 37 memarg 3
    f32.store 38 memarg 2
    f64.store 39 memarg 3
    i32.store8 3a memarg 0
    i32.store16 3b memarg 1
    i64.store8 3c memarg 0
    i64.store16 3d memarg 1
    i64.store32 3e memarg 2
    memory.size 3f memory
    memory.grow 40 memory
    i32.const 41 i32
    i64.const 42 i64
    f32.const 43 f32
    f64.const 44 f64
    i32.eqz 45
    i32.eq 46
    i32.ne 47
    i32.lt_s 48
    i32.lt_u 49
    i32.gt_s 4a
    i32.gt_u 4b
    i32.le_s 4c
    i32.le_u 4d
    i32.ge_s 4e
    i32.ge_u 4f
    i64.eqz 50
    i64.eq 51
    i64.ne 52
    i64.lt_s 53
    i64.lt_u 54
    i64.gt_s 55
    i64.gt_u 56
    i64.le_s 57
    i64.le_u 58
    i64.ge_s 59
    i64.ge_u 5a
    f32.eq 5b
    f32.ne 5c
    f32.lt 5d
    f32.gt 5e
    f32.le 5f
    f32.ge 60
    f64.eq 61
    f64.ne 62
    f64.lt 63
    f64.gt 64
    f64.le 65
    f64.ge 66
    i32.clz 67
    i32.ctz 68
    i32.popcnt 69
    i32.add 6a
    i32.sub 6b
    i32.mul 6c
    i32.div_s 6d
    i32.div_u 6e
    i32.rem_s 6f
    i32.rem_u 70
    i32.and 71
    i32.or 72
    i32.xor 73
    i32.shl 74
    i32.shr_s 75
    i32.shr_u 76
    i32.rotl 77
    i32.rotr 78
    i64.clz 79
    i64.ctz 7a
    i64.popcnt 7b
    i64.add 7c
    i64.sub 7d
    i64.mul 7e
    i64.div_s 7f
    i64.div_u 80
    i64.rem_s 81
    i64.rem_u 82
    i64.and 83
    i64.or 84
    i64.xor 85
    i64.shl 86
    i64.shr_s 87
    i64.shr_u 88
    i64.rotl 89
    i64.rotr 8a
    f32.abs 8b
    f32.neg 8c
    f32.ceil 8d
    f32.floor 8e
    f32.trunc 8f
    f32.nearest 90
    f32.sqrt 91
    f32.add 92
    f32.sub 93
    f32.mul 94
    f32.div 95
    f32.min 96
    f32.max 97
    f32.copysign 98
    f64.abs 99
    f64.neg 9a
    f64.ceil 9b
    f64.floor 9c
    f64.trunc 9d
    f64.nearest 9e
    f64.sqrt 9f
    f64.add a0
    f64.sub a1
    f64.mul a2
    f64.div a3
    f64.min a4
    f64.max a5
    f64.copysign a6
    i32.wrap_i64 a7
    i32.trunc_f32_s a8
    i32.trunc_f32_u a9
    i32.trunc_f64_s aa
    i32.trunc_f64_u ab
    i64.extend_i32_s ac
    i64.extend_i32_u ad
    i64.trunc_f32_s ae
    i64.trunc_f32_u af
    i64.trunc_f64_s b0
    i64.trunc_f64_u b1
    f32.convert_i32_s b2
    f32.convert_i32_u b3
    f32.convert_i64_s b4
    f32.convert_i64_u b5
    f32.demote_f64 b6
    f64.convert_i32_s b7
    f64.convert_i32_u b8
    f64.convert_i64_s b9
    f64.convert_i64_u ba
    f64.promote_f32 bb
    i32.reinterpret_f32 bc
    i64.reinterpret_f64 bd
    f32.reinterpret_i32 be
    f64.reinterpret_i64 bf
    i32.extend8_s c0
    i32.extend16_s c1
    i64.extend8_s c2
    i64.extend16_s c3
    i64.extend32_s c4
    ref.null d0 heapType
    ref.is_null d1
    ref.func d2 function
    ref.eq d3
    ref.as_non_null d4
    br_on_null d5 label
    br_on_non_null d6 label
    prefix fb
    struct.new 0 type
    struct.new_default 1 type
    struct.get 2 structField
    struct.get_s 3 structField
    struct.get_u 4 structField
    struct.set 5 structField
    array.new 6 type
    array.new_default 7 type
    array.new_fixed 8 arrayFixed
    array.new_data 9 typeData
    array.new_elem a typeElem
    array.get b type
    array.get_s c type
    array.get_u d type
    array.set e type
    array.len f
    array.fill 10 type
    array.copy 11 typeType
    array.init_data 12 typeData
    array.init_elem 13 typeElem
    ref.test 14 refType
    ref.cast 16 refType
    br_on_cast 18 brOnCast
    br_on_cast_fail 19 brOnCast
    any.convert_extern 1a
    extern.convert_any 1b
    ref.i31 1c
    i31.get_s 1d
    i31.get_u 1e
    prefix fc
    i32.trunc_sat_f32_s 0
    i32.trunc_sat_f32_u 1
    i32.trunc_sat_f64_s 2
    i32.trunc_sat_f64_u 3
    i64.trunc_sat_f32_s 4
    i64.trunc_sat_f32_u 5
    i64.trunc_sat_f64_s 6
    i64.trunc_sat_f64_u 7
    memory.init 8 memoryInit
    data.drop 9 data
    memory.copy a memoryCopy
    memory.fill b memory
    table.init c tableInit
    elem.drop d elem
    table.copy e tableCopy
    table.grow f table
    table.size 10 table
    table.fill 11 table
    prefix fd
    v128.load 0 memarg 4
    v128.load8x8_s 1 memarg 3
    v128.load8x8_u 2 memarg 3
    v128.load16x4_s 3 memarg 3
    v128.load16x4_u 4 memarg 3
    v128.load32x2_s 5 memarg 3
    v128.load32x2_u 6 memarg 3
    v128.load8_splat 7 memarg 0
    v128.load16_splat 8 memarg 1
    v128.load32_splat 9 memarg 2
    v128.load64_splat a memarg 3
    v128.store b memarg 4
    v128.const c v128
    i8x16.shuffle d shuffle
    i8x16.swizzle e
    i8x16.splat f
    i16x8.splat 10
    i32x4.splat 11
    i64x2.splat 12
    f32x4.splat 13
    f64x2.splat 14
    i8x16.extract_lane_s 15 lane
    i8x16.extract_lane_u 16 lane
    i8x16.replace_lane 17 lane
    i16x8.extract_lane_s 18 lane
    i16x8.extract_lane_u 19 lane
    i16x8.replace_lane 1a lane
    i32x4.extract_lane 1b lane
    i32x4.replace_lane 1c lane
    i64x2.extract_lane 1d lane
    i64x2.replace_lane 1e lane
    f32x4.extract_lane 1f lane
    f32x4.replace_lane 20 lane
    f64x2.extract_lane 21 lane
    f64x2.replace_lane 22 lane
    i8x16.eq 23
    i8x16.ne 24
    i8x16.lt_s 25
    i8x16.lt_u 26
    i8x16.gt_s 27
    i8x16.gt_u 28
    i8x16.le_s 29
    i8x16.le_u 2a
    i8x16.ge_s 2b
    i8x16.ge_u 2c
    i16x8.eq 2d
    i16x8.ne 2e
    i16x8.lt_s 2f
    i16x8.lt_u 30
    i16x8.gt_s 31
    i16x8.gt_u 32
    i16x8.le_s 33
    i16x8.le_u 34
    i16x8.ge_s 35
    i16x8.ge_u 36
    i32x4.eq 37
    i32x4.ne 38
    i32x4.lt_s 39
    i32x4.lt_u 3a
    i32x4.gt_s 3b
    i32x4.gt_u 3c
    i32x4.le_s 3d
    i32x4.le_u 3e
    i32x4.ge_s 3f
    i32x4.ge_u 40
    f32x4.eq 41
    f32x4.ne 42
    f32x4.lt 43
    f32x4.gt 44
    f32x4.le 45
    f32x4.ge 46
    f64x2.eq 47
    f64x2.ne 48
    f64x2.lt 49
    f64x2.gt 4a
    f64x2.le 4b
    f64x2.ge 4c
    v128.not 4d
    v128.and 4e
    v128.andnot 4f
    v128.or 50
    v128.xor 51
    v128.bitselect 52
    v128.any_true 53
    v128.load8_lane 54 memargLane 0
    v128.load16_lane 55 memargLane 1
    v128.load32_lane 56 memargLane 2
    v128.load64_lane 57 memargLane 3
    v128.store8_lane 58 memargLane 0
    v128.store16_lane 59 memargLane 1
    v128.store32_lane 5a memargLane 2
    v128.store64_lane 5b memargLane 3
    v128.load32_zero 5c memarg 2
    v128.load64_zero 5d memarg 3
    f32x4.demote_f64x2_zero 5e
    f64x2.promote_low_f32x4 5f
    i8x16.abs 60
    i8x16.neg 61
    i8x16.popcnt 62
    i8x16.all_true 63
    i8x16.bitmask 64
    i8x16.narrow_i16x8_s 65
    i8x16.narrow_i16x8_u 66
    f32x4.ceil 67
    f32x4.floor 68
    f32x4.trunc 69
    f32x4.nearest 6a
    i8x16.shl 6b
    i8x16.shr_s 6c
    i8x16.shr_u 6d
    i8x16.add 6e
    i8x16.add_sat_s 6f
    i8x16.add_sat_u 70
    i8x16.sub 71
    i8x16.sub_sat_s 72
    i8x16.sub_sat_u 73
    f64x2.ceil 74
    f64x2.floor 75
    i8x16.min_s 76
    i8x16.min_u 77
    i8x16.max_s 78
    i8x16.max_u 79
    f64x2.trunc 7a
    i8x16.avgr_u 7b
    i16x8.extadd_pairwise_i8x16_s 7c
    i16x8.extadd_pairwise_i8x16_u 7d
    i32x4.extadd_pairwise_i16x8_s 7e
    i32x4.extadd_pairwise_i16x8_u 7f
    i16x8.abs 80
    i16x8.neg 81
    i16x8.q15mulr_sat_s 82
    i16x8.all_true 83
    i16x8.bitmask 84
    i16x8.narrow_i32x4_s 85
    i16x8.narrow_i32x4_u 86
    i16x8.extend_low_i8x16_s 87
    i16x8.extend_high_i8x16_s 88
    i16x8.extend_low_i8x16_u 89
    i16x8.extend_high_i8x16_u 8a
    i16x8.shl 8b
    i16x8.shr_s 8c
    i16x8.shr_u 8d
    i16x8.add 8e
    i16x8.add_sat_s 8f
    i16x8.add_sat_u 90
    i16x8.sub 91
    i16x8.sub_sat_s 92
    i16x8.sub_sat_u 93
    f64x2.nearest 94
    i16x8.mul 95
    i16x8.min_s 96
    i16x8.min_u 97
    i16x8.max_s 98
    i16x8.max_u 99
    i16x8.avgr_u 9b
    i16x8.extmul_low_i8x16_s 9c
    i16x8.extmul_high_i8x16_s 9d
    i16x8.extmul_low_i8x16_u 9e
    i16x8.extmul_high_i8x16_u 9f
    i32x4.abs a0
    i32x4.neg a1
    i32x4.all_true a3
    i32x4.bitmask a4
    i32x4.extend_low_i16x8_s a7
    i32x4.extend_high_i16x8_s a8
    i32x4.extend_low_i16x8_u a9
    i32x4.extend_high_i16x8_u aa
    i32x4.shl ab
    i32x4.shr_s ac
    i32x4.shr_u ad
    i32x4.add ae
    i32x4.sub b1
    i32x4.mul b5
    i32x4.min_s b6
    i32x4.min_u b7
    i32x4.max_s b8
    i32x4.max_u b9
    i32x4.dot_i16x8_s ba
    i32x4.extmul_low_i16x8_s bc
    i32x4.extmul_high_i16x8_s bd
    i32x4.extmul_low_i16x8_u be
    i32x4.extmul_high_i16x8_u bf
    i64x2.abs c0
    i64x2.neg c1
    i64x2.all_true c3
    i64x2.bitmask c4
    i64x2.extend_low_i32x4_s c7
    i64x2.extend_high_i32x4_s c8
    i64x2.extend_low_i32x4_u c9
    i64x2.extend_high_i32x4_u ca
    i64x2.shl cb
    i64x2.shr_s cc
    i64x2.shr_u cd
    i64x2.add ce
    i64x2.sub d1
    i64x2.mul d5
    i64x2.eq d6
    i64x2.ne d7
    i64x2.lt_s d8
    i64x2.gt_s d9
    i64x2.le_s da
    i64x2.ge_s db
    i64x2.extmul_low_i32x4_s dc
    i64x2.extmul_high_i32x4_s dd
    i64x2.extmul_low_i32x4_u de
    i64x2.extmul_high_i32x4_u df
    f32x4.abs e0
    f32x4.neg e1
    f32x4.sqrt e3
    f32x4.add e4
    f32x4.sub e5
    f32x4.mul e6
    f32x4.div e7
    f32x4.min e8
    f32x4.max e9
    f32x4.pmin ea
    f32x4.pmax eb
    f64x2.abs ec
    f64x2.neg ed
    f64x2.sqrt ef
    f64x2.add f0
    f64x2.sub f1
    f64x2.mul f2
    f64x2.div f3
    f64x2.min f4
    f64x2.max f5
    f64x2.pmin f6
    f64x2.pmax f7
    i32x4.trunc_sat_f32x4_s f8
    i32x4.trunc_sat_f32x4_u f9
    f32x4.convert_i32x4_s fa
    f32x4.convert_i32x4_u fb
    i32x4.trunc_sat_f64x2_s_zero fc
    i32x4.trunc_sat_f64x2_u_zero fd
    f64x2.convert_low_i32x4_s fe
    f64x2.convert_low_i32x4_u ff
    i8x16.relaxed_swizzle 100
    i32x4.relaxed_trunc_f32x4_s 101
    i32x4.relaxed_trunc_f32x4_u 102
    i32x4.relaxed_trunc_f64x2_s_zero 103
    i32x4.relaxed_trunc_f64x2_u_zero 104
    f32x4.relaxed_madd 105
    f32x4.relaxed_nmadd 106
    f64x2.relaxed_madd 107
    f64x2.relaxed_nmadd 108
    i8x16.relaxed_laneselect 109
    i16x8.relaxed_laneselect 10a
    i32x4.relaxed_laneselect 10b
    i64x2.relaxed_laneselect 10c
    f32x4.relaxed_min 10d
    f32x4.relaxed_max 10e
    f64x2.relaxed_min 10f
    f64x2.relaxed_max 110
    i16x8.relaxed_q15mulr_s 111
    i16x8.relaxed_dot_i8x16_i7x16_s 112
    i32x4.relaxed_dot_i8x16_i7x16_add_s 113
    """
}

/// Every keyword of the text format. A word outside this set is an "unknown operator" wherever
/// it appears; a known word in the wrong place is an "unexpected token".
enum Keywords {
    static let structural: Set<String> = [
        "module", "type", "func", "param", "result", "local", "global", "table", "memory", "elem", "data",
        "import", "export", "start", "offset", "item", "declare", "mut", "then", "else", "end", "rec", "sub",
        "final", "struct", "array", "field", "tag", "catch", "catch_ref", "catch_all", "catch_all_ref", "ref",
        "null", "i8", "i16", "i32", "i64", "f32", "f64", "v128", "funcref", "externref", "anyref", "eqref",
        "i31ref", "structref", "arrayref", "nullref", "nullfuncref", "nullexternref", "exnref", "nullexnref",
        "any", "eq", "i31", "none", "nofunc", "noextern", "extern", "exn", "noexn", "i8x16", "i16x8", "i32x4",
        "i64x2", "f32x4", "f64x2", "binary", "quote", "definition", "instance", "register", "invoke", "get",
        "assert_return", "assert_trap", "assert_exhaustion", "assert_exception", "assert_malformed",
        "assert_invalid", "assert_unlinkable", "assert_uninstantiable", "assert_return_canonical_nan",
        "assert_return_arithmetic_nan", "either", "script", "input", "output",
        "nan:canonical", "nan:arithmetic", "ref.extern", "ref.host", "ref.struct", "ref.array", "ref.i31",
        "ref.any", "shared", "before", "after", "first", "last", "code", "datacount",
    ]

    static func isKnown(_ word: String) -> Bool {
        if InstructionTable.table[word] != nil || structural.contains(word) { return true }
        // `offset=N` and `align=N` only with a natural number N.
        for prefix in ["offset=", "align="] where word.hasPrefix(prefix) {
            let value = Array(word.utf8.dropFirst(prefix.count))
            return !value.isEmpty && value[0] != UInt8(ascii: "+") && value[0] != UInt8(ascii: "-")
                && NumberSyntax.classify(value, 0, value.count) == .integer
        }
        return false
    }
}
