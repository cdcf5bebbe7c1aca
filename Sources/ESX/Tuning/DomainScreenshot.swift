import VI

/// `virsh screenshot`, the way libvirt's ESX driver takes it: the host must report
/// `capability.screenshotSupported`, the domain must be running, and the PNG comes from
/// `GET /screen?id=<moref>` over the session's transport (cookie, TLS rules, proxy).
extension ESXConnection {
    /// The PNG bytes of the domain's screen 0.
    public func screenshot(of domain: Domain) async throws(ESXError) -> [UInt8] {
        let host = try await host(of: domain)
        let supported = try await run { client in
            try await client.retrieveProperties(of: [host], [.capability.screenshotSupported]).first?[
                .capability.screenshotSupported]
        }
        guard supported == true else {
            throw .tuning(.unsupported("the host of domain '\(domain.name)' does not support screenshots"))
        }
        let current = try await self.domain(domain.vm)
        guard current.state == .running else { throw .domainNotRunning(current.name) }
        let url = screenURL(domain.vm)
        let response = try await run { client in
            var headers: [(name: String, value: String)] = [("Accept", "image/png")]
            if let cookie = client.sessionCookie { headers.append(("Cookie", cookie)) }
            return try await client.transport.send(HTTPRequest(url: url, method: "GET", headers: headers))
        }
        guard response.status == 200 else {
            throw .tuning(.unsupported(
                "could not take a screenshot of domain '\(domain.name)': GET /screen answered HTTP \(response.status)"))
        }
        guard response.body.starts(with: Self.pngSignature) else {
            throw .tuning(.unsupported(
                "could not take a screenshot of domain '\(domain.name)': the server did not send a PNG image"))
        }
        return response.body
    }

    /// `https://host:port/screen?id=<moref>`.
    func screenURL(_ vm: VirtualMachine) -> String {
        var base = uri.sdkURL.absoluteString
        if base.hasSuffix("/sdk") { base.removeLast(4) }
        return "\(base)/screen?id=\(URIPercentCoding.encode(vm.ref.value))"
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
}
