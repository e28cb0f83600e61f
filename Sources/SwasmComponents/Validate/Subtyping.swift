import SwasmBinary

// Subtyping of component entities (instantiation arguments, imports, ascribed export types).
// As in wasmparser, value and function types must be equal (no width subtyping), instances and
// components are structural, and resource types are matched through substitution.
extension TypeArena {
    func check(_ a: Entity, isSubtypeOf b: Entity, at offset: Int) throws {
        func fail(_ m: String) -> ComponentError { .invalid(m, at: offset) }
        switch (a, b) {
        case (.module(let a), .module(let b)):
            guard let ma = module(a), let mb = module(b) else { return }
            for imp in ma.imports {
                guard let other = mb.imports.first(where: { $0.module == imp.module && $0.name == imp.name }) else {
                    throw fail("missing expected import `\(imp.module)::\(imp.name)`")
                }
                do { try checkCore(other.type, isSubtypeOf: imp.type, at: offset) } catch let e as ComponentError {
                    throw e.context("type mismatch in import `\(imp.module)::\(imp.name)`")
                }
            }
            for (name, expected) in mb.exports.entries {
                guard let actual = ma.exports[name] else { throw fail("missing expected export `\(name)`") }
                do { try checkCore(actual, isSubtypeOf: expected, at: offset) } catch let e as ComponentError {
                    throw e.context("type mismatch in export `\(name)`")
                }
            }
        case (.function(let a), .function(let b)):
            try checkFunction(a, b, at: offset)
        case (.value(let a), .value(let b)):
            try check(a, isSubtypeOf: b, at: offset)
        case (.type(let a, _), .type(let b, _)):
            try checkTypes(a, b, at: offset)
        case (.instance(let a), .instance(let b)):
            guard let ia = instance(a), let ib = instance(b) else { return }
            var pairs: [(String, Entity, Entity)] = []
            for (name, expected) in ib.exports.entries {
                guard let actual = ia.exports[name] else { throw fail("missing expected export `\(name)`") }
                pairs.append((name, actual, expected))
            }
            for (name, actual, expected) in pairs {
                do { try check(actual, isSubtypeOf: expected, at: offset) } catch let e as ComponentError {
                    throw e.context("type mismatch in instance export `\(name)`")
                }
            }
        case (.component(let a), .component(let b)):
            guard let cb = component(b) else { return }
            var importMapping = try openInstanceType(cb.imports, a, imports: true, at: offset)
            guard let ca = component(a) else { return }
            var exports = OrderedMap<Entity>()
            for (name, e) in ca.exports.entries { exports.insert(name, remap(e, &importMapping)) }
            _ = try openInstanceType(exports, b, imports: false, at: offset)
        default:
            throw fail("expected \(b.desc), found \(a.desc)")
        }
    }

    /// Types behind type entities: defined types, resources, or the other kinds of type.
    func checkTypes(_ a: TypeID, _ b: TypeID, at offset: Int) throws {
        func fail(_ m: String) -> ComponentError { .invalid(m, at: offset) }
        switch (entries[a], entries[b]) {
        case (.defined(let x), .defined(let y)): try checkDefined(x, y, at: offset)
        case (.defined, .resource): throw fail("expected resource, found defined type")
        case (.resource(let x), .resource(let y)):
            if x != y { throw fail("resource types are not the same") }
        case (.resource, .defined): throw fail("expected defined type, found resource")
        case (.function, .function): try checkFunction(a, b, at: offset)
        case (.instance, .instance): try check(.instance(a), isSubtypeOf: .instance(b), at: offset)
        case (.component, .component): try check(.component(a), isSubtypeOf: .component(b), at: offset)
        default: throw fail("expected \(kindName(entries[b])), found \(kindName(entries[a]))")
        }
    }

    func kindName(_ e: ArenaEntry) -> String {
        switch e {
        case .defined: return "defined type"
        case .function: return "func"
        case .component: return "component"
        case .instance: return "instance"
        case .resource: return "resource"
        case .module: return "module"
        }
    }

    func checkFunction(_ a: TypeID, _ b: TypeID, at offset: Int) throws {
        guard let fa = function(a), let fb = function(b) else { return }
        func fail(_ m: String) -> ComponentError { .invalid(m, at: offset) }
        if fa.isAsync != fb.isAsync { throw fail("expected async function, found sync function") }
        guard fa.params.count == fb.params.count else {
            throw fail("expected \(fb.params.count) parameters, found \(fa.params.count)")
        }
        for (pa, pb) in zip(fa.params, fb.params) {
            guard kebabEqual(pa.name, pb.name) else { throw fail("expected parameter named `\(pb.name)`, found `\(pa.name)`") }
            do { try check(pa.type, isSubtypeOf: pb.type, at: offset) } catch let e as ComponentError {
                throw e.context("type mismatch in function parameter `\(pa.name)`")
            }
        }
        switch (fa.result, fb.result) {
        case (nil, nil): break
        case (let ra?, let rb?):
            do { try check(ra, isSubtypeOf: rb, at: offset) } catch let e as ComponentError {
                throw e.context("type mismatch with result type")
            }
        case (nil, _?): throw fail("expected no result, found one")
        case (_?, nil): throw fail("expected a result, found none")
        }
    }

