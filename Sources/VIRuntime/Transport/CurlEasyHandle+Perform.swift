import CCurl

extension CurlEasyHandle {
    /// Runs one blocking transfer on the calling (worker) thread.
    ///
    /// The handle is reset first (live connections survive a reset), then configured from
    /// `request`, `options` and `limits`. `state` collects the response and carries the cancellation flag.
    func perform(
        _ request: HTTPRequest, options: TransportOptions, limits: CurlTransferLimits, state: CurlTransferState,
        displayURL: String
    ) -> Result<HTTPResponse, TransportError> {
        if state.isCancelled { return .failure(.cancelled(url: displayURL)) }
        curl_easy_reset(raw)
        errorBuffer[0] = 0

        var headerList = CurlHeaderList()
        defer { headerList.free() }
        var setup = CurlOptionSetter(handle: raw)
        configureConnection(&setup, request: request, options: options, streamed: state.stream != nil)
        configureLimits(&setup, limits)
        configureCallbacks(&setup, state: state)
        configureHeaders(&setup, &headerList, request: request)
        if let failure = setup.firstFailure {
            return .failure(.curl(url: displayURL, code: Int(failure.rawValue),
                                  message: "setting up the request failed: \(CurlErrorMapping.describe(code: failure))"))
        }
        if Self.usesPin(options) {
            let code = installPin(options)
            guard code == CURLE_OK else {
                return .failure(.invalidConfiguration(
                    message: "certificate thumbprint pinning needs libcurl with the OpenSSL TLS backend: "
                        + CurlErrorMapping.describe(code: code)))
            }
        }

        let started = ContinuousClock.now
        let code = withBody(request, state: state, &setup) { () -> CURLcode in
            sockets.begin(state)
            defer { sockets.end() }
            // Checked after begin(): a cancel from now on also interrupts the sockets.
            if state.isCancelled { return CURLE_ABORTED_BY_CALLBACK }
            return curl_easy_perform(raw)
        }
        if let failure = setup.firstFailure {
            return .failure(.curl(url: displayURL, code: Int(failure.rawValue),
                                  message: "setting up the request body failed: \(CurlErrorMapping.describe(code: failure))"))
        }
        state.peerThumbprint = seenThumbprint
        guard code == CURLE_OK else {
            if let mismatch = thumbprintMismatch(url: displayURL, options: options) { return .failure(mismatch) }
            let facts = failureFacts(limits: limits, elapsed: ContinuousClock.now - started)
            return .failure(CurlErrorMapping.error(
                code: code, facts: facts, url: displayURL, state: state, sizeLimit: options.maxResponseBytes))
        }
        var status = 0
        if vi_curl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status == 0 {
            return .failure(.curl(url: displayURL, code: Int(CURLE_WEIRD_SERVER_REPLY.rawValue),
                                  message: "no HTTP status received"))
        }
        return .success(HTTPResponse(status: status, headers: state.headers, body: state.body))
    }

