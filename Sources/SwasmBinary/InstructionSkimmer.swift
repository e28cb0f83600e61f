/// Decodes a function body's instructions without validating them, to find malformed encodings.
///
/// The binary format is decoded in full before validation, so a module that is both malformed and
/// invalid must be reported as malformed. The compiler validates while it decodes; when it finds
/// an invalid function, it uses this skimmer on the remaining bodies to decide which error wins.
public struct InstructionSkimmer {
    var reader: ByteReader
    let features: Features
    let hasDataCount: Bool
    let dataSegmentCount: Int

    /// `dataSegmentCount`: segments in the data section. Without a data count section, an index
    /// that names one of them makes the body malformed (one that names none is left to validation).
    public init(bytes: [UInt8], body: FunctionBody, features: Features, hasDataCount: Bool, dataSegmentCount: Int) {
        reader = ByteReader(bytes: bytes, position: body.code.lowerBound, end: body.code.upperBound, section: "code")
        self.features = features
        self.hasDataCount = hasDataCount
        self.dataSegmentCount = dataSegmentCount
    }

    /// Throws the first malformed encoding in the body, if any.
    public mutating func skim() throws {
        var depth = 1
        while true {
            guard !reader.isAtEnd else { throw reader.error("unexpected end of section or function") }
            let at = reader.position
            let opcode = try reader.readByte()
            switch opcode {
            case 0x0B:
                depth -= 1
                if depth == 0 {
                    guard reader.isAtEnd else { throw reader.error("section size mismatch") }
                    return
                }
            case 0x02, 0x03, 0x04:
                try skipBlockType()
                depth += 1
            case 0x00, 0x01, 0x05, 0x0F, 0x1A, 0x1B: break
            case 0x0C, 0x0D: _ = try reader.readU32()
            case 0x0E:
                let count = try reader.readU32()
                guard Int(count) < reader.remaining else { throw reader.error("unexpected end") }
                for _ in 0...count { _ = try reader.readU32() }
            case 0x10: _ = try reader.readU32()
            case 0x11:
                _ = try reader.readU32()
                if features.contains(.referenceTypes) {
                    _ = try reader.readU32()
                } else if try reader.readByte() != 0 {
                    throw reader.error("zero byte expected", at: reader.position - 1)
                }
            case 0x12 where features.contains(.tailCall): _ = try reader.readU32()
            case 0x08 where features.contains(.exceptions): _ = try reader.readU32()
            case 0x0A where features.contains(.exceptions): break
            case 0x1F where features.contains(.exceptions):
                try skipBlockType()
                let count = try reader.readU32()
                guard Int(count) <= reader.remaining else { throw reader.error("unexpected end") }
                for _ in 0..<count {
                    let kindAt = reader.position
                    let kind = try reader.readByte()
                    guard kind <= 3 else { throw reader.error("malformed catch clause", at: kindAt) }
                    if kind < 2 { _ = try reader.readU32() }
                    _ = try reader.readU32()
                }
                depth += 1
            case 0x06, 0x07, 0x09, 0x18, 0x19:
                throw reader.error(Self.legacyExceptionMessage(opcode), at: at)
            case 0x13 where features.contains(.tailCall):
                _ = try reader.readU32()
                _ = try reader.readU32()
            case 0x1C where features.contains(.referenceTypes):
                let count = try reader.readU32()
                guard Int(count) <= reader.remaining else { throw reader.error("unexpected end") }
                for _ in 0..<count { _ = try reader.readValueType(features) }
            case 0x20...0x24: _ = try reader.readU32()
            case 0x25 where features.contains(.referenceTypes), 0x26 where features.contains(.referenceTypes):
                _ = try reader.readU32()
            case 0x28...0x3E: try skipMemoryArgument()
            case 0x3F, 0x40: _ = try reader.readMemoryIndex(features)
            case 0x41: _ = try reader.readS32()
            case 0x42: _ = try reader.readS64()
            case 0x43: _ = try reader.readF32Bits()
            case 0x44: _ = try reader.readF64Bits()
            case 0x45...0xBF: break
            case 0xC0...0xC4 where features.contains(.signExtension): break
            case 0xD0 where features.contains(.referenceTypes):
                _ = try reader.readHeapType(features)
            case 0x14 where features.contains(.functionReferences): _ = try reader.readU32()
            case 0x15 where features.contains(.functionReferences) && features.contains(.tailCall): _ = try reader.readU32()
            case 0xD4 where features.contains(.functionReferences): break
            case 0xD5 where features.contains(.functionReferences), 0xD6 where features.contains(.functionReferences):
                _ = try reader.readU32()
            case 0xD1 where features.contains(.referenceTypes): break
            case 0xD2 where features.contains(.referenceTypes): _ = try reader.readU32()
            case 0xFC: try skipPrefixFC(at)
            case 0xFD where features.contains(.simd): try skipPrefixFD(at)
            default:
                throw reader.error("illegal opcode \(String(opcode, radix: 16))", at: at)
            }
        }
    }

