import ESX
import Foundation
import VI
import VIRuntime

// The Swift code of the DocC articles (Sources/*/*.docc), compiled here. ArticleSnippetTests checks
// that every ```swift block of an article appears in this file line for line, so an article cannot
// show code that does not build. Manifest blocks (starting `// Package.swift`) are checked against
// the example packages' manifests instead, which CI builds.
//
// These functions are compiled, not run: they need a real server.

/// VI.docc/GettingStarted.md
func viGettingStarted(url: String, user: String, password: String) async throws {
    let client = try VIClient.vi(url: url)
    _ = try await client.login(userName: user, password: password)
    let vms = try await client.retrieveProperties(
        ofAll: VirtualMachine.self, [.name, .runtime.powerState, .config.hardware.memoryMB])
    for vm in vms {
        print(vm.name ?? "?", vm[.runtime.powerState] ?? .poweredOff, vm[.config.hardware.memoryMB] ?? 0)
    }

    guard let vm = vms.first?.managedObject else { return }
    do {
        _ = try await client.powerOnVM_Task(vm)
    } catch where error.isFault(InvalidState.self) {
        print("not now:", error.fault(as: InvalidState.self) as Any)
    }
    try await client.logout()
}

/// VIRuntime.docc/GettingStarted.md
func viRuntimeGettingStarted<Content: VIDataObject>(url: String, content: Content.Type) async throws {
    var options = TransportOptions()
    options.connectTimeout = 10
    options.totalTimeout = 60
    let client = try VIClient(url: url, options: options)

    do {
        _ = try await client.serviceContent(as: content)
    } catch let error as VITransportError where error.isTimeout {
        print("no answer from \(client.url) in time")
    } catch let error as VISOAPFault {
        print("server fault \(error.faultCode): \(error.faultString)")
    }
}

/// ESX.docc/GettingStarted.md
func esxGettingStarted(password: String) async throws {
    let connection = try await ESXConnection.connect(
        "esx://root@esxi.example/?timeout=60", credentials: StaticCredentials(password: password))

    for domain in try await connection.listDomains(.all) {
        print(domain.name, domain.state)
    }
    let domain = try await connection.domain(named: "vm1")
    let (progress, continuation) = AsyncStream.makeStream(of: TaskProgress.self)
    let printer = Task {
        for await step in progress { print(step.operation, step.percent ?? 0) }
    }
    try await connection.start(domain, progress: continuation)
    continuation.finish()
    await printer.value
    await connection.close()
}
