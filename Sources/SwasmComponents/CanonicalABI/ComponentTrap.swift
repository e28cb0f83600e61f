import Swasm

/// A trap of the Canonical ABI: a component broke a rule of lifting, lowering, handles or calls.
///
/// The messages are the ones the component-model reference tests and wasmtime use. Where the
/// same rule has two wordings, `boundary` picks one: wasmtime words a check on a host call
/// (the host on the other side) differently from one in an adapter between two components.
public struct ComponentTrap: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which rule was broken.
    public enum Kind: Hashable, Sendable {
        /// A pointer (string, list, return area, realloc result) is not aligned for its type.
        case unalignedPointer
        /// A string, list or return area does not fit in memory.
        case outOfBounds
        /// String bytes are not valid in the declared encoding.
        case invalidString
        /// An `i32` is not a Unicode scalar value.
        case invalidChar
        /// A variant, enum, option or result discriminant is out of range.
        case invalidDiscriminant
        /// A handle index names no handle.
        case unknownHandle
        /// A handle index names a handle of another resource type.
        case wrongHandleType
        /// An owned handle was expected but the index names a borrow.
        case handleNotOwned
        /// An owned handle was dropped or moved while lent out as a borrow.
        case handleLent
        /// A call ended with borrowed handles not yet dropped.
        case borrowsRemain
        /// A component called out (an import, `resource.new`/`drop`) while it may not leave
        /// (during lowering or post-return).
        case cannotLeave
        /// A component was called while one of its calls is still on the stack.
        case cannotEnter
        /// The handle table is full.
        case tableFull
        /// A core function threw an exception to the component boundary.
        case uncaughtException
    }

    /// Which rule was broken.
    public let kind: Kind
    /// The reason, as the reference tests word it.
    public let message: String

    /// A trap of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// "wasm trap: " and the message, as core traps print.
    public var description: String { "wasm trap: \(message)" }
}

/// Who is on the other side of a lift or lower: it selects a trap's wording.
public enum CallBoundary: Hashable, Sendable {
    /// The host calls the component or is called by it.
    case host
    /// Another component (a fused adapter in wasmtime's terms).
    case component
}

/// What a pointer checked against memory points to, for messages.
enum PointerUse {
    case string, list, returnArea, realloc
}

extension ComponentTrap {
    static func unaligned(_ use: PointerUse, _ boundary: CallBoundary, alignment: Int) -> ComponentTrap {
        guard boundary == .host else { return ComponentTrap(.unalignedPointer, "unaligned pointer") }
        switch use {
        case .string: return ComponentTrap(.unalignedPointer, "string pointer not aligned to \(alignment)")
        case .list: return ComponentTrap(.unalignedPointer, "list pointer is not aligned")
        case .returnArea: return ComponentTrap(.unalignedPointer, "return pointer not aligned")
        case .realloc: return ComponentTrap(.unalignedPointer, "realloc return: result not aligned")
        }
    }

    static func outOfBounds(_ use: PointerUse, _ boundary: CallBoundary) -> ComponentTrap {
        switch (use, boundary) {
        case (.string, .host): return ComponentTrap(.outOfBounds, "string pointer/length out of bounds of memory")
        case (.list, .host): return ComponentTrap(.outOfBounds, "list pointer/length out of bounds of memory")
        case (.returnArea, .host): return ComponentTrap(.outOfBounds, "pointer out of bounds of memory")
        case (.realloc, .host): return ComponentTrap(.outOfBounds, "realloc return: beyond end of memory")
        case (.string, .component): return ComponentTrap(.outOfBounds, "string content out-of-bounds")
        case (.list, .component): return ComponentTrap(.outOfBounds, "list content out-of-bounds")
        case (.returnArea, .component), (.realloc, .component):
            return ComponentTrap(.outOfBounds, "out of bounds memory access")
        }
    }

    static func invalidChar(_ value: UInt32, _ boundary: CallBoundary) -> ComponentTrap {
        boundary == .host
            ? ComponentTrap(.invalidChar, "converted integer out of range for `char`")
            : ComponentTrap(.invalidChar, "invalid `char` bit pattern")
    }

    static func invalidDiscriminant(_ value: UInt32, of type: ComponentValueType, cases: Int,
                                    _ boundary: CallBoundary) -> ComponentTrap {
        guard boundary == .host else { return ComponentTrap(.invalidDiscriminant, "invalid variant discriminant") }
        switch type {
        case .option: return ComponentTrap(.invalidDiscriminant, "invalid option discriminant")
        case .result: return ComponentTrap(.invalidDiscriminant, "invalid expected discriminant")
        default: return ComponentTrap(.invalidDiscriminant, "discriminant \(value) out of range [0..\(cases))")
        }
    }

    static func unknownHandle(_ index: UInt32) -> ComponentTrap {
        ComponentTrap(.unknownHandle, "unknown handle index \(index)")
    }

    static func wrongHandleType(_ index: UInt32, expected: ResourceType, found: ResourceType) -> ComponentTrap {
        func definer(_ t: ResourceType) -> String { t.isHostDefined ? "host-defined" : "guest-defined" }
        return ComponentTrap(.wrongHandleType, "handle index \(index) used with the wrong type, expected "
            + "\(definer(expected)) resource but found a different \(definer(found)) resource")
    }

    static let handleLent = ComponentTrap(.handleLent, "cannot remove owned resource while borrowed")
    static let borrowsRemain = ComponentTrap(.borrowsRemain, "borrow handles still remain at the end of the call")
    static let cannotLeave = ComponentTrap(.cannotLeave, "cannot leave component instance")
    static let cannotEnter = ComponentTrap(.cannotEnter, "cannot enter component instance")
    static let tableFull = ComponentTrap(.tableFull, "handle table is full")

    static func handleNotOwned(_ index: UInt32) -> ComponentTrap {
        ComponentTrap(.handleNotOwned, "handle index \(index) is a borrow, not an owned resource")
    }
}

/// Runs core code: a component trap raised in a nested host function (a lowered import, a
/// canonical built-in) comes back as itself, not wrapped in a host-error `Trap`; an uncaught
/// exception becomes a trap at the component boundary.
func callCore(_ function: Function, _ arguments: [Value]) throws -> [Value] {
    do {
        return try function.call(arguments)
    } catch let trap as Trap {
        throw unwrapped(trap)
    } catch is WasmException {
        throw ComponentTrap(.uncaughtException, "uncaught exception propagated out of component")
    }
}

/// The component-level error inside a host-error trap, or the trap itself.
func unwrapped(_ trap: Trap) -> Error {
    if trap.kind == .hostError, let inner = trap.underlyingError {
        if let t = inner as? ComponentTrap { return t }
        if let m = inner as? ComponentTypeMismatch { return m }
        if let t = inner as? Trap { return unwrapped(t) }
    }
    return trap
}
