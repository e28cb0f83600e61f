// Extern names: plain kebab-case names (with the `[constructor]`, `[method]` and `[static]`
// annotations), interface names `ns:pkg/iface@1.0.0`, and the URL, integrity and dependency
// forms; their uniqueness rules. Messages are wasmparser's (and the semver crate's).

/// Whether `s` is kebab-case: words of lowercase letters and digits, or of uppercase letters and
/// digits, separated by single dashes; the first word starts with a letter, later words may be
/// all digits.
func isKebab(_ s: Substring) -> Bool {
    guard !s.isEmpty else { return false }
    var first = true
    for word in s.split(separator: "-", omittingEmptySubsequences: false) {
        guard let c = word.first else { return false }
        if c.isASCII && c.isNumber {
            if first || !word.allSatisfy({ $0.isASCII && $0.isNumber }) { return false }
        } else if ("a"..."z").contains(c) {
            if !word.allSatisfy({ ("a"..."z").contains($0) || ($0.isASCII && $0.isNumber) }) { return false }
        } else if ("A"..."Z").contains(c) {
            if !word.allSatisfy({ ("A"..."Z").contains($0) || ($0.isASCII && $0.isNumber) }) { return false }
        } else {
            return false
        }
        first = false
    }
    return true
}

func isLowerKebab(_ s: Substring) -> Bool { isKebab(s) && !s.contains(where: { ("A"..."Z").contains($0) }) }

/// A parsed extern name.
struct ComponentName {
    enum Kind {
        /// `label`, or a resource function: `[constructor]r`, `[method]r.m`, `[static]r.m`.
        case plain(annotation: Annotation?, label: String)
        case interface(namespace: String, package: String, interface: String, version: String?)
        case url, hash, dependency
    }

    enum Annotation: Equatable {
        case constructor(resource: String)
        case method(resource: String, name: String)
        case `static`(resource: String, name: String)
    }

    let raw: String
    let kind: Kind

    var isPlain: Bool { if case .plain = kind { return true } else { return false } }
    var isBarePlain: Bool { if case .plain(nil, _) = kind { return true } else { return false } }
    var isInterface: Bool { if case .interface = kind { return true } else { return false } }

