import SimulatorSupport
import VI
import XCTest

/// Paged retrieval against the project's simulator, which honours `maxObjects` with tokens,
/// `ContinueRetrievePropertiesEx` and `CancelRetrievePropertiesEx` (Scripts/simulator/paging.go).
final class PropertyPagingTests: XCTestCase {
    override func setUp() { VIClient.registerVITypes() }

    private func login() async throws -> VIClient {
        let simulator = try await SimulatorProcess.start(SimulatorOptions(model: .esx, vmsPerPool: 7))
        addTeardownBlock { simulator.stop() }
        var options = TransportOptions()
        options.connectTimeout = 10
        let client = try VIClient.vi(url: simulator.url, options: options)
        _ = try await client.login(userName: simulator.username, password: simulator.password)
        return client
    }

    func testSevenVMsComeInThreePagesOfAtMostThree() async throws {
        let client = try await login()
        let everything = try await client.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        XCTAssertEqual(everything.count, 7)
        let pages = try await client.withPropertyPages(ofAll: VirtualMachine.self, [.name], pageSize: 3) { pages in
            var sizes: [[String]] = []
            for try await page in pages { sizes.append(page.compactMap(\.name)) }
            return sizes
        }
        XCTAssertEqual(pages.map(\.count), [3, 3, 1])
        XCTAssertEqual(Set(pages.joined()), Set(everything.compactMap(\.name)))
        try await client.logout()
    }

    func testStoppingEarlyCancelsTheRetrievalOnTheServer() async throws {
        let client = try await login()
        let collector = try await client.serviceContent(as: ServiceContent.self).propertyCollector
        let vms = try await client.retrieveProperties(ofAll: VirtualMachine.self, [.name]).map(\.managedObject)

        // Control: a token nobody cancelled continues.
        let spec = PropertyFilterSpec(
            propSet: [PropertySpec(type: VirtualMachine.wireName, all: false, pathSet: ["name"])],
            objectSet: vms.map { ObjectSpec(obj: $0.ref, skip: false) })
        let first = try await client.retrievePropertiesEx(
            collector, specSet: [spec], options: RetrieveOptions(maxObjects: 2))
        XCTAssertEqual(first?.objects.count, 2)
        let control = try XCTUnwrap(first?.token)
        let second = try await client.continueRetrievePropertiesEx(collector, token: control)
        XCTAssertEqual(second.objects.count, 2)
        if let more = second.token { try await client.cancelRetrievePropertiesEx(collector, token: more) }

        let left = try await client.withPropertyPages(of: vms, [.name], pageSize: 2) { pages in
            var iterator = pages.makeAsyncIterator()
            let page = try await iterator.next()
            XCTAssertEqual(page?.count, 2)
            return iterator.token
        }
        let token = try XCTUnwrap(left, "more pages remained when the body returned")
        do {
            _ = try await client.continueRetrievePropertiesEx(collector, token: token)
            XCTFail("the token should have been cancelled")
        } catch {
            XCTAssertTrue(error.isFault(InvalidArgument.self), "\(error)")
        }
        try await client.logout()
    }

    func testATokenAfterLogoutIsATypedError() async throws {
        let client = try await login()
        do {
            try await client.withPropertyPages(ofAll: VirtualMachine.self, [.name], pageSize: 3) { pages in
                var iterator = pages.makeAsyncIterator()
                _ = try await iterator.next()
                try await client.logout()
                _ = try await iterator.next()
            }
            XCTFail("expected NotAuthenticated")
        } catch {
            XCTAssertTrue(error.isFault(NotAuthenticated.self), "\(error)")
        }
    }
}
