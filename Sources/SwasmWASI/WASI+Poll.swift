#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// poll_oneoff: waits until at least one subscription's event has happened, then reports every
// event that has.

extension WASI {
    private struct Subscription {
        enum Kind {
            /// Fires at this time of the monotonic clock.
            case clock(deadline: UInt64)
            case fd(hostFD: Int32, read: Bool)
        }
        var userdata: UInt64
        var type: UInt8
        var kind: Kind
    }

    private struct Event {
        var userdata: UInt64
        var error: WASIErrno = .success
        var type: UInt8
        var nbytes: UInt64 = 0
        var flags: UInt16 = 0
    }

    func pollOneoff(_ memory: GuestMemory, _ inPtr: UInt32, _ outPtr: UInt32, _ count: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        guard count > 0 else { throw .inval }
        try memory.check(inPtr, Int(count) * WASIABI.subscriptionSize)
        try memory.check(outPtr, Int(count) * WASIABI.eventSize)
        try memory.check(resultPtr, 4)

        let start = try WASI.now(WASIABI.clockMonotonic)
        var events: [Event] = []          // ready without waiting
        var waiting: [Subscription] = []  // clocks and host descriptors
        for i in 0 ..< Int(count) {
            let p = inPtr &+ UInt32(i * WASIABI.subscriptionSize)
            let userdata = try memory.load(UInt64.self, at: p)
            let type = try memory.load(UInt8.self, at: p &+ 8)
            switch type {
            case WASIABI.eventtypeClock:
                let id = try memory.load(UInt32.self, at: p &+ 16)
                let timeout = try memory.load(UInt64.self, at: p &+ 24)
                let flags = try memory.load(UInt16.self, at: p &+ 40)
                do {
                    let delay: UInt64
                    if flags & WASIABI.subclockflagAbstime != 0 {
                        let now = try WASI.now(id)
                        delay = timeout > now ? timeout - now : 0
                    } else {
                        _ = try WASI.hostClock(id)
                        delay = timeout
                    }
                    let (deadline, overflow) = start.addingReportingOverflow(delay)
                    waiting.append(Subscription(userdata: userdata, type: type, kind: .clock(deadline: overflow ? .max : deadline)))
                } catch {
                    events.append(Event(userdata: userdata, error: error, type: type))
                }
            case WASIABI.eventtypeFdRead, WASIABI.eventtypeFdWrite:
                let fd = try memory.load(UInt32.self, at: p &+ 16)
                let read = type == WASIABI.eventtypeFdRead
                switch fdReadiness(fd, read: read) {
                case .ready(let event): events.append(Event(userdata: userdata, error: event.error, type: type,
                                                            nbytes: event.nbytes, flags: event.flags))
                case .host(let hostFD): waiting.append(Subscription(userdata: userdata, type: type, kind: .fd(hostFD: hostFD, read: read)))
                }
            default:
                throw .inval
            }
        }

        events += WASI.wait(for: waiting, untilAnyReady: events.isEmpty)
        for (i, event) in events.enumerated() {
            let p = outPtr &+ UInt32(i * WASIABI.eventSize)
            try memory.zero(p, WASIABI.eventSize)
            try memory.store(event.userdata, at: p)
            try memory.store(event.error.rawValue, at: p &+ 8)
            try memory.store(event.type, at: p &+ 10)
            try memory.store(event.nbytes, at: p &+ 16)
            try memory.store(event.flags, at: p &+ 24)
        }
        try memory.store(UInt32(events.count), at: resultPtr)
    }

    private enum Readiness {
        case ready((error: WASIErrno, nbytes: UInt64, flags: UInt16))
        case host(Int32)
    }

