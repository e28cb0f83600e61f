/// The WebAssembly text format: parse a module and encode it in the binary format.
///
/// ```swift
/// let bytes = try WAT.encode("(module (func (export \"f\") (result i32) i32.const 42))")
/// ```
/// A syntax error throws a `TextError` with its line and column.
public enum WAT {
    /// Encodes a module written as `(module ...)` or as its fields alone.
    public static func encode(_ text: String, options: TextOptions = TextOptions()) throws -> [UInt8] {
        try encode(bytes: Array(text.utf8), options: options)
    }

    /// Encodes a module from its UTF-8 source bytes.
    public static func encode(bytes: [UInt8], options: TextOptions = TextOptions()) throws -> [UInt8] {
        let cursor = try TokenCursor.lex(bytes)
        var parser = ModuleParser(cursor: cursor, options: options)
        return try parser.parseModule(wrapped: cursor.atField("module"))
    }
}
