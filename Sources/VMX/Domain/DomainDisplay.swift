/// `<graphics type='vnc'>`: VMware's built-in VNC server.
public struct DomainGraphics: Sendable, Equatable {
    /// The TCP port; nil with ``autoport``.
    public var port: Int?
    public var autoport: Bool
    /// The listen address (VMX `RemoteDisplay.vnc.ip`).
    public var listen: String?
    public var keymap: String?
    public var password: String?

    public init(port: Int?, autoport: Bool, listen: String? = nil, keymap: String? = nil, password: String? = nil) {
        self.port = port
        self.autoport = autoport
        self.listen = listen
        self.keymap = keymap
        self.password = password
    }
}

/// `<video>`: the SVGA adapter.
public struct DomainVideo: Sendable, Equatable {
    /// `<model type=…>`; VMX knows only `vmvga`.
    public var model = "vmvga"
    /// Video memory in KiB.
    public var vramKiB: UInt64
    /// `heads`; nil when not given.
    public var heads: Int?
    public var primary = true

    public init(vramKiB: UInt64, heads: Int? = nil) {
        self.vramKiB = vramKiB
        self.heads = heads
    }
}
