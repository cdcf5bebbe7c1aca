import ArgumentParser
import Foundation
import VI

/// `esx-bench`: measurements of the SDK against a live endpoint (the simulator in this project).
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "esx-bench",
        abstract: "Benchmarks and demos of the swift-esx SDK against a vSphere endpoint.",
        subcommands: [ListVMs.self, DecodeBench.self, Demo.self, LoadCommand.self])
}

/// Where to connect and as whom. The password comes from `ESX_PASSWORD` (or the URL's user info,
/// which only the local simulator scripts use), never from a flag.
struct EndpointOptions: ParsableArguments {
    @Option(help: "SDK URL, e.g. https://127.0.0.1:8989/sdk")
    var url: String

    @Option(help: "User name (default: the URL's user, else 'user').")
    var user: String?

    @Flag(help: "Skip TLS certificate verification (self-signed test servers).")
    var insecure = false

    /// Connects and logs in.
    func login() async throws -> VIClient {
        guard var components = URLComponents(string: url) else { throw ValidationError("invalid --url '\(url)'") }
        let userName = user ?? components.user ?? "user"
        let environment = ProcessInfo.processInfo.environment["ESX_PASSWORD"]
        guard let password = environment ?? components.password else {
            throw ValidationError("set ESX_PASSWORD (the password is never taken from the command line)")
        }
        components.user = nil
        components.password = nil
        guard let endpoint = components.string else { throw ValidationError("invalid --url '\(url)'") }
        var options = TransportOptions()
        options.verifyPeer = !insecure
        let client = try VIClient.vi(url: endpoint, options: options)
        try await client.negotiateAPIVersion()
        _ = try await client.login(userName: userName, password: password)
        return client
    }
}

/// One listing of every VM: name, power state, UUID, CPUs, memory.
struct VMRow: Sendable, Codable {
    var name: String
    var powerState: String
    var uuid: String?
    var numCPU: Int32?
    var memoryMB: Int32?
}

enum Listing {
    static var properties: [VirtualMachine.Property] {
        [.name, .runtime.powerState, .config.uuid, .config.hardware.numCPU, .config.hardware.memoryMB]
    }

    /// Lists every VM through a ContainerView, typed.
    static func listVMs(_ client: VIClient) async throws -> [VMRow] {
        let found = try await client.retrieveProperties(ofAll: VirtualMachine.self, properties)
        return found.map { vm in
            VMRow(
                name: vm.name ?? vm.managedObject.ref.value,
                powerState: vm[.runtime.powerState]?.rawValue ?? "unknown",
                uuid: vm[.config.uuid],
                numCPU: vm[.config.hardware.numCPU],
                memoryMB: vm[.config.hardware.memoryMB])
        }
    }
}

struct ListVMs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-vms", abstract: "Log in once, then list every VM N times; print one JSON line.")

    @OptionGroup var endpoint: EndpointOptions

    @Option(help: "Number of listings.")
    var iters = 10

    func run() async throws {
        let client = try await endpoint.login()
        var durations: [Double] = []
        var count = 0
        var responseBytes = 0
        for _ in 0..<max(1, iters) {
            let started = ContinuousClock.now
            let rows = try await Listing.listVMs(client)
            let elapsed = ContinuousClock.now - started
            durations.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            count = rows.count
            responseBytes = client.statistics.largestResponseBytes
        }
        let statistics = client.statistics
        try await client.logout()
        durations.sort()
        FileHandle.standardError.write(
            Data(
                "esx-bench: \(statistics.requests) calls, transport \(statistics.transportTime), decode \(statistics.decodeTime)\n"
                    .utf8))
        let median = durations.count % 2 == 1
            ? durations[durations.count / 2] : (durations[durations.count / 2 - 1] + durations[durations.count / 2]) / 2
        print(
            #"{"impl":"swift-esx","vms":\#(count),"list_min_s":\#(format(durations[0])),"list_median_s":\#(format(median)),"resp_bytes":\#(responseBytes),"iters":\#(durations.count)}"#)
    }

    private func format(_ value: Double) -> String { String(format: "%.4f", value) }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print every VM with its power state.")

    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        let client = try await endpoint.login()
        let about = try await client.serviceContent(as: ServiceContent.self).about
        print("\(about.fullName) (API \(about.apiVersion))")
        let rows = try await Listing.listVMs(client).sorted { $0.name < $1.name }
        let width = rows.map(\.name.count).max() ?? 4
        print("NAME".padding(toLength: width, withPad: " ", startingAt: 0) + "  STATE")
        for row in rows {
            print(row.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.powerState)
        }
        print("\(rows.count) virtual machines")
        try await client.logout()
    }
}
