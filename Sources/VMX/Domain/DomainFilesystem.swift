/// `<filesystem type='mount'>`: a VMware shared folder.
public struct DomainFilesystem: Sendable, Equatable {
    /// `<source dir=…>`: the host path.
    public var source: String
    /// `<target dir=…>`: the name the guest sees.
    public var target: String
    /// `<readonly/>`: VMX `writeAccess = "false"`.
    public var readonly: Bool
    /// `accessmode`; libvirt prints `passthrough` for shared folders.
    public var accessMode = "passthrough"

    /// A shared folder.
    public init(source: String, target: String, readonly: Bool) {
        self.source = source
        self.target = target
        self.readonly = readonly
    }
}
