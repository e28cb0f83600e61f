import Foundation
import Swasm
import SwasmWASI
import XCTest

/// Writes small wasm modules byte by byte.
struct ModuleBuilder {
    struct Body {
        var type: FunctionType
        var locals: [ValueType] = []
        var code: [UInt8]  // without the final `end`
    }

    private(set) var types: [FunctionType] = []
    var imports: [(module: String, name: String, type: FunctionType)] = []
    var functions: [Body] = []
    var memoryPages: UInt32? = 1
    var exports: [(name: String, kind: UInt8, index: UInt32)] = []
    var data: [(offset: UInt32, bytes: [UInt8])] = []

    mutating func typeIndex(_ type: FunctionType) -> UInt32 {
        if let i = types.firstIndex(of: type) { return UInt32(i) }
        types.append(type)
        return UInt32(types.count - 1)
    }

    /// Adds a function and exports it as `name` (if given); returns its index.
    @discardableResult
    mutating func function(_ type: FunctionType, export name: String? = nil, locals: [ValueType] = [], _ code: [UInt8]) -> UInt32 {
        functions.append(Body(type: type, locals: locals, code: code))
        let index = UInt32(imports.count + functions.count - 1)
        if let name { exports.append((name, 0, index)) }
        return index
    }

    mutating func bytes() -> [UInt8] {
        var exports = self.exports
        for i in imports { _ = typeIndex(i.type) }
        for f in functions { _ = typeIndex(f.type) }
        var out: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        out += Self.section(1, Self.vector(types.map { t in
            [0x60] + Self.vector(t.parameters.map { $0.encoded }) + Self.vector(t.results.map { $0.encoded })
        }))
        if !imports.isEmpty {
            out += Self.section(2, Self.vector(imports.map { Self.name($0.module) + Self.name($0.name) + [0x00] + Self.leb(types.firstIndex(of: $0.type)!) }))
        }
        if !functions.isEmpty {
            out += Self.section(3, Self.vector(functions.map { Self.leb(types.firstIndex(of: $0.type)!) }))
        }
        if let pages = memoryPages {
            out += Self.section(5, Self.vector([[0x00] + Self.leb(Int(pages))]))
            exports.append(("memory", 2, 0))
        }
        out += Self.section(7, Self.vector(exports.map { Self.name($0.name) + [$0.kind] + Self.leb(Int($0.index)) }))
        if !functions.isEmpty {
            out += Self.section(10, Self.vector(functions.map { f in
                let body = Self.vector(f.locals.map { [0x01] + $0.encoded }) + f.code + [0x0B]
                return Self.leb(body.count) + body
            }))
        }
        if !data.isEmpty {
            out += Self.section(11, Self.vector(data.map { [0x00, 0x41] + Self.sleb(Int64($0.offset)) + [0x0B] + Self.leb($0.bytes.count) + $0.bytes }))
        }
        return out
    }

    static func leb(_ value: Int) -> [UInt8] {
        var v = UInt64(value)
        var out: [UInt8] = []
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            out.append(b)
        } while v != 0
        return out
    }

    static func sleb(_ value: Int64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while true {
            let b = UInt8(truncatingIfNeeded: v) & 0x7F
            v >>= 7
            if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) { return out + [b] }
            out.append(b | 0x80)
        }
    }

    static func name(_ s: String) -> [UInt8] { leb(s.utf8.count) + Array(s.utf8) }
    static func vector(_ items: [[UInt8]]) -> [UInt8] { leb(items.count) + items.flatMap { $0 } }
    static func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + leb(content.count) + content }

    // Instructions
    static func localGet(_ i: Int) -> [UInt8] { [0x20] + leb(i) }
    static func i32Const(_ v: Int32) -> [UInt8] { [0x41] + sleb(Int64(v)) }
    static func call(_ f: UInt32) -> [UInt8] { [0x10] + leb(Int(f)) }
    static let unreachable: [UInt8] = [0x00]
}

/// A guest that imports WASI functions and exports, under the same names, wasm functions that
/// forward to them (so they run with this guest as caller, and its memory), plus its memory.
final class WASIHarness {
    let wasi: WASI
    let instance: Instance
    let memory: Memory

