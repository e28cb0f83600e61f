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
        case .const64, .select, .select2, .callIndirect, .memoryInit, .tableGrow, .tableFill, .tableCopy, .tableInit:
            return 2
        case .const128: return 3
        case _ where addImmBranchLength(self): return 3
        case .store8Imm, .store16Imm, .store32Imm, .store64Imm, .copyBr: return 2
        case .load8sAbs, .load8uAbs, .load16sAbs, .load16uAbs, .load32sAbs, .load32uAbs, .load64Abs,
             .store8Abs, .store16Abs, .store32Abs, .store64Abs, .f64AddImm, .f64SubImm, .f64MulImm, .f64DivImm:
            return 2
        case .load8s, .load8u, .load16s, .load16u, .load32s, .load32u, .load64,
             .load8sAddImm, .load8uAddImm, .load16sAddImm, .load16uAddImm, .load32sAddImm, .load32uAddImm, .load64AddImm,
             .load8sIndexed, .load8uIndexed, .load16sIndexed, .load16uIndexed, .load32sIndexed, .load32uIndexed, .load64Indexed,
             .i32RotlImm, .i32RotrImm, .i64RotlImm, .i64RotrImm, .i32XorMulImm, .i64XorMulImm, .i32AddShlImm, .i32ShrUAndImm,
             .store8, .store16, .store32, .store64:
            return 2
        case .i32AddImm, .i32MulImm, .i32AndImm, .i32OrImm, .i32XorImm, .i32ShlImm, .i32ShrSImm, .i32ShrUImm,
             .i32EqImm, .i32NeImm, .i32LtSImm, .i32LtUImm, .i32GtSImm, .i32GtUImm, .i32LeSImm, .i32LeUImm,
             .i32GeSImm, .i32GeUImm, .i64AddImm, .i64MulImm, .i64AndImm, .i64OrImm, .i64XorImm, .i64ShlImm,
             .i64ShrSImm, .i64ShrUImm:
            return 2
        default:
            if Op.fusedBranch(for: self) == nil && (rawValue >= Op.brIfI32Eq.rawValue && rawValue <= Op.brIfI32GeUImm.rawValue) {
                return 2
            }
            if self == .simd { return 2 }
            if self == .simdLoad || self == .simdStore { return 3 }
            return 1
        }
    }
}

private func addImmBranchLength(_ op: Op) -> Bool {
    (op.rawValue >= Op.brIfAddImmI32Eq.rawValue && op.rawValue <= Op.brIfAddImmI32GeUImm.rawValue)
        || (op.rawValue >= Op.brIfAddI32Eq.rawValue && op.rawValue <= Op.brIfAddI32GeUImm.rawValue)
}
