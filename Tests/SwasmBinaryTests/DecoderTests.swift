import XCTest
import SwasmBinary

final class DecoderTests: XCTestCase {

    // MARK: - Preamble

    func testEmptyModule() throws {
        let m = try decode(W.header)
        XCTAssertEqual(m.bytes, W.header)
        XCTAssertTrue(m.types.isEmpty && m.imports.isEmpty && m.functions.isEmpty && m.bodies.isEmpty)
        XCTAssertNil(m.start)
        XCTAssertNil(m.dataCount)
        XCTAssertEqual(m.names, NameSection())
        XCTAssertTrue(m.customSections.isEmpty)
    }

    func testPreambleErrors() {
        assertError([], "unexpected end of section or function", at: 0)
        assertError([0x00, 0x61, 0x73], "unexpected end of section or function", at: 3)
        assertError([0x00, 0x61, 0x73, 0x6D], "unexpected end of section or function", at: 4)
        assertError([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00], "unexpected end of section or function", at: 7)
        assertError([0x00, 0x41, 0x53, 0x4D, 0x01, 0x00, 0x00, 0x00], "magic header not detected", at: 0)
        assertError([0x61, 0x73, 0x6D, 0x00], "magic header not detected", at: 0)
        assertError([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], "unknown binary version", at: 4)
        assertError([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x01], "unknown binary version", at: 4)
    }

    // MARK: - Section framing

    func testSectionOrder() throws {
        let type = W.types([W.functionType([], [])])
        let custom = W.section(0, W.name("c"))
        // Custom sections anywhere.
        let m = try decode(W.module(custom, type, custom, W.functions([0]), custom,
                                    W.code([([], [0x0B])]), custom))
        XCTAssertEqual(m.customSections.count, 4)
        // Duplicate.
        let dup = W.module(type, type)
        assertError(dup, "unexpected content after last section", at: 8 + type.count)
        // Out of order: function before type.
        assertError(W.module(W.functions([]), W.types([])), "unexpected content after last section", at: 10 + 1)
        // Data count goes between element and code.
        _ = try decode(W.module(W.section(9, [0]), W.section(12, [0]), W.section(10, [0]), W.section(11, [0])))
        assertError(W.module(W.section(10, [0]), W.section(12, [0])), "unexpected content after last section", at: 11)
        assertError(W.module(W.section(12, [0]), W.section(9, [0])), "unexpected content after last section", at: 11)
        // Unknown ids.
        assertError(W.module([0x0D, 0x00]), "malformed section id", at: 8)
        assertError(W.module([0x80, 0x00]), "malformed section id", at: 8)
        // The data count section does not exist in 1.0.
        assertError(W.module(W.section(12, [0])), "malformed section id", at: 8, features: .wasm1)
    }

    func testSectionSizes() {
        // Content shorter than the size: the error is at the first byte left over.
        assertError(W.module(W.section(1, [0x00, 0x00])), "section size mismatch", at: 11)
        // Content longer than the size (the reading goes on; the size check catches it).
        assertError(W.header + [0x03, 0x01, 0x02, 0x00, 0x00], "section size mismatch", at: 11)
        // Size past the end of the module.
        assertError(W.header + [0x01, 0x07, 0x02, 0x60, 0x00, 0x00], "length out of bounds", at: 9)
        // Missing size.
        assertError(W.header + [0x01], "unexpected end of section or function", at: 9)
        // Content cut short at the end of the module.
        assertError(W.header + [0x04, 0x01, 0x01], "unexpected end of section or function", at: 11)
    }

