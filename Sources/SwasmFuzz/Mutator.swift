/// Deterministic mutations of WebAssembly modules, at the byte level (bit flips, interesting
/// bytes, LEB128 rewrites, inserted/deleted/duplicated ranges) and at the section level (dropped,
/// duplicated, swapped, spliced sections and function bodies; wrong section sizes; instructions
/// inserted into bodies with every size fixed up, so that they reach the validator).

let interestingBytes: [UInt8] = [
    0x00, 0x01, 0x02, 0x0B, 0x0F, 0x10, 0x11, 0x20, 0x28, 0x36, 0x3F, 0x40, 0x41, 0x60, 0x6F, 0x70,
    0x7B, 0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0xC0, 0xFC, 0xFD, 0xFE, 0xFF,
]

let interestingValues: [UInt64] = [
    0, 1, 2, 3, 7, 0x3F, 0x40, 0x7F, 0x80, 0xFF, 0x100, 0x3FFF, 0x4000, 0x7FFF, 0x8000, 0xFFFF,
    0x1_0000, 0x1_0001, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
    0x7FFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF,
]

struct Mutator {
    /// Seed modules, and their sections when they split.
    var seeds: [[UInt8]] = []
    var splits: [SplitModule?] = []
    /// Indices of the seeds that are valid modules (preferred: their mutants get further).
    var validSeeds: [Int] = []
    /// Code sections' bodies of the seeds that have any (donors for splicing).
    var donorBodies: [[UInt8]] = []

    mutating func add(_ bytes: [UInt8], valid: Bool) {
        if valid { validSeeds.append(seeds.count) }
        seeds.append(bytes)
        let split = splitModule(bytes)
        splits.append(split)
        if donorBodies.count < 200_000, let code = split?.sections.first(where: { $0.id == 10 }),
           let bodies = splitBodies(code.payload) {
            donorBodies += bodies.prefix(64)
        }
    }

    var count: Int { seeds.count }

    /// One mutated input, drawn from `rng`; `note` gets the names of the mutations applied.
    func mutate(_ rng: inout SplitMix64, note: inout [String]) -> [UInt8] {
        let i = !validSeeds.isEmpty && !rng.oneIn(4) ? validSeeds[rng.below(validSeeds.count)] : rng.below(seeds.count)
        var bytes = seeds[i]
        let mode = rng.below(20)
        if var split = splits[i], mode < 15 {
            var corrupt: (index: Int, how: SizeCorruption)?
            if mode < 7 {
                // Inside function bodies only, every size kept right: reaches the validator.
                for _ in 0..<rng.inRange(1...3) { editBodies(&split, &rng, &note) }
            } else if mode < 12 {
                for _ in 0..<rng.inRange(1...2) { structural(&split, &corrupt, &rng, &note) }
            } else {
                for _ in 0..<rng.inRange(2...8) { structural(&split, &corrupt, &rng, &note) }
                bytes = joinModule(split, corrupt: corrupt)
                for _ in 0..<rng.inRange(1...8) { byteLevel(&bytes, &rng, &note) }
                return bytes
            }
            return joinModule(split, corrupt: corrupt)
        }
        for _ in 0..<(rng.oneIn(4) ? rng.inRange(2...4) : 1) { byteLevel(&bytes, &rng, &note) }
        return bytes
    }

    // MARK: Section level

