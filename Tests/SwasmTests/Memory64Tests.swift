import XCTest
import Swasm
import SwasmText

/// memory64 and table64 (WebAssembly 3.0): i64 addresses and indices, bounds checks that
/// cannot wrap (at 2^32 and near 2^64), grow returning -1 as an i64, mixed address types in
/// bulk operations, import matching and the API's 64-bit accessors.
final class Memory64Tests: XCTestCase {
    static let source = """
    (module
      (memory $m (export "mem") i64 1 4)
      (memory $small (export "small") 1)
      (data (memory $m) (i64.const 16) "\\01\\02\\03\\04\\05\\06\\07\\08")
      (data $passive "\\aa\\bb\\cc")
      (func (export "load32") (param i64) (result i32) (i32.load (local.get 0)))
      (func (export "load64") (param i64) (result i64) (i64.load (local.get 0)))
      (func (export "load8s") (param i64) (result i32) (i32.load8_s offset=1 (local.get 0)))
      (func (export "load16u") (param i64) (result i64) (i64.load16_u (local.get 0)))
      (func (export "load32s") (param i64) (result i64) (i64.load32_s (local.get 0)))
      (func (export "store32") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
      (func (export "store16") (param i64 i64) (i64.store16 offset=2 (local.get 0) (local.get 1)))
      (func (export "store64") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
      ;; a static offset just below 2^64: address + offset + 8 passes 2^64 for any address >= 1
      (func (export "load_high_offset") (param i64) (result i64)
        (i64.load offset=0xffff_ffff_ffff_fff8 (local.get 0)))
      (func (export "load_const_offset") (result i32) (i32.load8_u offset=0x1_0000_0000 (i64.const 0)))
      (func (export "size") (result i64) (memory.size))
      (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
      (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
      (func (export "copy") (param i64 i64 i64) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
      ;; between a 64-bit and a 32-bit memory: the count is an i32 (the smaller address type)
      (func (export "copy_to_small") (param i32 i64 i32) (memory.copy $small $m (local.get 0) (local.get 1) (local.get 2)))
      (func (export "copy_from_small") (param i64 i32 i32) (memory.copy $m $small (local.get 0) (local.get 1) (local.get 2)))
      (func (export "init") (param i64 i32 i32) (memory.init $m $passive (local.get 0) (local.get 1) (local.get 2)))
      (func (export "small_load") (param i32) (result i32) (i32.load8_u $small (local.get 0)))
      (func (export "v128_load_lane") (param i64) (result i64)
        (i64x2.extract_lane 1 (v128.load (local.get 0))))
      (func (export "v128_store_high_offset") (param i64)
        (v128.store offset=0xffff_ffff_ffff_fff0 (local.get 0) (v128.const i64x2 0 0)))
      (func (export "load8_lane") (param i64) (result i32)
        (i8x16.extract_lane_u 3 (v128.load8_lane 3 (local.get 0) (v128.const i64x2 0 0))))
    )
    """

    static let tableSource = """
    (module
      (type $ret (func (result i32)))
      (table $t (export "table") i64 3 5 funcref)
      (elem (table $t) (i64.const 1) func $seven $nine)
      (func $seven (result i32) (i32.const 7))
      (func $nine (result i32) (i32.const 9))
      (func (export "call") (param i64) (result i32) (call_indirect $t (type $ret) (local.get 0)))
      (func (export "tail") (param i64) (result i32) (return_call_indirect $t (type $ret) (local.get 0)))
      (func (export "size") (result i64) (table.size $t))
      (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0)))
      (func (export "is_null") (param i64) (result i32) (ref.is_null (table.get $t (local.get 0))))
      (func (export "set_null") (param i64) (table.set $t (local.get 0) (ref.null func)))
      (func (export "fill") (param i64 i64) (table.fill $t (local.get 0) (ref.func $seven) (local.get 1)))
    )
    """

    func instance(_ source: String = source, configuration: Configuration = Configuration()) throws -> Instance {
        try Store(configuration: configuration).instantiate(Module(text: source))
    }

    func i32(_ values: [Value]) -> UInt32? {
        guard values.count == 1, case .i32(let v) = values[0] else { return nil }
        return v
    }

