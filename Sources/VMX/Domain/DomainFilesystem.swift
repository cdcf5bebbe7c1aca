/// `<filesystem type='mount'>`: a VMware shared folder.
public struct DomainFilesystem: Sendable, Equatable {
    /// `<source dir=…>`: the host path.
    public var source: String
    /// `<target dir=…>`: the name the guest sees.
    public var target: String
    public var readonly: Bool
    /// `accessmode`; libvirt prints `passthrough` for shared folders.
    public var accessMode = "passthrough"

    public init(source: String, target: String, readonly: Bool) {
        self.source = source
        self.target = target
        self.readonly = readonly
    }
}
