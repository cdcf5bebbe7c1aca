import VI

/// Reading a domain's `.vmx` file over the server's datastore HTTP interface
/// (`/folder/<path>?dcPath=<datacenter>&dsName=<datastore>`, with the session cookie).
extension ESXConnection {
    /// The raw bytes of the domain's `.vmx` file; ``ESXError/vmxUnavailable(domain:reason:)``
    /// when the server has none, does not serve it, or serves an empty file.
    public func vmxFile(_ domain: Domain) async throws(ESXError) -> [UInt8] {
        let properties = try await properties(of: domain.vm, [.config.files.vmPathName])
        guard let text = properties[.config.files.vmPathName], !text.isEmpty else {
            throw .vmxUnavailable(domain: domain.name, reason: "the server reports no .vmx path")
        }
        let path: DatastorePath
        do { path = try DatastorePath(parsing: text) } catch {
            throw .vmxUnavailable(domain: domain.name, reason: "cannot parse the .vmx path '\(text)'")
        }
        let url = folderURL(path)
        let response = try await run { client in
            var headers: [(name: String, value: String)] = [("Accept", "*/*")]
            if let cookie = client.sessionCookie { headers.append(("Cookie", cookie)) }
            return try await client.transport.send(HTTPRequest(url: url, method: "GET", headers: headers))
        }
        guard response.status == 200 else {
            throw .vmxUnavailable(domain: domain.name, reason: "GET '\(path)' answered HTTP \(response.status)")
        }
        guard !response.body.isEmpty else {
            throw .vmxUnavailable(domain: domain.name, reason: "the server's file '\(path)' is empty")
        }
        return response.body
    }

    /// `https://host:port/folder/<path>?dcPath=<datacenter path>&dsName=<datastore>`.
    func folderURL(_ path: DatastorePath) -> String {
        var base = uri.sdkURL.absoluteString
        if base.hasSuffix("/sdk") { base.removeLast(4) }
        let file = URIPercentCoding.encode(path.directoryAndFileName, keeping: "/")
        let datacenter = URIPercentCoding.encode(inventory.datacenterPath)
        return "\(base)/folder/\(file)?dcPath=\(datacenter)&dsName=\(URIPercentCoding.encode(path.datastore))"
    }
}
