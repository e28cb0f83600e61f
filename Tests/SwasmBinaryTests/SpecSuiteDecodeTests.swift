import Foundation
import XCTest
import SwasmBinary

/// Runs the decoder over the binary modules of the official spec test suite (wast2json output):
/// every `module` must decode, every binary `assert_malformed` must be rejected as malformed
/// (except the cases listed in `leftToBodyDecoding`), and the other assertions' modules must not
/// be malformed.
///
/// The suite is looked for in `$SPEC_DIR`, else in `../shared/spec` next to the package root.
final class SpecSuiteDecodeTests: XCTestCase {

    /// Binary `assert_malformed` cases whose problem lies inside a function body's instructions,
    /// which the module decoder does not decode (`FunctionBody.code` is left to the instruction
    /// decoder). The module decoder must accept these; the body decoder must reject them.
    /// Key: "<version>/<file>:<line>", value: expected message and why.
    static let leftToBodyDecoding: [String: String] = [
        // wasm-2.0
        "wasm-2.0/align:892": "malformed memop flags: i32.load alignment 2^32",
        "wasm-2.0/align:911": "malformed memop flags: i32.load alignment 2^33",
        "wasm-2.0/align:930": "malformed memop flags: i32.load alignment 2^63",
        "wasm-2.0/align:949": "malformed memop flags: i32.load alignment 2^64",
        "wasm-2.0/align:968": "malformed memop flags: i32.load alignment 2^65",
        "wasm-2.0/binary-leb128:424": "integer representation too long: i32.load alignment LEB",
        "wasm-2.0/binary-leb128:443": "integer representation too long: i32.store alignment LEB",
        "wasm-2.0/binary-leb128:771": "integer too large: i32.load alignment LEB",
        "wasm-2.0/binary-leb128:789": "integer too large: i32.load alignment LEB",
        "wasm-2.0/binary-leb128:808": "integer too large: i32.store alignment LEB",
        "wasm-2.0/binary-leb128:827": "integer too large: i32.store alignment LEB",
        "wasm-2.0/binary-leb128:990": "integer representation too long: 0xFC sub-opcode LEB",
        "wasm-2.0/binary:56": "END opcode expected: body's instructions lack their final end",
        "wasm-2.0/binary:77": "unexpected end of section or function: body's instructions lack their final end",
        "wasm-2.0/binary:93": "section size mismatch: body's final end lies outside the body",
        "wasm-2.0/binary:126": "zero byte expected: memory.grow reserved byte",
        "wasm-2.0/binary:146": "zero byte expected: memory.grow reserved byte",
        "wasm-2.0/binary:166": "zero byte expected: memory.grow reserved byte",
        "wasm-2.0/binary:185": "zero byte expected: memory.grow reserved byte",
        "wasm-2.0/binary:204": "zero byte expected: memory.grow reserved byte",
        "wasm-2.0/binary:224": "zero byte expected: memory.size reserved byte",
        "wasm-2.0/binary:243": "zero byte expected: memory.size reserved byte",
        "wasm-2.0/binary:262": "zero byte expected: memory.size reserved byte",
        "wasm-2.0/binary:280": "zero byte expected: memory.size reserved byte",
        "wasm-2.0/binary:298": "zero byte expected: memory.size reserved byte",
        "wasm-2.0/binary:494": "data count section required: memory.init without a data count section",
        "wasm-2.0/binary:517": "data count section required: data.drop without a data count section",
        "wasm-2.0/binary:1114": "unexpected end: br_table target count larger than the targets given",
        // wasm-1.0
        "wasm-1.0/binary-leb128:404": "integer representation too long: i32.load offset LEB",
        "wasm-1.0/binary-leb128:423": "integer representation too long: i32.load alignment LEB",
        "wasm-1.0/binary-leb128:442": "integer representation too long: i32.store alignment LEB",
        "wasm-1.0/binary-leb128:461": "integer representation too long: i32.store offset LEB",
        "wasm-1.0/binary-leb128:730": "integer too large: i32.load offset LEB",
        "wasm-1.0/binary-leb128:749": "integer too large: i32.load offset LEB",
        "wasm-1.0/binary-leb128:768": "integer too large: i32.load alignment LEB",
        "wasm-1.0/binary-leb128:786": "integer too large: i32.load alignment LEB",
        "wasm-1.0/binary-leb128:805": "integer too large: i32.store alignment LEB",
        "wasm-1.0/binary-leb128:824": "integer too large: i32.store alignment LEB",
        "wasm-1.0/binary-leb128:843": "integer too large: i32.store offset LEB",
        "wasm-1.0/binary-leb128:862": "integer too large: i32.store offset LEB",
        "wasm-1.0/binary:50": "zero flag expected: call_indirect reserved byte",
        "wasm-1.0/binary:143": "zero flag expected: memory.grow reserved byte",
        "wasm-1.0/binary:163": "zero flag expected: memory.grow reserved byte",
        "wasm-1.0/binary:183": "zero flag expected: memory.grow reserved byte",
        "wasm-1.0/binary:202": "zero flag expected: memory.grow reserved byte",
        "wasm-1.0/binary:221": "zero flag expected: memory.grow reserved byte",
        "wasm-1.0/binary:241": "zero flag expected: memory.size reserved byte",
        "wasm-1.0/binary:260": "zero flag expected: memory.size reserved byte",
        "wasm-1.0/binary:279": "zero flag expected: memory.size reserved byte",
        "wasm-1.0/binary:297": "zero flag expected: memory.size reserved byte",
        "wasm-1.0/binary:315": "zero flag expected: memory.size reserved byte",
        "wasm-1.0/binary:741": "unexpected end of section or function: br_table target count larger than the targets given",
    ]

