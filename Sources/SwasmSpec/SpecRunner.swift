import Foundation
import SwasmComponents
import Swasm
import SwasmText

/// Runs the official spec test suite's scripts against swasm: `.wast` files directly, or the JSON
/// command scripts wast2json made of them.
public struct SpecRunner {
    /// Outcome of one script.
    public struct FileResult {
        /// The script's file name.
        public var name: String
        /// Commands that passed.
        public var passed = 0
        /// Commands that failed (each described in `failures`).
        public var failed = 0
        /// Commands skipped (each reason in `skips`).
        public var skipped = 0
        /// "line N: what went wrong", for each failed command.
        public var failures: [String] = []
        /// "line N: why", for each listed skip; one summary line for a feature the engine lacks.
        public var skips: [String] = []
    }

    /// The rules modules are decoded and validated under.
    public var features: Features
    /// Commands not to run, by "file.json:line", with the reason (from `Spec/skips.txt`).
    public var skipList: [String: String]
    /// The text-format rules (version) for `.wast` scripts and `.wat` modules.
    public var textOptions: TextOptions
    /// Proposals that files or commands need, and whether the engine has them.
    public var featureTable: FeatureTable

    /// A runner with these features, skip list, text-format options and feature table.
    public init(features: Features, skipList: [String: String] = [:], textOptions: TextOptions = TextOptions(),
                featureTable: FeatureTable = FeatureTable()) {
        self.features = features
        self.skipList = skipList
        self.textOptions = textOptions
        self.featureTable = featureTable
    }

    /// Chooses the features of the suite version a path belongs to ("wasm-1.0" → 1.0 rules;
    /// "wasm-3.0" → everything the engine knows).
    public static func features(forPath path: String) -> Features {
        if path.contains("wasm-1.0") { return .wasm1 }
        if path.contains("wasm-3.0") { return .wasm3 }
        return .wasm2
    }

    /// The text-format rules of the suite version a path belongs to.
    public static func textOptions(forPath path: String) -> TextOptions {
        if path.contains("wasm-1.0") { return .version("1.0") }
        if path.contains("wasm-2.0") { return .version("2.0") }
        return .version("3.0")
    }

    /// "wasm-3.0/tag.wast": a script's name with its suite folder, as the feature table keys it.
    /// A wast2json script ("wasm-3.0/json/tag.json") has the key of the .wast it came from.
    static func suiteKey(_ url: URL) -> String {
        let folder = url.deletingLastPathComponent()
        let name = url.pathExtension == "json" ? url.deletingPathExtension().lastPathComponent + ".wast" : url.lastPathComponent
        return folder.deletingLastPathComponent().lastPathComponent + "/" + name
    }

    /// Reads a skip list: lines `file.json:line reason`; `#` starts a comment.
    public static func loadSkipList(_ path: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var result: [String: String] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : "listed in skips"
        }
        return result
    }

    /// Runs every command of the script at `url` (JSON or `.wast`).
    public func run(file url: URL) -> FileResult {
        var result = FileResult(name: url.lastPathComponent)
        let script: SpecScript
        do {
            script = try SpecScript(contentsOf: url, textOptions: textOptions)
        } catch {
            result.failed += 1
            result.failures.append("cannot read script: \(error)")
            return result
        }
        let key = Self.suiteKey(url)
        let missingForFile = featureTable.missing(file: key)
        var featureSkips: [String: Int] = [:]
        var session = Session(directory: url.deletingLastPathComponent(), features: features, textOptions: textOptions)
        session.componentMode = Session.holdsComponents(script, directory: url.deletingLastPathComponent())
        for (line, command) in script.commands {
            if let reason = skipList["\(url.lastPathComponent):\(line)"] {
                session.markSkipped(command, reason: reason)
                result.skipped += 1
                result.skips.append("line \(line): \(reason)")
                continue
            }
            // A wast2json command's line is its module's, often one below the assertion's
            // line that the feature table names.
            let missing = missingForFile + featureTable.missing(file: key, line: line)
                + (url.pathExtension == "json" ? featureTable.missing(file: key, line: line - 1) : [])
            let outcome: Outcome
            if missing.isEmpty {
                outcome = session.execute(command, line: line)
            } else {
                // The engine cannot run this; the text parser must still have read every module.
                let reason = "needs \(missing.joined(separator: ", "))"
                session.markSkipped(command, reason: reason)
                outcome = session.checkParsesOnly(command, skipReason: reason)
            }
            switch outcome {
            case .passed: result.passed += 1
            case .notCounted: break
            case .skipped(let why):
                result.skipped += 1
                featureSkips[why, default: 0] += 1
            case .failed(let why):
                result.failed += 1
                result.failures.append("line \(line): \(why)")
            }
        }
        for (why, count) in featureSkips.sorted(by: { $0.key < $1.key }) {
            result.skips.append("\(count) commands: \(why) (not implemented by the engine)")
        }
        return result
    }
}

