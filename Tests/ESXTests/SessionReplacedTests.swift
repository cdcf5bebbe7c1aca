import ESX
import SimulatorSupport
import VI
import XCTest

/// A call that lost a session-scoped object (`ManagedObjectNotFound`) because its session was
/// replaced while it ran is run again in the new session.
final class SessionReplacedTests: XCTestCase {
    func testCallSpanningAnotherCallersReloginRunsAgain() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let admin = try await ESXTest.viClient(sim)
        let root = connection.serviceContent.rootFolder.ref
        let serviceInstance = ServiceInstance(ManagedObjectReference(type: "ServiceInstance", value: "ServiceInstance"))

        var attempts = 0
        let names = try await connection.run { client in
            attempts += 1
            let attempt = attempts
            return try await client.withContainerView(of: root, types: ["VirtualMachine"]) { view in
                if attempt == 1 {
                    // The session dies and another caller logs in again: this view stays behind.
                    let current = await connection.sessionKey
                    let key = try XCTUnwrap(current)
                    try await admin.terminateSession(sessionId: [key])
                    _ = try await connection.run { try await $0.currentTime(serviceInstance) }
                }
                let traversal = TraversalSpec(name: "view", type: "ContainerView", path: "view", skip: false)
                let spec = PropertyFilterSpec(
                    propSet: [PropertySpec(type: "VirtualMachine", all: false, pathSet: ["name"])],
                    objectSet: [ObjectSpec(obj: view.ref, skip: true, selectSet: [traversal])])
                return try await client.retrieveContents(spec).count
            }
        }
        XCTAssertEqual(names, 2)
        XCTAssertEqual(attempts, 2, "the call ran again in the new session")
        let logins = await connection.loginCount
        XCTAssertEqual(logins, 2)
        await connection.close()
        try await admin.logout()
    }

    func testCallThatFindsItsViewGoneChecksTheSessionAndRunsAgain() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let admin = try await ESXTest.viClient(sim)
        let root = connection.serviceContent.rootFolder.ref

        var attempts = 0
        let names = try await connection.run { client in
            attempts += 1
            let attempt = attempts
            return try await client.withContainerView(of: root, types: ["VirtualMachine"]) { view in
                if attempt == 1 {
                    // Nobody notices the session is gone; the simulator answers the retrieval
                    // with ManagedObjectNotFound rather than NotAuthenticated.
                    let current = await connection.sessionKey
                    try await admin.terminateSession(sessionId: [try XCTUnwrap(current)])
                }
                let traversal = TraversalSpec(name: "view", type: "ContainerView", path: "view", skip: false)
                let spec = PropertyFilterSpec(
                    propSet: [PropertySpec(type: "VirtualMachine", all: false, pathSet: ["name"])],
                    objectSet: [ObjectSpec(obj: view.ref, skip: true, selectSet: [traversal])])
                return try await client.retrieveContents(spec).count
            }
        }
        XCTAssertEqual(names, 2)
        XCTAssertEqual(attempts, 2)
        let logins = await connection.loginCount
        XCTAssertEqual(logins, 2)

        // A missing object with a live session is an error, and no login.
        let missing = VirtualMachine(ManagedObjectReference(type: "VirtualMachine", value: "vm-404"))
        await assertESXError({ try await connection.run { try await $0.retrieveProperties(of: [missing], [.name]) } }) {
            $0.isFault(ManagedObjectNotFound.self)
        }
        let stillTwo = await connection.loginCount
        XCTAssertEqual(stillTwo, 2)
        await connection.close()
        try await admin.logout()
    }
}
