// The typed Swift path: Swift values to and from component values of given WIT types.

/// A Swift type that converts itself to and from component values.
///
/// The standard library's numbers, `Bool`, `String`, `Unicode.Scalar`, `Character`, arrays,
/// optionals and `Result` conform, as do `ComponentValue` and `ResourceHandle`. Any other
/// `Codable` type converts through `ComponentValueEncoder` and `ComponentValueDecoder`
/// (structs as records, enums as enums or variants), which use this protocol for the
/// conforming types they meet inside.
public protocol ComponentValueConvertible {
    /// The value as a component value of `type`; throws `ComponentTypeMismatch` when it
    /// cannot be one (a number out of range, a missing field, ...).
    func componentValue(as type: ComponentValueType) throws -> ComponentValue
    /// The Swift value of `value`, a component value of `type`.
    init(componentValue value: ComponentValue, as type: ComponentValueType) throws
}

func typeMismatch(_ type: ComponentValueType, found: String) -> ComponentTypeMismatch {
    ComponentTypeMismatch(expected: type.witText, found: found)
}

/// A component value of `type` cannot become a `swiftType`.
func decodeMismatch(_ swiftType: Any.Type, _ type: ComponentValueType) -> ComponentTypeMismatch {
    ComponentTypeMismatch(expected: "\(swiftType)", found: type.witText)
}

/// The integer a component value holds, if it is an integer.
private func integerValue(_ value: ComponentValue) -> (signed: Int64?, unsigned: UInt64?)? {
    switch value {
    case .s8(let v): return (Int64(v), v >= 0 ? UInt64(v) : nil)
    case .s16(let v): return (Int64(v), v >= 0 ? UInt64(v) : nil)
    case .s32(let v): return (Int64(v), v >= 0 ? UInt64(v) : nil)
    case .s64(let v): return (v, v >= 0 ? UInt64(v) : nil)
    case .u8(let v): return (Int64(v), UInt64(v))
    case .u16(let v): return (Int64(v), UInt64(v))
    case .u32(let v): return (Int64(v), UInt64(v))
    case .u64(let v): return (Int64(exactly: v), v)
    default: return nil
    }
}

/// A component integer of `type` holding `value`, if it fits.
func integerComponentValue<I: BinaryInteger>(_ value: I, as type: ComponentValueType) -> ComponentValue? {
    switch type {
    case .s8: return Int8(exactly: value).map { .s8($0) }
    case .s16: return Int16(exactly: value).map { .s16($0) }
    case .s32: return Int32(exactly: value).map { .s32($0) }
    case .s64: return Int64(exactly: value).map { .s64($0) }
    case .u8: return UInt8(exactly: value).map { .u8($0) }
    case .u16: return UInt16(exactly: value).map { .u16($0) }
    case .u32: return UInt32(exactly: value).map { .u32($0) }
    case .u64: return UInt64(exactly: value).map { .u64($0) }
    default: return nil
    }
}

/// A Swift integer from a component integer, if it fits.
func swiftInteger<I: FixedWidthInteger>(_ value: ComponentValue, _: I.Type) -> I? {
    guard let (signed, unsigned) = integerValue(value) else { return nil }
    if let unsigned, let v = I(exactly: unsigned) { return v }
    if let signed, let v = I(exactly: signed) { return v }
    return nil
}

extension ComponentValueConvertible where Self: FixedWidthInteger {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        guard let v = integerComponentValue(self, as: type) else { throw typeMismatch(type, found: "\(Self.self) \(self)") }
        return v
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        guard let v = swiftInteger(value, Self.self) else { throw decodeMismatch(Self.self, type) }
        self = v
    }
}

extension Int: ComponentValueConvertible {}
extension Int8: ComponentValueConvertible {}
extension Int16: ComponentValueConvertible {}
extension Int32: ComponentValueConvertible {}
extension Int64: ComponentValueConvertible {}
extension UInt: ComponentValueConvertible {}
extension UInt8: ComponentValueConvertible {}
extension UInt16: ComponentValueConvertible {}
extension UInt32: ComponentValueConvertible {}
extension UInt64: ComponentValueConvertible {}

extension Bool: ComponentValueConvertible {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        guard type == .bool else { throw typeMismatch(type, found: "Bool") }
        return .bool(self)
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        guard case .bool(let b) = value else { throw decodeMismatch(Self.self, type) }
        self = b
    }
}

