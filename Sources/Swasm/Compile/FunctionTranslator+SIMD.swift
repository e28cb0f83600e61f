import SwasmBinary

extension FunctionTranslator {
    mutating func translateSIMD() throws {
        throw ModuleError(.implementationLimit, "SIMD is not supported yet", offset: instructionOffset, section: "code",
                          functionIndex: functionIndex)
    }
}
