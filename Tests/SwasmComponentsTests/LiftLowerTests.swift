import XCTest
import Swasm
@testable import SwasmComponents

/// The host calls lifted core functions: arguments are lowered (flat, or into memory with
/// realloc), results lifted; exact core values, bytes and realloc calls.
final class LiftLowerTests: XCTestCase {
    private let identity = """
        (func (export "id32") (param i32) (result i32) (local.get 0))
        (func (export "id64") (param i64) (result i64) (local.get 0))
        (func (export "idf32") (param f32) (result f32) (local.get 0))
        (func (export "idf64") (param f64) (result f64) (local.get 0))
        (func (export "f32bits") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
        (func (export "ret64") (result i32) (i32.const 64))
        """

    func testScalarsRoundTripFlat() throws {
        let g = try Guest(identity)
        XCTAssertEqual(try g.lift("id32", [.bool], .bool).call([.bool(true)]), .bool(true))
        XCTAssertEqual(try g.lift("id32", [.s8], .s8).call([.s8(-5)]), .s8(-5))
        XCTAssertEqual(try g.lift("id32", [.u16], .u16).call([.u16(65_535)]), .u16(65_535))
        XCTAssertEqual(try g.lift("id32", [.s32], .s32).call([.s32(-7)]), .s32(-7))
        XCTAssertEqual(try g.lift("id64", [.s64], .s64).call([.s64(.min)]), .s64(.min))
        XCTAssertEqual(try g.lift("id64", [.u64], .u64).call([.u64(.max)]), .u64(.max))
        XCTAssertEqual(try g.lift("idf64", [.f64], .f64).call([.f64(bitPattern: 0x4009_21fb_5444_2d18)]),
                       .f64(bitPattern: 0x4009_21fb_5444_2d18))
        XCTAssertEqual(try g.lift("id32", [.char], .char).call([.char("🍰")]), .char("🍰"))
    }

    func testNarrowResultsAreTruncatedAndBoolIsAnyNonZero() throws {
        let g = try Guest(identity)
        XCTAssertEqual(try g.lift("id32", [.u32], .bool).call([.u32(2)]), .bool(true))
        XCTAssertEqual(try g.lift("id32", [.u32], .bool).call([.u32(0)]), .bool(false))
        XCTAssertEqual(try g.lift("id32", [.u32], .u8).call([.u32(0xf01)]), .u8(1))
        XCTAssertEqual(try g.lift("id32", [.u32], .s8).call([.u32(0xffff_ffff)]), .s8(-1))
        XCTAssertEqual(try g.lift("id32", [.u32], .u16).call([.u32(0xffff_ffff)]), .u16(0xffff))
        XCTAssertEqual(try g.lift("id32", [.u32], .s16).call([.u32(0x0001_8000)]), .s16(-32768))
    }

    func testNaNsAreCanonicalizedBothWays() throws {
        let g = try Guest(identity + recorder("takef", 0) + """
            (func (export "storef") (param f32) (i32.store (i32.const 0) (i32.reinterpret_f32 (local.get 0))))
            (func (export "storef64") (param f64) (i64.store (i32.const 0) (i64.reinterpret_f64 (local.get 0))))
            """)
        XCTAssertEqual(try g.lift("f32bits", [.u32], .f32).call([.u32(0xffc0_1234)]), .f32(bitPattern: 0x7fc0_0000))
        XCTAssertEqual(try g.lift("f32bits", [.u32], .f32).call([.u32(0x7f80_0001)]), .f32(bitPattern: 0x7fc0_0000))
        XCTAssertEqual(try g.lift("f32bits", [.u32], .f32).call([.u32(0xff80_0000)]), .f32(bitPattern: 0xff80_0000))
        try g.lift("storef", [.f32], nil).call([.f32(bitPattern: 0xffff_ffff)])
        XCTAssertEqual(try g.u32(0), 0x7fc0_0000)
        try g.lift("storef64", [.f64], nil).call([.f64(bitPattern: 0xfff0_0000_0000_0001)])
        XCTAssertEqual(try g.memory.load(UInt64.self, at: 0), 0x7ff8_0000_0000_0000)
    }

