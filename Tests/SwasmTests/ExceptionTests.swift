import XCTest
import Swasm
import SwasmText

/// WebAssembly 3.0 exception handling: tags, throw, throw_ref, try_table, exnref, and
/// exceptions crossing between the guest and the host.
final class ExceptionTests: XCTestCase {
    static let source = """
    (module
      (import "host" "fail" (tag $host_tag (param i32)))
      (import "host" "throw_from_host" (func $throw_from_host (param i32)))
      (import "host" "call_back" (func $call_back (param i32) (result i32)))
      (tag $e (export "e") (param i32 i64))
      (tag $empty)
      (func $thrower (export "throw") (param i32)
        (throw $e (local.get 0) (i64.const -7)))
      ;; catch: the payload arrives at the label
      (func (export "catch") (param i32) (result i64)
        (local i64)
        (block $h (result i32 i64)
          (try_table (catch $e $h) (call $thrower (local.get 0)))
          (return (i64.const 0)))
        (local.set 1)
        (i64.extend_i32_s)
        (local.get 1)
        (i64.add))
      ;; catch_all and nested try_tables: the inner one does not match $empty's sibling tag
      (func (export "nested") (param i32) (result i32)
        (block $inner (result i32 i64)
          (try_table (catch $e $inner)
            (block $other
              (try_table (catch $empty $other)
                (if (local.get 0) (then (throw $empty)))
                (call $thrower (i32.const 5))))
            (return (i32.const 100)))
          (return (i32.const 200)))
        (drop))
      (func (export "catch_all") (result i32)
        (block $all
          (try_table (catch_all $all) (call $thrower (i32.const 1)))
          (return (i32.const 0)))
        (i32.const 1))
      ;; catch_ref then throw_ref: the same exception is rethrown and caught again
      (func (export "rethrow") (param i32) (result i32)
        (block $h (result i32 i64)
          (try_table (catch $e $h)
            (block $r (result i32 i64 exnref)
              (try_table (catch_ref $e $r) (call $thrower (local.get 0)))
              (unreachable))
            (throw_ref))
          (unreachable))
        (drop))
      (func (export "throw_null")
        (throw_ref (ref.null exn)))
      ;; a host function throws into the guest
      (func (export "host_throws") (param i32) (result i32)
        (block $h (result i32)
          (try_table (catch $host_tag $h) (call $throw_from_host (local.get 0)))
          (i32.const -1)))
      ;; wasm -> host -> wasm: the inner throw crosses the host frame to the outer handler
      (func (export "across_host") (param i32) (result i32)
        (block $h (result i32 i64)
          (try_table (catch $e $h) (drop (call $call_back (local.get 0))))
          (return (i32.const -1)))
        (drop))
      (func (export "loop") (param i32) (result i32)
        (local i32)
        (loop $l
          (block $h (result i32 i64)
            (try_table (catch $e $h) (call $thrower (local.get 1)))
            (unreachable))
          (drop) (drop)
          (local.set 1 (i32.add (local.get 1) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
        (local.get 1))
    )
    """

    func makeInstance() throws -> (Instance, Tag) {
        let store = Store()
        let hostTag = Tag(store: store, parameters: [.i32])
        var imports = Imports()
        imports.define(module: "host", name: "fail", .tag(hostTag))
        imports.define(module: "host", name: "throw_from_host") { (x: Int32) throws in
            throw try WasmException(tag: hostTag, payload: [.int32(x &* 3)])
        }
        // Filled in once the instance exists: calls the guest's "throw".
        final class Callee { var function: Function? }
        let guest = Callee()
        imports.define(module: "host", name: "call_back") { (x: Int32) throws -> Int32 in
            try guest.function?.call([.int32(x)])
            return 0
        }
        let instance = try store.instantiate(Module(bytes: WAT.encode(Self.source)), imports: imports)
        guest.function = try instance.function("throw")
        return (instance, hostTag)
    }

