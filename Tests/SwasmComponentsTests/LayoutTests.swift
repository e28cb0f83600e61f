import XCTest
import Swasm
@testable import SwasmComponents

/// Exact sizes, alignments, field offsets and flattenings (CanonicalABI.md "Alignment",
/// "Element Size", "Flattening").
final class LayoutTests: XCTestCase {
    private func layout(_ t: ComponentValueType) -> (size: Int, alignment: Int, flat: [ValueType]) {
        (t.canonicalSize, t.canonicalAlignment, t.flattened)
    }

    func testPrimitives() {
        XCTAssertTrue(layout(.bool) == (1, 1, [.i32]))
        XCTAssertTrue(layout(.s8) == (1, 1, [.i32]))
        XCTAssertTrue(layout(.u16) == (2, 2, [.i32]))
        XCTAssertTrue(layout(.s32) == (4, 4, [.i32]))
        XCTAssertTrue(layout(.u64) == (8, 8, [.i64]))
        XCTAssertTrue(layout(.f32) == (4, 4, [.f32]))
        XCTAssertTrue(layout(.f64) == (8, 8, [.f64]))
        XCTAssertTrue(layout(.char) == (4, 4, [.i32]))
        XCTAssertTrue(layout(.string) == (8, 4, [.i32, .i32]))
        XCTAssertTrue(layout(.list(.u64)) == (8, 4, [.i32, .i32]))
        let r = ResourceType(name: "r")
        XCTAssertTrue(layout(.own(r)) == (4, 4, [.i32]))
        XCTAssertTrue(layout(.borrow(r)) == (4, 4, [.i32]))
    }

    func testRecordsPadFieldsToTheirAlignment() {
        let fields = [ComponentField(name: "a", type: .u8), ComponentField(name: "b", type: .u32),
                      ComponentField(name: "c", type: .u16)]
        XCTAssertEqual(ComponentValueType.fieldOffsets(fields.map(\.type)), [0, 4, 8])
        XCTAssertTrue(layout(.record(fields)) == (12, 4, [.i32, .i32, .i32]))
        XCTAssertTrue(layout(.tuple([.u8, .u64])) == (16, 8, [.i32, .i64]))
        XCTAssertTrue(layout(.tuple([.u16, .u8])) == (4, 2, [.i32, .i32]))
        XCTAssertEqual(ComponentValueType.fieldOffsets([.u8, .string, .u8, .f64]), [0, 4, 12, 16])
        XCTAssertEqual(ComponentValueType.tuple([.u8, .string, .u8, .f64]).canonicalSize, 24)
    }

    func testFixedLengthListsAreLikeTuples() {
        XCTAssertTrue(layout(.fixedLengthList(.u16, length: 3)) == (6, 2, [.i32, .i32, .i32]))
        XCTAssertTrue(layout(.fixedLengthList(.f64, length: 2)) == (16, 8, [.f64, .f64]))
    }

    func testDiscriminantSizes() {
        XCTAssertEqual(CanonicalLayout.discriminantSize(caseCount: 1), 1)
        XCTAssertEqual(CanonicalLayout.discriminantSize(caseCount: 256), 1)
        XCTAssertEqual(CanonicalLayout.discriminantSize(caseCount: 257), 2)
        XCTAssertEqual(CanonicalLayout.discriminantSize(caseCount: 65_536), 2)
        XCTAssertEqual(CanonicalLayout.discriminantSize(caseCount: 65_537), 4)
        let e300 = ComponentValueType.enum((0 ..< 300).map { "c\($0)" })
        XCTAssertTrue(layout(e300) == (2, 2, [.i32]))
        XCTAssertTrue(layout(.enum(["a", "b", "c"])) == (1, 1, [.i32]))
    }

