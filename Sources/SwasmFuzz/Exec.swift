import Foundation
import Swasm
#if canImport(Glibc)
import Glibc
#endif

/// `exec`: runs modules without imports and prints, for each, a canonical account that
/// Scripts/fuzz_differential.py compares line by line with wasmtime's:
///
///     module PATH
///     load malformed|invalid|unsupported         (and nothing more), or
///     inst ok | inst trap KIND | inst link        (then the state, if ok)
///     call EXPORT SET ok VALUE...  |  call EXPORT SET trap KIND
///     global EXPORT VALUE                         (the state after the call: every exported
///     memory EXPORT BYTES CRC32                    global, memory and table, in export order)
///     table EXPORT COUNT MASK
///     end
///
/// Each call runs in a fresh instance (so one call's running out of fuel cannot hide the
/// others); exported functions in export order, each with argument sets 0 ..< SETS (see
/// `Arguments`). EXPORT is the export's index; KIND a `Trap.Kind` raw value with spaces as
/// dashes; MASK one n/f per element (null or not). Values: i32/f32 as 8 hex digits, i64/f64 as
/// 16 (bit patterns), v128 as 32 (bytes in memory order), references as ref:null / ref:func /
/// ref:extern.
struct ExecOptions {
    var fuel: UInt64?
    var argumentSets = 3
    /// Limits that wasmtime's store gets too (`Store.set_limits`), so that both refuse the same growth.
    var maxMemoryPages: Int?
    var maxTableElements: Int?
}

func execModules(_ paths: [String], options: ExecOptions) {
    for path in paths {
        var out = "module \(path)\n"
        execModule(path: path, options: options, out: &out)
        out += "end\n"
        print(out, terminator: "")
        fflush(nil)  // all streams: `stdout` is a C global that Swift 6 treats as shared mutable state
    }
}

func execModule(path: String, options: ExecOptions, out: inout String) {
    guard let data = FileManager.default.contents(atPath: path) else {
        out += "load unreadable\n"
        return
    }
    CrashGuard.remember(label: "exec \(path)", input: [UInt8](data))
    let checkpoints = options.fuel != nil
    let module: Swasm.Module
    do {
        module = try Swasm.Module(bytes: [UInt8](data), features: fuzzFeatures, options: CompilationOptions(checkpoints: checkpoints))
    } catch let e as ModuleError {
        out += "load \(e.kind.rawValue)\n"
        return
    } catch {
        out += "load error \(type(of: error))\n"
        return
    }
    func instantiate() -> (Store, Instance)? {
        var configuration = Configuration()
        configuration.maxMemoryPages = options.maxMemoryPages
        configuration.maxTableElements = options.maxTableElements
        let store = Store(configuration: configuration)
        if let fuel = options.fuel { store.fuel = fuel }
        do {
            let instance = try store.instantiate(module, imports: Imports())
            if let fuel = options.fuel { store.fuel = fuel }
            return (store, instance)
        } catch let trap as Trap {
            out += "inst trap \(kindName(trap.kind))\n"
        } catch is WasmException {
            out += "inst trap uncaught-exception\n"
        } catch {
            out += "inst link\n"
        }
        return nil
    }
    guard let (_, first) = instantiate() else { return }
    out += "inst ok\n"
    dumpState(first, &out)
    for (i, export) in module.exports.enumerated() {
        guard case .function = export.descriptor else { continue }
        for k in 0..<options.argumentSets {
            guard let (_, instance) = instantiate() else { continue }
            guard case .function(let f) = instance.exports[i].value else { continue }
            // exnref values are not compared (the wasmtime side cannot pass them).
            if (f.type.parameters + f.type.results).contains(.exnRef) {
                out += "call \(i) \(k) skip exnref\n"
                dumpState(instance, &out)
                continue
            }
            do {
                let results = try f.call(Arguments.values(for: f.type, set: k))
                out += "call \(i) \(k) ok" + results.map { " " + canonical($0) }.joined() + "\n"
            } catch let trap as Trap {
                out += "call \(i) \(k) trap \(kindName(trap.kind))\n"
            } catch is WasmException {
                out += "call \(i) \(k) trap uncaught-exception\n"
            } catch {
                out += "call \(i) \(k) error \(type(of: error))\n"
            }
            dumpState(instance, &out)
        }
    }
}

/// Every exported global, memory and table, in export order.
func dumpState(_ instance: Instance, _ out: inout String) {
    for (i, export) in instance.exports.enumerated() {
        switch export.value {
        case .function, .tag:
            break
        case .global(let g):
            out += "global \(i) \(g.type.valueType == .exnRef ? "exnref" : canonical(g.value))\n"
        case .memory(let m):
            let crc = (try? m.withUnsafeMutableBytes(at: 0, count: m.byteCount) { CRC32.checksum(UnsafeRawBufferPointer($0)) }) ?? 0
            out += "memory \(i) \(m.byteCount) \(hex(UInt64(crc), 8))\n"
        case .table(let t):
            var mask = ""
            for e in 0..<t.count {
                switch t.element(at: e) {
                case .funcRef(nil)?, .externRef(nil)?, .exnRef(nil)?: mask += "n"
                default: mask += "f"
                }
            }
            out += "table \(i) \(t.count) \(mask.isEmpty ? "-" : mask)\n"
        }
    }
}

func kindName(_ kind: Trap.Kind) -> String {
    kind.rawValue.replacingOccurrences(of: " ", with: "-")
}

func hex(_ v: UInt64, _ digits: Int) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: max(0, digits - s.count)) + s
}

func canonical(_ v: Value) -> String {
    switch v {
    case .i32(let x): return "i32:" + hex(UInt64(x), 8)
    case .i64(let x): return "i64:" + hex(x, 16)
    case .f32(let x): return "f32:" + hex(UInt64(x), 8)
    case .f64(let x): return "f64:" + hex(x, 16)
    case .v128(let x): return "v128:" + x.bytes.map { hex(UInt64($0), 2) }.joined()
    case .funcRef(let f): return f == nil ? "ref:null" : "ref:func"
    case .externRef(let e): return e == nil ? "ref:null" : "ref:extern"
    case .exnRef(let e): return e == nil ? "ref:null" : "ref:exn"
    }
}
