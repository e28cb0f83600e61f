import XCTest
import Swasm
@testable import SwasmComponents

/// Swift values to and from component values: conformances, the Codable encoder and
/// decoder, typed calls and typed host functions.
final class TypedValueTests: XCTestCase {
    struct Input: Codable, Equatable {
        var name: String
        var num: Int
    }

    private let inputType = ComponentValueType.record([ComponentField(name: "name", type: .string),
                                                       ComponentField(name: "num", type: .s32)])
    private let encoder = ComponentValueEncoder()
    private let decoder = ComponentValueDecoder()

    private func roundTrip<T: Codable & Equatable>(_ value: T, _ type: ComponentValueType, _ expected: ComponentValue,
                                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let encoded = try encoder.encode(value, as: type)
        XCTAssertEqual(encoded, expected, file: file, line: line)
        try encoded.check(against: type)
        XCTAssertEqual(try decoder.decode(T.self, from: encoded, as: type), value, file: file, line: line)
    }

    func testPrimitivesFollowTheWITType() throws {
        try roundTrip(true, .bool, .bool(true))
        try roundTrip(-3, .s8, .s8(-3))
        try roundTrip(300, .u16, .u16(300))
        try roundTrip(UInt8(7), .u64, .u64(7))
        try roundTrip(Int64.min, .s64, .s64(.min))
        try roundTrip(Float(1.5), .f32, .f32(bitPattern: Float(1.5).bitPattern))
        try roundTrip(2.25, .f64, .f64(bitPattern: (2.25).bitPattern))
        try roundTrip("hi", .string, .string("hi"))
        XCTAssertEqual(try Character("🍰").componentValue(as: .char), .char("🍰"))
        XCTAssertEqual(try Character(componentValue: .char("🍰"), as: .char), "🍰")
        XCTAssertThrowsError(try Character("é̃").componentValue(as: .char))
        try roundTrip([1, 2], .list(.u32), .list([.u32(1), .u32(2)]))
        try roundTrip([1, 2], .tuple([.u8, .s64]), .tuple([.u8(1), .s64(2)]))
        try roundTrip(Optional<Int>.none, .option(.u8), .option(nil))
        try roundTrip(Optional(5), .option(.u8), .option(.u8(5)))
        try roundTrip(Set(["read", "exec"]), .flags(["read", "write", "exec"]), .flags(["read", "exec"]))
    }

    func testNumbersOutOfRangeAreMismatches() {
        XCTAssertThrowsError(try encoder.encode(300, as: .u8)) { error in
            XCTAssertEqual("\(error)", "expected u8, found Int 300")
        }
        XCTAssertThrowsError(try encoder.encode(-1, as: .u32)) { error in
            XCTAssertEqual("\(error)", "expected u32, found Int -1")
        }
        XCTAssertThrowsError(try decoder.decode(UInt8.self, from: .s32(-1), as: .s32)) { error in
            XCTAssertEqual("\(error)", "expected UInt8, found s32")
        }
    }

    func testStructsAreRecords() throws {
        try roundTrip(Input(name: "Rust", num: 10), inputType,
                      .record([(name: "name", value: .string("Rust")), (name: "num", value: .s32(10))]))
        struct Person: Codable, Equatable {
            var firstName: String
            var nickname: String?
            var tags: [String]
        }
        let personType = ComponentValueType.record([ComponentField(name: "first-name", type: .string),
                                                    ComponentField(name: "nickname", type: .option(.string)),
                                                    ComponentField(name: "tags", type: .list(.string))])
        try roundTrip(Person(firstName: "Ada", nickname: nil, tags: ["x"]), personType, .record([
            (name: "first-name", value: .string("Ada")), (name: "nickname", value: .option(nil)),
            (name: "tags", value: .list([.string("x")])),
        ]))
        try roundTrip(Person(firstName: "Ada", nickname: "A", tags: []), personType, .record([
            (name: "first-name", value: .string("Ada")), (name: "nickname", value: .option(.string("A"))),
            (name: "tags", value: .list([])),
        ]))
    }

    func testRecordMismatchesNameTheField() {
        struct Wrong: Codable { var name: String; var count: Int }
        XCTAssertThrowsError(try encoder.encode(Wrong(name: "a", count: 1), as: inputType)) { error in
            XCTAssertEqual("\(error)", "num: expected s32, found no property")
        }
        XCTAssertThrowsError(try encoder.encode(Input(name: "a", num: 1 << 40), as: inputType)) { error in
            XCTAssertEqual("\(error)", "num: expected s32, found Int 1099511627776")
        }
        struct Tagged: Codable { var tags: [Int] }
        let tagged = ComponentValueType.record([ComponentField(name: "tags", type: .list(.string))])
        XCTAssertThrowsError(try decoder.decode(Tagged.self, from: .record([(name: "tags", value: .list([.string("a")]))]),
                                                as: tagged)) { error in
            XCTAssertEqual("\(error)", "tags[0]: expected Int, found string")
        }
        XCTAssertThrowsError(try encoder.encode(Tagged(tags: [1]), as: tagged)) { error in
            XCTAssertEqual("\(error)", "tags[0]: expected string, found Int 1")
        }
        XCTAssertThrowsError(try encoder.encode("Rust", as: inputType)) { error in
            XCTAssertEqual("\(error)", "expected record { name: string, num: s32 }, found String")
        }
    }

