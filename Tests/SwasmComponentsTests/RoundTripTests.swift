import XCTest
import Swasm
@testable import SwasmComponents

/// Random types and values (fixed seed): lowering then lifting gives the value back, flat and
/// in memory, and flat lowering produces exactly the flattened core types.
final class RoundTripTests: XCTestCase {
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func bool() -> Bool { next() & 1 == 1 }
    }

    private func type(_ r: inout Random, depth: Int) -> ComponentValueType {
        let primitives: [ComponentValueType] = [.bool, .s8, .u8, .s16, .u16, .s32, .u32, .s64, .u64, .f32, .f64, .char, .string]
        if depth == 0 || r.below(3) == 0 { return primitives[r.below(primitives.count)] }
        func labels(_ n: Int) -> [String] { (0 ..< n).map { "l\($0)" } }
        switch r.below(9) {
        case 0: return .list(type(&r, depth: depth - 1))
        case 1: return .fixedLengthList(type(&r, depth: depth - 1), length: UInt32(1 + r.below(3)))
        case 2: return .record((0 ..< 1 + r.below(4)).map { ComponentField(name: "f\($0)", type: type(&r, depth: depth - 1)) })
        case 3: return .tuple((0 ..< 1 + r.below(4)).map { _ in type(&r, depth: depth - 1) })
        case 4:
            return .variant((0 ..< 1 + r.below(4)).map {
                ComponentCase(name: "c\($0)", payload: r.bool() ? type(&r, depth: depth - 1) : nil)
            })
        case 5: return .enum(labels(1 + r.below(300)))
        case 6: return .option(type(&r, depth: depth - 1))
        case 7: return .result(ok: r.bool() ? type(&r, depth: depth - 1) : nil, error: r.bool() ? type(&r, depth: depth - 1) : nil)
        default: return .flags(labels(1 + r.below(40)))
        }
    }

    private func value(_ t: ComponentValueType, _ r: inout Random) -> ComponentValue {
        switch t {
        case .bool: return .bool(r.bool())
        case .s8: return .s8(Int8(truncatingIfNeeded: r.next()))
        case .u8: return .u8(UInt8(truncatingIfNeeded: r.next()))
        case .s16: return .s16(Int16(truncatingIfNeeded: r.next()))
        case .u16: return .u16(UInt16(truncatingIfNeeded: r.next()))
        case .s32: return .s32(Int32(truncatingIfNeeded: r.next()))
        case .u32: return .u32(UInt32(truncatingIfNeeded: r.next()))
        case .s64: return .s64(Int64(bitPattern: r.next() << 11 ^ r.next()))
        case .u64: return .u64(r.next() << 11 ^ r.next())
        case .f32:
            let bits = UInt32(truncatingIfNeeded: r.next())
            return .f32(bitPattern: Float(bitPattern: bits).isNaN ? canonicalNaN32 : bits)
        case .f64:
            let bits = r.next() << 11 ^ r.next()
            return .f64(bitPattern: Double(bitPattern: bits).isNaN ? canonicalNaN64 : bits)
        case .char: return .char(["a", "ö", "☃", "🍰", "\u{0}", "\u{10ffff}"][r.below(6)])
        case .string: return .string(["", "a", "hö", "☃x", "🍰🍰", "abcdefgh"][r.below(6)])
        case .list(let e): return .list((0 ..< r.below(4)).map { _ in value(e, &r) })
        case .fixedLengthList(let e, let n): return .list((0 ..< Int(n)).map { _ in value(e, &r) })
        case .record(let fields): return .record(fields.map { ($0.name, value($0.type, &r)) })
        case .tuple(let types): return .tuple(types.map { value($0, &r) })
        case .variant(let cases):
            let c = cases[r.below(cases.count)]
            return .variant(caseName: c.name, payload: c.payload.map { value($0, &r) })
        case .enum(let labels): return .enum(labels[r.below(labels.count)])
        case .option(let inner): return .option(r.bool() ? value(inner, &r) : nil)
        case .result(let ok, let error):
            let isError = r.bool()
            return .result(isError: isError, payload: (isError ? error : ok).map { value($0, &r) })
        case .flags(let labels): return .flags(labels.filter { _ in r.bool() })
        case .own, .borrow: return .bool(false)
        }
    }

    func testRandomValuesSurviveLoweringAndLifting() throws {
        var r = Random(state: 0x5eed)
        var guest = try Guest(), other = try Guest()
        for i in 0 ..< 2000 {
            if i % 10 == 0 { guest = try Guest(); other = try Guest() }
            let t = type(&r, depth: 4)
            let v = value(t, &r)
            let encoding: StringEncoding = [.utf8, .utf16, .latin1UTF16][i % 3]
            let cx = LiftLowerContext(options: try guest.options(encoding), instance: guest.state, borrowScope: .none,
                                      boundary: .component)
            let flat = try cx.lowerFlat(v, t)
            XCTAssertEqual(flat.map(\.type), t.flattened, "\(t.witText)")
            XCTAssertEqual(try cx.liftFlat(FlatReader(flat), t), v, "flat \(t.witText)")
            let ptr = try cx.allocate(0, 0, t.canonicalAlignment, t.canonicalSize, for: .returnArea)
            try cx.store(v, t, ptr)
            XCTAssertEqual(try cx.load(ptr, t), v, "memory \(t.witText)")
            let second = value(t, &r)
            let list = try cx.storeListIntoRange([v, second], t)
            XCTAssertEqual(try cx.loadList(list, 2, t), [v, second], "list \(t.witText)")
            // Into another component with another string encoding, keeping the strings' hints.
            cx.liftedStringHints = []
            let lifted = try cx.load(ptr, t)
            let to = LiftLowerContext(options: try other.options([.utf8, .utf16, .latin1UTF16][(i / 3) % 3]),
                                      instance: other.state, borrowScope: .none, boundary: .component)
            to.pendingStringHints = cx.liftedStringHints[...]
            let there = try to.allocate(0, 0, t.canonicalAlignment, t.canonicalSize, for: .returnArea)
            try to.store(lifted, t, there)
            XCTAssertTrue(to.pendingStringHints.isEmpty, "hints left over for \(t.witText)")
            XCTAssertEqual(try to.load(there, t), v, "transfer \(t.witText)")
        }
    }
}
