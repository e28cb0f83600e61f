import Foundation
import Swasm

extension SpecRunner {
    /// Totals over several scripts.
    public struct Summary {
        /// Per-file results, in run order.
        public var files: [FileResult] = []
        /// An empty result.
        public init() {}
        /// Passed commands over all files.
        public var passed: Int { files.reduce(0) { $0 + $1.passed } }
        /// Failed commands over all files.
        public var failed: Int { files.reduce(0) { $0 + $1.failed } }
        /// Skipped commands over all files.
        public var skipped: Int { files.reduce(0) { $0 + $1.skipped } }
    }

    /// The JSON scripts at `path`: the file itself, or every `.json` in the folder (sorted).
    public static func scripts(at path: String, extensions: [String] = ["json"]) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SpecError("no such file or directory: \(path)")
        }
        let url = URL(fileURLWithPath: path)
        guard isDirectory.boolValue else { return [url] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { name in extensions.contains { name.hasSuffix("." + $0) } }.sorted()
        return names.map { url.appendingPathComponent($0) }
    }
}
