import SwasmComponents
import XCTest

/// WAVE: parsing with the expected type, printing as wasm-wave does, and the errors.
final class WAVETests: XCTestCase {
    static let input = ComponentValueType.record([ComponentField(name: "name", type: .string),
                                                  ComponentField(name: "num", type: .s32)])

    func parse(_ text: String, _ type: ComponentValueType, file: StaticString = #filePath, line: UInt = #line) -> ComponentValue? {
        do { return try WAVE.parse(text, as: type) } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    func error(_ text: String, _ type: ComponentValueType) -> String {
        do {
            let v = try WAVE.parse(text, as: type)
            return "parsed: \(WAVE.print(v))"
        } catch { return error.description }
    }

    /// `text` parses and prints back as `printed`.
    func roundTrip(_ text: String, _ type: ComponentValueType, _ printed: String? = nil,
                   file: StaticString = #filePath, line: UInt = #line) {
        guard let v = parse(text, type, file: file, line: line) else { return }
        let out = WAVE.print(v)
        XCTAssertEqual(out, printed ?? text, file: file, line: line)
        XCTAssertEqual(parse(out, type, file: file, line: line), v, "reparse of \(out)", file: file, line: line)
    }

    func testScalars() {
        roundTrip("true", .bool)
        roundTrip("false", .bool)
        roundTrip("-128", .s8)
        roundTrip("255", .u8)
        roundTrip("-2147483648", .s32)
        roundTrip("18446744073709551615", .u64)
        roundTrip("-9223372036854775808", .s64)
        roundTrip("  42  // the answer", .u32, "42")
        XCTAssertEqual(parse("7", .u16), .u16(7))
    }

    func testFloats() {
        roundTrip("3.14", .f64)
        roundTrip("1.0", .f64, "1")
        roundTrip("-0.0", .f64, "-0")
        roundTrip("6.022e+23", .f64, "602200000000000000000000")
        roundTrip("1e-7", .f64, "0.0000001")
        roundTrip("0.1", .f32)
        roundTrip("16777217", .f32, "16777216")
        roundTrip("nan", .f32)
        roundTrip("inf", .f64)
        roundTrip("-inf", .f32)
        roundTrip("1.5E2", .f32, "150")
        XCTAssertEqual(parse("2.5", .f32), .f32(bitPattern: Float(2.5).bitPattern))
    }

    func testCharsAndStrings() {
        roundTrip("'x'", .char)
        roundTrip("'☃'", .char)
        roundTrip(#"'\''"#, .char)
        roundTrip(#"'"'"#, .char, #"'\"'"#)
        roundTrip(#"'\u{0}'"#, .char)
        roundTrip(#"'\u{1F44B}'"#, .char, "'👋'")
        roundTrip(#""abc\t123""#, .string)
        roundTrip(#""it's \"q\" \\ \n \r""#, .string, #""it\'s \"q\" \\ \n \r""#)
        roundTrip(#""\u{7f}\u{200b}\u{301}é""#, .string)
        roundTrip("\"👋 Hello, world! 👋\"", .string)
        XCTAssertEqual(parse("\"\"\"\n    Indentation determined\n      by ending delimiter\n  \"\"\"", .string),
                       .string("  Indentation determined\n    by ending delimiter"))
        XCTAssertEqual(parse("\"\"\"\nA single line\n\"\"\"", .string), .string("A single line"))
    }

    func testCompoundValues() {
        roundTrip(#"("abc", 123)"#, .tuple([.string, .u8]))
        roundTrip("[1, 2, 3,]", .list(.u8), "[1, 2, 3]")
        roundTrip("[]", .list(.char))
        roundTrip("[[1], []]", .list(.list(.s64)))
        roundTrip("[1, 2]", .fixedLengthList(.u8, length: 2))
        roundTrip(#"{name: "Rust", num: 3}"#, Self.input)
        roundTrip(#"{ num: 3, %name: "Rust", }"#, Self.input, #"{name: "Rust", num: 3}"#)
        let optional = ComponentValueType.record([ComponentField(name: "must-have", type: .u8),
                                                  ComponentField(name: "optional", type: .option(.u8))])
        roundTrip("{must-have: 123, optional: none,}", optional, "{must-have: 123}")
        roundTrip("{must-have: 1, optional: 2}", optional, "{must-have: 1, optional: some(2)}")
        roundTrip("{:}", .record([ComponentField(name: "optional", type: .option(.u8))]))
        XCTAssertEqual(parse("{:}", .record([ComponentField(name: "o", type: .option(.u8))])),
                       .record([(name: "o", value: .option(nil))]))
    }

    func testVariantsEnumsOptionsResultsFlags() {
        let response = ComponentValueType.variant([ComponentCase(name: "empty", payload: nil),
                                                   ComponentCase(name: "body", payload: .list(.u8)),
                                                   ComponentCase(name: "err", payload: .string)])
        roundTrip("empty", response)
        roundTrip("body([79, 75])", response)
        roundTrip(#"%err("oops")"#, response)
        let status = ComponentValueType.enum(["ok", "not-found"])
        roundTrip("%ok", status)
        roundTrip("not-found", status)
        roundTrip("some(123)", .option(.u8))
        roundTrip("123", .option(.u8), "some(123)")
        roundTrip("none", .option(.u8))
        roundTrip("some(none)", .option(.option(.u8)))
        roundTrip("some(some(1))", .option(.option(.u8)))
        roundTrip(#""flat ok""#, .result(ok: .string, error: nil), #"ok("flat ok")"#)
        roundTrip("ok", .result(ok: nil, error: .string))
        roundTrip(#"err("oops")"#, .result(ok: nil, error: .string))
        roundTrip("err", .result(ok: nil, error: nil))
        let perms = ComponentValueType.flags(["read", "write", "exec"])
        roundTrip("{write, read,}", perms, "{read, write}")
        roundTrip("{}", perms)
    }

    func testCalls() throws {
        let multiply = ComponentFunctionType(parameters: [ComponentField(name: "input", type: Self.input)], result: .list(.string))
        let call = try WAVE.parseCall(#"multiply({name: "Rust", num: 3})"#, type: multiply)
        XCTAssertEqual(call.name, "multiply")
        XCTAssertEqual(call.arguments, [.record([(name: "name", value: .string("Rust")), (name: "num", value: .s32(3))])])
        XCTAssertEqual(try WAVE.functionName(ofCall: " api#get-item (1)"), "api#get-item")
        let f = ComponentFunctionType(parameters: [ComponentField(name: "a", type: .option(.u8)),
                                                   ComponentField(name: "b", type: .option(.u8))], result: nil)
        XCTAssertEqual(try WAVE.parseCall("f(some(1))", type: f).arguments, [.option(.u8(1)), .option(nil)])
        XCTAssertEqual(try WAVE.parseCall("f()", type: f).arguments, [.option(nil), .option(nil)])
    }

    func testErrorsNameTheColumnAndWhatWasExpected() {
        XCTAssertEqual(error("300", .u8), "column 1: 300 is out of range for u8 (0...255)")
        XCTAssertEqual(error("-0", .u8), "column 1: -0 is out of range for u8 (0...255)")
        XCTAssertEqual(error("1.5", .s32), "column 1: expected an integer (s32), found '1.5'")
        XCTAssertEqual(error(#"{name: "Rust", num: "3"}"#, Self.input), #"column 21: expected an integer (s32), found '"3"'"#)
        XCTAssertEqual(error(#"{name: "Rust"}"#, Self.input), "column 1: missing field 'num' of record { name: string, num: s32 }")
        XCTAssertEqual(error(#"{name: "Rust", nom: 3}"#, Self.input), "column 16: unknown field 'nom' of record { name: string, num: s32 }")
        XCTAssertEqual(error(#"{name: "a", name: "b"}"#, Self.input), "column 13: duplicate field 'name'")
        XCTAssertEqual(error("[1 2]", .list(.u8)), "column 4: expected ',' or ']', found '2'")
        XCTAssertEqual(error("[1,", .list(.u8)), "column 4: expected an integer (u8), found end of input")
        XCTAssertEqual(error("3", .string), #"column 1: expected string (like "abc"), found '3'"#)
        XCTAssertEqual(error(#""abc"#, .string), "column 1: unterminated string")
        XCTAssertEqual(error(#""a\qb""#, .string), #"column 1: invalid character escape '\q'"#)
        XCTAssertEqual(error("'ab'", .char), "column 1: multiple characters in char value")
        XCTAssertEqual(error("1 2", .u8), "column 3: trailing characters after the value: '2'")
        XCTAssertEqual(error("ok", .enum(["ok", "no"])), "column 1: expected a case of enum { ok, no }, found the keyword 'ok' (write %ok for the case)")
        XCTAssertEqual(error("maybe", .enum(["ok", "no"])), "column 1: unknown case 'maybe' of enum { ok, no }")
        XCTAssertEqual(error("{read, read}", .flags(["read"])), "column 8: duplicate flag 'read'")
        XCTAssertEqual(error("(1)", .tuple([.u8, .u8])), "column 1: expected 2 elements for tuple<u8, u8>, found 1")
        XCTAssertEqual(error("[1]", .fixedLengthList(.u8, length: 2)), "column 1: expected 2 elements for list<u8, 2>, found 1")
        XCTAssertEqual(error("1", .option(.option(.u8))), "column 1: expected some(...) or none (option<option<u8>>), found '1'")
        XCTAssertEqual(error("yes", .bool), "column 1: expected bool (true or false), found 'yes'")
        XCTAssertEqual(error("@", .bool), "column 1: unexpected character '@'")
        XCTAssertEqual(error(String(repeating: "[", count: 101), .list(.list(.u8))),
                       "column 3: expected an integer (u8), found '['")
        var deep = ComponentValueType.u8
        for _ in 0..<101 { deep = .list(deep) }
        XCTAssertEqual(error(String(repeating: "[", count: 101), deep), "column 101: value nesting too deep (more than 100 levels)")
    }

    func testCallErrors() {
        let multiply = ComponentFunctionType(parameters: [ComponentField(name: "input", type: Self.input)], result: .list(.string))
        func callError(_ text: String) -> String {
            do {
                _ = try WAVE.parseCall(text, type: multiply)
                return "parsed"
            } catch { return error.description }
        }
        XCTAssertEqual(callError("multiply"), "column 9: expected '(' after the function name (a call looks like name(arg, ...))")
        XCTAssertEqual(callError("(1)"), "column 1: expected a function name before '('")
        XCTAssertEqual(callError("multiply()"),
                       "column 10: missing argument 'input': multiply(input: record { name: string, num: s32 }) takes 1")
        XCTAssertEqual(callError(#"multiply({name: "a", num: 1}, 2)"#),
                       "column 31: too many arguments: multiply(input: record { name: string, num: s32 }) takes 1")
        XCTAssertEqual(callError(#"multiply({name: "a", num: 1}"#), "column 29: expected ',' or ')', found end of input")
        XCTAssertEqual(callError(#"multiply({name: "a", num: 1}) x"#), "column 31: trailing characters after the value: 'x'")
    }
}