    func structural(_ m: inout SplitModule, _ corrupt: inout (index: Int, how: SizeCorruption)?,
                    _ rng: inout SplitMix64, _ note: inout [String]) {
        let count = m.sections.count
        switch rng.below(12) {
        case 0 where count > 0:
            note.append("drop-section")
            m.sections.remove(at: rng.below(count))
        case 1 where count > 0:
            note.append("dup-section")
            let s = rng.below(count)
            m.sections.insert(m.sections[s], at: rng.below(count + 1))
        case 2 where count > 1:
            note.append("swap-sections")
            m.sections.swapAt(rng.below(count), rng.below(count))
        case 3:
            // Replace a section with the same kind of section from another module, or insert one.
            guard let donor = splits[rng.below(splits.count)], !donor.sections.isEmpty else { return }
            let s = donor.sections[rng.below(donor.sections.count)]
            if let same = m.sections.firstIndex(where: { $0.id == s.id }), !rng.oneIn(4) {
                note.append("splice-section")
                m.sections[same] = s
            } else {
                note.append("insert-section")
                m.sections.insert(s, at: rng.below(count + 1))
            }
        case 4 where count > 0:
            note.append("section-size")
            let how: SizeCorruption
            switch rng.below(4) {
            case 0: how = .delta(rng.pick([-2, -1, 1, 2, 16]))
            case 1: how = .value(rng.pick(interestingValues))
            case 2: how = .padded(rng.inRange(2...6))
            default: how = .delta(-rng.smallLength(max: 64))
            }
            corrupt = (rng.below(count), how)
        case 5 where count > 0:
            note.append("section-count")
            let s = rng.below(count)
            var p = m.sections[s].payload
            var pos = 0
            guard let old = readULEB(p, &pos, maxBytes: 5) else { return }
            let new: UInt64 = rng.bool() ? old &+ UInt64(rng.inRange(1...2)) : (rng.bool() ? old &- 1 : rng.pick(interestingValues))
            p.replaceSubrange(0..<pos, with: encodeULEB(new))
            m.sections[s].payload = p
        case 6 where count > 0:
            note.append("section-bytes")
            let s = rng.below(count)
            var p = m.sections[s].payload
            for _ in 0..<rng.inRange(1...3) { byteLevel(&p, &rng, &note) }
            m.sections[s].payload = p
        case 7, 8, 9, 10:
            editBodies(&m, &rng, &note)
        case 11:
            note.append("section-id")
            guard count > 0 else { return }
            m.sections[rng.below(count)].id = rng.oneIn(2) ? UInt8(rng.below(14)) : rng.byte()
        default:
            break
        }
    }

    /// Edits inside the code section, keeping every size right.
    func editBodies(_ m: inout SplitModule, _ rng: inout SplitMix64, _ note: inout [String]) {
        guard let c = m.sections.firstIndex(where: { $0.id == 10 }),
              var bodies = splitBodies(m.sections[c].payload) else { return }
        switch rng.below(7) {
        case 6 where !bodies.isEmpty && rng.oneIn(8):
            // Size stress: deep nesting, a tall operand stack, a long br_table.
            note.append("stress")
            let b = rng.below(bodies.count)
            guard let start = instructionsStart(bodies[b]), bodies[b].count > start else { return }
            let k = rng.pick([16, 64, 256, 1000, 1000, 10_000, 50_000])
            var prefix: [UInt8] = [], suffix: [UInt8] = []
            switch rng.below(3) {
            case 0:
                let opener: [UInt8] = [rng.pick([0x02, 0x03]), 0x40]
                for _ in 0..<k { prefix += opener; suffix.append(0x0B) }
            case 1:
                for _ in 0..<k { prefix += [0x41, UInt8(rng.below(64))] }
                suffix = [UInt8](repeating: 0x1A, count: k)
            default:
                prefix = [0x02, 0x40, 0x41, 0x00, 0x0E] + encodeULEB(UInt64(k))
                for _ in 0...k { prefix.append(UInt8(rng.below(2))) }
                prefix.append(0x0B)
            }
            bodies[b].insert(contentsOf: prefix + suffix, at: start)
        case 0 where !donorBodies.isEmpty:
            note.append("splice-body")
            let donor = donorBodies[rng.below(donorBodies.count)]
            if bodies.isEmpty || rng.oneIn(5) { bodies.append(donor) } else { bodies[rng.below(bodies.count)] = donor }
        case 1 where bodies.count > 1:
            note.append("swap-bodies")
            bodies.swapAt(rng.below(bodies.count), rng.below(bodies.count))
        case 2 where !bodies.isEmpty:
            note.append("body-bytes")
            let b = rng.below(bodies.count)
            for _ in 0..<rng.inRange(1...4) { byteLevel(&bodies[b], &rng, &note) }
        case 3 where !bodies.isEmpty:
            note.append("body-locals")
            let b = rng.below(bodies.count)
            guard let start = instructionsStart(bodies[b]) else { return }
            var locals = encodeULEB(UInt64(rng.inRange(1...2)))
            locals += encodeULEB(rng.oneIn(4) ? rng.pick(interestingValues) : UInt64(rng.inRange(1...40)))
            locals.append(rng.pick([0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F, rng.byte()]))
            if locals[0] == 2 { locals += [0x01, rng.pick([0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F])] }
            bodies[b].replaceSubrange(0..<start, with: locals)
        default:
            guard !bodies.isEmpty else { return }
            note.append("insert-instr")
            let b = rng.below(bodies.count)
            guard let start = instructionsStart(bodies[b]) else { return }
            let end = max(start, bodies[b].count - 1)  // before the final `end`
            for _ in 0..<rng.inRange(1...4) {
                let at = start + rng.below(end - start + 1)
                bodies[b].insert(contentsOf: instruction(&rng), at: min(at, bodies[b].count))
            }
        }
        m.sections[c].payload = joinBodies(bodies)
    }

