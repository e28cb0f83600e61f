import Foundation
import Swasm
import SwasmWASI

/// The three ways of getting data in and out of a WebAssembly guest, on one small task: given
/// `{"name": "Rust", "num": 3}`, the guest answers `{"names": ["Rust", "Rust", "Rust"]}`.
///
/// The guests are C programs built with wasi-libc (`Fixtures/demos/*.c`).
public enum NamesDemo {
    /// What the host sends.
    public struct Input: Codable, Equatable {
        /// The name to repeat.
        public var name: String
        /// How many times.
        public var num: Int
        /// An input with this name and count.
        public init(name: String, num: Int) {
            self.name = name
            self.num = num
        }
    }

    /// What the guest answers.
    public struct Output: Codable, Equatable {
        /// The name, `num` times.
        public var names: [String]
        /// An output with these names.
        public init(names: [String]) { self.names = names }
    }

    /// The guest refused the input (it exits, or returns, with a non-zero code).
    public struct GuestError: Error, Equatable, CustomStringConvertible {
        /// The guest's exit or return code.
        public let exitCode: Int32
        /// What the guest wrote to stderr, or a description of the failure.
        public let message: String
        /// A refusal with this code and message.
        public init(exitCode: Int32, message: String) {
            self.exitCode = exitCode
            self.message = message
        }
        public var description: String { "guest failed with code \(exitCode): \(message)" }
    }

    // MARK: 1. Stdio, like a Unix program

    /// Runs the stdio guest: the input goes in on stdin, the answer comes back on stdout,
    /// both in memory. Nothing to tear down before reading the captured output.
    public static func runStdio(_ input: Input, module: Module) throws -> Output {
        try runStdio(rawInput: JSONEncoder().encode(input), module: module)
    }

    /// The same with raw input bytes (for malformed input).
    public static func runStdio(rawInput: Data, module: Module) throws -> Output {
        var configuration = WASIConfiguration(arguments: ["stdio_multiplier"])
        configuration.stdin = .bytes([UInt8](rawInput))
        configuration.stdout = .capture
        configuration.stderr = .capture
        let wasi = try WASI(configuration: configuration)
        let store = Store()
        let instance = try store.instantiate(module, imports: wasi.imports)
        let exitCode = try wasi.start(instance)
        guard exitCode == 0 else {
            throw GuestError(exitCode: exitCode, message: wasi.capturedStderrText.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return try JSONDecoder().decode(Output.self, from: Data(wasi.capturedStdout))
    }

    // MARK: 2. Host functions and linear memory

    /// The host side of the memory guest: `host.get_input_size`, `host.get_input(ptr)` and
    /// `host.set_output(ptr, len)`. The guest allocates a buffer and passes its offset; the host
    /// reads and writes the guest's memory there, bounds-checked (a bad offset traps).
    public final class MemoryHost {
        /// The JSON the guest reads.
        public let input: [UInt8]
        /// The JSON the guest wrote, once it has called `set_output`.
        public private(set) var output: [UInt8]?

        /// A host serving `input` to the guest.
        public init(input: [UInt8]) { self.input = input }

        /// The three host functions, under module `host`.
        public var imports: Imports {
            var imports = Imports()
            imports.define(module: "host", name: "get_input_size", type: FunctionType(results: [.i32])) { [input] _, _ in
                [.i32(UInt32(input.count))]
            }
            imports.define(module: "host", name: "get_input", type: FunctionType(parameters: [.i32])) { [input] caller, args in
                guard let memory = caller.memory, let pointer = args.first?.int32 else { return [] }
                try memory.write(input, at: Int(UInt32(bitPattern: pointer)))
                return []
            }
            imports.define(module: "host", name: "set_output", type: FunctionType(parameters: [.i32, .i32])) { [weak self] caller, args in
                guard let memory = caller.memory, let pointer = args[0].int32, let length = args[1].int32 else { return [] }
                self?.output = try memory.read(at: Int(UInt32(bitPattern: pointer)), count: Int(UInt32(bitPattern: length)))
                return []
            }
            return imports
        }
    }

    /// Runs the memory guest: the host writes the input into the guest's memory at the offset the
    /// guest asks for, and reads the answer from where the guest points.
    public static func runMemory(_ input: Input, module: Module) throws -> Output {
        try runMemory(rawInput: [UInt8](JSONEncoder().encode(input)), module: module)
    }

    /// Runs the memory demo: the guest fetches `rawInput` and hands back its answer through host functions.
    public static func runMemory(rawInput: [UInt8], module: Module) throws -> Output {
        let host = MemoryHost(input: rawInput)
        let store = Store()
        let instance = try store.instantiate(module, imports: host.imports)
        try instance.call("_initialize")
        let result = try instance.call("run")
        let code = result.first?.int32 ?? -1
        guard code == 0, let output = host.output else {
            throw GuestError(exitCode: code, message: code == 2 ? "malformed input" : "no output")
        }
        return try JSONDecoder().decode(Output.self, from: Data(output))
    }

    // MARK: 3. Through the guest's own allocator

    /// Runs the malloc guest: the input goes into memory the guest's `malloc` allocated, the
    /// guest's `names(input, length, &output, &outputLength)` stores where its answer is, and the
    /// host reads it and frees it with the guest's `free`. No host-side pointer arithmetic.
    public static func runMalloc(_ input: Input, module: Module) throws -> Output {
        try runMalloc(rawInput: [UInt8](JSONEncoder().encode(input)), module: module)
    }

    /// Runs the allocator demo: `rawInput` is copied into memory from the guest's own `malloc`, and the answer read back and freed.
    public static func runMalloc(rawInput: [UInt8], module: Module) throws -> Output {
        let instance = try Store().instantiate(module)
        try instance.call("_initialize")
        let heap = try GuestAllocator(instance: instance)
        let names = try instance.function("names")
            .typed(UInt32.self, UInt32.self, UInt32.self, UInt32.self, returning: Int32.self)
        let (code, output, length) = try heap.withCopy(of: rawInput) { input, inputLength in
            try heap.withOutParameters(UInt32.self, UInt32.self) { output, length in
                try names(input, inputLength, output.address, length.address)
            }
        }
        guard code == 0 else {
            throw GuestError(exitCode: code, message: code == 2 ? "malformed input" : "out of memory")
        }
        return try JSONDecoder().decode(Output.self, from: Data(heap.takeBytes(at: output, count: length)))
    }
}
