import Foundation
import Swasm
import SwasmBinary
import SwasmComponents
#if canImport(Glibc)
import Glibc
#endif

// swasm-fuzz: hostile input for swasm. See `usage` and Fixtures/Fuzz.mk.

let usage = """
usage: SwasmFuzz mutate [--seed N] [--cases N] [--start K] [--corpus DIR]... [--progress N]
                        [--max-seed-bytes N] [--no-feedback] [--timeout SECONDS]
                        [--emit DIR [--emit-max N]]
         mutated seed modules through decode, validate, instantiate (stub imports) and calls;
         the default corpus is ../shared/spec/wasm-{1.0,2.0}/json, the component-model JSON's
         components, Fixtures and Tests (components are decoded and validated);
         --emit writes mutants that instantiate without imports to DIR (for fuzz_differential.py;
         those valid under the fuzzing features: 2.0, or 3.0 with SWASM_FUZZ_WASM3=1)
       SwasmFuzz run-dir [--timeout SECONDS] [--progress N] [--expect-valid] [--verbose] PATH...
         every .wasm file under each PATH through the same pipeline (--expect-valid: a module
         that does not decode and validate is a finding; --verbose: print link errors)
       SwasmFuzz exec [--fuel N] [--sets N] [--max-pages N] [--max-table-elements N] FILE...
         canonical results of every export, for differential testing (Scripts/fuzz_differential.py)
       SwasmFuzz component-calls COMPONENT.wasm [CALLS.json]
         validates a component, instantiates it (function imports echo) and runs the calls,
         printing each result or trap as JSON (Scripts/fuzz_components.py; see ComponentCalls.swift)

Inputs that make something unexpected happen are saved under .fuzz-failures/. The exit status
is 1 if there was any such input, 0 otherwise.
"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

struct CommandLineArguments {
    var rest: [String]
    init(_ args: [String]) { rest = args }

    mutating func value(_ name: String) -> String? {
        guard let i = rest.firstIndex(of: name) else { return nil }
        guard i + 1 < rest.count else { fail("\(name) needs a value\n\n\(usage)") }
        let v = rest[i + 1]
        rest.removeSubrange(i...(i + 1))
        return v
    }

    mutating func values(_ name: String) -> [String] {
        var out: [String] = []
        while let v = value(name) { out.append(v) }
        return out
    }

    mutating func flag(_ name: String) -> Bool {
        guard let i = rest.firstIndex(of: name) else { return false }
        rest.remove(at: i)
        return true
    }

    mutating func number(_ name: String, default d: UInt64) -> UInt64 {
        guard let v = value(name) else { return d }
        guard let n = UInt64(v) else { fail("\(name): not a number: \(v)") }
        return n
    }
}

/// Every .wasm file under `path` (or `path` itself), sorted.
func wasmFiles(under path: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { return [path] }
    guard let e = FileManager.default.enumerator(atPath: path) else { return [] }
    var files: [String] = []
    while let f = e.nextObject() as? String {
        if f.hasSuffix(".wasm") { files.append(path + "/" + f) }
    }
    return files.sorted()
}

func summarize(_ stats: Stats, title: String, watchdog: Watchdog, failures: FailureStore) -> Int32 {
    print(stats.summary(title: title), terminator: "")
    let saved = failures.saved.withLock { $0 }
    print("  hangs: \(watchdog.hangs); saved failures: \(saved.count)")
    for s in saved { print("    \(s)") }
    fflush(nil)
    return stats.unexpected.isEmpty && watchdog.hangs == 0 ? 0 : 1
}

func mutateCommand(_ a: inout CommandLineArguments) -> Int32 {
    let seed = a.number("--seed", default: 1)
    let cases = a.number("--cases", default: 100_000)
    let start = a.number("--start", default: 0)
    let progress = a.number("--progress", default: 100_000)
    let maxSeedBytes = Int(a.number("--max-seed-bytes", default: 64 * 1024))
    let timeout = Double(a.value("--timeout") ?? "5") ?? 5
    let feedback = !a.flag("--no-feedback")
    let emitDirectory = a.value("--emit")
    let emitMax = a.number("--emit-max", default: 10_000)
    if let emitDirectory { try? FileManager.default.createDirectory(atPath: emitDirectory, withIntermediateDirectories: true) }
    var emitted: UInt64 = 0
    var corpus = a.values("--corpus")
    guard a.rest.isEmpty else { fail("unknown arguments: \(a.rest)\n\n\(usage)") }
    if corpus.isEmpty {
        corpus = ["../shared/spec/wasm-1.0/json", "../shared/spec/wasm-2.0/json", "../shared/spec/component-model/json",
                  "Fixtures", "Tests"]
    }

    var mutator = Mutator()
    for dir in corpus {
        for f in wasmFiles(under: dir) {
            guard let data = FileManager.default.contents(atPath: f), data.count <= maxSeedBytes else { continue }
            let bytes = [UInt8](data)
            let valid = isComponentInput(bytes) ? (try? Component(bytes: bytes)) != nil
                : (try? Swasm.Module(bytes: bytes, features: fuzzFeatures)) != nil
            mutator.add(bytes, valid: valid)
        }
    }
    guard mutator.count > 0 else { fail("no seed modules (.wasm files of at most \(maxSeedBytes) bytes) in \(corpus)") }
    print("mutate: seed \(seed), cases \(start)..<\(start + cases), \(mutator.count) seed modules "
          + "(\(mutator.validSeeds.count) valid) from \(corpus.joined(separator: " "))")
    fflush(nil)

    let failures = FailureStore()
    let watchdog = Watchdog(softSeconds: timeout, hardSeconds: max(timeout * 6, 30), failures: failures)
    CrashGuard.install()
    let limits = RunLimits()
    var stats = Stats()
    var seen = Set<Signature>()
    var added = 0
    for index in start..<(start + cases) {
        var rng = caseGenerator(seed: seed, index: index)
        var note: [String] = []
        let input = mutator.mutate(&rng, note: &note)
        // Mostly 2.0; sometimes a random subset of its proposals (the feature gates are code too).
        let features = rng.oneIn(5) ? Features(rawValue: UInt32(rng.below(fuzzFeatures == .wasm3 ? 1 << 15 : 128))) : fuzzFeatures
        let label = "mutate --seed \(seed) case \(index) [\(note.joined(separator: " "))] features \(features.rawValue)"
        watchdog.begin(label: label, input: input)
        let signature = runPipeline(input, features: features, limits: limits, stats: &stats, watchdog: watchdog) { message in
            failures.save(tag: "unexpected", input: input, note: "\(label): \(message)")
        }
        watchdog.end()
        // (Small ones only: Cranelift takes up to a minute on the deepest nests of the stress mutations.)
        if let emitDirectory, emitted < emitMax, signature.hasPrefix("r:"), features == fuzzFeatures, input.count <= 16 * 1024,
           (try? decodeModule(input, features: fuzzFeatures))?.imports.isEmpty == true {
            _ = FileManager.default.createFile(atPath: "\(emitDirectory)/s\(seed)-c\(index).wasm", contents: Data(input))
            emitted += 1
        }
        if feedback, added < 20_000, input.count <= 16 * 1024, seen.insert(signature).inserted {
            mutator.add(input, valid: signature.hasPrefix("r:"))
            added += 1
        }
        if progress > 0, (index - start + 1) % progress == 0 {
            print("  \(index - start + 1) cases, \(formatSeconds(stats.elapsed)): decoded \(stats.decoded), valid \(stats.valid), "
                  + "instantiated \(stats.instantiated), calls \(stats.calls), corpus +\(added)")
            fflush(nil)
        }
    }
    return summarize(stats, title: "mutate --seed \(seed)", watchdog: watchdog, failures: failures)
}

func runDirCommand(_ a: inout CommandLineArguments) -> Int32 {
    let timeout = Double(a.value("--timeout") ?? "5") ?? 5
    let progress = a.number("--progress", default: 0)
    var limits = RunLimits()
    limits.expectValid = a.flag("--expect-valid")
    limits.verbose = a.flag("--verbose")
    guard !a.rest.isEmpty else { fail(usage) }
    let files = a.rest.flatMap(wasmFiles(under:))
    let failures = FailureStore()
    let watchdog = Watchdog(softSeconds: timeout, hardSeconds: max(timeout * 6, 30), failures: failures)
    CrashGuard.install()
    var stats = Stats()
    for (n, file) in files.enumerated() {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        let input = [UInt8](data)
        watchdog.begin(label: "run-dir \(file)", input: input)
        _ = runPipeline(input, limits: limits, stats: &stats, watchdog: watchdog) { message in
            failures.save(tag: "unexpected", input: input, note: "\(file): \(message)")
        }
        watchdog.end()
        if progress > 0, (n + 1) % Int(progress) == 0 {
            print("  \(n + 1) files, \(formatSeconds(stats.elapsed))")
            fflush(nil)
        }
    }
    return summarize(stats, title: "run-dir \(a.rest.joined(separator: " "))", watchdog: watchdog, failures: failures)
}

var arguments = CommandLineArguments(Array(CommandLine.arguments.dropFirst()))
guard let command = arguments.rest.first else { fail(usage) }
arguments.rest.removeFirst()
switch command {
case "mutate":
    exit(mutateCommand(&arguments))
case "run-dir", "run":
    exit(runDirCommand(&arguments))
case "exec":
    var options = ExecOptions()
    if let fuel = arguments.value("--fuel") {
        guard let n = UInt64(fuel) else { fail("--fuel: not a number: \(fuel)") }
        options.fuel = n
    }
    options.argumentSets = Int(arguments.number("--sets", default: 3))
    if arguments.rest.contains("--max-pages") { options.maxMemoryPages = Int(arguments.number("--max-pages", default: 0)) }
    if arguments.rest.contains("--max-table-elements") {
        options.maxTableElements = Int(arguments.number("--max-table-elements", default: 0))
    }
    CrashGuard.install()
    execModules(arguments.rest, options: options)
    exit(0)
case "component-calls":
    exit(componentCallsCommand(&arguments))
case "-h", "--help", "help":
    print(usage)
default:
    fail("unknown command \(command)\n\n\(usage)")
}