    /// wasm-2.0 binary `assert_malformed` cases the decoder rejects with a message that is not the
    /// expected one (the tests compare messages as prefixes). Key as above; value: why.
    /// All come from function bodies whose declared sizes are too small for the over-long LEB128
    /// inside them: the reference interpreter meets the bad LEB128 while decoding the body's
    /// instructions, before it gets to the section's end; this decoder skips the body by its size
    /// and then finds a byte of the LEB128 where the next section's id should be.
    static let knownMessageDifferences: [String: String] = [
        "wasm-2.0/binary-leb128:405": "expected 'integer representation too long' (i32.load offset), got 'malformed section id'",
        "wasm-2.0/binary-leb128:462": "expected 'integer representation too long' (i32.store offset), got 'malformed section id'",
        "wasm-2.0/binary-leb128:731": "expected 'integer representation too long' (i32.load offset), got 'malformed section id'",
        "wasm-2.0/binary-leb128:751": "expected 'integer representation too long' (i32.load offset), got 'malformed section id'",
        "wasm-2.0/binary-leb128:846": "expected 'integer representation too long' (i32.store offset), got 'malformed section id'",
        "wasm-2.0/binary-leb128:866": "expected 'integer representation too long' (i32.store offset), got 'malformed section id'",
    ]

    struct Command {
        var type: String
        var line: Int
        var filename: String?
        var text: String?
        var moduleType: String?
    }

