import XCTest
import SwasmText

/// Modules in the text format and the exact binaries they encode to.
final class EncodingTests: XCTestCase {
    let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
    let plain = TextOptions(nameSection: false)

    func encode(_ text: String) throws -> [UInt8] { try WAT.encode(text, options: plain) }

    func error(_ text: String, options: TextOptions = TextOptions()) -> TextError? {
        do {
            _ = try WAT.encode(text, options: options)
            return nil
        } catch {
            return error as? TextError
        }
    }

    func testFunctionWithExportAndImplicitType() throws {
        let binary = try encode("""
        (module
          (func $add (export "add") (param $a i32) (param $b i32) (result i32)
            local.get $a
            local.get $b
            i32.add))
        """)
        XCTAssertEqual(binary, header + [
            0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,   // type 0: [i32 i32] -> [i32]
            0x03, 0x02, 0x01, 0x00,                                 // func 0: type 0
            0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,   // export "add" func 0
            0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B,
        ])
    }

    func testFoldedAndFlatFormsEncodeAlike() throws {
        let folded = try encode("(func (result i32) (i32.add (i32.const 1) (i32.const 2)))")
        let flat = try encode("(func (result i32) i32.const 1 i32.const 2 i32.add)")
        XCTAssertEqual(folded, flat)
        let foldedIf = try encode("(func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))")
        let flatIf = try encode("(func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else i32.const 2 end)")
        XCTAssertEqual(foldedIf, flatIf)
    }

    func testImplicitTypesAreSharedAndAppended() throws {
        let binary = try encode("""
        (type $v (func))
        (func (param i64))
        (func)
        (func (param i64))
        """)
        // Types: 0 = [] -> [] (explicit), 1 = [i64] -> [] (appended once, used twice).
        XCTAssertEqual(Array(binary[8..<20]), [0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7E, 0x00, 0x03, 0x04])
        XCTAssertEqual(Array(binary[20..<24]), [0x03, 0x01, 0x00, 0x01])
    }

    func testLabelsResolveToDepths() throws {
        let binary = try encode("(func (block $outer (loop $inner (br $outer) (br $inner) (br 0))))")
        XCTAssertEqual(Array(binary.suffix(13)), [0x02, 0x40, 0x03, 0x40, 0x0C, 0x01, 0x0C, 0x00, 0x0C, 0x00, 0x0B, 0x0B, 0x0B])
    }

    func testMemoryArguments() throws {
        let binary = try encode("(memory 1) (func (drop (i64.load32_u offset=0x10 align=2 (i32.const 0))))")
        XCTAssertEqual(Array(binary.suffix(7)), [0x41, 0x00, 0x35, 0x01, 0x10, 0x1A, 0x0B])
        XCTAssertEqual(error("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))")?.message, "alignment must be a power of two")
    }

    func testInlineImportExportAndSegments() throws {
        let binary = try encode("""
        (func $f (import "env" "f"))
        (memory (export "m") (data "hi"))
        (table funcref (elem $f))
        """)
        XCTAssertEqual(binary, header + [
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x02, 0x09, 0x01, 0x03, 0x65, 0x6E, 0x76, 0x01, 0x66, 0x00, 0x00,   // import env.f: type 0
            0x04, 0x05, 0x01, 0x70, 0x01, 0x01, 0x01,                           // table funcref 1..1
            0x05, 0x04, 0x01, 0x01, 0x01, 0x01,                                 // memory 1..1 page
            0x07, 0x05, 0x01, 0x01, 0x6D, 0x02, 0x00,                           // export "m" memory 0
            0x09, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,               // elem at 0: [func 0]
            0x0B, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x02, 0x68, 0x69,         // data at 0: "hi"
        ])
    }

    func testVectorConstantsAndShuffles() throws {
        let binary = try encode("(func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i32x4 1 -1 0x10 0) (v128.const f32x4 1 0 0 -0)))")
        XCTAssertTrue(binary.map { String(format: "%02x", $0) }.joined().contains(
            "fd0c01000000ffffffff1000000000000000" + "fd0c0000803f00000000000000000000008" + "0fd0d000102030405060708090a0b0c0d0e1f"))
    }

    func testGCTypesAndInstructions() throws {
        let binary = try encode("""
        (rec (type $node (sub (struct (field $next (ref null $node)) (field $value (mut i32))))))
        (type $bytes (array (mut i8)))
        (func (param (ref $node)) (result i32) (struct.get $node $value (local.get 0)))
        """)
        let text = binary.map { String(format: "%02x", $0) }.joined()
        XCTAssertTrue(text.contains("4e01" + "5000" + "5f02" + "630000" + "7f01"), text)
        XCTAssertTrue(text.contains("5e7801"), text)
        XCTAssertTrue(text.contains("2000fb020001"), "struct.get 0 1: \(text)")
    }