    init(_ name: String, at offset: Int) throws {
        raw = name
        func fail(_ m: String) -> ComponentError { .invalid(m, at: offset) }
        func kebab(_ s: Substring) throws -> String {
            guard isKebab(s) else { throw fail("`\(s)` is not in kebab case") }
            return String(s)
        }
        func dotted(_ s: Substring) throws -> (String, String) {
            guard let dot = s.firstIndex(of: ".") else { throw fail("failed to find `.` character") }
            return (try kebab(s[..<dot]), try kebab(s[s.index(after: dot)...]))
        }
        for prefix in ["url=", "relative-url=", "integrity=", "locked-dep=", "unlocked-dep="] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard rest.hasPrefix("<"), rest.hasSuffix(">"), rest.count >= 2 else {
                throw fail("expected `<` and `>` around the contents of `\(name)`")
            }
            kind = prefix.hasSuffix("url=") ? .url : prefix == "integrity=" ? .hash : .dependency
            return
        }
        if name.hasPrefix("[constructor]") {
            kind = .plain(annotation: .constructor(resource: try kebab(name.dropFirst(13))), label: name)
        } else if name.hasPrefix("[method]") {
            let (r, m) = try dotted(name.dropFirst(8))
            kind = .plain(annotation: .method(resource: r, name: m), label: name)
        } else if name.hasPrefix("[static]") {
            let (r, m) = try dotted(name.dropFirst(8))
            kind = .plain(annotation: .static(resource: r, name: m), label: name)
        } else if let colon = name.firstIndex(of: ":") {
            let ns = name[..<colon]
            guard isKebab(ns) else { throw fail("`\(ns)` is not in kebab case") }
            guard isLowerKebab(ns) else { throw fail("`\(ns)` is not a lowercase kebab-case namespace") }
            let rest = name[name.index(after: colon)...]
            let pkgEnd = rest.firstIndex(where: { $0 == "/" || $0 == ":" || $0 == "@" }) ?? rest.endIndex
            let pkg = rest[..<pkgEnd]
            guard isKebab(pkg) else { throw fail("`\(pkg)` is not in kebab case") }
            guard isLowerKebab(pkg) else { throw fail("`\(pkg)` is not a lowercase kebab-case package name") }
            guard pkgEnd < rest.endIndex, rest[pkgEnd] == "/" else { throw fail("expected `/` after package name") }
            let ifaceStart = rest.index(after: pkgEnd)
            let tail = rest[ifaceStart...]
            let ifaceEnd = tail.firstIndex(where: { $0 == "/" || $0 == "@" }) ?? tail.endIndex
            let iface = tail[..<ifaceEnd]
            guard isKebab(iface) else { throw fail("`\(iface)` is not in kebab case") }
            var version: String?
            if ifaceEnd < tail.endIndex {
                if tail[ifaceEnd] == "/" { throw fail("trailing characters found: `\(tail[ifaceEnd...])`") }
                let v = String(tail[tail.index(after: ifaceEnd)...])
                try SemanticVersion.validate(v, at: offset)
                version = v
            }
            kind = .interface(namespace: String(ns), package: String(pkg), interface: String(iface), version: version)
        } else {
            kind = .plain(annotation: nil, label: try kebab(name[...]))
        }
    }

    /// Two names that a component may not both import (or both export): equal without regard
    /// to case, `[method]r.m` and `[static]r.m`, or `l` and `[*]l.l`.
    func conflicts(with other: ComponentName) -> Bool {
        switch (kind, other.kind) {
        case (.plain(let a, let la), .plain(let b, let lb)):
            switch (a, b) {
            case (nil, nil): return kebabEqual(la, lb)
            case (.constructor(let x)?, .constructor(let y)?): return kebabEqual(x, y)
            case (.method(let r1, let m1)?, .method(let r2, let m2)?), (.method(let r1, let m1)?, .static(let r2, let m2)?),
                 (.static(let r1, let m1)?, .method(let r2, let m2)?), (.static(let r1, let m1)?, .static(let r2, let m2)?):
                return kebabEqual(r1, r2) && kebabEqual(m1, m2)
            case (nil, .method(let r, let m)?), (nil, .static(let r, let m)?):
                return kebabEqual(la, r) && kebabEqual(la, m)
            case (.method(let r, let m)?, nil), (.static(let r, let m)?, nil):
                return kebabEqual(lb, r) && kebabEqual(lb, m)
            default: return false
            }
        case (.interface, .interface):
            return raw == other.raw
        case (.url, .url), (.hash, .hash), (.dependency, .dependency):
            return raw == other.raw
        default:
            return false
        }
    }
}

/// Semantic versions as the semver crate parses them, with its error words.
enum SemanticVersion {
    static func validate(_ s: String, at offset: Int) throws {
        func fail(_ m: String) -> ComponentError { .invalid("failed to parse version: \(m)", at: offset) }
        let chars = Array(s)
        if chars.isEmpty { throw fail("empty string, expected a semver version") }
        var i = 0
        let positions = ["major", "minor", "patch"]
        for (n, pos) in positions.enumerated() {
            guard i < chars.count else { throw fail("unexpected end of input while parsing \(pos) version number") }
            guard chars[i].isASCII, chars[i].isNumber else {
                throw fail("unexpected character '\(chars[i])' while parsing \(pos) version number")
            }
            let start = i
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
            if chars[start] == "0" && i - start > 1 { throw fail("invalid leading zero in \(pos) version number") }
            if n < 2 {
                guard i < chars.count else { throw fail("unexpected end of input while parsing \(positions[n + 1]) version number") }
                guard chars[i] == "." else { throw fail("unexpected character '\(chars[i])' after \(pos) version number") }
                i += 1
            }
        }
        for (marker, what) in [("-", "pre-release identifier"), ("+", "build metadata")] {
            guard i < chars.count, chars[i] == Character(marker) else { continue }
            i += 1
            while true {
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "-" { i += 1 }
                if i == start { throw fail("empty identifier segment in \(what)") }
                if i < chars.count, chars[i] == "." { i += 1; continue }
                break
            }
        }
        if i < chars.count { throw fail("unexpected character '\(chars[i])' after patch version number") }
    }
}
