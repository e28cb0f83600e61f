import Foundation
import XCTest
import Swasm
import SwasmSpec

/// `.wast` scripts run directly: every command kind, and wrong expectations caught.
final class WastRunnerTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("swasm-wast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("wasm-3.0/wast"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func run(_ script: String, features: Features = .wasm2, table: String? = nil) throws -> SpecRunner.FileResult {
        let url = directory.appendingPathComponent("wasm-3.0/wast/t.wast")
        try Data(script.utf8).write(to: url)
        var featureTable = FeatureTable()
        if let table {
            let path = directory.appendingPathComponent("features.txt")
            try Data(table.utf8).write(to: path)
            featureTable = try FeatureTable(contentsOfFile: path.path, features: features)
        }
        return SpecRunner(features: features, featureTable: featureTable).run(file: url)
    }

    let module = """
    (module $M
      (memory (export "mem") 1)
      (global (export "g") i32 (i32.const 7))
      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "nan") (result f32) (f32.const nan))
      (func (export "lanes") (result v128) (v128.const f32x4 nan 1 2 3))
      (func (export "null") (result externref) (ref.null extern))
      (func (export "id") (param externref) (result externref) (local.get 0))
      (func (export "trap") unreachable)
      (func $loop (export "loop") (call $loop)))
    """

    func testEveryCommandKind() throws {
        let r = try run(module + """

        (register "m" $M)
        (assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 5))
        (assert_return (invoke $M "add" (i32.const -1) (i32.const 0)) (i32.const 0xffffffff))
        (assert_return (get "g") (i32.const 7))
        (assert_return (invoke "nan") (f32.const nan:canonical))
        (assert_return (invoke "nan") (either (f32.const 1) (f32.const nan:arithmetic)))
        (assert_return (invoke "lanes") (v128.const f32x4 nan:canonical 1 2 3))
        (assert_return (invoke "null") (ref.null extern))
        (assert_return (invoke "null") (ref.null))
        (assert_return (invoke "id" (ref.extern 9)) (ref.extern 9))
        (assert_return (invoke "id" (ref.extern 9)) (ref.extern))
        (invoke "add" (i32.const 0) (i32.const 0))
        (assert_trap (invoke "trap") "unreachable")
        (assert_exhaustion (invoke "loop") "call stack exhausted")
        (assert_malformed (module quote "(func i32.bogus)") "unknown operator")
        (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
        (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
        (assert_unlinkable (module (import "m" "nothing" (func))) "unknown import")
        (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
        (assert_uninstantiable (module (memory 0) (data (i32.const 1) "x")) "out of bounds memory access")
        (module definition $D (func (export "one") (result i32) (i32.const 1)))
        (module instance $I $D)
        (assert_return (invoke $I "one") (i32.const 1))
        (module (import "m" "add" (func $add (param i32 i32) (result i32)))
          (func (export "twice") (param i32) (result i32) (call $add (local.get 0) (local.get 0))))
        (assert_return (invoke "twice" (i32.const 21)) (i32.const 42))
        """)
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.passed, 25)
        XCTAssertEqual(r.skipped, 0)
    }

    func testWrongExpectationsFail() throws {
        let r = try run(module + """

        (assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 6))
        (assert_return (invoke "nan") (f32.const 0))
        (assert_trap (invoke "add" (i32.const 1) (i32.const 1)) "unreachable")
        (assert_malformed (module quote "(func nop)") "unknown operator")
        (assert_malformed (module quote "(func i32.bogus)") "unexpected token")
        (assert_invalid (module (func)) "type mismatch")
        (module (func i32.bogus))
        """)
        XCTAssertEqual(r.passed, 1)
        XCTAssertEqual(r.failed, 7, "\(r.failures)")
        XCTAssertEqual(r.failures.last, "line 17: module at line 17: 17:15: unknown operator i32.bogus")
    }

    func testCommandsNeedingAMissingFeatureAreSkippedButStillParsed() throws {
        let table = """
        probe imaginary (module (func i32.const 0))
        probe lacking (module (memory i64 0) (func bogus.op))
        wasm-3.0/t.wast:1 lacking
        wasm-3.0/t.wast:4 lacking
        """
        let r = try run("""
        (module (func (export "f") (result i32) (i32.const 1)))
        (assert_return (invoke "f") (i32.const 1))
        (assert_malformed (module quote "(func i32.bogus)") "unknown operator")
        (module (func (export "f") (result i32) (i32.const 2)))
        (assert_return (invoke "f") (i32.const 3))
        """, table: table)
        XCTAssertEqual(r.passed, 1, "the malformed text is checked all the same")
        XCTAssertEqual(r.skipped, 4, "\(r.failures)")
        XCTAssertEqual(r.skips, ["4 commands: needs lacking (not implemented by the engine)"])

        let broken = try run("(module (func i32.bogus))", table: table + "\nwasm-3.0/t.wast lacking")
        XCTAssertEqual(broken.failed, 1, "a module that does not parse is a failure, skipped or not")
    }
}
