import Foundation
import Swasm
import SwasmText

/// A test module from Tests/SwasmTests/Fixtures, kept as text: `fixture("traps.wasm")` is
/// the binary of `traps.wat`.
func fixture(_ name: String, filePath: String = #filePath) throws -> [UInt8] {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
        .deletingPathExtension().appendingPathExtension("wat")
    return try WAT.encode(bytes: [UInt8](try Data(contentsOf: url)))
}

func instantiate(_ name: String, configuration: Configuration = Configuration(),
                 imports: (Store) -> Imports = { _ in Imports() }) throws -> Instance {
    let store = Store(configuration: configuration)
    return try store.instantiate(Module(bytes: fixture(name)), imports: imports(store))
}
