import XCTest
import Swasm

/// SIMD instructions through the public API, on hand-assembled modules.
final class SIMDTests: XCTestCase {
    // MARK: Integer arithmetic

    func testI8x16AddWrapsAndSaturates() throws {
        let a = bytes([0xFF, 0x7F, 0x80, 0x01])
        let b = bytes([0x01, 0x01, 0x80, 0x02])
        XCTAssertEqual(try binaryV128(sub: 0x6E, a, b), bytes([0x00, 0x80, 0x00, 0x03]))  // add
        XCTAssertEqual(try binaryV128(sub: 0x6F, a, b), bytes([0x00, 0x7F, 0x80, 0x03]))  // add_sat_s
        XCTAssertEqual(try binaryV128(sub: 0x70, a, b), bytes([0xFF, 0x80, 0xFF, 0x03]))  // add_sat_u
        XCTAssertEqual(try binaryV128(sub: 0x73, b, a), bytes([0x00, 0x00, 0x00, 0x01]))  // sub_sat_u
    }

    func testI16x8Q15MulRoundSaturating() throws {
        let a = int16s([-32768, 16384, -1, 100, 0, 0, 0, 0])
        let b = int16s([-32768, 16384, 1, 200, 0, 0, 0, 0])
        XCTAssertEqual(try binaryV128(sub: 0x82, a, b), int16s([32767, 8192, 0, 1, 0, 0, 0, 0]))
    }

    func testI32x4DotAndShift() throws {
        let a = int16s([1, 2, -32768, -32768, 3, 4, 5, 6])
        let b = int16s([7, 8, -32768, -32768, -1, -1, 100, 0])
        // Lane 1 wraps: 2 * 2^30 = 2^31.
        XCTAssertEqual(try binaryV128(sub: 0xBA, a, b), int32s([23, Int32.min, -7, 500]))
        // i32x4.shr_s by 33 shifts by 1.
        let shifted = try run(params: [v128, i32], results: [v128], body: [0x20, 0, 0x20, 1] + simd(0xAC),
                              [.v128(int32s([-8, 8, -1, 0x7FFF_FFFF])), .i32(33)])
        XCTAssertEqual(shifted, [.v128(int32s([-4, 4, -1, 0x3FFF_FFFF]))])
    }

    func testLocalSetOfVectorResult() throws {
        // local 2 = a + b; return local 2 * local 2
        let body: [UInt8] = [0x20, 0, 0x20, 1] + simd(0xAE) + [0x21, 2, 0x20, 2, 0x20, 2] + simd(0xB5)
        let result = try run(params: [v128, v128], results: [v128], locals: [v128], body: body,
                             [.v128(int32s([1, 2, 3, -4])), .v128(int32s([10, 20, 30, 40]))])
        XCTAssertEqual(result, [.v128(int32s([121, 484, 1089, 1296]))])
    }

    // MARK: Lanes, shuffles, tests

    func testShuffleAndSwizzle() throws {
        let a = V128(bytes: (0..<16).map { UInt8($0) })
        let b = V128(bytes: (0..<16).map { UInt8($0 + 0x10) })
        let selectors: [UInt8] = (0..<8).flatMap { [UInt8($0), UInt8($0 + 16)] }
        let shuffled = try run(params: [v128, v128], results: [v128], body: [0x20, 0, 0x20, 1] + simd(0x0D) + selectors,
                               [.v128(a), .v128(b)])
        XCTAssertEqual(shuffled, [.v128(V128(bytes: (0..<8).flatMap { [UInt8($0), UInt8($0 + 0x10)] }))])

        let indices = bytes([15, 16, 0, 255])
        let swizzled = try binaryV128(sub: 0x0E, V128(bytes: (0..<16).map { UInt8($0 + 0x40) }), indices)
        XCTAssertEqual(swizzled, V128(bytes: [0x4F, 0, 0x40, 0] + [UInt8](repeating: 0x40, count: 12)))
    }

