import XCTest
@testable import SwasmComponents

/// Decoding and validation of component binaries: exact errors, and resolved imports/exports.
final class ComponentBinaryTests: XCTestCase {
    static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]

    func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] {
        precondition(content.count < 128)
        return [id, UInt8(content.count)] + content
    }

    func name(_ s: String) -> [UInt8] { [UInt8(s.utf8.count)] + Array(s.utf8) }

    func error(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> ComponentError? {
        do {
            _ = try Component(bytes: bytes)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let e as ComponentError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testUnknownSectionID() {
        let e = error(Self.preamble + [0x0D, 0x00])
        XCTAssertEqual(e?.kind, .malformed)
        XCTAssertEqual(e?.message, "malformed section id: 13")
        XCTAssertEqual(e?.offset, 8)
    }

    func testUnallocatedDefinedType() {
        let e = error(Self.preamble + section(7, [0x01, 0x62]))
        XCTAssertEqual(e?.message, "invalid leading byte (0x62) for component defined type")
        XCTAssertEqual(e?.offset, 11)
        XCTAssertEqual(e?.section, "type")
    }

    func testEmptyRecordIsInvalid() {
        let e = error(Self.preamble + section(7, [0x01, 0x72, 0x00]))
        XCTAssertEqual(e?.kind, .invalid)
        XCTAssertEqual(e?.message, "record type must have at least one field")
        XCTAssertEqual(e?.section, "type")
        XCTAssertEqual(e?.index, 0)
    }

    func testImportNameNotKebabCase() {
        let bytes = Self.preamble + section(7, [0x01, 0x40, 0x00, 0x01, 0x00])
            + section(10, [0x01, 0x00] + name("Foo") + [0x01, 0x00])
        let e = error(bytes)
        XCTAssertEqual(e?.message, "import name `Foo` is not a valid extern name: `Foo` is not in kebab case")
        XCTAssertEqual(e?.section, "import")
    }

    func testAsyncBuiltInIsRejectedByName() {
        let e = error(Self.preamble + section(8, [0x01, 0x24]))
        XCTAssertEqual(e?.message, "canonical built-in `backpressure.inc` is not supported: the asynchronous and threading parts of the Component Model are not implemented")
        XCTAssertEqual(e?.section, "canonical function")
    }

    func testLiftedTypeMustMatchCoreFunction() {
        // A core module exporting `f: () -> ()`, lifted as `(func (result u32))`.
        let core: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                             0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
                             0x03, 0x02, 0x01, 0x00,
                             0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
                             0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B]
        let bytes = Self.preamble + section(1, core) + section(2, [0x01, 0x00, 0x00, 0x00])
            + section(6, [0x01, 0x00, 0x00, 0x01, 0x00] + name("f"))
            + section(7, [0x01, 0x40, 0x00, 0x00, 0x79])
            + section(8, [0x01, 0x00, 0x00, 0x00, 0x00, 0x00])
        let e = error(bytes)
        XCTAssertEqual(e?.message, "lowered result types `[I32]` do not match result types `[]` of core function 0")
    }

    func testImportsAndExportsWithResolvedTypes() throws {
        // (type $rec (record (field "a" bool) (field "b" u8)))
        // (import "r" (type $r (eq $rec)))
        // (type $f (func (param "r" $r) (result string)))
        // (import "f" (func $f (type $f)))
        // (export "g" (func $f))
        let bytes = Self.preamble
            + section(7, [0x01, 0x72, 0x02] + name("a") + [0x7F] + name("b") + [0x7D])
            + section(10, [0x01, 0x00] + name("r") + [0x03, 0x00, 0x00])
            + section(7, [0x01, 0x40, 0x01] + name("r") + [0x01, 0x00, 0x73])
            + section(10, [0x01, 0x00] + name("f") + [0x01, 0x02])
            + section(11, [0x01, 0x00] + name("g") + [0x01, 0x00, 0x00])
        let component = try Component(bytes: bytes)
        let record = ComponentValueType.record([ComponentField(name: "a", type: .bool), ComponentField(name: "b", type: .u8)])
        let function = ComponentFunctionType(parameters: [ComponentField(name: "r", type: record)], result: .string)
        XCTAssertEqual(component.imports.map(\.name), ["r", "f"])
        guard case .type(.value(let r)) = component.imports[0].type else { return XCTFail("r is not a value type") }
        XCTAssertEqual(r, record)
        guard case .function(let f) = component.imports[1].type else { return XCTFail("f is not a function") }
        XCTAssertEqual(f, function)
        XCTAssertEqual(component.exports.map(\.name), ["g"])
        guard case .function(let g) = component.exports[0].type else { return XCTFail("g is not a function") }
        XCTAssertEqual(g, function)
    }

    func testResourceIdentityIsKept() throws {
        // (import "r" (type $r (sub resource))) (type (own $r)) (type (func (param "x" 1)))
        // (import "f" (func (type 2)))
        let bytes = Self.preamble
            + section(10, [0x01, 0x00] + name("r") + [0x03, 0x01])
            + section(7, [0x02, 0x69, 0x00, 0x40, 0x01] + name("x") + [0x01, 0x01, 0x00])
            + section(10, [0x01, 0x00] + name("f") + [0x01, 0x02])
        let component = try Component(bytes: bytes)
        guard case .type(.resource(let r)) = component.imports[0].type else { return XCTFail("r is not a resource") }
        XCTAssertEqual(r.name, "r")
        guard case .function(let f) = component.imports[1].type else { return XCTFail("f is not a function") }
        XCTAssertEqual(f.parameters, [ComponentField(name: "x", type: .own(r))])
        XCTAssertNil(f.result)
    }

    func testUnnamedRecordCannotBeExported() {
        // A function imported with a record type that is not itself imported.
        let bytes = Self.preamble
            + section(7, [0x02, 0x72, 0x01] + name("a") + [0x7F, 0x40, 0x00, 0x00, 0x00])
            + section(10, [0x01, 0x00] + name("f") + [0x01, 0x01])
        XCTAssertEqual(error(bytes)?.message, "func not valid to be used as import")
    }
}