    func check(_ a: VType, isSubtypeOf b: VType, at offset: Int) throws {
        func fail(_ m: String) -> ComponentError { .invalid(m, at: offset) }
        switch (a, b) {
        case (.primitive(let x), .primitive(let y)):
            if x != y { throw fail("expected primitive `\(y)` found primitive `\(x)`") }
        case (.type(let x), .type(let y)):
            guard let dx = defined(x), let dy = defined(y) else { return }
            try checkDefined(dx, dy, at: offset)
        case (.primitive(let x), .type(let y)):
            guard let dy = defined(y) else { return }
            if case .primitive(let p) = dy {
                if x != p { throw fail("expected primitive `\(p)` found primitive `\(x)`") }
            } else {
                throw fail("expected \(dy.desc), found \(x)")
            }
        case (.type(let x), .primitive(let y)):
            guard let dx = defined(x) else { return }
            if case .primitive(let p) = dx {
                if p != y { throw fail("expected primitive `\(y)` found primitive `\(p)`") }
            } else {
                throw fail("expected \(y), found \(dx.desc)")
            }
        }
    }

    func checkDefined(_ a: DefinedType, _ b: DefinedType, at offset: Int) throws {
        func fail(_ m: String) -> ComponentError { .invalid(m, at: offset) }
        func sub(_ x: VType, _ y: VType, _ context: String) throws {
            do { try check(x, isSubtypeOf: y, at: offset) } catch let e as ComponentError { throw e.context(context) }
        }
        switch (a, b) {
        case (.primitive(let x), .primitive(let y)):
            if x != y { throw fail("expected primitive `\(y)` found primitive `\(x)`") }
        case (.record(let x), .record(let y)):
            guard x.count == y.count else { throw fail("expected \(y.count) fields, found \(x.count)") }
            for (fx, fy) in zip(x, y) {
                guard kebabEqual(fx.name, fy.name) else { throw fail("expected field name `\(fy.name)`, found `\(fx.name)`") }
                try sub(fx.type, fy.type, "type mismatch in record field `\(fx.name)`")
            }
        case (.variant(let x), .variant(let y)):
            guard x.count == y.count else { throw fail("expected \(y.count) cases, found \(x.count)") }
            for (cx, cy) in zip(x, y) {
                guard kebabEqual(cx.name, cy.name) else { throw fail("expected case named `\(cy.name)`, found `\(cx.name)`") }
                switch (cx.type, cy.type) {
                case (let tx?, let ty?): try sub(tx, ty, "type mismatch in variant case `\(cx.name)`")
                case (nil, nil): break
                case (nil, _?): throw fail("expected case `\(cx.name)` to have a type, found none")
                case (_?, nil): throw fail("expected case `\(cx.name)` to have no type")
                }
            }
        case (.list(let x), .list(let y)), (.option(let x), .option(let y)):
            try check(x, isSubtypeOf: y, at: offset)
        case (.fixedLengthList(let x, let n), .fixedLengthList(let y, let m)):
            guard n == m else { throw fail("expected list of length \(m), found length \(n)") }
            try check(x, isSubtypeOf: y, at: offset)
        case (.map(let kx, let vx), .map(let ky, let vy)):
            try check(kx, isSubtypeOf: ky, at: offset)
            try check(vx, isSubtypeOf: vy, at: offset)
        case (.tuple(let x), .tuple(let y)):
            guard x.count == y.count else { throw fail("expected \(y.count) types, found \(x.count)") }
            for (i, (tx, ty)) in zip(x, y).enumerated() { try sub(tx, ty, "type mismatch in tuple field \(i)") }
        case (.flags(let x), .flags(let y)):
            guard x.count == y.count, zip(x, y).allSatisfy({ kebabEqual($0, $1) }) else { throw fail("mismatch in flags elements") }
        case (.enum(let x), .enum(let y)):
            guard x.count == y.count, zip(x, y).allSatisfy({ kebabEqual($0, $1) }) else { throw fail("mismatch in enum elements") }
        case (.result(let ao, let ae), .result(let bo, let be)):
            switch (ao, bo) {
            case (nil, nil): break
            case (let x?, let y?): try sub(x, y, "type mismatch in ok variant")
            case (nil, _?): throw fail("expected ok type, but found none")
            case (_?, nil): throw fail("expected ok type to not be present")
            }
            switch (ae, be) {
            case (nil, nil): break
            case (let x?, let y?): try sub(x, y, "type mismatch in err variant")
            case (nil, _?): throw fail("expected err type, but found none")
            case (_?, nil): throw fail("expected err type to not be present")
            }
        case (.own(let x), .own(let y)), (.borrow(let x), .borrow(let y)):
            if resource(x) != resource(y) { throw fail("resource types are not the same") }
        case (.stream(let x), .stream(let y)), (.future(let x), .future(let y)):
            switch (x, y) {
            case (nil, nil): break
            case (let tx?, let ty?): try check(tx, isSubtypeOf: ty, at: offset)
            default: throw fail("type mismatch in \(a.desc) payload")
            }
        case (_, .primitive):
            throw fail("expected primitive, found \(a.desc)")
        default:
            throw fail("expected \(b.desc), found \(a.desc)")
        }
    }

