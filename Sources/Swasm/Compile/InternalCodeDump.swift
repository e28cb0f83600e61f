/// A readable listing of a module's internal code, for debugging and profiling the compiler.
extension Module {
    /// One line per internal instruction: word offset, operation and raw operand fields.
    public func internalCodeListing() -> String {
        var lines: [String] = []
        for (i, f) in functionCode.enumerated() {
            let index = context.importedFunctionCount + i
            let end = i + 1 < functionCode.count ? functionCode[i + 1].offset : codeCount
            let name = functionName(at: index).map { " <\($0)>" } ?? ""
            lines.append("func \(index)\(name): params \(f.parameterSlots) locals \(f.localSlots) frame \(f.frameSlots)")
            var pc = f.offset
            while pc < end {
                let w = code[pc]
                guard let op = Op(rawValue: UInt16(truncatingIfNeeded: w)) else {
                    lines.append("  \(pc - f.offset): ?? \(w)")
                    pc += 1
                    continue
                }
                var length = op.listingLength(w)
                if op == .simd && pc + 1 < end && UInt16(truncatingIfNeeded: code[pc + 1]) == 0x0D { length = 4 }  // shuffle
                let extra = (1..<length).map { k in pc + k < end ? String(Int64(bitPattern: code[pc + k])) : "?" }
                lines.append("  \(pc - f.offset): \(op) A=\(fieldA(w)) B=\(fieldB(w)) C=\(fieldC(w)) W=\(Int32(bitPattern: fieldW(w)))"
                             + (extra.isEmpty ? "" : " [" + extra.joined(separator: ", ") + "]"))
                pc += length
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension Op {
    /// Words taken by an instruction starting with `w` (for listings).
    func listingLength(_ w: UInt64) -> Int {
        switch self {
        case .brTable: return 2 + Int(fieldW(w))
        default: return length
        }
    }
}
