import ArgumentParser
import ESX

/// `esx`: a virsh-like command line for ESX hosts and vCenter.
@main
struct ESXCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "esx",
        abstract: "Manage virtual machines on VMware ESX(i), GSX and vCenter through the vSphere API.",
        discussion: """
            The password comes from the ESX_PASSWORD environment variable or an interactive prompt, \
            never from the command line. Examples of URIs: esx://root@host/?no_verify=1, \
            vpx://administrator@vcenter/dc/cluster/host, esx://user@127.0.0.1:8989/?transport=http. \
            Each call to the server times out after 300 s unless --timeout SECONDS (before the command), \
            timeout=SECONDS in the URI or ESX_TIMEOUT says otherwise. \
            The server certificate is verified against the system's CAs unless the URI pins its \
            SHA-256 thumbprint (thumbprint=AA:BB:...), --known-hosts FILE (or ESX_KNOWN_HOSTS) has a \
            thumbprint recorded by 'esx trust', or no_verify=1 turns verification off (with a warning).
            """,
        subcommands: [
            ListCommand.self, DomInfoCommand.self, DomStateCommand.self, StartCommand.self, ShutdownCommand.self,
            RebootCommand.self, DestroyCommand.self, SuspendCommand.self, ResumeCommand.self, VersionCommand.self,
            NodeInfoCommand.self, URICommand.self, EventCommand.self, TrustCommand.self, DomXMLFromNativeCommand.self,
            DomXMLToNativeCommand.self, DumpXMLCommand.self, VMXCommand.self, SnapshotCreateAsCommand.self,
            SnapshotListCommand.self, SnapshotCurrentCommand.self, SnapshotRevertCommand.self,
            SnapshotDeleteCommand.self, SnapshotDumpXMLCommand.self,
            // Tuning
            SetMemCommand.self, SetMaxMemCommand.self, MemtuneCommand.self, SetVCPUsCommand.self, VCPUCountCommand.self,
            SchedInfoCommand.self, AutostartCommand.self, DomHostnameCommand.self, DomIfAddrCommand.self,
            ScreenshotCommand.self,
            DefineCommand.self, UndefineCommand.self, DSGetCommand.self, DSPutCommand.self,
            // Host resources (issue 11, read side)
            CapabilitiesCommand.self, FreecellCommand.self, HostnameCommand.self, SysinfoCommand.self,
            ConnectInfoCommand.self, IfaceListCommand.self, IfaceMACCommand.self, IfaceNameCommand.self,
            IfaceDumpXMLCommand.self, NetListCommand.self, NetInfoCommand.self, NetUUIDCommand.self, NetNameCommand.self,
            NetDumpXMLCommand.self, PoolListCommand.self, PoolInfoCommand.self, PoolDumpXMLCommand.self,
            PoolRefreshCommand.self,
            // Storage volumes (issue 11)
            VolListCommand.self, VolInfoCommand.self, VolPathCommand.self, VolKeyCommand.self, VolDumpXMLCommand.self,
            VolCreateAsCommand.self, VolCloneCommand.self, VolDeleteCommand.self, VolWipeCommand.self,
            VolUploadCommand.self, VolDownloadCommand.self,
        ])

    /// Accepts connection options before the subcommand too (`esx -c URI list`).
    static func main() async {
        await main(ArgumentHoisting.hoist(Array(CommandLine.arguments.dropFirst())))
    }
}

/// Moves connection options written before the subcommand name to just after it.
///
/// `--timeout` before the subcommand is the call timeout (`--call-timeout` after it), since
/// `event --timeout` already means how long to wait for events.
enum ArgumentHoisting {
    static let withValue: Set<String> = [
        "-c", "--connect", "--keep-alive", "--timeout", "--call-timeout", "--known-hosts",
    ]
    static let flags: Set<String> = ["--verbose"]
    /// Global spellings of options that have another name after the subcommand.
    static let aliases = ["--timeout": "--call-timeout"]

    static func hoist(_ arguments: [String]) -> [String] {
        var hoisted: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.prefix { $0 != "=" })
            let renamed = (aliases[name] ?? name) + argument.dropFirst(name.count)
            if withValue.contains(argument), index + 1 < arguments.count {
                hoisted += [renamed, arguments[index + 1]]
                index += 2
            } else if flags.contains(argument) || (name.hasPrefix("--") && name != argument && withValue.contains(name)) {
                hoisted.append(renamed)
                index += 1
            } else {
                break
            }
        }
        guard !hoisted.isEmpty, index < arguments.count, !arguments[index].hasPrefix("-") else { return arguments }
        return [arguments[index]] + hoisted + arguments[(index + 1)...]
    }
}
