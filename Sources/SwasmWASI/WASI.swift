import Swasm
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// WASI preview1 (`wasi_snapshot_preview1`) for guests: the host functions a module imports to
/// reach its arguments, environment, standard streams, clocks, randomness and (if granted)
/// directories.
///
/// ```swift
/// var config = WASIConfiguration(arguments: ["prog", "a"], environment: ["K": "V"])
/// config.stdin = .bytes(Array("input".utf8))
/// config.stdout = .capture
/// let wasi = try WASI(configuration: config)
///
/// let store = Store()
/// var imports = Imports()
/// wasi.define(in: &imports)                    // every wasi_snapshot_preview1 function
/// let instance = try store.instantiate(module, imports: imports)
/// let exitCode = try wasi.start(instance)      // runs _start; proc_exit(n) returns n
/// let output = String(decoding: wasi.capturedStdout, as: UTF8.self)
/// ```
///
/// One `WASI` serves one guest instance at a time (it holds that guest's file descriptors),
/// on the thread that runs the store. A guest pointer outside its memory makes the call return
/// EFAULT; it never reaches outside the memory. Host resources (files, directories) close when
/// the `WASI` and the store holding its functions are gone.
///
/// With `.inherit` output, a write to a closed pipe raises SIGPIPE in the host process unless
/// the host ignores that signal (the `swasm` command does; the guest then gets EPIPE).
public final class WASI {
    /// What the guest was given: arguments, environment, stdio, directories.
    public let configuration: WASIConfiguration
    let table = FileDescriptorTable()
    /// argv and environ strings, each with its NUL terminator.
    let argumentStrings: [[UInt8]]
    let environmentStrings: [[UInt8]]
    let stdoutStream: OutputStream
    let stderrStream: OutputStream

    /// Sets up the guest's world: opens the stdio files and preopened directories the
    /// configuration names. Throws `WASIConfigurationError` if one cannot be opened or an
    /// argument or variable contains a NUL byte (or a variable name contains "=").
    public init(configuration: WASIConfiguration) throws {
        self.configuration = configuration
        for a in configuration.arguments where a.utf8.contains(0) {
            throw WASIConfigurationError("argument contains a NUL byte: \(a.debugDescription)")
        }
        var environment: [[UInt8]] = []
        for (name, value) in configuration.environment.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            guard !name.isEmpty, !name.utf8.contains(0), !name.utf8.contains(UInt8(ascii: "=")), !value.utf8.contains(0) else {
                throw WASIConfigurationError("invalid environment variable: \(name.debugDescription)")
            }
            environment.append(Array("\(name)=\(value)".utf8) + [0])
        }
        argumentStrings = configuration.arguments.map { Array($0.utf8) + [0] }
        environmentStrings = environment

        let input: InputStream
        switch configuration.stdin {
        case .inherit: input = InputStream(.host(fd: 0, owned: false))
        case .bytes(let bytes): input = InputStream(.bytes(bytes))
        case .file(let path): input = InputStream(.host(fd: try WASI.openHost(path, O_RDONLY, what: "stdin"), owned: true))
        }
        stdoutStream = try WASI.makeOutput(configuration.stdout, hostFD: 1, what: "stdout", limit: configuration.maxCapturedBytes)
        stderrStream = try WASI.makeOutput(configuration.stderr, hostFD: 2, what: "stderr", limit: configuration.maxCapturedBytes)
        try table.insert(Descriptor(.input(input), rightsBase: WASIABI.rightsInputStream))
        try table.insert(Descriptor(.output(stdoutStream), rightsBase: WASIABI.rightsOutputStream))
        try table.insert(Descriptor(.output(stderrStream), rightsBase: WASIABI.rightsOutputStream))