    func checkCore(_ a: CoreEntity, isSubtypeOf b: CoreEntity, at offset: Int) throws {
        func fail(_ m: String) -> ComponentError { .invalid(m, at: offset) }
        func limitsMatch(_ a: Limits, _ b: Limits) -> Bool {
            guard a.min >= b.min else { return false }
            guard let bmax = b.max else { return true }
            guard let amax = a.max else { return false }
            return amax <= bmax
        }
        switch (a, b) {
        case (.function(let x), .function(let y)), (.tag(let x), .tag(let y)):
            if x != y { throw fail("expected: \(coreDesc(y))\nfound:    \(coreDesc(x))") }
        case (.table(let x), .table(let y)):
            if x.elementType != y.elementType {
                throw fail("expected table element type \(y.elementType), found \(x.elementType)")
            }
            if !limitsMatch(x.limits, y.limits) { throw fail("mismatch in table limits") }
        case (.memory(let x), .memory(let y)):
            if x.shared != y.shared { throw fail("mismatch in the shared flag for memories") }
            if x.memory64 != y.memory64 { throw fail("mismatch in index type used for memories") }
            if !limitsMatch(x.limits, y.limits) { throw fail("mismatch in memory limits") }
        case (.global(let x), .global(let y)):
            if x.isMutable != y.isMutable { throw fail("global types differ in mutability") }
            if x.valueType != y.valueType { throw fail("expected global type \(y.valueType), found \(x.valueType)") }
        default:
            throw fail("expected \(b.desc), found \(a.desc)")
        }
    }

    /// "(func (param i32) (result i32))", as wasmparser describes a core function type.
    func coreDesc(_ f: FunctionType) -> String {
        var s = "(func"
        if !f.parameters.isEmpty { s += " (param " + f.parameters.map(\.description).joined(separator: " ") + ")" }
        if !f.results.isEmpty { s += " (result " + f.results.map(\.description).joined(separator: " ") + ")" }
        return s + ")"
    }

    /// Checks that the items `a` satisfy the imports (or exports) of component type `b`, and
    /// returns the substitution of `b`'s imported (or defined) resources by the ones supplied.
    func openInstanceType(_ a: OrderedMap<Entity>, _ b: TypeID, imports: Bool, at offset: Int) throws -> Remapping {
        guard let ct = component(b) else { return Remapping() }
        let entities = imports ? ct.imports : ct.exports
        let resources = imports ? ct.importedResources : ct.definedResources
        var mapping = Remapping()
        outer: for (resource, path) in resources {
            guard let first = path.first, first < entities.count else { continue }
            var ty = entities.values[first]
            var arg = a[entities.keys[first]]
            for i in path.dropFirst() {
                guard case .instance(let id) = ty, let it = instance(id), i < it.exports.count else { continue outer }
                let name = it.exports.keys[i]
                ty = it.exports.values[i]
                guard case .instance(let argID)? = arg, let argType = instance(argID) else { continue outer }
                arg = argType.exports[name]
            }
            if case .type(_, let created)? = arg, let r = self.resource(created) {
                mapping.resources[resource] = r
            }
        }
        let kind = imports ? "import" : "export"
        var pairs: [(String, Entity, Entity)] = []
        for (name, expected) in entities.entries {
            guard let actual = a[name] else { throw ComponentError.invalid("missing \(kind) named `\(name)`", at: offset) }
            pairs.append((name, actual, expected))
        }
        var typeMap: [TypeID: TypeID] = [:]
        for (name, actual, expected) in pairs {
            var m = Remapping(resources: mapping.resources, types: [:])
            let e = remap(expected, &m)
            do { try check(actual, isSubtypeOf: e, at: offset) } catch let err as ComponentError {
                throw err.context("type mismatch for \(kind) `\(name)`")
            }
            registerRenamings(actual: actual, expected: expected, &typeMap)
        }
        mapping.types = typeMap
        return mapping
    }

    private func registerRenamings(actual: Entity, expected: Entity, _ map: inout [TypeID: TypeID]) {
        switch (expected, actual) {
        case (.type(_, let e), .type(_, let a)):
            map[e] = a
        case (.instance(let e), .instance(let a)):
            guard let ie = instance(e), let ia = instance(a) else { return }
            for (name, ee) in ie.exports.entries {
                if let ae = ia.exports[name] { registerRenamings(actual: ae, expected: ee, &map) }
            }
        default:
            break
        }
    }
}

/// Kebab names compare without regard to ASCII case.
func kebabEqual(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }
