import XCTest
import Swasm
import SwasmText
import SwasmComponents

/// Instantiating components (InstanceFixtures) and calling their exports.
final class ComponentInstanceTests: XCTestCase {
    struct Input: Codable {
        var name: String
        var num: UInt32
    }

    let doubleType = ComponentFunctionType(parameters: [ComponentField(name: "x", type: .u32)], result: .u32)

    func hostImports() -> ComponentImports {
        var imports = ComponentImports()
        imports.define("double", ComponentFunction(hostFunction: "double", type: doubleType) { (x: UInt32) in x &* 2 })
        return imports
    }

    func testHostFunctionImportAndDynamicCall() throws {
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.hostImport), store: Store(),
                                             imports: hostImports())
        XCTAssertEqual(try instance.call("quad", [.u32(5)]), .u32(20))
        XCTAssertEqual(try instance.function("quad")(.u32(0x4000_0001)), .u32(4))
        let quad: UInt32 = try instance.call("quad", UInt32(7))
        XCTAssertEqual(quad, 28)
        XCTAssertEqual(instance.exports.names, ["quad", "bad-char", "crash"])
    }

    func testTypedCallWithRecordAndList() throws {
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.multiply), store: Store())
        let names: [String] = try instance.call("multiply", Input(name: "Rust", num: 3))
        XCTAssertEqual(names, ["Rust", "Rust", "Rust"])
        let dynamic = try instance.call("multiply", [.record([("name", .string("é")), ("num", .u32(2))])])
        XCTAssertEqual(dynamic, .list([.string("é"), .string("é")]))
        let none: [String] = try instance.call("multiply", Input(name: "x", num: 0))
        XCTAssertEqual(none, [])
    }

    func testArgumentTypeMismatchNamesFunctionParameterAndTypes() throws {
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.hostImport), store: Store(),
                                             imports: hostImports())
        XCTAssertThrowsError(try instance.call("quad", [.string("five")])) { error in
            guard let m = error as? ComponentTypeMismatch else { return XCTFail("\(error)") }
            XCTAssertEqual(m.function, "quad")
            XCTAssertEqual(m.parameter, "x")
            XCTAssertEqual(m.expected, "u32")
            XCTAssertEqual(m.description, "function \"quad\", parameter \"x\": expected u32, found string")
        }
        XCTAssertThrowsError(try instance.call("quad", [])) { error in
            XCTAssertEqual((error as? ComponentTypeMismatch)?.description, "function \"quad\": expected 1 arguments, found 0")
        }
        let multiply = try ComponentInstance(try Component(bytes: InstanceFixtures.multiply), store: Store())
        XCTAssertThrowsError(try multiply.call("multiply", [.record([("name", .string("a")), ("num", .s32(1))])])) { error in
            guard let m = error as? ComponentTypeMismatch else { return XCTFail("\(error)") }
            XCTAssertEqual(m.function, "multiply")
            XCTAssertEqual(m.parameter, "input")
        }
    }

    func testTrapsAreReported() throws {
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.hostImport), store: Store(),
                                             imports: hostImports())
        XCTAssertThrowsError(try instance.call("bad-char", [])) { error in
            XCTAssertEqual((error as? ComponentTrap)?.kind, .invalidChar)
        }
        XCTAssertThrowsError(try instance.call("crash", [])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .unreachable)
        }
        // The instance stays usable after a trap.
        XCTAssertEqual(try instance.call("quad", [.u32(1)]), .u32(4))
    }

    func testHostFunctionErrorsPropagate() throws {
        struct Refused: Error {}
        var imports = ComponentImports()
        imports.define("double", ComponentFunction(hostFunction: "double", type: doubleType) { (_: UInt32) -> UInt32 in
            throw Refused()
        })
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.hostImport), store: Store(), imports: imports)
        XCTAssertThrowsError(try instance.call("quad", [.u32(1)]))
    }

    func testMissingImportIsALinkError() throws {
        let component = try Component(bytes: InstanceFixtures.hostImport)
        XCTAssertThrowsError(try ComponentInstance(component, store: Store())) { error in
            XCTAssertEqual((error as? ComponentLinkError)?.message, "missing import \"double\": expected func(x: u32) -> u32")
        }
    }

    func testMistypedImportIsALinkError() throws {
        let component = try Component(bytes: InstanceFixtures.hostImport)
        var imports = ComponentImports()
        let wrong = ComponentFunctionType(parameters: [ComponentField(name: "x", type: .string)], result: .u32)
        imports.define("double", ComponentFunction(hostFunction: "double", type: wrong) { _ in .u32(0) })
        XCTAssertThrowsError(try ComponentInstance(component, store: Store(), imports: imports)) { error in
            XCTAssertEqual((error as? ComponentLinkError)?.message,
                           "import \"double\": expected func(x: u32) -> u32, found func(x: string) -> u32")
        }
        imports.define("double", instance: ComponentExports())
        XCTAssertThrowsError(try ComponentInstance(component, store: Store(), imports: imports)) { error in
            XCTAssertEqual((error as? ComponentLinkError)?.message,
                           "import \"double\": expected func(x: u32) -> u32, found an instance")
        }
    }

    func testResourcesAreNewPerInstance() throws {
        let component = try Component(bytes: InstanceFixtures.resource)
        let store = Store()
        let a = try ComponentInstance(component, store: store)
        let b = try ComponentInstance(component, store: store)
        guard case .resource(let handle)? = try a.call("make", [.u32(42)]) else { return XCTFail("no handle") }
        XCTAssertTrue(handle.isOwned)
        XCTAssertEqual(handle.representation, 42)
        guard case .type(.resource(let typeA))? = a.export("r"), case .type(.resource(let typeB))? = b.export("r") else {
            return XCTFail("no exported resource types")
        }
        XCTAssertTrue(handle.type === typeA)
        XCTAssertFalse(typeA === typeB)
        XCTAssertTrue(typeA.implementation === a.state)
        var borrowed = handle
        borrowed.isOwned = false
        XCTAssertEqual(try a.call("get", [.resource(borrowed)]), .u32(42))
        // A handle of a's resource type is not one of b's.
        XCTAssertThrowsError(try b.call("get", [.resource(borrowed)])) { error in
            guard let m = error as? ComponentTypeMismatch else { return XCTFail("\(error)") }
            XCTAssertEqual(m.function, "get")
            XCTAssertEqual(m.parameter, "r")
        }
    }

    func testNestedComponentAndExportPath() throws {
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.nested), store: Store())
        let f = try instance.function("ns:pkg/iface", "f")
        XCTAssertEqual(f.name, "f")
        XCTAssertEqual(try f.call([.u32(35)]), .u32(42))
        XCTAssertEqual(try instance.call(path: ["ns:pkg/iface", "f"], [.u32(1)]), .u32(8))
        XCTAssertThrowsError(try instance.function("ns:pkg/iface", "g")) { error in
            XCTAssertEqual((error as? UsageError)?.message,
                           "instance \"ns:pkg/iface\" exports no \"g\" (its exports: \"f\")")
        }
        XCTAssertThrowsError(try instance.function("ns:pkg/iface")) { error in
            XCTAssertEqual((error as? UsageError)?.message, "export \"ns:pkg/iface\" is an instance, not a function")
        }
    }

    func testHostResourceThroughImportedInstance() throws {
        let counter = ResourceType(hostDefined: "counter")
        var counts: [UInt32: UInt32] = [7: 0]
        let bumpType = ComponentFunctionType(parameters: [ComponentField(name: "c", type: .borrow(counter))], result: .u32)
        let bump = ComponentFunction(hostFunction: "bump", type: bumpType) { arguments in
            guard case .resource(let h) = arguments[0] else { return .u32(0) }
            counts[h.representation, default: 0] += 1
            return .u32(counts[h.representation]!)
        }
        var imports = ComponentImports()
        imports.define("host:pkg/counters", instance: [("counter", .type(.resource(counter))), ("bump", .function(bump))])
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.hostResource), store: Store(), imports: imports)
        let handle = ResourceHandle(type: counter, isOwned: false, representation: 7)
        XCTAssertEqual(try instance.call("bump-twice", [.resource(handle)]), .u32(2))
        XCTAssertEqual(try instance.call("bump-twice", [.resource(handle)]), .u32(4))
        XCTAssertEqual(instance.state.handleCount, 0)
        // A borrow lent to a call must be dropped before it returns.
        XCTAssertThrowsError(try instance.call("bump-and-keep", [.resource(handle)])) { error in
            XCTAssertEqual(error as? ComponentTrap, ComponentTrap(.borrowsRemain, "borrow handles still remain at the end of the call"))
        }

        // Another resource type where "counter" is expected, in bump's parameter.
        var wrong = ComponentImports()
        let other = ResourceType(hostDefined: "other")
        let otherBump = ComponentFunction(hostFunction: "bump", type: ComponentFunctionType(
            parameters: [ComponentField(name: "c", type: .borrow(other))], result: .u32)) { _ in .u32(0) }
        wrong.define("host:pkg/counters", instance: [("counter", .type(.resource(counter))), ("bump", .function(otherBump))])
        XCTAssertThrowsError(try ComponentInstance(try Component(bytes: InstanceFixtures.hostResource), store: Store(),
                                                   imports: wrong)) { error in
            XCTAssertEqual((error as? ComponentLinkError)?.message,
                           "import \"host:pkg/counters\" / \"bump\": expected func(c: borrow<counter>) -> u32, "
                           + "found func(c: borrow<other>) -> u32")
        }
    }
}

