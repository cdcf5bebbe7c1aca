import ArgumentParser
import ESX
import Foundation

/// `esx event`: prints domain events (lifecycle, reboot, questions, connection) as they come.
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Wait for domain events and print them.",
        discussion: "Without --loop, exits after the first event; with --timeout, exits after that many seconds.")

    @OptionGroup var connection: ConnectionOptions
    @Option(name: .long, help: "Only events of this domain (name).") var domain: String?
    @Flag(name: .long, help: "Keep printing events instead of exiting after the first one.") var loop = false
    @Option(name: .long, help: "Stop after this many seconds.") var timeout: Double?
    @OptionGroup var output: OutputOptions

    struct JSON: Encodable {
        var event: String
        var domain: String?
        var moref: String?
        var detail: String
        var time: String
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            try await connection.withConnection { connection in
                let hub = DomainEventHub(source: connection)
                let selector = domain.map(DomainSelector.name)
                var streams: [DomainEventStream<DomainEventPayload>] = []
                for id in DomainEventID.allCases {
                    streams.append(try await hub.events(domain: id == .connection ? nil : selector, event: .any(id)))
                }
                let collected = streams
                let merged = AsyncStream<DomainEventNotification<DomainEventPayload>> { continuation in
                    let group = Task {
                        await withTaskGroup(of: Void.self) { tasks in
                            for stream in collected {
                                tasks.addTask { for await event in stream { continuation.yield(event) } }
                            }
                        }
                        continuation.finish()
                    }
                    continuation.onTermination = { _ in group.cancel() }
                }
                let deadline = timeout.map { Date().addingTimeInterval($0) }
                let printer = Task {
                    var count = 0
                    for await event in merged {
                        try Self.print(event, json: output.json)
                        count += 1
                        if !loop { break }
                    }
                    return count
                }
                if let deadline {
                    let watchdog = Task {
                        try await Task.sleep(for: .seconds(max(0, deadline.timeIntervalSinceNow)))
                        printer.cancel()
                    }
                    _ = try? await printer.value
                    watchdog.cancel()
                } else {
                    _ = try await printer.value
                }
                let failure = await hub.failure
                await hub.close()
                if let failure { throw failure }
            }
        }
    }

    static func print(_ event: DomainEventNotification<DomainEventPayload>, json: Bool) throws {
        let (name, detail): (String, String)
        switch event.payload {
        case let .lifecycle(lifecycle): (name, detail) = ("lifecycle", "\(lifecycle.kind.rawValue) \(lifecycle.detail.rawValue)")
        case .reboot: (name, detail) = ("reboot", "")
        case let .questionPending(question): (name, detail) = ("question-pending", question.text)
        case let .questionAnswered(question): (name, detail) = ("question-answered", question.text)
        case let .connection(state):
            switch state {
            case let .lost(reason): (name, detail) = ("connection", "lost: \(reason)")
            case .restored: (name, detail) = ("connection", "restored")
            case let .closed(reason): (name, detail) = ("connection", "closed: \(reason)")
            }
        }
        let time = event.received.formatted(.iso8601)
        if json {
            try Output.printJSONLine(
                JSON(event: name, domain: event.domain?.name, moref: event.domain?.moref, detail: detail, time: time))
        } else {
            let target = event.domain.map { " for domain '\($0.name)'" } ?? ""
            Output.printLine("\(time) event '\(name)'\(target): \(detail)")
        }
        fflush(nil)
    }
}
