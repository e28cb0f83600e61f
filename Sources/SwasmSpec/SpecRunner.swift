import Foundation
import Swasm
import SwasmText

/// Runs the official spec test suite's command scripts (wast2json JSON) against swasm.
public struct SpecRunner {
    /// Outcome of one script.
    public struct FileResult {
        public var name: String
        public var passed = 0
        public var failed = 0
        public var skipped = 0
        /// "line N: what went wrong", for each failed command.
        public var failures: [String] = []
        /// "line N: why", for each listed skip.
        public var skips: [String] = []
    }

    public var features: Features
    /// Commands not to run, by "file.json:line", with the reason (from `Spec/skips.txt`).
    public var skipList: [String: String]

    public init(features: Features, skipList: [String: String] = [:]) {
        self.features = features
        self.skipList = skipList
    }

    /// Chooses the features of the suite version a path belongs to ("wasm-1.0" → 1.0 rules).
    public static func features(forPath path: String) -> Features {
        path.contains("wasm-1.0") ? .wasm1 : .wasm2
    }

    /// The text-format rules of the suite version a path belongs to.
    public static func textOptions(forPath path: String) -> TextOptions {
        if path.contains("wasm-1.0") { return .version("1.0") }
        if path.contains("wasm-2.0") { return .version("2.0") }
        return .version("3.0")
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

    public func run(file url: URL) -> FileResult {
        var result = FileResult(name: url.lastPathComponent)
        let script: SpecScript
        do {
            script = try SpecScript(contentsOf: url)
        } catch {
            result.failed += 1
            result.failures.append("cannot read script: \(error)")
            return result
        }
        var session = Session(directory: url.deletingLastPathComponent(), features: features)
        for (line, command) in script.commands {
            if case .register = command {
                session.execute(command, line: line)
                continue
            }
            if let reason = skipList["\(url.lastPathComponent):\(line)"] {
                result.skipped += 1
                result.skips.append("line \(line): \(reason)")
                continue
            }
            switch session.execute(command, line: line) {
            case .passed: result.passed += 1
            case .skipped: result.skipped += 1
            case .failed(let why):
                result.failed += 1
                result.failures.append("line \(line): \(why)")
            }
        }
        return result
    }
}

enum Outcome {
    case passed
    case failed(String)
    /// Text-format modules: swasm has no text parser.
    case skipped
}

/// The state of one script run: the store, the named and registered instances.
struct Session {
    let directory: URL
    let features: Features
    let store: Store
    var imports = Imports()
    var current: Instance?
    var named: [String: Instance] = [:]

    init(directory: URL, features: Features) {
        self.directory = directory
        self.features = features
        var configuration = Configuration()
        configuration.features = features
        configuration.maxCallDepth = 10_000
        store = Store(configuration: configuration)
        SpectestModule.define(in: &imports, store: store)
    }

    func load(_ file: String) throws -> Module {
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(file)))
        return try Module(bytes: bytes, features: features)
    }

    @discardableResult
    mutating func execute(_ command: SpecScript.Command, line: Int) -> Outcome {
        switch command {
        case .module(let file, let name):
            do {
                let instance = try store.instantiate(try load(file), imports: imports)
                current = instance
                if let name { named[name] = instance }
                return .passed
            } catch {
                current = nil
                return .failed("module \(file): \(error)")
            }
        case .register(let name, let instanceName):
            guard let instance = instanceName.flatMap({ named[$0] }) ?? current else { return .failed("register: no module") }
            imports.define(module: name, instance: instance)
            return .passed
        case .action(let action):
            do {
                _ = try perform(action)
                return .passed
            } catch {
                return .failed("action \(action.field): \(error)")
            }
        case .assertReturn(let action, let expected):
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
        case .assertMalformed(let file, let isText, let text), .assertInvalid(let file, let isText, let text):
            if isText { return .skipped }
            let expectedKind: ModuleError.Kind
            if case .assertMalformed = command { expectedKind = .malformed } else { expectedKind = .invalid }
            do {
                _ = try load(file)
                return .failed("\(file): expected \(expectedKind) module (\"\(text)\"), but it loaded")
            } catch let error as ModuleError {
                return error.kind == expectedKind ? .passed
                    : .failed("\(file): expected \(expectedKind) (\"\(text)\"), got \(error)")
            } catch {
                return .failed("\(file): \(error)")
            }
        case .assertUnlinkable(let file, let isText, let text):
            if isText { return .skipped }
            do {
                _ = try store.instantiate(try load(file), imports: imports)
                return .failed("\(file): expected link failure \"\(text)\", but it instantiated")
            } catch is LinkError {
                return .passed
            } catch {
                return .failed("\(file): expected link failure \"\(text)\", got \(error)")
            }
        case .assertUninstantiable(let file, let isText, let text):
            if isText { return .skipped }
            return expectInstantiationTrap(file, text)
        case .assertModuleTrap(let file, let text):
            return expectInstantiationTrap(file, text)
        case .unsupported(let type):
            return .failed("unsupported command \(type)")
        }
    }

    func expectInstantiationTrap(_ file: String, _ text: String) -> Outcome {
        do {
            _ = try store.instantiate(try load(file), imports: imports)
            return .failed("\(file): expected instantiation trap \"\(text)\", but it instantiated")
        } catch let trap as Trap {
            return Self.trapMatches(trap, text) ? .passed
                : .failed("\(file): expected trap \"\(text)\", got \"\(trap.message)\"")
        } catch {
            return .failed("\(file): expected trap \"\(text)\", got \(error)")
        }
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
                guard let v = a.argument else { throw SpecError("argument \(a) is a pattern") }
                return v
            }
            return try instance.function(action.field).call(args)
        }
    }
}