    /// Exceptions, multi-memory with memory64, typed function references, tail calls and relaxed
    /// SIMD, encoded exactly as `wasm-tools parse` encodes them.
    func testWebAssembly3Proposals() throws {
        let binary = try encode("""
        (module
          (type $f (func (param i32) (result i32)))
          (tag $e (param i32))
          (memory $m0 1)
          (memory $m1 i64 1 2)
          (table $t 1 (ref null $f))
          (func $id (type $f) (local.get 0))
          (elem declare func $id)
          (func (export "run") (param i32) (result i32)
            (block $h (result i32)
              (try_table (result i32) (catch $e $h)
                (throw $e (local.get 0))))
            (i64.load8_u $m1 offset=0x1_0000_0000 (i64.const 0))
            drop
            (call_ref $f (ref.func $id))
            (return_call $id))
          (func (param v128) (result v128)
            (f32x4.relaxed_madd (local.get 0) (local.get 0) (local.get 0)))
          (func (result (ref $f)) (ref.as_non_null (ref.func $id))))
        """)
        XCTAssertEqual(binary, header + [
            0x01, 0x14, 0x04, 0x60, 0x01, 0x7F, 0x01, 0x7F, 0x60, 0x01, 0x7F, 0x00, 0x60, 0x01, 0x7B, 0x01, 0x7B, 0x60,
            0x00, 0x01, 0x64, 0x00, 0x03, 0x05, 0x04, 0x00, 0x00, 0x02, 0x03, 0x04, 0x05, 0x01, 0x63, 0x00, 0x00, 0x01,
            0x05, 0x06, 0x02, 0x00, 0x01, 0x05, 0x01, 0x02, 0x0D, 0x03, 0x01, 0x00, 0x01, 0x07, 0x07, 0x01, 0x03, 0x72,
            0x75, 0x6E, 0x00, 0x01, 0x09, 0x05, 0x01, 0x03, 0x00, 0x01, 0x00, 0x0A, 0x3A, 0x04, 0x04, 0x00, 0x20, 0x00,
            0x0B, 0x21, 0x00, 0x02, 0x7F, 0x1F, 0x7F, 0x01, 0x00, 0x00, 0x00, 0x20, 0x00, 0x08, 0x00, 0x0B, 0x0B, 0x42,
            0x00, 0x31, 0x40, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1A, 0xD2, 0x00, 0x14, 0x00, 0x12, 0x00, 0x0B, 0x0B,
            0x00, 0x20, 0x00, 0x20, 0x00, 0x20, 0x00, 0xFD, 0x85, 0x02, 0x0B, 0x05, 0x00, 0xD2, 0x00, 0xD4, 0x0B,
        ])
    }

    func testEncodingFollowsTheTextUnlessShortFormsArePreferred() throws {
        let text = "(type $v (func)) (memory 1) (func (if (i32.const 0) (then) (else)) (block (type $v))) (data (memory 0) (i32.const 0))"
        let asWritten = try WAT.encode(text, options: plain)
        var short = plain
        short.preferShortForms = true
        let shortForms = try WAT.encode(text, options: short)
        let hex = { (b: [UInt8]) in b.map { String(format: "%02x", $0) }.joined() }
        XCTAssertTrue(hex(asWritten).contains("41000440050b02000b"), hex(asWritten))
        XCTAssertTrue(hex(asWritten).contains("0b0701020041000b00"), "data with memory index: \(hex(asWritten))")
        XCTAssertTrue(hex(shortForms).contains("410004400b02400b"), hex(shortForms))
        XCTAssertTrue(hex(shortForms).contains("0b06010041000b00"), hex(shortForms))
    }

    func testCustomAnnotationsBecomeCustomSections() throws {
        let binary = try encode(#"(module (@custom "a" "x") (@custom "b" (before func) "y") (func))"#)
        XCTAssertEqual(binary, header + [
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x00, 0x03, 0x01, 0x62, 0x79,          // "b" before the function section
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B,
            0x00, 0x03, 0x01, 0x61, 0x78,          // "a" after the last section
        ])
    }

    func testNameSectionFromIdentifiersAndAnnotations() throws {
        let binary = try WAT.encode(#"(module $m (func $f (@name "g") (param $x i32)))"#)
        XCTAssertEqual(Array(binary.suffix(25)), [
            0x00, 0x17, 0x04, 0x6E, 0x61, 0x6D, 0x65,         // custom "name"
            0x00, 0x02, 0x01, 0x6D,                           // module "m"
            0x01, 0x04, 0x01, 0x00, 0x01, 0x67,               // func 0 "g" (the annotation wins)
            0x02, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, 0x78,   // func 0, local 0 "x"
        ])
    }

    func testErrorsInTheWordsOfTheSuite() {
        XCTAssertEqual(error("(func (i32.const0))")?.message, "unknown operator i32.const0")
        XCTAssertEqual(error("(func (block $a end $b))")?.message, "unexpected token end")
        XCTAssertEqual(error("(func block $a end $b)")?.message, "mismatching label")
        XCTAssertEqual(error("(func $f) (func $f)")?.message, "duplicate func $f")
        XCTAssertEqual(error("(func) (import \"\" \"\" (func))")?.message, "import after function")
        XCTAssertEqual(error("(type (func)) (func (type 0) (param i32))")?.message, "inline function type")
        XCTAssertEqual(error("(func (br $x))")?.message, "unknown label $x")
        XCTAssertEqual(error("(func (drop (i32.const 0x1_0000_0000)))")?.message, "i32 constant out of range")
        XCTAssertEqual(error("(memory 0x1_0000_0000)", options: .version("2.0"))?.message, "i32 constant out of range")
        XCTAssertNil(error("(memory 0x1_0000_0000)", options: .version("3.0")), "too large, but for the validator")
        XCTAssertEqual(error("(import \"\\ff\" \"\" (func))")?.message, "malformed UTF-8 encoding")
        XCTAssertEqual(error("(start 0) (start 0)")?.message, "multiple start sections")
        XCTAssertEqual(error("(type (func (result i32) (param i32)))")?.message, "unexpected token: result before parameter")
    }

    func testErrorsPointAtLineAndColumn() {
        XCTAssertEqual(error("(module\n  (func\n    i32.const 1\n    i32.bogus))"),
                       TextError("unknown operator i32.bogus", line: 4, column: 5))
        XCTAssertEqual(error("(module\n  (func (call $nowhere)))"), TextError("unknown func $nowhere", line: 2, column: 15))
    }
}
