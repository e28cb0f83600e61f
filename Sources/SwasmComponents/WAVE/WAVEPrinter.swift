// Writing values in WAVE, character for character as wasm-wave's writer does (so that
// `swasm run --invoke` prints what `wasmtime run --invoke` prints).

extension WAVE {
    /// `value` in WAVE: `{name: "Rust", num: 3}`, `["a", "b"]`, `some(1)`, `err("x")`. Record
    /// fields that are `none` are left out (`{:}` when none is left); floats are written in
    /// shortest positional form (`1`, `0.1`, `100000000000000000000`, `nan`, `-inf`).
    public static func print(_ value: ComponentValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    static func write(_ value: ComponentValue, to out: inout String) {
        switch value {
        case .bool(let b): out += b ? "true" : "false"
        case .s8(let v): out += String(v)
        case .u8(let v): out += String(v)
        case .s16(let v): out += String(v)
        case .u16(let v): out += String(v)
        case .s32(let v): out += String(v)
        case .u32(let v): out += String(v)
        case .s64(let v): out += String(v)
        case .u64(let v): out += String(v)
        case .f32(let bits): out += positional(Float(bitPattern: bits))
        case .f64(let bits): out += positional(Double(bitPattern: bits))
        case .char(let c):
            out += "'"
            escape(c, into: &out)
            out += "'"
        case .string(let s):
            out += "\""
            for c in s.unicodeScalars { escape(c, into: &out) }
            out += "\""
        case .list(let items): list(items, "[", "]", &out)
        case .tuple(let items): list(items, "(", ")", &out)
        case .record(let fields):
            out += "{"
            var first = true
            for field in fields {
                if case .option(nil) = field.value { continue }
                if !first { out += ", " }
                first = false
                out += field.name + ": "
                write(field.value, to: &out)
            }
            if first { out += ":" }
            out += "}"
        case .variant(let name, let payload):
            label(name, &out)
            if let payload {
                out += "("
                write(payload, to: &out)
                out += ")"
            }
        case .enum(let name): label(name, &out)
        case .option(let payload):
            if let payload {
                out += "some("
                write(payload, to: &out)
                out += ")"
            } else {
                out += "none"
            }
        case .result(let isError, let payload):
            out += isError ? "err" : "ok"
            if let payload {
                out += "("
                write(payload, to: &out)
                out += ")"
            }
        case .flags(let names): out += "{" + names.joined(separator: ", ") + "}"
        case .resource(let handle):
            // WAVE has no syntax for handles (wasm-wave refuses them): say what it is.
            out += "\(handle.isOwned ? "own" : "borrow")<\(handle.type)>(\(handle.representation))"
        }
    }

    private static func list(_ items: [ComponentValue], _ open: String, _ close: String, _ out: inout String) {
        out += open
        for (i, item) in items.enumerated() {
            if i > 0 { out += ", " }
            write(item, to: &out)
        }
        out += close
    }

    /// A case label; keywords get `%`.
    private static func label(_ name: String, _ out: inout String) {
        if WAVEParser.keywords.contains(name) { out += "%" }
        out += name
    }

    /// One character of a char or string literal: the quotes, `\`, tab, CR and LF as `\x`
    /// escapes; controls, unprintable characters and combining marks as `\u{hex}`.
    static func escape(_ c: Unicode.Scalar, into out: inout String) {
        switch c {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "'": out += "\\'"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\n": out += "\\n"
        default:
            if needsUnicodeEscape(c) {
                out += "\\u{" + String(c.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(c)
            }
        }
    }

    private static func needsUnicodeEscape(_ c: Unicode.Scalar) -> Bool {
        if c.properties.isGraphemeExtend { return true }
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return true
        case .spaceSeparator:
            return c != " "
        default:
            return false
        }
    }

    /// The shortest digits that read back as `x`, written without an exponent.
    static func positional<T: BinaryFloatingPoint & CustomStringConvertible>(_ x: T) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // Swift's description has the shortest round-trip digits, maybe with an exponent.
        var text = Substring(x.description)
        var sign = ""
        if text.first == "-" {
            sign = "-"
            text.removeFirst()
        }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...].replacingPlus) ?? 0
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? ""
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array(whole + fraction)
        var point = whole.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return sign + "0" }
        let d = String(digits)
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + d }
        if point >= digits.count { return sign + d + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }
}

private extension Substring {
    var replacingPlus: Substring { first == "+" ? dropFirst() : self }
}
