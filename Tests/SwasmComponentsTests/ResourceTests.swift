import XCTest
import Swasm
@testable import SwasmComponents

/// Handle tables, `resource.new`/`drop`/`rep`, own and borrow handles across calls, and the
/// borrow rules.
final class ResourceTests: XCTestCase {
    func testIndicesStartAtOneAndFreedOnesAreReusedLastFirst() throws {
        let s = ComponentInstanceState(name: "C")
        let r = ResourceType(name: "R", implementation: s)
        XCTAssertEqual(try [100, 200, 300].map { try s.resourceNew(r, representation: $0) }, [1, 2, 3])
        try s.resourceDrop(r, index: 2)
        XCTAssertEqual(try s.resourceNew(r, representation: 400), 2)
        XCTAssertEqual(try [1, 2, 3].map { try s.resourceRep(r, index: $0) }, [100, 400, 300])
        for i: UInt32 in [1, 2, 3] { try s.resourceDrop(r, index: i) }
        XCTAssertEqual(try [500, 600, 700, 800].map { try s.resourceNew(r, representation: $0) }, [3, 2, 1, 4])
        XCTAssertEqual(s.handleCount, 4)
    }

    func testUnknownHandlesTrap() throws {
        let s = ComponentInstanceState(name: "C")
        let r = ResourceType(name: "R", implementation: s)
        XCTAssertComponentTrap("unknown handle index 5") { try s.resourceDrop(r, index: 5) }
        XCTAssertComponentTrap("unknown handle index 5") { _ = try s.resourceRep(r, index: 5) }
        XCTAssertComponentTrap("unknown handle index 0") { try s.resourceDrop(r, index: 0) }
        XCTAssertComponentTrap("unknown handle index 4294967295") { try s.resourceDrop(r, index: 0xffff_ffff) }
        XCTAssertEqual(try s.resourceNew(r, representation: 100), 1)
        try s.resourceDrop(r, index: 1)
        XCTAssertComponentTrap("unknown handle index 1") { try s.resourceDrop(r, index: 1) }
    }

    func testHandlesAreTypeChecked() throws {
        let s = ComponentInstanceState(name: "C")
        let r1 = ResourceType(name: "R1", implementation: s), r2 = ResourceType(name: "R2", implementation: s)
        XCTAssertEqual(try s.resourceNew(r1, representation: 100), 1)
        XCTAssertComponentTrap("handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource") {
            try s.resourceDrop(r2, index: 1)
        }
        let h = ResourceType(hostDefined: "H")
        XCTAssertEqual(try s.resourceNew(r1, representation: 100), 1)
        XCTAssertComponentTrap("handle index 1 used with the wrong type, expected host-defined resource but found a different guest-defined resource") {
            _ = try s.resourceRep(h, index: 1)
        }
    }

    func testDroppingAnOwnedHandleInTheDefiningInstanceRunsTheDestructor() throws {
        let s = ComponentInstanceState(name: "C")
        var dropped: [UInt32] = []
        let r = ResourceType(name: "R", implementation: s, destructor: ResourceDestructor { dropped.append($0) })
        let i = try s.resourceNew(r, representation: 42)
        try s.resourceDrop(r, index: i)
        XCTAssertEqual(dropped, [42])
    }

    /// C implements R (with a core destructor) and exports functions taking and returning
    /// handles; D's core code uses them through lowered imports.
    private struct Borrows {
        let c: Guest
        let d: Guest
        let resource: ResourceType

