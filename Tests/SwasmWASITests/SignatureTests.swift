import Swasm
import SwasmWASI
import XCTest

/// Every wasi_snapshot_preview1 function is there, with its exact signature.
final class SignatureTests: XCTestCase {
    /// The preview1 ABI, written out independently of the implementation.
    static let expected: [String: ([ValueType], [ValueType])] = [
        "args_get": ([.i32, .i32], [.i32]),
        "args_sizes_get": ([.i32, .i32], [.i32]),
        "environ_get": ([.i32, .i32], [.i32]),
        "environ_sizes_get": ([.i32, .i32], [.i32]),
        "clock_res_get": ([.i32, .i32], [.i32]),
        "clock_time_get": ([.i32, .i64, .i32], [.i32]),
        "fd_advise": ([.i32, .i64, .i64, .i32], [.i32]),
        "fd_allocate": ([.i32, .i64, .i64], [.i32]),
        "fd_close": ([.i32], [.i32]),
        "fd_datasync": ([.i32], [.i32]),
        "fd_fdstat_get": ([.i32, .i32], [.i32]),
        "fd_fdstat_set_flags": ([.i32, .i32], [.i32]),
        "fd_fdstat_set_rights": ([.i32, .i64, .i64], [.i32]),
        "fd_filestat_get": ([.i32, .i32], [.i32]),
        "fd_filestat_set_size": ([.i32, .i64], [.i32]),
        "fd_filestat_set_times": ([.i32, .i64, .i64, .i32], [.i32]),
        "fd_pread": ([.i32, .i32, .i32, .i64, .i32], [.i32]),
        "fd_prestat_get": ([.i32, .i32], [.i32]),
        "fd_prestat_dir_name": ([.i32, .i32, .i32], [.i32]),
        "fd_pwrite": ([.i32, .i32, .i32, .i64, .i32], [.i32]),
        "fd_read": ([.i32, .i32, .i32, .i32], [.i32]),
        "fd_readdir": ([.i32, .i32, .i32, .i64, .i32], [.i32]),
        "fd_renumber": ([.i32, .i32], [.i32]),
        "fd_seek": ([.i32, .i64, .i32, .i32], [.i32]),
        "fd_sync": ([.i32], [.i32]),
        "fd_tell": ([.i32, .i32], [.i32]),
        "fd_write": ([.i32, .i32, .i32, .i32], [.i32]),
        "path_create_directory": ([.i32, .i32, .i32], [.i32]),
        "path_filestat_get": ([.i32, .i32, .i32, .i32, .i32], [.i32]),
        "path_filestat_set_times": ([.i32, .i32, .i32, .i32, .i64, .i64, .i32], [.i32]),
        "path_link": ([.i32, .i32, .i32, .i32, .i32, .i32, .i32], [.i32]),
        "path_open": ([.i32, .i32, .i32, .i32, .i32, .i64, .i64, .i32, .i32], [.i32]),
        "path_readlink": ([.i32, .i32, .i32, .i32, .i32, .i32], [.i32]),
        "path_remove_directory": ([.i32, .i32, .i32], [.i32]),
        "path_rename": ([.i32, .i32, .i32, .i32, .i32, .i32], [.i32]),
        "path_symlink": ([.i32, .i32, .i32, .i32, .i32], [.i32]),
        "path_unlink_file": ([.i32, .i32, .i32], [.i32]),
        "poll_oneoff": ([.i32, .i32, .i32, .i32], [.i32]),
        "proc_exit": ([.i32], []),
        "proc_raise": ([.i32], [.i32]),
        "sched_yield": ([], [.i32]),
        "random_get": ([.i32, .i32], [.i32]),
        "sock_accept": ([.i32, .i32, .i32], [.i32]),
        "sock_recv": ([.i32, .i32, .i32, .i32, .i32, .i32], [.i32]),
        "sock_send": ([.i32, .i32, .i32, .i32, .i32], [.i32]),
        "sock_shutdown": ([.i32, .i32], [.i32]),
    ]

