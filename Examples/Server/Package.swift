// swift-tools-version:6.0
// An HTTP server that runs WASI modules with swasm: POST /run/{name}, body = stdin, response =
// stdout. Its own package (swasm itself has no dependencies); `make example-server` in the
// repository root builds and starts it.
import Foundation
import PackageDescription

// swasm by path: SwiftPM names a path dependency after its folder (the checkout's name).
let swasmPath = "../.."
let swasm = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent(swasmPath).standardized.lastPathComponent

let package = Package(
    name: "swasm-server",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: swasmPath),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // Loading modules and running one request: no HTTP, so it is tested on its own.
        .target(name: "WasmRunner", dependencies: [
            .product(name: "Swasm", package: swasm),
            .product(name: "SwasmWASI", package: swasm),
        ]),
        .executableTarget(name: "SwasmServer", dependencies: [
            "WasmRunner",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // The runner's tests; the HTTP side is exercised by Scripts/load.sh (HummingbirdTesting
        // would add AsyncHTTPClient and BoringSSL to the build).
        .testTarget(name: "WasmRunnerTests", dependencies: ["WasmRunner"]),
    ]
)
