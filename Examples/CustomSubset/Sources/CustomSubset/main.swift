import Foundation
import Inventory
import VIRuntime

/// Talks to a vSphere endpoint through bindings generated from this package's own Inventory.input,
/// with swift-esx's runtime only (no VI module).
///
///     ESX_PASSWORD=pass swift run CustomSubset http://127.0.0.1:8989/sdk user
func run() async throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 3, let password = ProcessInfo.processInfo.environment["ESX_PASSWORD"] else {
        throw UsageError("usage: ESX_PASSWORD=... CustomSubset URL USER")
    }
    let client = try VIClient.inventory(url: arguments[1])
    let content = try await client.serviceContent(as: ServiceContent.self)
    print("server: \(printable(content.about.fullName)) (API \(printable(content.about.apiVersion)))")

    do {
        _ = try await client.login(userName: arguments[2], password: password + "-wrong")
        print("a wrong password was accepted (the server checks none)")
        try await client.logout()
    } catch where error.isFault(InvalidLogin.self) {
        print("a wrong password is refused with the typed fault InvalidLogin")
    }

    let session = try await client.login(userName: arguments[2], password: password)
    print("logged in as \(printable(session.userName))")
    let now = try await client.currentTime(ManagedObjectReference(type: "ServiceInstance", value: "ServiceInstance"))
    print("server time: \(now)")
    try await client.logout()
}

/// Server strings are untrusted: control and format characters are shown escaped.
func printable(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

do {
    try await run()
} catch {
    FileHandle.standardError.write(Data("CustomSubset: \(error)\n".utf8))
    exit(1)
}
