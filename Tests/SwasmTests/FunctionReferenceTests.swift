import XCTest
import Swasm
import SwasmText

/// WebAssembly 3.0 typed function references: `(ref $t)`, `call_ref`, `return_call_ref`,
/// `ref.as_non_null`, `br_on_null`, `br_on_non_null`, non-defaultable locals, table initialisers
/// and the subtyping the validator and the linker use.
final class FunctionReferenceTests: XCTestCase {
    static let source = """
    (module
      (type $unary (func (param i32) (result i32)))
      (type $binary (func (param i32 i32) (result i32)))
      (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
      (func $negate (type $unary) (i32.sub (i32.const 0) (local.get 0)))
      (elem declare func $double $negate)
      ;; a table of non-null references starts out filled with its initialiser
      (table $ops (export "ops") 4 (ref $unary) (ref.func $double))
      (global $chosen (mut (ref null $unary)) (ref.null $unary))

      (func (export "apply") (param $which i32) (param $x i32) (result i32)
        (call_ref $unary (local.get $x)
          (if (result (ref $unary)) (local.get $which)
            (then (ref.func $negate)) (else (ref.func $double)))))
      (func (export "apply_table") (param $slot i32) (param $x i32) (result i32)
        (call_ref $unary (local.get $x) (table.get $ops (local.get $slot))))
      (func (export "set_slot") (param $slot i32)
        (table.set $ops (local.get $slot) (ref.func $negate)))
      (func (export "call_null") (param i32) (result i32)
        (call_ref $unary (local.get 0) (ref.null $unary)))
      (func (export "choose") (param i32)
        (global.set $chosen (if (result (ref null $unary)) (local.get 0)
          (then (ref.func $negate)) (else (ref.null $unary)))))
      (func (export "call_chosen") (param i32) (result i32)
        (call_ref $unary (local.get 0) (ref.as_non_null (global.get $chosen))))
      ;; br_on_null: -1 for null, else the call's result
      (func (export "or_minus_one") (param i32) (result i32)
        (block $null
          (return (call_ref $unary (local.get 0) (br_on_null $null (global.get $chosen)))))
        (i32.const -1))
      ;; br_on_non_null: the reference leaves the block only when it is not null
      (func (export "is_set") (result i32)
        (block $set (result (ref $unary))
          (br_on_non_null $set (global.get $chosen))
          (return (i32.const 0)))
        (drop)
        (i32.const 1))
      ;; a non-defaultable local, set before it is read
      (func (export "local_ref") (param i32) (result i32)
        (local $f (ref $unary))
        (local.set $f (ref.func $double))
        (call_ref $unary (local.get 0) (local.get $f)))
      ;; an endless loop of tail calls through references runs in constant stack
      (func $countdown (param $n i32) (param $acc i32) (result i32)
        (if (result i32) (i32.eqz (local.get $n))
          (then (local.get $acc))
          (else (return_call_ref $binary (i32.sub (local.get $n) (i32.const 1))
                                         (i32.add (local.get $acc) (i32.const 3))
                                         (ref.func $countdown)))))
      (elem declare func $countdown)
      (func (export "countdown") (param i32) (result i32)
        (call $countdown (local.get 0) (i32.const 0)))
      (func (export "get_double") (result (ref $unary)) (ref.func $double))
    )
    """

    func instance(_ store: Store = Store()) throws -> Instance {
        try store.instantiate(Module(bytes: WAT.encode(Self.source)))
    }

    func testCallRefCallsTheReferencedFunction() throws {
        let i = try instance()
        XCTAssertEqual(try i.call("apply", [.int32(0), .int32(21)]), [.int32(42)])
        XCTAssertEqual(try i.call("apply", [.int32(1), .int32(21)]), [.int32(-21)])
        XCTAssertEqual(try i.call("local_ref", [.int32(-7)]), [.int32(-14)])
        XCTAssertEqual(try i.call("countdown", [.int32(2_000_000)]), [.int32(6_000_000)])
    }

