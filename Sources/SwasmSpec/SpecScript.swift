import Foundation
import Swasm
import SwasmText

/// A spec-suite script, from either of its two forms (a `.wast` file, or the JSON that
/// wast2json made of one), as typed commands.
struct SpecScript {
    /// Where a command's module comes from.
    enum ModuleSource {
        /// A `.wasm` file beside the JSON script.
        case binaryFile(String)
        /// A `.wat` file beside the JSON script (text modules wast2json kept as text).
        case textFile(String)
        /// A module of a `.wast` script, already encoded (or its parse error).
        case wast(WastScript.ScriptModule)

        var description: String {
            switch self {
            case .binaryFile(let f), .textFile(let f): return f
            case .wast(let m): return "module at line \(m.line)"
            }
        }
    }

    struct Action {
        enum Kind { case invoke, get }
        var kind: Kind
        var module: String?
        var field: String
        var arguments: [SpecValue]
    }

    enum Command {
        case module(ModuleSource, name: String?, definition: Bool)
        case instance(name: String?, module: String?)
        case register(as: String, name: String?)
        case action(Action)
        case assertReturn(Action, expected: [SpecValue])
        case assertTrap(Action, text: String)
        case assertExhaustion(Action, text: String)
        case assertException(Action)
        case assertMalformed(ModuleSource, text: String)
        case assertInvalid(ModuleSource, text: String)
        case assertUnlinkable(ModuleSource, text: String)
        case assertUninstantiable(ModuleSource, text: String)
        case assertModuleTrap(ModuleSource, text: String)
        case unsupported(type: String)
        /// An action whose values are not core values (component values): it can only run on a
        /// component. `json` is the whole command, for the component runner to read.
        case componentAction(type: String, json: JSON, reason: String)
    }

    var commands: [(line: Int, command: Command)] = []

    /// Reads a JSON or (by its extension) a `.wast` script.
    init(contentsOf url: URL, textOptions: TextOptions) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        if url.pathExtension == "wast" {
            let script: WastScript
            do {
                script = try WastScript(bytes: bytes, options: textOptions)
            } catch let error as TextError {
                throw SpecError("\(url.lastPathComponent):\(error)")
            }
            commands = script.commands.map { ($0.line, Self.convert($0.command)) }
            return
        }
        guard let list = try JSON.parse(bytes)["commands"]?.array else {
            throw SpecError("\(url.lastPathComponent): not a wast2json command script")
        }
        for c in list {
            commands.append((c["line"]?.int ?? 0, try Self.parse(c)))
        }
    }

    // MARK: JSON

    static func parse(_ c: JSON) throws -> Command {
        let type = c["type"]?.string ?? ""
        let file = c["filename"]?.string ?? ""
        let text = c["text"]?.string ?? ""
        let source: ModuleSource = c["module_type"]?.string == "text" ? .textFile(file) : .binaryFile(file)
        switch type {
        case "module": return .module(source, name: c["name"]?.string, definition: c["definition"]?.string == "true")
        // wasm-tools' JSON (the Component Model tests): compile only, and instantiate a definition.
        case "module_definition": return .module(source, name: c["name"]?.string, definition: true)
        // `(module instance $I $M)` in both JSON dialects (core 3.0: "instance"/"definition").
        case "instance", "module_instance":
            return .instance(name: c["instance"]?.string, module: c["definition"]?.string ?? c["module"]?.string)
        case "action", "assert_return", "assert_trap":
            do { return try parseActionCommand(c, type: type, source: source, text: text) } catch {
                return .componentAction(type: type, json: c, reason: "\(error)")
            }
        case "register": return .register(as: c["as"]?.string ?? "", name: c["name"]?.string)
        case "assert_exhaustion": return .assertExhaustion(try parseAction(c["action"]), text: text)
        case "assert_exception": return .assertException(try parseAction(c["action"]))
        case "assert_malformed": return .assertMalformed(source, text: text)
        case "assert_invalid": return .assertInvalid(source, text: text)
        case "assert_unlinkable": return .assertUnlinkable(source, text: text)
        case "assert_uninstantiable": return .assertUninstantiable(source, text: text)
        default: return .unsupported(type: type)
        }
    }

    static func parseActionCommand(_ c: JSON, type: String, source: ModuleSource, text: String) throws -> Command {
        switch type {
        case "action": return .action(try parseAction(c["action"]))
        case "assert_return":
            var expected = try (c["expected"]?.array ?? []).map(SpecValue.init)
            // Relaxed SIMD: one result, any of these values.
            if let choices = c["either"]?.array { expected = [.either(try choices.map(SpecValue.init))] }
            return .assertReturn(try parseAction(c["action"]), expected: expected)
        default:
            if c["action"] == nil { return .assertModuleTrap(source, text: text) }
            return .assertTrap(try parseAction(c["action"]), text: text)
        }
    }

    static func parseAction(_ json: JSON?) throws -> Action {
        guard let a = json, let field = a["field"]?.string else { throw SpecError("malformed action") }
        let kind: Action.Kind = a["type"]?.string == "get" ? .get : .invoke
        let args = try (a["args"]?.array ?? []).map(SpecValue.init)
        return Action(kind: kind, module: a["module"]?.string, field: field, arguments: args)
    }

    // MARK: .wast

    static func convert(_ command: WastScript.Command) -> Command {
        switch command {
        case .module(let m): return .module(.wast(m), name: m.name, definition: m.isDefinition)
        case .instance(let name, let module): return .instance(name: name, module: module)
        case .register(let name, let module): return .register(as: name, name: module)
        case .action(let a): return .action(convert(a))
        case .assertReturn(let a, let results):
            return .assertReturn(convert(a), expected: results.map(SpecValue.init))
        case .assertTrap(let a, let message): return .assertTrap(convert(a), text: message)
        case .assertModuleTrap(let m, let message): return .assertModuleTrap(.wast(m), text: message)
        case .assertExhaustion(let a, let message): return .assertExhaustion(convert(a), text: message)
        case .assertException(let a): return .assertException(convert(a))
        case .assertMalformed(let m, let message): return .assertMalformed(.wast(m), text: message)
        case .assertInvalid(let m, let message): return .assertInvalid(.wast(m), text: message)
        case .assertUnlinkable(let m, let message): return .assertUnlinkable(.wast(m), text: message)
        case .assertUninstantiable(let m, let message): return .assertUninstantiable(.wast(m), text: message)
        }
    }

    static func convert(_ a: WastScript.Action) -> Action {
        Action(kind: a.kind == .get ? .get : .invoke, module: a.module, field: a.field,
               arguments: a.arguments.map { SpecValue(.value($0)) })
    }
}

struct SpecError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
