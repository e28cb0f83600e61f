import Foundation
import WasmRunner
import XCTest

/// The example server's runner, on the modules of Examples/Server/modules.
final class ModuleRunnerTests: XCTestCase {
    static let modules = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("modules")

    func runner(fuel: UInt64? = 50_000_000, timeout: Duration? = .seconds(5)) throws -> ModuleRunner {
        try ModuleRunner(directory: Self.modules, limits: RunLimits(fuel: fuel, timeout: timeout, maxMemoryPages: 1024,
                                                                    maxInputBytes: 4096))
    }

    func testRunsTheStdioDemo() throws {
        let output = try runner().run("stdio_multiplier", input: Array(#"{"name":"Rust","num":3}"#.utf8))
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "{\"names\":[\"Rust\",\"Rust\",\"Rust\"]}\n")
    }

    func testErrorsMapToStatusCodes() throws {
        let runner = try runner()
        XCTAssertThrowsError(try runner.run("nope", input: [])) { XCTAssertEqual(($0 as? RunError)?.status, 404) }
        XCTAssertThrowsError(try runner.run("stdio_multiplier", input: Array("not json".utf8))) {
            XCTAssertEqual(($0 as? RunError)?.status, 422)
        }
        XCTAssertThrowsError(try runner.run("trap", input: [])) {
            XCTAssertEqual($0 as? RunError, .trapped(.unreachable, message: "unreachable"))
        }
        XCTAssertThrowsError(try runner.run("spin", input: [])) {
            XCTAssertEqual($0 as? RunError, .trapped(.fuelExhausted, message: "fuel exhausted"))
        }
        XCTAssertThrowsError(try runner.run("grow", input: [])) {
            XCTAssertEqual($0 as? RunError, .trapped(.unreachable, message: "unreachable"))
        }
        XCTAssertThrowsError(try runner.run("stdio_multiplier", input: Array(repeating: 32, count: 5000))) {
            XCTAssertEqual(($0 as? RunError)?.status, 413)
        }
    }

    func testTimeoutStopsASpinningGuest() throws {
        let started = Date()
        XCTAssertThrowsError(try runner(fuel: nil, timeout: .milliseconds(200)).run("spin", input: [])) {
            XCTAssertEqual($0 as? RunError, .trapped(.interrupted, message: "interrupted"))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    /// Eight concurrent tasks share the compiled modules (ModuleRunner is Sendable).
    func testEightConcurrentTasksGetTheSameOutput() async throws {
        let runner = try runner()
        let outputs = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask { try runner.run("stdio_multiplier", input: Array(#"{"name":"Rust","num":3}"#.utf8)) }
            }
            var all: [[UInt8]] = []
            for try await output in group { all.append(output) }
            return all
        }
        XCTAssertEqual(Set(outputs), [Array("{\"names\":[\"Rust\",\"Rust\",\"Rust\"]}\n".utf8)])
        XCTAssertEqual(outputs.count, 8)
    }
}