    /// Whether `fd` is ready now (in-memory streams and regular files always are), or which host
    /// descriptor to wait for.
    private func fdReadiness(_ fd: UInt32, read: Bool) -> Readiness {
        guard let d = try? table.get(fd) else { return .ready((.badf, 0, 0)) }
        guard d.rightsBase & WASIABI.rightPollFdReadwrite != 0 else { return .ready((.notcapable, 0, 0)) }
        switch d.kind {
        case .input(let stream):
            guard read else { return .ready((.badf, 0, 0)) }
            if let left = stream.bufferedCount {
                return .ready((.success, UInt64(left), left == 0 ? WASIABI.eventrwflagHangup : 0))
            }
            return .host(stream.hostDescriptor ?? 0)
        case .output(let stream):
            guard !read else { return .ready((.badf, 0, 0)) }
            return stream.hostDescriptor.map { .host($0) } ?? .ready((.success, 0, 0))
        case .file(let file):
            guard read else { return .ready((.success, 0, 0)) }
            let size = (try? HostIO.fileStat(file.fd).size) ?? 0
            let position = UInt64(max(0, lseek(file.fd, 0, SEEK_CUR)))
            return .ready((.success, size > position ? size - position : 0, 0))
        case .directory:
            return .ready((.badf, 0, 0))
        }
    }

    /// Waits (if `untilAnyReady`) until a clock subscription's deadline passes or a descriptor is
    /// ready, then returns the events of every subscription that is ready.
    private static func wait(for subscriptions: [Subscription], untilAnyReady: Bool) -> [Event] {
        var descriptors: [pollfd] = []
        var descriptorIndex: [Int] = []
        var earliest = UInt64.max
        for (i, s) in subscriptions.enumerated() {
            switch s.kind {
            case .clock(let deadline): earliest = min(earliest, deadline)
            case .fd(let fd, let read):
                descriptors.append(pollfd(fd: fd, events: Int16(read ? POLLIN : POLLOUT), revents: 0))
                descriptorIndex.append(i)
            }
        }
        while true {
            let now = (try? WASI.now(WASIABI.clockMonotonic)) ?? 0
            let remaining = earliest > now ? earliest - now : 0
            var polled = 0
            if !descriptors.isEmpty {
                var timeout: Int32 = -1
                if !untilAnyReady || remaining == 0 {
                    timeout = 0
                } else if earliest != .max {
                    timeout = Int32(min(UInt64(Int32.max), remaining / 1_000_000 + 1))
                }
                for j in descriptors.indices { descriptors[j].revents = 0 }
                polled = Int(poll(&descriptors, nfds_t(descriptors.count), timeout))
                if polled < 0 && errno != EINTR { polled = 0 }
            } else if untilAnyReady && remaining > 0 {
                sleep(until: earliest)
            }
            let current = (try? WASI.now(WASIABI.clockMonotonic)) ?? 0
            var events: [Event] = []
            var ready = Set<Int>()
            if polled > 0 {
                for (j, p) in descriptors.enumerated() where p.revents != 0 {
                    ready.insert(descriptorIndex[j])
                }
            }
            for (i, s) in subscriptions.enumerated() {
                switch s.kind {
                case .clock(let deadline):
                    if deadline <= current { events.append(Event(userdata: s.userdata, type: s.type)) }
                case .fd:
                    guard ready.contains(i), let j = descriptorIndex.firstIndex(of: i) else { continue }
                    let revents = Int32(descriptors[j].revents)
                    var event = Event(userdata: s.userdata, type: s.type)
                    if revents & Int32(POLLNVAL) != 0 { event.error = .badf }
                    if revents & Int32(POLLHUP) != 0 { event.flags = WASIABI.eventrwflagHangup }
                    if revents & Int32(POLLERR) != 0 && revents & Int32(POLLIN | POLLOUT) == 0 { event.error = .io }
                    events.append(event)
                }
            }
            if !events.isEmpty || !untilAnyReady { return events }
        }
    }

    /// Sleeps until the monotonic clock reads `deadline` (nanoseconds).
    private static func sleep(until deadline: UInt64) {
        var ts = timespec(tv_sec: time_t(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while true {
            let r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil)
            if r != EINTR { return }
        }
    }
}
