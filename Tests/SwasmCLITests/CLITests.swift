import Foundation
import XCTest

/// The `swasm` executable, run as a user would: exit codes, stdout and stderr.
final class CLITests: XCTestCase {
    static let root = SwasmProcess.root
    typealias Result = SwasmProcess.Result

    func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        try SwasmProcess.run(arguments, stdin: stdin)
    }

    func testStdioDemoFromTheCommandLine() throws {
        let r = try run(["run", "Fixtures/demos/stdio_multiplier.wasm"], stdin: #"{"name":"Rust","num":3}"#)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "{\"names\":[\"Rust\",\"Rust\",\"Rust\"]}\n")
    }

    func testGuestExitCodeBecomesTheProcessExitCode() throws {
        let r = try run(["run", "--env", "SWASM_X=1", "Fixtures/wasi/wasi_probe.wasm", "9"], stdin: "")
        XCTAssertEqual(r.status, 9, r.stderr)
        XCTAssertTrue(r.stdout.contains("SWASM_X=1"), r.stdout)
    }

    func testInvokePrintsResults() throws {
        let r = try run(["run", "--invoke", "div_by_zero", "Tests/SwasmTests/Fixtures/traps.wat", "-7"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "0\n")
        let f = try run(["run", "--invoke", "swap", "Tests/SwasmTests/Fixtures/multi.wat", "1", "0.1"])
        XCTAssertEqual(f.stdout, "0.1\n1\n")
    }

    func testTrapPrintsKindAndBacktraceAndExits134() throws {
        let r = try run(["run", "--invoke", "unreachable", "Tests/SwasmTests/Fixtures/traps.wat"])
        XCTAssertEqual(r.status, 134)
        XCTAssertEqual(r.stderr, """
            wasm trap: unreachable
            wasm backtrace:
              0: traps!inner (func 2)
              1: traps!outer (func 3)
              2: traps!func 4

            """)
    }

    func testLimitsStopTheGuest() throws {
        let fuel = try run(["run", "--fuel", "1000", "Fixtures/bench/fib.wasm"])
        XCTAssertEqual(fuel.status, 134)
        XCTAssertTrue(fuel.stderr.hasPrefix("wasm trap: fuel exhausted"), fuel.stderr)
        let timeout = try run(["run", "--timeout", "0.2", "--invoke", "forever_loop", "Tests/SwasmTests/Fixtures/traps.wat"])
        XCTAssertEqual(timeout.status, 134)
        XCTAssertTrue(timeout.stderr.hasPrefix("wasm trap: interrupted"), timeout.stderr)
        let memory = try run(["run", "--max-memory", "64K", "--invoke", "grow", "Tests/SwasmTests/Fixtures/traps.wat", "1"])
        XCTAssertEqual(memory.stdout, "-1\n")
        let stack = try run(["run", "--max-stack", "50", "--invoke", "recurse", "Tests/SwasmTests/Fixtures/traps.wat", "100"])
        XCTAssertTrue(stack.stderr.hasPrefix("wasm trap: call stack exhausted"), stack.stderr)
    }

    func testUnknownImportIsNamedBeforeRunning() throws {
        let r = try run(["run", "--invoke", "call_add", "Tests/SwasmTests/Fixtures/host.wat", "1", "2"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "swasm run: Tests/SwasmTests/Fixtures/host.wat: unknown import: host.add (func (param i32 i64) (result i64))\n")
    }

    func testBadCommandLinesAreUsageErrors() throws {
        for args in [["run", "--frobnicate", "x.wasm"], ["run"], ["nonsense"], ["run", "--fuel", "lots", "x.wasm"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.isEmpty)
        }
        let missing = try run(["run", "no/such/file.wasm"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no/such/file.wasm"), missing.stderr)
    }

    func testValidate() throws {
        XCTAssertEqual(try run(["validate", "Fixtures/wasi/hello.wasm"]).stdout, "valid\n")
        let bad = try run(["validate", "Package.swift"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stdout, "malformed module: magic header not detected (offset 0x0)\n")
    }
}
