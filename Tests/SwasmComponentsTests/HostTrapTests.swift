import XCTest
import Swasm
@testable import SwasmComponents

/// Traps on host calls, worded as wasmtime's host conversions (and the reference tests) word
/// them.
final class HostTrapTests: XCTestCase {
    private let body = """
        (func (export "ret64") (result i32) (i32.const 64))
        (func (export "ret") (param i32) (result i32) (local.get 0))
        (func (export "take") (param i32 i32))
        (func (export "boom") unreachable)
        """

    /// A guest whose "ret64" returns the return area at 64 holding `words`.
    private func returning(_ words: [UInt32], bytes: [UInt8] = [], at: Int = 8) throws -> Guest {
        let g = try Guest(body)
        try g.write32(words, 64)
        try g.write(bytes, at)
        return g
    }

    func testStringBoundsAreCheckedEvenWhenEmpty() throws {
        XCTAssertEqual(try returning([100, 0]).lift("ret64", [], .string).call([]), .string(""))
        XCTAssertComponentTrap("string pointer/length out of bounds of memory") {
            try self.returning([0xdead_beef, 0]).lift("ret64", [], .string).call([])
        }
        XCTAssertComponentTrap("string pointer/length out of bounds of memory") {
            try self.returning([65535, 2]).lift("ret64", [], .string).call([])
        }
        XCTAssertEqual(try returning([65534, 2], bytes: [0x6f, 0x6b], at: 65534).lift("ret64", [], .string).call([]),
                       .string("ok"))
    }

    func testInvalidUTF8IsWordedLikeRust() throws {
        XCTAssertComponentTrap("invalid utf-8 sequence of 1 bytes from index 0") {
            try self.returning([8, 1], bytes: [0xff]).lift("ret64", [], .string).call([])
        }
        XCTAssertComponentTrap("incomplete utf-8 byte sequence from index 0") {
            try self.returning([8, 1], bytes: [0xc3]).lift("ret64", [], .string).call([])
        }
        XCTAssertComponentTrap("invalid utf-8 sequence of 2 bytes from index 1") {
            try self.returning([8, 4], bytes: [0x61, 0xe2, 0x98, 0x41]).lift("ret64", [], .string).call([])
        }
        XCTAssertComponentTrap("invalid utf-8 sequence of 1 bytes from index 0") {
            try self.returning([8, 3], bytes: [0xed, 0xa0, 0x80]).lift("ret64", [], .string).call([])
        }
    }

    func testUTF16StringsMustBeAlignedAndPaired() throws {
        XCTAssertComponentTrap("string pointer not aligned to 2") {
            try self.returning([9, 0]).lift("ret64", [], .string, .utf16).call([])
        }
        XCTAssertComponentTrap("unpaired surrogate found: d800") {
            try self.returning([8, 2], bytes: [0x00, 0xd8, 0x41, 0x00]).lift("ret64", [], .string, .utf16).call([])
        }
        XCTAssertEqual(try returning([8, 3], bytes: [0x68, 0, 0x3c, 0xd8, 0x70, 0xdf]).lift("ret64", [], .string, .utf16).call([]),
                       .string("h🍰"))
        // latin1+utf16: an untagged length counts Latin-1 bytes, a tagged one UTF-16 units.
        XCTAssertEqual(try returning([8, 2], bytes: [0xf8, 0x6b]).lift("ret64", [], .string, .latin1UTF16).call([]),
                       .string("øk"))
        XCTAssertEqual(try returning([8, 0x8000_0002], bytes: [0x6e, 0, 0x03, 0x26]).lift("ret64", [], .string, .latin1UTF16).call([]),
                       .string("n☃"))
        XCTAssertComponentTrap("string pointer not aligned to 2") {
            try self.returning([9, 1]).lift("ret64", [], .string, .latin1UTF16).call([])
        }
    }

    func testListsMustBeAlignedAndInBounds() throws {
        XCTAssertComponentTrap("list pointer is not aligned") {
            try self.returning([2, 1]).lift("ret64", [], .list(.u32)).call([])
        }
        XCTAssertComponentTrap("list pointer/length out of bounds of memory") {
            try self.returning([65532, 2]).lift("ret64", [], .list(.u32)).call([])
        }
        XCTAssertComponentTrap("list pointer/length out of bounds of memory") {
            try self.returning([0, 0xffff_ffff]).lift("ret64", [], .list(.u64)).call([])
        }
    }

    func testReturnAreaMustBeAlignedAndInBounds() throws {
        let g = try Guest(body)
        XCTAssertComponentTrap("return pointer not aligned") {
            try g.lift("ret", [.u32], .string).call([.u32(65)])
        }
        XCTAssertComponentTrap("pointer out of bounds of memory") {
            try g.lift("ret", [.u32], .string).call([.u32(65532)])
        }
    }

    func testReallocResultsAreCheckedAlignmentFirst() throws {
        let misaligned = try Guest(body, reallocResult: "(i32.const -1)")
        XCTAssertComponentTrap("realloc return: result not aligned") {
            try misaligned.lift("take", [.list(.u32)], nil).call([.list([.u32(1), .u32(2)])])
        }
        let beyond = try Guest(body, reallocResult: "(i32.const -4)")
        XCTAssertComponentTrap("realloc return: beyond end of memory") {
            try beyond.lift("take", [.list(.u32)], nil).call([.list([.u32(1), .u32(2)])])
        }
        XCTAssertComponentTrap("realloc return: beyond end of memory") {
            try beyond.lift("take", [.list(.u32)], nil).call([.list([])])
        }
        XCTAssertComponentTrap("realloc return: beyond end of memory") {
            try beyond.lift("take", [.string], nil).call([.string("x")])
        }
    }

    func testInvalidDiscriminants() throws {
        let g = try Guest(body)
        try g.write([2], 64)
        XCTAssertComponentTrap("invalid option discriminant") {
            try g.lift("ret64", [], .option(.u8)).call([])
        }
        XCTAssertComponentTrap("invalid expected discriminant") {
            try g.lift("ret", [.u32], .result(ok: nil, error: nil)).call([.u32(2)])
        }
        XCTAssertComponentTrap("discriminant 2 out of range [0..2)") {
            try g.lift("ret", [.u32], .enum(["a", "b"])).call([.u32(2)])
        }
        XCTAssertEqual(try g.lift("ret", [.u32], .enum(["a", "b"])).call([.u32(1)]), .enum("b"))
        try g.write([3], 64)
        XCTAssertComponentTrap("discriminant 3 out of range [0..3)") {
            try g.lift("ret64", [], .variant([ComponentCase(name: "a", payload: .string), ComponentCase(name: "b", payload: nil),
                                              ComponentCase(name: "c", payload: .u8)])).call([])
        }
    }

    func testCoreTrapsPassThrough() throws {
        let g = try Guest(body)
        XCTAssertThrowsError(try g.lift("boom", [], nil).call([])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .unreachable)
        }
        // The instance is not left entered after a trap.
        XCTAssertThrowsError(try g.lift("boom", [], nil).call([])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .unreachable)
        }
        XCTAssertTrue(g.state.tasks.isEmpty)
        XCTAssertTrue(g.state.mayLeave)
    }
}
