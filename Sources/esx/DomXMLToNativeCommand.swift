import ArgumentParser
import Foundation
import VMX

/// `esx domxml-to-native vmware-vmx FILE.xml`: converts domain XML to a `.vmx` file offline.
struct DomXMLToNativeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domxml-to-native",
        abstract: "Convert libvirt domain XML to a VMware .vmx file (offline, no server).",
        discussion: """
            '[ds] path' becomes /vmfs/volumes/ds/path; a SCSI controller with model 'auto' becomes lsilogic.
            """)

    @Argument(help: "The native format; only 'vmware-vmx'.")
    var format: String

    @Argument(help: "The domain XML file.")
    var file: String

    @Option(name: .customLong("virtual-hw-version"), help: "The virtualHW.version to write (4 or more).")
    var virtualHWVersion: Int = VirtualHardware.defaultVersion

    func run() async throws {
        try await reportingFailures(verbose: false) {
            try NativeFormat.check(format)
            let bytes = try NativeFormat.read(file)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CLIFailure(message: "'\(file)' is not UTF-8")
            }
            let vmx = try NativeFormat.converting {
                try VMXConversion.vmx(
                    fromDomainXML: text, resolver: OfflineFileNameResolver(), virtualHardwareVersion: virtualHWVersion)
            }
            FileHandle.standardOutput.write(Data(vmx.utf8))
        }
    }
}
