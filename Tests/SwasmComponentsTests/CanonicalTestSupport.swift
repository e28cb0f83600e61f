import XCTest
import Swasm
import SwasmText
@testable import SwasmComponents

/// A core module instance standing in for a component's core code: one page of memory
/// exported as "memory", a bump `realloc` that grows by copying and shrinks in place (every
/// call logged in `reallocCalls`), and the functions of `body`.
final class Guest {
    let store: Store
    let instance: Instance
    let memory: Memory
    let state: ComponentInstanceState
    private let log: ReallocLog

    final class ReallocLog { var calls: [[UInt32]] = [] }

    /// The (old pointer, old size, alignment, new size) of each realloc call, in order.
    var reallocCalls: [[UInt32]] { log.calls }

    /// `body` may import functions from module "host" given in `imports`; `reallocResult`, if
    /// set, is WAT that replaces the allocation (it may use the four parameters).
    /// With `memory`, the module imports that memory (and re-exports it) instead of its own.
    init(_ body: String = "", name: String = "guest", store: Store = Store(), state: ComponentInstanceState? = nil,
         memory importedMemory: Memory? = nil, imports: [String: HostFunction] = [:], reallocResult: String? = nil) throws {
        let log = ReallocLog()
        self.log = log
        self.store = store
        var definitions = Imports()
        definitions.define(module: "log", name: "realloc", type: FunctionType(parameters: [.i32, .i32, .i32, .i32])) { _, args in
            log.calls.append(args.map { if case .i32(let v) = $0 { return v } else { return 0 } })
            return []
        }
        var importText = ""
        for (importName, function) in imports.sorted(by: { $0.key < $1.key }) {
            definitions.define(module: "host", name: importName, function)
            let params = function.type.parameters.isEmpty ? "" : "(param" + function.type.parameters.map { " \($0)" }.joined() + ")"
            let results = function.type.results.isEmpty ? "" : "(result" + function.type.results.map { " \($0)" }.joined() + ")"
            importText += "(import \"host\" \"\(importName)\" (func $\(importName) \(params) \(results)))\n"
        }
        let allocation = reallocResult ?? """
            (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $nsize) (local.get $osize)))
              (then (return (local.get $old))))
            (local.set $r (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                   (i32.sub (i32.const 0) (local.get $align))))
            (global.set $next (i32.add (local.get $r) (local.get $nsize)))
            (if (local.get $old) (then (memory.copy (local.get $r) (local.get $old) (local.get $osize))))
            (local.get $r)
            """
        let text = """
            (module
              (import "log" "realloc" (func $log (param i32 i32 i32 i32)))
              \(importText)
              \(importedMemory == nil ? "(memory (export \"memory\") 1)" : "(import \"env\" \"memory\" (memory 1)) (export \"memory\" (memory 0))")
              (global $next (mut i32) (i32.const 1024))
              (func (export "realloc") (param $old i32) (param $osize i32) (param $align i32) (param $nsize i32) (result i32)
                (local $r i32)
                (call $log (local.get $old) (local.get $osize) (local.get $align) (local.get $nsize))
                \(allocation))
              \(body)
            )
            """
        if let importedMemory { definitions.define(module: "env", name: "memory", .memory(importedMemory)) }
        instance = try store.instantiate(Module(bytes: WAT.encode(text)), imports: definitions)
        memory = try instance.memory()
        // These tests look at one trap after another in one instance: no lockdown.
        self.state = state ?? ComponentInstanceState(name: name, locksDownOnTrap: false)
    }

    func function(_ name: String) throws -> Function { try instance.function(name) }

    /// Options with this guest's memory and realloc (and post-return, if named).
    func options(_ encoding: StringEncoding = .utf8, postReturn: String? = nil) throws -> CanonicalOptions {
        CanonicalOptions(memory: memory, realloc: try function("realloc"),
                         postReturn: try postReturn.map(function), stringEncoding: encoding)
    }

    /// The core function `core` lifted with `type`.
    func lift(_ core: String, _ parameters: [ComponentValueType], _ result: ComponentValueType?,
              _ encoding: StringEncoding = .utf8, postReturn: String? = nil) throws -> ComponentFunction {
        let type = ComponentFunctionType(
            parameters: parameters.enumerated().map { ComponentField(name: "p\($0.offset)", type: $0.element) },
            result: result)
        return ComponentFunction.lifted(try function(core), name: core, type: type,
                                        options: try options(encoding, postReturn: postReturn), instance: state)
    }

    func bytes(_ at: Int, _ count: Int) throws -> [UInt8] { try memory.read(at: at, count: count) }
    func u32(_ at: Int) throws -> UInt32 { try memory.load(UInt32.self, at: at) }
    func write(_ bytes: [UInt8], _ at: Int) throws { try memory.write(bytes, at: at) }
    func write32(_ values: [UInt32], _ at: Int) throws {
        for (i, v) in values.enumerated() { try memory.store(v, at: at + 4 * i) }
    }
}

/// A core function that stores its i32 parameters at 0, 4, 8, ... (for inspecting what
/// lowering passed).
func recorder(_ name: String, _ count: Int, result: String = "") -> String {
    let params = String(repeating: " i32", count: count)
    let stores = (0 ..< count).map { "(i32.store (i32.const \($0 * 4)) (local.get \($0)))" }.joined(separator: " ")
    return "(func (export \"\(name)\") (param\(params)) \(result.isEmpty ? "" : "(result i32)") \(stores) \(result))"
}

/// A function type with unnamed (p0, p1, ...) parameters.
func functionType(_ parameters: [ComponentValueType], _ result: ComponentValueType?) -> ComponentFunctionType {
    ComponentFunctionType(parameters: parameters.enumerated().map { ComponentField(name: "p\($0.offset)", type: $0.element) },
                          result: result)
}

/// Asserts that `body` throws a `ComponentTrap` with exactly `message`.
func XCTAssertComponentTrap(_ message: String, file: StaticString = #filePath, line: UInt = #line,
                            _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected the trap \"\(message)\", nothing was thrown", file: file, line: line)
    } catch let trap as ComponentTrap {
        XCTAssertEqual(trap.message, message, file: file, line: line)
    } catch {
        XCTFail("expected the trap \"\(message)\", got \(error)", file: file, line: line)
    }
}
