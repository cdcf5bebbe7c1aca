/// Breaking a line at one of its top-level bracket pairs.
///
/// `(` and `[` put their comma-separated elements one per line (a collection literal gets a trailing
/// comma); `{` puts its body on one line, keeping a closure's `params in` on the opening line.
/// Preferred: a pair after which every line fits, a value before a type, then the one with the
/// longest content, then the first; failing that, the first pair whose opening line fits.
struct PairBreak {
    var head: String
    var elements: [String]
    var tail: String
    var contentLength: Int
    /// Whether the pair follows `: ` or `-> ` (a type, as in `let all: [Property] = [...]`).
    var isType: Bool

    var lineBreak: LineWrapper.Break {
        LineWrapper.Break(pieces: [(head, 0)] + elements.map { ($0, 4) } + [(tail, 0)])
    }

    func isPreferred(to other: PairBreak) -> Bool {
        isType != other.isType ? !isType : contentLength > other.contentLength
    }

    /// The break at the pair opened at `open`, nil when the pair is empty.
    init?(_ structure: BracketStructure, open: Int) {
        let bytes = structure.bytes
        guard let close = structure.closing[open] else { return nil }
        let inner = structure.text((open + 1)..<close)
        guard !inner.isEmpty else { return nil }
        head = structure.text(0..<(open + 1))
        tail = structure.text(close..<bytes.count)
        contentLength = inner.utf8.count
        isType = head.dropLast().hasSuffix(": ") || head.dropLast().hasSuffix("-> ")
        if bytes[open] == UInt8(ascii: "{") {
            let (signature, body) = Self.closureSignature(inner)
            if let signature { head += " " + signature }
            elements = [body]
            return
        }
        elements = []
        var start = open + 1
        for comma in structure.commas(inside: open) + [close] {
            elements.append(structure.text(start..<comma))
            start = comma + 1
        }
        if elements.last?.isEmpty == true { elements.removeLast() }  // an existing trailing comma
        let trailing = elements.count > 1 && Self.isCollectionLiteral(bytes, open: open)
        for index in elements.indices where index < elements.count - 1 || trailing { elements[index] += "," }
    }

    /// A `[` not directly after an expression or type opens an array or dictionary literal.
    static func isCollectionLiteral(_ bytes: [UInt8], open: Int) -> Bool {
        guard bytes[open] == UInt8(ascii: "[") else { return false }
        guard open > 0 else { return true }
        let previous = bytes[open - 1]
        let endsExpression = previous >= 0x80 || "_)]?!>`".utf8.contains(previous)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(previous | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(previous)
        return !endsExpression
    }

    /// Splits a closure's `params in` (an identifier list or a parenthesized list) from its body.
    static func closureSignature(_ inner: String) -> (signature: String?, body: String) {
        guard let range = inner.range(of: " in ") else { return (nil, inner) }
        let signature = inner[..<range.lowerBound]
        let isIdentifiers = signature.split(separator: ",").allSatisfy { name in
            let name = name.trimmingSpaces
            return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
        }
        let isParenthesized = signature.hasPrefix("(") && signature.hasSuffix(")") && !signature.contains("{")
        guard isIdentifiers || isParenthesized else { return (nil, inner) }
        return (signature + " in", String(inner[range.upperBound...]))
    }
}

extension LineWrapper {
    /// The preferred pair break of a line at `indentation` (see `PairBreak`).
    func pairBreak(_ structure: BracketStructure, indentation: Int) -> Break? {
        let candidates = structure.topLevelPairs.compactMap { PairBreak(structure, open: $0.open) }
        func fits(_ line: String, deeper: Int = 0) -> Bool { indentation + deeper + line.utf8.count <= width }
        var best: PairBreak?
        for candidate in candidates
        where fits(candidate.head) && fits(candidate.tail) && candidate.elements.allSatisfy({ fits($0, deeper: 4) }) {
            if let current = best, !candidate.isPreferred(to: current) { continue }
            best = candidate
        }
        return (best ?? candidates.first { fits($0.head) })?.lineBreak
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else {
            return ""
        }
        return String(self[first...last])
    }
}
