/// What a WASI guest sees of the world: its arguments, its environment, its three standard
/// streams and the host directories it may open files in.
///
/// Sandboxed by default: no environment variables, no directories, stdin empty, stdout and
/// stderr discarded. Everything the guest gets is given here explicitly.
///
/// ```swift
/// var config = WASIConfiguration(arguments: ["prog", "a"], environment: ["K": "V"])
/// config.stdin = .bytes(Array("input".utf8))
/// config.stdout = .capture
/// config.stderr = .inherit
/// config.preopenedDirectories = [.init(hostPath: "/tmp/data", guestPath: "/data")]
/// ```
public struct WASIConfiguration: Sendable {
    /// Where a guest's standard input comes from.
    public enum Input: Sendable, Equatable {
        /// The host process's own standard input (file descriptor 0), read only when the guest
        /// reads, never ahead.
        case inherit
        /// These bytes, then end of file.
        case bytes([UInt8])
        /// The contents of the file at this host path (opened when the `WASI` is created).
        case file(String)

        /// No input: the first read returns end of file.
        public static let empty = Input.bytes([])
    }

    /// Where a guest's standard output or standard error goes.
    public enum Output: Sendable, Equatable {
        /// The host process's own stream (file descriptor 1 or 2), written straight through,
        /// with no buffering in between.
        case inherit
        /// Kept in memory; read it with `WASI.capturedStdout` / `capturedStderr` at any time,
        /// for example right after `start` returns.
        case capture
        /// Written to the file at this host path, created or truncated when the `WASI` is created.
        case file(String)
        /// Accepted and dropped.
        case discard
    }

    /// A host directory the guest may open files under, and the name it sees it by.
    public struct PreopenedDirectory: Sendable, Equatable {
        /// The directory on the host.
        public var hostPath: String
        /// The name the guest sees (wasi-libc resolves its absolute and relative paths against
        /// these names; "." makes the directory the guest's working directory).
        public var guestPath: String

        /// Grants the host directory `hostPath`, seen by the guest as `guestPath`.
        public init(hostPath: String, guestPath: String) {
            self.hostPath = hostPath
            self.guestPath = guestPath
        }
    }

    /// The guest's command line, `argv`. By convention `arguments[0]` is the program name.
    public var arguments: [String]
    /// The guest's environment. Nothing of the host's environment is passed unless put here;
    /// the guest sees the variables sorted by name.
    public var environment: [String: String]
    /// What the guest reads on stdin (default: nothing).
    public var stdin: Input = .empty
    /// Where the guest's stdout goes (default: discarded).
    public var stdout: Output = .discard
    /// Where the guest's stderr goes (default: discarded).
    public var stderr: Output = .discard
    /// Host directories the guest may use, in order: the first becomes file descriptor 3.
    /// Without any, the guest can open no files at all.
    public var preopenedDirectories: [PreopenedDirectory] = []
    /// The most bytes `.capture` keeps per stream; a write past it fails with `WASIErrno.nospc`.
    /// nil: no limit.
    public var maxCapturedBytes: Int? = nil

    /// A configuration with `arguments` (argv) and `environment`, and nothing else granted.
    public init(arguments: [String] = [], environment: [String: String] = [:]) {
        self.arguments = arguments
        self.environment = environment
    }
}

/// A `WASIConfiguration` the host could not set up (an unreadable file, a bad directory, a NUL
/// byte in an argument, ...).
public struct WASIConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the configuration.
    public let message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
