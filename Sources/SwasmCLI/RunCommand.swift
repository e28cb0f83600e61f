import Foundation
import Swasm

/// `swasm run`: runs a module's `_start` (WASI) or an exported function (`--invoke`).
enum RunCommand {
    static func main(_ args: [String]) -> Int32 {
        var invoke: String?
        var positional: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if positional.isEmpty && a.hasPrefix("-") {
                switch a {
                case "--invoke":
                    guard i + 1 < args.count else { CLI.printError("--invoke needs a function name"); return 2 }
                    invoke = args[i + 1]
                    i += 1
                default:
                    CLI.printError("swasm run: unknown option \(a)\n\(CLI.usage)")
                    return 2
                }
            } else {
                positional.append(a)
            }
            i += 1
        }
        guard let file = positional.first else { CLI.printError(CLI.usage); return 2 }
        do {
            let module = try Module(bytes: try CLI.readFile(file))
            let store = Store()
            let instance = try store.instantiate(module)
            guard let name = invoke else { CLI.printError("swasm run: WASI not available yet; use --invoke"); return 2 }
            let function = try instance.function(name)
            let params = function.type.parameters
            let rest = Array(positional.dropFirst())
            guard rest.count == params.count else {
                CLI.printError("swasm run: \(name) takes \(params.count) arguments \(params), got \(rest.count)")
                return 2
            }
            var values: [Value] = []
            for (text, type) in zip(rest, params) {
                guard let v = parseValue(text, type) else {
                    CLI.printError("swasm run: cannot parse '\(text)' as \(type)")
                    return 2
                }
                values.append(v)
            }
            for r in try function.call(values) { print(format(r)) }
            return 0
        } catch let trap as Trap {
            CLI.printError("\(trap)")
            return 134
        } catch {
            CLI.printError("swasm: \(error)")
            return 1
        }
    }

    static func parseValue(_ text: String, _ type: ValueType) -> Value? {
        switch type {
        case .i32:
            if let v = Int32(text) { return .int32(v) }
            return UInt32(text).map { .i32($0) }
        case .i64:
            if let v = Int64(text) { return .int64(v) }
            return UInt64(text).map { .i64($0) }
        case .f32: return Float(text).map { .float($0) }
        case .f64: return Double(text).map { .double($0) }
        default: return nil
        }
    }

    static func format(_ value: Value) -> String {
        switch value {
        case .i32(let v): return String(Int32(bitPattern: v))
        case .i64(let v): return String(Int64(bitPattern: v))
        case .f32(let v): return "\(Float(bitPattern: v))"
        case .f64(let v): return "\(Double(bitPattern: v))"
        default: return value.description
        }
    }
}