    func testInvalidCharTraps() throws {
        let g = try Guest(identity)
        let f = try g.lift("id32", [.u32], .char)
        XCTAssertEqual(try f.call([.u32(0xd7ff)]), .char(Unicode.Scalar(0xd7ff)!))
        XCTAssertEqual(try f.call([.u32(0x10ffff)]), .char(Unicode.Scalar(0x10ffff)!))
        for bad: UInt32 in [0xd800, 0xdfff, 0x110000] {
            XCTAssertComponentTrap("converted integer out of range for `char`") { try f.call([.u32(bad)]) }
        }
    }

    func testStringArgumentIsCopiedWithOneRealloc() throws {
        let g = try Guest(recorder("take", 2))
        try g.lift("take", [.string], nil).call([.string("hö☃")])
        XCTAssertEqual(g.reallocCalls, [[0, 0, 1, 6]])
        XCTAssertEqual(try g.u32(0), 1024)
        XCTAssertEqual(try g.u32(4), 6)
        XCTAssertEqual(try g.bytes(1024, 6), [0x68, 0xc3, 0xb6, 0xe2, 0x98, 0x83])
    }

    func testEmptyStringAndListStillCallRealloc() throws {
        let g = try Guest(recorder("take", 2))
        try g.lift("take", [.string], nil).call([.string("")])
        try g.lift("take", [.list(.u32)], nil).call([.list([])])
        XCTAssertEqual(g.reallocCalls, [[0, 0, 1, 0], [0, 0, 4, 0]])
    }

    func testHostStringsIntoUTF16AllocateTheWorstCaseThenShrink() throws {
        let g = try Guest(recorder("take", 2))
        try g.lift("take", [.string], nil, .utf16).call([.string("hö🍰")])
        // "hö🍰" is 7 UTF-8 bytes → worst case 14 bytes; it is 4 UTF-16 code units (8 bytes).
        XCTAssertEqual(g.reallocCalls, [[0, 0, 2, 14], [1024, 14, 2, 8]])
        XCTAssertEqual(try g.u32(4), 4)
        XCTAssertEqual(try g.bytes(1024, 8), [0x68, 0, 0xf6, 0, 0x3c, 0xd8, 0x70, 0xdf])
    }

    func testHostStringsIntoLatin1UTF16() throws {
        let g = try Guest(recorder("take", 2))
        let f = try g.lift("take", [.string], nil, .latin1UTF16)
        try f.call([.string("grün")])
        // 5 UTF-8 bytes guessed as 5 Latin-1 bytes, shrunk to 4.
        XCTAssertEqual(g.reallocCalls, [[0, 0, 2, 5], [1024, 5, 2, 4]])
        XCTAssertEqual(try g.u32(4), 4)
        XCTAssertEqual(try g.bytes(1024, 4), [0x67, 0x72, 0xfc, 0x6e])

        try f.call([.string("ö☃")])
        // Latin-1 "ö" written, then ☃: grow to 2 × 5 bytes, inflate, finish, shrink to 4 bytes.
        XCTAssertEqual(g.reallocCalls.dropFirst(2), [[0, 0, 2, 5], [1030, 5, 2, 10], [1036, 10, 2, 4]])
        XCTAssertEqual(try g.u32(4), 0x8000_0002)
        XCTAssertEqual(try g.u32(0), 1036)
        XCTAssertEqual(try g.bytes(1036, 4), [0xf6, 0, 0x03, 0x26])
    }