extension Float: ComponentValueConvertible {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        switch type {
        case .f32: return .f32(bitPattern: bitPattern)
        case .f64: return .f64(bitPattern: Double(self).bitPattern)
        default: throw typeMismatch(type, found: "Float")
        }
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        switch value {
        case .f32(let bits): self = Float(bitPattern: bits)
        case .f64(let bits): self = Float(Double(bitPattern: bits))
        default: throw decodeMismatch(Self.self, type)
        }
    }
}

extension Double: ComponentValueConvertible {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        switch type {
        case .f64: return .f64(bitPattern: bitPattern)
        case .f32: return .f32(bitPattern: Float(self).bitPattern)
        default: throw typeMismatch(type, found: "Double")
        }
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        switch value {
        case .f64(let bits): self = Double(bitPattern: bits)
        case .f32(let bits): self = Double(Float(bitPattern: bits))
        default: throw decodeMismatch(Self.self, type)
        }
    }
}

extension String: ComponentValueConvertible {
    /// A string, or the label of an `enum` type (Swift camelCase matches a kebab-case label).
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        switch type {
        case .string: return .string(self)
        case .enum(let labels):
            guard let label = labels.first(where: { $0 == self || $0 == kebabCased(self) }) else {
                throw typeMismatch(type, found: "String \"\(self)\"")
            }
            return .enum(label)
        case .char:
            guard unicodeScalars.count == 1, let c = unicodeScalars.first else { throw typeMismatch(type, found: "String") }
            return .char(c)
        default: throw typeMismatch(type, found: "String")
        }
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        switch value {
        case .string(let s): self = s
        case .char(let c): self = String(c)
        case .enum(let label): self = label
        default: throw decodeMismatch(Self.self, type)
        }
    }
}

extension Unicode.Scalar: ComponentValueConvertible {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        guard type == .char else { throw typeMismatch(type, found: "Unicode.Scalar") }
        return .char(self)
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        guard case .char(let c) = value else { throw decodeMismatch(Self.self, type) }
        self = c
    }
}

extension Character: ComponentValueConvertible {
    /// A character of one Unicode scalar, as a `char`.
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        guard type == .char, unicodeScalars.count == 1, let c = unicodeScalars.first else {
            throw typeMismatch(type, found: "Character \"\(self)\"")
        }
        return .char(c)
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        guard case .char(let c) = value else { throw decodeMismatch(Self.self, type) }
        self = Character(c)
    }
}

extension Array: ComponentValueConvertible where Element: ComponentValueConvertible {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        let element: ComponentValueType
        switch type {
        case .list(let t): element = t
        case .fixedLengthList(let t, let length):
            guard count == Int(length) else { throw typeMismatch(type, found: "array of \(count)") }
            element = t
        case .tuple(let types):
            guard count == types.count else { throw typeMismatch(type, found: "array of \(count)") }
            return .tuple(try zip(self, types).enumerated().map { i, pair in
                do { return try pair.0.componentValue(as: pair.1) } catch var m as ComponentTypeMismatch {
                    m.path.insert("\(i)", at: 0)
                    throw m
                }
            })
        default: throw typeMismatch(type, found: "array")
        }
        return .list(try enumerated().map { i, e in
            do { return try e.componentValue(as: element) } catch var m as ComponentTypeMismatch {
                m.path.insert("[\(i)]", at: 0)
                throw m
            }
        })
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        switch (value, type) {
        case (.list(let items), .list(let element)), (.list(let items), .fixedLengthList(let element, _)):
            self = try items.enumerated().map { i, item in try Self.element(i) { try Element(componentValue: item, as: element) } }
        case (.tuple(let items), .tuple(let types)):
            self = try zip(items, types).enumerated().map { i, pair in
                try Self.element(i) { try Element(componentValue: pair.0, as: pair.1) }
            }
        default:
            throw decodeMismatch(Self.self, type)
        }
    }
}

extension Array where Element: ComponentValueConvertible {
    /// Runs `body`, putting element `index` in the path of a mismatch.
    fileprivate static func element(_ index: Int, _ body: () throws -> Element) throws -> Element {
        do { return try body() } catch var m as ComponentTypeMismatch {
            m.path.insert("[\(index)]", at: 0)
            throw m
        }
    }
}

