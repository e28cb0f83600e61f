import SwasmBinary
import XCTest

/// Helpers to write small modules byte by byte in tests.
enum W {
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    static func u32(_ value: UInt32) -> [UInt8] { u64(UInt64(value)) }

    static func u64(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            out.append(b)
        } while v != 0
        return out
    }

    static func s64(_ value: Int64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while true {
            let b = UInt8(truncatingIfNeeded: v) & 0x7F
            v >>= 7
            if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
                out.append(b)
                return out
            }
            out.append(b | 0x80)
        }
    }

    static func name(_ s: String) -> [UInt8] { u32(UInt32(s.utf8.count)) + Array(s.utf8) }

    static func vec(_ items: [[UInt8]]) -> [UInt8] { u32(UInt32(items.count)) + items.flatMap { $0 } }

    static func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] {
        [id] + u32(UInt32(content.count)) + content
    }

    static func module(_ sections: [UInt8]...) -> [UInt8] { header + sections.flatMap { $0 } }

    // Section shorthands.
    static func types(_ entries: [[UInt8]]) -> [UInt8] { section(1, vec(entries)) }
    static func functionType(_ params: [ValueType], _ results: [ValueType]) -> [UInt8] {
        [0x60] + vec(params.map { $0.encoded }) + vec(results.map { $0.encoded })
    }
    static func functions(_ typeIndices: [UInt32]) -> [UInt8] { section(3, vec(typeIndices.map { u32($0) })) }
    /// A code section of bodies with the given locals (count, type) and instruction bytes.
    static func code(_ bodies: [(locals: [(UInt32, ValueType)], code: [UInt8])]) -> [UInt8] {
        section(10, vec(bodies.map { body in
            let content = vec(body.locals.map { u32($0.0) + $0.1.encoded }) + body.code
            return u32(UInt32(content.count)) + content
        }))
    }

    static let i32Const0: [UInt8] = [0x41, 0x00, 0x0B]
}

extension XCTestCase {
    /// Decoding must fail as malformed with exactly this message and (if given) offset.
    func assertError(_ bytes: [UInt8], _ message: String, at offset: Int? = nil, features: Features = .wasm2,
                     file: StaticString = #filePath, line: UInt = #line) {
        assertError(bytes, .malformed, message, at: offset, features: features, file: file, line: line)
    }

    /// Decoding must fail with exactly this kind, message and (if given) offset.
    func assertError(_ bytes: [UInt8], _ kind: ModuleError.Kind, _ message: String,
                     at offset: Int? = nil, features: Features = .wasm2,
                     file: StaticString = #filePath, line: UInt = #line) {
        do {
            let module = try decodeModule(bytes, features: features)
            XCTFail("expected \(kind) '\(message)', decoded \(module.types.count) types", file: file, line: line)
        } catch let error as ModuleError {
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
            XCTAssertEqual(error.message, message, "\(error)", file: file, line: line)
            if let offset {
                XCTAssertEqual(error.offset, offset, "\(error)", file: file, line: line)
            }
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    func decode(_ bytes: [UInt8], features: Features = .wasm2,
                file: StaticString = #filePath, line: UInt = #line) throws -> Module {
        do {
            return try decodeModule(bytes, features: features)
        } catch {
            XCTFail("decoding failed: \(error)", file: file, line: line)
            throw error
        }
    }
}