    func testExtractReplaceAndSplat() throws {
        let v = V128(bytes: [UInt8](repeating: 0, count: 15) + [0xFF])
        XCTAssertEqual(try run(params: [v128], results: [i32], body: [0x20, 0] + simd(0x15) + [15], [.v128(v)]), [.i32(0xFFFF_FFFF)])
        XCTAssertEqual(try run(params: [v128], results: [i32], body: [0x20, 0] + simd(0x16) + [15], [.v128(v)]), [.i32(255)])
        // f64x2.replace_lane 1 keeps the NaN payload bit for bit.
        let nan: UInt64 = 0x7FF0_0000_0000_0001
        XCTAssertEqual(try run(params: [v128, f64], results: [v128], body: [0x20, 0, 0x20, 1] + simd(0x22) + [1],
                               [.v128(V128(low: 5, high: 6)), .f64(nan)]),
                       [.v128(V128(low: 5, high: nan))])
        XCTAssertEqual(try run(params: [i32], results: [v128], body: [0x20, 0] + simd(0x10), [.i32(0x1_ABCD)]),
                       [.v128(V128(low: 0xABCD_ABCD_ABCD_ABCD, high: 0xABCD_ABCD_ABCD_ABCD))])
    }

    func testBitmaskAndAllTrue() throws {
        var lanes = [UInt8](repeating: 1, count: 16)
        lanes[0] = 0x80
        lanes[7] = 0xFF
        lanes[15] = 0x90
        XCTAssertEqual(try run(params: [v128], results: [i32], body: [0x20, 0] + simd(0x64), [.v128(V128(bytes: lanes))]),
                       [.i32(0x8081)])
        XCTAssertEqual(try run(params: [v128], results: [i32], body: [0x20, 0] + simd(0xA3), [.v128(int32s([1, 2, 0, 4]))]),
                       [.i32(0)])
        XCTAssertEqual(try run(params: [v128], results: [i32], body: [0x20, 0] + simd(0xA3), [.v128(int32s([1, 2, 3, 4]))]),
                       [.i32(1)])
    }

    func testConstantOperands() throws {
        // v128.const 1..16 ; v128.const all 0x10 ; i8x16.sub
        let body = simd(0x0C) + (1...16).map { UInt8($0) } + simd(0x0C) + [UInt8](repeating: 0x10, count: 16) + simd(0x71)
        XCTAssertEqual(try run(params: [], results: [v128], body: body, []),
                       [.v128(V128(bytes: (1...16).map { UInt8(truncatingIfNeeded: $0 - 0x10) }))])
    }

    // MARK: Floats

    func testF32x4MinAndPseudoMin() throws {
        let a = floats([-0.0, 1.0, Float(bitPattern: 0x7FC0_0000), 2.0])
        let b = floats([0.0, Float(bitPattern: 0x7FC0_0000), 1.0, -3.0])
        let min = try binaryV128(sub: 0xE8, a, b)
        let minLanes = lanes32(min)
        XCTAssertEqual(minLanes[0], 0x8000_0000)
        XCTAssertEqual(minLanes[1] & 0x7FFF_FFFF, 0x7FC0_0000)
        XCTAssertEqual(minLanes[2] & 0x7FFF_FFFF, 0x7FC0_0000)
        XCTAssertEqual(minLanes[3], Float(-3.0).bitPattern)
        XCTAssertEqual(try binaryV128(sub: 0xEA, a, b), floats([-0.0, 1.0, Float(bitPattern: 0x7FC0_0000), -3.0]))
    }

    func testFloatNegKeepsNaNPayload() throws {
        let v = V128(low: 0x7FF0_0000_0000_0001, high: Double(2.5).bitPattern)
        XCTAssertEqual(try run(params: [v128], results: [v128], body: [0x20, 0] + simd(0xED), [.v128(v)]),
                       [.v128(V128(low: 0xFFF0_0000_0000_0001, high: Double(-2.5).bitPattern))])
    }

    func testTruncSatF64x2Zero() throws {
        let v = V128(low: Double(1e10).bitPattern, high: Double(-2.7).bitPattern)
        XCTAssertEqual(try run(params: [v128], results: [v128], body: [0x20, 0] + simd(0xFC), [.v128(v)]),
                       [.v128(int32s([Int32.max, -2, 0, 0]))])
        XCTAssertEqual(try run(params: [v128], results: [v128], body: [0x20, 0] + simd(0xFD), [.v128(v)]),
                       [.v128(int32s([-1, 0, 0, 0]))])
        let nan = V128(low: Double.nan.bitPattern, high: Double(-1e300).bitPattern)
        XCTAssertEqual(try run(params: [v128], results: [v128], body: [0x20, 0] + simd(0xFC), [.v128(nan)]),
                       [.v128(int32s([0, Int32.min, 0, 0]))])
    }

