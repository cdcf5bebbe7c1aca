import VIRuntime

/// One object's part of an update: what happened to it and its properties afterwards.
public struct VIObjectChange: Sendable {
    /// `enter` (first seen, or entered the view), `modify`, or `leave` (deleted or left the view).
    public var kind: ObjectUpdateKind
    /// The object's properties after the changes (for `leave`, its last known properties).
    public var state: VIObjectState
    /// The changes as the server sent them.
    public var changes: [PropertyChange]
    /// Properties the server could not read (other than lost sessions, which end the updates).
    public var missing: [MissingProperty]

    /// The changed paths.
    public var changedPaths: [String] { changes.map(\.name) }
}

/// What one `WaitForUpdatesEx` answer changed.
public struct VIPropertyUpdate: Sendable {
    /// The version token the answer carried (the next wait continues from it).
    public var version: String
    /// The objects that changed, in the server's order.
    public var objects: [VIObjectChange]
    /// Objects the filter named that the server could not find.
    public var missingObjects: [MissingObject]
    /// Whether the server cut the answer short (the next one follows at once).
    public var truncated: Bool
    /// Whether this is the first answer: the complete current state of every object in the filter
    /// (delivered even when the filter selects nothing).
    public var isSnapshot: Bool
}

/// A property the server could not read because the session is no longer valid, or another
/// fault that ends the updates; carries the decoded fault.
public struct VIPropertyCollectorFault: Error, Sendable, VIFaultCarrying, CustomStringConvertible {
    /// The object whose property could not be read.
    public var object: ManagedObjectReference
    /// The property path (or nil for the whole object).
    public var path: String?
    /// The fault the server reported.
    public var fault: LocalizedMethodFault

    public var faultObject: (any VIDataObject)? { fault.fault }

    public var description: String {
        let what = path.map { "property '\($0)' of " } ?? ""
        let type = Swift.type(of: fault.fault).wireName
        return "could not read \(what)\(object.type) \(object.value): \(type)"
            + (fault.localizedMessage.map { " - \($0)" } ?? "")
    }
}
