import Foundation
import Swasm
import SwasmSpec
import SwasmText
import SwasmComponents

/// The `swasm` command line. Returns the process exit status.
public enum CLI {
    /// The `swasm` command's help text.
    public static let usage = """
    usage: swasm run [options] FILE.wasm|FILE.wat [ARGS...]
           swasm run --invoke 'NAME(WAVE, ...)' COMPONENT.wasm
           swasm validate FILE.wasm|FILE.wat
           swasm wit COMPONENT.wasm
           swasm wat2wasm [--no-names] [--no-validate] IN.wat -o OUT.wasm
           swasm spec [--skips FILE] [--features FILE] [--verbose] PATH...   (.wast or .json)
           swasm --help | --version
    """

    /// Runs the `swasm` command with `arguments` (without the program name); returns the exit status.
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
        case "wit": return wit(args)
        case "wat2wasm": return wat2wasm(args)
        case "spec": return spec(args)
        case "compile-speed": return compileSpeed(args)
        case "text-oracle": return textOracle(args)
        case "text-roundtrip":
            // Undocumented (Scripts/text_roundtrip.py): each DIR/NAME.wat must encode to DIR/NAME.wasm.
            var report = TextOracle.Report()
            for path in args { TextOracle().roundTrip(directory: URL(fileURLWithPath: path), into: &report) }
            for m in report.mismatches { print("  MISMATCH \(m)") }
            print("text round trip: \(report.matched) modules match, \(report.mismatches.count) differ")
            return report.mismatches.isEmpty ? 0 : 1
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
            guard let path = args.first, let module = try? Module(bytes: binary(of: readFile(path))) else { return 2 }
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
            printError("usage: swasm validate FILE.wasm|FILE.wat")
            return 2
        }
        do {
            _ = try Module(bytes: try binary(of: try readFile(args[0])))
            print("valid")
            return 0
        } catch let error as TextError {
            print("\(args[0]):\(error)")
            return 1
        } catch {
            print("\(error)")
            return 1
        }
    }

    /// `swasm wit COMPONENT.wasm`: prints the component's imports and exports as a WIT world.
    static func wit(_ args: [String]) -> Int32 {
        guard args.count == 1, !args[0].hasPrefix("-") || args[0] == "-" else {
            printError("usage: swasm wit COMPONENT.wasm")
            return 2
        }
        do {
            let bytes = try readFile(args[0])
            guard Component.isComponent(bytes) else {
                printError("swasm wit: \(args[0]) is not a component (a core module has no WIT interface)")
                return 1
            }
            print(try Component(bytes: bytes).wit, terminator: "")
            return 0
        } catch {
            printError("swasm wit: \(args[0]): \(error)")
            return 1
        }
    }

    /// A module file's binary: the file itself, or, for a text module (`(module ...)` after any
    /// comments), its encoding.
    static func binary(of bytes: [UInt8]) throws -> [UInt8] {
        WAT.looksLikeText(bytes) ? try WAT.encode(bytes: bytes) : bytes
    }

    /// `swasm wat2wasm [--no-names] [--no-validate] IN.wat [-o OUT.wasm]`: encodes a text module
    /// (OUT defaults to IN with the extension .wasm). The result is validated unless told not to.
    static func wat2wasm(_ args: [String]) -> Int32 {
        var input: String?
        var output: String?
        var options = TextOptions()
        var validate = true
        var i = 0
        while i < args.count {
            switch args[i] {
            case "-o":
                guard i + 1 < args.count else { printError("swasm wat2wasm: -o needs a file"); return 2 }
                output = args[i + 1]
                i += 1
            case "--no-names": options.nameSection = false
            case "--no-validate": validate = false
            default:
                if args[i].hasPrefix("-") || input != nil {
                    printError("usage: swasm wat2wasm [--no-names] [--no-validate] IN.wat -o OUT.wasm")
                    return 2
                }
                input = args[i]
            }
            i += 1
        }
        guard let input else {
            printError("usage: swasm wat2wasm [--no-names] [--no-validate] IN.wat -o OUT.wasm")
            return 2
        }
        let out = output ?? (input.hasSuffix(".wat") ? String(input.dropLast(4)) : input) + ".wasm"
        do {
            let binary = try WAT.encode(bytes: try readFile(input), options: options)
            if validate { _ = try Module(bytes: binary, features: .wasm3) }
            guard FileManager.default.createFile(atPath: out, contents: Data(binary)) else {
                printError("swasm wat2wasm: cannot write \(out)")
                return 1
            }
            return 0
        } catch let error as TextError {
            printError("\(input):\(error)")
            return 1
        } catch {
            printError("swasm wat2wasm: \(input): \(error)")
            return 1
        }
    }

    /// `swasm compile-speed FILE [RUNS]`: decode + validate + compile throughput, median of RUNS.
    static func compileSpeed(_ args: [String]) -> Int32 {
        guard let path = args.first, let bytes = try? readFile(path) else {
            printError("usage: swasm compile-speed FILE.wasm [RUNS [THREADS]]")
            return 2
        }
        let runs = args.count > 1 ? max(1, Int(args[1]) ?? 5) : 5
        let threads = args.count > 2 ? Int(args[2]) : nil
        var seconds: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                _ = try Module(bytes: bytes, options: CompilationOptions(compilationThreads: threads))
            } catch {
                printError("\(error)")
                return 1
            }
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let median = seconds.sorted()[seconds.count / 2]
        let mb = Double(bytes.count) / 1_000_000
        let on = threads.map { " on \($0) thread\($0 == 1 ? "" : "s")" } ?? ""
        print(String(format: "%@: %.2f MB in %.1f ms (median of %d%@): %.1f MB/s", path, mb, median * 1000, runs, on, mb / median))
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

    /// `swasm spec [--skips FILE] [--features FILE] [--verbose] PATH...`: runs spec scripts (`.wast`
    /// or wast2json `.json`, files or folders). The feature table defaults to `Spec/features.txt`
    /// in the current directory or in the package the executable was built in.
    static func spec(_ args: [String]) -> Int32 {
        var paths: [String] = []
        var skipsPath: String?
        var featuresPath: String?
        var verbose = false
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--skips", "--features":
                guard i + 1 < args.count else { printError("\(args[i]) needs a file"); return 2 }
                if args[i] == "--skips" { skipsPath = args[i + 1] } else { featuresPath = args[i + 1] }
                i += 1
            case "--verbose", "-v": verbose = true
            default:
                if args[i].hasPrefix("-") { printError("swasm spec: unknown option \(args[i])"); return 2 }
                paths.append(args[i])
            }
            i += 1
        }
        guard !paths.isEmpty else { printError("usage: swasm spec [--skips FILE] [--features FILE] PATH..."); return 2 }
        var skipList = skipsPath.map(SpecRunner.loadSkipList) ?? [:]
        // The Component Model tests' skips are always in force (they name only those scripts).
        if let componentSkips = defaultSpecFile("component-skips.txt") {
            skipList.merge(SpecRunner.loadSkipList(componentSkips)) { listed, _ in listed }
        }
        let featuresFile = featuresPath ?? defaultSpecFile("features.txt")
        var summary = SpecRunner.Summary()
        for path in paths {
            let features = SpecRunner.features(forPath: path)
            var table = FeatureTable()
            if let featuresFile {
                do {
                    table = try FeatureTable(contentsOfFile: featuresFile, features: features)
                } catch {
                    printError("swasm spec: cannot read \(featuresFile): \(error)")
                    return 2
                }
            }
            let runner = SpecRunner(features: features, skipList: skipList,
                                    textOptions: SpecRunner.textOptions(forPath: path), featureTable: table)
            let scripts: [URL]
            do {
                scripts = try SpecRunner.scripts(at: path, extensions: ["json", "wast"])
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

    /// `Spec/NAME` in the current directory, else in the package that built this executable.
    static func defaultSpecFile(_ name: String) -> String? {
        let local = "Spec/" + name
        if FileManager.default.fileExists(atPath: local) { return local }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // <package>/.build/<config>/swasm
        let package = executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = package.appendingPathComponent("Spec").appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