    // MARK: Memory

    func testStoreThenLoadLane() throws {
        // store v at addr; return v128.load8_lane offset=1 lane 0 (addr, v)
        let body: [UInt8] = [0x20, 0, 0x20, 1] + simd(0x0B) + [4, 0] + [0x20, 0, 0x20, 1] + simd(0x54) + [0, 1, 0]
        let v = V128(bytes: (0..<16).map { UInt8($0 + 0xA0) })
        let result = try run(params: [i32, v128], results: [v128], body: body, memory: true, [.i32(100), .v128(v)])
        XCTAssertEqual(result, [.v128(V128(bytes: [0xA1] + (1..<16).map { UInt8($0 + 0xA0) }))])
    }

    func testLoadExtendAndZero() throws {
        // i32.const 0, i64.const 0x80FF_0102_8000_7F01 (bytes 01 7F 00 80 02 01 FF 80), i64.store
        let setup: [UInt8] = [0x41, 0, 0x42] + sleb(Int64(bitPattern: 0x80FF_0102_8000_7F01)) + [0x37, 3, 0]
        let load8x8s = setup + [0x41, 0] + simd(0x01) + [3, 0]
        XCTAssertEqual(try run(params: [], results: [v128], body: load8x8s, memory: true, []),
                       [.v128(int16s([1, 127, 0, -128, 2, 1, -1, -128]))])
        let load32zero = setup + [0x41, 0] + simd(0x5C) + [2, 4]
        XCTAssertEqual(try run(params: [], results: [v128], body: load32zero, memory: true, []),
                       [.v128(V128(low: 0x80FF_0102, high: 0))])
    }

    func testOutOfBoundsAccessTraps() throws {
        let body: [UInt8] = [0x20, 0] + simd(0x00) + [4, 0]
        XCTAssertEqual(try run(params: [i32], results: [v128], body: body, memory: true, [.i32(65520)]),
                       [.v128(V128(low: 0, high: 0))])
        XCTAssertThrowsError(try run(params: [i32], results: [v128], body: body, memory: true, [.i32(65521)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .outOfBoundsMemoryAccess)
        }
        let store: [UInt8] = [0x20, 0, 0x20, 1] + simd(0x5B) + [3, 0xF9, 0xFF, 0x03, 1]  // offset 65529
        XCTAssertThrowsError(try run(params: [i32, v128], results: [], body: store, memory: true,
                                     [.i32(0), .v128(V128(low: 0, high: 0))])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .outOfBoundsMemoryAccess)
        }
        let lastFit: [UInt8] = [0x20, 0, 0x20, 1] + simd(0x5B) + [3, 0xF8, 0xFF, 0x03, 1]  // offset 65528
        XCTAssertEqual(try run(params: [i32, v128], results: [], body: lastFit, memory: true,
                               [.i32(0), .v128(V128(low: 0, high: 0))]), [])
    }

    // MARK: Validation

    func testValidationErrors() throws {
        func error(_ params: [UInt8], _ results: [UInt8], _ body: [UInt8], memory: Bool = false) -> ModuleError? {
            do {
                _ = try Module(bytes: moduleBytes(params: params, results: results, locals: [], body: body, memory: memory))
                return nil
            } catch {
                return error as? ModuleError
            }
        }
        let lane = error([v128], [i32], [0x20, 0] + simd(0x15) + [16])
        XCTAssertEqual(lane?.kind, .invalid)
        XCTAssertEqual(lane?.message, "invalid lane index")
        let shuffle = error([v128], [v128], [0x20, 0, 0x20, 0] + simd(0x0D) + [UInt8](repeating: 32, count: 16))
        XCTAssertEqual(shuffle?.message, "invalid lane index")
        let reserved = error([v128], [v128], [0x20, 0] + simd(0x9A))
        XCTAssertEqual(reserved?.kind, .malformed)
        let mismatch = error([i32, v128], [v128], [0x20, 0, 0x20, 1] + simd(0x6E))
        XCTAssertEqual(mismatch?.kind, .invalid)
        XCTAssertEqual(mismatch.map { $0.message.hasPrefix("type mismatch") }, true)
        let align = error([i32], [v128], [0x20, 0] + simd(0x07) + [1, 0], memory: true)
        XCTAssertEqual(align?.message, "alignment must not be larger than natural")
        let noMemory = error([i32], [v128], [0x20, 0] + simd(0x00) + [4, 0])
        XCTAssertEqual(noMemory?.message, "unknown memory 0")
    }

