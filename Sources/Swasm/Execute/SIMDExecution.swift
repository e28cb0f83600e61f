/// SIMD instructions, executed out of the main loop so that scalar code does not pay for them.
@inline(never)
func executeSIMD(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>,
                 _ memBase: UnsafeMutableRawPointer, _ memSize: UInt64) -> (trap: TrapCode, length: Int) {
    return (.unreachable, 1)
}
