import Foundation
import Swasm
import SwasmText

/// Which post-2.0 proposals each suite file (or single command) needs, and which of them the
/// engine runs. Read from `Spec/features.txt`:
///
///     probe FEATURE (module ...)       a module that loads exactly when the engine has FEATURE
///     SUITE/FILE.wast FEATURE...        every command of the file needs these
///     SUITE/FILE.wast:LINE FEATURE...   the command at LINE needs these
///
/// The engine is asked, not told: a feature counts as implemented when its probe module decodes
/// and validates, so skips disappear by themselves as features land.
public struct FeatureTable: Sendable {
    /// Features every command of a file needs, by "SUITE/FILE.wast".
    public var files: [String: [String]] = [:]
    /// Features single commands need, by "SUITE/FILE.wast:LINE".
    public var commands: [String: [String]] = [:]
    /// Each feature's probe module (WAT).
    public var probes: [String: String] = [:]
    /// The features whose probes the engine accepted.
    public var implemented: Set<String> = []

    /// An empty table: nothing is skipped.
    public init() {}

    /// Reads the table at `path` and probes which features the engine runs under `features`.
    public init(contentsOfFile path: String, features: Features) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words[0] == "probe", words.count >= 3 {
                probes[words[1]] = words.dropFirst(2).joined(separator: " ")
            } else if words[0].contains(".wast:") {
                commands[words[0]] = Array(words.dropFirst())
            } else {
                files[words[0]] = Array(words.dropFirst())
            }
        }
        implemented = Set(probes.compactMap { name, wat in
            guard let binary = try? WAT.encode(wat, options: TextOptions(nameSection: false)),
                  (try? Module(bytes: binary, features: features)) != nil else { return nil }
            return name
        })
    }

    /// The features `key` ("wasm-3.0/tag.wast" or "wasm-3.0/address.wast:214") needs that the
    /// engine lacks.
    public func missing(file: String, line: Int? = nil) -> [String] {
        let needed = line.map { commands["\(file):\($0)"] ?? [] } ?? (files[file] ?? [])
        return needed.filter { !implemented.contains($0) }
    }
}
