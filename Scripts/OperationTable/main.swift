// The operation-table generator: `make generate` builds and runs it to write the generated
// sources of Sources/Swasm from Operations.swift; `make check-generated` writes them to a
// temporary folder and compares.
//
//     generate-operations SOURCES_DIR     (the package's Sources/Swasm)

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: generate-operations SOURCES_DIR")
    exit(2)
}
let root = arguments[1]
let table = Table()
fillTable(table)

var files: [(String, String)] = [
    ("Compile/Generated/Op.swift", emitOp(table)),
    ("Compile/Generated/NumericOpcodeTable.swift", emitNumericOpcodes(table)),
    ("Execute/Generated/HandlerTable.swift", emitHandlerTable(table)),
]
var groups: [String] = []
for op in table.operations where op.body != nil && !groups.contains(op.group) { groups.append(op.group) }
for group in groups { files.append(("Execute/Generated/Handlers+\(group).swift", emitHandlers(table, group: group))) }

func write(_ text: String, to path: String) {
    guard let file = fopen(path, "w") else {
        print("generate-operations: cannot write \(path)")
        exit(1)
    }
    fputs(text, file)
    fclose(file)
}

for (path, text) in files { write(text, to: root + "/" + path) }
print("generate-operations: \(table.operations.count) operations, \(files.count) files")
