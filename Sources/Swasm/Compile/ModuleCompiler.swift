import Dispatch
import SwasmBinary

/// Validates and compiles every function body of a module, spread over the machine's cores
/// when the module is big enough to pay for it. The error reported is the one a pass in module
/// order would report: the first body that fails decides, unless it is merely invalid and a
/// later body is malformed (the binary format is checked in full before validity).
struct ModuleCompiler: @unchecked Sendable {  // read-only while compiling
    let context: ModuleContext
    let decoded: SwasmBinary.Module
    let features: Features
    let options: CompilationOptions

    /// Bodies below this many bytes in total are compiled on the calling thread.
    static let parallelThreshold = 256 << 10

    /// One function's outcome.
    enum Outcome {
        case compiled(Module.FunctionCode)
        case invalid(ModuleError)
        case malformed(ModuleError)
    }

    /// A run of consecutive bodies compiled together, into code of its own.
    struct Chunk {
        var bodies: Range<Int>
        var code: [UInt64] = []
        var outcomes: [Outcome] = []
    }

    func compile(workers requested: Int? = nil) throws -> (code: [UInt64], functions: [Module.FunctionCode]) {
        let bodies = decoded.bodies
        let totalBytes = bodies.reduce(0) { $0 + $1.code.count }
        let workers = max(1, min(requested ?? ModuleCompiler.activeProcessors, bodies.count))
        var chunks: [Chunk]
        if workers == 1 || totalBytes < ModuleCompiler.parallelThreshold {
            chunks = [compileChunk(0..<bodies.count, stopAtFirstError: true)]
        } else {
            // Several chunks per worker, balanced by bytes, so that an unlucky chunk does not
            // keep one core busy alone at the end.
            let ranges = ModuleCompiler.split(bodies.map(\.code.count), into: workers * 4)
            let results = ChunkSlots(count: ranges.count)
            defer { results.release() }
            DispatchQueue.concurrentPerform(iterations: ranges.count) { i in
                // Each iteration writes its own slot.
                results.slots[i] = compileChunk(ranges[i], stopAtFirstError: false)
            }
            chunks = results.slots.map { $0 ?? Chunk(bodies: 0..<0) }
        }
        return try merge(chunks)
    }

    /// Compiles `range`; after a body fails, later ones are only checked for being malformed.
    func compileChunk(_ range: Range<Int>, stopAtFirstError: Bool) -> Chunk {
        var chunk = Chunk(bodies: range)
        chunk.outcomes.reserveCapacity(range.count)
        var failed = false
        for i in range {
            let body = decoded.bodies[i]
            let index = context.importedFunctionCount + i
            if !failed {
                do {
                    var translator = try FunctionTranslator(context: context, functionIndex: index, body: body, options: options)
                    // The translator appends to the chunk's buffer (moved in and out: no copies).
                    swap(&translator.code, &chunk.code)
                    let start = translator.code.count
                    let compiled: CompiledFunction
                    do {
                        compiled = try translator.translate()
                    } catch {
                        swap(&translator.code, &chunk.code)
                        chunk.code.removeSubrange(start...)
                        throw error
                    }
                    swap(&translator.code, &chunk.code)
                    chunk.outcomes.append(.compiled(Module.FunctionCode(
                        offset: start, parameterSlots: compiled.parameterSlots,
                        localSlots: compiled.localSlots, frameSlots: compiled.frameSlots,
                        exceptionHandlers: compiled.exceptionHandlers)))
                    continue
                } catch var error as ModuleError {
                    failed = true
                    // The byte reader's errors (LEB128, memargs) do not know the function.
                    if error.functionIndex == nil { error.functionIndex = index }
                    if error.kind == .malformed {
                        chunk.outcomes.append(.malformed(error))
                        if stopAtFirstError { return chunk }
                        continue
                    }
                    chunk.outcomes.append(skim(i, orElse: .invalid(error)) ?? .invalid(error))
                    continue
                } catch {
                    failed = true
                    chunk.outcomes.append(.invalid(ModuleError.invalid("\(error)", at: body.offset, section: "code", function: index)))
                    continue
                }
            }
            let outcome = skim(i, orElse: nil)
            chunk.outcomes.append(outcome ?? .invalid(ModuleError.invalid("not compiled", at: body.offset, section: "code", function: index)))
            if stopAtFirstError, case .malformed = outcome { return chunk }
        }
        return chunk
    }

    /// `.malformed` if body `i` is not well formed, else `otherwise`.
    func skim(_ i: Int, orElse otherwise: Outcome?) -> Outcome? {
        var skimmer = InstructionSkimmer(bytes: decoded.bytes, body: decoded.bodies[i], features: features,
                                         hasDataCount: decoded.dataCount != nil, dataSegmentCount: decoded.data.count)
        do {
            try skimmer.skim()
            return otherwise
        } catch var error as ModuleError {
            error.functionIndex = context.importedFunctionCount + i
            return .malformed(error)
        } catch {
            return otherwise
        }
    }

    /// Concatenates the chunks' code, or throws the error a pass in module order would.
    func merge(_ chunks: [Chunk]) throws -> (code: [UInt64], functions: [Module.FunctionCode]) {
        var firstInvalid: ModuleError?
        for chunk in chunks {
            for outcome in chunk.outcomes {
                switch outcome {
                case .compiled: break
                case .malformed(let error): throw error
                case .invalid(let error): if firstInvalid == nil { firstInvalid = error }
                }
            }
        }
        if let firstInvalid { throw firstInvalid }
        var code: [UInt64] = []
        code.reserveCapacity(chunks.reduce(0) { $0 + $1.code.count })
        var functions: [Module.FunctionCode] = []
        functions.reserveCapacity(decoded.bodies.count)
        for chunk in chunks {
            let base = code.count
            code += chunk.code
            for case .compiled(var f) in chunk.outcomes {
                f.offset += base
                functions.append(f)
            }
        }
        return (code, functions)
    }

    /// The workers' results, one slot each.
    final class ChunkSlots: @unchecked Sendable {  // each slot written by one worker
        let slots: UnsafeMutableBufferPointer<Chunk?>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }
        func release() {
            slots.deinitialize()
            slots.deallocate()
        }
    }

    /// Consecutive ranges of roughly equal total size.
    static func split(_ sizes: [Int], into parts: Int) -> [Range<Int>] {
        let total = max(1, sizes.reduce(0, +))
        var ranges: [Range<Int>] = []
        var start = 0, accumulated = 0
        for (i, size) in sizes.enumerated() {
            accumulated += size
            if accumulated * parts >= total * (ranges.count + 1) && i + 1 < sizes.count {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        ranges.append(start..<sizes.count)
        return ranges.filter { !$0.isEmpty }
    }

    static var activeProcessors: Int {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
