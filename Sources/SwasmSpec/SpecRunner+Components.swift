import Foundation
import Swasm
import SwasmComponents

extension Session {
    /// Whether a script's commands include a component binary.
    static func holdsComponents(_ script: SpecScript, directory: URL) -> Bool {
        script.commands.contains { _, command in
            guard case .module(.binaryFile(let file), _, _) = command,
                  let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else { return false }
            return Component.isComponent([UInt8](data.prefix(8)))
        }
    }

    /// A binary with the component preamble, or (in a script that holds components) any binary
    /// that does not start with a core module's preamble: the malformed preambles are the
    /// component decoder's to reject.
    func componentBytes(_ source: SpecScript.ModuleSource) -> [UInt8]? {
        guard case .binaryFile = source, let bytes = try? binary(source) else { return nil }
        if Component.isComponent(bytes) { return bytes }
        let corePreamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        return componentMode && !bytes.starts(with: corePreamble) ? bytes : nil
    }

    /// A `.wat` file in component text (the runner has no component text parser).
    func isComponentText(_ source: SpecScript.ModuleSource) -> Bool {
        guard componentMode, case .textFile(let file) = source,
              let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else { return false }
        return String(decoding: data.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespaces).hasPrefix("(component")
    }

    /// Runs a command on a component: loading (decoding and validation), instantiation, and
    /// the actions on component instances; nil when the command is not about a component.
    mutating func executeComponentCommand(_ command: SpecScript.Command) -> Outcome? {
        switch command {
        case .module(let source, let name, let definition):
            guard let bytes = componentBytes(source) else { return nil }
            let component: Component
            do {
                component = try Component(bytes: bytes)
            } catch {
                if !definition { currentComponent = nil }
                return .failed("\(source.description): \(error)")
            }
            if definition {
                componentDefinitions[name ?? ""] = component
                componentDefinitions[""] = component
                return .passed
            }
            return instantiateComponent(component, as: name, what: source.description)
        case .instance(let name, let module):
            guard let component = componentDefinitions[module ?? ""] else { return nil }
            return instantiateComponent(component, as: name, what: "instance of \(module ?? "the last definition")")
        case .assertInvalid(let source, let text), .assertMalformed(let source, let text):
            if isComponentText(source) { return .skipped("component text format: not implemented") }
            guard let bytes = componentBytes(source) else { return nil }
            do {
                _ = try Component(bytes: bytes)
                return .failed("\(source.description): expected an error (\"\(text)\"), but the component validated")
            } catch let error as ComponentError {
                return text.isEmpty || error.message.contains(text) ? .passed
                    : .failed("\(source.description): expected \"\(text)\", got \"\(error)\"")
            } catch {
                return .failed("\(source.description): expected \"\(text)\", got \(error)")
            }
        case .componentAction(let type, let json, let reason):
            guard let action = json["action"] else { return .failed("\(type): \(reason)") }
            if let why = action["module"]?.string.map({ namedSkips[$0] }) ?? currentSkip { return .skipped(why) }
            return runComponentAction(type: type, action: action, expected: json["expected"]?.array ?? [],
                                      text: json["text"]?.string ?? "")
        case .action(let a), .assertReturn(let a, _), .assertTrap(let a, _):
            // Actions without values parse as core actions; on a component they are component calls.
            guard let instance = componentTarget(a.module) else { return nil }
            guard a.arguments.isEmpty else { return .failed("\(a.field): core values given to a component function") }
            switch command {
            case .assertReturn(_, let expected):
                guard expected.isEmpty else { return .failed("\(a.field): core values expected of a component function") }
                return runComponentCall(instance, type: "assert_return", field: a.field, arguments: [], expected: [], text: "")
            case .assertTrap(_, let text):
                return runComponentCall(instance, type: "assert_trap", field: a.field, arguments: [], expected: [], text: text)
            default:
                return runComponentCall(instance, type: "action", field: a.field, arguments: [], expected: [], text: "")
            }
        default:
            return nil
        }
    }

    /// The component instance an action names (or the current one), if it is a component's.
    func componentTarget(_ name: String?) -> ComponentInstance? {
        if let name { return namedComponents[name] }
        return current == nil ? currentComponent : nil
    }

    mutating func instantiateComponent(_ component: Component, as name: String?, what: String) -> Outcome {
        current = nil
        currentSkip = nil
        do {
            let instance = try ComponentInstance(component, store: store)
            currentComponent = instance
            if let name {
                namedComponents[name] = instance
                namedSkips[name] = nil
            }
            return .passed
        } catch {
            currentComponent = nil
            if let name { namedComponents[name] = nil }
            return .failed("\(what): instantiation failed: \(error)")
        }
    }

