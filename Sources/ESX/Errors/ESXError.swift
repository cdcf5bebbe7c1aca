import VI

/// Errors of the ESX driver, each with a one-line message.
///
/// Messages never contain a password: credentials appear only as the user name.
public enum ESXError: Error, Sendable, Equatable, CustomStringConvertible {
    // MARK: Connection
    /// The URI could not be parsed.
    case invalidURI(URIError)
    /// The server's `about.apiType` is neither `HostAgent` nor `VirtualCenter`.
    case unsupportedAPIType(String)
    /// The server is older than the driver supports (`product` and version strings).
    case unsupportedVersion(product: String, version: String, minimum: String)
    /// The URI scheme expects one product but the server is another (display names, e.g. `ESX(i)`).
    case productMismatch(host: String, expected: String, found: String)
    /// Login was refused for `user` at `host`.
    case authenticationFailed(user: String, host: String)
    /// No password could be obtained.
    case noPassword(user: String, host: String)
    /// The inventory lacks something the connection needs (`what` names it).
    case inventory(String)
    /// A vpx path item could not be resolved.
    case invalidInventoryPath(path: String, reason: String)
    /// The connection was closed.
    case connectionClosed
    /// The session or server was lost and `attempts` re-logins in a row could not restore it
    /// (`reason`: the last failure).
    case connectionLost(attempts: Int, reason: String)

    // MARK: Domains
    /// No VM has this name, UUID or id (`key` says which, e.g. "name 'web'").
    case domainNotFound(String)
    /// Several VMs share the name.
    case ambiguousDomainName(String)
    /// The VM is not powered on.
    case domainNotRunning(String)
    /// The VM is already powered on.
    case domainAlreadyRunning(String)
    /// The VM is not suspended (resume).
    case domainNotSuspended(String)
    /// The VM is neither powered off nor suspended... or any other power state precondition.
    case invalidDomainState(name: String, state: String, operation: String)

    // MARK: Tasks and questions
    /// A question blocks the VM; it was not answered (auto_answer=0) or could not be answered.
    case pendingQuestion(text: String, answers: [String])
    /// A question has no choices, or no default while auto_answer=1.
    case unanswerableQuestion(text: String, reason: String)
    /// auto_answer=1 answered a question that blocked an earlier task; the requested
    /// operation was not started (the earlier task goes on).
    case answeredPendingQuestion(domain: String, question: String, answer: String)
    /// Another task on the VM is queued or running.
    case otherTasksPending(String)
    /// The task ended in error, with its fault.
    case taskFailed(operation: String, fault: ESXFault)
    /// A question blocked the task; the task was cancelled.
    case taskCancelled(operation: String, question: String, answers: [String])
    /// A question blocked a task that cannot be cancelled: it stays blocked on the server.
    case taskBlocked(operation: String, question: String, answers: [String], reason: String)

    /// The caller's task was cancelled.
    case cancelled

    // MARK: Jobs and snapshots
    /// A long job (this client's or another's) on the domain forbids the operation.
    case jobConflict(JobConflictError)
    /// The domain already has a snapshot of this name (libvirt refuses duplicates).
    case snapshotExists(domain: String, name: String)
    /// The domain has no snapshot of this name.
    case snapshotNotFound(domain: String, name: String)
    /// The domain has no current snapshot.
    case noCurrentSnapshot(String)
    /// The domain's `.vmx` file could not be read (`reason` says why).
    case vmxUnavailable(domain: String, reason: String)
    /// A tuning operation was refused (``TuningError``).
    case tuning(TuningError)
    /// A host resource (interface, network, storage pool, capabilities) lookup or query failed (``HostResourceError``).
    case hostResource(HostResourceError)

    // MARK: Define, datastore files, leases
    /// A domain with this name or UUID exists; define does not edit domains (as in libvirt).
    case domainExists(name: String, uuid: String?)
    /// The domain XML cannot be defined (invalid, or unusable for a `.vmx`).
    case invalidDefinition(String)
    /// A datastore file transfer or file operation failed.
    case datastoreFile(DatastoreFileError)
    /// The lock manager refused (e.g. a disk another domain holds).
    case lock(LockError)

    // MARK: Transport
    /// A call got no HTTP response; `reason` says why: timed out (connect, stalled or deadline),
    /// connection refused, host not found, TLS verification, connection lost, response too large.
    case transport(VITransportError)
    /// The server answered a call with an HTTP status that is neither a result nor a SOAP fault.
    case http(VIHTTPError)

    // MARK: Server
    /// A SOAP fault outside the cases above.
    case fault(ESXFault)
    /// Anything else from the transport or decoding, as text.
    case other(String)

