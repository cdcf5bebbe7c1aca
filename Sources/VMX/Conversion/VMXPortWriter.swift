/// Writes serial and parallel ports as `serialN.*` and `parallelN.*` keys.
struct VMXPortWriter {
    let resolver: any VMXFileNameResolver

    func write(serials: [DomainCharDevice], parallels: [DomainCharDevice], into vmx: inout VMXConfig) throws {
        try checkPorts(serials, element: "serial", limit: 3)
        try checkPorts(parallels, element: "parallel", limit: 2)
        for serial in serials { try write(serial: serial, into: &vmx) }
        for parallel in parallels {
            let prefix = "parallel\(parallel.port)."
            vmx.set(prefix + "present", "true")
            switch parallel.source {
            case .device(let path):
                vmx.set(prefix + "fileType", "device")
                vmx.set(prefix + "fileName", path)
            case .file(let path):
                vmx.set(prefix + "fileType", "file")
                vmx.set(prefix + "fileName", try resolver.vmxFileName(fromDomain: path))
            case .pipe, .tcp:
                throw VMXError.unsupported(element: "parallel", message: "only types 'dev' and 'file' have a VMX form")
            }
        }
    }

    private func checkPorts(_ devices: [DomainCharDevice], element: String, limit: Int) throws {
        var seen = Set<Int>()
        for device in devices {
            guard (0...limit).contains(device.port) else {
                throw VMXError.unsupported(element: element, message: "port \(device.port) out of [0..\(limit)] range")
            }
            guard seen.insert(device.port).inserted else {
                throw VMXError.unsupported(element: element, message: "port \(device.port) is used twice")
            }
        }
    }

    private func write(serial: DomainCharDevice, into vmx: inout VMXConfig) throws {
        let prefix = "serial\(serial.port)."
        vmx.set(prefix + "present", "true")
        switch serial.source {
        case .device(let path):
            vmx.set(prefix + "fileType", "device")
            vmx.set(prefix + "fileName", path)
        case .file(let path):
            vmx.set(prefix + "fileType", "file")
            vmx.set(prefix + "fileName", try resolver.vmxFileName(fromDomain: path))
        case .pipe(let path):
            vmx.set(prefix + "fileType", "pipe")
            // The vSphere Client's defaults for a pipe to an application.
            vmx.set(prefix + "pipe.endPoint", "client")
            vmx.set(prefix + "tryNoRxLoss", "false")
            vmx.set(prefix + "fileName", path)
        case .tcp(let endpoint):
            let scheme: String
            switch endpoint.wireProtocol {
            case .raw: scheme = "tcp"
            case .telnet: scheme = "telnet"
            case .telnets: scheme = "telnets"
            case .tls: scheme = "ssl"
            }
            let host = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
            vmx.set(prefix + "fileType", "network")
            vmx.set(prefix + "fileName", "\(scheme)://\(host):\(endpoint.service)")
            vmx.set(prefix + "network.endPoint", endpoint.listen ? "server" : "client")
        }
        vmx.set(prefix + "yieldOnMsrRead", "true")
    }
}
