import Foundation
import SimulatorSupport
import VIFull
import XCTest

/// A transport that keeps every response body, to capture fixtures.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    let inner: any HTTPTransport
    private let lock = NSLock()
    private var bodies: [(request: String, response: [UInt8])] = []

    init(_ inner: any HTTPTransport) { self.inner = inner }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await inner.send(request)
        lock.withLock { bodies.append((String(decoding: request.body, as: UTF8.self), response.body)) }
        return response
    }

    var recorded: [(request: String, response: [UInt8])] { lock.withLock { bodies } }
}

/// Every managed object reachable from the root folder, with all its properties, decodes with the
/// whole API (VI + VIFull) and without one unknown-type fallback.
final class FullInventoryTests: XCTestCase {
    override func setUp() {
        VIClient.registerVITypes()
        VIFullTypes.register()
    }

    private func listEverything(model: SimulatorOptions.Model) async throws -> (VIClient, RecordingTransport, [ObjectContent]) {
        let simulator = try await SharedSimulators.shared(SimulatorOptions(model: model))
        let transport = RecordingTransport(try CurlTransport())
        let client = VIClient(url: simulator.url, transport: transport)
        _ = try await client.login(userName: simulator.username, password: simulator.password)
        let content = try await client.serviceContent(as: ServiceContent.self)
        let types = [
            "Folder", "Datacenter", "ComputeResource", "ClusterComputeResource", "HostSystem", "VirtualMachine",
            "ResourcePool", "Datastore", "Network", "DistributedVirtualPortgroup", "VmwareDistributedVirtualSwitch",
        ]
        let contents = try await client.withContainerView(of: content.rootFolder.ref, types: [], recursive: true) { view in
            let traversal = TraversalSpec(name: "view", type: "ContainerView", path: "view", skip: false)
            let spec = PropertyFilterSpec(
                propSet: types.map { PropertySpec(type: $0, all: true) },
                objectSet: [ObjectSpec(obj: view.ref, skip: true, selectSet: [traversal])])
            return try await client.retrieveContents(spec)
        }
        try await client.logout()
        return (client, transport, contents)
    }

    private func check(model: SimulatorOptions.Model) async throws {
        let (client, transport, contents) = try await listEverything(model: model)
        let byType = Dictionary(grouping: contents, by: \.obj.type)
        for type in ["Folder", "Datacenter", "HostSystem", "VirtualMachine", "ResourcePool", "Datastore", "Network"] {
            XCTAssertFalse(byType[type, default: []].isEmpty, "no \(type) listed")
        }
        XCTAssertEqual(client.statistics.unknownTypes, [], "unknown-type fallbacks")
        // The typed views accept what was retrieved.
        for content in contents {
            switch content.obj.type {
            case "VirtualMachine": _ = try VIClient.properties(of: content, as: VirtualMachine.self)
            case "HostSystem": _ = try VIClient.properties(of: content, as: HostSystem.self)
            case "Datastore": _ = try VIClient.properties(of: content, as: Datastore.self)
            case "Datacenter": _ = try VIClient.properties(of: content, as: Datacenter.self)
            case "ResourcePool": _ = try VIClient.properties(of: content, as: ResourcePool.self)
            case "Folder": _ = try VIClient.properties(of: content, as: Folder.self)
            case "ClusterComputeResource": _ = try VIClient.properties(of: content, as: ClusterComputeResource.self)
            default: break
            }
        }
        let properties = contents.reduce(0) { $0 + $1.propSet.count }
        print("full inventory (\(model)): \(contents.count) objects, \(properties) properties, types \(byType.keys.sorted())")
        if let directory = ProcessInfo.processInfo.environment["CAPTURE_FIXTURES"] {
            for (index, exchange) in transport.recorded.enumerated() {
                let method = exchange.request.components(separatedBy: "<soapenv:Body><").dropFirst().first?
                    .prefix { $0 != " " && $0 != ">" } ?? "call"
                let path = "\(directory)/\(model)-\(index)-\(method).xml"
                try Data(exchange.response).write(to: URL(fileURLWithPath: path))
            }
        }
    }

    func testESXInventoryDecodesWithoutFallbacks() async throws { try await check(model: .esx) }
    func testVCenterInventoryDecodesWithoutFallbacks() async throws { try await check(model: .vpx) }
}
