#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Swasm
import SwasmText
import SwasmWASI
import SwasmComponents

/// `swasm run`: runs a WASI command's `_start`, or calls an exported function (`--invoke`).
enum RunCommand {
    /// Exit status when the guest traps.
    static let trapExitCode: Int32 = 134
    /// Exit status when the module cannot run (unreadable, invalid, unknown import, ...).
    static let failureExitCode: Int32 = 1
    /// Exit status for a bad command line.
    static let usageExitCode: Int32 = 2

    static let help = """
    usage: swasm run [OPTIONS] FILE.wasm [ARGS...]

    Runs a WebAssembly module (binary, or in the text format: FILE.wat). A WASI command (a module exporting _start) runs with ARGS as
    its arguments (argv[0] is FILE as given) and with this process's stdin, stdout and stderr;
    stdin is read only as the guest reads it. With --invoke, the exported function NAME is
    called instead, with ARGS parsed as its parameters (i32, i64, f32, f64), and its results
    are printed one per line. WASI functions are available in both cases (with --invoke,
    the guest's argv is just FILE).

    A component (FILE.wasm in the Component Model's binary format) is run with --invoke only:
    --invoke 'NAME(ARG, ...)' calls its exported function NAME (IFACE#NAME for a function of
    an exported instance) with the arguments written in WAVE, the WebAssembly Value
    Encoding that wasmtime uses (42, "text", 'c', [1, 2], {name: "Rust", num: 3}, some(1),
    none, ok("x"), err(2), case(payload), {flag-a, flag-b}), and prints the result in WAVE.
    A component gets no imports; --env and --dir do not apply to it.
    Example: swasm run --invoke 'multiply({name: "Rust", num: 3})' Fixtures/components/multiplier.wasm

    Options (before FILE; everything after FILE goes to the guest):
      --env NAME=VALUE     give the guest this environment variable (repeatable). The guest
                           sees no variable of this process unless given here.
      --dir HOST[::GUEST]  let the guest use the host directory HOST, under the name GUEST
                           (default: HOST) (repeatable). Without it the guest can open no
                           files; with it, nothing outside HOST.
      --invoke NAME        call the exported function NAME instead of _start (a reactor's
                           _initialize runs first); for a component: --invoke 'NAME(ARGS)'
                           with ARGS in WAVE
      --fuel N             stop the guest with a "fuel exhausted" trap after about N
                           WebAssembly instructions
      --timeout SECONDS    stop the guest with an "interrupted" trap after SECONDS of running
                           (decimals allowed)
      --max-memory SIZE    cap every linear memory at SIZE bytes (suffixes K, M, G: 1024-based);
                           memory.grow past it returns -1, a module needing more fails to start
      --max-stack DEPTH    cap wasm call nesting at DEPTH calls ("call stack exhausted" trap;
                           default 20000)
      -h, --help           show this help
      --                   end of options (for a FILE starting with "-")
    The forms --env=NAME=VALUE, --dir=HOST[::GUEST] and --invoke=NAME work too.

    Exit status:
      N     the guest's exit code: 0 when _start returns, N when it calls proc_exit(N)
      0     with --invoke: the function returned normally
      1     the module cannot run: FILE unreadable, malformed or invalid; an import nothing
            provides ("unknown import: MODULE.NAME" and its type); a --dir that cannot be
            opened; or a guest exit code outside 0...255
      2     bad command line: unknown option, missing FILE, a module that is not a WASI
            command (no _start) without --invoke, bad --invoke arguments (for a component:
            a WAVE error, with the column), no such exported function
      134   the guest trapped: the trap's message and wasm backtrace are printed on stderr
    (A guest may itself exit with 1, 2 or 134; swasm's own failures also print a message
    starting with "swasm run:" or "wasm trap:" on stderr.)
    """

    struct Options {
        var environment: [String: String] = [:]
        var directories: [WASIConfiguration.PreopenedDirectory] = []
        var invoke: String?
        var fuel: UInt64?
        var timeout: Double?
        var maxMemoryPages: Int?
        var maxCallDepth: Int?
        var file = ""
        var arguments: [String] = []
        var showHelp = false
    }

    struct CommandLineError: Error {
        let message: String
    }

    static func main(_ args: [String]) -> Int32 {
        let options: Options
        do {
            options = try parse(args)
        } catch {
            fail("swasm run: \(error.message)\n\(usageLine)\n(more: swasm run --help)")
            return usageExitCode
        }
        if options.showHelp {
            print(help)
            return 0
        }
        return run(options)
    }

