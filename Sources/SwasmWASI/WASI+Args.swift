// args_get, args_sizes_get, environ_get, environ_sizes_get.

extension WASI {
    func argsSizesGet(_ memory: GuestMemory, _ countPtr: UInt32, _ sizePtr: UInt32) throws(WASIErrno) {
        try WASI.storeSizes(of: argumentStrings, memory, countPtr, sizePtr)
    }

    func argsGet(_ memory: GuestMemory, _ pointersPtr: UInt32, _ bufferPtr: UInt32) throws(WASIErrno) {
        try WASI.storeStrings(argumentStrings, memory, pointersPtr, bufferPtr)
    }

    func environSizesGet(_ memory: GuestMemory, _ countPtr: UInt32, _ sizePtr: UInt32) throws(WASIErrno) {
        try WASI.storeSizes(of: environmentStrings, memory, countPtr, sizePtr)
    }

    func environGet(_ memory: GuestMemory, _ pointersPtr: UInt32, _ bufferPtr: UInt32) throws(WASIErrno) {
        try WASI.storeStrings(environmentStrings, memory, pointersPtr, bufferPtr)
    }

    /// Stores the number of strings and their total size (terminators included), as u32s.
    private static func storeSizes(of strings: [[UInt8]], _ memory: GuestMemory, _ countPtr: UInt32, _ sizePtr: UInt32) throws(WASIErrno) {
        try memory.check(countPtr, 4)
        try memory.check(sizePtr, 4)
        let size = strings.reduce(0) { $0 + $1.count }
        try memory.store(UInt32(truncatingIfNeeded: strings.count), at: countPtr)
        try memory.store(UInt32(truncatingIfNeeded: size), at: sizePtr)
    }

    /// Stores the NUL-terminated strings back to back at `bufferPtr` and a u32 pointer to each at
    /// `pointersPtr`. Nothing is written unless both areas fit in memory.
    private static func storeStrings(_ strings: [[UInt8]], _ memory: GuestMemory, _ pointersPtr: UInt32, _ bufferPtr: UInt32) throws(WASIErrno) {
        try memory.check(pointersPtr, strings.count * 4)
        try memory.check(bufferPtr, strings.reduce(0) { $0 + $1.count })
        var offset = bufferPtr
        for (i, s) in strings.enumerated() {
            try memory.store(offset, at: pointersPtr &+ UInt32(i * 4))
            try memory.write(s, at: offset)
            offset &+= UInt32(s.count)
        }
    }
}