    func testLEB128Errors() {
        // Function section with one type index.
        assertError(W.module(W.section(3, [0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])),
                    "integer representation too long", at: 11)
        assertError(W.module(W.section(3, [0x01, 0x80, 0x80, 0x80, 0x80, 0x10])), "integer too large", at: 11)
        // Start section: one u32.
        XCTAssertEqual(try decodeModule(W.module(W.section(8, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]))).start, UInt32.max)
        assertError(W.module(W.section(8, [0x80, 0x80, 0x80, 0x80, 0x80, 0x00])), "integer representation too long", at: 10)
        assertError(W.module(W.section(8, [0xFF, 0xFF, 0xFF, 0xFF, 0x1F])), "integer too large", at: 10)
        // Non-minimal encodings are allowed.
        XCTAssertEqual(try decodeModule(W.module(W.section(8, [0x85, 0x80, 0x80, 0x00]))).start, 5)
        XCTAssertEqual(try decodeModule(W.module(W.section(8, [0x80, 0x80, 0x80, 0x80, 0x00]))).start, 0)
    }

    func testHugeCountsDoNotAllocate() {
        let huge = W.u32(UInt32.max)
        assertError(W.module(W.section(1, huge)), "length out of bounds", at: 10)
        assertError(W.module(W.section(2, huge)), "length out of bounds", at: 10)
        assertError(W.module(W.section(3, huge)), "length out of bounds", at: 10)
        assertError(W.module(W.section(9, huge)), "length out of bounds", at: 10)
        assertError(W.module(W.section(10, huge)), "length out of bounds", at: 10)
        assertError(W.module(W.section(11, huge)), "length out of bounds", at: 10)
        // A count that fits in the module but not in the section.
        assertError(W.module(W.section(3, [0x05, 0x00]), [0, 0, 0]), "unexpected end of section or function")
        // Within a data segment and a body.
        assertError(W.module(W.section(11, [0x01, 0x01] + huge)), "length out of bounds", at: 12)
        assertError(W.module(W.functions([0]), W.section(10, [0x01, 0x06] + huge + [0x0B])),
                    "length out of bounds", at: 8 + 4 + 4)
        // Huge name length.
        assertError(W.module(W.section(0, huge)), "length out of bounds", at: 10)
    }

    // MARK: - Types

    func testTypeSection() throws {
        let m = try decode(W.module(W.types([
            W.functionType([.i32, .i64], [.f32]),
            W.functionType([], []),
            W.functionType([.v128, .funcRef, .externRef], [.f64, .i32]),
        ])))
        XCTAssertEqual(m.types, [
            FunctionType(parameters: [.i32, .i64], results: [.f32]),
            FunctionType(),
            FunctionType(parameters: [.v128, .funcRef, .externRef], results: [.f64, .i32]),
        ])
        // Multiple results decode under 1.0 too (validation rejects them).
        XCTAssertEqual(try decode(W.module(W.types([W.functionType([], [.i32, .i32])])), features: .wasm1).types.count, 1)

        assertError(W.module(W.types([[0x61, 0x00, 0x00]])), "malformed function type", at: 11)
        assertError(W.module(W.section(1, [0x01, 0xE0, 0x7F, 0x00, 0x00])), "integer representation too long", at: 11)
        assertError(W.module(W.types([[0x60, 0x01, 0x7A, 0x00]])), "malformed value type", at: 13)
        assertError(W.module(W.types([[0x60, 0x01, 0xFF, 0x7F, 0x00]])), "integer representation too long", at: 13)
        // Value types of later proposals under 1.0.
        assertError(W.module(W.types([W.functionType([.v128], [])])), "malformed value type", at: 13, features: .wasm1)
        assertError(W.module(W.types([W.functionType([], [.funcRef])])), "malformed value type", at: 14, features: .wasm1)
        assertError(W.module(W.types([W.functionType([.externRef], [])])), "malformed value type", at: 13,
                    features: [.mutableGlobals, .simd])
    }

    // MARK: - Imports

    func testImportSection() throws {
        let m = try decode(W.module(
            W.types([W.functionType([.i32], [])]),
            W.section(2, W.vec([
                W.name("env") + W.name("f") + [0x00, 0x00],
                W.name("env") + W.name("t") + [0x01, 0x70, 0x00, 0x0A],
                W.name("env") + W.name("m") + [0x02, 0x01, 0x01, 0x02],
                W.name("env") + W.name("g") + [0x03, 0x7F, 0x01],
                W.name("ü") + W.name("") + [0x01, 0x6F, 0x01, 0x00, 0x80, 0x80, 0x04],
            ]))))
        XCTAssertEqual(m.imports, [
            Import(module: "env", name: "f", descriptor: .function(typeIndex: 0)),
            Import(module: "env", name: "t", descriptor: .table(TableType(elementType: .funcRef, limits: Limits(min: 10)))),
            Import(module: "env", name: "m", descriptor: .memory(MemoryType(limits: Limits(min: 1, max: 2)))),
            Import(module: "env", name: "g", descriptor: .global(GlobalType(valueType: .i32, isMutable: true))),
            Import(module: "ü", name: "", descriptor: .table(TableType(elementType: .externRef,
                                                                       limits: Limits(min: 0, max: 65536)))),
        ])

        let prefix = W.header + [0x02, 0x04, 0x01, 0x00, 0x00]
        assertError(prefix + [0x04], "malformed import kind", at: 13)
        assertError(W.header + [0x02, 0x04, 0x01, 0x00, 0x00, 0x80], "malformed import kind", at: 13)
        // Names must be valid UTF-8 and fit.
        assertError(W.module(W.section(2, [0x01, 0x01, 0xFF, 0x00, 0x00, 0x00])), "malformed UTF-8 encoding", at: 12)
        assertError(W.module(W.section(2, [0x01, 0x02, 0xC3, 0xA9, 0x02, 0xED, 0xA0, 0x80, 0x00, 0x00])),
                    "malformed UTF-8 encoding", at: 15)
        // Mutability.
        assertError(W.module(W.section(2, W.vec([W.name("a") + W.name("b") + [0x03, 0x7F, 0x02]]))),
                    "malformed mutability", at: 17)
        // Externref tables need reference types.
        assertError(W.module(W.section(2, W.vec([W.name("a") + W.name("b") + [0x01, 0x6F, 0x00, 0x00]]))),
                    "malformed reference type", at: 16, features: .wasm1)
    }

    // MARK: - Functions, tables, memories, globals, exports, start

    func testTablesMemoriesAndLimits() throws {
        let m = try decode(W.module(
            W.section(4, W.vec([[0x70, 0x00, 0x01], [0x6F, 0x01, 0x02, 0x03]])),
            W.section(5, W.vec([[0x00, 0x00], [0x01, 0x01, 0x80, 0x80, 0x04]]))))
        XCTAssertEqual(m.tables, [TableType(elementType: .funcRef, limits: Limits(min: 1)),
                                  TableType(elementType: .externRef, limits: Limits(min: 2, max: 3))])
        XCTAssertEqual(m.memories, [MemoryType(limits: Limits(min: 0)), MemoryType(limits: Limits(min: 1, max: 65536))])

        assertError(W.module(W.section(5, [0x01, 0x02, 0x00])), "integer too large", at: 11)
        assertError(W.module(W.section(5, [0x01, 0x03, 0x00, 0x00])), "integer too large", at: 11)
        assertError(W.module(W.section(5, [0x01, 0x81, 0x00, 0x00])), "integer representation too long", at: 11)
        assertError(W.module(W.section(4, [0x01, 0x70, 0x02, 0x00])), "integer too large", at: 12)
        assertError(W.module(W.section(4, [0x01, 0x7F, 0x00, 0x00])), "malformed reference type", at: 11)
        assertError(W.module(W.section(5, [0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10])), "integer too large", at: 12)
    }

    func testGlobalsExportsStart() throws {
        let m = try decode(W.module(
            W.types([W.functionType([], [])]),
            W.functions([0]),
            W.section(6, W.vec([[0x7F, 0x00] + W.i32Const0, [0x7E, 0x01, 0x42] + W.s64(-2) + [0x0B]])),
            W.section(7, W.vec([W.name("f") + [0x00, 0x00], W.name("t") + [0x01, 0x00],
                                W.name("m") + [0x02, 0x00], W.name("g") + [0x03, 0x01]])),
            W.section(8, [0x00]),
            W.code([([], [0x0B])])))
        XCTAssertEqual(m.globals, [
            Global(type: GlobalType(valueType: .i32, isMutable: false),
                   initializer: ConstantExpression(instructions: [.i32Const(0)], offset: 23)),
            Global(type: GlobalType(valueType: .i64, isMutable: true),
                   initializer: ConstantExpression(instructions: [.i64Const(UInt64(bitPattern: -2))], offset: 28)),
        ])
        XCTAssertEqual(m.exports, [Export(name: "f", descriptor: .function(0)), Export(name: "t", descriptor: .table(0)),
                                   Export(name: "m", descriptor: .memory(0)), Export(name: "g", descriptor: .global(1))])
        XCTAssertEqual(m.start, 0)

        assertError(W.module(W.section(6, [0x01, 0x7F, 0x02] + W.i32Const0)), "malformed mutability", at: 12)
        assertError(W.module(W.section(6, [0x01, 0x7F, 0xFF] + W.i32Const0)), "malformed mutability", at: 12)
        assertError(W.module(W.section(7, W.vec([W.name("f") + [0x04, 0x00]]))), "malformed export kind", at: 13)
        assertError(W.module(W.section(8, [])), "unexpected end of section or function", at: 10)
        assertError(W.module(W.section(8, [0x00, 0x00])), "section size mismatch", at: 11)
    }

    // MARK: - Constant expressions

    func testConstantExpressions() throws {
        func global(_ type: ValueType, _ expr: [UInt8]) -> [UInt8] {
            W.module(W.section(6, W.vec([type.encoded + [0x00] + expr])))
        }
        func initializer(_ type: ValueType, _ expr: [UInt8], features: Features = .wasm2) throws -> [ConstantInstruction] {
            try decodeModule(global(type, expr), features: features).globals.first?.initializer.instructions ?? []
        }
        XCTAssertEqual(try initializer(.i32, [0x41, 0x7F, 0x0B]), [.i32Const(UInt32.max)])
        XCTAssertEqual(try initializer(.i32, [0x41] + W.s64(Int64(Int32.min)) + [0x0B]), [.i32Const(0x8000_0000)])
        XCTAssertEqual(try initializer(.i64, [0x42] + W.s64(Int64.min) + [0x0B]), [.i64Const(1 << 63)])
        XCTAssertEqual(try initializer(.f32, [0x43, 0x00, 0x00, 0xC0, 0x7F, 0x0B]), [.f32Const(0x7FC0_0000)])
        XCTAssertEqual(try initializer(.f64, [0x44, 1, 2, 3, 4, 5, 6, 7, 8, 0x0B]), [.f64Const(0x0807_0605_0403_0201)])
        XCTAssertEqual(try initializer(.i32, [0x23, 0x05, 0x0B]), [.globalGet(5)])
        XCTAssertEqual(try initializer(.externRef, [0xD0, 0x6F, 0x0B]), [.refNull(.extern)])
        XCTAssertEqual(try initializer(.funcRef, [0xD0, 0x70, 0x0B]), [.refNull(.func)])
        XCTAssertEqual(try initializer(.funcRef, [0xD2, 0x03, 0x0B]), [.refFunc(3)])
        XCTAssertEqual(try initializer(.v128, [0xFD, 0x0C] + Array(0...15) + [0x0B]),
                       [.v128Const(V128(low: 0x0706_0504_0302_0100, high: 0x0F0E_0D0C_0B0A_0908))])
        // Any sequence of constant instructions decodes (validation checks the result).
        XCTAssertEqual(try initializer(.i32, [0x0B]), [])
        XCTAssertEqual(try initializer(.i32, [0x41, 0x01, 0x42, 0x02, 0x0B]), [.i32Const(1), .i64Const(2)])

        // Offsets: global section content starts at 10; the expression at 13.
        assertError(global(.i32, [0x41, 0x00, 0x41, 0x01, 0x6A, 0x0B]), .invalid, "constant expression required", at: 17)
        assertError(global(.i32, [0x20, 0x00, 0x0B]), .invalid, "constant expression required", at: 13)
        assertError(global(.i32, [0x00, 0x0B]), .invalid, "constant expression required", at: 13)
        assertError(global(.i32, [0xFC, 0x00, 0x0B]), .invalid, "constant expression required", at: 13)
        assertError(global(.v128, [0xFD, 0x0F, 0x0B]), .invalid, "constant expression required", at: 13)
        assertError(global(.i32, [0xFF, 0x0B]), "illegal opcode ff", at: 13)
        assertError(global(.i32, [0x06, 0x0B]), "illegal opcode 06", at: 13)
        assertError(global(.i32, [0xFC, 0x12, 0x0B]), "illegal opcode fc 12", at: 13)
        assertError(global(.v128, [0xFD, 0x9A, 0x01, 0x0B]), "illegal opcode fd 9a", at: 13)
        assertError(global(.i32, [0x05, 0x0B]), "END opcode expected", at: 13)
        assertError(global(.i32, [0x41, 0x00]), "unexpected end of section or function", at: 15)
        assertError(global(.i32, [0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B]), "integer representation too long", at: 14)
        assertError(global(.i32, [0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B]), "integer too large", at: 14)
        assertError(global(.funcRef, [0xD0, 0x7F, 0x0B]), "malformed reference type", at: 14)
        // Later proposals' instructions do not exist in 1.0.
        assertError(global(.i32, [0xD0, 0x70, 0x0B]), "illegal opcode d0", at: 13, features: .wasm1)
        assertError(global(.i32, [0xD2, 0x00, 0x0B]), "illegal opcode d2", at: 13, features: .wasm1)
        assertError(global(.i32, [0xFD, 0x0C, 0x0B]), "illegal opcode fd", at: 13, features: .wasm1)
        assertError(global(.i32, [0xFC, 0x00, 0x0B]), "illegal opcode fc", at: 13, features: .wasm1)
        assertError(global(.i32, [0xC0, 0x0B]), "illegal opcode c0", at: 13, features: .wasm1)
        assertError(global(.i32, [0x6A, 0x0B]), .invalid, "constant expression required", at: 13, features: .wasm1)
    }

    func testNonConstantInstructionDoesNotHideMalformedModule() {
        let nonConstant = W.section(6, W.vec([[0x7F, 0x00, 0x41, 0x00, 0x41, 0x00, 0x6A, 0x0B]]))
        // Alone: invalid.
        assertError(W.module(nonConstant), .invalid, "constant expression required", at: 17)
        // With a malformed section after it: malformed.
        assertError(W.module(nonConstant, W.section(7, W.vec([W.name("x") + [0x09, 0x00]]))), "malformed export kind")
        assertError(W.module(nonConstant, [0x0E, 0x00]), "malformed section id")
        assertError(W.module(W.section(5, [0x01, 0x00, 0x01]), W.section(12, [0x02]),
                             W.section(11, W.vec([[0x00, 0x41, 0x00, 0x6A, 0x0B, 0x00], [0x01, 0x00]]))),
                    .invalid, "constant expression required")
        // Reading into the next section for the instruction: the section is malformed.
        assertError(W.module(W.section(6, [0x01, 0x7F, 0x00, 0x41, 0x00]), W.section(10, [0x00])),
                    "illegal opcode 0a", at: 15)
        assertError(W.module(W.section(6, [0x01, 0x7F, 0x00, 0x41, 0x00]), W.section(1, [0x00])),
                    "section size mismatch", at: 15)
    }

    // MARK: - Element segments

    func testElementSegmentEncodings() throws {
        let offset = W.i32Const0
        let m = try decode(W.module(W.section(9, W.vec([
            [0x00] + offset + W.vec([[0x01], [0x02]]),
            [0x01, 0x00] + W.vec([[0x03]]),
            [0x02, 0x01] + offset + [0x00] + W.vec([[0x04]]),
            [0x03, 0x00] + W.vec([]),
            [0x04] + offset + W.vec([[0xD2, 0x05, 0x0B], [0xD0, 0x70, 0x0B]]),
            [0x05, 0x6F] + W.vec([[0xD0, 0x6F, 0x0B]]),
            [0x06, 0x02] + offset + [0x70] + W.vec([[0x23, 0x00, 0x0B]]),
            [0x07, 0x70] + W.vec([[0xD2, 0x06, 0x0B]]),
        ]))))
        func exprs(_ s: ElementSegment) -> [[ConstantInstruction]] { s.initializers.map(\.instructions) }
        let e = m.elements
        XCTAssertEqual(e.count, 8)
        guard e.count == 8 else { return }
        XCTAssertEqual(e[0].offset, 11)
        XCTAssertEqual(e[0].type, .funcRef)
        XCTAssertEqual(e[0].mode, .active(table: 0, offset: ConstantExpression(instructions: [.i32Const(0)], offset: 12)))
        XCTAssertEqual(exprs(e[0]), [[.refFunc(1)], [.refFunc(2)]])
        XCTAssertEqual(e[0].initializers.map(\.offset), [16, 17])
        XCTAssertEqual(e[1].mode, .passive)
        XCTAssertEqual(exprs(e[1]), [[.refFunc(3)]])
        guard case .active(table: 1, offset: _) = e[2].mode else { return XCTFail("\(e[2].mode)") }
        XCTAssertEqual(exprs(e[2]), [[.refFunc(4)]])
        XCTAssertEqual(e[3].mode, .declarative)
        XCTAssertEqual(exprs(e[3]), [])
        guard case .active(table: 0, offset: _) = e[4].mode else { return XCTFail("\(e[4].mode)") }
        XCTAssertEqual(e[4].type, .funcRef)
        XCTAssertEqual(exprs(e[4]), [[.refFunc(5)], [.refNull(.func)]])
        XCTAssertEqual(e[5].mode, .passive)
        XCTAssertEqual(e[5].type, .externRef)
        XCTAssertEqual(exprs(e[5]), [[.refNull(.extern)]])
        guard case .active(table: 2, offset: _) = e[6].mode else { return XCTFail("\(e[6].mode)") }
        XCTAssertEqual(exprs(e[6]), [[.globalGet(0)]])
        XCTAssertEqual(e[7].mode, .declarative)
        XCTAssertEqual(exprs(e[7]), [[.refFunc(6)]])
    }

    func testElementSegmentErrors() throws {
        assertError(W.module(W.section(9, [0x01, 0x08] + W.i32Const0 + [0x00])), "malformed elements segment kind", at: 11)
        assertError(W.module(W.section(9, [0x01, 0x01, 0x01, 0x00])), "malformed element kind", at: 12)
        assertError(W.module(W.section(9, [0x01, 0x05, 0x7F, 0x01, 0xD2, 0x00, 0x0B])), "malformed reference type", at: 12)
        assertError(W.module(W.section(9, [0x01, 0x05, 0x70, 0x01, 0xF3, 0x00, 0x0B])), "illegal opcode f3", at: 14)
        assertError(W.module(W.section(9, [0x01, 0x05, 0x70, 0x01, 0x41, 0x00, 0x6A, 0x0B])),
                    .invalid, "constant expression required", at: 16)

        // 1.0: a table index, an offset, function indices.
        let m = try decode(W.module(W.section(9, W.vec([[0x01] + W.i32Const0 + W.vec([[0x07]])]))), features: .wasm1)
        XCTAssertEqual(m.elements, [ElementSegment(
            type: .funcRef, mode: .active(table: 1, offset: ConstantExpression(instructions: [.i32Const(0)], offset: 12)),
            initializers: [ConstantExpression(instructions: [.refFunc(7)], offset: 16)], offset: 11)])
    }

    // MARK: - Data segments

    func testDataSegments() throws {
        let m = try decode(W.module(
            W.section(12, [0x03]),
            W.section(11, W.vec([
                [0x00] + W.i32Const0 + W.vec([[0x61], [0x62]]),
                [0x01] + W.vec([]),
                [0x02, 0x01, 0x41, 0x08, 0x0B] + W.vec([[0xFF]]),
            ]))))
        XCTAssertEqual(m.dataCount, 3)
        XCTAssertEqual(m.data, [
            DataSegment(mode: .active(memory: 0, offset: ConstantExpression(instructions: [.i32Const(0)], offset: 15)),
                        bytes: [0x61, 0x62], offset: 14),
            DataSegment(mode: .passive, bytes: [], offset: 21),
            DataSegment(mode: .active(memory: 1, offset: ConstantExpression(instructions: [.i32Const(8)], offset: 25)),
                        bytes: [0xFF], offset: 23),
        ])

        // 1.0: a memory index first.
        let m1 = try decode(W.module(W.section(11, W.vec([[0x00] + W.i32Const0 + W.vec([[0x01]])]))), features: .wasm1)
        XCTAssertEqual(m1.data.first?.mode, .active(memory: 0, offset: ConstantExpression(instructions: [.i32Const(0)], offset: 12)))
        // (There, a data segment [0x01, 0x00] is memory 1 with the expression `unreachable`.)
        assertError(W.module(W.section(11, W.vec([[0x01] + W.vec([])]))), .invalid, "constant expression required",
                    at: 12, features: .wasm1)

        assertError(W.module(W.section(11, [0x01, 0x03] + W.i32Const0 + [0x00])), "malformed data segment kind", at: 11)
        // Bytes past the end of the module (within the "length out of bounds" slack) and far past it.
        assertError(W.header + [0x0B, 0x05, 0x01, 0x01, 0x03, 0x61, 0x62], "unexpected end of section or function", at: 13)
        assertError(W.module(W.section(11, [0x01, 0x01, 0x05, 0x61])), "length out of bounds", at: 12)
        assertError(W.module(W.section(11, [0x01, 0x01, 0x09, 0x61])), "length out of bounds", at: 12)

        // Data count.
        assertError(W.module(W.section(12, [0x01])), "data count and data section have inconsistent lengths", at: 11)
        assertError(W.module(W.section(12, [0x00]), W.section(11, W.vec([[0x01, 0x00]]))),
                    "data count and data section have inconsistent lengths")
        XCTAssertNil(try decode(W.module(W.section(11, W.vec([[0x01, 0x00]])))).dataCount)
    }

    // MARK: - Code

    func testCodeSection() throws {
        let bytes = W.module(
            W.types([W.functionType([], [])]),
            W.section(2, W.vec([W.name("m") + W.name("f") + [0x00, 0x00]])),
            W.functions([0, 0, 0]),
            W.code([
                ([], [0x0B]),
                ([(2, .i32), (1, .f64), (0, .v128), (3, .externRef)], [0x41, 0x01, 0x1A, 0x0B]),
                ([(UInt32.max, .i64)], [0x0B]),
            ]))
        let m = try decode(bytes)
        XCTAssertEqual(m.functions, [0, 0, 0])
        XCTAssertEqual(m.bodies.count, 3)
        guard m.bodies.count == 3 else { return }
        let codeStart = 8 + 6 + 9 + 6 + 2  // header, type, import, function, code section id, size and count
        XCTAssertEqual(m.bodies[0].offset, codeStart + 1)
        XCTAssertEqual(m.bodies[0].localGroups, [])
        XCTAssertEqual(m.bodies[0].code, codeStart + 3..<codeStart + 4)
        XCTAssertEqual(Array(m.bytes[m.bodies[0].code]), [0x0B])
        XCTAssertEqual(m.bodies[1].offset, codeStart + 4)
        XCTAssertEqual(m.bodies[1].localGroups, [.init(count: 2, type: .i32), .init(count: 1, type: .f64),
                                                 .init(count: 0, type: .v128), .init(count: 3, type: .externRef)])
        XCTAssertEqual(Array(m.bytes[m.bodies[1].code]), [0x41, 0x01, 0x1A, 0x0B])
        XCTAssertEqual(m.bodies[2].localGroups, [.init(count: UInt32.max, type: .i64)])
        XCTAssertEqual(m.bodies[2].code.upperBound, bytes.count)
        // Instructions are not decoded: anything goes.
        let garbage = try decode(W.module(W.types([W.functionType([], [])]), W.functions([0]), W.code([([], [0xFF, 0xFF])])))
        XCTAssertEqual(Array(garbage.bytes[garbage.bodies[0].code]), [0xFF, 0xFF])
    }

    func testCodeSectionErrors() throws {
        let type = W.types([W.functionType([], [])])
        assertError(W.module(type, W.functions([0, 0])), "function and code section have inconsistent lengths", at: 19)
        assertError(W.module(W.code([([], [0x0B])])), "function and code section have inconsistent lengths")
        assertError(W.module(type, W.functions([0]), W.code([([], [0x0B]), ([], [0x0B])])),
                    "function and code section have inconsistent lengths")
        // Locals: 2^32 in total.
        assertError(W.module(type, W.functions([0]), W.code([([(UInt32.max, .i32), (1, .i64)], [0x0B])])),
                    "too many locals", at: 8 + 6 + 4 + 4)
        assertError(W.module(type, W.functions([0]), W.section(10, [0x01, 0x04, 0x01, 0x01, 0x7A, 0x0B])),
                    "malformed value type", at: 24)
        assertError(W.module(type, W.functions([0]), W.section(10, [0x01, 0x04, 0x01, 0x01, 0x7B, 0x0B])),
                    "malformed value type", at: 24, features: .wasm1)
        // Local count LEB128.
        assertError(W.module(type, W.functions([0]), W.section(10, [0x01, 0x07, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7F])),
                    "integer too large", at: 23)
        // Locals running past the body.
        assertError(W.module(type, W.functions([0]), W.section(10, [0x01, 0x02, 0x01, 0x01, 0x7F, 0x0B])),
                    "section size mismatch", at: 24)
        // Body size past the end of the module / of the code section.
        assertError(W.module(type, W.functions([0]), W.section(10, [0x01, 0x09, 0x00, 0x0B])), "length out of bounds", at: 21)
        assertError(W.module(type, W.functions([0]), W.section(10, [0x01, 0x03, 0x00, 0x0B]), W.section(0, W.name("x"))),
                    "section size mismatch", at: 24)
        // Body errors carry the function index (imports first).
        do {
            _ = try decodeModule(W.module(type, W.section(2, W.vec([W.name("m") + W.name("f") + [0x00, 0x00]])),
                                          W.functions([0, 0]), W.section(10, [0x02, 0x02, 0x00, 0x0B, 0x02, 0x01, 0x7A])))
            XCTFail("should fail")
        } catch let error as ModuleError {
            XCTAssertEqual(error.functionIndex, 2)
            XCTAssertEqual(error.section, "code")
        }
    }

    // MARK: - Custom sections

    func testCustomSections() throws {
        let payload: [UInt8] = [1, 2, 3]
        let bytes = W.module(W.section(0, W.name("hello") + payload), W.section(0, W.name("")))
        let m = try decode(bytes)
        XCTAssertEqual(m.customSections.count, 2)
        XCTAssertEqual(m.customSections[0].name, "hello")
        XCTAssertEqual(Array(m.bytes[m.customSections[0].payload]), payload)
        XCTAssertEqual(m.customSections[1].name, "")
        XCTAssertEqual(m.customSections[1].payload, bytes.count..<bytes.count)

        assertError(W.module(W.section(0, [0x02, 0xC0, 0x80])), "malformed UTF-8 encoding", at: 11)
        assertError(W.header + [0x00], "unexpected end of section or function", at: 9)
        assertError(W.header + [0x00, 0x00], "unexpected end of section or function", at: 10)
        // Size 0 but a name follows: the name runs past the section.
        assertError(W.header + [0x00, 0x00, 0x00, 0x05, 0x01, 0x00, 0x07, 0x00, 0x00],
                    "unexpected end of section or function", at: 10)
        assertError(W.header + [0x00, 0x05, 0x04, 0x61, 0x62], "length out of bounds", at: 9)
        // A concatenated module.
        assertError(W.header + W.header, "length out of bounds", at: 9)
    }

    func testNameSection() throws {
        func nameSection(_ subsections: [UInt8]...) -> [UInt8] {
            W.section(0, W.name("name") + subsections.flatMap { $0 })
        }
        func sub(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + W.u32(UInt32(content.count)) + content }

        let moduleName = sub(0, W.name("mod"))
        let functionNames = sub(1, W.vec([W.u32(0) + W.name("main"), W.u32(3) + W.name("helper")]))
        let localNames = sub(2, W.vec([W.u32(0) + W.vec([W.u32(0) + W.name("x")])]))
        var m = try decode(W.module(nameSection(moduleName, functionNames, localNames)))
        XCTAssertEqual(m.names, NameSection(moduleName: "mod", functionNames: [0: "main", 3: "helper"]))
        XCTAssertEqual(m.customSections.map(\.name), ["name"])

        // Malformed name sections are ignored, keeping what parsed.
        m = try decode(W.module(nameSection(moduleName, sub(1, [0x05, 0x00]))))
        XCTAssertEqual(m.names, NameSection(moduleName: "mod"))
        m = try decode(W.module(nameSection(sub(1, W.vec([W.u32(3) + W.name("a"), W.u32(1) + W.name("b")])))))
        XCTAssertEqual(m.names, NameSection())
        m = try decode(W.module(nameSection(sub(0, [0x01, 0xFF]), functionNames)))
        XCTAssertEqual(m.names, NameSection(functionNames: [0: "main", 3: "helper"]))
        m = try decode(W.module(nameSection(functionNames, moduleName)))
        XCTAssertEqual(m.names, NameSection(functionNames: [0: "main", 3: "helper"]))
        m = try decode(W.module(nameSection([0x00, 0x50, 0x01])))
        XCTAssertEqual(m.names, NameSection())
        m = try decode(W.module(nameSection(sub(0, W.name("mod") + [0x00]))))
        XCTAssertEqual(m.names, NameSection())
        m = try decode(W.module(W.section(0, W.name("name") + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])))
        XCTAssertEqual(m.names, NameSection())
        // Only the first name section counts.
        m = try decode(W.module(nameSection(moduleName), nameSection(sub(0, W.name("other")))))
        XCTAssertEqual(m.names.moduleName, "mod")
        XCTAssertEqual(m.customSections.count, 2)
    }
}
