/// Why a module was rejected before it could run: it is malformed (the bytes do not follow the
/// binary format) or invalid (well-formed, but breaks a typing or structural rule).
public struct ModuleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which of the two ways the module was rejected (or a limit of this implementation).
    public enum Kind: String, Hashable, Sendable {
        /// The bytes do not follow the binary format (the spec suite's `assert_malformed`).
        case malformed
        /// Well-formed, but breaks a validation rule (the spec suite's `assert_invalid`).
        case invalid
        /// Valid, but beyond what this implementation supports (e.g. a function with more
        /// than 65,535 value slots).
        case implementationLimit = "unsupported"
    }

    /// Malformed, invalid or beyond an implementation limit.
    public var kind: Kind
    /// The rule broken, in the words of the specification's test suite where it has any
    /// (e.g. "unexpected end", "type mismatch: expected i32, found f64").
    public var message: String
    /// File offset of the offending byte, when known.
    public var offset: Int?
    /// Section in which the error was found (e.g. "code"), when known.
    public var section: String?
    /// Index of the function (in the function index space) being decoded or validated, when known.
    public var functionIndex: Int?

    /// An error of `kind` with the rule broken (`message`) and where, as far as known.
    public init(_ kind: Kind, _ message: String, offset: Int? = nil, section: String? = nil,
                functionIndex: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.section = section
        self.functionIndex = functionIndex
    }

    /// A malformed-module error at file offset `offset`.
    public static func malformed(_ message: String, at offset: Int? = nil, section: String? = nil) -> ModuleError {
        ModuleError(.malformed, message, offset: offset, section: section)
    }

    /// An invalid-module error at file offset `offset`, in function `function` when known.
    public static func invalid(_ message: String, at offset: Int? = nil, section: String? = nil,
                               function: Int? = nil) -> ModuleError {
        ModuleError(.invalid, message, offset: offset, section: section, functionIndex: function)
    }

    /// "malformed module: unexpected end (code section, function 3, offset 0x1a)".
    public var description: String {
        var where_: [String] = []
        if let section { where_.append("\(section) section") }
        if let functionIndex { where_.append("function \(functionIndex)") }
        if let offset { where_.append("offset 0x\(String(offset, radix: 16))") }
        let location = where_.isEmpty ? "" : " (" + where_.joined(separator: ", ") + ")"
        return "\(kind.rawValue) module: \(message)\(location)"
    }
}
