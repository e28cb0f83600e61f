/// Why a component was rejected: malformed (its bytes do not follow the binary format) or invalid
/// (well-formed, but it breaks a validation rule). Messages use the words of the reference tests
/// (wasm-tools' wasmparser), and say where: the byte offset, the section and the item index.
public struct ComponentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Malformed or invalid.
    public enum Kind: String, Hashable, Sendable {
        /// The bytes do not follow the binary format.
        case malformed
        /// Well-formed, but a validation rule is broken.
        case invalid
    }

    /// Malformed or invalid.
    public var kind: Kind
    /// The rule broken (e.g. "invalid leading byte (0x62) for component defined type").
    public var message: String
    /// Byte offset in the outermost component's bytes.
    public var offset: Int
    /// The section the error was found in (e.g. "type"), when known.
    public var section: String?
    /// The index of the item of that section (0 for the first), when known.
    public var index: Int?

    /// An error of `kind` at `offset`.
    public init(_ kind: Kind, _ message: String, offset: Int, section: String? = nil, index: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.section = section
        self.index = index
    }

    static func malformed(_ message: String, at offset: Int) -> ComponentError {
        ComponentError(.malformed, message, offset: offset)
    }

    static func invalid(_ message: String, at offset: Int) -> ComponentError {
        ComponentError(.invalid, message, offset: offset)
    }

    /// Wraps the message as wasmparser does with context: "context: message".
    func context(_ text: String) -> ComponentError {
        var e = self
        e.message = "\(text): \(message)"
        return e
    }

    /// "invalid component: MESSAGE (type section, item 2, offset 0x1a)".
    public var description: String {
        var parts: [String] = []
        if let section { parts.append("\(section) section") }
        if let index { parts.append("item \(index)") }
        parts.append("offset 0x\(String(offset, radix: 16))")
        return "\(kind.rawValue) component: \(message) (\(parts.joined(separator: ", ")))"
    }
}
