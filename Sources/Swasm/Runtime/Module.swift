import SwasmBinary

/// A decoded, validated and compiled WebAssembly module, ready to be instantiated any number of
/// times in any number of stores.
///
/// ```swift
/// let module = try Module(bytes: wasmBytes)
/// ```
/// Loading checks everything: a malformed or invalid module throws a `ModuleError` that names
/// the rule broken and where (section, function index, byte offset).
///
/// A module is immutable once loaded, so it is `Sendable`: compile it once and instantiate it
/// from any number of threads or tasks, each in its own `Store`.
// @unchecked: the internal code buffer is written only in `init` and never after (the
// interpreter only reads it), and every other property is an immutable `Sendable` value.
public final class Module: @unchecked Sendable {
    /// The module as decoded from the binary.
    public let decoded: SwasmBinary.Module
    /// The features the module was validated with.
    public let features: Features
    /// How the module was compiled (checkpoints or not).
    public let options: CompilationOptions

    struct FunctionCode {
        var offset: Int
        var parameterSlots: Int
        var localSlots: Int
        var frameSlots: Int
        var exceptionHandlers: [ExceptionHandler]
    }

    /// All functions' internal code, back to back.
    let code: UnsafeMutablePointer<UInt64>
    let codeCount: Int
    let functionCode: [FunctionCode]
    let context: ModuleContext

    /// Decodes, validates and compiles `bytes`.
    public convenience init(bytes: [UInt8], features: Features = .default, options: CompilationOptions = .init()) throws {
        let decoded = try decodeModule(bytes, features: features)
        try self.init(decoded: decoded, features: features, options: options)
    }

    /// Validates and compiles an already decoded module.
    public init(decoded: SwasmBinary.Module, features: Features = .default, options: CompilationOptions = .init()) throws {
        self.decoded = decoded
        self.features = features
        self.options = options
        let context = ModuleContext(module: decoded, features: features)
        self.context = context
        try ModuleValidator(context: context).validate()

        let (all, infos) = try ModuleCompiler(context: context, decoded: decoded, features: features, options: options).compile(workers: options.compilationThreads)
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, all.count))
        buffer.initialize(from: all, count: all.count)
        self.code = buffer
        self.codeCount = all.count
        self.functionCode = infos
    }

    deinit {
        code.deallocate()
    }

    /// What the module imports, in order.
    public var imports: [Import] { decoded.imports }

    /// What the module exports, in order.
    public var exports: [Export] { decoded.exports }

    /// The type of function `index` in the module's function index space.
    public func functionType(at index: Int) -> FunctionType? {
        context.functionType(UInt32(truncatingIfNeeded: index))
    }

    /// The name of function `index` from the `name` section, if any.
    public func functionName(at index: Int) -> String? {
        decoded.names.functionNames[UInt32(truncatingIfNeeded: index)]
    }
}

/// An import of a module: module name, field name and what is imported.
public typealias Import = SwasmBinary.Import
/// An export of a module: name and what is exported.
public typealias Export = SwasmBinary.Export
