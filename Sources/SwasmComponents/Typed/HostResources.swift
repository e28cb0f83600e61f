/// Swift objects as a host-defined resource: each object a component is given gets a
/// representation (a number in this table); a component dropping its owned handle removes it.
///
/// ```swift
/// final class File { ... }
/// let files = HostResourceTable<File>(name: "file")
/// let handle = files.own(File(path: "a.txt"))        // pass as .resource(handle)
/// let file = try files.object(for: handle)             // in a host function taking borrow<file>
/// ```
public final class HostResourceTable<Object: AnyObject> {
    /// The resource type (host-defined): use it in the WIT types of host functions.
    public let type: ResourceType
    private let storage: Storage

    private final class Storage {
        var objects: [UInt32: Object] = [:]
        var next: UInt32 = 1
    }

    /// A table for the resource `name`; `onDrop` runs when a component drops an owned handle.
    public init(name: String, onDrop: ((Object) -> Void)? = nil) {
        let storage = Storage()
        self.storage = storage
        type = ResourceType(hostDefined: name, destructor: ResourceDestructor { representation in
            guard let object = storage.objects.removeValue(forKey: representation) else { return }
            onDrop?(object)
        })
    }

    /// How many objects are alive (given to a component and not dropped).
    public var count: Int { storage.objects.count }

    /// An owned handle to `object`, for passing to a component.
    public func own(_ object: Object) -> ResourceHandle {
        let representation = storage.next
        storage.next &+= 1
        storage.objects[representation] = object
        return ResourceHandle(type: type, isOwned: true, representation: representation)
    }

    /// The object a handle of this table's type refers to.
    public func object(for handle: ResourceHandle) throws -> Object {
        guard handle.type === type, let object = storage.objects[handle.representation] else {
            throw ComponentTypeMismatch(expected: "a live \(type.description) handle",
                                        found: "\(handle.type.description) \(handle.representation)")
        }
        return object
    }

    /// Drops the object of an owned handle that came back to the host.
    public func drop(_ handle: ResourceHandle) throws {
        _ = try object(for: handle)
        try handle.drop()
    }
}
