import SwasmBinary

/// Type equivalence: a defined type is identified by its structure, with references to earlier
/// types replaced by their identities and references to itself by a marker. Within a module the
/// identity is the first equivalent type index; in a store it is the store's type identifier.
enum TypeCanonicalizer {
    /// Stands for "this type itself" inside a canonical key (a type may refer to itself).
    static let selfReference = UInt32.max

    /// The key of type `index`, its earlier types identified by `identity`.
    static func key(of type: FunctionType, at index: Int, identity: (Int) -> Int) -> FunctionType {
        func map(_ t: ValueType) -> ValueType {
            guard case .ref(var r) = t, case .concrete(let k) = r.heapType else { return t }
            if Int(k) == index {
                r.heapType = .concrete(selfReference)
            } else if Int(k) < index {
                r.heapType = .concrete(UInt32(truncatingIfNeeded: identity(Int(k))))
            }
            return .ref(r)
        }
        return FunctionType(parameters: type.parameters.map(map), results: type.results.map(map))
    }

    static func canonicalIndices(of types: [FunctionType]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(types.count)
        var firstIndex: [FunctionType: Int] = [:]
        for (i, t) in types.enumerated() {
            let k = key(of: t, at: i, identity: { result[$0] })
            if let j = firstIndex[k] {
                result.append(j)
            } else {
                firstIndex[k] = i
                result.append(i)
            }
        }
        return result
    }
}

extension HeapType {
    /// The top of the hierarchy the type belongs to (`func`, `extern`, `exn` or `any`).
    var top: HeapType {
        switch self {
        case .func, .noFunc, .concrete: return .func
        case .extern, .noExtern: return .extern
        case .exn, .noExn: return .exn
        default: return .any
        }
    }
}

extension ModuleContext {
    /// Whether a value of type `a` may be used where `b` is expected.
    @inline(__always)
    func isSubtype(_ a: ValueType, of b: ValueType) -> Bool {
        a == b || isSubtypeSlow(a, of: b)
    }

    func isSubtypeSlow(_ a: ValueType, of b: ValueType) -> Bool {
        guard case .ref(let ra) = a, case .ref(let rb) = b else { return false }
        return isSubtype(ra, of: rb)
    }

    func isSubtype(_ a: ReferenceType, of b: ReferenceType) -> Bool {
        (!a.isNullable || b.isNullable) && isSubtype(a.heapType, of: b.heapType)
    }

    func isSubtype(_ a: HeapType, of b: HeapType) -> Bool {
        Subtyping.isSubtype(a, of: b, sameType: { canonicalType($0) == canonicalType($1) })
    }



    /// Equivalence of two value types of this module.
    func areEquivalent(_ a: ValueType, _ b: ValueType) -> Bool {
        a == b || (isSubtypeSlow(a, of: b) && isSubtypeSlow(b, of: a))
    }

    func areEquivalent(_ a: [ValueType], _ b: [ValueType]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { areEquivalent($0, $1) }
    }

    /// The type of `ref.func f`: `(ref $t)` for f's type t under function references, else funcref.
    func referenceType(ofFunction f: UInt32) -> ValueType {
        guard features.contains(.functionReferences), Int(f) < functionTypeIndices.count else { return .funcRef }
        return .ref(ReferenceType(.concrete(functionTypeIndices[Int(f)]), nullable: false))
    }

    func canonicalType(_ index: UInt32) -> Int {
        Int(index) < canonicalTypeIndices.count ? canonicalTypeIndices[Int(index)] : Int(index)
    }

    /// Throws "unknown type" when a type refers to a type index that does not exist (or, inside
    /// the type section, to a later type).
    func validateTypeReferences(_ t: ValueType, limit: Int, section: String, at offset: Int? = nil) throws {
        if case .ref(let r) = t, case .concrete(let k) = r.heapType, Int(k) >= limit {
            throw ModuleError.invalid("unknown type \(k)", at: offset, section: section)
        }
    }

    func validateTypeReferences(_ types: [ValueType], section: String, at offset: Int? = nil) throws {
        for t in types { try validateTypeReferences(t, limit: module.types.count, section: section, at: offset) }
    }
}

/// Subtyping of heap types (the function-references part of WebAssembly 3.0's hierarchy, with
/// the GC proposal's abstract types placed for later).
enum Subtyping {
    static func isSubtype(_ a: HeapType, of b: HeapType, sameType: (UInt32, UInt32) -> Bool) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case let (.concrete(x), .concrete(y)):
            return sameType(x, y)
        case (.concrete, .func), (.noFunc, .func), (.noFunc, .concrete), (.noExtern, .extern), (.noExn, .exn):
            return true
        case (.noneType, let t): return t.top == .any
        case (.i31, .eq), (.struct, .eq), (.array, .eq), (.i31, .any), (.struct, .any), (.array, .any), (.eq, .any):
            return true
        default:
            return false
        }
    }
}
