import XCTest
import Swasm

final class ModuleErrorTests: XCTestCase {
    let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    func testMalformedModulesSayWhatAndWhere() {
        XCTAssertThrowsError(try Module(bytes: [0, 1, 2, 3])) { error in
            let e = error as? ModuleError
            XCTAssertEqual(e?.kind, .malformed)
            XCTAssertEqual(e?.message, "magic header not detected")
            XCTAssertEqual(e?.offset, 0)
        }
        // A type section that claims more bytes than the file has.
        XCTAssertThrowsError(try Module(bytes: header + [0x01, 0x10, 0x01])) { error in
            XCTAssertEqual((error as? ModuleError)?.kind, .malformed)
        }
    }

    func testInvalidFunctionNamesFunctionAndOffset() {
        // (func (result i32) f64.const 0) : type mismatch in function 0.
        let bytes = header + [
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,              // type: [] -> [i32]
            0x03, 0x02, 0x01, 0x00,                                 // function 0: type 0
            0x0A, 0x0D, 0x01, 0x0B, 0x00,                           // code: 1 body, 11 bytes, no locals
            0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0B,                     // f64.const 0; end
        ]
        XCTAssertThrowsError(try Module(bytes: bytes)) { error in
            guard let e = error as? ModuleError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.kind, .invalid)
            XCTAssertEqual(e.functionIndex, 0)
            XCTAssertEqual(e.message, "type mismatch: expected i32, found f64")
            XCTAssertEqual(e.offset, 0x21)  // the final `end`, where the f64 meets the i32 result
            XCTAssertEqual(e.description, "invalid module: type mismatch: expected i32, found f64 (code section, function 0, offset 0x21)")
        }
    }

    func testEveryFunctionIsValidatedAtLoad() {
        // Two functions; only the second, never called, is invalid (i32.add on an empty stack).
        let bytes = header + [
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x03, 0x02, 0x00, 0x00,
            0x0A, 0x08, 0x02, 0x02, 0x00, 0x0B, 0x03, 0x00, 0x6A, 0x0B,
        ]
        XCTAssertThrowsError(try Module(bytes: bytes)) { error in
            XCTAssertEqual((error as? ModuleError)?.functionIndex, 1)
        }
    }
}
