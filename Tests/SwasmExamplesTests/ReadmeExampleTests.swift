import Foundation
import XCTest
import Swasm
import SwasmWASI
import SwasmText

/// The README's library example, verbatim between the markers, so it keeps compiling and working.
final class ReadmeExampleTests: XCTestCase {
    /// The examples' module.
    static func logModule() throws -> [UInt8] {
        try WAT.encode("""
        (module (import "host" "log" (func $log (param i32))) (memory (export "memory") 1)
          (data (i32.const 0) "hi!")
          (func (export "double") (param i32) (result i32)
            (call $log (i32.const 3)) (i32.shl (local.get 0) (i32.const 1))))
        """)
    }

    func testReadmeExample() throws {
        let wasmBytes = try Self.logModule()
        var logged: [String] = []

        // README example begins
        let module = try Module(bytes: wasmBytes)           // decode, validate, compile
        let store = Store()
        var imports = Imports()
        imports.define(module: "host", name: "log", type: FunctionType(parameters: [.i32])) { caller, args in
            guard let memory = caller.memory, let length = args[0].int32 else { return [] }
            // Read guest memory at a guest-given offset: bounds-checked, a bad offset traps.
            logged.append(try memory.readString(at: 0, count: Int(length)))
            return []
        }
        let instance = try store.instantiate(module, imports: imports)
        let result = try instance.call("double", [.i32(3)])   // [.i32(6)]
        // README example ends

        XCTAssertEqual(result, [.i32(6)])
        XCTAssertEqual(logged, ["hi!"])
    }

    func testReadmeWASIExample() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/demos/stdio_multiplier.wasm")
        let bytes = [UInt8](try Data(contentsOf: url))

        // README WASI example begins
        var config = WASIConfiguration(arguments: ["names"], environment: ["LANG": "C"])
        config.stdin = .bytes(Array(#"{"name":"Rust","num":3}"#.utf8))
        config.stdout = .capture
        let wasi = try WASI(configuration: config)
        let store = Store()
        let instance = try store.instantiate(try Module(bytes: bytes), imports: wasi.imports)
        let exitCode = try wasi.start(instance)               // proc_exit(n) returns n
        let answer = wasi.capturedStdoutText                  // readable right away
        // README WASI example ends

        XCTAssertEqual(exitCode, 0)
        XCTAssertEqual(answer, "{\"names\":[\"Rust\",\"Rust\",\"Rust\"]}\n")
    }

    func testReadmeTextExample() throws {
        // README text example begins
        let adder = try Module(text: """
            (module
              (func (export "add") (param $a i32) (param $b i32) (result i32)
                (i32.add (local.get $a) (local.get $b))))
            """)
        let sum = try Store().instantiate(adder).call("add", [.i32(40), .i32(2)])   // [.i32(42)]
        let binary = try WAT.encode("(module (memory 1))")                          // the .wasm bytes
        // README text example ends

        XCTAssertEqual(sum, [.i32(42)])
        XCTAssertEqual(binary, [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01])
    }

    func testReadmeTypedExample() throws {
        let wasmBytes = try Self.logModule()
        var logged: [String] = []

        // README typed example begins
        var imports = Imports()
        imports.define(module: "host", name: "log") { (caller: Caller, length: Int32) in
            guard let memory = caller.memory else { return }
            logged.append(try memory.readString(at: 0, count: Int(length)))
        }                                                     // type (func (param i32)), from the closure
        let instance = try Store().instantiate(try Module(bytes: wasmBytes), imports: imports)
        let double = try instance.function("double").typed(Int32.self, returning: Int32.self)
        let six = try double(3)                               // no arrays, no allocation per call
        // README typed example ends

        XCTAssertEqual(six, 6)
        XCTAssertEqual(logged, ["hi!"])
    }

    func testReadmeAllocatorExample() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/demos/malloc_multiplier.wasm")
        let bytes = [UInt8](try Data(contentsOf: url))

        // README allocator example begins
        let instance = try Store().instantiate(try Module(bytes: bytes))
        try instance.call("_initialize")
        let heap = try GuestAllocator(instance: instance)    // the guest's malloc/free (or cabi_realloc)
        let names = try instance.function("names")            // int names(in, in_len, &out, &out_len)
            .typed(UInt32.self, UInt32.self, UInt32.self, UInt32.self, returning: Int32.self)
        let (code, output, length) = try heap.withCopy(of: #"{"name":"Rust","num":3}"#) { input, inputLength in
            try heap.withOutParameters(UInt32.self, UInt32.self) { output, length in
                try names(input, inputLength, output.address, length.address)
            }
        }                                                     // the input is freed here
        let answer = try heap.takeString(at: output, count: length)   // read, then free
        // README allocator example ends

        XCTAssertEqual(code, 0)
        XCTAssertEqual(answer, "{\"names\":[\"Rust\",\"Rust\",\"Rust\"]}\n")
    }

    /// The README shows exactly the code these tests run.
    func testReadmeShowsTheTestedCode() throws {
        let here = URL(fileURLWithPath: #filePath)
        let source = try String(contentsOf: here, encoding: .utf8)
        let readme = try String(contentsOf: here.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        for name in ["README example", "README WASI example", "README typed example", "README allocator example",
                     "README text example"] {
            guard let start = source.range(of: "// \(name) begins\n"),
                  let end = source.range(of: "        // \(name) ends", range: start.upperBound..<source.endIndex) else {
                return XCTFail("markers for \(name) not found")
            }
            let snippet = source[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }
                .joined(separator: "\n")
            XCTAssertTrue(readme.contains(snippet), "README.md does not show the tested \(name):\n\(snippet)")
        }
    }
}
