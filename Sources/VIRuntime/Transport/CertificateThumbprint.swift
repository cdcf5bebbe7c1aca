/// The SHA-256 thumbprint of a server's DER-encoded leaf certificate, as govc's `--thumbprint`
/// and vSphere's `sslThumbprint` fields show it: 32 bytes, written `AA:BB:...`.
public struct CertificateThumbprint: Sendable, Hashable, CustomStringConvertible {
    /// Bytes of a SHA-256 digest.
    public static let byteCount = 32

    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Nil unless `bytes` has 32 elements.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Parses colon-separated hex pairs (`AA:bb:...`) or bare hex (`AAbb...`), case-insensitive;
    /// surrounding white space is ignored. A SHA-1 thumbprint (20 bytes) is refused.
    public init(parsing text: String) throws(CertificateThumbprintError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        let digits: [UInt8]
        if trimmed.contains(":") {
            let groups = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            guard groups.allSatisfy({ $0.utf8.count == 2 }) else { throw .malformedGroups }
            digits = Array(groups.joined(separator: "").utf8)
        } else {
            digits = Array(trimmed.utf8)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.hexValue(digits[index]),
                  index + 1 < digits.count, let low = Self.hexValue(digits[index + 1])
            else {
                throw Self.hexValue(digits[index]) == nil ? .notHex : .oddDigitCount
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        if bytes.count == 20 { throw .sha1 }
        guard bytes.count == Self.byteCount else { throw .wrongLength(bytes: bytes.count) }
        self.bytes = bytes
    }

    /// Upper-case hex pairs joined by colons.
    public var description: String {
        let hex: [Character] = Array("0123456789ABCDEF")
        return bytes.map { String([hex[Int($0 >> 4)], hex[Int($0 & 0x0F)]]) }.joined(separator: ":")
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why a text is not a SHA-256 certificate thumbprint.
public enum CertificateThumbprintError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    /// Colons present, but not between every pair of hex digits.
    case malformedGroups
    /// A character other than a hex digit (or a colon between pairs).
    case notHex
    case oddDigitCount
    /// 20 bytes: a SHA-1 thumbprint, which is not accepted.
    case sha1
    /// Neither 32 bytes (SHA-256) nor 20 (SHA-1).
    case wrongLength(bytes: Int)

    public var description: String {
        let expected = "expected the SHA-256 thumbprint of the certificate: 32 bytes as hex, e.g. AA:BB:...:FF"
        switch self {
        case .empty: return "empty thumbprint; \(expected)"
        case .malformedGroups: return "colons must separate pairs of hex digits; \(expected)"
        case .notHex: return "not a hex digit; \(expected)"
        case .oddDigitCount: return "odd number of hex digits; \(expected)"
        case .sha1:
            return "SHA-1 thumbprints are not accepted (SHA-1 is broken); give the SHA-256 thumbprint, "
                + "e.g. from `openssl x509 -noout -fingerprint -sha256` or `esx trust`"
        case let .wrongLength(bytes): return "\(bytes) bytes; \(expected)"
        }
    }
}

extension String {
    fileprivate func trimmingASCIIWhitespace() -> Substring {
        let isSpace = { (c: Character) in c == " " || c == "\t" || c == "\n" || c == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
