import Foundation
import XCTest
import Swasm
import SwasmExamples

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
        let bad = try Module(bytes: [UInt8](Data(contentsOf: Self.root.appendingPathComponent("Tests/SwasmExamplesTests/Fixtures/bad_pointer.wasm"))))
        XCTAssertThrowsError(try NamesDemo.runMemory(.init(name: "hey", num: 5), module: bad)) { error in
            guard let trap = error as? Trap else { return XCTFail("\(error)") }
            XCTAssertEqual(trap.kind, .outOfBoundsMemoryAccess)
            let inputSize = try? JSONEncoder().encode(NamesDemo.Input(name: "hey", num: 5)).count
            XCTAssertEqual(trap.underlyingError as? MemoryAccessError,
                           MemoryAccessError(offset: 65_532, count: inputSize ?? -1, memorySize: 65_536))
        }
    }
}