    func i64(_ values: [Value]) -> UInt64? {
        guard values.count == 1, case .i64(let v) = values[0] else { return nil }
        return v
    }

    func assertTrap(_ kind: Trap.Kind, _ body: @autoclosure () throws -> [Value], line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            XCTAssertEqual((error as? Trap)?.kind, kind, "\(error)", line: line)
        }
    }

    // MARK: Loads and stores

    func testLoadsAndStoresTakeI64Addresses() throws {
        let instance = try instance()
        XCTAssertEqual(i64(try instance.call("load64", [.i64(16)])), 0x0807_0605_0403_0201)
        XCTAssertEqual(i32(try instance.call("load32", [.i64(17)])), 0x0504_0302)
        XCTAssertEqual(i32(try instance.call("load8s", [.i64(15)])), 1)
        try instance.call("store32", [.i64(65_532), .i32(0xDEAD_BEEF)])
        XCTAssertEqual(i32(try instance.call("load32", [.i64(65_532)])), 0xDEAD_BEEF)
        XCTAssertEqual(i64(try instance.call("load16u", [.i64(65_534)])), 0xDEAD)
        XCTAssertEqual(i64(try instance.call("load32s", [.i64(65_532)])), 0xFFFF_FFFF_DEAD_BEEF)
        try instance.call("store16", [.i64(100), .i64(0x1234_5678)])
        XCTAssertEqual(try instance.memory("mem").loadUInt16(at: 102), 0x5678)
    }

    func testAccessesPast4GiBTrapInsteadOfWrapping() throws {
        let instance = try instance()
        // 2^32 + 16 would read the data segment if the address wrapped at 32 bits.
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load64", [.i64(0x1_0000_0010)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load32", [.i64(0x8000_0000_0000_0000)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("store32", [.i64(0x1_0000_0000), .i32(1)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load_const_offset"))
        // The last bytes of the page, and one byte past them.
        XCTAssertEqual(i32(try instance.call("load32", [.i64(65_532)])), 0)
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load32", [.i64(65_533)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load8s", [.i64(65_535)]))
    }

    func testOffsetOverflowNear2To64Traps() throws {
        let instance = try instance()
        // 8 + (2^64 - 8) = 2^64 (0 if it wrapped); 2^64 - 1 + 1 likewise.
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load_high_offset", [.i64(8)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load_high_offset", [.i64(24)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load_high_offset", [.i64(0)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load8s", [.i64(UInt64.max)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load64", [.i64(UInt64.max - 3)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("v128_store_high_offset", [.i64(16)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("v128_store_high_offset", [.i64(0x20)]))
    }

    func testAMemoryLargerThan4GiB() throws {
        // 65,537 pages: one page past 4 GiB (address space reserved, only touched pages used).
        let source = """
        (module
          (memory (export "mem") i64 65537 65537)
          (func (export "store") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
          (func (export "load") (param i64) (result i64) (i64.load (local.get 0)))
          (func (export "load_v128") (param i64) (result i64) (i64x2.extract_lane 0 (v128.load (local.get 0))))
          (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
          (func (export "size") (result i64) (memory.size)))
        """
        let instance = try instance(source)
        XCTAssertEqual(i64(try instance.call("size")), 65_537)
        try instance.call("store", [.i64(0x1_0000_0008), .i64(0x1122_3344_5566_7788)])
        XCTAssertEqual(i64(try instance.call("load", [.i64(0x1_0000_0008)])), 0x1122_3344_5566_7788)
        XCTAssertEqual(i64(try instance.call("load_v128", [.i64(0x1_0000_0008)])), 0x1122_3344_5566_7788)
        XCTAssertEqual(i64(try instance.call("load", [.i64(8)])), 0, "2^32 + 8 must not alias 8")
        let end: UInt64 = 65_537 * 65_536
        try instance.call("fill", [.i64(end - 4), .i32(0xAB), .i64(4)])
        XCTAssertEqual(i64(try instance.call("load", [.i64(end - 8)])), 0xABAB_ABAB_0000_0000)
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load", [.i64(end - 7)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("fill", [.i64(end - 4), .i32(0), .i64(5)]))
        let memory = try instance.memory("mem")
        XCTAssertEqual(try memory.load(UInt64.self, at: UInt64(0x1_0000_0008)), 0x1122_3344_5566_7788)
        XCTAssertEqual(try memory.loadUInt64(at: 0x1_0000_0008), 0x1122_3344_5566_7788)
    }

    func testSIMDOnA64BitMemory() throws {
        let instance = try instance()
        XCTAssertEqual(i64(try instance.call("v128_load_lane", [.i64(8)])), 0x0807_0605_0403_0201)
        XCTAssertEqual(i32(try instance.call("load8_lane", [.i64(18)])), 3)
        XCTAssertEqual(i64(try instance.call("v128_load_lane", [.i64(65_520)])), 0)
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("v128_load_lane", [.i64(65_521)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("v128_load_lane", [.i64(0x1_0000_0000)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("load8_lane", [.i64(UInt64.max)]))
    }

    // MARK: Size, grow, bulk operations

    func testGrowReturnsTheOldSizeOrMinusOneAsI64() throws {
        let instance = try instance()
        XCTAssertEqual(i64(try instance.call("size")), 1)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(2)])), 1)
        XCTAssertEqual(i64(try instance.call("size")), 3)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(2)])), UInt64.max, "past the maximum of 4 pages")
        XCTAssertEqual(i64(try instance.call("grow", [.i64(0x1_0000_0001)])), UInt64.max, "not truncated to 1")
        XCTAssertEqual(i64(try instance.call("grow", [.i64(UInt64.max)])), UInt64.max)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(1)])), 3)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(0)])), 4)
        XCTAssertEqual(i32(try instance.call("load32", [.i64(4 * 65_536 - 4)])), 0)
    }

    func testGrowPastTheReservationReturnsMinusOne() throws {
        // No maximum: 2^48 pages allowed, but only 4 pages of address space reserved.
        var configuration = Configuration()
        configuration.memory64ReservationPages = 4
        let source = """
        (module (memory i64 1)
          (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))
        """
        let instance = try instance(source, configuration: configuration)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(3)])), 1)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(1)])), UInt64.max)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(1 << 48)])), UInt64.max)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(0)])), 4)
        // A minimum beyond the reservation cannot be instantiated (an error, not a crash).
        XCTAssertThrowsError(try self.instance("(module (memory i64 5))", configuration: configuration)) { error in
            XCTAssertTrue("\(error)".contains("memory of 5 pages"), "\(error)")
        }
    }

    func testFillCopyAndInitTakeI64Operands() throws {
        let instance = try instance()
        let memory = try instance.memory("mem")
        try instance.call("fill", [.i64(1000), .i32(0x5A), .i64(3)])
        XCTAssertEqual(try memory.read(at: 999, count: 5), [0, 0x5A, 0x5A, 0x5A, 0])
        try instance.call("copy", [.i64(2000), .i64(16), .i64(8)])
        XCTAssertEqual(try memory.read(at: UInt64(2000), count: 8), [1, 2, 3, 4, 5, 6, 7, 8])
        try instance.call("init", [.i64(3000), .i32(1), .i32(2)])
        XCTAssertEqual(try memory.read(at: 3000, count: 3), [0xBB, 0xCC, 0])
        // Counts and addresses that would fit if truncated to 32 bits.
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("fill", [.i64(0), .i32(0), .i64(0x1_0000_0001)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("fill", [.i64(0x1_0000_0000), .i32(0), .i64(0)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("fill", [.i64(UInt64.max), .i32(0), .i64(2)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("copy", [.i64(0), .i64(0x1_0000_0000), .i64(1)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("copy", [.i64(1), .i64(0), .i64(UInt64.max)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("init", [.i64(0x1_0000_0000), .i32(0), .i32(1)]))
        // Zero bytes at the end are in bounds; one past the end is not.
        try instance.call("fill", [.i64(65_536), .i32(0), .i64(0)])
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("fill", [.i64(65_537), .i32(0), .i64(0)]))
    }

    func testCopyBetween64And32BitMemories() throws {
        let instance = try instance()
        try instance.call("copy_to_small", [.i32(40), .i64(16), .i32(4)])
        XCTAssertEqual(i32(try instance.call("small_load", [.i32(43)])), 4)
        try instance.call("copy_from_small", [.i64(500), .i32(40), .i32(4)])
        XCTAssertEqual(i32(try instance.call("load32", [.i64(500)])), 0x0403_0201)
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("copy_to_small", [.i32(0), .i64(0x1_0000_0010), .i32(1)]))
        assertTrap(.outOfBoundsMemoryAccess, try instance.call("copy_from_small", [.i64(0x1_0000_0000), .i32(0), .i32(1)]))
    }

    func testMixedAddressTypesAreValidated() throws {
        // memory.copy between i64 and i32 memories takes [i32 i64 i32]: an i64 count is invalid.
        let bad = """
        (module (memory $a i64 1) (memory $b 1)
          (func (memory.copy $b $a (i32.const 0) (i64.const 0) (i64.const 1))))
        """
        XCTAssertThrowsError(try Module(text: bad)) { error in
            XCTAssertEqual((error as? ModuleError)?.kind, .invalid, "\(error)")
            XCTAssertTrue("\(error)".contains("type mismatch"), "\(error)")
        }
        // An i32 address on a 64-bit memory.
        XCTAssertThrowsError(try Module(text: "(module (memory i64 1) (func (drop (i32.load (i32.const 0)))))")) { error in
            XCTAssertEqual((error as? ModuleError)?.kind, .invalid, "\(error)")
        }
        // An offset of 2^32 is only valid on a 64-bit memory.
        XCTAssertNoThrow(try Module(text: "(module (memory i64 1) (func (drop (i32.load offset=0x1_0000_0000 (i64.const 0)))))"))
        XCTAssertThrowsError(try Module(text: "(module (memory 1) (func (drop (i32.load offset=0x1_0000_0000 (i32.const 0)))))")) { error in
            XCTAssertTrue("\(error)".contains("offset out of range"), "\(error)")
        }
        // Limits up to 2^48 pages for a 64-bit memory, 2^16 for a 32-bit one.
        XCTAssertNoThrow(try Module(text: "(module (memory i64 0 0x1_0000_0000_0000))"))
        XCTAssertThrowsError(try Module(text: "(module (memory i64 0 0x1_0000_0000_0001))")) { error in
            XCTAssertTrue("\(error)".contains("memory size"), "\(error)")
        }
        // Without the feature a 64-bit memory does not decode.
        XCTAssertThrowsError(try Module(text: "(module (memory i64 1))", features: .wasm2)) { error in
            XCTAssertEqual((error as? ModuleError)?.kind, .malformed, "\(error)")
        }
    }

    func testDataSegmentAtAnI64Offset() throws {
        let source = """
        (module (memory (export "mem") i64 1) (data (i64.const 0xfffe) "\\11\\22"))
        """
        let instance = try instance(source)
        XCTAssertEqual(try instance.memory("mem").loadUInt16(at: 0xFFFE), 0x2211)
        XCTAssertThrowsError(try self.instance("(module (memory i64 1) (data (i64.const 0x1_0000_0000) \"x\"))")) { error in
            XCTAssertEqual((error as? Trap)?.kind, .outOfBoundsMemoryAccess, "\(error)")
        }
    }

    // MARK: Imports and the API

    func testA64BitMemoryOnlyMatchesA64BitImport() throws {
        let store = Store()
        let memory64 = try Memory(store: store, type: MemoryType(limits: Limits(min: 1), is64: true))
        let memory32 = try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))
        XCTAssertTrue(memory64.is64)
        XCTAssertEqual(memory64.type, MemoryType(limits: Limits(min: 1), is64: true))
        XCTAssertFalse(memory32.is64)
        let wants64 = try Module(text: "(module (import \"m\" \"mem\" (memory i64 1)))")
        let wants32 = try Module(text: "(module (import \"m\" \"mem\" (memory 1)))")
        var imports = Imports()
        imports.define(module: "m", name: "mem", .memory(memory64))
        XCTAssertNoThrow(try store.instantiate(wants64, imports: imports))
        XCTAssertThrowsError(try store.instantiate(wants32, imports: imports)) { error in
            XCTAssertTrue("\(error)".contains("incompatible import type"), "\(error)")
        }
        imports.define(module: "m", name: "mem", .memory(memory32))
        XCTAssertNoThrow(try store.instantiate(wants32, imports: imports))
        XCTAssertThrowsError(try store.instantiate(wants64, imports: imports)) { error in
            XCTAssertTrue("\(error)".contains("incompatible import type"), "\(error)")
        }
    }

    func testHostAccessorsTake64BitAddresses() throws {
        let instance = try instance()
        let memory = try instance.memory("mem")
        XCTAssertTrue(memory.is64)
        try memory.store(UInt32(0xCAFE_F00D), at: UInt64(40))
        XCTAssertEqual(i32(try instance.call("load32", [.i64(40)])), 0xCAFE_F00D)
        try memory.write([9, 8, 7], at: UInt64(44))
        XCTAssertEqual(try memory.read(at: UInt64(44), count: 3), [9, 8, 7])
        try memory.writeString("hi", at: UInt64(50))
        XCTAssertEqual(try memory.readString(at: UInt64(50), count: 2), "hi")
        XCTAssertThrowsError(try memory.read(at: UInt64.max, count: 1)) { error in
            XCTAssertTrue(error is MemoryAccessError, "\(error)")
        }
        XCTAssertThrowsError(try memory.load(UInt8.self, at: UInt64(1) << 32)) { error in
            XCTAssertTrue(error is MemoryAccessError, "\(error)")
        }
        XCTAssertEqual(memory.grow(by: 1), 1)
        XCTAssertEqual(memory.grow(by: 3), nil, "past the maximum")
        XCTAssertEqual(i64(try instance.call("size")), 2)
    }

    // MARK: table64

    func testCallIndirectThroughATable64() throws {
        let instance = try instance(Self.tableSource)
        XCTAssertEqual(i32(try instance.call("call", [.i64(1)])), 7)
        XCTAssertEqual(i32(try instance.call("call", [.i64(2)])), 9)
        XCTAssertEqual(i32(try instance.call("tail", [.i64(2)])), 9)
        assertTrap(.uninitializedElement, try instance.call("call", [.i64(0)]))
        assertTrap(.undefinedElement, try instance.call("call", [.i64(3)]))
        // 2^32 + 1 would call $seven if the index were truncated to 32 bits.
        assertTrap(.undefinedElement, try instance.call("call", [.i64(0x1_0000_0001)]))
        assertTrap(.undefinedElement, try instance.call("tail", [.i64(0x1_0000_0002)]))
        assertTrap(.undefinedElement, try instance.call("call", [.i64(UInt64.max)]))
    }

    func testTable64SizeGrowGetSetFill() throws {
        let instance = try instance(Self.tableSource)
        XCTAssertEqual(i64(try instance.call("size")), 3)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(1)])), 3)
        XCTAssertEqual(i64(try instance.call("grow", [.i64(2)])), UInt64.max, "past the maximum of 5")
        XCTAssertEqual(i64(try instance.call("grow", [.i64(0x1_0000_0001)])), UInt64.max)
        XCTAssertEqual(i64(try instance.call("size")), 4)
        XCTAssertEqual(i32(try instance.call("is_null", [.i64(1)])), 0)
        try instance.call("set_null", [.i64(1)])
        XCTAssertEqual(i32(try instance.call("is_null", [.i64(1)])), 1)
        assertTrap(.outOfBoundsTableAccess, try instance.call("is_null", [.i64(0x1_0000_0000)]))
        assertTrap(.outOfBoundsTableAccess, try instance.call("set_null", [.i64(4)]))
        try instance.call("fill", [.i64(2), .i64(2)])
        XCTAssertEqual(i32(try instance.call("call", [.i64(3)])), 7)
        assertTrap(.outOfBoundsTableAccess, try instance.call("fill", [.i64(1), .i64(UInt64.max)]))
        assertTrap(.outOfBoundsTableAccess, try instance.call("fill", [.i64(UInt64.max), .i64(2)]))
        let table = try instance.table("table")
        XCTAssertTrue(table.is64)
        XCTAssertEqual(table.type, TableType(elementType: .funcRef, limits: Limits(min: 4, max: 5), is64: true))
        XCTAssertNil(table.element(at: UInt64(1) << 40))
        XCTAssertNotNil(table.element(at: UInt64(3)))
    }
}
