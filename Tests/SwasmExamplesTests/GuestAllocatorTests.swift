import Foundation
import XCTest
import Swasm
import SwasmExamples

/// The third demo and `GuestAllocator` on its guest (Fixtures/demos/malloc_multiplier.c).
final class GuestAllocatorTests: XCTestCase {
    func mallocGuest() throws -> Instance {
        let url = NamesDemoTests.root.appendingPathComponent("Fixtures/demos/malloc_multiplier.wasm")
        let instance = try Store().instantiate(Module(bytes: [UInt8](Data(contentsOf: url))))
        try instance.call("_initialize")
        return instance
    }

    func testMallocDemo() throws {
        let url = NamesDemoTests.root.appendingPathComponent("Fixtures/demos/malloc_multiplier.wasm")
        let module = try Module(bytes: [UInt8](Data(contentsOf: url)))
        XCTAssertEqual(try NamesDemo.runMalloc(.init(name: "Swift", num: 3), module: module),
                       .init(names: ["Swift", "Swift", "Swift"]))
        XCTAssertEqual(try NamesDemo.runMalloc(.init(name: "x", num: 0), module: module), .init(names: []))
        XCTAssertThrowsError(try NamesDemo.runMalloc(rawInput: Array("{\"name\": 1}".utf8), module: module)) {
            XCTAssertEqual($0 as? NamesDemo.GuestError, NamesDemo.GuestError(exitCode: 2, message: "malformed input"))
        }
    }

    func testCopiesAreFreedWhenTheScopeEnds() throws {
        let heap = try GuestAllocator(instance: mallocGuest())
        let first = try heap.withCopy(of: "hello, guest") { address, length in
            XCTAssertEqual(length, 12)
            XCTAssertEqual(try heap.string(at: address, count: length), "hello, guest")
            return address
        }
        // The block went back to the guest's malloc, which hands the same one out again.
        let second = try heap.withCopy(of: "hello, again") { address, _ in address }
        XCTAssertEqual(first, second)
        // Freed even when the body throws.
        struct Stop: Error {}
        XCTAssertThrowsError(try heap.withCopy(of: [1, 2, 3]) { _, _ in throw Stop() }) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(try heap.withCopy(of: "hello, third") { address, _ in address }, first)
    }

    func testNulTerminatedCopyAndCStringRead() throws {
        let heap = try GuestAllocator(instance: mallocGuest())
        let (address, length) = try heap.copy("héllo", nulTerminated: true)
        XCTAssertEqual(length, 6)
        XCTAssertEqual(try heap.bytes(at: address, count: 7), Array("héllo".utf8) + [0])
        XCTAssertEqual(try heap.takeCString(at: address), "héllo")
    }

    func testOutParametersAreReadLittleEndian() throws {
        let instance = try mallocGuest()
        let heap = try GuestAllocator(instance: instance)
        let (value, a, b, c) = try heap.withOutParameters(UInt8.self, UInt64.self, Int32.self) { a, b, c in
            XCTAssertEqual(b.address % 8, 0)
            XCTAssertEqual(c.address, b.address + 8)
            try heap.memory.store(UInt8(7), at: Int(a.address))
            try heap.memory.write([0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01], at: Int(b.address))
            try heap.memory.store(Int32(-2), at: Int(c.address))
            return "done"
        }
        XCTAssertEqual(value, "done")
        XCTAssertEqual(a, 7)
        XCTAssertEqual(b, 0x0102_0304_0506_0708)
        XCTAssertEqual(c, -2)
    }

    func testBadGuestAddressesAreErrors() throws {
        let heap = try GuestAllocator(instance: mallocGuest())
        let size = heap.memory.byteCount
        XCTAssertThrowsError(try heap.takeBytes(at: UInt32(size - 4), count: 8)) {
            XCTAssertEqual($0 as? MemoryAccessError, MemoryAccessError(offset: size - 4, count: 8, memorySize: size))
        }
        XCTAssertThrowsError(try heap.takeCString(at: UInt32.max)) { XCTAssertTrue($0 is MemoryAccessError, "\($0)") }
        XCTAssertThrowsError(try heap.string(at: 0xFFFF_0000, count: 1)) { XCTAssertTrue($0 is MemoryAccessError, "\($0)") }
    }

    func testMissingOrMistypedAllocatorIsNamed() throws {
        let instance = try mallocGuest()
        XCTAssertThrowsError(try GuestAllocator(instance: instance, functions: .malloc(allocate: "my_alloc", free: "free"))) {
            XCTAssertEqual($0 as? GuestAllocatorError, GuestAllocatorError("the guest exports no function \"my_alloc\""))
        }
        XCTAssertThrowsError(try GuestAllocator(instance: instance, functions: .realloc("cabi_realloc", free: nil))) {
            XCTAssertEqual($0 as? GuestAllocatorError, GuestAllocatorError("the guest exports no function \"cabi_realloc\""))
        }
        XCTAssertThrowsError(try GuestAllocator(instance: instance, functions: .malloc(allocate: "names", free: "free"))) {
            XCTAssertEqual($0 as? GuestAllocatorError, GuestAllocatorError(
                "the guest's \"names\" has type (func (param i32 i32 i32 i32) (result i32)), not the allocator's"))
        }
        // A module without any allocator (the memory demo's guest exports only memory and run).
        let url = NamesDemoTests.root.appendingPathComponent("Fixtures/demos/memory_multiplier.wasm")
        var imports = Imports()
        imports.define(module: "host", name: "get_input_size") { () -> Int32 in 0 }
        imports.define(module: "host", name: "get_input") { (_: Int32) in }
        imports.define(module: "host", name: "set_output") { (_: Int32, _: Int32) in }
        let plain = try Store().instantiate(Module(bytes: [UInt8](Data(contentsOf: url))), imports: imports)
        XCTAssertThrowsError(try GuestAllocator(instance: plain)) {
            XCTAssertEqual($0 as? GuestAllocatorError,
                           GuestAllocatorError("the guest exports no allocator: malloc and free missing, and no cabi_realloc"))
        }
    }

    func testGuestOutOfMemoryIsAnError() throws {
        let heap = try GuestAllocator(instance: mallocGuest())
        XCTAssertThrowsError(try heap.allocate(byteCount: Int(UInt32.max) - 16)) {
            XCTAssertEqual($0 as? GuestAllocatorError, GuestAllocatorError("the guest could not allocate \(Int(UInt32.max) - 16) bytes"))
        }
    }
}
