/// Why a text module or script was rejected: the message (in the words of the specification's
/// test suite: "unexpected token", "unknown operator", ...) and where, as 1-based line and column.
public struct TextError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in the spec suite's words where it has them.
    public var message: String
    /// 1-based line of the offending token.
    public var line: Int
    /// 1-based column of the offending token.
    public var column: Int

    /// An error at `line`:`column`.
    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// A position in the source: a byte offset, turned into line:column only when an error is reported.
struct SourceText {
    let bytes: [UInt8]

    /// 1-based line and column (in characters) of byte `offset`.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var i = 0
        let end = min(max(offset, 0), bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    func error(_ message: String, at offset: Int) -> TextError {
        let (line, column) = location(of: offset)
        return TextError(message, line: line, column: column)
    }
}
