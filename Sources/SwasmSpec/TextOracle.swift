import Foundation
import SwasmText

/// Checks swasm's text parser against other tools: every module of a suite's `.wast` files,
/// encoded by swasm, must have the same sections (custom sections aside) as the binary that
/// wast2json or wasm-tools made of it (the suite's JSON folders). The comparison splits the
/// binaries into sections itself, so it needs no decoder and covers modules the engine cannot load.
public struct TextOracle {
    /// What an oracle run found.
    public struct Report {
        /// Modules compared and equal.
        public var matched = 0
        /// Modules with no reference binary (binary modules, or text the converter could not write).
        public var unreferenced = 0
        /// "file:line: what differs".
        public var mismatches: [String] = []
        /// Entries of the exceptions file that no module needed.
        public var unreferencedLines: [String] = []
        /// Differences listed in the exceptions file, with their reasons.
        public var explained: [String] = []
        /// An empty report.
        public init() {}
    }

    /// Round trip: each `NAME.wat` in `directory` (the `wasm-tools print` of `NAME.wasm`) must
    /// encode to the sections of `NAME.wasm`, custom sections aside. Counts into `report`.
    public func roundTrip(directory: URL, into report: inout Report) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".wat") }.sorted()
        for name in names {
            let text = directory.appendingPathComponent(name)
            let binary = text.deletingPathExtension().appendingPathExtension("wasm")
            guard let source = try? [UInt8](Data(contentsOf: text)), let theirs = try? [UInt8](Data(contentsOf: binary)) else {
                report.mismatches.append("\(name): cannot read it or its .wasm")
                continue
            }
            do {
                let ours = try WAT.encode(bytes: source, options: TextOptions(nameSection: false))
                if let difference = Self.difference(ours, theirs) {
                    report.mismatches.append("\(name): \(difference)")
                } else {
                    report.matched += 1
                }
            } catch {
                report.mismatches.append("\(name): does not parse: \(error)")
            }
        }
    }

    /// Known differences, by "SUITE/FILE.wast:LINE" (see `Spec/text-oracle-exceptions.txt`).
    public var exceptions: [String: String]

    /// An oracle that tolerates the listed known differences.
    public init(exceptions: [String: String] = [:]) {
        self.exceptions = exceptions
    }

    /// Reads an exceptions file: lines `SUITE/FILE.wast:LINE reason`; `#` starts a comment.
    public static func loadExceptions(_ path: String) -> [String: String] {
        SpecRunner.loadSkipList(path)
    }

    /// Compares the modules of `wast` with the binaries beside the JSON script `json` (encoding
    /// with `preferShortForms` when they are wast2json's).
    public func compare(wast: URL, json: URL, options: TextOptions, into report: inout Report) {
        let name = wast.lastPathComponent
        // wast2json's binaries take the short forms where two encodings mean the same module.
        var options = options
        options.preferShortForms = json.deletingLastPathComponent().lastPathComponent == "json"
        let script: WastScript
        do {
            script = try WastScript(bytes: [UInt8](try Data(contentsOf: wast)), options: options)
        } catch {
            report.mismatches.append("\(name): cannot read script: \(error)")
            return
        }
        let references = Self.referenceBinaries(json)
        for (_, command) in script.commands {
            guard let module = Self.module(of: command), module.form != .binary else { continue }
            let line = module.line
            let isMalformed: Bool
            if case .assertMalformed = command { isMalformed = true } else { isMalformed = false }
            switch module.binary {
            case .failure(let error):
                if !isMalformed { report.mismatches.append("\(name):\(line): does not parse: \(error)") }
                continue
            case .success(let ours):
                if isMalformed { continue }
                guard let file = references[line] else {
                    report.unreferenced += 1
                    report.unreferencedLines.append("\(name):\(line)")
                    continue
                }
                guard let theirs = try? [UInt8](Data(contentsOf: json.deletingLastPathComponent().appendingPathComponent(file))) else {
                    report.mismatches.append("\(name):\(line): cannot read \(file)")
                    continue
                }
                if let difference = Self.difference(ours, theirs) {
                    let key = "\(wast.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent)/\(name):\(line)"
                    if let reason = exceptions[key] {
                        report.explained.append("\(key): \(reason)")
                    } else {
                        report.mismatches.append("\(name):\(line): \(file): \(difference)")
                    }
                } else {
                    report.matched += 1
                }
            }
        }
    }

    /// The reference JSON of a suite's `.wast` file: `../json/NAME.json`, else
    /// `../json-wasm-tools/NAME.json`.
    public static func referenceScript(for wast: URL) -> URL? {
        let base = wast.deletingPathExtension().lastPathComponent + ".json"
        let suite = wast.deletingLastPathComponent().deletingLastPathComponent()
        for folder in ["json", "json-wasm-tools"] {
            let url = suite.appendingPathComponent(folder).appendingPathComponent(base)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    static func module(of command: WastScript.Command) -> WastScript.ScriptModule? {
        switch command {
        case .module(let m), .assertModuleTrap(let m, _), .assertMalformed(let m, _), .assertInvalid(let m, _),
             .assertUnlinkable(let m, _), .assertUninstantiable(let m, _):
            return m
        default:
            return nil
        }
    }

    /// Line → `.wasm` file of each command of a JSON script that has one.
    static func referenceBinaries(_ json: URL) -> [Int: String] {
        guard let data = try? Data(contentsOf: json), let root = try? JSON.parse([UInt8](data)),
              let commands = root["commands"]?.array else { return [:] }
        var result: [Int: String] = [:]
        for c in commands {
            guard let line = c["line"]?.int else { continue }
            if let file = c["binary_filename"]?.string {
                result[line] = file
            } else if let file = c["filename"]?.string, file.hasSuffix(".wasm") {
                result[line] = file
            }
        }
        return result
    }

    /// The sections of a binary module: (id, payload), custom sections left out; nil if the
    /// bytes do not split into sections.
    public static func sections(_ bytes: [UInt8]) -> [(id: UInt8, payload: ArraySlice<UInt8>)]? {
        guard bytes.count >= 8 else { return nil }
        var result: [(id: UInt8, payload: ArraySlice<UInt8>)] = []
        var i = 8
        while i < bytes.count {
            let id = bytes[i]
            i += 1
            var size = 0, shift = 0
            while true {
                guard i < bytes.count, shift < 35 else { return nil }
                let b = bytes[i]
                i += 1
                size |= Int(b & 0x7F) << shift
                shift += 7
                if b & 0x80 == 0 { break }
            }
            guard size <= bytes.count - i else { return nil }
            if id != 0 { result.append((id, bytes[i..<(i + size)])) }
            i += size
        }
        return result
    }

    /// What differs between two binaries, section by section; nil when they agree. Encoding
    /// choices that mean the same module are set aside (see `normalized`).
    public static func difference(_ ours: [UInt8], _ theirs: [UInt8]) -> String? {
        guard ours.prefix(8) == theirs.prefix(8) else { return "headers differ" }
        guard let a = sections(ours).map(normalized) else { return "ours does not split into sections" }
        guard let b = sections(theirs).map(normalized) else { return "theirs does not split into sections" }
        let ids = { (s: [(id: UInt8, payload: ArraySlice<UInt8>)]) in s.map { String($0.id) }.joined(separator: ",") }
        guard a.count == b.count else { return "sections [\(ids(a))] vs [\(ids(b))]" }
        for (x, y) in zip(a, b) {
            guard x.id == y.id else { return "sections [\(ids(a))] vs [\(ids(b))]" }
            if x.payload != y.payload {
                let offset = zip(x.payload, y.payload).prefix { $0 == $1 }.count
                let show = { (p: ArraySlice<UInt8>) in
                    p.dropFirst(max(0, offset - 4)).prefix(16).map { String(format: "%02x", $0) }.joined(separator: " ")
                }
                return "section \(x.id) differs at \(offset): ours \(show(x.payload)) theirs \(show(y.payload))"
            }
        }
        return nil
    }

    /// Sets aside what the text format cannot express, or expresses one way for several
    /// encodings: empty sections, a data count section equal to the number of data segments,
    /// how local declarations are grouped, and the element section's forms (see `ElementSegments`).
    static func normalized(_ sections: [(id: UInt8, payload: ArraySlice<UInt8>)]) -> [(id: UInt8, payload: ArraySlice<UInt8>)] {
        let dataCount = sections.first { $0.id == 11 }.flatMap { ElementSegments.leadingCount($0.payload) } ?? 0
        return sections.compactMap { section in
            if section.id == 12 { return ElementSegments.leadingCount(section.payload) == dataCount ? nil : section }
            if section.payload.count == 1 && section.payload.first == 0 && section.id != 8 { return nil }
            if section.id == 9, let normal = ElementSegments.normalize(section.payload) { return (9, normal[...]) }
            if section.id == 10, let normal = LocalDeclarations.merge(section.payload) { return (10, normal[...]) }
            return section
        }
    }
}

/// The code section with every function's local declarations in one normal form: runs of the
/// same type merged (`(local i32 i32)` is one run of two, or two runs of one).
enum LocalDeclarations {
    static func merge(_ payload: ArraySlice<UInt8>) -> [UInt8]? {
        var r = ElementSegments.Reader(bytes: Array(payload))
        guard let count = r.leb() else { return nil }
        var out: [UInt8] = []
        LEB.unsigned(count, &out)
        for _ in 0..<count {
            guard let size = r.leb(), r.i + Int(size) <= r.bytes.count else { return nil }
            let end = r.i + Int(size)
            guard let groups = r.leb() else { return nil }
            var runs: [(count: UInt64, type: [UInt8])] = []
            for _ in 0..<groups {
                guard let n = r.leb(), let type = r.valueType() else { return nil }
                if n == 0 { continue }
                if let last = runs.last, last.type == type { runs[runs.count - 1].count += n } else { runs.append((n, type)) }
            }
            guard r.i <= end else { return nil }
            var body: [UInt8] = []
            LEB.unsigned(UInt64(runs.count), &body)
            for run in runs {
                LEB.unsigned(run.count, &body)
                body += run.type
            }
            body += r.bytes[r.i..<end]
            r.i = end
            LEB.unsigned(UInt64(body.count), &out)
            out += body
        }
        return r.isAtEnd ? out : nil
    }
}

/// The element section in one normal form, so that encodings of the same segments compare
/// equal: every segment as (mode, table, offset, element type, items as expressions), where
/// `funcref`, `(ref func)` and the function-index form's element kind all count as "function
/// references" (wabt and wasm-tools choose differently among these for the same text).
enum ElementSegments {
    static func leadingCount(_ payload: ArraySlice<UInt8>) -> Int? {
        var r = Reader(bytes: Array(payload))
        return r.leb().map(Int.init)
    }

    static func normalize(_ payload: ArraySlice<UInt8>) -> [UInt8]? {
        var r = Reader(bytes: Array(payload))
        guard let count = r.leb() else { return nil }
        var out: [UInt8] = []
        for _ in 0..<count {
            guard let flags = r.leb(), flags <= 7 else { return nil }
            var table: UInt64 = 0
            var offset: [UInt8] = []
            let active = flags & 1 == 0
            if flags & 3 == 2 { guard let t = r.leb() else { return nil }; table = t }
            if active { guard let e = r.expression() else { return nil }; offset = e }
            var type: [UInt8] = [0x70]
            if flags & 3 != 0 {
                if flags & 4 == 0 {
                    guard r.byte() == 0x00 else { return nil }
                } else {
                    guard let t = r.referenceType() else { return nil }
                    type = t
                }
            }
            if type == [0x64, 0x70] { type = [0x70] }
            guard let n = r.leb() else { return nil }
            var items: [[UInt8]] = []
            for _ in 0..<n {
                if flags & 4 == 0 {
                    guard let f = r.leb() else { return nil }
                    var e: [UInt8] = [0xD2]
                    LEB.unsigned(f, &e)
                    e.append(0x0B)
                    items.append(e)
                } else {
                    guard let e = r.expression() else { return nil }
                    items.append(e)
                }
            }
            out.append(active ? 0 : (flags & 3 == 1 ? 1 : 3))
            LEB.unsigned(table, &out)
            out += offset
            out += type
            LEB.unsigned(UInt64(items.count), &out)
            for e in items { out += e }
        }
        return r.isAtEnd ? out : nil
    }

    struct Reader {
        let bytes: [UInt8]
        var i = 0
        var isAtEnd: Bool { i == bytes.count }

        mutating func byte() -> UInt8? {
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return bytes[i]
        }

        mutating func leb() -> UInt64? {
            var value: UInt64 = 0, shift: UInt64 = 0
            while let b = byte() {
                if shift < 64 { value |= UInt64(b & 0x7F) << shift }
                shift += 7
                if b & 0x80 == 0 { return value }
            }
            return nil
        }

        mutating func skip(_ n: Int) -> Bool {
            guard i + n <= bytes.count else { return false }
            i += n
            return true
        }

        mutating func heapType() -> Bool {
            guard i < bytes.count else { return false }
            if bytes[i] >= 0x69 && bytes[i] <= 0x74 { i += 1; return true }
            return leb() != nil
        }

        mutating func valueType() -> [UInt8]? {
            guard i < bytes.count else { return nil }
            if bytes[i] >= 0x7B && bytes[i] <= 0x7F { i += 1; return [bytes[i - 1]] }
            return referenceType()
        }

        mutating func referenceType() -> [UInt8]? {
            let start = i
            guard let b = byte() else { return nil }
            if b == 0x63 || b == 0x64 { guard heapType() else { return nil } } else if b < 0x69 || b > 0x74 { return nil }
            return Array(bytes[start..<i])
        }

        /// A constant expression up to and including its `end`.
        mutating func expression() -> [UInt8]? {
            let start = i
            while let op = byte() {
                switch op {
                case 0x0B: return Array(bytes[start..<i])
                case 0x41, 0x42, 0x23, 0xD2: guard leb() != nil else { return nil }
                case 0x43: guard skip(4) else { return nil }
                case 0x44: guard skip(8) else { return nil }
                case 0xD0: guard heapType() else { return nil }
                case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E: break
                case 0xFD:
                    guard leb() == 12, skip(16) else { return nil }
                case 0xFB:
                    guard let sub = leb() else { return nil }
                    switch sub {
                    case 0, 1, 6, 7: guard leb() != nil else { return nil }
                    case 8: guard leb() != nil, leb() != nil else { return nil }
                    case 0x1A, 0x1B, 0x1C: break
                    default: return nil
                    }
                default: return nil
                }
            }
            return nil
        }
    }
}
