import XCTest
@testable import SwasmComponents

final class ComponentValueTests: XCTestCase {
    func testRecordEqualityComparesNamesAndValues() {
        let a = ComponentValue.record([(name: "name", value: .string("Rust")), (name: "num", value: .s32(10))])
        let b = ComponentValue.record([(name: "name", value: .string("Rust")), (name: "num", value: .s32(10))])
        let c = ComponentValue.record([(name: "name", value: .string("Rust")), (name: "count", value: .s32(10))])
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set([a, b, c]).count, 2)
    }

    func testResourceTypesAreGenerative() {
        let first = ResourceType(name: "file"), second = ResourceType(name: "file")
        XCTAssertNotEqual(ComponentValueType.own(first), .own(second))
        XCTAssertEqual(ComponentValueType.borrow(first), .borrow(first))
    }
}
