import Foundation
import Swasm
import SwasmComponents

// `SwasmFuzz component-calls C.wasm [CALLS.json]`: validates a component, instantiates it and
// calls its exports, one line of JSON per outcome, for Scripts/fuzz_components.py.
//
// Values are JSON, directed by the type: bool as true/false; integers as numbers; f32/f64 as
// the number of their bit pattern ("nan" for any NaN on output); char as its code point;
// string as a string; list, record and tuple as arrays; variant as {"c": case, "v": payload};
// enum as its case name; option as null or {"some": v}; result as {"ok": v} or {"err": v}
// (v null without a payload); flags as the array of the names set, in type order; a resource
// handle as {"handle": k}, the k-th handle the host received in a result.
//
// CALLS.json: {"calls": [{"func": NAME, "args": [...]}, ...]}. Every import that is a function
// is defined by the host as an echo (returns its argument, or a tuple of its arguments); value
// type imports are defined as their bound.
// Output: {"valid": true} or {"invalid": MESSAGE}; then {"link": MESSAGE} if instantiation
// fails, or per call {"ok": RESULT} / {"trap": KIND, "message": MESSAGE}. After a trap the
// component is instantiated again (an instance that trapped may not be entered).

struct ValueError: Error, CustomStringConvertible {
    let description: String
}

/// The resource handles the host received, in order: {"handle": k} is the k-th.
final class ReceivedHandles {
    var handles: [ResourceHandle] = []
}

func componentValue(_ j: JSON, _ t: ComponentValueType, _ received: ReceivedHandles) throws -> ComponentValue {
    func componentValue(_ j: JSON, _ t: ComponentValueType) throws -> ComponentValue {
        try SwasmFuzz.componentValue(j, t, received)
    }
    func bad() -> ValueError { ValueError(description: "value \(j.text) does not fit \(t)") }
    func number<T: FixedWidthInteger>(_: T.Type) throws -> T {
        guard case let .number(n) = j, let v = T(n) else { throw bad() }
        return v
    }
    switch t {
    case .bool:
        guard case let .bool(b) = j else { throw bad() }
        return .bool(b)
    case .s8: return .s8(try number(Int8.self))
    case .u8: return .u8(try number(UInt8.self))
    case .s16: return .s16(try number(Int16.self))
    case .u16: return .u16(try number(UInt16.self))
    case .s32: return .s32(try number(Int32.self))
    case .u32: return .u32(try number(UInt32.self))
    case .s64: return .s64(try number(Int64.self))
    case .u64: return .u64(try number(UInt64.self))
    case .f32: return .f32(bitPattern: try number(UInt32.self))
    case .f64: return .f64(bitPattern: try number(UInt64.self))
    case .char:
        guard let s = Unicode.Scalar(try number(UInt32.self)) else { throw bad() }
        return .char(s)
    case .string:
        guard case let .string(s) = j else { throw bad() }
        return .string(s)
    case let .list(e):
        guard case let .array(items) = j else { throw bad() }
        return .list(try items.map { try componentValue($0, e) })
    case let .record(fields):
        guard case let .array(items) = j, items.count == fields.count else { throw bad() }
        return .record(try zip(fields, items).map { (name: $0.name, value: try componentValue($1, $0.type)) })
    case let .tuple(types):
        guard case let .array(items) = j, items.count == types.count else { throw bad() }
        return .tuple(try zip(types, items).map { try componentValue($1, $0) })
    case let .variant(cases):
        guard case let .string(name)? = j["c"], let c = cases.first(where: { $0.name == name }) else { throw bad() }
        if let p = c.payload {
            guard let v = j["v"] else { throw bad() }
            return .variant(caseName: name, payload: try componentValue(v, p))
        }
        return .variant(caseName: name, payload: nil)
    case let .enum(names):
        guard case let .string(name) = j, names.contains(name) else { throw bad() }
        return .enum(name)
    case let .option(p):
        if j == .null { return .option(nil) }
        guard let v = j["some"] else { throw bad() }
        return .option(try componentValue(v, p))
    case let .result(ok, err):
        let isError = j["err"] != nil
        guard let v = j[isError ? "err" : "ok"] else { throw bad() }
        let p = isError ? err : ok
        return .result(isError: isError, payload: try p.map { try componentValue(v, $0) })
    case let .flags(names):
        guard case let .array(items) = j else { throw bad() }
        let set = Set(items.compactMap { item -> String? in if case let .string(s) = item { return s } else { return nil } })
        return .flags(names.filter { set.contains($0) })
    case .own, .borrow:
        guard case let .number(n)? = j["handle"], let k = Int(n), received.handles.indices.contains(k) else { throw bad() }
        return .resource(received.handles[k])
    case .fixedLengthList:
        throw ValueError(description: "unsupported type \(t)")
    }
}