    private func configureConnection(
        _ s: inout CurlOptionSetter, request: HTTPRequest, options: TransportOptions, streamed: Bool
    ) {
        s.string(CURLOPT_URL, request.url)
        s.check(vi_curl_easy_restrict_protocols_http(raw))
        s.long(CURLOPT_NOSIGNAL, 1)
        s.long(CURLOPT_FOLLOWLOCATION, 0)
        s.long(CURLOPT_TCP_KEEPALIVE, 1)
        s.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        let verify = options.verifyPeer && !Self.usesPin(options)  // a pinned thumbprint replaces verification
        s.long(CURLOPT_SSL_VERIFYPEER, verify ? 1 : 0)
        s.long(CURLOPT_SSL_VERIFYHOST, verify ? 2 : 0)
        if verify, let caFile = options.caFile { s.string(CURLOPT_CAINFO, caFile) }
        if let proxy = options.proxy {
            s.string(CURLOPT_PROXY, Self.proxyHost(proxy.host))
            s.long(CURLOPT_PROXYPORT, proxy.port)
            s.long(CURLOPT_PROXYTYPE, Self.proxyType(proxy.kind))
        } else {
            s.string(CURLOPT_PROXY, "")  // no proxy, and ignore *_proxy environment variables
        }
        s.string(CURLOPT_USERAGENT, options.userAgent)
        if options.maxResponseBytes > 0 && !streamed {  // a streamed body is never held
            s.offset(CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes))
        }
        if options.acceptCompressedResponses { s.string(CURLOPT_ACCEPT_ENCODING, "") }
    }

    private func configureCallbacks(_ s: inout CurlOptionSetter, state: CurlTransferState) {
        let context = Unmanaged.passUnretained(state).toOpaque()
        s.check(vi_curl_easy_setopt_write_callback(raw, curlWriteBody))
        s.pointer(CURLOPT_WRITEDATA, context)
        s.check(vi_curl_easy_setopt_header_callback(raw, curlWriteHeader))
        s.pointer(CURLOPT_HEADERDATA, context)
        s.check(vi_curl_easy_setopt_xferinfo_callback(raw, curlTransferProgress))
        s.pointer(CURLOPT_XFERINFODATA, context)
        let registry = Unmanaged.passUnretained(sockets).toOpaque()
        s.check(vi_curl_easy_setopt_opensocket_callback(raw, curlOpenSocket))
        s.pointer(CURLOPT_OPENSOCKETDATA, registry)
        s.check(vi_curl_easy_setopt_closesocket_callback(raw, curlCloseSocket))
        s.pointer(CURLOPT_CLOSESOCKETDATA, registry)
    }

    private func configureHeaders(_ s: inout CurlOptionSetter, _ list: inout CurlHeaderList, request: HTTPRequest) {
        var hasExpect = false
        var hasContentType = false
        for header in request.headers {
            hasExpect = hasExpect || HTTPResponse.sameName(header.name, "Expect")
            hasContentType = hasContentType || HTTPResponse.sameName(header.name, "Content-Type")
            // "Name;" is libcurl's way to send an empty value ("Name:" would remove the header).
            list.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        if !hasExpect { list.append("Expect:") }  // no 100-continue round trip
        if !hasContentType { list.append("Content-Type:") }  // no invented form content type
        if list.failed {
            s.check(CURLE_OUT_OF_MEMORY)
            return
        }
        s.pointer(CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list.head))
    }

    /// Sets method and body, then runs `perform` while the body bytes stay valid
    /// (CURLOPT_POSTFIELDS does not copy). A streamed upload reads its body from the state's source.
    private func withBody(
        _ request: HTTPRequest, state: CurlTransferState, _ s: inout CurlOptionSetter, _ perform: () -> CURLcode
    ) -> CURLcode {
        let method = request.method.uppercased()
        if let stream = state.stream, stream.source != nil {
            s.long(CURLOPT_UPLOAD, 1)
            if method != "PUT" { s.string(CURLOPT_CUSTOMREQUEST, request.method) }
            s.offset(CURLOPT_INFILESIZE_LARGE, curl_off_t(stream.sourceLength))
            s.check(vi_curl_easy_setopt_read_callback(raw, curlReadBody))
            s.pointer(CURLOPT_READDATA, Unmanaged.passUnretained(state).toOpaque())
            return s.firstFailure == nil ? perform() : CURLE_FAILED_INIT
        }
        if method == "HEAD" {
            s.long(CURLOPT_NOBODY, 1)
            return s.firstFailure == nil ? perform() : CURLE_FAILED_INIT
        }
        if method == "GET" && request.body.isEmpty {
            s.long(CURLOPT_HTTPGET, 1)
            if request.method != "GET" { s.string(CURLOPT_CUSTOMREQUEST, request.method) }
            return s.firstFailure == nil ? perform() : CURLE_FAILED_INIT
        }
        if request.method != "POST" { s.string(CURLOPT_CUSTOMREQUEST, request.method) }
        s.long(CURLOPT_POST, 1)
        s.offset(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
        var empty: UInt8 = 0  // POSTFIELDS must not be NULL, or libcurl would read stdin
        return withUnsafeMutablePointer(to: &empty) { emptyPointer in
            request.body.withUnsafeBytes { bytes in
                s.pointer(CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(emptyPointer)))
                return s.firstFailure == nil ? perform() : CURLE_FAILED_INIT
            }
        }
    }

    private static func proxyType(_ kind: ProxyConfiguration.Kind) -> Int {
        let type: curl_proxytype = switch kind {
        case .http: CURLPROXY_HTTP
        case .socks4: CURLPROXY_SOCKS4
        case .socks4a: CURLPROXY_SOCKS4A
        case .socks5: CURLPROXY_SOCKS5
        }
        return Int(type.rawValue)
    }

    /// Brackets a bare IPv6 address.
    private static func proxyHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") && !host.contains("://") ? "[\(host)]" : host
    }
}
