/// The accumulators: when the value an instruction consumes was produced by the instruction
/// emitted just before it (into a stack slot nobody else reads, with no label in between), the
/// producer leaves it in a machine register (`acc` or `facc`) and the consumer reads it from
/// there: no store and reload through the frame, no store-to-load forwarding on the chain.
extension FunctionTranslator {
    /// If `operand` can travel in an accumulator into the operation `consumer(kind)` gives,
    /// rewrites its producer to leave it there and returns that consumer operation.
    mutating func viaAccumulator(_ operand: Operand, into consumer: (AccumulatorKind) -> Op?) -> Op? {
        guard let (at, producer) = justProduced(operand) else { return nil }
        for kind in [AccumulatorKind.int, .float] {
            guard let op = consumer(kind), let toAccumulator = producer.toAccumulator(kind) else { continue }
            code[at] = (code[at] & ~0xFFFF) | UInt64(toAccumulator.rawValue)
            lastProducer = nil
            return op
        }
        return nil
    }

    /// Emits a binary operation taking one operand from the accumulator, if one of them can
    /// travel there; returns the new instruction's start.
    mutating func emitBinaryViaAccumulator(_ op: Op, lhs: Operand, rhs: Operand, dst: Int) -> Int? {
        // A comparison of a just-incremented counter becomes a loop-counter branch instead.
        if op.fusedBranch != nil, let (_, producer) = justProduced(lhs), producer == .i32AddImm || producer == .i32Add {
            return nil
        }
        if let accOp = viaAccumulator(rhs, into: { op.rhsFromAccumulator($0) }) {
            return emitProducer(encode(accOp, a: dst, b: source(lhs)))
        }
        if op.isCommutative, let accOp = viaAccumulator(rhs, into: { op.lhsFromAccumulator($0) }) {
            return emitProducer(encode(accOp, a: dst, c: source(lhs)))
        }
        if let accOp = viaAccumulator(lhs, into: { op.lhsFromAccumulator($0) }) {
            return emitProducer(encode(accOp, a: dst, c: source(rhs)))
        }
        return nil
    }
}
