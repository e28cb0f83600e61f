import Foundation
import Swasm
import SwasmSpec
import SwasmText

/// The `swasm` command line. Returns the process exit status.
public enum CLI {
    public static let usage = """
    usage: swasm run [options] FILE.wasm [ARGS...]
           swasm validate FILE.wasm
           swasm spec [--skips FILE] [--verbose] PATH...
           swasm --help | --version
    """

    public static func main(_ arguments: [String]) -> Int32 {
        var args = Array(arguments.dropFirst())
        guard let command = args.first else {
            printError(usage)
            return 2
        }
        args.removeFirst()
        switch command {
        case "run": return RunCommand.main(args)
        case "validate": return validate(args)
        case "spec": return spec(args)
        case "compile-speed": return compileSpeed(args)
        case "text-oracle": return textOracle(args)
        case "profile-ops":
            // Undocumented: counts executed operations and pairs (debug builds only), then runs FILE.
            let profile = OperationProfile()
            guard profile.start() else { printError("profile-ops needs a debug build"); return 2 }
            let status = RunCommand.main(args)
            profile.stop()
            printError(profile.report())
            return status
        case "internal-code":
            // Undocumented: the compiler's output, for debugging.
            guard let path = args.first, let module = try? Module(bytes: readFile(path)) else { return 2 }
            print(module.internalCodeListing())
            return 0
        case "--help", "-h", "help":
            print(usage)
            return 0
        case "--version":
            print("swasm 0.1.0")
            return 0
        default:
            printError("swasm: unknown command '\(command)'\n\(usage)")
            return 2
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write((text + "\n").data(using: .utf8) ?? Data())
    }

    static func validate(_ args: [String]) -> Int32 {
        guard args.count == 1 else {
            printError("usage: swasm validate FILE.wasm")
            return 2
        }
        do {
            let bytes = try readFile(args[0])
            _ = try Module(bytes: bytes)
            print("valid")
            return 0
        } catch {
            print("\(error)")
            return 1
        }
    }

    /// `swasm compile-speed FILE [RUNS]`: decode + validate + compile throughput, median of RUNS.
    static func compileSpeed(_ args: [String]) -> Int32 {
        guard let path = args.first, let bytes = try? readFile(path) else {
            printError("usage: swasm compile-speed FILE.wasm [RUNS]")
            return 2
        }
        let runs = args.count > 1 ? max(1, Int(args[1]) ?? 5) : 5
        var seconds: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                _ = try Module(bytes: bytes)
            } catch {
                printError("\(error)")
                return 1
            }
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let median = seconds.sorted()[seconds.count / 2]
        let mb = Double(bytes.count) / 1_000_000
        print(String(format: "%@: %.2f MB in %.1f ms (median of %d): %.1f MB/s", path, mb, median * 1000, runs, mb / median))
        return 0
    }

    /// `swasm text-oracle [--verbose] PATH...`: compares swasm's encoding of every module of the
    /// `.wast` files at PATH with the suite's reference binaries (see `TextOracle`).
    static func textOracle(_ args: [String]) -> Int32 {
        var verbose = false
        var exceptions: [String: String] = [:]
        var paths: [String] = []
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--verbose", "-v": verbose = true
            case "--exceptions":
                guard i + 1 < args.count else { printError("--exceptions needs a file"); return 2 }
                exceptions = TextOracle.loadExceptions(args[i + 1])
                i += 1
            default: paths.append(args[i])
            }
            i += 1
        }
        let oracle = TextOracle(exceptions: exceptions)
        var report = TextOracle.Report()
        for path in paths {
            guard let files = try? SpecRunner.scripts(at: path, extensions: ["wast"]) else {
                printError("swasm text-oracle: no such file or directory: \(path)")
                return 2
            }
            for wast in files {
                guard let json = TextOracle.referenceScript(for: wast) else { continue }
                let before = report.mismatches.count
                oracle.compare(wast: wast, json: json, options: SpecRunner.textOptions(forPath: wast.path), into: &report)
                if verbose || report.mismatches.count > before {
                    print("\(wast.lastPathComponent): \(report.mismatches.count - before) mismatches")
                }
            }
        }
        for m in report.mismatches { print("  MISMATCH \(m)") }
        for e in report.explained { print("  EXPLAINED \(e)") }
        if verbose { for u in report.unreferencedLines { print("  UNREFERENCED \(u)") } }
        print("text oracle: \(report.matched) modules match, \(report.mismatches.count) differ, "
              + "\(report.explained.count) explained differences, \(report.unreferenced) without a reference binary")
        return report.mismatches.isEmpty ? 0 : 1
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read file: \(path)")
        }
        return [UInt8](data)
    }

    static func spec(_ args: [String]) -> Int32 {
        var paths: [String] = []
        var skipsPath: String?
        var verbose = false
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--skips":
                guard i + 1 < args.count else { printError("--skips needs a file"); return 2 }
                skipsPath = args[i + 1]
                i += 1
            case "--verbose", "-v": verbose = true
            default:
                if args[i].hasPrefix("-") { printError("swasm spec: unknown option \(args[i])"); return 2 }
                paths.append(args[i])
            }
            i += 1
        }
        guard !paths.isEmpty else { printError("usage: swasm spec [--skips FILE] PATH..."); return 2 }
        let skipList = skipsPath.map(SpecRunner.loadSkipList) ?? [:]
        var summary = SpecRunner.Summary()
        for path in paths {
            let runner = SpecRunner(features: SpecRunner.features(forPath: path), skipList: skipList)
            let scripts: [URL]
            do {
                scripts = try SpecRunner.scripts(at: path)
            } catch {
                printError("swasm spec: \(error)")
                return 2
            }
            for script in scripts {
                let r = runner.run(file: script)
                summary.files.append(r)
                print("\(r.name): \(r.passed) passed, \(r.failed) failed, \(r.skipped) skipped")
                for f in r.failures.prefix(verbose ? Int.max : 10) { print("  FAIL \(f)") }
                if r.failures.count > 10 && !verbose { print("  ... \(r.failures.count - 10) more") }
                for s in r.skips { print("  SKIP \(s)") }
            }
        }
        print("total: \(summary.passed) passed, \(summary.failed) failed, \(summary.skipped) skipped")
        return summary.failed == 0 ? 0 : 1
    }
}
