import XCTest
import Swasm
@testable import SwasmComponents

/// Calls between two components: the caller's core code calls a lowered import whose callee
/// is another component's lifted function. Transcoding between string encodings, and the
/// traps worded as between components.
final class AdapterTests: XCTestCase {
    /// A caller and a callee in one store: the callee `C` with `calleeBody`, the caller's core
    /// module `D` with `callerBody` (memory and realloc from a separate `libc` guest), whose
    /// imports are C's functions lowered with the caller's `encoding`.
    struct Pair {
        let c: Guest
        let libc: Guest
        let d: Guest

        init(callee calleeBody: String, caller callerBody: String, encoding: StringEncoding = .utf8,
             calleeReallocResult: String? = nil,
             imports: (Guest) throws -> [String: ComponentFunction]) throws {
            let store = Store()
            c = try Guest(calleeBody, name: "C", store: store, reallocResult: calleeReallocResult)
            libc = try Guest("", name: "libc", store: store)
            let state = ComponentInstanceState(name: "D")
            let options = try libc.options(encoding)
            let lowered = try imports(c).mapValues { $0.lowered(options: options, instance: state) }
            d = try Guest(callerBody, name: "D", store: store, state: state, memory: libc.memory, imports: lowered)
        }

        /// Runs D's core export `name` as a lifted function called by the host.
        func run(_ name: String = "run") throws {
            try d.lift(name, [], nil).call([])
        }
    }

    /// C's "join": records its (ptr, len) at 100/104 and returns the string at 64/68.
    private let joinCallee = """
        (func (export "join") (param i32 i32) (result i32)
          (i32.store (i32.const 100) (local.get 0)) (i32.store (i32.const 104) (local.get 1)) (i32.const 64))
        """

    func testUTF16CallerToUTF8Callee() throws {
        let pair = try Pair(callee: joinCallee, caller: """
            (data (i32.const 16) "\\68\\00\\f6\\00\\03\\26\\3c\\d8\\70\\df")
            (func (export "run") (call $join (i32.const 16) (i32.const 5) (i32.const 8)))
            """, encoding: .utf16) { c in ["join": try c.lift("join", [.string], .string)] }
        try pair.c.write32([200, 9], 64)
        try pair.c.write([0x6f, 0x6b, 0xe2, 0x98, 0x83, 0xf0, 0x9f, 0x8d, 0xb0], 200)
        try pair.run()
        // Into UTF-8: guess 5 bytes, grow to 3 × 5 at "ö", shrink to the 10 bytes written.
        XCTAssertEqual(pair.c.reallocCalls, [[0, 0, 1, 5], [1024, 5, 1, 15], [1029, 15, 1, 10]])
        XCTAssertEqual(try pair.c.u32(100), 1029)
        XCTAssertEqual(try pair.c.u32(104), 10)
        XCTAssertEqual(try pair.c.bytes(1029, 10), Array("hö☃🍰".utf8))
        // The result back into UTF-16: worst case 2 × 9 bytes, shrunk to 5 code units.
        XCTAssertEqual(pair.libc.reallocCalls, [[0, 0, 2, 18], [1024, 18, 2, 10]])
        XCTAssertEqual(try pair.libc.u32(8), 1024)
        XCTAssertEqual(try pair.libc.u32(12), 5)
        XCTAssertEqual(try pair.libc.bytes(1024, 10), [0x6f, 0, 0x6b, 0, 0x03, 0x26, 0x3c, 0xd8, 0x70, 0xdf])
    }

    func testUTF8CallerToUTF16Callee() throws {
        let pair = try Pair(callee: joinCallee, caller: """
            (data (i32.const 16) "\\68\\c3\\b6\\e2\\98\\83\\f0\\9f\\8d\\b0")
            (func (export "run") (call $join (i32.const 16) (i32.const 10) (i32.const 8)))
            """) { c in ["join": try c.lift("join", [.string], .string, .utf16)] }
        try pair.c.write32([200, 4], 64)
        try pair.c.write([0xf6, 0x00, 0x6b, 0x00, 0x3c, 0xd8, 0x70, 0xdf], 200)
        try pair.run()
        XCTAssertEqual(pair.c.reallocCalls, [[0, 0, 2, 20], [1024, 20, 2, 10]])
        XCTAssertEqual(try pair.c.u32(104), 5)
        XCTAssertEqual(try pair.c.bytes(1024, 10), [0x68, 0, 0xf6, 0, 0x03, 0x26, 0x3c, 0xd8, 0x70, 0xdf])
        // UTF-16 into UTF-8: 4 code units guessed as 4 bytes, grown to 12 at "ö", shrunk to 7.
        XCTAssertEqual(pair.libc.reallocCalls, [[0, 0, 1, 4], [1024, 4, 1, 12], [1028, 12, 1, 7]])
        XCTAssertEqual(try pair.libc.u32(12), 7)
        XCTAssertEqual(try pair.libc.bytes(1028, 7), Array("ök🍰".utf8))
    }