extension Optional: ComponentValueConvertible where Wrapped: ComponentValueConvertible {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        guard case .option(let inner) = type else { throw typeMismatch(type, found: "Optional") }
        return .option(try map { try $0.componentValue(as: inner) })
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        guard case .option(let payload) = value, case .option(let inner) = type else {
            throw decodeMismatch(Self.self, type)
        }
        self = try payload.map { try Wrapped(componentValue: $0, as: inner) }
    }
}

/// The payload of a `result` case that has none (`result<_, E>`, `result<T>`): use it as
/// `Result<NoPayload, E>` or `Result<T, NoPayload>`.
public struct NoPayload: Error, Hashable, Sendable, Codable, ComponentValueConvertible {
    /// The only value.
    public init() {}
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        throw typeMismatch(type, found: "no payload")
    }
    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        throw decodeMismatch(Self.self, type)
    }
}

extension Result: ComponentValueConvertible where Success: ComponentValueConvertible, Failure: ComponentValueConvertible {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        guard case .result(let ok, let error) = type else { throw typeMismatch(type, found: "Result") }
        func payload(_ value: some ComponentValueConvertible, _ t: ComponentValueType?) throws -> ComponentValue? {
            guard let t else {
                guard value is NoPayload else { throw typeMismatch(type, found: "a payload of \(Swift.type(of: value))") }
                return nil
            }
            return try value.componentValue(as: t)
        }
        switch self {
        case .success(let v): return .result(isError: false, payload: try payload(v, ok))
        case .failure(let e): return .result(isError: true, payload: try payload(e, error))
        }
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        guard case .result(let isError, let payload) = value, case .result(let ok, let error) = type else {
            throw decodeMismatch(Self.self, type)
        }
        func swiftValue<T: ComponentValueConvertible>(_: T.Type, _ t: ComponentValueType?) throws -> T {
            if let payload, let t { return try T(componentValue: payload, as: t) }
            if let none = NoPayload() as? T { return none }
            throw decodeMismatch(Self.self, type)
        }
        self = isError ? .failure(try swiftValue(Failure.self, error)) : .success(try swiftValue(Success.self, ok))
    }
}

extension Set: ComponentValueConvertible where Element == String {
    /// The names of the flags set.
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        guard case .flags(let labels) = type else { throw typeMismatch(type, found: "Set<String>") }
        let kebab = Set(map(kebabCased)).union(self)
        guard allSatisfy({ labels.contains($0) || labels.contains(kebabCased($0)) }) else {
            throw typeMismatch(type, found: "flags {\(sorted().joined(separator: ", "))}")
        }
        return .flags(labels.filter { kebab.contains($0) })
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        guard case .flags(let names) = value else { throw decodeMismatch(Self.self, type) }
        self = Set(names)
    }
}

extension ComponentValue: ComponentValueConvertible {
    /// The value itself, checked against `type`.
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        try check(against: type)
        return self
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        self = value
    }
}

/// Handles are `Codable` so that structs holding them can be: only the component value
/// encoder and decoder (which convert handles directly) can encode or decode them.
extension ResourceHandle: Codable {
    public func encode(to encoder: Encoder) throws {
        throw EncodingError.invalidValue(self, .init(codingPath: encoder.codingPath,
                                                     debugDescription: "a resource handle is only a component value"))
    }

    public init(from decoder: Decoder) throws {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                debugDescription: "a resource handle is only a component value"))
    }
}

extension ResourceHandle: ComponentValueConvertible {
    public func componentValue(as type: ComponentValueType) throws -> ComponentValue {
        let value = ComponentValue.resource(self)
        try value.check(against: type)
        return value
    }

    public init(componentValue value: ComponentValue, as type: ComponentValueType) throws {
        guard case .resource(let handle) = value else { throw decodeMismatch(Self.self, type) }
        self = handle
    }
}

/// `firstName` → `first-name`, `user_id` → `user-id`: Swift names as WIT labels.
func kebabCased(_ name: String) -> String {
    var out = ""
    var previous: Character?
    for c in name {
        if c == "_" {
            out.append("-")
        } else if c.isUppercase {
            if let p = previous, p.isLowercase || p.isNumber { out.append("-") }
            out += c.lowercased()
        } else {
            out.append(c)
        }
        previous = c
    }
    return out
}

/// `first-name` → `firstName`: WIT labels as Swift names.
func camelCased(_ label: String) -> String {
    var out = ""
    var upper = false
    for c in label {
        if c == "-" {
            upper = true
        } else {
            out += upper ? c.uppercased() : String(c)
            upper = false
        }
    }
    return out
}
