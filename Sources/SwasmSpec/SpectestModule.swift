import Swasm

/// The `spectest` host module the suite's scripts import from.
enum SpectestModule {
    static func define(in imports: inout Imports, store: Store) {
        func printer(_ name: String, _ params: [ValueType]) {
            imports.define(module: "spectest", name: name, type: FunctionType(parameters: params)) { _, _ in [] }
        }
        printer("print", [])
        printer("print_i32", [.i32])
        printer("print_i64", [.i64])
        printer("print_f32", [.f32])
        printer("print_f64", [.f64])
        printer("print_i32_f32", [.i32, .f32])
        printer("print_f64_f64", [.f64, .f64])
        func global(_ name: String, _ type: ValueType, _ value: Value) {
            if let g = try? Global(store: store, type: GlobalType(valueType: type, isMutable: false), value: value) {
                imports.define(module: "spectest", name: name, .global(g))
            }
        }
        global("global_i32", .i32, .i32(666))
        global("global_i64", .i64, .i64(666))
        global("global_f32", .f32, .float(666.6))
        global("global_f64", .f64, .double(666.6))
        if let table = try? Table(store: store, type: TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20))) {
            imports.define(module: "spectest", name: "table", .table(table))
        }
        // 3.0 (memory64): a table with i64 indices.
        if let table = try? Table(store: store, type: TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20), is64: true)) {
            imports.define(module: "spectest", name: "table64", .table(table))
        }
        if let memory = try? Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 2))) {
            imports.define(module: "spectest", name: "memory", .memory(memory))
        }
    }
}
