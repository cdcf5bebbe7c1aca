import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a failed transfer's `CURLcode` to ``TransportError``.
enum CurlErrorMapping {
    /// What libcurl reported about a failed transfer, besides its code.
    struct Facts {
        /// libcurl's error buffer text (may be empty).
        var detail: String
        /// `CURLINFO_OS_ERRNO`: the system error of the last connect, or 0.
        var osErrno: Int
        /// For `CURLE_OPERATION_TIMEDOUT`: the limit that elapsed.
        var expired: (limit: TransportTimeout, after: Double)
    }

    static let connectCodes = codes(CURLE_COULDNT_CONNECT, CURLE_PROXY)
    static let lookupCodes = codes(CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY)
    /// The connection broke: closed mid-body, reset, or closed before any response.
    static let lostCodes = codes(CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING)
    /// The peer's certificate was refused (CURLE_SSL_CACERT is the same code since libcurl 7.62).
    static let verificationCodes = codes(
        CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
        CURLE_SSL_ISSUER_ERROR)
    static let tlsCodes = codes(
        CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CERTPROBLEM,
        CURLE_SSL_CIPHER, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CACERT_BADFILE,
        CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_CLIENTCERT)

    /// The error for `code`.
    static func error(
        code: CURLcode, facts: Facts, url: String, state: CurlTransferState, sizeLimit: Int
    ) -> TransportError {
        if state.isCancelled { return .cancelled(url: url) }
        if state.exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return .responseTooLarge(url: url, limit: sizeLimit)
        }
        let message = facts.detail.isEmpty ? describe(code: code) : facts.detail
        let raw = code.rawValue
        if code == CURLE_OPERATION_TIMEDOUT {
            return .timedOut(url: url, limit: facts.expired.limit, after: facts.expired.after)
        }
        if lookupCodes.contains(raw) { return .hostNotFound(url: url, message: message) }
        if code == CURLE_COULDNT_CONNECT && facts.osErrno == Int(ECONNREFUSED) {
            return .connectionRefused(url: url, message: message)
        }
        if connectCodes.contains(raw) { return .couldNotConnect(url: url, message: message) }
        if verificationCodes.contains(raw) { return .tlsVerificationFailed(url: url, message: message) }
        if tlsCodes.contains(raw) { return .tls(url: url, message: message) }
        if lostCodes.contains(raw) { return .connectionLost(url: url, message: message) }
        return .curl(url: url, code: Int(raw), message: message)
    }

    /// libcurl's fixed description of `code`.
    static func describe(code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "curl error \(code.rawValue)" }
        return String(cString: text)
    }

    private static func codes(_ codes: CURLcode...) -> Set<UInt32> {
        Set(codes.map(\.rawValue))
    }
}