    func testLatin1UTF16Deflation() throws {
        let pair = try Pair(callee: joinCallee, caller: """
            (data (i32.const 16) "\\41\\00\\42\\00")
            (func (export "run") (call $join (i32.const 16) (i32.const 0x80000002) (i32.const 8)))
            """, encoding: .latin1UTF16) { c in ["join": try c.lift("join", [.string], .string, .latin1UTF16)] }
        try pair.c.write32([200, 0x8000_0002], 64)
        try pair.c.write([0x6e, 0, 0x03, 0x26], 200)
        try pair.run()
        // "AB" tagged as UTF-16 arrives deflated to Latin-1: copied as UTF-16, shrunk to 2.
        XCTAssertEqual(pair.c.reallocCalls, [[0, 0, 2, 4], [1024, 4, 1, 2]])
        XCTAssertEqual(try pair.c.u32(104), 2)
        XCTAssertEqual(try pair.c.bytes(1024, 2), [0x41, 0x42])
        // "n☃" stays UTF-16.
        XCTAssertEqual(pair.libc.reallocCalls, [[0, 0, 2, 4]])
        XCTAssertEqual(try pair.libc.u32(12), 0x8000_0002)
        XCTAssertEqual(try pair.libc.bytes(1024, 4), [0x6e, 0, 0x03, 0x26])
    }

    func testLatin1CallerToUTF8Callee() throws {
        let pair = try Pair(callee: joinCallee, caller: """
            (data (i32.const 16) "\\68\\f6\\6c\\61")
            (func (export "run") (call $join (i32.const 16) (i32.const 4) (i32.const 8)))
            """, encoding: .latin1UTF16) { c in ["join": try c.lift("join", [.string], .string)] }
        try pair.c.write32([200, 5], 64)
        try pair.c.write(Array("grün".utf8), 200)
        try pair.run()
        // Latin-1 into UTF-8: guess 4, grow to 2 × 4 at "ö", shrink to 5.
        XCTAssertEqual(pair.c.reallocCalls, [[0, 0, 1, 4], [1024, 4, 1, 8], [1028, 8, 1, 5]])
        XCTAssertEqual(try pair.c.bytes(1028, 5), Array("höla".utf8))
        // UTF-8 into latin1+utf16: guess Latin-1 for 5 bytes, shrink to the 4 written.
        XCTAssertEqual(pair.libc.reallocCalls, [[0, 0, 2, 5], [1024, 5, 2, 4]])
        XCTAssertEqual(try pair.libc.u32(12), 4)
        XCTAssertEqual(try pair.libc.bytes(1024, 4), [0x67, 0x72, 0xfc, 0x6e])
    }

    func testListOfStringsIsTranscodedElementByElement() throws {
        let pair = try Pair(callee: """
            (func (export "concat") (param i32 i32) (result i32)
              (i32.store (i32.const 100) (local.get 0)) (i32.store (i32.const 104) (local.get 1)) (i32.const 64))
            """, caller: """
            (data (i32.const 32) "\\68\\00\\69\\00")
            (data (i32.const 40) "\\03\\26")
            (data (i32.const 64) "\\20\\00\\00\\00\\02\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\28\\00\\00\\00\\01\\00\\00\\00")
            (func (export "run") (call $concat (i32.const 64) (i32.const 3) (i32.const 8)))
            """, encoding: .utf16) { c in ["concat": try c.lift("concat", [.list(.string)], .string)] }
        try pair.c.write32([0, 0], 64)
        try pair.run()
        XCTAssertEqual(pair.c.reallocCalls, [[0, 0, 4, 24], [0, 0, 1, 2], [0, 0, 1, 0], [0, 0, 1, 1], [1050, 1, 1, 3]])
        XCTAssertEqual(try pair.c.u32(100), 1024)
        XCTAssertEqual(try pair.c.u32(104), 3)
        let elements = try (0 ..< 6).map { try pair.c.u32(1024 + 4 * $0) }
        XCTAssertEqual(elements, [1048, 2, 1050, 0, 1051, 3])
        XCTAssertEqual(try pair.c.bytes(1048, 2), Array("hi".utf8))
        XCTAssertEqual(try pair.c.bytes(1051, 3), Array("☃".utf8))
        // The empty result is still allocated.
        XCTAssertEqual(pair.libc.reallocCalls, [[0, 0, 2, 0]])
    }

