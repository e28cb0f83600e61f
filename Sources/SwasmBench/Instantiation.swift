// instantiate: what a server pays per request when it compiles a module once and instantiates
// it per request.
//   cycle      new Store + new WASI (stdout captured) + instantiate + _start of a WASI module
//              (Fixtures/wasi/hello.wasm by default), output checked
//   memory     instantiate (new Store each time) of a module with 257 pages of memory (what
//              zig and clang give a WASI program) against the same module with 1 page
import Swasm
import SwasmWASI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `(memory pages) (func (export "f"))`.
func memoryModule(pages: UInt64) -> [UInt8] {
    var m: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
    m += section(1, vector([[Op.funcType] + vector([]) + vector([])]))
    m += section(3, vector([uleb(0)]))
    m += section(5, vector([[0x00] + uleb(pages)]))
    m += section(7, vector([name("f") + [0x00] + uleb(0)]))
    m += section(10, vector([body(locals: [], [])]))
    return m
}

/// Median microseconds of `repeats` runs of `body` (after one untimed warm-up).
func medianMicroseconds(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var samples: [Double] = []
    for _ in 0..<repeats {
        let start = nowNanoseconds()
        try body()
        samples.append(Double(nowNanoseconds() - start) / 1000)
    }
    return median(samples)
}

func instantiation(path: String, repeats: Int) {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    fclose(file)
    do {
        let module = try Module(bytes: bytes)
        var expected: [UInt8]?
        let cycle = try medianMicroseconds(repeats) {
            var config = WASIConfiguration(arguments: ["hello"])
            config.stdout = .capture
            let wasi = try WASI(configuration: config)
            let store = Store()
            var imports = Imports()
            wasi.define(in: &imports)
            let instance = try store.instantiate(module, imports: imports)
            guard try wasi.start(instance) == 0 else { fail("\(path) exited with a non-zero status") }
            if let expected, expected != wasi.capturedStdout { fail("\(path) printed something else") }
            expected = wasi.capturedStdout
        }
        print("instantiate: cycle \(format2(cycle)) us (new Store + WASI + instantiate + _start of \(path), median of \(repeats))")
        var results: [UInt64: Double] = [:]
        for pages: UInt64 in [1, 257] {
            let m = try Module(bytes: memoryModule(pages: pages))
            results[pages] = try medianMicroseconds(repeats) {
                let store = Store()
                let instance = try store.instantiate(m)
                _ = try instance.call("f")
            }
            print("instantiate: memory of \(pages) page\(pages == 1 ? "" : "s") \(format2(results[pages] ?? 0)) us (new Store + instantiate + call, median of \(repeats))")
        }
        print("instantiate: 257 pages cost \(format2((results[257] ?? 0) - (results[1] ?? 0))) us more than 1 page")
    } catch {
        fail("instantiate: \(error)")
    }
}
