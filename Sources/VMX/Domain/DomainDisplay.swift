/// `<graphics type='vnc'>`: VMware's built-in VNC server.
public struct DomainGraphics: Sendable, Equatable {
    /// The TCP port; nil with ``autoport``.
    public var port: Int?
    /// Whether the port is chosen automatically.
    public var autoport: Bool
    /// The listen address (VMX `RemoteDisplay.vnc.ip`).
    public var listen: String?
    /// VMX `RemoteDisplay.vnc.keymap`.
    public var keymap: String?
    /// VMX `RemoteDisplay.vnc.password`.
    public var password: String?

    /// A VNC display.
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
    /// `primary='yes'`.
    public var primary = true

    /// An SVGA adapter with `vramKiB` of video memory.
    public init(vramKiB: UInt64, heads: Int? = nil) {
        self.vramKiB = vramKiB
        self.heads = heads
    }
}
