import Dispatch
import FuzzSupport
import VI

/// Fuzzes the SOAP response path as a call sees it: envelope, faults, and the generated decode
/// table (`RetrievePropertiesEx` results hold any registered type through `xsi:type`). The first
/// input byte picks the HTTP status (even: 200, odd: 500); the rest is the body.
@main
enum FuzzSOAP {
    struct OneResponse: HTTPTransport {
        let response: HTTPResponse
        func send(_ request: HTTPRequest) async throws -> HTTPResponse { response }
    }

    static func main() {
        VIClient.registerVITypes()
        let spec = PropertyFilterSpec(
            propSet: [PropertySpec(type: VirtualMachine.wireName, all: true)],
            objectSet: [ObjectSpec(obj: ManagedObjectReference(type: "Folder", value: "root"))])
        FuzzDriver.main { bytes in
            let status = (bytes.first ?? 0) % 2 == 0 ? 200 : 500
            let response = HTTPResponse(status: status, headers: [], body: Array(bytes.dropFirst()))
            let client = VIClient(url: "http://127.0.0.1:1/sdk", transport: OneResponse(response: response))
            let done = DispatchSemaphore(value: 0)
            Task {
                _ = try? await client.retrievePropertiesEx(
                    PropertyCollector(value: "propertyCollector"), specSet: [spec], options: RetrieveOptions())
                done.signal()
            }
            done.wait()
        }
    }
}
