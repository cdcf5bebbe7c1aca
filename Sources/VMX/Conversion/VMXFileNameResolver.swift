/// Maps file names between the `.vmx` form (`/vmfs/volumes/ds/dir/file`, names relative to the
/// `.vmx` directory, other absolute paths) and the domain XML form (`[ds] dir/file`).
///
/// A resolver that does not know a datastore throws ``VMXError/unknownDatastore(name:fileName:)``;
/// the conversion then turns a CD-ROM image into an empty CD-ROM and fails for anything else.
public protocol VMXFileNameResolver: Sendable {
    /// The domain XML path of a VMX `fileName` value.
    func domainPath(fromVMX fileName: String) throws -> String
    /// The VMX `fileName` value of a domain XML path.
    func vmxFileName(fromDomain path: String) throws -> String
}

/// `[datastore] directory/file`, as vSphere writes datastore paths.
public struct DatastorePath: Sendable, Hashable, CustomStringConvertible {
    /// The datastore name between the brackets.
    public var datastore: String
    /// The directory and file name inside the datastore; empty for the datastore itself.
    public var path: String

    /// A path inside `datastore`.
    public init(datastore: String, path: String) {
        self.datastore = datastore
        self.path = path
    }

    /// Parses `[ds] path`: the datastore runs to the first `]`, blanks after it are skipped.
    public init?(parsing text: String) {
        guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return nil }
        let name = text[text.index(after: text.startIndex)..<close]
        guard !name.isEmpty else { return nil }
        datastore = String(name)
        path = String(text[text.index(after: close)...].drop { $0 == " " })
    }

    /// `path` without its last component (the whole path when it has no `/`).
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[..<slash])
    }

    /// `path` joined to this path with a `/`.
    public func appending(_ component: String) -> DatastorePath {
        DatastorePath(datastore: datastore, path: path.isEmpty ? component : path + "/" + component)
    }

    /// `[ds] path`, or `[ds]` for the datastore itself.
    public var description: String { path.isEmpty ? "[\(datastore)]" : "[\(datastore)] \(path)" }
}

/// A resolver that needs no server: it knows a list of datastores (mounted at
/// `/vmfs/volumes/<name>`) and, optionally, the datastore directory of the `.vmx` file.
public struct OfflineFileNameResolver: VMXFileNameResolver {
    /// Where ESX mounts datastores.
    public static let volumesPrefix = "/vmfs/volumes/"

    /// Datastore names that `/vmfs/volumes/<name>/…` may refer to.
    public var datastores: Set<String>
    /// Where relative names live; its datastore counts as known.
    public var vmxDirectory: DatastorePath?

    /// A resolver knowing `datastores` and, optionally, the `.vmx` directory.
    public init(datastores: some Sequence<String> = [], vmxDirectory: DatastorePath? = nil) {
        self.datastores = Set(datastores)
        self.vmxDirectory = vmxDirectory
        if let vmxDirectory { self.datastores.insert(vmxDirectory.datastore) }
    }

    public func domainPath(fromVMX fileName: String) throws -> String {
        if fileName.hasPrefix(Self.volumesPrefix) {
            let rest = fileName.dropFirst(Self.volumesPrefix.count)
            let name = String(rest.prefix { $0 != "/" })
            let path = String(rest.dropFirst(name.count).drop { $0 == "/" })
            guard !name.isEmpty else {
                throw VMXError.unresolvableFileName(fileName, reason: "no datastore after \(Self.volumesPrefix)")
            }
            guard datastores.contains(name) else { throw VMXError.unknownDatastore(name: name, fileName: fileName) }
            return DatastorePath(datastore: name, path: path).description
        }
        if fileName.hasPrefix("/") { return fileName }
        if let datastorePath = DatastorePath(parsing: fileName) {
            guard datastores.contains(datastorePath.datastore) else {
                throw VMXError.unknownDatastore(name: datastorePath.datastore, fileName: fileName)
            }
            return datastorePath.description
        }
        guard !fileName.isEmpty, !fileName.contains("\\"), !fileName.contains(":") else {
            throw VMXError.unresolvableFileName(fileName, reason: "neither a datastore path nor a relative or absolute path")
        }
        guard let vmxDirectory else {
            throw VMXError.unresolvableFileName(fileName, reason: "it is relative to the .vmx directory, which is not known")
        }
        return vmxDirectory.appending(fileName).description
    }

    public func vmxFileName(fromDomain path: String) throws -> String {
        if let datastorePath = DatastorePath(parsing: path) {
            let base = Self.volumesPrefix + datastorePath.datastore
            return datastorePath.path.isEmpty ? base : base + "/" + datastorePath.path
        }
        if path.hasPrefix("/") { return path }
        throw VMXError.unresolvableFileName(path, reason: "expected '[datastore] path' or an absolute path")
    }
}