        for dir in configuration.preopenedDirectories {
            let fd = try WASI.openHost(dir.hostPath, O_RDONLY | O_DIRECTORY, what: "directory")
            let directory = HostDirectory(fd: fd, preopenName: dir.guestPath)
            try table.insert(Descriptor(.directory(directory), rightsBase: WASIABI.rightsDirectory,
                                        rightsInheriting: WASIABI.rightsAll))
        }
    }

    private static func makeOutput(_ output: WASIConfiguration.Output, hostFD: Int32, what: String, limit: Int?) throws -> OutputStream {
        switch output {
        case .inherit: return OutputStream(.host(fd: hostFD, owned: false))
        case .capture: return OutputStream(.capture, captureLimit: limit)
        case .discard: return OutputStream(.discard)
        case .file(let path):
            return OutputStream(.host(fd: try openHost(path, O_WRONLY | O_CREAT | O_TRUNC, what: what), owned: true))
        }
    }

    private static func openHost(_ path: String, _ flags: Int32, what: String) throws -> Int32 {
        let fd = open(path, flags | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw WASIConfigurationError("cannot open \(what) \(path): \(reason)")
        }
        return fd
    }

    // MARK: Running

    /// Runs a command module's `_start` and returns the guest's exit code: 0 when `_start`
    /// returns, `n` when the guest calls `proc_exit(n)` (as the bit pattern of the u32). A trap
    /// is thrown as `Trap`; a module without a `_start` function throws `UsageError`.
    @discardableResult
    public func start(_ instance: Instance) throws -> Int32 {
        guard case .function(let start)? = instance.export("_start") else {
            throw UsageError("the module exports no _start function (not a WASI command)")
        }
        do {
            try start.call([])
            return 0
        } catch {
            if let code = WASI.exitCode(of: error) { return code }
            throw error
        }
    }

    /// Prepares a reactor module (one that exports `_initialize` instead of `_start`) by calling
    /// `_initialize` if it exports one. Its exports can be called afterwards; a call that ends
    /// in `proc_exit` throws a trap whose exit code `WASI.exitCode(of:)` recovers.
    public func initialize(_ instance: Instance) throws {
        guard case .function(let initialize)? = instance.export("_initialize") else { return }
        try initialize.call([])
    }

    /// The exit code of a guest that called `proc_exit`, from the error a call into it threw;
    /// nil for any other error.
    public static func exitCode(of error: Error) -> Int32? {
        if let exit = error as? WASIExit { return Int32(bitPattern: exit.code) }
        if let trap = error as? Trap, let exit = trap.underlyingError as? WASIExit { return Int32(bitPattern: exit.code) }
        return nil
    }

    // MARK: Captured output

    /// Everything the guest wrote to stdout so far, when `configuration.stdout` is `.capture`
    /// (empty otherwise). Valid at any time, also right after `start` returns or throws.
    public var capturedStdout: [UInt8] { stdoutStream.captured }
    /// Everything the guest wrote to stderr so far, when `configuration.stderr` is `.capture`.
    public var capturedStderr: [UInt8] { stderrStream.captured }
    /// `capturedStdout` decoded as UTF-8 (invalid sequences become U+FFFD).
    public var capturedStdoutText: String { String(decoding: stdoutStream.captured, as: UTF8.self) }
    /// `capturedStderr` decoded as UTF-8 (invalid sequences become U+FFFD).
    public var capturedStderrText: String { String(decoding: stderrStream.captured, as: UTF8.self) }

    // MARK: Modules

    /// Whether `module` imports anything from `wasi_snapshot_preview1`.
    public static func isImported(by module: Module) -> Bool {
        module.imports.contains { $0.module == WASIABI.moduleName }
    }
}

/// Thrown by `proc_exit` to end the guest's run; `WASI.start` turns it into its result.
public struct WASIExit: Error, Hashable, Sendable, CustomStringConvertible {
    /// The exit code the guest passed to `proc_exit`.
    public let code: UInt32
    /// An exit with `code`.
    public init(code: UInt32) { self.code = code }
    /// The exit code, in words.
    public var description: String { "guest exited with code \(code)" }
}
