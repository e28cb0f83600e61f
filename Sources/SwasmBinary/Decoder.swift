/// Decodes a WebAssembly module from its binary encoding.
///
/// Every section is decoded into the `Module` model, except the instructions of function
/// bodies: for each body only the local declarations are decoded, and `FunctionBody.code`
/// records the byte range of its instructions (up to and including the final `end`).
///
/// Errors are `ModuleError`s, malformed unless noted, worded as the specification's test suite
/// expects (the reference interpreter's messages, which the tests match as prefixes). One error
/// is a validation error raised here: a constant expression with a (well-formed) instruction that
/// is not constant throws `.invalid("constant expression required")`.
///
/// - Parameters:
///   - bytes: the module's bytes.
///   - features: the proposals whose encodings are accepted (value types, element and data
///     segment encodings, the data count section, opcodes in constant expressions).
public func decodeModule(_ bytes: [UInt8], features: Features = .default) throws -> Module {
    var decoder = ModuleDecoder(bytes: bytes, features: features)
    return try decoder.decode()
}

/// Section ids of the binary format.
enum SectionID: UInt8 {
    case custom = 0
    case type = 1
    case `import` = 2
    case function = 3
    case table = 4
    case memory = 5
    case global = 6
    case export = 7
    case start = 8
    case element = 9
    case code = 10
    case data = 11
    case dataCount = 12
    case tag = 13

    /// Position in the required order of the non-custom sections (data count comes between
    /// the element and code sections).
    var rank: Int {
        switch self {
        case .custom: return 0
        case .type: return 1
        case .import: return 2
        case .function: return 3
        case .table: return 4
        case .memory: return 5
        case .tag: return 6
        case .global: return 7
        case .export: return 8
        case .start: return 9
        case .element: return 10
        case .dataCount: return 11
        case .code: return 12
        case .data: return 13
        }
    }

    /// Name used in error messages (`ModuleError.section`).
    var name: String {
        switch self {
        case .custom: return "custom"
        case .type: return "type"
        case .import: return "import"
        case .function: return "function"
        case .table: return "table"
        case .memory: return "memory"
        case .global: return "global"
        case .export: return "export"
        case .start: return "start"
        case .element: return "element"
        case .code: return "code"
        case .data: return "data"
        case .dataCount: return "data count"
        case .tag: return "tag"
        }
    }
}

/// The decoding state: the module built so far and the features in force.
struct ModuleDecoder {
    let bytes: [UInt8]
    let features: Features
    var module: Module
    /// Number of imported functions (the index of the first body in the function index space).
    var importedFunctionCount = 0
    /// Whether a `name` custom section was seen (only the first one is parsed).
    var parsedNameSection = false
    /// The first validation error met while decoding ("constant expression required"), thrown
    /// once the whole module is known to be well-formed.
    var deferredError: ModuleError?
    /// Sections left incomplete because of `deferredError`.
    var incompleteSections: Set<UInt8> = []

    init(bytes: [UInt8], features: Features) {
        self.bytes = bytes
        self.features = features
        self.module = Module(bytes: bytes)
    }

    mutating func decode() throws -> Module {
        try decodePreamble()

        var reader = ByteReader(bytes: bytes, position: 8)
        var lastRank = 0
        while !reader.isAtEnd {
            let idOffset = reader.position
            let rawID = try reader.readByte()
            guard let id = SectionID(rawValue: rawID),
                  id != .dataCount || features.contains(.bulkMemory),
                  id != .tag || features.contains(.exceptions) else {
                throw ModuleError.malformed("malformed section id", at: idOffset)
            }
            if id != .custom {
                // A section out of order (or repeated) ends the sequence the format allows, so
                // the bytes from here on are "after the last section".
                guard id.rank > lastRank else {
                    throw ModuleError.malformed("unexpected content after last section", at: idOffset,
                                                section: id.name)
                }
                lastRank = id.rank
            }
            reader.section = id.name
            let size = try reader.readLength()
            guard size <= reader.remaining else {
                throw reader.error(ByteReader.unexpectedEnd, at: reader.end)
            }
            let contentStart = reader.position
            let sectionEnd = contentStart + size
            // As in the reference interpreter, the content is read with only the end of the module
            // as a limit, and its size is checked afterwards. A section whose content runs past its
            // end is thus always rejected, with the error found where the reading went wrong (e.g.
            // an over-long LEB128 integer) or else "section size mismatch".
            var content = ByteReader(bytes: bytes, position: contentStart, section: id.name)
            do {
                try decodeSection(id, &content, end: sectionEnd)
                guard content.position == sectionEnd else {
                    throw content.error("section size mismatch", at: Swift.min(content.position, sectionEnd))
                }
            } catch let error as ModuleError where error.kind == .invalid {
                // A non-constant instruction in a constant expression. Decoding comes before
                // validation, so a malformed module must be reported as such even when this comes
                // first: skip the rest of the section, go on decoding, and report it at the end.
                // (An instruction past the section's end means the section is malformed anyway.)
                guard let offset = error.offset, offset < sectionEnd else {
                    throw ModuleError.malformed("section size mismatch", at: sectionEnd, section: id.name)
                }
                if deferredError == nil { deferredError = error }
                incompleteSections.insert(id.rawValue)
            }
            reader.position = sectionEnd
            reader.section = nil
        }

        guard module.functions.count == module.bodies.count else {
            throw ModuleError.malformed("function and code section have inconsistent lengths",
                                        at: bytes.count)
        }
        if let dataCount = module.dataCount, Int(dataCount) != module.data.count,
           !incompleteSections.contains(SectionID.data.rawValue) {
            throw ModuleError.malformed("data count and data section have inconsistent lengths",
                                        at: bytes.count)
        }
        if let deferredError { throw deferredError }
        return module
    }

    private func decodePreamble() throws {
        guard bytes.count >= 4 else {
            throw ModuleError.malformed(ByteReader.unexpectedEnd, at: bytes.count)
        }
        guard bytes[0] == 0x00, bytes[1] == 0x61, bytes[2] == 0x73, bytes[3] == 0x6D else {
            throw ModuleError.malformed("magic header not detected", at: 0)
        }
        guard bytes.count >= 8 else {
            throw ModuleError.malformed(ByteReader.unexpectedEnd, at: bytes.count)
        }
        guard bytes[4] == 0x01, bytes[5] == 0x00, bytes[6] == 0x00, bytes[7] == 0x00 else {
            throw ModuleError.malformed("unknown binary version", at: 4)
        }
    }

    /// Decodes the content of a section, from `r.position`; `end` is where it should end.
    private mutating func decodeSection(_ id: SectionID, _ r: inout ByteReader, end: Int) throws {
        switch id {
        case .custom: try decodeCustomSection(&r, end: end)
        case .type: try decodeTypeSection(&r)
        case .import: try decodeImportSection(&r)
        case .function: try decodeFunctionSection(&r)
        case .table: try decodeTableSection(&r)
        case .memory: try decodeMemorySection(&r)
        case .global: try decodeGlobalSection(&r)
        case .export: try decodeExportSection(&r)
        case .start: module.start = try r.readU32()
        case .element: try decodeElementSection(&r)
        case .dataCount: module.dataCount = try r.readU32()
        case .code: try decodeCodeSection(&r)
        case .data: try decodeDataSection(&r)
        case .tag: try decodeTagSection(&r)
        }
    }
}