    func testVariantsPlacePayloadsAfterTheDiscriminant() {
        XCTAssertTrue(layout(.option(.u64)) == (16, 8, [.i32, .i64]))
        XCTAssertTrue(layout(.option(.u8)) == (2, 1, [.i32, .i32]))
        XCTAssertTrue(layout(.option(.string)) == (12, 4, [.i32, .i32, .i32]))
        XCTAssertTrue(layout(.result(ok: nil, error: nil)) == (1, 1, [.i32]))
        XCTAssertTrue(layout(.result(ok: .u32, error: nil)) == (8, 4, [.i32, .i32]))
        let cases300 = (0 ..< 300).map { ComponentCase(name: "c\($0)", payload: $0 == 7 ? .u8 : nil) }
        XCTAssertEqual(VariantLayout(.variant(cases300))?.payloadOffset, 2)
        XCTAssertTrue(layout(.variant(cases300)) == (4, 2, [.i32, .i32]))
    }

    func testVariantFlatteningJoinsPayloadSlots() {
        XCTAssertEqual(ComponentValueType.result(ok: .u8, error: .f32).flattened, [.i32, .i32])
        XCTAssertEqual(ComponentValueType.result(ok: .f32, error: .f32).flattened, [.i32, .f32])
        XCTAssertEqual(ComponentValueType.variant([ComponentCase(name: "f", payload: .f32),
                                                   ComponentCase(name: "l", payload: .u64)]).flattened, [.i32, .i64])
        XCTAssertEqual(ComponentValueType.variant([ComponentCase(name: "a", payload: .tuple([.f32, .u32])),
                                                   ComponentCase(name: "b", payload: .tuple([.f64])),
                                                   ComponentCase(name: "c", payload: nil)]).flattened, [.i32, .i64, .i32])
        XCTAssertEqual(CanonicalLayout.join(.f64, .f32), .i64)
        XCTAssertEqual(CanonicalLayout.join(.f64, .f64), .f64)
    }

    func testFlagsUseTheSmallestInteger() {
        func flags(_ n: Int) -> ComponentValueType { .flags((0 ..< n).map { "f\($0)" }) }
        XCTAssertTrue(layout(flags(1)) == (1, 1, [.i32]))
        XCTAssertTrue(layout(flags(8)) == (1, 1, [.i32]))
        XCTAssertTrue(layout(flags(9)) == (2, 2, [.i32]))
        XCTAssertTrue(layout(flags(17)) == (4, 4, [.i32]))
        XCTAssertTrue(layout(flags(32)) == (4, 4, [.i32]))
        XCTAssertTrue(layout(flags(33)) == (8, 4, [.i32, .i32]))
    }

    func testSignaturesSpillPastTheFlatLimits() {
        let small = functionType([.u32, .string], .u64)
        XCTAssertEqual(CanonicalSignature(small, context: .lift).coreType,
                       FunctionType(parameters: [.i32, .i32, .i32], results: [.i64]))
        let sixteen = functionType(Array(repeating: .u32, count: 16), nil)
        XCTAssertFalse(CanonicalSignature(sixteen, context: .lift).parametersInMemory)
        let seventeen = functionType(Array(repeating: .u32, count: 17), nil)
        let spilled = CanonicalSignature(seventeen, context: .lift)
        XCTAssertTrue(spilled.parametersInMemory)
        XCTAssertEqual(spilled.coreType, FunctionType(parameters: [.i32], results: []))

        let pair = functionType([.u8], .tuple([.u32, .u32]))
        XCTAssertEqual(CanonicalSignature(pair, context: .lift).coreType, FunctionType(parameters: [.i32], results: [.i32]))
        let lowered = CanonicalSignature(pair, context: .lower)
        XCTAssertTrue(lowered.resultsInMemory)
        XCTAssertEqual(lowered.coreType, FunctionType(parameters: [.i32, .i32], results: []))
        XCTAssertEqual(CanonicalSignature(functionType([], .string), context: .lower).coreType,
                       FunctionType(parameters: [.i32], results: []))
    }
}
