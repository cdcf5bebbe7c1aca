import CCurl

/// Maps a failed transfer's `CURLcode` to ``TransportError``.
enum CurlErrorMapping {
    static let connectCodes: Set<UInt32> = [
        CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_PROXY,
    ].map(\.rawValue).reduce(into: []) { $0.insert($1) }

    static let tlsCodes: Set<UInt32> = [
        CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ENGINE_NOTFOUND,
        CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_USE_SSL_FAILED,
        CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
        CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
        CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT,
    ].map(\.rawValue).reduce(into: []) { $0.insert($1) }

    /// The error for `code`; `detail` is libcurl's error buffer text (may be empty).
    static func error(
        code: CURLcode, detail: String, url: String, state: CurlTransferState, limit: Int
    ) -> TransportError {
        if state.isCancelled { return .cancelled(url: url) }
        if state.exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return .responseTooLarge(url: url, limit: limit)
        }
        let message = detail.isEmpty ? describe(code: code) : detail
        if code == CURLE_OPERATION_TIMEDOUT { return .timedOut(url: url, message: message) }
        if connectCodes.contains(code.rawValue) { return .couldNotConnect(url: url, message: message) }
        if tlsCodes.contains(code.rawValue) { return .tls(url: url, message: message) }
        return .curl(url: url, code: Int(code.rawValue), message: message)
    }

    /// libcurl's fixed description of `code`.
    static func describe(code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "curl error \(code.rawValue)" }
        return String(cString: text)
    }
}
