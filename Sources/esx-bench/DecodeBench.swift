import ArgumentParser
import Foundation
import VI

/// Keeps the largest response body that passes through.
final class CapturingTransport: HTTPTransport, @unchecked Sendable {
    let inner: any HTTPTransport
    private let lock = NSLock()
    private var largest: [UInt8] = []
    init(_ inner: any HTTPTransport) { self.inner = inner }
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await inner.send(request)
        lock.withLock { if response.body.count > largest.count { largest = response.body } }
        return response
    }
    var largestBody: [UInt8] { lock.withLock { largest } }
}

/// Replays one response for every call.
struct ReplayTransport: HTTPTransport {
    let body: [UInt8]
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { HTTPResponse(status: 200, headers: [], body: body) }
}

/// Decode cost of the VM listing against a bare libxml2 walk of the same bytes, in one run.
struct DecodeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode", abstract: "Time decoding one captured listing response vs a bare libxml2 walk.")

    @Option(help: "SDK URL to capture the listing response from.")
    var url: String?

    @Option(help: "Read the response from this file instead of a server.")
    var file: String?

    @Option(help: "Also save the captured response to this file.")
    var save: String?

    @Option(help: "Number of repetitions.")
    var iters = 20

    func run() async throws {
        let body: [UInt8]
        if let file {
            body = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } else {
            guard let url else { throw ValidationError("give --url or --file") }
            var endpoint = try EndpointOptions.parse(["--url", url, "--insecure"])
            endpoint.user = nil
            let live = try await endpoint.login()
            let capture = CapturingTransport(live.transport)
            let recorder = VIClient(url: live.url, transport: capture)
            recorder.sessionCookie = live.sessionCookie
            _ = try await Listing.listVMs(recorder)
            body = capture.largestBody
            try await live.logout()
        }
        if let save { try Data(body).write(to: URL(fileURLWithPath: save)) }
        VIClient.registerVITypes()
        let replay = VIClient(url: "http://127.0.0.1:1/sdk", transport: ReplayTransport(body: body))
        let collector = PropertyCollector(value: "propertyCollector")
        let spec = PropertyFilterSpec(
            propSet: [PropertySpec(type: "VirtualMachine")], objectSet: [ObjectSpec(obj: collector.ref)])
        var walk: [Double] = []
        var decode: [Double] = []
        var objects = 0
        for _ in 0..<max(1, iters) {
            let walkStart = ContinuousClock.now
            _ = VIXMLReader.walk(bytes: body)
            walk.append(seconds(ContinuousClock.now - walkStart))
            let decodeStart = ContinuousClock.now
            let result = try await replay.retrievePropertiesEx(collector, specSet: [spec], options: RetrieveOptions())
            let typed = try (result?.objects ?? []).map { try VIClient.properties(of: $0, as: VirtualMachine.self) }
            decode.append(seconds(ContinuousClock.now - decodeStart))
            objects = typed.count
        }
        let walkMedian = median(walk)
        let decodeMedian = median(decode)
        print(
            #"{"bytes":\#(body.count),"objects":\#(objects),"libxml2_walk_median_s":\#(String(format: "%.4f", walkMedian)),"decode_median_s":\#(String(format: "%.4f", decodeMedian)),"decode_over_walk":\#(String(format: "%.2f", decodeMedian / walkMedian))}"#)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
