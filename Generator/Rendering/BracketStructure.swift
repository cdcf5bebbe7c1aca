/// The bracket structure of one line of Swift: which `(`, `[` and `{` pair up, ignoring those inside
/// string literals and comments. Brackets left open or closed by neighbouring lines stay unpaired.
struct BracketStructure {
    let characters: [Character]
    /// Closing index of every paired opening bracket.
    private(set) var closing: [Int: Int] = [:]
    /// Whether a character belongs to a string literal or a comment (never split there).
    private(set) var isOpaque: [Bool]

    /// Fails for a line holding a multi-line string delimiter (`"""`), which must not be re-laid out.
    init?(_ text: String) {
        characters = Array(text)
        isOpaque = Array(repeating: false, count: characters.count)
        var open: [Int] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\"" || (character == "#" && rawStringStarts(at: index)) {
                guard let end = stringEnd(from: index) else { return nil }
                for opaque in index...end { isOpaque[opaque] = true }
                index = end + 1
                continue
            }
            if character == "/", index + 1 < characters.count, "/*".contains(characters[index + 1]) {
                let end = commentEnd(from: index)
                for opaque in index...end { isOpaque[opaque] = true }
                index = end + 1
                continue
            }
            if Self.openers.contains(character) {
                open.append(index)
            } else if let opener = Self.openerOf[character], let last = open.last, characters[last] == opener {
                closing[last] = index
                open.removeLast()
            }
            index += 1
        }
    }

    static let openers: Set<Character> = ["(", "[", "{"]
    static let openerOf: [Character: Character] = [")": "(", "]": "[", "}": "{"]

    /// Paired brackets not enclosed by another pair, in order.
    var topLevelPairs: [(open: Int, close: Int)] {
        var pairs: [(open: Int, close: Int)] = []
        var index = 0
        while index < characters.count {
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
        return positions(of: ",", in: (open + 1)..<close)
    }

    /// Positions of `character` in `range` outside nested pairs and literals.
    func positions(of character: Character, in range: Range<Int>) -> [Int] {
        var found: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if let nestedClose = closing[index] {
                index = nestedClose + 1
                continue
            }
            if characters[index] == character, !isOpaque[index] { found.append(index) }
            index += 1
        }
        return found
    }

    // MARK: Literals and comments

    private func rawStringStarts(at index: Int) -> Bool {
        var next = index
        while next < characters.count, characters[next] == "#" { next += 1 }
        return next < characters.count && characters[next] == "\""
    }

    /// The index of the last character of the string literal starting at `start` (its end of line when
    /// unterminated); nil for a multi-line delimiter.
    private func stringEnd(from start: Int) -> Int? {
        var hashes = 0
        var index = start
        while characters[index] == "#" {
            hashes += 1
            index += 1
        }
        if index + 2 < characters.count, characters[index + 1] == "\"", characters[index + 2] == "\"" { return nil }
        index += 1
        while index < characters.count {
            let character = characters[index]
            if character == "\\" && hashes == 0 {
                if index + 1 < characters.count, characters[index + 1] == "(" {
                    index = interpolationEnd(from: index + 1) + 1
                } else {
                    index += 2
                }
                continue
            }
            if character == "\"" && closesRawString(at: index, hashes: hashes) { return index + hashes }
            index += 1
        }
        return characters.count - 1
    }

    private func closesRawString(at index: Int, hashes: Int) -> Bool {
        guard index + hashes < characters.count else { return false }
        return (0..<hashes).allSatisfy { characters[index + 1 + $0] == "#" }
    }

    /// The `)` ending an interpolation opened at `open`, skipping nested strings.
    private func interpolationEnd(from open: Int) -> Int {
        var depth = 0
        var index = open
        while index < characters.count {
            switch characters[index] {
            case "\"":
                guard let end = stringEnd(from: index) else { return characters.count - 1 }
                index = end
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return characters.count - 1
    }

    private func commentEnd(from start: Int) -> Int {
        guard characters[start + 1] == "*" else { return characters.count - 1 }
        var index = start + 2
        while index + 1 < characters.count {
            if characters[index] == "*" && characters[index + 1] == "/" { return index + 1 }
            index += 1
        }
        return characters.count - 1
    }
}
