import XCTest
import Swasm
import SwasmText

/// Fused instructions compute what the wasm instructions they replace compute, including at
/// the edges (wrapping, immediates that do not fit the fused form), and the translator picks them.
final class FusionTests: XCTestCase {
    static let source = """
    (module
      ;; `b * imm + c`: i32.mul by a constant, then i32.add / i64.add (either operand order)
      (func (export "mul_add32") (param i32 i32) (result i32)
        (i32.add (i32.mul (local.get 0) (i32.const 31)) (local.get 1)))
      (func (export "add_mul32") (param i32 i32) (result i32)
        (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const -7))))
      (func (export "mul_add64") (param i64 i64) (result i64)
        (i64.add (i64.mul (local.get 0) (i64.const 1000003)) (local.get 1)))
      ;; the multiplication reads the accumulator (its operand was computed just before)
      (func (export "mul_add64_acc") (param i64 i64) (result i64)
        (i64.add (i64.mul (i64.xor (local.get 0) (local.get 1)) (i64.const 0x100000001b3)) (local.get 1)))
      ;; an i64 loop counter compared with a constant: a 32-bit immediate in the branch
      (func (export "count_to") (param i64) (result i64)
        (local i64)
        (loop $l
          (local.set 1 (i64.add (local.get 1) (i64.const 1)))
          (br_if $l (i64.ne (i64.add (local.get 0) (local.get 1)) (i64.const -2))))
        (local.get 1))
      ;; a constant too wide for the branch's immediate stays a comparison
      (func (export "below_wide") (param i64) (result i32)
        (block $b
          (br_if $b (i64.lt_u (local.get 0) (i64.const 0x100000002)))
          (return (i32.const 0)))
        (i32.const 1))
      (func (export "signed_imm") (param i64) (result i32)
        (block $b
          (br_if $b (i64.gt_s (local.get 0) (i64.const -5)))
          (return (i32.const 0)))
        (i32.const 1))
    )
    """

    func testMultiplyAddWrapsAndMatchesTheTwoInstructions() throws {
        let module = try Module(bytes: WAT.encode(Self.source))
        let instance = try Store().instantiate(module)
        let mulAdd32 = try instance.function("mul_add32").typed(Int32.self, Int32.self, returning: Int32.self)
        let addMul32 = try instance.function("add_mul32").typed(Int32.self, Int32.self, returning: Int32.self)
        let mulAdd64 = try instance.function("mul_add64").typed(Int64.self, Int64.self, returning: Int64.self)
        let mulAdd64Acc = try instance.function("mul_add64_acc").typed(Int64.self, Int64.self, returning: Int64.self)
        for (a, b) in [(Int32(3), Int32(4)), (.max, 1), (.min, -1), (-123_456_789, 987_654_321)] {
            XCTAssertEqual(try mulAdd32(a, b), a &* 31 &+ b)
            XCTAssertEqual(try addMul32(a, b), b &+ a &* -7)
            let (x, y) = (Int64(a) &* 0x1234_5678_9, Int64(b))
            XCTAssertEqual(try mulAdd64(x, y), x &* 1_000_003 &+ y)
            XCTAssertEqual(try mulAdd64Acc(x, y), (x ^ y) &* 0x100000001b3 &+ y)
        }
        let listing = module.internalCodeListing()
        XCTAssertTrue(listing.contains("i32MulImmAdd"), listing)
        XCTAssertTrue(listing.contains("i64MulImmAdd"), listing)
    }

    func testI64BranchesOnImmediatesKeepTheirMeaning() throws {
        let module = try Module(bytes: WAT.encode(Self.source))
        let instance = try Store().instantiate(module)
        let countTo = try instance.function("count_to").typed(Int64.self, returning: Int64.self)
        XCTAssertEqual(try countTo(-12), 10)
        XCTAssertEqual(try countTo(-3), 1)
        let belowWide = try instance.function("below_wide").typed(Int64.self, returning: Int32.self)
        XCTAssertEqual(try belowWide(0x1_0000_0001), 1)
        XCTAssertEqual(try belowWide(0x1_0000_0002), 0)
        XCTAssertEqual(try belowWide(2), 1)  // would be "not below 2" if the constant were cut to 32 bits
        let signedImm = try instance.function("signed_imm").typed(Int64.self, returning: Int32.self)
        XCTAssertEqual(try signedImm(-4), 1)
        XCTAssertEqual(try signedImm(-5), 0)
        XCTAssertEqual(try signedImm(0xFFFF_FFFB), 1)  // -5 sign-extended, not zero-extended
        XCTAssertEqual(try signedImm(.min), 0)
        let listing = module.internalCodeListing()
        XCTAssertTrue(listing.contains("brIfI64NeImm"), listing)
        XCTAssertTrue(listing.contains("brIfI64GtSImm"), listing)
        XCTAssertFalse(listing.contains("brIfI64LtUImm"), listing)
    }
}

/// The shadow-stack prologue (`global.get; i32.const; i32.add; local.tee; global.set`) is one
/// instruction that writes what the four wrote: the global, the tee'd local and the value read.
final class ShadowStackFusionTests: XCTestCase {
    static let source = """
    (module
      (global $sp (mut i32) (i32.const 1024))
      (func (export "frame") (param i32) (result i32)
        (local $old i32) (local $new i32)
        (global.set $sp (local.tee $new (i32.sub (local.tee $old (global.get $sp)) (i32.const 48))))
        ;; old * 65536 + new: both locals hold what the unfused code gives them
        (i32.add (i32.shl (local.get $old) (i32.const 16)) (local.get $new)))
      (func (export "wrap") (result i32)
        (local $new i32)
        (global.set $sp (local.tee $new (i32.add (global.get $sp) (i32.const -2000))))
        (local.get $new))
      (func (export "sp") (result i32) (global.get $sp))
    )
    """

