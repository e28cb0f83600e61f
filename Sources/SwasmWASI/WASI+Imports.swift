import Swasm

/// The arguments of one WASI call (their types were checked against the signature already).
struct Arguments {
    let values: [Value]

    /// Argument `i`, an i32, as unsigned.
    subscript(i: Int) -> UInt32 {
        if case .i32(let v) = values[i] { return v }
        return 0
    }

    /// Argument `i`, an i64, as unsigned.
    func u64(_ i: Int) -> UInt64 {
        if case .i64(let v) = values[i] { return v }
        return 0
    }
}

/// One `wasi_snapshot_preview1` function: its name, parameter types and implementation. All
/// return an errno (i32) except `proc_exit`, which returns nothing.
struct WASIFunction: Sendable {
    typealias Body = @Sendable (WASI, GuestMemory, Arguments) throws -> Void
    let name: String
    let parameters: [ValueType]
    let body: Body

    init(_ name: String, _ parameters: [ValueType], _ body: @escaping Body) {
        self.name = name
        self.parameters = parameters
        self.body = body
    }
}

extension WASI {
    /// Defines every `wasi_snapshot_preview1` function of this WASI in `imports`, so that any
    /// preview1 module (for example every program built with wasi-libc) links. The functions
    /// are made when an instantiation asks for them (`Imports.define(module:resolver:)`): a
    /// program pays only for the ones it imports. Names defined explicitly in `imports` take
    /// precedence, so a host can replace single WASI functions.
    public func define(in imports: inout Imports) {
        imports.define(module: WASIABI.moduleName) { name in self.definition(named: name) }
    }

    /// The host function for the preview1 function `name`, if there is one.
    func definition(named name: String) -> Imports.Definition? {
        if name == "proc_exit" {
            return .host(HostFunction(type: FunctionType(parameters: [.i32], results: [])) { _, args in
                throw WASIExit(code: Arguments(values: args)[0])
            })
        }
        guard let function = WASI.functionsByName[name] else { return nil }
        return .host(hostFunction(function))
    }

