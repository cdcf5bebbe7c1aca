/// `<serial>` or `<parallel>`: a character device on a numbered port.
public struct DomainCharDevice: Sendable, Equatable {
    /// Where the port's data goes.
    public enum Source: Sendable, Equatable {
        /// `type='dev'`: a host device.
        case device(path: String)
        /// `type='file'`: a file (a datastore path).
        case file(path: String)
        /// `type='pipe'`: a named pipe.
        case pipe(path: String)
        /// `type='tcp'`: a network connection (serial ports only).
        case tcp(TCPEndpoint)
    }

    /// `<target port=…>`.
    public var port: Int
    /// The backing.
    public var source: Source

    /// A device on `port`.
    public init(port: Int, source: Source) {
        self.port = port
        self.source = source
    }

    /// The `type` attribute.
    var typeName: String {
        switch source {
        case .device: return "dev"
        case .file: return "file"
        case .pipe: return "pipe"
        case .tcp: return "tcp"
        }
    }
}

/// `<source mode host service/>` and `<protocol type/>` of a TCP character device.
public struct TCPEndpoint: Sendable, Equatable {
    /// `<protocol type=…>`.
    public enum WireProtocol: String, Sendable, CaseIterable { case raw, telnet, telnets, tls }

    /// The host name or address.
    public var host: String
    /// The TCP port, as text (libvirt's `service`).
    public var service: String
    /// `mode='bind'` (VMX `network.endPoint = "server"`) when true, `connect` otherwise.
    public var listen: Bool
    /// `<protocol type=…>`.
    public var wireProtocol: WireProtocol

    /// A TCP endpoint.
    public init(host: String, service: String, listen: Bool, wireProtocol: WireProtocol) {
        self.host = host
        self.service = service
        self.listen = listen
        self.wireProtocol = wireProtocol
    }
}