    func testListsRecordsAndVariantsInMemory() throws {
        let g = try Guest(recorder("take", 2))
        let point = ComponentValueType.record([ComponentField(name: "x", type: .u8), ComponentField(name: "y", type: .u32)])
        try g.lift("take", [.list(point)], nil).call([.list([
            .record([(name: "x", value: .u8(1)), (name: "y", value: .u32(0x0102_0304))]),
            .record([(name: "x", value: .u8(2)), (name: "y", value: .u32(5))]),
        ])])
        XCTAssertEqual(g.reallocCalls, [[0, 0, 4, 16]])
        XCTAssertEqual(try g.u32(4), 2)
        XCTAssertEqual(try g.bytes(1024, 16), [1, 0, 0, 0, 4, 3, 2, 1, 2, 0, 0, 0, 5, 0, 0, 0])

        let g2 = try Guest(recorder("take", 2))
        try g2.lift("take", [.list(.option(.u16))], nil).call([.list([.option(.u16(0xabcd)), .option(nil)])])
        XCTAssertEqual(try g2.bytes(1024, 8), [1, 0, 0xcd, 0xab, 0, 0, 0, 0])
    }

    func testListOfStringsAllocatesTheListThenEachString() throws {
        let g = try Guest(recorder("take", 2))
        try g.lift("take", [.list(.string)], nil).call([.list([.string("ab"), .string("c")])])
        XCTAssertEqual(g.reallocCalls, [[0, 0, 4, 16], [0, 0, 1, 2], [0, 0, 1, 1]])
        XCTAssertEqual(try g.bytes(1024, 16), [0x10, 4, 0, 0, 2, 0, 0, 0, 0x12, 4, 0, 0, 1, 0, 0, 0])
        XCTAssertEqual(try g.bytes(1040, 3), Array("abc".utf8))
    }

    func testFlatVariantsJoinPayloadSlots() throws {
        let g = try Guest("""
            (func (export "take") (param i32 i64) (i32.store (i32.const 0) (local.get 0)) (i64.store (i32.const 8) (local.get 1)))
            (func (export "give") (param i32 i64) (result i32) (local.get 0))
            """)
        let mix = ComponentValueType.variant([ComponentCase(name: "f", payload: .f32), ComponentCase(name: "l", payload: .u64)])
        try g.lift("take", [mix], nil).call([.variant(caseName: "f", payload: .f32(bitPattern: 0x4049_0fdb))])
        XCTAssertEqual(try g.u32(0), 0)
        XCTAssertEqual(try g.memory.load(UInt64.self, at: 8), 0x4049_0fdb)
        try g.lift("take", [mix], nil).call([.variant(caseName: "l", payload: .u64(0xfedc_ba98_7654_3210))])
        XCTAssertEqual(try g.u32(0), 1)
        XCTAssertEqual(try g.memory.load(UInt64.self, at: 8), 0xfedc_ba98_7654_3210)
    }

    func testLiftingJoinedSlotsKeepsTheCaseBits() throws {
        let g = try Guest("(func (export \"f\") (param i32 i64) (result i32 i64) (local.get 0) (local.get 1))")
        // Two flat results would spill; lift directly with the flat machinery instead.
        let cx = LiftLowerContext(options: try g.options(), instance: g.state, borrowScope: .none, boundary: .component)
        let wide = ComponentValueType.variant([ComponentCase(name: "a", payload: .u16), ComponentCase(name: "b", payload: .u64)])
        XCTAssertEqual(try cx.liftFlat(FlatReader([.i32(0), .i64(0xff_0000_0004)]), wide), .variant(caseName: "a", payload: .u16(4)))
        let mix = ComponentValueType.variant([ComponentCase(name: "f", payload: .f32), ComponentCase(name: "l", payload: .u64)])
        XCTAssertEqual(try cx.liftFlat(FlatReader([.i32(0), .i64(0xffff_ffff_4049_0fdb)]), mix),
                       .variant(caseName: "f", payload: .f32(bitPattern: 0x4049_0fdb)))
        XCTAssertEqual(try cx.lowerFlat(.variant(caseName: "a", payload: .u16(9)), wide), [.i32(0), .i64(9)])
        XCTAssertEqual(try cx.lowerFlat(.option(nil), .option(.f64)), [.i32(0), .f64(0)])
    }

