/// A SOAP fault returned by the server, with its typed vim25 fault when the detail could be decoded.
public struct VISOAPFault: Error, Sendable, CustomStringConvertible {
    /// The method that was called.
    public var method: String
    /// `faultcode` (`ServerFaultCode`, `soapenv:Client`, ...).
    public var faultCode: String
    /// `faultstring`: the server's message.
    public var faultString: String
    /// The fault's type name (`InvalidLogin`, `NotAuthenticated`, ...), when the detail names one.
    public var faultType: String?
    /// The decoded fault object (a generated `MethodFault` subtype); cast it to the type you expect.
    public var fault: (any VIDataObject)?

    public init(
        method: String, faultCode: String, faultString: String, faultType: String?, fault: (any VIDataObject)?
    ) {
        self.method = method
        self.faultCode = faultCode
        self.faultString = faultString
        self.faultType = faultType
        self.fault = fault
    }

    /// Whether the fault is `name` or a subtype of it.
    public func isFault(_ name: String) -> Bool {
        guard let faultType else { return false }
        if faultType == name { return true }
        if let fault { return type(of: fault).ancestors.contains(name) }
        return false
    }

    public var description: String {
        "\(method) failed: \(faultType ?? faultCode): \(faultString)"
    }
}

/// An HTTP outcome that is neither a result nor a SOAP fault.
public enum VIHTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server redirected; redirects are never followed.
    case redirect(method: String, status: Int, location: String)
    /// Any other unexpected status.
    case status(method: String, status: Int)

    public var description: String {
        switch self {
        case .redirect(let method, let status, let location):
            return "HTTP \(status) for call to '\(method)': redirected to '\(location)'"
        case .status(let method, let status):
            return "HTTP response code \(status) for call to '\(method)'"
        }
    }
}

/// Errors of the client itself.
public enum VIClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A method bound to a `ServiceContent` member was called but the server has no such object.
    case unboundThis(method: String, member: String)
    /// The response did not hold what the method returns.
    case unexpectedResult(method: String, reason: String)

    public var description: String {
        switch self {
        case .unboundThis(let method, let member):
            return "cannot call '\(method)': the server's ServiceContent has no '\(member)'"
        case .unexpectedResult(let method, let reason): return "call to '\(method)' \(reason)"
        }
    }
}
