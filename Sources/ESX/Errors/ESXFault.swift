import VI

/// A vim25 fault as the driver reports it: its type and message for people, the decoded fault
/// object for code (`error.fault(as: InvalidPowerState.self)`, `error.isFault(NoPermission.self)`).
public struct ESXFault: Sendable, Hashable, CustomStringConvertible {
    /// The SOAP method that failed, when the fault came from a call (not from a task).
    public var method: String?
    /// The fault's type name (`InvalidPowerState`), or the SOAP fault code when none was decoded.
    public var typeName: String
    /// The server's message.
    public var message: String
    /// The decoded fault object, when the server sent one this SDK knows.
    public var object: (any VIDataObject)?

    public init(method: String? = nil, typeName: String, message: String, object: (any VIDataObject)? = nil) {
        self.method = method
        self.typeName = typeName
        self.message = message
        self.object = object
    }

    /// A SOAP fault.
    public init(_ fault: VISOAPFault) {
        self.init(
            method: fault.method, typeName: fault.faultType ?? fault.faultCode, message: fault.faultString,
            object: fault.fault)
    }

    /// A task's or property's `LocalizedMethodFault`.
    public init(_ fault: LocalizedMethodFault) {
        let typeName = type(of: fault.fault).wireName
        self.init(typeName: typeName, message: fault.localizedMessage ?? typeName, object: fault.fault)
    }

    /// A task that failed without saying why.
    public static let unknown = ESXFault(typeName: "Unknown error", message: "")

    public var description: String {
        typeName + (message.isEmpty || message == typeName ? "" : " - \(message)")
    }

    public static func == (lhs: ESXFault, rhs: ESXFault) -> Bool {
        lhs.method == rhs.method && lhs.typeName == rhs.typeName && lhs.message == rhs.message
            && lhs.object.map { AnyHashable($0) } == rhs.object.map { AnyHashable($0) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(typeName)
        hasher.combine(message)
    }
}