    func testCatchGivesThePayloadToTheLabel() throws {
        let (i, _) = try makeInstance()
        XCTAssertEqual(try i.call("catch", [.int32(10)]), [.int64(3)])
        XCTAssertEqual(try i.call("nested", [.int32(1)]), [.int32(100)])
        XCTAssertEqual(try i.call("nested", [.int32(0)]), [.int32(5)])
        XCTAssertEqual(try i.call("catch_all"), [.int32(1)])
        XCTAssertEqual(try i.call("rethrow", [.int32(42)]), [.int32(42)])
        XCTAssertEqual(try i.call("loop", [.int32(10_000)]), [.int32(10_000)])
    }

    func testUncaughtExceptionsReachTheHostWithTagAndPayload() throws {
        let (i, _) = try makeInstance()
        do {
            try i.call("throw", [.int32(9)])
            XCTFail("expected an exception")
        } catch let exception as WasmException {
            XCTAssertTrue(exception.tag.isSame(as: try i.tag("e")))
            XCTAssertEqual(exception.payload, [.int32(9), .int64(-7)])
        }
        XCTAssertThrowsError(try i.call("throw_null")) { error in
            XCTAssertEqual((error as? Trap)?.kind, .nullExceptionReference, "\(error)")
        }
    }

    func testExceptionsCrossHostFrames() throws {
        let (i, _) = try makeInstance()
        XCTAssertEqual(try i.call("host_throws", [.int32(7)]), [.int32(21)])
        XCTAssertEqual(try i.call("across_host", [.int32(55)]), [.int32(55)])
    }

    /// A catch clause that branches back to its loop skips the loop's checkpoint; the catch
    /// itself is charged, so such a loop runs out of fuel (and, unbounded, used to overflow the
    /// native stack: every catch nested a frame). 1,000,000 throws in one run must not either.
    func testThrowAndCatchInALoopIsBoundedByFuelAndStack() throws {
        let spin = try WAT.encode("""
            (module (tag $t)
              (func (export "spin")
                (loop $again (try_table (catch $t $again) (throw $t))))
              (func (export "count") (param $n i32) (result i32) (local $i i32)
                (loop $again
                  (block $done
                    (try_table (catch_all $done) (throw $t)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $again (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $i)))
            """)
        let store = Store()
        store.fuel = 100_000
        let instance = try store.instantiate(Module(bytes: spin, options: CompilationOptions(checkpoints: true)))
        XCTAssertThrowsError(try instance.call("spin")) { error in
            XCTAssertEqual((error as? Trap)?.kind, .fuelExhausted, "\(error)")
        }
        store.fuel = 100_000_000
        XCTAssertEqual(try instance.call("count", [.int32(1_000_000)]), [.int32(1_000_000)])
        let plain = try Store().instantiate(Module(bytes: spin))
        XCTAssertEqual(try plain.call("count", [.int32(1_000_000)]), [.int32(1_000_000)])
    }

    func testValidationAndDecodingErrors() throws {
        let badLabel = try WAT.encode("(module (tag $t (param i32)) (func (block $b (try_table (catch $t $b)))))")
        XCTAssertThrowsError(try Module(bytes: badLabel)) { error in
            XCTAssertTrue("\(error)".contains("type mismatch"), "\(error)")
        }
        let resultTag = try WAT.encode("(module (type (func (result i32))) (tag (type 0)))")
        XCTAssertThrowsError(try Module(bytes: resultTag)) { error in
            XCTAssertTrue("\(error)".contains("non-empty tag result type"), "\(error)")
        }
        // The legacy `try` (opcode 06) is named in the error.
        let legacy: [UInt8] = [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
                               10, 7, 1, 5, 0, 0x06, 0x40, 0x0B, 0x0B]
        XCTAssertThrowsError(try Module(bytes: legacy)) { error in
            XCTAssertTrue("\(error)".contains("legacy exception handling"), "\(error)")
        }
        let tagged = try WAT.encode("(module (tag))")
        XCTAssertThrowsError(try Module(bytes: tagged, features: .wasm2))
    }
}
