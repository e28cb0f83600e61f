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
///     inst ok | inst trap KIND | inst link
///     call EXPORT SET ok VALUE...  |  call EXPORT SET trap KIND
///     global EXPORT VALUE
///     memory EXPORT BYTES CRC32
///     table EXPORT COUNT MASK                     (one n/f per element: null or not)
///     end
///
/// EXPORT is the export's index; SET the argument set (see `Arguments`); KIND a `Trap.Kind`
/// raw value with spaces as dashes. Values: i32/f32 as 8 hex digits, i64/f64 as 16 (bit
/// patterns), v128 as 32 (bytes in memory order), references as ref:null / ref:func / ref:extern.
/// Every export's calls come first (in export order), then the final state of globals, memories
/// and tables.
struct ExecOptions {
    var fuel: UInt64?
    var argumentSets = 3
}

func execModules(_ paths: [String], options: ExecOptions) {
    for path in paths {
        var out = "module \(path)\n"
        execModule(path: path, options: options, out: &out)
        out += "end\n"
        fputs(out, stdout)
        fflush(stdout)
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
        module = try Module(bytes: [UInt8](data), features: .wasm2, options: CompilationOptions(checkpoints: checkpoints))
    } catch let e as ModuleError {
        out += "load \(e.kind.rawValue)\n"
        return
    } catch {
        out += "load error \(type(of: error))\n"
        return
    }
    let store = Store(configuration: Configuration())
    if let fuel = options.fuel { store.fuel = fuel }
    let instance: Instance
    do {
        instance = try store.instantiate(module, imports: Imports())
    } catch let trap as Trap {
        out += "inst trap \(kindName(trap.kind))\n"
        return
    } catch {
        out += "inst link\n"
        return
    }
    out += "inst ok\n"
    let exports = instance.exports
    for (i, export) in exports.enumerated() {
        guard case .function(let f) = export.value else { continue }
        for k in 0..<options.argumentSets {
            if let fuel = options.fuel { store.fuel = fuel }
            do {
                let results = try f.call(Arguments.values(for: f.type, set: k))
                out += "call \(i) \(k) ok" + results.map { " " + canonical($0) }.joined() + "\n"
            } catch let trap as Trap {
                out += "call \(i) \(k) trap \(kindName(trap.kind))\n"
            } catch {
                out += "call \(i) \(k) error \(type(of: error))\n"
            }
        }
    }
    for (i, export) in exports.enumerated() {
        switch export.value {
        case .function:
            break
        case .global(let g):
            out += "global \(i) \(canonical(g.value))\n"
        case .memory(let m):
            let crc = (try? m.withUnsafeMutableBytes(at: 0, count: m.byteCount) { CRC32.checksum(UnsafeRawBufferPointer($0)) }) ?? 0
            out += "memory \(i) \(m.byteCount) \(hex(UInt64(crc), 8))\n"
        case .table(let t):
            var mask = ""
            for e in 0..<t.count {
                switch t.element(at: e) {
                case .funcRef(nil)?, .externRef(nil)?: mask += "n"
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
    }
}
