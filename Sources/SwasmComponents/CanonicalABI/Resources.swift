import Swasm

// Resource handles: lifting and lowering `own` and `borrow`, and the `resource.new`,
// `resource.drop` and `resource.rep` built-ins (CanonicalABI.md "Resource State",
// `lift_own`, `lift_borrow`, `lower_own`, `lower_borrow`, `canon resource.*`).

extension LiftLowerContext {
    /// `lift_own`: moves the owned handle at `index` out of the table.
    func liftOwn(_ index: UInt32, _ resource: ResourceType) throws -> ComponentValue {
        let entry = try instance.table.remove(index)
        guard entry.type === resource else {
            throw ComponentTrap.wrongHandleType(index, expected: resource, found: entry.type)
        }
        guard entry.lendCount == 0 else { throw ComponentTrap.handleLent }
        guard entry.isOwned else { throw ComponentTrap.handleNotOwned(index) }
        return .resource(ResourceHandle(type: resource, isOwned: true, representation: entry.representation))
    }

    /// `lift_borrow`: reads the handle at `index`, which stays in the table, lent to the call
    /// until it returns.
    func liftBorrow(_ index: UInt32, _ resource: ResourceType) throws -> ComponentValue {
        let entry = try instance.table.get(index)
        guard entry.type === resource else {
            throw ComponentTrap.wrongHandleType(index, expected: resource, found: entry.type)
        }
        if case .subtask(let subtask) = borrowScope { subtask.addLender(entry) }
        return .resource(ResourceHandle(type: resource, isOwned: false, representation: entry.representation))
    }

    /// `lower_own`: a new owned handle in this instance's table.
    func lowerOwn(_ handle: ResourceHandle, _ resource: ResourceType) throws -> UInt32 {
        guard handle.type === resource else { throw mismatch(.resource(handle), .own(resource)) }
        return try instance.table.add(HandleEntry(type: resource, representation: handle.representation, isOwned: true))
    }

    /// `lower_borrow`: a borrow handle for the duration of the call, or the representation
    /// itself when the callee implements the resource.
    func lowerBorrow(_ handle: ResourceHandle, _ resource: ResourceType) throws -> UInt32 {
        guard handle.type === resource else { throw mismatch(.resource(handle), .borrow(resource)) }
        if resource.implementation === instance { return handle.representation }
        guard case .task(let task) = borrowScope else {
            throw UsageError("a borrow can only be lowered into the parameters of a call")
        }
        let index = try instance.table.add(HandleEntry(type: resource, representation: handle.representation,
                                                       isOwned: false, borrowScope: task))
        task.borrowCount += 1
        return index
    }
}

extension ComponentInstanceState {
    /// `resource.new`: a new owned handle to `representation`; returns its index.
    public func resourceNew(_ resource: ResourceType, representation: UInt32) throws -> UInt32 {
        guard mayLeave else { throw ComponentTrap.cannotLeave }
        return try table.add(HandleEntry(type: resource, representation: representation, isOwned: true))
    }

    /// `resource.rep`: the representation of the handle at `index`.
    public func resourceRep(_ resource: ResourceType, index: UInt32) throws -> UInt32 {
        let entry = try table.get(index)
        guard entry.type === resource else {
            throw ComponentTrap.wrongHandleType(index, expected: resource, found: entry.type)
        }
        return entry.representation
    }

    /// `resource.drop`: removes the handle at `index`. Dropping an owned handle runs the
    /// destructor; dropping a borrow ends it for the call it was lent to.
    public func resourceDrop(_ resource: ResourceType, index: UInt32) throws {
        guard mayLeave else { throw ComponentTrap.cannotLeave }
        let entry = try table.remove(index)
        guard entry.type === resource else {
            throw ComponentTrap.wrongHandleType(index, expected: resource, found: entry.type)
        }
        guard entry.lendCount == 0 else { throw ComponentTrap.handleLent }
        guard entry.isOwned else {
            entry.borrowScope?.borrowCount -= 1
            return
        }
        if resource.implementation === self {
            try resource.destructor?.call(entry.representation)
        } else {
            // As if the destructor were an export of the implementing instance: no reentry.
            try runDestructor(resource, entry.representation, supertask: currentTask)
        }
    }

    /// The canonical built-in `resource.new` as a core function `(param i32) (result i32)`.
    public func resourceNewFunction(_ resource: ResourceType) -> HostFunction {
        HostFunction(type: FunctionType(parameters: [.i32], results: [.i32])) { _, args in
            guard case .i32(let rep) = args.first else { return [.i32(0)] }
            return [.i32(try self.resourceNew(resource, representation: rep))]
        }
    }

    /// The canonical built-in `resource.rep` as a core function `(param i32) (result i32)`.
    public func resourceRepFunction(_ resource: ResourceType) -> HostFunction {
        HostFunction(type: FunctionType(parameters: [.i32], results: [.i32])) { _, args in
            guard case .i32(let index) = args.first else { return [.i32(0)] }
            return [.i32(try self.resourceRep(resource, index: index))]
        }
    }

    /// The canonical built-in `resource.drop` as a core function `(param i32)`.
    public func resourceDropFunction(_ resource: ResourceType) -> HostFunction {
        HostFunction(type: FunctionType(parameters: [.i32], results: [])) { _, args in
            guard case .i32(let index) = args.first else { return [] }
            try self.resourceDrop(resource, index: index)
            return []
        }
    }
}

/// Runs `resource`'s destructor as a call into its implementing instance (which must not be
/// running a call already) or, for a host-defined resource, as a host call.
func runDestructor(_ resource: ResourceType, _ representation: UInt32, supertask: Task?) throws {
    guard let implementation = resource.implementation else {
        try resource.destructor?.call(representation)
        return
    }
    guard implementation.tasks.isEmpty else { throw ComponentTrap.cannotEnter }
    guard let destructor = resource.destructor else { return }
    let task = Task(instance: implementation, supertask: supertask)
    implementation.tasks.append(task)
    defer { implementation.tasks.removeLast() }
    try destructor.call(representation)
}

extension ResourceDestructor {
    /// A destructor that is a core function `(param i32)` of the implementing instance.
    public init(coreFunction: Function) {
        self.init { representation in _ = try callCore(coreFunction, [.i32(representation)]) }
    }
}

extension ResourceHandle {
    /// Drops a handle the host owns (one a component function returned as `own`): runs the
    /// resource's destructor. Does nothing for a borrow.
    public func drop() throws {
        guard isOwned else { return }
        try runDestructor(type, representation, supertask: nil)
    }
}
