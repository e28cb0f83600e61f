/// Decodes `Decodable` Swift values from component values of a given WIT type.
///
/// ```swift
/// let names = try ComponentValueDecoder().decode([String].self, from: .list([.string("a")]), as: .list(.string))
/// ```
/// The mirror of `ComponentValueEncoder`: records fill structs (field `first-name` fills the
/// property `firstName`), enums fill `String`-backed enums (label `light-blue` is the raw
/// value `light-blue` or `lightBlue`), variants fill enums with associated values, flags fill
/// a `Set<String>` or a struct of `Bool`s, `option` fills `Optional`. A mismatch throws
/// `ComponentTypeMismatch` with the path to it.
public struct ComponentValueDecoder {
    /// A decoder.
    public init() {}

    /// The Swift value of `value`, a component value of `type`.
    public func decode<T: Decodable>(_: T.Type, from value: ComponentValue, as type: ComponentValueType) throws -> T {
        try decodeValue(T.self, value, type, path: [])
    }
}

/// Lets generic code tell whether a type is an `Optional`.
protocol OptionalMarker {}
extension Optional: OptionalMarker {}

/// A component value of `type` as a `T`.
func decodeValue<T: Decodable>(_: T.Type, _ value: ComponentValue, _ type: ComponentValueType, path: [String]) throws -> T {
    var value = value, type = type
    // An `option` that is `some` fills a non-optional Swift value with its payload.
    if !(T.self is OptionalMarker.Type), case .option(let inner) = type, case .option(let payload?) = value {
        value = payload
        type = inner
    }
    if let convertible = T.self as? any ComponentValueConvertible.Type {
        do {
            guard let result = try convertible.init(componentValue: value, as: type) as? T else {
                throw decodeMismatch(T.self, type)
            }
            return result
        } catch var m as ComponentTypeMismatch {
            m.path = path + m.path // conversions report paths inside the value
            throw m
        }
    }
    // Containers report the whole path themselves.
    if value.isLabel {
        do { return try T(from: ValueDecoder(value: value, type: type, path: path, camelCaseLabels: false)) }
        catch DecodingError.dataCorrupted { return try T(from: ValueDecoder(value: value, type: type, path: path, camelCaseLabels: true)) }
    }
    return try T(from: ValueDecoder(value: value, type: type, path: path, camelCaseLabels: false))
}

private struct ValueDecoder: Decoder {
    let value: ComponentValue
    let type: ComponentValueType
    let path: [String]
    let camelCaseLabels: Bool
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedValueContainer<Key>(value: value, type: type, path: path))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        try UnkeyedValueContainer(value: value, type: type, path: path)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleValueContainer(value: value, type: type, path: path, camelCaseLabels: camelCaseLabels)
    }
}

