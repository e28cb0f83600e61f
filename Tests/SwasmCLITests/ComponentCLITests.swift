import Foundation
import XCTest

/// `swasm run --invoke 'f(WAVE)' COMPONENT.wasm` and `swasm wit COMPONENT.wasm`, run as a user would.
final class ComponentCLITests: XCTestCase {
    static let multiplier = "Fixtures/components/multiplier.wasm"

    func run(_ arguments: [String]) throws -> SwasmProcess.Result {
        try SwasmProcess.run(arguments)
    }

    func invoke(_ call: String) throws -> SwasmProcess.Result {
        try run(["run", "--invoke", call, Self.multiplier])
    }

    func testInvokePrintsTheResultInWAVE() throws {
        let r = try invoke(#"multiply({name: "Rust", num: 3})"#)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "[\"Rust\", \"Rust\", \"Rust\"]\n")
        XCTAssertEqual(r.stderr, "")
        let escaped = try invoke(#"multiply({num: 2, name: "it's \"x\"\n"})"#)
        XCTAssertEqual(escaped.stdout, #"["it\'s \"x\"\n", "it\'s \"x\"\n"]"# + "\n")
        XCTAssertEqual(try invoke(#"multiply({name: "☃", num: 0})"#).stdout, "[]\n")
    }

    func testBadWAVENamesTheColumn() throws {
        let r = try invoke(#"multiply({name: "Rust", num: "3"})"#)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, #"""
            swasm run: bad --invoke call: column 30: expected an integer (s32), found '"3"'
              multiply({name: "Rust", num: "3"})
                                           ^

            """#)
        let missing = try invoke(#"multiply({name: "Rust"})"#)
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, #"""
            swasm run: bad --invoke call: column 10: missing field 'num' of record { name: string, num: s32 }
              multiply({name: "Rust"})
                       ^

            """#)
        let range = try invoke(#"multiply({name: "Rust", num: 3000000000})"#)
        XCTAssertEqual(range.status, 2)
        XCTAssertTrue(range.stderr.hasPrefix("swasm run: bad --invoke call: column 30: 3000000000 is out of range for s32 (-2147483648...2147483647)\n"),
                      range.stderr)
        let noParens = try invoke("multiply")
        XCTAssertEqual(noParens.status, 2)
        XCTAssertTrue(noParens.stderr.hasPrefix("swasm run: bad --invoke call: column 9: expected '(' after the function name"), noParens.stderr)
    }

    func testUnknownFunctionListsTheExports() throws {
        let r = try invoke("mul(1)")
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, """
            swasm run: \(Self.multiplier) exports no function 'mul'; its exported functions:
              multiply: func(input: record { name: string, num: s32 }) -> list<string>

            """)
    }

    func testTrapExits134() throws {
        let r = try invoke(#"multiply({name: "Rust", num: -1})"#)
        XCTAssertEqual(r.status, 134)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("wasm trap: unreachable\n"), r.stderr)
    }

    func testComponentNeedsInvokeAndNoModuleOptions() throws {
        let r = try run(["run", Self.multiplier])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, """
            swasm run: \(Self.multiplier) is a component: use --invoke 'NAME(ARGS)' to call one of its exported functions; its exported functions:
              multiply: func(input: record { name: string, num: s32 }) -> list<string>

            """)
        let env = try run(["run", "--env", "A=1", "--invoke", "multiply({name: \"a\", num: 1})", Self.multiplier])
        XCTAssertEqual(env.status, 2)
        XCTAssertEqual(env.stderr, "swasm run: --env cannot be used with a component (\(Self.multiplier))\n")
        let extra = try run(["run", "--invoke", "multiply({name: \"a\", num: 1})", Self.multiplier, "3"])
        XCTAssertEqual(extra.status, 2)
        XCTAssertEqual(extra.stderr, "swasm run: a component's arguments go in the --invoke call, e.g. --invoke 'f(1, \"x\")', not after the file (got 3)\n")
        let badFlag = try run(["run", "--frobnicate", Self.multiplier])
        XCTAssertEqual(badFlag.status, 2)
    }

    func testFuelAndTimeoutBoundAComponent() throws {
        let enough = try run(["run", "--fuel", "10000000", "--invoke", "multiply({name: \"a\", num: 2})", Self.multiplier])
        XCTAssertEqual(enough.status, 0, enough.stderr)
        XCTAssertEqual(enough.stdout, "[\"a\", \"a\"]\n")
        let starved = try run(["run", "--fuel", "100", "--invoke", "multiply({name: \"a\", num: 100000})", Self.multiplier])
        XCTAssertEqual(starved.status, 134)
        XCTAssertTrue(starved.stderr.hasPrefix("wasm trap: fuel exhausted\n"), starved.stderr)
        let timed = try run(["run", "--timeout", "5", "--invoke", "multiply({name: \"b\", num: 1})", Self.multiplier])
        XCTAssertEqual(timed.status, 0, timed.stderr)
        XCTAssertEqual(timed.stdout, "[\"b\"]\n")
    }

    func testWIT() throws {
        let r = try run(["wit", Self.multiplier])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            package root:component;

            world root {
              record input {
                name: string,
                num: s32,
              }

              export multiply: func(input: input) -> list<string>;
            }

            """)
        let module = try run(["wit", "Fixtures/wasi/hello.wasm"])
        XCTAssertEqual(module.status, 1)
        XCTAssertEqual(module.stderr, "swasm wit: Fixtures/wasi/hello.wasm is not a component (a core module has no WIT interface)\n")
        XCTAssertEqual(try run(["wit"]).status, 2)
        XCTAssertEqual(try run(["wit", "--frobnicate", Self.multiplier]).status, 2)
        XCTAssertEqual(try run(["wit", "no/such.wasm"]).stderr, "swasm wit: no/such.wasm: cannot read file: no/such.wasm\n")
    }

    func testHelpMentionsComponents() throws {
        let help = try run(["--help"]).stdout
        XCTAssertTrue(help.contains("swasm wit COMPONENT.wasm"), help)
        XCTAssertTrue(help.contains("swasm run --invoke 'NAME(WAVE, ...)' COMPONENT.wasm"), help)
        XCTAssertTrue(try run(["run", "--help"]).stdout.contains("--invoke 'NAME(ARG, ...)'"))
    }

    /// Fixtures/components/values.wat: results wasmtime-py gives too (0.15000000223517418, 'b',
    /// 3 / "division by zero", 2 / None), printed in WAVE.
    func testValuesInWAVE() throws {
        let values = "Fixtures/components/values.wasm"
        func output(_ call: String) throws -> String {
            let r = try run(["run", "--invoke", call, values])
            XCTAssertEqual(r.status, 0, "\(call): \(r.stderr)")
            return r.stdout
        }
        XCTAssertEqual(try output("math#add(2, 3)"), "5\n")
        XCTAssertEqual(try output("scale(1.5, 0.1)"), "0.15000000223517418\n")
        XCTAssertEqual(try output("next-char('a')"), "'b'\n")
        XCTAssertEqual(try output("checked-div(7, 2)"), "ok(3)\n")
        XCTAssertEqual(try output("checked-div(7, 0)"), "err(\"division by zero\")\n")
        XCTAssertEqual(try output("find([1, 2, 3], 3)"), "some(2)\n")
        XCTAssertEqual(try output("find([], 3)"), "none\n")
        let trap = try run(["run", "--invoke", #"next-char('\u{d7ff}')"#, values])
        XCTAssertEqual(trap.status, 134)
        XCTAssertEqual(trap.stderr, "wasm trap: converted integer out of range for `char`\n")
        let noInstance = try run(["run", "--invoke", "maths#add(1, 2)", values])
        XCTAssertEqual(noInstance.status, 2)
        XCTAssertTrue(noInstance.stderr.hasPrefix("swasm run: \(values) exports no function 'maths#add'; its exported functions:\n  math#add: func(a: u32, b: u32) -> u32\n"),
                      noInstance.stderr)
    }
}