        init() throws {
            let store = Store()
            let cState = ComponentInstanceState(name: "C")
            var cGuest: Guest?
            let r = ResourceType(name: "R", implementation: cState, destructor: ResourceDestructor { rep in
                _ = try cGuest?.function("dtor").call([.i32(rep)])
            })
            let c = try Guest("""
                (global $made (mut i32) (i32.const 0))
                (global $live (mut i32) (i32.const 0))
                (func (export "make") (result i32)
                  (global.set $made (i32.add (global.get $made) (i32.const 1)))
                  (global.set $live (i32.add (global.get $live) (i32.const 1)))
                  (call $new (i32.add (i32.const 0x40) (global.get $made))))
                (func (export "get-rep") (param i32) (result i32) (local.get 0))
                (func (export "get-rep-pair") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
                (func (export "borrow-and-take") (param i32 i32) (result i32) (call $drop (local.get 1)) (local.get 0))
                (func (export "num-live") (result i32) (global.get $live))
                (func (export "dtor") (param i32) (global.set $live (i32.sub (global.get $live) (i32.const 1))))
                """, name: "C", store: store, state: cState,
                imports: ["new": cState.resourceNewFunction(r), "drop": cState.resourceDropFunction(r)])
            cGuest = c
            let dState = ComponentInstanceState(name: "D")
            func lower(_ f: ComponentFunction) -> HostFunction { f.lowered(options: CanonicalOptions(), instance: dState) }
            d = try Guest("""
                (func (export "run") (result i32)
                  (local $h1 i32) (local $h2 i32) (local $h3 i32)
                  (local.set $h1 (call $make))
                  (if (i32.ne (i32.const 1) (local.get $h1)) (then unreachable))
                  (if (i32.ne (i32.const 0x41) (call $get-rep (local.get $h1))) (then unreachable))
                  (if (i32.ne (i32.const 0x82) (call $get-rep-pair (local.get $h1) (local.get $h1))) (then unreachable))
                  (local.set $h2 (call $make))
                  (if (i32.ne (i32.const 2) (local.get $h2)) (then unreachable))
                  (if (i32.ne (i32.const 2) (call $num-live)) (then unreachable))
                  (if (i32.ne (i32.const 0x41) (call $borrow-and-take (local.get $h1) (local.get $h2))) (then unreachable))
                  (if (i32.ne (i32.const 1) (call $num-live)) (then unreachable))
                  (call $drop (local.get $h1))
                  (if (i32.ne (i32.const 0) (call $num-live)) (then unreachable))
                  (local.set $h3 (call $make))
                  (if (i32.ne (i32.const 1) (local.get $h3)) (then unreachable))
                  (if (i32.ne (i32.const 0x43) (call $get-rep (local.get $h3))) (then unreachable))
                  (call $drop (local.get $h3))
                  (i32.const 42))
                (func (export "lend-trap") (local $h i32)
                  (local.set $h (call $make))
                  (drop (call $borrow-and-take (local.get $h) (local.get $h))))
                (func (export "keep") (result i32) (call $make))
                """, name: "D", store: store, state: dState, imports: [
                    "make": lower(try c.lift("make", [], .own(r))),
                    "get-rep": lower(try c.lift("get-rep", [.borrow(r)], .u32)),
                    "get-rep-pair": lower(try c.lift("get-rep-pair", [.borrow(r), .borrow(r)], .u32)),
                    "borrow-and-take": lower(try c.lift("borrow-and-take", [.borrow(r), .own(r)], .u32)),
                    "num-live": lower(try c.lift("num-live", [], .u32)),
                    "drop": dState.resourceDropFunction(r),
                ])
            self.c = c
            resource = r
        }
    }

    func testOwnsMoveAndBorrowsLendBetweenComponents() throws {
        let b = try Borrows()
        XCTAssertEqual(try b.d.lift("run", [], .u32).call([]), .u32(42))
        XCTAssertEqual(b.c.state.handleCount, 0)
        XCTAssertEqual(b.d.state.handleCount, 0)
    }

    func testAnOwnedHandleCannotMoveWhileLent() throws {
        let b = try Borrows()
        XCTAssertComponentTrap("cannot remove owned resource while borrowed") { try b.d.lift("lend-trap", [], nil).call([]) }
    }

    func testTheHostOwnsAndDropsGuestResources() throws {
        let b = try Borrows()
        let made = try b.c.lift("make", [], .own(b.resource)).call([])
        XCTAssertEqual(made, .resource(ResourceHandle(type: b.resource, isOwned: true, representation: 0x41)))
        XCTAssertEqual(b.c.state.handleCount, 0)
        let live = try b.c.lift("num-live", [], .u32)
        XCTAssertEqual(try live.call([]), .u32(1))
        guard case .resource(let handle)? = made else { return XCTFail() }
        // Passing it back as a borrow to the implementing instance gives the representation.
        XCTAssertEqual(try b.c.lift("get-rep", [.borrow(b.resource)], .u32).call([.resource(handle)]), .u32(0x41))
        try handle.drop()
        XCTAssertEqual(try live.call([]), .u32(0))
    }

