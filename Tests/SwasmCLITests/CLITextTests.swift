import Foundation
import XCTest

/// The text format from the command line: modules written by hand, run, validated, encoded.
final class CLITextTests: XCTestCase {
    var directory: URL!
    let cli = SwasmProcess.self

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("swasm-cli-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    let add = """
    ;; Adds its two arguments.
    (module
      (func (export "add") (param $a i32) (param $b i32) (result i32)
        (i32.add (local.get $a) (local.get $b))))
    """

    func testRunAndValidateATextModule() throws {
        let path = try write("add.wat", add)
        let r = try cli.run(["run", "--invoke", "add", path, "40", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "42\n")
        let v = try cli.run(["validate", path])
        XCTAssertEqual(v.stdout, "valid\n")
    }

    func testRunAWASICommandInText() throws {
        let path = try write("hello.wat", #"""
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello from WAT\n")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 15))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
        """#)
        let r = try cli.run(["run", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "hello from WAT\n")
    }

    func testSyntaxErrorsPointAtLineAndColumn() throws {
        let path = try write("bad.wat", "(module\n  (func (result i32)\n    i32.const 1\n    i32.bogus))\n")
        let v = try cli.run(["validate", path])
        XCTAssertEqual(v.status, 1)
        XCTAssertEqual(v.stdout, "\(path):4:5: unknown operator i32.bogus\n")
        let r = try cli.run(["run", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "swasm run: \(path):4:5: unknown operator i32.bogus\n")
        let invalid = try write("invalid.wat", "(module (func (result i32) (i64.const 1)))")
        let i = try cli.run(["validate", invalid])
        XCTAssertEqual(i.status, 1)
        XCTAssertTrue(i.stdout.hasPrefix("invalid module: type mismatch"), i.stdout)
    }

    func testWat2WasmWritesTheBinary() throws {
        let path = try write("add.wat", add)
        let out = directory.appendingPathComponent("add.wasm").path
        let r = try cli.run(["wat2wasm", "--no-names", path, "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,
            0x03, 0x02, 0x01, 0x00,
            0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
            0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B,
        ])
        let bad = try write("bad.wat", "(module (func $f) (func $f))")
        let e = try cli.run(["wat2wasm", bad, "-o", out])
        XCTAssertEqual(e.status, 1)
        XCTAssertEqual(e.stderr, "\(bad):1:25: duplicate func $f\n")
    }

    func testSpecRunsWastScripts() throws {
        let path = try write("t.wast", """
        (module (func (export "f") (result i32) (i32.const 1)))
        (assert_return (invoke "f") (i32.const 1))
        (assert_malformed (module quote "(func (i32.const))") "unexpected token")
        (assert_return (invoke "f") (i32.const 2))
        """)
        let r = try cli.run(["spec", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.hasPrefix("t.wast: 3 passed, 1 failed, 0 skipped\n  FAIL line 4: f[]: expected [i32:2], got [i32:1]\n"), r.stdout)
    }
}