    func testIntegersAreTruncatedAndFlagsMaskedBetweenComponents() throws {
        let pair = try Pair(callee: """
            (func (export "u8") (param i32) (i32.store (i32.const 100) (local.get 0)))
            (func (export "s16") (param i32) (i32.store (i32.const 104) (local.get 0)))
            (func (export "f9") (param i32) (i32.store (i32.const 108) (local.get 0)))
            (func (export "b") (param i32) (i32.store (i32.const 112) (local.get 0)))
            """, caller: """
            (func (export "run")
              (call $u8 (i32.const 0xff01)) (call $s16 (i32.const 0xffff)) (call $f9 (i32.const 0xffffff11))
              (call $b (i32.const -7)))
            """) { c in
            ["u8": try c.lift("u8", [.u8], nil), "s16": try c.lift("s16", [.s16], nil),
             "f9": try c.lift("f9", [.flags((1 ... 9).map { "f\($0)" })], nil), "b": try c.lift("b", [.bool], nil)]
        }
        try pair.run()
        XCTAssertEqual(try pair.c.u32(100), 1)
        XCTAssertEqual(try pair.c.u32(104), 0xffff_ffff)
        XCTAssertEqual(try pair.c.u32(108), 0x111)
        XCTAssertEqual(try pair.c.u32(112), 1)
    }

    func testVariantPayloadSlotsCrossComponents() throws {
        let wide = ComponentValueType.variant([ComponentCase(name: "a", payload: .u16), ComponentCase(name: "b", payload: .u64)])
        let pair = try Pair(callee: """
            (func (export "wide") (param i32 i64) (i32.store (i32.const 100) (local.get 0)) (i64.store (i32.const 104) (local.get 1)))
            """, caller: """
            (func (export "run") (call $wide (i32.const 0) (i64.const 0xff00000004)))
            """) { c in ["wide": try c.lift("wide", [wide], nil)] }
        try pair.run()
        XCTAssertEqual(try pair.c.u32(100), 0)
        XCTAssertEqual(try pair.c.memory.load(UInt64.self, at: 104), 4)
    }

    private func expectTrap(_ message: String, callee: String, caller: String, encoding: StringEncoding = .utf8,
                            calleeReallocResult: String? = nil, line: UInt = #line,
                            _ imports: @escaping (Guest) throws -> [String: ComponentFunction]) throws {
        let pair = try Pair(callee: callee, caller: caller, encoding: encoding, calleeReallocResult: calleeReallocResult,
                            imports: imports)
        XCTAssertComponentTrap(message, line: line) { try pair.run() }
    }

    func testTrapsAreWordedAsBetweenComponents() throws {
        let take = "(func (export \"take\") (param i32 i32))"
        try expectTrap("string content out-of-bounds", callee: take,
                       caller: "(func (export \"run\") (call $take (i32.const 0x80000000) (i32.const 1)))") { c in
            ["take": try c.lift("take", [.string], nil)]
        }
        try expectTrap("string content out-of-bounds", callee: take,
                       caller: "(func (export \"run\") (call $take (i32.const 65535) (i32.const 2)))") { c in
            ["take": try c.lift("take", [.string], nil)]
        }
        try expectTrap("unaligned pointer", callee: take, caller: "(func (export \"run\") (call $take (i32.const 1) (i32.const 0)))",
                       encoding: .utf16) { c in ["take": try c.lift("take", [.string], nil)] }
        try expectTrap("unaligned pointer", callee: take,
                       caller: "(func (export \"run\") (call $take (i32.const 1) (i32.const 0x80000000)))",
                       encoding: .latin1UTF16) { c in ["take": try c.lift("take", [.string], nil)] }
        try expectTrap("list content out-of-bounds", callee: take,
                       caller: "(func (export \"run\") (call $take (i32.const 0) (i32.const 0)))",
                       calleeReallocResult: "(i32.const -1)") { c in ["take": try c.lift("take", [.list(.u8)], nil)] }
        try expectTrap("unaligned pointer", callee: take, caller: "(func (export \"run\") (call $take (i32.const 8) (i32.const 1)))",
                       calleeReallocResult: "(i32.const 2)") { c in ["take": try c.lift("take", [.list(.u32)], nil)] }
        try expectTrap("invalid utf-8 sequence of 1 bytes from index 0", callee: take, caller: """
            (data (i32.const 16) "\\ff")
            (func (export "run") (call $take (i32.const 16) (i32.const 1)))
            """) { c in ["take": try c.lift("take", [.string], nil)] }
    }