    func testBorrowsMustBeDroppedBeforeTheCallReturns() throws {
        let host = ResourceType(hostDefined: "H")
        let state = ComponentInstanceState(name: "C")
        let g = try Guest("""
            (func (export "keep") (param i32))
            (func (export "release") (param i32) (call $drop (local.get 0)))
            """, state: state, imports: ["drop": state.resourceDropFunction(host)])
        let handle = ComponentValue.resource(ResourceHandle(type: host, isOwned: true, representation: 7))
        XCTAssertComponentTrap("borrow handles still remain at the end of the call") {
            try g.lift("keep", [.borrow(host)], nil).call([handle])
        }
        let fresh = ComponentInstanceState(name: "C2")
        let g2 = try Guest("(func (export \"release\") (param i32) (call $drop (local.get 0)))", state: fresh,
                           imports: ["drop": fresh.resourceDropFunction(host)])
        XCTAssertNil(try g2.lift("release", [.borrow(host)], nil).call([handle]))
        XCTAssertEqual(fresh.handleCount, 0)
    }

    func testComponentsDroppingHostResourcesRunTheHostDestructor() throws {
        var dropped: [UInt32] = []
        let host = ResourceType(hostDefined: "H", destructor: ResourceDestructor { dropped.append($0) })
        let state = ComponentInstanceState(name: "C")
        let g = try Guest("""
            (func (export "consume") (param i32) (call $drop (local.get 0)))
            (func (export "hold") (param i32) (result i32) (local.get 0))
            """, state: state, imports: ["drop": state.resourceDropFunction(host)])
        try g.lift("consume", [.own(host)], nil).call([.resource(ResourceHandle(type: host, isOwned: true, representation: 7))])
        XCTAssertEqual(dropped, [7])
        // An own passed in and straight back out moves through the table.
        let back = try g.lift("hold", [.own(host)], .own(host)).call([.resource(ResourceHandle(type: host, isOwned: true, representation: 9))])
        XCTAssertEqual(back, .resource(ResourceHandle(type: host, isOwned: true, representation: 9)))
        XCTAssertEqual(state.handleCount, 0)
        // A borrow cannot be returned as an own.
        XCTAssertComponentTrap("handle index 1 is a borrow, not an owned resource") {
            let s2 = ComponentInstanceState(name: "C3")
            let g2 = try Guest("(func (export \"f\") (param i32) (result i32) (local.get 0))", state: s2)
            _ = try ComponentFunction.lifted(try g2.function("f"), name: "f", type: functionType([.borrow(host)], .own(host)),
                                             options: CanonicalOptions(), instance: s2)
                .call([.resource(ResourceHandle(type: host, isOwned: false, representation: 1))])
        }
    }

    func testResourceNewMayNotRunInPostReturnButRepMay() throws {
        let state = ComponentInstanceState(name: "C")
        let r = ResourceType(name: "R", implementation: state)
        let g = try Guest("""
            (global $h (mut i32) (i32.const 0))
            (global $rep (mut i32) (i32.const 0))
            (func (export "f") (result i32) (global.set $h (call $new (i32.const 123))) (i32.const 5))
            (func (export "rep-post") (param i32) (global.set $rep (call $rep (global.get $h))))
            (func (export "new-post") (param i32) (drop (call $new (i32.const 1))))
            (func (export "rep") (result i32) (global.get $rep))
            """, state: state, imports: ["new": state.resourceNewFunction(r), "rep": state.resourceRepFunction(r)])
        XCTAssertEqual(try g.lift("f", [], .u32, postReturn: "rep-post").call([]), .u32(5))
        XCTAssertEqual(try g.function("rep").call([]), [.i32(123)])
        XCTAssertComponentTrap("cannot leave component instance") { try g.lift("f", [], .u32, postReturn: "new-post").call([]) }
    }
}
