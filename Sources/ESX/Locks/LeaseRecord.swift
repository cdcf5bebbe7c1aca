import Foundation

/// Who holds a lease: the domain, and where and when it was taken.
public struct LeaseHolder: Sendable, Hashable, Codable {
    /// Where the lease stands in a migration.
    public enum State: String, Sendable, Hashable, Codable {
        /// Held by a domain running (or starting) where `hypervisorHost` says.
        case active
        /// Held by a migration's source after `prepareMigrate`; `migrationTarget` names the target.
        case migratingOut
        /// Taken by a migration's target, waiting for its commit.
        case incoming
    }

    /// Identifies the lock manager instance that took the lease.
    public var leaseID: String
    public var domainUUID: String
    public var domainName: String
    public var domainID: Int?
    /// The management host (this machine's host name) that took the lease.
    public var managementHost: String
    /// The process that took the lease (informational: the lease outlives it).
    public var pid: Int32
    /// The ESX host or vCenter the domain runs on, when known.
    public var hypervisorHost: String?
    public var mode: LeaseMode
    public var acquired: Date
    public var state: State
    public var migrationTarget: String?

    public init(
        leaseID: String = UUID().uuidString, domain: LockDomainParameters, managementHost: String, pid: Int32, mode: LeaseMode, acquired: Date = Date(),
        state: State = .active, migrationTarget: String? = nil
    ) {
        self.leaseID = leaseID
        domainUUID = domain.uuid
        domainName = domain.name
        domainID = domain.id
        self.managementHost = managementHost
        self.pid = pid
        hypervisorHost = domain.host
        self.mode = mode
        self.acquired = acquired
        self.state = state
        self.migrationTarget = migrationTarget
    }

    /// `acquired` as ISO 8601 (UTC).
    public var acquiredText: String { acquired.formatted(.iso8601) }
}

/// The content of one lease file: the resource and its holders (one exclusive, or many shared).
struct LeaseRecord: Sendable, Codable, Equatable {
    static let currentVersion = 1
    var version = LeaseRecord.currentVersion
    var kind: LockResourceKind
    var resource: String
    var holders: [LeaseHolder]

    init(resource: LockResource, holders: [LeaseHolder] = []) {
        kind = resource.kind
        self.resource = resource.name
        self.holders = holders
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    static func decode(_ data: Data) throws -> LeaseRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(LeaseRecord.self, from: data)
    }
}
