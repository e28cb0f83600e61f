import XCTest
import Swasm
@testable import SwasmComponents

/// Cases from the Canonical ABI's reference test suite (design/mvp/canonical-abi): lists
/// loaded from given bytes (padding bytes are garbage and ignored), and every string
/// crossing every pair of encodings.
final class ReferenceVectorTests: XCTestCase {
    private func context(_ g: Guest, _ encoding: StringEncoding = .utf8, _ boundary: CallBoundary = .component) throws -> LiftLowerContext {
        LiftLowerContext(options: try g.options(encoding), instance: g.state, borrowScope: .none, boundary: boundary)
    }

    /// The list of `count` `element`s at `ptr` in memory holding `bytes` from 0.
    private func heap(_ element: ComponentValueType, _ ptr: Int, _ count: Int, _ bytes: [UInt8]) throws -> [ComponentValue] {
        let g = try Guest()
        try g.write(bytes, 0)
        return try context(g).loadList(ptr, count, element)
    }

    private func tuple(_ values: ComponentValue...) -> ComponentValue { .tuple(values) }

    func testListsFromTheHeap() throws {
        XCTAssertEqual(try heap(.bool, 0, 3, [1, 0, 2]), [.bool(true), .bool(false), .bool(true)])
        XCTAssertEqual(try heap(.bool, 3, 3, [0xff, 0xff, 0xff, 1, 0, 1]), [.bool(true), .bool(false), .bool(true)])
        XCTAssertEqual(try heap(.u16, 0, 3, [1, 0, 2, 0, 3, 0]), [.u16(1), .u16(2), .u16(3)])
        XCTAssertComponentTrap("unaligned pointer") { _ = try self.heap(.u16, 1, 3, [0, 1, 0, 2, 0, 3, 0]) }
        XCTAssertEqual(try heap(.s16, 0, 3, [0xff, 0xff, 0xfe, 0xff, 0xfd, 0xff]), [.s16(-1), .s16(-2), .s16(-3)])
        XCTAssertEqual(try heap(.s64, 0, 2, [UInt8](repeating: 0xff, count: 8) + [0xfe] + [UInt8](repeating: 0xff, count: 7)),
                       [.s64(-1), .s64(-2)])
        XCTAssertEqual(try heap(.char, 0, 3, [65, 0, 0, 0, 66, 0, 0, 0, 99, 0, 0, 0]), [.char("A"), .char("B"), .char("c")])
        XCTAssertEqual(try heap(.string, 0, 2, [16, 0, 0, 0, 2, 0, 0, 0, 21, 0, 0, 0, 3, 0, 0, 0,
                                                0x68, 0x69, 0xf, 0xf, 0xf, 0x77, 0x61, 0x74]),
                       [.string("hi"), .string("wat")])
        XCTAssertEqual(try heap(.list(.u8), 0, 3, [24, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 27, 0, 0, 0, 2, 0, 0, 0, 3, 4, 5, 6, 7]),
                       [.list([.u8(3), .u8(4), .u8(5)]), .list([]), .list([.u8(6), .u8(7)])])
        XCTAssertComponentTrap("unaligned pointer") {
            _ = try self.heap(.list(.u16), 0, 1, [9, 0, 0, 0, 2, 0, 0, 0, 0, 5, 0, 6, 0])
        }
        XCTAssertEqual(try heap(.tuple([.u8, .u8, .u16, .u32]), 0, 2, [6, 7, 8, 0, 9, 0, 0, 0, 4, 5, 6, 0, 7, 0, 0, 0]),
                       [tuple(.u8(6), .u8(7), .u16(8), .u32(9)), tuple(.u8(4), .u8(5), .u16(6), .u32(7))])
        XCTAssertEqual(try heap(.tuple([.u8, .u16, .u8, .u32]), 0, 2,
                                [6, 0xff, 7, 0, 8, 0xff, 0xff, 0xff, 9, 0, 0, 0, 4, 0xff, 5, 0, 6, 0xff, 0xff, 0xff, 7, 0, 0, 0]),
                       [tuple(.u8(6), .u16(7), .u8(8), .u32(9)), tuple(.u8(4), .u16(5), .u8(6), .u32(7))])
        XCTAssertEqual(try heap(.tuple([.u16, .u8]), 0, 2, [6, 0, 7, 0xff, 8, 0, 9, 0xff]),
                       [tuple(.u16(6), .u8(7)), tuple(.u16(8), .u8(9))])
        XCTAssertEqual(try heap(.tuple([.tuple([.u16, .u8]), .u8]), 0, 2, [4, 0, 5, 0xff, 6, 0xff, 7, 0, 8, 0xff, 9, 0xff]),
                       [tuple(tuple(.u16(4), .u8(5)), .u8(6)), tuple(tuple(.u16(7), .u8(8)), .u8(9))])
    }

