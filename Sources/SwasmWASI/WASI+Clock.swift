#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// clock_res_get, clock_time_get, random_get, sched_yield.

extension WASI {
    /// The host clock behind a WASI clock id; EINVAL for an unknown id.
    static func hostClock(_ id: UInt32) throws(WASIErrno) -> clockid_t {
        switch id {
        case WASIABI.clockRealtime: return CLOCK_REALTIME
        case WASIABI.clockMonotonic: return CLOCK_MONOTONIC
        case WASIABI.clockProcessCPUTime: return CLOCK_PROCESS_CPUTIME_ID
        case WASIABI.clockThreadCPUTime: return CLOCK_THREAD_CPUTIME_ID
        default: throw .inval
        }
    }

    /// The time of WASI clock `id`, in nanoseconds.
    static func now(_ id: UInt32) throws(WASIErrno) -> UInt64 {
        var ts = timespec()
        guard clock_gettime(try hostClock(id), &ts) == 0 else { throw HostIO.lastError }
        return FileStat.nanoseconds(ts)
    }

    func clockResGet(_ memory: GuestMemory, _ id: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let clock = try WASI.hostClock(id)
        try memory.check(resultPtr, 8)
        var ts = timespec()
        guard clock_getres(clock, &ts) == 0 else { throw HostIO.lastError }
        try memory.store(max(1, FileStat.nanoseconds(ts)), at: resultPtr)
    }

    func clockTimeGet(_ memory: GuestMemory, _ id: UInt32, _ precision: UInt64, _ resultPtr: UInt32) throws(WASIErrno) {
        let time = try WASI.now(id)
        try memory.store(time, at: resultPtr)
    }

    /// Fills the buffer with bytes from the host's cryptographically secure generator.
    func randomGet(_ memory: GuestMemory, _ bufferPtr: UInt32, _ length: UInt32) throws(WASIErrno) {
        let buffer = try memory.bytes(bufferPtr, Int(length))
        var generator = SystemRandomNumberGenerator()
        var i = 0
        while i < buffer.count {
            var word = generator.next()
            let n = min(8, buffer.count - i)
            withUnsafeBytes(of: &word) { w in
                buffer.baseAddress!.advanced(by: i).copyMemory(from: w.baseAddress!, byteCount: n)
            }
            i += n
        }
    }

    func schedYield() throws(WASIErrno) {
        _ = sched_yield()
    }

    /// Signals are not delivered to guests.
    func procRaise(_ signal: UInt32) throws(WASIErrno) {
        throw .nosys
    }
}
