import XCTest
import Swasm
import SwasmText

/// Multiple memories (WebAssembly 3.0): every memory instruction on a memory other than memory 0,
/// data segments, imports and exports, and the runtime API's access by index.
final class MultiMemoryTests: XCTestCase {
    static let source = """
    (module
      (memory $a (export "first") 2)
      (memory $b (export "second") 1 3)
      (data (memory $b) (i32.const 8) "\\2a\\00\\00\\00")
      (data $passive "\\01\\02\\03\\04")
      (func (export "load0") (param i32) (result i32) (i32.load $a (local.get 0)))
      (func (export "load1") (param i32) (result i32) (i32.load $b (local.get 0)))
      (func (export "load1_8s") (param i32) (result i32) (i32.load8_s $b offset=1 (local.get 0)))
      (func (export "load1_64") (param i32) (result i64) (i64.load $b (local.get 0)))
      (func (export "store1") (param i32 i32) (i32.store $b (local.get 0) (local.get 1)))
      (func (export "store1_16") (param i32 i64) (i64.store16 $b offset=2 (local.get 0) (local.get 1)))
      (func (export "size0") (result i32) (memory.size $a))
      (func (export "size1") (result i32) (memory.size $b))
      (func (export "grow1") (param i32) (result i32) (memory.grow $b (local.get 0)))
      ;; memory.copy $dst $src
      (func (export "copy0to1") (param i32 i32 i32) (memory.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
      (func (export "copy1to0") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
      (func (export "fill1") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
      (func (export "init1") (param i32 i32 i32) (memory.init $b $passive (local.get 0) (local.get 1) (local.get 2)))
      (func (export "simd_roundtrip1") (param i32 i32) (result i64)
        (v128.store $b (local.get 1) (v128.load $b (local.get 0)))
        (i64x2.extract_lane 1 (v128.load $b (local.get 1))))
      (func (export "lane1") (param i32) (result i32)
        (i32x4.extract_lane 2 (v128.load32_lane $b 2 (local.get 0) (v128.const i32x4 0 0 0 0))))
      (func (export "store_lane1") (param i32)
        (v128.store16_lane $b 1 (local.get 0) (v128.const i16x8 0 0x1234 0 0 0 0 0 0)))
    )
    """

    func instance() throws -> Instance {
        try Store().instantiate(Module(text: Self.source))
    }

    func i32(_ values: [Value]) -> UInt32? {
        guard values.count == 1, case .i32(let v) = values[0] else { return nil }
        return v
    }

    func testDataSegmentGoesToMemory1Only() throws {
        let instance = try instance()
        XCTAssertEqual(i32(try instance.call("load1", [.i32(8)])), 42)
        XCTAssertEqual(i32(try instance.call("load0", [.i32(8)])), 0)
        XCTAssertEqual(try instance.memory(at: 1).loadUInt32(at: 8), 42)
        XCTAssertEqual(try instance.memory(at: 0).loadUInt32(at: 8), 0)
    }

