/// How a vSphere entity name (VM, datacenter, folder, host) becomes the name users see.
///
/// vSphere stores `%`, `/` and `\` in entity names as `%25`, `%2f` and `%5c`
/// (``VMXEscaping/escapePercent(_:)``). Showing a name follows libvirt: every `%XX`
/// (hex of either case) is decoded. Unlike the strict ``VMXEscaping/unescapePercent(_:)``
/// this never fails: a `%` not followed by two hex digits (`bad%zz`), or escaped bytes
/// that do not form UTF-8 (`%ff`), stay as written, escape by escape.
public enum EntityName {
    /// The name users see for `raw`, a name as the server reports it.
    public static func fromServer(_ raw: String) -> String {
        let percent = UInt8(ascii: "%")
        let bytes = Array(raw.utf8)
        guard bytes.contains(percent) else { return raw }

        // Decode every valid escape, remembering where each decoded byte starts in `bytes`.
        var decoded: [UInt8] = []
        var escapeStart: [Int?] = []
        decoded.reserveCapacity(bytes.count)
        escapeStart.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == percent, index + 2 < bytes.count,
                let high = EscapeHexDigits.value(bytes[index + 1]),
                let low = EscapeHexDigits.value(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                escapeStart.append(index)
                index += 3
            } else {
                decoded.append(bytes[index])
                escapeStart.append(nil)
                index += 1
            }
        }

        // Copy valid UTF-8; put the escapes of invalid bytes back as they were written.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = decoded.makeIterator()
        var position = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                out.append(contentsOf: scalar)
                position += scalar.count
            case .error(let length):
                for offset in position..<(position + length) {
                    if let start = escapeStart[offset] {
                        out.append(contentsOf: bytes[start..<(start + 3)])
                    } else {
                        out.append(decoded[offset])
                    }
                }
                position += length
            case .emptyInput:
                return String(decoding: out, as: UTF8.self)
            }
        }
    }
}