    func testEnumsAndVariants() throws {
        enum Color: String, Codable { case red, lightBlue }
        let colors = ComponentValueType.enum(["red", "light-blue"])
        try roundTrip(Color.lightBlue, colors, .enum("light-blue"))
        enum Named: String, Codable { case lightBlue = "light-blue" }
        try roundTrip(Named.lightBlue, colors, .enum("light-blue"))

        enum Shape: Codable, Equatable {
            case circle(Double)
            case square(side: Double)
            case rect(Size)
            case none
        }
        struct Size: Codable, Equatable { var w: UInt32; var h: UInt32 }
        let sizeType = ComponentValueType.record([ComponentField(name: "w", type: .u32), ComponentField(name: "h", type: .u32)])
        let shapes = ComponentValueType.variant([
            ComponentCase(name: "circle", payload: .f64), ComponentCase(name: "square", payload: .f64),
            ComponentCase(name: "rect", payload: sizeType), ComponentCase(name: "none", payload: nil),
        ])
        try roundTrip(Shape.circle(1), shapes, .variant(caseName: "circle", payload: .f64(bitPattern: (1.0).bitPattern)))
        try roundTrip(Shape.square(side: 2), shapes, .variant(caseName: "square", payload: .f64(bitPattern: (2.0).bitPattern)))
        try roundTrip(Shape.rect(Size(w: 3, h: 4)), shapes,
                      .variant(caseName: "rect", payload: .record([(name: "w", value: .u32(3)), (name: "h", value: .u32(4))])))
        try roundTrip(Shape.none, shapes, .variant(caseName: "none", payload: nil))
    }

    func testFlagsFromAStructOfBools() throws {
        struct Permissions: Codable, Equatable { var read: Bool; var write: Bool; var execute: Bool }
        try roundTrip(Permissions(read: true, write: false, execute: true), .flags(["read", "write", "execute"]),
                      .flags(["read", "execute"]))
    }

    /// A Swift error carried as a WIT `string`.
    struct Reason: Error, Equatable, ComponentValueConvertible {
        var text: String
        init(_ text: String) { self.text = text }
        func componentValue(as type: ComponentValueType) throws -> ComponentValue { try text.componentValue(as: type) }
        init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
            text = try String(componentValue: value, as: type)
        }
    }

    func testResults() throws {
        let type = ComponentValueType.result(ok: .s32, error: .string)
        XCTAssertEqual(try Result<Int, Reason>.success(4).componentValue(as: type), .result(isError: false, payload: .s32(4)))
        XCTAssertEqual(try Result<Int, Reason>(componentValue: .result(isError: true, payload: .string("no")), as: type),
                       .failure(Reason("no")))
        let noOk = ComponentValueType.result(ok: nil, error: .string)
        XCTAssertEqual(try Result<NoPayload, Reason>.success(NoPayload()).componentValue(as: noOk),
                       .result(isError: false, payload: nil))
        XCTAssertEqual(try Result<NoPayload, Reason>(componentValue: .result(isError: false, payload: nil), as: noOk),
                       .success(NoPayload()))
        enum Outcome: Codable, Equatable { case ok(Int), error(String) }
        try roundTrip(Outcome.error("bad"), type, .result(isError: true, payload: .string("bad")))
    }

    func testTypedHostFunctionsAndCalls() throws {
        let type = ComponentFunctionType(parameters: [ComponentField(name: "input", type: inputType)], result: .list(.string))
        let multiply = ComponentFunction(hostFunction: "multiply", type: type) { (input: Input) -> [String] in
            Array(repeating: input.name, count: input.num)
        }
        let names: [String] = try multiply.call(arguments: [Input(name: "Rust", num: 3)])
        XCTAssertEqual(names, ["Rust", "Rust", "Rust"])
        XCTAssertThrowsError(try multiply.call(arguments: ["Rust"], returning: [String].self)) { error in
            XCTAssertEqual("\(error)", "function \"multiply\", parameter \"input\": expected record { name: string, num: s32 }, found String")
        }
        XCTAssertThrowsError(try multiply.call(arguments: [Input(name: "Rust", num: 1)], returning: [Int].self)) { error in
            XCTAssertEqual("\(error)", "function \"multiply\", result, [0]: expected Int, found string")
        }
        let wrong = ComponentFunction(hostFunction: "count", type: functionType([.string], .u8)) { (s: String) -> Int in s.count }
        XCTAssertThrowsError(try wrong.call(arguments: [String(repeating: "x", count: 300)])) { error in
            XCTAssertEqual("\(error)", "function \"count\", result: expected u8, found Int 300")
        }
        let taking = ComponentFunction(hostFunction: "take", type: functionType([.s32], nil)) { (_: String) in }
        XCTAssertThrowsError(try taking.call([.s32(1)])) { error in
            XCTAssertEqual("\(error)", "function \"take\", parameter \"p0\": expected String, found s32")
        }
    }

    func testGuestsCallTypedHostFunctionsThroughLoweredImports() throws {
        let greet = ComponentFunction(hostFunction: "greet", type: functionType([.string], .string)) { (name: String) -> String in
            "Hello, \(name)!"
        }
        let store = Store()
        let libc = try Guest("", name: "libc", store: store)
        let state = ComponentInstanceState(name: "G")
        let g = try Guest("""
            (data (i32.const 16) "Rust")
            (func (export "run") (call $greet (i32.const 16) (i32.const 4) (i32.const 8)))
            """, store: store, state: state, memory: libc.memory,
            imports: ["greet": greet.lowered(options: try libc.options(), instance: state)])
        try g.lift("run", [], nil).call([])
        XCTAssertEqual(libc.reallocCalls, [[0, 0, 1, 12]])
        XCTAssertEqual(try g.u32(8), 1024)
        XCTAssertEqual(try g.u32(12), 12)
        XCTAssertEqual(try g.memory.readString(at: 1024, count: 12), "Hello, Rust!")
    }
}