    // MARK: Helpers

    private let i32: UInt8 = 0x7F
    private let f64: UInt8 = 0x7C
    private let v128: UInt8 = 0x7B

    private func binaryV128(sub: UInt32, _ a: V128, _ b: V128) throws -> V128? {
        let results = try run(params: [v128, v128], results: [v128], body: [0x20, 0, 0x20, 1] + simd(sub), [.v128(a), .v128(b)])
        guard results.count == 1, case .v128(let v) = results[0] else { return nil }
        return v
    }

    private func run(params: [UInt8], results: [UInt8], locals: [UInt8] = [], body: [UInt8], memory: Bool = false,
                     _ arguments: [Value]) throws -> [Value] {
        let module = try Module(bytes: moduleBytes(params: params, results: results, locals: locals, body: body, memory: memory))
        let instance = try Store().instantiate(module)
        return try instance.call("f", arguments)
    }

    private func moduleBytes(params: [UInt8], results: [UInt8], locals: [UInt8], body: [UInt8], memory: Bool) -> [UInt8] {
        func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + uleb(UInt32(content.count)) + content }
        var m: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        m += section(1, [1, 0x60] + uleb(UInt32(params.count)) + params + uleb(UInt32(results.count)) + results)
        m += section(3, [1, 0])
        if memory { m += section(5, [1, 0, 1]) }
        m += section(7, [1, 1, UInt8(ascii: "f"), 0, 0])
        let localGroups: [UInt8] = uleb(UInt32(locals.count)) + locals.flatMap { [1, $0] }
        let code = localGroups + body + [0x0B]
        m += section(10, [1] + uleb(UInt32(code.count)) + code)
        return m
    }

    private func simd(_ sub: UInt32) -> [UInt8] { [0xFD] + uleb(sub) }

    private func uleb(_ value: UInt32) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { byte |= 0x80 }
            out.append(byte)
        } while v != 0
        return out
    }

    private func sleb(_ value: Int64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while true {
            let byte = UInt8(truncatingIfNeeded: v & 0x7F)
            v >>= 7
            if (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0) {
                out.append(byte)
                return out
            }
            out.append(byte | 0x80)
        }
    }

    /// A v128 whose first bytes are `prefix` and the rest zero.
    private func bytes(_ prefix: [UInt8]) -> V128 {
        V128(bytes: prefix + [UInt8](repeating: 0, count: 16 - prefix.count))
    }

    private func int16s(_ lanes: [Int16]) -> V128 {
        V128(bytes: lanes.flatMap { v -> [UInt8] in
            let u = UInt16(bitPattern: v)
            return [UInt8(u & 0xFF), UInt8(u >> 8)]
        })
    }

    private func int32s(_ lanes: [Int32]) -> V128 {
        V128(bytes: lanes.flatMap { v -> [UInt8] in
            let u = UInt32(bitPattern: v)
            return (0..<4).map { UInt8(truncatingIfNeeded: u >> (8 * $0)) }
        })
    }

    private func floats(_ lanes: [Float]) -> V128 {
        int32s(lanes.map { Int32(bitPattern: $0.bitPattern) })
    }

    private func lanes32(_ v: V128?) -> [UInt32] {
        guard let v else { return [] }
        return [UInt32(truncatingIfNeeded: v.low), UInt32(truncatingIfNeeded: v.low >> 32),
                UInt32(truncatingIfNeeded: v.high), UInt32(truncatingIfNeeded: v.high >> 32)]
    }
}
