// swasm-server [--modules DIR] [--port N] [--fuel N|none] [--timeout SECONDS|none] [--max-memory-pages N]
// Loads the WASI modules of DIR once and serves POST /run/{name} on 127.0.0.1.
import Foundation
import Hummingbird
import WasmRunner

var directory = "modules"
var port = 8080
var limits = RunLimits()
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("swasm-server: \(message)\n".utf8))
    exit(2)
}

/// `value` of `option` as a `T`, or a usage error naming both.
func parse<T: LosslessStringConvertible>(_ value: String, of option: String, as _: T.Type = T.self) -> T {
    guard let parsed = T(value) else { fail("\(option): not a valid \(T.self): \(value)") }
    return parsed
}

var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let option = arguments.removeFirst()
    guard let value = arguments.first else { fail("\(option) needs a value") }
    arguments.removeFirst()
    switch option {
    case "--modules": directory = value
    case "--port": port = parse(value, of: option)
    case "--fuel": limits.fuel = value == "none" ? nil : parse(value, of: option, as: UInt64.self)
    case "--timeout":
        limits.timeout = value == "none" ? nil : .milliseconds(Int(parse(value, of: option, as: Double.self) * 1000))
    case "--max-memory-pages": limits.maxMemoryPages = parse(value, of: option)
    default: fail("unknown option \(option)")
    }
}

let runner = try ModuleRunner(directory: URL(fileURLWithPath: directory), limits: limits)
print("swasm-server: \(runner.modules.count) modules from \(directory) (\(runner.modules.keys.sorted().joined(separator: ", "))), "
      + "fuel \(limits.fuel.map(String.init) ?? "unlimited"), timeout \(limits.timeout.map { "\($0)" } ?? "none"), "
      + "max memory \(limits.maxMemoryPages) pages; http://127.0.0.1:\(port)/run/{name}")
let app = Application(router: Server.router(runner: runner),
                      configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
