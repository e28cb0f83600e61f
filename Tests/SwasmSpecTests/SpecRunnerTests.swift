import Foundation
import XCTest
import Swasm
import SwasmSpec
import SwasmText

/// The runner itself must catch wrong results: a deliberately wrong expectation is a failure.
final class SpecRunnerTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("swasm-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let module = try WAT.encode("""
        (module
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "nan") (result f32) f32.const nan)
          (func (export "trap") unreachable))
        """)
        try Data(module).write(to: directory.appendingPathComponent("m.0.wasm"))
        try Data([0x00, 0x61, 0x73]).write(to: directory.appendingPathComponent("m.1.wasm"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func run(_ commands: String, skips: [String: String] = [:]) throws -> SpecRunner.FileResult {
        let script = "{\"source_filename\": \"m.wast\", \"commands\": [\(commands)]}"
        let url = directory.appendingPathComponent("m.json")
        try Data(script.utf8).write(to: url)
        return SpecRunner(features: .wasm2, skipList: skips).run(file: url)
    }

    let module = #"{"type": "module", "line": 1, "filename": "m.0.wasm"}"#
    func add(_ a: Int, _ b: Int, expect: Int) -> String {
        #"{"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "\#(a)"}, {"type": "i32", "value": "\#(b)"}]}, "expected": [{"type": "i32", "value": "\#(expect)"}]}"#
    }

    func testCorrectExpectationsPass() throws {
        let r = try run([module, add(2, 3, expect: 5),
                         #"{"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "nan", "args": []}, "expected": [{"type": "f32", "value": "nan:canonical"}]}"#,
                         #"{"type": "assert_trap", "line": 4, "action": {"type": "invoke", "field": "trap", "args": []}, "text": "unreachable"}"#,
                         #"{"type": "assert_malformed", "line": 5, "filename": "m.1.wasm", "text": "unexpected end", "module_type": "binary"}"#,
                        ].joined(separator: ","))
        XCTAssertEqual(r.passed, 5)
        XCTAssertEqual(r.failed, 0, "\(r.failures)")
    }

    func testWrongExpectationIsReportedAsAFailure() throws {
        let r = try run([module, add(2, 3, expect: 6)].joined(separator: ","))
        XCTAssertEqual(r.passed, 1)
        XCTAssertEqual(r.failed, 1)
        XCTAssertEqual(r.failures, ["line 2: add[i32:2, i32:3]: expected [i32:6], got [i32:5]"])
    }

    func testWrongTrapAndMissingTrapAreFailures() throws {
        let r = try run([module,
                         #"{"type": "assert_trap", "line": 3, "action": {"type": "invoke", "field": "trap", "args": []}, "text": "integer overflow"}"#,
                         #"{"type": "assert_trap", "line": 4, "action": {"type": "invoke", "field": "nan", "args": []}, "text": "unreachable"}"#,
                         #"{"type": "assert_invalid", "line": 5, "filename": "m.1.wasm", "text": "type mismatch", "module_type": "binary"}"#,
                        ].joined(separator: ","))
        XCTAssertEqual(r.failed, 3, "\(r.failures)")
    }

    func testTextModulesOfJSONScriptsAreParsedAndListedCommandsSkipped() throws {
        try Data("(module (func $f (result i32) (i32.const 1))".utf8).write(to: directory.appendingPathComponent("m.2.wat"))
        let r = try run([module, add(1, 1, expect: 3),
                         #"{"type": "assert_malformed", "line": 9, "filename": "m.2.wat", "text": "unexpected end", "module_type": "text"}"#,
                         #"{"type": "assert_malformed", "line": 10, "filename": "m.2.wat", "text": "unknown operator", "module_type": "text"}"#,
                        ].joined(separator: ","), skips: ["m.json:2": "known issue"])
        XCTAssertEqual(r.passed, 2, "\(r.failures)")
        XCTAssertEqual(r.skipped, 1)
        XCTAssertEqual(r.skips, ["line 2: known issue"])
        XCTAssertEqual(r.failures, [#"line 10: m.2.wat: expected "unknown operator", got "1:45: unexpected end of input""#])
    }
}
