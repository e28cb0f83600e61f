import XCTest
import Swasm

/// Big modules compile on several threads; the result and the error must not depend on it.
final class ParallelCompileTests: XCTestCase {
    /// 64 functions `() -> i32` of about 6 KB each (over the size that turns on parallel
    /// compilation); `body(i)` may replace function i's code.
    func module(_ body: (Int) -> [UInt8]? = { _ in nil }) -> [UInt8] {
        func uleb(_ v: Int) -> [UInt8] {
            var v = v, out: [UInt8] = []
            repeat { var b = UInt8(v & 0x7F); v >>= 7; if v != 0 { b |= 0x80 }; out.append(b) } while v != 0
            return out
        }
        func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + uleb(content.count) + content }
        let count = 64
        var bodies: [UInt8] = uleb(count)
        for i in 0..<count {
            var code: [UInt8] = [0x00]  // no locals
            if let custom = body(i) {
                code += custom
            } else {
                // i + (1 + 1 + ... ) : a long run of adds
                code += [0x41] + uleb(i)
                for _ in 0..<2000 { code += [0x41, 0x01, 0x6A] }
                code += [0x0B]
            }
            bodies += uleb(code.count) + code
        }
        return [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
            + section(1, [0x01, 0x60, 0x00, 0x01, 0x7F])
            + section(3, uleb(count) + Array(repeating: 0, count: count))
            + section(7, [0x01, 0x01, 0x66, 0x00, 0x3F])  // export "f" = function 63
            + section(10, bodies)
    }

    func load(_ bytes: [UInt8], threads: Int) throws -> Module {
        try Module(bytes: bytes, options: CompilationOptions(compilationThreads: threads))
    }

    func testTheSameCodeOnOneAndOnTwoThreads() throws {
        let bytes = module()
        let one = try load(bytes, threads: 1), two = try load(bytes, threads: 2)
        XCTAssertEqual(one.internalCodeListing(), two.internalCodeListing())
        let instance = try Store().instantiate(two)
        XCTAssertEqual(try instance.call("f"), [.i32(63 + 2000)])
    }

    func error(_ bytes: [UInt8], threads: Int) -> ModuleError? {
        do {
            _ = try load(bytes, threads: threads)
            return nil
        } catch {
            return error as? ModuleError
        }
    }

    func testTheFirstErrorInModuleOrderWhateverTheThreads() throws {
        let invalid: [UInt8] = [0x6A, 0x0B]              // i32.add on an empty stack
        let malformed: [UInt8] = [0x41, 0x01, 0xFF, 0x0B]  // an illegal opcode
        let cases: [(String, (Int) -> [UInt8]?, Int, ModuleError.Kind)] = [
            ("invalid only", { $0 == 40 ? invalid : nil }, 40, .invalid),
            ("two invalid", { $0 == 10 || $0 == 50 ? invalid : nil }, 10, .invalid),
            ("invalid, then a later malformed one decides", { $0 == 5 ? invalid : ($0 == 60 ? malformed : nil) }, 60, .malformed),
            ("malformed first", { $0 == 3 ? malformed : ($0 == 30 ? invalid : nil) }, 3, .malformed),
        ]
        for (name, body, function, kind) in cases {
            let bytes = module(body)
            guard let one = error(bytes, threads: 1), let two = error(bytes, threads: 2) else {
                return XCTFail("\(name): the module loaded")
            }
            XCTAssertEqual(one.functionIndex, function, name)
            XCTAssertEqual(one.kind, kind, name)
            XCTAssertEqual(one.description, two.description, name)
        }
    }
}
