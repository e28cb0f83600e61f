/// UTF-8 well-formedness, as the binary and text formats define it (no surrogates, no
/// overlong forms, nothing above U+10FFFF).
enum UTF8Validation {
    /// Length of the well-formed sequence starting at `offset`, or nil.
    static func sequenceLength(_ bytes: [UInt8], at offset: Int) -> Int? {
        let n = bytes.count
        let b0 = bytes[offset]
        if b0 < 0x80 { return 1 }
        func cont(_ i: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset + i < n && bytes[offset + i] >= low && bytes[offset + i] <= high
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : nil
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : nil
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : nil
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : nil
        default: return nil
        }
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            guard let length = sequenceLength(bytes, at: i) else { return false }
            i += length
        }
        return true
    }
}

/// String literals: the lexer has checked the syntax, so decoding cannot fail.
enum StringLiteral {
    /// The bytes a string literal `bytes[start..<end]` (quotes included) stands for.
    static func decode(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start + 1
        let last = end - 1
        while i < last {
            let b = bytes[i]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A); i += 2
            case UInt8(ascii: "r"): out.append(0x0D); i += 2
            case UInt8(ascii: "t"): out.append(0x09); i += 2
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e); i += 2
            case UInt8(ascii: "u"):
                i += 3
                var value: UInt32 = 0
                while bytes[i] != UInt8(ascii: "}") {
                    if let d = NumberSyntax.hexValue(bytes[i]) { value = value &* 16 &+ UInt32(d) }
                    i += 1
                }
                i += 1
                appendUTF8(value, to: &out)
            default:
                let high = NumberSyntax.hexValue(e) ?? 0
                let low = NumberSyntax.hexValue(bytes[i + 2]) ?? 0
                out.append(high << 4 | low)
                i += 3
            }
        }
        return out
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

/// The shapes of numeric literals, and their values.
enum NumberSyntax {
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func isDigit(_ b: UInt8, hex: Bool) -> Bool {
        hex ? hexValue(b) != nil : (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// Skips `digit ('_'? digit)*` from `i`; returns the end, or nil if there is none or an
    /// underscore is misplaced.
    static func digits(_ bytes: [UInt8], _ i: Int, _ end: Int, hex: Bool) -> Int? {
        guard i < end, isDigit(bytes[i], hex: hex) else { return nil }
        var j = i + 1
        while j < end {
            if bytes[j] == UInt8(ascii: "_") {
                guard j + 1 < end, isDigit(bytes[j + 1], hex: hex) else { return nil }
                j += 2
            } else if isDigit(bytes[j], hex: hex) {
                j += 1
            } else {
                break
            }
        }
        return j
    }

    static func matches(_ bytes: [UInt8], _ i: Int, _ end: Int, _ literal: String) -> Bool {
        let l = Array(literal.utf8)
        guard end - i == l.count else { return false }
        for k in 0..<l.count where bytes[i + k] != l[k] { return false }
        return true
    }

    static func hasPrefix(_ bytes: [UInt8], _ i: Int, _ end: Int, _ literal: String) -> Bool {
        let l = Array(literal.utf8)
        guard end - i >= l.count else { return false }
        for k in 0..<l.count where bytes[i + k] != l[k] { return false }
        return true
    }

    /// `.integer`, `.float`, or nil when `bytes[start..<end]` is not a number.
    static func classify(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Token.Kind? {
        var i = start
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { return nil }
        if matches(bytes, i, end, "inf") || matches(bytes, i, end, "nan") { return .float }
        if hasPrefix(bytes, i, end, "nan:0x") {
            return digits(bytes, i + 6, end, hex: true) == end ? .float : nil
        }
        let hex = hasPrefix(bytes, i, end, "0x")
        if hex { i += 2 }
        guard var j = digits(bytes, i, end, hex: hex) else { return nil }
        if j == end { return .integer }
        if bytes[j] == UInt8(ascii: ".") {
            j += 1
            if j < end, isDigit(bytes[j], hex: hex) {
                guard let k = digits(bytes, j, end, hex: hex) else { return nil }
                j = k
            }
            if j == end { return .float }
        }
        let e = bytes[j]
        guard hex ? (e == UInt8(ascii: "p") || e == UInt8(ascii: "P")) : (e == UInt8(ascii: "e") || e == UInt8(ascii: "E")) else {
            return nil
        }
        j += 1
        if j < end, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
        return digits(bytes, j, end, hex: false) == end ? .float : nil
    }

    /// The magnitude of an integer literal (sign stripped) and whether it was negative; nil when
    /// it does not fit in 64 bits.
    static func integer(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (magnitude: UInt64, negative: Bool, signed: Bool)? {
        var i = start
        var negative = false, signed = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            signed = true
            i += 1
        }
        var hex = false
        if hasPrefix(bytes, i, end, "0x") {
            hex = true
            i += 2
        }
        var value: UInt64 = 0
        let base: UInt64 = hex ? 16 : 10
        while i < end {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "_") { continue }
            guard let d = hexValue(b) else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            value = s
        }
        return (value, negative, signed)
    }

    /// The bit pattern of a float literal, rounded to nearest-even; nil when it is out of range.
    static func float(_ bytes: [UInt8], _ start: Int, _ end: Int, bits: Int) -> UInt64? {
        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        let signBit: UInt64 = negative ? (bits == 32 ? 0x8000_0000 : 0x8000_0000_0000_0000) : 0
        let exponentMask: UInt64 = bits == 32 ? 0x7F80_0000 : 0x7FF0_0000_0000_0000
        let mantissaMask: UInt64 = bits == 32 ? 0x007F_FFFF : 0x000F_FFFF_FFFF_FFFF
        if matches(bytes, i, end, "inf") { return signBit | exponentMask }
        if matches(bytes, i, end, "nan") { return signBit | exponentMask | (mantissaMask + 1) >> 1 }
        if hasPrefix(bytes, i, end, "nan:0x") {
            guard let (payload, _, _) = integer(bytes, i + 4, end), payload != 0, payload <= mantissaMask else { return nil }
            return signBit | exponentMask | payload
        }
        var text = ""
        text.reserveCapacity(end - i + 2)
        if negative { text.append("-") }
        for k in i..<end where bytes[k] != UInt8(ascii: "_") { text.unicodeScalars.append(Unicode.Scalar(bytes[k])) }
        // A hex literal with no fraction digits and no exponent ("0x1.") needs an exponent for strtod.
        if hasPrefix(bytes, i, end, "0x"), !text.contains("p"), !text.contains("P") { text += "p0" }
        if bits == 32 {
            guard let f = Float(text), f.isFinite else { return nil }
            return UInt64(f.bitPattern)
        }
        guard let d = Double(text), d.isFinite else { return nil }
        return d.bitPattern
    }
}
