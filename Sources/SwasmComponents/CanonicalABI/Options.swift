import Swasm

/// How a component's core code encodes strings in its memory (`string-encoding=`).
public enum StringEncoding: Hashable, Sendable {
    /// UTF-8; a length counts bytes.
    case utf8
    /// UTF-16 little-endian; a length counts 16-bit code units.
    case utf16
    /// Latin-1, or UTF-16 when the length has its high bit (`UTF16_TAG`) set.
    case latin1UTF16
}

/// The canonical options of a `canon lift` or `canon lower` (`canonopt`).
public struct CanonicalOptions {
    /// The memory that strings, lists and spilled values are read from and written to.
    public var memory: Memory?
    /// `(func (param i32 i32 i32 i32) (result i32))`: (old pointer, old size, alignment, new
    /// size) → pointer; allocates where lowered strings and lists go.
    public var realloc: Function?
    /// Called after a lifted function's results are lifted, with its core results.
    public var postReturn: Function?
    /// The encoding of strings in `memory`.
    public var stringEncoding: StringEncoding

    /// Options with these values (defaults: no memory, no realloc, no post-return, UTF-8).
    public init(memory: Memory? = nil, realloc: Function? = nil, postReturn: Function? = nil,
                stringEncoding: StringEncoding = .utf8) {
        self.memory = memory
        self.realloc = realloc
        self.postReturn = postReturn
        self.stringEncoding = stringEncoding
    }
}

/// What a lifted string knew of its source: the encoding and the tagged number of code units.
/// Lowering it elsewhere uses this to size the first allocation as the spec does.
struct StringHint {
    var encoding: StringEncoding
    var taggedCodeUnits: UInt32

    /// The hint for a string that the host provides: UTF-8, its byte count.
    static func host(_ s: String) -> StringHint {
        StringHint(encoding: .utf8, taggedCodeUnits: UInt32(truncatingIfNeeded: s.utf8.count))
    }

    /// Whether the hint can describe `s` (hints travel in lifting order; this guards a mix-up).
    func describes(_ s: String) -> Bool {
        switch encoding {
        case .utf8: return s.utf8.count == Int(taggedCodeUnits)
        case .utf16: return s.utf16.count == Int(taggedCodeUnits)
        case .latin1UTF16:
            if taggedCodeUnits & CanonicalLayout.utf16Tag != 0 {
                return s.utf16.count == Int(taggedCodeUnits ^ CanonicalLayout.utf16Tag)
            }
            return s.unicodeScalars.count == Int(taggedCodeUnits) && s.unicodeScalars.allSatisfy { $0.value < 256 }
        }
    }
}

/// Lifted component values with what the lifting learned of their strings.
struct LiftedValues {
    var values: [ComponentValue]
    /// One hint per string, in the order lifting met them; empty for host-provided values.
    var stringHints: [StringHint] = []
}

/// The ambient state of one lift or lower (`LiftLowerContext`): the options, the component
/// instance, the call that borrows belong to, and who is on the other side.
final class LiftLowerContext {
    let options: CanonicalOptions
    let instance: ComponentInstanceState
    let borrowScope: BorrowScope
    let boundary: CallBoundary
    /// Hints of the strings lifted so far.
    var liftedStringHints: [StringHint] = []
    /// Hints of the strings still to be lowered, in order.
    var pendingStringHints: ArraySlice<StringHint> = []

    init(options: CanonicalOptions, instance: ComponentInstanceState, borrowScope: BorrowScope, boundary: CallBoundary) {
        self.options = options
        self.instance = instance
        self.borrowScope = borrowScope
        self.boundary = boundary
    }

    /// The options' memory; validation makes sure there is one where the types need it.
    func memory() throws -> Memory {
        guard let memory = options.memory else {
            throw UsageError("the canonical options have no memory, which a string, list or spilled value needs")
        }
        return memory
    }

    /// The hint for the next string to lower: the one lifted with it, or the host's.
    func nextStringHint(for s: String) -> StringHint {
        if let hint = pendingStringHints.first, hint.describes(s) {
            pendingStringHints.removeFirst()
            return hint
        }
        return StringHint.host(s)
    }

    /// Calls `realloc` (old pointer, old size, alignment, new size) and returns the pointer.
    func realloc(_ old: Int, _ oldSize: Int, _ alignment: Int, _ newSize: Int) throws -> Int {
        guard let function = options.realloc else {
            throw UsageError("the canonical options have no realloc, which lowering a string or list needs")
        }
        let results = try callCore(function, [.i32(UInt32(truncatingIfNeeded: old)), .i32(UInt32(truncatingIfNeeded: oldSize)),
                                              .i32(UInt32(truncatingIfNeeded: alignment)), .i32(UInt32(truncatingIfNeeded: newSize))])
        guard results.count == 1, case .i32(let ptr) = results[0] else {
            throw UsageError("realloc returned \(results), expected one i32")
        }
        return Int(ptr)
    }

    /// Traps unless `ptr` is a multiple of `alignment`.
    func checkAlignment(_ ptr: Int, _ alignment: Int, _ use: PointerUse) throws {
        if ptr % alignment != 0 { throw ComponentTrap.unaligned(use, boundary, alignment: alignment) }
    }

    /// Traps unless `ptr ..< ptr + size` is inside memory.
    func checkBounds(_ ptr: Int, _ size: Int, _ use: PointerUse) throws {
        if ptr + size > (try memory()).byteCount { throw ComponentTrap.outOfBounds(use, boundary) }
    }

    /// Calls realloc, then traps if the result is not aligned (when `alignment` is given) or
    /// does not leave `size` bytes in memory. `content` words the traps between components;
    /// with the host, they are realloc's own.
    func allocate(_ old: Int, _ oldSize: Int, _ alignment: Int, _ size: Int, checkAlignment: Bool = true,
                  for content: PointerUse) throws -> Int {
        let ptr = try realloc(old, oldSize, alignment, size)
        let use = boundary == .host ? PointerUse.realloc : content
        if checkAlignment { try self.checkAlignment(ptr, alignment, use) }
        try checkBounds(ptr, size, use)
        return ptr
    }
}
