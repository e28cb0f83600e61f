import Foundation
import XCTest
import SwasmSpec
import SwasmText

/// The text parser against the reference converters: every module of the three suites' `.wast`
/// files must encode to the binary wast2json or wasm-tools made of it (see `TextOracle`).
final class TextOracleTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func specDirectory() -> URL {
        if let dir = ProcessInfo.processInfo.environment["SPEC_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        return root.deletingLastPathComponent().appendingPathComponent("shared/spec")
    }

    func testEveryModuleOfTheSuitesEncodesAsTheReferenceConverterDid() throws {
        let exceptions = TextOracle.loadExceptions(Self.root.appendingPathComponent("Spec/text-oracle-exceptions.txt").path)
        let oracle = TextOracle(exceptions: exceptions)
        var report = TextOracle.Report()
        var files = 0
        for version in ["wasm-1.0", "wasm-2.0", "wasm-3.0"] {
            let folder = Self.specDirectory().appendingPathComponent(version).appendingPathComponent("wast")
            guard let scripts = try? SpecRunner.scripts(at: folder.path, extensions: ["wast"]) else {
                throw XCTSkip("spec suite not found at \(folder.path) (set SPEC_DIR)")
            }
            for wast in scripts {
                guard let json = TextOracle.referenceScript(for: wast) else { continue }
                files += 1
                oracle.compare(wast: wast, json: json, options: SpecRunner.textOptions(forPath: wast.path), into: &report)
            }
        }
        XCTAssertEqual(report.mismatches, [])
        XCTAssertEqual(report.explained.count, exceptions.count, "every listed exception still happens")
        XCTAssertGreaterThan(report.matched, 10_000, "modules compared in \(files) files")
    }

    func testTheComparisonSeesDifferences() {
        let a = try! WAT.encode("(func (result i32) i32.const 1)", options: TextOptions(nameSection: false))
        let b = try! WAT.encode("(func (result i32) i32.const 2)", options: TextOptions(nameSection: false))
        XCTAssertNotNil(TextOracle.difference(a, b))
        XCTAssertNil(TextOracle.difference(a, try! WAT.encode("(func (result i32) i32.const 1)")), "names aside")
        // The same segment as function indices and as ref.func expressions.
        let indices = try! WAT.encode("(table 1 funcref) (func) (elem (i32.const 0) func 0)")
        let expressions = try! WAT.encode("(table 1 funcref) (func) (elem (i32.const 0) funcref (ref.func 0))")
        XCTAssertNotEqual(indices, expressions)
        XCTAssertNil(TextOracle.difference(indices, expressions))
    }
}