    func testTableInitialiserAndTypedTable() throws {
        let i = try instance()
        for slot in 0..<4 { XCTAssertEqual(try i.call("apply_table", [.int32(Int32(slot)), .int32(5)]), [.int32(10)]) }
        try i.call("set_slot", [.int32(2)])
        XCTAssertEqual(try i.call("apply_table", [.int32(2), .int32(5)]), [.int32(-5)])
        XCTAssertEqual(try i.call("apply_table", [.int32(3), .int32(5)]), [.int32(10)])
        XCTAssertThrowsError(try i.call("apply_table", [.int32(4), .int32(5)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .outOfBoundsTableAccess)
        }
        // The host cannot put null into a table of non-null references.
        guard case .table(let table)? = i.export("ops") else { return XCTFail("no table export") }
        XCTAssertEqual("\(table.elementType)", "(ref \(table.elementType.referenceType.map { "\($0.heapType)" } ?? "?"))")
        XCTAssertThrowsError(try table.setElement(.funcRef(nil), at: 0)) { error in
            XCTAssertTrue(error is UsageError, "\(error)")
        }
    }

    func testNullReferencesTrap() throws {
        let i = try instance()
        XCTAssertThrowsError(try i.call("call_null", [.int32(1)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .nullFunctionReference, "\(error)")
        }
        XCTAssertThrowsError(try i.call("call_chosen", [.int32(1)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .nullReference, "\(error)")
        }
        try i.call("choose", [.int32(1)])
        XCTAssertEqual(try i.call("call_chosen", [.int32(9)]), [.int32(-9)])
    }

    func testBranchOnNullAndNonNull() throws {
        let i = try instance()
        XCTAssertEqual(try i.call("or_minus_one", [.int32(4)]), [.int32(-1)])
        XCTAssertEqual(try i.call("is_set"), [.int32(0)])
        try i.call("choose", [.int32(1)])
        XCTAssertEqual(try i.call("or_minus_one", [.int32(4)]), [.int32(-4)])
        XCTAssertEqual(try i.call("is_set"), [.int32(1)])
        try i.call("choose", [.int32(0)])
        XCTAssertEqual(try i.call("is_set"), [.int32(0)])
    }

    func testTypedReferencesCrossTheAPIAndModules() throws {
        let store = Store()
        let i = try instance(store)
        guard case .funcRef(let double?)? = try i.call("get_double").first else { return XCTFail("no reference") }
        XCTAssertEqual(try double.call([.int32(8)]), [.int32(16)])
        // A second module imports a function of an equivalent type (declared in another order).
        let importer = """
        (module
          (type $other (func (param i64)))
          (type $u (func (param i32) (result i32)))
          (import "m" "double" (func $d (type $u)))
          (global $g (ref $u) (ref.func $d))
          (func (export "via_global") (param i32) (result i32)
            (call_ref $u (local.get 0) (global.get $g)))
        )
        """
        var imports = Imports()
        imports.define(module: "m", name: "double", .function(double))
        let j = try store.instantiate(Module(bytes: WAT.encode(importer)), imports: imports)
        XCTAssertEqual(try j.call("via_global", [.int32(100)]), [.int32(200)])
        // A function of another type does not satisfy the import.
        let wrong = "(module (type $b (func (param i32 i32) (result i32))) (import \"m\" \"double\" (func (type $b))))"
        XCTAssertThrowsError(try store.instantiate(Module(bytes: WAT.encode(wrong)), imports: imports)) { error in
            XCTAssertTrue(error is LinkError, "\(error)")
        }
    }

    func testValidationRules() throws {
        func invalid(_ text: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
            XCTAssertThrowsError(try Module(bytes: WAT.encode(text)), file: file, line: line) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)", file: file, line: line)
            }
        }
        // Reading a non-defaultable local before setting it, or after the block that set it.
        try invalid("(module (type $t (func)) (func (local (ref $t)) (drop (local.get 0))))", "uninitialized local 0")
        try invalid("""
            (module (type $t (func)) (elem declare func 0)
              (func (local (ref $t)) (block (local.set 0 (ref.func 0))) (drop (local.get 0))))
            """, "uninitialized local 0")
        // A nullable reference is not a non-null one.
        try invalid("(module (type $t (func)) (func (param (ref null $t)) (result (ref $t)) (local.get 0)))", "type mismatch")
        // A table of non-null references needs an initialiser.
        try invalid("(module (type $t (func)) (table 1 (ref $t)))", "type mismatch")
        // call_ref checks the reference's type.
        try invalid("""
            (module (type $a (func (param i32))) (type $b (func (param i64)))
              (func (param (ref $a)) (call_ref $b (i64.const 0) (local.get 0))))
            """, "type mismatch")
        // Under the 2.0 rules typed references do not exist.
        let typed = try WAT.encode("(module (type $t (func)) (func (param (ref null $t))))")
        XCTAssertNoThrow(try Module(bytes: typed))
        XCTAssertThrowsError(try Module(bytes: typed, features: .wasm2)) { error in
            XCTAssertTrue("\(error)".contains("malformed value type"), "\(error)")
        }
    }
}