func json(_ v: ComponentValue, _ received: ReceivedHandles) -> JSON {
    func json(_ v: ComponentValue) -> JSON { SwasmFuzz.json(v, received) }
    switch v {
    case let .bool(b): return .bool(b)
    case let .s8(n): return .number(String(n))
    case let .u8(n): return .number(String(n))
    case let .s16(n): return .number(String(n))
    case let .u16(n): return .number(String(n))
    case let .s32(n): return .number(String(n))
    case let .u32(n): return .number(String(n))
    case let .s64(n): return .number(String(n))
    case let .u64(n): return .number(String(n))
    case let .f32(bits): return Float(bitPattern: bits).isNaN ? .string("nan") : .number(String(bits))
    case let .f64(bits): return Double(bitPattern: bits).isNaN ? .string("nan") : .number(String(bits))
    case let .char(c): return .number(String(c.value))
    case let .string(s): return .string(s)
    case let .list(items), let .tuple(items): return .array(items.map(json))
    case let .record(fields): return .array(fields.map { json($0.value) })
    case let .variant(name, payload):
        var members: [(String, JSON)] = [("c", .string(name))]
        if let payload { members.append(("v", json(payload))) }
        return .object(members)
    case let .enum(name): return .string(name)
    case let .option(p): return p.map { .object([("some", json($0))]) } ?? .null
    case let .result(isError, p): return .object([(isError ? "err" : "ok", p.map(json) ?? .null)])
    case let .flags(names): return .array(names.map { .string($0) })
    case let .resource(handle):
        received.handles.append(handle)
        return .object([("handle", .number(String(received.handles.count - 1)))])
    }
}

/// The host's imports for a generated component: every function import echoes its arguments.
func echoImports(_ component: Component) -> ComponentImports {
    var imports = ComponentImports()
    for (name, type) in component.imports {
        // wasmtime takes `eq`-bounded type imports as given by their bound; swasm's linker wants them defined.
        if case let .type(.value(t)) = type { imports.define(name, type: t) }
        guard case let .function(f) = type else { continue }
        imports.define(name, ComponentFunction(hostFunction: name, type: f) { args in
            f.result == nil ? nil : (args.count == 1 ? args[0] : .tuple(args))
        })
    }
    return imports
}

func trapJSON(_ error: Error) -> JSON {
    let kind: String
    if let t = error as? ComponentTrap {
        kind = "\(t.kind)"
    } else if let t = error as? Trap {
        kind = t.kind.rawValue
    } else {
        kind = "error"
    }
    return .object([("trap", .string(kind)), ("message", .string("\(error)"))])
}

func componentCallsCommand(_ a: inout CommandLineArguments) -> Int32 {
    guard let file = a.rest.first, a.rest.count <= 2 else { fail(usage) }
    guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
    var calls: [JSON] = []
    if a.rest.count == 2 {
        guard let text = FileManager.default.contents(atPath: a.rest[1]) else { fail("cannot read \(a.rest[1])") }
        do {
            guard case let .array(items)? = try JSONParser.parse([UInt8](text))["calls"] else { fail("\(a.rest[1]): no calls") }
            calls = items
        } catch { fail("\(a.rest[1]): \(error)") }
    }
    func emit(_ j: JSON) {
        print(j.text)
        fflush(nil)
    }
    let component: Component
    do {
        component = try Component(bytes: [UInt8](data))
    } catch {
        emit(.object([("invalid", .string("\(error)"))]))
        return 0
    }
    emit(.object([("valid", .bool(true))]))
    guard !calls.isEmpty else { return 0 }
    var types: [String: ComponentFunctionType] = [:]
    for (name, type) in component.exports { if case let .function(f) = type { types[name] = f } }
    let imports = echoImports(component)
    var instance: ComponentInstance?
    let received = ReceivedHandles()
    for call in calls {
        do {
            if instance == nil { instance = try ComponentInstance(component, store: Store(), imports: imports) }
        } catch {
            emit(.object([("link", .string("\(error)"))]))
            return 0
        }
        guard case let .string(name)? = call["func"], let type = types[name], case let .array(args)? = call["args"],
              args.count == type.parameters.count, let current = instance else {
            fail("bad call \(call.text)")
        }
        do {
            let values = try zip(args, type.parameters).map { try componentValue($0, $1.type, received) }
            let result = try current.call(name, values)
            emit(.object([("ok", result.map { json($0, received) } ?? .null)]))
        } catch let e as ValueError {
            fail("\(name): \(e)")
        } catch {
            emit(trapJSON(error))
            // An instance that trapped may not be entered again: the next call gets a new one.
            instance = nil
        }
    }
    return 0
}