    static func specDirectory() -> URL? {
        if let dir = ProcessInfo.processInfo.environment["SPEC_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        // <root>/Tests/SwasmBinaryTests/<this file>
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/spec")
    }

    static func loadCommands(_ url: URL) throws -> [Command] {
        let data = try Data(contentsOf: url)
        guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let commands = top["commands"] as? [[String: Any]] else { return [] }
        return commands.map { c in
            Command(type: c["type"] as? String ?? "", line: c["line"] as? Int ?? 0,
                    filename: c["filename"] as? String, text: c["text"] as? String,
                    moduleType: c["module_type"] as? String)
        }
    }

    struct Tally {
        var modules = 0
        var malformedRejected = 0
        var leftToBodies = 0
        var otherAssertions = 0
        var messageMismatches: [String] = []
    }

    func run(version: String, features: Features) throws -> Tally {
        guard let spec = Self.specDirectory() else { throw XCTSkip("no spec directory") }
        let jsonDir = spec.appendingPathComponent(version).appendingPathComponent("json")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: jsonDir.path) else {
            throw XCTSkip("spec suite not found at \(jsonDir.path) (set SPEC_DIR)")
        }
        var tally = Tally()
        var seenExceptions = Set<String>()
        for file in files.sorted() where file.hasSuffix(".json") && file != "manifest.json" {
            let base = String(file.dropLast(5))
            for command in try Self.loadCommands(jsonDir.appendingPathComponent(file)) {
                guard let filename = command.filename, filename.hasSuffix(".wasm") else { continue }
                let key = "\(version)/\(base):\(command.line)"
                let bytes = try [UInt8](Data(contentsOf: jsonDir.appendingPathComponent(filename)))
                var result: Result<Module, Error>
                do { result = .success(try decodeModule(bytes, features: features)) } catch { result = .failure(error) }

                switch command.type {
                case "module":
                    tally.modules += 1
                    if case .failure(let error) = result {
                        XCTFail("\(key): module should decode, got \(error)")
                    }
                case "assert_malformed":
                    let expected = command.text ?? ""
                    if let reason = Self.leftToBodyDecoding[key] {
                        seenExceptions.insert(key)
                        tally.leftToBodies += 1
                        if case .failure(let error) = result {
                            XCTFail("\(key): listed as left to body decoding (\(reason)) but the decoder rejects it: \(error)")
                        }
                        continue
                    }
                    switch result {
                    case .success:
                        XCTFail("\(key): expected malformed '\(expected)', but it decodes")
                    case .failure(let error as ModuleError):
                        XCTAssertEqual(error.kind, .malformed, "\(key): expected malformed '\(expected)', got \(error)")
                        tally.malformedRejected += 1
                        if !error.message.hasPrefix(expected) {
                            tally.messageMismatches.append("\(key): expected '\(expected)', got '\(error.message)'")
                            if version == "wasm-2.0" && Self.knownMessageDifferences[key] == nil {
                                XCTFail("\(key): expected message '\(expected)', got '\(error.message)'")
                            }
                        }
                    case .failure(let error):
                        XCTFail("\(key): unexpected error type \(error)")
                    }
                case "assert_invalid", "assert_unlinkable", "assert_uninstantiable":
                    tally.otherAssertions += 1
                    // Well-formed modules: the only error the decoder may raise is a non-constant
                    // instruction in a constant expression, where the test expects exactly that.
                    if case .failure(let error) = result {
                        let moduleError = error as? ModuleError
                        let ok = moduleError?.kind == .invalid
                            && moduleError?.message == "constant expression required"
                            && command.text == "constant expression required"
                        XCTAssertTrue(ok, "\(key) (\(command.type) '\(command.text ?? "")'): decoder rejects it: \(error)")
                    }
                default:
                    continue
                }
            }
        }
        let missing = Set(Self.leftToBodyDecoding.keys.filter { $0.hasPrefix(version + "/") }).subtracting(seenExceptions)
        XCTAssertTrue(missing.isEmpty, "exceptions not found in the suite: \(missing.sorted())")
        return tally
    }

    func testWasm2SpecBinaries() throws {
        let t = try run(version: "wasm-2.0", features: .wasm2)
        print("wasm-2.0: \(t.modules) modules decoded, \(t.malformedRejected) malformed rejected, "
              + "\(t.leftToBodies) left to body decoding, \(t.otherAssertions) other assertion modules, "
              + "\(t.messageMismatches.count) message differences")
        for m in t.messageMismatches { print("  wasm-2.0 message difference: \(m)") }
        XCTAssertGreaterThan(t.modules, 1000)
    }

    func testWasm1SpecBinaries() throws {
        let t = try run(version: "wasm-1.0", features: .wasm1)
        print("wasm-1.0: \(t.modules) modules decoded, \(t.malformedRejected) malformed rejected, "
              + "\(t.leftToBodies) left to body decoding, \(t.otherAssertions) other assertion modules, "
              + "\(t.messageMismatches.count) message differences (1.0 wording differs from 2.0's)")
        for m in t.messageMismatches where !m.contains("UTF-8") { print("  wasm-1.0 message difference: \(m)") }
        XCTAssertGreaterThan(t.modules, 500)
    }
}
