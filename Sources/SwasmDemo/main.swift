// `make demo`: the three ways of getting data in and out of a WASI guest, through the library;
// then the same multiplier as a component (typed values through the Canonical ABI), through the
// library and through `swasm run --invoke`.
import Foundation
import Swasm
import SwasmComponents
import SwasmExamples

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func load(_ path: String) throws -> Module {
    try Module(bytes: [UInt8](Data(contentsOf: root.appendingPathComponent(path))))
}

func json<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
}

/// Prints one demo's input, output and how many names came back.
func show(_ input: NamesDemo.Input, _ output: NamesDemo.Output) {
    print("   input:  \(json(input))")
    print("   output: \(json(output))")
    print("   decoded: \(output.names.count) names")
}

do {
    print("1. Stdio: JSON in on stdin, JSON out on stdout (in-memory pipes)")
    let stdioInput = NamesDemo.Input(name: "Rust", num: 10)
    let stdioOutput = try NamesDemo.runStdio(stdioInput, module: load("Fixtures/demos/stdio_multiplier.wasm"))
    show(stdioInput, stdioOutput)

    print("2. Host functions and linear memory: host.get_input_size / get_input / set_output")
    let memoryInput = NamesDemo.Input(name: "hey", num: 5)
    let memoryOutput = try NamesDemo.runMemory(memoryInput, module: load("Fixtures/demos/memory_multiplier.wasm"))
    show(memoryInput, memoryOutput)

    print("3. The guest's own allocator: malloc, names(input, length, &output, &length), free")
    let mallocInput = NamesDemo.Input(name: "Swift", num: 3)
    let mallocOutput = try NamesDemo.runMalloc(mallocInput, module: load("Fixtures/demos/malloc_multiplier.wasm"))
    show(mallocInput, mallocOutput)

    print("4. A component: a record in, a list<string> out, through the Canonical ABI (no JSON)")
    let componentPath = "Fixtures/components/multiplier.wasm"
    let component = try Component(bytes: [UInt8](Data(contentsOf: root.appendingPathComponent(componentPath))))
    let instance = try ComponentInstance(component, store: Store())
    let componentInput = NamesDemo.Input(name: "Rust", num: 10)
    let names: [String] = try instance.call("multiply", componentInput)
    print("   input:  {name: \"\(componentInput.name)\", num: \(componentInput.num)}")
    print("   output: \(WAVE.print(.list(names.map { .string($0) })))")
    print("   decoded: \(names.count) names")
    let call = #"multiply({name: "Swift", num: 2})"#
    print("   swasm run --invoke '\(call)' \(componentPath)")
    let swasm = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("swasm")
    let process = Process()
    process.executableURL = swasm
    process.arguments = ["run", "--invoke", call, componentPath]
    process.currentDirectoryURL = root
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    print("   -> " + String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines))
} catch {
    FileHandle.standardError.write(Data("demo failed: \(error)\n".utf8))
    exit(1)
}
