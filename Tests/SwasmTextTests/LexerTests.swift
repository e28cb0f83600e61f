import XCTest
@testable import SwasmText

/// Tokens, literals and lexical errors.
final class LexerTests: XCTestCase {
    func kinds(_ text: String) throws -> [Token.Kind] {
        try Lexer.tokenize(SourceText(bytes: Array(text.utf8))).tokens.map(\.kind)
    }

    func lexError(_ text: String) -> TextError? {
        do {
            _ = try Lexer.tokenize(SourceText(bytes: Array(text.utf8)))
            return nil
        } catch {
            return error as? TextError
        }
    }

    func testTokenKinds() throws {
        XCTAssertEqual(try kinds(#"(module $m "s" 1 -0x1F 1.5 inf nan:0x1 offset=4 0drop $"a b")"#),
                       [.leftParen, .keyword, .id, .string, .integer, .integer, .float, .float, .float, .keyword,
                        .reserved, .id, .rightParen, .end])
    }

    func testStringsGluedToOtherCharactersAreReserved() throws {
        XCTAssertEqual(try kinds(#""a""b" $x"a" "a"x"#), [.reserved, .reserved, .reserved, .end])
    }

    func testCommentsNestAndAreSkipped() throws {
        XCTAssertEqual(try kinds("(; a (; nested ;) b ;) x ;; line\n y"), [.keyword, .keyword, .end])
        XCTAssertEqual(lexError("(; open (; ;)")?.message, "unclosed comment")
    }

    func testAnnotationsAreSkippedWithTheirContent() throws {
        XCTAssertEqual(try kinds("(@a x (y \"(\") (@b)) z"), [.keyword, .end])
        XCTAssertEqual(lexError("(@)")?.message, "empty annotation id")
        XCTAssertEqual(lexError("(@x (y)")?.message, "unclosed annotation")
    }

    func testStringEscapes() throws {
        let bytes = Array(#""\t\n\r\'\"\\\41\u{e9}\u{1F600}""#.utf8)
        XCTAssertEqual(StringLiteral.decode(bytes, 0, bytes.count),
                       [9, 10, 13, 39, 34, 92, 0x41, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80])
    }

    func testLexicalErrorsCarryLineAndColumn() {
        XCTAssertEqual(lexError("(module\n  (func $))"), TextError("empty identifier", line: 2, column: 9))
        XCTAssertEqual(lexError("(module \"abc"), TextError("unclosed string", line: 1, column: 9))
        XCTAssertEqual(lexError("\"\\q\""), TextError("illegal escape", line: 1, column: 2))
        XCTAssertEqual(lexError("(módule)")?.message, "illegal character")
        XCTAssertEqual(lexError("(m\u{1}odule)")?.message, "illegal character")
        XCTAssertEqual(lexError("\"\u{7}\""), TextError("illegal character", line: 1, column: 2))
        XCTAssertEqual(lexError("$\"\\ef\"")?.message, "malformed UTF-8 encoding")
        var invalid = Array("(a ".utf8)
        invalid.append(0xFF)
        XCTAssertEqual(try? Lexer.tokenize(SourceText(bytes: invalid)).tokens.count, nil)
    }

    func testIntegerLiterals() {
        func value(_ s: String) -> (UInt64, Bool)? {
            let b = Array(s.utf8)
            guard NumberSyntax.classify(b, 0, b.count) == .integer, let v = NumberSyntax.integer(b, 0, b.count) else { return nil }
            return (v.magnitude, v.negative)
        }
        XCTAssertEqual(value("1_000")?.0, 1000)
        XCTAssertEqual(value("0xFF_ff")?.0, 0xFFFF)
        XCTAssertEqual(value("-0x10")?.1, true)
        XCTAssertEqual(value("18446744073709551615")?.0, UInt64.max)
        XCTAssertNil(value("18446744073709551616"))
        XCTAssertNil(value("1__0"))
        XCTAssertNil(value("_1"))
        XCTAssertNil(value("1_"))
        XCTAssertNil(value("0x"))
    }

    func testFloatLiterals() {
        func f32(_ s: String) -> UInt32? {
            let b = Array(s.utf8)
            guard NumberSyntax.classify(b, 0, b.count) != nil else { return nil }
            return NumberSyntax.float(b, 0, b.count, bits: 32).map { UInt32($0) }
        }
        func f64(_ s: String) -> UInt64? {
            let b = Array(s.utf8)
            guard NumberSyntax.classify(b, 0, b.count) != nil else { return nil }
            return NumberSyntax.float(b, 0, b.count, bits: 64)
        }
        XCTAssertEqual(f32("1.5"), 0x3FC0_0000)
        XCTAssertEqual(f32("-0x1.8p1"), 0xC040_0000)
        XCTAssertEqual(f32("0x1p-149"), 1)
        XCTAssertEqual(f32("1_000.000_1"), Float(1000.0001).bitPattern)
        XCTAssertEqual(f32("inf"), 0x7F80_0000)
        XCTAssertEqual(f32("-nan"), 0xFFC0_0000)
        XCTAssertEqual(f32("nan:0x200000"), 0x7FA0_0000)
        XCTAssertNil(f32("nan:0x800000"), "payload wider than the mantissa")
        XCTAssertNil(f32("nan:0x0"), "a NaN needs a payload")
        XCTAssertNil(f32("0x1p128"), "rounds to infinity")
        XCTAssertEqual(f32("0x1.fffffefffffffffffp127"), 0x7F7F_FFFF, "rounds down, not to infinity")
        XCTAssertEqual(f64("0x1.fffffffffffff8p1023"), nil, "ties to even: rounds up to infinity")
        XCTAssertEqual(f64("1e-400"), 0)
        XCTAssertEqual(f64("0x1."), 0x3FF0_0000_0000_0000)
        XCTAssertEqual(f64("1e3"), Double(1000).bitPattern)
        XCTAssertNil(f64("1e"))
        XCTAssertNil(f64("1.e_1"))
    }
}