    func testResultsThroughTheReturnArea() throws {
        let g = try Guest(identity)
        try g.write32([8, 3, 0x8000_0000], 64)
        try g.write(Array("abc".utf8), 8)
        XCTAssertEqual(try g.lift("ret64", [], .string).call([]), .string("abc"))
        XCTAssertEqual(try g.lift("ret64", [], .tuple([.u32, .u32, .u32])).call([]),
                       .tuple([.u32(8), .u32(3), .u32(0x8000_0000)]))
        XCTAssertEqual(try g.lift("ret64", [], .list(.u8)).call([]), .list([.u8(0x61), .u8(0x62), .u8(0x63)]))
        try g.write([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff], 64)
        XCTAssertEqual(try g.lift("ret64", [], .result(ok: .u8, error: .s32)).call([]),
                       .result(isError: true, payload: .s32(-1)))
        XCTAssertEqual(try g.lift("ret64", [], .option(.option(.u8))).call([]), .option(.option(nil)))
    }

    func testFlagsIgnoreUnknownBits() throws {
        let g = try Guest(identity)
        let f9 = ComponentValueType.flags((1 ... 9).map { "f\($0)" })
        XCTAssertEqual(try g.lift("id32", [.u32], f9).call([.u32(0xffff_ff11)]), .flags(["f1", "f5", "f9"]))
        let flags = ComponentValueType.flags(["a", "b", "c"])
        XCTAssertEqual(try g.lift("id32", [flags], .u32).call([.flags(["c", "a"])]), .u32(5))
    }

    func testSpilledParametersGoThroughRealloc() throws {
        let g = try Guest(recorder("take", 1))
        let seventeen = [ComponentValueType](repeating: .u8, count: 17)
        try g.lift("take", seventeen, nil).call((0 ..< 17).map { .u8(UInt8($0)) })
        XCTAssertEqual(g.reallocCalls, [[0, 0, 1, 17]])
        XCTAssertEqual(try g.u32(0), 1024)
        XCTAssertEqual(try g.bytes(1024, 17), Array(0 ..< 17))
    }

    func testPostReturnGetsTheCoreResultsAfterLifting() throws {
        let g = try Guest(identity + """
            (global $seen (mut i32) (i32.const -1))
            (func (export "post") (param i32) (global.set $seen (local.get 0)) (i32.store (i32.const 68) (i32.const 0)))
            (func (export "seen") (result i32) (global.get $seen))
            """)
        try g.write32([8, 2], 64)
        try g.write(Array("ok".utf8), 8)
        XCTAssertEqual(try g.lift("ret64", [], .string, postReturn: "post").call([]), .string("ok"))
        XCTAssertEqual(try g.function("seen").call([]), [.i32(64)])
        XCTAssertEqual(try g.u32(68), 0)
    }

    func testHostArgumentsAreTypeChecked() throws {
        let g = try Guest(identity)
        let f = ComponentFunction.lifted(try g.function("id32"), name: "multiply",
                                         type: ComponentFunctionType(parameters: [ComponentField(name: "num", type: .s32)], result: .s32),
                                         options: CanonicalOptions(), instance: g.state)
        XCTAssertThrowsError(try f.call([.string("ten")])) { error in
            XCTAssertEqual("\(error)", "function \"multiply\", parameter \"num\": expected s32, found string")
        }
        let record = ComponentValueType.record([ComponentField(name: "name", type: .string), ComponentField(name: "num", type: .s32)])
        let r = ComponentFunction.lifted(try g.function("id32"), name: "multiply",
                                         type: ComponentFunctionType(parameters: [ComponentField(name: "input", type: record)], result: nil),
                                         options: CanonicalOptions(), instance: g.state)
        XCTAssertThrowsError(try r.call([.record([(name: "name", value: .string("Rust")), (name: "num", value: .u8(3))])])) { error in
            XCTAssertEqual("\(error)", "function \"multiply\", parameter \"input\", num: expected s32, found u8")
        }
    }
}
