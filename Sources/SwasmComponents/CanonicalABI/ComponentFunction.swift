import Swasm

/// One call of a component function, as the callee sees it (the spec's `FuncInst` arguments):
/// who calls, how to get the lifted arguments (`on_start`) and where the result goes
/// (`on_resolve`).
struct ComponentCall {
    /// The caller's running call, if a component calls.
    let supertask: Task?
    /// Whether the host calls (this selects trap wordings).
    let callerIsHost: Bool
    /// Lifts the arguments from the caller.
    let start: () throws -> LiftedValues
    /// Lowers the result (none or one value) into the caller.
    let resolve: (LiftedValues) throws -> Void
}

/// A component-level function: a core function lifted with `canon lift`, or a function the
/// host defines in Swift.
///
/// ```swift
/// let greet = ComponentFunction.lifted(core, name: "greet", type: type,
///                                      options: CanonicalOptions(memory: memory, realloc: realloc),
///                                      instance: state)
/// let reply = try greet.call([.string("Rust")])          // .string("Hello, Rust")
/// let imported = greet.lowered(options: otherOptions, instance: otherState)  // a core import
/// ```
public final class ComponentFunction {
    /// The name the function is exported or imported under, for messages.
    public let name: String
    /// Its component-level type.
    public let type: ComponentFunctionType
    /// Whether the host implements it (selects trap wordings of calls into it).
    public let isHostDefined: Bool
    let invoke: (ComponentCall) throws -> Void

    init(name: String, type: ComponentFunctionType, isHostDefined: Bool, invoke: @escaping (ComponentCall) throws -> Void) {
        self.name = name
        self.type = type
        self.isHostDefined = isHostDefined
        self.invoke = invoke
    }

    /// A function defined by the host: `body` gets the lifted arguments (already checked
    /// against `type`) and returns the result, which is checked against `type.result`.
    public convenience init(hostFunction name: String, type: ComponentFunctionType,
                            _ body: @escaping ([ComponentValue]) throws -> ComponentValue?) {
        self.init(name: name, type: type, isHostDefined: true) { call in
            let arguments = try call.start()
            let result = try body(arguments.values)
            switch (result, type.result) {
            case (nil, nil): break
            case (let value?, let expected?):
                do { try value.check(against: expected) } catch let m as ComponentTypeMismatch {
                    throw m.located(function: name, parameter: "result")
                }
            case (nil, let expected?):
                throw ComponentTypeMismatch(function: name, parameter: "result", expected: expected.witText, found: "no result")
            case (let value?, nil):
                throw ComponentTypeMismatch(function: name, parameter: "result", expected: "no result", found: value.kindDescription)
            }
            try call.resolve(LiftedValues(values: result.map { [$0] } ?? []))
        }
    }

    /// `canon lift`: the component function that calls `core`, a core function of the
    /// component instance whose Canonical ABI state is `instance`, with `options`.
    ///
    /// A call lowers the arguments into the instance (realloc'ing where needed), calls
    /// `core`, lifts its results, checks that every borrow lent to the call was dropped, and
    /// then runs the post-return function with the core results.
    public static func lifted(_ core: Function, name: String, type: ComponentFunctionType,
                              options: CanonicalOptions, instance: ComponentInstanceState) -> ComponentFunction {
        let parameterTypes = type.parameters.map(\.type)
        let resultTypes = type.result.map { [$0] } ?? []
        return ComponentFunction(name: name, type: type, isHostDefined: false) { call in
            // Synchronous calls run on one stack: a running call means the instance is on it.
            guard instance.tasks.isEmpty, !instance.isLockedDown else { throw ComponentTrap.cannotEnter }
            let task = Task(instance: instance, supertask: call.supertask)
            try task.trapIfOnTheStack(instance)
            instance.tasks.append(task)
            defer { instance.tasks.removeLast() }
            do {
                try runLifted(call, task: task, core: core, options: options, instance: instance,
                              parameterTypes: parameterTypes, resultTypes: resultTypes)
            } catch {
                if instance.locksDownOnTrap { instance.isLockedDown = true }
                throw error
            }
        }
    }