    static var signatures: [String: FunctionType] {
        Dictionary(uniqueKeysWithValues: WASI.functionTypes.map { ($0.name, $0.type) })
    }

    init(_ configuration: WASIConfiguration = WASIConfiguration(), functions: [String], pages: UInt32 = 1,
         data: [(UInt32, [UInt8])] = []) throws {
        var builder = ModuleBuilder()
        builder.memoryPages = pages
        for name in functions {
            builder.imports.append(("wasi_snapshot_preview1", name, try XCTUnwrap(Self.signatures[name], name)))
        }
        for (i, name) in functions.enumerated() {
            let type = Self.signatures[name]!
            let code = type.parameters.indices.flatMap { ModuleBuilder.localGet($0) } + ModuleBuilder.call(UInt32(i))
            builder.function(type, export: name, code)
        }
        builder.data = data.map { (offset: $0.0, bytes: $0.1) }
        wasi = try WASI(configuration: configuration)
        let store = Store()
        instance = try store.instantiate(try Module(bytes: builder.bytes()), imports: wasi.imports)
        memory = try instance.memory()
    }

    /// Calls the WASI function `name` through the guest; returns its errno.
    @discardableResult
    func call(_ name: String, _ arguments: Value...) throws -> UInt16 {
        let results = try instance.function(name).call(arguments)
        guard case .i32(let errno)? = results.first else { XCTFail("no errno from \(name)"); return 0xFFFF }
        return UInt16(errno)
    }

    func u8(_ at: Int) throws -> UInt8 { try memory.loadUInt8(at: at) }
    func u16(_ at: Int) throws -> UInt16 { try memory.loadUInt16(at: at) }
    func u32(_ at: Int) throws -> UInt32 { try memory.loadUInt32(at: at) }
    func u64(_ at: Int) throws -> UInt64 { try memory.loadUInt64(at: at) }
    func bytes(_ at: Int, _ count: Int) throws -> [UInt8] { try memory.read(at: at, count: count) }
    func write(_ bytes: [UInt8], at: Int) throws { try memory.write(bytes, at: at) }
    func store32(_ value: UInt32, at: Int) throws { try memory.store(value, at: at) }
    func store64(_ value: UInt64, at: Int) throws { try memory.store(value, at: at) }

    /// Writes an iovec array at `at` for the given (pointer, length) pairs.
    func iovecs(_ entries: [(Int, Int)], at: Int) throws {
        for (i, e) in entries.enumerated() {
            try store32(UInt32(e.0), at: at + i * 8)
            try store32(UInt32(e.1), at: at + i * 8 + 4)
        }
    }
}

/// Shorthands for i32/i64 arguments.
func i32(_ v: Int) -> Value { .i32(UInt32(truncatingIfNeeded: v)) }
func i64(_ v: Int64) -> Value { .int64(v) }
func i64u(_ v: UInt64) -> Value { .i64(v) }

/// WASI errno values the tests expect (from the preview1 spec).
enum E {
    static let success: UInt16 = 0
    static let badf: UInt16 = 8
    static let exist: UInt16 = 20
    static let fault: UInt16 = 21
    static let inval: UInt16 = 28
    static let isdir: UInt16 = 31
    static let loop: UInt16 = 32
    static let nametoolong: UInt16 = 37
    static let noent: UInt16 = 44
    static let nospc: UInt16 = 51
    static let nosys: UInt16 = 52
    static let notdir: UInt16 = 54
    static let notempty: UInt16 = 55
    static let notsock: UInt16 = 57
    static let spipe: UInt16 = 70
    static let notcapable: UInt16 = 76
}

/// A committed fixture of the repository (Fixtures/...), located from this file.
func repositoryFixture(_ path: String, filePath: String = #filePath) throws -> [UInt8] {
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
}

/// Runs a WASI command module's `_start` with `configuration`; returns the exit code and the WASI.
func runCommand(_ bytes: [UInt8], _ configuration: WASIConfiguration) throws -> (code: Int32, wasi: WASI) {
    let wasi = try WASI(configuration: configuration)
    let store = Store()
    let instance = try store.instantiate(try Module(bytes: bytes), imports: wasi.imports)
    return (try wasi.start(instance), wasi)
}
