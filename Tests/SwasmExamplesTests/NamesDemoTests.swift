import Foundation
import XCTest
import Swasm
import SwasmExamples
import SwasmText

/// The two demos end to end, with bad input.
final class NamesDemoTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func module(_ path: String) throws -> Module {
        try Module(bytes: [UInt8](Data(contentsOf: Self.root.appendingPathComponent(path))))
    }

    func testStdioDemo() throws {
        let output = try NamesDemo.runStdio(.init(name: "Rust", num: 10), module: module("Fixtures/demos/stdio_multiplier.wasm"))
        XCTAssertEqual(output, .init(names: Array(repeating: "Rust", count: 10)))
    }

    func testStdioDemoEscapesAndEmpty() throws {
        let m = try module("Fixtures/demos/stdio_multiplier.wasm")
        XCTAssertEqual(try NamesDemo.runStdio(.init(name: "a \"q\" ü", num: 2), module: m),
                       .init(names: ["a \"q\" ü", "a \"q\" ü"]))
        XCTAssertEqual(try NamesDemo.runStdio(.init(name: "x", num: 0), module: m), .init(names: []))
    }

    func testStdioDemoMalformedInputIsAGuestExitCode() throws {
        let m = try module("Fixtures/demos/stdio_multiplier.wasm")
        XCTAssertThrowsError(try NamesDemo.runStdio(rawInput: Data("{\"name\": \"Rust\", \"num\": ".utf8), module: m)) { error in
            XCTAssertEqual((error as? NamesDemo.GuestError)?.exitCode, 2, "\(error)")
        }
    }

    func testMemoryDemo() throws {
        let output = try NamesDemo.runMemory(.init(name: "hey", num: 5), module: module("Fixtures/demos/memory_multiplier.wasm"))
        XCTAssertEqual(output, .init(names: ["hey", "hey", "hey", "hey", "hey"]))
    }

    func testMemoryDemoMalformedInput() throws {
        let m = try module("Fixtures/demos/memory_multiplier.wasm")
        XCTAssertThrowsError(try NamesDemo.runMemory(rawInput: Array("not json".utf8), module: m)) { error in
            XCTAssertEqual(error as? NamesDemo.GuestError, NamesDemo.GuestError(exitCode: 2, message: "malformed input"))
        }
    }

    func testOutOfBoundsGuestPointerTrapsInsteadOfCrashing() throws {
        // Calls the demo's host.get_input with a pointer past the end of memory.
        let bad = try Module(text: """
        (module
          (import "host" "get_input_size" (func $size (result i32)))
          (import "host" "get_input" (func $get (param i32)))
          (import "host" "set_output" (func $set (param i32 i32)))
          (memory (export "memory") 1)
          (func (export "_initialize"))
          (func (export "run") (result i32)
            (call $get (i32.sub (i32.const 65536) (i32.const 4)))
            (i32.const 0)))
        """)
        XCTAssertThrowsError(try NamesDemo.runMemory(.init(name: "hey", num: 5), module: bad)) { error in
            guard let trap = error as? Trap else { return XCTFail("\(error)") }
            XCTAssertEqual(trap.kind, .outOfBoundsMemoryAccess)
            let inputSize = try? JSONEncoder().encode(NamesDemo.Input(name: "hey", num: 5)).count
            XCTAssertEqual(trap.underlyingError as? MemoryAccessError,
                           MemoryAccessError(offset: 65_532, count: inputSize ?? -1, memorySize: 65_536))
        }
    }
}