enum Outcome {
    case passed
    case failed(String)
    case skipped(String)
    /// `register` and the like: bookkeeping, not a test.
    case notCounted
}

/// The state of one script run: the store, the named and registered instances.
struct Session {
    let directory: URL
    let features: Features
    let textOptions: TextOptions
    let store: Store
    var imports = Imports()
    var current: Instance?
    var named: [String: Instance] = [:]
    /// `module definition`s, by name; the last one under "".
    var definitions: [String: Module] = [:]
    /// Why the current module was not loaded, when it needs a feature the engine lacks: the
    /// commands that use it are skipped for the same reason.
    var currentSkip: String?
    /// The same for named modules, and for names modules were registered under.
    var namedSkips: [String: String] = [:]
    var registeredSkips: [String: String] = [:]
    /// Whether the script holds components (then binaries without a core preamble are components).
    var componentMode = false
    /// `module definition`s that are components, by name; the last one under "".
    var componentDefinitions: [String: Component] = [:]
    /// The last component instantiated, and the named ones.
    var currentComponent: ComponentInstance?
    var namedComponents: [String: ComponentInstance] = [:]

    init(directory: URL, features: Features, textOptions: TextOptions) {
        self.directory = directory
        self.features = features
        self.textOptions = textOptions
        var configuration = Configuration()
        configuration.features = features
        configuration.maxCallDepth = 10_000
        store = Store(configuration: configuration)
        SpectestModule.define(in: &imports, store: store)
    }

    /// The binary of a module: read, or parsed from text (a parse error is thrown as a `TextError`).
    func binary(_ source: SpecScript.ModuleSource) throws -> [UInt8] {
        switch source {
        case .binaryFile(let file):
            return try [UInt8](Data(contentsOf: directory.appendingPathComponent(file)))
        case .textFile(let file):
            let text = try [UInt8](Data(contentsOf: directory.appendingPathComponent(file)))
            return try WAT.encode(bytes: text, options: textOptions)
        case .wast(let module):
            return try module.binary.get()
        }
    }

    func load(_ source: SpecScript.ModuleSource) throws -> Module {
        try Module(bytes: try binary(source), features: features)
    }

    /// Records that a module command was skipped, so that what depends on it is skipped too.
    mutating func markSkipped(_ command: SpecScript.Command, reason: String) {
        switch command {
        case .module(_, let name, let definition):
            if !definition { currentSkip = reason; current = nil; currentComponent = nil } else { namedSkips[""] = reason }
            if let name { namedSkips[name] = reason }
        case .instance(let name, _):
            currentSkip = reason
            current = nil
            currentComponent = nil
            if let name { namedSkips[name] = reason }
        case .register(let name, let instance):
            if let why = instance.map({ namedSkips[$0] }) ?? currentSkip { registeredSkips[name] = why }
        default:
            break
        }
    }

    /// The reason an action's module was skipped, if it was.
    func skipReason(for action: SpecScript.Action) -> String? {
        if let name = action.module { return namedSkips[name] }
        return currentSkip
    }

    mutating func execute(_ command: SpecScript.Command, line: Int) -> Outcome {
        if let outcome = executeComponentCommand(command) { return outcome }
        switch command {
        case .action(let a), .assertReturn(let a, _), .assertTrap(let a, _), .assertExhaustion(let a, _),
             .assertException(let a):
            if let why = skipReason(for: a) { return .skipped(why) }
        case .register(let name, let instance):
            if let why = instance.map({ namedSkips[$0] }) ?? currentSkip {
                registeredSkips[name] = why
                return .notCounted
            }
        case .instance(let name, let module):
            if let why = namedSkips[module ?? ""] {
                markSkipped(command, reason: why)
                if let name { namedSkips[name] = why }
                return .skipped(why)
            }
        default:
            break
        }
        return executeRunnable(command, line: line)
    }

