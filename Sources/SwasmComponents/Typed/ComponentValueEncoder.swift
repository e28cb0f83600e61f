/// Encodes `Encodable` Swift values as component values of a given WIT type.
///
/// ```swift
/// struct Input: Codable { var name: String; var num: Int }
/// let type = ComponentValueType.record([ComponentField(name: "name", type: .string),
///                                       ComponentField(name: "num", type: .s32)])
/// let value = try ComponentValueEncoder().encode(Input(name: "Rust", num: 10), as: type)
/// // .record([("name", .string("Rust")), ("num", .s32(10))])
/// ```
/// The type guides the encoding: Swift integers become the WIT integer type when they fit,
/// structs become records (a property `firstName` fills the field `first-name`; a missing
/// optional property is `none`), `String`-backed enums become enums, enums with associated
/// values become variants (case `some(x)` is the variant case `some` with payload `x`), a
/// struct of `Bool`s or a `Set<String>` becomes flags. Types conforming to
/// `ComponentValueConvertible` convert themselves. A mismatch throws `ComponentTypeMismatch`
/// with the path to it.
public struct ComponentValueEncoder {
    /// An encoder.
    public init() {}

    /// `value` as a component value of `type`.
    public func encode<T: Encodable>(_ value: T, as type: ComponentValueType) throws -> ComponentValue {
        let node = EncodingNode()
        try node.encode(value, path: [])
        return try node.componentValue(as: type, path: [])
    }
}

/// What a Swift value encoded to, before the WIT type gives it its final shape.
final class EncodingNode {
    enum Content {
        case empty
        case null
        case value(any ComponentValueConvertible)
        case keyed([(key: String, node: EncodingNode)])
        case unkeyed([EncodingNode])
    }

    var content: Content = .empty

    func encode<T: Encodable>(_ value: T, path: [CodingKey]) throws {
        if let convertible = value as? any ComponentValueConvertible {
            content = .value(convertible)
        } else {
            try value.encode(to: NodeEncoder(node: self, codingPath: path))
        }
    }

    func child(_ key: String) -> EncodingNode {
        let node = EncodingNode()
        if case .keyed(var entries) = content {
            entries.append((key, node))
            content = .keyed(entries)
        } else {
            content = .keyed([(key, node)])
        }
        return node
    }

    func appended() -> EncodingNode {
        let node = EncodingNode()
        if case .unkeyed(var items) = content {
            items.append(node)
            content = .unkeyed(items)
        } else {
            content = .unkeyed([node])
        }
        return node
    }

    /// What the node holds, for messages.
    var swiftDescription: String {
        switch content {
        case .empty: return "nothing"
        case .null: return "nil"
        case .value(let v): return "\(Swift.type(of: v))"
        case .keyed(let entries): return "keyed value { " + entries.map(\.key).joined(separator: ", ") + " }"
        case .unkeyed(let items): return "sequence of \(items.count)"
        }
    }

    private func mismatch(_ type: ComponentValueType, _ path: [String]) -> ComponentTypeMismatch {
        ComponentTypeMismatch(path: path, expected: type.witText, found: swiftDescription)
    }

    /// The component value of `type` this node encodes.
    func componentValue(as type: ComponentValueType, path: [String]) throws -> ComponentValue {
        switch (content, type) {
        case (.value(let v), .option(let inner)) where !(v is OptionalMarker):
            // A present optional property encodes its wrapped value.
            return .option(try componentValue(as: inner, path: path))
        case (.value(let v), _):
            do { return try v.componentValue(as: type) } catch var m as ComponentTypeMismatch {
                m.path = path + m.path
                throw m
            }
        case (.null, .option), (.empty, .option):
            return .option(nil)
        case (_, .option(let inner)):
            return .option(try componentValue(as: inner, path: path))
        case (.unkeyed(let items), .list(let element)):
            return .list(try items.enumerated().map { try $1.componentValue(as: element, path: path + ["[\($0)]"]) })
        case (.unkeyed(let items), .fixedLengthList(let element, let length)) where items.count == Int(length):
            return .list(try items.enumerated().map { try $1.componentValue(as: element, path: path + ["[\($0)]"]) })
        case (.unkeyed(let items), .tuple(let types)) where items.count == types.count:
            return .tuple(try zip(items, types).enumerated().map { try $1.0.componentValue(as: $1.1, path: path + ["\($0)"]) })
        case (.unkeyed(let items), .flags(let labels)):
            var names: Set<String> = []
            for item in items {
                guard case .value(let v) = item.content, let name = v as? String,
                      let label = labels.first(where: { $0 == name || $0 == kebabCased(name) }) else {
                    throw mismatch(type, path)
                }
                names.insert(label)
            }
            return .flags(labels.filter(names.contains))
        case (.keyed(let entries), .record(let fields)):
            return try record(entries, fields, type, path)
        case (.keyed(let entries), .flags(let labels)):
            var names: Set<String> = []
            for (key, node) in entries {
                guard let label = labels.first(where: { $0 == key || $0 == kebabCased(key) }),
                      case .value(let v) = node.content, let set = v as? Bool else { throw mismatch(type, path) }
                if set { names.insert(label) }
            }
            return .flags(labels.filter(names.contains))
        case (.keyed(let entries), .variant(let cases)):
            guard entries.count == 1, let c = cases.first(where: { $0.name == entries[0].key || $0.name == kebabCased(entries[0].key) }) else {
                throw mismatch(type, path)
            }
            return .variant(caseName: c.name, payload: try entries[0].node.payload(c.payload, type, path + [c.name]))
        case (.keyed(let entries), .result(let ok, let error)):
            guard entries.count == 1 else { throw mismatch(type, path) }
            switch entries[0].key {
            case "ok", "success": return .result(isError: false, payload: try entries[0].node.payload(ok, type, path + ["ok"]))
            case "error", "err", "failure":
                return .result(isError: true, payload: try entries[0].node.payload(error, type, path + ["error"]))
            default: throw mismatch(type, path)
            }
        case (.keyed(let entries), .enum(let labels)) where entries.count == 1:
            // An enum without raw values encodes a case as a key with an empty payload.
            guard let label = labels.first(where: { $0 == entries[0].key || $0 == kebabCased(entries[0].key) }) else {
                throw mismatch(type, path)
            }
            return .enum(label)
        default:
            throw mismatch(type, path)
        }
    }