extension ComponentInstanceTests {
    func testCoreModuleAndComponentImports() throws {
        let importer = try Component(bytes: InstanceFixtures.importer)
        var imports = ComponentImports()
        imports.define("m", module: try Module(bytes: WAT.encode("(module (func (export \"f\") (result i32) (i32.const 5)))")))
        imports.define("c", component: try Component(bytes: InstanceFixtures.provider))
        let instance = try ComponentInstance(importer, store: Store(), imports: imports)
        XCTAssertEqual(try instance.call("f", []), .u32(5))
        XCTAssertEqual(try instance.call("g", []), .u32(9))

        // A core module without the export the import type declares.
        imports.define("m", module: try Module(bytes: WAT.encode("(module (func (export \"h\") (result i32) (i32.const 5)))")))
        XCTAssertThrowsError(try ComponentInstance(importer, store: Store(), imports: imports)) { error in
            XCTAssertEqual((error as? ComponentLinkError)?.message, "import \"m\": the core module has no export \"f\"")
        }
    }

    func testTypeExportsOfAnImportedInstanceMayBeLeftOut() throws {
        let point = ComponentValueType.record([ComponentField(name: "x", type: .s32), ComponentField(name: "y", type: .s32)])
        let norm1 = ComponentFunction(hostFunction: "norm1", type: ComponentFunctionType(
            parameters: [ComponentField(name: "p", type: point)], result: .s32)) { arguments in
            guard case .record(let fields) = arguments[0], case .s32(let x) = fields[0].value, case .s32(let y) = fields[1].value else {
                return .s32(0)
            }
            return .s32(abs(x) + abs(y))
        }
        var imports = ComponentImports()
        imports.define("host:pkg/geo", instance: [("norm1", .function(norm1))])
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.instanceImport), store: Store(), imports: imports)
        XCTAssertEqual(try instance.call("twice", [.record([("x", .s32(-3)), ("y", .s32(4))])]), .s32(14))
        guard case .type(.value(let exported))? = instance.export("point") else { return XCTFail("no type export") }
        XCTAssertEqual(exported, point)
    }

    func testAnotherInstancesExportsAsAnImport() throws {
        let provider = try ComponentInstance(try Component(bytes: InstanceFixtures.nested), store: Store())
        guard case .instance(let iface)? = provider.export("ns:pkg/iface"), case .function(let f)? = iface["f"] else {
            return XCTFail("no instance export")
        }
        var imports = ComponentImports()
        imports.define("double", ComponentFunction(hostFunction: "double", type: f.type) { arguments in
            try f.call(arguments)  // x + 7
        })
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.hostImport), store: provider.store,
                                             imports: imports)
        XCTAssertEqual(try instance.call("quad", [.u32(1)]), .u32(15))
    }
}

