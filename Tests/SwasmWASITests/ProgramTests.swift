import Foundation
import Swasm
import SwasmWASI
import XCTest

/// Whole programs: the C fixtures built with wasi-libc, and small hand-made commands.
final class ProgramTests: XCTestCase {
    /// The 200 KB block wasi_probe.c writes with one write(): 3200 lines of 64 bytes.
    static let probeBlock: [UInt8] = {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        for l in 0 ..< 3200 {
            out += Array(String(format: "%05d: ", l).utf8)
            for c in 7 ..< 63 { out.append(alphabet[(l * 7 + c) & 63]) }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }()

    static func fnv1a(_ bytes: [UInt8]) -> String {
        var h: UInt32 = 2_166_136_261
        for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        return String(format: "%08x", h)
    }

    /// A C program whose setjmp/longjmp compiles to WebAssembly exception handling
    /// (Fixtures/exceptions/calc_errors.c): the same output and exit code as under wasmtime.
    func testSetjmpLongjmpOverExceptionHandling() throws {
        var config = WASIConfiguration(arguments: ["calc_errors"])
        config.stdout = .capture
        let (code, wasi) = try runCommand(try repositoryFixture("Fixtures/exceptions/calc_errors.wasm"), config)
        XCTAssertEqual(code, 3)
        XCTAssertEqual(wasi.capturedStdoutText, """
        1+2*3 = 7
        (4+6)/0: error: division by zero at offset 7
        ((2): error: expected ) at offset 4
        7*(8-3) = 35
        x+1: error: expected a number at offset 0
        ((((((((9))))))))*2 = 18
        3 errors

        """)
    }

    func testWASIProbeExactOutput() throws {
        let stdin = [UInt8](repeating: 0, count: 0) + Array(String(repeating: "some stdin bytes\n", count: 1000).utf8)
        var config = WASIConfiguration(arguments: ["/some/dir/wasi_probe.wasm", "a b", "--flag"],
                                       environment: ["SWASM_BETA": "two words", "OTHER": "ignored", "SWASM_ALPHA": "1"])
        config.stdin = .bytes(stdin)
        config.stdout = .capture
        config.stderr = .capture
        let (code, wasi) = try runCommand(try repositoryFixture("Fixtures/wasi/wasi_probe.wasm"), config)
        XCTAssertEqual(code, 7)
        var expected = Array("""
        argc: 3
        argv[0]: wasi_probe.wasm
        argv[1]: a b
        argv[2]: --flag
        env: 2 SWASM_ variables
        env: SWASM_ALPHA=1
        env: SWASM_BETA=two words
        stdin: 17000 bytes, fnv1a32 \(Self.fnv1a(stdin))
        big write: 204800 bytes follow

        """.utf8)
        expected += Self.probeBlock
        expected += Array("""
        big write: complete
        stderr: written
        clock realtime: ok
        clock monotonic: ok
        getentropy: ok
        arc4random: ok
        exit: 7

        """.utf8)
        XCTAssertEqual(wasi.capturedStdout.count, expected.count)
        XCTAssertTrue(wasi.capturedStdout == expected, "stdout differs:\n\(wasi.capturedStdoutText.prefix(600))")
        XCTAssertEqual(wasi.capturedStderrText, "wasi_probe: this line goes to stderr\n")
    }

    func testWASIProbeExitCodeFromArgument() throws {
        var config = WASIConfiguration(arguments: ["wasi_probe", "0"])
        config.stdout = .capture
        let (code, wasi) = try runCommand(try repositoryFixture("Fixtures/wasi/wasi_probe.wasm"), config)
        XCTAssertEqual(code, 0)
        XCTAssertTrue(wasi.capturedStdoutText.hasPrefix("argc: 2\nargv[0]: wasi_probe\nargv[1]: 0\nenv: 0 SWASM_ variables\nstdin: 0 bytes, fnv1a32 811c9dc5\n"))
        XCTAssertTrue(wasi.capturedStdoutText.hasSuffix("exit: 0\n"))
    }

    func testStdioMultiplier() throws {
        let module = try repositoryFixture("Fixtures/demos/stdio_multiplier.wasm")
        var config = WASIConfiguration(arguments: ["stdio_multiplier"])
        config.stdin = .bytes(Array(#"{"name":"Rust","num":3}"#.utf8))
        config.stdout = .capture
        config.stderr = .capture
        let (code, wasi) = try runCommand(module, config)
        XCTAssertEqual(code, 0)
        XCTAssertEqual(wasi.capturedStdoutText, #"{"names":["Rust","Rust","Rust"]}"# + "\n")
        XCTAssertEqual(wasi.capturedStderr, [])
    }

    /// stdio_multiplier.c: malformed JSON or a bad field prints an error on stderr, exits 2.
    func testStdioMultiplierRejectsMalformedJSON() throws {
        let module = try repositoryFixture("Fixtures/demos/stdio_multiplier.wasm")
        for input in [#"{"name":"Rust""#, "not json", #"{"name":"Rust"}"#, #"{"name":"Rust","num":-1}"#, ""] {
            var config = WASIConfiguration(arguments: ["stdio_multiplier"])
            config.stdin = .bytes(Array(input.utf8))
            config.stdout = .capture
            config.stderr = .capture
            let (code, wasi) = try runCommand(module, config)
            XCTAssertEqual(code, 2, input)
            XCTAssertEqual(wasi.capturedStdout, [], input)
            XCTAssertTrue(wasi.capturedStderrText.hasPrefix("stdio_multiplier: error: "), wasi.capturedStderrText)
        }
    }

    func testHello() throws {
        var config = WASIConfiguration(arguments: ["hello"])
        config.stdout = .capture
        let (code, wasi) = try runCommand(try repositoryFixture("Fixtures/wasi/hello.wasm"), config)
        XCTAssertEqual(code, 0)
        XCTAssertEqual(wasi.capturedStdoutText, "hello, world\n")
    }

    // MARK: Hand-made commands

    /// `_start` writes "hi\n" to stdout, then calls proc_exit(code) (then traps, never reached).
    func exitingCommand(code: Int32) -> [UInt8] {
        var b = ModuleBuilder()
        b.imports.append(("wasi_snapshot_preview1", "fd_write", WASI.functionTypes.first { $0.name == "fd_write" }!.type))
        b.imports.append(("wasi_snapshot_preview1", "proc_exit", FunctionType(parameters: [.i32])))
        b.data = [(offset: 16, bytes: [24, 0, 0, 0, 3, 0, 0, 0] + Array("hi\n".utf8))]  // iovec, then the text
        b.function(FunctionType(), export: "_start",
                   ModuleBuilder.i32Const(1) + ModuleBuilder.i32Const(16) + ModuleBuilder.i32Const(1) + ModuleBuilder.i32Const(8)
                   + ModuleBuilder.call(0) + [0x1A]  // drop
                   + ModuleBuilder.i32Const(code) + ModuleBuilder.call(1) + ModuleBuilder.unreachable)
        return b.bytes()
    }

    func testProcExitIsANormalResult() throws {
        for code: Int32 in [0, 3, 125, 255, 256, -1] {
            var config = WASIConfiguration()
            config.stdout = .capture
            let (result, wasi) = try runCommand(exitingCommand(code: code), config)
            XCTAssertEqual(result, code)
            XCTAssertEqual(wasi.capturedStdoutText, "hi\n")
        }
    }

    func testTrapIsThrownAndOutputSoFarIsKept() throws {
        var b = ModuleBuilder()
        b.imports.append(("wasi_snapshot_preview1", "fd_write", WASI.functionTypes.first { $0.name == "fd_write" }!.type))
        b.data = [(offset: 16, bytes: [24, 0, 0, 0, 3, 0, 0, 0] + Array("hi\n".utf8))]
        b.function(FunctionType(), export: "_start",
                   ModuleBuilder.i32Const(1) + ModuleBuilder.i32Const(16) + ModuleBuilder.i32Const(1) + ModuleBuilder.i32Const(8)
                   + ModuleBuilder.call(0) + [0x1A] + ModuleBuilder.unreachable)
        var config = WASIConfiguration()
        config.stdout = .capture
        let wasi = try WASI(configuration: config)
        let instance = try Store().instantiate(try Module(bytes: b.bytes()), imports: wasi.imports)
        XCTAssertThrowsError(try wasi.start(instance)) { error in
            XCTAssertEqual((error as? Trap)?.kind, .unreachable)
            XCTAssertNil(WASI.exitCode(of: error))
        }
        XCTAssertEqual(wasi.capturedStdoutText, "hi\n")
    }

    func testStartNeedsAStartFunction() throws {
        var b = ModuleBuilder()
        b.function(FunctionType(results: [.i32]), export: "get", ModuleBuilder.i32Const(40))
        let wasi = try WASI(configuration: WASIConfiguration())
        let instance = try Store().instantiate(try Module(bytes: b.bytes()), imports: wasi.imports)
        XCTAssertThrowsError(try wasi.start(instance)) { XCTAssertTrue($0 is UsageError, "\($0)") }
        XCTAssertNoThrow(try wasi.initialize(instance), "no _initialize: nothing to do")
        XCTAssertFalse(WASI.isImported(by: try Module(bytes: b.bytes())))
    }

    /// proc_exit from an export called directly: a trap that carries the exit code.
    func testProcExitOutsideStart() throws {
        var b = ModuleBuilder()
        b.imports.append(("wasi_snapshot_preview1", "proc_exit", FunctionType(parameters: [.i32])))
        b.function(FunctionType(), export: "quit", ModuleBuilder.i32Const(9) + ModuleBuilder.call(0))
        let wasi = try WASI(configuration: WASIConfiguration())
        let instance = try Store().instantiate(try Module(bytes: b.bytes()), imports: wasi.imports)
        XCTAssertTrue(WASI.isImported(by: instance.module))
        XCTAssertThrowsError(try instance.call("quit")) { XCTAssertEqual(WASI.exitCode(of: $0), 9) }
    }

    /// A guest without memory still links; calls that need memory give EFAULT.
    func testGuestWithoutMemory() throws {
        var b = ModuleBuilder()
        b.memoryPages = nil
        let type = WASI.functionTypes.first { $0.name == "args_sizes_get" }!.type
        b.imports.append(("wasi_snapshot_preview1", "args_sizes_get", type))
        b.imports.append(("wasi_snapshot_preview1", "sched_yield", FunctionType(results: [.i32])))
        b.function(type, export: "sizes", ModuleBuilder.localGet(0) + ModuleBuilder.localGet(1) + ModuleBuilder.call(0))
        b.function(FunctionType(results: [.i32]), export: "yield", ModuleBuilder.call(1))
        let wasi = try WASI(configuration: WASIConfiguration(arguments: ["x"]))
        let instance = try Store().instantiate(try Module(bytes: b.bytes()), imports: wasi.imports)
        XCTAssertEqual(try instance.call("sizes", [i32(0), i32(4)]), [i32(Int(E.fault))])
        XCTAssertEqual(try instance.call("yield"), [i32(0)])
    }
}
