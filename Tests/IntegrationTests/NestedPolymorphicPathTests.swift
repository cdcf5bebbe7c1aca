import SimulatorSupport
import VI
import XCTest

/// Nested typed paths that end in arrays of polymorphic data objects, retrieved on their own
/// (`config.hardware.device` comes back as `ArrayOfVirtualDevice` whose items carry `xsi:type`s).
final class NestedPolymorphicPathTests: XCTestCase {
    override func setUp() { VIClient.registerVITypes() }

    func testANestedPolymorphicArrayPathDecodesOnItsOwn() async throws {
        let simulator = try await SharedSimulators.esx()
        var options = TransportOptions()
        options.connectTimeout = 10
        let client = try VIClient.vi(url: simulator.url, options: options)
        _ = try await client.login(userName: simulator.username, password: simulator.password)
        let all = try await client.retrieveProperties(ofAll: VirtualMachine.self, [.config.hardware.device])
        let first = try XCTUnwrap(all.first)
        let devices = try XCTUnwrap(first[.config.hardware.device], "raw: \(first.rawValues.keys)")
        XCTAssertTrue(devices.contains { $0 is VirtualDisk }, "\(devices.map { type(of: $0) })")
        XCTAssertTrue(devices.contains { $0 is any VirtualEthernetCardProtocol }, "\(devices.map { type(of: $0) })")

        let whole = try await client.retrieveProperties(of: [first.managedObject], [.config.hardware])
        let projected = try XCTUnwrap(whole.first?[.config.hardware.device])
        XCTAssertEqual(projected.map(\.key), devices.map(\.key), "read alone or through the parent: the same devices")
        try await client.logout()
    }
}
