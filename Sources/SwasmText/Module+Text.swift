import Swasm

extension Module {
    /// Parses a module in the WebAssembly text format, then decodes, validates and compiles it.
    ///
    /// ```swift
    /// let module = try Module(text: "(module (func (export \"f\") (result i32) i32.const 42))")
    /// ```
    /// A syntax error throws a `TextError` (with line and column); an invalid module throws a
    /// `ModuleError`, as `Module(bytes:)` does.
    public convenience init(text: String, textOptions: TextOptions = TextOptions()) throws {
        try self.init(bytes: try WAT.encode(text, options: textOptions))
    }

    /// Parses a text module and loads it under the rules of `features`.
    public convenience init(text: String, features: Features, options: CompilationOptions = .init(),
                            textOptions: TextOptions = TextOptions()) throws {
        try self.init(bytes: try WAT.encode(text, options: textOptions), features: features, options: options)
    }
}

extension WAT {
    /// True when `bytes` look like a text module: after white space and comments, a `(` (or
    /// nothing: the empty module).
    public static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: ";") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ";"):
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            case UInt8(ascii: "("):
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ";") else { return true }
                var depth = 0
                repeat {
                    if bytes[i] == UInt8(ascii: "("), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ";") {
                        depth += 1
                        i += 2
                    } else if bytes[i] == UInt8(ascii: ";"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ")") {
                        depth -= 1
                        i += 2
                    } else {
                        i += 1
                    }
                } while depth > 0 && i < bytes.count
            default:
                return false
            }
        }
        return true
    }
}