/// Limits and defaults of instantiation.
final class ComponentInstanceLimitTests: XCTestCase {
    func testExponentialNestedInstantiationIsBounded() throws {
        let component = try Component(bytes: InstanceFixtures.instanceBomb)
        XCTAssertThrowsError(try ComponentInstance(component, store: Store())) { error in
            guard let e = error as? ComponentLinkError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.message, "more than 10000 component and core instances")
            XCTAssertNotNil(e.location)
        }
    }

    func testTypeImportEqualToAKnownTypeMayBeLeftOut() throws {
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.eqType), store: Store())
        XCTAssertEqual(try instance.call("sum", [.record([("x", .s32(-5)), ("y", .s32(7))])]), .s32(2))
    }

    func testExportedResourceTypeIsNamedByItsExport() throws {
        let instance = try ComponentInstance(try Component(bytes: InstanceFixtures.resource), store: Store())
        guard case .type(.resource(let r))? = instance.export("r") else { return XCTFail("no resource export") }
        XCTAssertEqual(r.name, "r")
        XCTAssertEqual(try instance.function("get").type.parameters.first?.type, .borrow(r))
    }
}

/// Nesting limits: decoding, validation, instantiation and the Canonical ABI recurse on
/// nested components and types, so a few bytes must not nest them deeper than a limit.
final class ComponentNestingLimitTests: XCTestCase {
    static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]

    static func leb(_ n: Int) -> [UInt8] {
        var n = n, out: [UInt8] = []
        repeat {
            var b = UInt8(n & 0x7F)
            n >>= 7
            if n != 0 { b |= 0x80 }
            out.append(b)
        } while n != 0
        return out
    }

    func nestedComponents(_ depth: Int) -> [UInt8] {
        var bytes = Self.preamble
        for _ in 0..<depth { bytes = Self.preamble + [0x04] + Self.leb(bytes.count) + bytes }
        return bytes
    }

    /// Types 0 ..< depth: `list<u32>`, then each a list of the one before.
    func nestedLists(_ depth: Int) -> [UInt8] {
        var content = Self.leb(depth) + [0x70, 0x79]
        for i in 1..<depth { content += [0x70] + Self.leb(i - 1) } // indices below 64: one s33 byte
        return Self.preamble + [0x07] + Self.leb(content.count) + content
    }

    func testComponentsNestedAtTheLimitInstantiate() throws {
        XCTAssertNoThrow(try ComponentInstance(try Component(bytes: nestedComponents(99)), store: Store()))
    }

    func testComponentsNestedBeyondTheLimitAreRejected() {
        XCTAssertThrowsError(try Component(bytes: nestedComponents(5_000))) { error in
            XCTAssertEqual((error as? ComponentError)?.message, "components nest too deeply: more than 100 levels")
        }
    }

    func testComponentTypesNestedBeyondTheLimitAreRejected() {
        var type: [UInt8] = [0x41, 0x00]
        for _ in 0..<5_000 { type = [0x41, 0x01, 0x01] + type }
        let content = [0x01] + type
        XCTAssertThrowsError(try Component(bytes: Self.preamble + [0x07] + Self.leb(content.count) + content)) { error in
            XCTAssertEqual((error as? ComponentError)?.message,
                           "component and instance types nest too deeply: more than 100 levels")
        }
    }

    func testValueTypesNestedBeyondTheLimitAreRejected() throws {
        XCTAssertNoThrow(try ComponentInstance(try Component(bytes: nestedLists(60)), store: Store()))
        XCTAssertThrowsError(try Component(bytes: nestedListsDeep(101))) { error in
            XCTAssertEqual((error as? ComponentError)?.message, "type nesting is too deep: more than 100 levels")
        }
    }

    /// Like `nestedLists`, with s33 indices of any size.
    func nestedListsDeep(_ depth: Int) -> [UInt8] {
        func s33(_ n: Int) -> [UInt8] {
            var n = n, out: [UInt8] = []
            while true {
                let b = UInt8(n & 0x7F)
                n >>= 7
                if n == 0 && b & 0x40 == 0 { return out + [b] }
                out.append(b | 0x80)
            }
        }
        var content = Self.leb(depth) + [0x70, 0x79]
        for i in 1..<depth { content += [0x70] + s33(i - 1) }
        return Self.preamble + [0x07] + Self.leb(content.count) + content
    }
}