    func testEveryFunctionHasThePreview1Signature() throws {
        let defined = WASI.functionTypes
        XCTAssertEqual(defined.count, 46)
        XCTAssertEqual(Set(defined.map(\.name)), Set(Self.expected.keys))
        for (name, type) in defined {
            let (params, results) = try XCTUnwrap(Self.expected[name])
            XCTAssertEqual(type, FunctionType(parameters: params, results: results), name)
        }
    }

    /// A module importing all 46 functions links, and `Imports` has each under
    /// wasi_snapshot_preview1 with that type.
    func testAModuleImportingEverythingLinks() throws {
        let wasi = try WASI(configuration: WASIConfiguration())
        var builder = ModuleBuilder()
        for (name, (params, results)) in Self.expected.sorted(by: { $0.key < $1.key }) {
            builder.imports.append(("wasi_snapshot_preview1", name, FunctionType(parameters: params, results: results)))
        }
        builder.function(FunctionType(), export: "_start", [])
        let store = Store()
        let instance = try store.instantiate(try Module(bytes: builder.bytes()), imports: wasi.imports)
        XCTAssertEqual(try wasi.start(instance), 0)
        for name in Self.expected.keys {
            guard case .host(let f)? = wasi.imports.lookup(module: "wasi_snapshot_preview1", name: name) else {
                return XCTFail("\(name) missing")
            }
            XCTAssertEqual(f.type.parameters, Self.expected[name]!.0, name)
        }
    }

    /// WASI's functions are made when an instantiation asks for them, and a name the host
    /// defines itself takes precedence, whether defined before or after WASI's.
    func testFunctionsAreMadeOnDemandAndHostDefinitionsTakePrecedence() throws {
        let wasi = try WASI(configuration: WASIConfiguration())
        // A replacement told apart by its (non-preview1) type.
        let replacementType = FunctionType(parameters: [.i32], results: [.i32])
        let replacement = HostFunction(type: replacementType) { _, _ in [.i32(0)] }
        var before = Imports()
        before.define(module: "wasi_snapshot_preview1", name: "fd_write", replacement)
        wasi.define(in: &before)
        var after = wasi.imports
        after.define(module: "wasi_snapshot_preview1", name: "fd_write", replacement)
        for imports in [before, after] {
            guard case .host(let fdWrite)? = imports.lookup(module: "wasi_snapshot_preview1", name: "fd_write"),
                  case .host(let fdRead)? = imports.lookup(module: "wasi_snapshot_preview1", name: "fd_read") else {
                return XCTFail("WASI functions missing")
            }
            XCTAssertEqual(fdWrite.type, replacementType)
            XCTAssertEqual(fdRead.type, FunctionType(parameters: [.i32, .i32, .i32, .i32], results: [.i32]))
            XCTAssertNil(imports.lookup(module: "wasi_snapshot_preview1", name: "fd_frobnicate"))
            XCTAssertNil(imports.lookup(module: "env", name: "fd_read"))
        }
    }

    /// Importing a WASI name with a wrong type, or a name WASI does not have, fails to link
    /// with the runtime's message.
    func testWrongSignatureOrUnknownNameFailsToLink() throws {
        let wasi = try WASI(configuration: WASIConfiguration())
        var builder = ModuleBuilder()
        builder.imports.append(("wasi_snapshot_preview1", "fd_write", FunctionType(parameters: [.i32], results: [.i32])))
        XCTAssertThrowsError(try Store().instantiate(try Module(bytes: builder.bytes()), imports: wasi.imports)) {
            XCTAssertTrue($0 is LinkError, "\($0)")
        }
        var unknown = ModuleBuilder()
        unknown.imports.append(("wasi_snapshot_preview1", "fd_frobnicate", FunctionType(parameters: [.i32], results: [.i32])))
        XCTAssertThrowsError(try Store().instantiate(try Module(bytes: unknown.bytes()), imports: wasi.imports)) {
            XCTAssertEqual("\($0)", "unknown import: wasi_snapshot_preview1.fd_frobnicate (func (param i32) (result i32))")
        }
    }
}
