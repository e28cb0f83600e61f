// Calling component functions with Swift values, and host functions with Swift signatures.

extension ComponentFunction {
    /// `arguments` encoded as the parameters' types (see `ComponentValueEncoder`). A mismatch
    /// throws `ComponentTypeMismatch` naming this function and the parameter.
    public func encodeArguments(_ arguments: [any Encodable]) throws -> [ComponentValue] {
        guard arguments.count == type.parameters.count else {
            throw ComponentTypeMismatch(function: name, expected: "\(type.parameters.count) arguments", found: "\(arguments.count)")
        }
        let encoder = ComponentValueEncoder()
        return try zip(arguments, type.parameters).map { argument, parameter in
            do { return try encoder.encode(argument, as: parameter.type) } catch let m as ComponentTypeMismatch {
                throw m.located(function: name, parameter: parameter.name)
            }
        }
    }

    /// The function's result `value` decoded as `R` (see `ComponentValueDecoder`).
    public func decodeResult<R: Decodable>(_ value: ComponentValue?, as _: R.Type = R.self) throws -> R {
        guard let value, let resultType = type.result else {
            throw ComponentTypeMismatch(function: name, parameter: "result", expected: "\(R.self)", found: "no result")
        }
        do { return try ComponentValueDecoder().decode(R.self, from: value, as: resultType) } catch let m as ComponentTypeMismatch {
            throw m.located(function: name, parameter: "result")
        }
    }

    /// Calls the function with Swift arguments and decodes its result:
    /// `let names: [String] = try multiply.call(arguments: [Input(name: "Rust", num: 10)])`.
    public func call<R: Decodable>(arguments: [any Encodable], returning _: R.Type = R.self) throws -> R {
        try decodeResult(try call(encodeArguments(arguments)), as: R.self)
    }

    /// Calls the function with Swift arguments, ignoring any result.
    public func call(arguments: [any Encodable]) throws {
        try call(encodeArguments(arguments))
    }

    /// A host function with a Swift signature: the arguments are decoded as the closure's
    /// parameter types, the result encoded as `type.result`. A mismatch throws
    /// `ComponentTypeMismatch` naming the function and the parameter (or "result").
    ///
    /// ```swift
    /// let multiply = ComponentFunction(hostFunction: "multiply", type: type) { (input: Input) -> [String] in
    ///     Array(repeating: input.name, count: input.num)
    /// }
    /// ```
    public convenience init<each A: Decodable, R: Encodable>(hostFunction name: String, type: ComponentFunctionType,
                                                             _ body: @escaping (repeat each A) throws -> R) {
        self.init(hostFunction: name, type: type) { arguments in
            let decoder = ArgumentDecoder(function: name, type: type, arguments: arguments)
            let result = try body(repeat try decoder.next((each A).self))
            guard let resultType = type.result else {
                throw ComponentTypeMismatch(function: name, parameter: "result", expected: "no result", found: "\(R.self)")
            }
            do { return try ComponentValueEncoder().encode(result, as: resultType) } catch let m as ComponentTypeMismatch {
                throw m.located(function: name, parameter: "result")
            }
        }
    }

    /// A host function with a Swift signature and no result.
    public convenience init<each A: Decodable>(hostFunction name: String, type: ComponentFunctionType,
                                               _ body: @escaping (repeat each A) throws -> Void) {
        self.init(hostFunction: name, type: type) { arguments in
            let decoder = ArgumentDecoder(function: name, type: type, arguments: arguments)
            try body(repeat try decoder.next((each A).self))
            return nil
        }
    }
}

/// Decodes a host function's arguments one after the other.
private final class ArgumentDecoder {
    let function: String
    let type: ComponentFunctionType
    let arguments: [ComponentValue]
    var index = 0

    init(function: String, type: ComponentFunctionType, arguments: [ComponentValue]) {
        self.function = function
        self.type = type
        self.arguments = arguments
    }

    func next<T: Decodable>(_: T.Type) throws -> T {
        defer { index += 1 }
        guard index < arguments.count, index < type.parameters.count else {
            throw ComponentTypeMismatch(function: function, expected: "\(type.parameters.count) parameters",
                                        found: "a Swift function taking more")
        }
        let parameter = type.parameters[index]
        do { return try decodeValue(T.self, arguments[index], parameter.type, path: []) } catch let m as ComponentTypeMismatch {
            throw m.located(function: function, parameter: parameter.name)
        }
    }
}
