import ESX
import Foundation
import VI
import XCTest

/// Collects notifications and lets a test wait for a number of them.
actor EventLog<Payload: Sendable> {
    private(set) var items: [DomainEventNotification<Payload>] = []
    private(set) var arrivals: [Date] = []

    func add(_ item: DomainEventNotification<Payload>) {
        items.append(item)
        arrivals.append(Date())
    }

    /// Waits until at least `count` items arrived (or `timeout` passed) and returns them.
    func wait(for count: Int, timeout: Duration = .seconds(15)) async -> [DomainEventNotification<Payload>] {
        let deadline = ContinuousClock.now + timeout
        while items.count < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return items
    }

    var count: Int { items.count }
}

extension DomainEventNotification where Payload == LifecycleEvent {
    var text: String { "\(domain?.name ?? "-") \(payload)" }
}

/// Helpers driving VMs from "another client".
extension VIClient {
    func vm(named name: String) async throws -> VirtualMachine {
        let all = try await retrieveProperties(ofAll: VirtualMachine.self, [.name])
        guard let vm = all.first(where: { $0.name == name })?.managedObject else {
            throw ESXError.domainNotFound("name '\(name)'")
        }
        return vm
    }

    /// Runs a task and waits (polling) until it finished.
    func finish(_ task: VITask) async throws {
        for _ in 0..<500 {
            let info = try await retrieveProperties(of: [task], [.info]).first?.info
            if let info, info.state == .success || info.state == .error { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
