import Dispatch
import Foundation
import Swasm
import SwasmWASI

/// Per-request limits of a guest run.
public struct RunLimits: Sendable {
    /// Instruction budget (nil: unlimited).
    public var fuel: UInt64?
    /// Wall-clock budget (nil: unlimited).
    public var timeout: Duration?
    /// Largest linear memory, in 64 KiB pages (the default, 64 MiB, leaves room above the
    /// 257 initial pages that zig and clang give WASI programs).
    public var maxMemoryPages: Int
    /// Largest request body (the guest's stdin), in bytes.
    public var maxInputBytes: Int

    public init(fuel: UInt64? = 500_000_000, timeout: Duration? = .seconds(2), maxMemoryPages: Int = 1024,
                maxInputBytes: Int = 1 << 20) {
        self.fuel = fuel
        self.timeout = timeout
        self.maxMemoryPages = maxMemoryPages
        self.maxInputBytes = maxInputBytes
    }
}

/// Why a run gave no answer; `status` is the HTTP status the server sends.
public enum RunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No module of that name was loaded (404).
    case unknownModule(String)
    /// The request body is larger than the limit (413).
    case inputTooLarge(limit: Int)
    /// The guest exited with a non-zero code: it refused the input (422).
    case guestFailed(exitCode: Int32, stderr: String)
    /// The guest trapped (500), ran out of fuel or time (503): the trap's message.
    case trapped(Trap.Kind, message: String)
    /// The module cannot run here (500): missing imports, instantiation failure.
    case cannotRun(String)

    public var status: Int {
        switch self {
        case .unknownModule: return 404
        case .inputTooLarge: return 413
        case .guestFailed: return 422
        case .trapped(let kind, _): return kind == .fuelExhausted || kind == .interrupted ? 503 : 500
        case .cannotRun: return 500
        }
    }

    public var description: String {
        switch self {
        case .unknownModule(let name): return "unknown module \"\(name)\""
        case .inputTooLarge(let limit): return "request body larger than \(limit) bytes"
        case .guestFailed(let code, let stderr): return "guest exited with code \(code)" + (stderr.isEmpty ? "" : ": \(stderr)")
        case .trapped(_, let message): return message
        case .cannotRun(let message): return message
        }
    }
}

/// The WASI modules of a folder, compiled once at start; each run gets its own store.
/// Sendable: modules are immutable, and everything a run mutates is created by that run.
public final class ModuleRunner: Sendable {
    /// Module name (file name without `.wasm`) → compiled module.
    public let modules: [String: Module]
    public let limits: RunLimits

    /// Loads every `*.wasm` of `directory`, with checkpoints so that fuel and timeouts work.
    public init(directory: URL, limits: RunLimits = RunLimits()) throws {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        var modules: [String: Module] = [:]
        for file in files where file.pathExtension == "wasm" {
            let bytes = [UInt8](try Data(contentsOf: file))
            modules[file.deletingPathExtension().lastPathComponent] =
                try Module(bytes: bytes, options: CompilationOptions(checkpoints: true))
        }
        self.modules = modules
        self.limits = limits
    }

    /// Runs module `name` as a WASI command with `input` on stdin; returns its stdout.
    public func run(_ name: String, input: [UInt8]) throws(RunError) -> [UInt8] {
        guard let module = modules[name] else { throw .unknownModule(name) }
        guard input.count <= limits.maxInputBytes else { throw .inputTooLarge(limit: limits.maxInputBytes) }
        var configuration = Configuration()
        configuration.maxMemoryPages = limits.maxMemoryPages
        configuration.valueStackSlots = 1 << 16  // 512 KiB per store instead of 32 MiB
        configuration.maxCallDepth = 10_000
        var wasiConfiguration = WASIConfiguration(arguments: [name])
        wasiConfiguration.stdin = .bytes(input)
        wasiConfiguration.stdout = .capture
        wasiConfiguration.stderr = .capture
        let store = Store(configuration: configuration)
        store.fuel = limits.fuel
        // The watchdog interrupts the guest when its time is up (the handle is Sendable).
        let watchdog = limits.timeout.map { timeout in
            let handle = store.interruptHandle
            let item = DispatchWorkItem { handle.interrupt() }
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds), execute: item)
            return item
        }
        defer { watchdog?.cancel() }
        do {
            let wasi = try WASI(configuration: wasiConfiguration)
            let instance = try store.instantiate(module, imports: wasi.imports)
            let exitCode = try wasi.start(instance)
            guard exitCode == 0 else {
                throw RunError.guestFailed(exitCode: exitCode, stderr: wasi.capturedStderrText)
            }
            return wasi.capturedStdout
        } catch let error as RunError {
            throw error
        } catch let trap as Trap {
            throw .trapped(trap.kind, message: trap.message)
        } catch {
            throw .cannotRun("\(error)")
        }
    }
}
