// swasm-bench: micro-benchmarks of the embedding API, run by Scripts/bench.py.
//
//   swasm-bench [host-call] [--calls N] [--repeats R] [--loops L1,L2...]
//   swasm-bench instantiate [--repeats R] [--module FILE]   (Instantiation.swift)
//
// host-call: the cost of a call from wasm into a Swift host function. A module (built here
// by hand, as bytes) imports `host.inc: (i32) -> i32` (a typed Swift closure) and
// `host.inc_values` (the same on `[Value]` arrays) and exports four loops over N iterations
// that differ only in their body:
//   host_loop   acc = host.inc(acc)      (a wasm -> Swift call per iteration)
//   values_loop acc = host.inc_values(acc)
// and two loops in Swift that call the wasm function `inc` N times:
//   typed_export  through a typed handle (`Function.typed`)
//   values_export through `Function.call` on `[Value]` arrays
//   wasm_loop   acc = inc(acc)           (a wasm -> wasm call to `local.get 0; i32.const 1; i32.add`)
//   empty_loop  acc = acc + 1            (no call: the loop itself)
// Each loop is timed R times (a fresh call from Swift each time); the median is reported
// as ns per iteration, and the result is checked (acc must end at N). Output, one line each:
//   host-call: host_loop 41.23 ns/call (median of 5 x 1000000 calls)
//   host-call: wasm_loop 3.45 ns/call (median of 5 x 1000000 calls)
//   host-call: empty_loop 1.02 ns/call (median of 5 x 1000000 calls)
//   host-call: host call overhead over a wasm call: 37.78 ns
import Dispatch
import Swasm
import SwasmWASI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - A tiny module assembler

func uleb(_ value: UInt64) -> [UInt8] {
    var v = value
    var out: [UInt8] = []
    repeat {
        var byte = UInt8(v & 0x7F)
        v >>= 7
        if v != 0 { byte |= 0x80 }
        out.append(byte)
    } while v != 0
    return out
}

func sleb(_ value: Int64) -> [UInt8] {
    var v = value
    var out: [UInt8] = []
    while true {
        let byte = UInt8(v & 0x7F)
        v >>= 7
        if (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0) {
            out.append(byte)
            return out
        }
        out.append(byte | 0x80)
    }
}

func name(_ s: String) -> [UInt8] { uleb(UInt64(s.utf8.count)) + Array(s.utf8) }
func vector(_ items: [[UInt8]]) -> [UInt8] { uleb(UInt64(items.count)) + items.flatMap { $0 } }
func section(_ id: UInt8, _ body: [UInt8]) -> [UInt8] { [id] + uleb(UInt64(body.count)) + body }

enum Op {
    static let block: UInt8 = 0x02, loop: UInt8 = 0x03, br: UInt8 = 0x0C, brIf: UInt8 = 0x0D, end: UInt8 = 0x0B
    static let call: UInt8 = 0x10
    static let localGet: UInt8 = 0x20, localSet: UInt8 = 0x21
    static let i32Const: UInt8 = 0x41, i32GeU: UInt8 = 0x4F, i32Add: UInt8 = 0x6A
    static let void: UInt8 = 0x40, i32: UInt8 = 0x7F, funcType: UInt8 = 0x60
}

/// A function body: locals (count, type) groups, then code, then `end`.
func body(locals: [(UInt32, UInt8)], _ code: [UInt8]) -> [UInt8] {
    let l = vector(locals.map { uleb(UInt64($0.0)) + [$0.1] })
    let b = l + code + [Op.end]
    return uleb(UInt64(b.count)) + b
}

/// `(param n i32) (result i32) (local i acc i32)`: while i < n { acc = <step>(acc); i += 1 }; acc
func loopBody(step: [UInt8]) -> [UInt8] {
    let n: UInt8 = 0, i: UInt8 = 1, acc: UInt8 = 2
    var c: [UInt8] = []
    c += [Op.block, Op.void]
    c += [Op.loop, Op.void]
    c += [Op.localGet, i, Op.localGet, n, Op.i32GeU, Op.brIf, 1]
    c += [Op.localGet, acc] + step + [Op.localSet, acc]
    c += [Op.localGet, i, Op.i32Const] + sleb(1) + [Op.i32Add, Op.localSet, i]
    c += [Op.br, 0]
    c += [Op.end]  // loop
    c += [Op.end]  // block
    c += [Op.localGet, acc]
    return body(locals: [(2, Op.i32)], c)
}

func buildModule() -> [UInt8] {
    var m: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
    // type 0: (i32) -> i32
    m += section(1, vector([[Op.funcType] + vector([[Op.i32]]) + vector([[Op.i32]])]))
    // imports host.inc, host.inc_values : type 0  (function indices 0, 1)
    m += section(2, vector([name("host") + name("inc") + [0x00] + uleb(0),
                            name("host") + name("inc_values") + [0x00] + uleb(0)]))
    // functions 2...6, all of type 0
    m += section(3, vector(Array(repeating: uleb(0), count: 5)))
    // exports
    m += section(7, vector([
        name("inc") + [0x00] + uleb(2),
        name("host_loop") + [0x00] + uleb(3),
        name("wasm_loop") + [0x00] + uleb(4),
        name("empty_loop") + [0x00] + uleb(5),
        name("values_loop") + [0x00] + uleb(6),
    ]))
    // code
    let inc = body(locals: [], [Op.localGet, 0, Op.i32Const] + sleb(1) + [Op.i32Add])
    m += section(10, vector([
        inc,
        loopBody(step: [Op.call] + uleb(0)),
        loopBody(step: [Op.call] + uleb(2)),
        loopBody(step: [Op.i32Const] + sleb(1) + [Op.i32Add]),
        loopBody(step: [Op.call] + uleb(1)),
    ]))
    return m
}