    /// A random instruction with plausible immediates.
    func instruction(_ rng: inout SplitMix64) -> [UInt8] {
        func idx() -> [UInt8] { encodeULEB(rng.oneIn(6) ? rng.pick(interestingValues) : UInt64(rng.below(4))) }
        func memarg() -> [UInt8] {
            encodeULEB(UInt64(rng.below(5))) + encodeULEB(rng.oneIn(3) ? rng.pick(interestingValues) : UInt64(rng.below(64)))
        }
        let valtypes: [UInt8] = [0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F]
        switch rng.below(16) {
        case 0: return [rng.pick([0x02, 0x03, 0x04]), rng.pick([0x40] + valtypes)]
        case 1: return [rng.pick([0x0B, 0x05, 0x00, 0x01, 0x0F, 0x1A, 0x1B, 0xD1])]
        case 2: return [rng.pick([0x0C, 0x0D, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2])] + idx()
        case 3: return [0x11] + idx() + idx()
        case 4:
            let n = rng.below(4)
            return [0x0E] + encodeULEB(UInt64(n)) + (0...n).flatMap { _ in idx() }
        case 5: return [UInt8(0x28 + rng.below(23))] + memarg()
        case 6: return [rng.pick([0x3F, 0x40]), 0x00]
        case 7: return [0x41] + encodeSLEB(Int64(bitPattern: rng.pick(interestingValues)))
        case 8: return [0x42] + encodeSLEB(Int64(bitPattern: rng.pick(interestingValues)))
        case 9: return [0x43] + (0..<4).map { _ in rng.byte() }
        case 10: return [0x44] + (0..<8).map { _ in rng.byte() }
        case 11: return [UInt8(0x45 + rng.below(0xC4 - 0x45 + 1))]
        case 12: return [0x1C, 0x01, rng.pick(valtypes)]
        case 13:
            let sub = rng.below(18)
            var out: [UInt8] = [0xFC] + encodeULEB(UInt64(sub))
            switch sub {
            case 8, 12, 14: out += idx() + idx()
            case 9, 10, 13, 15, 16, 17: out += idx()
            case 11: out += [0x00]
            default: break
            }
            if sub == 10 { out += [0x00] }
            return out
        case 14:
            let sub = rng.below(0x100)
            var out: [UInt8] = [0xFD] + encodeULEB(UInt64(sub))
            switch sub {
            case 0...11, 0x5C, 0x5D: out += memarg()
            case 12, 13: out += (0..<16).map { _ in rng.oneIn(2) ? UInt8(rng.below(32)) : rng.byte() }
            case 0x15...0x22: out.append(UInt8(rng.below(17)))
            case 0x54...0x5B: out += memarg() + [UInt8(rng.below(17))]
            default: break
            }
            return out
        default: return [0xD0, rng.pick([0x70, 0x6F, rng.byte()])]
        }
    }

