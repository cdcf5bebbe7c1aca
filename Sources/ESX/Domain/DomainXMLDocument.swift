import VI
import VMX

/// A domain's libvirt XML built online, and where it came from.
public struct DomainXMLDocument: Sendable, Hashable {
    /// What the XML was built from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The `.vmx` file read from the datastore.
        case vmx
        /// The VM's `config` properties (the `.vmx` file was empty or unreadable).
        case config
    }

    public var xml: String
    public var source: Source
    /// Why the `.vmx` file was not used, when `source` is `config`.
    public var fallbackReason: String?
}

extension ESXConnection {
    /// The domain XML of `domain`: converted from its `.vmx` file when the server serves one that
    /// converts, else built from its `config` properties (``DomainDefinitionFromConfig``).
    public func domainXML(_ domain: Domain) async throws(ESXError) -> DomainXMLDocument {
        let reason: String
        do {
            let bytes = try await vmxFile(domain)
            let resolver = try await fileNameResolver(domain)
            let xml = try VMXConversion.domainXML(
                fromVMX: bytes, resolver: resolver, datacenterPath: inventory.datacenterPath,
                moref: domain.managedObjectID)
            return DomainXMLDocument(xml: xml, source: .vmx)
        } catch let error as ESXError {
            guard case .vmxUnavailable(_, let why) = error else { throw error }
            reason = why
        } catch {
            reason = "the .vmx file does not convert: \(error)"
        }
        let definition = try await domainDefinitionFromConfig(domain)
        return DomainXMLDocument(xml: DomainXML.format(definition), source: .config, fallbackReason: reason)
    }

    /// The domain's definition from its `config` properties.
    public func domainDefinitionFromConfig(_ domain: Domain) async throws(ESXError) -> DomainDefinition {
        let properties = try await properties(
            of: domain.vm,
            [
                .name, .config.uuid, .config.annotation, .config.guestId, .config.firmware,
                .config.hardware.memoryMB, .config.hardware.numCPU, .config.hardware.numCoresPerSocket,
                .config.hardware.device,
            ])
        let input = DomainDefinitionFromConfig.Input(
            name: EntityName.fromServer(properties.name ?? domain.name), uuid: properties[.config.uuid],
            annotation: properties[.config.annotation], memoryMB: properties[.config.hardware.memoryMB] ?? 0,
            numCPU: properties[.config.hardware.numCPU] ?? 1,
            coresPerSocket: properties[.config.hardware.numCoresPerSocket], guestId: properties[.config.guestId],
            firmware: properties[.config.firmware], devices: properties[.config.hardware.device] ?? [],
            datacenterPath: inventory.datacenterPath, moref: domain.managedObjectID)
        return DomainDefinitionFromConfig().definition(input)
    }

    /// Resolves `/vmfs/volumes/<name>/…` for the VM's datastores and relative names under its directory.
    private func fileNameResolver(_ domain: Domain) async throws(ESXError) -> OfflineFileNameResolver {
        let properties = try await properties(of: domain.vm, [.datastore, .config.files.vmPathName])
        let datastores = properties.datastore ?? []
        var names: [String] = []
        if !datastores.isEmpty {
            names = try await run { client in
                try await client.retrieveProperties(of: datastores, [.name]).compactMap(\.name)
            }
        }
        let directory = properties[.config.files.vmPathName].flatMap { VMX.DatastorePath(parsing: $0) }
            .map { VMX.DatastorePath(datastore: $0.datastore, path: $0.directory) }
        return OfflineFileNameResolver(datastores: names, vmxDirectory: directory)
    }
}