    public var description: String {
        switch self {
        case let .invalidURI(error): return error.description
        case let .unsupportedAPIType(type):
            return "expecting the API type 'HostAgent' or 'VirtualCenter' but found '\(type)'"
        case let .unsupportedVersion(product, version, minimum):
            return "\(product) version \(version) is not supported (minimum \(minimum))"
        case let .productMismatch(host, expected, found):
            return "expecting '\(host)' to be a \(expected) host but found a \(found) host"
        case let .authenticationFailed(user, host):
            return "authentication failed for user '\(user)' at '\(host)'"
        case let .noPassword(user, host):
            return "no password for user '\(user)' at '\(host)'"
        case let .inventory(what): return what
        case let .invalidInventoryPath(path, reason): return "inventory path '\(path)': \(reason)"
        case .connectionClosed: return "the connection is closed"
        case let .connectionLost(attempts, reason):
            return "lost the connection and could not restore it in \(attempts) attempts: \(reason)"
        case let .domainNotFound(key): return "domain not found: no virtual machine with \(key)"
        case let .ambiguousDomainName(name): return "several virtual machines are named '\(name)'"
        case let .domainNotRunning(name): return "domain '\(name)' is not running"
        case let .domainAlreadyRunning(name): return "domain '\(name)' is already running"
        case let .domainNotSuspended(name): return "domain '\(name)' is not suspended"
        case let .invalidDomainState(name, state, operation):
            return "cannot \(operation) domain '\(name)' in state \(state)"
        case let .pendingQuestion(text, answers):
            return "pending question blocks virtual machine execution, question is '\(text)', "
                + Self.answersText(answers)
        case let .unanswerableQuestion(text, reason):
            return "pending question '\(text)' cannot be answered automatically: \(reason)"
        case let .answeredPendingQuestion(domain, question, answer):
            return "answered the pending question '\(question)' of domain '\(domain)' with '\(answer)'; "
                + "the blocked task goes on and the requested operation was not started"
        case let .otherTasksPending(name): return "other tasks are pending for domain '\(name)'"
        case let .taskFailed(operation, fault):
            return "could not \(operation): \(fault.typeName) - \(fault.message)"
        case let .taskCancelled(operation, question, answers):
            return "\(operation) was cancelled: pending question '\(question)', " + Self.answersText(answers)
        case let .taskBlocked(operation, question, answers, reason):
            return "\(operation) stays blocked on the server (\(reason)): pending question '\(question)', "
                + Self.answersText(answers)
        case .cancelled: return "the operation was cancelled"
        case let .jobConflict(conflict): return conflict.description
        case let .snapshotExists(domain, name):
            return "domain '\(domain)' already has a snapshot named '\(name)'"
        case let .snapshotNotFound(domain, name):
            return "domain '\(domain)' has no snapshot named '\(name)'"
        case let .noCurrentSnapshot(domain): return "domain '\(domain)' has no current snapshot"
        case let .vmxUnavailable(domain, reason): return "no .vmx file for domain '\(domain)': \(reason)"
        case let .tuning(error): return error.description
        case let .domainExists(name, uuid):
            return "domain '\(name)'\(uuid.map { " (UUID \($0))" } ?? "") already exists; editing existing domains is not supported"
        case let .invalidDefinition(reason): return "cannot define the domain: \(reason)"
        case let .datastoreFile(error): return error.description
        case let .lock(error): return error.description
        case let .hostResource(error): return error.description
        case let .transport(error): return error.description
        case let .http(error): return error.description
        case let .fault(fault):
            return "\(fault.method ?? "call") failed: \(fault)"
        case let .other(text): return text
        }
    }

    static func answersText(_ answers: [String]) -> String {
        answers.isEmpty
            ? "no possible answers"
            : "possible answers are " + answers.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// Maps any error to an `ESXError`, keeping SOAP fault types and transport failures.
    public static func wrap(_ error: any Error) -> ESXError {
        switch error {
        case let error as ESXError: return error
        case let error as URIError: return .invalidURI(error)
        case let error as JobConflictError: return .jobConflict(error)
        case let error as TuningError: return .tuning(error)
        case let error as DatastoreFileError: return .datastoreFile(error)
        case let error as LockError: return .lock(error)
        case let error as HostResourceError: return .hostResource(error)
        case is CancellationError: return .cancelled
        case TransportError.cancelled: return .cancelled
        case let error as VITransportError: return .transport(error)
        case let error as VIHTTPError: return .http(error)
        case let fault as VISOAPFault: return .fault(ESXFault(fault))
        case let fault as VIPropertyCollectorFault:
            return .fault(ESXFault(typeName: type(of: fault.fault.fault).wireName, message: fault.description,
                object: fault.fault.fault))
        default: return .other(String(describing: error))
        }
    }
}

extension ESXError: VIFaultCarrying {
    /// The decoded vim25 fault of a failed task or call, for `error.fault(as:)` and `error.isFault(_:)`.
    public var faultObject: (any VIDataObject)? {
        switch self {
        case .taskFailed(_, let fault), .fault(let fault): return fault.object
        default: return nil
        }
    }
}
