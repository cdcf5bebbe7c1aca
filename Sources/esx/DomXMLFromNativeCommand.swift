import ArgumentParser
import Foundation
import VMX

/// `esx domxml-from-native vmware-vmx FILE.vmx`: converts a `.vmx` file to domain XML offline.
struct DomXMLFromNativeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domxml-from-native",
        abstract: "Convert a VMware .vmx file to libvirt domain XML (offline, no server).",
        discussion: """
            /vmfs/volumes/NAME/... resolves only for datastores given with --datastore; names relative \
            to the .vmx resolve under --vmx-directory, whose datastore counts as given.
            """)

    @Argument(help: "The native format; only 'vmware-vmx'.")
    var format: String

    @Argument(help: "The .vmx file.")
    var file: String

    @Option(help: "The datastore directory of the .vmx file, e.g. '[datastore1] vm1'.")
    var vmxDirectory: String?

    @Option(help: "A datastore that /vmfs/volumes/<name>/ paths may name (repeatable).")
    var datastore: [String] = []

    @Option(help: "Recorded as <vmware:datacenterpath>.")
    var datacenterPath: String?

    func run() async throws {
        try await reportingFailures(verbose: false) {
            try NativeFormat.check(format)
            var directory: DatastorePath?
            if let vmxDirectory {
                guard let parsed = DatastorePath(parsing: vmxDirectory) else {
                    throw CLIFailure(message: "--vmx-directory must look like '[datastore] directory'")
                }
                directory = parsed
            }
            let resolver = OfflineFileNameResolver(datastores: datastore, vmxDirectory: directory)
            let bytes = try NativeFormat.read(file)
            let xml = try NativeFormat.converting {
                try VMXConversion.domainXML(fromVMX: bytes, resolver: resolver, datacenterPath: datacenterPath)
            }
            FileHandle.standardOutput.write(Data(xml.utf8))
        }
    }
}

/// Shared pieces of the offline `domxml-*-native` commands.
enum NativeFormat {
    static let name = "vmware-vmx"

    static func check(_ format: String) throws {
        guard format == name else {
            throw CLIFailure(message: "unsupported native format '\(format)'; only '\(name)' is known")
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(message: "cannot read '\(path)'")
        }
        return [UInt8](data)
    }

    /// Runs a conversion, turning its typed errors into one-line CLI failures.
    static func converting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as VMXError {
            throw CLIFailure(message: error.description)
        } catch let error as DomainXMLError {
            throw CLIFailure(message: error.description)
        }
    }
}
