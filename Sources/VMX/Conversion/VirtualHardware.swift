/// The `virtualHW.version` written for new VMs, per VMware product and version.
public enum VirtualHardware {
    /// The products the ESX driver talks to.
    public enum Product: String, Sendable, CaseIterable {
        /// ESX/ESXi host.
        case esx
        /// vCenter (VirtualCenter).
        case vpx
        /// VMware Server (GSX).
        case gsx
    }

    /// The version used when nothing else is known (ESX 4.x).
    public static let defaultVersion = 7

    /// The highest version each product line supports, so new VMs run on that release.
    ///
    /// ESX 3.x 4, 4.x 7, 5.0 8 (libvirt's table says 9, which 5.0 cannot run), 5.1 9, 5.5 10,
    /// 6.0 11, 6.5 13, 6.7 14, 7.0 17, 8.0 20; VirtualCenter 2.x 4; GSX 7.
    public static func defaultVersion(product: Product, major: Int, minor: Int) -> Int {
        if product == .gsx { return 7 }
        switch (major, minor) {
        case (..<4, _): return 4
        case (4, _): return 7
        case (5, 0): return 8
        case (5, 1...4): return 9
        case (5, _): return 10
        case (6, 0...4): return 11
        case (6, 5...6): return 13
        case (6, _): return 14
        case (7, _): return 17
        default: return 20
        }
    }
}