// MARK: - Timing

func nowNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fail(_ message: String) -> Never {
    var err = StandardError()
    print("swasm-bench: \(message)", to: &err)
    exit(1)
}

/// Writes to file descriptor 2 (the C `stderr` global is shared mutable state to Swift 6).
func writeToStandardError(_ string: String) {
    let bytes = Array(string.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { writeToStandardError(string) }
}

func hostCall(calls: Int, repeats: Int, loops: [String]) {
    let module: Module
    do {
        module = try Module(bytes: buildModule())
    } catch {
        fail("the benchmark module does not load: \(error)")
    }
    let store = Store()
    var imports = Imports()
    imports.define(module: "host", name: "inc") { (v: UInt32) -> UInt32 in v &+ 1 }
    imports.define(module: "host", name: "inc_values", type: FunctionType(parameters: [.i32], results: [.i32])) { _, args in
        guard case .i32(let v) = args[0] else { return [.i32(0)] }
        return [.i32(v &+ 1)]
    }
    let instance: Instance
    do {
        instance = try store.instantiate(module, imports: imports)
    } catch {
        fail("instantiation failed: \(error)")
    }
    var perCall: [String: Double] = [:]
    for loop in loops {
        let run = makeRun(loop, instance: instance, calls: calls)
        // One untimed warm-up run (first-touch of stacks, lazy set-up), then the timed ones.
        var samples: [Double] = []
        for r in 0...repeats {
            let start = nowNanoseconds()
            let result = run()
            let elapsed = nowNanoseconds() - start
            guard result == UInt32(truncatingIfNeeded: calls) else { fail("\(loop) returned \(result), expected \(calls)") }
            if r > 0 { samples.append(Double(elapsed) / Double(calls)) }
        }
        let ns = median(samples)
        perCall[loop] = ns
        print("host-call: \(loop) \(format2(ns)) ns/call (median of \(repeats) x \(calls) calls)")
    }
    if let h = perCall["host_loop"], let w = perCall["wasm_loop"] {
        print("host-call: host call overhead over a wasm call: \(format2(h - w)) ns")
    }
}

/// One timed run of `loop`: N calls; returns the counter, which must end at N.
func makeRun(_ loop: String, instance: Instance, calls: Int) -> () -> UInt32 {
    do {
        switch loop {
        case "typed_export", "values_export":
            // N calls from Swift into the wasm function `inc`.
            let inc = try instance.function("inc")
            if loop == "values_export" {
                return {
                    var acc: UInt32 = 0
                    for _ in 0..<calls {
                        guard case .i32(let v)? = try? inc.call([.i32(acc)]).first else { fail("inc failed") }
                        acc = v
                    }
                    return acc
                }
            }
            let typed = try inc.typed(UInt32.self, returning: UInt32.self)
            return {
                var acc: UInt32 = 0
                for _ in 0..<calls {
                    do { acc = try typed(acc) } catch { fail("inc trapped: \(error)") }
                }
                return acc
            }
        default:
            let f = try instance.function(loop)
            return {
                do {
                    guard case .i32(let v)? = try f.call([.i32(UInt32(calls))]).first else { fail("\(loop) returned nothing") }
                    return v
                } catch {
                    fail("\(loop) trapped: \(error)")
                }
            }
        }
    } catch {
        fail("no export for \(loop): \(error)")
    }
}

func format2(_ x: Double) -> String {
    let scaled = (x * 100).rounded()
    let sign = scaled < 0 ? "-" : ""
    let a = abs(Int(scaled))
    let frac = a % 100
    return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
}

// MARK: - Command line

var args = Array(CommandLine.arguments.dropFirst())
var calls = 1_000_000
var repeats = 5
let allLoops = ["host_loop", "wasm_loop", "empty_loop", "values_loop", "typed_export", "values_export"]
var loops = allLoops
var command = "host-call"
var modulePath = "Fixtures/wasi/hello.wasm"
var i = 0
while i < args.count {
    switch args[i] {
    case "--calls":
        guard i + 1 < args.count, let n = Int(args[i + 1]), n > 0, n <= Int(Int32.max) else { fail("--calls needs a count in 1...2^31-1") }
        calls = n
        i += 1
    case "--repeats":
        guard i + 1 < args.count, let n = Int(args[i + 1]), n > 0 else { fail("--repeats needs a positive count") }
        repeats = n
        i += 1
    case "--loops":
        let known = allLoops.joined(separator: ",")
        guard i + 1 < args.count else { fail("--loops needs a comma-separated list of \(known)") }
        loops = args[i + 1].split(separator: ",").map(String.init)
        guard !loops.isEmpty, loops.allSatisfy(allLoops.contains) else { fail("--loops takes names from \(known)") }
        i += 1
    case "-h", "--help":
        print("usage: swasm-bench [host-call | instantiate] [--calls N] [--repeats R] [--loops L1,L2...] [--module FILE]")
        exit(0)
    case "--module":
        guard i + 1 < args.count else { fail("--module needs a file") }
        modulePath = args[i + 1]
        i += 1
    case "host-call", "instantiate":
        command = args[i]
    default:
        fail("unknown argument '\(args[i])' (usage: swasm-bench [host-call] [--calls N] [--repeats R] [--loops L1,L2...])")
    }
    i += 1
}

switch command {
case "host-call": hostCall(calls: calls, repeats: repeats, loops: loops)
case "instantiate": instantiation(path: modulePath, repeats: max(repeats, 101))
default: fail("unknown command \(command)")
}
