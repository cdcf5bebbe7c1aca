import VI
import VMX

/// A file on a datastore as libvirt's ESX storage driver (VMFS backend) shows it: a virtual disk
/// (`.vmdk`), a CD image (`.iso`) or a floppy image (`.flp`), found by the datastore browser.
public struct StorageVolume: Sendable, Hashable, Codable {
    /// The pool (datastore) name.
    public var pool: String
    /// The volume name: the path below the datastore, `directory/file`.
    public var name: String
    /// The datastore path, `[pool] directory/file` (libvirt's volume path).
    public var path: String
    /// The virtual disk's UUID (libvirt's reformatted `QueryVirtualDiskUuid` answer) when the
    /// server supports it and the file is a disk; the datastore path otherwise.
    public var key: String
    /// Always `file` on ESX.
    public var type: String
    /// `vmdk`, `iso` or `raw` (floppy image); nil for a file type libvirt does not know.
    public var format: String?
    /// Bytes: a disk's `capacityKb` × 1024; a file's size otherwise.
    public var capacity: Int64
    /// Bytes: the file size the datastore browser reports.
    public var allocation: Int64

    /// A volume from its parts; `type` is `file`.
    public init(
        pool: String, name: String, key: String, format: String?, capacity: Int64, allocation: Int64
    ) {
        self.pool = pool
        self.name = name
        path = "[\(pool)] \(name)"
        self.key = key
        type = "file"
        self.format = format
        self.capacity = capacity
        self.allocation = allocation
    }

    /// The format and sizes libvirt derives from the browser's `FileInfo` subtype.
    static func shape(of file: any FileInfoProtocol) -> (format: String?, capacity: Int64, allocation: Int64) {
        let size = file.fileSize ?? 0
        switch file {
        case let disk as VmDiskFileInfo:
            let (capacity, overflow) = (disk.capacityKb ?? 0).multipliedReportingOverflow(by: 1024)
            return ("vmdk", overflow ? Int64.max : capacity, size)
        case is IsoImageFileInfo:
            return ("iso", size, size)
        case is FloppyImageFileInfo:
            return ("raw", size, size)
        default:
            return (nil, size, size)
        }
    }
}

/// libvirt's storage volume XML (`virStorageVolDefFormat`'s order: name, key, source, capacity,
/// allocation, target with path and format).
public enum StorageVolumeXML {
    /// The `<volume type='file'>` document of `volume`; a file of unknown type is an error, as in libvirt.
    public static func format(_ volume: StorageVolume) throws(HostResourceError) -> String {
        guard let format = volume.format else {
            throw .unexpected("file '\(volume.path)' has unknown type")
        }
        var w = XMLWriter()
        w.open("volume", ["type": volume.type])
        w.leaf("name", text: volume.name)
        w.leaf("key", text: volume.key)
        w.open("source")
        w.close("source")
        w.leaf("capacity", ["unit": "bytes"], text: "\(volume.capacity)")
        w.leaf("allocation", ["unit": "bytes"], text: "\(volume.allocation)")
        w.open("target")
        w.leaf("path", text: volume.path)
        w.empty("format", ["type": format])
        w.close("target")
        w.close("volume")
        return w.text
    }
}

/// libvirt's `esxUtil_ReformatUuid`: ESX writes disk UUIDs as 16 hex bytes separated by spaces
/// and a dash (`60 00 C2 9d ... 4e-b9 3e ...`); libvirt keys use the canonical lowercase form.
public enum VirtualDiskUUID {
    /// The canonical `8-4-4-4-12` lowercase form, or nil when `text` does not hold exactly 32
    /// hex digits (spaces and dashes between them are ignored).
    public static func reformat(_ text: String) -> String? {
        var digits: [Character] = []
        for character in text {
            if character == " " || character == "-" { continue }
            guard character.isHexDigit, character.isASCII else { return nil }
            digits.append(Character(character.lowercased()))
        }
        guard digits.count == 32 else { return nil }
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }
        return groups.joined(separator: "-")
    }
}