    func runComponentAction(type: String, action: JSON, expected: [JSON], text: String) -> Outcome {
        let field = action["field"]?.string ?? ""
        guard let instance = componentTarget(action["module"]?.string) else {
            return .failed("\(field): no component instance")
        }
        let arguments: [ComponentValue]
        let results: [ComponentValue]
        do {
            arguments = try (action["args"]?.array ?? []).map(ComponentSpecValue.parse)
            results = try expected.map(ComponentSpecValue.parse)
        } catch {
            return .failed("\(field): \(error)")
        }
        return runComponentCall(instance, type: type, field: field, arguments: arguments, expected: results, text: text)
    }

    func runComponentCall(_ instance: ComponentInstance, type: String, field: String, arguments: [ComponentValue],
                          expected: [ComponentValue], text: String) -> Outcome {
        do {
            let result = try instance.call(field, arguments)
            let actual = result.map { [$0] } ?? []
            switch type {
            case "assert_trap":
                return .failed("\(field): expected trap \"\(text)\", got \(actual)")
            case "assert_return":
                return actual == expected ? .passed : .failed("\(field)\(arguments): expected \(expected), got \(actual)")
            default:
                return .passed
            }
        } catch {
            guard type == "assert_trap" else { return .failed("\(field)\(arguments): \(error)") }
            return Self.componentTrapMatches(error, text) ? .passed
                : .failed("\(field): expected trap \"\(text)\", got \"\(error)\"")
        }
    }

    /// Whether `error` is a trap with `text` in its message (a core trap by its kind's words).
    static func componentTrapMatches(_ error: Error, _ expected: String) -> Bool {
        let prefix = "wasm trap: "
        let text = expected.hasPrefix(prefix) ? String(expected.dropFirst(prefix.count)) : expected
        switch error {
        case let trap as ComponentTrap: return text.isEmpty || trap.message.contains(text)
        case let trap as Trap: return text.isEmpty || trapMatches(trap, text) || trap.message.contains(text)
        default: return false
        }
    }
}

/// Component values of wasm-tools' JSON scripts: `{"type": "u32", "value": "7"}`, with nested
/// values for lists, records (`[[name, value], ...]`), variants (`{"case", "payload"}`),
/// options (a value or null), results (`{"Ok": value}` / `{"Err": value}`) and flags.
enum ComponentSpecValue {
    static func parse(_ json: JSON) throws -> ComponentValue {
        guard let type = json["type"]?.string else { throw SpecError("component value without a type: \(json)") }
        let value = json["value"] ?? .null
        func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
            guard let s = value.string, let n = T(s) else { throw SpecError("bad \(type) value \(value)") }
            return n
        }
        func list() throws -> [ComponentValue] {
            guard let items = value.array else { throw SpecError("bad \(type) value \(value)") }
            return try items.map(parse)
        }
        func optional(_ v: JSON?) throws -> ComponentValue? {
            guard let v, v != .null else { return nil }
            return try parse(v)
        }
        switch type {
        case "bool":
            guard case .bool(let b) = value else { throw SpecError("bad bool value \(value)") }
            return .bool(b)
        case "s8": return .s8(try integer(Int8.self))
        case "u8": return .u8(try integer(UInt8.self))
        case "s16": return .s16(try integer(Int16.self))
        case "u16": return .u16(try integer(UInt16.self))
        case "s32": return .s32(try integer(Int32.self))
        case "u32": return .u32(try integer(UInt32.self))
        case "s64": return .s64(try integer(Int64.self))
        case "u64": return .u64(try integer(UInt64.self))
        case "f32": return .f32(bitPattern: try integer(UInt32.self))
        case "f64": return .f64(bitPattern: try integer(UInt64.self))
        case "char":
            guard let s = value.string, let c = s.unicodeScalars.first, s.unicodeScalars.count == 1 else {
                throw SpecError("bad char value \(value)")
            }
            return .char(c)
        case "string":
            guard let s = value.string else { throw SpecError("bad string value \(value)") }
            return .string(s)
        case "list": return .list(try list())
        case "tuple": return .tuple(try list())
        case "record":
            guard let fields = value.array else { throw SpecError("bad record value \(value)") }
            return .record(try fields.map { field in
                guard let pair = field.array, pair.count == 2, let name = pair[0].string else {
                    throw SpecError("bad record field \(field)")
                }
                return (name, try parse(pair[1]))
            })
        case "variant":
            guard let name = value["case"]?.string else { throw SpecError("bad variant value \(value)") }
            return .variant(caseName: name, payload: try optional(value["payload"]))
        case "enum":
            guard let name = value.string else { throw SpecError("bad enum value \(value)") }
            return .enum(name)
        case "flags":
            guard let names = value.array?.compactMap(\.string) else { throw SpecError("bad flags value \(value)") }
            return .flags(names)
        case "option": return .option(try optional(value))
        case "result":
            guard case .object(let o) = value, o.count == 1, let (key, payload) = o.first, key == "Ok" || key == "Err" else {
                throw SpecError("bad result value \(value)")
            }
            return .result(isError: key == "Err", payload: try optional(payload))
        default:
            throw SpecError("unknown component value type \(type)")
        }
    }
}
