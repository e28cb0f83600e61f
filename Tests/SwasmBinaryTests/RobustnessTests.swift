import Foundation
import XCTest
import SwasmBinary

/// The decoder must never crash nor throw anything but `ModuleError`, whatever the input, and
/// must be fast.
final class RobustnessTests: XCTestCase {

    /// A small deterministic generator (xorshift64*).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2685821657736338717
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// Decodes, checking that only `ModuleError`s come out. Returns whether it decoded.
    @discardableResult
    func check(_ bytes: [UInt8], _ features: Features, _ what: @autoclosure () -> String) -> Bool {
        do {
            _ = try decodeModule(bytes, features: features)
            return true
        } catch is ModuleError {
            return false
        } catch {
            XCTFail("\(what()): unexpected error type \(error)")
            return false
        }
    }

    /// Sample modules: the spec suite's binaries if present, else a few hand-made ones.
    func sampleModules(limit: Int) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        if let spec = SpecSuiteDecodeTests.specDirectory() {
            let dir = spec.appendingPathComponent("wasm-2.0/json")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            let wasm = files.filter { $0.hasSuffix(".wasm") }.sorted()
            let stride = max(1, wasm.count / limit)
            for (i, f) in wasm.enumerated() where i % stride == 0 {
                if let data = try? Data(contentsOf: dir.appendingPathComponent(f)) { result.append((f, [UInt8](data))) }
            }
        }
        if result.isEmpty {
            result.append(("synthetic", Self.syntheticModule(functions: 20, bodySize: 30, dataSize: 100)))
        }
        return result
    }

    func testTruncationsNeverCrash() {
        for (name, bytes) in sampleModules(limit: 150) {
            let step = max(1, bytes.count / 200)
            for n in Swift.stride(from: 0, to: bytes.count, by: step) {
                check(Array(bytes[0..<n]), .wasm2, "\(name) truncated to \(n)")
                check(Array(bytes[0..<n]), .wasm1, "\(name) truncated to \(n)")
            }
        }
    }

    func testMutationsNeverCrash() {
        var random = Random(state: 0x9E37_79B9_7F4A_7C15)
        let interesting: [UInt8] = [0x00, 0x01, 0x0B, 0x41, 0x60, 0x70, 0x7F, 0x80, 0xFC, 0xFD, 0xFF]
        var decoded = 0, total = 0
        for (name, bytes) in sampleModules(limit: 300) {
            for round in 0..<40 {
                var b = bytes
                for _ in 0...random.below(3) {
                    guard !b.isEmpty else { break }
                    let i = 8 + random.below(max(b.count - 8, 1))
                    guard i < b.count else { continue }
                    switch random.below(4) {
                    case 0: b[i] = UInt8(truncatingIfNeeded: random.next())
                    case 1: b[i] = interesting[random.below(interesting.count)]
                    case 2: b.insert(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], at: i)
                    default: b.remove(at: i)
                    }
                }
                total += 1
                if check(b, round % 2 == 0 ? .wasm2 : .wasm1, "\(name) mutation \(round)") { decoded += 1 }
            }
        }
        print("mutations: \(total) inputs, \(decoded) still decode")
    }

    func testRandomBytesNeverCrash() {
        var random = Random(state: 42)
        for length in 0..<2000 {
            var b = W.header
            for _ in 0..<(length % 64) { b.append(UInt8(truncatingIfNeeded: random.next())) }
            check(b, .wasm2, "random \(length)")
        }
    }

    // MARK: - Speed

    /// A module with the given number of functions (bodies of about `bodySize` bytes), exports,
    /// globals, an element segment and a data segment of `dataSize` bytes.
    static func syntheticModule(functions: Int, bodySize: Int, dataSize: Int) -> [UInt8] {
        let body: [UInt8] = W.vec([W.u32(2) + [0x7F], W.u32(1) + [0x7C]])
            + Array(repeating: 0x01, count: max(bodySize - 7, 0)) + [0x0B]
        let bodies = W.u32(UInt32(functions)) + Array((0..<functions).map { _ in W.u32(UInt32(body.count)) + body }.joined())
        return W.module(
            W.types([W.functionType([.i32, .i64], [.f64]), W.functionType([], [])]),
            W.functions(Array(repeating: 1, count: functions)),
            W.section(4, W.vec([[0x70, 0x00] + W.u32(UInt32(functions))])),
            W.section(5, W.vec([[0x00, 0x10]])),
            W.section(6, W.vec(Array(repeating: [0x7F, 0x01, 0x41, 0xE8, 0x07, 0x0B], count: functions / 10))),
            W.section(7, W.vec((0..<functions).map { W.name("function_\($0)") + [0x00] + W.u32(UInt32($0)) })),
            W.section(9, W.vec([[0x00] + W.i32Const0 + W.vec((0..<functions).map { W.u32(UInt32($0)) })])),
            W.section(10, bodies),
            W.section(11, W.vec([[0x00] + W.i32Const0 + W.u32(UInt32(dataSize)) + Array(repeating: 0xAB, count: dataSize)])),
            W.section(0, W.name("name") + [0x00] + W.u32(5) + W.name("big1")))
    }

    func testThroughput() throws {
        let bytes = Self.syntheticModule(functions: 40_000, bodySize: 200, dataSize: 4 << 20)
        _ = try decodeModule(bytes)  // warm up
        let start = DispatchTime.now().uptimeNanoseconds
        let rounds = 5
        for _ in 0..<rounds {
            let m = try decodeModule(bytes)
            XCTAssertEqual(m.bodies.count, 40_000)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let mbPerSecond = Double(bytes.count * rounds) / seconds / 1e6
        print("decoded \(bytes.count) bytes \(rounds) times: \(Int(mbPerSecond)) MB/s")
        #if !DEBUG
        XCTAssertGreaterThan(mbPerSecond, 50)
        #endif
    }
}