    private func record(_ entries: [(key: String, node: EncodingNode)], _ fields: [ComponentField],
                        _ type: ComponentValueType, _ path: [String]) throws -> ComponentValue {
        var used = Set<Int>()
        var values: [(name: String, value: ComponentValue)] = []
        for field in fields {
            guard let i = entries.indices.first(where: { !used.contains($0) && (entries[$0].key == field.name
                || kebabCased(entries[$0].key) == field.name) }) else {
                // Synthesized `Encodable` leaves out nil optionals.
                if case .option = field.type {
                    values.append((field.name, .option(nil)))
                    continue
                }
                throw ComponentTypeMismatch(path: path + [field.name], expected: field.type.witText, found: "no property")
            }
            used.insert(i)
            values.append((field.name, try entries[i].node.componentValue(as: field.type, path: path + [field.name])))
        }
        if let extra = entries.indices.first(where: { !used.contains($0) }) {
            throw ComponentTypeMismatch(path: path + [entries[extra].key], expected: "no field (\(type.witText))",
                                        found: entries[extra].node.swiftDescription)
        }
        return .record(values)
    }

    /// A variant case's payload: the nested container of a synthesized enum (`_0`, or the
    /// associated values' labels).
    private func payload(_ payloadType: ComponentValueType?, _ type: ComponentValueType, _ path: [String]) throws -> ComponentValue? {
        let entries: [(key: String, node: EncodingNode)]
        switch content {
        case .keyed(let e): entries = e
        case .empty, .null: entries = []
        default:
            guard let payloadType else { throw mismatch(type, path) }
            return try componentValue(as: payloadType, path: path)
        }
        guard let payloadType else {
            guard entries.isEmpty else { throw ComponentTypeMismatch(path: path, expected: "no payload", found: swiftDescription) }
            return nil
        }
        // `case a(Int)` and `case a(x: Int)` both carry the payload alone.
        if entries.count == 1, entries[0].key == "_0" || !payloadType.isRecord {
            return try entries[0].node.componentValue(as: payloadType, path: path)
        }
        if case .tuple(let types) = payloadType, entries.count == types.count,
           entries.enumerated().allSatisfy({ $1.key == "_\($0)" }) {
            return .tuple(try zip(entries, types).enumerated().map { try $1.0.node.componentValue(as: $1.1, path: path + ["\($0)"]) })
        }
        return try componentValue(as: payloadType, path: path)
    }
}

/// The `Encoder` that fills an `EncodingNode`.
private struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).content = .null }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.child(key.stringValue).encode(value, path: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { NodeEncoder(node: node.child("super"), codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) { intValue = index; stringValue = "\(index)" }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [CodingKey]

    var count: Int {
        if case .unkeyed(let items) = node.content { return items.count }
        return 0
    }

    mutating func encodeNil() throws { node.appended().content = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        try node.appended().encode(value, path: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.appended(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        NodeEncoder(node: node.appended(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { NodeEncoder(node: node.appended(), codingPath: codingPath) }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { node.content = .null }

    mutating func encode<T: Encodable>(_ value: T) throws { try node.encode(value, path: codingPath) }
}

extension ComponentValueType {
    var isRecord: Bool {
        if case .record = self { return true }
        return false
    }
}