    /// The body of a lifted call, once the instance is entered.
    private static func runLifted(_ call: ComponentCall, task: Task, core: Function, options: CanonicalOptions,
                                  instance: ComponentInstanceState, parameterTypes: [ComponentValueType],
                                  resultTypes: [ComponentValueType]) throws {
        let cx = LiftLowerContext(options: options, instance: instance, borrowScope: .task(task),
                                  boundary: call.callerIsHost ? .host : .component)
        let arguments = try call.start()
        let flatArguments = try cx.lowerFlatValues(CanonicalLayout.maxFlatParameters, arguments, parameterTypes)
        let flatResults = try callCore(core, flatArguments)
        let result = try cx.liftFlatValues(CanonicalLayout.maxFlatResults, FlatReader(flatResults), resultTypes)
        guard task.borrowCount == 0 else { throw ComponentTrap.borrowsRemain }
        try call.resolve(result)
        if let postReturn = options.postReturn {
            let mayLeave = instance.mayLeave
            instance.mayLeave = false
            defer { instance.mayLeave = mayLeave }
            _ = try callCore(postReturn, flatResults)
        }
    }

    /// Calls the function from the host with `arguments`, which are checked against the
    /// parameter types first (a mismatch throws `ComponentTypeMismatch` naming the function
    /// and the parameter). Returns the result, or nil for a function without one.
    ///
    /// Throws `ComponentTrap` for a Canonical ABI trap and `Trap` for a core trap.
    @discardableResult
    public func call(_ arguments: [ComponentValue]) throws -> ComponentValue? {
        guard arguments.count == type.parameters.count else {
            throw ComponentTypeMismatch(function: name, expected: "\(type.parameters.count) arguments",
                                        found: "\(arguments.count)")
        }
        for (argument, parameter) in zip(arguments, type.parameters) {
            do { try argument.check(against: parameter.type) } catch let m as ComponentTypeMismatch {
                throw m.located(function: name, parameter: parameter.name)
            }
        }
        var result: ComponentValue?
        try invoke(ComponentCall(supertask: nil, callerIsHost: true,
                                 start: { LiftedValues(values: arguments) },
                                 resolve: { result = $0.values.first }))
        return result
    }

    /// Calls the function from the host with `arguments`.
    @discardableResult
    public func callAsFunction(_ arguments: ComponentValue...) throws -> ComponentValue? {
        try call(arguments)
    }

    /// The core signature core code calls this function with once lowered.
    public var loweredSignature: CanonicalSignature { CanonicalSignature(type, context: .lower) }

    /// `canon lower`: a core function for the component instance whose state is `instance`
    /// to import. A call lifts the core arguments with `options` (from `options.memory`),
    /// calls this function, and lowers its result back (realloc'ing, or at the return pointer
    /// passed last); it traps if the instance may not call out.
    public func lowered(options: CanonicalOptions, instance: ComponentInstanceState) -> HostFunction {
        let signature = loweredSignature
        let parameterTypes = type.parameters.map(\.type)
        let resultTypes = type.result.map { [$0] } ?? []
        let boundary: CallBoundary = isHostDefined ? .host : .component
        return HostFunction(type: signature.coreType) { [self] _, flatArguments in
            guard instance.mayLeave else { throw ComponentTrap.cannotLeave }
            let subtask = Subtask()
            // The lent handles come back when the call returns (also after a trap, so that a
            // host that goes on using the instance does not find them still lent).
            defer { subtask.deliverResolve() }
            let cx = LiftLowerContext(options: options, instance: instance, borrowScope: .subtask(subtask), boundary: boundary)
            let reader = FlatReader(flatArguments)
            var flatResults: [Value] = []
            try invoke(ComponentCall(
                supertask: instance.currentTask, callerIsHost: false,
                start: { try cx.liftFlatValues(CanonicalLayout.maxFlatParameters, reader, parameterTypes) },
                resolve: { result in
                    flatResults = try cx.lowerFlatValues(CanonicalLayout.maxFlatResults, result, resultTypes,
                                                         outParameter: reader)
                }))
            return flatResults
        }
    }
}
