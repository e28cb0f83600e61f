// swift-tools-version:6.0
import PackageDescription

// The pipeline, one target per stage:
//   SwasmBinary (decode) → Swasm (validate, compile to internal code, execute, runtime API)
//   → SwasmWASI (WASI preview1 over the host API) → SwasmComponents (the Component Model over the
//   core engine) → SwasmSpec (conformance runner) → SwasmCLI → swasm
let package = Package(
    name: "swasm",
    products: [
        .library(name: "Swasm", targets: ["Swasm"]),
        .library(name: "SwasmWASI", targets: ["SwasmWASI"]),
        .library(name: "SwasmText", targets: ["SwasmText"]),
        .library(name: "SwasmComponents", targets: ["SwasmComponents"]),
        .executable(name: "swasm", targets: ["swasm"]),
    ],
    targets: [
        .target(name: "SwasmBinary"),
        .target(name: "Swasm", dependencies: ["SwasmBinary"]),
        .target(name: "SwasmWASI", dependencies: ["Swasm"]),
        // The text format (WAT modules, .wast scripts) → binary; the core does not depend on it.
        .target(name: "SwasmText", dependencies: ["Swasm"]),
        // Components: decode, validate, the Canonical ABI, instantiation over core instances.
        .target(name: "SwasmComponents", dependencies: ["Swasm", "SwasmBinary"]),
        .target(name: "SwasmSpec", dependencies: ["Swasm", "SwasmText", "SwasmComponents"]),
        .target(name: "SwasmCLI", dependencies: ["Swasm", "SwasmWASI", "SwasmSpec", "SwasmText", "SwasmComponents"]),
        .executableTarget(name: "swasm", dependencies: ["SwasmCLI"]),
        // Fuzzing (Fixtures/Fuzz.mk): not part of any product.
        .executableTarget(name: "SwasmFuzz", dependencies: ["Swasm", "SwasmBinary", "SwasmComponents"], path: "Sources/SwasmFuzz"),
        .executableTarget(name: "SwasmBench", dependencies: ["Swasm", "SwasmWASI"], path: "Sources/SwasmBench"),
        // The demos of `make demo`: host-side code for the two Fixtures/demos guests.
        .target(name: "SwasmExamples", dependencies: ["Swasm", "SwasmWASI"]),
        .executableTarget(name: "SwasmDemo", dependencies: ["SwasmExamples", "Swasm", "SwasmComponents"]),
        .testTarget(name: "SwasmBinaryTests", dependencies: ["SwasmBinary"]),
        .testTarget(name: "SwasmTests", dependencies: ["Swasm", "SwasmText"], exclude: ["Fixtures"]),
        .testTarget(name: "SwasmWASITests", dependencies: ["SwasmWASI", "Swasm"], exclude: ["Fixtures"]),
        .testTarget(name: "SwasmExamplesTests", dependencies: ["SwasmExamples", "SwasmWASI", "Swasm", "SwasmText"]),
        .testTarget(name: "SwasmSpecTests", dependencies: ["SwasmSpec", "Swasm", "SwasmText"]),
        .testTarget(name: "SwasmCLITests", dependencies: ["SwasmCLI"]),
        .testTarget(name: "SwasmTextTests", dependencies: ["SwasmText", "Swasm"]),
        .testTarget(name: "SwasmComponentsTests", dependencies: ["SwasmComponents", "Swasm", "SwasmText"]),
    ]
)
