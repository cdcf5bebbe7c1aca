import Foundation
import XCTest

/// The offline `esx domxml-from-native` / `domxml-to-native` commands, run as a process.
final class VMXCLITests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmx-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private func esx(_ arguments: [String]) throws -> CLITests.Outcome {
        let process = Process()
        process.executableURL = try CLITests.binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ESX_URI"] = nil
        environment["ESX_PASSWORD"] = nil
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITests.Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    private func assertFails(_ outcome: CLITests.Outcome, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(outcome.status, 0, file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("esx: error: "), outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(fragment), outcome.stderr, file: file, line: line)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr, file: file, line: line)
        XCTAssertEqual(outcome.stdout, "", file: file, line: line)
    }

    static let vmx = """
        .encoding = "UTF-8"
        config.version = "8"
        virtualHW.version = "10"
        displayName = "cli test"
        memsize = "512"
        numvcpus = "2"
        guestOS = "other-64"
        scsi0.present = "true"
        scsi0.virtualDev = "pvscsi"
        scsi0:0.present = "true"
        scsi0:0.fileName = "cli.vmdk"
        scsi0:1.present = "true"
        scsi0:1.fileName = "/vmfs/volumes/data/shared.vmdk"
        ethernet0.present = "true"
        ethernet0.virtualDev = "vmxnet3"
        ethernet0.networkName = "VM Network"
        ethernet0.addressType = "generated"
        ethernet0.generatedAddress = "00:0c:29:12:34:56"

        """

    func testFromNative() throws {
        let path = try file("cli.vmx", Self.vmx)
        let outcome = try esx([
            "domxml-from-native", "vmware-vmx", path, "--vmx-directory", "[local] cli", "--datastore", "data",
            "--datacenter-path", "dc1",
        ])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.hasPrefix("<domain type='vmware' xmlns:vmware="), outcome.stdout)
        for line in [
            "  <name>cli test</name>", "      <source file='[local] cli/cli.vmdk'/>",
            "      <source file='[data] shared.vmdk'/>", "    <controller type='scsi' index='0' model='vmpvscsi'/>",
            "      <mac address='00:0c:29:12:34:56' type='generated'/>", "  <vmware:datacenterpath>dc1</vmware:datacenterpath>",
        ] {
            XCTAssertTrue(outcome.stdout.contains(line + "\n"), "\(line) in \(outcome.stdout)")
        }
    }

    func testFromNativeErrors() throws {
        let path = try file("cli.vmx", Self.vmx)
        assertFails(try esx(["domxml-from-native", "vmware-vmx", path, "--datastore", "data"]), ".vmx directory")
        assertFails(
            try esx(["domxml-from-native", "vmware-vmx", path, "--vmx-directory", "[local] cli"]),
            "datastore 'data' of file '/vmfs/volumes/data/shared.vmdk' is not known")
        assertFails(try esx(["domxml-from-native", "vmware-vmx", path, "--vmx-directory", "local/cli"]), "--vmx-directory")
        assertFails(try esx(["domxml-from-native", "xen-xm", path]), "unsupported native format 'xen-xm'")
        assertFails(try esx(["domxml-from-native", "vmware-vmx", directory.appendingPathComponent("none").path]), "cannot read")
        let broken = try file("broken.vmx", "config.version = \"8\"\ndisplayName = \"open\n")
        assertFails(try esx(["domxml-from-native", "vmware-vmx", broken]), "line 2")
    }

    func testToNativeAndBack() throws {
        let vmxPath = try file("cli.vmx", Self.vmx)
        let first = try esx(["domxml-from-native", "vmware-vmx", vmxPath, "--vmx-directory", "[local] cli", "--datastore", "data"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let xmlPath = try file("cli.xml", first.stdout)
        let native = try esx(["domxml-to-native", "vmware-vmx", xmlPath])
        XCTAssertEqual(native.status, 0, native.stderr)
        for line in [
            "virtualHW.version = \"7\"", "scsi0:0.fileName = \"/vmfs/volumes/local/cli/cli.vmdk\"",
            "scsi0.virtualDev = \"pvscsi\"", "displayName = \"cli test\"", "ethernet0.addressType = \"generated\"",
        ] {
            XCTAssertTrue(native.stdout.contains(line + "\n"), "\(line) in \(native.stdout)")
        }
        let newer = try esx(["domxml-to-native", "vmware-vmx", xmlPath, "--virtual-hw-version", "13"])
        XCTAssertTrue(newer.stdout.contains("virtualHW.version = \"13\"\n"), newer.stdout)
        let again = try esx([
            "domxml-from-native", "vmware-vmx", try file("again.vmx", native.stdout), "--datastore", "local", "--datastore", "data",
        ])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, first.stdout)
    }

    func testToNativeAutoModelAndErrors() throws {
        let auto = try file("auto.xml", """
            <domain type='vmware'>
              <name>auto</name>
              <memory unit='MiB'>64</memory>
              <os><type arch='i686'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'><source file='[ds] auto/a.vmdk'/><target dev='sda' bus='scsi'/></disk>
                <controller type='scsi' index='0' model='auto'/>
              </devices>
            </domain>
            """)
        let outcome = try esx(["domxml-to-native", "vmware-vmx", auto])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("scsi0.virtualDev = \"lsilogic\"\n"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("scsi0:0.fileName = \"/vmfs/volumes/ds/auto/a.vmdk\"\n"), outcome.stdout)
        let unknown = try file("unknown.xml", "<domain type='vmware'>\n<memory>1</memory>\n<features/>\n</domain>")
        assertFails(try esx(["domxml-to-native", "vmware-vmx", unknown]), "line 3: unknown or unsupported element <features>")
        let kvm = try file("kvm.xml", "<domain type='kvm'><name>k</name><memory>1024</memory><os><type>hvm</type></os></domain>")
        assertFails(try esx(["domxml-to-native", "vmware-vmx", kvm]), "type must be 'vmware'")
        assertFails(try esx(["domxml-to-native", "vmware-vmx", auto, "--virtual-hw-version", "2"]), "virtualHW.version")
        assertFails(try esx(["domxml-to-native", "qemu-argv", auto]), "unsupported native format")
    }
}
