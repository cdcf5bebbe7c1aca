#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Character-set conversion of `.vmx` files that ESX wrote in a legacy code page.
public enum VMXEncoding {
    /// Converts `bytes` from the character set `encoding` (an iconv name such as `windows-1252`,
    /// `Shift_JIS` or `GBK`) to UTF-8.
    public static func convertToUTF8(_ bytes: [UInt8], from encoding: String) throws -> [UInt8] {
        guard !encoding.isEmpty, encoding.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw VMXError.unknownEncoding(encoding)
        }
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { throw VMXError.unknownEncoding(encoding) }
        defer { iconv_close(descriptor) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var failed = false
        var consumed = 0
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                failed = status == -1 || inLeft != 0
                consumed = inBuffer.count - inLeft
                produced = outBuffer.count - outLeft
            }
        }
        if failed {
            throw VMXError.encodingConversion(encoding: encoding, line: line(of: consumed, in: bytes))
        }
        return Array(output[0..<produced])
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[0..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