    func testCopyBetweenMemoriesInBothDirections() throws {
        let instance = try instance()
        let first = try instance.memory("first"), second = try instance.memory("second")
        try first.write([1, 2, 3, 4, 5], at: 100)
        try instance.call("copy0to1", [.i32(20), .i32(100), .i32(5)])
        XCTAssertEqual(try second.read(at: 19, count: 7), [0, 1, 2, 3, 4, 5, 0])
        XCTAssertEqual(try first.read(at: 20, count: 5), [0, 0, 0, 0, 0])
        // Memory 1's data segment (42 at 8) back into memory 0 at the end of its second page.
        try instance.call("copy1to0", [.i32(131_068), .i32(8), .i32(4)])
        XCTAssertEqual(try first.loadUInt32(at: 131_068), 42)
        // Out of bounds on the source (memory 1 has one page) traps, though memory 0 is larger.
        XCTAssertThrowsError(try instance.call("copy1to0", [.i32(0), .i32(65_535), .i32(2)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .outOfBoundsMemoryAccess)
        }
        XCTAssertThrowsError(try instance.call("copy0to1", [.i32(65_535), .i32(0), .i32(2)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .outOfBoundsMemoryAccess)
        }
        try instance.call("copy0to1", [.i32(65_535), .i32(100), .i32(1)])
        XCTAssertEqual(try second.loadUInt8(at: 65_535), 1)
    }

    func testGrowOfMemory1LeavesMemory0Alone() throws {
        let instance = try instance()
        XCTAssertEqual(i32(try instance.call("size0")), 2)
        XCTAssertEqual(i32(try instance.call("size1")), 1)
        XCTAssertEqual(i32(try instance.call("grow1", [.i32(1)])), 1)
        XCTAssertEqual(i32(try instance.call("size1")), 2)
        XCTAssertEqual(i32(try instance.call("size0")), 2)
        XCTAssertEqual(try instance.memory(at: 1).pageCount, 2)
        // Past the maximum of 3 pages: -1, nothing changes.
        XCTAssertEqual(i32(try instance.call("grow1", [.i32(2)])), UInt32.max)
        XCTAssertEqual(i32(try instance.call("grow1", [.i32(1)])), 2)
        XCTAssertEqual(i32(try instance.call("size1")), 3)
        // The new pages are usable and zero.
        XCTAssertEqual(i32(try instance.call("load1", [.i32(3 * 65_536 - 4)])), 0)
        try instance.call("store1", [.i32(3 * 65_536 - 4), .i32(0xDEAD_BEEF)])
        XCTAssertEqual(i32(try instance.call("load1", [.i32(3 * 65_536 - 4)])), 0xDEAD_BEEF)
    }

    func testOutOfBoundsOnMemory1WhileMemory0IsLarger() throws {
        let instance = try instance()
        func expectTrap(_ name: String, _ arguments: [Value], file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try instance.call(name, arguments), file: file, line: line) { error in
                XCTAssertEqual((error as? Trap)?.kind, .outOfBoundsMemoryAccess, file: file, line: line)
            }
        }
        // Memory 0 has two pages, memory 1 one.
        XCTAssertEqual(i32(try instance.call("load0", [.i32(65_536)])), 0)
        XCTAssertEqual(i32(try instance.call("load1", [.i32(65_532)])), 0)
        expectTrap("load1", [.i32(65_533)])
        expectTrap("load1", [.i32(65_536)])
        expectTrap("load1", [.i32(UInt32.max)])
        expectTrap("load1_8s", [.i32(65_535)])  // offset 1 pushes it out
        expectTrap("load1_64", [.i32(65_529)])
        expectTrap("store1", [.i32(65_533), .i32(1)])
        expectTrap("store1_16", [.i32(65_533), .i64(1)])
        expectTrap("fill1", [.i32(65_000), .i32(7), .i32(537)])
        expectTrap("init1", [.i32(65_534), .i32(0), .i32(3)])
        expectTrap("simd_roundtrip1", [.i32(65_521), .i32(0)])
        expectTrap("lane1", [.i32(65_533)])
        expectTrap("store_lane1", [.i32(65_535)])
        // Nothing was written by the trapping store.
        XCTAssertEqual(try instance.memory(at: 1).loadUInt32(at: 65_532), 0)
    }

    func testStoresFillInitAndSIMDOnMemory1() throws {
        let instance = try instance()
        let second = try instance.memory(at: 1)
        try instance.call("store1", [.i32(100), .i32(0x8081_8283)])
        XCTAssertEqual(try second.loadUInt32(at: 100), 0x8081_8283)
        XCTAssertEqual(i32(try instance.call("load1_8s", [.i32(100)])), UInt32(bitPattern: -126))  // byte 0x82
        try instance.call("store1_16", [.i32(200), .i64(0x1_2345)])
        XCTAssertEqual(try second.read(at: 200, count: 5), [0, 0, 0x45, 0x23, 0])
        try instance.call("fill1", [.i32(300), .i32(0x1AB), .i32(3)])
        XCTAssertEqual(try second.read(at: 299, count: 5), [0, 0xAB, 0xAB, 0xAB, 0])
        try instance.call("init1", [.i32(400), .i32(1), .i32(3)])
        XCTAssertEqual(try second.read(at: 400, count: 4), [2, 3, 4, 0])
        XCTAssertEqual(try instance.memory(at: 0).read(at: 400, count: 4), [0, 0, 0, 0])

        try second.write((0..<16).map { UInt8($0 + 1) }, at: 1000)
        let high = try instance.call("simd_roundtrip1", [.i32(1000), .i32(2000)])
        XCTAssertEqual(high, [.i64(0x100F_0E0D_0C0B_0A09)])
        XCTAssertEqual(try second.read(at: 2000, count: 16), (0..<16).map { UInt8($0 + 1) })
        try second.store(UInt32(0xCAFE_F00D), at: 3000)
        XCTAssertEqual(i32(try instance.call("lane1", [.i32(3000)])), 0xCAFE_F00D)
        try instance.call("store_lane1", [.i32(4000)])
        XCTAssertEqual(try second.read(at: 4000, count: 3), [0x34, 0x12, 0])
        XCTAssertEqual(try instance.memory(at: 0).read(at: 4000, count: 2), [0, 0])
    }

    func testExportAndImportOfMemory1() throws {
        let store = Store()
        let provider = try store.instantiate(Module(text: Self.source))
        XCTAssertEqual(provider.memoryCount, 2)
        XCTAssertEqual(provider.memories.map(\.pageCount), [2, 1])
        var imports = Imports()
        imports.define(module: "p", instance: provider)
        let user = try store.instantiate(Module(text: """
        (module
          (import "p" "second" (memory $theirs 1))
          (import "p" "first" (memory $zero 2))
          (memory $own 1)
          (func (export "write") (param i32 i32) (i32.store $theirs (local.get 0) (local.get 1)))
          (func (export "read") (param i32) (result i32) (i32.load $theirs (local.get 0)))
          (func (export "read_own") (param i32) (result i32) (i32.load $own (local.get 0)))
          (func (export "sizes") (result i32 i32 i32) (memory.size 0) (memory.size 1) (memory.size 2)))
        """), imports: imports)
        // Imports come first in the index space: 0 = "second", 1 = "first", 2 = the module's own.
        XCTAssertEqual(try user.call("sizes"), [.i32(1), .i32(2), .i32(1)])
        try user.call("write", [.i32(16), .i32(77)])
        XCTAssertEqual(i32(try provider.call("load1", [.i32(16)])), 77)
        XCTAssertEqual(i32(try user.call("read", [.i32(8)])), 42)
        XCTAssertEqual(i32(try user.call("read_own", [.i32(8)])), 0)
        try provider.call("grow1", [.i32(1)])
        XCTAssertEqual(try user.call("sizes"), [.i32(2), .i32(2), .i32(1)])
        XCTAssertEqual(try user.memory(at: 0).pageCount, 2)
        XCTAssertThrowsError(try user.memory(at: 3)) { XCTAssertTrue($0 is UsageError) }

        // The import's limits are checked like any memory import's.
        XCTAssertThrowsError(try store.instantiate(Module(text: """
        (module (import "p" "first" (memory 1)) (import "p" "second" (memory 1 2)))
        """), imports: imports)) { XCTAssertTrue($0 is LinkError, "\($0)") }
    }

    func testOneMemoryImportedTwiceGrowsUnderBothIndices() throws {
        let store = Store()
        var imports = Imports()
        imports.define(module: "m", name: "mem", .memory(try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))))
        let instance = try store.instantiate(Module(text: """
        (module
          (import "m" "mem" (memory $x 1))
          (import "m" "mem" (memory $y 1))
          ;; Memory 0's size travels in a register: growing memory 1 (the same memory) must reload it.
          (func (export "grow_then_load") (result i32)
            (drop (memory.grow $y (i32.const 1)))
            (i32.store $y (i32.const 70000) (i32.const 5))
            (i32.add (i32.load $x (i32.const 70000)) (memory.size $x))))
        """), imports: imports)
        XCTAssertEqual(try instance.call("grow_then_load"), [.i32(7)])
    }

    func testValidationNamesTheMissingMemory() throws {
        func expectInvalid(_ text: String, _ message: String, features: Features = .default,
                           file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try Module(bytes: WAT.encode(text), features: features), file: file, line: line) { error in
                guard let error = error as? ModuleError else { return XCTFail("\(error)", file: file, line: line) }
                XCTAssertEqual(error.kind, .invalid, "\(error)", file: file, line: line)
                XCTAssertEqual(error.message, message, file: file, line: line)
            }
        }
        expectInvalid("(module (memory 1) (func (drop (i32.load 1 (i32.const 0)))))", "unknown memory 1")
        expectInvalid("(module (memory 1) (func (drop (memory.size 2))))", "unknown memory 2")
        expectInvalid("(module (memory 1) (func (memory.fill 1 (i32.const 0) (i32.const 0) (i32.const 0))))",
                      "unknown memory 1")
        expectInvalid("(module (memory 1) (func (memory.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0))))",
                      "unknown memory 1")
        expectInvalid("(module (memory 1) (memory 1) (func (drop (v128.load 2 (i32.const 0)))))", "unknown memory 2")
        expectInvalid("(module (memory 1) (data (memory 1) (i32.const 0) \"\"))", "unknown memory 1")
        expectInvalid("(module (memory 1) (export \"m\" (memory 1)))", "unknown memory 1")
        // Under 2.0 rules a second memory is not allowed at all.
        expectInvalid("(module (memory 1) (memory 1))", "multiple memories", features: .wasm2)
    }

    func testMemory0KeepsItsFusedFormsAndOtherMemoriesUseTheGenericOnes() throws {
        let module = try Module(text: """
        (module (memory 1) (memory 1)
          (func (export "f") (param i32) (result i32)
            (i32.add (i32.load 0 (i32.add (local.get 0) (i32.const 4))) (i32.load 1 (local.get 0)))))
        """)
        let listing = module.internalCodeListing()
        XCTAssertTrue(listing.contains("load32uAddImm"), listing)
        XCTAssertTrue(listing.contains("load32uMemory"), listing)
    }
}