    /// The legacy exception handling instructions (Emscripten's default before 3.0) are not
    /// supported: say so instead of a bare "illegal opcode".
    public static func legacyExceptionMessage(_ opcode: UInt8) -> String {
        let names: [UInt8: String] = [0x06: "try", 0x07: "catch", 0x09: "rethrow", 0x18: "delegate", 0x19: "catch_all"]
        return "illegal opcode \(String(opcode, radix: 16, uppercase: false).count < 2 ? "0" : "")\(String(opcode, radix: 16)) "
            + "(`\(names[opcode] ?? "?")` of the legacy exception handling proposal, which swasm does not support: "
            + "use try_table, e.g. by compiling with -mllvm -wasm-use-legacy-eh=false)"
    }

    mutating func skipBlockType() throws {
        let b = try reader.peekByte()
        if b == 0x40 {
            reader.position += 1
        } else if reader.startsValueType(b, features) {
            _ = try reader.readValueType(features)
        } else if features.contains(.multiValue) {
            _ = try reader.readSigned(bits: 33)
        } else {
            throw reader.error("malformed block type")
        }
    }

    mutating func skipMemoryArgument() throws {
        _ = try reader.readMemoryArgument(features)
    }

    mutating func skipPrefixFC(_ at: Int) throws {
        let sub = try reader.readU32()
        let tableOperations = features.contains(.bulkMemory) || features.contains(.referenceTypes)
        switch sub {
        case 0...7 where features.contains(.saturatingFloatToInt): break
        case 8 where features.contains(.bulkMemory):
            let index = try reader.readU32()
            guard hasDataCount || Int(index) >= dataSegmentCount else { throw reader.error("data count section required", at: at) }
            _ = try reader.readMemoryIndex(features)
        case 9 where features.contains(.bulkMemory):
            let index = try reader.readU32()
            guard hasDataCount || Int(index) >= dataSegmentCount else { throw reader.error("data count section required", at: at) }
        case 10 where features.contains(.bulkMemory):
            _ = try reader.readMemoryIndex(features)
            _ = try reader.readMemoryIndex(features)
        case 11 where features.contains(.bulkMemory):
            _ = try reader.readMemoryIndex(features)
        case 12 where tableOperations, 14 where tableOperations:
            _ = try reader.readU32()
            _ = try reader.readU32()
        case 13 where tableOperations:
            _ = try reader.readU32()
        case 15 where features.contains(.referenceTypes), 16 where features.contains(.referenceTypes),
             17 where features.contains(.referenceTypes):
            _ = try reader.readU32()
        default:
            throw reader.error("illegal opcode fc \(sub)", at: at)
        }
    }

    mutating func skipPrefixFD(_ at: Int) throws {
        let sub = try reader.readU32()
        if SIMDOpcodeInfo.relaxed.contains(sub) && features.contains(.relaxedSIMD) { return }
        guard sub <= 0xFF, let immediate = SIMDOpcodeInfo.immediate(UInt8(sub)) else {
            throw reader.error("illegal opcode fd \(sub)", at: at)
        }
        switch immediate {
        case .noImmediate: break
        case .memory: try skipMemoryArgument()
        case .memoryLane:
            try skipMemoryArgument()
            _ = try reader.readByte()
        case .lane: _ = try reader.readByte()
        case .bytes16: try reader.skip(16)
        }
    }
}

/// The immediates of each SIMD (0xFD-prefixed) instruction.
public enum SIMDOpcodeInfo {
    /// What follows the sub-opcode in the binary encoding.
    public enum Immediate {
        case noImmediate
        case memory
        case memoryLane
        case lane
        case bytes16
    }

    /// The relaxed SIMD sub-opcodes (`Features.relaxedSIMD`); none has an immediate.
    public static let relaxed: ClosedRange<UInt32> = 0x100...0x113

    /// nil for sub-opcodes that are not instructions (below 0x100: see `relaxed` for the rest).
    public static func immediate(_ sub: UInt8) -> Immediate? {
        switch sub {
        case 0x00...0x0B, 0x5C, 0x5D: return .memory
        case 0x0C, 0x0D: return .bytes16
        case 0x15...0x22: return .lane
        case 0x54...0x5B: return .memoryLane
        case 0x9A, 0xA2, 0xA5, 0xA6, 0xAF, 0xB0, 0xB2, 0xB3, 0xB4, 0xBB, 0xC2, 0xC5, 0xC6, 0xCF, 0xD0,
             0xD2, 0xD3, 0xD4, 0xE2, 0xEE:
            return nil
        default: return .noImmediate
        }
    }
}