    /// A module that imports from a skipped module cannot link: skipped for the same reason.
    func skippedImport(of source: SpecScript.ModuleSource) -> String? {
        guard !registeredSkips.isEmpty, let module = try? load(source) else { return nil }
        return module.imports.lazy.compactMap { registeredSkips[$0.module] }.first
    }

    mutating func executeRunnable(_ command: SpecScript.Command, line: Int) -> Outcome {
        switch command {
        case .module(let source, let name, let definition):
            do {
                let module = try load(source)
                if definition {
                    definitions[name ?? ""] = module
                    definitions[""] = module
                    return .passed
                }
                let instance = try store.instantiate(module, imports: imports)
                current = instance
                currentSkip = nil
                if let name {
                    named[name] = instance
                    namedSkips[name] = nil
                }
                return .passed
            } catch {
                current = nil
                if let why = skippedImport(of: source) {
                    currentSkip = why
                    if let name { namedSkips[name] = why }
                    return .skipped(why)
                }
                currentSkip = nil
                return .failed("\(source.description): \(error)")
            }
        case .instance(let name, let moduleName):
            guard let module = definitions[moduleName ?? ""] else { return .failed("instance: no module definition") }
            do {
                let instance = try store.instantiate(module, imports: imports)
                current = instance
                if let name { named[name] = instance }
                return .passed
            } catch {
                return .failed("instance: \(error)")
            }
        case .register(let name, let instanceName):
            guard let instance = instanceName.flatMap({ named[$0] }) ?? current else { return .failed("register: no module") }
            imports.define(module: name, instance: instance)
            return .notCounted
        case .action(let action):
            do {
                _ = try perform(action)
                return .passed
            } catch {
                return .failed("action \(action.field): \(error)")
            }
        case .assertReturn(let action, let expected):
            if let why = expected.lazy.compactMap(\.unsupportedReason).first {
                return .failed("\(action.field): no engine value for the expected \(why)")
            }
            do {
                let actual = try perform(action)
                guard actual.count == expected.count, zip(expected, actual).allSatisfy({ $0.matches($1) }) else {
                    return .failed("\(action.field)\(action.arguments): expected \(expected), got \(actual)")
                }
                return .passed
            } catch {
                return .failed("\(action.field)\(action.arguments): expected \(expected), got \(error)")
            }
        case .assertTrap(let action, let text), .assertExhaustion(let action, let text):
            do {
                let actual = try perform(action)
                return .failed("\(action.field): expected trap \"\(text)\", got \(actual)")
            } catch let trap as Trap {
                return Self.trapMatches(trap, text) ? .passed
                    : .failed("\(action.field): expected trap \"\(text)\", got \"\(trap.message)\"")
            } catch {
                return .failed("\(action.field): expected trap \"\(text)\", got \(error)")
            }
        case .assertException(let action):
            do {
                let actual = try perform(action)
                return .failed("\(action.field): expected an exception, got \(actual)")
            } catch let trap as Trap {
                return .failed("\(action.field): expected an exception, got trap \"\(trap.message)\"")
            } catch let error as SpecError {
                return .failed("\(action.field): \(error)")
            } catch is WasmException {
                return .passed
            } catch {
                return .failed("\(action.field): expected an exception, got \(error)")
            }
        case .assertMalformed(let source, let text):
            return expectMalformed(source, text)
        case .assertInvalid(let source, let text):
            do {
                _ = try load(source)
                return .failed("\(source.description): expected invalid module (\"\(text)\"), but it loaded")
            } catch let error as ModuleError {
                return error.kind == .invalid ? .passed
                    : .failed("\(source.description): expected invalid (\"\(text)\"), got \(error)")
            } catch {
                return .failed("\(source.description): expected invalid (\"\(text)\"), got \(error)")
            }
        case .assertUnlinkable(let source, let text):
            if let why = skippedImport(of: source) { return .skipped(why) }
            do {
                _ = try store.instantiate(try load(source), imports: imports)
                return .failed("\(source.description): expected link failure \"\(text)\", but it instantiated")
            } catch is LinkError {
                return .passed
            } catch {
                return .failed("\(source.description): expected link failure \"\(text)\", got \(error)")
            }
        case .assertUninstantiable(let source, let text), .assertModuleTrap(let source, let text):
            if let why = skippedImport(of: source) { return .skipped(why) }
            do {
                _ = try store.instantiate(try load(source), imports: imports)
                return .failed("\(source.description): expected instantiation trap \"\(text)\", but it instantiated")
            } catch let trap as Trap {
                return Self.trapMatches(trap, text) ? .passed
                    : .failed("\(source.description): expected trap \"\(text)\", got \"\(trap.message)\"")
            } catch {
                return .failed("\(source.description): expected trap \"\(text)\", got \(error)")
            }
        case .unsupported(let type):
            return .failed("unsupported command \(type)")
        case .componentAction(let type, _, let reason):
            return .failed("\(type): \(reason)")
        }
    }

