import Foundation
import SwasmComponents

/// Why commands that instantiate components are skipped (listed in Spec/component-skips.txt).
let componentInstantiationReason = "component instantiation: not yet implemented"

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

    /// Runs a command on a component (decoding and validation), or skips what needs
    /// instantiation; nil when the command is not about a component.
    mutating func executeComponentCommand(_ command: SpecScript.Command) -> Outcome? {
        switch command {
        case .module(let source, let name, let definition):
            guard let bytes = componentBytes(source) else { return nil }
            do {
                _ = try Component(bytes: bytes)
            } catch {
                if !definition { currentSkip = componentInstantiationReason; current = nil }
                return .failed("\(source.description): \(error)")
            }
            if definition {
                componentDefinitions.insert(name ?? "")
                componentDefinitions.insert("")
                return .passed
            }
            current = nil
            currentSkip = componentInstantiationReason
            if let name { namedSkips[name] = componentInstantiationReason }
            return .skipped(componentInstantiationReason + " (decoded and validated)")
        case .instance(let name, let module):
            guard componentDefinitions.contains(module ?? "") else { return nil }
            current = nil
            currentSkip = componentInstantiationReason
            if let name { namedSkips[name] = componentInstantiationReason }
            return .skipped(componentInstantiationReason)
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
        case .componentAction:
            return currentSkip.map { .skipped($0) }
        default:
            return nil
        }
    }
}
