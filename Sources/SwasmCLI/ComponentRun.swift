import Dispatch
import Swasm
import SwasmComponents

/// `swasm run --invoke 'NAME(ARGS)' COMPONENT.wasm`: instantiates a component (it gets no
/// imports) and calls one exported function with arguments in WAVE, printing the result in
/// WAVE, as `wasmtime run --invoke` does for components.
enum ComponentRun {
    static func run(_ options: RunCommand.Options, bytes: [UInt8]) -> Int32 {
        let file = options.file
        guard let call = options.invoke else {
            return usage("swasm run: \(file) is a component: use --invoke 'NAME(ARGS)' to call one of its exported functions"
                + functionList(of: try? Component(bytes: bytes)))
        }
        let unsupported = [("--env", !options.environment.isEmpty), ("--dir", !options.directories.isEmpty)]
            .filter(\.1).map(\.0)
        if !unsupported.isEmpty {
            return usage("swasm run: \(unsupported.joined(separator: ", ")) cannot be used with a component (\(file))")
        }
        if !options.arguments.isEmpty {
            return usage("swasm run: a component's arguments go in the --invoke call, e.g. --invoke 'f(1, \"x\")', "
                + "not after the file (got \(options.arguments.joined(separator: " ")))")
        }
        let component: Component
        do {
            let checkpoints = options.fuel != nil || options.timeout != nil
            component = try Component(bytes: bytes, options: CompilationOptions(checkpoints: checkpoints))
        } catch {
            RunCommand.fail("swasm run: \(file): \(error)")
            return RunCommand.failureExitCode
        }
        let name: String
        do {
            name = try WAVE.functionName(ofCall: call)
        } catch {
            return usage(badCall(call, error))
        }

        var configuration = Configuration()
        if let pages = options.maxMemoryPages { configuration.maxMemoryPages = pages }
        if let depth = options.maxCallDepth { configuration.maxCallDepth = depth }
        do {
            // No imports: type imports bounded by `eq` (how WIT worlds name types) need none.
            let store = Store(configuration: configuration)
            if let fuel = options.fuel { store.fuel = fuel }
            if let timeout = options.timeout {
                let handle = store.interruptHandle
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { handle.interrupt() }
            }
            let instance = try ComponentInstance(component, store: store)
            let path = name.split(separator: "#", omittingEmptySubsequences: false).map(String.init)
            guard let function = try? instance.function(path: path) else {
                return usage("swasm run: \(file) exports no function '\(name)'" + functionList(of: component))
            }
            let arguments: [ComponentValue]
            do {
                arguments = try WAVE.parseCall(call, type: function.type).arguments
            } catch {
                return usage(badCall(call, error))
            }
            if let result = try function.call(arguments) { print(WAVE.print(result)) }
            return 0
        } catch let error as ComponentLinkError {
            RunCommand.fail("swasm run: \(file): \(error)")
            return RunCommand.failureExitCode
        } catch let trap as Trap {
            RunCommand.fail("\(trap)")
            return RunCommand.trapExitCode
        } catch let trap as ComponentTrap {
            RunCommand.fail("\(trap)")
            return RunCommand.trapExitCode
        } catch {
            RunCommand.fail("swasm run: \(file): \(error)")
            return RunCommand.failureExitCode
        }
    }

    private static func usage(_ message: String) -> Int32 {
        RunCommand.fail(message)
        return RunCommand.usageExitCode
    }

    /// The WAVE error, then the call with a caret under the column.
    private static func badCall(_ call: String, _ error: Error) -> String {
        guard let wave = error as? WAVEError else { return "swasm run: bad --invoke call: \(error)" }
        let line = call.unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : String($0) }.joined()
        return "swasm run: bad --invoke call: \(wave)\n  \(line)\n  \(String(repeating: " ", count: max(0, wave.column - 1)))^"
    }

    /// " (its exported functions: a, b, iface#c)", for messages.
    private static func functionList(of component: Component?) -> String {
        guard let component else { return "" }
        var names: [String] = []
        for (name, type) in component.exports {
            switch type {
            case .function(let f): names.append("\(name): \(signature(f))")
            case .instance(let i):
                for (inner, t) in i.exports {
                    if case .function(let f) = t { names.append("\(name)#\(inner): \(signature(f))") }
                }
            default: break
            }
        }
        return names.isEmpty ? " (it exports no functions)" : "; its exported functions:\n  " + names.joined(separator: "\n  ")
    }

    private static func signature(_ f: ComponentFunctionType) -> String {
        "func(\(f.parameters.map { "\($0.name): \($0.type.witText)" }.joined(separator: ", ")))"
            + (f.result.map { " -> \($0.witText)" } ?? "")
    }
}
