import Foundation
import Hummingbird
import WasmRunner

/// The HTTP side: POST /run/{name} runs a module with the request body as stdin.
public enum Server {
    /// The router, separate from the application so that tests can drive it without a socket.
    public static func router(runner: ModuleRunner) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/run/:name") { request, context -> Response in
            let name = try context.parameters.require("name")
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: runner.limits.maxInputBytes)
            } catch {
                return text(.init(code: 413), "request body larger than \(runner.limits.maxInputBytes) bytes\n")
            }
            do {
                let output = try runner.run(name, input: Array(buffer: body))
                return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                                body: .init(byteBuffer: ByteBuffer(bytes: output)))
            } catch let error as RunError {
                return text(.init(code: error.status), "\(error)\n")
            } catch {
                return text(.internalServerError, "\(error)\n")
            }
        }
        router.get("/modules") { _, _ -> String in
            runner.modules.keys.sorted().joined(separator: "\n") + "\n"
        }
        return router
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: message)))
    }
}