    func testReturnAndArgumentPointersMustBeAligned() throws {
        let pairResult = ComponentValueType.tuple([.u32, .u32])
        try expectTrap("unaligned pointer", callee: "(func (export \"f\") (result i32) (i32.const 1))",
                       caller: "(func (export \"run\") (call $f (i32.const 8)))") { c in ["f": try c.lift("f", [], pairResult)] }
        try expectTrap("unaligned pointer", callee: "(func (export \"f\") (result i32) (i32.const 0))",
                       caller: "(func (export \"run\") (call $f (i32.const 1)))") { c in ["f": try c.lift("f", [], pairResult)] }
        let big = [ComponentValueType](repeating: .u32, count: 17)
        try expectTrap("unaligned pointer", callee: "(func (export \"f\") (param i32))",
                       caller: "(func (export \"run\") (call $f (i32.const 8)))", calleeReallocResult: "(i32.const 1)") { c in
            ["f": try c.lift("f", [.tuple(big)], nil)]
        }
        try expectTrap("unaligned pointer", callee: "(func (export \"f\") (param i32))",
                       caller: "(func (export \"run\") (call $f (i32.const 1)))") { c in ["f": try c.lift("f", [.tuple(big)], nil)] }
    }

    func testDiscriminantsAndCharsAreCheckedBothWays() throws {
        let v32 = ComponentValueType.variant([ComponentCase(name: "x", payload: .u32)])
        try expectTrap("invalid variant discriminant", callee: "(func (export \"f\") (param i32 i32))",
                       caller: "(func (export \"run\") (call $f (i32.const 1) (i32.const 0)))") { c in ["f": try c.lift("f", [v32], nil)] }
        try expectTrap("invalid variant discriminant", callee: "(func (export \"f\") (result i32) (i32.const 2))",
                       caller: "(func (export \"run\") (drop (call $f)))") { c in ["f": try c.lift("f", [], .enum(["a", "b"]))] }
        for bad in ["0xd800", "0xdfff", "0x110000"] {
            try expectTrap("invalid `char` bit pattern", callee: "(func (export \"f\") (param i32))",
                           caller: "(func (export \"run\") (call $f (i32.const \(bad))))") { c in ["f": try c.lift("f", [.char], nil)] }
        }
    }

    func testPostReturnMayNotCallOut() throws {
        let store = Store()
        let other = try Guest("(func (export \"noop\"))", name: "other", store: store)
        let noop = try other.lift("noop", [], nil)
        let state = ComponentInstanceState(name: "D")
        let d = try Guest("""
            (func (export "f"))
            (func (export "post") (call $noop))
            """, name: "D", store: store, state: state,
            imports: ["noop": noop.lowered(options: CanonicalOptions(), instance: state)])
        XCTAssertComponentTrap("cannot leave component instance") { try d.lift("f", [], nil, postReturn: "post").call([]) }
    }

    func testComponentsAreNotReentrant() throws {
        let state = ComponentInstanceState(name: "C")
        var reenter: ComponentFunction?
        let host = ComponentFunction(hostFunction: "callback", type: functionType([], nil)) { _ in
            try reenter?.call([])
            return nil
        }
        let c = try Guest("""
            (func (export "outer") (call $callback))
            (func (export "inner"))
            """, name: "C", state: state, imports: ["callback": host.lowered(options: CanonicalOptions(), instance: state)])
        reenter = try c.lift("inner", [], nil)
        XCTAssertComponentTrap("cannot enter component instance") { try c.lift("outer", [], nil).call([]) }
        XCTAssertTrue(state.tasks.isEmpty)
        // The trap locked the instance down: it cannot be entered again.
        XCTAssertTrue(state.isLockedDown)
        XCTAssertComponentTrap("cannot enter component instance") { try reenter?.call([]) }
    }
}
