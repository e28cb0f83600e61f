import Foundation
import SwasmComponents
import XCTest

/// `Component.wit` against what `wasm-tools component wit` (1.262) prints for the same components.
final class WITTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func wit(_ path: String) throws -> String {
        try Component(bytes: [UInt8](Data(contentsOf: Self.root.appendingPathComponent(path)))).wit
    }

    /// A component of the Component Model's reference tests (`$SPEC_DIR`, else ../shared/spec).
    func specWIT(_ name: String) throws -> String {
        let spec = ProcessInfo.processInfo.environment["SPEC_DIR"].map { URL(fileURLWithPath: $0) }
            ?? Self.root.deletingLastPathComponent().appendingPathComponent("shared/spec")
        let url = spec.appendingPathComponent("component-model/json/\(name).wasm")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("no \(url.path)") }
        return try Component(bytes: [UInt8](Data(contentsOf: url))).wit
    }

    /// The demo component: a world-level record (an `eq` type import) and a function export.
    func testMultiplier() throws {
        XCTAssertEqual(try wit("Fixtures/components/multiplier.wasm"), #"""
        package root:component;

        world root {
          record input {
            name: string,
            num: s32,
          }

          export multiply: func(input: input) -> list<string>;
        }

        """#)
    }

    /// Named interfaces in package blocks, `use` with renames, resources with a constructor,
    /// methods and a static function, records, variants, enums, flags, an inline interface.
    func testShapes() throws {
        XCTAssertEqual(try wit("Fixtures/components/shapes.wasm"), #"""
        package root:component;

        world root {
          import demo:shapes/types@0.1.0;
          import wasi:cli/environment@0.2.0;

          record config {
            verbose: bool,
          }
          import log: func(msg: string);

          export version: func() -> string;
          export configure: func(c: config) -> result<u32, string>;
          export demo:shapes/api@0.1.0;
          export local: interface {
            record item {
              name: string,
              count: option<u32>,
            }

            list-items: func() -> list<item>;
          }
        }
        package demo:shapes@0.1.0 {
          interface types {
            resource canvas {
              constructor(width: u32, height: u32);
              draw: func(s: shape, c: color) -> result<_, string>;
              size: func() -> tuple<u32, u32>;
              open: static func(name: string) -> option<canvas>;
              child: func() -> result<canvas, string>;
              allowed: func() -> perms;
            }

            record point {
              x: f64,
              y: f64,
            }

            variant shape {
              circle(f64),
              rect(tuple<point, point>),
              none,
            }

            enum color {
              red,
              green,
              %type,
            }

            flags perms {
              read,
              write,
            }
          }
          interface api {
            use types.{point, shape as figure, canvas};

            type perms-like = u8;

            area: func(f: figure) -> f64;

            centre: func(ps: list<point>) -> option<point>;

            paint: func(c: borrow<canvas>, p: perms-like) -> u64;
          }
        }


        package wasi:cli@0.2.0 {
          interface environment {
            get-environment: func() -> list<tuple<string, string>>;

            get-arguments: func() -> list<string>;

            initial-cwd: func() -> option<string>;
          }
        }

        """#)
    }

    func testTypeImportsBetweenInterfaceAndFunctionImports() throws {
        XCTAssertEqual(try specWIT("binary_binary.103"), #"""
        package root:component;

        world root {
          import i: interface {
          }

          type t1 = string;

          resource t2;
          import f: func();
        }

        """#)
    }

    func testResourceAliases() throws {
        XCTAssertEqual(try specWIT("validation_resources.10"), #"""
        package root:component;

        world root {
          resource T1;

          type T2 = T1;

          resource T3;

          type T4 = T3;

          resource T5;

          type T6 = T5;

          resource T7;

          type T8 = T7;
          import f: func(p1: T1, p2: borrow<T2>, p3: T3, p4: borrow<T4>, p5: list<T5>, p6: option<borrow<T6>>, p7: T7, p8: borrow<T8>);
        }

        """#)
    }

    func testConstructors() throws {
        XCTAssertEqual(try specWIT("validation_annotated-names.0"), #"""
        package root:component;

        world root {
          resource a {
            constructor();
          }

          resource b {
            constructor() -> result<b>;
          }

          resource c {
            constructor() -> result<c, string>;
          }

          resource d {
            constructor(x: u32);
          }
        }

        """#)
    }

    func testTypeOfAnExportedInterfaceUsedByAFunction() throws {
        XCTAssertEqual(try specWIT("validation_external-visibility.46"), #"""
        package root:component;

        world root {
          export i: interface {
            record t {
              x: u32,
            }
          }
          export f: func(r: t);
        }

        """#)
    }

    func testInlineInterfaceImport() throws {
        XCTAssertEqual(try specWIT("validation_instantiation.29"), #"""
        package root:component;

        world root {
          import i: interface {
            a: func();

            b: func();
          }
        }

        """#)
    }

    func testImplementsAndExternalIDs() throws {
        XCTAssertEqual(try specWIT("validation_attributes.1"), #"""
        package root:component;

        world root {
          @external-id("id")
          import d: interface {
          }
          @external-id("id")
          import a:b/c;
          @external-id("\u{21}\u{40}\u{23}")
          import store1: w:kv/s;
          @external-id("\u{29}\u{2a}\u{26}")
          import store2: w:kv/s;

          @external-id("id")
          resource c;
          @external-id("id")
          import a: func();
          @external-id("id")
          import b: func(text: string) -> string;
          @external-id("\u{2603}\u{fe0e}")
          import uni: func();
          @external-id("\u{7fff}")
          import esc: func();
          @external-id("")
          import empty: func();
          @external-id("same")
          import dup1: func();
          @external-id("same")
          import dup2: func();

          @external-id("id")
          export a: interface {
          }
          @external-id("\u{2603}\u{fe0e}")
          export a:b/c;
          @external-id("\u{7fff}")
          export c: w:kv/s;
        }
        package a:b {
          interface c {
          }
        }


        package w:kv {
          interface s {
          }
        }

        """#)
    }

    func testImplements() throws {
        XCTAssertEqual(try specWIT("binary_binary.102"), #"""
        package root:component;

        world root {
          import i1: my:dep/iface;
          @external-id("some-external-id")
          import i2: interface {
          }
        }
        package my:dep {
          interface iface {
          }
        }

        """#)
    }

    /// An interface both imported and exported (one merged interface), `use` across packages
    /// (the used package first), WIT keywords as names, type aliases.
    func testMany() throws {
        XCTAssertEqual(try wit("Fixtures/components/many.wasm"), #"""
        package root:component;

        world root {
          import test:many/streams@1.2.3;
          import wasi:clocks/clock@0.2.0;
          import test:many/http@1.2.3;
          use test:many/streams@1.2.3.{bytes};

          type mine = list<bytes>;
          import get: func() -> list<list<string>>;

          export run: func(args: list<string>) -> result;
          export run2: func() -> result<_, u8>;
          export run3: func() -> option<option<u8>>;
          export take: func(m: mine);
          export test:many/streams@1.2.3;
          export test:many/http@1.2.3;
        }
        package wasi:clocks@0.2.0 {
          interface clock {
            type instant = u64;

            now: func() -> instant;
          }
        }


        package test:many@1.2.3 {
          interface streams {
            type bytes = list<u8>;

            resource input-stream {
              read: func(len: u64) -> result<list<u8>, stream-error>;
              subscribe: func() -> pollable;
            }

            variant stream-error {
              closed,
              failed(string),
            }

            resource pollable;

            type alias-of-bytes = bytes;
          }
          interface http {
            use streams.{input-stream, bytes};
            use wasi:clocks/clock@0.2.0.{instant};
            use streams.{stream-error};

            enum method {
              get,
              post,
              ok,
            }

            resource request {
              constructor(m: method);
              body: func() -> input-stream;
              headers: func() -> list<tuple<string, string>>;
              make: static func() -> request;
            }

            flags fl {
              a,
              b-c,
              d,
            }

            record %record {
              %type: string,
              %list: option<list<tuple<string, bytes>>>,
              at: instant,
            }

            handle: func(r: request, f: fl) -> result<%record, stream-error>;

            nothing: func();

            pair: func(a: s8, b: u16, c: s64, d: f32, e: char, g: bool) -> tuple<u32, f64>;
          }
        }

        """#)
    }
}
