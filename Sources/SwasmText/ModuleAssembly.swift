/// How text is turned into a binary module.
public struct TextOptions: Hashable, Sendable {
    /// Emit a `name` section with the module's, functions' and locals' identifiers (and
    /// `@name` annotations), so that backtraces show them.
    public var nameSection: Bool
    /// Accept 64-bit memory and table sizes and memory offsets (memory64, part of 3.0). Off, they
    /// must fit in 32 bits, as in WebAssembly 1.0 and 2.0 ("i32 constant out of range").
    public var memory64: Bool

    /// The WebAssembly 1.0 reading of `(elem $t ...)` and `(data $m ...)`: segments had no
    /// identifiers then, so an identifier naming a table or memory is that table or memory.
    public var segmentTargetIdentifiers: Bool

    /// Where the binary format allows two encodings of the same module, take the shorter one even
    /// when the text spells out the longer: a block `(type x)` of a type [] → [t?] as the value
    /// type, no `else` for an empty else branch, segments of table or memory 0 without the index.
    /// (wabt's choices.) Off, the encoding follows the text, so that `wasm-tools print` of a
    /// binary encodes back to that binary.
    public var preferShortForms: Bool

    /// Options for encoding; the defaults suit running modules.
    public init(nameSection: Bool = true, memory64: Bool = true, segmentTargetIdentifiers: Bool = false,
                preferShortForms: Bool = false) {
        self.nameSection = nameSection
        self.memory64 = memory64
        self.segmentTargetIdentifiers = segmentTargetIdentifiers
        self.preferShortForms = preferShortForms
    }

    /// The rules of a suite version: "1.0", "2.0" or "3.0".
    public static func version(_ version: String) -> TextOptions {
        switch version {
        case "1.0": return TextOptions(memory64: false, segmentTargetIdentifiers: true)
        case "2.0": return TextOptions(memory64: false)
        default: return TextOptions()
        }
    }
}

/// The order of the binary format's sections, by the names custom annotations use.
enum CustomPlacement {
    static let sections = ["type", "import", "func", "table", "memory", "tag", "global", "export", "start", "elem",
                           "datacount", "code", "data"]

    /// Position of a section name (`first` and `last` at the ends), nil for an unknown name.
    static func sectionOrder(_ name: String) -> Int? {
        if name == "first" { return -1 }
        if name == "last" { return sections.count }
        return sections.firstIndex(of: name)
    }
}

/// The `name` section's content, collected while parsing.
struct NameSectionBuilder {
    var moduleName: [UInt8]?
    var functions: [(UInt32, [UInt8])] = []
    var locals: [(UInt32, [(UInt32, [UInt8])])] = []

    var isEmpty: Bool { moduleName == nil && functions.isEmpty && locals.isEmpty }

    func encode() -> [UInt8] {
        var out: [UInt8] = []
        LEB.bytes(Array("name".utf8), &out)
        func subsection(_ id: UInt8, _ content: [UInt8]) {
            out.append(id)
            LEB.bytes(content, &out)
        }
        if let moduleName {
            var content: [UInt8] = []
            LEB.bytes(moduleName, &content)
            subsection(0, content)
        }
        if !functions.isEmpty {
            var content: [UInt8] = []
            let sorted = functions.sorted { $0.0 < $1.0 }
            LEB.u32(sorted.count, &content)
            for (index, name) in sorted {
                LEB.unsigned(UInt64(index), &content)
                LEB.bytes(name, &content)
            }
            subsection(1, content)
        }
        if !locals.isEmpty {
            var content: [UInt8] = []
            let sorted = locals.sorted { $0.0 < $1.0 }
            LEB.u32(sorted.count, &content)
            for (function, names) in sorted {
                LEB.unsigned(UInt64(function), &content)
                LEB.u32(names.count, &content)
                for (index, name) in names {
                    LEB.unsigned(UInt64(index), &content)
                    LEB.bytes(name, &content)
                }
            }
            subsection(2, content)
        }
        return out
    }
}

extension ModuleParser {
    /// The module's binary: header, the non-empty sections in order, custom sections where
    /// their annotations place them, and the name section.
    func assemble(customs annotations: [Annotation]) throws -> [UInt8] {
        var out: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        func section(_ id: UInt8, _ content: [UInt8]) {
            out.append(id)
            LEB.bytes(content, &out)
        }
        func vector(_ id: UInt8, _ buffer: SectionBuffer) {
            guard buffer.count > 0 else { return }
            var content: [UInt8] = []
            LEB.u32(buffer.count, &content)
            content += buffer.bytes
            section(id, content)
        }
        // Custom sections, keyed by the position they go to: (section order, before?).
        var placed: [Int: [[UInt8]]] = [:]
        for a in annotations {
            guard case .custom(let name, let placement, let content) = a.kind else { continue }
            var payload: [UInt8] = []
            LEB.bytes(name, &payload)
            payload += content
            let slot: Int
            switch placement {
            case .before(let s): slot = 2 * (CustomPlacement.sectionOrder(s) ?? CustomPlacement.sections.count)
            case .after(let s): slot = 2 * (CustomPlacement.sectionOrder(s) ?? CustomPlacement.sections.count) + 1
            case nil: slot = 2 * CustomPlacement.sections.count + 1
            }
            placed[slot, default: []].append(payload)
        }
        func customs(_ slot: Int) {
            for payload in placed[slot] ?? [] { section(0, payload) }
        }
        customs(-2)
        for (i, name) in CustomPlacement.sections.enumerated() {
            customs(2 * i)
            switch name {
            case "type":
                if typeGroupCount > 0 {
                    var content: [UInt8] = []
                    LEB.u32(typeGroupCount, &content)
                    content += typeSection
                    section(1, content)
                }
            case "import": vector(2, sections.imports)
            case "func": vector(3, sections.functions)
            case "table": vector(4, sections.tables)
            case "memory": vector(5, sections.memories)
            case "tag": vector(13, sections.tags)
            case "global": vector(6, sections.globals)
            case "export": vector(7, sections.exports)
            case "start":
                if let start = sections.start {
                    var content: [UInt8] = []
                    LEB.unsigned(UInt64(start), &content)
                    section(8, content)
                }
            case "elem": vector(9, sections.elements)
            case "datacount":
                if sections.needsDataCount {
                    var content: [UInt8] = []
                    LEB.u32(sections.data.count, &content)
                    section(12, content)
                }
            case "code": vector(10, sections.code)
            default: vector(11, sections.data)
            }
            customs(2 * i + 1)
        }
        customs(2 * CustomPlacement.sections.count + 1)
        if options.nameSection && !names.isEmpty { section(0, names.encode()) }
        return out
    }
}