    // MARK: Byte level

    func byteLevel(_ b: inout [UInt8], _ rng: inout SplitMix64, _ note: inout [String]) {
        if b.isEmpty {
            b = [rng.byte()]
            return
        }
        let n = b.count
        switch rng.below(13) {
        case 0:
            note.append("bitflip")
            b[rng.below(n)] ^= 1 << UInt8(rng.below(8))
        case 1:
            note.append("interesting-byte")
            b[rng.below(n)] = rng.pick(interestingBytes)
        case 2:
            note.append("random-byte")
            b[rng.below(n)] = rng.byte()
        case 3:
            note.append("add-byte")
            let i = rng.below(n)
            b[i] = b[i] &+ UInt8(truncatingIfNeeded: rng.inRange(-4...4))
        case 4:
            note.append("insert-bytes")
            let len = rng.smallLength(max: 32)
            b.insert(contentsOf: (0..<len).map { _ in rng.oneIn(2) ? rng.pick(interestingBytes) : rng.byte() }, at: rng.below(n + 1))
        case 5:
            note.append("delete-range")
            let start = rng.below(n)
            b.removeSubrange(start..<min(n, start + rng.smallLength(max: 64)))
        case 6:
            note.append("dup-range")
            let start = rng.below(n)
            let chunk = Array(b[start..<min(n, start + rng.smallLength(max: 256))])
            b.insert(contentsOf: chunk, at: rng.below(n + 1))
        case 7:
            note.append("copy-range")
            let from = rng.below(n), to = rng.below(n)
            let len = min(rng.smallLength(max: 64), n - from, n - to)
            let chunk = Array(b[from..<from + len])
            b.replaceSubrange(to..<to + len, with: chunk)
        case 8, 9:
            note.append("leb")
            rewriteLEB(&b, &rng)
        case 10:
            note.append("truncate")
            b.removeSubrange(rng.below(n)...)
        case 11:
            note.append("splice-bytes")
            let donor = seeds[rng.below(seeds.count)]
            guard !donor.isEmpty else { return }
            let from = rng.below(donor.count)
            let chunk = donor[from..<min(donor.count, from + rng.smallLength(max: 128))]
            let at = rng.below(n + 1)
            if rng.bool() { b.insert(contentsOf: chunk, at: at) } else { b.replaceSubrange(at..<min(n, at + chunk.count), with: chunk) }
        default:
            note.append("random-run")
            let start = rng.below(n)
            for i in start..<min(n, start + rng.smallLength(max: 8)) { b[i] = rng.byte() }
        }
    }

    /// Replaces the LEB128 starting at a random byte with another value, sometimes padded or overlong.
    func rewriteLEB(_ b: inout [UInt8], _ rng: inout SplitMix64) {
        let start = rng.below(b.count)
        var end = start
        guard readULEB(b, &end, maxBytes: 10) != nil else { return }
        var value = rng.pick(interestingValues)
        if rng.oneIn(3) { value = value &+ UInt64(bitPattern: Int64(rng.inRange(-1...1))) }
        var encoded: [UInt8]
        if rng.oneIn(5) {
            encoded = encodeSLEB(Int64(bitPattern: value))
        } else {
            encoded = encodeULEB(value, minBytes: rng.oneIn(4) ? rng.inRange(1...6) : 1)
        }
        if rng.oneIn(8), let last = encoded.indices.last { encoded[last] |= 0x70 }  // unused high bits set
        b.replaceSubrange(start..<end, with: encoded)
    }
}
