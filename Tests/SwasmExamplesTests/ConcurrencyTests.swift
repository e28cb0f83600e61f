import Foundation
import XCTest
import Swasm
import SwasmWASI

/// What a Swift 6 server does first: compile a module once, then run it from concurrent tasks,
/// each with its own store. Only public API, and no @unchecked, nonisolated(unsafe) or
/// @preconcurrency here (the test below checks this file for them).
final class ConcurrencyTests: XCTestCase {
    /// Runs the stdio demo guest on `input` in a fresh store; returns its stdout.
    static func runStdio(_ module: Module, input: String) throws -> String {
        var configuration = WASIConfiguration(arguments: ["stdio_multiplier"])
        configuration.stdin = .bytes(Array(input.utf8))
        configuration.stdout = .capture
        let wasi = try WASI(configuration: configuration)
        let instance = try Store().instantiate(module, imports: wasi.imports)
        let exitCode = try wasi.start(instance)
        return "\(exitCode) \(wasi.capturedStdoutText)"
    }

    func testOneModuleRunsFromEightConcurrentTasks() async throws {
        let url = NamesDemoTests.root.appendingPathComponent("Fixtures/demos/stdio_multiplier.wasm")
        let module = try Module(bytes: [UInt8](Data(contentsOf: url)))
        let expected = try Self.runStdio(module, input: #"{"name":"Rust","num":3}"#)
        XCTAssertEqual(expected, "0 {\"names\":[\"Rust\",\"Rust\",\"Rust\"]}\n")
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    // Each task runs the guest a few times so that the runs overlap.
                    var last = ""
                    for _ in 0..<20 { last = try Self.runStdio(module, input: #"{"name":"Rust","num":3}"#) }
                    return last
                }
            }
            var all: [String] = []
            for try await output in group { all.append(output) }
            return all
        }
        XCTAssertEqual(outputs, Array(repeating: expected, count: 8))
    }

    /// An interrupt handle crosses to another task and stops a spinning guest there.
    func testInterruptHandleStopsAGuestFromAnotherTask() async throws {
        let spin: [UInt8] = [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0,
                             1, 4, 1, 0x60, 0, 0,                        // type () -> ()
                             3, 2, 1, 0,                                  // func 0: type 0
                             7, 8, 1, 4, 0x73, 0x70, 0x69, 0x6E, 0, 0,    // export "spin"
                             10, 9, 1, 7, 0, 0x03, 0x40, 0x0C, 0, 0x0B, 0x0B]  // loop br 0 end end
        let module = try Module(bytes: spin, options: CompilationOptions(checkpoints: true))
        let store = Store()
        let instance = try store.instantiate(module)
        let handle = store.interruptHandle
        let stopper = Task {
            try await Task.sleep(nanoseconds: 50_000_000)
            handle.interrupt()
        }
        XCTAssertThrowsError(try instance.call("spin")) { XCTAssertEqual(($0 as? Trap)?.kind, .interrupted) }
        try await stopper.value
    }

    func testThisFileNeedsNoConcurrencyEscapeHatches() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        for hatch in ["@unchecked", "nonisolated(unsafe)", "@preconcurrency"] {
            // Each word appears only in the two comments and the list above.
            XCTAssertEqual(source.components(separatedBy: hatch).count - 1, 2, hatch)
        }
    }
}
