@testable import ESX
import Foundation
import SimulatorSupport
import VI
import VMX
import XCTest

/// Domain XML to define and the state a define must leave alone.
enum DefineTest {
    /// Domain XML with one SCSI disk `[LocalDS_0] <directory>/<name>.vmdk`.
    static func xml(name: String, uuid: String? = nil, directory: String? = nil, memoryMiB: UInt64 = 256) -> String {
        DomainXML.format(definition(name: name, uuid: uuid, directory: directory, memoryMiB: memoryMiB))
    }

    /// The definition ``xml(name:uuid:directory:memoryMiB:)`` formats.
    static func definition(name: String, uuid: String? = nil, directory: String? = nil, memoryMiB: UInt64 = 256)
        -> DomainDefinition
    {
        var definition = DomainDefinition()
        definition.name = name
        if let uuid, let parsed = DomainUUID(uuid) { definition.uuid = parsed }
        definition.memoryKiB = memoryMiB * 1024
        definition.currentMemoryKiB = memoryMiB * 1024
        definition.vcpus = 2
        definition.os.arch = .x86_64
        definition.disks = [
            DomainDisk(
                type: .file, device: .disk, source: "[LocalDS_0] \(directory ?? name)/\(name).vmdk", target: "sda",
                bus: .scsi)
        ]
        return definition
    }

    /// Puts a small placeholder disk, so that the directory exists (a real server needs it), and,
    /// for `registrable`, the files the simulator's RegisterVM opens besides the `.vmx`
    /// (`<entity name>.nvram` and `vmware.log`; it fails with NotFound without them).
    static func prepareDirectory(
        _ connection: ESXConnection, _ directory: String, disk: String, registrable name: String? = nil
    ) async throws {
        var files = [disk]
        if let name { files += [ESX.VMXEscaping.escapePercent(name) + ".nvram", "vmware.log"] }
        for file in files {
            try await connection.putDatastoreFile(
                Array("placeholder\n".utf8), to: try DatastorePath(parsing: "[LocalDS_0] \(directory)/\(file)"))
        }
    }

    /// Every file and directory under the datastores' local folders (the simulator keeps them on
    /// this machine), with sizes (but the server's own log's).
    static func datastoreTree(_ client: VIClient) async throws -> [String] {
        let stores = try await client.retrieveProperties(ofAll: Datastore.self, [.name, .summary])
        var entries: [String] = []
        for store in stores {
            let url = try XCTUnwrap(store.summary?.url)
            let root = URL(string: url)?.path ?? url
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let item = enumerator?.nextObject() as? String {
                let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + item)
                // The simulator appends to vmware.log when it registers a VM: its size is the server's.
                let size = item.hasSuffix("vmware.log") ? "" : " \(attributes[.size] as? Int ?? -1)"
                entries.append("[\(store.name ?? "?")] \(item)\(size)")
            }
        }
        return entries.sorted()
    }

    /// Every VM in the inventory: id, name, `.vmx` path and power state.
    static func inventory(_ client: VIClient) async throws -> [String] {
        try await client.retrieveProperties(ofAll: VirtualMachine.self, [.name, .config.files.vmPathName, .runtime.powerState])
            .map { "\($0.managedObject.ref.value) \($0.name ?? "?") \($0[.config.files.vmPathName] ?? "?") \($0[.runtime.powerState]?.rawValue ?? "?")" }
            .sorted()
    }
}

/// A failure thrown by the tests' step hooks.
struct InjectedFailure: Error, CustomStringConvertible {
    var step: String
    var description: String { "injected failure after \(step)" }
}
