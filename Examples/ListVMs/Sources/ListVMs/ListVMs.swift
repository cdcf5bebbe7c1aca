import ESX
import Foundation
import VI

/// Connects to an ESXi host or vCenter, lists its virtual machines with typed property paths,
/// powers one on while printing the task's progress, and shows a typed vim25 fault.
///
///     ESX_PASSWORD=pass swift run ListVMs 'esx://user@127.0.0.1:8989/?transport=http' [VM]
@main
struct ListVMs {
    static func main() async {
        do {
            try await run()
        } catch {
            FileHandle.standardError.write(Data("ListVMs: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        let environment = ProcessInfo.processInfo.environment
        guard let uri = arguments.first ?? environment["ESX_URI"] else {
            throw Usage.message("usage: ListVMs URI [VM]   (ESX_PASSWORD holds the password)")
        }
        // The password comes from the environment, never from the command line.
        guard let password = environment["ESX_PASSWORD"], !password.isEmpty else {
            throw Usage.message("set ESX_PASSWORD")
        }

        // A wrong password: the driver reports a typed error of its own.
        do {
            let refused = try await ESXConnection.connect(uri, credentials: StaticCredentials(password: password + "-wrong"))
            await refused.close()
            print("a wrong password was accepted (the server checks none)")
        } catch .authenticationFailed(let user, _) {
            print("the driver refuses a wrong password for \(printable(user)): ESXError.authenticationFailed")
        }

        let connection = try await ESXConnection.connect(uri, credentials: StaticCredentials(password: password))
        do {
            try await listAndPowerOn(connection, name: arguments.dropFirst().first)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    static func listAndPowerOn(_ connection: ESXConnection, name: String?) async throws {
        // Typed vim25 faults: the server's InvalidLogin arrives decoded and is matched by type
        // (a subtype would match too). A second client over the connection's transport (same TLS
        // settings, its own session cookie) tries the wrong password itself.
        let probe = VIClient(url: connection.client.url, transport: connection.client.transport)
        do {
            _ = try await probe.login(userName: connection.user, password: "not-\(connection.user)-password")
            try await probe.logout()
            print("a wrong password was accepted (the server checks none)")
        } catch where error.isFault(InvalidLogin.self) {
            print("the server refuses a wrong password with the typed fault InvalidLogin")
        }

        // Typed property paths: `vm[.runtime.powerState]` is a VirtualMachinePowerState?,
        // `vm[.config.hardware.memoryMB]` an Int32?; a misspelt path does not compile.
        let vms = try await connection.run { client in
            try await client.retrieveProperties(
                ofAll: VirtualMachine.self, [.name, .runtime.powerState, .config.hardware.memoryMB])
        }
        print("\(vms.count) virtual machines:")
        for vm in vms.sorted(by: { ($0.name ?? "") < ($1.name ?? "") }) {
            let state = vm[.runtime.powerState]?.rawValue ?? "unknown"
            let memory = vm[.config.hardware.memoryMB].map { "\($0) MiB" } ?? "-"
            print("  \(printable(vm.name ?? "?"))  \(state)  \(memory)")
        }

        guard let target = name ?? vms.compactMap(\.name).sorted().first else { return }
        let domain = try await connection.domain(named: target)
        if domain.state.isActive {
            print("powering \(printable(domain.name)) off first")
            try await connection.destroy(domain)
        }

        // Power on with progress: the driver reports the task's progress on a stream.
        let (progress, continuation) = AsyncStream.makeStream(of: TaskProgress.self)
        let printer = Task {
            for await step in progress {
                print("  \(printable(step.operation)): \(step.percent.map { "\($0)%" } ?? "queued")")
            }
        }
        print("powering \(printable(domain.name)) on")
        do {
            try await connection.start(try await connection.domain(named: target), progress: continuation)
        } catch {
            continuation.finish()
            await printer.value
            throw error
        }
        continuation.finish()
        await printer.value
        let info = try await connection.info(try await connection.domain(named: target))
        print("\(printable(info.domain.name)) is \(info.domain.state)")
    }

    /// Server strings are untrusted: control and format characters are shown escaped, so a
    /// name cannot move the cursor or recolour the terminal.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    enum Usage: Error, CustomStringConvertible {
        case message(String)
        var description: String {
            switch self {
            case let .message(text): text
            }
        }
    }
}
