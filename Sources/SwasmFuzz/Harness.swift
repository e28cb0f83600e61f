import Glibc
import Swasm
import SwasmBinary
import SwasmComponents

/// The arguments every fuzzer call uses. Argument set 0 is all zeros; set k > 0 takes, for
/// parameter i, entry (5k + 3i) mod 8 of the table of its type. Scripts/fuzz_differential.py
/// has the same tables: keep them in step.
enum Arguments {
    static let i32: [UInt32] = [0, 1, 0xFFFF_FFFF, 0x8000_0000, 0x7FFF_FFFF, 2, 0x1_0000, 7]
    static let i64: [UInt64] = [0, 1, 0xFFFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 2,
                                0x1_0000_0000, 7]
    static let f32: [UInt32] = [0, 0x3F80_0000, 0xBF80_0000, 0x7FC0_0000, 0x7F80_0000, 0x8000_0000, 0x4F00_0000, 1]
    static let f64: [UInt64] = [0, 0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x7FF8_0000_0000_0000,
                                0x7FF0_0000_0000_0000, 0x8000_0000_0000_0000, 0x41E0_0000_0000_0000, 1]

    static func index(set k: Int, parameter i: Int) -> Int { k == 0 ? 0 : (5 * k + 3 * i) % 8 }

    static func value(_ type: ValueType, set k: Int, parameter i: Int) -> Value {
        let j = index(set: k, parameter: i)
        switch type {
        case .i32: return .i32(i32[j])
        case .i64: return .i64(i64[j])
        case .f32: return .f32(f32[j])
        case .f64: return .f64(f64[j])
        case .v128: return .v128(V128(low: i64[j], high: i64[(j + 1) % 8]))
        case .ref: return zeroValue(type)
        }
    }

    static func values(for type: FunctionType, set k: Int) -> [Value] {
        type.parameters.enumerated().map { value($1, set: k, parameter: $0) }
    }
}

/// Limits that make every run end quickly.
struct RunLimits {
    var fuelPerCall: UInt64 = 100_000
    var maxMemoryPages = 256
    var maxCallDepth = 2_000
    var valueStackSlots = 1 << 16
    var maxTableElements = 100_000
    var maxFunctionsCalled = 64
    var argumentSets = 2
    /// Inputs known to be valid (from wasm-tools smith): a decode or validation error is a finding.
    var expectValid = false
    /// Print why each module failed to load or instantiate.
    var verbose = false

    var configuration: Configuration {
        var c = Configuration()
        c.maxCallDepth = maxCallDepth
        c.maxMemoryPages = maxMemoryPages
        c.valueStackSlots = valueStackSlots
        c.maxTableElements = maxTableElements
        return c
    }
}

/// What happened to the inputs of a campaign.
struct Stats {
    var cases = 0, decoded = 0, valid = 0, instantiated = 0, calls = 0, returned = 0
    /// Component binaries among the cases, and those that decoded and validated.
    var components = 0, validComponents = 0, instantiatedComponents = 0, componentCalls = 0
    var moduleErrors: [String: Int] = [:]
    var instantiationFailures: [String: Int] = [:]
    var traps: [String: Int] = [:]
    var unexpected: [String: Int] = [:]
    var startNanos = monotonicNanos()

    var elapsed: Double { Double(monotonicNanos() - startNanos) / 1e9 }

