import Foundation
import Swasm
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Where inputs that caused something unexpected are kept (git-ignored).
let failureDirectory = ".fuzz-failures"

/// Saves inputs with a note, one file pair per distinct input.
final class FailureStore: @unchecked Sendable {
    private let lock = Mutex<Set<UInt64>>([])
    let saved = Mutex<[String]>([])

    /// Writes `input` and `note`; returns the path of the saved input.
    @discardableResult
    func save(tag: String, input: [UInt8], note: String) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in input { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        let name = "\(failureDirectory)/\(tag)-\(String(h, radix: 16))"
        let fresh = lock.withLock { $0.insert(h).inserted }
        if fresh {
            try? FileManager.default.createDirectory(atPath: failureDirectory, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: name + ".wasm", contents: Data(input))
            _ = FileManager.default.createFile(atPath: name + ".txt", contents: Data((note + "\n").utf8))
            saved.withLock { $0.append(name + ".wasm") }
            FileHandle.standardError.write(Data("swasm-fuzz: \(tag): saved \(name).wasm\n  \(note)\n".utf8))
        }
        return name + ".wasm"
    }
}

/// Watches the case in progress from another thread: past `softSeconds` it saves the input as a
/// hang and interrupts the guest; past `hardSeconds` (stuck where no checkpoint is reached) it
/// saves and exits with status 3.
final class Watchdog: @unchecked Sendable {
    private struct State {
        var label = ""
        var input: [UInt8] = []
        var start: UInt64 = 0
        var running = false
        var handle: InterruptHandle?
        var fired = false
        var hangs = 0
    }

    private let state = Mutex(State())
    let softSeconds: Double
    let hardSeconds: Double
    let failures: FailureStore

    init(softSeconds: Double, hardSeconds: Double, failures: FailureStore) {
        self.softSeconds = softSeconds
        self.hardSeconds = hardSeconds
        self.failures = failures
        let thread = Thread { [unowned self] in self.loop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Marks the start of a case (also remembered by the crash handler).
    func begin(label: String, input: [UInt8]) {
        state.withLock {
            $0.label = label
            $0.input = input
            $0.start = monotonicNanos()
            $0.running = true
            $0.fired = false
            $0.handle = nil
        }
        CrashGuard.remember(label: label, input: input)
    }

    func end() { state.withLock { $0.running = false; $0.handle = nil } }

    func attach(_ store: Store?) { state.withLock { $0.handle = store?.interruptHandle } }

    /// Whether the watchdog interrupted the current case.
    var interruptedCurrentCase: Bool { state.withLock { $0.fired } }

    var hangs: Int { state.withLock { $0.hangs } }

    private func loop() {
        while true {
            usleep(50_000)
            let now = monotonicNanos()
            var save: (String, [UInt8], Double)?
            var hard = false
            state.withLock { s in
                guard s.running else { return }
                let elapsed = now > s.start ? Double(now - s.start) / 1e9 : 0
                if elapsed > softSeconds && !s.fired {
                    s.fired = true
                    s.hangs += 1
                    s.handle?.interrupt()
                    save = (s.label, s.input, elapsed)
                } else if elapsed > hardSeconds {
                    hard = true
                    save = (s.label, s.input, elapsed)
                }
            }
            if let (label, input, elapsed) = save {
                let kind = hard ? "stuck" : "hang"
                failures.save(tag: kind, input: input,
                              note: "\(kind): \(label) still running after \(formatSeconds(elapsed))"
                                  + (hard ? "" : "; interrupted"))
                if hard { exit(3) }
            }
        }
    }
}

// MARK: Crashes

// The crash handler may only use async-signal-safe calls, so the current input and its label
// live in raw buffers, copied at the start of each case.
nonisolated(unsafe) private var crashInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
nonisolated(unsafe) private var crashInputCapacity = 1 << 16
nonisolated(unsafe) private var crashInputCount = 0
nonisolated(unsafe) private var crashLabel = UnsafeMutablePointer<UInt8>.allocate(capacity: 1024)
nonisolated(unsafe) private var crashLabelCount = 0
nonisolated(unsafe) private var crashInputPath = UnsafeMutablePointer<CChar>.allocate(capacity: 256)
nonisolated(unsafe) private var crashNotePath = UnsafeMutablePointer<CChar>.allocate(capacity: 256)
nonisolated(unsafe) private var crashMessage = UnsafeMutablePointer<CChar>.allocate(capacity: 512)
nonisolated(unsafe) private var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

private let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT]

private func crashHandler(_ signal: Int32) {
    let fd = open(crashInputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd >= 0 {
        _ = write(fd, crashInput, crashInputCount)
        close(fd)
    }
    let note = open(crashNotePath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if note >= 0 {
        _ = write(note, crashLabel, crashLabelCount)
        close(note)
    }
    _ = write(2, crashMessage, strlen(crashMessage))
    _ = write(2, crashLabel, crashLabelCount)
    // Back to the previous handler (the Swift runtime's backtracer, or the default action): a
    // fault happens again on return; a raised signal is raised again.
    sigaction(signal, previousActions + Int(signal), nil)
    if signal == SIGABRT || signal == SIGTRAP { raise(signal) }
}

enum CrashGuard {
    /// Installs handlers that save the current input before the process dies.
    static func install() {
        try? FileManager.default.createDirectory(atPath: failureDirectory, withIntermediateDirectories: true)
        let pid = getpid()
        let cwd = FileManager.default.currentDirectoryPath
        copy("\(cwd)/\(failureDirectory)/crash-\(pid).wasm", to: crashInputPath, capacity: 256)
        copy("\(cwd)/\(failureDirectory)/crash-\(pid).txt", to: crashNotePath, capacity: 256)
        copy("\nswasm-fuzz: CRASH: input saved to \(failureDirectory)/crash-\(pid).wasm (note: crash-\(pid).txt); case: ",
             to: crashMessage, capacity: 512)
        // An alternate stack, so that a native stack overflow is reported too.
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 16)
        stack.ss_size = 1 << 16
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        for s in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = crashHandler
            action.sa_flags = Int32(SA_ONSTACK)
            sigemptyset(&action.sa_mask)
            sigaction(s, &action, previousActions + Int(s))
        }
    }

    static func remember(label: String, input: [UInt8]) {
        if input.count > crashInputCapacity {
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: input.count)
            let old = crashInput
            crashInput = p
            crashInputCapacity = input.count
            old.deallocate()
        }
        if !input.isEmpty {
            input.withUnsafeBufferPointer { crashInput.update(from: $0.baseAddress!, count: input.count) }
        }
        crashInputCount = input.count
        let utf8 = Array((label + "\n").utf8.prefix(1023))
        utf8.withUnsafeBufferPointer { crashLabel.update(from: $0.baseAddress!, count: utf8.count) }
        crashLabelCount = utf8.count
    }

    private static func copy(_ s: String, to p: UnsafeMutablePointer<CChar>, capacity: Int) {
        let bytes = Array(s.utf8CString.prefix(capacity - 1))
        for (i, b) in bytes.enumerated() { p[i] = b }
        p[bytes.count] = 0
    }
}
