/// Reads the device keys of a VMX file into domain devices.
struct VMXDeviceReader {
    let config: VMXConfig
    let resolver: any VMXFileNameResolver
    let hardwareVersion: Int

    var wideSCSI: Bool { hardwareVersion >= 13 }

    func read(into domain: inout DomainDefinition) throws {
        if let vnc = try vnc() { domain.graphics.append(vnc) }
        try disks(into: &domain)
        domain.filesystems = try sharedFolders()
        domain.interfaces = try VMXEthernetReader(config: config).interfaces()
        domain.videos = [try svga()]
        domain.serials = try (0..<4).compactMap(serial)
        domain.parallels = try (0..<3).compactMap(parallel)
    }

    /// A `<prefix>.pciSlotNumber` as a PCI address; -1 (unassigned) and absence give nil.
    func pciAddress(_ prefix: String) throws -> PCIAddress? {
        try Self.pciAddress(config, prefix + ".pciSlotNumber")
    }

    static func pciAddress(_ config: VMXConfig, _ key: String) throws -> PCIAddress? {
        let number = try config.integer(key, default: -1)
        if number == -1 { return nil }
        guard let address = PCIAddress(vmwareSlotNumber: number) else {
            throw config.invalid(key, expected: "a PCI slot number in 0...8191")
        }
        return address
    }

    private func vnc() throws -> DomainGraphics? {
        guard try config.bool("RemoteDisplay.vnc.enabled", default: false) else { return nil }
        let port = try config.integer("RemoteDisplay.vnc.port", default: -1)
        guard port >= -1, port <= 65535 else { throw config.invalid("RemoteDisplay.vnc.port", expected: "a TCP port") }
        return DomainGraphics(
            port: port < 0 ? nil : Int(port), autoport: port < 0, listen: config["RemoteDisplay.vnc.ip"],
            keymap: config["RemoteDisplay.vnc.keymap"], password: config["RemoteDisplay.vnc.password"])
    }

    private func svga() throws -> DomainVideo {
        let bytes = try config.integer("svga.vramSize", default: 4 * 1024 * 1024)
        guard bytes >= 0 else { throw config.invalid("svga.vramSize", expected: "a size in bytes") }
        return DomainVideo(vramKiB: (UInt64(bytes) + 1023) / 1024)
    }

    private func sharedFolders() throws -> [DomainFilesystem] {
        guard !(try config.bool("isolation.tools.hgfs.disable", default: true)) else { return [] }
        let count = try config.integer("sharedFolder.maxNum", default: 0)
        guard count >= 0, count <= 1024 else { throw config.invalid("sharedFolder.maxNum", expected: "an integer in 0...1024") }
        var folders: [DomainFilesystem] = []
        for number in 0..<Int(count) {
            let prefix = "sharedFolder\(number)"
            let present = try config.bool(prefix + ".present", default: false)
            let enabled = try config.bool(prefix + ".enabled", default: false)
            guard present && enabled else { continue }
            let writable = try config.bool(prefix + ".writeAccess", default: false)
            folders.append(
                DomainFilesystem(
                    source: try config.requiredString(prefix + ".hostPath"),
                    target: try config.requiredString(prefix + ".guestName"), readonly: !writable))
        }
        return folders
    }

    private func serial(_ port: Int) throws -> DomainCharDevice? {
        let prefix = "serial\(port)"
        guard try config.bool(prefix + ".present", default: false) else { return nil }
        _ = try config.bool(prefix + ".startConnected", default: true)
        let fileTypeKey = prefix + ".fileType"
        let fileNameKey = prefix + ".fileName"
        switch config[fileTypeKey]?.lowercased() {
        case nil, "device":
            return DomainCharDevice(port: port, source: .device(path: try config.requiredString(fileNameKey)))
        case "file":
            let path = try resolver.domainPath(fromVMX: try config.requiredString(fileNameKey))
            return DomainCharDevice(port: port, source: .file(path: path))
        case "pipe":
            return DomainCharDevice(port: port, source: .pipe(path: try config.requiredString(fileNameKey)))
        case "network":
            return DomainCharDevice(port: port, source: .tcp(try networkEndpoint(prefix)))
        default:
            throw config.invalid(fileTypeKey, expected: "'device', 'file', 'pipe' or 'network'")
        }
    }

    /// `fileName = "<scheme>://<host>:<port>"` and `network.endPoint` of a network serial port.
    private func networkEndpoint(_ prefix: String) throws -> TCPEndpoint {
        let key = prefix + ".fileName"
        let uri = try config.requiredString(key)
        guard let separator = uri.firstRange(of: "://") else {
            throw config.invalid(key, expected: "a URI such as 'telnet://host:port'")
        }
        let scheme = uri[..<separator.lowerBound].lowercased()
        let authority = uri[separator.upperBound...].prefix { $0 != "/" }
        guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]),
            port > 0, port <= 65535
        else { throw config.invalid(key, expected: "a URI with a port part") }
        var host = String(authority[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let wire: TCPEndpoint.WireProtocol
        switch scheme {
        case "tcp", "tcp4", "tcp6": wire = .raw
        case "telnet": wire = .telnet
        case "telnets": wire = .telnets
        case "ssl", "tcp+ssl", "tcp4+ssl", "tcp6+ssl": wire = .tls
        default: throw config.invalid(key, expected: "a tcp, telnet, telnets or ssl URI")
        }
        let endPointKey = prefix + ".network.endPoint"
        let listen: Bool
        switch config[endPointKey]?.lowercased() {
        case nil, "server": listen = true
        case "client": listen = false
        default: throw config.invalid(endPointKey, expected: "'server' or 'client'")
        }
        return TCPEndpoint(host: host, service: "\(port)", listen: listen, wireProtocol: wire)
    }

    private func parallel(_ port: Int) throws -> DomainCharDevice? {
        let prefix = "parallel\(port)"
        guard try config.bool(prefix + ".present", default: false) else { return nil }
        _ = try config.bool(prefix + ".startConnected", default: true)
        let fileTypeKey = prefix + ".fileType"
        let fileName = try config.requiredString(prefix + ".fileName")
        switch try config.requiredString(fileTypeKey).lowercased() {
        case "device": return DomainCharDevice(port: port, source: .device(path: fileName))
        case "file": return DomainCharDevice(port: port, source: .file(path: try resolver.domainPath(fromVMX: fileName)))
        default: throw config.invalid(fileTypeKey, expected: "'device' or 'file'")
        }
    }
}