    /// Malformed text must fail to parse, with the expected words in the message; a malformed
    /// binary must fail to decode.
    func expectMalformed(_ source: SpecScript.ModuleSource, _ text: String) -> Outcome {
        let isText: Bool
        switch source {
        case .binaryFile: isText = false
        case .textFile: isText = true
        case .wast(let m): isText = m.form != .binary
        }
        do {
            let bytes = try binary(source)
            if isText { return .failed("\(source.description): expected a syntax error (\"\(text)\"), but it parsed") }
            _ = try Module(bytes: bytes, features: features)
            return .failed("\(source.description): expected malformed module (\"\(text)\"), but it loaded")
        } catch let error as TextError {
            return Self.syntaxErrorMatches(error.message, text) ? .passed
                : .failed("\(source.description): expected \"\(text)\", got \"\(error)\"")
        } catch let error as ModuleError {
            return error.kind == .malformed ? .passed
                : .failed("\(source.description): expected malformed (\"\(text)\"), got \(error)")
        } catch {
            return .failed("\(source.description): \(error)")
        }
    }

    /// For a command the engine cannot run: its module, if any, must parse (or, in
    /// `assert_malformed`, fail to parse as expected); the rest is skipped.
    func checkParsesOnly(_ command: SpecScript.Command, skipReason: String) -> Outcome {
        switch command {
        case .assertMalformed(let source, let text):
            if case .wast(let m) = source, m.form != .binary { return expectMalformed(source, text) }
            return .skipped(skipReason)
        case .module(let source, _, _), .assertInvalid(let source, _), .assertUnlinkable(let source, _),
             .assertUninstantiable(let source, _), .assertModuleTrap(let source, _):
            if case .wast(let m) = source, case .failure(let error) = m.binary {
                return .failed("module at line \(m.line) does not parse: \(error)")
            }
            return .skipped(skipReason)
        case .register:
            return .notCounted
        default:
            return .skipped(skipReason)
        }
    }

    /// A syntax error must contain the words the suite expects. (1.0 called malformed UTF-8 in
    /// names "invalid UTF-8 encoding"; later versions say "malformed".)
    static func syntaxErrorMatches(_ message: String, _ expected: String) -> Bool {
        if message.contains(expected) { return true }
        return expected == "invalid UTF-8 encoding" && message.contains("malformed UTF-8 encoding")
    }

    /// Our trap message must be the expected text or its prefix ("uninitialized element 2").
    static func trapMatches(_ trap: Trap, _ text: String) -> Bool {
        text.hasPrefix(trap.kind.rawValue) || trap.kind.rawValue.hasPrefix(text)
    }

    func perform(_ action: SpecScript.Action) throws -> [Value] {
        guard let instance = action.module.flatMap({ named[$0] }) ?? current else {
            throw SpecError("no module for action \(action.field)")
        }
        switch action.kind {
        case .get:
            return [try instance.global(action.field).value]
        case .invoke:
            let args = try action.arguments.map { a -> Value in
                guard let v = a.argument else { throw SpecError("argument \(a) has no engine value") }
                return v
            }
            return try instance.function(action.field).call(args)
        }
    }
}
