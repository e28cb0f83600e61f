import Swasm

/// The Canonical ABI's state of one component instance (CanonicalABI.md "Component Instance
/// State"): its table of resource handles, whether it may call out, and the calls into it
/// that are running.
///
/// Instantiation makes one per component instance; `canon lift`, `canon lower` and the
/// resource built-ins of that instance share it. Not thread-safe: a store is used from one
/// thread at a time.
public final class ComponentInstanceState {
    /// The instance's name, for messages.
    public let name: String
    /// False while the instance lowers values or runs a post-return function: calling an
    /// import or `resource.new`/`resource.drop` then traps (`may_leave`).
    public internal(set) var mayLeave = true
    /// The handle table (index 0 is reserved).
    let table = HandleTable()
    /// The calls into this instance that are running, innermost last.
    var tasks: [Task] = []
    /// Set when a call into the instance trapped: the Component Model's lockdown, after which
    /// the instance cannot be entered again ("cannot enter component instance"), since its
    /// state may be corrupt.
    public internal(set) var isLockedDown = false
    /// Whether a trap locks the instance down (the default). Off only for hosts that drive
    /// the Canonical ABI themselves and look at one trap after another in one instance.
    public let locksDownOnTrap: Bool

    /// The state of a new instance, with an empty handle table.
    public init(name: String = "", locksDownOnTrap: Bool = true) {
        self.name = name
        self.locksDownOnTrap = locksDownOnTrap
    }

    /// The call running in this instance, if any: the supertask of calls it makes.
    var currentTask: Task? { tasks.last }

    /// How many handles the table holds.
    public var handleCount: Int { table.liveCount }

    /// The handle at `index`, if there is one: its resource type, representation, whether it
    /// is owned, and how many borrows of it are lent out.
    public func handle(at index: UInt32) -> (type: ResourceType, representation: UInt32, isOwned: Bool, lendCount: Int)? {
        guard let h = try? table.get(index) else { return nil }
        return (h.type, h.representation, h.isOwned, h.lendCount)
    }
}

/// One element of a handle table (`ResourceHandle`).
final class HandleEntry {
    let type: ResourceType
    let representation: UInt32
    let isOwned: Bool
    /// For a borrow: the call into this instance it was lent to, which must drop it.
    let borrowScope: Task?
    /// Borrows lent from this owned handle to calls that have not returned (`num_lends`).
    var lendCount = 0

    init(type: ResourceType, representation: UInt32, isOwned: Bool, borrowScope: Task? = nil) {
        self.type = type
        self.representation = representation
        self.isOwned = isOwned
        self.borrowScope = borrowScope
    }
}

/// A component instance's table: a dense array with a LIFO free list; index 0 is never used
/// (CanonicalABI.md "Table State").
final class HandleTable {
    /// The largest index, so that the high bits of an index stay free for guest use.
    static let maxLength = (1 << 28) - 1
    private var entries: [HandleEntry?] = [nil]
    private var free: [UInt32] = []

    var liveCount: Int { entries.count - 1 - free.count }

    func get(_ index: UInt32) throws -> HandleEntry {
        guard Int(index) < entries.count, let entry = entries[Int(index)] else {
            throw ComponentTrap.unknownHandle(index)
        }
        return entry
    }

    func add(_ entry: HandleEntry) throws -> UInt32 {
        if let index = free.popLast() {
            entries[Int(index)] = entry
            return index
        }
        guard entries.count <= HandleTable.maxLength else { throw ComponentTrap.tableFull }
        entries.append(entry)
        return UInt32(entries.count - 1)
    }

    func remove(_ index: UInt32) throws -> HandleEntry {
        let entry = try get(index)
        entries[Int(index)] = nil
        free.append(index)
        return entry
    }
}

/// A call into a component instance (`Task`): it counts the borrows lent to it, which must all
/// be dropped before it returns.
final class Task {
    let instance: ComponentInstanceState
    let supertask: Task?
    /// Borrowed handles lowered into this call's instance and not yet dropped (`num_borrows`).
    var borrowCount = 0

    init(instance: ComponentInstanceState, supertask: Task?) {
        self.instance = instance
        self.supertask = supertask
    }

    /// Traps when `instance` is already on the call stack above this call: components are not
    /// reentrant (`trap_if_on_the_stack`).
    func trapIfOnTheStack(_ instance: ComponentInstanceState) throws {
        var caller = supertask
        while let c = caller {
            if c.instance === instance { throw ComponentTrap.cannotEnter }
            caller = c.supertask
        }
    }
}

/// A call made by a component instance (`Subtask`): it keeps the handles it lends as borrows
/// alive until the call returns.
final class Subtask {
    private var lenders: [HandleEntry] = []

    func addLender(_ entry: HandleEntry) {
        entry.lendCount += 1
        lenders.append(entry)
    }

    /// The call returned: its borrows are given back (`deliver_resolve`).
    func deliverResolve() {
        for entry in lenders { entry.lendCount -= 1 }
        lenders = []
    }
}

/// The call that borrows lifted or lowered in a context belong to.
enum BorrowScope {
    /// Lowering into a callee: new borrow handles count against this call.
    case task(Task)
    /// Lifting from a caller: lent handles stay alive until this call returns.
    case subtask(Subtask)
    /// No borrows can occur (the host's side, or types without borrows).
    case none
}