    func testVariantsAndFlagsFromTheHeap() throws {
        let v = ComponentValueType.variant([ComponentCase(name: "0", payload: .u32), ComponentCase(name: "1", payload: .u8)])
        XCTAssertEqual(try heap(v, 0, 2, [0, 0xff, 0xff, 0xff, 0, 1, 0, 0, 1, 0xff, 0xff, 0xff, 42, 0xff, 0xff, 0xff]),
                       [.variant(caseName: "0", payload: .u32(256)), .variant(caseName: "1", payload: .u8(42))])
        let inner = ComponentValueType.variant([ComponentCase(name: "0", payload: .u8),
                                                ComponentCase(name: "1", payload: .tuple([.u16, .u8]))])
        XCTAssertEqual(try heap(.tuple([inner, .u8]), 0, 2, [1, 0xff, 5, 0, 6, 0xff, 7, 0xff, 0, 0xff, 8, 0xff, 0xff, 0xff, 9, 0xff]),
                       [tuple(.variant(caseName: "1", payload: tuple(.u16(5), .u8(6))), .u8(7)),
                        tuple(.variant(caseName: "0", payload: .u8(8)), .u8(9))])
        XCTAssertEqual(try heap(.variant([ComponentCase(name: "0", payload: .u8)]), 0, 3, [0, 6, 0, 7, 0, 8]),
                       [6, 7, 8].map { .variant(caseName: "0", payload: .u8($0)) })
        let ab = ComponentValueType.flags(["a", "b"])
        XCTAssertEqual(try heap(ab, 0, 3, [0, 2, 4]), [.flags([]), .flags(["b"]), .flags([])])
        func labels(_ n: Int) -> [String] { (0 ..< n).map { "\($0)" } }
        XCTAssertEqual(try heap(.flags(labels(9)), 0, 2, [0xff, 0x3, 0, 0]), [.flags(labels(9)), .flags([])])
        XCTAssertEqual(try heap(.flags(labels(17)), 0, 2, [0xff, 0xff, 0x3, 0, 0, 0, 0, 0]), [.flags(labels(17)), .flags([])])
        XCTAssertEqual(try heap(.flags(labels(33)), 0, 2, [0xff, 0xff, 0xff, 0xff, 0x3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
                       [.flags(labels(33)), .flags([])])
    }

    func testFlatLiftingOfIntegersAndJoinedVariants() throws {
        let g = try Guest()
        let cx = try context(g)
        func lift(_ t: ComponentValueType, _ values: [Value]) throws -> ComponentValue { try cx.liftFlat(FlatReader(values), t) }
        XCTAssertEqual(try [127, 128, 255, 256, 0xffff_ffff, 0xffff_ff80, 0xffff_ff7f].map { try lift(.s8, [.i32($0)]) },
                       [127, -128, -1, 0, -1, -128, 127].map { .s8($0) })
        XCTAssertEqual(try [32767, 32768, 65535, 65536, 0xffff_ffff, 0xffff_8000, 0xffff_7fff].map { try lift(.u16, [.i32($0)]) },
                       [32767, 32768, 65535, 0, 65535, 32768, 32767].map { .u16($0) })
        let xyz = ComponentValueType.variant([ComponentCase(name: "x", payload: .u8), ComponentCase(name: "y", payload: .f32),
                                              ComponentCase(name: "z", payload: nil)])
        XCTAssertEqual(try lift(xyz, [.i32(0), .i32(256)]), .variant(caseName: "x", payload: .u8(0)))
        XCTAssertEqual(try lift(xyz, [.i32(1), .i32(0x4048_f5c3)]), .variant(caseName: "y", payload: .f32(bitPattern: 0x4048_f5c3)))
        XCTAssertEqual(try lift(xyz, [.i32(2), .i32(0xffff_ffff)]), .variant(caseName: "z", payload: nil))
        let u = ComponentValueType.variant([ComponentCase(name: "0", payload: .u32), ComponentCase(name: "1", payload: .u64)])
        XCTAssertEqual(try lift(u, [.i32(0), .i64(1 << 35)]), .variant(caseName: "0", payload: .u32(0)))
        XCTAssertEqual(try lift(u, [.i32(1), .i64(1 << 35)]), .variant(caseName: "1", payload: .u64(1 << 35)))
        let fu = ComponentValueType.variant([ComponentCase(name: "0", payload: .f64), ComponentCase(name: "1", payload: .u64)])
        XCTAssertEqual(try lift(fu, [.i32(0), .i64(1 << 35)]), .variant(caseName: "0", payload: .f64(bitPattern: 1 << 35)))
        XCTAssertComponentTrap("invalid variant discriminant") {
            _ = try lift(.variant([ComponentCase(name: "0", payload: .u8)]), [.i32(1), .i32(256)])
        }
        XCTAssertEqual(try lift(.flags(["a", "b"]), [.i32(4)]), .flags([]))
        XCTAssertEqual(try lift(.flags((0 ..< 33).map { "\($0)" }), [.i32(0xffff_ffff), .i32(1)]), .flags((0 ..< 33).map { "\($0)" }))
    }

    /// Every string lifted from every encoding, lowered into every encoding and lifted back;
    /// the destination holds the most compact form its encoding allows.
    func testStringsCrossEveryPairOfEncodings() throws {
        let strings = ["", "a", "hi", "\u{0}", "a\u{0}b", "\u{80}", "\u{80}b", "ab\u{ef}c", "\u{1ff}y", "xy\u{1ff}",
                       "a\u{d7ff}b", "a\u{2ff}\u{3ff}\u{4ff}bc", "\u{f123}", "\u{f123}\u{f123}abc", "abcdef\u{f123}", "🍰x", "x🍰"]
        let encodings: [StringEncoding] = [.utf8, .utf16, .latin1UTF16]
        let source = try Guest()
        for dstEncoding in encodings {
            let destination = try Guest()
            for srcEncoding in encodings {
                for s in strings {
                    for (bytes, tagged) in sourceForms(s, srcEncoding) {
                        try source.write(bytes, 64)
                        let from = try context(source, srcEncoding)
                        XCTAssertEqual(try from.loadString(64, tagged), s, "lift \(s) from \(srcEncoding)")
                        let to = try context(destination, dstEncoding)
                        to.pendingStringHints = from.liftedStringHints[...]
                        let (ptr, stored) = try to.storeStringIntoRange(s)
                        XCTAssertEqual(stored, compactTaggedLength(s, dstEncoding), "\(s): \(srcEncoding) → \(dstEncoding)")
                        XCTAssertEqual(try to.loadString(ptr, stored), s, "\(s): \(srcEncoding) → \(dstEncoding)")
                    }
                }
            }
        }
    }

    private func utf16(_ s: String) -> [UInt8] { s.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] } }

    private func sourceForms(_ s: String, _ encoding: StringEncoding) -> [([UInt8], UInt32)] {
        switch encoding {
        case .utf8: return [(Array(s.utf8), UInt32(s.utf8.count))]
        case .utf16: return [(utf16(s), UInt32(s.utf16.count))]
        case .latin1UTF16:
            var forms = [(utf16(s), UInt32(s.utf16.count) | CanonicalLayout.utf16Tag)]
            if s.unicodeScalars.allSatisfy({ $0.value < 256 }) {
                forms.insert((s.unicodeScalars.map { UInt8($0.value) }, UInt32(s.unicodeScalars.count)), at: 0)
            }
            return forms
        }
    }

    private func compactTaggedLength(_ s: String, _ encoding: StringEncoding) -> UInt32 {
        switch encoding {
        case .utf8: return UInt32(s.utf8.count)
        case .utf16: return UInt32(s.utf16.count)
        case .latin1UTF16:
            return s.unicodeScalars.allSatisfy({ $0.value < 256 }) ? UInt32(s.unicodeScalars.count)
                : UInt32(s.utf16.count) | CanonicalLayout.utf16Tag
        }
    }
}