    func testPrologueIsFusedAndWritesTheGlobalAndBothLocals() throws {
        let module = try Module(bytes: WAT.encode(Self.source))
        let instance = try Store().instantiate(module)
        let frame = try instance.function("frame").typed(Int32.self, returning: Int32.self)
        let sp = try instance.function("sp").typed(returning: Int32.self)
        XCTAssertEqual(try frame(0), 1024 << 16 + 976)
        XCTAssertEqual(try sp(), 976)
        XCTAssertEqual(try frame(0), 976 << 16 + 928)
        XCTAssertEqual(try sp(), 928)
        // i32 wrapping: 928 - 2000 below zero
        let wrap = try instance.function("wrap").typed(returning: Int32.self)
        XCTAssertEqual(try wrap(), 928 - 2000)
        XCTAssertEqual(try sp(), 928 - 2000)
        let listing = module.internalCodeListing()
        XCTAssertEqual(listing.components(separatedBy: "globalGetAddImmSet").count - 1, 2, listing)
    }
}

/// Loads and stores keep `offset + width` in their immediate word (one add for the bounds
/// check): the fused forms built from them check the same bounds, up to the largest offsets.
final class MemoryBoundsFusionTests: XCTestCase {
    static let source = """
    (module
      (memory 1)
      (data (i32.const 65532) "\\05\\00\\00\\00")
      ;; load + branch on it (brIfNezLoad32u)
      (func (export "test_at") (param i32) (result i32)
        (block $b (br_if $b (i32.load offset=65532 (local.get 0))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "test_huge") (param i32) (result i32)
        (block $b (br_if $b (i32.load offset=4294967295 (local.get 0))) (return (i32.const 0)))
        (i32.const 1))
      ;; load + compare with an immediate + branch
      (func (export "eq5_at") (param i32) (result i32)
        (block $b (br_if $b (i32.eq (i32.load offset=65532 (local.get 0)) (i32.const 5))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "eq5_huge") (param i32) (result i32)
        (block $b (br_if $b (i32.eq (i32.load offset=4294967292 (local.get 0)) (i32.const 5))) (return (i32.const 0)))
        (i32.const 1))
      ;; read-modify-write in place, and a load fused into an add
      (func (export "bump") (param i32 i32)
        (i32.store offset=65532 (local.get 0) (i32.add (i32.load offset=65532 (local.get 0)) (local.get 1))))
      (func (export "sum_at") (param i32 i32) (result i32)
        (i32.add (local.get 1) (i32.load16_u offset=65532 (local.get 0))))
      (func (export "abs_last") (result i32) (i32.load8_u (i32.const 65535)))
      (func (export "abs_past") (result i32) (i32.load16_u (i32.const 65535)))
    )
    """

    func testFusedAccessesCheckTheSameBoundsAsTheWasmInstructions() throws {
        let module = try Module(bytes: WAT.encode(Self.source))
        let instance = try Store().instantiate(module)
        let testAt = try instance.function("test_at").typed(Int32.self, returning: Int32.self)
        let testHuge = try instance.function("test_huge").typed(Int32.self, returning: Int32.self)
        let eq5At = try instance.function("eq5_at").typed(Int32.self, returning: Int32.self)
        let eq5Huge = try instance.function("eq5_huge").typed(Int32.self, returning: Int32.self)
        let bump = try instance.function("bump").typed(Int32.self, Int32.self)
        let sumAt = try instance.function("sum_at").typed(Int32.self, Int32.self, returning: Int32.self)
        XCTAssertEqual(try testAt(0), 1)
        XCTAssertEqual(try eq5At(0), 1)
        XCTAssertEqual(try sumAt(0, 1), 1 + 5)
        XCTAssertEqual(try sumAt(2, 1), 1)  // the last two bytes
        try bump(0, 7)
        XCTAssertEqual(try eq5At(0), 0)
        XCTAssertEqual(try sumAt(0, 1), 1 + 12)
        for trapping in [{ _ = try testAt(1) }, { _ = try testHuge(0) }, { _ = try eq5At(1) }, { _ = try eq5Huge(0) },
                         { try bump(1, 7) }, { _ = try sumAt(3, 0) }, { _ = try sumAt(-1, 0) }] as [() throws -> Void] {
            XCTAssertThrowsError(try trapping()) { XCTAssertEqual(($0 as? Trap)?.kind, .outOfBoundsMemoryAccess, "\($0)") }
        }
        XCTAssertEqual(try instance.function("abs_last").typed(returning: Int32.self)(), Int32(0))
        XCTAssertThrowsError(try instance.function("abs_past").typed(returning: Int32.self)()) {
            XCTAssertEqual(($0 as? Trap)?.kind, .outOfBoundsMemoryAccess, "\($0)")
        }
        let listing = module.internalCodeListing()
        for fused in ["brIfNezLoad32u", "brIfI32EqImmLoad32u", "InPlace", "load8uAbs"] {
            XCTAssertTrue(listing.contains(fused), "\(fused) not chosen:\n\(listing)")
        }
    }
}
