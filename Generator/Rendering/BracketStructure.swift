/// The bracket structure of one line of Swift: which `(`, `[` and `{` pair up, ignoring those inside
/// string literals and comments. Brackets left open or closed by neighbouring lines stay unpaired.
/// Works on UTF-8 bytes: every character it looks for is ASCII, so cuts never fall inside a character.
struct BracketStructure {
    let bytes: [UInt8]
    /// Closing index of every paired opening bracket.
    private(set) var closing: [Int: Int] = [:]
    /// Whether a byte belongs to a string literal or a comment (never split there).
    private(set) var isOpaque: [Bool]

    /// Fails for a line holding a multi-line string delimiter (`"""`), which must not be re-laid out.
    init?(_ text: String) {
        bytes = Array(text.utf8)
        isOpaque = Array(repeating: false, count: bytes.count)
        var open: [Int] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == .quote || (byte == .hash && rawStringStarts(at: index)) {
                guard let end = stringEnd(from: index) else { return nil }
                for opaque in index...end { isOpaque[opaque] = true }
                index = end + 1
                continue
            }
            if byte == .slash, index + 1 < bytes.count, bytes[index + 1] == .slash || bytes[index + 1] == .star {
                let end = commentEnd(from: index)
                for opaque in index...end { isOpaque[opaque] = true }
                index = end + 1
                continue
            }
            if Self.openers.contains(byte) {
                open.append(index)
            } else if let opener = Self.openerOf[byte], let last = open.last, bytes[last] == opener {
                closing[last] = index
                open.removeLast()
            }
            index += 1
        }
    }

    static let openers: Set<UInt8> = [UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{")]
    static let openerOf: [UInt8: UInt8] = [
        UInt8(ascii: ")"): UInt8(ascii: "("),
        UInt8(ascii: "]"): UInt8(ascii: "["),
        UInt8(ascii: "}"): UInt8(ascii: "{"),
    ]

    /// The text of `range`, without leading and trailing spaces.
    func text(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == .space { lower += 1 }
        while upper > lower, bytes[upper - 1] == .space { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// Paired brackets not enclosed by another pair, in order.
    var topLevelPairs: [(open: Int, close: Int)] {
        var pairs: [(open: Int, close: Int)] = []
        var index = 0
        while index < bytes.count {
            if let close = closing[index] {
                pairs.append((index, close))
                index = close
            }
            index += 1
        }
        return pairs
    }

    /// Positions of the commas directly inside the pair opened at `open` (not nested, not in literals).
    func commas(inside open: Int) -> [Int] {
        guard let close = closing[open] else { return [] }
        return positions(of: UInt8(ascii: ","), in: (open + 1)..<close)
    }

    /// Positions of `byte` in `range` outside nested pairs and literals.
    func positions(of byte: UInt8, in range: Range<Int>) -> [Int] {
        var found: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if let nestedClose = closing[index] {
                index = nestedClose + 1
                continue
            }
            if bytes[index] == byte, !isOpaque[index] { found.append(index) }
            index += 1
        }
        return found
    }

    // MARK: Literals and comments

    private func rawStringStarts(at index: Int) -> Bool {
        var next = index
        while next < bytes.count, bytes[next] == .hash { next += 1 }
        return next < bytes.count && bytes[next] == .quote
    }

    /// The index of the last byte of the string literal starting at `start` (its end of line when
    /// unterminated); nil for a multi-line delimiter.
    private func stringEnd(from start: Int) -> Int? {
        var hashes = 0
        var index = start
        while bytes[index] == .hash {
            hashes += 1
            index += 1
        }
        if index + 2 < bytes.count, bytes[index + 1] == .quote, bytes[index + 2] == .quote { return nil }
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == .backslash && hashes == 0 {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "(") {
                    index = interpolationEnd(from: index + 1) + 1
                } else {
                    index += 2
                }
                continue
            }
            if byte == .quote && closesRawString(at: index, hashes: hashes) { return index + hashes }
            index += 1
        }
        return bytes.count - 1
    }

    private func closesRawString(at index: Int, hashes: Int) -> Bool {
        guard index + hashes < bytes.count else { return false }
        return (0..<hashes).allSatisfy { bytes[index + 1 + $0] == .hash }
    }

    /// The `)` ending an interpolation opened at `open`, skipping nested strings.
    private func interpolationEnd(from open: Int) -> Int {
        var depth = 0
        var index = open
        while index < bytes.count {
            switch bytes[index] {
            case .quote:
                guard let end = stringEnd(from: index) else { return bytes.count - 1 }
                index = end
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return bytes.count - 1
    }

    private func commentEnd(from start: Int) -> Int {
        guard bytes[start + 1] == .star else { return bytes.count - 1 }
        var index = start + 2
        while index + 1 < bytes.count {
            if bytes[index] == .star && bytes[index + 1] == .slash { return index + 1 }
            index += 1
        }
        return bytes.count - 1
    }
}

extension UInt8 {
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let slash = UInt8(ascii: "/")
    static let star = UInt8(ascii: "*")
    static let backslash = UInt8(ascii: "\\")
}