private struct NamedKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// The entries a keyed container sees: record fields, the one case of a variant, result or
/// enum, flags as `Bool`s, or a case payload's `_0`/`_N`/labels.
private struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    enum Kind { case fields, cases, flags, payload }
    typealias Entry = (label: String, value: ComponentValue?, type: ComponentValueType?)
    let kind: Kind
    let entries: [Entry]
    let path: [String]
    var codingPath: [CodingKey] { [] }

    init(value: ComponentValue, type: ComponentValueType, path: [String]) throws {
        self.path = path
        switch (value, type) {
        case (.record(let values), .record(let fields)):
            kind = .fields
            entries = zip(values, fields).map { ($1.name, $0.value, $1.type) }
        case (.variant(let name, let payload), .variant(let cases)):
            kind = .cases
            entries = [(name, payload, cases.first { $0.name == name }?.payload)]
        case (.result(let isError, let payload), .result(let ok, let error)):
            kind = .cases
            entries = [(isError ? "error" : "ok", payload, isError ? error : ok)]
        case (.enum(let label), .enum):
            kind = .cases
            entries = [(label, nil, nil)]
        case (.flags(let names), .flags(let labels)):
            kind = .flags
            entries = labels.map { ($0, .bool(names.contains($0)), .bool) }
        default:
            throw ComponentTypeMismatch(path: path, expected: "a keyed value (\(Key.self))", found: type.witText)
        }
    }

    /// A container over a case payload (what a synthesized enum decodes its associated
    /// values from): `_0` is the payload, `_N` a tuple payload's elements, labels a record
    /// payload's fields.
    init(payload: ComponentValue?, type: ComponentValueType?, path: [String]) {
        self.path = path
        kind = .payload
        guard let payload, let type else {
            entries = []
            return
        }
        var entries: [Entry] = [("_0", payload, type)]
        if case .tuple(let items) = payload, case .tuple(let types) = type {
            entries = zip(items, types).enumerated().map { ("_\($0)", $1.0, $1.1) }
        } else if case .record(let values) = payload, case .record(let fields) = type {
            entries += zip(values, fields).map { ($1.name, $0.value, $1.type) }
        }
        self.entries = entries
    }

    private func entry(_ key: Key) -> Entry? {
        if let e = entries.first(where: { $0.label == key.stringValue || $0.label == kebabCased(key.stringValue) }) { return e }
        // `case a(x: Int)`: the one labeled associated value is the payload.
        if kind == .payload, entries.count == 1, !(entries[0].type?.isRecord ?? true) { return entries[0] }
        return nil
    }

    var allKeys: [Key] { entries.compactMap { Key(stringValue: camelCased($0.label)) ?? Key(stringValue: $0.label) } }

    func contains(_ key: Key) -> Bool { entry(key) != nil }

    private func required(_ key: Key) throws -> (label: String, value: ComponentValue, type: ComponentValueType) {
        guard let e = entry(key), let value = e.value, let type = e.type else {
            throw ComponentTypeMismatch(path: path + [kebabCased(key.stringValue)], expected: "a value", found: "no field")
        }
        return (e.label, value, type)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let e = entry(key), let value = e.value else { return true }
        if case .option(nil) = value { return true }
        return false
    }

    func decode<T: Decodable>(_: T.Type, forKey key: Key) throws -> T {
        let e = try required(key)
        return try decodeValue(T.self, e.value, e.type, path: path + [e.label])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        if kind == .cases, let e = entry(key) {
            return KeyedDecodingContainer(KeyedValueContainer<NestedKey>(payload: e.value, type: e.type, path: path + [e.label]))
        }
        let e = try required(key)
        return KeyedDecodingContainer(try KeyedValueContainer<NestedKey>(value: e.value, type: e.type, path: path + [e.label]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        let e = try required(key)
        return try UnkeyedValueContainer(value: e.value, type: e.type, path: path + [e.label])
    }

    func superDecoder() throws -> Decoder {
        throw ComponentTypeMismatch(path: path, expected: "no superclass", found: "a class hierarchy")
    }

    func superDecoder(forKey key: Key) throws -> Decoder {
        let e = try required(key)
        return ValueDecoder(value: e.value, type: e.type, path: path + [e.label], camelCaseLabels: false)
    }
}

/// Elements of a list, fixed-length list or tuple, or the names of set flags.
private struct UnkeyedValueContainer: UnkeyedDecodingContainer {
    let items: [(ComponentValue, ComponentValueType)]
    let path: [String]
    var codingPath: [CodingKey] { [] }
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(value: ComponentValue, type: ComponentValueType, path: [String]) throws {
        self.path = path
        switch (value, type) {
        case (.list(let values), .list(let element)), (.list(let values), .fixedLengthList(let element, _)):
            items = values.map { ($0, element) }
        case (.tuple(let values), .tuple(let types)):
            items = Array(zip(values, types))
        case (.flags(let names), .flags):
            items = names.map { (.string($0), .string) }
        default:
            throw ComponentTypeMismatch(path: path, expected: "a sequence", found: type.witText)
        }
    }

    private mutating func next() throws -> (ComponentValue, ComponentValueType) {
        guard currentIndex < items.count else {
            throw ComponentTypeMismatch(path: path + ["[\(currentIndex)]"], expected: "an element", found: "the end")
        }
        defer { currentIndex += 1 }
        return items[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count, case .option(nil) = items[currentIndex].0 else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_: T.Type) throws -> T {
        let index = currentIndex
        let (value, type) = try next()
        return try decodeValue(T.self, value, type, path: path + ["[\(index)]"])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, type) = try next()
        return KeyedDecodingContainer(try KeyedValueContainer<NestedKey>(value: value, type: type, path: path))
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        let (value, type) = try next()
        return try UnkeyedValueContainer(value: value, type: type, path: path)
    }

    mutating func superDecoder() throws -> Decoder {
        let (value, type) = try next()
        return ValueDecoder(value: value, type: type, path: path, camelCaseLabels: false)
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: ComponentValue
    let type: ComponentValueType
    let path: [String]
    let camelCaseLabels: Bool
    var codingPath: [CodingKey] { [] }

    func decodeNil() -> Bool {
        if case .option(nil) = value { return true }
        return false
    }

    func decode(_: String.Type) throws -> String {
        switch value {
        case .enum(let label), .variant(let label, nil): return camelCaseLabels ? camelCased(label) : label
        default: break
        }
        return try decodeValue(String.self, value, type, path: path)
    }

    func decode<T: Decodable>(_: T.Type) throws -> T {
        try decodeValue(T.self, value, type, path: path)
    }
}

extension ComponentValue {
    /// An enum case or a variant case without payload: what a `String`-backed enum decodes.
    fileprivate var isLabel: Bool {
        switch self {
        case .enum, .variant(_, nil): return true
        default: return false
        }
    }
}
