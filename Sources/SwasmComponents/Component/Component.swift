import Swasm

/// A WebAssembly component (the Component Model's binary format, layer 1), decoded and
/// validated.
///
/// ```swift
/// let component = try Component(bytes: bytes)
/// for (name, type) in component.exports { print(name, type) }
/// ```
/// Loading checks everything, the embedded core modules included (they are validated by the
/// core engine). A malformed or invalid component throws a `ComponentError` whose message uses
/// the words of the reference tests and names the byte offset, section and item.
public final class Component: @unchecked Sendable {
    /// The component's bytes.
    public let bytes: [UInt8]
    /// What the component imports, in order, with resolved types.
    public let imports: [(name: String, type: ComponentExternType)]
    /// What the component exports, in order, with resolved types.
    public let exports: [(name: String, type: ComponentExternType)]
    /// The core modules of the component and of its nested components, compiled, in the order
    /// of their sections.
    public let coreModules: [Swasm.Module]
    /// The core modules by the offset of their bytes in `bytes` (instantiation meets their
    /// sections again).
    let coreModulesByStart: [Int: Swasm.Module]

    /// Decodes and validates `bytes`.
    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        let validator = ComponentValidator(bytes: bytes)
        let type = try validator.validate()
        let signature = TypeResolver(types: validator.types).signature(imports: type.imports, exports: type.exports)
        imports = signature.imports
        exports = signature.exports
        coreModules = validator.coreModules
        coreModulesByStart = Dictionary(zip(validator.coreModuleStarts, validator.coreModules), uniquingKeysWith: { a, _ in a })
    }

    /// Whether `bytes` starts with the component preamble (`00 61 73 6d`, then a layer of 1).
    public static func isComponent(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && bytes[0] == 0x00 && bytes[1] == 0x61 && bytes[2] == 0x73 && bytes[3] == 0x6D
            && bytes[6] == 0x01 && bytes[7] == 0x00
    }
}