    static func parse(_ args: [String]) throws(CommandLineError) -> Options {
        var options = Options()
        var i = 0
        func value(_ flag: String, _ inline: String?) throws(CommandLineError) -> String {
            if let inline { return inline }
            guard i + 1 < args.count else { throw CommandLineError(message: "\(flag) needs a value") }
            i += 1
            return args[i]
        }
        while i < args.count {
            let arg = args[i]
            guard arg.hasPrefix("-"), arg != "-" else { break }
            if arg == "--" {
                i += 1
                break
            }
            let (flag, inline) = splitFlag(arg)
            switch flag {
            case "--env":
                let text = try value(flag, inline)
                guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                    throw CommandLineError(message: "--env needs NAME=VALUE, got '\(text)'")
                }
                options.environment[String(text[..<eq])] = String(text[text.index(after: eq)...])
            case "--dir":
                let text = try value(flag, inline)
                let parts = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
                guard parts.count <= 2, !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty else {
                    throw CommandLineError(message: "--dir needs HOST or HOST::GUEST, got '\(text)'")
                }
                options.directories.append(.init(hostPath: parts[0], guestPath: parts.count == 2 ? parts[1] : parts[0]))
            case "--invoke":
                let name = try value(flag, inline)
                guard !name.isEmpty else { throw CommandLineError(message: "--invoke needs a function name") }
                options.invoke = name
            case "--fuel":
                let text = try value(flag, inline)
                guard let n = UInt64(text) else { throw CommandLineError(message: "--fuel needs a count, got '\(text)'") }
                options.fuel = n
            case "--timeout":
                let text = try value(flag, inline)
                guard let t = Double(text), t > 0, t.isFinite else {
                    throw CommandLineError(message: "--timeout needs a positive number of seconds, got '\(text)'")
                }
                options.timeout = t
            case "--max-memory":
                let text = try value(flag, inline)
                guard let bytes = parseSize(text) else {
                    throw CommandLineError(message: "--max-memory needs a size in bytes (e.g. 65536, 64K, 16M, 1G), got '\(text)'")
                }
                options.maxMemoryPages = Int(min(bytes / 65_536, 65_536))
            case "--max-stack":
                let text = try value(flag, inline)
                guard let n = Int(text), n > 0 else { throw CommandLineError(message: "--max-stack needs a positive depth, got '\(text)'") }
                options.maxCallDepth = n
            case "-h", "--help":
                options.showHelp = true
                return options
            default:
                throw CommandLineError(message: "unknown option '\(arg)'")
            }
            i += 1
        }
        guard i < args.count else { throw CommandLineError(message: "missing FILE.wasm") }
        options.file = args[i]
        options.arguments = Array(args[(i + 1)...])
        return options
    }

    static let usageLine = "usage: swasm run [--env NAME=VALUE]... [--dir HOST[::GUEST]]... [--invoke NAME] [--fuel N] "
        + "[--timeout SECONDS] [--max-memory SIZE] [--max-stack DEPTH] FILE.wasm [ARGS...]"

    /// "65536", "64K", "16M", "1G" (1024-based) → bytes.
    static func parseSize(_ text: String) -> UInt64? {
        let units: [Character: UInt64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = text
        var scale: UInt64 = 1
        if let last = text.last?.uppercased().first, let unit = units[last] {
            digits = String(text.dropLast())
            scale = unit
        }
        guard let n = UInt64(digits) else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }

    /// "--env=A=B" → ("--env", "A=B"); "--env" → ("--env", nil).
    private static func splitFlag(_ arg: String) -> (String, String?) {
        guard arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") else { return (arg, nil) }
        return (String(arg[..<eq]), String(arg[arg.index(after: eq)...]))
    }

    // MARK: Running

    static func run(_ options: Options) -> Int32 {
        let file = options.file
        let module: Module
        do {
            let bytes = try readFile(file)
            if Component.isComponent(bytes) { return ComponentRun.run(options, bytes: bytes) }
            let checkpoints = options.fuel != nil || options.timeout != nil
            module = try Module(bytes: try CLI.binary(of: bytes), options: CompilationOptions(checkpoints: checkpoints))
        } catch let error as CommandLineError {
            fail(error.message)
            return failureExitCode
        } catch let error as TextError {
            fail("swasm run: \(file):\(error)")
            return failureExitCode
        } catch {
            fail("swasm run: \(file): \(error)")
            return failureExitCode
        }
        let exportsStart = module.exports.contains { $0.name == "_start" && isFunction($0) }
        if options.invoke == nil && !exportsStart {
            let functions = module.exports.filter(isFunction).map(\.name)
            let list = functions.isEmpty ? "it exports no functions" : "its exported functions: \(functions.joined(separator: ", "))"
            if WASI.isImported(by: module) {
                fail("swasm run: \(file) exports no _start function, so it is not a WASI command (a reactor?); "
                    + "use --invoke NAME to call an exported function (\(list))")
            } else {
                fail("swasm run: \(file) is not a WASI command: it imports nothing from wasi_snapshot_preview1 "
                    + "and exports no _start function; use --invoke NAME to call an exported function (\(list))")
            }
            return usageExitCode
        }

        var config = WASIConfiguration(arguments: [file] + (options.invoke == nil ? options.arguments : []),
                                       environment: options.environment)
        config.stdin = .inherit
        config.stdout = .inherit
        config.stderr = .inherit
        config.preopenedDirectories = options.directories
        let wasi: WASI
        do {
            wasi = try WASI(configuration: config)
        } catch {
            fail("swasm run: \(error)")
            return failureExitCode
        }
        // A guest writing to a closed pipe gets EPIPE instead of killing the process.
        signal(SIGPIPE, SIG_IGN)

        var configuration = Configuration()
        if let pages = options.maxMemoryPages { configuration.maxMemoryPages = pages }
        if let depth = options.maxCallDepth { configuration.maxCallDepth = depth }
        let store = Store(configuration: configuration)
        if let fuel = options.fuel { store.fuel = fuel }
        if let timeout = options.timeout {
            let handle = store.interruptHandle
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { handle.interrupt() }
        }
        do {
            let instance = try store.instantiate(module, imports: wasi.imports)
            if let name = options.invoke {
                return try invoke(name, options.arguments, instance, wasi)
            }
            return exitStatus(try wasi.start(instance))
        } catch let error as LinkError {
            fail("swasm run: \(file): \(error)")
            return failureExitCode
        } catch let error as CommandLineError {
            fail(error.message)
            return usageExitCode
        } catch {
            if let code = WASI.exitCode(of: error) { return exitStatus(code) }
            if let trap = error as? Trap {
                fail("\(trap)")
                return trapExitCode
            }
            fail("swasm run: \(file): \(error)")
            return failureExitCode
        }
    }

    /// `--invoke`: calls the export with the command-line values, prints its results.
    private static func invoke(_ name: String, _ texts: [String], _ instance: Instance, _ wasi: WASI) throws -> Int32 {
        guard case .function(let function)? = instance.export(name) else {
            let functions = instance.exports.compactMap { e -> String? in
                if case .function = e.value { return e.name } else { return nil }
            }
            throw CommandLineError(message: "swasm run: no exported function '\(name)' (exported functions: "
                + (functions.isEmpty ? "none" : functions.joined(separator: ", ")) + ")")
        }
        let params = function.type.parameters
        guard texts.count == params.count else {
            throw CommandLineError(message: "swasm run: \(name) takes \(params.count) arguments \(params), got \(texts.count)")
        }
        var values: [Value] = []
        for (text, type) in zip(texts, params) {
            guard let v = parseValue(text, type) else {
                throw CommandLineError(message: "swasm run: cannot parse '\(text)' as \(type)")
            }
            values.append(v)
        }
        if instance.export("_start") == nil { try wasi.initialize(instance) }
        for r in try function.call(values) { print(format(r)) }
        return 0
    }

    /// The process exit status for a guest exit code; one outside 0...255 is reported, and
    /// gives 1 (the OS would keep only its low 8 bits, turning 256 into success).
    private static func exitStatus(_ code: Int32) -> Int32 {
        if (0 ... 255).contains(code) { return code }
        fail("swasm run: the guest exited with code \(UInt32(bitPattern: code)), outside the range of an exit status (0...255)")
        return failureExitCode
    }

    private static func isFunction(_ export: Export) -> Bool {
        if case .function = export.descriptor { return true }
        return false
    }

    /// The bytes of `path`, or a `CommandLineError` naming the reason.
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CommandLineError(message: "swasm run: cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CommandLineError(message: "swasm run: cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0 ..< n])
        }
    }

    static func fail(_ message: String) {
        CLI.printError(message)
    }

    static func parseValue(_ text: String, _ type: ValueType) -> Value? {
        switch type {
        case .i32:
            if let v = Int32(text) { return .int32(v) }
            return UInt32(text).map { .i32($0) }
        case .i64:
            if let v = Int64(text) { return .int64(v) }
            return UInt64(text).map { .i64($0) }
        case .f32: return Float(text).map { .float($0) }
        case .f64: return Double(text).map { .double($0) }
        default: return nil
        }
    }

    static func format(_ value: Value) -> String {
        switch value {
        case .i32(let v): return String(Int32(bitPattern: v))
        case .i64(let v): return String(Int64(bitPattern: v))
        case .f32(let v): return "\(Float(bitPattern: v))"
        case .f64(let v): return "\(Double(bitPattern: v))"
        default: return value.description
        }
    }
}
