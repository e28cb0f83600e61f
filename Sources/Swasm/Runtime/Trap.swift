/// A WebAssembly trap: execution stopped and the embedder gets control back, with the reason and
/// the wasm call stack at the point of the trap.
public struct Trap: Error, Sendable, CustomStringConvertible {
    /// Why execution stopped; the raw value is the spec test suite's wording.
    public enum Kind: String, Hashable, Sendable {
        case unreachable = "unreachable"
        case integerDivideByZero = "integer divide by zero"
        case integerOverflow = "integer overflow"
        case invalidConversionToInteger = "invalid conversion to integer"
        case outOfBoundsMemoryAccess = "out of bounds memory access"
        case outOfBoundsTableAccess = "out of bounds table access"
        case undefinedElement = "undefined element"
        case uninitializedElement = "uninitialized element"
        case indirectCallTypeMismatch = "indirect call type mismatch"
        case callStackExhausted = "call stack exhausted"
        case fuelExhausted = "fuel exhausted"
        case interrupted = "interrupted"
        /// A host function threw; see `underlyingError`.
        case hostError = "host function error"
        /// `throw_ref` of a null `exnref`.
        case nullExceptionReference = "null exception reference"
        /// `call_ref` or `return_call_ref` of a null function reference.
        case nullFunctionReference = "null function reference"
        /// `ref.as_non_null` of null.
        case nullReference = "null reference"
    }

    /// One wasm frame of a backtrace.
    public struct Frame: Hashable, Sendable, CustomStringConvertible {
        /// Index in the module's function index space.
        public let functionIndex: Int
        /// From the module's `name` section, if it has one.
        public let name: String?
        /// The module's name from its `name` section, if any.
        public let moduleName: String?

        /// The trap message and the backtrace, one frame a line.
        public var description: String {
            let module = moduleName.map { "\($0)!" } ?? ""
            return name.map { "\(module)\($0) (func \(functionIndex))" } ?? "\(module)func \(functionIndex)"
        }
    }

    /// Why execution stopped.
    public let kind: Kind
    /// Innermost frame first.
    public let backtrace: [Frame]
    /// The error a host function threw, for `.hostError`.
    public let underlyingError: Error?

    /// A trap (host functions may throw one to stop the guest with that kind).
    public init(_ kind: Kind, backtrace: [Frame] = [], underlyingError: Error? = nil) {
        self.kind = kind
        self.backtrace = backtrace
        self.underlyingError = underlyingError
    }

    /// The message, as the specification's test suite words it.
    public var message: String {
        if kind == .hostError, let underlyingError { return "\(kind.rawValue): \(underlyingError)" }
        return kind.rawValue
    }

    /// The trap message and the backtrace, one frame a line.
    public var description: String {
        var text = "wasm trap: \(message)"
        if !backtrace.isEmpty {
            text += "\nwasm backtrace:"
            // Runs of the same frame (deep recursion) are shown once, with a count.
            var i = 0
            while i < backtrace.count {
                var run = 1
                while i + run < backtrace.count && backtrace[i + run] == backtrace[i] { run += 1 }
                text += "\n  \(i): \(backtrace[i])" + (run > 1 ? " (\(run) times)" : "")
                i += run
            }
        }
        return text
    }
}

extension Trap.Kind {
    init?(_ code: TrapCode) {
        switch code {
        case .none: return nil
        case .unreachable: self = .unreachable
        case .integerDivideByZero: self = .integerDivideByZero
        case .integerOverflow: self = .integerOverflow
        case .invalidConversionToInteger: self = .invalidConversionToInteger
        case .outOfBoundsMemoryAccess: self = .outOfBoundsMemoryAccess
        case .outOfBoundsTableAccess: self = .outOfBoundsTableAccess
        case .undefinedElement: self = .undefinedElement
        case .uninitializedElement: self = .uninitializedElement
        case .indirectCallTypeMismatch: self = .indirectCallTypeMismatch
        case .callStackExhausted: self = .callStackExhausted
        case .fuelExhausted: self = .fuelExhausted
        case .interrupted: self = .interrupted
        case .hostError: self = .hostError
        case .nullExceptionReference: self = .nullExceptionReference
        case .nullFunctionReference: self = .nullFunctionReference
        case .nullReference: self = .nullReference
        case .exception: return nil
        }
    }
}

/// Instantiation failed because an import could not be satisfied.
public struct LinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// The embedder called the API incorrectly (wrong argument types, unknown export, ...).
public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