    /// `functions` by name.
    static let functionsByName: [String: WASIFunction] = Dictionary(
        functions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// A new `Imports` with every `wasi_snapshot_preview1` function of this WASI.
    public var imports: Imports {
        var imports = Imports()
        define(in: &imports)
        return imports
    }

    /// The names and signatures of every `wasi_snapshot_preview1` function.
    public static var functionTypes: [(name: String, type: FunctionType)] {
        functions.map { ($0.name, FunctionType(parameters: $0.parameters, results: [.i32])) }
            + [("proc_exit", FunctionType(parameters: [.i32], results: []))]
    }

    private func hostFunction(_ function: WASIFunction) -> HostFunction {
        HostFunction(type: FunctionType(parameters: function.parameters, results: [.i32])) { caller, values in
            let errno: WASIErrno
            do {
                try self.withGuestMemory(caller) { memory in
                    try function.body(self, memory, Arguments(values: values))
                }
                errno = .success
            } catch let e as WASIErrno {
                errno = e
            } catch is MemoryAccessError {
                errno = .fault
            }
            return [.i32(UInt32(errno.rawValue))]
        }
    }

    private func withGuestMemory(_ caller: Caller, _ body: (GuestMemory) throws -> Void) throws {
        guard let memory = caller.memory else { return try body(.none) }
        try memory.withUnsafeMutableBytes(at: 0, count: memory.byteCount) { buffer in
            try body(GuestMemory(buffer: buffer))
        }
    }

    /// Every function but `proc_exit`, with the exact preview1 signatures.
    static let functions: [WASIFunction] = [
        // Arguments and environment (WASI+Args.swift)
        WASIFunction("args_get", [.i32, .i32]) { w, m, a in try w.argsGet(m, a[0], a[1]) },
        WASIFunction("args_sizes_get", [.i32, .i32]) { w, m, a in try w.argsSizesGet(m, a[0], a[1]) },
        WASIFunction("environ_get", [.i32, .i32]) { w, m, a in try w.environGet(m, a[0], a[1]) },
        WASIFunction("environ_sizes_get", [.i32, .i32]) { w, m, a in try w.environSizesGet(m, a[0], a[1]) },
        // Clocks, randomness, scheduling (WASI+Clock.swift)
        WASIFunction("clock_res_get", [.i32, .i32]) { w, m, a in try w.clockResGet(m, a[0], a[1]) },
        WASIFunction("clock_time_get", [.i32, .i64, .i32]) { w, m, a in try w.clockTimeGet(m, a[0], a.u64(1), a[2]) },
        WASIFunction("random_get", [.i32, .i32]) { w, m, a in try w.randomGet(m, a[0], a[1]) },
        WASIFunction("sched_yield", []) { w, _, _ in try w.schedYield() },
        WASIFunction("poll_oneoff", [.i32, .i32, .i32, .i32]) { w, m, a in try w.pollOneoff(m, a[0], a[1], a[2], a[3]) },
        WASIFunction("proc_raise", [.i32]) { w, _, a in try w.procRaise(a[0]) },
        // File descriptors (WASI+FileDescriptors.swift)
        WASIFunction("fd_advise", [.i32, .i64, .i64, .i32]) { w, _, a in try w.fdAdvise(a[0], a.u64(1), a.u64(2), a[3]) },
        WASIFunction("fd_allocate", [.i32, .i64, .i64]) { w, _, a in try w.fdAllocate(a[0], a.u64(1), a.u64(2)) },
        WASIFunction("fd_close", [.i32]) { w, _, a in try w.fdClose(a[0]) },
        WASIFunction("fd_datasync", [.i32]) { w, _, a in try w.fdSync(a[0], dataOnly: true) },
        WASIFunction("fd_fdstat_get", [.i32, .i32]) { w, m, a in try w.fdFdstatGet(m, a[0], a[1]) },
        WASIFunction("fd_fdstat_set_flags", [.i32, .i32]) { w, _, a in try w.fdFdstatSetFlags(a[0], a[1]) },
        WASIFunction("fd_fdstat_set_rights", [.i32, .i64, .i64]) { w, _, a in try w.fdFdstatSetRights(a[0], a.u64(1), a.u64(2)) },
        WASIFunction("fd_filestat_get", [.i32, .i32]) { w, m, a in try w.fdFilestatGet(m, a[0], a[1]) },
        WASIFunction("fd_filestat_set_size", [.i32, .i64]) { w, _, a in try w.fdFilestatSetSize(a[0], a.u64(1)) },
        WASIFunction("fd_filestat_set_times", [.i32, .i64, .i64, .i32]) { w, _, a in
            try w.fdFilestatSetTimes(a[0], a.u64(1), a.u64(2), a[3])
        },
        WASIFunction("fd_pread", [.i32, .i32, .i32, .i64, .i32]) { w, m, a in try w.fdPread(m, a[0], a[1], a[2], a.u64(3), a[4]) },
        WASIFunction("fd_prestat_get", [.i32, .i32]) { w, m, a in try w.fdPrestatGet(m, a[0], a[1]) },
        WASIFunction("fd_prestat_dir_name", [.i32, .i32, .i32]) { w, m, a in try w.fdPrestatDirName(m, a[0], a[1], a[2]) },
        WASIFunction("fd_pwrite", [.i32, .i32, .i32, .i64, .i32]) { w, m, a in try w.fdPwrite(m, a[0], a[1], a[2], a.u64(3), a[4]) },
        WASIFunction("fd_read", [.i32, .i32, .i32, .i32]) { w, m, a in try w.fdRead(m, a[0], a[1], a[2], a[3]) },
        WASIFunction("fd_readdir", [.i32, .i32, .i32, .i64, .i32]) { w, m, a in try w.fdReaddir(m, a[0], a[1], a[2], a.u64(3), a[4]) },
        WASIFunction("fd_renumber", [.i32, .i32]) { w, _, a in try w.fdRenumber(a[0], a[1]) },
        WASIFunction("fd_seek", [.i32, .i64, .i32, .i32]) { w, m, a in try w.fdSeek(m, a[0], a.u64(1), a[2], a[3]) },
        WASIFunction("fd_sync", [.i32]) { w, _, a in try w.fdSync(a[0], dataOnly: false) },
        WASIFunction("fd_tell", [.i32, .i32]) { w, m, a in try w.fdTell(m, a[0], a[1]) },
        WASIFunction("fd_write", [.i32, .i32, .i32, .i32]) { w, m, a in try w.fdWrite(m, a[0], a[1], a[2], a[3]) },
        // Paths (WASI+Paths.swift)
        WASIFunction("path_create_directory", [.i32, .i32, .i32]) { w, m, a in try w.pathCreateDirectory(m, a[0], a[1], a[2]) },
        WASIFunction("path_filestat_get", [.i32, .i32, .i32, .i32, .i32]) { w, m, a in
            try w.pathFilestatGet(m, a[0], a[1], a[2], a[3], a[4])
        },
        WASIFunction("path_filestat_set_times", [.i32, .i32, .i32, .i32, .i64, .i64, .i32]) { w, m, a in
            try w.pathFilestatSetTimes(m, a[0], a[1], a[2], a[3], a.u64(4), a.u64(5), a[6])
        },
        WASIFunction("path_link", [.i32, .i32, .i32, .i32, .i32, .i32, .i32]) { w, m, a in
            try w.pathLink(m, a[0], a[1], a[2], a[3], a[4], a[5], a[6])
        },
        WASIFunction("path_open", [.i32, .i32, .i32, .i32, .i32, .i64, .i64, .i32, .i32]) { w, m, a in
            try w.pathOpen(m, a[0], a[1], a[2], a[3], a[4], a.u64(5), a.u64(6), a[7], a[8])
        },
        WASIFunction("path_readlink", [.i32, .i32, .i32, .i32, .i32, .i32]) { w, m, a in
            try w.pathReadlink(m, a[0], a[1], a[2], a[3], a[4], a[5])
        },
        WASIFunction("path_remove_directory", [.i32, .i32, .i32]) { w, m, a in try w.pathRemoveDirectory(m, a[0], a[1], a[2]) },
        WASIFunction("path_rename", [.i32, .i32, .i32, .i32, .i32, .i32]) { w, m, a in
            try w.pathRename(m, a[0], a[1], a[2], a[3], a[4], a[5])
        },
        WASIFunction("path_symlink", [.i32, .i32, .i32, .i32, .i32]) { w, m, a in try w.pathSymlink(m, a[0], a[1], a[2], a[3], a[4]) },
        WASIFunction("path_unlink_file", [.i32, .i32, .i32]) { w, m, a in try w.pathUnlinkFile(m, a[0], a[1], a[2]) },
        // Sockets (WASI+Unsupported.swift)
        WASIFunction("sock_accept", [.i32, .i32, .i32]) { w, _, a in try w.sockAccept(a[0], a[1]) },
        WASIFunction("sock_recv", [.i32, .i32, .i32, .i32, .i32, .i32]) { w, _, a in try w.sockOperation(a[0]) },
        WASIFunction("sock_send", [.i32, .i32, .i32, .i32, .i32]) { w, _, a in try w.sockOperation(a[0]) },
        WASIFunction("sock_shutdown", [.i32, .i32]) { w, _, a in try w.sockOperation(a[0]) },
    ]
}