    func summary(title: String) -> String {
        var s = "\(title): \(cases) cases in \(formatSeconds(elapsed)) (\(Int(Double(cases) / max(elapsed, 1e-9))) cases/s)\n"
        s += "  decoded \(decoded), valid \(valid), instantiated \(instantiated), calls \(calls) (returned \(returned))\n"
        if components > 0 {
            s += "  components \(components), valid components \(validComponents), instantiated \(instantiatedComponents), calls \(componentCalls)\n"
        }
        func table(_ name: String, _ d: [String: Int]) {
            guard !d.isEmpty else { return }
            s += "  \(name): " + d.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        table("module errors", moduleErrors)
        table("instantiation failures", instantiationFailures)
        table("traps", traps)
        s += "  unexpected: " + (unexpected.isEmpty ? "none" : unexpected.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) + "\n"
        return s
    }
}

func formatSeconds(_ s: Double) -> String {
    let tenths = Int((s * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) s"
}

/// Satisfies every import with a type-correct default: host functions return zeros; memories,
/// tables and globals are made with the imported limits and type (when the store allows them).
func stubImports(for module: Swasm.Module, store: Store) -> Imports {
    var imports = Imports()
    for imp in module.imports {
        switch imp.descriptor {
        case .function(let t):
            guard let type = module.decoded.types.indices.contains(Int(t)) ? module.decoded.types[Int(t)] : nil else { continue }
            let results = type.results.map { zeroValue($0) }
            imports.define(module: imp.module, name: imp.name, type: type) { _, _ in results }
        case .tag(let t):
            guard module.decoded.types.indices.contains(Int(t)) else { continue }
            imports.define(module: imp.module, name: imp.name, .tag(Tag(store: store, parameters: module.decoded.types[Int(t)].parameters)))
        case .memory(let m):
            if let memory = try? Memory(store: store, type: m) { imports.define(module: imp.module, name: imp.name, .memory(memory)) }
        case .table(let t):
            if let table = try? Table(store: store, type: t) { imports.define(module: imp.module, name: imp.name, .table(table)) }
        case .global(let g):
            if let global = try? Global(store: store, type: g, value: zeroValue(g.valueType)) {
                imports.define(module: imp.module, name: imp.name, .global(global))
            }
        }
    }
    return imports
}

func zeroValue(_ type: ValueType) -> Value {
    switch type {
    case .i32: return .i32(0)
    case .i64: return .i64(0)
    case .f32: return .f32(0)
    case .f64: return .f64(0)
    case .v128: return .v128(V128(low: 0, high: 0))
    case .ref(let r):
        switch r.heapType {
        case .extern, .noExtern: return .externRef(nil)
        case .exn, .noExn: return .exnRef(nil)
        default: return .funcRef(nil)
        }
    }
}

/// A result of the pipeline worth keeping as a seed: the stage it reached and the message, with
/// numbers removed (a cheap stand-in for coverage).
typealias Signature = String

/// Runs one input through decode → validate/compile → instantiate → calls. Never throws: every
/// Swift error is expected and counted; anything odd goes to `report`.
/// The features the fuzzers use: 2.0, or with SWASM_FUZZ_WASM3=1 the implemented 3.0 set.
let fuzzFeatures: Features = getenv("SWASM_FUZZ_WASM3").map { String(cString: $0) == "1" } == true ? .wasm3 : .wasm2

func runPipeline(_ bytes: [UInt8], features: Features = fuzzFeatures, limits: RunLimits, stats: inout Stats,
                 watchdog: Watchdog?, report: (String) -> Void) -> Signature {
    stats.cases += 1
    if isComponentInput(bytes) { return runComponentPipeline(bytes, limits: limits, stats: &stats, report: report) }
    let decoded: SwasmBinary.Module
    do {
        decoded = try decodeModule(bytes, features: features)
    } catch let e as ModuleError {
        stats.moduleErrors["decode " + e.kind.rawValue, default: 0] += 1
        if limits.expectValid && e.kind != .implementationLimit {
            stats.unexpected["valid module rejected", default: 0] += 1
            report("a valid module was rejected: \(e)")
        }
        return "d:" + strippingDigits(e.message)
    } catch {
        stats.unexpected["decode error type \(type(of: error))", default: 0] += 1
        report("decodeModule threw a non-ModuleError: \(error)")
        return "d?"
    }
    stats.decoded += 1
    let module: Swasm.Module
    do {
        module = try Swasm.Module(decoded: decoded, features: features, options: CompilationOptions(checkpoints: true))
    } catch let e as ModuleError {
        stats.moduleErrors["validate " + e.kind.rawValue, default: 0] += 1
        if limits.expectValid && e.kind != .implementationLimit {
            stats.unexpected["valid module rejected", default: 0] += 1
            report("a valid module was rejected: \(e)")
        }
        // Compiling without checkpoints must reject it too.
        if (try? Swasm.Module(decoded: decoded, features: features)) != nil {
            stats.unexpected["checkpoints change validity", default: 0] += 1
            report("rejected with checkpoints (\(e)) but accepted without")
        }
        return "v:" + strippingDigits(e.message)
    } catch {
        stats.unexpected["validate error type \(type(of: error))", default: 0] += 1
        report("Module(decoded:) threw a non-ModuleError: \(error)")
        return "v?"
    }
    stats.valid += 1
    // The default compilation (no checkpoints) must accept it too.
    do {
        _ = try Swasm.Module(decoded: decoded, features: features)
    } catch {
        stats.unexpected["checkpoints change validity", default: 0] += 1
        report("accepted with checkpoints but rejected without: \(error)")
    }

    let store = Store(configuration: limits.configuration)
    watchdog?.attach(store)
    defer { watchdog?.attach(nil) }
    store.fuel = limits.fuelPerCall
    let imports = stubImports(for: module, store: store)
    let instance: Instance
    do {
        instance = try store.instantiate(module, imports: imports)
    } catch let trap as Trap {
        stats.instantiationFailures["trap: \(trap.kind.rawValue)", default: 0] += 1
        checkTrap(trap, watchdog: watchdog, stats: &stats, report: report)
        return "i:trap " + trap.kind.rawValue
    } catch let e as LinkError {
        stats.instantiationFailures["link error", default: 0] += 1
        if limits.verbose { print("    link error: \(e)") }
        return "i:link " + strippingDigits(e.message).prefix(40)
    } catch is WasmException {
        stats.instantiationFailures["uncaught exception", default: 0] += 1
        return "i:exception"
    } catch let e as UsageError {
        stats.unexpected["usage error on instantiate", default: 0] += 1
        report("instantiate threw UsageError: \(e)")
        return "i?"
    } catch {
        stats.unexpected["instantiate error type \(type(of: error))", default: 0] += 1
        report("instantiate threw \(type(of: error)): \(error)")
        return "i?"
    }
    stats.instantiated += 1

    var signature = "r:"
    var called = 0
    var tableFunctions: [Function] = []
    for (name, value) in instance.exports {
        switch value {
        case .function(let f):
            guard called < limits.maxFunctionsCalled else { continue }
            // A non-null reference parameter has no value the harness can make up.
            guard f.type.parameters.allSatisfy(\.isDefaultable) else { continue }
            called += 1
            for k in 0..<limits.argumentSets {
                signature += call(f, name: name, arguments: Arguments.values(for: f.type, set: k), limits: limits,
                                  store: store, stats: &stats, watchdog: watchdog, report: report)
            }
        case .memory(let m):
            if m.byteCount > 0 { _ = try? m.loadUInt8(at: m.byteCount - 1) }
        case .global(let g):
            _ = g.value
        case .table(let t):
            for i in 0..<min(t.count, 16) {
                if case .funcRef(let f?)? = t.element(at: i), tableFunctions.count < 4 { tableFunctions.append(f) }
            }
        case .tag:
            break
        }
    }
    // Functions reachable only through exported tables are called too (also host stubs).
    for f in tableFunctions where f.type.parameters.allSatisfy(\.isDefaultable) {
        signature += call(f, name: "table element", arguments: Arguments.values(for: f.type, set: 0), limits: limits,
                          store: store, stats: &stats, watchdog: watchdog, report: report)
    }
    return signature
}

private func call(_ f: Function, name: String, arguments: [Value], limits: RunLimits, store: Store,
                  stats: inout Stats, watchdog: Watchdog?, report: (String) -> Void) -> String {
    stats.calls += 1
    store.fuel = limits.fuelPerCall
    do {
        let results = try f.call(arguments)
        stats.returned += 1
        if results.map(\.type) != f.type.results {
            stats.unexpected["result types differ from the function type", default: 0] += 1
            report("\(name) returned \(results) for type \(f.type)")
        }
        return "o"
    } catch let trap as Trap {
        stats.traps[trap.kind.rawValue, default: 0] += 1
        checkTrap(trap, watchdog: watchdog, stats: &stats, report: report)
        return "t\(trap.kind.rawValue.prefix(6))"
    } catch let exception as WasmException {
        // An exception the guest did not catch: a normal outcome with exception handling.
        stats.traps["uncaught exception", default: 0] += 1
        guard exception.payload.map(\.type) == exception.tag.type.parameters else {
            stats.unexpected["exception payload differs from its tag's type", default: 0] += 1
            return "?"
        }
        return "x"
    } catch {
        stats.unexpected["call error \(type(of: error))", default: 0] += 1
        report("calling \(name)\(arguments) threw \(type(of: error)): \(error)")
        return "?"
    }
}

/// Host errors cannot happen (the stubs do not throw); an interruption only when the watchdog asked.
private func checkTrap(_ trap: Trap, watchdog: Watchdog?, stats: inout Stats, report: (String) -> Void) {
    switch trap.kind {
    case .hostError:
        stats.unexpected["host error trap", default: 0] += 1
        report("host error trap: \(trap)")
    case .interrupted where watchdog?.interruptedCurrentCase != true:
        stats.unexpected["interrupted without a request", default: 0] += 1
        report("interrupted trap nobody asked for: \(trap)")
    default:
        break
    }
}

func strippingDigits(_ s: String) -> String {
    String(s.unicodeScalars.filter { !("0"..."9").contains($0) }.prefix(80).map(Character.init))
}

/// A component binary (the preamble's version is not the core one); mutants of component seeds
/// with a damaged layer field count too.
func isComponentInput(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 8 && bytes[4] == 0x0D && bytes[5] == 0x00
}

/// Components are decoded, validated, instantiated with no imports and their exported
/// functions called with the simplest value of each parameter type: a `ComponentError` while
/// loading, a `ComponentLinkError` (imports the host does not give) and traps are acceptable,
/// anything else (a crash, another error type) is a finding.
func runComponentPipeline(_ bytes: [UInt8], limits: RunLimits, stats: inout Stats, report: (String) -> Void) -> Signature {
    stats.components += 1
    let component: Component
    do {
        component = try Component(bytes: bytes, options: CompilationOptions(checkpoints: true))
    } catch let e as ComponentError {
        stats.moduleErrors["component " + e.kind.rawValue, default: 0] += 1
        if limits.expectValid {
            stats.unexpected["valid component rejected", default: 0] += 1
            report("a valid component was rejected: \(e)")
        }
        return "c:" + strippingDigits(e.message)
    } catch {
        stats.unexpected["component error type \(type(of: error))", default: 0] += 1
        report("Component(bytes:) threw a non-ComponentError: \(error)")
        return "c?"
    }
    stats.validComponents += 1
    // Nothing may keep the store alive once the instance is dropped (a leak per request).
    weak var weakStore: Store?
    let signature = runComponentInstance(component, limits: limits, stats: &stats, report: report) { weakStore = $0 }
    if weakStore != nil {
        stats.unexpected["store kept alive after its component instance", default: 0] += 1
        report("the store outlived its component instance (a reference cycle)")
    }
    return signature
}

/// Instantiates `component` with no imports and calls its functions (see above); `observe`
/// gets the store.
func runComponentInstance(_ component: Component, limits: RunLimits, stats: inout Stats, report: (String) -> Void,
                          observe: (Store) -> Void) -> Signature {
    let store = Store(configuration: limits.configuration)
    observe(store)
    store.fuel = limits.fuelPerCall
    let instance: ComponentInstance
    do {
        instance = try ComponentInstance(component, store: store)
    } catch is ComponentLinkError {
        return "cv:link"
    } catch let error {
        guard isComponentRunFailure(error) else {
            stats.unexpected["component instantiation error type \(type(of: error))", default: 0] += 1
            report("ComponentInstance threw \(type(of: error)): \(error)")
            return "cv:?"
        }
        return "cv:trap"
    }
    stats.instantiatedComponents += 1
    var signature = "cv:i"
    for (path, function) in instance.functions.prefix(limits.maxFunctionsCalled) {
        let arguments = function.type.parameters.compactMap { simplestValue(of: $0.type) }
        guard arguments.count == function.type.parameters.count else { continue }
        store.fuel = limits.fuelPerCall
        stats.componentCalls += 1
        do {
            _ = try instance.call(path: path, arguments)
            signature += ":ok"
        } catch {
            guard isComponentRunFailure(error) else {
                stats.unexpected["component call error type \(type(of: error))", default: 0] += 1
                report("calling \(path.joined(separator: "#")) threw \(type(of: error)): \(error)")
                return signature + ":?"
            }
            signature += ":trap"
        }
    }
    return signature
}

/// Whether `error` is one a component may make the host see while running: a core trap, a
/// Canonical ABI trap, a type mismatch of what a function returns, or an uncaught exception.
func isComponentRunFailure(_ error: any Error) -> Bool {
    error is Trap || error is ComponentTrap || error is ComponentTypeMismatch || error is WasmException
}

/// The simplest value of `type` (zero, empty, the first case); nil for resource handles, which
/// the host cannot make up.
func simplestValue(of type: ComponentValueType) -> ComponentValue? {
    switch type {
    case .bool: return .bool(false)
    case .s8: return .s8(0)
    case .u8: return .u8(0)
    case .s16: return .s16(0)
    case .u16: return .u16(0)
    case .s32: return .s32(0)
    case .u32: return .u32(0)
    case .s64: return .s64(0)
    case .u64: return .u64(0)
    case .f32: return .f32(bitPattern: 0)
    case .f64: return .f64(bitPattern: 0)
    case .char: return .char("a")
    case .string: return .string("fuzz")
    case .list: return .list([])
    case .fixedLengthList(let element, let length):
        guard length <= 64, let item = simplestValue(of: element) else { return nil }
        return .list(Array(repeating: item, count: Int(length)))
    case .record(let fields):
        var values: [(name: String, value: ComponentValue)] = []
        for field in fields {
            guard let value = simplestValue(of: field.type) else { return nil }
            values.append((field.name, value))
        }
        return .record(values)
    case .tuple(let types):
        var values: [ComponentValue] = []
        for type in types {
            guard let value = simplestValue(of: type) else { return nil }
            values.append(value)
        }
        return .tuple(values)
    case .variant(let cases):
        guard let first = cases.first else { return nil }
        guard let payload = first.payload else { return .variant(caseName: first.name, payload: nil) }
        return simplestValue(of: payload).map { .variant(caseName: first.name, payload: $0) }
    case .enum(let labels): return labels.first.map { .enum($0) }
    case .option: return .option(nil)
    case .result(let ok, _):
        guard let ok else { return .result(isError: false, payload: nil) }
        return simplestValue(of: ok).map { .result(isError: false, payload: $0) }
    case .flags: return .flags([])
    case .own, .borrow: return nil
    }
}
